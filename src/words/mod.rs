//! Stage 4: word segmentation.
//!
//! Groups the syllable tokens of a sentence into words ("Bộ Chính trị" is one
//! word). This first version does a greedy longest match against the embedded
//! Viet74K lexicon (keys folded with [`fold_key`]) and joins runs of
//! capitalized syllables as names; a trained model replaces it.

use crate::normalize::fold_key;
use crate::tokenize::{Token, TokenKind};
use std::collections::HashSet;
use std::ops::Range;

static LEXICON: &str = include_str!("../../data/Viet74K.txt");

/// Longest word, in syllables, looked up in the lexicon.
const MAX_WORD: usize = 4;

/// The word segmenter.
#[derive(Debug, Clone)]
pub struct Segmenter {
    words: HashSet<String>,
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// Build the segmenter from the embedded lexicon.
    pub fn new() -> Segmenter {
        let words = LEXICON
            .lines()
            .filter(|l| l.contains(' ') && !l.contains(','))
            .map(fold_key)
            .collect();
        Segmenter { words }
    }

    /// Group the tokens of one sentence into words: token-index ranges
    /// (relative to `tokens`) that cover `0..tokens.len()` in order.
    pub fn segment(&self, text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        let n = tokens.len();
        while i < n {
            let mut len = 1;
            if tokens[i].kind == TokenKind::Syllable {
                let mut key = fold_key(tokens[i].text(text));
                for k in 1..MAX_WORD {
                    let j = i + k;
                    if j >= n || tokens[j].kind != TokenKind::Syllable {
                        break;
                    }
                    key.push(' ');
                    key.push_str(&fold_key(tokens[j].text(text)));
                    if self.words.contains(&key) {
                        len = k + 1;
                    }
                }
                // Names: a run of capitalized syllables not at sentence start.
                if len == 1 && i > 0 && is_cap(tokens[i].text(text)) {
                    let mut j = i + 1;
                    while j < n
                        && tokens[j].kind == TokenKind::Syllable
                        && is_cap(tokens[j].text(text))
                    {
                        j += 1;
                    }
                    if j - i >= 2 && j - i <= 4 {
                        len = j - i;
                    }
                }
            }
            out.push(i..i + len);
            i += len;
        }
        out
    }
}

fn is_cap(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
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
            .map(|r| s[toks[r.start].start..toks[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn lexicon_words() {
        assert_eq!(seg("hội nghị thành công"), vec!["hội nghị", "thành công"]);
    }

    #[test]
    fn covers_everything() {
        let s = "Ông Nguyễn Văn An, 2021.";
        let toks = tokenize(s);
        let r = Segmenter::new().segment(s, &toks);
        assert_eq!(r.iter().map(|r| r.len()).sum::<usize>(), toks.len());
        assert!(Segmenter::new().segment("", &[]).is_empty());
    }
}
