//! What a label says on its own: display name, title, role, affiliation.
//!
//! `SECRETARY BLINKEN` is Secretary Blinken, an official; `MS. PSAKI` is
//! Ms. Psaki; `Michael P. Dickerson -- Vice President, Corporate
//! Communications` is an executive with that title; `Bobby Griffin -- Raymond
//! James -- Analyst` an analyst of Raymond James; `Mr. Garnett Genuis
//! (Sherwood ParkFort Saskatchewan, CPC)` a member for that riding, CPC;
//! `The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.))` the chair,
//! Anthony Rota; `QUESTION`, `Q`, `Speaker 1` name nobody. The vocabularies
//! (titles, anonymous labels, honorifics, post-nominals) are data in
//! `config/default.toml` under `[speakers]`.

use super::SpeakerRules;

/// A label, understood.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelInfo {
    pub name: Option<String>,
    pub title: Option<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub constituency: Option<String>,
    /// The label names nobody (`QUESTION`, `Q`, `Speaker 1`): only an
    /// introduction, a heading or the registry can say who it is.
    pub anonymous: bool,
    /// The key under which a short form finds this label's person again:
    /// the label's base (`the chair`) or the name's surname.
    pub surname: Option<String>,
}

/// Lower case, dots and extra white space removed: how vocabulary entries
/// are compared.
pub fn norm(s: &str) -> String {
    // one pass, one allocation: it runs for every named turn of a document
    // with a roster, and for every label the speaker stage meets
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if c != '.' {
            if space {
                out.push(' ');
                space = false;
            }
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// Understand a label.
pub fn parse_label(label: &str, rules: &SpeakerRules) -> LabelInfo {
    let label = label.trim();
    // earnings-call headers: `Name -- Title` / `Name -- Firm -- Analyst`
    for sep in [" -- ", " — ", " – "] {
        if label.contains(sep) {
            return parse_header(label, sep, rules);
        }
    }
    // and with a single hyphen, when a job follows it (`Jane Roe - Chief
    // Financial Officer`, `Bob Chan - Goldman Sachs - Analyst`); a comma
    // before it is StreetEvents' `Name, Firm - Title`, below
    if let Some((name, rest)) = label.split_once(" - ") {
        let job = rest
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("analyst") || rules.executive_words.contains(&norm(w)));
        if job && !name.contains(',') {
            return parse_header(label, " - ", rules);
        }
    }
    // United Nations records: `Mr. Nebenzia (Russian Federation) (spoke in
    // Russian)`: the interpretation note says nothing of the speaker
    let label = strip_language_note(label);
    // StreetEvents: `Tom Becker,  Northwind Corp - CEO`
    if let Some(info) = firm_and_title(label, rules) {
        return info;
    }
    // broadcast: `STEVE INSKEEP, HOST`, `WOLF BLITZER, CNN ANCHOR`
    if let Some(info) = broadcast(label, rules) {
        return info;
    }
    // a directory's `Smith, John` (Microsoft Teams): John Smith
    if let Some(info) = surname_first(label, rules) {
        return info;
    }
    // the Congressional Record: `The SPEAKER pro tempore (Mr. Womack)`,
    // the office with its qualifier as the title
    if let Some(i) = label.find(" pro tempore") {
        let rest = format!("{}{}", &label[..i], &label[i + " pro tempore".len()..]);
        let mut info = parse_label(&rest, rules);
        if let Some(t) = &mut info.title {
            t.push_str(" pro tempore");
        }
        return info;
    }
    // and `Mr. SMITH of Texas`: the state tells two members apart
    if let Some((who, state)) = member_of_state(label) {
        let mut info = parse_name(who, rules);
        info.constituency = Some(state.to_string());
        return info;
    }
    // Hansard: `Keir Starmer (Holborn and St Pancras) (Lab)`
    if let Some((base, seat, party)) = seat_and_party(label) {
        let mut info = parse_name(base, rules);
        info.constituency = Some(seat.to_string());
        info.affiliation = Some(party.to_string());
        if info.role.is_none() {
            info.role = Some("member".into());
        }
        return info;
    }
    let (base, paren) = split_paren(label);
    let mut info = parse_name(base, rules);
    if let Some(p) = paren {
        apply_paren(&mut info, p, rules);
    }
    info
}

/// `Mr. SMITH of Texas` -> (`Mr. SMITH`, `Texas`): a name in capitals after
/// a mixed-case title, then `of` and a capitalised place (one to three
/// words).
fn member_of_state(label: &str) -> Option<(&str, &str)> {
    let (who, state) = label.split_once(" of ")?;
    let (title, name) = who.split_once(' ')?;
    let caps = |w: &str| {
        w.bytes().any(|c| c.is_ascii_uppercase()) && !w.bytes().any(|c| c.is_ascii_lowercase())
    };
    let place = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(|f| f.is_uppercase())
            && c.all(|c| c.is_lowercase() || c == '-' || c == '.')
    };
    let n = state.split(' ').count();
    (title.bytes().any(|c| c.is_ascii_lowercase())
        && name.split(' ').all(caps)
        && n <= 3
        && state.split(' ').all(place))
    .then_some((who, state))
}

