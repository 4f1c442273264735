//! Enrichment: what turnstream adds to a turn beyond its text.
//!
//! Steps come in two kinds, and the split is what lets enrichment use every
//! core while output stays in input order:
//!
//! - **per-turn** work ([`Enricher::map`]) is a pure function of a batch of
//!   records plus read-only models. The pipeline runs it on the worker pool,
//!   many batches at once, and puts results back in order.
//! - **per-document** work ([`DocState::post`]) needs the turns before it
//!   (document-level consistency, conversation context). It runs afterwards,
//!   in order, one document at a time, and is kept cheap.
//!
//! Today's steps: `basic` (always on: word counts and the bracketed non-speech
//! notes of each turn, `events`). The `--enrich` list names the optional ones.

pub mod basic;
pub mod entities;

use std::sync::Arc;

use crate::config::Rules;
use crate::record::Record;

/// An optional enrichment step, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {}

/// The steps a run uses (`--enrich`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Steps {
    pub list: Vec<Step>,
}

impl Steps {
    /// Every available step (the default).
    pub fn all() -> Steps {
        Steps { list: Vec::new() }
    }

    pub fn none() -> Steps {
        Steps { list: Vec::new() }
    }

    /// Parse `--enrich`: `none`, `all`, or a comma-separated list of step names.
    pub fn parse(s: &str) -> Result<Steps, String> {
        let mut steps = Steps::none();
        for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name {
                "none" => {}
                "all" => steps = Steps::all(),
                other => {
                    return Err(format!(
                        "unknown enrichment step `{other}` (available: none, all)"
                    ));
                }
            }
        }
        Ok(steps)
    }
}

/// The per-turn half of enrichment: read-only, shared by all workers.
pub struct Enricher {
    rules: Arc<Rules>,
    pub steps: Steps,
}

impl Enricher {
    pub fn new(rules: Arc<Rules>, steps: Steps) -> Enricher {
        Enricher { rules, steps }
    }

    /// Enrich a batch of records of one document (runs on the worker pool).
    pub fn map(&self, records: &mut [Record]) {
        for r in records.iter_mut() {
            basic::apply(r, &self.rules);
        }
    }

    /// Fresh per-document state for the in-order half.
    pub fn doc_state(&self) -> DocState {
        DocState {}
    }
}

/// The per-document, in-order half of enrichment.
pub struct DocState {}

impl DocState {
    /// Called on each enriched batch, in input order.
    pub fn post(&mut self, _records: &mut [Record]) {}
}
