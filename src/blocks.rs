//! Article structure: each non-empty line of the text as a block with a kind.
//!
//! Text pasted from news sites carries more than the article: headline, lead,
//! photo captions, bylines, the source line and page chrome (share buttons,
//! navigation, image file names). Each line is classified with general rules:
//!
//! - `chrome`: image file names and other diacritic-free lowercase lines amid
//!   Vietnamese text ("so ket cong tac 1", "leftcenterrightdel"), bare domain
//!   names and URLs, navigation and sharing leftovers ("Xem phiên bản mobile",
//!   "Bài viết khác:", "Mời bạn đọc ...", "Tin liên quan").
//! - `source`: a short "Theo ..." line.
//! - `byline`: a short closing line made of a name only, all capitals, or
//!   introduced by "Tin, ảnh:", "Bài và ảnh:", "Ảnh:".
//! - `title`: a first line that reads like a headline (no final period).
//! - `caption`: a short one-sentence line right after an image marker, or a
//!   short line standing next to another short line (caption pairs).
//! - `lead`: the first body paragraph after a title; `body`: the rest.
//!
//! Chrome is kept in the output, marked, and excluded from extraction.

use crate::analysis::Block;
use std::ops::Range;

/// The kind of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The headline.
    Title,
    /// The first paragraph after the headline.
    Lead,
    /// Article text.
    Body,
    /// A photo caption.
    Caption,
    /// The author line.
    Byline,
    /// "Theo ..." source line.
    Source,
    /// Page chrome: not part of the article.
    Chrome,
}

impl BlockKind {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Lead => "lead",
            BlockKind::Body => "body",
            BlockKind::Caption => "caption",
            BlockKind::Byline => "byline",
            BlockKind::Source => "source",
            BlockKind::Chrome => "chrome",
        }
    }
}

/// Lines that begin like site navigation or sharing widgets (compared
/// case-insensitively at the start of the line).
const CHROME_PREFIXES: &[&str] = &[
    "xem phiên bản",
    "bài viết khác",
    "mời bạn đọc",
    "mời quý độc giả",
    "tin liên quan",
    "tin cùng chuyên mục",
    "tin khác",
    "xem thêm",
    "đọc thêm",
    "đọc tiếp",
    "chia sẻ",
    "bình luận",
    "in bài",
    "gửi bài",
    "về đầu trang",
    "quay lại",
    "trang chủ",
    "từ khóa:",
    "từ khoá:",
    "tags:",
    "tag:",
    "chuyên mục:",
    "theo dõi",
    "bản quyền",
    "©",
    "copyright",
    "share",
    "tweet",
    "like",
    "print",
    "email",
    "facebook",
    "zalo",
    "* mời bạn đọc",
];

/// Characters of a line compared with the prefix lists: as many as the
/// longest prefix has (a test checks this).
const PREFIX_CHARS: usize = 20;

/// Byline openers.
const BYLINE_PREFIXES: &[&str] = &[
    "tin, ảnh:",
    "tin và ảnh:",
    "bài và ảnh:",
    "bài, ảnh:",
    "ảnh:",
    "tin:",
    "bài:",
    "nhóm pv",
    "pv",
];

/// A classified line, in byte offsets of the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Its kind.
    pub kind: BlockKind,
    /// Byte span (trimmed) in the normalized text.
    pub span: Range<usize>,
}

/// Words of a normalized line (its spaces are ASCII).
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split([' ', '\t']).filter(|w| !w.is_empty())
}

/// Number of words of a normalized line, counting at most `cap`.
fn count_words(s: &str, cap: usize) -> usize {
    // A word starts at a non-space byte at the start or after a space.
    // Eight bytes at a time: a high bit per space byte (' ' or '\t'), then
    // the bytes that are not spaces and follow one; stop past `cap`.
    const LO: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero_bytes = |t: u64| !(((t & LO) + LO) | t) & HI;
    let spaces =
        |v: u64| zero_bytes(v ^ 0x2020_2020_2020_2020) | zero_bytes(v ^ 0x0909_0909_0909_0909);
    let b = s.as_bytes();
    let mut count = 0;
    // The byte before the chunk was a space (the start counts as one).
    let mut prev_space = 1u64 << 63;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        let sp = spaces(v);
        let before = (sp << 8) | (prev_space >> 56);
        count += (!sp & before & HI).count_ones() as usize;
        if count >= cap {
            return cap;
        }
        prev_space = sp & (1u64 << 63);
    }
    let mut prev = prev_space != 0;
    for &x in chunks.remainder() {
        let sp = x == b' ' || x == b'\t';
        count += usize::from(prev && !sp);
        prev = sp;
    }
    count.min(cap)
}

fn has_vietnamese_mark(s: &str) -> bool {
    s.chars().any(|c| matches!(c, 'À'..='ỹ') && !c.is_ascii())
}

/// "so ket cong tac chinh tri 1", "leftcenterrightdel", "anh-1.jpg": ASCII,
/// lowercase, no Vietnamese diacritics.
fn is_bare_ascii_lowercase(s: &str) -> bool {
    s.len() >= 6
        && s.bytes().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b' ' | b'-' | b'_' | b'.')
        })
        && s.bytes().filter(u8::is_ascii_lowercase).count() >= 6
}

