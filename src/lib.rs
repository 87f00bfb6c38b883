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
    words: Vec<Range<u32>>,
    /// Where the words of each sentence start in `words`, and (last) the
    /// number of words: sentence `k` has words `sent_words[k]..sent_words[k + 1]`.
    sent_words: Vec<u32>,
    /// Extraction's value of each token ([`extract::token_value`]), when
    /// asked for: looked up with the segmenter's own, once per spelling.
    values: Vec<u32>,
}

impl Pipeline {
    /// Sentence `k` with its words, spans mapped to the input by `map` (which
    /// walks forward: call in text order).
    fn sentence(&self, k: usize, map: &mut normalize::Mapper) -> Sentence {
        let text = self.norm.text.as_str();
        let mut words = Vec::with_capacity(self.word_count(k));
        let (start, end) = self.each_word(k, map, |toks, start, end| {
            words.push(Word {
                text: word_text(text, toks),
                start,
                end,
                kind: toks[0].kind,
            })
        });
        Sentence { start, end, words }
    }

    /// How many words sentence `k` has.
    fn word_count(&self, k: usize) -> usize {
        (self.sent_words[k + 1] - self.sent_words[k]) as usize
    }

    /// Call `f` with the tokens and mapped span of each word of sentence
    /// `k` (spans mapped by `map`, in text order); returns the sentence's
    /// mapped span.
    fn each_word(
        &self,
        k: usize,
        map: &mut normalize::Mapper,
        mut f: impl FnMut(&[Token], usize, usize),
    ) -> (usize, usize) {
        let ws = &self.words[self.sent_words[k] as usize..self.sent_words[k + 1] as usize];
        let mut span: Option<(usize, usize)> = None;
        for w in ws {
            let toks = &self.tokens[w.start as usize..w.end as usize];
            let (start, end) = map.span(toks[0].start(), toks[toks.len() - 1].end());
            f(toks, start, end);
            span = Some((span.map_or(start, |s| s.0), end));
        }
        span.unwrap_or_else(|| {
            let s = &self.sentences[k];
            map.span(self.tokens[s.start].start(), self.tokens[s.end - 1].end())
        })
    }
}

/// An analysis whose sentences and words are made only as they are
/// serialized: it serializes exactly as the [`Analysis`] of
/// [`Analyzer::analyze`] does (same JSON), in a fraction of the memory, since
/// the words of the whole text (48 bytes each and their text) never exist at
/// once. Made by [`Analyzer::analyze_lazy`].
pub struct LazyAnalysis {
    p: Pipeline,
    /// Everything but the sentences.
    a: Analysis,
}

impl std::fmt::Debug for LazyAnalysis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyAnalysis")
            .field("stats", &self.a.stats)
            .finish_non_exhaustive()
    }
}

impl LazyAnalysis {
    /// The complete [`Analysis`], sentences and words included.
    pub fn into_analysis(self) -> Analysis {
        let LazyAnalysis { p, mut a } = self;
        let mut map = p.norm.mapper();
        a.sentences = (0..p.sentences.len())
            .map(|k| p.sentence(k, &mut map))
            .collect();
        a
    }

