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

/// Day names (lower case) with their number from Monday = 0; Portuguese ones are the
/// word before "-feira".
const WEEKDAYS: &[(&str, u32)] = &[
    ("monday", 0),
    ("tuesday", 1),
    ("wednesday", 2),
    ("thursday", 3),
    ("friday", 4),
    ("saturday", 5),
    ("sunday", 6),
    ("lunes", 0),
    ("martes", 1),
    ("miércoles", 2),
    ("miercoles", 2),
    ("jueves", 3),
    ("viernes", 4),
    ("sábado", 5),
    ("sabado", 5),
    ("domingo", 6),
    ("segunda", 0),
    ("terça", 1),
    ("terca", 1),
    ("quarta", 2),
    ("quinta", 3),
    ("sexta", 4),
];

/// Words that narrow a period to its start, middle or end ("early 2024", "mid-June",
/// "a finales de 2022", "em meados de 2023"); the period keeps its own precision, as
/// EDTF has no code for a third of a year.
const QUALIFIERS: &[&str] = &["early", "mid", "late"];
/// Spanish and Portuguese qualifiers, each followed by "de".
const QUALIFIERS_DE: &[&str] = &[
    "principios",
    "comienzos",
    "inicios",
    "mediados",
    "finales",
    "fines",
    "início",
    "inícios",
    "começo",
    "meados",
    "fim",
    "final",
    "finais",
];

/// Seasons with their EDTF code (21 spring … 24 winter).
const SEASONS: &[(&str, u32)] = &[
    ("spring", 21),
    ("summer", 22),
    ("autumn", 23),
    ("fall", 23),
    ("winter", 24),
    ("primavera", 21),
    ("verano", 22),
    ("otoño", 23),
    ("invierno", 24),
    ("verão", 22),
    ("outono", 23),
    ("inverno", 24),
];

/// Ordinal words of the centuries news writes out.
const CENTURY_WORDS: &[(&str, u32)] = &[
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("first", 21), // after "twenty-"
];

/// When a text was published, at the precision known: what "last Thursday", "el año
/// pasado" and a month without a year are read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Published {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Published {
    /// Reads the start of an ISO date or timestamp: "2024", "2024-05", "2024-05-06",
    /// "2024-05-06T10:00:00Z"; anything else is unknown.
    pub fn parse(value: &str) -> Option<Published> {
        let value = value.trim();
        let year: i32 = value.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
        let part = |range: std::ops::Range<usize>| -> Option<u32> {
            let digits = value.get(range)?;
            digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse().ok()).flatten()
        };
        let month = (value.get(4..5) == Some("-")).then(|| part(5..7)).flatten().filter(|m| (1..=12).contains(m));
        let day = month
            .and((value.get(7..8) == Some("-")).then(|| part(8..10)).flatten())
            .filter(|d| month.is_some_and(|m| valid_day(year as u32, m, *d)));
        (1000..=2099).contains(&year).then_some(Published { year, month, day })
    }

    /// Only the year, for texts whose date is known no closer.
    pub fn year(year: i32) -> Published {
        Published { year, month: None, day: None }
    }

    fn date(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// The year of a month written without one: the publication's, unless the month
    /// lies well after the publication's month, when the text means the one before
    /// ("November" in a piece of 3 January 2019 is November 2018).
    fn year_of_month(&self, month: u32) -> i32 {
        match self.month {
            Some(published) if month > published + 2 => self.year - 1,
            _ => self.year,
        }
    }
}

/// The number of a month name or abbreviation, in any case.
pub fn month_number(word: &str) -> Option<u32> {
    month(word)
}

fn month(word: &str) -> Option<u32> {
    lookup(MONTHS, word)
}

/// A month name as a date may use it: English names and abbreviations only when
/// capitalised, so that "may", "march" and "mar" stay words.
fn month_of(token: &Token<'_>) -> Option<u32> {
    let at = MONTHS.iter().position(|(name, _)| same_word(token.text, name))?;
    (at >= 24 || token.is_capitalised()).then_some(MONTHS[at].1)
}

fn weekday(word: &str) -> Option<u32> {
    lookup(WEEKDAYS, word)
}

/// The number `table` gives `word` in any case, without allocating for the words of
/// running text that are in no table.
fn lookup(table: &[(&str, u32)], word: &str) -> Option<u32> {
    table.iter().find(|(name, _)| same_word(word, name)).map(|(_, n)| *n)
}

