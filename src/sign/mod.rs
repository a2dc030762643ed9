//! Digital signatures (ký số): PAdES B-B, applied as an incremental
//! update so that the signed bytes are exactly the PDF as it was — the
//! rendered document, or a document already signed by someone else.
//!
//! The signature goes into the first empty signature field (vanban's
//! rendered PDFs have one per signature block, `Signature1`, …), or into
//! a named one; a PDF without one gets an invisible field on page 1.
//!
//! Entry points: [`load_identity`], [`sign_pdf`], [`SignOptions`].

mod appearance;
mod cms;
mod pkcs12;

use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};

pub use appearance::Appearance;
pub use pkcs12::Identity;

use crate::pdf::{Form, Incremental, PdfError, add_annots, field_name, rect_object, signature_widget, text_string};

/// What can go wrong when signing.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// The .p12 file could not be read.
    #[error("cannot read the certificate file: {0}")]
    Pkcs12(String),
    /// The password does not open the .p12 file.
    #[error("wrong password for the certificate file")]
    Password,
    /// The PDF could not be read or extended.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// Building the CMS signature failed.
    #[error("cannot build the signature: {0}")]
    Cms(String),
    /// The named field is missing or already signed.
    #[error("{0}")]
    Field(String),
    /// A signature or seal image could not be used.
    #[error("{0}")]
    Appearance(String),
}

/// Read a signing identity from the bytes of a .p12 / .pfx file.
pub fn load_identity(p12: &[u8], password: &str) -> Result<Identity, SignError> {
    pkcs12::load(p12, password)
}

/// The signature's details.
#[derive(Debug, Clone, Default)]
pub struct SignOptions {
    /// Why (`/Reason`), e.g. "Phê duyệt ban hành".
    pub reason: Option<String>,
    /// Where (`/Location`), e.g. "Hà Nội".
    pub location: Option<String>,
    /// The field to sign; default: the first empty signature field.
    pub field: Option<String>,
    /// Signing time (`/M`), UTC.
    pub time: chrono::DateTime<chrono::Utc>,
    /// Images to show in the field (none: the field's own appearance).
    pub appearance: Appearance,
}

/// Room for the CMS blob: certificates plus signature and attributes.
fn contents_capacity(identity: &Identity) -> usize {
    use der::Encode as _;
    let certs: usize = std::iter::once(&identity.certificate)
        .chain(&identity.chain)
        .map(|c| c.encoded_len().map(|l| u32::from(l) as usize).unwrap_or(4096))
        .sum();
    certs + 4096
}

/// The byte-range placeholder: fixed width, patched in place.
const BYTE_RANGE_PLACEHOLDER: &str = "[0 0000000000 0000000000 0000000000]";

