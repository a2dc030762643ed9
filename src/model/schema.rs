//! The JSON Schema of the YAML, generated from the model's types (their
//! doc comments, which give the Vietnamese term and say what each field
//! is, become the descriptions), so editors complete and validate as the
//! user types. `vanban schema` prints it; `data/schema/vanban.schema.json`
//! is the copy editors point at.
//!
//! Types written "as text or as a mapping" get their schema here, since
//! their `Deserialize` is hand-written.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::body::{CellMap, FillMap, ListItemMap};
use super::{Block, Cell, DocDate, DocNumber, Document, FillItem, Kind, ListItem, Node, Width};

/// Text (numbers count as text) or a mapping of type `M`.
fn text_or<M: JsonSchema>(g: &mut SchemaGenerator, description: &str) -> Schema {
    let map = g.subschema_for::<M>();
    json_schema!({ "description": description, "anyOf": [{ "type": ["string", "number", "null"] }, map] })
}

macro_rules! text_or_map {
    ($ty:ty, $map:ty, $name:literal, $description:literal) => {
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }
            fn json_schema(g: &mut SchemaGenerator) -> Schema {
                text_or::<$map>(g, $description)
            }
        }
    };
}

text_or_map!(
    Block,
    Node,
    "Block",
    "Khối nội dung: a paragraph (text, with **bold** and *italic*) or a mapping with one of `section`, `numbered`, `chapter`, `article`, `article_text`, `list`, `table`, `fill`, `checkboxes`, `note`, `appendix_list`, `signatures`"
);
text_or_map!(ListItem, ListItemMap, "ListItem", "Gạch đầu dòng: an item's text, or `text` with a nested `list`");
text_or_map!(Cell, CellMap, "Cell", "Ô bảng: the cell's text, or `text` with `colspan` / `rowspan`");
text_or_map!(FillItem, FillMap, "FillItem", "Dòng điền: a label (dots follow), or `label` with a `value`");

impl JsonSchema for Width {
    fn schema_name() -> Cow<'static, str> {
        "Width".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Độ rộng cột: a number with mm, cm, pt, fr or %, or auto; a bare number is mm",
            "anyOf": [{ "type": "number", "exclusiveMinimum": 0 }, { "type": "string", "pattern": "^(auto|[0-9]+(\\.[0-9]+)?(mm|cm|pt|fr|%))$" }]
        })
    }
}

impl JsonSchema for DocNumber {
    fn schema_name() -> Cow<'static, str> {
        "DocNumber".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Số: digits only (the tool adds the codes); leave out for a draft",
            "anyOf": [{ "type": "integer", "minimum": 0 }, { "type": "string", "pattern": "^[0-9]*$" }]
        })
    }
}

impl JsonSchema for DocDate {
    fn schema_name() -> Cow<'static, str> {
        "DocDate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Ngày: YYYY-MM-DD or DD/MM/YYYY",
            "type": "string",
            "pattern": "^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})$"
        })
    }
}

/// The schema of a document; with `kind`, of that kind only.
pub fn document_schema(kind: Option<Kind>) -> serde_json::Value {
    let mut value = serde_json::to_value(schemars::schema_for!(Document)).unwrap_or_default();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("title".into(), "vanban document".into());
        if let (Some(kind), Some(props)) = (kind, obj.get_mut("properties").and_then(|p| p.as_object_mut())) {
            props.insert("kind".into(), serde_json::json!({ "const": kind.id(), "description": "Loại văn bản" }));
        }
    }
    value
}
