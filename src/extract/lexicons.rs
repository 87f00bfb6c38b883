//! Lexicons for extraction, embedded from `data/extract/` and compiled once
//! into word-id tries.
//!
//! Every word of every entry gets an [`Id`] from one vocabulary of
//! [`fold_key`]s (case and tone placement folded); the tokens of a document
//! are mapped to ids once ([`super::token_value`], kept in the segmenter's
//! cache of spellings), and phrase look-ups walk a trie over ids with no
//! allocation. Words absent from the vocabulary get
//! [`NONE`] and match nothing.

use crate::normalize::fold_key;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, OnceLock};

/// A word id in the extraction vocabulary.
pub type Id = u32;
/// The id of a word outside the vocabulary.
pub const NONE: Id = u32::MAX;

/// A small, fast hasher for integer and short-string keys (FxHash).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a time, the last few zero-padded (one load per
        // chunk: a copy of a slice of unknown length would be a call).
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut v = [0u8; 8];
            v.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(v));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.write_u64(crate::normalize::short_le(rest));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn write_u128(&mut self, i: u128) {
        self.write_u64(i as u64);
        self.write_u64((i >> 64) as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash builder for [`FxHasher`].
pub type Fx = BuildHasherDefault<FxHasher>;

/// Words the extractors compare tokens with (through `kw!`). They are part
/// of the vocabulary even when no lexicon entry holds them; a test checks
/// that every `kw!` word of `src/extract/` is listed here.
pub const KEYWORDS: &[&str] = &[
    "ngày", "tháng", "năm", "quý", "từ", "đến", "đầu", "cuối", "và", "hoặc", "của", "số", "đồng",
    "chí", "ông", "bà", "các", "miền", "thủ", "đô", "khu", "di", "tích", "quốc", "lộ", "thành",
    "thị", "phố", "tỉnh", "tp", "nghìn", "ngàn", "vạn", "triệu", "tỷ", "tỉ", "lộ", "nay", "qua",
    "mai", "nhiệm", "kỳ", "giai", "đoạn", "thời", "nguyên", "cựu", "hết", "y", "ngài", "tại",
    "điều", "tra", "tội", "phạm", "về", "cảnh", "sát", "sáng", "trưa", "chiều", "tối", "đêm",
    "tiếng", "gia", "giờ", "lúc", "hôm", "ký", "ban", "hành", "vừa", "mới", "đã", "khóa", "tham",
    "phút", "độ", "hội", "nghị", "trung", "ương", "chấp", "lần", "thứ", "đảng", "nhất", "hai",
    "ba", "tư", "bốn", "sáu", "bảy", "tám", "chín", "mười", "một", "lăm", ":", ";", ",", "(", ")",
    "-", "–", "—", ".", "những", "nhiều", "như", "gồm", "là", "tiếp", "tục", "chức", "vụ", "cương",
    "vị", "kiêm", "vì", "cầm", "sn", "đoàn", "liên", "đội", "học", "sứ", "quán", "diện", "sự",
    "trực", "quyền", "trong", "sau", "viện", "ra", "cũng", "vùng", "cũ", "vực", "công", "bố",
    "thay", "mặt", "thừa", "ủy", "quyền", "sông", "bằng", "bị", "đối", "với", "danh",
];

/// The id [`get`]'s vocabulary gives keyword `w`: ids are handed out in
/// order of first appearance, [`KEYWORDS`] first (a test checks this), so
/// it is known at compile time; a word missing from [`KEYWORDS`] does not
/// compile (`kw!` evaluates this in a constant).
pub const fn keyword_id(w: &str) -> Id {
    const fn same(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut k = 0;
        while k < a.len() {
            if a[k] != b[k] {
                return false;
            }
            k += 1;
        }
        true
    }
    let mut distinct = 0;
    let mut i = 0;
    while i < KEYWORDS.len() {
        let mut j = 0;
        while j < i && !same(KEYWORDS[j], KEYWORDS[i]) {
            j += 1;
        }
        if j == i {
            if same(KEYWORDS[i], w) {
                return distinct;
            }
            distinct += 1;
        }
        i += 1;
    }
    panic!("kw!: the word is not in KEYWORDS")
}

/// A set of multi-word phrases, as a trie over word ids, its edges stored
/// in flat arrays: the children of each node are one sorted run of
/// `child_word` (scanned in place, no hashing), so that a look-up touches a
/// few adjacent cache lines.
#[derive(Debug, Default)]
pub struct Phrases {
    /// Child of the root for each word id (or [`NONE`]).
    root: Vec<Id>,
    /// Node `n`'s children are `child_word[child_start[n]..child_start[n + 1]]`
    /// (sorted word ids), reached at the same indices of `child_node`.
    child_start: Vec<u32>,
    child_word: Vec<Id>,
    child_node: Vec<Id>,
    /// Whether each node ends an entry (node 0 is the root).
    terminal: Vec<bool>,
    /// Longest entry in words.
    pub max: usize,
    /// This set's bit in `first_words` (0: not filtered).
    bit: u32,
    /// For each word id, a bit for each set of the lexicons that has an
    /// entry starting with it: one small table shared by all sets (a
    /// kilobyte per thousand words, so it stays in the L1 cache), checked
    /// before this set's own `root`.
    first_words: Arc<[u32]>,
}

/// [`Phrases`] while it is being built.
#[derive(Default)]
struct PhrasesBuilder {
    root: Vec<Id>,
    /// Edges below the root: (node, word) -> node.
    edges: HashMap<(Id, Id), Id, Fx>,
    terminal: Vec<bool>,
    max: usize,
}

impl PhrasesBuilder {
    fn add(&mut self, words: &[Id]) {
        if words.is_empty() {
            return;
        }
        if self.terminal.is_empty() {
            self.terminal.push(false);
        }
        self.max = self.max.max(words.len());
        let mut node: Id = 0;
        for (k, &w) in words.iter().enumerate() {
            let next = if k == 0 {
                if self.root.len() <= w as usize {
                    self.root.resize(w as usize + 1, NONE);
                }
                self.root[w as usize]
            } else {
                self.edges.get(&(node, w)).copied().unwrap_or(NONE)
            };
            node = if next == NONE {
                let n = self.terminal.len() as Id;
                self.terminal.push(false);
                if k == 0 {
                    self.root[w as usize] = n;
                } else {
                    self.edges.insert((node, w), n);
                }
                n
            } else {
                next
            };
        }
        self.terminal[node as usize] = true;
    }

    /// The finished trie: the edges sorted by (node, word) into runs.
    fn finish(self) -> Phrases {
        let mut edges: Vec<((Id, Id), Id)> = self.edges.into_iter().collect();
        edges.sort_unstable();
        let nodes = self.terminal.len();
        let mut child_start = vec![0u32; nodes + 1];
        for &((from, _), _) in &edges {
            child_start[from as usize + 1] += 1;
        }
        for n in 0..nodes {
            child_start[n + 1] += child_start[n];
        }
        Phrases {
            root: self.root,
            child_start,
            child_word: edges.iter().map(|&((_, w), _)| w).collect(),
            child_node: edges.iter().map(|&(_, to)| to).collect(),
            terminal: self.terminal,
            max: self.max,
            bit: 0,
            first_words: Arc::from([]),
        }
    }
}

impl Phrases {
    /// Does some entry start with word `w`?
    #[inline]
    pub fn starts_with(&self, w: Id) -> bool {
        self.may_start(w) && self.root.get(w as usize).is_some_and(|&n| n != NONE)
    }

    /// Can an entry start with `w`? False for most words, read from the
    /// shared table of first words.
    #[inline(always)]
    fn may_start(&self, w: Id) -> bool {
        self.bit == 0
            || self
                .first_words
                .get(w as usize)
                .is_some_and(|&m| m & self.bit != 0)
    }

    /// Does the set hold this one-word entry?
    pub fn contains(&self, w: Id) -> bool {
        self.may_start(w)
            && self
                .root
                .get(w as usize)
                .is_some_and(|&n| n != NONE && self.terminal[n as usize])
    }

    /// The child of `node` by word `w`.
    #[inline]
    fn child(&self, node: Id, w: Id) -> Option<Id> {
        let (a, b) = (
            self.child_start[node as usize] as usize,
            self.child_start[node as usize + 1] as usize,
        );
        let words = &self.child_word[a..b];
        let k = if words.len() <= 8 {
            words.iter().position(|&x| x == w)?
        } else {
            words.binary_search(&w).ok()?
        };
        Some(self.child_node[a + k])
    }

    /// Longest entry matching the word ids starting at `i`; returns its
    /// length in tokens.
    #[inline(always)]
    pub fn longest_at(&self, ids: &[Id], i: usize) -> Option<usize> {
        // Most words start no entry: rejected here, inline, by the shared
        // table.
        let first = *ids.get(i)?;
        if !self.may_start(first) {
            return None;
        }
        self.longest_from(ids, i, first)
    }

    /// [`Phrases::longest_at`] past the check of the first word.
    fn longest_from(&self, ids: &[Id], i: usize, first: Id) -> Option<usize> {
        let mut node = *self.root.get(first as usize)?;
        if node == NONE {
            return None;
        }
        let mut best = self.terminal[node as usize].then_some(1);
        for (n, &w) in ids[i + 1..].iter().enumerate().take(self.max - 1) {
            match self.child(node, w) {
                Some(c) => {
                    node = c;
                    if self.terminal[c as usize] {
                        best = Some(n + 2);
                    }
                }
                None => break,
            }
        }
        best
    }
}

/// All extraction lexicons.
#[derive(Debug)]
pub struct Lexicons {
    vocab: HashMap<String, Id, Fx>,
    /// Military and police ranks.
    pub ranks: Phrases,
    /// Heads of official positions.
    pub titles: Phrases,
    /// Organization heads that need a complement.
    pub org_heads: Phrases,
    /// Organization names complete on their own.
    pub org_complete: Phrases,
    /// Place names.
    pub places: Phrases,
    /// Districts' names (before the 2025 reform), taken as places only where
    /// they stand alone ([`crate::extract`]'s locations).
    pub districts: Phrases,
    /// The names of Vietnam's ethnic groups ("Hà Nhì", "Lô Lô"): no persons.
    pub ethnic_groups: Phrases,
    /// Sector names in ministry and department names ("Giao thông vận tải").
    pub sectors: Phrases,
    /// The segmenter, for its word list ([`crate::words::Segmenter::in_lexicon`]).
    pub dictionary: crate::words::Segmenter,
    /// Surnames.
    pub surnames: Phrases,
    /// Administrative words ("thành phố", "tỉnh", "xã").
    pub admin: Phrases,
    /// Administrative words of the province level ("thành phố", "tỉnh").
    pub province_level: Phrases,
    /// Administrative words of villages ("thôn", "bản").
    pub villages: Phrases,
    /// Heads of territorial bodies ("Thành ủy", "UBND").
    pub territorial: Phrases,
    /// Heads often followed by a person's or place's name ("Bệnh viện").
    pub named_heads: Phrases,
    /// Forms of address that are also surnames ("Ông").
    pub honorifics: Phrases,
    /// Titles only a person holds, after which one foreign word is a name
    /// ("Tổng thống Macron"; "Giám đốc Samsung" names a company).
    pub person_titles: Phrases,
    /// Words before a street, place or venue named after a person
    /// ("đường Nguyễn Trãi", "nhà hàng Kiều Oanh", "tàu Hoàng Đạt").
    pub venues: Phrases,
    /// Words before a title that are not part of it ("đồng chí").
    pub skip: Phrases,
    /// Words between a name and the office it is given ("A được bầu giữ
    /// chức Bí thư Đảng ủy xã").
    pub appointed: Phrases,
    /// "từng giữ các chức vụ": a list of offices held before follows.
    pub held: Phrases,
    /// Heads of named sites, written with a capital ("Khu di tích lịch sử
    /// Điện Biên Phủ", "Tượng đài Chiến thắng", "Đồi A1").
    pub sites: Phrases,
    /// Fields of crime in the names of police investigation bodies ("Cục
    /// Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu").
    pub crime_fields: Phrases,
    /// Nouns after a number that make it a quantity, not a unit number.
    pub not_unit_number: Phrases,
    /// Armed services named after a unit's number ("Vùng 3 Hải quân", "Lữ
    /// đoàn 172 Hải quân").
    pub services: Phrases,
    /// Words after a number that are not its unit.
    pub not_unit: Phrases,
    /// Verbs that follow a body's name in the news ("Hiệp hội Du lịch Đà
    /// Nẵng tổ chức ..."): no part of the name.
    pub actions: Phrases,
    /// Classifiers: a unit with the noun after it ("500 căn nhà", "3
    /// chiếc xe").
    pub classifiers: Phrases,
    /// Words before a number that make it an ordinal or a reference.
    pub not_after: Phrases,
    /// Document types ("Quyết định", "Nghị quyết").
    pub doc_types: Phrases,
    /// Words after a bare document number ("Đề án 06 của ...").
    pub after_doc_number: Phrases,
    /// Connectors inside long forms of abbreviations ("và").
    pub connectors: Phrases,
    /// Abbreviation glossary: short form id -> (long form, is an organization).
    pub abbreviations: HashMap<Id, (String, bool), Fx>,
}

impl Lexicons {
    /// The id of a word already folded (by [`fold_key`]), or [`NONE`].
    pub fn folded_id(&self, folded: &str) -> Id {
        self.vocab.get(folded).copied().unwrap_or(NONE)
    }

    /// The id of a word (folded), or [`NONE`].
    pub fn id(&self, word: &str) -> Id {
        self.folded_id(&fold_key(word))
    }
}

/// The id of a word in the shared lexicons, or [`NONE`].
pub fn id(word: &str) -> Id {
    get().id(word)
}

/// The entries of a lexicon file: its lines, trimmed, without blank lines
/// and `#` comments.
fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicons {
    /// Every phrase set.
    fn phrase_sets(&mut self) -> [&mut Phrases; 31] {
        [
            &mut self.ranks,
            &mut self.titles,
            &mut self.org_heads,
            &mut self.org_complete,
            &mut self.places,
            &mut self.districts,
            &mut self.ethnic_groups,
            &mut self.sectors,
            &mut self.surnames,
            &mut self.admin,
            &mut self.province_level,
            &mut self.villages,
            &mut self.territorial,
            &mut self.named_heads,
            &mut self.honorifics,
            &mut self.person_titles,
            &mut self.venues,
            &mut self.skip,
            &mut self.appointed,
            &mut self.held,
            &mut self.sites,
            &mut self.crime_fields,
            &mut self.not_unit_number,
            &mut self.services,
            &mut self.not_unit,
            &mut self.actions,
            &mut self.classifiers,
            &mut self.not_after,
            &mut self.doc_types,
            &mut self.after_doc_number,
            &mut self.connectors,
        ]
    }

    /// Give the phrase sets their bits and the shared table of first words.
    fn share_first_words(&mut self) {
        let mut table = vec![0u32; self.vocab.len()];
        let mut sets = self.phrase_sets();
        for (k, p) in sets.iter_mut().enumerate().take(32) {
            p.bit = 1 << k;
            for (w, &node) in p.root.iter().enumerate() {
                if node != NONE {
                    table[w] |= p.bit;
                }
            }
        }
        let table: Arc<[u32]> = Arc::from(table);
        for p in sets.iter_mut() {
            p.first_words = Arc::clone(&table);
        }
    }
}

struct Builder {
    vocab: HashMap<String, Id, Fx>,
}

impl Builder {
    fn word(&mut self, w: &str) -> Id {
        let n = self.vocab.len() as Id;
        *self.vocab.entry(w.to_string()).or_insert(n)
    }

    /// The ids of the tokens of `entry`, tokenized as texts are (so that
    /// "Văn hóa, Thể thao và Du lịch" has its comma as a token).
    fn ids(&mut self, entry: &str) -> Vec<Id> {
        crate::tokenize::tokenize(entry)
            .iter()
            .map(|t| self.word(&fold_key(t.text(entry))))
            .collect()
    }

    fn phrases<'s>(&mut self, entries: impl IntoIterator<Item = &'s str>) -> Phrases {
        let mut p = PhrasesBuilder::default();
        for e in entries {
            let ids = self.ids(e);
            p.add(&ids);
        }
        p.finish()
    }

    fn lines(&mut self, text: &str) -> Phrases {
        self.phrases(entries(text))
    }
}

/// The lexicons, built on first use.
pub fn get() -> &'static Lexicons {
    static L: OnceLock<Lexicons> = OnceLock::new();
    L.get_or_init(build)
}

