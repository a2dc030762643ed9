//! Signature slots: where each signature block leaves room for the
//! signature and seal. The style library marks each room with
//! `metadata((w: …, h: …, role: …)) <vanban-signature>` at its top-left
//! corner; here the marks are read back with their page positions, so
//! the PDF can carry a named signature field at exactly that rectangle.

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;

use super::Compiled;

/// The label the style library puts on each signature room.
const LABEL: &str = "vanban-signature";

/// One signature room, in PDF points.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureSlot {
    /// Page number, from 1.
    pub page: usize,
    /// Left edge, from the page's left.
    pub x: f64,
    /// Top edge, from the page's top (Typst's direction).
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// The page's height, to turn `y` into PDF's bottom-up coordinates.
    pub page_height: f64,
    /// The signer's role as printed above the room (for the field's tooltip).
    pub role: String,
}

impl SignatureSlot {
    /// `[x1 y1 x2 y2]` in PDF user space (origin bottom-left).
    pub fn pdf_rect(&self) -> [f64; 4] {
        let bottom = self.page_height - self.y - self.height;
        [self.x, bottom, self.x + self.width, bottom + self.height]
    }
}

impl Compiled {
    /// Every signature room of the document, in reading order.
    pub fn signature_slots(&self) -> Vec<SignatureSlot> {
        let Some(label) = Label::new(PicoStr::intern(LABEL)) else { return Vec::new() };
        let introspector = self.doc.introspector();
        let pages = self.doc.pages();
        introspector
            .query(&Selector::Label(label))
            .iter()
            .filter_map(|content| {
                let position = introspector.position(content.location()?)?;
                let meta = content.to_packed::<MetadataElem>()?;
                let Value::Dict(dict) = &meta.value else { return None };
                let num = |key: &str| match dict.get(key) {
                    Ok(Value::Float(f)) => Some(*f),
                    Ok(Value::Int(i)) => Some(*i as f64),
                    _ => None,
                };
                let role = match dict.get("role") {
                    Ok(Value::Str(s)) => s.to_string(),
                    _ => String::new(),
                };
                let page = position.page.get();
                Some(SignatureSlot {
                    page,
                    x: position.point.x.to_pt(),
                    y: position.point.y.to_pt(),
                    width: num("w")?,
                    height: num("h")?,
                    page_height: pages.get(page - 1)?.frame.height().to_pt(),
                    role,
                })
            })
            .collect()
    }
}
