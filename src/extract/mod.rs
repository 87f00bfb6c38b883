//! Stage 5: fact extraction.
//!
//! Works on the normalized text, its tokens, sentences and words, and fills
//! the document-level lists of an [`Analysis`] with byte spans into the
//! normalized text. One module per kind of fact.

/// The vocabulary id of a keyword, a constant. The word must be listed in
/// [`lexicons::KEYWORDS`] (or the crate does not compile).
macro_rules! kw {
    ($w:literal) => {{
        const ID: $crate::extract::lexicons::Id = $crate::extract::lexicons::keyword_id($w);
        ID
    }};
}

pub mod abbreviations;
pub mod dates;
pub mod documents;
pub mod lexicons;
pub mod people;
pub mod quantities;

pub use people::token_value;

use crate::analysis::{Analysis, Entity, Text};
use crate::tokenize::Token;
use std::ops::Range;

/// Everything extraction reads.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// The normalized text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Sentences as token-index ranges.
    pub sentences: &'a [Range<usize>],
    /// Words as token-index ranges (over the whole text, in order).
    pub words: &'a [Range<u32>],
}

impl<'a> Doc<'a> {
    /// Text of token `i`.
    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// The end (token index) of the sentence holding token `k`, or the
    /// number of tokens when `k` is in none.
    pub fn sentence_end(&self, k: usize) -> usize {
        self.sentence_of(k).map_or(self.tokens.len(), |s| s.end)
    }

    /// The first token of the sentence holding token `k` (`k` itself when
    /// it is in none).
    pub fn sentence_start(&self, k: usize) -> usize {
        self.sentence_of(k).map_or(k, |s| s.start)
    }

    /// The sentence (token range) holding token `k`.
    fn sentence_of(&self, k: usize) -> Option<&'a Range<usize>> {
        let s = self.sentences.partition_point(|s| s.end <= k);
        self.sentences.get(s).filter(|s| s.start <= k)
    }

    /// Text from the start of token `a` to the end of token `b - 1`.
    pub fn span_text(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.tokens[a].start()..self.tokens[b - 1].end()]
    }

    /// Where a body's abbreviation in brackets stands inside tokens `a..b`
    /// ("Ủy ban nhân dân (UBND) thành phố Hà Nội"): the "(" token.
    pub fn inner_abbreviation(&self, a: usize, b: usize) -> Option<usize> {
        use crate::tokenize::TokenKind;
        let punct = |k: usize, c: u8| {
            self.tokens[k].kind == TokenKind::Punct
                && self.text.as_bytes()[self.tokens[k].start()] == c
        };
        (a + 1..b.saturating_sub(3)).find(|&k| {
            punct(k, b'(') && self.tokens[k + 1].kind == TokenKind::Abbrev && punct(k + 2, b')')
        })
    }

    /// The name over tokens `a..b` as a list gives it: the span's text, but
    /// without a body's abbreviation in brackets inside it ("Ủy ban nhân
    /// dân thành phố Hà Nội").
    pub fn name_text(&self, a: usize, b: usize) -> std::borrow::Cow<'a, str> {
        self.name_text_without(a, b, self.inner_abbreviation(a, b))
    }

    /// [`Doc::name_text`] given the [`Doc::inner_abbreviation`] of `a..b`.
    pub fn name_text_without(
        &self,
        a: usize,
        b: usize,
        inner: Option<usize>,
    ) -> std::borrow::Cow<'a, str> {
        match inner {
            None => self.span_text(a, b).into(),
            Some(k) => format!("{} {}", self.span_text(a, k), self.span_text(k + 3, b)).into(),
        }
    }

    /// An entity over tokens `a..b`.
    pub fn entity(&self, kind: &'static str, a: usize, b: usize, value: Option<Text>) -> Entity {
        Entity {
            kind,
            text: self.span_text(a, b).into(),
            start: self.tokens[a].start(),
            end: self.tokens[b - 1].end(),
            value,
        }
    }
}

/// Run every extractor over `doc`, adding to `out`.
pub fn extract(doc: &Doc, values: Vec<u32>, out: &mut Analysis) {
    let cx = people::Ctx::new(doc, values);
    people::extract(&cx, out);
    dates::extract(&cx, out);
    documents::extract(&cx, out);
    abbreviations::extract(&cx, out);
    quantities::extract(&cx, out);
    out.entities
        .sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    // Once each: a role given to each person of a list is one span (its
    // copies are next to each other once sorted).
    out.entities
        .dedup_by(|b, a| a.start == b.start && a.end == b.end && a.kind == b.kind);
}
