//! Deadlines (thời hạn) of a directive: who must do what by when.
//!
//! A công văn or kế hoạch hands out work in its body ("**Cấp cơ sở:** …
//! hoàn thành trước ngày 20 tháng 11 năm 2021"). Clerks copy those dates
//! into a calendar by hand; [`extract`] reads them from the document so
//! that [`table`] can list them and [`ics::calendar`] can export them.
//!
//! Who a deadline binds is rarely written next to the date. Clerks write it
//! as an emphasised label at the start of the item, or as the title of the
//! section the item sits in; when neither names anyone, the document is
//! addressed to its recipients, so they are the ones bound.

pub mod ics;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::inline;
use crate::model::{Block, Document, ListItem};

/// One deadline set by the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The day by which the work is due, as written (the event's day).
    pub date: NaiveDate,
    /// Who must do it: the item's label, an enclosing section title, or the
    /// recipients; empty when the document names no one.
    pub who: String,
    /// The work itself: the clause holding the date, without the label and
    /// the deadline phrase, so it reads as a task ("Báo cáo lịch …").
    pub what: String,
    /// The whole text the deadline was found in, without emphasis markup:
    /// the task is often only clear with its neighbouring sentences.
    pub text: String,
    /// Where it was found (`body[5].body[1].body[2].body[0]`), as in the
    /// diagnostics, so a clerk can jump to it.
    pub path: String,
}

/// A deadline phrase located in plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The date it names.
    pub date: NaiveDate,
    /// Byte offset where the phrase starts ("trước …").
    pub start: usize,
    /// Byte offset just after the date (trailing punctuation excluded).
    pub end: usize,
}

/// The words that introduce a deadline, lower case, up to "ngày". None is
/// a prefix of another, so their order does not matter.
const TRIGGERS: &[&[&str]] = &[
    &["trước", "ngày"],
    &["chậm", "nhất", "ngày"],
    &["chậm", "nhất", "là", "ngày"],
    &["chậm", "nhất", "vào", "ngày"],
    &["hạn", "chót", "ngày"],
    &["hạn", "chót", "là", "ngày"],
    &["hạn", "chót", "vào", "ngày"],
];

/// Section titles and labels that name a part of the plan rather than an
/// actor ("Tiến độ thời gian", "Tổ chức thực hiện"): a deadline under them
/// binds someone named further out, or the recipients.
const GENERIC: &[&str] = &[
    "tiến độ",
    "thời gian",
    "tổ chức thực hiện",
    "nội dung",
    "mục đích",
    "yêu cầu",
    "nhiệm vụ",
    "giải pháp",
    "kinh phí",
    "chế độ báo cáo",
    "phân công",
];

/// A label longer than this is an emphasised sentence, not a name.
const MAX_LABEL_WORDS: usize = 12;

/// Find every deadline phrase in `plain` (text without emphasis markup):
/// "trước ngày 20 tháng 11 năm 2021", "chậm nhất (là) ngày 10/11/2021",
/// "hạn chót ngày 05-12-2021" and the like. A phrase without a full,
/// real date (no year, 31/02) is not a deadline one can put in a calendar,
/// so it is skipped.
pub fn find(plain: &str) -> Vec<Found> {
    let toks = tokens(plain);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let hit = TRIGGERS.iter().find_map(|t| {
            let words = toks.get(i..i + t.len())?;
            words.iter().zip(t.iter()).all(|(w, t)| w.lower == *t).then_some(t.len())
        });
        if let Some(n) = hit
            && let Some((date, used)) = date_at(&toks[i + n..])
        {
            out.push(Found { date, start: toks[i].start, end: toks[i + n + used - 1].end });
            i += n + used;
        } else {
            i += 1;
        }
    }
    out
}

/// Every deadline of `doc`'s body and closing, by date, then in reading
/// order (the order a clerk would check them off).
pub fn extract(doc: &Document) -> Vec<Deadline> {
    let recipients: Vec<String> =
        doc.recipients.iter().map(|r| inline::plain(r).trim().to_string()).filter(|r| !r.is_empty()).collect();
    let mut w = Walker { out: Vec::new(), actors: Vec::new(), fallback: recipients.join(", ") };
    w.blocks(&doc.body, "body");
    if let Some(closing) = &doc.closing {
        w.text("closing", closing);
    }
    let mut out = w.out;
    out.sort_by_key(|d| d.date);
    out
}