/// StreetEvents' earnings-call headers: `Name,  Firm - Title`
/// (`Priya Shah,  Lakeside Securities - Analyst`): the firm is the
/// affiliation, the role comes from the title as in `Name -- Title`.
fn firm_and_title(label: &str, rules: &SpeakerRules) -> Option<LabelInfo> {
    let (name, rest) = label.split_once(", ")?;
    let (firm, title) = rest.trim().rsplit_once(" - ")?;
    let (firm, title) = (firm.trim(), title.trim());
    if name.trim().is_empty() || firm.is_empty() || title.is_empty() {
        return None;
    }
    let mut info = parse_header(&format!("{} -- {title}", name.trim()), " -- ", rules);
    info.affiliation = Some(firm.to_string());
    Some(info)
}

/// `Name -- Title` and `Name -- Firm -- Analyst`.
fn parse_header(label: &str, sep: &str, rules: &SpeakerRules) -> LabelInfo {
    let parts: Vec<&str> = label.split(sep).map(str::trim).collect();
    let mut info = parse_name(parts[0], rules);
    let rest = &parts[1..];
    let last = rest.last().copied().unwrap_or("");
    if rest.len() >= 2 && norm(last) == "analyst" {
        info.affiliation = Some(rest[..rest.len() - 1].join(", "));
        info.title = Some(last.to_string());
        info.role = Some("analyst".into());
    } else {
        let title = rest.join(", ");
        let t = norm(&title);
        let role = if t == "analyst" {
            "analyst"
        } else if t.split(' ').any(|w| rules.executive_words.contains(w)) {
            "executive"
        } else {
            ""
        };
        if !role.is_empty() {
            info.role = Some(role.into());
        }
        info.title = Some(title);
    }
    info
}

/// `label` without a last group `(spoke in Russian)`, `(interpretation from
/// French)`, `(spoke in Spanish; English text provided by the delegation)`.
fn strip_language_note(label: &str) -> &str {
    if let Some(body) = label.strip_suffix(')') {
        if let Some(open) = body.rfind('(') {
            let inner = body[open + 1..].to_ascii_lowercase();
            if inner.starts_with("spoke in ") || inner.starts_with("interpretation from ") {
                let base = body[..open].trim_end();
                if !base.is_empty() {
                    return base;
                }
            }
        }
    }
    label
}

/// `NAME, TITLE` as broadcast transcripts write their speakers (`STEVE
/// INSKEEP, HOST`, `JOE BIDEN, PRESIDENT OF THE UNITED STATES`): the name
/// before the comma, the title after it. A label in capitals, or a title of
/// two words or more (`Jane Doe, Senior Editor`), not `Smith, John` nor
/// `Roberts, Jr.`.
fn broadcast(label: &str, rules: &SpeakerRules) -> Option<LabelInfo> {
    if label.contains('(') {
        return None;
    }
    let (who, what) = label.split_once(", ")?;
    let (who, what) = (who.trim(), what.trim());
    // the European Parliament: `Tomas Berg, on behalf of the PPE Group`
    if let Some(group) = what.strip_prefix("on behalf of ") {
        let mut info = parse_name(who, rules);
        if info.anonymous || info.name.is_none() {
            return None;
        }
        info.affiliation = Some(group.trim_start_matches("the ").to_string());
        info.role.get_or_insert_with(|| "member".into());
        return Some(info);
    }
    let caps = !label.chars().any(char::is_lowercase);
    let words = what.split_whitespace().count();
    // one word in lower case is what the speaker is there as (`Anna
    // Keller, rapporteur`)
    let lower = words == 1 && !what.chars().any(char::is_uppercase);
    if what.is_empty()
        || !(caps || lower || words >= 2)
        || !(1..=4).contains(&who.split_whitespace().count())
        || rules.post_nominals.contains_key(&norm(what))
    {
        return None;
    }
    let mut info = parse_name(who, rules);
    if info.anonymous || info.name.is_none() {
        return None;
    }
    let title = title_display(what);
    if info.role.is_none() {
        // a title word first (`PRESIDENT OF ...`) or last (`CNN ANCHOR`)
        let n = norm(what);
        let ws: Vec<String> = n.split(' ').map(str::to_string).collect();
        info.role = rules
            .titles
            .iter()
            .find(|(t, _)| ws.starts_with(t) || ws.ends_with(t))
            .map(|(_, r)| r.clone())
            .filter(|r| !r.is_empty());
    }
    info.title = Some(match info.title.take() {
        Some(t) => format!("{t}, {title}"),
        None => title,
    });
    Some(info)
}

