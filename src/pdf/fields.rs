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

/// `pdf` with one empty signature field per slot, as an incremental update.
pub fn add_signature_fields(pdf: &[u8], slots: &[SignatureSlot]) -> Result<Vec<u8>, PdfError> {
    let mut inc = Incremental::open(pdf)?;
    let pages = inc.doc.get_pages();
    let root_id = inc.root_id()?;
    let mut catalog = inc.dict(root_id)?;
    let mut form = catalog.get(b"AcroForm").ok().and_then(|o| inc.resolve_dict(o)).unwrap_or_default();
    let mut fields = form.get(b"Fields").map(|o| inc.resolve_array(o)).unwrap_or_default();
    let mut page_annots: Vec<(ObjectId, Vec<Object>)> = Vec::new();

    for (i, slot) in slots.iter().enumerate() {
        let page_id = *pages
            .get(&(slot.page as u32))
            .ok_or_else(|| PdfError::Structure(format!("the PDF has no page {}", slot.page)))?;
        let [x1, y1, x2, y2] = slot.pdf_rect();
        let (w, h) = (x2 - x1, y2 - y1);

        // PDF/A wants an appearance on every visible annotation: an empty one.
        let ap_id = inc.alloc();
        let ap =
            format!("<</Type/XObject/Subtype/Form/BBox[0 0 {w:.2} {h:.2}]/Resources<<>>/Length 0>>stream\n\nendstream");
        inc.put_raw(ap_id, ap.into_bytes());

        let field_id = inc.alloc();
        let mut field = Dictionary::new();
        field.set("Type", Object::Name(b"Annot".to_vec()));
        field.set("Subtype", Object::Name(b"Widget".to_vec()));
        field.set("FT", Object::Name(b"Sig".to_vec()));
        field.set("T", Object::string_literal(field_name(i + 1)));
        if !slot.role.is_empty() {
            field.set("TU", text_string(&slot.role));
        }
        field.set("Rect", Object::Array([x1, y1, x2, y2].iter().map(|v| Object::Real(*v as f32)).collect()));
        // Print, so it survives printing and PDF/A accepts it.
        field.set("F", Object::Integer(4));
        field.set("P", Object::Reference(page_id));
        let mut ap_dict = Dictionary::new();
        ap_dict.set("N", Object::Reference(ap_id));
        field.set("AP", Object::Dictionary(ap_dict));
        inc.put(field_id, &Object::Dictionary(field));
        fields.push(Object::Reference(field_id));

        match page_annots.iter_mut().find(|(id, _)| *id == page_id) {
            Some((_, list)) => list.push(Object::Reference(field_id)),
            None => page_annots.push((page_id, vec![Object::Reference(field_id)])),
        }
    }

    for (page_id, new) in page_annots {
        let mut page = inc.dict(page_id)?;
        let mut annots = page.get(b"Annots").map(|o| inc.resolve_array(o)).unwrap_or_default();
        annots.extend(new);
        page.set("Annots", Object::Array(annots));
        inc.put(page_id, &Object::Dictionary(page));
    }
    form.set("Fields", Object::Array(fields));
    catalog.set("AcroForm", Object::Dictionary(form));
    inc.put(root_id, &Object::Dictionary(catalog));
    Ok(inc.finish())
}
