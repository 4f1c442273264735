//! The model: an averaged perceptron over hashed features, decoded greedily
//! left to right with BILOU tags.
//!
//! Why a greedy perceptron and not a CRF: it is an order of magnitude
//! cheaper to run (one pass, no lattice), trains in seconds, and with rich
//! features and tag-history features it is within a point or two of a CRF on
//! CoNLL. BILOU (begin/inside/last/unit) rather than IOB makes the last token
//! of a name and single-token names their own decisions, which the literature
//! (Ratinov & Roth 2009) and our runs find worth about a point.
//!
//! Layout at run time ([`Model`]): an open-addressing table of 32-bit feature
//! fingerprints, and beside it one row of `NTAGS` quantised `i16` weights per
//! feature (tags contiguous, so a feature costs one cache line). The file
//! format is that table as little-endian bytes behind a small header, so
//! loading is a copy. Training uses an exact hash map and `f32`/`f64`
//! accumulators ([`Trainer`]) and exports the averaged weights, dropping
//! features whose weights all round to zero.

use std::collections::HashMap;

use super::features::PassThrough;

/// Entity classes of the statistical model (CoNLL's four).
pub const CLASSES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// O + B/I/L/U for each class.
pub const NTAGS: usize = 1 + 4 * CLASSES.len();
pub const O: u8 = 0;

/// Tag layout: `1 + 4 * class + pos`, pos 0 B, 1 I, 2 L, 3 U.
#[inline]
pub fn tag(class: usize, pos: u8) -> u8 {
    1 + 4 * class as u8 + pos
}
#[inline]
pub fn tag_class(t: u8) -> Option<usize> {
    (t != O).then(|| ((t - 1) / 4) as usize)
}
#[inline]
pub fn tag_pos(t: u8) -> u8 {
    (t.max(1) - 1) % 4
}

/// Can tag `cur` follow tag `prev`?
#[inline]
pub fn allowed(prev: u8, cur: u8) -> bool {
    let open = prev != O && tag_pos(prev) <= 1; // B or I
    if open {
        cur != O && tag_class(cur) == tag_class(prev) && matches!(tag_pos(cur), 1 | 2)
    } else {
        cur == O || matches!(tag_pos(cur), 0 | 3)
    }
}

/// The best allowed tag after `prev`. When the sentence ends next
/// (`last`), an open name must close: only L (or O/U) are allowed. When
/// `per_open` is false the next token cannot continue a person's name
/// (a lower-case word other than `de`, `van`, `bin`..., or punctuation), so
/// B-PER and I-PER are out.
#[inline]
pub fn best(scores: &[f32; NTAGS], prev: u8, last: bool, per_open: bool) -> u8 {
    let mut bi = u8::MAX;
    let mut bs = f32::NEG_INFINITY;
    for (t, &s) in scores.iter().enumerate() {
        let t = t as u8;
        let opens = t != O && tag_pos(t) <= 1;
        if s > bs
            && allowed(prev, t)
            && !(opens && (last || (!per_open && tag_class(t) == Some(0))))
        {
            bs = s;
            bi = t;
        }
    }
    if bi == u8::MAX {
        // only possible if prev is open and this is the last token: close it
        tag(tag_class(prev).unwrap_or(0), 2)
    } else {
        bi
    }
}

/// Close an open tag (B -> U, I -> L): used when decoding finds that a
/// name should have ended one token earlier.
#[inline]
pub fn close(t: u8) -> u8 {
    match tag_class(t) {
        Some(c) if tag_pos(t) == 0 => tag(c, 3),
        Some(c) if tag_pos(t) == 1 => tag(c, 2),
        _ => t,
    }
}

const MAGIC: &[u8; 8] = b"TSNER01\0";

/// The run-time model (read-only, shared by all workers).
pub struct Model {
    mask: usize,
    keys: Vec<u32>,
    weights: Vec<i16>,
    scale: f32,
    /// Free-form settings recorded at training time (feature switches).
    pub meta: String,
}

#[inline]
fn fingerprint(f: u64) -> u32 {
    ((f >> 32) as u32) | 1
}

