//! Typst source → laid-out document → PDF, in-process.
//!
//! [`Typesetter`] holds what every document shares: the typst standard
//! library, the fonts, the parsed style library. Each [`Typesetter::compile`]
//! builds a cheap sandboxed world around one generated source; the main
//! file's id is fixed per template name (never `FileId::unique`, which
//! leaks ids), and comemo's cache is evicted after each document so long
//! batches keep flat memory.
//!
//! Entry points: [`Typesetter::new`], [`Typesetter::compile`],
//! [`Compiled::pdf`], [`Compiled::layout`].

mod export;
mod fonts;
pub mod inspect;
mod slots;
mod world;

use std::sync::Arc;

use typst::diag::{Severity as TypstSeverity, SourceDiagnostic, Warned as TypstWarned};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, Source};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

pub use export::{PdfSettings, parse_pdf_standard};
pub use fonts::{EMBEDDED_FAMILY, FontSet};
pub use slots::SignatureSlot;
use world::{DocWorld, project_id};

use crate::diag::{Diagnostic, Diagnostics, Severity, Span, Warned};

/// How many evictions a memoised result survives unused: enough to keep
/// the style library warm across documents, small enough to bound memory.
const EVICT_MAX_AGE: usize = 10;

/// Evict once per this many compiles. Eviction walks every cache under a
/// write lock; doing it after each document made two workers wait on each
/// other. Eight documents between evictions keep memory flat all the same.
const EVICT_EVERY: usize = 8;

/// Everything shared between documents.
pub struct Typesetter {
    library: LazyHash<Library>,
    fonts: FontSet,
    style: Source,
    profile_id: FileId,
    image_ids: [FileId; 2],
    compiles: std::sync::atomic::AtomicUsize,
}

/// The images of a visible signature (NĐ 30 Phụ lục I): the signer's
/// signature and the organ's seal, as PNG (or JPEG) bytes. Templates see
/// them at the fixed paths [`SIGNATURE_IMAGE`] and [`SEAL_IMAGE`].
#[derive(Debug, Clone, Default)]
pub struct SignatureImages {
    /// The signer's handwritten signature, transparent background.
    pub signature: Option<Bytes>,
    /// The organ's seal, red, transparent background.
    pub seal: Option<Bytes>,
}

/// Where a template finds the signature image.
pub const SIGNATURE_IMAGE: &str = "/signature-image";
/// Where a template finds the seal image.
pub const SEAL_IMAGE: &str = "/seal-image";

/// One document to compile.
pub struct Job<'a> {
    /// Name of the generated main file, after its template (`cong-van.typ`).
    pub name: &'a str,
    /// The generated Typst source.
    pub source: String,
    /// The profile as JSON (see [`crate::profile::Profile::to_json`]).
    pub profile_json: Bytes,
    /// The document's date: `today()` in Typst and the PDF date.
    pub date: Option<(i32, u32, u32)>,
    /// A stable identifier for the PDF's `/ID`.
    pub ident: String,
    /// Images for the visible signature, if any.
    pub images: SignatureImages,
}

/// A laid-out document.
pub struct Compiled {
    doc: PagedDocument,
    ident: String,
}

impl Typesetter {
    /// Build the shared parts: library, fonts (embedded + `font_dirs`) and
    /// the style library text.
    pub fn new(font_dirs: &[std::path::PathBuf], style_text: &str) -> Result<Self, Diagnostics> {
        Ok(Self {
            library: LazyHash::new(Library::builder().build()),
            fonts: FontSet::new(font_dirs)?,
            style: Source::new(project_id("/style.typ"), style_text.to_string()),
            profile_id: project_id("/profile.json"),
            image_ids: [project_id(SIGNATURE_IMAGE), project_id(SEAL_IMAGE)],
            compiles: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// The fonts, to resolve a family before rendering.
    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// Compile a generated source into pages.
    pub fn compile(&self, job: Job<'_>) -> Result<Warned<Compiled>, Diagnostics> {
        let main_path = format!("/{}", job.name);
        let [sig_id, seal_id] = self.image_ids;
        let images: Vec<(FileId, Bytes)> = [(sig_id, job.images.signature), (seal_id, job.images.seal)]
            .into_iter()
            .filter_map(|(id, bytes)| Some((id, bytes?)))
            .collect();
        let world = DocWorld {
            library: &self.library,
            fonts: &self.fonts,
            main: Source::new(project_id(&main_path), job.source),
            style: &self.style,
            profile: job.profile_json,
            profile_id: self.profile_id,
            images: &images,
            today: job.date.and_then(|(y, m, d)| Datetime::from_ymd(y, m as u8, d as u8)),
        };
        let TypstWarned { output, warnings } = typst::compile::<PagedDocument>(&world);
        // Evict even on failure, or a failing batch grows without bound.
        if self.compiles.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
            typst::comemo::evict(EVICT_MAX_AGE);
        }
        let warnings: Vec<Diagnostic> = warnings.iter().map(|d| convert(&world, d)).collect();
        match output {
            Ok(doc) => Ok(Warned { output: Compiled { doc, ident: job.ident }, warnings }),
            Err(errors) => {
                let mut all: Vec<Diagnostic> = errors.iter().map(|d| convert(&world, d)).collect();
                all.extend(warnings);
                Err(all.into())
            }
        }
    }
}

impl Compiled {
    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.doc.pages().len()
    }

    /// Export to plain PDF 1.7. The date and `/ID` come from the
    /// document, so the same input gives the same bytes.
    pub fn pdf(&self) -> Result<Vec<u8>, Diagnostics> {
        self.pdf_with(&PdfSettings::default())
    }

    /// The positioned text and rules of every page, for tests and checks.
    pub fn layout(&self) -> inspect::Layout {
        inspect::Layout::of(&self.doc)
    }
}

/// A typst diagnostic as ours, located in the generated source or the
/// style library. Data is always escaped, so a Typst error is a bug in a
/// template (ours or an override), and the hint says so.
fn convert(world: &DocWorld<'_>, d: &SourceDiagnostic) -> Diagnostic {
    let severity = match d.severity {
        TypstSeverity::Error => Severity::Error,
        TypstSeverity::Warning => Severity::Warning,
    };
    let mut out = Diagnostic::new(severity, "typst.compile", d.message.to_string());
    if let (Some(id), Some(range)) = (d.span.id(), world.range(d.span))
        && let Ok(src) = world.source(id)
    {
        let name: Arc<str> = id.vpath().get_without_slash().into();
        out = out.with_file(name).with_span(Span::in_text(src.text(), range.start, range.end));
    }
    for hint in &d.hints {
        out = out.with_hint(hint.v.to_string());
    }
    out.with_hint("the generated source comes from a template: run with `--format typ` to see it; if the templates are vanban's own, please report this")
}
