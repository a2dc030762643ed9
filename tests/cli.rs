//! The command-line contract of `vanban`, run as a real process:
//!
//! - `render` writes a PDF (or, with `--format typ`, the Typst source) to
//!   `-o FILE` or beside the input, and the same input gives the same bytes;
//! - `check` accepts a valid document;
//! - `--templates DIR` overrides a built-in template by file name;
//! - bad input exits with code 2, names the file, the line and the error
//!   code on stderr, and never creates or touches the output file.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The example document shipped with the repository.
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/cong-van-68-2021.yaml");

/// The built-in công văn template, to derive an override from.
const BUILTIN_TEMPLATE: &str = include_str!("../templates/cong-van.j2.typ");

/// A small valid document; line numbers below refer to it:
/// line 7 is `authority`, 8 `role`, 9 `name`, and appended fields start
/// at line 10.
const MINIMAL: &str = "\
kind: cong-van
issuer:
  organ: Đảng ủy phường X
  code: ĐU
place: X
signer:
  authority: T/M Đảng ủy
  role: Bí thư
  name: A
";

/// `vanban` with `dir` as its working directory.
fn vanban(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("vanban").expect("the vanban binary is built");
    cmd.current_dir(dir);
    cmd
}

/// A temporary directory holding `t.yaml` with `yaml` in it.
fn dir_with_input(yaml: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("t.yaml"), yaml).unwrap();
    dir
}

/// Files in `dir` other than the input, to catch stray temporary files.
fn outputs_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "t.yaml"))
        .collect();
    files.sort();
    files
}

