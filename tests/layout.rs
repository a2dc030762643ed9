//! The reference công văn laid out per HD 36 (`../shared/spec/format-rules.md`
//! §1–§5), measured on the compiled document's frames: page, margins, each
//! header element's size, weight, style and position, the title rule, body,
//! page numbers, signature block and Nơi nhận — and every word of the seed.

mod common;

use common::{close, layout_of, layout_of_file, mm};
use vanban::typeset::inspect::{Layout, Line, PageLayout};

const EXAMPLE: &str = "data/examples/cong-van-68-2021.yaml";
const A4: (f64, f64) = (595.276, 841.890);
/// Text edges are 0.8 em above the baseline (see templates/style.typ).
const TOP_EDGE: f64 = 0.8;

fn example() -> &'static Layout {
    static L: std::sync::OnceLock<Layout> = std::sync::OnceLock::new();
    L.get_or_init(|| layout_of_file(EXAMPLE))
}

fn page(n: usize) -> &'static PageLayout {
    &example().pages[n - 1]
}

/// The line containing `needle` on page `n`, and the run that has it.
#[track_caller]
fn line(n: usize, needle: &str) -> Line {
    page(n).find_line(needle).unwrap_or_else(|| panic!("no line with {needle:?} on page {n}"))
}

#[track_caller]
fn run_of<'a>(l: &'a Line, needle: &str) -> &'a vanban::typeset::inspect::TextRun {
    l.runs.iter().find(|r| r.text.contains(needle)).unwrap_or_else(|| panic!("no run {needle:?} in {:?}", l.text))
}

fn centre(x0: f64, x1: f64) -> f64 {
    (x0 + x1) / 2.0
}

const LEFT: f64 = 85.039; // 30 mm
const RIGHT: f64 = A4.0 - 42.520; // 15 mm
const TOP: f64 = 56.693; // 20 mm

#[test]
fn a4_pages_and_margins() {
    let l = example();
    assert!(l.pages.len() >= 2, "the reference runs over more than one page");
    for p in &l.pages {
        // Appendix forms may be landscape: A4 either way round.
        let (w, h) = if p.width > p.height { (A4.1, A4.0) } else { A4 };
        close(p.width, w, 0.01, "page width");
        close(p.height, h, 0.01, "page height");
        for run in &p.texts {
            assert!(run.x >= LEFT - 0.01, "{:?} starts left of the 30 mm margin", run.text);
            assert!(run.x + run.width <= p.width - mm(15.0) + 0.01, "{:?} passes the 15 mm margin", run.text);
            assert!(run.y + 0.2 * run.size <= p.height - TOP + 0.01, "{:?} is in the bottom margin", run.text);
        }
    }
    // Justified body lines reach both margins; the first line sits at the top margin.
    let justified = line(1, "kiểm điểm và đánh giá, xếp loại chất lượng hằng năm");
    close(justified.x0, LEFT, 0.01, "justified line start");
    close(justified.x1, RIGHT, 0.05, "justified line end");
    let first = line(1, "ĐẢNG BỘ QUẬN LONG BIÊN");
    close(first.y - TOP_EDGE * 14.0, TOP, 0.01, "first line's top edge");
}

