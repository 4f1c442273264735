//! The plain-text turn state machine: shape + document evidence -> turns.
//!
//! A line's shape (`crate::format::text::classify`) says what it *could* be.
//! Whether a candidate really opens a turn is decided here, with evidence from
//! the document, when the line reaches the front of a lookahead window
//! (`segment.lookahead_lines`, 256 by default):
//!
//! - **recurrence**: a label seen twice or more (so far, lookahead included) is
//!   a speaker; a one-off `The Lessons of 1989:` is not;
//! - **style**: once a document has several recurring mixed-case `Name:` labels
//!   (or bare name lines), a new name-shaped label of that style is accepted on
//!   first sight (`Barry Hughes: Perfectly happy.`);
//! - **neighbours**: a bare name line must be followed by speech (not by
//!   another name: the `Call participants:` list), must start a paragraph, and
//!   cannot be the first paragraph of a turn that has no speech yet
//!   (`Thanks Bobby` after a header); a label alone on its line followed by
//!   another label is a section heading (`Questions and Answers:`,
//!   `CROSS EXAMINATION BY MR. BLANCHE:`);
//! - **position**: text before the first label is preamble (boilerplate when a
//!   label follows, paragraphs with no speaker when none ever does); title-like
//!   lines after the last turn are website chrome (`U.S. Department of State`);
//!   after a closing line (`END`, `###`, `Duration: 49 minutes`) unlabelled text
//!   stays outside every turn.
//!
//! Memory is the window (at most `lookahead_lines` lines and at most
//! [`WINDOW_BYTES`] beyond its first line, in practice a few hundred KB) plus
//! the open turn, whatever the input size: a 1 GB line with no newline (cut
//! into pieces by the source) moves through the window a piece at a time. Candidate counts are kept for distinct labels only.

use crate::trim::FastTrim;
use std::collections::VecDeque;
use std::sync::Arc;

/// The lookahead window decides its front line early once the lines behind
/// it hold this many bytes: the look ahead is for labels, and a window of
/// 256 cut pieces of a giant line would otherwise hold a gigabyte.
pub const WINDOW_BYTES: usize = 8 << 20;

/// Decided lines are dropped from the front of the window buffer once this
/// many bytes have gone by (and they are most of it). Each compaction moves
/// the window's lines to the front: every 64 KB, that was a third of the
/// input copied again; every 1 MB, a fiftieth.
const COMPACT_BYTES: usize = 1 << 20;

use super::builder::TurnBuilder;
use super::gutter::{Gutter, common_margin, lines_are_paragraphs, strip_margin};
use super::{Limits, SegmentStats, Segmenter};
use crate::config::Rules;
use crate::format::text::{
    Class, Classifier, ColonLabel, NO_KEY, NO_TIME, Shape, Style, bare_time, is_ruler,
    paragraph_time, range_end, time_secs, title_line,
};
use crate::record::{Kind, Speaker, Turn};
use crate::source::decode::LineBatch;

#[derive(Debug, Clone, Copy)]
struct WLine {
    number: u64,
    start: usize,
    end: usize,
    class: Class,
    /// A later piece of a cut line.
    piece: bool,
    /// The line before was blank (or there was none): it starts a paragraph.
    para_first: bool,
    /// A bare name line with a title on the line directly below it (set
    /// when that line arrives; see `title_adjacent`).
    titled: bool,
}

/// Candidate counts by evidence key (see `Classifier`).
#[derive(Debug, Default)]
struct Evidence {
    colon: Vec<u32>,
    names: Vec<u32>,
    /// Distinct mixed-case colon labels seen at least twice.
    recurring_mixed: u32,
    /// Distinct mixed-case hearing labels (`Mr. Polis.`) seen at least twice.
    recurring_period: u32,
    /// Lines shaped like colon labels, and like hearing labels: a
    /// mixed-case `Mr. Polis. Thank you.` is a label only in a document
    /// written in that style, not in a briefing with `MR. ZIENTS:` labels.
    colon_lines: u32,
    period_lines: u32,
    /// Lines shaped like `[Jane Roe] speech`, and bare name lines: a
    /// bracketed name is a label only where brackets are the document's
    /// style (an earnings call's `[Operator Instructions] Our first
    /// question ...` among its name headers is a note).
    bracket_lines: u32,
    name_lines: u32,
    /// Distinct bracket labels seen at least twice.
    recurring_bracket: u32,
    /// Lines shaped like `HOLT — speech`, and the distinct such labels seen
    /// at least twice.
    dash_lines: u32,
    recurring_dash: u32,
    /// Lines shaped like `interviewer: speech`, and the distinct such
    /// labels seen at least twice.
    lower_lines: u32,
    recurring_lower: u32,
    /// Distinct `Name (00:00:05) speech` labels seen at least twice.
    recurring_timed: u32,
    /// Distinct such labels.
    distinct_lower: u32,
    /// Distinct bare name lines / headers seen at least twice.
    recurring_names: u32,
    /// Which one-letter labels (`Q`, `A.`) were seen (a bit per letter, by its first
    /// byte): an examination has two, questions and answers (a briefing's
    /// `Q` alone is no court's).
    letter_kinds: u64,
}

/// What the front line turned out to be.
#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    /// Opens a turn: the label, where its speech starts in the line, and a
    /// time written with it (`NO_TIME` if none).
    Label {
        /// Byte range of the label in the window buffer.
        label: (usize, usize),
        speech_start: usize,
        time_ms: u32,
    },
    /// Opens a turn whose speaker is not written (a bare `>>`), its speech
    /// from this byte of the line.
    Unnamed { speech_start: usize },
    /// A heading between sections: boilerplate, closes the turn.
    Heading,
    /// Not a label.
    No,
}

/// The byte range of `sub` (a slice of `buf`) in `buf`.
fn sub_range(buf: &str, sub: &str) -> (usize, usize) {
    let start = sub.as_ptr() as usize - buf.as_ptr() as usize;
    debug_assert!(start + sub.len() <= buf.len());
    (start, start + sub.len())
}

/// Plain-text segmenter. See the module documentation.
pub struct TextSegmenter {
    rules: Arc<Rules>,
    /// Line numbers in the margin (depositions): removed before the rules.
    gutter: Gutter,
    /// Indentation every line shares (see [`common_margin`]): removed
    /// before the rules. `None` until decided.
    margin: Option<usize>,
    /// Each line is a paragraph (see [`lines_are_paragraphs`]): read as if
    /// a blank line came before each. `None` until decided.
    line_paragraphs: Option<bool>,
    lookahead: usize,
    buf: String,
    /// Byte offset in `buf` of the first line still in the window.
    buf_front: usize,
    window: VecDeque<WLine>,
    /// The previous pushed line was blank (or there was none).
    prev_blank: bool,
    /// Number of the last ruler line (`-----`), 0 if none.
    last_ruler: u64,
    ev: Evidence,
    classifier: Classifier,
    b: TurnBuilder,
    /// A label has opened a turn in this document.
    any_label: bool,
    /// After a closing line or heading: unlabelled text is outside turns.
    outside: bool,
    /// The open turn is a speaker-less paragraph (closed at the next blank).
    paragraph_turn: bool,
    /// Boilerplate lines since the last labelled turn (for the speaker stage).
    notes: Vec<String>,
    /// A participants list seen since the last label (its heading, then its
    /// `Name - Title` lines), handed on with the notes.
    roster: Vec<String>,
    /// Cache for `label_ahead`: the window line number up to which it is known
    /// that no accepted label exists (exclusive), and the first one found.
    no_label_until: u64,
    label_at: Option<u64>,
    /// Labels seen in this document (see `intern`).
    labels: rustc_hash::FxHashSet<Arc<str>>,
    /// Number of the last line decided if it was a bare name line, else 0:
    /// a header directly below a name is that name's title.
    name_above: u64,
    /// The open turn's first paragraph opened with its time (a podcast
    /// page's `Lex Fridman` over `(00:00:00) The following is ...`): each of
    /// its paragraphs' (lines') times is taken out of the text, and a short title
    /// alone between such paragraphs and the next label is a chapter heading.
    para_timed: bool,
    /// A time alone on its line (`00:05:00`) not yet given to a turn: the
    /// next one starts at it (`NO_TIME`: none).
    pending_time: u32,
    limits: Limits,
    /// A line has been decided (left the window).
    decided_any: bool,
}

