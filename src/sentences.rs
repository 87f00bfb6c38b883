//! Stage 3: sentence segmentation over tokens.
//!
//! A sentence ends at a line break, or after `.`, `?`, `!`, `…`, `./.` (and a
//! closing quote or bracket right after them) when the next token starts a new
//! sentence. A period after a known abbreviation (`TP.`, `ThS.`, `PGS.TS.`)
//! does not end a sentence.

use crate::tokenize::{Token, TokenKind};
use std::ops::Range;

/// Abbreviations that are written with a trailing period inside a sentence.
const DOTTED_ABBREVS: &[&str] = &[
    "tp", "tt", "q", "p", "ths", "ts", "pgs", "gs", "bs", "ks", "cn", "ls", "nxb", "tr", "st",
    "v.v", "vv", "ct", "ông", "bà", "mr", "mrs", "dr", "st",
];

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | ")" | "]" | "»" | "」")
}

fn is_opener(s: &str) -> bool {
    matches!(s, "\"" | "“" | "‘" | "(" | "[" | "«")
}

fn is_terminal(s: &str) -> bool {
    s == "."
        || s == "…"
        || s == "./."
        || s.starts_with('!')
        || s.starts_with('?')
        || s.chars().all(|c| c == '.')
}

/// Split `tokens` (of normalized `text`) into sentences: token-index ranges
/// that cover all tokens in order, none empty.
pub fn split(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let n = tokens.len();
    let mut i = 0usize;
    // Straight double quotes opened in the current sentence and not closed.
    let mut open_quote = false;
    while i < n {
        let t = &tokens[i];
        let s = t.text(text);
        let mut end_here = false;
        let mut last = i;
        if t.kind == TokenKind::Punct && s == "\"" {
            open_quote = !open_quote;
        }
        if t.kind == TokenKind::Punct && is_terminal(s) {
            // Include closing quotes/brackets right after.
            while last + 1 < n
                && tokens[last + 1].kind == TokenKind::Punct
                && is_closer(tokens[last + 1].text(text))
                && tokens[last + 1].start() == tokens[last].end()
            {
                last += 1;
            }
            // A spaced closing quote ("... ghê lắm ... \" .") closes the
            // quotation: it and a final period belong to this sentence.
            let closes = |k: usize| {
                // After the quote: punctuation, a line break or the end.
                match tokens.get(k + 1) {
                    None => true,
                    Some(a) => {
                        a.kind == TokenKind::Punct && !is_opener(a.text(text))
                            || text[tokens[k].end()..a.start()].contains('\n')
                    }
                }
            };
            // (Never across a line break: a quote on the next line opens.)
            let same_line = |k: usize| {
                tokens
                    .get(k + 1)
                    .is_some_and(|b| !text[tokens[k].end()..b.start()].contains('\n'))
            };
            if last == i
                && tokens.get(i + 1).is_some_and(|q| q.text(text) == "\"")
                && same_line(i)
                && (open_quote || closes(i + 1))
            {
                last += 1;
                open_quote = false;
                if let Some(p) = tokens.get(last + 1).filter(|_| same_line(last)) {
                    if p.kind == TokenKind::Punct && is_terminal(p.text(text)) {
                        last += 1;
                    }
                }
            }
            // Stacked marks ("! .", "? ..."): one sentence end.
            while last + 1 < n
                && tokens[last + 1].kind == TokenKind::Punct
                && is_terminal(tokens[last + 1].text(text))
                && !text[tokens[last].end()..tokens[last + 1].start()].contains('\n')
            {
                last += 1;
            }
            end_here = ends_sentence(text, tokens, i, last);
        }
        // A line break after this token ends the sentence.
        let next_start = tokens
            .get(last + 1)
            .map(|t| t.start())
            .unwrap_or(text.len());
        if text[tokens[last].end()..next_start].contains('\n') {
            end_here = true;
        }
        if end_here || last + 1 == n {
            out.push(start..last + 1);
            start = last + 1;
            open_quote = false;
        }
        i = last + 1;
    }
    out
}

