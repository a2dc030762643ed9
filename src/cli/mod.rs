//! The command line: `vanban render` and `vanban check`.
//!
//! Exit codes: 0 success (warnings allowed), 2 the input could not be
//! read, parsed or rendered. Diagnostics go to stderr, once, at the end.

mod args;
mod output;
mod report;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Source;
use crate::{Engine, EngineOptions};
pub use args::{Cli, Command, CommonArgs, Format};

/// Exit code for input that could not be read, parsed or rendered.
const EXIT_INPUT: u8 = 2;

/// Parse arguments, run the command, print diagnostics, return the exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let mut printer = report::Printer::new(std::io::stderr().is_terminal());
    let result = match &cli.command {
        Command::Render(args) => render(args, &mut printer),
        Command::Check(args) => check(args, &mut printer),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diags) => {
            printer.print(&diags.0);
            ExitCode::from(EXIT_INPUT)
        }
    }
}

fn engine(common: &CommonArgs) -> Result<Engine, Diagnostics> {
    Engine::new(&EngineOptions { templates: common.templates.clone(), font_paths: common.font_path.clone() })
}

/// Read an input file as a [`Source`], registering it for code frames.
fn read_source(path: &Path, printer: &mut report::Printer) -> Result<Source, Diagnostics> {
    let name: Arc<str> = path.display().to_string().into();
    let raw = std::fs::read(path).map_err(|e| {
        Diagnostic::error("io.read", format!("failed to read input file ({})", output::io_reason(&e)))
            .with_file(name.clone())
    })?;
    let text = String::from_utf8(raw).map_err(|e| {
        Diagnostic::error(
            "io.encoding",
            format!("input is not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()),
        )
        .with_file(name.clone())
        .with_hint("save the file as UTF-8")
    })?;
    let source = Source::new(name, text.trim_start_matches('\u{feff}'));
    printer.add_source(&source);
    Ok(source)
}

fn render(args: &args::RenderArgs, printer: &mut report::Printer) -> Result<(), Diagnostics> {
    let engine = engine(&args.common)?;
    let source = read_source(&args.input, printer)?;
    let out = args.output.clone().unwrap_or_else(|| default_output(&args.input, args.format, args.appendix));
    output::ensure_not_input(&args.input, &out)?;
    let crate::diag::Warned { output: prepared, warnings } = engine.prepare(&source)?;
    printer.print(&warnings);
    let typst = match args.appendix {
        Some(n) => engine.appendix_source(&prepared, n)?,
        None => engine.typst_source(&prepared)?,
    };
    let bytes = match args.format {
        Format::Typ => typst.into_bytes(),
        Format::Pdf => {
            // Register the generated source so a Typst error shows its line.
            printer.add_source(&Source::new(engine.main_name(&prepared), &typst));
            let compiled = engine.compile_source(&prepared, typst)?;
            printer.print(&compiled.warnings);
            compiled.output.pdf()?
        }
    };
    output::write_atomic(&out, &bytes)?;
    if !printer.quiet_success() {
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}

fn check(args: &args::CheckArgs, printer: &mut report::Printer) -> Result<(), Diagnostics> {
    let engine = engine(&args.common)?;
    let source = read_source(&args.input, printer)?;
    let prepared = engine.prepare(&source)?;
    printer.print(&prepared.warnings);
    eprintln!("{}: ok", source.name);
    Ok(())
}

/// `cv.yaml` → `cv.pdf` (or `cv.typ`) beside the input.
/// With `--appendix N`: `cv-appendix-N.pdf`.
fn default_output(input: &Path, format: Format, appendix: Option<usize>) -> PathBuf {
    let ext = match format {
        Format::Pdf => "pdf",
        Format::Typ => "typ",
    };
    match appendix {
        Some(n) => {
            let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            input.with_file_name(format!("{stem}-appendix-{n}.{ext}"))
        }
        None => input.with_extension(ext),
    }
}
