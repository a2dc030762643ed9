//! `vanban render`, `vanban check` and `vanban rules`.

use std::path::{Path, PathBuf};

use super::args::{CheckArgs, DiagnosticFormat, Format, ImageArgs, RenderArgs, RulesArgs, SchemaArgs};
use super::config::ProjectConfig;
use super::report::Printer;
use super::{engine, read_source};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Source;

/// Render one document to PDF (signed or not), Typst source, PNG or SVG.
pub(super) fn render(args: &RenderArgs, printer: &mut Printer) -> Result<u8, Diagnostics> {
    if args.sign && args.format != Format::Pdf {
        return Err(Diagnostic::error("cli.sign", "--sign signs a PDF; leave out --format or use --format pdf").into());
    }
    if !(1.0..=2400.0).contains(&args.ppi) {
        return Err(Diagnostic::error("cli.ppi", format!("--ppi {} is out of range", args.ppi))
            .with_hint("previews use 72 to 300 pixels per inch; at most 2400")
            .into());
    }
    let engine = engine(&args.common)?;
    // Load the certificate first: a wrong password should cost nothing.
    let signer = if args.sign { Some(super::sign::signer(&args.signature)?) } else { None };
    let source = read_source(&args.input, printer)?;
    let out = args.output.clone().unwrap_or_else(|| default_output(&args.input, args.format, args.appendix));
    crate::io::ensure_not_input(&args.input, &out)?;
    let (prepared, findings) = prepare_checked(&engine, &args.input, &source, Some(&args.images), printer)?;
    // The format rules run first: an error stops the render unless --force.
    printer.print(&findings);
    if findings.iter().any(crate::diag::Diagnostic::is_error) && !args.force {
        eprintln!("not rendered: fix the errors above, or render anyway with --force");
        return Ok(EXIT_RULES);
    }
    let typst = match args.appendix {
        Some(n) => engine.appendix_source(&prepared, n)?,
        None => engine.typst_source(&prepared)?,
    };
    if args.format == Format::Typ {
        crate::io::write_atomic(&out, typst.as_bytes())?;
        eprintln!("wrote {}", out.display());
        return Ok(0);
    }
    // Register the generated source so a Typst error shows its line.
    printer.add_source(&Source::new(engine.main_name(&prepared), &typst));
    let compiled = engine.compile_source(&prepared, typst)?;
    printer.print(&compiled.warnings);
    let compiled = compiled.output;
    let pages: Vec<Vec<u8>> = match args.format {
        Format::Png => compiled.png(args.ppi)?,
        Format::Svg => compiled.svg().into_iter().map(String::into_bytes).collect(),
        Format::Pdf | Format::Typ => {
            let mut pdf = compiled.pdf_with(&args.pdf.settings())?;
            if let Some(signer) = &signer {
                pdf = super::sign::apply(signer, &pdf, &out.display().to_string())?;
            }
            crate::io::write_atomic(&out, &pdf)?;
            eprintln!("wrote {}{}", out.display(), if signer.is_some() { " (signed)" } else { "" });
            return Ok(0);
        }
    };
    for (i, page) in pages.iter().enumerate() {
        let path = page_path(&out, i + 1);
        crate::io::write_atomic(&path, page)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(0)
}

/// A document ready to render: parsed and type-checked (warnings
/// printed), the project's rules turned off (`vanban.toml`), its signature
/// images loaded (`images` first, else the YAML's), and the findings of
/// the format rules, for the caller to print.
pub(super) fn prepare_checked(
    engine: &crate::Engine,
    input: &Path,
    source: &Source,
    images: Option<&ImageArgs>,
    printer: &Printer,
) -> Result<(crate::Prepared, Vec<Diagnostic>), Diagnostics> {
    let crate::diag::Warned { output: mut prepared, warnings } = engine.prepare(source)?;
    printer.print(&warnings);
    prepared.document.rules_off.extend(ProjectConfig::find(input)?.rules.off);
    prepared.images = super::images::signature_images(input, images, &prepared.document, source)?;
    let findings = engine.rules(source, &prepared, today());
    Ok((prepared, findings))
}

/// `out.png` → `out-3.png`: one file per page.
fn page_path(out: &Path, page: usize) -> PathBuf {
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = out.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!("{stem}-{page}.{ext}"))
}

