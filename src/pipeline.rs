//! The wiring: source -> segment -> enrich -> sink, joined by bounded channels.
//!
//! ```text
//!  per input (up to -j at once)                                   one writer
//!  ┌────────┐ LineBatch ┌─────────┐ Vec<Record> ┌──────────────┐ bytes ┌──────┐
//!  │ source ├──────────►│ segment ├────────────►│ enrich       ├──────►│ sink │
//!  │ (read, │  chan(4)  │ (+ids,  │   chan(4)   │ pool: map    │chan(8)│      │
//!  │ decode)│           │ speaker)│             │ in order:    │       │      │
//!  └────────┘           └─────────┘             │ post, encode │       └──────┘
//!                                               └──────────────┘
//! ```
//!
//! Every arrow is a bounded `tokio::sync::mpsc` channel: a slow sink stalls the
//! readers instead of filling memory. When a run computes only the basic
//! fields (`--enrich none`), the segment task also enriches and encodes its
//! batches: that work is too small for a hand-off, and records freed by the
//! thread that allocated them keep the allocator on its fast path. Each input runs its own three tasks; the
//! per-turn enrichment of all inputs shares one rayon worker pool, and
//! `buffered` puts each input's batches back in order. The sink takes inputs
//! strictly in walk order (a channel of per-input receivers), so output never
//! depends on `-j` or timing.
//!
//! Failures are per input: an unreadable file, a panic in a worker or a
//! malformed NDJSON line under `--strict` ends that input with an error naming
//! it; the others go on and the run exits 2 (ripgrep's convention). A closed
//! stdout ends the run quietly.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use futures::StreamExt;
use tokio::sync::{mpsc, oneshot};
use tokio_stream::wrappers::ReceiverStream;

use crate::config::Rules;
use crate::enrich::Enricher;
use crate::format;
use crate::pool::Pool;
use crate::record::{Format, Record};
use crate::segment::{Limits, SegmentStats, Segmenter};
use crate::sink::out_dir::{self, OutFile};
use crate::sink::progress::Progress;
use crate::sink::{OutputFormat, WriteOutcome, Writer, serialize_batch};
use crate::source::decode::DecodeStats;
use crate::source::decode::LineBatch;
use crate::source::{self, Input, ReadError, ReadOptions, SourceMsg, WalkOptions};
use crate::speaker::registry::Registry;
use crate::speaker::{Attributor, SpeakerRules};

/// Everything a run needs, validated (see `cli.rs`).
#[derive(Debug, Clone)]
pub struct Options {
    pub paths: Vec<String>,
    pub walk: WalkOptions,
    pub read: ReadOptions,
    pub limits: Limits,
    /// Forced input format (None = detect per input).
    pub input_format: Option<Format>,
    /// Inputs processed at once.
    pub jobs: usize,
    /// Malformed NDJSON input lines are fatal for their input.
    pub strict: bool,
    pub output: Output,
    pub output_format: OutputFormat,
    pub line_buffered: bool,
    /// Draw a progress bar on stderr.
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            paths: Vec::new(),
            walk: WalkOptions::default(),
            read: ReadOptions::default(),
            limits: Limits::default(),
            input_format: None,
            jobs: 1,
            strict: false,
            output: Output::Stdout,
            output_format: OutputFormat::Ndjson,
            line_buffered: false,
            progress: false,
        }
    }
}

/// Where records go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Stdout,
    File(PathBuf),
    /// One file per input under `dir` (`--out-dir`); `force` re-does inputs
    /// whose output is newer than the input.
    Dir {
        dir: PathBuf,
        force: bool,
    },
}

/// Read-only state shared by every task of a run.
pub struct Context {
    pub rules: Arc<Rules>,
    pub enricher: Arc<Enricher>,
    pub speaker_rules: Arc<SpeakerRules>,
    pub registry: Arc<Registry>,
    /// Encoded output chunks, recycled by the sink.
    pub chunks: Pool<Vec<u8>>,
    /// Line batches, recycled by the segmenters (shared by all inputs, so a
    /// run over thousands of small files does not allocate per file).
    pub batches: Pool<LineBatch>,
}

