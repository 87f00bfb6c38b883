//! The segmentation model: an averaged perceptron over the gaps between
//! adjacent tokens of a sentence, deciding "join" or "split".
//!
//! Features (hashed into a fixed table of `i16` weights): the folded syllables
//! around the gap (unigrams, bigrams and trigrams in a window of ±2), token
//! shapes (lower, Capitalized, ALLCAPS, number, punctuation ...), lexicon
//! matches (a lexicon word of 2–4 syllables that covers the gap, and where the
//! gap falls in it; also conjoined with the syllables on each side), treebank
//! statistics (how often each syllable stood alone or joined its neighbours
//! in the training treebank, how often the pair was one word or two), and
//! proper-name signals (capitalized runs, a surname followed by a capitalized
//! syllable).
//!
//! The statistics come with the weights in the model file. While training
//! they are jackknifed (each tenth of the sentences sees the statistics of
//! the other nine tenths), so that the model learns how far to trust them on
//! text it has not seen, and leans on the lexicon for pairs the treebank
//! lacks.
//!
//! Both the model and the lexicon are finished lookup structures stored in
//! `data/` with a magic+version header, read in place from `&[u8]`.

use crate::normalize::{fold_key, fold_key_into};
use crate::tokenize::{Token, TokenKind};

/// Magic + version of the weights file.
pub const MODEL_MAGIC: &[u8; 8] = b"SOISEG2\n";
/// Magic + version of the lexicon file.
pub const LEXICON_MAGIC: &[u8; 8] = b"SOILEX3\n";
/// Longest lexicon word looked up, in syllables.
pub const MAX_LEX: usize = 4;

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Hash bytes (FxHash-style, stable across platforms).
pub fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h = (h.rotate_left(5) ^ x as u64).wrapping_mul(K);
    }
    h
}

/// Combine two hashes (order matters).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(5) ^ b).wrapping_mul(K) ^ (a >> 29)
}

/// 32-bit lexicon key of a sequence of syllable hashes.
pub fn lex_key(hashes: &[u64]) -> u32 {
    lex_fin(hashes.iter().fold(LEX_SEED, |h, &x| mix(h, x)))
}

const LEX_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

#[inline]
fn lex_fin(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// Shape classes of a token.
fn shape(text: &str, kind: TokenKind) -> u64 {
    match kind {
        TokenKind::Syllable => {
            let mut cs = text.chars();
            if !cs.next().is_some_and(char::is_uppercase) {
                1
            } else if cs.any(char::is_uppercase) {
                3
            } else {
                2
            }
        }
        TokenKind::Number => 4,
        TokenKind::Punct => match text {
            "." => 5,
            "," => 6,
            "%" => 7,
            "-" | "–" => 8,
            "/" => 9,
            _ => 10,
        },
        k => 11 + k as u64,
    }
}

/// Per-token values the features are made of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokInfo {
    /// Hash of the folded token text.
    pub hash: u64,
    /// Shape class.
    pub shape: u64,
    /// Is it a common Vietnamese surname?
    pub surname: bool,
    /// Is it a common middle name (văn, thị, hữu …)?
    pub middle: bool,
    /// Treebank statistics of the syllable (see [`Stats::syllable`]).
    pub syl: u32,
    /// Treebank statistics of the pair (this token, next token) (see
    /// [`Stats::pair`]).
    pub pair: u32,
}

const SURNAMES: &[&str] = &[
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
    "hồ", "ngô", "dương", "lý", "đinh", "đào", "đoàn", "trương", "lương", "lâm", "mai", "trịnh",
    "cao", "cù", "lã", "chu", "tạ", "hà", "tô", "vương", "kiều", "quách", "triệu", "thái", "lại",
    "khuất", "nông", "giang", "tăng", "mạc", "la", "lưu", "văn", "tôn", "thân", "diệp", "hứa",
    "châu", "từ", "kim", "âu", "phùng", "doãn", "nghiêm",
];

