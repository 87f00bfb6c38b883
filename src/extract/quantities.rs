//! Quantities: percentages and numbers with their unit noun.

use super::Doc;
use crate::analysis::{Analysis, Quantity};
use crate::tokenize::TokenKind;

/// Read a Vietnamese number: "." groups thousands, "," is the decimal mark.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim_end_matches('%');
    let plain: String = s
        .chars()
        .filter(|&c| c != '.')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    plain.parse().ok()
}

/// Find percentages.
pub fn extract(doc: &Doc, out: &mut Analysis) {
    for (i, t) in doc.tokens.iter().enumerate() {
        if t.kind == TokenKind::Percent {
            let text = doc.tok(i);
            if let Some(value) = parse_number(text) {
                out.entities
                    .push(doc.entity("quantity", i, i + 1, Some(value.to_string())));
                out.quantities.push(Quantity {
                    text: text.to_string(),
                    value,
                    unit: "%".into(),
                    start: t.start,
                    end: t.end,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("23,4%"), Some(23.4));
        assert_eq!(parse_number("1.000.000"), Some(1e6));
        assert_eq!(parse_number("306"), Some(306.0));
    }
}
