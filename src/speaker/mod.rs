//! Who is speaking: names, titles, roles, affiliations.
//!
//! A label says how a transcript writes a speaker; this stage works out who
//! it is, filling `speaker.name`, `title`, `role`, `affiliation`,
//! `constituency` and `attribution` (how the name was found):
//!
//! - `label`: from the label itself (`SECRETARY BLINKEN` -> Secretary Blinken,
//!   an official; earnings headers; Hansard labels), see [`label`];
//! - `introduced`: a moderator, host, chair or operator introduced the next
//!   anonymous speaker (`QUESTION`, `Q`, `Analyst`), see [`intro`]; a
//!   follow-up by the same questioner keeps the name until the moderator
//!   speaks again;
//! - `document`: the document said it elsewhere: a full label teaches the
//!   short one (`The Chair` after `The Chair (Hon. Anthony Rota (...))`), a
//!   self-introduction (`I'm Lester Holt`), a court heading (`CROSS
//!   EXAMINATION BY MR. BLANCHE:` for the `Q` turns, the witness named in
//!   `GARY FARRO, called as a witness` for the `A` turns), a vocative in the
//!   answer (`Thanks, Will.`) for a question no one introduced;
//! - `registry`: `config/speakers.toml` or `--speakers FILE`.
//!
//! It runs in input order, per document, between segmentation and
//! enrichment, because it needs the turns before. It holds back one record so
//! that the next one can still correct it (the turn that introduced someone
//! becomes the moderator's; an answer's vocative names the question before
//! it). Anonymous labels in a row stay separate and get no invented identity.

pub mod intro;
pub mod label;
pub mod registry;
pub mod roster;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::config::SpeakersConfig;
use crate::record::{Kind, Record};
use label::{LabelInfo, norm, parse_label};
use registry::Registry;

/// The compiled `[speakers]` vocabularies.
#[derive(Debug, Clone)]
pub struct SpeakerRules {
    pub anonymous: HashMap<String, String>,
    pub numbered: HashMap<String, String>,
    /// (title words, role), longest first.
    pub titles: Vec<(Vec<String>, String)>,
    pub honorifics: HashSet<String>,
    pub post_nominals: HashMap<String, String>,
    pub executive_words: HashSet<String>,
}

impl SpeakerRules {
    pub fn new(cfg: &SpeakersConfig) -> SpeakerRules {
        let mut anonymous = HashMap::new();
        for group in &cfg.anonymous {
            for l in &group.labels {
                anonymous.insert(norm(l), group.role.clone());
            }
        }
        let mut titles: Vec<(Vec<String>, String)> = cfg
            .titles
            .iter()
            .map(|t| {
                (
                    norm(&t.words).split(' ').map(str::to_string).collect(),
                    t.role.clone(),
                )
            })
            .collect();
        titles.sort_by_key(|t| std::cmp::Reverse(t.0.len()));
        SpeakerRules {
            anonymous,
            numbered: cfg
                .numbered
                .iter()
                .map(|(k, v)| (norm(k), v.clone()))
                .collect(),
            titles,
            honorifics: cfg.honorifics.iter().map(|h| norm(h)).collect(),
            post_nominals: cfg
                .post_nominals
                .iter()
                .map(|(k, v)| (norm(k), v.clone()))
                .collect(),
            executive_words: cfg.executive_words.iter().map(|w| norm(w)).collect(),
        }
    }

    pub fn default_rules() -> SpeakerRules {
        SpeakerRules::new(&crate::config::Config::default_config().speakers)
    }
}

/// What the document taught about a label's person.
#[derive(Debug, Clone, Default)]
struct Known {
    name: Arc<str>,
    title: Option<Arc<str>>,
    role: Option<Arc<str>>,
    affiliation: Option<Arc<str>>,
    constituency: Option<Arc<str>>,
    /// The label (its index in `Attributor::labels`) that taught it: a label
    /// that teaches again on its next turn changes nothing.
    by: u32,
}

/// A label's fields as shared strings, made once per distinct label.
#[derive(Debug, Default)]
struct Fields {
    name: Option<Arc<str>>,
    title: Option<Arc<str>>,
    role: Option<Arc<str>>,
    affiliation: Option<Arc<str>>,
    constituency: Option<Arc<str>>,
    /// The name has two words or more (a full name teaches its surname).
    full_name: bool,
    /// The name has at most two words (a short form may be taught).
    short_name: bool,
    /// The name is one word (`HOLT`: a self-introduction may complete it).
    one_word: bool,
    /// The label carries more than a name (`The Chair (Hon. ...)`,
    /// `Name -- Title`): it teaches its base.
    teaches_base: bool,
}

