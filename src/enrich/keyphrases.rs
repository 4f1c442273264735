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

use std::cell::RefCell;

use crate::enrich::analysis::{BREAK, CONTENT, LONG, LOWER_INITIAL, SENTENCE, Word, with_words};
use crate::record::Keyphrases;

/// Most keyphrases per turn.
pub const MAX_KEYPHRASES: usize = 5;
const _: () = assert!(MAX_KEYPHRASES <= Keyphrases::MAX);
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

/// Is `lower` (a lowercase word) a conversational word?
pub fn is_conversational(lower: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| CONVERSATIONAL.iter().copied().collect())
        .contains(lower)
}

/// A phrase's identity: the lowercase ids of its words, unused slots
/// `u32::MAX`.
type Key = [u32; MAX_WORDS];

struct Candidate {
    key: Key,
    len: usize,
    /// Word range of the occurrence to print.
    first: (usize, usize),
    /// Whether that occurrence starts a sentence.
    sentence_start: bool,
}

/// A thread's buffers, reused turn after turn.
#[derive(Default)]
struct Scratch {
    /// Per lowercase id: (frequency, degree) in this turn.
    stats: Vec<(u32, u32)>,
    touched: Vec<u32>,
    cands: Vec<Candidate>,
    /// Candidates by key: open addressing, 0 empty, else index + 1 (a turn
    /// has a few dozen candidates; a general hash map costs more than this).
    slots: Vec<u32>,
    scored: Vec<(f64, u32)>,
    kept: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The keyphrases of a turn, best first.
pub fn extract(text: &str) -> Keyphrases {
    with_words(text, None, |words| extract_from(text, words))
}

/// [`extract`] for words already split by [`with_words`].
///
/// Words are compared by their lowercase ids, so counting words and telling
/// candidates apart hashes a few integers and copies no text; only the kept
/// phrases are turned back into strings.
pub fn extract_from(text: &str, words: &[Word]) -> Keyphrases {
    SCRATCH.with(|s| {
        let s = &mut *s.borrow_mut();
        let out = extract_with(text, words, s);
        for &l in &s.touched {
            s.stats[l as usize] = (0, 0);
        }
        s.touched.clear();
        s.cands.clear();
        s.scored.clear();
        s.kept.clear();
        out
    })
}

fn extract_with(text: &str, words: &[Word], s: &mut Scratch) -> Keyphrases {
    let Scratch {
        stats,
        touched,
        cands,
        slots,
        scored,
        kept,
    } = s;
    // at most one candidate per word: a table twice that size stays sparse
    let size = (2 * words.len() + 2).next_power_of_two();
    let mask = size - 1;
    slots.clear();
    slots.resize(size, 0);
    // runs of content words within a clause
    let mut i = 0;
    while i < words.len() {
        if !words[i].has(CONTENT) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < words.len() && words[j].has(CONTENT) && !words[j].has(BREAK) {
            j += 1;
        }
        if j - i <= MAX_WORDS {
            let mut key = [u32::MAX; MAX_WORDS];
            for (k, w) in words[i..j].iter().enumerate() {
                let l = w.lower as usize;
                if l >= stats.len() {
                    stats.resize(l + 1, (0, 0));
                }
                let st = &mut stats[l];
                if st.0 == 0 {
                    touched.push(w.lower);
                }
                st.0 += 1;
                st.1 += (j - i) as u32;
                key[k] = w.lower;
            }
            let sentence_start = i == 0 || words[i].has(SENTENCE);
            let mut at = hash_key(&key) & mask;
            loop {
                match slots[at] {
                    0 => {
                        cands.push(Candidate {
                            key,
                            len: j - i,
                            first: (i, j),
                            sentence_start,
                        });
                        slots[at] = cands.len() as u32;
                        break;
                    }
                    c if cands[c as usize - 1].key == key => {
                        // prefer an occurrence that does not start a sentence
                        let c = &mut cands[c as usize - 1];
                        if c.sentence_start && !sentence_start {
                            c.first = (i, j);
                            c.sentence_start = false;
                        }
                        break;
                    }
                    _ => at = (at + 1) & mask,
                }
            }
        }
        i = j;
    }
    for (k, c) in cands.iter().enumerate() {
        let (a, b) = c.first;
        if !words[a..b].iter().any(|w| w.has(LONG)) {
            continue;
        }
        let score: f64 = c.key[..c.len]
            .iter()
            .map(|&l| {
                let (f, d) = stats[l as usize];
                d as f64 / f as f64
            })
            .sum();
        scored.push((score, k as u32));
    }
    // best first; ties: earlier first. Only the first few are ever needed:
    // put the best TOP in front and sort those; the rest only if they run out
    let order = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    const TOP: usize = 4 * MAX_KEYPHRASES;
    let mut sorted = 0;
    'pick: while sorted < scored.len() {
        let rest = &mut scored[sorted..];
        let n = rest.len().min(TOP);
        if rest.len() > n {
            rest.select_nth_unstable_by(n - 1, order);
        }
        rest[..n].sort_unstable_by(order);
        for &(_, k) in &rest[..n] {
            let c = &cands[k as usize];
            let inner = &c.key[..c.len];
            if kept.iter().any(|&x| {
                let x = &cands[x as usize];
                x.key[..x.len].windows(c.len).any(|w| w == inner)
            }) {
                continue;
            }
            kept.push(k);
            if kept.len() == MAX_KEYPHRASES {
                break 'pick;
            }
        }
        sorted += n;
    }
    let mut out = Keyphrases::new();
    for &k in kept.iter() {
        out.push_with(|buf| surface_into(text, words, &cands[k as usize], buf));
    }
    out
}

