//! Format profiles: the numbers and wording of a formatting guide, as data.
//!
//! A profile (`data/profiles/hd36.yaml`) holds page size, margins, type
//! sizes, punctuation, signature prefixes and the number pattern. The Rust
//! side uses the wording (number, date, prefixes, punctuation); the Typst
//! style library reads the rest from a virtual `/profile.json`. A newer
//! guide is a file with `extends: hd36` and only what changed.
//!
//! Entry points: [`Profiles::builtin`], [`Profiles::get`], [`Profile::to_json`].

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Diagnostics};

/// The profiles compiled into the binary, by id.
const BUILTIN: &[(&str, &str)] = &[
    ("hd36", include_str!("../data/profiles/hd36.yaml")),
    ("nd30", include_str!("../data/profiles/nd30.yaml")),
    ("hd05", include_str!("../data/profiles/hd05.yaml")),
];

/// A whole format profile.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Short id used in YAML (`profile: hd36`).
    pub id: String,
    /// Human name of the guide.
    pub name: String,
    /// Page size, margins, page numbers.
    pub page: Page,
    /// Body text.
    pub text: Text,
    /// First-page header.
    pub header: Header,
    /// Date line wording.
    pub date: DateFormat,
    /// Ký hiệu loại văn bản per kind (`ke-hoach: KH`).
    pub type_codes: BTreeMap<String, String>,
    /// Type name and trích yếu of named types.
    pub title: Title,
    /// "Kính gửi" block.
    pub recipients: ListFormat,
    /// Căn cứ lines.
    pub bases: Bases,
    /// Section numbering and bullets.
    pub outline: Outline,
    /// Chương and Điều.
    pub articles: Articles,
    /// Appendices.
    pub appendix: AppendixFormat,
    /// Tables.
    pub table: TableFormat,
    /// Signature block.
    pub signature: Signature,
    /// "Nơi nhận" block.
    pub distribution: Distribution,
}

/// Page geometry.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Paper width.
    pub width_mm: f64,
    /// Paper height.
    pub height_mm: f64,
    /// Margins.
    pub margin_mm: Margins,
    /// Page numbers.
    pub number: PageNumber,
}

/// Page margins in millimetres.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    /// Top.
    pub top: f64,
    /// Bottom.
    pub bottom: f64,
    /// Left.
    pub left: f64,
    /// Right.
    pub right: f64,
}

/// Page numbering.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageNumber {
    /// Size of the number.
    pub size_pt: f64,
    /// First page that shows its number.
    pub first: u32,
    /// Baseline distance from the top edge.
    pub from_top_mm: f64,
}

/// Body text settings.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Font families, first available wins.
    pub families: Vec<String>,
    /// Body size.
    pub size_pt: f64,
    /// Baseline distance as a multiple of the font size.
    pub line_height: f64,
    /// Extra space between paragraphs.
    pub paragraph_spacing_pt: f64,
    /// First-line indent of body paragraphs.
    pub first_line_indent_mm: f64,
}

/// A line of text's size and style.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// Size.
    pub size_pt: f64,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
}

/// The national (or Party) title lines at the top right.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct National {
    /// The lines, already in their final case.
    pub lines: Vec<String>,
    /// Size.
    pub size_pt: f64,
    /// Bold.
    pub bold: bool,
}

/// First-page header.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Minimum width of the left block.
    pub left_width_mm: f64,
    /// Title lines at the top right.
    pub national: National,
    /// Tiêu ngữ under the title (State documents).
    pub motto: Option<Motto>,
    /// Which line the rule goes under: `national` or `motto`.
    pub rule: RuleUnder,
    /// Superior organ line.
    pub superior: Style,
    /// Issuing organ line.
    pub organ: Style,
    /// What separates the organ name from the number.
    pub organ_mark: OrganMark,
    /// Số và ký hiệu.
    pub number: NumberFormat,
    /// Trích yếu of a công văn.
    pub subject: Subject,
    /// Place and date line.
    pub place_date: Style,
}

/// Tiêu ngữ.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Motto {
    /// The text.
    pub text: String,
    /// Size.
    pub size_pt: f64,
    /// Bold.
    pub bold: bool,
}

/// Which header line carries the rule under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleUnder {
    /// Under the last title line.
    National,
    /// Under the tiêu ngữ.
    Motto,
}

