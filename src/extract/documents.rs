//! Cited documents: type, number, date and issuer.

use super::Doc;
use crate::analysis::{Analysis, Document};
use crate::normalize::fold_key;
use crate::tokenize::TokenKind;

/// Document types, as written in text.
const TYPES: &[&str] = &[
    "Quyết định",
    "Nghị quyết",
    "Nghị định",
    "Chỉ thị",
    "Chương trình",
    "Quy chế",
    "Quy định",
    "Thông báo",
    "Thông tư",
    "Kế hoạch",
    "Luật",
    "Đề án",
    "Kết luận",
    "Hướng dẫn",
    "Công văn",
    "Thông tri",
    "Báo cáo",
    "Tờ trình",
    "Công điện",
    "Pháp lệnh",
    "Hiến pháp",
    "Thông tư liên tịch",
];

/// The document type written just before token `i` (skipping "số" and ":").
fn type_before(doc: &Doc, i: usize) -> Option<&'static str> {
    let mut j = i;
    while j > 0 {
        let t = fold_key(doc.tok(j - 1));
        if t == fold_key("số") || t == ":" {
            j -= 1;
        } else {
            break;
        }
    }
    let mut best = None;
    for ty in TYPES {
        let n = ty.split(' ').count();
        if j >= n
            && fold_key(doc.span_text(j - n, j)) == fold_key(ty)
            && best.is_none_or(|b: &str| b.len() < ty.len())
        {
            best = Some(*ty);
        }
    }
    best
}

/// Find numbered documents.
pub fn extract(doc: &Doc, out: &mut Analysis) {
    for (i, t) in doc.tokens.iter().enumerate() {
        if t.kind != TokenKind::Code {
            continue;
        }
        let kind = type_before(doc, i).map(str::to_string);
        // A date right after: "904-QĐ/TU 15-4-2021" or "ngày 17-3-2021".
        let mut date = None;
        for k in [i + 1, i + 2] {
            if k < doc.tokens.len() && doc.tokens[k].kind == TokenKind::Date {
                if k == i + 1 || fold_key(doc.tok(i + 1)) == fold_key("ngày") {
                    date = super::dates::iso_date(doc.tok(k));
                }
                break;
            }
        }
        out.entities
            .push(doc.entity("document", i, i + 1, kind.clone()));
        out.documents.push(Document {
            kind,
            number: Some(doc.tok(i).to_string()),
            date,
            issuer: None,
            start: t.start,
            end: t.end,
        });
    }
}
