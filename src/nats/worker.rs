//! `turnstream nats worker`: documents from the work queue, records to TURNS.
//!
//! A worker pulls documents from a durable consumer shared by every worker
//! (`--durable`, default `turnstream`), holding at most `--max-inflight` at a
//! time. Each document runs through the ordinary pipeline (an in-memory
//! input, a channel destination); every record is published to
//! `transcripts.turns` with `Nats-Msg-Id` = the record's stable id; the
//! worker waits for all publish acknowledgements and only then acknowledges
//! the document (a double ack, confirmed by the server). If anything fails
//! before that, the document is left (or negatively acknowledged) and comes
//! back, to this worker or another; the TURNS stream drops the records it
//! already has. A document that cannot be processed (not text, `--strict`
//! NDJSON errors, its object missing, or delivered `--max-deliver` times) is
//! acknowledged with an error record on `transcripts.errors`, so it never
//! loops. SIGTERM (and Ctrl-C) stop pulling, let the documents in flight
//! finish, and exit 0.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_nats::HeaderMap;
use async_nats::jetstream::{self, AckKind, consumer};
use bytes::Bytes;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio::io::AsyncReadExt;
use tokio::sync::{Semaphore, mpsc};

use super::{HDR_FORMAT, HDR_OBJECT, HDR_SOURCE, Topology, ensure_streams, record_id};
use crate::pipeline::{self, Context, Dest};
use crate::record::Format;
use crate::source::Input;

/// How a worker behaves.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    pub durable: String,
    pub max_inflight: usize,
    /// How long the server waits for an acknowledgement before redelivering.
    pub ack_wait: Duration,
    /// Deliveries after which a document is given up (with an error record).
    pub max_deliver: i64,
    /// Exit when the queue is empty and nothing is in flight (batch jobs,
    /// tests, benchmarks) instead of waiting for more.
    pub once: bool,
    /// How each document is processed (paths and outputs are ignored).
    pub pipeline: pipeline::Options,
}

/// What a worker did.
#[derive(Debug, Default)]
pub struct WorkerReport {
    pub documents: AtomicU64,
    pub records: AtomicU64,
    pub duplicates: AtomicU64,
    pub errors: AtomicU64,
    pub retried: AtomicU64,
    pub bytes: AtomicU64,
}

impl WorkerReport {
    pub fn one_line(&self) -> String {
        format!(
            "{} documents ({} MB), {} records published ({} already stored), {} error records, {} documents left for redelivery",
            self.documents.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed) / 1_000_000,
            self.records.load(Ordering::Relaxed),
            self.duplicates.load(Ordering::Relaxed),
            self.errors.load(Ordering::Relaxed),
            self.retried.load(Ordering::Relaxed),
        )
    }
}

