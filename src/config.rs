//! Rules as data: the speaker-label rules, the words that are never speakers,
//! the boilerplate patterns and the event words.
//!
//! The defaults live in `config/default.toml`, embedded in the binary with
//! `include_str!`, so a fresh install needs no files. `--config FILE` is merged
//! over them key by key (tables merge, arrays and scalars replace), then the
//! result is deserialised with every unknown key rejected. Errors name the key
//! (`labels.max_words: invalid type ...`) because a user editing a config file
//! needs to know *which* line to fix, not just that serde failed.
//!
//! [`Config`] is the plain data; [`Rules`] is the compiled form the hot loop
//! uses (hash sets, compiled regexes), built once and shared read-only.

use rustc_hash::FxHashSet;
use std::path::Path;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// The embedded default configuration (see `config/default.toml`).
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// A configuration error, always naming the file and, where known, the key.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("config {path}: {message}")]
    Parse { path: String, message: String },
    #[error("config {path}: key `{key}`: {message}")]
    Key {
        path: String,
        key: String,
        message: String,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub segment: SegmentConfig,
    pub labels: LabelConfig,
    #[serde(default)]
    pub boilerplate: Vec<BoilerplateRule>,
    /// Page furniture (running headers, footers, page numbers): left out of
    /// a turn's text without ending it.
    #[serde(default)]
    pub furniture: Vec<BoilerplateRule>,
    pub events: EventConfig,
    pub speakers: SpeakersConfig,
}

