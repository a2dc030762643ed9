//! Many documents from one kit template and a data table: one PDF per row
//! (or one summary for all rows), rendered in parallel, each written to
//! disk as soon as it is done, plus `manifest.csv` and an optional merged
//! PDF for printing.
//!
//! Guarantees: a row that fails validation is reported with its row number
//! and field and the other rows are still produced; every file is written
//! whole or not at all (temp file + rename); names are safe and unique;
//! the same data gives the same bytes. Memory stays flat: each worker
//! holds one document at a time and typst's cache is evicted per document.
//!
//! Entry point: [`run`].

mod merge;
mod names;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

pub use merge::merge;
pub use names::{Unique, safe as safe_file_name};

use crate::Engine;
use crate::diag::{Diagnostic, Diagnostics};
use crate::kit::{self, KitTemplate, Per, Row, Table};
use crate::model::Document;

/// typst nests rayon work inside a compile; default 2 MiB thread stacks
/// overflow (engine notes §3), 16 MiB do not.
const STACK: usize = 16 << 20;

/// Knobs of a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Directory for the PDFs and the manifest.
    pub out_dir: PathBuf,
    /// Output name pattern, `{field}` placeholders; default the template's.
    pub name_pattern: Option<String>,
    /// Worker threads.
    pub jobs: usize,
    /// Also write all PDFs, in row order, into this one file.
    pub merge: Option<PathBuf>,
    /// Write PDFs, or the Typst sources (with `style.typ` and
    /// `profile.json` beside them, so `typst compile` can build them).
    pub output: Output,
    /// How PDFs are written (PDF/A, signature fields).
    pub pdf: crate::typeset::PdfSettings,
    /// Sign every PDF (and the merged one) with this.
    pub signer: Option<std::sync::Arc<crate::sign::Signer>>,
}

/// Sign `pdf` when the batch has a signer.
fn maybe_sign(options: &BatchOptions, pdf: Vec<u8>) -> Result<Vec<u8>, Diagnostics> {
    match &options.signer {
        Some(signer) => signer.sign(&pdf).map_err(|e| Diagnostic::error("sign.pdf", e.to_string()).into()),
        None => Ok(pdf),
    }
}

/// What a batch writes per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// PDF files.
    Pdf,
    /// Typst sources.
    Typst,
}

impl Output {
    fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Typst => "typ",
        }
    }
}

/// What happened to one row (or to the one summary).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// 1-based data row (0 for a summary of all rows).
    pub row: usize,
    /// The file written, relative to the output directory.
    pub file: String,
    /// Whether it was written.
    pub ok: bool,
    /// Why not, or empty.
    pub message: String,
}

/// The result of a batch.
#[derive(Debug)]
pub struct Report {
    /// One outcome per row, in row order.
    pub outcomes: Vec<Outcome>,
    /// Wall time of the rendering.
    pub elapsed: Duration,
    /// Where the manifest was written.
    pub manifest: PathBuf,
    /// Where the merged PDF was written.
    pub merged: Option<PathBuf>,
}

impl Report {
    /// Rows that produced a file.
    pub fn written(&self) -> usize {
        self.outcomes.iter().filter(|o| o.ok).count()
    }

    /// Rows that failed.
    pub fn failed(&self) -> usize {
        self.outcomes.len() - self.written()
    }
}

/// One unit of work: what to fill the template with, or why not. The
/// fields and the document are built by the worker, so a batch of 10,000
/// rows holds the data once, not 10,000 field maps or documents.
struct Job {
    row: usize,
    file: String,
    work: Result<Work, String>,
}

/// What every job reads from.
#[derive(Clone, Copy)]
struct Input<'a> {
    template: &'a KitTemplate,
    table: &'a Table,
    shared: &'a Row,
}

enum Work {
    /// The index of a row of the table.
    Row(usize),
    /// Every row, for a summary.
    All(Vec<Row>, Row),
}

/// Run a batch. `shared` holds the context values; a row's own fields win
/// over them. `on_done` is called once per row as it finishes (progress).
pub fn run(
    engine: &Engine,
    template: &KitTemplate,
    table: &Table,
    shared: &Row,
    options: &BatchOptions,
    on_done: &(dyn Fn(&Outcome) + Sync),
) -> Result<Report, Diagnostics> {
    std::fs::create_dir_all(&options.out_dir).map_err(|e| {
        Diagnostic::error(
            "io.write",
            format!("failed to create {} ({})", options.out_dir.display(), crate::io::io_reason(&e)),
        )
    })?;
    let started = Instant::now();
    let jobs = plan(template, table, shared, options);
    let outcomes = render_all(engine, &Input { template, table, shared }, jobs, options, on_done)?;
    let elapsed = started.elapsed();

    let manifest = options.out_dir.join("manifest.csv");
    crate::io::write_atomic(&manifest, &manifest_csv(&outcomes)?)?;
    let merged = match &options.merge {
        Some(path) => {
            if options.output != Output::Pdf {
                return Err(Diagnostic::error("batch.merge", "--merge combines PDFs; leave out --format typ").into());
            }
            let files: Vec<PathBuf> = outcomes.iter().filter(|o| o.ok).map(|o| options.out_dir.join(&o.file)).collect();
            crate::io::write_atomic(path, &maybe_sign(options, merge(&files)?)?)?;
            Some(path.clone())
        }
        None => None,
    };
    Ok(Report { outcomes, elapsed, manifest, merged })
}

