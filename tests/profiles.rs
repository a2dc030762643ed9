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
