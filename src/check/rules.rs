//! Format rules: what the guides demand of a document's content, checked
//! before printing. Each rule has an id, a severity, the clause it comes
//! from per guide family, a message and a hint; `vanban rules` lists this
//! same registry, and a document turns rules off with `rules_off: [ID]`.
//!
//! Entry points: [`registry`], [`run`].

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Severity};
use crate::model::{AuthorityKind, Block, DocDate, Document, Kind, ListItem};
use crate::profile::Profile;

/// What a rule sees.
pub struct Ctx<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its profile.
    pub profile: &'a Profile,
    /// Today, for "not in the future".
    pub today: NaiveDate,
}

/// One place a rule found something: the field path and, optionally, a
/// message more specific than the rule's own.
pub struct Hit {
    path: String,
    detail: Option<String>,
    fix: Option<String>,
}

fn hit(path: impl Into<String>) -> Hit {
    Hit { path: path.into(), detail: None, fix: None }
}

fn hit_with(path: impl Into<String>, detail: String) -> Hit {
    Hit { path: path.into(), detail: Some(detail), fix: None }
}

impl Hit {
    /// The field's corrected value, when it is certain.
    fn fix(mut self, value: impl Into<String>) -> Self {
        self.fix = Some(value.into());
        self
    }
}

/// A format rule.
pub struct Rule {
    /// Id without the guide prefix (`SO-KY-HIEU`); shown as `HD36.SO-KY-HIEU`.
    pub id: &'static str,
    /// How serious a hit is.
    pub severity: Severity,
    /// Where the rule comes from: (Party clause, State clause).
    pub clause: (&'static str, &'static str),
    /// One line saying what is wrong.
    pub message: &'static str,
    /// How to fix it.
    pub hint: &'static str,
    check: fn(&Ctx) -> Vec<Hit>,
}

impl Rule {
    /// The full id under a profile (`HD36.…` or `ND30.…`).
    pub fn full_id(&self, profile: &Profile) -> String {
        format!("{}.{}", family(profile), self.id)
    }

    /// The clause for a profile's family.
    pub fn clause_for(&self, profile: &Profile) -> &'static str {
        if family(profile) == "ND30" { self.clause.1 } else { self.clause.0 }
    }
}

/// Party guides share HD 36's rules; the State guide has its own clauses.
fn family(profile: &Profile) -> &'static str {
    if profile.id.starts_with("nd") { "ND30" } else { "HD36" }
}

/// Every rule, in listing order.
pub fn registry() -> &'static [Rule] {
    RULES
}

