//! Printing diagnostics: one format for every stage, with a code frame of
//! the YAML (codespan-reporting) and colour only on a terminal.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Frame, Label, Severity as FrameSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor};

use crate::diag::{Diagnostic, Severity};
use crate::model::Source;

/// Collects source texts and prints diagnostics against them.
pub struct Printer {
    files: SimpleFiles<Arc<str>, String>,
    ids: HashMap<Arc<str>, usize>,
    color: bool,
    json: bool,
}

impl Printer {
    /// A printer; `color` when stderr is a terminal.
    pub fn new(color: bool) -> Self {
        Self { files: SimpleFiles::new(), ids: HashMap::new(), color, json: false }
    }

    /// Print JSON lines on stdout instead of code frames.
    pub fn set_json(&mut self, json: bool) {
        self.json = json;
    }

    /// Register a source so its diagnostics get a code frame.
    pub fn add_source(&mut self, source: &Source) {
        let id = self.files.add(source.name.clone(), source.text.clone());
        self.ids.insert(source.name.clone(), id);
    }

    /// Print diagnostics to stderr.
    pub fn print(&self, diags: &[Diagnostic]) {
        if diags.is_empty() {
            return;
        }
        if self.json {
            let mut out = std::io::stdout().lock();
            for d in diags {
                if let Ok(line) = serde_json::to_string(d) {
                    let _ = writeln!(out, "{line}");
                }
            }
            return;
        }
        let text = self.render(diags);
        let _ = std::io::stderr().write_all(&text);
    }

    /// Render diagnostics to bytes (ANSI-coloured when enabled).
    pub fn render(&self, diags: &[Diagnostic]) -> Vec<u8> {
        let config = Config::default();
        let styles = Styles::default();
        let mut buf = Vec::new();
        for d in diags {
            let frame = self.frame(d);
            if self.color {
                let mut w = StylesWriter::new(termcolor::Ansi::new(&mut buf), &styles);
                let _ = term::emit_to_write_style(&mut w, &config, &self.files, &frame);
            } else {
                let _ = term::emit_to_io_write(&mut buf, &config, &self.files, &frame);
            }
        }
        buf
    }

    fn frame(&self, d: &Diagnostic) -> Frame<usize> {
        let severity = match d.severity {
            Severity::Info => FrameSeverity::Note,
            Severity::Warning => FrameSeverity::Warning,
            Severity::Error => FrameSeverity::Error,
        };
        let mut frame = Frame::new(severity).with_code(d.code.to_string()).with_message(&d.message);
        let file_id = d.file.as_ref().and_then(|f| self.ids.get(f));
        let mut notes = Vec::new();
        match (file_id, d.span) {
            (Some(&id), Some(span)) => {
                let label = match &d.path {
                    Some(path) => format!("at `{path}`"),
                    None => String::new(),
                };
                frame = frame.with_labels(vec![Label::primary(id, span.start..span.end).with_message(label)]);
            }
            _ => {
                // No code frame: still say where, as file:line:col and path.
                let mut place = d.file.as_deref().unwrap_or("").to_string();
                if let Some(span) = d.span {
                    place.push_str(&format!(":{}:{}", span.line, span.column));
                }
                if !place.is_empty() {
                    notes.push(format!("in {place}"));
                }
                if let Some(path) = &d.path {
                    notes.push(format!("at `{path}`"));
                }
            }
        }
        notes.extend(d.hints.iter().map(|h| format!("hint: {h}")));
        frame.with_notes(notes)
    }
}
