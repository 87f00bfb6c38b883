//! Training and evaluation of the segmentation model (used by `soi-train`).
//!
//! Reads CoNLL-U treebanks, runs the real tokenizer over each sentence (its
//! words joined by spaces), labels each gap between tokens "join" when it
//! falls inside a gold word, and trains an averaged perceptron over the
//! hashed features of [`super::model`]. Deterministic: fixed data order and a
//! fixed-seed shuffle. Evaluation uses the metric of `ws_eval.py`: words as
//! character spans of the sentence with spaces removed.

use super::model::flags;
use super::model::{
    gap_features, lex_key, lex_starts, longest_match, pair_key, slot, syl_key, tok_infos, Lexicon,
    Stats, LEXICON_MAGIC, LEX_KEY, MAX_FEATS, MODEL_MAGIC,
};
use super::{joinable, Segmenter};
use crate::normalize::fold_key;
use crate::tokenize::tokenize;
use std::collections::{HashMap, HashSet};

/// One gold sentence: its words (a word may contain spaces).
pub type GoldSentence = Vec<String>;

/// Read the sentences of a CoNLL-U file.
pub fn read_conllu(text: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        cur.push(cols[1].split_whitespace().collect::<Vec<_>>().join(" "));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Build the lexicon file from word lists (one entry per line). Entries with
/// commas (idioms) and single syllables are skipped; keys are folded.
pub fn build_lexicon(lists: &[&str]) -> Vec<u8> {
    // Key -> (word, prefix of a longer word).
    let mut keys: HashMap<u32, (bool, bool)> = HashMap::new();
    for list in lists {
        for line in list.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.contains(',') {
                continue;
            }
            let sylls: Vec<&str> = line.split_whitespace().collect();
            if sylls.len() < 2 || sylls.len() > super::model::MAX_LEX {
                continue;
            }
            let hashes: Vec<u64> = sylls
                .iter()
                .map(|s| super::model::hash_bytes(fold_key(s).as_bytes()))
                .collect();
            keys.entry(lex_key(&hashes)).or_default().0 = true;
            for n in 2..hashes.len() {
                keys.entry(lex_key(&hashes[..n])).or_default().1 = true;
            }
        }
    }
    let mut entries: Vec<u32> = keys
        .into_iter()
        .map(|(k, (w, p))| Lexicon::entry(k, w, p))
        .collect();
    entries.sort_unstable_by_key(|&v| (v & LEX_KEY, v));
    // Two keys equal in their low 30 bits: one slot with both flags.
    entries.dedup_by(|b, a| {
        let same = *a & LEX_KEY == *b & LEX_KEY;
        if same {
            *a |= *b;
        }
        same
    });
    // An open-addressing table at most 60% full (see `Lexicon`); keys are
    // inserted in sorted order, so the file is deterministic.
    let mut bits = 4;
    while 3 * (1usize << bits) < 5 * entries.len() {
        bits += 1;
    }
    let mask = (1usize << bits) - 1;
    let mut table = vec![0u32; 1 << bits];
    for v in entries {
        let mut i = super::model::lex_slot(v & LEX_KEY, bits);
        while table[i] != 0 {
            i = (i + 1) & mask;
        }
        table[i] = v;
    }
    let mut out = LEXICON_MAGIC.to_vec();
    out.extend_from_slice(&bits.to_le_bytes());
    for k in table {
        out.extend_from_slice(&k.to_le_bytes());
    }
    out
}

/// A training example: the features of one gap and whether it joins.
struct Example {
    feats: Vec<u64>,
    join: bool,
}

/// Number of folds of the jackknifed statistics.
const FOLDS: usize = 10;

/// Tokens of a gold sentence and, for each gap, whether it is inside a word.
fn gold_gaps(s: &GoldSentence) -> (String, Vec<crate::tokenize::Token>, Vec<bool>) {
    let text = s.join(" ");
    let mut ends = HashSet::new();
    let mut pos = 0;
    for w in s {
        pos += w.len();
        ends.insert(pos);
        pos += 1;
    }
    let tokens = tokenize(&text);
    let joined = tokens
        .iter()
        .take(tokens.len().saturating_sub(1))
        .map(|t| !ends.contains(&t.end()))
        .collect();
    (text, tokens, joined)
}

