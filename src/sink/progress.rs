//! The progress bar on stderr (indicatif): files, bytes, records, rate, ETA.
//!
//! Shown only when stderr is a terminal (or `--progress`), never with `-q`,
//! `--no-progress`, or when stderr is a pipe or a file: a log collector should
//! not receive carriage-return animations.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
    files_total: u64,
    files_done: u64,
    records: u64,
}

impl Progress {
    /// A bar over `bytes_total` bytes in `files_total` inputs; `show` decides
    /// whether anything is drawn.
    pub fn new(show: bool, files_total: u64, bytes_total: u64) -> Progress {
        let bar = show.then(|| {
            let b = ProgressBar::with_draw_target(
                Some(bytes_total.max(1)),
                ProgressDrawTarget::stderr_with_hz(8),
            );
            b.set_style(
                ProgressStyle::with_template(
                    "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            b.enable_steady_tick(Duration::from_millis(250));
            b
        });
        let p = Progress {
            bar,
            files_total,
            files_done: 0,
            records: 0,
        };
        p.message();
        p
    }

    fn message(&self) {
        if let Some(b) = &self.bar {
            b.set_message(format!(
                "{}/{} files, {} records",
                self.files_done, self.files_total, self.records
            ));
        }
    }

    /// Bytes read so far by all inputs.
    pub fn bytes(&self, read: u64) {
        if let Some(b) = &self.bar {
            b.set_position(read);
        }
    }

    pub fn records(&mut self, n: u64) {
        self.records += n;
        self.message();
    }

    pub fn file_done(&mut self) {
        self.files_done += 1;
        self.message();
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
