//! Scaling out on NATS JetStream: the same pipeline, with a queue at each end.
//!
//! When one machine is not enough, transcripts go into a JetStream
//! work-queue stream and any number of `turnstream nats worker` processes, on
//! any number of machines, share them through one durable consumer:
//!
//! ```text
//!  turnstream nats publish PATH...          turnstream nats worker (xN)        consumers
//!  ┌───────────────────────────┐  docs  ┌─────────────────────────────────┐ recs ┌──────────┐
//!  │ one message per document, ├───────►│ source(bytes) -> segment ->     ├─────►│ TURNS    │
//!  │ Nats-Msg-Id = content hash│  work- │ speaker -> enrich -> channel    │ Nats │ stream:  │
//!  │ (big ones: object store)  │  queue │ publish each record, await acks,│ -Msg │ dump,    │
//!  └───────────────────────────┘ stream │ then ack the document           │ -Id= │ Vector.. │
//!                               TRANSCRIPTS└─────────────────────────────────┘ id   └──────────┘
//! ```
//!
//! Nothing lost, nothing twice: a document is acknowledged only after every
//! record it produced is acknowledged by the TURNS stream. A worker that dies
//! mid-way leaves its document unacknowledged; after `--ack-wait` the server
//! redelivers it to another worker, which publishes the same records again
//! (same stable ids) and the TURNS stream's duplicate window drops the ones
//! already stored. Publishing the same file twice is dropped the same way by
//! the TRANSCRIPTS stream (its message id is a hash of the content). A
//! document that cannot be processed is acknowledged with an error record on
//! `transcripts.errors` instead of being redelivered forever.
//!
//! - [`publish`]: `turnstream nats publish`
//! - [`worker`]: `turnstream nats worker`
//! - [`dump`]: `turnstream nats dump`

pub mod dump;
pub mod publish;
pub mod worker;

use std::time::Duration;

use async_nats::jetstream::{self, stream};

/// Header naming the document's source path.
pub const HDR_SOURCE: &str = "Turnstream-Source";
/// Header naming the document's format (`auto` unless the publisher forced one).
pub const HDR_FORMAT: &str = "Turnstream-Format";
/// Header naming the object-store object holding a large document.
pub const HDR_OBJECT: &str = "Turnstream-Object";

/// Names and limits shared by the three commands.
#[derive(Debug, Clone)]
pub struct Topology {
    pub url: String,
    pub in_stream: String,
    pub in_subject: String,
    pub out_stream: String,
    pub out_subject: String,
    pub error_stream: String,
    pub error_subject: String,
    pub bucket: String,
    /// Duplicate window of the document stream.
    pub in_dup_window: Duration,
    /// Duplicate window of the record stream: redeliveries within it are
    /// dropped, so it must be longer than a worker may hold a document.
    pub out_dup_window: Duration,
}

impl Default for Topology {
    fn default() -> Self {
        Topology {
            url: "nats://127.0.0.1:4222".into(),
            in_stream: "TRANSCRIPTS".into(),
            in_subject: "transcripts.in".into(),
            out_stream: "TURNS".into(),
            out_subject: "transcripts.turns".into(),
            error_stream: "TRANSCRIPT_ERRORS".into(),
            error_subject: "transcripts.errors".into(),
            bucket: "TRANSCRIPT_OBJECTS".into(),
            in_dup_window: Duration::from_secs(3600),
            out_dup_window: Duration::from_secs(24 * 3600),
        }
    }
}

/// Connect with retries and logged connection events: a lost connection is
/// retried with backoff by the client and every change is logged, never
/// silently dropped.
pub async fn connect(url: &str) -> Result<async_nats::Client, String> {
    let opts = async_nats::ConnectOptions::new()
        .name("turnstream")
        .retry_on_initial_connect()
        .connection_timeout(Duration::from_secs(5))
        .event_callback(|event| async move {
            match event {
                async_nats::Event::Connected => tracing::info!("nats: connected"),
                async_nats::Event::Closed => tracing::debug!("nats: connection closed"),
                async_nats::Event::Disconnected => {
                    tracing::warn!("nats: disconnected; reconnecting with backoff")
                }
                other => tracing::warn!("nats: {other}"),
            }
        });
    // the initial connection is retried too: give up after a while with a
    // clear error rather than hanging forever
    match tokio::time::timeout(Duration::from_secs(30), opts.connect(url)).await {
        Ok(Ok(c)) => Ok(c),
        Ok(Err(e)) => Err(format!("cannot connect to {url}: {e}")),
        Err(_) => Err(format!("cannot connect to {url}: no answer for 30s")),
    }
}

/// Create the streams (and the object-store bucket) when missing.
pub async fn ensure_streams(js: &jetstream::Context, t: &Topology) -> Result<(), String> {
    let specs = [
        (
            &t.in_stream,
            &t.in_subject,
            stream::RetentionPolicy::WorkQueue,
            t.in_dup_window,
        ),
        (
            &t.out_stream,
            &t.out_subject,
            stream::RetentionPolicy::Limits,
            t.out_dup_window,
        ),
        (
            &t.error_stream,
            &t.error_subject,
            stream::RetentionPolicy::Limits,
            t.out_dup_window,
        ),
    ];
    for (name, subject, retention, window) in specs {
        js.get_or_create_stream(stream::Config {
            name: name.clone(),
            subjects: vec![subject.clone()],
            retention,
            duplicate_window: window,
            storage: stream::StorageType::File,
            ..Default::default()
        })
        .await
        .map_err(|e| format!("stream {name}: {e}"))?;
    }
    if js.get_object_store(&t.bucket).await.is_err() {
        js.create_object_store(jetstream::object_store::Config {
            bucket: t.bucket.clone(),
            ..Default::default()
        })
        .await
        .map_err(|e| format!("object store {}: {e}", t.bucket))?;
    }
    Ok(())
}

/// A document's message id: 32 hex digits of xxh3-128 over its source name
/// and content. Publishing the same file again gives the same id (and is
/// dropped); two files with the same text under different names stay two
/// documents, as they are two inputs in file mode.
pub fn content_id(source: &str, bytes: &[u8]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(source.as_bytes());
    h.update(&[0]);
    h.update(bytes);
    format!("{:032x}", h.digest128())
}

/// The `id` of an encoded record line: the record layout puts it third, as
/// `"id":"<hex>"` (or an input-supplied id).
pub fn record_id(line: &[u8]) -> Option<&str> {
    let s = std::str::from_utf8(line).ok()?;
    let at = s.find(",\"id\":\"")? + 7;
    let end = s[at..].find('"')? + at;
    Some(&s[at..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(content_id("a", b"abc"), content_id("a", b"abc"));
        assert_ne!(content_id("a", b"abc"), content_id("a", b"abd"));
        assert_ne!(content_id("a", b"abc"), content_id("b", b"abc"));
        let line = br#"{"schema":"turnstream.turn/1","kind":"turn","id":"0123abcd","source":"x"}"#;
        assert_eq!(record_id(line), Some("0123abcd"));
        assert_eq!(record_id(b"{}"), None);
    }
}
