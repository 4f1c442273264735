//! The sequence tagger: token infos, gazetteer bits, greedy decoding.
//!
//! One entry point ([`Tagger::tag`]) serves both callers: `tag-conll`, which
//! joins CoNLL's pre-split words with spaces into a text and its tokens, and
//! the run-time entities step, which tokenizes a turn itself. Sharing it is
//! what makes the CoNLL score a measure of the run-time tagger.
//!
//! Decoding is greedy, left to right, within the BILOU transition
//! constraints. Besides the local features, a *prediction history* (Ratinov &
//! Roth's non-local feature) tells the model the class this word was last
//! given in the same document: a name tagged PER in the first paragraph tends
//! to stay PER in the headline-like or ambiguous contexts later. Training
//! uses the same history built from the model's own predictions, so the
//! weight it gets matches how reliable it is at run time.

use std::collections::HashMap;

use super::features::{self, DocScratch, PassThrough, TokInfo};
use super::gazetteer::Gazetteer;
use super::model::{self, Model, NTAGS, O};
use super::token::Token;

/// Reusable buffers (one per worker).
#[derive(Default)]
pub struct Scratch {
    pub infos: Vec<TokInfo>,
    pub feats: Vec<u64>,
    pub feats2: Vec<u64>,
    pub doc: DocScratch,
    pub tags: Vec<u8>,
    pub gaz: Vec<u64>,
    pub hist: HashMap<u64, u8, PassThrough>,
    /// Per word: labels of the first pass (PER ORG LOC MISC O counts).
    pub votes: HashMap<u64, [u16; 5], PassThrough>,
}

/// The prediction-history feature value for token `t` (0 = none).
#[inline]
pub fn hist_key(hist: &HashMap<u64, u8, PassThrough>, t: &TokInfo) -> u64 {
    if t.cls == features::CLS_LOWER || t.cls == features::CLS_PUNCT || t.cls == features::CLS_DIGIT
    {
        return 0;
    }
    hist.get(&t.lw).map_or(0, |c| 0x100 | *c as u64)
}

/// Record the class given to the tokens of a finished position.
#[inline]
pub fn hist_note(hist: &mut HashMap<u64, u8, PassThrough>, t: &TokInfo, tag: u8) {
    if t.cls == features::CLS_LOWER || t.cls == features::CLS_PUNCT || t.cls == features::CLS_DIGIT
    {
        return;
    }
    let c = model::tag_class(tag).map_or(7, |c| c as u8);
    hist.insert(t.lw, c);
}

/// Fill `scratch.infos` for a document: token infos, gazetteer bits,
/// ALL-CAPS sentences, document evidence and the gate.
pub fn prepare(text: &str, toks: &[Token], gaz: Option<&Gazetteer>, s: &mut Scratch) {
    s.infos.clear();
    s.infos.extend(
        toks.iter()
            .map(|t| features::tok_info(t.text(text), t.sent_start)),
    );
    if let Some(g) = gaz {
        s.gaz.clear();
        s.gaz.resize(toks.len(), 0);
        g.mark(text, toks, &mut s.gaz);
        for (info, bits) in s.infos.iter_mut().zip(&s.gaz) {
            info.gaz = *bits;
        }
    }
    features::finish_doc(&mut s.infos, &mut s.doc);
}

/// The run-time tagger: a model and the gazetteer its features were trained with.
pub struct Tagger {
    pub model: Model,
    /// Prediction-history features on (recorded in the model's meta).
    pub history: bool,
    /// Two passes, the second with the document majority (model meta).
    pub two_pass: bool,
}

impl Tagger {
    pub fn new(model: Model) -> Tagger {
        let history = model.meta.split_whitespace().any(|kv| kv == "history=1");
        let two_pass = model.meta.split_whitespace().any(|kv| kv == "two_pass=1");
        Tagger {
            model,
            history,
            two_pass,
        }
    }

    /// Tag one document; the result is in `s.tags` (one tag per token).
    pub fn tag(&self, text: &str, toks: &[Token], gaz: Option<&Gazetteer>, s: &mut Scratch) {
        prepare(text, toks, gaz, s);
        self.decode(s);
    }

    /// Greedy decoding over prepared infos.
    pub fn decode(&self, s: &mut Scratch) {
        let mut o = ModelOracle(&self.model);
        run(&mut o, self.history, self.two_pass, false, s);
    }
}

/// What decoding asks of a model: scores, and (in training) a chance to
/// learn from each decision.
pub trait Oracle {
    fn score(&mut self, feats: &[u64], scores: &mut [f32; NTAGS]);
    /// The decision at token `i` was `guess`, made from `feats`.
    fn learn(&mut self, _i: usize, _feats: &[u64], _guess: u8) {}
    /// Turn learning off for a first pass and on again.
    fn set_learning(&mut self, _on: bool) {}
}

struct ModelOracle<'a>(&'a Model);

impl Oracle for ModelOracle<'_> {
    #[inline]
    fn score(&mut self, feats: &[u64], scores: &mut [f32; NTAGS]) {
        self.0.score(feats, scores);
    }
}

