//! Gazetteers: lists of known names, matched leftmost-longest over tokens.
//!
//! A statistical tagger trained on 1996 news has never seen `Kuleba` or
//! `JCPOA`; a list has. Lists play two parts:
//!
//! 1. **features**: every token covered by a match gets a bit for the
//!    list's category and its position in the match (B/I/L/U). The model
//!    learns how far to trust each list (a country list a lot, a
//!    subdivision list with `Centre` and `North` in it much less).
//! 2. **names**: a match in a *strong* category (see [`Cat::strong`]) is an
//!    entity even where the model missed it, gets its type from the list
//!    (`TT` is a news agency, not a place), and carries the list's
//!    `canonical` name (`AFP` -> `Agence France-Presse`).
//!
//! Files are TSV, `name<TAB>category[<TAB>canonical]`, `#` comments; the
//! built-in ones live in `config/gazetteers/` (see SOURCES.md there) and are
//! embedded in the binary; `--gazetteer FILE` adds a user's.
//!
//! Matching is one Aho-Corasick automaton, ASCII-case-insensitive and
//! leftmost-longest, over the turn text. A match counts when it starts and
//! ends on token boundaries and its case fits: as written, or with words
//! capitalised (`Minsk Agreements`), or ALL-CAPS (a shouted line); `us`
//! never matches `US`.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use super::token::Token;

/// Gazetteer categories. The discriminant is the feature bit group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Cat {
    Country = 0,
    City = 1,
    Subdivision = 2,
    Region = 3,
    Demonym = 4,
    Org = 5,
    Media = 6,
    Law = 7,
    Event = 8,
    Person = 9,
    FirstName = 10,
    Company = 11,
    Title = 12,
    Surname = 13,
}

pub const NCATS: usize = 14;

impl Cat {
    pub fn parse(s: &str) -> Option<Cat> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "country" => Cat::Country,
            "city" | "capital" => Cat::City,
            "subdivision" | "state" | "province" => Cat::Subdivision,
            "region" | "loc" | "location" => Cat::Region,
            "demonym" | "norp" => Cat::Demonym,
            "org" | "organization" | "organisation" => Cat::Org,
            "media" | "news" => Cat::Media,
            "law" | "treaty" | "agreement" => Cat::Law,
            "event" => Cat::Event,
            "person" | "per" => Cat::Person,
            "firstname" | "first_name" => Cat::FirstName,
            "company" => Cat::Company,
            "title" => Cat::Title,
            "surname" | "last_name" | "lastname" => Cat::Surname,
            "gpe" => Cat::Country,
            _ => return None,
        })
    }

    fn from_index(i: u8) -> Cat {
        [
            Cat::Country,
            Cat::City,
            Cat::Subdivision,
            Cat::Region,
            Cat::Demonym,
            Cat::Org,
            Cat::Media,
            Cat::Law,
            Cat::Event,
            Cat::Person,
            Cat::FirstName,
            Cat::Company,
            Cat::Title,
            Cat::Surname,
        ][i as usize]
    }

    /// The entity type a match of this category is, when it is a name by itself.
    pub fn entity_type(self) -> Option<&'static str> {
        Some(match self {
            Cat::Country | Cat::City | Cat::Subdivision => "GPE",
            Cat::Region => "LOC",
            Cat::Demonym => "NORP",
            Cat::Org | Cat::Media | Cat::Company => "ORG",
            Cat::Law => "LAW",
            Cat::Event => "EVENT",
            Cat::Person => "PERSON",
            Cat::FirstName | Cat::Title | Cat::Surname => return None,
        })
    }

    /// Categories whose matches are entities even when the model says O.
    pub fn strong(self) -> bool {
        matches!(
            self,
            Cat::Country
                | Cat::City
                | Cat::Region
                | Cat::Demonym
                | Cat::Org
                | Cat::Media
                | Cat::Law
                | Cat::Event
                | Cat::Person
        )
    }
}

/// One distinct name.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: Box<str>,
    /// Bit set of [`Cat`]s.
    pub cats: u16,
    /// The first category given (decides the type when several apply).
    pub primary: Cat,
    pub canonical: Option<Box<str>>,
}

impl Entry {
    pub fn has(&self, c: Cat) -> bool {
        self.cats & (1 << c as u8) != 0
    }
}

/// A match over tokens `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
}

pub struct Gazetteer {
    /// Last word of a known person's full name -> the canonical full name
    /// (None when two people share it).
    pub surnames: std::collections::HashMap<Box<str>, Option<Box<str>>>,
    /// Multi-word names (and names with odd characters), matched anchored.
    ac: AhoCorasick,
    /// Pattern id -> entry index.
    pat_entry: Vec<u32>,
    /// One-word names by ASCII-case-folded key: most entries (first names,
    /// surnames, places) are one word, and a hash lookup per capitalised
    /// token finds them without making the automaton four times larger
    /// (its construction dominated start-up).
    words: std::collections::HashMap<u64, Vec<u32>, super::features::PassThrough>,
    pub entries: Vec<Entry>,
}

