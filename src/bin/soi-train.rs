//! `soi-train`: rebuild the segmentation lexicon and model.
//!
//! ```text
//! soi-train lexicon --out data/lexicon.bin data/Viet74K.txt data/lexicon-extra.txt
//! soi-train model --lexicon data/lexicon.bin --train TRAIN.conllu [--train ...]
//!                 [--dev DEV.conllu] [--epochs N] [--bits B] [--flags F]
//!                 [--out data/segmodel.bin] [--pred FILE]
//! ```

use soi::words::train::{build_lexicon, evaluate, read_conllu, train, Options};
use soi::words::Segmenter;
use std::process::ExitCode;

const HELP: &str = "\
soi-train — rebuild soi's word segmentation data

USAGE:
    soi-train lexicon --out FILE LIST...
        Compile word lists (one entry per line; entries with commas and single
        syllables are skipped) into the lexicon file.
    soi-train model --lexicon FILE --train CONLLU [--train CONLLU ...]
                    [--dev CONLLU] [--epochs N] [--bits B] [--flags F]
                    [--seed S] [--runs R] [--out FILE] [--pred FILE]
        Train the averaged-perceptron model on CoNLL-U treebanks; print train
        (and dev) word F1 with the metric of ws_eval.py; write the model
        (weights and treebank statistics). --flags sums feature groups
        (1 two-syllable lexicon matches with each syllable, 8 treebank
        statistics, 64 split unscored the gaps no lexicon word covers and
        the treebank never joined, 128 the longest lexicon word covering
        the gap and the word edges inside it, 256 surname and middle-name
        pairs); --seed changes the shuffles; --runs averages the weights of
        R runs with seeds S, S+1, ...; --pred writes the dev segmentation in
        the format of ws_eval.py (syllables joined by _). Defaults:
        --epochs 12 --bits 17 --flags 457 --seed 1 --runs 1
        --out data/segmodel.bin.
    soi-train segment [--model FILE] [--lexicon FILE] TEXTFILE
        Segment each line of TEXTFILE with the model and lexicon files given
        (default: the ones in data/), to compare models.
    soi-train gaps TEXT...
        Print the embedded model's score of each gap between the tokens of
        TEXT (positive: same word).
";

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("soi-train: {path}: {e}");
        std::process::exit(1)
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |name: &str| -> Vec<String> {
        args.windows(2)
            .filter(|w| w[0] == name)
            .map(|w| w[1].clone())
            .collect()
    };
    match args.first().map(String::as_str) {
        Some("lexicon") => {
            let Some(out) = get("--out").pop() else {
                eprint!("{HELP}");
                return ExitCode::from(2);
            };
            let lists: Vec<String> = args[1..]
                .iter()
                .enumerate()
                .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[*i] != "--out"))
                .map(|(_, a)| read(a))
                .collect();
            let refs: Vec<&str> = lists.iter().map(String::as_str).collect();
            let bytes = build_lexicon(&refs);
            std::fs::write(&out, &bytes).expect("write lexicon");
            let entries = soi::words::model::Lexicon::from_bytes(&bytes).map_or(0, |l| l.len());
            println!("{out}: {entries} entries, {} bytes", bytes.len());
            ExitCode::SUCCESS
        }
        Some("model") => {
            let lexicon_path = get("--lexicon")
                .pop()
                .unwrap_or_else(|| "data/lexicon.bin".into());
            let lexicon: &'static [u8] = Box::leak(
                std::fs::read(&lexicon_path)
                    .expect("read lexicon")
                    .into_boxed_slice(),
            );
            let mut sents = Vec::new();
            for t in get("--train") {
                sents.extend(read_conllu(&read(&t)));
            }
            if sents.is_empty() {
                eprint!("{HELP}");
                return ExitCode::from(2);
            }
            let num = |name: &str, def: u32| -> u32 {
                get(name)
                    .pop()
                    .map(|v| {
                        v.parse().unwrap_or_else(|_| {
                            eprintln!("soi-train: {name}: not a number: {v}");
                            std::process::exit(2)
                        })
                    })
                    .unwrap_or(def)
            };
            let d = Options::default();
            let opt = Options {
                bits: num("--bits", d.bits),
                epochs: num("--epochs", d.epochs as u32) as usize,
                flags: num("--flags", d.flags),
                seed: num("--seed", d.seed as u32) as u64,
                runs: num("--runs", d.runs as u32) as usize,
            };
            let out = get("--out")
                .pop()
                .unwrap_or_else(|| "data/segmodel.bin".into());
            let model = train(&sents, lexicon, &opt, |m| eprintln!("{m}"));
            let model: &'static [u8] = Box::leak(model.into_boxed_slice());
            let seg = Segmenter::from_bytes(model, lexicon).expect("trained model loads");
            let (p, r, f) = evaluate(&seg, &sents);
            println!("train  P {p:.4}  R {r:.4}  F1 {f:.4}");
            for d in get("--dev") {
                let dev = read_conllu(&read(&d));
                let (p, r, f) = evaluate(&seg, &dev);
                println!("dev    P {p:.4}  R {r:.4}  F1 {f:.4}  ({d})");
                if let Some(path) = get("--pred").pop() {
                    std::fs::write(&path, soi::words::train::predict(&seg, &dev))
                        .expect("write predictions");
                }
            }
            std::fs::write(&out, model).expect("write model");
            println!("{out}: {} bytes", model.len());
            ExitCode::SUCCESS
        }
        Some("segment") => {
            // Segment each line of a file with the model and lexicon given.
            let load = |name: &str, def: &str| -> &'static [u8] {
                let p = get(name).pop().unwrap_or_else(|| def.into());
                Box::leak(std::fs::read(&p).expect("read file").into_boxed_slice())
            };
            let seg = Segmenter::from_bytes(
                load("--model", "data/segmodel.bin"),
                load("--lexicon", "data/lexicon.bin"),
            )
            .expect("valid model and lexicon");
            let Some(file) = args.last().filter(|_| args.len() > 1) else {
                eprint!("{HELP}");
                return ExitCode::from(2);
            };
            for line in read(file).lines() {
                let tokens = soi::tokenize::tokenize(line);
                let words: Vec<String> = seg
                    .segment(line, &tokens)
                    .into_iter()
                    .map(|r| {
                        line[tokens[r.start].start()..tokens[r.end - 1].end()].replace(' ', "_")
                    })
                    .collect();
                println!("{}", words.join(" "));
            }
            ExitCode::SUCCESS
        }
        Some("gaps") => {
            // The score of every gap of the text given (positive: join).
            let seg = Segmenter::new();
            let text = args[1..].join(" ");
            let tokens = soi::tokenize::tokenize(&text);
            for (i, sc) in seg.gap_scores(&text, &tokens).iter().enumerate() {
                println!(
                    "{} | {}\t{sc}",
                    tokens[i].text(&text),
                    tokens[i + 1].text(&text)
                );
            }
            ExitCode::SUCCESS
        }
        _ => {
            print!("{HELP}");
            if args.iter().any(|a| a == "--help" || a == "-h") {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            }
        }
    }
}
