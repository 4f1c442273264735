//! What a plain-text line *could* be: the shape rules for speaker labels.
//!
//! This module looks at one line at a time and never decides alone. It answers
//! "is this shaped like a label, and how strongly?"; the segmenter
//! (`src/segment`) then weighs that against the document: does the label recur,
//! does speech follow, what style do the other labels have, where does the line
//! sit. Splitting shape from evidence keeps both testable.
//!
//! Shapes recognised:
//! - `LABEL: speech` / `LABEL:` at the start of a line, where LABEL is either in
//!   capitals (`SECRETARY BLINKEN`, `MS. PSAKI`, `THE PRESIDENT`) or name-shaped
//!   mixed case (`Brady`, `Lynne Neagle AM`, `PhD D`, `Hon. Bill Blair`), with an
//!   optional parenthesised tail (`The Chair (Hon. Anthony Rota (..., Lib.))`).
//!   Markdown bold (`**Name:**`) and broadcast `>>` prefixes are allowed, and
//!   so are a time or a select committee's question number before it.
//! - the same with something else in place of the colon, each a [`Style`]
//!   weighed on its own evidence: a period (hearings' `Mr. DOE. speech`), a
//!   dash (`HOLT — speech`), square brackets (`[Jane Roe] speech`);
//! - the one-letter press and court labels `Q` and `A` followed by white space;
//! - US broadcast captions' bare `>>` (`>>>` for a new story): a new speaker
//!   whose name is not written;
//! - a name alone on its line (`Carter G. Phillips`, `Operator`, with a time
//!   before or after it: `00:00:05 Speaker 1`, `Jane Roe  0:03`), or an
//!   earnings-call header `Name -- Title [-- Firm -- Analyst]`; a title on the
//!   line below a name (`Acme Corporation - CFO`) is recognised by
//!   [`title_line`] for the segmenter to join;
//! - a standalone non-speech line: `(APPLAUSE)`, `[Laughter]`;
//! - boilerplate from the config's patterns (`END 7:49 P.M. EST`, `###`).
//!
//! Everything is byte-cheap first: a line that does not start with an upper-case
//! letter, `(`, `[`, `*`, `>` or a non-ASCII byte is speech without further work.

use crate::trim::FastTrim;
use rustc_hash::FxHashMap;

use crate::config::{PatternCache, Rules};

/// The shape class of one line. Offsets are byte offsets into the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Blank,
    Speech,
    /// `LABEL: speech` (speech may be empty: a label alone on its line).
    Colon(ColonLabel),
    /// `Q    speech`, `A.  speech`.
    Letter {
        speech_start: u16,
    },
    /// A bare `>>` (US broadcast captions; `>>>` for a new story): a new
    /// speaker whose name is not written.
    Mark {
        speech_start: u16,
    },
    /// A short line that may be a bare speaker line. Only a line that starts a
    /// paragraph can open a turn; a header-shaped line inside a paragraph
    /// (a list of participants) is classified too, so neighbours can see it.
    Name {
        header: bool,
        shape: Shape,
        para_first: bool,
        key: u32,
        /// Where the label starts in the trimmed line (after Hansard's
        /// question number `Q1. `).
        label_skip: u8,
        /// Length of the label (a trailing Otter time `  0:03` excluded).
        label_len: u16,
        /// Otter's time after the name (`NO_TIME` if none): as strong a sign
        /// as an earnings header.
        time_ms: u32,
    },
    /// A short line ending in a colon that is not a label (`Questions and
    /// Answers:`): a section heading when a label or the end follows it.
    Heading,
    /// A line that is only a bracketed non-speech note.
    Event,
    /// Matches a boilerplate pattern.
    Boilerplate,
    /// Page furniture (a running header or footer, a page number): out of
    /// the text, but no end to the turn around it.
    Furniture,
}

impl Class {
    /// Could this line open a turn?
    pub fn is_candidate(&self) -> bool {
        matches!(
            self,
            Class::Colon(_) | Class::Letter { .. } | Class::Mark { .. } | Class::Name { .. }
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColonLabel {
    /// Byte range of the label as written (without `**`, `>>` and the colon).
    pub label_start: u16,
    pub label_end: u16,
    /// Where the speech starts (== line length when the label is alone).
    pub speech_start: u16,
    /// Label in capitals.
    pub caps: bool,
    pub shape: Shape,
    /// Evidence key: the same id for every line with the same label (case and
    /// parenthesised tail ignored). `NO_KEY` when too many distinct labels.
    pub key: u32,
    /// A time written with the label, in milliseconds (`NO_TIME` if none):
    /// `[00:01:23] Name:`, `Name (00:01:23):`, `Name: (00:03)`.
    pub time_ms: u32,
    /// The end of a time range written with the label (`[00:00:01.000 -->
    /// 00:00:05.000] SPEAKER_00:`), `NO_TIME` if none.
    pub end_ms: u32,
    /// How the label is set off from the speech: each style is weighed with
    /// evidence of its own kind.
    pub style: Style,
}

/// How a label is set off from its speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// `Name: speech` (and `[Name]: `, `**Name:**`).
    #[default]
    Colon,
    /// A hearing's `Title Surname. speech`, the European Parliament's
    /// `Name, role. – speech`.
    Period,
    /// `[Jane Roe] speech`, with no colon.
    Bracket,
    /// `HOLT — speech`: a dash in place of the colon.
    Dash,
    /// `interviewer: speech`, `spk_0: speech`: a label in lower case, a
    /// label only in a document written that way.
    Lower,
    /// `Lex Fridman (00:00:05) speech`: a time in brackets in place of the
    /// colon, a label only where such labels recur.
    Timed,
}

/// No time on the line.
pub const NO_TIME: u32 = u32::MAX;

/// Seconds as a record field.
pub fn time_secs(ms: u32) -> Option<f64> {
    (ms != NO_TIME).then(|| f64::from(ms) / 1000.0)
}

/// No evidence key (the document has too many distinct label-like strings).
pub const NO_KEY: u32 = u32::MAX;

/// How name-like a label is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    /// Words outside parentheses.
    pub words: u8,
    /// Starts with an honorific, has two or more capitalised words, a
    /// parenthesised tail, or a trailing post-nominal (`AM`, `Jr.`): looks like
    /// a person, not a phrase.
    pub strong: bool,
    /// `Speaker 1`, `Guest 2`, `SPEAKER_00`: an anonymous numbered label.
    pub numbered: bool,
    /// An honorific and a capitalised name (`Mr. Nebenzia`, `Dr. Ng`): a
    /// person, seen once or not (the United Nations' `Mr. Nebenzia
    /// (Russian Federation):` speaks once in a meeting).
    pub titled: bool,
    /// The whole label is a role that names no one (`Operator`,
    /// `Moderator`, `Unidentified Speaker`, from the config's anonymous
    /// labels): a speaker wherever it stands alone over speech, seen once
    /// or not.
    pub role: bool,
}

/// Name suffixes that may end in a dot on a bare name line (`Roberts, Jr.`).
const SUFFIXES: &[&str] = &[
    "jr", "sr", "esq", "ii", "iii", "iv", "phd", "md", "qc", "kc", "mp", "am", "ms", "msp", "mla",
    "mpp", "obe", "cbe", "mbe", "dds", "cpa", "rn",
];

/// Post-nominal letters that make a mixed-case label look like a person.
const POST_NOMINALS: &[&str] = &[
    "AM", "MS", "MP", "MSP", "MLA", "MPP", "TD", "MEP", "QC", "KC",
];

/// `Lex Fridman (00:00:05) The following ...`, `**Jane Roe** [00:01:02]
/// Thanks.`: a label, a time (or time range) in brackets in place of the
/// colon, then speech on the same line. Returns the label's byte range in
/// `line` (without `**`), where the speech starts, the time and the range's
/// end (`NO_TIME` for a single time). A name and a time alone on their line
/// are a name line's business, not this.
fn timed_label(
    line: &str,
    lead: usize,
    max_chars: usize,
) -> Option<(usize, usize, usize, u32, u32)> {
    let t = &line[lead..];
    let b = t.as_bytes();
    // the first bracket that holds a time (a label's own tail comes before
    // it: `Hon. Jane Roe (Minister of Health) (00:07:20) ...`)
    let (open, close, ms) = memchr::memchr2_iter(b'(', b'[', &b[..b.len().min(max_chars + 4)])
        .find_map(|open| {
            if open < 2 || b[open - 1] != b' ' || !b.get(open + 1).is_some_and(u8::is_ascii_digit) {
                return None;
            }
            let close_b = if b[open] == b'(' { b')' } else { b']' };
            let limit = (open + 42).min(b.len());
            let close = open + 1 + memchr::memchr(close_b, &b[open + 1..limit])?;
            Some((open, close, bracket_time(&t[open + 1..close])?))
        })?;
    let end = range(&t[open + 1..close]).map_or(NO_TIME, |r| r.1);
    let after = &t[close + 1..];
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let speech = close + 1 + (after.len() - after.ftrim_start().len());
    if speech >= t.len() {
        return None;
    }
    let label = t[..open].ftrim_end();
    let (ls, le) = match label.strip_prefix("**").and_then(|l| l.strip_suffix("**")) {
        Some(inner) => (2, 2 + inner.len()),
        None => (0, label.len()),
    };
    if le <= ls {
        return None;
    }
    Some((lead + ls, lead + le, lead + speech, ms, end))
}

/// Where the speech starts after a bare `>>` or `>>>` that opens the
/// (trimmed) line: followed by white space or nothing (`>>>>` and `>>x` are
/// no marks).
pub fn chevron_mark(t: &str) -> Option<usize> {
    let rest = t.strip_prefix(">>")?;
    let rest = rest.strip_prefix('>').unwrap_or(rest);
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(t.len() - rest.ftrim_start().len())
}

/// Classify one line without a cache (tests, one-off use).
pub fn classify(line: &str, rules: &Rules, para_first: bool) -> Class {
    Classifier::default().classify(line, rules, para_first)
}

/// Distinct labels a classifier remembers; beyond this it still classifies
/// but no longer caches or counts new ones.
const MAX_DISTINCT: usize = 20_000;

/// A per-document line classifier. Labels recur thousands of times in a
/// transcript, so the word rules run once per distinct label and the result
/// (with an evidence key for the segmenter's counts) is cached.
#[derive(Default)]
pub struct Classifier {
    /// Label text as written -> shape result.
    colon: FxHashMap<Box<str>, Option<(bool, Shape, u32)>>,
    /// Lower-cased label base -> evidence key.
    colon_keys: FxHashMap<Box<str>, u32>,
    /// Bare name line -> (header, shape, key) or not a name.
    names: FxHashMap<Box<str>, Option<(bool, Shape, u32)>>,
    /// Lower-cased name without its parenthesised tail -> evidence key.
    name_keys: FxHashMap<Box<str>, u32>,
    /// The line patterns' search caches (this document's own: no lock).
    boilerplate_cache: PatternCache,
    furniture_cache: PatternCache,
}

impl Classifier {
    /// Number of distinct colon-label evidence keys handed out.
    pub fn colon_keys(&self) -> usize {
        self.colon_keys.len()
    }

    /// Number of distinct name-line keys handed out.
    pub fn name_keys(&self) -> usize {
        self.name_keys.len()
    }

    /// The evidence key of a label base (case ignored): the same id for
    /// every line with the same label, `NO_KEY` past `MAX_DISTINCT`.
    fn colon_key(&mut self, base: &str) -> u32 {
        let base = base.to_lowercase();
        let next = self.colon_keys.len() as u32;
        if self.colon_keys.len() < MAX_DISTINCT {
            *self.colon_keys.entry(base.into_boxed_str()).or_insert(next)
        } else {
            self.colon_keys
                .get(base.as_str())
                .copied()
                .unwrap_or(NO_KEY)
        }
    }

    fn colon_shape(&mut self, label: &str, rules: &Rules) -> Option<(bool, Shape, u32)> {
        if let Some(hit) = self.colon.get(label) {
            return *hit;
        }
        let result = label_shape(label, rules).map(|(caps, shape)| {
            let base = label.split('(').next().unwrap_or(label).ftrim();
            (caps, shape, self.colon_key(base))
        });
        if self.colon.len() < MAX_DISTINCT {
            self.colon.insert(label.into(), result);
        }
        result
    }

    fn name_shape(&mut self, t: &str, rules: &Rules) -> Option<(bool, Shape, u32)> {
        if let Some(hit) = self.names.get(t) {
            return *hit;
        }
        // only names are remembered: other short lines rarely come back
        let result = name_line(t, rules).map(|(h, shape)| (h, shape, self.name_key(t)));
        if result.is_some_and(|r| r.2 != NO_KEY) {
            self.names.insert(t.into(), result);
        }
        result
    }

    /// The evidence key of a bare name line: its name without the
    /// parenthesised tail, case ignored (Hansard's `Keir Starmer (Holborn
    /// and St Pancras) (Lab)` and later `Keir Starmer` are one speaker).
    fn name_key(&mut self, t: &str) -> u32 {
        let base = strip_paren_tail(t).unwrap_or(t).to_lowercase();
        let next = self.name_keys.len() as u32;
        if self.name_keys.len() < MAX_DISTINCT {
            *self.name_keys.entry(base.into_boxed_str()).or_insert(next)
        } else {
            self.name_keys.get(base.as_str()).copied().unwrap_or(NO_KEY)
        }
    }

