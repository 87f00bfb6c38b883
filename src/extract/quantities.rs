//! Quantities: percentages and numbers with their unit noun.
//!
//! "23,4%" is 23.4 (decimal comma), "1.000.000" is one million, "306 tập
//! thể" has the unit "tập thể" (the word after the number, from the
//! segmenter), "5/8 đơn vị" is 5 of 8 units, "2,5 triệu người" is 2 500 000
//! "người"; in a range ("9-10%", "5,5-5,7 tỷ USD") the lower end takes the
//! unit of the upper one. Numbers inside names, dates, periods and codes are not
//! quantities (they are covered by those entities), nor are numbers after
//! "số", "thứ", "Điều", "khoản" (ordinals and references).

use super::lexicons::{get, Id};
use super::people::{Ctx, NUM};
use crate::analysis::{Analysis, Quantity, Text};
use crate::tokenize::TokenKind;

/// Read a Vietnamese number: "." groups thousands, "," is the decimal mark.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim_end_matches('%');
    // The thousands dots dropped and the decimal comma made a point, on the
    // stack for all but very long numbers.
    let mut buf = [0u8; 64];
    let mut heap = Vec::new();
    let plain = if s.len() <= buf.len() {
        &mut buf[..]
    } else {
        heap.resize(s.len(), 0);
        &mut heap[..]
    };
    let mut n = 0;
    for &b in s.as_bytes().iter().filter(|&&b| b != b'.') {
        plain[n] = if b == b',' { b'.' } else { b };
        n += 1;
    }
    std::str::from_utf8(&plain[..n])
        .ok()?
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
}

/// `v`, read from `written`, times the multiplier `m` ("4,1 tỷ": 4.1 ×
/// 10⁹), in decimal: the written digits as a whole number times `m`, then
/// divided by the power of ten of its decimals (each step exact, so the
/// result is the double nearest to 4100000000, where 4.1 × 1e9 in binary
/// is 4099999999.9999995).
fn scaled(written: &str, v: f64, m: f64) -> f64 {
    let decimals = written
        .trim_end_matches('%')
        .split_once(',')
        .map_or(0, |(_, f)| f.len());
    if decimals == 0 || decimals > 15 {
        return v * m;
    }
    let ten = 10f64.powi(decimals as i32);
    let digits = (v * ten).round();
    if digits * m >= 9_007_199_254_740_992.0 {
        return v * m;
    }
    digits * m / ten
}

/// Currency and measure codes written in capitals or with digits.
const UNIT_CODES: &[&str] = &[
    "USD", "VND", "VNĐ", "EUR", "CNY", "JPY", "KRW", "MW", "GW", "kW", "kWh", "MWh", "GB", "TB",
    "TEU", "CCU", "m2", "m3", "km2", "HCV", "HCB", "HCĐ",
];

/// Multipliers: "2,5 triệu người".
fn multiplier(cx: &Ctx, k: usize) -> Option<f64> {
    let w = *cx.keys.get(k)?;
    [
        (kw!("nghìn"), 1e3),
        (kw!("ngàn"), 1e3),
        (kw!("vạn"), 1e4),
        (kw!("triệu"), 1e6),
        (kw!("tỷ"), 1e9),
        (kw!("tỉ"), 1e9),
    ]
    .iter()
    .find(|(id, _)| *id == w)
    .map(|&(_, m)| m)
}

