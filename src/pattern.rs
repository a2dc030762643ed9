//! `{name}` placeholders, filled in one pass.
//!
//! Used by the profile's patterns (`Số {number}-{type}/{organ}`) and by kit
//! templates (`{ho_ten}`). Text put in is never scanned again, so a value
//! that itself contains `{…}` stays as it is.

/// Replace each `{name}` (ASCII letters, digits, `_`) for which `lookup`
/// has a value; anything else, unknown names included, stays literal.
pub fn fill<'a>(pattern: &str, mut lookup: impl FnMut(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        let value = (len > 0 && after[len..].starts_with('}')).then(|| lookup(&after[..len])).flatten();
        match value {
            Some(v) => {
                out.push_str(v);
                rest = &after[len + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_and_unknown_names_stay() {
        let values = [("a", "{b}"), ("b", "x")];
        let get = |n: &str| values.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
        assert_eq!(fill("{a}-{b}-{c}-{not a name}-{", get), "{b}-x-{c}-{not a name}-{");
    }
}
