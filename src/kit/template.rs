//! A kit template: a document in vanban's YAML schema whose strings hold
//! `{field}` placeholders, filled per data row.
//!
//! Filling works on the parsed YAML tree, string leaf by string leaf, in
//! one pass: a value from the data can never change the document's
//! structure or be read as another placeholder. A list item may carry
//! `when: CONDITION` and is dropped when the condition is false; derived
//! fields pick the first matching value (2A / 2B / 2C).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use super::data::Row;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Document;

/// How many documents a template makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// One per data row.
    Row,
    /// One for the whole data set (a summary sheet).
    All,
}

/// The header of a kit template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KitMeta {
    /// The name users type (`kiem-diem-ca-nhan-2019`).
    pub name: String,
    /// What it is, in Vietnamese.
    pub title: String,
    /// One line in English.
    pub description: String,
    /// One document per row, or one for all rows.
    pub per: Per,
    /// Default output name pattern (`{chi_bo}-{ho_ten}`).
    pub file_name: String,
    /// Row fields that must not be empty.
    #[serde(default)]
    pub required: Vec<String>,
    /// Computed fields: the first rule whose condition holds gives the value.
    #[serde(default)]
    pub derived: BTreeMap<String, Vec<Rule>>,
}

/// One rule of a derived field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Condition; none means always.
    #[serde(default)]
    pub when: Option<String>,
    /// The value.
    pub value: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KitFile {
    kit: KitMeta,
    document: Value,
}

/// A parsed kit template.
#[derive(Debug, Clone)]
pub struct KitTemplate {
    /// Its header.
    pub meta: KitMeta,
    document: Value,
}

impl KitTemplate {
    /// Parse a kit template file.
    pub fn parse(name: &str, text: &str) -> Result<Self, Diagnostics> {
        let file: KitFile = serde_yaml::from_str(text)
            .map_err(|e| Diagnostic::error("kit.invalid", format!("kit template `{name}` is invalid ({e})")))?;
        Ok(Self { meta: file.kit, document: file.document })
    }

    /// The row's fields plus the derived ones.
    pub fn fields(&self, row: &Row) -> Row {
        let mut fields = row.clone();
        for (name, rules) in &self.meta.derived {
            if let Some(rule) = rules.iter().find(|r| r.when.as_deref().is_none_or(|c| holds(c, row))) {
                fields.insert(name.clone(), fill(&rule.value, row));
            }
        }
        fields
    }

    /// The document for one set of fields. Errors name the field path in
    /// the document; they come from values (a bad date) or the template.
    pub fn document(&self, fields: &Row) -> Result<Document, Diagnostics> {
        let value = instantiate(&self.document, fields);
        serde_path_to_error::deserialize::<_, Document>(value).map_err(|e| {
            Diagnostic::error("kit.document", e.inner().to_string()).with_path(e.path().to_string()).into()
        })
    }

    /// The document as a YAML tree, for code that adds computed content.
    pub fn tree(&self, fields: &Row) -> Value {
        instantiate(&self.document, fields)
    }
}

/// Fill placeholders and apply `when:` throughout a YAML tree.
fn instantiate(value: &Value, fields: &Row) -> Value {
    match value {
        Value::String(s) => Value::String(fill(s, fields)),
        Value::Sequence(items) => Value::Sequence(
            items
                .iter()
                .filter_map(|item| match item {
                    Value::Mapping(m) => {
                        let when = m.get("when").and_then(Value::as_str);
                        if when.is_some_and(|c| !holds(c, fields)) {
                            return None;
                        }
                        let mut m = m.clone();
                        m.remove("when");
                        Some(instantiate(&Value::Mapping(m), fields))
                    }
                    other => Some(instantiate(other, fields)),
                })
                .collect(),
        ),
        Value::Mapping(m) => {
            let mut out = Mapping::with_capacity(m.len());
            for (k, v) in m {
                out.insert(k.clone(), instantiate(v, fields));
            }
            Value::Mapping(out)
        }
        other => other.clone(),
    }
}