fn is_domain_or_url(s: &str) -> bool {
    if s.contains(' ') {
        return false;
    }
    let l = s.to_ascii_lowercase();
    if l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.") {
        return !l.contains(' ');
    }
    !l.contains(' ')
        && l.contains('.')
        && l.split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && [".vn", ".com", ".net", ".org", ".gov", ".info"]
            .iter()
            .any(|t| l.ends_with(t))
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', '!', '?', '…', ':', ';', '"', '”', ')'])
}

/// A name-only or all-capitals short line: "Hương Giang", "VIỆT HÀ - PHÚ SƠN",
/// also with the agency after it: "Minh Hằng (TTXVN)".
fn is_name_like(s: &str) -> bool {
    let s = without_agency(s);
    let ws: Vec<&str> = words(s).collect();
    if ws.is_empty() || ws.len() > 6 || ends_sentence(s) {
        return false;
    }
    let caps = |w: &str| w.chars().next().is_some_and(char::is_uppercase) || w == "-" || w == "–";
    ws.iter().all(|w| caps(w))
}

/// `s` without a final agency or tag in parentheses of at most three
/// words ("Minh Hằng (TTXVN)", "Ngọc Anh (ghi)").
pub fn without_agency(s: &str) -> &str {
    let t = s.trim_end();
    if let Some(open) = t.strip_suffix(')').and_then(|u| u.rfind('(')) {
        let inner = &t[open + 1..t.len() - 1];
        if !inner.trim().is_empty() && count_words(inner, 4) <= 3 && !inner.contains(['(', ')']) {
            return t[..open].trim_end();
        }
    }
    s
}

fn is_image_marker(s: &str) -> bool {
    is_bare_ascii_lowercase(s)
}

/// Classify each non-empty line of `text` (normalized).
pub fn classify_lines(text: &str) -> Vec<Line> {
    let mut lines: Vec<(Range<usize>, &str, bool)> = Vec::new(); // span, text, blank line before
    let mut offset = 0;
    let mut blank_before = true;
    for raw in text.split('\n') {
        let start = offset;
        offset += raw.len() + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            blank_before = true;
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        lines.push((
            start + lead..start + lead + trimmed.len(),
            trimmed,
            blank_before,
        ));
        blank_before = false;
    }
    let vietnamese = has_vietnamese_mark(text);
    let n = lines.len();
    let mut kinds = vec![BlockKind::Body; n];
    let counts: Vec<usize> = lines.iter().map(|(_, s, _)| count_words(s, 21)).collect();
    let mut lower = String::new();
    for (k, (_, s, _)) in lines.iter().enumerate() {
        let nwords = counts[k];
        // Only the start of a short line is compared with the prefix lists.
        lower.clear();
        if nwords <= 20 {
            let head = s.trim_start_matches(['*', '-', '•', '>', '»', ' ']);
            // The longest prefix is 20 characters.
            for c in head.chars().take(PREFIX_CHARS) {
                if c.is_ascii() {
                    lower.push(c.to_ascii_lowercase());
                } else {
                    lower.extend(c.to_lowercase());
                }
            }
        }
        let near_end = k + 4 >= n;
        let chrome = (vietnamese && is_bare_ascii_lowercase(s))
            || is_domain_or_url(s)
            || (nwords <= 20 && CHROME_PREFIXES.iter().any(|p| lower.starts_with(p)));
        let byline = (nwords <= 10 && BYLINE_PREFIXES.iter().any(|p| lower.starts_with(p)))
            || (near_end && k > 0 && nwords <= 5 && is_name_like(s));
        kinds[k] = if chrome {
            BlockKind::Chrome
        } else if nwords <= 6
            && (lower.starts_with("theo ")
                || lower.starts_with("nguồn:")
                || lower.starts_with("nguồn "))
            && !ends_sentence(s)
        {
            BlockKind::Source
        } else if byline {
            BlockKind::Byline
        } else {
            BlockKind::Body
        };
    }
    // Title: a first line that reads like a headline, followed by more text.
    if n > 1 && kinds[0] == BlockKind::Body && looks_like_title(lines[0].1) {
        kinds[0] = BlockKind::Title;
    }
    // Captions: after an image marker, or short lines standing together.
    for k in 0..n {
        if kinds[k] != BlockKind::Body {
            continue;
        }
        let s = lines[k].1;
        if counts[k] > 20 || s.contains(". ") {
            continue;
        }
        let after_marker =
            k > 0 && kinds[k - 1] == BlockKind::Chrome && is_image_marker(lines[k - 1].1);
        let short = |j: usize| kinds[j] == BlockKind::Body && counts[j] <= 20 && !lines[j].2;
        let paired = (k + 1 < n && short(k + 1) && !lines[k + 1].2)
            || (k > 0 && !lines[k].2 && kinds[k - 1] == BlockKind::Caption);
        if after_marker || paired {
            kinds[k] = BlockKind::Caption;
        }
    }
    // Lead: the first body paragraph after a title.
    if kinds.first() == Some(&BlockKind::Title) {
        if let Some(k) = kinds.iter().position(|&k| k == BlockKind::Body) {
            kinds[k] = BlockKind::Lead;
        }
    }
    lines
        .into_iter()
        .zip(kinds)
        .map(|((span, _, _), kind)| Line { kind, span })
        .collect()
}