    /// A label ended by a period (hearings, `Name. – ` in the European
    /// Parliament) as a colon-label class. Its evidence is counted under a
    /// key of its own style (`kind`): `Dr. Walensky.` handing over is no
    /// evidence for `DR. WALENSKY:` (nor the reverse).
    fn period_class(&mut self, t: &str, lead: usize, p: PeriodLabel, kind: char) -> Class {
        let label = &t[..p.len];
        let key = self.colon_key(&format!("{kind}{label}"));
        let at = |n: usize| (lead + n).min(u16::MAX as usize) as u16;
        Class::Colon(ColonLabel {
            label_start: at(0),
            label_end: at(p.len),
            speech_start: at(p.speech),
            caps: p.caps,
            shape: Shape {
                words: label.split(' ').count().min(255) as u8,
                strong: true,
                numbered: false,
                titled: false,
                role: false,
            },
            key,
            time_ms: NO_TIME,
            end_ms: NO_TIME,
            style: Style::Period,
        })
    }

    /// `interviewer: speech`, `speaker 2: speech`, `spk_0: speech`, `ms.
    /// psaki: speech`: up to four words of lower-case letters, digits and
    /// `_.-'` (no sentence's words after the first) before a colon and a
    /// space (or the line's end). Judged with the document's evidence, under
    /// a style of its own: prose opens lines with `note: ` too.
    fn lower_label(&mut self, line: &str, rules: &Rules, para_first: bool) -> Option<Class> {
        let t = line.ftrim_start();
        let lead = line.len() - t.len();
        let b = t.as_bytes();
        let colon = memchr::memchr(b':', &b[..b.len().min(40)])?;
        let after = &t[colon + 1..];
        if !after.is_empty() && !after.starts_with(char::is_whitespace) {
            return None;
        }
        let label = &t[..colon];
        let mut words = 0u8;
        for w in label.split(' ') {
            words += 1;
            // a sentence's words (`the point is: `, `and i said: `)
            const PROSE: &[&str] = &[
                "is", "was", "are", "were", "be", "and", "but", "so", "that", "this", "i", "my",
                "we", "you", "it", "he", "she", "they", "said", "says", "asked", "question",
            ];
            if w.is_empty()
                || words > 4
                || !w.bytes().all(|c| {
                    c.is_ascii_lowercase()
                        || c.is_ascii_digit()
                        || matches!(c, b'_' | b'.' | b'-' | b'\'')
                })
                || (PROSE.contains(&w) && (words > 1 || !matches!(w, "i" | "question")))
            {
                return None;
            }
        }
        if rules.never_speakers.contains_ci(label) {
            return None;
        }
        let speech = t[colon + 1..].ftrim_start();
        let key = self.colon_key(&format!("_{label}"));
        let at = |n: usize| (lead + n).min(u16::MAX as usize) as u16;
        Some(Class::Colon(ColonLabel {
            label_start: at(0),
            label_end: at(colon),
            speech_start: at(t.len() - speech.len()),
            caps: false,
            // (`strong` says that a label seen once may be one: it starts a
            // paragraph, as a wrapped line's `again: Does ...` does not, and
            // is one word, a word and a number (`speaker 3`) or an honorific
            // and a name (`ms. psaki`), not a phrase (`bottom line: `))
            shape: Shape {
                words,
                strong: para_first
                    && match label.split_once(' ') {
                        None => true,
                        Some((a, b)) => {
                            b.bytes().all(|c| c.is_ascii_digit())
                                || (a.ends_with('.') && !b.contains(' '))
                        }
                    },
                ..Shape::default()
            },
            key,
            time_ms: NO_TIME,
            end_ms: NO_TIME,
            style: Style::Lower,
        }))
    }

    /// Classify one line (terminator already removed).
    pub fn classify(&mut self, line: &str, rules: &Rules, para_first: bool) -> Class {
        let t = line.ftrim();
        if t.is_empty() {
            return Class::Blank;
        }
        let b = t.as_bytes()[0];
        let maybe = b.is_ascii_uppercase()
            || b >= 0x80
            || matches!(
                b,
                b'(' | b'[' | b'{' | b'*' | b'_' | b'>' | b'#' | b'\\' | b'-' | b'='
            )
            || b.is_ascii_digit();
        if !maybe {
            if b.is_ascii_lowercase() {
                if let Some(c) = self.lower_label(line, rules, para_first) {
                    return c;
                }
            }
            return Class::Speech;
        }
        // a ruler (`-----`, `=====`) between sections and speakers' headers
        if is_ruler(t) {
            return Class::Furniture;
        }
        // boilerplate stands on its own line: the start of a paragraph, short,
        // or centred
        if (para_first || t.len() <= 40 || line.len() - line.ftrim_start().len() >= 10)
            && t.len() <= 200
            && rules
                .boilerplate_in(t, &mut self.boilerplate_cache)
                .is_some()
        {
            return Class::Boilerplate;
        }
        if t.len() <= 80
            && (rules.furniture_in(t, &mut self.furniture_cache).is_some()
                || page_number(line, t)
                || bare_time(t).is_some())
        {
            return Class::Furniture;
        }
        if is_event_line(t, rules) {
            return Class::Event;
        }
        let lead = line.len() - line.ftrim_start().len();
        if let Some(s) = letter_label(t, rules) {
            return Class::Letter {
                speech_start: (s + lead).min(u16::MAX as usize) as u16,
            };
        }
        let head = &t.as_bytes()[..t.len().min(rules.max_chars + 4)];
        let head_colon = memchr::memchr(b':', head).is_some();
        if head_colon {
            // `[00:01:23] Name: text`, `00:01:23 Name: text`; a select
            // committee's question number, `Q12 Chair: text`
            let (mut skip, prefix_time) = leading_time(t);
            if skip == 0 {
                skip = committee_question(t);
            }
            // (a colon after a time written in its place is the speech's:
            // `Jane Roe (00:04:40) The question is: ...`)
            let colon = colon_span(line, lead + skip, rules).filter(|(c, label)| {
                memchr::memchr2(b'(', b'[', label.as_bytes()).is_none()
                    || timed_label(line, lead, rules.max_chars)
                        .is_none_or(|(_, le, ..)| c.label_end as usize <= le)
            });
            if let Some((mut c, label)) = colon {
                if prefix_time != NO_TIME {
                    c.time_ms = prefix_time;
                    c.end_ms = range_end(&t[..skip]);
                }
                if let Some((caps, shape, key)) = self.colon_shape(label, rules) {
                    c.caps = caps;
                    c.shape = shape;
                    c.key = key;
                    return Class::Colon(c);
                }
            }
        }
        // `Lex Fridman (00:00:05) The following ...`: a time in brackets in
        // place of the colon, weighed as a colon label with its time (a
        // clock time: the line has a colon near its start)
        if let Some((ls, le, speech, ms, end)) = head_colon
            .then(|| timed_label(line, lead, rules.max_chars))
            .flatten()
        {
            if let Some((caps, shape, _)) = self.colon_shape(&line[ls..le], rules) {
                let key = self.colon_key(&format!("\u{23F1}{}", &line[ls..le]));
                let at = |n: usize| n.min(u16::MAX as usize) as u16;
                return Class::Colon(ColonLabel {
                    label_start: at(ls),
                    label_end: at(le),
                    speech_start: at(speech),
                    caps,
                    shape,
                    key,
                    time_ms: ms,
                    end_ms: end,
                    style: Style::Timed,
                });
            }
        }
        // US broadcast captions: `>>` opens a new speaker's turn, `>>>` a
        // new story; no name follows (`>> JUDY WOODRUFF:` was a colon label)
        if let Some(s) = chevron_mark(t) {
            return Class::Mark {
                speech_start: (lead + s).min(u16::MAX as usize) as u16,
            };
        }
        // `[Jane Roe] Good morning.`: a bracketed name of two words or more
        // (one word in brackets is more often a note: `[Sighs]`), judged
        // as a mixed-case label (it needs the document's evidence)
        if t.as_bytes()[0] == b'[' {
            if let Some((mut c, label)) = bracket_span(line, lead, rules) {
                if let Some((_, shape, key)) = self.colon_shape(label, rules) {
                    if shape.words >= 2 {
                        c.shape = shape;
                        c.key = key;
                        return Class::Colon(c);
                    }
                }
            }
        }
        // the European Parliament's verbatim reports: `President. – The
        // next item is ...`, `Anna Keller, rapporteur. – Madam President,`
        if let Some(p) = dash_label(t) {
            return self.period_class(t, lead, p, '-');
        }
        // US Congressional hearings (GPO): `Chairman GRAHAM. The Committee
        // will come to order.`, `Mr. DOE. Thank you.`, and in mixed case
        // (`    Chairman Rokita. Good morning.`) where it starts a paragraph:
        // GPO indents a paragraph's first line, so a wrapped line that
        // happens to start `Chairman Comer.` is not one
        // (with speech after it: `Dr. Walensky.` alone is a hand-over)
        if let Some(p) =
            period_label(t).filter(|p| p.caps || ((para_first || lead > 0) && p.speech < t.len()))
        {
            return self.period_class(t, lead, p, '.');
        }
        // `HOLT — Good evening.`: a dash in place of the colon, weighed as
        // a style of its own (the segmenter wants the document written that
        // way, with two such labels recurring)
        if let Some((len, speech)) = dash_speaker(t, rules) {
            let label = &t[..len];
            if let Some((caps, mut shape, _)) = self.colon_shape(label, rules) {
                // (`The` opens a role, `The Chair`, more than a name)
                shape.titled &= !label
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case("the "));
                let key = self.colon_key(&format!("\u{2014}{label}"));
                let at = |n: usize| (lead + n).min(u16::MAX as usize) as u16;
                return Class::Colon(ColonLabel {
                    label_start: at(0),
                    label_end: at(len),
                    speech_start: at(speech),
                    caps,
                    shape,
                    key,
                    time_ms: NO_TIME,
                    end_ms: NO_TIME,
                    style: Style::Dash,
                });
            }
        }
        if t.ends_with(':') && t.len() <= 100 && t.split_whitespace().count() <= 8 {
            return Class::Heading;
        }
        if t.len() <= rules.max_chars && lead == 0 && (para_first || has_double_dash(t)) {
            // Otter: `Speaker Name  0:03` alone on its line; Descript
            // `Speaker Name [00:00:01]`
            let mut skip = question_number(t);
            // Word's and Zoom's exports put the time first: `00:00:05 Jane
            // Roe`, `[00:00:05] Jane Roe` (a bare `10:00` before words is
            // more often an agenda's hour: only a bracket or hours, minutes
            // and seconds count)
            let mut lead_ms = NO_TIME;
            if skip == 0 && (b == b'[' || b.is_ascii_digit()) {
                let (s, ms) = leading_time(t);
                if ms != NO_TIME
                    && (b == b'[' || t[..s].bytes().filter(|&c| c == b':').count() == 2)
                {
                    (skip, lead_ms) = (s, ms);
                }
            }
            let (mut name_part, mut time_ms) = trailing_time(&t[skip..]);
            if lead_ms != NO_TIME && time_ms == NO_TIME {
                time_ms = lead_ms;
            }
            if time_ms != NO_TIME {
                // `Jane Roe - 00:00:09`, `Jane Roe, 0:09`, and Zoom's
                // `[Jane Roe] 14:02:11`
                name_part =
                    name_part.trim_end_matches([' ', '-', ',', '|', '\u{2013}', '\u{2014}']);
                if let Some(inner) = name_part
                    .strip_prefix('[')
                    .and_then(|n| n.strip_suffix(']'))
                {
                    skip += 1;
                    name_part = inner;
                }
            }
            // StreetEvents: `Tom Becker,  Northwind Corp - CEO   [3]`, the
            // turn's number after the header: as strong a sign as a time;
            // the evidence is the name before the comma
            let (name_part, numbered) = match sequence_number(name_part) {
                Some(n) => (n, true),
                None => (name_part, false),
            };
            let name_only = if numbered {
                name_part.split_once(',').map_or(name_part, |(n, _)| n)
            } else {
                name_part
            };
            if !could_be_name(name_only) {
                return Class::Speech;
            }
            if let Some((header, shape, key)) = self.name_shape(name_only, rules) {
                let header = header || numbered;
                if para_first || header {
                    return Class::Name {
                        header,
                        shape,
                        para_first,
                        key,
                        label_skip: skip as u8,
                        label_len: name_part.trim_end_matches(':').ftrim_end().len() as u16,
                        time_ms,
                    };
                }
            }
        }
        // a title centred on its own line (the Congressional Record's
        // `General Leave`, a hearing's `STATEMENT OF ...`): a heading when a
        // label follows it, speech otherwise
        if lead >= 10 && para_first && centred_title(t) {
            return Class::Heading;
        }
        Class::Speech
    }
}

/// A short title: capitalised words (small words and numbers allowed), no
/// sentence punctuation at the end (a comma may end a name: a witness's
/// `RUTH CALLOWAY,` over `having been first duly sworn, ...`).
fn centred_title(t: &str) -> bool {
    t.len() <= 60
        && t.as_bytes()[0].is_ascii_uppercase()
        && !t.ends_with(['.', ';', ':', '?', '!', '"', ')', ']'])
        && t.split_whitespace().count() <= 8
        && t.split_whitespace().all(|w| {
            let b = w.as_bytes()[0];
            b.is_ascii_uppercase()
                || b.is_ascii_digit()
                || matches!(
                    w,
                    "of" | "the" | "and" | "for" | "on" | "in" | "to" | "a" | "an" | "by" | "with"
                )
        })
}