    /// Split the analysis into the lists of facts (its `sentences`,
    /// `blocks` and `entities` are empty) and the sentences with their
    /// words, the blocks and the mentions in flat arrays, which are much
    /// cheaper to hand to JavaScript than a million small objects (the wasm
    /// surface uses them).
    pub fn into_parts(self) -> (Analysis, Packed) {
        let LazyAnalysis { p, mut a } = self;
        let text = p.norm.text.as_str();
        let n = p.words.len();
        let mut out = Packed {
            sentences: Vec::with_capacity(3 * p.sentences.len()),
            spans: Vec::with_capacity(2 * n),
            kinds: Vec::with_capacity(n),
            text_ids: Vec::with_capacity(n),
            ..Packed::default()
        };
        let mut texts = Interner::default();
        let mut scratch = String::new();
        let mut map = p.norm.mapper();
        for k in 0..p.sentences.len() {
            let (start, end) = p.each_word(k, &mut map, |toks, start, end| {
                out.spans.push(start as u32);
                out.spans.push(end as u32);
                out.kinds.push(toks[0].kind as u8);
                let id = if let [t] = toks {
                    texts.token_id(text, t, &mut out.text, &mut out.text_lens)
                } else {
                    scratch.clear();
                    write_word(&mut scratch, text, toks, " ");
                    texts.id(&scratch, &mut out.text, &mut out.text_lens)
                };
                out.text_ids.push(id);
            });
            out.sentences
                .extend([start as u32, end as u32, p.word_count(k) as u32]);
        }
        let mut id = |s: &str| texts.id(s, &mut out.text, &mut out.text_lens);
        for b in std::mem::take(&mut a.blocks) {
            out.blocks
                .extend([id(b.kind), b.start as u32, b.end as u32]);
        }
        for e in std::mem::take(&mut a.entities) {
            let value = e.value.as_deref().map_or(Packed::NONE, &mut id);
            out.entities
                .extend([id(e.kind), id(&e.text), e.start as u32, e.end as u32, value]);
        }
        (a, out)
    }
}

/// The sentences, blocks and mentions of an analysis in flat arrays
/// ([`LazyAnalysis::into_parts`]): the same content as
/// [`Analysis::sentences`], [`Analysis::blocks`] and [`Analysis::entities`],
/// as offsets and indices into a table of the distinct strings (a text of a
/// million words has a few tens of thousands of distinct ones, so JavaScript
/// makes a few thousand strings instead of a million).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Packed {
    /// Three numbers per sentence: its start and end offsets and how many
    /// words it has (its words follow those of the sentences before it).
    pub sentences: Vec<u32>,
    /// Two per word: start and end offsets (code points of the input).
    pub spans: Vec<u32>,
    /// One per word: its kind, an index into [`TokenKind::ALL`].
    pub kinds: Vec<u8>,
    /// One per word: the index of its text among the distinct strings.
    pub text_ids: Vec<u32>,
    /// Three per block: the index of its kind among the distinct strings,
    /// its start and its end.
    pub blocks: Vec<u32>,
    /// Five per mention: the indices of its type and its text among the
    /// distinct strings, its start, its end, and the index of its value
    /// ([`Packed::NONE`] when it has none).
    pub entities: Vec<u32>,
    /// One per distinct string: its length in UTF-16 code units (JavaScript
    /// string length).
    pub text_lens: Vec<u32>,
    /// The distinct strings one after another, in order of first use.
    pub text: String,
}

impl Packed {
    /// The index that stands for no string (a mention without a value).
    pub const NONE: u32 = u32::MAX;
}

/// Gives each distinct word text an index, appending new texts to a string
/// (no allocation per word). Texts of at most [`Interner::SHORT`] bytes (most
/// words) are keyed by their bytes in two integers, compared without
/// touching the string; longer ones by their hash, compared as strings.
#[derive(Default)]
struct Interner {
    /// Short texts: their key ([`words::model::cache_key`]) and index + 1
    /// (0 for an empty slot).
    short: Vec<([u64; 2], u32)>,
    /// How many short texts there are.
    shorts: usize,
    /// Longer texts: 0 for empty, else index + 1.
    slots: Vec<u32>,
    /// How many longer texts there are.
    longs: usize,
    /// Byte offset of each text in the string, and the string's end.
    starts: Vec<u32>,
}

impl Interner {
    /// The longest text keyed by its bytes.
    const SHORT: usize = 15;

    /// The index of `word`, appended to `text` (its UTF-16 length to `lens`)
    /// when new.
    fn id(&mut self, word: &str, text: &mut String, lens: &mut Vec<u32>) -> u32 {
        if word.len() <= Self::SHORT {
            let key = words::model::cache_key(word.as_bytes(), 0, word.len());
            self.id_short(key, word, text, lens)
        } else {
            self.id_long(word, text, lens)
        }
    }

