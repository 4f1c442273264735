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
    scan(text).words
}

/// What one pass over a turn's text finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scan {
    /// As [`count_words`].
    pub words: u64,
    /// Byte offset of the first `(`, `[` or `{`: where bracketed event notes
    /// can start (most turns have none, and need no second pass).
    pub first_bracket: Option<usize>,
}

/// Count the words of `text` and find its first opening bracket, in one pass
/// (the classification of each block yields both).
pub fn scan(text: &str) -> Scan {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: AVX2 is available (checked just above).
            return unsafe { simd::scan_avx2(text) };
        }
        simd::scan_sse2(text)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        scan_scalar(text)
    }
}

/// The scalar path: other targets, and the reference the SIMD paths are
/// tested against.
#[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code))]
fn scan_scalar(text: &str) -> Scan {
    Scan {
        words: count_scalar(text, 0, State::default()),
        first_bracket: memchr::memchr3(b'(', b'[', b'{', text.as_bytes()),
    }
}

/// Words from byte `i` (a character boundary) to the end, a character at a
/// time.
#[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code))]
fn count_scalar(text: &str, mut i: usize, mut st: State) -> u64 {
    while i < text.len() {
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
mod simd {
    use super::{ALNUM, OTHER, Scan, State, WS, class_of};
    use std::arch::x86_64::*;

    /// Byte masks of a block (bit k = byte k): white space, letter or digit,
    /// non-ASCII, UTF-8 continuation byte, opening bracket.
    #[derive(Clone, Copy)]
    struct Masks {
        ws: u64,
        alnum: u64,
        high: u64,
        cont: u64,
        open: u64,
    }

    /// The scan with 16-byte SSE2 classification (x86_64 baseline).
    pub(super) fn scan_sse2(text: &str) -> Scan {
        scan_with(text, |b| {
            let mut m = Masks {
                ws: 0,
                alnum: 0,
                high: 0,
                cont: 0,
                open: 0,
            };
            for q in 0..4 {
                // SAFETY: SSE2 is part of the x86_64 baseline.
                let [w, a, h, c, o] = unsafe { classify16(&b[16 * q..16 * q + 16]) };
                m.ws |= u64::from(w) << (16 * q);
                m.alnum |= u64::from(a) << (16 * q);
                m.high |= u64::from(h) << (16 * q);
                m.cont |= u64::from(c) << (16 * q);
                m.open |= u64::from(o) << (16 * q);
            }
            m
        })
    }

    /// The scan with 32-byte AVX2 classification: half the instructions of
    /// SSE2 per block.
    ///
    /// # Safety
    /// The CPU must support AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn scan_avx2(text: &str) -> Scan {
        scan_with(text, |b| {
            // SAFETY: the caller guarantees AVX2; `b` has 64 bytes.
            let [w0, a0, h0, c0, o0] = unsafe { classify32(&b[..32]) };
            let [w1, a1, h1, c1, o1] = unsafe { classify32(&b[32..64]) };
            let join = |lo: u32, hi: u32| u64::from(lo) | (u64::from(hi) << 32);
            Masks {
                ws: join(w0, w1),
                alnum: join(a0, a1),
                high: join(h0, h1),
                cont: join(c0, c1),
                open: join(o0, o1),
            }
        })
    }

    /// 64-byte blocks classified by `classify`, then the tail padded into
    /// one last block.
    #[inline(always)]
    fn scan_with(text: &str, classify: impl Fn(&[u8]) -> Masks) -> Scan {
        let mut st = State::default();
        let mut first_bracket = None;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i + 64 <= bytes.len() {
            let m = classify(&bytes[i..i + 64]);
            if m.open != 0 && first_bracket.is_none() {
                first_bracket = Some(i + m.open.trailing_zeros() as usize);
            }
            block(bytes, i, m, &mut st);
            i += 64;
        }
        if i == bytes.len() {
            return Scan {
                words: st.finish(),
                first_bracket,
            };
        }
        // the tail as one more block rather than a byte at a time, its
        // missing bytes as spaces (which end a token and count nothing); the
        // bytes of a character cut by the block before keep their class from
        // the state
        let n = bytes.len() - i;
        let valid = (1u64 << n) - 1;
        let m = if bytes.len() >= 64 {
            // the last 64 bytes of the text, shifted down past the ones
            // already counted (a padded copy on the stack would stall the
            // load that follows it)
            let m = classify(&bytes[bytes.len() - 64..]);
            let sh = 64 - n;
            Masks {
                ws: (m.ws >> sh) | !valid,
                alnum: m.alnum >> sh,
                high: m.high >> sh,
                cont: m.cont >> sh,
                open: m.open >> sh,
            }
        } else {
            let mut pad = [b' '; 64];
            pad[..n].copy_from_slice(&bytes[i..]);
            classify(&pad)
        };
        if m.open != 0 && first_bracket.is_none() {
            first_bracket = Some(i + m.open.trailing_zeros() as usize);
        }
        block(bytes, i, m, &mut st);
        Scan {
            words: st.finish(),
            first_bracket,
        }
    }

    /// Count the tokens of the 64 bytes of `bytes` at `i`, given their masks.
    #[inline(always)]
    fn block(bytes: &[u8], i: usize, m: Masks, st: &mut State) {
        let Masks {
            mut ws,
            mut alnum,
            high,
            cont,
            ..
        } = m;
        if high != 0 {
            let mut set = |k: usize, n: usize, class: u8| {
                let bits = (((1u128 << n) - 1) << k) as u64;
                if class == WS {
                    ws |= bits;
                } else if class == ALNUM {
                    alnum |= bits;
                }
            };
            // continuation bytes of a character begun in the previous block
            let k = (!cont).trailing_zeros().min(64) as usize;
            if k > 0 {
                set(0, k, st.cont_class);
            }
            // each character's lead byte; most are punctuation (curly
            // quotes, dashes), whose class needs no bits
            let mut leads = high & !cont;
            while leads != 0 {
                let k = leads.trailing_zeros() as usize;
                leads &= leads - 1;
                let (code, len) = decode(bytes, i + k);
                let class = class_of(char::from_u32(code).unwrap_or(' '));
                if class != OTHER {
                    set(k, len.min(64 - k), class);
                }
                if k + len > 64 {
                    st.cont_class = class;
                }
            }
        }
        // token arithmetic in 128 bits: the carry out of the top byte is the
        // bit just above the block
        let r = u128::from(!ws);
        let x = r & !u128::from(alnum);
        let prev_r = u128::from(st.in_token);
        let starts = r & !((r << 1) | prev_r);
        // a pending token continuing into this block carries in at bit 0
        let carry_in = u128::from(st.pending && st.in_token && (r & 1) == 1);
        let y = x + (starts | carry_in);
        let exits = y & !r;
        let mut words = st.words + u64::from(starts.count_ones());
        words -= u64::from((exits as u64).count_ones());
        // a pending token that ended right at the block start
        if st.pending && st.in_token && (r & 1) == 0 {
            words -= 1;
        }
        st.words = words;
        st.in_token = (r >> 63) & 1 == 1;
        st.pending = st.in_token && (exits >> 64) & 1 == 1;
    }

    /// Masks of 16 bytes: white space, letter or digit, non-ASCII, UTF-8
    /// continuation byte, opening bracket.
    ///
    /// # Safety
    /// `b` has at least 16 bytes (SSE2 is baseline on x86_64).
    #[inline(always)]
    unsafe fn classify16(b: &[u8]) -> [u16; 5] {
        debug_assert!(b.len() >= 16);
        // SAFETY: the load is unaligned and within `b`.
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
            // `(`, and `[`/`{` (which differ only in the 0x20 bit)
            let open = _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'(' as i8)),
                _mm_cmpeq_epi8(lower, _mm_set1_epi8(b'{' as i8)),
            );
            let open = _mm_movemask_epi8(open) as u16;
            [ws, alnum, high, cont, open]
        }
    }

    /// The same masks for 32 bytes.
    ///
    /// # Safety
    /// AVX2 is available and `b` has at least 32 bytes.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn classify32(b: &[u8]) -> [u32; 5] {
        debug_assert!(b.len() >= 32);
        // SAFETY: the load is unaligned and within `b`.
        unsafe {
            let v = _mm256_loadu_si256(b.as_ptr() as *const __m256i);
            let high = _mm256_movemask_epi8(v) as u32;
            let space = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b' ' as i8));
            let ctl = in_range32(v, 0x09, 0x0d);
            let ws = _mm256_movemask_epi8(_mm256_or_si256(space, ctl)) as u32;
            let digit = in_range32(v, b'0', b'9');
            let lower = _mm256_or_si256(v, _mm256_set1_epi8(0x20));
            let letter = in_range32(lower, b'a', b'z');
            let alnum = _mm256_movemask_epi8(_mm256_or_si256(digit, letter)) as u32;
            let cont = _mm256_movemask_epi8(_mm256_cmpgt_epi8(_mm256_set1_epi8(-64), v)) as u32;
            let open = _mm256_or_si256(
                _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'(' as i8)),
                _mm256_cmpeq_epi8(lower, _mm256_set1_epi8(b'{' as i8)),
            );
            let open = _mm256_movemask_epi8(open) as u32;
            [ws, alnum, high, cont, open]
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
    #[inline(always)]
    unsafe fn in_range(v: __m128i, lo: u8, hi: u8) -> __m128i {
        // SAFETY: plain SSE2 arithmetic on registers.
        unsafe {
            let ge = _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1));
            let le = _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1));
            _mm_and_si128(ge, le)
        }
    }

    /// `in_range` on 32 bytes.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn in_range32(v: __m256i, lo: u8, hi: u8) -> __m256i {
        let ge = _mm256_cmpgt_epi8(v, _mm256_set1_epi8(lo as i8 - 1));
        let le = _mm256_cmpgt_epi8(_mm256_set1_epi8(hi as i8 + 1), v);
        _mm256_and_si256(ge, le)
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
        fn matches_the_definition(s in "[ a-z0-9\\-.,\\n\\t({\\[]{0,80}|\\PC{0,60}") {
            prop_assert_eq!(count_words(&s), reference(&s));
            every_path_agrees(&s)?;
        }

        #[test]
        fn matches_on_long_mixed_text(parts in proptest::collection::vec("[a-z]{1,8}|[-.,!]{1,20}|[ \\n]{1,3}|[(\\[{]|\u{a0}|\u{e9}|\u{2019}|\u{2014}|\u{3000}|\u{1F600}|[\u{400}-\u{4ff}]{1,3}", 0..60)) {
            let s: String = parts.concat();
            prop_assert_eq!(count_words(&s), reference(&s));
            every_path_agrees(&s)?;
        }
    }

    /// The scalar, SSE2 and (where the CPU has it) AVX2 paths all give the
    /// definition's count and the first bracket.
    fn every_path_agrees(s: &str) -> Result<(), TestCaseError> {
        let want = Scan {
            words: reference(s),
            first_bracket: s.find(['(', '[', '{']),
        };
        prop_assert_eq!(scan_scalar(s), want);
        prop_assert_eq!(scan(s), want);
        #[cfg(target_arch = "x86_64")]
        {
            prop_assert_eq!(simd::scan_sse2(s), want);
            if std::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 was just detected.
                prop_assert_eq!(unsafe { simd::scan_avx2(s) }, want);
            }
        }
        Ok(())
    }

    #[test]
    fn every_path_on_block_boundaries() {
        for pad in 0..130 {
            let s = format!(
                "{}\u{a0}b -- \u{e9}\u{2019}x \u{2014} {}{}",
                "a".repeat(pad),
                "-".repeat(pad % 70),
                ["", "(x)", "[", "{"][pad % 4]
            );
            every_path_agrees(&s).unwrap();
        }
    }
}
