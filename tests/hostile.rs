//! Hostile input: whatever text a user pastes, soi must not panic, must give
//! valid code-point spans, must account for every input character (each one
//! is inside a word, or is whitespace, a control character or an invisible
//! character that normalization drops), and must produce output whose size is
//! bounded by the input's (at most one word per character). Time is not
//! measured here: linearity is shown by the scaling tables of
//! `cargo bench --bench pipeline` (docs/benchmarks.md).
//!
//! `cargo test` runs unoptimized, so the largest cases are scaled down in
//! debug builds ([`big`]); `cargo test --release --test hostile` runs them at
//! full size (10 MB on one line, 500 KB of each rescan-prone pattern).

mod support;

use soi::{Analysis, Analyzer};
use std::sync::OnceLock;
use support::invariants::check_analysis;
use unicode_normalization::UnicodeNormalization;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::new)
}

/// `full` in release builds, `debug` in debug builds (where the pipeline runs
/// about 20 times slower).
fn big(full: usize, debug: usize) -> usize {
    if cfg!(debug_assertions) {
        debug
    } else {
        full
    }
}

/// Run the three entry points on `input` and check their invariants.
fn run(input: &str) -> Analysis {
    run_seg(input).0
}

/// [`run`], also returning the output of `segment`.
fn run_seg(input: &str) -> (Analysis, String) {
    let an = analyzer();
    let a = an.analyze(input);
    check_analysis(input, &a);
    let seg = an.segment(input);
    assert_eq!(
        seg.matches('\n').count(),
        input.matches('\n').count(),
        "segment keeps one output line per input line"
    );
    let n = input.chars().count();
    let sents = an.sentences(input);
    assert_eq!(sents.len(), a.sentences.len());
    for (s, e, text) in &sents {
        assert!(s < e && *e <= n, "sentence span {s}..{e} of {n}");
        assert!(!text.contains('\n'));
    }
    (a, seg)
}

/// The words of an analysis, in order.
fn words(a: &Analysis) -> Vec<&str> {
    a.sentences
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.text.as_str()))
        .collect()
}

/// Each word's input span, NFC-normalized with its whitespace collapsed to
/// single spaces, reads as the word's text: spans land on the right code
/// points, whatever the input's normalization form.
fn assert_spans_read_as_words(input: &str, a: &Analysis) {
    let chars: Vec<char> = input.chars().collect();
    for w in a.sentences.iter().flat_map(|s| &s.words) {
        let span: String = chars[w.start..w.end]
            .iter()
            .collect::<String>()
            .nfc()
            .collect();
        let span = span.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(span, w.text, "span {}..{}", w.start, w.end);
    }
}

#[test]
fn empty_and_whitespace_only() {
    for input in [
        "",
        " ",
        "\n",
        "\n\n\n",
        "\r\n\r\n",
        "\t \t",
        " \u{00A0}\u{2003}\u{3000}\u{202F} ",
        "\u{200B}\u{FEFF}\u{00AD}\u{2060}",
        "\u{2028}\u{2029}\u{0085}",
    ] {
        let a = run(input);
        assert!(a.sentences.is_empty(), "{input:?}");
        assert_eq!(a.stats.words, 0, "{input:?}");
        assert_eq!(a.stats.syllables, 0, "{input:?}");
        assert!(a.entities.is_empty() && a.title.is_none(), "{input:?}");
        assert_eq!(
            analyzer().segment(input),
            "\n".repeat(input.matches('\n').count())
        );
    }
}

#[test]
fn ten_megabytes_on_one_line() {
    let unit = "Ủy ban nhân dân tỉnh họp ngày 2/7, thông qua Nghị quyết số 15-NQ/TW \
                với 23,4% phiếu, ";
    let size = big(10_000_000, 1_000_000);
    let units = size / unit.len() + 1;
    let input = unit.repeat(units);
    assert!(input.len() >= size && !input.contains('\n'));
    let a = run(&input);
    // Ủy ban nhân dân tỉnh họp ngày / thông qua Nghị quyết số / với / phiếu
    assert_eq!(a.stats.syllables, units * 14);
    assert_eq!(a.dates.len(), units);
    // One document, cited `units` times.
    assert_eq!(a.documents.len(), 1);
    let cited = a.entities.iter().filter(|e| e.kind == "document").count();
    assert_eq!(cited, units);
    assert_eq!(a.quantities.len(), units);
    assert_eq!(a.blocks.len(), 1);
}

