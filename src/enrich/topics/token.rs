//! Words of a turn, the way the topic and keyphrase steps see them.
//!
//! Both steps need the same cheap view of a text: the byte spans of its words,
//! where sentences and clauses break, and a normal form of each word (lower
//! case, possessive `'s` dropped, Snowball English stem). Speech transcripts
//! are full of contractions (`don't`, `we're`), possessives (`Iran's`) and
//! hyphenated compounds (`long-range`, `al-Qaeda`); the tokenizer keeps an
//! apostrophe inside a word and splits on hyphens, so `al-Qaeda` matches the
//! lexicon phrase `al qaeda` and `Iran's` matches `iran`. Dotted acronyms
//! (`U.S.`, `U.N.`) become one word (`us`, `un`).
//!
//! The hot loop allocates nothing per token: [`Tokens`] yields spans into the
//! input, and [`lower_into`] writes the lowercase form into a buffer the caller
//! reuses.

/// One word: byte span into the text, and whether a break (sentence or clause
/// punctuation, a line break) comes before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Punctuation that ends a phrase (`.,;:?!()"` and friends, or a newline)
    /// lies between the previous word and this one.
    pub break_before: bool,
    /// The break before this word ends a sentence (`.?!` or a newline).
    pub sentence_before: bool,
}

/// Iterator over the words of a text.
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

/// `char::is_alphanumeric`, without the Unicode property tables for the
/// characters of transcripts (no-break spaces, curly quotes and dashes,
/// accented letters, whole scripts such as Devanagari): the word counter's
/// class table answers.
#[inline]
fn is_word_char(c: char) -> bool {
    crate::enrich::words::is_alphanumeric(c)
}

/// Byte classes: the tokenizer looks each byte up once instead of testing it
/// against a chain of cases.
const OTHER: u8 = 0;
const ALNUM: u8 = 1;
/// Ends a sentence: `.?!` and newline.
const SENTENCE: u8 = 2;
/// Ends a clause: `,;:()[]{}"`.
const CLAUSE: u8 = 3;
/// A byte of a multi-byte character: decode it.
const NON_ASCII: u8 = 4;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            match c {
                b'.' | b'?' | b'!' | b'\n' => SENTENCE,
                b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' => CLAUSE,
                _ => OTHER,
            }
        };
        b += 1;
    }
    t
};

