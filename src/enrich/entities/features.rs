//! Features: what the tagger looks at, hashed to 64-bit keys.
//!
//! A token is described once ([`TokInfo`]: hashes of its word, lower-cased
//! word, shape and affixes, its case class, gazetteer hits and document
//! evidence), and the per-position feature list is then a handful of
//! integer mixes over a window of five infos plus the two previous tags.
//! Nothing allocates per token: the caller owns the buffers and reuses them.
//!
//! Why these features (the tagger is trained on 1996 Reuters news and must
//! work on 2020s transcripts):
//!
//! - **word, lower-cased word, neighbours** fit the training data; digits
//!   are folded to `0` so years and scores share one weight.
//! - **shape** (`Xx`, `X.X.`, `d-d`) and **affixes** generalise to names the
//!   training text never had (`-ov`, `-ski`, `-stan`, `Mc-`).
//! - **gazetteer hits** (category and position in the match, on the token and
//!   its neighbours) carry knowledge of names that are newer than the data.
//! - **document evidence**: whether the same word appears lower-case in the
//!   document (a capitalised sentence-initial `Next` is probably a common
//!   word) and whether it appears capitalised mid-sentence (an ALL-CAPS
//!   headline word `JAPAN` that reads `Japan` in the body is probably a
//!   name). This is the cheap half of Ratinov & Roth's non-local features.
//! - **ALL-CAPS sentences** (headlines, shouted transcript lines) get a flag,
//!   so case features are discounted where case says nothing.
//!
//! The gate: a token with no capitalised or numeric token within two places
//! (the pronoun `I` and a sentence-initial word the document also writes in
//! lower case do not count) is `O` without scoring. In prose that skips most
//! tokens, which is where the speed comes from; CoNLL names never consist of
//! such tokens (verified by `train-ner`, which reports gold entity tokens the
//! gate would drop).

use std::collections::HashSet;

/// Case/kind class of a token.
pub const CLS_LOWER: u8 = 0;
pub const CLS_TITLE: u8 = 1;
pub const CLS_CAPS: u8 = 2;
pub const CLS_MIXED: u8 = 3;
pub const CLS_DIGIT: u8 = 4;
pub const CLS_PUNCT: u8 = 5;
pub const CLS_OTHER: u8 = 6;

/// What the tagger knows about one token before looking at its neighbours.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    pub w: u64,
    pub lw: u64,
    pub shape: u64,
    /// Shape without collapsing runs, first six chars (`Xxxxxx`, `XXX`).
    pub long_shape: u64,
    pub pre: [u64; 4],
    pub suf: [u64; 4],
    pub cls: u8,
    pub len: u8,
    pub sent_start: bool,
    pub caps_sent: bool,
    /// Gazetteer hits: bit `cat * 4 + pos` (pos: 0 begin, 1 inside, 2 last, 3 unit).
    pub gaz: u64,
    /// Document evidence: bit 0 seen lower-case, bit 1 seen capitalised
    /// mid-sentence, bit 2 seen ALL-CAPS outside an ALL-CAPS sentence.
    pub doc: u8,
    /// Scored by the model (false: outside the gate, tagged O).
    pub active: bool,
}

const FNV: u64 = 0x100000001b3;
const SEED: u64 = 0xcbf29ce484222325;

#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    // splitmix64 finaliser over a combination: cheap and well spread
    let mut z = a ^ b.wrapping_mul(0x9e3779b97f4a7c15).rotate_left(23);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

#[inline]
fn step(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(FNV)
}

#[inline]
fn norm_char(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '“' | '”' => '"',
        '–' | '—' | '―' | '‒' => '-',
        _ => c,
    }
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// Hash of a word as written (after quote/dash normalisation).
pub fn word_hash(word: &str) -> u64 {
    word.chars().fold(SEED, |h, c| step(h, norm_char(c)))
}

/// Hash of a word lower-cased with digits folded to `0`: the key of
/// document evidence and of the lexical features.
pub fn lower_hash(word: &str) -> u64 {
    let mut h = SEED;
    for c in word.chars() {
        let c = norm_char(c);
        if c.is_ascii() {
            let c = c.to_ascii_lowercase();
            h = step(h, if c.is_ascii_digit() { '0' } else { c });
        } else {
            for l in c.to_lowercase() {
                h = step(h, if l.is_numeric() { '0' } else { l });
            }
        }
    }
    h
}

