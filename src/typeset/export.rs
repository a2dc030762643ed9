//! Export of laid-out pages: PDF (plain or to a PDF standard such as
//! PDF/A-2b), PNG previews and SVG.

use typst::foundations::Datetime;
use typst::foundations::Smart;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::Compiled;
use crate::diag::{Diagnostic, Diagnostics};

/// How a PDF is written.
#[derive(Debug, Clone)]
pub struct PdfSettings {
    /// PDF standards to conform to (`a-2b` for archives); empty for plain
    /// PDF 1.7.
    pub standards: Vec<PdfStandard>,
    /// Record each signature block as an empty, named signature field
    /// (`Signature1`, …) so that an e-office system can sign in place.
    /// Not done for the accessible standards (`ua-1`, `a-1a`, `a-2a`,
    /// `a-3a`), whose annotations must be tagged.
    pub signature_fields: bool,
}

impl Default for PdfSettings {
    fn default() -> Self {
        Self { standards: Vec::new(), signature_fields: true }
    }
}

/// The export time as a typst timestamp (see [`crate::io::now_utc`]).
fn export_time() -> Timestamp {
    use chrono::{Datelike, Timelike};
    let t = crate::io::now_utc().naive_utc();
    let datetime = Datetime::from_ymd_hms(
        t.year(),
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second() as u8,
    );
    // Every field comes from a valid chrono time, so this is always Some.
    Timestamp::new_utc(datetime.or_else(|| Datetime::from_ymd(2000, 1, 1)).unwrap_or_else(|| unreachable!()))
}

/// The names typst-pdf accepts for `--pdf-standard`.
pub const PDF_STANDARD_NAMES: &[&str] = &[
    "1.4", "1.5", "1.6", "1.7", "2.0", "a-1b", "a-1a", "a-2b", "a-2u", "a-2a", "a-3b", "a-3u", "a-3a", "a-4", "a-4f",
    "a-4e", "ua-1",
];

/// Parse a standard's name as typst spells it (`a-2b`, `1.7`, `ua-1`).
pub fn parse_pdf_standard(name: &str) -> Result<PdfStandard, String> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|_| format!("unknown PDF standard `{name}`; one of: {}", PDF_STANDARD_NAMES.join(", ")))
}

impl Compiled {
    /// Export to PDF with the given settings: same input, same bytes.
    pub fn pdf_with(&self, settings: &PdfSettings) -> Result<Vec<u8>, Diagnostics> {
        let standards = PdfStandards::new(&settings.standards)
            .map_err(|e| Diagnostics::from(Diagnostic::error("pdf.standard", e.message().to_string())))?;
        let options = PdfOptions {
            ident: Smart::Custom(self.ident.clone()),
            creator: Smart::Custom(Some(format!("vanban {}", env!("CARGO_PKG_VERSION")))),
            standards,
            // A dated document carries its own date. An undated one (a form
            // to fill in) has none — except under a PDF standard, which
            // requires one: then the time of export.
            timestamp: if settings.standards.is_empty() { None } else { Some(export_time()) },
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&self.doc, &options).map_err(|errors| {
            Diagnostics::from(
                errors
                    .iter()
                    .map(|e| {
                        let mut d = Diagnostic::error("typst.pdf", format!("failed to export PDF ({})", e.message));
                        for hint in &e.hints {
                            d = d.with_hint(hint.v.to_string());
                        }
                        d
                    })
                    .collect::<Vec<_>>(),
            )
        })?;
        let slots = self.signature_slots();
        // The accessible standards want every annotation in the structure
        // tree, which an update after typst's export cannot give.
        let accessible = settings
            .standards
            .iter()
            .any(|s| matches!(s, PdfStandard::Ua_1 | PdfStandard::A_1a | PdfStandard::A_2a | PdfStandard::A_3a));
        if !settings.signature_fields || slots.is_empty() || accessible {
            return Ok(pdf);
        }
        crate::pdf::add_signature_fields(&pdf, &slots)
            .map_err(|e| Diagnostic::error("pdf.fields", format!("could not add signature fields: {e}")).into())
    }

    /// One PNG per page at `ppi` pixels per inch, for previews.
    pub fn png(&self, ppi: f32) -> Result<Vec<Vec<u8>>, Diagnostics> {
        let options = typst_render::RenderOptions {
            pixel_per_pt: typst::utils::Scalar::new(f64::from(ppi) / 72.0),
            render_bleed: false,
        };
        self.doc
            .pages()
            .iter()
            .map(|page| {
                typst_render::render(page, &options)
                    .encode_png()
                    .map_err(|e| Diagnostic::error("render.png", format!("failed to encode PNG ({e})")).into())
            })
            .collect()
    }

    /// One SVG per page.
    pub fn svg(&self) -> Vec<String> {
        let options = typst_svg::SvgOptions::default();
        self.doc.pages().iter().map(|page| typst_svg::svg(page, &options)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standards_parse_by_typst_name() {
        assert!(matches!(parse_pdf_standard("a-2b"), Ok(PdfStandard::A_2b)));
        assert!(matches!(parse_pdf_standard("1.7"), Ok(PdfStandard::V_1_7)));
        let err = parse_pdf_standard("a-9").err().unwrap_or_default();
        assert!(err.contains("a-2b"), "{err}");
    }

    #[test]
    fn every_listed_name_parses() {
        for name in PDF_STANDARD_NAMES {
            assert!(parse_pdf_standard(name).is_ok(), "{name}");
        }
    }
}
