//! `vanban watch`: re-render on every save, for a live preview.
//!
//! Directories are watched, not files, because editors save by writing a
//! temporary file and renaming it over the original. Events are filtered
//! to the files that matter (the YAML, `vanban.toml`, the signature
//! images, anything under `--templates` or `--profiles`), bursts are merged over a few
//! milliseconds, and each render writes atomically so a PDF viewer
//! reloads a whole file. A half-written YAML prints its diagnostics and
//! the watch goes on.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::args::WatchArgs;
use super::config::FILE as CONFIG_FILE;
use super::report::Printer;
use super::{engine, read_source};
use crate::diag::{Diagnostic, Diagnostics};

/// Events closer together than this are one save.
const SETTLE: Duration = Duration::from_millis(15);

/// Watch and re-render until interrupted (or `--max-renders`).
pub(super) fn watch(args: &WatchArgs, color: bool) -> Result<u8, Diagnostics> {
    let out = args.output.clone().unwrap_or_else(|| args.input.with_extension("pdf"));
    crate::io::ensure_not_input(&args.input, &out)?;
    let fail = |e: notify::Error| Diagnostics::from(Diagnostic::error("watch.notify", e.to_string()));
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(fail)?;
    let dir = absolute(args.input.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")));
    watcher.watch(&dir, RecursiveMode::NonRecursive).map_err(fail)?;
    // Templates and profiles are read when the engine is built: a change
    // there rebuilds it.
    let engine_dirs: Vec<PathBuf> =
        args.common.templates.iter().chain(&args.common.profiles).map(|d| absolute(d)).collect();
    for dir in &engine_dirs {
        watcher.watch(dir, RecursiveMode::Recursive).map_err(fail)?;
    }
    let input_name = args.input.file_name().map(ToOwned::to_owned);
    eprintln!("watching {} (Ctrl-C to stop)", args.input.display());

    let mut engine = engine(&args.common)?;
    let mut renders = 0;
    let mut images: Vec<PathBuf> = Vec::new();
    loop {
        images = render_once(&engine, args, &out, color).unwrap_or(images);
        renders += 1;
        if args.max_renders.is_some_and(|max| renders >= max) {
            return Ok(0);
        }
        // Wait for a change that matters, then let the burst settle.
        let mut engine_changed = false;
        loop {
            let Ok(event) = rx.recv() else { return Ok(0) };
            let Ok(event) = event else { continue };
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            let mut relevant = false;
            for path in &event.paths {
                let name = path.file_name();
                let in_engine_dirs = engine_dirs.iter().any(|d| path.starts_with(d));
                engine_changed |= in_engine_dirs;
                relevant |= in_engine_dirs
                    || name == input_name.as_deref()
                    || name == Some(CONFIG_FILE.as_ref())
                    || images.iter().any(|i| i.file_name() == name);
            }
            if relevant {
                break;
            }
        }
        while rx.recv_timeout(SETTLE).is_ok() {}
        if engine_changed {
            match super::engine(&args.common) {
                Ok(e) => engine = e,
                Err(d) => Printer::new(color).print(&d.0),
            }
        }
    }
}

/// One render: diagnostics printed, the PDF written if it could be made.
/// Returns the image files the document uses, to watch them too.
fn render_once(engine: &crate::Engine, args: &WatchArgs, out: &Path, color: bool) -> Option<Vec<PathBuf>> {
    let started = Instant::now();
    let mut printer = Printer::new(color);
    let result = (|| -> Result<(usize, usize, Vec<PathBuf>), Diagnostics> {
        let source = read_source(&args.input, &mut printer)?;
        let (p, findings) = super::render::prepare_checked(engine, &args.input, &source, None, &printer)?;
        let images = super::images::yaml_paths(&args.input, &p.document).into_iter().flatten().collect();
        printer.print(&findings);
        let compiled = engine.compile(&p)?;
        printer.print(&compiled.warnings);
        let pdf = compiled.output.pdf()?;
        crate::io::write_atomic(out, &pdf)?;
        Ok((compiled.output.page_count(), findings.iter().filter(|d| d.is_error()).count(), images))
    })();
    match result {
        Ok((pages, errors, images)) => {
            let ms = started.elapsed().as_millis();
            let note = if errors > 0 { format!(", {errors} rule error(s)") } else { String::new() };
            eprintln!("rendered {} ({pages} page(s)) in {ms} ms{note}", out.display());
            Some(images)
        }
        Err(diags) => {
            printer.print(&diags.0);
            eprintln!("not rendered; waiting for the next save");
            None
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}
