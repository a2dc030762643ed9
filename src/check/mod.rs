//! Checks on a typed document that serde cannot express: a block says
//! what it is, required text is not blank, the profile exists, the font is
//! available. Every finding is collected in one pass with its field path.
//!
//! Entry point: [`run`].

pub mod fix;
pub mod rules;

use crate::diag::{Diagnostic, Severity};
use crate::model::{Block, Document, Kind, ListItem, Table};

/// Check `doc`; returns every finding (errors, warnings, infos).
pub fn run(doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let required = [
        ("issuer.organ", doc.issuer.organ.as_str()),
        ("issuer.code", doc.issuer.code.as_str()),
        ("place", doc.place.as_str()),
    ];
    match &doc.signer {
        Some(s) => {
            for (path, value) in [("signer.role", s.role.as_str()), ("signer.name", s.name.as_str())] {
                if value.trim().is_empty() {
                    out.push(
                        Diagnostic::error("schema.empty", format!("`{path}` is empty"))
                            .with_path(path)
                            .with_hint("write the text the document should show here"),
                    );
                }
            }
        }
        None if doc.kind != Kind::BieuMau => out.push(
            Diagnostic::error("schema.missing-field", "missing field `signer`")
                .with_path("signer")
                .with_hint("add `signer:` with `authority`, `role` and `name`"),
        ),
        None => {}
    }
    for (path, value) in required {
        if value.trim().is_empty() {
            out.push(
                Diagnostic::error("schema.empty", format!("`{path}` is empty"))
                    .with_path(path)
                    .with_hint("write the text the document should show here"),
            );
        }
    }
    kind_fields(doc, &mut out);
    blank_items(&doc.recipients, "recipients", &mut out);
    blank_items(&doc.bases, "bases", &mut out);
    blank_items(&doc.distribution, "distribution", &mut out);
    check_blocks(&doc.body, "body", &mut out);
    for (i, a) in doc.appendices.iter().enumerate() {
        check_blocks(&a.body, &format!("appendices[{i}].body"), &mut out);
    }
    out
}

/// Fields that only some kinds use: say so rather than ignore them.
fn kind_fields(doc: &Document, out: &mut Vec<Diagnostic>) {
    let unused = |field: &str, kinds: &str| {
        Diagnostic::warning(
            "schema.unused",
            format!("`{field}` is not used by a {}", doc.kind.name_vi().to_lowercase()),
        )
        .with_path(field.to_string())
        .with_hint(format!("`{field}` belongs to {kinds}"))
    };
    if doc.decision.is_some() && doc.kind.decision_verb().is_none() {
        out.push(unused("decision", "a quyết định or nghị quyết"));
    }
    if doc.meeting.is_some() && !matches!(doc.kind, Kind::GiayMoi | Kind::BienBan) {
        out.push(unused("meeting", "a giấy mời or biên bản"));
    }
    if doc.recorder.is_some() && doc.kind != Kind::BienBan {
        out.push(unused("recorder", "a biên bản"));
    }
    if doc.kind == Kind::BienBan && doc.recorder.is_none() {
        out.push(
            Diagnostic::warning("bien-ban.recorder", "a biên bản is signed by the recorder too")
                .with_path("recorder")
                .with_hint("add `recorder:` with `role: Người ghi biên bản` (or Thư ký) and `name:`"),
        );
    }
}

fn blank_items(items: &[String], path: &str, out: &mut Vec<Diagnostic>) {
    for (i, item) in items.iter().enumerate() {
        if item.trim().trim_matches(['-', ',', ';', '.']).trim().is_empty() {
            out.push(
                Diagnostic::error("schema.empty", format!("item {} of `{path}` is empty", i + 1))
                    .with_path(format!("{path}[{i}]")),
            );
        }
    }
}