impl Context {
    pub fn new(rules: Arc<Rules>, enricher: Arc<Enricher>) -> Context {
        Context {
            rules,
            enricher,
            speaker_rules: Arc::new(SpeakerRules::default_rules()),
            registry: Arc::new(Registry::default()),
            chunks: Pool::new(32),
            batches: Pool::new(32),
        }
    }
}

/// What happened to one input.
#[derive(Debug, Default, Clone)]
pub struct InputReport {
    pub name: String,
    pub format: Option<Format>,
    pub decode: DecodeStats,
    pub segment: SegmentStats,
    pub records: u64,
    /// Set when the input failed (the others went on).
    pub error: Option<String>,
    /// Set when the input was skipped on purpose (binary, output up to date).
    pub skipped: Option<String>,
    /// The output file written for it (`--out-dir`).
    pub output: Option<PathBuf>,
}

/// What happened in the whole run.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files: u64,
    pub skipped: u64,
    pub failed: u64,
    pub records: u64,
    pub events: u64,
    pub boilerplate: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub bad_records: u64,
    pub errors: Vec<String>,
    pub elapsed_secs: f64,
    /// The output was closed by its reader (`| head`).
    pub output_closed: bool,
}

impl Summary {
    fn add(&mut self, r: &InputReport) {
        self.files += 1;
        self.skipped += u64::from(r.skipped.is_some());
        self.records += r.records;
        self.events += r.segment.events;
        self.boilerplate += r.segment.boilerplate;
        self.bytes_in += r.decode.bytes;
        self.bad_records += r.segment.bad_records;
        if let Some(e) = &r.error {
            self.failed += 1;
            self.errors.push(e.clone());
        }
    }

    /// Some input failed: exit status 2.
    pub fn has_failures(&self) -> bool {
        !self.errors.is_empty()
    }

    pub fn one_line(&self) -> String {
        let mb = self.bytes_in as f64 / 1e6;
        let rate = if self.elapsed_secs > 0.0 {
            mb / self.elapsed_secs
        } else {
            0.0
        };
        format!(
            "{} files ({} skipped), {} records ({} events), {} boilerplate lines, {} bad input records, {} errors, {:.1} MB in {:.2}s ({:.1} MB/s)",
            self.files,
            self.skipped,
            self.records,
            self.events,
            self.boilerplate,
            self.bad_records,
            self.errors.len(),
            mb,
            self.elapsed_secs,
            rate
        )
    }
}

enum DocMsg {
    /// Encoded records and how many.
    Data(Vec<u8>, u64),
    Done(InputReport),
}

/// What the sink gets for each input, in walk order.
enum Slot {
    Run(Input, mpsc::Receiver<DocMsg>),
    Skipped(InputReport),
}

