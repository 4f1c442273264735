//! CoNLL-2003 I/O, training (`train-ner`) and tagging (`tag-conll`).
//!
//! The files are `word POS chunk NER` lines, sentences separated by blank
//! lines and documents by `-DOCSTART-`, tags in IOB1. Only the first column
//! (the word) and, for training, the last (the gold tag) are read: the POS
//! and chunk columns come from taggers we do not have at run time, and a
//! model that leaned on them would score well here and badly on
//! transcripts.
//!
//! Words are joined with single spaces into a document text with token
//! offsets, so that gazetteer matching and every feature run exactly as on
//! a tokenized turn. Documents stay whole: the document evidence and the
//! prediction history need them.

use std::io::Write;

use super::features::TokInfo;
use super::gazetteer::Gazetteer;
use super::model::{self, Model, NTAGS, O, Trainer};
use super::tagger::{self, Scratch, Tagger};
use super::token::Token;

/// One CoNLL document.
#[derive(Debug, Default, Clone)]
pub struct Doc {
    pub text: String,
    pub toks: Vec<Token>,
    /// Gold BILOU tags (all O when the file has no tag column).
    pub gold: Vec<u8>,
    /// Input line of each token (0-based).
    pub line: Vec<usize>,
}

/// Read CoNLL text into documents.
pub fn parse(input: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut doc = Doc::default();
    let mut iob: Vec<(usize, bool)> = Vec::new(); // (class or usize::MAX, is B-)
    let mut sent_start = true;
    let flush = |doc: &mut Doc, iob: &mut Vec<(usize, bool)>, docs: &mut Vec<Doc>| {
        if !doc.toks.is_empty() {
            doc.gold = bilou(iob, &doc.toks);
            docs.push(std::mem::take(doc));
        }
        iob.clear();
    };
    for (ln, line) in input.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let mut cols = line.split_whitespace();
        let Some(word) = cols.next() else {
            sent_start = true;
            continue;
        };
        if word == "-DOCSTART-" {
            flush(&mut doc, &mut iob, &mut docs);
            sent_start = true;
            continue;
        }
        let last = line.split_whitespace().last().unwrap_or("O");
        let tagcol = if line.split_whitespace().count() > 1 {
            last
        } else {
            "O"
        };
        let cls = tagcol
            .split_once('-')
            .and_then(|(_, c)| model::CLASSES.iter().position(|x| *x == c))
            .unwrap_or(usize::MAX);
        iob.push((cls, tagcol.starts_with("B-")));
        if !doc.text.is_empty() {
            doc.text.push(' ');
        }
        let sb = doc.text.len();
        let sc = doc.toks.last().map_or(0, |t| t.end_char + 1);
        doc.text.push_str(word);
        doc.toks.push(Token {
            start_byte: sb as u32,
            end_byte: doc.text.len() as u32,
            start_char: sc,
            end_char: sc + word.chars().count() as u32,
            sent_start,
        });
        doc.line.push(ln);
        sent_start = false;
    }
    flush(&mut doc, &mut iob, &mut docs);
    docs
}

/// IOB1 (or IOB2) classes to BILOU tags; entities never cross sentences.
fn bilou(iob: &[(usize, bool)], toks: &[Token]) -> Vec<u8> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < iob.len() {
        let (c, _) = iob[i];
        if c == usize::MAX {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < iob.len() && iob[j].0 == c && !iob[j].1 && !toks[j].sent_start {
            j += 1;
        }
        spans.push((i, j, c));
        i = j;
    }
    let mut tags = vec![O; iob.len()];
    for (s, e, c) in spans {
        if e - s == 1 {
            tags[s] = model::tag(c, 3);
        } else {
            tags[s] = model::tag(c, 0);
            for t in &mut tags[s + 1..e - 1] {
                *t = model::tag(c, 1);
            }
            tags[e - 1] = model::tag(c, 2);
        }
    }
    tags
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub history: bool,
    /// Second pass with document-majority features.
    pub two_pass: bool,
    /// Drop features whose largest averaged weight is below this.
    pub min_abs: f32,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            history: true,
            two_pass: false,
            min_abs: 0.02,
            seed: 42,
        }
    }
}

/// Precision, recall, F1 of exact spans, and counts (gold, predicted, correct).
#[derive(Debug, Clone, Copy, Default)]
pub struct Prf {
    pub gold: usize,
    pub pred: usize,
    pub correct: usize,
}

