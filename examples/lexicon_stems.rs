//! Curating the topic lexicon: which frequent words of real text fire which
//! single-word lexicon entries, after stemming.
//!
//! Matching is on Snowball stems, so an entry also fires on every word with
//! the same stem; sometimes that is a common word of speech ("wellness" and
//! "well", "customs" and "customers", "reporters" and "report"). Run this over
//! transcripts and read the top of the list: entries that fire on the wrong
//! word go into `scripts/topics/lexicon/99-drop.txt`.
//!
//! `cargo run --release --example lexicon_stems -- ../shared/corpus/*/docs/*`

use std::collections::HashMap;
use turnstream::enrich::topics::TopicFile;
use turnstream::enrich::topics::token::{lower_into, phrase_stems, stemmer, tokens};
fn main() {
    // stem -> (topic, phrase, weight) of the built-in single-word entries
    let f = TopicFile::builtin();
    let mut lex: HashMap<String, Vec<(String, String, f64)>> = HashMap::new();
    for t in &f.topics {
        for (p, w) in &t.phrases {
            let s = phrase_stems(p);
            if s.len() == 1 {
                lex.entry(s[0].clone()).or_default().push((
                    t.label.chars().take(14).collect(),
                    p.clone(),
                    *w,
                ));
            }
        }
    }
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut buf = String::new();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for t in tokens(&text) {
            lower_into(&text[t.start..t.end], &mut buf);
            *counts.entry(buf.clone()).or_default() += 1;
        }
    }
    let mut v: Vec<(u64, String)> = counts.into_iter().map(|(k, c)| (c, k)).collect();
    v.sort_by(|a, b| b.cmp(a));
    let mut shown = 0;
    for (c, w) in v {
        let st = stemmer().stem(&w).into_owned();
        if let Some(es) = lex.get(&st) {
            let es: Vec<String> = es.iter().map(|(t, p, w)| format!("{t}:{p}={w}")).collect();
            println!("{c:7} {w:15} {}", es.join(" | "));
            shown += 1;
            if shown > 150 {
                break;
            }
        }
    }
}