static RULES: &[Rule] = &[
    Rule {
        id: "SO-KY-HIEU",
        severity: Severity::Warning,
        clause: ("HD 36-HD/VPTW, II.1.3 (số từ 01, không thêm số 0)", "NĐ 30/2020, Phụ lục I, II.3"),
        message: "the number has more leading zeros than the guide writes",
        hint: "write the number's digits; the tool writes 01–09 with one zero",
        check: number_zeros,
    },
    Rule {
        id: "DON-VI-SOAN-THAO",
        severity: Severity::Warning,
        clause: ("—", "NĐ 30/2020, Phụ lục I, II.3 (công văn: Số: 12/UBND-VP)"),
        message: "the number pattern names the drafting unit, but `issuer.unit` is missing",
        hint: "add `unit:` under `issuer`, e.g. `unit: VP`",
        check: drafting_unit,
    },
    Rule {
        id: "KY-HIEU-LOAI",
        severity: Severity::Warning,
        clause: ("HD 36-HD/VPTW, II.1.3 (số và ký hiệu)", "NĐ 30/2020, Phụ lục III"),
        message: "the type code does not match the document's kind",
        hint: "leave out `type_code`: the tool takes the kind's code from the profile",
        check: type_code,
    },
    Rule {
        id: "KY-HIEU-CO-QUAN",
        severity: Severity::Warning,
        clause: ("HD 36-HD/VPTW, II.1.3 (ký hiệu cơ quan)", "NĐ 30/2020, Phụ lục I, II.3"),
        message: "the organ code does not match the issuing organ",
        hint: "use ĐU for an đảng ủy, HU huyện ủy, QU quận ủy, TU tỉnh ủy, CB chi bộ, ĐUK đảng ủy khối, UBND ủy ban nhân dân",
        check: organ_code,
    },
    Rule {
        id: "NGAY-TUONG-LAI",
        severity: Severity::Warning,
        clause: ("HD 36-HD/VPTW, II.1.4 (ngày tháng)", "NĐ 30/2020, Phụ lục I, II.4"),
        message: "the document's date is in the future",
        hint: "check `date`; leave it out for a draft",
        check: date_future,
    },
    Rule {
        id: "THOI-HAN",
        severity: Severity::Error,
        clause: ("HD 36-HD/VPTW, II.1.4", "NĐ 30/2020, Phụ lục I, II.4"),
        message: "a deadline in a directive is earlier than the document's own date",
        hint: "check the deadline and `date`",
        check: deadlines,
    },
    Rule {
        id: "QUYEN-HAN-KY",
        severity: Severity::Warning,
        clause: (
            "HD 36-HD/VPTW, II.1.7 (T/M, K/T, T/L: slash, no dot)",
            "NĐ 30/2020, Phụ lục I, II.7 (TM., KT., TL., TUQ., Q.)",
        ),
        message: "the signing capacity is spelled the other guide's way",
        hint: "Party documents write T/M, K/T, T/L; State documents TM., KT., TL., TUQ. (the PDF uses the profile's spelling)",
        check: authority_spelling,
    },
    Rule {
        id: "KY-THAY",
        severity: Severity::Error,
        clause: ("HD 36-HD/VPTW, II.1.7 (K/T: cấp phó ký thay)", "NĐ 30/2020, Điều 13 (KT.)"),
        message: "a deputy signs \"K/T\": the role must be a deputy's",
        hint: "write the deputy's role (Phó Bí thư, Phó Trưởng ban …) or drop K/T",
        check: deputy_role,
    },
    Rule {
        id: "CHUC-VU",
        severity: Severity::Warning,
        clause: ("HD 36-HD/VPTW, II.1.7 (chức vụ không kèm tên cơ quan)", "NĐ 30/2020, Phụ lục I, II.7"),
        message: "the role repeats the organ's name",
        hint: "write the role alone (Bí thư, not Bí thư Đảng ủy phường …)",
        check: role_repeats_organ,
    },
    Rule {
        id: "HOC-HAM",
        severity: Severity::Error,
        clause: ("HD 36-HD/VPTW, II.1.7 (họ tên không kèm học hàm, học vị)", "NĐ 30/2020, Phụ lục I, II.7.c"),
        message: "the signer's name carries a title",
        hint: "write the name alone: no TS., ThS., PGS., GS., Đ/c",
        check: academic_title,
    },
    Rule {
        id: "NOI-NHAN-LUU",
        severity: Severity::Warning,
        clause: ("HD 36-HD/VPTW, II.1.9 (\"- Lưu …\")", "NĐ 30/2020, Phụ lục I, II.9 (\"- Lưu: VT, …\")"),
        message: "the last line of Nơi nhận is not the file copy",
        hint: "end `distribution` with the file copy: \"Lưu VPĐU\" (Party) or \"Lưu: VT, VP\" (State)",
        check: file_copy,
    },
    Rule {
        id: "NHU-TREN",
        severity: Severity::Warning,
        clause: ("HD 36-HD/VPTW, II.1.9 (công văn: \"- Như trên\")", "NĐ 30/2020, Phụ lục I, II.9"),
        message: "there are Kính gửi recipients but Nơi nhận lacks \"Như trên\"",
        hint: "add \"Như trên\" (or \"Như kính gửi\") as the first line of `distribution`",
        check: as_above,
    },
    Rule {
        id: "NGAY-THANG",
        severity: Severity::Warning,
        clause: ("HD 36-HD/VPTW, II.1.4 (số 0 trước ngày < 10 và tháng 1, 2)", "NĐ 30/2020, Phụ lục I, II.4"),
        message: "a date in the text breaks the leading-zero rule",
        hint: "write ngày 01–09 with a zero, tháng 01 and 02 with a zero, tháng 3–12 without",
        check: date_zeros,
    },
    Rule {
        id: "CAN-CU",
        severity: Severity::Warning,
        clause: (
            "HD 36-HD/VPTW (căn cứ: \"- …;\", the last \",\")",
            "NĐ 30/2020, Phụ lục I (căn cứ: \"…;\", the last \".\")",
        ),
        message: "a căn cứ line in the body does not end with the guide's punctuation",
        hint: "move the căn cứ lines to `bases`: the tool adds the dash and the punctuation",
        check: bases_in_body,
    },
    Rule {
        id: "SO-MUC",
        severity: Severity::Warning,
        clause: ("HD 36-HD/VPTW, II.2 (đánh số phần, mục)", "NĐ 30/2020, Phụ lục I, II.6"),
        message: "section numbers are written by hand and repeat or skip",
        hint: "use `section:` and `numbered:` blocks: the tool numbers them",
        check: hand_numbers,
    },
];

