//! `vanban deadlines`: a directive's deadlines as a table, and as an
//! iCalendar file the units can import into their phones.

use super::args::DeadlinesArgs;
use super::read_source;
use super::report::Printer;
use crate::diag::{Diagnostic, Diagnostics};

/// List the deadlines; write the .ics when asked.
pub(super) fn deadlines(args: &DeadlinesArgs, printer: &mut Printer) -> Result<u8, Diagnostics> {
    let source = read_source(&args.input, printer)?;
    let loaded = crate::model::load(&source)?;
    printer.print(&loaded.warnings);
    let doc = loaded.output;
    let found = crate::deadlines::extract(&doc);
    if found.is_empty() {
        eprintln!("{}: no deadlines found (looked for “trước ngày …”, “chậm nhất ngày …”)", source.name);
    } else {
        print!("{}", crate::deadlines::table(&found));
    }
    if let Some(path) = &args.ics {
        crate::io::ensure_not_input(&args.input, path)?;
        if found.is_empty() {
            return Err(Diagnostic::error("deadlines.none", "no deadlines to write to a calendar")
                .with_file(source.name.clone())
                .into());
        }
        let ics = crate::deadlines::ics::calendar(&doc, &found, args.remind_days);
        crate::io::write_atomic(path, ics.as_bytes())?;
        eprintln!("wrote {} ({} event(s))", path.display(), found.len());
    }
    Ok(0)
}