/// Run a worker until SIGTERM (or, with `once`, until the queue is empty).
pub async fn run(
    t: &Topology,
    w: &WorkerOptions,
    ctx: Arc<Context>,
) -> Result<Arc<WorkerReport>, String> {
    let client = super::connect(&t.url).await?;
    let js = jetstream::new(client);
    ensure_streams(&js, t).await?;
    let stream = js
        .get_stream(&t.in_stream)
        .await
        .map_err(|e| format!("stream {}: {e}", t.in_stream))?;
    let mut consumer: consumer::PullConsumer = stream
        .get_or_create_consumer(
            &w.durable,
            consumer::pull::Config {
                durable_name: Some(w.durable.clone()),
                ack_policy: consumer::AckPolicy::Explicit,
                ack_wait: w.ack_wait,
                filter_subject: t.in_subject.clone(),
                max_ack_pending: 10_000,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| format!("consumer {}: {e}", w.durable))?;
    let mut messages = consumer
        .stream()
        .max_messages_per_batch(w.max_inflight.max(1))
        .messages()
        .await
        .map_err(|e| format!("consumer {}: {e}", w.durable))?;

    let report = Arc::new(WorkerReport::default());
    let sem = Arc::new(Semaphore::new(w.max_inflight.max(1)));
    let mut term = terminate_signal();
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    let store = js
        .get_object_store(&t.bucket)
        .await
        .map_err(|e| format!("object store {}: {e}", t.bucket))?;
    loop {
        tokio::select! {
            _ = term.recv() => {
                tracing::info!("nats worker: stopping; finishing the documents in flight");
                break;
            }
            _ = tick.tick(), if w.once => {
                if sem.available_permits() == w.max_inflight.max(1) {
                    if let Ok(info) = consumer.info().await {
                        if info.num_pending == 0 && info.num_ack_pending == 0 {
                            break;
                        }
                    }
                }
            }
            next = messages.next() => {
                let msg = match next {
                    None => break,
                    Some(Err(e)) => {
                        tracing::warn!("nats worker: {e}");
                        continue;
                    }
                    Some(Ok(m)) => m,
                };
                let Ok(permit) = sem.clone().acquire_owned().await else { break };
                let js = js.clone();
                let t = t.clone();
                let w = w.clone();
                let ctx = ctx.clone();
                let store = store.clone();
                let report = report.clone();
                tokio::spawn(async move {
                    process(msg, &js, &store, &t, &w, ctx, &report).await;
                    drop(permit);
                });
            }
        }
    }
    // drain: wait until every document in flight is done
    let _all = sem
        .acquire_many(w.max_inflight.max(1) as u32)
        .await
        .map_err(|e| e.to_string())?;
    Ok(report)
}

/// SIGTERM or Ctrl-C, as one receiver.
fn terminate_signal() -> mpsc::Receiver<()> {
    let (tx, rx) = mpsc::channel(1);
    tokio::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            if let Ok(mut s) = signal(SignalKind::terminate()) {
                tokio::select! {
                    _ = s.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            } else {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        let _ = tx.send(()).await;
    });
    rx
}

fn header<'a>(msg: &'a async_nats::jetstream::Message, name: &str) -> Option<&'a str> {
    msg.headers.as_ref()?.get(name).map(|v| v.as_str())
}

/// Process one document; never returns an error: the outcome is an ack, an
/// error record and an ack, or a document left for redelivery.
async fn process(
    msg: async_nats::jetstream::Message,
    js: &jetstream::Context,
    store: &jetstream::object_store::ObjectStore,
    t: &Topology,
    w: &WorkerOptions,
    ctx: Arc<Context>,
    report: &WorkerReport,
) {
    let (seq, delivered) = msg
        .info()
        .map(|i| (i.stream_sequence, i.delivered))
        .unwrap_or((0, 1));
    let source = header(&msg, HDR_SOURCE)
        .map(str::to_string)
        .unwrap_or_else(|| format!("nats:{}:{seq}", t.in_stream));
    if w.max_deliver > 0 && delivered > w.max_deliver {
        let why = format!("given up after {delivered} deliveries");
        give_up(&msg, js, t, &source, seq, delivered, &why, report).await;
        return;
    }
    let data = match header(&msg, HDR_OBJECT) {
        Some(name) => match read_object(store, name).await {
            Ok(d) => d,
            Err(e) => {
                give_up(&msg, js, t, &source, seq, delivered, &e, report).await;
                return;
            }
        },
        None => msg.payload.clone(),
    };
    let mut opts = w.pipeline.clone();
    opts.jobs = 1;
    opts.input_format = match header(&msg, HDR_FORMAT) {
        Some("text") => Some(Format::Text),
        Some("ndjson") => Some(Format::Ndjson),
        Some("vtt") => Some(Format::Vtt),
        Some("srt") => Some(Format::Srt),
        Some("sbv") => Some(Format::Sbv),
        Some("ass") => Some(Format::Ass),
        _ => opts.input_format,
    };
    let size = data.len() as u64;
    let input = Input::bytes(0, &source, data);
    let (tx, mut rx) = mpsc::channel::<Vec<u8>>(16);
    let run = tokio::spawn(async move {
        pipeline::run_inputs(vec![input], &opts, ctx, Dest::Channel(tx)).await
    });

    // publish every record; keep at most 512 acknowledgements in flight
    let mut acks = FuturesUnordered::new();
    let mut failed: Option<String> = None;
    let mut published = 0u64;
    let mut duplicates = 0u64;
    while let Some(chunk) = rx.recv().await {
        if failed.is_some() {
            continue; // drain the pipeline
        }
        for line in chunk.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            let mut headers = HeaderMap::new();
            if let Some(id) = record_id(line) {
                headers.insert("Nats-Msg-Id", id);
            }
            match js
                .publish_with_headers(t.out_subject.clone(), headers, Bytes::copy_from_slice(line))
                .await
            {
                Ok(fut) => acks.push(fut.into_future()),
                Err(e) => {
                    failed = Some(format!("publish: {e}"));
                    break;
                }
            }
            while acks.len() >= 512 {
                match acks.next().await {
                    Some(Ok(a)) => {
                        published += 1;
                        duplicates += u64::from(a.duplicate);
                    }
                    Some(Err(e)) => failed = Some(format!("publish not acknowledged: {e}")),
                    None => break,
                }
            }
        }
    }
    while let Some(a) = acks.next().await {
        match a {
            Ok(a) => {
                published += 1;
                duplicates += u64::from(a.duplicate);
            }
            Err(e) => failed = Some(format!("publish not acknowledged: {e}")),
        }
    }
    let outcome = match run.await {
        Ok(Ok((reports, _, _))) => reports.into_iter().next(),
        Ok(Err(e)) => {
            failed.get_or_insert(format!("pipeline: {e}"));
            None
        }
        Err(e) => {
            failed.get_or_insert(format!("pipeline: {e}"));
            None
        }
    };
    report.records.fetch_add(published, Ordering::Relaxed);
    report.duplicates.fetch_add(duplicates, Ordering::Relaxed);
    if let Some(e) = failed {
        // not all records are stored: let the document come back
        tracing::warn!("{source}: {e}; left for redelivery");
        report.retried.fetch_add(1, Ordering::Relaxed);
        let _ = msg
            .ack_with(AckKind::Nak(Some(Duration::from_secs(1))))
            .await;
        return;
    }
    if let Some(r) = outcome {
        let why = r.error.clone().or_else(|| {
            r.skipped
                .as_ref()
                .map(|s| format!("{source}: skipped: {s}"))
        });
        if let Some(why) = why {
            give_up(&msg, js, t, &source, seq, delivered, &why, report).await;
            return;
        }
    }
    match msg.double_ack().await {
        Ok(()) => {
            report.documents.fetch_add(1, Ordering::Relaxed);
            report.bytes.fetch_add(size, Ordering::Relaxed);
        }
        Err(e) => {
            // the records are stored; a redelivery will only add duplicates,
            // which the TURNS stream drops
            tracing::warn!("{source}: acknowledgement failed: {e}");
            report.retried.fetch_add(1, Ordering::Relaxed);
        }
    }
}

