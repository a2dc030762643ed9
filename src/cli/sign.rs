//! `vanban sign`, and the signer behind `render --sign` and `batch --sign`.

use std::path::{Path, PathBuf};

use super::args::{SignArgs, SignCommandArgs};
use crate::diag::{Diagnostic, Diagnostics};
use crate::sign::{SignOptions, Signer};

/// Load the certificate and options named by the flags. Fails before any
/// rendering, so a wrong password costs nothing.
pub(super) fn signer(args: &SignArgs) -> Result<Signer, Diagnostics> {
    let Some(p12_path) = &args.p12 else {
        return Err(Diagnostic::error("sign.p12", "signing needs a certificate: --p12 FILE.p12").into());
    };
    let name = p12_path.display().to_string();
    let p12 = std::fs::read(p12_path).map_err(|e| {
        Diagnostic::error("io.read", format!("failed to read the certificate ({})", crate::io::io_reason(&e)))
            .with_file(name.clone().into())
    })?;
    let password = match &args.password_file {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| {
                Diagnostic::error("io.read", format!("failed to read the password file ({})", crate::io::io_reason(&e)))
                    .with_file(path.display().to_string().into())
            })?
            .lines()
            .next()
            .unwrap_or_default()
            .to_string(),
        None => std::env::var("VANBAN_P12_PASSWORD").unwrap_or_default(),
    };
    let identity = crate::sign::load_identity(&p12, &password).map_err(|e| {
        let mut d = Diagnostic::error("sign.p12", e.to_string()).with_file(name.clone().into());
        if matches!(e, crate::sign::SignError::Password) {
            d = d.with_hint("give the password with --password-file FILE or VANBAN_P12_PASSWORD");
        }
        Diagnostics::from(d)
    })?;
    let options = SignOptions {
        reason: args.reason.clone(),
        location: args.location.clone(),
        field: args.field.clone(),
        time: crate::io::now_utc(),
        appearance: crate::sign::Appearance::default(),
    };
    Ok(Signer { identity, options })
}

/// Sign `pdf` (named `name` in messages).
pub(super) fn apply(signer: &Signer, pdf: &[u8], name: &str) -> Result<Vec<u8>, Diagnostics> {
    signer.sign(pdf).map_err(|e| Diagnostic::error("sign.pdf", e.to_string()).with_file(name.to_string().into()).into())
}

/// `vanban sign IN.pdf --p12 CERT.p12 -o OUT.pdf`.
pub(super) fn sign(args: &SignCommandArgs) -> Result<u8, Diagnostics> {
    let mut signer = signer(&args.sign)?;
    if !(10.0..=80.0).contains(&args.seal_mm) {
        return Err(Diagnostic::error("cli.seal", format!("--seal-mm {} is not a seal's size", args.seal_mm))
            .with_hint("official seals measure 30 to 45 mm")
            .into());
    }
    let [signature, seal] = super::images::read_cli(&args.images)?;
    signer.options.appearance = crate::sign::Appearance { signature, seal, seal_mm: args.seal_mm };
    let name = args.input.display().to_string();
    let pdf = std::fs::read(&args.input).map_err(|e| {
        Diagnostic::error("io.read", format!("failed to read the PDF ({})", crate::io::io_reason(&e)))
            .with_file(name.clone().into())
    })?;
    let out = args.output.clone().unwrap_or_else(|| signed_name(&args.input));
    crate::io::ensure_not_input(&args.input, &out)?;
    let signed = apply(&signer, &pdf, &name)?;
    crate::io::write_atomic(&out, &signed)?;
    eprintln!("signed {} → {}", args.input.display(), out.display());
    Ok(0)
}

/// `cv.pdf` → `cv-signed.pdf`.
fn signed_name(input: &Path) -> PathBuf {
    let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    input.with_file_name(format!("{stem}-signed.pdf"))
}
