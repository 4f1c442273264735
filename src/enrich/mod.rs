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
//! notes of each turn, `events`). The `--enrich` list names the optional ones:
//! `topics` (IPTC or custom topic tags, [`topics`]; per turn, then conversation
//! context in order) and `keyphrases` (RAKE, [`keyphrases`]; per turn).

pub mod analysis;
pub mod basic;
pub mod keyphrases;
pub mod topics;
pub mod words;

use std::sync::Arc;

use crate::config::Rules;
use crate::record::{Kind, Record};
use topics::{TopicContext, TopicModel};

/// An optional enrichment step, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Topic tags (`topics`).
    Topics,
    /// Keyphrases (`keyphrases`).
    Keyphrases,
}

impl Step {
    pub const ALL: [Step; 2] = [Step::Topics, Step::Keyphrases];

    pub fn name(self) -> &'static str {
        match self {
            Step::Topics => "topics",
            Step::Keyphrases => "keyphrases",
        }
    }
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
            list: Step::ALL.to_vec(),
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
                other => match Step::ALL.iter().find(|s| s.name() == other) {
                    Some(&s) => {
                        if !steps.has(s) {
                            steps.list.push(s);
                        }
                    }
                    None => {
                        return Err(format!(
                            "unknown enrichment step `{other}` (available: none, all, topics, keyphrases)"
                        ));
                    }
                },
            }
        }
        Ok(steps)
    }
}

/// The per-turn half of enrichment: read-only, shared by all workers.
pub struct Enricher {
    rules: Arc<Rules>,
    pub steps: Steps,
    /// The topic model, loaded only when the `topics` step is on.
    topics: Option<Arc<TopicModel>>,
}

impl Enricher {
    /// With the built-in topic taxonomy (loaded only if `topics` is a step).
    pub fn new(rules: Arc<Rules>, steps: Steps) -> Enricher {
        let topics = steps
            .has(Step::Topics)
            .then(|| Arc::new(TopicModel::builtin()));
        Enricher {
            rules,
            steps,
            topics,
        }
    }

    /// With a given topic model (`--topics FILE`); ignored unless `topics` is
    /// a step.
    pub fn with_topics(rules: Arc<Rules>, steps: Steps, model: TopicModel) -> Enricher {
        let topics = steps.has(Step::Topics).then(|| Arc::new(model));
        Enricher {
            rules,
            steps,
            topics,
        }
    }

    /// Enrich a batch of records of one document (runs on the worker pool).
    /// Topics and keyphrases read the same split of the turn into words
    /// ([`analysis`]), made once.
    pub fn map(&self, records: &mut [Record]) {
        let keyphrases = self.steps.has(Step::Keyphrases);
        let model = self.topics.as_deref();
        for r in records.iter_mut() {
            basic::apply(r, &self.rules);
            if r.kind != Kind::Turn || (model.is_none() && !keyphrases) {
                continue;
            }
            let text = r.text.as_str();
            let (pending, phrases) = analysis::with_words(text, model, |words| {
                (
                    model.map(|m| topics::provisional_of(m, words)),
                    keyphrases.then(|| keyphrases::extract_from(text, words)),
                )
            });
            r.pending_topics = pending;
            r.keyphrases = phrases;
        }
    }

    /// Only the cheap basic fields: the pipeline runs them inline instead of
    /// sending batches to the pool (the `--enrich none` fast path).
    pub fn is_basic_only(&self) -> bool {
        self.steps.list.is_empty()
    }

    /// Fresh per-document state for the in-order half.
    pub fn doc_state(&self) -> DocState {
        DocState {
            topics: self.topics.clone().map(TopicContext::new),
        }
    }
}

/// The per-document, in-order half of enrichment.
pub struct DocState {
    topics: Option<TopicContext>,
}

impl DocState {
    /// Called on each enriched batch, in input order; records are final when
    /// it returns.
    pub fn post(&mut self, records: &mut [Record]) {
        if let Some(t) = &mut self.topics {
            t.post(records);
        }
    }
}