fn ends_sentence(text: &str, tokens: &[Token], i: usize, last: usize) -> bool {
    let mark = tokens[i].text(text);
    let Some(next) = tokens.get(last + 1) else {
        return true;
    };
    // Glued to the next token ("TP.HCM", "v.v..."): not an end.
    if next.start == tokens[last].end && !matches!(mark, "…" | "...") {
        return false;
    }
    if mark == "." && i > 0 {
        let prev = &tokens[i - 1];
        if prev.end == tokens[i].start {
            let p = prev.text(text).to_lowercase();
            if matches!(prev.kind, TokenKind::Syllable | TokenKind::Abbrev)
                && DOTTED_ABBREVS.contains(&p.rsplit('.').next().unwrap_or(""))
            {
                return false;
            }
            // Initials "ông H.", "A. Nguyễn".
            if p.chars().count() == 1 && prev.text(text).chars().all(char::is_uppercase) {
                return false;
            }
        }
    }
    let nt = next.text(text);
    let first = nt.chars().next().unwrap_or(' ');
    if mark == "…" || mark == "..." || mark.chars().all(|c| c == '.') && mark.len() > 1 {
        // Ellipsis inside a sentence unless the next word starts with a capital.
        return first.is_uppercase()
            || first.is_ascii_digit()
            || next.kind == TokenKind::Punct
                && !matches!(nt, "," | ";" | ":" | ")" | "-" | "–" | "—");
    }
    // A lower-case continuation after "." is still a new sentence in news text
    // only if it is not a list or abbreviation; be conservative.
    if first.is_lowercase() {
        return mark != ".";
    }
    !matches!(nt, "," | ";" | ":" | ")" | "]" | "-" | "–" | "—")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sents(s: &str) -> Vec<String> {
        let toks = tokenize(s);
        split(s, &toks)
            .into_iter()
            .map(|r| s[toks[r.start].start()..toks[r.end - 1].end()].to_string())
            .collect()
    }

    #[test]
    fn basic() {
        assert_eq!(
            sents("Một câu. Câu hai! Câu ba?"),
            vec!["Một câu.", "Câu hai!", "Câu ba?"]
        );
        assert_eq!(sents("Dòng một\nDòng hai"), vec!["Dòng một", "Dòng hai"]);
    }

    #[test]
    fn exceptions() {
        assert_eq!(
            sents("Tại TP. Hồ Chí Minh hôm nay."),
            vec!["Tại TP. Hồ Chí Minh hôm nay."]
        );
        assert_eq!(
            sents("Ông PGS.TS. Nguyễn Văn A phát biểu."),
            vec!["Ông PGS.TS. Nguyễn Văn A phát biểu."]
        );
        assert_eq!(
            sents("Giá tăng 23,4% trong năm 2021."),
            vec!["Giá tăng 23,4% trong năm 2021."]
        );
        assert_eq!(
            sents("Nào là cam, quýt… rất nhiều."),
            vec!["Nào là cam, quýt… rất nhiều."]
        );
        assert_eq!(sents("Hết./. Tin khác"), vec!["Hết./.", "Tin khác"]);
        assert_eq!(
            sents("Ông nói: “Đúng.” Sau đó đi."),
            vec!["Ông nói: “Đúng.”", "Sau đó đi."]
        );
    }

    #[test]
    fn spaced_quotes_and_initials() {
        // A quote on the next line opens a sentence (found by fuzzing).
        assert_eq!(
            sents("Xong.\n\"Câu mới\" bắt đầu."),
            vec!["Xong.", "\"Câu mới\" bắt đầu."]
        );
        assert_eq!(
            sents("Ông nói : \" ghê lắm ... \" . Sau đó đi ."),
            vec!["Ông nói : \" ghê lắm ... \" .", "Sau đó đi ."]
        );
        assert_eq!(
            sents("\" bao nhiêu con ? \" - tôi hỏi ."),
            vec!["\" bao nhiêu con ? \" - tôi hỏi ."]
        );
        assert_eq!(
            sents("Thợ săn K. cho biết ."),
            vec!["Thợ săn K. cho biết ."]
        );
        assert_eq!(
            sents("Đi chiếm ! . Một cán bộ"),
            vec!["Đi chiếm ! .", "Một cán bộ"]
        );
    }

    #[test]
    fn cover_all_tokens() {
        let s = "a. b. . . ! ? \n\n x";
        let toks = tokenize(s);
        let r = split(s, &toks);
        assert_eq!(r.first().map(|r| r.start), Some(0));
        assert_eq!(r.last().map(|r| r.end), Some(toks.len()));
        for w in r.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        assert!(split("", &[]).is_empty());
    }
}
