//! The same transcript laid out differently gives the same turns.
//!
//! Transcripts reach users through many hands: a web page's paragraphs
//! pasted as lines with no blank line between them, text indented whole by
//! the tool that exported it, long lines wrapped to a width. Each test here
//! takes a reviewed fixture, lays it out again the way such a tool would, and
//! checks that every turn keeps its speaker and its lines (mapped to the new
//! line numbers).

use assert_cmd::Command;
use serde_json::Value;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// (speaker label, first line, last line) of each record, from stdin.
fn turns(text: &str) -> Vec<(String, u64, u64)> {
    let out = Command::cargo_bin("turnstream")
        .unwrap()
        .args(["--enrich", "none"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let r: Value = serde_json::from_str(l).unwrap();
            (
                r["speaker"]["label"].as_str().unwrap_or("-").to_string(),
                r["line_start"].as_u64().unwrap(),
                r["line_end"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A new layout: each original line (1-based) becomes zero or more new
/// lines; returns the text and, per original line, its first and last new
/// line numbers.
fn relayout(text: &str, f: impl Fn(&str) -> Vec<String>) -> (String, Vec<(u64, u64)>) {
    let mut out = String::new();
    let mut map = vec![(0, 0)];
    let mut n = 0;
    for line in text.lines() {
        let new = f(line);
        map.push((n + 1, n + new.len() as u64));
        for l in new {
            out.push_str(&l);
            out.push('\n');
            n += 1;
        }
    }
    (out, map)
}

/// The turns of `text` and of its new layout agree.
fn same_turns(name: &str, text: &str, f: impl Fn(&str) -> Vec<String>) {
    let before = turns(text);
    assert!(before.len() >= 4, "{name}: too few turns to compare");
    let (new, map) = relayout(text, f);
    let expected: Vec<_> = before
        .iter()
        .map(|(l, s, e)| (l.clone(), map[*s as usize].0, map[*e as usize].1))
        .collect();
    assert_eq!(turns(&new), expected, "{name}:\n{new}");
}

const FIXTURES: [&str; 4] = [
    "tests/fixtures/earnings.txt",
    "tests/fixtures/court.txt",
    "tests/fixtures/debate.txt",
    "examples/blinken-stockholm-2021-12-02.txt",
];

#[test]
fn indented_as_a_whole() {
    for name in FIXTURES {
        same_turns(name, &read(name), |l| {
            vec![if l.trim().is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }]
        });
    }
}

fn drop_blank_lines(l: &str) -> Vec<String> {
    if l.trim().is_empty() {
        vec![]
    } else {
        vec![l.to_string()]
    }
}

#[test]
fn no_blank_line_between_paragraphs() {
    // (the layout is read from a document's first dozen lines: a shorter
    // one is read as it comes, so the debate is taken twice)
    for name in FIXTURES.iter().filter(|n| !n.ends_with("court.txt")) {
        let text = read(name);
        let text = if name.ends_with("debate.txt") {
            text.repeat(2)
        } else {
            text
        };
        same_turns(name, &text, drop_blank_lines);
    }
    // with no blank lines, a `[Laughter]` line after a turn's last
    // paragraph stands alone as much as between two turns: an event record
    // of its own, where the blank lines had kept it in the turn. The
    // speakers' turns start where they did.
    let text = read("tests/fixtures/court.txt");
    let (new, map) = relayout(&text, drop_blank_lines);
    let starts = |t: Vec<(String, u64, u64)>| -> Vec<(String, u64)> {
        t.into_iter()
            .filter(|(l, ..)| l != "-")
            .map(|(l, s, _)| (l, s))
            .collect()
    };
    let expected: Vec<_> = starts(turns(&text))
        .into_iter()
        .map(|(l, s)| (l, map[s as usize].0))
        .collect();
    assert_eq!(starts(turns(&new)), expected);
}

#[test]
fn header_dashes_as_publishers_set_them() {
    // `Name -- Title` headers set with an em dash, an en dash or a single
    // hyphen: the same turns, the label as written
    let text = read("tests/fixtures/earnings.txt");
    let before = turns(&text);
    for dash in [" \u{2014} ", " \u{2013} ", " - "] {
        let after = turns(&text.replace(" -- ", dash));
        let expected: Vec<_> = before
            .iter()
            .map(|(l, s, e)| (l.replace(" -- ", dash), *s, *e))
            .collect();
        assert_eq!(after, expected, "{dash:?}");
    }
    // and the speaker stage reads them as headers: name, title, firm
    let out = Command::cargo_bin("turnstream")
        .unwrap()
        .args(["--enrich", "none"])
        .write_stdin(text.replace(" -- ", " - "))
        .output()
        .unwrap();
    let speakers: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["speaker"].clone())
        .collect();
    let jane = speakers
        .iter()
        .find(|s| s["label"] == "Jane A. Roe - Chief Executive Officer")
        .unwrap();
    assert_eq!(jane["name"], "Jane A. Roe");
    assert_eq!(jane["title"], "Chief Executive Officer");
    let bob = speakers
        .iter()
        .find(|s| s["label"] == "Bob Smith - Big Bank - Analyst")
        .unwrap();
    assert_eq!(
        (&bob["name"], &bob["affiliation"]),
        (&"Bob Smith".into(), &"Big Bank".into())
    );
}

#[test]
fn a_header_wrapped_onto_a_second_line() {
    // an earnings call whose long headers were wrapped to 72 columns
    let text = read("tests/fixtures/earnings.txt")
        .replace(
            "Jane A. Roe -- Chief Executive Officer",
            "Jane A. Roe -- Chief Executive Officer, President and Chairwoman of the Board",
        )
        .replace(
            "Bob Smith -- Big Bank -- Analyst",
            "Bob Smith -- Big Bank Capital Markets and Securities Research LLC -- Analyst",
        );
    let before = turns(&text);
    let (wrapped, map) = relayout(&text, |l| {
        if l.len() > 72 {
            let cut = l[..72].rfind(' ').unwrap();
            vec![l[..cut].to_string(), l[cut + 1..].to_string()]
        } else {
            vec![l.to_string()]
        }
    });
    let after = turns(&wrapped);
    assert_eq!(after.len(), before.len(), "{wrapped}");
    for ((l0, s0, e0), (l1, s1, e1)) in before.iter().zip(&after) {
        assert_eq!(l1, l0, "the label is both lines, joined");
        assert_eq!((*s1, *e1), (map[*s0 as usize].0, map[*e0 as usize].1));
    }
    assert!(
        after
            .iter()
            .any(|(l, ..)| l.ends_with("Chairwoman of the Board"))
    );
}

#[test]
fn a_role_alone_on_its_line_seen_once() {
    // `Operator` once, in a call too short for it to recur: the role is
    // evidence enough
    let text = "XYZ Q1 2024 Earnings Call Transcript\n\nOperator\n\n\
                Good day and welcome to the call. [Operator Instructions]\n\n\
                Jane A. Roe -- Chief Executive Officer\n\nThanks, everyone.\n";
    let t = turns(text);
    assert_eq!(t[0], ("Operator".to_string(), 3, 5));
    assert_eq!(t[1].0, "Jane A. Roe -- Chief Executive Officer");
    // a word that is no role, in the same place, is a heading
    let t = turns(&text.replace("Operator\n", "Overview\n"));
    assert!(t.iter().all(|(l, ..)| l != "Overview"), "{t:?}");
}

#[test]
fn labels_alone_over_one_word_replies_with_no_blank_lines() {
    // a meeting with each label on its own line and no blank lines: a
    // recurring `Yeah` under a label is that speaker's reply, not a name
    let mut text = String::new();
    for _ in 0..4 {
        text.push_str(
            "PhD D:\nSo the plan is to run the recogniser over the new data first.\n\
             Professor C:\nYeah\n\
             Postdoc B:\nAnd they are all trained in phonetic transcription, which helps.\n",
        );
    }
    let t = turns(&text);
    let labels: Vec<&str> = t.iter().map(|(l, ..)| l.as_str()).collect();
    assert_eq!(labels, ["PhD D", "Professor C", "Postdoc B"].repeat(4));
    assert_eq!(t[1], ("Professor C".to_string(), 3, 4));
}

#[test]
fn a_dash_in_place_of_the_colon() {
    // `SMITH — Thank you.` for `SMITH: Thank you.`: the same turns, in a
    // debate and a briefing (where `Q` questions stand among the labels)
    for name in [
        "tests/fixtures/debate.txt",
        "examples/blinken-stockholm-2021-12-02.txt",
    ] {
        same_turns(name, &read(name), |l| {
            let label = l.split_once(": ").filter(|(a, _)| {
                !a.is_empty()
                    && a.len() <= 40
                    && a.chars()
                        .all(|c| c.is_uppercase() || matches!(c, ' ' | '.'))
            });
            vec![match label {
                Some((a, b)) => format!("{a} \u{2014} {b}"),
                None => l.to_string(),
            }]
        });
    }
}

#[test]
fn labels_in_lower_case() {
    // `holt: Good evening.` for `HOLT: Good evening.` (speech-to-text and
    // chat exports write them so): the same turns, the labels as written
    for name in [
        "tests/fixtures/debate.txt",
        "examples/blinken-stockholm-2021-12-02.txt",
    ] {
        let text = read(name);
        let caps = |a: &str| {
            !a.is_empty()
                && a.len() <= 40
                && a.chars()
                    .all(|c| c.is_uppercase() || matches!(c, ' ' | '.'))
        };
        let before = turns(&text);
        assert!(before.len() >= 4);
        let new: String = text
            .lines()
            .map(|l| match l.split_once(':') {
                Some((a, b)) if caps(a) => format!("{}:{b}\n", a.to_lowercase()),
                _ => format!("{l}\n"),
            })
            .collect();
        let expected: Vec<_> = before
            .iter()
            .map(|(l, s, e)| {
                let l = if caps(l) { l.to_lowercase() } else { l.clone() };
                (l, *s, *e)
            })
            .collect();
        assert_eq!(turns(&new), expected, "{name}:\n{new}");
    }
}
