//! Deadlines as an iCalendar file (RFC 5545), for any calendar program.
//!
//! Each deadline becomes an all-day event on the day written, with a
//! reminder some days before. The file is reproducible: the same document
//! gives byte-identical output (UIDs hash the content, DTSTAMP is the
//! document's date rather than the clock), so re-importing an unchanged
//! document updates events instead of duplicating them, and the file can
//! be committed or compared.

use std::fmt::Write as _;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::Deadline;
use crate::model::Document;
use crate::profile::Profiles;
use crate::render::wording;

/// RFC 5545 §3.1: content lines should not be longer than 75 octets.
const FOLD_AT: usize = 75;

/// The calendar of `deadlines` of `doc`. `remind_days` is how many days
/// before each deadline the calendar should alert (0: on the day).
pub fn calendar(doc: &Document, deadlines: &[Deadline], remind_days: u32) -> String {
    let number = number_label(doc);
    let kind = doc.kind.name_vi();
    let name = match &number {
        Some(n) => format!("{kind} số {n}"),
        None => kind.to_string(),
    };
    let mut source = name.clone();
    if let Some(d) = doc.date {
        let _ = write!(source, " ngày {}", d.0.format("%d/%m/%Y"));
    }
    let organ = doc.issuer.organ.trim();
    if !organ.is_empty() {
        let _ = write!(source, " của {organ}");
    }

    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//vanban//vanban {}//VI", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(&name)),
    ];
    for (i, d) in deadlines.iter().enumerate() {
        let summary =
            if d.who.is_empty() { format!("Hạn: {}", d.what) } else { format!("Hạn: {} – {}", d.who, d.what) };
        let stamp = doc.date.map_or(d.date, |dd| dd.0);
        let trigger = if remind_days == 0 { "PT0S".to_string() } else { format!("-P{remind_days}D") };
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{}", uid(number.as_deref().unwrap_or(""), d.date, i, &d.what)),
            format!("DTSTAMP:{}T000000Z", day(stamp)),
            format!("DTSTART;VALUE=DATE:{}", day(d.date)),
            // DTEND of an all-day event is exclusive: the next day.
            format!("DTEND;VALUE=DATE:{}", day(d.date.succ_opt().unwrap_or(d.date))),
            format!("SUMMARY:{}", escape(&summary)),
            format!("DESCRIPTION:{}", escape(&format!("{}\nTheo {source}", d.text))),
            "TRANSP:TRANSPARENT".into(),
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            format!("DESCRIPTION:{}", escape(&summary)),
            format!("TRIGGER:{trigger}"),
            "END:VALARM".into(),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());

    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

/// The number as the document prints it when it refers to itself
/// ("68-CV/ĐU"): the model keeps only the digits, and the type and organ
/// codes come from the profile, as in an appendix's "Kèm theo …" line.
/// Without a known profile the bare number is still better than none.
fn number_label(doc: &Document) -> Option<String> {
    let n = doc.number.as_ref().map(|n| n.0.trim()).filter(|n| !n.is_empty())?;
    let profiles = Profiles::builtin().ok();
    // The engine's default profile when the document names none.
    let profile = profiles.as_ref().and_then(|p| p.get(doc.profile.as_deref().unwrap_or("hd36")));
    let Some(p) = profile else { return Some(n.to_string()) };
    let type_code = doc.type_code.clone().unwrap_or_else(|| p.type_code(doc.kind));
    let padded = wording::pad_number(&p.header.number, Some(n));
    Some(wording::fill(
        &p.appendix.link_number,
        &[("number", &padded), ("type", &type_code), ("organ", doc.issuer.code.trim())],
    ))
}

/// A UID that is stable across exports of the same document, so calendars
/// update the event instead of adding a copy.
fn uid(number: &str, date: NaiveDate, index: usize, what: &str) -> String {
    let digest = Sha256::digest(format!("{number}|{}|{index}|{what}", date.format("%Y-%m-%d")).as_bytes());
    let mut hex = String::with_capacity(32);
    for b in &digest[..16] {
        let _ = write!(hex, "{b:02x}");
    }
    format!("{hex}@vanban")
}

