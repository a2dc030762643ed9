//! Hostile text in every text field reaches the page as literal text.
//!
//! Each test puts one string that means something to Typst or to minijinja
//! (markup, math, code, comments, labels, references, imports, file reads,
//! template tags, quotes and backslashes) into every kind of text field of
//! a document, compiles it through the library, and proves that:
//!
//! - the string appears literally in the laid-out text of every field
//!   (upper-cased where the tool upper-cases names);
//! - it changed no structure: the document has as many pages, and uses
//!   exactly the same fonts, sizes and styles, as the same document with a
//!   harmless string of the same length (so no heading, emphasis, raw text
//!   or math was made), and no list bullet appears;
//! - nothing was read from the file system (`/etc/passwd`);
//! - the PDF's text layer says the same, when `pdftotext` is installed.

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::OnceLock;

use vanban::model::Source;
use vanban::{Engine, EngineOptions};

/// The engine, built once for all tests in this file.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(&EngineOptions::default()).expect("engine builds"))
}

/// `s` as a YAML double-quoted scalar.
fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Every kind of text field, tagged so each can be found on the page:
/// (tag, whether the tool upper-cases the field).
const FIELDS: &[(&str, bool)] = &[
    ("F01", true),  // issuer.superior
    ("F02", true),  // issuer.organ
    ("F03", false), // place
    ("F04", false), // subject
    ("F05", false), // recipients[0]
    ("F06", false), // recipients[1]
    ("F07", false), // body paragraph
    ("F08", false), // section title
    ("F09", false), // numbered paragraph
    ("F10", false), // list item
    ("F11", false), // list item with a nested list
    ("F12", false), // nested list item
    ("F13", false), // closing
    ("F14", true),  // signer.authority, after `T/M `
    ("F15", true),  // signer.role
    ("F16", false), // signer.name
    ("F17", false), // distribution[0]
    ("F18", false), // distribution[1]
];

/// A công văn with `text`, after its field's tag, in every text field.
fn document(text: &str) -> String {
    let f = |tag: &str| yaml_str(&format!("{tag} {text}"));
    format!(
        "\
kind: cong-van
issuer:
  superior: {f01}
  organ: {f02}
  code: ĐU
number: 5
place: {f03}
date: 2021-11-02
subject: {f04}
recipients:
  - {f05}
  - {f06}
body:
  - {f07}
  - section: {f08}
    body:
      - numbered: {f09}
      - list:
          - {f10}
          - text: {f11}
            list:
              - {f12}
closing: {f13}
signer:
  authority: {f14}
  role: {f15}
  name: {f16}
distribution:
  - {f17}
  - {f18}
",
        f01 = f("F01"),
        f02 = f("F02"),
        f03 = f("F03"),
        f04 = f("F04"),
        f05 = f("F05"),
        f06 = f("F06"),
        f07 = f("F07"),
        f08 = f("F08"),
        f09 = f("F09"),
        f10 = f("F10"),
        f11 = f("F11"),
        f12 = f("F12"),
        f13 = f("F13"),
        f14 = yaml_str(&format!("T/M F14 {text}")),
        f15 = f("F15"),
        f16 = f("F16"),
        f17 = f("F17"),
        f18 = f("F18"),
    )
}

/// The national title, set beside the organ lines in the header.
const NATIONAL_TITLE: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";

/// A run's look: font family, size in tenths of a point, bold, italic.
type Style = (String, i64, bool, bool);

/// What a compiled document shows.
struct Rendered {
    /// The layout's text, for messages.
    text: String,
    /// The same, for searching (see [`squash`]).
    squashed: String,
    pages: usize,
    styles: BTreeSet<Style>,
    pdf: Vec<u8>,
}

/// Compile `yaml` through the library; any diagnostic fails the test.
fn render(yaml: &str) -> Rendered {
    let source = Source::new("hostile.yaml", yaml);
    let prepared = engine().prepare(&source).unwrap_or_else(|d| panic!("prepare failed:\n{d}\n--- input:\n{yaml}"));
    assert!(prepared.warnings.is_empty(), "{:?}", prepared.warnings);
    let compiled =
        engine().compile(&prepared.output).unwrap_or_else(|d| panic!("compile failed:\n{d}\n--- input:\n{yaml}"));
    assert!(compiled.warnings.is_empty(), "{:?}", compiled.warnings);
    let compiled = compiled.output;
    let layout = compiled.layout();
    let text = layout.text();
    let styles = layout
        .pages
        .iter()
        .flat_map(|p| &p.texts)
        .map(|r| (r.family.clone(), (r.size * 10.0).round() as i64, r.bold, r.italic))
        .collect();
    Rendered {
        squashed: squash(&text),
        text,
        pages: compiled.page_count(),
        styles,
        pdf: compiled.pdf().expect("PDF export"),
    }
}

