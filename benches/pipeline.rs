//! Throughput of the pipeline stages, natively, on one core.
//!
//! ```text
//! cargo bench --bench pipeline            # full run (about a minute)
//! cargo bench --bench pipeline -- --quick # shorter timing budget
//! cargo bench --bench pipeline -- --only words,segment  # these stages, corpus only
//! cargo bench --bench pipeline -- --cost   # only the extraction-cost table
//! ```
//!
//! Measures normalize, tokenize, sentence split, words (the segmenter alone,
//! on tokenized sentences), segment (the `segment` command's whole path),
//! analyze_lazy (segmentation, article structure and extraction, the words
//! of the sentences left to be made while writing JSON) and full analyze
//! (with and without JSON serialization) on each sample article
//! and on a corpus of at least 10 MB built by `tools/make_corpus.sh` from the
//! UD Vietnamese-VTB `# text` lines and the samples (built on first use into
//! `target/bench-corpus/`, or taken from `SOI_BENCH_CORPUS=FILE`). Prints
//! MB/s (10^6 bytes of UTF-8 input per second) and syllables/s, then the
//! cost of extraction (analyze_lazy against segment, timed interleaved),
//! then a scaling table for analyze on prefixes of the corpus (1 KB, 100 KB, 1 MB,
//! full) showing time per byte stays flat, and the same for fourteen hostile
//! patterns (100 KB against 10 MB).
//!
//! Without `--bench` (as `cargo test --benches` runs it) it only checks that
//! every measured function runs on the samples, and exits.
//!
//! This is a plain `harness = false` binary rather than criterion: no extra
//! dependency to build for every `cargo test`, and the table it prints is the
//! one docs/benchmarks.md records. Each figure is the median of repeated runs.

use soi::normalize::Normalized;
use soi::tokenize::{tokenize, TokenKind};
use soi::Analyzer;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared() -> PathBuf {
    std::env::var_os("SOI_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"))
}

