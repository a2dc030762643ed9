//! Format profiles are data: every built-in profile lays out the reference
//! công văn, and a guide written as `extends:` + changes (hd05) changes
//! exactly what it says and nothing else.

mod common;

use common::{close, layout_of, repo};

fn example_with_profile(profile: &str) -> String {
    let text = std::fs::read_to_string(repo("data/examples/cong-van-68-2021.yaml")).unwrap();
    text.replacen("profile: hd36", &format!("profile: {profile}"), 1)
}

#[test]
fn every_builtin_profile_renders_the_reference() {
    for id in common::engine().profiles().ids() {
        let yaml = example_with_profile(&id).replace("  code: ĐU\n", "  code: ĐU\n  unit: VP\n");
        let l = layout_of(&format!("{id}.yaml"), &yaml);
        assert!(l.pages.len() >= 2, "{id}");
        assert!(l.text().contains("Đào Mạnh Trung"), "{id}");
    }
}

#[test]
fn hd05_changes_only_what_it_declares() {
    let old = layout_of("hd36.yaml", &example_with_profile("hd36"));
    let new = layout_of("hd05.yaml", &example_with_profile("hd05"));
    let (o, n) = (&old.pages[0], &new.pages[0]);
    // Declared changes: "về việc" instead of "V/v", ";" between recipients.
    assert!(o.find_run("V/v kiểm điểm").is_some() && n.find_run("về việc kiểm điểm").is_some());
    assert!(o.find_line("- Lãnh đạo UBND Phường,").is_some());
    assert!(n.find_line("- Lãnh đạo UBND Phường;").is_some());
    let signed = new.pages.iter().find(|p| p.find_run("Nơi nhận:").is_some()).unwrap();
    assert!(signed.find_run("- Ban Thường vụ Quận ủy;").is_some(), "Nơi nhận with ;");
    // Everything else is inherited: title, number, margins, sizes.
    for needle in ["ĐẢNG CỘNG SẢN VIỆT NAM", "Số 68-CV/ĐU", "Căn cứ Quy định số 132-QĐ/TW"] {
        let (a, b) = (o.find_run(needle).unwrap(), n.find_run(needle).unwrap());
        assert_eq!((a.size, a.bold, a.italic), (b.size, b.bold, b.italic), "{needle}");
        close(a.x, b.x, 0.01, needle);
    }
}

/// A guide added as data at run time: `--profiles DIR`, no rebuild.
#[test]
fn a_profile_directory_adds_a_guide_without_rebuilding() {
    let dir = tempfile::TempDir::new().unwrap();
    // No `id:`: the file name is the id, not the base's.
    std::fs::write(
        dir.path().join("hd-tinh.yaml"),
        "extends: hd36\nname: \"Quy định của Tỉnh ủy (thử)\"\ntitle:\n  size_pt: 15\n  subject_size_pt: 15\n",
    )
    .unwrap();
    let engine = vanban::Engine::new(&vanban::EngineOptions {
        profile_paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    })
    .unwrap();
    assert_eq!(engine.profiles().get("hd-tinh").unwrap().id, "hd-tinh");
    let yaml = std::fs::read_to_string(repo("data/examples/thong-bao.yaml")).unwrap();
    let layout = |profile: &str| {
        let text = yaml.replacen("profile: hd36", &format!("profile: {profile}"), 1);
        let source = vanban::model::Source::new("tb.yaml", &text);
        let prepared = engine.prepare(&source).unwrap().output;
        engine.compile(&prepared).unwrap().output.layout()
    };
    let (base, new) = (layout("hd36"), layout("hd-tinh"));
    let title = |l: &vanban::typeset::inspect::Layout| l.pages[0].find_run("THÔNG BÁO").unwrap().size;
    assert_eq!((title(&base), title(&new)), (16.0, 15.0));
    let number = |l: &vanban::typeset::inspect::Layout| l.pages[0].find_run("Số 287-TB/QU").unwrap().clone();
    assert_eq!(number(&base), number(&new), "the rest is inherited");

    // The CLI takes the directory; a wrong key names the file.
    let out = tempfile::TempDir::new().unwrap();
    let input = out.path().join("tb.yaml");
    std::fs::write(&input, yaml.replacen("profile: hd36", "profile: hd-tinh", 1)).unwrap();
    assert_cmd::Command::cargo_bin("vanban")
        .unwrap()
        .arg("render")
        .arg(&input)
        .arg("--profiles")
        .arg(dir.path())
        .assert()
        .success();
    std::fs::write(dir.path().join("sai.yaml"), "extends: hd36\ntitle:\n  size: 15\n").unwrap();
    let run = assert_cmd::Command::cargo_bin("vanban")
        .unwrap()
        .arg("render")
        .arg(&input)
        .arg("--profiles")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("sai.yaml") && stderr.contains("profile `sai` is invalid"), "{stderr}");
}