/// Run every rule of the document's profile that it has not turned off.
pub fn run(doc: &Document, profile: &Profile, today: NaiveDate) -> Vec<Diagnostic> {
    let ctx = Ctx { doc, profile, today };
    let off = |r: &Rule| doc.rules_off.iter().any(|id| id == r.id || *id == r.full_id(profile));
    let mut out = Vec::new();
    for rule in RULES.iter().filter(|r| !off(r)) {
        for h in (rule.check)(&ctx) {
            let message = h.detail.unwrap_or_else(|| rule.message.to_string());
            let mut d = Diagnostic::new(rule.severity, rule.full_id(profile), message)
                .with_path(h.path)
                .with_hint(rule.hint)
                .with_hint(format!("{}; turn off with `rules_off: [{}]`", rule.clause_for(profile), rule.id));
            if let Some(value) = h.fix {
                d = d.with_hint(format!("`vanban check --fix` writes: {value}")).with_fix(value);
            }
            out.push(d);
        }
    }
    out
}

fn number_zeros(c: &Ctx) -> Vec<Hit> {
    let Some(n) = &c.doc.number else { return Vec::new() };
    let digits = n.0.trim();
    let bare = digits.trim_start_matches('0');
    let padded = format!("{bare:0>width$}", width = c.profile.header.number.min_digits);
    if !digits.is_empty() && digits.len() > padded.len() {
        vec![
            hit_with("number", format!("the number `{digits}` prints as \"{digits}\"; the guide writes \"{padded}\""))
                .fix(bare),
        ]
    } else {
        Vec::new()
    }
}

/// Only where the profile's công văn number has a `{unit}` (the State one).
fn drafting_unit(c: &Ctx) -> Vec<Hit> {
    let names_unit = c.profile.header.number.letter_pattern.as_deref().is_some_and(|p| p.contains("{unit}"));
    let missing = c.doc.issuer.unit.as_deref().is_none_or(|u| u.trim().is_empty());
    if c.doc.kind == Kind::CongVan && names_unit && missing { vec![hit("issuer")] } else { Vec::new() }
}

fn type_code(c: &Ctx) -> Vec<Hit> {
    match &c.doc.type_code {
        Some(code) if code.trim() != c.profile.type_code(c.doc.kind) => vec![
            hit_with(
                "type_code",
                format!(
                    "the type code `{code}` does not match a {} (`{}`)",
                    c.doc.kind.name_vi().to_lowercase(),
                    c.profile.type_code(c.doc.kind)
                ),
            )
            .fix(c.profile.type_code(c.doc.kind)),
        ],
        _ => Vec::new(),
    }
}

