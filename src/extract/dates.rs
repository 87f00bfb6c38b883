//! Dates and periods, normalized to ISO 8601.

use super::Doc;
use crate::analysis::{Analysis, Dated};
use crate::tokenize::TokenKind;

/// Parse a date token ("15-4-2021", "29/6/2023", "2/7", "8-2022") to ISO 8601.
pub fn iso_date(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let num = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [d, m, y] => {
            let (d, m, y) = (num(d)?, num(m)?, num(y)?);
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        [a, b] if b.len() == 4 => Some(format!("{:04}-{:02}", num(b)?, num(a)?)),
        [d, m] => Some(format!("--{:02}-{:02}", num(m)?, num(d)?)),
        _ => None,
    }
}

/// Find dates and year ranges.
pub fn extract(doc: &Doc, out: &mut Analysis) {
    for (i, t) in doc.tokens.iter().enumerate() {
        match t.kind {
            TokenKind::Date => {
                let Some(value) = iso_date(doc.tok(i)) else {
                    continue;
                };
                out.entities
                    .push(doc.entity("date", i, i + 1, Some(value.clone())));
                out.dates.push(Dated {
                    text: doc.tok(i).to_string(),
                    value,
                    start: t.start,
                    end: t.end,
                });
            }
            TokenKind::Range => {
                let s = doc.tok(i);
                let years: Vec<&str> = s
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|p| !p.is_empty())
                    .collect();
                if let [a, b] = years.as_slice() {
                    let value = format!("{a}/{b}");
                    out.entities
                        .push(doc.entity("period", i, i + 1, Some(value.clone())));
                    out.periods.push(Dated {
                        text: s.to_string(),
                        value,
                        start: t.start,
                        end: t.end,
                    });
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso() {
        assert_eq!(iso_date("15-4-2021").as_deref(), Some("2021-04-15"));
        assert_eq!(iso_date("29/6/2023").as_deref(), Some("2023-06-29"));
        assert_eq!(iso_date("2/7").as_deref(), Some("--07-02"));
        assert_eq!(iso_date("8-2022").as_deref(), Some("2022-08"));
        assert_eq!(iso_date("x"), None);
    }
}
