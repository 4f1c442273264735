//! The compiled topic model and the per-turn scorer.
//!
//! A [`TopicFile`] is compiled once into flat tables the workers share
//! read-only:
//!
//! - every lexicon phrase becomes a sequence of *term ids* (one per stem); a
//!   trie finds the longest phrase that starts at each word, so `central
//!   bank` wins over `bank`. Each node's children are one sorted run of
//!   `(term, node)` pairs in a flat array: a step is a scan of a few
//!   neighbouring pairs, where a hash map would touch two cache lines;
//! - each phrase (an *entry*) carries postings `(topic, weight)`: the same
//!   phrase may be evidence for several topics.
//!
//! Scoring a turn walks its words once ([`crate::enrich::analysis`] has
//! already turned each word into a term id, through a per-thread cache, so
//! the stemmer runs only the first time a thread meets a spelling). A term
//! knows its trie node, so a one-word phrase costs no hash lookup at all, and
//! the walk goes on only from nodes that have longer phrases below them. The
//! evidence is kept sparse: only the topics a turn touches are summed, rolled
//! up and scored, and the buffers are the thread's, reused turn after turn.
//!
//! Evidence: an entry seen `n` times adds `weight * (1 + ln n)` to each of its
//! topics (repetition counts, sublinearly; halved for a one-word phrase met
//! in another form of its stem than the lexicon writes, "share" for `shares`,
//! "banks" for `bank`: the stemmer conflates words of other meanings, and a
//! lexicon lists the forms it means), times the topic's `prior` (the
//! calibration that keeps a topic with a huge lexicon, such as sport, from
//! winning by size; a prior scales the topic's whole subtree). A topic's evidence is then added to its parent's, up the
//! tree, so a level-2 match credits its level-1 topic. The score of a topic is
//! its evidence over the evidence of all roots plus a damping term that grows
//! with the length of the turn:
//!
//! ```text
//!   score(t) = E(t) / (E(roots) + k0 + k1 * words)
//! ```
//!
//! So a score is a share of the turn's evidence, close to 1 only when the
//! evidence is both one-sided and dense, and a lone hint in a long answer
//! stays low. Scores are comparable across turns, which is what the context
//! step (`context.rs`) and the threshold need.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use super::lexicon::{TopicFile, TopicFileError};
use super::token::{is_stop_word, lower_into, stemmer, tokens};
use crate::enrich::analysis::{LISTED, Word, with_words};
use crate::record::{PendingTopics, Topic};

type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

const NONE: u32 = u32::MAX;
/// The term id of a word whose stem is in no phrase of the model.
pub const NO_TERM: u32 = NONE;

/// Damping of the score: constant part.
const K0: f64 = 3.0;
/// Damping of the score: per word of the turn.
const K1: f64 = 0.02;
/// Marks an entry met in another form than written (in `Scratch::entries`).
const OTHER_FORM: u32 = 1 << 31;
/// Weight of a one-word phrase met in another form of its stem.
const INFLECTED: f64 = 0.5;
/// The default lowest score written.
pub const DEFAULT_THRESHOLD: f64 = 0.1;
/// At most this many topics per turn.
pub const MAX_TOPICS: usize = 5;

/// One topic of the compiled model. Id and label are interned ([`intern`]):
/// every tag written borrows them.
#[derive(Debug, Clone)]
pub struct TopicInfo {
    pub id: &'static str,
    pub label: &'static str,
    pub parent: Option<u32>,
    /// The effective prior: this topic's times its ancestors'.
    pub prior: f64,
    /// Number of ancestors (0 for a root).
    pub depth: u32,
}

/// Where a term starts in the trie. The word cache keeps a copy per
/// spelling, so scoring never looks it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermStart {
    /// The trie node reached from the root by this term, or [`NO_TERM`].
    pub node: u32,
    /// The entry of the one-word phrase, or [`NO_TERM`].
    pub entry: u32,
}

impl TermStart {
    pub const NONE: TermStart = TermStart {
        node: NONE,
        entry: NONE,
    };
}

impl Default for TermStart {
    fn default() -> Self {
        TermStart::NONE
    }
}

