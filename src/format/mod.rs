//! Input formats: what kind of transcript a source is, and its segmenter.
//!
//! Detection looks at the first decoded lines of each input (its first block,
//! a few KB), never at the whole file, so it works on stdin and on live input:
//! `WEBVTT` opens a WebVTT file; a cue number followed by an SRT timing line
//! opens an SRT file; a SubViewer timing line (`0:00:01.000,0:00:04.000`) an
//! SBV file; `[Script Info]` an ASS/SSA file; a first line that parses as a
//! JSON object opens NDJSON; anything else is plain text. The file extension only breaks ties (an empty
//! `.vtt` file). `--input-format` overrides detection.
//!
//! - [`text`]: label shapes for plain-text transcripts.
//! - [`cues`]: WebVTT, SRT and SBV blocks, ASS `Dialogue:` lines, timings,
//!   markup, speaker marks.
//! - [`ndjson`]: one turn per JSON line.

pub mod cues;
pub mod ndjson;
pub mod text;

use std::path::Path;
use std::sync::Arc;

use crate::config::Rules;
use crate::record::Format;
use crate::segment::cues::CueSegmenter;
use crate::segment::text::TextSegmenter;
use crate::segment::{Limits, Segmenter};
use crate::source::decode::LineBatch;

/// Guess the format of an input from its first lines and its name.
pub fn sniff(first: &LineBatch, name: Option<&Path>) -> Format {
    let mut lines = first
        .iter()
        .map(|(_, s)| s.trim())
        .filter(|s| !s.is_empty());
    if let Some(l1) = lines.next() {
        if l1 == "WEBVTT" || l1.starts_with("WEBVTT ") || l1.starts_with("WEBVTT\t") {
            return Format::Vtt;
        }
        if l1.starts_with('{')
            && serde_json::from_str::<serde_json::Value>(l1).is_ok_and(|v| v.is_object())
        {
            return Format::Ndjson;
        }
        if l1.chars().all(|c| c.is_ascii_digit()) {
            if let Some(l2) = lines.next() {
                if is_srt_timing(l2) {
                    return Format::Srt;
                }
            }
        }
        if is_srt_timing(l1) && l1.contains(',') {
            return Format::Srt;
        }
        if cues::sbv_timing(l1).is_some() {
            return Format::Sbv;
        }
        if l1.eq_ignore_ascii_case("[script info]") {
            return Format::Ass;
        }
        return Format::Text;
    }
    match name
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("vtt") => Format::Vtt,
        Some("srt") => Format::Srt,
        Some("sbv") => Format::Sbv,
        Some("ass") | Some("ssa") => Format::Ass,
        Some("jsonl") | Some("ndjson") => Format::Ndjson,
        _ => Format::Text,
    }
}

/// `00:00:01,000 --> 00:00:04,000` (SRT) or with dots (VTT-ish).
pub fn is_srt_timing(l: &str) -> bool {
    let Some((a, b)) = l.split_once("-->") else {
        return false;
    };
    looks_like_time(a.trim()) && looks_like_time(b.split_whitespace().next().unwrap_or(""))
}

fn looks_like_time(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        })
}

/// The segmenter for a format.
pub fn segmenter(format: Format, rules: &Arc<Rules>, limits: Limits) -> Box<dyn Segmenter> {
    match format {
        Format::Ndjson => Box::new(ndjson::NdjsonSegmenter::new()),
        Format::Vtt => Box::new(CueSegmenter::new(rules.clone(), limits, true)),
        Format::Srt | Format::Sbv => Box::new(CueSegmenter::new(rules.clone(), limits, false)),
        Format::Ass => Box::new(CueSegmenter::new_ass(rules.clone(), limits)),
        Format::Text => Box::new(TextSegmenter::new(rules.clone(), limits)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::decode::decode_all;

    fn f(s: &str, name: Option<&str>) -> Format {
        let (b, _) = decode_all(s.as_bytes(), 1 << 20);
        sniff(&b, name.map(Path::new))
    }

    #[test]
    fn detects_by_content_first() {
        assert_eq!(
            f("WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n", None),
            Format::Vtt
        );
        assert_eq!(
            f("\n1\n00:00:01,000 --> 00:00:04,000\nhi\n", None),
            Format::Srt
        );
        assert_eq!(f("{\"text\":\"hi\"}\n", Some("x.txt")), Format::Ndjson);
        assert_eq!(f("HOLT: hi\n", Some("x.vtt")), Format::Text);
        assert_eq!(f("", Some("x.vtt")), Format::Vtt);
        assert_eq!(f("", Some("x.txt")), Format::Text);
        assert_eq!(
            f("0:00:01.000,0:00:04.000\nhi\n", Some("x.txt")),
            Format::Sbv
        );
        assert_eq!(f("", Some("x.sbv")), Format::Sbv);
        assert_eq!(f("[Script Info]\nTitle: x\n", Some("x.txt")), Format::Ass);
        assert_eq!(f("", Some("x.SSA")), Format::Ass);
    }
}