#[test]
fn two_hundred_thousand_short_lines() {
    let input = "Hà Nội.\nx\n\n".repeat(100_000);
    let (a, seg) = run_seg(&input);
    assert_eq!(a.sentences.len(), 200_000);
    assert_eq!(a.blocks.len(), 200_000);
    assert_eq!(seg.lines().count(), 300_000);
    assert!(
        seg.starts_with("Hà_Nội .\nx\n\nHà_Nội .\n"),
        "{}",
        &seg[..40]
    );
}

#[test]
fn hundred_thousand_letter_word() {
    for letter in ["a", "Ạ", "ư\u{0300}", "x1", "中"] {
        let input = letter.repeat(100_000 / letter.chars().count());
        let a = run(&input);
        assert_eq!(a.stats.sentences, 1, "{letter}");
        assert!(words(&a).len() <= 2, "{letter}: {} words", words(&a).len());
    }
    // The same word inside a sentence, between spaces and punctuation.
    let input = format!("Ông {}, Hà Nội.", "a".repeat(100_000));
    let a = run(&input);
    assert_eq!(words(&a).len(), 5);
}

#[test]
fn nul_and_control_characters() {
    let input = "\0Hà\0Nội\u{1}\u{7}\u{1b}[31mđỏ\u{1b}[0m\u{7f} \u{8}\u{9b}x\u{c}y\r\nz\0";
    let a = run(input);
    // Control characters read as spaces: "Hà\0Nội" is the word "Hà Nội".
    let w = words(&a);
    for must in ["Hà Nội", "x", "y", "z"] {
        assert!(w.contains(&must), "{must} missing from {w:?}");
    }
    assert!(w.iter().any(|w| w.ends_with("đỏ")), "{w:?}");
    run(&"\0".repeat(10_000));
    run(&"\r".repeat(10_000));
    run(&"\u{1}\u{2}\u{3}a\u{1f}".repeat(2_000));
}

#[test]
fn nfd_and_mixed_forms() {
    let nfc = "Hội nghị Ban Chấp hành Đảng bộ tỉnh Thừa Thiên Huế lần thứ XV diễn ra \
               ngày 15-4-2021 tại thành phố Huế; thông qua Quyết định số 904-QĐ/TU.\n\
               Tỷ lệ hộ nghèo giảm còn 2,3%. Ông Nguyễn Văn Thuỷ phát biểu.";
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfd, nfc);
    // Mixed: alternate NFC and NFD words.
    let mixed: String = nfc
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i % 2 == 0 {
                w.nfd().collect()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let base = run(nfc);
    for input in [&nfd, &mixed] {
        let a = run(input);
        assert_eq!(words(&a), words(&base), "same words whatever the form");
        assert_eq!(a.dates.len(), base.dates.len());
        assert_eq!(a.documents.len(), base.documents.len());
        assert_eq!(analyzer().segment(input), analyzer().segment(nfc));
        assert_spans_read_as_words(input, &a);
        // Facts point at the same text in the NFD input.
        let chars: Vec<char> = input.chars().collect();
        for d in &a.documents {
            let s: String = chars[d.start..d.end]
                .iter()
                .collect::<String>()
                .nfc()
                .collect();
            assert_eq!(Some(s.as_str()), d.number.as_deref());
        }
    }
    assert_spans_read_as_words(nfc, &base);
}

#[test]
fn stacked_combining_marks() {
    let zalgo: String = "Hà Nội"
        .chars()
        .flat_map(|c| std::iter::once(c).chain("\u{0301}\u{0323}\u{0302}\u{0300}\u{0303}".chars()))
        .collect();
    for input in [
        zalgo.as_str(),
        &format!("a{}", "\u{0301}".repeat(10_000)),
        &"\u{0301}".repeat(10_000),
        &format!("x {} y", "\u{0323}\u{0302}".repeat(500)),
        "e\u{0301}\u{0301}\u{0301} 1\u{0301} \u{0301}a",
        "\u{0915}\u{093C}\u{0958} \u{0B47}\u{0B3E} \u{1100}\u{1161}\u{11A8}",
    ] {
        let a = run(input);
        assert!(!a.sentences.is_empty());
    }
}

