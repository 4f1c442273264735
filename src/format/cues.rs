//! Subtitle cues: WebVTT, SRT and SBV blocks, ASS `Dialogue:` lines, timings,
//! markup and speaker marks.
//!
//! Captioning and speech-to-text tools write transcripts as *cues*: a block
//! of lines separated by blank lines, with an optional identifier, a timing
//! line `00:00:01.000 --> 00:00:04.000`, and the text. This module parses one
//! block ([`parse_block`]) and splits a cue's text into speaker segments
//! ([`speaker_segments`]); `crate::segment::cues` turns segments into turns.
//!
//! Speakers are written in many ways, all handled here:
//! - WebVTT voice spans `<v Roger Bingham>text</v>`, `<v.loud Esme>` (classes,
//!   closing tag optional), several in one cue (MS Teams);
//! - `Name: text` at the start of a line (Zoom, Teams), `[Name]: text`
//!   (speech-to-text with diarisation), using the plain-text label shapes;
//! - US broadcast captions: `>> NAME:` opens a turn, later cues carry no label,
//!   a bare `>>` marks a new, unnamed speaker;
//! - `- ` dialogue dashes: two speakers in one cue.
//!
//! Markup is stripped from the text (`<i>`, `<b>`, `<c.x>`, `<00:00:01.000>`,
//! `<font ...>`, `{\an8}`) and HTML entities are decoded.

use crate::config::Rules;
use crate::format::text::{Class, Classifier};
use crate::trim::FastTrim;

/// What a blank-line separated block of a subtitle file is.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `WEBVTT` header, `NOTE`, `STYLE`, `REGION`: not speech.
    Meta,
    /// A cue: index of its first text line within the block, and its times
    /// (None when the timing line is missing or malformed).
    Cue {
        text_from: usize,
        times: Option<(f64, f64)>,
        /// A problem worth a warning: (index of the line in the block, message).
        problem: Option<(usize, String)>,
    },
}

/// Classify a block given its (trimmed-right) lines. `vtt` selects WebVTT
/// rules (header and comment blocks); otherwise SRT.
pub fn parse_block(lines: &[&str], vtt: bool) -> Block {
    let first = lines.first().map(|s| s.trim()).unwrap_or("");
    if vtt {
        let word = first.split_whitespace().next().unwrap_or("");
        if first.starts_with("WEBVTT") || matches!(word, "NOTE" | "STYLE" | "REGION") {
            return Block::Meta;
        }
    }
    // SubViewer (YouTube's `.sbv`): `0:00:01.000,0:00:04.000` first
    if !vtt {
        if let Some(t) = sbv_timing(first) {
            return Block::Cue {
                text_from: 1,
                times: Some(t),
                problem: None,
            };
        }
    }
    // the timing line is the first or the second line (after an identifier)
    for (i, l) in lines.iter().enumerate().take(2) {
        if l.contains("-->") {
            return match parse_timing(l) {
                Some(t) => Block::Cue {
                    text_from: i + 1,
                    times: Some(t),
                    problem: None,
                },
                None => Block::Cue {
                    text_from: i + 1,
                    times: None,
                    problem: Some((i, format!("malformed timing line `{}`", l.trim()))),
                },
            };
        }
    }
    // SRT: a cue number followed by a broken timing line
    let numbered = first.chars().all(|c| c.is_ascii_digit()) && !first.is_empty();
    if numbered && lines.len() >= 2 && looks_like_broken_timing(lines[1]) {
        return Block::Cue {
            text_from: 2,
            times: None,
            problem: Some((1, format!("malformed timing line `{}`", lines[1].trim()))),
        };
    }
    if looks_like_broken_timing(first) {
        return Block::Cue {
            text_from: 1,
            times: None,
            problem: Some((0, format!("malformed timing line `{}`", first))),
        };
    }
    Block::Cue {
        text_from: 0,
        times: None,
        problem: Some((0, "cue without a timing line".into())),
    }
}

/// A line that tried to be a timing line: digits, colons and an arrow-ish
/// separator (`00:00:01,000 -> 00:00:04,000`, `00:00:01 - 00:00:04`).
fn looks_like_broken_timing(l: &str) -> bool {
    let t = l.trim();
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    let colons = t.matches(':').count();
    digits >= 6
        && colons >= 2
        && (t.contains("->") || t.contains(" - ") || t.contains('>'))
        && t.chars()
            .all(|c| c.is_ascii_digit() || ":.,->  \t".contains(c) || c.is_ascii_alphabetic())
}