/// How a name was found (`speaker.attribution`).
#[derive(Debug, Clone, Copy)]
enum Attr {
    Label,
    Document,
    Introduced,
    Registry,
}

impl Attr {
    /// As written in `speaker.attribution` (a static string: no allocation
    /// and no reference count per turn).
    fn name(self) -> &'static str {
        match self {
            Attr::Label => "label",
            Attr::Document => "document",
            Attr::Introduced => "introduced",
            Attr::Registry => "registry",
        }
    }
}

/// Strings the stage writes again and again, allocated once.
struct Words {
    moderator: Arc<str>,
    counsel: Arc<str>,
    witness: Arc<str>,
}

impl Words {
    fn new() -> Words {
        Words {
            moderator: Arc::from("moderator"),
            counsel: Arc::from("counsel"),
            witness: Arc::from("witness"),
        }
    }
}

/// A label parsed once per document, with the keys the stage looks it up by
/// (computed once: most turns repeat a label seen before).
#[derive(Debug)]
struct Parsed {
    info: LabelInfo,
    fields: Fields,
    /// Index of the label in this document.
    id: u32,
    /// Index of the label's key (`norm(label)`: `MR PRICE` and `Mr. Price`
    /// share it); per-key state lives in vectors, not maps keyed by strings.
    key_id: u32,
    /// `norm(label)`
    key: String,
    /// `norm` of the label before any parenthesis (`the chair`)
    base_key: String,
    /// `surname:<surname>`
    surname_key: Option<String>,
}

/// The labels parsed in a document. A label's text is hashed once: the
/// segmenter hands out one `Arc<str>` per distinct label, so later turns are
/// found by the address of theirs (each address held with its `Arc`, so no
/// other label can be given it while it is in the table).
#[derive(Default)]
struct ParsedMap {
    by_text: FxHashMap<String, Arc<Parsed>>,
    by_addr: FxHashMap<usize, (Arc<str>, Arc<Parsed>)>,
}

/// Labels a document's table holds at most.
const MAX_PARSED: usize = 10_000;

impl ParsedMap {
    fn addr(label: &Arc<str>) -> usize {
        Arc::as_ptr(label) as *const u8 as usize
    }

    fn get(&self, label: &Arc<str>) -> Option<&Parsed> {
        match self.by_addr.get(&Self::addr(label)) {
            Some((_, p)) => Some(p),
            None => self.by_text.get(&**label).map(|p| &**p),
        }
    }

    /// Look `label` up by its text if its address is new, and remember the
    /// address.
    fn learn(&mut self, label: &Arc<str>) {
        let a = Self::addr(label);
        if self.by_addr.contains_key(&a) || self.by_addr.len() >= MAX_PARSED {
            return;
        }
        if let Some(p) = self.by_text.get(&**label) {
            self.by_addr.insert(a, (label.clone(), p.clone()));
        }
    }

    fn len(&self) -> usize {
        self.by_text.len()
    }

    fn insert(&mut self, label: &Arc<str>, p: Arc<Parsed>) {
        if self.by_text.len() < MAX_PARSED {
            self.by_text.insert(label.to_string(), p.clone());
            self.by_addr.insert(Self::addr(label), (label.clone(), p));
        }
    }
}

/// The per-document speaker stage.
pub struct Attributor {
    rules: Arc<SpeakerRules>,
    registry: Arc<Registry>,
    source: Arc<str>,
    parsed: ParsedMap,
    /// Persons learned from full labels, by label base and by surname.
    known: FxHashMap<String, Known>,
    /// Label keys (by id) that introduced someone.
    moderators: Vec<bool>,
    /// Ids of label keys.
    key_ids: FxHashMap<String, u32>,
    /// Turns checked for a self-introduction, per label key id.
    self_checked: Vec<u8>,
    /// The outlet a named speaker gave for themselves, per label key id.
    self_affiliation: Vec<Option<Arc<str>>>,
    /// The questioner of the current exchange, and their anonymous label.
    questioner: Option<(Arc<str>, Option<Arc<str>>, String)>,
    examiner: Option<Arc<str>>,
    witness: Option<Arc<str>>,
    /// The participants listed before the call, by normalised name.
    roster: FxHashMap<String, roster::Entry>,
    /// What the roster says of a name as written (a cache).
    roster_by_name: FxHashMap<Arc<str>, Option<roster::Entry>>,
    held: Option<Record>,
    words: Words,
}