impl TextSegmenter {
    pub fn new(rules: Arc<Rules>, limits: Limits) -> TextSegmenter {
        let lookahead = rules.lookahead_lines;
        TextSegmenter {
            rules,
            gutter: Gutter::default(),
            margin: None,
            line_paragraphs: None,
            lookahead,
            buf: String::with_capacity(4096),
            buf_front: 0,
            window: VecDeque::with_capacity(lookahead + 8),
            prev_blank: true,
            last_ruler: 0,
            ev: Evidence::default(),
            classifier: Classifier::default(),
            b: TurnBuilder::new(limits),
            any_label: false,
            outside: false,
            paragraph_turn: false,
            notes: Vec::new(),
            roster: Vec::new(),
            no_label_until: 0,
            label_at: None,
            labels: Default::default(),
            name_above: 0,
            para_timed: false,
            pending_time: NO_TIME,
            limits,
            decided_any: false,
        }
    }

    fn text(&self, w: &WLine) -> &str {
        &self.buf[w.start..w.end]
    }

    fn push_line(&mut self, number: u64, line: &str, piece: bool, out: &mut Vec<Turn>) {
        let raw = line;
        let line = if piece {
            line
        } else {
            strip_margin(self.gutter.strip(line), self.margin.unwrap_or(0))
        };
        // a line number alone (a numbered page's empty line) is a blank line
        // to the layout, but a line of the input: counted, as page furniture
        if !piece && line.ftrim().is_empty() && !raw.ftrim().is_empty() {
            self.b.stats.nonblank_lines += 1;
            self.b.stats.boilerplate += 1;
        }
        // on a numbered page a deeply indented line starts a paragraph (a
        // single-spaced transcript has no blank lines to say so)
        let para_first = !piece
            && (self.prev_blank
                || (self.gutter.is_on() && line.len() - line.ftrim_start().len() >= 8));
        let mut class = if piece {
            Class::Speech
        } else {
            self.classifier.classify(line, &self.rules, para_first)
        };
        // a boilerplate shape glued to a line that stops mid-sentence is
        // that sentence's end (`... reconvene at` / `10:02 a.m.`)
        if !para_first && matches!(class, Class::Boilerplate) && self.mid_sentence() {
            class = Class::Speech;
        }
        // the reporter's line that swears a witness in (`having been first
        // duly sworn, testified as follows:`) is no one's speech
        if line.ends_with(':') && matches!(class, Class::Speech) && swears_in(line) {
            class = Class::Boilerplate;
        }
        // (page furniture between paragraphs leaves the paragraph break be;
        // a ruler is one)
        if !piece && !matches!(class, Class::Furniture) {
            self.prev_blank = matches!(class, Class::Blank);
        } else if matches!(class, Class::Furniture) && is_ruler(line.ftrim()) {
            self.prev_blank = true;
            // a short line alone between two rulers is a section title
            // (`Questions and Answers`); a speaker's header there is a
            // candidate, decided with the rest
            if self.last_ruler + 2 == number {
                if let Some(w) = self.window.back_mut() {
                    if w.number + 1 == number
                        && matches!(w.class, Class::Speech | Class::Heading)
                        && w.end - w.start <= 60
                    {
                        w.class = Class::Boilerplate;
                    }
                }
            }
            self.last_ruler = number;
        }
        // a witness's name in capitals over the line that swears them in
        // (`DANIEL RUIZ,` / `called as a witness ..., testified as
        // follows:`) goes with it: a heading, not the speech of the turn
        // above (and the speaker stage finds the witness in the two)
        if matches!(class, Class::Boilerplate) && line.ends_with(':') && swears_in(line) {
            if let Some(w) = self.window.back_mut() {
                if w.number + 1 == number
                    && matches!(w.class, Class::Speech | Class::Name { .. })
                    && caps_name_comma(self.buf[w.start..w.end].ftrim())
                {
                    w.class = Class::Boilerplate;
                }
            }
        }
        if !matches!(class, Class::Blank) {
            self.b.stats.nonblank_lines += u64::from(!piece);
        }
        self.count_evidence(class);
        if matches!(class, Class::Letter { .. }) {
            let b = line.ftrim_start().as_bytes().first().copied().unwrap_or(0);
            self.ev.letter_kinds |= 1 << (b & 63);
        }
        // a title directly below a bare name: decided once, as it arrives
        if !piece
            && matches!(class, Class::Speech | Class::Name { .. })
            && line.len() <= 120
            && !line.ends_with(['.', '?', '!', ','])
        {
            let above = self
                .window
                .iter_mut()
                .rev()
                .find(|w| !matches!(w.class, Class::Blank | Class::Furniture));
            if let Some(w) = above {
                if w.number + 1 == number
                    && matches!(w.class, Class::Name { header: false, time_ms, .. } if time_ms == NO_TIME)
                    && title_line(line, &self.rules)
                {
                    w.titled = true;
                }
            }
        }
        let start = self.buf.len();
        self.buf.push_str(line);
        self.window.push_back(WLine {
            number,
            start,
            end: self.buf.len(),
            class,
            piece,
            para_first,
            titled: false,
        });
        while self.window.len() > self.lookahead
            || (self.window.len() > 1 && self.buf.len() - self.window_start() > WINDOW_BYTES)
        {
            self.decide_front(false, out);
        }
    }

    /// Byte offset in `buf` of the window's first line.
    fn window_start(&self) -> usize {
        self.window.front().map_or(self.buf.len(), |f| f.start)
    }

    fn count_evidence(&mut self, class: Class) {
        match class {
            Class::Colon(c) => match c.style {
                Style::Colon => self.ev.colon_lines += 1,
                Style::Period => self.ev.period_lines += 1,
                Style::Bracket => self.ev.bracket_lines += 1,
                Style::Dash => self.ev.dash_lines += 1,
                Style::Lower => self.ev.lower_lines += 1,
                Style::Timed => {}
            },
            Class::Name { .. } => self.ev.name_lines += 1,
            _ => {}
        }
        if let Class::Colon(c) = class {
            if c.style == Style::Lower && c.key != NO_KEY && count_of(&self.ev.colon, c.key) == 0 {
                self.ev.distinct_lower += 1;
            }
        }
        match class {
            // (a dash label in capitals needs its recurrence too: unlike a
            // colon label in capitals, it is no label on sight)
            Class::Colon(c)
                if (!c.caps || matches!(c.style, Style::Dash | Style::Timed))
                    && c.key != NO_KEY
                    && bump(&mut self.ev.colon, c.key) == 2 =>
            {
                match c.style {
                    Style::Colon => self.ev.recurring_mixed += 1,
                    Style::Period => self.ev.recurring_period += 1,
                    Style::Bracket => self.ev.recurring_bracket += 1,
                    Style::Dash => self.ev.recurring_dash += 1,
                    Style::Lower => self.ev.recurring_lower += 1,
                    Style::Timed => self.ev.recurring_timed += 1,
                }
            }
            Class::Name { key, .. } if key != NO_KEY && bump(&mut self.ev.names, key) == 2 => {
                self.ev.recurring_names += 1;
            }
            _ => {}
        }
    }

