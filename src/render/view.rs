//! The view model: a document turned into exactly what the page shows,
//! in reading order, so templates only arrange and never decide.
//!
//! Here names are upper-cased, the number and date are worded, sections
//! and articles are numbered, lists get their bullets, recipients and
//! căn cứ their punctuation, and appendices their link to the parent.

use serde::Serialize;

use super::wording::{self, Outline};
use crate::model::{Appendix, Block, Cell, Document, Kind, ListItem, Node, Signer, Table};
use crate::profile::{Levels, Profile};

/// Everything a template needs, already in its final wording.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// PDF metadata.
    pub meta: Meta,
    /// First-page header.
    pub header: HeaderView,
    /// Type name and trích yếu of named types (none for a công văn).
    pub title: Option<TitleView>,
    /// "Kính gửi" lines; empty when there are none.
    pub recipients: Vec<String>,
    /// "Kính gửi:" label.
    pub recipients_label: String,
    /// Căn cứ lines, punctuated.
    pub bases: Vec<String>,
    /// "BAN THƯỜNG VỤ … QUYẾT ĐỊNH:".
    pub decision: Option<String>,
    /// Meeting details (giấy mời, biên bản).
    pub meeting: Option<MeetingView>,
    /// Body blocks, flattened in reading order.
    pub blocks: Vec<BlockView>,
    /// The closing paragraph, kept with the signature.
    pub closing: Option<String>,
    /// Signature block (a form may have none).
    pub signature: Option<SignatureView>,
    /// A form's code at the top right of page 1.
    pub form_label: Option<String>,
    /// Landscape pages.
    pub landscape: bool,
    /// Second signature (người ghi biên bản), at the left.
    pub recorder: Option<SignatureView>,
    /// "Nơi nhận:" label.
    pub distribution_label: String,
    /// "Nơi nhận" lines.
    pub distribution: Vec<String>,
    /// Appendices, each on new pages.
    pub appendices: Vec<AppendixView>,
    /// Where the signer's signature and seal images are, when given.
    pub images: ImagesView,
}

/// Paths (inside the typst world) of the visible signature's images.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImagesView {
    /// The signer's signature image.
    pub signature: Option<&'static str>,
    /// The organ's seal image.
    pub seal: Option<&'static str>,
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
    /// Subject (PDF `/Subject`): the trích yếu, or the type name.
    pub description: String,
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
    /// "Số 68-CV/ĐU"; none for a form.
    pub number: Option<String>,
    /// "V/v …" for a công văn.
    pub subject: Option<String>,
    /// "Giang Biên, ngày 02 tháng 11 năm 2021".
    pub place_date: String,
}

/// Type name and trích yếu.
#[derive(Debug, Clone, Serialize)]
pub struct TitleView {
    /// "KẾ HOẠCH".
    pub name: String,
    /// The trích yếu as written.
    pub subject: Option<String>,
}

/// Meeting details, each line optional.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    /// Thời gian.
    pub time: Option<String>,
    /// Địa điểm.
    pub venue: Option<String>,
    /// Chủ trì.
    pub chair: Option<String>,
    /// Thư ký.
    pub secretary: Option<String>,
    /// Thành phần.
    pub attendees: Vec<String>,
    /// Vắng mặt.
    pub absent: Vec<String>,
    /// Nội dung.
    pub content: Option<String>,
}

/// One body block in reading order. Fields a kind does not use are empty.
#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    /// `paragraph`, `heading`, `numbered`, `item`, `chapter`, `article`,
    /// `table`, `fill`, `checkboxes`, `note`, `appendix-list`, `signatures`.
    pub kind: &'static str,
    /// Nesting level, 1-based (headings and items).
    pub level: usize,
    /// "1.", "3.2.1.", "Điều 2.", "Chương I" or the bullet "-" / "+".
    pub label: String,
    /// The text, with emphasis markup still to be rendered by `|rich`.
    pub text: String,
    /// Heading style at this level.
    pub bold: bool,
    /// Heading style at this level.
    pub italic: bool,
    /// Keep with the next block (the last paragraph before the signature).
    pub keep: bool,
    /// Check-box options, appendix entries.
    pub items: Vec<String>,
    /// Fill-in lines.
    pub fields: Vec<FieldView>,
    /// A table.
    pub table: Option<TableView>,
    /// Signature slots.
    pub slots: Vec<SlotView>,
}

