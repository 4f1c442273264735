//! The open turn: text joining, the size cap, and continuation records.
//!
//! Every segmenter builds turns the same way, so this lives in one place:
//! lines of a paragraph are joined by a space, paragraphs by `\n`, pieces of a
//! cut line are joined with nothing; a turn that would grow past
//! `max_turn_bytes` is emitted and continued in a new record flagged
//! `continued` (memory is bounded by the cap, not by the input); an idle flush
//! emits the open turn early and later lines continue it.

use super::{Limits, SegmentStats};
use crate::record::{Kind, Speaker, Turn};
use crate::trim::FastTrim;

struct Open {
    turn: Turn,
    /// Non-blank lines (or pieces) in this record.
    lines: u32,
    /// A blank line came since the last text: the next text starts a paragraph.
    blank_since: bool,
}

/// Builds turns for a segmenter and counts what it emits.
pub struct TurnBuilder {
    limits: Limits,
    open: Option<Open>,
    /// The open turn's text, built here and copied out once, at its exact
    /// size, when the turn is emitted: a turn's `String` growing line by line
    /// was reallocated (and copied) for a third of all turns.
    text: String,
    pub stats: SegmentStats,
    /// Lines left out of the open turn (page furniture) since its last line:
    /// inside its range once more text comes, boilerplate if none does.
    skipped: u64,
    /// Squeeze runs of spaces inside a line to one (the justified lines of a
    /// printed page, `pdftotext -layout`).
    pub squeeze: bool,
    /// Blank lines are spacing, not paragraph breaks (a double-spaced page).
    pub spacing_blanks: bool,
}

impl TurnBuilder {
    pub fn new(limits: Limits) -> TurnBuilder {
        TurnBuilder {
            limits,
            open: None,
            text: String::with_capacity(4096),
            stats: SegmentStats::default(),
            skipped: 0,
            squeeze: false,
            spacing_blanks: false,
        }
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The open turn has some text (or at least one line).
    pub fn has_content(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.lines > 0)
    }

    /// The open turn has speech text.
    pub fn has_text(&self) -> bool {
        self.open.is_some() && !self.text.is_empty()
    }

    pub fn speaker(&self) -> Option<&Speaker> {
        self.open.as_ref().and_then(|o| o.turn.speaker.as_deref())
    }

    pub fn open_kind(&self) -> Option<Kind> {
        self.open.as_ref().map(|o| o.turn.kind)
    }

    /// Close the open turn (if any) and open a new one at `line`. The label
    /// line itself counts as one of the turn's lines.
    pub fn open(
        &mut self,
        kind: Kind,
        speaker: Option<Box<Speaker>>,
        line: u64,
        out: &mut Vec<Turn>,
    ) {
        self.open_sized(kind, speaker, line, 256, out)
    }

    /// As [`open`](Self::open), with room for `cap` bytes of text (the
    /// label line's length hints at the turn's: fewer reallocations).
    pub fn open_sized(
        &mut self,
        kind: Kind,
        speaker: Option<Box<Speaker>>,
        line: u64,
        cap: usize,
        out: &mut Vec<Turn>,
    ) {
        self.close(out);
        self.text.reserve(cap);
        self.open = Some(Open {
            turn: Turn::new(kind, speaker, line),
            lines: 1,
            blank_since: false,
        });
    }

    /// Open a turn whose first line is `text` (a paragraph without a label).
    pub fn open_with_text(
        &mut self,
        kind: Kind,
        speaker: Option<Box<Speaker>>,
        line: u64,
        text: &str,
        out: &mut Vec<Turn>,
    ) {
        self.close(out);
        self.open = Some(Open {
            turn: Turn::new(kind, speaker, line),
            lines: 0,
            blank_since: false,
        });
        self.append(line, text, false, out);
    }

    /// Mutable access to the open turn (times, extra fields).
    pub fn turn_mut(&mut self) -> Option<&mut Turn> {
        self.open.as_mut().map(|o| &mut o.turn)
    }

    /// A blank line: the next text starts a new paragraph.
    /// The next text starts a new paragraph, whatever the blank lines say.
    pub fn paragraph(&mut self) {
        if let Some(o) = self.open.as_mut() {
            o.blank_since = true;
        }
    }

    pub fn blank(&mut self) {
        if self.spacing_blanks {
            return;
        }
        if let Some(o) = self.open.as_mut() {
            o.blank_since = true;
        }
    }

    /// Append a line of speech (`piece` = a later piece of a cut line).
    ///
    /// A line's trailing white space is trimmed lazily (when the next line
    /// comes, or at close), because a later piece of a cut line may follow it:
    /// the space before the cut is part of the text.
    pub fn append(&mut self, line: u64, text: &str, piece: bool, out: &mut Vec<Turn>) {
        let text = if piece { text } else { text.ftrim_start() };
        let Some(o) = self.open.as_mut() else {
            return;
        };
        if text.ftrim_end().is_empty() && !piece {
            if o.lines == 0 {
                o.turn.line_start = line;
            }
            o.turn.line_end = o.turn.line_end.max(line);
            o.lines += 1;
            self.skipped = 0;
            return;
        }
        if !piece {
            trim_end(&mut self.text);
        }
        let sep = usize::from(!self.text.is_empty());
        if !self.text.is_empty() && self.text.len() + sep + text.len() > self.limits.max_turn_bytes
        {
            // split: emit what we have, continue in a new record (mid-line,
            // the text is emitted as it is: the next record goes on from it)
            let speaker = o.turn.speaker.clone();
            let kind = o.turn.kind;
            self.stats.split_turns += 1;
            if let Some(o) = self.open.take() {
                self.emit(o, out);
            }
            let mut t = Turn::new(kind, speaker, line);
            t.continued = true;
            self.open = Some(Open {
                turn: t,
                lines: 0,
                blank_since: false,
            });
        }
        let o = self.open.as_mut().expect("open");
        if o.lines == 0 {
            o.turn.line_start = line;
        }
        if !self.text.is_empty() && !piece {
            self.text.push(if o.blank_since { '\n' } else { ' ' });
        }
        if self.squeeze && !piece && memchr::memmem::find(text.as_bytes(), b"  ").is_some() {
            let mut run = false;
            for c in text.chars() {
                if c == ' ' && run {
                    continue;
                }
                run = c == ' ';
                self.text.push(c);
            }
        } else {
            self.text.push_str(text);
        }
        o.blank_since = false;
        o.lines += 1;
        o.turn.line_end = o.turn.line_end.max(line);
        self.skipped = 0;
    }

