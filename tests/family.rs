//! The document family: every named Party type, the State profile (NĐ 30)
//! and appendices, measured on the compiled frames — type name and trích
//! yếu, the mark under them, Điều numbering, the two signatures of a biên
//! bản, the State header's rules and "Số:" form, Nơi nhận punctuation per
//! profile, landscape appendices with their "Kèm theo" line, and a table
//! header repeated on the next page. Every bundled example renders clean.

mod common;

use common::{close, layout_of, mm};
use vanban::model::Kind;
use vanban::typeset::inspect::{Layout, PageLayout, TextRun};

const A4_W: f64 = 595.276;
const LEFT: f64 = 85.039;
const RIGHT: f64 = A4_W - 42.520;

fn doc(kind: &str, profile: &str, extra: &str) -> String {
    let (organ, code, authority, role, archive) = if profile == "nd30" {
        ("Ủy ban nhân dân phường Giang Biên", "UBND", "TM. Ủy ban nhân dân", "Chủ tịch", "Lưu: VT, VP")
    } else {
        ("Đảng ủy phường Giang Biên", "ĐU", "T/M Đảng ủy", "Bí thư", "Lưu VPĐU")
    };
    format!(
        "kind: {kind}\nprofile: {profile}\nissuer:\n  organ: {organ}\n  code: {code}\n  unit: VP\nnumber: 12\nplace: Giang Biên\ndate: 2025-11-05\nsubject: tổ chức kiểm điểm năm 2025\nsigner:\n  authority: {authority}\n  role: {role}\n  name: Nguyễn Văn A\ndistribution: [Như trên, Ban Tổ chức Quận ủy, \"{archive}\"]\n{extra}"
    )
}

#[track_caller]
fn run<'a>(p: &'a PageLayout, needle: &str) -> &'a TextRun {
    p.find_run(needle).unwrap_or_else(|| panic!("no run {needle:?}"))
}

fn centre(r: &TextRun) -> f64 {
    r.x + r.width / 2.0
}

const NAMED: [(Kind, &str, &str); 13] = [
    (Kind::KeHoach, "KẾ HOẠCH", "12-KH/ĐU"),
    (Kind::BaoCao, "BÁO CÁO", "12-BC/ĐU"),
    (Kind::ThongBao, "THÔNG BÁO", "12-TB/ĐU"),
    (Kind::HuongDan, "HƯỚNG DẪN", "12-HD/ĐU"),
    (Kind::QuyetDinh, "QUYẾT ĐỊNH", "12-QĐ/ĐU"),
    (Kind::NghiQuyet, "NGHỊ QUYẾT", "12-NQ/ĐU"),
    (Kind::QuyDinh, "QUY ĐỊNH", "12-QĐi/ĐU"),
    (Kind::QuyChe, "QUY CHẾ", "12-QC/ĐU"),
    (Kind::ChuongTrinh, "CHƯƠNG TRÌNH", "12-CTr/ĐU"),
    (Kind::KetLuan, "KẾT LUẬN", "12-KL/ĐU"),
    (Kind::ToTrinh, "TỜ TRÌNH", "12-TTr/ĐU"),
    (Kind::GiayMoi, "GIẤY MỜI", "12-GM/ĐU"),
    (Kind::BienBan, "BIÊN BẢN", "12-BB/ĐU"),
];

#[test]
fn every_party_type_has_its_name_trich_yeu_and_dashes() {
    for (kind, name, code) in NAMED {
        let extra = if kind == Kind::BienBan { "recorder: {role: Thư ký, name: Trần B}\n" } else { "" };
        let l = layout_of("t.yaml", &doc(kind.id(), "hd36", extra));
        let p = &l.pages[0];
        let number = run(p, "Số 12-");
        assert_eq!(number.text.trim(), format!("Số {code}"), "{name}: number");
        let title = p.texts.iter().find(|r| r.text.trim() == name).unwrap_or_else(|| panic!("{name} title"));
        assert!(title.bold && title.size == 16.0, "{name}: bold 16: {title:?}");
        close(centre(title), (LEFT + RIGHT) / 2.0, 0.5, &format!("{name} centred"));
        assert!(title.y > number.y, "{name} under the header");
        let subject = run(p, "tổ chức kiểm điểm năm 2025");
        assert!(subject.bold && subject.size == 14.0 && subject.y > title.y, "{name}: trích yếu bold 14 under it");
        close(centre(subject), (LEFT + RIGHT) / 2.0, 0.5, "trích yếu centred");
        let dashes = p.texts.iter().find(|r| r.text.trim() == "-----").expect("-----");
        assert!(dashes.y > subject.y && dashes.y - subject.y < 30.0, "{name}: ----- right under the trích yếu");
        close(centre(dashes), (LEFT + RIGHT) / 2.0, 0.5, "----- centred");
        assert!(p.find_run("V/v").is_none(), "{name}: no V/v line");
    }
}