/// Slot of a key: the four ids folded by multiplication.
#[inline]
fn hash_key(k: &Key) -> usize {
    let a = (u64::from(k[0]) | u64::from(k[1]) << 32).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let b = (u64::from(k[2]) | u64::from(k[3]) << 32).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    let h = a ^ b.rotate_left(31);
    (h ^ (h >> 29)) as usize
}

/// The phrase as written (from its first word to its last, white space
/// collapsed, so `high-impact` keeps its hyphen), with a capital that only
/// marks a sentence start lowered: the word occurs in lower case elsewhere in
/// the turn, so it is a common word, not a name.
fn surface_into(text: &str, words: &[Word], c: &Candidate, out: &mut String) {
    let (i, j) = c.first;
    let start = out.len();
    // the words, and between them their separators with runs of white space
    // collapsed to one space (a separator is usually just " ")
    for k in i..j {
        if k > i {
            let sep = &text[words[k - 1].end..words[k].start];
            if sep == " " {
                out.push(' ');
            } else {
                let mut space = false;
                for ch in sep.chars() {
                    if ch.is_whitespace() {
                        space = true;
                    } else {
                        if space {
                            out.push(' ');
                            space = false;
                        }
                        out.push(ch);
                    }
                }
                if space {
                    out.push(' ');
                }
            }
        }
        out.push_str(&text[words[k].start..words[k].end]);
    }
    if c.sentence_start {
        let first = words[i].lower;
        let lowercase_elsewhere = words
            .iter()
            .enumerate()
            .any(|(k, w)| k != i && w.lower == first && w.has(LOWER_INITIAL));
        if lowercase_elsewhere {
            let first_len = out[start..].chars().next().map_or(0, char::len_utf8);
            let lowered: String = out[start..start + first_len].to_lowercase();
            out.replace_range(start..start + first_len, &lowered);
        }
    }
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
        assert!(k.iter().any(|p| p == "Iran nuclear deal"), "{k:?}");
        assert!(
            k.iter().any(|p| p == "Iranian enrichment activities"),
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
        assert_eq!(k.get(0), Some("Missy Ryan"));
    }
}