#[test]
fn emoji_sequences_and_flags() {
    let input = "Đội tuyển 🇻🇳 thắng 🇹🇭 2-0 👨\u{200D}👩\u{200D}👧\u{200D}👦 \
                 👍🏽👍🏿 ❤\u{FE0F} 🏳\u{FE0F}\u{200D}🌈 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} \
                 #\u{FE0F}\u{20E3} 1\u{FE0F}\u{20E3} tuyệt!!!🎉🎉🎉";
    let a = run(input);
    let w = words(&a);
    assert!(w.contains(&"thắng"), "{w:?}");
    run(&"👨\u{200D}👩\u{200D}👧".repeat(5_000));
    run(&"🇻🇳".repeat(5_000));
    run(&"\u{200D}".repeat(5_000));
}

#[test]
fn other_scripts_mixed_in() {
    let input = "Thủ tướng gặp Chủ tịch 习近平 tại 北京市 ngày 2/7; đoàn thăm กรุงเทพมหานคร, \
                 القاهرة và Москва-2024 (Путин). Hàn Quốc: 서울특별시. Nhật: 東京都とうきょう. \
                 ViệtНам mixedМосква αβγ שלום हिन्दी";
    let a = run(input);
    assert_spans_read_as_words(input, &a);
    let w = words(&a);
    for must in ["Thủ tướng", "北京市", "กรุงเทพมหานคร", "القاهرة"]
    {
        assert!(
            w.iter().any(|x| x.contains(must)),
            "{must} missing from {w:?}"
        );
    }
    // Right-to-left marks and isolates.
    run("\u{202B}مرحبا\u{202C} \u{2067}Hà Nội\u{2069} \u{200F}x\u{200E}");
}

#[test]
fn html_and_markdown_pasted() {
    let html = r#"<!DOCTYPE html><html><head><style>p{color:red}</style>
<script>var x = "a<b" && 1 < 2; alert('Hà Nội');</script></head>
<body><p class="lead">Ông <b>Nguyễn&nbsp;Văn&#160;An</b> &amp; bà <i>Lê Thị B</i>
dự hội nghị ngày 15-4-2021.</p><br/><a href="https://qdnd.vn/a?b=1&c=2">link</a>
<!-- comment --><img src=x onerror=alert(1)></body></html>"#;
    let a = run(html);
    assert!(words(&a).contains(&"hội nghị"), "{:?}", words(&a));
    let md = "# Tiêu đề bài viết\n\n## Mục 1\n\n* **Ông** _Nguyễn Văn An_\n- [ ] việc\n\
              1. một\n> trích dẫn\n\n```rust\nfn main() {}\n```\n\n| a | b |\n|---|---|\n\
              | 1 | 2 |\n\n[liên kết](https://x.vn/a_(b)) ![ảnh](x.png) `mã` ~~gạch~~ ---\n";
    run(md);
}

#[test]
fn thousands_of_repeated_punctuation() {
    for unit in [
        ".", "!", "?", "…", ",", "-", "—", "\"", "“", "”", "(", ")", "./.", ". ", "! ", "?!", "… ",
        "“”", "()", "*", "#", "%", "/", "\\", "@", ":", "; ", "«»", "'", "`", "_", "~", "=", "+",
        "<>", "&", "|", "^", "$", "¿¡", "、", "。", ".\n",
    ] {
        let input = unit.repeat(5_000);
        let a = run(&input);
        assert!(
            a.stats.words == 0 || unit.trim().chars().any(char::is_alphanumeric),
            "{unit:?} gave {} words",
            a.stats.words
        );
    }
    // Punctuation between words.
    let input = "Hà Nội".to_string() + &"!".repeat(10_000) + " Huế" + &". ".repeat(5_000) + "x";
    run(&input);
}

