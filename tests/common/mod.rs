//! Shared helpers for integration tests: one engine per test binary,
//! documents compiled from files or YAML text.

#![allow(dead_code)]

use std::sync::OnceLock;

use vanban::model::Source;
use vanban::typeset::inspect::Layout;
use vanban::{Engine, EngineOptions};

/// The engine, built once per test binary.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(&EngineOptions::default()).expect("engine builds"))
}

/// Path of a file in the repository.
pub fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Compile YAML text and return its layout.
pub fn layout_of(name: &str, yaml: &str) -> Layout {
    let source = Source::new(name, yaml);
    let prepared = engine().prepare(&source).unwrap_or_else(|d| panic!("prepare failed:\n{d}")).output;
    let compiled = engine().compile(&prepared).unwrap_or_else(|d| panic!("compile failed:\n{d}"));
    assert!(compiled.warnings.is_empty(), "warnings: {:?}", compiled.warnings);
    compiled.output.layout()
}

/// Compile a repository file and return its layout.
pub fn layout_of_file(path: &str) -> Layout {
    let text = std::fs::read_to_string(repo(path)).expect("example exists");
    layout_of(path, &text)
}

/// Millimetres to points.
pub fn mm(x: f64) -> f64 {
    x * 72.0 / 25.4
}

/// Assert two lengths are equal within a tolerance.
#[track_caller]
pub fn close(actual: f64, expected: f64, tol: f64, what: &str) {
    assert!((actual - expected).abs() <= tol, "{what}: {actual:.2} pt, expected {expected:.2} ± {tol} pt");
}
