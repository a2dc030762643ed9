//! The body of a document: paragraphs, auto-numbered sections, numbered
//! paragraphs and bullet lists, nested as the user writes them.
//!
//! A block is either a plain string (a paragraph) or a mapping whose key
//! says what it is. The custom `Deserialize` impls dispatch on the YAML
//! shape instead of using `#[serde(untagged)]`, so an unknown key inside a
//! section is reported as exactly that, at its own line.

use std::fmt;

use schemars::JsonSchema;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Block {
    /// A paragraph of text with optional `**bold**` / `*italic*`.
    Paragraph(String),
    /// Any other block, written as a mapping (boxed: it is large).
    Node(Box<Node>),
}

/// A block written as a mapping: exactly one key other than `body` says
/// what it is (checked in `check`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Mục: a section title on its own line after its automatic number.
    #[serde(default)]
    pub section: Option<String>,
    /// Đoạn đánh số: text that runs on after its automatic number.
    #[serde(default)]
    pub numbered: Option<String>,
    /// Chương: a chapter ("Chương I" and its title, centred).
    #[serde(default)]
    pub chapter: Option<String>,
    /// Điều: an article with a title ("Điều 1. Phạm vi điều chỉnh").
    #[serde(default)]
    pub article: Option<String>,
    /// Điều: an article whose text runs on ("Điều 1. Ban hành kèm theo …").
    #[serde(default)]
    pub article_text: Option<String>,
    /// The children of a section, numbered paragraph, chapter or article.
    #[serde(default)]
    pub body: Vec<Block>,
    /// Danh sách: a bullet list (`-` then `+` when nested).
    #[serde(default)]
    pub list: Option<Vec<ListItem>>,
    /// Bảng: a table.
    #[serde(default)]
    pub table: Option<Table>,
    /// Dòng điền: fill-in lines, "Họ và tên: ……………", or pre-filled
    /// with `{label, value}`.
    #[serde(default)]
    pub fill: Option<Vec<FillItem>>,
    /// Ô chọn: a line of check boxes, "□ Xuất sắc □ Tốt …".
    #[serde(default)]
    pub checkboxes: Option<Checkboxes>,
    /// Ghi chú: a centred italic line.
    #[serde(default)]
    pub note: Option<String>,
    /// Danh mục phụ lục: list the document's appendices here.
    #[serde(default)]
    pub appendix_list: Option<bool>,
    /// Chữ ký: a row of signature slots (forms, summary sheets).
    #[serde(default)]
    pub signatures: Option<Vec<SignatureSlot>>,
}

impl Node {
    /// The running texts this block holds itself (not its children), with
    /// their keys, in reading order: what rules and extractors read.
    pub fn own_texts(&self) -> impl Iterator<Item = (&'static str, &String)> {
        [
            ("section", &self.section),
            ("numbered", &self.numbered),
            ("article", &self.article),
            ("article_text", &self.article_text),
        ]
        .into_iter()
        .filter_map(|(key, text)| Some((key, text.as_ref()?)))
    }

    /// The keys that say what this block is, as written.
    pub fn kinds(&self) -> Vec<&'static str> {
        let mut k = Vec::new();
        let flags = [
            (self.section.is_some(), "section"),
            (self.numbered.is_some(), "numbered"),
            (self.chapter.is_some(), "chapter"),
            (self.article.is_some(), "article"),
            (self.article_text.is_some(), "article_text"),
            (self.list.is_some(), "list"),
            (self.table.is_some(), "table"),
            (self.fill.is_some(), "fill"),
            (self.checkboxes.is_some(), "checkboxes"),
            (self.note.is_some(), "note"),
            (self.appendix_list.is_some(), "appendix_list"),
            (self.signatures.is_some(), "signatures"),
        ];
        for (on, name) in flags {
            if on {
                k.push(name);
            }
        }
        k
    }
}

/// A table with optional header rows (repeated on every page), merged
/// header cells, numbered rows and a totals row.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Column widths: `12mm`, `2fr`, `auto` (a bare number means mm).
    #[serde(default)]
    pub widths: Vec<Width>,
    /// Header rows; a cell may span columns or rows.
    #[serde(default)]
    pub header: Vec<Vec<Cell>>,
    /// Body rows.
    #[serde(default)]
    pub rows: Vec<Vec<Cell>>,
    /// Prepend a column numbering the rows 1, 2, 3 …
    #[serde(default)]
    pub numbered: bool,
    /// A totals row, in bold.
    #[serde(default)]
    pub total: Option<Vec<Cell>>,
    /// Blank rows to add for filling in by hand.
    #[serde(default)]
    pub blank_rows: usize,
}

/// A table cell: text, or text with a span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The text, with emphasis markup.
    pub text: String,
    /// Columns spanned.
    pub colspan: usize,
    /// Rows spanned.
    pub rowspan: usize,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CellMap {
    /// The cell's text, with emphasis markup.
    #[serde(default)]
    text: String,
    /// Columns spanned.
    #[serde(default = "one")]
    colspan: usize,
    /// Rows spanned.
    #[serde(default = "one")]
    rowspan: usize,
}

fn one() -> usize {
    1
}

/// A column width, validated: a number and `mm`, `cm`, `pt`, `fr` or `%`,
/// or `auto`. Only these ever reach Typst.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Width(pub String);