/// `[speakers]`: vocabularies for who is speaking (see `src/speaker`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakersConfig {
    pub anonymous: Vec<AnonymousGroup>,
    pub numbered: std::collections::BTreeMap<String, String>,
    pub titles: Vec<TitleEntry>,
    pub honorifics: Vec<String>,
    pub post_nominals: std::collections::BTreeMap<String, String>,
    pub executive_words: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnonymousGroup {
    pub labels: Vec<String>,
    pub role: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleEntry {
    pub words: String,
    pub role: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentConfig {
    pub lookahead_lines: usize,
    pub trailing_chrome_max_words: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelConfig {
    pub max_words: usize,
    pub max_chars: usize,
    pub single_letter: Vec<String>,
    pub particles: Vec<String>,
    pub honorifics: Vec<String>,
    pub numbered_roles: Vec<String>,
    pub never_first: Vec<String>,
    pub never_speakers: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoilerplateRule {
    pub name: String,
    pub pattern: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventConfig {
    pub words: Vec<String>,
}

impl Config {
    /// The embedded defaults.
    pub fn default_config() -> Config {
        Config::from_layers(&[("<default>", DEFAULT_TOML)])
            .expect("embedded config/default.toml is valid")
    }

    /// Defaults merged with the user's file at `path`.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        match path {
            None => Ok(Config::default_config()),
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| ConfigError::Read {
                    path: p.display().to_string(),
                    source: e,
                })?;
                Config::from_layers(&[
                    ("<default>", DEFAULT_TOML),
                    (&p.display().to_string(), &text),
                ])
            }
        }
    }

    /// Merge TOML documents in order (later wins) and deserialise the result.
    pub fn from_layers(layers: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let mut merged = toml::Table::new();
        let mut last = "<default>";
        for (name, text) in layers {
            let table: toml::Table = toml::from_str(text).map_err(|e| ConfigError::Parse {
                path: name.to_string(),
                message: e.to_string(),
            })?;
            merge_tables(&mut merged, table);
            last = name;
        }
        let value = toml::Value::Table(merged);
        let cfg: Config = serde_path_to_error::deserialize(value).map_err(|e| {
            let key = e.path().to_string();
            ConfigError::Key {
                path: last.to_string(),
                key,
                message: e.into_inner().to_string(),
            }
        })?;
        cfg.validate(last)?;
        Ok(cfg)
    }

    fn validate(&self, path: &str) -> Result<(), ConfigError> {
        let key_err = |key: &str, message: String| ConfigError::Key {
            path: path.to_string(),
            key: key.to_string(),
            message,
        };
        if self.segment.lookahead_lines == 0 || self.segment.lookahead_lines > 100_000 {
            return Err(key_err(
                "segment.lookahead_lines",
                "must be between 1 and 100000".into(),
            ));
        }
        if self.labels.max_words == 0 {
            return Err(key_err("labels.max_words", "must be at least 1".into()));
        }
        let roles = crate::speaker::registry::ROLES;
        for (i, g) in self.speakers.anonymous.iter().enumerate() {
            if !roles.contains(&g.role.as_str()) {
                return Err(key_err(
                    &format!("speakers.anonymous[{i}].role"),
                    format!("unknown role `{}`", g.role),
                ));
            }
        }
        for (i, t) in self.speakers.titles.iter().enumerate() {
            if !t.role.is_empty() && !roles.contains(&t.role.as_str()) {
                return Err(key_err(
                    &format!("speakers.titles[{i}].role"),
                    format!("unknown role `{}`", t.role),
                ));
            }
        }
        for (section, rules) in [
            ("boilerplate", &self.boilerplate),
            ("furniture", &self.furniture),
        ] {
            for (i, rule) in rules.iter().enumerate() {
                if let Err(e) = Regex::new(&rule.pattern) {
                    return Err(key_err(
                        &format!("{section}[{i}].pattern"),
                        format!("rule `{}`: {e}", rule.name),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The configuration as TOML (for `--print-config`).
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }
}

fn merge_tables(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge_tables(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

/// The compiled rules: what the segmenter consults for every candidate line.
#[derive(Debug)]
pub struct Rules {
    pub lookahead_lines: usize,
    pub trailing_chrome_max_words: usize,
    pub max_words: usize,
    pub max_chars: usize,
    pub single_letter: FxHashSet<String>,
    pub particles: WordSet,
    pub honorifics: WordSet,
    pub numbered_roles: WordSet,
    pub never_first: WordSet,
    pub never_speakers: WordSet,
    /// Labels that name a role, not a person (`[speakers] anonymous`, of two
    /// letters or more): `Operator` alone on its line is a speaker.
    pub role_labels: WordSet,
    /// Words of a job in an earnings-call header's title (`[speakers]
    /// executive_words`, and `analyst`): `Jane Roe - Chief Financial Officer`
    /// is a header with a single hyphen only with one of them.
    pub title_words: WordSet,
    pub boilerplate: Patterns,
    pub furniture: Patterns,
    pub event_words: WordSet,
}

/// The first two bytes of the lines `patterns` can match (a bit per pair),
/// found by stepping their automaton (a lazy DFA, anchored at the start)
/// over each pair of byte values once: a pair that leads to the dead state
/// cannot start a match. `None` (no shortcut) when a pattern is not anchored
/// with `^` or can match an empty line, or the automaton cannot be built.
/// (One byte was not enough: `A`, `C`, `D`, `E` start both boilerplate
/// patterns and a good share of all speech.)
fn first_pairs(patterns: &[&str]) -> Option<Box<[u64; 1024]>> {
    edge_pairs(patterns, false)
}

/// The last two bytes of the lines `patterns` can match, the mirror of
/// [`first_pairs`] (a reverse automaton stepped over each pair, last byte
/// first): `None` unless every pattern is anchored with `$` as well. Page
/// furniture starts like any capitalised sentence (`Heritage Reporting
/// Corporation`); its end tells it apart.
fn last_pairs(patterns: &[&str]) -> Option<Box<[u64; 1024]>> {
    edge_pairs(patterns, true)
}

/// [`first_pairs`], or with `reverse` [`last_pairs`]: bit `(b1 << 8) | b2`
/// is set when a line can start (end) with the bytes `b1 b2`.
fn edge_pairs(patterns: &[&str], reverse: bool) -> Option<Box<[u64; 1024]>> {
    use regex_automata::hybrid::dfa::DFA;
    use regex_automata::nfa::thompson;
    use regex_automata::{Anchored, Input};
    use regex_syntax::hir::Look;
    for p in patterns {
        let props = regex_syntax::parse(p).ok()?.properties().clone();
        let anchored = if reverse {
            props.look_set_suffix().contains(Look::End)
        } else {
            props.look_set_prefix().contains(Look::Start)
        };
        if !anchored || props.minimum_len() == Some(0) {
            return None;
        }
    }
    let dfa = DFA::builder()
        .thompson(thompson::Config::new().reverse(reverse))
        .build_many(patterns)
        .ok()?;
    let mut cache = dfa.create_cache();
    let input = Input::new(" ").anchored(Anchored::Yes);
    let start = if reverse {
        dfa.start_state_reverse(&mut cache, &input).ok()?
    } else {
        dfa.start_state_forward(&mut cache, &input).ok()?
    };
    // a quit state (a look-around the lazy DFA cannot decide) may match
    let alive = |s: regex_automata::hybrid::LazyStateID| !s.is_dead() || s.is_quit();
    let mut bits = Box::new([0u64; 1024]);
    // `outer` is the edge byte (first, or last when reversed), `inner` the
    // one next to it
    for outer in 0..=255u8 {
        let s1 = dfa.next_state(&mut cache, start, outer).ok()?;
        if !alive(s1) {
            continue;
        }
        // a one-byte match may be followed (preceded) by anything
        let one = dfa.next_eoi_state(&mut cache, s1).ok()?.is_match();
        for inner in 0..=255u8 {
            let s2 = dfa.next_state(&mut cache, s1, inner).ok()?;
            if one || alive(s2) {
                let (b1, b2) = if reverse {
                    (inner, outer)
                } else {
                    (outer, inner)
                };
                let k = (usize::from(b1) << 8) | usize::from(b2);
                bits[k >> 6] |= 1 << (k & 63);
            }
        }
    }
    Some(bits)
}

/// A set of lower-case words, looked up case-insensitively without
/// allocating for short ASCII keys (the common case on the hot path).
#[derive(Debug, Default)]
pub struct WordSet(FxHashSet<Box<str>>);

impl WordSet {
    pub fn new<I: IntoIterator<Item = S>, S: AsRef<str>>(words: I) -> WordSet {
        WordSet(
            words
                .into_iter()
                .map(|w| w.as_ref().trim().to_lowercase().into_boxed_str())
                .collect(),
        )
    }

    /// Is `word`, lower-cased, in the set?
    pub fn contains_ci(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.len() <= 64 && b.is_ascii() {
            let mut buf = [0u8; 64];
            for (d, s) in buf.iter_mut().zip(b) {
                *d = s.to_ascii_lowercase();
            }
            let lower = std::str::from_utf8(&buf[..b.len()]).expect("ascii");
            self.0.contains(lower)
        } else {
            self.0.contains(word.to_lowercase().as_str())
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn lower_set(v: &[String]) -> WordSet {
    WordSet::new(v)
}

impl Rules {
    pub fn new(cfg: &Config) -> Rules {
        Rules {
            lookahead_lines: cfg.segment.lookahead_lines,
            trailing_chrome_max_words: cfg.segment.trailing_chrome_max_words,
            max_words: cfg.labels.max_words,
            max_chars: cfg.labels.max_chars,
            single_letter: cfg
                .labels
                .single_letter
                .iter()
                .map(|s| s.trim().to_string())
                .collect(),
            particles: lower_set(&cfg.labels.particles),
            honorifics: lower_set(&cfg.labels.honorifics),
            numbered_roles: lower_set(&cfg.labels.numbered_roles),
            never_first: lower_set(&cfg.labels.never_first),
            never_speakers: lower_set(&cfg.labels.never_speakers),
            role_labels: WordSet::new(
                cfg.speakers
                    .anonymous
                    .iter()
                    .flat_map(|g| &g.labels)
                    .filter(|l| l.chars().count() >= 2),
            ),
            title_words: WordSet::new(
                cfg.speakers
                    .executive_words
                    .iter()
                    .map(String::as_str)
                    .chain(["analyst"]),
            ),
            boilerplate: Patterns::new(&cfg.boilerplate),
            furniture: Patterns::new(&cfg.furniture),
            event_words: lower_set(&cfg.events.words),
        }
    }

    /// The rules compiled from the embedded defaults.
    pub fn default_rules() -> Rules {
        Rules::new(&Config::default_config())
    }

    /// Is this (trimmed) line a boilerplate line? Returns the rule's name.
    pub fn boilerplate(&self, line: &str) -> Option<&str> {
        self.boilerplate.find(line)
    }

    /// Is this (trimmed) line page furniture? Returns the rule's name.
    pub fn furniture(&self, line: &str) -> Option<&str> {
        self.furniture.find(line)
    }

    /// [`boilerplate`](Self::boilerplate) with the caller's cache.
    pub fn boilerplate_in<'a>(&'a self, line: &str, cache: &mut PatternCache) -> Option<&'a str> {
        self.boilerplate.find_in(line, cache)
    }

    /// [`furniture`](Self::furniture) with the caller's cache.
    pub fn furniture_in<'a>(&'a self, line: &str, cache: &mut PatternCache) -> Option<&'a str> {
        self.furniture.find_in(line, cache)
    }
}

/// A caller's scratch space for [`Patterns::find_in`]: the lazy DFA's
/// cache. The `regex` crate keeps such caches in a pool, free of locks only
/// for the thread that first used the regex; every other thread (the
/// segmenters' runtime threads) took a mutex for each line. A segmenter owns
/// its cache instead. It remembers which patterns it was made for, and is
/// made afresh if used with others.
#[derive(Default)]
pub struct PatternCache {
    owner: usize,
    cache: Option<regex_automata::hybrid::dfa::Cache>,
}

/// A list of named line patterns (`[[boilerplate]]`, `[[furniture]]`),
/// compiled for one test per line.
#[derive(Debug)]
pub struct Patterns {
    pub rules: Vec<(String, Regex)>,
    /// All patterns in one regex: one search per line instead of one per
    /// rule.
    any: Option<Regex>,
    /// The same, as a lazy DFA searched with the caller's cache (see
    /// [`PatternCache`]). `None` where the patterns need more than a DFA
    /// can do (then `any` answers).
    dfa: Option<regex_automata::hybrid::dfa::DFA>,
    /// The pairs of bytes a matching line can start with, when every
    /// pattern is anchored at the start: most lines are rejected by their
    /// first two bytes without a regex search (see [`first_pairs`]).
    first: Option<Box<[u64; 1024]>>,
    /// The pairs of bytes a matching line can end with (see [`last_pairs`]).
    last: Option<Box<[u64; 1024]>>,
}

impl Patterns {
    fn new(rules: &[BoilerplateRule]) -> Patterns {
        let patterns: Vec<&str> = rules.iter().map(|r| r.pattern.as_str()).collect();
        Patterns {
            rules: rules
                .iter()
                .map(|r| {
                    (
                        r.name.clone(),
                        Regex::new(&r.pattern).expect("validated in Config::validate"),
                    )
                })
                .collect(),
            any: if rules.is_empty() {
                None
            } else {
                let alt: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
                Regex::new(&alt.join("|")).ok()
            },
            dfa: if rules.is_empty() {
                None
            } else {
                regex_automata::hybrid::dfa::DFA::builder()
                    .configure(
                        regex_automata::hybrid::dfa::DFA::config().unicode_word_boundary(true),
                    )
                    .build_many(&patterns)
                    .ok()
            },
            first: first_pairs(&patterns),
            last: last_pairs(&patterns),
        }
    }

    /// The name of the first rule that matches the (trimmed) line.
    pub fn find(&self, line: &str) -> Option<&str> {
        if !self.edges_fit(line) {
            return None;
        }
        if let Some(any) = &self.any {
            if !any.is_match(line) {
                return None;
            }
        }
        self.first_rule(line)
    }

    /// [`find`](Self::find), the one search that rejects most lines made
    /// with `cache` (the caller's: a segmenter's per line).
    pub fn find_in(&self, line: &str, cache: &mut PatternCache) -> Option<&str> {
        if !self.edges_fit(line) {
            return None;
        }
        let hit = self.dfa.as_ref().and_then(|dfa| {
            let owner = self as *const Patterns as usize;
            if cache.owner != owner || cache.cache.is_none() {
                *cache = PatternCache {
                    owner,
                    cache: Some(dfa.create_cache()),
                };
            }
            let c = cache.cache.as_mut().expect("just made");
            let input = regex_automata::Input::new(line).earliest(true);
            // (an error: a Unicode word boundary next to non-ASCII text,
            // which the lazy DFA cannot decide; the regex does)
            dfa.try_search_fwd(c, &input).ok().map(|m| m.is_some())
        });
        match hit {
            Some(false) => return None,
            Some(true) => {}
            None => {
                if self.any.as_ref().is_some_and(|any| !any.is_match(line)) {
                    return None;
                }
            }
        }
        self.first_rule(line)
    }

    /// The first and last two bytes can start and end a match (when every
    /// pattern is anchored: see [`first_pairs`]).
    fn edges_fit(&self, line: &str) -> bool {
        if self.rules.is_empty() {
            return false;
        }
        let has = |pairs: &[u64; 1024], b1: u8, b2: u8| {
            let k = (usize::from(b1) << 8) | usize::from(b2);
            pairs[k >> 6] & (1 << (k & 63)) != 0
        };
        if let (Some(pairs), [b1, b2, ..]) = (&self.first, line.as_bytes()) {
            if !has(pairs, *b1, *b2) {
                return false;
            }
        }
        if let (Some(pairs), [.., b1, b2]) = (&self.last, line.as_bytes()) {
            if !has(pairs, *b1, *b2) {
                return false;
            }
        }
        true
    }

    /// The name of the first rule that matches.
    fn first_rule(&self, line: &str) -> Option<&str> {
        self.rules
            .iter()
            .find(|(_, re)| re.is_match(line))
            .map(|(n, _)| n.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_compile() {
        let cfg = Config::default_config();
        let rules = Rules::new(&cfg);
        assert!(rules.single_letter.contains("Q"));
        assert!(rules.never_speakers.contains_ci("Duration"));
        assert_eq!(rules.boilerplate("END 7:49 P.M. EST"), Some("end-marker"));
        assert_eq!(rules.boilerplate("\\###"), Some("end-marker"));
        assert_eq!(rules.boilerplate("1:19 P.M. EDT"), Some("clock-time"));
        assert_eq!(rules.boilerplate("Duration: 49 minutes"), Some("duration"));
        assert_eq!(rules.boilerplate("ENDORSEMENTS are due"), None);
        assert_eq!(rules.boilerplate("We ended at 7:49 P.M."), None);
        // an earnings call's sections
        for l in [
            "Question-and-Answer Session",
            "Questions and Answers",
            "Prepared Remarks",
            "Q&A",
        ] {
            assert_eq!(rules.boilerplate(l), Some("call-section"), "{l}");
        }
        assert_eq!(rules.boilerplate("Prepared remarks are over"), None);
        // court headings between arguments
        for l in [
            "ORAL ARGUMENT OF DANIEL R. OKONKWO",
            "REBUTTAL ARGUMENT OF JANE ROE, ESQ.",
            "ON BEHALF OF THE PETITIONERS",
            "ON BEHALF OF THE UNITED STATES, AS AMICUS CURIAE, SUPPORTING RESPONDENTS",
        ] {
            assert_eq!(rules.boilerplate(l), Some("argument-heading"), "{l}");
        }
        for l in [
            "ON BEHALF OF THE PRESIDENT, I WANT TO THANK YOU",
            "On behalf of the petitioners, we ask",
            "ORAL ARGUMENT OF counsel was heard",
        ] {
            assert_eq!(rules.boilerplate(l), None, "{l}");
        }
    }

    #[test]
    fn page_furniture() {
        let rules = Rules::default_rules();
        for (l, name) in [
            ("Page 13", "page-number"),
            ("Page 3 of 120", "page-number"),
            ("- 14 -", "page-number"),
            ("Heritage Reporting Corporation", "court-reporter"),
            ("Alderson Reporting Company", "court-reporter"),
            (
                "Smith & Jones Court Reporting Services, Inc.",
                "court-reporter",
            ),
            ("(202) 628-4888", "court-reporter"),
            ("Official - Subject to Final Review", "review-notice"),
        ] {
            assert_eq!(rules.furniture(l), Some(name), "{l}");
        }
        for l in [
            "Page 13 of the report says otherwise.",
            "We are reporting the company's results",
            "14",
            "The Reporting Company said",
        ] {
            assert_eq!(rules.furniture(l), None, "{l}");
        }
        // every pattern anchored: most lines are rejected by their first bytes
        assert!(rules.furniture.first.is_some() && rules.furniture.last.is_some());
        assert!(rules.boilerplate.first.is_some());
    }

    #[test]
    fn boilerplate_first_pairs_shortcut() {
        let pairs = first_pairs(&["^END$", "^(?i:duration):", r"^\(?\d"]).expect("anchored");
        let has = |a: u8, b: u8| {
            let k = (usize::from(a) << 8) | usize::from(b);
            pairs[k >> 6] & (1 << (k & 63)) != 0
        };
        assert!(has(b'E', b'N') && !has(b'E', b'n') && !has(b'E', b'x'));
        assert!(has(b'd', b'U') && has(b'D', b'u') && !has(b'D', b'o'));
        assert!(has(b'(', b'1') && has(b'4', b'2') && !has(b'(', b'a'));
        assert!(!has(b'T', b'h') && !has(b'W', b'e'));
        // not anchored, or matching an empty line: no shortcut
        assert!(first_pairs(&["^END$", "copyright"]).is_none());
        assert!(first_pairs(&["^(?:END)?$"]).is_none());
        // a one-byte match (no `$`) may be followed by anything
        let one = first_pairs(&["^#"]).expect("anchored");
        let k = (usize::from(b'#') << 8) | usize::from(b'z');
        assert!(one[k >> 6] & (1 << (k & 63)) != 0);
        // the defaults have one, and it rejects ordinary speech
        let rules = Rules::default_rules();
        assert!(rules.boilerplate.first.is_some());
        assert_eq!(rules.boilerplate("And so we went"), None);
        assert_eq!(rules.boilerplate("All rights reserved"), Some("copyright"));
    }

    proptest::proptest! {
        /// The first-byte shortcut never changes an answer.
        #[test]
        fn boilerplate_shortcut_agrees(line in "(END|###|\\\\###|-30-|[Dd]uration: ?4|[Cc]all duration|Copyright|\u{a9}|All rights reserved|\\(?1[0-2]:[0-5][0-9] ?[ap]\\.?m\\.?|[A-Za-z0-9(#\\\\-])[ -~\u{e9}]{0,12}") {
            let rules = Rules::default_rules();
            let slow = rules
                .boilerplate
                .rules
                .iter()
                .find(|(_, re)| re.is_match(&line))
                .map(|(n, _)| n.as_str());
            proptest::prop_assert_eq!(rules.boilerplate(&line), slow);
            let mut cache = PatternCache::default();
            proptest::prop_assert_eq!(rules.boilerplate_in(&line, &mut cache), slow);
        }

        /// Nor do the first- and last-byte shortcuts for page furniture.
        #[test]
        fn furniture_shortcuts_agree(line in "(Page|PAGE|page|- ?[0-9]|Official|[A-Z][a-z]+|\\([0-9]{3}\\))[ -~]{0,14}(Reporting|Company|Corporation|Co\\.|Inc\\.?|Review|review|[0-9]|-|Group|LLC)?") {
            let rules = Rules::default_rules();
            let slow = rules
                .furniture
                .rules
                .iter()
                .find(|(_, re)| re.is_match(&line))
                .map(|(n, _)| n.as_str());
            proptest::prop_assert_eq!(rules.furniture(&line), slow);
            let mut cache = PatternCache::default();
            proptest::prop_assert_eq!(rules.furniture_in(&line, &mut cache), slow);
        }
    }

    /// One cache used with two pattern lists is remade for each, and a
    /// pattern the lazy DFA gives up on (a Unicode word boundary next to
    /// non-ASCII text) is answered by the regex.
    #[test]
    fn pattern_cache_follows_its_patterns() {
        let rules = Rules::default_rules();
        let mut cache = PatternCache::default();
        assert_eq!(
            rules.boilerplate_in("END 7:49 P.M. EST", &mut cache),
            Some("end-marker")
        );
        assert_eq!(
            rules.furniture_in("Page 12", &mut cache),
            rules.furniture("Page 12")
        );
        assert_eq!(
            rules.boilerplate_in("END 7:49 P.M. EST", &mut cache),
            Some("end-marker")
        );
        let rule = |name: &str, pattern: &str| BoilerplateRule {
            name: name.into(),
            pattern: pattern.into(),
        };
        let words = Patterns::new(&[rule("word", r"\bcafé\b")]);
        assert!(words.dfa.is_some());
        let mut cache = PatternCache::default();
        assert_eq!(words.find_in("un café noir", &mut cache), Some("word"));
        assert_eq!(words.find_in("cafés", &mut cache), None);
        assert_eq!(words.find_in("a plain line", &mut cache), None);
    }

    #[test]
    fn user_layer_merges_over_defaults() {
        let cfg = Config::from_layers(&[
            ("<default>", DEFAULT_TOML),
            ("user.toml", "[labels]\nmax_words = 3\n"),
        ])
        .unwrap();
        assert_eq!(cfg.labels.max_words, 3);
        // untouched keys keep their defaults
        assert!(cfg.labels.never_first.iter().any(|w| w == "and"));
        assert!(!cfg.boilerplate.is_empty());
    }

    #[test]
    fn bad_type_names_the_key() {
        let err = Config::from_layers(&[
            ("<default>", DEFAULT_TOML),
            ("user.toml", "[labels]\nmax_words = \"many\"\n"),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("user.toml"), "{err}");
        assert!(err.contains("labels.max_words"), "{err}");
    }

    #[test]
    fn unknown_key_is_named() {
        let err = Config::from_layers(&[
            ("<default>", DEFAULT_TOML),
            ("user.toml", "[labels]\nmax_wordz = 3\n"),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("max_wordz"), "{err}");
    }

    #[test]
    fn bad_regex_names_the_rule() {
        let err = Config::from_layers(&[
            ("<default>", DEFAULT_TOML),
            (
                "user.toml",
                "[[boilerplate]]\nname = \"oops\"\npattern = \"(unclosed\"\n",
            ),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("boilerplate[0].pattern"), "{err}");
        assert!(err.contains("oops"), "{err}");
    }
}