    /// Index of the next line after `i` in the window that is neither blank
    /// nor page furniture.
    fn next_nonblank(&self, i: usize) -> Option<usize> {
        (i + 1..self.window.len())
            .find(|&j| !matches!(self.window[j].class, Class::Blank | Class::Furniture))
    }

    /// Evidence-only acceptance (no neighbour checks): used to look ahead.
    fn shape_accepts(&self, i: usize) -> bool {
        let w = &self.window[i];
        match w.class {
            Class::Letter { .. } | Class::Mark { .. } => true,
            Class::Colon(c) => {
                if c.caps && c.style != Style::Dash {
                    return true;
                }
                self.mixed_score(c, false) >= 2
            }
            Class::Name {
                header,
                shape,
                para_first,
                key,
                time_ms,
                ..
            } => {
                let titled = self.title_adjacent(i).is_some();
                para_first
                    && self.name_score(key, header || time_ms != NO_TIME || titled, shape) >= 2
            }
            _ => false,
        }
    }

    /// The line directly below a bare name (no blank line between) when it
    /// gives the speaker's title: S&P Capital IQ sets `Jane Roe` over
    /// `Acme Corporation - VP of Investor Relations` over the speech.
    fn title_adjacent(&self, i: usize) -> Option<usize> {
        if !self.window[i].titled {
            return None;
        }
        self.next_nonblank(i)
    }

    /// [`Self::title_adjacent`] with speech after the title: a name and title
    /// followed by another name, or by a heading of one word or in capitals
    /// (`ANALYSTS`, `Presentation`), is a list of participants, not a turn.
    fn title_below(&self, i: usize) -> Option<usize> {
        let j = self.title_adjacent(i)?;
        let k = self.next_nonblank(j)?;
        let t = self.text(&self.window[k]).ftrim();
        let heading = !t.ends_with(['.', '?', '!'])
            && (t.split_whitespace().nth(1).is_none() || !t.chars().any(char::is_lowercase));
        match self.window[k].class {
            Class::Event => Some(j),
            // (`April -- this is David.` is speech shaped like a dash label)
            Class::Colon(c) if c.style == Style::Dash => Some(j),
            Class::Speech if !heading => Some(j),
            _ => None,
        }
    }

    fn mixed_score(&self, c: ColonLabel, alone_then_speech: bool) -> i32 {
        let (key, shape) = (c.key, c.shape);
        let ev = &self.ev;
        let others_lines = ev.colon_lines + ev.period_lines + ev.name_lines;
        match c.style {
            Style::Period if ev.period_lines < ev.colon_lines => return 0,
            Style::Bracket if ev.bracket_lines * 2 < others_lines => return 0,
            // prose starts paragraphs with `NATO — ` too: a dash is a label
            // only in a document written in that style, where at least two
            // of them recur, or one does and this one is in capitals or
            // among `Q` questions (`MS. PSAKI — `)
            Style::Dash
                if ev.dash_lines * 2 < others_lines
                    || ev.recurring_dash == 0
                    || (ev.recurring_dash == 1 && ev.letter_kinds == 0 && !c.caps) =>
            {
                return 0;
            }
            // in such a document a label in capitals is one on sight, as it
            // is before a colon
            Style::Dash if c.caps => return 2,
            // labels in lower case: where they outnumber the other shapes
            // two to one and two of them recur (a conversation), or one does among `Q`
            // questions (a briefing) or among two other such labels; then
            // one seen once is a label too, if shaped like one and at a
            // paragraph's start (`strong`, for this style)
            // a time in place of the colon (in mixed case: in capitals it is
            // a label on sight, as before a colon): only a label that
            // recurs, or one among two others that do
            Style::Timed => {
                return if count_of(&ev.colon, key) >= 2 || ev.recurring_timed >= 2 {
                    2
                } else {
                    0
                };
            }
            Style::Lower => {
                let lower_doc = ev.lower_lines
                    >= 2 * (others_lines + ev.dash_lines + ev.bracket_lines)
                    && (ev.recurring_lower >= 2
                        || (ev.recurring_lower == 1
                            && (ev.letter_kinds != 0 || ev.distinct_lower >= 3)));
                return if lower_doc && (count_of(&ev.colon, key) >= 2 || shape.strong) {
                    2
                } else {
                    0
                };
            }
            _ => {}
        }
        let count = count_of(&ev.colon, key);
        let mut s = 0;
        if count >= 2 {
            s += 2;
        }
        // style: other recurring mixed labels of the same kind in the
        // document (`Name:` labels say nothing of a `Mr. Name.` line)
        let recurring = match c.style {
            Style::Colon => ev.recurring_mixed,
            Style::Period => ev.recurring_period,
            Style::Bracket => ev.recurring_bracket,
            Style::Dash => ev.recurring_dash,
            Style::Lower => ev.recurring_lower,
            Style::Timed => ev.recurring_timed,
        };
        let others = recurring - u32::from(count >= 2);
        if others >= 2 {
            s += 1;
        }
        if shape.strong || shape.numbered {
            s += 1;
        }
        if shape.titled {
            s += 1;
        }
        // a time written with the label (`John Doe: [00:00:09]`, `Speaker 2
        // (01:23):`) is a transcription tool's
        if c.time_ms != NO_TIME {
            s += 1;
        }
        if alone_then_speech {
            s += 1;
        }
        if shape.words <= 1 && count < 2 {
            s -= 1;
        }
        // a dash label seen once in mixed case is more often prose (`The
        // Department of Interior — Interior, Energy, and Commerce announced`)
        // unless an honorific opens a name (`Hon. Dominic LeBlanc — `)
        if c.style == Style::Dash && count < 2 && !c.caps && !shape.titled {
            return 0;
        }
        s
    }

    fn name_score(&self, key: u32, header: bool, shape: Shape) -> i32 {
        let count = count_of(&self.ev.names, key);
        let mut s = 0;
        if count >= 2 {
            s += 2;
        }
        if header || shape.role {
            s += 2;
        }
        let others = self.ev.recurring_names - u32::from(count >= 2);
        if others >= 2 {
            s += 1;
        }
        if shape.strong || shape.numbered {
            s += 1;
        }
        // one word seen once is weak, unless it has a header's time stamp
        // and the document's other names recur (`Respondent  00:00:09`
        // among recurring `Interviewer  00:00:05`)
        if shape.words <= 1 && count < 2 && !(header && others >= 1) && !shape.role {
            s -= 1;
        }
        s
    }

    /// Is the content after line `i` speech (for a label alone on its line)?
    /// Returns None when the window ends before anything follows.
    fn speech_follows(&self, i: usize) -> Option<bool> {
        let j = self.next_nonblank(i)?;
        Some(match self.window[j].class {
            Class::Speech | Class::Event => true,
            Class::Blank | Class::Boilerplate => false,
            // a list of `Name -- Title` lines is not speech
            Class::Name { header: true, .. } => false,
            _ => !self.shape_accepts(j),
        })
    }

