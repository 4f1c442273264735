//! What the speech says about who speaks next (or who spoke).
//!
//! - **Introductions** at the end of a moderator's, host's, chair's or
//!   operator's turn: `We'll start with Francesco Fontemaggi of the AFP.`,
//!   `Will Mauldin of The Wall Street Journal.`, `We have time for one final
//!   question from Pontus Ahlkvist of TT.`, `Our next question comes from the
//!   line of X with Y.`, `Go ahead, X.`, `We'll now go to Mr. Epp.` Only these
//!   shapes count: a name merely mentioned (`I'd like to thank Ann Linde`)
//!   introduces nobody.
//! - **Vocatives** at the start of an answer (`Thanks, Will.`): a first name
//!   that confirms (or, with nothing else, supplies) the questioner.
//! - **Self-introductions** (`I'm Lester Holt, anchor of ...`) when the name's
//!   surname is the label's.
//! - **Courts**: `CROSS EXAMINATION BY MR. BLANCHE:` names who asks the `Q`
//!   questions; `GARY FARRO, called as a witness` who gives the `A` answers.

use std::sync::OnceLock;

use regex::Regex;

/// A person introduced to speak next.
#[derive(Debug, Clone, PartialEq)]
pub struct Introduced {
    pub name: String,
    pub affiliation: Option<String>,
}

// Letters here are the Latin ones (ASCII, Latin-1, Latin Extended-A and -B),
// not `\p{L}`: names in English transcripts are written in Latin script, and
// the Unicode classes made these patterns' automata so large that building
// their states cost more than all the rest of segmentation (measured with
// callgrind: 30 instructions per input byte).
const NAME: &str = r"(?:(?:Mr|Ms|Mrs|Dr|Miss|Professor|Prof|Senator|Congressman|Congresswoman|Rep|Minister|Ambassador)\.?\s+)?[A-Z\x{C0}-\x{D6}\x{D8}-\x{DE}\x{100}-\x{24F}][A-Za-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}'’-]*\.?(?:\s+(?:[A-Z\x{C0}-\x{D6}\x{D8}-\x{DE}\x{100}-\x{24F}]\.|[A-Z\x{C0}-\x{D6}\x{D8}-\x{DE}\x{100}-\x{24F}][A-Za-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}'’-]+|de|van|von|da|di|del|la|le|bin|al|dos|das))*";
const ORG: &str = r"(?:[Tt]he\s+)?[A-Z\x{C0}-\x{D6}\x{D8}-\x{DE}\x{100}-\x{24F}0-9][A-Za-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}0-9&'’.-]*(?:\s+(?:of|for|and|the|on|in|&|de|[A-Z\x{C0}-\x{D6}\x{D8}-\x{DE}\x{100}-\x{24F}0-9][A-Za-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}0-9&'’.-]*))*";

/// An organisation is at most this many words after an optional `The`
/// (checked after matching: a bounded repetition of Unicode classes in
/// [`ORG`] would cost a large automaton to compile at start-up).
const ORG_MAX_WORDS: usize = 8;

/// `org` cut to [`ORG_MAX_WORDS`] words (and a leading `The`).
fn org_prefix(org: &str) -> &str {
    let mut limit = ORG_MAX_WORDS;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in org.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words == 1
                && org[i..]
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case("the "))
            {
                limit += 1;
            }
            if words > limit {
                return org[..i].trim_end();
            }
        }
    }
    org
}

