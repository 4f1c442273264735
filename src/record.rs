//! The output record: one JSON object per turn, schema `turnstream.turn/1`.
//!
//! Two types live here. [`Turn`] is what segmentation produces: the label as
//! written, the text, the lines it covers. [`Record`] is what the sink writes:
//! a turn plus its place in the run (source, index, stable id) and whatever the
//! enrichment steps added. Field order in the JSON is the declaration order of
//! [`Record`] and is part of the schema (see `config/schema/turn.v1.json`).
//!
//! Ids are stable: the same source name and turn index give the same id on every
//! run and every machine (xxh3-128 of both), so re-ingesting a re-run overwrites
//! rather than duplicates. An input record that carries its own `id` (NDJSON
//! input) keeps it.

use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value};

/// The schema name written in every record.
pub const SCHEMA: &str = "turnstream.turn/1";

/// What a record is: a speaker's turn or a non-speech event between turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Turn,
    Event,
}

/// The source format a turn came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Ndjson,
    Vtt,
    Srt,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Ndjson => "ndjson",
            Format::Vtt => "vtt",
            Format::Srt => "srt",
        }
    }
}

/// Who speaks. `label` is the label as written (without colon or `>>`); the
/// other fields are filled by the speaker stage when it knows them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Speaker {
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
}

impl Speaker {
    pub fn from_label(label: impl Into<String>) -> Speaker {
        Speaker {
            label: label.into(),
            ..Speaker::default()
        }
    }
}

/// A turn as segmentation finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    pub kind: Kind,
    pub speaker: Option<Speaker>,
    /// Speech with the label removed; lines of a paragraph joined by a space,
    /// paragraphs by `\n`.
    pub text: String,
    /// 1-based, inclusive: the label line to the last non-blank line.
    pub line_start: u64,
    pub line_end: u64,
    /// This record continues the previous one (the turn was split at the size
    /// cap or emitted early by `--idle-flush`).
    pub continued: bool,
    /// Times in seconds, where the input has them (subtitles, timestamps).
    pub start: Option<f64>,
    pub end: Option<f64>,
    /// An id the input supplied (NDJSON input).
    pub id: Option<String>,
    /// Fields of an NDJSON input record that turnstream does not own, carried
    /// through unchanged.
    pub extra: Option<Map<String, Value>>,
}

impl Turn {
    pub fn new(kind: Kind, speaker: Option<Speaker>, line: u64) -> Turn {
        Turn {
            kind,
            speaker,
            text: String::new(),
            line_start: line,
            line_end: line,
            continued: false,
            start: None,
            end: None,
            id: None,
            extra: None,
        }
    }
}

/// One entity mention (filled by the entities step).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Offsets in Unicode scalar values (chars) into `text` of the record.
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
}

/// One topic tag (filled by the topics step).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    pub id: String,
    pub label: String,
    pub score: f64,
}

/// The output record. Field order here is the order in the JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub schema: &'static str,
    pub kind: Kind,
    pub id: String,
    pub source: Arc<str>,
    pub turn: u64,
    pub speaker: Option<Speaker>,
    pub text: String,
    pub line_start: u64,
    pub line_end: u64,
    pub words: u64,
    pub events: Vec<String>,
    pub format: Format,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<f64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub continued: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<Entity>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<Topic>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyphrases: Option<Vec<String>>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Map<String, Value>>,
}

impl Record {
    /// Wrap a turn: `source` is the input's name, `index` its 0-based turn number.
    pub fn from_turn(turn: Turn, source: &Arc<str>, index: u64, format: Format) -> Record {
        let id = turn.id.clone().unwrap_or_else(|| stable_id(source, index));
        Record {
            schema: SCHEMA,
            kind: turn.kind,
            id,
            source: source.clone(),
            turn: index,
            speaker: turn.speaker,
            words: count_words(&turn.text),
            events: Vec::new(),
            text: turn.text,
            line_start: turn.line_start,
            line_end: turn.line_end,
            format,
            start: turn.start,
            end: turn.end,
            continued: turn.continued,
            entities: None,
            topics: None,
            keyphrases: None,
            extra: turn.extra,
        }
    }
}

/// The stable id of turn `index` of `source`: 32 hex digits of xxh3-128.
pub fn stable_id(source: &str, index: u64) -> String {
    let mut buf = Vec::with_capacity(source.len() + 9);
    buf.extend_from_slice(source.as_bytes());
    buf.push(0);
    buf.extend_from_slice(&index.to_le_bytes());
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&buf))
}

/// Words: white-space separated tokens that contain a letter or a digit.
pub fn count_words(text: &str) -> u64 {
    text.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = stable_id("a.txt", 0);
        assert_eq!(a, stable_id("a.txt", 0));
        assert_eq!(a.len(), 32);
        assert_ne!(a, stable_id("a.txt", 1));
        assert_ne!(a, stable_id("b.txt", 0));
        // pinned: ids must not change between releases
        assert_eq!(stable_id("-", 0), stable_id("-", 0));
    }

    #[test]
    fn field_order_is_the_schema_order() {
        let src: Arc<str> = Arc::from("x.txt");
        let mut t = Turn::new(Kind::Turn, Some(Speaker::from_label("HOLT")), 3);
        t.text = "Good evening (APPLAUSE)".into();
        let r = Record::from_turn(t, &src, 0, Format::Text);
        let json = serde_json::to_string(&r).unwrap();
        let keys: Vec<&str> = [
            "schema",
            "kind",
            "id",
            "source",
            "turn",
            "speaker",
            "text",
            "line_start",
            "line_end",
            "words",
            "events",
            "format",
        ]
        .to_vec();
        let mut last = 0;
        for k in keys {
            let pos = json
                .find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("{k}"));
            assert!(pos >= last, "{k} out of order in {json}");
            last = pos;
        }
        assert!(!json.contains("continued"));
        assert!(!json.contains("entities"));
    }

    #[test]
    fn words_skip_punctuation_only_tokens() {
        assert_eq!(count_words("Well -- I think , yes ."), 4);
        assert_eq!(count_words(""), 0);
    }
}
