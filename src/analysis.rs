//! The analysis result and its JSON contract (`"schema": 1`).
//!
//! Every `start`/`end` is a code-point offset into the input exactly as given
//! (end exclusive). Text fields are NFC. While the pipeline runs, spans hold
//! byte offsets into the normalized text; [`crate::Analyzer::analyze`] maps
//! them to input offsets before returning.

use serde::Serialize;

/// The strings of an analysis: stored inline up to 24 bytes (most names,
/// dates, numbers and units), so that extraction allocates only for the
/// long ones. It derefs to `str` and serializes as a string.
pub type Text = compact_str::CompactString;

/// Version of the JSON contract.
pub const SCHEMA: u32 = 1;

/// Everything soi found in one text.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Analysis {
    /// Version of this contract.
    pub schema: u32,
    /// The headline, when the text starts with one.
    pub title: Option<String>,
    /// Counts.
    pub stats: Stats,
    /// Structural blocks (paragraphs/lines) with their kind.
    pub blocks: Vec<Block>,
    /// Sentences with their words.
    pub sentences: Vec<Sentence>,
    /// Every mention found, for highlighting, ordered by start.
    pub entities: Vec<Entity>,
    /// People, merged over their mentions.
    pub persons: Vec<Person>,
    /// Organizations, merged over mentions.
    pub organizations: Vec<Named>,
    /// Places, merged over mentions.
    pub locations: Vec<Named>,
    /// Calendar dates, months and years.
    pub dates: Vec<Dated>,
    /// Periods: terms of office, stages, date ranges.
    pub periods: Vec<Dated>,
    /// Cited documents.
    pub documents: Vec<Document>,
    /// Abbreviations used in the text.
    pub abbreviations: Vec<Abbreviation>,
    /// Numbers with their unit, and percentages.
    pub quantities: Vec<Quantity>,
}

/// Counts over the whole text.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Stats {
    /// Code points in the input.
    pub chars: usize,
    /// Syllable tokens.
    pub syllables: usize,
    /// Words (after segmentation, punctuation excluded).
    pub words: usize,
    /// Sentences.
    pub sentences: usize,
}

/// A line or paragraph of the text and what it is.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Block {
    /// "title", "lead", "body", "caption", "byline", "source" or "chrome".
    pub kind: &'static str,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

impl Analysis {
    /// The spans of the blocks of one kind ("byline", "chrome", ...).
    pub fn block_spans(&self, kind: &str) -> Vec<(usize, usize)> {
        self.blocks
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| (b.start, b.end))
            .collect()
    }
}

/// A sentence and its words.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Sentence {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The words, punctuation included (kind "punct").
    pub words: Vec<Word>,
}

/// A word: one or more tokens.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Word {
    /// The word as written (NFC), syllables separated by single spaces
    /// (stored inline up to 24 bytes).
    pub text: compact_str::CompactString,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The token kind ("syllable" for words made of syllables).
    pub kind: crate::tokenize::TokenKind,
}

/// A mention of a fact in the text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entity {
    /// "person", "rank", "role", "organization", "location", "date",
    /// "period", "document", "abbreviation" or "quantity".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The text as written (NFC; stored inline up to 24 bytes).
    pub text: compact_str::CompactString,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The normalized value, where there is one (ISO date, number, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Text>,
}

/// A person.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Person {
    /// The bare personal name.
    pub name: Text,
    /// Military or police rank, if stated.
    pub rank: Option<Text>,
    /// Every position attached to the person, each as written.
    pub roles: Vec<Text>,
    /// Spans of the name's mentions.
    pub mentions: Vec<[usize; 2]>,
}

/// An organization or a place.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Named {
    /// The name as written (longest form).
    pub name: Text,
    /// Spans of its mentions.
    pub mentions: Vec<[usize; 2]>,
}

/// A date or a period.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Dated {
    /// The expression as written.
    pub text: Text,
    /// ISO 8601 value: `2021-04-15`, `--07-02`, `2022-08`, `2020/2025`.
    pub value: Text,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

/// A cited document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Document {
    /// Its type: "Quyết định", "Nghị quyết", ...
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    /// Its number as written ("904-QĐ/TU"), if any.
    pub number: Option<Text>,
    /// Its date (ISO 8601), if stated.
    pub date: Option<Text>,
    /// Who issued it, if stated.
    pub issuer: Option<Text>,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

/// An abbreviation and its expansion.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Abbreviation {
    /// The short form ("UBND").
    pub short: Text,
    /// The long form ("Ủy ban nhân dân").
    pub long: Text,
    /// True when the text defines it ("khu vực phòng thủ (KVPT)"); false when
    /// the expansion comes from soi's glossary.
    pub defined_in_text: bool,
}

/// A number with its unit, or a percentage.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Quantity {
    /// As written.
    pub text: Text,
    /// The number (decimal comma read as a decimal point); whole numbers
    /// are written without a fraction (`306`, not `306.0`).
    #[serde(serialize_with = "whole_or_float")]
    pub value: f64,
    /// Unit noun or "%".
    pub unit: Text,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

/// Serialize a whole number below 2^53 as an integer, else as a float.
fn whole_or_float<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}
