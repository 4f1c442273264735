//! Subtitle cues to turns: WebVTT, SRT, SBV and ASS/SSA.
//!
//! Lines are gathered into blank-line separated blocks; each block is a
//! header/comment (`WEBVTT`, `NOTE`, `STYLE`, `REGION`: boilerplate) or a cue,
//! whose text is split into speaker segments (`crate::format::cues`). Then:
//!
//! - a named segment opens a turn, unless the open turn has the same name
//!   (consecutive cues of one speaker form one turn);
//! - an unnamed new-speaker mark (`>>`, `- `) opens a speaker-less turn that
//!   later unmarked cues continue (US broadcast captions);
//! - an unmarked cue continues the open turn; with no turn open (subtitles
//!   without speakers) each cue is a record of its own, with its times.
//!
//! ASS/SSA files have no blocks: each `Dialogue:` line of the `[Events]`
//! section is a cue, its `Name` field (when set) the speaker; every other line
//! (script info, styles, `Format:`, `Comment:`) is boilerplate, and a
//! `Dialogue:` line that cannot be read is kept as a speaker-less cue with a
//! warning.
//!
//! A turn covers its cues' whole blocks, from the first cue's identifier or
//! timing line to the last cue's last text line, and carries `start` (first
//! cue) and `end` (last cue) in seconds. A block whose timing line is missing
//! or malformed gets a warning with its line number and its text is kept.

use std::sync::Arc;

use super::builder::TurnBuilder;
use super::{Diagnostic, Limits, SegmentStats, Segmenter};
use crate::config::Rules;
use crate::format::cues::{
    AssFields, Block, Mark, ass_dialogue, clean_text_cow, parse_block, speaker_segments,
};
use crate::format::text::Classifier;
use crate::record::{Kind, Speaker, Turn};
use crate::source::decode::LineBatch;

/// A block longer than this (no blank line for ages) is processed in parts.
const MAX_BLOCK_LINES: usize = 4096;

#[derive(Debug, Clone, PartialEq)]
enum Open {
    None,
    /// A named speaker's turn.
    Named(String),
    /// A turn opened by `>>` or `- `: unmarked cues continue it.
    Unnamed,
    /// A speaker-less cue: closed at the next cue.
    Implicit,
}

pub struct CueSegmenter {
    rules: Arc<Rules>,
    vtt: bool,
    /// The current block: line numbers and ranges into `block_text`.
    block: Vec<(u64, usize, usize)>,
    block_text: String,
    classifier: Classifier,
    b: TurnBuilder,
    open: Open,
    diags: Vec<Diagnostic>,
    /// The last text line of the cue before, as written (rolling
    /// captions); cleaned only when a cue is compared with it.
    prev_last: String,
    /// The file is rolling captions: word timings, or cues that repeat the
    /// line before three times in a row.
    rolling: bool,
    rolls_in_a_row: u32,
    /// ASS/SSA: `Some` (with the `[Events]` state) instead of blocks.
    ass: Option<Ass>,
}

/// Where an ASS/SSA file is: in `[Events]`, and its field order.
#[derive(Default)]
struct Ass {
    events: bool,
    fields: AssFields,
}

impl CueSegmenter {
    /// `vtt`: WebVTT rules (header and comment blocks); otherwise SRT.
    pub fn new(rules: Arc<Rules>, limits: Limits, vtt: bool) -> CueSegmenter {
        CueSegmenter {
            rules,
            vtt,
            block: Vec::new(),
            block_text: String::new(),
            classifier: Classifier::default(),
            b: TurnBuilder::new(limits),
            open: Open::None,
            diags: Vec::new(),
            prev_last: String::new(),
            rolling: false,
            rolls_in_a_row: 0,
            ass: None,
        }
    }

    /// An ASS/SSA reader: a cue a `Dialogue:` line.
    pub fn new_ass(rules: Arc<Rules>, limits: Limits) -> CueSegmenter {
        let mut s = CueSegmenter::new(rules, limits, false);
        s.ass = Some(Ass::default());
        s
    }