/// A plain text table for the terminal: `Hạn | Đơn vị | Việc`, dates as
/// dd/mm/yyyy. Columns are padded by characters, which is the display width
/// for NFC Vietnamese (every letter is one precomposed character).
pub fn table(deadlines: &[Deadline]) -> String {
    let rows: Vec<[Vec<String>; 3]> = deadlines
        .iter()
        .map(|d| [vec![d.date.format("%d/%m/%Y").to_string()], wrap(&d.who, WHO_WIDTH), wrap(&d.what, WHAT_WIDTH)])
        .collect();
    let header = [vec!["Hạn".to_string()], vec!["Đơn vị".to_string()], vec!["Việc".to_string()]];
    let width = |col: usize| {
        std::iter::once(&header).chain(&rows).flat_map(|r| r[col].iter()).map(|s| s.chars().count()).max().unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let mut out = String::new();
    push_row(&mut out, &header, widths);
    out.push_str(&format!("{}-+-{}-+-{}\n", "-".repeat(widths[0]), "-".repeat(widths[1]), "-".repeat(widths[2])));
    for r in &rows {
        push_row(&mut out, r, widths);
    }
    out
}

/// One table row; wrapped cells go on over the next lines, the other
/// cells left blank there.
fn push_row(out: &mut String, row: &[Vec<String>; 3], widths: [usize; 3]) {
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    let lines = row.iter().map(Vec::len).max().unwrap_or(1);
    for i in 0..lines {
        let cell = |c: usize| row[c].get(i).map_or("", String::as_str);
        let line = format!("{} | {} | {}", pad(cell(0), widths[0]), pad(cell(1), widths[1]), cell(2));
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// Column widths of the terminal table, in characters.
const WHO_WIDTH: usize = 30;
const WHAT_WIDTH: usize = 64;

/// Break `text` into lines of at most `width` characters at spaces (a
/// longer word stands alone on its line).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Walks the body in reading order, keeping the names that enclose the
/// current text (section titles, labels of parent items), innermost last.
struct Walker {
    out: Vec<Deadline>,
    actors: Vec<String>,
    fallback: String,
}

impl Walker {
    fn blocks(&mut self, bs: &[Block], path: &str) {
        for (i, b) in bs.iter().enumerate() {
            let p = format!("{path}[{i}]");
            match b {
                Block::Paragraph(t) => self.text(&p, t),
                Block::Node(n) => {
                    for (key, t) in n.own_texts() {
                        self.text(&format!("{p}.{key}"), t);
                    }
                    if let Some(list) = &n.list {
                        self.items(list, &format!("{p}.list"));
                    }
                    // Children are bound by the section's name, or by the
                    // label that opens a numbered paragraph.
                    let name = match (&n.section, &n.numbered) {
                        (Some(title), _) => Some(clean_title(title)),
                        (None, Some(text)) => label(text).map(|l| l.name),
                        _ => None,
                    };
                    self.nested(name, |w| w.blocks(&n.body, &format!("{p}.body")));
                }
            }
        }
    }

    fn items(&mut self, list: &[ListItem], path: &str) {
        for (i, item) in list.iter().enumerate() {
            let p = format!("{path}[{i}]");
            self.text(&p, &item.text);
            let name = label(&item.text).map(|l| l.name);
            self.nested(name, |w| w.items(&item.list, &format!("{p}.list")));
        }
    }

    fn nested(&mut self, name: Option<String>, f: impl FnOnce(&mut Self)) {
        let pushed = name.is_some();
        self.actors.extend(name);
        f(self);
        if pushed {
            self.actors.pop();
        }
    }

    fn text(&mut self, path: &str, text: &str) {
        let plain = inline::plain(text);
        let found = find(&plain);
        if found.is_empty() {
            return;
        }
        let own = label(text).filter(|l| !is_generic(&l.name));
        let who = match &own {
            Some(l) => l.name.clone(),
            None => self
                .actors
                .iter()
                .rev()
                .find(|a| !a.is_empty() && !is_generic(a))
                .cloned()
                .unwrap_or_else(|| self.fallback.clone()),
        };
        let from = own.as_ref().map_or(0, |l| l.end);
        for f in found {
            self.out.push(Deadline {
                date: f.date,
                who: who.clone(),
                what: what(&plain, from, f),
                text: plain.trim().to_string(),
                path: path.to_string(),
            });
        }
    }
}

/// A leading emphasised label: its name and where it ends in the plain text
/// (after its colon).
struct Label {
    name: String,
    end: usize,
}

/// "**Cấp cơ sở:** …" or "*Cấp phường*: …": an emphasised run at the very
/// start that ends with a colon, inside the emphasis or right after it.
/// Emphasis without the colon ("*Các đồng chí …*, theo dõi …") is the
/// subject of a sentence, not a label, and is left alone.
fn label(text: &str) -> Option<Label> {
    let segs = inline::parse(text);
    let mut end = 0;
    let mut i = 0;
    while let Some(s) = segs.get(i).filter(|s| !s.bold && !s.italic && s.text.trim().is_empty()) {
        end += s.text.len();
        i += 1;
    }
    let mut run = String::new();
    while let Some(s) = segs.get(i).filter(|s| s.bold || s.italic) {
        run.push_str(&s.text);
        end += s.text.len();
        i += 1;
    }
    let run = run.trim_end();
    let name = match run.strip_suffix(':') {
        Some(name) => name,
        None => {
            let after = segs.get(i)?.text.as_str();
            let rest = after.trim_start().strip_prefix(':')?;
            end += after.len() - rest.len();
            run
        }
    };
    let name = name.trim();
    let words = name.split_whitespace().count();
    (words > 0 && words <= MAX_LABEL_WORDS).then(|| Label { name: name.to_string(), end })
}

/// A section title as a name: no markup, no colon, no hand-written number.
fn clean_title(title: &str) -> String {
    let plain = inline::plain(title);
    let t = plain.trim().trim_end_matches([':', ' ']);
    let t = match t.split_once(' ') {
        Some((first, rest)) if is_hand_number(first) => rest.trim_start(),
        _ => t,
    };
    t.to_string()
}

/// "3.2.4.", "1.", "a)", "II-": a number written by hand before a title.
fn is_hand_number(token: &str) -> bool {
    let Some(body) = token.strip_suffix(['.', ')', '-']) else { return false };
    let digits = !body.is_empty() && body.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let letter = body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase());
    let roman = !body.is_empty() && body.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
    digits || letter || roman
}

fn is_generic(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    GENERIC.iter().any(|g| lower.starts_with(g))
}

/// The clause of `plain` that holds `f`, from byte `from` on (after the
/// label), without the deadline phrase, as a task: trimmed of punctuation
/// and capitalised.
fn what(plain: &str, from: usize, f: Found) -> String {
    let from = from.min(f.start);
    let bounds = clause_starts(plain, from);
    let start = bounds.iter().copied().filter(|&b| b <= f.start).max().unwrap_or(from);
    // The next clause's start; the mark and space before it are trimmed.
    let end = bounds.iter().copied().filter(|&b| b > f.end).min().unwrap_or(plain.len());
    // "(trước ngày …)" goes with its brackets.
    let (mut cut_start, mut cut_end) = (f.start, f.end);
    if plain[start..cut_start].ends_with('(') && plain[cut_end..end].starts_with(')') {
        cut_start -= 1;
        cut_end += 1;
    }
    let joined = format!("{} {}", &plain[start..cut_start], &plain[cut_end..end]);
    let mut task = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    if task.trim_matches(trim_char).is_empty() {
        task = plain[start..end].to_string();
    }
    capitalise(task.trim_matches(trim_char))
}

/// Where clauses start: `from`, and just after each ".", "!", "?" or ";"
/// followed by a space (so "10.11.2021" and "2.5" do not split). Each
/// boundary is the byte after the whitespace that follows the mark.
fn clause_starts(plain: &str, from: usize) -> Vec<usize> {
    let mut out = vec![from];
    let mut chars = plain[from..].char_indices().map(|(i, c)| (i + from, c)).peekable();
    while let Some((_, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?' | ';') && chars.peek().is_some_and(|(_, n)| n.is_whitespace()) {
            while chars.peek().is_some_and(|(_, n)| n.is_whitespace()) {
                chars.next();
            }
            out.push(chars.peek().map_or(plain.len(), |(i, _)| *i));
        }
    }
    out
}

fn trim_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '-' | '–' | '—')
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A word of the text with the byte span of its core (the word without
/// surrounding brackets, quotes and punctuation), lower-cased for matching.
struct Tok<'a> {
    start: usize,
    end: usize,
    core: &'a str,
    lower: String,
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for word in s.split_inclusive(char::is_whitespace) {
        let raw_start = at;
        at += word.len();
        let raw = word.trim_end();
        if raw.is_empty() {
            continue;
        }
        let lead = raw.len() - raw.trim_start_matches(['(', '“', '"', '‘', '\'', '[']).len();
        let core = raw[lead..].trim_end_matches(['.', ',', ';', ':', ')', ']', '”', '"', '’', '\'', '!', '?']);
        let start = raw_start + lead;
        out.push(Tok { start, end: start + core.len(), core, lower: core.to_lowercase() });
    }
    out
}

/// The date at the start of `toks`, and how many tokens it took:
/// "20 tháng 11 năm 2021" (four words after the day) or "20/11/2021"
/// (also with "-" or ".", or as 2021-11-20). The day and month may carry a
/// zero or not; the year has four digits.
fn date_at(toks: &[Tok]) -> Option<(NaiveDate, usize)> {
    let num = |t: &Tok| t.core.parse::<u32>().ok().filter(|_| t.core.chars().all(|c| c.is_ascii_digit()));
    if let [d, thang, m, nam, y, ..] = toks
        && thang.lower == "tháng"
        && nam.lower == "năm"
    {
        let (d, m, y) = (num(d)?, num(m)?, num(y)?);
        return NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d).map(|date| (date, 5));
    }
    let first = toks.first()?;
    let parts: Vec<&str> = first.core.split(['/', '-', '.']).collect();
    let [d, m, y] = match parts.as_slice() {
        // 2021-11-20, as the YAML writes dates.
        [y, m, d] if y.len() == 4 => [d, m, y],
        [d, m, y] => [d, m, y],
        _ => return None,
    };
    let all_digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    if !(all_digits(d) && all_digits(m) && all_digits(y) && y.len() == 4) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).map(|date| (date, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn seed() -> Document {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/cong-van-68-2021.yaml");
        let text = std::fs::read_to_string(path).unwrap();
        crate::model::load(&crate::model::Source::new("x.yaml", &text)).unwrap().output
    }

    fn doc(yaml: &str) -> Document {
        crate::model::load(&crate::model::Source::new("x.yaml", yaml)).unwrap().output
    }

    #[test]
    fn seed_deadlines_dates_and_who() {
        let doc = seed();
        let got: Vec<(NaiveDate, String)> = extract(&doc).into_iter().map(|d| (d.date, d.who)).collect();
        let recipients = doc.recipients.join(", ");
        assert_eq!(
            got,
            vec![
                (ymd(2021, 11, 10), "Các chi bộ trực thuộc".to_string()),
                (ymd(2021, 11, 20), "Cấp cơ sở".to_string()),
                (ymd(2021, 11, 20), "UBND phường".to_string()),
                (ymd(2021, 11, 20), "MTTQ, các đoàn thể chính trị xã hội phường".to_string()),
                (ymd(2021, 11, 22), recipients),
                (ymd(2021, 12, 5), "Cấp phường".to_string()),
            ]
        );
    }

    #[test]
    fn seed_deadlines_what_text_and_path() {
        let d = extract(&seed());
        assert_eq!(d[0].what, "Báo cáo lịch tổ chức kiểm điểm với Đảng ủy (qua văn phòng Đảng ủy)");
        assert_eq!(d[0].path, "body[5].body[1].body[5].body[0].list[1]");
        assert_eq!(
            d[0].text,
            "Báo cáo lịch tổ chức kiểm điểm với Đảng ủy (qua văn phòng Đảng ủy) trước ngày 10/11/2021."
        );
        assert_eq!(
            d[1].what,
            "Thực hiện kiểm điểm tự phê bình, phê bình và đánh giá, xếp loại đối với tập thể, cá nhân hoàn thành"
        );
        assert_eq!(d[1].path, "body[5].body[0].body[0].list[0]");
        assert!(d[1].text.starts_with("Cấp cơ sở: Thực hiện"), "{}", d[1].text);
        // The clause after the last ";", not the whole paragraph.
        assert_eq!(d[2].what, "Báo cáo kết quả đánh giá, xếp loại thi đua với Đảng ủy (qua văn phòng Đảng ủy)");
        assert_eq!(d[4].what, "Thời gian báo cáo: Gửi về Đảng ủy (qua văn phòng Đảng ủy)");
        assert!(d[5].what.starts_with("Thực hiện kiểm điểm") && d[5].what.ends_with("(qua Ban Tổ chức Quận ủy)"));
    }

    #[test]
    fn other_deadline_phrases_with_positions() {
        let text = "Báo cáo chậm nhất là ngày 15/12/2021; nộp hồ sơ Chậm nhất ngày 01 tháng 02 năm 2022, \
                    hạn chót ngày 03-03-2022 và (trước ngày 4.3.2022).";
        let f = find(text);
        let dates: Vec<NaiveDate> = f.iter().map(|f| f.date).collect();
        assert_eq!(dates, vec![ymd(2021, 12, 15), ymd(2022, 2, 1), ymd(2022, 3, 3), ymd(2022, 3, 4)]);
        assert_eq!(&text[f[0].start..f[0].end], "chậm nhất là ngày 15/12/2021");
        assert_eq!(&text[f[1].start..f[1].end], "Chậm nhất ngày 01 tháng 02 năm 2022");
        assert_eq!(&text[f[3].start..f[3].end], "trước ngày 4.3.2022");
        assert_eq!(find("Hạn chót là ngày 2021-12-20.").first().map(|f| f.date), Some(ymd(2021, 12, 20)));
        // No year, no real date, no date at all: nothing to put in a calendar.
        assert!(find("trước ngày 20/11; trước ngày 31/02/2021; trước ngày họp").is_empty());
    }

    #[test]
    fn labels_need_emphasis_and_a_colon() {
        let l = label("**Cấp cơ sở:** Thực hiện").unwrap();
        assert_eq!((l.name.as_str(), l.end), ("Cấp cơ sở", "Cấp cơ sở:".len()));
        let l = label("*Cấp phường*: Thực hiện").unwrap();
        assert_eq!((l.name.as_str(), l.end), ("Cấp phường", "Cấp phường:".len()));
        assert!(label("*Các đồng chí Ủy viên*, theo dõi").is_none());
        assert!(label("Thời gian báo cáo: Gửi về").is_none());
        assert!(label("Báo cáo **Cấp cơ sở:** sau").is_none());
    }

    #[test]
    fn who_skips_generic_sections_outward_and_trims_what() {
        let d = extract(&doc(
            "kind: ke-hoach\nissuer: {organ: Đảng ủy phường, code: ĐU}\nplace: X\nrecipients: []\nbody:\n  \
             - section: \"2. Ban Tuyên giáo:\"\n    body:\n      - section: Tiến độ\n        body:\n          \
             - \"Trước ngày 20/11/2021, nộp báo cáo (chậm nhất là ngày 21/11/2021).\"\n  \
             - \"Tổng hợp kết quả trước ngày 25/11/2021.\"\n",
        ));
        let got: Vec<(&str, &str)> = d.iter().map(|d| (d.who.as_str(), d.what.as_str())).collect();
        assert_eq!(
            got,
            vec![
                ("Ban Tuyên giáo", "Nộp báo cáo (chậm nhất là ngày 21/11/2021)"),
                ("Ban Tuyên giáo", "Trước ngày 20/11/2021, nộp báo cáo"),
                ("", "Tổng hợp kết quả"),
            ]
        );
    }

    #[test]
    fn table_is_aligned_by_characters() {
        let d = extract(&seed());
        let t = table(&d[..2]);
        let lines: Vec<&str> = t.lines().collect();
        // Header, rule, and each row wrapped onto a second line.
        assert_eq!(lines.len(), 6, "{t}");
        let cells = |l: &str| l.split(" | ").map(str::trim_end).map(str::to_string).collect::<Vec<_>>();
        assert_eq!(cells(lines[0]), ["Hạn", "Đơn vị", "Việc"]);
        assert_eq!(cells(lines[2])[..2], ["10/11/2021", "Các chi bộ trực thuộc"]);
        assert_eq!(cells(lines[3]), ["", "", "ủy)"]);
        assert_eq!(cells(lines[4])[..2], ["20/11/2021", "Cấp cơ sở"]);
        assert!(lines.iter().all(|l| l.chars().count() <= 11 + 24 + 3 + WHAT_WIDTH), "{t}");
        // Columns line up by characters although "Hạn" and "Đơn vị" take
        // more bytes than characters.
        let bars =
            |l: &str| l.chars().enumerate().filter(|(_, c)| *c == '|' || *c == '+').map(|(i, _)| i).collect::<Vec<_>>();
        let widest = "Các chi bộ trực thuộc".chars().count();
        for l in &lines {
            assert_eq!(bars(l), [11, 11 + widest + 3], "{t}");
        }
        assert!(lines[1].chars().all(|c| c == '-' || c == '+'), "{t}");
        assert!(t.lines().all(|l| l == l.trim_end()), "no trailing spaces");
    }

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        assert_eq!(wrap("một hai ba bốn", 7), ["một hai", "ba bốn"]);
        assert_eq!(wrap("", 7), [""]);
        assert_eq!(wrap("dàidàidàidài x", 5), ["dàidàidàidài", "x"]);
    }
}