/// Parse and validate one document.
pub(super) fn check(args: &CheckArgs, printer: &mut Printer) -> Result<u8, Diagnostics> {
    printer.set_json(args.format == DiagnosticFormat::Json);
    let engine = engine(&args.common)?;
    let source = read_source(&args.input, printer)?;
    // Signature and seal images are loaded too: they must be there and be images.
    let (_, mut findings) = prepare_checked(&engine, &args.input, &source, None, printer)?;
    if args.fix {
        let (fixed, applied) = crate::check::fix::apply(&source.text, &findings);
        if !applied.is_empty() {
            crate::io::write_atomic(&args.input, fixed.as_bytes())?;
            for d in &applied {
                eprintln!(
                    "fixed {} at `{}`: {}",
                    d.code,
                    d.path.as_deref().unwrap_or(""),
                    d.fix.as_deref().unwrap_or("")
                );
            }
            // Check the rewritten file, so what is printed is what is left.
            let source = Source::new(source.name.clone(), &fixed);
            printer.add_source(&source);
            findings = prepare_checked(&engine, &args.input, &source, None, printer)?.1;
        }
    }
    printer.print(&findings);
    let errors = findings.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!("{}: {errors} rule error(s), {} warning(s)", source.name, findings.len() - errors);
        return Ok(EXIT_RULES);
    }
    eprintln!(
        "{}: ok{}",
        source.name,
        if findings.is_empty() { String::new() } else { format!(" ({} warning(s))", findings.len()) }
    );
    Ok(0)
}

/// List the format rules, for one profile or all.
pub(super) fn rules(args: &RulesArgs) -> Result<u8, Diagnostics> {
    let profiles = crate::profile::Profiles::builtin()?;
    let ids = match &args.profile {
        Some(p) if profiles.get(p).is_none() => {
            return Err(crate::diag::Diagnostic::error("cli.profile", format!("unknown profile `{p}`"))
                .with_hint(format!("available: {}", profiles.ids().join(", ")))
                .into());
        }
        Some(p) => vec![p.clone()],
        None => profiles.ids(),
    };
    for id in ids {
        let Some(profile) = profiles.get(&id) else { continue };
        println!("{id} — {}", profile.name);
        for rule in crate::check::rules::registry() {
            println!("  {:<28} {:<8} {}", rule.full_id(profile), rule.severity.to_string(), rule.message);
            println!("  {:<28} {:<8} {}", "", "", rule.clause_for(profile));
        }
    }
    Ok(0)
}

/// Print the JSON Schema of the YAML.
pub(super) fn schema(args: &SchemaArgs) -> Result<u8, Diagnostics> {
    let kind = match &args.kind {
        None => None,
        Some(k) => Some(serde_json::from_value::<crate::model::Kind>(k.as_str().into()).map_err(|_| {
            let ids: Vec<String> = crate::model::Kind::ALL.iter().map(|k| k.id().to_string()).collect();
            let mut d = crate::diag::Diagnostic::error("cli.kind", format!("unknown kind `{k}`"))
                .with_hint(format!("kinds: {}", ids.join(", ")));
            if let Some(best) = crate::model::closest(k, &ids) {
                d = d.with_hint(format!("did you mean `{best}`?"));
            }
            Diagnostics::from(d)
        })?),
    };
    let schema = crate::model::schema::document_schema(kind);
    println!("{}", serde_json::to_string_pretty(&schema).unwrap_or_default());
    Ok(0)
}

/// Exit code when format rules found errors.
const EXIT_RULES: u8 = 1;

/// Today's date (UTC), for "not in the future".
pub(super) fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::default() + chrono::Days::new(days)
}

/// `cv.yaml` → `cv.pdf` (or `cv.typ`) beside the input.
/// With `--appendix N`: `cv-appendix-N.pdf`.
fn default_output(input: &Path, format: Format, appendix: Option<usize>) -> PathBuf {
    let ext = match format {
        Format::Pdf => "pdf",
        Format::Typ => "typ",
        Format::Png => "png",
        Format::Svg => "svg",
    };
    match appendix {
        Some(n) => {
            let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            input.with_file_name(format!("{stem}-appendix-{n}.{ext}"))
        }
        None => input.with_extension(ext),
    }
}
