//! The view model: a document turned into exactly what the page shows,
//! in reading order, so templates only arrange and never decide.
//!
//! Here names are upper-cased, the number and date are worded, sections
//! are numbered, lists get their bullets and recipients their punctuation.

use serde::Serialize;

use super::wording::{self, Outline};
use crate::model::{Block, Document, ListItem};
use crate::profile::Profile;

/// Everything a template needs, already in its final wording.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// PDF metadata.
    pub meta: Meta,
    /// First-page header.
    pub header: HeaderView,
    /// "Kính gửi" lines; empty when there are none.
    pub recipients: Vec<String>,
    /// "Kính gửi:" label.
    pub recipients_label: String,
    /// Body blocks, flattened in reading order.
    pub blocks: Vec<BlockView>,
    /// Signature block.
    pub signature: SignatureView,
    /// "Nơi nhận:" label.
    pub distribution_label: String,
    /// "Nơi nhận" lines.
    pub distribution: Vec<String>,
}

/// PDF metadata.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// Title: type name, number and subject.
    pub title: String,
    /// Author: the issuing organ.
    pub author: String,
    /// Keywords: the number.
    pub keywords: Vec<String>,
    /// Creation date = the document's date.
    pub date: Option<DateView>,
}

/// A date as numbers, for `datetime(..)` in Typst.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct DateView {
    /// Year.
    pub year: i32,
    /// Month.
    pub month: u32,
    /// Day.
    pub day: u32,
}

/// The header, worded.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderView {
    /// Superior organ, upper-cased.
    pub superior: Option<String>,
    /// Issuing organ, upper-cased.
    pub organ: String,
    /// "Số 68-CV/ĐU".
    pub number: String,
    /// "V/v …" for a công văn.
    pub subject: Option<String>,
    /// "Giang Biên, ngày 02 tháng 11 năm 2021".
    pub place_date: String,
}

/// One body block in reading order.
#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    /// `paragraph`, `heading`, `numbered` or `item`.
    pub kind: &'static str,
    /// Nesting level, 1-based (headings and items).
    pub level: usize,
    /// "1.", "3.2.1." or the bullet "-" / "+".
    pub label: String,
    /// The text, with emphasis markup still to be rendered by `|rich`.
    pub text: String,
    /// Heading style at this level.
    pub bold: bool,
    /// Heading style at this level.
    pub italic: bool,
}

/// The signature block, worded.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureView {
    /// "T/M ĐẢNG ỦY", or none when signing directly.
    pub authority: Option<String>,
    /// "PHÓ BÍ THƯ".
    pub role: String,
    /// "Đào Mạnh Trung".
    pub name: String,
}

/// Build the view of `doc` under `profile`.
pub fn build(doc: &Document, profile: &Profile) -> View {
    let h = &profile.header;
    let number = wording::number_line(
        &h.number,
        doc.number.as_ref().map(|n| n.0.as_str()),
        doc.type_code(),
        &doc.issuer.code,
    );
    let subject = doc
        .subject
        .as_ref()
        .map(|s| format!("{}{}", h.subject.prefix, s.trim()));
    let header = HeaderView {
        superior: doc.issuer.superior.as_deref().map(wording::upper),
        organ: wording::upper(&doc.issuer.organ),
        number: number.clone(),
        subject,
        place_date: wording::date_line(&profile.date, &doc.place, doc.date.as_ref()),
    };

    let recipients = match doc.recipients.as_slice() {
        [] => Vec::new(),
        // One addressee stands on the label's line, without dash or stop.
        [one] => wording::punctuate(std::slice::from_ref(one), "", "", ""),
        many => wording::punctuate_list(&profile.recipients, many),
    };

    let mut blocks = Vec::new();
    let mut outline = Outline::default();
    flatten(&doc.body, 0, profile, &mut outline, &mut blocks);
    if let Some(closing) = &doc.closing {
        blocks.push(paragraph(closing));
    }

    let d = &profile.distribution;
    let meta = Meta {
        title: match &doc.subject {
            Some(s) => format!(
                "{} {} {}",
                doc.kind.name_vi(),
                number.trim_start_matches("Số ").trim_start_matches(": "),
                s.trim()
            ),
            None => format!(
                "{} {}",
                doc.kind.name_vi(),
                number.trim_start_matches("Số ").trim_start_matches(": ")
            ),
        },
        author: doc.issuer.organ.clone(),
        keywords: vec![number.clone()],
        date: doc.date.map(|d| DateView {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }),
    };

    View {
        meta,
        header,
        recipients,
        recipients_label: profile.recipients.label.clone(),
        blocks,
        signature: SignatureView {
            authority: doc
                .signer
                .authority
                .as_deref()
                .map(|a| wording::authority_line(&profile.signature.prefixes, a)),
            role: wording::upper(&doc.signer.role),
            name: doc.signer.name.trim().to_string(),
        },
        distribution_label: d.label.clone(),
        distribution: wording::punctuate(&doc.distribution, &d.prefix, &d.separator, &d.terminator),
    }
}

fn paragraph(text: &str) -> BlockView {
    BlockView {
        kind: "paragraph",
        level: 0,
        label: String::new(),
        text: text.trim().to_string(),
        bold: false,
        italic: false,
    }
}

/// Walk the body tree, numbering sections and marking list levels.
fn flatten(
    blocks: &[Block],
    level: usize,
    profile: &Profile,
    outline: &mut Outline,
    out: &mut Vec<BlockView>,
) {
    let o = &profile.outline;
    for block in blocks {
        match block {
            Block::Paragraph(text) => out.push(paragraph(text)),
            Block::Node(node) => {
                if node.section.is_some() || node.numbered.is_some() {
                    let label = outline.next(level, &o.numbering);
                    let style = o.headings.get(level).or(o.headings.last());
                    let (kind, text) = match (&node.section, &node.numbered) {
                        (Some(title), _) => ("heading", title),
                        (None, Some(text)) => ("numbered", text),
                        (None, None) => unreachable!("checked above"),
                    };
                    out.push(BlockView {
                        kind,
                        level: level + 1,
                        label,
                        text: text.trim().to_string(),
                        bold: kind == "heading" && style.is_some_and(|s| s.bold),
                        italic: kind == "heading" && style.is_some_and(|s| s.italic),
                    });
                    flatten(&node.body, level + 1, profile, outline, out);
                } else {
                    flatten(&node.body, level, profile, outline, out);
                }
                if let Some(items) = &node.list {
                    list(items, 0, profile, out);
                }
            }
        }
    }
}

fn list(items: &[ListItem], depth: usize, profile: &Profile, out: &mut Vec<BlockView>) {
    let bullets = &profile.outline.bullets;
    let bullet = bullets
        .get(depth)
        .or(bullets.last())
        .cloned()
        .unwrap_or_else(|| "-".into());
    for item in items {
        out.push(BlockView {
            kind: "item",
            level: depth + 1,
            label: bullet.clone(),
            text: item.text.trim().to_string(),
            bold: false,
            italic: false,
        });
        list(&item.list, depth + 1, profile, out);
    }
}