/// The statistics table (see [`Stats`]) of gold sentences.
pub fn stats_table<'a>(sents: impl Iterator<Item = &'a GoldSentence>) -> Vec<u8> {
    let mut syl: HashMap<u32, [u32; 4]> = HashMap::new();

    let mut pair: HashMap<u32, [u32; 2]> = HashMap::new();
    let mut infos = Vec::new();
    for s in sents {
        let (text, tokens, joined) = gold_gaps(s);
        tok_infos(&text, &tokens, &Stats::EMPTY, None, &mut infos, None);
        for (i, t) in infos.iter().enumerate() {
            let left = i > 0 && joined[i - 1];
            let right = i < joined.len() && joined[i];
            let e = syl.entry(syl_key(t.hash)).or_default();
            e[0] += 1;
            e[1] += (!left && !right) as u32;
            e[2] += right as u32;
            e[3] += left as u32;
            if i + 1 < infos.len() {
                let e = pair.entry(pair_key(t.hash, infos[i + 1].hash)).or_default();
                e[if right { 0 } else { 1 }] += 1;
            }
        }
    }
    let mut entries: Vec<(u32, u32)> = syl
        .into_iter()
        .map(|(k, v)| (k, Stats::syllable(v[0], v[1], v[2], v[3])))
        .collect();
    entries.extend(pair.into_iter().map(|(k, v)| (k, Stats::pair(v[0], v[1]))));

    Stats::build(entries)
}

fn examples(sents: &[GoldSentence], lexicon: &Lexicon, flags: u32) -> Vec<Example> {
    // Statistics of the other folds for each fold (jackknife), so that the
    // training gaps see them as unseen text would.
    let folds: Vec<Vec<u8>> = (0..FOLDS)
        .map(|k| {
            stats_table(
                sents
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| j % FOLDS != k)
                    .map(|(_, s)| s),
            )
        })
        .collect();
    let mut out = Vec::new();
    let mut infos = Vec::new();
    let mut lex = Vec::new();
    let mut lm = Vec::new();
    let mut f = [0u64; MAX_FEATS];
    for (si, s) in sents.iter().enumerate() {
        let (text, tokens, joined) = gold_gaps(s);
        let stats = Stats::from_bytes(&folds[si % FOLDS])
            .expect("valid statistics")
            .0;
        tok_infos(&text, &tokens, &stats, None, &mut infos, None);
        lex_starts(lexicon, &infos, &tokens, &mut lex);
        longest_match(&lex, &mut lm);
        for i in 0..tokens.len().saturating_sub(1) {
            let final_mark =
                i + 2 == tokens.len() && tokens[i + 1].kind == crate::tokenize::TokenKind::Punct;
            if final_mark || !joinable(&text, &tokens[i], &tokens[i + 1]) {
                continue;
            }
            let m = gap_features(&infos, &lex, &lm, &tokens, i, flags, &mut f);
            out.push(Example {
                feats: f[..m].to_vec(),
                join: joined[i],
            });
        }
    }
    out
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Table size in bits.
    pub bits: u32,
    /// Passes over the data.
    pub epochs: usize,
    /// Feature groups (see [`super::model::flags`]).
    pub flags: u32,
    /// Seed of the shuffles (of the first run; run `k` uses `seed + k`).
    pub seed: u64,
    /// Training runs whose weights are averaged.
    pub runs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bits: 17,
            epochs: 12,
            flags: flags::LEX_SYL | flags::STATS | flags::PRUNE | flags::LEX_WORD | flags::NAMES,
            seed: 1,
            runs: 1,
        }
    }
}

const K_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

/// Train an averaged perceptron; returns the model file.
pub fn train(
    sents: &[GoldSentence],
    lexicon_file: &[u8],
    opt: &Options,
    mut log: impl FnMut(&str),
) -> Vec<u8> {
    let bits = opt.bits;
    let lexicon = Lexicon::from_bytes(lexicon_file).expect("valid lexicon");
    let mut ex = examples(sents, &lexicon, opt.flags);
    log(&format!("{} sentences, {} gaps", sents.len(), ex.len()));
    let size = 1usize << bits;
    // Several runs over differently shuffled data, their averaged weights
    // averaged again (a bagging of orders: steadier than one run).
    let mut avg = vec![0f32; size];
    for run in 0..opt.runs.max(1) {
        let w = train_run(&mut ex, bits, opt.epochs, opt.seed + run as u64, &mut log);
        for (a, x) in avg.iter_mut().zip(w) {
            *a += x;
        }
    }
    let max = avg.iter().fold(0f32, |m, v| m.max(v.abs())).max(1e-6);
    let scale = 32000.0 / max;
    let mut out = MODEL_MAGIC.to_vec();
    out.extend_from_slice(&bits.to_le_bytes());
    out.extend_from_slice(&opt.flags.to_le_bytes());
    for v in avg {
        let q = (v * scale).round().clamp(-32767.0, 32767.0) as i16;
        out.extend_from_slice(&q.to_le_bytes());
    }
    out.extend_from_slice(&stats_table(sents.iter()));
    out
}

