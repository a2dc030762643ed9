//! A flat, typst-free view of the laid-out pages: every text run and rule
//! with its absolute position (pt, origin top-left, y = baseline for text),
//! size and font. Tests assert the layout rules on it, and later checks
//! can measure the page the same way a ruler would.

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::text::FontStyle;
use typst::visualize::Geometry;
use typst_layout::PagedDocument;

/// All pages of a document.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The pages in order.
    pub pages: Vec<PageLayout>,
}

/// One page.
#[derive(Debug, Clone)]
pub struct PageLayout {
    /// Width in pt.
    pub width: f64,
    /// Height in pt.
    pub height: f64,
    /// Text runs in paint order.
    pub texts: Vec<TextRun>,
    /// Straight lines (rules, underlines) in paint order.
    pub rules: Vec<Rule>,
    /// Images (signature, seal) in paint order.
    pub images: Vec<ImageBox>,
}

/// Where an image is drawn: its box, pt from the page's top-left.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageBox {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// A run of text set in one font at one size.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// The characters.
    pub text: String,
    /// Left edge of the run, pt from the page's left edge.
    pub x: f64,
    /// Baseline, pt from the page's top edge.
    pub y: f64,
    /// Advance width in pt.
    pub width: f64,
    /// Font size in pt.
    pub size: f64,
    /// Font family name.
    pub family: String,
    /// Weight ≥ 600.
    pub bold: bool,
    /// Italic or oblique.
    pub italic: bool,
}

/// A straight stroked line.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Start x.
    pub x0: f64,
    /// Start y.
    pub y0: f64,
    /// End x.
    pub x1: f64,
    /// End y.
    pub y1: f64,
    /// Stroke thickness.
    pub thickness: f64,
}

impl Rule {
    /// Horizontal length.
    pub fn length(&self) -> f64 {
        (self.x1 - self.x0).abs()
    }
}

/// Text runs sharing a baseline, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    /// The line's text, runs joined with spaces where there is a gap.
    pub text: String,
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    /// The runs.
    pub runs: Vec<TextRun>,
}

impl Layout {
    pub(crate) fn of(doc: &PagedDocument) -> Self {
        let pages = doc
            .pages()
            .iter()
            .map(|page| {
                let mut p = PageLayout {
                    width: page.frame.width().to_pt(),
                    height: page.frame.height().to_pt(),
                    texts: Vec::new(),
                    rules: Vec::new(),
                    images: Vec::new(),
                };
                walk(&page.frame, Transform::identity(), &mut p);
                p
            })
            .collect();
        Self { pages }
    }

    /// All text of all pages, line by line in reading order.
    pub fn text(&self) -> String {
        self.pages.iter().flat_map(|p| p.lines()).map(|l| l.text).collect::<Vec<_>>().join("\n")
    }
}

impl PageLayout {
    /// Runs grouped into lines by baseline (within 0.5 pt), top to bottom.
    /// Runs in different columns on the same baseline form one line, so
    /// callers look at `runs` when columns matter.
    pub fn lines(&self) -> Vec<Line> {
        let mut runs = self.texts.clone();
        runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<Line> = Vec::new();
        for run in runs {
            match lines.last_mut() {
                Some(line) if (line.y - run.y).abs() < 0.5 => line.runs.push(run),
                _ => lines.push(Line { text: String::new(), x0: 0.0, x1: 0.0, y: run.y, runs: vec![run] }),
            }
        }
        for line in &mut lines {
            line.runs.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut end = f64::NEG_INFINITY;
            for r in &line.runs {
                let gap = r.x - end;
                if !text.is_empty() && gap > 0.15 * r.size && !text.ends_with(' ') && !r.text.starts_with(' ') {
                    text.push(' ');
                }
                text.push_str(&r.text);
                end = r.x + r.width;
            }
            line.text = text;
            line.x0 = line.runs.first().map_or(0.0, |r| r.x);
            line.x1 = line.runs.iter().map(|r| r.x + r.width).fold(f64::NEG_INFINITY, f64::max);
        }
        lines
    }

    /// The first line whose text contains `needle`.
    pub fn find_line(&self, needle: &str) -> Option<Line> {
        self.lines().into_iter().find(|l| l.text.contains(needle))
    }

    /// The first run whose text contains `needle`.
    pub fn find_run(&self, needle: &str) -> Option<&TextRun> {
        self.texts.iter().find(|r| r.text.contains(needle))
    }
}

fn walk(frame: &Frame, ts: Transform, out: &mut PageLayout) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                walk(&group.frame, inner, out);
            }
            FrameItem::Text(text) => {
                let p = apply(ts, *pos);
                let info = text.font.font().info();
                out.texts.push(TextRun {
                    text: text.text.to_string(),
                    x: p.x.to_pt(),
                    y: p.y.to_pt(),
                    width: text.width().to_pt(),
                    size: text.size.to_pt(),
                    family: info.family.clone(),
                    bold: info.variant.weight.to_number() >= 600,
                    italic: info.variant.style != FontStyle::Normal,
                });
            }
            FrameItem::Shape(shape, _) => {
                if let (Geometry::Line(to), Some(stroke)) = (&shape.geometry, &shape.stroke) {
                    let a = apply(ts, *pos);
                    let b = apply(ts, *pos + *to);
                    out.rules.push(Rule {
                        x0: a.x.to_pt(),
                        y0: a.y.to_pt(),
                        x1: b.x.to_pt(),
                        y1: b.y.to_pt(),
                        thickness: stroke.thickness.to_pt(),
                    });
                }
            }
            FrameItem::Image(_, size, _) => {
                let a = apply(ts, *pos);
                let b = apply(ts, *pos + size.to_point());
                out.images.push(ImageBox {
                    x: a.x.to_pt(),
                    y: a.y.to_pt(),
                    width: (b.x - a.x).to_pt(),
                    height: (b.y - a.y).to_pt(),
                });
            }
            _ => {}
        }
    }
}

fn apply(ts: Transform, p: Point) -> Point {
    let x = ts.sx.get() * p.x.to_pt() + ts.kx.get() * p.y.to_pt() + ts.tx.to_pt();
    let y = ts.ky.get() * p.x.to_pt() + ts.sy.get() * p.y.to_pt() + ts.ty.to_pt();
    Point::new(Abs::pt(x), Abs::pt(y))
}
