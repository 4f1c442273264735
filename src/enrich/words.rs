//! Counting words fast: white-space separated tokens with a letter or digit.
//!
//! Every record carries `words`, so this runs over every byte of output text.
//! A byte-at-a-time state machine costs ~17 instructions a byte (word
//! boundaries are too irregular for the branch predictor). Here 64 bytes are
//! classified with SSE2 (16 at a time) into 64-bit masks, and tokens are
//! counted with carry arithmetic on the masks:
//!
//! - `R` = token bytes (not white space), `A` = letters and digits,
//!   `S` = token starts (`R` bits whose previous byte is not in `R`);
//! - every token start counts one word; a token with no letter or digit is
//!   taken back: adding `S` to `X = R & !A` carries through a token only if
//!   all its bytes are in `X`, so the carries that leave `R` mark exactly the
//!   tokens without a letter or digit.
//!
//! Non-ASCII characters (found by their lead bytes) are decoded one by one
//! and their class (white space, letter/digit) patched into the chunk's masks, so no-break spaces
//! separate and `é` counts as a letter exactly as `split_whitespace` and
//! `char::is_alphanumeric` would; common ranges (Latin letters, general
//! punctuation) skip the Unicode tables. The tail (and other targets) take a
//! scalar path with the same state, and a property test checks the count
//! against the definition.

/// Words in `text`: white-space separated tokens containing a letter or digit.
pub fn count_words(text: &str) -> u64 {
    let mut st = State::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    {
        while i + 64 <= bytes.len() {
            sse2::chunk::<64>(text, i, &mut st);
            i += 64;
        }
        while i + 16 <= bytes.len() {
            sse2::chunk::<16>(text, i, &mut st);
            i += 16;
        }
        // the last chunk may have ended inside a character, whose class is
        // already in the state
        while i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
            i += 1;
        }
        // the tail: padded with spaces (which end a token and count nothing)
        // into one more chunk, rather than a byte at a time
        if i < bytes.len() {
            let mut pad = [b' '; 16];
            pad[..bytes.len() - i].copy_from_slice(&bytes[i..]);
            // a suffix of valid UTF-8 from a character boundary, then spaces
            if let Ok(tail) = std::str::from_utf8(&pad) {
                sse2::chunk::<16>(tail, 0, &mut st);
                i = bytes.len();
            }
        }
    }
    while i < bytes.len() {
        i = scalar_char(text, i, &mut st);
    }
    st.finish()
}

/// Between chunks: are we inside a token, and has it had a letter/digit yet?
#[derive(Default, Clone, Copy)]
struct State {
    words: u64,
    in_token: bool,
    /// In a token that has no letter or digit so far (it was counted at its
    /// start and must be taken back if it ends like that).
    pending: bool,
    /// Class of a character cut by the end of the previous chunk (its
    /// continuation bytes start the next one).
    cont_class: u8,
}

const WS: u8 = 0;
const ALNUM: u8 = 1;
const OTHER: u8 = 2;

/// The class of a non-ASCII character; common ranges without table lookups.
#[inline]
fn class_of(c: char) -> u8 {
    match c as u32 {
        0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0x85 => WS,
        0xD7 | 0xF7 => OTHER,
        0xC0..=0x24F => ALNUM,
        0x200B..=0x2027 | 0x2030..=0x205E => OTHER,
        code if code < 0x10000 => bmp_table()[code as usize],
        _ => slow_class(c),
    }
}

/// `char::is_alphanumeric` through the same fast paths and table (the topic
/// and keyphrase tokenizer shares them).
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        class_of(c) == ALNUM
    }
}

fn slow_class(c: char) -> u8 {
    if c.is_whitespace() {
        WS
    } else if c.is_alphanumeric() {
        ALNUM
    } else {
        OTHER
    }
}

/// Classes of every Basic Multilingual Plane character, computed once on
/// first use (64 KB): scripts like Devanagari or Cyrillic would otherwise hit
/// the Unicode property tables for every character.
fn bmp_table() -> &'static [u8; 0x10000] {
    static TABLE: std::sync::OnceLock<Box<[u8; 0x10000]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Box::new([OTHER; 0x10000]);
        for (code, slot) in t.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(code as u32) {
                *slot = slow_class(c);
            }
        }
        t
    })
}

