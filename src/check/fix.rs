//! `vanban check --fix`: write the certain fixes into the YAML text.
//!
//! Each fix replaces one scalar value, found through the field path, in
//! the text itself: comments, order, quoting style of other values and
//! blank lines stay exactly as the clerk wrote them.

use crate::diag::Diagnostic;
use crate::model::SpanIndex;

/// The text with every fixable diagnostic applied, and the ones applied.
pub fn apply<'a>(text: &str, diags: &'a [Diagnostic]) -> (String, Vec<&'a Diagnostic>) {
    let index = SpanIndex::build(text);
    let mut edits: Vec<(usize, usize, String, &Diagnostic)> = diags
        .iter()
        .filter_map(|d| {
            let value = d.fix.as_ref()?;
            let start = index.value(d.path.as_deref()?)?.start;
            Some((start, scalar_end(text, start), yaml_scalar(value), d))
        })
        .collect();
    // Back to front, so earlier offsets stay valid; one edit per place.
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    edits.dedup_by_key(|e| e.0);
    let mut out = text.to_string();
    let mut applied = Vec::new();
    for (start, end, value, d) in edits {
        out.replace_range(start..end, &value);
        applied.push(d);
    }
    applied.reverse();
    (out, applied)
}

/// Where the scalar starting at `start` ends: after its closing quote, or
/// for a plain scalar before a comment, a flow separator or the line end.
fn scalar_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let line_end = rest.find('\n').map_or(text.len(), |i| start + i);
    match rest.chars().next() {
        Some('"') => {
            let mut escaped = false;
            for (i, c) in rest.char_indices().skip(1) {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => return start + i + 1,
                    _ => escaped = false,
                }
            }
            line_end
        }
        Some('\'') => rest[1..].find('\'').map_or(line_end, |i| start + i + 2),
        _ => {
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let in_flow = text[line_start..start].contains(['[', '{']);
            let mut end = line_end;
            if let Some(i) = text[start..line_end].find(" #") {
                end = end.min(start + i);
            }
            if in_flow && let Some(i) = text[start..line_end].find([',', ']', '}']) {
                end = end.min(start + i);
            }
            start + text[start..end].trim_end().len()
        }
    }
}

/// A value as a YAML scalar: plain when that reads back the same, else
/// double-quoted.
fn yaml_scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && value == value.trim()
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !value
            .starts_with(['*', '&', '!', '%', '@', '`', '"', '\'', '[', ']', '{', '}', '#', '|', '>', '-', '?', ','])
        && !value.contains(['\n', '\t', ',', '[', ']', '{', '}']);
    if plain {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(path: &str, fix: &str) -> Diagnostic {
        Diagnostic::warning("x", "x").with_path(path).with_fix(fix)
    }

    #[test]
    fn replaces_values_and_keeps_comments() {
        let text = "# head\nissuer:\n  code: HU   # the code\nsigner: {authority: TM. Đảng ủy, name: \"TS. A\"}\n";
        let diags = [diag("issuer.code", "ĐU"), diag("signer.authority", "T/M Đảng ủy"), diag("signer.name", "A")];
        let (out, applied) = apply(text, &diags);
        assert_eq!(out, "# head\nissuer:\n  code: ĐU   # the code\nsigner: {authority: T/M Đảng ủy, name: A}\n");
        assert_eq!(applied.len(), 3);
    }

    #[test]
    fn quotes_when_needed() {
        assert_eq!(yaml_scalar("T/M Đảng ủy"), "T/M Đảng ủy");
        assert_eq!(yaml_scalar("Lưu: VT"), "\"Lưu: VT\"");
        assert_eq!(yaml_scalar("- x"), "\"- x\"");
    }
}