/// Describe one token (the document and gazetteer parts are filled later).
pub fn tok_info(word: &str, sent_start: bool) -> TokInfo {
    let mut t = tok_basic(word, sent_start);
    tok_detail(word, &mut t);
    t
}

/// The part of [`tok_info`] that document evidence and the gate need: the
/// lower-cased word (and its prefixes), length and case class.
pub fn tok_basic(word: &str, sent_start: bool) -> TokInfo {
    let mut t = TokInfo {
        sent_start,
        ..TokInfo::default()
    };
    let mut lw = SEED;
    let mut n = 0usize;
    let (mut up, mut low, mut dig, mut alpha_or_digit) = (0usize, 0usize, 0usize, 0usize);
    for c in word.chars() {
        let c = norm_char(c);
        let l = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        let lf = if l.is_numeric() { '0' } else { l };
        lw = step(lw, lf);
        if n < 4 {
            t.pre[n] = lw;
        }
        if c.is_uppercase() {
            up += 1;
        } else if c.is_lowercase() {
            low += 1;
        } else if c.is_numeric() {
            dig += 1;
        }
        if c.is_alphanumeric() {
            alpha_or_digit += 1;
        }
        n += 1;
    }
    for k in n.min(4)..4 {
        t.pre[k] = mix(t.pre[n.clamp(1, 4) - 1], 0x51 + k as u64);
    }
    t.lw = lw;
    t.len = n.min(255) as u8;
    let first_up = word.chars().next().is_some_and(char::is_uppercase);
    t.cls = if alpha_or_digit == 0 {
        CLS_PUNCT
    } else if dig > 0 && up == 0 && low == 0 {
        CLS_DIGIT
    } else if up > 0 && low == 0 && dig == 0 {
        CLS_CAPS
    } else if up == 0 && low > 0 && dig == 0 {
        CLS_LOWER
    } else if first_up && up == 1 && dig == 0 {
        CLS_TITLE
    } else if up > 0 {
        CLS_MIXED
    } else {
        CLS_OTHER
    };
    t
}

/// The rest of [`tok_info`]: word as written, shapes, suffixes. The run-time
/// step fills it only for tokens the gate lets through and their
/// neighbours, which in prose is about half of them.
pub fn tok_detail(word: &str, t: &mut TokInfo) {
    let mut w = SEED;
    let mut sh = SEED;
    let mut lsh = SEED;
    let mut last_cls = '\0';
    let mut n = 0usize;
    for c in word.chars() {
        let c = norm_char(c);
        w = step(w, c);
        let sc = shape_class(c);
        if n < 6 {
            lsh = step(lsh, sc);
        }
        if sc != last_cls {
            sh = step(sh, sc);
            last_cls = sc;
        }
        n += 1;
    }
    // suffixes: the last 1..4 chars, hashed right to left
    let mut s = SEED;
    for (k, c) in word.chars().rev().take(4).enumerate() {
        let c = norm_char(c);
        let l = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        s = step(s, if l.is_numeric() { '0' } else { l });
        t.suf[k] = s;
    }
    for k in n.min(4)..4 {
        t.suf[k] = mix(s, 0x73 + k as u64);
    }
    t.w = w;
    t.shape = sh;
    t.long_shape = lsh;
}

/// Scratch sets for document evidence, reused between documents.
#[derive(Default)]
pub struct DocScratch {
    lower: HashSet<u64, PassThrough>,
    title_mid: HashSet<u64, PassThrough>,
    caps_mid: HashSet<u64, PassThrough>,
}

/// The keys are already hashes: no need to hash them again.
#[derive(Default, Clone, Copy)]
pub struct PassThrough;

impl std::hash::BuildHasher for PassThrough {
    type Hasher = PassThroughHasher;
    fn build_hasher(&self) -> PassThroughHasher {
        PassThroughHasher(0)
    }
}

#[derive(Default)]
pub struct PassThroughHasher(u64);