/// Classify the lines of normalized `text`. Returns the blocks (byte spans)
/// and the title, if any.
pub fn classify(text: &str) -> (Vec<Block>, Option<String>) {
    let lines = classify_lines(text);
    let title = lines
        .iter()
        .find(|l| l.kind == BlockKind::Title)
        .map(|l| text[l.span.clone()].to_string());
    let blocks = lines
        .into_iter()
        .map(|l| Block {
            kind: l.kind.as_str(),
            start: l.span.start,
            end: l.span.end,
        })
        .collect();
    (blocks, title)
}

fn looks_like_title(line: &str) -> bool {
    let n = line.chars().count();
    (8..=250).contains(&n)
        && !line.ends_with(['.', ':', ';', ',', '…'])
        && line.chars().next().is_some_and(char::is_uppercase)
        && words(line).count() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(&'static str, String)> {
        classify_lines(t)
            .into_iter()
            .map(|l| (l.kind.as_str(), t[l.span].to_string()))
            .collect()
    }

    #[test]
    fn title_lead_body() {
        let t = "Hội nghị sơ kết công tác quốc phòng\n\nNgày 2/7, thành phố tổ chức hội nghị. Nhiều đại biểu dự.\n\nHội nghị đánh giá cao kết quả.";
        let k = kinds(t);
        assert_eq!(k[0].0, "title");
        assert_eq!(k[1].0, "lead");
        assert_eq!(k[2].0, "body");
        let (b, title) = classify(t);
        assert_eq!(
            title.as_deref(),
            Some("Hội nghị sơ kết công tác quốc phòng")
        );
        assert_eq!(b.len(), 3);
        assert!(classify("").0.is_empty());
    }

    #[test]
    fn chrome_source_byline_caption() {
        let t = "Sáng nay, Bộ Chỉ huy Quân sự tỉnh tổ chức hội nghị tổng kết năm.\n\nhoi nghi tong ket nam 2024\nĐại tá Trần Văn Bình phát biểu tại hội nghị.\n\nHội nghị đã thống nhất các chỉ tiêu cho năm tới, với nhiều giải pháp cụ thể.\n\nTheo QĐND\nbaochinhphu.vn\nXem phiên bản mobile\nThanh Tùng";
        let k = kinds(t);
        let by: Vec<&str> = k.iter().map(|x| x.0).collect();
        assert_eq!(
            by,
            vec!["body", "chrome", "caption", "body", "source", "chrome", "chrome", "byline"]
        );
    }

    #[test]
    fn agency_after_a_byline() {
        assert_eq!(without_agency("Minh Hằng (TTXVN)"), "Minh Hằng");
        assert_eq!(without_agency("Thu Hà (QĐND) "), "Thu Hà");
        assert_eq!(without_agency("Ngọc Anh (ghi)"), "Ngọc Anh");
        assert_eq!(without_agency("Hương Giang"), "Hương Giang");
        assert_eq!(
            without_agency("A (một hai ba bốn năm)"),
            "A (một hai ba bốn năm)"
        );
        assert_eq!(without_agency("()"), "()");
        let k = kinds("Hội nghị tổng kết công tác năm được tổ chức sáng nay.\nMinh Hằng (TTXVN)");
        assert_eq!(k[1].0, "byline");
    }

    #[test]
    fn words_counted() {
        let slow = |s: &str| s.split([' ', '\t']).filter(|w| !w.is_empty()).count();
        for s in [
            "",
            " ",
            "a",
            "một hai  ba\tbốn ",
            "  Hội nghị sơ kết công tác quốc phòng, quân sự địa phương năm 2025 ",
            "abcdefgh ijklmnop",
            "abcdefg hijklmno p",
            "\t\t\t\t\t\t\tx",
        ] {
            assert_eq!(count_words(s, 99), slow(s), "{s:?}");
            assert_eq!(count_words(s, 2), slow(s).min(2), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn words_counted_as_split_does(s in "[ \\ta-zàđ.\n]{0,40}", cap in 1usize..12) {
            let slow = s.split([' ', '\t']).filter(|w| !w.is_empty()).count();
            proptest::prop_assert_eq!(count_words(&s, cap), slow.min(cap));
        }
    }

    #[test]
    fn prefixes_fit_in_the_compared_head() {
        for p in CHROME_PREFIXES.iter().chain(BYLINE_PREFIXES) {
            assert!(p.chars().count() <= PREFIX_CHARS, "{p}");
        }
    }

    #[test]
    fn latin_only_text_is_not_chrome() {
        // An English text has no Vietnamese marks: lowercase ASCII lines are content.
        let k = kinds("this is an english sentence about nothing\nand another one here");
        assert!(k.iter().all(|x| x.0 != "chrome"));
    }
}