/// Whether `word` is `lower` (a lower-case table word) in any case.
fn same_word(word: &str, lower: &str) -> bool {
    word.eq_ignore_ascii_case(lower) || !lower.is_ascii() && word.len() == lower.len() && word.to_lowercase() == lower
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

/// A Roman numeral of a century (I to XXI).
fn roman(word: &str) -> Option<u32> {
    let value = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        _ => None,
    };
    let digits: Vec<u32> = word.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, d) in digits.iter().enumerate() {
        if digits.get(k + 1).is_some_and(|next| next > d) {
            total -= *d as i32;
        } else {
            total += *d as i32;
        }
    }
    (1..=21).contains(&total).then_some(total as u32)
}

/// Finds every date in `text`. What is written relative to the publication ("last
/// Thursday", "el año pasado", "June 7") is dated against `published` when known.
pub fn find_dates(text: &str, published: Option<Published>) -> Vec<FoundDate> {
    let tokens = tokenize(text);
    let scan = Scan { text, t: &tokens, published };
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((date, next)) = scan.date_at(i) {
            found.push(date);
            i = next;
        } else {
            i += 1;
        }
    }
    found
}

/// The tokens of one text and what they are read against.
struct Scan<'t, 'a> {
    text: &'a str,
    t: &'t [Token<'a>],
    published: Option<Published>,
}