/// Fields, validation, names and documents for every row, in row order
/// (sequential, so that names are assigned deterministically).
fn plan(template: &KitTemplate, table: &Table, shared: &Row, options: &BatchOptions) -> Vec<Job> {
    let pattern = options.name_pattern.as_deref().unwrap_or(&template.meta.file_name);
    let ext = options.output.extension();
    let mut unique = Unique::default();
    let with_shared = |row: &Row| with_shared(shared, row);
    if template.meta.per == Per::All {
        let rows: Vec<Row> = table.rows.iter().map(with_shared).collect();
        let problems: Vec<String> = rows
            .iter()
            .enumerate()
            .flat_map(|(i, r)| row_problems(template, r, i + 1, table.lines.get(i).copied()))
            .collect();
        let file = format!("{}.{ext}", unique.take(&kit::fill(pattern, &template.fields(shared)), "tong-hop"));
        let work = if problems.is_empty() { Ok(Work::All(rows, shared.clone())) } else { Err(problems.join("; ")) };
        return vec![Job { row: 0, file, work }];
    }
    table
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let n = i + 1;
            let fields = template.fields(&with_shared(row));
            let file = format!("{}.{ext}", unique.take(&kit::fill(pattern, &fields), &format!("row-{n}")));
            let problems = row_problems(template, &fields, n, table.lines.get(i).copied());
            let work = if problems.is_empty() { Ok(Work::Row(i)) } else { Err(problems.join("; ")) };
            Job { row: n, file, work }
        })
        .collect()
}

/// The shared values overlaid with a row's own.
fn with_shared(shared: &Row, row: &Row) -> Row {
    let mut fields = shared.clone();
    fields.extend(row.iter().map(|(k, v)| (k.clone(), v.clone())));
    fields
}

fn row_problems(template: &KitTemplate, fields: &Row, n: usize, line: Option<usize>) -> Vec<String> {
    let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
    kit::validate_row(&template.meta, fields).iter().map(|d| format!("row {n}{at}: {}", describe(d))).collect()
}

fn describe(d: &Diagnostic) -> String {
    let mut s = match &d.path {
        Some(p) => format!("`{p}`: {}", d.message),
        None => d.message.clone(),
    };
    if let Some(h) = d.hints.first() {
        s.push_str(&format!(" ({h})"));
    }
    s
}

/// Render every job on `options.jobs` threads pulling from a shared
/// counter; each result is written to disk before the next is taken.
fn render_all(
    engine: &Engine,
    input: &Input<'_>,
    jobs: Vec<Job>,
    options: &BatchOptions,
    on_done: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>, Diagnostics> {
    let next = AtomicUsize::new(0);
    let assets = Once::new();
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; jobs.len()]);
    let workers = options.jobs.clamp(1, jobs.len().max(1));
    let spawned = std::thread::scope(|scope| -> std::io::Result<()> {
        for _ in 0..workers {
            std::thread::Builder::new().stack_size(STACK).spawn_scoped(scope, || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let outcome = render_one(engine, input, job, options, &assets);
                    on_done(&outcome);
                    results.lock().unwrap_or_else(std::sync::PoisonError::into_inner)[i] = Some(outcome);
                }
            })?;
        }
        Ok(())
    });
    spawned.map_err(|e| Diagnostic::error("batch.threads", format!("failed to start worker threads ({e})")))?;
    let results = results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    Ok(results.into_iter().flatten().collect())
}

fn render_one(engine: &Engine, input: &Input<'_>, job: &Job, options: &BatchOptions, assets: &Once) -> Outcome {
    let Input { template, table, shared } = *input;
    let out_dir = &options.out_dir;
    let fail = |message: String| Outcome { row: job.row, file: String::new(), ok: false, message };
    let document: Result<Document, Diagnostics> = match &job.work {
        Err(m) => return fail(m.clone()),
        Ok(Work::Row(i)) => template.document(&template.fields(&with_shared(shared, &table.rows[*i]))),
        Ok(Work::All(rows, shared)) => kit::summary_document(template, rows, shared),
    };
    let document = match document {
        Ok(d) => d,
        Err(d) => return fail(format!("row {}: {}", job.row, d.0.first().map(describe).unwrap_or_default())),
    };
    let bytes = engine.prepare_document(document).and_then(|p| match options.output {
        Output::Pdf => engine
            .compile(&p.output)
            .and_then(|c| c.output.pdf_with(&options.pdf))
            .and_then(|pdf| maybe_sign(options, pdf)),
        Output::Typst => {
            // The style library and profile go beside the sources, once.
            let mut written = Ok(());
            assets.call_once(|| {
                written = engine.assets(&p.output).and_then(|files| {
                    files.iter().try_for_each(|(name, bytes)| crate::io::write_atomic(&out_dir.join(name), bytes))
                });
            });
            written.and_then(|()| engine.typst_source(&p.output).map(String::into_bytes))
        }
    });
    let pdf = bytes.and_then(|bytes| crate::io::write_atomic_unsynced(&out_dir.join(&job.file), &bytes));
    match pdf {
        Ok(()) => Outcome { row: job.row, file: job.file.clone(), ok: true, message: String::new() },
        Err(d) => {
            let first = d.0.first().map(describe).unwrap_or_default();
            fail(if job.row > 0 { format!("row {}: {first}", job.row) } else { first })
        }
    }
}

/// `row,file,status,message` — one line per row, in row order.
fn manifest_csv(outcomes: &[Outcome]) -> Result<Vec<u8>, Diagnostics> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Diagnostics::from(Diagnostic::error("batch.manifest", e.to_string()));
    w.write_record(["row", "file", "status", "message"]).map_err(fail)?;
    for o in outcomes {
        let row = o.row.to_string();
        w.write_record([row.as_str(), &o.file, if o.ok { "ok" } else { "failed" }, &o.message]).map_err(fail)?;
    }
    w.into_inner().map_err(|e| Diagnostic::error("batch.manifest", e.to_string()).into())
}
