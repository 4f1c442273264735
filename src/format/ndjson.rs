//! NDJSON input: one JSON object per line, each already a turn.
//!
//! Existing turn data (from speech-to-text tools, databases, earlier runs) goes
//! through enrichment this way. A record needs a string `text`; `speaker` (a
//! string, or an object with `label`/`name`/...), `id`, and numeric `start` /
//! `end` are used when present; every other field is carried into the output
//! unchanged. Fields whose names the output record already uses (`source`,
//! `turn`, `words`, ...) are kept under `"input"` so that nothing is lost and
//! no key is written twice.
//!
//! A malformed line is a [`Diagnostic`] naming the line; it is skipped and
//! counted (`--strict` makes it fatal), and the rest of the file goes on.

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::record::{Kind, Speaker, Turn};
use crate::segment::{Diagnostic, SegmentStats, Segmenter};
use crate::source::decode::LineBatch;

/// Output field names an input record cannot set directly.
const RESERVED: &[&str] = &[
    "schema",
    "kind",
    "source",
    "turn",
    "line_start",
    "line_end",
    "words",
    "events",
    "format",
    "continued",
    "entities",
    "topics",
    "keyphrases",
    "input",
];

#[derive(Default)]
pub struct NdjsonSegmenter {
    stats: SegmentStats,
    diags: Vec<Diagnostic>,
}

impl NdjsonSegmenter {
    pub fn new() -> NdjsonSegmenter {
        NdjsonSegmenter::default()
    }

    fn line(&mut self, number: u64, line: &str, piece: bool, out: &mut Vec<Turn>) {
        let t = line.trim();
        if t.is_empty() {
            return;
        }
        if piece {
            // a later piece of a record longer than the line cap: the first
            // piece was already reported
            return;
        }
        self.stats.nonblank_lines += 1;
        match parse_record(t, number) {
            Ok(turn) => {
                self.stats.turns += 1;
                out.push(turn);
            }
            Err(message) => {
                self.stats.bad_records += 1;
                self.diags.push(Diagnostic {
                    line: number,
                    message,
                    strict_error: true,
                });
            }
        }
    }
}

/// Parse one NDJSON line into a turn.
pub fn parse_record(t: &str, number: u64) -> Result<Turn, String> {
    let v: Value = serde_json::from_str(t).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(mut obj) = v else {
        return Err("expected a JSON object".into());
    };
    let text = match obj.remove("text") {
        Some(Value::String(s)) => s,
        Some(Value::Null) | None => return Err("record has no \"text\" string".into()),
        Some(other) => {
            return Err(format!(
                "\"text\" must be a string, not {}",
                kind_of(&other)
            ));
        }
    };
    let speaker = match obj.remove("speaker") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(Speaker::from_label(s)),
        Some(Value::Object(o)) => Some(Box::new(speaker_from_object(&o))),
        Some(other) => Some(Speaker::from_label(other.to_string())),
    };
    let id = match obj.remove("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    };
    let mut turn = Turn::new(Kind::Turn, speaker, number);
    turn.text = text;
    turn.id = id;
    for (key, slot) in [("start", 0), ("end", 1)] {
        if let Some(v) = obj.get(key) {
            if let Some(f) = v.as_f64() {
                if slot == 0 {
                    turn.start = Some(f);
                } else {
                    turn.end = Some(f);
                }
                obj.remove(key);
            }
        }
    }
    let mut reserved = Map::new();
    for k in RESERVED {
        if let Some(v) = obj.remove(*k) {
            reserved.insert(k.to_string(), v);
        }
    }
    // remaining non-numeric start/end and anything else: carried through
    if !reserved.is_empty() {
        obj.insert("input".into(), Value::Object(reserved));
    }
    if !obj.is_empty() {
        turn.extra = Some(Box::new(obj));
    }
    Ok(turn)
}

fn speaker_from_object(o: &Map<String, Value>) -> Speaker {
    let get = |k: &str| o.get(k).and_then(|v| v.as_str()).map(Arc::<str>::from);
    let label = get("label")
        .or_else(|| get("name"))
        .unwrap_or_else(|| Arc::from(""));
    Speaker {
        label,
        name: get("name"),
        title: get("title"),
        role: get("role"),
        affiliation: get("affiliation"),
        constituency: get("constituency"),
        attribution: get("attribution").map(|a| a.to_string().into()),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Segmenter for NdjsonSegmenter {
    fn push(&mut self, batch: &LineBatch, out: &mut Vec<Turn>) {
        for (r, line) in batch.iter() {
            self.line(r.number, line, r.continued, out);
        }
    }
    fn idle(&mut self, _out: &mut Vec<Turn>) {}
    fn finish(&mut self, _out: &mut Vec<Turn>) {}
    fn stats(&self) -> &SegmentStats {
        &self.stats
    }
    fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carries_fields_and_reserves_collisions() {
        let t = parse_record(
            r#"{"id":"x1","text":"Hello","speaker":"Ann","lang":"en","source":"asr","start":1.5,"end":"later"}"#,
            7,
        )
        .unwrap();
        assert_eq!(t.text, "Hello");
        assert_eq!(t.id.as_deref(), Some("x1"));
        assert_eq!(&*t.speaker.unwrap().label, "Ann");
        assert_eq!(t.start, Some(1.5));
        assert_eq!(t.line_start, 7);
        let extra = t.extra.unwrap();
        assert_eq!(extra["lang"], "en");
        assert_eq!(extra["end"], "later");
        assert_eq!(extra["input"]["source"], "asr");
    }

    #[test]
    fn speaker_object() {
        let t = parse_record(
            r#"{"text":"x","speaker":{"name":"Ann Linde","role":"official"}}"#,
            1,
        )
        .unwrap();
        let s = t.speaker.unwrap();
        assert_eq!(&*s.label, "Ann Linde");
        assert_eq!(s.role.as_deref(), Some("official"));
    }

    #[test]
    fn malformed_lines_are_reported_and_counted() {
        let mut seg = NdjsonSegmenter::new();
        let (batch, _) = crate::source::decode::decode_all(
            b"{\"text\":\"a\"}\n{bad json\n\n[1,2]\n{\"text\":3}\n{\"text\":\"b\"}\n",
            1 << 20,
        );
        let mut out = vec![];
        seg.push(&batch, &mut out);
        seg.finish(&mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(seg.stats().bad_records, 3);
        let d = seg.take_diagnostics();
        assert_eq!(d.iter().map(|d| d.line).collect::<Vec<_>>(), vec![2, 4, 5]);
        assert!(d[0].message.contains("invalid JSON"));
    }
}