/// The built-in lists, embedded.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "countries.tsv",
        include_str!("../../../config/gazetteers/countries.tsv"),
    ),
    (
        "places.tsv",
        include_str!("../../../config/gazetteers/places.tsv"),
    ),
    (
        "subdivisions.tsv",
        include_str!("../../../config/gazetteers/subdivisions.tsv"),
    ),
    (
        "organisations.tsv",
        include_str!("../../../config/gazetteers/organisations.tsv"),
    ),
    (
        "media.tsv",
        include_str!("../../../config/gazetteers/media.tsv"),
    ),
    (
        "laws_events.tsv",
        include_str!("../../../config/gazetteers/laws_events.tsv"),
    ),
    (
        "people.tsv",
        include_str!("../../../config/gazetteers/people.tsv"),
    ),
    (
        "first_names.tsv",
        include_str!("../../../config/gazetteers/first_names.tsv"),
    ),
];

impl Gazetteer {
    /// The built-in lists plus `extra` files' contents `(name, text)`.
    pub fn load(extra: &[(String, String)]) -> Result<Gazetteer, String> {
        let mut b = Builder::default();
        for (name, text) in BUILTIN {
            b.add_tsv(name, text)?;
        }
        for (name, text) in extra {
            b.add_tsv(name, text)?;
        }
        b.build()
    }

    /// Leftmost-longest matches aligned to tokens, into `out`.
    ///
    /// The automaton runs anchored at the start of each token that begins
    /// with a capital letter or a digit (every listed name does, bar a few
    /// like `al-Qaeda` that are then found only capitalised), not over every
    /// byte: in prose that is one search per six or seven tokens.
    pub fn find(&self, text: &str, toks: &[Token], out: &mut Vec<Hit>) {
        out.clear();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let sb = t.start_byte as usize;
            let c = bytes[sb];
            let cand = c.is_ascii_uppercase()
                || c.is_ascii_digit()
                || (c >= 0x80 && text[sb..].chars().next().is_some_and(char::is_uppercase));
            if !cand {
                i += 1;
                continue;
            }
            let input = Input::new(text)
                .span(sb..text.len())
                .anchored(Anchored::Yes);
            if let Some(m) = self.ac.find(input) {
                let e = m.end() as u32;
                let mut j = i;
                while j < toks.len() && toks[j].end_byte < e {
                    j += 1;
                }
                let entry = self.pat_entry[m.pattern().as_usize()];
                if j < toks.len()
                    && toks[j].end_byte == e
                    && case_ok(&self.entries[entry as usize].name, &text[sb..e as usize])
                {
                    out.push(Hit {
                        start: i,
                        end: j + 1,
                        entry,
                    });
                    i = j + 1;
                    continue;
                }
            }
            if let Some(entry) = self.word(t.text(text)) {
                out.push(Hit {
                    start: i,
                    end: i + 1,
                    entry,
                });
            }
            i += 1;
        }
    }

    /// Feature bits per token (`bits` has one slot per token, zeroed).
    pub fn mark(&self, text: &str, toks: &[Token], bits: &mut [u64]) {
        let mut hits = Vec::new();
        self.find(text, toks, &mut hits);
        self.mark_hits(&hits, bits);
    }

    /// Feature bits of found hits.
    pub fn mark_hits(&self, hits: &[Hit], bits: &mut [u64]) {
        for h in hits {
            let cats = self.entries[h.entry as usize].cats;
            for c in 0..NCATS as u8 {
                if cats & (1 << c) == 0 {
                    continue;
                }
                let base = 4 * c as u64;
                if h.end - h.start == 1 {
                    bits[h.start] |= 1 << (base + 3);
                } else {
                    bits[h.start] |= 1 << base;
                    for b in &mut bits[h.start + 1..h.end - 1] {
                        *b |= 1 << (base + 1);
                    }
                    bits[h.end - 1] |= 1 << (base + 2);
                }
            }
        }
    }

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// A one-word entry whose case fits `w` (exact spelling first).
    fn word(&self, w: &str) -> Option<u32> {
        let ids = self.words.get(&fold_key(w))?;
        ids.iter()
            .copied()
            .find(|&i| *self.entries[i as usize].name == *w)
            .or_else(|| {
                ids.iter()
                    .copied()
                    .find(|&i| case_ok(&self.entries[i as usize].name, w))
            })
    }

    /// Look a name up exactly (for canonical names of model-found entities).
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        if let Some(ids) = self.words.get(&fold_key(name)) {
            if let Some(&i) = ids
                .iter()
                .find(|&&i| *self.entries[i as usize].name == *name)
            {
                return Some(&self.entries[i as usize]);
            }
        }
        let m = self.ac.find(Input::new(name).anchored(Anchored::Yes))?;
        if m.start() != 0 || m.end() != name.len() {
            return None;
        }
        let e = &self.entries[self.pat_entry[m.pattern().as_usize()] as usize];
        (&*e.name == name).then_some(e)
    }

    pub fn primary_cat(e: &Entry) -> Cat {
        e.primary
    }

    pub fn cats_of(e: &Entry) -> impl Iterator<Item = Cat> + '_ {
        (0..NCATS as u8)
            .filter(move |c| e.cats & (1 << c) != 0)
            .map(Cat::from_index)
    }
}

