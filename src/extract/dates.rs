//! Dates and periods, normalized to ISO 8601.
//!
//! Dates: date tokens ("15-4-2021", "ngày 2/7", "tháng 8-2022"), spelled-out
//! dates ("ngày 15 tháng 4 năm 2021", "tháng 8 năm 2022"), months ("tháng 9"
//! is `--09`) and years ("năm 2021", and "2025" in "năm 2024 và 2025"). The
//! year is never guessed: "ngày 2/7" is `--07-02`.
//!
//! Periods: year ranges ("nhiệm kỳ 2020-2025" is `2020/2025`), date ranges
//! ("19/10/1946 - 19/10/2021", which also gives its two dates), parts of a
//! year ("6 tháng cuối năm 2021" is `2021-07/2021-12`, "quý II/2022" is
//! `2022-04/2022-06`) and "từ năm 2021 đến năm 2025". Term numbers ("khóa
//! XV") are not periods.

use super::lexicons::Id;
use super::people::Ctx;
use crate::analysis::{Analysis, Dated, Text};
use crate::tokenize::TokenKind;

/// Parse a date token ("15-4-2021", "29/6/2023", "2/7", "8-2022") to ISO 8601.
pub fn iso_date(s: &str) -> Option<Text> {
    // At most three parts, without allocating them.
    let mut parts = [""; 3];
    let mut n = 0;
    for p in s.split(['-', '/', '.']) {
        if n == 3 {
            return None;
        }
        parts[n] = p;
        n += 1;
    }
    let num = |p: &str| p.parse::<u32>().ok();
    match &parts[..n] {
        [d, m, y] => {
            let (d, m, y) = (num(d)?, num(m)?, num(y)?);
            valid(y, m, d).then(|| iso(Some(y), m, Some(d)))
        }
        [a, b] if b.len() == 4 => {
            let (m, y) = (num(a)?, num(b)?);
            (1..=12).contains(&m).then(|| iso(Some(y), m, None))
        }
        [d, m] => {
            let (d, m) = (num(d)?, num(m)?);
            valid(2000, m, d).then(|| iso(None, m, Some(d)))
        }
        _ => None,
    }
}

/// "2021-04-15", "2022-08" or "--07-02" (`format!` costs more than the rest
/// of reading a date).
fn iso(y: Option<u32>, m: u32, d: Option<u32>) -> Text {
    let mut out = Text::with_capacity(10);
    let two = |out: &mut Text, v: u32| {
        out.push(char::from(b'0' + (v / 10 % 10) as u8));
        out.push(char::from(b'0' + (v % 10) as u8));
    };
    match y {
        Some(y) => {
            two(&mut out, y / 100);
            two(&mut out, y % 100);
        }
        None => out.push('-'),
    }
    out.push('-');
    two(&mut out, m);
    if let Some(d) = d {
        out.push('-');
        two(&mut out, d);
    }
    out
}

/// Is this a day of the calendar? (A day without a year is checked
/// against leap year 2000: 29/2 is one.)
fn valid(y: u32, m: u32, d: u32) -> bool {
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=9999).contains(&y) && (1..=days).contains(&d)
}

/// A written year: four digits from 1000 to 2999.
fn year(s: &str) -> Option<u32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (1000..3000).contains(y))
}