/// `Smith, John`, `Van Buren, Anna`: a surname, a comma, a given name
/// (capitalised words, mixed case, no post-nominal such as `Roberts, Jr.`;
/// two words after the comma are a title: `Jane Doe, Senior Editor`).
fn surname_first(label: &str, rules: &SpeakerRules) -> Option<LabelInfo> {
    let (surname, given) = label.split_once(", ")?;
    let word = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase)
            && c.clone().any(char::is_lowercase)
            && c.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
    };
    let s: Vec<&str> = surname.split_whitespace().collect();
    let g: Vec<&str> = given.split_whitespace().collect();
    let ok = (1..=2).contains(&s.len())
        && g.len() == 1
        && s.iter().chain(&g).all(|w| word(w))
        && !rules.post_nominals.contains_key(&norm(given))
        && !rules.honorifics.contains(&norm(g[0]));
    if !ok {
        return None;
    }
    let mut info = parse_name(&format!("{given} {surname}"), rules);
    if info.anonymous || info.name.is_none() {
        return None;
    }
    info.surname = Some(norm(surname));
    Some(info)
}

/// A title written in capitals, for display: `CNN CHIEF WASHINGTON
/// CORRESPONDENT` -> `CNN Chief Washington Correspondent`, `PRESIDENT OF THE
/// UNITED STATES` -> `President of the United States` (short words without a
/// vowel or of three letters or fewer stay capitals as acronyms, except the
/// little words of a phrase).
fn title_display(what: &str) -> String {
    if what.chars().any(char::is_lowercase) {
        return what.to_string();
    }
    let mut out = Vec::new();
    for (i, w) in what.split_whitespace().enumerate() {
        let lower = w.to_lowercase();
        let little = matches!(
            lower.as_str(),
            "of" | "the" | "and" | "for" | "to" | "in" | "on" | "at" | "a" | "an"
        );
        out.push(if little && i > 0 {
            lower
        } else if w.chars().filter(|c| c.is_alphabetic()).count() <= 3 && !little {
            w.to_string()
        } else {
            display(w)
        });
    }
    out.join(" ")
}

/// `Base (Seat) (Party)`: two flat parenthesised groups at the end.
fn seat_and_party(label: &str) -> Option<(&str, &str, &str)> {
    let rest = label.strip_suffix(')')?;
    let (rest, party) = rest.rsplit_once('(')?;
    let rest = rest.trim_end().strip_suffix(')')?;
    let (base, seat) = rest.rsplit_once('(')?;
    let flat = |s: &str| !s.is_empty() && !s.contains(['(', ')']);
    (flat(seat) && flat(party) && !base.contains(['(', ')']) && !base.trim().is_empty())
        .then(|| (base.trim(), seat.trim(), party.trim()))
}

/// `Base (inner)` with balanced parentheses.
fn split_paren(label: &str) -> (&str, Option<&str>) {
    if let Some(open) = label.find('(') {
        if label.ends_with(')') {
            return (
                label[..open].trim(),
                Some(&label[open + 1..label.len() - 1]),
            );
        }
    }
    (label, None)
}

/// `(Sherwood ParkFort Saskatchewan, CPC)`, `(R-TX)`, and the Hansard chair's
/// `(Hon. Anthony Rota (NipissingTimiskaming, Lib.))`.
fn apply_paren(info: &mut LabelInfo, inner: &str, rules: &SpeakerRules) {
    let (head, nested) = split_paren(inner.trim());
    if let Some(n) = nested {
        // the parenthesis names the person behind a role label
        let person = parse_name(head, rules);
        if person.name.is_some() {
            info.name = person.name;
            info.surname = person.surname;
            info.anonymous = false;
        }
        apply_riding(info, n);
        return;
    }
    // a person's name inside (`The Chair (Hon. Anthony Rota)`)?
    let looks_like_person = head.split_whitespace().count() >= 2
        && !head.contains(',')
        && head
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    // (`The First Minister (Kate Forbes)`: an office the tables do not
    // list is a title all the same)
    let office = info.name.as_deref().and_then(|n| n.strip_prefix("The "));
    if looks_like_person && info.title.is_some() && info.name.is_none() {
        let person = parse_name(head, rules);
        info.name = person.name;
        info.surname = person.surname;
        return;
    }
    if let (true, Some(office)) = (looks_like_person, office) {
        let person = parse_name(head, rules);
        if person.name.is_some() {
            // the office's role from the tables (`Presiding Officer`, or
            // `Acting Chair` as `Chair`)
            let role = || {
                let whole = parse_name(office, rules).role;
                whole.or_else(|| {
                    let (_, rest) = office.split_once(' ')?;
                    parse_name(rest, rules).role
                })
            };
            info.role = info.role.take().or_else(role);
            info.title = Some(office.to_string());
            info.name = person.name;
            info.surname = person.surname;
            info.anonymous = false;
            return;
        }
    }
    apply_riding(info, head);
}

