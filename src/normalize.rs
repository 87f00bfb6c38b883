//! Stage 1: normalization.
//!
//! [`Normalized::new`] turns the input into NFC text with invisible characters
//! dropped and every kind of space turned into a plain space, and keeps a map
//! from each byte of the normalized text back to a code-point offset of the
//! input, so that every later stage can report spans into the text exactly as
//! the user gave it.
//!
//! [`fold_key`] is the comparison key used for lexicon look-ups and for merging
//! mentions: it folds case, the two tone placements on open `oa, oe, uy`
//! ("hòa-style" `hòa, thủy` and "hoà-style" `hoà, thuỷ`), `i`/`y` after `q`
//! (`quí`/`quý`) and the look-alike `Ð` (U+00D0) for `Đ`. Text shown to users
//! keeps the article's own spelling; only comparisons use the key.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

include!("tonetable.rs");

/// Text after normalization, with a map back to the original input.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalized text (NFC, spaces unified, invisible characters removed).
    pub text: String,
    /// The map back to the input, sparse: `(byte offset in text, code-point
    /// offset in the input)` where the character at that byte does not
    /// simply follow the one before (after a dropped character or a
    /// composed cluster), and every [`ANCHOR_EVERY`] bytes or so. Between two
    /// anchors each character of `text` is one character of the input. The
    /// first entry is `(0, 0)`; the last maps `text.len()` to the input's
    /// length when they differ.
    anchors: Vec<(u32, u32)>,
    /// Where characters were dropped: (byte offset in `text`, code-point
    /// offset in the input of the first dropped character there). Sparse.
    drops: Vec<(u32, u32)>,
    /// Length of the input in code points.
    input_chars: usize,
}

/// Longest stretch of text between two anchors, in bytes (bounds the work of
/// one [`Normalized::orig_span`]).
const ANCHOR_EVERY: usize = 256;

/// What to do with a single character during normalization.
enum Action {
    Keep,
    Drop,
    Space,
}

fn classify(c: char) -> Action {
    match c {
        // Zero-width space, word joiner, BOM, soft hyphen. The zero-width
        // (non-)joiners stay: they hold emoji sequences together.
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Action::Drop,
        // Keep line structure.
        '\n' => Action::Keep,
        '\r' => Action::Keep,
        // No-break space and the other Unicode spaces.
        '\t'
        | '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Action::Space,
        // Line/paragraph separators and next-line become line breaks via space;
        // other control characters (NUL, ESC, ...) become spaces.
        '\u{2028}' | '\u{2029}' | '\u{0085}' => Action::Space,
        c if c.is_control() => Action::Space,
        _ => Action::Keep,
    }
}

/// True for characters that continue the cluster of the previous character:
/// combining marks and conjoining Hangul vowels/finals.
fn continues_cluster(c: char) -> bool {
    // Below U+0300 and in Latin Extended Additional (the precomposed
    // Vietnamese letters) every character has combining class 0.
    c >= '\u{0300}'
        && !('\u{1E00}'..='\u{1EFF}').contains(&c)
        && (canonical_combining_class(c) != 0 || ('\u{1161}'..='\u{11FF}').contains(&c))
}

/// Characters that are in NFC on their own and never start a composition
/// with what follows unless a combining mark follows (checked separately):
/// Latin-1, Latin Extended-A/B and Latin Extended Additional.
fn stable_letter(c: char) -> bool {
    c < '\u{0300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// End of the run of characters from `i` that normalization copies as they
/// are: printable ASCII, line feeds, U+00C0..U+02FF and Latin Extended
/// Additional (the precomposed Vietnamese letters). Whether a combining mark
/// follows the last one is for the caller to check.
fn safe_run(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        let x = b[i];
        if (0x20..0x7f).contains(&x) || x == b'\n' {
            i += 1;
        } else if (0xc3..=0xcb).contains(&x) {
            // Two bytes: U+00C0..U+02FF (the input is valid UTF-8).
            i += 2;
        } else if x == 0xe1 && matches!(b.get(i + 1), Some(0xb8..=0xbb)) {
            i += 3;
        } else {
            break;
        }
    }
    i
}

/// Start of the character that ends at byte `e` of `s`.
fn char_start_before(s: &str, e: usize) -> usize {
    s[..e].char_indices().next_back().map_or(0, |(k, _)| k)
}

/// Builds the normalized text and its sparse map.
struct Writer {
    text: String,
    anchors: Vec<(u32, u32)>,
    /// Input offset the next character written would have if it followed
    /// the last one.
    next: u32,
}

