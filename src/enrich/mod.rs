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
//! notes of each turn, `events`) and `entities` (named entities with a
//! trained tagger, gazetteers and rules; see [`entities`]). The `--enrich`
//! list names the optional ones.

pub mod basic;
pub mod entities;

use std::cell::RefCell;
use std::sync::Arc;

use crate::config::Rules;
use crate::record::Record;

/// An optional enrichment step, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Named entities (`entities`).
    Entities,
}

/// The steps a run uses (`--enrich`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Steps {
    pub list: Vec<Step>,
}

impl Steps {
    /// Every available step (the default).
    pub fn all() -> Steps {
        Steps {
            list: vec![Step::Entities],
        }
    }

    pub fn has(&self, step: Step) -> bool {
        self.list.contains(&step)
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
                "entities" => {
                    if !steps.has(Step::Entities) {
                        steps.list.push(Step::Entities);
                    }
                }
                other => {
                    return Err(format!(
                        "unknown enrichment step `{other}` (available: none, all, entities)"
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
    /// The entity tagger and gazetteers; loaded only when the step is on.
    entities: Option<Arc<entities::Resources>>,
}

thread_local! {
    /// Per-worker buffers of the entities step, reused between batches.
    static ENTITY_WORK: RefCell<entities::Work> = RefCell::new(entities::Work::default());
}

impl Enricher {
    /// Steps without resources; use [`Enricher::load`] when `entities` is on.
    pub fn new(rules: Arc<Rules>, steps: Steps) -> Enricher {
        Enricher {
            rules,
            steps,
            entities: None,
        }
    }

    /// Load what the steps need (the NER model and gazetteers, plus the
    /// user's `--gazetteer` files as `(name, contents)`).
    pub fn load(
        rules: Arc<Rules>,
        steps: Steps,
        gazetteers: &[(String, String)],
    ) -> Result<Enricher, String> {
        let entities = if steps.has(Step::Entities) {
            Some(Arc::new(entities::Resources::load(None, gazetteers)?))
        } else {
            None
        };
        Ok(Enricher {
            rules,
            steps,
            entities,
        })
    }

    /// Enrich a batch of records of one document (runs on the worker pool).
    pub fn map(&self, records: &mut [Record]) {
        for r in records.iter_mut() {
            basic::apply(r, &self.rules);
        }
        if let Some(res) = &self.entities {
            let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
            let ents = ENTITY_WORK.with(|w| res.annotate(&texts, &mut w.borrow_mut()));
            for (r, e) in records.iter_mut().zip(ents) {
                r.entities = Some(e);
            }
        }
    }

    /// Fresh per-document state for the in-order half.
    pub fn doc_state(&self) -> DocState {
        DocState {
            entities: self
                .entities
                .as_ref()
                .map(|_| entities::doc::DocMemory::default()),
        }
    }
}

/// The per-document, in-order half of enrichment.
pub struct DocState {
    entities: Option<entities::doc::DocMemory>,
}

impl DocState {
    /// Called on each enriched batch, in input order.
    pub fn post(&mut self, records: &mut [Record]) {
        if let Some(mem) = &mut self.entities {
            for r in records.iter_mut() {
                if let Some(e) = &mut r.entities {
                    mem.apply(&r.text, e);
                }
            }
        }
    }
}