    /// Is the paragraph after line `i` a single short line without a
    /// sentence's end (a date, a heading, a time), rather than speech?
    fn title_follows(&self, i: usize) -> bool {
        let Some(j) = self.next_nonblank(i) else {
            return false;
        };
        let t = self.text(&self.window[j]).ftrim();
        let alone = self
            .window
            .get(j + 1)
            .is_none_or(|n| matches!(n.class, Class::Blank | Class::Furniture));
        alone
            && t.len() <= 40
            && t.split_whitespace().count() <= 5
            && !t.ends_with([
                '.', '?', '!', ':', ';', ',', '"', '”', '’', ')', ']', '-', '—',
            ])
    }

    /// Decide whether window line `i` opens a turn, with neighbours.
    fn verdict(&self, i: usize, eof: bool) -> Verdict {
        let w = self.window[i];
        let line = self.text(&w);
        match w.class {
            Class::Letter { speech_start } => Verdict::Label {
                label: sub_range(&self.buf, &line.ftrim()[..1]),
                speech_start: speech_start as usize,
                time_ms: NO_TIME,
            },
            Class::Mark { speech_start } => Verdict::Unnamed {
                speech_start: speech_start as usize,
            },
            Class::Colon(c) => {
                let label = &line[c.label_start as usize..c.label_end as usize];
                let alone = c.speech_start as usize >= line.ftrim_end().len();
                let follows = if alone {
                    match self.speech_follows(i) {
                        Some(f) => f,
                        None => !eof,
                    }
                } else {
                    true
                };
                if alone && !follows {
                    // a label alone, then another label, a list or the end: a
                    // section heading, not a speaker
                    return Verdict::Heading;
                }
                let ok = (c.caps && c.style != Style::Dash)
                    || self.mixed_score(c, alone && follows) >= 2;
                if ok {
                    Verdict::Label {
                        label: sub_range(&self.buf, label),
                        speech_start: c.speech_start as usize,
                        time_ms: c.time_ms,
                    }
                } else {
                    Verdict::No
                }
            }
            Class::Name {
                header,
                shape,
                para_first,
                key,
                label_skip,
                label_len,
                time_ms,
            } => {
                if !para_first {
                    return Verdict::No;
                }
                // a header directly below a name is its title (a Capital IQ
                // participants list: `Mei Chen` / `Northwind - CFO` / `ANALYSTS`)
                if header && i == 0 && self.name_above != 0 && w.number == self.name_above + 1 {
                    return Verdict::No;
                }
                // a `Name -- Title` header stands alone in its paragraph
                // (its title may be wrapped onto a second line; one that
                // ends with a comma must be)
                if header && time_ms == NO_TIME {
                    let alone = self
                        .window
                        .get(i + 1)
                        .is_none_or(|n| matches!(n.class, Class::Blank | Class::Furniture));
                    let comma = line.ftrim_end().ends_with(',');
                    if (!alone || comma) && !self.header_wraps(i) {
                        return Verdict::No;
                    }
                }
                // the first paragraph of a header turn is its speech, never a label
                if i == 0 && self.b.is_open() && !self.paragraph_turn && !self.b.has_text() {
                    return Verdict::No;
                }
                let titled = self.title_below(i).is_some();
                let follows = titled
                    || match self.speech_follows(i) {
                        Some(f) => f,
                        None => !eof,
                    };
                let timed = time_ms != NO_TIME;
                if !follows || self.name_score(key, header || timed || titled, shape) < 2 {
                    return Verdict::No;
                }
                // a name seen once, over a short line that is no sentence
                // (`House of Lords` over `Tuesday 4 March 2025`, `Energy
                // Prices` over `Question`): a heading, not a speaker
                if !header
                    && !timed
                    && !titled
                    && count_of(&self.ev.names, key) < 2
                    && self.title_follows(i)
                {
                    return Verdict::No;
                }
                // the whole line (an earnings header with its title) is the
                // label; an Otter time after the name is not
                let t = &line.ftrim()[label_skip as usize..];
                let label = t[..(label_len as usize).min(t.len())]
                    .trim_end_matches(':')
                    .ftrim_end();
                Verdict::Label {
                    label: sub_range(&self.buf, label),
                    speech_start: line.len(),
                    time_ms,
                }
            }
            _ => Verdict::No,
        }
    }