impl Writer {
    /// Note that the next character written comes from input offset `at`.
    #[inline]
    fn at(&mut self, at: u32) {
        let b = self.text.len();
        let far = b - self.anchors.last().map_or(0, |a| a.0 as usize) >= ANCHOR_EVERY;
        if at != self.next || far {
            match self.anchors.last_mut() {
                Some(a) if a.0 as usize == b => a.1 = at,
                _ => self.anchors.push((b as u32, at)),
            }
        }
        self.next = at;
    }

    /// Write `c`, which comes from input offset `at`.
    #[inline]
    fn push(&mut self, c: char, at: u32) {
        self.at(at);
        self.text.push(c);
        self.next = at + 1;
    }
}

impl Normalized {
    /// Normalize `input`. Linear time; never fails.
    pub fn new(input: &str) -> Normalized {
        let bytes = input.as_bytes();
        let mut w = Writer {
            text: String::with_capacity(input.len()),
            anchors: vec![(0, 0)],
            next: 0,
        };
        let mut pos: u32 = 0; // code-point offset of the current char in the input
        let mut cluster = String::new();
        let mut drops: Vec<(u32, u32)> = Vec::new();
        // The last character or cluster written: its byte offset in `text` and
        // input offset, so that combining marks separated from their base by a
        // dropped character still compose with it.
        let mut last: Option<(usize, u32)> = None;
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: copy a run of characters that need nothing, except
            // its last one when a non-ASCII character (maybe a combining
            // mark) follows.
            let mut e = safe_run(bytes, i);
            if e < bytes.len() && bytes[e] >= 0x80 && e > i {
                e = char_start_before(input, e);
            }
            if e > i {
                let mut k = i;
                while k < e {
                    let mut m = (k + ANCHOR_EVERY).min(e);
                    while !input.is_char_boundary(m) {
                        m -= 1;
                    }
                    let run = &input[k..m];
                    w.at(pos);
                    w.text.push_str(run);
                    let n = run.bytes().filter(|&x| (x as i8) >= -0x40).count() as u32;
                    pos += n;
                    w.next = pos;
                    k = m;
                }
                last = None;
                i = e;
                continue;
            }
            let c = input[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            let peek = |i: usize| input[i..].chars().next();
            let mut start = pos;
            pos += 1;
            if c.is_ascii() && !c.is_ascii_control() {
                // Fast path, unless a combining mark follows.
                if !peek(i).is_some_and(continues_cluster) {
                    last = (!c.is_ascii_whitespace()).then_some((w.text.len(), start));
                    w.push(c, start);
                    continue;
                }
            }
            match classify(c) {
                Action::Drop => {
                    let at = w.text.len() as u32;
                    if drops.last().is_none_or(|&(b, _)| b != at) {
                        drops.push((at, start));
                    }
                    continue;
                }
                Action::Space => {
                    last = None;
                    w.push(' ', start);
                    continue;
                }
                Action::Keep => {}
            }
            if stable_letter(c) && !peek(i).is_some_and(continues_cluster) {
                // A precomposed letter with no mark after it.
                last = (c != '\n' && c != '\r').then_some((w.text.len(), start));
                w.push(c, start);
                continue;
            }
            cluster.clear();
            match last {
                // A mark whose base came before a dropped character: take the
                // base back and compose them together.
                Some((byte, orig))
                    if continues_cluster(c)
                        && drops
                            .last()
                            .is_some_and(|&(b, _)| b as usize == w.text.len()) =>
                {
                    cluster.push_str(&w.text[byte..]);
                    w.text.truncate(byte);
                    while w.anchors.len() > 1
                        && w.anchors.last().is_some_and(|a| a.0 as usize >= byte)
                    {
                        w.anchors.pop();
                    }
                    let (ab, cp) = w.anchors[w.anchors.len() - 1];
                    w.next = cp + count_chars(&w.text.as_bytes()[(ab as usize).min(byte)..]) as u32;
                    start = orig;
                }
                _ => {}
            }
            cluster.push(c);
            while let Some(n) = peek(i) {
                if continues_cluster(n) {
                    cluster.push(n);
                    i += n.len_utf8();
                    pos += 1;
                } else {
                    break;
                }
            }
            let before = w.text.len();
            last = (c != '\n' && c != '\r').then_some((before, start));
            // Output char k of the cluster maps to input char k (the last one
            // for any extra): a token ending inside a cluster ("." + U+0301)
            // still gets a non-empty span.
            if cluster.len() == c.len_utf8()
                && unicode_normalization::is_nfc_quick(cluster.chars())
                    == unicode_normalization::IsNormalized::Yes
            {
                w.push(c, start);
            } else {
                for (k, ch) in cluster.nfc().enumerate() {
                    w.push(ch, start + (k as u32).min(pos - 1 - start));
                }
            }
        }
        // The end of the text maps to the end of the input.
        w.at(pos);
        Normalized {
            text: w.text,
            anchors: w.anchors,
            drops,
            input_chars: pos as usize,
        }
    }