fn check_blocks(blocks: &[Block], path: &str, out: &mut Vec<Diagnostic>) {
    for (i, block) in blocks.iter().enumerate() {
        let here = format!("{path}[{i}]");
        match block {
            Block::Paragraph(text) if text.trim().is_empty() => {
                out.push(Diagnostic::new(Severity::Warning, "body.empty", "empty paragraph").with_path(here));
            }
            Block::Paragraph(_) => {}
            Block::Node(node) => {
                let kinds = node.kinds();
                match kinds.len() {
                    0 if node.body.is_empty() => out.push(
                        Diagnostic::error("body.shape", "a block needs a key saying what it is")
                            .with_path(here.clone())
                            .with_hint("write a paragraph as text; use `section`, `numbered`, `chapter`, `article`, `list`, `table`, `fill`, `checkboxes`, `note` or `signatures`"),
                    ),
                    0 | 1 => {}
                    _ => out.push(
                        Diagnostic::error(
                            "body.shape",
                            format!("a block can be only one thing, not {}", kinds.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and ")),
                        )
                        .with_path(here.clone())
                        .with_hint("split it into separate blocks, or nest one in the other's `body`"),
                    ),
                }
                let takes_body = ["section", "numbered", "chapter", "article", "article_text"];
                if !node.body.is_empty() && kinds.iter().any(|k| !takes_body.contains(k)) {
                    out.push(
                        Diagnostic::error("body.shape", format!("a `{}` block has no `body`", kinds[0]))
                            .with_path(format!("{here}.body")),
                    );
                }
                check_blocks(&node.body, &format!("{here}.body"), out);
                if let Some(items) = &node.list {
                    list(items, &format!("{here}.list"), out);
                }
                if let Some(table) = &node.table {
                    check_table(table, &format!("{here}.table"), out);
                }
            }
        }
    }
}

/// Every row of a table covers the same number of columns.
fn check_table(t: &Table, path: &str, out: &mut Vec<Diagnostic>) {
    let width = |r: &[crate::model::Cell]| r.iter().map(|c| c.colspan).sum::<usize>();
    let columns = if !t.widths.is_empty() {
        t.widths.len()
    } else if let Some(first) = t.header.first().or(t.rows.first()) {
        width(first)
    } else {
        return;
    };
    // Header rows under a rowspan cell are shorter; only check the first.
    if let Some(first) = t.header.first()
        && width(first) != columns
    {
        out.push(
            Diagnostic::error(
                "table.columns",
                format!("the header covers {} columns, the table has {columns}", width(first)),
            )
            .with_path(format!("{path}.header[0]")),
        );
    }
    for (i, row) in t.rows.iter().enumerate() {
        if width(row) != columns {
            out.push(
                Diagnostic::error(
                    "table.columns",
                    format!("row {} has {} cells, the table has {columns} columns", i + 1, width(row)),
                )
                .with_path(format!("{path}.rows[{i}]"))
                .with_hint("write an empty cell as \"\""),
            );
        }
    }
    if let Some(total) = &t.total
        && width(total) != columns
    {
        out.push(
            Diagnostic::error(
                "table.columns",
                format!("the totals row has {} cells, the table has {columns} columns", width(total)),
            )
            .with_path(format!("{path}.total")),
        );
    }
}

fn list(items: &[ListItem], path: &str, out: &mut Vec<Diagnostic>) {
    for (i, item) in items.iter().enumerate() {
        if item.text.trim().is_empty() {
            out.push(
                Diagnostic::new(Severity::Warning, "body.empty", "empty list item").with_path(format!("{path}[{i}]")),
            );
        }
        list(&item.list, &format!("{path}[{i}].list"), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, load};

    fn findings(extra: &str) -> Vec<Diagnostic> {
        let text = format!(
            "kind: cong-van\nissuer: {{organ: X, code: ĐU}}\nplace: X\nsigner: {{role: Bí thư, name: A}}\n{extra}"
        );
        run(&load(&Source::new("t.yaml", &text)).unwrap().output)
    }

    #[test]
    fn clean_document_has_no_findings() {
        assert!(findings("body: [a, {section: b, body: [c]}, {list: [d, {text: e, list: [f]}]}]").is_empty());
    }

    #[test]
    fn block_with_two_kinds_is_an_error() {
        let f = findings("body: [{section: a, list: [b]}]");
        assert!(f[0].message.contains("`section` and `list`"), "{}", f[0].message);
        assert_eq!(f[0].code, "body.shape");
        assert_eq!(f[0].path.as_deref(), Some("body[0]"));
    }

    #[test]
    fn empty_name_is_an_error() {
        let text = "kind: cong-van\nissuer: {organ: X, code: ĐU}\nplace: X\nsigner: {role: Bí thư, name: ' '}\n";
        let f = run(&load(&Source::new("t.yaml", text)).unwrap().output);
        assert_eq!(f[0].path.as_deref(), Some("signer.name"));
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;
    use crate::model::{Source, load};

    fn findings(table: &str) -> Vec<Diagnostic> {
        let text = format!(
            "kind: bao-cao\nissuer: {{organ: X, code: ĐU}}\nplace: X\nsigner: {{role: Bí thư, name: A}}\nbody:\n  - table:\n{table}"
        );
        run(&load(&Source::new("t.yaml", &text)).unwrap().output)
    }

    #[test]
    fn rows_must_match_the_columns() {
        let f = findings(
            "      header: [[{text: TT, rowspan: 2}, {text: Cấp độ, colspan: 2}], [a, b]]\n      rows: [[1, x, y], [2, x]]\n",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].path.as_deref(), Some("body[0].table.rows[1]"));
    }

    #[test]
    fn spans_count_as_columns() {
        assert!(findings("      widths: [10mm, 1fr, 1fr]\n      header: [[A, {text: B, colspan: 2}]]\n      rows: [[1, 2, 3]]\n      total: [{text: Tổng, colspan: 3}]\n").is_empty());
    }
}