/// The end of the run of ASCII letters and digits that starts at `from`.
/// Sixteen bytes are classified at once where the text allows (a word is
/// usually inside one such chunk).
#[inline(always)]
fn ascii_alnum_run(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    #[cfg(target_arch = "x86_64")]
    while end + 16 <= bytes.len() {
        let m = sse2::alnum_mask(&bytes[end..end + 16]);
        if m != 0xFFFF {
            return end + (!m).trailing_zeros() as usize;
        }
        end += 16;
    }
    while end < bytes.len() && BYTE_CLASS[bytes[end] as usize] == ALNUM {
        end += 1;
    }
    end
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    /// Bit `k` set when byte `k` of the 16 is an ASCII letter or digit.
    #[inline(always)]
    pub(super) fn alnum_mask(b: &[u8]) -> u32 {
        assert!(b.len() >= 16);
        // SAFETY: SSE2 is part of the x86_64 baseline; `b` has 16 bytes and
        // the load is unaligned. Signed compares: bytes >= 0x80 are negative
        // and in neither range.
        unsafe {
            let v = _mm_loadu_si128(b.as_ptr() as *const __m128i);
            let in_range = |v: __m128i, lo: u8, hi: u8| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1)),
                    _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1)),
                )
            };
            let digit = in_range(v, b'0', b'9');
            let letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
            _mm_movemask_epi8(_mm_or_si128(digit, letter)) as u32
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    // inlined into the callers' loops: the position stays in a register
    #[inline(always)]
    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        let mut brk = false;
        let mut sent = false;
        // skip to the next word character, noting punctuation on the way
        let start = loop {
            if self.pos >= bytes.len() {
                return None;
            }
            match BYTE_CLASS[bytes[self.pos] as usize] {
                ALNUM => break self.pos,
                SENTENCE => {
                    brk = true;
                    sent = true;
                }
                CLAUSE => brk = true,
                NON_ASCII => {
                    let c = self.text[self.pos..].chars().next().expect("char");
                    if is_word_char(c) {
                        break self.pos;
                    }
                    // dashes and quotes used as clause punctuation in transcripts
                    if matches!(c, '–' | '—' | '“' | '”' | '…') {
                        brk = true;
                    }
                    self.pos += c.len_utf8();
                    continue;
                }
                _ => {}
            }
            self.pos += 1;
        };
        // the word: alphanumerics, with an apostrophe or a dotted acronym inside
        let mut end = start;
        loop {
            end = ascii_alnum_run(bytes, end);
            if end >= bytes.len() {
                break;
            }
            let b = bytes[end];
            if b < 0x80 {
                if b == b'\'' && next_is_alpha(self.text, end + 1) {
                    end += 1;
                    continue;
                }
                // U.S. / U.N.: a single letter, a dot, a single letter
                if b == b'.'
                    && end - start == 1
                    && bytes[start].is_ascii_uppercase()
                    && end + 1 < bytes.len()
                    && bytes[end + 1].is_ascii_uppercase()
                    && (end + 2 >= bytes.len() || bytes[end + 2] == b'.')
                {
                    end += 3.min(bytes.len() - end);
                    break;
                }
                break;
            }
            let c = self.text[end..].chars().next().expect("char");
            if is_word_char(c) || (c == '’' && next_is_alpha(self.text, end + c.len_utf8())) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        self.pos = end;
        Some(Token {
            start,
            end,
            break_before: brk,
            sentence_before: sent,
        })
    }
}

fn next_is_alpha(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(b) if b.is_ascii() => b.is_ascii_alphabetic(),
        _ => text[at..].chars().next().is_some_and(char::is_alphabetic),
    }
}

/// Write the normal lowercase form of `word` into `buf` (cleared first):
/// lower case, curly apostrophes straightened, dots of acronyms and a trailing
/// possessive `'s` / `'` removed.
pub fn lower_into(word: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        for b in word.bytes() {
            if b != b'.' {
                buf.push(b.to_ascii_lowercase() as char);
            }
        }
    } else {
        for c in word.chars() {
            match c {
                '’' => buf.push('\''),
                '.' => {}
                c => buf.extend(c.to_lowercase()),
            }
        }
    }
    if buf.ends_with("'s") {
        buf.truncate(buf.len() - 2);
    } else if buf.ends_with('\'') {
        buf.pop();
    }
}

/// The Snowball English stemmer, shared (it is stateless).
pub fn stemmer() -> &'static rust_stemmers::Stemmer {
    use std::sync::OnceLock;
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
}

/// The stems of a phrase as written in a lexicon (`"central banks"` ->
/// `["central", "bank"]`), by the same rules as running text.
pub fn phrase_stems(phrase: &str) -> Vec<String> {
    let mut buf = String::new();
    tokens(phrase)
        .map(|t| {
            lower_into(&phrase[t.start..t.end], &mut buf);
            stemmer().stem(&buf).into_owned()
        })
        .collect()
}

