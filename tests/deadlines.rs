//! `vanban deadlines`: the reference công văn's deadlines as a table and
//! as an iCalendar file, read back by an independent parser (Python's
//! `icalendar`, installed by `.ci/run`; skipped with a note elsewhere).

mod common;

use std::process::Command;

use assert_cmd::Command as Cli;
use tempfile::TempDir;

const SEED: &str = "data/examples/cong-van-68-2021.yaml";

#[test]
fn the_reference_deadlines_come_out_as_a_table_and_a_calendar() {
    let dir = TempDir::new().unwrap();
    let ics = dir.path().join("han.ics");
    let out = Cli::cargo_bin("vanban")
        .unwrap()
        .arg("deadlines")
        .arg(common::repo(SEED))
        .arg("--ics")
        .arg(&ics)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<(&str, &str)> = table
        .lines()
        .skip(2)
        .filter_map(|l| {
            let mut cells = l.split(" | ");
            Some((cells.next()?.trim(), cells.next()?.trim()))
        })
        // Wrapped cells go on over lines whose date cell is blank.
        .filter(|(date, _)| !date.is_empty())
        .collect();
    assert_eq!(
        rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        ["10/11/2021", "20/11/2021", "20/11/2021", "20/11/2021", "22/11/2021", "05/12/2021"],
        "{table}"
    );
    assert_eq!(rows[0].1, "Các chi bộ trực thuộc");
    assert_eq!(rows[1].1, "Cấp cơ sở");
    assert_eq!(rows[5].1, "Cấp phường");

    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n') && line.len() <= 75, "folded at 75 octets: {line:?}");
    }

    let python = Command::new("python3").args(["-c", "import icalendar"]).output();
    if !python.is_ok_and(|o| o.status.success()) {
        assert!(std::env::var_os("CI").is_none(), "python3 icalendar is required under CI (.ci/run installs it)");
        eprintln!("note: Python icalendar not installed; the independent parse is skipped");
        return;
    }
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for e in cal.walk('VEVENT'):
    alarms = [a['TRIGGER'].dt.days for a in e.walk('VALARM')]
    print(e['DTSTART'].dt.isoformat(), e['DTEND'].dt.isoformat(), alarms[0], str(e['SUMMARY']))
"#;
    let parsed = Command::new("python3").args(["-c", script]).arg(&ics).output().unwrap();
    assert!(parsed.status.success(), "{}", String::from_utf8_lossy(&parsed.stderr));
    let events = String::from_utf8(parsed.stdout).unwrap();
    let lines: Vec<&str> = events.lines().collect();
    let starts: Vec<&str> = lines.iter().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(starts, ["2021-11-10", "2021-11-20", "2021-11-20", "2021-11-20", "2021-11-22", "2021-12-05"]);
    assert!(
        lines[0].starts_with("2021-11-10 2021-11-11 -1 Hạn: Các chi bộ trực thuộc – Báo cáo lịch tổ chức kiểm điểm"),
        "{}",
        lines[0]
    );
}

#[test]
fn a_document_without_deadlines_says_so() {
    let dir = TempDir::new().unwrap();
    let out = Cli::cargo_bin("vanban")
        .unwrap()
        .arg("deadlines")
        .arg(common::repo("data/examples/quy-che.yaml"))
        .arg("--ics")
        .arg(dir.path().join("x.ics"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no deadlines"), "{stderr}");
    assert!(!dir.path().join("x.ics").exists());
}
