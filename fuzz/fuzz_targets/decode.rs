//! The decoder and line framer: any bytes, fed in any block sizes, give the
//! same lines, never panic, and never hold a line longer than the cap.
#![no_main]
use libfuzzer_sys::fuzz_target;
use turnstream::source::decode::{LineBatch, LineFramer, decode_all};

fuzz_target!(|data: &[u8]| {
    if data.is_empty() {
        return;
    }
    // first byte: block size and line cap
    let block = 1 + data[0] as usize % 37;
    let cap = 16 + data[0] as usize;
    let bytes = &data[1..];
    let (whole, whole_stats) = decode_all(bytes, cap);
    let mut f = LineFramer::new(cap);
    let mut out = LineBatch::default();
    for chunk in bytes.chunks(block) {
        f.push(chunk, &mut out);
    }
    f.finish(&mut out);
    // block boundaries never change the lines
    let a: Vec<(u64, &str)> = whole.iter().map(|(r, s)| (r.number, s)).collect();
    let b: Vec<(u64, &str)> = out.iter().map(|(r, s)| (r.number, s)).collect();
    if whole_stats.cut_lines == 0 {
        assert_eq!(a, b);
    }
    // the cap is on input bytes; lossy decoding may turn each invalid byte
    // into U+FFFD (3 bytes), so a piece is at most three times the cap
    for (_, s) in out.iter() {
        assert!(s.len() <= 3 * cap.max(16));
    }
    // line numbers never go backwards
    for w in b.windows(2) {
        assert!(w[0].0 <= w[1].0);
    }
});
