//! # soi — a Vietnamese news-text analyzer
//!
//! soi segments Vietnamese text into sentences, syllables and words, and
//! extracts people (with rank and roles), organizations, places, dates,
//! periods, cited documents, abbreviations and quantities. The same core runs
//! natively (the `soi` CLI) and as WebAssembly in a static web page.
//!
//! The pipeline reads top to bottom, one module per stage:
//! [`normalize`] → [`tokenize`] → [`sentences`] → [`words`] → [`extract`].
//! Stages are pure functions over borrowed text; every span in the result is
//! a code-point offset into the input exactly as given.
//!
//! ```
//! let analyzer = soi::Analyzer::new();
//! let a = analyzer.analyze("Quyết định số 904-QĐ/TU ngày 15-4-2021.");
//! assert_eq!(a.documents[0].number.as_deref(), Some("904-QĐ/TU"));
//! assert_eq!(a.documents[0].date.as_deref(), Some("2021-04-15"));
//! ```
#![deny(missing_docs)]

pub mod analysis;
pub mod blocks;
pub mod extract;
pub mod normalize;
pub mod sentences;
pub mod tokenize;
pub mod words;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use analysis::Analysis;

use analysis::{Sentence, Stats, Word};
use normalize::Normalized;
use std::ops::Range;
use tokenize::{Token, TokenKind};

/// The version of soi.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The longest input [`Analyzer`] takes, in bytes: about 1.4 GB. Offsets
/// inside the pipeline are `u32`, and normalization (NFC) can make a text up
/// to three times longer in UTF-8. The `soi` CLI reports longer inputs as
/// errors; the library methods panic on them.
pub const MAX_INPUT_BYTES: usize = tokenize::MAX_TEXT_BYTES / 3;

/// The analyzer: built once from embedded data, then used for any number of
/// texts. Cheap to share (`&self` everywhere).
#[derive(Debug, Clone)]
pub struct Analyzer {
    segmenter: words::Segmenter,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

/// The shared intermediate result of the first four stages.
struct Pipeline {
    norm: Normalized,
    tokens: Vec<Token>,
    sentences: Vec<Range<usize>>,
    /// Words as token-index ranges over the whole text.
    words: Vec<Range<usize>>,
}

impl Analyzer {
    /// Build an analyzer from the embedded lexicons and model.
    pub fn new() -> Analyzer {
        Analyzer {
            segmenter: words::Segmenter::new(),
        }
    }

    fn run(&self, input: &str) -> Pipeline {
        assert!(
            input.len() <= MAX_INPUT_BYTES,
            "soi: input of {} bytes, at most {MAX_INPUT_BYTES}",
            input.len()
        );
        let norm = Normalized::new(input);
        let tokens = tokenize::tokenize(&norm.text);
        let sentences = sentences::split(&norm.text, &tokens);
        let mut words = Vec::with_capacity(tokens.len());
        for s in &sentences {
            for w in self.segmenter.segment(&norm.text, &tokens[s.clone()]) {
                words.push(w.start + s.start..w.end + s.start);
            }
        }
        Pipeline {
            norm,
            tokens,
            sentences,
            words,
        }
    }

    /// Analyze a text.
    ///
    /// # Panics
    ///
    /// If `input` is longer than [`MAX_INPUT_BYTES`] (so do [`Self::segment`]
    /// and [`Self::sentences`]).
    pub fn analyze(&self, input: &str) -> Analysis {
        let p = self.run(input);
        let text = p.norm.text.as_str();
        let mut out = Analysis {
            schema: analysis::SCHEMA,
            ..Default::default()
        };

        let (blocks, title) = blocks::classify(text);
        out.blocks = blocks;
        out.title = title;

        // Words and sentences get input offsets right away (in text order,
        // so the mapping walks forward); the other spans are mapped at the end.
        let mut map = p.norm.mapper();
        let mut wi = 0;
        for s in &p.sentences {
            // Linear, not a binary search: the words are read next anyway.
            let n = p.words[wi..].iter().take_while(|w| w.start < s.end).count();
            let mut words = Vec::with_capacity(n);
            for w in &p.words[wi..wi + n] {
                let (start, end) = map.span(p.tokens[w.start].start(), p.tokens[w.end - 1].end());
                words.push(Word {
                    text: word_text(text, &p.tokens[w.clone()]),
                    start,
                    end,
                    kind: p.tokens[w.start].kind,
                });
            }
            wi += n;
            let (start, end) = match (words.first(), words.last()) {
                (Some(f), Some(l)) => (f.start, l.end),
                _ => map.span(p.tokens[s.start].start(), p.tokens[s.end - 1].end()),
            };
            out.sentences.push(Sentence { start, end, words });
        }

        let doc = extract::Doc {
            text,
            tokens: &p.tokens,
            sentences: &p.sentences,
            words: &p.words,
        };
        extract::extract(&doc, &mut out);
        drop_chrome(&mut out);

        out.stats = Stats {
            chars: p.norm.input_chars(),
            syllables: p
                .tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Syllable)
                .count(),
            words: p
                .words
                .iter()
                .filter(|w| !matches!(p.tokens[w.start].kind, TokenKind::Punct | TokenKind::Symbol))
                .count(),
            sentences: p.sentences.len(),
        };
        remap_spans(&mut out, &p.norm);
        out
    }

