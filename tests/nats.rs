//! Scaling out on NATS JetStream, against a real `nats-server` (Debian's
//! package; `.ci/install` installs it) started on loopback with JetStream in
//! a temporary directory.
//!
//! - every document of ../shared/corpus published, two workers, one killed
//!   with SIGKILL while it holds documents: the TURNS stream ends with exactly
//!   the records file mode prints (same ids and content, none missing, none
//!   twice);
//! - the same files published twice: no duplicate documents or records;
//! - SIGTERM drains the documents in flight and exits 0.

use std::collections::HashMap;
use std::net::TcpStream;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("turnstream")
}

fn corpus() -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(p.is_dir(), "../shared/corpus is needed (CI has it)");
    p.to_string_lossy().into_owned()
}

struct Server {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
}

/// Is `nats-server` installed? Without it these tests are skipped with a
/// message, so `cargo test` works on a fresh machine; `.ci/run` installs it
/// and sets `TURNSTREAM_CI`, which makes its absence a failure instead.
fn have_nats_server() -> bool {
    let ok = Command::new("nats-server")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("TURNSTREAM_CI").is_none(),
            "nats-server is required in CI (Debian package nats-server; .ci/install installs it)"
        );
        eprintln!("skipped: nats-server is not installed (apt-get install nats-server)");
    }
    ok
}

impl Server {
    fn start() -> Server {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let dir = tempfile::tempdir().unwrap();
        let child = Command::new("nats-server")
            .args(["-js", "-a", "127.0.0.1", "-p", &port.to_string(), "-sd"])
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nats-server (Debian package nats-server; .ci/install installs it)");
        let t0 = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                t0.elapsed() < Duration::from_secs(10),
                "nats-server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Server {
            child,
            url: format!("nats://127.0.0.1:{port}"),
            _dir: dir,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run(args: &[&str]) -> (String, String, Option<i32>) {
    let out = Command::new(bin()).args(args).output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

fn wait_with_timeout(child: &mut Child, secs: u64) -> std::process::ExitStatus {
    let t0 = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        if t0.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            panic!("process did not finish within {secs}s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The records of `turnstream --enrich none CORPUS`, as lines.
fn file_mode(corpus: &str) -> Vec<String> {
    let (out, err, code) = run(&["--enrich", "none", corpus]);
    assert_eq!(code, Some(0), "{err}");
    out.lines().map(str::to_string).collect()
}

fn dump(url: &str, subject: &str) -> Vec<String> {
    let (out, err, code) = run(&["nats", "dump", "--url", url, "--subject", subject]);
    assert_eq!(code, Some(0), "{err}");
    out.lines().map(str::to_string).collect()
}

fn assert_same_records(stream: &[String], file: &[String]) {
    let mut ids: HashMap<String, usize> = HashMap::new();
    for l in stream {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        *ids.entry(v["id"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let twice: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "records stored twice: {twice:?}");
    let mut a = stream.to_vec();
    let mut b = file.to_vec();
    a.sort();
    b.sort();
    assert_eq!(a.len(), b.len(), "record counts differ");
    assert!(a == b, "stream records differ from file mode");
}

fn worker(url: &str, extra: &[&str], kill_after: Option<u64>) -> Child {
    let mut c = Command::new(bin());
    c.args([
        "nats",
        "worker",
        "--url",
        url,
        "--once",
        "--ack-wait",
        "2s",
        "--enrich",
        "none",
    ])
    .args(extra)
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    if let Some(k) = kill_after {
        c.env("TURNSTREAM_TEST_KILL_AFTER", k.to_string());
    }
    c.spawn().unwrap()
}

#[test]
fn killed_worker_loses_nothing_and_stores_nothing_twice() {
    if !have_nats_server() {
        return;
    }
    let corpus = corpus();
    let server = Server::start();
    let (_, err, code) = run(&["nats", "publish", "--url", &server.url, &corpus]);
    assert_eq!(code, Some(0), "{err}");
    // worker A dies (SIGKILL) after handing 400 records to the stream, in
    // the middle of a document it has not acknowledged
    let mut a = worker(&server.url, &["--max-inflight", "2"], Some(400));
    std::thread::sleep(Duration::from_millis(300));
    let mut b = worker(&server.url, &[], None);
    let sa = wait_with_timeout(&mut a, 300);
    assert_eq!(sa.signal(), Some(9), "worker A was killed");
    let sb = wait_with_timeout(&mut b, 300);
    assert!(
        sb.success(),
        "worker B finished the queue, A's documents included"
    );
    let stream = dump(&server.url, "transcripts.turns");
    assert_same_records(&stream, &file_mode(&corpus));
    assert!(dump(&server.url, "transcripts.errors").is_empty());
}

#[test]
fn publishing_twice_stores_each_document_and_record_once() {
    if !have_nats_server() {
        return;
    }
    let corpus = corpus();
    let server = Server::start();
    for round in 0..2 {
        let (_, err, code) = run(&["nats", "publish", "-v", "--url", &server.url, &corpus]);
        assert_eq!(code, Some(0), "{err}");
        if round == 1 {
            assert!(err.contains(" 0 documents published"), "{err}");
        }
    }
    let mut w = worker(&server.url, &[], None);
    assert!(wait_with_timeout(&mut w, 300).success());
    assert_same_records(&dump(&server.url, "transcripts.turns"), &file_mode(&corpus));
}

#[test]
fn sigterm_drains_and_exits_0_and_big_documents_use_the_object_store() {
    if !have_nats_server() {
        return;
    }
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    // a 3 MB document: over the default 1 MB max payload
    let big = dir.path().join("big.txt");
    let chunk = std::fs::read(format!(
        "{}/tests/fixtures/caps-briefing.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut body = Vec::new();
    while body.len() < 3 << 20 {
        body.extend_from_slice(&chunk);
    }
    std::fs::write(&big, &body).unwrap();
    let small = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let big_s = big.to_string_lossy().into_owned();
    let (_, err, code) = run(&[
        "nats",
        "publish",
        "-v",
        "--url",
        &server.url,
        &small,
        &big_s,
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("1 via the object store"), "{err}");
    // a long-running worker, stopped with SIGTERM once it has started
    let mut w = Command::new(bin())
        .args([
            "nats",
            "worker",
            "--url",
            &server.url,
            "--ack-wait",
            "2s",
            "--enrich",
            "none",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while dump(&server.url, "transcripts.turns").is_empty() {
        assert!(t0.elapsed() < Duration::from_secs(60), "no records");
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = Command::new("kill")
        .args(["-TERM", &w.id().to_string()])
        .status();
    let st = wait_with_timeout(&mut w, 60);
    assert_eq!(st.code(), Some(0), "SIGTERM drains and exits 0");
    // whatever it left is finished by the next worker; nothing lost, nothing twice
    let mut w2 = worker(&server.url, &[], None);
    assert!(wait_with_timeout(&mut w2, 300).success());
    let mut want = file_mode(&small);
    want.extend(file_mode(&big_s));
    assert_same_records(&dump(&server.url, "transcripts.turns"), &want);
}
