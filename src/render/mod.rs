//! View model → Typst source, through minijinja templates.
//!
//! Templates (`templates/*.j2.typ`) are embedded in the binary; a user may
//! override any of them, and the Typst style library `style.typ`, by
//! placing a file of the same name in a directory given with
//! `--templates DIR`.
//!
//! Guarantee: every value a template prints is escaped by the `typst`
//! auto-escape formatter ([`escape`]): strings become string literals,
//! numbers print as numbers, and nothing else can be printed. There is no
//! way to mark data as raw Typst; emphasis comes only through the `rich`
//! filter, which parses `**bold**`/`*italic*` and escapes every run.
//!
//! Entry points: [`Renderer::new`], [`Renderer::typst_source`].

pub mod escape;
pub mod view;
pub mod wording;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::model::Width;
pub use view::View;

/// Templates and the style library compiled into the binary.
const EMBEDDED: &[(&str, &str)] = &[
    ("parts.j2.typ", include_str!("../../templates/parts.j2.typ")),
    ("cong-van.j2.typ", include_str!("../../templates/cong-van.j2.typ")),
    ("named.j2.typ", include_str!("../../templates/named.j2.typ")),
    ("appendix.j2.typ", include_str!("../../templates/appendix.j2.typ")),
    ("ke-hoach.j2.typ", include_str!("../../templates/ke-hoach.j2.typ")),
    ("bao-cao.j2.typ", include_str!("../../templates/bao-cao.j2.typ")),
    ("thong-bao.j2.typ", include_str!("../../templates/thong-bao.j2.typ")),
    ("huong-dan.j2.typ", include_str!("../../templates/huong-dan.j2.typ")),
    ("quyet-dinh.j2.typ", include_str!("../../templates/quyet-dinh.j2.typ")),
    ("nghi-quyet.j2.typ", include_str!("../../templates/nghi-quyet.j2.typ")),
    ("quy-dinh.j2.typ", include_str!("../../templates/quy-dinh.j2.typ")),
    ("quy-che.j2.typ", include_str!("../../templates/quy-che.j2.typ")),
    ("chuong-trinh.j2.typ", include_str!("../../templates/chuong-trinh.j2.typ")),
    ("ket-luan.j2.typ", include_str!("../../templates/ket-luan.j2.typ")),
    ("to-trinh.j2.typ", include_str!("../../templates/to-trinh.j2.typ")),
    ("giay-moi.j2.typ", include_str!("../../templates/giay-moi.j2.typ")),
    ("bien-ban.j2.typ", include_str!("../../templates/bien-ban.j2.typ")),
    ("bieu-mau.j2.typ", include_str!("../../templates/bieu-mau.j2.typ")),
    ("style.typ", include_str!("../../templates/style.typ")),
];

/// The minijinja environment, built once and reused for every document.
pub struct Renderer {
    env: Environment<'static>,
    dir: Option<PathBuf>,
}

impl Renderer {
    /// Build the environment; `dir` overrides templates by file name.
    pub fn new(dir: Option<PathBuf>) -> Result<Self, Diagnostics> {
        if let Some(d) = &dir
            && !d.is_dir()
        {
            return Err(Diagnostic::error(
                "io.templates",
                format!("template directory not found (searched at {})", d.display()),
            )
            .into());
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".typ") { AutoEscape::Custom("typst".into()) } else { AutoEscape::None }
        });
        env.set_formatter(format_value);
        // No way to print data unescaped, not even from a template.
        env.remove_filter("safe");
        env.add_filter("rich", |s: String| Value::from_safe_string(escape::rich_markup(&s)));
        env.add_filter("str", |s: String| Value::from_safe_string(escape::code_literal(&s)));
        // Lengths were validated in the model; check again so that a
        // template can never print anything else unescaped.
        env.add_filter("length", |s: String| match Width::parse(&s) {
            Some(w) => Ok(Value::from_safe_string(w.0)),
            None => Err(Error::new(ErrorKind::InvalidOperation, format!("`{s}` is not a length"))),
        });
        let loader_dir = dir.clone();
        env.set_loader(move |name| load_template(loader_dir.as_deref(), name));
        Ok(Self { env, dir })
    }

    /// Render `template` with `view` into Typst source.
    pub fn typst_source(&self, template: &str, view: &View) -> Result<String, Diagnostics> {
        self.render(template, view)
    }

    /// Render appendix `index` (0-based) of `view` on its own, as a blank form.
    pub fn appendix_source(&self, view: &View, index: usize) -> Result<String, Diagnostics> {
        #[derive(serde::Serialize)]
        struct Only<'a> {
            meta: &'a view::Meta,
            appendix: &'a view::AppendixView,
        }
        let appendix = view.appendices.get(index).ok_or_else(|| {
            Diagnostic::error("input.appendix", format!("the document has no appendix {}", index + 1))
        })?;
        self.render("appendix.j2.typ", &Only { meta: &view.meta, appendix })
    }

    fn render<T: serde::Serialize>(&self, template: &str, ctx: &T) -> Result<String, Diagnostics> {
        let tmpl = self.env.get_template(template).map_err(|e| template_error(self, &e))?;
        tmpl.render(Value::from(minijinja::value::Serde(ctx))).map_err(|e| template_error(self, &e).into())
    }

    /// The text of a non-template asset such as `style.typ`, honouring the
    /// override directory.
    pub fn asset(&self, name: &str) -> Result<Cow<'static, str>, Diagnostics> {
        match load_template(self.dir.as_deref(), name) {
            Ok(Some(text)) => Ok(text),
            Ok(None) => Err(Diagnostic::error("internal.asset", format!("asset `{name}` not found")).into()),
            Err(e) => Err(Diagnostic::error("io.templates", e.to_string()).into()),
        }
    }
}