impl Attributor {
    pub fn new(rules: Arc<SpeakerRules>, registry: Arc<Registry>, source: Arc<str>) -> Attributor {
        Attributor {
            rules,
            registry,
            source,
            parsed: ParsedMap::default(),
            known: FxHashMap::default(),
            moderators: Vec::new(),
            key_ids: FxHashMap::default(),
            self_checked: Vec::new(),
            self_affiliation: Vec::new(),
            questioner: None,
            examiner: None,
            witness: None,
            roster: FxHashMap::default(),
            roster_by_name: FxHashMap::default(),
            held: None,
            words: Words::new(),
        }
    }

    /// Attribute `recs` (in order); returns the records that are final. One
    /// record is held back until the next one (or [`flush`](Self::flush)).
    pub fn push(&mut self, recs: Vec<Record>) -> Vec<Record> {
        let mut out = Vec::with_capacity(recs.len() + 1);
        self.push_into(recs, &mut out);
        out
    }

    /// [`push`](Self::push), appending the final records to `out`. Each
    /// record is attributed with the one before it at hand (which it may
    /// still change: `mark_moderator`, `backfill_vocative`), so that one is
    /// final only now. Records are large: each is moved once, into `out`,
    /// and attributed there (the held one goes in first, and the last is
    /// taken back out).
    pub fn push_into(&mut self, recs: impl IntoIterator<Item = Record>, out: &mut Vec<Record>) {
        let base = out.len();
        out.extend(self.held.take());
        for r in recs {
            out.push(r);
            let at = out.len() - base - 1;
            let (before, last) = out[base..].split_at_mut(at);
            self.attribute(&mut last[0], before.last_mut());
        }
        if out.len() > base {
            self.held = out.pop();
        }
    }

    /// Release the held record (end of input, or an idle flush).
    pub fn flush(&mut self) -> Option<Record> {
        self.held.take()
    }

    /// Parse a label seen for the first time (`id`: its index in the
    /// document). The caller keeps it in the table.
    fn parse(&mut self, label: &str, id: u32) -> Arc<Parsed> {
        let info = parse_label(label, &self.rules);
        let base = label.split('(').next().unwrap_or(label).trim();
        let arc = |s: &Option<String>| s.as_deref().map(Arc::<str>::from);
        let words = info
            .name
            .as_ref()
            .map_or(0, |n| n.split_whitespace().count());
        let fields = Fields {
            name: arc(&info.name),
            title: arc(&info.title),
            role: arc(&info.role),
            affiliation: arc(&info.affiliation),
            constituency: arc(&info.constituency),
            full_name: words >= 2,
            // (an office alone, `The First Minister`, is as short: the
            // person behind it comes from its full label)
            short_name: words <= 2 || (!label.contains('(') && base.starts_with("The ")),
            one_word: words == 1,
            teaches_base: label.contains('(') || label.contains(" -- "),
        };
        let key = norm(label);
        let key_id = match self.key_ids.get(&key) {
            Some(&k) => k,
            None if self.key_ids.len() < 10_000 => {
                let k = self.key_ids.len() as u32;
                self.key_ids.insert(key.clone(), k);
                self.self_checked.push(0);
                self.self_affiliation.push(None);
                self.moderators.push(false);
                k
            }
            None => u32::MAX,
        };
        Arc::new(Parsed {
            fields,
            id,
            key_id,
            key,
            base_key: norm(base),
            surname_key: info.surname.as_ref().map(|s| format!("surname:{s}")),
            info,
        })
    }

