//! The annual review kit: built-in templates for the forms of the review
//! season (HD 21-HD/BTCTW 2019 and HD 43-HD/BTCTW 2025), the data rows
//! that fill them, and the summary sheet computed from those rows.
//!
//! Entry points: [`Kit::builtin`], [`Kit::get`], [`validate_row`],
//! [`KitTemplate::fields`], [`summary_document`].

pub mod data;
pub mod summary;
mod template;

use std::collections::BTreeMap;

pub use data::{Row, Table};
pub use template::{KitMeta, KitTemplate, Per, Rule, fill, holds, truthy};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{DocDate, Document};

/// The kit templates compiled into the binary.
const BUILTIN: &[(&str, &str)] = &[
    ("bao-cao-tap-the-2019", include_str!("../../data/kit/bao-cao-tap-the-2019.yaml")),
    ("kiem-diem-ca-nhan-2019", include_str!("../../data/kit/kiem-diem-ca-nhan-2019.yaml")),
    ("phieu-phan-tich-2019", include_str!("../../data/kit/phieu-phan-tich-2019.yaml")),
    ("bao-cao-tap-the-2025", include_str!("../../data/kit/bao-cao-tap-the-2025.yaml")),
    ("kiem-diem-ca-nhan-2025", include_str!("../../data/kit/kiem-diem-ca-nhan-2025.yaml")),
    ("thong-bao-xep-loai", include_str!("../../data/kit/thong-bao-xep-loai.yaml")),
    ("tong-hop-xep-loai", include_str!("../../data/kit/tong-hop-xep-loai.yaml")),
];

/// The set of kit templates, by name.
#[derive(Debug, Clone)]
pub struct Kit {
    templates: BTreeMap<String, KitTemplate>,
    order: Vec<String>,
}

impl Kit {
    /// The built-in templates.
    pub fn builtin() -> Result<Self, Diagnostics> {
        let mut templates = BTreeMap::new();
        let mut order = Vec::new();
        for (name, text) in BUILTIN {
            let t = KitTemplate::parse(name, text)?;
            order.push(t.meta.name.clone());
            templates.insert(t.meta.name.clone(), t);
        }
        Ok(Self { templates, order })
    }

    /// The template called `name`, with a "did you mean" when misspelt.
    pub fn get(&self, name: &str) -> Result<&KitTemplate, Diagnostics> {
        self.templates.get(name).ok_or_else(|| {
            let mut d = Diagnostic::error("kit.unknown", format!("unknown kit template `{name}`"))
                .with_hint(format!("available: {}", self.order.join(", ")));
            if let Some(best) = crate::model::closest(name, &self.order) {
                d = d.with_hint(format!("did you mean `{best}`?"));
            }
            d.into()
        })
    }

    /// All templates in listing order.
    pub fn templates(&self) -> impl Iterator<Item = &KitTemplate> {
        self.order.iter().filter_map(|n| self.templates.get(n))
    }
}

/// The four rating levels (xếp loại chất lượng), best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    /// Hoàn thành xuất sắc nhiệm vụ.
    Htxsnv = 0,
    /// Hoàn thành tốt nhiệm vụ.
    Httnv = 1,
    /// Hoàn thành nhiệm vụ.
    Htnv = 2,
    /// Không hoàn thành nhiệm vụ.
    Khtnv = 3,
}

impl Rating {
    /// Read a code (HTXSNV …) or a full name, any case.
    pub fn parse(s: &str) -> Option<Self> {
        let t = s.trim().to_lowercase();
        Some(match t.as_str() {
            "htxsnv" | "hoàn thành xuất sắc nhiệm vụ" => Self::Htxsnv,
            "httnv" | "hoàn thành tốt nhiệm vụ" => Self::Httnv,
            "htnv" | "hoàn thành nhiệm vụ" => Self::Htnv,
            "khtnv" | "không hoàn thành nhiệm vụ" => Self::Khtnv,
            _ => return None,
        })
    }
}