    /// Input offset of the character at byte `b` of the text (the input's
    /// length at the end).
    fn orig_at(&self, b: usize) -> usize {
        let k = self.anchors.partition_point(|a| a.0 as usize <= b) - 1;
        let (ab, cp) = self.anchors[k];
        cp as usize + count_chars(&self.text.as_bytes()[ab as usize..b])
    }

    /// Map a byte range of the normalized text to a code-point range of the
    /// input (end exclusive). `start` and `end` must be char boundaries of
    /// `self.text`.
    pub fn orig_span(&self, start: usize, end: usize) -> (usize, usize) {
        let end = end.min(self.text.len());
        let s = self.orig_at(start.min(self.text.len()));
        (s, self.orig_end(end).max(s))
    }

    /// Input offset of a span end at byte `end` of the text.
    fn orig_end(&self, end: usize) -> usize {
        // Characters dropped right after the span are not part of it.
        match self.drops.binary_search_by_key(&(end as u32), |&(b, _)| b) {
            Ok(k) => self.drops[k].1 as usize,
            Err(_) => self.orig_at(end),
        }
    }

    /// A mapper for many spans, fastest when they come in text order.
    pub fn mapper(&self) -> Mapper<'_> {
        Mapper {
            norm: self,
            anchor: 0,
            b: 0,
            cp: self.anchors[0].1 as usize,
            until: self.anchors.get(1).map_or(usize::MAX, |a| a.0 as usize),
        }
    }

    /// Length of the original input in code points.
    pub fn input_chars(&self) -> usize {
        self.input_chars
    }
}

/// Maps byte spans of a [`Normalized`] text to input code points, walking
/// forward from the previous query (so that spans in text order cost time
/// linear in the text), or searching from the nearest anchor otherwise.
#[derive(Debug)]
pub struct Mapper<'a> {
    norm: &'a Normalized,
    anchor: usize,
    b: usize,
    cp: usize,
    /// Where the next anchor is (`usize::MAX` after the last).
    until: usize,
}

impl Mapper<'_> {
    #[inline(always)]
    fn orig_at(&mut self, b: usize) -> usize {
        if b >= self.b && b < self.until {
            // Forward within the stretch: the common case.
            self.cp += count_chars(&self.norm.text.as_bytes()[self.b..b]);
            self.b = b;
            return self.cp;
        }
        self.orig_at_slow(b)
    }

    fn orig_at_slow(&mut self, b: usize) -> usize {
        let anchors = &self.norm.anchors;
        if b < self.b && b >= anchors[self.anchor].0 as usize {
            // Back within the same stretch: count back.
            self.cp -= count_chars(&self.norm.text.as_bytes()[b..self.b]);
            self.b = b;
        } else if b < self.b {
            self.anchor = anchors.partition_point(|a| a.0 as usize <= b) - 1;
            let (ab, cp) = anchors[self.anchor];
            self.b = ab as usize;
            self.cp = cp as usize;
        }
        // Forward past anchors: step over the next few (text order), search
        // beyond them (a far jump must not walk every anchor on the way).
        let mut steps = 0;
        while self.anchor + 1 < anchors.len() && anchors[self.anchor + 1].0 as usize <= b {
            steps += 1;
            self.anchor = if steps <= 4 {
                self.anchor + 1
            } else {
                let from = self.anchor + 1;
                from + anchors[from..].partition_point(|a| a.0 as usize <= b) - 1
            };
            let (ab, cp) = anchors[self.anchor];
            self.b = ab as usize;
            self.cp = cp as usize;
        }
        self.cp += count_chars(&self.norm.text.as_bytes()[self.b..b]);
        self.b = b;
        self.until = anchors
            .get(self.anchor + 1)
            .map_or(usize::MAX, |a| a.0 as usize);
        self.cp
    }

    /// Same as [`Normalized::orig_span`].
    #[inline]
    pub fn span(&mut self, start: usize, end: usize) -> (usize, usize) {
        let len = self.norm.text.len();
        let end = end.min(len);
        let s = self.orig_at(start.min(len));
        let drops = &self.norm.drops;
        let dropped = if drops.is_empty() {
            None
        } else {
            drops.binary_search_by_key(&(end as u32), |&(b, _)| b).ok()
        };
        let e = match dropped {
            Some(k) => drops[k].1 as usize,
            None => self.orig_at(end),
        };
        (s, e.max(s))
    }
}