struct Patterns {
    lead_in: Regex,
    whole: Regex,
    go_ahead_after: Regex,
    go_ahead_before: Regex,
    vocative: Regex,
    self_intro: Regex,
    self_id: Regex,
    examination: Regex,
    by_line: Regex,
    witness: Regex,
    caps_witness: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        // the lazy DFA's cache limit is a ceiling, not an allocation: at
        // 256 KB the caches of these Unicode-class patterns filled, were
        // cleared and rebuilt over and over (state construction was most of
        // their cost); at 8 MB they settle, and peak RSS is unchanged
        // (`benches/segment.sh`, `benches/batch.sh`)
        let re = |s: String| {
            regex::RegexBuilder::new(&s)
                .dfa_size_limit(8 << 20)
                .build()
                .expect("introduction pattern")
        };
        Patterns {
            // `... start with NAME of ORG`, `... question from NAME of ORG`,
            // `... from the line of NAME with ORG`, `We'll now go to Mr. Epp`
            lead_in: re(format!(
                r"(?i:(?-u:\b)(?:start|begin|go|turn|move on|come back|head|go back|over)\s+(?:first\s+|now\s+)?(?:with|to)|(?-u:\b)question\s+(?:today\s+)?(?:comes\s+|is\s+|will come\s+|goes\s+)?(?:from|to)|(?-u:\b)from the line of|(?-u:\b)give the floor to|(?-u:\b)floor (?:goes )?to|(?-u:\b)hand (?:it )?over to|(?-u:\b)recogni[sz]e)\s+(?P<name>{NAME})(?:,?\s+(?:of|from|with|at)\s+(?P<org>{ORG})|,\s+(?P<corg>{ORG})[.?!]?\s*$)?"
            )),
            // the whole sentence is `NAME of ORG.`
            whole: re(format!(r"^(?P<name>{NAME}),?\s+(?:of|from|with)\s+(?P<org>{ORG})[.!]?$")),
            // `Go ahead, Kaitlan.`, `Please go ahead, Mr. Epp.`
            go_ahead_after: re(format!(
                r"(?i:(?-u:\b)(?:go ahead|you're on|you are on|your line is (?:now )?open|the floor is yours|you have the floor))[,.]?\s+(?P<name>{NAME})"
            )),
            // `Kaitlan, go ahead.`
            go_ahead_before: re(format!(
                r"(?:^|[.?!]\s+)(?:(?:Okay|OK|Ok|All right|Alright|Yes|Yeah|So|And|Great|Sure|Right),\s+)?(?P<name>{NAME}),\s+(?i:(?:please\s+)?go ahead|you're on|you have the floor)"
            )),
            vocative: re(String::from(
                r"^(?i:thanks|thank you|thanks so much|thank you so much|thanks very much|thank you very much|yes|yeah|okay|ok|sure|well|great|hi|hey|good morning|good afternoon|good question)(?:,|\s)\s*(?P<name>[A-Z\x{C0}-\x{D6}\x{D8}-\x{DE}\x{100}-\x{24F}][a-z\x{DF}-\x{F6}\x{F8}-\x{FF}\x{100}-\x{24F}'’-]+)[.,!?]",
            )),
            self_intro: re(format!(
                r"(?i:(?-u:\b)(?:i'm|i’m|i am|my name is|this is))\s+(?P<name>{NAME})"
            )),
            // a questioner's own `Tom Bowman, NPR.`, `Hi, Jane Doe with
            // Reuters.` as a sentence of its own
            self_id: re(format!(
                r"(?:^|[.?!]\s+)(?:(?i:hi|hello|hey|yes|yeah|sure|thanks|thank you|good morning|good afternoon|good evening)[,.!]?\s+)?(?:(?i:i'm|i’m|this is|it's|it’s)\s+)?(?P<name>{NAME})(?:,\s+|\s+(?:with|from|of|at)\s+)(?P<org>{ORG})(?:\s+(?:magazine|newspaper|radio|television|tv|news|network|channel|newswire))?[.?!]"
            )),
            examination: re(String::from(
                r"(?i)(?-u:\b)(?:direct|cross|redirect|recross|re-direct|re-cross|further)[- ]?(?:-?\s*)examination(?-u:\b)(?:\s+by\s+(?P<name>(?:mr|ms|mrs|dr|miss)\.?\s+[A-Za-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}'’-]+))?",
            )),
            by_line: re(String::from(r"(?i)^by\s+(?P<name>(?:mr|ms|mrs|dr|miss)\.?\s+[A-Za-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}'’-]+):?$")),
            // federal court: `MARY CHEN, GOVERNMENT'S WITNESS, SWORN`
            caps_witness: re(String::from(
                r"(?-u:\b)(?P<name>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]*){1,4}), (?:[A-Z'’]+ ){0,3}WITNESS,? (?:PREVIOUSLY )?(?:SWORN|AFFIRMED)(?-u:\b)",
            )),
            witness: re(String::from(
                r"(?P<name>[A-Z\x{C0}-\x{D6}\x{D8}-\x{DE}\x{100}-\x{24F}][A-Za-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F} .'’-]{2}[A-Za-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F} .'’-]*?),?\s+(?:(?:having been|being)\s+)?(?:first\s+)?(?:duly\s+)?(?:called as a witness|called by|sworn|affirmed)(?-u:\b)",
            )),
        }
    })
}

/// Words that are never a person's name in an introduction.
fn not_a_name(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    // `I’ll`, `You’re`, `We’re`: a pronoun with a contraction
    let first = first.split(['\'', '’']).next().unwrap_or("");
    if matches!(
        first,
        "oh" | "uh"
            | "uh-huh"
            | "um"
            | "ah"
            | "hmm"
            | "mm"
            | "wow"
            | "mhm"
            | "because"
            | "if"
            | "when"
            | "as"
            | "or"
    ) {
        return true;
    }
    matches!(
        first.trim_end_matches('.'),
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "everyone"
            | "everybody"
            | "all"
            | "you"
            | "we"
            | "i"
            | "it"
            | "our"
            | "your"
            | "my"
            | "his"
            | "her"
            | "their"
            | "next"
            | "questions"
            | "question"
            | "q"
            | "madam"
            | "sir"
            | "folks"
            | "guys"
            | "thanks"
            | "thank"
            | "go"
            | "yes"
            | "yeah"
            | "no"
            | "okay"
            | "ok"
            | "well"
            | "so"
            | "and"
            | "but"
            | "please"
            | "right"
            | "sure"
            | "great"
            | "hi"
            | "hello"
            | "let"
            | "let's"
            | "now"
            | "then"
            | "here"
            | "there"
            | "what"
            | "why"
            | "how"
            | "who"
            | "sorry"
            | "again"
            | "just"
            | "one"
            | "two"
            | "last"
            | "first"
            | "final"
            | "back"
            | "over"
            | "ahead"
            | "in"
    )
}

/// The last sentence (or two) of a turn, where introductions stand.
/// How much of the end of a turn is searched for an introduction.
const TAIL_BYTES: usize = 400;

fn tail(text: &str) -> &str {
    let t = text.trim_end();
    let cut = t.len().saturating_sub(TAIL_BYTES);
    let mut start = cut;
    while !t.is_char_boundary(start) {
        start += 1;
    }
    &t[start..]
}