/// A name the tokenizer keeps as one token: letters and digits, inner
/// hyphens and periods (`Guinea-Bissau`, `U.S.`).
fn one_word(name: &str) -> bool {
    let mut toks = Vec::new();
    super::token::tokenize(name, &mut toks);
    toks.len() == 1 && toks[0].text(name) == name
}

/// ASCII-case-folded hash of a word (the automaton's case rule).
fn fold_key(w: &str) -> u64 {
    w.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b.to_ascii_lowercase() as u64).wrapping_mul(0x100000001b3)
    }) | 1
}

/// Does the text's case fit the pattern's? Exact, capitalised words, or ALL-CAPS.
fn case_ok(pat: &str, text: &str) -> bool {
    if pat == text {
        return true;
    }
    if !text.chars().any(char::is_lowercase)
        && text.chars().filter(|c| c.is_uppercase()).count() >= 2
    {
        return true;
    }
    let mut word_start = true;
    for (p, t) in pat.chars().zip(text.chars()) {
        if p != t && !(word_start && p.is_lowercase() && p.to_uppercase().eq(std::iter::once(t))) {
            return false;
        }
        word_start = !p.is_alphanumeric();
    }
    true
}

#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    by_name: std::collections::HashMap<Box<str>, u32>,
}

impl Builder {
    fn add_tsv(&mut self, file: &str, text: &str) -> Result<(), String> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("").trim();
            let cat = cols.next().unwrap_or("");
            let canon = cols.next().map(str::trim).filter(|c| !c.is_empty());
            let Some(cat) = Cat::parse(cat) else {
                return Err(format!("{file}:{}: unknown category `{cat}`", n + 1));
            };
            if name.is_empty() {
                continue;
            }
            self.add(name, cat, canon);
            if name.contains('\'') {
                self.add(&name.replace('\'', "’"), cat, canon);
            }
        }
        Ok(())
    }

    fn add(&mut self, name: &str, cat: Cat, canon: Option<&str>) {
        if let Some(&i) = self.by_name.get(name) {
            let e = &mut self.entries[i as usize];
            e.cats |= 1 << cat as u8;
            if e.canonical.is_none() {
                e.canonical = canon.map(Into::into);
            }
            return;
        }
        self.by_name.insert(name.into(), self.entries.len() as u32);
        self.entries.push(Entry {
            name: name.into(),
            cats: 1 << cat as u8,
            primary: cat,
            canonical: canon.map(Into::into),
        });
    }

    fn build(self) -> Result<Gazetteer, String> {
        let mut words: std::collections::HashMap<u64, Vec<u32>, super::features::PassThrough> =
            Default::default();
        let mut pats: Vec<&str> = Vec::new();
        let mut pat_entry = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if one_word(&e.name) {
                words.entry(fold_key(&e.name)).or_default().push(i as u32);
            } else {
                pats.push(&e.name);
                pat_entry.push(i as u32);
            }
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&pats)
            .map_err(|e| format!("gazetteer: {e}"))?;
        let mut surnames: std::collections::HashMap<Box<str>, Option<Box<str>>> =
            std::collections::HashMap::new();
        for e in &self.entries {
            if !e.has(Cat::Person) {
                continue;
            }
            let full = e.canonical.as_deref().unwrap_or(&e.name);
            let Some((_, last)) = full.rsplit_once(' ') else {
                continue;
            };
            if last.ends_with('.') || !last.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            surnames
                .entry(last.into())
                .and_modify(|v| {
                    if v.as_deref() != Some(full) {
                        *v = None;
                    }
                })
                .or_insert_with(|| Some(full.into()));
        }
        Ok(Gazetteer {
            surnames,
            ac,
            pat_entry,
            words,
            entries: self.entries,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::entities::token::tokenize;

    fn small() -> Gazetteer {
        let mut b = Builder::default();
        b.add_tsv(
            "t",
            "Minsk\tcity\nMinsk agreements\tlaw\nAFP\tmedia\tAgence France-Presse\nUS\tcountry\tUnited States\n",
        )
        .unwrap();
        b.build().unwrap()
    }

    #[test]
    fn leftmost_longest_on_tokens_with_case() {
        let g = small();
        let text = "the Minsk agreements, the MINSK AGREEMENTS, us and US, AFP's view, AFPX";
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let mut hits = Vec::new();
        g.find(text, &toks, &mut hits);
        let names: Vec<&str> = hits
            .iter()
            .map(|h| &text[toks[h.start].start_byte as usize..toks[h.end - 1].end_byte as usize])
            .collect();
        assert_eq!(
            names,
            vec!["Minsk agreements", "MINSK AGREEMENTS", "US", "AFP"]
        );
        assert_eq!(
            g.lookup("AFP").unwrap().canonical.as_deref(),
            Some("Agence France-Presse")
        );
        assert!(g.lookup("AF").is_none());
    }
}