#[test]
fn quyet_dinh_decision_line_and_articles() {
    let extra = "bases: [Căn cứ Điều lệ Đảng, Xét đề nghị của Văn phòng]\ndecision: Ban Thường vụ Đảng ủy\nbody:\n  - article_text: Công nhận kết quả.\n  - article: Trách nhiệm thi hành\n    body:\n      - numbered: Văn phòng lưu hồ sơ.\n      - numbered: Các chi bộ thực hiện.\n        body:\n          - numbered: Thông báo đến đảng viên.\n  - article_text: Quyết định có hiệu lực kể từ ngày ký./.\n";
    let l = layout_of("qd.yaml", &doc("quyet-dinh", "hd36", extra));
    let p = &l.pages[0];
    let text = l.text();
    assert!(
        text.contains("- Căn cứ Điều lệ Đảng;") && text.contains("- Xét đề nghị của Văn phòng,"),
        "căn cứ punctuation"
    );
    let decision = run(p, "BAN THƯỜNG VỤ ĐẢNG ỦY QUYẾT ĐỊNH:");
    assert!(decision.bold);
    close(centre(decision), (LEFT + RIGHT) / 2.0, 0.5, "decision line centred");
    for (label, bold_text) in [("Điều 1.", false), ("Điều 2.", true), ("Điều 3.", false)] {
        let r = p
            .texts
            .iter()
            .find(|r| r.text.trim() == label || r.text.starts_with(label))
            .unwrap_or_else(|| panic!("{label}"));
        assert!(r.bold, "{label} bold");
        close(r.x, LEFT + mm(10.0), 0.05, "Điều at the first-line indent");
        assert!(r.y > decision.y);
        let _ = bold_text;
    }
    assert!(run(p, "Trách nhiệm thi hành").bold, "titled article bold");
    assert!(!run(p, "Công nhận kết quả").bold, "run-in article text upright");
    assert!(text.contains("1. Văn phòng lưu hồ sơ.") && text.contains("2. Các chi bộ thực hiện."), "khoản 1., 2.");
    assert!(text.contains("a) Thông báo đến đảng viên."), "điểm a)");
}

#[test]
fn quy_dinh_chapters_number_articles_continuously() {
    let extra = "body:\n  - chapter: Quy định chung\n    body:\n      - article: Phạm vi\n        body: [Nội dung.]\n      - article: Đối tượng\n  - chapter: Điều khoản thi hành\n    body:\n      - article: Hiệu lực\n";
    let l = layout_of("qdi.yaml", &doc("quy-dinh", "hd36", extra));
    let p = &l.pages[0];
    for label in ["Chương I", "Chương II"] {
        let r = p.texts.iter().find(|r| r.text.trim() == label).unwrap_or_else(|| panic!("{label}"));
        assert!(r.bold);
        close(centre(r), (LEFT + RIGHT) / 2.0, 0.5, "chapter centred");
    }
    let title = run(p, "QUY ĐỊNH CHUNG");
    assert!(title.bold, "chapter title upper-cased, bold");
    let text = l.text();
    for a in ["Điều 1. Phạm vi", "Điều 2. Đối tượng", "Điều 3. Hiệu lực"] {
        assert!(text.contains(a), "{a} in {text}");
    }
    assert!(run(p, "Điều 3.").y > run(p, "Chương II").y);
}

