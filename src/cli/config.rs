//! `vanban.toml`: project-wide settings, found in the input's directory or
//! the nearest one above it, so a văn phòng can turn a rule off once for
//! all its documents.
//!
//! ```toml
//! [rules]
//! off = ["NHU-TREN"]        # ids with or without the guide prefix
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics};

/// The file name looked for.
pub const FILE: &str = "vanban.toml";

/// Settings from `vanban.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    /// Format rules.
    #[serde(default)]
    pub rules: RulesConfig,
}

/// `[rules]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesConfig {
    /// Rule ids turned off for every document of the project.
    #[serde(default)]
    pub off: Vec<String>,
}

impl ProjectConfig {
    /// The nearest `vanban.toml` at or above `input`'s directory, or the
    /// defaults when there is none.
    pub fn find(input: &Path) -> Result<Self, Diagnostics> {
        let start = input.canonicalize().ok().and_then(|p| p.parent().map(Path::to_path_buf));
        let mut dir: Option<PathBuf> = start;
        while let Some(d) = dir {
            let path = d.join(FILE);
            if path.is_file() {
                return Self::read(&path);
            }
            dir = d.parent().map(Path::to_path_buf);
        }
        Ok(Self::default())
    }

    fn read(path: &Path) -> Result<Self, Diagnostics> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::error("io.read", format!("failed to read {name} ({})", crate::io::io_reason(&e)))
        })?;
        toml::from_str(&text).map_err(|e| {
            Diagnostic::error("config.invalid", format!("invalid {FILE} ({})", e.message().trim()))
                .with_file(name.into())
                .with_hint("the file holds `[rules]` with `off = [\"ID\", …]`")
                .into()
        })
    }
}
