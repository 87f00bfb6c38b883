//! Cited documents: type, number, date and issuer.

use super::lexicons::get;
use super::people::{Ctx, NUM};
use crate::analysis::{Analysis, Document, Entity, Text};
use crate::normalize::fold_key;
use crate::tokenize::TokenKind;
use std::collections::HashMap;

/// The document type written just before token `i` (skipping "số" and
/// ":"), as written: "Quyết định", "Nghị quyết", "Thông tư liên tịch"; with
/// the token where it starts.
fn type_before(cx: &Ctx, i: usize) -> Option<(usize, Text)> {
    let doc = cx.doc;
    let mut j = i;
    while j > 0 && (cx.is(j - 1, kw!("số")) || doc.tok(j - 1) == ":") {
        j -= 1;
    }
    let types = &get().doc_types;
    let at = |j: usize| {
        (1..=types.max.min(j))
            .rev()
            .find(|&n| types.longest_at(&cx.keys[..j], j - n) == Some(n))
            .map(|n| (j - n, doc.span_text(j - n, j).into()))
    };
    if let Some(t) = at(j) {
        return Some(t);
    }
    // A law's name between its type and number: "Luật Đất đai số
    // 31/2024/QH15", "Bộ luật Hình sự số 100/2015/QH13".
    if j < i {
        for k in (j.saturating_sub(8)..j).rev() {
            if cx.kinds[k] != TokenKind::Syllable {
                break;
            }
            if let Some(t) =
                at(k).filter(|t| matches!(t.1.as_str(), "Luật" | "Bộ luật" | "Pháp lệnh"))
            {
                return doc.tok(t.0).starts_with(char::is_uppercase).then_some(t);
            }
        }
        // What the document does between its type and number, when the
        // number's code names that type: "Quyết định khởi tố vụ án hình sự
        // số 21/QĐ-CSĐT", "Kế hoạch triển khai số 45/KH-UBND".
        let code = doc.tok(i);
        for k in (j.saturating_sub(7)..j).rev() {
            if cx.kinds[k] != TokenKind::Syllable {
                break;
            }
            if let Some(t) = at(k) {
                let named = TYPE_CODES
                    .iter()
                    .any(|&(c, ty)| ty == Some(&t.1) && code.split(['/', '-']).any(|p| p == c));
                let capital = doc.tok(t.0).starts_with(char::is_uppercase);
                return (named && capital && k < j).then_some(t);
            }
        }
    }
    None
}

/// The issuer after a document number: "của Chính phủ", "của Ban Thường vụ
/// QUTƯ và Ban Thường vụ Thành ủy Hà Nội". `k` is the token after the number
/// and its date.
fn issuer_at(cx: &Ctx, k: usize) -> Option<Text> {
    let doc = cx.doc;
    // Within the sentence: a headline's issuer does not run into the lead.
    let n = doc.sentence_end(k);
    if k + 1 >= n || !cx.is(k, kw!("của")) {
        return None;
    }
    // "của Thủ tướng Chính phủ": a title with its body also issues documents.
    // An issuer ends where a word ends ("của Hội nghị ..." is not "Hội").
    let (mut e, _) = cx
        .org_at(k + 1, n)
        .filter(|&(e, _)| cx.wend[e - 1] as usize <= e)
        .or_else(|| cx.role_at(k + 1, n).map(|(e, _)| (e, true)))
        .or_else(|| plenum_end(cx, k + 1).map(|e| (e, true)))?;
    if e + 1 < n && cx.is(e, kw!("và")) {
        if let Some((e2, _)) = cx.org_at(e + 1, n) {
            e = e2;
        }
    }
    Some(doc.span_text(k + 1, e).into())
}

