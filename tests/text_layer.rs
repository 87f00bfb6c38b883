//! Text layer: tokenizer cases from tests/data/tokens.tsv, the comparison key
//! over every syllable of the shipped lexicon, and property tests over
//! arbitrary strings (spans, coverage, idempotence, NFD = NFC).

use proptest::prelude::*;
use soi::normalize::{fold_key, Normalized};
use soi::tokenize::tokenize;
use soi::Analyzer;
use std::collections::{HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

fn kind_name(k: soi::tokenize::TokenKind) -> String {
    serde_json::to_value(k)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn token_table() {
    let data = include_str!("data/tokens.tsv");
    let mut n = 0;
    for line in data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (input, want) = line.split_once('\t').expect("input<TAB>tokens");
        let got: Vec<String> = tokenize(input)
            .iter()
            .map(|t| format!("{}:{}", kind_name(t.kind), t.text(input)))
            .collect();
        let want: Vec<String> = want.split(" | ").map(str::to_string).collect();
        assert_eq!(got, want, "tokens of {input:?}");
        n += 1;
    }
    assert!(n >= 30);
}

const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// Move the tone of an open `oa`/`oe`/`uy` syllable to the other vowel of the
/// pair ("hòa" <-> "hoà"); None when the syllable has no such choice.
fn restyle(syl: &str) -> Option<String> {
    let d: Vec<char> = syl.nfd().collect();
    let tone = d.iter().copied().find(|c| TONES.contains(c))?;
    let base: Vec<char> = d.iter().copied().filter(|c| !TONES.contains(c)).collect();
    let base_s: String = base.iter().collect();
    let lower = base_s.to_lowercase();
    let pair_end = ["oa", "oe", "uy"].iter().any(|p| lower.ends_with(p));
    if !pair_end || (lower.starts_with("qu") && lower.ends_with("uy")) || base.len() < 2 {
        return None;
    }
    // Where is the tone now: after which base char (index into base)?
    let idx = d
        .iter()
        .take_while(|c| !TONES.contains(c))
        .count()
        .checked_sub(1)?;
    let first = base.len() - 2;
    let target = if idx == first { first + 1 } else { first };
    let mut out = String::new();
    for (k, c) in base.iter().enumerate() {
        out.push(*c);
        if k == target {
            out.push(tone);
        }
    }
    Some(out.nfc().collect())
}

fn toneless(s: &str) -> String {
    s.nfd()
        .filter(|c| !TONES.contains(c))
        .nfc()
        .collect::<String>()
        .to_lowercase()
}

#[test]
fn key_over_every_lexicon_syllable() {
    let lexicon = include_str!("../data/Viet74K.txt");
    let syllables: HashSet<&str> = lexicon
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter(|s| !s.is_empty() && s.chars().all(char::is_alphabetic))
        .collect();
    assert!(syllables.len() > 5000, "{}", syllables.len());
    let mut variants = 0;
    let mut by_key: HashMap<String, HashSet<String>> = HashMap::new();
    for s in &syllables {
        let key = fold_key(s);
        // NFD and upper case give the same key.
        assert_eq!(fold_key(&s.nfd().collect::<String>()), key, "{s}");
        assert_eq!(fold_key(&s.to_uppercase()), key, "{s}");
        if let Some(other) = restyle(s) {
            assert_eq!(fold_key(&other), key, "{s} vs {other}");
            variants += 1;
        }
        by_key
            .entry(key)
            .or_default()
            .insert(toneless(s).replacen("qui", "quy", 1));
    }
    assert!(variants > 100, "placement variants tested: {variants}");
    // Syllables sharing a key differ only in tone placement (and qui/quy).
    for (key, bases) in by_key {
        assert_eq!(bases.len(), 1, "{key} covers different syllables {bases:?}");
    }
    // Closed syllables and qu-/gi- onsets keep their own keys.
    assert_ne!(fold_key("hoàn"), fold_key("hoà"));
    assert_ne!(fold_key("thuyền"), fold_key("thuyên"));
    assert_eq!(fold_key("quý"), fold_key("quí"));
    assert_ne!(fold_key("quý"), fold_key("quỳ"));
}

fn vietnamese_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Bộ",
        "Chính",
        "trị",
        "hoà",
        "hòa",
        "Uỷ",
        "ủy",
        "Ð",
        "quí",
        " ",
        "  ",
        "\n",
        "\n\n",
        ".",
        ",",
        "…",
        "./.",
        "“",
        "”",
        "\"",
        "15-4-2021",
        "2/7",
        "904-QĐ/TU",
        "03/2019/NĐ-CP",
        "23,4%",
        "2020 – 2025",
        "UBND",
        "KT-XH",
        "khóa",
        "XV",
        "TP.",
        "HCM",
        "e\u{301}",
        "a\u{0300}\u{0323}",
        "\u{0301}",
        "\u{200B}",
        "\u{00A0}",
        "\u{FEFF}",
        "😀",
        "👨\u{200D}👩",
        "🇻🇳",
        "北京",
        "Москва",
        "<b>",
        "**",
        "-",
        "–",
        "/",
        "1.000",
        "\0",
        "\r\n",
        "https://a.vn/x",
        "a@b.vn",
        "ngày",
        "Nguyễn",
        "Văn",
        "An",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![vietnamese_text(), any::<String>(), "[\\PC\\s]{0,60}"]
}