/// A fill-in line.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    /// "Họ và tên".
    pub label: String,
    /// The value, or none for dots.
    pub value: Option<String>,
}

/// A table ready to lay out.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// Column widths as validated Typst lengths.
    pub widths: Vec<String>,
    /// Header rows.
    pub header: Vec<Vec<CellView>>,
    /// Body rows (numbered, blank rows added).
    pub rows: Vec<Vec<CellView>>,
    /// Totals row.
    pub total: Option<Vec<CellView>>,
}

/// A table cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// Text with emphasis markup.
    pub text: String,
    /// Columns spanned.
    pub colspan: usize,
    /// Rows spanned.
    pub rowspan: usize,
    /// Centre the text (numbers column).
    pub center: bool,
}

/// One slot of a signature row.
#[derive(Debug, Clone, Serialize)]
pub struct SlotView {
    /// Upper-cased title.
    pub title: String,
    /// Note under it.
    pub note: Option<String>,
    /// Name, when known.
    pub name: Option<String>,
}

/// A signature block, worded.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureView {
    /// "T/M ĐẢNG ỦY", or none when signing directly.
    pub authority: Option<String>,
    /// "PHÓ BÍ THƯ".
    pub role: String,
    /// "Đào Mạnh Trung".
    pub name: String,
}

/// An appendix, worded.
#[derive(Debug, Clone, Serialize)]
pub struct AppendixView {
    /// "Phụ lục 1".
    pub label: String,
    /// Upper-cased title.
    pub title: String,
    /// Line under the title.
    pub subtitle: Option<String>,
    /// "(Kèm theo Công văn số 68-CV/ĐU, ngày 02/11/2021 của …)".
    pub link: String,
    /// Landscape pages.
    pub landscape: bool,
    /// Its content.
    pub blocks: Vec<BlockView>,
}

