//! Where lines come from: finding inputs, reading them, framing lines.
//!
//! [`discover`] turns the command line's PATHs into an ordered list of
//! [`Input`]s: `-` (or nothing) is stdin, a file is itself, a directory is every
//! transcript file below it, walked in sorted order with hidden files and
//! `.gitignore`/`.ignore` exclusions skipped (the `ignore` crate, as ripgrep).
//! A path that cannot be used is an [`InputError`] naming it; the others go on.
//!
//! [`read_input`] is the source stage of the pipeline: an async task that reads
//! an input in large blocks, decodes and frames lines ([`decode`]), and sends
//! [`SourceMsg`]s down a bounded channel, so a slow consumer slows the reader
//! instead of filling memory. With an idle timeout it also tells the segmenter
//! when live input (`tail -f`) has gone quiet.

pub mod decode;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::sync::mpsc;

use std::sync::atomic::{AtomicU64, Ordering};

use crate::pool::Pool;
use decode::{DecodeStats, LineBatch, LineFramer, Sniffed, sniff_bytes};

/// Default transcript file extensions taken from directories.
pub const DEFAULT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "vtt", "srt", "sbv", "ass", "ssa", "jsonl", "ndjson",
];

/// One input: a file or stdin.
#[derive(Debug, Clone)]
pub struct Input {
    /// Position in walk order: output comes in this order.
    pub index: usize,
    /// The name written in `source`: the path as given (or as walked), `-` for stdin.
    pub name: Arc<str>,
    pub kind: InputKind,
    /// Path relative to the directory argument it was found under.
    pub relative: PathBuf,
    /// Size in bytes when known (files), for the progress bar.
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    Stdin,
    File(PathBuf),
    /// A document already in memory (a message from a queue); `name` is
    /// used for the record's `source` and for format detection.
    Bytes(bytes::Bytes),
}

impl Input {
    pub fn stdin(index: usize) -> Input {
        Input {
            index,
            name: Arc::from("-"),
            kind: InputKind::Stdin,
            relative: PathBuf::from("stdin"),
            size: 0,
        }
    }
    pub fn path(&self) -> Option<&Path> {
        match &self.kind {
            InputKind::File(p) => Some(p),
            InputKind::Stdin | InputKind::Bytes(_) => None,
        }
    }

    /// A document in memory, named `name`.
    pub fn bytes(index: usize, name: &str, data: bytes::Bytes) -> Input {
        let relative = Path::new(name)
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("input"));
        Input {
            index,
            name: Arc::from(name),
            size: data.len() as u64,
            kind: InputKind::Bytes(data),
            relative,
        }
    }
}

/// A path that could not be used, and why.
#[derive(Debug, Clone)]
pub struct InputError {
    pub path: String,
    pub message: String,
    /// Only worth a warning (a symbolic-link loop skipped while walking).
    pub warning: bool,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// How directories are walked.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// File extensions (lower case, no dot) taken from directories.
    pub extensions: Vec<String>,
    /// Extra glob filters (ripgrep-style `--glob`, `!` to exclude).
    pub globs: Vec<String>,
    /// Follow symbolic links while walking.
    pub follow_links: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            extensions: DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect(),
            globs: Vec::new(),
            follow_links: true,
        }
    }
}

/// Expand PATH arguments into inputs, in order. Directories are walked sorted.
pub fn discover(paths: &[String], opts: &WalkOptions) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let args: Vec<String> = if paths.is_empty() {
        vec!["-".to_string()]
    } else {
        paths.to_vec()
    };
    for arg in args {
        if arg == "-" {
            inputs.push(Input::stdin(inputs.len()));
            continue;
        }
        let p = PathBuf::from(&arg);
        match std::fs::metadata(&p) {
            Err(e) => errors.push(InputError {
                path: arg.clone(),
                message: io_reason(&e),
                warning: false,
            }),
            Ok(m) if m.is_dir() => walk_dir(&arg, opts, &mut inputs, &mut errors),
            Ok(m) => {
                let relative = p
                    .file_name()
                    .map(PathBuf::from)
                    .unwrap_or_else(|| PathBuf::from("input"));
                inputs.push(Input {
                    index: inputs.len(),
                    name: Arc::from(arg.as_str()),
                    kind: InputKind::File(p),
                    relative,
                    size: m.len(),
                })
            }
        }
    }
    (inputs, errors)
}

