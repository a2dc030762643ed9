//! Format rules (`vanban check`): for each rule a document that triggers
//! it and one that does not; the reference công văn passes clean, its
//! hand-numbered variant yields exactly the seed's repeated "3.2.4.";
//! `render` stops on a rule error unless `--force`; `vanban rules` lists
//! the registry.

mod common;

use assert_cmd::Command;
use vanban::model::Source;

const BASE: &str = "kind: cong-van
issuer:
  organ: Đảng ủy phường Giang Biên
  code: ĐU
number: 12
place: Giang Biên
date: 2021-11-02
body:
  - Các chi bộ báo cáo trước ngày 10/11/2021.
subject: lịch kiểm điểm
recipients: [Các chi bộ trực thuộc]
signer:
  authority: T/M Đảng ủy
  role: Phó Bí thư
  name: Đào Mạnh Trung
distribution: [Như trên, Lưu VPĐU]
";

/// Rule ids found in a document (profile prefix included).
fn findings(yaml: &str) -> Vec<String> {
    let engine = common::engine();
    let source = Source::new("t.yaml", yaml);
    let prepared = engine.prepare(&source).unwrap_or_else(|d| panic!("{d}")).output;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    engine.rules(&source, &prepared, today).into_iter().map(|d| d.code.to_string()).collect()
}

#[test]
fn the_base_document_is_clean() {
    assert_eq!(findings(BASE), Vec::<String>::new());
}

/// (rule, change that triggers it) — each change applied alone to BASE.
const CASES: &[(&str, &str, &str)] = &[
    ("HD36.KY-HIEU-LOAI", "number: 12\n", "number: 12\ntype_code: KH\n"),
    ("HD36.KY-HIEU-CO-QUAN", "  code: ĐU\n", "  code: HU\n"),
    (
        "HD36.NGAY-TUONG-LAI",
        "date: 2021-11-02\nbody:\n  - Các chi bộ báo cáo trước ngày 10/11/2021.",
        "date: 2030-01-02\nbody:\n  - Các chi bộ báo cáo trước ngày 10/01/2030.",
    ),
    ("HD36.THOI-HAN", "trước ngày 10/11/2021", "trước ngày 10/10/2021"),
    ("HD36.QUYEN-HAN-KY", "authority: T/M Đảng ủy", "authority: TM. Đảng ủy"),
    ("HD36.KY-THAY", "authority: T/M Đảng ủy\n  role: Phó Bí thư", "authority: K/T Bí thư\n  role: Bí thư"),
    ("HD36.CHUC-VU", "role: Phó Bí thư", "role: Phó Bí thư Đảng ủy phường Giang Biên"),
    ("HD36.HOC-HAM", "name: Đào Mạnh Trung", "name: TS. Đào Mạnh Trung"),
    ("HD36.NOI-NHAN-LUU", "[Như trên, Lưu VPĐU]", "[Như trên, Ban Tổ chức Quận ủy]"),
    ("HD36.NHU-TREN", "[Như trên, Lưu VPĐU]", "[Ban Tổ chức Quận ủy, Lưu VPĐU]"),
    ("HD36.SO-MUC", "  - Các chi bộ báo cáo", "  - 1. Mục một.\n  - 3. Mục ba.\n  - Các chi bộ báo cáo"),
    ("HD36.SO-KY-HIEU", "number: 12", "number: \"0012\""),
    ("HD36.NGAY-THANG", "subject: lịch kiểm điểm", "subject: lịch kiểm điểm ngày 5 tháng 03 năm 2021"),
    ("HD36.CAN-CU", "body:\n  - Các", "body:\n  - Căn cứ Quy định số 132-QĐ/TW\n  - Các"),
];

#[test]
fn each_rule_fires_on_its_case_and_only_there() {
    for (rule, from, to) in CASES {
        assert!(BASE.contains(from), "{rule}: case does not apply");
        let got = findings(&BASE.replacen(from, to, 1));
        assert_eq!(got, vec![rule.to_string()], "{rule}");
    }
}

#[test]
fn well_written_dates_and_bases_pass() {
    let ok = BASE
        .replacen("subject: lịch kiểm điểm", "subject: lịch kiểm điểm ngày 05 tháng 02 và ngày 20 tháng 11 năm 2021", 1)
        .replacen("body:\n  - Các", "body:\n  - Căn cứ Quy định số 132-QĐ/TW;\n  - \"Căn cứ Kế hoạch số 10-KH/ĐU, Đảng ủy đề nghị như sau:\"\n  - Các", 1);
    assert_eq!(findings(&ok), Vec::<String>::new());
}

#[test]
fn rules_can_be_turned_off_by_id() {
    let yaml = BASE.replacen("name: Đào Mạnh Trung", "name: TS. Đào Mạnh Trung", 1);
    assert!(findings(&format!("{yaml}rules_off: [HOC-HAM]\n")).is_empty());
    assert!(findings(&format!("{yaml}rules_off: [HD36.HOC-HAM]\n")).is_empty());
}