/// Build the view of `doc` under `profile`.
pub fn build(doc: &Document, profile: &Profile) -> View {
    let h = &profile.header;
    let type_code = doc.type_code.clone().unwrap_or_else(|| profile.type_code(doc.kind));
    let number_value = doc.number.as_ref().map(|n| n.0.as_str());
    let number = match (&h.number.letter_pattern, doc.is_named()) {
        (Some(letter), false) => wording::fill(
            letter,
            &[
                ("number", &wording::pad_number(&h.number, number_value)),
                ("organ", &doc.issuer.code),
                ("unit", doc.issuer.unit.as_deref().unwrap_or("")),
            ],
        )
        .trim_end_matches('-')
        .to_string(),
        _ => wording::number_line(&h.number, number_value, &type_code, &doc.issuer.code),
    };
    let subject = doc.subject.as_ref().map(|s| s.trim().to_string());
    let header = HeaderView {
        superior: doc.issuer.superior.as_deref().map(wording::upper),
        organ: wording::upper(&doc.issuer.organ),
        number: (doc.kind != Kind::BieuMau).then(|| number.clone()),
        subject: subject.as_ref().filter(|_| !doc.is_named()).map(|s| format!("{}{s}", h.subject.prefix)),
        place_date: wording::date_line(&profile.date, &doc.place, doc.date.as_ref()),
    };
    let type_name = doc.title.as_deref().map_or(doc.kind.name_vi(), str::trim);
    let title = doc.is_named().then(|| TitleView { name: wording::upper(type_name), subject: subject.clone() });

    let recipients = match doc.recipients.as_slice() {
        [] => Vec::new(),
        // One addressee stands on the label's line, without dash or stop.
        [one] => wording::punctuate(std::slice::from_ref(one), "", "", ""),
        many => wording::punctuate_list(&profile.recipients, many),
    };
    let b = &profile.bases;
    let bases = wording::punctuate(&doc.bases, &b.prefix, &b.separator, &b.terminator);

    let levels = match &doc.outline {
        Some(numbering) => {
            let base = if doc.is_named() { &profile.outline.named } else { &profile.outline.letter };
            Levels { numbering: numbering.clone(), headings: base.headings.clone() }
        }
        None if doc.is_named() => profile.outline.named.clone(),
        None => profile.outline.letter.clone(),
    };
    let appendix_titles: Vec<String> =
        doc.appendices.iter().map(|a| format!("{}: {}", a.label.trim(), a.title.trim())).collect();
    let mut walker = Walker::new(profile, levels.clone(), &appendix_titles);
    walker.blocks(&doc.body, 0);
    // Keep the last paragraph with the signature block, so that the
    // signature never stands alone on the last page.
    let closing = doc.closing.as_deref().map(|c| c.trim().to_string());
    if closing.is_none()
        && let Some(last) = walker.out.last_mut()
    {
        last.keep = true;
    }

    let appendices = doc.appendices.iter().map(|a| appendix(a, doc, &type_code, profile, &appendix_titles)).collect();

    let d = &profile.distribution;
    let code_only = number.trim_start_matches("Số").trim_start_matches(':').trim().to_string();
    let subject_text = subject.as_deref().map(crate::model::inline::plain);
    let meta = Meta {
        title: match &subject_text {
            Some(s) => format!("{} {}", doc.kind.name_vi(), s),
            None => format!("{} {}", doc.kind.name_vi(), code_only),
        },
        description: subject_text.clone().unwrap_or_else(|| doc.kind.name_vi().to_string()),
        author: doc.issuer.organ.clone(),
        keywords: vec![number.clone()],
        date: doc.date.map(|d| DateView { year: d.year(), month: d.month(), day: d.day() }),
    };

    View {
        meta,
        header,
        title,
        recipients,
        recipients_label: doc.recipients_label.clone().unwrap_or_else(|| profile.recipients.label.clone()),
        bases,
        decision: doc.kind.decision_verb().map(|verb| match &doc.decision {
            Some(who) => format!("{} {verb}", wording::upper(who.trim())),
            None => verb.to_string(),
        }),
        meeting: doc.meeting.as_ref().map(|m| MeetingView {
            time: m.time.clone(),
            venue: m.venue.clone(),
            chair: m.chair.clone(),
            secretary: m.secretary.clone(),
            attendees: m.attendees.clone(),
            absent: m.absent.clone(),
            content: m.content.clone(),
        }),
        blocks: walker.out,
        closing,
        signature: doc.signer.as_ref().map(|s| signature(s, profile)),
        form_label: doc.form_label.clone(),
        landscape: doc.landscape,
        recorder: doc.recorder.as_ref().map(|r| signature(r, profile)),
        distribution_label: d.label.clone(),
        distribution: wording::punctuate(&doc.distribution, &d.prefix, &d.separator, &d.terminator),
        appendices,
        images: ImagesView::default(),
    }
}

fn signature(s: &Signer, profile: &Profile) -> SignatureView {
    SignatureView {
        authority: s.authority.as_deref().map(|a| wording::authority_line(&profile.signature.prefixes, a)),
        role: wording::upper(&s.role),
        name: s.name.trim().to_string(),
    }
}

/// An appendix with its link line generated from the parent's data.
/// Its sections are numbered afresh, by its own `outline` or the
/// profile's outline for named documents (forms count I., 1., a)).
fn appendix(a: &Appendix, doc: &Document, type_code: &str, profile: &Profile, titles: &[String]) -> AppendixView {
    let f = &profile.appendix;
    let number = wording::fill(
        &f.link_number,
        &[
            ("number", &wording::pad_number(&profile.header.number, doc.number.as_ref().map(|n| n.0.as_str()))),
            ("type", type_code),
            ("organ", &doc.issuer.code),
        ],
    );
    let date = doc.date.map_or_else(|| "…/…/…".to_string(), |d| d.0.format("%d/%m/%Y").to_string());
    let attached = a.attached.clone().unwrap_or_else(|| f.attached.clone());
    // A decision is issued by whoever decides ("Ban Thường vụ Đảng ủy …").
    let issued_by = doc.decision.as_deref().unwrap_or(&doc.issuer.organ).trim();
    let link = wording::fill(
        &f.link,
        &[
            ("attached", attached.trim()),
            ("type", doc.kind.name_vi()),
            // Keep a draft's blank (non-breaking spaces) for the number.
            ("number", number.trim_matches(' ')),
            ("date", &date),
            ("organ", issued_by),
        ],
    );
    let levels = match &a.outline {
        Some(numbering) => Levels { numbering: numbering.clone(), headings: profile.outline.named.headings.clone() },
        None => profile.outline.named.clone(),
    };
    let mut walker = Walker::new(profile, levels, titles);
    walker.blocks(&a.body, 0);
    AppendixView {
        label: a.label.trim().to_string(),
        title: wording::upper(a.title.trim()),
        subtitle: a.subtitle.clone(),
        link,
        landscape: a.landscape,
        blocks: walker.out,
    }
}