/// Is this folded-key hash one of the surnames?
#[inline]
fn is_surname(h: u64) -> bool {
    // A 256-bit filter first: most syllables skip the search.
    static FILTER: std::sync::OnceLock<[u64; 4]> = std::sync::OnceLock::new();
    let f = FILTER.get_or_init(|| {
        let mut f = [0u64; 4];
        for &x in surname_hashes() {
            f[(x >> 62) as usize] |= 1 << (x & 63);
        }
        f
    });
    f[(h >> 62) as usize] & (1 << (h & 63)) != 0 && surname_hashes().binary_search(&h).is_ok()
}

/// Hashes of the folded surnames, sorted.
fn surname_hashes() -> &'static [u64] {
    static H: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    H.get_or_init(|| sorted_hashes(SURNAMES))
}

/// The folded-key hashes of `words`, sorted (for binary search).
fn sorted_hashes(words: &[&str]) -> Vec<u64> {
    let mut v: Vec<u64> = words
        .iter()
        .map(|s| hash_bytes(fold_key(s).as_bytes()))
        .collect();
    v.sort_unstable();
    v
}

/// A caller's own value of a token, kept in the [`TokCache`] beside the
/// segmenter's values: the token's text, its folded key (case and tone
/// placement ignored; empty for numbers) and its kind. Extraction keeps
/// its lexicon ids there, so that each spelling of a text is folded and
/// looked up once for both.
pub type TokValueFn = fn(&str, &str, TokenKind) -> u32;

/// A cache of the per-syllable values of [`tok_infos`] keyed by the
/// syllable as written, kept across sentences: text repeats its syllables,
/// so most tokens skip folding and the look-ups. Two-way set-associative,
/// fixed size.
#[derive(Debug, Clone, Default)]
pub struct TokCache {
    slots: Vec<CacheSlot>,
    /// Identity of the statistics table the cached values come from.
    stats: (usize, usize),
    /// The function that gave the slots' caller values (see [`TokValueFn`]).
    value_fn: Option<TokValueFn>,
    /// Scratch for folded keys, kept with the cache so that sentences do
    /// not each grow a new one.
    key_buf: String,
}

#[derive(Debug, Clone, Copy, Default)]
struct CacheSlot {
    /// The token's bytes (at most 15), then its length and kind in the
    /// last byte (as two halves: the slot takes 40 bytes, not 48).
    key: [u64; 2],
    hash: u64,
    syl: u32,
    /// The caller's value, when `has_value`.
    value: u32,
    shape: u8,
    surname: bool,
    middle: bool,
    has_value: bool,
}

const CACHE_BITS: u32 = 12;

impl TokCache {
    /// Ready the cache for values from `stats` (emptied if it held another's).
    fn prepare(&mut self, stats: &Stats, value_fn: Option<TokValueFn>) {
        let id = (stats.slots.as_ptr() as usize, stats.slots.len());
        if self.slots.is_empty() || self.stats != id {
            self.slots.clear();
            self.slots.resize(1 << CACHE_BITS, CacheSlot::default());
            self.stats = id;
        }
        // Values of another function are of no use.
        if value_fn.is_some() && self.value_fn.map(|f| f as usize) != value_fn.map(|f| f as usize) {
            for slot in &mut self.slots {
                slot.has_value = false;
            }
            self.value_fn = value_fn;
        }
    }
}

/// The cache key of the `len` (at most 15) bytes at `start`: the bytes,
/// then the length in the last byte, as two words (low, high). One 16-byte
/// load when the text has 16 bytes from `start` (no byte-wise copy to a
/// stack buffer, which the load after it would wait on); no 128-bit shifts
/// (a library call on wasm32).
#[inline]
pub(crate) fn cache_key(b: &[u8], start: usize, len: usize) -> [u64; 2] {
    debug_assert!(len <= 15);
    let raw = match b.get(start..start + 16) {
        Some(w) => w.try_into().unwrap_or([0; 16]),
        None => {
            let mut k = [0u8; 16];
            k[..len].copy_from_slice(&b[start..start + len]);
            k
        }
    };
    let lo = u64::from_le_bytes(raw[..8].try_into().unwrap_or([0; 8]));
    let hi = u64::from_le_bytes(raw[8..].try_into().unwrap_or([0; 8]));
    let (lo, hi) = if len >= 8 {
        (lo, hi & ((1u64 << (8 * (len - 8))) - 1))
    } else {
        (lo & ((1u64 << (8 * len)) - 1), 0)
    };
    [lo, hi | (len as u64) << 56]
}

