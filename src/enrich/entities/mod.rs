//! Entities: people, organisations, places and more, per turn.
//!
//! ```text
//!  turn text ─► token ─► tagger (features ◄─ gazetteer) ─► spans (PER ORG LOC MISC)
//!                               │
//!            rules (titles, DATE/TIME/MONEY/PERCENT, MISC split, GPE/LOC) ─► Entity
//!                                                                            │
//!                            doc (in order: one type per name, canonical) ◄──┘
//! ```
//!
//! - [`token`]: CoNLL-style tokenizer with char offsets.
//! - [`features`]: token infos and hashed features, the gate.
//! - [`model`]: averaged perceptron, BILOU tags, the compact model format.
//! - [`tagger`]: greedy decoding with prediction history.
//! - [`gazetteer`]: lists as data, Aho-Corasick matching, canonical names.
//! - [`rules`]: titles, DATE/TIME/MONEY/PERCENT, MISC -> NORP/EVENT/LAW, GPE/LOC.
//! - [`doc`]: document consistency (types, short names, vocatives), in order.
//! - [`conll`]: CoNLL I/O, `train-ner`, `tag-conll`.
//!
//! Per batch ([`Resources::annotate`], on the worker pool) the batch of turns
//! is one document for the tagger's document evidence and prediction
//! history; candidates are merged in a fixed order: model spans (titles cut
//! off, types mapped), then strong gazetteer names (added where the model
//! saw nothing, retyped where the spans agree, winning where they cover the
//! model's span), then titles (`Foreign Minister Kuleba` -> PERSON
//! `Kuleba`), then numeric rules where no name is. Entity offsets are
//! Unicode chars into the record's `text`.
//!
//! The trained model is `config/models/ner.bin`, embedded in the binary
//! (retrain: `turnstream train-ner`, see `docs/entities.md`).

pub mod conll;
pub mod doc;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod rules;
pub mod tagger;
pub mod token;

use crate::record::Entity;
use gazetteer::Gazetteer;
use model::Model;
use tagger::Tagger;

/// The model shipped with the binary (trained by `turnstream train-ner`).
pub static MODEL_BYTES: &[u8] = include_bytes!("../../../config/models/ner.bin");

/// Everything the entities step reads: the tagger and the gazetteer.
pub struct Resources {
    pub tagger: Tagger,
    pub gazetteer: Gazetteer,
}

impl Resources {
    /// Load the built-in model (or `model_path`) and the gazetteers plus
    /// `extra_gazetteers` (file name, contents).
    pub fn load(
        model_path: Option<&std::path::Path>,
        extra_gazetteers: &[(String, String)],
    ) -> Result<Resources, String> {
        let model = match model_path {
            Some(p) => {
                let b = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
                Model::from_bytes(&b).map_err(|e| format!("{}: {e}", p.display()))?
            }
            None => {
                Model::from_bytes(MODEL_BYTES).map_err(|e| format!("built-in NER model: {e}"))?
            }
        };
        let gazetteer = Gazetteer::load(extra_gazetteers)?;
        Ok(Resources {
            tagger: Tagger::new(model),
            gazetteer,
        })
    }
}

/// Tag CoNLL documents with the statistical tagger (gazetteer features and
/// prediction history included; the run-time rules, which produce OntoNotes
/// types, are not applied: CoNLL's four classes are the model's own).
pub fn tag_conll_docs(res: &Resources, docs: &[conll::Doc]) -> Vec<Vec<u8>> {
    let mut s = tagger::Scratch::default();
    docs.iter()
        .map(|d| {
            res.tagger
                .tag(&d.text, &d.toks, Some(&res.gazetteer), &mut s);
            s.tags.clone()
        })
        .collect()
}

