//! Replays every input the fuzzers ever broke soi with
//! (tests/data/fuzz-regressions/, one raw file each, named after what it
//! caught) through the same checks as the fuzz targets: analyze, segment and
//! sentences must not panic and must keep the invariants of
//! tests/support/invariants.rs.

mod support;

use soi::normalize::Normalized;
use soi::tokenize::tokenize;
use std::path::Path;

fn replay(name: &str, data: &[u8]) {
    let input = String::from_utf8_lossy(data);
    let an = soi::Analyzer::new();
    let a = an.analyze(&input);
    support::invariants::check_analysis(&input, &a);
    assert_eq!(
        an.segment(&input).matches('\n').count(),
        input.matches('\n').count(),
        "{name}: segment must keep one output line per input line"
    );
    let norm = Normalized::new(&input);
    support::invariants::check_tokens(&norm.text, &tokenize(&norm.text));
    support::invariants::check_tokens(&input, &tokenize(&input));
    for (s, e, text) in an.sentences(&input) {
        assert!(s < e && e <= a.stats.chars, "{name}: sentence {s}..{e}");
        assert!(
            !text.contains('\n'),
            "{name}: a sentence holds a line break"
        );
    }
}

#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "md"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    let mut failed = Vec::new();
    for p in &files {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(p).unwrap();
        if let Err(e) = std::panic::catch_unwind(|| replay(&name, &data)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failed.push(format!("{name}: {msg}"));
        }
    }
    assert!(
        failed.is_empty(),
        "failing regression inputs:\n{}",
        failed.join("\n")
    );
}