fn clean_org(org: &str) -> String {
    // the organisation ends at a sentence end (`Raymond James. Please go
    // ahead`), not at an abbreviation (`U.S. News`, `Co. Ltd`)
    let mut o = org.trim();
    let mut from = 0;
    while let Some(p) = o[from..].find(". ") {
        let at = from + p;
        let word = o[..at].rsplit(' ').next().unwrap_or("");
        if word.chars().filter(|c| c.is_alphabetic()).count() > 3 {
            o = &o[..at];
            break;
        }
        from = at + 2;
    }
    let o = o.trim_end_matches(['.', ',', '!', '?']);
    // `of the AFP` -> AFP, but `The Wall Street Journal` keeps its article
    o.strip_prefix("the ").unwrap_or(o).to_string()
}

fn clean_name(name: &str) -> String {
    let mut name = name.trim();
    // `Trevor.  Trevor`, `Sara.  You`: a name ends at a sentence end; the
    // dot of an initial (`J.`) or an honorific (`Mr.`) is not one
    // (any white space after the dot: no-break spaces are common)
    let mut from = 0;
    while let Some(p) = name[from..]
        .char_indices()
        .zip(name[from..].chars().skip(1))
        .find(|((_, c), next)| *c == '.' && next.is_whitespace())
        .map(|((i, _), _)| i)
    {
        let at = from + p;
        let word = name[..at].rsplit(char::is_whitespace).next().unwrap_or("");
        let honorific = matches!(
            word,
            "Mr" | "Ms" | "Mrs" | "Dr" | "Prof" | "Rep" | "Sen" | "Gov" | "Gen" | "St"
        );
        if word.chars().count() > 1 && !honorific {
            name = &name[..at];
            break;
        }
        from = at + 1;
    }
    name.trim().trim_end_matches(['.', ',']).to_string()
}

/// Is a name good enough for an introduction? Two words, or an honorific
/// and a surname; `single_ok` allows one word (`Go ahead, Will.`).
fn name_ok(name: &str, single_ok: bool) -> bool {
    if not_a_name(name) {
        return false;
    }
    let words = name.split_whitespace().count();
    // `go to North Carolina` names a place; a one-word name that is also a
    // place (`Jordan`, `Georgia`) is a person often enough to keep
    if words >= 2 && is_place(name) {
        return false;
    }
    words >= 2 || single_ok
}

/// A country, capital or subdivision name of two words or more, exactly as
/// the entity gazetteers (`config/gazetteers`) write it.
fn is_place(name: &str) -> bool {
    static PLACES: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    PLACES
        .get_or_init(|| {
            let mut set = rustc_hash::FxHashSet::default();
            let lists = crate::enrich::entities::gazetteer::BUILTIN.iter();
            for (_, file) in
                lists.filter(|(n, _)| matches!(*n, "countries.tsv" | "subdivisions.tsv"))
            {
                for line in file.lines().filter(|l| !l.starts_with('#')) {
                    let first = line.split('\t').next().unwrap_or("");
                    let place = first.split(" [").next().unwrap_or("").trim();
                    if place.contains(' ') {
                        set.insert(place);
                    }
                }
            }
            set
        })
        .contains(name)
}

/// Cheap literal triggers (in lower case) for the lead-in pattern (`start
/// with`, `question from`, ...) and for the go-ahead patterns: most turns end
/// with none of them, and then no regex runs at all. They mirror the
/// alternatives of the patterns above; keep the two in step.
///
/// Each family is one automaton searched for its leftmost match (not one
/// automaton over both, walked match by match: a turn's tail is full of the
/// common words that start a trigger, `question`, `hand`, `go`, and the
/// walk cost more than the regexes it saved).
struct Triggers {
    lead: aho_corasick::AhoCorasick,
    ahead: aho_corasick::AhoCorasick,
}

fn trigger_set() -> &'static Triggers {
    static T: OnceLock<Triggers> = OnceLock::new();
    T.get_or_init(|| {
        let mut pats: Vec<String> = Vec::new();
        for v in [
            "start",
            "begin",
            "go",
            "turn",
            "move on",
            "come back",
            "head",
            "go back",
            "over",
        ] {
            for mid in ["", "first ", "now "] {
                for p in ["with", "to"] {
                    pats.push(format!("{v} {mid}{p}"));
                }
            }
        }
        for w in [
            "question",
            "line of",
            "floor to",
            "floor goes to",
            "hand",
            "recogni",
        ] {
            pats.push(w.to_string());
        }
        let n_lead = pats.len();
        for w in [
            "go ahead",
            "you're on",
            "you’re on",
            "you are on",
            "your line",
            "the floor is yours",
            "you have the floor",
        ] {
            pats.push(w.to_string());
        }
        let build = |p: &[String]| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(p)
                .expect("trigger set")
        };
        Triggers {
            lead: build(&pats[..n_lead]),
            ahead: build(&pats[n_lead..]),
        }
    })
}