fn build() -> Lexicons {
    let mut b = Builder {
        vocab: HashMap::default(),
    };
    for w in KEYWORDS {
        b.ids(w);
    }
    let mut heads = Vec::new();
    let mut complete = Vec::new();
    for l in include_str!("../../data/extract/org_heads.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        if let Some((kind, name)) = l.split_once('\t') {
            if kind == "complete" {
                complete.push(name);
            }
            heads.push(name);
        }
    }
    let org_heads = b.phrases(heads);
    let org_complete = b.phrases(complete);
    let mut abbreviations = HashMap::default();
    for l in include_str!("../../data/extract/abbreviations.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() >= 2 && !f[0].contains([' ', ',']) {
            let id = b.word(&fold_key(f[0]));
            abbreviations
                .entry(id)
                .or_insert((f[1].to_string(), f.get(2) == Some(&"org")));
        }
    }
    let mut lx = Lexicons {
        dictionary: crate::words::Segmenter::new(),
        ranks: b.lines(include_str!("../../data/extract/ranks.txt")),
        titles: {
            // Every title has its deputy and its acting holder: "Thống
            // đốc", "Phó Thống đốc", "Quyền Thống đốc".
            let lines: Vec<&str> = entries(include_str!("../../data/extract/titles.txt")).collect();
            let deputies: Vec<String> = lines
                .iter()
                .filter(|t| !t.starts_with("Phó "))
                .flat_map(|t| [format!("Phó {t}"), format!("Quyền {t}")])
                .collect();
            b.phrases(lines.into_iter().chain(deputies.iter().map(String::as_str)))
        },
        org_heads,
        org_complete,
        places: b.lines(include_str!("../../data/extract/places.txt")),
        districts: b.lines(include_str!("../../data/extract/districts.txt")),
        ethnic_groups: b.lines(include_str!("../../data/extract/ethnic_groups.txt")),
        sectors: b.lines(include_str!("../../data/extract/sectors.txt")),
        surnames: b.lines(include_str!("../../data/extract/surnames.txt")),
        admin: b.phrases([
            "thành phố",
            "tỉnh",
            "huyện",
            "quận",
            "xã",
            "phường",
            "thị xã",
            "thị trấn",
            "tp",
            "thôn",
            "ấp",
            "buôn",
            "bản",
            "đặc khu",
            "đảo",
            "cửa khẩu",
            "cửa khẩu quốc tế",
        ]),
        province_level: b.phrases(["thành phố", "tỉnh", "tp"]),
        villages: b.phrases(["thôn", "ấp", "buôn", "bản"]),
        territorial: b.phrases([
            "Thành ủy",
            "Tỉnh ủy",
            "Huyện ủy",
            "Quận ủy",
            "Thị ủy",
            "UBND",
            "HĐND",
            "Ủy ban nhân dân",
            "Hội đồng nhân dân",
        ]),
        named_heads: b.phrases([
            "Bệnh viện",
            "Trường",
            "Học viện",
            "Đại học",
            "Trung tâm",
            "Công ty",
            "Tập đoàn",
            "Nhà máy",
            "Bảo tàng",
            "Báo",
            "Đồn",
            "Đồn Biên phòng",
        ]),
        honorifics: b.phrases(["ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ"]),
        person_titles: b.phrases([
            "Tổng thống",
            "Phó Tổng thống",
            "Thủ tướng",
            "Ngoại trưởng",
            "Quốc vương",
            "Nhà vua",
            "Hoàng tử",
            "Công chúa",
            "Thị trưởng",
            "Thống đốc",
            "Đại sứ",
            "Giáo hoàng",
        ]),
        venues: b.phrases([
            "đường",
            "phố",
            "ngõ",
            "ngách",
            "hẻm",
            "kiệt",
            "số nhà",
            "đại lộ",
            "quốc lộ",
            "tỉnh lộ",
            "cầu",
            "sông",
            "chợ",
            "bến",
            "đảo",
            "núi",
            "đèo",
            "hồ",
            "công viên",
            "quảng trường",
            "tàu",
            "nhà hàng",
            "quán",
            "khách sạn",
            "chi nhánh",
            "lâm trường",
            "nông trường",
            "khu phố",
            "ấp",
            "thôn",
            "bản",
            "làng",
            "buôn",
            "xóm",
            "khu",
            "khu vực",
            "khu tập thể",
            "cù lao",
            "vùng",
            "tổ dân phố",
            "cao tốc",
            "đường cao tốc",
            "tuyến",
            "hầm",
            "sân bay",
            "cảng",
            "ga",
            "nhà ga",
            "bến xe",
            "trạm",
            "trạm bơm",
            "nhà máy",
            "thủy điện",
            "sân vận động",
            "nhà thi đấu",
            "trường",
            "chùa",
            "đền",
            "đình",
            "lăng",
            "tượng đài",
        ]),
        skip: b.phrases(["đồng", "chí", "ông", "bà", "các"]),
        appointed: b.phrases([
            "giữ chức",
            "giữ chức vụ",
            "được bầu giữ chức",
            "được bầu lại giữ chức",
            "được bầu làm",
            "được bầu tái đắc cử",
            "tái đắc cử",
            "đắc cử",
            "được bổ nhiệm giữ chức",
            "được bổ nhiệm làm",
            "được bổ nhiệm",
            "được bổ nhiệm lại giữ chức",
            "được điều động, bổ nhiệm giữ chức",
            "được điều động giữ chức",
            "được phân công giữ chức",
            "được phân công làm",
            "được chỉ định giữ chức",
            "được chỉ định làm",
            "được giao quyền",
            "được giao phụ trách",
            "được phê chuẩn giữ chức",
            "được thăng quân hàm",
            "được thăng cấp bậc hàm",
            "được bầu giữ chức vụ",
            "được bổ nhiệm giữ chức vụ",
            "được hiệp thương cử giữ chức",
            "được hiệp thương cử làm",
            "được cử giữ chức",
            "được cử làm",
            "được giới thiệu giữ chức",
            "làm",
        ]),
        held: b.phrases([
            "từng giữ các chức vụ",
            "từng giữ chức vụ",
            "từng giữ nhiều chức vụ",
            "từng giữ các cương vị",
            "từng đảm nhiệm các chức vụ",
            "từng đảm nhiệm chức vụ",
            "từng đảm nhiệm nhiều chức vụ",
            "từng đảm nhiệm các cương vị",
            "từng kinh qua các chức vụ",
            "từng kinh qua nhiều chức vụ",
            "đã kinh qua các chức vụ",
            "đã kinh qua nhiều chức vụ",
            "kinh qua các chức vụ",
            "kinh qua nhiều chức vụ",
            "đã giữ các chức vụ",
            "đã từng giữ các chức vụ",
            "đã đảm nhiệm các chức vụ",
            "trải qua các chức vụ",
            "từng trải qua các chức vụ",
        ]),
        sites: b.phrases([
            "khu di tích",
            "khu di tích lịch sử",
            "khu di tích quốc gia",
            "khu di tích quốc gia đặc biệt",
            "khu di tích lịch sử quốc gia đặc biệt",
            "khu di tích lịch sử - văn hóa",
            "di tích",
            "di tích lịch sử",
            "di tích quốc gia đặc biệt",
            "khu lưu niệm",
            "nhà lưu niệm",
            "nghĩa trang",
            "nghĩa trang liệt sĩ",
            "nghĩa trang liệt sĩ quốc gia",
            "tượng đài",
            "lăng",
            "thành cổ",
            "nhà tù",
            "cột cờ",
            "đồi",
            "hầm",
            "đền",
            "chùa",
            "quảng trường",
            "khu kinh tế",
            "khu công nghiệp",
            "khu công nghệ cao",
            "vườn quốc gia",
            "vườn",
            "sân bay",
            "cửa khẩu",
            "cửa khẩu quốc tế",
            "nhà hát",
        ]),
        // The fields of the police investigation departments (C02-C05,
        // PC02-PC05 and their former names).
        crime_fields: b.phrases([
            "trật tự xã hội",
            "tham nhũng",
            "kinh tế",
            "quản lý kinh tế",
            "buôn lậu",
            "chức vụ",
            "ma túy",
            "môi trường",
            "sở hữu trí tuệ",
            "sử dụng công nghệ cao",
            "hàng giả",
        ]),
        services: b.phrases([
            "Hải quân",
            "Cảnh sát biển",
            "Phòng không - Không quân",
            "Phòng không – Không quân",
            "Biên phòng",
        ]),
        not_unit_number: b.phrases([
            "tháng", "năm", "ngày", "quý", "tuần", "giờ", "phút", "người", "lần", "đồng", "triệu",
            "tỷ", "nghìn", "ngàn", "trăm", "chục", "đơn", "tập", "cá", "điểm", "nhóm", "nhiệm",
            "chương", "km", "ha",
        ]),
        not_unit: b.phrases([
            "và", "hoặc", "hay", "của", "là", "đã", "được", "với", "trong", "tại", "cho", "để",
            "từ", "đến", "tới", "so", "theo", "về", "khi", "thì", "mà", "này", "đó", "các",
            "những", "có", "không", "trên", "dưới", "sau", "trước", "qua", "nay", "rồi", "cũng",
            "vẫn", "sẽ", "đang", "bị", "ra", "vào", "lên", "xuống", "như", "nên", "do", "bởi",
            "đều", "còn", "chưa", "gồm", "tham", "tăng", "giảm", "đạt", "trở", "thuộc", "phải",
            "cần", "nhận", "bằng", "lại", "vừa", "mới",
        ]),
        actions: b.phrases([
            "tổ chức",
            "phối hợp",
            "triển khai",
            "ban hành",
            "cho biết",
            "thông báo",
            "yêu cầu",
            "đề nghị",
            "chỉ đạo",
            "kiểm tra",
            "công bố",
            "phát động",
            "khai mạc",
            "bế mạc",
            "ký kết",
            "trao",
            "tặng",
            "tiếp",
            "làm việc",
            "thực hiện",
            "tiến hành",
            "đề xuất",
            "kiến nghị",
            "quyết định",
            "phê duyệt",
            "chủ trì",
            "hướng dẫn",
            "xử lý",
            "khởi tố",
            "bắt giữ",
            "phát hiện",
            "tiếp nhận",
            "hỗ trợ",
            "vận động",
            "gửi",
            "nhận",
            "mở",
            "đón",
            "thăm",
            "dự",
            "tham dự",
            "họp",
            "ra",
            "đưa",
            "cấp",
            "giao",
            "chúc mừng",
        ]),
        classifiers: b.phrases([
            "căn", "ngôi", "chiếc", "cái", "con", "bức", "tấm", "quyển", "cuốn", "ngọn", "tòa",
            "pho", "điểm", "phòng", "ổ", "khu", "khẩu", "bánh", "viên", "lượt", "tuyến", "cuộc",
            "chuyến", "gói", "đợt", "thửa", "kiện", "bao", "hộ", "môn", "loạt",
        ]),
        not_after: b.phrases([
            "số",
            "thứ",
            "điều",
            "khoản",
            "mục",
            "chương",
            "phần",
            "lần",
            "khóa",
            "kỳ",
            "tầng",
            "phòng",
            "đường",
            "lô",
            "quốc lộ",
        ]),
        doc_types: b.phrases([
            "Quyết định",
            "Nghị quyết",
            "Nghị định",
            "Chỉ thị",
            "Chương trình",
            "Quy chế",
            "Quy định",
            "Thông báo",
            "Thông tư",
            "Kế hoạch",
            "Luật",
            "Đề án",
            "Kết luận",
            "Hướng dẫn",
            "Công văn",
            "Thông tri",
            "Báo cáo",
            "Tờ trình",
            "Công điện",
            "Pháp lệnh",
            "Hiến pháp",
            "Thông tư liên tịch",
            "Thông báo kết luận",
            "Kết luận thanh tra",
            "Kết luận kiểm tra",
            "Kết luận điều tra",
            "Cáo trạng",
            "Bản án",
            "Nghị quyết liên tịch",
            "Bộ luật",
            "Thỏa thuận",
            "Thông cáo",
        ]),
        after_doc_number: b.phrases(["của", "về", "ngày", "do", "đã", "được", "và"]),
        connectors: b.phrases(["và", "của", "với"]),
        abbreviations,
        vocab: b.vocab,
    };
    lx.share_first_words();
    lx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tries() {
        let lx = get();
        let ids: Vec<Id> = ["bộ", "tư", "lệnh", "thủ", "đô"]
            .iter()
            .map(|w| lx.id(w))
            .collect();
        assert_eq!(lx.org_heads.longest_at(&ids, 0), Some(3));
        assert_eq!(lx.org_heads.longest_at(&ids, 3), None);
        assert!(lx.surnames.contains(lx.id("Nguyễn")));
        assert!(!lx.surnames.contains(lx.id("xyz")));
        assert_eq!(lx.id("uỷ"), lx.id("ủy"));
        assert_eq!(lx.places.longest_at(&[NONE, NONE], 0), None);
    }

    /// The flat trie finds the longest entry, through nodes with few
    /// children (scanned) and many (binary search), with and without the
    /// shared table of first words.
    #[test]
    fn flat_trie_longest_match() {
        let mut b = PhrasesBuilder::default();
        let entries: Vec<Vec<Id>> = (10..40)
            .map(|w| vec![1, w])
            .chain([vec![1], vec![1, 20, 5, 6], vec![2, 3], vec![7, 1, 1]])
            .collect();
        for e in &entries {
            b.add(e);
        }
        let mut p = b.finish();
        for table in [false, true] {
            if table {
                let mut t = vec![0u32; 50];
                for (w, &n) in p.root.iter().enumerate() {
                    t[w] |= u32::from(n != NONE) << 3;
                }
                p.bit = 1 << 3;
                p.first_words = Arc::from(t);
            }
            assert_eq!(p.longest_at(&[1, 20, 5, 6, 9], 0), Some(4));
            assert_eq!(p.longest_at(&[1, 20, 5, 9], 0), Some(2));
            assert_eq!(p.longest_at(&[1, 39], 0), Some(2));
            assert_eq!(p.longest_at(&[1, 40], 0), Some(1));
            assert_eq!(p.longest_at(&[0, 2, 3], 1), Some(2));
            assert_eq!(p.longest_at(&[2, 4], 0), None);
            assert_eq!(p.longest_at(&[7, 1], 0), None);
            assert_eq!(p.longest_at(&[7, 1, 1], 0), Some(3));
            assert_eq!(p.longest_at(&[NONE, 1], 0), None);
            assert_eq!(p.longest_at(&[3], 0), None);
            assert!(p.contains(1) && !p.contains(2) && p.starts_with(2) && !p.starts_with(3));
        }
        // Every set of the lexicons is filtered by the shared table.
        let mut lx = build();
        let n = lx.vocab.len();
        assert!(lx
            .phrase_sets()
            .iter()
            .all(|p| p.bit != 0 && p.first_words.len() == n));
    }

    /// The ids `kw!` computes at compile time are the vocabulary's.
    #[test]
    fn keyword_ids_are_the_vocabulary_ids() {
        for w in KEYWORDS {
            assert_eq!(id(w), keyword_id(w), "{w}");
        }
    }

    /// Every word the extractors compare with (their `kw!` calls) is in the
    /// vocabulary; a missing one would silently never match.
    #[test]
    fn keywords_are_registered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract");
        let mut n = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let src = std::fs::read_to_string(e.unwrap().path()).unwrap();
            for part in src.split("kw!(\"").skip(1) {
                let w = &part[..part.find('"').unwrap()];
                assert_ne!(id(w), NONE, "kw!({w:?}) is not in KEYWORDS");
                n += 1;
            }
        }
        assert!(n > 10);
    }
}