/// Run the whole pipeline over `opts.paths`.
pub async fn run(opts: Options, ctx: Arc<Context>) -> std::io::Result<Summary> {
    let started = Instant::now();
    let (inputs, input_errors) = source::discover(&opts.paths, &opts.walk);
    let mut summary = Summary::default();
    for e in &input_errors {
        if e.warning {
            tracing::warn!("{e}");
        } else {
            tracing::error!("{e}");
            summary.errors.push(e.to_string());
        }
    }
    let dest = match &opts.output {
        Output::Stdout => Dest::Stream(Writer::stdout(opts.line_buffered)),
        Output::File(p) => {
            let f = std::fs::File::create(p).map_err(|e| {
                std::io::Error::new(
                    e.kind(),
                    format!("{}: {}", p.display(), source::io_reason(&e)),
                )
            })?;
            Dest::Stream(Writer::new(Box::new(f), opts.line_buffered))
        }
        Output::Dir { dir, .. } => Dest::Dir(dir.clone()),
    };
    let (reports, bytes_out, closed) = run_inputs(inputs, &opts, ctx, dest).await?;
    for r in &reports {
        summary.add(r);
    }
    summary.bytes_out = bytes_out;
    summary.output_closed = closed;
    summary.elapsed_secs = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The sink's destination: one stream, one file per input, or a channel of
/// encoded chunks (whole records, newline-terminated) for another sink such
/// as a message queue.
pub enum Dest {
    Stream(Writer),
    Dir(PathBuf),
    Channel(mpsc::Sender<Vec<u8>>),
}

/// Run the given inputs into `dest`. Returns the per-input reports, the bytes
/// written and whether the output was closed by its reader.
pub async fn run_inputs(
    inputs: Vec<Input>,
    opts: &Options,
    ctx: Arc<Context>,
    dest: Dest,
) -> std::io::Result<(Vec<InputReport>, u64, bool)> {
    let jobs = opts.jobs.max(1);
    // Inputs may run ahead of the sink by a few slots each: a long input at
    // the head must not leave the other workers idle (small inputs finish
    // into their own bounded channels and wait there, in order).
    let (order_tx, mut order_rx) = mpsc::channel::<Slot>(jobs * 8);
    let stop = Arc::new(AtomicBool::new(false));
    let files_total = inputs.len() as u64;
    let bytes_total: u64 = inputs.iter().map(|i| i.size).sum();

    // Inputs go to `jobs` worker threads through a queue the producer keeps
    // filled ahead, in walk order, so a worker starts its next input the
    // moment it finishes one (a task spawned per input left a core idle
    // between inputs: -j2 ran at 1.3x -j1). Exactly `jobs` inputs run at
    // once. Small inputs run on the worker thread itself; larger ones and
    // stdin as the async pipeline of tasks, which the worker waits on.
    // Workers take inputs in order, and an input waits only for the sink to
    // reach it, which needs only earlier inputs: no deadlock.
    let (job_tx, job_rx) = mpsc::channel::<(Input, mpsc::Sender<DocMsg>)>(jobs * 4);
    let job_rx = Arc::new(std::sync::Mutex::new(job_rx));
    let handle = tokio::runtime::Handle::current();
    for _ in 0..jobs {
        let rx = job_rx.clone();
        let o = opts.clone();
        let c = ctx.clone();
        let handle = handle.clone();
        std::thread::Builder::new()
            .name("turnstream-input".into())
            .spawn(move || {
                loop {
                    let job = match rx.lock() {
                        Ok(mut rx) => rx.blocking_recv(),
                        Err(_) => None,
                    };
                    let Some((input, tx)) = job else {
                        break;
                    };
                    let name = input.name.to_string();
                    let report = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        if o.read.idle.is_none() && small_input(&input) {
                            run_small(input, &o, &c, &tx)
                        } else {
                            handle.block_on(run_input(input, &o, c.clone(), tx.clone()))
                        }
                    }))
                    .unwrap_or_else(|_| InputReport {
                        name,
                        error: Some("internal error: a worker panicked".into()),
                        ..InputReport::default()
                    });
                    let _ = tx.blocking_send(DocMsg::Done(report));
                }
            })
            .map_err(std::io::Error::other)?;
    }

    // Producer: queue inputs in order; skip those whose --out-dir output is
    // up to date.
    let popts = opts.clone();
    let pstop = stop.clone();
    let producer = tokio::spawn(async move {
        for input in inputs {
            if pstop.load(Ordering::Relaxed) {
                break;
            }
            if let Output::Dir { dir, force: false } = &popts.output {
                let out = out_dir::output_path(dir, &input);
                if out_dir::up_to_date(&input, &out) {
                    let report = InputReport {
                        name: input.name.to_string(),
                        skipped: Some("output is up to date".into()),
                        output: Some(out),
                        ..InputReport::default()
                    };
                    if order_tx.send(Slot::Skipped(report)).await.is_err() {
                        break;
                    }
                    continue;
                }
            }
            let (tx, rx) = mpsc::channel::<DocMsg>(4);
            if order_tx.send(Slot::Run(input.clone(), rx)).await.is_err()
                || job_tx.send((input, tx)).await.is_err()
            {
                break;
            }
        }
    });

    // Sink: a blocking thread that takes inputs strictly in order.
    let chunks = ctx.chunks.clone();
    let show = opts.progress;
    let kill_after = test_kill_after();
    let sink = tokio::task::spawn_blocking(move || {
        let mut progress = Progress::new(show, files_total, bytes_total);
        let mut sink = Sink {
            dest,
            reports: Vec::new(),
            written: 0,
            records: 0,
            kill_after,
        };
        let r = sink.run(&mut order_rx, &chunks, &mut progress, &stop);
        progress.finish();
        r.map(|closed| (sink.reports, sink.written, closed))
    });
    let result = sink.await.map_err(std::io::Error::other)?;
    producer.abort();
    result
}

