//! The accounting contract, as property tests: whatever bytes come in, the
//! segmenter never panics, and every non-blank input line ends up in exactly
//! one record or is counted as boilerplate (nothing lost, nothing twice).

use std::sync::Arc;

use proptest::prelude::*;
use turnstream::config::Rules;
use turnstream::format;
use turnstream::record::Turn;
use turnstream::segment::{Limits, SegmentStats};
use turnstream::source::decode::{LineBatch, LineFramer};

/// Segment `bytes` fed in blocks of `block` bytes.
fn segment(bytes: &[u8], block: usize) -> (LineBatch, Vec<Turn>, SegmentStats) {
    let rules = Arc::new(Rules::default_rules());
    let mut framer = LineFramer::new(1 << 20);
    let mut all = LineBatch::default();
    let mut batches = Vec::new();
    for chunk in bytes.chunks(block.max(1)) {
        let mut b = LineBatch::default();
        framer.push(chunk, &mut b);
        batches.push(b);
    }
    let mut last = LineBatch::default();
    framer.finish(&mut last);
    batches.push(last);
    let first = batches
        .iter()
        .find(|b| !b.is_empty())
        .cloned()
        .unwrap_or_default();
    let fmt = format::sniff(&first, None);
    let mut seg = format::segmenter(fmt, &rules, Limits::default());
    let mut out = Vec::new();
    for b in &batches {
        seg.push(b, &mut out);
        for (r, s) in b.iter() {
            let start = all.text.len();
            all.text.push_str(s);
            all.lines.push(turnstream::source::decode::LineRef {
                start,
                end: all.text.len(),
                ..r
            });
        }
    }
    seg.finish(&mut out);
    (all, out, seg.stats().clone())
}

fn check_accounting(bytes: &[u8], block: usize) -> Result<(), TestCaseError> {
    let (lines, turns, stats) = segment(bytes, block);
    // NDJSON input counts unparsable lines separately
    let nonblank: Vec<u64> = lines
        .iter()
        .filter(|(_, s)| !s.trim().is_empty())
        .map(|(r, _)| r.number)
        .collect();
    let mut covered = 0u64;
    for n in &nonblank {
        let hits = turns
            .iter()
            .filter(|t| t.line_start <= *n && *n <= t.line_end)
            .count();
        prop_assert!(hits <= 1, "line {n} is in {hits} records");
        covered += hits as u64;
    }
    prop_assert_eq!(
        covered + stats.boilerplate + stats.bad_records,
        nonblank.len() as u64,
        "covered {} + boilerplate {} + bad {} != non-blank {}",
        covered,
        stats.boilerplate,
        stats.bad_records,
        nonblank.len()
    );
    // records come in line order and never overlap
    for w in turns.windows(2) {
        prop_assert!(w[0].line_end < w[1].line_start, "{:?} / {:?}", w[0], w[1]);
    }
    Ok(())
}

/// Lines that look like the real thing: labels of every style, events,
/// boilerplate, chrome, blank lines, and junk.
fn transcript_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(String::new()),
        Just("SECRETARY BLINKEN:  Good afternoon.".to_string()),
        Just("MR PRICE:  Next question.".to_string()),
        Just("Q    Thank you.".to_string()),
        Just("A    Yes.".to_string()),
        Just("HOLT: Good evening.".to_string()),
        Just("The Chair (Hon. A B (X, Lib.)): Order.".to_string()),
        Just("Lynne Neagle AM: Good afternoon.".to_string()),
        Just("Project Manager: Okay .".to_string()),
        Just("Carter G. Phillips".to_string()),
        Just("Operator".to_string()),
        Just("Jane A. Roe -- Chief Executive Officer".to_string()),
        Just("Prepared Remarks:".to_string()),
        Just("(APPLAUSE)".to_string()),
        Just("[Laughter]".to_string()),
        Just("END 7:49 P.M. EST".to_string()),
        Just("###".to_string()),
        Just("Duration: 49 minutes".to_string()),
        Just("U.S. Department of State".to_string()),
        Just("And my second question is: why?".to_string()),
        Just("WEBVTT".to_string()),
        Just("00:00:01.000 --> 00:00:02.000".to_string()),
        Just("{\"text\": \"hi\"}".to_string()),
        // page furniture, inside turns and between them
        Just("Heritage Reporting Corporation".to_string()),
        Just("                                         12".to_string()),
        Just("Page 3 of 9".to_string()),
        "[a-zA-Z ,.]{0,60}",
        "\\PC{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_never_panic_and_lines_are_accounted(bytes in proptest::collection::vec(any::<u8>(), 0..600), block in 1usize..64) {
        check_accounting(&bytes, block)?;
    }

    #[test]
    fn transcript_like_input_is_accounted(lines in proptest::collection::vec(transcript_line(), 0..60), crlf in any::<bool>(), block in 1usize..200) {
        let sep = if crlf { "\r\n" } else { "\n" };
        let text = lines.join(sep);
        check_accounting(text.as_bytes(), block)?;
    }
}

#[test]
fn a_numbered_page_s_empty_lines_are_accounted() {
    // a line number alone (a deposition page's empty line) is no text, but a
    // line of the input: counted as page furniture (found by fuzzing: with
    // the margin decided from the first lines, such lines were in no record
    // and not counted)
    let mut page = String::new();
    for n in 1..=25 {
        match n % 5 {
            0 => page.push_str(&format!("{n:2}\n")),
            1 => page.push_str(&format!("{n:2}        Q.    Where were you that night?\n")),
            2 => page.push_str(&format!("{n:2}        A.    At home, with my family.\n")),
            _ => page.push_str(&format!("{n:2}   and then we went on talking about it.\n")),
        }
    }
    for block in [7, 64, 300, 4096] {
        check_accounting(page.as_bytes(), block).unwrap();
    }
    let (_, _, stats) = segment(page.as_bytes(), 4096);
    assert_eq!(stats.boilerplate, 5, "the five bare numbers");
}

#[test]
fn the_seed_transcript_is_accounted() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/blinken-stockholm-2021-12-02.txt"
    ))
    .unwrap();
    check_accounting(&bytes, 4096).unwrap();
    let (_, turns, stats) = segment(&bytes, 4096);
    assert_eq!(turns.len(), 17);
    // lines 1-9 (5 non-blank) and 83-85 (2 non-blank) are website chrome
    assert_eq!(stats.boilerplate, 7);
}