#[test]
fn header_left_block() {
    let superior = line(1, "ĐẢNG BỘ QUẬN LONG BIÊN");
    let s = run_of(&superior, "ĐẢNG BỘ");
    assert!(s.size == 14.0 && !s.bold && !s.italic, "superior: 14 upright, not bold: {s:?}");
    let organ = line(1, "ĐẢNG ỦY PHƯỜNG GIANG BIÊN");
    let o = run_of(&organ, "ĐẢNG ỦY");
    assert!(o.size == 14.0 && o.bold && !o.italic, "organ: 14 bold: {o:?}");
    assert!(organ.y > superior.y, "organ below superior");
    assert_eq!(organ.runs.len(), 1, "the organ name stays on one line where it fits");
    let star = page(1).texts.iter().find(|r| r.text.trim() == "*").expect("a * under the organ name");
    assert!(star.y > organ.y && star.size == 14.0);
    let number = line(1, "Số 68-CV/ĐU");
    let n = run_of(&number, "Số 68-CV/ĐU");
    assert_eq!(n.text.trim(), "Số 68-CV/ĐU");
    assert!(n.size == 14.0 && !n.bold && !n.italic, "number: 14 upright: {n:?}");
    assert!(n.y > star.y);
    let vv = line(1, "V/v kiểm điểm");
    let v = run_of(&vv, "V/v");
    assert!(v.size == 12.0 && v.italic && !v.bold, "V/v: 12 italic: {v:?}");
    assert!(vv.y > n.y);
    // All centred on one another, in the left half.
    let c = centre(o.x, o.x + o.width);
    for (what, x0, x1) in [
        ("superior", s.x, s.x + s.width),
        ("star", star.x, star.x + star.width),
        ("number", n.x, n.x + n.width),
        ("V/v", vv.x0, vv.x1),
    ] {
        close(centre(x0, x1), c, 1.0, &format!("{what} centred under the organ"));
    }
    assert!(c < A4.0 / 2.0, "left block is on the left");
}

