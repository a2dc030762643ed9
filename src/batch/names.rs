//! Output file names from a pattern: safe on every file system, never a
//! path, unique within the batch.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

/// Longest name kept, in characters (before `-2` and `.pdf`).
const MAX_CHARS: usize = 100;

/// A file name from free text: separators, reserved and control
/// characters become `_`, spaces are collapsed, leading and trailing dots,
/// dashes and spaces go (no hidden files, no `..`), Vietnamese letters stay.
pub fn safe(text: &str) -> String {
    let mapped: String =
        text.nfc()
            .map(|c| {
                if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    let spaced = mapped.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = spaced.trim_matches(|c: char| c == '.' || c == '-' || c == ' ' || c == '_');
    let cut: String = trimmed.chars().take(MAX_CHARS).collect();
    cut.trim_end_matches(['.', ' ']).to_string()
}

/// Hands out unique names in the order asked: `a`, `a-2`, `a-3` …
/// (compared case-insensitively, for case-insensitive file systems).
#[derive(Debug, Default)]
pub struct Unique {
    taken: HashSet<String>,
}

impl Unique {
    /// A unique name from `wanted`, or from `fallback` when nothing is left.
    pub fn take(&mut self, wanted: &str, fallback: &str) -> String {
        let base = match safe(wanted) {
            s if s.is_empty() => fallback.to_string(),
            s => s,
        };
        let mut name = base.clone();
        let mut n = 1;
        while !self.taken.insert(name.to_lowercase()) {
            n += 1;
            name = format!("{base}-{n}");
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_never_paths() {
        assert_eq!(safe("../../etc/passwd"), "etc_passwd");
        assert_eq!(safe("..\\..\\x"), "x");
        assert_eq!(safe(".hidden"), "hidden");
        assert_eq!(safe("a/../b"), "a_.._b", "no separator left, so `..` is just text");
        assert_eq!(safe("Chi bộ 1/Nguyễn: \"A\"\t*?"), "Chi bộ 1_Nguyễn_ _A");
        assert_eq!(safe("a\u{0}b"), "a_b");
        assert_eq!(safe("   "), "");
        assert!(safe(&"x".repeat(300)).chars().count() <= MAX_CHARS);
    }

    #[test]
    fn collisions_get_numbers() {
        let mut u = Unique::default();
        assert_eq!(u.take("CB1-Nguyễn Văn A", "row-1"), "CB1-Nguyễn Văn A");
        assert_eq!(u.take("CB1-NGUYỄN VĂN A", "row-2"), "CB1-NGUYỄN VĂN A-2");
        assert_eq!(u.take("CB1-Nguyễn Văn A", "row-3"), "CB1-Nguyễn Văn A-3");
        assert_eq!(u.take("///", "row-4"), "row-4");
    }
}