/// Reusable per-worker buffers of the run-time step.
#[derive(Default)]
pub struct Work {
    pub tagger: tagger::Scratch,
    toks: Vec<token::Token>,
    /// Token range of each text in the batch.
    ranges: Vec<(usize, usize)>,
    all_toks: Vec<token::Token>,
    hits: Vec<Vec<gazetteer::Hit>>,
    bits: Vec<u64>,
    spans: Vec<(usize, usize, usize)>,
    numeric: Vec<(usize, usize, &'static str)>,
}

/// One candidate entity over tokens `[s, e)` of a text.
#[derive(Debug, Clone)]
struct Cand {
    s: usize,
    e: usize,
    ty: &'static str,
    canonical: Option<Box<str>>,
}

impl Resources {
    /// Tag a batch of texts of one document (the batch is the document for
    /// the document evidence and the prediction history).
    pub fn annotate(&self, texts: &[&str], w: &mut Work) -> Vec<Vec<Entity>> {
        let gaz = &self.gazetteer;
        w.ranges.clear();
        w.all_toks.clear();
        w.hits.resize_with(texts.len(), Vec::new);
        let s = &mut w.tagger;
        s.infos.clear();
        for (k, text) in texts.iter().enumerate() {
            token::tokenize(text, &mut w.toks);
            gaz.find(text, &w.toks, &mut w.hits[k]);
            w.bits.clear();
            w.bits.resize(w.toks.len(), 0);
            gaz.mark_hits(&w.hits[k], &mut w.bits);
            let start = s.infos.len();
            for (t, b) in w.toks.iter().zip(&w.bits) {
                let mut info = features::tok_basic(t.text(text), t.sent_start);
                info.gaz = *b;
                s.infos.push(info);
            }
            w.ranges.push((start, s.infos.len()));
            w.all_toks.extend_from_slice(&w.toks);
        }
        features::finish_doc(&mut s.infos, &mut s.doc);
        // the rest of each token's description, where the tagger looks
        for (k, text) in texts.iter().enumerate() {
            let (a, b) = w.ranges[k];
            for i in a..b {
                let near = (i.max(a + 1) - 1..(i + 2).min(b)).any(|j| s.infos[j].active);
                if near {
                    let word = w.all_toks[i].text(text);
                    features::tok_detail(word, &mut s.infos[i]);
                }
            }
        }
        self.tagger.decode(s);
        let mut out = Vec::with_capacity(texts.len());
        for (k, text) in texts.iter().enumerate() {
            let (a, b) = w.ranges[k];
            let toks = &w.all_toks[a..b];
            let tags = &w.tagger.tags[a..b];
            tagger::spans(tags, &mut w.spans);
            let cands = self.candidates(text, toks, &w.spans, &w.hits[k]);
            rules::numeric(text, &mut w.numeric);
            out.push(to_entities(text, toks, cands, &w.numeric));
        }
        out
    }

