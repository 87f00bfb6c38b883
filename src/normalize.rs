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
    /// For each byte of `text`, the code-point offset in the input of the
    /// character it came from; one extra entry at the end holds the input's
    /// length in code points.
    starts: Vec<u32>,
    /// Where characters were dropped: (byte offset in `text`, code-point
    /// offset in the input of the first dropped character there). Sparse.
    drops: Vec<(u32, u32)>,
    /// Length of the input in code points.
    input_chars: usize,
}

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

impl Normalized {
    /// Normalize `input`. Linear time; never fails.
    pub fn new(input: &str) -> Normalized {
        let mut text = String::with_capacity(input.len());
        let mut starts: Vec<u32> = Vec::with_capacity(input.len() + 1);
        let mut chars = input.char_indices().peekable();
        let mut pos: u32 = 0; // code-point offset of the current char in the input
        let mut cluster = String::new();
        let mut drops: Vec<(u32, u32)> = Vec::new();
        // The last character or cluster written: its byte offset in `text` and
        // input offset, so that combining marks separated from their base by a
        // dropped character still compose with it.
        let mut last: Option<(usize, u32)> = None;
        while let Some((_, c)) = chars.next() {
            let mut start = pos;
            pos += 1;
            if c.is_ascii() && !c.is_ascii_control() {
                // Fast path, unless a combining mark follows.
                let next_combines = chars.peek().is_some_and(|&(_, n)| continues_cluster(n));
                if !next_combines {
                    last = (!c.is_ascii_whitespace()).then_some((text.len(), start));
                    text.push(c);
                    starts.push(start);
                    continue;
                }
            }
            match classify(c) {
                Action::Drop => {
                    let at = text.len() as u32;
                    if drops.last().is_none_or(|&(b, _)| b != at) {
                        drops.push((at, start));
                    }
                    continue;
                }
                Action::Space => {
                    last = None;
                    text.push(' ');
                    starts.push(start);
                    continue;
                }
                Action::Keep => {}
            }
            if stable_letter(c) && !chars.peek().is_some_and(|&(_, n)| continues_cluster(n)) {
                // Fast path: a precomposed letter with no mark after it.
                last = (c != '\n' && c != '\r').then_some((text.len(), start));
                text.push(c);
                starts.extend(std::iter::repeat_n(start, c.len_utf8()));
                continue;
            }
            cluster.clear();
            match last {
                // A mark whose base came before a dropped character: take the
                // base back and compose them together.
                Some((byte, orig))
                    if continues_cluster(c)
                        && drops.last().is_some_and(|&(b, _)| b as usize == text.len()) =>
                {
                    cluster.push_str(&text[byte..]);
                    text.truncate(byte);
                    starts.truncate(byte);
                    start = orig;
                }
                _ => {}
            }
            cluster.push(c);
            while let Some(&(_, n)) = chars.peek() {
                if continues_cluster(n) {
                    cluster.push(n);
                    chars.next();
                    pos += 1;
                } else {
                    break;
                }
            }
            let before = text.len();
            last = (c != '\n' && c != '\r').then_some((before, start));
            if cluster.len() == c.len_utf8()
                && unicode_normalization::is_nfc_quick(cluster.chars())
                    == unicode_normalization::IsNormalized::Yes
            {
                text.push(c);
            } else {
                text.extend(cluster.nfc());
            }
            // Output char k of the cluster maps to input char k (the last one
            // for any extra): a token ending inside a cluster ("." + U+0301)
            // still gets a non-empty span.
            for (k, ch) in text[before..].chars().enumerate() {
                let at = start + (k as u32).min(pos - 1 - start);
                starts.extend(std::iter::repeat_n(at, ch.len_utf8()));
            }
        }
        starts.push(pos);
        Normalized {
            text,
            starts,
            drops,
            input_chars: pos as usize,
        }
    }

    /// Map a byte range of the normalized text to a code-point range of the
    /// input (end exclusive). `start` and `end` must be char boundaries of
    /// `self.text`.
    pub fn orig_span(&self, start: usize, end: usize) -> (usize, usize) {
        let end = end.min(self.text.len());
        let s = self.starts[start.min(self.text.len())] as usize;
        // Characters dropped right after the span are not part of it.
        let e = match self.drops.binary_search_by_key(&(end as u32), |&(b, _)| b) {
            Ok(k) => self.drops[k].1 as usize,
            Err(_) => self.starts[end] as usize,
        };
        (s, e.max(s))
    }

    /// Length of the original input in code points.
    pub fn input_chars(&self) -> usize {
        self.input_chars
    }
}

/// Look up a precomposed toned vowel: its lowercase base and tone (1..=5).
fn untone(c: char) -> Option<(char, u8)> {
    TONED
        .binary_search_by(|&(k, _, _)| k.cmp(&c))
        .ok()
        .map(|i| (TONED[i].1, TONED[i].2))
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

/// [`fold_key`] appended to `out` (no allocation when `out` has room).
pub fn fold_key_into(s: &str, out: &mut String) {
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
}
