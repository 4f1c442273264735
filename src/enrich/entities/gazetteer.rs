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
    /// GeoNames cities and US state codes: a feature only (weak), since
    /// many are also words or surnames (`Reading`, `Split`, `OR`).
    Place = 14,
    /// WordNet instance names by lexicographer file: people, groups
    /// (organisations, bands, teams), locations. Features only.
    WnPerson = 15,
    WnOrg = 16,
    WnLoc = 17,
    /// A capitalised word whose lower-case form is a common English word
    /// (`Yellow`, `HEALTH`): not a list of names but evidence against one,
    /// for words training never saw. Marked by [`Gazetteer::mark_common`].
    Common = 18,
}

pub const NCATS: usize = 19;

/// Feature bits of one token: bit `4 * cat + pos` (pos 0 begin, 1 inside,
/// 2 last, 3 unit).
pub type GazBits = u128;

impl Cat {
    pub fn parse(s: &str) -> Option<Cat> {
        let s = s.trim();
        let mut buf = [0u8; 16];
        if s.len() > buf.len() {
            return None;
        }
        // lower-cased on the stack: this runs once per list line at start-up
        for (d, c) in buf.iter_mut().zip(s.bytes()) {
            *d = c.to_ascii_lowercase();
        }
        Some(match std::str::from_utf8(&buf[..s.len()]).unwrap_or("") {
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
            "place" => Cat::Place,
            "wn_person" => Cat::WnPerson,
            "wn_org" => Cat::WnOrg,
            "wn_loc" => Cat::WnLoc,
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
            Cat::Place,
            Cat::WnPerson,
            Cat::WnOrg,
            Cat::WnLoc,
            Cat::Common,
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
            Cat::FirstName
            | Cat::Title
            | Cat::Surname
            | Cat::Place
            | Cat::WnPerson
            | Cat::WnOrg
            | Cat::WnLoc
            | Cat::Common => return None,
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
    pub cats: u32,
    /// The first category given (decides the type when several apply).
    pub primary: Cat,
    pub canonical: Option<Box<str>>,
}

impl Entry {
    pub fn has(&self, c: Cat) -> bool {
        self.cats & (1 << c as u8) != 0
    }

    /// Listed as something other than a person's name, by a list that is
    /// more than a feature (a GeoNames town called `Jackson` or a WordNet
    /// place called `Pontus` does not stop `President Jackson` or `Pontus
    /// Ahlkvist` from being people).
    pub fn listed_not_person(&self) -> bool {
        let not = [
            Cat::Person,
            Cat::FirstName,
            Cat::Surname,
            Cat::Place,
            Cat::WnPerson,
            Cat::WnOrg,
            Cat::WnLoc,
            Cat::Common,
        ]
        .iter()
        .fold(0u32, |m, c| m | 1 << *c as u8);
        self.cats & !not != 0
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
    /// Multi-word names (and names the tokenizer splits) by the folded key
    /// of their first token, longest first. A hash look-up per capitalised
    /// token; building it is a pass over the lists (an Aho-Corasick
    /// automaton over 40,000 names took 300 ms to build at start-up).
    multi: Index,
    /// Every name as written -> entry (exact look-ups).
    by_name: ByName,
    /// One-word names by ASCII-case-folded key: most entries (first names,
    /// surnames, places) are one word, and a hash lookup per capitalised
    /// token finds them without making the automaton four times larger
    /// (its construction dominated start-up).
    words: Index,
    pub entries: Vec<Entry>,
    /// Folded keys of common lower-case English words.
    common: std::collections::HashSet<u64, super::features::PassThrough>,
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
    (
        "geonames.tsv",
        include_str!("../../../config/gazetteers/geonames.tsv"),
    ),
    (
        "wordnet.tsv",
        include_str!("../../../config/gazetteers/wordnet.tsv"),
    ),
];

/// Common lower-case English words, one a line (see [`Cat::Common`]).
pub const COMMON_WORDS: &str = include_str!("../../../config/gazetteers/common_words.txt");

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

    /// Longest matches aligned to tokens, left to right, into `out`.
    ///
    /// Only tokens that begin with a capital letter or a digit are tried
    /// (every listed name does, bar a few like `al-Qaeda` that are then
    /// found only capitalised): in prose that is one look-up per six or seven
    /// tokens. A multi-word name is looked up by its first word, and the
    /// longest of that word's names that the text continues with (ASCII case
    /// folded, ending on a token boundary, case rule kept) wins.
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
            if let Some(ids) = self.multi.get(fold_key(t.text(text))) {
                let found = ids.iter().find_map(|&entry| {
                    let name = &*self.entries[entry as usize].name;
                    let e = sb + name.len();
                    let span = bytes.get(sb..e)?;
                    if !span.eq_ignore_ascii_case(name.as_bytes()) {
                        return None;
                    }
                    let j = i + toks[i..].iter().position(|t| t.end_byte as usize >= e)?;
                    (toks[j].end_byte as usize == e && case_ok(name, &text[sb..e]))
                        .then_some((j, entry))
                });
                if let Some((j, entry)) = found {
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
    pub fn mark(&self, text: &str, toks: &[Token], bits: &mut [GazBits]) {
        let mut hits = Vec::new();
        self.find(text, toks, &mut hits);
        self.mark_hits(&hits, bits);
        self.mark_common(text, toks, bits);
    }

    /// The [`Cat::Common`] bit on capitalised and ALL-CAPS tokens whose
    /// lower-case form is a common word. Lower-case tokens need no bit:
    /// their case already says they are not names.
    pub fn mark_common(&self, text: &str, toks: &[Token], bits: &mut [GazBits]) {
        let bytes = text.as_bytes();
        const UNIT: GazBits = 1 << (4 * Cat::Common as u32 + 3);
        for (t, b) in toks.iter().zip(bits.iter_mut()) {
            if bytes[t.start_byte as usize].is_ascii_uppercase()
                && self.common.contains(&fold_key(t.text(text)))
            {
                *b |= UNIT;
            }
        }
    }

    /// Feature bits of found hits.
    pub fn mark_hits(&self, hits: &[Hit], bits: &mut [GazBits]) {
        for h in hits {
            let cats = self.entries[h.entry as usize].cats;
            for c in 0..NCATS as u8 {
                if cats & (1 << c) == 0 {
                    continue;
                }
                let base = 4 * c as u32;
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
        let ids = self.words.get(fold_key(w))?;
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
        let i = self.by_name.slot(name, &self.entries).ok()?;
        Some(&self.entries[i as usize])
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

/// Key -> entry ids, as ranges of one flat array (no allocation per key:
/// with 70,000 names, a `Vec` per key was most of the start-up time).
struct Index {
    ranges: std::collections::HashMap<u64, (u32, u32), super::features::PassThrough>,
    ids: Vec<u32>,
}

impl Index {
    /// From `(key, rank, id)`: each key's ids in rank order.
    fn new(mut v: Vec<(u64, u32, u32)>) -> Index {
        v.sort_unstable();
        let mut ranges =
            std::collections::HashMap::with_capacity_and_hasher(v.len(), Default::default());
        let mut a = 0;
        while a < v.len() {
            let mut b = a + 1;
            while b < v.len() && v[b].0 == v[a].0 {
                b += 1;
            }
            ranges.insert(v[a].0, (a as u32, b as u32));
            a = b;
        }
        Index {
            ranges,
            ids: v.into_iter().map(|x| x.2).collect(),
        }
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&[u32]> {
        let &(a, b) = self.ranges.get(&key)?;
        Some(&self.ids[a as usize..b as usize])
    }
}

#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    by_name: ByName,
}

/// Exact name -> entry, keyed by a 64-bit hash of the name (no copy of the
/// name as a key); the rare colliding name probes on to the next key.
#[derive(Default)]
struct ByName {
    map: std::collections::HashMap<u64, u32, super::features::PassThrough>,
}

impl ByName {
    /// `Ok(entry)` if `name` is there, else `Err(free key)` to insert it at.
    fn slot(&self, name: &str, entries: &[Entry]) -> Result<u32, u64> {
        let mut key = super::features::word_hash_exact(name);
        loop {
            match self.map.get(&key) {
                Some(&i) if *entries[i as usize].name == *name => return Ok(i),
                Some(_) => key = super::features::mix(key, 1),
                None => return Err(key),
            }
        }
    }
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
        let slot = self.by_name.slot(name, &self.entries);
        if let Ok(i) = slot {
            let e = &mut self.entries[i as usize];
            e.cats |= 1 << cat as u8;
            if e.canonical.is_none() {
                e.canonical = canon.map(Into::into);
            }
            return;
        }
        if let Err(key) = slot {
            self.by_name.map.insert(key, self.entries.len() as u32);
        }
        self.entries.push(Entry {
            name: name.into(),
            cats: 1 << cat as u8,
            primary: cat,
            canonical: canon.map(Into::into),
        });
    }

    fn build(self) -> Result<Gazetteer, String> {
        let mut words = Vec::new();
        let mut multi = Vec::new();
        let mut toks = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            // most names are one plain word: no need to tokenize those
            if e.name.chars().all(char::is_alphanumeric) {
                words.push((fold_key(&e.name), 0, i as u32));
                continue;
            }
            super::token::tokenize(&e.name, &mut toks);
            let Some(first) = toks.first() else { continue };
            if toks.len() == 1 && first.text(&e.name) == &*e.name {
                words.push((fold_key(&e.name), 0, i as u32));
            } else {
                // longest first, then list order: the first fit is the longest
                let rank = u32::MAX - e.name.len() as u32;
                multi.push((fold_key(first.text(&e.name)), rank, i as u32));
            }
        }
        let (words, multi) = (Index::new(words), Index::new(multi));
        let mut common = std::collections::HashSet::with_capacity_and_hasher(
            COMMON_WORDS.len() / 8,
            Default::default(),
        );
        common.extend(
            COMMON_WORDS
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(fold_key),
        );
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
            multi,
            by_name: self.by_name,
            common,
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