/// Greedy left-to-right decoding with a one-token look-back: inside a name
/// (previous tag B or I) the tagger also scores the alternative where the
/// previous name had ended (B -> U, I -> L) and keeps the better pair. A
/// plain greedy BILOU tagger must decide B-or-U before seeing the next
/// token and then drags `.` or `from` into the name; scoring both costs a
/// second feature pass on the few tokens that follow a B or I.
///
/// With `two_pass`, a first pass labels the document and a second decodes
/// again knowing, for each capitalised word, how its *other* occurrences in
/// the document were labelled (Ratinov & Roth's aggregation): a headline or
/// an ambiguous first mention is then read in the light of the clear ones,
/// in both directions.
///
/// `training`: every sentence of the second pass is decoded (and learned
/// from); at run time unchanged sentences are skipped (see [`pass`]).
pub fn run<O: Oracle>(o: &mut O, history: bool, two_pass: bool, training: bool, s: &mut Scratch) {
    if !two_pass {
        pass(o, history, false, false, s);
        return;
    }
    o.set_learning(false);
    pass(o, history, false, false, s);
    o.set_learning(true);
    s.votes.clear();
    for (t, &y) in s.infos.iter().zip(&s.tags) {
        if vote_word(t) {
            s.votes.entry(t.lw).or_insert([0; 5])[label(y)] += 1;
        }
    }
    pass(o, history, true, !training, s);
}

#[inline]
fn vote_word(t: &TokInfo) -> bool {
    t.active
        && matches!(
            t.cls,
            features::CLS_TITLE | features::CLS_CAPS | features::CLS_MIXED
        )
}

#[inline]
fn label(y: u8) -> usize {
    model::tag_class(y).unwrap_or(4)
}

/// The document-majority key of token `t` given its own first-pass tag
/// `own`: the most frequent label of the word's other occurrences.
#[inline]
fn majority(votes: &HashMap<u64, [u16; 5], PassThrough>, t: &TokInfo, own: u8) -> u64 {
    if !vote_word(t) {
        return 0;
    }
    let Some(v) = votes.get(&t.lw) else { return 0 };
    let mut v = *v;
    v[label(own)] = v[label(own)].saturating_sub(1);
    let (best, n) = v
        .iter()
        .enumerate()
        .max_by_key(|(k, n)| (**n, 5 - *k))
        .unwrap_or((4, &0));
    if *n == 0 { 0 } else { 0x400 | best as u64 }
}

/// One decoding pass. In the second pass at run time (`skip`), a sentence
/// in which no word has other occurrences to learn from keeps its first-pass
/// tags: decoding it again would give the same answer, and most sentences
/// are like that, so the second pass costs a fraction of the first.
fn pass<O: Oracle>(o: &mut O, history: bool, second: bool, skip: bool, s: &mut Scratch) {
    let Scratch {
        infos,
        feats,
        feats2,
        tags,
        hist,
        votes,
        ..
    } = s;
    let first: Vec<u8> = if second {
        std::mem::take(tags)
    } else {
        Vec::new()
    };
    tags.clear();
    hist.clear();
    let n = infos.len();
    let (mut p1, mut p2) = (O, O);
    let mut sc = [0f32; NTAGS];
    let mut sc2 = [0f32; NTAGS];
    let mut prev = [0f32; NTAGS];
    let mut i = 0;
    while i < n {
        let t = &infos[i];
        if t.sent_start || i == 0 {
            p1 = O;
            p2 = O;
            if second && skip {
                let mut e = i + 1;
                while e < n && !infos[e].sent_start {
                    e += 1;
                }
                if (i..e).all(|k| majority(votes, &infos[k], first[k]) == 0) {
                    for k in i..e {
                        if history && infos[k].active {
                            hist_note(hist, &infos[k], first[k]);
                        }
                    }
                    tags.extend_from_slice(&first[i..e]);
                    i = e;
                    continue;
                }
            }
        }
        // a name must close before a sentence end or a gated (O) token
        let last = i + 1 == n || infos[i + 1].sent_start || !infos[i + 1].active;
        if !t.active {
            tags.push(O);
            p2 = p1;
            p1 = O;
            i += 1;
            continue;
        }
        let extra = if history { hist_key(hist, t) } else { 0 };
        let extra2 = if second {
            majority(votes, t, first[i])
        } else {
            0
        };
        let per_open = i + 1 < n && features::person_continues(&infos[i + 1]);
        features::features(infos, i, p1, p2, extra, extra2, feats);
        o.score(feats, &mut sc);
        let mut y = model::best(&sc, p1, last, per_open);
        if p1 != O && model::tag_pos(p1) <= 1 {
            let pc = model::close(p1);
            features::features(infos, i, pc, p2, extra, extra2, feats2);
            o.score(feats2, &mut sc2);
            let y2 = model::best(&sc2, pc, last, per_open);
            if prev[pc as usize] + sc2[y2 as usize] > prev[p1 as usize] + sc[y as usize] {
                p1 = pc;
                if let Some(t) = tags.last_mut() {
                    *t = pc;
                }
                std::mem::swap(feats, feats2);
                sc = sc2;
                y = y2;
            }
        }
        o.learn(i, feats, y);
        if history {
            hist_note(hist, t, y);
        }
        tags.push(y);
        prev = sc;
        p2 = p1;
        p1 = y;
        i += 1;
    }
}

/// Spans `(first_token, end_token_exclusive, class)` of a BILOU tag sequence.
/// Tolerant: a B or I with no L closes where the class changes.
pub fn spans(tags: &[u8], out: &mut Vec<(usize, usize, usize)>) {
    out.clear();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let c = model::tag_class(t);
        let pos = model::tag_pos(t);
        if let Some((s, oc)) = open {
            if c == Some(oc) && matches!(pos, 1 | 2) {
                if pos == 2 {
                    out.push((s, i + 1, oc));
                    open = None;
                }
                continue;
            }
            out.push((s, i, oc));
            open = None;
        }
        if let Some(c) = c {
            match pos {
                3 | 2 => out.push((i, i + 1, c)),
                _ => open = Some((i, c)),
            }
        }
    }
    if let Some((s, oc)) = open {
        out.push((s, tags.len(), oc));
    }
}