    /// [`Interner::id`] of the text of token `t` of `src`.
    #[inline]
    fn token_id(&mut self, src: &str, t: &Token, text: &mut String, lens: &mut Vec<u32>) -> u32 {
        let word = t.text(src);
        if word.len() <= Self::SHORT {
            let key = words::model::cache_key(src.as_bytes(), t.start(), word.len());
            self.id_short(key, word, text, lens)
        } else {
            self.id_long(word, text, lens)
        }
    }

    /// Append a new text; its index.
    fn add(&mut self, word: &str, text: &mut String, lens: &mut Vec<u32>) -> u32 {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        text.push_str(word);
        self.starts.push(text.len() as u32);
        lens.push(word.chars().map(char::len_utf16).sum::<usize>() as u32);
        lens.len() as u32 - 1
    }

    fn id_short(
        &mut self,
        key: [u64; 2],
        word: &str,
        text: &mut String,
        lens: &mut Vec<u32>,
    ) -> u32 {
        if 2 * self.shorts >= self.short.len() {
            let size = (self.short.len() * 2).max(1024);
            let old = std::mem::replace(&mut self.short, vec![([0; 2], 0); size]);
            for (key, slot) in old.into_iter().filter(|s| s.1 != 0) {
                let mut at = short_hash(key) & (size - 1);
                while self.short[at].1 != 0 {
                    at = (at + 1) & (size - 1);
                }
                self.short[at] = (key, slot);
            }
        }
        let mask = self.short.len() - 1;
        let mut at = short_hash(key) & mask;
        loop {
            let (k, slot) = self.short[at];
            if slot == 0 {
                let id = self.add(word, text, lens);
                self.short[at] = (key, id + 1);
                self.shorts += 1;
                return id;
            }
            if k == key {
                return slot - 1;
            }
            at = (at + 1) & mask;
        }
    }

    fn id_long(&mut self, word: &str, text: &mut String, lens: &mut Vec<u32>) -> u32 {
        if 2 * self.longs >= self.slots.len() {
            self.grow(text);
        }
        let mask = self.slots.len() - 1;
        let mut at = hash_str(word) as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                let id = self.add(word, text, lens);
                self.slots[at] = id + 1;
                self.longs += 1;
                return id;
            }
            let id = (slot - 1) as usize;
            if &text.as_bytes()[self.starts[id] as usize..self.starts[id + 1] as usize]
                == word.as_bytes()
            {
                return id as u32;
            }
            at = (at + 1) & mask;
        }
    }

    /// Double the table of longer texts.
    fn grow(&mut self, text: &str) {
        let size = (self.slots.len() * 2).max(64);
        self.slots = vec![0; size];
        for id in 0..self.starts.len().saturating_sub(1) {
            let word = &text[self.starts[id] as usize..self.starts[id + 1] as usize];
            if word.len() <= Self::SHORT {
                continue;
            }
            let mut at = hash_str(word) as usize & (size - 1);
            while self.slots[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            self.slots[at] = id as u32 + 1;
        }
    }
}

/// The slot hash of a short text's key (high bits: the well-mixed ones).
#[inline]
fn short_hash(key: [u64; 2]) -> usize {
    ((key[0] ^ key[1].rotate_left(29)).wrapping_mul(0x517c_c1b7_2722_0a95) >> 32) as usize
}

/// FxHash of a string, eight bytes at a time.
fn hash_str(s: &str) -> u64 {
    let mut h = extract::lexicons::FxHasher::default();
    std::hash::Hasher::write(&mut h, s.as_bytes());
    // The high bits are the well-mixed ones.
    std::hash::Hasher::finish(&h).rotate_left(26)
}

/// The sentences of a [`LazyAnalysis`], made one by one as they are written.
struct LazySentences<'a>(&'a Pipeline);

impl serde::Serialize for LazySentences<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let p = self.0;
        let mut map = p.norm.mapper();
        let mut seq = s.serialize_seq(Some(p.sentences.len()))?;
        for k in 0..p.sentences.len() {
            seq.serialize_element(&p.sentence(k, &mut map))?;
        }
        seq.end()
    }
}

