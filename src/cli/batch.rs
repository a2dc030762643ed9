//! `vanban batch` and `vanban kit`.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use super::args::BatchArgs;
use super::engine;
use super::report::Printer;
use crate::batch::{self, BatchOptions};
use crate::diag::{Diagnostic, Diagnostics};
use crate::kit::{self, Kit, Per};

/// Exit code when some rows failed and the others were produced.
const EXIT_ROWS: u8 = 1;

/// Render a kit template for every row of a data file.
pub(super) fn batch(args: &BatchArgs, printer: &mut Printer) -> Result<u8, Diagnostics> {
    let engine = engine(&args.common)?;
    let signer = if args.sign { Some(std::sync::Arc::new(super::sign::signer(&args.signature)?)) } else { None };
    let kit = Kit::builtin()?;
    let template = kit.get(&args.template)?;
    let table = kit::data::read(&args.data)?;
    let mut shared = match &args.context {
        Some(path) => kit::data::read_context(path)?,
        None => kit::Row::new(),
    };
    shared.extend(args.set.iter().cloned());
    if table.rows.is_empty() {
        return Err(Diagnostic::error("data.empty", format!("{} has no rows", args.data.display())).into());
    }
    let options = BatchOptions {
        out_dir: args.out.clone(),
        name_pattern: args.name.clone(),
        jobs: args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        merge: args.merge.clone(),
        output: match args.format {
            super::args::Format::Pdf => batch::Output::Pdf,
            super::args::Format::Typ => batch::Output::Typst,
            super::args::Format::Png | super::args::Format::Svg => {
                return Err(Diagnostic::error("cli.format", "batch writes PDFs or Typst sources")
                    .with_hint("preview one document with `vanban render --format png`")
                    .into());
            }
        },
        pdf: args.pdf.settings(),
        signer,
    };

    let total = if template.meta.per == Per::All { 1 } else { table.rows.len() };
    let bar = if std::io::stderr().is_terminal() { ProgressBar::new(total as u64) } else { ProgressBar::hidden() };
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} eta {eta}") {
        bar.set_style(style);
    }
    let report = batch::run(&engine, template, &table, &shared, &options, &|_| bar.inc(1))?;
    bar.finish_and_clear();

    let failed: Vec<Diagnostic> = report
        .outcomes
        .iter()
        .filter(|o| !o.ok)
        .map(|o| Diagnostic::error("batch.row", o.message.clone()).with_file(args.data.display().to_string().into()))
        .collect();
    printer.print(&failed);
    let secs = report.elapsed.as_secs_f64();
    eprintln!(
        "{} of {} written to {} in {:.2} s ({:.0}/s){}; manifest: {}{}",
        report.written(),
        report.outcomes.len(),
        options.out_dir.display(),
        secs,
        report.written() as f64 / secs.max(1e-9),
        if report.failed() > 0 { format!(", {} failed", report.failed()) } else { String::new() },
        report.manifest.display(),
        report.merged.as_ref().map(|m| format!("; merged: {}", m.display())).unwrap_or_default(),
    );
    Ok(if report.failed() > 0 { EXIT_ROWS } else { 0 })
}

/// List the kit templates.
pub(super) fn list() -> Result<u8, Diagnostics> {
    let kit = Kit::builtin()?;
    for t in kit.templates() {
        let per = match t.meta.per {
            Per::Row => "one per row",
            Per::All => "one for all rows",
        };
        println!("{:<24} {} — {per}", t.meta.name, t.meta.title);
        println!("{:<24} {}", "", t.meta.description);
        println!("{:<24} required: {}; file name: {}", "", t.meta.required.join(", "), t.meta.file_name);
    }
    Ok(0)
}