/// Sign `pdf` with `identity`; returns the signed file's bytes.
pub fn sign_pdf(pdf: &[u8], identity: &Identity, options: &SignOptions) -> Result<Vec<u8>, SignError> {
    let mut inc = Incremental::open(pdf)?;
    let mut form = Form::open(&inc)?;

    let sig_id = inc.alloc();
    let capacity = contents_capacity(identity);
    inc.put_raw(sig_id, signature_dictionary(identity, options, capacity).into_bytes());

    match find_field(&inc, &form.fields, options.field.as_deref())? {
        Some((field_id, mut field)) => {
            if !options.appearance.is_empty() {
                let rect = rect_of(&field)?;
                let (appearance, grown) = appearance::write(&mut inc, rect, &options.appearance)?;
                field.set("Rect", rect_object(grown));
                let mut ap = Dictionary::new();
                ap.set("N", Object::Reference(appearance));
                field.set("AP", Object::Dictionary(ap));
            }
            field.set("V", Object::Reference(sig_id));
            inc.put(field_id, &Object::Dictionary(field));
        }
        None if !options.appearance.is_empty() => {
            return Err(SignError::Field(
                "the PDF has no empty signature field to show the images in; render it with vanban (every \
                 signature block is a field) or sign without images"
                    .into(),
            ));
        }
        None => {
            // No room was marked: an invisible signature on page 1.
            let page_id =
                *inc.doc.get_pages().get(&1).ok_or_else(|| PdfError::Structure("the PDF has no pages".into()))?;
            let field_id = inc.alloc();
            let name = options.field.clone().unwrap_or_else(|| field_name(form.fields.len() + 1));
            // Print + Locked.
            let mut field = signature_widget(&name, [0.0; 4], 132, page_id);
            field.set("V", Object::Reference(sig_id));
            inc.put(field_id, &Object::Dictionary(field));
            form.fields.push(Object::Reference(field_id));
            add_annots(&mut inc, page_id, vec![Object::Reference(field_id)])?;
        }
    }
    // SignaturesExist | AppendOnly.
    form.dict.set("SigFlags", Object::Integer(3));
    form.store(&mut inc);

    let mut out = inc.finish();
    let tail_start = pdf.len();
    let range_at = find(&out[tail_start..], format!("/ByteRange{BYTE_RANGE_PLACEHOLDER}").as_bytes())
        .map(|i| tail_start + i + "/ByteRange".len())
        .ok_or_else(|| SignError::Cms("the byte range placeholder went missing".into()))?;
    let contents_at = find(&out[range_at..], b"/Contents<")
        .map(|i| range_at + i + "/Contents".len())
        .ok_or_else(|| SignError::Cms("the contents placeholder went missing".into()))?;
    // `a` is the `<`, `b` just past the `>`: the hex string is not signed.
    let (a, b) = (contents_at, contents_at + 2 * capacity + 2);
    let range = format!("[0 {a} {b} {}]", out.len() - b);
    let padded = format!("{range:<width$}", width = BYTE_RANGE_PLACEHOLDER.len());
    out[range_at..range_at + padded.len()].copy_from_slice(padded.as_bytes());

    let mut hasher = Sha256::new();
    hasher.update(&out[..a]);
    hasher.update(&out[b..]);
    let digest = hasher.finalize();
    let der = cms::signed_data(identity, &digest)?;
    if der.len() > capacity {
        return Err(SignError::Cms(format!("the signature ({} bytes) does not fit its room ({capacity})", der.len())));
    }
    let hex: String = der.iter().map(|byte| format!("{byte:02X}")).collect();
    out[a + 1..a + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// The signature dictionary with its placeholders.
fn signature_dictionary(identity: &Identity, options: &SignOptions, capacity: usize) -> String {
    let mut dict = format!(
        "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M({})",
        options.time.format("D:%Y%m%d%H%M%S+00'00'")
    );
    let mut text = |key: &str, value: &str| {
        let mut buf = Vec::new();
        let _ = lopdf::Writer::write_object(&mut buf, &text_string(value));
        dict.push_str(&format!("/{key}{}", String::from_utf8_lossy(&buf)));
    };
    if let Some(name) = common_name(identity) {
        text("Name", &name);
    }
    if let Some(reason) = &options.reason {
        text("Reason", reason);
    }
    if let Some(location) = &options.location {
        text("Location", location);
    }
    format!("{dict}/ByteRange{BYTE_RANGE_PLACEHOLDER}/Contents<{}>>>", "0".repeat(2 * capacity))
}

/// The signer's common name, shown by viewers as who signed.
fn common_name(identity: &Identity) -> Option<String> {
    const CN: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("2.5.4.3");
    identity
        .certificate
        .tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == CN)
        .and_then(|atv| {
            atv.value
                .decode_as::<der::asn1::Utf8StringRef<'_>>()
                .map(|s| s.as_str().to_string())
                .or_else(|_| atv.value.decode_as::<der::asn1::PrintableStringRef<'_>>().map(|s| s.as_str().to_string()))
                .ok()
        })
}

/// The empty signature field to sign into: the named one, or the first.
fn find_field(
    inc: &Incremental<'_>,
    fields: &[Object],
    wanted: Option<&str>,
) -> Result<Option<(ObjectId, Dictionary)>, SignError> {
    let mut names = Vec::new();
    for field in fields {
        let Object::Reference(id) = field else { continue };
        let Ok(dict) = inc.dict(*id) else { continue };
        let is_sig = dict.get(b"FT").and_then(Object::as_name).is_ok_and(|n| n == b"Sig");
        let name = dict.get(b"T").ok().and_then(|t| lopdf::decode_text_string(t).ok()).unwrap_or_default();
        if !is_sig {
            continue;
        }
        let signed = dict.has(b"V");
        match wanted {
            Some(w) if w == name && signed => {
                return Err(SignError::Field(format!("the signature field `{name}` is already signed")));
            }
            Some(w) if w == name => return Ok(Some((*id, dict))),
            None if !signed => return Ok(Some((*id, dict))),
            _ => names.push(name),
        }
    }
    match wanted {
        Some(w) if !names.is_empty() => {
            Err(SignError::Field(format!("no signature field `{w}`; the PDF has: {}", names.join(", "))))
        }
        _ => Ok(None),
    }
}

/// A field's `/Rect`, normalised to `[x1 y1 x2 y2]` with x1 < x2, y1 < y2.
fn rect_of(field: &Dictionary) -> Result<[f64; 4], SignError> {
    let values: Vec<f64> = field
        .get(b"Rect")
        .and_then(Object::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_float().ok().map(f64::from)).collect())
        .unwrap_or_default();
    let [a, b, c, d] = values[..] else {
        return Err(SignError::Field("the signature field has no rectangle".into()));
    };
    if (c - a).abs() < 1.0 || (d - b).abs() < 1.0 {
        return Err(SignError::Field("the signature field is invisible (no area) and cannot show images".into()));
    }
    Ok([a.min(c), b.min(d), a.max(c), b.max(d)])
}

/// The first position of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// An identity with the options of its signatures: what a batch shares
/// between its workers.
pub struct Signer {
    /// Who signs.
    pub identity: Identity,
    /// How.
    pub options: SignOptions,
}

impl Signer {
    /// Sign one PDF.
    pub fn sign(&self, pdf: &[u8]) -> Result<Vec<u8>, SignError> {
        sign_pdf(pdf, &self.identity, &self.options)
    }
}

impl std::fmt::Debug for Signer {
    // The key stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("subject", &common_name(&self.identity).unwrap_or_default())
            .field("options", &self.options)
            .finish()
    }
}
