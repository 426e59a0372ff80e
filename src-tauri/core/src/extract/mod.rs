//! Extraction: what an analyst would note down from a source, proposed rather than
//! asserted. So far: calendar expressions as EDTF dates. Actor mentions, quotations and
//! claim suggestions follow (issue 4).
//!
//! Extractors work on the stored text and return code-point offsets into it, the
//! offsets every mention and citation in the store uses.

pub mod dates;
pub mod gazetteer;
pub mod matcher;
pub mod quotes;
mod tokens;

use serde::Serialize;

/// A date found in a text: code-point offsets, the text, and its EDTF value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    pub text: String,
    pub edtf: String,
    pub start: i32,
    pub end: i32,
}

/// Converts byte offsets of `text` to code-point offsets, for offsets given in
/// increasing order (one pass over the text for all of them).
pub(crate) struct CodePoints<'a> {
    text: &'a str,
    byte: usize,
    chars: i32,
}

impl<'a> CodePoints<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CodePoints { text, byte: 0, chars: 0 }
    }

    /// The code-point offset of byte offset `at`; `at` must not be before the previous one.
    pub(crate) fn at(&mut self, at: usize) -> i32 {
        if at < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..at].chars().count() as i32;
        self.byte = at;
        self.chars
    }
}

/// The dates of `text`, a bare month taking `reference_year` (the source's) when known.
pub fn dates(text: &str, reference_year: Option<i32>) -> Vec<DateMention> {
    let mut points = CodePoints::new(text);
    dates::find_dates(text, reference_year)
        .into_iter()
        .map(|d| DateMention {
            text: text[d.start..d.end].to_string(),
            edtf: d.edtf,
            start: points.at(d.start),
            end: points.at(d.end),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_offsets_are_code_points() {
        let text = "Díaz-Canel visitó Irán en diciembre de 2023.";
        let found = dates(text, None);
        assert_eq!(found.len(), 1);
        let chars: Vec<char> = text.chars().collect();
        let cut: String = chars[found[0].start as usize..found[0].end as usize].iter().collect();
        assert_eq!((cut.as_str(), found[0].edtf.as_str()), ("diciembre de 2023", "2023-12"));
    }
}
