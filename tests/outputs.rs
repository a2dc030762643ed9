//! Output formats: PDF/A for archives, the PDF's metadata, PNG and SVG
//! previews, reproducibility. No PDF/A validator is installable here
//! (veraPDF is distributed outside the registries this project can
//! reach), so the PDF/A properties are asserted on the file itself:
//! the XMP identification, the output intent, embedded fonts, no
//! encryption, printable annotations with appearances.

mod common;

use assert_cmd::Command as Cli;
use lopdf::{Document, Object};
use tempfile::TempDir;
use vanban::model::Source;
use vanban::typeset::{PdfSettings, parse_pdf_standard};

const SEED: &str = "data/examples/cong-van-68-2021.yaml";

fn compiled(path: &str) -> vanban::typeset::Compiled {
    let text = std::fs::read_to_string(common::repo(path)).unwrap();
    let prepared = common::engine().prepare(&Source::new(path, &text)).unwrap().output;
    common::engine().compile(&prepared).unwrap().output
}

fn xmp(doc: &Document) -> String {
    let id = doc.catalog().unwrap().get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    String::from_utf8(bytes).unwrap()
}

fn info(doc: &Document, key: &[u8]) -> String {
    let id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    lopdf::decode_text_string(doc.get_dictionary(id).unwrap().get(key).unwrap()).unwrap()
}

#[test]
fn pdf_a_2b_has_what_the_standard_requires() {
    let settings = PdfSettings { standards: vec![parse_pdf_standard("a-2b").unwrap()], ..Default::default() };
    let pdf = compiled(SEED).pdf_with(&settings).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    assert!(!doc.is_encrypted());

    let meta = xmp(&doc);
    let part = meta.contains("<pdfaid:part>2</pdfaid:part>") || meta.contains("pdfaid:part=\"2\"");
    let conformance =
        meta.contains("<pdfaid:conformance>B</pdfaid:conformance>") || meta.contains("pdfaid:conformance=\"B\"");
    assert!(part && conformance, "XMP identifies PDF/A-2b:\n{meta}");

    let catalog = doc.catalog().unwrap();
    let intents = match catalog.get(b"OutputIntents").unwrap() {
        Object::Reference(id) => doc.get_object(*id).unwrap().as_array().unwrap(),
        other => other.as_array().unwrap(),
    };
    let intent = match &intents[0] {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        other => other.as_dict().unwrap(),
    };
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
    assert!(intent.get(b"DestOutputProfile").unwrap().as_reference().is_ok(), "an ICC profile is embedded");
    assert_eq!(lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap(), "vi");

    // Every font is embedded.
    let mut descriptors = 0;
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == b"FontDescriptor")
        {
            descriptors += 1;
            assert!(
                dict.has(b"FontFile") || dict.has(b"FontFile2") || dict.has(b"FontFile3"),
                "font not embedded: {dict:?}"
            );
        }
    }
    assert!(descriptors >= 2, "regular and bold at least");

    // Annotations (the signature fields) are printable and have appearances.
    let mut widgets = 0;
    for page in doc.get_pages().values() {
        let Ok(annots) = doc.get_dictionary(*page).unwrap().get(b"Annots") else { continue };
        for a in annots.as_array().unwrap() {
            let annot = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            assert_eq!(annot.get(b"F").unwrap().as_i64().unwrap() & 4, 4, "print flag");
            assert!(annot.has(b"AP"));
            widgets += 1;
        }
    }
    assert!(widgets >= 1);

    // The default is plain PDF: no PDF/A claim.
    let plain = Document::load_mem(&compiled(SEED).pdf().unwrap()).unwrap();
    assert!(!xmp(&plain).contains("pdfaid"));
}

#[test]
fn metadata_names_the_document() {
    let pdf = compiled(SEED).pdf().unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    let subject = "kiểm điểm, đánh giá xếp loại chất lượng năm 2021 đối với tổ chức đảng, đảng viên và tập thể, cá nhân lãnh đạo quản lý";
    assert_eq!(info(&doc, b"Title"), format!("Công văn {subject}"));
    assert_eq!(info(&doc, b"Author"), "Đảng ủy phường Giang Biên");
    assert_eq!(info(&doc, b"Subject"), subject);
    assert!(info(&doc, b"Keywords").contains("68-CV/ĐU"), "{}", info(&doc, b"Keywords"));
    assert!(info(&doc, b"CreationDate").starts_with("D:20211102"), "the document's own date");
    // Tagged, with the language set.
    let catalog = doc.catalog().unwrap();
    assert!(catalog.has(b"StructTreeRoot"));
    assert_eq!(lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap(), "vi");
}

