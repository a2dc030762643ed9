//! Command-line arguments (clap). Help text lives on the fields.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Official documents of Vietnamese Party committees and State bodies,
/// from YAML to PDF.
#[derive(Debug, Parser)]
#[command(name = "vanban", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render a document to PDF (or to its Typst source).
    Render(RenderArgs),
    /// Parse and validate a document without rendering it.
    Check(CheckArgs),
    /// Render a kit template once per data row (or once for all rows).
    Batch(BatchArgs),
    /// List the kit templates for `batch`.
    Kit,
    /// List the format rules that `check` and `render` apply.
    Rules(RulesArgs),
    /// Print the JSON Schema of the YAML, for editors.
    Schema(SchemaArgs),
    /// Sign a PDF digitally (PAdES B-B) with a PKCS#12 certificate.
    Sign(SignCommandArgs),
    /// List a directive's deadlines, and write them as a calendar (.ics).
    Deadlines(DeadlinesArgs),
    /// Re-render a document whenever it (or a template) is saved.
    Watch(WatchArgs),
}

/// A digital signature's options (for `sign`, `render --sign`, `batch --sign`).
#[derive(Debug, Clone, Args)]
pub struct SignArgs {
    /// The signer's certificate and private key, as PKCS#12 (.p12 / .pfx).
    #[arg(long, value_name = "FILE")]
    pub p12: Option<PathBuf>,
    /// File whose first line is the .p12 password; default: the
    /// VANBAN_P12_PASSWORD environment variable, else no password.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Reason for signing (`/Reason`), e.g. "Ban hành văn bản".
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Place of signing (`/Location`), e.g. "Hà Nội".
    #[arg(long, value_name = "TEXT")]
    pub location: Option<String>,
    /// Signature field to sign (`Signature1`, …); default: the first empty one.
    #[arg(long, value_name = "NAME")]
    pub field: Option<String>,
}

/// The images of a visible signature (NĐ 30 Phụ lục I), for `render`
/// and `sign`.
#[derive(Debug, Clone, Args)]
pub struct ImageArgs {
    /// The signer's signature image (PNG, transparent), centred between
    /// the role and the name.
    #[arg(long, value_name = "FILE")]
    pub signature_image: Option<PathBuf>,
    /// The organ's seal image (red PNG, transparent), at true size over
    /// the signature's left third.
    #[arg(long, value_name = "FILE")]
    pub seal_image: Option<PathBuf>,
}

/// `vanban sign`.
#[derive(Debug, Args)]
pub struct SignCommandArgs {
    /// The PDF to sign.
    pub input: PathBuf,
    /// Where to write the signed PDF; default: `NAME-signed.pdf` beside the input.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Images drawn in the field that is signed.
    #[command(flatten)]
    pub images: ImageArgs,
    /// The seal's true diameter in millimetres.
    #[arg(long, value_name = "MM", default_value_t = 36.0)]
    pub seal_mm: f64,
    /// The signature.
    #[command(flatten)]
    pub sign: SignArgs,
}

/// `vanban deadlines`.
#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    /// The directive, as YAML.
    pub input: PathBuf,
    /// Also write the deadlines as an iCalendar file (all-day events).
    #[arg(long, value_name = "FILE")]
    pub ics: Option<PathBuf>,
    /// Days before each deadline that the calendar reminds.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub remind_days: u32,
}

/// `vanban watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The document, as YAML.
    pub input: PathBuf,
    /// Where to write the PDF; defaults to the input's name with `.pdf`.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Stop after this many renders (for scripts and tests).
    #[arg(long, value_name = "N", hide = true)]
    pub max_renders: Option<usize>,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `vanban schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Only this kind (`cong-van`, `ke-hoach` …); default: every kind.
    pub kind: Option<String>,
}

/// `vanban rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Only this profile's rules (hd36, nd30, hd05).
    #[arg(long)]
    pub profile: Option<String>,
}

/// Options shared by every command that reads a document.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Directory of templates overriding the built-in ones by file name
    /// (e.g. `cong-van.j2.typ`, `style.typ`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Extra directory of fonts (repeatable); a document or profile may
    /// then name one of their families.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// Extra directory of format profiles (`*.yaml`, repeatable): a newer
    /// guide as data, e.g. `extends: hd36` and what changed.
    #[arg(long = "profiles", value_name = "DIR")]
    pub profiles: Vec<PathBuf>,
}