/// Where the first trigger of each family occurs in `t` (byte offsets):
/// (lead-in, go-ahead).
fn triggers(t: &str) -> (Option<usize>, Option<usize>) {
    // ASCII lower case with white space (no-break spaces too: transcripts put
    // them anywhere) squeezed to one space; `at[i]` is the offset in `t` of
    // `lower[i]`
    let b = t.as_bytes();
    // `t` is a turn's tail (at most TAIL_BYTES): a buffer on the stack
    let mut buf = [0u8; TAIL_BYTES];
    let mut n = 0;
    let mut last_space = false;
    let mut i = 0;
    // one table lookup a byte and no branch on white space (which is as
    // unpredictable as the words' lengths): a space after a space is written
    // and not counted
    const MAP: [u8; 256] = {
        let mut m = [0u8; 256];
        let mut c = 0;
        while c < 256 {
            let b = c as u8;
            m[c] = if b.is_ascii_whitespace() {
                b' '
            } else {
                b.to_ascii_lowercase()
            };
            c += 1;
        }
        m
    };
    // most tails have no no-break space: a loop without the test for one
    if memchr::memchr(0xC2, b).is_none() {
        for (&c, _) in b.iter().zip(0..buf.len()) {
            let m = MAP[c as usize];
            let space = m == b' ';
            // (n <= the bytes read so far < buf.len())
            buf[n] = m;
            n += usize::from(!(space && last_space));
            last_space = space;
        }
        i = b.len().min(buf.len());
    }
    while i < b.len() && n < buf.len() {
        let c = b[i];
        if c == 0xC2 && b.get(i + 1) == Some(&0xA0) {
            // a no-break space
            buf[n] = b' ';
            n += usize::from(!last_space);
            last_space = true;
            i += 2;
            continue;
        }
        let m = MAP[c as usize];
        let space = m == b' ';
        buf[n] = m;
        n += usize::from(!(space && last_space));
        last_space = space;
        i += 1;
    }
    let lower = &buf[..n];
    let set = trigger_set();
    // the first of each family, mapped back
    let first = |ac: &aho_corasick::AhoCorasick| ac.find(lower).map(|m| offset_in(b, m.start()));
    (first(&set.lead), first(&set.ahead))
}

/// The offset in `b` of byte `k` of its squeezed lower-case copy (see
/// `triggers`): walked again for the few matches rather than recorded for
/// every byte.
fn offset_in(b: &[u8], k: usize) -> usize {
    let (mut i, mut n, mut last_space) = (0, 0, false);
    while i < b.len() {
        let c = b[i];
        let ws = c.is_ascii_whitespace() || (c == 0xC2 && b.get(i + 1) == Some(&0xA0));
        if ws && last_space {
            i += if c == 0xC2 { 2 } else { 1 };
            continue;
        }
        if n == k {
            return i;
        }
        n += 1;
        last_space = ws;
        i += if ws && c == 0xC2 { 2 } else { 1 };
    }
    b.len()
}

/// The start of the sentence around byte `pos` of `t`, or a little before.
fn sentence_start(t: &str, pos: usize) -> usize {
    let mut from = pos.saturating_sub(120);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    memchr::memrchr3(b'.', b'?', b'!', &t.as_bytes()[from..pos]).map_or(from, |i| from + i)
}

/// The person the end of `text` introduces to speak next, if any.
pub fn introduction(text: &str) -> Option<Introduced> {
    let p = patterns();
    let t = tail(text);
    let last = last_sentence(t);
    // `Name Surname of Outlet.`: short, starts with two capitalised words
    let short_whole = last.len() <= 120
        && last.split_whitespace().count() <= 12
        && {
            let mut w = last.split_whitespace();
            let cap = |x: Option<&str>| {
                x.and_then(|x| x.chars().next())
                    .is_some_and(char::is_uppercase)
            };
            cap(w.next()) && cap(w.next())
        }
        // words, not `" of "`: transcripts put no-break spaces anywhere
        && last
            .split_whitespace()
            .any(|w| matches!(w, "of" | "from" | "with"));
    let (lead, ahead) = triggers(t);
    if !short_whole && lead.is_none() && ahead.is_none() {
        return None;
    }
    // the last sentence alone: `Will Mauldin of The Wall Street Journal.`
    if let Some(c) = short_whole.then(|| p.whole.captures(last)).flatten() {
        let name = clean_name(&c["name"]);
        let org_fits = c
            .name("org")
            .is_none_or(|o| org_prefix(o.as_str()).len() == o.as_str().len());
        if org_fits && name_ok(&name, false) {
            return Some(Introduced {
                name,
                affiliation: c.name("org").map(|o| clean_org(o.as_str())),
            });
        }
    }
    let mut best: Option<(usize, Introduced)> = None;
    // each pattern searched from its first trigger (`Kaitlan, go ahead`
    // from the start of the trigger's sentence)
    for (re, single_ok, from) in [
        (&p.lead_in, false, lead),
        (&p.go_ahead_after, true, ahead),
        (
            &p.go_ahead_before,
            true,
            ahead.map(|a| sentence_start(t, a)),
        ),
    ] {
        let Some(from) = from else {
            continue;
        };
        // overlapping search: a rejected match (`Go ahead. Go`) must not hide
        // the one after it (`Go ahead, Adam`)
        let mut pos = from;
        while let Some(c) = re.captures_at(t, pos) {
            let m0 = c.get(0).expect("match");
            pos = m0.start() + 1;
            while pos < t.len() && !t.is_char_boundary(pos) {
                pos += 1;
            }
            let name = clean_name(&c["name"]);
            if !name_ok(&name, single_ok) {
                if pos >= t.len() {
                    break;
                }
                continue;
            }
            let at = c.get(0).map_or(0, |m| m.start());
            if best.as_ref().is_none_or(|(b, _)| at >= *b) {
                let org = c.name("org").map(|o| org_prefix(o.as_str())).or_else(|| {
                    // anchored at the end: longer means no match
                    c.name("corg")
                        .map(|o| o.as_str())
                        .filter(|o| org_prefix(o).len() == o.len())
                });
                best = Some((
                    at,
                    Introduced {
                        name,
                        affiliation: org.map(clean_org),
                    },
                ));
            }
            if pos >= t.len() {
                break;
            }
        }
    }
    best.map(|(_, i)| i)
}

