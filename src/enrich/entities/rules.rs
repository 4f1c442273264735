//! Rules: what a statistical CoNLL model cannot know.
//!
//! - **DATE, TIME, MONEY, PERCENT** are regular in form, and CoNLL does not
//!   annotate them: regular expressions find them ([`numeric`]).
//! - **CoNLL's MISC** is split into OntoNotes types: NORP (nationalities,
//!   religious and political groups: demonym gazetteer, or a single
//!   capitalised word ending like one), EVENT and LAW (a gazetteer, or a head
//!   word such as `Summit`, `War`, `Treaty`, `Act`, `Agreement`); other MISC
//!   (products, works, sports jargon) is not emitted. [`misc_type`]
//! - **CoNLL's LOC** is GPE (countries, cities, states) unless a gazetteer
//!   says it is a region, sea or mountain (LOC). [`loc_type`]
//! - **Titles** (`Foreign Minister Kuleba`, `President Biden`, `Mr. Price`)
//!   make the next capitalised words a PERSON, and stay outside its span.
//!   [`is_title`]

use std::sync::LazyLock;

use regex::Regex;

/// Words that, written before a capitalised name, make it a person.
/// Multi-word titles end in one of these (`Foreign Minister`, `Vice President`).
const TITLES: &[&str] = &[
    "President",
    "Minister",
    "Secretary",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Governor",
    "Gov.",
    "Mayor",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "General",
    "Gen.",
    "Ambassador",
    "Amb.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr.",
    "Dr",
    "Judge",
    "Justice",
    "Speaker",
    "Leader",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Commissioner",
    "Envoy",
    "Premier",
    "Sheikh",
    "Ayatollah",
    "Admiral",
    "Adm.",
    "Colonel",
    "Col.",
    "Lieutenant",
    "Lt.",
    "Captain",
    "Capt.",
    "Sergeant",
    "Sgt.",
    "Major",
    "Professor",
    "Prof.",
    "Director",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Counselor",
    "Deputy",
    "Crown",
    "Emperor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Rev.",
    "Reverend",
    "Bishop",
    "Cardinal",
    "Rabbi",
    "Imam",
    "Coach",
    "Detective",
    "Officer",
    "Agent",
    "Inspector",
    "Superintendent",
    "Marshal",
    "Chief",
    "Attorney",
    "Congressman",
    "Congresswoman",
    "Councilman",
    "Councilwoman",
    "Councillor",
    "Commander",
    "Director-General",
    "Secretary-General",
    "Mrs",
    "Miss",
    "Madam",
    "Madame",
    "Monsieur",
    "Herr",
    "Frau",
];

/// Is `w` a title word (see [`TITLES`])?
/// ALL-CAPS forms (`PRESIDENT`) count too: shouted transcript lines.
pub fn is_title(w: &str) -> bool {
    let b = w.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    if TITLES.contains(&w) {
        return true;
    }
    b.len() > 1
        && b[1].is_ascii_uppercase()
        && TITLES
            .iter()
            .any(|t| t.len() == w.len() && t.eq_ignore_ascii_case(w))
}

/// Sentence-initial words a span can swallow that never start a name
/// (`Many Swedes` -> `Swedes`).
pub fn is_quantifier(w: &str) -> bool {
    matches!(
        w,
        "Many"
            | "Most"
            | "Some"
            | "All"
            | "Both"
            | "Few"
            | "Several"
            | "These"
            | "Those"
            | "Our"
            | "Their"
            | "His"
            | "Her"
            | "Its"
            | "My"
            | "Your"
            | "Every"
            | "Each"
            | "Other"
            | "Fellow"
            | "Dear"
            | "Thanks"
            | "Thank"
            | "Hello"
            | "Hi"
            | "Yes"
            | "No"
            | "Well"
            | "So"
            | "And"
            | "But"
            | "Because"
            | "If"
            | "When"
            | "While"
            | "As"
            | "Like"
    )
}

/// Common words of ALL-CAPS lines that end a name after a title.
pub fn caps_stop(w: &str) -> bool {
    const STOP: &[&str] = &[
        "IN", "ON", "AT", "OF", "AND", "THE", "TO", "FROM", "WITH", "FOR", "BY", "SAID", "SAYS",
        "SAY", "IS", "WAS", "WILL", "HAS", "HAD", "HAVE", "MET", "AS", "BUT", "OR", "THAT", "THIS",
        "WHO", "TOLD", "ASKED", "CALLED", "VISITED", "AN", "A", "IT", "NOT", "ARE", "WERE",
        "AFTER", "BEFORE",
    ];
    STOP.contains(&w)
}

