//! Where records go: serialisation and the output writer.
//!
//! Records are serialised on the worker side ([`serialize_batch`]) into one
//! buffer per batch, so the writer only copies bytes. The writer ([`Writer`])
//! owns stdout or the `-o` file, flushes when the pipeline has nothing else
//! ready (so `tail -f | turnstream --idle-flush 2s | jq` shows turns as they
//! happen without a write per record under load), and turns a closed pipe
//! (`| head -1`) into a quiet stop rather than an error.

pub mod json;
pub mod out_dir;
pub mod progress;

use std::io::{self, Write};

use crate::record::Record;

/// How records are written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// One JSON object per line.
    #[default]
    Ndjson,
    /// An Elasticsearch/OpenSearch `_bulk` body: before each record an
    /// `index` action naming the index and `_id` = the record's stable id, so
    /// sending a re-run overwrites instead of duplicating.
    EsBulk { index: String },
}

/// Serialise records, one line each, appending to `buf`.
pub fn serialize_batch(records: &[Record], format: &OutputFormat, buf: &mut Vec<u8>) {
    let mut enc = json::Encoder::default();
    for r in records {
        if let OutputFormat::EsBulk { index } = format {
            buf.extend_from_slice(b"{\"index\":{\"_index\":");
            json::write_str(buf, index);
            buf.extend_from_slice(b",\"_id\":");
            json::write_str(buf, &r.id);
            buf.extend_from_slice(b"}}\n");
        }
        enc.write(buf, r);
        buf.push(b'\n');
    }
}

/// The end of a write: normal, or the reader went away.
#[derive(Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    Ok,
    /// The pipe was closed by the reader (`| head`): stop quietly.
    Closed,
}

/// A buffered writer over stdout or a file.
pub struct Writer {
    out: Box<dyn Write + Send>,
    /// Flush whenever the pipeline is idle (pipes, `--line-buffered`).
    pub line_buffered: bool,
    closed: bool,
    pub bytes: u64,
}

impl Writer {
    pub fn new(out: Box<dyn Write + Send>, line_buffered: bool) -> Writer {
        Writer {
            out,
            line_buffered,
            closed: false,
            bytes: 0,
        }
    }

    /// Stdout. Chunks are large and end in a newline, so they go straight to
    /// the file descriptor (std's line writer passes them through): no second
    /// buffer, no extra copy.
    pub fn stdout(line_buffered: bool) -> Writer {
        Writer::new(Box::new(io::stdout()), line_buffered)
    }

    pub fn is_closed(&self) -> bool {
        self.closed
    }

    pub fn write(&mut self, bytes: &[u8]) -> io::Result<WriteOutcome> {
        if self.closed {
            return Ok(WriteOutcome::Closed);
        }
        match self.out.write_all(bytes) {
            Ok(()) => {
                self.bytes += bytes.len() as u64;
                Ok(WriteOutcome::Ok)
            }
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(WriteOutcome::Closed)
            }
            Err(e) => Err(e),
        }
    }

    pub fn flush(&mut self) -> io::Result<WriteOutcome> {
        if self.closed {
            return Ok(WriteOutcome::Closed);
        }
        match self.out.flush() {
            Ok(()) => Ok(WriteOutcome::Ok),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(WriteOutcome::Closed)
            }
            Err(e) => Err(e),
        }
    }
}
