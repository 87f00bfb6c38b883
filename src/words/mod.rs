//! Stage 4: word segmentation.
//!
//! Groups the tokens of a sentence into words ("Bộ Chính trị" is one word).
//! A trained model ([`model`]) scores every gap between two adjacent tokens;
//! positive means "same word". Only syllables are joined, plus the number
//! patterns the treebank writes spaced ("10 . 000", "1 , 2", "90 %").
//!
//! The weights (`data/segmodel.bin`) and the lexicon (`data/lexicon.bin`) are
//! embedded; [`train`] rebuilds them (see `soi-train --help`).

pub mod model;
pub mod train;

use crate::tokenize::{Token, TokenKind};
use model::{
    flags, gap_features, lex_starts, longest_match, surely_split, tok_infos, Lexicon, TokCache,
    TokInfo, Weights, MAX_FEATS,
};
use std::cell::RefCell;
use std::ops::Range;

static MODEL: &[u8] = include_bytes!("../../data/segmodel.bin");
static LEXICON: &[u8] = include_bytes!("../../data/lexicon.bin");

/// The word segmenter. Cheap to build: it reads the embedded data in place.
#[derive(Debug, Clone, Copy)]
pub struct Segmenter {
    weights: Weights<'static>,
    lexicon: Lexicon<'static>,
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Buffers reused across sentences (per thread).
#[derive(Default)]
struct Scratch {
    infos: Vec<TokInfo>,
    lex: Vec<u8>,
    lm: Vec<u8>,
    cache: TokCache,
}

/// May the gap between `a` and `b` be inside a word at all?
pub fn joinable(text: &str, a: &Token, b: &Token) -> bool {
    use TokenKind::*;
    match (a.kind, b.kind) {
        (Syllable, Syllable) => true,
        (Number, Punct) => matches!(b.text(text), "." | "," | "%"),
        // "TP.", "H.": an abbreviation or initial written with its period.
        (Syllable | Abbrev, Punct) => b.text(text) == "." && a.end == b.start,
        (Punct, Number) => matches!(a.text(text), "." | ","),
        _ => false,
    }
}

impl Segmenter {
    /// Build the segmenter from the embedded model and lexicon.
    pub fn new() -> Segmenter {
        Segmenter::from_bytes(MODEL, LEXICON).expect("the embedded segmentation model is valid")
    }

    /// Build a segmenter from model and lexicon files (see [`model`]).
    pub fn from_bytes(model: &'static [u8], lexicon: &'static [u8]) -> Option<Segmenter> {
        Some(Segmenter {
            weights: Weights::from_bytes(model)?,
            lexicon: Lexicon::from_bytes(lexicon)?,
        })
    }

