//! YAML text → [`Document`], with errors a clerk can act on.
//!
//! The text is NFC-normalised first (decomposed Vietnamese from some
//! keyboards looks the same but breaks search and copy in the PDF). serde
//! stops at the first problem; the error is turned into a [`Diagnostic`]
//! with the file, line:column, the field path (via `serde_path_to_error`)
//! and a "did you mean" hint for misspelt keys.

use std::sync::Arc;

use unicode_normalization::{UnicodeNormalization, is_nfc};

use super::{Document, SpanIndex};
use crate::diag::{Diagnostic, Diagnostics, Severity, Span, Warned};

/// An input file: its display name and its (NFC-normalised) text. Spans in
/// diagnostics index into `text`.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in diagnostics, usually the path as given.
    pub name: Arc<str>,
    /// The text, NFC-normalised.
    pub text: String,
    /// Whether the text had to be normalised.
    pub was_normalised: bool,
}

impl Source {
    /// Wrap raw text, normalising it to NFC.
    pub fn new(name: impl Into<Arc<str>>, raw: &str) -> Self {
        let was_normalised = !is_nfc(raw);
        let text = if was_normalised { raw.nfc().collect() } else { raw.to_string() };
        Self { name: name.into(), text, was_normalised }
    }
}

/// Parse and type-check a document.
pub fn load(source: &Source) -> Result<Warned<Document>, Diagnostics> {
    let mut warnings = Vec::new();
    if source.was_normalised {
        warnings.push(
            Diagnostic::new(
                Severity::Info,
                "input.nfd",
                "the text uses decomposed (NFD) Vietnamese; it was normalised to NFC",
            )
            .with_file(source.name.clone())
            .with_hint("save the file as precomposed Unicode (NFC) so that search and copy work everywhere"),
        );
    }
    let de = serde_yaml::Deserializer::from_str(&source.text);
    match serde_path_to_error::deserialize::<_, Document>(de) {
        Ok(output) => Ok(Warned { output, warnings }),
        Err(err) => {
            // serde_yaml parses lazily: a syntax error further down can
            // surface as a type error first. A syntax-only pass tells.
            if let Err(syntax) = serde_yaml::from_str::<serde::de::IgnoredAny>(&source.text) {
                return Err(Diagnostics::from(to_diagnostic(source, ".", &syntax)));
            }
            let path = err.path().to_string();
            Err(Diagnostics::from(to_diagnostic(source, &path, err.inner())))
        }
    }
}

/// Turn a serde_yaml error into a located diagnostic.
fn to_diagnostic(source: &Source, path: &str, err: &serde_yaml::Error) -> Diagnostic {
    let full = err.to_string();
    let message = strip_path(strip_location(&full)).to_string();
    let path = (path != "." && !path.is_empty()).then(|| path.to_string());
    let (code, message, path, hints) = classify(&message, path);
    // A syntax error names where the broken construct began ("while
    // scanning a quoted scalar at line 3 column 10"): point there, keep it.
    let (message, context_at) = match (code, syntax_context(&full)) {
        ("yaml.syntax", Some((context, line, column))) => (format!("{message} {context}"), Some((line, column))),
        _ => (message, None),
    };

    // Prefer the position of the field itself (errors raised inside our own
    // Deserialize impls carry no position); fall back to serde_yaml's.
    let index = SpanIndex::build(&source.text);
    let from_index = path.as_deref().and_then(|p| match code {
        "schema.missing-field" => p.rfind('.').map_or(Some(Span::in_text(&source.text, 0, 0)), |i| index.key(&p[..i])),
        "schema.unknown-field" | "yaml.unquoted-colon" => index.key(p),
        _ => index.value(p),
    });
    let from_serde = err.location().map(|loc| Span::at_line_column(&source.text, loc.line(), loc.column()));
    let from_context = context_at.map(|(line, column)| Span::at_line_column(&source.text, line, column));
    let span = if code == "yaml.syntax" { from_context.or(from_serde) } else { from_index.or(from_serde) };
    let mut d = Diagnostic::error(code, message).with_file(source.name.clone());
    if let Some(span) = span {
        d = d.with_span(span);
    }
    if let Some(path) = path {
        d = d.with_path(path);
    }
    for h in hints {
        d = d.with_hint(h);
    }
    d
}

