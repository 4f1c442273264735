//! `turnstream train-topics`: readable lexicons learned from labelled turns.
//!
//! Input: JSONL, one `{"text": ..., "labels": [...]}` a line. Output: a topic
//! file (`mode = "replace"`), one topic per label whose phrases are the words
//! and two-word phrases most distinctive of that label, weighted. The user can
//! read it, edit it and load it with `--topics`.
//!
//! Distinctiveness is the weighted log-odds ratio with an informative
//! Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words"): for a
//! term `w` and label `c`, with counts `y` in the label's texts and in the
//! others, and prior counts `a_w` proportional to the term's frequency in all
//! the texts,
//!
//! ```text
//!   delta = ln((y_cw + a_w) / (n_c + a0 - y_cw - a_w))
//!         - ln((y_ow + a_w) / (n_o + a0 - y_ow - a_w))
//!   z     = delta / sqrt(1 / (y_cw + a_w) + 1 / (y_ow + a_w))
//! ```
//!
//! The prior shrinks rare terms towards "not distinctive", so a word seen twice
//! in one label does not outrank a word seen two hundred times. A term enters
//! the label's lexicon when `z` clears a bar and its weight is `delta`: the
//! scorer then sums log-odds, a readable cousin of naive Bayes. Finally the
//! per-topic `prior`s are calibrated on the training texts, so that no label
//! wins by having more or stronger words.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::lexicon::{Mode, TopicDef, TopicFile};
use super::model::TopicModel;
use super::token::{is_stop_word, lower_into, stemmer, tokens};

/// One labelled example.
#[derive(Debug, Clone, Deserialize)]
pub struct Example {
    pub text: String,
    #[serde(default)]
    pub labels: Vec<String>,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Most phrases kept per label.
    pub max_phrases: usize,
    /// Least number of texts of the label a term must occur in.
    pub min_count: u32,
    /// The z-score a term must reach.
    pub min_z: f64,
    /// Strength of the Dirichlet prior, in pseudo-counts.
    pub prior_strength: f64,
    /// Label -> topic id (and label text) for the output, e.g. mapping a
    /// label to an IPTC code; unmapped labels keep their own name as id.
    pub ids: BTreeMap<String, String>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            max_phrases: 2000,
            min_count: 2,
            min_z: 1.0,
            prior_strength: 1000.0,
            ids: BTreeMap::new(),
        }
    }
}

/// Read JSONL examples; a line without `text` or `labels` is an error naming it.
pub fn read_examples(text: &str) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let ex: Example = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        if ex.labels.is_empty() {
            return Err(format!("line {}: no `labels`", i + 1));
        }
        out.push(ex);
    }
    if out.is_empty() {
        return Err("no examples".into());
    }
    Ok(out)
}

/// The terms of a text: stems of content words and of adjacent pairs of them
/// (within a clause), each with the surface form it was seen in.
fn terms(text: &str, cache: &mut HashMap<String, String>, out: &mut Vec<(String, String)>) {
    out.clear();
    let mut lower = String::new();
    let mut prev: Option<(String, String)> = None;
    for t in tokens(text) {
        lower_into(&text[t.start..t.end], &mut lower);
        if t.break_before {
            prev = None;
        }
        if is_stop_word(&lower)
            || lower.chars().count() < 2
            || lower.chars().all(|c| c.is_ascii_digit())
        {
            prev = None;
            continue;
        }
        let stem = match cache.get(&lower) {
            Some(s) => s.clone(),
            None => {
                let s = stemmer().stem(&lower).into_owned();
                cache.insert(lower.clone(), s.clone());
                s
            }
        };
        if let Some((ps, pw)) = &prev {
            out.push((format!("{ps} {stem}"), format!("{pw} {lower}")));
        }
        out.push((stem.clone(), lower.clone()));
        prev = Some((stem, lower.clone()));
    }
}

