//! Line numbers in the margin: depositions and court transcripts.
//!
//! A transcript printed for the court numbers every line of every page (`1`
//! to `25`, then `1` again) in a left margin, and copies of it made with
//! `pdftotext` keep the numbers at the start of each line:
//!
//! ```text
//!  7        Q.    Please state your name for the record.
//!  8        A.    John Smith.
//! ```
//!
//! With the numbers in place no line starts with a label, so the segmenter
//! would see one long speaker-less paragraph. This module decides, from the
//! first lines of a document, whether it has such a margin (most non-blank
//! lines start with a number, and the numbers count up by one or start a
//! new page at 1), and if so removes the number from each line before it is
//! classified. The decision is made once per document, on the first batch
//! with enough lines; lines before it (a live input's first few) pass as they
//! are. Nothing else changes: the line keeps its number in the input, and
//! the rest of the line (indentation included) is what the rules see.
//!
//! The same first lines settle two more facts of a document's layout, for a
//! document without numbered lines: the indentation every line shares
//! ([`common_margin`], removed before the rules, as the numbers are), and
//! whether each line is a paragraph of its own with no blank line between
//! two ([`lines_are_paragraphs`]: the segmenter then reads a blank line
//! before each).

/// Non-blank lines needed before deciding.
const DECIDE_AFTER: usize = 12;
/// Non-blank lines looked at to decide.
const LOOK_AT: usize = 200;

/// Whether the document has numbered lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gutter {
    #[default]
    Undecided,
    On,
    /// Numbered lines with a blank line between each two (`pdftotext
    /// -layout` of a double-spaced transcript): the blank lines are the
    /// page's spacing, not paragraph breaks.
    OnDoubleSpaced,
    Off,
}

/// The margin number at the start of `line` (up to six spaces, one to four
/// digits, then white space or the end of the line), and where the rest of
/// the line starts.
pub fn margin_number(line: &str) -> Option<(u32, usize)> {
    let b = line.as_bytes();
    let spaces = b.iter().take(7).take_while(|&&c| c == b' ').count();
    if spaces > 6 {
        return None;
    }
    let digits = b[spaces..]
        .iter()
        .take(5)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let end = spaces + digits;
    if end < b.len() && !matches!(b[end], b' ' | b'\t') {
        return None;
    }
    let n = line[spaces..end].parse().ok()?;
    Some((n, end))
}

/// The indentation every line of a document shares (text indented whole
/// by the tool that exported it, or quoted into a mail), decided from the
/// same first lines as the gutter: the least leading white space of any
/// non-blank line, in bytes (a space or a tab is one). `None` until enough
/// lines are seen. A document whose lines are all indented is read as if
/// they were not: a name alone on its line is at the margin again, and a
/// centred or indented line is still more indented than the rest.
pub fn common_margin<'a>(lines: impl Iterator<Item = &'a str>) -> Option<usize> {
    let mut nonblank = 0;
    let mut least = usize::MAX;
    for line in lines {
        let lead = line
            .bytes()
            .take_while(|&c| c == b' ' || c == b'\t')
            .count();
        if lead == line.len() || line.trim().is_empty() {
            continue;
        }
        nonblank += 1;
        least = least.min(lead);
        if least == 0 || nonblank == LOOK_AT {
            break;
        }
    }
    if least == 0 {
        return Some(0);
    }
    (nonblank >= DECIDE_AFTER).then_some(least)
}

/// [`common_margin`] and [`lines_are_paragraphs`] for a whole document
/// shorter than the lines they need (`Jane Roe` / `Hello.` / `John Doe` /
/// `Hi.` piped in): with no blank line, each line is a paragraph unless one
/// is long enough to be text wrapped to a width (then the usual test). `None`
/// for a document with blank lines, or with no text.
pub fn short_document(lines: &[&str]) -> Option<(usize, bool)> {
    let text: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    if text.len() < 2 || text.len() != lines.len() {
        return None;
    }
    let margin = text
        .iter()
        .map(|l| l.bytes().take_while(|&c| c == b' ' || c == b'\t').count())
        .min()
        .unwrap_or(0);
    let wrapped_width = text.iter().any(|l| l.trim().len() > 60);
    // a sentence that goes on to the next line (`We will reconvene at` /
    // `10:02 a.m.`, `JANE ROE,` / `having been first duly sworn`)
    let goes_on = text.windows(2).any(|p| {
        p[0].trim_end()
            .ends_with(|c: char| c.is_lowercase() || c.is_ascii_digit() || c == ',')
            && p[1]
                .trim_start()
                .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
    });
    let paragraphs = !goes_on
        && (!wrapped_width || {
            let ends = text
                .iter()
                .filter(|l| l.trim().len() > 40)
                .filter(|l| {
                    l.trim_end()
                        .ends_with(['.', '?', '!', '"', '\u{201d}', ')', ']', ':'])
                })
                .count();
            let long = text.iter().filter(|l| l.trim().len() > 40).count();
            ends * 10 >= long * 7
        });
    Some((margin, paragraphs))
}