/// Check one row's fields: required ones present, dates real, ratings
/// and yes/no cells readable. Each problem names the field.
pub fn validate_row(meta: &KitMeta, fields: &Row) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in &meta.required {
        if fields.get(f).is_none_or(|v| v.trim().is_empty()) {
            out.push(
                Diagnostic::error("data.missing", format!("`{f}` is empty"))
                    .with_path(f.clone())
                    .with_hint(format!("the template `{}` needs `{f}` in every row", meta.name)),
            );
        }
    }
    for (field, value) in fields {
        let v = value.trim();
        if v.is_empty() {
            continue;
        }
        let bad = match field.as_str() {
            "ngay_sinh" | "ngay" => DocDate::parse(v).is_none().then(|| format!("invalid date `{v}`")),
            "xep_loai" => Rating::parse(v).is_none().then(|| format!("unknown rating `{v}`")),
            "lanh_dao" | "he_thong_chinh_tri" => {
                (!template::is_yes_no(v)).then(|| format!("`{v}` is not yes or no (có/không)"))
            }
            _ => None,
        };
        if let Some(message) = bad {
            let hint = match field.as_str() {
                "xep_loai" => "write HTXSNV, HTTNV, HTNV or KHTNV",
                "lanh_dao" | "he_thong_chinh_tri" => "write có or không",
                _ => "write the date as dd/mm/yyyy",
            };
            out.push(Diagnostic::error("data.value", message).with_path(field.clone()).with_hint(hint));
        }
    }
    out
}

/// The summary sheet for all rows: the template filled from the shared
/// fields, with the counts put into its table.
pub fn summary_document(template: &KitTemplate, rows: &[Row], shared: &Row) -> Result<Document, Diagnostics> {
    let (units, total) = summary::count(rows);
    let mut tree = template.tree(&template.fields(shared));
    if !summary::fill_table(&mut tree, &units, &total) {
        return Err(Diagnostic::error("kit.invalid", "the summary template has no table").into());
    }
    serde_yaml::from_value(tree).map_err(|e| Diagnostic::error("kit.document", e.to_string()).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_parses_and_fills() {
        let kit = Kit::builtin().unwrap();
        let row: Row = [
            ("ho_ten", "Nguyễn Văn A"),
            ("chi_bo", "Chi bộ Khu dân cư số 1"),
            ("bi_thu", "Trần B"),
            ("lanh_dao", "có"),
            ("he_thong_chinh_tri", "có"),
            ("nam", "2025"),
            ("dang_bo", "Đảng bộ phường Giang Biên"),
            ("dang_uy", "Đảng ủy phường Giang Biên"),
            ("dia_danh", "Giang Biên"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        for t in kit.templates() {
            let doc = match t.meta.per {
                Per::Row => t.document(&t.fields(&row)),
                Per::All => summary_document(t, std::slice::from_ref(&row), &row),
            };
            let doc = doc.unwrap_or_else(|d| panic!("{}: {d}", t.meta.name));
            assert!(crate::check::run(&doc).iter().all(|d| !d.is_error()), "{}", t.meta.name);
        }
    }

    #[test]
    fn rows_are_validated_field_by_field() {
        let kit = Kit::builtin().unwrap();
        let meta = &kit.get("kiem-diem-ca-nhan-2019").unwrap().meta;
        let row: Row =
            [("ho_ten", ""), ("chi_bo", "X"), ("ngay_sinh", "31/02/1980"), ("xep_loai", "tốt"), ("lanh_dao", "hmm")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let paths: Vec<_> = validate_row(meta, &row).into_iter().filter_map(|d| d.path).collect();
        assert_eq!(paths, ["ho_ten", "lanh_dao", "ngay_sinh", "xep_loai"]);
    }

    #[test]
    fn misspelt_template_gets_a_suggestion() {
        let e = Kit::builtin().unwrap().get("kiem-diem-ca-nhan-2091").unwrap_err();
        assert!(e.0[0].hints.iter().any(|h| h.contains("kiem-diem-ca-nhan-2019")), "{:?}", e.0[0].hints);
    }
}
