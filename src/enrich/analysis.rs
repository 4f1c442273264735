//! One pass over a turn's words, shared by the topic and keyphrase steps.
//!
//! Both steps look at the same things: where the words are, where sentences
//! and clauses break, and what each word *is* (its lowercase form, whether it
//! can be part of a keyphrase, which lexicon term its stem is). Computing that
//! per word is most of their cost, so it is done once per turn, here, and both
//! steps read the result, a slice of [`Word`]s.
//!
//! What a word is depends only on its spelling, and text is Zipfian: a few
//! thousand spellings make up most of any transcript. So each thread keeps a
//! cache keyed by the word *as written* (`Iran's`, `The`, `the` are three
//! keys). A hit is one hash of a few bytes; only a miss lower-cases, checks
//! the stop lists and runs the Snowball stemmer. Keying on the surface form
//! rather than the lowercase form means no per-word lower-casing at all, at
//! the price of a few more misses (capitalised and upper-case variants).
//!
//! Lowercase forms get small per-thread ids, so that the keyphrase step can
//! count words and compare phrases as integers, never as strings. Lexicon
//! terms are per topic model: the cache remembers which model filled it and
//! starts afresh for another (only tests use several models in a process),
//! or when it grows past [`CACHE_CAP`] spellings (a stream of unique tokens
//! such as ids cannot grow it without bound).
//!
//! Nothing is allocated per word: the words of a turn go into a vector the
//! thread reuses, and the closure passed to [`with_words`] borrows it.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::enrich::keyphrases::is_conversational;
use crate::enrich::topics::model::{NO_TERM, TermStart, TopicModel};
use crate::enrich::topics::token::{is_stop_word, lower_into, stemmer, tokens};

type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Punctuation that ends a phrase (`.,;:?!()"` and friends, or a newline)
/// lies between the previous word and this one.
pub const BREAK: u8 = 1;
/// That break ends a sentence (`.?!` or a newline).
pub const SENTENCE: u8 = 2;
/// The word can be part of a keyphrase: it has a letter, and is neither a
/// stop word nor a conversational word.
pub const CONTENT: u8 = 4;
/// Its lowercase form has at least three characters.
pub const LONG: u8 = 8;
/// It is written with a lowercase first letter.
pub const LOWER_INITIAL: u8 = 16;
/// Its lowercase form is written as such in a phrase of the topic model (not
/// only another form of the same stem).
pub const LISTED: u8 = 32;

/// One word of a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte span into the turn's text.
    pub start: usize,
    pub end: usize,
    /// Per-thread id of the lowercase form (equal ids, equal forms; valid
    /// for the duration of one [`with_words`] call).
    pub lower: u32,
    /// Lexicon term of the word's stem in the topic model, or [`NO_TERM`].
    pub term: u32,
    /// Where a phrase starting with this word goes on in the model's trie,
    /// and the one-word phrase it is ([`TermStart`]; all `NO_TERM` if none).
    pub start_at: TermStart,
    /// [`BREAK`], [`SENTENCE`], [`CONTENT`], [`LONG`], [`LOWER_INITIAL`].
    pub flags: u8,
}