/// The compiled, read-only topic model.
#[derive(Debug)]
pub struct TopicModel {
    pub topics: Vec<TopicInfo>,
    by_id: FastMap<String, u32>,
    max_depth: u32,
    vocab: FastMap<Box<str>, u32>,
    /// The one-word phrases, lowercase, as written.
    listed: std::collections::HashSet<Box<str>, foldhash::fast::RandomState>,
    /// Per term: its node below the root.
    term_start: Vec<TermStart>,
    /// Per trie node: the entry that ends there, or NONE.
    node_entry: Vec<u32>,
    /// Per trie node: its children, `kids[kid_start[n]..kid_start[n + 1]]`,
    /// as `(term, node)` sorted by term.
    kid_start: Vec<u32>,
    kids: Vec<(u32, u32)>,
    /// Per entry: its postings, `postings[entry_start[e]..entry_start[e+1]]`.
    entry_start: Vec<u32>,
    postings: Vec<(u32, f32)>,
    pub threshold: f64,
    /// Distinguishes models in the per-thread caches.
    uid: u64,
}

/// The evidence of one turn, per topic (rolled up), and its length in words.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    pub per_topic: Vec<f64>,
    pub words: usize,
}

/// A thread's buffers for scoring, sized for one model.
#[derive(Default)]
struct Scratch {
    uid: u64,
    /// The words where a phrase may start.
    starts: Vec<u32>,
    /// The entries matched in this turn, one per occurrence.
    entries: Vec<u32>,
    /// Per topic: evidence in this turn, and whether it is in `topics`.
    per_topic: Vec<f64>,
    seen: Vec<bool>,
    topics: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl TopicModel {
    /// The built-in IPTC taxonomy.
    pub fn builtin() -> TopicModel {
        TopicModel::compile(&TopicFile::builtin(), "<builtin iptc.toml>")
            .expect("embedded iptc.toml compiles")
    }

    /// The built-in taxonomy with a user file applied (`--topics FILE`).
    pub fn load(path: &std::path::Path) -> Result<TopicModel, TopicFileError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| TopicFileError {
            path: name.clone(),
            message: e.to_string(),
        })?;
        let user = TopicFile::parse(&name, &text)?;
        TopicModel::compile(&TopicFile::builtin().merged(user), &name)
    }

    /// Compile a (merged) topic file.
    pub fn compile(file: &TopicFile, path: &str) -> Result<TopicModel, TopicFileError> {
        let err = |message: String| TopicFileError {
            path: path.to_string(),
            message,
        };
        let index: FastMap<&str, u32> = file
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i as u32))
            .collect();
        if index.len() != file.topics.len() {
            return Err(err("two topics share an id".into()));
        }
        let mut topics = Vec::with_capacity(file.topics.len());
        for t in &file.topics {
            let parent =
                match &t.parent {
                    None => None,
                    Some(p) if p.is_empty() => None,
                    Some(p) => Some(*index.get(p.as_str()).ok_or_else(|| {
                        err(format!("topic {}: parent `{p}` is not a topic", t.id))
                    })?),
                };
            topics.push(TopicInfo {
                id: intern(&t.id),
                label: intern(&t.label),
                parent,
                prior: t.prior.unwrap_or(1.0),
                depth: 0,
            });
        }
        // depth of each topic; a cycle is an error
        for i in 0..topics.len() {
            let mut d = 0;
            let mut p = topics[i].parent;
            while let Some(q) = p {
                d += 1;
                if d as usize > topics.len() {
                    return Err(err(format!(
                        "topic {}: its parents form a cycle",
                        topics[i].id
                    )));
                }
                p = topics[q as usize].parent;
            }
            topics[i].depth = d;
        }
        // a prior scales the whole subtree: the effective prior of a topic is
        // the product of the priors on its path to the root
        let eff: Vec<f64> = (0..topics.len())
            .map(|i| {
                let mut p = topics[i].prior;
                let mut q = topics[i].parent;
                while let Some(j) = q {
                    p *= topics[j as usize].prior;
                    q = topics[j as usize].parent;
                }
                p
            })
            .collect();
        for (t, p) in topics.iter_mut().zip(eff) {
            t.prior = p;
        }
        let max_depth = topics.iter().map(|t| t.depth).max().unwrap_or(0);
        let by_id = topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.to_string(), i as u32))
            .collect();
        let mut m = TopicModel {
            topics,
            by_id,
            max_depth,
            vocab: FastMap::default(),
            listed: Default::default(),
            term_start: Vec::new(),
            node_entry: vec![NONE],
            kid_start: Vec::new(),
            kids: Vec::new(),
            entry_start: vec![0],
            postings: Vec::new(),
            threshold: file.threshold.unwrap_or(DEFAULT_THRESHOLD),
            uid: {
                static NEXT: AtomicU64 = AtomicU64::new(1);
                NEXT.fetch_add(1, Ordering::Relaxed)
            },
        };
        // entries: phrase stems -> postings. Lexicons repeat words across
        // phrases, so each lowercase word is stemmed once
        let mut entries: FastMap<Vec<u32>, Vec<(u32, f32)>> = FastMap::default();
        let mut word_term: FastMap<String, u32> = FastMap::default();
        let mut stop_term: Vec<bool> = Vec::new();
        let mut lower = String::new();
        let mut ids: Vec<u32> = Vec::new();
        for (ti, t) in file.topics.iter().enumerate() {
            for (phrase, &w) in &t.phrases {
                if w == 0.0 {
                    continue;
                }
                ids.clear();
                for tok in tokens(phrase) {
                    lower_into(&phrase[tok.start..tok.end], &mut lower);
                    let id = match word_term.get(lower.as_str()) {
                        Some(&id) => id,
                        None => {
                            let stem = stemmer().stem(&lower);
                            let next = m.vocab.len() as u32;
                            let id = *m.vocab.entry(stem.as_ref().into()).or_insert(next);
                            if id == next {
                                stop_term.push(stop_stems().contains(stem.as_ref()));
                            }
                            word_term.insert(lower.clone(), id);
                            id
                        }
                    };
                    ids.push(id);
                }
                if ids.is_empty() {
                    continue;
                }
                // a single word that is, or stems like, a stop word would fire
                // on every turn ("wellness" stems to "well")
                if ids.len() == 1 {
                    lower_into(phrase.trim(), &mut lower);
                    if is_stop_word(&lower) || stop_term[ids[0] as usize] {
                        continue;
                    }
                    m.listed.insert(lower.as_str().into());
                }
                // forms of one word ("economy", "economies") share a stem:
                // the entry keeps the strongest weight, not their sum, so
                // a word does not weigh more for having its inflections listed
                let e = entries.entry(ids.clone()).or_default();
                match e.iter_mut().find(|(x, _)| *x == ti as u32) {
                    Some(p) if w.abs() > f64::from(p.1.abs()) => p.1 = w as f32,
                    Some(_) => {}
                    None => e.push((ti as u32, w as f32)),
                }
            }
        }
        type Entry = (Vec<u32>, Vec<(u32, f32)>);
        let mut entries: Vec<Entry> = entries.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut trie: FastMap<(u32, u32), u32> = FastMap::default();
        for (ids, posts) in entries {
            let mut node = 0u32;
            for &t in &ids {
                let next = m.node_entry.len() as u32;
                node = *trie.entry((node, t)).or_insert_with(|| next);
                if node == next {
                    m.node_entry.push(NONE);
                }
            }
            let e = (m.entry_start.len() - 1) as u32;
            m.node_entry[node as usize] = e;
            m.postings.extend(posts);
            m.entry_start.push(m.postings.len() as u32);
        }
        // children of each node, in one array
        let mut edges: Vec<(u32, u32, u32)> = trie.iter().map(|(&(n, t), &c)| (n, t, c)).collect();
        edges.sort_unstable();
        m.kid_start = vec![0; m.node_entry.len() + 1];
        for &(n, _, _) in &edges {
            m.kid_start[n as usize + 1] += 1;
        }
        for n in 0..m.node_entry.len() {
            m.kid_start[n + 1] += m.kid_start[n];
        }
        m.kids = edges.iter().map(|&(_, t, c)| (t, c)).collect();
        // the first step of every walk, without a search
        m.term_start = (0..m.vocab.len() as u32)
            .map(|t| match trie.get(&(0, t)) {
                Some(&node) => TermStart {
                    node,
                    entry: m.node_entry[node as usize],
                },
                None => TermStart::NONE,
            })
            .collect();
        Ok(m)
    }

    /// How many phrases the model knows.
    pub fn entries(&self) -> usize {
        self.entry_start.len() - 1
    }

    /// Distinguishes this model from others in per-thread caches.
    pub fn uid(&self) -> u64 {
        self.uid
    }

    /// The child of trie node `node` by `term`.
    #[inline]
    fn child(&self, node: u32, term: u32) -> Option<u32> {
        let kids = &self.kids
            [self.kid_start[node as usize] as usize..self.kid_start[node as usize + 1] as usize];
        if kids.len() <= 8 {
            kids.iter().find(|k| k.0 == term).map(|k| k.1)
        } else {
            kids.binary_search_by_key(&term, |k| k.0)
                .ok()
                .map(|i| kids[i].1)
        }
    }

    /// Where phrases starting with `term` go on.
    pub fn term_start(&self, term: u32) -> TermStart {
        self.term_start
            .get(term as usize)
            .copied()
            .unwrap_or(TermStart::NONE)
    }

    /// Whether a lowercase word is a one-word phrase as written.
    pub fn is_listed(&self, lower: &str) -> bool {
        self.listed.contains(lower)
    }

    /// The term id of a stem, or [`NO_TERM`].
    pub fn term_of(&self, stem: &str) -> u32 {
        self.vocab.get(stem).copied().unwrap_or(NONE)
    }

    /// The evidence of `text` for every topic, rolled up to the roots.
    pub fn evidence(&self, text: &str) -> Evidence {
        with_words(text, Some(self), |words| self.evidence_of(words))
    }

    /// The evidence of a turn's words (from [`with_words`] with this model).
    pub fn evidence_of(&self, words: &[Word]) -> Evidence {
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            self.accumulate(words, &mut s);
            let mut per_topic = vec![0.0f64; self.topics.len()];
            for &t in &s.topics {
                per_topic[t as usize] = s.per_topic[t as usize];
            }
            s.reset();
            Evidence {
                per_topic,
                words: words.len(),
            }
        })
    }

    /// The per-turn half of the topics step: every topic scoring at least
    /// `floor`, best first, at most [`PendingTopics::MAX`] (before context
    /// and threshold).
    pub fn provisional(&self, words: &[Word], floor: f64) -> PendingTopics {
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            self.accumulate(words, &mut s);
            let total: f64 = s
                .topics
                .iter()
                .filter(|&&t| self.topics[t as usize].parent.is_none())
                .map(|&t| s.per_topic[t as usize].max(0.0))
                .sum();
            let denom = total + K0 + K1 * words.len() as f64;
            let mut out: Vec<(u32, f64)> = s
                .topics
                .iter()
                .map(|&t| (t, s.per_topic[t as usize]))
                .filter(|(_, v)| *v > 0.0)
                .map(|(t, v)| (t, v / denom))
                .filter(|(_, v)| *v >= floor)
                .collect();
            s.reset();
            sort_scores(&mut out);
            let mut p = PendingTopics::default();
            for &(t, v) in out.iter().take(PendingTopics::MAX) {
                p.push(t, v);
            }
            p
        })
    }

    /// Sum the evidence of `words` into `s`: per topic, priors applied,
    /// rolled up to the roots; `s.topics` lists the topics touched.
    fn accumulate(&self, words: &[Word], s: &mut Scratch) {
        if s.uid != self.uid {
            *s = Scratch {
                uid: self.uid,
                per_topic: vec![0.0; self.topics.len()],
                seen: vec![false; self.topics.len()],
                ..Scratch::default()
            };
        }
        // the words that start a phrase, gathered without a branch per word
        // (whether a word is in the lexicon is as good as random to the
        // branch predictor)
        let Scratch {
            starts,
            entries,
            per_topic,
            seen,
            topics,
            ..
        } = s;
        starts.clear();
        starts.resize(words.len(), 0);
        let mut n = 0;
        for (i, w) in words.iter().enumerate() {
            starts[n] = i as u32;
            n += usize::from(w.start_at.node != NONE);
        }
        // the longest phrase at each of them, left to right, matches not
        // overlapping
        let mut free = 0;
        for &i in &starts[..n] {
            let i = i as usize;
            if i < free {
                continue;
            }
            let st = words[i].start_at;
            let mut best = (st.entry, i + 1);
            let mut node = st.node;
            let mut j = i + 1;
            while j < words.len() && words[j].term != NONE {
                match self.child(node, words[j].term) {
                    Some(n) => node = n,
                    None => break,
                }
                j += 1;
                let e = self.node_entry[node as usize];
                if e != NONE {
                    best = (e, j);
                }
            }
            if best.0 != NONE {
                // a one-word phrase met in another form of its stem than
                // any written ("share" for "shares", "banks" for "bank")
                // is weaker evidence
                let other = best.1 == i + 1 && words[i].flags & LISTED == 0;
                entries.push(best.0 | if other { OTHER_FORM } else { 0 });
                free = best.1;
            }
        }
        // occurrences per entry: sorted, equal entries are neighbours
        entries.sort_unstable();
        let mut k = 0;
        while k < entries.len() {
            let e = entries[k];
            let mut n = 1;
            while k + n < entries.len() && entries[k + n] == e {
                n += 1;
            }
            k += n;
            let mut tf = 1.0 + (n as f64).ln();
            if e & OTHER_FORM != 0 {
                tf *= INFLECTED;
            }
            let e = e & !OTHER_FORM;
            let (a, b) = (
                self.entry_start[e as usize] as usize,
                self.entry_start[e as usize + 1] as usize,
            );
            for &(t, w) in &self.postings[a..b] {
                per_topic[t as usize] += w as f64 * tf;
                if !seen[t as usize] {
                    seen[t as usize] = true;
                    topics.push(t);
                }
            }
        }
        entries.clear();
        for &t in topics.iter() {
            per_topic[t as usize] *= self.topics[t as usize].prior;
        }
        // deepest first, so a parent has all of its children's evidence
        // before it passes it on
        for d in (1..=self.max_depth).rev() {
            let mut k = 0;
            while k < topics.len() {
                let t = topics[k] as usize;
                if self.topics[t].depth == d
                    && let Some(p) = self.topics[t].parent
                {
                    let v = per_topic[t].max(0.0);
                    per_topic[p as usize] += v;
                    if !seen[p as usize] {
                        seen[p as usize] = true;
                        topics.push(p);
                    }
                }
                k += 1;
            }
        }
    }

    /// Scores from evidence: each topic's share, damped by length (see the
    /// module docs). All topics with a positive score, best first.
    pub fn scores(&self, ev: &Evidence) -> Vec<(u32, f64)> {
        let total: f64 = (0..self.topics.len())
            .filter(|&r| self.topics[r].parent.is_none())
            .map(|r| ev.per_topic[r].max(0.0))
            .sum();
        let denom = total + K0 + K1 * ev.words as f64;
        let mut out: Vec<(u32, f64)> = ev
            .per_topic
            .iter()
            .enumerate()
            .filter(|(_, v)| **v > 0.0)
            .map(|(i, v)| (i as u32, v / denom))
            .collect();
        sort_scores(&mut out);
        out
    }

    /// The topics of `text` above the threshold, best first (no context).
    pub fn tag(&self, text: &str) -> Vec<Topic> {
        let scores = self.scores(&self.evidence(text));
        self.to_topics(&scores, self.threshold, MAX_TOPICS)
    }

    /// Record form of scores: those at or above `threshold`, at most `max`.
    pub fn to_topics(&self, scores: &[(u32, f64)], threshold: f64, max: usize) -> Vec<Topic> {
        scores
            .iter()
            .filter(|(_, s)| *s >= threshold)
            .take(max)
            .map(|&(i, s)| {
                let t = &self.topics[i as usize];
                Topic {
                    id: Cow::Borrowed(t.id),
                    label: Cow::Borrowed(t.label),
                    score: (s * 1e4).round() / 1e4,
                }
            })
            .collect()
    }

    /// The index of a topic id.
    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    pub fn is_root(&self, t: u32) -> bool {
        self.topics[t as usize].parent.is_none()
    }
}