/// Organ name prefixes and the codes they take.
const ORGAN_CODES: &[(&str, &str)] = &[
    ("đảng ủy khối", "ĐUK"),
    ("đảng uỷ khối", "ĐUK"),
    ("đảng ủy", "ĐU"),
    ("đảng uỷ", "ĐU"),
    ("huyện ủy", "HU"),
    ("huyện uỷ", "HU"),
    ("quận ủy", "QU"),
    ("quận uỷ", "QU"),
    ("tỉnh ủy", "TU"),
    ("tỉnh uỷ", "TU"),
    ("chi bộ", "CB"),
    ("ủy ban nhân dân", "UBND"),
    ("uỷ ban nhân dân", "UBND"),
];

fn organ_code(c: &Ctx) -> Vec<Hit> {
    let organ = c.doc.issuer.organ.trim().to_lowercase();
    let code = c.doc.issuer.code.trim();
    match ORGAN_CODES.iter().find(|(prefix, _)| organ.starts_with(prefix)) {
        Some((_, expected)) if code != *expected && !code.starts_with(expected) => vec![
            hit_with(
                "issuer.code",
                format!("the organ code `{code}` does not match \"{}\" (`{expected}`)", c.doc.issuer.organ.trim()),
            )
            .fix(*expected),
        ],
        _ => Vec::new(),
    }
}

fn date_future(c: &Ctx) -> Vec<Hit> {
    match c.doc.date {
        Some(d) if d.0 > c.today => vec![hit("date")],
        _ => Vec::new(),
    }
}

/// "trước ngày 20 tháng 11 năm 2021", "chậm nhất là ngày 10/11/2021" …:
/// the phrases [`crate::deadlines::find`] knows, so that this rule and the
/// deadline export agree on what a deadline is.
pub fn find_deadlines(text: &str) -> Vec<DocDate> {
    let plain = crate::model::inline::plain(text);
    crate::deadlines::find(&plain).into_iter().map(|f| DocDate(f.date)).collect()
}

fn deadlines(c: &Ctx) -> Vec<Hit> {
    // Directives set deadlines; reports and records tell of past ones.
    let directive = matches!(
        c.doc.kind,
        Kind::CongVan | Kind::KeHoach | Kind::HuongDan | Kind::ChuongTrinh | Kind::GiayMoi | Kind::QuyetDinh
    );
    let Some(date) = c.doc.date.filter(|_| directive) else { return Vec::new() };
    let mut hits = Vec::new();
    texts(c.doc, &mut |path, text| {
        for d in find_deadlines(text) {
            if d < date {
                hits.push(hit_with(
                    path,
                    format!(
                        "the deadline {} is earlier than the document's date {}",
                        d.0.format("%d/%m/%Y"),
                        date.0.format("%d/%m/%Y")
                    ),
                ));
            }
        }
    });
    hits
}

/// Every text of the body with its path, in reading order.
fn texts(doc: &Document, f: &mut dyn FnMut(&str, &str)) {
    fn items(list: &[ListItem], path: &str, f: &mut dyn FnMut(&str, &str)) {
        for (i, item) in list.iter().enumerate() {
            let p = format!("{path}[{i}]");
            f(&p, &item.text);
            items(&item.list, &format!("{p}.list"), f);
        }
    }
    fn blocks(bs: &[Block], path: &str, f: &mut dyn FnMut(&str, &str)) {
        for (i, b) in bs.iter().enumerate() {
            let p = format!("{path}[{i}]");
            match b {
                Block::Paragraph(t) => f(&p, t),
                Block::Node(n) => {
                    for (key, t) in n.own_texts() {
                        f(&format!("{p}.{key}"), t);
                    }
                    if let Some(list) = &n.list {
                        items(list, &format!("{p}.list"), f);
                    }
                    blocks(&n.body, &format!("{p}.body"), f);
                }
            }
        }
    }
    blocks(&doc.body, "body", f);
    if let Some(closing) = &doc.closing {
        f("closing", closing);
    }
}

