//! Tokenizer: raw turn text to word tokens with offsets, CoNLL style.
//!
//! The tagger was trained on CoNLL-2003, whose text is Reuters news split the
//! Penn Treebank way: punctuation is its own token, `'s` and `n't` are split
//! off, abbreviations keep their period (`U.S.`, `Mr.`), hyphenated words and
//! numbers (`EU-wide`, `1,000`, `3.5`) stay whole. Run-time text must be cut
//! the same way or the features the model learned (word, shape, affixes,
//! neighbours) never fire. `tag-conll` gets pre-split words and skips this
//! module; everything after tokenization is shared.
//!
//! Each token keeps its byte range (to slice the text without copying) and
//! its char range (entity offsets are Unicode scalar values into `text`, the
//! unit JSON consumers in most languages can index by). No token allocates:
//! a token is four integers.

/// One token: `text[start_byte..end_byte]`, and the same span in chars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start_byte: u32,
    pub end_byte: u32,
    pub start_char: u32,
    pub end_char: u32,
    /// The first token of a sentence (after `.`, `!`, `?` or a line break).
    pub sent_start: bool,
}

impl Token {
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        &s[self.start_byte as usize..self.end_byte as usize]
    }
}

/// Abbreviations that keep their final period (lower-cased, without it).
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "corp", "co", "ltd", "gen", "gov",
    "sen", "rep", "lt", "col", "capt", "sgt", "maj", "adm", "rev", "hon", "messrs", "no", "vs",
    "etc", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "mt", "ft",
    "bros", "dept", "univ", "est", "approx", "fig", "vol", "pres", "amb", "cmdr",
];

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '“'
            | '‘'
            | '«'
            | '`'
            | '$'
            | '£'
            | '€'
            | '¥'
            | '#'
            | '¿'
            | '¡'
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '”'
            | '’'
            | '»'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '.'
            | '%'
            | '…'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '–' | '—' | '―' | '‒')
}

/// Split `text` into tokens, appending to `out` (cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut sent_start = true;
    let mut i = 0usize;
    let mut ci = 0u32; // char index of byte i
    while i < bytes.len() {
        // skip white space; a line break starts a sentence
        let c = char_at(text, i);
        if c.is_whitespace() {
            if c == '\n' {
                sent_start = true;
            }
            i += c.len_utf8();
            ci += 1;
            continue;
        }
        // one white-space separated chunk
        let mut j = i;
        let mut cj = ci;
        while j < bytes.len() {
            let d = char_at(text, j);
            if d.is_whitespace() {
                break;
            }
            j += d.len_utf8();
            cj += 1;
        }
        split_chunk(text, i, j, ci, &mut sent_start, out);
        i = j;
        ci = cj;
    }
}

#[inline]
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap_or(' ')
    }
}

#[inline]
fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

fn push(out: &mut Vec<Token>, sb: usize, eb: usize, sc: u32, ec: u32, sent_start: &mut bool) {
    out.push(Token {
        start_byte: sb as u32,
        end_byte: eb as u32,
        start_char: sc,
        end_char: ec,
        sent_start: *sent_start,
    });
    *sent_start = false;
}

/// Cut one chunk `text[s..e]` (no white space) whose first char is char `cs`.
fn split_chunk(
    text: &str,
    mut s: usize,
    mut e: usize,
    mut cs: u32,
    ss: &mut bool,
    out: &mut Vec<Token>,
) {
    // leading punctuation, one token each
    while s < e {
        let c = char_at(text, s);
        if (is_open_punct(c) || is_dash(c)) && !(c == '\'' && looks_like_clitic_start(&text[s..e]))
        {
            push(out, s, s + c.len_utf8(), cs, cs + 1, ss);
            s += c.len_utf8();
            cs += 1;
        } else {
            break;
        }
    }
    if s >= e {
        return;
    }
    // trailing punctuation, collected right to left
    let mut tail: [(usize, usize); 8] = [(0, 0); 8];
    let mut nt = 0;
    let mut ends_sentence = false;
    let mut ce = cs + text[s..e].chars().count() as u32;
    while e > s && nt < tail.len() {
        let c = match last_char(&text[s..e]) {
            Some(c) => c,
            None => break,
        };
        if !(is_close_punct(c) || is_dash(c)) {
            break;
        }
        let core = &text[s..e - c.len_utf8()];
        if c == '.' && keeps_period(core) {
            break;
        }
        if matches!(c, '.' | '!' | '?') {
            ends_sentence = true;
        }
        e -= c.len_utf8();
        ce -= 1;
        tail[nt] = (e, c.len_utf8());
        nt += 1;
    }
    if s < e {
        split_inner(text, s, e, cs, ce, ss, out);
    }
    for (c, k) in (ce..).zip((0..nt).rev()) {
        let (b, l) = tail[k];
        push(out, b, b + l, c, c + 1, ss);
    }
    if ends_sentence {
        *ss = true;
    }
}

fn looks_like_clitic_start(s: &str) -> bool {
    let rest = &s[1..];
    let lower = |p: &str| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    (lower("s") || lower("re") || lower("ve") || lower("ll") || lower("d") || lower("m"))
        && rest.len() <= 2
}