impl Word {
    #[inline]
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// What a spelling is, cached per thread.
#[derive(Debug, Clone, Copy, Default)]
struct Form {
    lower: u32,
    term: u32,
    start_at: TermStart,
    /// [`CONTENT`], [`LONG`], [`LOWER_INITIAL`].
    flags: u8,
}

/// Past this many cached spellings a thread starts its cache afresh.
pub const CACHE_CAP: usize = 1 << 19;

/// Longest spelling kept inline in the cache.
const INLINE: usize = 16;

/// One slot of the cache: a spelling of up to [`INLINE`] bytes, zero padded
/// into two words, its length (0: empty slot) and what it is.
#[derive(Clone, Copy, Default)]
struct Slot {
    k0: u64,
    k1: u64,
    len: u8,
    form: Form,
}

/// Slots of the direct-mapped front of the cache.
const HOT: usize = 8192;

/// Spelling -> [`Form`]: open addressing with linear probing, the spelling
/// stored in the slot itself. A general hash map with string keys costs a
/// pointer chase and a `memcmp` call per lookup; here a hit is one hash of
/// two words and one slot compared as two words. Spellings longer than
/// [`INLINE`] bytes (rare) go to an ordinary map.
///
/// A thread meets tens of thousands of spellings, so the table outgrows the
/// core's private cache and a lookup would wait on memory. In front of it is
/// a small direct-mapped table (`hot`, [`HOT`] slots, 320 KB) holding the
/// spellings met last at each position: text is Zipfian, so most words are
/// found there without touching the big table.
struct FormCache {
    hot: Vec<Slot>,
    slots: Vec<Slot>,
    used: usize,
    /// Per-thread random seeds: no input can be crafted to collide.
    seed: (u64, u64),
    long: FastMap<Box<str>, Form>,
}

impl FormCache {
    fn new() -> FormCache {
        use std::hash::{BuildHasher, Hasher};
        let rs = std::collections::hash_map::RandomState::new();
        let mut h = rs.build_hasher();
        h.write_u64(0x5eed);
        let a = h.finish();
        h.write_u64(a);
        FormCache {
            hot: vec![Slot::default(); HOT],
            slots: vec![Slot::default(); 1 << 12],
            used: 0,
            seed: (a | 1, h.finish() | 1),
            long: FastMap::default(),
        }
    }

    fn len(&self) -> usize {
        self.used + self.long.len()
    }

    fn clear(&mut self) {
        self.hot.iter_mut().for_each(|s| s.len = 0);
        self.slots.iter_mut().for_each(|s| s.len = 0);
        self.used = 0;
        self.long.clear();
    }

    /// The spelling `text[start..start + len]` (`len <= INLINE`) as two
    /// zero-padded words. Reads 16 bytes at once where the text allows.
    #[inline]
    fn pack(text: &[u8], start: usize, len: usize) -> (u64, u64) {
        let mask = |n: usize| if n >= 8 { !0u64 } else { (1u64 << (n * 8)) - 1 };
        if start + INLINE <= text.len() {
            let w = |at: usize| u64::from_le_bytes(text[at..at + 8].try_into().expect("8 bytes"));
            let k0 = w(start) & mask(len);
            let k1 = if len > 8 {
                w(start + 8) & mask(len - 8)
            } else {
                0
            };
            (k0, k1)
        } else {
            let mut b = [0u8; INLINE];
            b[..len].copy_from_slice(&text[start..start + len]);
            (
                u64::from_le_bytes(b[..8].try_into().expect("8 bytes")),
                u64::from_le_bytes(b[8..].try_into().expect("8 bytes")),
            )
        }
    }

    /// Hash of a packed spelling: a folded multiply (as in foldhash).
    #[inline]
    fn hash(&self, k0: u64, k1: u64) -> u64 {
        let x = u128::from(k0 ^ self.seed.0) * u128::from(k1 ^ self.seed.1);
        (x as u64) ^ ((x >> 64) as u64)
    }

    #[inline]
    fn slot_of(&self, k0: u64, k1: u64) -> usize {
        self.hash(k0, k1) as usize & (self.slots.len() - 1)
    }

    /// The packed spelling of `text[start..end]` and its hash (`len` 0 for
    /// a spelling longer than [`INLINE`]: the long map's business).
    #[inline]
    fn key(&self, text: &[u8], start: usize, end: usize) -> Key {
        let len = end - start;
        if len > INLINE {
            return Key::default();
        }
        let (k0, k1) = Self::pack(text, start, len);
        Key {
            k0,
            k1,
            h: self.hash(k0, k1),
            len: len as u8,
        }
    }

