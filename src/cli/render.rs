//! `vanban render` and `vanban check`.

use std::path::{Path, PathBuf};

use super::args::{CheckArgs, Format, RenderArgs};
use super::report::Printer;
use super::{engine, read_source};
use crate::diag::Diagnostics;
use crate::model::Source;

/// Render one document to PDF or Typst source.
pub(super) fn render(args: &RenderArgs, printer: &mut Printer) -> Result<u8, Diagnostics> {
    let engine = engine(&args.common)?;
    let source = read_source(&args.input, printer)?;
    let out = args.output.clone().unwrap_or_else(|| default_output(&args.input, args.format, args.appendix));
    crate::io::ensure_not_input(&args.input, &out)?;
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
    crate::io::write_atomic(&out, &bytes)?;
    eprintln!("wrote {}", out.display());
    Ok(0)
}

/// Parse and validate one document.
pub(super) fn check(args: &CheckArgs, printer: &mut Printer) -> Result<u8, Diagnostics> {
    let engine = engine(&args.common)?;
    let source = read_source(&args.input, printer)?;
    let prepared = engine.prepare(&source)?;
    printer.print(&prepared.warnings);
    eprintln!("{}: ok", source.name);
    Ok(0)
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