/// A hidden test hook: `TURNSTREAM_TEST_KILL_AFTER=N` makes the process send
/// itself SIGKILL once N records are written, so tests can check what a
/// killed run leaves behind without timing games.
fn test_kill_after() -> Option<u64> {
    std::env::var("TURNSTREAM_TEST_KILL_AFTER")
        .ok()
        .and_then(|v| v.parse().ok())
}

struct Sink {
    dest: Dest,
    reports: Vec<InputReport>,
    written: u64,
    records: u64,
    kill_after: Option<u64>,
}

impl Sink {
    /// Returns whether the output was closed by its reader.
    fn run(
        &mut self,
        order_rx: &mut mpsc::Receiver<Slot>,
        chunks: &Pool<Vec<u8>>,
        progress: &mut Progress,
        stop: &AtomicBool,
    ) -> std::io::Result<bool> {
        while let Some(slot) = order_rx.blocking_recv() {
            let (input, mut rx) = match slot {
                Slot::Skipped(report) => {
                    tracing::debug!(
                        "{}: skipped: {}",
                        report.name,
                        report.skipped.as_deref().unwrap_or("")
                    );
                    progress.file_done();
                    self.reports.push(report);
                    continue;
                }
                Slot::Run(input, rx) => (input, rx),
            };
            let mut file: Option<OutFile> = None;
            let mut file_error: Option<String> = None;
            loop {
                let msg = match rx.try_recv() {
                    Ok(m) => m,
                    Err(mpsc::error::TryRecvError::Empty) => {
                        if let Dest::Stream(w) = &mut self.dest {
                            if w.line_buffered && w.flush()? == WriteOutcome::Closed {
                                stop.store(true, Ordering::Relaxed);
                                return Ok(true);
                            }
                        }
                        progress.bytes(source::BYTES_READ.load(Ordering::Relaxed));
                        match rx.blocking_recv() {
                            Some(m) => m,
                            None => break,
                        }
                    }
                    Err(mpsc::error::TryRecvError::Disconnected) => break,
                };
                match msg {
                    DocMsg::Data(mut bytes, n) => {
                        let len = bytes.len() as u64;
                        match &mut self.dest {
                            Dest::Stream(w) => {
                                if w.write(&bytes)? == WriteOutcome::Closed {
                                    stop.store(true, Ordering::Relaxed);
                                    return Ok(true);
                                }
                            }
                            Dest::Channel(tx) => {
                                // the chunk itself goes on (the pool gets an
                                // empty buffer back)
                                if tx.blocking_send(std::mem::take(&mut bytes)).is_err() {
                                    stop.store(true, Ordering::Relaxed);
                                    return Ok(true);
                                }
                            }
                            Dest::Dir(dir) => {
                                if file.is_none() && file_error.is_none() {
                                    match OutFile::create(dir, &out_dir::output_path(dir, &input)) {
                                        Ok(f) => file = Some(f),
                                        Err(e) => file_error = Some(e.to_string()),
                                    }
                                }
                                if let Some(f) = file.as_mut() {
                                    if let Err(e) = f.write(&bytes) {
                                        file_error = Some(e.to_string());
                                    }
                                }
                            }
                        }
                        self.written += len;
                        self.records += n;
                        progress.records(n);
                        bytes.clear();
                        chunks.give(bytes);
                        if let Some(k) = self.kill_after {
                            // counted for the whole process (a NATS worker
                            // runs one pipeline per document)
                            if RECORDS_OUT.fetch_add(n, Ordering::Relaxed) + n >= k {
                                kill_self();
                            }
                        }
                    }
                    DocMsg::Done(mut report) => {
                        if let Dest::Dir(dir) = &self.dest {
                            self.finish_file(
                                dir,
                                &input,
                                file.take(),
                                file_error.take(),
                                &mut report,
                            );
                        }
                        if let Some(e) = &report.error {
                            tracing::error!("{e}");
                        }
                        if let Some(why) = &report.skipped {
                            tracing::warn!("{}: skipped: {}", report.name, why);
                        }
                        progress.file_done();
                        self.reports.push(report);
                        break;
                    }
                }
            }
        }
        match &mut self.dest {
            Dest::Stream(w) => Ok(w.flush()? == WriteOutcome::Closed),
            Dest::Dir(_) | Dest::Channel(_) => Ok(false),
        }
    }

