//! Abbreviations: those defined in the text ("khu vực phòng thủ (KVPT)",
//! "công tác Đảng, công tác chính trị (CTĐ, CTCT)") and the standard ones of
//! soi's glossary (`data/extract/abbreviations.tsv`) used in it.
//!
//! A definition is accepted when the initials of the words before the
//! parenthesis spell the short form (hyphens ignored, "và"/"của" may be
//! skipped inside the long form): "dự bị động viên" gives D-B-Đ-V; or when
//! those words are the glossary's long form ("đầu tư trực tiếp nước ngoài
//! (FDI)").

use super::lexicons::{get, Fx, Id};
use super::people::{Ctx, ABBREV, FOREIGN};
use crate::analysis::{Abbreviation, Analysis, Entity, Named};
use crate::normalize::fold_key;
use crate::tokenize::TokenKind;
use std::collections::HashMap;

/// Upper-case letters of a short form, hyphens and periods dropped.
fn letters(short: &str) -> Vec<char> {
    short
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The first letter of a syllable, upper-cased, with its base letter only
/// ("Ủy" gives 'U', "đảng" gives 'Đ').
fn initial(s: &str) -> Option<char> {
    let c = s.chars().next()?;
    let up = c.to_uppercase().next()?;
    if up == 'Đ' {
        return Some('Đ');
    }
    use unicode_normalization::UnicodeNormalization;
    std::iter::once(up).nfd().next()
}

/// The start token of a long form that ends at token `end` (exclusive) and
/// spells `short`; tokens before `floor` are not used.
fn long_form(cx: &Ctx, floor: usize, end: usize, short: &[char]) -> Option<usize> {
    let doc = cx.doc;
    let mut k = short.len();
    let mut j = end;
    while k > 0 {
        if j <= floor {
            return None;
        }
        let t = j - 1;
        match doc.tokens[t].kind {
            // "kinh tế - xã hội (KT-XH)", "phòng chống thiên tai, tìm kiếm
            // cứu nạn (PCTT-TKCN)".
            TokenKind::Punct if matches!(doc.tok(t), "-" | "–" | ",") && k < short.len() => {}
            TokenKind::Syllable => {
                let key = &cx.keys[t];
                if initial(doc.tok(t)) == Some(short[k - 1]) {
                    k -= 1;
                } else if k < short.len() && get().connectors.contains(*key) {
                } else {
                    return None;
                }
            }
            _ => return None,
        }
        j = t;
    }
    Some(j)
}

/// The start token of the glossary's long form of the short form at token
/// `sh` when it is written right before `end` (tokens before `floor` not
/// used): "vốn đầu tư trực tiếp nước ngoài (FDI)", whose initials are
/// English.
///
/// The long form may end with the administrative word of the place it
/// covers ("tổng sản phẩm trên địa bàn tỉnh (GRDP)") and a year ("Công
/// ước của Liên hợp quốc về Luật Biển năm 1982 (UNCLOS)"): they belong to
/// the long form as written.
fn glossary_form(cx: &Ctx, floor: usize, end: usize, sh: usize) -> Option<usize> {
    let (long, _) = get().abbreviations.get(&cx.keys[sh])?;
    let words = long.split_whitespace().count();
    let folded = fold_key(long);
    let mut e = end;
    // "năm 1982".
    if e >= 2 && cx.is(e - 2, kw!("năm")) && cx.kinds[e - 1] == TokenKind::Number {
        e -= 2;
    }
    let candidates = [Some(e), cx.admin_before(e)];
    // Dashes are one ("Việt Nam – EU").
    let text = |a: usize, e: usize| fold_key(&cx.doc.span_text(a, e).replace(['–', '—'], "-"));
    let exact = candidates.iter().flatten().find_map(|&e| {
        let a = e.checked_sub(words).filter(|&a| a >= floor)?;
        (text(a, e) == folded).then_some(a)
    });
    // "ký Bản ghi nhớ (MOU)" for the glossary's "Biên bản ghi nhớ": the
    // text's own wording, the glossary's last two or more words, from a
    // capital.
    let words: Vec<&str> = folded.split_whitespace().collect();
    exact
        .or_else(|| {
            (2..words.len()).rev().find_map(|k| {
                let a = end.checked_sub(k).filter(|&a| a >= floor && cx.is_cap(a))?;
                (text(a, end) == words[words.len() - k..].join(" ")).then_some(a)
            })
        })
        .or_else(|| {
            // "Hiệp định Bảo hộ đầu tư Việt Nam – Liên minh châu Âu (EVIPA)"
            // for the glossary's "... Việt Nam - EU": its first words (half
            // of them, three at least), from a capital, then a few of the
            // text's own.
            let least = words.len().div_ceil(2).max(3);
            (least..words.len()).rev().find_map(|k| {
                let head = words[..k].join(" ");
                let from = end.saturating_sub(k + 8).max(floor);
                (from..end.saturating_sub(k)).find(|&a| cx.is_cap(a) && text(a, a + k) == head)
            })
        })
}

/// Add `short` once (a definition in the text wins over the glossary);
/// returns its index in `found`.
fn add(
    found: &mut Vec<Abbreviation>,
    index: &mut HashMap<String, usize, Fx>,
    short: &str,
    long: &str,
    defined: bool,
) -> usize {
    let k = fold_key(short);
    match index.get(&k) {
        Some(&i) => {
            if defined && !found[i].defined_in_text {
                found[i].long = long.into();
                found[i].defined_in_text = true;
            }
            i
        }
        None => {
            index.insert(k, found.len());
            found.push(Abbreviation {
                short: short.into(),
                long: long.into(),
                defined_in_text: defined,
            });
            found.len() - 1
        }
    }
}

/// A unit's code of capitals and digits, as the police and the army name
/// departments ("C04", "PC03", "A05"): one to four capital letters, one to
/// three digits, maybe a capital letter.
fn unit_code(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = b[letters..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let rest = &b[letters + digits..];
    (1..=4).contains(&letters)
        && (1..=3).contains(&digits)
        && (rest.is_empty() || rest.len() == 1 && rest[0].is_ascii_uppercase())
}

/// A short form of a glossary abbreviation and one to three words in
/// brackets at `open` ("(BTL Thủ đô)", "(UBKT Trung ương)"): the closing
/// bracket and the abbreviation's token.
fn words_short(cx: &Ctx, open: usize, end: usize) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let close = (open + 2..(open + 6).min(end)).find(|&k| doc.tok(k) == ")")?;
    let mut abbrev = None;
    for k in open + 1..close {
        match doc.tokens[k].kind {
            TokenKind::Abbrev if abbrev.is_none() => abbrev = Some(k),
            TokenKind::Syllable => {}
            _ => return None,
        }
    }
    let sh = abbrev?;
    (close - open > 2).then_some((close, sh))
}

/// The definition of a body's short name in the brackets at `open`, the body
/// right before them (found by `body_before`, from `floor` on): a foreign
/// word ("Liên đoàn Kinh tế Nhật Bản (Keidanren)"), or a glossary
/// abbreviation written with words of the body's name ("Bộ Tư lệnh Thủ đô
/// Hà Nội (BTL Thủ đô)", "Ủy ban Kiểm tra Trung ương (UBKT Trung ương)"),
/// where the body must hold the glossary's long form and the words. Returns
/// the closing bracket, the short name's token and where the body starts.
fn bracket_definition(
    cx: &Ctx,
    open: usize,
    floor: usize,
    end: usize,
    body_before: impl Fn(usize) -> Option<usize>,
) -> Option<(usize, usize, usize)> {
    let doc = cx.doc;
    if open + 2 < end && cx.foreign_word(open + 1) && cx.is(open + 2, kw!(")")) {
        let a = body_before(open).filter(|&a| a >= floor)?;
        return Some((open + 2, open + 1, a));
    }
    let (close, sh) = words_short(cx, open, end)?;
    let (long, _) = get().abbreviations.get(&cx.keys[sh])?;
    let a = body_before(open).filter(|&a| a >= floor)?;
    let body = fold_key(doc.span_text(a, open));
    let words_in = (open + 1..close)
        .filter(|&k| k != sh)
        .all(|k| body.contains(&fold_key(doc.tok(k))));
    (words_in && body.contains(&fold_key(long))).then_some((close, sh, a))
}

/// Record the short form over tokens `sa..sb` as defined in the text by
/// `long`, with its entity.
fn define(
    found: &mut Vec<Abbreviation>,
    index: &mut HashMap<String, usize, Fx>,
    entities: &mut Vec<Entity>,
    cx: &Ctx,
    sa: usize,
    sb: usize,
    long: &str,
) {
    let doc = cx.doc;
    add(found, index, doc.span_text(sa, sb), long, true);
    entities.push(doc.entity("abbreviation", sa, sb, Some(long.into())));
}

/// Find abbreviations.
pub fn extract(cx: &Ctx, out: &mut Analysis) {
    let doc = cx.doc;
    let lx = get();
    let n = doc.tokens.len();
    let mut found: Vec<Abbreviation> = Vec::new();
    let mut index: HashMap<String, usize, Fx> = HashMap::default();
    // Bodies found, by the byte where they end: "Tập đoàn Điện lực Việt
    // Nam (EVN)" defines EVN though its letters are those of an English name.
    let bodies: HashMap<usize, usize, Fx> = out
        .entities
        .iter()
        .filter(|e| e.kind == "organization")
        .map(|e| (e.end, e.start))
        .collect();
    let body_before = |end: usize| -> Option<usize> {
        let start = *bodies.get(&doc.tokens[end.checked_sub(1)?].end())?;
        let a = doc.tokens.partition_point(|t| t.start() < start);
        (a + 1 < end && doc.tokens[a].start() == start).then_some(a)
    };
    // Definitions: "long (SHORT)" and "long1, long2 (SHORT1, SHORT2)"; the
    // tokens of the short forms defined (their entities are made here).
    let mut defining: Vec<usize> = Vec::new();
    for s in doc.sentences {
        for open in cx.positions(s.start, s.end, kw!("(")) {
            let mut shorts = Vec::new();
            let mut j = open + 1;
            while j < s.end && (doc.tokens[j].kind == TokenKind::Abbrev || unit_code(doc.tok(j))) {
                shorts.push(j);
                j += 1;
                if j < s.end && doc.tok(j) == "," {
                    j += 1;
                } else {
                    break;
                }
            }
            if shorts.is_empty() || j >= s.end || doc.tok(j) != ")" {
                // "Liên đoàn Kinh tế Nhật Bản (Keidanren)", "Bộ Tư lệnh Thủ
                // đô Hà Nội (BTL Thủ đô)": the body before.
                if let Some((close, sh, a)) =
                    bracket_definition(cx, open, s.start, s.end, body_before)
                {
                    defining.push(sh);
                    let long = doc.span_text(a, open);
                    define(
                        &mut found,
                        &mut index,
                        &mut out.entities,
                        cx,
                        open + 1,
                        close,
                        long,
                    );
                }
                continue;
            }
            let mut end = open;
            let mut defs = Vec::new();
            for &sh in shorts.iter().rev() {
                // A unit's code ("C04") spells no words: only a body's name
                // right before it is its long form.
                let spelled = !unit_code(doc.tok(sh));
                let Some(a) = spelled
                    .then(|| long_form(cx, s.start, end, &letters(doc.tok(sh))))
                    .flatten()
                    .or_else(|| {
                        spelled
                            .then(|| glossary_form(cx, s.start, end, sh))
                            .flatten()
                    })
                    .or_else(|| {
                        // Not a known short form ("Công an quận 1 (TP.HCM)"
                        // gives the city, not the body's name), unless the
                        // glossary's body begins the name ("Ngân hàng Nhà
                        // nước Việt Nam (NHNN)").
                        let a = body_before(end).filter(|&a| a >= s.start && shorts.len() == 1)?;
                        let ok = match lx.abbreviations.get(&cx.keys[sh]) {
                            None => !doc.tok(sh).contains('.'),
                            // "Ủy ban Kiểm tra Tỉnh ủy (UBKT)".
                            Some((long, _)) => {
                                fold_key(doc.span_text(a, end)).starts_with(&fold_key(long))
                            }
                        };
                        ok.then_some(a)
                    })
                else {
                    break;
                };
                defs.push((sh, a, end));
                end = a;
                if end > s.start && doc.tok(end - 1) == "," {
                    end -= 1;
                }
            }
            if defs.len() == shorts.len() {
                for (sh, a, e) in defs.into_iter().rev() {
                    defining.push(sh);
                    let long = doc.span_text(a, e);
                    define(
                        &mut found,
                        &mut index,
                        &mut out.entities,
                        cx,
                        sh,
                        sh + 1,
                        long,
                    );
                }
            }
        }
    }
    defining.sort_unstable();
    // Glossary abbreviations used in the text (each looked up once: the
    // long form each mention gives, by vocabulary id).
    let mut seen: HashMap<Id, usize, Fx> = HashMap::default();
    for i in cx.flagged(0, n, ABBREV) {
        if defining.binary_search(&i).is_ok() {
            continue;
        }
        let id = cx.keys[i];
        let k = match seen.get(&id) {
            Some(&k) => k,
            None => {
                let Some((long, _)) = lx.abbreviations.get(&id) else {
                    continue;
                };
                let k = add(&mut found, &mut index, doc.tok(i), long, false);
                seen.insert(id, k);
                k
            }
        };
        // A definition in the text gives the long form, else the glossary.
        let long = found[k].long.clone();
        out.entities
            .push(doc.entity("abbreviation", i, i + 1, Some(long)));
    }
    used_again(cx, &found, &defining, out);
    out.abbreviations.extend(found);
}

/// Short forms defined in the text and used again ("... Tập đoàn Công
/// nghiệp Than – Khoáng sản Việt Nam (TKV) ... phối hợp với TKV"): their
/// mentions, and the body's name when the long form is a body found in the
/// text (abbreviated names count as names of bodies).
fn used_again(cx: &Ctx, found: &[Abbreviation], defining: &[usize], out: &mut Analysis) {
    let doc = cx.doc;
    let lx = get();
    // The defined ones, and whether their long form is a body's name as
    // written.
    let defined: Vec<(usize, bool)> = (0..found.len())
        .filter(|&k| found[k].defined_in_text)
        .map(|k| (k, out.organizations.iter().any(|o| o.name == found[k].long)))
        .collect();
    if defined.is_empty() {
        return;
    }
    // Bodies' spans by start, with the furthest end so far: whether one
    // covers a token, in a binary search.
    let mut bodies: Vec<(usize, usize)> = out
        .entities
        .iter()
        .filter(|x| x.kind == "organization")
        .map(|x| (x.start, x.end))
        .collect();
    bodies.sort_unstable();
    let reach: Vec<usize> = bodies
        .iter()
        .scan(0, |m, &(_, e)| {
            *m = e.max(*m);
            Some(*m)
        })
        .collect();
    // A body longer than the token that covers it.
    let inside = |s: usize, e: usize| {
        let before = bodies.partition_point(|&(bs, _)| bs < s);
        let at = bodies.partition_point(|&(bs, _)| bs <= s);
        before > 0 && reach[before - 1] >= e || bodies[before..at].iter().any(|&(_, be)| be > e)
    };
    // Only abbreviations and foreign words, reached by the flags' skip.
    let n = doc.tokens.len();
    for i in cx.flagged(0, n, ABBREV | FOREIGN) {
        if defining.binary_search(&i).is_ok() {
            continue;
        }
        let t = doc.tok(i);
        let Some(&(k, body)) = defined.iter().find(|&&(k, _)| found[k].short == t) else {
            continue;
        };
        let glossary = lx.abbreviations.get(&cx.keys[i]);
        if glossary.is_none() {
            out.entities
                .push(doc.entity("abbreviation", i, i + 1, Some(found[k].long.clone())));
        }
        // (A glossary body's abbreviation is listed as one already.)
        let listed = glossary.is_some_and(|&(_, org)| org);
        // Nor one inside a body's name ("Phòng PC04").
        if !listed && body && !inside(doc.tokens[i].start(), doc.tokens[i].end()) {
            let span = [doc.tokens[i].start(), doc.tokens[i].end()];
            match out.organizations.iter_mut().find(|o| o.name == t) {
                Some(o) => o.mentions.push(span),
                None => out.organizations.push(Named {
                    name: t.into(),
                    mentions: vec![span],
                }),
            }
            out.entities
                .push(doc.entity("organization", i, i + 1, None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials() {
        assert_eq!(initial("Ủy"), Some('U'));
        assert_eq!(initial("đảng"), Some('Đ'));
        assert_eq!(initial("ấp"), Some('A'));
        assert_eq!(letters("KT-XH"), vec!['K', 'T', 'X', 'H']);
    }
}