#[test]
fn header_right_block_title_rule_and_date() {
    let title_line = line(1, "ĐẢNG CỘNG SẢN VIỆT NAM");
    let t = run_of(&title_line, "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert!(t.size == 15.0 && t.bold && !t.italic, "title: 15 bold: {t:?}");
    assert!(t.x > A4.0 / 2.0 - 30.0, "title on the right");
    close(t.y, line(1, "ĐẢNG BỘ QUẬN").y, 1.0, "title on the first header line");
    // The rule under it is exactly as long as the title.
    let rule = page(1).rules.iter().find(|r| r.y0 > t.y && r.y0 < t.y + 15.0).expect("rule under the title");
    close(rule.length(), t.width, 0.5, "title rule length");
    close(rule.x0, t.x, 0.5, "title rule start");
    // Place and date: 14 italic, centred under the title, level with the number.
    let date_line = line(1, "Giang Biên, ngày 02 tháng 11 năm 2021");
    let d = run_of(&date_line, "Giang Biên");
    assert_eq!(d.text.trim(), "Giang Biên, ngày 02 tháng 11 năm 2021");
    assert!(d.size == 14.0 && d.italic && !d.bold, "date: 14 italic: {d:?}");
    close(centre(d.x, d.x + d.width), centre(t.x, t.x + t.width), 1.0, "date centred under the title");
    close(d.y, line(1, "Số 68-CV/ĐU").y, 0.01, "date level with the number");
    assert!(d.y > rule.y0);
}

#[test]
fn recipients_block() {
    let first = line(1, "Kính gửi:");
    let label = run_of(&first, "Kính gửi:");
    assert!(label.italic && label.size == 14.0, "label italic 14: {label:?}");
    assert!(first.text.contains("- Lãnh đạo UBND Phường,"), "{:?}", first.text);
    let names = [
        "- Ban Thường trực UB MTTQ phường,",
        "- Ban thường vụ các tổ chức CT-XH phường,",
        "- Các chi bộ trực thuộc Đảng ủy phường.",
    ];
    let item_x = run_of(&first, "Lãnh đạo").x;
    let mut y = first.y;
    for name in names {
        let l = line(1, name);
        assert!(l.y > y, "{name} below the previous");
        close(l.x0, item_x, 0.5, &format!("{name} aligned with the first addressee"));
        assert!(!l.runs[0].italic && l.runs[0].size == 14.0);
        y = l.y;
    }
}

#[test]
fn body_text_size_indent_and_spacing() {
    let para = line(1, "Căn cứ Quy định số 132-QĐ/TW");
    let r = &para.runs[0];
    assert!(r.size == 14.0 && !r.bold && !r.italic);
    close(para.x0, LEFT + mm(10.0), 0.05, "first-line indent 10 mm");
    let next = line(1, "kiểm điểm và đánh giá, xếp loại chất lượng hằng năm");
    close(next.y - para.y, 14.0 * 1.3, 0.05, "line distance (profile line_height)");
    let second_para = line(1, "Thực hiện chỉ đạo của Quận ủy");
    let last_of_first = line(1, "quản lý các cấp”;");
    assert!(second_para.y - last_of_first.y >= 14.0 * 1.3 + 6.0 - 0.05, "≥ 6 pt between paragraphs");
    let heading = line(1, "1. Kiểm điểm tự phê bình");
    assert!(heading.runs[0].bold, "level-1 section title bold");
    let sub = line(2, "3.1. Tiến độ thời gian");
    assert!(sub.runs[0].bold && sub.runs[0].italic, "level-2 title bold italic");
    let bullet = line(2, "- Đối với tập thể, tổ chức cơ sở đảng:");
    close(bullet.x0, LEFT + mm(10.0), 0.05, "dash at the first-line indent");
    assert!(page(2).find_line("+ Báo cáo kiểm điểm của tập thể").is_some(), "nested items use +");
    assert!(example().text().contains("3.2.5. Các chi bộ trực thuộc"), "sections are numbered automatically");
    assert!(!example().text().contains('•'), "no Typst list bullets");
}

#[test]
fn page_numbers_from_page_two() {
    for run in &page(1).texts {
        assert!(run.y > TOP, "page 1 has nothing in the top margin: {:?}", run.text);
    }
    for (i, p) in example().pages.iter().enumerate().skip(1) {
        let num = p.texts.iter().find(|r| r.y < TOP).expect("a page number in the top margin");
        assert_eq!(num.text, (i + 1).to_string());
        assert!(num.size == 14.0 && !num.bold && !num.italic);
        close(num.y, mm(10.0), 0.01, "page number baseline 10 mm from the top");
        close(centre(num.x, num.x + num.width), centre(LEFT, p.width - mm(15.0)), 0.01, "page number centred");
    }
}

#[test]
fn signature_block_and_distribution() {
    // The signature closes the letter; appendix forms may follow it.
    let last = 1 + example().pages.iter().position(|p| p.find_run("Đào Mạnh Trung").is_some()).expect("signature page");
    let p = page(last);
    let auth_line = line(last, "T/M ĐẢNG ỦY");
    let auth = run_of(&auth_line, "T/M ĐẢNG ỦY");
    let role = p.find_run("PHÓ BÍ THƯ").expect("role");
    let name = p.find_run("Đào Mạnh Trung").expect("name");
    assert!(auth.bold && auth.size == 14.0, "authority bold 14");
    assert!(!role.bold && role.size == 14.0, "role upright 14");
    assert!(name.bold && name.size == 14.0, "name bold 14");
    assert!(auth.y < role.y && role.y + mm(15.0) < name.y, "authority, role, space for signature and seal, name");
    let c = centre(auth.x, auth.x + auth.width);
    assert!(c > A4.0 / 2.0, "signature block on the right");
    for r in [role, name] {
        close(centre(r.x, r.x + r.width), c, 1.0, "signature lines centred on one another");
    }
    let label = run_of(&auth_line, "Nơi nhận:");
    close(label.y, auth.y, 0.01, "Nơi nhận level with the signature block");
    close(label.x, LEFT, 0.01, "Nơi nhận at the left margin");
    assert!(label.size == 14.0 && !label.bold && !label.italic, "Nơi nhận: 14 upright");
    let under: Vec<_> = p.rules.iter().filter(|r| (r.y0 - label.y).abs() < 4.0).collect();
    assert_eq!(under.len(), 1, "one unbroken underline under Nơi nhận:");
    close(under[0].length(), label.width, 0.5, "underline as long as the label");
    let items = ["- Ban Thường vụ Quận ủy,", "- Ban Tổ chức Quận ủy,", "- Như kính gửi,", "- Lưu VPĐU."];
    let mut y = label.y;
    for item in items {
        let r = p.find_run(item).unwrap_or_else(|| panic!("{item}"));
        assert!(r.size == 12.0 && r.y > y && (r.x - LEFT).abs() < 0.01, "{item}: 12 pt, in order, at the left");
        y = r.y;
    }
}

/// Every word of the seed's body, in order, ignoring the section numbers
/// (ours are automatic) and the emphasis marks.
#[test]
fn every_word_of_the_seed_in_order() {
    let seed = std::fs::read_to_string(common::repo("tests/fixtures/seed-cong-van-68-2021.txt")).unwrap();
    let start = seed.find("Căn cứ Quy định").unwrap();
    let end = seed.find("giải quyết./.").unwrap() + "giải quyết./.".len();
    let expected = words(&seed[start..end].replace('*', ""));
    let pages: Vec<String> = example()
        .pages
        .iter()
        .map(|p| p.lines().into_iter().filter(|l| l.y > TOP).map(|l| l.text).collect::<Vec<_>>().join("\n"))
        .collect();
    let all = pages.join("\n");
    let a = all.find("Căn cứ Quy định").unwrap();
    let b = all.find("giải quyết./.").unwrap() + "giải quyết./.".len();
    let actual = words(&all[a..b]);
    assert_eq!(actual.len(), expected.len(), "word count");
    for (i, (x, y)) in actual.iter().zip(&expected).enumerate() {
        assert_eq!(x, y, "word {i}: context {:?}", &actual[i.saturating_sub(5)..(i + 5).min(actual.len())]);
    }
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| {
            !matches!(*w, "-" | "+")
                && !w.trim_end_matches('.').split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        })
        .map(str::to_string)
        .collect()
}