fn authority_spelling(c: &Ctx) -> Vec<Hit> {
    let Some(line) = c.doc.signer.as_ref().and_then(|s| s.authority.as_deref()) else { return Vec::new() };
    let (Some((kind, written)), rest) = AuthorityKind::split(line) else { return Vec::new() };
    let state = written.ends_with('.') && written != "Q.";
    let party_profile = family(c.profile) == "HD36";
    if state == party_profile && written != "Q." {
        let p = &c.profile.signature.prefixes;
        let prefix = match kind {
            AuthorityKind::OnBehalf => &p.on_behalf,
            AuthorityKind::Deputy => &p.deputy,
            AuthorityKind::ByOrder => &p.by_order,
            AuthorityKind::Authorized => &p.authorized,
            AuthorityKind::Acting => &p.acting,
        };
        vec![
            hit_with("signer.authority", format!("`{written}` is not how this guide spells the signing capacity"))
                .fix(format!("{prefix} {rest}")),
        ]
    } else {
        Vec::new()
    }
}

fn deputy_role(c: &Ctx) -> Vec<Hit> {
    let Some(s) = &c.doc.signer else { return Vec::new() };
    let deputy =
        s.authority.as_deref().and_then(|a| AuthorityKind::split(a).0).is_some_and(|(k, _)| k == AuthorityKind::Deputy);
    if deputy && !s.role.trim().to_lowercase().starts_with("phó") { vec![hit("signer.role")] } else { Vec::new() }
}

fn role_repeats_organ(c: &Ctx) -> Vec<Hit> {
    let Some(s) = &c.doc.signer else { return Vec::new() };
    let role = s.role.to_lowercase();
    let organ = c.doc.issuer.organ.to_lowercase();
    if !organ.trim().is_empty() && role.contains(organ.trim()) { vec![hit("signer.role")] } else { Vec::new() }
}

fn academic_title(c: &Ctx) -> Vec<Hit> {
    const TITLES: &[&str] = &["ts.", "ths.", "pgs.", "gs.", "ks.", "bs.", "cn.", "đ/c", "đồng chí"];
    let Some(s) = &c.doc.signer else { return Vec::new() };
    let name = s.name.trim();
    let lower = name.to_lowercase();
    match TITLES.iter().find(|t| lower.starts_with(**t)) {
        // Titles are ASCII or start with "đ", so the cut is on a char boundary.
        Some(t) => {
            let cut = lower[..t.len()].chars().count();
            let bare: String = name.chars().skip(cut).collect();
            vec![hit("signer.name").fix(bare.trim())]
        }
        None => Vec::new(),
    }
}

fn file_copy(c: &Ctx) -> Vec<Hit> {
    let Some(last) = c.doc.distribution.last() else { return Vec::new() };
    let state = family(c.profile) == "ND30";
    let l = last.trim().trim_start_matches("- ");
    let ok = if state { l.starts_with("Lưu:") } else { l.starts_with("Lưu ") && !l.starts_with("Lưu:") };
    if ok { Vec::new() } else { vec![hit(format!("distribution[{}]", c.doc.distribution.len() - 1))] }
}

fn as_above(c: &Ctx) -> Vec<Hit> {
    if c.doc.recipients.is_empty() || c.doc.distribution.is_empty() {
        return Vec::new();
    }
    let has = c.doc.distribution.iter().any(|d| {
        let d = d.trim().trim_start_matches("- ").to_lowercase();
        d.starts_with("như trên") || d.starts_with("như kính gửi") || d.starts_with("như kính trình")
    });
    if has { Vec::new() } else { vec![hit("distribution")] }
}

/// "ngày 2 tháng 11 năm 2021" written without the zero, "tháng 03" with one.
fn date_zeros(c: &Ctx) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut scan = |path: &str, text: &str| {
        let plain = crate::model::inline::plain(text);
        let words: Vec<&str> = plain.split_whitespace().collect();
        for w in words.windows(5) {
            let [ngay, d, thang, m, nam] = w else { continue };
            if !ngay.eq_ignore_ascii_case("ngày") || *thang != "tháng" || *nam != "năm" {
                continue;
            }
            let (Ok(day), Ok(month)) = (d.parse::<u32>(), m.parse::<u32>()) else { continue };
            let good_day = if day < 10 { format!("{day:02}") } else { day.to_string() };
            let good_month = if month <= 2 { format!("{month:02}") } else { month.to_string() };
            if *d != good_day || *m != good_month {
                hits.push(hit_with(
                    path,
                    format!("\"ngày {d} tháng {m}\" should read \"ngày {good_day} tháng {good_month}\""),
                ));
            }
        }
    };
    texts(c.doc, &mut scan);
    if let Some(s) = &c.doc.subject {
        scan("subject", s);
    }
    hits
}