/// The mark under the issuing organ's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganMark {
    /// A single `*` (Party).
    Star,
    /// A short rule (State).
    Rule,
}

/// How the document number is written.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NumberFormat {
    /// Size.
    pub size_pt: f64,
    /// Pattern with `{number}`, `{type}`, `{organ}`.
    pub pattern: String,
    /// Pattern for a công văn, when it differs (State: `{organ}-{unit}`).
    #[serde(default)]
    pub letter_pattern: Option<String>,
    /// Pad with zeros to at least this many digits.
    pub min_digits: usize,
    /// What stands in for a missing number.
    pub blank: String,
}

/// Trích yếu of a công văn.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// Size.
    pub size_pt: f64,
    /// Italic.
    pub italic: bool,
    /// Prefix such as "V/v ".
    pub prefix: String,
}

/// Wording of the date line.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DateFormat {
    /// Pattern with `{place}`, `{day}`, `{month}`, `{year}`.
    pub pattern: String,
    /// Pattern used when the date is missing (`{place}` only).
    pub blank: String,
    /// Days below this get a leading zero.
    pub pad_day_below: u32,
    /// Months that get a leading zero.
    pub pad_months: Vec<u32>,
}

/// A dashed list with separators (Kính gửi).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ListFormat {
    /// Label before the list.
    pub label: String,
    /// Whether the label is italic.
    pub label_italic: bool,
    /// Size.
    pub size_pt: f64,
    /// Item prefix.
    pub prefix: String,
    /// End of every item but the last.
    pub separator: String,
    /// End of the last item.
    pub terminator: String,
}

/// Type name (tên loại) and trích yếu of named types.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Title {
    /// Size of the type name.
    pub size_pt: f64,
    /// Size of the trích yếu under it.
    pub subject_size_pt: f64,
    /// Trích yếu bold.
    pub subject_bold: bool,
    /// What goes under the trích yếu: `dashes` ("-----") or `rule`.
    pub mark: TitleMark,
}

/// The mark under a named type's trích yếu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleMark {
    /// A short line of hyphens (Party).
    Dashes,
    /// A solid rule, a third of the line (State).
    Rule,
}

/// Căn cứ lines.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Bases {
    /// Italic (State) or upright (Party).
    pub italic: bool,
    /// Line prefix.
    pub prefix: String,
    /// End of every line but the last.
    pub separator: String,
    /// End of the last line.
    pub terminator: String,
}

/// Section numbering for the two families of documents.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outline {
    /// Công văn.
    pub letter: Levels,
    /// Documents with a type name.
    pub named: Levels,
    /// Bullet per list level.
    pub bullets: Vec<String>,
}

/// Numbering pattern and heading style per level.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    /// Pattern per level, e.g. `1.`, `1.1.`, `I-`, `a)`.
    pub numbering: Vec<String>,
    /// Heading style per level.
    pub headings: Vec<HeadingStyle>,
}

/// Style of a section title.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingStyle {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Upper-cased ("I. MỤC ĐÍCH, YÊU CẦU").
    #[serde(default)]
    pub upper: bool,
}

/// Chương and Điều of rules (quy định, quy chế) and decisions.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Articles {
    /// "Chương".
    pub chapter_label: String,
    /// Chapter number pattern (`I`).
    pub chapter_numbering: String,
    /// "Điều".
    pub article_label: String,
    /// Numbering of khoản and điểm inside an article.
    pub numbering: Vec<String>,
}

/// Appendices (phụ lục, biểu mẫu).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AppendixFormat {
    /// Size of the label ("Phụ lục 1").
    pub label_size_pt: f64,
    /// Size of the title.
    pub title_size_pt: f64,
    /// Default attachment phrase ("Kèm theo").
    pub attached: String,
    /// The line linking it to the parent, with `{attached}`, `{type}`,
    /// `{number}`, `{date}`, `{organ}`.
    pub link: String,
    /// The number in the link line (`{number}-{type}/{organ}`).
    pub link_number: String,
}

/// Tables.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TableFormat {
    /// Text size in cells.
    pub size_pt: f64,
    /// Stroke of the grid.
    pub stroke_pt: f64,
    /// Label of the numbering column.
    pub number_header: String,
}

