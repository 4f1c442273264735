//! The speaker registry: labels and aliases mapped to canonical people.
//!
//! `config/speakers.toml` is embedded (it ships with commented examples);
//! `--speakers FILE` adds entries that win over it. An entry may be limited
//! to sources matching globs, so the same label can be different people in
//! different archives. See the file's header for the format.

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use super::label::norm;

/// The embedded registry.
pub const DEFAULT_TOML: &str = include_str!("../../config/speakers.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    speaker: Vec<EntryToml>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryToml {
    labels: Vec<String>,
    name: Option<String>,
    role: Option<String>,
    title: Option<String>,
    affiliation: Option<String>,
    #[serde(default)]
    sources: Vec<String>,
}

/// One person of the registry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: Option<String>,
    pub role: Option<String>,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    keys: Vec<String>,
    sources: Option<GlobSet>,
}

/// The roles a registry entry may give.
pub const ROLES: &[&str] = &[
    "moderator",
    "official",
    "questioner",
    "host",
    "guest",
    "operator",
    "executive",
    "analyst",
    "judge",
    "counsel",
    "witness",
    "chair",
    "member",
    "participant",
    "unknown",
];

#[derive(Debug, Default, Clone)]
pub struct Registry {
    entries: Vec<Entry>,
}

impl Registry {
    /// The embedded registry plus the user's file (whose entries win).
    pub fn load(user: Option<&Path>) -> Result<Registry, String> {
        let mut r = Registry::parse(DEFAULT_TOML, "<default speakers>")?;
        if let Some(p) = user {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read speakers file {}: {e}", p.display()))?;
            let mut user = Registry::parse(&text, &p.display().to_string())?;
            user.entries.extend(r.entries);
            r = user;
        }
        Ok(r)
    }

    pub fn parse(text: &str, name: &str) -> Result<Registry, String> {
        let file: File = toml::from_str(text).map_err(|e| format!("speakers file {name}: {e}"))?;
        let mut entries = Vec::new();
        for (i, e) in file.speaker.into_iter().enumerate() {
            if let Some(role) = &e.role {
                if !ROLES.contains(&role.as_str()) {
                    return Err(format!(
                        "speakers file {name}: speaker[{i}].role: unknown role `{role}` (one of {})",
                        ROLES.join(", ")
                    ));
                }
            }
            if e.labels.is_empty() {
                return Err(format!("speakers file {name}: speaker[{i}].labels: empty"));
            }
            let sources = if e.sources.is_empty() {
                None
            } else {
                let mut b = GlobSetBuilder::new();
                for g in &e.sources {
                    b.add(Glob::new(g).map_err(|err| {
                        format!("speakers file {name}: speaker[{i}].sources: `{g}`: {err}")
                    })?);
                }
                Some(
                    b.build()
                        .map_err(|err| format!("speakers file {name}: {err}"))?,
                )
            };
            entries.push(Entry {
                name: e.name,
                role: e.role,
                title: e.title,
                affiliation: e.affiliation,
                keys: e.labels.iter().map(|l| norm(l)).collect(),
                sources,
            });
        }
        Ok(Registry { entries })
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry for a label (or a name) in a source, if any.
    pub fn lookup(&self, source: &str, label: &str, name: Option<&str>) -> Option<&Entry> {
        if self.entries.is_empty() {
            return None;
        }
        let l = norm(label);
        let n = name.map(norm);
        self.entries.iter().find(|e| {
            let key = e.keys.iter().any(|k| *k == l || Some(k) == n.as_ref());
            key && e.sources.as_ref().is_none_or(|g| g.is_match(source))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_by_label_alias_and_source() {
        let r = Registry::parse(
            r#"
[[speaker]]
labels = ["MR PRICE", "Ned Price"]
name = "Ned Price"
role = "moderator"
affiliation = "U.S. Department of State"
sources = ["**/state/**"]

[[speaker]]
labels = ["THE PRESIDENT"]
name = "Joe Biden"
"#,
            "t",
        )
        .unwrap();
        let e = r.lookup("a/state/b.txt", "MR. PRICE", None).unwrap();
        assert_eq!(e.name.as_deref(), Some("Ned Price"));
        assert!(r.lookup("a/other/b.txt", "MR PRICE", None).is_none());
        assert!(
            r.lookup("x/state/y", "SPOKESMAN", Some("Ned Price"))
                .is_some()
        );
        assert_eq!(
            r.lookup("-", "The President", None)
                .unwrap()
                .name
                .as_deref(),
            Some("Joe Biden")
        );
    }

    #[test]
    fn errors_name_the_entry() {
        let e = Registry::parse("[[speaker]]\nlabels = [\"X\"]\nrole = \"boss\"\n", "f.toml")
            .unwrap_err();
        assert!(e.contains("speaker[0].role") && e.contains("boss"), "{e}");
        assert!(Registry::parse(DEFAULT_TOML, "default").unwrap().is_empty());
    }
}
