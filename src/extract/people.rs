//! Persons (with rank and roles), organizations and locations.
//!
//! Rules over tokens, using the lexicons of [`super::lexicons`]:
//! - an organization is a head ("Bộ Tư lệnh", "Thành ủy", "UBND") plus its
//!   complement: capitalized words, nested heads, abbreviations, an
//!   administrative word ("thành phố", "tỉnh") and a unit number;
//! - a role is a title ("Bí thư", "Phó Chủ tịch") plus such a complement;
//! - a person name is 2–4 capitalized syllables starting with a surname;
//!   roles are read from the comma/dash-separated chain before the name
//!   ("Thiếu tướng - Phó Bí thư Đảng ủy - Tư lệnh ... Nguyễn Quốc Duyệt"), the
//!   chain after it ("A, Ủy viên Bộ Chính trị, Bí thư Thành ủy"), and a
//!   collective title before a colon ("các Ủy viên Ban Thường vụ: A, B");
//! - a location is a gazetteer name, or the name after an administrative word.

use super::lexicons::{get, Fx, Id, Lexicons, Phrases, NONE};
use super::Doc;
use crate::analysis::{Analysis, Entity, Named, Person};
use crate::normalize::{fold_key, fold_key_into};
use crate::tokenize::TokenKind;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A collective title before a colon and the names it applies to.
struct Group {
    role: (usize, usize),
    names: Vec<usize>,
}

/// A syllable starting with a capital letter.
const CAP: u8 = 1;
/// A capitalized word that is not a Vietnamese syllable (see
/// [`Ctx::foreign_word`]).
pub(super) const FOREIGN: u8 = 2;
/// A token where a foreign name may start: a foreign word, or a capitalized
/// syllable before one ([`Ctx::foreign_second`]).
const FOREIGN_START: u8 = 4;
/// An abbreviation token ("UBND").
pub(super) const ABBREV: u8 = 8;
/// A lower-case word that may start a place: an administrative word
/// ("tỉnh", "thành phố"), "miền", "quốc" ("quốc lộ 1A").
const LOC_CUE: u8 = 16;
/// A number, percentage or code ([`TokenKind::Number`], `Percent`, `Code`):
/// where quantities and document numbers are.
pub(super) const NUM: u8 = 32;

/// The bits of a [`token_value`] that hold the vocabulary id.
const ID_BITS: u32 = 0x1fff_ffff;
/// [`token_value`]'s bit for [`CAP`].
const VALUE_CAP: u32 = 1 << 29;
/// [`token_value`]'s bit for [`FOREIGN`].
const VALUE_FOREIGN: u32 = 1 << 30;
/// [`token_value`]'s bit for [`LOC_CUE`].
const VALUE_LOC_CUE: u32 = 1 << 31;

/// What extraction needs to know of a token's spelling, given its text,
/// its folded key (as [`fold_key`] makes it) and its kind: its vocabulary
/// id ([`NONE`] outside the lexicons; punctuation has ids too: "Sở Văn hóa,
/// Thể thao và Du lịch"), whether it is a syllable starting with a capital,
/// whether it is a capitalized word that is no Vietnamese syllable
/// ("Macron", not "Hà"), and whether it may start a place in lower case
/// ([`LOC_CUE`]); packed in a `u32`. The segmenter keeps it in
/// its cache of spellings (see [`crate::words::model::TokValueFn`]).
pub fn token_value(text: &str, folded: &str, kind: TokenKind) -> u32 {
    if !matches!(
        kind,
        TokenKind::Syllable | TokenKind::Abbrev | TokenKind::Alnum | TokenKind::Punct
    ) {
        return ID_BITS;
    }
    let lx = get();
    // Dashes are one: "Vụ Kế hoạch – Tài chính" is "Vụ Kế hoạch - Tài chính".
    let folded = if kind == TokenKind::Punct && matches!(text, "–" | "—") {
        "-"
    } else {
        folded
    };
    let id = lx.folded_id(folded);
    let upper = kind == TokenKind::Syllable && starts_upper(text);
    // Words of the lexicons are Vietnamese (or places): only the others
    // are tested.
    let foreign = upper
        && id == NONE
        && text.chars().skip(1).any(char::is_lowercase)
        && !vietnamese_syllable(text);
    debug_assert!(id == NONE || id < ID_BITS, "vocabulary ids fit in 29 bits");
    let cue = id != NONE
        && (id == kw!("miền")
            || id == kw!("quốc")
            || id == kw!("sông")
            || lx.admin.starts_with(id));
    (id & ID_BITS)
        | (u32::from(upper) * VALUE_CAP)
        | (u32::from(foreign) * VALUE_FOREIGN)
        | (u32::from(cue) * VALUE_LOC_CUE)
}

/// Token keys and word ends shared by the extractors.
pub struct Ctx<'a> {
    /// The document.
    pub doc: &'a Doc<'a>,
    /// Vocabulary id of every token ([`NONE`] outside the lexicons).
    pub keys: Vec<Id>,
    /// For each token, the end (token index) of the word holding it.
    pub wend: Vec<u32>,
    /// Per token, [`CAP`], [`FOREIGN`] and [`FOREIGN_START`] bits.
    flags: Vec<u8>,
    /// The kind of each token (a compact copy: scans over it stay in cache).
    pub kinds: Vec<TokenKind>,
    lx: &'static Lexicons,
}