/// Fill `{field}` placeholders from a row (see [`crate::pattern`]); a
/// field the row does not have becomes empty (dots in a form).
pub fn fill(pattern: &str, fields: &Row) -> String {
    crate::pattern::fill(pattern, |name| Some(fields.get(name).map_or("", |v| v.trim())))
}

/// Evaluate `field`, `!field`, `field=value`, `field!=value`.
pub fn holds(condition: &str, fields: &Row) -> bool {
    let c = condition.trim();
    let get = |k: &str| fields.get(k.trim()).map_or("", |v| v.trim());
    if let Some((k, v)) = c.split_once("!=") {
        return !get(k).eq_ignore_ascii_case(v.trim());
    }
    if let Some((k, v)) = c.split_once('=') {
        return get(k).eq_ignore_ascii_case(v.trim());
    }
    match c.strip_prefix('!') {
        Some(k) => !truthy(get(k)),
        None => truthy(get(c)),
    }
}

/// A yes/no cell: empty and "không", "no", "false", "0", "sai" are no.
pub fn truthy(v: &str) -> bool {
    let v = v.trim().to_lowercase();
    !v.is_empty() && !["không", "khong", "k", "no", "n", "false", "0", "sai"].contains(&v.as_str())
}

/// Whether a cell reads as yes/no at all.
pub fn is_yes_no(v: &str) -> bool {
    let v = v.trim().to_lowercase();
    v.is_empty()
        || [
            "có", "co", "c", "x", "yes", "y", "true", "1", "đúng", "không", "khong", "k", "no", "n", "false", "0",
            "sai",
        ]
        .contains(&v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pairs: &[(&str, &str)]) -> Row {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn fill_is_one_pass_and_blank_for_missing() {
        let r = row(&[("a", "{b}"), ("b", "x")]);
        assert_eq!(fill("{a}-{b}-{c}-{not a field}-{", &r), "{b}-x--{not a field}-{");
    }

    #[test]
    fn conditions() {
        let r = row(&[("lanh_dao", "có"), ("he_thong", "không"), ("mau", "2A")]);
        assert!(holds("lanh_dao", &r) && !holds("he_thong", &r) && holds("!he_thong", &r));
        assert!(holds("mau=2a", &r) && holds("mau!=2B", &r) && !holds("missing", &r));
    }

    const KIT: &str = r#"
kit:
  name: t
  title: T
  description: test
  per: row
  file_name: "{ho_ten}"
  required: [ho_ten]
  derived:
    mau: [{when: lanh_dao, value: "2A"}, {value: "2B"}]
document:
  kind: bieu-mau
  title: "Bản kiểm điểm"
  form_label: "Mẫu {mau}"
  issuer: {organ: "{chi_bo}", code: CB}
  place: X
  body:
    - fill: [{label: Họ và tên, value: "{ho_ten}"}]
    - when: lanh_dao
      numbered: Lãnh đạo
    - numbered: "Chung: {ho_ten}"
"#;

    #[test]
    fn rows_become_documents() {
        let kit = KitTemplate::parse("t", KIT).unwrap();
        let leader = kit.fields(&row(&[("ho_ten", "A: {x}\n- b"), ("chi_bo", "CB1"), ("lanh_dao", "có")]));
        let doc = kit.document(&leader).unwrap();
        assert_eq!(doc.form_label.as_deref(), Some("Mẫu 2A"));
        assert_eq!(doc.body.len(), 3);
        let member = kit.fields(&row(&[("ho_ten", "B"), ("chi_bo", "CB1"), ("lanh_dao", "không")]));
        let doc = kit.document(&member).unwrap();
        assert_eq!(doc.form_label.as_deref(), Some("Mẫu 2B"));
        assert_eq!(doc.body.len(), 2, "the leaders' item is dropped");
    }

    #[test]
    fn data_cannot_change_structure() {
        let kit = KitTemplate::parse("t", KIT).unwrap();
        let fields = kit.fields(&row(&[("ho_ten", "x\nbody: [evil]"), ("chi_bo", "{ho_ten}")]));
        let doc = kit.document(&fields).unwrap();
        assert_eq!(doc.issuer.organ, "{ho_ten}");
        assert_eq!(doc.body.len(), 2);
    }
}
