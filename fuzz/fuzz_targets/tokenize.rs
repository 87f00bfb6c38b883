//! Fuzz the text layer: normalization and tokenization of any text must not
//! panic; tokens are non-empty, ordered, on char boundaries and separated by
//! whitespace only, both on the normalized text and on raw (unnormalized)
//! text; normalization maps every byte back inside the input; sentence
//! splitting covers all tokens in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soi::normalize::{fold_key, Normalized};
use soi::tokenize::tokenize;

mod support {
    include!("../../tests/support/invariants.rs");
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let n = input.chars().count();
    let norm = Normalized::new(&input);
    assert_eq!(norm.input_chars(), n);
    let text = norm.text.as_str();
    assert!(text.len() <= input.len() * 3 + 3, "normalization blew up the text");
    let (s, e) = norm.orig_span(0, text.len());
    assert!(s <= e && e <= n);

    for t in [text, &input[..]] {
        let toks = tokenize(t);
        support::check_tokens(t, &toks);
        let sents = soi::sentences::split(t, &toks);
        let mut next = 0;
        for r in &sents {
            assert_eq!(r.start, next, "sentences must cover tokens in order");
            assert!(r.start < r.end, "empty sentence");
            next = r.end;
        }
        assert_eq!(next, toks.len());
    }
    let toks = tokenize(text);
    for tk in &toks {
        let (a, b) = norm.orig_span(tk.start(), tk.end());
        assert!(a <= b && b <= n, "token maps outside the input");
    }
    // fold_key is total too.
    let _ = fold_key(&input);
});