    /// `--out-dir`: move a complete output into place, or leave nothing.
    fn finish_file(
        &self,
        dir: &std::path::Path,
        input: &Input,
        file: Option<OutFile>,
        file_error: Option<String>,
        report: &mut InputReport,
    ) {
        let target = out_dir::output_path(dir, input);
        if let Some(e) = file_error {
            if let Some(f) = file {
                f.abandon();
            }
            report.error.get_or_insert(format!(
                "{}: cannot write {}: {e}",
                report.name,
                target.display()
            ));
            return;
        }
        if report.error.is_some() || report.skipped.is_some() {
            if let Some(f) = file {
                f.abandon();
            }
            return;
        }
        // an input with no records still gets its (empty) file, so that a
        // re-run knows it is done
        let f = match file {
            Some(f) => Ok(f),
            None => OutFile::create(dir, &target),
        };
        match f.and_then(OutFile::commit) {
            Ok(p) => report.output = Some(p),
            Err(e) => {
                report.error = Some(format!(
                    "{}: cannot write {}: {e}",
                    report.name,
                    target.display()
                ));
            }
        }
    }
}

/// Records handed to destinations by this process (for the test hook).
static RECORDS_OUT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// SIGKILL ourselves (test hook): no destructors, no flush, like `kill -9`.
fn kill_self() -> ! {
    let pid = std::process::id().to_string();
    let _ = std::process::Command::new("kill")
        .args(["-KILL", &pid])
        .status();
    std::process::abort()
}

