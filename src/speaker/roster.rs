//! The participants listed before a call: `John Smith - Chief Executive
//! Officer` under `Company Participants`, `Bob Chan - Goldman Sachs` under
//! `Conference Call Participants`.
//!
//! Earnings-call transcripts in the Seeking Alpha style put the roster first
//! and then head each turn with the bare name (`John Smith`), so the label
//! alone says nothing of title, role or firm. The segmenter keeps the roster
//! lines of the preamble ([`is_heading`], [`is_entry`]) with the first
//! turn; this module reads them into a table the speaker stage consults for
//! a named speaker whose label gave no title, role or affiliation.

use super::SpeakerRules;
use super::label::{norm, parse_name};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// What the roster says of one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub title: Option<Arc<str>>,
    pub role: Option<Arc<str>>,
    pub affiliation: Option<Arc<str>>,
}

/// Which list a line is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Unknown,
    Company,
    Analysts,
}

/// A roster heading: which list follows. (Short lines only: the segmenter
/// asks of every boilerplate line.)
fn section(line: &str) -> Option<Section> {
    let t = line.trim().trim_end_matches(':');
    if t.len() > 32 {
        return None;
    }
    let is = |list: &[&str]| list.iter().any(|h| h.eq_ignore_ascii_case(t));
    if is(&[
        "company participants",
        "corporate participants",
        "executives",
        "company representatives",
    ]) {
        Some(Section::Company)
    } else if is(&["conference call participants", "analysts"]) {
        Some(Section::Analysts)
    } else if is(&["call participants", "participants"]) {
        Some(Section::Unknown)
    } else {
        None
    }
}

/// Is `line` the heading of a participants list?
pub fn is_heading(line: &str) -> bool {
    section(line).is_some()
}

/// Is `line` a `Name - Something` entry of such a list?
pub fn is_entry(line: &str) -> bool {
    split_entry(line).is_some()
}

/// `John Smith - Chief Executive Officer` -> (`John Smith`, `Chief Executive
/// Officer`): two to five capitalised words (initials, particles), a dash,
/// then what they are.
fn split_entry(line: &str) -> Option<(&str, &str)> {
    if line.len() > 160 {
        return None;
    }
    let (name, rest) = [" -- ", " - ", " – ", " — "]
        .iter()
        .find_map(|sep| line.split_once(sep))?;
    let (name, rest) = (name.trim(), rest.trim());
    let words: Vec<&str> = name.split_whitespace().collect();
    let ok = (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(*w, "de" | "van" | "von" | "der" | "la" | "del" | "da")
        })
        && !rest.is_empty()
        && rest.chars().next().is_some_and(|c| c.is_uppercase());
    ok.then_some((name, rest))
}

/// Read the roster lines among `notes` into a table by normalised name.
pub fn read(notes: &[String], rules: &SpeakerRules) -> FxHashMap<String, Entry> {
    let mut table = FxHashMap::default();
    // entries count only under a heading
    let mut sec = None;
    for line in notes {
        if let Some(s) = section(line) {
            sec = Some(s);
            continue;
        }
        let Some(sec) = sec else {
            continue;
        };
        let Some((name, rest)) = split_entry(line) else {
            continue;
        };
        let person = parse_name(name, rules);
        let Some(display) = person.name else {
            continue;
        };
        let arc = |s: &str| Some(Arc::<str>::from(s));
        // `Name -- Firm -- Analyst` says it all; otherwise the section does
        let (firm, what) = match rest.rsplit_once(" -- ").or_else(|| rest.rsplit_once(" - ")) {
            Some((f, w)) => (Some(f.trim()), w.trim()),
            None => (None, rest),
        };
        let analyst = norm(what) == "analyst";
        let entry = if analyst {
            Entry {
                title: None,
                role: arc("analyst"),
                affiliation: firm.and_then(arc),
            }
        } else if sec == Section::Analysts {
            Entry {
                title: None,
                role: arc("analyst"),
                affiliation: arc(rest),
            }
        } else {
            let executive = sec == Section::Company
                || norm(what)
                    .split(' ')
                    .any(|w| rules.executive_words.contains(w));
            Entry {
                title: arc(what),
                role: if executive { arc("executive") } else { None },
                affiliation: firm.and_then(arc),
            }
        };
        table.entry(norm(&display)).or_insert(entry);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> SpeakerRules {
        SpeakerRules::default_rules()
    }

    #[test]
    fn roster_lines_and_sections() {
        assert!(is_heading("Company Participants"));
        assert!(is_heading("CONFERENCE CALL PARTICIPANTS:"));
        assert!(!is_heading("Company Participants and Their Families"));
        assert!(is_entry("John Smith - Chief Executive Officer"));
        assert!(is_entry("Bob Chan -- Goldman Sachs -- Analyst"));
        assert!(!is_entry("Revenue - up 12%"));
        assert!(!is_entry("It is - as you know - late"));
        let notes: Vec<String> = [
            "Acme Corp. Q3 2025 Earnings Call",
            // before any heading: not an entry
            "Press Office - Acme Corp",
            "Company Participants",
            "John Smith - Chief Executive Officer",
            "Mary Lee - CFO",
            "Conference Call Participants",
            "Bob Chan - Goldman Sachs",
            "Alice Wu - Morgan Stanley - Analyst",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let t = read(&notes, &rules());
        let john = &t["john smith"];
        assert_eq!(john.title.as_deref(), Some("Chief Executive Officer"));
        assert_eq!(john.role.as_deref(), Some("executive"));
        assert_eq!(t["mary lee"].role.as_deref(), Some("executive"));
        let bob = &t["bob chan"];
        assert_eq!(bob.role.as_deref(), Some("analyst"));
        assert_eq!(bob.affiliation.as_deref(), Some("Goldman Sachs"));
        assert_eq!(t["alice wu"].affiliation.as_deref(), Some("Morgan Stanley"));
        assert_eq!(t.len(), 4);
        assert!(!t.contains_key("press office"));
    }
}
