//! `soi`: the command-line tool.
//!
//! ```text
//! soi analyze FILE... [--out DIR] [--pretty]
//! soi segment [FILE...]
//! soi sentences [FILE...]
//! ```

use soi::Analyzer;
use std::collections::HashSet;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const HELP: &str = "\
soi — Vietnamese news-text analyzer

USAGE:
    soi analyze [FILE...] [--out DIR] [--pretty]
    soi segment [FILE...]
    soi sentences [FILE...]
    soi --help | --version

COMMANDS:
    analyze     Write one JSON analysis per input (schema 1: sentences, words,
                persons, organizations, locations, dates, periods, documents,
                abbreviations, quantities; offsets are code points of the input).
                Without --out, documents go to stdout, one per line (or
                pretty-printed and separated by a blank line with --pretty).
                With --out DIR, writes DIR/<input name with .txt replaced by
                .json> (stdin is written as DIR/stdin.json).
    segment     Print each input line as words separated by single spaces,
                the syllables of a multi-syllable word joined by '_'
                (Bộ_Chính_trị), punctuation as separate tokens. One output
                line per input line; blank lines are kept.
    sentences   Print one sentence per line.

INPUT:
    FILE arguments are read as UTF-8 text. '-' or no FILE reads standard input.
    A missing file, a directory, bytes that are not UTF-8 or an input over
    1.4 GB are reported on stderr with the input's name; the other inputs are
    still processed, and the exit status is 1 at the end. A closed output pipe ends soi quietly.

OPTIONS:
    --out DIR   (analyze) write one .json file per input into DIR (created if needed)
    --pretty    (analyze) indent the JSON
    -h, --help  print this help
    -V, --version
";

struct Args {
    command: String,
    inputs: Vec<String>,
    out: Option<PathBuf>,
    pretty: bool,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut it = std::env::args().skip(1);
    let mut command = None;
    let mut inputs = Vec::new();
    let mut out = None;
    let mut pretty = false;
    let mut only_files = false;
    while let Some(a) = it.next() {
        if only_files {
            inputs.push(a);
            continue;
        }
        match a.as_str() {
            // Written without print!, which panics on a closed pipe.
            "-h" | "--help" | "help" if command.is_none() || a != "help" => {
                let _ = io::stdout().write_all(HELP.as_bytes());
                return Ok(None);
            }
            "-V" | "--version" => {
                let _ = writeln!(io::stdout(), "soi {}", soi::VERSION);
                return Ok(None);
            }
            "--out" | "-o" => {
                out = Some(PathBuf::from(it.next().ok_or("--out needs a directory")?))
            }
            "--pretty" => pretty = true,
            "--" => only_files = true,
            s if s.starts_with("--") => return Err(format!("unknown option {s} (see soi --help)")),
            _ if command.is_none() => command = Some(a),
            _ => inputs.push(a),
        }
    }
    let command = command.ok_or("no command given (see soi --help)")?;
    if !matches!(command.as_str(), "analyze" | "segment" | "sentences") {
        return Err(format!("unknown command {command:?} (see soi --help)"));
    }
    if out.is_some() && command != "analyze" {
        return Err("--out only applies to analyze".into());
    }
    if inputs.is_empty() {
        inputs.push("-".into());
    }
    Ok(Some(Args {
        command,
        inputs,
        out,
        pretty,
    }))
}

/// Read one input as UTF-8 text.
fn read_input(name: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    if name == "-" {
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("stdin: {e}"))?;
    } else {
        let p = Path::new(name);
        if p.is_dir() {
            return Err(format!("{name}: is a directory"));
        }
        bytes = std::fs::read(p).map_err(|e| format!("{name}: {e}"))?;
    }
    if bytes.len() > soi::MAX_INPUT_BYTES {
        return Err(format!(
            "{}: input of {} bytes is too long (at most {})",
            if name == "-" { "stdin" } else { name },
            bytes.len(),
            soi::MAX_INPUT_BYTES
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!(
            "{}: not valid UTF-8 text (undecodable bytes at byte {at})",
            if name == "-" { "stdin" } else { name }
        )
    })
}

fn out_name(input: &str) -> String {
    if input == "-" {
        return "stdin.json".into();
    }
    let base = Path::new(input)
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "input".into());
    match base.strip_suffix(".txt") {
        Some(stem) => format!("{stem}.json"),
        None => format!("{base}.json"),
    }
}

/// The output file name for `input`, made unique among the names already
/// `used` in this run ("bai.json", then "bai-2.json", ...), so that two inputs
/// with the same file name in different directories both keep their output.
fn unique_out_name(input: &str, used: &mut HashSet<String>) -> String {
    let name = out_name(input);
    let stem = name.strip_suffix(".json").unwrap_or(&name).to_string();
    let mut candidate = name;
    let mut k = 1;
    while !used.insert(candidate.clone()) {
        k += 1;
        candidate = format!("{stem}-{k}.json");
    }
    candidate
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(a)) => a,
        Ok(None) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("soi: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(dir) = &args.out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("soi: cannot create {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    }
    let analyzer = Analyzer::new();
    let stdout = io::stdout();
    let mut w = io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut used_names = HashSet::new();
    let mut printed = false; // a document went to stdout already
    for name in &args.inputs {
        let text = match read_input(name) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("soi: {e}");
                failed = true;
                continue;
            }
        };
        let res: io::Result<()> = match args.command.as_str() {
            "analyze" => {
                // The input is freed once normalized.
                let a = analyzer.analyze_lazy_owned(text);
                // Streamed, not built as one string: the JSON of a 10 MB
                // input is about 100 MB. The words of each sentence are
                // made as it is written.
                let write_json = |out: &mut dyn Write| -> io::Result<()> {
                    if args.pretty {
                        serde_json::to_writer_pretty(&mut *out, &a)
                    } else {
                        serde_json::to_writer(&mut *out, &a)
                    }
                    .map_err(io::Error::from)?;
                    out.write_all(b"\n")
                };
                if let Some(dir) = &args.out {
                    let file = unique_out_name(name, &mut used_names);
                    if file != out_name(name) {
                        eprintln!(
                            "soi: {name}: written as {file} ({} holds an earlier input)",
                            out_name(name)
                        );
                    }
                    let path = dir.join(file);
                    let res = std::fs::File::create(&path).and_then(|f| {
                        let mut f = io::BufWriter::new(f);
                        write_json(&mut f)?;
                        f.flush()
                    });
                    if let Err(e) = res {
                        eprintln!("soi: {}: {e}", path.display());
                        failed = true;
                    }
                    Ok(())
                } else {
                    let sep: &[u8] = if args.pretty && printed { b"\n" } else { b"" };
                    printed = true;
                    w.write_all(sep).and_then(|_| write_json(&mut w))
                }
            }
            "segment" => {
                let s = analyzer.segment(&text);
                w.write_all(s.as_bytes()).and_then(|_| {
                    if s.ends_with('\n') || s.is_empty() {
                        Ok(())
                    } else {
                        w.write_all(b"\n")
                    }
                })
            }
            _ => analyzer
                .sentences(&text)
                .iter()
                .try_for_each(|(_, _, s)| writeln!(w, "{s}")),
        };
        if let Err(e) = res.and_then(|_| w.flush()) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return if failed {
                    ExitCode::FAILURE
                } else {
                    ExitCode::SUCCESS
                };
            }
            eprintln!("soi: writing output: {e}");
            return ExitCode::FAILURE;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
