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

use std::borrow::Cow;
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
    /// YouTube's SubViewer (`0:00:01.000,0:00:04.000` over the text).
    Sbv,
    /// Advanced SubStation Alpha (`.ass`, `.ssa`): `Dialogue:` lines.
    Ass,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Ndjson => "ndjson",
            Format::Vtt => "vtt",
            Format::Srt => "srt",
            Format::Sbv => "sbv",
            Format::Ass => "ass",
        }
    }
}

/// Who speaks. `label` is the label as written (without colon or `>>`); the
/// other fields are filled by the speaker stage when it knows them. They are
/// shared strings: most turns repeat a speaker already resolved, and a clone
/// is a reference count, not an allocation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Speaker {
    pub label: Arc<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<Arc<str>>,
    /// A member's riding or constituency (`Sherwood ParkFort Saskatchewan`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub constituency: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// How the name was found: one of a few fixed words, so not shared.
    pub attribution: Option<Cow<'static, str>>,
}

impl Speaker {
    /// A speaker known only by its label, boxed as records hold it (records
    /// are moved through channels; a box keeps them small).
    pub fn from_label(label: impl Into<Arc<str>>) -> Box<Speaker> {
        // every field spelled out: `..Speaker::default()` would clone (and
        // drop) the shared empty label, two atomic operations per turn
        crate::recycle::speaker(Speaker {
            label: label.into(),
            name: None,
            title: None,
            role: None,
            affiliation: None,
            constituency: None,
            attribution: None,
        })
    }
}

/// A turn as segmentation finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    pub kind: Kind,
    pub speaker: Option<Box<Speaker>>,
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
    pub extra: Option<Box<Map<String, Value>>>,
    /// Headings and boilerplate lines just before the turn (not written out):
    /// `CROSS EXAMINATION BY MR. BLANCHE:` tells the speaker stage who asks.
    pub notes: Vec<String>,
    /// The document may have `Q`/`A` turns (not written out). The speaker
    /// stage reads court headings and witness lines in a turn's text only
    /// for them; the plain-text segmenter clears it while it has seen no
    /// one-letter label (lookahead included), other inputs leave it set.
    pub qa: bool,
}

impl Turn {
    /// A turn whose text buffer starts with room for `cap` bytes (most turns
    /// are a few hundred bytes: fewer reallocations while lines are appended).
    pub fn with_capacity(kind: Kind, speaker: Option<Box<Speaker>>, line: u64, cap: usize) -> Turn {
        let mut t = Turn::new(kind, speaker, line);
        t.text.reserve(cap);
        t
    }

    pub fn new(kind: Kind, speaker: Option<Box<Speaker>>, line: u64) -> Turn {
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
            notes: Vec::new(),
            qa: true,
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

/// One topic tag (filled by the topics step). Id and label are normally the
/// topic model's own strings, interned for the life of the process and
/// borrowed: a tag costs neither a copy nor a reference count (atomic counts
/// on strings every worker shares would bounce between cores).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    pub id: Cow<'static, str>,
    pub label: Cow<'static, str>,
    pub score: f64,
}

/// The keyphrases of a turn, best first, in one buffer: one allocation per
/// turn, not one per phrase. Written as a JSON array of strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keyphrases {
    text: String,
    ends: [u32; Keyphrases::MAX],
    len: u8,
}

impl Keyphrases {
    /// Most phrases held.
    pub const MAX: usize = 8;

    pub fn new() -> Keyphrases {
        Keyphrases::default()
    }

