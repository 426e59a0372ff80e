//! Word lists kept as data files in `words/` beside the code that reads them: one word
//! or phrase per line, `#` starting a comment line. Read once, on first use.

use std::sync::OnceLock;

/// A word list from a data file, used as a slice of its entries.
pub(crate) struct Words {
    text: &'static str,
    list: OnceLock<Vec<&'static str>>,
}

impl Words {
    pub(crate) const fn new(text: &'static str) -> Self {
        Words { text, list: OnceLock::new() }
    }
}

impl std::ops::Deref for Words {
    type Target = [&'static str];

    fn deref(&self) -> &Self::Target {
        self.list.get_or_init(|| {
            self.text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Words;

    #[test]
    fn a_list_is_its_lines_without_comments_or_blanks() {
        static LIST: Words = Words::new("# a comment\nof\n\n  the \nde la\n");
        assert_eq!(&*LIST, ["of", "the", "de la"]);
        assert!(LIST.contains(&"the"));
    }
}
