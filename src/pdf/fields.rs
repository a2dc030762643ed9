//! Empty signature fields over the signature blocks, so that whoever signs
//! later — `vanban sign`, pyHanko, an e-office system — signs into the
//! right place. Each field is `Signature1`, `Signature2`, … in reading
//! order, with the signer's role as its tooltip (`/TU`).

use lopdf::{Dictionary, Object, ObjectId};

use super::{Incremental, PdfError, text_string};
use crate::typeset::SignatureSlot;

/// The field name of the `n`th signature block (1-based).
pub fn field_name(n: usize) -> String {
    format!("Signature{n}")
}

/// The catalog's interactive form, read for change: the caller adds
/// fields, then [`Form::store`] writes the catalog back with it inline.
pub struct Form {
    root_id: ObjectId,
    catalog: Dictionary,
    /// The `/AcroForm` dictionary (empty when the PDF had none).
    pub dict: Dictionary,
    /// Its `/Fields`, resolved.
    pub fields: Vec<Object>,
}

impl Form {
    /// Read the catalog's form from `inc`.
    pub fn open(inc: &Incremental<'_>) -> Result<Self, PdfError> {
        let root_id = inc.root_id()?;
        let catalog = inc.dict(root_id)?;
        let dict = catalog.get(b"AcroForm").ok().and_then(|o| inc.resolve_dict(o)).unwrap_or_default();
        let fields = dict.get(b"Fields").map(|o| inc.resolve_array(o)).unwrap_or_default();
        Ok(Self { root_id, catalog, dict, fields })
    }

    /// Write the catalog, with the form and its fields, into the update.
    pub fn store(mut self, inc: &mut Incremental<'_>) {
        self.dict.set("Fields", Object::Array(self.fields));
        self.catalog.set("AcroForm", Object::Dictionary(self.dict));
        inc.put(self.root_id, &Object::Dictionary(self.catalog));
    }
}

/// A rectangle as a PDF array.
pub fn rect_object(rect: [f64; 4]) -> Object {
    Object::Array(rect.iter().map(|v| Object::Real(*v as f32)).collect())
}

/// A signature field merged with its widget on `page`; `flags` are the
/// annotation flags (`/F`).
pub fn signature_widget(name: &str, rect: [f64; 4], flags: i64, page: ObjectId) -> Dictionary {
    let mut field = Dictionary::new();
    field.set("Type", Object::Name(b"Annot".to_vec()));
    field.set("Subtype", Object::Name(b"Widget".to_vec()));
    field.set("FT", Object::Name(b"Sig".to_vec()));
    field.set("T", text_string(name));
    field.set("Rect", rect_object(rect));
    field.set("F", Object::Integer(flags));
    field.set("P", Object::Reference(page));
    field
}

/// Append annotations to a page's `/Annots`.
pub fn add_annots(inc: &mut Incremental<'_>, page_id: ObjectId, new: Vec<Object>) -> Result<(), PdfError> {
    let mut page = inc.dict(page_id)?;
    let mut annots = page.get(b"Annots").map(|o| inc.resolve_array(o)).unwrap_or_default();
    annots.extend(new);
    page.set("Annots", Object::Array(annots));
    inc.put(page_id, &Object::Dictionary(page));
    Ok(())
}

/// `pdf` with one empty signature field per slot, as an incremental update.
pub fn add_signature_fields(pdf: &[u8], slots: &[SignatureSlot]) -> Result<Vec<u8>, PdfError> {
    let mut inc = Incremental::open(pdf)?;
    let pages = inc.doc.get_pages();
    let mut form = Form::open(&inc)?;
    let mut page_annots: Vec<(ObjectId, Vec<Object>)> = Vec::new();

    for (i, slot) in slots.iter().enumerate() {
        let page_id = *pages
            .get(&(slot.page as u32))
            .ok_or_else(|| PdfError::Structure(format!("the PDF has no page {}", slot.page)))?;
        let rect = slot.pdf_rect();
        let (w, h) = (rect[2] - rect[0], rect[3] - rect[1]);

        // PDF/A wants an appearance on every visible annotation: an empty one.
        let ap_id = inc.alloc();
        let ap =
            format!("<</Type/XObject/Subtype/Form/BBox[0 0 {w:.2} {h:.2}]/Resources<<>>/Length 0>>stream\n\nendstream");
        inc.put_raw(ap_id, ap.into_bytes());

        let field_id = inc.alloc();
        // Print, so it survives printing and PDF/A accepts it.
        let mut field = signature_widget(&field_name(i + 1), rect, 4, page_id);
        if !slot.role.is_empty() {
            field.set("TU", text_string(&slot.role));
        }
        let mut ap_dict = Dictionary::new();
        ap_dict.set("N", Object::Reference(ap_id));
        field.set("AP", Object::Dictionary(ap_dict));
        inc.put(field_id, &Object::Dictionary(field));
        form.fields.push(Object::Reference(field_id));

        match page_annots.iter_mut().find(|(id, _)| *id == page_id) {
            Some((_, list)) => list.push(Object::Reference(field_id)),
            None => page_annots.push((page_id, vec![Object::Reference(field_id)])),
        }
    }

    for (page_id, new) in page_annots {
        add_annots(&mut inc, page_id, new)?;
    }
    form.store(&mut inc);
    Ok(inc.finish())
}