const MINIMAL: &str = "kind: cong-van
issuer:
  organ: Đảng ủy phường Giang Biên
  code: ĐU
place: Giang Biên
subject: lịch sinh hoạt
recipients: [Các chi bộ trực thuộc]
body: [Nội dung.]
signer:
  authority: T/M Đảng ủy
  role: Bí thư
  name: Nguyễn Văn A
distribution: [Như trên, Lưu VPĐU]
";

#[test]
fn draft_without_number_or_date_leaves_blanks() {
    let l = layout_of("draft.yaml", MINIMAL);
    let p = &l.pages[0];
    let number = p.find_run("-CV/ĐU").expect("number line");
    assert!(number.text.starts_with("Số") && !number.text.chars().any(|c| c.is_ascii_digit()), "{:?}", number.text);
    assert!(number.width > 60.0, "room to write the number: {:?}", number.text);
    assert!(p.find_run("Giang Biên, ngày … tháng … năm …").is_some(), "blank date");
    // Without a superior organ the issuing organ is the first line, level with the title.
    let organ = p.find_run("ĐẢNG ỦY PHƯỜNG GIANG BIÊN").unwrap();
    let title = p.find_run("ĐẢNG CỘNG SẢN VIỆT NAM").unwrap();
    close(organ.y, title.y, 1.0, "organ on the first header line");
    // A single addressee stands on the label's line, without dash or stop.
    let kg = p.find_line("Kính gửi:").unwrap();
    assert!(kg.text.ends_with("Các chi bộ trực thuộc"), "{:?}", kg.text);
    assert!(l.pages.len() == 1 && p.texts.iter().all(|r| r.y > TOP), "one page, no page number");
}

#[test]
fn long_organ_name_wraps_inside_the_left_block() {
    let yaml = MINIMAL.replace("organ: Đảng ủy phường Giang Biên", "organ: Đảng ủy Khối các cơ quan thành phố Hà Nội");
    let l = layout_of("long.yaml", &yaml);
    let p = &l.pages[0];
    let title = p.find_run("ĐẢNG CỘNG SẢN VIỆT NAM").unwrap();
    let first = p.find_run("ĐẢNG ỦY KHỐI").unwrap();
    let second = p.find_run("HÀ NỘI").unwrap();
    assert!(second.y > first.y, "the name wraps onto a second line");
    for r in [first, second] {
        assert!(r.x + r.width < title.x, "{:?} stays left of the title block", r.text);
        assert!(r.bold);
    }
}
