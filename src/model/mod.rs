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
pub mod schema;
mod spans;

pub(crate) use load::closest;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use body::{Block, Cell, Checkboxes, FillItem, ListItem, Node, SignatureSlot, Table, Width};
pub use common::{AuthorityKind, DocDate, DocNumber, Issuer, Signer};
pub use load::{Source, load};
pub use spans::SpanIndex;

/// The kind of document (loại văn bản).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Công văn: a letter without a type name, with "V/v" and "Kính gửi".
    CongVan,
    /// Kế hoạch.
    KeHoach,
    /// Báo cáo.
    BaoCao,
    /// Thông báo (also thông báo kết luận).
    ThongBao,
    /// Hướng dẫn.
    HuongDan,
    /// Quyết định: "… QUYẾT ĐỊNH:" then Điều 1., Điều 2.
    QuyetDinh,
    /// Nghị quyết: "… QUYẾT NGHỊ:".
    NghiQuyet,
    /// Quy định: Chương / Mục / Điều.
    QuyDinh,
    /// Quy chế: Chương / Mục / Điều.
    QuyChe,
    /// Chương trình (hành động, công tác).
    ChuongTrinh,
    /// Kết luận.
    KetLuan,
    /// Tờ trình: "Kính gửi" (or "Kính trình") a superior.
    ToTrinh,
    /// Giấy mời: time, place, attendees.
    GiayMoi,
    /// Biên bản: two signature blocks.
    BienBan,
    /// Biểu mẫu: a form with its own title and no number (bản kiểm điểm,
    /// phiếu, biểu tổng hợp); signature slots come from the body.
    BieuMau,
}

impl Kind {
    /// Every kind, in the order documentation lists them.
    pub const ALL: [Kind; 15] = [
        Self::CongVan,
        Self::KeHoach,
        Self::BaoCao,
        Self::ThongBao,
        Self::HuongDan,
        Self::QuyetDinh,
        Self::NghiQuyet,
        Self::QuyDinh,
        Self::QuyChe,
        Self::ChuongTrinh,
        Self::KetLuan,
        Self::ToTrinh,
        Self::GiayMoi,
        Self::BienBan,
        Self::BieuMau,
    ];

    /// The YAML spelling (`ke-hoach`), also the template's stem and the key
    /// of the profile's type-code table.
    pub fn id(self) -> &'static str {
        match self {
            Self::CongVan => "cong-van",
            Self::KeHoach => "ke-hoach",
            Self::BaoCao => "bao-cao",
            Self::ThongBao => "thong-bao",
            Self::HuongDan => "huong-dan",
            Self::QuyetDinh => "quyet-dinh",
            Self::NghiQuyet => "nghi-quyet",
            Self::QuyDinh => "quy-dinh",
            Self::QuyChe => "quy-che",
            Self::ChuongTrinh => "chuong-trinh",
            Self::KetLuan => "ket-luan",
            Self::ToTrinh => "to-trinh",
            Self::GiayMoi => "giay-moi",
            Self::BienBan => "bien-ban",
            Self::BieuMau => "bieu-mau",
        }
    }

    /// The template that arranges this kind (`ke-hoach.j2.typ`).
    pub fn template(self) -> String {
        format!("{}.j2.typ", self.id())
    }

    /// The Vietnamese name, in normal case ("Kế hoạch").
    pub fn name_vi(self) -> &'static str {
        match self {
            Self::CongVan => "Công văn",
            Self::KeHoach => "Kế hoạch",
            Self::BaoCao => "Báo cáo",
            Self::ThongBao => "Thông báo",
            Self::HuongDan => "Hướng dẫn",
            Self::QuyetDinh => "Quyết định",
            Self::NghiQuyet => "Nghị quyết",
            Self::QuyDinh => "Quy định",
            Self::QuyChe => "Quy chế",
            Self::ChuongTrinh => "Chương trình",
            Self::KetLuan => "Kết luận",
            Self::ToTrinh => "Tờ trình",
            Self::GiayMoi => "Giấy mời",
            Self::BienBan => "Biên bản",
            Self::BieuMau => "Biểu mẫu",
        }
    }

    /// Whether the document shows its type name (tên loại) under the
    /// header; only the công văn does not.
    pub fn is_named(self) -> bool {
        self != Self::CongVan
    }

    /// The verb line of a decision ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:").
    pub fn decision_verb(self) -> Option<&'static str> {
        match self {
            Self::QuyetDinh => Some("QUYẾT ĐỊNH:"),
            Self::NghiQuyet => Some("QUYẾT NGHỊ:"),
            _ => None,
        }
    }
}

