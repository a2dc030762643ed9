//! The typed document model: what a user writes in YAML, checked by serde.
//!
//! Users write content; the tool writes form. So the model holds names in
//! normal case, numbers without codes and recipients without punctuation;
//! `render::view` turns them into the profile's form.
//!
//! Entry point: [`load`] reads YAML text into a [`Document`] and reports
//! every problem as a located [`crate::diag::Diagnostic`].

mod body;
mod common;
pub mod inline;
mod load;
mod spans;

pub(crate) use load::closest;

use serde::{Deserialize, Serialize};

pub use body::{Block, ListItem, Node};
pub use common::{AuthorityKind, DocDate, DocNumber, Issuer, Signer};
pub use load::{Source, load};
pub use spans::SpanIndex;

/// The kind of document (loại văn bản).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Công văn: a letter without a type name, with "V/v" and "Kính gửi".
    CongVan,
}

impl Kind {
    /// The template that arranges this kind.
    pub fn template(self) -> &'static str {
        match self {
            Self::CongVan => "cong-van.j2.typ",
        }
    }

    /// The default type code (ký hiệu loại văn bản).
    pub fn type_code(self) -> &'static str {
        match self {
            Self::CongVan => "CV",
        }
    }

    /// The Vietnamese name, for titles and metadata.
    pub fn name_vi(self) -> &'static str {
        match self {
            Self::CongVan => "Công văn",
        }
    }
}

/// A document as written in YAML.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Loại văn bản: which kind of document this is.
    pub kind: Kind,
    /// Thể thức: the format profile (`hd36` for Party documents).
    #[serde(default)]
    pub profile: Option<String>,
    /// Cơ quan ban hành.
    pub issuer: Issuer,
    /// Số: the running number; left out for a draft.
    #[serde(default)]
    pub number: Option<DocNumber>,
    /// Ký hiệu loại: overrides the type code derived from `kind`.
    #[serde(default)]
    pub type_code: Option<String>,
    /// Địa danh: the place in the date line ("Giang Biên").
    pub place: String,
    /// Ngày ban hành; left out for a draft.
    #[serde(default)]
    pub date: Option<DocDate>,
    /// Trích yếu: what the document is about (without "V/v").
    #[serde(default)]
    pub subject: Option<String>,
    /// Kính gửi: the addressees, names only.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Nội dung: the body.
    #[serde(default)]
    pub body: Vec<Block>,
    /// Đoạn kết: the closing paragraph.
    #[serde(default)]
    pub closing: Option<String>,
    /// Người ký.
    pub signer: Signer,
    /// Nơi nhận: the distribution list, names only; the last is the file copy.
    #[serde(default)]
    pub distribution: Vec<String>,
    /// Phông chữ: a font family to use instead of the profile's.
    #[serde(default)]
    pub font: Option<String>,
}

impl Document {
    /// The type code in the number: the override or the kind's own.
    pub fn type_code(&self) -> &str {
        self.type_code.as_deref().unwrap_or(self.kind.type_code())
    }
}
