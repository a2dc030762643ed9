//! Changes to a finished PDF as incremental updates: the original bytes
//! stay untouched and new or replaced objects are appended after them
//! with their own cross-reference section. This is how a signature field
//! is added and how a signature is applied, so what was signed is exactly
//! what was rendered.
//!
//! Entry points: [`Incremental`], [`add_signature_fields`],
//! [`text_string`].

mod fields;

use std::io::Write as _;

use lopdf::{Dictionary, Document, Object, ObjectId};

pub use fields::{Form, add_annots, add_signature_fields, field_name, rect_object, signature_widget};

/// What can go wrong when reading or extending a PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The file is not a PDF lopdf can read.
    #[error("not a readable PDF ({0})")]
    Parse(String),
    /// The file is encrypted.
    #[error("the PDF is encrypted")]
    Encrypted,
    /// Something the update needs is missing or malformed.
    #[error("{0}")]
    Structure(String),
}

/// A PDF being extended by one incremental update.
pub struct Incremental<'a> {
    base: &'a [u8],
    /// The parsed original, to read objects from.
    pub doc: Document,
    next_id: u32,
    objects: Vec<(ObjectId, Vec<u8>)>,
}

impl<'a> Incremental<'a> {
    /// Parse `base` to extend it.
    pub fn open(base: &'a [u8]) -> Result<Self, PdfError> {
        let doc = Document::load_mem(base).map_err(|e| PdfError::Parse(e.to_string()))?;
        if doc.is_encrypted() {
            return Err(PdfError::Encrypted);
        }
        if doc.xref_start == 0 {
            return Err(PdfError::Structure("the PDF has no cross-reference table to extend".into()));
        }
        let size = doc.trailer.get(b"Size").and_then(Object::as_i64).unwrap_or(0);
        let next_id = u32::try_from(size).unwrap_or(0).max(doc.max_id + 1);
        Ok(Self { base, doc, next_id, objects: Vec::new() })
    }

    /// The catalog's id.
    pub fn root_id(&self) -> Result<ObjectId, PdfError> {
        self.doc
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(|_| PdfError::Structure("the trailer has no /Root".into()))
    }

    /// A copy of a dictionary object, to change and write back.
    pub fn dict(&self, id: ObjectId) -> Result<Dictionary, PdfError> {
        self.doc
            .get_dictionary(id)
            .cloned()
            .map_err(|_| PdfError::Structure(format!("object {} {} is not a dictionary", id.0, id.1)))
    }

    /// A dictionary that may be inline or referenced.
    pub fn resolve_dict(&self, obj: &Object) -> Option<Dictionary> {
        match obj {
            Object::Dictionary(d) => Some(d.clone()),
            Object::Reference(id) => self.doc.get_dictionary(*id).ok().cloned(),
            _ => None,
        }
    }

    /// An array that may be inline or referenced.
    pub fn resolve_array(&self, obj: &Object) -> Vec<Object> {
        match obj {
            Object::Array(a) => a.clone(),
            Object::Reference(id) => self.doc.get_object(*id).and_then(Object::as_array).cloned().unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Reserve a new object id.
    pub fn alloc(&mut self) -> ObjectId {
        let id = (self.next_id, 0);
        self.next_id += 1;
        id
    }

    /// Write `object` as object `id` (new, or replacing an old one).
    pub fn put(&mut self, id: ObjectId, object: &Object) {
        let mut body = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = lopdf::Writer::write_object(&mut body, object);
        self.put_raw(id, body);
    }

    /// Write an already serialised object body (streams, placeholders).
    pub fn put_raw(&mut self, id: ObjectId, body: Vec<u8>) {
        self.objects.retain(|(i, _)| *i != id);
        self.objects.push((id, body));
    }

    /// The original bytes followed by the update: objects, a
    /// cross-reference section, and a trailer pointing back to the
    /// original's. The section is a classic table even when the original
    /// ends in a cross-reference stream (qpdf's object streams, Word);
    /// qpdf, poppler and pyHanko read such files, signatures included.
    pub fn finish(mut self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.base.len() + 4096);
        out.extend_from_slice(self.base);
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
        self.objects.sort_by_key(|(id, _)| *id);
        let mut offsets = Vec::with_capacity(self.objects.len());
        for (id, body) in &self.objects {
            offsets.push((*id, out.len()));
            let _ = writeln!(out, "{} {} obj", id.0, id.1);
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(b"xref\n");
        // Subsections of consecutive ids; entries are exactly 20 bytes.
        let mut i = 0;
        while i < offsets.len() {
            let mut j = i + 1;
            while j < offsets.len() && offsets[j].0.0 == offsets[j - 1].0.0 + 1 {
                j += 1;
            }
            let _ = writeln!(out, "{} {}", offsets[i].0.0, j - i);
            for ((_, generation), offset) in &offsets[i..j] {
                let _ = write!(out, "{offset:010} {generation:05} n\r\n");
            }
            i = j;
        }
        let mut trailer = Dictionary::new();
        trailer.set("Size", Object::Integer(i64::from(self.next_id)));
        for key in [&b"Root"[..], b"Info", b"ID"] {
            if let Ok(value) = self.doc.trailer.get(key) {
                trailer.set(key.to_vec(), value.clone());
            }
        }
        trailer.set("Prev", Object::Integer(self.doc.xref_start as i64));
        out.extend_from_slice(b"trailer\n");
        let _ = lopdf::Writer::write_object(&mut out, &Object::Dictionary(trailer));
        let _ = write!(out, "\nstartxref\n{xref}\n%%EOF\n");
        out
    }
}

/// A PDF text string: plain ASCII stays literal, anything else is
/// UTF-16BE with a byte-order mark, as PDF requires for non-Latin text.
pub fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        Object::string_literal(text)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, lopdf::StringFormat::Hexadecimal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_are_utf16_when_not_ascii() {
        assert_eq!(text_string("Hanoi"), Object::string_literal("Hanoi"));
        let Object::String(bytes, _) = text_string("Hà Nội") else { panic!("not a string") };
        assert_eq!(&bytes[..4], &[0xFE, 0xFF, 0x00, b'H']);
    }
}