/// A plenum of the Party's Central Committee at `k` ("Hội nghị Trung ương 8
/// khóa XIII", "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa
/// XIII"), which issues resolutions: its end.
fn plenum_end(cx: &Ctx, k: usize) -> Option<usize> {
    if !(cx.is_cap(k) && cx.is(k, kw!("hội")) && cx.is(k + 1, kw!("nghị"))) {
        return None;
    }
    let kind = |j: usize| cx.kinds.get(j).copied();
    let ordinal = |j: usize| {
        [
            kw!("nhất"),
            kw!("hai"),
            kw!("ba"),
            kw!("tư"),
            kw!("bốn"),
            kw!("năm"),
        ]
        .into_iter()
        .chain([kw!("sáu"), kw!("bảy"), kw!("tám"), kw!("chín"), kw!("mười")])
        .chain([kw!("một"), kw!("lăm")])
        .any(|w| cx.is(j, w))
    };
    let (mut j, mut central) = (k + 2, false);
    loop {
        if cx.is(j, kw!("trung")) && cx.is(j + 1, kw!("ương")) {
            central = true;
            j += 2;
            // "Hội nghị Trung ương 8".
            if kind(j) == Some(TokenKind::Number) {
                j += 1;
            }
        } else if cx.is(j, kw!("ban")) && cx.is(j + 1, kw!("chấp")) && cx.is(j + 2, kw!("hành"))
        {
            j += 3;
        } else if cx.is(j, kw!("lần")) && cx.is(j + 1, kw!("thứ")) {
            j += 2;
            if matches!(kind(j), Some(TokenKind::Number | TokenKind::Roman)) {
                j += 1;
            } else {
                // "lần thứ tám", "lần thứ mười một".
                let from = j;
                while j < from + 2 && ordinal(j) {
                    j += 1;
                }
            }
        } else if cx.is(j, kw!("đảng")) {
            j += 1;
        } else if cx.is(j, kw!("khóa")) && kind(j + 1) == Some(TokenKind::Roman) {
            j += 2;
        } else {
            break;
        }
    }
    central.then_some(j)
}

/// The issuer written before a document that it signs or issues: "Thủ
/// tướng Chính phủ đã ký Công điện số 205/CĐ-TTg", "UBND tỉnh vừa ban hành
/// Kế hoạch số 12/KH-UBND". `t` is the first token of the document's type.
///
/// "Kỳ họp thứ 5 HĐND tỉnh Khánh Hòa thông qua Nghị quyết số
/// 15/2025/NQ-HĐND": a council's resolution (of `out.documents[first..]`)
/// with no issuer written next to it is the council's whose session the
/// text reports, the last one named before it (or the first named), by its
/// full name where the text gives it ("HĐND tỉnh" is "HĐND tỉnh Khánh Hòa").
/// Linear in the councils named and the resolutions.
fn council_resolutions(out: &mut Analysis, first: usize) {
    let resolution = |d: &Document| {
        d.issuer.is_none() && d.number.as_ref().is_some_and(|n| n.ends_with("NQ-HĐND"))
    };
    if !out.documents[first..].iter().any(resolution) {
        return;
    }
    let councils: Vec<&Entity> = out
        .entities
        .iter()
        .filter(|e| {
            e.kind == "organization"
                && (e.text.starts_with("HĐND ")
                    || fold_key(&e.text).starts_with("hội đồng nhân dân "))
        })
        .collect();
    let Some(&first_named) = councils.iter().min_by_key(|e| e.start) else {
        return;
    };
    // Each name's shorter forms (word by word) to the first longer name.
    let mut full: HashMap<&str, &Text> = HashMap::new();
    for e in &councils {
        for (p, _) in e.text.match_indices(' ') {
            full.entry(&e.text[..p]).or_insert(&e.text);
        }
    }
    let mut by_end: Vec<&Entity> = councils.clone();
    by_end.sort_by_key(|e| e.end);
    let mut named = Vec::new();
    for d in &out.documents[first..] {
        if !resolution(d) {
            named.push(None);
            continue;
        }
        let k = by_end.partition_point(|e| e.end <= d.start);
        let e = if k > 0 { by_end[k - 1] } else { first_named };
        named.push(Some(
            full.get(e.text.as_str()).map_or(&e.text, |t| *t).clone(),
        ));
    }
    for (d, issuer) in out.documents[first..].iter_mut().zip(named) {
        if issuer.is_some() {
            d.issuer = issuer;
        }
    }
}