fn last_sentence(t: &str) -> &str {
    let t = t.trim();
    let body = t.trim_end_matches(['.', '!', '?']);
    let start = rfind_end(body, b'.')
        .or_else(|| rfind_end(body, b'?'))
        .or_else(|| rfind_end(body, b'!'))
        .map_or(0, |i| i + 2);
    t[start..].trim()
}

/// The last `mark` followed by a space in `s` (`s.rfind(". ")` for `.`, by
/// the rarer byte first).
fn rfind_end(s: &str, mark: u8) -> Option<usize> {
    let b = s.as_bytes();
    let mut end = b.len();
    while let Some(p) = memchr::memrchr(mark, &b[..end]) {
        if b.get(p + 1) == Some(&b' ') {
            return Some(p);
        }
        end = p;
    }
    None
}

/// A first name addressed at the start of a turn (`Thanks, Will.`).
pub fn vocative(text: &str) -> Option<String> {
    let c = patterns().vocative.captures(text.trim_start())?;
    let name = c["name"].to_string();
    let lower = name.to_lowercase();
    if matches!(
        lower.as_str(),
        "everyone"
            | "everybody"
            | "all"
            | "guys"
            | "folks"
            | "sir"
            | "madam"
            | "ma'am"
            | "mr"
            | "ms"
            | "mrs"
            | "dr"
            | "again"
            | "so"
            | "and"
            | "but"
            | "the"
            | "very"
            | "you"
            | "for"
            | "that"
            | "this"
            | "first"
            | "let"
            | "i"
            | "we"
    ) {
        return None;
    }
    Some(name)
}

/// `I'm Lester Holt, ...` in a turn by `HOLT`: the full name, when its surname
/// is the label's.
pub fn self_introduction(text: &str, surname: &str) -> Option<String> {
    let head = &text[..text.len().min(300)];
    let mut end = head.len();
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    for c in patterns().self_intro.captures_iter(&text[..end]) {
        let name = clean_name(&c["name"]);
        let last = name.split_whitespace().last().unwrap_or("").to_lowercase();
        if name.split_whitespace().count() >= 2 && last.trim_end_matches(['.', ',']) == surname {
            return Some(name);
        }
    }
    None
}

/// A questioner naming themselves and their outlet near the start of their
/// own turn (`Thank you, Mr. Secretary. Tom Bowman, NPR.`, `Hi, Jane Doe
/// with Reuters.`): press briefings where no one introduces the questioner.
pub fn self_identification(text: &str) -> Option<Introduced> {
    let mut end = text.len().min(240);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    // cheap test first (most questions have no such sentence): a
    // capitalised word, then `, ` or ` with `/` from `/` of `/` at `, then a
    // capital or a digit
    if !name_then_org(head.as_bytes()) {
        return None;
    }
    // overlapping: `Mr. Secretary. Tom Bowman, NPR.` first matches with the
    // title in the name, and is rejected; the next try starts after it
    let mut pos = 0;
    while let Some(c) = patterns().self_id.captures_at(head, pos) {
        pos = c.get(0).map_or(head.len(), |m| m.start() + 1);
        while pos < head.len() && !head.is_char_boundary(pos) {
            pos += 1;
        }
        let name = clean_name(&c["name"]);
        let org = org_prefix(c["org"].trim());
        // `Mr. Secretary, Iran.`: a title is not a questioner's name
        let titled = name.split_whitespace().any(|w| {
            matches!(
                w.trim_end_matches('.').to_ascii_lowercase().as_str(),
                "secretary"
                    | "president"
                    | "minister"
                    | "ambassador"
                    | "general"
                    | "admiral"
                    | "chairman"
                    | "chair"
                    | "director"
                    | "speaker"
                    | "senator"
                    | "governor"
            )
        });
        // `On Yemen, U.S. policy ...`: a sentence's first word
        let first = name.split_whitespace().next().unwrap_or("");
        let sentence = matches!(
            first.to_ascii_lowercase().as_str(),
            "on" | "in"
                | "and"
                | "so"
                | "but"
                | "the"
                | "for"
                | "to"
                | "with"
                | "about"
                | "regarding"
                | "as"
                | "at"
                | "if"
                | "now"
                | "then"
                | "also"
                | "just"
                | "first"
                | "second"
                | "finally"
                | "lastly"
                | "okay"
                | "ok"
                | "well"
                | "what"
                | "why"
                | "how"
                | "when"
                | "where"
                | "who"
                | "is"
                | "are"
                | "can"
                | "could"
                | "will"
                | "would"
                | "do"
                | "does"
                | "did"
                | "my"
                | "our"
                | "your"
                | "one"
                | "two"
        );
        if !titled && !sentence && !name.contains(". ") && name_ok(&name, false) && !org.is_empty()
        {
            return Some(Introduced {
                name,
                affiliation: Some(clean_org(org)),
            });
        }
        if pos >= head.len() {
            break;
        }
    }
    None
}