/// Is each line of the document a paragraph of its own, with no blank line
/// between two (a web page's paragraphs pasted as lines, a database dump of
/// a transcript)? Decided from the same first lines as the gutter: no blank
/// line among them, and the lines are not wrapped to a width: many run past
/// 100 characters, or most long ones end a sentence (text wrapped to a
/// width ends a line mid-sentence). `None` until enough lines are seen.
///
/// In such a document a speaker's name alone on its line is still a
/// paragraph of its own, as it would be between blank lines.
pub fn lines_are_paragraphs<'a>(lines: impl Iterator<Item = &'a str>) -> Option<bool> {
    let (mut nonblank, mut blanks, mut long, mut over_100, mut ends) = (0, 0, 0, 0, 0);
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            blanks += 1;
            continue;
        }
        nonblank += 1;
        // (a line of capitalised words is a title or a header, which tells
        // nothing of wrapping: `Northwind Corporation - Chief Financial
        // Officer` under a name in a Capital IQ transcript)
        if t.len() > 40 && !title_case(t) {
            long += 1;
            over_100 += usize::from(t.len() > 100);
            ends += usize::from(t.ends_with([
                '.', '?', '!', '"', '\u{201d}', '\u{2019}', ')', ']', ':', '\u{2026}', '-',
                '\u{2014}',
            ]));
        }
        if nonblank == LOOK_AT {
            break;
        }
    }
    if nonblank < DECIDE_AFTER {
        return None;
    }
    Some(blanks == 0 && long > 0 && (over_100 * 5 >= nonblank || ends * 10 >= long * 7))
}

/// Does every word of `t` start with a capital or a digit, bar a few small
/// words (`of`, `and`, `&`, `-`)?
fn title_case(t: &str) -> bool {
    t.split_whitespace().all(|w| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || matches!(
                w,
                "of" | "and"
                    | "&"
                    | "-"
                    | "--"
                    | "\u{2013}"
                    | "\u{2014}"
                    | "the"
                    | "for"
                    | "on"
                    | "in"
                    | "at"
                    | "to"
                    | "a"
            )
    })
}

/// `line` without up to `margin` bytes of leading white space.
pub fn strip_margin(line: &str, margin: usize) -> &str {
    if margin == 0 {
        return line;
    }
    let n = line
        .bytes()
        .take(margin)
        .take_while(|&c| c == b' ' || c == b'\t')
        .count();
    &line[n..]
}