    fn attribute(&mut self, r: &mut Record, mut prev: Option<&mut Record>) {
        // court headings and witness lines come before the turns they govern
        if !r.notes.is_empty() {
            if let Some(e) = intro::examiner(&r.notes) {
                self.examiner = Some(e.into());
            }
            // `ORAL ARGUMENT OF DANIEL R. OKONKWO`: the next `MR. OKONKWO`
            // is Daniel R. Okonkwo, counsel for the side the heading names
            if let Some((name, side)) = intro::arguing_counsel(&r.notes) {
                let surname = name
                    .split_whitespace()
                    .rev()
                    .map(|w| norm(w.trim_end_matches(',')))
                    .find(|w| !matches!(w.as_str(), "jr" | "sr" | "ii" | "iii" | "iv"));
                if let Some(s) = surname {
                    let k = Known {
                        name: name.into(),
                        title: None,
                        role: Some(self.words.counsel.clone()),
                        affiliation: side.map(Arc::from),
                        constituency: None,
                        by: u32::MAX,
                    };
                    self.known.insert(format!("surname:{s}"), k);
                }
            }
            if self.roster.is_empty() {
                self.roster = roster::read(&r.notes, &self.rules);
            }
            let mut found = false;
            for n in &r.notes {
                if let Some(w) = intro::witness(n) {
                    self.witness = Some(w.into());
                    found = true;
                }
            }
            // the name on a line of its own (`JOHN SMITH,` then `having
            // been first duly sworn, testified as follows:`)
            if !found && r.notes.len() > 1 {
                if let Some(w) = intro::witness(&r.notes.join(" ")) {
                    self.witness = Some(w.into());
                }
            }
        }
        let Some(sp) = r.speaker.as_mut() else {
            if r.kind == Kind::Turn && r.qa {
                self.scan_text_for_court(&r.text);
            }
            return;
        };
        // the label's parse, borrowed from the table taken out of `self` for
        // the call (an `Arc` clone per turn was two atomic operations)
        let mut table = std::mem::take(&mut self.parsed);
        let fresh: Option<Arc<Parsed>>;
        table.learn(&sp.label);
        let parsed: &Parsed = match table.get(&sp.label) {
            Some(p) => {
                fresh = None;
                p
            }
            None => {
                fresh = Some(self.parse(&sp.label, table.len() as u32));
                fresh.as_deref().expect("just parsed")
            }
        };
        let label = &sp.label;
        let info = &parsed.info;
        let f = &parsed.fields;
        let label_key = &parsed.key;
        let mut name = f.name.clone();
        let mut title = f.title.clone();
        let mut role = f.role.clone();
        let mut affiliation = f.affiliation.clone();
        let mut constituency = f.constituency.clone();
        let mut attribution = name.as_ref().map(|_| Attr::Label);

        if !info.anonymous {
            // a full label teaches its short forms
            if let Some(n) = &name {
                let k = || Known {
                    name: n.clone(),
                    title: title.clone(),
                    role: role.clone(),
                    affiliation: affiliation.clone(),
                    constituency: constituency.clone(),
                    by: parsed.id,
                };
                if f.teaches_base
                    && self
                        .known
                        .get(&parsed.base_key)
                        .is_none_or(|k| k.by != parsed.id)
                {
                    self.known.insert(parsed.base_key.clone(), k());
                }
                if f.full_name {
                    if let Some(s) = &parsed.surname_key {
                        if !self.known.contains_key(s) {
                            self.known.insert(s.clone(), k());
                        }
                    }
                }
            }
            if f.short_name && !self.known.is_empty() {
                let learned = self
                    .known
                    .get(&parsed.base_key)
                    .or_else(|| parsed.surname_key.as_ref().and_then(|s| self.known.get(s)));
                if let Some(k) = learned {
                    // a longer name from the document; the same name only
                    // gains what its full label said (`Keir Starmer` after
                    // `Keir Starmer (Holborn and St Pancras) (Lab)`)
                    if name.as_deref() != Some(&*k.name) {
                        name = Some(k.name.clone());
                        attribution = Some(Attr::Document);
                    }
                    title = title.or_else(|| k.title.clone());
                    role = role.or_else(|| k.role.clone());
                    affiliation = affiliation.or_else(|| k.affiliation.clone());
                    constituency = constituency.or_else(|| k.constituency.clone());
                }
            }
            // `I'm Lester Holt` in a turn by HOLT (looked for in a label's
            // first few turns only)
            let nth = self
                .self_checked
                .get_mut(parsed.key_id as usize)
                .map_or(u8::MAX, |c| {
                    *c = c.saturating_add(1);
                    *c
                });
            let first_turns = nth <= 3;
            let one_word = match (&name, &f.name) {
                (Some(n), Some(own)) if Arc::ptr_eq(n, own) => f.one_word,
                (Some(n), _) => n.split_whitespace().count() == 1,
                _ => false,
            };
            if first_turns && one_word {
                if let Some(s) = &info.surname {
                    if let Some(full) = intro::self_introduction(&r.text, s) {
                        let full: Arc<str> = full.into();
                        let k = Known {
                            name: full.clone(),
                            title: title.clone(),
                            role: role.clone(),
                            affiliation: affiliation.clone(),
                            constituency: constituency.clone(),
                            by: parsed.id,
                        };
                        self.known.insert(format!("surname:{s}"), k);
                        name = Some(full);
                        attribution = Some(Attr::Document);
                    }
                }
            }
            // `STEVE LIESMAN. Steve Liesman, CNBC.`: a named speaker giving
            // their own outlet in their first turn; kept for the label's
            // later turns
            let own = self
                .self_affiliation
                .get(parsed.key_id as usize)
                .cloned()
                .flatten();
            if affiliation.is_none() {
                if own.is_some() {
                    affiliation = own;
                } else if nth == 1 && name.as_deref().is_some_and(|n| n.contains(' ')) {
                    if let Some(who) = intro::self_identification(&r.text) {
                        let same = name
                            .as_deref()
                            .is_some_and(|n| n.eq_ignore_ascii_case(&who.name));
                        if let (true, Some(org)) = (same, who.affiliation) {
                            let org: Arc<str> = org.into();
                            if let Some(slot) =
                                self.self_affiliation.get_mut(parsed.key_id as usize)
                            {
                                *slot = Some(org.clone());
                            }
                            affiliation = Some(org);
                        }
                    }
                }
            }
            if role.is_none() && self.is_moderator(parsed.key_id) {
                role = Some(self.words.moderator.clone());
            }
        }

        let questioner_like = info.anonymous
            && matches!(
                info.role.as_deref(),
                Some("questioner") | Some("analyst") | Some("unknown") | Some("participant") | None
            );
        // an introduction at the end of the turn just before (only looked for
        // when an anonymous turn follows it)
        // the moderator (named or not) speaking again ends the exchange: a
        // later unnamed question is a new questioner
        if !questioner_like && self.is_moderator(parsed.key_id) {
            self.questioner = None;
        }
        let pending = if questioner_like {
            prev.as_deref().and_then(|h| {
                let sp = h.speaker.as_ref()?;
                let hp = table.get(&sp.label)?;
                let hinfo = &hp.info;
                if hinfo.anonymous
                    && hinfo.role.as_deref() != Some("operator")
                    && hinfo.role.as_deref() != Some("moderator")
                    && hinfo.role.as_deref() != Some("host")
                {
                    return None;
                }
                intro::introduction(&h.text).map(|who| (who, hp.key_id))
            })
        } else {
            None
        };
        // the roster before the call: title, role and firm of a speaker
        // the label only names (`John Smith`)
        if !self.roster.is_empty() && title.is_none() && affiliation.is_none() {
            if let Some(n) = &name {
                // by name as written, so that `norm` runs once a name
                let e = match self.roster_by_name.get(n) {
                    Some(e) => e.clone(),
                    None => {
                        let e = self.roster.get(&norm(n)).cloned();
                        if self.roster_by_name.len() < 4096 {
                            self.roster_by_name.insert(n.clone(), e.clone());
                        }
                        e
                    }
                };
                if let Some(e) = e {
                    title = e.title;
                    role = role.or(e.role);
                    affiliation = e.affiliation;
                }
            }
        }

        // a bare name the operator has just introduced (`Our first question
        // comes from Bob Chan with Goldman Sachs.`, then `Bob Chan`): an
        // analyst, with the firm the label does not give
        if !info.anonymous && affiliation.is_none() && role.is_none() && title.is_none() {
            if let Some(who) = name.as_deref().and_then(|n| {
                let h = prev.as_deref()?;
                let hp = table.get(&h.speaker.as_ref()?.label)?;
                if !hp.info.anonymous || hp.info.role.as_deref() != Some("operator") {
                    return None;
                }
                let who = intro::introduction(&h.text)?;
                (who.affiliation.is_some() && who.name.eq_ignore_ascii_case(n)).then_some(who)
            }) {
                affiliation = who.affiliation.map(Arc::<str>::from);
                role = Some(Arc::from("analyst"));
            }
        }
        if info.anonymous {
            if label_key == "q" && self.examiner.is_some() {
                name = self.examiner.clone();
                role = Some(self.words.counsel.clone());
                attribution = Some(Attr::Document);
            } else if label_key == "a" && self.witness.is_some() {
                name = self.witness.clone();
                role = Some(self.words.witness.clone());
                attribution = Some(Attr::Document);
            } else if questioner_like {
                if let Some((who, introducer)) = pending {
                    let who_name: Arc<str> = who.name.into();
                    let who_org = who.affiliation.map(Arc::<str>::from);
                    name = Some(who_name.clone());
                    // the label's own firm (`-- Cowen and Company --`) is
                    // more exact than the introduction's (`with Cowen`)
                    affiliation = affiliation.or_else(|| who_org.clone());
                    attribution = Some(Attr::Introduced);
                    self.mark_moderator(introducer, prev.as_deref_mut());
                    self.questioner = Some((who_name, who_org, label_key.clone()));
                } else if let Some(who) = intro::self_identification(&r.text) {
                    // `Tom Bowman, NPR.` in the question itself: this turn
                    // only (the next `Q` may be anyone: no one hands over),
                    // and whoever was introduced before has finished
                    name = Some(who.name.into());
                    affiliation = affiliation.or_else(|| who.affiliation.map(Arc::<str>::from));
                    attribution = Some(Attr::Document);
                    self.questioner = None;
                } else if let Some((who, org, l)) = &self.questioner {
                    if l == label_key {
                        name = Some(who.clone());
                        affiliation = affiliation.or_else(|| org.clone());
                        attribution = Some(Attr::Introduced);
                    }
                }
            }
        } else {
            // a named speaker may address the last questioner by name
            if Self::is_unnamed_question(&table, prev.as_deref()) {
                if let Some(v) = intro::vocative(&r.text) {
                    self.backfill_vocative(&table, &v, prev);
                }
            }
        }

        // the registry has the last word
        if let Some(e) = self.registry.lookup(&self.source, label, name.as_deref()) {
            let arc = |s: &Option<String>| s.as_deref().map(Arc::<str>::from);
            if e.name.is_some() {
                name = arc(&e.name);
                attribution = Some(Attr::Registry);
            }
            role = arc(&e.role).or(role);
            title = arc(&e.title).or(title);
            affiliation = arc(&e.affiliation).or(affiliation);
        }

        sp.name = name;
        sp.title = title;
        sp.role = role;
        sp.affiliation = affiliation;
        sp.constituency = constituency;
        sp.attribution = match attribution {
            Some(a) if sp.name.is_some() => Some(Cow::Borrowed(a.name())),
            _ => None,
        };
        if let Some(p) = fresh {
            table.insert(&sp.label, p);
        }
        self.parsed = table;
        if r.qa {
            self.scan_text_for_court(&r.text);
        }
    }