impl std::hash::Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ *b as u64).wrapping_mul(FNV);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Mark ALL-CAPS sentences, the gate, and document evidence over one
/// document's infos (call after [`tok_info`] for every token).
pub fn finish_doc(infos: &mut [TokInfo], scratch: &mut DocScratch) {
    // ALL-CAPS sentences: most letters-bearing tokens are CAPS
    let mut s = 0;
    while s < infos.len() {
        let mut e = s + 1;
        while e < infos.len() && !infos[e].sent_start {
            e += 1;
        }
        let (mut caps, mut alpha) = (0, 0);
        for t in &infos[s..e] {
            match t.cls {
                CLS_CAPS => {
                    caps += 1;
                    alpha += 1
                }
                CLS_LOWER | CLS_TITLE | CLS_MIXED => alpha += 1,
                _ => {}
            }
        }
        let is_caps = alpha >= 2 && caps * 10 >= alpha * 7;
        for t in &mut infos[s..e] {
            t.caps_sent = is_caps;
        }
        s = e;
    }
    // document evidence
    scratch.lower.clear();
    scratch.title_mid.clear();
    scratch.caps_mid.clear();
    for t in infos.iter() {
        match t.cls {
            CLS_LOWER => {
                scratch.lower.insert(t.lw);
            }
            CLS_TITLE | CLS_MIXED if !t.sent_start && !t.caps_sent => {
                scratch.title_mid.insert(t.lw);
            }
            CLS_CAPS if !t.caps_sent && t.len > 1 => {
                scratch.caps_mid.insert(t.lw);
            }
            _ => {}
        }
    }
    for t in infos.iter_mut() {
        if matches!(t.cls, CLS_TITLE | CLS_CAPS | CLS_MIXED) {
            let mut d = 0;
            if scratch.lower.contains(&t.lw) {
                d |= 1;
            }
            if scratch.title_mid.contains(&t.lw) {
                d |= 2;
            }
            if scratch.caps_mid.contains(&t.lw) {
                d |= 4;
            }
            t.doc = d;
        }
    }
    // the gate
    let n = infos.len();
    // capitals that say nothing: the pronoun `I`, and a sentence-initial word
    // the document also uses in lower case (`The`, `We`, `So`)
    let i_hash = lower_hash("i");
    let strong = |t: &TokInfo| {
        let weak = (t.cls == CLS_CAPS && t.len == 1 && t.lw == i_hash)
            || (t.sent_start && t.cls == CLS_TITLE && t.doc & 1 != 0 && !t.caps_sent);
        t.gaz != 0 || (matches!(t.cls, CLS_TITLE | CLS_CAPS | CLS_MIXED | CLS_DIGIT) && !weak)
    };
    let mut last_strong: isize = -100;
    for (i, t) in infos.iter_mut().enumerate() {
        if strong(t) {
            last_strong = i as isize;
        }
        t.active = i as isize - last_strong <= 2;
    }
    let mut next_strong: isize = n as isize + 100;
    for i in (0..n).rev() {
        if strong(&infos[i]) {
            next_strong = i as isize;
        }
        if next_strong - i as isize <= 2 {
            infos[i].active = true;
        }
    }
}

/// Lower-case particles inside personal names (`Ludwig van Beethoven`,
/// `Mohammed bin Salman`).
const PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "den", "van", "von", "bin", "ibn", "al", "al-", "el", "la", "le",
    "du", "da", "dal", "di", "dos", "das", "do", "y", "zu", "ben", "ter", "ten", "af", "av", "wa",
];

static PARTICLE_HASHES: std::sync::LazyLock<Vec<u64>> =
    std::sync::LazyLock::new(|| PARTICLES.iter().map(|w| lower_hash(w)).collect());

/// Can a person's name continue onto this token? Not onto lower-case words
/// (other than particles) or punctuation. Greedy decoding commits to B (the
/// name goes on) before it sees the next token; without this a wrong B
/// drags `from` or `.` into `Kuleba from Ukraine`. CoNLL's training names
/// break this rule 8 times in 6,600.
#[inline]
pub fn person_continues(next: &TokInfo) -> bool {
    match next.cls {
        CLS_LOWER | CLS_PUNCT | CLS_OTHER => PARTICLE_HASHES.contains(&next.lw),
        _ => true,
    }
}

