//! The sandboxed typst `World`: it serves the generated main source, the
//! style library, the profile JSON, the fonts and the signature images the
//! caller loaded (at fixed paths) — and nothing else. No
//! file system, no packages, no clock: `today()` is the document's date.
//!
//! Every method is one line delegating to shared, pre-built parts, so a
//! world per document costs a few pointer copies.

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use super::fonts::FontSet;

/// The interned id of a path in the virtual project root. Ids are
/// process-global and never freed, so only fixed paths are ever used.
pub(crate) fn project_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("static path {path} is valid"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One document's world, borrowing everything shared.
pub(crate) struct DocWorld<'a> {
    pub library: &'a LazyHash<Library>,
    pub fonts: &'a FontSet,
    pub main: Source,
    pub style: &'a Source,
    pub profile: Bytes,
    pub profile_id: FileId,
    pub images: &'a [(FileId, Bytes)],
    pub today: Option<Datetime>,
}

impl DocWorld<'_> {
    fn lookup_source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.style.id() {
            Ok(self.style.clone())
        } else {
            Err(denied(id))
        }
    }

    fn lookup_file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.profile_id {
            Ok(self.profile.clone())
        } else if let Some((_, bytes)) = self.images.iter().find(|(i, _)| *i == id) {
            Ok(bytes.clone())
        } else {
            self.lookup_source(id).map(|s| Bytes::from_string(s.text().to_string()))
        }
    }
}

/// What a document gets for any path we do not serve.
fn denied(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(_) => FileError::Other(Some("packages are not available in vanban".into())),
        _ => FileError::NotFound(id.vpath().get_with_slash().into()),
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.lookup_source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.lookup_file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