/// The hash of a syllable's folded key (case and tone placement ignored),
/// as the lexicon and the statistics key it; `key` is a scratch buffer.
pub fn syllable_hash(s: &str, key: &mut String) -> u64 {
    key.clear();
    fold_key_into(s, key);
    hash_bytes(key.as_bytes())
}

/// Folded-key hash, surname flag and statistics of one token (`key` holds
/// the folded key after, empty for a number).
fn tok_values(s: &str, kind: TokenKind, stats: &Stats, key: &mut String) -> (u64, bool, bool, u32) {
    let hash = if kind == TokenKind::Number {
        // Digits are not informative one by one: hash the digit count.
        key.clear();
        hash_bytes(&[b'#', b'n', b'u', b'm', b'0' + s.len().min(5) as u8])
    } else {
        syllable_hash(s, key)
    };
    let surname = kind == TokenKind::Syllable && is_surname(hash);
    let middle = kind == TokenKind::Syllable && is_middle(hash);
    (hash, surname, middle, stats.get(syl_key(hash)))
}

/// Compute the per-token values for a sentence (with a cache of the
/// syllables' values, when given), and with `values`, append the value
/// its function gives each token (see [`TokValueFn`]).
pub fn tok_infos(
    text: &str,
    tokens: &[Token],
    stats: &Stats,
    mut cache: Option<&mut TokCache>,
    out: &mut Vec<TokInfo>,
    mut values: Option<(TokValueFn, &mut Vec<u32>)>,
) {
    out.clear();
    let mut own_buf = String::new();
    if let Some(c) = cache.as_deref_mut() {
        c.prepare(stats, values.as_ref().map(|v| v.0));
        own_buf = std::mem::take(&mut c.key_buf);
    }
    let key_buf = &mut own_buf;
    for t in tokens {
        let s = t.text(text);
        let info = match cache.as_deref_mut() {
            // Numbers vary too much to be worth a slot (and their values
            // are cheap); other tokens are keyed with their kind, on which
            // the shape depends.
            Some(c) if t.kind != TokenKind::Number && s.len() <= 15 => {
                let [lo, hi] = cache_key(text.as_bytes(), t.start(), s.len());
                let key = [lo, hi | (t.kind as u64) << 60];
                let h = (key[0] ^ key[1].rotate_left(29)).wrapping_mul(K);
                // Two ways per set: the most recent first. A text of a few
                // thousand distinct tokens would evict itself often in a
                // direct-mapped table of this size.
                let set = (h >> (64 - CACHE_BITS)) as usize & !1;
                if c.slots[set].key != key {
                    if c.slots[set + 1].key == key {
                        c.slots.swap(set, set + 1);
                    } else {
                        // The older way goes; the first is refilled below.
                        c.slots[set + 1] = c.slots[set];
                        c.slots[set].key = [u64::MAX; 2];
                    }
                }
                let slot = &mut c.slots[set];
                if slot.key != key {
                    let (hash, surname, middle, syl) = tok_values(s, t.kind, stats, key_buf);
                    let value = values.as_ref().map(|(f, _)| f(s, key_buf, t.kind));
                    *slot = CacheSlot {
                        key,
                        hash,
                        syl,
                        value: value.unwrap_or(0),
                        shape: shape(s, t.kind) as u8,
                        surname,
                        middle,
                        has_value: value.is_some(),
                    };
                }
                if let Some((f, vs)) = values.as_mut() {
                    if !slot.has_value {
                        key_buf.clear();
                        fold_key_into(s, key_buf);
                        slot.value = f(s, key_buf, t.kind);
                        slot.has_value = true;
                    }
                    vs.push(slot.value);
                }
                TokInfo {
                    hash: slot.hash,
                    shape: slot.shape as u64,
                    surname: slot.surname,
                    middle: slot.middle,
                    syl: slot.syl,
                    pair: 0,
                }
            }
            _ => {
                let (hash, surname, middle, syl) = tok_values(s, t.kind, stats, key_buf);
                if let Some((f, vs)) = values.as_mut() {
                    vs.push(f(s, key_buf, t.kind));
                }
                TokInfo {
                    hash,
                    shape: shape(s, t.kind),
                    surname,
                    middle,
                    syl,
                    pair: 0,
                }
            }
        };
        out.push(info);
    }
    if let Some(c) = cache {
        c.key_buf = own_buf;
    }
    if !stats.is_empty() {
        for i in 1..out.len() {
            out[i - 1].pair = stats.get(pair_key(out[i - 1].hash, out[i].hash));
        }
    }
}