/// Is `w` a title that opens a congressional-hearing label (`Senator
/// FEINSTEIN.`)? A `match` on the literals: compiled to a switch on the
/// length, then a compare (most lines start with some other word).
fn is_period_title(w: &str) -> bool {
    matches!(
        w,
        "Mr."
            | "Ms."
            | "Mrs."
            | "Miss"
            | "Dr."
            | "The"
            | "Chairman"
            | "Chairwoman"
            | "Chair"
            | "Senator"
            | "Representative"
            | "Secretary"
            | "General"
            | "Admiral"
            | "Ambassador"
            | "Judge"
            | "Justice"
            | "Governor"
            | "Mayor"
            | "Commissioner"
            | "Director"
            | "Delegate"
            | "Professor"
            | "Vice"
            | "Acting"
            | "Ranking"
            | "Member"
            | "Colonel"
            | "Captain"
            | "Lieutenant"
            | "Sergeant"
    )
}

/// A surname as hearings print it: capitals, allowing `McCAIN`, `O'ROURKE`.
fn caps_surname(w: &str) -> bool {
    let b = w.as_bytes();
    let mut upper = 0;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_uppercase() {
            upper += 1;
        } else if c.is_ascii_lowercase() {
            // `Mc`, `De`, `La`: one lower-case letter after the first
            if i != 1 {
                return false;
            }
        } else if !(matches!(c, b'\'' | b'-') && i > 0) {
            return false;
        }
    }
    upper >= 2 && b[0].is_ascii_uppercase()
}

/// A surname as recent hearings print it: `Rokita`, `McConnell`,
/// `Ocasio-Cortez`, `O'Rourke` (a capital, then letters, `'` or `-`).
fn mixed_surname(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2
        && b[0].is_ascii_uppercase()
        && b[1..]
            .iter()
            .all(|&c| c.is_ascii_alphabetic() || c == b'\'' || c == b'-')
        && b[1..].iter().any(u8::is_ascii_lowercase)
}

/// Lower-case particles inside a surname (`Ms. de la Cruz`, `Mr. Van der
/// Berg`): never its last word.
fn surname_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "la" | "del" | "van" | "von" | "der" | "da" | "di" | "du"
    )
}

/// A congressional-hearing label (GPO): one to three title words from
/// [`is_period_title`], one to three surname words, a period, then speech
/// (or nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PeriodLabel {
    /// Length of the label (without its period).
    len: usize,
    /// Where the speech starts.
    speech: usize,
    /// The surname is in capitals (`Chairman GRAHAM.`, the older style and
    /// the Congressional Record's): a label on first sight. Mixed case
    /// (`Chairman Rokita.`, recent hearings) reads like a sentence as well
    /// (`General Motors. They ...`): it needs the document's evidence.
    caps: bool,
}

/// `Chairman GRAHAM. speech`, `Mr. DOE.` alone, `    Mr. Polis. Thank you.`
fn period_label(t: &str) -> Option<PeriodLabel> {
    // it starts with a title (the common case, a sentence, ends here)
    let first = &t[..memchr::memchr(b' ', t.as_bytes()).unwrap_or(t.len())];
    if !is_period_title(first) {
        return caps_period_label(t);
    }
    // the period after the surname (`Mr.`'s own dot is a title's)
    let mut end = 0;
    let mut titles = 0;
    let mut names = 0;
    let mut all_caps = true;
    let mut pos = 0;
    for w in t.split(' ') {
        let word_end = pos + w.len();
        let title = is_period_title(w);
        let last = w.ends_with('.') && !title;
        let bare = if last { &w[..w.len() - 1] } else { w };
        // the Congressional Record's suffixes: `Mr. SMITH of Texas.`, `The
        // SPEAKER pro tempore.`, `The SPEAKER pro tempore (Mr. Womack).`
        if names > 0 && all_caps && matches!(w, "of" | "pro" | "(Mr." | "(Ms." | "(Mrs.") {
            end = pos + record_suffix(&t[pos..])?;
            break;
        }
        if names == 0 && title && titles < 3 {
            titles += 1;
        } else if titles > 0 && names < 3 && caps_surname(bare) {
            names += 1;
            if last {
                end = word_end - 1;
                break;
            }
        } else if titles > 0 && names < 3 && mixed_surname(bare) {
            names += 1;
            all_caps = false;
            if last {
                end = word_end - 1;
                break;
            }
        } else if titles > 0 && names < 2 && !last && surname_particle(w) {
            all_caps = false;
        } else {
            return None;
        }
        pos = word_end + 1;
        if pos > 60 {
            return None;
        }
    }
    if end == 0 || names == 0 {
        return None;
    }
    // `The` titles only a role (`The CHAIRMAN.`, `The Chairman.`), not `The
    // FBI.`
    if t.starts_with("The ") {
        const ROLES: &[&str] = &[
            "CHAIRMAN",
            "CHAIRWOMAN",
            "CHAIR",
            "CLERK",
            "PRESIDENT",
            "SPEAKER",
            "WITNESS",
            "COURT",
            "PRESIDING OFFICER",
            "REPORTER",
            "MODERATOR",
            "SECRETARY",
            "INTERPRETER",
        ];
        let mut role = &t[4..end];
        for cut in [" pro tempore", " (", " of "] {
            if let Some(i) = role.find(cut) {
                role = &role[..i];
            }
        }
        let role = role
            .strip_prefix("Acting ")
            .or_else(|| role.strip_prefix("ACTING "))
            .unwrap_or(role);
        if !ROLES.iter().any(|r| r.eq_ignore_ascii_case(role)) {
            return None;
        }
    }
    let rest = &t[end + 1..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    let speech = t.len() - rest.ftrim_start().len();
    Some(PeriodLabel {
        len: end,
        speech,
        caps: all_caps,
    })
}

/// The European Parliament's label: a name (one to five capitalised words,
/// `von der` and the like allowed), optionally a comma and what the speaker
/// is there as (`rapporteur`, `on behalf of the PPE Group`, `Member of the
/// Commission`), a period, then a dash (`–`, `—`) and the speech. The dash
/// after a period is the sign: prose does not put one there.
fn dash_label(t: &str) -> Option<PeriodLabel> {
    let b = t.as_bytes();
    // the name first, word by word: most lines fail at their first word in
    // lower case (`The debate is ...`) before any search for a dash
    let mut i = 0;
    let mut words = 0;
    loop {
        let c = *b.get(i)?;
        let start = i;
        // a word of a name is short
        let w = &b[i..b.len().min(i + 24)];
        // (ended by a delimiter, so `i` stays on a character boundary)
        i += w
            .iter()
            .position(|&c| matches!(c, b' ' | b',' | b'.' | b'('))?;
        words += 1;
        if words > 5
            || !(c.is_ascii_uppercase()
                || c >= 0x80
                || (words > 1 && surname_particle(&t[start..i])))
        {
            return None;
        }
        match b.get(i) {
            Some(b' ') if b.get(i + 1) != Some(&b'(') => i += 1,
            Some(_) => break,
            None => return None,
        }
    }
    // then a dash (UTF-8 E2 80 93/94) after a period, near the start
    let head = &b[..b.len().min(160)];
    let mut from = i;
    let sep = loop {
        let i = from + memchr::memchr(0xE2, &head[from..])?;
        if i >= 2
            && b[i - 2..i] == *b". "
            && matches!(b.get(i + 1..i + 4), Some([0x80, 0x93 | 0x94, b' ']))
        {
            break i - 2;
        }
        from = i + 1;
    };
    let label = &t[..sep];
    let name = label.split([',', '(']).next()?.ftrim_end();
    let words = name.split(' ').count();
    // the period is the label's, not an abbreviation's (`the U.S. — the
    // United States`); a name does not start a sentence (`In April, ...`)
    let last = label.rsplit(' ').next().unwrap_or(label);
    if name.is_empty()
        || words > 5
        || label.len() > 140
        || last.contains('.')
        || label.split(' ').count() > 14
        || common_caps_word(&name.split(' ').next()?.to_uppercase())
    {
        return None;
    }
    let named = name.split(' ').enumerate().all(|(i, w)| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
            || (i > 0 && i + 1 < words && surname_particle(w))
    });
    let speech = sep + ". – ".len();
    // what follows is speech, not a header's title (`Martin J. Lyons Jr. —
    // Chairman and President, Ameren Missouri` in a list of participants):
    // a title is a few capitalised words (small ones between) with no
    // sentence end
    let rest = t.get(speech..).unwrap_or("").ftrim_end();
    // (a member's group or role before the period, `Tomas Berg (PPE).`,
    // `Anna Keller, rapporteur.`, is the Parliament's own style)
    let title_like = !label.contains(['(', ','])
        && rest.split(' ').count() <= 10
        && !rest.ends_with(['.', '?', '!', '…', '"', '”', ':', ')', ','])
        && rest.split([' ', ',']).filter(|w| !w.is_empty()).all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || matches!(
                    w,
                    "of" | "the" | "and" | "for" | "&" | "-" | "—" | "–" | "in" | "on"
                )
        });
    (named && speech < t.len() && !title_like).then_some(PeriodLabel {
        len: sep,
        speech,
        caps: true,
    })
}

/// The length of a Congressional Record suffix at the start of `t`, up to
/// (not including) the label's period: `of Texas`, `of New York`, `pro
/// tempore`, a presiding member in parentheses (`(Mr. Womack)`, `(Mr. Smith
/// of Texas)`), or `pro tempore (Ms. Foxx)`.
fn record_suffix(t: &str) -> Option<usize> {
    let mut at = 0;
    if let Some(r) = t.strip_prefix("pro tempore") {
        at = "pro tempore".len();
        if r.starts_with('.') {
            return Some(at);
        }
        if !r.starts_with(" (") {
            return None;
        }
        at += 1;
    }
    let r = &t[at..];
    if r.starts_with('(') {
        // a presiding member: a title and a name, closed before the period
        let close = memchr::memchr(b')', r.as_bytes())?;
        let inner = &r[1..close];
        let mut words = inner.split(' ');
        if close > 40 || !words.next().is_some_and(is_period_title) {
            return None;
        }
        if !words.all(|w| w == "of" || mixed_surname(w) || caps_surname(w)) {
            return None;
        }
        return (r.as_bytes().get(close + 1) == Some(&b'.')).then_some(at + close + 1);
    }
    // `of` and one to three capitalised words (a state), the last with the period
    let r = r.strip_prefix("of ")?;
    let mut pos = at + 3;
    for (i, w) in r.split(' ').enumerate() {
        let bare = w.strip_suffix('.');
        if i == 3 || !mixed_surname(bare.unwrap_or(w)) {
            return None;
        }
        if let Some(b) = bare {
            return Some(pos + b.len());
        }
        pos += w.len() + 1;
    }
    None
}

/// A name in capitals and a period, no title word, speech after it: the
/// Federal Reserve's press conferences (`CHAIR POWELL. Good afternoon.`,
/// `STEVE LIESMAN. Steve Liesman, CNBC.`). Two to four words; a capitals
/// title (`MR.`, `DR.`) or initial (`H.`) inside is not the end. It reads
/// like an all-capitals sentence as well, so it is weighed like a mixed-case
/// label (it needs the document's evidence), and common words are no name.
fn caps_period_label(t: &str) -> Option<PeriodLabel> {
    let b = t.as_bytes();
    if b.len() < 6 || !b[0].is_ascii_uppercase() || (!b[1].is_ascii_uppercase() && b[1] != b'.') {
        return None;
    }
    let mut pos = 0;
    let mut words = 0;
    let mut end = 0;
    for w in t.split(' ') {
        let word_end = pos + w.len();
        let inner = words < 3
            && (matches!(w, "MR." | "MS." | "MRS." | "DR.")
                || (w.len() == 2 && w.as_bytes()[0].is_ascii_uppercase() && w.ends_with('.')));
        let last = w.ends_with('.') && !inner;
        let bare = if last { &w[..w.len() - 1] } else { w };
        if !inner {
            if !caps_surname(bare) {
                return None;
            }
            // `THANK YOU. And now ...` is a sentence
            if common_caps_word(bare) {
                return None;
            }
        }
        words += 1;
        if last {
            end = word_end - 1;
            break;
        }
        pos = word_end + 1;
        if words == 4 || pos > 40 {
            return None;
        }
    }
    let rest = &t[(end + 1).min(t.len())..];
    if end == 0 || words < 2 || !rest.starts_with(' ') {
        return None;
    }
    let speech = t.len() - rest.ftrim_start().len();
    if speech >= t.len() {
        return None;
    }
    Some(PeriodLabel {
        len: end,
        speech,
        caps: false,
    })
}

/// Words that start sentences in capitals (`THANK YOU.`, `NO SIR.`) far
/// more often than they name anyone.
fn common_caps_word(w: &str) -> bool {
    matches!(
        w,
        "THE"
            | "AND"
            | "BUT"
            | "YES"
            | "NO"
            | "OK"
            | "OKAY"
            | "THANK"
            | "THANKS"
            | "YOU"
            | "WELL"
            | "SO"
            | "IT"
            | "IS"
            | "WE"
            | "I'M"
            | "THAT"
            | "THIS"
            | "ALL"
            | "RIGHT"
            | "GOOD"
            | "SIR"
            | "MA'AM"
            | "END"
            | "NOTE"
            | "OF"
            | "FOR"
            | "TO"
            | "IN"
            | "ON"
            | "AT"
            | "A"
            | "AN"
            | "MORNING"
            | "AFTERNOON"
            | "EVENING"
            | "OH"
            | "HELLO"
            | "HI"
            | "VERY"
            | "MUCH"
            | "NOT"
            | "NOW"
            | "THEN"
            | "HERE"
            | "THERE"
            | "WHAT"
            | "WHY"
            | "HOW"
            | "WHO"
            | "SURE"
            | "EXACTLY"
            | "CORRECT"
            | "AGREED"
            | "PLEASE"
            | "IF"
            | "WHEN"
            | "AFTER"
            | "BEFORE"
            | "AS"
            | "SINCE"
            | "WHILE"
            | "BECAUSE"
            | "ONCE"
            | "HE"
            | "SHE"
            | "THEY"
            | "MY"
            | "OUR"
    )
}