impl BlockView {
    fn text(kind: &'static str, text: &str) -> Self {
        Self {
            kind,
            level: 0,
            label: String::new(),
            text: text.trim().to_string(),
            bold: false,
            italic: false,
            keep: false,
            items: Vec::new(),
            fields: Vec::new(),
            table: None,
            slots: Vec::new(),
        }
    }
}

/// Walks the body tree, numbering sections, chapters and articles.
struct Walker<'a> {
    profile: &'a Profile,
    levels: Levels,
    outline: Outline,
    chapters: usize,
    articles: usize,
    appendix_titles: &'a [String],
    out: Vec<BlockView>,
}

impl<'a> Walker<'a> {
    fn new(profile: &'a Profile, levels: Levels, appendix_titles: &'a [String]) -> Self {
        Self {
            profile,
            levels,
            outline: Outline::default(),
            chapters: 0,
            articles: 0,
            appendix_titles,
            out: Vec::new(),
        }
    }

    fn blocks(&mut self, blocks: &[Block], level: usize) {
        for block in blocks {
            match block {
                Block::Paragraph(text) => self.out.push(BlockView::text("paragraph", text)),
                Block::Node(node) => {
                    // What a signature row confirms stays on its page.
                    if node.signatures.is_some()
                        && let Some(last) = self.out.last_mut()
                    {
                        last.keep = true;
                    }
                    self.node(node, level)
                }
            }
        }
    }

    fn node(&mut self, node: &Node, level: usize) {
        let articles = &self.profile.articles;
        if let Some(text) = node.section.as_ref().or(node.numbered.as_ref()) {
            let kind = if node.section.is_some() { "heading" } else { "numbered" };
            let label = self.outline.next(level, &self.levels.numbering);
            let style = self.levels.headings.get(level).or(self.levels.headings.last()).cloned();
            let heading = kind == "heading";
            // Only Roman-numbered levels are upper-cased ("I. MỤC ĐÍCH"):
            // an outline override to "1." keeps titles in normal case.
            let roman =
                self.levels.numbering.get(level).or(self.levels.numbering.last()).is_some_and(|p| p.starts_with('I'));
            let upper = heading && roman && style.as_ref().is_some_and(|s| s.upper);
            let mut b = BlockView::text(kind, &if upper { wording::upper(text) } else { text.clone() });
            b.level = level + 1;
            b.label = label;
            b.bold = heading && style.as_ref().is_some_and(|s| s.bold);
            b.italic = heading && style.as_ref().is_some_and(|s| s.italic);
            // A numbered line that introduces something stays with it.
            b.keep = !node.body.is_empty();
            self.out.push(b);
            self.blocks(&node.body, level + 1);
        } else if let Some(title) = &node.chapter {
            self.chapters += 1;
            let mut b = BlockView::text("chapter", &wording::upper(title));
            b.label = format!(
                "{} {}",
                articles.chapter_label,
                wording::format_counter(&articles.chapter_numbering, self.chapters)
            );
            self.out.push(b);
            self.blocks(&node.body, level);
        } else if let Some(text) = node.article.as_ref().or(node.article_text.as_ref()) {
            self.articles += 1;
            let mut b = BlockView::text("article", text);
            b.label = format!("{} {}.", articles.article_label, self.articles);
            // A titled article is bold as a whole; run-in text is not.
            b.bold = node.article.is_some();
            self.out.push(b);
            // Khoản and điểm restart in every article, by their own pattern.
            let inner = Levels { numbering: articles.numbering.clone(), headings: self.levels.headings.clone() };
            let saved = std::mem::replace(&mut self.levels, inner);
            let saved_outline = std::mem::take(&mut self.outline);
            self.blocks(&node.body, 0);
            self.levels = saved;
            self.outline = saved_outline;
        } else if let Some(items) = &node.list {
            self.list(items, 0);
        } else if let Some(table) = &node.table {
            let mut b = BlockView::text("table", "");
            b.table = Some(table_view(table, &self.profile.table.number_header));
            self.out.push(b);
        } else if let Some(fields) = &node.fill {
            let mut b = BlockView::text("fill", "");
            b.fields = fields
                .iter()
                .map(|f| FieldView {
                    label: f.label.trim().to_string(),
                    value: f.value.as_ref().map(|v| v.trim().to_string()),
                })
                .collect();
            self.out.push(b);
        } else if let Some(boxes) = &node.checkboxes {
            let mut b = BlockView::text("checkboxes", boxes.label.as_deref().unwrap_or(""));
            b.items = boxes.options.iter().map(|o| o.trim().to_string()).collect();
            self.out.push(b);
        } else if let Some(note) = &node.note {
            // A centred line usually heads what follows (a xác nhận block).
            let mut b = BlockView::text("note", note);
            b.keep = true;
            self.out.push(b);
        } else if node.appendix_list == Some(true) {
            let mut b = BlockView::text("appendix-list", "");
            b.items = self.appendix_titles.to_vec();
            self.out.push(b);
        } else if let Some(slots) = &node.signatures {
            let mut b = BlockView::text("signatures", "");
            b.slots = slots
                .iter()
                .map(|s| SlotView { title: wording::upper(&s.title), note: s.note.clone(), name: s.name.clone() })
                .collect();
            self.out.push(b);
        } else {
            self.blocks(&node.body, level);
        }
    }