    /// Segment a text into words: each input line becomes one output line,
    /// words separated by single spaces, the syllables of a multi-syllable
    /// word joined by `_`, punctuation as separate tokens. Blank lines are kept.
    pub fn segment(&self, input: &str) -> String {
        let p = self.run(input);
        let text = p.norm.text.as_str();
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        let mut prev_end = 0;
        for w in &p.words {
            let start = p.tokens[w.start].start();
            let newlines = text[prev_end..start].matches('\n').count();
            if newlines > 0 {
                for _ in 0..newlines {
                    out.push('\n');
                }
            } else if prev_end > 0 {
                out.push(' ');
            }
            write_word(&mut out, text, &p.tokens[w.clone()], "_");
            prev_end = p.tokens[w.end - 1].end();
        }
        for _ in 0..text[prev_end..].matches('\n').count() {
            out.push('\n');
        }
        out
    }

    /// Split a text into sentences, returned as code-point spans of the input
    /// together with the sentence text (normalized).
    pub fn sentences(&self, input: &str) -> Vec<(usize, usize, String)> {
        let p = self.run(input);
        p.sentences
            .iter()
            .map(|s| {
                let (a, b) = (p.tokens[s.start].start(), p.tokens[s.end - 1].end());
                let (sa, sb) = p.norm.orig_span(a, b);
                (sa, sb, p.norm.text[a..b].to_string())
            })
            .collect()
    }
}

/// The text of a word made of `tokens`: tokens separated by their original
/// gaps collapsed to `sep` (nothing where they touch).
/// Append the text of a word (its tokens, separated by `sep` where the text
/// has a gap) to `out`.
fn write_word(out: &mut impl std::fmt::Write, text: &str, tokens: &[Token], sep: &str) {
    for (k, t) in tokens.iter().enumerate() {
        if k > 0 && tokens[k - 1].end < t.start {
            let _ = out.write_str(sep);
        }
        let tt = t.text(text);
        if sep == " " || !tt.contains(char::is_whitespace) {
            let _ = out.write_str(tt);
        } else {
            // Tokens with inner spaces ("2020 – 2025") join with the separator too.
            for (i, part) in tt.split_whitespace().enumerate() {
                if i > 0 {
                    let _ = out.write_str(sep);
                }
                let _ = out.write_str(part);
            }
        }
    }
}

/// The text of a word, its syllables separated by single spaces (short
/// words are stored inline, without an allocation).
fn word_text(text: &str, tokens: &[Token]) -> compact_str::CompactString {
    if let [t] = tokens {
        return compact_str::CompactString::new(t.text(text));
    }
    // Usually the tokens are apart by one space or touch: the text as it is.
    let b = text.as_bytes();
    if tokens
        .windows(2)
        .all(|p| p[1].start == p[0].end || (p[1].start == p[0].end + 1 && b[p[0].end()] == b' '))
    {
        if let (Some(f), Some(l)) = (tokens.first(), tokens.last()) {
            return compact_str::CompactString::new(&text[f.start()..l.end()]);
        }
    }
    let mut s = compact_str::CompactString::default();
    write_word(&mut s, text, tokens, " ");
    s
}

