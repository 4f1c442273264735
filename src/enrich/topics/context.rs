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
//! is a few short score lists (at most [`KEEP`] topics each), kept across
//! `post` calls because batches arrive in order, and mixes are summed in a
//! dense per-topic buffer, so a turn costs time in proportion to the topics
//! it mentions, not to the size of the taxonomy; records are final when
//! `post` returns (threshold applied, at most [`MAX_TOPICS`]).

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

/// Longest score list kept for the exchange: the tail of a list is scores
/// far below any threshold, and keeping it would only make every later turn
/// slower.
const KEEP: usize = 16;

type Scores = Vec<(u32, f64)>;

/// Per-document state of the topics step.
pub struct TopicContext {
    model: Arc<TopicModel>,
    anchor: Option<Scores>,
    recent: VecDeque<Scores>,
    mix: Mix,
    /// Buffers of lists that left the exchange, for the next ones.
    spare: Vec<Scores>,
}

/// A weighted sum of score lists, per topic (all zero between turns), and
/// which topics it holds.
struct Mix {
    acc: Vec<f64>,
    in_acc: Vec<u32>,
}

impl TopicContext {
    pub fn new(model: Arc<TopicModel>) -> TopicContext {
        let n = model.topics.len();
        TopicContext {
            model,
            anchor: None,
            recent: VecDeque::new(),
            mix: Mix {
                acc: vec![0.0; n],
                in_acc: Vec::new(),
            },
            spare: Vec::new(),
        }
    }

    /// Finalise the topics of a batch, in order.
    pub fn post(&mut self, records: &mut [Record]) {
        for r in records.iter_mut() {
            self.one(r);
        }
    }

    fn one(&mut self, r: &mut Record) {
        let Some(own) = r.pending_topics.take() else {
            return;
        };
        let threshold = self.model.threshold;
        let mut fin = self.spare.pop().unwrap_or_default();
        fin.clear();
        match &self.anchor {
            Some(anchor) if r.kind == Kind::Turn && r.speaker.is_some() => {
                let conf: f64 = own
                    .iter()
                    .filter(|&(i, _)| self.model.is_root(i))
                    .map(|(_, s)| s)
                    .sum();
                let w = conf / (conf + C_MIX);
                // the context is the weighted mean of the exchange, faded
                let w_ctx = (1.0 - w) * FADE;
                let wsum = W_ANCHOR + W_RECENT.iter().take(self.recent.len()).sum::<f64>();
                self.mix.add(own.iter(), w);
                self.mix
                    .add(anchor.iter().copied(), w_ctx * W_ANCHOR / wsum);
                for (s, wr) in self.recent.iter().zip(W_RECENT) {
                    self.mix.add(s.iter().copied(), w_ctx * wr / wsum);
                }
                self.mix.take_into(&mut fin);
            }
            _ => fin.extend(own.iter()),
        }
        r.topics = Some(self.model.to_topics(&fin, threshold, MAX_TOPICS));
        if r.kind != Kind::Turn || r.speaker.is_none() {
            // scored alone, and no part of any exchange
            self.spare.push(fin);
        } else if is_question(r) {
            if let Some(old) = self.anchor.replace(fin) {
                self.spare.push(old);
            }
            self.spare.extend(self.recent.drain(..));
        } else if self.anchor.is_some() {
            self.recent.push_front(fin);
            if self.recent.len() > W_RECENT.len() {
                self.spare.extend(self.recent.pop_back());
            }
        } else {
            self.spare.push(fin);
        }
    }
}

impl Mix {
    /// Add `w` times `scores` to the mix.
    fn add(&mut self, scores: impl Iterator<Item = (u32, f64)>, w: f64) {
        for (i, v) in scores {
            if self.acc[i as usize] == 0.0 {
                self.in_acc.push(i);
            }
            self.acc[i as usize] += w * v;
        }
    }

    /// The mix as a score list in `out` (best first, at most [`KEEP`],
    /// negligible scores dropped); the accumulator is left all zero.
    fn take_into(&mut self, out: &mut Scores) {
        out.clear();
        out.reserve(self.in_acc.len());
        for &i in &self.in_acc {
            let v = std::mem::take(&mut self.acc[i as usize]);
            if v > 1e-4 {
                out.push((i, v));
            }
        }
        self.in_acc.clear();
        if out.len() > KEEP {
            out.select_nth_unstable_by(KEEP - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            out.truncate(KEEP);
        }
        sort_scores(out);
    }
}

/// A question: labelled as one, said by a questioner, or ending with `?`.
pub fn is_question(r: &Record) -> bool {
    if let Some(sp) = &r.speaker {
        if sp.role.as_deref() == Some("questioner") {
            return true;
        }
        let l = sp.label.trim().trim_end_matches([':', '.']).as_bytes();
        if l.eq_ignore_ascii_case(b"Q")
            || l.eq_ignore_ascii_case(b"REPORTER")
            || l.get(..8)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"QUESTION"))
        {
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
        r.pending_topics = Some(Box::new(super::super::provisional(model, text)));
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
        assert_eq!(&*recs[0].topics.as_ref().unwrap()[0].id, "nuc");
        let a = recs[1].topics.as_ref().unwrap();
        assert_eq!(&*a[0].id, "nuc", "{a:?}");
        assert!(a[0].score < recs[0].topics.as_ref().unwrap()[0].score);
        // without speakers, no context
        let mut r = rec("X", "We will know very quickly.", &m);
        r.speaker = None;
        ctx.post(std::slice::from_mut(&mut r));
        assert!(r.topics.unwrap().is_empty());
    }
}
