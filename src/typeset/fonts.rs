//! The fonts a document may use: Liberation Serif (Times New Roman metrics,
//! full Vietnamese, SIL OFL 1.1) embedded in the binary, plus any fonts
//! from `--font-path` directories. Parsed once per run, shared by every
//! document, so output never depends on the host's installed fonts.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::diag::{Diagnostic, Diagnostics};

/// The family of the embedded fonts.
pub const EMBEDDED_FAMILY: &str = "Liberation Serif";

const EMBEDDED: &[&[u8]] = &[
    include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Parsed fonts and the book typst selects from.
pub struct FontSet {
    pub(crate) book: LazyHash<FontBook>,
    pub(crate) fonts: Vec<Font>,
}

impl FontSet {
    /// The embedded fonts plus every font file found in `dirs`.
    pub fn new(dirs: &[PathBuf]) -> Result<Self, Diagnostics> {
        let mut fonts: Vec<Font> = EMBEDDED.iter().flat_map(|b| Font::iter(Bytes::new(*b))).collect();
        let mut errors = Vec::new();
        for dir in dirs {
            if !dir.is_dir() {
                errors.push(Diagnostic::error(
                    "io.font-path",
                    format!("font directory not found (searched at {})", dir.display()),
                ));
                continue;
            }
            scan(dir, &mut fonts);
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Ok(Self { book, fonts })
    }

    /// The first family of `wanted` that is available, else the embedded one.
    pub fn resolve_family<'a>(&self, wanted: impl IntoIterator<Item = &'a str>) -> String {
        wanted.into_iter().find(|f| self.book.contains_family(&f.to_lowercase())).unwrap_or(EMBEDDED_FAMILY).to_string()
    }

    /// Whether a family is available.
    pub fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }
}

/// Add every .ttf/.otf/.ttc/.otc below `dir` (sorted, so the order and
/// hence the output is the same on every run).
fn scan(dir: &Path, fonts: &mut Vec<Font>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            scan(&path, fonts);
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        if matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc" | "otc"))
            && let Ok(data) = std::fs::read(&path)
        {
            fonts.extend(Font::iter(Bytes::new(data)));
        }
    }
}