/// A line of ten or more `-`, `=` or `_` (with nothing else): a ruler.
pub fn is_ruler(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 10 && matches!(b[0], b'-' | b'=' | b'_') && b.iter().all(|&c| c == b[0])
}

/// `t` without a bracketed turn number at its end (`Operator   [1]`), or
/// None if it has none: one to four digits, after white space.
fn sequence_number(t: &str) -> Option<&str> {
    let body = t.strip_suffix(']')?;
    let open = body.rfind('[')?;
    let digits = &body[open + 1..];
    let head = &body[..open];
    let ok = (1..=4).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && head.ends_with([' ', '\t']);
    let head = head.ftrim_end();
    (ok && !head.is_empty()).then_some(head)
}

/// A page number alone, far from the margin (`pdftotext -layout` puts it
/// at the right edge): one to four digits after eight or more spaces.
fn page_number(line: &str, t: &str) -> bool {
    t.len() <= 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && line.len() - line.trim_start().len() >= 8
}

/// Cheap byte test before the word rules: short, few words, no sentence end
/// other than an abbreviation's dot.
fn could_be_name(t: &str) -> bool {
    let b = t.as_bytes();
    // (empty: a line that was only a time and a dash, `- 7:7`)
    let Some(&last) = b.last() else {
        return false;
    };
    // (a header's title wrapped after a comma is checked with its next line)
    if matches!(last, b'?' | b'!' | b';' | b'"') || (last == b',' && !has_double_dash(t)) {
        return false;
    }
    let spaces = memchr::memchr_iter(b' ', b).count();
    (b.len() <= 80 && spaces < 10)
        || (spaces < 24
            && (has_double_dash(t) || (memchr::memchr(b'-', b).is_some() && t.contains(" - "))))
}

/// Does `t` have an earnings-call header's separator (` -- `, or the dash a
/// publisher's typography makes of it, ` — ` or ` – `)?
fn has_double_dash(t: &str) -> bool {
    let b = t.as_bytes();
    let mut from = 0;
    while let Some(k) = spaced_dash(&b[from..]) {
        let i = from + k;
        if matches!(
            b.get(i..i + 3),
            Some([b'-', b'-', b' '] | [0xE2, 0x80, 0x93 | 0x94])
        ) && (b[i] == b'-' || b.get(i + 3) == Some(&b' '))
        {
            return true;
        }
        from = i + 1;
    }
    false
}

/// The first position `i` (from 1) where a space is followed by `-` or by
/// the lead byte of a dash (`0xE2`, which curly quotes share): where every
/// spaced separator (` -- `, ` — `, ` – `, ` - `) starts. Most lines have
/// none; 16 bytes a step with SSE2 say so without a per-byte loop (the
/// searches it replaced stopped at every hyphen and apostrophe).
fn spaced_dash(b: &[u8]) -> Option<usize> {
    let hit = |i: usize| b[i - 1] == b' ' && matches!(b[i], b'-' | 0xE2);
    let mut i = 1;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        while i + 16 <= b.len() {
            // SAFETY: SSE2 is part of the x86_64 baseline; both loads read 16
            // bytes inside `b` (at `i` and `i - 1`, with `i >= 1`).
            let m = unsafe {
                let v = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
                let p = _mm_loadu_si128(b.as_ptr().add(i - 1) as *const __m128i);
                let dash = _mm_or_si128(
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(b'-' as i8)),
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(0xE2u8 as i8)),
                );
                let space = _mm_cmpeq_epi8(p, _mm_set1_epi8(b' ' as i8));
                _mm_movemask_epi8(_mm_and_si128(dash, space)) as u32
            };
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 16;
        }
    }
    (i..b.len()).find(|&i| hit(i))
}

/// `(APPLAUSE)`, `[Laughter]`, `(Crosstalk.)`: the whole line is one short
/// bracketed note.
pub fn is_event_line(t: &str, rules: &Rules) -> bool {
    let (open, close) = match t.as_bytes()[0] {
        b'(' => (b'(', b')'),
        b'[' => (b'[', b']'),
        b'{' => (b'{', b'}'),
        _ => return false,
    };
    if t.len() < 3 || t.as_bytes()[t.len() - 1] != close || t.len() > 80 {
        return false;
    }
    // exactly one top-level span
    let mut depth = 0i32;
    for (i, &c) in t.as_bytes().iter().enumerate() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 && i != t.len() - 1 {
                return false;
            }
        }
    }
    let inner = &t[1..t.len() - 1];
    let words = inner.split_whitespace().count();
    words > 0
        && words <= 8
        && (is_event_note(inner, rules)
            || (words <= 6 && !inner.contains(|c: char| c.is_ascii_digit())))
}

/// Is the content of a bracketed span a non-speech note? (first word in the
/// event list, or written in capitals)
pub fn is_event_note(inner: &str, rules: &Rules) -> bool {
    let first = inner
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '_' && c != '-');
    if first.is_empty() {
        return false;
    }
    if rules.event_words.contains_ci(first) {
        return true;
    }
    let mut letters = 0;
    for c in inner.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 3
}

/// `HOLT — Good evening.`, `Jane Roe -- Thank you.`: a label before the
/// first em dash, en dash or double hyphen (spaced) near the start of the
/// line, and speech after it: (label length, speech start). A header's title
/// after the dash (`Jane Roe -- Chief Financial Officer`: capitalised words,
/// no sentence end) is no speech.
fn dash_speaker(t: &str, rules: &Rules) -> Option<(usize, usize)> {
    // first a byte scan for ` -- ` or a spaced em or en dash (E2 80 93/94;
    // curly quotes share the first two bytes) near the start: most lines
    // have none
    let b = t.as_bytes();
    let head = &b[..b.len().min(rules.max_chars + 4)];
    let mut from = 0;
    loop {
        let i = from + spaced_dash(&head[from..])?;
        match head.get(i..i + 3) {
            Some([b'-', b'-', b' '] | [0xE2, 0x80, 0x93 | 0x94]) => break,
            _ => from = i + 1,
        }
    }
    // then word by word, on bytes: a label's words are capitalised (or
    // particles, or a parenthesised tail) up to the dash (`We think -- well`
    // fails at its second word)
    let mut at = 0;
    let mut k = 0;
    let (sep, speech) = loop {
        let end = at + memchr::memchr(b' ', &b[at..])?;
        let w = &b[at..end];
        match w {
            [0xE2, 0x80, 0x93 | 0x94] | b"--" if k > 0 => break (at - 1, end + 1),
            // (a short word in lower case may be a particle: `de`, `van`)
            [c, ..]
                if c.is_ascii_lowercase()
                    && (k == 0 || w.len() > 4 || !rules.particles.contains_ci(&t[at..end])) =>
            {
                return None;
            }
            [] | [b'-' | b'"' | b'\'' | b'[' | b'{', ..] => return None,
            _ => {}
        }
        k += 1;
        if k > rules.max_words + 1 {
            return None;
        }
        at = end + 1;
    };
    let label = t[..sep].ftrim_end();
    let rest = t[speech..].ftrim_start();
    // a place or an organisation before the dash is a dateline or prose
    // (`WASHINGTON — The Senate voted ...`, `NEW YORK (Reuters) — `, `NATO
    // — the alliance ...`)
    if label.is_empty()
        || rest.is_empty()
        || label.contains([',', '?', '!', ';'])
        || (label.contains('.') && has_sentence_stop(&format!("{label} x"), rules))
        || is_dateline(label.split('(').next().unwrap_or(label).ftrim_end())
    {
        return None;
    }
    // a title is capitalised words and a few small ones, and ends no
    // sentence: three words or more, or one a job (`Senior Vice President,
    // External Affairs and Chief Customer Officer`, `Goldman Sachs --
    // Analyst`, a wrapped `Janney Montgomery Scott LLC, Research Division
    // --`); a reply (`Yes`, `Thank You`) is speech
    let small = |w: &str| {
        matches!(
            w,
            "of" | "and"
                | "&"
                | "for"
                | "the"
                | "at"
                | "in"
                | "to"
                | "-"
                | "--"
                | "\u{2013}"
                | "\u{2014}"
        )
    };
    let title = !rest.ends_with(['.', '?', '!'])
        && rest
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) || small(w))
        && (rest.split_whitespace().nth(2).is_some()
            || rest
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| rules.title_words.contains_ci(w)));
    (!title).then_some((label.len(), t.len() - rest.len()))
}

/// Is `label` (any case) a city, country, region or organisation of the
/// built-in gazetteers: a news dateline's place, not a speaker?
fn is_dateline(label: &str) -> bool {
    static NAMES: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            let lists = crate::enrich::entities::gazetteer::BUILTIN.iter();
            let mut set = rustc_hash::FxHashSet::default();
            for (_, file) in lists
                .filter(|(n, _)| matches!(*n, "countries.tsv" | "places.tsv" | "organisations.tsv"))
            {
                for line in file.lines().filter(|l| !l.starts_with('#')) {
                    let mut cols = line.split('\t');
                    let (name, kind) = (cols.next().unwrap_or(""), cols.next().unwrap_or(""));
                    if matches!(kind, "city" | "country" | "region" | "org") {
                        set.insert(name.to_lowercase());
                    }
                }
            }
            set
        })
        .contains(&label.to_lowercase())
}

/// `[Jane Roe] speech`: a name in square brackets opens the line, with no
/// colon, the speech after it on the same line. A bracketed note (`[Laughter]
/// Yes.`, `[INAUDIBLE]`) or a time is no name; the word rules and the
/// evidence judge the rest.
fn bracket_span<'a>(line: &'a str, lead: usize, rules: &Rules) -> Option<(ColonLabel, &'a str)> {
    let rest = line.get(lead + 1..)?;
    let close = memchr::memchr(b']', &rest.as_bytes()[..rest.len().min(rules.max_chars)])?;
    let label = &rest[..close];
    if label.is_empty()
        || label.ftrim() != label
        || memchr::memchr3(b'[', b':', b'(', label.as_bytes()).is_some()
        || is_event_note(label, rules)
    {
        return None;
    }
    let after = &rest[close + 1..];
    let speech = after.ftrim_start();
    // the speech follows after a space, and starts like speech (Zoom's
    // `[Jane Roe] 14:02:11` over the speech is a name line)
    if speech.is_empty()
        || speech.len() == after.len()
        || speech.starts_with(['[', ':', '('])
        || parse_clock(speech.split_whitespace().next().unwrap_or("")).is_some()
    {
        return None;
    }
    let label_start = lead + 1;
    let speech_start = line.len() - speech.len();
    if speech_start > u16::MAX as usize {
        return None;
    }
    Some((
        ColonLabel {
            label_start: label_start as u16,
            label_end: (label_start + label.len()) as u16,
            speech_start: speech_start as u16,
            caps: false,
            shape: Shape::default(),
            key: NO_KEY,
            time_ms: NO_TIME,
            end_ms: NO_TIME,
            style: Style::Bracket,
        },
        label,
    ))
}

/// `LABEL: speech` at the start of the line.
fn colon_span<'a>(line: &'a str, lead: usize, rules: &Rules) -> Option<(ColonLabel, &'a str)> {
    let bytes = line.as_bytes();
    let mut i = lead;
    // broadcast `>>` and markdown bold prefixes
    if bytes[i..].starts_with(b">>") {
        i += 2;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
    }
    let mut bold = false;
    if bytes[i..].starts_with(b"**") || bytes[i..].starts_with(b"__") {
        i += 2;
        bold = true;
    }
    let label_start = i;
    // find the first ':' at bracket depth 0, within max_chars
    let limit = (label_start + rules.max_chars).min(bytes.len());
    let mut depth = 0i32;
    let mut colon = None;
    let mut j = label_start;
    // the common case: no bracket before the first colon
    let c = memchr::memchr(b':', &bytes[label_start.min(limit)..limit])?;
    let head = &bytes[label_start..label_start + c];
    if memchr::memchr2(b'(', b'[', head).is_none() && memchr::memchr2(b')', b']', head).is_none() {
        colon = Some(label_start + c);
        j = limit;
    }
    while j < limit {
        match bytes[j] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            b':' if depth == 0 => {
                colon = Some(j);
                break;
            }
            b'.' | b'?' | b'!' if j + 1 < bytes.len() && bytes[j + 1] == b' ' && depth == 0 => {
                // a sentence end before the colon is fine only after an
                // abbreviation (`Hon. Bill Blair:`); checked by the word rules
            }
            _ => {}
        }
        if depth < 0 {
            return None;
        }
        j += 1;
    }
    let colon = colon?;
    // `http://`, `10:30`
    if bytes.get(colon + 1) == Some(&b'/') {
        return None;
    }
    if colon > 0
        && bytes[colon - 1].is_ascii_digit()
        && bytes.get(colon + 1).is_some_and(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut label_end = colon;
    if bold && line[label_start..label_end].ends_with("**") {
        label_end -= 2;
    }
    let mut label = line[label_start..label_end].ftrim_end();
    // a name in brackets: `[JOHN SMITH]: Good morning.`
    let mut label_start = label_start;
    if label.len() > 2
        && label.starts_with('[')
        && label.ends_with(']')
        && memchr::memchr2(b'[', b']', &label.as_bytes()[1..label.len() - 1]).is_none()
    {
        label = &label[1..label.len() - 1];
        label_start += 1;
    }
    // Rev: `Name (00:01:23):`, and `Speaker 1 [00:01:23]:`
    let (mut time_ms, mut end_ms) = (NO_TIME, NO_TIME);
    if let Some(open_mark) = match label.as_bytes().last() {
        Some(b')') => Some('('),
        Some(b']') => Some('['),
        _ => None,
    } {
        if let Some(open) = label.rfind(open_mark) {
            if let Some(ms) = bracket_time(&label[open + 1..label.len() - 1]) {
                time_ms = ms;
                end_ms = range_end(&label[open..]);
                label = label[..open].ftrim_end();
            }
        }
    }
    label_end = label_start + label.len();
    if label.is_empty() {
        return None;
    }
    let mut speech_start = colon + 1;
    if bold && line[speech_start..].starts_with("**") {
        speech_start += 2;
    }
    let skip_ws = |mut at: usize| {
        while at < bytes.len() {
            let c = line[at..].chars().next().unwrap();
            if c.is_whitespace() {
                at += c.len_utf8();
            } else {
                break;
            }
        }
        at
    };
    speech_start = skip_ws(speech_start);
    // Rev: `Name: (00:03)` with the speech on the next lines; Sonix:
    // `Name: [00:00:05] speech`
    if let Some(close_mark) = match line.as_bytes().get(speech_start) {
        Some(b'(') => Some(')'),
        Some(b'[') => Some(']'),
        _ => None,
    } {
        if let Some(close) = line[speech_start..].find(close_mark) {
            if let Some(ms) = bracket_time(&line[speech_start + 1..speech_start + close]) {
                time_ms = ms;
                speech_start = skip_ws(speech_start + close + 1);
            }
        }
    }
    if speech_start > u16::MAX as usize {
        return None;
    }
    Some((
        ColonLabel {
            label_start: label_start as u16,
            label_end: label_end as u16,
            speech_start: speech_start as u16,
            caps: false,
            shape: Shape::default(),
            key: NO_KEY,
            time_ms,
            end_ms,
            style: Style::Colon,
        },
        label,
    ))
}