/// Learn a topic file from examples.
pub fn train(examples: &[Example], opts: &TrainOptions) -> TopicFile {
    let mut labels: Vec<String> = examples
        .iter()
        .flat_map(|e| e.labels.iter().cloned())
        .collect();
    labels.sort();
    labels.dedup();
    let li: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    // document frequency of each term per label, and surface forms
    let mut df: HashMap<String, Vec<u32>> = HashMap::new();
    let mut surface: HashMap<String, HashMap<String, u32>> = HashMap::new();
    let mut cache = HashMap::new();
    let mut buf = Vec::new();
    for e in examples {
        terms(&e.text, &mut cache, &mut buf);
        buf.sort();
        buf.dedup_by(|a, b| a.0 == b.0);
        for (stem, surf) in buf.drain(..) {
            *surface
                .entry(stem.clone())
                .or_default()
                .entry(surf)
                .or_default() += 1;
            let v = df.entry(stem).or_insert_with(|| vec![0; labels.len()]);
            for l in &e.labels {
                v[li[l.as_str()]] += 1;
            }
        }
    }
    let totals: Vec<f64> = (0..labels.len())
        .map(|c| df.values().map(|v| v[c] as f64).sum())
        .collect();
    let grand: f64 = totals.iter().sum();
    // the prior must not drown a small training set: at most a tenth of the
    // observed counts
    let a0 = opts.prior_strength.min(0.1 * grand).max(1.0);
    let mut per_label: Vec<Vec<(f64, f64, String)>> = vec![Vec::new(); labels.len()];
    for (stem, v) in &df {
        let all: f64 = v.iter().map(|&x| x as f64).sum();
        let aw = a0 * all / grand;
        for c in 0..labels.len() {
            let y = v[c] as f64;
            if v[c] < opts.min_count {
                continue;
            }
            let yo = all - y;
            let (nc, no) = (totals[c], grand - totals[c]);
            let delta =
                ((y + aw) / (nc + a0 - y - aw)).ln() - ((yo + aw) / (no + a0 - yo - aw)).ln();
            let z = delta / (1.0 / (y + aw) + 1.0 / (yo + aw)).sqrt();
            if z >= opts.min_z && delta > 0.0 {
                per_label[c].push((z, delta, stem.clone()));
            }
        }
    }
    let mut file = TopicFile {
        mode: Mode::Replace,
        ..TopicFile::default()
    };
    for (c, mut terms) in per_label.into_iter().enumerate() {
        terms.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
        terms.truncate(opts.max_phrases);
        let mut phrases = BTreeMap::new();
        for (_, delta, stem) in terms {
            let forms = &surface[&stem];
            let best = forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(s, _)| s.clone())
                .unwrap_or(stem);
            phrases.insert(best, (delta * 1000.0).round() / 1000.0);
        }
        let label = &labels[c];
        file.topics.push(TopicDef {
            id: opts
                .ids
                .get(label)
                .cloned()
                .unwrap_or_else(|| label.clone()),
            label: label.clone(),
            parent: None,
            prior: None,
            phrases,
        });
    }
    calibrate(&mut file, examples);
    file
}

/// Adjust the per-topic priors so that each label is predicted about as often
/// as it occurs in the training texts (a few multiplicative rounds).
fn calibrate(file: &mut TopicFile, examples: &[Example]) {
    let n = file.topics.len();
    let mut prior = vec![1.0f64; n];
    let label_of: HashMap<&str, usize> = file
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.label.as_str(), i))
        .collect();
    let mut truth = vec![0.0f64; n];
    for e in examples {
        for l in &e.labels {
            truth[label_of[l.as_str()]] += 1.0 / e.labels.len() as f64;
        }
    }
    let Ok(model) = TopicModel::compile(file, "<training>") else {
        return;
    };
    let evidence: Vec<Vec<f64>> = examples
        .iter()
        .map(|e| model.evidence(&e.text).per_topic)
        .collect();
    for _ in 0..8 {
        let mut pred = vec![0.0f64; n];
        for ev in &evidence {
            let best = (0..n)
                .filter(|&i| ev[i] > 0.0)
                .max_by(|&a, &b| (ev[a] * prior[a]).total_cmp(&(ev[b] * prior[b])));
            if let Some(b) = best {
                pred[b] += 1.0;
            }
        }
        for i in 0..n {
            let ratio = (truth[i] + 1.0) / (pred[i] + 1.0);
            prior[i] = (prior[i] * ratio.powf(0.3)).clamp(0.25, 4.0);
        }
    }
    let mean = prior.iter().sum::<f64>() / n as f64;
    for (t, p) in file.topics.iter_mut().zip(prior) {
        t.prior = Some(((p / mean) * 1000.0).round() / 1000.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_distinctive_words_and_round_trips() {
        let mut ex = Vec::new();
        for i in 0..20 {
            ex.push(Example {
                text: format!("The striker scored a goal in the league match {i}"),
                labels: vec!["sport".into()],
            });
            ex.push(Example {
                text: format!("Shares fell as the central bank raised interest rates {i}"),
                labels: vec!["markets".into()],
            });
        }
        let opts = TrainOptions {
            ids: [("sport".to_string(), "medtop:15000000".to_string())].into(),
            ..TrainOptions::default()
        };
        let file = train(&ex, &opts);
        let toml = file.to_toml();
        let back = TopicFile::parse("trained", &toml).unwrap();
        assert_eq!(back.mode, Mode::Replace);
        let sport = back.topics.iter().find(|t| t.label == "sport").unwrap();
        assert_eq!(sport.id, "medtop:15000000");
        assert!(sport.phrases.contains_key("goal"), "{:?}", sport.phrases);
        assert!(sport.phrases.contains_key("league match"));
        let m = TopicModel::compile(&back, "trained").unwrap();
        assert_eq!(
            &*m.tag("a late goal won the match")[0].id,
            "medtop:15000000"
        );
        assert_eq!(&*m.tag("the bank cut rates")[0].label, "markets");
    }
}