#[test]
fn the_same_input_gives_the_same_bytes_in_every_standard() {
    for standard in [None, Some("a-2b"), Some("a-3b")] {
        let settings = PdfSettings {
            standards: standard.map(|s| parse_pdf_standard(s).unwrap()).into_iter().collect(),
            ..Default::default()
        };
        let a = compiled(SEED).pdf_with(&settings).unwrap();
        let b = compiled(SEED).pdf_with(&settings).unwrap();
        assert!(a == b, "{standard:?} is reproducible");
    }
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn png_and_svg_previews_one_file_per_page() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("cv.png");
    Cli::cargo_bin("vanban")
        .unwrap()
        .arg("render")
        .arg(common::repo(SEED))
        .args(["--format", "png", "--ppi", "72", "-o"])
        .arg(&out)
        .assert()
        .success();
    let pages = compiled(SEED).page_count();
    for n in 1..=pages {
        let bytes = std::fs::read(dir.path().join(format!("cv-{n}.png"))).unwrap();
        let (w, h) = png_size(&bytes);
        // A4 at 72 ppi is 595 × 842 (landscape appendix pages swap them).
        assert!(matches!((w, h), (595, 842) | (842, 595)), "page {n}: {w}×{h}");
    }
    assert!(!dir.path().join(format!("cv-{}.png", pages + 1)).exists());

    // Twice the ppi, twice the pixels.
    let png = compiled(SEED).png(144.0).unwrap();
    assert_eq!(png_size(&png[0]), (1191, 1684));

    let svg = dir.path().join("cv.svg");
    Cli::cargo_bin("vanban")
        .unwrap()
        .arg("render")
        .arg(common::repo(SEED))
        .args(["--format", "svg", "-o"])
        .arg(&svg)
        .assert()
        .success();
    let first = std::fs::read_to_string(dir.path().join("cv-1.svg")).unwrap();
    assert!(first.starts_with("<svg") && first.contains("viewBox=\"0 0 595.27"), "{}", &first[..200]);
    assert!(dir.path().join(format!("cv-{pages}.svg")).exists());
}

#[test]
fn unknown_standards_are_rejected_with_the_list() {
    let out = Cli::cargo_bin("vanban")
        .unwrap()
        .arg("render")
        .arg(common::repo(SEED))
        .args(["--pdf-standard", "a-9z", "-o", "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown PDF standard `a-9z`") && stderr.contains("a-2b"), "{stderr}");
}

#[test]
fn undated_forms_get_the_export_time_under_pdf_a() {
    // A kit form is undated (the date is filled in by hand), but PDF/A
    // requires a date: the export time, fixed here by SOURCE_DATE_EPOCH.
    let dir = TempDir::new().unwrap();
    let run = |out: &str| {
        Cli::cargo_bin("vanban")
            .unwrap()
            .env("SOURCE_DATE_EPOCH", "1764547200")
            .args(["batch", "thong-bao-xep-loai", "--data"])
            .arg(common::repo("data/ward/small.csv"))
            .arg("--context")
            .arg(common::repo("data/ward/context-2025.yaml"))
            .args(["--pdf-standard", "a-2b", "--out"])
            .arg(dir.path().join(out))
            .assert()
            .success();
        let mut files: Vec<_> = std::fs::read_dir(dir.path().join(out))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        files.sort();
        files.iter().map(|p| std::fs::read(p).unwrap()).collect::<Vec<_>>()
    };
    let (a, b) = (run("a"), run("b"));
    assert_eq!(a.len(), 6);
    assert!(a == b, "reproducible with SOURCE_DATE_EPOCH");
    let doc = Document::load_mem(&a[0]).unwrap();
    assert!(xmp(&doc).contains("pdfaid"));
    assert!(info(&doc, b"CreationDate").starts_with("D:20251201"), "{}", info(&doc, b"CreationDate"));
}
