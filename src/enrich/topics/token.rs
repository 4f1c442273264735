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

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        let mut brk = false;
        let mut sent = false;
        // skip to the next word character, noting punctuation on the way
        let start = loop {
            if self.pos >= bytes.len() {
                return None;
            }
            let b = bytes[self.pos];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break self.pos;
                }
                match b {
                    b'.' | b'?' | b'!' | b'\n' => {
                        brk = true;
                        sent = true;
                    }
                    b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' => {
                        brk = true
                    }
                    _ => {}
                }
                self.pos += 1;
            } else {
                let c = self.text[self.pos..].chars().next().expect("char");
                if is_word_char(c) {
                    break self.pos;
                }
                // dashes and quotes used as clause punctuation in transcripts
                if matches!(c, '–' | '—' | '“' | '”' | '…') {
                    brk = true;
                }
                self.pos += c.len_utf8();
            }
        };
        // the word: alphanumerics, with an apostrophe or a dotted acronym inside
        let mut end = start;
        loop {
            if end >= bytes.len() {
                break;
            }
            let b = bytes[end];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    end += 1;
                    continue;
                }
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
    text[at..].chars().next().is_some_and(char::is_alphabetic)
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