/// A body that announces a document issues it ("Ban Thường vụ Tỉnh ủy
/// công bố Quyết định số 1187-QĐ/TU"), as does the body or office a
/// speaker stands for ("Thay mặt Ban Thường vụ Thành ủy, đồng chí ...
/// công bố", "Thừa ủy quyền của Thủ tướng Chính phủ, ... công bố"); a
/// person who announces it does not.
///
/// Returns the issuer's first token and its text.
fn issuer_before(cx: &Ctx, t: usize) -> Option<(usize, Text)> {
    let mut p = t;
    let tense = |p: usize| p > 0 && [kw!("đã"), kw!("vừa"), kw!("mới")].contains(&cx.keys[p - 1]);
    let mut announced = false;
    if p >= 2 && cx.is(p - 2, kw!("công")) && cx.is(p - 1, kw!("bố")) {
        announced = true;
        // (Within the sentence, a few dozen words back: a sentence may be
        // long.)
        let s = cx.doc.sentence_start(t).max(p.saturating_sub(64));
        let behalf = (s..p - 2).find_map(|k| {
            if cx.is(k, kw!("thay")) && cx.is(k + 1, kw!("mặt")) {
                Some(k + 2)
            } else if cx.is(k, kw!("thừa")) && cx.is(k + 1, kw!("ủy")) && cx.is(k + 2, kw!("quyền"))
            {
                Some(k + 3 + usize::from(cx.is(k + 3, kw!("của"))))
            } else {
                None
            }
        });
        if let Some(k) = behalf {
            let e = cx
                .org_at(k, p - 2)
                .filter(|&(_, ok)| ok)
                .map(|(e, _)| e)
                .or_else(|| cx.role_at(k, p - 2).map(|(e, _)| e))?;
            return Some((k, cx.doc.span_text(k, e).into()));
        }
    }
    if p >= 1 && cx.is(p - 1, kw!("ký")) {
        p -= 1;
    } else if p >= 2 && (cx.is(p - 2, kw!("ban")) && cx.is(p - 1, kw!("hành")) || announced) {
        p -= 2;
    } else if p >= 2 && cx.is(p - 1, kw!("ra")) && tense(p - 1) {
        // "Cơ quan Cảnh sát điều tra Công an tỉnh đã ra Quyết định khởi tố".
        p -= 1;
    } else {
        return None;
    }
    while tense(p) || p > 0 && cx.is(p - 1, kw!("cũng")) {
        p -= 1;
    }
    // "Cơ quan Cảnh sát điều tra Bộ Công an (C03) đã ban hành": the body
    // without its abbreviation.
    if p >= 4
        && cx.is(p - 1, kw!(")"))
        && matches!(cx.kinds[p - 2], TokenKind::Abbrev | TokenKind::Alnum)
        && cx.is(p - 3, kw!("("))
    {
        p -= 3;
    }
    // The longest body or office that ends right there.
    (p.saturating_sub(12)..p)
        .find(|&k| {
            cx.org_at(k, p).is_some_and(|(e, ok)| e == p && ok)
                || cx.role_at(k, p).is_some_and(|(e, _)| e == p)
        })
        // (The body of the office of a person who announces it is not the
        // issuer: "Giám đốc Công an tỉnh công bố ...".)
        .filter(|&k| !announced || cx.role_at(k, p).is_none())
        .map(|k| (k, cx.doc.span_text(k, p).into()))
}

/// The date written before an issuer that [`issuer_before`] found starting
/// at `k`: "Ngày 20/9/2025, Bộ Chính trị đã ban hành Quyết định số ...".
fn date_before_issuer(cx: &Ctx, k: usize) -> Option<Text> {
    if k < 2 || !cx.is(k - 1, kw!(",")) {
        return None;
    }
    (k.saturating_sub(8)..k - 1)
        .filter(|&d| cx.is(d, kw!("ngày")) || cx.kinds[d] == TokenKind::Date)
        .find_map(|d| {
            super::dates::date_at(cx, d)
                .filter(|&(e, ref v)| e == k - 1 && v.len() == 10)
                .map(|(_, v)| v)
        })
}

/// Codes of document types inside document numbers ("QĐ" in "904-QĐ/TU").
/// With the type a code names where a type written apart from the number
/// may be recognized by it (see [`type_before`]).
const TYPE_CODES: &[(&str, Option<&str>)] = &[
    ("QĐ", Some("Quyết định")),
    ("NQ", Some("Nghị quyết")),
    ("NĐ", Some("Nghị định")),
    ("CT", Some("Chỉ thị")),
    ("CTr", None),
    ("KH", Some("Kế hoạch")),
    ("TB", Some("Thông báo")),
    ("QC", Some("Quy chế")),
    ("QyĐ", Some("Quy định")),
    ("QĐi", None),
    ("TT", Some("Thông tư")),
    ("TTLT", None),
    ("HD", Some("Hướng dẫn")),
    ("KL", Some("Kết luận")),
    ("BC", Some("Báo cáo")),
    ("CV", Some("Công văn")),
    ("ĐA", Some("Đề án")),
    ("PL", None),
    ("CĐ", Some("Công điện")),
];