/// Function words and the fillers of speech: never topic evidence on their
/// own, and never part of a keyphrase. Lower case, apostrophes straight.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "actually",
    "after",
    "again",
    "against",
    "ago",
    "ah",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "anybody",
    "anyone",
    "anything",
    "anyway",
    "are",
    "aren't",
    "around",
    "as",
    "ask",
    "asked",
    "at",
    "away",
    "back",
    "be",
    "became",
    "because",
    "become",
    "been",
    "before",
    "being",
    "believe",
    "below",
    "between",
    "both",
    "but",
    "by",
    "came",
    "can",
    "can't",
    "cannot",
    "come",
    "comes",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "done",
    "down",
    "during",
    "each",
    "eh",
    "either",
    "else",
    "enough",
    "er",
    "even",
    "ever",
    "every",
    "everybody",
    "everyone",
    "everything",
    "far",
    "few",
    "first",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "give",
    "given",
    "go",
    "goes",
    "going",
    "gone",
    "good",
    "got",
    "gotten",
    "great",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "he'd",
    "he'll",
    "he's",
    "hello",
    "her",
    "here",
    "here's",
    "hers",
    "herself",
    "hey",
    "hi",
    "him",
    "himself",
    "his",
    "how",
    "how's",
    "however",
    "hmm",
    "i",
    "i'd",
    "i'll",
    "i'm",
    "i've",
    "if",
    "in",
    "indeed",
    "into",
    "is",
    "isn't",
    "it",
    "it'll",
    "it's",
    "its",
    "itself",
    "just",
    "kind",
    "know",
    "known",
    "last",
    "later",
    "least",
    "less",
    "let",
    "let's",
    "like",
    "likely",
    "little",
    "look",
    "lot",
    "lots",
    "made",
    "make",
    "makes",
    "making",
    "many",
    "may",
    "maybe",
    "me",
    "mean",
    "might",
    "mine",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "mustn't",
    "my",
    "myself",
    "need",
    "needs",
    "never",
    "new",
    "next",
    "no",
    "nobody",
    "none",
    "nor",
    "not",
    "nothing",
    "now",
    "of",
    "off",
    "oh",
    "ok",
    "okay",
    "on",
    "once",
    "one",
    "ones",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "otherwise",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "part",
    "per",
    "perhaps",
    "please",
    "pretty",
    "put",
    "quite",
    "rather",
    "really",
    "right",
    "said",
    "same",
    "say",
    "saying",
    "says",
    "see",
    "seem",
    "seemed",
    "seems",
    "seen",
    "several",
    "shall",
    "shan't",
    "she",
    "she'd",
    "she'll",
    "she's",
    "should",
    "shouldn't",
    "since",
    "so",
    "some",
    "somebody",
    "someone",
    "something",
    "sometimes",
    "somewhat",
    "still",
    "such",
    "sure",
    "take",
    "taken",
    "taking",
    "tell",
    "than",
    "thank",
    "thanks",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "therefore",
    "these",
    "they",
    "they'd",
    "they'll",
    "they're",
    "they've",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "today",
    "together",
    "too",
    "took",
    "toward",
    "towards",
    "two",
    "uh",
    "um",
    "under",
    "unless",
    "until",
    "up",
    "upon",
    "us",
    "use",
    "used",
    "very",
    "via",
    "want",
    "wanted",
    "was",
    "wasn't",
    "way",
    "we",
    "we'd",
    "we'll",
    "we're",
    "we've",
    "well",
    "went",
    "were",
    "weren't",
    "what",
    "what's",
    "whatever",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "who's",
    "whole",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "wouldn't",
    "yeah",
    "yes",
    "yet",
    "you",
    "you'd",
    "you'll",
    "you're",
    "you've",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Is `lower` (a lowercase word from [`lower_into`]) a stop word?
pub fn is_stop_word(lower: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
        .contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn splits_speech_words() {
        assert_eq!(
            words("Iran’s talks -- don't stop; al-Qaeda U.S. troops."),
            vec![
                "Iran’s", "talks", "don't", "stop", "al", "Qaeda", "U.S.", "troops"
            ]
        );
        let t: Vec<Token> = tokens("a, b. c d").collect();
        assert!(!t[0].break_before && t[1].break_before && !t[1].sentence_before);
        assert!(t[2].sentence_before && !t[3].break_before);
    }

    #[test]
    fn word_chars_are_alphanumerics() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn normal_forms() {
        let mut b = String::new();
        lower_into("Iran’s", &mut b);
        assert_eq!(b, "iran");
        lower_into("U.S.", &mut b);
        assert_eq!(b, "us");
        assert!(is_stop_word("don't"));
        assert_eq!(phrase_stems("Central Banks"), vec!["central", "bank"]);
    }
}