    /// One line of an ASS/SSA file.
    fn ass_line(&mut self, number: u64, text: &str, out: &mut Vec<Turn>) {
        let t = text.trim();
        if t.is_empty() {
            return;
        }
        self.b.stats.nonblank_lines += 1;
        let Some(ass) = self.ass.as_mut() else {
            return;
        };
        if t.starts_with('[') && t.ends_with(']') {
            // a section ends the turn
            ass.events = t.eq_ignore_ascii_case("[events]");
            self.b.close(out);
            self.open = Open::None;
            self.b.stats.boilerplate += 1;
            return;
        }
        let (key, rest) = t.split_once(':').unwrap_or((t, ""));
        if ass.events && key.eq_ignore_ascii_case("format") {
            match AssFields::parse(rest) {
                Some(f) => ass.fields = f,
                None => self.diags.push(Diagnostic {
                    line: number,
                    message: "ASS `Format:` line without `Start`, `End` and a last `Text`; \
                              the standard field order is used"
                        .into(),
                    strict_error: false,
                }),
            }
            self.b.stats.boilerplate += 1;
            return;
        }
        if !ass.events || !key.eq_ignore_ascii_case("dialogue") {
            self.b.stats.boilerplate += 1;
            return;
        }
        let (times, voice, lines) = match ass_dialogue(rest, &ass.fields) {
            Some((start, end, name, lines)) => (Some((start, end)), name, lines),
            None => {
                self.diags.push(Diagnostic {
                    line: number,
                    message: "unreadable ASS `Dialogue:` line; its text is kept".into(),
                    strict_error: false,
                });
                (None, None, vec![rest.trim().to_string()])
            }
        };
        if lines.is_empty() {
            // a cue with no text (a sign or an effect)
            if self.b.is_open() {
                self.b.touch(number);
            } else {
                self.b.stats.boilerplate += 1;
            }
            return;
        }
        let numbers = vec![number; lines.len()];
        let strs: Vec<&str> = lines.iter().map(String::as_str).collect();
        self.cue(&numbers, &strs, 0, times, voice.as_deref(), out);
    }

    fn line(&mut self, number: u64, text: &str, piece: bool, out: &mut Vec<Turn>) {
        if self.ass.is_some() {
            // (a later piece of an over-long line goes with the turn it
            // continues, if any)
            if piece {
                if self.b.is_open() {
                    self.b.append(number, text, true, out);
                }
                return;
            }
            self.ass_line(number, text, out);
            return;
        }
        if piece {
            // a later piece of an over-long line joins the previous one
            if let Some(last) = self.block.last_mut() {
                self.block_text.push_str(text);
                last.2 = self.block_text.len();
                return;
            }
        }
        if text.trim().is_empty() {
            // YouTube writes a line of one space as a cue's first text line:
            // white space right after the timing line does not end the cue
            let after_timing = self
                .block
                .last()
                .is_some_and(|&(_, a, b)| self.block_text[a..b].contains("-->"));
            if !text.is_empty() && self.vtt && after_timing {
                return;
            }
            self.flush_block(out);
            return;
        }
        self.b.stats.nonblank_lines += 1;
        let start = self.block_text.len();
        self.block_text.push_str(text.trim_end());
        self.block.push((number, start, self.block_text.len()));
        if self.block.len() >= MAX_BLOCK_LINES {
            self.flush_block(out);
        }
    }

    fn flush_block(&mut self, out: &mut Vec<Turn>) {
        if self.block.is_empty() {
            return;
        }
        let block = std::mem::take(&mut self.block);
        let text = std::mem::take(&mut self.block_text);
        let strs: Vec<&str> = block.iter().map(|&(_, a, b)| &text[a..b]).collect();
        let numbers: Vec<u64> = block.iter().map(|&(n, _, _)| n).collect();
        self.process(&numbers, &strs, out);
        drop(strs);
        // keep the buffers for the next block
        let mut text = text;
        text.clear();
        self.block_text = text;
        let mut block = block;
        block.clear();
        self.block = block;
    }

    fn process(&mut self, numbers: &[u64], strs: &[&str], out: &mut Vec<Turn>) {
        match parse_block(strs, self.vtt) {
            Block::Meta => {
                // a comment or header between cues ends the turn: its lines
                // belong to no record
                self.b.close(out);
                self.open = Open::None;
                self.b.stats.boilerplate += numbers.len() as u64;
            }
            Block::Cue {
                text_from,
                times,
                problem,
            } => {
                if let Some((i, msg)) = problem {
                    self.diags.push(Diagnostic {
                        line: numbers[i.min(numbers.len() - 1)],
                        message: format!("{msg}; the cue's text is kept"),
                        strict_error: false,
                    });
                }
                self.cue(numbers, strs, text_from, times, None, out);
            }
        }
    }