impl Scan<'_, '_> {
    fn get(&self, k: usize) -> Option<&Token<'_>> {
        self.t.get(k)
    }

    fn is(&self, k: usize, word: &str) -> bool {
        // Every token passes here: compare without allocating unless the word needs it.
        self.t.get(k).is_some_and(|tok| same_word(tok.text, word))
    }

    fn is_any(&self, k: usize, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(k, w))
    }

    fn span(&self, from: usize, to: usize, edtf: String) -> FoundDate {
        FoundDate { start: self.t[from].start, end: self.t[to].end, edtf }
    }

    /// The date starting at token `i`, with the index of the token after it.
    fn date_at(&self, i: usize) -> Option<(FoundDate, usize)> {
        // Most words start no date: one look-up turns them away before the forms are tried.
        if !could_start_a_date(self.get(i)?.text) {
            return None;
        }
        self.relative_at(i)
            .or_else(|| self.qualified_at(i))
            .or_else(|| self.weekday_before_at(i))
            .or_else(|| self.century_at(i))
            .or_else(|| self.season_at(i))
            .or_else(|| self.plain_at(i, false))
    }

    /// "early 2024", "mid-June", "the late 1800s", "finales de 2022", "meados de maio":
    /// the qualifier joins the span, and the period keeps its value.
    fn qualified_at(&self, i: usize) -> Option<(FoundDate, usize)> {
        let at = if self.is(i, "the") { i + 1 } else { i };
        let inner = if self.is_any(at, QUALIFIERS) {
            if self.is(at + 1, "-") {
                at + 2
            } else {
                at + 1
            }
        } else if self.is_any(at, QUALIFIERS_DE) && self.is_any(at + 1, &["de", "do", "del"]) {
            at + 2
        } else {
            return None;
        };
        let (date, next) = self.century_at(inner).or_else(|| self.plain_at(inner, true))?;
        Some((FoundDate { start: self.t[i].start, ..date }, next))
    }

    /// "Tuesday 15 October 2019", "Thursday, June 7": a day name joins a dated day.
    fn weekday_before_at(&self, i: usize) -> Option<(FoundDate, usize)> {
        weekday(self.get(i)?.text)?;
        if !self.get(i)?.is_capitalised() {
            return None;
        }
        let inner = if self.is(i + 1, ",") { i + 2 } else { i + 1 };
        let (date, next) = self.plain_at(inner, false)?;
        (date.edtf.len() == 10).then_some((FoundDate { start: self.t[i].start, ..date }, next))
    }

    /// "the 19th century", "the early twenty-first century", "el siglo XIX", "século XX".
    fn century_at(&self, i: usize) -> Option<(FoundDate, usize)> {
        let from = i;
        let at = if self.is_any(i, &["the", "el", "o"]) { i + 1 } else { i };
        let edtf = |n: u32| format!("{:02}XX", n - 1);
        if self.is_any(at, &["siglo", "século"]) {
            let n = roman(self.get(at + 1)?.text)?;
            return Some((self.span(from, at + 1, edtf(n)), at + 2));
        }
        let (n, last) = if self.is(at, "twenty") && self.is(at + 1, "-") && self.is(at + 2, "first") {
            (21, at + 2)
        } else if let Some(n) = lookup(&CENTURY_WORDS[..5], self.get(at)?.text) {
            (n, at)
        } else {
            let word = self.get(at)?.text;
            let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &word[digits.len()..];
            if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "st" | "nd" | "rd" | "th") {
                return None;
            }
            (digits.parse().ok()?, at)
        };
        if !(1..=21).contains(&n) || !self.is_any(last + 1, &["century", "centuries"]) {
            return None;
        }
        Some((self.span(from, last + 1, edtf(n)), last + 2))
    }

    /// "spring 2019", "summer of 2020", "el verano de 2021".
    fn season_at(&self, i: usize) -> Option<(FoundDate, usize)> {
        let season = lookup(SEASONS, self.get(i)?.text)?;
        let y_at = if self.is_any(i + 1, &["of", "de", "do", "del"]) { i + 2 } else { i + 1 };
        let (y, last) = self.year_at(y_at)?;
        Some((self.span(i, last, format!("{y:04}-{season}")), last + 1))
    }

    /// A year written as digits, or relative to the publication ("this year", "el año
    /// pasado", "o ano passado"), with the index of its last token.
    fn year_at(&self, k: usize) -> Option<(i32, usize)> {
        if let Some(y) = self.get(k).and_then(year) {
            return Some((y as i32, k));
        }
        self.relative_year_at(k).map(|(_, y, last)| (y, last))
    }

    /// "this year", "last year", "el año pasado", "este año", "o ano passado", "este ano":
    /// the first token of the expression, its year and its last token.
    fn relative_year_at(&self, k: usize) -> Option<(usize, i32, usize)> {
        let year = self.published?.year;
        if self.is_any(k, &["this", "este", "neste"]) && self.is_any(k + 1, &["year", "año", "ano"]) {
            return Some((k, year, k + 1));
        }
        // ("the past year" is the last twelve months, no calendar year.)
        if self.is(k, "last") && self.is(k + 1, "year") {
            return Some((k, year - 1, k + 1));
        }
        let article = if self.is_any(k, &["el", "o"]) { k + 1 } else { k };
        if self.is_any(article, &["año", "ano"]) && self.is_any(article + 1, &["pasado", "passado"]) {
            return Some((k, year - 1, article + 1));
        }
        None
    }

    /// Dates read against the publication: "last Thursday", "el pasado jueves", "última
    /// segunda-feira", "último dia 14", "last July", "this past January", "el año pasado".
    fn relative_at(&self, i: usize) -> Option<(FoundDate, usize)> {
        let published = self.published?;
        if let Some((from, y, last)) = self.relative_year_at(i) {
            return Some((self.span(from, last, format!("{y:04}")), last + 1));
        }
        // The word that says "the last one before publication", and where the day or
        // month follows it.
        let after = if self.is(i, "last") || self.is_any(i, &["última", "último"]) {
            i + 1
        } else if self.is(i, "this") && self.is(i + 1, "past") {
            i + 2
        } else if self.is(i, "el") && self.is(i + 1, "pasado") {
            i + 2
        } else if self.is(i, "pasado") && !self.is(i.wrapping_sub(1), "el") {
            i + 1
        } else {
            // "el jueves pasado", "na segunda-feira passada"
            let day_name = weekday(self.get(i)?.text)?;
            let mut last = i;
            if self.is(i + 1, "-") && self.is(i + 2, "feira") {
                last = i + 2;
            }
            if !self.is_any(last + 1, &["pasado", "passada", "passado"]) {
                return None;
            }
            let from = if i > 0 && self.is_any(i - 1, &["el", "na", "no"]) { i - 1 } else { i };
            let day = last_weekday_before(published.date()?, day_name);
            return Some((self.span(from, last + 1, day.format("%Y-%m-%d").to_string()), last + 2));
        };
        let word = self.get(after)?;
        if let Some(day_name) = weekday(word.text) {
            let mut last = after;
            if self.is(after + 1, "-") && self.is(after + 2, "feira") {
                last = after + 2;
            }
            let day = last_weekday_before(published.date()?, day_name);
            return Some((self.span(i, last, day.format("%Y-%m-%d").to_string()), last + 1));
        }
        // "último dia 14", "el pasado día 14": the last such day of a month up to the publication.
        if self.is_any(after, &["dia", "día"]) {
            let d = self.get(after + 1).and_then(day)?;
            let (year, month, today) = (published.year, published.month?, published.day?);
            let (year, month) = if d <= today {
                (year, month)
            } else if month == 1 {
                (year - 1, 12)
            } else {
                (year, month - 1)
            };
            if !valid_day(year as u32, month, d) {
                return None;
            }
            return Some((self.span(i, after + 1, format!("{year:04}-{month:02}-{d:02}")), after + 2));
        }
        // "last July", "this past January": the latest such month before publication.
        let m = month_of(word)?;
        let current = published.month?;
        let year = if m < current { published.year } else { published.year - 1 };
        Some((self.span(i, after, format!("{year:04}-{m:02}")), after + 1))
    }

    /// Calendar dates written out: a day, a month or a year with what precision the text
    /// gives, intervals of years, decades. `qualified` says a qualifier ("mid-") came
    /// before, which makes a bare month a date as "in" does.
    fn plain_at(&self, i: usize, qualified: bool) -> Option<(FoundDate, usize)> {
        let first = self.get(i)?;
        if let Some(found) = self.years_between(i) {
            return Some(found);
        }
        if let Some(m) = month(first.text) {
            return self.month_first(i, m, qualified);
        }
        if let Some(d) = day(first) {
            if let Some(found) = self.day_first(i, d) {
                return found;
            }
        }
        if let Some(found) = self.decade(i, qualified) {
            return Some(found);
        }
        self.year_first(i)
    }

    /// "between 2020 and 2022", "entre 2020 y 2022", "from 2017 to 2021", "de 2017 a 2021".
    fn years_between(&self, i: usize) -> Option<(FoundDate, usize)> {
        const OPEN: &[&str] = &["between", "from", "entre", "desde", "de"];
        const CLOSE: &[&str] = &["and", "to", "through", "y", "e", "a", "hasta", "até"];
        if self.is_any(i, OPEN) {
            if let (Some(y1), Some(y2)) = (self.get(i + 1).and_then(year), self.get(i + 3).and_then(year)) {
                if self.is_any(i + 2, CLOSE)
                    && y2 > y1
                    && self.get(i + 4).is_none_or(|n| month_number(n.text).is_none())
                {
                    return Some((self.span(i, i + 3, format!("{y1:04}/{y2:04}")), i + 4));
                }
            }
        }
        None
    }

    /// A date that opens on a month: "June 14, 2023", "June 14", "June 2023", "junio de
    /// 2023", "in December".
    fn month_first(&self, i: usize, m: u32, qualified: bool) -> Option<(FoundDate, usize)> {
        let first = self.get(i)?;
        // Skip the period of an abbreviation: "Sept. 11, 2001".
        let mut k = i + 1;
        if self.is(k, ".") && first.text.len() <= 4 {
            k += 1;
        }
        // Month Day, Year — or Month Day alone, in the publication's year.
        if let Some(d) = self.get(k).and_then(day) {
            let mut y_at = k + 1;
            if self.is(y_at, ",") {
                y_at += 1;
            }
            if let Some(y) = self.get(y_at).and_then(year) {
                if valid_day(y, m, d) {
                    return Some((self.span(i, y_at, format!("{y:04}-{m:02}-{d:02}")), y_at + 1));
                }
            }
            // Not "May 5 percent": the number must not run on into another.
            let runs_on = self.get(k + 1).is_some_and(|n| {
                n.is_digits()
                    || matches!(n.text, "%" | ":" | "percent" | "per" | "million" | "billion" | "times" | "por")
            });
            if month_of(first).is_some() && !runs_on {
                let edtf = self.day_in_year(m, d)?;
                return Some((self.span(i, k, edtf), k + 1));
            }
        }
        // Month [of|de] Year
        let mut y_at = k;
        if self.is_any(y_at, &["de", "of", "del", ","]) {
            y_at += 1;
        }
        if let Some((y, last)) = self.year_at(y_at) {
            return Some((self.span(i, last, format!("{y:04}-{m:02}")), last + 1));
        }
        // A bare month needs a word that makes it a date ("in December"), and a
        // capital in English so that "may" and "march" as verbs stay words.
        let before = i.checked_sub(1).and_then(|k| self.get(k)).map(|p| p.text.to_lowercase());
        if (qualified || before.as_deref().is_some_and(|b| MONTH_CONTEXT.contains(&b))) && month_of(first).is_some() {
            let edtf = match self.published {
                Some(published) => format!("{:04}-{m:02}", published.year_of_month(m)),
                None => format!("XXXX-{m:02}"),
            };
            return Some((self.span(i, i, edtf), i + 1));
        }
        None
    }

    /// A date that opens on a day: "14 June 2023", "14 de junio de 2023", "14 June".
    /// None when no month follows the day; else what it reads (None within when the day
    /// cannot be placed in a year).
    fn day_first(&self, i: usize, d: u32) -> Option<Option<(FoundDate, usize)>> {
        // Day Month Year, Day de Month de Year — or Day Month alone.
        let mut k = i + 1;
        if self.is(k, "de") || self.is(k, "of") {
            k += 1;
        }
        if let Some(m) = self.get(k).and_then(month_of) {
            let mut y_at = k + 1;
            if self.is(y_at, ".") {
                y_at += 1;
            }
            if self.is(y_at, "de") || self.is(y_at, ",") {
                y_at += 1;
            }
            if let Some(y) = self.get(y_at).and_then(year) {
                if valid_day(y, m, d) {
                    return Some(Some((self.span(i, y_at, format!("{y:04}-{m:02}-{d:02}")), y_at + 1)));
                }
            }
            return Some(self.day_in_year(m, d).map(|edtf| (self.span(i, k, edtf), k + 1)));
        }
        None
    }

    /// Decades: "the 1990s", "1990s" ("los años 90" is left to a later day).
    fn decade(&self, i: usize, qualified: bool) -> Option<(FoundDate, usize)> {
        let first = self.get(i)?;
        if first.text.len() == 5 && first.text.ends_with('s') && first.text[..4].bytes().all(|b| b.is_ascii_digit()) {
            let decade = &first.text[..4];
            if decade.ends_with('0') && (1000..=2090).contains(&decade.parse::<u32>().ok()?) {
                // "the 1800s" is a century, but "the 2000s" the decade: no one yet means
                // a century that has not run its course.
                let century = decade.ends_with("00") && decade < "2000";
                let edtf = if century { format!("{}XX", &decade[..2]) } else { format!("{}X", &decade[..3]) };
                let from = if i > 0 && self.is(i - 1, "the") && !qualified { i - 1 } else { i };
                return Some((self.span(from, i, edtf), i + 1));
            }
        }
        None
    }

    /// A year, an ISO date or an interval of years: "2023", "2023-06-14", "2017–2021";
    /// not money, measures or long numbers.
    fn year_first(&self, i: usize) -> Option<(FoundDate, usize)> {
        let first = self.get(i)?;
        let y = year(first)?;
        // Money, measures and long numbers are not years: "$2022", "1,994", "2022 km".
        let text = self.text;
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
        if self.is(i + 1, "-") && self.is(i + 3, "-") {
            if let (Some(m), Some(d)) = (self.get(i + 2), self.get(i + 4)) {
                if m.text.len() == 2 && d.text.len() == 2 && m.is_digits() && d.is_digits() {
                    let (m, d): (u32, u32) = (m.text.parse().ok()?, d.text.parse().ok()?);
                    if valid_day(y, m, d) {
                        return Some((self.span(i, i + 4, format!("{y:04}-{m:02}-{d:02}")), i + 5));
                    }
                }
            }
        }
        // Interval: 2017-2021, 2017–2021
        if self.get(i + 1).is_some_and(|d| matches!(d.text, "-" | "–" | "—")) && self.t[i + 1].start == first.end {
            if let Some(y2) = self.get(i + 2).and_then(year) {
                if y2 > y && self.t[i + 2].start == self.t[i + 1].end {
                    return Some((self.span(i, i + 2, format!("{y:04}/{y2:04}")), i + 3));
                }
            }
        }
        Some((self.span(i, i, format!("{y:04}")), i + 1))
    }

    /// A day of a month written without a year: the publication's year, else unknown.
    fn day_in_year(&self, m: u32, d: u32) -> Option<String> {
        match self.published {
            Some(published) => {
                let y = published.year_of_month(m);
                valid_day(y as u32, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
            }
            // 29 February is a day of some year.
            None => valid_day(2024, m, d).then(|| format!("XXXX-{m:02}-{d:02}")),
        }
    }
}

