//! The segmenters (text, WebVTT, SRT, SBV, ASS, NDJSON): any bytes never panic, and
//! every non-blank line is in exactly one record or counted as boilerplate or
//! a bad record. The one documented exception: a subtitle line that holds a
//! voice span and more speech (two voices, or speech of the cue's earlier
//! speaker before the tag) is in the records of both speakers.
#![no_main]
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use turnstream::config::Rules;
use turnstream::format;
use turnstream::record::Format;
use turnstream::segment::Limits;
use turnstream::source::decode::decode_all;

fn rules() -> Arc<Rules> {
    static RULES: std::sync::OnceLock<Arc<Rules>> = std::sync::OnceLock::new();
    RULES.get_or_init(|| Arc::new(Rules::default_rules())).clone()
}

fuzz_target!(|data: &[u8]| {
    if data.is_empty() {
        return;
    }
    let fmt = match data[0] % 7 {
        0 => Format::Text,
        1 => Format::Vtt,
        2 => Format::Srt,
        3 => Format::Ndjson,
        4 => Format::Sbv,
        5 => Format::Ass,
        _ => {
            let (b, _) = decode_all(&data[1..], 1 << 16);
            format::sniff(&b, None)
        }
    };
    let rules = rules();
    let (batch, _) = decode_all(&data[1..], 1 << 16);
    let mut seg = format::segmenter(fmt, &rules, Limits { max_turn_bytes: 1 << 16 });
    let mut out = Vec::new();
    // feed in two halves: state carries across batches
    let mid = batch.len() / 2;
    let mut first = turnstream::source::decode::LineBatch::default();
    let mut second = turnstream::source::decode::LineBatch::default();
    for (i, (r, s)) in batch.iter().enumerate() {
        let b = if i < mid { &mut first } else { &mut second };
        let start = b.text.len();
        b.text.push_str(s);
        b.lines.push(turnstream::source::decode::LineRef { start, end: b.text.len(), ..r });
    }
    seg.push(&first, &mut out);
    seg.push(&second, &mut out);
    seg.finish(&mut out);
    let stats = seg.stats().clone();
    let mut covered = 0u64;
    let mut nonblank = 0u64;
    for (r, s) in batch.iter() {
        if s.trim().is_empty() || r.continued {
            continue;
        }
        nonblank += 1;
        let hits = out.iter().filter(|t| t.line_start <= r.number && r.number <= t.line_end).count() as u64;
        let shared_ok =
            matches!(fmt, Format::Vtt | Format::Srt | Format::Sbv | Format::Ass) && s.contains("<v");
        if !shared_ok {
            assert!(hits <= 1, "line {} in {hits} records", r.number);
        }
        covered += hits.min(1);
    }
    assert_eq!(covered + stats.boilerplate + stats.bad_records, nonblank);
});
