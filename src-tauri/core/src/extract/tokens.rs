//! Words and punctuation with their byte offsets, the unit every extractor scans.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Token<'_> {
    pub fn is_digits(&self) -> bool {
        !self.text.is_empty() && self.text.bytes().all(|b| b.is_ascii_digit())
    }

    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Splits `text` into runs of letters and digits (a word) and single other characters
/// (punctuation); whitespace separates and is dropped, but a line break is kept as a
/// `"\n"` token, since names and dates never run across one.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut word_start: Option<usize> = None;
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() {
            word_start.get_or_insert(at);
            continue;
        }
        if let Some(start) = word_start.take() {
            tokens.push(Token { text: &text[start..at], start, end: at });
        }
        if !c.is_whitespace() || c == '\n' {
            let end = at + c.len_utf8();
            tokens.push(Token { text: &text[at..end], start: at, end });
        }
    }
    if let Some(start) = word_start {
        tokens.push(Token { text: &text[start..], start, end: text.len() });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_punctuation_keep_their_offsets() {
        let text = "Díaz-Canel, 2023.";
        let tokens: Vec<&str> = tokenize(text).iter().map(|t| t.text).collect();
        assert_eq!(tokens, ["Díaz", "-", "Canel", ",", "2023", "."]);
        let canel = tokenize(text)[2];
        assert_eq!(&text[canel.start..canel.end], "Canel");
    }
}
