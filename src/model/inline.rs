//! The small, safe emphasis markup users may write in any text field:
//! `**bold**` and `*italic*`, nestable (`***both***` or `**a *b* c**`).
//!
//! Everything else is literal text. An unmatched marker stays literal, so a
//! stray `*` (as in "Điều 5*") is never lost or misread.

use serde::Serialize;

/// One run of text with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The literal text of the run.
    pub text: String,
    /// Whether the run is bold (`**…**`).
    pub bold: bool,
    /// Whether the run is italic (`*…*`).
    pub italic: bool,
}

/// Split `input` into runs of uniform emphasis.
///
/// Markers toggle only when a closing marker exists later in the text, so
/// unbalanced markers are kept as literal characters.
pub fn parse(input: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut bold = false;
    let mut italic = false;
    let mut buf = String::new();
    let mut rest = input;
    while let Some(pos) = rest.find('*') {
        buf.push_str(&rest[..pos]);
        let after = &rest[pos..];
        let run = after.bytes().take_while(|&b| b == b'*').count();
        let (toggle_bold, toggle_italic) = match run {
            1 => (false, true),
            2 => (true, false),
            3 => (true, true),
            _ => (false, false),
        };
        let tail = &after[run..];
        // As in CommonMark: a marker opens only before a non-space (and when
        // its closing partner follows), and closes only after a non-space
        // (and when it was opened). Otherwise the stars are text.
        let can_open = tail.chars().next().is_some_and(|c| !c.is_whitespace());
        let can_close = buf.chars().last().is_some_and(|c| !c.is_whitespace())
            || out.last().is_some_and(|s| s.text.chars().last().is_some_and(|c| !c.is_whitespace()));
        let closes = |on: bool, n: usize| {
            if on { can_close } else { can_open && has_closing(tail, n) }
        };
        let ok = (toggle_bold || toggle_italic)
            && (!toggle_bold || closes(bold, if run == 3 { 3 } else { 2 }))
            && (!toggle_italic || closes(italic, if run == 3 { 3 } else { 1 }));
        if ok {
            flush(&mut out, &mut buf, bold, italic);
            bold ^= toggle_bold;
            italic ^= toggle_italic;
        } else {
            buf.push_str(&after[..run]);
        }
        rest = tail;
    }
    buf.push_str(rest);
    flush(&mut out, &mut buf, bold, italic);
    out
}

/// Whether a marker run of exactly `n` stars (or a longer run containing
/// it, for nesting like `***`) appears in `tail`.
fn has_closing(tail: &str, n: usize) -> bool {
    let bytes = tail.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'*' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'*').count();
            let after_text = i > 0 && !(bytes[i - 1] as char).is_whitespace();
            if after_text && (run == n || (run == 3 && n < 3)) {
                return true;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    false
}

fn flush(out: &mut Vec<Segment>, buf: &mut String, bold: bool, italic: bool) {
    if buf.is_empty() {
        return;
    }
    let text = std::mem::take(buf);
    match out.last_mut() {
        Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(&text),
        _ => out.push(Segment { text, bold, italic }),
    }
}

/// The text without its markers, as it will read in the PDF.
pub fn plain(input: &str) -> String {
    parse(input).into_iter().map(|s| s.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str, bold: bool, italic: bool) -> Segment {
        Segment { text: text.into(), bold, italic }
    }

    #[test]
    fn bold_and_italic_runs() {
        assert_eq!(
            parse("a **b** *c* d"),
            vec![
                seg("a ", false, false),
                seg("b", true, false),
                seg(" ", false, false),
                seg("c", false, true),
                seg(" d", false, false)
            ]
        );
    }

    #[test]
    fn nested_emphasis() {
        assert_eq!(parse("**a *b* c**"), vec![seg("a ", true, false), seg("b", true, true), seg(" c", true, false)]);
        assert_eq!(parse("***x***"), vec![seg("x", true, true)]);
    }

    #[test]
    fn unbalanced_markers_stay_literal() {
        assert_eq!(parse("Điều 5* và 2 * 3"), vec![seg("Điều 5* và 2 * 3", false, false)]);
        assert_eq!(parse("**open only"), vec![seg("**open only", false, false)]);
        assert_eq!(plain("a ****b"), "a ****b");
    }

    #[test]
    fn bold_deadline_with_trailing_period_inside() {
        assert_eq!(
            parse("trước **ngày 20 tháng 11 năm 2021.**"),
            vec![seg("trước ", false, false), seg("ngày 20 tháng 11 năm 2021.", true, false)]
        );
    }
}