/// Every `t.yaml:LINE:COL` location on stderr, as line numbers.
fn reported_lines(stderr: &str, file: &str) -> Vec<usize> {
    let tag = format!("{file}:");
    stderr
        .match_indices(&tag)
        .filter_map(|(i, _)| {
            let rest = &stderr[i + tag.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

/// Render `t.yaml` to `out.pdf` and return stderr, asserting exit code 2.
fn render_fails(dir: &Path) -> String {
    let output = vanban(dir).args(["render", "t.yaml", "-o", "out.pdf"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "exit code; stderr:\n{stderr}");
    stderr
}

/// The whole contract for rejected input: exit code 2, the file, a line
/// accepted by `line_ok` and the error `code` on stderr, no output file
/// created, and an existing output file left exactly as it was.
/// Returns stderr for further checks.
#[track_caller]
fn assert_rejected(yaml: &str, code: &str, line_ok: impl Fn(usize) -> bool) -> String {
    // No output file before: none after, and no temporary file either.
    let dir = dir_with_input(yaml);
    let stderr = render_fails(dir.path());
    assert!(stderr.contains(&format!("[{code}]")), "expected error code `{code}` on stderr:\n{stderr}");
    let lines = reported_lines(&stderr, "t.yaml");
    assert!(
        lines.iter().any(|&l| line_ok(l)),
        "expected `t.yaml:LINE:` with the offending line, found lines {lines:?} in:\n{stderr}"
    );
    assert_eq!(outputs_in(dir.path()), Vec::<PathBuf>::new(), "files left behind");

    // An output file from an earlier run stays byte for byte.
    let dir = dir_with_input(yaml);
    let out = dir.path().join("out.pdf");
    fs::write(&out, b"old").unwrap();
    render_fails(dir.path());
    assert_eq!(fs::read(&out).unwrap(), b"old", "existing output was touched");
    assert_eq!(outputs_in(dir.path()), vec![out], "files left behind");
    stderr
}

#[test]
fn render_writes_pdf_to_the_named_output() {
    let dir = TempDir::new().unwrap();
    vanban(dir.path()).args(["render", EXAMPLE, "-o", "OUT.pdf"]).assert().success();
    let pdf = fs::read(dir.path().join("OUT.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
}

#[test]
fn render_without_output_writes_beside_the_input() {
    let input_dir = TempDir::new().unwrap();
    let input = input_dir.path().join("cv.yaml");
    fs::copy(EXAMPLE, &input).unwrap();
    // Run from elsewhere: the PDF goes beside the input, not into the cwd.
    let cwd = TempDir::new().unwrap();
    vanban(cwd.path()).arg("render").arg(&input).assert().success();
    let pdf = fs::read(input_dir.path().join("cv.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    assert_eq!(fs::read_dir(cwd.path()).unwrap().count(), 0, "cwd written to");
}

#[test]
fn render_typ_writes_escaped_typst_source() {
    let dir = TempDir::new().unwrap();
    vanban(dir.path()).args(["render", EXAMPLE, "--format", "typ", "-o", "OUT.typ"]).assert().success();
    let typ = fs::read_to_string(dir.path().join("OUT.typ")).unwrap();
    assert!(typ.contains("#import \"/style.typ\""), "{typ}");
    assert!(typ.contains("#\"ĐẢNG ỦY PHƯỜNG GIANG BIÊN\";"), "{typ}");
}

#[test]
fn check_accepts_the_example_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    vanban(dir.path()).args(["check", EXAMPLE]).assert().success();
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn minimal_document_renders() {
    let dir = dir_with_input(MINIMAL);
    vanban(dir.path()).args(["render", "t.yaml", "-o", "out.pdf"]).assert().success();
    assert!(fs::read(dir.path().join("out.pdf")).unwrap().starts_with(b"%PDF"));
}

#[test]
fn malformed_yaml_is_rejected() {
    // The `[` on line 10 is never closed; libyaml notices at the end.
    let yaml = format!("{MINIMAL}recipients: [Ban A, Ban B\n");
    assert_rejected(&yaml, "yaml.syntax", |l| l >= 10);
}

#[test]
fn malformed_yaml_mid_document_is_a_syntax_error() {
    // An unclosed `[` before other fields: still a syntax error, not a
    // type error about the half-parsed value.
    let yaml = MINIMAL.replace("place: X", "place: [X");
    assert_rejected(&yaml, "yaml.syntax", |l| l >= 5);
}

#[test]
fn missing_field_is_rejected() {
    let yaml = MINIMAL.replace("  name: A\n", "");
    let stderr = assert_rejected(&yaml, "schema.missing-field", |l| (6..=8).contains(&l));
    assert!(stderr.contains("name"), "{stderr}");
}

#[test]
fn unknown_field_is_rejected_with_a_suggestion() {
    let yaml = MINIMAL.replace("  name: A", "  nmae: A");
    let stderr = assert_rejected(&yaml, "schema.unknown-field", |l| l == 9);
    assert!(stderr.contains("did you mean"), "{stderr}");
    assert!(stderr.contains("`name`"), "{stderr}");
}

#[test]
fn wrong_type_is_rejected() {
    let yaml = format!("{MINIMAL}recipients: 5\n");
    assert_rejected(&yaml, "schema.type", |l| l == 10);
}

#[test]
fn invalid_date_is_rejected() {
    let yaml = format!("{MINIMAL}date: 2021-02-30\n");
    let stderr = assert_rejected(&yaml, "schema.date", |l| l == 10);
    assert!(stderr.contains("2021-02-30"), "{stderr}");
}

#[test]
fn missing_input_file_is_rejected() {
    let dir = TempDir::new().unwrap();
    let output = vanban(dir.path()).args(["render", "nope.yaml", "-o", "out.pdf"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("io.read"), "{stderr}");
    assert!(stderr.contains("nope.yaml"), "{stderr}");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn rendering_is_reproducible() {
    let dir = TempDir::new().unwrap();
    for out in ["a.pdf", "b.pdf"] {
        vanban(dir.path()).args(["render", EXAMPLE, "-o", out]).assert().success();
    }
    let a = fs::read(dir.path().join("a.pdf")).unwrap();
    let b = fs::read(dir.path().join("b.pdf")).unwrap();
    assert!(a == b, "two renders differ ({} vs {} bytes)", a.len(), b.len());
}

#[test]
fn templates_dir_overrides_a_builtin_template() {
    let marker = "#para[#\"OVERRIDE-MARKER\";]\n";
    let at = BUILTIN_TEMPLATE.find("{{ parts.signature(").expect("the built-in template has a signature block");
    let custom = format!("{}{marker}{}", &BUILTIN_TEMPLATE[..at], &BUILTIN_TEMPLATE[at..]);
    let templates = TempDir::new().unwrap();
    fs::write(templates.path().join("cong-van.j2.typ"), custom).unwrap();

    let dir = TempDir::new().unwrap();
    vanban(dir.path())
        .args(["render", EXAMPLE, "--format", "typ", "-o", "out.typ"])
        .arg("--templates")
        .arg(templates.path())
        .assert()
        .success();
    let typ = fs::read_to_string(dir.path().join("out.typ")).unwrap();
    assert!(typ.contains("OVERRIDE-MARKER"), "{typ}");

    // Without the override the marker is absent: it came from the file.
    vanban(dir.path()).args(["render", EXAMPLE, "--format", "typ", "-o", "plain.typ"]).assert().success();
    let plain = fs::read_to_string(dir.path().join("plain.typ")).unwrap();
    assert!(!plain.contains("OVERRIDE-MARKER"));
}

#[test]
fn output_never_overwrites_the_input() {
    let dir = dir_with_input(MINIMAL);
    let out = vanban(dir.path()).args(["render", "t.yaml", "-o", "t.yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to overwrite the input"));
    assert_eq!(fs::read_to_string(dir.path().join("t.yaml")).unwrap(), MINIMAL);
}

#[cfg(unix)]
#[test]
fn new_outputs_are_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dir_with_input(MINIMAL);
    vanban(dir.path()).args(["render", "t.yaml", "-o", "out.pdf"]).assert().success();
    let mode = fs::metadata(dir.path().join("out.pdf")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o644, "mode {mode:o}");
}
