//! Article structure on the five samples: every labelled piece of page chrome
//! is marked chrome, and no article line is (labels: tests/data/blocks_labels.tsv).

use soi::blocks::{classify_lines, BlockKind};
use soi::normalize::Normalized;
use std::collections::HashMap;
use std::path::Path;

#[test]
fn chrome_lines_match_labels() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    if !samples.is_dir() {
        eprintln!("skipping: {} not found", samples.display());
        return;
    }
    let labels = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/blocks_labels.tsv"),
    )
    .unwrap();
    let mut want: HashMap<(String, usize), String> = HashMap::new();
    for l in labels
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = l.split('\t').collect();
        want.insert((f[0].to_string(), f[1].parse().unwrap()), f[2].to_string());
    }
    let mut names: Vec<_> = std::fs::read_dir(&samples)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(names.len() >= 5);
    let mut checked_chrome = 0;
    for name in names {
        let input = std::fs::read_to_string(samples.join(&name)).unwrap();
        let norm = Normalized::new(&input);
        let text = &norm.text;
        // Line number of each byte offset.
        let line_of = |b: usize| text[..b].matches('\n').count() + 1;
        for l in classify_lines(text) {
            let n = line_of(l.span.start);
            let label = want.get(&(name.clone(), n)).map(String::as_str);
            match label {
                Some("chrome") => {
                    assert_eq!(
                        l.kind,
                        BlockKind::Chrome,
                        "{name}:{n} {:?} should be chrome",
                        &text[l.span.clone()]
                    );
                    checked_chrome += 1;
                }
                Some("chrome-known-miss") => {}
                _ => assert_ne!(
                    l.kind,
                    BlockKind::Chrome,
                    "{name}:{n} {:?} is article text",
                    &text[l.span.clone()]
                ),
            }
        }
    }
    assert_eq!(
        checked_chrome,
        want.values().filter(|v| *v == "chrome").count(),
        "every labelled line was seen"
    );
}
