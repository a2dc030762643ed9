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
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
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
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
}