/// Căn cứ lines written as paragraphs: each must end as the guide says.
fn bases_in_body(c: &Ctx) -> Vec<Hit> {
    let b = &c.profile.bases;
    let mut hits = Vec::new();
    for (i, block) in c.doc.body.iter().enumerate() {
        let Block::Paragraph(text) = block else { break };
        let t = crate::model::inline::plain(text);
        let t = t.trim();
        if !t.starts_with("Căn cứ") {
            continue;
        }
        // ";" or the last one's mark; ":" when the sentence leads into the body
        // ("Căn cứ …, Đảng ủy … như sau:").
        let bare = t.trim_end_matches(['”', '"', '»']);
        let ends = [b.separator.as_str(), b.terminator.as_str(), ":"];
        if !ends.iter().any(|e| !e.is_empty() && (bare.ends_with(e) || t.ends_with(e))) {
            hits.push(hit(format!("body[{i}]")));
        }
    }
    hits
}

/// A leading hand-written number such as "3.2.4." or "1.".
fn hand_number(text: &str) -> Option<Vec<u32>> {
    let first = crate::model::inline::plain(text);
    let token = first.split_whitespace().next()?;
    let token = token.strip_suffix('.')?;
    let parts: Option<Vec<u32>> = token.split('.').map(|p| p.parse().ok()).collect();
    // Section numbers are small; "2021." is a year, not a section.
    parts.filter(|p| !p.is_empty() && p.len() <= 4 && p.iter().all(|&x| (1..100).contains(&x)))
}

fn hand_numbers(c: &Ctx) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut last: Option<Vec<u32>> = None;
    let mut seen: Vec<Vec<u32>> = Vec::new();
    texts(c.doc, &mut |path, text| {
        let Some(n) = hand_number(text) else { return };
        let label = n.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
        if seen.contains(&n) {
            hits.push(hit_with(path, format!("section {label}. is written twice")));
        } else if let Some(prev) = &last
            && !follows(prev, &n)
        {
            let prev_label = prev.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
            hits.push(hit_with(path, format!("section {label}. does not follow {prev_label}.")));
        }
        seen.push(n.clone());
        last = Some(n);
    });
    hits
}

/// Whether `next` may come right after `prev`: a first child, a next
/// sibling, or the next sibling of an ancestor.
fn follows(prev: &[u32], next: &[u32]) -> bool {
    if next.len() == prev.len() + 1 && next[..prev.len()] == *prev && next[prev.len()] == 1 {
        return true;
    }
    if next.len() <= prev.len() {
        let k = next.len();
        return next[..k - 1] == prev[..k - 1] && next[k - 1] == prev[k - 1] + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_in_words_and_digits() {
        let d = find_deadlines("hoàn thành trước **ngày 20 tháng 11 năm 2021.** và trước ngày 10/11/2021.");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].0, NaiveDate::from_ymd_opt(2021, 11, 20).unwrap());
        assert_eq!(d[1].0, NaiveDate::from_ymd_opt(2021, 11, 10).unwrap());
    }

    #[test]
    fn section_order() {
        assert!(follows(&[3, 2], &[3, 2, 1]) && follows(&[3, 2, 4], &[3, 2, 5]) && follows(&[3, 2, 5], &[4]));
        assert!(!follows(&[3, 2, 4], &[3, 2, 4]) && !follows(&[1], &[3]));
        assert_eq!(hand_number("3.2.4. Văn phòng"), Some(vec![3, 2, 4]));
        assert_eq!(hand_number("Năm 2021."), None);
    }
}