/// The little-endian value of 1 to 7 bytes, zero-padded: two overlapping
/// loads (bytes loaded twice land at the same place) instead of a loop.
#[inline]
pub(crate) fn short_le(b: &[u8]) -> u64 {
    let n = b.len();
    let two = |i: usize| u64::from(u16::from_le_bytes([b[i], b[i + 1]]));
    if n >= 4 {
        let four = |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
        four(0) | four(n - 4) << (8 * (n - 4))
    } else if n >= 2 {
        two(0) | two(n - 2) << (8 * (n - 2))
    } else {
        u64::from(b[0])
    }
}

/// Number of characters in UTF-8 bytes (that start on a char boundary).
#[inline]
fn count_chars(b: &[u8]) -> usize {
    // Characters = bytes - continuation bytes (0b10xxxxxx), 8 bytes at a time.
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut cont = 0;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        cont += (v & !(v << 1) & HI).count_ones() as usize;
    }
    for &x in chunks.remainder() {
        cont += usize::from(x & 0xc0 == 0x80);
    }
    b.len() - cont
}

/// Look up a precomposed toned vowel: its lowercase base and tone (1..=5).
pub(crate) fn untone(c: char) -> Option<(char, u8)> {
    let e = fold_entry(c);
    let tone = (e >> 24) as u8;
    (tone != 0).then(|| char::from_u32(e & 0xff_ffff).map(|b| (b, tone)))?
}

/// The [`FOLD`] entry of `c` (0 outside the table).
#[inline]
fn fold_entry(c: char) -> u32 {
    let u = c as u32;
    match u {
        0..0x200 => FOLD[u as usize],
        0x1EA0..0x1F00 => FOLD[(0x200 + u - 0x1EA0) as usize],
        _ => 0,
    }
}

/// The comparison key of a word or phrase.
///
/// Lowercase; each syllable's tone mark is removed from its vowel and written
/// as a digit after the syllable (`hòa`, `hoà` -> `hoa2`), so both tone
/// placements give one key; `Ð`/`ð` fold to `đ`; `qui` folds to `quy`.
/// Input may be NFC or NFD. Syllables stay separated by single spaces.
///
/// ```
/// use soi::normalize::fold_key;
/// assert_eq!(fold_key("Hoà"), fold_key("hòa"));
/// assert_eq!(fold_key("Đảng uỷ"), fold_key("đảng ủy"));
/// assert_ne!(fold_key("hoàn"), fold_key("hoa"));
/// assert_eq!(fold_key("quí"), fold_key("quý"));
/// ```
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    fold_key_into(s, &mut out);
    out
}

/// Folding of the letters of Vietnamese outside ASCII, by code point:
/// `FOLD[c]` for `c < 0x200`, `FOLD[0x200 + c - 0x1EA0]` for the
/// precomposed letters U+1EA0..U+1EFF. Each entry is the lowercase base
/// letter in the low 24 bits and the tone (1..=5) above; 0 where the
/// character needs the general path.
static FOLD: [u32; 0x260] = fold_table();

const fn fold_table() -> [u32; 0x260] {
    let mut t = [0u32; 0x260];
    let mut k = 0;
    while k < TONED.len() {
        let (c, base, tone) = TONED[k];
        let c = c as usize;
        let at = if c < 0x200 { c } else { 0x200 + c - 0x1EA0 };
        t[at] = base as u32 | (tone as u32) << 24;
        k += 1;
    }
    // Letters without a tone: their lowercase form.
    let plain = [
        ('Â', 'â'),
        ('â', 'â'),
        ('Ê', 'ê'),
        ('ê', 'ê'),
        ('Ô', 'ô'),
        ('ô', 'ô'),
        ('Ă', 'ă'),
        ('ă', 'ă'),
        ('Ơ', 'ơ'),
        ('ơ', 'ơ'),
        ('Ư', 'ư'),
        ('ư', 'ư'),
        ('Đ', 'đ'),
        ('đ', 'đ'),
        ('Ð', 'đ'),
        ('ð', 'đ'),
    ];
    let mut k = 0;
    while k < plain.len() {
        t[plain[k].0 as usize] = plain[k].1 as u32;
        k += 1;
    }
    t
}