/// A DATE value, YYYYMMDD.
fn day(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Escape a TEXT value (RFC 5545 §3.3.11): a calendar would otherwise read
/// "," and ";" in Vietnamese prose as list and parameter separators.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Append `line` folded at 75 octets (RFC 5545 §3.1) with CRLF endings.
/// Vietnamese letters take two or three octets, so the cut moves back to a
/// character boundary: a split letter would be garbage in every calendar.
fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    // The leading space of a continuation line counts toward its 75.
    let mut room = FOLD_AT;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = FOLD_AT - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Document {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/cong-van-68-2021.yaml");
        let text = std::fs::read_to_string(path).unwrap();
        crate::model::load(&crate::model::Source::new("x.yaml", &text)).unwrap().output
    }

    fn seed_calendar(remind_days: u32) -> String {
        let doc = seed();
        calendar(&doc, &super::super::extract(&doc), remind_days)
    }

    /// The logical lines: continuation lines joined back.
    fn unfold(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "").split("\r\n").map(str::to_string).collect()
    }

    fn values<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
        lines.iter().filter_map(|l| l.strip_prefix(name)).collect()
    }

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        // Every offset of a multi-byte letter against the 75-octet cut.
        for pad in 0..4 {
            let line = format!("SUMMARY:{}{}", "x".repeat(pad), "Đảng ủy phường Giang Biên ".repeat(12));
            let mut out = String::new();
            fold(&line, &mut out);
            assert!(out.ends_with("\r\n"));
            let bytes = out.as_bytes();
            let physical: Vec<&[u8]> = bytes[..bytes.len() - 2].split(|&b| b == b'\n').collect();
            assert!(physical.len() > 3);
            for (i, l) in physical.iter().enumerate() {
                let l = if i + 1 < physical.len() { l.strip_suffix(b"\r").unwrap() } else { l };
                assert!(l.len() <= 75, "line {i} has {} octets", l.len());
                assert!(std::str::from_utf8(l).is_ok(), "line {i} splits a character");
                assert_eq!(l.first() == Some(&b' '), i > 0, "continuations start with one space");
            }
            assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
        }
        let mut short = String::new();
        fold("VERSION:2.0", &mut short);
        assert_eq!(short, "VERSION:2.0\r\n");
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(escape("dòng 1\r\ndòng 2\n"), r"dòng 1\ndòng 2\n");
    }

    #[test]
    fn crlf_everywhere_and_seed_lines_fit() {
        let ics = seed_calendar(3);
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count(), "a bare LF");
        assert_eq!(ics.matches('\r').count(), ics.matches("\r\n").count(), "a bare CR");
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
    }

    #[test]
    fn seed_calendar_header_and_events() {
        let ics = seed_calendar(3);
        let lines = unfold(&ics);
        assert_eq!(
            lines[..5],
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                &format!("PRODID:-//vanban//vanban {}//VI", env!("CARGO_PKG_VERSION")),
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH"
            ]
        );
        assert_eq!(values(&lines, "X-WR-CALNAME:"), [r"Công văn số 68-CV/ĐU"]);
        assert_eq!(
            values(&lines, "DTSTART;VALUE=DATE:"),
            ["20211110", "20211120", "20211120", "20211120", "20211122", "20211205"]
        );
        assert_eq!(
            values(&lines, "DTEND;VALUE=DATE:"),
            ["20211111", "20211121", "20211121", "20211121", "20211123", "20211206"]
        );
        assert_eq!(values(&lines, "DTSTAMP:"), ["20211102T000000Z"; 6]);
        assert_eq!(values(&lines, "TRIGGER:"), ["-P3D"; 6]);
        assert_eq!(values(&lines, "TRANSP:"), ["TRANSPARENT"; 6]);
        assert_eq!(values(&lines, "BEGIN:VEVENT").len(), 6);
        assert_eq!(values(&lines, "BEGIN:VALARM").len(), 6);
        assert_eq!(
            values(&lines, "SUMMARY:")[0],
            r"Hạn: Các chi bộ trực thuộc – Báo cáo lịch tổ chức kiểm điểm với Đảng ủy (qua văn phòng Đảng ủy)"
        );
        let descriptions = values(&lines, "DESCRIPTION:");
        assert_eq!(descriptions.len(), 12, "event and alarm descriptions");
        assert_eq!(
            descriptions[0],
            r"Báo cáo lịch tổ chức kiểm điểm với Đảng ủy (qua văn phòng Đảng ủy) trước ngày 10/11/2021.\nTheo Công văn số 68-CV/ĐU ngày 02/11/2021 của Đảng ủy phường Giang Biên"
        );
        assert_eq!(descriptions[1], values(&lines, "SUMMARY:")[0]);
        // Commas of the recipients are escaped.
        assert!(values(&lines, "SUMMARY:")[4].starts_with(r"Hạn: Lãnh đạo UBND Phường\, Ban Thường trực"));
    }

    #[test]
    fn uids_are_stable_and_distinct() {
        let a = unfold(&seed_calendar(3));
        let b = unfold(&seed_calendar(0));
        let uids = values(&a, "UID:");
        assert_eq!(uids, values(&b, "UID:"));
        assert!(uids.iter().all(|u| u.len() == 32 + "@vanban".len() && u.ends_with("@vanban")));
        assert!(uids.iter().all(|u| u[..32].chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())));
        let mut sorted = uids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), uids.len());
        assert_eq!(values(&b, "TRIGGER:"), ["PT0S"; 6]);
        assert_eq!(uid("68-CV/ĐU", NaiveDate::from_ymd_opt(2021, 11, 10).unwrap(), 0, "x").len(), 39);
    }

    #[test]
    fn no_who_no_number_no_date() {
        let mut doc = seed();
        doc.number = None;
        doc.date = None;
        let d = Deadline {
            date: NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(),
            who: String::new(),
            what: "Nộp báo cáo".into(),
            text: "Nộp báo cáo trước ngày 31/12/2021.".into(),
            path: "body[0]".into(),
        };
        let lines = unfold(&calendar(&doc, &[d], 1));
        assert_eq!(values(&lines, "X-WR-CALNAME:"), ["Công văn"]);
        assert_eq!(values(&lines, "SUMMARY:"), ["Hạn: Nộp báo cáo"]);
        assert_eq!(values(&lines, "DTSTAMP:"), ["20211231T000000Z"]);
        assert_eq!(values(&lines, "DTEND;VALUE=DATE:"), ["20220101"]);
        assert!(values(&lines, "DESCRIPTION:")[0].ends_with(r"\nTheo Công văn của Đảng ủy phường Giang Biên"));
    }
}