/// Find quantities.
pub fn extract(cx: &Ctx, out: &mut Analysis) {
    let doc = cx.doc;
    let n = doc.tokens.len();
    // Tokens inside other entities (names, dates, codes ...).
    let mut covered = vec![false; n];
    // Spans sorted by start, swept with one cursor over the tokens that
    // gallops forward (a binary search over all tokens per entity misses
    // the cache on long texts; a step per token is slow between sparse
    // entities).
    let mut spans: Vec<(usize, usize)> = out.entities.iter().map(|e| (e.start, e.end)).collect();
    // Where persons' names end, sorted.
    let mut person_ends: Vec<usize> = out
        .entities
        .iter()
        .filter(|e| e.kind == "person")
        .map(|e| e.end)
        .collect();
    person_ends.sort_unstable();
    spans.sort_unstable();
    let mut first = 0;
    for (start, end) in spans {
        let (mut hi, mut step) = (first, 1);
        while hi < n && doc.tokens[hi].end() <= start {
            first = hi + 1;
            hi += step;
            step *= 2;
        }
        // Tokens before `first` end by `start`, the one at `hi` after it.
        first += doc.tokens[first..hi.min(n)].partition_point(|t| t.end() <= start);
        for (k, t) in doc.tokens.iter().enumerate().skip(first) {
            if t.start() >= end {
                break;
            }
            covered[k] = true;
        }
    }
    let wend = &cx.wend;
    let lx = get();
    // The counts of months of the periods found ("9" of "9 tháng năm 2024").
    let period_months: Vec<u32> = out
        .periods
        .iter()
        .filter_map(|p| {
            let mut words = p.text.split_whitespace();
            let count = words.next()?;
            let month = words.next()?;
            (month == "tháng").then(|| count.parse().ok()).flatten()
        })
        .collect();
    let is = |k: usize, w: Id| cx.is(k, w);
    // The end of the word at `k`, but not past a capitalized part or a
    // function word the segmenter joined to it ("18,9 độ Vĩ Bắc": the unit
    // is "độ"; "60 triệu đồng từ Quỹ": "đồng").
    let lower_syllable = |p: usize| {
        p < n
            && !covered[p]
            && doc.tokens[p].kind == TokenKind::Syllable
            && doc.tok(p).chars().next().is_some_and(char::is_lowercase)
    };
    let word_end = |k: usize| {
        let e = (wend[k] as usize).max(k + 1);
        (k + 1..e)
            .find(|&p| {
                doc.tok(p).chars().next().is_some_and(char::is_uppercase)
                    || lx.not_unit.contains(cx.keys[p])
            })
            .unwrap_or(e)
    };
    let unit_word = |k: usize| -> Option<usize> {
        if k >= n {
            return None;
        }
        // "2 triệu USD", "500 MW", "4 HCV" (an abbreviation's entity too).
        if matches!(doc.tokens[k].kind, TokenKind::Abbrev | TokenKind::Alnum)
            && UNIT_CODES.contains(&doc.tok(k))
        {
            return Some(k + 1);
        }
        // "38 ĐVHC", "40 HTX", "2.500 ĐVTN": an abbreviated noun, but not a
        // body's ("5 UBND", "QĐND"), nor after a code's number ("tàu QT
        // 90318 TS", a year, "quận 1").
        let coded = |p: usize| {
            doc.tokens[p].kind != TokenKind::Number
                || doc.tok(p).len() >= 4 && doc.tok(p).bytes().all(|b| b.is_ascii_digit())
                || p > 0
                    && (matches!(doc.tokens[p - 1].kind, TokenKind::Abbrev | TokenKind::Alnum)
                        || lx.admin.contains(cx.keys[p - 1]))
        };
        // (Its abbreviation's entity covers it.)
        if doc.tokens[k].kind == TokenKind::Abbrev
            && k > 0
            && !coded(k - 1)
            && doc.tok(k).chars().all(char::is_alphabetic)
            && lx.org_heads.longest_at(&cx.keys[..n], k).is_none()
            && lx
                .abbreviations
                .get(&cx.keys[k])
                .is_none_or(|&(_, org)| !org)
        {
            return Some(k + 1);
        }
        if covered[k] {
            return None;
        }
        if doc.tokens[k].kind != TokenKind::Syllable {
            return None;
        }
        let first = doc.tok(k).chars().next()?;
        // "47 bị hại", "5 bị can": right after a number, "bị" is no passive
        // (which needs a subject) but a party to a case.
        if is(k, kw!("bị")) && lower_syllable(k + 1) {
            return Some(k + 2);
        }
        let e = word_end(k);
        // A function word, but not as the first syllable of a noun.
        let noun = e > k + 1 && lx.dictionary.in_lexicon(&[doc.tok(k), doc.tok(k + 1)]);
        if !first.is_lowercase() || lx.not_unit.contains(cx.keys[k]) && !noun {
            return None;
        }
        // "39 độ C": the degree with its scale.
        if e == k + 1
            && is(k, kw!("độ"))
            && e < n
            && matches!(doc.tok(e), "C" | "F")
            && doc.tokens[k].end + 1 == doc.tokens[e].start
        {
            return Some(e + 1);
        }
        // A classifier takes the noun after it: "500 căn nhà".
        let noun = e == k + 1
            && lower_syllable(e)
            && lx.classifiers.contains(cx.keys[k])
            && !lx.not_unit.contains(cx.keys[e]);
        Some(if noun { word_end(e) } else { e })
    };
    let mut next = 0;
    // Only numbers and percentages (one tight pass over the flags).
    for i in cx.flagged(0, n, NUM) {
        if covered[i] || i < next || !matches!(cx.kinds[i], TokenKind::Percent | TokenKind::Number)
        {
            continue;
        }
        let t = doc.tokens[i];
        // "9-10%", "50 - 100 mm", "5,5-5,7 tỷ USD": the lower end of a
        // range takes the unit (and multiplier) of the upper one.
        let lower = |upper: f64, m: f64, unit: &str, out: &mut Analysis| {
            if i < 2
                || !matches!(doc.tok(i - 1), "-" | "–")
                || doc.tokens[i - 2].kind != TokenKind::Number
                || covered[i - 2]
                || i >= 4 && matches!(doc.tok(i - 3), "-" | "–" | "/")
            {
                return;
            }
            if let Some(v) = parse_number(doc.tok(i - 2)).filter(|&v| v < upper) {
                push(
                    cx,
                    out,
                    i - 2,
                    i - 1,
                    scaled(doc.tok(i - 2), v, m),
                    unit.into(),
                );
            }
        };
        if t.kind == TokenKind::Percent {
            if let Some(value) = parse_number(doc.tok(i)) {
                lower(value, 1.0, "%", out);
                push(cx, out, i, i + 1, value, "%".into());
            }
            continue;
        }
        if t.kind != TokenKind::Number {
            continue;
        }
        // "lần 12", "số 5": an ordinal or a reference; but not "một lần 12
        // tháng" (times, then months), nor the last syllable of a longer
        // word ("dân số 61.250 người", "tổng số 120 cán bộ", "định kỳ 2
        // tuần").
        if i > 0
            && lx.not_after.contains(cx.keys[i - 1])
            && !(is(i - 1, kw!("lần"))
                && i > 1
                && (is(i - 2, kw!("một")) || doc.tokens[i - 2].kind == TokenKind::Number))
            && !(i > 1
                && cx.wend[i - 2] as usize == i
                && doc.tokens[i - 2].kind == TokenKind::Syllable)
        {
            continue;
        }
        if i > 1 && is(i - 2, kw!("quốc")) && is(i - 1, kw!("lộ")) {
            continue;
        }
        // "Tết Ất Tỵ 2025", "SEA Games 33 diễn ra", "Nhà máy điện Nhơn
        // Trạch 3": a number that ends a name (the capitalized word before
        // it opens no sentence), no count.
        let tok = doc.tok(i);
        if i > 1
            && cx.is_cap(i - 1)
            && matches!(cx.kinds[i - 2], TokenKind::Syllable | TokenKind::Abbrev)
            && tok.len() <= 4
            && tok.bytes().all(|b| b.is_ascii_digit())
            && doc.sentence_start(i - 1) < i - 1
            // Not a person's name: "bị cáo Nguyễn Văn Tấn 13 năm tù".
            && person_ends
                .binary_search(&doc.tokens[i - 1].end())
                .is_err()
        {
            continue;
        }
        let Some(mut value) = parse_number(doc.tok(i)) else {
            continue;
        };
        // "5/8 đơn vị": 5 of 8.
        let mut j = i + 1;
        if j + 1 < n
            && doc.tok(j) == "/"
            && doc.tokens[j + 1].kind == TokenKind::Number
            && doc.tokens[j].start == t.end
        {
            j += 2;
            next = j;
        }
        // "Hội nghị Trung ương 4 khóa XIII": a plenum's number, then the term.
        if is(j, kw!("khóa")) && cx.kinds.get(j + 1) == Some(&TokenKind::Roman) {
            continue;
        }
        // "6 tháng đầu năm" without a year: part of a period, not a quantity.
        if is(j, kw!("tháng"))
            && (is(j + 1, kw!("đầu")) || is(j + 1, kw!("cuối")))
            && is(j + 2, kw!("năm"))
        {
            continue;
        }
        // "2,5 triệu người"; multipliers chain: "1,82 triệu tỷ đồng".
        let (mut k, mut m) = (j, 1.0);
        while let Some(x) = multiplier(cx, k) {
            m *= x;
            k += 1;
        }
        if k > j {
            // "1,2 tỷ đồng tiền mặt": the currency, not the word "đồng tiền".
            let dong = is(k, kw!("đồng")) && k < n && !covered[k];
            if let Some(e) = if dong { Some(k + 1) } else { unit_word(k) } {
                let unit: Text = doc.span_text(k, e).into();
                lower(value, m, &unit, out);
                value = scaled(doc.tok(i), value, m);
                push(cx, out, i, e, value, unit);
                continue;
            }
        }
        // "lúc 7 giờ", "22 giờ ngày 17/11", "7 giờ sáng 30/10": a time of
        // day, not a duration ("trong 24 giờ").
        // "14 giờ 30 phút ngày 21/6": the minutes too.
        let minutes = is(j, kw!("giờ"))
            && cx.kinds.get(j + 1) == Some(&TokenKind::Number)
            && is(j + 2, kw!("phút"));
        let after = if minutes { j + 3 } else { j + 1 };
        let clock = is(j, kw!("giờ"))
            && (i > 0 && is(i - 1, kw!("lúc"))
                || after < n
                    && (covered[after]
                        || is(after, kw!("hôm"))
                        || super::dates::day_word(cx, after)));
        if clock {
            next = after;
            continue;
        }
        // "9 tháng năm 2024 ... GRDP 9 tháng tăng 7,2%": the period named
        // again without its year, not a duration ("trong 9 tháng", "9
        // tháng qua" are).
        if is(j, kw!("tháng"))
            && doc
                .tok(i)
                .parse()
                .is_ok_and(|m: u32| period_months.contains(&m))
            && !(i > 0 && (is(i - 1, kw!("trong")) || is(i - 1, kw!("sau"))))
            && !is(j + 1, kw!("qua"))
        {
            continue;
        }
        if let Some(e) = unit_word(j) {
            let unit: Text = doc.span_text(j, e).into();
            lower(value, 1.0, &unit, out);
            push(cx, out, i, e, value, unit);
        }
    }
}

fn push(cx: &Ctx, out: &mut Analysis, a: usize, b: usize, value: f64, unit: Text) {
    let doc = cx.doc;
    let text = doc.span_text(a, b).into();
    out.entities.push(doc.entity(
        "quantity",
        a,
        b,
        Some(compact_str::format_compact!("{value} {unit}")),
    ));
    out.quantities.push(Quantity {
        text,
        value,
        unit,
        start: doc.tokens[a].start(),
        end: doc.tokens[b - 1].end(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("23,4%"), Some(23.4));
        assert_eq!(parse_number("1.000.000"), Some(1e6));
        assert_eq!(parse_number("306"), Some(306.0));
        assert_eq!(parse_number("1e400"), None);
    }
}
