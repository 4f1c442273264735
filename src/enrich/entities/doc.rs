//! Document consistency: the in-order half of the entities step.
//!
//! The tagger sees one batch of turns at a time; a transcript is read in
//! order, and what an earlier turn established holds for the later ones:
//!
//! - **a name keeps its type**: the first type a surface was given in the
//!   document is the type of its later mentions (`Georgia` stays GPE once
//!   the document has treated it as the country).
//! - **short names link to full ones**: `Lavrov` after `Sergey Lavrov`
//!   (or `Foreign Minister Lavrov` with a gazetteer that knows him) gets
//!   `canonical: "Sergey Lavrov"`; a first name (`Missy`) after
//!   `Missy Ryan` gets `Missy Ryan`.
//! - **vocatives**: `Thanks, Will.` names the person introduced earlier as
//!   `Will Mauldin` even though `Will` alone looks like a verb to the model.
//!
//! All of this is cheap (a few hash lookups per entity and one regular
//! expression per turn), so running it in order costs little throughput.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::record::Entity;

static VOCATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Thanks|Thank you(?: very much)?|Thank you so much|Hi|Hello|Yes|Okay|OK|Go ahead|Sorry|Please|Good morning|Good afternoon|Good evening),?\s+(\p{Lu}\p{Ll}+)\s*[.!?,]").unwrap()
});

/// What one document has established so far.
#[derive(Default)]
pub struct DocMemory {
    types: HashMap<String, String>,
    /// First and last words of full person names -> the full name.
    first: HashMap<String, String>,
    last: HashMap<String, String>,
}

fn is_name_type(t: &str) -> bool {
    matches!(
        t,
        "PERSON" | "ORG" | "GPE" | "LOC" | "NORP" | "EVENT" | "LAW"
    )
}

impl DocMemory {
    /// Apply and extend the document's memory on one turn's entities.
    pub fn apply(&mut self, text: &str, ents: &mut Vec<Entity>) {
        for e in ents.iter_mut() {
            if !is_name_type(&e.kind) {
                continue;
            }
            match self.types.get(&e.text) {
                Some(t) if *t != e.kind => e.kind = t.clone(),
                Some(_) => {}
                None => {
                    self.types.insert(e.text.clone(), e.kind.clone());
                }
            }
            if e.kind != "PERSON" {
                continue;
            }
            let words: Vec<&str> = e.text.split_whitespace().collect();
            if words.len() >= 2 {
                let full = e.canonical.clone().unwrap_or_else(|| e.text.clone());
                self.first.insert(words[0].to_string(), full.clone());
                self.last.insert(words[words.len() - 1].to_string(), full);
            } else if let Some(full) = self.last.get(&e.text).or_else(|| self.first.get(&e.text)) {
                e.canonical = Some(full.clone());
            }
        }
        // vocatives (most turns have no comma after a greeting: skip them fast)
        let mut added = false;
        let b = text.as_bytes();
        if memchr::memmem::find(b, b", ").is_none()
            && memchr::memmem::find(b, ",\u{a0}".as_bytes()).is_none()
        {
            return;
        }
        for m in VOCATIVE.captures_iter(text) {
            let g = m.get(1).expect("group 1");
            let name = g.as_str();
            let Some(full) = self.first.get(name).or_else(|| self.last.get(name)) else {
                continue;
            };
            let start = text[..g.start()].chars().count();
            let end = start + name.chars().count();
            if ents.iter().any(|e| e.start < end && start < e.end) {
                continue;
            }
            ents.push(Entity {
                text: name.to_string(),
                kind: "PERSON".to_string(),
                start,
                end,
                canonical: Some(full.clone()),
            });
            added = true;
        }
        if added {
            ents.sort_by_key(|e| (e.start, e.end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(text: &str, kind: &str, start: usize) -> Entity {
        Entity {
            text: text.into(),
            kind: kind.into(),
            start,
            end: start + text.chars().count(),
            canonical: None,
        }
    }

    #[test]
    fn links_short_names_and_vocatives() {
        let mut m = DocMemory::default();
        let mut a = vec![ent("Will Mauldin", "PERSON", 0), ent("Georgia", "GPE", 20)];
        m.apply("Will Mauldin of the Journal. Georgia", &mut a);
        let t = "Thanks, Will. Mauldin asked about Georgia.";
        let mut b = vec![ent("Mauldin", "PERSON", 14), ent("Georgia", "PERSON", 34)];
        m.apply(t, &mut b);
        assert_eq!(b[0].text, "Will");
        assert_eq!((b[0].start, b[0].end), (8, 12));
        assert_eq!(b[0].canonical.as_deref(), Some("Will Mauldin"));
        assert_eq!(b[1].canonical.as_deref(), Some("Will Mauldin"));
        assert_eq!(b[2].kind, "GPE", "a name keeps its first type");
    }
}
