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
//! notes of each turn, `events`). The `--enrich` list names the optional ones,
//! all on by default: `entities` (named entities with a trained tagger,
//! gazetteers and rules, then document memory in order; see [`entities`]),
//! `topics` (IPTC or custom topic tags, [`topics`]; per turn, then
//! conversation context in order) and `keyphrases` (RAKE, [`keyphrases`]).

pub mod analysis;
pub mod basic;
pub mod entities;
pub mod keyphrases;
pub mod topics;
pub mod words;

use std::cell::RefCell;
use std::sync::Arc;

use crate::config::Rules;
use crate::record::{Kind, Record};
use topics::{TopicContext, TopicModel};

/// An optional enrichment step, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Named entities (`entities`).
    Entities,
    /// Topic tags (`topics`).
    Topics,
    /// Keyphrases (`keyphrases`).
    Keyphrases,
}

impl Step {
    pub const ALL: [Step; 3] = [Step::Entities, Step::Topics, Step::Keyphrases];

    pub fn name(self) -> &'static str {
        match self {
            Step::Entities => "entities",
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
                            "unknown enrichment step `{other}` (available: none, all, entities, topics, keyphrases)"
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
    /// The entity tagger and gazetteers; loaded only when the step is on.
    entities: Option<Arc<entities::Resources>>,
    /// The topic model, loaded only when the `topics` step is on.
    topics: Option<Arc<TopicModel>>,
}

thread_local! {
    /// Per-worker buffers of the entities step, reused between batches.
    static ENTITY_WORK: RefCell<entities::Work> = RefCell::new(entities::Work::default());
}

impl Enricher {
    /// Steps without loaded resources (the basic fields only, whatever
    /// `steps` says); use [`Enricher::load`] to run the optional steps.
    pub fn new(rules: Arc<Rules>, steps: Steps) -> Enricher {
        Enricher {
            rules,
            steps,
            entities: None,
            topics: None,
        }
    }

    /// Load what the steps need: the NER model and gazetteers (plus the
    /// user's `--gazetteer` files as `(name, contents)`) and the built-in
    /// topic taxonomy.
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
        let topics = steps
            .has(Step::Topics)
            .then(|| Arc::new(TopicModel::builtin()));
        Ok(Enricher {
            rules,
            steps,
            entities,
            topics,
        })
    }

    /// Use `model` for the `topics` step (`--topics FILE`); ignored unless
    /// `topics` is a step.
    pub fn with_topic_model(mut self, model: TopicModel) -> Enricher {
        if self.steps.has(Step::Topics) {
            self.topics = Some(Arc::new(model));
        }
        self
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
            r.pending_topics = pending.map(Box::new);
            r.keyphrases = phrases.map(Box::new);
        }
        if let Some(res) = &self.entities {
            let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
            let ents = ENTITY_WORK.with(|w| res.annotate(&texts, &mut w.borrow_mut()));
            for (r, e) in records.iter_mut().zip(ents) {
                r.entities = Some(e);
            }
        }
    }

    /// Only the cheap basic fields: the pipeline runs them inline instead of
    /// sending batches to the pool (the `--enrich none` fast path).
    pub fn is_basic_only(&self) -> bool {
        self.entities.is_none() && self.topics.is_none() && !self.steps.has(Step::Keyphrases)
    }

    /// Fresh per-document state for the in-order half.
    pub fn doc_state(&self) -> DocState {
        DocState {
            entities: self
                .entities
                .as_ref()
                .map(|_| entities::doc::DocMemory::default()),
            topics: self.topics.clone().map(TopicContext::new),
        }
    }
}

/// The per-document, in-order half of enrichment.
pub struct DocState {
    entities: Option<entities::doc::DocMemory>,
    topics: Option<TopicContext>,
}

impl DocState {
    /// Called on each enriched batch, in input order; records are final when
    /// it returns.
    pub fn post(&mut self, records: &mut [Record]) {
        if let Some(mem) = &mut self.entities {
            for r in records.iter_mut() {
                if let Some(e) = &mut r.entities {
                    mem.apply(&r.text, e);
                }
            }
        }
        if let Some(t) = &mut self.topics {
            t.post(records);
        }
    }
}
