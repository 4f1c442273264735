//! Subtitle and timestamped transcripts: WebVTT, SRT, Otter, Rev, stamped
//! lines. Each fixture is reviewed as a snapshot (one line per record, with
//! times and format); the specific promises are asserted too.

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (Vec<Value>, String, Option<i32>) {
    run_with_stdin(args, "")
}

/// The binary's records, stderr and exit code, on `args` and `stdin`.
fn run_with_stdin(args: &[&str], stdin: &str) -> (Vec<Value>, String, Option<i32>) {
    let out = Command::cargo_bin("turnstream")
        .unwrap()
        .args(["--enrich", "none"])
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    let recs = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (
        recs,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

fn compact(recs: &[Value]) -> String {
    recs.iter()
        .map(|r| {
            let t = |k: &str| {
                r.get(k)
                    .and_then(Value::as_f64)
                    .map_or("-".to_string(), |v| format!("{v}"))
            };
            let text: String = r["text"].as_str().unwrap().chars().take(46).collect();
            format!(
                "{:>2} {:>3}-{:<3} {} {:>7}-{:<7} {:<16} | {}\n",
                r["turn"],
                r["line_start"],
                r["line_end"],
                r["format"].as_str().unwrap(),
                t("start"),
                t("end"),
                r["speaker"]["label"].as_str().unwrap_or("-"),
                text
            )
        })
        .collect()
}

fn snap(name: &str) -> Vec<Value> {
    let (recs, _, code) = run(&[&fixture(name)]);
    assert_eq!(code, Some(0));
    recs
}

#[test]
fn vtt_voice_spans_and_blocks() {
    let recs = snap("w3c-voices.vtt");
    insta::assert_snapshot!(compact(&recs));
    let labels: Vec<&str> = recs
        .iter()
        .map(|r| r["speaker"]["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Roger Bingham", "Esme", "Mary", "Roger Bingham"]);
    // consecutive cues of one voice form one turn, from the first cue's
    // identifier to the last cue's text line
    assert_eq!(recs[0]["line_start"], 13);
    assert_eq!(recs[0]["line_end"], 19);
    // two voices on one line: the line is in both records (the only case
    // where a line is shared)
    assert_eq!(recs[2]["line_end"], 30);
    assert_eq!(recs[3]["line_start"], 30);
    assert_eq!(recs[0]["start"], 0.0);
    assert_eq!(recs[0]["end"], 4.0);
    // markup stripped, entities decoded, inline timestamps removed
    assert_eq!(recs[1]["text"], "It's a blue apple tree! No way!");
    assert_eq!(recs[3]["text"], "Indeed & more. Karaoke style words");
    assert!(recs.iter().all(|r| r["format"] == "vtt"));
}

#[test]
fn vtt_zoom_and_teams_exports() {
    let zoom = snap("zoom.vtt");
    insta::assert_snapshot!("zoom", compact(&zoom));
    assert_eq!(zoom.len(), 3);
    assert_eq!(zoom[1]["speaker"]["label"], "Raj Patel");
    assert_eq!(
        zoom[1]["text"],
        "Yes, it looks good. Go ahead whenever you are ready."
    );
    let teams = snap("teams.vtt");
    insta::assert_snapshot!("teams", compact(&teams));
    assert_eq!(teams.len(), 2);
    assert_eq!(teams[0]["line_start"], 3);
    assert_eq!(teams[0]["end"], 8.01);
}

#[test]
fn srt_broadcast_chevrons() {
    let recs = snap("broadcast.srt");
    insta::assert_snapshot!(compact(&recs));
    assert_eq!(recs.len(), 3);
    // `>> NAME:` opens a turn that later unlabelled cues continue
    assert_eq!(recs[0]["speaker"]["label"], "JUDY WOODRUFF");
    assert_eq!(recs[0]["end"], 6.0);
    // a bare `>>` is a new, unnamed speaker
    assert!(recs[1]["speaker"].is_null());
    assert_eq!(
        recs[1]["text"],
        "THANK YOU, JUDY. THE WINDS PICKED UP AFTER MIDNIGHT."
    );
    assert_eq!(recs[2]["speaker"]["label"], "AMNA NAWAZ");
    assert!(recs.iter().all(|r| r["format"] == "srt"));
}

#[test]
fn srt_dialogue_dashes_and_names() {
    let recs = snap("dialogue.srt");
    insta::assert_snapshot!(compact(&recs));
    assert_eq!(recs[0]["text"], "Previously on the show...");
    assert_eq!(recs[1]["text"], "Are you coming tonight?");
    assert_eq!(recs[2]["text"], "Not tonight.");
    assert_eq!(recs[2]["line_start"], 8);
    assert_eq!(recs[3]["speaker"]["label"], "MAYA");
    assert_eq!(recs[3]["text"], "Then tomorrow. Promise?");
    assert_eq!(recs[3]["start"], 5.5);
    assert_eq!(recs[3]["end"], 9.0);
}

#[test]
fn malformed_cues_warn_with_line_and_keep_text() {
    let (recs, err, code) = run(&[&fixture("malformed.srt")]);
    assert_eq!(code, Some(0));
    assert!(err.contains("malformed.srt:6"), "{err}");
    assert!(err.contains("malformed timing line"), "{err}");
    assert!(err.contains("malformed.srt:13"), "{err}");
    let all: String = recs
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(all.contains("Second cue, broken arrow."));
    assert!(all.contains("stray text after a blank line"));
    assert_eq!(recs[0]["speaker"]["label"], "ALICE");
    assert_eq!(recs[0]["end"], 2.0, "the broken cue has no times");
}

#[test]
fn detection_with_and_without_extensions() {
    let (a, _, _) = run(&[&fixture("no-extension-vtt")]);
    assert!(a.iter().all(|r| r["format"] == "vtt"));
    let (b, _, _) = run(&[&fixture("srt-named.txt")]);
    assert!(b.iter().all(|r| r["format"] == "srt"));
    let (c, _, _) = run(&["--input-format", "text", &fixture("zoom.vtt")]);
    assert!(c.iter().all(|r| r["format"] == "text"));
    // from stdin, by content
    let out = Command::cargo_bin("turnstream")
        .unwrap()
        .args(["--enrich", "none"])
        .write_stdin(std::fs::read(fixture("teams.vtt")).unwrap())
        .output()
        .unwrap();
    let first: Value =
        serde_json::from_slice(out.stdout.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(first["format"], "vtt");
}

#[test]
fn otter_rev_and_stamped_text() {
    let otter = snap("otter.txt");
    insta::assert_snapshot!("otter", compact(&otter));
    assert_eq!(otter[1]["speaker"]["label"], "Jane Smith");
    assert_eq!(otter[1]["start"], 9.0);
    assert_eq!(otter[1]["end"], 62.0);
    let rev = snap("rev.txt");
    insta::assert_snapshot!("rev", compact(&rev));
    assert_eq!(rev[0]["speaker"]["label"], "President Donald J. Trump");
    assert_eq!(
        rev[0]["text"],
        "Thank you very much. It's great to be here."
    );
    assert_eq!(rev[3]["speaker"]["label"], "Mary Jones");
    assert_eq!(rev[3]["start"], 195.0);
    let stamped = snap("stamped.txt");
    insta::assert_snapshot!("stamped", compact(&stamped));
    assert_eq!(stamped.len(), 5);
    assert_eq!(stamped[4]["speaker"]["label"], "SPEAKER_00");
    assert_eq!(stamped[4]["start"], 15.0);
}

#[test]
fn congressional_hearing_period_labels() {
    // GPO hearing transcripts: `Chairman GRAHAM. speech`, no colon, hard
    // wrapped lines, the front matter before the first label is boilerplate
    let recs = snap("hearing.txt");
    let labels: Vec<&str> = recs
        .iter()
        .map(|r| r["speaker"]["label"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        labels,
        [
            "Chairman GRAHAM",
            "Senator FEINSTEIN",
            "Mr. DOE",
            "Chairman GRAHAM",
            "Senator GRASSLEY",
            "Mr. DOE"
        ]
    );
    assert_eq!(recs[0]["line_start"], 16);
    assert_eq!(recs[0]["line_end"], 18);
    assert!(
        recs[0]["text"]
            .as_str()
            .unwrap()
            .ends_with("Senator Feinstein.")
    );
    assert_eq!(recs[1]["speaker"]["name"], "Senator Feinstein");
    assert_eq!(
        recs[2]["text"],
        "Thank you, Senator. It is an honor to be here."
    );
}

#[test]
fn bracketed_and_tab_separated_times_after_a_name() {
    // Descript / Sonix: `Sarah Jones [00:00:01]` alone on its line
    let recs = snap("descript.txt");
    let got: Vec<(String, f64)> = recs
        .iter()
        .map(|r| {
            (
                r["speaker"]["label"].as_str().unwrap().to_string(),
                r["start"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Sarah Jones".to_string(), 1.0),
            ("Tom Lee".to_string(), 5.0),
            ("Sarah Jones".to_string(), 9.0)
        ]
    );
    // `Respondent<TAB>00:00:09`: one word seen once, but timed like the
    // recurring `Interviewer` lines
    let recs = snap("timed-tabs.txt");
    let labels: Vec<&str> = recs
        .iter()
        .map(|r| r["speaker"]["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Interviewer", "Respondent", "Interviewer"]);
    assert_eq!(recs[1]["text"], "Well, it started in 2019.");
}

#[test]
fn congressional_hearing_mixed_case_period_labels() {
    // recent GPO hearings write the surname in mixed case (`Chairwoman
    // Rivera. Good morning.`): a label where it starts an indented
    // paragraph in a document written in that style; a wrapped line that
    // happens to start with `Chairwoman Rivera.` is speech
    let recs = snap("hearing-mixed.txt");
    let got: Vec<(&str, u64, u64)> = recs
        .iter()
        .map(|r| {
            (
                r["speaker"]["label"].as_str().unwrap_or("-"),
                r["line_start"].as_u64().unwrap(),
                r["line_end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Chairwoman Rivera", 13, 16),
            ("Mr. Okafor", 17, 18),
            ("Chairwoman Rivera", 19, 20),
            ("Dr. Abernathy", 21, 23),
            ("Chairwoman Rivera", 24, 24),
            ("Ms. Lindqvist", 25, 27),
            ("Dr. Abernathy", 28, 28),
            // seen once, accepted by the document's style
            ("Mr. Ng", 29, 29),
            ("Dr. Abernathy", 30, 30),
            ("Chairwoman Rivera", 31, 32),
        ]
    );
    assert!(
        recs[5]["text"]
            .as_str()
            .unwrap()
            .ends_with("Chairwoman Rivera. She may wish to follow up.")
    );
    assert_eq!(
        recs[1]["text"],
        "Thank you, Madam Chair. I look forward to the testimony."
    );
}

#[test]
fn commons_hansard_name_lines_with_seat_and_party() {
    // UK Commons Hansard: a name line with the seat and party in
    // parentheses (and a question number before it), the speech below; a
    // later turn names the member without them
    let recs = snap("commons.txt");
    let got: Vec<(&str, u64)> = recs
        .iter()
        .map(|r| {
            (
                r["speaker"]["label"].as_str().unwrap_or("-"),
                r["line_start"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Dr Ann Holloway (Eastvale and Ford) (Lab)", 4),
            ("The Prime Minister (Tom Ashby)", 7),
            ("Dr Holloway", 10),
            ("The Prime Minister", 13),
            ("Mr Speaker", 16),
            ("Grace Penhallow (Northmoor) (Con)", 19),
            ("The Prime Minister", 22),
            ("Grace Penhallow", 25),
            ("The Prime Minister", 28),
            ("Sir David Okoro (Southport West) (LD)", 31),
            ("The Prime Minister", 34),
        ]
    );
    let sp = |i: usize, k: &str| recs[i]["speaker"][k].as_str().map(str::to_string);
    assert_eq!(sp(0, "name").as_deref(), Some("Ann Holloway"));
    assert_eq!(sp(0, "constituency").as_deref(), Some("Eastvale and Ford"));
    assert_eq!(sp(0, "affiliation").as_deref(), Some("Lab"));
    // short forms learn the full label's person
    assert_eq!(sp(2, "name").as_deref(), Some("Ann Holloway"));
    assert_eq!(sp(3, "name").as_deref(), Some("Tom Ashby"));
    assert_eq!(sp(7, "affiliation").as_deref(), Some("Con"));
    assert_eq!(recs[7]["events"][0], "(Interruption.)");
}

#[test]
fn broadcast_labels_with_titles_and_numbered_voices() {
    // radio and television transcripts: `NAME, TITLE:` alone or before the
    // speech, `UNIDENTIFIED PERSON #1:`, soundbite notes between turns
    let recs = snap("radio.txt");
    let got: Vec<(&str, &str)> = recs
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap(),
                r["speaker"]["label"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("turn", "MARTA LINDGREN, HOST"),
            ("event", "-"),
            ("turn", "UNIDENTIFIED PERSON #1"),
            ("turn", "UNIDENTIFIED PERSON #2"),
            ("turn", "MARTA LINDGREN, HOST"),
            ("turn", "FELIX AMSEL, BYLINE"),
            ("turn", "LINDGREN"),
            ("turn", "AMSEL"),
            ("event", "-"),
            ("turn", "LINDGREN"),
        ]
    );
    let sp = |i: usize| &recs[i]["speaker"];
    assert_eq!(sp(0)["name"], "Marta Lindgren");
    assert_eq!(sp(0)["title"], "Host");
    assert_eq!(sp(0)["role"], "host");
    assert_eq!(sp(2)["role"], "unknown");
    assert!(sp(2).get("name").is_none());
    // the surname alone is the person of the full label
    assert_eq!(sp(6)["name"], "Marta Lindgren");
    assert_eq!(sp(7)["name"], "Felix Amsel");
}

#[test]
fn meeting_records_with_countries_and_interpretation_notes() {
    // United Nations records: most delegates speak once; an honorific and a
    // name before the colon make a label on first sight, the country is the
    // affiliation and `(spoke in French)` is no part of it
    let recs = snap("security-council.txt");
    let labels: Vec<&str> = recs
        .iter()
        .map(|r| r["speaker"]["label"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        labels,
        [
            "The President",
            "Ms. Okonkwo",
            "The President",
            "Mr. Varga (Norland) (spoke in French)",
            "Mrs. Delacroix-Hale (Republic of Estmar)",
            "Mr. Li Wen (Sundara) (spoke in Chinese)",
            "The President",
        ]
    );
    assert_eq!(recs[0]["line_start"], 7);
    assert_eq!(recs[3]["speaker"]["affiliation"], "Norland");
    assert_eq!(recs[4]["speaker"]["affiliation"], "Republic of Estmar");
    assert_eq!(recs[5]["speaker"]["name"], "Li Wen");
}

#[test]
fn depositions_with_line_numbers_in_the_margin() {
    // every line of every page numbered (`1` to `25`, then `1` again):
    // the numbers are removed before the rules see the line, so `Q.`/`A.`
    // and `MS. IBARRA:` start turns; the witness is named from the lines
    // that swear them in, the examiner from `BY MR. HALVERSEN:`
    let recs = snap("deposition.txt");
    let got: Vec<(&str, &str, u64, u64)> = recs
        .iter()
        .map(|r| {
            (
                r["speaker"]["label"].as_str().unwrap_or("-"),
                r["speaker"]["name"].as_str().unwrap_or("-"),
                r["line_start"].as_u64().unwrap(),
                r["line_end"].as_u64().unwrap(),
            )
        })
        .collect();
    // `10:02 a.m.` ends the sentence on the line before: no clock-time
    // boilerplate; the swearing-in lines and `EXAMINATION` are in no turn
    assert_eq!(got[0], ("THE VIDEOGRAPHER", "The Videographer", 2, 3));
    assert_eq!(recs[0]["text"], "We are on the record at 10:02 a.m.");
    assert_eq!(got[1], ("Q", "Mr. Halversen", 8, 8));
    assert_eq!(got[2], ("A", "Ruth Calloway", 9, 9));
    assert_eq!(got[4], ("A", "Ruth Calloway", 11, 12));
    assert_eq!(got[5], ("MS. IBARRA", "Ms. Ibarra", 13, 13));
    assert_eq!(got.len(), 10);
    // the rest of the line is the speech, without the number
    assert_eq!(
        recs[4]["text"],
        "In Springfield, on Elm Street, for about ten years now."
    );
    assert_eq!(recs[9]["text"], "Five years.");
    // the `Page 13` header at the top of the next page is no part of the
    // answer before it
    assert_eq!(recs[7]["text"], "Yes, I live there.");
    assert_eq!(recs[7]["line_end"], 15);
}

#[test]
fn research_interviews_and_focus_groups() {
    // `I:` (the interviewer: not the pronoun) and `R:`, `P1:` for numbered
    // participants; the line before the first label is a heading
    let labels = |name: &str| -> Vec<(String, String)> {
        snap(name)
            .iter()
            .map(|r| {
                (
                    r["speaker"]["label"].as_str().unwrap_or("-").to_string(),
                    r["speaker"]["role"].as_str().unwrap_or("-").to_string(),
                )
            })
            .collect()
    };
    let pair = |l: &str, r: &str| (l.to_string(), r.to_string());
    assert_eq!(
        labels("interviews.txt"),
        [
            pair("I", "host"),
            pair("R", "guest"),
            pair("I", "host"),
            pair("R", "guest")
        ]
    );
    assert_eq!(
        labels("focus-group.txt"),
        [
            pair("P1", "unknown"),
            pair("P2", "unknown"),
            pair("Moderator", "moderator"),
            pair("P1", "unknown"),
            pair("P3", "unknown"),
            pair("Moderator", "moderator")
        ]
    );
}

#[test]
fn teams_names_written_surname_first() {
    // a directory's `Okafor, Grace` with Teams' time after it
    let recs = snap("teams.txt");
    let got: Vec<(&str, &str, f64)> = recs
        .iter()
        .map(|r| {
            (
                r["speaker"]["label"].as_str().unwrap(),
                r["speaker"]["name"].as_str().unwrap(),
                r["start"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Okafor, Grace", "Grace Okafor", 3.0),
            ("Lindqvist, Erik", "Erik Lindqvist", 10.0),
            ("Okafor, Grace", "Grace Okafor", 62.0)
        ]
    );
}

#[test]
fn youtube_rolling_captions_are_not_repeated() {
    // YouTube's automatic captions: each cue repeats the line before it,
    // with word timings, and a 10 ms cue repeats it alone; a line of one
    // space opens each cue
    let recs = snap("youtube-auto.vtt");
    let got: Vec<(&str, f64)> = recs
        .iter()
        .map(|r| (r["text"].as_str().unwrap(), r["start"].as_f64().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("welcome back to the show", 0.0),
            ("today we're talking about rust", 2.36),
            ("and why it matters", 5.119)
        ]
    );
    // ordinary subtitles keep a line said twice
    let recs = snap("repeats.vtt");
    let texts: Vec<&str> = recs.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["No.", "No.", "No. I said no."]);
}

#[test]
fn earnings_call_with_participant_lists_first() {
    // a call whose participants are listed under `Company Participants` and
    // `Conference Call Participants` (`Name - Title`) before the first turn:
    // the lists are no turns, the bare name lines after them are
    let recs = snap("earnings-participants.txt");
    let labels: Vec<&str> = recs
        .iter()
        .map(|r| r["speaker"]["label"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        labels,
        [
            "Operator",
            "Dana Whitfield",
            "Omar Castellanos",
            "Operator",
            "Priya Raman",
            "Dana Whitfield"
        ]
    );
    assert_eq!(recs[0]["line_start"], 13);
    // the `Question-and-Answer Session` title is in no turn
    assert_eq!(
        recs[2]["text"],
        "Thank you, Dana, and good afternoon, everyone."
    );
    assert_eq!(recs[2]["line_end"], 23);
    // the lists say who the bare names are: the company's people with
    // their titles, the analysts with their firms
    let sp = |i: usize, k: &str| recs[i]["speaker"][k].as_str().map(str::to_string);
    assert_eq!(sp(1, "title").as_deref(), Some("Chief Executive Officer"));
    assert_eq!(sp(1, "role").as_deref(), Some("executive"));
    assert_eq!(sp(2, "title").as_deref(), Some("Chief Financial Officer"));
    assert_eq!(sp(4, "role").as_deref(), Some("analyst"));
    assert_eq!(sp(4, "affiliation").as_deref(), Some("Harbor Securities"));
    assert_eq!(sp(5, "title").as_deref(), Some("Chief Executive Officer"));
}

#[test]
fn press_conference_names_in_capitals_with_a_period() {
    // the Federal Reserve's style: `CHAIR POWELL. Good afternoon.` starts a
    // paragraph; no title word is needed (`STEVE LIESMAN.`), a reporter
    // seen once is accepted by the document's style, and an all-capitals
    // sentence (`THANK YOU. That is ...`) stays speech
    let recs = snap("press-conference.txt");
    let got: Vec<(&str, u64, u64, &str)> = recs
        .iter()
        .map(|r| {
            (
                r["speaker"]["label"].as_str().unwrap_or("-"),
                r["line_start"].as_u64().unwrap(),
                r["line_end"].as_u64().unwrap(),
                r["speaker"]["affiliation"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("GOVERNOR ADEYEMI", 6, 10, "-"),
            ("ANNA BERG", 12, 12, "-"),
            // the outlet a speaker gives for themselves, kept for their
            // later turns
            ("TOM WHITFIELD", 14, 14, "Daily Ledger"),
            ("GOVERNOR ADEYEMI", 16, 16, "-"),
            ("ANNA BERG", 18, 18, "-"),
            ("PRIYA NAIR", 20, 20, "Market Wire"),
            ("GOVERNOR ADEYEMI", 22, 22, "-"),
            ("PRIYA NAIR", 24, 24, "Market Wire"),
            ("GOVERNOR ADEYEMI", 26, 26, "-"),
            ("ANNA BERG", 28, 28, "-"),
            ("TOM WHITFIELD", 30, 30, "Daily Ledger"),
            ("GOVERNOR ADEYEMI", 32, 32, "-"),
        ]
    );
    assert!(
        recs[0]["text"]
            .as_str()
            .unwrap()
            .ends_with("THANK YOU. That is the short version; the statement has the rest, and I look forward to your questions.")
    );
    assert_eq!(recs[2]["speaker"]["name"], "Tom Whitfield");
}

#[test]
fn small_prefix_before_a_surname_in_capitals() {
    // `MR. McCLELLAN:` (briefings of the 2000s, GPO hearings): McClellan
    let recs = snap("briefing-2005.txt");
    let names: Vec<&str> = recs
        .iter()
        .map(|r| r["speaker"]["name"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        names,
        ["Mr. McClellan", "-", "Mr. McClellan", "-", "Mr. McClellan"]
    );
    assert_eq!(recs[0]["line_start"], 8);
    assert_eq!(recs[4]["line_end"], 16);
}

#[test]
fn paginated_court_transcript_furniture_and_argument_headings() {
    // `pdftotext -layout` of an appellate court transcript: numbered lines,
    // a page number at the right edge, a notice and the reporter's name on
    // every page. The furniture is left out of the text without ending the
    // turn it falls in; the argument headings end the turn before them and
    // name the counsel who speaks next
    let recs = snap("court-paginated.txt");
    let got: Vec<(&str, &str, u64, u64)> = recs
        .iter()
        .map(|r| {
            (
                r["speaker"]["label"].as_str().unwrap_or("-"),
                r["speaker"]["name"].as_str().unwrap_or("-"),
                r["line_start"].as_u64().unwrap(),
                r["line_end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got.len(), 14);
    assert_eq!(
        got[0],
        ("CHIEF JUSTICE MORROW", "Chief Justice Morrow", 9, 15)
    );
    assert_eq!(got[1], ("MR. OKONKWO", "Daniel R. Okonkwo", 21, 27));
    assert_eq!(recs[1]["speaker"]["role"], "counsel");
    assert_eq!(recs[1]["speaker"]["affiliation"], "Petitioners");
    // the page break inside the Chief Justice's turn: the footer, the next
    // page's number and notice are in its range but not in its text
    assert_eq!(
        got[9],
        ("CHIEF JUSTICE MORROW", "Chief Justice Morrow", 51, 60)
    );
    // double-spaced: the blank lines are spacing, an indented line starts
    // a paragraph
    assert_eq!(recs[9]["text"], "Thank you, counsel.\nMs. Varga.");
    assert_eq!(
        recs[1]["text"],
        "Mr. Chief Justice, and may it please the Court:\nThe government's position rests on a doctrine that has outlived its usefulness."
    );
    assert_eq!(got[10], ("MS. VARGA", "Helen T. Varga", 66, 72));
    assert_eq!(recs[10]["speaker"]["affiliation"], "Respondents");
    for r in &recs {
        let t = r["text"].as_str().unwrap();
        assert!(
            !t.contains("Reporting") && !t.contains("Official") && !t.contains("ARGUMENT"),
            "{t}"
        );
    }
    // the last footer is after the last turn
    assert_eq!(got[13].3, 84);
}

#[test]
fn streetevents_earnings_call_headers_between_rulers() {
    // the StreetEvents layout: each speaker's header between two rulers,
    // with the turn's number in brackets (`Tom Becker,  Northwind Corp -
    // CEO   [3]`); section titles between rulers (`Questions and Answers`)
    // and the participant lists belong to no turn
    let recs = snap("streetevents.txt");
    let got: Vec<(&str, &str, &str, u64, u64)> = recs
        .iter()
        .map(|r| {
            let sp = &r["speaker"];
            (
                sp["name"].as_str().unwrap_or("-"),
                sp["role"].as_str().unwrap_or("-"),
                sp["affiliation"].as_str().unwrap_or("-"),
                r["line_start"].as_u64().unwrap(),
                r["line_end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("-", "operator", "-", 20, 23),
            ("Jane Alvarez", "executive", "Northwind Corp", 26, 29),
            ("Tom Becker", "executive", "Northwind Corp", 32, 37),
            ("-", "operator", "-", 42, 45),
            ("Priya Shah", "analyst", "Lakeside Securities", 48, 51),
            ("Tom Becker", "executive", "Northwind Corp", 54, 57),
        ]
    );
    assert_eq!(
        recs[1]["speaker"]["label"],
        "Jane Alvarez,  Northwind Corp - VP of IR"
    );
    assert_eq!(recs[1]["speaker"]["title"], "VP of IR");
    assert_eq!(
        recs[2]["text"],
        "Thanks, Jane. Revenue grew 12% this quarter.\nWe expect the trend to continue."
    );
}

#[test]
fn lords_name_lines_and_offices_before_a_person() {
    // House of Lords: peers keep title and territory (`Lord Hendry of
    // Marsh`); the headings over the first speaker (`House of Lords` over a
    // date, `Energy Prices` over `Question`) are no speakers
    let recs = snap("lords.txt");
    let got: Vec<(&str, &str, u64)> = recs
        .iter()
        .map(|r| {
            (
                r["speaker"]["name"].as_str().unwrap_or("-"),
                r["speaker"]["affiliation"].as_str().unwrap_or("-"),
                r["line_start"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Lord Hendry of Marsh", "Con", 9),
            ("Baroness Mallory of Kew", "Lab", 13),
            ("Lord Hendry of Marsh", "Con", 17),
            ("Baroness Mallory of Kew", "Lab", 21),
            ("The Lord Bishop of Leeds", "-", 25),
        ]
    );
    // Scottish Parliament: an office, then the person in parentheses
    let recs = snap("holyrood.txt");
    let got: Vec<(&str, &str, &str)> = recs
        .iter()
        .map(|r| {
            let sp = &r["speaker"];
            (
                sp["name"].as_str().unwrap_or("-"),
                sp["title"].as_str().unwrap_or("-"),
                sp["role"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(got[0], ("Alison Johnstone", "Presiding Officer", "chair"));
    assert_eq!(got[2], ("Kate Forbes", "First Minister", "official"));
    assert_eq!(recs[2]["speaker"]["affiliation"], Value::Null);
    assert_eq!(recs[3]["speaker"]["constituency"], "Highlands and Islands");
    // the office alone later is the person its full label named
    assert_eq!(recs[4]["speaker"]["label"], "The First Minister");
    assert_eq!(recs[4]["speaker"]["name"], "Kate Forbes");
}

#[test]
fn congressional_record_states_presiding_officers_and_headings() {
    // the Congressional Record (GPO's text): `Mr. SMITH of Texas.`, `The
    // SPEAKER pro tempore.`, paragraphs marked by indentation, centred
    // section titles, page markers and `{time}` stamps
    let recs = snap("congressional-record.txt");
    let got: Vec<(&str, &str, u64, u64)> = recs
        .iter()
        .map(|r| {
            (
                r["speaker"]["label"].as_str().unwrap_or("-"),
                r["speaker"]["name"].as_str().unwrap_or("-"),
                r["line_start"].as_u64().unwrap(),
                r["line_end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Mr. HALVERSEN of Iowa", "Mr. Halversen", 11, 14),
            ("The SPEAKER pro tempore", "-", 15, 18),
            ("Mr. HALVERSEN of Iowa", "Mr. Halversen", 23, 25),
            ("The SPEAKER pro tempore", "-", 26, 28),
            ("Mr. HALVERSEN of Iowa", "Mr. Halversen", 29, 36),
            ("Ms. ORTEGA BELL", "Ms. Ortega Bell", 37, 44),
            ("Mr. PRYCE of Iowa", "Mr. Pryce", 45, 45),
            ("The SPEAKER pro tempore (Mr. Womack)", "Mr. Womack", 46, 51),
        ]
    );
    assert_eq!(recs[0]["speaker"]["constituency"], "Iowa");
    assert_eq!(recs[1]["speaker"]["role"], "chair");
    assert_eq!(recs[1]["speaker"]["title"], "Speaker pro tempore");
    for r in &recs {
        let t = r["text"].as_str().unwrap();
        assert!(
            !t.contains("General Leave") && !t.contains("[[Page") && !t.contains("{time}"),
            "{t}"
        );
    }
    assert!(
        recs[4]["text"]
            .as_str()
            .unwrap()
            .ends_with("balance of my time.")
    );
}

#[test]
fn double_spaced_court_transcript_with_justified_lines() {
    // `pdftotext -layout` of a double-spaced trial transcript: a blank line
    // after every numbered line, runs of spaces from justification. The
    // blank lines still set a `(Pause.)` apart, but a turn's lines join as
    // one paragraph, and the runs of spaces are one space
    let recs = snap("court-double-spaced.txt");
    let got: Vec<(&str, &str, &str)> = recs
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap(),
                r["speaker"]["label"].as_str().unwrap_or("-"),
                r["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got[0],
        (
            "turn",
            "THE COURT",
            "Good morning. Please be seated. We are here in the matter of United States versus Doe."
        )
    );
    assert_eq!(
        got[1],
        (
            "turn",
            "MR. SMITH",
            "Good morning, Your Honor. John Smith for the government."
        )
    );
    assert_eq!(got[5], ("event", "-", "(Pause.)"));
    // the witness heading stays out of the turn before it and names the `A`
    assert_eq!(
        got[7],
        ("turn", "MR. SMITH", "The government calls Agent Ray.")
    );
    assert_eq!(recs[9]["speaker"]["name"], "Richard Ray");
    assert_eq!(recs[8]["speaker"]["name"], "Mr. Smith");
    assert_eq!(
        got[11],
        ("turn", "A", "The FBI. I have been there ten years.")
    );
    assert_eq!(
        (
            recs[11]["line_start"].as_u64(),
            recs[11]["line_end"].as_u64()
        ),
        (Some(37), Some(39))
    );
}

#[test]
fn european_parliament_labels_before_a_dash() {
    // the European Parliament's verbatim report: `Name, capacity. – speech`;
    // `The U.S. – and Canada –` inside a speech is no label
    let recs = snap("european-parliament.txt");
    let got: Vec<(&str, &str, &str, u64, u64)> = recs
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap(),
                r["speaker"]["label"].as_str().unwrap_or("-"),
                r["speaker"]["name"].as_str().unwrap_or("-"),
                r["line_start"].as_u64().unwrap(),
                r["line_end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("turn", "President", "-", 3, 3),
            ("turn", "Anna Keller, rapporteur", "Anna Keller", 5, 7),
            ("event", "-", "-", 9, 9),
            (
                "turn",
                "Kadri Simson, Member of the Commission",
                "Kadri Simson",
                11,
                11
            ),
            (
                "turn",
                "Tomas Berg, on behalf of the PPE Group",
                "Tomas Berg",
                13,
                13
            ),
            (
                "turn",
                "Lucía Ortega Ruiz, on behalf of the S&D Group",
                "Lucía Ortega Ruiz",
                15,
                15
            ),
            ("turn", "President", "-", 17, 19),
        ]
    );
    assert_eq!(recs[4]["speaker"]["affiliation"], "PPE Group");
    assert_eq!(recs[1]["speaker"]["title"], "rapporteur");
    assert!(
        recs[4]["text"]
            .as_str()
            .unwrap()
            .starts_with("Madam President, we support this report. The U.S. – and Canada")
    );
}

/// `(label, name, title, first line, last line)` of each record.
fn people(recs: &[Value]) -> Vec<(String, String, String, u64, u64)> {
    let s = |v: &Value| v.as_str().unwrap_or("-").to_string();
    recs.iter()
        .map(|r| {
            (
                s(&r["speaker"]["label"]),
                s(&r["speaker"]["name"]),
                s(&r["speaker"]["title"]),
                r["line_start"].as_u64().unwrap(),
                r["line_end"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// (label, first line, last line) of each record.
fn spans(recs: &[Value]) -> Vec<(String, u64, u64)> {
    people(recs)
        .into_iter()
        .map(|(l, _, _, a, b)| (l, a, b))
        .collect()
}

fn run_stdin(input: &str) -> Vec<Value> {
    let (recs, _, code) = run_with_stdin(&[], input);
    assert_eq!(code, Some(0));
    recs
}

#[test]
fn capital_iq_names_over_their_titles() {
    // S&P Capital IQ: the name on its line, `Firm - Title` below it, the
    // speech below that, and no blank lines; the participants list at the
    // top (names over titles, then `ANALYSTS`, `Presentation`) is no turn
    let recs = snap("capital-iq.txt");
    let who: Vec<_> = people(&recs)
        .into_iter()
        .map(|(_, name, title, a, b)| (name, title, a, b))
        .collect();
    let p = |n: &str, t: &str, a: u64, b: u64| (n.to_string(), t.to_string(), a, b);
    assert_eq!(
        who,
        [
            p("-", "-", 14, 16),
            p("Jane Alvarez", "VP of Investor Relations", 17, 20),
            p("Tom Becker", "CEO & Director", 21, 23),
            p("Mei Chen", "Chief Financial Officer", 24, 26),
            p("-", "-", 28, 29),
            p("Priya Shah", "Research Analyst", 30, 32),
            p("Tom Becker", "CEO & Director", 33, 35),
            p("-", "-", 36, 37),
        ]
    );
    assert_eq!(recs[0]["speaker"]["label"], "Operator");
    assert_eq!(recs[1]["speaker"]["affiliation"], "Northwind Corporation");
    // the title line is no speech
    assert!(
        recs[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("Thank you, operator, and good morning")
    );
    // the same call with blank lines between turns, and with one between
    // the title and the speech too: the same speakers and titles
    let src = std::fs::read_to_string(fixture("capital-iq.txt")).unwrap();
    let lines: Vec<&str> = src.lines().collect();
    let titled = |i: usize| i + 1 < lines.len() && lines[i + 1].contains(" - ");
    for blank_after_title in [false, true] {
        let mut out = String::new();
        for (i, l) in lines.iter().enumerate().skip(13) {
            if titled(i) || *l == "Operator" {
                out.push('\n');
            }
            out.push_str(l);
            out.push('\n');
            if blank_after_title && l.contains(" - ") {
                out.push('\n');
            }
        }
        let got: Vec<_> = people(&run_stdin(&out))
            .into_iter()
            .map(|(_, name, title, _, _)| (name, title))
            .collect();
        let want: Vec<_> = who
            .iter()
            .map(|(n, t, _, _)| (n.clone(), t.clone()))
            .collect();
        assert_eq!(got, want, "blank after title: {blank_after_title}");
    }
}

#[test]
fn times_before_names_and_zoom_brackets() {
    // Word's transcription export: `00:00:02 Speaker 1` over the speech
    let recs = snap("word-export.txt");
    let got: Vec<(String, f64, u64)> = recs
        .iter()
        .map(|r| {
            (
                r["speaker"]["label"].as_str().unwrap().to_string(),
                r["start"].as_f64().unwrap(),
                r["line_start"].as_u64().unwrap(),
            )
        })
        .collect();
    let w = |l: &str, s: f64, n: u64| (l.to_string(), s, n);
    assert_eq!(
        got,
        [
            w("Speaker 1", 2.0, 3),
            w("Speaker 2", 6.0, 6),
            w("Speaker 1", 9.0, 9),
            w("Speaker 3", 21.0, 13),
            w("Speaker 1", 26.0, 16),
        ]
    );
    assert_eq!(recs[2]["line_end"], 11);
    // Zoom's saved captions: `[Dana Whitfield] 14:02:11`, each name once
    // or twice
    let recs = snap("zoom-captions.txt");
    let labels: Vec<&str> = recs
        .iter()
        .map(|r| r["speaker"]["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "Dana Whitfield",
            "Marcus Oyelaran",
            "Dana Whitfield",
            "Leah Brandt"
        ]
    );
    assert_eq!(recs[1]["start"], 14.0 * 3600.0 + 2.0 * 60.0 + 19.0);
    assert_eq!(
        recs[3]["text"],
        "I'd vote for the one downtown. It's easier to get to."
    );
}

#[test]
fn bracketed_names_before_speech() {
    let recs = snap("bracket-names.txt");
    let got = spans(&recs);
    let t = |l: &str, a: u64, b: u64| (l.to_string(), a, b);
    assert_eq!(
        got,
        [
            t("Nora Quinlan", 1, 1),
            t("Ravi Menon", 3, 3),
            // a bracketed note with speech after it goes on the turn
            t("Nora Quinlan", 5, 7),
            t("Ravi Menon", 9, 9),
            t("Nora Quinlan", 11, 11),
        ]
    );
    assert!(
        recs[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("Thanks for having me, Nora.")
    );
    // an earnings call's `[Operator Instructions] Our first question ...`
    // among name headers stays the operator's speech
    let recs = snap("earnings.txt");
    assert!(
        recs.iter()
            .all(|r| r["speaker"]["label"] != "Operator Instructions")
    );
}

#[test]
fn titles_before_names_open_a_turn_the_first_time() {
    // a government meeting: each minister speaks once, under a label that
    // starts with the office (`Prime Minister Andrej Kovac:`)
    let recs = snap("government-meeting.txt");
    let got: Vec<_> = people(&recs)
        .into_iter()
        .map(|(l, n, _, a, _)| (l, n, a))
        .collect();
    let t = |l: &str, n: &str, a: u64| (l.to_string(), n.to_string(), a);
    assert_eq!(
        got,
        [
            t("President Elena Varga", "Elena Varga", 3),
            t("Deputy Prime Minister Tomas Brenner", "Tomas Brenner", 7),
            t("Elena Varga", "Elena Varga", 11),
            t("Prime Minister Andrej Kovac", "Andrej Kovac", 13),
            t("Elena Varga", "Elena Varga", 15),
            t(
                "Minister of Education Petra Halas",
                "Minister of Education Petra Halas",
                17
            ),
            t("Elena Varga", "Elena Varga", 19),
        ]
    );
}

#[test]
fn select_committee_question_numbers_before_labels() {
    // UK select committees number each question: `Q3 Mr Patel: ...`; the
    // number is no part of the speaker, and a member asks once or twice
    let recs = snap("select-committee.txt");
    let got = spans(&recs);
    let t = |l: &str, n: u64| (l.to_string(), n, n);
    assert_eq!(
        got,
        [
            t("Chair", 11),
            t("Professor Lee", 13),
            t("Dr Hart", 15),
            t("Chair", 17),
            t("Professor Lee", 19),
            t("Mr Patel", 21),
            t("Dr Hart", 23),
            t("Ms Dunn", 25),
            t("Professor Lee", 27),
        ]
    );
    assert_eq!(
        recs[5]["text"],
        "Can I follow up on that? Why has investment stalled?"
    );
}

#[test]
fn a_dash_in_place_of_the_colon() {
    // `MODERATOR — Good evening`: labels before a dash, in a document
    // written that way (two of them recur); a one-off in capitals is a
    // speaker among them, a dash inside speech is not a label
    let recs = snap("dash-labels.txt");
    let got = spans(&recs);
    let t = |l: &str, a: u64, b: u64| (l.to_string(), a, b);
    assert_eq!(
        got,
        [
            t("MODERATOR", 3, 3),
            t("Mayor Lin", 5, 7),
            t("MODERATOR", 9, 9),
            t("AUDIENCE MEMBER", 11, 11),
            t("Mayor Lin", 13, 13),
            t("MODERATOR", 15, 15),
        ]
    );
    assert_eq!(recs[1]["speaker"]["name"], "Mayor Lin");
    assert!(
        recs[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("Thank you. We restored")
    );
    // news datelines and prose before a dash name no one, however often
    // they recur
    let recs = snap("datelines.txt");
    assert_eq!(recs.len(), 6);
    assert!(recs.iter().all(|r| r["speaker"].is_null()), "{recs:?}");
    assert!(
        recs[4]["text"]
            .as_str()
            .unwrap()
            .starts_with("NEW YORK (Reuters) — Shares")
    );
}

#[test]
fn podcast_pages_with_a_time_at_each_paragraph() {
    // `Theo Lind` over `(00:00:00) The following is ...`: the first
    // paragraph's time is the turn's start, every paragraph's time is out of
    // the text, and a chapter title between turns is no one's speech
    let recs = snap("podcast-page.txt");
    let got: Vec<(String, f64, u64, u64)> = recs
        .iter()
        .map(|r| {
            (
                r["speaker"]["label"].as_str().unwrap().to_string(),
                r["start"].as_f64().unwrap(),
                r["line_start"].as_u64().unwrap(),
                r["line_end"].as_u64().unwrap(),
            )
        })
        .collect();
    let t = |l: &str, s: f64, a: u64, b: u64| (l.to_string(), s, a, b);
    assert_eq!(
        got,
        [
            t("Theo Lind", 0.0, 13, 16),
            t("Mara Voss", 16.0, 18, 19),
            t("Theo Lind", 19.0, 21, 22),
            t("Mara Voss", 23.0, 24, 27),
            t("Theo Lind", 161.0, 31, 32),
            t("Mara Voss", 165.0, 34, 35),
            t("Theo Lind", 171.0, 37, 38),
            t("Mara Voss", 173.0, 40, 41),
            t("Theo Lind", 425.0, 45, 47),
            t("Mara Voss", 432.0, 49, 50),
        ]
    );
    assert_eq!(
        recs[0]["text"],
        "The following is a conversation with Mara Voss, a structural engineer who has \
         spent twenty years repairing stone bridges.\nThis is Field Notes. And now, here's Mara Voss."
    );
    assert_eq!(recs[0]["end"], 16.0);
    assert_eq!(
        recs[8]["text"],
        "So the river is the enemy. Or the landlord, maybe."
    );
    // the chapter titles (`Stone bridges`, `Rivers`) are in no record
    assert!(
        recs.iter()
            .all(|r| !r["text"].as_str().unwrap().contains("Stone bridges"))
    );
    // a colon transcript whose speech starts with a bracketed time keeps it
    // (only a name alone on its line takes its time from the paragraph)
    let recs = run_stdin("A: (00:01) hello there.\nB: (00:02) hi.\nA: (00:03) bye.\nB: ok.\n");
    assert_eq!(recs[0]["text"], "(00:01) hello there.");
    assert!(recs[0].get("start").is_none_or(Value::is_null));
}

#[test]
fn speech_to_text_time_ranges_and_sonix_times() {
    // diarised speech-to-text as scripts print it: a time range before or
    // after the label, in clock time or seconds, its start and end the
    // turn's; Sonix's `Name: [00:00:05]`
    let body = [
        ("Jane", "Welcome to the show."),
        ("John", "Thanks for having me."),
        ("Jane", "Let us begin with your work."),
        ("John", "Sure, happy to."),
    ];
    let times = [(0.0, 3.52), (3.6, 5.1), (5.2, 9.0), (9.1, 12.0)];
    type Layout = fn(&str, f64, f64, &str) -> String;
    let layouts: [(&str, Layout); 5] = [
        ("speaker then range", |n, a, b, t| {
            format!("{n} [{a:.2}-{b:.2}]: {t}")
        }),
        ("range in seconds", |n, a, b, t| {
            format!("[{a:.2}s -> {b:.2}s] {n}: {t}")
        }),
        ("bracketed clock range", |n, a, b, t| {
            let c = |s: f64| format!("00:00:{:06.3}", s);
            format!("[{} --> {}] {n}: {t}", c(a), c(b))
        }),
        ("bare clock range", |n, a, b, t| {
            let c = |s: f64| format!("00:00:{:06.3}", s);
            format!("{} --> {} [{n}]: {t}", c(a), c(b))
        }),
        ("sonix", |n, a, _, t| {
            let c = |s: f64| format!("00:00:{:02}", s as u32);
            format!("{n}: [{}] {t}", c(a))
        }),
    ];
    for (name, layout) in layouts {
        let input: String = body
            .iter()
            .zip(times)
            .map(|((n, t), (a, b))| layout(n, a, b, t) + "\n")
            .collect();
        let recs = run_stdin(&input);
        let got: Vec<(&str, &str)> = recs
            .iter()
            .map(|r| {
                (
                    r["speaker"]["label"].as_str().unwrap_or("-"),
                    r["text"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(got, body, "{name}:\n{input}");
        let starts: Vec<f64> = recs.iter().map(|r| r["start"].as_f64().unwrap()).collect();
        let want: Vec<f64> = times
            .iter()
            .map(|t| if name == "sonix" { t.0.trunc() } else { t.0 })
            .collect();
        assert_eq!(starts, want, "{name}");
        // a range's end is the turn's end (to the millisecond it was written)
        if name != "sonix" {
            let ends: Vec<f64> = recs.iter().map(|r| r["end"].as_f64().unwrap()).collect();
            let want: Vec<f64> = times
                .iter()
                .map(|t| (t.1 * 1000.0).round() / 1000.0)
                .collect();
            assert_eq!(ends, want, "{name}");
        }
    }
}

#[test]
fn labels_in_lower_case_where_the_document_writes_them_so() {
    let labels = |recs: &[Value]| -> Vec<String> {
        recs.iter()
            .map(|r| r["speaker"]["label"].as_str().unwrap_or("-").to_string())
            .collect()
    };
    // an interview, and speech-to-text speaker ids, with no blank lines
    let recs = run_stdin(
        "interviewer: so tell me how you got started.\n\
         participant: well, it was an accident really.\n\
         interviewer: what kind of accident?\n\
         participant: a bakery needed someone for the early shift.\n",
    );
    assert_eq!(
        labels(&recs),
        ["interviewer", "participant", "interviewer", "participant"]
    );
    assert_eq!(recs[1]["text"], "well, it was an accident really.");
    let recs = run_stdin(
        "spk_0: Welcome back.\nspk_1: Thanks.\nspk_0: Where were we?\nspk_1: The budget.\n",
    );
    assert_eq!(labels(&recs), ["spk_0", "spk_1", "spk_0", "spk_1"]);
    // among labels in capitals, a paragraph that opens `bottom line: ` is
    // speech, however often it recurs
    let recs = run_stdin(
        "MS. PSAKI: Good afternoon.\n\nbottom line: we are on track.\n\n\
         Q: Thanks.\n\nMS. PSAKI: Sure.\n\nbottom line: nothing has changed.\n\n\
         Q: And the budget?\n\nMS. PSAKI: Next week.\n",
    );
    assert_eq!(
        labels(&recs),
        ["MS. PSAKI", "Q", "MS. PSAKI", "Q", "MS. PSAKI"]
    );
    // prose in lower case whose paragraphs open with a word and a colon,
    // none of them recurring, names no one
    let recs = run_stdin(
        "first: we measure.\n\nsecond: we compare.\n\nthird: we decide.\n\nnote: then we write.\n",
    );
    assert!(
        labels(&recs).iter().all(|l| l == "-"),
        "{:?}",
        labels(&recs)
    );
}

#[test]
fn a_speech_without_labels_keeps_its_text_after_boilerplate() {
    // a copyright line or a website's chrome above a speech with no
    // labels: the chrome is no one's, the speech stays (it once went out
    // with the chrome, as a labelled document's trailing text does)
    let recs = run_stdin(
        "Skip to main content\nCookies on GOV.UK\nAccept additional cookies\n\n\
         Copyright 2025 Example Ltd\n\nGood afternoon.\n\n\
         Today I want to talk about the economy.\n\nIs this page useful?\n",
    );
    let texts: Vec<&str> = recs.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        ["Good afternoon.", "Today I want to talk about the economy."]
    );
    assert!(recs.iter().all(|r| r["speaker"].is_null()));
    // in a labelled document, text after the closing line is still chrome
    let recs = run_stdin("HOLT: Good evening.\n\nEND 9:00 P.M.\n\nRelated stories\n");
    assert_eq!(recs.len(), 1);
}

#[test]
fn a_few_lines_piped_in_are_read_as_their_layout_says() {
    // under a dozen lines with no blank line: each line a paragraph, so a
    // name alone on its line heads the speech below it and a standalone
    // `[Laughter]` between two labels is an event
    let recs = run_stdin(
        "Jane Roe\nHello there, thanks for coming in.\nJohn Doe\nHappy to be here.\n\
         Jane Roe\nLet us begin.\nJohn Doe\nSure.\n",
    );
    let t = |l: &str, a: u64, b: u64| (l.to_string(), a, b);
    assert_eq!(
        spans(&recs),
        [
            t("Jane Roe", 1, 2),
            t("John Doe", 3, 4),
            t("Jane Roe", 5, 6),
            t("John Doe", 7, 8)
        ]
    );
    let recs = run_stdin("SMITH: Thank you.\n[Laughter]\nJONES: Well.\n(APPLAUSE)\nSMITH: Fine.\n");
    let kinds: Vec<&str> = recs.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["turn", "event", "turn", "event", "turn"]);
    assert_eq!(recs[1]["text"], "[Laughter]");
    // a sentence that goes on to the next line keeps it: no paragraphs
    let recs = run_stdin("THE COURT: We will reconvene at\n10:02 a.m.\nMR. DOE: Thank you.\n");
    assert_eq!(recs[0]["text"], "We will reconvene at 10:02 a.m.");
    // indented whole: the indentation is no layout
    let recs = run_stdin(
        "    Jane Roe\n    Hello.\n    John Doe\n    Hi.\n    Jane Roe\n    Bye.\n    John Doe\n    Bye.\n",
    );
    assert_eq!(recs.len(), 4);
}

#[test]
fn broadcast_captions_mark_each_new_speaker_with_chevrons() {
    // US closed captions: `>>` starts a new speaker's turn and `>>>` a new
    // story, with no name after them; lines wrap at a fixed width with no
    // blank lines, and a named `>> NAME:` stays a label
    let recs = run_stdin(
        ">> JUDY WOODRUFF: GOOD EVENING. ON THE NEWSHOUR\nTONIGHT, THE SENATE VOTES ON\nTHE BUDGET.\n\
         >> THE VOTE WAS CLOSE, JUDY.\nSENATORS WORKED LATE INTO THE\nNIGHT.\n\
         >> WHAT HAPPENS NEXT?\n>> THE HOUSE TAKES IT UP ON\nMONDAY.\n\
         >>> IN OTHER NEWS TONIGHT, A\nSTORM IS MOVING UP THE COAST.\n\
         >> FORECASTERS SAY IT COULD\nBRING HEAVY RAIN.\n",
    );
    let t = |l: &str, a: u64, b: u64| (l.to_string(), a, b);
    assert_eq!(
        spans(&recs),
        [
            t("JUDY WOODRUFF", 1, 3),
            t("-", 4, 6),
            t("-", 7, 7),
            t("-", 8, 9),
            t("-", 10, 11),
            t("-", 12, 13),
        ]
    );
    assert!(recs[1]["speaker"].is_null());
    // the marks are no part of the speech
    assert_eq!(
        recs[1]["text"],
        "THE VOTE WAS CLOSE, JUDY. SENATORS WORKED LATE INTO THE NIGHT."
    );
    assert_eq!(
        recs[4]["text"],
        "IN OTHER NEWS TONIGHT, A STORM IS MOVING UP THE COAST."
    );
    // paragraphs too: each `>>` paragraph is a turn, without its mark
    let recs = run_stdin(
        ">> Good evening, and welcome.\n\n>> Thanks for having me.\n\n>> Let us begin.\n",
    );
    let texts: Vec<&str> = recs.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "Good evening, and welcome.",
            "Thanks for having me.",
            "Let us begin."
        ]
    );
}

#[test]
fn whisper_segments_without_speakers_keep_their_times() {
    // Whisper's console output: a time range, then the words, no speaker;
    // each segment a speaker-less record whose range is its start and end,
    // the range out of the text
    let recs = run_stdin(
        "[00:00.000 --> 00:04.000]  Welcome back to the show.\n\
         [00:04.000 --> 00:08.500]  Today we talk about housing.\n\
         [00:00:08.500 --> 00:00:12.000]   It is a big topic.\n",
    );
    let got: Vec<(f64, f64, &str)> = recs
        .iter()
        .map(|r| {
            assert!(r["speaker"].is_null());
            (
                r["start"].as_f64().unwrap(),
                r["end"].as_f64().unwrap(),
                r["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (0.0, 4.0, "Welcome back to the show."),
            (4.0, 8.5, "Today we talk about housing."),
            (8.5, 12.0, "It is a big topic."),
        ]
    );
    // a single time in brackets gives the start only
    let recs = run_stdin("[00:01:05] Good morning.\n\n[00:01:09] Let us begin.\n");
    assert_eq!(recs[1]["start"], 69.0);
    assert!(recs[1].get("end").is_none());
    assert_eq!(recs[1]["text"], "Let us begin.");
}

#[test]
fn a_time_in_brackets_in_place_of_the_colon() {
    // `Name (00:00:05) speech`: the time is the turn's start (and the last
    // turn's end); a one-off speaker among recurring ones is a label too
    let recs = run_stdin(
        "Jane Roe (00:00:00) Welcome to the show.\n\n**John Doe** [00:00:05] Thanks for having me.\n\n\
         Jane Roe (00:00:09) Let us start.\n\nMary Major (00:00:12) May I add something?\n\n\
         John Doe (00:00:15) Sure.\n",
    );
    let t = |l: &str, a: u64, b: u64| (l.to_string(), a, b);
    assert_eq!(
        spans(&recs),
        [
            t("Jane Roe", 1, 1),
            t("John Doe", 3, 3),
            t("Jane Roe", 5, 5),
            t("Mary Major", 7, 7),
            t("John Doe", 9, 9),
        ]
    );
    assert_eq!(recs[1]["text"], "Thanks for having me.");
    assert_eq!(recs[1]["start"], 5.0);
    assert_eq!(recs[1]["end"], 9.0);
    // in capitals, a label on sight (as before a colon); a label's own
    // tail may come before the time; a colon in the speech is the speech's
    let recs = run_stdin(
        "MR. ZIENTS (00:00:35)  Good morning.\n\nThe Chair (Hon. Anthony Rota) (00:01:00) The question is: shall it pass?\n\n\
         MR. ZIENTS (00:01:10) Yes.\n\nThe Chair (Hon. Anthony Rota) (00:01:20) Agreed.\n",
    );
    assert_eq!(recs[0]["speaker"]["label"], "MR. ZIENTS");
    assert_eq!(recs[0]["text"], "Good morning.");
    assert_eq!(recs[1]["speaker"]["label"], "The Chair (Hon. Anthony Rota)");
    assert_eq!(recs[1]["text"], "The question is: shall it pass?");
    // once in a document, in mixed case, it is prose with a time in it
    let recs = run_stdin(
        "The meeting resumed.\n\nSenate Session (10:00) Opening remarks by the chair.\n\nMore text.\n",
    );
    assert_eq!(recs.len(), 3);
    assert!(recs.iter().all(|r| r["speaker"].is_null()));
}

#[test]
fn sbv_subviewer_cues() {
    // YouTube's SubViewer: `start,end` over the text, no cue numbers; read
    // as SRT is, broadcast chevrons and all
    let recs = snap("captions.sbv");
    insta::assert_snapshot!(compact(&recs));
    let t = |l: &str, a: u64, b: u64| (l.to_string(), a, b);
    assert_eq!(
        spans(&recs),
        [
            t("NORA QUINLAN", 1, 6),
            t("-", 8, 10),
            t("NORA QUINLAN", 12, 13),
            t("-", 15, 16),
        ]
    );
    assert_eq!(
        recs[0]["text"],
        "Good evening. Tonight, the city council votes on the new budget. We begin at city hall."
    );
    assert_eq!(
        (recs[1]["start"].as_f64(), recs[1]["end"].as_f64()),
        (Some(6.0), Some(9.4))
    );
    assert!(recs.iter().all(|r| r["format"] == "sbv"));
    // detected from the content, whatever the name
    let recs = run_stdin("0:00:01.000,0:00:02.500\nHello there.\n");
    assert_eq!(recs[0]["format"], "sbv");
    assert_eq!(recs[0]["text"], "Hello there.");
}

#[test]
fn ass_dialogue_lines_name_their_speakers() {
    // ASS/SSA: each `Dialogue:` line of `[Events]` a cue, its `Name` field
    // the speaker; consecutive lines of one speaker one turn; script info,
    // styles, `Format:` and `Comment:` lines are boilerplate; override tags
    // and `\N` line breaks leave the text; a line that cannot be read is
    // kept, with a warning naming its line
    let (recs, err, code) = run(&["-v", &fixture("episode.ass")]);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!(compact(&recs));
    let t = |l: &str, a: u64, b: u64| (l.to_string(), a, b);
    assert_eq!(
        spans(&recs),
        [t("Maren", 15, 16), t("Tobias", 17, 18), t("Maren", 19, 20)]
    );
    assert_eq!(
        recs[0]["text"],
        "The lamp went out again last night. Third time this week, and the storm isn't over."
    );
    assert_eq!(
        (recs[0]["start"].as_f64(), recs[0]["end"].as_f64()),
        (Some(1.0), Some(6.2))
    );
    assert_eq!(recs[1]["events"][0], "[THUNDER]");
    assert!(
        recs[2]["text"]
            .as_str()
            .unwrap()
            .ends_with("broken line with no fields")
    );
    assert!(
        err.contains("episode.ass:20: unreadable ASS `Dialogue:` line"),
        "{err}"
    );
    assert!(err.contains("12 boilerplate lines"), "{err}");
    assert!(recs.iter().all(|r| r["format"] == "ass"));
    // forced on stdin, with no `[Script Info]` to detect it by
    let (recs, _, code) = run_with_stdin(
        &["--input-format", "ass"],
        "[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,Default,Ada,0,0,0,,Hello.\n",
    );
    assert_eq!(code, Some(0));
    assert_eq!(recs[0]["speaker"]["label"], "Ada");
    assert_eq!(recs[0]["text"], "Hello.");
}

#[test]
fn a_time_alone_on_its_line_starts_the_next_turn() {
    // a meeting tool's transcript puts a time between turns every few
    // minutes; it is no one's speech, and the turn after it starts then
    let recs = run_stdin(
        "00:00:00\n\nJane Roe: Hello everyone, thanks for joining.\nJohn Doe: Happy to be here.\n\
         Jane Roe: Let us start with the budget.\n\n00:05:00\n\nJohn Doe: The numbers are in.\n\
         Jane Roe: Good.\n",
    );
    let got: Vec<(&str, Option<f64>, &str)> = recs
        .iter()
        .map(|r| {
            (
                r["speaker"]["label"].as_str().unwrap(),
                r["start"].as_f64(),
                r["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Jane Roe", Some(0.0), "Hello everyone, thanks for joining."),
            ("John Doe", None, "Happy to be here."),
            ("Jane Roe", None, "Let us start with the budget."),
            ("John Doe", Some(300.0), "The numbers are in."),
            ("Jane Roe", None, "Good."),
        ]
    );
    // YouTube's transcript panel, copied: a time over each line, no speakers
    let recs = run_stdin("0:00\nwelcome back everyone\n0:03\ntoday we talk about housing\n");
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["start"], 0.0);
    assert_eq!(
        recs[0]["text"],
        "welcome back everyone today we talk about housing"
    );
}

#[test]
fn a_witness_sworn_in_below_the_last_turn() {
    // a state court's transcript: the witness's name in capitals with a
    // comma, then the oath as the paragraph's second line; both are
    // headings (no part of counsel's turn above), and the `A` turns are the
    // witness's
    let recs = run_stdin(
        "MS. HALE: The People call Officer Daniel Ruiz.\n\n\
         DANIEL RUIZ,\ncalled as a witness by the People, having been first duly sworn, testified as follows:\n\n\
         DIRECT EXAMINATION\nBY MS. HALE:\n\nQ. Good morning.\n\nA. Good morning.\n",
    );
    let who: Vec<_> = people(&recs)
        .into_iter()
        .map(|(label, name, _, a, b)| (label, name, a, b))
        .collect();
    let p = |l: &str, n: &str, a: u64, b: u64| (l.to_string(), n.to_string(), a, b);
    assert_eq!(
        who,
        [
            p("MS. HALE", "Ms. Hale", 1, 1),
            p("Q", "Ms. Hale", 9, 9),
            p("A", "Daniel Ruiz", 11, 11)
        ]
    );
    assert_eq!(recs[0]["text"], "The People call Officer Daniel Ruiz.");
    // the oath in lower case alone, and a capitals name with a comma that is
    // speech (no oath below it) stays speech
    let recs = run_stdin(
        "THE COURT: Proceed.\n\nhaving been duly sworn, testified as follows:\n\nQ. Hello.\n\nA. Hi.\n\n\
         THE COURT: NOTED,\nand we move on.\n",
    );
    assert_eq!(recs[0]["text"], "Proceed.");
    assert_eq!(recs[3]["text"], "NOTED, and we move on.");
}
