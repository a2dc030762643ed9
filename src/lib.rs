//! vanban: official documents of Vietnamese Party committees and State
//! bodies, from structured YAML to PDF.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`model`] reads YAML into a typed [`model::Document`] (serde).
//! 2. [`check`] finds what serde cannot (shape of blocks, blank fields).
//! 3. [`render`] turns it into a view in the [`profile`]'s wording and
//!    renders Typst source with minijinja, every value escaped.
//! 4. [`typeset`] compiles that source in-process in a sandboxed typst
//!    world with embedded fonts, and exports PDF.
//! 5. [`pdf`] and [`sign`] extend the finished PDF by incremental
//!    updates: empty signature fields over the signature blocks, and
//!    PAdES signatures; [`deadlines`] reads a directive's deadlines into
//!    a calendar.
//! 6. [`cli`] is the command line.
//!
//! [`Engine`] ties the stages together; [`diag::Diagnostic`] is the one
//! error type from parsing to PDF.
//!
//! ```no_run
//! use vanban::{Engine, EngineOptions, model::Source};
//! let engine = Engine::new(&EngineOptions::default()).unwrap();
//! let source = Source::new("cv.yaml", &std::fs::read_to_string("cv.yaml").unwrap());
//! let pdf = engine.render_pdf(&source).unwrap().output;
//! ```

#![deny(missing_docs)]

pub mod batch;
pub mod check;
pub mod cli;
pub mod deadlines;
pub mod diag;
mod engine;
pub mod io;
pub mod kit;
pub mod model;
pub mod pattern;
pub mod pdf;
pub mod profile;
pub mod render;
pub mod sign;
pub mod typeset;

pub use engine::{Engine, EngineOptions, Prepared};