/// SubViewer's timing line `0:00:01.000,0:00:04.000`: (start, end) in
/// seconds. Both times need a colon and a fraction: a number with a comma in
/// it is no timing line.
pub fn sbv_timing(l: &str) -> Option<(f64, f64)> {
    let (a, b) = l.trim().split_once(',')?;
    let timed = |s: &str| s.contains(':') && s.contains('.');
    if !timed(a) || !timed(b) {
        return None;
    }
    let (start, end) = (parse_time(a)?, parse_time(b)?);
    (end >= start).then_some((start, end))
}

/// The fields of an ASS/SSA `[Events]` section, from its `Format:` line:
/// where the start, end, speaker name and text are in a `Dialogue:` line.
#[derive(Debug, Clone, PartialEq)]
pub struct AssFields {
    count: usize,
    start: usize,
    end: usize,
    name: Option<usize>,
}

impl Default for AssFields {
    /// The specification's order: `Layer, Start, End, Style, Name, MarginL,
    /// MarginR, MarginV, Effect, Text` (SSA has `Marked` for `Layer`).
    fn default() -> AssFields {
        AssFields {
            count: 10,
            start: 1,
            end: 2,
            name: Some(4),
        }
    }
}

impl AssFields {
    /// From the fields after `Format:`; `None` without `Start`, `End` and a
    /// last `Text`.
    pub fn parse(format: &str) -> Option<AssFields> {
        let names: Vec<String> = format
            .split(',')
            .map(|f| f.trim().to_ascii_lowercase())
            .collect();
        let at = |n: &str| names.iter().position(|f| f == n);
        if names.last().map(String::as_str) != Some("text") {
            return None;
        }
        Some(AssFields {
            count: names.len(),
            start: at("start")?,
            end: at("end")?,
            name: at("name").or_else(|| at("actor")),
        })
    }
}

/// An ASS `Dialogue:` line (what follows the `Dialogue:`): (start, end,
/// speaker name if any, text lines). The text is the last field, commas and
/// all; `\N` and `\n` break its lines and `\h` is a space (override blocks
/// `{\...}` are left for the cue cleaner).
pub fn ass_dialogue(rest: &str, f: &AssFields) -> Option<(f64, f64, Option<String>, Vec<String>)> {
    let fields: Vec<&str> = rest.splitn(f.count, ',').collect();
    if fields.len() != f.count {
        return None;
    }
    let start = parse_time(fields[f.start])?;
    let end = parse_time(fields[f.end])?;
    let name = f
        .name
        .map(|i| fields[i].trim())
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    let text = fields[f.count - 1]
        .replace("\\h", " ")
        .replace("\\n", "\\N");
    let lines = text
        .split("\\N")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    Some((start, end, name, lines))
}

/// `00:01:02.500 --> 00:01:04.000 align:start`: (start, end) in seconds.
pub fn parse_timing(l: &str) -> Option<(f64, f64)> {
    let (a, b) = l.split_once("-->")?;
    let start = parse_time(a.trim())?;
    let end = parse_time(b.split_whitespace().next()?)?;
    Some((start, end))
}

/// `hh:mm:ss.mmm`, `mm:ss.mmm`, `hh:mm:ss,mmm`, with or without fraction.
pub fn parse_time(s: &str) -> Option<f64> {
    let b = s.trim().as_bytes();
    let mut fields = [0u32; 3];
    let mut nfields = 0;
    let mut digits = 0;
    let mut cur = 0u32;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                cur = cur * 10 + u32::from(c - b'0');
                digits += 1;
                if digits > 3 {
                    return None;
                }
            }
            b':' => {
                if digits == 0 || nfields == 2 {
                    return None;
                }
                fields[nfields] = cur;
                nfields += 1;
                cur = 0;
                digits = 0;
            }
            b'.' | b',' => break,
            _ => return None,
        }
        i += 1;
    }
    if digits == 0 || nfields == 0 {
        return None;
    }
    fields[nfields] = cur;
    nfields += 1;
    let mut secs = 0f64;
    for f in &fields[..nfields] {
        secs = secs * 60.0 + f64::from(*f);
    }
    if i < b.len() {
        let frac = &b[i + 1..];
        if frac.is_empty() || frac.len() > 3 || !frac.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut v = 0u32;
        for c in frac {
            v = v * 10 + u32::from(c - b'0');
        }
        secs += f64::from(v) / 10f64.powi(frac.len() as i32);
    }
    Some((secs * 1000.0).round() / 1000.0)
}

