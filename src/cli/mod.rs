//! The command line: `vanban render`, `check`, `batch` and `kit`.
//!
//! Exit codes: 0 success (warnings allowed), 1 some rows of a batch
//! failed (the others were produced), 2 the input could not be read,
//! parsed or rendered. Diagnostics go to stderr, once, at the end.

mod args;
mod batch;
mod config;
mod deadlines;
mod images;
mod render;
mod report;
mod sign;
mod watch;

use std::io::IsTerminal;
use std::path::Path;
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
        Command::Render(args) => render::render(args, &mut printer),
        Command::Check(args) => render::check(args, &mut printer),
        Command::Batch(args) => batch::batch(args, &mut printer),
        Command::Kit => batch::list(),
        Command::Rules(args) => render::rules(args),
        Command::Schema(args) => render::schema(args),
        Command::Sign(args) => sign::sign(args),
        Command::Deadlines(args) => deadlines::deadlines(args, &mut printer),
        Command::Watch(args) => watch::watch(args, std::io::stderr().is_terminal()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(diags) => {
            printer.print(&diags.0);
            ExitCode::from(EXIT_INPUT)
        }
    }
}

fn engine(common: &CommonArgs) -> Result<Engine, Diagnostics> {
    Engine::new(&EngineOptions {
        templates: common.templates.clone(),
        font_paths: common.font_path.clone(),
        profile_paths: common.profiles.clone(),
    })
}

/// Read an input file as a [`Source`], registering it for code frames.
fn read_source(path: &Path, printer: &mut report::Printer) -> Result<Source, Diagnostics> {
    let name: Arc<str> = path.display().to_string().into();
    let raw = std::fs::read(path).map_err(|e| {
        Diagnostic::error("io.read", format!("failed to read input file ({})", crate::io::io_reason(&e)))
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
