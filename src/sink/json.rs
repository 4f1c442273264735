//! A fast NDJSON encoder for [`Record`].
//!
//! Output is about twice the size of the input (a JSON object per turn), so the
//! encoder is on the hot path of every run. `serde_json` escapes strings one
//! byte at a time; here a string is scanned 32 bytes at a time (AVX2, stored
//! as it is scanned; 16 with SSE2 and 8 with SWAR where AVX2 is missing) for
//! the only bytes JSON requires escaping (`"`, `\`, and controls below 0x20)
//! and copied in bulk between them. The hot fields are written by hand in the
//! schema's order (topics and keyphrases too: most turns have them); the rare
//! nested ones (entities, carried-through input fields) go through serde. A
//! property test checks the bytes are identical to
//! `serde_json::to_vec(record)`.

use crate::record::Record;

const HEX: &[u8; 16] = b"0123456789abcdef";

#[inline]
fn has_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let lt20 = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    let q = x ^ (ONES * b'"' as u64);
    let quote = q.wrapping_sub(ONES) & !q & HIGH;
    let b = x ^ (ONES * b'\\' as u64);
    let bslash = b.wrapping_sub(ONES) & !b & HIGH;
    (lt20 | quote | bslash) != 0
}

/// Bit k set when byte k of the 16 needs escaping.
#[cfg(target_arch = "x86_64")]
#[inline]
fn sse2_escape_mask(b: &[u8]) -> u32 {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of the x86_64 baseline; `b` has 16 bytes and the
    // load is unaligned.
    unsafe {
        let v = _mm_loadu_si128(b.as_ptr() as *const __m128i);
        // bytes < 0x20 (unsigned): min(v, 0x1f) == v
        let ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
        let q = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let bs = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        _mm_movemask_epi8(_mm_or_si128(ctl, _mm_or_si128(q, bs))) as u32
    }
}

#[inline]
fn escape_byte(out: &mut Vec<u8>, b: u8) {
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        c if c < 0x20 => {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(c >> 4) as usize]);
            out.push(HEX[(c & 15) as usize]);
        }
        c => out.push(c),
    }
}

/// Append `s` as a JSON string (with quotes).
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    // short strings (ids, labels, names, roles) inline, without the call
    // and its setup: they are most of the strings written
    #[cfg(target_arch = "x86_64")]
    if s.len() <= 32 {
        out.reserve(s.len() + 2);
        out.push(b'"');
        // SAFETY: spare capacity holds `s.len()` more bytes (reserved above).
        unsafe { write_str_tail(out, s.as_bytes()) };
        out.push(b'"');
        return;
    }
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 is available (checked just above).
        unsafe { write_str_avx2(out, s) };
        return;
    }
    write_str_sse2(out, s);
}

/// Bit k set when byte k of the 32 in `v` needs escaping.
///
/// # Safety
/// AVX2 is available.
#[cfg(target_arch = "x86_64")]
#[inline]
#[target_feature(enable = "avx2")]
unsafe fn avx2_escape_mask(v: std::arch::x86_64::__m256i) -> u32 {
    use std::arch::x86_64::*;
    // bytes < 0x20 (unsigned): min(v, 0x1f) == v
    let ctl = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1f)), v);
    let q = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'"' as i8));
    let bs = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\\' as i8));
    _mm256_movemask_epi8(_mm256_or_si256(ctl, _mm256_or_si256(q, bs))) as u32
}