/// One averaged-perceptron run over the examples (shuffled each epoch with
/// the given seed); returns the averaged weights.
fn train_run(
    ex: &mut [Example],
    bits: u32,
    epochs: usize,
    seed: u64,
    log: &mut impl FnMut(&str),
) -> Vec<f32> {
    let size = 1usize << bits;
    let mut w = vec![0f32; size];
    let mut acc = vec![0f32; size]; // sum of c * update
    let mut c = 1f32;
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d ^ seed.wrapping_sub(1).wrapping_mul(K_SEED);
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for epoch in 0..epochs {
        // Fisher-Yates with a fixed-seed xorshift: deterministic.
        for i in (1..ex.len()).rev() {
            ex.swap(i, (next() % (i as u64 + 1)) as usize);
        }
        let mut errors = 0;
        for e in ex.iter() {
            let score: f32 = e.feats.iter().map(|&x| w[slot(x, bits)]).sum();
            let pred = score > 0.0;
            if pred != e.join {
                errors += 1;
                let y = if e.join { 1.0 } else { -1.0 };
                for &x in &e.feats {
                    let s = slot(x, bits);
                    w[s] += y;
                    acc[s] += c * y;
                }
            }
            c += 1.0;
        }
        log(&format!(
            "epoch {}: {} errors ({:.2}%)",
            epoch + 1,
            errors,
            100.0 * errors as f64 / ex.len().max(1) as f64
        ));
    }
    w.iter().zip(&acc).map(|(w, a)| w - a / c).collect()
}

/// Word spans (character offsets without spaces), the ws_eval.py metric.
fn spans<'a>(words: impl Iterator<Item = &'a str>) -> HashSet<(usize, usize)> {
    let mut out = HashSet::new();
    let mut pos = 0;
    for w in words {
        let n = w
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_')
            .count();
        out.insert((pos, pos + n));
        pos += n;
    }
    out
}

/// The segmentation of gold sentences in the format of `ws_eval.py`: one line
/// per sentence, words separated by spaces, syllables joined by `_`.
pub fn predict(seg: &Segmenter, sents: &[GoldSentence]) -> String {
    let mut out = String::new();
    for s in sents {
        let text = s.join(" ");
        let tokens = tokenize(&text);
        let words: Vec<String> = seg
            .segment(&text, &tokens)
            .into_iter()
            .map(|r| text[tokens[r.start].start()..tokens[r.end - 1].end()].replace(' ', "_"))
            .collect();
        out.push_str(&words.join(" "));
        out.push('\n');
    }
    out
}

/// Precision, recall, F1 of a segmenter over gold sentences.
pub fn evaluate(seg: &Segmenter, sents: &[GoldSentence]) -> (f64, f64, f64) {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for s in sents {
        let text = s.join(" ");
        let tokens = tokenize(&text);
        let words: Vec<String> = seg
            .segment(&text, &tokens)
            .into_iter()
            .map(|r| text[tokens[r.start].start()..tokens[r.end - 1].end()].to_string())
            .collect();
        let g = spans(s.iter().map(String::as_str));
        let p = spans(words.iter().map(String::as_str));
        tp += g.intersection(&p).count();
        np += p.len();
        ng += g.len();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conllu_and_lexicon() {
        let c = "# text = a\n1\tHà Nội\t_\n2\tđẹp\t_\n\n1\t10 . 000\t_\n";
        let s = read_conllu(c);
        assert_eq!(
            s,
            vec![
                vec!["Hà Nội".to_string(), "đẹp".into()],
                vec!["10 . 000".to_string()]
            ]
        );
        let lex = build_lexicon(&["hà nội\nđẹp\nx, y\nbách khoa toàn thư\n"]);
        let l = Lexicon::from_bytes(&lex).unwrap();
        assert_eq!(l.len(), 2);
        let h = |w: &str| crate::words::model::hash_bytes(fold_key(w).as_bytes());
        assert!(l.contains(&[h("Hà"), h("nội")]));
        assert!(!l.contains(&[h("bách"), h("khoa")]));
        assert!(l.contains(&[h("bách"), h("khoa"), h("toàn"), h("thư")]));
        let k = lex_key(&[h("bách"), h("khoa"), h("toàn")]);
        assert_eq!(l.get(k), super::super::model::LEX_PREFIX);
    }

    #[test]
    fn statistics() {
        let s = read_conllu("1\tHà Nội\t_\n2\tđẹp\t_\n\n1\tHà\t_\n2\tNội\t_\n\n1\tđẹp\t_\n");
        let bytes = stats_table(s.iter());
        let (st, rest) = Stats::from_bytes(&bytes).unwrap();
        assert!(rest.is_empty());
        let h = |w: &str| crate::words::model::hash_bytes(fold_key(w).as_bytes());
        // "hà": twice, once alone, once joined to the next syllable.
        assert_eq!(st.get(syl_key(h("hà"))), Stats::syllable(2, 1, 1, 0));
        assert_eq!(st.get(syl_key(h("đẹp"))), Stats::syllable(2, 2, 0, 0));
        assert_eq!(st.get(pair_key(h("hà"), h("nội"))), Stats::pair(1, 1));
        assert_eq!(st.get(pair_key(h("nội"), h("hà"))), 0);
        assert!(Stats::from_bytes(&bytes[..bytes.len() - 1]).is_none());
    }
}