/// Whether a date may start at a token written `word`: a number, or a word of one of
/// the tables or of the forms that open a date ("the", "between", "last", "el"…).
fn could_start_a_date(word: &str) -> bool {
    static STARTS: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let starts = STARTS.get_or_init(|| {
        const OPENING: &[&str] = &[
            "the", "between", "from", "entre", "desde", "de", "el", "o", "last", "this", "pasado", "última", "último",
            "año", "ano", "este", "neste", "twenty", "siglo", "século",
        ];
        [MONTHS, WEEKDAYS, SEASONS, CENTURY_WORDS]
            .iter()
            .flat_map(|table| table.iter().map(|(name, _)| *name))
            .chain(QUALIFIERS.iter().copied())
            .chain(QUALIFIERS_DE.iter().copied())
            .chain(OPENING.iter().copied())
            .collect()
    });
    if word.len() > 12 {
        return false; // longer than any word above ("septiembre")
    }
    if word.is_ascii() {
        let mut lower = [0u8; 12];
        lower[..word.len()].copy_from_slice(word.as_bytes());
        lower[..word.len()].make_ascii_lowercase();
        std::str::from_utf8(&lower[..word.len()]).is_ok_and(|w| starts.contains(w))
    } else {
        starts.contains(word.to_lowercase().as_str())
    }
}

