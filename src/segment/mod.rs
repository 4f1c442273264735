//! Lines in, turns out: the per-input state machines.
//!
//! Every input format has a [`Segmenter`]: it is fed the decoded lines of one
//! input in order ([`LineBatch`]es from `source`), and emits [`Turn`]s as soon
//! as they close: at the next label, at end of input, at the size cap, or when
//! the input goes idle (`--idle-flush`). This is the same problem as Vector's
//! `line_agg`/`reduce` transforms: group lines under a start pattern, flush on a
//! timeout, cap the size, drain at the end.
//!
//! - [`text::TextSegmenter`]: plain-text transcripts (labels, name lines, Q/A),
//!   with [`gutter`] removing the line numbers of depositions first.
//! - `crate::format::ndjson::NdjsonSegmenter`: one record per line, already turns.
//! - `crate::format::vtt` / `crate::format::srt`: subtitle cues.
//!
//! The accounting contract, checked by the property tests: every non-blank input
//! line ends up in exactly one emitted turn (between its `line_start` and
//! `line_end`) or is counted in [`SegmentStats::boilerplate`] (or, for NDJSON,
//! [`SegmentStats::bad_records`]).

pub mod builder;
pub mod cues;
pub mod gutter;
pub mod text;

use crate::record::Turn;
use crate::source::decode::LineBatch;

/// What a segmenter counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SegmentStats {
    /// Non-blank lines read.
    pub nonblank_lines: u64,
    /// Non-blank lines that belong to no turn (website chrome, headers, `END`).
    pub boilerplate: u64,
    /// Records emitted (turns and events).
    pub turns: u64,
    /// Of which non-speech events.
    pub events: u64,
    /// Turns split because they reached `max_turn_bytes`.
    pub split_turns: u64,
    /// Input records that could not be parsed (NDJSON input).
    pub bad_records: u64,
}

/// A problem worth telling the user about, with the line it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub line: u64,
    pub message: String,
    /// Fatal under `--strict`.
    pub strict_error: bool,
}

/// A per-input state machine from lines to turns.
pub trait Segmenter: Send {
    /// Feed the next lines; completed turns are appended to `out`.
    fn push(&mut self, batch: &LineBatch, out: &mut Vec<Turn>);
    /// No input for a while: decide what can be decided and emit the open turn.
    fn idle(&mut self, out: &mut Vec<Turn>);
    /// End of input: emit everything.
    fn finish(&mut self, out: &mut Vec<Turn>);
    fn stats(&self) -> &SegmentStats;
    /// Problems found since the last call.
    fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        Vec::new()
    }
}

/// Limits shared by all segmenters.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A turn's text is split into `continued` records beyond this size.
    pub max_turn_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_turn_bytes: 4 << 20,
        }
    }
}
