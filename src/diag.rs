//! One diagnostic type from YAML parsing to PDF export.
//!
//! Every stage (model, check, render, typeset) reports problems as
//! [`Diagnostic`]s, so the CLI prints them in one place and one format. A
//! diagnostic carries its location when the stage knows it: the file, a
//! byte span with its 1-based line and column, and the field path in the
//! YAML (`signer.name`), which is what a clerk fixing the input needs.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never blocks anything.
    Info,
    /// Probably wrong; the document is still produced.
    Warning,
    /// The document cannot be produced as written.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        })
    }
}

/// A region of a source file: byte range plus the 1-based line and column
/// (in characters) of its start, so reports need not re-scan the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, counted in characters.
    pub column: usize,
}

impl Span {
    /// The span of `start..end` in `text`, computing line and column.
    pub fn in_text(text: &str, start: usize, end: usize) -> Self {
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, end.clamp(start, text.len()));
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..start].chars().count() + 1;
        Self { start, end, line, column }
    }

    /// The span covering the rest of the line that starts at `line:column`
    /// (both 1-based), or an empty span at the end of `text`.
    pub fn at_line_column(text: &str, line: usize, column: usize) -> Self {
        let mut offset = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let col_byte: usize = l.chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
                let start = offset + col_byte;
                let token_end = l[col_byte..].find(['\n', '\r']).map_or(l.len(), |e| col_byte + e);
                let end = offset + token_end.max(col_byte);
                return Self { start, end, line, column };
            }
            offset += l.len();
        }
        Self::in_text(text, text.len(), text.len())
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A problem found in the input or while producing the output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable machine-readable code, e.g. `yaml.syntax`, `schema.unknown-field`.
    pub code: Cow<'static, str>,
    /// What is wrong, lowercase, specific, fields in backticks.
    pub message: String,
    /// The file the span points into (display name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    /// Where in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The YAML field path, e.g. `signer.name` or `body[3].list[0]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
    /// The corrected value of the field at `path`, when the fix is certain
    /// (`vanban check --fix` writes it into the YAML).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Diagnostic {
    /// A new diagnostic without location.
    pub fn new(severity: Severity, code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self {
            severity,
            code: code.into(),
            message: message.into(),
            file: None,
            span: None,
            path: None,
            hints: Vec::new(),
            fix: None,
        }
    }

    /// A new error.
    pub fn error(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A new warning.
    pub fn warning(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// Attach the file's display name.
    pub fn with_file(mut self, file: Arc<str>) -> Self {
        self.file = Some(file);
        self
    }

    /// Attach a span.
    pub fn with_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Attach the field path.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Add a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Attach the corrected value of the field at `path`.
    pub fn with_fix(mut self, value: impl Into<String>) -> Self {
        self.fix = Some(value.into());
        self
    }

    /// Whether this diagnostic blocks the output.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// One line: `file:line:col: severity[code]: message (at path)`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:")?;
            if let Some(span) = &self.span {
                write!(f, "{}:{}:", span.line, span.column)?;
            }
            f.write_str(" ")?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)?;
        if let Some(path) = &self.path {
            write!(f, " (at `{path}`)")?;
        }
        Ok(())
    }
}

/// A list of diagnostics, the error type of every stage: a stage reports
/// everything it found in one pass so a user fixes all of it in one round.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Add one.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Iterate.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Self(vec![d])
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(v: Vec<Diagnostic>) -> Self {
        Self(v)
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// A result that also carries warnings, as typst's `Warned<T>` does: a
/// successful stage may still have something to say.
#[derive(Debug)]
pub struct Warned<T> {
    /// The stage's output.
    pub output: T,
    /// Warnings and infos found on the way.
    pub warnings: Vec<Diagnostic>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_line_and_column_count_characters() {
        let text = "a: 1\nbé: ồ x\n";
        let start = text.find('x').unwrap();
        let span = Span::in_text(text, start, start + 1);
        assert_eq!((span.line, span.column), (2, 7));
    }

    #[test]
    fn span_from_line_column_covers_rest_of_line() {
        let text = "a: 1\nname: Đào\n";
        let span = Span::at_line_column(text, 2, 7);
        assert_eq!(&text[span.start..span.end], "Đào");
    }

    #[test]
    fn display_names_location_and_path() {
        let d = Diagnostic::error("schema.missing-field", "missing field `name`")
            .with_file("x.yaml".into())
            .with_span(Span { start: 0, end: 1, line: 3, column: 5 })
            .with_path("signer.name");
        assert_eq!(d.to_string(), "x.yaml:3:5: error[schema.missing-field]: missing field `name` (at `signer.name`)");
    }
}