/// `Riding, Party`, a lone party code, or an office (`Minister of
/// Families, Children and Social Development`: a comma inside a title
/// divides no riding from a party).
fn apply_riding(info: &mut LabelInfo, s: &str) {
    let s = s.trim();
    // Australia's Hansard: `Grayndler—Leader of the Opposition`, the seat
    // then the office
    if let Some((seat, office)) = s.split_once(['—', '–']) {
        let (seat, office) = (seat.trim(), office.trim());
        if !seat.is_empty() && !office.is_empty() && !seat.contains(',') {
            info.constituency = Some(seat.to_string());
            if info.title.is_none() {
                info.title = Some(office.to_string());
            }
            if info.role.is_none() {
                info.role = Some("member".into());
            }
            return;
        }
    }
    // a party is a short code or name (`CPC`, `Lib.`, `GP`, `Ind.`, `R-TX`)
    let party_like = |p: &str| p.len() <= 12 && p.split_whitespace().count() <= 2;
    let office = s.split_whitespace().any(|w| {
        matches!(
            w.trim_end_matches(','),
            "Minister" | "Secretary" | "Leader" | "Speaker" | "Chair" | "President" | "Deputy"
        )
    });
    match s.rsplit_once(',') {
        _ if office => {
            if info.title.is_none() {
                info.title = Some(s.to_string());
            }
        }
        Some((riding, party)) if party_like(party.trim()) => {
            info.constituency = Some(riding.trim().to_string());
            info.affiliation = Some(party.trim().to_string());
        }
        Some(_) => info.affiliation = Some(s.to_string()),
        None => info.affiliation = Some(s.to_string()),
    }
    if info.role.is_none() {
        info.role = Some("member".into());
    }
}