    /// Append a phrase written by `write` into the buffer (it must only
    /// append); false, and nothing added, when full.
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) -> bool {
        if self.len as usize == Self::MAX {
            return false;
        }
        let start = self.text.len();
        write(&mut self.text);
        assert!(self.text.len() >= start, "push_with must only append");
        self.ends[self.len as usize] = self.text.len() as u32;
        self.len += 1;
        true
    }

    /// Append a phrase; false, and nothing added, when full.
    pub fn push(&mut self, phrase: &str) -> bool {
        self.push_with(|b| b.push_str(phrase))
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `i`-th phrase.
    pub fn get(&self, i: usize) -> Option<&str> {
        if i >= self.len() {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.text[start..self.ends[i] as usize])
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

impl<'a> FromIterator<&'a str> for Keyphrases {
    /// Phrases past [`Keyphrases::MAX`] are dropped.
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Keyphrases {
        let mut k = Keyphrases::new();
        for p in iter {
            k.push(p);
        }
        k
    }
}

impl Serialize for Keyphrases {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The topics step's per-turn scores (topic index in the model, score), best
/// first, waiting for the in-order half to turn them into `topics`. Inline:
/// no allocation per turn.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PendingTopics {
    items: [(u32, f32); PendingTopics::MAX],
    len: u8,
}

impl PendingTopics {
    /// Most scores held.
    pub const MAX: usize = 12;

    /// Append a score; ignored when full.
    pub fn push(&mut self, topic: u32, score: f64) {
        if (self.len as usize) < Self::MAX {
            self.items[self.len as usize] = (topic, score as f32);
            self.len += 1;
        }
    }

    /// The scores, as (topic index, score).
    pub fn iter(&self) -> impl Iterator<Item = (u32, f64)> + '_ {
        self.items[..self.len as usize]
            .iter()
            .map(|&(t, s)| (t, f64::from(s)))
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The output record. Field order here is the order in the JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub schema: &'static str,
    pub kind: Kind,
    pub id: Id,
    pub source: Arc<str>,
    pub turn: u64,
    pub speaker: Option<Box<Speaker>>,
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
    pub keyphrases: Option<Box<Keyphrases>>,
    /// Between the two halves of the topics step; never written. (Boxed,
    /// like `keyphrases`: a record is moved several times on its way, and
    /// most runs have neither.)
    #[serde(skip)]
    pub pending_topics: Option<Box<PendingTopics>>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Box<Map<String, Value>>>,
    /// Headings before the turn, for the speaker stage; never written.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// As [`Turn::qa`]; never written.
    #[serde(skip)]
    pub qa: bool,
}

impl Record {
    /// Wrap a turn: `source` is the input's name, `index` its 0-based turn number.
    pub fn from_turn(turn: Turn, source: &Arc<str>, index: u64, format: Format) -> Record {
        Record::from_turn_with(turn, source, index, format, &IdGen::new(source))
    }

    /// As [`from_turn`](Self::from_turn) with the source's [`IdGen`] at hand.
    pub fn from_turn_with(
        mut turn: Turn,
        source: &Arc<str>,
        index: u64,
        format: Format,
        ids: &IdGen,
    ) -> Record {
        let id = match turn.id.take() {
            Some(given) => Id::Given(given),
            None => Id::Hex(ids.hex(index)),
        };
        Record {
            schema: SCHEMA,
            kind: turn.kind,
            id,
            source: source.clone(),
            turn: index,
            speaker: turn.speaker,
            // filled by the basic enrichment step
            words: 0,
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
            pending_topics: None,
            extra: turn.extra,
            notes: turn.notes,
            qa: turn.qa,
        }
    }
}

/// Stable ids for the turns of one source: two 64-bit xxh3 hashes of the
/// turn index, seeded with the halves of xxh3-128 of the source name, written
/// as 32 hex digits. The source is hashed once per input, not once per turn.
#[derive(Debug, Clone, Copy)]
pub struct IdGen {
    k0: u64,
    k1: u64,
}

impl IdGen {
    pub fn new(source: &str) -> IdGen {
        let h = xxhash_rust::xxh3::xxh3_128(source.as_bytes());
        IdGen {
            k0: h as u64,
            k1: (h >> 64) as u64,
        }
    }

    pub fn id(&self, index: u64) -> String {
        Id::Hex(self.hex(index)).to_string()
    }

    /// The id of turn `index` as 32 hex digits, without an allocation.
    pub fn hex(&self, index: u64) -> [u8; 32] {
        let b = index.to_le_bytes();
        let hi = xxhash_rust::xxh3::xxh3_64_with_seed(&b, self.k0);
        let lo = xxhash_rust::xxh3::xxh3_64_with_seed(&b, self.k1);
        let mut out = [0u8; 32];
        hex16(hi, &mut out[..16]);
        hex16(lo, &mut out[16..]);
        out
    }
}

/// `v` as 16 lower-case hex digits into `out[..16]`: sixteen nibbles at
/// once with SSE2 (x86_64's baseline), a digit at a time elsewhere.
#[inline]
fn hex16(v: u64, out: &mut [u8]) {
    assert!(out.len() >= 16);
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        let bytes = v.to_be_bytes();
        // SAFETY: SSE2 is part of the x86_64 baseline; the load reads the 8
        // bytes of `bytes`, the store writes 16 bytes of `out` (checked above).
        unsafe {
            let x = _mm_loadl_epi64(bytes.as_ptr() as *const __m128i);
            let mask = _mm_set1_epi8(0x0f);
            let hi = _mm_and_si128(_mm_srli_epi16(x, 4), mask);
            let lo = _mm_and_si128(x, mask);
            // high nibble first, byte by byte
            let n = _mm_unpacklo_epi8(hi, lo);
            // '0' + n, and 'a' - '0' - 10 more for 10..=15
            let letters = _mm_and_si128(_mm_cmpgt_epi8(n, _mm_set1_epi8(9)), _mm_set1_epi8(39));
            let digits = _mm_add_epi8(_mm_add_epi8(n, _mm_set1_epi8(b'0' as i8)), letters);
            _mm_storeu_si128(out.as_mut_ptr() as *mut __m128i, digits);
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        for (i, o) in out[..16].iter_mut().enumerate() {
            *o = HEX[((v >> (60 - 4 * i)) & 15) as usize];
        }
    }
}

/// A record's id: made from its source and turn index (32 hex digits, kept
/// inline: every record has one), or the id an input record supplied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Id {
    Hex([u8; 32]),
    Given(String),
}

impl std::ops::Deref for Id {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            // hex digits only (see `IdGen::hex`)
            Id::Hex(b) => std::str::from_utf8(b).unwrap_or_default(),
            Id::Given(s) => s,
        }
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

/// The stable id of turn `index` of `source` (see [`IdGen`]).
pub fn stable_id(source: &str, index: u64) -> String {
    IdGen::new(source).id(index)
}

pub use crate::enrich::words::count_words;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex16_matches_format() {
        for v in [
            0,
            1,
            9,
            10,
            15,
            16,
            0xdead_beef,
            u64::MAX,
            0x0123_4567_89ab_cdef,
        ] {
            let mut out = [0u8; 16];
            hex16(v, &mut out);
            assert_eq!(std::str::from_utf8(&out).unwrap(), format!("{v:016x}"));
        }
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..1000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let mut out = [0u8; 16];
            hex16(x, &mut out);
            assert_eq!(std::str::from_utf8(&out).unwrap(), format!("{x:016x}"));
        }
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = stable_id("a.txt", 0);
        assert_eq!(a, stable_id("a.txt", 0));
        assert_eq!(a.len(), 32);
        assert_ne!(a, stable_id("a.txt", 1));
        assert_ne!(a, stable_id("b.txt", 0));
        // pinned: ids must not change between releases
        assert_eq!(stable_id("-", 0), "b451e157050292007ed8326cc6155b36");
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
}