/// Is `p` a type code of a document number?
fn type_code(p: &str) -> bool {
    TYPE_CODES.iter().any(|&(c, _)| c == p)
}

/// The issuer parts of a document code: {"QUTW", "TUHN"} in
/// "1374-QC/QUTW-TUHN", {"CP"} in "03/2019/NĐ-CP", {"UBND", "VX"} in
/// "88/UBND-VX" (letter groups that are not type codes).
fn issuer_parts(code: &str) -> Vec<&str> {
    code.split(['/', '-'])
        .filter(|p| p.chars().any(char::is_alphabetic) && !type_code(p))
        .collect()
}

/// Two codes share an issuer part: "Quy chế 1374-QC/QUTW-TUHN ... và Thông
/// báo 1445-TB/QUTW-TUHN ... của X" were both issued by X, but not
/// "Nghị định 15/2020/NĐ-CP và Thông tư 12/2021/TT-BCA của Bộ Công an".
fn same_issuer(a: &str, b: &str) -> bool {
    let pb = issuer_parts(b);
    issuer_parts(a).iter().any(|p| pb.contains(p))
}

/// Find numbered documents.
pub fn extract(cx: &Ctx, out: &mut Analysis) {
    let doc = cx.doc;
    let first = out.documents.len();
    // (number token, token after the number and its date) per document.
    let mut at: Vec<(usize, usize)> = Vec::new();
    // Only numbers and codes (one tight pass over the flags).
    for i in cx.flagged(0, cx.kinds.len(), NUM) {
        let kind = match cx.kinds[i] {
            TokenKind::Code => {
                let ty = type_before(cx, i);
                // Without a type before it, a code is a document number only
                // if it looks like one: "88/UBND-VX", "904-QĐ/TU"; not a
                // boat's or a car's registration ("KG-95678-TS").
                let t = doc.tok(i);
                if ty.is_none() && !t.contains('/') && !t.split('-').any(type_code) {
                    continue;
                }
                ty
            }
            // "Đề án 06 của Chính phủ", "Nghị quyết số 57 về ...", but not
            // "Kế hoạch 5 năm".
            TokenKind::Number => {
                let Some(ty) = type_before(cx, i) else {
                    continue;
                };
                let with_so = i > 0 && cx.is(i - 1, kw!("số"));
                let next_ok = i + 1 >= doc.tokens.len()
                    || doc.tokens[i + 1].kind == TokenKind::Punct
                    || get().after_doc_number.contains(cx.keys[i + 1]);
                if !(with_so || next_ok) || !doc.tok(i).bytes().all(|b| b.is_ascii_digit()) {
                    continue;
                }
                Some(ty)
            }
            _ => continue,
        };
        // A date right after: "904-QĐ/TU 15-4-2021" or "ngày 17-3-2021".
        let mut date = None;
        let mut after = i + 1;
        if let Some((e, v)) = super::dates::date_at(cx, i + 1) {
            date = Some(v);
            after = e;
        }
        let issuer = match issuer_at(cx, after) {
            Some(issuer) => Some(issuer),
            None => match kind.as_ref().and_then(|(t, _)| issuer_before(cx, *t)) {
                Some((k, issuer)) => {
                    if date.is_none() {
                        date = date_before_issuer(cx, k);
                    }
                    Some(issuer)
                }
                None => None,
            },
        };
        let kind = kind.map(|(_, k)| k);
        at.push((i, after));
        out.entities
            .push(doc.entity("document", i, i + 1, kind.clone()));
        out.documents.push(Document {
            kind,
            number: Some(doc.tok(i).into()),
            date,
            issuer,
            start: doc.tokens[i].start(),
            end: doc.tokens[i].end(),
        });
    }
    // "Quy chế số A ngày ... và Thông báo số B ngày ... của X": X issued both.
    for d in (0..at.len().saturating_sub(1)).rev() {
        let (_, after) = at[d];
        let (next, _) = at[d + 1];
        let same_issuer = same_issuer(doc.tok(at[d].0), doc.tok(next));
        let joined = same_issuer
            && after < next
            && matches!(doc.tok(after), "và" | "," | "hoặc")
            && next - after <= 6
            && (after + 1..next).all(|k| doc.tokens[k].kind == TokenKind::Syllable);
        if joined && out.documents[first + d].issuer.is_none() {
            out.documents[first + d].issuer = out.documents[first + d + 1].issuer.clone();
        }
    }
    council_resolutions(out, first);
    numberless(cx, out);
    let found = out.documents.split_off(first);
    out.documents.extend(merge_mentions(found));
}

