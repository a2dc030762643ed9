//! The visible appearance of a signature applied to a finished PDF
//! (NĐ 30 Phụ lục I): the signer's signature image centred in the field,
//! the organ's seal at true size over the signature's left third. The
//! placement is the one `style.typ` uses when the images are given at
//! render time, so both routes look the same.
//!
//! Images become PDF image XObjects (RGB, Flate, the alpha channel as a
//! soft mask, which PDF/A-2 allows) drawn by the field's appearance form.

use std::io::Write as _;

use lopdf::ObjectId;

use super::SignError;
use crate::pdf::Incremental;

/// The images of a visible signature, as file bytes (PNG or JPEG).
#[derive(Debug, Clone, Default)]
pub struct Appearance {
    /// The signer's handwritten signature.
    pub signature: Option<Vec<u8>>,
    /// The organ's seal.
    pub seal: Option<Vec<u8>>,
    /// The seal's true diameter, in millimetres.
    pub seal_mm: f64,
}

impl Appearance {
    /// Whether there is anything to draw.
    pub fn is_empty(&self) -> bool {
        self.signature.is_none() && self.seal.is_none()
    }
}

/// A decoded image: size in pixels, RGB and alpha planes.
struct Decoded {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

fn decode(bytes: &[u8], what: &str) -> Result<Decoded, SignError> {
    let image = image::load_from_memory(bytes)
        .map_err(|e| SignError::Appearance(format!("the {what} image cannot be read ({e})")))?
        .to_rgba8();
    let (width, height) = image.dimensions();
    let mut rgb = Vec::with_capacity((width * height * 3) as usize);
    let mut alpha = Vec::with_capacity((width * height) as usize);
    for p in image.pixels() {
        rgb.extend_from_slice(&p.0[..3]);
        alpha.push(p.0[3]);
    }
    let opaque = alpha.iter().all(|&a| a == 255);
    Ok(Decoded { width, height, rgb, alpha: (!opaque).then_some(alpha) })
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<<{dict}/Length {}>>stream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// Write one image (and its soft mask) as XObjects; returns its id.
fn put_image(inc: &mut Incremental<'_>, image: &Decoded) -> ObjectId {
    let (w, h) = (image.width, image.height);
    let smask = image.alpha.as_ref().map(|alpha| {
        let id = inc.alloc();
        let dict = format!(
            "/Type/XObject/Subtype/Image/Width {w}/Height {h}/ColorSpace/DeviceGray/BitsPerComponent 8/Filter/FlateDecode"
        );
        inc.put_raw(id, stream(&dict, &deflate(alpha)));
        id
    });
    let id = inc.alloc();
    let mask = smask.map(|m| format!("/SMask {} 0 R", m.0)).unwrap_or_default();
    let dict = format!(
        "/Type/XObject/Subtype/Image/Width {w}/Height {h}/ColorSpace/DeviceRGB/BitsPerComponent 8/Filter/FlateDecode{mask}"
    );
    inc.put_raw(id, stream(&dict, &deflate(&image.rgb)));
    id
}

/// A box in the field's coordinates (origin at the room's lower left).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Place {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// Where the signature and seal go in a room `w` × `h` (pt), given their
/// aspect ratios (width / height): the rules of `style.typ`'s `sig-room`.
fn layout(w: f64, h: f64, signature: Option<f64>, seal: Option<f64>, seal_pt: f64) -> (Option<Place>, Option<Place>) {
    let sig = signature.map(|ratio| {
        let (mut sw, mut sh) = (h * 0.75 * ratio, h * 0.75);
        if sw > w * 0.7 {
            sw = w * 0.7;
            sh = sw / ratio;
        }
        Place { x: (w - sw) / 2.0, y: (h - sh) / 2.0, w: sw, h: sh }
    });
    let seal = seal.map(|ratio| {
        // The seal's box is `seal_pt` square; the image fits inside it.
        let right = match sig {
            Some(s) => s.x + s.w / 3.0,
            None => w / 2.0 + seal_pt / 6.0,
        };
        let (iw, ih) = if ratio >= 1.0 { (seal_pt, seal_pt / ratio) } else { (seal_pt * ratio, seal_pt) };
        let (bx, by) = (right - seal_pt, (h - seal_pt) / 2.0);
        Place { x: bx + (seal_pt - iw) / 2.0, y: by + (seal_pt - ih) / 2.0, w: iw, h: ih }
    });
    (sig, seal)
}

/// Write the appearance of a signature field whose room is `rect`.
/// Returns the appearance form's id and the widget's new rectangle: the
/// room grown to hold a seal larger than it.
pub fn write(
    inc: &mut Incremental<'_>,
    rect: [f64; 4],
    images: &Appearance,
) -> Result<(ObjectId, [f64; 4]), SignError> {
    let signature = images.signature.as_deref().map(|b| decode(b, "signature")).transpose()?;
    let seal = images.seal.as_deref().map(|b| decode(b, "seal")).transpose()?;
    let ratio = |d: &Decoded| f64::from(d.width) / f64::from(d.height.max(1));
    let (w, h) = (rect[2] - rect[0], rect[3] - rect[1]);
    let seal_pt = images.seal_mm * 72.0 / 25.4;
    let (sig_at, seal_at) = layout(w, h, signature.as_ref().map(ratio), seal.as_ref().map(ratio), seal_pt);

    let mut content = String::new();
    let mut resources = String::new();
    let mut bbox = [0.0, 0.0, w, h];
    // The seal is drawn last: it lies over the signature.
    for (name, image, at) in [("Sig", &signature, sig_at), ("Seal", &seal, seal_at)] {
        let (Some(image), Some(at)) = (image, at) else { continue };
        let id = put_image(inc, image);
        resources.push_str(&format!("/{name} {} 0 R", id.0));
        content.push_str(&format!("q {:.3} 0 0 {:.3} {:.3} {:.3} cm /{name} Do Q\n", at.w, at.h, at.x, at.y));
        bbox = [bbox[0].min(at.x), bbox[1].min(at.y), bbox[2].max(at.x + at.w), bbox[3].max(at.y + at.h)];
    }
    let form = inc.alloc();
    let dict = format!(
        "/Type/XObject/Subtype/Form/BBox[{:.3} {:.3} {:.3} {:.3}]/Resources<</XObject<<{resources}>>>>",
        bbox[0], bbox[1], bbox[2], bbox[3]
    );
    inc.put_raw(form, stream(&dict, content.as_bytes()));
    let grown = [rect[0] + bbox[0], rect[1] + bbox[1], rect[0] + bbox[2], rect[1] + bbox[3]];
    Ok((form, grown))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_centred_and_the_seal_covers_its_left_third() {
        let (sig, seal) = layout(200.0, 80.0, Some(2.0), Some(1.0), 100.0);
        let (sig, seal) = (sig.unwrap(), seal.unwrap());
        // 3/4 of the height, centred.
        assert_eq!((sig.w, sig.h), (120.0, 60.0));
        assert_eq!((sig.x, sig.y), (40.0, 10.0));
        // True size, right edge at a third of the signature, centred vertically.
        assert_eq!((seal.w, seal.h), (100.0, 100.0));
        assert!((seal.x + seal.w - (sig.x + sig.w / 3.0)).abs() < 1e-9);
        assert_eq!(seal.y, -10.0);
    }

    #[test]
    fn a_wide_signature_is_held_to_seventy_percent_of_the_room() {
        let (sig, _) = layout(200.0, 80.0, Some(10.0), None, 100.0);
        let sig = sig.unwrap();
        assert!((sig.w - 140.0).abs() < 1e-9 && (sig.h - 14.0).abs() < 1e-9);
    }
}
