//! Entity tagger: training on a tiny sample, the shipped model, the seed
//! briefing's tricky cases, and the CoNLL dev ratchet (when ../shared is there).

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use turnstream::config::Rules;
use turnstream::enrich::entities::{self, conll, model::Model};
use turnstream::enrich::{Enricher, Steps};
use turnstream::record::{Format, Record};

/// A made-up CoNLL sample (no CoNLL text may be copied into the project).
const TINY: &str = "\
-DOCSTART- -X- O O

Maria NNP B-NP I-PER
Kovacs NNP I-NP I-PER
visited VBD B-VP O
Lisbon NNP B-NP I-LOC
with IN B-PP O
Acme NNP B-NP I-ORG
Holdings NNP I-NP I-ORG
. . O O

Kovacs NNP B-NP I-PER
praised VBD B-VP O
Lisbon NNP B-NP I-LOC
and CC O O
the DT B-NP O
Norwegian JJ I-NP I-MISC
team NN I-NP O
. . O O
";

#[test]
fn trains_on_a_tiny_sample_and_round_trips() {
    let docs = conll::parse(TINY);
    assert_eq!(docs.len(), 1);
    let opts = conll::TrainOptions {
        epochs: 8,
        min_abs: 0.0,
        ..conll::TrainOptions::default()
    };
    let model = conll::train(&docs, &docs, None, &opts, |_| {});
    let bytes = model.to_bytes();
    let back = Model::from_bytes(&bytes).expect("round trip");
    assert_eq!(back.len(), model.len());
    let tagger = entities::tagger::Tagger::new(back);
    let prf = conll::evaluate(&tagger, &docs, None);
    assert_eq!(prf.gold, 6);
    assert_eq!(
        prf.correct, 6,
        "finds every name it was trained on: {prf:?}"
    );
    assert!(prf.pred <= 7, "{prf:?}");
    // and the output format: IOB2 tag appended to each line
    let mut s = entities::tagger::Scratch::default();
    let tags: Vec<Vec<u8>> = docs
        .iter()
        .map(|d| {
            tagger.tag(&d.text, &d.toks, None, &mut s);
            s.tags.clone()
        })
        .collect();
    let mut out = Vec::new();
    conll::write_tagged(TINY, &docs, &tags, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("Maria NNP B-NP I-PER B-PER\nKovacs NNP I-NP I-PER I-PER\n"),
        "{out}"
    );
    assert!(out.contains("Holdings NNP I-NP I-ORG I-ORG\n"), "{out}");
    assert!(out.contains("-DOCSTART- -X- O O O\n"));
}

#[test]
fn shipped_model_loads_fast() {
    let t = Instant::now();
    let res = entities::Resources::load(None, &[]).expect("built-in model and gazetteers");
    let ms = t.elapsed().as_millis();
    assert!(res.tagger.model.len() > 10_000);
    assert!(res.tagger.history);
    // release builds load in well under 50 ms; debug builds are slower
    assert!(ms < 2000, "loading took {ms} ms");
}

fn enrich(text: &str) -> Vec<Record> {
    let rules = Arc::new(Rules::default_rules());
    let e = Enricher::load(rules, Steps::all(), &[]).unwrap();
    let src: Arc<str> = Arc::from("seed.txt");
    let mut recs: Vec<Record> = turnstream::segment_str(text)
        .into_iter()
        .enumerate()
        .map(|(i, t)| Record::from_turn(t, &src, i as u64, Format::Text))
        .collect();
    e.map(&mut recs);
    let mut doc = e.doc_state();
    doc.post(&mut recs);
    recs
}

fn find<'a>(recs: &'a [Record], text: &str) -> Vec<&'a turnstream::record::Entity> {
    recs.iter()
        .flat_map(|r| r.entities.iter().flatten())
        .filter(|e| e.text == text)
        .collect()
}