/// Text for searching: the national title removed and no whitespace left.
/// A long organ name wraps inside its header column (even after a `/`,
/// where there was no space), and in reading order the national title of
/// the other column falls between its lines; squashed, it reads as one
/// string.
/// Markup would delete or replace characters, never only whitespace, so
/// this hides no escaping failure.
fn squash(s: &str) -> String {
    s.replace(NATIONAL_TITLE, "").chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of `pdf` by `pdftotext`, or `None` when it is not installed.
fn pdftotext(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg(&path).arg("-").output().ok()?;
    assert!(out.status.success(), "pdftotext failed");
    Some(squash(&String::from_utf8(out.stdout).unwrap()))
}

/// Put `hostile` in every field and check it stays literal text.
#[track_caller]
fn assert_literal_everywhere(hostile: &str) {
    let doc = render(&document(hostile));

    // Literal in every field, in the field's case.
    let missing: Vec<String> = FIELDS
        .iter()
        .map(|&(tag, upper)| {
            let want = format!("{tag} {hostile}");
            if upper { want.to_uppercase() } else { want }
        })
        .filter(|want| !doc.squashed.contains(&squash(want)))
        .collect();
    assert!(missing.is_empty(), "not literal on the page: {missing:?}\n--- page text:\n{}", doc.text);

    // No structure came from the data: same shape as harmless text.
    let harmless = render(&document(&"x".repeat(hostile.chars().count())));
    assert_eq!(doc.pages, harmless.pages, "page count changed");
    assert_eq!(doc.styles, harmless.styles, "fonts or styles changed\n{}", doc.text);
    for bullet in ['•', '‣', '–'] {
        assert!(!doc.text.contains(bullet), "a Typst list marker `{bullet}` appeared");
    }

    // Nothing was read from the file system.
    assert!(!doc.text.contains("root:"), "file contents leaked");

    // The PDF's text layer agrees (skipped without pdftotext).
    if let Some(pdf_text) = pdftotext(&doc.pdf) {
        for &(tag, upper) in FIELDS {
            let want = format!("{tag} {hostile}");
            let want = if upper { want.to_uppercase() } else { want };
            assert!(pdf_text.contains(&squash(&want)), "not in the PDF text: {want:?}\n--- pdftotext:\n{pdf_text}");
        }
        assert!(!pdf_text.contains("root:"), "file contents leaked into the PDF");
    }
}

#[test]
fn hash() {
    assert_literal_everywhere("#");
}

#[test]
fn math() {
    assert_literal_everywhere("$x$");
}

#[test]
fn lone_star() {
    assert_literal_everywhere("*");
}

#[test]
fn underscores() {
    assert_literal_everywhere("_a_");
}

#[test]
fn backticks() {
    assert_literal_everywhere("`code`");
}

#[test]
fn label() {
    assert_literal_everywhere("<label>");
}

#[test]
fn reference() {
    assert_literal_everywhere("@ref");
}

#[test]
fn open_bracket() {
    assert_literal_everywhere("[");
}

#[test]
fn close_bracket() {
    assert_literal_everywhere("]");
}

#[test]
fn backslash() {
    assert_literal_everywhere("\\");
}

#[test]
fn line_comment() {
    assert_literal_everywhere("// comment");
}

#[test]
fn block_comment() {
    assert_literal_everywhere("/* c */");
}

#[test]
fn heading_marker() {
    assert_literal_everywhere("= Heading");
}

#[test]
fn list_marker() {
    assert_literal_everywhere("- item");
}

#[test]
fn enum_marker() {
    assert_literal_everywhere("+ item");
}

#[test]
fn template_expression() {
    assert_literal_everywhere("{{ x }}");
}

#[test]
fn template_statement() {
    assert_literal_everywhere("{% if %}");
}

#[test]
fn file_read() {
    assert_literal_everywhere("#read(\"/etc/passwd\")");
}

#[test]
fn import() {
    assert_literal_everywhere("#import \"x.typ\"");
}

#[test]
fn eval() {
    assert_literal_everywhere("#eval(\"1+1\")");
}

#[test]
fn double_quotes() {
    assert_literal_everywhere("\"quoted\"");
}

/// Markup at the very start of a paragraph, where Typst would read `=`,
/// `-` and `+` as a heading, list or enum if it were markup.
#[test]
fn markup_at_the_start_of_a_paragraph() {
    let yaml = document("x")
        .replace("  - \"F07 x\"\n", "  - \"= Heading\"\n  - \"- item\"\n  - \"+ item\"\n  - \"#eval(\\\"1+1\\\")\"\n");
    let doc = render(&yaml);
    for want in ["= Heading", "- item", "+ item", "#eval(\"1+1\")"] {
        assert!(doc.text.contains(want), "{want:?} not literal:\n{}", doc.text);
    }
    for bullet in ['•', '‣', '–'] {
        assert!(!doc.text.contains(bullet), "a Typst list marker `{bullet}` appeared");
    }
}