/// How a segment of cue text starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A named speaker (`<v Name>`, `Name:`, `[Name]:`, `>> NAME:`).
    Named(String),
    /// A new speaker whose name is not written (`>>`, `- `).
    NewUnnamed,
    /// No mark: the speaker goes on.
    Continue,
}

/// A run of a cue's text by one speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub mark: Mark,
    /// Index (within the cue's text lines) of its first and last line.
    pub first: usize,
    pub last: usize,
    pub text: String,
}

/// Split a cue's text lines into speaker segments, markup stripped.
/// `classifier` caches the label shapes across cues of a document.
pub fn speaker_segments(
    lines: &[&str],
    rules: &Rules,
    classifier: &mut Classifier,
) -> Vec<Segment> {
    let mut segs: Vec<Segment> = Vec::new();
    let push_text = |segs: &mut Vec<Segment>, mark: Option<Mark>, idx: usize, text: &str| {
        let clean = clean_text_cow(text);
        match mark {
            Some(m) => segs.push(Segment {
                mark: m,
                first: idx,
                last: idx,
                text: clean.into_owned(),
            }),
            None => {
                if segs.is_empty() {
                    segs.push(Segment {
                        mark: Mark::Continue,
                        first: idx,
                        last: idx,
                        text: String::new(),
                    });
                }
                let s = segs.last_mut().expect("segment");
                if !clean.is_empty() {
                    if !s.text.is_empty() {
                        s.text.push(' ');
                    }
                    s.text.push_str(&clean);
                }
                s.last = idx;
            }
        }
    };
    for (idx, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        let mut voice = if line.contains("<v") {
            find_voice(line)
        } else {
            None
        };
        if voice.is_some() {
            // one or more voice spans on this line
            let mut rest = line;
            loop {
                let found = match voice.take() {
                    Some(v) => Some(v),
                    None => find_voice(rest),
                };
                match found {
                    Some((at, name, after)) => {
                        let before = &rest[..at];
                        let next = find_voice(after);
                        let body_end = next.as_ref().map_or(after.len(), |(a, _, _)| *a);
                        if !before.trim().is_empty() && segs.is_empty() {
                            // text before the cue's first voice tag has no
                            // speaker of its own: it goes with the voice
                            let joined = format!("{} {}", before.trim(), &after[..body_end]);
                            push_text(&mut segs, Some(Mark::Named(name)), idx, &joined);
                            rest = &after[body_end..];
                            voice = next.map(|(_, n, aft)| (0, n, aft));
                            if rest.is_empty() {
                                break;
                            }
                            continue;
                        }
                        if !before.trim().is_empty() {
                            push_text(&mut segs, None, idx, before);
                        }
                        push_text(&mut segs, Some(Mark::Named(name)), idx, &after[..body_end]);
                        rest = &after[body_end..];
                        // the next tag, re-found relative to `rest`
                        voice = next.map(|(_, n, aft)| (0, n, aft));
                        if rest.is_empty() {
                            break;
                        }
                    }
                    None => {
                        if !rest.trim().is_empty() {
                            push_text(&mut segs, None, idx, rest);
                        }
                        break;
                    }
                }
            }
            continue;
        }
        let plain = strip_markup(line);
        let plain = plain.trim();
        let (mark, text) = line_mark(plain, rules, classifier);
        push_text(&mut segs, mark, idx, text);
    }
    segs
}

/// The speaker mark at the start of a (markup-free) line, and the rest.
fn line_mark<'a>(line: &'a str, rules: &Rules, cl: &mut Classifier) -> (Option<Mark>, &'a str) {
    if let Some(rest) = line.strip_prefix(">>") {
        let rest = rest.trim_start_matches('>').trim_start();
        if let Some((label, speech)) = colon_label(rest, rules, cl) {
            return (Some(Mark::Named(label.to_string())), speech);
        }
        return (Some(Mark::NewUnnamed), rest);
    }
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("– ")) {
        if let Some((label, speech)) = colon_label(rest, rules, cl) {
            return (Some(Mark::Named(label.to_string())), speech);
        }
        return (Some(Mark::NewUnnamed), rest);
    }
    if let Some(rest) = line.strip_prefix('[') {
        if let Some((name, after)) = rest.split_once(']') {
            if let Some(speech) = after.strip_prefix(':') {
                let name = name.trim();
                if !name.is_empty() && name.len() <= 60 {
                    return (Some(Mark::Named(name.to_string())), speech.trim_start());
                }
            }
        }
    }
    if let Some((label, speech)) = colon_label(line, rules, cl) {
        return (Some(Mark::Named(label.to_string())), speech);
    }
    (None, line)
}

