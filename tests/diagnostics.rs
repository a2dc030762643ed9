//! Golden tests of the diagnostic text a clerk sees for the common
//! mistakes: `tests/fixtures/diag/err_*.yaml` → `tests/golden/diag/*.txt`
//! (stderr of `vanban check`, no colour). Regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test diagnostics` and review the diff: an
//! unexplained change is a regression, not a golden bump.
//! Also: `--format json` prints the same diagnostics as JSON lines, and a
//! `vanban.toml` above the document turns rules off.

mod common;

use std::fs;

use assert_cmd::Command;

fn check(dir: &std::path::Path, file: &str, extra: &[&str]) -> std::process::Output {
    Command::cargo_bin("vanban").unwrap().current_dir(dir).arg("check").arg(file).args(extra).output().unwrap()
}

#[test]
fn common_errors_read_as_recorded() {
    let fixtures = common::repo("tests/fixtures/diag");
    let golden = common::repo("tests/golden/diag");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut names: Vec<String> = fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("err_") && n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 6);
    for name in names {
        let out = check(&fixtures, &name, &[]);
        let text = format!("exit {}\n{}", out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr));
        let path = golden.join(name.replace(".yaml", ".txt"));
        if update {
            fs::write(&path, &text).unwrap();
        }
        let expected = fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("no golden {}; run with UPDATE_GOLDEN=1", path.display()));
        assert_eq!(text, expected, "{name}");
    }
}

#[test]
fn json_lines_carry_the_same_diagnostics() {
    let out = check(&common::repo("tests/fixtures/diag"), "err_rules.yaml", &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    let codes: Vec<&str> = lines.iter().map(|l| l["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["HD36.KY-HIEU-CO-QUAN", "HD36.KY-THAY", "HD36.HOC-HAM", "HD36.NOI-NHAN-LUU", "HD36.NHU-TREN"]);
    let first = &lines[0];
    assert_eq!(first["path"], "issuer.code");
    assert_eq!(first["span"]["line"], 4);
    assert_eq!(first["file"], "err_rules.yaml");
}

#[test]
fn vanban_toml_turns_rules_off_for_a_project() {
    let dir = tempfile::TempDir::new().unwrap();
    fs::create_dir(dir.path().join("docs")).unwrap();
    fs::copy(common::repo("tests/fixtures/diag/err_rules.yaml"), dir.path().join("docs/t.yaml")).unwrap();
    fs::write(dir.path().join("vanban.toml"), "[rules]\noff = [\"KY-THAY\", \"HD36.HOC-HAM\"]\n").unwrap();
    let out = check(&dir.path().join("docs"), "t.yaml", &["--format", "json"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "only warnings left: {text}");
    assert!(!text.contains("KY-THAY") && !text.contains("HOC-HAM") && text.contains("NHU-TREN"));
    fs::write(dir.path().join("vanban.toml"), "[rule]\noff = []\n").unwrap();
    let bad = check(&dir.path().join("docs"), "t.yaml", &[]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("config.invalid"));
}