/// Remove what extraction found inside page chrome (share widgets, image file
/// names, navigation): those lines are kept in `blocks`, marked, but are not
/// part of the article. Spans are still byte offsets of the normalized text.
fn drop_chrome(a: &mut Analysis) {
    let chrome: Vec<(usize, usize)> = a
        .blocks
        .iter()
        .filter(|b| b.kind == "chrome")
        .map(|b| (b.start, b.end))
        .collect();
    if chrome.is_empty() {
        return;
    }
    // Blocks are in text order and do not overlap: binary search.
    let inside = |s: usize, e: usize| {
        let k = chrome.partition_point(|&(cs, _)| cs <= s);
        k > 0 && e <= chrome[k - 1].1
    };
    a.entities.retain(|x| !inside(x.start, x.end));
    a.dates.retain(|x| !inside(x.start, x.end));
    a.periods.retain(|x| !inside(x.start, x.end));
    a.documents.retain(|x| !inside(x.start, x.end));
    a.quantities.retain(|x| !inside(x.start, x.end));
    for p in &mut a.persons {
        p.mentions.retain(|m| !inside(m[0], m[1]));
    }
    a.persons.retain(|p| !p.mentions.is_empty());
    for n in a.organizations.iter_mut().chain(a.locations.iter_mut()) {
        n.mentions.retain(|m| !inside(m[0], m[1]));
    }
    a.organizations.retain(|n| !n.mentions.is_empty());
    a.locations.retain(|n| !n.mentions.is_empty());
}

/// Map every byte span in `a` (normalized text) but those of sentences and
/// words (mapped as they are made) to code points of the input.
fn remap_spans(a: &mut Analysis, norm: &Normalized) {
    let mut mapper = norm.mapper();
    let mut m = |s: &mut usize, e: &mut usize| {
        let (x, y) = mapper.span(*s, *e);
        *s = x;
        *e = y;
    };
    for b in &mut a.blocks {
        m(&mut b.start, &mut b.end);
    }
    for e in &mut a.entities {
        m(&mut e.start, &mut e.end);
    }
    for p in &mut a.persons {
        for [s, e] in &mut p.mentions {
            m(s, e);
        }
    }
    for n in a.organizations.iter_mut().chain(a.locations.iter_mut()) {
        for [s, e] in &mut n.mentions {
            m(s, e);
        }
    }
    for d in a.dates.iter_mut().chain(a.periods.iter_mut()) {
        m(&mut d.start, &mut d.end);
    }
    for d in &mut a.documents {
        m(&mut d.start, &mut d.end);
    }
    for q in &mut a.quantities {
        m(&mut q.start, &mut q.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_input_code_points() {
        let input = "Ha\u{0300} Nội ngày 2/7.";
        let a = Analyzer::new().analyze(input);
        let chars: Vec<char> = input.chars().collect();
        let d = &a.dates[0];
        assert_eq!(chars[d.start..d.end].iter().collect::<String>(), "ngày 2/7");
        assert_eq!(d.value, "--07-02");
        assert_eq!(a.stats.chars, chars.len());
    }

    #[test]
    fn segment_keeps_lines() {
        let an = Analyzer::new();
        assert_eq!(
            an.segment("hội nghị thành công.\n\nx"),
            "hội_nghị thành_công .\n\nx"
        );
        assert_eq!(an.segment(""), "");
        assert_eq!(an.segment("\n\n"), "\n\n");
    }

    #[test]
    fn chrome_is_not_extracted() {
        let an = Analyzer::new();
        let body = "Ngày 2/7, hội nghị diễn ra.\n";
        let a = an.analyze(&format!("{body}hoi nghi 15-4-2021 anh 1\n"));
        assert_eq!(a.blocks[1].kind, "chrome");
        assert_eq!(a.dates.len(), 1);
    }

    #[test]
    fn empty_input() {
        let a = Analyzer::new().analyze("");
        assert_eq!(a.stats.sentences, 0);
        assert!(a.sentences.is_empty());
        let json = serde_json::to_value(&a).unwrap();
        for key in [
            "schema",
            "stats",
            "sentences",
            "entities",
            "persons",
            "organizations",
            "locations",
            "dates",
            "periods",
            "documents",
            "abbreviations",
            "quantities",
            "blocks",
            "title",
        ] {
            assert!(json.get(key).is_some(), "{key}");
        }
    }
}