#[test]
fn bien_ban_has_two_signature_blocks() {
    let extra = "meeting: {time: 8 giờ 00 ngày 05/11/2025, venue: Nhà văn hóa, chair: Nguyễn Văn A, secretary: Trần B, attendees: [12 đảng viên], absent: [Lê C]}\nrecorder: {role: Thư ký, name: Trần Thị B}\nbody: [Hội nghị đã thảo luận.]\n";
    let l = layout_of("bb.yaml", &doc("bien-ban", "hd36", extra));
    let p = l.pages.last().unwrap();
    let left_role = run(p, "THƯ KÝ");
    let left_name = run(p, "Trần Thị B");
    let right_auth = run(p, "T/M ĐẢNG ỦY");
    // The chair's name also stands in the "Chủ trì:" line; take the signature's.
    let right_name = p.texts.iter().rev().find(|r| r.text.contains("Nguyễn Văn A")).expect("chair's name");
    close(left_role.y, p.find_run("BÍ THƯ").unwrap().y, 0.01, "both role lines level");
    close(left_name.y, right_name.y, 0.01, "both names level");
    assert!(centre(left_role) < A4_W / 2.0 && centre(right_auth) > A4_W / 2.0, "recorder left, chair right");
    assert!(left_name.bold && right_name.bold);
    let text = l.text();
    for line in ["Thời gian: 8 giờ 00 ngày 05/11/2025", "Địa điểm: Nhà văn hóa", "Thư ký: Trần B", "Vắng mặt: Lê C"]
    {
        assert!(text.contains(line), "{line}");
    }
}

#[test]
fn giay_moi_lists_time_place_and_attendees() {
    let extra = "meeting:\n  time: 14 giờ 00 ngày 10/11/2025\n  venue: Hội trường Đảng ủy\n  attendees: [Bí thư các chi bộ, Ủy viên Ban Thường vụ]\n  content: Triển khai kiểm điểm\nbody: [\"Đảng ủy phường trân trọng kính mời:\"]\n";
    let text = layout_of("gm.yaml", &doc("giay-moi", "hd36", extra)).text();
    for line in [
        "Thời gian: 14 giờ 00 ngày 10/11/2025",
        "Địa điểm: Hội trường Đảng ủy",
        "Thành phần: Bí thư các chi bộ, Ủy viên Ban Thường vụ",
        "Nội dung: Triển khai kiểm điểm",
    ] {
        assert!(text.contains(line), "{line}");
    }
}

#[test]
fn to_trinh_can_say_kinh_trinh() {
    let extra = "recipients: [Ban Thường vụ Quận ủy]\nrecipients_label: \"Kính trình:\"\n";
    let l = layout_of("ttr.yaml", &doc("to-trinh", "hd36", extra));
    let line = l.pages[0].find_line("Kính trình:").expect("label");
    assert!(line.text.ends_with("Kính trình: Ban Thường vụ Quận ủy"), "{:?}", line.text);
}

fn header_rules(p: &PageLayout) -> Vec<&vanban::typeset::inspect::Rule> {
    p.rules.iter().filter(|r| r.y0 < 150.0).collect()
}