/// [`write_str`] with AVX2, storing as it scans: each 32-byte block is
/// stored into the output's spare capacity whole and the length advanced
/// to the first byte that needs escaping (or past the block). There is no
/// separate copy per run of plain bytes, which for short runs (a turn's
/// paragraphs are joined by `\n`) cost more than the scan. The tail (under
/// 32 bytes) is read with two overlapping loads, not copied into a padded
/// block: a load right after a byte-wise copy to the stack stalls.
///
/// # Safety
/// AVX2 is available.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn write_str_avx2(out: &mut Vec<u8>, s: &str) {
    use std::arch::x86_64::*;
    let b = s.as_bytes();
    // room for every remaining byte, one block of slack for the whole-block
    // store, and the closing quote: kept true after every escape
    out.reserve(b.len() + 34);
    out.push(b'"');
    let mut i = 0;
    while b.len() - i >= 32 {
        // SAFETY: the load reads 32 bytes within `b`; the store writes 32
        // bytes into spare capacity, which holds at least `b.len() - i + 33`
        // bytes (the invariant above); `set_len` covers only bytes written
        // from `b`.
        unsafe {
            let v = _mm256_loadu_si256(b.as_ptr().add(i) as *const __m256i);
            let len = out.len();
            _mm256_storeu_si256(out.as_mut_ptr().add(len) as *mut __m256i, v);
            let m = avx2_escape_mask(v);
            if m == 0 {
                out.set_len(len + 32);
                i += 32;
                continue;
            }
            let k = m.trailing_zeros() as usize;
            out.set_len(len + k);
            i += k;
        }
        escape_byte(out, b[i]);
        i += 1;
        out.reserve(b.len() - i + 33);
    }
    // SAFETY: spare capacity holds the tail (the invariant above).
    unsafe { write_str_tail(out, &b[i..]) };
    out.push(b'"');
}

/// Append `t` (at most 32 bytes) escaped: with two overlapping loads of 16,
/// 8 or 4 bytes (first and last) when no byte needs escaping, else a byte at
/// a time.
///
/// # Safety
/// `out` has spare capacity for `t.len()` bytes.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn write_str_tail(out: &mut Vec<u8>, t: &[u8]) {
    use std::arch::x86_64::*;
    use std::ptr::{read_unaligned, write_unaligned};
    let r = t.len();
    debug_assert!(r <= 32);
    let p = t.as_ptr();
    let len = out.len();
    // SAFETY: every load reads within `t` (first and last bytes of it); the
    // stores write `r` bytes into the spare capacity the caller guarantees;
    // the two stores overlap with the same bytes.
    let clean = unsafe {
        let dst = out.as_mut_ptr().add(len);
        if r >= 16 {
            let a = _mm_loadu_si128(p as *const __m128i);
            let z = _mm_loadu_si128(p.add(r - 16) as *const __m128i);
            let clean = sse2_escape_mask(std::slice::from_raw_parts(p, 16)) == 0
                && sse2_escape_mask(std::slice::from_raw_parts(p.add(r - 16), 16)) == 0;
            if clean {
                _mm_storeu_si128(dst as *mut __m128i, a);
                _mm_storeu_si128(dst.add(r - 16) as *mut __m128i, z);
            }
            clean
        } else if r >= 8 {
            let a = read_unaligned(p as *const u64);
            let z = read_unaligned(p.add(r - 8) as *const u64);
            let clean = !has_escape(a) && !has_escape(z);
            if clean {
                write_unaligned(dst as *mut u64, a);
                write_unaligned(dst.add(r - 8) as *mut u64, z);
            }
            clean
        } else if r >= 4 {
            let a = read_unaligned(p as *const u32);
            let z = read_unaligned(p.add(r - 4) as *const u32);
            // the upper half filled with a byte that needs no escape
            const FILL: u64 = 0x6161_6161 << 32;
            let clean = !has_escape(u64::from(a) | FILL) && !has_escape(u64::from(z) | FILL);
            if clean {
                write_unaligned(dst as *mut u32, a);
                write_unaligned(dst.add(r - 4) as *mut u32, z);
            }
            clean
        } else {
            false
        }
    };
    if clean {
        // SAFETY: the `r` bytes were just written.
        unsafe { out.set_len(len + r) };
        return;
    }
    for &c in t {
        if c < 0x20 || c == b'"' || c == b'\\' {
            escape_byte(out, c);
        } else {
            out.push(c);
        }
    }
}

