//! Article structure: each line of the text as a block with a kind.
//!
//! A first line that reads like a headline (no sentence-final punctuation,
//! not too long, followed by more text) is the title; other non-empty lines
//! are body text.

use crate::analysis::Block;

/// Classify the lines of normalized `text`. Returns the blocks (byte spans)
/// and the title, if any.
pub fn classify(text: &str) -> (Vec<Block>, Option<String>) {
    let mut blocks = Vec::new();
    let mut title = None;
    let mut offset = 0;
    for line in text.split('\n') {
        let start = offset;
        offset += line.len() + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let (s, e) = (start + lead, start + lead + trimmed.len());
        let kind = if blocks.is_empty()
            && looks_like_title(trimmed)
            && text[e..].trim().len() > trimmed.len()
        {
            title = Some(trimmed.to_string());
            "title"
        } else {
            "body"
        };
        blocks.push(Block {
            kind: kind.to_string(),
            start: s,
            end: e,
        });
    }
    (blocks, title)
}

fn looks_like_title(line: &str) -> bool {
    let n = line.chars().count();
    (8..=200).contains(&n)
        && !line.ends_with(['.', ':', ';', ',', '…'])
        && line.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_body() {
        let t = "Hội nghị sơ kết công tác quốc phòng\n\nNgày 2/7, thành phố tổ chức hội nghị. Nhiều đại biểu dự.";
        let (b, title) = classify(t);
        assert_eq!(
            title.as_deref(),
            Some("Hội nghị sơ kết công tác quốc phòng")
        );
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].kind, "body");
        assert_eq!(classify("").0.len(), 0);
    }
}