impl Model {
    /// Add the weights of `feats` into `scores`.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32; NTAGS]) {
        let mut acc = [0i32; NTAGS];
        // the table is larger than the caches: ask for every slot first so
        // the loads overlap, then walk the probes
        #[cfg(target_arch = "x86_64")]
        for &f in feats {
            let i = (f as usize) & self.mask;
            // SAFETY: prefetch is a hint; the pointers are in bounds
            unsafe {
                use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
                _mm_prefetch::<_MM_HINT_T0>(self.keys.as_ptr().add(i) as *const i8);
                _mm_prefetch::<_MM_HINT_T0>(self.weights.as_ptr().add(i * NTAGS) as *const i8);
            }
        }
        for &f in feats {
            let fp = fingerprint(f);
            let mut i = (f as usize) & self.mask;
            loop {
                let k = self.keys[i];
                if k == fp {
                    let row = &self.weights[i * NTAGS..i * NTAGS + NTAGS];
                    for (a, w) in acc.iter_mut().zip(row) {
                        *a += *w as i32;
                    }
                    break;
                }
                if k == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        for (s, a) in scores.iter_mut().zip(acc) {
            *s = a as f32 * self.scale;
        }
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.keys.iter().filter(|k| **k != 0).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Serialise (the format [`Model::from_bytes`] reads).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + self.keys.len() * (4 + 2 * NTAGS));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(NTAGS as u32).to_le_bytes());
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.meta.len() as u32).to_le_bytes());
        out.extend_from_slice(self.meta.as_bytes());
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        // weights only for occupied slots, in slot order
        for (i, k) in self.keys.iter().enumerate() {
            if *k != 0 {
                for w in &self.weights[i * NTAGS..(i + 1) * NTAGS] {
                    out.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        let bad = || "not a turnstream NER model (bad header or truncated)".to_string();
        if b.len() < 24 || &b[..8] != MAGIC {
            return Err(bad());
        }
        let u32_at = |o: usize| -> Result<u32, String> {
            b.get(o..o + 4)
                .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
                .ok_or_else(bad)
        };
        let ntags = u32_at(8)? as usize;
        if ntags != NTAGS {
            return Err(format!(
                "model has {ntags} tags, this build expects {NTAGS}"
            ));
        }
        let nslots = u32_at(12)? as usize;
        if !nslots.is_power_of_two() {
            return Err(bad());
        }
        let scale = f32::from_bits(u32_at(16)?);
        let mlen = u32_at(20)? as usize;
        let meta = std::str::from_utf8(b.get(24..24 + mlen).ok_or_else(bad)?)
            .map_err(|_| bad())?
            .to_string();
        let mut o = 24 + mlen;
        let kb = b.get(o..o + 4 * nslots).ok_or_else(bad)?;
        let keys: Vec<u32> = kb
            .chunks_exact(4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
            .collect();
        o += 4 * nslots;
        let used = keys.iter().filter(|k| **k != 0).count();
        let wb = b.get(o..o + 2 * NTAGS * used).ok_or_else(bad)?;
        let mut weights = vec![0i16; nslots * NTAGS];
        let mut rows = wb.chunks_exact(2 * NTAGS);
        for (i, k) in keys.iter().enumerate() {
            if *k != 0 {
                let row = rows.next().ok_or_else(bad)?;
                for (t, s) in row.chunks_exact(2).enumerate() {
                    weights[i * NTAGS + t] = i16::from_le_bytes([s[0], s[1]]);
                }
            }
        }
        Ok(Model {
            mask: nslots - 1,
            keys,
            weights,
            scale,
            meta,
        })
    }

    /// Build from exact feature weights (training export).
    fn from_weights(feats: &[(u64, [f32; NTAGS])], meta: String) -> Model {
        let maxw = feats
            .iter()
            .flat_map(|(_, r)| r.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if maxw > 0.0 { maxw / 32767.0 } else { 1.0 };
        let nslots = (feats.len() * 10 / 7 + 1).next_power_of_two().max(16);
        let mask = nslots - 1;
        let mut keys = vec![0u32; nslots];
        let mut weights = vec![0i16; nslots * NTAGS];
        for (f, row) in feats {
            let fp = fingerprint(*f);
            let mut i = (*f as usize) & mask;
            while keys[i] != 0 {
                i = (i + 1) & mask;
            }
            keys[i] = fp;
            for t in 0..NTAGS {
                weights[i * NTAGS + t] = (row[t] / scale).round() as i16;
            }
        }
        Model {
            mask,
            keys,
            weights,
            scale,
            meta,
        }
    }
}

/// Averaged-perceptron training state.
pub struct Trainer {
    index: HashMap<u64, u32, PassThrough>,
    w: Vec<f32>,
    acc: Vec<f64>,
    ts: Vec<u32>,
    /// Update clock: one tick per scored token.
    pub clock: u32,
}

impl Default for Trainer {
    fn default() -> Self {
        Self::new()
    }
}

impl Trainer {
    pub fn new() -> Trainer {
        Trainer {
            index: HashMap::with_hasher(PassThrough),
            w: Vec::new(),
            acc: Vec::new(),
            ts: Vec::new(),
            clock: 1,
        }
    }

    /// Current (not averaged) scores.
    pub fn score(&self, feats: &[u64], scores: &mut [f32; NTAGS]) {
        *scores = [0.0; NTAGS];
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &self.w[r as usize * NTAGS..(r as usize + 1) * NTAGS];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += *w;
                }
            }
        }
    }

    /// Move weights towards `gold` and away from `guess`.
    pub fn update(&mut self, feats: &[u64], gold: u8, guess: u8) {
        let c = self.clock;
        for &f in feats {
            let n = self.index.len() as u32;
            let r = *self.index.entry(f).or_insert(n) as usize;
            if r as u32 == n {
                self.w.extend([0.0; NTAGS]);
                self.acc.extend([0.0; NTAGS]);
                self.ts.extend([c; NTAGS]);
            }
            for (t, d) in [(gold, 1.0f32), (guess, -1.0)] {
                let k = r * NTAGS + t as usize;
                self.acc[k] += (c - self.ts[k]) as f64 * self.w[k] as f64;
                self.ts[k] = c;
                self.w[k] += d;
            }
        }
    }

    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// The averaged weights as a run-time model; features whose largest
    /// averaged weight is below `min_abs` are dropped.
    pub fn export(&self, min_abs: f32, meta: String) -> Model {
        let c = self.clock as f64;
        let mut feats = Vec::with_capacity(self.index.len());
        for (&f, &r) in &self.index {
            let r = r as usize;
            let mut row = [0f32; NTAGS];
            let mut maxa = 0f32;
            for (t, x) in row.iter_mut().enumerate() {
                let k = r * NTAGS + t;
                let total = self.acc[k] + (c - self.ts[k] as f64) * self.w[k] as f64;
                *x = (total / c) as f32;
                maxa = maxa.max(x.abs());
            }
            if maxa >= min_abs {
                feats.push((f, row));
            }
        }
        feats.sort_by_key(|(f, _)| *f);
        Model::from_weights(&feats, meta)
    }

    pub fn num_features(&self) -> usize {
        self.index.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions() {
        let b_per = tag(0, 0);
        let i_per = tag(0, 1);
        let l_per = tag(0, 2);
        let u_org = tag(1, 3);
        assert!(allowed(O, b_per) && allowed(O, u_org) && !allowed(O, i_per));
        assert!(allowed(b_per, l_per) && allowed(b_per, i_per) && !allowed(b_per, O));
        assert!(!allowed(b_per, tag(1, 2)));
        assert!(allowed(l_per, O) && allowed(u_org, b_per));
        let mut s = [0f32; NTAGS];
        s[i_per as usize] = 5.0;
        s[O as usize] = 1.0;
        assert_eq!(best(&s, b_per, true, true), l_per);
        s[i_per as usize] = 0.0;
        s[b_per as usize] = 9.0;
        assert_eq!(best(&s, O, false, false), O);
        assert_eq!(best(&s, O, false, true), b_per);
    }

    #[test]
    fn round_trip() {
        let mut tr = Trainer::new();
        for _ in 0..3 {
            tr.update(&[11, 22], 3, 0);
            tr.tick();
        }
        let m = tr.export(0.0, "x=1".into());
        let m2 = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(m2.meta, "x=1");
        let (mut a, mut b) = ([0f32; NTAGS], [0f32; NTAGS]);
        m.score(&[11, 22, 33], &mut a);
        m2.score(&[11, 22, 33], &mut b);
        assert_eq!(a, b);
        assert!(a[3] > 0.0 && a[0] < 0.0);
        assert!(Model::from_bytes(b"junk").is_err());
    }
}