#[test]
fn ten_thousand_character_codes_and_tokens() {
    let code = format!("904-{}", "QĐ/TU-".repeat(1_700));
    let code = code.trim_end_matches('-');
    assert!(code.chars().count() >= 10_000);
    let input = format!("Theo Quyết định số {code} ngày 15-4-2021 của Tỉnh ủy.");
    let a = run(&input);
    assert_eq!(a.documents.len(), 1);
    assert_eq!(a.documents[0].number.as_deref(), Some(code));
    assert_spans_read_as_words(&input, &a);

    for input in [
        format!("03/2019/{}", "NĐ-CP/".repeat(2_000)),
        format!("UBND{}", "-KT".repeat(4_000)),
        format!("TP.{}", "HCM.".repeat(3_000)),
        format!("https://qdnd.vn/{}", "a/b?c=1&".repeat(1_500)),
        format!("{}@qdnd.vn", "a.b".repeat(3_000)),
        format!("{}.vn", "qdnd.".repeat(2_000)),
        "1".repeat(10_000),
        format!("{}%", "9".repeat(10_000)),
        "1.000".repeat(2_500),
        "1,5".repeat(3_000),
        "2020-".repeat(2_000),
        "15-4-".repeat(2_000),
        "15/4/".repeat(2_000),
        "X".repeat(10_000),
        format!("khóa {}", "XIV".repeat(3_000)),
        format!("Covid{}", "-19".repeat(3_000)),
    ] {
        let a = run(&input);
        assert!(a.stats.words <= 10_000 && !a.sentences.is_empty());
    }
}

/// Patterns where a naive scanner would rescan the rest of the text at each
/// token (dotted labels, e-mail local parts, dashes, slashes). The output
/// stays bounded; before the tokenizer bounded its domain and e-mail scans,
/// "a.a.a…" took 1.2 s for 40 KB (quadratic) and this test did not finish.
#[test]
fn rescan_prone_patterns() {
    for unit in [
        "a.",
        "a-",
        "a/",
        "1/",
        "1-",
        "A.",
        "A-",
        "A/",
        "1.",
        "a.b ",
        "a@",
        ".a",
        "Ă.",
        "ư.",
        "1-QĐ ",
        "www.",
        "http://",
        "số ",
        "ngày ",
        "khóa X ",
        "bị cáo Nguyễn Văn Tấn 13 năm, ",
        "HĐND tỉnh A. Nghị quyết số 1/NQ-HĐND. ",
        "Phòng Cảnh sát hình sự (PC02) Công an tỉnh. PC02 bắt. PC02 bắt. ",
        "Ban Thường vụ công bố Quyết định số 1/QĐ-UB, ",
    ] {
        let input = unit.repeat(big(500_000, 50_000) / unit.len());
        let a = run(&input);
        assert!(a.stats.words <= input.len(), "{unit:?}");
    }
}

/// Bytes that are not UTF-8, given to the CLI in a file and on stdin: each
/// is reported with its input's name and the offset of the first bad byte,
/// nothing panics, and the exit status is 1.
#[test]
fn invalid_utf8_given_to_the_cli() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("hostile-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases: [(&str, &[u8], usize); 7] = [
        ("lone-continuation", b"Vi\xbbt", 2),
        ("ff-byte", b"\xff", 0),
        ("overlong-nul", b"a\xc0\x80b", 1),
        ("surrogate", b"x \xed\xa0\x80", 2),
        ("truncated-at-end", b"Vi\xe1\xbb", 2),
        ("above-u10ffff", b"\xf4\x90\x80\x80", 0),
        ("latin1-text", b"H\xe0 N\xf4i", 1),
    ];
    let mut paths = Vec::new();
    for (name, bytes, _) in &cases {
        let path = dir.join(format!("{name}.txt"));
        std::fs::write(&path, bytes).unwrap();
        paths.push(path);
    }
    // All files in one run per command (each run loads the lexicon).
    for cmd in ["analyze", "segment", "sentences"] {
        let out = Command::new(env!("CARGO_BIN_EXE_soi"))
            .arg(cmd)
            .args(&paths)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {err}");
        assert!(
            !err.contains("panicked") && out.stdout.is_empty(),
            "{cmd}: {err}"
        );
        assert_eq!(err.lines().count(), cases.len(), "{cmd}: {err}");
        for ((name, _, at), line) in cases.iter().zip(err.lines()) {
            assert!(
                line.contains(&format!("{name}.txt")) && line.contains(&format!("byte {at}")),
                "{cmd}: {line}"
            );
        }
    }
    for (name, bytes, _) in &cases[..2] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_soi"))
            .arg("analyze")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(bytes).unwrap();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name} stdin: {err}");
        assert!(err.contains("stdin") && !err.contains("panicked"), "{err}");
    }
}
