//! One PDF from many, in order, for printing a whole batch at once.
//!
//! Each input keeps its own objects (renumbered); the merged file gets a
//! new catalog and page tree holding every page. Structure trees of the
//! inputs are dropped: the merged file is for printing, each form's own
//! PDF stays the tagged original.

use std::collections::BTreeMap;
use std::path::Path;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::diag::{Diagnostic, Diagnostics};

/// Merge the PDFs at `paths`, in order, into one document's bytes.
pub fn merge(paths: &[impl AsRef<Path>]) -> Result<Vec<u8>, Diagnostics> {
    let fail = |what: String| -> Diagnostics { Diagnostic::error("batch.merge", what).into() };
    let mut next_id = 1;
    let mut pages: Vec<(ObjectId, Object)> = Vec::new();
    let mut objects: BTreeMap<ObjectId, Object> = BTreeMap::new();
    for path in paths {
        let path = path.as_ref();
        let mut doc = Document::load(path).map_err(|e| fail(format!("failed to read {} ({e})", path.display())))?;
        doc.renumber_objects_with(next_id);
        next_id = doc.max_id + 1;
        for (_, id) in doc.get_pages() {
            let page = doc.get_object(id).map_err(|e| fail(format!("broken page in {} ({e})", path.display())))?;
            pages.push((id, page.clone()));
        }
        objects.extend(doc.objects);
    }

    let mut out = Document::with_version("1.7");
    let pages_id: ObjectId = (next_id, 0);
    let catalog_id: ObjectId = (next_id + 1, 0);
    for (id, object) in objects {
        // Each input's catalog, page tree and structure go; pages are re-parented below.
        let kind = object.as_dict().ok().and_then(|d| d.get(b"Type").ok()).and_then(|t| t.as_name().ok());
        if matches!(kind, Some(b"Catalog" | b"Pages" | b"StructTreeRoot" | b"StructElem" | b"MarkInfo" | b"Outlines")) {
            continue;
        }
        out.objects.insert(id, object);
    }
    let mut kids = Vec::with_capacity(pages.len());
    for (id, page) in pages {
        if let Object::Dictionary(mut dict) = page {
            dict.set("Parent", pages_id);
            dict.remove(b"StructParents");
            out.objects.insert(id, Object::Dictionary(dict));
            kids.push(Object::Reference(id));
        }
    }
    let count = kids.len() as i64;
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Kids", kids);
    tree.set("Count", count);
    out.objects.insert(pages_id, Object::Dictionary(tree));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", pages_id);
    out.objects.insert(catalog_id, Object::Dictionary(catalog));
    out.trailer.set("Root", catalog_id);
    out.max_id = next_id + 1;
    // Drop what only the inputs' catalogs referenced (structure, info).
    out.prune_objects();
    out.renumber_objects();
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).map_err(|e| fail(format!("failed to write the merged PDF ({e})")))?;
    Ok(bytes)
}
