//! Counting words fast: white-space separated tokens with a letter or digit.
//!
//! Every record carries `words`, so this runs over every byte of output text.
//! A byte-at-a-time state machine costs ~17 instructions a byte (word
//! boundaries are too irregular for the branch predictor). Here 16 bytes are
//! classified at once with SSE2 into bit masks, and tokens are counted with
//! carry arithmetic on the masks:
//!
//! - `R` = token bytes (not white space), `A` = letters and digits,
//!   `S` = token starts (`R` bits whose previous byte is not in `R`);
//! - every token start counts one word; a token with no letter or digit is
//!   taken back: adding `S` to `X = R & !A` carries through a token only if
//!   all its bytes are in `X`, so the carries that leave `R` mark exactly the
//!   tokens without a letter or digit.
//!
//! Chunks with non-ASCII bytes (and other targets) take the exact scalar path,
//! which decodes characters so Unicode white space and letters count as
//! `split_whitespace` and `char::is_alphanumeric` would. The state carried
//! between chunks is the same for both paths, and a property test checks the
//! count against that definition.

/// Words in `text`: white-space separated tokens containing a letter or digit.
pub fn count_words(text: &str) -> u64 {
    let mut st = State::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    {
        while i + 16 <= bytes.len() {
            if let Some(()) = sse2::chunk(&bytes[i..i + 16], &mut st) {
                i += 16;
            } else {
                // non-ASCII in this chunk: go scalar to the chunk's end (at a
                // character boundary)
                let end = i + 16;
                while i < end {
                    i = scalar_char(text, i, &mut st);
                }
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
        (c.is_whitespace(), c.is_alphanumeric(), c.len_utf8())
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
    use super::State;
    use std::arch::x86_64::*;

    /// Process 16 ASCII bytes; None if any byte is not ASCII.
    #[inline]
    pub(super) fn chunk(b: &[u8], st: &mut State) -> Option<()> {
        // SAFETY: SSE2 is part of the x86_64 baseline; `b` has 16 bytes and
        // the load is unaligned.
        let (ws, alnum) = unsafe {
            let v = _mm_loadu_si128(b.as_ptr() as *const __m128i);
            if _mm_movemask_epi8(v) != 0 {
                return None;
            }
            // white space: ' ' or 0x09..=0x0d
            let space = _mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8));
            let ctl = in_range(v, 0x09, 0x0d);
            let ws = _mm_movemask_epi8(_mm_or_si128(space, ctl)) as u32;
            let digit = in_range(v, b'0', b'9');
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let letter = in_range(lower, b'a', b'z');
            let alnum = _mm_movemask_epi8(_mm_or_si128(digit, letter)) as u32;
            (ws, alnum)
        };
        let r = !ws & 0xFFFF;
        let x = r & !alnum;
        let prev_r = u32::from(st.in_token);
        let starts = r & !((r << 1) | prev_r);
        // a pending token continuing into this chunk carries in at bit 0
        let carry_in = u32::from(st.pending && st.in_token && (r & 1) == 1);
        let y = x.wrapping_add(starts | carry_in);
        let exits = y & !r & 0x1FFFF;
        let mut words = st.words + u64::from(starts.count_ones());
        words -= u64::from((exits & 0xFFFF).count_ones());
        // a pending token that ended right at the chunk start
        if st.pending && st.in_token && (r & 1) == 0 {
            words -= 1;
        }
        st.words = words;
        st.in_token = (r >> 15) & 1 == 1;
        st.pending = st.in_token && (exits >> 16) & 1 == 1;
        Some(())
    }

    /// Bytes in `lo..=hi` (all ASCII here, so signed compares are fine).
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
    }

    proptest! {
        #[test]
        fn matches_the_definition(s in "[ a-z0-9\\-.,\\n\\t]{0,80}|\\PC{0,60}") {
            prop_assert_eq!(count_words(&s), reference(&s));
        }

        #[test]
        fn matches_on_long_mixed_text(parts in proptest::collection::vec("[a-z]{1,8}|[-.,!]{1,20}|[ \\n]{1,3}|\u{a0}|\u{e9}", 0..60)) {
            let s: String = parts.concat();
            prop_assert_eq!(count_words(&s), reference(&s));
        }
    }
}