impl Gutter {
    /// Decide from the lines of a batch, if still undecided and there are
    /// enough of them.
    pub fn decide<'a>(&mut self, lines: impl Iterator<Item = &'a str>) {
        if *self != Gutter::Undecided {
            return;
        }
        let (mut nonblank, mut numbered, mut counting) = (0, 0, 0);
        // numbered lines after exactly one blank line
        let (mut blanks, mut spaced) = (0, 0);
        let mut prev = 0;
        for line in lines {
            if line.trim().is_empty() {
                blanks += 1;
                continue;
            }
            nonblank += 1;
            if let Some((n, _)) = margin_number(line) {
                numbered += 1;
                if n == prev + 1 || n == 1 {
                    counting += 1;
                    spaced += usize::from(blanks == 1 && n == prev + 1);
                }
                prev = n;
            }
            blanks = 0;
            if nonblank == LOOK_AT {
                break;
            }
        }
        if nonblank < DECIDE_AFTER {
            return;
        }
        // page headers (`Page 12`) and the odd unnumbered line are allowed
        *self = if numbered * 10 >= nonblank * 8 && counting * 10 >= numbered * 8 {
            if spaced * 10 >= numbered * 7 {
                Gutter::OnDoubleSpaced
            } else {
                Gutter::On
            }
        } else {
            Gutter::Off
        };
    }

    /// The document has numbered lines.
    pub fn is_on(&self) -> bool {
        matches!(self, Gutter::On | Gutter::OnDoubleSpaced)
    }

    /// `line` without its margin number, when the document has them.
    pub fn strip<'a>(&self, line: &'a str) -> &'a str {
        if !self.is_on() {
            return line;
        }
        match margin_number(line) {
            Some((_, end)) => &line[end..],
            None => line,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margin_numbers() {
        assert_eq!(margin_number(" 7        Q.    Name?"), Some((7, 2)));
        assert_eq!(margin_number("10        A.    Yes."), Some((10, 2)));
        assert_eq!(margin_number("25"), Some((25, 2)));
        assert_eq!(margin_number("3\tTHE COURT: Yes."), Some((3, 1)));
        assert_eq!(margin_number("1999 was a year"), Some((1999, 4)));
        assert_eq!(margin_number("12,000 people came"), None);
        assert_eq!(margin_number("1.5 million"), None);
        assert_eq!(margin_number("Q. Yes."), None);
        assert_eq!(margin_number("        7 spaces"), None);
        assert_eq!(margin_number("12345 too long"), None);
    }

    fn decided(text: &str) -> Gutter {
        let mut g = Gutter::default();
        g.decide(text.lines());
        g
    }

    #[test]
    fn a_numbered_transcript_turns_it_on() {
        let mut text = String::from("                    Page 12\n");
        for n in 1..=25 {
            text.push_str(&format!("{n:>2}        Q.    Line {n}.\n"));
        }
        text.push_str("                    Page 13\n");
        for n in 1..=5 {
            text.push_str(&format!("{n:>2}        A.    Line {n}.\n"));
        }
        let g = decided(&text);
        assert_eq!(g, Gutter::On);
        assert_eq!(g.strip(" 7        Q.    Name?"), "        Q.    Name?");
        assert_eq!(
            g.strip("                    Page 13"),
            "                    Page 13"
        );
    }

    #[test]
    fn a_blank_line_between_each_two_is_double_spacing() {
        let mut text = String::new();
        for n in 1..=25 {
            text.push_str(&format!("{n:>2}        Q.    Line {n}.\n\n"));
        }
        assert_eq!(decided(&text), Gutter::OnDoubleSpaced);
        assert!(Gutter::OnDoubleSpaced.is_on());
        assert_eq!(
            Gutter::OnDoubleSpaced.strip(" 7        Q.    Name?"),
            "        Q.    Name?"
        );
        // the odd blank line (a new page) is not double spacing
        let mut text = String::new();
        for n in 1..=25 {
            text.push_str(&format!("{n:>2}        Q.    Line {n}.\n"));
            if n % 10 == 0 {
                text.push('\n');
            }
        }
        assert_eq!(decided(&text), Gutter::On);
    }

    #[test]
    fn prose_and_lists_leave_it_off() {
        let prose = "THE PRESIDENT: Thank you.\n1 in 5 people agree.\n\nQ Why?\n".repeat(6);
        assert_eq!(decided(&prose), Gutter::Off);
        assert_eq!(
            Gutter::Off.strip("1 in 5 people agree."),
            "1 in 5 people agree."
        );
        // numbers that do not count up
        let years = (0..15)
            .map(|i| format!("{} was a year.\n", 1990 + i * 2))
            .collect::<String>();
        assert_eq!(decided(&years), Gutter::Off);
    }

    #[test]
    fn a_margin_every_line_shares() {
        let text = "    Carter G. Phillips\n    Thank you.\n\n\t     indented more\n".repeat(4);
        assert_eq!(common_margin(text.lines()), Some(4));
        assert_eq!(
            strip_margin("    Carter G. Phillips", 4),
            "Carter G. Phillips"
        );
        assert_eq!(strip_margin("          centred", 4), "      centred");
        assert_eq!(strip_margin("  short", 4), "short");
        assert_eq!(strip_margin("\t  x", 2), " x");
        // one line at the margin is enough to say there is none
        let mixed = format!("{text}Title\n");
        assert_eq!(common_margin(mixed.lines()), Some(0));
        assert_eq!(common_margin("Title\n".lines()), Some(0));
        // too few lines wait
        assert_eq!(common_margin("   a\n   b\n".lines()), None);
    }

    #[test]
    fn a_short_document_decided_whole() {
        // each line a paragraph
        assert_eq!(
            short_document(&["Jane Roe", "Hello.", "John Doe", "Hi."]),
            Some((0, true))
        );
        assert_eq!(
            short_document(&["  A: Hi.", "    B: Hello there."]),
            Some((2, true))
        );
        // a sentence going on to the next line; text wrapped to a width
        assert_eq!(
            short_document(&["Q: We will reconvene at", "10:02 a.m."]),
            Some((0, false))
        );
        let wrapped = [
            "MR. DOE: The committee will hear from the first witness and then",
            "from the second, who has come a long way to be with us and whose",
            "statement we have read with care.",
        ];
        assert_eq!(short_document(&wrapped), Some((0, false)));
        // blank lines say where paragraphs are; nothing to decide
        assert_eq!(short_document(&["A: Hi.", "", "B: Hello."]), None);
        assert_eq!(short_document(&["A: Hi."]), None);
    }

    #[test]
    fn lines_without_blank_lines_between_are_paragraphs() {
        let doc = "Operator\nThank you for standing by, and welcome to the call today.\n\
                   Jane Doe -- Chief Executive Officer\nThanks, and good morning to everyone here.\n"
            .repeat(4);
        assert_eq!(lines_are_paragraphs(doc.lines()), Some(true));
        // a blank line between paragraphs: the usual layout
        let spaced = doc.replace('\n', "\n\n");
        assert_eq!(lines_are_paragraphs(spaced.lines()), Some(false));
        // text wrapped to a width ends its lines mid-sentence
        let wrapped = "the committee will come to order and we will hear from the\n\
                       witnesses in the order they appear on the list before us\n\
                       today, starting with the Secretary. Thank you all.\n"
            .repeat(5);
        assert_eq!(lines_are_paragraphs(wrapped.lines()), Some(false));
        assert_eq!(lines_are_paragraphs("a.\nb.\n".lines()), None);
    }

    #[test]
    fn too_few_lines_wait() {
        assert_eq!(decided(" 1   Q. Hi.\n 2   A. Hi.\n"), Gutter::Undecided);
        assert_eq!(decided(""), Gutter::Undecided);
    }
}