    /// One cue: its lines (`numbers`, `strs`), where its text starts, its
    /// times, and the speaker the file names for it outside the text (an
    /// ASS `Name`), which wins over any mark in the text.
    fn cue(
        &mut self,
        numbers: &[u64],
        strs: &[&str],
        text_from: usize,
        times: Option<(f64, f64)>,
        voice: Option<&str>,
        out: &mut Vec<Turn>,
    ) {
        let first_line = numbers[0];
        let all_lines = &strs[text_from.min(strs.len())..];
        let mut text_lines = all_lines;
        // rolling captions (YouTube): each cue repeats the last line of the
        // one before, and a 10 ms cue repeats it alone; the repeat is
        // dropped (its line stays inside the turn's range)
        let mut skipped = 0;
        // word timings (`word<00:00:00.480><c> back</c>`) are YouTube's mark
        if !self.rolling && text_lines.iter().any(|l| l.contains("<c>")) {
            self.rolling = true;
        }
        // (without them, three cues in a row that roll: a line said twice
        // in ordinary subtitles is kept)
        if !self.prev_last.is_empty() {
            // (cleaned only for the cues that could be repeats)
            let could = text_lines.len() >= 2 || (self.rolling && text_lines.len() == 1);
            let repeats = could && clean_text_cow(text_lines[0]) == clean_text_cow(&self.prev_last);
            if text_lines.len() >= 2 && repeats {
                self.rolls_in_a_row += 1;
                if self.rolls_in_a_row >= 3 {
                    self.rolling = true;
                }
                if self.rolling {
                    skipped = 1;
                }
            } else if self.rolling && text_lines.len() == 1 && repeats {
                skipped = 1;
            } else {
                self.rolls_in_a_row = 0;
            }
        }
        if let Some(last) = all_lines.last() {
            self.prev_last.clear();
            self.prev_last.push_str(last);
        }
        text_lines = &text_lines[skipped..];
        let text_from = text_from + skipped;
        let mut segs = speaker_segments(text_lines, &self.rules, &mut self.classifier);
        if let Some(v) = voice {
            for s in &mut segs {
                s.mark = Mark::Named(v.to_string());
            }
        }
        if self.open == Open::Implicit {
            self.b.close(out);
            self.open = Open::None;
        }
        if segs.is_empty() {
            // a cue without text: its lines go with the open turn, if any
            if self.b.is_open() {
                for n in numbers {
                    self.b.touch(*n);
                }
            } else {
                self.b.stats.boilerplate += numbers.len() as u64;
            }
            return;
        }
        for (k, seg) in segs.iter().enumerate() {
            let at = if k == 0 {
                first_line
            } else {
                numbers[text_from + seg.first]
            };
            let last = numbers[text_from + seg.last];
            let new_turn = match &seg.mark {
                Mark::Named(n) => match &self.open {
                    Open::Named(cur) if cur == n => None,
                    _ => Some((Some(Speaker::from_label(n.clone())), Open::Named(n.clone()))),
                },
                Mark::NewUnnamed => Some((None, Open::Unnamed)),
                Mark::Continue => match self.open {
                    Open::None => Some((None, Open::Implicit)),
                    _ => None,
                },
            };
            match new_turn {
                Some((speaker, state)) => {
                    self.b.open(Kind::Turn, speaker, at, out);
                    self.open = state;
                    if let Some(t) = self.b.turn_mut() {
                        t.start = times.map(|t| t.0);
                        t.end = times.map(|t| t.1);
                    }
                }
                None => {
                    if let (Some(t), Some((_, end))) = (self.b.turn_mut(), times) {
                        if t.start.is_none() {
                            t.start = times.map(|t| t.0);
                        }
                        t.end = Some(end);
                    }
                }
            }
            self.b.append(last, &seg.text, false, out);
        }
    }
}

impl Segmenter for CueSegmenter {
    fn push(&mut self, batch: &LineBatch, out: &mut Vec<Turn>) {
        for (r, line) in batch.iter() {
            self.line(r.number, line, r.continued, out);
        }
    }

    fn idle(&mut self, out: &mut Vec<Turn>) {
        self.flush_block(out);
        if self.open == Open::Implicit {
            self.b.close(out);
            self.open = Open::None;
        } else {
            self.b.flush_continued(out);
        }
    }

    fn finish(&mut self, out: &mut Vec<Turn>) {
        self.flush_block(out);
        self.b.close(out);
        self.open = Open::None;
    }

    fn stats(&self) -> &SegmentStats {
        &self.b.stats
    }

    fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::decode::decode_all;

    fn seg(input: &str, vtt: bool) -> (Vec<Turn>, SegmentStats, Vec<Diagnostic>) {
        let rules = Arc::new(Rules::default_rules());
        let mut s = CueSegmenter::new(rules, Limits::default(), vtt);
        let (batch, _) = decode_all(input.as_bytes(), 1 << 20);
        let mut out = vec![];
        s.push(&batch, &mut out);
        s.finish(&mut out);
        let d = s.take_diagnostics();
        (out, s.stats().clone(), d)
    }