    fn list(&mut self, items: &[ListItem], depth: usize) {
        let bullets = &self.profile.outline.bullets;
        let bullet = bullets.get(depth).or(bullets.last()).cloned().unwrap_or_else(|| "-".into());
        for item in items {
            let mut b = BlockView::text("item", &item.text);
            b.level = depth + 1;
            b.label = bullet.clone();
            self.out.push(b);
            self.list(&item.list, depth + 1);
        }
    }
}

/// Header rows, numbered body rows, blank rows and widths for a table.
/// Cells holding a number or a percentage are centred, as are the
/// numbering column and the totals row's label, which spans it.
fn table_view(t: &Table, number_header: &str) -> TableView {
    let cell = |c: &Cell| CellView {
        text: c.text.trim().to_string(),
        colspan: c.colspan,
        rowspan: c.rowspan,
        center: is_numeric(&c.text),
    };
    let number_cell = |text: String| CellView { text, colspan: 1, rowspan: 1, center: true };
    let data_columns = t
        .header
        .first()
        .or(t.rows.first())
        .map_or(1, |r| r.iter().map(|c| c.colspan).sum::<usize>())
        .max(t.widths.len());
    let mut header: Vec<Vec<CellView>> = t.header.iter().map(|r| r.iter().map(cell).collect()).collect();
    let mut rows: Vec<Vec<CellView>> = t.rows.iter().map(|r| r.iter().map(cell).collect()).collect();
    for _ in 0..t.blank_rows {
        rows.push((0..data_columns).map(|_| number_cell(String::new())).collect());
    }
    let mut total = t.total.as_ref().map(|r| r.iter().map(cell).collect::<Vec<_>>());
    let mut widths: Vec<String> = t.widths.iter().map(|w| w.0.clone()).collect();
    if widths.is_empty() {
        widths = vec!["1fr".into(); data_columns];
    }
    if t.numbered {
        if let Some(first) = header.first_mut() {
            let span = t.header.len();
            first.insert(0, CellView { text: number_header.into(), colspan: 1, rowspan: span, center: true });
        }
        for (i, row) in rows.iter_mut().enumerate() {
            row.insert(0, number_cell((i + 1).to_string()));
        }
        if let Some(first) = total.as_mut().and_then(|t| t.first_mut()) {
            first.colspan += 1;
            first.center = true;
        }
        widths.insert(0, "12mm".into());
    }
    TableView { widths, header, rows, total }
}

/// "12", "80%", "1.234", "12,5" — figures that read best centred.
fn is_numeric(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || ".,%-+ ".contains(c))
}
