//! The pipeline in one place: YAML → model → checks → Typst source →
//! pages → PDF. An [`Engine`] is built once (templates, fonts, profiles)
//! and renders any number of documents.
//!
//! Entry points: [`Engine::new`], [`Engine::prepare`],
//! [`Engine::typst_source`], [`Engine::compile`].

use std::path::PathBuf;

use typst::foundations::Bytes;

use crate::check;
use crate::diag::{Diagnostic, Diagnostics, Severity, Warned};
use crate::model::{self, Document, Source};
use crate::profile::{Profile, Profiles};
use crate::render::{Renderer, view};
use crate::typeset::{Compiled, Job, SignatureImages, Typesetter};

/// Knobs for building an [`Engine`].
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// Directory whose files override embedded templates by name.
    pub templates: Option<PathBuf>,
    /// Extra font directories.
    pub font_paths: Vec<PathBuf>,
    /// Directories of profile files (a newer guide as data).
    pub profile_paths: Vec<PathBuf>,
}

/// Shared, expensive parts: build once, use for every document.
pub struct Engine {
    renderer: Renderer,
    typesetter: Typesetter,
    profiles: Profiles,
    json_cache: std::sync::Mutex<std::collections::HashMap<(String, String), Bytes>>,
}

/// A checked document with its profile and the font it will use.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The document as written.
    pub document: Document,
    /// The profile it is laid out by.
    pub profile: std::sync::Arc<Profile>,
    /// The font family that will be used.
    pub family: String,
    /// The profile as JSON for the style library.
    profile_json: Bytes,
    /// Signature and seal images for a visible signature, set by the
    /// caller after [`Engine::prepare`] (they are files beside the YAML).
    pub images: SignatureImages,
}

impl Engine {
    /// Build the engine.
    pub fn new(options: &EngineOptions) -> Result<Self, Diagnostics> {
        let renderer = Renderer::new(options.templates.clone())?;
        let style = renderer.asset("style.typ")?;
        Ok(Self {
            typesetter: Typesetter::new(&options.font_paths, &style)?,
            renderer,
            profiles: Profiles::load(&options.profile_paths)?,
            json_cache: Default::default(),
        })
    }

    /// The built-in and loaded profiles.
    pub fn profiles(&self) -> &Profiles {
        &self.profiles
    }

    /// Parse, type-check and check a source. Errors stop here; warnings
    /// travel with the result.
    pub fn prepare(&self, source: &Source) -> Result<Warned<Prepared>, Diagnostics> {
        let Warned { output: document, mut warnings } = model::load(source)?;
        let located = |mut d: Diagnostic, index: &Option<model::SpanIndex>| {
            if d.file.is_none() {
                d.file = Some(source.name.clone());
            }
            if let (None, Some(path), Some(index)) = (d.span, &d.path, index) {
                d.span = index.locate(path);
            }
            d
        };
        match self.prepare_document(document) {
            Ok(Warned { output, warnings: w }) => {
                // Findings know their field path; give each its place in the file.
                let index = (!w.is_empty()).then(|| model::SpanIndex::build(&source.text));
                warnings.extend(w.into_iter().map(|d| located(d, &index)));
                Ok(Warned { output, warnings })
            }
            Err(errors) => {
                let index = Some(model::SpanIndex::build(&source.text));
                Err(errors.into_iter().map(|d| located(d, &index)).chain(warnings).collect::<Vec<_>>().into())
            }
        }
    }