fn walk_dir(root: &str, opts: &WalkOptions, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .ignore(true)
        .parents(false)
        .require_git(false)
        .follow_links(opts.follow_links)
        .sort_by_file_name(|a, b| a.cmp(b));
    if !opts.globs.is_empty() {
        let mut ob = ignore::overrides::OverrideBuilder::new(root);
        for g in &opts.globs {
            if let Err(e) = ob.add(g) {
                errors.push(InputError {
                    path: g.clone(),
                    message: format!("bad glob: {e}"),
                    warning: false,
                });
            }
        }
        match ob.build() {
            Ok(o) => {
                builder.overrides(o);
            }
            Err(e) => errors.push(InputError {
                path: root.to_string(),
                message: format!("bad glob: {e}"),
                warning: false,
            }),
        }
    }
    let root_path = Path::new(root);
    for entry in builder.build() {
        match entry {
            Err(e) => {
                let message = e.to_string();
                // a symbolic-link loop is skipped, not a failure: nothing is lost
                let warning = message.contains("loop");
                errors.push(InputError {
                    path: root.to_string(),
                    message,
                    warning,
                })
            }
            Ok(ent) => {
                if !ent.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let path = ent.path();
                let by_glob =
                    !opts.globs.is_empty() && opts.globs.iter().any(|g| !g.starts_with('!'));
                let ext_ok = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| opts.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)));
                if !ext_ok && !by_glob {
                    continue;
                }
                let relative = path
                    .strip_prefix(root_path)
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|_| path.to_path_buf());
                let size = ent.metadata().map(|m| m.len()).unwrap_or(0);
                inputs.push(Input {
                    index: inputs.len(),
                    name: Arc::from(path.to_string_lossy().as_ref()),
                    kind: InputKind::File(path.to_path_buf()),
                    relative,
                    size,
                });
            }
        }
    }
}

/// A short reason for an I/O error, without the OS error number noise.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// What the source stage sends to the segmenter.
#[derive(Debug)]
pub enum SourceMsg {
    Lines(LineBatch),
    /// No input for the idle timeout.
    Idle,
}

/// Reading parameters.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    pub block_bytes: usize,
    /// Send a batch once it holds this many bytes.
    pub batch_bytes: usize,
    pub max_line_bytes: usize,
    pub idle: Option<Duration>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            block_bytes: 64 << 10,
            // a batch never reallocates: it is sent once it holds this much,
            // and has room for one more block
            batch_bytes: 64 << 10,
            max_line_bytes: 4 << 20,
            idle: None,
        }
    }
}

/// Why reading stopped early.
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed.
    Io(std::io::Error),
    /// The consumer went away (the run is stopping).
    Closed,
    /// Not text (NUL bytes in the first block): skipped.
    Binary,
}

/// Bytes read by every source of the run (for the progress bar).
pub static BYTES_READ: AtomicU64 = AtomicU64::new(0);

/// First block: skip binary input, switch to UTF-16 when it has no BOM.
fn check_first_block(framer: &mut LineFramer, block: &[u8]) -> Result<(), ReadError> {
    match sniff_bytes(block) {
        Sniffed::Text => Ok(()),
        Sniffed::Utf16(enc) => {
            framer.force_encoding(enc);
            Ok(())
        }
        Sniffed::Binary => Err(ReadError::Binary),
    }
}

/// The source stage: read `input` to the end, sending line batches on `tx`.
pub async fn read_input(
    input: &Input,
    opts: ReadOptions,
    tx: mpsc::Sender<SourceMsg>,
    pool: Pool<LineBatch>,
) -> Result<(DecodeStats, Option<decode::Encoding>), ReadError> {
    match &input.kind {
        InputKind::Stdin => read_stream(tokio::io::stdin(), opts, tx, pool).await,
        InputKind::Bytes(data) => {
            let data = data.clone();
            tokio::task::spawn_blocking(move || read_memory(&data, opts, tx, pool))
                .await
                .map_err(|e| ReadError::Io(std::io::Error::other(e)))?
        }
        InputKind::File(p) => {
            let f = std::fs::File::open(p).map_err(ReadError::Io)?;
            let regular = f.metadata().map(|m| m.is_file()).unwrap_or(false);
            if regular {
                // a regular file never blocks for long: read it on a blocking
                // thread with std I/O (no extra copy through tokio's buffer)
                tokio::task::spawn_blocking(move || read_blocking(f, opts, tx, pool))
                    .await
                    .map_err(|e| ReadError::Io(std::io::Error::other(e)))?
            } else {
                // a FIFO or device: may go quiet, so keep the idle timer
                read_stream(tokio::fs::File::from_std(f), opts, tx, pool).await
            }
        }
    }
}

/// Frames blocks into line batches and sends each batch once it is full:
/// the loop shared by the in-memory and the blocking file readers.
struct BlockingBatcher {
    framer: LineFramer,
    batch: LineBatch,
    pool: Pool<LineBatch>,
    cap: usize,
    batch_bytes: usize,
    tx: mpsc::Sender<SourceMsg>,
    first: bool,
}

impl BlockingBatcher {
    fn new(opts: ReadOptions, tx: mpsc::Sender<SourceMsg>, pool: Pool<LineBatch>) -> Self {
        let cap = opts.batch_bytes + opts.block_bytes + 4096;
        BlockingBatcher {
            framer: LineFramer::new(opts.max_line_bytes),
            batch: pool.take(|| LineBatch::with_capacity(cap)),
            pool,
            cap,
            batch_bytes: opts.batch_bytes,
            tx,
            first: true,
        }
    }

