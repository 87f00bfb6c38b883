//! The CLI never loses output: with many inputs and some bad ones (missing,
//! a directory, not UTF-8), every good input is still processed, each bad one
//! is reported on stderr by name, and the exit status is non-zero; a closed
//! output pipe ends soi quietly.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const SOI: &str = env!("CARGO_BIN_EXE_soi");

/// A fresh empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Three good inputs around a missing file, a directory and invalid UTF-8.
struct Inputs {
    dir: PathBuf,
    args: Vec<PathBuf>,
}

fn inputs(name: &str) -> Inputs {
    let dir = scratch(name);
    let good = |f: &str, text: &str| {
        let p = dir.join(f);
        std::fs::write(&p, text).unwrap();
        p
    };
    let a = good("a.txt", "Hội nghị thành công.\nNgày 2/7, tỉnh họp.");
    let b = good("b.txt", "Quyết định số 904-QĐ/TU ngày 15-4-2021.");
    let missing = dir.join("missing.txt");
    let subdir = dir.join("sub.txt");
    std::fs::create_dir_all(&subdir).unwrap();
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"Ha\xff\xfe N\xc3\x99i \xe1\xbb").unwrap();
    let c = good("c.md", "Tăng 23,4% so với năm 2020.");
    Inputs {
        args: vec![a, missing, b, subdir, bad, c],
        dir,
    }
}

fn soi(args: &[&str], paths: &[PathBuf]) -> Output {
    Command::new(SOI)
        .args(args)
        .args(paths)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn assert_reports_bad_inputs(out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    for name in ["missing.txt", "sub.txt", "bad.txt"] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("soi: ") && l.contains(name)),
            "{name} not reported: {err}"
        );
    }
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert!(err.contains("is a directory"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.lines().count(), 3, "one line per bad input: {err}");
}

#[test]
fn analyze_to_dir_writes_every_good_input() {
    let inp = inputs("out");
    let out_dir = inp.dir.join("json");
    let out = soi(&["analyze", "--out", out_dir.to_str().unwrap()], &inp.args);
    assert_reports_bad_inputs(&out);
    assert!(out.stdout.is_empty());
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["a.json", "b.json", "c.md.json"]);
    for f in &written {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out_dir.join(f)).unwrap()).unwrap();
        assert_eq!(v["schema"], 1, "{f}");
    }
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("b.json")).unwrap()).unwrap();
    assert_eq!(b["documents"][0]["number"], "904-QĐ/TU");
}

#[test]
fn analyze_to_stdout_prints_every_good_input() {
    let inp = inputs("stdout");
    for pretty in [false, true] {
        let args: &[&str] = if pretty {
            &["analyze", "--pretty"]
        } else {
            &["analyze"]
        };
        let out = soi(args, &inp.args);
        assert_reports_bad_inputs(&out);
        let stdout = String::from_utf8(out.stdout).unwrap();
        let docs: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&stdout)
            .into_iter()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(docs.len(), 3, "{stdout}");
        assert_eq!(docs[1]["documents"][0]["number"], "904-QĐ/TU");
        assert_eq!(docs[2]["quantities"][0]["unit"], "%");
        if !pretty {
            assert_eq!(stdout.lines().count(), 3);
        }
    }
    // A bad first input leaves no stray separator before the first document.
    let out = soi(&["analyze", "--pretty"], &inp.args[1..]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with('{'), "{stdout}");
    assert_eq!(
        stdout.matches("\n\n{").count(),
        1,
        "one blank line between two documents"
    );
}

#[test]
fn segment_and_sentences_process_every_good_input() {
    let inp = inputs("seg");
    let out = soi(&["segment"], &inp.args);
    assert_reports_bad_inputs(&out);
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("Hội_nghị thành_công .\n"), "{s}");
    assert!(s.contains("904-QĐ/TU"), "{s}");
    assert!(s.ends_with("2020 .\n"), "{s}");

    let out = soi(&["sentences"], &inp.args);
    assert_reports_bad_inputs(&out);
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(s.lines().count(), 4, "{s}");
}

#[test]
fn same_file_name_in_two_directories_keeps_both() {
    let dir = scratch("dup");
    for sub in ["x", "y"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("bai.txt"), format!("Bài {sub}.")).unwrap();
    }
    let out_dir = dir.join("json");
    let out = soi(
        &["analyze", "--out", out_dir.to_str().unwrap()],
        &[dir.join("x/bai.txt"), dir.join("y/bai.txt")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut texts = Vec::new();
    for e in std::fs::read_dir(&out_dir).unwrap() {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
        texts.push(
            v["sentences"][0]["words"][1]["text"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    texts.sort();
    assert_eq!(texts, ["x", "y"], "both inputs' analyses are kept");
    // The second name is reported, so that the user can find it.
    assert!(String::from_utf8_lossy(&out.stderr).contains("bai"));
}

#[test]
fn invalid_utf8_on_stdin() {
    let mut child = Command::new(SOI)
        .args(["analyze", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Vi\xe1\xbb\x87t \xc0\x80 Nam")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("stdin") && err.contains("UTF-8"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty());
}

/// Run soi with `args` on a big input, read 10 bytes of its output, close the
/// pipe, and return its exit status and stderr.
fn closed_pipe(args: &[&str], input: Option<&Path>) -> (Option<i32>, String) {
    let mut child = Command::new(SOI)
        .args(args)
        .args(input)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 10];
    stdout.read_exact(&mut buf).unwrap();
    drop(stdout);
    finish(child)
}

/// Read a child's stderr to the end, then its exit code.
fn finish(mut child: std::process::Child) -> (Option<i32>, String) {
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

#[test]
fn closed_output_pipe_ends_quietly() {
    let dir = scratch("pipe");
    let big = dir.join("big.txt");
    // Far more output than a pipe buffer holds.
    std::fs::write(&big, "Ủy ban nhân dân tỉnh họp ngày 2/7.\n".repeat(20_000)).unwrap();
    for cmd in ["analyze", "segment", "sentences"] {
        let (code, err) = closed_pipe(&[cmd], Some(&big));
        assert_eq!(code, Some(0), "{cmd}: {err}");
        assert!(err.is_empty(), "{cmd}: stderr {err:?}");
    }
    for flag in ["--help", "--version"] {
        let mut child = Command::new(SOI)
            .arg(flag)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // closed before soi writes
        let (code, err) = finish(child);
        assert_eq!(code, Some(0), "{flag}: {err}");
        assert!(!err.contains("panicked"), "{flag}: {err}");
    }
}
