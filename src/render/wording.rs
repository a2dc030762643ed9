//! Form written by the tool: upper-casing, the number, the date line,
//! outline numbers and list punctuation, all driven by the profile.

use crate::model::{AuthorityKind, DocDate};
use crate::profile::{DateFormat, ListFormat, NumberFormat, Prefixes};

/// Upper-case Vietnamese text. Rust's Unicode mapping covers every
/// Vietnamese letter (ă→Ă, đ→Đ, ơ→Ơ, ư→Ư with all tones); the text is NFC
/// already, so precomposed letters map to precomposed capitals.
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// "Số 68-CV/ĐU" from the profile's pattern; a missing number leaves the
/// profile's blank so the clerk can write it in.
pub fn number_line(f: &NumberFormat, number: Option<&str>, type_code: &str, organ: &str) -> String {
    fill(&f.pattern, &[("number", &pad_number(f, number)), ("type", type_code), ("organ", organ)])
}

/// The number padded to the profile's digits, or the profile's blank.
pub fn pad_number(f: &NumberFormat, number: Option<&str>) -> String {
    match number.filter(|n| !n.is_empty()) {
        Some(n) => format!("{n:0>width$}", width = f.min_digits),
        None => f.blank.clone(),
    }
}

/// Fill the profile's `{name}` placeholders (see [`crate::pattern`]).
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    crate::pattern::fill(pattern, |name| values.iter().find(|(k, _)| *k == name).map(|(_, v)| *v))
}

/// "Giang Biên, ngày 02 tháng 11 năm 2021" with the profile's zero rules.
pub fn date_line(f: &DateFormat, place: &str, date: Option<&DocDate>) -> String {
    match date {
        Some(d) => {
            let day = if d.day() < f.pad_day_below { format!("{:02}", d.day()) } else { d.day().to_string() };
            let month =
                if f.pad_months.contains(&d.month()) { format!("{:02}", d.month()) } else { d.month().to_string() };
            let year = d.year().to_string();
            fill(&f.pattern, &[("place", place), ("day", &day), ("month", &month), ("year", &year)])
        }
        None => fill(&f.blank, &[("place", place)]),
    }
}

/// "T/M ĐẢNG ỦY": the capacity spelled per profile, the rest upper-cased.
pub fn authority_line(prefixes: &Prefixes, line: &str) -> String {
    let (kind, rest) = AuthorityKind::split(line);
    let rest = upper(rest);
    match kind {
        Some((kind, _)) => {
            let prefix = match kind {
                AuthorityKind::OnBehalf => &prefixes.on_behalf,
                AuthorityKind::Deputy => &prefixes.deputy,
                AuthorityKind::ByOrder => &prefixes.by_order,
                AuthorityKind::Authorized => &prefixes.authorized,
                AuthorityKind::Acting => &prefixes.acting,
            };
            if rest.is_empty() { prefix.clone() } else { format!("{prefix} {rest}") }
        }
        None => rest,
    }
}

/// Items with the profile's prefix and punctuation: "- A," … "- Z.".
/// Punctuation the user typed at either end is replaced, not doubled.
pub fn punctuate(items: &[String], prefix: &str, separator: &str, terminator: &str) -> Vec<String> {
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let core = strip_item(item);
            let end = if i + 1 == n { terminator } else { separator };
            format!("{prefix}{core}{end}")
        })
        .collect()
}

/// Punctuate a list per a [`ListFormat`].
pub fn punctuate_list(f: &ListFormat, items: &[String]) -> Vec<String> {
    punctuate(items, &f.prefix, &f.separator, &f.terminator)
}

/// Remove a leading "- " / "+ " and trailing `,` `;` `.` from an item.
fn strip_item(item: &str) -> &str {
    let t = item.trim();
    let t = t.strip_prefix("- ").or_else(|| t.strip_prefix("+ ")).unwrap_or(t).trim_start();
    t.trim_end_matches([',', ';', '.']).trim_end()
}

/// Outline numbers: one counter per level, formatted by a pattern per
/// level such as `1.`, `1.1.`, `I-`, `a)`. A pattern with k counters shows
/// the last k levels, so `1.1.` at level 2 is "parent.child.".
#[derive(Debug, Clone, Default)]
pub struct Outline {
    counters: Vec<usize>,
}

impl Outline {
    /// Advance the counter at `level` (0-based) and return its label.
    pub fn next(&mut self, level: usize, patterns: &[String]) -> String {
        self.counters.truncate(level + 1);
        while self.counters.len() < level + 1 {
            self.counters.push(0);
        }
        self.counters[level] += 1;
        let pattern = patterns.get(level).or(patterns.last()).map_or("1.", String::as_str);
        format_pattern(pattern, &self.counters)
    }
}

/// One counter in a pattern such as `I`, `1.` or `a)`.
pub fn format_counter(pattern: &str, n: usize) -> String {
    format_pattern(pattern, &[n])
}

/// Format `pattern` against the counters of levels 0..=current.
fn format_pattern(pattern: &str, counters: &[usize]) -> String {
    let tokens = pattern.chars().filter(|c| is_counter(*c)).count();
    let first = counters.len().saturating_sub(tokens);
    let mut values = counters[first..].iter();
    let mut out = String::new();
    for c in pattern.chars() {
        if is_counter(c) {
            let n = values.next().copied().unwrap_or(1);
            out.push_str(&match c {
                '1' => n.to_string(),
                'I' => roman(n),
                'i' => roman(n).to_lowercase(),
                'a' => letter(n),
                _ => letter(n).to_uppercase(),
            });
        } else {
            out.push(c);
        }
    }
    out
}