/// [`fold_key_into`] for text made of ASCII and the letters of [`FOLD`]
/// (nearly all Vietnamese): one table look-up per character. Returns false,
/// with `out` as it was, when the text needs the general path.
#[inline]
fn fold_key_fast(s: &str, out: &mut String) -> bool {
    let base = out.len();
    let mut tone: u8 = 0;
    let mut syl_start = base;
    let mut pending_space = false;
    let end_syllable = |out: &mut String, tone: &mut u8, syl_start: usize| {
        let b = out.as_bytes();
        if b.len() >= syl_start + 3 && &b[syl_start..syl_start + 3] == b"qui" {
            out.replace_range(syl_start + 2..syl_start + 3, "y");
        }
        if *tone != 0 {
            out.push((b'0' + *tone) as char);
            *tone = 0;
        }
    };
    for c in s.chars() {
        let u = c as u32;
        if u < 0x80 {
            let a = u as u8;
            if a == b' ' || (b'\t'..=b'\r').contains(&a) {
                if out.len() > syl_start {
                    end_syllable(out, &mut tone, syl_start);
                    pending_space = true;
                }
                syl_start = out.len() + usize::from(pending_space);
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(a.to_ascii_lowercase() as char);
            continue;
        }
        let e = fold_entry(c);
        if e == 0 {
            out.truncate(base);
            return false;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        // The table holds only valid chars.
        out.push(char::from_u32(e & 0xff_ffff).unwrap_or(c));
        if e >> 24 != 0 {
            tone = (e >> 24) as u8;
        }
    }
    if out.len() > syl_start {
        end_syllable(out, &mut tone, syl_start);
    }
    true
}

/// [`fold_key`] appended to `out` (no allocation when `out` has room).
pub fn fold_key_into(s: &str, out: &mut String) {
    if !fold_key_fast(s, out) {
        fold_key_general(s, out);
    }
}

/// [`fold_key_into`] for any text.
fn fold_key_general(s: &str, out: &mut String) {
    let base = out.len();
    let mut tone: u8 = 0;
    let mut syl_start = base;
    let flush = |out: &mut String, tone: &mut u8, syl_start: usize| {
        // qui -> quy (the i belongs to the rhyme written y after qu)
        if out[syl_start..].starts_with("qui") {
            let at = syl_start + 2;
            out.replace_range(at..at + 1, "y");
        }
        if *tone != 0 {
            out.push((b'0' + *tone) as char);
            *tone = 0;
        }
    };
    let push = |c: char, out: &mut String, tone: &mut u8, syl_start: &mut usize| {
        if c.is_whitespace() {
            if out.len() > *syl_start {
                flush(out, tone, *syl_start);
                out.push(' ');
            }
            *syl_start = out.len();
            return;
        }
        match c {
            '\u{0300}' => *tone = 2,
            '\u{0301}' => *tone = 1,
            '\u{0309}' => *tone = 3,
            '\u{0303}' => *tone = 4,
            '\u{0323}' => *tone = 5,
            'Đ' | 'Ð' | 'ð' => out.push('đ'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => match untone(c) {
                Some((b, t)) => {
                    out.push(b);
                    *tone = t;
                }
                None => out.extend(c.to_lowercase()),
            },
        }
    };
    if !s.is_ascii()
        && s.chars()
            .any(|c| !stable_letter(c) && canonical_combining_class(c) != 0)
    {
        // NFD or mixed: compose first so that base+diacritic become one char,
        // then tone marks left over as combining marks are caught above.
        for c in s.nfc() {
            push(c, out, &mut tone, &mut syl_start);
        }
    } else {
        for c in s.chars() {
            push(c, out, &mut tone, &mut syl_start);
        }
    }
    if out.len() > base && out.ends_with(' ') {
        out.pop();
    } else {
        flush(out, &mut tone, syl_start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_le_is_the_zero_padded_value() {
        let b = [0x11u8, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77];
        for n in 1..=7 {
            let mut v = [0u8; 8];
            v[..n].copy_from_slice(&b[..n]);
            assert_eq!(short_le(&b[..n]), u64::from_le_bytes(v), "{n}");
        }
    }

    fn orig(n: &Normalized, s: usize, e: usize) -> (usize, usize) {
        n.orig_span(s, e)
    }

    #[test]
    fn identity_on_clean_text() {
        let n = Normalized::new("Hà Nội 2021");
        assert_eq!(n.text, "Hà Nội 2021");
        // "Nội" is bytes 4..9 ("à" is 2 bytes), chars 3..6
        assert_eq!(orig(&n, 4, 9), (3, 6));
        assert_eq!(n.input_chars(), 11);
    }

    #[test]
    fn nfd_is_composed_and_offsets_point_into_input() {
        let input = "Ha\u{0300} No\u{0323}\u{0302}i"; // NFD "Hà Nội"
        let n = Normalized::new(input);
        assert_eq!(n.text, "Hà Nội");
        // "Nội" normalized bytes 4..9; in the input it is chars 4..9 (N o ̣ ̂ i)
        assert_eq!(orig(&n, 4, n.text.len()), (4, 9));
    }

    #[test]
    fn invisible_dropped_spaces_unified() {
        let n = Normalized::new("a\u{200B}b\u{00A0}c\u{00AD}d\tx\0y");
        assert_eq!(n.text, "ab cd x y");
        assert_eq!(orig(&n, 0, 2), (0, 3));
        assert_eq!(n.input_chars(), 11);
    }

    #[test]
    fn idempotent() {
        for s in [
            "Ủy ban nhân dân",
            "Ha\u{0300}\u{00A0}x",
            "e\u{301}\u{301}\u{301}",
            "\u{FEFF}",
        ] {
            let once = Normalized::new(s).text;
            assert_eq!(Normalized::new(&once).text, once);
        }
    }

    #[test]
    fn key_folds_tone_placement_case_and_lookalikes() {
        for (a, b) in [
            ("hoà", "hòa"),
            ("uỷ", "ủy"),
            ("thuý", "thúy"),
            ("khoẻ", "khỏe"),
            ("Ðảng", "đảng"),
            ("QUÍ", "quý"),
            ("Ủy Ban", "uỷ ban"),
        ] {
            assert_eq!(fold_key(a), fold_key(b), "{a} vs {b}");
        }
        assert_ne!(fold_key("hoàn"), fold_key("hoà"));
        assert_ne!(fold_key("thuyền"), fold_key("thuyên"));
        assert_eq!(fold_key("  Bộ   Chính trị "), "bô5 chinh1 tri5");
    }

    #[test]
    fn key_nfd_equals_nfc() {
        let nfc = "Nghị quyết Đại hội";
        let nfd: String = nfc.nfd().collect();
        assert_eq!(fold_key(nfc), fold_key(&nfd));
    }

    #[test]
    fn fast_fold_agrees_with_general_fold() {
        // Every character the table knows, with spaces, ASCII, "qui" and
        // characters it does not know, in pseudo-random strings.
        let mut pool: Vec<char> = TONED.iter().map(|t| t.0).collect();
        pool.extend("âÂêÊôÔăĂơƠưƯđĐðÐ aqQuUiIyY \t\n\r.-,1ZzüÜ\u{a0}\u{301}\u{300}漢".chars());
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut fast_taken = 0;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 12) as usize;
            let s: String = (0..n)
                .map(|k| pool[((x >> (k * 5)) % pool.len() as u64) as usize])
                .collect();
            let mut general = String::from("pre ");
            fold_key_general(&s, &mut general);
            let mut fast = String::from("pre ");
            if fold_key_fast(&s, &mut fast) {
                fast_taken += 1;
                assert_eq!(fast, general, "{s:?}");
            } else {
                assert_eq!(fast, "pre ", "{s:?}: untouched when not taken");
            }
        }
        assert!(fast_taken > 1000, "{fast_taken}");
        for s in ["qui", "Quí", " quì  Nhơn ", "QUI", "quiet"] {
            let mut general = String::new();
            fold_key_general(s, &mut general);
            let mut fast = String::new();
            assert!(fold_key_fast(s, &mut fast));
            assert_eq!(fast, general, "{s:?}");
        }
    }

    #[test]
    fn untone_reads_every_toned_vowel() {
        for &(c, base, tone) in TONED.iter() {
            assert_eq!(untone(c), Some((base, tone)), "{c}");
        }
        for c in ['a', 'â', 'Ư', 'đ', 'ü', '漢', '\u{301}'] {
            assert_eq!(untone(c), None, "{c}");
        }
    }
}