#[test]
fn the_state_guide_has_its_own_spelling_and_file_copy() {
    let state = "kind: cong-van\nprofile: nd30\nissuer: {organ: Ủy ban nhân dân phường Giang Biên, code: UBND, unit: VP}\nplace: Giang Biên\nrecipients: [Các tổ dân phố]\nsigner: {authority: T/M Ủy ban nhân dân, role: Chủ tịch, name: Lê Văn An}\ndistribution: [Như trên, Lưu VPĐU]\n";
    let got = findings(state);
    assert_eq!(got, ["ND30.QUYEN-HAN-KY", "ND30.NOI-NHAN-LUU"]);
    let fixed = state.replace("T/M Ủy ban", "TM. Ủy ban").replace("Lưu VPĐU", "\"Lưu: VT, VP\"");
    assert!(findings(&fixed).is_empty());
    assert_eq!(
        findings(&fixed.replace(", unit: VP", "")),
        ["ND30.DON-VI-SOAN-THAO"],
        "the unit goes into Số: …/UBND-VP"
    );
}

#[test]
fn reference_is_clean_and_hand_numbered_variant_repeats_3_2_4() {
    let reference = std::fs::read_to_string(common::repo("data/examples/cong-van-68-2021.yaml")).unwrap();
    assert!(findings(&reference).is_empty());
    let variant = std::fs::read_to_string(common::repo("tests/fixtures/cong-van-68-hand-numbered.yaml")).unwrap();
    let engine = common::engine();
    let source = Source::new("hand.yaml", &variant);
    let prepared = engine.prepare(&source).unwrap().output;
    let found = engine.rules(&source, &prepared, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "HD36.SO-MUC");
    assert_eq!(found[0].message, "section 3.2.4. is written twice");
    let line = found[0].span.expect("located").line;
    assert!(
        variant.lines().nth(line - 1).unwrap().contains("3.2.4. Các chi bộ trực thuộc"),
        "points at the second 3.2.4."
    );
}

#[test]
fn render_stops_on_a_rule_error_unless_forced() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join("t.yaml"), BASE.replacen("name: Đào Mạnh Trung", "name: TS. Đào Mạnh Trung", 1))
        .unwrap();
    let out =
        Command::cargo_bin("vanban").unwrap().current_dir(dir.path()).args(["render", "t.yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("HD36.HOC-HAM"));
    assert!(!dir.path().join("t.pdf").exists());
    let check =
        Command::cargo_bin("vanban").unwrap().current_dir(dir.path()).args(["check", "t.yaml"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let forced = Command::cargo_bin("vanban")
        .unwrap()
        .current_dir(dir.path())
        .args(["render", "t.yaml", "--force"])
        .output()
        .unwrap();
    assert!(forced.status.success() && dir.path().join("t.pdf").exists());
}

#[test]
fn rules_are_listed_per_profile() {
    let out = Command::cargo_bin("vanban").unwrap().args(["rules", "--profile", "nd30"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ND30.QUYEN-HAN-KY") && text.contains("NĐ 30/2020") && !text.contains("HD36."), "{text}");
}

#[test]
fn fix_rewrites_values_and_keeps_comments_and_order() {
    let dir = tempfile::TempDir::new().unwrap();
    let original = "# nháp — giữ chú thích\nkind: cong-van\nissuer:\n  organ: Đảng ủy phường Giang Biên\n  code: HU   # sai mã\nplace: Giang Biên\nsigner:\n  authority: TM. Đảng ủy\n  role: Phó Bí thư\n  name: TS. Đào Mạnh Trung\ndistribution: [Lưu VPĐU]\n";
    std::fs::write(dir.path().join("t.yaml"), original).unwrap();
    let out = Command::cargo_bin("vanban")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "t.yaml", "--fix"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("fixed HD36.KY-HIEU-CO-QUAN") && stderr.contains("fixed HD36.HOC-HAM"), "{stderr}");
    let fixed = std::fs::read_to_string(dir.path().join("t.yaml")).unwrap();
    let expected = original
        .replace("code: HU   # sai mã", "code: ĐU   # sai mã")
        .replace("authority: TM. Đảng ủy", "authority: T/M Đảng ủy")
        .replace("name: TS. Đào Mạnh Trung", "name: Đào Mạnh Trung");
    assert_eq!(fixed, expected);
    // A second run has nothing left to fix.
    let again = Command::cargo_bin("vanban")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "t.yaml", "--fix"])
        .output()
        .unwrap();
    assert!(again.status.success() && !String::from_utf8_lossy(&again.stderr).contains("fixed"));
    assert_eq!(std::fs::read_to_string(dir.path().join("t.yaml")).unwrap(), expected);
}