#[test]
fn seed_briefing_tricky_cases() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/blinken-stockholm-2021-12-02.txt"),
    )
    .unwrap();
    let recs = enrich(&text);
    let has = |t: &str, ty: &str| {
        let f = find(&recs, t);
        assert!(!f.is_empty(), "{t} not found");
        assert!(f.iter().all(|e| e.kind == ty), "{t}: {:?}", f);
        f[0].canonical.clone()
    };
    assert_eq!(
        has("JCPOA", "LAW").as_deref(),
        Some("Joint Comprehensive Plan of Action")
    );
    has("Minsk agreements", "LAW");
    has("Helsinki Final Act", "LAW");
    has("Summit for Democracy", "EVENT");
    has("Pontus Ahlkvist", "PERSON");
    assert_eq!(has("TT", "ORG").as_deref(), Some("TT News Agency"));
    assert_eq!(has("AFP", "ORG").as_deref(), Some("Agence France-Presse"));
    assert_eq!(
        has("OSCE", "ORG").as_deref(),
        Some("Organization for Security and Co-operation in Europe")
    );
    // titles stay outside the span; the gazetteer gives the full name
    assert_eq!(has("Kuleba", "PERSON").as_deref(), Some("Dmytro Kuleba"));
    assert_eq!(has("Lavrov", "PERSON").as_deref(), Some("Sergey Lavrov"));
    assert_eq!(has("Bennett", "PERSON").as_deref(), Some("Naftali Bennett"));
    assert_eq!(has("Biden", "PERSON").as_deref(), Some("Joe Biden"));
    assert!(find(&recs, "Foreign Minister Kuleba").is_empty());
    // vocatives link to the person introduced earlier
    assert_eq!(has("Will", "PERSON").as_deref(), Some("Will Mauldin"));
    assert_eq!(has("Missy", "PERSON").as_deref(), Some("Missy Ryan"));
    has("Swedes", "NORP");
    has("Europe", "LOC");
    has("Stockholm", "GPE");
    // no entity inside a speaker label; offsets are chars into `text`
    for r in &recs {
        let chars: Vec<char> = r.text.chars().collect();
        for e in r.entities.iter().flatten() {
            let s: String = chars[e.start..e.end].iter().collect();
            assert_eq!(s, e.text);
        }
        assert!(
            !r.entities
                .iter()
                .flatten()
                .any(|e| e.text == "BLINKEN" || e.text == "PRICE")
        );
    }
}

#[test]
fn all_caps_lines_and_no_model_when_off() {
    let recs =
        enrich("MODERATOR: PRESIDENT BIDEN MET FOREIGN MINISTER LAVROV IN GENEVA ON MONDAY.\n");
    let names: Vec<(&str, &str)> = recs
        .iter()
        .flat_map(|r| r.entities.iter().flatten())
        .map(|e| (e.text.as_str(), e.kind.as_str()))
        .collect();
    assert!(names.contains(&("GENEVA", "GPE")), "{names:?}");
    assert!(names.contains(&("LAVROV", "PERSON")), "{names:?}");
    assert!(names.contains(&("BIDEN", "PERSON")), "{names:?}");
    assert!(names.contains(&("MONDAY", "DATE")), "{names:?}");
    // --enrich none: no resources, no entities field
    let e = Enricher::load(Arc::new(Rules::default_rules()), Steps::none(), &[]).unwrap();
    let src: Arc<str> = Arc::from("x");
    let mut recs: Vec<Record> = turnstream::segment_str("A: Hello Paris.\n")
        .into_iter()
        .map(|t| Record::from_turn(t, &src, 0, Format::Text))
        .collect();
    e.map(&mut recs);
    assert!(recs[0].entities.is_none());
}

#[test]
fn user_gazetteer_adds_names() {
    let rules = Arc::new(Rules::default_rules());
    let extra = vec![(
        "mine.tsv".to_string(),
        "Zorblat Industries\torg\tZorblat Industries Ltd\n".to_string(),
    )];
    let e = Enricher::load(rules, Steps::all(), &extra).unwrap();
    let src: Arc<str> = Arc::from("x");
    let mut recs: Vec<Record> =
        turnstream::segment_str("A: we met zorblat and Zorblat Industries today.\n")
            .into_iter()
            .map(|t| Record::from_turn(t, &src, 0, Format::Text))
            .collect();
    e.map(&mut recs);
    let ents = recs[0].entities.as_ref().unwrap();
    let z = ents
        .iter()
        .find(|e| e.text == "Zorblat Industries")
        .expect("listed name");
    assert_eq!(z.kind, "ORG");
    assert_eq!(z.canonical.as_deref(), Some("Zorblat Industries Ltd"));
}

/// The CI ratchet: CoNLL-2003 dev F1 of the shipped model (exact spans,
/// conlleval semantics). Skipped when ../shared is not there.
#[test]
fn conll_dev_f1_ratchet() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ner/conll2003/eng.testa");
    let Ok(input) = std::fs::read_to_string(&p) else {
        eprintln!("skipped: {} not found", p.display());
        return;
    };
    let res = entities::Resources::load(None, &[]).unwrap();
    let docs = conll::parse(&input);
    let prf = conll::evaluate(&res.tagger, &docs, Some(&res.gazetteer));
    assert!(
        prf.f1() >= 0.90,
        "CoNLL dev F1 {:.4} fell below 0.90",
        prf.f1()
    );
}
