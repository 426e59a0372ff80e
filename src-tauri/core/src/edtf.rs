//! Extended Date/Time Format (ISO 8601-2, levels 0 and 1, plus unspecified digits): the
//! date strings of sources and claims, and the sortable day bounds the store keeps beside
//! them so that date filters and timelines are plain range queries.
//!
//! Bounds are inclusive ISO days (`YYYY-MM-DD`). A bound is `None` where the date does
//! not fix it: an open interval end, or a year left unspecified (`XXXX-12`).

use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounds {
    pub lower: Option<String>,
    pub upper: Option<String>,
}

/// Parses an EDTF string and returns its day bounds, or an error naming what is wrong.
pub fn bounds(edtf: &str) -> Result<Bounds> {
    let text = edtf.trim();
    if text.is_empty() {
        return Err(invalid(edtf, "empty date"));
    }
    if let Some((from, to)) = text.split_once('/') {
        let lower = match from {
            "" | ".." => None,
            _ => single(from).map_err(|why| invalid(edtf, &why))?.lower,
        };
        let upper = match to {
            "" | ".." => None,
            _ => single(to).map_err(|why| invalid(edtf, &why))?.upper,
        };
        if let (Some(l), Some(u)) = (&lower, &upper) {
            if l > u {
                return Err(invalid(edtf, "the interval ends before it starts"));
            }
        }
        return Ok(Bounds { lower, upper });
    }
    single(text).map_err(|why| invalid(edtf, &why))
}

/// Whether `edtf` is a date this module understands.
pub fn is_valid(edtf: &str) -> bool {
    bounds(edtf).is_ok()
}

fn invalid(edtf: &str, why: &str) -> Error {
    Error::Invalid(format!("'{edtf}' is not an EDTF date: {why}"))
}