/// Does `core` (a chunk without its final `.`) keep the period?
fn keeps_period(core: &str) -> bool {
    if core.is_empty() {
        return false;
    }
    // initials and dotted abbreviations: `J`, `U.S`, `a.m`
    let b = core.as_bytes();
    if b.iter().all(|c| c.is_ascii_alphabetic() || *c == b'.')
        && (core.contains('.') || (b.len() == 1 && b[0].is_ascii_uppercase()))
    {
        return true;
    }
    if core.len() <= 6 && b.iter().all(u8::is_ascii_alphabetic) {
        let mut lower = [0u8; 6];
        for (k, c) in b.iter().enumerate() {
            lower[k] = c.to_ascii_lowercase();
        }
        let l = std::str::from_utf8(&lower[..b.len()]).unwrap_or("");
        return ABBREV.contains(&l);
    }
    false
}

/// Split clitics (`'s`, `n't`, `'re` ...) and inner dashes off a chunk that
/// has no leading or trailing punctuation.
fn split_inner(
    text: &str,
    s: usize,
    e: usize,
    cs: u32,
    ce: u32,
    ss: &mut bool,
    out: &mut Vec<Token>,
) {
    let w = &text[s..e];
    // a spaced dash written without spaces: `security--and`, `crisis–in`
    if let Some((p, dl)) = find_dash(w) {
        if p > 0 && p + dl < w.len() {
            let pc = cs + w[..p].chars().count() as u32;
            let dc = w[p..p + dl].chars().count() as u32;
            split_inner(text, s, s + p, cs, pc, ss, out);
            push(out, s + p, s + p + dl, pc, pc + dc, ss);
            split_inner(text, s + p + dl, e, pc + dc, ce, ss, out);
            return;
        }
    }
    // n't
    for suf in ["n't", "N'T", "n’t", "N’T"] {
        if w.len() > suf.len() && w.ends_with(suf) {
            let cut = w.len() - suf.len();
            push(out, s, s + cut, cs, ce - 3, ss);
            push(out, s + cut, e, ce - 3, ce, ss);
            return;
        }
    }
    // 's 're 've 'll 'd 'm
    if let Some(p) = w.rfind(['\'', '’']) {
        let rest = &w[p..];
        let alen = if rest.starts_with('’') { 3 } else { 1 };
        let after = &rest[alen..];
        let is_clitic = ["s", "re", "ve", "ll", "d", "m"]
            .iter()
            .any(|c| after.eq_ignore_ascii_case(c));
        if p > 0
            && is_clitic
            && w[..p]
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        {
            let nc = after.len() as u32 + 1;
            push(out, s, s + p, cs, ce - nc, ss);
            push(out, s + p, e, ce - nc, ce, ss);
            return;
        }
    }
    push(out, s, e, cs, ce, ss);
}

fn find_dash(w: &str) -> Option<(usize, usize)> {
    // bytes, not `str::find`: this runs on every word
    let b = w.as_bytes();
    for i in 0..b.len() {
        match b[i] {
            b'-' if b.get(i + 1) == Some(&b'-') => return Some((i, 2)),
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x92..=0x95)) => {
                return Some((i, 3));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.iter().map(|t| t.text(s).to_string()).collect()
    }

    #[test]
    fn conll_conventions() {
        assert_eq!(
            toks("The U.S. didn't say (yes), Mr. Lavrov's view."),
            vec![
                "The", "U.S.", "did", "n't", "say", "(", "yes", ")", ",", "Mr.", "Lavrov", "'s",
                "view", "."
            ]
        );
        assert_eq!(
            toks("EU-wide 1,000 3.5%"),
            vec!["EU-wide", "1,000", "3.5", "%"]
        );
        assert_eq!(
            toks("Ukraine’s crisis–in"),
            vec!["Ukraine", "’s", "crisis", "–", "in"]
        );
        assert_eq!(
            toks("“Thanks, Will.”"),
            vec!["“", "Thanks", ",", "Will", ".", "”"]
        );
        assert_eq!(toks("$5 billion"), vec!["$", "5", "billion"]);
    }

    #[test]
    fn offsets_are_chars() {
        let s = "é Ann’s Linde.";
        let mut v = Vec::new();
        tokenize(s, &mut v);
        let chars: Vec<char> = s.chars().collect();
        for t in &v {
            let via_chars: String = chars[t.start_char as usize..t.end_char as usize]
                .iter()
                .collect();
            assert_eq!(via_chars, t.text(s));
        }
        assert!(v[0].sent_start);
        assert!(!v[1].sent_start);
    }

    #[test]
    fn sentence_starts() {
        let s = "Good day. Thanks, Will.\nNext";
        let mut v = Vec::new();
        tokenize(s, &mut v);
        let starts: Vec<&str> = v
            .iter()
            .filter(|t| t.sent_start)
            .map(|t| t.text(s))
            .collect();
        assert_eq!(starts, vec!["Good", "Thanks", "Next"]);
    }
}
