//! Field path → position in the YAML text.
//!
//! serde reports *what* is wrong and the field path, but not always
//! *where*: errors raised inside our own `Deserialize` impls (a bad date)
//! and findings of later checks have only the path. This index walks the
//! YAML event stream once and records, for each path (`signer.name`,
//! `body[3].list[0]`), the span of its key and of its value.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diag::Span;

/// Where each field path sits in the text.
#[derive(Debug, Default)]
pub struct SpanIndex {
    keys: HashMap<String, Span>,
    values: HashMap<String, Span>,
}

impl SpanIndex {
    /// Index `text`. A syntax error ends the walk; what came before stays.
    pub fn build(text: &str) -> Self {
        let mut builder = Builder { text, index: Self::default(), stack: Vec::new() };
        let _ = Parser::new_from_str(text).load(&mut builder, false);
        builder.index
    }

    /// The span of the value at `path`.
    pub fn value(&self, path: &str) -> Option<Span> {
        self.values.get(path).copied()
    }

    /// The span of the key at `path` (the value's, for sequence items).
    pub fn key(&self, path: &str) -> Option<Span> {
        self.keys.get(path).or_else(|| self.values.get(path)).copied()
    }

    /// The span of `path`, or of its nearest ancestor that exists.
    pub fn locate(&self, path: &str) -> Option<Span> {
        let mut p = path.to_string();
        loop {
            if let Some(s) = self.key(&p) {
                return Some(s);
            }
            let cut = p.rfind(['.', '['])?;
            p.truncate(cut);
        }
    }
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, next: usize },
}

struct Builder<'a> {
    text: &'a str,
    index: SpanIndex,
    stack: Vec<Frame>,
}

impl Builder<'_> {
    fn span(&self, mark: Marker) -> Span {
        Span::at_line_column(self.text, mark.line(), mark.col() + 1)
    }

    /// The path of the node that starts now, or `None` if it is a key.
    fn node_path(&mut self, mark: Marker, scalar: Option<&str>) -> Option<String> {
        let span = self.span(mark);
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                Some(p)
            }
            Some(Frame::Map { path, key }) => match key.take() {
                Some(k) => Some(if path.is_empty() { k } else { format!("{path}.{k}") }),
                None => {
                    let k = scalar.unwrap_or_default().to_string();
                    let full = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    self.index.keys.insert(full, span);
                    *key = Some(k);
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) => {
                if let Some(path) = self.node_path(mark, Some(&value)) {
                    let span = self.span(mark);
                    self.index.values.insert(path, span);
                }
            }
            Event::Alias(_) => {
                if let Some(path) = self.node_path(mark, None) {
                    let span = self.span(mark);
                    self.index.values.insert(path, span);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                let path = self.node_path(mark, None).unwrap_or_default();
                let span = self.span(mark);
                self.index.values.entry(path.clone()).or_insert(span);
                self.stack.push(if is_map { Frame::Map { path, key: None } } else { Frame::Seq { path, next: 0 } });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "kind: cong-van\nsigner:\n  role: Bí thư\n  name: Đào\nbody:\n  - a\n  - section: b\n    body: [c, d]\n";

    #[test]
    fn paths_map_to_lines_and_columns() {
        let idx = SpanIndex::build(TEXT);
        let at = |p: &str| idx.value(p).map(|s| (s.line, s.column));
        assert_eq!(at("kind"), Some((1, 7)));
        assert_eq!(at("signer.name"), Some((4, 9)));
        assert_eq!(idx.key("signer.name").map(|s| (s.line, s.column)), Some((4, 3)));
        assert_eq!(at("body[0]"), Some((6, 5)));
        assert_eq!(at("body[1].section"), Some((7, 14)));
        assert_eq!(at("body[1].body[1]"), Some((8, 15)));
    }

    #[test]
    fn missing_paths_fall_back_to_the_parent() {
        let idx = SpanIndex::build(TEXT);
        assert_eq!(idx.locate("signer.authority").map(|s| s.line), Some(2));
        assert_eq!(idx.locate("body[1].body[7]").map(|s| s.line), Some(8));
    }
}
