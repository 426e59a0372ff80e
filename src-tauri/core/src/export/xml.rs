//! Escaping text for XML 1.0: markup characters as entities, and the control
//! characters XML cannot hold at all replaced by U+FFFD.

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_and_forbidden_characters_never_reach_the_document() {
        assert_eq!(
            escape("a & b <c> \"d\" 'e' ]]> \u{0}\u{1b}"),
            "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; ]]&gt; \u{FFFD}\u{FFFD}"
        );
    }
}