#[test]
fn state_header_quoc_hieu_tieu_ngu_rules_and_number() {
    let l = layout_of("nd.yaml", &doc("cong-van", "nd30", "recipients: [Các tổ dân phố, Trường Mầm non]\n"));
    let p = &l.pages[0];
    let qh = run(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(qh.bold && qh.size == 13.0, "Quốc hiệu bold 13");
    let motto = run(p, "Độc lập - Tự do - Hạnh phúc");
    assert!(motto.bold && motto.size == 14.0 && motto.y > qh.y, "tiêu ngữ bold 14 under it");
    close(centre(motto), centre(qh), 0.5, "tiêu ngữ centred under the Quốc hiệu");
    let rules = header_rules(p);
    let motto_rule = rules
        .iter()
        .find(|r| r.x0 > A4_W / 2.0 && r.y0 > motto.y && r.y0 < motto.y + 12.0)
        .expect("rule under the tiêu ngữ");
    close(motto_rule.length(), motto.width, 0.5, "rule as long as the tiêu ngữ");
    let organ = run(p, "ỦY BAN NHÂN DÂN");
    assert!(organ.bold && organ.size == 13.0, "organ bold 13");
    let organ_rule = rules.iter().find(|r| r.x1 < A4_W / 2.0).expect("rule under the organ name");
    assert!(
        organ_rule.length() > organ.width / 4.0 && organ_rule.length() < organ.width / 1.9,
        "rule 1/3–1/2 of the name"
    );
    close((organ_rule.x0 + organ_rule.x1) / 2.0, centre(organ), 1.0, "organ rule centred");
    assert!(p.find_run("*").is_none_or(|r| r.text.trim() != "*"), "no Party star");
    let number = run(p, "Số:");
    assert_eq!(number.text.trim(), "Số: 12/UBND-VP");
    assert_eq!(number.size, 13.0);
    let vv = run(p, "V/v");
    assert!(!vv.italic && vv.size == 13.0, "State V/v upright 13");
    let date = run(p, "Giang Biên, ngày 05 tháng 11 năm 2025");
    assert!(date.italic && date.size == 14.0);
}

#[test]
fn state_named_number_form() {
    let l = layout_of("nd-kh.yaml", &doc("ke-hoach", "nd30", ""));
    let p = &l.pages[0];
    assert_eq!(run(p, "Số:").text.trim(), "Số: 12/KH-UBND");
    let title = p.texts.iter().find(|r| r.text.trim() == "KẾ HOẠCH").expect("title");
    assert!(title.bold && title.size == 14.0, "State tên loại bold 14");
    let subject = run(p, "tổ chức kiểm điểm năm 2025");
    let rule = p.rules.iter().find(|r| r.y0 > subject.y && r.y0 < subject.y + 20.0).expect("rule under the trích yếu");
    assert!(rule.length() < subject.width * 0.55 && rule.length() > subject.width * 0.25, "rule 1/3 of the line");
    assert!(p.texts.iter().all(|r| r.text.trim() != "-----"), "no Party dashes");
}

#[test]
fn noi_nhan_punctuation_per_profile() {
    let party = layout_of("p.yaml", &doc("ke-hoach", "hd36", ""));
    let state = layout_of("s.yaml", &doc("ke-hoach", "nd30", ""));
    let (pp, sp) = (party.pages.last().unwrap(), state.pages.last().unwrap());
    let pl = run(pp, "Nơi nhận:");
    assert!(!pl.bold && !pl.italic && pl.size == 14.0, "Party label 14 upright");
    assert!(pp.rules.iter().any(|r| (r.y0 - pl.y).abs() < 4.0), "Party label underlined");
    for item in ["- Như trên,", "- Ban Tổ chức Quận ủy,", "- Lưu VPĐU."] {
        assert_eq!(run(pp, item).size, 12.0, "{item}");
    }
    let sl = run(sp, "Nơi nhận:");
    assert!(sl.bold && sl.italic && sl.size == 12.0, "State label 12 bold italic");
    assert!(!sp.rules.iter().any(|r| (r.y0 - sl.y).abs() < 4.0), "State label not underlined");
    for item in ["- Như trên;", "- Ban Tổ chức Quận ủy;", "- Lưu: VT, VP."] {
        assert_eq!(run(sp, item).size, 11.0, "{item}");
    }
    assert!(run(sp, "TM. ỦY BAN NHÂN DÂN").bold && run(sp, "CHỦ TỊCH").bold, "State authority and role bold");
    assert!(run(pp, "T/M ĐẢNG ỦY").bold && !run(pp, "BÍ THƯ").bold, "Party role upright");
}

fn appendix_doc(landscape: bool, rows: usize) -> String {
    let rows: String = (1..=rows).map(|i| format!("            - [Đảng viên {i}, Chi bộ {i}, HTTNV]\n")).collect();
    doc(
        "cong-van",
        "hd36",
        &format!(
            "body:\n  - appendix_list: true\nappendices:\n  - label: Biểu 01\n    title: Danh sách xếp loại\n    landscape: {landscape}\n    body:\n      - table:\n          numbered: true\n          widths: [1fr, 50mm, 30mm]\n          header:\n            - [Họ và tên, {{text: Đơn vị, colspan: 2}}]\n            - [\"\", Chi bộ, Xếp loại]\n          rows:\n{rows}          total: [Tổng cộng, \"\", \"{n}\"]\n",
            n = "x"
        ),
    )
}

#[test]
fn appendix_starts_a_landscape_page_with_its_link_line() {
    let l = layout_of("pl.yaml", &appendix_doc(true, 3));
    assert_eq!(l.pages.len(), 2);
    let main = &l.pages[0];
    assert!(main.find_line("- Biểu 01: Danh sách xếp loại").is_some(), "the parent lists its appendix");
    let p = &l.pages[1];
    assert!(p.width > p.height, "landscape");
    let label = run(p, "Biểu 01");
    assert!(label.bold);
    close(label.x + label.width, p.width - mm(15.0), 0.5, "label at the right margin");
    let title = run(p, "DANH SÁCH XẾP LOẠI");
    assert!(title.bold && title.y > label.y);
    let link = run(p, "(Kèm theo");
    assert_eq!(link.text.trim(), "(Kèm theo Công văn số 12-CV/ĐU, ngày 05/11/2025 của Đảng ủy phường Giang Biên)");
    assert!(link.italic && link.y > title.y);
    let num = p.texts.iter().find(|r| r.y < mm(20.0)).expect("page number on the appendix page");
    assert_eq!(num.text, "2");
    close(centre(num), (mm(30.0) + p.width - mm(15.0)) / 2.0, 0.5, "page number centred on the landscape text block");
    let tt = run(p, "TT");
    assert!(tt.bold, "numbering column header");
    let total = run(p, "Tổng cộng");
    assert!(total.bold, "totals row bold");
    for i in 1..=3 {
        assert!(p.find_line(&format!("{i} Đảng viên {i}")).is_some(), "row {i} numbered");
    }
}

#[test]
fn table_header_repeats_on_the_next_page() {
    let l = layout_of("long.yaml", &appendix_doc(false, 60));
    assert!(l.pages.len() >= 3, "the table runs over pages");
    let with_header: Vec<usize> = l
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.find_run("Họ và tên").is_some() && p.find_run("Xếp loại").is_some())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(with_header, (1..l.pages.len()).collect::<Vec<_>>(), "header on every appendix page");
    let last = l.pages.last().unwrap();
    assert!(last.find_line("60 Đảng viên 60").is_some());
    let first_row_y = |p: &PageLayout| p.find_run("Họ và tên").unwrap().y;
    close(first_row_y(last), first_row_y(&l.pages[2]), 0.01, "header at the top of each continuation page");
}