/// The name part of a label: title, honorific, name, post-nominals.
pub(crate) fn parse_name(base: &str, rules: &SpeakerRules) -> LabelInfo {
    let mut info = LabelInfo::default();
    let n = norm(base);
    if n.is_empty() {
        info.anonymous = true;
        return info;
    }
    // `UNIDENTIFIED PERSON #1`: the number tells voices apart, the words
    // say who
    let unnumbered = match n.rsplit_once(" #") {
        Some((head, num)) if !num.is_empty() && num.bytes().all(|c| c.is_ascii_digit()) => head,
        _ => n.as_str(),
    };
    if let Some(role) = rules.anonymous.get(unnumbered) {
        info.anonymous = true;
        info.role = nonempty(role);
        return info;
    }
    // numbered anonymous labels: `Speaker 1`, `SPEAKER_00`, `Guest 2`, `P1`
    let mut words: Vec<&str> = n.split([' ', '_']).collect();
    if words.len() == 1 {
        if let Some(d) = n.find(|c: char| c.is_ascii_digit()).filter(|&d| d > 0) {
            if n[d..].bytes().all(|c| c.is_ascii_digit()) {
                words = vec![&n[..d], &n[d..]];
            }
        }
    }
    if words.len() == 2
        && words[1]
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_alphabetic())
        && words[1].len() <= 3
    {
        if let Some(role) = rules.numbered.get(words[0]) {
            if words[1].chars().all(|c| c.is_ascii_digit()) || words[1].len() == 1 {
                info.anonymous = true;
                info.role = nonempty(role);
                return info;
            }
        }
    }
    let orig: Vec<&str> = base.split_whitespace().collect();
    // a title at the start, longest match first
    let mut at = 0;
    let mut title_words = 0;
    let normed: Vec<String> = orig.iter().map(|w| norm(w)).collect();
    for (words_in_title, role) in &rules.titles {
        let k = words_in_title.len();
        if k <= normed.len() && normed[..k] == words_in_title[..] {
            title_words = k;
            if !role.is_empty() {
                info.role = Some(role.clone());
            }
            break;
        }
    }
    if title_words > 0 {
        info.title = Some(
            display(&orig[..title_words].join(" "))
                .trim_start_matches("The ")
                .to_string(),
        );
        at = title_words;
    }
    // an honorific before a first name is dropped, before a surname kept
    let mut honorific = None;
    let mut caps_surname = false;
    if at < orig.len() && rules.honorifics.contains(&normed[at]) {
        honorific = Some(orig[at]);
        // `Ms. JACKSON LEE`, `Mr. VAN HOLLEN`: capitals after a mixed-case
        // honorific are one surname (the Congressional Record's style)
        caps_surname = orig[at].bytes().any(|c| c.is_ascii_lowercase())
            && orig.len() > at + 1
            && orig[at + 1..]
                .iter()
                .all(|w| !w.bytes().any(|c| c.is_ascii_lowercase()));
        at += 1;
    }
    // post-nominals at the end
    let mut end = orig.len();
    while end > at + 1 {
        let w = norm(orig[end - 1].trim_end_matches(','));
        match rules.post_nominals.get(&w) {
            Some(role) => {
                if !role.is_empty() && info.role.is_none() {
                    info.role = Some(role.clone());
                }
                // `Jr.` stays part of the name
                if w == "jr" || w == "sr" || w == "ii" || w == "iii" {
                    break;
                }
                end -= 1;
            }
            None => break,
        }
    }
    let name_words = &orig[at..end];
    if name_words.is_empty() {
        // a title alone (`THE PRESIDENT`, `The Chair`): a role, no name
        info.surname = Some(n);
        return info;
    }
    let name = display(&name_words.join(" "));
    let surname = name_words
        .iter()
        .rev()
        .map(|w| w.trim_end_matches(','))
        .find(|w| !matches!(norm(w).as_str(), "jr" | "sr" | "ii" | "iii" | "iv"))
        .map(norm);
    info.surname = surname;
    info.name = Some(
        if name_words.len() == 1 || (caps_surname && end == orig.len()) {
            // `SECRETARY BLINKEN` -> Secretary Blinken, `MS. PSAKI` -> Ms. Psaki
            match (honorific, &info.title) {
                (Some(h), _) => format!("{} {}", display(h), name),
                (None, Some(t)) => format!("{t} {name}"),
                (None, None) => name,
            }
        } else if let (Some(t), true) = (&info.title, name_words.contains(&"of")) {
            // a peer is known by title and territory: `Lord Hendry of Marsh`
            format!("{t} {name}")
        } else {
            name
        },
    );
    info
}

fn nonempty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// A label as a display name: words in capitals become capitalised
/// (`MCDONALD` -> McDonald, `O'BRIEN` -> O'Brien, `JEAN-PIERRE` ->
/// Jean-Pierre); mixed-case words are kept as written.
pub fn display(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        let caps = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
        if !caps {
            match prefixed_caps(w) {
                // `McCLELLAN`, `DeLAURO` (hearings and old briefings keep
                // the small prefix): McClellan, DeLauro
                Some(n) => {
                    out.push_str(&w[..n]);
                    out.push_str(&capitalise(&w[n..].to_lowercase()));
                }
                None => out.push_str(w),
            }
            continue;
        }
        let lower = w.to_lowercase();
        if matches!(lower.trim_end_matches([',', '.']), "ii" | "iii" | "iv") {
            out.push_str(w);
            continue;
        }
        out.push_str(&capitalise(&lower));
    }
    out
}

/// `McCLELLAN`, `DeLAURO`, `MacDONALD`: a capital and one to two small
/// letters, then two or more capitals to the end; the prefix's length.
fn prefixed_caps(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    if b.len() < 4 || !b[0].is_ascii_uppercase() {
        return None;
    }
    let n = 1 + b[1..].iter().take_while(|c| c.is_ascii_lowercase()).count();
    let rest = &b[n..];
    let upper = rest.iter().filter(|c| c.is_ascii_uppercase()).count();
    let ok = (2..=3).contains(&n)
        && upper >= 2
        && rest
            .iter()
            .all(|&c| c.is_ascii_uppercase() || matches!(c, b'\'' | b'-' | b'.' | b','));
    ok.then_some(n)
}