    /// Check a document built in code (a kit template filled from a data
    /// row) and pick its profile and font. Findings carry field paths only.
    pub fn prepare_document(&self, document: Document) -> Result<Warned<Prepared>, Diagnostics> {
        let mut findings = check::run(&document);

        let profile_id = document.profile.as_deref().unwrap_or("hd36");
        let profile = match self.profiles.get(profile_id) {
            Some(p) => Some(p.clone()),
            None => {
                let ids = self.profiles.ids();
                let mut d = Diagnostic::error("schema.profile", format!("unknown profile `{profile_id}`"))
                    .with_path("profile")
                    .with_hint(format!("available: {}", ids.join(", ")));
                if let Some(best) = model::closest(profile_id, &ids) {
                    d = d.with_hint(format!("did you mean `{best}`?"));
                }
                findings.push(d);
                None
            }
        };

        let family = match (&document.font, &profile) {
            (Some(f), _) if self.typesetter.fonts().has_family(f) => f.clone(),
            (Some(f), p) => {
                let fallback = self.family_for(p.as_deref());
                findings.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "font.missing",
                        format!("font family `{f}` is not available; using `{fallback}`"),
                    )
                    .with_path("font")
                    .with_hint("add the font's directory with --font-path DIR"),
                );
                fallback
            }
            (None, p) => self.family_for(p.as_deref()),
        };

        let (errors, warnings): (Vec<_>, Vec<_>) = findings.into_iter().partition(Diagnostic::is_error);
        match profile {
            Some(profile) if errors.is_empty() => {
                let profile_json = self.profile_json(&profile, &family);
                Ok(Warned {
                    output: Prepared { document, profile, family, profile_json, images: SignatureImages::default() },
                    warnings,
                })
            }
            _ => Err(errors.into_iter().chain(warnings).collect::<Vec<_>>().into()),
        }
    }

    /// The profile as JSON for Typst, built once per profile and font and
    /// shared by every document of a batch.
    fn profile_json(&self, profile: &Profile, family: &str) -> Bytes {
        let key = (profile.id.clone(), family.to_string());
        let mut cache = self.json_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.entry(key).or_insert_with(|| Bytes::new(profile.to_json(family))).clone()
    }

    fn family_for(&self, profile: Option<&Profile>) -> String {
        let wanted =
            profile.map(|p| p.text.families.iter().map(String::as_str).collect::<Vec<_>>()).unwrap_or_default();
        self.typesetter.fonts().resolve_family(wanted)
    }

    /// The format rules of the document's profile, located in the source.
    /// `today` decides what "in the future" means.
    pub fn rules(&self, source: &Source, p: &Prepared, today: chrono::NaiveDate) -> Vec<Diagnostic> {
        let findings = check::rules::run(&p.document, &p.profile, today);
        if findings.is_empty() {
            return findings;
        }
        let index = model::SpanIndex::build(&source.text);
        findings
            .into_iter()
            .map(|mut d| {
                d.file = Some(source.name.clone());
                d.span = d.path.as_deref().and_then(|path| index.locate(path));
                d
            })
            .collect()
    }

    /// The generated Typst source of a prepared document.
    pub fn typst_source(&self, p: &Prepared) -> Result<String, Diagnostics> {
        let mut view = view::build(&p.document, &p.profile);
        view.images = view::ImagesView {
            signature: p.images.signature.as_ref().map(|_| crate::typeset::SIGNATURE_IMAGE),
            seal: p.images.seal.as_ref().map(|_| crate::typeset::SEAL_IMAGE),
        };
        self.renderer.typst_source(&p.document.kind.template(), &view)
    }

    /// The Typst source of appendix `number` (1-based) on its own.
    pub fn appendix_source(&self, p: &Prepared, number: usize) -> Result<String, Diagnostics> {
        let view = view::build(&p.document, &p.profile);
        let index = number
            .checked_sub(1)
            .ok_or_else(|| Diagnostic::error("input.appendix", "appendices are numbered from 1"))?;
        self.renderer.appendix_source(&view, index).map_err(|mut d| {
            for x in &mut d.0 {
                x.hints.push(format!("the document has {} appendices", p.document.appendices.len()));
            }
            d
        })
    }

    /// The files a generated source needs beside it to compile with the
    /// typst CLI (`typst compile --root DIR`): the style library and the
    /// profile as JSON.
    pub fn assets(&self, p: &Prepared) -> Result<Vec<(&'static str, Vec<u8>)>, Diagnostics> {
        Ok(vec![
            ("style.typ", self.renderer.asset("style.typ")?.into_owned().into_bytes()),
            ("profile.json", p.profile_json.to_vec()),
        ])
    }

    /// The name of the generated main file, after its template
    /// (`cong-van.typ`), as Typst diagnostics name it.
    pub fn main_name(&self, p: &Prepared) -> String {
        format!("{}.typ", p.document.kind.template().trim_end_matches(".j2.typ"))
    }

    /// Lay out a prepared document.
    pub fn compile(&self, p: &Prepared) -> Result<Warned<Compiled>, Diagnostics> {
        let source = self.typst_source(p)?;
        self.compile_source(p, source)
    }

    /// Lay out a prepared document from its already generated source.
    pub fn compile_source(&self, p: &Prepared, source: String) -> Result<Warned<Compiled>, Diagnostics> {
        let doc = &p.document;
        let number = doc.number.as_ref().map_or("", |n| n.0.as_str());
        let date = doc.date.map(|d| d.0.to_string()).unwrap_or_default();
        self.typesetter
            .compile(Job {
                name: &self.main_name(p),
                source,
                profile_json: p.profile_json.clone(),
                date: doc.date.map(|d| (d.year(), d.month(), d.day())),
                ident: format!(
                    "vanban:{}:{}:{}:{}:{}",
                    doc.issuer.code,
                    p.profile.type_code(doc.kind),
                    number,
                    date,
                    doc.subject.as_deref().unwrap_or("")
                ),
                images: p.images.clone(),
            })
            .map(|w| Warned { output: w.output, warnings: w.warnings })
    }

    /// Everything from YAML text to PDF bytes, warnings included.
    pub fn render_pdf(&self, source: &Source) -> Result<Warned<Vec<u8>>, Diagnostics> {
        let Warned { output: prepared, mut warnings } = self.prepare(source)?;
        let Warned { output: compiled, warnings: w } = self.compile(&prepared)?;
        warnings.extend(w);
        Ok(Warned { output: compiled.pdf()?, warnings })
    }
}