/// Run one input through source, segment and enrich, sending encoded records
/// on `tx`. Never fails: problems end up in the report.
async fn run_input(
    input: Input,
    opts: &Options,
    ctx: Arc<Context>,
    tx: mpsc::Sender<DocMsg>,
) -> InputReport {
    let name = input.name.clone();
    let mut report = InputReport {
        name: name.to_string(),
        ..InputReport::default()
    };

    // source
    let (ltx, mut lrx) = mpsc::channel::<SourceMsg>(2);
    let sinput = input.clone();
    let ropts = opts.read;
    let batches = ctx.batches.clone();
    let rbatches = batches.clone();
    let reader =
        tokio::spawn(async move { source::read_input(&sinput, ropts, ltx, rbatches).await });

    // segment (+ record ids); runs in order per input. With only the basic
    // fields to compute, enrichment and encoding run here too: the work is
    // too small for a hand-off, and records are then freed by the thread that
    // allocated them (the allocator's fast path).
    let (rtx, rrx) = mpsc::channel::<Segmented>(2);
    let inline = ctx.enricher.is_basic_only();
    let forced = opts.input_format;
    let limits = opts.limits;
    let strict = opts.strict;
    let output_format = opts.output_format.clone();
    let rules = ctx.rules.clone();
    let sctx = ctx.clone();
    let sname = name.clone();
    // format detection's tie-break: the file's name (or a document's source)
    let path = input
        .path()
        .map(|p| p.to_path_buf())
        .or_else(|| Some(PathBuf::from(&*input.name)));
    let segmenter = tokio::spawn(async move {
        let mut seg: Option<(Box<dyn Segmenter>, Format)> = None;
        let mut out = Vec::new();
        let mut index = 0u64;
        let mut fatal: Option<String> = None;
        let ids = crate::record::IdGen::new(&sname);
        // who is speaking: in order, per input, one record held back
        let mut speakers = Attributor::new(
            sctx.speaker_rules.clone(),
            sctx.registry.clone(),
            sname.clone(),
        );
        let enricher = sctx.enricher.clone();
        let mut doc = enricher.doc_state();
        let output_format = output_format.clone();
        // encoded here: the records' vector is reused batch after batch (a
        // freed vector of a batch of records is big enough to make the
        // allocator consolidate its free lists every time)
        let mut spare: Vec<Record> = Vec::new();
        let mut send = |out: &mut Vec<crate::record::Turn>, fmt: Format, flush: bool| {
            let mut ready = std::mem::take(&mut spare);
            ready.reserve(out.len() + 1);
            speakers.push_into(
                out.drain(..).map(|t| {
                    let r = Record::from_turn_with(t, &sname, index, fmt, &ids);
                    index += 1;
                    r
                }),
                &mut ready,
            );
            if flush {
                ready.extend(speakers.flush());
            }
            if !inline || ready.is_empty() {
                return Segmented::Records(ready);
            }
            enricher.map(&mut ready);
            doc.post(&mut ready);
            let buf = encode(&ready, &output_format, &sctx.chunks);
            let n = ready.len() as u64;
            // freed here, by the thread that built them: texts are reused
            // (taken out in place: a record moved out of the vector to be
            // dropped was a copy of its ~300 bytes)
            for r in ready.iter_mut() {
                if let Some(sp) = r.speaker.take() {
                    crate::recycle::give_speaker(sp);
                }
                crate::recycle::give(std::mem::take(&mut r.text));
            }
            ready.clear();
            spare = ready;
            Segmented::Encoded(buf, n)
        };
        while let Some(msg) = lrx.recv().await {
            if seg.is_none() {
                let fmt = match (&msg, forced) {
                    (_, Some(f)) => f,
                    (SourceMsg::Lines(b), None) => format::sniff(b, path.as_deref()),
                    (SourceMsg::Idle, None) => continue,
                };
                seg = Some((format::segmenter(fmt, &rules, limits), fmt));
            }
            let (s, fmt) = seg.as_mut().expect("segmenter");
            let idle = matches!(msg, SourceMsg::Idle);
            match msg {
                SourceMsg::Lines(mut batch) => {
                    s.push(&batch, &mut out);
                    batch.clear();
                    batches.give(batch);
                }
                SourceMsg::Idle => s.idle(&mut out),
            }
            for d in s.take_diagnostics() {
                if strict && d.strict_error {
                    fatal = Some(format!("{}:{}: {}", sname, d.line, d.message));
                    break;
                }
                tracing::warn!("{}:{}: {}", sname, d.line, d.message);
            }
            if fatal.is_some() {
                break;
            }
            if !out.is_empty() || idle {
                let recs = send(&mut out, *fmt, idle);
                if !recs.is_empty() && rtx.send(recs).await.is_err() {
                    break;
                }
            }
        }
        let (stats, fmt) = match seg.as_mut() {
            Some((s, fmt)) if fatal.is_none() => {
                s.finish(&mut out);
                for d in s.take_diagnostics() {
                    tracing::warn!("{}:{}: {}", sname, d.line, d.message);
                }
                let recs = send(&mut out, *fmt, true);
                if !recs.is_empty() {
                    let _ = rtx.send(recs).await;
                }
                (s.stats().clone(), Some(*fmt))
            }
            Some((s, fmt)) => (s.stats().clone(), Some(*fmt)),
            None => (SegmentStats::default(), forced),
        };
        (stats, fmt, fatal)
    });

    // enrich: per-turn work on the pool, in order; per-document work after.
    // (Basic-only batches arrive encoded: see above.)
    let workers = rayon::current_num_threads().max(1) * 2;
    let enricher = ctx.enricher.clone();
    let mut stream = ReceiverStream::new(rrx)
        .map(move |batch| {
            let e = enricher.clone();
            async move {
                match batch {
                    Segmented::Encoded(buf, n) => Ok(Segmented::Encoded(buf, n)),
                    Segmented::Records(mut recs) => {
                        spawn_cpu(move || {
                            e.map(&mut recs);
                            Segmented::Records(recs)
                        })
                        .await
                    }
                }
            }
        })
        .buffered(workers);
    let mut doc = ctx.enricher.doc_state();
    let mut worker_error = None;
    while let Some(res) = stream.next().await {
        match res {
            Ok(batch) => {
                let (buf, n) = match batch {
                    Segmented::Encoded(buf, n) => (buf, n),
                    Segmented::Records(mut recs) => {
                        doc.post(&mut recs);
                        let buf = encode(&recs, &opts.output_format, &ctx.chunks);
                        (buf, recs.len() as u64)
                    }
                };
                report.records += n;
                if tx.send(DocMsg::Data(buf, n)).await.is_err() {
                    break;
                }
            }
            Err(msg) => {
                worker_error = Some(msg);
                break;
            }
        }
    }
    drop(stream);

    match segmenter.await {
        Ok((stats, fmt, fatal)) => {
            report.segment = stats;
            report.format = fmt;
            if let Some(f) = fatal {
                report.error = Some(f);
            }
        }
        Err(e) => report.error = Some(format!("{name}: internal error in segmenter: {e}")),
    }
    match reader.await {
        Ok(Ok((decode, enc))) => {
            warn_decode(&name, &decode, enc, opts);
            report.decode = decode;
        }
        Ok(Err(ReadError::Io(e))) => {
            report
                .error
                .get_or_insert(format!("{name}: {}", source::io_reason(&e)));
        }
        Ok(Err(ReadError::Closed)) => {}
        Ok(Err(ReadError::Binary)) => {
            report.skipped = Some("not text (NUL bytes)".into());
        }
        Err(e) => {
            report
                .error
                .get_or_insert(format!("{name}: internal error in reader: {e}"));
        }
    }
    if let Some(e) = worker_error {
        report
            .error
            .get_or_insert(format!("{name}: internal error in enrichment: {e}"));
    }
    warn_split(&report, opts);
    report
}