    fn labels(t: &[Turn]) -> Vec<Option<&str>> {
        t.iter()
            .map(|t| t.speaker.as_deref().map(|s| &*s.label))
            .collect()
    }

    #[test]
    fn vtt_voice_spans_merge_consecutive_cues() {
        let input = "WEBVTT\n\nNOTE a comment\n\n1\n00:00:00.000 --> 00:00:02.500\n<v Roger Bingham>We are in\nNew York City</v>\n\n2\n00:00:02.500 --> 00:00:04.000\n<v Roger Bingham>right now.\n\n3\n00:00:04.000 --> 00:00:06.000\n<v.loud Esme>Hello!</v>\n";
        let (t, st, d) = seg(input, true);
        assert!(d.is_empty());
        assert_eq!(labels(&t), vec![Some("Roger Bingham"), Some("Esme")]);
        assert_eq!(t[0].text, "We are in New York City right now.");
        assert_eq!((t[0].line_start, t[0].line_end), (5, 12));
        assert_eq!((t[0].start, t[0].end), (Some(0.0), Some(4.0)));
        assert_eq!((t[1].line_start, t[1].line_end), (14, 16));
        assert_eq!(st.boilerplate, 2);
    }

    #[test]
    fn srt_broadcast_continuation_and_bare_chevrons() {
        let input = "1\n00:00:01,000 --> 00:00:03,000\n>> JUDY WOODRUFF: Good evening.\n\n2\n00:00:03,000 --> 00:00:05,000\nWe begin with the news.\n\n3\n00:00:05,000 --> 00:00:07,000\n>> Thank you, Judy.\n\n4\n00:00:07,000 --> 00:00:09,000\nIt was a long day.\n\n5\n00:00:09,000 --> 00:00:10,000\n>> And a short night.\n";
        let (t, _, _) = seg(input, false);
        assert_eq!(labels(&t), vec![Some("JUDY WOODRUFF"), None, None]);
        assert_eq!(t[0].text, "Good evening. We begin with the news.");
        assert_eq!((t[0].start, t[0].end), (Some(1.0), Some(5.0)));
        assert_eq!(t[1].text, "Thank you, Judy. It was a long day.");
        assert_eq!((t[1].line_start, t[1].line_end), (9, 15));
        assert_eq!(t[2].line_start, 17);
    }

    #[test]
    fn dialogue_dashes_split_a_cue() {
        let input = "1\n00:00:01,000 --> 00:00:03,000\n- Are you coming?\n- Not tonight.\n";
        let (t, _, _) = seg(input, false);
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].line_start, t[0].line_end), (1, 3));
        assert_eq!((t[1].line_start, t[1].line_end), (4, 4));
        assert_eq!(t[1].text, "Not tonight.");
        assert_eq!(t[1].start, Some(1.0));
    }

    #[test]
    fn malformed_timing_keeps_text_and_warns() {
        let input = "1\n00:00:01,000 --> 00:00:02,000\nALICE: First.\n\n2\n00:00:02,000 -> 00:00:03,000\nStill Alice.\n\nstray text\n";
        let (t, _, d) = seg(input, false);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].text, "First. Still Alice. stray text");
        assert_eq!(t[0].line_end, 9);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].line, 6);
        assert!(d[0].message.contains("malformed timing"));
        assert_eq!(d[1].line, 9);
    }

    #[test]
    fn speakerless_subtitles_are_one_record_per_cue() {
        let input =
            "WEBVTT\n\n00:01.000 --> 00:02.000\nHello.\n\n00:02.000 --> 00:03.000\n<i>World.</i>\n";
        let (t, _, _) = seg(input, true);
        assert_eq!(t.len(), 2);
        assert!(t.iter().all(|t| t.speaker.is_none()));
        assert_eq!(t[1].text, "World.");
        assert_eq!((t[1].start, t[1].end), (Some(2.0), Some(3.0)));
    }

    #[test]
    fn bracketed_diarisation_labels() {
        let input = "WEBVTT\n\n00:00:00.000 --> 00:00:07.000\n[Guest 2]: Welcome.\n\n00:00:07.000 --> 00:00:20.000\n[Amit Varma]: Ram Singh is a farmer.\n\n00:00:20.000 --> 00:00:27.000\n[Amit Varma]: He got out of bed.\n";
        let (t, _, _) = seg(input, true);
        assert_eq!(labels(&t), vec![Some("Guest 2"), Some("Amit Varma")]);
        assert_eq!((t[1].line_start, t[1].line_end), (6, 10));
        assert_eq!((t[1].start, t[1].end), (Some(7.0), Some(27.0)));
    }
}
