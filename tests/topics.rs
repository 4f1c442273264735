//! Topics and keyphrases end to end: the built-in taxonomy on the seed
//! briefing, custom topic files, `--enrich` switches, and `train-topics`
//! round trips. Reads ../shared when it is there (never copied into the repo).

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

const SEED: &str = "../shared/corpus/state-dept-seed/docs/blinken-stockholm-2021-12-02.txt";

fn turnstream() -> Command {
    Command::cargo_bin("turnstream").expect("binary")
}

fn run(args: &[&str], stdin: Option<&str>) -> Vec<Value> {
    use std::io::Write;
    let mut cmd = turnstream();
    cmd.args(args);
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("spawn");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    let out = child.wait_with_output().expect("run");
    assert!(out.status.success(), "exit {:?}", out.status);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect()
}

fn topic_ids(r: &Value) -> Vec<String> {
    r["topics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| t["id"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

const POLITICS: &str = "medtop:11000000";
const INTL: &str = "medtop:20000638";
const CONFLICT: &str = "medtop:16000000";
const SOCIETY: &str = "medtop:14000000";
const RIGHTS: &str = "medtop:20000587";

/// Each QUESTION of the seed briefing and the answer after it: Russia and
/// Ukraine -> diplomacy/conflict, Iran -> nuclear diplomacy, Sweden ->
/// democracy and politics.
#[test]
fn seed_briefing_questions_and_answers() {
    if !Path::new(SEED).exists() {
        eprintln!("skipped: {SEED} not found");
        return;
    }
    let recs = run(&[SEED], None);
    let questions: Vec<usize> = recs
        .iter()
        .enumerate()
        .filter(|(_, r)| r["speaker"]["label"] == "QUESTION")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(questions.len(), 5);
    // (what the exchange is about, topics one of which must lead, topics one
    // of which must be among the first three)
    let expect: [(&str, &[&str], &[&str]); 5] = [
        (
            "Lavrov, Russian troops",
            &[POLITICS, CONFLICT],
            &[INTL, CONFLICT],
        ),
        (
            "sanctions, Ukraine",
            &[POLITICS, CONFLICT],
            &[INTL, CONFLICT],
        ),
        ("Iran nuclear talks", &[POLITICS], &[INTL]),
        ("follow-up on the Iran talks", &[POLITICS], &[INTL]),
        (
            "Sweden, democratic values",
            &[POLITICS, SOCIETY],
            &[RIGHTS, SOCIETY],
        ),
    ];
    for (q, (what, lead, near)) in questions.iter().zip(expect) {
        for i in [*q, q + 1] {
            let ids = topic_ids(&recs[i]);
            assert!(
                ids.first().is_some_and(|t| lead.contains(&t.as_str())),
                "turn {i} ({what}): {ids:?}"
            );
            assert!(
                ids.iter().take(3).any(|t| near.contains(&t.as_str())),
                "turn {i} ({what}): {ids:?}"
            );
        }
    }
    // keyphrases are the turn's own words, without the fillers
    let k: Vec<&str> = recs[questions[2]]["keyphrases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(k.iter().any(|p| p.contains("Iran nuclear deal")), "{k:?}");
    assert!(!k.iter().any(|p| p.contains("Thank")), "{k:?}");
}

#[test]
fn enrich_none_has_no_topics_and_steps_select() {
    let text = "Q: What about the central bank and interest rates?\nA: Inflation is too high.\n";
    let none = run(&["--enrich", "none"], Some(text));
    assert!(
        none.iter()
            .all(|r| r.get("topics").is_none() && r.get("keyphrases").is_none())
    );
    let only = run(&["--enrich", "keyphrases"], Some(text));
    assert!(
        only.iter()
            .all(|r| r.get("topics").is_none() && r.get("keyphrases").is_some())
    );
    let all = run(&[], Some(text));
    let ids = topic_ids(&all[0]);
    assert_eq!(
        ids.first().map(String::as_str),
        Some("medtop:04000000"),
        "{ids:?}"
    );
    // the answer inherits nothing it does not need: it has its own evidence
    assert!(topic_ids(&all[1]).contains(&"medtop:04000000".to_string()));
}

#[test]
fn custom_topics_file_extends_the_taxonomy() {
    let recs = run(
        &[
            "--topics",
            "config/topics/example-custom.toml",
            "--input-format",
            "ndjson",
        ],
        Some(
            "{\"id\": \"a\", \"text\": \"Our machine learning team trained a large language model.\"}\n",
        ),
    );
    let ids = topic_ids(&recs[0]);
    assert!(ids.contains(&"custom:ai".to_string()), "{ids:?}");
    assert_eq!(recs[0]["id"], "a");
    // a broken file is a usage error naming it
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[topic]]\nid = \"x\"\nlabel = \"x\"\nparent = \"nope\"\n",
    )
    .unwrap();
    let out = turnstream()
        .args(["--topics", bad.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml"));
}

/// train-topics on a small labelled sample, then tagging with the result.
#[test]
fn train_topics_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("train.jsonl");
    let mut lines = String::new();
    let sport = [
        "The striker scored twice as the home side won the league match",
        "A late goal in extra time settled the cup final",
        "The keeper saved a penalty and the team kept a clean sheet",
    ];
    let markets = [
        "Shares fell as the central bank raised interest rates",
        "Bond yields rose and stocks slipped on inflation worries",
        "Investors sold shares after weak quarterly earnings",
    ];
    for i in 0..6 {
        for s in sport {
            lines.push_str(&format!(
                "{{\"text\": \"{s} {i}\", \"labels\": [\"Sports\"]}}\n"
            ));
        }
        for s in markets {
            lines.push_str(&format!(
                "{{\"text\": \"{s} {i}\", \"labels\": [\"Markets\"]}}\n"
            ));
        }
    }
    std::fs::write(&data, lines).unwrap();
    let model = dir.path().join("topics.toml");
    let st = turnstream()
        .args([
            "train-topics",
            data.to_str().unwrap(),
            "-o",
            model.to_str().unwrap(),
        ])
        .args(["--id", "Sports=medtop:15000000"])
        .status()
        .unwrap();
    assert!(st.success());
    let toml = std::fs::read_to_string(&model).unwrap();
    assert!(toml.contains("mode = \"replace\""));
    let recs = run(
        &[
            "--topics",
            model.to_str().unwrap(),
            "--input-format",
            "ndjson",
        ],
        Some("{\"text\": \"a goal in the cup match\"}\n{\"text\": \"stocks and bond yields\"}\n"),
    );
    assert_eq!(
        topic_ids(&recs[0]).first().map(String::as_str),
        Some("medtop:15000000")
    );
    assert_eq!(
        topic_ids(&recs[1]).first().map(String::as_str),
        Some("Markets")
    );
    // replace mode: no built-in topic appears
    assert!(recs.iter().all(|r| {
        topic_ids(r)
            .iter()
            .all(|t| !t.starts_with("medtop:1") || t == "medtop:15000000")
    }));
}