/// Key of a syllable in the statistics table.
#[inline]
pub fn syl_key(h: u64) -> u32 {
    lex_key(&[h, 0x5359_4c4c])
}

/// Key of a pair of adjacent tokens in the statistics table.
#[inline]
pub fn pair_key(a: u64, b: u64) -> u32 {
    lex_key(&[a, b])
}

/// Treebank statistics: an open-addressing table (like [`Lexicon`]) read in
/// place, of `u32` slots each holding a 20-bit tag of a 32-bit key (the slot
/// itself comes from the key's other bits) and a 12-bit value. A syllable's
/// value packs buckets of its count and of how often it stood alone, joined
/// the next syllable and joined the previous one; a pair's packs buckets of
/// how often it was inside one word and split (see [`Stats::syllable`] and
/// [`Stats::pair`]).
#[derive(Debug, Clone, Copy)]
pub struct Stats<'a> {
    slots: &'a [u8],
    bits: u32,
}

const TAG_BITS: u32 = 20;
const VALUE_BITS: u32 = 32 - TAG_BITS;

#[inline]
fn stats_tag(k: u32) -> u32 {
    (k & ((1 << TAG_BITS) - 1)).max(1)
}

impl<'a> Stats<'a> {
    /// An empty table.
    pub const EMPTY: Stats<'static> = Stats {
        slots: &[],
        bits: 0,
    };

    /// Read a table: `u32` bits (0: no table), then `2^bits` little-endian
    /// `u32` slots (0 = empty). Returns the table and the bytes after it.
    pub fn from_bytes(b: &'a [u8]) -> Option<(Stats<'a>, &'a [u8])> {
        let bits = u32::from_le_bytes(b.get(..4)?.try_into().ok()?);
        if bits == 0 {
            return Some((Stats::EMPTY, &b[4..]));
        }
        if !(4..=26).contains(&bits) {
            return None;
        }
        let n = 4usize << bits;
        let slots = b.get(4..4 + n)?;
        if !slots.chunks_exact(4).any(|c| c == [0, 0, 0, 0]) {
            return None;
        }
        Some((Stats { slots, bits }, &b[4 + n..]))
    }

    /// Serialize `(key, value)` pairs (keys distinct, values under 2^12)
    /// into the table format.
    pub fn build(mut entries: Vec<(u32, u32)>) -> Vec<u8> {
        if entries.is_empty() {
            return 0u32.to_le_bytes().to_vec();
        }
        entries.sort_unstable();
        let mut bits = 4;
        while (1usize << bits) < 2 * entries.len() {
            bits += 1;
        }
        let mask = (1usize << bits) - 1;
        let mut table = vec![0u32; 1 << bits];
        for (k, v) in entries {
            let mut i = lex_slot(k, bits);
            while table[i] != 0 {
                i = (i + 1) & mask;
            }
            table[i] = stats_tag(k) << VALUE_BITS | (v & ((1 << VALUE_BITS) - 1));
        }
        let mut out = bits.to_le_bytes().to_vec();
        for v in table {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// True when the table has no entries.
    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }

    #[inline]
    fn at(&self, i: usize) -> u32 {
        let b = &self.slots[4 * i..4 * i + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// Value of key `k`, 0 when absent.
    #[inline]
    pub fn get(&self, k: u32) -> u32 {
        if self.bits == 0 {
            return 0;
        }
        let tag = stats_tag(k);
        let mask = (1usize << self.bits) - 1;
        let mut i = lex_slot(k, self.bits);
        loop {
            match self.at(i) {
                0 => return 0,
                v if v >> VALUE_BITS == tag => return v & ((1 << VALUE_BITS) - 1),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// A syllable's value from its counts (occurrences, as a one-syllable
    /// word, joined to the next syllable, joined to the previous one): the
    /// count's bucket in bits 0–2, then 3 bits each for the ratio buckets of
    /// joined-next, joined-previous and alone (0 when never seen).
    pub fn syllable(n: u32, single: u32, right: u32, left: u32) -> u32 {
        let r = |x: u32| if n == 0 { 0 } else { 1 + rbucket(x, n) };
        cbucket(n) | r(right) << 3 | r(left) << 6 | r(single) << 9
    }

    /// A pair's value from its counts (inside one word, split): their
    /// buckets, 3 bits each.
    pub fn pair(joined: u32, split: u32) -> u32 {
        cbucket(joined) | cbucket(split) << 3
    }
}

/// Bucket of a count: 0, 1, 2–3, 4–7, 8+.
#[inline]
fn cbucket(n: u32) -> u32 {
    match n {
        0 => 0,
        1 => 1,
        2..=3 => 2,
        4..=7 => 3,
        _ => 4,
    }
}

/// Bucket of a ratio `x / n` (n > 0): 0, under 1/4, ..., under 1, 1.
#[inline]
fn rbucket(x: u32, n: u32) -> u32 {
    if x == 0 {
        0
    } else if x >= n {
        5
    } else {
        1 + 4 * x / n
    }
}

/// Slot of a key in a table of `2^bits` slots (Fibonacci hashing).
#[inline]
pub fn lex_slot(k: u32, bits: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

/// The key stored for `k` (0 marks an empty slot, so 0 is stored as 1).
#[inline]
pub fn lex_stored(k: u32) -> u32 {
    k.max(1)
}

/// Read a table file: `magic`, a little-endian `u32` size in bits (within
/// `bits`), then `2^bits` entries of `width` bytes. Returns the bits and the
/// entries, or `None` when the file is not one.
fn table_file<'a>(
    b: &'a [u8],
    magic: &[u8; 8],
    bits: std::ops::RangeInclusive<u32>,
    width: usize,
) -> Option<(u32, &'a [u8])> {
    if b.len() < 12 || &b[..8] != magic {
        return None;
    }
    let n = u32::from_le_bytes(b[8..12].try_into().ok()?);
    if !bits.contains(&n) {
        return None;
    }
    Some((n, b.get(12..12 + (width << n))?))
}

/// The lexicon: an open-addressing hash table of the 30-bit keys of
/// multi-syllable words and of their prefixes, with two flag bits (linear
/// probing, at most half full), read in place.
#[derive(Debug, Clone, Copy)]
pub struct Lexicon<'a> {
    slots: &'a [u8],
    bits: u32,
}

impl<'a> Lexicon<'a> {
    /// Read a lexicon file: magic, `u32` table bits, then `2^bits`
    /// little-endian `u32` slots (0 = empty; see [`Lexicon::entry`]).
    pub fn from_bytes(b: &'a [u8]) -> Option<Lexicon<'a>> {
        let (bits, slots) = table_file(b, LEXICON_MAGIC, 4..=28, 4)?;
        // A full table would make look-ups loop: at least one slot is empty.
        if !slots.chunks_exact(4).any(|c| c == [0, 0, 0, 0]) {
            return None;
        }
        Some(Lexicon { slots, bits })
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        (0..1usize << self.bits)
            .filter(|&i| self.at(i) & LEX_WORD != 0)
            .count()
    }

    /// True when there is no word.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    fn at(&self, i: usize) -> u32 {
        let b = &self.slots[4 * i..4 * i + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// The slot value of a key of [`lex_key`]: its low 30 bits (at least 1),
    /// [`LEX_WORD`] when the syllables are a word, [`LEX_PREFIX`] when they
    /// begin a longer word.
    #[inline]
    pub fn entry(k: u32, word: bool, prefix: bool) -> u32 {
        (k & LEX_KEY).max(1) | if word { LEX_WORD } else { 0 } | if prefix { LEX_PREFIX } else { 0 }
    }

    /// Does the lexicon contain the word with these syllable hashes?
    pub fn contains(&self, hashes: &[u64]) -> bool {
        self.get(lex_key(hashes)) & LEX_WORD != 0
    }

    /// The flags ([`LEX_WORD`], [`LEX_PREFIX`]) of key `k`, 0 when absent.
    #[inline]
    pub fn get(&self, k: u32) -> u32 {
        let k = (k & LEX_KEY).max(1);
        let mask = (1usize << self.bits) - 1;
        let mut i = lex_slot(k, self.bits);
        loop {
            match self.at(i) {
                0 => return 0,
                v if v & LEX_KEY == k => return v & !LEX_KEY,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// Flag of a lexicon slot: the syllables are a word.
pub const LEX_WORD: u32 = 1 << 31;
/// Flag of a lexicon slot: the syllables begin a longer word.
pub const LEX_PREFIX: u32 = 1 << 30;
/// The key bits of a lexicon slot.
pub const LEX_KEY: u32 = LEX_PREFIX - 1;

/// Lexicon spans: for each token position, bitmask of lexicon word lengths
/// (2..=MAX_LEX) starting there.
pub fn lex_starts(lex: &Lexicon, infos: &[TokInfo], tokens: &[Token], out: &mut Vec<u8>) {
    out.clear();
    out.resize(infos.len(), 0);
    for i in 0..infos.len() {
        if tokens[i].kind != TokenKind::Syllable {
            continue;
        }
        // The key of `lex_key`, extended one syllable at a time; stop when
        // no longer word starts with these syllables.
        let mut h = mix(LEX_SEED, infos[i].hash);
        for n in 2..=MAX_LEX {
            let j = i + n - 1;
            if j >= infos.len() || tokens[j].kind != TokenKind::Syllable {
                break;
            }
            h = mix(h, infos[j].hash);
            let v = lex.get(lex_fin(h));
            if v & LEX_WORD != 0 {
                out[i] |= 1 << n;
            }
            if v & LEX_PREFIX == 0 {
                break;
            }
        }
    }
}

/// Greedy longest-match segmentation over the lexicon: for each gap, 1 when
/// the longest match joins it (a strong baseline, used as a feature).
pub fn longest_match(lex: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.resize(lex.len(), 0);
    let mut i = 0;
    while i < lex.len() {
        let mask = lex[i];
        let len = (2..=MAX_LEX)
            .rev()
            .find(|&n| mask & (1 << n) != 0)
            .unwrap_or(1);
        out[i..i + len - 1].fill(1);
        i += len;
    }
}

/// Feature groups beyond the base set, switched on by bits of the model's
/// `flags` (stored in the model file, so the trainer can compare sets).
pub mod flags {
    /// Two-syllable lexicon matches conjoined with each of their syllables.
    pub const LEX_SYL: u32 = 1;
    /// Treebank statistics of the syllables and pairs around the gap.
    pub const STATS: u32 = 8;
    /// Split without scoring the gaps between two syllables that no lexicon
    /// word covers, that the treebank never joined and that are not both
    /// capitalized or after a surname (see [`super::surely_split`]).
    pub const PRUNE: u32 = 64;
    /// Lexicon structure: longer words covering the gap with the word edges
    /// inside them, and the identity of the longest covering word.
    pub const LEX_WORD: u32 = 128;
    /// Names: a surname followed by a common middle name, in any case.
    pub const NAMES: u32 = 256;
}

/// Maximum number of features of one gap.
pub const MAX_FEATS: usize = 48;

/// Is the gap after token `i` one to split without scoring it? Between two
/// syllables that no lexicon word covers, that the treebank statistics
/// never saw inside one word, not both capitalized and not after a surname.
#[inline]
pub fn surely_split(infos: &[TokInfo], lex: &[u8], i: usize) -> bool {
    let (b, c) = (&infos[i], &infos[i + 1]);
    let syllables = matches!(b.shape, 1..=3) && matches!(c.shape, 1..=3);
    if !syllables || b.pair & 7 != 0 || b.surname || (b.shape > 1 && c.shape > 1) {
        return false;
    }
    // A word starting at p covers the gap when longer than i - p + 1.
    let from = i.saturating_sub(MAX_LEX - 2);
    !(from..=i).any(|p| lex[p] >> (i - p + 2) != 0)
}

/// Feature hashes for the gap after token `i` (between `i` and `i + 1`).
/// Writes into `f` and returns how many.
pub fn gap_features(
    infos: &[TokInfo],
    lex: &[u8],
    lm: &[u8],
    tokens: &[Token],
    i: usize,
    flags: u32,
    f: &mut [u64; MAX_FEATS],
) -> usize {
    let n = infos.len();
    let (tb, tc) = (&infos[i], &infos[i + 1]);
    let (b, c) = (tb.hash, tc.hash);
    let before = if i > 0 { infos[i - 1].shape } else { 0 };
    let after = if i + 2 < n { infos[i + 2].shape } else { 0 };
    let sh = mix(tb.shape, tc.shape);
    let mut m = 0;
    macro_rules! push {
        ($t:expr, $v:expr) => {{
            if m < f.len() {
                f[m] = mix($t, $v);
                m += 1;
            }
        }};
    }
    push!(0, 0);
    push!(1, b);
    push!(2, c);
    push!(3, mix(b, c));
    push!(10, sh);
    push!(11, mix(mix(before, tb.shape), mix(tc.shape, after)));
    // Glued tokens ("10.000" split by the tokenizer would be glued).
    let glued = tokens[i].end == tokens[i + 1].start;
    push!(14, mix(glued as u64, sh));
    // Lexicon: words covering the gap (start p <= i < p + len - 1).
    let mut best = 0u64;
    // The longest covering word (start, length), the first found when tied.
    let mut longest = (0usize, 0usize);
    let from = i.saturating_sub(MAX_LEX - 2);
    for (p, &mask) in lex.iter().enumerate().take(i + 1).skip(from) {
        for len in 2..=MAX_LEX {
            if mask & (1 << len) != 0 && p + len > i + 1 {
                push!(20, mix(len as u64, (i - p) as u64));
                best = best.max(len as u64);
                if len > longest.1 {
                    longest = (p, len);
                }
            }
        }
    }
    // Lexicon words ending at i / starting at i + 1 (the gap is a word edge).
    let mut ends_here = 0u64;
    let from = i.saturating_sub(MAX_LEX - 1);
    for (p, &mask) in lex.iter().enumerate().take(i).skip(from) {
        for len in 2..=MAX_LEX {
            if mask & (1 << len) != 0 && p + len == i + 1 {
                ends_here = ends_here.max(len as u64);
            }
        }
    }
    let starts_next = lex.get(i + 1).is_some_and(|&x| x != 0);
    push!(22, mix(ends_here, starts_next as u64));
    push!(23, mix(best, sh));
    // The same with the shapes of the tokens around (a capitalized word
    // inside a sentence is a name or a title, at its start it need not be).
    push!(
        15,
        mix(best, mix(mix(before, tb.shape), mix(tc.shape, after)))
    );
    if flags & flags::LEX_SYL != 0 && lex[i] & 4 != 0 {
        // A two-syllable lexicon word: which syllables tend to make one.
        push!(32, b);
        push!(33, c);
    }
    if flags & flags::STATS != 0 {
        let (x, y) = (tb.syl as u64, tc.syl as u64);
        // Count buckets; b joined to its right, c joined to its left, b and
        // c alone.
        let (nb, nc) = (x & 7, y & 7);
        let (rb, lc) = (x >> 3 & 7, y >> 6 & 7);
        let (sb, sc) = (x >> 9 & 7, y >> 9 & 7);
        let p = tb.pair as u64;
        let pr = mix(p & 7, p >> 3 & 7);
        let prev = if i > 0 { infos[i - 1].pair as u64 } else { 0 };
        let ctx = mix(prev & 7, tc.pair as u64 & 7);
        push!(50, mix(nb, rb));
        push!(51, mix(nc, lc));
        push!(52, mix(rb, lc));
        push!(53, mix(sb, sc));
        push!(54, pr);
        push!(55, mix(pr, sh));
        push!(56, mix(pr, ctx));
    }
    // Runs of capitalized syllables (names): run length and position.
    let cap = |j: usize| matches!(infos[j].shape, 2 | 3);
    if cap(i) && cap(i + 1) {
        let mut a0 = i;
        while a0 > 0 && cap(a0 - 1) && i - a0 < 4 {
            a0 -= 1;
        }
        let mut b0 = i + 1;
        while b0 + 1 < n && cap(b0 + 1) && b0 - i < 4 {
            b0 += 1;
        }
        push!(28, mix((b0 - a0 + 1) as u64, (i - a0) as u64));
        push!(29, mix((b0 - a0 + 1) as u64, infos[a0].surname as u64));
    }
    push!(25, lm[i] as u64);
    push!(26, mix(lm[i] as u64, sh));
    push!(27, mix(lm[i] as u64, best));
    // Names: a surname and the shapes around the gap.
    push!(24, mix(tb.surname as u64, sh));
    if flags & flags::LEX_WORD != 0 {
        let edge = mix(ends_here, starts_next as u64);
        push!(60, mix(best, edge));
        // The longest lexicon word covering the gap: its syllables.
        if longest.1 > 0 {
            let (p, len) = longest;
            let w = infos[p..p + len].iter().fold(0u64, |h, t| mix(h, t.hash));
            push!(61, mix(w, (i - p) as u64));
            push!(62, mix(mix(len as u64, (i - p) as u64), edge));
        }
    }
    if flags & flags::NAMES != 0 {
        // A surname then a middle name, and a middle name after a surname:
        // names even when written in lower case ("nguyễn văn hòa").
        let prev_surname = i > 0 && infos[i - 1].surname;
        push!(63, mix(mix(tb.surname as u64, tc.middle as u64), sh));
        push!(64, mix(mix(prev_surname as u64, tb.middle as u64), sh));
    }
    m
}

const MIDDLES: &[&str] = &[
    "văn", "thị", "hữu", "đức", "công", "quốc", "minh", "thanh", "ngọc", "xuân", "quang", "hồng",
    "kim", "thành", "trung", "mạnh", "duy", "đình", "bá", "tiến", "thế", "trọng", "khắc", "như",
    "phương", "tấn", "hoàng", "anh", "huy", "tuấn", "thu", "hải", "việt", "nhật", "chí", "đăng",
];

/// Is this folded-key hash a common middle name (đệm)?
fn is_middle(h: u64) -> bool {
    static H: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    H.get_or_init(|| sorted_hashes(MIDDLES))
        .binary_search(&h)
        .is_ok()
}

/// Model weights: a hashed table of `i16`.
#[derive(Debug, Clone, Copy)]
pub struct Weights<'a> {
    table: &'a [u8],
    mask: u64,
    /// Feature groups in use (see [`flags`]).
    pub flags: u32,
    /// Treebank statistics used by the features.
    pub stats: Stats<'a>,
}

impl<'a> Weights<'a> {
    /// Read a weights file (magic, u32 table bits, u32 feature flags, i16
    /// weights little-endian, then the statistics table of [`Stats`]).
    pub fn from_bytes(b: &'a [u8]) -> Option<Weights<'a>> {
        if b.len() < 16 || &b[..8] != MODEL_MAGIC {
            return None;
        }
        let bits = u32::from_le_bytes(b[8..12].try_into().ok()?);
        let flags = u32::from_le_bytes(b[12..16].try_into().ok()?);
        if !(8..=26).contains(&bits) {
            return None;
        }
        let size = 1usize << bits;
        let table = b.get(16..16 + 2 * size)?;
        let (stats, rest) = Stats::from_bytes(&b[16 + 2 * size..])?;
        if !rest.is_empty() {
            return None;
        }
        Some(Weights {
            table,
            mask: (size - 1) as u64,
            flags,
            stats,
        })
    }

    /// Score of a set of features (positive: join).
    pub fn score(&self, f: &[u64]) -> i32 {
        let mut s = 0i32;
        for &x in f {
            let i = ((x ^ (x >> 31)) & self.mask) as usize * 2;
            s += i16::from_le_bytes([self.table[i], self.table[i + 1]]) as i32;
        }
        s
    }
}

/// Index of feature `x` in a table of `2^bits` entries (same as `Weights`).
pub fn slot(x: u64, bits: u32) -> usize {
    ((x ^ (x >> 31)) & ((1u64 << bits) - 1)) as usize
}