/// One date (not an interval), with optional `?`, `~` or `%` qualifiers.
fn single(text: &str) -> std::result::Result<Bounds, String> {
    let text = text.trim_end_matches(['?', '~', '%']);
    let parts: Vec<&str> = text.split('-').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return Err("expected YYYY, YYYY-MM or YYYY-MM-DD".into());
    }
    let year = parts[0];
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit() || c == 'X') {
        return Err("the year must be four digits (X for an unspecified digit)".into());
    }
    // Unspecified digits must be trailing: 199X and 19XX, not 1X9X.
    let known: String = year.chars().take_while(|c| c.is_ascii_digit()).collect();
    if year[known.len()..].chars().any(|c| c != 'X') {
        return Err("unspecified year digits must come last".into());
    }
    let width = 4 - known.len() as u32;
    let (year_lo, year_hi) = if known.is_empty() {
        (None, None)
    } else {
        let base: i32 = known.parse().map_err(|_| "bad year")?;
        let span = 10_i32.pow(width);
        (Some(base * span), Some(base * span + span - 1))
    };

    let month = parts.get(1).copied();
    let day = parts.get(2).copied();
    if width > 0 && width < 4 && month.is_some_and(|m| m != "XX") {
        return Err("a month needs a fully specified year".into());
    }

    let (month_lo, month_hi, year_shift) = match month {
        None | Some("XX") => (1, 12, 0),
        Some(m) => {
            let number: u32 = m.parse().map_err(|_| format!("bad month '{m}'"))?;
            if m.len() != 2 {
                return Err(format!("bad month '{m}'"));
            }
            match number {
                1..=12 => (number, number, 0),
                // Seasons (level 1): spring, summer, autumn, winter (Dec–Feb).
                21 => (3, 5, 0),
                22 => (6, 8, 0),
                23 => (9, 11, 0),
                24 => (12, 2, 1),
                _ => return Err(format!("bad month '{m}'")),
            }
        }
    };

    if let Some(d) = day {
        if month.is_none_or(|m| m == "XX" || m.parse::<u32>().is_ok_and(|n| n > 12)) && d != "XX" {
            return Err("a day needs a month".into());
        }
        if d != "XX" {
            let number: u32 = d.parse().map_err(|_| format!("bad day '{d}'"))?;
            if d.len() != 2 {
                return Err(format!("bad day '{d}'"));
            }
            if let Some(y) = year_lo {
                if number == 0 || number > days_in_month(y, month_lo) {
                    return Err(format!("day {number} is not in that month"));
                }
            } else if number == 0 || number > 31 {
                return Err(format!("bad day '{d}'"));
            }
            return Ok(match year_lo {
                None => Bounds { lower: None, upper: None },
                Some(y) => {
                    let day = format!("{y:04}-{month_lo:02}-{number:02}");
                    Bounds { lower: Some(day.clone()), upper: Some(day) }
                }
            });
        }
    }

    match (year_lo, year_hi) {
        (Some(lo), Some(hi)) => {
            let upper_year = hi + year_shift;
            Ok(Bounds {
                lower: Some(format!("{lo:04}-{month_lo:02}-01")),
                upper: Some(format!("{upper_year:04}-{month_hi:02}-{:02}", days_in_month(upper_year, month_hi))),
            })
        }
        _ => Ok(Bounds { lower: None, upper: None }),
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(edtf: &str) -> (Option<String>, Option<String>) {
        let bounds = bounds(edtf).unwrap_or_else(|e| panic!("{edtf}: {e}"));
        (bounds.lower, bounds.upper)
    }

    fn some(lo: &str, hi: &str) -> (Option<String>, Option<String>) {
        (Some(lo.into()), Some(hi.into()))
    }

    #[test]
    fn year_month_and_day_precisions_cover_their_whole_span() {
        assert_eq!(b("1994"), some("1994-01-01", "1994-12-31"));
        assert_eq!(b("2023-06"), some("2023-06-01", "2023-06-30"));
        assert_eq!(b("2024-02"), some("2024-02-01", "2024-02-29"));
        assert_eq!(b("2001-09-11"), some("2001-09-11", "2001-09-11"));
    }

    #[test]
    fn unspecified_digits_widen_to_decade_and_century() {
        assert_eq!(b("199X"), some("1990-01-01", "1999-12-31"));
        assert_eq!(b("19XX"), some("1900-01-01", "1999-12-31"));
        assert_eq!(b("2004-XX"), some("2004-01-01", "2004-12-31"));
    }

    #[test]
    fn a_month_without_a_year_has_no_bounds() {
        assert_eq!(b("XXXX-12"), (None, None));
    }

    #[test]
    fn qualifiers_keep_the_bounds_of_the_date() {
        assert_eq!(b("2022?"), some("2022-01-01", "2022-12-31"));
        assert_eq!(b("2022-03~"), some("2022-03-01", "2022-03-31"));
    }

    #[test]
    fn intervals_span_from_the_first_lower_to_the_last_upper_bound() {
        assert_eq!(b("2017/2021"), some("2017-01-01", "2021-12-31"));
        assert_eq!(b("2017-05/.."), (Some("2017-05-01".into()), None));
        assert_eq!(b("../2001"), (None, Some("2001-12-31".into())));
    }

    #[test]
    fn seasons_map_to_their_months_with_winter_crossing_the_year() {
        assert_eq!(b("2020-21"), some("2020-03-01", "2020-05-31"));
        assert_eq!(b("2020-24"), some("2020-12-01", "2021-02-28"));
    }

    #[test]
    fn malformed_dates_are_refused_with_a_reason() {
        for bad in ["", "94", "1994-13", "1994-02-30", "1X94", "199X-05", "2021/2017", "June 2023", "2023-6"] {
            assert!(bounds(bad).is_err(), "{bad} should be refused");
        }
        let message = bounds("1994-13").unwrap_err().to_string();
        assert!(message.contains("1994-13") && message.contains("month"), "{message}");
    }
}
