//! Calendar expressions in running text, normalised to EDTF at the precision written:
//! "1994" → `1994`, "June 2023" → `2023-06`, "September 11, 2001" → `2001-09-11`,
//! "the 1990s" → `199X`, "in December" → `XXXX-12` (or the year of the source when it
//! is known), "2017-2021" → `2017/2021`. English, Spanish and Portuguese month names.

use super::tokens::{tokenize, Token};

/// One date found in a text; offsets are byte offsets into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub edtf: String,
}

/// Month names and abbreviations (lower case) with their number.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
];

/// Words after which a bare month name is a date ("in December", "since March").
const MONTH_CONTEXT: &[&str] = &[
    "in", "on", "since", "until", "till", "by", "from", "during", "early", "late", "mid", "last", "next", "this",
    "through", "before", "after", "en", "desde", "hasta", "durante", "de", "em", "desde", "até", "no", "of",
];

/// The number of a month name or abbreviation, in any case.
pub fn month_number(word: &str) -> Option<u32> {
    month(word)
}

fn month(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == lower).map(|(_, n)| *n)
}

/// A year in running text: four digits from 1000 to 2099.
fn year(token: &Token<'_>) -> Option<u32> {
    if token.text.len() != 4 || !token.is_digits() {
        return None;
    }
    let year: u32 = token.text.parse().ok()?;
    (1000..=2099).contains(&year).then_some(year)
}

