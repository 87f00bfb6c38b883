// Invariants every analysis must satisfy, whatever the input.
//
// Shared by tests/hostile.rs, tests/fuzz_regressions.rs (as `mod support`)
// and the fuzz targets (fuzz/fuzz_targets/*.rs, through `include!`), so it
// only uses `soi` and `serde_json`. Each check panics with a message naming
// the broken rule.

#[allow(unused_imports)]
use soi::tokenize::Token;

/// Characters normalization may drop without a trace: zero-width space and
/// joiners, word joiner, BOM, soft hyphen.
#[allow(dead_code)]
pub fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// A character that need not belong to any word: whitespace, control
/// characters (read as spaces) and the dropped invisible characters.
#[allow(dead_code)]
pub fn may_be_uncovered(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_dropped(c)
}

/// Check a token list of `text`: in order, non-empty, on char boundaries,
/// inside the text, separated by whitespace only, and covering every other
/// character.
#[allow(dead_code)]
pub fn check_tokens(text: &str, tokens: &[Token]) {
    let mut pos = 0;
    for (i, t) in tokens.iter().enumerate() {
        assert!(t.start() < t.end(), "token {i} {t:?} is empty");
        assert!(t.end() <= text.len(), "token {i} {t:?} ends past the text");
        assert!(
            text.is_char_boundary(t.start()) && text.is_char_boundary(t.end()),
            "token {i} {t:?} is not on char boundaries"
        );
        assert!(
            pos <= t.start(),
            "token {i} {t:?} overlaps the previous one"
        );
        assert!(
            text[pos..t.start()].chars().all(char::is_whitespace),
            "non-whitespace {:?} between tokens before token {i}",
            &text[pos..t.start()]
        );
        pos = t.end();
    }
    assert!(
        text[pos..].chars().all(char::is_whitespace),
        "non-whitespace {:?} after the last token",
        &text[pos..]
    );
    assert!(tokens.len() <= text.chars().count());
}

/// Every `{start, end}` object and every `mentions: [[s, e], ...]` pair in the
/// JSON form of an analysis, as `(path, start, end)`.
#[allow(dead_code)]
pub fn all_spans(v: &serde_json::Value) -> Vec<(String, u64, u64)> {
    fn walk(v: &serde_json::Value, path: &mut String, out: &mut Vec<(String, u64, u64)>) {
        match v {
            serde_json::Value::Object(m) => {
                if let (Some(s), Some(e)) = (m.get("start"), m.get("end")) {
                    let (s, e) = (s.as_u64(), e.as_u64());
                    assert!(s.is_some() && e.is_some(), "{path}: start/end not integers");
                    out.push((path.clone(), s.unwrap(), e.unwrap()));
                }
                for (k, x) in m {
                    let len = path.len();
                    path.push('.');
                    path.push_str(k);
                    if k == "mentions" {
                        for (i, p) in x.as_array().into_iter().flatten().enumerate() {
                            let p = p.as_array().expect("a mention is [start, end]");
                            assert_eq!(p.len(), 2, "{path}[{i}] is not a pair");
                            out.push((
                                format!("{path}[{i}]"),
                                p[0].as_u64().unwrap(),
                                p[1].as_u64().unwrap(),
                            ));
                        }
                    } else {
                        walk(x, path, out);
                    }
                    path.truncate(len);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(x, path, out);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &mut String::new(), &mut out);
    out
}

/// Check an analysis of `input`: valid code-point spans everywhere, sentences
/// and words in order, every visible input character inside a word, at most
/// one word per character. Returns the analysis as JSON (without its
/// sentences when it has more than 200,000 words).
#[allow(dead_code)]
pub fn check_analysis(input: &str, a: &soi::Analysis) -> serde_json::Value {
    let chars: Vec<char> = input.chars().collect();
    let n = chars.len();
    assert_eq!(a.stats.chars, n, "stats.chars");
    assert_eq!(a.stats.sentences, a.sentences.len(), "stats.sentences");

    // Valid spans everywhere: inside the input, start <= end. Large
    // analyses leave their sentences out of the JSON walk (checked below on
    // the struct; the JSON form of a 10 MB input would take gigabytes).
    let nwords: usize = a.sentences.iter().map(|s| s.words.len()).sum();
    let json = if nwords <= 200_000 {
        serde_json::to_value(a).expect("the analysis serializes")
    } else {
        let mut shallow = a.clone();
        shallow.sentences.clear();
        serde_json::to_value(&shallow).expect("the analysis serializes")
    };
    for (path, s, e) in all_spans(&json) {
        assert!(s <= e, "{path}: start {s} > end {e}");
        assert!(
            e as usize <= n,
            "{path}: end {e} past the input ({n} chars)"
        );
    }

    // Sentences in order, not overlapping, none empty, none across a line
    // break; words in order inside their sentence; every character that is
    // not whitespace/control/invisible lies in a word.
    let mut covered = vec![false; n];
    let mut words = 0usize;
    let mut prev_end = 0;
    for (si, s) in a.sentences.iter().enumerate() {
        assert!(s.start < s.end, "sentence {si} is empty");
        assert!(
            s.start >= prev_end,
            "sentence {si} overlaps the previous one"
        );
        assert!(!s.words.is_empty(), "sentence {si} has no words");
        assert!(
            !chars[s.start..s.end].contains(&'\n'),
            "sentence {si} spans a line break"
        );
        prev_end = s.end;
        let mut wp = s.start;
        for (wi, w) in s.words.iter().enumerate() {
            assert!(w.start < w.end, "sentence {si} word {wi} is empty");
            assert!(
                w.start >= wp && w.end <= s.end,
                "sentence {si} word {wi} ({}..{}) out of order or outside {}..{}",
                w.start,
                w.end,
                s.start,
                s.end
            );
            assert!(!w.text.is_empty(), "sentence {si} word {wi} has no text");
            wp = w.end;
            covered[w.start..w.end].iter_mut().for_each(|c| *c = true);
            words += 1;
        }
        assert_eq!(s.words.first().map(|w| w.start), Some(s.start));
        assert_eq!(s.words.last().map(|w| w.end), Some(s.end));
    }
    for (i, &c) in chars.iter().enumerate() {
        assert!(
            covered[i] || may_be_uncovered(c),
            "input char {i} {c:?} (U+{:04X}) is in no word",
            c as u32
        );
    }
    // Linear-size output: at most one word per input character.
    assert!(words <= n, "{words} words for {n} chars");
    assert!(a.stats.words <= words);
    json
}
