//! Batch runs, pipes and bad input: directories, -j, --out-dir, kill and
//! resume, pipes closed early, live input, encodings, size caps, es-bulk,
//! and loading the output into DuckDB.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> Command {
    Command::cargo_bin("turnstream").unwrap()
}

fn bin_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("turnstream")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn records(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A directory tree of transcripts: the fixtures, copied a few times over
/// nested folders, plus hidden and ignored files and a binary one.
fn make_tree(root: &Path, copies: usize) {
    let names = [
        "caps-briefing.txt",
        "debate.txt",
        "committee.txt",
        "court.txt",
        "earnings.txt",
        "meeting.txt",
        "zoom.vtt",
        "broadcast.srt",
        "turns.ndjson",
    ];
    for c in 0..copies {
        let d = root.join(format!("batch{}/part{}", c % 3, c));
        fs::create_dir_all(&d).unwrap();
        for n in names {
            fs::copy(fixture(n), d.join(n)).unwrap();
        }
    }
    fs::write(root.join(".hidden.txt"), "HOLT: hidden\n").unwrap();
    fs::write(root.join("notes.pdf"), "HOLT: not a transcript extension\n").unwrap();
    fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
    fs::create_dir_all(root.join("ignored")).unwrap();
    fs::write(root.join("ignored/x.txt"), "HOLT: ignored\n").unwrap();
    fs::write(root.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
}

fn sources(recs: &[Value]) -> Vec<String> {
    let mut s: Vec<String> = recs
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_string())
        .collect();
    s.dedup();
    s
}

#[test]
fn walks_sorted_skipping_hidden_ignored_binary_and_other_extensions() {
    let tmp = tempfile::tempdir().unwrap();
    make_tree(tmp.path(), 3);
    let out = bin()
        .args(["--enrich", "none", "-j", "2"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "a skipped binary file is no failure"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("image.txt") && err.contains("not text"),
        "{err}"
    );
    let srcs = sources(&records(&out.stdout));
    let mut sorted = srcs.clone();
    sorted.sort();
    assert_eq!(srcs, sorted, "walk order is sorted");
    assert_eq!(srcs.len(), 27);
    for s in &srcs {
        assert!(
            !s.contains(".hidden") && !s.contains("ignored") && !s.ends_with(".pdf"),
            "{s}"
        );
    }
    // --ext and --glob narrow the walk
    let vtt = bin()
        .args(["--enrich", "none", "--ext", "vtt,srt"])
        .arg(tmp.path())
        .output()
        .unwrap();
    let srcs = sources(&records(&vtt.stdout));
    assert_eq!(srcs.len(), 6);
    assert!(
        srcs.iter()
            .all(|s| s.ends_with(".vtt") || s.ends_with(".srt"))
    );
    let glob = bin()
        .args(["--enrich", "none", "--glob", "**/batch1/**/*.txt"])
        .arg(tmp.path())
        .output()
        .unwrap();
    let srcs = sources(&records(&glob.stdout));
    assert!(!srcs.is_empty());
    assert!(
        srcs.iter()
            .all(|s| s.contains("batch1") && s.ends_with(".txt")),
        "{srcs:?}"
    );
}

#[test]
fn output_is_identical_for_any_job_count() {
    let tmp = tempfile::tempdir().unwrap();
    make_tree(tmp.path(), 12);
    let run = |j: &str| {
        let out = bin()
            .args(["--enrich", "none", "-j", j])
            .arg(tmp.path())
            .output()
            .unwrap();
        out.stdout
    };
    let one = run("1");
    assert!(one.len() > 10_000);
    assert_eq!(one, run("8"), "-j1 and -j8 differ");
    assert_eq!(one, run("3"), "-j1 and -j3 differ");
}

fn dir_snapshot(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.push((rel, fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn out_dir_mirrors_the_tree_and_reruns_skip_done_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("in");
    make_tree(&src, 2);
    let out = tmp.path().join("out");
    let run = |extra: &[&str]| {
        bin()
            .args(["--enrich", "none", "-v", "--out-dir"])
            .arg(&out)
            .args(extra)
            .arg(&src)
            .output()
            .unwrap()
    };
    let first = run(&[]);
    assert_eq!(first.status.code(), Some(0));
    assert!(first.stdout.is_empty(), "nothing on stdout with --out-dir");
    let snap = dir_snapshot(&out);
    // `in/batch0/part0/debate.txt` -> `out/<path as given>/...debate.txt.ndjson`
    let want = format!(
        "{}/batch0/part0/debate.txt.ndjson",
        src.strip_prefix("/").unwrap().display()
    );
    let debate = snap.iter().find(|(p, _)| *p == want).unwrap_or_else(|| {
        panic!(
            "{want} not in {:?}",
            snap.iter().map(|x| &x.0).collect::<Vec<_>>()
        )
    });
    let recs = records(&debate.1);
    assert_eq!(recs.len(), 8);
    assert!(
        snap.iter()
            .all(|(p, _)| p.ends_with(".ndjson") && !p.contains(".partial"))
    );
    assert_eq!(
        snap.len(),
        18,
        "one file per input, none for the binary one"
    );
    // a re-run skips everything; --force redoes it, with the same bytes
    // (the binary file is skipped every time: it never has an output)
    let second = run(&[]);
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains("(19 skipped)"), "{err}");
    let forced = run(&["--force"]);
    let err = String::from_utf8_lossy(&forced.stderr);
    assert!(err.contains("(1 skipped)"), "only the binary file: {err}");
    assert_eq!(dir_snapshot(&out), snap);
    // a newer input is redone
    std::thread::sleep(Duration::from_millis(20));
    let touched = src.join("batch0/part0/debate.txt");
    let mut f = fs::OpenOptions::new().append(true).open(&touched).unwrap();
    f.write_all(b"\nHOLT: One more thing.\n").unwrap();
    drop(f);
    let third = run(&[]);
    let err = String::from_utf8_lossy(&third.stderr);
    assert!(err.contains("(18 skipped)"), "{err}");
}

#[test]
fn killed_run_then_rerun_equals_an_uninterrupted_run() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("in");
    make_tree(&src, 4);
    let whole = tmp.path().join("whole");
    bin()
        .args(["--enrich", "none", "-j", "2", "--out-dir"])
        .arg(&whole)
        .arg(&src)
        .assert()
        .success();
    let resumed = tmp.path().join("resumed");
    // kill with SIGKILL after some records, twice at different points
    for k in ["40", "120"] {
        let status = StdCommand::new(bin_path())
            .env("TURNSTREAM_TEST_KILL_AFTER", k)
            .args(["--enrich", "none", "-j", "2", "--out-dir"])
            .arg(&resumed)
            .arg(&src)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "killed by SIGKILL");
    }
    // what a killed run leaves: complete files and at most `.partial` ones
    let partial = dir_snapshot(&resumed);
    assert!(partial.len() < dir_snapshot(&whole).len() + 2);
    bin()
        .args(["--enrich", "none", "-j", "2", "--out-dir"])
        .arg(&resumed)
        .arg(&src)
        .assert()
        .success();
    assert_eq!(dir_snapshot(&resumed), dir_snapshot(&whole));
}

#[test]
fn out_dir_never_writes_outside() {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("work");
    fs::create_dir_all(base.join("sub")).unwrap();
    fs::copy(fixture("debate.txt"), base.join("debate.txt")).unwrap();
    let out = base.join("sub/out");
    // an absolute input path and a `..` path
    let abs = base.join("debate.txt");
    bin()
        .current_dir(base.join("sub"))
        .args(["--enrich", "none", "--out-dir", "out"])
        .arg(&abs)
        .arg("../debate.txt")
        .assert()
        .success();
    let snap = dir_snapshot(&out);
    let names: Vec<&str> = snap.iter().map(|(p, _)| p.as_str()).collect();
    assert!(names.contains(&"__/debate.txt.ndjson"), "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("work/debate.txt.ndjson") && !n.starts_with('/')),
        "{names:?}"
    );
    assert_eq!(
        fs::read_dir(&base).unwrap().count(),
        2,
        "nothing new beside the inputs"
    );
    // a symbolic link inside DIR that points outside is not written through
    let outside = tmp.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    let out2 = tmp.path().join("out2");
    fs::create_dir_all(&out2).unwrap();
    std::os::unix::fs::symlink(&outside, out2.join("trap")).unwrap();
    fs::create_dir_all(tmp.path().join("trap")).unwrap();
    fs::copy(fixture("debate.txt"), tmp.path().join("trap/x.txt")).unwrap();
    let o = bin()
        .current_dir(tmp.path())
        .args(["--enrich", "none", "--out-dir", "out2", "trap/x.txt"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("symbolic link"));
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
    // a symlinked input maps by its own path, inside DIR
    std::os::unix::fs::symlink(base.join("debate.txt"), tmp.path().join("link.txt")).unwrap();
    bin()
        .current_dir(tmp.path())
        .args(["--enrich", "none", "--out-dir", "out3", "link.txt"])
        .assert()
        .success();
    assert!(tmp.path().join("out3/link.txt.ndjson").is_file());
}

#[test]
fn walking_survives_symlink_loops() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("a/b");
    fs::create_dir_all(&d).unwrap();
    fs::copy(fixture("debate.txt"), d.join("debate.txt")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("a"), d.join("loop")).unwrap();
    let out = bin()
        .args(["--enrich", "none"])
        .arg(tmp.path())
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(sources(&records(&out.stdout)).len(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("loop"));
}

#[test]
fn large_and_small_inputs_mixed_keep_order_at_any_job_count() {
    // inputs over 1 MB run as async pipelines, smaller ones on the worker
    // threads: a mix must neither reorder nor stall (a large input after a
    // small one once could wait for a slot the small one held)
    let tmp = tempfile::tempdir().unwrap();
    let small = fs::read(fixture("caps-briefing.txt")).unwrap();
    for i in 0..6 {
        let sub = tmp.path().join(format!("d{i}"));
        fs::create_dir_all(&sub).unwrap();
        fs::write(sub.join("a-small.txt"), &small).unwrap();
        if i % 2 == 0 {
            let big = big_input(&sub, 3);
            fs::rename(big, sub.join("b-big.txt")).unwrap();
        }
        fs::write(sub.join("c-small.txt"), &small).unwrap();
    }
    let run = |j: &str| {
        let out = bin()
            .args(["--enrich", "none", "-j", j])
            .arg(tmp.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let one = run("1");
    let recs = records(&one);
    let srcs = sources(&recs);
    assert_eq!(srcs.len(), 15, "{srcs:?}");
    let mut sorted = srcs.clone();
    sorted.sort();
    assert_eq!(srcs, sorted);
    assert_eq!(one, run("2"), "-j1 and -j2 differ");
    assert_eq!(one, run("8"), "-j1 and -j8 differ");
}

fn big_input(dir: &Path, mb: usize) -> PathBuf {
    let p = dir.join("big.txt");
    let mut f = fs::File::create(&p).unwrap();
    let chunk = fs::read(fixture("caps-briefing.txt")).unwrap();
    let mut n = 0;
    while n < mb << 20 {
        f.write_all(&chunk).unwrap();
        n += chunk.len();
    }
    p
}

#[test]
fn closed_stdout_ends_quietly_with_status_0() {
    let tmp = tempfile::tempdir().unwrap();
    let big = big_input(tmp.path(), 20);
    let mut child = StdCommand::new(bin_path())
        .args(["--enrich", "none"])
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(line.starts_with('{'));
    drop(out); // like `| head -1`
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(err, "", "no error message, no panic");
}

#[test]
fn live_input_shows_turns_as_they_happen() {
    let mut child = StdCommand::new(bin_path())
        .args(["--enrich", "none", "--idle-flush", "200ms"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    stdin
        .write_all(b"HOLT: Good evening.\n\nCLINTON: Thank you.\n")
        .unwrap();
    stdin.flush().unwrap();
    // stdin stays open: the turns must arrive anyway
    let first = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("a record before end of input");
    let r: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(r["speaker"]["label"], "HOLT");
    let second = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the open turn after the idle time");
    let r: Value = serde_json::from_str(&second).unwrap();
    assert_eq!(r["speaker"]["label"], "CLINTON");
    // more of the same speaker continues in a record flagged `continued`
    stdin.write_all(b"I mean it.\n").unwrap();
    stdin.flush().unwrap();
    let third = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("continuation");
    let r: Value = serde_json::from_str(&third).unwrap();
    assert_eq!(r["speaker"]["label"], "CLINTON");
    assert_eq!(r["continued"], true);
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn unreadable_path_is_named_and_others_go_on() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("plain.txt");
    fs::write(&file, "HOLT: hi\n").unwrap();
    // a path through a file cannot be opened (works even as root)
    let bad = file.join("inside.txt");
    let out = bin()
        .args(["--enrich", "none"])
        .arg(&bad)
        .arg(fixture("debate.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("inside.txt"), "{err}");
    assert_eq!(records(&out.stdout).len(), 8);
}

#[test]
fn invalid_utf8_is_read_as_windows_1252_with_one_warning_per_file() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("bad.txt");
    fs::write(&p, b"HOLT: caf\xe9 one\n\nCLINTON: two \xff\xfe\nthree\n").unwrap();
    let out = bin().args(["--enrich", "none"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("invalid UTF-8").count(), 1, "{err}");
    assert!(err.contains("3 bytes") && err.contains("line 1"), "{err}");
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["text"], "caf\u{e9} one");
    assert_eq!(recs[1]["text"], "two \u{ff}\u{fe} three");
    assert_eq!(recs[1]["line_end"], 4);
}

#[test]
fn boms_utf16_and_line_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "HOLT: Good evening.\n\nCLINTON: Thank you.\nI mean it.\n";
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "bom8",
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        ),
        ("crlf", text.replace('\n', "\r\n").into_bytes()),
        ("cr", text.replace('\n', "\r").into_bytes()),
    ];
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    let mut le_nobom = Vec::new();
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
        le_nobom.extend_from_slice(&u.to_le_bytes());
    }
    cases.push(("utf16le", le));
    cases.push(("utf16be", be));
    cases.push(("utf16le-nobom", le_nobom));
    for (name, bytes) in cases {
        let p = tmp.path().join(format!("{name}.txt"));
        fs::write(&p, bytes).unwrap();
        let out = bin().args(["--enrich", "none"]).arg(&p).output().unwrap();
        let recs = records(&out.stdout);
        assert_eq!(recs.len(), 2, "{name}");
        assert_eq!(recs[0]["speaker"]["label"], "HOLT", "{name}");
        assert_eq!(recs[1]["text"], "Thank you. I mean it.", "{name}");
        assert_eq!(recs[1]["line_start"], 3, "{name}");
        assert_eq!(recs[1]["line_end"], 4, "{name}");
    }
}

#[test]
fn oversized_turns_are_split_without_losing_text() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("long.txt");
    // one 3 MB line without a newline, after a label
    let body: String = "word ".repeat(600_000);
    fs::write(&p, format!("HOLT: {body}")).unwrap();
    let out = bin()
        .args(["--enrich", "none", "--max-turn-bytes", "256K"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("were split into continued records"), "{err}");
    let recs = records(&out.stdout);
    assert!(recs.len() >= 12, "{}", recs.len());
    assert!(recs[0].get("continued").is_none());
    assert!(
        recs[1..]
            .iter()
            .all(|r| r["continued"] == true && r["speaker"]["label"] == "HOLT")
    );
    assert!(
        recs.iter()
            .all(|r| r["text"].as_str().unwrap().len() <= 256 << 10)
    );
    let joined: String = recs.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(joined, body.trim_end());
}

#[test]
fn empty_files_are_fine() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("empty.txt");
    fs::write(&p, "").unwrap();
    let q = tmp.path().join("blank.txt");
    fs::write(&q, "\n\n   \n").unwrap();
    let out = bin()
        .args(["--enrich", "none"])
        .arg(&p)
        .arg(&q)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn es_bulk_output() {
    let out = bin()
        .args([
            "--enrich",
            "none",
            "--format",
            "es-bulk",
            "--index",
            "briefings",
        ])
        .arg(fixture("debate.txt"))
        .output()
        .unwrap();
    let lines: Vec<Value> = records(&out.stdout);
    assert_eq!(lines.len(), 16);
    for pair in lines.chunks(2) {
        assert_eq!(pair[0]["index"]["_index"], "briefings");
        assert_eq!(pair[0]["index"]["_id"], pair[1]["id"]);
        assert_eq!(pair[1]["schema"], "turnstream.turn/1");
    }
}

/// The README's DuckDB query, on the NDJSON of the whole shared corpus:
/// turns and words per speaker for a document, checked against the records.
#[test]
fn duckdb_reads_the_output() {
    // the `duckdb` Python package: skipped with a message where it is
    // missing, required in CI (`.ci/run` installs it and sets TURNSTREAM_CI)
    let have_duckdb = StdCommand::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_duckdb {
        assert!(
            std::env::var_os("TURNSTREAM_CI").is_none(),
            "the duckdb Python package is required in CI (.ci/install installs it)"
        );
        eprintln!("skipped: python3 -c 'import duckdb' fails (pip install duckdb)");
        return;
    }
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(corpus.is_dir(), "../shared/corpus is needed (CI has it)");
    let tmp = tempfile::tempdir().unwrap();
    let nd = tmp.path().join("corpus.ndjson");
    bin()
        .args(["--enrich", "none", "-o"])
        .arg(&nd)
        .arg(&corpus)
        .assert()
        .success();
    let recs = records(&fs::read(&nd).unwrap());
    let doc = "blinken-stockholm-2021-12-02";
    let mut want: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
    for r in recs
        .iter()
        .filter(|r| r["source"].as_str().unwrap().contains(doc))
    {
        let e = want
            .entry(r["speaker"]["label"].as_str().unwrap().to_string())
            .or_default();
        e.0 += 1;
        e.1 += r["words"].as_i64().unwrap();
    }
    let sql = format!(
        "SELECT speaker.label AS speaker, count(*) AS turns, sum(words) AS words \
         FROM read_json_auto('{}') WHERE source LIKE '%{doc}%' \
         GROUP BY 1 ORDER BY 1",
        nd.display()
    );
    let py = format!(
        "import duckdb, json\nrows = duckdb.sql({sql:?}).fetchall()\nprint(json.dumps([[r[0], int(r[1]), int(r[2])] for r in rows]))"
    );
    let out = StdCommand::new("python3")
        .arg("-c")
        .arg(&py)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "duckdb: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Vec<(String, i64, i64)> = serde_json::from_slice(&out.stdout).unwrap();
    let want: Vec<(String, i64, i64)> = want.into_iter().map(|(k, (t, w))| (k, t, w)).collect();
    assert_eq!(got, want);
    assert_eq!(got.len(), 3);
}