/// Signature block.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// How each signing capacity is spelled.
    pub prefixes: Prefixes,
    /// Size.
    pub size_pt: f64,
    /// Authority line bold.
    pub authority_bold: bool,
    /// Role line bold.
    pub role_bold: bool,
    /// Name bold.
    pub name_bold: bool,
    /// Room for the signature and seal.
    pub space_mm: f64,
    /// Width of the block at the right.
    pub width_mm: f64,
    /// Diameter of the seal image of an electronic document (true size).
    pub seal_mm: f64,
}

/// Spelling of each signing capacity.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Prefixes {
    /// Thay mặt.
    pub on_behalf: String,
    /// Ký thay.
    pub deputy: String,
    /// Thừa lệnh.
    pub by_order: String,
    /// Thừa ủy quyền.
    pub authorized: String,
    /// Quyền.
    pub acting: String,
}

/// "Nơi nhận" block.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// Label.
    pub label: String,
    /// Label size.
    pub label_size_pt: f64,
    /// Label bold.
    pub label_bold: bool,
    /// Label italic.
    pub label_italic: bool,
    /// Label underlined.
    pub label_underline: bool,
    /// Item size.
    pub size_pt: f64,
    /// Item prefix.
    pub prefix: String,
    /// End of every item but the last.
    pub separator: String,
    /// End of the last item.
    pub terminator: String,
}

impl Profile {
    /// The type code of `kind`: the profile's, or the kind's id upper-cased.
    pub fn type_code(&self, kind: crate::model::Kind) -> String {
        self.type_codes.get(kind.id()).cloned().unwrap_or_else(|| kind.id().to_uppercase())
    }

    /// The JSON the Typst style library reads, with the font family that
    /// this run will actually use.
    pub fn to_json(&self, family: &str) -> Vec<u8> {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(text) = value.get_mut("text").and_then(|t| t.as_object_mut()) {
            text.insert("family".into(), family.into());
        }
        serde_json::to_vec(&value).unwrap_or_default()
    }
}

/// A set of profiles by id.
#[derive(Debug, Clone)]
pub struct Profiles {
    by_id: BTreeMap<String, Arc<Profile>>,
}

impl Profiles {
    /// The profiles shipped with vanban.
    pub fn builtin() -> Result<Self, Diagnostics> {
        Self::load(&[])
    }

    /// The built-in profiles plus every `*.yaml` in `dirs`: a newer guide
    /// added as data, without rebuilding. A file's id is its `id:` (else
    /// its name); it may `extends:` a built-in or another file's profile,
    /// and replaces a built-in of the same id.
    pub fn load(dirs: &[std::path::PathBuf]) -> Result<Self, Diagnostics> {
        let mut raw = BTreeMap::new();
        let mut origin: BTreeMap<String, Option<String>> = BTreeMap::new();
        for (id, text) in BUILTIN {
            let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
                Diagnostic::error("internal.profile", format!("built-in profile `{id}` is not valid YAML ({e})"))
            })?;
            raw.insert((*id).to_string(), value);
            origin.insert((*id).to_string(), None);
        }
        for dir in dirs {
            for (id, file, value) in read_dir(dir)? {
                raw.insert(id.clone(), value);
                origin.insert(id, Some(file));
            }
        }
        let mut by_id = BTreeMap::new();
        for id in raw.keys() {
            let file = origin.get(id).cloned().flatten();
            let located = |d: Diagnostic| match &file {
                Some(f) => d.with_file(f.clone().into()),
                None => d,
            };
            let value = resolve(id, &raw, 0).map_err(|d| Diagnostics(d.0.into_iter().map(located).collect()))?;
            let profile: Profile = serde_path_to_error::deserialize(value).map_err(|e| {
                let path = e.path().to_string();
                let e = e.into_inner();
                Diagnostics::from(match &file {
                    Some(f) => {
                        let mut d = Diagnostic::error("profile.invalid", format!("profile `{id}` is invalid ({e})"))
                            .with_file(f.clone().into())
                            .with_path(path.clone())
                            .with_hint("compare with data/profiles/hd36.yaml; only keys that exist there are allowed");
                        // The key is the file's own when the file wrote it.
                        if let Ok(text) = std::fs::read_to_string(f) {
                            d.span = crate::model::SpanIndex::build(&text).locate(&path);
                        }
                        d
                    }
                    None => Diagnostic::error("internal.profile", format!("built-in profile `{id}` is invalid ({e})")),
                })
            })?;
            by_id.insert(id.clone(), Arc::new(profile));
        }
        Ok(Self { by_id })
    }

    /// The profile with this id.
    /// Shared, not cloned: every document of a batch points at the same one.
    pub fn get(&self, id: &str) -> Option<&Arc<Profile>> {
        self.by_id.get(id)
    }

    /// All ids, sorted.
    pub fn ids(&self) -> Vec<String> {
        self.by_id.keys().cloned().collect()
    }
}