impl Width {
    /// Parse and validate a width.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s == "auto" {
            return Some(Self(s.into()));
        }
        let unit_at = s.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let (num, unit) = s.split_at(unit_at);
        let valid_num = !num.is_empty() && num.parse::<f64>().is_ok_and(|n| n > 0.0 && n < 10_000.0);
        (valid_num && ["mm", "cm", "pt", "fr", "%"].contains(&unit)).then(|| Self(format!("{num}{unit}")))
    }
}

/// One fill-in line: a label, and a value when it is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FillItem {
    /// "Họ và tên".
    pub label: String,
    /// The value, printed instead of the dots.
    pub value: Option<String>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FillMap {
    /// Nhãn: "Họ và tên".
    label: String,
    /// The value printed instead of the dots.
    #[serde(default)]
    value: Option<String>,
}

impl<'de> Deserialize<'de> for FillItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_or_map(
            d,
            "a label, or a mapping with `label` and `value`",
            |label| FillItem { label, value: None },
            |m: FillMap| Ok(FillItem { label: m.label, value: m.value.filter(|v| !v.trim().is_empty()) }),
        )
    }
}

/// A line of check boxes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Checkboxes {
    /// Text before the boxes ("Tự đánh giá về cấp độ thực hiện:").
    #[serde(default)]
    pub label: Option<String>,
    /// One box per option.
    pub options: Vec<String>,
}

/// One signature slot in a row: a title, a note, room, a name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureSlot {
    /// The bold title ("NGƯỜI LẬP BIỂU"), in normal case.
    pub title: String,
    /// The note under it ("(Ký, ghi rõ họ tên)").
    #[serde(default)]
    pub note: Option<String>,
    /// The signer's name, when known.
    #[serde(default)]
    pub name: Option<String>,
}

/// One bullet of a list: a string, or `text` with a nested `list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListItem {
    /// The item's text.
    pub text: String,
    /// Sub-items, one level deeper.
    pub list: Vec<ListItem>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListItemMap {
    /// The item's text.
    text: String,
    /// Sub-items, one level deeper ("+").
    #[serde(default)]
    list: Vec<ListItem>,
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_or_map(
            d,
            "a paragraph (text) or a mapping such as `section`, `numbered` or `list`",
            Block::Paragraph,
            |n: Node| Ok(Block::Node(Box::new(n))),
        )
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_or_map(
            d,
            "a cell (text or number) or a mapping with `text`, `colspan`, `rowspan`",
            |text| Cell { text, colspan: 1, rowspan: 1 },
            |m: CellMap| {
                if m.colspan == 0 || m.rowspan == 0 {
                    return Err("a cell spans at least one column and one row".into());
                }
                Ok(Cell { text: m.text, colspan: m.colspan, rowspan: m.rowspan })
            },
        )
    }
}

impl<'de> Deserialize<'de> for Width {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Width;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a width such as 12mm, 2fr or auto")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Width, E> {
                self.visit_str(&format!("{v}mm"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Width, E> {
                self.visit_str(&format!("{v}mm"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Width, E> {
                Width::parse(v).ok_or_else(|| {
                    E::custom(format!("invalid width `{v}`: write a number with mm, cm, pt, fr or %, or auto"))
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_or_map(
            d,
            "a list item (text) or a mapping with `text` and `list`",
            |text| ListItem { text, list: Vec::new() },
            |m: ListItemMap| Ok(ListItem { text: m.text, list: m.list }),
        )
    }
}

/// Deserialize a value users write either as plain text (numbers count as
/// text) or as a mapping `M`. Dispatching on the YAML shape, rather than
/// `#[serde(untagged)]`, keeps the mapping's own errors (an unknown key
/// and its line) instead of "did not match any variant".
fn string_or_map<'de, D, M, T>(
    d: D,
    expecting: &'static str,
    from_text: impl FnOnce(String) -> T,
    from_map: impl FnOnce(M) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    M: Deserialize<'de>,
{
    struct V<S, F, M> {
        expecting: &'static str,
        from_text: S,
        from_map: F,
        map: std::marker::PhantomData<M>,
    }
    impl<'de, T, S, F, M> Visitor<'de> for V<S, F, M>
    where
        S: FnOnce(String) -> T,
        F: FnOnce(M) -> Result<T, String>,
        M: Deserialize<'de>,
    {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.from_text)(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_unit<E: de::Error>(self) -> Result<T, E> {
            self.visit_str("")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            let m = M::deserialize(MapAccessDeserializer::new(map))?;
            (self.from_map)(m).map_err(de::Error::custom)
        }
    }
    d.deserialize_any(V { expecting, from_text, from_map, map: std::marker::PhantomData })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_validated() {
        assert_eq!(Width::parse("12mm"), Some(Width("12mm".into())));
        assert_eq!(Width::parse("1.5fr"), Some(Width("1.5fr".into())));
        assert_eq!(Width::parse("auto"), Some(Width("auto".into())));
        for bad in ["12", "mm", "1e3mm", "12 mm", "12mm)", "-3mm", "#x", "0fr"] {
            assert_eq!(Width::parse(bad), None, "{bad}");
        }
    }
}