/// Words that continue a title before the name (`Secretary of State Blinken`).
pub fn title_glue(w: &str) -> bool {
    matches!(
        w,
        "of" | "State"
            | "Foreign"
            | "Prime"
            | "Vice"
            | "Defense"
            | "Defence"
            | "Finance"
            | "Interior"
            | "Deputy"
            | "Assistant"
            | "Under"
            | "Special"
            | "General"
            | "Attorney"
            | "Chief"
            | "Crown"
            | "Supreme"
            | "Executive"
            | "Senior"
            | "First"
            | "the"
            | "Treasury"
            | "Homeland"
            | "Security"
            | "Energy"
            | "Commerce"
            | "Justice"
            | "Health"
            | "Trade"
            | "National"
            | "Advisor"
            | "Adviser"
    )
}

const EVENT_HEADS: &[&str] = &[
    "Summit",
    "War",
    "Wars",
    "Olympics",
    "Games",
    "Cup",
    "Championship",
    "Championships",
    "Conference",
    "Revolution",
    "Crisis",
    "Massacre",
    "Festival",
    "Expo",
    "Forum",
    "Ministerial",
    "Dialogue",
    "Congress",
    "Convention",
    "Marathon",
    "Open",
    "Grand Prix",
    "Tournament",
    "Week",
    "Day",
    "Uprising",
    "Spring",
    "Genocide",
    "Election",
    "Elections",
    "Referendum",
];
const LAW_HEADS: &[&str] = &[
    "Act",
    "Treaty",
    "Agreement",
    "Agreements",
    "Accord",
    "Accords",
    "Protocol",
    "Charter",
    "Constitution",
    "Amendment",
    "Resolution",
    "Code",
    "Bill",
    "Law",
    "Directive",
    "Regulation",
    "Memorandum",
    "Declaration",
    "Deal",
    "Pact",
    "Statute",
    "Doctrine",
    "Plan",
];

/// Last words that make any name a law or treaty.
pub fn is_law_head(w: &str) -> bool {
    matches!(
        w,
        "Act"
            | "Treaty"
            | "Accord"
            | "Accords"
            | "Agreement"
            | "Agreements"
            | "Protocol"
            | "Amendment"
            | "Charter"
    )
}

/// The OntoNotes type of a CoNLL MISC name, or None to leave it out.
pub fn misc_type(words: &[&str]) -> Option<&'static str> {
    let last = *words.last()?;
    let last_lc = last.to_ascii_lowercase();
    if words
        .iter()
        .any(|w| LAW_HEADS.iter().any(|h| h.eq_ignore_ascii_case(w)))
    {
        return Some("LAW");
    }
    if EVENT_HEADS.contains(&last) || (words.len() > 1 && EVENT_HEADS.contains(&words[0])) {
        return Some("EVENT");
    }
    if words.len() <= 2 {
        // demonym-like: Russian, Iranians, Swedes, Israeli, Chinese, Kurdish
        let demonym_end = [
            "an", "ans", "ian", "ians", "ese", "ish", "i", "is", "ic", "ch", "es",
        ];
        let first_up = last.chars().next().is_some_and(char::is_uppercase);
        if first_up && demonym_end.iter().any(|e| last_lc.ends_with(e)) {
            return Some("NORP");
        }
    }
    None
}