// feature templates
const T_BIAS: u64 = 1;
const T_W: u64 = 2;
const T_LW: u64 = 3;
const T_LW_M1: u64 = 4;
const T_LW_P1: u64 = 5;
const T_LW_M2: u64 = 6;
const T_LW_P2: u64 = 7;
const T_SH: u64 = 8;
const T_SH_M1: u64 = 9;
const T_SH_P1: u64 = 10;
const T_SH_M1_0: u64 = 11;
const T_SH_0_P1: u64 = 12;
const T_PRE: u64 = 13; // ..16
const T_SUF: u64 = 17; // ..20
const T_P1: u64 = 21;
const T_P2P1: u64 = 22;
const T_P1_LW: u64 = 23;
const T_P1_SH: u64 = 24;
const T_LWM1_LW: u64 = 25;
const T_LW_LWP1: u64 = 26;
const T_GAZ: u64 = 27;
const T_GAZ_M1: u64 = 28;
const T_GAZ_P1: u64 = 29;
const T_SS_LW: u64 = 30;
const T_DOC: u64 = 31;
const T_CAPS_LW: u64 = 32;
const T_CLS3: u64 = 33;
const T_LEN: u64 = 34;
const T_P1_LWM1: u64 = 35;
const T_CLS_LWM1: u64 = 36;
const T_LSH: u64 = 37;
const T_LW_CLSP1: u64 = 38;
const T_CLSM1_LW: u64 = 39;
const T_EXTRA: u64 = 40;

const BOS: u64 = 0x005e_edb0_5b05;
const EOS: u64 = 0x005e_ede0_5e05;

#[inline]
fn f(t: u64, v: u64) -> u64 {
    mix(t.wrapping_mul(0x2545f4914f6cdd1d), v)
}

#[inline]
fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(t.wrapping_mul(0x2545f4914f6cdd1d), a), b)
}

/// The features of position `i`, given the two previous tags, into `out`.
/// `extra` and `extra2` are per-token keys from the caller: the prediction
/// history and the document majority (0 = none).
pub fn features(
    infos: &[TokInfo],
    i: usize,
    p1: u8,
    p2: u8,
    extra: u64,
    extra2: u64,
    out: &mut Vec<u64>,
) {
    out.clear();
    let t = &infos[i];
    let n = infos.len();
    let has_m1 = i > 0 && !t.sent_start;
    let has_m2 = has_m1 && i > 1 && !infos[i - 1].sent_start;
    let has_p1 = i + 1 < n && !infos[i + 1].sent_start;
    let has_p2 = has_p1 && i + 2 < n && !infos[i + 2].sent_start;
    let m1 = has_m1.then(|| &infos[i - 1]);
    let p1i = has_p1.then(|| &infos[i + 1]);
    let lw_m1 = m1.map_or(BOS, |x| x.lw);
    let lw_p1 = p1i.map_or(EOS, |x| x.lw);
    let lw_m2 = if has_m2 { infos[i - 2].lw } else { BOS };
    let lw_p2 = if has_p2 { infos[i + 2].lw } else { EOS };
    let sh_m1 = m1.map_or(BOS, |x| x.shape);
    let sh_p1 = p1i.map_or(EOS, |x| x.shape);
    let cls_m1 = m1.map_or(9, |x| x.cls) as u64;
    let cls_p1 = p1i.map_or(9, |x| x.cls) as u64;
    let caps = t.caps_sent as u64;

    out.push(f(T_BIAS, 0));
    if !t.caps_sent {
        out.push(f(T_W, t.w));
    }
    out.push(f(T_LW, t.lw));
    out.push(f(T_LW_M1, lw_m1));
    out.push(f(T_LW_P1, lw_p1));
    out.push(f(T_LW_M2, lw_m2));
    out.push(f(T_LW_P2, lw_p2));
    out.push(f2(T_SH, t.shape, caps));
    out.push(f2(T_SH_M1, sh_m1, caps));
    out.push(f2(T_SH_P1, sh_p1, caps));
    out.push(f2(T_SH_M1_0, sh_m1, t.shape));
    out.push(f2(T_SH_0_P1, t.shape, sh_p1));
    for k in 0..4 {
        out.push(f(T_PRE + k as u64, t.pre[k]));
        out.push(f(T_SUF + k as u64, t.suf[k]));
    }
    out.push(f(T_P1, p1 as u64));
    out.push(f2(T_P2P1, p2 as u64, p1 as u64));
    out.push(f2(T_P1_LW, p1 as u64, t.lw));
    out.push(f2(T_P1_SH, p1 as u64, t.shape));
    out.push(f2(T_P1_LWM1, p1 as u64, lw_m1));
    out.push(f2(T_LWM1_LW, lw_m1, t.lw));
    out.push(f2(T_LW_LWP1, t.lw, lw_p1));
    out.push(f2(T_CLS_LWM1, t.cls as u64, lw_m1));
    out.push(f2(T_LSH, t.long_shape, caps));
    out.push(f2(T_LW_CLSP1, t.lw, cls_p1));
    out.push(f2(T_CLSM1_LW, cls_m1, t.lw));
    if t.sent_start {
        out.push(f(T_SS_LW, t.lw));
    }
    out.push(f2(
        T_DOC,
        (t.cls as u64) << 8 | (t.sent_start as u64) << 4 | caps << 5,
        t.doc as u64,
    ));
    if t.caps_sent {
        out.push(f(T_CAPS_LW, t.lw));
    }
    out.push(f(
        T_CLS3,
        cls_m1 << 16 | (t.cls as u64) << 8 | cls_p1 | caps << 24,
    ));
    out.push(f(T_LEN, (t.len.min(12) as u64) << 8 | t.cls as u64));
    push_bits(out, T_GAZ, t.gaz);
    if let Some(x) = m1 {
        push_bits(out, T_GAZ_M1, x.gaz);
    }
    if let Some(x) = p1i {
        push_bits(out, T_GAZ_P1, x.gaz);
    }
    if extra2 != 0 {
        out.push(f(T_EXTRA + 2, extra2));
        out.push(f2(T_EXTRA + 3, extra2, (t.cls as u64) << 4 | caps));
    }
    if extra != 0 {
        out.push(f(T_EXTRA, extra));
        out.push(f2(T_EXTRA + 1, extra, t.cls as u64));
    }
}

