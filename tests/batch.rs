//! The annual review kit and `vanban batch`: each kit template's layout
//! (header, sections, check boxes, signature and xác nhận blocks), the
//! summary sheet's numbers against a small data set counted by hand, and
//! the batch contract — bad rows reported while the others are produced,
//! the manifest, the merged PDF, safe names, identical bytes twice.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;
use vanban::kit::{self, Kit, Row};
use vanban::typeset::inspect::Layout;

fn context(year: &str) -> Row {
    let path = common::repo(&format!("data/ward/context-{year}.yaml"));
    kit::data::read_context(&path).expect("context")
}

fn member(pairs: &[(&str, &str)]) -> Row {
    let mut row: Row = [
        ("stt", "1"),
        ("ho_ten", "Nguyễn Văn Bình"),
        ("gioi_tinh", "Nam"),
        ("ngay_sinh", "05/07/1975"),
        ("chi_bo", "Chi bộ Khu dân cư số 3"),
        ("chuc_vu_dang", "Chi ủy viên"),
        ("chuc_vu_chinh_quyen", "Phó Chủ tịch UBND phường"),
        ("chuc_vu_doan_the", ""),
        ("don_vi", "UBND phường Giang Biên"),
        ("lanh_dao", "có"),
        ("he_thong_chinh_tri", "có"),
        ("xep_loai", "HTTNV"),
        ("bi_thu", "Trần Văn Cường"),
        ("ma", "CB03"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (k, v) in pairs {
        row.insert(k.to_string(), v.to_string());
    }
    row
}

/// Lay out one kit template for one row (context of `year` underneath).
fn kit_layout(name: &str, year: &str, row: &Row) -> Layout {
    let kit = Kit::builtin().unwrap();
    let t = kit.get(name).unwrap();
    let mut fields = context(year);
    fields.extend(row.clone());
    let doc = t.document(&t.fields(&fields)).unwrap_or_else(|d| panic!("{name}: {d}"));
    let engine = common::engine();
    let p = engine.prepare_document(doc).unwrap_or_else(|d| panic!("{name}: {d}"));
    assert!(p.warnings.is_empty(), "{name}: {:?}", p.warnings);
    let c = engine.compile(&p.output).unwrap_or_else(|d| panic!("{name}: {d}"));
    assert!(c.warnings.is_empty(), "{name}: {:?}", c.warnings);
    c.output.layout()
}

fn flat(l: &Layout) -> String {
    l.text().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[track_caller]
fn bold(l: &Layout, needle: &str) -> bool {
    l.pages.iter().find_map(|p| p.find_run(needle)).unwrap_or_else(|| panic!("{needle:?} not found")).bold
}

#[test]
fn personal_review_2019_for_a_leader() {
    let l = kit_layout("kiem-diem-ca-nhan-2019", "2019", &member(&[]));
    let p1 = &l.pages[0];
    let text = flat(&l);
    assert!(p1.find_run("ĐẢNG BỘ PHƯỜNG GIANG BIÊN").is_some(), "superior = the ward's Đảng bộ");
    assert!(bold(&l, "CHI BỘ KHU DÂN CƯ SỐ 3"), "issuer = the chi bộ, bold");
    assert!(p1.find_run("Số ").is_none(), "a form has no number line");
    assert!(text.contains("Mẫu 02-HD KĐ.ĐG 2019"), "form code");
    assert!(bold(&l, "BẢN KIỂM ĐIỂM CÁ NHÂN"));
    for pre in ["Nguyễn Văn Bình", "05/07/1975", "Phó Chủ tịch UBND phường", "UBND phường Giang Biên"] {
        assert!(text.contains(pre), "pre-filled {pre}");
    }
    assert!(text.contains("Kết quả công tác lãnh đạo"), "leaders' items present for a leader");
    assert!(text.contains("□ Xuất sắc") && text.contains("□ Kém"), "self-assessment boxes");
    for block in ["NGƯỜI TỰ KIỂM ĐIỂM", "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "T/M CHI ỦY (CHI BỘ)", "T/M ĐẢNG ỦY (CHI ỦY)"]
    {
        assert!(bold(&l, block), "signature / xác nhận block {block}");
    }
    // The member's own signature carries the name, below the title.
    let page = l.pages.iter().find(|p| p.find_run("NGƯỜI TỰ KIỂM ĐIỂM").is_some()).unwrap();
    let title = page.find_run("NGƯỜI TỰ KIỂM ĐIỂM").unwrap();
    let name =
        page.texts.iter().filter(|r| r.text.contains("Nguyễn Văn Bình")).max_by(|a, b| a.y.total_cmp(&b.y)).unwrap();
    assert!(name.y > title.y + 40.0 && name.bold, "room to sign, then the name");
}

#[test]
fn personal_review_2019_for_a_member_without_office() {
    let row = member(&[("lanh_dao", "không"), ("he_thong_chinh_tri", "không"), ("chuc_vu_chinh_quyen", "")]);
    let text = flat(&kit_layout("kiem-diem-ca-nhan-2019", "2019", &row));
    assert!(!text.contains("Kết quả công tác lãnh đạo"), "leaders' items dropped");
    assert!(!text.contains("THỦ TRƯỞNG CƠ QUAN"), "no employer confirmation outside the political system");
    assert!(text.contains("T/M CHI ỦY (CHI BỘ)"));
}

#[test]
fn personal_review_2025_variant_follows_the_data() {
    for (lead, system, form) in [("có", "có", "Mẫu 2A"), ("không", "có", "Mẫu 2B"), ("không", "không", "Mẫu 2C")]
    {
        let row = member(&[("lanh_dao", lead), ("he_thong_chinh_tri", system)]);
        let text = flat(&kit_layout("kiem-diem-ca-nhan-2025", "2025", &row));
        assert!(text.contains(&format!("{form}-HD KĐ.ĐG 2025")), "{form}: {text}");
        assert!(
            text.contains("Hoàn thành xuất sắc nhiệm vụ") && text.contains("Không hoàn thành nhiệm vụ"),
            "{form} rating boxes"
        );
    }
}

#[test]
fn collective_report_per_unit() {
    for year in ["2019", "2025"] {
        let l = kit_layout(&format!("bao-cao-tap-the-{year}"), year, &member(&[]));
        let p1 = &l.pages[0];
        let number = p1.find_run("-BC/CB").expect("number line");
        assert!(
            number.text.starts_with("Số") && !number.text.chars().any(|c| c.is_ascii_digit()),
            "blank number: {:?}",
            number.text
        );
        assert!(p1.find_run("ngày … tháng … năm …").is_some(), "blank date");
        let text = flat(&l);
        assert!(text.contains("BÁO CÁO KIỂM ĐIỂM TẬP THỂ") || text.contains("BÁO CÁO KIỂM ĐIỂM"), "{year}: title");
        assert!(text.contains("□ Xuất sắc") || text.contains("□ Hoàn thành xuất sắc nhiệm vụ"), "{year}: boxes");
        assert!(
            text.contains("T/M CHI BỘ") && text.contains("Trần Văn Cường"),
            "{year}: signature with the secretary's name"
        );
    }
}

#[test]
fn quality_analysis_sheet_has_the_criteria_table() {
    let l = kit_layout("phieu-phan-tich-2019", "2019", &member(&[]));
    let text = flat(&l);
    // Narrow columns wrap "Xuất sắc" and "Trung bình"; look for their first word.
    for h in ["TT", "TIÊU CHÍ ĐÁNH GIÁ", "CẤP ĐỘ THỰC HIỆN", "Xuất", "Tốt", "Trung", "Kém"] {
        assert!(text.contains(h), "{h}");
    }
    assert!(!l.pages[0].rules.is_empty(), "table rules");
}

#[test]
fn summary_numbers_match_the_small_data_set() {
    let table = kit::data::read(&common::repo("data/ward/small.csv")).unwrap();
    let kit = Kit::builtin().unwrap();
    let t = kit.get("tong-hop-xep-loai").unwrap();
    let shared = context("2025");
    let doc = kit::summary_document(t, &table.rows, &shared).unwrap();
    let engine = common::engine();
    let l = engine.compile(&engine.prepare_document(doc).unwrap().output).unwrap().output.layout();
    let p = &l.pages[0];
    assert!(p.width > p.height, "landscape");
    // Counted by hand from data/ward/small.csv: see its rows.
    let (units, total) = kit::summary::count(&table.rows);
    assert_eq!(units.len(), 2);
    assert_eq!(units[0].levels, [2, 1, 1, 0]);
    assert_eq!(units[1].levels, [0, 1, 0, 1]);
    assert_eq!((total.members, total.levels), (6, [2, 2, 1, 1]));
    // A row's cells: every run level with the middle of its first cell
    // (names may wrap; figures are centred vertically), left to right.
    let line = |needle: &str| {
        let name = p.find_run(needle).unwrap_or_else(|| panic!("{needle}"));
        let mut cells: Vec<_> =
            p.texts.iter().filter(|r| r.x > name.x + name.width && (r.y - name.y).abs() < 12.0).collect();
        cells.sort_by(|a, b| a.x.total_cmp(&b.x));
        cells.iter().map(|r| r.text.trim()).collect::<Vec<_>>().join(" ")
    };
    let a = line(&units[0].unit);
    assert!(a.starts_with("4 4 2 50,0 1 25,0 1 25,0 0 0,0") && a.contains("vượt 20%"), "{a}");
    let b = line(&units[1].unit);
    assert!(b.contains("2 2 0 0,0 1 50,0 0 0,0 1 50,0") && !b.contains("vượt"), "{b}");
    let t = line("Tổng cộng");
    assert!(t.starts_with("6 6 2 33,3 2 33,3 1 16,7 1 16,7") && t.contains("vượt 20%"), "{t}");
}

// --- the command ---------------------------------------------------------

fn vanban() -> Command {
    Command::cargo_bin("vanban").unwrap()
}

const HEADER: &str = "stt,ho_ten,ngay_sinh,chi_bo,chuc_vu_dang,don_vi,xep_loai\n";

fn write_csv(dir: &Path, rows: &[&str]) -> std::path::PathBuf {
    let path = dir.join("rows.csv");
    fs::write(&path, format!("\u{feff}{HEADER}{}\n", rows.join("\n"))).unwrap();
    path
}

fn batch(dir: &Path, csv: &Path, out: &str, extra: &[&str]) -> std::process::Output {
    vanban()
        .args(["batch", "thong-bao-xep-loai", "--data"])
        .arg(csv)
        .args(["--context"])
        .arg(common::repo("data/ward/context-2025.yaml"))
        .args(["--out"])
        .arg(dir.join(out))
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn bad_rows_are_reported_and_the_others_produced() {
    let dir = TempDir::new().unwrap();
    let csv = write_csv(
        dir.path(),
        &[
            "1,Nguyễn Văn A,01/02/1970,Chi bộ 1,,Nghỉ hưu,HTTNV",
            "2,Trần Thị B,31/02/1980,Chi bộ 1,,Nghỉ hưu,HTTNV",
            "3,,01/01/1990,Chi bộ 2,,Nghỉ hưu,HTNV",
            "4,Lê Văn C,01/01/1990,Chi bộ 2,,Nghỉ hưu,giỏi",
            "5,Phạm D,02/03/1985,Chi bộ 2,,Nghỉ hưu,HTXSNV",
        ],
    );
    let merged_path = dir.path().join("all.pdf");
    let out = batch(dir.path(), &csv, "out", &["--merge", merged_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "non-zero when a row failed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("row 2") && stderr.contains("ngay_sinh") && stderr.contains("31/02/1980"), "{stderr}");
    assert!(stderr.contains("row 3") && stderr.contains("ho_ten"), "{stderr}");
    assert!(stderr.contains("row 4") && stderr.contains("xep_loai"), "{stderr}");
    assert!(stderr.contains("2 of 5 written"), "summary line: {stderr}");

    let manifest = fs::read_to_string(dir.path().join("out/manifest.csv")).unwrap();
    let lines: Vec<&str> = manifest.lines().collect();
    assert_eq!(lines[0], "row,file,status,message");
    assert_eq!(lines[1], "1,Chi bộ 1-Nguyễn Văn A.pdf,ok,");
    assert!(lines[2].starts_with("2,,failed,") && lines[2].contains("ngay_sinh"), "{}", lines[2]);
    assert!(lines[5].starts_with("5,Chi bộ 2-Phạm D.pdf,ok"), "{}", lines[5]);
    let mut pdfs: Vec<String> = fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "manifest.csv")
        .collect();
    pdfs.sort();
    assert_eq!(pdfs, ["Chi bộ 1-Nguyễn Văn A.pdf", "Chi bộ 2-Phạm D.pdf"], "nothing else, no temp files");

    let merged = fs::read(dir.path().join("all.pdf")).unwrap();
    let doc = lopdf_pages(&merged);
    let one = lopdf_pages(&fs::read(dir.path().join("out/Chi bộ 1-Nguyễn Văn A.pdf")).unwrap());
    assert_eq!(doc, 2 * one, "merged PDF has every page of the written forms");
}

/// Page count of a PDF.
fn lopdf_pages(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes).expect("a readable PDF").get_pages().len()
}

#[test]
fn names_are_safe_and_unique() {
    let dir = TempDir::new().unwrap();
    let csv = write_csv(
        dir.path(),
        &[
            "1,../../escape,01/02/1970,Chi bộ 1,,x,HTTNV",
            "2,A/B: \"C\"?,01/02/1970,Chi bộ 1,,x,HTTNV",
            "3,Nguyễn Văn A,01/02/1970,Chi bộ 1,,x,HTTNV",
            "4,NGUYỄN VĂN A,01/02/1970,Chi bộ 1,,x,HTTNV",
        ],
    );
    let out = batch(dir.path(), &csv, "out", &["--name", "{ho_ten}"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut names: Vec<String> = fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["A_B_ _C.pdf", "NGUYỄN VĂN A-2.pdf", "Nguyễn Văn A.pdf", "escape.pdf", "manifest.csv"]);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "nothing outside out/ (rows.csv and out)");
}

#[test]
fn same_data_same_bytes() {
    let dir = TempDir::new().unwrap();
    let csv = write_csv(
        dir.path(),
        &["1,Nguyễn Văn A,01/02/1970,Chi bộ 1,,Nghỉ hưu,HTTNV", "2,Trần B,02/02/1972,Chi bộ 2,,x,HTNV"],
    );
    for out in ["a", "b"] {
        let merged = dir.path().join(format!("{out}.pdf"));
        assert!(batch(dir.path(), &csv, out, &["--merge", merged.to_str().unwrap(), "--jobs", "2"]).status.success());
    }
    for f in ["Chi bộ 1-Nguyễn Văn A.pdf", "Chi bộ 2-Trần B.pdf", "manifest.csv"] {
        assert_eq!(
            fs::read(dir.path().join("a").join(f)).unwrap(),
            fs::read(dir.path().join("b").join(f)).unwrap(),
            "{f}"
        );
    }
    assert_eq!(fs::read(dir.path().join("a.pdf")).unwrap(), fs::read(dir.path().join("b.pdf")).unwrap(), "merged");
}

#[test]
fn summary_template_makes_one_sheet() {
    let dir = TempDir::new().unwrap();
    let out = vanban()
        .args(["batch", "tong-hop-xep-loai", "--data"])
        .arg(common::repo("data/ward/small.csv"))
        .args([
            "--set",
            "nam=2025",
            "--set",
            "dang_bo=Đảng bộ phường Giang Biên",
            "--set",
            "dang_uy=Đảng ủy phường Giang Biên",
            "--set",
            "dia_danh=Giang Biên",
            "--out",
        ])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let manifest = fs::read_to_string(dir.path().join("out/manifest.csv")).unwrap();
    assert_eq!(manifest.lines().nth(1), Some("0,tong-hop-xep-loai-2025.pdf,ok,"));
}

#[test]
fn yaml_data_and_typst_sources() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("rows.yaml");
    fs::write(&data, "- {ho_ten: Nguyễn Văn A, chi_bo: Chi bộ 1, xep_loai: HTTNV, ngay_sinh: 01/02/1970}\n").unwrap();
    let out = vanban()
        .args(["batch", "thong-bao-xep-loai", "--format", "typ", "--context"])
        .arg(common::repo("data/ward/context-2025.yaml"))
        .arg("--data")
        .arg(&data)
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for f in ["Chi bộ 1-Nguyễn Văn A.typ", "style.typ", "profile.json"] {
        assert!(dir.path().join("out").join(f).exists(), "{f}");
    }
}

#[test]
fn kit_lists_the_templates() {
    let out = vanban().arg("kit").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for name in [
        "kiem-diem-ca-nhan-2019",
        "kiem-diem-ca-nhan-2025",
        "bao-cao-tap-the-2019",
        "phieu-phan-tich-2019",
        "tong-hop-xep-loai",
    ] {
        assert!(text.contains(name), "{name}");
    }
}