impl serde::Serialize for LazyAnalysis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // The fields of `Analysis`, in its order (a test compares the JSON).
        let a = &self.a;
        let mut st = s.serialize_struct("Analysis", 14)?;
        st.serialize_field("schema", &a.schema)?;
        st.serialize_field("title", &a.title)?;
        st.serialize_field("stats", &a.stats)?;
        st.serialize_field("blocks", &a.blocks)?;
        st.serialize_field("sentences", &LazySentences(&self.p))?;
        st.serialize_field("entities", &a.entities)?;
        st.serialize_field("persons", &a.persons)?;
        st.serialize_field("organizations", &a.organizations)?;
        st.serialize_field("locations", &a.locations)?;
        st.serialize_field("dates", &a.dates)?;
        st.serialize_field("periods", &a.periods)?;
        st.serialize_field("documents", &a.documents)?;
        st.serialize_field("abbreviations", &a.abbreviations)?;
        st.serialize_field("quantities", &a.quantities)?;
        st.end()
    }
}

impl Analyzer {
    /// Build an analyzer from the embedded lexicons and model.
    pub fn new() -> Analyzer {
        Analyzer {
            segmenter: words::Segmenter::new(),
        }
    }

    fn run(&self, input: &str, values: bool) -> Pipeline {
        self.run_normalized(normalized(input), values)
    }

    fn run_normalized(&self, norm: Normalized, values: bool) -> Pipeline {
        let tokens = tokenize::tokenize(&norm.text);
        let sentences = sentences::split(&norm.text, &tokens);
        let mut words = Vec::with_capacity(tokens.len());
        let mut sent_words = Vec::with_capacity(sentences.len() + 1);
        let mut token_values = Vec::with_capacity(if values { tokens.len() } else { 0 });
        for s in &sentences {
            sent_words.push(words.len() as u32);
            let base = s.start as u32;
            let toks = &tokens[s.clone()];
            let ws = if values {
                self.segmenter.segment_with_values(
                    &norm.text,
                    toks,
                    extract::token_value,
                    &mut token_values,
                )
            } else {
                self.segmenter.segment(&norm.text, toks)
            };
            for w in ws {
                words.push(w.start as u32 + base..w.end as u32 + base);
            }
        }
        sent_words.push(words.len() as u32);
        Pipeline {
            norm,
            tokens,
            sentences,
            words,
            sent_words,
            values: token_values,
        }
    }

    /// Analyze a text.
    ///
    /// # Panics
    ///
    /// If `input` is longer than [`MAX_INPUT_BYTES`] (so do [`Self::segment`],
    /// [`Self::sentences`] and [`Self::analyze_lazy`]).
    pub fn analyze(&self, input: &str) -> Analysis {
        self.analyze_lazy(input).into_analysis()
    }

    /// Analyze a text, leaving the sentences and their words to be made as
    /// the result is serialized (or by [`LazyAnalysis::into_analysis`]): for
    /// writing the JSON of a long text, as `soi analyze` does.
    pub fn analyze_lazy(&self, input: &str) -> LazyAnalysis {
        self.analyze_normalized(normalized(input))
    }

    /// [`Self::analyze_lazy`] for an input given by value: it is freed as soon
    /// as it is normalized, so that a long text is not held twice while it
    /// is analyzed (as `soi analyze` does).
    pub fn analyze_lazy_owned(&self, input: String) -> LazyAnalysis {
        let norm = normalized(&input);
        drop(input);
        self.analyze_normalized(norm)
    }