    /// Model spans, gazetteer names and titles merged into typed candidates.
    fn candidates(
        &self,
        text: &str,
        toks: &[token::Token],
        spans: &[(usize, usize, usize)],
        hits: &[gazetteer::Hit],
    ) -> Vec<Cand> {
        let gaz = &self.gazetteer;
        let word = |i: usize| toks[i].text(text);
        let span_text =
            |s: usize, e: usize| &text[toks[s].start_byte as usize..toks[e - 1].end_byte as usize];
        let mut cands: Vec<Cand> = Vec::new();
        // MISC spans that are none of NORP/EVENT/LAW: left out, and no list
        // may re-add a name inside them (`the Minsk process` is no place)
        let mut dropped: Vec<(usize, usize)> = Vec::new();
        // 1. the model
        for &(s0, e, c) in spans {
            let mut s = s0;
            while s < e
                && (rules::is_title(word(s))
                    || (e - s > 1 && rules::title_glue(word(s)) && c == 0)
                    || (e - s > 1 && toks[s].sent_start && rules::is_quantifier(word(s))))
            {
                s += 1;
            }
            if s == e {
                continue;
            }
            // `Well, ...` `So, ...` at a sentence start are not names
            if e - s == 1 && toks[s].sent_start && rules::is_quantifier(word(s)) {
                continue;
            }
            let entry = gaz.lookup(span_text(s, e));
            // a word only known as a first name is a person (`Karen`, `Zeke`)
            let first_name_only = e - s == 1
                && entry.is_some_and(|x| {
                    x.has(gazetteer::Cat::FirstName)
                        && !gazetteer::Gazetteer::cats_of(x)
                            .any(|c| c.strong() || c == gazetteer::Cat::Subdivision)
                });
            let ty = match model::CLASSES[c] {
                "PER" => "PERSON",
                _ if first_name_only => "PERSON",
                // `Defense Production Act`: a law whatever the model thought
                _ if rules::is_law_head(word(e - 1)) => "LAW",
                "ORG" => "ORG",
                "LOC" => match entry.map(|e| e.primary) {
                    Some(gazetteer::Cat::Region) => "LOC",
                    _ => "GPE",
                },
                _ => {
                    let from_gaz = entry.and_then(|e| {
                        gazetteer::Gazetteer::cats_of(e)
                            .find(|c| {
                                matches!(
                                    c,
                                    gazetteer::Cat::Demonym
                                        | gazetteer::Cat::Law
                                        | gazetteer::Cat::Event
                                )
                            })
                            .and_then(|c| c.entity_type())
                    });
                    let words: Vec<&str> = (s..e).map(word).collect();
                    match from_gaz.or_else(|| rules::misc_type(&words)) {
                        Some(t) => t,
                        None => {
                            dropped.push((s, e));
                            continue;
                        }
                    }
                }
            };
            let canonical = entry.and_then(|e| e.canonical.clone());
            cands.push(Cand {
                s,
                e,
                ty,
                canonical,
            });
        }
        // 2. gazetteer names in strong categories
        for h in hits {
            let entry = gaz.entry(h.entry);
            let Some(cat) = std::iter::once(entry.primary)
                .chain(gazetteer::Gazetteer::cats_of(entry))
                .find(|c| c.strong())
            else {
                continue;
            };
            let Some(ty) = cat.entity_type() else {
                continue;
            };
            let single = h.end - h.start == 1;
            let surface = span_text(h.start, h.end);
            let exact = *surface == *entry.name;
            let covered = cands.iter().any(|c| c.s <= h.start && h.end <= c.e);
            if dropped.iter().any(|&(s, e)| s <= h.start && h.end <= e) {
                continue;
            }
            // a lone capitalised word at a sentence start (`Time`, `Fox`)
            // is only a name if the model thinks so too
            if single && (!exact || toks[h.start].sent_start) && !covered {
                continue;
            }
            let ty = if cat == gazetteer::Cat::Country && (entry.has(gazetteer::Cat::Demonym)) {
                "NORP"
            } else {
                ty
            };
            let overlapping: Vec<usize> = (0..cands.len())
                .filter(|&i| cands[i].s < h.end && h.start < cands[i].e)
                .collect();
            let inside_model = overlapping.iter().any(|&i| {
                cands[i].s <= h.start
                    && h.end <= cands[i].e
                    && (cands[i].s, cands[i].e) != (h.start, h.end)
            });
            if inside_model {
                // `Pontus Ahlkvist of TT`: a news outlet or organisation
                // from a list ending a span after `of` splits it; the part
                // before is a person when it starts with a first name.
                if matches!(cat, gazetteer::Cat::Media | gazetteer::Cat::Org)
                    && h.start >= 2
                    && matches!(word(h.start - 1), "of" | "from" | "with" | "at")
                {
                    if let Some(&i) = overlapping
                        .iter()
                        .find(|&&i| cands[i].e == h.end && cands[i].s < h.start - 1)
                    {
                        let left = (cands[i].s, h.start - 1);
                        // two or three capitalised words no list knows
                        // as anything but a first name: `Pontus Ahlkvist`
                        let listed = |k: usize| {
                            gaz.lookup(word(k)).is_some_and(|e| {
                                !e.has(gazetteer::Cat::FirstName) && !e.has(gazetteer::Cat::Surname)
                            })
                        };
                        let person_like = (2..=3).contains(&(left.1 - left.0))
                            && (left.0..left.1).all(|k| is_name_word(word(k)) && !listed(k));
                        cands.remove(i);
                        if person_like {
                            cands.push(Cand {
                                s: left.0,
                                e: left.1,
                                ty: "PERSON",
                                canonical: None,
                            });
                        }
                        cands.push(Cand {
                            s: h.start,
                            e: h.end,
                            ty,
                            canonical: entry.canonical.clone(),
                        });
                    }
                }
                // a span that runs on past a listed name into lower-case
                // words (`Summit for Democracy to bring`) is cut back to it
                if let Some(&i) = overlapping.iter().find(|&&i| {
                    cands[i].s == h.start
                        && cands[i].e > h.end
                        && (h.end..cands[i].e).all(|k| !word(k).chars().any(char::is_uppercase))
                }) {
                    cands.remove(i);
                    cands.push(Cand {
                        s: h.start,
                        e: h.end,
                        ty,
                        canonical: entry.canonical.clone(),
                    });
                }
                // otherwise `Bank of England` keeps the model's span
                continue;
            }
            let partial = overlapping
                .iter()
                .any(|&i| cands[i].s < h.start || cands[i].e > h.end);
            if partial {
                continue;
            }
            // the hit covers every overlapping model span: it wins, except
            // that a person the model found keeps being a person when the
            // list only knows the word as a place (`Washington` the player)
            let model_person = overlapping
                .iter()
                .any(|&i| cands[i].ty == "PERSON" && (cands[i].s, cands[i].e) == (h.start, h.end));
            if model_person
                && ty != "PERSON"
                && !matches!(cat, gazetteer::Cat::Org | gazetteer::Cat::Media)
            {
                continue;
            }
            for &i in overlapping.iter().rev() {
                cands.remove(i);
            }
            cands.push(Cand {
                s: h.start,
                e: h.end,
                ty,
                canonical: entry.canonical.clone(),
            });
        }
        // 3. titles: `Foreign Minister Kuleba`, `President Biden`
        let n = toks.len();
        let mut i = 0;
        while i < n {
            if !rules::is_title(word(i)) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n
                && (rules::is_title(word(j))
                    || (word(j) == "of"
                        && j + 1 < n
                        && matches!(word(j + 1), "State" | "Defense" | "Defence")))
            {
                j += if word(j) == "of" { 2 } else { 1 };
            }
            let mut k = j;
            let caps = word(i).len() > 1 && !word(i).chars().any(char::is_lowercase);
            let listed = |k: usize| {
                hits.iter().any(|h| {
                    h.start <= k && k < h.end && {
                        let e = gaz.entry(h.entry);
                        !(e.has(gazetteer::Cat::Person)
                            || e.has(gazetteer::Cat::FirstName)
                            || e.has(gazetteer::Cat::Surname))
                    }
                })
            };
            while k < n
                && k - j < 3
                && !rules::is_title(word(k))
                && (is_name_word(word(k))
                    || (caps && is_caps_word(word(k)) && !rules::caps_stop(word(k)) && !listed(k)))
            {
                k += 1;
            }
            let in_gaz = hits.iter().any(|h| h.start <= i && i < h.end);
            if k > j && !in_gaz {
                let over: Vec<usize> = (0..cands.len())
                    .filter(|&c| cands[c].s < k && j < cands[c].e)
                    .collect();
                let fits = over
                    .iter()
                    .all(|&c| cands[c].s >= j.min(i) && cands[c].e <= k);
                if fits {
                    let canonical = over.iter().find_map(|&c| {
                        (cands[c].ty == "PERSON" && cands[c].s == j && cands[c].e == k)
                            .then(|| cands[c].canonical.clone())
                            .flatten()
                    });
                    for &c in over.iter().rev() {
                        cands.remove(c);
                    }
                    cands.push(Cand {
                        s: j,
                        e: k,
                        ty: "PERSON",
                        canonical,
                    });
                }
            }
            i = k.max(i + 1);
        }
        // canonical names of people: the gazetteer's, or the full name itself
        for c in &mut cands {
            if c.ty == "PERSON" && c.canonical.is_none() {
                if c.e - c.s > 1 {
                    c.canonical = Some(span_text(c.s, c.e).into());
                } else if let Some(Some(full)) = gaz.surnames.get(word(c.s)) {
                    c.canonical = Some(full.clone());
                }
            }
        }
        cands.sort_by_key(|c| (c.s, c.e));
        cands
    }
}

/// An ALL-CAPS word of two or more letters (`LAVROV`).
fn is_caps_word(w: &str) -> bool {
    w.len() > 1 && w.chars().all(|c| c.is_uppercase() || c == '-' || c == '\'')
}

/// Capitalised word that can be part of a name after a title.
fn is_name_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
}

