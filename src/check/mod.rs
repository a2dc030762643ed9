//! Checks on a typed document that serde cannot express: a block says
//! what it is, required text is not blank, the profile exists, the font is
//! available. Every finding is collected in one pass with its field path.
//!
//! Entry point: [`run`].

use crate::diag::{Diagnostic, Severity};
use crate::model::{Block, Document, ListItem};

/// Check `doc`; returns every finding (errors, warnings, infos).
pub fn run(doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let required = [
        ("issuer.organ", doc.issuer.organ.as_str()),
        ("issuer.code", doc.issuer.code.as_str()),
        ("place", doc.place.as_str()),
        ("signer.role", doc.signer.role.as_str()),
        ("signer.name", doc.signer.name.as_str()),
    ];
    for (path, value) in required {
        if value.trim().is_empty() {
            out.push(
                Diagnostic::error("schema.empty", format!("`{path}` is empty"))
                    .with_path(path)
                    .with_hint("write the text the document should show here"),
            );
        }
    }
    blank_items(&doc.recipients, "recipients", &mut out);
    blank_items(&doc.distribution, "distribution", &mut out);
    check_blocks(&doc.body, "body", &mut out);
    out
}

fn blank_items(items: &[String], path: &str, out: &mut Vec<Diagnostic>) {
    for (i, item) in items.iter().enumerate() {
        if item
            .trim()
            .trim_matches(['-', ',', ';', '.'])
            .trim()
            .is_empty()
        {
            out.push(
                Diagnostic::error(
                    "schema.empty",
                    format!("item {} of `{path}` is empty", i + 1),
                )
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
                out.push(
                    Diagnostic::new(Severity::Warning, "body.empty", "empty paragraph")
                        .with_path(here),
                );
            }
            Block::Paragraph(_) => {}
            Block::Node(node) => {
                let kinds = [
                    node.section.is_some(),
                    node.numbered.is_some(),
                    node.list.is_some(),
                ];
                match kinds.iter().filter(|k| **k).count() {
                    0 => out.push(
                        Diagnostic::error("body.shape", "a block needs one of `section`, `numbered` or `list`")
                            .with_path(here.clone())
                            .with_hint("write a plain paragraph as text, a titled part as `section:`, a list as `list:`"),
                    ),
                    1 => {}
                    _ => out.push(
                        Diagnostic::error("body.shape", "a block can be only one of `section`, `numbered` or `list`")
                            .with_path(here.clone())
                            .with_hint("split it into two blocks, or put the list inside the section's `body`"),
                    ),
                }
                if node.list.is_some() && !node.body.is_empty() {
                    out.push(
                        Diagnostic::error("body.shape", "a list has items, not a `body`")
                            .with_path(format!("{here}.body")),
                    );
                }
                check_blocks(&node.body, &format!("{here}.body"), out);
                if let Some(items) = &node.list {
                    list(items, &format!("{here}.list"), out);
                }
            }
        }
    }
}

fn list(items: &[ListItem], path: &str, out: &mut Vec<Diagnostic>) {
    for (i, item) in items.iter().enumerate() {
        if item.text.trim().is_empty() {
            out.push(
                Diagnostic::new(Severity::Warning, "body.empty", "empty list item")
                    .with_path(format!("{path}[{i}]")),
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
        assert!(
            findings("body: [a, {section: b, body: [c]}, {list: [d, {text: e, list: [f]}]}]")
                .is_empty()
        );
    }

    #[test]
    fn block_with_two_kinds_is_an_error() {
        let f = findings("body: [{section: a, list: [b]}]");
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