fn percent_re() -> String {
    String::from(
        r"(?i)(?-u:\b)\d+(?:[.,]\d+)?(?:\s?%|\s(?:percent|per cent)(?-u:\b))|(?-u:\b)(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a hundred)\s(?:percent|per cent)(?-u:\b)",
    )
}
fn money_re() -> String {
    String::from(
        r"(?:US\$|[$€£¥])\s?\d[\d,]*(?:\.\d+)?(?:\s(?:million|billion|trillion|thousand|bn|m)(?-u:\b))?|(?-u:\b)\d[\d,]*(?:\.\d+)?(?:\s(?:million|billion|trillion|thousand))?\s(?:dollars|euros|pounds|yen|yuan|rubles|roubles|francs|rupees|kronor|crowns)(?-u:\b)",
    )
}
const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept\\.|Sep\\.|Oct\\.|Nov\\.|Dec\\.";
fn date_re() -> String {
    let m = MONTHS;
    format!(
        r"(?i)(?-u:\b)(?:(?:{m})\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s(?:19|20)\d\d)?|\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?(?:{m})(?:,?\s(?:19|20)\d\d)?|(?:{m})\s(?:of\s)?(?:19|20)\d\d|(?:early|mid|late)-?(?:19|20)\d\ds?|(?:19|20)\d0s|(?i:in|since|by|until|of|from|to|before|after)\s(?:19|20)\d\d|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:yesterday|today|tomorrow)|(?:last|next|this|coming|past)\s(?:week|month|year|weekend|spring|summer|fall|autumn|winter|decade|century|January|February|March|April|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s(?:days?|weeks?|months?|years?|decades?)\sago|\d{{4}}-\d\d-\d\d)(?-u:\b)"
    )
}
fn time_re() -> String {
    String::from(
        r"(?i)(?-u:\b)\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b))|(?-u:\b)\d{1,2}:\d\d(?-u:\b)|(?-u:\b)(?:this|tomorrow|yesterday)\s(?:morning|afternoon|evening|night)(?-u:\b)|(?-u:\b)tonight(?-u:\b)|(?-u:\b)midnight(?-u:\b)|(?-u:\b)noon(?-u:\b)",
    )
}

/// One pass finds every numeric entity; anchored per-type patterns then
/// say which type it is (four passes over every turn cost 7% of the run).
static ANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "(?:{})|(?:{})|(?:{})|(?:{})",
        money_re(),
        percent_re(),
        time_re(),
        date_re()
    ))
    .expect("numeric regex")
});
static TYPED: LazyLock<[(Regex, &'static str); 4]> = LazyLock::new(|| {
    let a = |p: String| Regex::new(&format!("^(?:{p})")).expect("numeric regex");
    [
        (a(money_re()), "MONEY"),
        (a(percent_re()), "PERCENT"),
        (a(time_re()), "TIME"),
        (a(date_re()), "DATE"),
    ]
});

/// DATE / TIME / MONEY / PERCENT spans `(start_byte, end_byte, type)`.
pub fn numeric(text: &str, out: &mut Vec<(usize, usize, &'static str)>) {
    out.clear();
    for m in ANY.find_iter(text) {
        let (mut s, e) = (m.start(), m.end());
        let rest = &text[s..];
        let ty = TYPED
            .iter()
            .find(|(re, _)| re.find(rest).is_some_and(|x| x.end() == e - s))
            .or_else(|| TYPED.iter().find(|(re, _)| re.is_match(rest)))
            .map_or("DATE", |(_, t)| *t);
        // `in 2014` -> `2014`: the preposition is context, not the date
        if ty == "DATE" {
            if let Some(sp) = text[s..e].find(' ') {
                let head = &text[s..s + sp];
                if matches!(
                    head.to_ascii_lowercase().as_str(),
                    "in" | "since" | "by" | "until" | "of" | "from" | "to" | "before" | "after"
                ) {
                    s += sp + 1;
                }
            }
        }
        out.push((s, e, ty));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(t: &str) -> Vec<(String, &'static str)> {
        let mut v = Vec::new();
        numeric(t, &mut v);
        v.into_iter()
            .map(|(s, e, ty)| (t[s..e].to_string(), ty))
            .collect()
    }

    #[test]
    fn numeric_entities() {
        let got = find(
            "In 2014, 5 percent or $5 billion, on December 2, 2021 at 3:30 p.m. and next week; 46 years ago.",
        );
        let want = [
            ("2014", "DATE"),
            ("5 percent", "PERCENT"),
            ("$5 billion", "MONEY"),
            ("December 2, 2021", "DATE"),
            ("3:30 p.m.", "TIME"),
            ("next week", "DATE"),
            ("46 years ago", "DATE"),
        ];
        assert_eq!(
            got,
            want.iter()
                .map(|(a, b)| (a.to_string(), *b))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn misc_split() {
        assert_eq!(misc_type(&["Russian"]), Some("NORP"));
        assert_eq!(misc_type(&["Swedes"]), Some("NORP"));
        assert_eq!(misc_type(&["Summit", "for", "Democracy"]), Some("EVENT"));
        assert_eq!(misc_type(&["Minsk", "agreements"]), Some("LAW"));
        assert_eq!(misc_type(&["Helsinki", "Final", "Act"]), Some("LAW"));
        assert_eq!(misc_type(&["Windows"]), None);
    }
}