    /// Are these syllables, together, a word of the segmenter's lexicon
    /// (compared case-folded, tone placement ignored)? Keys are hashed: a
    /// false positive is possible, at a rate of about one in 10^4.
    pub fn in_lexicon(&self, syllables: &[&str]) -> bool {
        thread_local! {
            /// Scratch for folded keys: extraction asks often, a few
            /// syllables at a time, and an allocation would cost more than
            /// the look-up.
            static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        KEY.with_borrow_mut(|key| {
            if let Ok(n @ 0..=4) = u8::try_from(syllables.len()) {
                let mut hashes = [0u64; 4];
                for (h, s) in hashes.iter_mut().zip(syllables) {
                    *h = model::syllable_hash(s, key);
                }
                self.lexicon.contains(&hashes[..n as usize])
            } else {
                let hashes: Vec<u64> = syllables
                    .iter()
                    .map(|s| model::syllable_hash(s, key))
                    .collect();
                self.lexicon.contains(&hashes)
            }
        })
    }

    /// Score of each gap (positive: join), for inspection and training.
    pub fn gap_scores(&self, text: &str, tokens: &[Token]) -> Vec<i32> {
        let mut infos = Vec::new();
        let mut lex = Vec::new();
        let mut lm = Vec::new();
        tok_infos(text, tokens, &self.weights.stats, None, &mut infos, None);
        lex_starts(&self.lexicon, &infos, tokens, &mut lex);
        longest_match(&lex, &mut lm);
        let mut f = [0u64; MAX_FEATS];
        let fl = self.weights.flags;
        (0..tokens.len().saturating_sub(1))
            .map(|i| {
                let m = gap_features(&infos, &lex, &lm, tokens, i, fl, &mut f);
                self.weights.score(&f[..m])
            })
            .collect()
    }

    /// Group the tokens of one sentence into words: token-index ranges
    /// (relative to `tokens`) that cover `0..tokens.len()` in order.
    pub fn segment(&self, text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
        self.segment_impl(text, tokens, None)
    }

    /// [`Segmenter::segment`], and append to `values` the value `f` gives
    /// each token, one per token, kept in the segmenter's per-thread cache
    /// of spellings (see [`model::TokValueFn`]).
    pub fn segment_with_values(
        &self,
        text: &str,
        tokens: &[Token],
        f: model::TokValueFn,
        values: &mut Vec<u32>,
    ) -> Vec<Range<usize>> {
        self.segment_impl(text, tokens, Some((f, values)))
    }

    fn segment_impl(
        &self,
        text: &str,
        tokens: &[Token],
        values: Option<(model::TokValueFn, &mut Vec<u32>)>,
    ) -> Vec<Range<usize>> {
        let mut out = Vec::with_capacity(tokens.len());
        if tokens.is_empty() {
            return out;
        }
        SCRATCH.with(|s| {
            let Scratch {
                infos,
                lex,
                lm,
                cache,
            } = &mut *s.borrow_mut();
            tok_infos(
                text,
                tokens,
                &self.weights.stats,
                Some(cache),
                infos,
                values,
            );
            lex_starts(&self.lexicon, infos, tokens, lex);
            longest_match(lex, lm);
            let mut f = [0u64; MAX_FEATS];
            let fl = self.weights.flags;
            let mut start = 0;
            for i in 0..tokens.len() - 1 {
                // A period that ends the sentence is never part of a word.
                let final_mark = i + 2 == tokens.len() && tokens[i + 1].kind == TokenKind::Punct;
                // Punctuation joins the number after it only inside a number
                // ("10 . 000"): the word must already hold a number before it.
                let inside_number = tokens[i].kind != TokenKind::Punct
                    || (start < i && tokens[i - 1].kind == TokenKind::Number);
                let join = !final_mark
                    && inside_number
                    && joinable(text, &tokens[i], &tokens[i + 1])
                    && (spaced_number(text, tokens, i, start)
                        || initial(text, &tokens[i], &tokens[i + 1])
                        || !(fl & flags::PRUNE != 0 && surely_split(infos, lex, i)) && {
                            let m = gap_features(infos, lex, lm, tokens, i, fl, &mut f);
                            self.weights.score(&f[..m]) > 0
                        });
                if !join {
                    out.push(start..i + 1);
                    start = i + 1;
                }
            }
            out.push(start..tokens.len());
        });
        out
    }
}

/// Is `a` `b` an initial with its period ("K.", "H."; never the sentence's
/// final period, which the caller excludes)?
fn initial(text: &str, a: &Token, b: &Token) -> bool {
    let mut cs = a.text(text).chars();
    a.kind == TokenKind::Syllable
        && a.end == b.start
        && b.text(text) == "."
        && cs.next().is_some_and(char::is_uppercase)
        && cs.next().is_none()
}

/// Is the gap after token `i` inside a number the treebank writes spaced,
/// with the word so far starting at token `start`: thousands groups
/// ("25 . 000", "1 . 250 . 000": a period between a number of at most three
/// digits, or one already grouped, and exactly three digits)? The treebank
/// has too few of them for the model to learn, and they are unambiguous.
/// (A spaced percent sign is left to the model: the treebank mostly splits
/// it.)
fn spaced_number(text: &str, tokens: &[Token], i: usize, start: usize) -> bool {
    use TokenKind::{Number, Punct};
    let digits = |t: &Token| {
        let s = t.text(text);
        t.kind == Number && s.bytes().all(|b| b.is_ascii_digit())
    };
    let (a, b) = (&tokens[i], &tokens[i + 1]);
    match (a.kind, b.kind) {
        (Number, Punct) => {
            let grouped = start < i; // "1 . 250" already joined
            b.text(text) == "."
                && digits(a)
                && (grouped || a.end - a.start <= 3)
                && tokens
                    .get(i + 2)
                    .is_some_and(|c| digits(c) && c.end - c.start == 3)
        }
        (Punct, Number) => {
            a.text(text) == "."
                && start < i
                && digits(&tokens[i - 1])
                && digits(b)
                && b.end - b.start == 3
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn seg(s: &str) -> Vec<String> {
        let toks = tokenize(s);
        Segmenter::new()
            .segment(s, &toks)
            .into_iter()
            .map(|r| s[toks[r.start].start()..toks[r.end - 1].end()].to_string())
            .collect()
    }

    #[test]
    fn words() {
        assert_eq!(seg("hội nghị thành công"), vec!["hội nghị", "thành công"]);
        let w = seg("Bộ Chính trị họp tại Hà Nội");
        assert!(
            w.contains(&"Chính trị".to_string()) || w.contains(&"Bộ Chính trị".to_string()),
            "{w:?}"
        );
        assert!(w.contains(&"Hà Nội".to_string()), "{w:?}");
        assert_eq!(seg("tại TP. HCM hôm nay")[1], "TP.");
    }

    #[test]
    fn lexicon_look_up() {
        let s = Segmenter::new();
        assert!(s.in_lexicon(&["Thống", "kê"]));
        assert!(s.in_lexicon(&["hoà", "bình"]));
        assert!(!s.in_lexicon(&["kê", "tỉnh"]));
    }

    #[test]
    fn covers_everything() {
        for s in [
            "",
            "a",
            "Ông Nguyễn Văn An, 2021.",
            ". , ;",
            "10 . 000 đồng",
        ] {
            let toks = tokenize(s);
            let r = Segmenter::new().segment(s, &toks);
            assert_eq!(
                r.iter().map(|r| r.len()).sum::<usize>(),
                toks.len(),
                "{s:?}"
            );
            for w in r.windows(2) {
                assert_eq!(w[0].end, w[1].start);
            }
        }
    }

    #[test]
    fn never_joins_punctuation_to_words() {
        let s = "Hà Nội, Huế.";
        let toks = tokenize(s);
        for r in Segmenter::new().segment(s, &toks) {
            let kinds: Vec<_> = toks[r].iter().map(|t| t.kind).collect();
            assert!(
                kinds.len() == 1 || kinds.iter().all(|k| *k == TokenKind::Syllable),
                "{kinds:?}"
            );
        }
    }
}