    /// The turn just before introduced someone: its speaker is a moderator.
    fn mark_moderator(&mut self, key_id: u32, prev: Option<&mut Record>) {
        if let Some(m) = self.moderators.get_mut(key_id as usize) {
            *m = true;
        }
        // the introducer is the record just before
        if let Some(h) = prev {
            if let Some(sp) = h.speaker.as_mut() {
                if sp.role.is_none() {
                    sp.role = Some(self.words.moderator.clone());
                }
            }
        }
    }

    fn is_moderator(&self, key_id: u32) -> bool {
        self.moderators
            .get(key_id as usize)
            .copied()
            .unwrap_or(false)
    }

    /// The record before is an anonymous question nobody named.
    fn is_unnamed_question(table: &ParsedMap, prev: Option<&Record>) -> bool {
        prev.and_then(|h| h.speaker.as_ref()).is_some_and(|sp| {
            sp.name.is_none()
                && table.get(&sp.label).is_some_and(|p| {
                    p.info.anonymous && p.info.role.as_deref() == Some("questioner")
                })
        })
    }

    /// `Thanks, Will.` answering an anonymous question nobody introduced.
    fn backfill_vocative(&mut self, table: &ParsedMap, first: &str, prev: Option<&mut Record>) {
        let Some(h) = prev else {
            return;
        };
        let Some(sp) = h.speaker.as_mut() else {
            return;
        };
        let info = table.get(&sp.label).map(|p| &p.info);
        let anonymous_q =
            info.is_some_and(|i| i.anonymous && i.role.as_deref() == Some("questioner"));
        if anonymous_q && sp.name.is_none() {
            sp.name = Some(first.into());
            sp.attribution = Some(Cow::Borrowed(Attr::Document.name()));
        }
    }