impl<'a> Ctx<'a> {
    /// Keys and word ends for `doc`, from the [`token_value`] of each token
    /// (the segmenter looks them up with its own; turned into the keys in
    /// place) or, when `values` is empty, computed here.
    pub fn new(doc: &'a Doc<'a>, values: Vec<u32>) -> Ctx<'a> {
        let lx = get();
        let n = doc.tokens.len();
        let mut keys = if values.len() == n {
            values
        } else {
            let mut buf = String::new();
            doc.tokens
                .iter()
                .map(|t| {
                    let text = t.text(doc.text);
                    buf.clear();
                    fold_key_into(text, &mut buf);
                    token_value(text, &buf, t.kind)
                })
                .collect()
        };
        // Each value's bits become the token's flags, then the value its key
        // (passes without a branch or a capacity check per token).
        let flags: Vec<u8> = keys
            .iter()
            .zip(doc.tokens)
            .map(|(&value, t)| {
                (u8::from(value & VALUE_CAP != 0) * CAP)
                    | (u8::from(value & VALUE_FOREIGN != 0) * FOREIGN)
                    | (u8::from(t.kind == TokenKind::Abbrev) * ABBREV)
                    | (u8::from(value & VALUE_LOC_CUE != 0) * LOC_CUE)
                    | (u8::from(matches!(
                        t.kind,
                        TokenKind::Number | TokenKind::Percent | TokenKind::Code
                    )) * NUM)
            })
            .collect();
        let kinds: Vec<TokenKind> = doc.tokens.iter().map(|t| t.kind).collect();
        for v in &mut keys {
            *v = if *v & ID_BITS == ID_BITS {
                NONE
            } else {
                *v & ID_BITS
            };
        }
        // Words cover the tokens in order.
        let mut wend: Vec<u32> = vec![n as u32; n];
        for w in doc.words {
            if let Some(span) = wend.get_mut(w.start as usize..w.end as usize) {
                span.fill(w.end);
            }
        }
        let mut cx = Ctx {
            doc,
            keys,
            wend,
            flags,
            kinds,
            lx,
        };
        // Tokens where a foreign name may start: a foreign word, or a
        // capitalized syllable before one ("Hun Manet", "Chey Tae-won").
        // Both start with a capitalized syllable: most tokens are not.
        let mut i = cx.skip_to(0, n, CAP);
        while i < n {
            // Each needs a foreign word or a hyphen (after a syllable) here or
            // at one of the next two tokens: checked first, as most
            // capitalized syllables have neither.
            let near = |k: usize| cx.foreign_word(k) || cx.is(k + 1, kw!("-"));
            if (near(i) || near(i + 1))
                && (cx.foreign_word(i) || cx.foreign_second(i, n) || cx.hyphenated_given_name(i, n))
            {
                cx.flags[i] |= FOREIGN_START;
            }
            i = cx.skip_to(i + 1, n, CAP);
        }
        cx
    }

    fn kind(&self, i: usize) -> TokenKind {
        self.kinds[i]
    }

    /// Is token `i` a syllable starting with a capital letter?
    pub fn is_cap(&self, i: usize) -> bool {
        self.has(i, CAP)
    }

    /// Has token `i` one of the flags of `mask`?
    fn has(&self, i: usize, mask: u8) -> bool {
        self.flags.get(i).is_some_and(|&f| f & mask != 0)
    }

    /// The first token from `i` (before `end`) with one of the flags of
    /// `mask`, or `end`: the scans for names, bodies and places skip the
    /// many tokens that start none with one tight pass over the flags.
    pub(super) fn skip_to(&self, i: usize, end: usize, mask: u8) -> usize {
        let Some(f) = self.flags.get(i..end) else {
            return end;
        };
        // Eight flags at a time.
        let wide = u64::from(mask) * 0x0101_0101_0101_0101;
        let mut chunks = f.chunks_exact(8);
        let mut k = i;
        for c in &mut chunks {
            let hit = u64::from_le_bytes(c.try_into().unwrap_or([0; 8])) & wide;
            if hit != 0 {
                return k + (hit.trailing_zeros() / 8) as usize;
            }
            k += 8;
        }
        chunks
            .remainder()
            .iter()
            .position(|&x| x & mask != 0)
            .map_or(end, |p| k + p)
    }

    /// The word ids of the name over tokens `a..b` as
    /// [`super::Doc::name_text_without`] gives it (without the body's
    /// abbreviation in brackets at `inner`).
    /// `None` when a word is outside the vocabulary or the name is longer
    /// than an [`IdsKey`] holds (then its folded text is its key).
    fn name_ids(&self, a: usize, b: usize, inner: Option<usize>) -> Option<IdsKey> {
        match inner {
            None => IdsKey::new(&self.keys[a..b], &[]),
            Some(k) => IdsKey::new(&self.keys[a..k], &self.keys[k + 3..b]),
        }
    }

    /// The tokens from `i` (before `end`) with one of the flags of `mask`,
    /// in order ([`Ctx::skip_to`] from each to the next).
    pub(super) fn flagged(
        &self,
        i: usize,
        end: usize,
        mask: u8,
    ) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(self.skip_to(i, end, mask)), move |&k| {
            Some(self.skip_to(k + 1, end, mask))
        })
        .take_while(move |&k| k < end)
    }

    /// Is token `i` a separator of a chain of roles: a comma or a dash?
    fn is_sep(&self, i: usize) -> bool {
        // ("–" and "—" have the key of "-": see [`token_value`].)
        [kw!(","), kw!("-")].contains(&self.keys[i])
    }

    /// Does token `i` link two offices of one person: a separator or
    /// "kiêm" ("Bí thư Tỉnh ủy kiêm Chủ tịch HĐND tỉnh")?
    fn is_link(&self, i: usize) -> bool {
        self.is_sep(i) || self.is(i, kw!("kiêm"))
    }

    /// The tokens in `from..end` that hold keyword `w`, in order (a tight
    /// scan over the keys, for the rare keywords that cue a rule: ":",
    /// "của").
    pub fn positions(&self, from: usize, end: usize, w: Id) -> impl Iterator<Item = usize> + '_ {
        let end = end.min(self.keys.len());
        self.keys[from.min(end)..end]
            .iter()
            .enumerate()
            .filter(move |&(_, &k)| k == w)
            .map(move |(i, _)| from + i)
    }

    /// Does token `i` hold this keyword id?
    pub fn is(&self, i: usize, w: Id) -> bool {
        self.keys.get(i) == Some(&w)
    }

    fn admin_at(&self, i: usize, end: usize) -> Option<usize> {
        self.lx.admin.longest_at(&self.keys[..end], i)
    }

    /// Where an administrative word ("tỉnh", "thành phố") that ends at
    /// token `e` starts.
    pub fn admin_before(&self, e: usize) -> Option<usize> {
        (1..=2.min(e))
            .find(|&n| self.admin_at(e - n, e) == Some(n))
            .map(|n| e - n)
    }

    /// The longest organization head at `i` (within `..end`): its length.
    fn head_at(&self, i: usize, end: usize) -> Option<usize> {
        self.lx.org_heads.longest_at(&self.keys[..end], i)
    }

    /// The longest place name at `i` (within `..end`): its length.
    fn place_at(&self, i: usize, end: usize) -> Option<usize> {
        self.lx.places.longest_at(&self.keys[..end], i)
    }

    /// A district's name at `i` that stands alone: capitalized, with no
    /// capitalized syllable right before or after it (not "Hoàng Mai" in
    /// "Nguyễn Hoàng Mai Anh").
    fn district_at(&self, i: usize, end: usize) -> Option<usize> {
        let m = self.lx.districts.longest_at(&self.keys[..end], i)?;
        let cap_syllable = |k: usize| self.is_cap(k) && self.kind(k) == TokenKind::Syllable;
        ((i..i + m).all(|k| self.is_cap(k))
            && !(i > 0 && cap_syllable(i - 1))
            && !(i + m < end && cap_syllable(i + m)))
        .then_some(m)
    }

    /// A foreign personal name at `i` ("Emmanuel Macron", "Jean-Noël
    /// Barrot"): a run of capitalized words whose first is not a Vietnamese
    /// syllable, right after a title and the country or body it names
    /// ("Tổng thống Cộng hòa Pháp ...") or an honorific ("ông ..."). Without
    /// that cue a foreign capitalized word is more often a brand or a place.
    #[inline(always)]
    fn foreign_name_at(&self, i: usize, end: usize) -> Option<usize> {
        // Most tokens start no foreign name: rejected here, inline.
        if i == 0 || i >= end || self.flags.get(i).is_none_or(|&f| f & FOREIGN_START == 0) {
            return None;
        }
        if !self.foreign_word(i)
            && !self.foreign_second(i, end)
            && !self.hyphenated_given_name(i, end)
        {
            return None;
        }
        self.foreign_name_from(i, end)
    }

    /// [`Ctx::foreign_name_at`] at a foreign word `i`, or one before a
    /// foreign word ([`Ctx::foreign_second`]).
    fn foreign_name_from(&self, i: usize, end: usize) -> Option<usize> {
        let doc = self.doc;
        if i >= end.min(self.keys.len()) {
            return None;
        }
        // Not a place or a head, nor the rest of a place ("Đắk Lắk": not
        // "Lắk"). (Word ends are no help here: the segmenter joins runs of
        // capitalized syllables.)
        if self.place_at(i, end).is_some()
            || self.head_at(i, end).is_some()
            || self.place_covers(i, end, |_| true)
        {
            return None;
        }
        // "ông Putin"; a rank too: "Trung tướng Vông-xỏn In-thạ-vông" (Lao
        // names in Vietnamese spelling hyphenate their syllables).
        let after_honorific = self.lx.honorifics.contains(self.keys[i - 1])
            || self.is(i - 1, kw!("ngài"))
            || (i.saturating_sub(3)..i)
                .any(|k| self.lx.ranks.longest_at(&self.keys[..i], k) == Some(i - k));
        // The title right before, or with the country or body it names in
        // between (not a body's head: "Chủ tịch Tập đoàn Vingroup" names a
        // company).
        let mut title_right_before = false;
        let after_title = (i.saturating_sub(12)..i).any(|k| {
            self.is_cap(k)
                && self
                    .lx
                    .titles
                    .longest_at(&self.keys[..i], k)
                    .is_some_and(|t| {
                        title_right_before |= k + t == i
                            && self.lx.person_titles.longest_at(&self.keys[..i], k) == Some(t);
                        // A body with its country names no company: "Chủ
                        // tịch Quốc hội Vương quốc Campuchia Khuon Sudary".
                        let country =
                            || (k + t..i).any(|m| self.is_cap(m) && self.place_at(m, i).is_some());
                        k + t == i
                            || (k + t..i).all(|m| {
                                (self.head_at(m, i).is_none() || country()) && {
                                    // Capitalized words ("Cộng hòa Pháp"), "và",
                                    // "tại" ("Đại sứ Nhật Bản tại Việt Nam").
                                    let inside_word = self.wend[m - 1] as usize > m;
                                    self.kind(m) == TokenKind::Syllable
                                        && (self.is_cap(m) || inside_word)
                                        || self.is(m, kw!("và"))
                                        || self.is(m, kw!("tại"))
                                }
                            })
                    })
        });
        if !(after_honorific || after_title) {
            return None;
        }
        // The run: capitalized words, parts joined by a hyphen ("Jean-Noël").
        let mut j = i + 1;
        let mut words = 1;
        while j < end && words < 4 {
            let t = doc.tokens[j];
            // "Jean-Noël"; "Jae-myung" (Korean given names write their
            // second syllable in lower case).
            if self.glued_hyphen(j, end) {
                j += 2;
                continue;
            }
            // "Ahmad Faizal bin Hashim", "Ursula von der Leyen": lower-case
            // particles between capitalized words.
            let particle = |k: usize| {
                matches!(
                    doc.tok(k),
                    "bin"
                        | "binti"
                        | "van"
                        | "von"
                        | "der"
                        | "de"
                        | "la"
                        | "da"
                        | "dos"
                        | "del"
                        | "al"
                        | "los"
                        | "las"
                        | "dela"
                        | "delos"
                )
            };
            if particle(j) {
                let mut k = j + 1;
                if k < end && particle(k) {
                    k += 1;
                }
                if k < end && self.kind(k) == TokenKind::Syllable && self.is_cap(k) {
                    j = k;
                    continue;
                }
            }
            if self.kind(j) == TokenKind::Syllable
                && self.is_cap(j)
                && doc.tokens[j - 1].end < t.start
                && self.head_at(j, end).is_none()
                && self.place_at(j, end).is_none()
            {
                j += 1;
                words += 1;
                continue;
            }
            break;
        }
        // One word alone ("Tổng thống Macron", "ông Putin") only right after
        // the title or an honorific: "Giám đốc Samsung" names a company.
        if words == 1 && !(after_honorific || title_right_before) {
            return None;
        }
        Some(j - i)
    }

    /// Does a place name starting at one of the three tokens before `i`
    /// (one that `start_ok` accepts) run over `i`?
    fn place_covers(&self, i: usize, end: usize, start_ok: impl Fn(usize) -> bool) -> bool {
        covers(&self.lx.places, &self.keys[..end], i, 3, start_ok)
    }

    /// Is token `i` a capitalized word that is not a Vietnamese syllable
    /// ("Macron", "Jean", "Noël"; not all capitals)?
    pub fn foreign_word(&self, i: usize) -> bool {
        self.has(i, FOREIGN)
    }

    /// A capitalized word that could be Vietnamese followed by a foreign one
    /// ("Hun Manet", "Khuon Sudary") or by a hyphenated given name ("Chey
    /// Tae-won"): the start of a foreign name.
    fn foreign_second(&self, i: usize, end: usize) -> bool {
        i + 1 < end
            && self.is_cap(i)
            && self.kind(i) == TokenKind::Syllable
            && self.doc.tokens[i].end < self.doc.tokens[i + 1].start
            && (self.foreign_word(i + 1) || self.hyphenated_given_name(i + 1, end))
    }

    /// A capitalized syllable joined by a hyphen to a lower-case one at `k`
    /// ("Tae-won", "Jae-myung"): Korean given names; Vietnamese names never
    /// hyphenate their syllables.
    fn hyphenated_given_name(&self, k: usize, end: usize) -> bool {
        k + 2 < end
            && self.is_cap(k)
            && self.kind(k) == TokenKind::Syllable
            && self.glued_hyphen(k + 1, end)
            && self.doc.tok(k + 2).starts_with(|c: char| c.is_lowercase())
    }

    /// Is token `j` a hyphen touching a syllable on each side ("Jean-Noël",
    /// "Tae-won")?
    fn glued_hyphen(&self, j: usize, end: usize) -> bool {
        let t = &self.doc.tokens;
        j > 0
            && j + 1 < end
            && self.is(j, kw!("-"))
            && t[j - 1].end == t[j].start
            && t[j + 1].start == t[j].end
            && self.kind(j + 1) == TokenKind::Syllable
    }

    /// A person name starting at `i` (within `..end`): its length.
    #[inline(always)]
    fn name_at(&self, i: usize, end: usize) -> Option<usize> {
        // Most tokens are not capitalized: rejected here, inline.
        if i >= end || !self.is_cap(i) {
            return None;
        }
        // Nor do most capitalized ones start with a surname (or "Y").
        let k = self.keys[i];
        if k != kw!("y") && !self.lx.surnames.contains(k) && !self.apostrophe_initial(i) {
            return None;
        }
        self.name_from(i, end)
    }

    /// A name of the Central Highlands that starts with a letter and an
    /// apostrophe ("H'Mai Êban", "K'Brơi"): like "Y", it needs no surname.
    fn apostrophe_initial(&self, i: usize) -> bool {
        // (No word of the vocabulary has one.)
        self.keys[i] == NONE && {
            let t = self.doc.tok(i).as_bytes();
            t.len() > 2 && (t[1] == b'\'' || t[1..].starts_with("’".as_bytes()))
        }
    }

    /// [`Ctx::name_at`] at a token `i < end` that it has found capitalized
    /// and keyed as a surname or "y".
    fn name_from(&self, i: usize, end: usize) -> Option<usize> {
        // Ê Đê and M'nông men's names start with "Y" ("Y Thanh Hà Niê
        // Kđăm") and may have five syllables.
        let is_y = self.is(i, kw!("y"));
        let apostrophe = self.apostrophe_initial(i);
        let y_name = is_y && self.doc.tok(i) == "Y" || apostrophe;
        if is_y && !y_name && !self.lx.surnames.contains(self.keys[i]) {
            return None;
        }
        // "Ông Thu nói": a capitalized honorific is not the rare surname Ông.
        if self.lx.honorifics.contains(self.keys[i]) {
            return None;
        }
        // "Vì Hà Nội ...", "Cầm Quốc kỳ": surnames that are also common words
        // ("because", "to hold") do not start a place or a body.
        if (self.is(i, kw!("vì")) || self.is(i, kw!("cầm")))
            && (self.place_at(i + 1, end).is_some() || self.head_at(i + 1, end).is_some())
        {
            return None;
        }
        // "đường Nguyễn Trãi", "số nhà 36 Lý Nam Đế", "tàu Hoàng Đạt": a
        // street or venue named after a person.
        // Also when a surname before `i` was the venue's name ("phố Đặng Văn
        // Ngữ": not "Văn Ngữ"), but not after a place ("lâm trường Tánh
        // Linh Bùi Văn Thu").
        let mut v = i;
        if v > 0
            && self.is_cap(v - 1)
            && self.lx.surnames.contains(self.keys[v - 1])
            && self.doc.tokens[v - 1].end() < self.doc.tokens[v].start()
        {
            v -= 1;
        }
        let after_surname = v < i;
        if v > 0 && self.kind(v - 1) == TokenKind::Number {
            v -= 1;
        }
        // "cao tốc Cam Lộ - La Sơn", "tuyến Hà Nội - Hải Phòng": the second
        // end of a named route.
        if v > 1 && self.is_sep(v - 1) && self.is_cap(v - 2) {
            let mut s = v - 2;
            while s > 0 && self.is_cap(s - 1) && v - 1 - s < 4 {
                s -= 1;
            }
            v = s;
        }
        // The venue word must be a word of its own ("yêu cầu" is not "cầu"),
        // in lower case but for the first letter of a longer one ("Trạm bơm
        // Yên Sở", "Sân bay Nội Bài").
        let word_start = |k: usize| k == 0 || self.wend[k - 1] as usize <= k;
        if (1..=self.lx.venues.max.min(v)).any(|n| {
            (!self.is_cap(v - n) || n >= 2 && !self.is_cap(v - n + 1))
                && word_start(v - n)
                && self.lx.venues.longest_at(&self.keys[..v], v - n) == Some(n)
        }) {
            return None;
        }
        // "Bệnh viện Bạch Mai", "Trường THPT Nguyễn Huệ": a body's name,
        // also when its name's surname is before `i` ("Trường THPT Chu Văn
        // An": not "Văn An").
        let mut p = if after_surname { i - 1 } else { i };
        while p > 0 && self.kind(p - 1) == TokenKind::Abbrev {
            p -= 1;
        }
        if (1..=self.lx.named_heads.max.min(p)).any(|n| {
            self.is_cap(p - n) && self.lx.named_heads.longest_at(&self.keys[..p], p - n) == Some(n)
        }) {
            return None;
        }
        let mut j = i + 1;
        let longest = if y_name { 5 } else { 4 };
        while j < end
            && j - i < longest
            && self.is_cap(j)
            && self.doc.tokens[j - 1].end() < self.doc.tokens[j].start()
        {
            j += 1;
        }
        let n = j - i;
        // "Đoàn Thể thao Việt Nam": a body whose head is also a surname
        // ("Đoàn") and whose name's word runs on in lower case; "Đoàn Thanh
        // niên": a head of two or more words that runs past the capitalized
        // ones.
        if let Some(h) = self.head_at(i, end) {
            if h == 1 && j < end && self.wend[j - 1] as usize > j || h >= 2 && i + h > j {
                return None;
            }
        }
        // "Sở Công Thương": a sector's name after a head, not a person's.
        if i > 0
            && self.is_cap(i - 1)
            && self
                .lx
                .sectors
                .longest_at(&self.keys[..end], i)
                .is_some_and(|m| m >= n)
        {
            return None;
        }
        // After "ông", "bà", "đồng chí" a name of two ("Y Khoan").
        let addressed =
            i > 0 && (self.lx.honorifics.contains(self.keys[i - 1]) || self.is(i - 1, kw!("chí")));
        if n < 2
            || y_name && (n < 3 && !addressed && !apostrophe || self.place_at(i + 1, end).is_some())
        {
            return None;
        }
        // Not inside a place name ("tỉnh Bắc Ninh Lê Thị Mai") nor inside
        // a body's name ("Bộ Công Thương").
        if self.place_covers(i, end, |k| self.is_cap(k))
            || covers(
                &self.lx.org_heads,
                &self.keys[..end],
                i,
                self.lx.org_heads.max.saturating_sub(1),
                |k| self.is_cap(k),
            )
        {
            return None;
        }
        let place = self.place_at(i, end);
        // "Hà Nội" or "Hà Nội Đinh Tiến Dũng": the name starts after the place.
        if place.is_some_and(|m| m == n || m >= 2) {
            return None;
        }
        // "Huyện ủy Đồng Văn", "Mèo Vạc, Đồng Văn, Lâm Bình": a district, but
        // after "ông", "bà", "đồng chí" a person of the same name.
        if !addressed && self.lx.districts.longest_at(&self.keys[..end], i) == Some(n) {
            return None;
        }
        // "đồng bào Mông, Hà Nhì", "dân tộc Lô Lô": an ethnic group.
        if self.lx.ethnic_groups.longest_at(&self.keys[..end], i) == Some(n) {
            return None;
        }
        // Not the second syllable of a place after its administrative word:
        // "phường Kim Mã Nguyễn Thị Hồng Hạnh" (not "Mã Nguyễn ..."),
        // "huyện Trần Văn Thời".
        if i > 1 && self.is_cap(i - 1) && !self.is_cap(i - 2) {
            let one = self.admin_at(i - 2, end) == Some(1) && word_start(i - 2);
            let two = i > 2 && self.admin_at(i - 3, end) == Some(2) && word_start(i - 3);
            if one || two {
                return None;
            }
        }
        // The administrative word must be a word of its own: "thôn" ends
        // "nông thôn" in "Bộ Nông nghiệp và Phát triển nông thôn Lê Minh Hoan".
        let admin = if i > 1 && self.admin_at(i - 2, end) == Some(2) && word_start(i - 2) {
            Some(i - 2..i)
        } else if i > 0 && self.admin_at(i - 1, end) == Some(1) && word_start(i - 1) {
            Some(i - 1..i)
        } else {
            None
        };
        // (No place starts with "H'": "UBND tỉnh H'Mai Êban" names her.)
        if let Some(a) = admin.filter(|_| !apostrophe) {
            let province = self
                .lx
                .province_level
                .longest_at(&self.keys[..a.end], a.start)
                == Some(a.len());
            // "Chủ tịch UBND huyện Nguyễn Văn Lực": a body of the district
            // named before (its head right before the word), then a name.
            // The capitalized words must end with the name: in "UBND phường
            // Kim Mã Nguyễn Thị Hồng Hạnh" the ward's name comes first.
            let body = !self.is_cap(j)
                && (a.start.saturating_sub(self.lx.org_heads.max)..a.start)
                    .any(|k| self.head_at(k, a.start) == Some(a.start - k));
            if !((province || body) && n >= 3 && place.is_none()) {
                return None;
            }
        }
        // "Hà Nội" & co. inside an organization: the rest must not be a head
        // of two or more syllables ("Công an", "Quân khu"); one-syllable
        // heads are common given names ("Nguyễn Trường Thắng", "Lê Văn Hội").
        if (i + 1..j).any(|k| self.head_at(k, end).is_some_and(|m| m >= 2)) {
            return None;
        }
        Some(n)
    }

    /// The complement of a head or title starting at `j`: returns its end.
    /// `nested`: whether other bodies' heads may follow ("Đảng ủy Bộ Tư
    /// lệnh ..."), false after a territorial head.
    /// (A personal name right after a head such as "Bệnh viện" is not seen as
    /// one by [`Ctx::name_at`], so "Bệnh viện Bạch Mai" stays whole.)
    fn complement(&self, mut j: usize, end: usize, nested: bool) -> usize {
        let mut start = j;
        // End of the last capitalized word taken whole ("Đầu tư": "và"
        // after it may join two parts of one name).
        let mut cap_word_end = usize::MAX;
        while j < end {
            // "Ủy ban nhân dân (UBND) thành phố Hà Nội", "Bộ Chỉ huy Quân sự
            // (BCHQS) tỉnh Hải Dương": the body's abbreviation inside its
            // name, before the place it serves.
            if self.is(j, kw!("("))
                && j + 3 < end
                && self.kind(j + 1) == TokenKind::Abbrev
                && self.is(j + 2, kw!(")"))
                && (self.admin_at(j + 3, end).is_some()
                    || self.is_cap(j + 3) && self.place_at(j + 3, end).is_some())
            {
                j += 3;
                continue;
            }
            if self.name_at(j, end).is_some() || self.foreign_name_at(j, end).is_some() {
                break;
            }
            // A head that is the start of a longer word is not one: "Hội"
            // in "Trung tâm Hội nghị tỉnh".
            // Nor one that begins a longer sector name: "Cục Phòng bệnh".
            let sector = if self.is_cap(j) {
                self.lx.sectors.longest_at(&self.keys[..end], j)
            } else {
                None
            };
            let head = self
                .head_at(j, end)
                .filter(|&n| self.wend[j] as usize <= j + n || self.is_cap(j + n))
                .filter(|&n| sector.is_none_or(|m| m <= n))
                // "Trung đoàn Bộ binh 48": an arm, not the head "Bộ" (the
                // segmenter may glue "Bộ" to the unit's head).
                .filter(|&n| n > 1 || !self.cap_then_lower_word(j, end));
            if let Some(n) = head {
                if self.is_cap(j) || self.kind(j) == TokenKind::Abbrev {
                    if !nested {
                        break;
                    }
                    j += n;
                    start = j;
                    continue;
                }
            }
            // (Not "Xã" of the word "Xã hội": "Ủy ban Văn hóa và Xã hội".)
            if let Some(n) = self
                .admin_at(j, end)
                .filter(|&n| self.wend[j] as usize <= j + n)
            {
                j += n;
                continue;
            }
            // "Cục Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn
            // lậu": the fields of an investigation body, in lower case.
            if let Some(e) = self.crime_fields_after(j, end) {
                j = e;
                continue;
            }
            // "Sở Giao thông vận tải", "Bộ Nông nghiệp và Phát triển nông thôn".
            if let Some(n) = sector {
                j += n;
                cap_word_end = j;
                continue;
            }
            // "Sở Giáo dục và Đào tạo": "và" joins two capitalized words of
            // one name, not two bodies ("Bộ Quốc phòng và Bộ Công an").
            if j > start
                && j + 1 < end
                && self.is(j, kw!("và"))
                && (self.is_cap(j - 1) || cap_word_end == j)
                && (self.is_cap(j + 1) || self.kind(j + 1) == TokenKind::Abbrev)
                && self.place_at(j + 1, end).is_none()
                && self.head_at(j + 1, end).is_none()
                && self.name_at(j + 1, end).is_none()
                // "Đồn Biên phòng Chiềng Khương và Trung tá ...": a rank or
                // an office starts what follows.
                && self.lx.ranks.longest_at(&self.keys[..end], j + 1).is_none()
                && self.lx.titles.longest_at(&self.keys[..end], j + 1).is_none()
                && !(start..j).any(|k| self.admin_at(k, end).is_some())
            {
                j += 1;
                continue;
            }
            // "quốc gia" in lower case belongs to a national body's name, also
            // after a few lower-case words (no function word among them)
            // that follow a capitalized one: "Ủy ban An toàn giao thông quốc
            // gia", "Ban Chỉ đạo quốc gia", "Học viện Chính trị quốc gia Hồ
            // Chí Minh", "Tổng công ty Truyền tải điện Quốc gia", "Trung tâm
            // Dự báo khí tượng thủy văn quốc gia".
            let reach = if cap_word_end == j { 6 } else { 1 };
            let national = (j..(j + reach).min(end))
                .find(|&k| k + 1 < end && self.is(k, kw!("quốc")) && self.is(k + 1, kw!("gia")))
                .filter(|&k| {
                    !self.is_cap(j)
                        && (j..k).all(|m| {
                            self.kind(m) == TokenKind::Syllable
                                && !self.is_cap(m)
                                && !self.lx.not_unit.contains(self.keys[m])
                        })
                });
            if let Some(k) = national {
                j = k + 2;
                continue;
            }
            // "Đài Khí tượng thủy văn khu vực Bắc Trung Bộ", "Kiểm toán Nhà
            // nước khu vực II", "Tổng công ty Lương thực miền Nam": the
            // region a body serves.
            if j > start
                && j + 2 < end
                && self.is(j, kw!("khu"))
                && self.is(j + 1, kw!("vực"))
                && (self.is_cap(j + 2) && self.kind(j + 2) == TokenKind::Syllable
                    || matches!(self.kind(j + 2), TokenKind::Roman | TokenKind::Number))
            {
                j += 2;
                if !self.is_cap(j) {
                    j += 1;
                }
                continue;
            }
            if j > start
                && j + 1 < end
                && self.is(j, kw!("miền"))
                && !self.is_cap(j)
                && matches!(self.doc.tok(j + 1), "Bắc" | "Trung" | "Nam")
            {
                j += 2;
                continue;
            }
            // "Ủy ban Đối ngoại của Quốc hội": a body of another body.
            if nested
                && j > start
                && j + 1 < end
                && self.is(j, kw!("của"))
                && self.is_cap(j + 1)
                && self.head_at(j + 1, end).is_some()
            {
                j += 1;
                continue;
            }
            // "Đại sứ Nhật Bản tại Việt Nam", "Đại sứ quán Việt Nam tại
            // Pháp": a country's post in another country (after a post's
            // head: Đại sứ, Đại sứ quán, Lãnh sự, Cơ quan đại diện, Phái
            // đoàn thường trực, Đại sứ đặc mệnh toàn quyền; not "Liên đoàn
            // Kinh tế Nhật Bản tại Hà Nội").
            let post = |k: usize| {
                [
                    kw!("sứ"),
                    kw!("quán"),
                    kw!("diện"),
                    kw!("sự"),
                    kw!("trực"),
                    kw!("quyền"),
                ]
                .contains(&self.keys[k])
            };
            if j > start && start > 0 && self.is(j, kw!("tại")) && post(start - 1) {
                let place_before = (j.saturating_sub(self.lx.places.max).max(start)..j)
                    .any(|k| self.place_at(k, j) == Some(j - k));
                if let Some(m) = place_before.then(|| self.place_at(j + 1, end)).flatten() {
                    j += 1 + m;
                    continue;
                }
            }
            // "Tập đoàn Công nghiệp Than – Khoáng sản Việt Nam": a dash
            // between two capitalized parts of one name (not before a place,
            // a body, a person or an office: "Sở Y tế - Trưởng ban ...").
            if j > start
                && cap_word_end == j
                && j + 1 < end
                && self.is(j, kw!("-"))
                && self.is_cap(j + 1)
                && self.doc.tokens[j - 1].end < self.doc.tokens[j].start
                && self.place_at(j + 1, end).is_none()
                && self.head_at(j + 1, end).is_none()
                && self.name_at(j + 1, end).is_none()
                && self
                    .lx
                    .titles
                    .longest_at(&self.keys[..end], j + 1)
                    .is_none()
                && self.lx.ranks.longest_at(&self.keys[..end], j + 1).is_none()
            {
                j += 1;
                continue;
            }
            // A site: "Ban Quản lý Khu di tích Đền Hùng".
            if let Some(e) = self.site_at(j, end) {
                j = e;
                cap_word_end = j;
                continue;
            }
            // A place written with a dash: "Công an tỉnh Bà Rịa - Vũng Tàu".
            if self.is_cap(j) && (j + 1..(j + 4).min(end)).any(|k| self.is_sep(k)) {
                if let Some(m) = self.place_at(j, end) {
                    if (j..j + m).any(|k| self.is_sep(k)) {
                        j += m;
                        cap_word_end = j;
                        continue;
                    }
                }
            }
            if self.is_cap(j) {
                // The whole word: "Thủ đô", "Nội chính", "Bảo vệ"; but not
                // past a name the segmenter glued to it ("Nga_Sergei_Lavrov").
                let mut e = (self.wend[j] as usize).clamp(j + 1, end);
                if e == j + 1 && self.cap_then_lower_word(j, end) {
                    e = j + 2;
                }
                j = (j + 1..e)
                    .find(|&p| {
                        self.is_cap(p)
                            && (self.name_at(p, end).is_some()
                                || self.foreign_name_at(p, end).is_some())
                    })
                    .unwrap_or(e);
                cap_word_end = j;
                continue;
            }
            if self.kind(j) == TokenKind::Abbrev {
                j += 1;
                continue;
            }
            // "Sư đoàn 324", also before "lần thứ" ("Đảng bộ Sư đoàn 324 lần
            // thứ XX"), not "5 năm".
            let ordinal = j + 2 < end && self.is(j + 1, kw!("lần")) && self.is(j + 2, kw!("thứ"));
            if matches!(
                self.kind(j),
                TokenKind::Number | TokenKind::Roman | TokenKind::Alnum
            ) && (j == start || self.unit_number_after_arm(start, j, cap_word_end))
                && (j + 1 >= end || ordinal || !self.lx.not_unit_number.contains(self.keys[j + 1]))
            {
                j += 1;
                // "Vùng 3 Hải quân", "Lữ đoàn 172 Hải quân": the service.
                if self.is_cap(j) {
                    j += self
                        .lx
                        .services
                        .longest_at(&self.keys[..end], j)
                        .unwrap_or(0);
                }
                break;
            }
            break;
        }
        j
    }

    /// Is the number at `j` a military unit's, after the arm that a unit
    /// head's complement (from `start`) names: "Lữ đoàn Công binh 414",
    /// "Vùng Cảnh sát biển 2",
    /// "Trung đoàn Bộ binh 48", "Hải đội Dân quân 5", "Bệnh viện Trung ương
    /// Quân đội 108"? The head ends in "đoàn", "đội" or "viện" (not "Liên
    /// đoàn", nor "Đoàn" alone), the arm is up to four capitalized
    /// syllables, the number has at most three digits.
    fn unit_number_after_arm(&self, start: usize, j: usize, cap_word_end: usize) -> bool {
        start >= 2
            && j == cap_word_end
            && j - start <= 4
            && ((self.is(start - 1, kw!("đoàn"))
                || self.is(start - 1, kw!("đội"))
                || self.is(start - 1, kw!("viện")))
                && self.is_cap(start - 2)
                && !self.is(start - 2, kw!("liên"))
                // "Vùng Cảnh sát biển 2".
                || self.is(start - 1, kw!("vùng")) && self.is_cap(start - 1))
            && self.kind(j) == TokenKind::Number
            && self.doc.tok(j).len() <= 3
            && self.doc.tok(j).bytes().all(|b| b.is_ascii_digit())
    }

    /// A capitalized syllable and the lower-case one-syllable word after it
    /// that make a word of the lexicon together, though the segmenter split
    /// them ("Cục Thống kê tỉnh": capitals mislead it in names of bodies).
    fn cap_then_lower_word(&self, j: usize, end: usize) -> bool {
        let toks = self.doc.tokens;
        j + 1 < end
            && self.kind(j + 1) == TokenKind::Syllable
            && !self.is_cap(j + 1)
            && toks[j].end + 1 == toks[j + 1].start
            && self.wend[j + 1] as usize == j + 2
            && self.admin_at(j + 1, end).is_none()
            && self
                .lx
                .dictionary
                .in_lexicon(&[self.doc.tok(j), self.doc.tok(j + 1)])
    }

    /// "tội phạm về" and one or more fields of crime ("tham nhũng, kinh
    /// tế, buôn lậu", "kinh tế và chức vụ") at `j`, right after the
    /// "Cảnh sát điều tra" that a body's name being read ends with: the end.
    fn crime_fields_after(&self, j: usize, end: usize) -> Option<usize> {
        if !(j >= 4
            && j + 3 < end
            && self.is(j - 4, kw!("cảnh"))
            && self.is(j - 3, kw!("sát"))
            && self.is(j - 2, kw!("điều"))
            && self.is(j - 1, kw!("tra"))
            && self.crime_lead_at(j))
        {
            return None;
        }
        let fields = &self.lx.crime_fields;
        let mut k = j + 3;
        k += fields.longest_at(&self.keys[..end], k)?;
        while k + 1 < end && (self.is(k, kw!(",")) || self.is(k, kw!("và"))) {
            match fields.longest_at(&self.keys[..end], k + 1) {
                Some(m) => k += 1 + m,
                None => break,
            }
        }
        Some(k)
    }

    /// Is the comma at `p` one between fields of crime ("tội phạm về tham
    /// nhũng, kinh tế")?
    fn in_crime_fields(&self, p: usize, end: usize) -> bool {
        p + 1 < end
            && self.is(p, kw!(","))
            && self
                .lx
                .crime_fields
                .longest_at(&self.keys[..end], p + 1)
                .is_some()
            && (p.saturating_sub(12)..p).any(|k| self.crime_lead_at(k))
    }

    /// Does token `k` mark the noun after it as plural ("các", "những",
    /// "nhiều", a number)?
    fn plural_at(&self, k: usize) -> bool {
        [
            kw!("các"),
            kw!("những"),
            kw!("nhiều"),
            kw!("hai"),
            kw!("ba"),
            kw!("bốn"),
        ]
        .contains(&self.keys[k])
            || self.kind(k) == TokenKind::Number
    }

    /// The places listed after the administrative word at `i` ("quận" in
    /// "các quận Hà Đông, Thanh Xuân, Hoàng Mai và huyện ..."): pushes each
    /// name's tokens to `out`. Items are separated by commas; one after "và"
    /// ends the list.
    fn place_list(&self, i: usize, end: usize, out: &mut Vec<Range<usize>>) {
        let Some(n) = self.admin_at(i, end) else {
            return;
        };
        let mut j = i + n;
        while let Some(e) = self.list_item(j, end) {
            out.push(j..e);
            if e + 1 < end && self.is(e, kw!(",")) {
                j = e + 1;
            } else if e + 1 < end && self.is(e, kw!("và")) {
                if let Some(e2) = self.list_item(e + 1, end) {
                    out.push(e + 1..e2);
                }
                return;
            } else {
                return;
            }
        }
    }

    /// A place's name at `j` in a list ([`Ctx::place_list`]): a known place
    /// or one to four capitalized syllables, no head or title among them,
    /// whichever is longer ("Mỹ Đức", not "Mỹ").
    fn list_item(&self, j: usize, end: usize) -> Option<usize> {
        let place = self.place_at(j, end).map_or(j, |m| j + m);
        let mut e = j;
        while e < end
            && e - j < 4
            && self.is_cap(e)
            && self.kind(e) == TokenKind::Syllable
            && (e == j || self.doc.tokens[e - 1].end() < self.doc.tokens[e].start())
            && self.head_at(e, end).is_none()
            && self.lx.titles.longest_at(&self.keys[..end], e).is_none()
        {
            e += 1;
        }
        let e = e.max(place);
        (e > j).then_some(e)
    }

    /// The offices listed at `j`, right after "từng giữ các chức vụ" (and
    /// "như", "gồm" or a colon): "Chỉ huy trưởng Bộ Chỉ huy ... ; Cục trưởng
    /// Cục ...". Items are separated by semicolons, commas or "và"; an item
    /// that is not one whole office is skipped.
    fn held_offices(&self, mut j: usize, end: usize, out: &mut Vec<(usize, usize)>) {
        while j < end && [kw!("như"), kw!("gồm"), kw!("là"), kw!(":")].contains(&self.keys[j]) {
            j += 1;
        }
        let item_end = |k: usize| {
            k >= end || [kw!(","), kw!(";"), kw!("và"), kw!(".")].contains(&self.keys[k])
        };
        while j < end {
            let a = j + usize::from(self.former(j));
            match self.role_at(a, end) {
                Some((e, _)) if item_end(e) => {
                    out.push((j, e));
                    j = e;
                }
                _ => {
                    while !item_end(j) {
                        j += 1;
                    }
                }
            }
            if j >= end || self.is(j, kw!(".")) {
                break;
            }
            j += 1;
        }
    }

    /// A named site at `i`: a capitalized site head ("Khu di tích lịch sử",
    /// "Tượng đài", "Đồi") and one to five capitalized words or codes after
    /// it ("Điện Biên Phủ", "Chiến thắng", "A1"): its end.
    #[inline]
    fn site_at(&self, i: usize, end: usize) -> Option<usize> {
        if !self.is_cap(i) {
            return None;
        }
        let n = self.lx.sites.longest_at(&self.keys[..end], i)?;
        self.site_from(i, n, end)
    }

    /// [`Ctx::site_at`] past its head of `n` tokens.
    fn site_from(&self, i: usize, n: usize, end: usize) -> Option<usize> {
        let mut j = i + n;
        while j < end
            && j - (i + n) < 5
            && (self.is_cap(j)
                || self.kind(j) == TokenKind::Alnum
                // "Chiến thắng": the rest of a capitalized word.
                || j > i + n
                    && self.is_cap(j - 1)
                    && (self.wend[j - 1] as usize > j || self.cap_then_lower_word(j - 1, end)))
        {
            j += 1;
        }
        (j > i + n).then_some(j)
    }

    /// "tội phạm về" at `k`.
    fn crime_lead_at(&self, k: usize) -> bool {
        self.is(k, kw!("tội")) && self.is(k + 1, kw!("phạm")) && self.is(k + 2, kw!("về"))
    }

    /// An organization starting at `i`: (end, listable).
    pub fn org_at(&self, i: usize, end: usize) -> Option<(usize, bool)> {
        if i >= end.min(self.keys.len()) {
            return None;
        }
        if !(self.is_cap(i) || self.kind(i) == TokenKind::Abbrev) {
            return None;
        }
        let head = self.head_at(i, end)?;
        // "Đoàn Liên đoàn Kinh tế Nhật Bản": a delegation of the body after
        // it, which is the name.
        if head == 1
            && self.is(i, kw!("đoàn"))
            && self.is_cap(i + 1)
            && self.head_at(i + 1, end).is_some()
        {
            return None;
        }
        let e = self.complement(i + head, end, !self.territorial(i, head));
        let e = self.to_abbreviation(e, end).unwrap_or(e);
        // "Đài Loan", "Hội An": a place, though it begins with a head.
        if self.place_at(i, end).is_some_and(|m| m >= e - i) {
            return None;
        }
        let complete = self.lx.org_complete.longest_at(&self.keys[..end], i);
        // A complete name longer than the complement read ("Ban Chỉ đạo
        // Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực").
        let e = complete.map_or(e, |m| e.max(i + m));
        Some((e, e > i + head || complete.is_some()))
    }

    fn territorial(&self, i: usize, n: usize) -> bool {
        self.lx.territorial.longest_at(&self.keys[..i + n], i) == Some(n)
    }

    /// The words from `e`, where a body's name read so far ends, to the
    /// abbreviation of the body given in brackets after them, when they can
    /// be part of its name (lower-case words without function words or
    /// verbs, then capitalized ones that are no head or personal name): "Ban
    /// Quản lý đường sắt đô thị TP Hồ Chí Minh (MAUR)". Returns
    /// where the brackets open.
    fn to_abbreviation(&self, e: usize, end: usize) -> Option<usize> {
        // Most names have no bracket after them: a cheap scan first (the
        // loop below reads at most 11 words before one).
        let reach = (e + 12).min(end);
        if !self.keys.get(e..reach)?.contains(&kw!("(")) {
            return None;
        }
        let mut p = e;
        // Lower-case words, then capitalized ones (a place: "TP Hồ Chí Minh").
        let mut capitals = false;
        while p < end && p - e <= 10 && !self.is(p, kw!("(")) {
            match self.kind(p) {
                TokenKind::Syllable if !self.is_cap(p) => {
                    // "xây dựng và phát triển": "và" between lower-case words.
                    let and = self.is(p, kw!("và")) && p + 1 < end && !self.is_cap(p + 1);
                    if capitals
                        || self.lx.not_unit.contains(self.keys[p]) && !and
                        || self
                            .lx
                            .actions
                            .longest_at(&self.keys[..end], p)
                            // A verb as a word of its own ("giao", not
                            // "giao thông").
                            .is_some_and(|m| self.wend[p] as usize <= p + m)
                    {
                        return None;
                    }
                }
                TokenKind::Syllable | TokenKind::Abbrev => {
                    capitals = true;
                    if self.head_at(p, end).is_some() || self.name_at(p, end).is_some() {
                        return None;
                    }
                }
                _ => return None,
            }
            p += 1;
        }
        let known = self.lx.abbreviations.get(self.keys.get(p + 1)?);
        (p > e
            && p + 2 < end
            && self.is(p, kw!("("))
            && self.kind(p + 1) == TokenKind::Abbrev
            && self.is(p + 2, kw!(")"))
            && known.is_none_or(|&(_, org)| org))
        .then_some(p)
    }

    /// "nguyên" or "cựu" (former) at `i`, before a title.
    fn former(&self, i: usize) -> bool {
        self.is(i, kw!("nguyên")) || self.is(i, kw!("cựu"))
    }

    /// A role starting at `i`: (end, index where its organization starts;
    /// equal to the end when the role names no organization).
    pub fn role_at(&self, i: usize, end: usize) -> Option<(usize, usize)> {
        if i >= end.min(self.keys.len()) {
            return None;
        }
        if !self.is_cap(i) {
            return None;
        }
        let t = self.lx.titles.longest_at(&self.keys[..end], i)?;
        // "Đại sứ quán": a body's head that begins with a title.
        if self.head_at(i, end).is_some_and(|h| h > t) {
            return None;
        }
        let e = self.complement(i + t, end, true);
        let e = self.to_abbreviation(e, end).unwrap_or(e);
        // "Trưởng ban Tổ chức Thành ủy": the organization is "ban Tổ chức Thành ủy".
        // "Chánh Văn phòng Trung ương Đảng": "Văn phòng Trung ương Đảng".
        let head_in_title = (i + 1..i + t).find(|&k| self.head_at(k, i + t) == Some(i + t - k));
        let org_from = if let Some(k) = head_in_title.filter(|_| e > i + t) {
            k
        } else {
            // "Phó Chủ nhiệm Chính trị Bộ Tư lệnh ...": from the first head.
            (i + t..e)
                .find(|&k| {
                    (self.is_cap(k) || self.kind(k) == TokenKind::Abbrev)
                        && self.head_at(k, end).is_some()
                })
                .unwrap_or(e)
        };
        // The body's complete name may run past the complement read, with
        // its field after "về" ("Ban Chỉ đạo Trung ương về phòng, chống tham
        // nhũng, lãng phí, tiêu cực").
        let e = if org_from < e && self.is(e, kw!("về")) {
            self.lx
                .org_complete
                .longest_at(&self.keys[..end], org_from)
                .map_or(e, |m| e.max(org_from + m))
        } else {
            e
        };
        Some((e, org_from))
    }
}

