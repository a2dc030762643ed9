//! Writing data into Typst source so that it can only ever be text.
//!
//! Every value becomes a Typst *string literal*; inside one, only `\`, `"`
//! and control characters are special, so no markup, code, label, comment
//! or import can come from data. In markup a literal is written `#"…";`:
//! the `;` ends the expression so that following text like `.txt` or `(1)`
//! is not read as a field access or call (`../shared/spec/engine-notes.md` §5).

use std::fmt::Write;

use crate::model::inline::{self, Segment};

/// A Typst string literal for code mode: `"…"`.
pub fn code_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            // A tab inside a literal disappears from the PDF text layer.
            '\t' => out.push(' '),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A string literal placed in markup: `#"…";`.
pub fn markup_literal(s: &str) -> String {
    format!("#{};", code_literal(s))
}

/// Typst markup for text with `**bold**` / `*italic*`: each run is a
/// string literal, wrapped in `text(weight/style)` where emphasised.
/// Absolute styles (not `emph`) so italic inside an italic line stays italic.
pub fn rich_markup(s: &str) -> String {
    let mut out = String::new();
    for Segment { text, bold, italic } in inline::parse(s) {
        let lit = markup_literal(&text);
        match (bold, italic) {
            (false, false) => out.push_str(&lit),
            (true, false) => {
                let _ = write!(out, "#text(weight: \"bold\")[{lit}]");
            }
            (false, true) => {
                let _ = write!(out, "#text(style: \"italic\")[{lit}]");
            }
            (true, true) => {
                let _ = write!(out, "#text(weight: \"bold\", style: \"italic\")[{lit}]");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_escapes_only_what_strings_need() {
        assert_eq!(code_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(code_literal("x\ny\tz"), r#""x\ny z""#);
        assert_eq!(code_literal("#import \"x.typ\""), r##""#import \"x.typ\"""##);
        assert_eq!(code_literal("\u{7}"), r##""\u{7}""##);
    }

    #[test]
    fn markup_literal_is_terminated() {
        assert_eq!(markup_literal("x"), "#\"x\";");
    }

    #[test]
    fn rich_wraps_emphasis() {
        assert_eq!(
            rich_markup("a **b** *c*"),
            "#\"a \";#text(weight: \"bold\")[#\"b\";]#\" \";#text(style: \"italic\")[#\"c\";]"
        );
    }
}
