//! Parts shared by every document kind: issuer, number, date, signer.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// Cơ quan ban hành: who issues the document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Cơ quan cấp trên: the superior organ line ("Đảng bộ quận Long Biên"),
    /// written in normal case; omitted for top-level organs.
    #[serde(default)]
    pub superior: Option<String>,
    /// Cơ quan ban hành: the issuing organ ("Đảng ủy phường Giang Biên").
    pub organ: String,
    /// Ký hiệu cơ quan: the organ code in the number ("ĐU", "HU", "CB").
    pub code: String,
    /// Đơn vị soạn thảo: the drafting unit's code, used by State công văn
    /// numbers ("Số: 12/UBND-VP").
    #[serde(default)]
    pub unit: Option<String>,
}

/// Số văn bản: the running number, written as an integer (`68`) or a
/// string (`"068"`); left out for a draft, which prints a blank to fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct DocNumber(pub String);

impl<'de> Deserialize<'de> for DocNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DocNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a document number such as 68")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DocNumber, E> {
                Ok(DocNumber(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DocNumber, E> {
                u64::try_from(v)
                    .map(|v| DocNumber(v.to_string()))
                    .map_err(|_| E::custom(format!("invalid document number `{v}`: it must be positive")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DocNumber, E> {
                let v = v.trim();
                if v.is_empty() || v.chars().all(|c| c.is_ascii_digit()) {
                    Ok(DocNumber(v.to_string()))
                } else {
                    Err(E::custom(format!(
                        "invalid document number `{v}`: write only the digits (the tool adds the codes)"
                    )))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Ngày ban hành: a calendar date, written `2021-11-02` or `02/11/2021`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocDate(pub NaiveDate);

impl DocDate {
    /// Parse `YYYY-MM-DD` or `DD/MM/YYYY`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y")).ok().map(Self)
    }

    /// Day of month, 1-based.
    pub fn day(&self) -> u32 {
        self.0.day()
    }

    /// Month, 1-based.
    pub fn month(&self) -> u32 {
        self.0.month()
    }

    /// Year.
    pub fn year(&self) -> i32 {
        self.0.year()
    }
}

impl Serialize for DocDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for DocDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).ok_or_else(|| {
            de::Error::custom(format!("invalid date `{s}`: expected a real calendar date as YYYY-MM-DD or DD/MM/YYYY"))
        })
    }
}

/// Người ký: who signs, and in what capacity.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Quyền hạn ký: the authority line, e.g. `T/M Đảng ủy`, `K/T Bí thư`,
    /// `T/L Ban Thường vụ`; left out when the head of an advisory body
    /// signs directly. The prefix is spelled as the profile wants it.
    #[serde(default)]
    pub authority: Option<String>,
    /// Chức vụ: the signer's role, e.g. `Phó Bí thư`.
    pub role: String,
    /// Họ tên: the signer's full name, without titles.
    pub name: String,
    /// Hình ảnh chữ ký: the signer's signature as a PNG with a transparent
    /// background, for an electronic document (NĐ 30 Phụ lục I); a path
    /// relative to this file. Centred between the role and the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_image: Option<String>,
    /// Hình ảnh con dấu: the organ's seal as a red PNG with a transparent
    /// background, drawn at true size over the left third of the
    /// signature; a path relative to this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal_image: Option<String>,
}

/// The signing capacity read from the front of an authority line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityKind {
    /// Thay mặt: T/M (Party), TM. (State).
    OnBehalf,
    /// Ký thay: K/T, KT.
    Deputy,
    /// Thừa lệnh: T/L, TL.
    ByOrder,
    /// Thừa ủy quyền: TUQ.
    Authorized,
    /// Quyền: Q.
    Acting,
}

impl AuthorityKind {
    /// Every spelling accepted in input, longest first, with its kind.
    const SPELLINGS: &'static [(&'static str, AuthorityKind)] = &[
        ("T/UQ", Self::Authorized),
        ("TUQ.", Self::Authorized),
        ("TUQ", Self::Authorized),
        ("T/M", Self::OnBehalf),
        ("TM.", Self::OnBehalf),
        ("K/T", Self::Deputy),
        ("KT.", Self::Deputy),
        ("T/L", Self::ByOrder),
        ("TL.", Self::ByOrder),
        ("Q.", Self::Acting),
    ];

    /// Split `T/M Đảng ủy` into its kind, the prefix as written, and the rest.
    pub fn split(line: &str) -> (Option<(AuthorityKind, &str)>, &str) {
        let trimmed = line.trim_start();
        for (spelling, kind) in Self::SPELLINGS {
            if let Some(head) = trimmed.get(..spelling.len())
                && head.eq_ignore_ascii_case(spelling)
            {
                let rest = &trimmed[spelling.len()..];
                if rest.is_empty() || rest.starts_with(char::is_whitespace) || spelling.ends_with('.') {
                    return (Some((*kind, head)), rest.trim_start());
                }
            }
        }
        (None, trimmed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authority_prefixes_are_recognised() {
        assert_eq!(AuthorityKind::split("T/M Đảng ủy"), (Some((AuthorityKind::OnBehalf, "T/M")), "Đảng ủy"));
        assert_eq!(AuthorityKind::split("KT. Chủ tịch"), (Some((AuthorityKind::Deputy, "KT.")), "Chủ tịch"));
        assert_eq!(AuthorityKind::split("TM.Ủy ban"), (Some((AuthorityKind::OnBehalf, "TM.")), "Ủy ban"));
        assert_eq!(AuthorityKind::split("Trưởng ban"), (None, "Trưởng ban"));
        assert_eq!(AuthorityKind::split("Q. Chánh Văn phòng").0.map(|k| k.0), Some(AuthorityKind::Acting));
    }

    #[test]
    fn dates_in_both_notations() {
        assert_eq!(DocDate::parse("2021-11-02"), DocDate::parse("02/11/2021"));
        assert!(DocDate::parse("2021-02-30").is_none());
    }
}
