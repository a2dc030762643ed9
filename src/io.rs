//! File output shared by every command: a failure never leaves a
//! half-written file (write a temporary file beside the target, then
//! rename it over), and I/O errors read as short lowercase reasons.

use std::io::Write;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};

/// Write `bytes` to `path` atomically, keeping an existing file's mode.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostics> {
    write(path, bytes, true)
}

/// Write `bytes` to `path` atomically but without waiting for the disk:
/// the file is still whole or absent if the process fails, only a power
/// loss may lose it. A batch writes a thousand files this way — an fsync
/// each cost more than rendering them.
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> Result<(), Diagnostics> {
    write(path, bytes, false)
}

fn write(path: &Path, bytes: &[u8], sync: bool) -> Result<(), Diagnostics> {
    let fail = |e: std::io::Error| -> Diagnostics {
        Diagnostic::error("io.write", format!("failed to write {} ({})", path.display(), io_reason(&e))).into()
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".vanban-").suffix(".part");
    // tempfile creates owner-only files; a document is meant to be shared.
    if let Some(permissions) = target_permissions(path) {
        builder.permissions(permissions);
    }
    let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    if sync {
        tmp.as_file().sync_all().map_err(fail)?;
    }
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// The existing target's permissions, or 0644 for a new file on Unix.
fn target_permissions(path: &Path) -> Option<std::fs::Permissions> {
    if let Ok(meta) = std::fs::metadata(path) {
        return Some(meta.permissions());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    None
}

/// Refuse to write over the input file.
pub fn ensure_not_input(input: &Path, output: &Path) -> Result<(), Diagnostics> {
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Diagnostic::error(
            "io.write",
            format!("refusing to overwrite the input file {}", output.display()),
        )
        .with_hint("choose another output with -o")
        .into());
    }
    Ok(())
}

/// A short lowercase reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().to_lowercase(),
    }
}

/// The current time in UTC, or `SOURCE_DATE_EPOCH` when it is set, so a
/// build that must carry a time (a signature, a PDF/A without a document
/// date) can still be reproduced.
pub fn now_utc() -> chrono::DateTime<chrono::Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(|| chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()))
}