    fn analyze_normalized(&self, norm: Normalized) -> LazyAnalysis {
        let mut p = self.run_normalized(norm, true);
        let text = p.norm.text.as_str();
        let mut out = Analysis {
            schema: analysis::SCHEMA,
            ..Default::default()
        };

        let (blocks, title) = blocks::classify(text);
        out.blocks = blocks;
        out.title = title;

        let doc = extract::Doc {
            text,
            tokens: &p.tokens,
            sentences: &p.sentences,
            words: &p.words,
        };
        extract::extract(&doc, std::mem::take(&mut p.values), &mut out);
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
                .filter(|w| {
                    !matches!(
                        p.tokens[w.start as usize].kind,
                        TokenKind::Punct | TokenKind::Symbol
                    )
                })
                .count(),
            sentences: p.sentences.len(),
        };
        remap_spans(&mut out, &p.norm);
        LazyAnalysis { p, a: out }
    }

    /// Segment a text into words: each input line becomes one output line,
    /// words separated by single spaces, the syllables of a multi-syllable
    /// word joined by `_`, punctuation as separate tokens. Blank lines are kept.
    pub fn segment(&self, input: &str) -> String {
        let p = self.run(input, false);
        let text = p.norm.text.as_str();
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        let mut prev_end = 0;
        for w in &p.words {
            let w = w.start as usize..w.end as usize;
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
        let p = self.run(input, false);
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

/// Normalize an input of at most [`MAX_INPUT_BYTES`].
fn normalized(input: &str) -> Normalized {
    assert!(
        input.len() <= MAX_INPUT_BYTES,
        "soi: input of {} bytes, at most {MAX_INPUT_BYTES}",
        input.len()
    );
    Normalized::new(input)
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
    let chrome = a.block_spans("chrome");
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
    // Blocks and entities are in text order: mapped walking forward.
    let mut mapper = norm.mapper();
    for b in &mut a.blocks {
        (b.start, b.end) = mapper.span(b.start, b.end);
    }
    let mut mapper = norm.mapper();
    // The lists below hold the entities' spans again, in other orders (a
    // person's mentions jump back and forth): looked up among the entities,
    // sorted by (start, longest first), rather than mapped by walking back.
    let spans: Vec<[(usize, usize); 2]> = a
        .entities
        .iter_mut()
        .map(|e| {
            let before = (e.start, e.end);
            (e.start, e.end) = mapper.span(e.start, e.end);
            [before, (e.start, e.end)]
        })
        .collect();
    let mut m = |s: &mut usize, e: &mut usize| {
        let (s0, e0) = (*s, *e);
        let found = spans.binary_search_by(|[(bs, be), _]| bs.cmp(&s0).then(e0.cmp(be)));
        (*s, *e) = match found {
            Ok(k) => spans[k][1],
            Err(_) => mapper.span(*s, *e),
        };
    };
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
    fn lazy_analysis_serializes_as_the_analysis() {
        let an = Analyzer::new();
        for text in [
            "",
            "\n\n",
            "Ha\u{0300} Nội ngày 2/7.\nÔng Nguyễn Văn A, Bí thư Tỉnh ủy, nói: \"Tốt.\"",
            "Quyết định số 904-QĐ/TU ngày 15-4-2021 của UBND tỉnh.\n\u{200B}x \u{301}",
        ] {
            let lazy = serde_json::to_string(&an.analyze_lazy(text)).unwrap();
            assert_eq!(lazy, serde_json::to_string(&an.analyze(text)).unwrap());
            let owned = an.analyze_lazy_owned(text.to_string());
            assert_eq!(serde_json::to_string(&owned).unwrap(), lazy);
            let pretty = serde_json::to_string_pretty(&an.analyze_lazy(text)).unwrap();
            assert_eq!(
                pretty,
                serde_json::to_string_pretty(&an.analyze(text)).unwrap()
            );
        }
    }

    /// A block as (kind, start, end).
    type BlockRow = (String, usize, usize);
    /// A mention as (type, text, start, end, value).
    type EntityRow = (String, String, usize, usize, Option<String>);

    /// Rebuild the sentences, blocks and mentions from [`Packed`], as the
    /// wasm surface does.
    fn unpack(p: &Packed) -> (Vec<Sentence>, Vec<BlockRow>, Vec<EntityRow>) {
        let utf16: Vec<u16> = p.text.encode_utf16().collect();
        let mut texts = Vec::new();
        let mut off = 0;
        for &len in &p.text_lens {
            let len = len as usize;
            texts.push(String::from_utf16(&utf16[off..off + len]).unwrap());
            off += len;
        }
        assert_eq!(off, utf16.len());
        let mut distinct = texts.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), texts.len(), "each text is listed once");
        let mut out = Vec::new();
        let mut w = 0;
        for s in p.sentences.chunks(3) {
            let mut words = Vec::new();
            for _ in 0..s[2] {
                words.push(Word {
                    text: texts[p.text_ids[w] as usize].as_str().into(),
                    start: p.spans[2 * w] as usize,
                    end: p.spans[2 * w + 1] as usize,
                    kind: TokenKind::ALL[p.kinds[w] as usize],
                });
                w += 1;
            }
            out.push(Sentence {
                start: s[0] as usize,
                end: s[1] as usize,
                words,
            });
        }
        assert_eq!(w, p.kinds.len());
        assert_eq!(w, p.text_ids.len());
        let text = |id: u32| texts[id as usize].clone();
        let blocks = p
            .blocks
            .chunks(3)
            .map(|b| (text(b[0]), b[1] as usize, b[2] as usize))
            .collect();
        let entities = p
            .entities
            .chunks(5)
            .map(|e| {
                let value = (e[4] != Packed::NONE).then(|| text(e[4]));
                (text(e[0]), text(e[1]), e[2] as usize, e[3] as usize, value)
            })
            .collect();
        (out, blocks, entities)
    }

    #[test]
    fn packed_parts_hold_the_same_words_blocks_and_mentions() {
        let an = Analyzer::new();
        for text in [
            "",
            " \n\t",
            "Ha\u{0300} Nội   ngày 2/7.\nÔng Nguyễn  Văn\tA, Bí thư Tỉnh ủy, nói: \"Tốt.\"",
            "Quyết định số 904-QĐ/TU ngày 15-4-2021 của UBND tỉnh.\n\u{200B}x \u{301}",
            "Đoàn 👨‍👩‍👧 🇻🇳 đến 𠀀 Hà\nNội, giai đoạn 2020 –  2025, đạt 23,4%.",
            // More distinct texts than the interner's first tables hold,
            // short and long (keyed by bytes and by hash).
            &(0..3000)
                .map(|i| format!("x{i} x{} ", i % 7))
                .collect::<String>(),
            &(0..300)
                .map(|i| format!("abcdefghijklmnop{i} ngàyngàyngày{} ", i % 5))
                .collect::<String>(),
        ] {
            let full = an.analyze(text);
            let (rest, packed) = an.analyze_lazy(text).into_parts();
            assert!(rest.sentences.is_empty());
            assert!(rest.blocks.is_empty());
            assert!(rest.entities.is_empty());
            let (sentences, blocks, entities) = unpack(&packed);
            assert_eq!(sentences, full.sentences, "{text:?}");
            let want: Vec<BlockRow> = full
                .blocks
                .iter()
                .map(|b| (b.kind.to_string(), b.start, b.end))
                .collect();
            assert_eq!(blocks, want);
            let want: Vec<EntityRow> = full
                .entities
                .iter()
                .map(|e| {
                    let text = e.text.to_string();
                    (
                        e.kind.to_string(),
                        text,
                        e.start,
                        e.end,
                        e.value.as_ref().map(|v| v.to_string()),
                    )
                })
                .collect();
            assert_eq!(entities, want);
            assert!(!text.contains("Quyết định") || !entities.is_empty());
            let mut rest = rest;
            rest.sentences = full.sentences.clone();
            rest.blocks = full.blocks.clone();
            rest.entities = full.entities.clone();
            assert_eq!(rest, full);
        }
    }

    #[test]
    fn token_kind_table_matches_the_json_names() {
        for (k, kind) in TokenKind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, k);
            assert_eq!(
                serde_json::to_string(kind).unwrap(),
                format!("\"{}\"", kind.name())
            );
        }
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
