//! The body of a document: paragraphs, auto-numbered sections, numbered
//! paragraphs and bullet lists, nested as the user writes them.
//!
//! A block is either a plain string (a paragraph) or a mapping whose key
//! says what it is. The custom `Deserialize` impls dispatch on the YAML
//! shape instead of using `#[serde(untagged)]`, so an unknown key inside a
//! section is reported as exactly that, at its own line.

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Block {
    /// A paragraph of text with optional `**bold**` / `*italic*`.
    Paragraph(String),
    /// A numbered section, a numbered paragraph or a list.
    Node(Node),
}

/// A block written as a mapping: exactly one of `section`, `numbered`,
/// `list` says what it is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Mục: a section title on its own line after its automatic number.
    #[serde(default)]
    pub section: Option<String>,
    /// Đoạn đánh số: text that runs on after its automatic number.
    #[serde(default)]
    pub numbered: Option<String>,
    /// The children of a section or numbered paragraph.
    #[serde(default)]
    pub body: Vec<Block>,
    /// Danh sách: a bullet list (`-` then `+` when nested).
    #[serde(default)]
    pub list: Option<Vec<ListItem>>,
}

/// One bullet of a list: a string, or `text` with a nested `list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListItem {
    /// The item's text.
    pub text: String,
    /// Sub-items, one level deeper.
    pub list: Vec<ListItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListItemMap {
    text: String,
    #[serde(default)]
    list: Vec<ListItem>,
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Block;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a paragraph (text) or a mapping with `section`, `numbered` or `list`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Block, E> {
                Ok(Block::Paragraph(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Block, A::Error> {
                Node::deserialize(MapAccessDeserializer::new(map)).map(Block::Node)
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ListItem;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list item (text) or a mapping with `text` and `list`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ListItem, E> {
                Ok(ListItem {
                    text: v.to_string(),
                    list: Vec::new(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ListItem, A::Error> {
                let m = ListItemMap::deserialize(MapAccessDeserializer::new(map))?;
                Ok(ListItem {
                    text: m.text,
                    list: m.list,
                })
            }
        }
        d.deserialize_any(V)
    }
}