    /// Extend the open turn's line range without adding text (a timing line).
    pub fn touch(&mut self, line: u64) {
        if let Some(o) = self.open.as_mut() {
            o.turn.line_end = o.turn.line_end.max(line);
            o.lines += 1;
            self.skipped = 0;
        }
    }

    /// A line left out of the text (page furniture): the turn goes on past
    /// it. It is inside the turn's range if more of the turn follows, and
    /// counted as boilerplate otherwise (or when no turn is open).
    pub fn skip(&mut self) {
        if self.open.is_some() {
            self.skipped += 1;
        } else {
            self.stats.boilerplate += 1;
        }
    }

    /// Emit the open turn. A continuation placeholder with no lines is dropped.
    pub fn close(&mut self, out: &mut Vec<Turn>) {
        if let Some(o) = self.open.take() {
            trim_end(&mut self.text);
            self.emit(o, out);
        }
    }

    fn emit(&mut self, mut o: Open, out: &mut Vec<Turn>) {
        // skipped lines after the turn's last line are in no record
        self.stats.boilerplate += std::mem::take(&mut self.skipped);
        if o.lines == 0 {
            self.text.clear();
            return;
        }
        self.stats.turns += 1;
        if o.turn.kind == Kind::Event {
            self.stats.events += 1;
        }
        let mut text = crate::recycle::text(self.text.len());
        text.push_str(&self.text);
        o.turn.text = text;
        self.text.clear();
        // a giant turn's buffer is not kept for the rest of the document
        if self.text.capacity() > 1 << 20 {
            self.text = String::with_capacity(4096);
        }
        out.push(o.turn);
    }

    /// Idle flush: emit the open turn now; later lines of the same speaker
    /// continue it in a record flagged `continued`.
    pub fn flush_continued(&mut self, out: &mut Vec<Turn>) {
        let Some(o) = self.open.as_ref() else {
            return;
        };
        if o.lines == 0 {
            return;
        }
        let speaker = o.turn.speaker.clone();
        let kind = o.turn.kind;
        let line = o.turn.line_end;
        self.close(out);
        let mut t = Turn::new(kind, speaker, line + 1);
        t.continued = true;
        self.open = Some(Open {
            turn: t,
            lines: 0,
            blank_since: true,
        });
    }
}

fn trim_end(s: &mut String) {
    let n = s.ftrim_end().len();
    s.truncate(n);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_lines_and_paragraphs() {
        let mut b = TurnBuilder::new(Limits::default());
        let mut out = vec![];
        b.open(Kind::Turn, Some(Speaker::from_label("A")), 1, &mut out);
        b.append(1, "Hello  ", false, &mut out);
        b.append(2, "there.", false, &mut out);
        b.blank();
        b.append(4, "New para.", false, &mut out);
        b.close(&mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].text, "Hello there.\nNew para.");
        assert_eq!((out[0].line_start, out[0].line_end), (1, 4));
    }

    #[test]
    fn splits_at_cap_without_losing_text() {
        let mut b = TurnBuilder::new(Limits { max_turn_bytes: 10 });
        let mut out = vec![];
        b.open(Kind::Turn, Some(Speaker::from_label("A")), 1, &mut out);
        for (i, w) in ["aaaa", "bbbb", "cccc", "dddd"].iter().enumerate() {
            b.append(i as u64 + 1, w, false, &mut out);
        }
        b.close(&mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].text, "aaaa bbbb");
        assert!(!out[0].continued);
        assert_eq!(out[1].text, "cccc dddd");
        assert!(out[1].continued);
        assert_eq!(out[1].speaker, out[0].speaker);
        assert_eq!((out[1].line_start, out[1].line_end), (3, 4));
        assert_eq!(b.stats.split_turns, 1);
    }

    #[test]
    fn idle_flush_continues_and_drops_empty_placeholder() {
        let mut b = TurnBuilder::new(Limits::default());
        let mut out = vec![];
        b.open(Kind::Turn, Some(Speaker::from_label("A")), 1, &mut out);
        b.append(1, "one", false, &mut out);
        b.flush_continued(&mut out);
        assert_eq!(out.len(), 1);
        b.append(2, "two", false, &mut out);
        b.flush_continued(&mut out);
        b.flush_continued(&mut out); // nothing new: no record
        b.close(&mut out);
        assert_eq!(out.len(), 2);
        assert!(out[1].continued);
        assert_eq!(out[1].text, "two");
        assert_eq!((out[1].line_start, out[1].line_end), (2, 2));
    }
}