/// Documents named without a number whose type and issuer are both
/// written: "Chỉ thị của Thủ tướng Chính phủ", "Kết luận của Bộ Chính
/// trị". Only the formal types, capitalized inside a sentence (a capital at
/// a sentence's start says nothing; "quyết định của" is a decision, not a
/// document).
fn numberless(cx: &Ctx, out: &mut Analysis) {
    const FORMAL: &[&str] = &[
        "Quyết định",
        "Nghị quyết",
        "Nghị định",
        "Chỉ thị",
        "Quy định",
        "Thông tư",
        "Kết luận",
        "Công điện",
        "Thông tri",
        "Pháp lệnh",
        "Thông tư liên tịch",
        "Nghị quyết liên tịch",
    ];
    let doc = cx.doc;
    let types = &get().doc_types;
    let mut sentence = 0;
    // From each "của" back to a type right before it.
    for c in cx.positions(2, doc.tokens.len(), kw!("của")) {
        let Some(i) = (c.saturating_sub(types.max)..c)
            .find(|&i| cx.is_cap(i) && types.longest_at(&cx.keys[..c], i) == Some(c - i))
        else {
            continue;
        };
        let kind = doc.span_text(i, c);
        if i == 0 || !FORMAL.contains(&kind) || cx.is(i - 1, kw!("số")) {
            continue;
        }
        while doc.sentences.get(sentence).is_some_and(|s| s.end <= i) {
            sentence += 1;
        }
        if doc.sentences.get(sentence).is_none_or(|s| s.start == i) {
            continue;
        }
        let Some(issuer) = issuer_at(cx, c) else {
            continue;
        };
        out.entities
            .push(doc.entity("document", i, c, Some(kind.into())));
        out.documents.push(Document {
            kind: Some(kind.into()),
            number: None,
            date: None,
            issuer: Some(issuer),
            start: doc.tokens[i].start(),
            end: doc.tokens[c - 1].end(),
        });
    }
}

/// One document per number: a later mention of a number ("Thông tư số
/// 32/2025/TT-BYT" in the headline, then "... ngày 31/10/2025 của Bộ trưởng
/// Bộ Y tế" in the text) fills in what the first lacks, unless they disagree
/// (then both are kept). Every mention stays an entity.
fn merge_mentions(docs: Vec<Document>) -> Vec<Document> {
    let fits = |a: &Option<Text>, b: &Option<Text>| a.is_none() || b.is_none() || a == b;
    let mut kept: Vec<Document> = Vec::with_capacity(docs.len());
    // Indices in `kept` by number (a text may cite thousands of documents).
    let mut by_number: HashMap<Text, Vec<usize>> = HashMap::new();
    for d in docs {
        let number = d.number.clone().unwrap_or_default();
        let same = by_number.get(&number).and_then(|ks| {
            ks.iter().copied().find(|&k| {
                let k = &kept[k];
                fits(&k.kind, &d.kind) && fits(&k.date, &d.date) && fits(&k.issuer, &d.issuer)
            })
        });
        match same {
            Some(k) => {
                let k = &mut kept[k];
                k.kind = k.kind.take().or(d.kind);
                k.date = k.date.take().or(d.date);
                k.issuer = k.issuer.take().or(d.issuer);
            }
            None => {
                by_number.entry(number).or_default().push(kept.len());
                kept.push(d);
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::same_issuer;

    #[test]
    fn issuers_of_codes() {
        assert!(same_issuer("1374-QC/QUTW-TUHN", "1445-TB/QUTW-TUHN"));
        assert!(same_issuer("45/KH-UBND", "88/UBND-VX"));
        assert!(!same_issuer("15/2020/NĐ-CP", "12/2021/TT-BCA"));
        assert!(!same_issuer("904-QĐ/TU", "03/2019/NĐ-CP"));
    }
}