impl Scratch {
    /// Back to all zeros, touching only what this turn touched.
    fn reset(&mut self) {
        for &t in &self.topics {
            self.per_topic[t as usize] = 0.0;
            self.seen[t as usize] = false;
        }
        self.topics.clear();
    }
}

/// A topic id or label as a string that lives as long as the process, so
/// that tags can borrow it. Each distinct string is leaked once (a taxonomy
/// is a few hundred short strings; loading the same file again reuses them).
pub fn intern(s: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static SET: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut set = SET
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(&x) = set.get(s) {
        return x;
    }
    let x: &'static str = Box::leak(s.into());
    set.insert(x);
    x
}

/// The stems of the stop words.
fn stop_stems() -> &'static std::collections::HashSet<String> {
    use std::sync::OnceLock;
    static SET: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        super::token::STOP_WORDS
            .iter()
            .map(|w| stemmer().stem(w).into_owned())
            .collect()
    })
}

/// Best first; ties: a parent before its child (roots have lower indices in
/// the generated file), then by index, so output is deterministic.
pub fn sort_scores(v: &mut [(u32, f64)]) {
    v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(toml: &str) -> TopicModel {
        TopicModel::compile(&TopicFile::parse("t", toml).unwrap(), "t").unwrap()
    }

    const TOY: &str = r#"
[[topic]]
id = "eco"
label = "economy"
[topic.phrases]
bank = 1
"central bank" = 3
inflation = 2
[[topic]]
id = "eco:markets"
label = "markets"
parent = "eco"
[topic.phrases]
"stock market" = 3
shares = 2
[[topic]]
id = "sport"
label = "sport"
[topic.phrases]
football = 3
goal = 1
"#;

    #[test]
    fn phrases_stems_and_rollup() {
        let m = model(TOY);
        let t = m.tag("The Central Banks worry about inflation; the stock markets fell.");
        assert_eq!(&*t[0].id, "eco");
        assert!(t.iter().any(|x| &*x.id == "eco:markets"));
        assert!(!t.iter().any(|x| &*x.id == "sport"));
        // parent evidence includes the child's
        let ev = m.evidence("shares shares");
        assert!(ev.per_topic[0] > 0.0 && ev.per_topic[0] == ev.per_topic[1]);
        // the longest phrase wins: "central bank" (3), not also "bank" (1)
        let ev = m.evidence("central bank");
        assert!((ev.per_topic[0] - 3.0).abs() < 1e-9);
        assert!(m.tag("nothing to see here").is_empty());
    }

    #[test]
    fn forms_of_a_word_do_not_add_up() {
        let m = model(
            "[[topic]]\nid = \"a\"\nlabel = \"a\"\n[topic.phrases]\nbank = 1\nbanks = 2\nbanking = 1.5\n",
        );
        let ev = m.evidence("the bank");
        assert!((ev.per_topic[0] - 2.0).abs() < 1e-9, "{:?}", ev.per_topic);
    }

    #[test]
    fn other_forms_of_a_stem_count_half() {
        let m = model(
            "[[topic]]\nid = \"a\"\nlabel = \"a\"\n[topic.phrases]\nshares = 2\n\"share price\" = 3\n",
        );
        assert!((m.evidence("shares").per_topic[0] - 2.0).abs() < 1e-9);
        assert!((m.evidence("we share it").per_topic[0] - 1.0).abs() < 1e-9);
        assert!((m.evidence("the share prices").per_topic[0] - 3.0).abs() < 1e-9);
    }

    #[test]
    fn length_damps_scores() {
        let m = model(TOY);
        let short = m.scores(&m.evidence("football goal"));
        let long_text = format!("football goal {}", "and then we talked ".repeat(100));
        let long = m.scores(&m.evidence(&long_text));
        assert!(short[0].1 > long[0].1);
    }

    #[test]
    fn bad_parent_is_an_error() {
        let f = TopicFile::parse(
            "t",
            "[[topic]]\nid = \"a\"\nlabel = \"a\"\nparent = \"zz\"\n",
        )
        .unwrap();
        assert!(TopicModel::compile(&f, "t").is_err());
    }
}