/// `vanban render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The document, as YAML.
    pub input: PathBuf,
    /// Where to write; defaults to the input's name with `.pdf` (or `.typ`).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    pub format: Format,
    /// Render only appendix N (1-based) on its own, as a blank form to print.
    #[arg(long, value_name = "N")]
    pub appendix: Option<usize>,
    /// Render even when format rules find errors.
    #[arg(long)]
    pub force: bool,
    /// PDF options.
    #[command(flatten)]
    pub pdf: PdfArgs,
    /// Pixels per inch of `--format png`.
    #[arg(long, value_name = "N", default_value_t = 144.0)]
    pub ppi: f32,
    /// Images of the visible signature; they override the YAML's
    /// `signer.signature_image` and `signer.seal_image`.
    #[command(flatten)]
    pub images: ImageArgs,
    /// Sign the PDF digitally (needs `--p12`).
    #[arg(long, requires = "p12")]
    pub sign: bool,
    /// The signature, with `--sign`.
    #[command(flatten)]
    pub signature: SignArgs,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// How PDFs are written (for `render` and `batch`).
#[derive(Debug, Clone, Args)]
pub struct PdfArgs {
    /// Conform to a PDF standard: `a-2b` (PDF/A-2b, for archives), `a-3b`,
    /// `a-2u`, `1.7`, `ua-1` … (repeatable); default plain PDF 1.7.
    #[arg(long = "pdf-standard", value_name = "NAME", value_parser = crate::typeset::parse_pdf_standard)]
    pub standards: Vec<typst_pdf::PdfStandard>,
    /// Leave out the empty signature fields over the signature blocks.
    #[arg(long)]
    pub no_signature_fields: bool,
}

impl PdfArgs {
    /// The settings these flags ask for.
    pub fn settings(&self) -> crate::typeset::PdfSettings {
        crate::typeset::PdfSettings { standards: self.standards.clone(), signature_fields: !self.no_signature_fields }
    }
}

/// `vanban check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The document, as YAML.
    pub input: PathBuf,
    /// How to print diagnostics: for people, or one JSON object per line
    /// on stdout for editors and CI.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
    /// Write the certain fixes into the file (comments and order kept),
    /// then check again.
    #[arg(long)]
    pub fix: bool,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    /// Code frames on stderr, coloured on a terminal.
    Human,
    /// JSON lines on stdout.
    Json,
}

/// Output formats of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// PDF, ready to print and sign.
    Pdf,
    /// The generated Typst source, for inspection.
    Typ,
    /// One PNG per page (`NAME-1.png`, …), for previews.
    Png,
    /// One SVG per page (`NAME-1.svg`, …).
    Svg,
}

/// `vanban batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Kit template name (see `vanban kit`), e.g. `kiem-diem-ca-nhan-2025`.
    pub template: String,
    /// Data: a CSV file with a header row (UTF-8, BOM allowed) or a YAML list.
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
    /// Output directory for the PDFs and manifest.csv.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Also write one combined PDF, in row order, for printing.
    #[arg(long, value_name = "FILE")]
    pub merge: Option<PathBuf>,
    /// Write PDFs, or Typst sources (with style.typ and profile.json beside them).
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    pub format: Format,
    /// Worker threads (default: all cores).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// File name pattern from row fields, e.g. "{chi_bo}-{ho_ten}".
    #[arg(long, value_name = "PATTERN")]
    pub name: Option<String>,
    /// Shared values (the committee, the year, the deadline) as a YAML mapping.
    #[arg(long, value_name = "FILE")]
    pub context: Option<PathBuf>,
    /// A shared value, overriding the context file (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = crate::kit::data::parse_set)]
    pub set: Vec<(String, String)>,
    /// PDF options.
    #[command(flatten)]
    pub pdf: PdfArgs,
    /// Sign every PDF digitally (needs `--p12`).
    #[arg(long, requires = "p12")]
    pub sign: bool,
    /// The signature, with `--sign`.
    #[command(flatten)]
    pub signature: SignArgs,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
}