    /// Is line `i + 1` the rest of the `Name -- Title` header at `i`, wrapped
    /// to a width (`Jane Roe -- Senior Vice President, Investor Relations
    /// and` / `Corporate Communications`)? The header line is long, the rest
    /// is a few capitalised words that end no sentence, and a blank line
    /// follows it.
    fn header_wraps(&self, i: usize) -> bool {
        let (Some(next), Some(after)) = (self.window.get(i + 1), self.window.get(i + 2)) else {
            return false;
        };
        let head = self.text(&self.window[i]).ftrim();
        let rest = self.text(next).ftrim();
        let abbreviation = rest
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.len() <= 5 && w.ends_with('.'));
        matches!(next.class, Class::Speech)
            && matches!(after.class, Class::Blank | Class::Furniture)
            && head.len() >= 50
            && !head.ends_with(['.', '?', '!', ':', ';'])
            && rest.len() <= 48
            && rest.split_whitespace().count() <= 6
            && rest.starts_with(|c: char| c.is_uppercase())
            && (abbreviation || !rest.ends_with(['.', '?', '!', ':', ';', '"', '\u{201d}', ',']))
    }

    /// A colon-ended line that is no label: a heading when what follows is a
    /// label, a list of names, boilerplate or the end of input.
    fn heading_verdict(&self, i: usize, eof: bool) -> Verdict {
        match self.next_nonblank(i) {
            None if eof => Verdict::Heading,
            None => Verdict::No,
            Some(j) => match self.window[j].class {
                Class::Boilerplate | Class::Heading | Class::Name { header: true, .. } => {
                    Verdict::Heading
                }
                c if c.is_candidate() && self.shape_accepts(j) => Verdict::Heading,
                _ => Verdict::No,
            },
        }
    }

    /// Is window line `i` a chapter heading of a page whose paragraphs open
    /// with their times (`Universe` between two speakers' paragraphs): a
    /// paragraph of one short line with no time, no sentence's end, and an
    /// accepted label next?
    fn chapter_heading(&self, i: usize) -> bool {
        let w = &self.window[i];
        if !w.para_first
            || w.piece
            || !matches!(w.class, Class::Speech | Class::Name { .. })
            || !self
                .window
                .get(i + 1)
                .is_some_and(|n| matches!(n.class, Class::Blank))
        {
            return false;
        }
        let t = self.text(w).ftrim();
        let short = t.len() <= 60 && t.split_whitespace().count() <= 8;
        let titled = t.chars().next().is_some_and(char::is_uppercase)
            && !t.ends_with(['.', '?', '!', ',', ';', ':', '"', '\u{201d}', '\u{2026}']);
        short
            && titled
            && paragraph_time(t).is_none()
            && self
                .next_nonblank(i)
                .is_some_and(|j| self.window[j].class.is_candidate() && self.shape_accepts(j))
    }

    /// Is there an accepted label in the window after the front line?
    fn label_ahead(&mut self) -> bool {
        let front = self.window[0].number;
        if let Some(at) = self.label_at {
            if at > front {
                return true;
            }
            self.label_at = None;
        }
        for j in 1..self.window.len() {
            let n = self.window[j].number;
            if n < self.no_label_until {
                continue;
            }
            if self.window[j].class.is_candidate() && self.shape_accepts(j) {
                self.label_at = Some(n);
                return true;
            }
        }
        if let Some(last) = self.window.back() {
            self.no_label_until = last.number + 1;
        }
        false
    }

    fn decide_front(&mut self, eof: bool, out: &mut Vec<Turn>) {
        let Some(&w) = self.window.front() else {
            return;
        };
        self.decided_any = true;
        let verdict = if w.class.is_candidate() {
            self.verdict(0, eof)
        } else if matches!(w.class, Class::Heading) {
            self.heading_verdict(0, eof)
        } else {
            Verdict::No
        };
        let verdict = if verdict == Verdict::No && self.para_timed && self.chapter_heading(0) {
            Verdict::Heading
        } else {
            verdict
        };
        // text of the line, copied out of the window buffer range
        let (start, end) = (w.start, w.end);
        match (w.class, verdict) {
            (Class::Blank, _) => {
                self.b.blank();
                if self.paragraph_turn {
                    self.b.close(out);
                    self.paragraph_turn = false;
                }
            }
            // a page's header or footer: out of the text, the turn goes on
            // (a time alone on its line is the next turn's start)
            (Class::Furniture, _) => {
                self.b.skip();
                if let Some(ms) = bare_time(self.buf[start..end].ftrim()) {
                    self.pending_time = ms;
                }
            }
            (Class::Boilerplate, _) | (_, Verdict::Heading) => {
                self.b.close(out);
                self.paragraph_turn = false;
                self.outside = true;
                self.b.stats.boilerplate += 1;
                self.note(start, end);
            }
            (
                _,
                Verdict::Label {
                    label,
                    speech_start,
                    time_ms,
                },
            ) => {
                self.any_label = true;
                self.outside = false;
                self.paragraph_turn = false;
                // a name alone on its line over a paragraph that opens with
                // its time: that time is the turn's start
                let para_time = if time_ms == NO_TIME && matches!(w.class, Class::Name { .. }) {
                    self.next_nonblank(0)
                        .and_then(|j| paragraph_time(self.text(&self.window[j]).ftrim_start()))
                        .map(|(_, ms)| ms)
                } else {
                    None
                };
                self.para_timed = para_time.is_some();
                let pending = std::mem::replace(&mut self.pending_time, NO_TIME);
                let at = time_secs(para_time.unwrap_or(if time_ms == NO_TIME {
                    pending
                } else {
                    time_ms
                }));
                // a timed transcript: the previous turn ends where this one starts
                if let (Some(t), Some(s)) = (self.b.turn_mut(), at) {
                    if t.start.is_some() && t.end.is_none() {
                        t.end = Some(s);
                    }
                }
                // a header wrapped onto the next line: the label is both
                // lines, and the second is no speech (left out of the text,
                // inside the turn's range)
                let wrapped = matches!(w.class, Class::Name { header: true, .. })
                    && self
                        .window
                        .get(1)
                        .is_some_and(|n| !matches!(n.class, Class::Blank | Class::Furniture));
                // a name over its title line: the label is `Name, Title`
                // (as StreetEvents writes it on one line), the title line no
                // speech
                let titled = if wrapped { None } else { self.title_below(0) };
                let label = if let Some(j) = titled {
                    let whole = format!(
                        "{}, {}",
                        &self.buf[label.0..label.1],
                        self.text(&self.window[j]).ftrim()
                    );
                    self.window[j].class = Class::Furniture;
                    Arc::from(whole)
                } else if wrapped {
                    let whole = format!(
                        "{} {}",
                        &self.buf[label.0..label.1],
                        self.text(&self.window[1]).ftrim()
                    );
                    self.window[1].class = Class::Furniture;
                    Arc::from(whole)
                } else {
                    self.intern(label)
                };
                let cap = (2 * (end - start)).clamp(256, 1 << 16);
                self.b.open_sized(
                    Kind::Turn,
                    Some(Speaker::from_label(label)),
                    w.number,
                    cap,
                    out,
                );
                let mut notes = std::mem::take(&mut self.notes);
                notes.append(&mut self.roster);
                // a range written with the label (`[00:00:01.000 -->
                // 00:00:05.000] SPEAKER_00:`) ends the turn; else the next
                // turn's start will
                let until = match w.class {
                    Class::Colon(c) => time_secs(c.end_ms),
                    _ => None,
                };
                if let Some(t) = self.b.turn_mut() {
                    t.start = at;
                    t.end = until;
                    t.notes = notes;
                }
                let speech = &self.buf[start..end][speech_start.min(end - start)..];
                if !speech.ftrim().is_empty() {
                    self.b.append(w.number, speech, false, out);
                }
            }
            (_, Verdict::Unnamed { speech_start }) => {
                self.any_label = true;
                self.outside = false;
                self.paragraph_turn = false;
                self.para_timed = false;
                let cap = (2 * (end - start)).clamp(256, 1 << 16);
                self.b.open_sized(Kind::Turn, None, w.number, cap, out);
                let mut notes = std::mem::take(&mut self.notes);
                notes.append(&mut self.roster);
                if let Some(t) = self.b.turn_mut() {
                    t.notes = notes;
                }
                let speech = &self.buf[start..end][speech_start.min(end - start)..];
                if !speech.ftrim().is_empty() {
                    self.b.append(w.number, speech, false, out);
                }
            }
            (Class::Event, _) => self.decide_event(w, eof, out),
            _ => self.speech(w, eof, out),
        }
        // (a blank line between leaves the numbers apart; a virtual one,
        // between lines that are paragraphs, does not count)
        self.name_above = match w.class {
            Class::Name { header: false, .. } => w.number,
            Class::Blank => self.name_above,
            _ => 0,
        };
        self.window.pop_front();
        self.buf_front = self.window.front().map_or(self.buf.len(), |f| f.start);
        if self.window.is_empty() {
            self.buf.clear();
            self.buf_front = 0;
        } else if self.buf_front > COMPACT_BYTES && self.buf_front * 2 > self.buf.len() {
            self.compact();
        }
    }

    /// The label at `range` of the buffer as a shared string: a document
    /// repeats its labels, so each distinct one is allocated once.
    fn intern(&mut self, (start, end): (usize, usize)) -> Arc<str> {
        let label = &self.buf[start..end];
        if let Some(l) = self.labels.get(label) {
            return l.clone();
        }
        let l: Arc<str> = Arc::from(label);
        if self.labels.len() < 4096 {
            self.labels.insert(l.clone());
        }
        l
    }

    /// Does the last line in the window stop mid-sentence (a lower-case
    /// letter, a digit or a comma at its end)?
    fn mid_sentence(&self) -> bool {
        let Some(w) = self.window.back() else {
            return false;
        };
        matches!(
            w.class,
            Class::Speech | Class::Colon(_) | Class::Letter { .. } | Class::Mark { .. }
        ) && self
            .text(w)
            .ftrim_end()
            .bytes()
            .last()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b',')
    }

    fn compact(&mut self) {
        let off = self.buf_front;
        self.buf.drain(..off);
        for w in self.window.iter_mut() {
            w.start -= off;
            w.end -= off;
        }
        self.buf_front = 0;
    }

    /// A standalone `(APPLAUSE)`: inside the turn when the same speaker goes
    /// on (or the turn has no speech yet), its own event record when it stands
    /// between turns.
    fn decide_event(&mut self, w: WLine, eof: bool, out: &mut Vec<Turn>) {
        if !self.b.is_open() && !self.any_label {
            // before the first turn: preamble, like any other text there
            return self.speech(w, eof, out);
        }
        let line = self.text(&w).ftrim().to_string();
        let in_turn = self.b.is_open() && !self.paragraph_turn;
        // glued to the line before it, or the turn has no speech yet: part of the turn
        if in_turn && (!self.b.has_text() || !w.para_first) {
            self.b.append(w.number, &line, false, out);
            return;
        }
        let between = match self.next_nonblank(0) {
            None => eof || !in_turn,
            Some(j) => {
                let c = self.window[j].class;
                matches!(c, Class::Boilerplate | Class::Event)
                    || (c.is_candidate() && self.verdict(j, eof) != Verdict::No)
            }
        };
        if in_turn && !between {
            self.b.append(w.number, &line, false, out);
            return;
        }
        self.paragraph_turn = false;
        self.b.open(Kind::Event, None, w.number, out);
        self.b.append(w.number, &line, false, out);
        self.b.close(out);
    }

    fn speech(&mut self, w: WLine, eof: bool, out: &mut Vec<Turn>) {
        if self.b.is_open() {
            // a labelled turn goes on; a speaker-less paragraph goes on until
            // the next blank line (closed in `decide_front`). On a numbered
            // page a paragraph is indented (`          The government's
            // position ...`) under lines that start at the margin.
            if self.gutter.is_on() && !w.piece {
                let t = self.text(&w);
                if t.len() - t.ftrim_start().len() >= 8 {
                    self.b.paragraph();
                }
            }
            let mut from = w.start;
            if self.para_timed && !w.piece {
                let t = self.text(&w);
                let lead = t.len() - t.ftrim_start().len();
                if let Some((skip, _)) = paragraph_time(&t[lead..]) {
                    from += lead + skip;
                }
            }
            self.b
                .append(w.number, &self.buf[from..w.end], w.piece, out);
            return;
        }
        // no turn open: preamble, or text after a closing line (at the end
        // of a labelled document, chrome; a document with no label keeps
        // its paragraphs, whatever boilerplate came before them)
        let boiler = if self.any_label {
            eof || self.label_ahead()
        } else {
            self.label_ahead()
        };
        if boiler {
            self.b.stats.boilerplate += u64::from(!w.piece);
            self.note(w.start, w.end);
            return;
        }
        self.paragraph_turn = true;
        // a paragraph that opens with its time or time range (Whisper's
        // `[00:00.000 --> 00:04.000]  Welcome back.`): the turn's start and
        // end, out of the text
        let line = &self.buf[w.start..w.end];
        let lead = line.len() - line.ftrim_start().len();
        let timed = if w.piece {
            None
        } else {
            paragraph_time(&line[lead..]).map(|(skip, ms)| {
                let end = range_end(&line[lead..lead + skip]);
                (lead + skip, ms, end)
            })
        };
        let from = w.start + timed.map_or(0, |t| t.0);
        self.b
            .open_with_text(Kind::Turn, None, w.number, &self.buf[from..w.end], out);
        let pending = std::mem::replace(&mut self.pending_time, NO_TIME);
        if let (Some((_, ms, end)), Some(t)) = (timed, self.b.turn_mut()) {
            t.start = time_secs(ms);
            t.end = time_secs(end);
        } else if let (true, Some(t)) = (pending != NO_TIME, self.b.turn_mut()) {
            t.start = time_secs(pending);
        }
    }

    /// Remember a boilerplate line for the next labelled turn (the speaker
    /// stage reads court headings from it); only the last few, short.
    fn note(&mut self, start: usize, end: usize) {
        let t = self.buf[start..end].ftrim();
        if t.is_empty() {
            return;
        }
        // a call's participants (`John Smith - Chief Executive Officer`
        // under `Company Participants`) are kept whole, up to a limit, for
        // the speaker stage; other lines, the last few
        use crate::speaker::roster;
        if roster::is_heading(t) || (!self.roster.is_empty() && roster::is_entry(t)) {
            if self.roster.len() < 64 {
                self.roster.push(t.to_string());
            }
            return;
        }
        if self.notes.len() >= 6 {
            self.notes.remove(0);
        }
        let mut cut = t.len().min(300);
        while !t.is_char_boundary(cut) {
            cut -= 1;
        }
        self.notes.push(t[..cut].to_string());
    }

    /// At end of input: title-like one-line paragraphs after the last turn are
    /// website chrome. Mark them boilerplate before they are decided.
    fn mark_trailing_chrome(&mut self) {
        if !self.any_label && !self.window.iter().any(|w| w.class.is_candidate()) {
            return;
        }
        let n = self.window.len();
        let mut k = n;
        while k > 0 {
            let i = k - 1;
            let w = self.window[i];
            if matches!(w.class, Class::Blank | Class::Furniture) {
                k -= 1;
                continue;
            }
            let single = (i == 0 || self.window[i - 1].class == Class::Blank)
                && (i + 1 == n || self.window[i + 1].class == Class::Blank);
            let speechy = matches!(w.class, Class::Speech | Class::Name { .. })
                || matches!(w.class, Class::Colon(c) if !c.caps);
            if !(single && speechy && !w.piece && is_chrome(self.text(&w), &self.rules)) {
                break;
            }
            // a candidate the verdict accepts is a speaker, not chrome
            if w.class.is_candidate() && !matches!(self.verdict(i, true), Verdict::No) {
                break;
            }
            self.window[i].class = Class::Boilerplate;
            k -= 1;
        }
    }
}