/// The latest `weekday` strictly before `date` (Monday = 0).
fn last_weekday_before(date: chrono::NaiveDate, weekday: u32) -> chrono::NaiveDate {
    use chrono::Datelike;
    let today = date.weekday().num_days_from_monday();
    let back = (today + 7 - weekday - 1) % 7 + 1;
    date - chrono::Duration::days(back as i64)
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

    fn dated(text: &str, published: &str) -> Vec<(String, String)> {
        find_dates(text, Published::parse(published))
            .into_iter()
            .map(|d| (text[d.start..d.end].to_string(), d.edtf))
            .collect()
    }

    #[test]
    fn qualified_periods_keep_the_period_and_its_precision() {
        let text = "between mid-2022 and early 2023, in late March, the mid-1990s and the late 1800s";
        let found: Vec<_> = dated(text, "2024-05-06").into_iter().map(|(t, e)| format!("{t}={e}")).collect();
        assert_eq!(
            found,
            ["mid-2022=2022", "early 2023=2023", "late March=2024-03", "the mid-1990s=199X", "the late 1800s=18XX"]
        );
        assert_eq!(
            dated("a finales de 2022 y a principios de julio", "2024-09-01")[0],
            ("finales de 2022".into(), "2022".into())
        );
        assert_eq!(dated("a finales de 2022 y a principios de julio", "2024-09-01")[1].1, "2024-07");
        assert_eq!(
            dated("em meados de maio e no fim de 2023", "2024-06-10")[0],
            ("meados de maio".into(), "2024-05".into())
        );
        assert_eq!(dated("em meados de maio e no fim de 2023", "2024-06-10")[1].1, "2023");
        // A qualifier before something that is not a date stays a word.
        assert!(dated("early on, a fim de semana and late arrivals", "2024-06-10").is_empty());
    }

    #[test]
    fn days_without_a_year_take_the_publication_year() {
        assert_eq!(dated("WASHINGTON, March 28 (KUNA) --", "2024-03-29"), [("March 28".into(), "2024-03-28".into())]);
        assert_eq!(dated("arrested on June 7 by police", "2024-06-20")[0].1, "2024-06-07");
        assert_eq!(dated("on Jan. 23 in Tehran", "2024-01-25")[0], ("Jan. 23".into(), "2024-01-23".into()));
        assert_eq!(dated("el 9 de abril", "2024-05-01")[0], ("9 de abril".into(), "2024-04-09".into()));
        assert_eq!(dated("on 12 April", "")[0], ("12 April".into(), "XXXX-04-12".into()));
        // Not a day: a verb, or a number that runs on.
        assert!(dated("it may 5 times; they march 3 miles", "2024-06-20").is_empty());
        assert!(dated("May 5 percent", "2024-06-20").is_empty());
        // A month well after the publication's is the year before's.
        assert_eq!(dated("in November, strandings", "2019-01-03")[0].1, "2018-11");
    }

    #[test]
    fn relative_days_and_years_are_read_against_the_publication() {
        // 2024-05-06 is a Monday.
        assert_eq!(dated("said last Thursday", "2024-05-06"), [("last Thursday".into(), "2024-05-02".into())]);
        assert_eq!(dated("said last Monday", "2024-05-06")[0].1, "2024-04-29");
        assert_eq!(dated("dijo el pasado jueves", "2024-10-14")[0], ("el pasado jueves".into(), "2024-10-10".into()));
        assert_eq!(dated("el jueves pasado", "2024-10-14")[0].1, "2024-10-10");
        assert_eq!(
            dated("na última segunda-feira", "2024-09-27")[0],
            ("última segunda-feira".into(), "2024-09-23".into())
        );
        assert_eq!(dated("no último dia 14", "2024-05-20")[0], ("último dia 14".into(), "2024-05-14".into()));
        assert_eq!(dated("no último dia 28", "2024-05-20")[0].1, "2024-04-28");
        assert_eq!(dated("el año pasado", "2024-05-20")[0], ("el año pasado".into(), "2023".into()));
        assert_eq!(dated("last year and this year", "2024-05-20").len(), 2);
        assert_eq!(dated("mediados de agosto de este año", "2024-10-20")[0].1, "2024-08");
        assert_eq!(dated("as of last July", "2019-04-28")[0], ("last July".into(), "2018-07".into()));
        assert_eq!(dated("this past January", "2019-04-28")[0].1, "2019-01");
        // Without a publication date nothing relative is dated.
        assert!(dated("last Thursday and last year", "").is_empty());
        // A weekday alone is not a date.
        assert!(dated("on Thursday, he said", "2024-05-06").is_empty());
    }

    #[test]
    fn centuries_seasons_and_day_names() {
        assert_eq!(dated("roots in the 19th century", "")[0], ("the 19th century".into(), "18XX".into()));
        assert_eq!(dated("the early twenty-first century", "")[0].1, "20XX");
        assert_eq!(dated("desde el siglo XIX", "")[0], ("el siglo XIX".into(), "18XX".into()));
        assert_eq!(dated("no século XX", "")[0].1, "19XX");
        assert_eq!(dated("in spring 2019 and the summer of 2020", "")[0].1, "2019-21");
        assert_eq!(dated("in spring 2019 and the summer of 2020", "")[1].1, "2020-22");
        assert_eq!(dated("on Tuesday 15 October 2019", "")[0], ("Tuesday 15 October 2019".into(), "2019-10-15".into()));
        assert_eq!(dated("the 2000s and the 1800s", "")[0].1, "200X");
    }

    #[test]
    fn every_value_written_is_edtf_that_parses() {
        let text = "mid-2022, late March, the mid-1990s, the late 1800s, June 7, 12 April, last Thursday, \
                    el año pasado, the 19th century, el siglo XXI, spring 2019, Tuesday 15 October 2019, \
                    between 2018 and 2022, 2017-2021, in November, último dia 14";
        for edge in ["00XX", "XXXX-02-29", "0999", "0999-21", "XXXX-12-31"] {
            assert!(crate::edtf::bounds(edge).is_ok(), "{edge}");
        }
        for published in ["2024-05-06", "2024", ""] {
            let found = dated(text, published);
            assert!(found.len() >= 10, "{found:?}");
            for (written, value) in found {
                assert!(crate::edtf::bounds(&value).is_ok(), "{written} → {value}");
            }
        }
    }

    #[test]
    fn published_dates_are_read_at_the_precision_given() {
        assert_eq!(
            Published::parse("2024-05-06T10:00:00Z"),
            Some(Published { year: 2024, month: Some(5), day: Some(6) })
        );
        assert_eq!(Published::parse("2024-05"), Some(Published { year: 2024, month: Some(5), day: None }));
        assert_eq!(Published::parse("2024"), Some(Published::year(2024)));
        assert_eq!(Published::parse("2024-02-30"), Some(Published { year: 2024, month: Some(2), day: None }));
        assert_eq!(Published::parse("May 2024"), None);
    }

    #[test]
    fn a_bare_month_takes_the_source_year_when_known() {
        let found = find_dates("He visited in March.", Some(Published::year(2024)));
        assert_eq!(found[0].edtf, "2024-03");
    }
}