/// Does an entry of `phrases` starting at one of the `back` tokens before
/// `i` (one that `start_ok` accepts) run over `i`?
fn covers(
    phrases: &Phrases,
    keys: &[Id],
    i: usize,
    back: usize,
    start_ok: impl Fn(usize) -> bool,
) -> bool {
    (i.saturating_sub(back)..i)
        .any(|k| start_ok(k) && phrases.longest_at(keys, k).is_some_and(|m| k + m > i))
}

/// Could `w` be a Vietnamese syllable? Its letters are Vietnamese, its
/// onset one of the language's initial consonants, then one to three vowels
/// and an allowed final consonant (c, ch, m, n, ng, nh, p, t). "Macron",
/// "Emmanuel", "Jean", "Putin" are not; "Hà", "Nguyễn", "khuya" are.
pub fn vietnamese_syllable(w: &str) -> bool {
    const VOWELS: &[char] = &['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
    // Lower case, tone marks off (letter qualities ă â ê ô ơ ư đ kept); at
    // most seven letters ("nghiêng").
    let mut buf = ['\0'; 7];
    let mut n = 0;
    for c in w.chars() {
        let c = if c.is_ascii() {
            let c = c.to_ascii_lowercase();
            // No f, j, w, z, and letters only.
            if !c.is_ascii_lowercase() || matches!(c, 'f' | 'j' | 'w' | 'z') {
                return false;
            }
            c
        } else {
            let c = c.to_lowercase().next().unwrap_or(c);
            let c = crate::normalize::untone(c).map_or(c, |(b, _)| b);
            if !(VOWELS.contains(&c) || c == 'đ') {
                return false;
            }
            c
        };
        if n == buf.len() {
            return false;
        }
        buf[n] = c;
        n += 1;
    }
    let s = &buf[..n];
    const ONSETS: [&str; 27] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
        "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ];
    let starts = |s: &[char], p: &str| p.chars().enumerate().all(|(k, c)| s.get(k) == Some(&c));
    let mut rest = s;
    if let Some(o) = ONSETS.iter().find(|o| starts(rest, o)) {
        let len = o.chars().count();
        // "gi" is an onset only before another vowel ("gì" is g + i).
        let gi_alone = *o == "gi" && !rest.get(2).is_some_and(|c| VOWELS.contains(c));
        rest = &rest[if gi_alone { 1 } else { len }..];
    }
    let nucleus = rest
        .iter()
        .position(|c| !VOWELS.contains(c))
        .unwrap_or(rest.len());
    let fin = &rest[nucleus..];
    (1..=3).contains(&nucleus)
        && matches!(
            fin,
            [] | ['c'] | ['c', 'h'] | ['m'] | ['n'] | ['n', 'g'] | ['n', 'h'] | ['p'] | ['t']
        )
}

/// Does `s` start with an upper-case letter?
fn starts_upper(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => s.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Persons found so far, merged by the comparison key of their name.
#[derive(Default)]
struct Found {
    persons: Vec<Person>,
    index: HashMap<String, usize, Fx>,
    /// Comparison keys of each person's roles.
    role_keys: Vec<Vec<RoleKey>>,
    /// Scratch for comparison keys.
    buf: String,
    /// Whether something marks each person as one: a role, a rank, a form
    /// of address ("ông", "đồng chí"), a byline.
    marked: Vec<bool>,
}

impl Found {
    /// The person named `name` (its index), added if new.
    fn person(&mut self, name: &str) -> usize {
        self.buf.clear();
        fold_key_into(name, &mut self.buf);
        if let Some(&k) = self.index.get(self.buf.as_str()) {
            return k;
        }
        let key = self.buf.as_str();
        // "Tổng thống Macron" after "Emmanuel Macron": a one-word name is the
        // person whose name ends with it.
        if !key.contains(' ') {
            if let Some(k) = self
                .index
                .iter()
                .filter(|(full, _)| {
                    full.len() > key.len()
                        && full.ends_with(key)
                        && full.as_bytes()[full.len() - key.len() - 1] == b' '
                })
                .map(|(_, &k)| k)
                .min()
            {
                return k;
            }
        }
        self.persons.push(Person {
            name: name.into(),
            rank: None,
            roles: Vec::new(),
            mentions: Vec::new(),
        });
        self.role_keys.push(Vec::new());
        self.marked.push(false);
        let k = self.persons.len() - 1;
        self.index.insert(self.buf.clone(), k);
        k
    }

    /// Add a role to person `k` unless it has it already (compared by
    /// their folded text).
    fn add_role(&mut self, k: usize, role: &str) {
        let role = role.trim();
        if role.is_empty() || self.persons[k].roles.iter().any(|r| r == role) {
            return;
        }
        self.buf.clear();
        fold_key_into(role, &mut self.buf);
        self.push_role(k, role, RoleKey::Text(self.buf.clone()));
    }

    /// Add the role written over tokens `a..b` to person `k` unless it has
    /// it already: compared by the words' ids when all are known (the same
    /// comparison as folding their text, without folding it).
    fn add_role_at(&mut self, cx: &Ctx, k: usize, a: usize, b: usize) {
        let inner = cx.doc.inner_abbreviation(a, b);
        let text = cx.doc.name_text_without(a, b, inner);
        let role = text.trim();
        match cx.name_ids(a, b, inner) {
            None => self.add_role(k, role),
            Some(ids) if !role.is_empty() => self.push_role(k, role, RoleKey::Ids(ids)),
            Some(_) => {}
        }
    }

    /// Add `role` to person `k` unless a role with the same key is there.
    fn push_role(&mut self, k: usize, role: &str, key: RoleKey) {
        if !self.role_keys[k].contains(&key) {
            self.role_keys[k].push(key);
            self.persons[k].roles.push(role.into());
        }
    }
}

/// How two roles of a person are compared: by their words' ids, or (with a
/// word outside the vocabulary) by their folded text.
#[derive(PartialEq, Eq)]
enum RoleKey {
    Ids(IdsKey),
    Text(String),
}

/// The word ids of a name or a role of up to [`IdsKey::MAX`] words, all in
/// the vocabulary, held inline: the key that merges its mentions without
/// folding their text or allocating (the same comparison as their folded
/// text, as the ids are those of the folded words).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct IdsKey {
    len: u8,
    ids: [Id; IdsKey::MAX],
}

impl IdsKey {
    /// Longest name or role keyed by its ids (longer ones by their text).
    const MAX: usize = 16;

    /// The key of the words `a` then `b`, if all are known and they fit.
    fn new(a: &[Id], b: &[Id]) -> Option<IdsKey> {
        let len = a.len() + b.len();
        if len > Self::MAX || a.contains(&NONE) || b.contains(&NONE) {
            return None;
        }
        let mut ids = [NONE; Self::MAX];
        ids[..a.len()].copy_from_slice(a);
        ids[a.len()..len].copy_from_slice(b);
        Some(IdsKey {
            len: len as u8,
            ids,
        })
    }
}

/// Named bodies or places, merged by their key, with the mentions.
#[derive(Default)]
struct NamedList {
    list: Vec<Named>,
    /// Names whose words are all in the vocabulary, by their word ids (the
    /// ids are those of the folded words: the same key as the text's).
    by_ids: HashMap<IdsKey, usize, Fx>,
    /// The others, by the comparison key of their text.
    index: HashMap<String, usize, Fx>,
    /// Scratch for comparison keys.
    buf: String,
}

impl NamedList {
    /// Add the mention over tokens `a..b` and its entity of type `kind`.
    fn add(
        &mut self,
        cx: &Ctx,
        entities: &mut Vec<Entity>,
        kind: &'static str,
        a: usize,
        b: usize,
    ) {
        let doc = cx.doc;
        let inner = doc.inner_abbreviation(a, b);
        let name = doc.name_text_without(a, b, inner);
        let name = name.as_ref();
        let span = [doc.tokens[a].start(), doc.tokens[b - 1].end()];
        let next = self.list.len();
        let (i, new) = if let Some(ids) = cx.name_ids(a, b, inner) {
            match self.by_ids.entry(ids) {
                Entry::Occupied(e) => (*e.get(), false),
                Entry::Vacant(e) => {
                    e.insert(next);
                    (next, true)
                }
            }
        } else {
            self.buf.clear();
            fold_key_into(name, &mut self.buf);
            match self.index.get(self.buf.as_str()) {
                Some(&i) => (i, false),
                None => {
                    self.index.insert(self.buf.clone(), next);
                    (next, true)
                }
            }
        };
        if new {
            self.list.push(Named {
                name: name.into(),
                mentions: Vec::new(),
            });
        }
        self.list[i].mentions.push(span);
        entities.push(doc.entity(kind, a, b, None));
    }
}

/// Find persons, organizations and locations.
pub fn extract(cx: &Ctx, out: &mut Analysis) {
    let doc = cx.doc;
    let lx = cx.lx;
    let mut found = Found::default();
    let mut orgs = NamedList::default();
    let mut locs = NamedList::default();
    let mut entities: Vec<Entity> = Vec::new();
    let mien = kw!("miền");

    let bylines = out.block_spans("byline");

    // Per sentence, reused.
    let mut listed: Vec<Range<usize>> = Vec::new();
    let mut names: Vec<Range<usize>> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut roles: Vec<(usize, usize)> = Vec::new();
    // The person named last (a pronoun in a later sentence may stand for them).
    let mut last_person: Option<usize> = None;
    for s in doc.sentences {
        let (from, end) = (s.start, s.end);
        // The mentions of this sentence start here.
        let sentence_entities = entities.len();
        listed.clear();
        // Names.
        names.clear();
        groups.clear();
        let mut i = from;
        while i < end {
            if let Some(n) = cx.name_at(i, end).or_else(|| cx.foreign_name_at(i, end)) {
                names.push(i..i + n);
                i += n;
            } else {
                // Both start at a capitalized syllable.
                i = cx.skip_to(i + 1, end, CAP);
            }
        }
        let in_name = |names: &[Range<usize>], k: usize| names.iter().any(|r| r.contains(&k));
        // Colon groups: "các Ủy viên Ban Thường vụ Thành ủy: B, C, D; E" (the
        // group ends at the semicolon, as the first item holds several names)
        // or "các đồng chí Ủy viên Trung ương Đảng: A, Thứ trưởng ...; B, ..."
        // (one name per semicolon item: the group runs to the sentence end).
        // Back from `a` to the token after the last separator.
        let item_start = |mut a: usize| {
            while a > from && ![kw!(";"), kw!(":"), kw!(",")].contains(&cx.keys[a - 1]) {
                a -= 1;
            }
            a
        };
        for colon in cx.positions(from, end, kw!(":")) {
            let mut a = item_start(colon);
            // The role may be followed by "gồm (các đồng chí)", "là".
            let filler = |k: usize| {
                lx.skip.contains(cx.keys[k]) || [kw!("gồm"), kw!("là")].contains(&cx.keys[k])
            };
            // "cử 4 Phó Chủ tịch Ủy ban MTTQ tỉnh, gồm các đồng chí: ...": the
            // role before a comma and the filler.
            if a > from + 1 && cx.is(a - 1, kw!(",")) && (a..colon).all(filler) {
                a = item_start(a - 1);
            }
            let filler = |k: usize| filler(k) || cx.is(k, kw!(","));
            let Some((t, role_end)) = (a..colon).find_map(|t| {
                // "bầu Đoàn Chủ tịch gồm các đồng chí: ...": the presidium,
                // not its chair.
                if t > from && cx.is(t - 1, kw!("đoàn")) && cx.is_cap(t - 1) {
                    return None;
                }
                let (e, _) = cx.role_at(t, colon)?;
                (e..colon).all(filler).then_some((t, e))
            }) else {
                continue;
            };
            let stop = (colon + 1..end)
                .find(|&k| cx.is(k, kw!(":")))
                .unwrap_or(end);
            let semi = (colon + 1..stop)
                .find(|&k| cx.is(k, kw!(";")))
                .unwrap_or(stop);
            let in_first = names
                .iter()
                .filter(|r| r.start > colon && r.start < semi)
                .count();
            let last = if in_first > 1 { semi } else { stop };
            groups.push(Group {
                role: (t, role_end),
                names: names
                    .iter()
                    .filter(|r| r.start > colon && r.start < last)
                    .map(|r| r.start)
                    .collect(),
            });
        }
        // Organizations (longest first, left to right) and roles' organizations.
        let mut i = from;
        // Where the last body found ends.
        let mut body_end = usize::MAX;
        while i < end {
            // Roles and bodies start with a capital or an abbreviation.
            if !cx.has(i, CAP | ABBREV) {
                i = cx.skip_to(i + 1, end, CAP | ABBREV);
                continue;
            }
            if in_name(&names, i) {
                i += 1;
                continue;
            }
            if let Some((e, org_from)) = cx.role_at(i, end) {
                if e > org_from {
                    // Listed when it has a complement of its own.
                    if let Some((oe, ok)) = cx.org_at(org_from, end).or(Some((e, e > org_from + 1)))
                    {
                        if ok && oe == e {
                            orgs.add(cx, &mut entities, "organization", org_from, e);
                            body_end = e;
                        }
                    }
                }
                i = e.max(i + 1);
                continue;
            }
            if let Some((e, ok)) = cx.org_at(i, end) {
                if ok {
                    orgs.add(cx, &mut entities, "organization", i, e);
                    body_end = e;
                }
                i = e;
                continue;
            }
            if cx.kind(i) == TokenKind::Abbrev {
                // Not where it is defined right after its body ("Quỹ Tiền tệ
                // Quốc tế (IMF)"): there it names nothing of its own.
                let defined = i > from
                    && cx.is(i - 1, kw!("("))
                    && i + 1 < end
                    && cx.is(i + 1, kw!(")"))
                    && body_end == i - 1;
                if let Some((_, true)) = lx.abbreviations.get(&cx.keys[i]) {
                    if !defined {
                        orgs.add(cx, &mut entities, "organization", i, i + 1);
                    }
                }
            }
            i += 1;
        }
        // Locations.
        let mut i = from;
        while i < end {
            // Places start with a capital, an abbreviation, "miền" or an
            // administrative word ("tỉnh", "thành phố").
            let highway = || {
                cx.is(i, kw!("quốc"))
                    && cx.is(i + 1, kw!("lộ"))
                    && i + 2 < end
                    && matches!(cx.kind(i + 2), TokenKind::Number | TokenKind::Alnum)
            };
            if listed.is_empty() && !cx.has(i, CAP | ABBREV | LOC_CUE) {
                // Places start with one of these (see below).
                i = cx.skip_to(i + 1, end, CAP | ABBREV | LOC_CUE);
                continue;
            }
            if !listed.is_empty() {
                if let Some(r) = listed.iter().find(|r| r.start == i) {
                    locs.add(cx, &mut entities, "location", r.start, r.end);
                    i = r.end;
                    continue;
                }
            }
            let admin_start = !cx.is_cap(i) && lx.admin.starts_with(cx.keys[i]);
            // Places listed after a plural administrative word: "các quận Hà
            // Đông, Thanh Xuân, Hoàng Mai và huyện Thanh Trì". Their names are
            // no persons' ("Hoàng Mai").
            if admin_start && i > from && cx.plural_at(i - 1) {
                let first = listed.len();
                cx.place_list(i, end, &mut listed);
                let items = &listed[first..];
                names.retain(|r| !items.iter().any(|l| l.start < r.end && r.start < l.end));
            }
            // "sông Hồng", "sông Cửu Long": a river, named with its word.
            let river = || cx.is(i, kw!("sông")) && !cx.is_cap(i) && cx.is_cap(i + 1);
            let lower_cue = || cx.is(i, mien) || admin_start || highway() || river();
            if !(cx.has(i, CAP | ABBREV) || lower_cue()) || in_name(&names, i) {
                i += 1;
                continue;
            }
            let mut hit = None;
            // Whether `hit` is a named site (whose places count too).
            let mut site = false;
            if cx.has(i, CAP | ABBREV) || cx.is(i, mien) {
                if let Some(n) = cx.place_at(i, end) {
                    // A one-word place opening a sentence may be a common
                    // word ("Nam", "Anh"), unless it is no Vietnamese
                    // syllable ("Philippines").
                    let single_at_start = n == 1 && i == from && vietnamese_syllable(doc.tok(i));
                    // "huyện Chương Mỹ": a one-word place (the United
                    // States) that ends a longer capitalized name.
                    let name_end = n == 1
                        && i > from + 1
                        && cx.is_cap(i - 1)
                        && cx.kind(i - 1) == TokenKind::Syllable
                        && doc.tokens[i - 1].end() < doc.tokens[i].start()
                        && vietnamese_syllable(doc.tok(i - 1));
                    // "cửa biển Mỹ Á", "xã Nga Sơn": a one-word place (the
                    // United States, Russia) that begins a longer
                    // capitalized name.
                    let name_start = n == 1
                        && i + 1 < end
                        && cx.is_cap(i + 1)
                        && cx.kind(i + 1) == TokenKind::Syllable
                        && doc.tokens[i].end() < doc.tokens[i + 1].start()
                        && vietnamese_syllable(doc.tok(i + 1))
                        && cx.place_at(i + 1, end).is_none()
                        && cx.head_at(i + 1, end).is_none()
                        && cx.name_at(i + 1, end).is_none();
                    // "tiếng Anh", "Tiếng Việt": a language.
                    let language = i > 0 && cx.is(i - 1, kw!("tiếng"));
                    // "danh hiệu Anh hùng": the place's last syllable
                    // begins a longer word in lower case.
                    let e = i + n;
                    let in_word = e < end
                        && cx.wend[e - 1] as usize > e
                        && cx.kind(e) == TokenKind::Syllable
                        && !cx.is_cap(e);
                    if !single_at_start && !name_end && !name_start && !language && !in_word {
                        hit = Some((i, i + n));
                    }
                }
            }
            if hit.is_none() {
                if let Some(n) = cx.admin_at(i, end) {
                    let mut j = i + n;
                    if let Some(m) = cx.place_at(j, end) {
                        j += m;
                    } else {
                        // A place named after a person ("huyện Trần Văn Thời")
                        // is not cut at its second syllable.
                        let personal = j < end && lx.surnames.contains(cx.keys[j]);
                        while j < end && cx.is_cap(j) && j - (i + n) < 4 {
                            if j > i + n + usize::from(personal) && cx.name_at(j, end).is_some() {
                                break;
                            }
                            j += 1;
                        }
                    }
                    // A village word ("thôn", "bản") is often another
                    // word's syllable ("văn bản", "phiên bản") or a noun
                    // ("bản Kế hoạch"): a word of its own, before a name
                    // that ends where a word ends.
                    let village_ok = !lx.villages.contains(cx.keys[i])
                        || (i == 0 || cx.wend[i - 1] as usize <= i)
                            && cx.wend[i] as usize <= i + n
                            && cx.wend[j - 1] as usize <= j;
                    if j > i + n
                        && village_ok
                        && cx
                            .name_at(i + n, end)
                            .is_none_or(|_| cx.place_at(i + n, end).is_some())
                    {
                        hit = Some((i + n, j));
                    }
                }
            }
            // (A river's delta is a region: "đồng bằng sông Cửu Long".)
            if hit.is_none() && river() {
                let mut j = i + 1;
                while j < end && j < i + 4 && cx.is_cap(j) && cx.kind(j) == TokenKind::Syllable {
                    j += 1;
                }
                let delta = i >= 2 && cx.is(i - 2, kw!("đồng")) && cx.is(i - 1, kw!("bằng"));
                hit = Some((if delta { i - 2 } else { i }, j));
            }
            // "Quốc lộ 1A", "quốc lộ 18": a named road.
            if hit.is_none() && highway() {
                hit = Some((i, i + 3));
            }
            // "Thủ đô" alone stands for Hà Nội; not before the city's name
            // ("Thủ đô Hà Nội", "Thủ đô Viêng Chăn": the place is the name)
            // nor as a quoted epithet ("“Thủ đô kháng chiến” Tuyên Quang").
            if hit.is_none()
                && cx.is(i, kw!("thủ"))
                && i + 1 < end
                && cx.is(i + 1, kw!("đô"))
                && cx.is_cap(i)
                && cx.place_at(i + 2, end).is_none()
                && !(i > 0 && matches!(doc.tok(i - 1), "“" | "\"" | "«" | "‘"))
            {
                hit = Some((i, i + 2));
            }
            if hit.is_none() {
                hit = cx.site_at(i, end).map(|j| (i, j));
                site = hit.is_some();
            }
            if hit.is_none() && cx.is_cap(i) {
                hit = cx.district_at(i, end).map(|m| (i, i + m));
            }
            // Not in a byline: "Minh Anh" names the writer, not England.
            let in_byline = |a: usize| {
                let at = doc.tokens[a].start();
                bylines.iter().any(|&(s, e)| s <= at && at < e)
            };
            // "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Học viện Chính trị quốc
            // gia Hồ Chí Minh": the end of a body's name that honours a
            // person names no place (but "Công an TP Hồ Chí Minh" does).
            let honours = |a: usize, b: usize| {
                let (s, e) = (doc.tokens[a].start(), doc.tokens[b - 1].end());
                b == a + 3
                    && cx.is_cap(a)
                    && doc.span_text(a, b) == "Hồ Chí Minh"
                    && cx.admin_before(a).is_none()
                    && entities[sentence_entities..]
                        .iter()
                        .any(|x| x.kind == "organization" && x.start < s && x.end >= e)
            };
            if let Some((a, b)) = hit.filter(|&(a, b)| !in_byline(a) && !honours(a, b)) {
                locs.add(cx, &mut entities, "location", a, b);
                // Known places inside a site's name count too: "Điện Biên
                // Phủ" in "Tượng đài Chiến thắng Điện Biên Phủ".
                if site && b - a > 2 {
                    let mut k = a + 1;
                    while k < b {
                        // Not a person's name after a title ("Lăng Chủ tịch Hồ
                        // Chí Minh").
                        let titled =
                            (a..k).any(|t| lx.titles.longest_at(&cx.keys[..k], t) == Some(k - t));
                        match cx.place_at(k, b).filter(|_| cx.is_cap(k) && !titled) {
                            Some(m) => {
                                locs.add(cx, &mut entities, "location", k, k + m);
                                k += m;
                            }
                            None => k += 1,
                        }
                    }
                }
                i = b.max(i + 1);
            } else {
                i += 1;
            }
        }
        // Persons with rank and roles.
        for r in &names {
            let name = doc.span_text(r.start, r.end);
            entities.push(doc.entity("person", r.start, r.end, None));
            roles.clear();
            let mut rank: Option<(usize, usize)> = None;
            // Chain before the name: segments separated by commas or dashes,
            // each a rank, a role, or a rank then a role. The segment touching
            // the name may start with other words ("Cùng dự có Thiếu tướng A").
            let mut k = r.start;
            // "Thống đốc Ngân hàng Nhà nước Việt Nam (NHNN) Nguyễn Thị Hồng":
            // the abbreviation of the body stands between role and name.
            if k >= from + 3
                && cx.is(k - 1, kw!(")"))
                && cx.kind(k - 2) == TokenKind::Abbrev
                && cx.is(k - 3, kw!("("))
            {
                k -= 3;
            }
            let mut first = true;
            // A comma or dash inside a body's name does not end a segment:
            // "Giám đốc Sở Văn hóa, Thể thao và Du lịch A".
            let in_body_name = |p: usize| {
                cx.in_crime_fields(p, end)
                    || covers(&lx.sectors, &cx.keys[..end], p, lx.sectors.max, |_| true)
                    || covers(&lx.org_heads, &cx.keys[..end], p, lx.org_heads.max, |_| {
                        true
                    })
            };
            loop {
                let mut a = k;
                while a > from
                    && (!cx.is_link(a - 1) || in_body_name(a - 1))
                    && ![kw!(";"), kw!(":"), kw!("("), kw!(".")].contains(&cx.keys[a - 1])
                {
                    a -= 1;
                }
                let starts = if first { a..k } else { a..a + 1 };
                let mut seg_ok = false;
                let mut whole = false;
                for b in starts {
                    // Skip "đồng chí", "ông", "bà", "các".
                    let mut b0 = b;
                    while b0 < k && lx.skip.contains(cx.keys[b0]) {
                        b0 += 1;
                    }
                    if b0 >= k {
                        break;
                    }
                    if let Some(n) = lx.ranks.longest_at(&cx.keys[..k], b0) {
                        if b0 + n == k {
                            rank.get_or_insert((b0, b0 + n));
                            seg_ok = true;
                        } else if let Some((e, _)) = cx.role_at(b0 + n, k).filter(|x| x.0 == k) {
                            rank.get_or_insert((b0, b0 + n));
                            roles.push((b0 + n, e));
                            seg_ok = true;
                        }
                    } else if let Some((e, _)) = cx.role_at(b0, k).filter(|x| x.0 == k) {
                        // "nguyên Chủ tịch nước", "cựu Bộ trưởng": a former
                        // office keeps its "nguyên" or "cựu".
                        let rs = if b0 > a && cx.former(b0 - 1) {
                            b0 - 1
                        } else {
                            b0
                        };
                        roles.push((rs, e));
                        seg_ok = true;
                        whole = rs == a;
                    }
                    if seg_ok {
                        whole |= b == a;
                        break;
                    }
                }
                first = false;
                if !seg_ok || !whole || a == from || !cx.is_link(a - 1) {
                    break;
                }
                k = a - 1;
            }
            // "miễn nhiệm chức danh Ủy viên UBND tỉnh đối với ông A": the
            // office named before "đối với".
            let mut b = r.start;
            while b > from && lx.skip.contains(cx.keys[b - 1]) {
                b -= 1;
            }
            if b >= from + 4 && cx.is(b - 2, kw!("đối")) && cx.is(b - 1, kw!("với")) {
                let e = b - 2;
                let office = (e.saturating_sub(24).max(from)..e - 2).rev().find(|&c| {
                    cx.is(c, kw!("chức")) && (cx.is(c + 1, kw!("danh")) || cx.is(c + 1, kw!("vụ")))
                });
                if let Some((c, re)) = office
                    .and_then(|c| cx.role_at(c + 2, e).map(|(re, _)| (c, re)))
                    .filter(|&(_, re)| re == e)
                {
                    roles.push((c + 2, re));
                }
            }
            // Collective title before a colon: "các Ủy viên Ban Thường vụ Thành ủy: A, B".
            for g in &groups {
                if g.names.contains(&r.start) {
                    roles.push(g.role);
                }
            }
            // Chain after the name: ", Ủy viên Bộ Chính trị, Bí thư Thành ủy ...".
            // The office after the separator at `sep` (a former one too).
            let office_after =
                |sep: usize| cx.role_at(sep + 1 + usize::from(cx.former(sep + 1)), end);
            let mut j = r.end;
            while j + 1 < end && (cx.is_link(j) || cx.is(j, kw!("("))) {
                let Some((e, _)) = office_after(j) else {
                    // "A (SN 1982, trú tại ...), Giám đốc ...": the chain goes
                    // on after brackets that hold no office.
                    if cx.is(j, kw!("(")) {
                        let close = (j + 1..end.min(j + 24)).find(|&k| cx.is(k, kw!(")")));
                        if let Some(c) = close.filter(|&c| c + 2 < end && cx.is_sep(c + 1)) {
                            if office_after(c + 1).is_some() {
                                j = c + 1;
                                continue;
                            }
                        }
                    }
                    // "đại biểu A, Đoàn ĐBQH thành phố Hà Nội, Giám đốc ...":
                    // the delegation is no office; the chain goes on after it.
                    if let Some((e, true)) = cx.org_at(j + 1, end) {
                        if e + 1 < end && cx.is_sep(e) && office_after(e).is_some() {
                            j = e;
                            continue;
                        }
                    }
                    break;
                };
                if e < end && cx.name_at(e, end).is_some() {
                    break;
                }
                // "Cục trưởng Cục Nhà trường, Bộ Tổng Tham mưu": the body
                // the unit belongs to, after a comma, is part of the office
                // (a body alone is no office of its own).
                let parent = (cx.is(e, kw!(",")) && office_after(e).is_none())
                    .then(|| cx.org_at(e + 1, end))
                    .flatten();
                let e = match parent {
                    Some((oe, true)) if cx.name_at(oe, end).is_none() => oe,
                    _ => e,
                };
                roles.push((j + 1, e));
                j = e;
            }
            // "Chủ tịch HĐND tỉnh Hà Giang (cũ) được chỉ định ...": a former
            // office marked after it.
            if j + 2 < end
                && cx.is(j, kw!("("))
                && cx.is(j + 1, kw!("cũ"))
                && cx.is(j + 2, kw!(")"))
            {
                j += 3;
            }
            // "A (, B và C) được bầu giữ chức Bí thư ...": the office the
            // sentence gives them, after the names listed with this one (and
            // the roles after this one: "A, Phó Tư lệnh ... được thăng").
            let mut promoted = None;
            while j < end {
                if let Some(n) = names.iter().find(|n| n.start == j) {
                    j = n.end;
                    // The others' offices: "A, Chủ tịch UBND tỉnh và B,
                    // Trưởng Ban Tổ chức Tỉnh ủy được bầu giữ chức ...".
                    while j + 1 < end && cx.is(j, kw!(",")) {
                        match office_after(j) {
                            Some((e, _)) => j = e,
                            None => break,
                        }
                    }
                } else if (cx.is(j, kw!(",")) || cx.is(j, kw!("và"))) && j + 1 < end {
                    j += 1;
                } else {
                    break;
                }
            }
            // "A, Bộ trưởng ..., tham gia Ban Chấp hành, Ban Thường vụ và
            // giữ chức Bí thư Tỉnh ủy": the office after the bodies joined.
            if j + 1 < end && cx.is(j, kw!("tham")) && cx.is(j + 1, kw!("gia")) {
                let stop = (j + 2..end.min(j + 24))
                    .find(|&k| {
                        [kw!(";"), kw!(":"), kw!("(")].contains(&cx.keys[k])
                            || names.iter().any(|n| n.start == k)
                            || lx.appointed.longest_at(&cx.keys[..end], k).is_some()
                    })
                    .unwrap_or(j);
                if lx.appointed.longest_at(&cx.keys[..end], stop).is_some() {
                    j = stop;
                }
            }
            // "đã được bầu giữ chức", "vừa được bổ nhiệm", "tiếp tục được
            // bầu": a tense word first.
            loop {
                if j + 1 < end && [kw!("đã"), kw!("vừa"), kw!("mới")].contains(&cx.keys[j]) {
                    j += 1;
                } else if j + 2 < end && cx.is(j, kw!("tiếp")) && cx.is(j + 1, kw!("tục")) {
                    j += 2;
                } else {
                    break;
                }
            }
            // "A từng giữ các chức vụ: B; C".
            if let Some(n) = lx.held.longest_at(&cx.keys[..end], j) {
                cx.held_offices(j + n, end, &mut roles);
            }
            if let Some(n) = lx.appointed.longest_at(&cx.keys[..end], j) {
                let a = j + n;
                if let Some(n) = lx.ranks.longest_at(&cx.keys[..end], a) {
                    // "được thăng quân hàm Thiếu tướng": the rank if none
                    // is written before the name, else a mention of one.
                    if rank.is_none() {
                        rank = Some((a, a + n));
                    } else {
                        promoted = Some((a, a + n));
                    }
                } else if let Some((e, _)) = cx.role_at(a, end) {
                    roles.push((a, e));
                }
            }
            let pk = found.person(name);
            let p = &mut found.persons[pk];
            p.mentions
                .push([doc.tokens[r.start].start(), doc.tokens[r.end - 1].end()]);
            if let Some((a, b)) = rank {
                if p.rank.is_none() {
                    p.rank = Some(doc.span_text(a, b).into());
                }
                entities.push(doc.entity("rank", a, b, None));
            }
            if let Some((a, b)) = promoted {
                entities.push(doc.entity("rank", a, b, None));
            }
            let addressed = r.start > from && lx.skip.contains(cx.keys[r.start - 1]);
            found.marked[pk] |= addressed || rank.is_some() || !roles.is_empty();
            roles.sort_unstable();
            for &(a, b) in &roles {
                found.add_role_at(cx, pk, a, b);
                entities.push(doc.entity("role", a, b, None));
            }
            last_person = Some(pk);
        }
        // "Trước đó, ông từng giữ các chức vụ: ...": the offices of the
        // person named last, whom the pronoun stands for (in a sentence
        // that names no one).
        if let Some(pk) = last_person.filter(|_| names.is_empty()) {
            // Every such phrase ends with "chức vụ" or "cương vị".
            let office_word = (from + 1..end).find(|&k| {
                (cx.is(k, kw!("vụ")) && cx.is(k - 1, kw!("chức")))
                    || (cx.is(k, kw!("vị")) && cx.is(k - 1, kw!("cương")))
            });
            let held = office_word.and_then(|k| {
                (k.saturating_sub(lx.held.max)..k)
                    .find(|&j| lx.held.longest_at(&cx.keys[..end], j) == Some(k + 1 - j))
            });
            let pronoun =
                held.and_then(|h| (from..h).find(|&k| lx.honorifics.contains(cx.keys[k])));
            if let (Some(h), Some(_)) = (held, pronoun) {
                let j = h + lx.held.longest_at(&cx.keys[..end], h).unwrap_or(0);
                {
                    roles.clear();
                    cx.held_offices(j, end, &mut roles);
                    for &(a, b) in &roles {
                        found.add_role_at(cx, pk, a, b);
                        entities.push(doc.entity("role", a, b, None));
                    }
                }
            }
        }
    }
    // Bylines: "Tin, ảnh: VIỆT HÀ - PHÚ SƠN", "Hương Giang".
    for (s, e) in bylines {
        let line = &doc.text[s..e];
        let (off, names) = match line.find(':') {
            Some(c) => (c + 1, &line[c + 1..]),
            None => (0, line),
        };
        // Parts between separators, with their byte offsets ('–' is 3 bytes).
        let mut parts = Vec::new();
        let mut from = 0;
        for (k, sep) in names.match_indices([',', '-', '–']) {
            parts.push((from, &names[from..k]));
            from = k + sep.len();
        }
        parts.push((from, &names[from..]));
        for (at, part) in parts {
            let start = s + off + at + (part.len() - part.trim_start().len());
            let name = crate::blocks::without_agency(part.trim());
            let words = name.split_whitespace().count();
            // "PV", "TTXVN", "CTV": one word of ASCII capitals is an agency
            // or a reporter's tag, not a name.
            let ascii_caps = |w: &str| w.bytes().all(|b| b.is_ascii_uppercase());
            let tag = words == 1 && ascii_caps(name);
            // "Nhóm PV", "Nhóm phóng viên": a team; a tag beside a word in
            // lower or mixed case ("Nhóm PV") is no part of a name in capitals.
            let team = name.split_whitespace().next().is_some_and(|w| w == "Nhóm")
                || name
                    .split_whitespace()
                    .any(|w| w.len() >= 2 && ascii_caps(w))
                    && name.chars().any(char::is_lowercase);
            if (1..=4).contains(&words)
                && !tag
                && !team
                && name
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                let pk = found.person(name);
                found.add_role(pk, "tác giả");
                found.marked[pk] = true;
                // Once, though the sentence pass found the name too ("Văn
                // Chiến", "Vũ Hà": a surname first).
                let span = [start, start + name.len()];
                if !found.persons[pk].mentions.contains(&span) {
                    found.persons[pk].mentions.push(span);
                    entities.push(Entity {
                        kind: "person",
                        text: name.into(),
                        start,
                        end: start + name.len(),
                        value: None,
                    });
                }
            }
        }
    }
    // "Các quận có nhiều ca mắc gồm: Đống Đa, Hoàng Mai ..." after "quận
    // Hoàng Mai": a name that nothing marks as a person's and that the text
    // names as a place elsewhere is that place. Places by key and the moved
    // spans in sets: the text may repeat such a name many times.
    if found.marked.contains(&false) && !locs.list.is_empty() {
        let mut places: HashMap<String, usize, Fx> = HashMap::default();
        for (k, l) in locs.list.iter().enumerate() {
            places.entry(fold_key(&l.name)).or_insert(k);
        }
        let mut moved: HashSet<[usize; 2], Fx> = HashSet::default();
        for (k, p) in found.persons.iter_mut().enumerate() {
            if found.marked[k] {
                continue;
            }
            found.buf.clear();
            fold_key_into(&p.name, &mut found.buf);
            let Some(&l) = places.get(found.buf.as_str()) else {
                continue;
            };
            moved.extend(p.mentions.iter().copied());
            let l = &mut locs.list[l];
            l.mentions.append(&mut p.mentions);
            l.mentions.sort_unstable();
        }
        if !moved.is_empty() {
            for e in entities.iter_mut().filter(|e| e.kind == "person") {
                if moved.contains(&[e.start, e.end]) {
                    e.kind = "location";
                }
            }
        }
    }
    found.persons.retain(|p| !p.mentions.is_empty());
    out.persons.extend(found.persons);
    out.organizations.extend(orgs.list);
    out.locations.extend(locs.list);
    out.entities.extend(entities);
}

#[cfg(test)]
mod tests {
    use super::vietnamese_syllable as v;

    #[test]
    fn vietnamese_syllables_or_not() {
        for w in [
            "Hà",
            "Nguyễn",
            "khuya",
            "nghiêng",
            "gì",
            "quá",
            "Đường",
            "ĐẠI",
            "hoà",
            "hòa",
            "uỷ",
        ] {
            assert!(v(w), "{w}");
        }
        for w in [
            "Macron", "Emmanuel", "Jean", "Noël", "Putin", "Biden", "Đắk", "Trump", "xyz",
        ] {
            assert!(!v(w), "{w}");
        }
    }
}
