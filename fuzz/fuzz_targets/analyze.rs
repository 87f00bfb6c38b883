//! Fuzz the whole pipeline: `analyze`, `segment` and `sentences` on any text
//! must not panic, and the analysis must keep the invariants of
//! tests/support/invariants.rs (valid code-point spans, every visible input
//! character inside a word, at most one word per character); `segment` keeps
//! one output line per input line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

mod support {
    include!("../../tests/support/invariants.rs");
}

fn analyzer() -> &'static soi::Analyzer {
    static A: OnceLock<soi::Analyzer> = OnceLock::new();
    A.get_or_init(soi::Analyzer::new)
}

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 is the CLI's business; here, read what is decodable.
    let input = String::from_utf8_lossy(data);
    let an = analyzer();
    let a = an.analyze(&input);
    support::check_analysis(&input, &a);

    let seg = an.segment(&input);
    assert_eq!(
        seg.matches('\n').count(),
        input.matches('\n').count(),
        "segment must keep one output line per input line"
    );
    let n = input.chars().count();
    for (s, e, text) in an.sentences(&input) {
        assert!(s < e && e <= n, "sentence span {s}..{e} of {n} chars");
        assert!(!text.contains('\n'), "a sentence holds a line break");
    }
});