/// What the segmenter task hands on: records to enrich, or (basic fields
/// only) records already enriched and encoded.
enum Segmented {
    Records(Vec<Record>),
    Encoded(Vec<u8>, u64),
}

impl Segmented {
    fn is_empty(&self) -> bool {
        match self {
            Segmented::Records(r) => r.is_empty(),
            Segmented::Encoded(_, n) => *n == 0,
        }
    }
}

/// Encode records into a recycled output chunk.
fn encode(recs: &[Record], format: &OutputFormat, chunks: &Pool<Vec<u8>>) -> Vec<u8> {
    let est: usize = recs.iter().map(|r| r.text.len() + 320).sum();
    let mut buf = chunks.take(|| Vec::with_capacity(est));
    buf.reserve(est);
    serialize_batch(recs, format, &mut buf);
    buf
}

/// The once-per-input warnings about decoding.
fn warn_decode(
    name: &str,
    decode: &DecodeStats,
    enc: Option<crate::source::decode::Encoding>,
    opts: &Options,
) {
    if decode.replaced_bytes > 0 {
        tracing::warn!(
            "{}: {} bytes of invalid UTF-8 read as Windows-1252, first on line {}",
            name,
            decode.replaced_bytes,
            decode.first_bad_line.unwrap_or(0)
        );
    }
    if decode.cut_lines > 0 {
        tracing::warn!(
            "{}: {} lines longer than {} bytes were cut, first on line {}",
            name,
            decode.cut_lines,
            opts.read.max_line_bytes,
            decode.first_cut_line.unwrap_or(0)
        );
    }
    if let Some(e) = enc {
        if e != crate::source::decode::Encoding::Utf8 {
            tracing::debug!("{}: encoding {}", name, e.name());
        }
    }
}

fn warn_split(report: &InputReport, opts: &Options) {
    if report.segment.split_turns > 0 {
        tracing::warn!(
            "{}: {} turns longer than {} bytes were split into continued records",
            report.name,
            report.segment.split_turns,
            opts.limits.max_turn_bytes
        );
    }
}

/// Inputs up to this size run the stages in sequence on one thread.
const SMALL_INPUT: u64 = 1 << 20;

/// A regular file or in-memory document small enough for [`run_small`].
fn small_input(input: &Input) -> bool {
    match &input.kind {
        source::InputKind::Bytes(b) => (b.len() as u64) <= SMALL_INPUT,
        source::InputKind::File(p) => std::fs::metadata(p)
            .map(|m| m.is_file() && m.len() <= SMALL_INPUT)
            .unwrap_or(false),
        source::InputKind::Stdin => false,
    }
}