#[test]
fn standalone_appendix_is_a_blank_form() {
    let engine = common::engine();
    let source = vanban::model::Source::new("pl.yaml", &appendix_doc(true, 2));
    let prepared = engine.prepare(&source).unwrap().output;
    let typst = engine.appendix_source(&prepared, 1).unwrap();
    let compiled = engine.compile_source(&prepared, typst).unwrap().output;
    let l: Layout = compiled.layout();
    assert_eq!(l.pages.len(), 1, "only the appendix");
    assert!(l.pages[0].width > l.pages[0].height);
    assert!(l.text().contains("(Kèm theo Công văn số 12-CV/ĐU"));
    assert!(engine.appendix_source(&prepared, 2).is_err(), "no second appendix");
}

#[test]
fn draft_link_line_keeps_blanks() {
    let yaml = appendix_doc(false, 1).replace("number: 12\n", "").replace("date: 2025-11-05\n", "");
    let l = layout_of("draft.yaml", &yaml);
    let text = l.text().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("(Kèm theo Công văn số") && text.contains("-CV/ĐU, ngày …/…/… của Đảng ủy phường Giang Biên)"),
        "{text}"
    );
}

/// Every example in data/examples renders with no warning and no error.
#[test]
fn every_example_renders_clean() {
    let dir = common::repo("data/examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let source = vanban::model::Source::new(name.as_str(), &text);
            let prepared = common::engine().prepare(&source).unwrap_or_else(|d| panic!("{name}:\n{d}"));
            assert!(prepared.warnings.is_empty(), "{name}: {:?}", prepared.warnings);
            let compiled = common::engine().compile(&prepared.output).unwrap_or_else(|d| panic!("{name}:\n{d}"));
            assert!(compiled.warnings.is_empty(), "{name}: {:?}", compiled.warnings);
            compiled.output.pdf().unwrap_or_else(|d| panic!("{name}:\n{d}"));
            seen += 1;
        }
    }
    assert!(seen >= 1);
}