impl State {
    fn finish(self) -> u64 {
        self.words - u64::from(self.in_token && self.pending)
    }
}

/// One character at byte `i`; returns the next index.
#[inline]
fn scalar_char(text: &str, i: usize, st: &mut State) -> usize {
    let b = text.as_bytes()[i];
    let (ws, alnum, len) = if b < 0x80 {
        (
            b.is_ascii_whitespace() || b == 0x0b,
            b.is_ascii_alphanumeric(),
            1,
        )
    } else {
        let c = text[i..].chars().next().unwrap_or(' ');
        let k = class_of(c);
        (k == WS, k == ALNUM, c.len_utf8())
    };
    if ws {
        if st.in_token && st.pending {
            st.words -= 1;
        }
        st.in_token = false;
        st.pending = false;
    } else {
        if !st.in_token {
            st.words += 1;
            st.in_token = true;
            st.pending = true;
        }
        if alnum {
            st.pending = false;
        }
    }
    i + len
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use super::{ALNUM, OTHER, State, WS, class_of};
    use std::arch::x86_64::*;

    /// Process the `W` bytes of `text` at `i` (`W` = 16 or 64): classify
    /// 16 at a time into bit masks, then count tokens once for all `W`.
    #[inline]
    pub(super) fn chunk<const W: usize>(text: &str, i: usize, st: &mut State) {
        let b = &text.as_bytes()[i..i + W];
        let (mut ws, mut alnum, mut high, mut cont) = (0u64, 0u64, 0u64, 0u64);
        for q in 0..W / 16 {
            let (w, a, h, c) = classify16(&b[16 * q..16 * q + 16]);
            ws |= u64::from(w) << (16 * q);
            alnum |= u64::from(a) << (16 * q);
            high |= u64::from(h) << (16 * q);
            cont |= u64::from(c) << (16 * q);
        }
        let full: u64 = if W == 64 { u64::MAX } else { (1u64 << W) - 1 };
        if high != 0 {
            let mut set = |k: usize, n: usize, class: u8| {
                let bits = (((1u128 << n) - 1) << k) as u64;
                if class == WS {
                    ws |= bits;
                } else if class == ALNUM {
                    alnum |= bits;
                }
            };
            // continuation bytes of a character begun in the previous chunk
            let k = (!cont & full).trailing_zeros().min(W as u32) as usize;
            if k > 0 {
                set(0, k, st.cont_class);
            }
            // each character's lead byte; most are punctuation (curly
            // quotes, dashes), whose class needs no bits
            let bytes = text.as_bytes();
            let mut leads = high & !cont & full;
            while leads != 0 {
                let k = leads.trailing_zeros() as usize;
                leads &= leads - 1;
                let (code, len) = decode(bytes, i + k);
                let class = class_of(char::from_u32(code).unwrap_or(' '));
                if class != OTHER {
                    set(k, len.min(W - k), class);
                }
                if k + len > W {
                    st.cont_class = class;
                }
            }
        }
        // token arithmetic in 128 bits: the carry out of the top byte is the
        // bit just above the chunk
        let r = u128::from(!ws & full);
        let x = r & !u128::from(alnum);
        let prev_r = u128::from(st.in_token);
        let starts = r & !((r << 1) | prev_r);
        // a pending token continuing into this chunk carries in at bit 0
        let carry_in = u128::from(st.pending && st.in_token && (r & 1) == 1);
        let y = x + (starts | carry_in);
        let exits = y & !r;
        let mut words = st.words + u64::from(starts.count_ones());
        words -= u64::from((exits & u128::from(full)).count_ones());
        // a pending token that ended right at the chunk start
        if st.pending && st.in_token && (r & 1) == 0 {
            words -= 1;
        }
        st.words = words;
        st.in_token = (r >> (W - 1)) & 1 == 1;
        st.pending = st.in_token && (exits >> W) & 1 == 1;
    }

    /// Masks of 16 bytes: (white space, letter or digit, non-ASCII, UTF-8
    /// continuation byte).
    #[inline(always)]
    fn classify16(b: &[u8]) -> (u16, u16, u16, u16) {
        debug_assert!(b.len() >= 16);
        // SAFETY: SSE2 is part of the x86_64 baseline; `b` has 16 bytes and
        // the load is unaligned.
        unsafe {
            let v = _mm_loadu_si128(b.as_ptr() as *const __m128i);
            let high = _mm_movemask_epi8(v) as u16;
            // white space: ' ' or 0x09..=0x0d (bytes >= 0x80 compare negative
            // and match neither range)
            let space = _mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8));
            let ctl = in_range(v, 0x09, 0x0d);
            let ws = _mm_movemask_epi8(_mm_or_si128(space, ctl)) as u16;
            let digit = in_range(v, b'0', b'9');
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let letter = in_range(lower, b'a', b'z');
            let alnum = _mm_movemask_epi8(_mm_or_si128(digit, letter)) as u16;
            // UTF-8 continuation bytes 0x80..=0xBF (signed: below -64)
            let cont = _mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64))) as u16;
            (ws, alnum, high, cont)
        }
    }

    /// The scalar value and length of the UTF-8 character whose lead byte is
    /// at `p` (the input is valid UTF-8).
    #[inline]
    fn decode(b: &[u8], p: usize) -> (u32, usize) {
        let b0 = u32::from(b[p]);
        let c = |n: usize| u32::from(b[p + n] & 0x3F);
        if b0 < 0xE0 {
            (((b0 & 0x1F) << 6) | c(1), 2)
        } else if b0 < 0xF0 {
            (((b0 & 0x0F) << 12) | (c(1) << 6) | c(2), 3)
        } else {
            (((b0 & 0x07) << 18) | (c(1) << 12) | (c(2) << 6) | c(3), 4)
        }
    }

    /// Bytes in `lo..=hi` (ASCII bounds; signed compares, so bytes >= 0x80
    /// never match).
    #[inline]
    unsafe fn in_range(v: __m128i, lo: u8, hi: u8) -> __m128i {
        // SAFETY: plain SSE2 arithmetic on registers.
        unsafe {
            let ge = _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1));
            let le = _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1));
            _mm_and_si128(ge, le)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(s: &str) -> u64 {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count() as u64
    }

    #[test]
    fn examples() {
        assert_eq!(count_words("Well -- I think , yes ."), 4);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("caf\u{e9}\u{a0}na\u{ef}ve \u{2014} 3"), 3);
        let long = "word -- and -- more words, here: 12 ... ok! ".repeat(20);
        assert_eq!(count_words(&long), reference(&long));
        // a punctuation-only token that spans a 16-byte chunk boundary
        let s = format!("{}{}", "a".repeat(14), " ------------------- b");
        assert_eq!(count_words(&s), reference(&s));
        // characters across the 64-byte block boundary: a no-break space
        // (separates), an `é` (a letter), a curly quote (neither)
        for pad in 60..66 {
            let s = format!(
                "{}\u{a0}b {}\u{e9} \u{2019}\u{2019} x{}",
                "a".repeat(pad),
                "-".repeat(pad),
                "z".repeat(pad)
            );
            assert_eq!(count_words(&s), reference(&s), "pad {pad}");
        }
    }

    proptest! {
        #[test]
        fn matches_the_definition(s in "[ a-z0-9\\-.,\\n\\t]{0,80}|\\PC{0,60}") {
            prop_assert_eq!(count_words(&s), reference(&s));
        }

        #[test]
        fn matches_on_long_mixed_text(parts in proptest::collection::vec("[a-z]{1,8}|[-.,!]{1,20}|[ \\n]{1,3}|\u{a0}|\u{e9}|\u{2019}|\u{2014}|\u{3000}|\u{1F600}|[\u{400}-\u{4ff}]{1,3}", 0..60)) {
            let s: String = parts.concat();
            prop_assert_eq!(count_words(&s), reference(&s));
        }
    }
}