/// `NAME: speech` by the plain-text label shapes (capitals or name-like).
fn colon_label<'a>(
    line: &'a str,
    rules: &Rules,
    cl: &mut Classifier,
) -> Option<(&'a str, &'a str)> {
    if !line.contains(':') {
        return None;
    }
    match cl.classify(line, rules, true) {
        Class::Colon(c) => {
            let label = &line[c.label_start as usize..c.label_end as usize];
            let speech = &line[(c.speech_start as usize).min(line.len())..];
            Some((label, speech))
        }
        _ => None,
    }
}

/// Is there a voice tag starting at byte `at`?
fn voice_tag_at(s: &str, at: usize) -> Option<(String, usize)> {
    let rest = s.get(at..)?;
    let inner = rest.strip_prefix("<v")?;
    let close = inner.find('>')?;
    let tag = &inner[..close];
    // `<v Name>` or `<v.class1.class2 Name>`
    let name = if let Some(t) = tag.strip_prefix(' ') {
        t
    } else if tag.starts_with('.') {
        tag.split_once(' ').map(|(_, n)| n).unwrap_or("")
    } else {
        return None;
    };
    let name = decode_entities(name.trim());
    Some((name, at + 2 + close + 1))
}

/// The next voice tag in `s`: (byte offset, speaker name, text after the tag).
fn find_voice(s: &str) -> Option<(usize, String, &str)> {
    let mut from = 0;
    while let Some(p) = s[from..].find("<v") {
        let at = from + p;
        if let Some((name, end)) = voice_tag_at(s, at) {
            return Some((at, name, &s[end..]));
        }
        from = at + 2;
    }
    None
}

/// Markup stripped, entities decoded, white space collapsed: one pass over
/// the bytes (cue text is most of a subtitle file).
pub fn clean_text(s: &str) -> String {
    clean_text_cow(s).into_owned()
}

/// [`clean_text`] without a copy when there is nothing to clean: most cue
/// lines are plain printable ASCII with single spaces, and come back as the
/// trimmed slice.
pub fn clean_text_cow(s: &str) -> std::borrow::Cow<'_, str> {
    let s = s.ftrim();
    if is_plain(s.as_bytes()) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(clean_slow(s))
}

/// Printable ASCII other than `<`, `{` and `&`, with no two spaces in a row:
/// the bytes `clean_text` leaves as they are (on a trimmed line). Each byte
/// is looked at with the one after it, branch-free over 32-byte chunks, so
/// the compiler vectorises the loop.
fn is_plain(b: &[u8]) -> bool {
    let Some((&last, _)) = b.split_last() else {
        return true;
    };
    let bad = |x: u8| (x.wrapping_sub(0x20) >= 0x5f) | (x == b'<') | (x == b'{') | (x == b'&');
    let pair = |x: u8, y: u8| (bad(x) | ((x == b' ') & (y == b' '))) as u8;
    let (a, c) = (&b[..b.len() - 1], &b[1..]);
    let mut ca = a.chunks_exact(32);
    let mut cc = c.chunks_exact(32);
    for (x, y) in (&mut ca).zip(&mut cc) {
        let mut acc = 0u8;
        for i in 0..32 {
            acc |= pair(x[i], y[i]);
        }
        if acc != 0 {
            return false;
        }
    }
    let acc = ca
        .remainder()
        .iter()
        .zip(cc.remainder())
        .fold(0u8, |acc, (&x, &y)| acc | pair(x, y));
    acc == 0 && !bad(last)
}

