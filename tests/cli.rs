//! End-to-end tests of the `turnstream` binary: transcripts in, NDJSON out.
//!
//! Segmentation results are compared with reviewed snapshots
//! (`tests/snapshots/`, insta): one compact line per record so a change in
//! where a turn starts or who speaks is visible in review. CLI behaviour
//! (stdin, errors, exit codes, config) is asserted directly.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> Command {
    Command::cargo_bin("turnstream").expect("binary")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON {e}: {l}")))
        .collect()
}

/// One line per record: index, lines, kind, speaker label, start of text.
fn compact(recs: &[Value]) -> String {
    let mut out = String::new();
    for r in recs {
        let label = r["speaker"]["label"].as_str().unwrap_or("-");
        let text: String = r["text"].as_str().unwrap().chars().take(50).collect();
        out.push_str(&format!(
            "{:>2} {:>3}-{:<3} {:5} {:<40} | {}\n",
            r["turn"],
            r["line_start"],
            r["line_end"],
            r["kind"].as_str().unwrap(),
            label,
            text.replace('\n', "⏎")
        ));
    }
    out
}

fn run_fixture(name: &str) -> Vec<Value> {
    let out = bin()
        .args(["--enrich", "none", &fixture(name)])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    records(&out.stdout)
}

#[test]
fn snapshot_caps_briefing() {
    insta::assert_snapshot!(compact(&run_fixture("caps-briefing.txt")));
}

#[test]
fn snapshot_debate() {
    insta::assert_snapshot!(compact(&run_fixture("debate.txt")));
}

#[test]
fn snapshot_committee() {
    insta::assert_snapshot!(compact(&run_fixture("committee.txt")));
}

#[test]
fn snapshot_court() {
    insta::assert_snapshot!(compact(&run_fixture("court.txt")));
}

#[test]
fn snapshot_earnings() {
    insta::assert_snapshot!(compact(&run_fixture("earnings.txt")));
}

#[test]
fn snapshot_meeting() {
    insta::assert_snapshot!(compact(&run_fixture("meeting.txt")));
}

#[test]
fn snapshot_prose_without_labels() {
    insta::assert_snapshot!(compact(&run_fixture("prose.txt")));
}

#[test]
fn crlf_line_ends() {
    let recs = run_fixture("crlf.txt");
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[1]["text"], "Thank you. I mean it.");
    assert_eq!(recs[1]["line_start"], 3);
    assert_eq!(recs[1]["line_end"], 4);
}

/// The README's first command: the bundled seed transcript gives its 17 turns,
/// with the full record format (reviewed snapshot of the JSON).
#[test]
fn seed_example_full_records() {
    let path = "examples/blinken-stockholm-2021-12-02.txt";
    let out = bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--enrich", "none", path])
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 17);
    let labels: Vec<&str> = recs
        .iter()
        .map(|r| r["speaker"]["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels[..3], ["SECRETARY BLINKEN", "MR PRICE", "QUESTION"]);
    assert_eq!(recs[0]["line_start"], 11);
    assert_eq!(recs[0]["line_end"], 37);
    assert_eq!(recs[16]["line_end"], 81);
    for r in &recs {
        assert_eq!(r["schema"], "turnstream.turn/1");
        assert_eq!(r["source"], path);
        assert_eq!(r["format"], "text");
    }
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
}

#[test]
fn ids_are_stable_across_runs_and_unique() {
    let a = run_fixture("committee.txt");
    let b = run_fixture("committee.txt");
    let ids_a: Vec<&Value> = a.iter().map(|r| &r["id"]).collect();
    let ids_b: Vec<&Value> = b.iter().map(|r| &r["id"]).collect();
    assert_eq!(ids_a, ids_b);
    let mut uniq = ids_a.clone();
    uniq.sort_by_key(|v| v.to_string());
    uniq.dedup();
    assert_eq!(uniq.len(), ids_a.len());
}

#[test]
fn reads_stdin_with_dash_and_without_paths() {
    let input = std::fs::read(fixture("debate.txt")).unwrap();
    for args in [vec!["--enrich", "none"], vec!["--enrich", "none", "-"]] {
        let out = bin()
            .args(&args)
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert!(out.status.success());
        let recs = records(&out.stdout);
        assert_eq!(recs.len(), 8);
        assert!(recs.iter().all(|r| r["source"] == "-"));
    }
}

/// Stdin streams through the task pipeline (with `--enrich none`, enrichment
/// and encoding inside the segment task); a small file runs whole on one
/// thread. Both give the same records, source aside.
#[test]
fn streamed_and_whole_file_runs_agree() {
    let path = fixture("debate.txt");
    let input = std::fs::read(&path).unwrap();
    for enrich in ["none", "all"] {
        let streamed = bin()
            .args(["--enrich", enrich])
            .write_stdin(input.clone())
            .output()
            .unwrap();
        let whole = bin().args(["--enrich", enrich, &path]).output().unwrap();
        assert!(streamed.status.success() && whole.status.success());
        let strip = |out: &[u8]| -> Vec<serde_json::Value> {
            records(out)
                .into_iter()
                .map(|mut r| {
                    let o = r.as_object_mut().unwrap();
                    o.remove("source");
                    o.remove("id");
                    r
                })
                .collect()
        };
        let (a, b) = (strip(&streamed.stdout), strip(&whole.stdout));
        assert_eq!(a.len(), 8, "{enrich}");
        assert_eq!(a, b, "{enrich}");
    }
}

#[test]
fn output_file_option() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.ndjson");
    bin()
        .args(["--enrich", "none", "-o"])
        .arg(&out_path)
        .arg(fixture("meeting.txt"))
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read(&out_path).unwrap();
    assert_eq!(records(&written).len(), 7);
}

