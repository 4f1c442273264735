//! # turnstream: transcripts in, speaker turns out
//!
//! turnstream reads raw transcripts (press briefings, debates, hearings,
//! earnings calls, meetings, court arguments, subtitles) line by line and
//! writes one JSON object per speaker turn (NDJSON). This page walks a new
//! reader through the code in the order the data flows.
//!
//! ```text
//!  PATH... / stdin
//!     │  source     find inputs (sorted walk), read big blocks, decode
//!     │             (BOM, UTF-16, lossy UTF-8), frame numbered lines
//!     ▼ LineBatch
//!     │  format     per input: sniff text / ndjson / vtt / srt; the shape
//!     │             rules of a label line (format/text.rs)
//!     │  segment    the turn state machine: shape + document evidence over a
//!     ▼ Turn        lookahead window; closes turns at the next label
//!     │  speaker    names, titles, roles, affiliations; who the moderator
//!     │             introduced (in order, per input)
//!     │  enrich     words, events (later: entities, topics) on a worker pool,
//!     ▼ Record      back in input order
//!     │  sink       NDJSON to stdout or a file
//!     ▼
//! ```
//!
//! - [`source`]: inputs, reading, decoding, line framing ([`source::decode`]).
//! - [`format`]: format detection and per-format parsing ([`format::text`]
//!   label shapes, [`format::ndjson`] turn records).
//! - [`segment`]: the [`segment::Segmenter`] trait, the shared turn builder,
//!   and the plain-text state machine ([`segment::text`]).
//! - [`speaker`]: who is speaking (label parsing, introductions, registry).
//! - [`enrich`]: what is added to a turn; per-turn work on the pool,
//!   per-document work in order.
//! - [`record`]: the output record, schema `turnstream.turn/1`, stable ids.
//! - [`sink`]: serialisation and the writer (quiet on a closed pipe).
//! - [`pipeline`]: the tasks and bounded channels that join the stages, error
//!   collection per input, ordering.
//! - [`pool`]: a bounded free list recycling the big cross-thread buffers;
//!   [`recycle`]: turn text buffers reused by the thread that frees them.
//! - [`nats`]: the same pipeline between NATS JetStream streams (publish,
//!   worker, dump), for scaling out over many machines.
//! - [`config`]: rules as data (`config/default.toml`, embedded), `--config`.
//! - [`cli`]: the command line, validated into [`pipeline::Options`].
//! - [`trim`]: `str::trim` with a fast path for the common line.
//!
//! Library use: build a [`pipeline::Context`] and [`pipeline::Options`] and
//! call [`pipeline::run`]; or drive a [`segment::Segmenter`] directly with
//! [`source::decode::LineBatch`]es for in-process segmentation.

pub mod cli;
pub mod config;
pub mod enrich;
pub mod format;
pub mod nats;
pub mod pipeline;
pub mod pool;
pub mod record;
pub mod recycle;
pub mod segment;
pub mod sink;
pub mod source;
pub mod speaker;
pub mod trim;

use std::sync::Arc;

/// Segment a whole transcript in memory (tests, embedding): plain text or any
/// detected format, default rules.
pub fn segment_str(text: &str) -> Vec<record::Turn> {
    let rules = Arc::new(config::Rules::default_rules());
    let (batch, _) = source::decode::decode_all(text.as_bytes(), 4 << 20);
    let fmt = format::sniff(&batch, None);
    let mut seg = format::segmenter(fmt, &rules, segment::Limits::default());
    let mut out = Vec::new();
    seg.push(&batch, &mut out);
    seg.finish(&mut out);
    out
}