fn clean_slow(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        // a run of bytes kept as they are, copied at once
        let start = i;
        while i < bytes.len() && PLAIN[bytes[i] as usize] {
            i += 1;
        }
        if i > start {
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(&s[start..i]);
            continue;
        }
        let b = bytes[i];
        if b == b'<' || (b == b'{' && bytes.get(i + 1) == Some(&b'\\')) {
            let close = if b == b'<' { b'>' } else { b'}' };
            if let Some(q) = memchr::memchr(close, &bytes[i..]) {
                if looks_like_tag(&s[i..i + q + 1]) {
                    i += q + 1;
                    continue;
                }
            }
        }
        let len = if b < 0x80 {
            1
        } else {
            s[i..].chars().next().map_or(1, char::len_utf8)
        };
        let c = &s[i..i + len];
        if b.is_ascii_whitespace() || b == 0x0b || (b >= 0x80 && c.chars().all(char::is_whitespace))
        {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(c);
        }
        i += len;
    }
    if out.contains('&') {
        decode_entities(&out)
    } else {
        out
    }
}

/// Bytes [`clean_slow`] copies without a second look: printable ASCII but
/// space, `<` and `{` (`&` is copied, and entities decoded after), and the
/// bytes of non-ASCII characters except the lead bytes of Unicode white
/// space (U+0085 and U+00A0 start with 0xC2; U+1680, U+2000-U+205F and
/// U+3000 with 0xE1-0xE3). A run stops only at an ASCII byte or a lead
/// byte, so it is always whole characters.
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x21;
    while b < 0x100 {
        t[b] = b != b'<' as usize
            && b != b'{' as usize
            && b != 0x7f
            && b != 0xc2
            && !(b >= 0xe1 && b <= 0xe3);
        b += 1;
    }
    t
};

/// Remove `<...>` tags (VTT and SRT styling, inline timestamps, `</v>`) and
/// ASS override blocks `{\...}`.
pub fn strip_markup(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('<') && !s.contains("{\\") {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(strip_markup_owned(s))
}

fn strip_markup_owned(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    loop {
        let lt = rest.find('<');
        let brace = rest.find("{\\");
        let next = match (lt, brace) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let Some(p) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..p]);
        let close = if rest[p..].starts_with('<') { '>' } else { '}' };
        match rest[p..].find(close) {
            Some(q) if looks_like_tag(&rest[p..p + q + 1]) => rest = &rest[p + q + 1..],
            _ => {
                // a lone `<` in text (`a < b`): keep it
                out.push_str(&rest[p..p + 1]);
                rest = &rest[p + 1..];
            }
        }
    }
    out
}

fn looks_like_tag(t: &str) -> bool {
    if t.starts_with("{\\") {
        return true;
    }
    let inner = t.trim_start_matches('<').trim_end_matches('>');
    let inner = inner.trim_start_matches('/');
    let first = inner.chars().next();
    match first {
        Some(c) if c.is_ascii_digit() => inner.contains(':'), // <00:00:01.000>
        Some(c) if c.is_ascii_alphabetic() => {
            let name: String = inner
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            matches!(
                name.to_ascii_lowercase().as_str(),
                "i" | "b" | "u" | "c" | "v" | "lang" | "ruby" | "rt" | "font" | "span" | "br" | "s"
            )
        }
        _ => false,
    }
}

/// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&nbsp;` `&lrm;` `&rlm;` and numeric
/// references.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "lrm" => Some('\u{200e}'),
                "rlm" => Some('\u{200f}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sbv_timing_lines() {
        assert_eq!(sbv_timing("0:00:01.000,0:00:04.500"), Some((1.0, 4.5)));
        assert_eq!(
            sbv_timing(" 1:02:03.100,1:02:05.000 "),
            Some((3723.1, 3725.0))
        );
        // a number with a comma, a time without fraction, a range backwards
        for l in [
            "1,000",
            "0:00:01,0:00:04",
            "0:00:04.000,0:00:01.000",
            "Hello, world",
        ] {
            assert_eq!(sbv_timing(l), None, "{l}");
        }
        // an SBV block: timing first, then the text
        assert_eq!(
            parse_block(&["0:00:01.000,0:00:02.000", "Hello."], false),
            Block::Cue {
                text_from: 1,
                times: Some((1.0, 2.0)),
                problem: None
            }
        );
    }

    #[test]
    fn ass_events() {
        let f = AssFields::default();
        let (start, end, name, lines) = ass_dialogue(
            " 0,0:00:01.00,0:00:03.50,Default,Maren,0,0,0,,Well, {\\i1}yes{\\i0}\\Nand no\\hthen",
            &f,
        )
        .unwrap();
        assert_eq!((start, end, name.as_deref()), (1.0, 3.5, Some("Maren")));
        // commas stay in the text; `\\N` breaks it, `\\h` is a space
        assert_eq!(lines, ["Well, {\\i1}yes{\\i0}", "and no then"]);
        // no name, and too few fields
        assert_eq!(
            ass_dialogue("0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hi", &f)
                .unwrap()
                .2,
            None
        );
        assert!(ass_dialogue("broken", &f).is_none());
        // a `Format:` line in another order (SSA's `Marked`, no `Name`)
        let g =
            AssFields::parse(" Marked, Start, End, Style, MarginL, MarginR, MarginV, Effect, Text")
                .unwrap();
        let (start, _, name, lines) =
            ass_dialogue("Marked=0,0:00:05.00,0:00:06.00,Default,0,0,0,,Hello", &g).unwrap();
        assert_eq!((start, name, lines), (5.0, None, vec!["Hello".to_string()]));
        assert!(AssFields::parse("Layer, Start, End, Text, Name").is_none());
    }

    fn rules() -> Rules {
        Rules::default_rules()
    }

    #[test]
    fn timings() {
        assert_eq!(
            parse_timing("00:00:01.000 --> 00:00:04.500"),
            Some((1.0, 4.5))
        );
        assert_eq!(
            parse_timing("01:02.250 --> 01:03.000 align:start line:0%"),
            Some((62.25, 63.0))
        );
        assert_eq!(
            parse_timing("00:00:01,000 --> 00:00:04,000 X1:40 X2:600"),
            Some((1.0, 4.0))
        );
        assert_eq!(parse_timing("1:02:03 --> 1:02:04"), Some((3723.0, 3724.0)));
        assert_eq!(parse_timing("00:00:01.000 --> soon"), None);
        assert_eq!(parse_timing("no arrow"), None);
    }

    #[test]
    fn blocks() {
        assert_eq!(parse_block(&["WEBVTT - a title"], true), Block::Meta);
        assert_eq!(
            parse_block(&["NOTE this is a comment", "more"], true),
            Block::Meta
        );
        assert_eq!(
            parse_block(&["STYLE", "::cue { color: red }"], true),
            Block::Meta
        );
        assert!(matches!(
            parse_block(&["12", "00:00:01.000 --> 00:00:02.000", "hi"], true),
            Block::Cue {
                text_from: 2,
                times: Some(_),
                problem: None
            }
        ));
        assert!(matches!(
            parse_block(&["00:00:01.000 --> 00:00:02.000", "hi"], true),
            Block::Cue {
                text_from: 1,
                times: Some(_),
                ..
            }
        ));
        // broken timing lines keep the text and report the line
        match parse_block(&["3", "00:00:05,000 -> 00:00:07,000", "text"], false) {
            Block::Cue {
                text_from,
                times,
                problem,
            } => {
                assert_eq!(text_from, 2);
                assert!(times.is_none());
                assert_eq!(problem.unwrap().0, 1);
            }
            other => panic!("{other:?}"),
        }
        match parse_block(&["just text after a stray blank line"], false) {
            Block::Cue {
                text_from: 0,
                times: None,
                problem: Some(_),
            } => {}
            other => panic!("{other:?}"),
        }
    }

    fn marks(lines: &[&str]) -> Vec<(Mark, String)> {
        speaker_segments(lines, &rules(), &mut Classifier::default())
            .into_iter()
            .map(|s| (s.mark, s.text))
            .collect()
    }

    #[test]
    fn voice_spans() {
        assert_eq!(
            marks(&["<v Roger Bingham>We are in New York City</v>"]),
            vec![(
                Mark::Named("Roger Bingham".into()),
                "We are in New York City".into()
            )]
        );
        assert_eq!(
            marks(&["<v.loud Esme>It's a blue apple tree!"]),
            vec![(Mark::Named("Esme".into()), "It's a blue apple tree!".into())]
        );
        assert_eq!(
            marks(&["<v.first.loud Esme>Hee!</v> <i>laughter</i>"]),
            vec![(Mark::Named("Esme".into()), "Hee! laughter".into())]
        );
        assert_eq!(
            marks(&["<v Mary>Hi</v><v Bob>Hello</v>"]),
            vec![
                (Mark::Named("Mary".into()), "Hi".into()),
                (Mark::Named("Bob".into()), "Hello".into())
            ]
        );
        assert_eq!(
            marks(&["(music) <v Mary>Hi</v>"]),
            vec![(Mark::Named("Mary".into()), "(music) Hi".into())]
        );
        assert_eq!(
            marks(&["<v Mary>Hi, how", "are you?</v>"]),
            vec![(Mark::Named("Mary".into()), "Hi, how are you?".into())]
        );
    }

    #[test]
    fn prefixes() {
        assert_eq!(
            marks(&["[Guest 2]: Welcome to the network."]),
            vec![(
                Mark::Named("Guest 2".into()),
                "Welcome to the network.".into()
            )]
        );
        assert_eq!(
            marks(&["Jane Doe: Can everyone see my screen?"]),
            vec![(
                Mark::Named("Jane Doe".into()),
                "Can everyone see my screen?".into()
            )]
        );
        assert_eq!(
            marks(&[">> JUDY WOODRUFF: Good evening."]),
            vec![(Mark::Named("JUDY WOODRUFF".into()), "Good evening.".into())]
        );
        assert_eq!(
            marks(&[">> Thank you, Judy."]),
            vec![(Mark::NewUnnamed, "Thank you, Judy.".into())]
        );
        assert_eq!(
            marks(&["- Are you coming?", "- Not tonight."]),
            vec![
                (Mark::NewUnnamed, "Are you coming?".into()),
                (Mark::NewUnnamed, "Not tonight.".into())
            ]
        );
        assert_eq!(
            marks(&["<i>and so it goes</i>"]),
            vec![(Mark::Continue, "and so it goes".into())]
        );
        // a sentence with a colon is not a speaker
        assert_eq!(
            marks(&["And my question is: why?"]),
            vec![(Mark::Continue, "And my question is: why?".into())]
        );
    }

    #[test]
    fn markup_and_entities() {
        assert_eq!(
            clean_text("<c.yellow>Hi</c> <00:00:01.500>there &amp; here"),
            "Hi there & here"
        );
        assert_eq!(clean_text("{\\an8}<font color=\"#fff\">Top</font>"), "Top");
        assert_eq!(clean_text("a < b and c > d"), "a < b and c > d");
        assert_eq!(
            decode_entities("&lt;tag&gt; &#233; &#x41; &bogus; & done"),
            "<tag> é A &bogus; & done"
        );
    }

    #[test]
    fn plain_lines_come_back_borrowed() {
        use std::borrow::Cow;
        assert!(matches!(
            clean_text_cow("  Hello there, friend. "),
            Cow::Borrowed("Hello there, friend.")
        ));
        // each byte that needs work sends the line down the slow path
        for s in [
            "a  b",
            "a\tb",
            "a<i>b</i>",
            "a {\\an8}b",
            "a &amp; b",
            "caf\u{e9}",
            "a\u{a0}b",
        ] {
            assert!(matches!(clean_text_cow(s), Cow::Owned(_)), "{s:?}");
        }
    }

    /// The cleaner as first written, a byte at a time: the reference the
    /// fast paths are checked against.
    fn reference_clean(s: &str) -> String {
        let s = s.trim();
        let bytes = s.as_bytes();
        let mut out: Vec<u8> = Vec::with_capacity(s.len());
        let mut space = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'<' || (b == b'{' && bytes.get(i + 1) == Some(&b'\\')) {
                let close = if b == b'<' { b'>' } else { b'}' };
                if let Some(q) = memchr::memchr(close, &bytes[i..]) {
                    if looks_like_tag(&s[i..i + q + 1]) {
                        i += q + 1;
                        continue;
                    }
                }
            }
            let c = s[i..].chars().next().unwrap();
            let len = c.len_utf8();
            if c.is_whitespace() || b == 0x0b {
                space = !out.is_empty();
            } else {
                if space {
                    out.push(b' ');
                    space = false;
                }
                out.extend_from_slice(&bytes[i..i + len]);
            }
            i += len;
        }
        decode_entities(&String::from_utf8(out).unwrap())
    }

    proptest::proptest! {
        /// The fast paths give exactly what the byte-at-a-time cleaner gives.
        #[test]
        fn fast_paths_match_the_reference(
            s in "[ a-z<>{}&;#/\\\\\t.,\u{85}\u{a0}\u{1680}\u{2009}\u{2019}\u{3000}\u{7f}éक]{0,40}"
        ) {
            proptest::prop_assert_eq!(clean_text(&s), reference_clean(&s));
        }
    }
}