/// A line that is a time and nothing else (`00:05:00` between a meeting
/// tool's turns, `0:03` over each line YouTube's transcript panel copies,
/// `[00:05:00]`): page furniture, whose time the next turn starts at.
pub fn bare_time(t: &str) -> Option<u32> {
    let inner = match t.as_bytes() {
        [b'[', .., b']'] | [b'(', .., b')'] => &t[1..t.len() - 1],
        _ => t,
    };
    if inner.len() > 12
        || !inner
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b':' | b'.' | b','))
    {
        return None;
    }
    parse_clock(inner)
}

/// `0:03`, `01:23`, `1:02:03`, `00:01:23.5` -> milliseconds.
pub fn parse_clock(s: &str) -> Option<u32> {
    let s = s.ftrim();
    if s.is_empty() || !s.as_bytes()[0].is_ascii_digit() || !s.contains(':') {
        return None;
    }
    crate::format::cues::parse_time(s).map(|secs| (secs * 1000.0).round() as u32)
}

/// Seconds as speech-to-text tools print them in a range (`3.52`, `3.52s`,
/// `12s`) -> milliseconds. A whole number without its `s` is no time (`(2019-2020)`).
fn parse_seconds(s: &str) -> Option<u32> {
    if !s.ends_with('s') && !s.contains('.') {
        return None;
    }
    let s = s.strip_suffix('s').unwrap_or(s);
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || whole.len() > 6
        || frac.len() > 3
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let ms = whole.parse::<u32>().ok()? * 1000
        + frac
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(3)
            .fold(0, |a, c| a * 10 + u32::from(c - b'0'));
    Some(ms)
}

/// The start of a time range (`00:00:01 --> 00:00:05`, `0.00-3.52`,
/// `3.60s -> 5.10s`, `00:01 – 00:05`) in ms. Plain seconds are read only in
/// a range: alone, `(12)` is no time.
fn range_start(s: &str) -> Option<u32> {
    range(s).map(|r| r.0)
}

/// A time range's start and end in ms (see [`range_start`]).
fn range(s: &str) -> Option<(u32, u32)> {
    let s = s.ftrim();
    for sep in ["-->", "->", "\u{2013}", "\u{2014}", "-", " to "] {
        if let Some((a, b)) = s.split_once(sep) {
            let (a, b) = (a.ftrim(), b.ftrim());
            let clock = |x: &str| parse_clock(x).or_else(|| parse_seconds(x));
            return match (clock(a), clock(b)) {
                (Some(ms), Some(end)) if end >= ms => Some((ms, end)),
                _ => None,
            };
        }
    }
    None
}

/// The end of the time range `s` (brackets and a trailing `- ` allowed:
/// the prefix [`leading_time`] skipped), or `NO_TIME`.
pub fn range_end(s: &str) -> u32 {
    let s = s.ftrim();
    let s = s.strip_suffix('-').unwrap_or(s).ftrim_end();
    let s = match s.as_bytes() {
        [b'[', .., b']'] | [b'(', .., b')'] => &s[1..s.len() - 1],
        _ => s,
    };
    range(s).map_or(NO_TIME, |r| r.1)
}

/// A time written in brackets (without them): a clock, or a range's start.
fn bracket_time(inner: &str) -> Option<u32> {
    if !inner.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    parse_clock(inner).or_else(|| range_start(inner))
}

/// A time at the start of a line (`[00:01:23] `, `00:01:23 `, `(0:03) `,
/// a range `[00:00:01.000 --> 00:00:05.000] `, `00:00:01 --> 00:00:05 `,
/// optionally followed by `- `): (bytes to skip, time in ms).
fn leading_time(t: &str) -> (usize, u32) {
    let b = t.as_bytes();
    let (open, close) = match b[0] {
        b'[' => (1, Some(']')),
        b'(' => (1, Some(')')),
        c if c.is_ascii_digit() => (0, None),
        _ => return (0, NO_TIME),
    };
    let (end, ms) = match close {
        Some(c) => match t.find(c) {
            // a range is at most `hhh:mm:ss.mmm --> hhh:mm:ss.mmm`
            Some(e) if e <= 40 => match bracket_time(&t[open..e]) {
                Some(ms) => (e, ms),
                None => return (0, NO_TIME),
            },
            _ => return (0, NO_TIME),
        },
        None => match t.find(char::is_whitespace) {
            // a clock is at most `hhh:mm:ss.mmm`
            Some(e) if e <= 13 => match parse_clock(&t[..e]) {
                // `00:00:01.000 --> 00:00:05.000 Jane: ...`: the range whole
                Some(ms) => (arrow_range_end(t, e).unwrap_or(e), ms),
                None => return (0, NO_TIME),
            },
            _ => return (0, NO_TIME),
        },
    };
    let mut at = end + usize::from(close.is_some());
    let rest = &t[at..];
    let trimmed = rest.ftrim_start();
    at += rest.len() - trimmed.len();
    if let Some(r) = trimmed.strip_prefix("- ") {
        at += trimmed.len() - r.len();
    }
    if at == end || at >= t.len() {
        return (0, NO_TIME);
    }
    (at, ms)
}

/// After a clock ending at `e` in `t`, ` --> clock` (or ` -> clock`): the
/// offset where that second clock ends.
fn arrow_range_end(t: &str, e: usize) -> Option<usize> {
    let rest = t[e..].ftrim_start();
    let after = rest
        .strip_prefix("-->")
        .or_else(|| rest.strip_prefix("->"))?
        .ftrim_start();
    let len = after.find(char::is_whitespace).unwrap_or(after.len());
    if len > 13 || parse_clock(&after[..len]).is_none() {
        return None;
    }
    Some(t.len() - after.len() + len)
}

/// A time in brackets opening a paragraph (`(00:01:23) `, `[01:23] `): (bytes
/// to skip, time in ms). A bare number is a paragraph's own words (`10:00
/// is when ...`), so brackets are required.
pub fn paragraph_time(t: &str) -> Option<(usize, u32)> {
    if !matches!(t.as_bytes().first(), Some(b'(' | b'['))
        || !t.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    match leading_time(t) {
        (0, _) => None,
        (skip, ms) => Some((skip, ms)),
    }
}

/// The length of a UK select committee's question number before a colon
/// label (`Q12 Chair: `, `Q345 Mr Patel: `), or 0.
fn committee_question(t: &str) -> usize {
    let b = t.as_bytes();
    if b.first() != Some(&b'Q') {
        return 0;
    }
    let digits = b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
    match b.get(1 + digits) {
        Some(b' ')
            if (1..=4).contains(&digits)
                && b.get(2 + digits).is_some_and(u8::is_ascii_uppercase) =>
        {
            2 + digits
        }
        _ => 0,
    }
}

/// The length of Hansard's question number before a name (`Q1. `, `T12. `:
/// oral and topical questions), or 0.
fn question_number(t: &str) -> usize {
    let b = t.as_bytes();
    if !matches!(b.first(), Some(b'Q' | b'T')) {
        return 0;
    }
    let digits = b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
    match b.get(1 + digits..3 + digits) {
        Some(b". ") if (1..=2).contains(&digits) => 3 + digits,
        _ => 0,
    }
}

/// Otter's `Speaker Name  0:03`: the name part and the time.
fn trailing_time(t: &str) -> (&str, u32) {
    if let Some((p, ws)) = t.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        let last = &t[p + ws.len_utf8()..];
        // `0:03` (Otter), `[00:00:01]` (Descript, Sonix), `(01:23)`
        let bare = match last.as_bytes() {
            [b'[', .., b']'] | [b'(', .., b')'] => {
                let inner = &last[1..last.len() - 1];
                // a range in brackets has no spaces in it here (`[0.00-3.52]`)
                if let Some(ms) = bracket_time(inner) {
                    return (t[..p].ftrim_end(), ms);
                }
                inner
            }
            _ => last,
        };
        if bare.as_bytes().first().is_some_and(|b| b.is_ascii_digit()) {
            if let Some(ms) = parse_clock(bare) {
                return (t[..p].ftrim_end(), ms);
            }
        }
    }
    (t, NO_TIME)
}

/// The word rules for a colon label: (in capitals, shape), or None if it is
/// no label.
fn label_shape(label: &str, rules: &Rules) -> Option<(bool, Shape)> {
    // the label text without a parenthesised tail
    let (base, tail) = match label.find('(') {
        Some(p) => (label[..p].ftrim_end(), Some(&label[p..])),
        None => (label, None),
    };
    if base.is_empty() {
        return None;
    }
    // a label is written with single spaces: `Q    On COVID:` is a `Q` turn
    if base.contains("  ") || base.contains(['\t', '\u{a0}']) {
        return None;
    }
    if rules.never_speakers.contains_ci(base) {
        return None;
    }
    // `P1:` in a focus group
    if letters_number(base, rules) {
        return Some((
            true,
            Shape {
                words: 1,
                strong: false,
                numbered: true,
                titled: false,
                role: false,
            },
        ));
    }
    let caps = is_caps_label(base, rules);
    let mut shape = if caps {
        caps_shape(base, rules)?
    } else {
        mixed_shape(base, rules)?
    };
    if tail.is_some() {
        shape.strong = true;
    }
    Some((caps, shape))
}

/// Longest label in words that the shape rules look at.
const MAX_LABEL_WORDS: usize = 32;

/// Split on white space into `buf` without allocating; None when there are
/// no words or more than `max`.
fn split_words<'a, 'b>(
    s: &'a str,
    max: usize,
    buf: &'b mut [&'a str; MAX_LABEL_WORDS],
) -> Option<&'b [&'a str]> {
    let mut n = 0;
    for w in s.split_whitespace() {
        if n == max.min(MAX_LABEL_WORDS) {
            return None;
        }
        buf[n] = w;
        n += 1;
    }
    (n > 0).then_some(&buf[..n])
}

/// All cased letters are upper case and there are at least two letters (or the
/// label is one of the single letters).
fn is_caps_label(base: &str, rules: &Rules) -> bool {
    let mut letters = 0;
    for c in base.chars() {
        if c.is_alphabetic() {
            if c.is_lowercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2 || rules.single_letter.contains(base)
}

/// The first word without trailing punctuation (compare case-insensitively).
fn first_word(base: &str) -> &str {
    base.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.', '\'', '’'])
}

/// Capitals: words of capital letters (with `.`, `-`, `'`, `&`, `,`), optional
/// trailing number for numbered roles (`SPEAKER 1`, `SPEAKER_00`).
fn caps_shape(base: &str, rules: &Rules) -> Option<Shape> {
    let mut buf = [""; MAX_LABEL_WORDS];
    let words = split_words(base, rules.max_words, &mut buf)?;
    let first = first_word(base);
    // `I:` (an interviewer) is a label, not the pronoun
    if rules.never_first.contains_ci(first) && base.len() > 1 {
        return None;
    }
    let mut numbered = false;
    for (k, w) in words.iter().enumerate() {
        let ok_chars = w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’' | '&' | ',' | '/'));
        if ok_chars {
            continue;
        }
        // SPEAKER_00, SPEAKER 1
        let lw = w.to_lowercase();
        if let Some((role, num)) = lw.split_once('_') {
            if num.chars().all(|c| c.is_ascii_digit())
                && !num.is_empty()
                && role.chars().all(|c| c.is_alphabetic())
            {
                numbered = true;
                continue;
            }
        }
        if k == words.len() - 1
            && k > 0
            && w.chars().all(|c| c.is_ascii_digit())
            && rules.numbered_roles.contains_ci(words[k - 1])
        {
            numbered = true;
            continue;
        }
        if k == words.len() - 1 && k > 0 && hash_number(w) {
            numbered = true;
            continue;
        }
        return None;
    }
    Some(Shape {
        words: words.len() as u8,
        strong: true,
        numbered,
        titled: false,
        role: false,
    })
}