    /// Frame one block (the first is checked for binary input and UTF-16).
    fn push(&mut self, block: &[u8]) -> Result<(), ReadError> {
        if self.first && !block.is_empty() {
            check_first_block(&mut self.framer, block)?;
            self.first = false;
        }
        BYTES_READ.fetch_add(block.len() as u64, Ordering::Relaxed);
        self.framer.push(block, &mut self.batch);
        if self.batch.text.len() >= self.batch_bytes {
            let cap = self.cap;
            let full = std::mem::replace(
                &mut self.batch,
                self.pool.take(|| LineBatch::with_capacity(cap)),
            );
            self.tx
                .blocking_send(SourceMsg::Lines(full))
                .map_err(|_| ReadError::Closed)?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(DecodeStats, Option<decode::Encoding>), ReadError> {
        self.framer.finish(&mut self.batch);
        if !self.batch.is_empty() {
            self.tx
                .blocking_send(SourceMsg::Lines(self.batch))
                .map_err(|_| ReadError::Closed)?;
        }
        Ok((self.framer.stats.clone(), self.framer.encoding()))
    }
}

/// Frame a document that is already in memory.
fn read_memory(
    data: &[u8],
    opts: ReadOptions,
    tx: mpsc::Sender<SourceMsg>,
    pool: Pool<LineBatch>,
) -> Result<(DecodeStats, Option<decode::Encoding>), ReadError> {
    let mut b = BlockingBatcher::new(opts, tx, pool);
    for block in data.chunks(opts.block_bytes.max(1)) {
        b.push(block)?;
    }
    b.finish()
}

/// Read a regular file to the end on the current (blocking) thread.
fn read_blocking(
    mut f: std::fs::File,
    opts: ReadOptions,
    tx: mpsc::Sender<SourceMsg>,
    pool: Pool<LineBatch>,
) -> Result<(DecodeStats, Option<decode::Encoding>), ReadError> {
    use std::io::Read;
    // a small file needs no full-size block (one read, then end of file)
    let size = f
        .metadata()
        .map(|m| m.len() as usize)
        .unwrap_or(opts.block_bytes);
    let mut buf = vec![0u8; opts.block_bytes.min(size + 1).max(16)];
    let mut b = BlockingBatcher::new(opts, tx, pool);
    loop {
        let n = match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ReadError::Io(e)),
        };
        b.push(&buf[..n])?;
    }
    b.finish()
}

/// Read any async byte stream into line batches.
pub async fn read_stream<R: AsyncRead + Unpin>(
    mut reader: R,
    opts: ReadOptions,
    tx: mpsc::Sender<SourceMsg>,
    pool: Pool<LineBatch>,
) -> Result<(DecodeStats, Option<decode::Encoding>), ReadError> {
    let mut framer = LineFramer::new(opts.max_line_bytes);
    let mut buf = vec![0u8; opts.block_bytes];
    let cap = opts.batch_bytes + opts.block_bytes + 4096;
    let mut batch = pool.take(|| LineBatch::with_capacity(cap));
    let mut first = true;
    loop {
        let n = match opts.idle {
            None => reader.read(&mut buf).await.map_err(ReadError::Io)?,
            Some(d) => {
                let fut = reader.read(&mut buf);
                tokio::pin!(fut);
                let mut idle_sent = false;
                loop {
                    tokio::select! {
                        r = &mut fut => break r.map_err(ReadError::Io)?,
                        _ = tokio::time::sleep(d), if !idle_sent => {
                            idle_sent = true;
                            if !batch.is_empty() {
                                let full = std::mem::replace(&mut batch, pool.take(|| LineBatch::with_capacity(cap)));
                                tx.send(SourceMsg::Lines(full)).await.map_err(|_| ReadError::Closed)?;
                            }
                            tx.send(SourceMsg::Idle).await.map_err(|_| ReadError::Closed)?;
                        }
                    }
                }
            }
        };
        if n == 0 {
            break;
        }
        if first {
            check_first_block(&mut framer, &buf[..n])?;
            first = false;
        }
        BYTES_READ.fetch_add(n as u64, Ordering::Relaxed);
        framer.push(&buf[..n], &mut batch);
        // a short read means live input: pass on what we have now
        if batch.text.len() >= opts.batch_bytes || (n < buf.len() && !batch.is_empty()) {
            let full = std::mem::replace(&mut batch, pool.take(|| LineBatch::with_capacity(cap)));
            tx.send(SourceMsg::Lines(full))
                .await
                .map_err(|_| ReadError::Closed)?;
        }
    }
    framer.finish(&mut batch);
    if !batch.is_empty() {
        tx.send(SourceMsg::Lines(batch))
            .await
            .map_err(|_| ReadError::Closed)?;
    }
    Ok((framer.stats.clone(), framer.encoding()))
}