/// A document as written in YAML.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
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
    /// Tên loại: the type name to print instead of the kind's own (a
    /// form's title, "Bản kiểm điểm cá nhân").
    #[serde(default)]
    pub title: Option<String>,
    /// Ký hiệu biểu mẫu: a form's code at the top right of page 1
    /// ("Mẫu 02-HD KĐ.ĐG 2019").
    #[serde(default)]
    pub form_label: Option<String>,
    /// Khổ ngang: lay the document out on landscape pages.
    #[serde(default)]
    pub landscape: bool,
    /// Trích yếu: what the document is about (without "V/v").
    #[serde(default)]
    pub subject: Option<String>,
    /// Kính gửi: the addressees, names only.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The label before the addressees, when not the profile's "Kính gửi:"
    /// (a tờ trình may say "Kính trình:").
    #[serde(default)]
    pub recipients_label: Option<String>,
    /// Căn cứ: legal bases, one per line before the body; the profile adds
    /// the dash and the punctuation.
    #[serde(default)]
    pub bases: Vec<String>,
    /// Chủ thể quyết định: who decides, for a quyết định or nghị quyết
    /// ("Ban Thường vụ Đảng ủy" → "BAN THƯỜNG VỤ ĐẢNG ỦY QUYẾT ĐỊNH:").
    #[serde(default)]
    pub decision: Option<String>,
    /// Cuộc họp: time, place and people of a giấy mời or biên bản.
    #[serde(default)]
    pub meeting: Option<Meeting>,
    /// Nội dung: the body.
    #[serde(default)]
    pub body: Vec<Block>,
    /// Đoạn kết: the closing paragraph.
    #[serde(default)]
    pub closing: Option<String>,
    /// Người ký; a form (`bieu-mau`) may have none and use `signatures`.
    #[serde(default)]
    pub signer: Option<Signer>,
    /// Người ghi biên bản: the second signature of a biên bản, at the left.
    #[serde(default)]
    pub recorder: Option<Signer>,
    /// Nơi nhận: the distribution list, names only; the last is the file copy.
    #[serde(default)]
    pub distribution: Vec<String>,
    /// Phông chữ: a font family to use instead of the profile's.
    #[serde(default)]
    pub font: Option<String>,
    /// Numbering patterns per section level, overriding the profile's
    /// (e.g. `["I.", "1.", "a)"]`).
    #[serde(default)]
    pub outline: Option<Vec<String>>,
    /// Phụ lục, biểu mẫu: appendices, each on its own page(s).
    #[serde(default)]
    pub appendices: Vec<Appendix>,
    /// Format rules this document turns off, by id (`NHU-TREN` or
    /// `HD36.NHU-TREN`); `vanban rules` lists them.
    #[serde(default)]
    pub rules_off: Vec<String>,
}

/// Time, place and people of a meeting (giấy mời, biên bản).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Thời gian ("14 giờ 00, thứ Năm, ngày 05/12/2025").
    #[serde(default)]
    pub time: Option<String>,
    /// Địa điểm.
    #[serde(default)]
    pub venue: Option<String>,
    /// Chủ trì.
    #[serde(default)]
    pub chair: Option<String>,
    /// Thư ký / người ghi biên bản.
    #[serde(default)]
    pub secretary: Option<String>,
    /// Thành phần: who attends (is invited).
    #[serde(default)]
    pub attendees: Vec<String>,
    /// Vắng mặt: who is absent (biên bản).
    #[serde(default)]
    pub absent: Vec<String>,
    /// Nội dung: what the meeting is about (giấy mời).
    #[serde(default)]
    pub content: Option<String>,
}

/// Phụ lục / biểu mẫu: an appendix that starts on a new page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// The label at the top ("Phụ lục 1", "Mẫu 01", "Biểu 01").
    pub label: String,
    /// The title, in normal case (the tool upper-cases it).
    pub title: String,
    /// A line under the title ("Năm 2021", "(Dùng cho chi bộ)").
    #[serde(default)]
    pub subtitle: Option<String>,
    /// How it hangs on the parent: "Kèm theo" (default) or "Ban hành kèm theo".
    #[serde(default)]
    pub attached: Option<String>,
    /// Lay it out on landscape pages.
    #[serde(default)]
    pub landscape: bool,
    /// Numbering patterns per section level (default: the profile's
    /// outline for named documents, I. / 1. / a)).
    #[serde(default)]
    pub outline: Option<Vec<String>>,
    /// Its content.
    #[serde(default)]
    pub body: Vec<Block>,
}

impl Document {
    /// Whether the document has a type name line (all but the công văn).
    pub fn is_named(&self) -> bool {
        self.kind.is_named()
    }
}