async fn read_object(
    store: &jetstream::object_store::ObjectStore,
    name: &str,
) -> Result<Bytes, String> {
    let mut obj = store
        .get(name)
        .await
        .map_err(|e| format!("object {name}: {e}"))?;
    let mut v = Vec::new();
    obj.read_to_end(&mut v)
        .await
        .map_err(|e| format!("object {name}: {e}"))?;
    Ok(Bytes::from(v))
}

/// Acknowledge a document that cannot be processed, with an error record.
#[allow(clippy::too_many_arguments)]
async fn give_up(
    msg: &async_nats::jetstream::Message,
    js: &jetstream::Context,
    t: &Topology,
    source: &str,
    seq: u64,
    delivered: i64,
    why: &str,
    report: &WorkerReport,
) {
    tracing::error!("{source}: {why}");
    let record = serde_json::json!({
        "schema": "turnstream.error/1",
        "source": source,
        "error": why,
        "stream_sequence": seq,
        "deliveries": delivered,
    });
    let mut headers = HeaderMap::new();
    let id = format!("error-{}-{seq}", t.in_stream);
    headers.insert("Nats-Msg-Id", id.as_str());
    let stored = match js
        .publish_with_headers(
            t.error_subject.clone(),
            headers,
            Bytes::from(record.to_string()),
        )
        .await
    {
        Ok(f) => f.await.is_ok(),
        Err(_) => false,
    };
    if stored {
        report.errors.fetch_add(1, Ordering::Relaxed);
        let _ = msg.double_ack().await;
    } else {
        // the error record itself could not be stored: try again later
        report.retried.fetch_add(1, Ordering::Relaxed);
        let _ = msg
            .ack_with(AckKind::Nak(Some(Duration::from_secs(1))))
            .await;
    }
}
