//! `vanban watch`: renders at start, again on every save, prints the
//! diagnostics of a half-written file and goes on. Waits are polls with
//! generous limits — this checks behaviour, not speed (the latency is
//! measured by `bench/watch.py`).

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The watcher's stderr, collected line by line.
struct Watch {
    child: Child,
    log: Arc<Mutex<String>>,
}

impl Watch {
    fn start(input: &std::path::Path, max_renders: usize, extra: &[&std::ffi::OsStr]) -> Self {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("vanban"))
            .arg("watch")
            .arg(input)
            .args(["--max-renders", &max_renders.to_string()])
            .args(extra)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        Self { child, log }
    }

    /// Wait until the log holds `needle` `n` times.
    fn wait_for(&self, needle: &str, n: usize) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(120) {
            if self.log.lock().unwrap().matches(needle).count() >= n {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("no {n}× `{needle}` in:\n{}", self.log.lock().unwrap());
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn re_renders_on_save_and_survives_a_broken_file() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("cv.yaml");
    let text = std::fs::read_to_string(common::repo("data/examples/thong-bao-dien-tu.yaml")).unwrap();
    // The images are beside the example; point at them from the copy.
    let images = common::repo("data/examples/images");
    let text = text.replace("images/", &format!("{}/", images.display()));
    std::fs::write(&input, &text).unwrap();

    let mut watch = Watch::start(&input, 3, &[]);
    watch.wait_for("\nrendered ", 1);
    let pdf = dir.path().join("cv.pdf");
    let first = std::fs::read(&pdf).unwrap();
    assert!(first.starts_with(b"%PDF"));

    // A half-written save: diagnostics, no crash, the old PDF stays.
    std::fs::write(&input, "kind: thong-bao\nissuer: [\n").unwrap();
    watch.wait_for("\nnot rendered", 1);
    assert!(watch.log.lock().unwrap().contains("error["), "{}", watch.log.lock().unwrap());
    assert_eq!(std::fs::read(&pdf).unwrap(), first);

    // The fixed file renders again, with the change.
    std::fs::write(&input, text.replace("Đào Mạnh Trung", "Nguyễn Văn Bình")).unwrap();
    watch.wait_for("\nrendered ", 2);
    let status = watch.child.wait().unwrap();
    assert!(status.success(), "stops after --max-renders");
    let second = std::fs::read(&pdf).unwrap();
    assert_ne!(first, second);
    assert!(second.starts_with(b"%PDF"));
}

#[test]
fn a_changed_profile_re_renders_with_the_new_rules() {
    let dir = TempDir::new().unwrap();
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    let profile = profiles.join("hd-thu.yaml");
    std::fs::write(&profile, "extends: hd36\n").unwrap();
    let input = dir.path().join("tb.yaml");
    let text = std::fs::read_to_string(common::repo("data/examples/thong-bao.yaml")).unwrap();
    std::fs::write(&input, text.replacen("profile: hd36", "profile: hd-thu", 1)).unwrap();

    let mut watch = Watch::start(&input, 2, &["--profiles".as_ref(), profiles.as_os_str()]);
    watch.wait_for("\nrendered ", 1);
    let pdf = dir.path().join("tb.pdf");
    let first = std::fs::read(&pdf).unwrap();
    std::fs::write(&profile, "extends: hd36\ntitle:\n  size_pt: 15\n").unwrap();
    watch.wait_for("\nrendered ", 2);
    assert!(watch.child.wait().unwrap().success());
    assert_ne!(std::fs::read(&pdf).unwrap(), first, "the new title size is in the PDF");
}