/// The profile files of a directory, in name order: (id, file, YAML).
fn read_dir(dir: &std::path::Path) -> Result<Vec<(String, String, serde_yaml::Value)>, Diagnostics> {
    let fail = |what: String| Diagnostics::from(Diagnostic::error("profile.read", what));
    let entries = std::fs::read_dir(dir).map_err(|e| {
        fail(format!("cannot read the profile directory {} ({})", dir.display(), crate::io::io_reason(&e)))
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(&path)
            .map_err(|e| fail(format!("cannot read {file} ({})", crate::io::io_reason(&e))))?;
        let value: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| {
            let mut d =
                Diagnostic::error("profile.yaml", format!("not valid YAML ({e})")).with_file(file.clone().into());
            if let Some(loc) = e.location() {
                d.span = Some(crate::diag::Span::in_text(&text, loc.index(), loc.index()));
            }
            Diagnostics::from(d)
        })?;
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let mut value = value;
        let id = value.get("id").and_then(serde_yaml::Value::as_str).map_or(stem, str::to_string);
        // Without its own id a profile would inherit its base's.
        if let Some(map) = value.as_mapping_mut() {
            map.insert("id".into(), id.clone().into());
        }
        out.push((id, file, value));
    }
    Ok(out)
}

/// Apply `extends:` chains: the base first, then the profile's own keys.
fn resolve(
    id: &str,
    raw: &BTreeMap<String, serde_yaml::Value>,
    depth: usize,
) -> Result<serde_yaml::Value, Diagnostics> {
    let Some(value) = raw.get(id) else {
        return Err(Diagnostic::error("profile.unknown", format!("unknown profile `{id}`")).into());
    };
    if depth > 8 {
        return Err(Diagnostic::error("profile.cycle", format!("profile `{id}` extends itself")).into());
    }
    let mut value = value.clone();
    let base = value.as_mapping_mut().and_then(|m| m.remove("extends")).and_then(|b| b.as_str().map(str::to_string));
    match base {
        Some(base) => {
            let mut merged = resolve(&base, raw, depth + 1)?;
            merge(&mut merged, value);
            Ok(merged)
        }
        None => Ok(value),
    }
}

/// Deep-merge `over` into `base`: mappings merge key by key, anything else
/// replaces.
fn merge(base: &mut serde_yaml::Value, over: serde_yaml::Value) {
    match (base, over) {
        (serde_yaml::Value::Mapping(b), serde_yaml::Value::Mapping(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_parse() {
        let p = Profiles::builtin().unwrap();
        let hd36 = p.get("hd36").unwrap();
        assert_eq!(hd36.page.margin_mm.left, 30.0);
        assert_eq!(hd36.header.number.pattern, "Số {number}-{type}/{organ}");
    }

    #[test]
    fn extends_merges_only_changes() {
        let mut raw = BTreeMap::new();
        raw.insert("base".to_string(), serde_yaml::from_str("a: {x: 1, y: 2}\nb: 3").unwrap());
        raw.insert("new".to_string(), serde_yaml::from_str("extends: base\na: {y: 5}").unwrap());
        let v = resolve("new", &raw, 0).unwrap();
        assert_eq!(v, serde_yaml::from_str::<serde_yaml::Value>("a: {x: 1, y: 5}\nb: 3").unwrap());
    }

    #[test]
    fn json_carries_the_resolved_family() {
        let p = Profiles::builtin().unwrap();
        let json: serde_json::Value =
            serde_json::from_slice(&p.get("hd36").unwrap().to_json("Liberation Serif")).unwrap();
        assert_eq!(json["text"]["family"], "Liberation Serif");
        assert_eq!(json["page"]["margin_mm"]["top"], 20.0);
    }
}