/// `#1`, `#12`: the number broadcast transcripts give unnamed voices
/// (`UNIDENTIFIED PERSON #1`).
fn hash_number(w: &str) -> bool {
    w.len() >= 2 && w.len() <= 4 && w.starts_with('#') && w[1..].bytes().all(|c| c.is_ascii_digit())
}

/// `P1`, `S12`, `R2`: a numbered-role letter and a number, as focus groups
/// and research interviews write participants.
fn letters_number(w: &str, rules: &Rules) -> bool {
    let split = w.find(|c: char| c.is_ascii_digit()).unwrap_or(w.len());
    let (head, num) = w.split_at(split);
    (1..=3).contains(&num.len())
        && num.bytes().all(|c| c.is_ascii_digit())
        && (1..=3).contains(&head.len())
        && head.bytes().all(|c| c.is_ascii_alphabetic())
        && head.as_bytes()[0].is_ascii_uppercase()
        && rules.numbered_roles.contains_ci(head)
}

/// Mixed case: every word capitalised, an initial, a particle, or a trailing
/// number/letter after a role word.
fn mixed_shape(base: &str, rules: &Rules) -> Option<Shape> {
    let mut buf = [""; MAX_LABEL_WORDS];
    let words = split_words(base, rules.max_words, &mut buf)?;
    let first = first_word(base);
    // `I:` (an interviewer) is a label, not the pronoun
    if rules.never_first.contains_ci(first) && base.len() > 1 {
        return None;
    }
    let mut capitalised = 0;
    let mut numbered = false;
    let mut post_nominal = false;
    for (k, raw) in words.iter().enumerate() {
        let w = raw.trim_end_matches(',');
        if w.is_empty() {
            return None;
        }
        let mut chars = w.chars();
        let c0 = chars.next().unwrap();
        if c0.is_uppercase() {
            // Capitalised word: letters and name punctuation only
            if !w
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
            {
                return None;
            }
            // `Mr.` fine, `Phillips.` is a sentence end unless it is the label's
            // last word before a colon (handled by caller) -- here any dot is ok
            capitalised += 1;
            if POST_NOMINALS.contains(&w) && k > 0 {
                post_nominal = true;
            }
            continue;
        }
        if k == 0 {
            return None;
        }
        if rules.particles.contains_ci(w) {
            continue;
        }
        // d'Entremont, l'Heureux
        if let Some(p) = w.find(['\'', '’']) {
            if p <= 2 && w[p..].chars().nth(1).is_some_and(|c| c.is_uppercase()) {
                capitalised += 1;
                continue;
            }
        }
        if k == words.len() - 1
            && w.chars().all(|c| c.is_ascii_digit())
            && rules.numbered_roles.contains_ci(words[k - 1])
        {
            numbered = true;
            continue;
        }
        if k == words.len() - 1 && hash_number(w) {
            numbered = true;
            continue;
        }
        return None;
    }
    if capitalised == 0 {
        return None;
    }
    let honorific = rules.honorifics.contains_ci(first.trim_end_matches('.'));
    Some(Shape {
        words: words.len() as u8,
        strong: honorific || capitalised >= 2 || post_nominal,
        numbered,
        titled: honorific && capitalised >= 2,
        role: false,
    })
}

/// `Q    speech` / `A:  speech`: returns where the speech starts.
fn letter_label(t: &str, rules: &Rules) -> Option<usize> {
    let c = t.chars().next()?;
    // a letter followed by another letter is a word (`The`), not a label
    if t[c.len_utf8()..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let mut buf = [0u8; 4];
    if !rules.single_letter.contains(&*c.encode_utf8(&mut buf)) {
        return None;
    }
    let rest = &t[c.len_utf8()..];
    let q = c == 'Q';
    let after = if let Some(r) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('.')) {
        // `Q: text`, `A. text`
        if !r.starts_with(char::is_whitespace) && !r.is_empty() {
            return None;
        }
        r
    } else {
        let ws = rest.len() - rest.ftrim_start().len();
        if ws == 0 {
            // `Q` alone on its line is a label; `Qatar` is not
            if rest.is_empty() {
                return Some(t.len());
            }
            return None;
        }
        let ws = &rest[..ws];
        let wide = ws.chars().count() >= 2 || ws.contains(['\t', '\u{a0}']);
        if !q && !wide {
            return None;
        }
        rest
    };
    let speech = after.ftrim_start();
    Some(t.len() - speech.len())
}

/// A bare name line (`Carter G. Phillips`, `Operator`) or an earnings header
/// (`Name -- Title`). Returns (is_header, shape).
fn name_line(t: &str, rules: &Rules) -> Option<(bool, Shape)> {
    let t = t.strip_suffix(':').unwrap_or(t).ftrim_end();
    let found = name_line_shape(t, rules)?;
    // a word with a period inside a name is an initial or an abbreviation
    // (`Carter G. Phillips`, `Dr. Ng`, `Jr.`); `Yeah. It's -- I'll give you`
    // is a sentence
    if memchr::memchr(b'.', t.as_bytes()).is_some() && has_sentence_stop(t, rules) {
        return None;
    }
    Some(found)
}

fn name_line_shape(t: &str, rules: &Rules) -> Option<(bool, Shape)> {
    // the separators need a `-` or the lead byte of a dash: most lines have
    // neither, and three substring searches cost more than the rest
    let seps: &[&str] = if spaced_dash(t.as_bytes()).is_some() {
        &[" -- ", " — ", " – ", " - "]
    } else {
        &[]
    };
    for &sep in seps {
        if let Some(p) = t.find(sep) {
            let name = t[..p].ftrim();
            let title = t[p + sep.len()..].ftrim();
            // a single hyphen or a dash is common in prose and titles
            // (`Fourth Quarter - Results`, `The Department of Interior —
            // Interior, Energy, and Commerce announced`): a header only with a
            // job in its title (`Jane Roe - Chief Financial Officer`, `Bob
            // Chan — Goldman Sachs — Analyst`)
            if sep != " -- "
                && !title
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| rules.title_words.contains_ci(w))
            {
                return None;
            }
            // a title starts with a capital and is no sentence (a comma at
            // its end: the title goes on on the next line, which the
            // segmenter checks)
            if !title.chars().next().is_some_and(|c| c.is_uppercase())
                || title.ends_with(['.', '?', '!'])
                || rules.never_first.contains_ci(first_word(name))
            {
                return None;
            }
            // `Unknown speaker -- Cowen and Company -- Analyst`: the header
            // shape is distinctive enough for a loosely written name
            let shape = bare_name_shape(name, rules).or_else(|| {
                if sep == " - " || name.contains(". ") {
                    return None;
                }
                let words = name.split_whitespace().count();
                let first_upper = name.chars().next().is_some_and(|c| c.is_uppercase());
                let clean = name
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
                (first_upper && clean && (1..=4).contains(&words)).then_some(Shape {
                    words: words as u8,
                    strong: false,
                    numbered: false,
                    titled: false,
                    role: false,
                })
            })?;
            return Some((true, shape));
        }
    }
    let mut shape = bare_name_shape(t, rules)?;
    shape.role = rules.role_labels.contains_ci(t);
    Some((false, shape))
}

/// Does a word before the end of `t` (its name part, before a ` -- ` or a
/// dash) end a sentence: a word of four letters or more with a period that
/// is no honorific (`Yeah.`, `Okay.`)?
fn has_sentence_stop(t: &str, rules: &Rules) -> bool {
    let name = if spaced_dash(t.as_bytes()).is_some() {
        [" -- ", " \u{2014} ", " \u{2013} "]
            .iter()
            .filter_map(|sep| t.find(sep))
            .min()
            .map_or(t, |p| &t[..p])
    } else {
        t
    };
    let mut words = name.split_whitespace().peekable();
    while let Some(w) = words.next() {
        if words.peek().is_none() {
            break;
        }
        if let Some(stem) = w.strip_suffix('.') {
            if stem.chars().count() >= 4
                && stem.chars().all(char::is_alphabetic)
                && !rules.honorifics.contains_ci(stem)
                && !SUFFIXES.iter().any(|x| x.eq_ignore_ascii_case(stem))
            {
                return true;
            }
        }
    }
    false
}