/// "while scanning a quoted scalar" and where it began, from a libyaml
/// message "… at line 5 column 1, while scanning … at line 3 column 10".
fn syntax_context(full: &str) -> Option<(String, usize, usize)> {
    let i = full.find(", while ")?;
    let context = &full[i + 2..];
    let at = context.rfind(" at line ")?;
    let mut nums = context[at + " at line ".len()..].split(" column ");
    let line = nums.next()?.trim().parse().ok()?;
    let column = nums.next()?.trim().trim_end_matches(|c: char| !c.is_ascii_digit()).parse().ok()?;
    Some((context[..at].to_string(), line, column))
}

/// serde_yaml puts its own path first (`signer: unknown field …`); we
/// report the path separately.
fn strip_path(message: &str) -> &str {
    match message.split_once(": ") {
        Some((head, rest)) if !head.is_empty() && !head.contains([' ', '`']) => rest,
        _ => message,
    }
}

/// serde_yaml appends " at line L column C" (and for syntax errors a
/// "while parsing …" context); we show the location separately.
fn strip_location(message: &str) -> &str {
    match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

type Classified = (&'static str, String, Option<String>, Vec<String>);

fn classify(message: &str, path: Option<String>) -> Classified {
    if path.is_none() || is_syntax(message) {
        return (
            "yaml.syntax",
            message.to_string(),
            None,
            vec!["check the indentation and quote text that contains `: ` or starts with `*`, `&` or `!`".into()],
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, expected) = backticked(rest);
        // `- Thực hiện như sau:` is a one-key mapping in YAML, not text.
        if field.contains(' ') {
            return (
                "yaml.unquoted-colon",
                "this text reads as a YAML key because it contains `: ` or ends with `:`".to_string(),
                path,
                vec![format!("put the text in quotes: \"{field}:…\"")],
            );
        }
        let mut hints = Vec::new();
        if let Some(best) = closest(&field, &expected) {
            hints.push(format!("did you mean `{best}`?"));
        }
        if !expected.is_empty() {
            hints.push(format!(
                "allowed here: {}",
                expected.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
            ));
        }
        // serde_path_to_error already ends the path with the unknown key.
        let path = Some(match path {
            Some(p) if p == field || p.ends_with(&format!(".{field}")) => p,
            p => join_path(p.as_deref(), &field),
        });
        return ("schema.unknown-field", format!("unknown field `{field}`"), path, hints);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let (field, _) = backticked(rest);
        let path = Some(join_path(path.as_deref(), &field));
        return (
            "schema.missing-field",
            format!("missing field `{field}`"),
            path,
            vec![format!("add `{field}:` to this mapping")],
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, expected) = backticked(rest);
        let mut hints = Vec::new();
        if let Some(best) = closest(&value, &expected) {
            hints.push(format!("did you mean `{best}`?"));
        }
        return ("schema.unknown-value", format!("unknown value `{value}`"), path, hints);
    }
    if message.starts_with("invalid date") {
        return ("schema.date", message.to_string(), path, vec!["write the date as 2021-11-02".into()]);
    }
    if message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("invalid length")
    {
        return ("schema.type", message.to_string(), path, Vec::new());
    }
    if message.starts_with("invalid document number") {
        return ("schema.number", message.to_string(), path, Vec::new());
    }
    ("schema.invalid", message.to_string(), path, Vec::new())
}

fn is_syntax(message: &str) -> bool {
    [
        "while parsing",
        "while scanning",
        "did not find expected",
        "mapping values are not allowed",
        "could not find expected",
        "found character",
        "found unexpected",
        "found a tab",
        "end of stream",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// The first backticked word and the list of the following ones.
fn backticked(rest: &str) -> (String, Vec<String>) {
    let mut parts = rest.split('`').skip(1).step_by(2).map(str::to_string);
    let first = parts.next().unwrap_or_default();
    (first, parts.collect())
}

fn join_path(parent: Option<&str>, field: &str) -> String {
    match parent {
        Some(p) if !p.is_empty() && p != "." => format!("{p}.{field}"),
        _ => field.to_string(),
    }
}

/// The closest allowed word to a misspelt one, if close enough to suggest.
pub(crate) fn closest<'a>(word: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (c, strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase())))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "kind: cong-van\nissuer:\n  organ: Đảng ủy phường X\n  code: ĐU\nplace: X\nsigner:\n  role: Bí thư\n  name: A\n";

    fn err(text: &str) -> Diagnostic {
        let source = Source::new("t.yaml", text);
        load(&source).unwrap_err().0.remove(0)
    }

    #[test]
    fn minimal_document_loads() {
        let doc = load(&Source::new("t.yaml", MINIMAL)).unwrap().output;
        assert_eq!(doc.issuer.code, "ĐU");
        assert!(doc.number.is_none() && doc.date.is_none());
    }

    #[test]
    fn unknown_field_has_path_line_and_hint() {
        let d = err(&MINIMAL.replace("  name: A", "  nmae: A"));
        assert_eq!(d.code, "schema.unknown-field");
        assert_eq!(d.path.as_deref(), Some("signer.nmae"));
        assert_eq!(d.span.unwrap().line, 8);
        assert!(d.hints[0].contains("`name`"), "{:?}", d.hints);
    }

    #[test]
    fn missing_field_names_the_field() {
        let d = err(&MINIMAL.replace("  name: A\n", ""));
        assert_eq!(d.code, "schema.missing-field");
        assert_eq!(d.path.as_deref(), Some("signer.name"));
        assert!(d.span.is_some());
    }

    #[test]
    fn bad_date_is_located() {
        let d = err(&format!("{MINIMAL}date: 2021-02-30\n"));
        assert_eq!(d.code, "schema.date");
        assert_eq!(d.path.as_deref(), Some("date"));
        assert_eq!(d.span.unwrap().line, 9);
    }

    #[test]
    fn wrong_type_is_located() {
        let d = err(&format!("{MINIMAL}recipients: 5\n"));
        assert_eq!(d.code, "schema.type");
        assert_eq!(d.path.as_deref(), Some("recipients"));
    }

    #[test]
    fn syntax_error_has_line() {
        let d = err("kind: \"cong-van\nplace: b\n");
        assert_eq!(d.code, "yaml.syntax", "{d:?}");
        assert!(d.span.is_some());
    }

    #[test]
    fn unknown_key_inside_nested_section() {
        let d = err(&format!("{MINIMAL}body:\n  - section: A\n    bdy: []\n"));
        assert_eq!(d.code, "schema.unknown-field");
        assert_eq!(d.path.as_deref(), Some("body[0].bdy"));
        assert_eq!(d.span.unwrap().line, 11);
    }

    #[test]
    fn syntax_error_after_valid_fields_is_not_a_type_error() {
        let d = err(&MINIMAL.replace("place: X", "place: [X"));
        assert_eq!(d.code, "yaml.syntax", "{d:?}");
    }

    #[test]
    fn paragraph_ending_with_colon_gets_a_quoting_hint() {
        let d = err(&format!("{MINIMAL}body:\n  - Thực hiện như sau:\n"));
        assert_eq!(d.code, "yaml.unquoted-colon");
        assert_eq!(d.span.unwrap().line, 10);
        assert!(d.hints[0].contains("quotes"));
    }

    #[test]
    fn nfd_input_is_normalised_with_a_notice() {
        let nfd: String = MINIMAL.nfd().collect();
        let w = load(&Source::new("t.yaml", &nfd)).unwrap();
        assert_eq!(w.output.signer.unwrap().role, "Bí thư");
        assert_eq!(w.warnings[0].code, "input.nfd");
    }
}