/// Roman or Arabic quarter number (1–4).
fn quarter(s: &str) -> Option<u32> {
    match s {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

/// Is token `i` "ngày" or a part of the day ("sáng", "đêm" ...)?
pub fn day_word(cx: &Ctx, i: usize) -> bool {
    [
        kw!("ngày"),
        kw!("sáng"),
        kw!("trưa"),
        kw!("chiều"),
        kw!("tối"),
        kw!("đêm"),
    ]
    .into_iter()
    .any(|w| cx.is(i, w))
}

/// Reads dates and periods at token positions.
struct Reader<'c, 'a> {
    cx: &'c Ctx<'a>,
}

impl Reader<'_, '_> {
    fn n(&self) -> usize {
        self.cx.doc.tokens.len()
    }
    fn is(&self, i: usize, w: Id) -> bool {
        self.cx.is(i, w)
    }
    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.cx.kinds.get(i).copied()
    }
    /// Text of token `i`, or "" past the end.
    fn tok(&self, i: usize) -> &str {
        if i < self.n() {
            self.cx.doc.tok(i)
        } else {
            ""
        }
    }
    fn num(&self, i: usize) -> Option<u32> {
        (self.kind(i)? == TokenKind::Number)
            .then(|| self.tok(i).parse().ok())
            .flatten()
    }
    fn year_at(&self, i: usize) -> Option<u32> {
        (self.kind(i)? == TokenKind::Number)
            .then(|| year(self.tok(i)))
            .flatten()
    }

    /// A date starting at `i`: (end, value). Includes a leading "ngày" or
    /// "tháng".
    fn date_at(&self, i: usize) -> Option<(usize, Text)> {
        let lead = usize::from(self.is(i, kw!("ngày")) || self.is(i, kw!("tháng")));
        let j = i + lead;
        if self.kind(j) == Some(TokenKind::Date) {
            return Some((j + 1, iso_date(self.tok(j))?));
        }
        // "ngày 15 tháng 4 năm 2021", "ngày 15 tháng 4".
        if self.is(i, kw!("ngày")) {
            let d = self.num(j)?;
            if !self.is(j + 1, kw!("tháng")) {
                return None;
            }
            let m = self.num(j + 2)?;
            if self.is(j + 3, kw!("năm")) {
                if let Some(y) = self.year_at(j + 4) {
                    return valid(y, m, d)
                        .then(|| (j + 5, compact_str::format_compact!("{y:04}-{m:02}-{d:02}")));
                }
            }
            return valid(2000, m, d)
                .then(|| (j + 3, compact_str::format_compact!("--{m:02}-{d:02}")));
        }
        // "tháng 8 năm 2022".
        if self.is(i, kw!("tháng")) {
            let m = self.num(j).filter(|m| (1..=12).contains(m))?;
            if self.is(j + 1, kw!("năm")) {
                if let Some(y) = self.year_at(j + 2) {
                    return Some((j + 3, compact_str::format_compact!("{y:04}-{m:02}")));
                }
            }
            // "tháng 9": a month, the year not written.
            if self.kind(j + 1) != Some(TokenKind::Number) && self.tok(j + 1) != "/" {
                return Some((j + 1, compact_str::format_compact!("--{m:02}")));
            }
        }
        // "Sáng nay (15/8)", "hôm qua (14/8)": day and month in brackets.
        if self.tok(i) == "("
            && i > 0
            && (self.is(i - 1, kw!("nay"))
                || self.is(i - 1, kw!("qua"))
                || self.is(i - 1, kw!("mai")))
            && i + 4 < self.n()
            && self.tok(i + 2) == "/"
            && self.tok(i + 4) == ")"
        {
            let (d, m) = (self.num(i + 1)?, self.num(i + 3)?);
            return valid(2000, m, d)
                .then(|| (i + 5, compact_str::format_compact!("--{m:02}-{d:02}")));
        }
        // "năm 2021"; "(SN 1990)": "sinh năm", a year of birth.
        if self.is(i, kw!("năm")) || self.tok(i) == "SN" {
            let y = self.year_at(i + 1)?;
            return Some((i + 2, compact_str::format_compact!("{y:04}")));
        }
        None
    }

    /// A period starting at `i`: (end, value).
    fn period_at(&self, i: usize) -> Option<(usize, Text)> {
        // "nhiệm kỳ 2020-2025", "giai đoạn 2021 - 2025", "thời kỳ 2021-2030",
        // "năm học 2025-2026":
        // the range token, quoted with its lead words.
        let lead = (self.is(i, kw!("nhiệm")) && self.is(i + 1, kw!("kỳ")))
            || (self.is(i, kw!("giai")) && self.is(i + 1, kw!("đoạn")))
            || (self.is(i, kw!("thời")) && self.is(i + 1, kw!("kỳ")))
            || (self.is(i, kw!("năm")) && self.is(i + 1, kw!("học")));
        if lead && self.kind(i + 2) == Some(TokenKind::Range) {
            let (e, v) = self.period_at(i + 2)?;
            return Some((e, v));
        }
        if self.kind(i) == Some(TokenKind::Range) {
            let years: Vec<&str> = self
                .tok(i)
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .collect();
            if let [a, b] = years.as_slice() {
                return Some((i + 1, compact_str::format_compact!("{a}/{b}")));
            }
            return None;
        }
        // "6 tháng đầu năm 2021", "9 tháng cuối năm 2021".
        if let Some(n) = self.num(i).filter(|n| (1..=11).contains(n)) {
            if self.is(i + 1, kw!("tháng"))
                && (self.is(i + 2, kw!("đầu")) || self.is(i + 2, kw!("cuối")))
                && self.is(i + 3, kw!("năm"))
            {
                let y = self.year_at(i + 4)?;
                let v = if self.is(i + 2, kw!("đầu")) {
                    compact_str::format_compact!("{y:04}-01/{y:04}-{n:02}")
                } else {
                    compact_str::format_compact!("{y:04}-{:02}/{y:04}-12", 13 - n)
                };
                return Some((i + 5, v));
            }
        }
        // "7 tháng năm 2025": the first seven months.
        if let Some(n) = self.num(i).filter(|n| (1..=12).contains(n)) {
            if self.is(i + 1, kw!("tháng")) && self.is(i + 2, kw!("năm")) {
                if let Some(y) = self.year_at(i + 3) {
                    return Some((
                        i + 4,
                        compact_str::format_compact!("{y:04}-01/{y:04}-{n:02}"),
                    ));
                }
            }
        }
        // "quý II/2022", "quý 3 năm 2021".
        if self.is(i, kw!("quý")) && i + 1 < self.n() {
            let q = quarter(self.tok(i + 1))?;
            let y_at = if self.tok(i + 2) == "/" || self.is(i + 2, kw!("năm")) {
                i + 3
            } else {
                return None;
            };
            let y = self.year_at(y_at)?;
            let (a, b) = (3 * q - 2, 3 * q);
            return Some((
                y_at + 1,
                compact_str::format_compact!("{y:04}-{a:02}/{y:04}-{b:02}"),
            ));
        }
        // "từ năm 2021 đến năm 2025", "từ tháng 1-2021 đến tháng 6-2021",
        // "từ ngày 1/1/2027 đến hết ngày 31/3/2027", "từ ngày 4 đến
        // 7/9/2025" (the first day takes the month and year of the last).
        // "ngày 5 – 7/11/2025": the same without "từ".
        let day_dash = self.is(i, kw!("ngày")) && self.dash_before_date(i + 2);
        if self.is(i, kw!("từ")) || day_dash {
            let (_, e1, a) = self.range_start(i + usize::from(!day_dash))?;
            let b0 = self.range_end_at(e1);
            // A day and month without a day word only after "từ ngày".
            let (e2, b) = if self.day_word(i + 1) {
                self.end_date_at(b0)?
            } else {
                self.date_at(b0)?
            };
            let a = match a {
                Start::Date(a) => complete(&a, &b),
                Start::Day(d) => with_day(&b, d)?,
            };
            return Some((e2, compact_str::format_compact!("{a}/{b}")));
        }
        None
    }

    /// Where the day after a time of day at `i` is written ("13 giờ ngày
    /// 26/10", "17 giờ 30 phút ngày 28/7": the "ngày"), or `i`.
    fn skip_hour(&self, i: usize) -> usize {
        if self.kind(i) != Some(TokenKind::Number) || !self.is(i + 1, kw!("giờ")) {
            return i;
        }
        let mut j = i + 2;
        if self.kind(j) == Some(TokenKind::Number) && self.is(j + 1, kw!("phút")) {
            j += 2;
        }
        if self.is(j, kw!("ngày")) {
            j
        } else {
            i
        }
    }

    /// Where the last date of "từ ... đến" starts, the "đến" at `e1`: past
    /// "hết" and a time of day ("đến hết ngày 31/3", "đến 17 giờ ngày 28/7").
    fn range_end_at(&self, e1: usize) -> usize {
        self.skip_hour(e1 + 1 + usize::from(self.is(e1 + 1, kw!("hết"))))
    }

    /// "ngày" or a part of the day ("từ đêm 25 đến ngày 26/8").
    fn day_word(&self, i: usize) -> bool {
        day_word(self.cx, i)
    }

    /// The end of "từ ... đến": a date, or a day and month written without
    /// a day word ("từ ngày 10 đến 12-3": the tokenizer reads "12-3" as a
    /// date only after a word such as "ngày").
    fn end_date_at(&self, i: usize) -> Option<(usize, Text)> {
        if let Some(found) = self.date_at(i) {
            return Some(found);
        }
        let t = &self.cx.doc.tokens;
        let glued = i + 2 < t.len() && t[i].end == t[i + 1].start && t[i + 1].end == t[i + 2].start;
        if !glued || !matches!(self.tok(i + 1), "-" | "/") {
            return None;
        }
        let (d, m) = (self.num(i)?, self.num(i + 2)?);
        valid(2000, m, d).then(|| (i + 3, compact_str::format_compact!("--{m:02}-{d:02}")))
    }

    /// The start of "từ ... đến": a date, or a bare day ("từ ngày 4 đến
    /// 7/9"), after a time of day ("Từ 13 giờ ngày 26/10 đến ..."); returns
    /// where it starts and the index of "đến".
    fn range_start(&self, i: usize) -> Option<(usize, usize, Start)> {
        let i = self.skip_hour(i);
        if let Some((e, a)) = self.date_at(i) {
            return self.is(e, kw!("đến")).then_some((i, e, Start::Date(a)));
        }
        let j = i + usize::from(self.day_word(i));
        let d = self.num(j).filter(|d| (1..=31).contains(d))?;
        // "từ ngày 5 đến 7/11/2025", "từ ngày 5 – 7/11/2025".
        let dash = self.dash_before_date(j + 1);
        (self.is(j + 1, kw!("đến")) || dash).then_some((i, j + 1, Start::Day(d)))
    }

    /// A dash at `i` between a bare day and a whole date: "5 – 7/11/2025".
    fn dash_before_date(&self, i: usize) -> bool {
        matches!(self.tok(i), "-" | "–" | "—")
            && self.kind(i + 1) == Some(TokenKind::Date)
            && iso_date(self.tok(i + 1)).is_some_and(|v| v.len() == 10)
    }

    /// "ngày 14 và 15-7-2025", "các ngày 14, 15 và 16/7/2025": bare days
    /// before a date take its month and year. The days and the date as
    /// (start, end, value), from "ngày" at `i`.
    fn day_list(&self, i: usize) -> Option<Vec<(usize, usize, Text)>> {
        // "hai ngày (6 và 7/11/2025)", "(6 và 7/11/2025)": the days in
        // brackets, each as written.
        let (bracket, mut j) = if self.is(i, kw!("ngày")) {
            let bracket = self.is(i + 1, kw!("("));
            (bracket, i + 1 + usize::from(bracket))
        } else if self.is(i, kw!("(")) {
            (true, i + 1)
        } else {
            return None;
        };
        let mut days = Vec::new();
        loop {
            let d = self.num(j).filter(|d| (1..=31).contains(d))?;
            days.push((if days.is_empty() && !bracket { i } else { j }, j + 1, d));
            if !matches!(self.tok(j + 1), "," | "và") || days.len() > 31 {
                return None;
            }
            j += 2;
            // "ngày 24 và 25/9/2025"; "hai ngày 26 và 27/6" (a day and month
            // that the tokenizer leaves as numbers without a day word).
            let last = if self.kind(j) == Some(TokenKind::Date) {
                Some((j + 1, iso_date(self.tok(j))?))
            } else if self.kind(j) == Some(TokenKind::Number)
                && self.kind(j + 1) == Some(TokenKind::Punct)
            {
                self.end_date_at(j)
            } else {
                None
            };
            if let Some((e, last)) = last {
                let mut out = days
                    .into_iter()
                    .map(|(a, b, d)| Some((a, b, with_day(&last, d)?)))
                    .collect::<Option<Vec<_>>>()?;
                out.push((j, e, last));
                return Some(out);
            }
        }
    }
}

/// How a "từ ... đến" range starts.
enum Start {
    Date(Text),
    Day(u32),
}

/// The ISO day `date` ("2025-09-07", "--09-07") with day `d` instead.
fn with_day(date: &str, d: u32) -> Option<Text> {
    let (head, day) = date.rsplit_once('-')?;
    if day.len() != 2 || (date.len() != 10 && !date.starts_with("--")) {
        return None;
    }
    let (y, m) = match head.strip_prefix("--") {
        Some(m) => (2000, m.parse().ok()?),
        None => {
            let (y, m) = head.split_once('-')?;
            (y.parse().ok()?, m.parse().ok()?)
        }
    };
    valid(y, m, d).then(|| compact_str::format_compact!("{head}-{d:02}"))
}

/// The start `a` of a range ending at `b`, with `b`'s year when `a` has none
/// ("từ ngày 20/12 đến 5/1/2026": 2025-12-20).
fn complete(a: &str, b: &str) -> Text {
    let (Some(md), Some(y)) = (a.strip_prefix("--"), b.get(..4)) else {
        return a.into();
    };
    let Ok(y) = y.parse::<u32>() else {
        return a.into();
    };
    // Later in the year than the end (compared as far as the end is
    // written: "12-20" against "12" is the same month): the year before.
    let end_md = b.get(5..).unwrap_or("");
    let later = !end_md.is_empty() && md.get(..end_md.len()).is_some_and(|x| x > end_md);
    let y = if later { y - 1 } else { y };
    compact_str::format_compact!("{y:04}-{md}")
}

/// A date written at token `i` ("15-4-2021", "ngày 17-3-2021", "ngày 5
/// tháng 1 năm 2024"), not a bare year: its end and ISO value.
pub fn date_at(cx: &Ctx, i: usize) -> Option<(usize, Text)> {
    Reader { cx }.date_at(i).filter(|(_, v)| v.len() > 4)
}

/// Find dates and periods.
pub fn extract(cx: &Ctx, out: &mut Analysis) {
    let doc = cx.doc;
    let n = doc.tokens.len();
    let s = Reader { cx };
    // Tokens already part of a date or period, and what was found.
    let mut used = vec![false; n];
    let free = |used: &[bool], a: usize, b: usize| b <= n && !used[a..b].contains(&true);
    let mark = |used: &mut [bool], a: usize, b: usize| used[a..b].fill(true);
    let mut dates: Vec<(usize, usize, Text)> = Vec::new();
    let mut periods: Vec<(usize, usize, Text)> = Vec::new();
    // Only these tokens can start a period or a date.
    let cues = [
        kw!("ngày"),
        kw!("tháng"),
        kw!("năm"),
        kw!("quý"),
        kw!("từ"),
        kw!("nhiệm"),
        kw!("giai"),
        kw!("thời"),
        kw!("sn"),
    ];
    // The cues as a table over ids (keywords have the first, small ids).
    let mut is_cue = vec![false; cues.iter().max().map_or(0, |&m| m as usize + 1)];
    for &c in &cues {
        is_cue[c as usize] = true;
    }
    let mut cand: Vec<usize> = Vec::with_capacity(cx.kinds.len() / 8);
    // Without branches on the token (most are none of these).
    for (i, (kind, &k)) in cx.kinds.iter().zip(&cx.keys).enumerate() {
        let yes = matches!(kind, TokenKind::Date | TokenKind::Range | TokenKind::Number)
            | (k == kw!("("))
            | is_cue.get(k as usize).copied().unwrap_or(false);
        if yes {
            cand.push(i);
        }
    }
    // Date ranges first: "19/10/1946 - 19/10/2021" is a period and two dates.
    for &i in &cand {
        if s.kind(i) != Some(TokenKind::Date) || !free(&used, i, i + 1) {
            continue;
        }
        if i + 2 >= n || !matches!(s.tok(i + 1), "-" | "–" | "—") {
            continue;
        }
        if s.kind(i + 2) != Some(TokenKind::Date) {
            continue;
        }
        let (Some(a), Some(b)) = (iso_date(s.tok(i)), iso_date(s.tok(i + 2))) else {
            continue;
        };
        periods.push((i, i + 3, compact_str::format_compact!("{a}/{b}")));
        dates.push((i, i + 1, a));
        dates.push((i + 2, i + 3, b));
        mark(&mut used, i, i + 3);
    }
    // Periods, then dates, left to right.
    let mut next = 0;
    for &i in &cand {
        if i < next || !free(&used, i, i + 1) {
            continue;
        }
        if let Some((e, v)) = s.period_at(i) {
            if free(&used, i, e) {
                // "từ ngày 1/1/2025 đến ngày 31/12/2025": a period and, as
                // for "19/10/1946 - 19/10/2021", its two days as dates.
                let day_dash = s.is(i, kw!("ngày")) && s.dash_before_date(i + 2);
                if s.is(i, kw!("từ")) || day_dash {
                    let day = |v: &str| v.len() == 10 || v.starts_with("--") && v.len() == 7;
                    // "từ ngày 4 đến 7/9/2025": the bare first day too.
                    if let Some((first, e1, start)) = s.range_start(i + usize::from(!day_dash)) {
                        let b0 = s.range_end_at(e1);
                        if let Some((e2, b)) =
                            s.end_date_at(b0).filter(|(e2, b)| *e2 == e && day(b))
                        {
                            let a = match start {
                                // "từ ngày 9/9 đến 30/10/2025": with the
                                // end's year.
                                Start::Date(a) => Some(complete(&a, &b)).filter(|a| day(a)),
                                Start::Day(d) => with_day(&b, d),
                            };
                            if let Some(a) = a {
                                dates.push((first, e1, a));
                                dates.push((b0, e2, b));
                            }
                        }
                    }
                }
                periods.push((i, e, v));
                mark(&mut used, i, e);
                next = e;
            }
        }
    }
    let mut next = 0;
    for &i in &cand {
        if i < next {
            continue;
        }
        let mut i = i;
        if let Some(list) = s.day_list(i) {
            let e = list.last().map_or(i, |x| x.1);
            if free(&used, i, e) {
                mark(&mut used, i, e);
                dates.extend(list);
                next = e;
                continue;
            }
        }
        if free(&used, i, i + 1) {
            if let Some((e, v)) = s.date_at(i) {
                if free(&used, i, e) {
                    let bare_year = v.len() == 4 && !v.starts_with('-');
                    // "(15/8)" is quoted without its brackets.
                    let (a, b) = if s.tok(i) == "(" {
                        (i + 1, e - 1)
                    } else {
                        (i, e)
                    };
                    dates.push((a, b, v));
                    mark(&mut used, i, e);
                    i = e;
                    // "năm 2024 và 2025", "năm 2045, 2050".
                    while bare_year
                        && i + 1 < n
                        && matches!(s.tok(i), "và" | "," | "hoặc")
                        && free(&used, i + 1, i + 2)
                    {
                        let Some(y) = s.year_at(i + 1) else { break };
                        dates.push((i + 1, i + 2, compact_str::format_compact!("{y:04}")));
                        mark(&mut used, i + 1, i + 2);
                        i += 2;
                    }
                    next = i;
                }
            }
        }
    }
    for (list, kind, spans) in [
        (&mut out.dates, "date", dates),
        (&mut out.periods, "period", periods),
    ] {
        let mut spans = spans;
        spans.sort();
        for (a, b, value) in spans {
            out.entities
                .push(doc.entity(kind, a, b, Some(value.clone())));
            list.push(Dated {
                text: doc.span_text(a, b).into(),
                value,
                start: doc.tokens[a].start(),
                end: doc.tokens[b - 1].end(),
            });
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
        assert_eq!(iso_date("13-2022"), None);
        assert_eq!(iso_date("32/1"), None);
        assert_eq!(iso_date("x"), None);
    }
}
