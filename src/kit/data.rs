//! Batch data: rows of text fields from a CSV file (UTF-8, header row,
//! Excel's BOM accepted) or a YAML list of mappings, plus shared values
//! from a context YAML and `--set key=value`.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, Diagnostics, Span};

/// One row: field name → text.
pub type Row = BTreeMap<String, String>;

/// The rows of a data file, in file order, with the line each starts on.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The rows.
    pub rows: Vec<Row>,
    /// 1-based line of each row in the file (for messages).
    pub lines: Vec<usize>,
    /// Column names in file order.
    pub columns: Vec<String>,
}

/// Read a `.csv` or `.yaml`/`.yml` data file.
pub fn read(path: &Path) -> Result<Table, Diagnostics> {
    let (name, text) = read_text(path, "data file")?;
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("csv") => from_csv(&text, &name),
        Some("yaml" | "yml") => from_yaml(&text, &name),
        _ => Err(Diagnostic::error("data.format", "data files are .csv or .yaml")
            .with_file(name)
            .with_hint("save the spreadsheet as CSV UTF-8")
            .into()),
    }
}

/// A text file, BOM dropped and NFC-normalised, with its display name.
fn read_text(path: &Path, what: &str) -> Result<(Arc<str>, String), Diagnostics> {
    let name: Arc<str> = path.display().to_string().into();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::error("io.read", format!("failed to read {what} ({})", crate::io::io_reason(&e)))
            .with_file(name.clone())
    })?;
    Ok((name, text.trim_start_matches('\u{feff}').nfc().collect()))
}

/// Parse CSV text with a header row.
pub fn from_csv(text: &str, name: &Arc<str>) -> Result<Table, Diagnostics> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(text.as_bytes());
    let columns: Vec<String> =
        reader.headers().map_err(|e| csv_error(e, text, name))?.iter().map(|h| h.trim().to_string()).collect();
    let mut table = Table { columns: columns.clone(), ..Table::default() };
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(e, text, name))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let row: Row = columns.iter().cloned().zip(record.iter().map(str::to_string)).collect();
        table.rows.push(row);
        table.lines.push(line);
    }
    Ok(table)
}

fn csv_error(e: csv::Error, text: &str, name: &Arc<str>) -> Diagnostics {
    let mut d = Diagnostic::error("data.csv", format!("invalid CSV ({e})")).with_file(name.clone());
    if let Some(pos) = e.position() {
        d = d.with_span(Span::at_line_column(text, pos.line() as usize, 1));
    }
    d.with_hint("every row needs as many cells as the header; quote cells that contain commas").into()
}

/// Parse a YAML list of flat mappings (values: text or numbers).
pub fn from_yaml(text: &str, name: &Arc<str>) -> Result<Table, Diagnostics> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let mut d = Diagnostic::error("yaml.syntax", e.to_string()).with_file(name.clone());
        if let Some(l) = e.location() {
            d = d.with_span(Span::at_line_column(text, l.line(), l.column()));
        }
        Diagnostics::from(d)
    })?;
    let index = crate::model::SpanIndex::build(text);
    let items = value.as_sequence().ok_or_else(|| {
        Diagnostic::error("data.shape", "a YAML data file is a list of rows (mappings)").with_file(name.clone())
    })?;
    let mut table = Table::default();
    for (i, item) in items.iter().enumerate() {
        let path = format!("[{i}]");
        let line = index.locate(&path).map_or(0, |s| s.line);
        let map = item.as_mapping().ok_or_else(|| {
            Diagnostic::error("data.shape", format!("row {} is not a mapping", i + 1))
                .with_file(name.clone())
                .with_path(path.clone())
        })?;
        let mut row = Row::new();
        for (k, v) in map {
            let key = scalar(k).unwrap_or_default();
            let value = scalar(v).ok_or_else(|| {
                Diagnostic::error("data.shape", format!("field `{key}` of row {} is not text", i + 1))
                    .with_file(name.clone())
                    .with_path(format!("{path}.{key}"))
            })?;
            if !table.columns.contains(&key) {
                table.columns.push(key.clone());
            }
            row.insert(key, value);
        }
        table.rows.push(row);
        table.lines.push(line);
    }
    Ok(table)
}

/// Text of a scalar: strings as they are, numbers and booleans printed.
fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(if *b { "có" } else { "không" }.to_string()),
        serde_yaml::Value::Null => Some(String::new()),
        _ => None,
    }
}

/// Shared values: a flat YAML mapping of text.
pub fn read_context(path: &Path) -> Result<Row, Diagnostics> {
    let (name, text) = read_text(path, "context file")?;
    let shape =
        || Diagnostic::error("data.context", "a context file is a flat mapping of text").with_file(name.clone());
    let value: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| {
        let mut d = Diagnostic::error("yaml.syntax", e.to_string()).with_file(name.clone());
        if let Some(l) = e.location() {
            d = d.with_span(Span::at_line_column(&text, l.line(), l.column()));
        }
        Diagnostics::from(d)
    })?;
    let map = value.as_mapping().ok_or_else(shape)?;
    map.iter()
        .map(|(k, v)| match (scalar(k), scalar(v)) {
            (Some(k), Some(v)) => Ok((k, v)),
            _ => Err(shape().into()),
        })
        .collect()
}

/// `key=value` from the command line.
pub fn parse_set(s: &str) -> Result<(String, String), String> {
    let (k, v) = s.split_once('=').ok_or_else(|| format!("expected key=value, got `{s}`"))?;
    let k = k.trim();
    if k.is_empty() {
        return Err(format!("empty key in `{s}`"));
    }
    Ok((k.to_string(), v.nfc().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_bom_and_header() {
        let t = from_csv("ho_ten,chi_bo\nNguyễn Văn A, Chi bộ 1\n\"Trần, B\",Chi bộ 2\n", &"t.csv".into()).unwrap();
        assert_eq!(t.columns, ["ho_ten", "chi_bo"]);
        assert_eq!(t.rows[1]["ho_ten"], "Trần, B");
        assert_eq!(t.rows[0]["chi_bo"], "Chi bộ 1");
        assert_eq!(t.lines, [2, 3]);
    }

    #[test]
    fn csv_row_with_missing_cell_is_located() {
        let e = from_csv("a,b\n1,2\n3\n", &"t.csv".into()).unwrap_err();
        assert_eq!(e.0[0].span.unwrap().line, 3);
    }

    #[test]
    fn yaml_rows() {
        let t = from_yaml("- {ho_ten: A, tuoi: 40, lanh_dao: true}\n- ho_ten: B\n", &"t.yaml".into()).unwrap();
        assert_eq!(t.rows[0]["tuoi"], "40");
        assert_eq!(t.rows[0]["lanh_dao"], "có");
        assert_eq!(t.lines, [1, 2]);
    }

    #[test]
    fn set_pairs() {
        assert_eq!(parse_set("nam=2025"), Ok(("nam".into(), "2025".into())));
        assert!(parse_set("nam").is_err());
    }
}
