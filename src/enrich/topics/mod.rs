//! Topic tags: what each turn is about, on a taxonomy.
//!
//! Out of the box the taxonomy is IPTC Media Topics levels 1 and 2 (the news
//! industry's standard subject codes; © IPTC, CC BY 4.0,
//! <https://iptc.org/standards/media-topics/>), with a hand-curated lexicon
//! per topic: weighted words and phrases, written as general knowledge of each
//! field and matched on stems. A lexicon rather than a trained classifier
//! because it works with no setup and no training data, a user can read and
//! edit it, and it is cheap: one hash lookup per word.
//!
//! The step has two halves, like all enrichment:
//!
//! - per turn, on the worker pool ([`provisional`]): the turn's evidence per
//!   topic and its scores ([`model`]), kept on the record as
//!   `pending_topics` (topic indices and scores, never written);
//! - per document, in order ([`context::TopicContext`]): the conversation
//!   context (an answer with weak evidence inherits its question's topics;
//!   scores smoothed over the exchange), then the threshold and the cap.
//!
//! Users bring their own topics in the same TOML format ([`lexicon`]:
//! `--topics FILE` extends or replaces the built-in taxonomy), or learn them
//! from labelled examples with `turnstream train-topics` ([`train`]).
//!
//! Files: [`token`] (words and stems, shared with keyphrases), [`lexicon`]
//! (the file format), [`model`] (compile and score), [`context`] (the in-order
//! half), [`train`] (weighted log-odds lexicons).

pub mod context;
pub mod lexicon;
pub mod model;
pub mod token;
pub mod train;

pub use context::TopicContext;
pub use lexicon::{TopicFile, TopicFileError};
pub use model::TopicModel;

use crate::enrich::analysis::{Word, with_words};
use crate::record::PendingTopics;

/// Lowest score kept in the provisional list (the in-order half trims).
const PROVISIONAL_FLOOR: f64 = 0.02;

/// The per-turn half: every topic with a score, best first, before context and
/// threshold (the in-order half, [`TopicContext`], finishes them).
pub fn provisional(model: &TopicModel, text: &str) -> PendingTopics {
    with_words(text, Some(model), |words| provisional_of(model, words))
}

/// [`provisional`] for words already split ([`with_words`] with this model).
pub fn provisional_of(model: &TopicModel, words: &[Word]) -> PendingTopics {
    model.provisional(words, PROVISIONAL_FLOOR)
}
