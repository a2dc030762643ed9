//! Loading the signature and seal images of a visible signature, for
//! `render`, `check`, `watch` and `sign`.

use std::path::{Path, PathBuf};

use super::args::ImageArgs;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Document, Source};

/// The image files a document names (signature, seal), relative to the
/// YAML's directory.
pub(super) fn yaml_paths(input: &Path, doc: &Document) -> [Option<PathBuf>; 2] {
    let base = input.parent().unwrap_or(Path::new("."));
    let signer = doc.signer.as_ref();
    [signer.and_then(|s| s.signature_image.as_ref()), signer.and_then(|s| s.seal_image.as_ref())]
        .map(|p| p.map(|p| base.join(p)))
}

/// Read an image file, which must be a PNG or JPEG.
pub(super) fn read_image(path: &Path) -> Result<Vec<u8>, Diagnostics> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error("io.image", format!("failed to read {} ({})", path.display(), crate::io::io_reason(&e)))
    })?;
    let is_png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
    let is_jpeg = bytes.starts_with(&[0xFF, 0xD8, 0xFF]);
    if !is_png && !is_jpeg {
        return Err(Diagnostic::error("io.image", format!("{} is not a PNG or JPEG image", path.display()))
            .with_hint("use a PNG with a transparent background")
            .into());
    }
    Ok(bytes)
}

/// Both images of the command line, read (for `sign`).
pub(super) fn read_cli(images: &ImageArgs) -> Result<[Option<Vec<u8>>; 2], Diagnostics> {
    let read = |p: &Option<PathBuf>| p.as_deref().map(read_image).transpose();
    Ok([read(&images.signature_image)?, read(&images.seal_image)?])
}

/// The signature and seal images: from the command line, else from the
/// YAML, where an error is located at the field that names the file.
pub(super) fn signature_images(
    input: &Path,
    cli: Option<&ImageArgs>,
    doc: &Document,
    source: &Source,
) -> Result<crate::typeset::SignatureImages, Diagnostics> {
    let [yaml_signature, yaml_seal] = yaml_paths(input, doc);
    let pick = |cli: Option<&PathBuf>, yaml: Option<PathBuf>, field: &str| -> Result<_, Diagnostics> {
        if let Some(path) = cli {
            return Ok(Some(typst::foundations::Bytes::new(read_image(path)?)));
        }
        let Some(path) = yaml else { return Ok(None) };
        let bytes = read_image(&path).map_err(|mut diags| {
            let at = format!("signer.{field}");
            let span = crate::model::SpanIndex::build(&source.text).locate(&at);
            for d in &mut diags.0 {
                d.file = Some(source.name.clone());
                d.path = Some(at.clone());
                d.span = span;
            }
            diags
        })?;
        Ok(Some(typst::foundations::Bytes::new(bytes)))
    };
    Ok(crate::typeset::SignatureImages {
        signature: pick(cli.and_then(|c| c.signature_image.as_ref()), yaml_signature, "signature_image")?,
        seal: pick(cli.and_then(|c| c.seal_image.as_ref()), yaml_seal, "seal_image")?,
    })
}