fn is_counter(c: char) -> bool {
    matches!(c, '1' | 'I' | 'i' | 'a' | 'A')
}

fn roman(mut n: usize) -> String {
    const TABLE: &[(usize, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Vietnamese letter numbering: a, b, c, d, đ, e, …
fn letter(n: usize) -> String {
    const LETTERS: &[&str] = &[
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x",
        "y",
    ];
    let i = n.saturating_sub(1);
    let base = LETTERS[i % LETTERS.len()];
    base.repeat(i / LETTERS.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profiles;

    fn profile() -> crate::profile::Profile {
        Profiles::builtin().unwrap().get("hd36").unwrap().as_ref().clone()
    }

    #[test]
    fn vietnamese_upper_case() {
        assert_eq!(upper("Đảng ủy phường Giang Biên"), "ĐẢNG ỦY PHƯỜNG GIANG BIÊN");
        assert_eq!(upper("quận ủy ơ ư ặ ữ"), "QUẬN ỦY Ơ Ư Ặ Ữ");
    }

    #[test]
    fn number_with_pattern_padding_and_blank() {
        let p = profile();
        assert_eq!(number_line(&p.header.number, Some("68"), "CV", "ĐU"), "Số 68-CV/ĐU");
        assert_eq!(number_line(&p.header.number, Some("5"), "CV", "ĐU"), "Số 05-CV/ĐU");
        let blank = number_line(&p.header.number, None, "CV", "ĐU");
        assert!(blank.starts_with("Số \u{a0}") && blank.ends_with("-CV/ĐU"), "{blank}");
    }

    #[test]
    fn placeholders_in_user_text_are_not_expanded() {
        let p = profile();
        let d = DocDate::parse("2021-11-02").unwrap();
        assert_eq!(date_line(&p.date, "Hà Nội {year}", Some(&d)), "Hà Nội {year}, ngày 02 tháng 11 năm 2021");
        assert_eq!(number_line(&p.header.number, Some("3"), "CV{organ}", "ĐU"), "Số 03-CV{organ}/ĐU");
        assert_eq!(fill("{a}{b}{", &[("a", "{b}")]), "{b}{b}{");
    }

    #[test]
    fn date_zero_rules() {
        let p = profile();
        let d = |s: &str| DocDate::parse(s).unwrap();
        assert_eq!(date_line(&p.date, "Giang Biên", Some(&d("2021-11-02"))), "Giang Biên, ngày 02 tháng 11 năm 2021");
        assert_eq!(date_line(&p.date, "Hạ Long", Some(&d("2018-02-20"))), "Hạ Long, ngày 20 tháng 02 năm 2018");
        assert_eq!(date_line(&p.date, "Hà Nội", Some(&d("2018-04-03"))), "Hà Nội, ngày 03 tháng 4 năm 2018");
        assert_eq!(date_line(&p.date, "Hà Nội", Some(&d("2018-12-15"))), "Hà Nội, ngày 15 tháng 12 năm 2018");
        assert_eq!(date_line(&p.date, "Hà Nội", None), "Hà Nội, ngày … tháng … năm …");
    }

    #[test]
    fn authority_uses_profile_spelling() {
        let p = profile();
        assert_eq!(authority_line(&p.signature.prefixes, "T/M Đảng ủy"), "T/M ĐẢNG ỦY");
        assert_eq!(authority_line(&p.signature.prefixes, "TM. Ban Thường vụ"), "T/M BAN THƯỜNG VỤ");
        assert_eq!(authority_line(&p.signature.prefixes, "K/T Bí thư"), "K/T BÍ THƯ");
    }

    #[test]
    fn punctuation_is_replaced_not_doubled() {
        let items = vec!["- Ban A,".to_string(), "Ban B".into(), "Lưu VPĐU.".into()];
        assert_eq!(punctuate(&items, "- ", ",", "."), vec!["- Ban A,", "- Ban B,", "- Lưu VPĐU."]);
    }

    #[test]
    fn outline_numbers() {
        let pats: Vec<String> = ["1.", "1.1.", "1.1.1.", "a)"].map(String::from).to_vec();
        let mut o = Outline::default();
        assert_eq!(o.next(0, &pats), "1.");
        assert_eq!(o.next(1, &pats), "1.1.");
        assert_eq!(o.next(2, &pats), "1.1.1.");
        assert_eq!(o.next(2, &pats), "1.1.2.");
        assert_eq!(o.next(3, &pats), "a)");
        assert_eq!(o.next(0, &pats), "2.");
        assert_eq!(o.next(1, &pats), "2.1.");
        let roman: Vec<String> = ["I-", "1.", "a)"].map(String::from).to_vec();
        let mut o = Outline::default();
        o.next(0, &roman);
        assert_eq!(o.next(0, &roman), "II-");
        for _ in 0..5 {
            o.next(2, &roman);
        }
        assert_eq!(o.next(2, &roman), "e)");
    }
}
