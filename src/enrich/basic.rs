//! The basic fields every record has: `words` and `events`.
//!
//! `events` lists the bracketed non-speech notes in a turn as written
//! (`(Laughter.)`, `[inaudible]`, `{vocalsound}`): a span whose first word is an
//! event word from the config, or that is written in capitals. Redactions and
//! editorial brackets (`[senior administration official]`) are not events. An
//! event record (`"kind": "event"`) lists its own text.

use crate::config::Rules;
use crate::enrich::words;
use crate::format::text::is_event_note;
use crate::record::{Kind, Record};

pub fn apply(r: &mut Record, rules: &Rules) {
    // one pass counts the words and finds the first bracket
    let scan = words::scan(&r.text);
    r.words = scan.words;
    r.events = match (r.kind, scan.first_bracket) {
        (Kind::Event, _) => vec![r.text.clone()],
        (Kind::Turn, Some(from)) => events_from(&r.text, from, rules),
        (Kind::Turn, None) => Vec::new(),
    };
}

/// Bracketed non-speech notes in `text`, in order.
pub fn find_events(text: &str, rules: &Rules) -> Vec<String> {
    events_from(text, 0, rules)
}

/// [`find_events`] from byte `i` (no bracket before it).
fn events_from(text: &str, mut i: usize, rules: &Rules) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    while let Some(off) = memchr::memchr3(b'(', b'[', b'{', &bytes[i..]) {
        let open = i + off;
        let close_b = match bytes[open] {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        // a short span on one line, no nesting
        let limit = (open + 120).min(bytes.len());
        let rel = memchr::memchr(close_b, &bytes[open + 1..limit]);
        match rel {
            Some(r) => {
                let close = open + 1 + r;
                let inner = &text[open + 1..close];
                if !inner.contains(['(', '[', '{', '\n']) && is_event_note(inner, rules) {
                    out.push(text[open..=close].to_string());
                }
                i = close + 1;
            }
            None => i = open + 1,
        }
        if i >= bytes.len() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_notes_not_redactions() {
        let rules = Rules::default_rules();
        let ev = find_events(
            "Thanks (Laughter.) and [inaudible] but \\[senior administration official\\] said {vocalsound} (APPLAUSE) (see page 4)",
            &rules,
        );
        assert_eq!(
            ev,
            vec!["(Laughter.)", "[inaudible]", "{vocalsound}", "(APPLAUSE)"]
        );
        assert!(find_events("no notes here", &rules).is_empty());
        assert!(find_events("unclosed ( paren [", &rules).is_empty());
    }
}