/// `t` without one or two parenthesised groups at its end (Hansard's
/// `Keir Starmer (Holborn and St Pancras) (Lab)`, `The Prime Minister (Rishi
/// Sunak)`), or None if it has none. Each group is short and starts with a
/// capital; what is left is not empty.
fn strip_paren_tail(t: &str) -> Option<&str> {
    let mut rest = t.ftrim_end();
    let mut groups = 0;
    while groups < 2 && rest.ends_with(')') {
        let b = rest.as_bytes();
        let mut depth = 0usize;
        let mut open = None;
        for i in (0..b.len()).rev() {
            match b[i] {
                b')' => depth += 1,
                b'(' => {
                    depth -= 1;
                    if depth == 0 {
                        open = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let open = open?;
        let inner = &rest[open + 1..rest.len() - 1];
        if inner.len() > 60 || !inner.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        rest = rest[..open].ftrim_end();
        groups += 1;
    }
    (groups > 0 && !rest.is_empty()).then_some(rest)
}

/// Is `t` a speaker's title written on the line below the name (S&P Capital
/// IQ's earnings calls: `Jane Roe` / `Acme Corporation - VP of Investor
/// Relations`, or a bare `Chief Executive Officer`)? Either a header shape
/// with a job after its dash, or a few capitalised words (and `of`, `and`,
/// `&`) that name a job, with no sentence's end.
pub fn title_line(t: &str, rules: &Rules) -> bool {
    let t = t.ftrim();
    if t.is_empty() || t.len() > 100 || t.ends_with(['.', '?', '!', ':', ';', ',', '"', '”']) {
        return false;
    }
    if matches!(name_line_shape(t, rules), Some((true, _))) {
        return true;
    }
    let mut job = false;
    let mut words = 0;
    for w in t.split_whitespace() {
        words += 1;
        let small = matches!(w, "of" | "and" | "&" | "for" | "the" | "at");
        if words > 8 || !(small || w.starts_with(|c: char| c.is_uppercase())) {
            return false;
        }
        job |= w
            .split(|c: char| !c.is_alphanumeric())
            .any(|x| rules.title_words.contains_ci(x));
    }
    job
}

fn bare_name_shape(t: &str, rules: &Rules) -> Option<Shape> {
    if t.is_empty() || t.len() > 80 {
        return None;
    }
    // a name with a parenthesised constituency, party or name (Hansard):
    // the name is judged, and the tail makes it look like a person
    if t.ends_with(')') {
        let base = strip_paren_tail(t)?;
        if base.ends_with(')') {
            return None;
        }
        let mut shape = bare_name_shape(base, rules)?;
        shape.strong = true;
        return Some(shape);
    }
    if rules.never_speakers.contains_ci(t) {
        return None;
    }
    // sentence punctuation ends the candidacy, except after an abbreviation
    let last = t.split_whitespace().last()?;
    if let Some(stripped) = last.strip_suffix('.') {
        let abbrev = stripped.chars().count() == 1
            || SUFFIXES.iter().any(|x| x.eq_ignore_ascii_case(stripped));
        if !abbrev {
            return None;
        }
    } else if last.ends_with(['?', '!', ',', ';', '"', '”', ')', '-', '–', '—', '…']) {
        // (a dash at the end is speech cut off: `Well--`)
        return None;
    }
    if t.chars().any(|c| c.is_ascii_digit()) {
        // `Speaker 1` is fine, `Oral Argument - October 03, 2005` is not
        let mut buf = [""; MAX_LABEL_WORDS];
        let words = split_words(t, MAX_LABEL_WORDS, &mut buf)?;
        let n = words.len();
        let ok = n >= 2
            && words[n - 1].chars().all(|c| c.is_ascii_digit())
            && rules.numbered_roles.contains_ci(words[n - 2])
            && !words[..n - 1]
                .iter()
                .any(|w| w.chars().any(|c| c.is_ascii_digit()));
        if !ok {
            return None;
        }
    }
    if is_caps_label(t, rules) && t.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
        caps_shape(t, rules)
    } else {
        mixed_shape(t, rules)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rulers_and_sequence_numbers() {
        assert!(is_ruler("----------") && is_ruler("=================="));
        assert!(!is_ruler("---------") && !is_ruler("-----=====") && !is_ruler("-- Tom --------"));
        assert_eq!(sequence_number("Operator   [1]"), Some("Operator"));
        assert_eq!(
            sequence_number("Tom Becker,  Northwind Corp - CEO   [12]"),
            Some("Tom Becker,  Northwind Corp - CEO")
        );
        assert_eq!(sequence_number("Operator[1]"), None);
        assert_eq!(sequence_number("Note [12345]"), None);
        assert_eq!(sequence_number("See [a]"), None);
        assert_eq!(sequence_number(" [1]"), None);
        let mut c = Classifier::default();
        let r = rules();
        assert_eq!(
            c.classify("====================", &r, false),
            Class::Furniture
        );
        assert!(matches!(
            c.classify("Priya Shah,  Lakeside Securities - Analyst   [5]", &r, true),
            Class::Name { header: true, .. }
        ));
    }

    #[test]
    fn period_titles() {
        for t in ["Mr.", "The", "Chairman", "Representative", "Sergeant"] {
            assert!(is_period_title(t), "{t}");
        }
        for t in ["Thank", "Mr", "the", "Chairmen", ""] {
            assert!(!is_period_title(t), "{t}");
        }
    }

    #[test]
    fn congressional_period_labels() {
        let caps = |len, speech| {
            Some(PeriodLabel {
                len,
                speech,
                caps: true,
            })
        };
        let mixed = |len, speech| {
            Some(PeriodLabel {
                len,
                speech,
                caps: false,
            })
        };
        assert_eq!(
            period_label("Chairman GRAHAM. The Committee will come to order."),
            caps(15, 17)
        );
        assert_eq!(period_label("Mr. DOE. Thank you."), caps(7, 9));
        assert_eq!(period_label("Senator McCAIN."), caps(14, 15));
        assert_eq!(period_label("Mr. VAN HOLLEN. Thank you."), caps(14, 16));
        assert_eq!(
            period_label("The CHAIRMAN. Without objection."),
            caps(12, 14)
        );
        // recent hearings: mixed case, which the segmenter weighs
        assert_eq!(period_label("Mr. Doe. Thank you."), mixed(7, 9));
        assert_eq!(period_label("Senator Feinstein."), mixed(17, 18));
        assert_eq!(
            period_label("Chairman Rokita. Good morning."),
            mixed(15, 17)
        );
        assert_eq!(period_label("Ms. Ocasio-Cortez. Yes."), mixed(17, 19));
        assert_eq!(period_label("Mr. O'Rourke. Yes."), mixed(12, 14));
        assert_eq!(period_label("Ms. Blunt Rochester. Yes."), mixed(19, 21));
        assert_eq!(period_label("Mr. de la Cruz. Yes."), mixed(14, 16));
        assert_eq!(period_label("The Chairman. Yes."), mixed(12, 14));
        // the Congressional Record: a state after the name, `pro tempore`,
        // the presiding member in parentheses
        assert_eq!(
            period_label("Mr. SMITH of Texas. Mr. Speaker,"),
            caps(18, 20)
        );
        assert_eq!(
            period_label("Ms. JOHNSON of New York. I yield"),
            caps(23, 25)
        );
        assert_eq!(
            period_label("The SPEAKER pro tempore. Is there"),
            caps(23, 25)
        );
        assert_eq!(
            period_label("The SPEAKER pro tempore (Mr. Womack). The"),
            caps(36, 38)
        );
        assert_eq!(
            period_label("The Acting CHAIR (Mr. Smith of Texas). The"),
            caps(37, 39)
        );
        assert_eq!(
            period_label("The ACTING PRESIDENT pro tempore."),
            caps(32, 33)
        );
        assert_eq!(
            period_label("The PRESIDING OFFICER. The clerk"),
            caps(21, 23)
        );
        assert_eq!(period_label("Mr. SMITH of the committee. Yes."), None);
        assert_eq!(period_label("Mr. SMITH of Texas said so. Yes."), None);
        assert_eq!(period_label("The FBI pro tempore. Yes."), None);
        // no title, capitals (the Federal Reserve): weighed like mixed case
        assert_eq!(period_label("CHAIR POWELL. Good afternoon."), mixed(12, 14));
        assert_eq!(
            period_label("STEVE LIESMAN. Steve Liesman, CNBC."),
            mixed(13, 15)
        );
        assert_eq!(period_label("JEROME H. POWELL. Thanks."), mixed(16, 18));
        assert_eq!(period_label("MR. O'BRIEN JR. Yes."), mixed(14, 16));
        // not labels: a sentence in capitals; one word; alone on its line;
        // lower case; too many words; no title, a sentence, a particle
        // last, not a role
        assert_eq!(period_label("THANK YOU. And now"), None);
        assert_eq!(period_label("GRAHAM. The Committee"), None);
        assert_eq!(period_label("STEVE LIESMAN."), None);
        assert_eq!(period_label("Steve LIESMAN. Yes."), None);
        assert_eq!(period_label("NATO AND THE EU AND US. Yes."), None);
        assert_eq!(period_label("The President is here. He said so."), None);
        assert_eq!(period_label("The FBI is here. Yes."), None);
        assert_eq!(period_label("The FBI. Yes."), None);
        assert_eq!(period_label("The Lessons. Yes."), None);
        assert_eq!(period_label("Mr. DOE.Thank"), None);
        assert_eq!(period_label("Mr. de. Yes."), None);
        assert_eq!(period_label("Senator Feinstein said no."), None);
        assert_eq!(period_label("Mr. Smith, thank you. Yes."), None);
    }

    #[test]
    fn mixed_case_period_labels_start_a_paragraph_with_speech() {
        let mut c = Classifier::default();
        let r = rules();
        let period =
            |class: Class| matches!(class, Class::Colon(c) if c.style == Style::Period && !c.caps);
        // indented (GPO) or after a blank line
        assert!(period(c.classify("    Mr. Polis. Thank you.", &r, false)));
        assert!(period(c.classify("Mr. Polis. Thank you.", &r, true)));
        // a wrapped line inside a paragraph
        assert!(!period(c.classify("Mr. Polis. Thank you.", &r, false)));
        // a hand-over alone on its line
        assert!(!period(c.classify("Dr. Walensky.", &r, true)));
        // capitals stay labels wherever they are
        assert!(matches!(
            c.classify("Mr. POLIS.", &r, false),
            Class::Colon(c) if c.style == Style::Period && c.caps
        ));
    }

    fn rules() -> Rules {
        Rules::default_rules()
    }

    fn label_of(line: &str) -> Option<String> {
        match classify(line, &rules(), true) {
            Class::Colon(c) => Some(line[c.label_start as usize..c.label_end as usize].to_string()),
            Class::Letter { .. } => Some(line.ftrim()[..1].to_string()),
            _ => None,
        }
    }

    #[test]
    fn caps_colon_labels() {
        for (line, label) in [
            (
                "SECRETARY BLINKEN:  Good afternoon, everyone.",
                "SECRETARY BLINKEN",
            ),
            ("MR PRICE:  We have time", "MR PRICE"),
            ("MS. PSAKI:\u{a0} Good evening", "MS. PSAKI"),
            ("QUESTION:  Thank you", "QUESTION"),
            ("THE PRESIDENT:  Thank you", "THE PRESIDENT"),
            (
                "SENIOR ADMINISTRATION OFFICIAL:  Yeah.",
                "SENIOR ADMINISTRATION OFFICIAL",
            ),
            ("HOLT: Good evening", "HOLT"),
            ("MS. JEAN-PIERRE:  Hi", "MS. JEAN-PIERRE"),
            ("SPEAKER_00: hello", "SPEAKER_00"),
            (">> JUDY WOODRUFF: Good evening", "JUDY WOODRUFF"),
            ("**John Smith:** hello", "John Smith"),
            ("[JOHN SMITH]: Good morning", "JOHN SMITH"),
        ] {
            assert_eq!(label_of(line).as_deref(), Some(label), "{line}");
        }
    }

    #[test]
    fn bare_times() {
        for (t, ms) in [
            ("00:05:00", 300_000),
            ("0:03", 3_000),
            ("[00:01:02]", 62_000),
            ("(1:02:03.5)", 3_723_500),
        ] {
            assert_eq!(bare_time(t), Some(ms), "{t}");
            assert!(
                matches!(classify(t, &rules(), true), Class::Furniture),
                "{t}"
            );
        }
        for t in [
            "2019",
            "10:30 Opening remarks",
            "Page 3",
            "12",
            "1:2:3:4",
            "[Laughter]",
        ] {
            assert_eq!(bare_time(t), None, "{t}");
        }
    }

    #[test]
    fn a_dash_and_a_time_alone_is_no_name() {
        // (found by fuzzing: the name before a trailing time was empty)
        for line in ["- 7:7", "-- 0:03", "| 00:00:09"] {
            assert!(
                !matches!(classify(line, &rules(), true), Class::Name { .. }),
                "{line}"
            );
        }
    }

    #[test]
    fn chevron_marks() {
        // a bare `>>` or `>>>`: a new speaker, no label; the speech after it
        for (line, speech) in [
            (">> Good evening.", "Good evening."),
            (">>  Thank you, Judy.", "Thank you, Judy."),
            (">>> In other news", "In other news"),
            ("  >> indented", "indented"),
            (">>", ""),
        ] {
            match classify(line, &rules(), true) {
                Class::Mark { speech_start } => {
                    assert_eq!(&line[speech_start as usize..], speech, "{line}")
                }
                c => panic!("{line}: {c:?}"),
            }
        }
        // a named speaker stays a label; other arrows are no marks
        assert_eq!(
            label_of(">> JUDY WOODRUFF: Good evening").as_deref(),
            Some("JUDY WOODRUFF")
        );
        for line in [">>>> four", ">>x", "> quoted", "-> arrow", "=> so"] {
            assert!(
                !matches!(classify(line, &rules(), true), Class::Mark { .. }),
                "{line}"
            );
        }
    }

    #[test]
    fn timed_labels() {
        // (label, speech, time in ms, range end)
        for (line, label, speech, ms, end) in [
            (
                "Lex Fridman (00:00:05) The following",
                "Lex Fridman",
                "The following",
                5_000,
                NO_TIME,
            ),
            (
                "**Jane Roe** [01:02] Thanks.",
                "Jane Roe",
                "Thanks.",
                62_000,
                NO_TIME,
            ),
            (
                "Jane Roe (0:01 - 0:04)  Hi.",
                "Jane Roe",
                "Hi.",
                1_000,
                4_000,
            ),
        ] {
            let (ls, le, sp, t, e) = timed_label(line, 0, 48).expect(line);
            assert_eq!(
                (&line[ls..le], &line[sp..], t, e),
                (label, speech, ms, end),
                "{line}"
            );
        }
        for line in [
            // alone on its line: a name line with its time
            "Jane Roe (00:00:05)",
            // no time, or no space before the bracket
            "Jane Roe (Reuters) Thanks.",
            "Jane Roe(00:00:05) Thanks.",
            "(00:00:05) Thanks.",
        ] {
            assert!(timed_label(line, 0, 48).is_none(), "{line}");
        }
        // weighed as a style of its own
        let mut c = Classifier::default();
        assert!(matches!(
            c.classify("Jane Roe (00:00:05) Thanks.", &rules(), true),
            Class::Colon(c) if c.style == Style::Timed && c.time_ms == 5_000
        ));
    }

    #[test]
    fn mixed_case_labels() {
        for (line, label) in [
            ("Brady: Yes.", "Brady"),
            ("Lynne Neagle AM: Good afternoon", "Lynne Neagle AM"),
            ("Project Manager: Okay.", "Project Manager"),
            ("PhD D: It didn't move", "PhD D"),
            (
                "The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.)): I call this meeting",
                "The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.))",
            ),
            (
                "Mr. Chris d'Entremont (West Nova, CPC): Thank you",
                "Mr. Chris d'Entremont (West Nova, CPC)",
            ),
            ("Hon. Bill Blair: Mr. Chair", "Hon. Bill Blair"),
            ("Speaker 1: hi", "Speaker 1"),
            ("President Donald J. Trump:", "President Donald J. Trump"),
            // a select committee's question number, a time in brackets
            ("Q12 Chair: Good morning", "Chair"),
            ("Q345 Mr Patel: Thank you", "Mr Patel"),
            ("Speaker 1 [00:01:23]: hi", "Speaker 1"),
        ] {
            assert_eq!(label_of(line).as_deref(), Some(label), "{line}");
        }
    }

    #[test]
    fn q_and_a_letters() {
        assert_eq!(
            label_of("Q\u{a0}\u{a0}\u{a0} Thank you, Jen."),
            Some("Q".into())
        );
        assert_eq!(label_of("Q Thank you"), Some("Q".into()));
        assert_eq!(label_of("Q:  And then?"), Some("Q".into()));
        assert_eq!(label_of("A    Yes."), Some("A".into()));
        assert_eq!(label_of("A lot of American companies rely"), None);
        assert_eq!(label_of("Qatar is a partner"), None);
    }

    #[test]
    fn european_parliament_dash_labels() {
        let l = |len, speech| {
            Some(PeriodLabel {
                len,
                speech,
                caps: true,
            })
        };
        assert_eq!(dash_label("President. – The next item is"), l(9, 15));
        assert_eq!(
            dash_label("Anna Keller, rapporteur. – Madam President,"),
            l(23, 29)
        );
        assert_eq!(
            dash_label("Ursula von der Leyen, President of the Commission. — Thank you"),
            l(49, 55)
        );
        assert_eq!(dash_label("Tomas Berg (PPE). – Madam President"), l(16, 22));
        // prose: a dash elsewhere, or no period before it, or a sentence
        assert_eq!(dash_label("President – the next item"), None);
        assert_eq!(dash_label("We voted for it. – And then we left"), None);
        assert_eq!(dash_label("The vote is tomorrow. – Yes"), None);
        assert_eq!(dash_label("President. –"), None);
        assert_eq!(dash_label("— Oh, hello"), None);
        assert_eq!(
            dash_label("In April, if he had instead announced that the U.S. — the United States"),
            None
        );
        assert_eq!(dash_label("Then Europe. – And after that"), None);
        // a header in a list of participants: the title is no speech
        assert_eq!(
            dash_label("Martin J. Lyons Jr. — Chairman and President, Ameren Missouri"),
            None
        );
        assert_eq!(dash_label("Jane Roe Jr. — Big Bank — Analyst"), None);
    }

    #[test]
    fn centred_titles_are_headings() {
        let r = rules();
        let c = |l: &str| classify(l, &r, true);
        assert_eq!(
            c("                             General Leave"),
            Class::Heading
        );
        assert_eq!(
            c("                 RURAL BRIDGES REPAIR ACT OF 2025"),
            Class::Heading
        );
        assert_eq!(c("                        RUTH CALLOWAY,"), Class::Heading);
        // a sentence, or not a paragraph's start
        assert_eq!(c("                 He left the room."), Class::Speech);
        assert_eq!(c("                 He left"), Class::Speech);
        assert_eq!(
            classify("                             General Leave", &r, false),
            Class::Speech
        );
    }

    #[test]
    fn not_labels() {
        for line in [
            "And my second question is: what about Iran?",
            "The Lessons of 1989: Freedom and Our Future",
            "Note: the transcript was edited",
            "Duration: 49 minutes",
            "Prepared Remarks:",
            "Questions and Answers:",
            "Call participants:",
            "See https://www.state.gov for more",
            "At 10:30 we met",
            "we said: nothing",
            "Here's the thing: it works",
        ] {
            assert_eq!(label_of(line), None, "{line}");
        }
    }

    #[test]
    fn name_lines() {
        let r = rules();
        for (line, header) in [
            ("Carter G. Phillips", false),
            ("John G. Roberts, Jr.", false),
            ("Operator", false),
            ("Unidentified Speaker", false),
            ("Sandra Day O'Connor", false),
            (
                "Michael P. Dickerson -- Vice President, Corporate Communications",
                true,
            ),
            ("Bobby Griffin -- Raymond James -- Analyst", true),
            // a publisher's typography, or a single hyphen before a job
            ("Jane Roe — Chief Executive Officer", true),
            ("Jane Roe – Chief Executive Officer", true),
            ("Jane Roe - Chief Financial Officer", true),
            ("Bob Chan - Goldman Sachs - Analyst", true),
        ] {
            match classify(line, &r, true) {
                Class::Name { header: h, .. } => assert_eq!(h, header, "{line}"),
                other => panic!("{line}: {other:?}"),
            }
        }
        for line in [
            "Mr. Phillips.",
            "Thank you.",
            "Good morning,",
            "Mike?",
            "Oral Argument - October 03, 2005",
            "In the 20%s",
            "Thanks Bobby",
            "AAN Q1 2021 Earnings Call Transcript",
            "Well--",
            "Fourth Quarter - Results",
            "The Department of Interior — Interior, Energy, and Commerce announced a",
            "Jane Roe - Big Bank",
            "Yeah",
            "Mm-hmm",
            "Yeah. It's -- I'll give you a couple of different perspectives in my",
            "Okay. Thank you",
            "Justice Kennedy —",
            "But Senator…",
        ] {
            assert!(
                !matches!(classify(line, &r, true), Class::Name { .. }),
                "{line}"
            );
        }
        // only paragraph-first lines are candidates (headers are seen, marked)
        assert_eq!(classify("Carter G. Phillips", &r, false), Class::Speech);
        assert!(matches!(
            classify("Bob Roe -- Big Bank -- Analyst", &r, false),
            Class::Name {
                para_first: false,
                ..
            }
        ));
    }

    #[test]
    fn labels_in_lower_case() {
        let r = rules();
        for (line, label, strong) in [
            ("interviewer: so tell me.", "interviewer", true),
            ("spk_0: Welcome back.", "spk_0", true),
            ("speaker 2: yes.", "speaker 2", true),
            ("ms. psaki:\u{a0} Good afternoon.", "ms. psaki", true),
            ("i: thanks for coming.", "i", true),
            ("the acting chair: order.", "the acting chair", false),
            ("bottom line: we are on track.", "bottom line", false),
        ] {
            match classify(line, &r, true) {
                Class::Colon(c) => {
                    assert_eq!(c.style, Style::Lower, "{line}");
                    assert_eq!(&line[c.label_start as usize..c.label_end as usize], label);
                    assert_eq!(c.shape.strong, strong, "{line}");
                }
                other => panic!("{line}: {other:?}"),
            }
        }
        // a wrapped line's words, sentences, links, times, the words that
        // are never speakers
        for line in [
            "and then she said: no.",
            "the point is: we lost.",
            "so: what now?",
            "https://example.com",
            "note: see below.",
            "a label that has far too many words: no.",
            "x:y",
        ] {
            assert!(
                !matches!(classify(line, &r, true), Class::Colon(c) if c.style == Style::Lower),
                "{line}"
            );
        }
        // a line that goes on a paragraph may be a label if it recurs, but
        // is no label on sight
        match classify("interviewer: so.", &r, false) {
            Class::Colon(c) => assert!(!c.shape.strong),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn time_ranges() {
        assert_eq!(bracket_time("00:00:01.000 --> 00:00:05.000"), Some(1000));
        assert_eq!(bracket_time("0.00-3.52"), Some(0));
        assert_eq!(bracket_time("3.60s -> 5.10s"), Some(3600));
        assert_eq!(bracket_time("00:01 \u{2013} 00:05"), Some(1000));
        assert_eq!(bracket_time("1:02"), Some(62_000));
        // years, a range running backwards, numbers without a unit
        assert_eq!(bracket_time("2019-2020"), None);
        assert_eq!(bracket_time("5.10-3.60"), None);
        assert_eq!(bracket_time("12 to 15"), None);
        assert_eq!(bracket_time("Applause"), None);
        assert_eq!(
            leading_time("[00:00:01.000 --> 00:00:05.000] Jane: Hi."),
            (32, 1000)
        );
        assert_eq!(
            leading_time("00:00:01.000 --> 00:00:05.000 [Jane]: Hi."),
            (30, 1000)
        );
        assert_eq!(leading_time("(00:00:01 - 00:00:05) Jane: Hi."), (22, 1000));
        assert_eq!(leading_time("(2019-2020) Jane: Hi."), (0, NO_TIME));
        assert_eq!(range_end("[00:00:01.000 --> 00:00:05.000] "), 5000);
        assert_eq!(range_end("00:00:01 --> 00:00:05 - "), 5000);
        assert_eq!(range_end("[3.60s -> 5.10s]"), 5100);
        assert_eq!(range_end("[00:00:01] "), NO_TIME);
        let r = rules();
        for (line, label, ms, end) in [
            ("SPEAKER_00 [0.00-3.52]: Welcome.", "SPEAKER_00", 0, 3520),
            (
                "[3.60s -> 5.10s] SPEAKER_01: Thanks.",
                "SPEAKER_01",
                3600,
                5100,
            ),
            ("(00:00:01 - 00:00:05) Jane: Welcome.", "Jane", 1000, 5000),
            ("Speaker 1 [00:01:23]: Hi.", "Speaker 1", 83_000, NO_TIME),
        ] {
            match classify(line, &r, true) {
                Class::Colon(c) => {
                    assert_eq!(&line[c.label_start as usize..c.label_end as usize], label);
                    assert_eq!(c.time_ms, ms, "{line}");
                    assert_eq!(c.end_ms, end, "{line}");
                }
                other => panic!("{line}: {other:?}"),
            }
        }
    }

    #[test]
    fn times_opening_a_paragraph() {
        assert_eq!(
            paragraph_time("(00:01:23) The following is"),
            Some((11, 83_000))
        );
        assert_eq!(paragraph_time("[01:23] Yes."), Some((8, 83_000)));
        // a bare clock is the paragraph's own words; a time alone is no
        // paragraph's opening; a year in brackets is no time
        assert_eq!(paragraph_time("10:00 is when we start."), None);
        assert_eq!(paragraph_time("(00:01:23)"), None);
        assert_eq!(paragraph_time("(1989) was the year"), None);
        assert_eq!(paragraph_time("(Laughter) Yes."), None);
    }

    #[test]
    fn times_around_a_name_alone_on_its_line() {
        let r = rules();
        for (line, label, ms) in [
            // Word's transcription export, and its bracketed variant
            ("00:00:05 Speaker 1", "Speaker 1", 5_000),
            ("[00:01:05] Jane Roe", "Jane Roe", 65_000),
            // a separator before the time
            ("Jane Roe - 00:00:09", "Jane Roe", 9_000),
            ("Jane Roe, 0:09", "Jane Roe", 9_000),
            // Zoom's saved captions: the name in brackets, the clock after
            ("[Jane Roe] 14:02:11", "Jane Roe", 50_531_000),
        ] {
            match classify(line, &r, true) {
                Class::Name {
                    label_skip,
                    label_len,
                    time_ms,
                    ..
                } => {
                    let at = label_skip as usize;
                    assert_eq!(&line[at..at + label_len as usize], label, "{line}");
                    assert_eq!(time_ms, ms, "{line}");
                }
                other => panic!("{line}: {other:?}"),
            }
        }
        // an agenda's hour before a heading is no time stamp
        assert!(!matches!(
            classify("10:00 Opening Remarks", &r, true),
            Class::Name { .. }
        ));
    }

    #[test]
    fn bracketed_names_before_speech() {
        let r = rules();
        for (line, label, speech) in [
            (
                "[Nora Quinlan] Welcome back.",
                "Nora Quinlan",
                "Welcome back.",
            ),
            ("[Speaker 2]  Thanks.", "Speaker 2", "Thanks."),
        ] {
            match classify(line, &r, true) {
                Class::Colon(c) => {
                    assert!(c.style == Style::Bracket && !c.caps, "{line}");
                    assert_eq!(&line[c.label_start as usize..c.label_end as usize], label);
                    assert_eq!(&line[c.speech_start as usize..], speech);
                }
                other => panic!("{line}: {other:?}"),
            }
        }
        // notes, a time, a name with nothing after it: no bracket label
        for line in [
            "[Laughter] That is true.",
            "[INAUDIBLE] and then",
            "[00:00:01] Hello there.",
            "[Jane Roe] 14:02:11",
            "[Jane Roe]",
            "[Jane Roe][Bob Lee] hi",
        ] {
            assert!(
                !matches!(classify(line, &r, true), Class::Colon(c) if c.style == Style::Bracket),
                "{line}"
            );
        }
    }

    #[test]
    fn dash_labels() {
        let r = rules();
        for (line, label, speech) in [
            ("HOLT — Good evening.", "HOLT", "Good evening."),
            ("Mayor Lin – Thank you.", "Mayor Lin", "Thank you."),
            ("Grad B -- uh , yeah .", "Grad B", "uh , yeah ."),
            ("Marketing — Yes", "Marketing", "Yes"),
        ] {
            match classify(line, &r, true) {
                Class::Colon(c) => {
                    assert_eq!(c.style, Style::Dash, "{line}");
                    assert_eq!(&line[c.label_start as usize..c.label_end as usize], label);
                    assert_eq!(&line[c.speech_start as usize..], speech);
                }
                other => panic!("{line}: {other:?}"),
            }
        }
        for line in [
            // earnings headers, whole or wrapped
            "Jane Roe -- Chief Financial Officer",
            "Bob Chan -- Goldman Sachs -- Analyst",
            "Rob Stevenson -- Janney Montgomery Scott LLC, Research Division --",
            // datelines, prose, a sentence before the dash
            "WASHINGTON — The Senate voted on Tuesday.",
            "NEW YORK (Reuters) — Shares fell.",
            "NATO — the alliance founded in 1949 — has grown.",
            "Yeah. It's -- I'll give you a couple of perspectives.",
            "The budget is tight — very tight — but fine.",
        ] {
            assert!(
                !matches!(classify(line, &r, true), Class::Colon(c) if c.style == Style::Dash),
                "{line}"
            );
        }
    }

    #[test]
    fn titles_below_a_name() {
        let r = rules();
        for t in [
            "Acme Corporation - VP of Investor Relations",
            "Big Bank - Analyst",
            "Chief Executive Officer",
            "CEO & Director",
            "Senior Vice President of Operations",
        ] {
            assert!(title_line(t, &r), "{t}");
        }
        for t in [
            "Thanks, operator.",
            "Good morning everyone",
            "Priya Shah",
            "ANALYSTS",
            "Presentation",
            "The officer said that",
        ] {
            assert!(!title_line(t, &r), "{t}");
        }
    }

    proptest::proptest! {
        /// The SIMD scan for a space before a dash finds what a byte loop
        /// finds, and the separators found through it are those `contains`
        /// finds (lines long enough for the 16-byte steps and their tail).
        #[test]
        fn spaced_dash_agrees_with_a_byte_loop(
            parts in proptest::collection::vec("[a-z]{0,20}| |-|--|\u{2014}|\u{2013}|\u{2019}", 0..30),
        ) {
            let t = parts.concat();
            let b = t.as_bytes();
            let slow = (1..b.len()).find(|&i| b[i - 1] == b' ' && matches!(b[i], b'-' | 0xE2));
            proptest::prop_assert_eq!(spaced_dash(b), slow);
            let contains = t.contains(" -- ") || t.contains(" \u{2014} ") || t.contains(" \u{2013} ");
            proptest::prop_assert_eq!(has_double_dash(&t), contains);
        }

        #[test]
        fn classify_never_panics(line in "\\PC{0,80}|[\\[\\(0-9: \u{a0}A-Za-z>*-]{0,40}") {
            let r = rules();
            let mut c = Classifier::default();
            for pf in [true, false] {
                let _ = c.classify(&line, &r, pf);
            }
        }
    }

    #[test]
    fn events_and_boilerplate() {
        let r = rules();
        assert_eq!(classify("(APPLAUSE)", &r, true), Class::Event);
        assert_eq!(classify("(Laughter.)", &r, true), Class::Event);
        assert_eq!(classify("[inaudible]", &r, true), Class::Event);
        assert_eq!(classify("(CROSSTALK)", &r, true), Class::Event);
        assert_eq!(
            classify(
                "(a) the first of many long points we make here today",
                &r,
                true
            ),
            Class::Speech
        );
        assert_eq!(classify("END 7:49 P.M. EST", &r, true), Class::Boilerplate);
        assert_eq!(classify("###", &r, true), Class::Boilerplate);
        assert_eq!(classify("   ", &r, true), Class::Blank);
        assert_eq!(classify("\u{a0}  ", &r, true), Class::Blank);
        assert_eq!(classify("well, I think so", &r, true), Class::Speech);
    }
}