fn day(token: &Token<'_>) -> Option<u32> {
    // 11th, 1st, 2nd, 1º, 1°, 1er
    let digits = token.text.trim_end_matches(|c: char| c.is_ascii_alphabetic() || matches!(c, 'º' | '°' | 'ª'));
    let suffix = &token.text[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "º" | "°" | "o" | "er") {
        return None;
    }
    let day: u32 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

fn valid_day(year: u32, month: u32, day: u32) -> bool {
    chrono::NaiveDate::from_ymd_opt(year as i32, month, day).is_some()
}

/// Finds every date in `text`. A bare month takes `reference_year` when given.
pub fn find_dates(text: &str, reference_year: Option<i32>) -> Vec<FoundDate> {
    let tokens = tokenize(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((date, next)) = date_at(text, &tokens, i, reference_year) {
            found.push(date);
            i = next;
        } else {
            i += 1;
        }
    }
    found
}

/// The date starting at token `i`, with the index of the token after it.
fn date_at(text: &str, t: &[Token<'_>], i: usize, reference_year: Option<i32>) -> Option<(FoundDate, usize)> {
    let get = |k: usize| t.get(k);
    let is = |k: usize, s: &str| get(k).is_some_and(|tok| tok.text.eq_ignore_ascii_case(s));
    let span = |from: usize, to: usize, edtf: String| FoundDate { start: t[from].start, end: t[to].end, edtf };
    let first = get(i)?;
    // "between 2020 and 2022", "entre 2020 y 2022", "from 2017 to 2021", "de 2017 a 2021".
    const OPEN: &[&str] = &["between", "from", "entre", "desde", "de"];
    const CLOSE: &[&str] = &["and", "to", "through", "y", "e", "a", "hasta", "até"];
    if OPEN.iter().any(|w| first.text.eq_ignore_ascii_case(w)) {
        if let (Some(y1), Some(y2)) = (get(i + 1).and_then(year), get(i + 3).and_then(year)) {
            if CLOSE.iter().any(|w| is(i + 2, w))
                && y2 > y1
                && get(i + 4).is_none_or(|n| month_number(n.text).is_none())
            {
                return Some((span(i, i + 3, format!("{y1:04}/{y2:04}")), i + 4));
            }
        }
    }

    if let Some(m) = month(first.text) {
        // Skip the period of an abbreviation: "Sept. 11, 2001".
        let mut k = i + 1;
        if is(k, ".") && first.text.len() <= 4 {
            k += 1;
        }
        // Month Day, Year
        if let Some(d) = get(k).and_then(day) {
            let mut y_at = k + 1;
            if is(y_at, ",") {
                y_at += 1;
            }
            if let Some(y) = get(y_at).and_then(year) {
                if valid_day(y, m, d) {
                    return Some((span(i, y_at, format!("{y:04}-{m:02}-{d:02}")), y_at + 1));
                }
            }
        }
        // Month [of|de] Year
        let mut y_at = k;
        if is(y_at, "de") || is(y_at, "of") || is(y_at, ",") {
            y_at += 1;
        }
        if let Some(y) = get(y_at).and_then(year) {
            return Some((span(i, y_at, format!("{y:04}-{m:02}")), y_at + 1));
        }
        // A bare month needs a word that makes it a date ("in December"), and a capital
        // in English so that "may" and "march" as verbs stay words.
        let before = i.checked_sub(1).and_then(get).map(|p| p.text.to_lowercase());
        let capitalised = first.text.chars().next().is_some_and(char::is_uppercase);
        let spanish_or_portuguese = !MONTHS[..24].iter().any(|(n, _)| first.text.eq_ignore_ascii_case(n));
        if before.as_deref().is_some_and(|b| MONTH_CONTEXT.contains(&b)) && (capitalised || spanish_or_portuguese) {
            let edtf = match reference_year {
                Some(y) => format!("{y:04}-{m:02}"),
                None => format!("XXXX-{m:02}"),
            };
            return Some((span(i, i, edtf), i + 1));
        }
        return None;
    }

    if let Some(d) = day(first) {
        // Day Month Year, Day de Month de Year
        let mut k = i + 1;
        if is(k, "de") || is(k, "of") {
            k += 1;
        }
        if let Some(m) = get(k).and_then(|tok| month(tok.text)) {
            let mut y_at = k + 1;
            if is(y_at, ".") {
                y_at += 1;
            }
            if is(y_at, "de") || is(y_at, ",") {
                y_at += 1;
            }
            if let Some(y) = get(y_at).and_then(year) {
                if valid_day(y, m, d) {
                    return Some((span(i, y_at, format!("{y:04}-{m:02}-{d:02}")), y_at + 1));
                }
            }
        }
    }

    // Decades: "the 1990s", "1990s", "los años 90" is left to a later day.
    if first.text.len() == 5 && first.text.ends_with('s') && first.text[..4].bytes().all(|b| b.is_ascii_digit()) {
        let decade = &first.text[..4];
        if decade.ends_with('0') && (1000..=2090).contains(&decade.parse::<u32>().ok()?) {
            let edtf =
                if decade.ends_with("00") { format!("{}XX", &decade[..2]) } else { format!("{}X", &decade[..3]) };
            let from = if i > 0 && is(i - 1, "the") { i - 1 } else { i };
            return Some((span(from, i, edtf), i + 1));
        }
    }

    let y = year(first)?;
    // Money, measures and long numbers are not years: "$2022", "1,994", "2022 km".
    let before = &text[..first.start];
    if before.ends_with(['$', '€', '£', '#'])
        || before.ends_with(',') && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let after = &text[first.end..];
    if after.starts_with([',', '.']) && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // ISO date: 2023-06-14
    if is(i + 1, "-") && is(i + 3, "-") {
        if let (Some(m), Some(d)) = (get(i + 2), get(i + 4)) {
            if m.text.len() == 2 && d.text.len() == 2 && m.is_digits() && d.is_digits() {
                let (m, d): (u32, u32) = (m.text.parse().ok()?, d.text.parse().ok()?);
                if valid_day(y, m, d) {
                    return Some((span(i, i + 4, format!("{y:04}-{m:02}-{d:02}")), i + 5));
                }
            }
        }
    }
    // Interval: 2017-2021, 2017–2021
    if get(i + 1).is_some_and(|d| matches!(d.text, "-" | "–" | "—"))
        && t.get(i + 1).is_some_and(|d| d.start == first.end)
    {
        if let Some(y2) = get(i + 2).and_then(year) {
            if y2 > y && t[i + 2].start == t[i + 1].end {
                return Some((span(i, i + 2, format!("{y:04}/{y2:04}")), i + 3));
            }
        }
    }
    Some((span(i, i, format!("{y:04}")), i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<(&str, String)> {
        find_dates(text, None).into_iter().map(|d| (&text[d.start..d.end], d.edtf)).collect()
    }

    #[test]
    fn dates_keep_the_precision_written() {
        let text = "Hezbollah struck in 1994 and during the 1990s; on September 11, 2001 and in June 2023 \
                    Díaz-Canel visited Iran in December. The 2017-2021 term and the 1900s.";
        assert_eq!(
            dates(text),
            vec![
                ("1994", "1994".into()),
                ("the 1990s", "199X".into()),
                ("September 11, 2001", "2001-09-11".into()),
                ("June 2023", "2023-06".into()),
                ("December", "XXXX-12".into()),
                ("2017-2021", "2017/2021".into()),
                ("the 1900s", "19XX".into()),
            ]
        );
    }

    #[test]
    fn other_word_orders_and_languages() {
        assert_eq!(dates("on 11 September 2001."), vec![("11 September 2001", "2001-09-11".into())]);
        assert_eq!(dates("Sept. 11, 2001"), vec![("Sept. 11, 2001", "2001-09-11".into())]);
        assert_eq!(dates("el 14 de junio de 2023"), vec![("14 de junio de 2023", "2023-06-14".into())]);
        assert_eq!(dates("em 3 de março de 2020"), vec![("3 de março de 2020", "2020-03-03".into())]);
        assert_eq!(dates("1º de março de 2023"), vec![("1º de março de 2023", "2023-03-01".into())]);
        assert_eq!(dates("en diciembre, dijo"), vec![("diciembre", "XXXX-12".into())]);
        assert_eq!(dates("published 2023-06-14"), vec![("2023-06-14", "2023-06-14".into())]);
    }

    #[test]
    fn spans_of_years_written_out_are_intervals() {
        assert_eq!(dates("between 2020 and 2022,"), vec![("between 2020 and 2022", "2020/2022".into())]);
        assert_eq!(dates("entre 2015 y 2018"), vec![("entre 2015 y 2018", "2015/2018".into())]);
        assert_eq!(dates("de 2017 a 2021"), vec![("de 2017 a 2021", "2017/2021".into())]);
        // Not a span: the second year is not later, or belongs to a fuller date.
        assert_eq!(dates("between 2022 and 2020").len(), 2);
        assert_eq!(dates("from 2019 to 2021 March")[0].1, "2019");
    }

    #[test]
    fn words_and_numbers_that_are_not_dates() {
        assert!(dates("You may march on. It cost $2022 and 1,994 people; 12345 votes. March ahead.").is_empty());
        assert_eq!(dates("February 30, 2023"), vec![("2023", "2023".into())]);
    }

    #[test]
    fn a_bare_month_takes_the_source_year_when_known() {
        let found = find_dates("He visited in March.", Some(2024));
        assert_eq!(found[0].edtf, "2024-03");
    }
}