fn analyzer() -> &'static Analyzer {
    static A: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    A.get_or_init(Analyzer::new)
}

fn check_analysis(input: &str) {
    let a = analyzer().analyze(input);
    let n = input.chars().count();
    assert_eq!(a.stats.chars, n);
    let mut prev_end = 0;
    for s in &a.sentences {
        assert!(s.start < s.end && s.end <= n, "sentence span");
        assert!(s.start >= prev_end, "sentences ordered");
        prev_end = s.end;
        let mut wend = s.start;
        for w in &s.words {
            assert!(
                w.start >= wend && w.start < w.end && w.end <= s.end,
                "word span {w:?} in {s:?}"
            );
            wend = w.end;
        }
    }
    for e in &a.entities {
        assert!(e.start < e.end && e.end <= n, "entity span");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn tokens_cover_text(s in any_text()) {
        let norm = Normalized::new(&s);
        let t = &norm.text;
        let toks = tokenize(t);
        let mut rebuilt = String::new();
        let mut pos = 0;
        for tok in &toks {
            prop_assert!(tok.start() >= pos && tok.start() < tok.end() && tok.end() <= t.len());
            prop_assert!(t.is_char_boundary(tok.start()) && t.is_char_boundary(tok.end()));
            let gap = &t[pos..tok.start()];
            prop_assert!(gap.chars().all(char::is_whitespace), "gap {:?}", gap);
            rebuilt.push_str(gap);
            rebuilt.push_str(tok.text(t));
            pos = tok.end();
        }
        prop_assert!(t[pos..].chars().all(char::is_whitespace));
        rebuilt.push_str(&t[pos..]);
        prop_assert_eq!(&rebuilt, t);
    }

    #[test]
    fn normalization_idempotent_and_mapped(s in any_text()) {
        let once = Normalized::new(&s);
        let twice = Normalized::new(&once.text);
        prop_assert_eq!(&twice.text, &once.text);
        let n = s.chars().count();
        prop_assert_eq!(once.input_chars(), n);
        let (a, b) = once.orig_span(0, once.text.len());
        prop_assert!(a <= b && b <= n);
    }

    #[test]
    fn mapper_agrees_with_orig_span(s in any_text(), reps in 1usize..40, back in 0usize..5) {
        // Repeated past the map's anchor spacing, with combining marks and
        // dropped characters between the copies.
        let long = vec![s.as_str(); reps].join("\u{200B}a\u{0301} ");
        let norm = Normalized::new(&long);
        let t = &norm.text;
        let bounds: Vec<usize> = (0..=t.len()).filter(|&k| t.is_char_boundary(k)).collect();
        let mut m = norm.mapper();
        for (k, &a) in bounds.iter().enumerate() {
            let b = bounds[(k + 1).min(bounds.len() - 1)];
            prop_assert_eq!(m.span(a, b), norm.orig_span(a, b));
            // Now and then a step back, as nested spans do.
            let c = bounds[k.saturating_sub(back * 7)];
            prop_assert_eq!(m.span(c, a), norm.orig_span(c, a));
        }
        // Far jumps both ways, as the mentions of one person after another's.
        let mut m = norm.mapper();
        for k in 0..bounds.len().min(200) {
            let far = bounds[(k * 7919 + back * 104_729) % bounds.len()];
            let end = bounds[((k * 7919 + back * 104_729) % bounds.len() + 3).min(bounds.len() - 1)];
            prop_assert_eq!(m.span(far, end), norm.orig_span(far, end));
        }
        // Plain NFC text maps byte offsets to character counts.
        let plain: String = long.chars().filter(|c| c.is_alphanumeric() || *c == ' ').collect::<String>().nfc().collect();
        let pn = Normalized::new(&plain);
        if pn.text == plain {
            for (k, (b, _)) in plain.char_indices().enumerate().step_by(13) {
                prop_assert_eq!(pn.orig_span(b, b).0, k);
            }
        }
    }

    #[test]
    fn analysis_spans_valid(s in any_text()) {
        check_analysis(&s);
    }

    #[test]
    fn nfd_gives_same_analysis(s in vietnamese_text()) {
        let nfc: String = s.nfc().collect();
        let nfd: String = nfc.nfd().collect();
        let an = analyzer();
        let (a, b) = (an.analyze(&nfc), an.analyze(&nfd));
        let words = |x: &soi::Analysis| x.sentences.iter().flat_map(|s| s.words.iter().map(|w| (w.text.clone(), w.kind))).collect::<Vec<_>>();
        prop_assert_eq!(words(&a), words(&b));
        prop_assert_eq!(a.stats.sentences, b.stats.sentences);
        // Offsets point into each input: the text at each span normalizes to the word.
        let nfd_chars: Vec<char> = nfd.chars().collect();
        for w in b.sentences.iter().flat_map(|s| s.words.iter()) {
            let at: String = nfd_chars[w.start..w.end].iter().collect();
            // Invisible characters that normalization drops may sit inside a word.
            let at: String = at
                .chars()
                .filter(|c| !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'))
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
                .nfc()
                .collect();
            prop_assert_eq!(at.split_whitespace().collect::<Vec<_>>().join(" "), w.text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
}