    /// Ask the memory system for the two slots `key` may be in, so that
    /// the lookups of a turn's words overlap instead of each waiting.
    #[inline]
    fn prefetch(&self, key: &Key) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
            let hot = &self.hot[(key.h >> 40) as usize & (HOT - 1)];
            let big = &self.slots[key.h as usize & (self.slots.len() - 1)];
            // SAFETY: prefetching is a hint with no effect on memory; both
            // pointers come from references to live slots.
            unsafe {
                _mm_prefetch((hot as *const Slot).cast::<i8>(), _MM_HINT_T0);
                _mm_prefetch((big as *const Slot).cast::<i8>(), _MM_HINT_T0);
            }
        }
    }

    /// The cached form of `text[start..end]` (whose [`key`](Self::key) is
    /// `key`), if any; else where to put it.
    #[inline]
    fn get(&mut self, text: &str, start: usize, end: usize, key: &Key) -> Result<Form, Vacant> {
        if key.len == 0 {
            return self
                .long
                .get(&text[start..end])
                .copied()
                .ok_or(Vacant::Long);
        }
        let Key { k0, k1, h, len } = *key;
        // the front: other bits of the hash than the big table's index
        let hot = (h >> 40) as usize & (HOT - 1);
        let s = &self.hot[hot];
        if s.k0 == k0 && s.k1 == k1 && s.len == len {
            return Ok(s.form);
        }
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let s = self.slots[i];
            if s.len == 0 {
                return Err(Vacant::Slot(i, k0, k1));
            }
            if s.k0 == k0 && s.k1 == k1 && s.len == len {
                self.hot[hot] = s;
                return Ok(s.form);
            }
            i = (i + 1) & mask;
        }
    }

    fn insert(&mut self, text: &str, start: usize, end: usize, at: Vacant, form: Form) {
        match at {
            Vacant::Long => {
                self.long.insert(text[start..end].into(), form);
            }
            Vacant::Slot(i, k0, k1) => {
                let slot = Slot {
                    k0,
                    k1,
                    len: (end - start) as u8,
                    form,
                };
                self.slots[i] = slot;
                let hot = (self.hash(k0, k1) >> 40) as usize & (HOT - 1);
                self.hot[hot] = slot;
                self.used += 1;
                if self.used * 2 > self.slots.len() {
                    self.grow();
                }
            }
        }
    }

    /// Double the table (at most half full keeps probes short).
    #[cold]
    fn grow(&mut self) {
        let bigger = vec![Slot::default(); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, bigger);
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.len != 0) {
            let mut i = self.slot_of(s.k0, s.k1);
            while self.slots[i].len != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

/// A spelling packed for the cache, with its hash.
#[derive(Clone, Copy, Default)]
struct Key {
    k0: u64,
    k1: u64,
    h: u64,
    /// Length in bytes; 0 for a spelling too long to pack.
    len: u8,
}

/// Where a missing spelling goes.
#[derive(Clone, Copy)]
enum Vacant {
    Slot(usize, u64, u64),
    Long,
}

struct Lexer {
    /// The model whose terms `forms` holds (0: none).
    uid: u64,
    forms: FormCache,
    lowers: FastMap<Box<str>, u32>,
    lower: String,
    words: Vec<Word>,
    keys: Vec<Key>,
}

thread_local! {
    static LEXER: RefCell<Lexer> = RefCell::new(Lexer {
        uid: 0,
        forms: FormCache::new(),
        lowers: FastMap::default(),
        lower: String::new(),
        words: Vec::new(),
        keys: Vec::new(),
    });
}

/// Split `text` into [`Word`]s (with lexicon terms of `model`, if given) and
/// pass them to `f`. `f` must not call `with_words` itself.
pub fn with_words<R>(text: &str, model: Option<&TopicModel>, f: impl FnOnce(&[Word]) -> R) -> R {
    LEXER.with(|lx| {
        let mut lx = lx.borrow_mut();
        lx.fill(text, model);
        f(&lx.words)
    })
}

impl Lexer {
    fn fill(&mut self, text: &str, model: Option<&TopicModel>) {
        let uid = model.map_or(0, TopicModel::uid);
        if self.uid != uid {
            self.uid = uid;
            self.forms.clear();
        }
        if self.forms.len() > CACHE_CAP || self.lowers.len() > CACHE_CAP {
            self.forms.clear();
            self.lowers.clear();
        }
        let Lexer {
            forms,
            lowers,
            lower,
            words,
            keys,
            ..
        } = self;
        // two passes: first split the words and start fetching their cache
        // slots, then read the slots (by then mostly arrived)
        words.clear();
        keys.clear();
        for t in tokens(text) {
            let key = forms.key(text.as_bytes(), t.start, t.end);
            forms.prefetch(&key);
            keys.push(key);
            words.push(Word {
                start: t.start,
                end: t.end,
                lower: 0,
                term: NO_TERM,
                start_at: TermStart::NONE,
                flags: if t.break_before { BREAK } else { 0 }
                    | if t.sentence_before { SENTENCE } else { 0 },
            });
        }
        for (w, key) in words.iter_mut().zip(keys.iter()) {
            let form = match forms.get(text, w.start, w.end, key) {
                Ok(f) => f,
                Err(at) => {
                    let f = new_form(&text[w.start..w.end], model, lowers, lower);
                    forms.insert(text, w.start, w.end, at, f);
                    f
                }
            };
            w.lower = form.lower;
            w.term = form.term;
            w.start_at = form.start_at;
            w.flags |= form.flags;
        }
    }
}

/// The cache entry of a spelling not seen before on this thread.
#[cold]
fn new_form(
    surface: &str,
    model: Option<&TopicModel>,
    lowers: &mut FastMap<Box<str>, u32>,
    lower: &mut String,
) -> Form {
    lower_into(surface, lower);
    let next = lowers.len() as u32;
    let id = match lowers.get(lower.as_str()) {
        Some(&id) => id,
        None => {
            lowers.insert(lower.as_str().into(), next);
            next
        }
    };
    let term = match model {
        Some(m) => m.term_of(&stemmer().stem(lower)),
        None => NO_TERM,
    };
    let start_at = match model {
        Some(m) if term != NO_TERM => m.term_start(term),
        _ => TermStart::NONE,
    };
    let mut flags = 0;
    if lower.chars().any(char::is_alphabetic) && !is_stop_word(lower) && !is_conversational(lower) {
        flags |= CONTENT;
    }
    if lower.chars().count() >= 3 {
        flags |= LONG;
    }
    if surface.chars().next().is_some_and(char::is_lowercase) {
        flags |= LOWER_INITIAL;
    }
    if term != NO_TERM && model.is_some_and(|m| m.is_listed(lower)) {
        flags |= LISTED;
    }
    Form {
        lower: id,
        term,
        start_at,
        flags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_share_forms_and_flags() {
        let text = "The talks. the Talks, Iran's talks";
        let w = with_words(text, None, <[Word]>::to_vec);
        assert_eq!(w.len(), 6);
        // same lowercase form, whatever the spelling
        assert_eq!(w[0].lower, w[2].lower);
        assert_eq!(w[1].lower, w[3].lower);
        assert_eq!(w[1].lower, w[5].lower);
        assert!(!w[0].has(CONTENT) && w[1].has(CONTENT) && w[4].has(CONTENT));
        assert!(w[2].has(BREAK) && w[2].has(SENTENCE));
        assert!(w[4].has(BREAK) && !w[4].has(SENTENCE));
        assert!(!w[0].has(LOWER_INITIAL) && w[2].has(LOWER_INITIAL));
        assert_eq!(&text[w[4].start..w[4].end], "Iran's");
        assert!(w.iter().all(|x| x.term == NO_TERM));
    }
}