/// [`write_str`] with SSE2 (the x86_64 baseline) and SWAR.
fn write_str_sse2(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0; // first byte not yet copied
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    while i + 16 <= bytes.len() {
        let m = sse2_escape_mask(&bytes[i..i + 16]);
        if m != 0 {
            let mut m = m;
            while m != 0 {
                let k = m.trailing_zeros() as usize;
                out.extend_from_slice(&bytes[start..i + k]);
                escape_byte(out, bytes[i + k]);
                start = i + k + 1;
                m &= m - 1;
            }
        }
        i += 16;
    }
    while i + 8 <= bytes.len() {
        let x = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        if has_escape(x) {
            for (k, &b) in bytes[i..i + 8].iter().enumerate() {
                if b < 0x20 || b == b'"' || b == b'\\' {
                    out.extend_from_slice(&bytes[start..i + k]);
                    escape_byte(out, b);
                    start = i + k + 1;
                }
            }
        }
        i += 8;
    }
    for (k, &b) in bytes[i..].iter().enumerate() {
        if b < 0x20 || b == b'"' || b == b'\\' {
            out.extend_from_slice(&bytes[start..i + k]);
            escape_byte(out, b);
            start = i + k + 1;
        }
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// `v` in decimal, its digits written in place (no copy from a buffer: four
/// numbers a record), two at a time from a table of "00" to "99": line
/// numbers in a long input have seven digits, and one division a digit was
/// a twentieth of the encoder's time.
fn write_u64(out: &mut Vec<u8>, mut v: u64) {
    const PAIRS: [u8; 200] = {
        let mut t = [0u8; 200];
        let mut i = 0;
        while i < 100 {
            t[2 * i] = b'0' + (i / 10) as u8;
            t[2 * i + 1] = b'0' + (i % 10) as u8;
            i += 1;
        }
        t
    };
    let n = (v.checked_ilog10().unwrap_or(0) + 1) as usize;
    out.reserve(n);
    let len = out.len();
    let digits = &mut out.spare_capacity_mut()[..n];
    let mut at = n;
    while at >= 2 {
        let p = (v % 100) as usize * 2;
        v /= 100;
        digits[at - 2].write(PAIRS[p]);
        digits[at - 1].write(PAIRS[p + 1]);
        at -= 2;
    }
    if at == 1 {
        digits[0].write(b'0' + v as u8);
    }
    // SAFETY: the `n` bytes after `len` were just written.
    unsafe { out.set_len(len + n) };
}

/// A topic score. Scores are rounded to four decimals, and such a number is
/// written (by serde's shortest round-trip formatting) as its integer part,
/// a dot and its decimals without trailing zeros: done here with integer
/// arithmetic. Any other number goes through serde.
fn write_score(out: &mut Vec<u8>, v: f64) {
    let k = (v * 1e4).round();
    if !(0.0..1e9).contains(&k) || k / 1e4 != v {
        write_serde(out, &v);
        return;
    }
    let k = k as u64;
    write_u64(out, k / 10_000);
    out.push(b'.');
    let mut frac = k % 10_000;
    if frac == 0 {
        out.push(b'0');
        return;
    }
    let mut digits = 4;
    while frac % 10 == 0 {
        frac /= 10;
        digits -= 1;
    }
    let mut buf = [b'0'; 4];
    for d in buf[..digits].iter_mut().rev() {
        *d = b'0' + (frac % 10) as u8;
        frac /= 10;
    }
    out.extend_from_slice(&buf[..digits]);
}

fn write_serde<T: serde::Serialize>(out: &mut Vec<u8>, v: &T) {
    serde_json::to_writer(&mut *out, v).expect("values always serialise");
}

/// `,"name":` as one slice: the key names are literals, so the whole
/// separator is assembled at compile time.
macro_rules! key {
    ($out:expr, $k:literal) => {
        $out.extend_from_slice(concat!(",\"", $k, "\":").as_bytes())
    };
}

/// Append one record as a JSON object (no newline). Byte-identical to
/// `serde_json::to_vec(r)`.
pub fn write_record(out: &mut Vec<u8>, r: &Record) {
    Encoder::default().write(out, r)
}

/// Writes records one after another, remembering the encoded `source` of
/// the last one (a batch's records share it).
#[derive(Default)]
pub struct Encoder {
    source: Option<(std::sync::Arc<str>, Vec<u8>)>,
    /// Encoded speaker objects of the last few distinct speakers, with the
    /// speakers they encode: a transcript goes back and forth between a
    /// handful of them, and the speaker stage shares one string per field
    /// between a label's turns, so a hit is a few pointer compares and one
    /// copy instead of six escaped strings.
    speakers: Vec<(Box<crate::record::Speaker>, Vec<u8>)>,
    /// Next cache slot to replace once it is full.
    next_slot: usize,
}

/// Speakers cached by an [`Encoder`].
const SPEAKER_SLOTS: usize = 16;

/// The same strings (not only equal ones) in every field.
fn same_speaker(a: &crate::record::Speaker, b: &crate::record::Speaker) -> bool {
    use std::sync::Arc;
    let opt = |x: &Option<Arc<str>>, y: &Option<Arc<str>>| match (x, y) {
        (None, None) => true,
        (Some(x), Some(y)) => Arc::ptr_eq(x, y),
        _ => false,
    };
    Arc::ptr_eq(&a.label, &b.label)
        && opt(&a.name, &b.name)
        && opt(&a.title, &b.title)
        && opt(&a.role, &b.role)
        && opt(&a.affiliation, &b.affiliation)
        && opt(&a.constituency, &b.constituency)
        && a.attribution == b.attribution
}

/// `{"label":...}`: a speaker object.
fn write_speaker(out: &mut Vec<u8>, s: &crate::record::Speaker) {
    out.extend_from_slice(b"{\"label\":");
    write_str(out, &s.label);
    for (k, v) in [
        (&b",\"name\":"[..], &s.name),
        (b",\"title\":", &s.title),
        (b",\"role\":", &s.role),
        (b",\"affiliation\":", &s.affiliation),
        (b",\"constituency\":", &s.constituency),
    ] {
        if let Some(v) = v {
            out.extend_from_slice(k);
            write_str(out, v);
        }
    }
    if let Some(v) = &s.attribution {
        out.extend_from_slice(b",\"attribution\":");
        write_str(out, v);
    }
    out.push(b'}');
}

impl Encoder {
    /// Append one record as a JSON object (no newline), like [`write_record`].
    pub fn write(&mut self, out: &mut Vec<u8>, r: &Record) {
        write_head(out, r);
        key!(out, "source");
        match &self.source {
            Some((s, enc)) if std::sync::Arc::ptr_eq(s, &r.source) => out.extend_from_slice(enc),
            _ => {
                let mut enc = Vec::with_capacity(r.source.len() + 2);
                write_str(&mut enc, &r.source);
                out.extend_from_slice(&enc);
                self.source = Some((r.source.clone(), enc));
            }
        }
        write_tail(out, r, self);
    }

    /// The speaker object of `s`, from the cache when it is there.
    fn speaker(&mut self, out: &mut Vec<u8>, s: &crate::record::Speaker) {
        if let Some((_, enc)) = self.speakers.iter().find(|(c, _)| same_speaker(c, s)) {
            out.extend_from_slice(enc);
            return;
        }
        let at = out.len();
        write_speaker(out, s);
        let entry = (Box::new(s.clone()), out[at..].to_vec());
        if self.speakers.len() < SPEAKER_SLOTS {
            self.speakers.push(entry);
        } else {
            self.speakers[self.next_slot] = entry;
            self.next_slot = (self.next_slot + 1) % SPEAKER_SLOTS;
        }
    }
}

/// `{"schema":...,"kind":...,"id":...`
fn write_head(out: &mut Vec<u8>, r: &Record) {
    const TURN: &[u8] = b"{\"schema\":\"turnstream.turn/1\",\"kind\":\"turn\",\"id\":";
    const EVENT: &[u8] = b"{\"schema\":\"turnstream.turn/1\",\"kind\":\"event\",\"id\":";
    if r.schema == crate::record::SCHEMA {
        out.extend_from_slice(match r.kind {
            crate::record::Kind::Turn => TURN,
            crate::record::Kind::Event => EVENT,
        });
    } else {
        out.extend_from_slice(b"{\"schema\":");
        write_str(out, r.schema);
        key!(out, "kind");
        out.extend_from_slice(match r.kind {
            crate::record::Kind::Turn => b"\"turn\"",
            crate::record::Kind::Event => b"\"event\"",
        });
        key!(out, "id");
    }
    match &r.id {
        // hex digits: nothing to escape
        crate::record::Id::Hex(h) => {
            out.reserve(h.len() + 2);
            out.push(b'"');
            out.extend_from_slice(h);
            out.push(b'"');
        }
        crate::record::Id::Given(s) => write_str(out, s),
    }
}

/// Everything after `source`.
fn write_tail(out: &mut Vec<u8>, r: &Record, enc: &mut Encoder) {
    key!(out, "turn");
    write_u64(out, r.turn);
    key!(out, "speaker");
    match &r.speaker {
        None => out.extend_from_slice(b"null"),
        Some(s) => enc.speaker(out, s),
    }
    key!(out, "text");
    write_str(out, &r.text);
    key!(out, "line_start");
    write_u64(out, r.line_start);
    key!(out, "line_end");
    write_u64(out, r.line_end);
    key!(out, "words");
    write_u64(out, r.words);
    key!(out, "events");
    out.push(b'[');
    for (i, e) in r.events.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_str(out, e);
    }
    out.push(b']');
    key!(out, "format");
    out.push(b'"');
    out.extend_from_slice(r.format.name().as_bytes());
    out.push(b'"');
    if let Some(v) = r.start {
        key!(out, "start");
        write_serde(out, &v);
    }
    if let Some(v) = r.end {
        key!(out, "end");
        write_serde(out, &v);
    }
    if r.continued {
        key!(out, "continued");
        out.extend_from_slice(b"true");
    }
    if let Some(v) = &r.entities {
        key!(out, "entities");
        write_serde(out, v);
    }
    if let Some(v) = &r.topics {
        key!(out, "topics");
        out.push(b'[');
        for (i, t) in v.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"id\":");
            write_str(out, &t.id);
            out.extend_from_slice(b",\"label\":");
            write_str(out, &t.label);
            out.extend_from_slice(b",\"score\":");
            write_score(out, t.score);
            out.push(b'}');
        }
        out.push(b']');
    }
    if let Some(v) = &r.keyphrases {
        key!(out, "keyphrases");
        out.push(b'[');
        for (i, k) in v.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_str(out, k);
        }
        out.push(b']');
    }
    if let Some(extra) = &r.extra {
        for (k, v) in extra.iter() {
            out.push(b',');
            write_str(out, k);
            out.push(b':');
            write_serde(out, v);
        }
    }
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Entity, Format, Kind, Speaker, Topic, Turn};
    use proptest::prelude::*;
    use std::sync::Arc;

    fn same_as_serde(r: &Record) {
        let mut mine = Vec::new();
        write_record(&mut mine, r);
        let theirs = serde_json::to_vec(r).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&mine),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[test]
    fn scores_match_serde() {
        for k in (0..=20_000).chain([123_456, 99_999_999]) {
            let v = k as f64 / 1e4;
            let mut mine = Vec::new();
            write_score(&mut mine, v);
            assert_eq!(mine, serde_json::to_vec(&v).unwrap(), "{v}");
        }
        for v in [0.123_456, 1e-7, 2.5e12, -0.5, 1e300] {
            let mut mine = Vec::new();
            write_score(&mut mine, v);
            assert_eq!(mine, serde_json::to_vec(&v).unwrap(), "{v}");
        }
    }

    #[test]
    fn full_record_matches_serde() {
        let src: Arc<str> = Arc::from("dir/a \"b\".txt");
        let mut t = Turn::new(
            Kind::Turn,
            Some(Box::new(Speaker {
                label: "MR PRICE".into(),
                name: Some("Ned Price".into()),
                role: Some("moderator".into()),
                ..Speaker::default()
            })),
            3,
        );
        t.text = "He said \"hi\"\\\n\ttab \u{1} caf\u{e9} \u{1F600}".into();
        t.start = Some(1.25);
        t.end = Some(3.0);
        t.continued = true;
        let mut extra = serde_json::Map::new();
        extra.insert("lang".into(), "en".into());
        extra.insert("n".into(), 3.into());
        t.extra = Some(Box::new(extra));
        let mut r = Record::from_turn(t, &src, 7, Format::Vtt);
        r.events = vec!["(Laughter.)".into()];
        r.entities = Some(vec![Entity {
            text: "Ned".into(),
            kind: "PERSON".into(),
            start: 0,
            end: 3,
            canonical: None,
        }]);
        r.topics = Some(vec![Topic {
            id: "medtop:11000000".into(),
            label: "politics and government".into(),
            score: 0.5,
        }]);
        r.keyphrases = Some(Box::new(["a b", "c \"d\""].into_iter().collect()));
        same_as_serde(&r);
        let mut e = Record::from_turn(Turn::new(Kind::Event, None, 1), &src, 0, Format::Text);
        e.text = "(APPLAUSE)".into();
        same_as_serde(&e);
    }

    #[test]
    fn cached_speakers_match_serde() {
        // one encoder over records whose speakers share strings, differ in
        // one field, or are equal without sharing: each line as serde writes
        // it, past the cache's size
        let src: Arc<str> = Arc::from("a.txt");
        let label: Arc<str> = Arc::from("MR PRICE");
        let name: Arc<str> = Arc::from("Ned \"P\" Price");
        let speaker = |label: &Arc<str>, role: Option<&str>| Speaker {
            label: label.clone(),
            name: Some(name.clone()),
            role: role.map(Arc::from),
            ..Speaker::default()
        };
        let mut speakers = vec![
            speaker(&label, None),
            speaker(&label, None),
            speaker(&label, Some("moderator")),
            speaker(&Arc::from("MR PRICE"), None),
            speaker(&label, None),
        ];
        for n in 0..2 * SPEAKER_SLOTS {
            speakers.push(speaker(&Arc::from(format!("Q{n}")), None));
            speakers.push(speaker(&label, Some("moderator")));
        }
        let mut enc = Encoder::default();
        for (i, s) in speakers.into_iter().enumerate() {
            let t = Turn::new(Kind::Turn, Some(Box::new(s)), i as u64 + 1);
            let r = Record::from_turn(t, &src, i as u64, Format::Text);
            let mut mine = Vec::new();
            enc.write(&mut mine, &r);
            assert_eq!(
                String::from_utf8(mine).unwrap(),
                serde_json::to_string(&r).unwrap(),
                "record {i}"
            );
        }
    }

    #[test]
    fn numbers_match_serde() {
        let mut v = 1u64;
        let mut cases = vec![0, 9, 10, 99, 100, u64::MAX];
        while let Some(n) = v.checked_mul(7) {
            cases.extend([n - 1, n, n + 1]);
            v = n;
        }
        for k in cases {
            let mut mine = b"x".to_vec();
            write_u64(&mut mine, k);
            assert_eq!(&mine[1..], serde_json::to_vec(&k).unwrap(), "{k}");
        }
    }

    #[test]
    fn every_length_and_escape_position_matches_serde() {
        for n in 0..80 {
            for at in (0..n).chain([usize::MAX]) {
                let s: String = (0..n)
                    .map(|k| {
                        if k == at {
                            '"'
                        } else {
                            (b'a' + (k % 26) as u8) as char
                        }
                    })
                    .collect();
                let mut mine = Vec::new();
                write_str(&mut mine, &s);
                assert_eq!(mine, serde_json::to_vec(&s).unwrap(), "{n} {at}");
            }
        }
    }

    proptest! {
        #[test]
        fn strings_match_serde(s in "\\PC*|[\"\\\\\u{0}-\u{1f}a-z]{0,40}|([a-z ]{0,40}[\"\n\u{1}]){0,6}") {
            let want = serde_json::to_vec(&s).unwrap();
            let mut mine = Vec::new();
            write_str(&mut mine, &s);
            prop_assert_eq!(&mine, &want);
            // both SIMD paths, whichever `write_str` picked
            let mut sse2 = b"x".to_vec();
            write_str_sse2(&mut sse2, &s);
            prop_assert_eq!(&sse2[1..], &want[..]);
            #[cfg(target_arch = "x86_64")]
            if std::is_x86_feature_detected!("avx2") {
                let mut avx2 = b"x".to_vec();
                // SAFETY: AVX2 was just detected.
                unsafe { write_str_avx2(&mut avx2, &s) };
                prop_assert_eq!(&avx2[1..], &want[..]);
            }
        }
    }
}