/// Is there `Word, Org` or `Word with Org` (`from`, `of`, `at`) in `b`: the
/// shape [`self_identification`]'s pattern needs, found without it (at each
/// comma and space, a look at the bytes around).
fn name_then_org(b: &[u8]) -> bool {
    let upper = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    // the word ending just before `end` starts with a capital
    let capitalised_before = |end: usize| {
        let start = b[..end]
            .iter()
            .rposition(|c| *c == b' ')
            .map_or(0, |p| p + 1);
        start < end && upper(start)
    };
    // an organisation starts at `i`: `Reuters`, `the Africa Report`
    let org = |i: usize| {
        let i = match b.get(i..i + 4) {
            Some(b"the ") | Some(b"The ") => i + 4,
            _ => i,
        };
        upper(i)
    };
    for i in memchr::memchr2_iter(b',', b' ', b) {
        if b[i] == b',' {
            if b.get(i + 1) == Some(&b' ') && org(i + 2) && capitalised_before(i) {
                return true;
            }
            continue;
        }
        let rest = &b[i + 1..];
        let link = [&b"with "[..], b"from ", b"of ", b"at "]
            .into_iter()
            .find(|w| rest.starts_with(w));
        if let Some(w) = link {
            if org(i + 1 + w.len()) && capitalised_before(i) {
                return true;
            }
        }
    }
    false
}

/// Who argues next, from a court transcript's headings (`ORAL ARGUMENT OF
/// DANIEL R. OKONKWO` then `ON BEHALF OF THE PETITIONERS`): the name, and
/// the side (`Petitioners`) when a heading gives it.
pub fn arguing_counsel<S: AsRef<str>>(
    lines: impl IntoIterator<Item = S>,
) -> Option<(String, Option<String>)> {
    let mut found: Option<(String, Option<String>)> = None;
    for l in lines {
        let l = l.as_ref().trim();
        let (head, behalf) = match l.find("ON BEHALF OF ") {
            Some(at) => (l[..at].trim_end(), Some(&l[at + "ON BEHALF OF ".len()..])),
            None => (l, None),
        };
        for p in [
            "ORAL ARGUMENT OF ",
            "REBUTTAL ARGUMENT OF ",
            "ORAL ARGUMENT BY ",
        ] {
            if let Some(rest) = head.strip_prefix(p) {
                let name = rest.trim_end_matches([',', '.', ':', ' ']);
                let name = name.strip_suffix(", ESQ").unwrap_or(name);
                if !name.is_empty() {
                    found = Some((super::label::display(name), None));
                }
            }
        }
        if let (Some(side), Some(f)) = (behalf, found.as_mut()) {
            let side = side.strip_prefix("THE ").unwrap_or(side);
            let side = side
                .split(',')
                .next()
                .unwrap_or(side)
                .trim_end_matches(['.', ' ']);
            if !side.is_empty() {
                f.1 = Some(super::label::display(side));
            }
        }
    }
    found
}

/// Who examines, from a heading (`CROSS EXAMINATION BY MR. BLANCHE:`, or
/// `DIRECT EXAMINATION` then `BY MR. STEINGLASS:`).
pub fn examiner<S: AsRef<str>>(lines: impl IntoIterator<Item = S>) -> Option<String> {
    let p = patterns();
    let mut seen_exam = false;
    let mut found = None;
    for l in lines {
        let l = l.as_ref().trim();
        // cheap exact prefilters: the patterns need `examination` (ASCII
        // letters, case folded) or a line starting `by`
        let exam = contains_ascii_ci(l.as_bytes(), b"xamination");
        let by = l
            .as_bytes()
            .get(..2)
            .is_some_and(|b| b.eq_ignore_ascii_case(b"by"));
        if !exam && !by {
            continue;
        }
        if let Some(c) = exam.then(|| p.examination.captures(l)).flatten() {
            seen_exam = true;
            if let Some(n) = c.name("name") {
                found = Some(super::label::display(n.as_str()));
            }
        }
        if let Some(c) = by.then(|| p.by_line.captures(l)).flatten() {
            if seen_exam || found.is_none() {
                found = Some(super::label::display(&c["name"]));
            }
        }
    }
    found.map(|n| n.trim_end_matches(':').to_string())
}

/// `needle` (lower-case ASCII) in `hay`, ASCII case ignored.
fn contains_ascii_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len()
        && hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// The witness named in a line like `GARY FARRO, called as a witness by the
