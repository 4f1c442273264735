//! Keyphrases: the few phrases that say what a turn is about, in its own words.
//!
//! The method is RAKE (Rose, Engel, Cramer and Cowley 2010), unsupervised and
//! per turn, so it needs no model and no corpus statistics and works on a live
//! stream:
//!
//! 1. Candidates are the runs of content words between stop words and
//!    punctuation ("the **Iran nuclear deal** in **Vienna**"), at most four
//!    words long.
//! 2. Each word scores `degree / frequency`: words that occur inside longer
//!    candidates score higher than words that stand alone.
//! 3. A candidate scores the sum of its words; the best distinct ones are kept
//!    (a candidate inside a kept one is dropped).
//!
//! Speech needs more stop words than prose: the shared list
//! ([`crate::enrich::topics::token::STOP_WORDS`]) already holds fillers and
//! hedges (`you know`, `I think`, `thank you` are all stop words), and
//! [`CONVERSATIONAL`] adds words that are frequent in transcripts but never
//! the point of a turn (greetings, forms of address, `question`, `sir`).
//!
//! A phrase is written as it appears in the turn (case kept, so names stay
//! names), except that a capital that only marks the start of a sentence is
//! lowered.

use std::collections::HashMap;

use crate::enrich::topics::token::{Token, is_stop_word, lower_into, tokens};

/// Most keyphrases per turn.
pub const MAX_KEYPHRASES: usize = 5;
/// Longest candidate, in words.
const MAX_WORDS: usize = 4;

/// Words of conversation that are not stop words in prose but never a
/// keyphrase of a spoken turn.
pub const CONVERSATIONAL: &[&str] = &[
    "afternoon",
    "appreciate",
    "bit",
    "briefly",
    "everybody",
    "everyone",
    "evening",
    "folks",
    "glad",
    "guess",
    "guys",
    "happy",
    "hear",
    "honor",
    "honour",
    "ladies",
    "gentlemen",
    "ma'am",
    "maybe",
    "morning",
    "nice",
    "obviously",
    "pleased",
    "point",
    "question",
    "questions",
    "quick",
    "quickly",
    "regard",
    "regards",
    "respect",
    "sir",
    "sorry",
    "stuff",
    "sort",
    "talk",
    "talked",
    "talking",
    "terms",
    "thankful",
    "time",
    "times",
    "welcome",
    "whatnot",
    "wonderful",
    "yep",
    "yup",
    "absolutely",
    "certainly",
    "clearly",
    "course",
    "exactly",
    "frankly",
    "honestly",
    "basically",
    "literally",
    "simply",
    "totally",
    "truly",
    "definitely",
    "important",
    "different",
    "number",
    "able",
    "apparently",
    "start",
    "matter",
    "matters",
    "secretary",
    "try",
    "trying",
    "continue",
    "continues",
    "continued",
    "again",
    "day",
    "days",
    "week",
    "weeks",
    "year",
    "years",
    "hon",
    "friend",
    "gentleman",
    "lady",
    "member",
    "members",
];

fn is_conversational(lower: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| CONVERSATIONAL.iter().copied().collect())
        .contains(lower)
}

/// A word that can be part of a keyphrase.
fn is_content(lower: &str) -> bool {
    lower.chars().any(char::is_alphabetic) && !is_stop_word(lower) && !is_conversational(lower)
}

type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

struct Candidate<'a> {
    /// Lowercase words joined by a space: the identity of the phrase (a slice
    /// of the turn's lowercase buffer, no copy).
    key: &'a str,
    /// Token range of the occurrence to print.
    first: (usize, usize),
    /// Whether that occurrence starts a sentence.
    sentence_start: bool,
}

