//! Digital signatures and signature slots: every rendered signature block
//! is an empty signature field at the block's room; `vanban sign`,
//! `render --sign` and `batch --sign` apply a PAdES B-B signature that
//! covers the whole file and leaves the rendered bytes untouched.
//!
//! Signatures are checked twice: here, with RustCrypto (the message digest
//! over the byte ranges and the RSA signature over the signed attributes),
//! and by pyHanko, an independent validator. The throw-away certificate is
//! made with the `openssl` command. Without `openssl` or `pyhanko` the
//! parts that need them are skipped with a note, except under CI
//! (`CI=true`), where `.ci/run` installs both and a missing tool fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::Command as Cli;
use der::Encode;
use lopdf::Document;
use sha2::{Digest, Sha256};
use tempfile::TempDir;
use vanban::model::Source;
use vanban::typeset::SignatureImages;

const SEED: &str = "data/examples/cong-van-68-2021.yaml";
const ELECTRONIC: &str = "data/examples/thong-bao-dien-tu.yaml";

fn vanban() -> Cli {
    Cli::cargo_bin("vanban").expect("the vanban binary is built")
}

/// Whether an external tool runs; under CI a missing tool is a failure.
fn have(tool: &str, version_arg: &str) -> bool {
    let ok = Command::new(tool).arg(version_arg).output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "{tool} is required under CI (.ci/run installs it)");
        eprintln!("note: `{tool}` is not installed; the checks that need it are skipped");
    }
    ok
}

/// A throw-away RSA-2048 certificate with its key in two .p12 files:
/// OpenSSL 3's default (PBES2/AES) and the legacy one (3DES/RC2).
struct TestCert {
    dir: TempDir,
    cert: PathBuf,
    p12: PathBuf,
    legacy: PathBuf,
    password: PathBuf,
}

