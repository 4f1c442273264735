//! `str::trim` and friends with a fast path for the common line.
//!
//! Every line is trimmed several times on its way through the segmenter
//! (classification, label checks, the turn builder). `str::trim` decodes
//! characters from both ends and asks the Unicode tables about each; but a
//! line that starts (or ends) with a visible ASCII character has no white
//! space to remove there, which one byte compare shows. The answers are
//! exactly `str`'s (a property test checks), so a no-break space or an
//! ideographic space is still trimmed.

/// The `trim` family with a fast path; same results as `str`'s.
pub trait FastTrim {
    /// As [`str::trim`].
    fn ftrim(&self) -> &str;
    /// As [`str::trim_start`].
    fn ftrim_start(&self) -> &str;
    /// As [`str::trim_end`].
    fn ftrim_end(&self) -> &str;
}

impl FastTrim for str {
    #[inline]
    fn ftrim(&self) -> &str {
        let b = self.as_bytes();
        match (b.first(), b.last()) {
            (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => self,
            _ => self.trim(),
        }
    }

    #[inline]
    fn ftrim_start(&self) -> &str {
        if self.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
            self
        } else {
            self.trim_start()
        }
    }

    #[inline]
    fn ftrim_end(&self) -> &str {
        if self.as_bytes().last().is_some_and(u8::is_ascii_graphic) {
            self
        } else {
            self.trim_end()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FastTrim;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_as_str(s in "[ \t\u{a0}\u{3000}\u{2009}\u{85}xé.]{0,6}|\\PC{0,8}") {
            prop_assert_eq!(s.ftrim(), s.trim());
            prop_assert_eq!(s.ftrim_start(), s.trim_start());
            prop_assert_eq!(s.ftrim_end(), s.trim_end());
        }
    }

    #[test]
    fn examples() {
        assert_eq!("  MR PRICE: ".ftrim(), "MR PRICE:");
        assert_eq!("\u{a0}Q\u{a0}".ftrim(), "Q");
        assert_eq!("Q".ftrim(), "Q");
        assert_eq!("".ftrim_end(), "");
    }
}