/// The keyphrases of a turn, best first.
///
/// Per turn, not per word, allocation: the words are lower-cased once into
/// one buffer, one space apart, so a candidate's key and each word are slices
/// of it.
pub fn extract(text: &str) -> Vec<String> {
    let toks: Vec<Token> = tokens(text).collect();
    if toks.is_empty() {
        return Vec::new();
    }
    let mut all = String::with_capacity(text.len() + toks.len());
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(toks.len());
    let mut content: Vec<bool> = Vec::with_capacity(toks.len());
    let mut word = String::new();
    for t in &toks {
        lower_into(&text[t.start..t.end], &mut word);
        if !all.is_empty() {
            all.push(' ');
        }
        let st = all.len();
        all.push_str(&word);
        spans.push((st, all.len()));
        content.push(is_content(&word));
    }
    let all = all.as_str();
    let w = |k: usize| &all[spans[k].0..spans[k].1];
    // runs of content words within a clause
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !content[i] {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && content[j] && !toks[j].break_before {
            j += 1;
        }
        if j - i <= MAX_WORDS {
            runs.push((i, j));
        }
        i = j;
    }
    let mut cands: Vec<Candidate> = Vec::new();
    let mut index: FastMap<&str, usize> = FastMap::default();
    let mut freq: FastMap<&str, (f64, f64)> = FastMap::default();
    for &(i, j) in &runs {
        for k in i..j {
            let e = freq.entry(w(k)).or_default();
            e.0 += 1.0;
            e.1 += (j - i) as f64;
        }
        let key = &all[spans[i].0..spans[j - 1].1];
        let sentence_start = i == 0 || toks[i].sentence_before;
        match index.get(key) {
            // prefer an occurrence that does not start a sentence
            Some(&c) => {
                if cands[c].sentence_start && !sentence_start {
                    cands[c].first = (i, j);
                    cands[c].sentence_start = false;
                }
            }
            None => {
                index.insert(key, cands.len());
                cands.push(Candidate {
                    key,
                    first: (i, j),
                    sentence_start,
                });
            }
        }
    }
    let mut scored: Vec<(f64, usize)> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.key.split(' ').any(|x| x.chars().count() >= 3))
        .map(|(k, c)| {
            let s: f64 = c
                .key
                .split(' ')
                .map(|x| {
                    let (f, d) = freq[x];
                    d / f
                })
                .sum();
            (s, k)
        })
        .collect();
    // best first; ties: earlier first
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut kept: Vec<&Candidate> = Vec::new();
    for (_, k) in scored {
        let c = &cands[k];
        if kept.iter().any(|x| contains_words(x.key, c.key)) {
            continue;
        }
        kept.push(c);
        if kept.len() == MAX_KEYPHRASES {
            break;
        }
    }
    kept.iter()
        .map(|c| surface(text, &toks, c, &spans, all))
        .collect()
}

/// `outer` contains `inner` as whole words.
fn contains_words(outer: &str, inner: &str) -> bool {
    outer.match_indices(inner).any(|(at, _)| {
        let end = at + inner.len();
        (at == 0 || outer.as_bytes()[at - 1] == b' ')
            && (end == outer.len() || outer.as_bytes()[end] == b' ')
    })
}

/// The phrase as written (from its first word to its last, white space
/// collapsed, so `high-impact` keeps its hyphen), with a capital that only
/// marks a sentence start lowered: the word occurs in lower case elsewhere in
/// the turn, so it is a common word, not a name.
fn surface(
    text: &str,
    toks: &[Token],
    c: &Candidate,
    spans: &[(usize, usize)],
    all: &str,
) -> String {
    let (i, j) = c.first;
    let span = &text[toks[i].start..toks[j - 1].end];
    let mut out = String::with_capacity(span.len());
    for (k, w) in span.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    if c.sentence_start {
        let lw = |k: usize| &all[spans[k].0..spans[k].1];
        let lowercase_elsewhere = toks.iter().enumerate().any(|(k, t)| {
            k != i
                && lw(k) == lw(i)
                && text[t.start..t.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
        });
        if lowercase_elsewhere {
            let first_len = out.chars().next().map_or(0, char::len_utf8);
            let lowered: String = out[..first_len].to_lowercase();
            out.replace_range(..first_len, &lowered);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_phrases_not_fillers() {
        let k = extract(
            "Thank you, Mr. Secretary. I'd like to ask you about the talks this week on the \
             Iran nuclear deal. You know, I think the Iranian enrichment activities matter.",
        );
        assert!(k.contains(&"Iran nuclear deal".to_string()), "{k:?}");
        assert!(
            k.contains(&"Iranian enrichment activities".to_string()),
            "{k:?}"
        );
        assert!(!k.iter().any(|p| p.contains("Thank") || p.contains("think")));
        assert!(extract("Thanks, everyone.").is_empty());
    }

    #[test]
    fn sentence_capitals_are_lowered_names_kept() {
        let k = extract("Democracy is at stake. In Sweden, democracy is strong.");
        assert!(k.iter().any(|p| p == "Sweden"), "{k:?}");
        assert!(k.iter().any(|p| p == "democracy"), "{k:?}");
        let k = extract("Missy Ryan of the Post.");
        assert_eq!(k[0], "Missy Ryan");
    }
}