fn test_cert() -> Option<TestCert> {
    if !have("openssl", "version") {
        return None;
    }
    let dir = TempDir::new().unwrap();
    let path = |name: &str| dir.path().join(name);
    let run = |args: &[&str]| {
        let out = Command::new("openssl").args(args).current_dir(dir.path()).output().unwrap();
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "key.pem",
        "-out",
        "cert.pem",
        "-days",
        "30",
        "-subj",
        "/CN=Đào Mạnh Trung/O=Đảng ủy phường Giang Biên/C=VN",
        "-utf8",
        "-addext",
        "keyUsage=critical,digitalSignature,nonRepudiation",
    ]);
    run(&["pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "id.p12", "-passout", "pass:bí mật"]);
    run(&[
        "pkcs12",
        "-export",
        "-legacy",
        "-inkey",
        "key.pem",
        "-in",
        "cert.pem",
        "-out",
        "legacy.p12",
        "-passout",
        "pass:bí mật",
    ]);
    std::fs::write(path("pw"), "bí mật\n").unwrap();
    Some(TestCert {
        cert: path("cert.pem"),
        p12: path("id.p12"),
        legacy: path("legacy.p12"),
        password: path("pw"),
        dir,
    })
}

/// `vanban sign INPUT --p12 P12 --password-file PASSWORD`, more to add.
fn sign(input: &Path, p12: &Path, password: &Path) -> Cli {
    let mut cmd = vanban();
    cmd.arg("sign").arg(input).arg("--p12").arg(p12).arg("--password-file").arg(password);
    cmd
}

/// pyHanko's report on every signature of `pdf` (the test certificate as
/// the trust root), and whether each is judged valid.
fn pyhanko(pdf: &Path, cert: &Path) -> Option<(bool, String)> {
    if !have("pyhanko", "--version") {
        return None;
    }
    let out = Command::new("pyhanko")
        .args(["sign", "validate", "--pretty-print", "--trust"])
        .arg(cert)
        .args(["--trust-replace", "--no-revocation-check"])
        .arg(pdf)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    let fields = report.matches("Field ").count();
    let valid = out.status.success() && fields > 0 && report.matches("The signature is judged VALID").count() == fields;
    Some((valid, report))
}

/// The signed file at `path`, after both checks have passed.
fn assert_signed(path: &Path, cert: &Path) -> Vec<u8> {
    let signed = std::fs::read(path).unwrap();
    verify_last(&signed).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if let Some(valid) = pyhanko_valid(path, cert) {
        assert!(valid, "pyHanko judges {} valid", path.display());
    }
    signed
}

/// pyHanko's verdict alone.
fn pyhanko_valid(pdf: &Path, cert: &Path) -> Option<bool> {
    pyhanko(pdf, cert).map(|(valid, _)| valid)
}

/// The last signature of `pdf`, checked with RustCrypto: the byte range
/// covers everything but the hex string, the message digest is the
/// ranges' SHA-256, and the RSA signature over the signed attributes
/// verifies with the included certificate.
fn verify_last(pdf: &[u8]) -> Result<(), String> {
    let at = rfind(pdf, b"/ByteRange[").ok_or("no /ByteRange")? + "/ByteRange[".len();
    let end = at + pdf[at..].iter().position(|&b| b == b']').ok_or("open byte range")?;
    let nums: Vec<usize> =
        std::str::from_utf8(&pdf[at..end]).unwrap().split_whitespace().map(|n| n.parse().unwrap()).collect();
    let [start, a, b, len] = nums[..] else { return Err(format!("byte range {nums:?}")) };
    if start != 0 || b + len != pdf.len() {
        return Err(format!("the byte range {nums:?} does not cover the file of {} bytes", pdf.len()));
    }
    if pdf[a] != b'<' || pdf[b - 1] != b'>' {
        return Err("the gap is not exactly the /Contents hex string".into());
    }
    let hex = &pdf[a + 1..b - 1];
    let bytes: Vec<u8> =
        hex.chunks(2).map(|c| u8::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap()).collect();
    let mut reader = der::SliceReader::new(&bytes).unwrap();
    let info: cms::content_info::ContentInfo = der::Decode::decode(&mut reader).map_err(|e| e.to_string())?;
    let signed: cms::signed_data::SignedData = info.content.decode_as().map_err(|e| e.to_string())?;
    let signer = signed.signer_infos.0.get(0).ok_or("no signer info")?;
    let attrs = signer.signed_attrs.as_ref().ok_or("no signed attributes")?;

    let mut hasher = Sha256::new();
    hasher.update(&pdf[..a]);
    hasher.update(&pdf[b..]);
    let digest = hasher.finalize();
    let message_digest = der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
    let found = attrs.iter().find(|a| a.oid == message_digest).ok_or("no message digest")?;
    let value: der::asn1::OctetString = found.values.get(0).unwrap().decode_as().map_err(|e| e.to_string())?;
    if value.as_bytes() != digest.as_slice() {
        return Err("the message digest does not match the signed bytes".into());
    }
    let signing_cert_v2 = der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
    if !attrs.iter().any(|a| a.oid == signing_cert_v2) {
        return Err("no signing-certificate-v2 attribute (PAdES)".into());
    }

    let certs = signed.certificates.as_ref().ok_or("no certificates")?;
    let Some(cms::cert::CertificateChoices::Certificate(cert)) = certs.0.get(0) else {
        return Err("no certificate".into());
    };
    let spki = cert.tbs_certificate.subject_public_key_info.to_der().unwrap();
    let key = <rsa::RsaPublicKey as rsa::pkcs8::DecodePublicKey>::from_public_key_der(&spki).unwrap();
    let verifier = rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key);
    let signature = rsa::pkcs1v15::Signature::try_from(signer.signature.as_bytes()).map_err(|e| e.to_string())?;
    rsa::signature::Verifier::verify(&verifier, &attrs.to_der().unwrap(), &signature)
        .map_err(|_| "the RSA signature does not verify".to_string())
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The signature fields of a PDF: (name, rect, signed?).
fn fields(pdf: &[u8]) -> Vec<(String, [f64; 4], bool, Document)> {
    let doc = Document::load_mem(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let form = catalog.get(b"AcroForm").unwrap().as_dict().unwrap();
    let list = form.get(b"Fields").unwrap().as_array().unwrap();
    list.iter()
        .map(|f| {
            let dict = doc.get_dictionary(f.as_reference().unwrap()).unwrap();
            assert_eq!(dict.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
            let name = lopdf::decode_text_string(dict.get(b"T").unwrap()).unwrap();
            let rect: Vec<f64> =
                dict.get(b"Rect").unwrap().as_array().unwrap().iter().map(|v| v.as_float().unwrap() as f64).collect();
            (name, [rect[0], rect[1], rect[2], rect[3]], dict.has(b"V"), doc.clone())
        })
        .collect()
}

fn render(
    path: &str,
    images: SignatureImages,
) -> (Vec<u8>, vanban::typeset::inspect::Layout, Vec<vanban::typeset::SignatureSlot>) {
    let text = std::fs::read_to_string(common::repo(path)).unwrap();
    let engine = common::engine();
    let mut prepared = engine.prepare(&Source::new(path, &text)).unwrap().output;
    prepared.images = images;
    let compiled = engine.compile(&prepared).unwrap().output;
    (compiled.pdf().unwrap(), compiled.layout(), compiled.signature_slots())
}

/// The reference công văn rendered into `dir/cv.pdf`.
fn seed_pdf(dir: &Path) -> (Vec<u8>, PathBuf) {
    let (pdf, _, _) = render(SEED, SignatureImages::default());
    let input = dir.join("cv.pdf");
    std::fs::write(&input, &pdf).unwrap();
    (pdf, input)
}

fn sample_images() -> SignatureImages {
    let read = |p: &str| Some(typst::foundations::Bytes::new(std::fs::read(common::repo(p)).unwrap()));
    SignatureImages {
        signature: read("data/examples/images/chu-ky-mau.png"),
        seal: read("data/examples/images/con-dau-mau.png"),
    }
}

#[test]
fn each_signature_block_is_an_empty_field_over_its_room() {
    let (pdf, layout, slots) = render(SEED, SignatureImages::default());
    // The main signature, then one per signature slot of the appendix forms.
    assert!(slots.len() >= 2, "{slots:?}");
    let main = &slots[0];
    let page = &layout.pages[main.page - 1];
    let role = page.texts.iter().find(|t| t.text.contains("PHÓ BÍ THƯ")).expect("role line");
    let name = page.texts.iter().find(|t| t.text.contains("Đào Mạnh Trung")).expect("name line");
    assert!(main.y > role.y, "the room starts below the role's baseline");
    assert!(main.y + main.height < name.y - name.size * 0.7, "the room ends above the name");
    assert!(main.x <= name.x && name.x + name.width <= main.x + main.width, "the name is under the room");
    common::close(main.width, common::mm(80.0), 0.5, "room width = the signature column");
    assert!(main.height > common::mm(24.0), "room height {:.1} pt", main.height);
    assert_eq!(main.role, "PHÓ BÍ THƯ");

    let fields = fields(&pdf);
    assert_eq!(fields.len(), slots.len());
    for (i, ((name, rect, signed, _), slot)) in fields.iter().zip(&slots).enumerate() {
        assert_eq!(name, &format!("Signature{}", i + 1));
        assert!(!signed, "{name} is empty");
        for (a, b) in rect.iter().zip(slot.pdf_rect()) {
            common::close(*a, b, 0.01, "field rectangle");
        }
    }
    // The widget is printable and has an appearance (PDF/A needs both).
    let doc = Document::load_mem(&pdf).unwrap();
    let pages = doc.get_pages();
    let annots = doc.get_dictionary(pages[&(main.page as u32)]).unwrap().get(b"Annots").unwrap().as_array().unwrap();
    let widget = doc.get_dictionary(annots[0].as_reference().unwrap()).unwrap();
    assert_eq!(widget.get(b"F").unwrap().as_i64().unwrap(), 4);
    assert!(widget.get(b"AP").unwrap().as_dict().unwrap().has(b"N"));

    // Without fields, the PDF is typst's alone: no form.
    let text = std::fs::read_to_string(common::repo(SEED)).unwrap();
    let prepared = common::engine().prepare(&Source::new(SEED, &text)).unwrap().output;
    let compiled = common::engine().compile(&prepared).unwrap().output;
    let settings = vanban::typeset::PdfSettings { signature_fields: false, ..Default::default() };
    let plain = compiled.pdf_with(&settings).unwrap();
    assert!(Document::load_mem(&plain).unwrap().catalog().unwrap().get(b"AcroForm").is_err());
    assert!(pdf.starts_with(&plain), "the fields are an incremental update of typst's PDF");
}

#[test]
fn signature_and_seal_images_sit_in_the_room_without_moving_anything() {
    let (_, bare, slots) = render(ELECTRONIC, SignatureImages::default());
    let (_, layout, with_images) = render(ELECTRONIC, sample_images());
    assert_eq!(slots, with_images, "images never move the room");
    let name = |l: &vanban::typeset::inspect::Layout| l.pages[0].find_run("Đào Mạnh Trung").cloned().unwrap();
    assert_eq!(name(&bare), name(&layout), "images never move the name");
    assert!(bare.pages[0].images.is_empty());

    let room = &slots[0];
    let [signature, seal] = &layout.pages[0].images[..] else { panic!("{:?}", layout.pages[0].images) };
    // The signature: centred in the room, within its height.
    common::close(signature.x + signature.width / 2.0, room.x + room.width / 2.0, 0.5, "signature centre x");
    common::close(signature.y + signature.height / 2.0, room.y + room.height / 2.0, 0.5, "signature centre y");
    assert!(signature.height <= room.height && signature.width <= room.width * 0.7 + 0.01);
    // The seal: true size (the profile's 36 mm), over the signature's left third.
    common::close(seal.width, common::mm(36.0), 0.5, "seal width");
    common::close(seal.height, common::mm(36.0), 0.5, "seal height (not cropped to the room)");
    common::close(seal.x + seal.width, signature.x + signature.width / 3.0, 0.5, "seal right edge");
    assert!(seal.x < signature.x, "the seal is on the signature's left");
}

#[test]
fn sign_fills_the_first_empty_field_and_covers_the_whole_file() {
    let Some(cert) = test_cert() else { return };
    let dir = cert.dir.path();
    let (pdf, input) = seed_pdf(dir);
    let signed_path = dir.join("cv-signed.pdf");
    sign(&input, &cert.p12, &cert.password)
        .args(["--reason", "Ban hành văn bản", "--location", "Giang Biên", "-o"])
        .arg(&signed_path)
        .assert()
        .success();
    let signed = std::fs::read(&signed_path).unwrap();
    assert!(signed.starts_with(&pdf), "the signed bytes begin with the rendered PDF, unchanged");
    verify_last(&signed).unwrap();
    let found = fields(&signed);
    assert_eq!((found[0].0.as_str(), found[0].2), ("Signature1", true));
    assert!(found[1..].iter().all(|f| !f.2), "the other fields stay empty");
    let doc = &found[0].3;
    let sig_ref = doc
        .get_dictionary(
            doc.catalog()
                .unwrap()
                .get(b"AcroForm")
                .unwrap()
                .as_dict()
                .unwrap()
                .get(b"Fields")
                .unwrap()
                .as_array()
                .unwrap()[0]
                .as_reference()
                .unwrap(),
        )
        .unwrap()
        .get(b"V")
        .unwrap()
        .as_reference()
        .unwrap();
    let sig = doc.get_dictionary(sig_ref).unwrap();
    assert_eq!(sig.get(b"SubFilter").unwrap().as_name().unwrap(), b"ETSI.CAdES.detached");
    assert_eq!(lopdf::decode_text_string(sig.get(b"Reason").unwrap()).unwrap(), "Ban hành văn bản");
    assert_eq!(lopdf::decode_text_string(sig.get(b"Name").unwrap()).unwrap(), "Đào Mạnh Trung");
    if let Some((valid, report)) = pyhanko(&signed_path, &cert.cert) {
        assert!(valid, "pyHanko judges the signature valid:\n{report}");
        assert!(report.contains("The signature covers the entire file."), "{report}");
        assert!(report.contains("The signer's certificate is trusted."), "{report}");
    }

    // One byte changed inside the signed range: both checks fail.
    let mut tampered = signed.clone();
    let at = pdf.len() / 2;
    tampered[at] ^= 0x01;
    assert!(verify_last(&tampered).is_err());
    let tampered_path = dir.join("tampered.pdf");
    std::fs::write(&tampered_path, &tampered).unwrap();
    if let Some(valid) = pyhanko_valid(&tampered_path, &cert.cert) {
        assert!(!valid, "pyHanko rejects the tampered file");
    }

    // A second signature into a named field: both stay valid.
    let twice = dir.join("twice.pdf");
    sign(&signed_path, &cert.legacy, &cert.password)
        .args(["--field", "Signature2", "-o"])
        .arg(&twice)
        .assert()
        .success();
    let twice_bytes = std::fs::read(&twice).unwrap();
    assert!(twice_bytes.starts_with(&signed));
    verify_last(&twice_bytes).unwrap();
    assert!(fields(&twice_bytes)[1].2, "Signature2 is signed");
    if let Some(valid) = pyhanko_valid(&twice, &cert.cert) {
        assert!(valid, "pyHanko judges both signatures valid");
    }
}

#[test]
fn wrong_password_and_signed_fields_are_clear_errors() {
    let Some(cert) = test_cert() else { return };
    let dir = cert.dir.path();
    let (_, input) = seed_pdf(dir);
    let wrong = dir.join("wrong");
    std::fs::write(&wrong, "sai\n").unwrap();
    let out = sign(&input, &cert.p12, &wrong).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("wrong password") && stderr.contains("id.p12"), "{stderr}");
    assert!(!dir.join("cv-signed.pdf").exists(), "nothing written");

    let out = sign(&input, &cert.p12, &cert.password).args(["--field", "Chữ ký"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no signature field `Chữ ký`") && stderr.contains("Signature1"), "{stderr}");
}

#[test]
fn render_sign_and_batch_sign() {
    let Some(cert) = test_cert() else { return };
    let dir = cert.dir.path();
    let out = dir.join("tb.pdf");
    vanban()
        .arg("render")
        .arg(common::repo(ELECTRONIC))
        .args(["--pdf-standard", "a-2b", "--sign", "--p12"])
        .arg(&cert.p12)
        .arg("--password-file")
        .arg(&cert.password)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_signed(&out, &cert.cert);

    let batch = dir.join("batch");
    vanban()
        .args(["batch", "thong-bao-xep-loai", "--data"])
        .arg(common::repo("data/ward/small.csv"))
        .arg("--context")
        .arg(common::repo("data/ward/context-2025.yaml"))
        .arg("--out")
        .arg(&batch)
        .arg("--merge")
        .arg(dir.join("all.pdf"))
        .args(["--sign", "--p12"])
        .arg(&cert.p12)
        .arg("--password-file")
        .arg(&cert.password)
        .assert()
        .success();
    let mut count = 0;
    for entry in std::fs::read_dir(&batch).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pdf") {
            verify_last(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            count += 1;
        }
    }
    assert_eq!(count, 6, "one signed PDF per row");
    verify_last(&std::fs::read(dir.join("all.pdf")).unwrap()).unwrap();
}

#[test]
fn a_missing_or_wrong_image_is_located_in_the_yaml() {
    let dir = TempDir::new().unwrap();
    let text = std::fs::read_to_string(common::repo(ELECTRONIC)).unwrap();
    let input = dir.path().join("tb.yaml");
    std::fs::write(&input, text.replace("images/chu-ky-mau.png", "chu-ky.png")).unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    std::fs::copy(common::repo("data/examples/images/con-dau-mau.png"), dir.path().join("images/con-dau-mau.png"))
        .unwrap();
    for command in ["check", "render"] {
        let out = vanban().arg(command).arg(&input).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("chu-ky.png (file not found)") && stderr.contains("tb.yaml:28:3"), "{stderr}");
        assert!(stderr.contains("signer.signature_image"), "{stderr}");
    }
    // Not an image at all.
    std::fs::write(dir.path().join("chu-ky.png"), "not a picture").unwrap();
    let out = vanban().arg("render").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a PNG or JPEG image"));
    assert!(!dir.path().join("tb.pdf").exists());
}

#[test]
fn images_given_when_signing_look_as_if_rendered_with_them() {
    let Some(cert) = test_cert() else { return };
    let dir = cert.dir.path();
    // Rendered without images, signed with them.
    let (pdf, _, slots) = render(ELECTRONIC, SignatureImages::default());
    let input = dir.join("tb.pdf");
    std::fs::write(&input, &pdf).unwrap();
    let out = dir.join("tb-signed.pdf");
    sign(&input, &cert.p12, &cert.password)
        .arg("--signature-image")
        .arg(common::repo("data/examples/images/chu-ky-mau.png"))
        .arg("--seal-image")
        .arg(common::repo("data/examples/images/con-dau-mau.png"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let signed = assert_signed(&out, &cert.cert);

    // The widget shows both images through its appearance form...
    let (_, rect, is_signed, doc) = fields(&signed).remove(0);
    assert!(is_signed);
    let widget = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .find(|d| {
            d.get(b"T").is_ok_and(|t| lopdf::decode_text_string(t).is_ok_and(|t| t == "Signature1")) && d.has(b"V")
        })
        .unwrap();
    let form = doc.get_object(widget.get(b"AP").unwrap().as_dict().unwrap().get(b"N").unwrap().as_reference().unwrap());
    let form = form.unwrap().as_stream().unwrap();
    let xobjects = form.dict.get(b"Resources").unwrap().as_dict().unwrap().get(b"XObject").unwrap().as_dict().unwrap();
    assert_eq!(xobjects.len(), 2, "signature and seal");
    for (_, image) in xobjects.iter() {
        let image = doc.get_object(image.as_reference().unwrap()).unwrap().as_stream().unwrap();
        assert_eq!(image.dict.get(b"Subtype").unwrap().as_name().unwrap(), b"Image");
        assert!(image.dict.has(b"SMask"), "transparent background kept");
    }

    // ...at the place the render-time images take: the room and the images
    // together cover the same rectangle.
    let (_, layout, _) = render(ELECTRONIC, sample_images());
    let page = &layout.pages[0];
    let room = &slots[0];
    let (mut x0, mut y0, mut x1, mut y1) = (room.x, room.y, room.x + room.width, room.y + room.height);
    for image in &page.images {
        x0 = x0.min(image.x);
        y0 = y0.min(image.y);
        x1 = x1.max(image.x + image.width);
        y1 = y1.max(image.y + image.height);
    }
    let expected = [x0, page.height - y1, x1, page.height - y0];
    for (a, b) in rect.iter().zip(expected) {
        common::close(*a, b, 0.5, "signed field = room ∪ images");
    }

    // Images need a field to show in: an error, not an invisible signature.
    let text = std::fs::read_to_string(common::repo(ELECTRONIC)).unwrap();
    let prepared = common::engine().prepare(&Source::new(ELECTRONIC, &text)).unwrap().output;
    let settings = vanban::typeset::PdfSettings { signature_fields: false, ..Default::default() };
    let bare = common::engine().compile(&prepared).unwrap().output.pdf_with(&settings).unwrap();
    let bare_path = dir.join("bare.pdf");
    std::fs::write(&bare_path, bare).unwrap();
    let run = sign(&bare_path, &cert.p12, &cert.password)
        .arg("--seal-image")
        .arg(common::repo("data/examples/images/con-dau-mau.png"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no empty signature field to show the images in"));
}