#[test]
fn ndjson_input_carries_fields_and_reports_bad_lines() {
    let out = bin()
        .args([
            "--enrich",
            "none",
            "--input-format",
            "ndjson",
            &fixture("turns.ndjson"),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[0]["id"], "asr-1");
    assert_eq!(recs[0]["speaker"]["label"], "Ann");
    assert_eq!(recs[0]["start"], 0.5);
    assert_eq!(recs[0]["lang"], "en");
    assert_eq!(recs[0]["format"], "ndjson");
    assert_eq!(recs[1]["speaker"]["name"], "Bob Stone");
    assert_eq!(recs[1]["confidence"], 0.93);
    assert_eq!(recs[2]["input"]["source"], "asr-tool");
    assert_eq!(recs[2]["line_start"], 4);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("turns.ndjson:3"), "{err}");
    // auto-detected too
    let auto = bin()
        .args(["--enrich", "none", &fixture("turns.ndjson")])
        .output()
        .unwrap();
    assert_eq!(records(&auto.stdout).len(), 3);
}

#[test]
fn strict_makes_a_bad_ndjson_line_fatal_for_its_input() {
    let out = bin()
        .args([
            "--enrich",
            "none",
            "--strict",
            &fixture("turns.ndjson"),
            &fixture("meeting.txt"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("turns.ndjson:3"), "{err}");
    // the other input was still processed
    let recs = records(&out.stdout);
    assert!(
        recs.iter()
            .any(|r| r["source"].as_str().unwrap().ends_with("meeting.txt"))
    );
}

#[test]
fn missing_input_is_named_and_others_go_on() {
    let out = bin()
        .args([
            "--enrich",
            "none",
            "no/such/file.txt",
            &fixture("meeting.txt"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no/such/file.txt"), "{err}");
    assert!(err.contains("no such file"), "{err}");
    assert_eq!(records(&out.stdout).len(), 7);
}

#[test]
fn bad_config_names_the_key_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("rules.toml");
    std::fs::write(&cfg, "[labels]\nmax_words = \"lots\"\n").unwrap();
    let out = bin()
        .arg("--config")
        .arg(&cfg)
        .arg(fixture("meeting.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("labels.max_words"), "{err}");
    assert!(err.contains("rules.toml"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn config_overrides_change_the_rules() {
    // make `Marketing` a word that is never a speaker
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("rules.toml");
    let mut never: Vec<String> = turnstream::config::Config::default_config()
        .labels
        .never_speakers;
    never.push("marketing".into());
    let toml = format!(
        "[labels]\nnever_speakers = [{}]\n",
        never
            .iter()
            .map(|w| format!("{w:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    std::fs::write(&cfg, toml).unwrap();
    let out = bin()
        .args(["--enrich", "none", "--config"])
        .arg(&cfg)
        .arg(fixture("meeting.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs = records(&out.stdout);
    assert!(recs.iter().all(|r| r["speaker"]["label"] != "Marketing"));
    // the print-config view shows the merged value
    let shown = bin()
        .arg("--config")
        .arg(&cfg)
        .arg("--print-config")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).contains("\"marketing\""));
}

#[test]
fn usage_error_exits_1() {
    bin().arg("--no-such-flag").assert().code(1);
    bin()
        .args(["--enrich", "bogus", &fixture("meeting.txt")])
        .assert()
        .code(1);
    bin().arg("--help").assert().success();
}

#[test]
fn verbose_summary_counts_boilerplate() {
    let out = bin()
        .args(["--enrich", "none", "-v", &fixture("caps-briefing.txt")])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    // 3 header lines, the closing time line, END, 2 trailing chrome lines
    assert!(err.contains("7 boilerplate lines"), "{err}");
}

#[test]
fn schema_subcommand_prints_the_schema() {
    let out = bin().arg("schema").output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "turnstream.turn/1");
    // every field the binary writes is described
    let recs = run_fixture("caps-briefing.txt");
    for k in recs[0].as_object().unwrap().keys() {
        assert!(v["properties"].get(k).is_some(), "schema lacks {k}");
    }
    assert!(
        Path::new(&format!(
            "{}/config/schema/turn.v1.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .exists()
    );
}