const MONTH_OR_DAY: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Candidates and numeric spans to output entities (char offsets), sorted.
fn to_entities(
    text: &str,
    toks: &[token::Token],
    cands: Vec<Cand>,
    numeric: &[(usize, usize, &'static str)],
) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::with_capacity(cands.len() + numeric.len());
    let mut names: Vec<(usize, usize)> = Vec::with_capacity(cands.len());
    for c in cands {
        let (sb, eb) = (
            toks[c.s].start_byte as usize,
            toks[c.e - 1].end_byte as usize,
        );
        let t = &text[sb..eb];
        if c.e - c.s == 1
            && MONTH_OR_DAY.contains(&t)
            && numeric.iter().any(|&(a, b, _)| a <= sb && eb <= b)
        {
            continue;
        }
        names.push((sb, eb));
        out.push(Entity {
            text: t.to_string(),
            kind: c.ty.to_string(),
            start: toks[c.s].start_char as usize,
            end: toks[c.e - 1].end_char as usize,
            canonical: c.canonical.map(String::from),
        });
    }
    for &(sb, eb, ty) in numeric {
        if names.iter().any(|&(a, b)| sb < b && a < eb) {
            continue;
        }
        let start = char_offset(text, toks, sb);
        out.push(Entity {
            text: text[sb..eb].to_string(),
            kind: ty.to_string(),
            start,
            end: start + text[sb..eb].chars().count(),
            canonical: None,
        });
    }
    out.sort_by_key(|e| (e.start, e.end));
    out
}

/// Char offset of byte offset `b` (token starts are known; else count).
fn char_offset(text: &str, toks: &[token::Token], b: usize) -> usize {
    match toks.binary_search_by_key(&(b as u32), |t| t.start_byte) {
        Ok(i) => toks[i].start_char as usize,
        Err(_) => text[..b].chars().count(),
    }
}
