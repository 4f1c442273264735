//! `turnstream nats publish`: transcripts into the work-queue stream.
//!
//! Each file (or stdin) is one message on `transcripts.in`, with headers
//! naming its source path and format and `Nats-Msg-Id` = a hash of its
//! source name and content, so publishing the same file twice is
//! de-duplicated by the server. A document larger than the server's maximum payload is put in the
//! JetStream object store (named by the same hash) and the message carries
//! only the object's name.

use std::io::Read;

use async_nats::HeaderMap;
use async_nats::jetstream;
use bytes::Bytes;

use super::{HDR_FORMAT, HDR_OBJECT, HDR_SOURCE, Topology, content_id, ensure_streams};
use crate::source::{self, Input, InputKind, WalkOptions};

/// What a publish run did.
#[derive(Debug, Default)]
pub struct PublishReport {
    pub published: u64,
    pub duplicates: u64,
    pub via_object_store: u64,
    pub bytes: u64,
    pub errors: Vec<String>,
}

/// Publish every input named by `paths` (stdin when empty or `-`).
pub async fn publish(
    t: &Topology,
    paths: &[String],
    walk: &WalkOptions,
    format: &str,
) -> Result<PublishReport, String> {
    let client = super::connect(&t.url).await?;
    let js = jetstream::new(client.clone());
    ensure_streams(&js, t).await?;
    let max_payload = client.server_info().max_payload.max(1024);
    let (inputs, input_errors) = source::discover(paths, walk);
    let mut report = PublishReport::default();
    for e in input_errors {
        if e.warning {
            tracing::warn!("{e}");
        } else {
            tracing::error!("{e}");
            report.errors.push(e.to_string());
        }
    }
    let store = js
        .get_object_store(&t.bucket)
        .await
        .map_err(|e| format!("object store {}: {e}", t.bucket))?;
    for input in inputs {
        let data = match read_all(&input) {
            Ok(d) => d,
            Err(e) => {
                let msg = format!("{}: {}", input.name, source::io_reason(&e));
                tracing::error!("{msg}");
                report.errors.push(msg);
                continue;
            }
        };
        let id = content_id(&input.name, &data);
        let mut headers = HeaderMap::new();
        headers.insert(HDR_SOURCE, input.name.as_ref());
        headers.insert(HDR_FORMAT, format);
        headers.insert("Nats-Msg-Id", id.as_str());
        // leave room for headers under the server's payload limit
        let payload = if data.len() + 1024 > max_payload {
            let mut reader = std::io::Cursor::new(data.clone());
            store
                .put(id.as_str(), &mut reader)
                .await
                .map_err(|e| format!("{}: object store: {e}", input.name))?;
            headers.insert(HDR_OBJECT, id.as_str());
            report.via_object_store += 1;
            Bytes::new()
        } else {
            Bytes::from(data.clone())
        };
        let ack = js
            .publish_with_headers(t.in_subject.clone(), headers, payload)
            .await
            .map_err(|e| format!("{}: publish: {e}", input.name))?
            .await
            .map_err(|e| format!("{}: publish not acknowledged: {e}", input.name))?;
        if ack.duplicate {
            report.duplicates += 1;
            tracing::info!("{}: already published (duplicate)", input.name);
        } else {
            report.published += 1;
        }
        report.bytes += data.len() as u64;
    }
    Ok(report)
}

fn read_all(input: &Input) -> std::io::Result<Vec<u8>> {
    match &input.kind {
        InputKind::File(p) => std::fs::read(p),
        InputKind::Stdin => {
            let mut v = Vec::new();
            std::io::stdin().read_to_end(&mut v)?;
            Ok(v)
        }
        InputKind::Bytes(b) => Ok(b.to_vec()),
    }
}
