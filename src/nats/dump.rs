//! `turnstream nats dump`: a stream's records as NDJSON on stdout.
//!
//! An ordered, ephemeral consumer reads every message on the subject (by
//! default `transcripts.turns`) from the start and prints each payload as a
//! line, so the usual pipes (`| jq`, `| duckdb`) work on a stream too. It
//! exits at the end of the stream, or keeps going with `--follow`.

use std::time::Duration;

use async_nats::jetstream::{self, consumer};
use futures::StreamExt;

use crate::sink::{WriteOutcome, Writer};

/// Print every message on `subject`; returns how many were printed.
pub async fn dump(url: &str, subject: &str, follow: bool, out: &mut Writer) -> Result<u64, String> {
    let client = super::connect(url).await?;
    let js = jetstream::new(client);
    let stream_name = js
        .stream_by_subject(subject.to_string())
        .await
        .map_err(|e| format!("no stream holds subject {subject}: {e}"))?;
    let mut stream = js
        .get_stream(&stream_name)
        .await
        .map_err(|e| format!("stream {stream_name}: {e}"))?;
    let total = stream
        .info()
        .await
        .map_err(|e| format!("stream {stream_name}: {e}"))?
        .state
        .messages;
    if total == 0 && !follow {
        return Ok(0);
    }
    let ordered = stream
        .create_consumer(consumer::pull::OrderedConfig {
            filter_subject: subject.to_string(),
            deliver_policy: consumer::DeliverPolicy::All,
            ..Default::default()
        })
        .await
        .map_err(|e| format!("consumer on {stream_name}: {e}"))?;
    let mut messages = ordered
        .messages()
        .await
        .map_err(|e| format!("consumer on {stream_name}: {e}"))?;
    let mut printed = 0u64;
    loop {
        // without --follow, a quiet stream has ended (the pending count says
        // so first; the timeout covers a subject with no messages at all)
        let next = if follow {
            messages.next().await
        } else {
            match tokio::time::timeout(Duration::from_secs(5), messages.next()).await {
                Ok(n) => n,
                Err(_) => break,
            }
        };
        let msg = match next {
            None => break,
            Some(Err(e)) => return Err(format!("{stream_name}: {e}")),
            Some(Ok(m)) => m,
        };
        let mut line = msg.payload.to_vec();
        line.push(b'\n');
        if out.write(&line).map_err(|e| e.to_string())? == WriteOutcome::Closed {
            return Ok(printed);
        }
        printed += 1;
        let pending = msg.info().map(|i| i.pending).unwrap_or(1);
        if !follow && pending == 0 {
            break;
        }
        if out.line_buffered && pending == 0 {
            let _ = out.flush();
        }
    }
    let _ = out.flush();
    Ok(printed)
}
