//! Conversation context: the in-order half of the topics step.
//!
//! A turn of speech often says little about its topic on its own terms. "As I
//! said, we're going to know very quickly whether they are serious" is about
//! the Iran talks only because of the question before it. So after the
//! per-turn scores are computed (on the worker pool), this step runs in input
//! order and mixes each turn's own scores with those of its *exchange*:
//!
//! - an exchange starts at a question (a turn labelled `QUESTION`/`Q`, or
//!   ending with `?`) and runs until the next one;
//! - a turn's context is a weighted mean of the exchange's question (the
//!   anchor, weight 0.5) and its last two turns (0.3, 0.2), faded by 0.8;
//! - the mix weight of a turn's own scores is `S / (S + 0.5)`, where `S` is
//!   its own confidence (the sum of its root scores): an answer with strong
//!   evidence keeps its own topics, one with weak evidence inherits the
//!   question's; a question with weak evidence of its own (a follow-up)
//!   inherits the exchange before it.
//!
//! Only turns with a speaker take part: records without one (NDJSON lines of
//! unrelated items, such as a labelled data set) are scored alone. The state
//! is a few short vectors, kept across `post` calls because batches arrive in
//! order; records are final when `post` returns (threshold applied, at most
//! [`MAX_TOPICS`]).

use std::collections::VecDeque;
use std::sync::Arc;

use super::model::{MAX_TOPICS, TopicModel, sort_scores};
use crate::record::{Kind, Record};

/// Mixing constant: own confidence at which own and context weigh the same.
const C_MIX: f64 = 0.5;
/// Inherited scores fade by this much per step.
const FADE: f64 = 0.8;
/// Weights of the anchor question and the last turns of the exchange.
const W_ANCHOR: f64 = 0.5;
const W_RECENT: [f64; 2] = [0.3, 0.2];

type Scores = Vec<(u32, f64)>;

/// Per-document state of the topics step.
pub struct TopicContext {
    model: Arc<TopicModel>,
    anchor: Option<Scores>,
    recent: VecDeque<Scores>,
}

impl TopicContext {
    pub fn new(model: Arc<TopicModel>) -> TopicContext {
        TopicContext {
            model,
            anchor: None,
            recent: VecDeque::new(),
        }
    }

    /// Finalise the topics of a batch, in order.
    pub fn post(&mut self, records: &mut [Record]) {
        for r in records.iter_mut() {
            self.one(r);
        }
    }

    fn one(&mut self, r: &mut Record) {
        let Some(prov) = r.topics.take() else {
            return;
        };
        let own: Scores = prov
            .iter()
            .filter_map(|t| self.model.index_of(&t.id).map(|i| (i, t.score)))
            .collect();
        let threshold = self.model.threshold;
        if r.kind != Kind::Turn || r.speaker.is_none() {
            r.topics = Some(self.model.to_topics(&own, threshold, MAX_TOPICS));
            return;
        }
        let conf: f64 = own
            .iter()
            .filter(|(i, _)| self.model.is_root(*i))
            .map(|(_, s)| s)
            .sum();
        let fin = match self.context() {
            Some(ctx) => {
                let w = conf / (conf + C_MIX);
                mix(&own, w, &ctx, (1.0 - w) * FADE)
            }
            None => own,
        };
        if is_question(r) {
            self.anchor = Some(fin.clone());
            self.recent.clear();
        } else if self.anchor.is_some() {
            self.recent.push_front(fin.clone());
            self.recent.truncate(W_RECENT.len());
        }
        r.topics = Some(self.model.to_topics(&fin, threshold, MAX_TOPICS));
    }

    /// The weighted mean of the exchange so far, or None outside an exchange.
    fn context(&self) -> Option<Scores> {
        let anchor = self.anchor.as_ref()?;
        let mut acc: Scores = Vec::new();
        let mut wsum = W_ANCHOR;
        add(&mut acc, anchor, W_ANCHOR);
        for (s, w) in self.recent.iter().zip(W_RECENT) {
            add(&mut acc, s, w);
            wsum += w;
        }
        for v in acc.iter_mut() {
            v.1 /= wsum;
        }
        Some(acc)
    }
}

fn add(acc: &mut Scores, s: &[(u32, f64)], w: f64) {
    for &(i, v) in s {
        match acc.iter_mut().find(|x| x.0 == i) {
            Some(x) => x.1 += w * v,
            None => acc.push((i, w * v)),
        }
    }
}

fn mix(own: &[(u32, f64)], w_own: f64, ctx: &[(u32, f64)], w_ctx: f64) -> Scores {
    let mut out = Vec::with_capacity(own.len() + ctx.len());
    add(&mut out, own, w_own);
    add(&mut out, ctx, w_ctx);
    out.retain(|x| x.1 > 1e-4);
    sort_scores(&mut out);
    out
}

/// A question: labelled as one, said by a questioner, or ending with `?`.
pub fn is_question(r: &Record) -> bool {
    if let Some(sp) = &r.speaker {
        if sp.role.as_deref() == Some("questioner") {
            return true;
        }
        let l = sp
            .label
            .trim()
            .trim_end_matches([':', '.'])
            .to_ascii_uppercase();
        if l == "Q" || l.starts_with("QUESTION") || l == "REPORTER" {
            return true;
        }
    }
    r.text.trim_end().ends_with('?')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::topics::lexicon::TopicFile;
    use crate::record::{Format, Speaker, Turn};

    fn rec(label: &str, text: &str, model: &TopicModel) -> Record {
        let mut t = Turn::new(Kind::Turn, Some(Speaker::from_label(label)), 1);
        t.text = text.into();
        let src: Arc<str> = Arc::from("x");
        let mut r = Record::from_turn(t, &src, 0, Format::Text);
        r.topics = Some(super::super::provisional(model, text));
        r
    }

    #[test]
    fn weak_answer_inherits_the_question() {
        let f = TopicFile::parse(
            "t",
            "[[topic]]\nid = \"nuc\"\nlabel = \"nuclear\"\n[topic.phrases]\nuranium = 3\nenrichment = 3\n",
        )
        .unwrap();
        let m = Arc::new(TopicModel::compile(&f, "t").unwrap());
        let mut ctx = TopicContext::new(m.clone());
        let mut recs = vec![
            rec("QUESTION", "What about uranium enrichment?", &m),
            rec(
                "SECRETARY",
                "We will know very quickly whether they are serious.",
                &m,
            ),
        ];
        ctx.post(&mut recs);
        assert_eq!(recs[0].topics.as_ref().unwrap()[0].id, "nuc");
        let a = recs[1].topics.as_ref().unwrap();
        assert_eq!(a[0].id, "nuc", "{a:?}");
        assert!(a[0].score < recs[0].topics.as_ref().unwrap()[0].score);
        // without speakers, no context
        let mut r = rec("X", "We will know very quickly.", &m);
        r.speaker = None;
        ctx.post(std::slice::from_mut(&mut r));
        assert!(r.topics.unwrap().is_empty());
    }
}