/// People, having been first duly sworn, testified as follows:`.
pub fn witness(text: &str) -> Option<String> {
    if text.len() <= 400 && text.contains("WITNESS") {
        if let Some(c) = patterns().caps_witness.captures(text) {
            let name = super::label::display(&c["name"]);
            if !not_a_name(&name) {
                return Some(name);
            }
        }
    }
    // a witness line is short and says so; `witness` alone is common speech
    if text.len() > 400
        || !(text.contains("called as a witness")
            || text.contains("duly sworn")
            || text.contains("having been sworn")
            || text.contains("affirmed"))
    {
        return None;
    }
    let c = patterns().witness.captures(text)?;
    // the name is the last sentence before `, called as a witness` (`The
    // government calls Jane Roe. JANE ROE, called as a witness`)
    let raw = c["name"].trim();
    let raw = raw.rsplit(". ").next().unwrap_or(raw).trim();
    // at most 61 characters (not a bounded repetition in the pattern: see
    // ORG_MAX_WORDS)
    if raw.chars().count() > 61 {
        return None;
    }
    // `G A R Y   F A R R O`: letters spaced out
    let collapsed = if raw
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| w.chars().count() == 1)
    {
        raw.split("  ")
            .map(|w| w.split_whitespace().collect::<String>())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        raw.to_string()
    };
    let name = super::label::display(&collapsed);
    let words = name.split_whitespace().count();
    ((2..=5).contains(&words) && !not_a_name(&name)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questioners_name_themselves() {
        let who = |t: &str| self_identification(t).map(|i| (i.name, i.affiliation));
        let pair = |n: &str, o: &str| Some((n.to_string(), Some(o.to_string())));
        assert_eq!(
            who("Thank you, Mr. Secretary. Tom Bowman, NPR. Can you talk about it?"),
            pair("Tom Bowman", "NPR")
        );
        assert_eq!(
            who("Hi, Jane Doe with Reuters. Two questions."),
            pair("Jane Doe", "Reuters")
        );
        assert_eq!(
            who("Yes, this is Ali Khan from The Daily Star. Thank you."),
            pair("Ali Khan", "The Daily Star")
        );
        assert!(name_then_org(b"Hi, Jane Doe with the Times."));
        assert!(name_then_org(b"Tom Bowman, NPR."));
        assert!(!name_then_org(b"Thank you, Karine. On the budget, why?"));
        // no name: a title, a place, a sentence
        assert_eq!(who("Mr. Secretary, Iran. What now?"), None);
        assert_eq!(who("Thank you, sir. On Ukraine, what is next?"), None);
        assert_eq!(who("So, North Carolina, Georgia. Which one?"), None);
        assert_eq!(who("Yes. What about the budget?"), None);
        assert_eq!(who("Thanks. On Yemen, U.S. policy is unclear."), None);
        assert_eq!(
            who("Hi.  Good morning.  This is Kemi Osei with the Africa Report magazine.\nHello?"),
            pair("Kemi Osei", "Africa Report")
        );
    }

    fn intro(t: &str) -> Option<(String, Option<String>)> {
        introduction(t).map(|i| (i.name, i.affiliation))
    }

    #[test]
    fn places_are_not_introduced() {
        assert_eq!(
            intro(
                "Well, as you know, the President is going to go to North Carolina tomorrow.\u{a0} So, that’s going to be an important trip.\nOkay.\u{a0} Go ahead.\u{a0} Yeah."
            ),
            None
        );
        assert!(is_place("North Carolina") && is_place("Saudi Arabia"));
        // one word that is also a place is still a name
        assert_eq!(intro("Go ahead, Jordan."), Some(("Jordan".into(), None)));
    }

    #[test]
    fn introduction_patterns() {
        assert_eq!(
            intro(
                "We have time for a few questions today.  We’ll start with Francesco Fontemaggi of the AFP."
            ),
            Some(("Francesco Fontemaggi".into(), Some("AFP".into())))
        );
        assert_eq!(
            intro("Will Mauldin of The Wall Street Journal."),
            Some((
                "Will Mauldin".into(),
                Some("The Wall Street Journal".into())
            ))
        );
        assert_eq!(
            intro("We have time for one final question from Pontus Ahlkvist of TT."),
            Some(("Pontus Ahlkvist".into(), Some("TT".into())))
        );
        assert_eq!(
            intro(
                "Thank you. Our next question comes from the line of Bobby Griffin with Raymond James. Please go ahead."
            ),
            Some(("Bobby Griffin".into(), Some("Raymond James".into())))
        );
        assert_eq!(
            intro("Okay. Go ahead, Kaitlan."),
            Some(("Kaitlan".into(), None))
        );
        assert_eq!(
            intro("Thank you. We'll now go to Mr. Epp."),
            Some(("Mr. Epp".into(), None))
        );
        assert_eq!(intro("Steve, go ahead."), Some(("Steve".into(), None)));
        assert_eq!(
            intro("Hi everyone.  Okay, Zeke, go ahead."),
            Some(("Zeke".into(), None))
        );
        assert_eq!(
            intro("Go ahead.  We have to keep going.  Go ahead.  Go ahead, Adam."),
            Some(("Adam".into(), None))
        );
        assert_eq!(intro("No, go ahead."), None);
        // fillers, contractions and the next sentence are no names
        assert_eq!(intro("Go ahead. Oh, wait."), None);
        assert_eq!(intro("Okay, go ahead. I’ll take one more."), None);
        assert_eq!(
            intro("Go ahead, Trevor.\u{a0} Trevor, you first."),
            Some(("Trevor".into(), None))
        );
        assert_eq!(
            intro("We'll start with Carter G. Phillips of Sidley."),
            Some(("Carter G. Phillips".into(), Some("Sidley".into())))
        );
        // no-break spaces between words (as in the seed briefing)
        assert_eq!(
            intro("Will Mauldin of\u{a0}The Wall Street Journal."),
            Some((
                "Will Mauldin".into(),
                Some("The Wall Street Journal".into())
            ))
        );
        assert_eq!(
            intro("We\u{a0}will start\u{a0}with Ann Lee of Reuters."),
            Some(("Ann Lee".into(), Some("Reuters".into())))
        );
        // runs of white space and line breaks between a trigger's words (no
        // no-break space: the other way through `triggers`), and a tail that
        // starts well into a long turn
        let long = format!(
            "{} We will  start\nwith Ann Lee of Reuters.",
            "Words before it. ".repeat(40)
        );
        assert_eq!(
            intro(&long),
            Some(("Ann Lee".into(), Some("Reuters".into())))
        );
        assert_eq!(
            intro("Words.\n\nGo ahead,\tTrevor."),
            Some(("Trevor".into(), None))
        );
        assert_eq!(
            intro("Let’s go to Sheryl Stolberg, New York Times."),
            Some(("Sheryl Stolberg".into(), Some("New York Times".into())))
        );
    }

    #[test]
    fn mentions_are_not_introductions() {
        for t in [
            "I'd like to thank Ann Linde, the foreign minister of Sweden.",
            "I met with Foreign Minister Lavrov from Russia.",
            "We'll go to Vienna next week.",
            "Thank you very much, Mr. Secretary.  Thank you, everyone.",
            "The President will travel to Stockholm.",
        ] {
            assert_eq!(intro(t), None, "{t}");
        }
    }

    #[test]
    fn vocatives() {
        assert_eq!(
            vocative("Thanks, Will.  So as we’ve been"),
            Some("Will".into())
        );
        assert_eq!(
            vocative("Thanks, Missy.  So as you know"),
            Some("Missy".into())
        );
        assert_eq!(vocative("Thanks, everyone."), None);
        assert_eq!(vocative("Thank you, Mr. Secretary."), None);
        assert_eq!(vocative("So as I said"), None);
    }

    #[test]
    fn self_intros_and_courts() {
        assert_eq!(
            self_introduction(
                "Good evening from Hofstra University. I'm Lester Holt, anchor of NBC Nightly News.",
                "holt"
            ),
            Some("Lester Holt".into())
        );
        assert_eq!(
            self_introduction("I'm glad to be here, Lester.", "holt"),
            None
        );
        assert_eq!(
            arguing_counsel([
                "ORAL ARGUMENT OF DANIEL R. OKONKWO",
                "ON BEHALF OF THE PETITIONERS"
            ]),
            Some(("Daniel R. Okonkwo".into(), Some("Petitioners".into())))
        );
        assert_eq!(
            arguing_counsel([
                "REBUTTAL ARGUMENT OF JANE ROE, ESQ. ON BEHALF OF THE UNITED STATES, AS AMICUS CURIAE"
            ]),
            Some(("Jane Roe".into(), Some("United States".into())))
        );
        assert_eq!(
            arguing_counsel(["ORAL ARGUMENT OF JANE ROE"]),
            Some(("Jane Roe".into(), None))
        );
        assert_eq!(
            arguing_counsel(["ON BEHALF OF THE PETITIONERS", "P R O C E E D I N G S"]),
            None
        );
        assert_eq!(
            examiner(&["CROSS EXAMINATION BY MR. BLANCHE:".to_string()]),
            Some("Mr. Blanche".into())
        );
        assert_eq!(
            examiner(&[
                "DIRECT EXAMINATION".to_string(),
                "BY MR. STEINGLASS:".to_string()
            ]),
            Some("Mr. Steinglass".into())
        );
        assert_eq!(
            witness(
                "GARY FARRO, called as a witness by the People, having been first duly sworn, testified as follows:"
            ),
            Some("Gary Farro".into())
        );
        assert_eq!(
            witness("G A R Y  F A R R O, called as a witness"),
            Some("Gary Farro".into())
        );
        assert_eq!(witness("The witness was excused."), None);
        // federal court, in capitals, inside a paragraph
        assert_eq!(
            witness(
                "The government calls Officer Mary Chen. MARY CHEN, GOVERNMENT'S WITNESS, SWORN DIRECT EXAMINATION"
            ),
            Some("Mary Chen".into())
        );
        assert_eq!(
            witness("JOHN DOE, PLAINTIFF'S WITNESS, PREVIOUSLY SWORN"),
            Some("John Doe".into())
        );
        assert_eq!(witness("THE WITNESS: I was sworn in."), None);
        // a witness line joined to the call for the witness
        assert_eq!(
            witness(
                "The government calls Jane Roe. JANE ROE, called as a witness by the Government, having been duly sworn, testified as follows:"
            ),
            Some("Jane Roe".into())
        );
    }
}
#[cfg(test)]
mod org_tests {
    use super::org_prefix;

    #[test]
    fn organisations_are_cut_at_eight_words() {
        assert_eq!(
            org_prefix("The Wall Street Journal"),
            "The Wall Street Journal"
        );
        assert_eq!(org_prefix("A B C D E F G H I J"), "A B C D E F G H");
        assert_eq!(org_prefix("The A B C D E F G H I"), "The A B C D E F G H");
    }
}
