//! Lexicons for extraction, embedded from `data/extract/` and parsed once.
//! Entries are matched by their [`fold_key`] (case and tone placement folded).

use crate::normalize::fold_key;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A set of multi-word phrases matched on token keys.
#[derive(Debug, Default)]
pub struct Phrases {
    set: HashSet<String>,
    /// Longest entry in words.
    pub max: usize,
}

impl Phrases {
    fn add(&mut self, entry: &str) {
        let k = fold_key(entry);
        self.max = self.max.max(k.split(' ').count());
        self.set.insert(k);
    }

    fn from_lines(text: &str) -> Phrases {
        let mut p = Phrases::default();
        for l in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            p.add(l);
        }
        p
    }

    /// Does the set hold this key?
    pub fn contains(&self, key: &str) -> bool {
        self.set.contains(key)
    }

    /// Longest entry matching the token keys starting at `i`; returns its
    /// length in tokens.
    pub fn longest_at(&self, keys: &[String], i: usize) -> Option<usize> {
        let mut buf = String::new();
        let mut best = None;
        for n in 1..=self.max.min(keys.len().saturating_sub(i)) {
            if n > 1 {
                buf.push(' ');
            }
            buf.push_str(&keys[i + n - 1]);
            if self.set.contains(&buf) {
                best = Some(n);
            }
        }
        best
    }
}

/// All extraction lexicons.
#[derive(Debug)]
pub struct Lexicons {
    /// Military and police ranks.
    pub ranks: Phrases,
    /// Heads of official positions.
    pub titles: Phrases,
    /// Organization heads that need a complement.
    pub org_heads: Phrases,
    /// Organization names complete on their own.
    pub org_complete: Phrases,
    /// Place names.
    pub places: Phrases,
    /// Sector names in ministry and department names ("Giao thông vận tải").
    pub sectors: Phrases,
    /// Surnames (single syllable keys).
    pub surnames: HashSet<String>,
    /// Abbreviation glossary: folded short form -> (long form, is an organization).
    pub abbreviations: HashMap<String, (String, bool)>,
}

/// The lexicons, built on first use.
pub fn get() -> &'static Lexicons {
    static L: OnceLock<Lexicons> = OnceLock::new();
    L.get_or_init(|| {
        let mut org_heads = Phrases::default();
        let mut org_complete = Phrases::default();
        for l in include_str!("../../data/extract/org_heads.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
        {
            if let Some((kind, name)) = l.split_once('\t') {
                if kind == "complete" {
                    org_complete.add(name);
                }
                org_heads.add(name);
            }
        }
        let mut abbreviations = HashMap::new();
        for l in include_str!("../../data/extract/abbreviations.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
        {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() >= 2 {
                abbreviations
                    .entry(fold_key(f[0]))
                    .or_insert((f[1].to_string(), f.get(2) == Some(&"org")));
            }
        }
        Lexicons {
            ranks: Phrases::from_lines(include_str!("../../data/extract/ranks.txt")),
            titles: Phrases::from_lines(include_str!("../../data/extract/titles.txt")),
            org_heads,
            org_complete,
            places: Phrases::from_lines(include_str!("../../data/extract/places.txt")),
            sectors: Phrases::from_lines(include_str!("../../data/extract/sectors.txt")),
            surnames: include_str!("../../data/extract/surnames.txt")
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty() && !l.contains(' '))
                .map(fold_key)
                .collect(),
            abbreviations,
        }
    })
}