fn samples() -> Vec<(String, String)> {
    let dir = shared().join("samples");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

fn corpus() -> String {
    let path = match std::env::var_os("SOI_BENCH_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => {
            let p = root().join("target/bench-corpus/corpus.txt");
            if !p.exists() {
                let st = std::process::Command::new("sh")
                    .arg(root().join("tools/make_corpus.sh"))
                    .status()
                    .expect("run tools/make_corpus.sh");
                assert!(st.success(), "tools/make_corpus.sh failed");
            }
            p
        }
    };
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The longest prefix of `s` of at most `n` bytes that ends at a line end
/// (or at a char boundary if there is no line end in it).
fn prefix(s: &str, n: usize) -> &str {
    if n >= s.len() {
        return s;
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    match s[..end].rfind('\n') {
        Some(nl) if nl > 0 => &s[..nl + 1],
        _ => &s[..end],
    }
}

/// Median time of one call of `f`, timed over repeated runs for about
/// `budget` (at least 5 runs; 3 with a zero budget, for the slowest inputs).
fn time<R>(budget: Duration, mut f: impl FnMut() -> R) -> Duration {
    let t0 = Instant::now();
    black_box(f()); // warm-up, also sizes the batches
    let once = t0.elapsed().max(Duration::from_nanos(1));
    // Batch fast calls so that each timed sample lasts at least ~2 ms.
    let batch = (Duration::from_millis(2).as_nanos() / once.as_nanos()).max(1) as u32;
    let min = if budget.is_zero() { 3 } else { 5 };
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < min || (start.elapsed() < budget && samples.len() < 1000) {
        let t = Instant::now();
        for _ in 0..batch {
            black_box(f());
        }
        samples.push(t.elapsed() / batch);
    }
    samples.sort();
    samples[samples.len() / 2]
}

/// Seconds per pass of `segment` and of `analyze_lazy` over `texts` and
/// the ratio of the second to the first: `rounds` pairs of batches (each
/// batch ~10 ms: `segment` over the texts, then `analyze_lazy` over them),
/// the median of each time and the median of the pairs' ratios. A pair is
/// timed within milliseconds, so the machine's drift (±20% here, over
/// seconds) cancels out of its ratio; the median drops the pairs a burst
/// of other load hit.
fn interleaved(an: &Analyzer, texts: &[&str], rounds: usize) -> (f64, f64, f64) {
    let pass = |f: &dyn Fn(&str)| {
        for t in texts {
            f(t);
        }
    };
    let t0 = Instant::now();
    pass(&|t| {
        black_box(an.analyze_lazy(t));
    });
    let once = t0.elapsed().max(Duration::from_nanos(1));
    let batch = (Duration::from_millis(10).as_nanos() / once.as_nanos()).max(1) as u32;
    let (mut ts, mut tl, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        for _ in 0..batch {
            pass(&|t| {
                black_box(an.segment(t));
            });
        }
        let s = t.elapsed().as_secs_f64() / batch as f64;
        let t = Instant::now();
        for _ in 0..batch {
            pass(&|t| {
                black_box(an.analyze_lazy(t));
            });
        }
        let l = t.elapsed().as_secs_f64() / batch as f64;
        ts.push(s);
        tl.push(l);
        ratios.push(l / s);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    (median(&mut ts), median(&mut tl), median(&mut ratios))
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / d.as_secs_f64() / 1e6
}

fn syllables(text: &str) -> usize {
    tokenize(&Normalized::new(text).text)
        .iter()
        .filter(|t| t.kind == TokenKind::Syllable)
        .count()
}

struct Row {
    input: String,
    bytes: usize,
    syllables: usize,
    stage: &'static str,
    t: Duration,
}

fn stages(
    an: &Analyzer,
    name: &str,
    text: &str,
    budget: Duration,
    only: Option<&[&str]>,
    rows: &mut Vec<Row>,
) {
    let norm = Normalized::new(text).text;
    let toks = tokenize(&norm);
    let syl = toks
        .iter()
        .filter(|t| t.kind == TokenKind::Syllable)
        .count();
    let run = |stage: &str| only.is_none_or(|o| o.contains(&stage));
    let mut row = |stage, t| {
        rows.push(Row {
            input: name.to_string(),
            bytes: text.len(),
            syllables: syl,
            stage,
            t,
        })
    };
    if run("normalize") {
        row("normalize", time(budget, || Normalized::new(text)));
    }
    if run("tokenize") {
        row("tokenize", time(budget, || tokenize(&norm)));
    }
    if run("sentences") {
        row(
            "sentences",
            time(budget, || soi::sentences::split(&norm, &toks)),
        );
    }
    // The word segmenter alone, over sentences already tokenized.
    let sents = soi::sentences::split(&norm, &toks);
    let seg = soi::words::Segmenter::new();
    if run("words") {
        row(
            "words",
            time(budget, || {
                sents
                    .iter()
                    .map(|s| seg.segment(&norm, &toks[s.clone()]).len())
                    .sum::<usize>()
            }),
        );
    }
    if run("segment") {
        row("segment", time(budget, || an.segment(text)));
    }
    if run("analyze_lazy") {
        // Everything analyze finds, without making each word of each
        // sentence (done while writing JSON): segmentation plus article
        // structure and extraction, to see what extraction adds.
        row("analyze_lazy", time(budget, || an.analyze_lazy(text)));
    }
    if run("analyze") {
        row("analyze", time(budget, || an.analyze(text)));
    }
    if run("analyze+json") {
        row(
            "analyze+json",
            time(budget, || serde_json::to_string(&an.analyze(text)).unwrap()),
        );
    }
}

fn smoke(an: &Analyzer) {
    for (name, text) in samples() {
        let a = an.analyze(&text);
        assert!(a.stats.syllables > 0, "{name}");
        assert!(!an.segment(&text).is_empty(), "{name}");
        assert!(serde_json::to_string(&a).is_ok());
        assert_eq!(syllables(&text), a.stats.syllables);
    }
    let p = prefix("ab\ncd\nef", 7);
    assert_eq!(p, "ab\ncd\n");
    assert_eq!(prefix("éé", 3), "é");
}

/// The table of what extraction adds to segmentation, per sample and on
/// the corpus (interleaved batches).
fn extraction_cost(an: &Analyzer, corpus: &str, quick: bool) {
    println!("\n## Extraction cost: analyze_lazy ÷ segment, interleaved\n");
    println!("Segmentation alone and segmentation plus extraction timed in");
    println!("pairs of batches a few milliseconds apart; the median time of");
    println!("each and the median of the pairs' ratios (the machine's drift");
    println!("cancels out of a pair's ratio).\n");
    println!("| input | segment | analyze_lazy | added by extraction |");
    println!("|---|---:|---:|---:|");
    let samples = samples();
    let mut inputs: Vec<(String, Vec<&str>)> = samples
        .iter()
        .map(|(name, text)| (name.clone(), vec![text.as_str()]))
        .collect();
    inputs.push((
        "the five samples together".to_string(),
        samples.iter().map(|(_, t)| t.as_str()).collect(),
    ));
    inputs.push(("corpus".to_string(), vec![corpus]));
    for (name, texts) in &inputs {
        let rounds = match (quick, name.as_str()) {
            (true, _) => 7,
            (false, "corpus") => 15,
            (false, _) => 61,
        };
        let (s, l, r) = interleaved(an, texts, rounds);
        println!(
            "| {name} | {:.3} ms | {:.3} ms | +{:.0}% |",
            s * 1e3,
            l * 1e3,
            (r - 1.0) * 100.0
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let an = Analyzer::new();
    if !args.iter().any(|a| a == "--bench") {
        smoke(&an);
        println!("pipeline bench: smoke run ok (run `cargo bench --bench pipeline` to measure)");
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let budget = Duration::from_millis(if quick { 300 } else { 1500 });

    let only_arg = args
        .windows(2)
        .find(|w| w[0] == "--only")
        .map(|w| w[1].clone());
    let only: Option<Vec<&str>> = only_arg.as_deref().map(|o| o.split(',').collect());
    let corpus = corpus();
    if args.iter().any(|a| a == "--cost") {
        extraction_cost(&an, &corpus, quick);
        return;
    }
    let mut rows = Vec::new();
    if only.is_none() {
        for (name, text) in samples() {
            stages(&an, &name, &text, budget, None, &mut rows);
        }
    }
    stages(
        &an,
        "corpus",
        &corpus,
        budget * 4,
        only.as_deref(),
        &mut rows,
    );

    println!("## Throughput (one core)\n");
    println!("| input | bytes | syllables | stage | time | MB/s | syllables/s |");
    println!("|---|---:|---:|---|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {:.3} ms | {:.1} | {:.2} M |",
            r.input,
            r.bytes,
            r.syllables,
            r.stage,
            r.t.as_secs_f64() * 1e3,
            mbps(r.bytes, r.t),
            r.syllables as f64 / r.t.as_secs_f64() / 1e6
        );
    }

    // For tools/wasm_bench.mjs, which prints the WASM/native ratio (also
    // after `--only segment,analyze,analyze_lazy,analyze+json`, so that a ratio can come
    // from two runs a minute apart).
    let corpus_mbps = |stage: &str| {
        rows.iter()
            .find(|r| r.input == "corpus" && r.stage == stage)
            .map(|r| mbps(r.bytes, r.t))
            .unwrap_or(0.0)
    };
    let summary_stages = ["analyze", "segment", "analyze+json"];
    let write_summary = summary_stages.iter().all(|s| corpus_mbps(s) > 0.0);
    if only.is_some() && !write_summary {
        return;
    }
    let summary = format!(
        "{{\"corpus_bytes\": {}, \"analyze_mbps\": {:.3}, \"analyze_lazy_mbps\": {:.3}, \"segment_mbps\": {:.3}, \"analyze_json_mbps\": {:.3}}}\n",
        corpus.len(),
        corpus_mbps("analyze"),
        corpus_mbps("analyze_lazy"),
        corpus_mbps("segment"),
        corpus_mbps("analyze+json")
    );
    let summary_path = root().join("target/bench-corpus/native.json");
    if std::fs::write(&summary_path, summary).is_ok() {
        eprintln!("wrote {}", summary_path.display());
    }
    if only.is_some() {
        return;
    }

    extraction_cost(&an, &corpus, quick);

    println!("\n## Scaling of analyze (prefixes of the corpus)\n");
    println!("| size | bytes | time | ns/byte | MB/s | ns/byte ÷ full corpus's |");
    println!("|---|---:|---:|---:|---:|---:|");
    let sizes: [(&str, usize); 4] = [
        ("1 KB", 1_000),
        ("100 KB", 100_000),
        ("1 MB", 1_000_000),
        ("10 MB", corpus.len()),
    ];
    let mut results = Vec::new();
    for (label, n) in sizes {
        let p = prefix(&corpus, n);
        let t = time(budget * 2, || an.analyze(p));
        results.push((label, p.len(), t));
    }
    let full = results
        .last()
        .map(|r| r.2.as_nanos() as f64 / r.1 as f64)
        .unwrap();
    for (label, bytes, t) in &results {
        let nspb = t.as_nanos() as f64 / *bytes as f64;
        println!(
            "| {label} | {bytes} | {:.3} ms | {:.1} | {:.1} | {:.2} |",
            t.as_secs_f64() * 1e3,
            nspb,
            mbps(*bytes, *t),
            nspb / full
        );
    }

    println!("\n## Scaling of analyze on hostile input (time per byte)\n");
    let big = if quick { 1_000_000 } else { 10_000_000 };
    let big_label = if quick { "1 MB" } else { "10 MB" };
    println!("| pattern | 100 KB ns/byte | {big_label} ns/byte | ratio |");
    println!("|---|---:|---:|---:|");
    let rep = |unit: &str| unit.repeat(big / unit.len() + 1);
    let patterns: [(&str, String); 17] = [
        ("corpus as one line", corpus.replace('\n', " ")),
        ("\"a.\" repeated", rep("a.")),
        ("\"a-\" repeated", rep("a-")),
        ("\"x@\" repeated", rep("x@")),
        ("\"UBND-\" repeated", rep("UBND-")),
        ("one word of \"đ\"", rep("đ")),
        ("one word of \"Ạ\"", rep("Ạ")),
        (
            "1000 \"!\" and 500 \". \"",
            rep(&("!".repeat(1000) + &". ".repeat(500))),
        ),
        ("\"1-QĐ \" repeated", rep("1-QĐ ")),
        ("combining marks", rep("a\u{301}\u{323}")),
        ("emoji ZWJ", rep("👨\u{200D}👩\u{200D}👧 ")),
        ("one char per line", rep("x\n")),
        (
            "a place named again in a list",
            rep("Dịch ở quận Hoàng Mai. Các quận gồm: Đống Đa, Hoàng Mai và Thanh Xuân.\n"),
        ),
        (
            "names followed by numbers",
            rep("Tòa tuyên phạt bị cáo Nguyễn Văn Tấn 13 năm tù, Hội nghị Trung ương 4 khai mạc. "),
        ),
        (
            "council resolutions",
            rep("Kỳ họp HĐND tỉnh Gia Lai. Nghị quyết số 12/NQ-HĐND được thông qua. "),
        ),
        (
            "a defined body's abbreviation used again",
            rep("Phòng Cảnh sát hình sự (PC02) Công an tỉnh cho biết. PC02 bắt 3 đối tượng. "),
        ),
        (
            "documents announced in one long sentence",
            rep("Ban Thường vụ Tỉnh ủy công bố Quyết định số 1187-QĐ/TU, "),
        ),
    ];
    for (label, text) in &patterns {
        let small = prefix(text, 100_000);
        let large = prefix(text, big);
        let ts = time(budget, || an.analyze(small));
        let tl = time(Duration::ZERO, || an.analyze(large));
        let (a, b) = (
            ts.as_nanos() as f64 / small.len() as f64,
            tl.as_nanos() as f64 / large.len() as f64,
        );
        println!("| {label} | {a:.1} | {b:.1} | {:.2} |", b / a);
    }
}