/// The override file if present, else the embedded one.
fn load_template(dir: Option<&Path>, name: &str) -> Result<Option<Cow<'static, str>>, Error> {
    if name.contains(['/', '\\']) || name.starts_with('.') {
        return Ok(None);
    }
    if let Some(dir) = dir {
        let path = dir.join(name);
        if path.is_file() {
            return std::fs::read_to_string(&path).map(|s| Some(Cow::Owned(s))).map_err(|e| {
                Error::new(ErrorKind::InvalidOperation, format!("failed to read {} ({e})", path.display()))
            });
        }
    }
    Ok(EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, t)| Cow::Borrowed(*t)))
}

/// The `typst` auto-escape formatter: strings become `#"…";`, numbers and
/// booleans print as themselves, none prints nothing, anything else is an
/// error (a template must loop over lists, not print them).
fn format_value(out: &mut minijinja::Output, state: &mut minijinja::State, value: &Value) -> Result<(), Error> {
    if !matches!(state.auto_escape(), AutoEscape::Custom(name) if name == "typst") {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_safe() {
        return out.write_str(value.as_str().unwrap_or_default()).map_err(Error::from);
    }
    let text = match value.kind() {
        ValueKind::Undefined | ValueKind::None => return Ok(()),
        ValueKind::Number => value.to_string(),
        // minijinja prints booleans Python-style (`True`); Typst wants `true`.
        ValueKind::Bool => value.is_true().to_string(),
        ValueKind::String => escape::markup_literal(value.as_str().unwrap_or_default()),
        kind => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("cannot print a {kind} into Typst source; loop over it or pick a field"),
            ));
        }
    };
    out.write_str(&text).map_err(Error::from)
}

/// A template error is our bug or the override's: name the template line.
fn template_error(r: &Renderer, e: &Error) -> Diagnostic {
    let name: Arc<str> = e.name().unwrap_or("template").into();
    let mut d = Diagnostic::error("template.render", format!("{} ({})", e.kind(), e.detail().unwrap_or("no detail")))
        .with_file(name.clone());
    if let (Some(line), Ok(Some(text))) = (e.line(), load_template(r.dir.as_deref(), &name)) {
        d = d.with_span(Span::at_line_column(&text, line, 1));
    }
    d.with_hint(if r.dir.is_some() {
        "check the templates in the --templates directory"
    } else {
        "this is a bug in vanban; please report it with the input file"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(src: &str, ctx: Value) -> String {
        let mut r = Renderer::new(None).unwrap();
        r.env.add_template_owned("t.typ", src.to_string()).unwrap();
        r.env.get_template("t.typ").unwrap().render(ctx).unwrap()
    }

    #[test]
    fn strings_are_literals_numbers_are_numbers() {
        let ctx = minijinja::context! { s => "#read(\"/etc/passwd\")", n => 3, none => () };
        assert_eq!(render("[{{ s }}] {{ n }}{{ none }}", ctx), "[#\"#read(\\\"/etc/passwd\\\")\";] 3");
    }

    #[test]
    fn template_syntax_in_data_is_not_evaluated() {
        let ctx = minijinja::context! { s => "{{ x }} {% if %}" };
        assert_eq!(render("{{ s }}", ctx), "#\"{{ x }} {% if %}\";");
    }

    #[test]
    fn there_is_no_safe_filter() {
        let mut r = Renderer::new(None).unwrap();
        r.env.add_template_owned("t.typ", "{{ s|safe }}".to_string()).unwrap();
        let out = r.env.get_template("t.typ").unwrap().render(minijinja::context! { s => "#x" });
        assert!(out.is_err(), "{out:?}");
    }

    #[test]
    fn lists_cannot_be_printed_whole() {
        let mut r = Renderer::new(None).unwrap();
        r.env.add_template_owned("t.typ", "{{ xs }}".to_string()).unwrap();
        let err = r.env.get_template("t.typ").unwrap().render(minijinja::context! { xs => vec![1, 2] });
        assert!(err.is_err());
    }
}