/// A small input: the same stages (decode, segment, speaker, enrich,
/// encode) called in sequence on one blocking thread. For a file that fits
/// in one batch, hand-offs between tasks cost more than the work; running
/// it whole lets `-j` inputs use `-j` cores without contention.
fn run_small(
    input: Input,
    opts: &Options,
    ctx: &Context,
    tx: &mpsc::Sender<DocMsg>,
) -> InputReport {
    use source::decode::{LineFramer, Sniffed, sniff_bytes};
    let name = input.name.clone();
    let mut report = InputReport {
        name: name.to_string(),
        ..InputReport::default()
    };
    let data: bytes::Bytes = match &input.kind {
        source::InputKind::Bytes(b) => b.clone(),
        source::InputKind::File(p) => match std::fs::read(p) {
            Ok(d) => bytes::Bytes::from(d),
            Err(e) => {
                report.error = Some(format!("{name}: {}", source::io_reason(&e)));
                return report;
            }
        },
        source::InputKind::Stdin => unreachable!("stdin is never small"),
    };
    let mut framer = LineFramer::new(opts.read.max_line_bytes);
    match sniff_bytes(&data[..data.len().min(opts.read.block_bytes)]) {
        Sniffed::Binary => {
            report.skipped = Some("not text (NUL bytes)".into());
            return report;
        }
        Sniffed::Utf16(enc) => framer.force_encoding(enc),
        Sniffed::Text => {}
    }
    source::BYTES_READ.fetch_add(data.len() as u64, Ordering::Relaxed);
    let mut batch = LineBatch::with_capacity(data.len() + 1024);
    framer.push(&data, &mut batch);
    framer.finish(&mut batch);
    warn_decode(&name, &framer.stats, framer.encoding(), opts);
    report.decode = framer.stats.clone();
    let path = input
        .path()
        .map(|p| p.to_path_buf())
        .unwrap_or_else(|| PathBuf::from(&*name));
    let fmt = opts
        .input_format
        .unwrap_or_else(|| format::sniff(&batch, Some(&path)));
    report.format = Some(fmt);
    let mut seg = format::segmenter(fmt, &ctx.rules, opts.limits);
    let mut turns = Vec::new();
    seg.push(&batch, &mut turns);
    let mut fatal = None;
    for d in seg.take_diagnostics() {
        if opts.strict && d.strict_error {
            fatal = Some(format!("{}:{}: {}", name, d.line, d.message));
            break;
        }
        tracing::warn!("{}:{}: {}", name, d.line, d.message);
    }
    if let Some(f) = fatal {
        report.segment = seg.stats().clone();
        report.error = Some(f);
        return report;
    }
    seg.finish(&mut turns);
    for d in seg.take_diagnostics() {
        tracing::warn!("{}:{}: {}", name, d.line, d.message);
    }
    report.segment = seg.stats().clone();
    let ids = crate::record::IdGen::new(&name);
    let recs: Vec<Record> = turns
        .into_iter()
        .enumerate()
        .map(|(i, t)| Record::from_turn_with(t, &name, i as u64, fmt, &ids))
        .collect();
    let mut speakers = Attributor::new(
        ctx.speaker_rules.clone(),
        ctx.registry.clone(),
        name.clone(),
    );
    let mut recs = speakers.push(recs);
    recs.extend(speakers.flush());
    let enriched = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ctx.enricher.map(&mut recs);
        let mut doc = ctx.enricher.doc_state();
        doc.post(&mut recs);
        recs
    }));
    let recs = match enriched {
        Ok(r) => r,
        Err(_) => {
            report.error = Some(format!("{name}: internal error in enrichment"));
            return report;
        }
    };
    report.records = recs.len() as u64;
    if !recs.is_empty() {
        let est: usize = recs.iter().map(|r| r.text.len() + 320).sum();
        let mut buf = ctx.chunks.take(|| Vec::with_capacity(est));
        buf.reserve(est);
        serialize_batch(&recs, &opts.output_format, &mut buf);
        if tx
            .blocking_send(DocMsg::Data(buf, recs.len() as u64))
            .is_err()
        {
            return report;
        }
    }
    warn_split(&report, opts);
    report
}

/// Run CPU work on the rayon pool; a panic becomes an error message.
fn spawn_cpu<F, R>(f: F) -> impl std::future::Future<Output = Result<R, String>>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let (tx, rx) = oneshot::channel();
    rayon::spawn(move || {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
            p.downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string())
        });
        let _ = tx.send(r);
    });
    async move { rx.await.unwrap_or_else(|_| Err("worker stopped".into())) }
}