/// `having been first duly sworn, testified as follows:`, `was examined
/// and testified as follows:`: a witness sworn in, in the reporter's words.
fn swears_in(line: &str) -> bool {
    let t = line.ftrim();
    t.len() <= 160
        && t.ends_with("as follows:")
        && ["sworn", "affirmed", "testified", "examined"]
            .iter()
            .any(|w| t.contains(w))
}

/// Count one more candidate with `key`; returns the new count.
fn bump(counts: &mut Vec<u32>, key: u32) -> u32 {
    let k = key as usize;
    if counts.len() <= k {
        counts.resize(k + 1, 0);
    }
    counts[k] += 1;
    counts[k]
}

fn count_of(counts: &[u32], key: u32) -> u32 {
    counts.get(key as usize).copied().unwrap_or(0)
}

/// Website chrome: a short title-cased line without sentence punctuation
/// (`U.S. Department of State`), a link, a copyright line.
pub fn is_chrome(line: &str, rules: &Rules) -> bool {
    let t = line.ftrim();
    let lower = t.to_lowercase();
    if lower.starts_with("http") || lower.starts_with("www.") || lower.contains("://") {
        return true;
    }
    if t.ends_with(['.', '?', '!', '"', '”', '’', ',', ';', ')']) {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() < 2 || words.len() > rules.trailing_chrome_max_words {
        return false;
    }
    const SMALL: &[&str] = &[
        "of", "the", "and", "for", "to", "in", "on", "a", "an", "at", "by", "with", "&", "-", "–",
        "—", "|", "or", "from", "our",
    ];
    words.iter().all(|w| {
        let c = w.chars().next().unwrap_or(' ');
        c.is_uppercase()
            || c.is_ascii_digit()
            || !c.is_alphanumeric()
            || SMALL.iter().any(|x| x.eq_ignore_ascii_case(w))
    })
}

impl Segmenter for TextSegmenter {
    fn push(&mut self, batch: &LineBatch, out: &mut Vec<Turn>) {
        let from = out.len();
        self.gutter
            .decide(batch.iter().filter(|(r, _)| !r.continued).map(|(_, l)| l));
        if self.margin.is_none() {
            let lines = || batch.iter().filter(|(r, _)| !r.continued).map(|(_, l)| l);
            (self.margin, self.line_paragraphs) = match self.gutter {
                Gutter::Undecided => (None, None),
                Gutter::On | Gutter::OnDoubleSpaced => (Some(0), Some(false)),
                Gutter::Off => (common_margin(lines()), lines_are_paragraphs(lines())),
            };
        }
        let line_paragraphs = self.line_paragraphs == Some(true);
        // a printed page's justified lines: `Good morning.    Please be seated.`
        self.b.squeeze = self.gutter.is_on();
        // and a double-spaced page's blank lines are its spacing: they still
        // set lines apart (a `(Pause.)` between turns, a heading), but the
        // text of a turn is not cut into a paragraph a line
        self.b.spacing_blanks = self.gutter == Gutter::OnDoubleSpaced;
        for (r, line) in batch.iter() {
            if line_paragraphs && !self.prev_blank && !r.continued && !line.ftrim().is_empty() {
                self.push_line(r.number, "", false, out);
            }
            self.push_line(r.number, line, r.continued, out);
        }
        self.mark_qa(&mut out[from..]);
    }

    fn idle(&mut self, out: &mut Vec<Turn>) {
        let from = out.len();
        self.idle_flush(out);
        self.mark_qa(&mut out[from..]);
    }

    fn finish(&mut self, out: &mut Vec<Turn>) {
        let from = out.len();
        self.finish_all(out);
        self.mark_qa(&mut out[from..]);
    }

    fn stats(&self) -> &SegmentStats {
        &self.b.stats
    }
}

impl TextSegmenter {
    /// No `Q`/`A` label so far (lookahead included): the speaker stage need
    /// not look for court headings in these turns.
    fn mark_qa(&self, turns: &mut [Turn]) {
        if self.ev.letter_kinds.count_ones() < 2 {
            for t in turns {
                t.qa = false;
            }
        }
    }

    /// A document too short for its layout to be decided as its lines
    /// arrived, whole in the window and undecided: read again from the
    /// start with the layout decided on all of it (see
    /// [`gutter::short_document`]), when that changes anything.
    fn reread_short(&mut self, out: &mut Vec<Turn>) {
        let mut batch = LineBatch::default();
        for w in &self.window {
            batch.push(w.number, self.text(w), w.piece);
        }
        let lines: Vec<&str> = batch
            .iter()
            .filter(|(r, _)| !r.continued)
            .map(|(_, l)| l)
            .collect();
        let Some((margin, paragraphs)) = super::gutter::short_document(&lines) else {
            return;
        };
        if !paragraphs && margin == 0 {
            return;
        }
        let mut again = TextSegmenter::new(self.rules.clone(), self.limits);
        again.gutter = Gutter::Off;
        again.margin = Some(margin);
        again.line_paragraphs = Some(paragraphs);
        again.push(&batch, out);
        *self = again;
    }

    fn idle_flush(&mut self, out: &mut Vec<Turn>) {
        while !self.window.is_empty() {
            self.decide_front(false, out);
        }
        if self.paragraph_turn {
            self.b.close(out);
            self.paragraph_turn = false;
        } else {
            self.b.flush_continued(out);
        }
    }

    fn finish_all(&mut self, out: &mut Vec<Turn>) {
        if self.gutter == Gutter::Undecided && !self.decided_any {
            self.reread_short(out);
        }
        self.mark_trailing_chrome();
        while !self.window.is_empty() {
            self.decide_front(true, out);
        }
        self.b.close(out);
        self.paragraph_turn = false;
    }
}

/// `DANIEL RUIZ,`: a name in capitals and a comma, alone on its line.
fn caps_name_comma(t: &str) -> bool {
    let Some(name) = t.strip_suffix(',') else {
        return false;
    };
    (3..=60).contains(&name.len())
        && name.bytes().any(|c| c.is_ascii_uppercase())
        && name
            .bytes()
            .all(|c| c.is_ascii_uppercase() || matches!(c, b' ' | b'.' | b'\'' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::decode::decode_all;

    fn seg(input: &str) -> (Vec<Turn>, SegmentStats) {
        let rules = Arc::new(Rules::default_rules());
        let mut s = TextSegmenter::new(rules, Limits::default());
        let (batch, _) = decode_all(input.as_bytes(), 1 << 20);
        let mut out = vec![];
        s.push(&batch, &mut out);
        s.finish(&mut out);
        (out, s.stats().clone())
    }

    fn labels(turns: &[Turn]) -> Vec<Option<String>> {
        turns
            .iter()
            .map(|t| t.speaker.as_ref().map(|s| s.label.to_string()))
            .collect()
    }

    #[test]
    fn window_memory_is_bounded_for_a_giant_line() {
        // 64 pieces of 1 MiB of one cut line: the window never holds more
        // than WINDOW_BYTES behind its first piece, and no byte is lost
        let rules = Arc::new(Rules::default_rules());
        let mut s = TextSegmenter::new(rules, Limits::default());
        let piece = "a".repeat(1 << 20);
        let mut out = vec![];
        for i in 0..64 {
            s.push_line(1, &piece, i > 0, &mut out);
            assert!(s.buf.len() - s.window_start() <= WINDOW_BYTES + piece.len());
            assert!(s.window.len() <= WINDOW_BYTES / piece.len() + 1);
        }
        s.finish(&mut out);
        let total: usize = out.iter().map(|t| t.text.len()).sum();
        assert_eq!(total, 64 << 20);
    }

    #[test]
    fn turns_say_whether_the_document_has_q_and_a() {
        let rules = Arc::new(Rules::default_rules());
        let run = |input: &str| {
            let mut s = TextSegmenter::new(rules.clone(), Limits::default());
            let (batch, _) = decode_all(input.as_bytes(), 1 << 20);
            let mut out = vec![];
            s.push(&batch, &mut out);
            s.finish(&mut out);
            out.iter().map(|t| t.qa).collect::<Vec<_>>()
        };
        let talk = "HOLT: Good evening.\n\nTRUMP: Thank you.\n\nHOLT: Next.\n\nTRUMP: Yes.\n";
        let qa = run(talk);
        assert!(qa.len() == 4 && qa.iter().all(|qa| !qa));
        // a `Q` and an `A` anywhere in what was read (here after the turns)
        // set it
        let court = format!("{talk}\nQ   Where were you?\n\nA   At home.\n");
        let qa = run(&court);
        assert!(!qa.is_empty() && qa.iter().all(|qa| *qa));
        // questions alone are a briefing's, not an examination
        let briefing = format!("{talk}\nQ   Where were you?\n\nHOLT: At home.\n");
        let qa = run(&briefing);
        assert!(qa.len() == 6 && qa.iter().all(|qa| !qa));
    }

    #[test]
    fn caps_labels_with_continuations_and_chrome() {
        let input = "An official website\n\nSECRETARY BLINKEN:  Good afternoon.\n\nMore speech here.\n\nMR PRICE:  Next question.\n\nQUESTION:  Thanks.\n\nU.S. Department of State\n\nThe Lessons of 1989: Freedom and Our Future";
        let (t, st) = seg(input);
        assert_eq!(
            labels(&t),
            vec![
                Some("SECRETARY BLINKEN".into()),
                Some("MR PRICE".into()),
                Some("QUESTION".into())
            ]
        );
        assert_eq!(t[0].text, "Good afternoon.\nMore speech here.");
        assert_eq!((t[0].line_start, t[0].line_end), (3, 5));
        assert_eq!((t[2].line_start, t[2].line_end), (9, 9));
        assert_eq!(st.boilerplate, 3);
    }

    #[test]
    fn events_between_turns_and_inside() {
        let input =
            "HOLT: Good evening.\n\n(APPLAUSE)\n\nCLINTON: Hi.\n\n(LAUGHTER)\n\nI mean it.\n";
        let (t, _) = seg(input);
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].kind, Kind::Event);
        assert_eq!(t[1].text, "(APPLAUSE)");
        assert!(t[1].speaker.is_none());
        assert_eq!(t[2].text, "Hi.\n(LAUGHTER)\nI mean it.");
    }

    #[test]
    fn name_lines_scotus_style() {
        let input = "Oral Argument - October 03, 2005\nIBP, Inc. v. Alvarez\n\nJohn G. Roberts, Jr.\nWe will hear argument.\nMr. Phillips.\n\nCarter G. Phillips\nThank you.\n\nJohn G. Roberts, Jr.\nGo on.\n\nCarter G. Phillips\nYes.\n";
        let (t, st) = seg(input);
        assert_eq!(
            labels(&t),
            vec![
                Some("John G. Roberts, Jr.".into()),
                Some("Carter G. Phillips".into()),
                Some("John G. Roberts, Jr.".into()),
                Some("Carter G. Phillips".into())
            ]
        );
        assert_eq!(t[0].text, "We will hear argument. Mr. Phillips.");
        assert_eq!(st.boilerplate, 2);
    }

    #[test]
    fn earnings_headers_and_participant_list() {
        let input = "XYZ Q1 2021 Earnings Call Transcript\n\nPrepared Remarks:\n\nOperator\n\nWelcome to the call.\n\nJane A. Doe -- Chief Executive Officer\n\nThanks Bobby\n\nWe grew.\n\nQuestions and Answers:\n\nOperator\n\nFirst question.\n\nBob Roe -- Big Bank -- Analyst\n\nHi.\n\nJane A. Doe -- Chief Executive Officer\n\nHello.\n\nDuration: 30 minutes\n\nCall participants:\n\nJane A. Doe -- Chief Executive Officer\nBob Roe -- Big Bank -- Analyst\n";
        let (t, _) = seg(input);
        assert_eq!(
            labels(&t),
            vec![
                Some("Operator".into()),
                Some("Jane A. Doe -- Chief Executive Officer".into()),
                Some("Operator".into()),
                Some("Bob Roe -- Big Bank -- Analyst".into()),
                Some("Jane A. Doe -- Chief Executive Officer".into()),
            ]
        );
        assert_eq!(t[1].text, "Thanks Bobby\nWe grew.");
        assert_eq!(t[4].line_end, 27);
    }

    #[test]
    fn mixed_labels_need_evidence() {
        let input = "Committee -- Evidence\n\nThe Chair (Hon. A B (X, Lib.)): Order.\n\nHon. C D: Thanks.\n\nThe Chair: Next.\n\nMr. E F (Y, CPC): Petition.\n\nThe Chair: Next.\n\nHon. C D: More.\n\nBarry Hughes: Perfectly happy.\n";
        let (t, _) = seg(input);
        assert_eq!(t.len(), 7);
        assert_eq!(
            t[6].speaker.as_ref().unwrap().label.as_ref(),
            "Barry Hughes"
        );
        // one-off mixed label in a caps document stays speech
        let (t, _) =
            seg("HOLT: Hi.\n\nCLINTON: Hi.\n\nHOLT: So.\nAnd my second question is: why?\n");
        assert_eq!(t.len(), 3);
        assert!(t[2].text.contains("second question"));
    }

    #[test]
    fn hearing_labels_in_mixed_case_need_a_hearing_document() {
        // a briefing with colon labels: a paragraph that starts `Dr.
        // Walensky.` (twice) hands over, it opens no turn
        let input = "MR. ZIENTS: Thanks.\n\nDr. Walensky. Over to you.\n\nDR. WALENSKY: Thank you.\n\nMR. ZIENTS: Thanks.\n\nDr. Walensky. Again, to you.\n\nDR. WALENSKY: Yes.\n";
        let (t, _) = seg(input);
        assert_eq!(
            labels(&t),
            ["MR. ZIENTS", "DR. WALENSKY", "MR. ZIENTS", "DR. WALENSKY"]
                .map(|l| Some(l.to_string()))
        );
        assert!(t[0].text.ends_with("Over to you."));
        // a hearing: the same shape recurs, and a member seen once is
        // accepted in a document of that style
        let input = "    Chairman Rivera. Order.\n    Mr. Okafor. Thanks.\n    Chairman Rivera. Next.\n    Mr. Okafor. More.\n    Ms. Ng. Once.\n";
        let (t, _) = seg(input);
        assert_eq!(
            labels(&t),
            [
                "Chairman Rivera",
                "Mr. Okafor",
                "Chairman Rivera",
                "Mr. Okafor",
                "Ms. Ng"
            ]
            .map(|l| Some(l.to_string()))
        );
    }

    #[test]
    fn closers_put_text_outside() {
        let input = "MS. PSAKI:  Hi.\n\nQ    Question?\n\nMS. PSAKI:  Answer.\n\n1:19 P.M. EDT\nThanks again for joining.\n\nEND\n";
        let (t, st) = seg(input);
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].speaker.as_ref().unwrap().label.as_ref(), "Q");
        assert_eq!(st.boilerplate, 3);
    }

    #[test]
    fn no_labels_gives_speakerless_paragraphs() {
        let input = "Just some prose.\nMore of it.\n\nA second paragraph.\n";
        let (t, st) = seg(input);
        assert_eq!(t.len(), 2);
        assert!(t.iter().all(|t| t.speaker.is_none()));
        assert_eq!(t[0].text, "Just some prose. More of it.");
        assert_eq!(st.boilerplate, 0);
    }

    #[test]
    fn a_boilerplate_shape_that_ends_a_sentence_is_speech() {
        // glued to a line that stops mid-sentence: the sentence's end
        let input = "THE COURT: We will reconvene at\n10:02 a.m.\nMR. DOE: Thank you.\n";
        let (t, st) = seg(input);
        assert_eq!(t[0].text, "We will reconvene at 10:02 a.m.");
        assert_eq!(st.boilerplate, 0);
        // after a full stop, or as a paragraph of its own, a clock time is
        // still boilerplate
        for input in [
            "THE COURT: We are adjourned.\n10:02 a.m.\nMR. DOE: Thank you.\n",
            "THE COURT: We will reconvene at\n\n10:02 a.m.\n\nMR. DOE: Thank you.\n",
        ] {
            let (t, st) = seg(input);
            assert_eq!(st.boilerplate, 1, "{input}");
            assert!(!t[0].text.contains("10:02"), "{input}");
        }
    }

    #[test]
    fn swearing_in_lines_are_in_no_turn() {
        let input = "THE REPORTER: Please raise your hand.\nJANE ROE,\nhaving been first duly sworn, testified as follows:\nEXAMINATION\nQ.   Good morning.\n";
        let (t, st) = seg(input);
        // (the witness's name goes with the oath below it)
        assert_eq!(t[0].text, "Please raise your hand.");
        assert_eq!(st.boilerplate, 3);
        assert!(swears_in("was examined and testified as follows:"));
        assert!(!swears_in("He said as follows:"));
        assert!(!swears_in("having been sworn, he said"));
    }

    #[test]
    fn headings_between_sections() {
        let input = "GARY FARRO, called as a witness, sworn.\n\nCROSS EXAMINATION BY MR. BLANCHE:\n\nQ   Good morning.\n\nA   Good morning.\n";
        let (t, _) = seg(input);
        assert_eq!(labels(&t), vec![Some("Q".into()), Some("A".into())]);
    }
}