/// `o'brien` -> O'Brien, `jean-pierre` -> Jean-Pierre, `mcdonald` -> McDonald.
fn capitalise(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut cap = true;
    for c in lower.chars() {
        if cap && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            cap = false;
        } else {
            out.push(c);
        }
        if matches!(c, '-' | '\'' | '’') {
            cap = true;
        }
    }
    if out.starts_with("Mc") && out.len() > 3 {
        let (head, tail) = out.split_at(2);
        let mut t = tail.chars();
        if let Some(c) = t.next() {
            return format!("{head}{}{}", c.to_uppercase(), t.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(label: &str) -> LabelInfo {
        parse_label(label, &SpeakerRules::default_rules())
    }

    #[test]
    fn capitals_titles_and_honorifics() {
        let b = p("SECRETARY BLINKEN");
        assert_eq!(b.name.as_deref(), Some("Secretary Blinken"));
        assert_eq!(b.title.as_deref(), Some("Secretary"));
        assert_eq!(b.role.as_deref(), Some("official"));
        assert_eq!(p("MS. PSAKI").name.as_deref(), Some("Ms. Psaki"));
        assert_eq!(p("MR PRICE").name.as_deref(), Some("Mr Price"));
        assert_eq!(
            p("MS. JEAN-PIERRE").name.as_deref(),
            Some("Ms. Jean-Pierre")
        );
        let t = p("THE PRESIDENT");
        assert_eq!(t.name, None);
        assert_eq!(t.role.as_deref(), Some("official"));
        assert!(!t.anonymous);
        let cj = p("Chief Justice John G. Roberts, Jr.");
        assert_eq!(cj.name.as_deref(), Some("John G. Roberts, Jr."));
        assert_eq!(cj.title.as_deref(), Some("Chief Justice"));
        assert_eq!(cj.role.as_deref(), Some("judge"));
        assert_eq!(
            p("Mr. Andrew L. Frey").name.as_deref(),
            Some("Andrew L. Frey")
        );
        assert_eq!(
            p("PRESIDENT DONALD J. TRUMP").name.as_deref(),
            Some("Donald J. Trump")
        );
        assert_eq!(p("HOLT").name.as_deref(), Some("Holt"));
        assert_eq!(display("MCDONALD O'BRIEN"), "McDonald O'Brien");
        assert_eq!(p("MR. McCLELLAN").name.as_deref(), Some("Mr. McClellan"));
        assert_eq!(display("Ms. DeLAURO"), "Ms. DeLauro");
        assert_eq!(display("Senator MacDONALD,"), "Senator MacDonald,");
        // mixed case as written, and a short word in capitals
        assert_eq!(
            display("McConnell DeSantis Mr. US"),
            "McConnell DeSantis Mr. Us"
        );
    }

    #[test]
    fn anonymous_labels() {
        for l in [
            "QUESTION",
            "Q",
            "Unidentified Participant",
            "Speaker 1",
            "SPEAKER_00",
            "MODERATOR",
            "Operator",
            "SENIOR ADMINISTRATION OFFICIAL",
        ] {
            let i = p(l);
            assert!(i.anonymous, "{l}");
            assert_eq!(i.name, None, "{l}");
        }
        assert_eq!(p("QUESTION").role.as_deref(), Some("questioner"));
        assert_eq!(p("Operator").role.as_deref(), Some("operator"));
        assert_eq!(p("Guest 2").role.as_deref(), Some("guest"));
    }

    #[test]
    fn office_then_person() {
        let f = p("The First Minister (Kate Forbes)");
        assert_eq!(f.name.as_deref(), Some("Kate Forbes"));
        assert_eq!(f.title.as_deref(), Some("First Minister"));
        assert_eq!(f.affiliation, None);
        let po = p("The Presiding Officer (Alison Johnstone)");
        assert_eq!(po.name.as_deref(), Some("Alison Johnstone"));
        assert_eq!(po.title.as_deref(), Some("Presiding Officer"));
        assert_eq!(po.role.as_deref(), Some("chair"));
        let a = p("The Acting Chair (Mr. Bruce Stanton)");
        assert_eq!(a.name.as_deref(), Some("Bruce Stanton"));
        assert_eq!(a.title.as_deref(), Some("Acting Chair"));
        assert_eq!(a.role.as_deref(), Some("chair"));
        assert_eq!(a.affiliation, None);
    }

    #[test]
    fn peers_keep_their_title() {
        let l = p("Lord Hendry of Marsh (Con)");
        assert_eq!(l.name.as_deref(), Some("Lord Hendry of Marsh"));
        assert_eq!(l.affiliation.as_deref(), Some("Con"));
        assert_eq!(
            p("Baroness Mallory of Kew").name.as_deref(),
            Some("Baroness Mallory of Kew")
        );
        assert_eq!(p("Sir Keir Starmer").name.as_deref(), Some("Keir Starmer"));
    }

    #[test]
    fn streetevents_headers() {
        let a = p("Priya Shah,  Lakeside Securities - Analyst");
        assert_eq!(a.name.as_deref(), Some("Priya Shah"));
        assert_eq!(a.affiliation.as_deref(), Some("Lakeside Securities"));
        assert_eq!(a.title.as_deref(), Some("Analyst"));
        assert_eq!(a.role.as_deref(), Some("analyst"));
        let e = p("Tom Becker,  Northwind Corp. - CEO & Director");
        assert_eq!(e.name.as_deref(), Some("Tom Becker"));
        assert_eq!(e.affiliation.as_deref(), Some("Northwind Corp."));
        assert_eq!(e.title.as_deref(), Some("CEO & Director"));
        assert_eq!(e.role.as_deref(), Some("executive"));
        // a broadcast label has no ` - `
        assert_eq!(p("WOLF BLITZER, CNN ANCHOR").affiliation, None);
    }

    #[test]
    fn congressional_record_labels() {
        let s = p("Mr. SMITH of Texas");
        assert_eq!(s.name.as_deref(), Some("Mr. Smith"));
        assert_eq!(s.constituency.as_deref(), Some("Texas"));
        let j = p("Ms. JOHNSON of New York");
        assert_eq!(j.name.as_deref(), Some("Ms. Johnson"));
        assert_eq!(j.constituency.as_deref(), Some("New York"));
        // a compound surname keeps its honorific
        assert_eq!(
            p("Ms. JACKSON LEE").name.as_deref(),
            Some("Ms. Jackson Lee")
        );
        assert_eq!(p("Mr. VAN HOLLEN").name.as_deref(), Some("Mr. Van Hollen"));
        // in an all-capitals label the honorific goes before a first name
        assert_eq!(p("MR. JOHN SMITH").name.as_deref(), Some("John Smith"));
        let c = p("The SPEAKER pro tempore");
        assert_eq!(c.name, None);
        assert_eq!(c.title.as_deref(), Some("Speaker pro tempore"));
        assert_eq!(c.role.as_deref(), Some("chair"));
        let w = p("The SPEAKER pro tempore (Mr. Womack)");
        assert_eq!(w.name.as_deref(), Some("Mr. Womack"));
        assert_eq!(w.title.as_deref(), Some("Speaker pro tempore"));
        // a peer's territory is no state
        assert_eq!(p("Lord Hendry of Marsh").constituency, None);
    }

    #[test]
    fn earnings_headers() {
        let e = p(
            "Michael P. Dickerson -- Vice President, Corporate Communications and Investor Relations",
        );
        assert_eq!(e.name.as_deref(), Some("Michael P. Dickerson"));
        assert_eq!(
            e.title.as_deref(),
            Some("Vice President, Corporate Communications and Investor Relations")
        );
        assert_eq!(e.role.as_deref(), Some("executive"));
        let a = p("Bobby Griffin -- Raymond James -- Analyst");
        assert_eq!(a.name.as_deref(), Some("Bobby Griffin"));
        assert_eq!(a.affiliation.as_deref(), Some("Raymond James"));
        assert_eq!(a.role.as_deref(), Some("analyst"));
        let u = p("Unknown speaker -- Cowen and Company -- Analyst");
        assert!(u.anonymous || u.name.is_none());
        assert_eq!(u.affiliation.as_deref(), Some("Cowen and Company"));
    }

    #[test]
    fn norm_lowercases_drops_dots_and_squeezes_space() {
        assert_eq!(norm("  Mr.  JOHN   Smith. "), "mr john smith");
        assert_eq!(norm("The Chair . (Hon.)"), "the chair (hon)");
        assert_eq!(norm("ÉLODIE Dupré"), "élodie dupré");
        assert_eq!(norm("..."), "");
    }

    #[test]
    fn australian_seat_and_office() {
        let a = p("Mr ALBANESE (Grayndler—Leader of the Opposition)");
        assert_eq!(a.name.as_deref(), Some("Mr Albanese"));
        assert_eq!(a.constituency.as_deref(), Some("Grayndler"));
        assert_eq!(a.title.as_deref(), Some("Leader of the Opposition"));
        assert_eq!(a.role.as_deref(), Some("member"));
    }

    #[test]
    fn european_parliament_labels() {
        let r = p("Anna Keller, rapporteur");
        assert_eq!(r.name.as_deref(), Some("Anna Keller"));
        assert_eq!(r.title.as_deref(), Some("rapporteur"));
        let g = p("Tomas Berg, on behalf of the PPE Group");
        assert_eq!(g.name.as_deref(), Some("Tomas Berg"));
        assert_eq!(g.affiliation.as_deref(), Some("PPE Group"));
        assert_eq!(g.role.as_deref(), Some("member"));
        let c = p("Kadri Simson, Member of the Commission");
        assert_eq!(c.name.as_deref(), Some("Kadri Simson"));
        assert_eq!(c.title.as_deref(), Some("Member of the Commission"));
    }

    #[test]
    fn broadcast_labels_name_then_title() {
        let h = p("STEVE INSKEEP, HOST");
        assert_eq!(h.name.as_deref(), Some("Steve Inskeep"));
        assert_eq!(h.title.as_deref(), Some("Host"));
        assert_eq!(h.role.as_deref(), Some("host"));
        assert_eq!(h.surname.as_deref(), Some("inskeep"));
        let c = p("JAKE TAPPER, CNN CHIEF WASHINGTON CORRESPONDENT");
        assert_eq!(c.name.as_deref(), Some("Jake Tapper"));
        assert_eq!(
            c.title.as_deref(),
            Some("CNN Chief Washington Correspondent")
        );
        let b = p("JOE BIDEN, PRESIDENT OF THE UNITED STATES");
        assert_eq!(b.title.as_deref(), Some("President of the United States"));
        assert_eq!(b.role.as_deref(), Some("official"));
        let m = p("Jane Doe, Senior Editor");
        assert_eq!(m.name.as_deref(), Some("Jane Doe"));
        assert_eq!(m.title.as_deref(), Some("Senior Editor"));
        // not a name and a title: a surname first, or a suffix
        assert_eq!(p("Smith, John").title, None);
        assert_eq!(p("Smith, John").name.as_deref(), Some("John Smith"));
        assert_eq!(p("Van Buren, Anna").name.as_deref(), Some("Anna Van Buren"));
        assert_eq!(p("Roberts, Jr.").name.as_deref(), Some("Roberts, Jr."));
        assert_eq!(p("JOHN ROBERTS, JR.").title, None);
    }

    #[test]
    fn hansard_labels() {
        let c = p("The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.))");
        assert_eq!(c.name.as_deref(), Some("Anthony Rota"));
        assert_eq!(c.role.as_deref(), Some("chair"));
        assert_eq!(c.constituency.as_deref(), Some("NipissingTimiskaming"));
        assert_eq!(c.affiliation.as_deref(), Some("Lib."));
        // the United Nations: a country, and a note on interpretation
        let u = p("Mr. Nebenzia (Russian Federation) (spoke in Russian)");
        assert_eq!(u.name.as_deref(), Some("Mr. Nebenzia"));
        assert_eq!(u.affiliation.as_deref(), Some("Russian Federation"));
        assert_eq!(u.constituency, None);
        // UK Commons: seat and party in two groups
        let k = p("Keir Starmer (Holborn and St Pancras) (Lab)");
        assert_eq!(k.name.as_deref(), Some("Keir Starmer"));
        assert_eq!(k.constituency.as_deref(), Some("Holborn and St Pancras"));
        assert_eq!(k.affiliation.as_deref(), Some("Lab"));
        assert_eq!(k.role.as_deref(), Some("member"));
        let r = p("Dr Rupa Huq (Ealing Central and Acton) (Lab)");
        assert_eq!(r.name.as_deref(), Some("Rupa Huq"));
        assert_eq!(r.constituency.as_deref(), Some("Ealing Central and Acton"));
        assert_eq!(seat_and_party("A (B (C)) (D)"), None);
        assert_eq!(seat_and_party("(B) (D)"), None);
        // an office in the parenthesis: its commas divide no riding
        let h = p("Hon. Ahmed Hussen (Minister of Families, Children and Social Development)");
        assert_eq!(h.name.as_deref(), Some("Ahmed Hussen"));
        assert_eq!(
            h.title.as_deref(),
            Some("Minister of Families, Children and Social Development")
        );
        assert_eq!(h.constituency, None);
        assert_eq!(h.affiliation, None);
        let m = p("Mr. Garnett Genuis (Sherwood ParkFort Saskatchewan, CPC)");
        assert_eq!(m.name.as_deref(), Some("Garnett Genuis"));
        assert_eq!(m.affiliation.as_deref(), Some("CPC"));
        assert_eq!(m.role.as_deref(), Some("member"));
        let s = p("Lynne Neagle AM");
        assert_eq!(s.name.as_deref(), Some("Lynne Neagle"));
        assert_eq!(s.role.as_deref(), Some("member"));
        assert_eq!(p("The Chair").name, None);
        assert_eq!(p("Hon. Bill Blair").name.as_deref(), Some("Bill Blair"));
    }
}