impl Prf {
    pub fn f1(&self) -> f64 {
        let p = self.correct as f64 / self.pred.max(1) as f64;
        let r = self.correct as f64 / self.gold.max(1) as f64;
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
    fn add(&mut self, gold: &[u8], pred: &[u8]) {
        let (mut g, mut p) = (Vec::new(), Vec::new());
        tagger::spans(gold, &mut g);
        tagger::spans(pred, &mut p);
        self.gold += g.len();
        self.pred += p.len();
        let gs: std::collections::HashSet<_> = g.into_iter().collect();
        self.correct += p.iter().filter(|s| gs.contains(s)).count();
    }
}

/// Score `tagger` on `docs` (spans of the four CoNLL classes).
pub fn evaluate(tagger: &Tagger, docs: &[Doc], gaz: Option<&Gazetteer>) -> Prf {
    let mut s = Scratch::default();
    let mut prf = Prf::default();
    for d in docs {
        tagger.tag(&d.text, &d.toks, gaz, &mut s);
        prf.add(&d.gold, &s.tags);
    }
    prf
}

/// Train an averaged perceptron; `log` gets one line per epoch.
pub fn train(
    train: &[Doc],
    dev: &[Doc],
    gaz: Option<&Gazetteer>,
    opts: &TrainOptions,
    mut log: impl FnMut(&str),
) -> Model {
    let meta = format!(
        "history={} two_pass={} epochs={} min_abs={} gazetteer={}",
        opts.history as u8,
        opts.two_pass as u8,
        opts.epochs,
        opts.min_abs,
        gaz.is_some() as u8
    );
    // token infos do not depend on the weights: compute them once
    let mut s = Scratch::default();
    let mut infos: Vec<Vec<TokInfo>> = train
        .iter()
        .map(|d| {
            tagger::prepare(&d.text, &d.toks, gaz, &mut s);
            s.infos.clone()
        })
        .collect();
    let gated: usize = train
        .iter()
        .zip(&infos)
        .map(|(d, inf)| {
            d.gold
                .iter()
                .zip(inf)
                .filter(|(g, t)| **g != O && !t.active)
                .count()
        })
        .sum();
    let active: usize = infos.iter().flatten().filter(|t| t.active).count();
    let total: usize = infos.iter().map(Vec::len).sum();
    log(&format!(
        "train: {} docs, {total} tokens, {active} scored by the gate, {gated} gold entity tokens gated out",
        train.len()
    ));
    struct Learner<'a> {
        tr: Trainer,
        gold: &'a [u8],
        errors: usize,
        learning: bool,
    }
    impl tagger::Oracle for Learner<'_> {
        fn score(&mut self, feats: &[u64], scores: &mut [f32; NTAGS]) {
            self.tr.score(feats, scores);
        }
        fn set_learning(&mut self, on: bool) {
            self.learning = on;
        }
        fn learn(&mut self, i: usize, feats: &[u64], guess: u8) {
            if !self.learning {
                return;
            }
            if guess != self.gold[i] {
                self.tr.update(feats, self.gold[i], guess);
                self.errors += 1;
            }
            self.tr.tick();
        }
    }
    let mut l = Learner {
        tr: Trainer::new(),
        gold: &[],
        errors: 0,
        learning: true,
    };
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = opts.seed | 1;
    for epoch in 0..opts.epochs {
        // Fisher-Yates with xorshift: deterministic across runs and machines
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        l.errors = 0;
        for &di in &order {
            std::mem::swap(&mut s.infos, &mut infos[di]);
            l.gold = &train[di].gold;
            tagger::run(&mut l, opts.history, opts.two_pass, true, &mut s);
            std::mem::swap(&mut s.infos, &mut infos[di]);
        }
        let errors = l.errors;
        let tr = &l.tr;
        let mut line = format!(
            "epoch {:2}: {errors} training errors, {} features",
            epoch + 1,
            tr.num_features()
        );
        if !dev.is_empty() && (epoch + 1 == opts.epochs || epoch % 3 == 2) {
            let m = Tagger::new(tr.export(opts.min_abs, meta.clone()));
            let prf = evaluate(&m, dev, gaz);
            line.push_str(&format!(
                ", dev F1 {:.4} ({} kept)",
                prf.f1(),
                m.model.len()
            ));
        }
        log(&line);
    }
    l.tr.export(opts.min_abs, meta)
}

/// Write `input`'s lines with the predicted IOB2 tag appended.
pub fn write_tagged(
    input: &str,
    docs: &[Doc],
    tags: &[Vec<u8>],
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut pred: Vec<Option<&'static str>> = vec![None; input.lines().count()];
    const NAMES: [[&str; 4]; 2] = [
        ["B-PER", "B-ORG", "B-LOC", "B-MISC"],
        ["I-PER", "I-ORG", "I-LOC", "I-MISC"],
    ];
    for (d, t) in docs.iter().zip(tags) {
        let mut sp = Vec::new();
        tagger::spans(t, &mut sp);
        for (k, &ln) in d.line.iter().enumerate() {
            pred[ln] = Some("O");
            let _ = k;
        }
        for (s, e, c) in sp {
            for k in s..e {
                pred[d.line[k]] = Some(NAMES[(k > s) as usize][c]);
            }
        }
    }
    for (ln, line) in input.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        match pred[ln] {
            Some(tag) => writeln!(out, "{line} {tag}")?,
            None if line.starts_with("-DOCSTART-") => writeln!(out, "{line} O")?,
            None => writeln!(out, "{line}")?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_to_bilou() {
        let d = &parse(
            "EU x x I-ORG\nrejects x x O\nPeter x x I-PER\nBlackburn x x I-PER\nA x x I-LOC\nB x x B-LOC\n\n-DOCSTART- -X- O O\nX x x O\n",
        )[..];
        assert_eq!(d.len(), 2);
        let t = &d[0].gold;
        assert_eq!(t[0], model::tag(1, 3));
        assert_eq!(t[1], O);
        assert_eq!(&t[2..4], &[model::tag(0, 0), model::tag(0, 2)]);
        assert_eq!(&t[4..6], &[model::tag(2, 3), model::tag(2, 3)]);
        assert_eq!(d[0].text, "EU rejects Peter Blackburn A B");
        assert_eq!(d[0].toks[2].text(&d[0].text), "Peter");
    }
}
