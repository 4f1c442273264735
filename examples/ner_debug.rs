use std::io::Read;
use turnstream::enrich::entities::{self, model, token};
fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).unwrap();
    let res = entities::Resources::load(None, &[]).unwrap();
    let mut toks = Vec::new();
    token::tokenize(&text, &mut toks);
    let mut s = entities::tagger::Scratch::default();
    res.tagger.tag(&text, &toks, Some(&res.gazetteer), &mut s);
    for (t, (y, inf)) in toks.iter().zip(s.tags.iter().zip(&s.infos)) {
        let c = model::tag_class(*y).map_or("O".to_string(), |c| format!("{}-{}", ["B","I","L","U"][model::tag_pos(*y) as usize], model::CLASSES[c]));
        println!("{}\t{}\t{}\t{}", t.text(&text), c, inf.active, inf.gaz);
    }
}
