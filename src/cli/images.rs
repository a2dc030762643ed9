//! Loading the signature and seal images of a visible signature, for
//! `render`, `check` and `watch`.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Source;

/// The signature and seal images: from the command line, else from the
/// YAML (paths relative to the YAML file).
pub(super) fn signature_images(
    input: &Path,
    (cli_signature, cli_seal): (Option<&PathBuf>, Option<&PathBuf>),
    doc: &crate::model::Document,
    source: &Source,
) -> Result<crate::typeset::SignatureImages, Diagnostics> {
    let base = input.parent().unwrap_or(Path::new("."));
    let signer = doc.signer.as_ref();
    let pick = |cli: Option<&PathBuf>, yaml: Option<&String>, field: &str| -> Result<_, Diagnostics> {
        let (path, from_yaml) = match (cli, yaml) {
            (Some(p), _) => (p.to_path_buf(), false),
            (None, Some(p)) => (base.join(p), true),
            (None, None) => return Ok(None),
        };
        let located = |d: Diagnostic| -> Diagnostics {
            if from_yaml {
                let path = format!("signer.{field}");
                let span = crate::model::SpanIndex::build(&source.text).locate(&path);
                let mut d = d.with_file(source.name.clone()).with_path(path);
                d.span = span;
                d.into()
            } else {
                d.into()
            }
        };
        let bytes = std::fs::read(&path).map_err(|e| {
            located(Diagnostic::error(
                "io.image",
                format!("failed to read {} ({})", path.display(), crate::io::io_reason(&e)),
            ))
        })?;
        let is_png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
        let is_jpeg = bytes.starts_with(&[0xFF, 0xD8, 0xFF]);
        if !is_png && !is_jpeg {
            return Err(located(
                Diagnostic::error("io.image", format!("{} is not a PNG or JPEG image", path.display()))
                    .with_hint("use a PNG with a transparent background"),
            ));
        }
        Ok(Some(typst::foundations::Bytes::new(bytes)))
    };
    Ok(crate::typeset::SignatureImages {
        signature: pick(cli_signature, signer.and_then(|s| s.signature_image.as_ref()), "signature_image")?,
        seal: pick(cli_seal, signer.and_then(|s| s.seal_image.as_ref()), "seal_image")?,
    })
}