#[inline]
fn push_bits(out: &mut Vec<u64>, tpl: u64, mut bits: u64) {
    while bits != 0 {
        let b = bits.trailing_zeros() as u64;
        out.push(f(tpl, b));
        bits &= bits - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_hashes() {
        assert_eq!(tok_info("Lavrov", false).cls, CLS_TITLE);
        assert_eq!(tok_info("OSCE", false).cls, CLS_CAPS);
        assert_eq!(tok_info("the", false).cls, CLS_LOWER);
        assert_eq!(tok_info("1996", false).cls, CLS_DIGIT);
        assert_eq!(tok_info(",", false).cls, CLS_PUNCT);
        assert_eq!(tok_info("McCain", false).cls, CLS_MIXED);
        assert_eq!(tok_info("JAPAN", false).lw, tok_info("Japan", false).lw);
        assert_eq!(tok_info("1996", false).lw, tok_info("2021", false).lw);
        assert_eq!(
            tok_info("Ukraine’s", false).w,
            tok_info("Ukraine's", false).w
        );
        assert_eq!(
            tok_info("Kuleba", false).shape,
            tok_info("Lavrov", false).shape
        );
        assert_eq!(
            tok_info("Kuleba", false).suf[1],
            tok_info("Ruba", false).suf[1]
        );
    }

    #[test]
    fn gate_and_document_evidence() {
        let words = [
            "we", "met", "in", "a", "room", "with", "Lavrov", "and", "some", "more", "people",
            "next", "Next",
        ];
        let mut infos: Vec<TokInfo> = words.iter().map(|w| tok_info(w, false)).collect();
        finish_doc(&mut infos, &mut DocScratch::default());
        let active: Vec<bool> = infos.iter().map(|t| t.active).collect();
        assert!(!active[0] && !active[3] && active[4] && active[6] && active[8] && !active[9]);
        assert_eq!(infos[12].doc & 1, 1, "Next is seen lower-case");
    }
}