    /// Headings that ended up inside speech (`DIRECT EXAMINATION` as the last
    /// paragraph of a turn) and witness lines.
    fn scan_text_for_court(&mut self, text: &str) {
        if text.len() > 20_000 {
            return;
        }
        // this runs on every turn: one SIMD pass (Teddy) for any of the
        // hints, and the exact tests only when one is there
        static ANY: std::sync::OnceLock<Option<aho_corasick::packed::Searcher>> =
            std::sync::OnceLock::new();
        const HINTS: [&str; 7] = [
            "EXAMINATION",
            "xamination",
            "called as a witness",
            "sworn",
            "affirmed",
            "SWORN",
            "AFFIRMED",
        ];
        let t = text.as_bytes();
        let any = ANY.get_or_init(|| aho_corasick::packed::Searcher::new(HINTS));
        let hit = match any {
            Some(s) => s.find(t).is_some(),
            None => HINTS
                .iter()
                .any(|h| memchr::memmem::find(t, h.as_bytes()).is_some()),
        };
        if !hit {
            return;
        }
        let has = |h: &str| memchr::memmem::find(t, h.as_bytes()).is_some();
        if has(HINTS[0]) || has(HINTS[1]) {
            if let Some(e) = intro::examiner(text.lines()) {
                self.examiner = Some(e.into());
            }
        }
        if HINTS[2..].iter().any(|h| has(h)) {
            for l in text.lines() {
                if let Some(w) = intro::witness(l) {
                    self.witness = Some(w.into());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Format, Speaker, Turn};

    fn recs(turns: &[(&str, &str)]) -> Vec<Record> {
        let src: Arc<str> = Arc::from("t.txt");
        turns
            .iter()
            .enumerate()
            .map(|(i, (l, t))| {
                let mut turn = Turn::new(Kind::Turn, Some(Speaker::from_label(*l)), i as u64 + 1);
                turn.text = t.to_string();
                Record::from_turn(turn, &src, i as u64, Format::Text)
            })
            .collect()
    }

    fn run(turns: &[(&str, &str)]) -> Vec<Speaker> {
        let mut a = Attributor::new(
            Arc::new(SpeakerRules::default_rules()),
            Arc::new(Registry::default()),
            Arc::from("t.txt"),
        );
        let mut out = a.push(recs(turns));
        out.extend(a.flush());
        out.into_iter().map(|r| *r.speaker.unwrap()).collect()
    }

    #[test]
    fn moderator_introductions_and_follow_ups() {
        let s = run(&[
            (
                "MR PRICE",
                "We’ll start with Francesco Fontemaggi of the AFP.",
            ),
            ("QUESTION", "Thank you, Mr. Secretary."),
            ("SECRETARY BLINKEN", "The purpose..."),
            ("MR PRICE", "Missy Ryan of The Washington Post."),
            ("QUESTION", "Thanks."),
            ("SECRETARY BLINKEN", "Thanks, Missy.  So as you know"),
            ("QUESTION", "Can you just address the appeal?"),
            ("SECRETARY BLINKEN", "As I said."),
            (
                "MR PRICE",
                "Thank you very much, Mr. Secretary.  Thank you, everyone.",
            ),
            ("QUESTION", "One more?"),
        ]);
        assert_eq!(s[0].role.as_deref(), Some("moderator"));
        assert_eq!(s[1].name.as_deref(), Some("Francesco Fontemaggi"));
        assert_eq!(s[1].affiliation.as_deref(), Some("AFP"));
        assert_eq!(s[1].attribution.as_deref(), Some("introduced"));
        assert_eq!(s[2].role.as_deref(), Some("official"));
        assert_eq!(s[4].name.as_deref(), Some("Missy Ryan"));
        assert_eq!(
            s[6].name.as_deref(),
            Some("Missy Ryan"),
            "follow-up keeps the name"
        );
        assert_eq!(s[8].role.as_deref(), Some("moderator"));
        assert_eq!(
            s[9].name, None,
            "after the moderator speaks again, a new unnamed questioner"
        );
    }

    #[test]
    fn a_mention_is_not_an_introduction() {
        let s = run(&[
            (
                "SECRETARY BLINKEN",
                "I'd like to thank Ann Linde, the foreign minister.",
            ),
            ("QUESTION", "Thank you."),
        ]);
        assert_eq!(s[1].name, None);
    }

    #[test]
    fn anonymous_labels_in_a_row_stay_anonymous() {
        let s = run(&[
            ("SENIOR ADMINISTRATION OFFICIAL", "Yes."),
            ("SENIOR ADMINISTRATION OFFICIAL", "And another thing."),
        ]);
        assert!(
            s.iter()
                .all(|s| s.name.is_none() && s.role.as_deref() == Some("official"))
        );
    }

    #[test]
    fn full_labels_teach_short_ones() {
        let s = run(&[
            (
                "The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.))",
                "I call this meeting to order.",
            ),
            ("Mr. Dave Epp (Chatham-KentLeamington, CPC)", "Thank you."),
            ("The Chair", "We'll now go to Mr. Epp."),
            ("Mr. Epp", "Thank you, Mr. Chair."),
        ]);
        assert_eq!(s[2].name.as_deref(), Some("Anthony Rota"));
        assert_eq!(s[2].attribution.as_deref(), Some("document"));
        assert_eq!(s[2].role.as_deref(), Some("chair"));
        assert_eq!(s[2].affiliation.as_deref(), Some("Lib."));
        assert_eq!(s[3].name.as_deref(), Some("Dave Epp"));
        assert_eq!(s[3].constituency.as_deref(), Some("Chatham-KentLeamington"));
    }

    #[test]
    fn operator_introduces_an_unidentified_participant() {
        let s = run(&[
            (
                "Operator",
                "Our next question comes from the line of Jane Smith with Big Bank. Please go ahead.",
            ),
            ("Unidentified Participant", "Hi, thanks."),
        ]);
        assert_eq!(s[0].role.as_deref(), Some("operator"));
        assert_eq!(s[1].name.as_deref(), Some("Jane Smith"));
        assert_eq!(s[1].affiliation.as_deref(), Some("Big Bank"));
    }

    #[test]
    fn operator_introduces_a_named_analyst() {
        let s = run(&[
            (
                "Operator",
                "Our first question comes from Bob Chan with Goldman Sachs. Please go ahead.",
            ),
            ("Bob Chan", "Hi, thanks."),
            ("John Smith", "Sure."),
            ("Operator", "Our next question comes from Alice Wu."),
            ("Alice Wu", "Hello."),
            (
                "Operator",
                "I would now like to turn the call over to Dana Lee, Chief Executive Officer of Acme. Please go ahead.",
            ),
            ("Dana Lee", "Thank you."),
        ]);
        // an executive handed the call is no analyst
        assert_ne!(s[6].role.as_deref(), Some("analyst"));
        assert_eq!(s[1].name.as_deref(), Some("Bob Chan"));
        assert_eq!(s[1].affiliation.as_deref(), Some("Goldman Sachs"));
        assert_eq!(s[1].role.as_deref(), Some("analyst"));
        // the answer is no one's introduction; nor is a name without a firm
        assert_eq!(s[2].affiliation, None);
        assert_eq!(s[4].affiliation, None);
        assert_eq!(s[4].role, None);
    }

    #[test]
    fn court_headings_name_q_and_a() {
        let src: Arc<str> = Arc::from("t.txt");
        let mut a = Attributor::new(
            Arc::new(SpeakerRules::default_rules()),
            Arc::new(Registry::default()),
            src.clone(),
        );
        let mut rs = recs(&[("Q", "Good morning."), ("A", "Good morning.")]);
        rs[0].notes = vec![
            "GARY FARRO, called as a witness by the People, having been first duly sworn, testified as follows:".into(),
            "CROSS EXAMINATION BY MR. BLANCHE:".into(),
        ];
        let mut out = a.push(rs);
        out.extend(a.flush());
        let s: Vec<Speaker> = out.into_iter().map(|r| *r.speaker.unwrap()).collect();
        assert_eq!(s[0].name.as_deref(), Some("Mr. Blanche"));
        assert_eq!(s[0].role.as_deref(), Some("counsel"));
        assert_eq!(s[1].name.as_deref(), Some("Gary Farro"));
        assert_eq!(s[1].role.as_deref(), Some("witness"));
    }

    #[test]
    fn self_introduction() {
        let s = run(&[
            (
                "HOLT",
                "Good evening from Hofstra University. I'm Lester Holt, anchor of NBC Nightly News.",
            ),
            ("CLINTON", "Thank you, Lester."),
            ("HOLT", "Secretary Clinton, two minutes."),
        ]);
        assert_eq!(s[0].name.as_deref(), Some("Lester Holt"));
        assert_eq!(s[2].name.as_deref(), Some("Lester Holt"));
        assert_eq!(s[1].name.as_deref(), Some("Clinton"));
    }

    #[test]
    fn vocative_names_an_unintroduced_question() {
        let s = run(&[
            ("Q", "What about the deal?"),
            ("MS. PSAKI", "Thanks, Kaitlan. Well, ..."),
        ]);
        assert_eq!(s[0].name.as_deref(), Some("Kaitlan"));
        assert_eq!(s[0].attribution.as_deref(), Some("document"));
    }
}
