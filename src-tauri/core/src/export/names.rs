//! File names from user data: every name an export writes is made safe for every
//! desktop file system, unique within its folder (case-insensitively, deterministically
//! by id order), and never a path.

use std::collections::HashSet;

/// The longest file name stem written, in bytes (file systems allow 255 bytes; the
/// extension and a collision suffix need room).
const MAX_STEM_BYTES: usize = 120;

/// Names Windows reserves, with or without an extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A safe file name stem for `name`: path separators, characters Windows or Obsidian
/// links forbid (`\ / : * ? " < > | [ ] # ^`), backticks (code in Markdown, where the
/// stem is a link's target) and control characters become `_`; no
/// leading or trailing dots or spaces; reserved device names get a `_`; at most 120
/// bytes (cut on a character boundary); never empty.
pub fn stem(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '[' | ']' | '#' | '^' | '`' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut stem = collapsed.trim_matches(|c: char| c == '.' || c == ' ').to_string();
    if stem.len() > MAX_STEM_BYTES {
        let mut cut = MAX_STEM_BYTES;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        stem.truncate(cut);
        stem = stem.trim_end_matches(['.', ' ']).to_string();
    }
    if stem.is_empty() {
        stem = "untitled".into();
    }
    let base = stem.split('.').next().unwrap_or("").to_lowercase();
    if RESERVED.contains(&base.as_str()) {
        stem.push('_');
    }
    stem
}

/// Hands out unique stems within one folder: the first to ask for a name gets it, the
/// next "Name (2)", then "Name (3)" — compared without case, as macOS and Windows do.
#[derive(Default)]
pub struct Folder {
    taken: HashSet<String>,
}

impl Folder {
    pub fn claim(&mut self, name: &str) -> String {
        let base = stem(name);
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.taken.insert(candidate.to_lowercase()) {
            candidate = format!("{base} ({n})");
            n += 1;
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_become_safe_stems() {
        assert_eq!(stem("../../x"), "_.._x");
        assert_eq!(stem("a/b"), "a_b");
        assert_eq!(stem("CON"), "CON_");
        assert_eq!(stem("aux.txt"), "aux.txt_");
        assert_eq!(stem("Lpt1"), "Lpt1_");
        assert_eq!(stem("name]] [[evil"), "name__ __evil");
        assert_eq!(stem("trailing. . "), "trailing");
        assert_eq!(stem(" \u{0}\u{7}"), "__");
        assert_eq!(stem("..."), "untitled");
        assert_eq!(stem(""), "untitled");
        let long = "é".repeat(150); // 300 bytes
        let cut = stem(&long);
        assert!(cut.len() <= MAX_STEM_BYTES && cut.chars().all(|c| c == 'é'), "{}", cut.len());
    }

    #[test]
    fn collisions_are_resolved_in_the_order_names_are_claimed_ignoring_case() {
        let mut folder = Folder::default();
        assert_eq!(folder.claim("Maduro"), "Maduro");
        assert_eq!(folder.claim("maduro"), "maduro (2)");
        assert_eq!(folder.claim("MADURO"), "MADURO (3)");
        assert_eq!(folder.claim("a/b"), "a_b");
        assert_eq!(folder.claim("a_b"), "a_b (2)");
    }
}
