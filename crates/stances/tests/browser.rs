//! End to end in a real headless Chromium against `stances demo` on a loopback port: the
//! living page, a statement page, the matrix and a search, each checked in the rendered
//! DOM and photographed; and the static build's offline search running in the browser.
//!
//! Needs Chromium (`chromium` on the PATH, or `$STANCES_CHROMIUM`). Without it the tests
//! are ignored (the summary counts them), unless `$STANCES_REQUIRE_BROWSER` is set (as CI
//! does), where a missing browser fails them. Screenshots go to `$STANCES_SCREENSHOTS_DIR` (the README's
//! are in `docs/screenshots/`), else to `target/e2e-screenshots/`.

mod util;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use util::harness::{self, Need};
use util::{root, Scratch};

fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("STANCES_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|name| {
        std::env::var_os("PATH")
            .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()))
    })
}

fn main() -> ExitCode {
    harness::run(
        tests![Some(&BROWSER) => [the_demo_in_a_real_browser, the_static_build_searches_offline_in_the_browser]],
    )
}

static BROWSER: Need = Need {
    name: "Chromium",
    required_by: "STANCES_REQUIRE_BROWSER",
    check: || match chromium() {
        Some(_) => Ok(()),
        None => Err("install Debian's `chromium` or set $STANCES_CHROMIUM".into()),
    },
};

/// The browser (the harness runs these tests only when there is one).
fn browser() -> PathBuf {
    chromium().expect("Chromium")
}

fn screenshots_dir() -> PathBuf {
    let dir = std::env::var_os("STANCES_SCREENSHOTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/e2e-screenshots"));
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// Runs headless Chromium with the flags this machine needs and a fresh profile; returns
/// its standard output.
fn run_chromium(browser: &Path, extra: &[String], url: &str) -> String {
    let profile = tempfile::tempdir().expect("profile");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut out = String::new();
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish with {url}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    out.push_str(&reader.join().expect("reader"));
    out
}

fn dom(browser: &Path, url: &str) -> String {
    run_chromium(browser, &["--dump-dom".into(), "--virtual-time-budget=5000".into()], url)
}

fn screenshot(browser: &Path, url: &str, name: &str, width: u32, height: u32) {
    let file = screenshots_dir().join(name);
    let _ = std::fs::remove_file(&file);
    run_chromium(
        browser,
        &[
            format!("--screenshot={}", file.display()),
            format!("--window-size={width},{height}"),
            "--hide-scrollbars".into(),
        ],
        url,
    );
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    assert!(size > 5_000, "{name}: no screenshot was taken");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

fn wait_for(port: u16) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(60), "nothing listens on {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn the_demo_in_a_real_browser() {
    let browser = browser();
    let port = free_port();
    let scratch = Scratch::new();
    let _server = Server(
        Command::new(assert_cmd::cargo::cargo_bin("stances"))
            .args(["--db", &scratch.db(), "demo", "--addr", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the demo"),
    );
    wait_for(port);
    let url = |path: &str| format!("http://127.0.0.1:{port}{path}");

    let living = dom(&browser, &url("/topics/ukraine-war"));
    assert!(living.matches("<article class=\"card\">").count() >= 5, "the living page lists the samples:\n{living}");
    assert!(living.contains("Harbour Workers Federation") && living.contains("Condemns the invasion"));
    screenshot(&browser, &url("/topics/ukraine-war"), "living-page.png", 1280, 1000);
    screenshot(&browser, &url("/topics/ukraine-war"), "living-page-phone.png", 390, 844);

    let statement = dom(&browser, &url("/statements/1"));
    assert!(statement.contains("<mark data-positions="), "evidence is marked in the text");
    assert!(statement.contains("@misc{stances-1,"), "a citation");
    screenshot(&browser, &url("/statements/1"), "statement.png", 1280, 1100);

    let matrix = dom(&browser, &url("/matrix"));
    assert!(
        matrix.contains("<table class=\"matrix\">") && matrix.matches("<td class=\"on\">").count() >= 5,
        "filled cells"
    );
    assert!(matrix.contains("Share of organizations taking each position"));
    // Short numbered headers with the full label on hover and in a legend; a card per
    // organization for narrow screens.
    assert!(matrix.contains("<abbr title=\"Condemns the invasion\">") && matrix.contains("class=\"matrix-legend\""));
    assert!(matrix.contains("class=\"matrix-cards\"") && matrix.matches("<li class=\"card\">").count() >= 5);
    screenshot(&browser, &url("/matrix"), "matrix.png", 1280, 1000);
    screenshot(&browser, &url("/matrix"), "matrix-phone.png", 390, 844);

    let search = dom(&browser, &url("/search?q=ceasefire"));
    assert!(search.contains("statements found") && search.contains("<b>ceasefire</b>"), "{search}");
    assert!(search.contains("Position</h2>"), "facets");
    screenshot(&browser, &url("/search?q=ceasefire"), "search.png", 1280, 1000);

    let form = dom(&browser, &url("/submit"));
    assert!(form.contains("<form method=\"post\" action=\"/submit\"") && form.contains("name=\"csrf\""), "{form}");
    screenshot(&browser, &url("/submit"), "submit.png", 1280, 1100);
    let login = dom(&browser, &url("/editor/"));
    assert!(login.contains("Editors' login"), "an anonymous editor page leads to the login: {login}");
}

/// Serves the files of `dir` on loopback, for as long as the test runs.
fn serve_folder(dir: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || answer(conn, &dir));
        }
    });
    port
}

fn answer(mut conn: TcpStream, dir: &Path) {
    let mut buf = [0u8; 4096];
    let n = conn.read(&mut buf).unwrap_or(0);
    let req = String::from_utf8_lossy(&buf[..n]);
    let path = req
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split('?')
        .next()
        .unwrap_or("/")
        .trim_start_matches('/')
        .to_string();
    let file = dir.join(if path.is_empty() { "index.html".to_string() } else { path.clone() });
    let (status, body) = match (path.contains(".."), std::fs::read(&file)) {
        (false, Ok(b)) => ("200 OK", b),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    let _ = write!(
        conn,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = conn.write_all(&body);
}

fn the_static_build_searches_offline_in_the_browser() {
    let browser = browser();
    let s = Scratch::new();
    let samples = root().join("data/samples");
    let o = s.stances(&["ingest", &samples.display().to_string()]);
    assert!(o.status.success(), "{}", util::stderr(&o));
    let out = s.path("public");
    assert!(s.stances(&["build", "--out", &out.display().to_string()]).status.success());
    let port = serve_folder(out);
    let page = dom(&browser, &format!("http://127.0.0.1:{port}/search.html?q=ceasefire"));
    assert!(page.contains("statements found"), "the script ran:\n{page}");
    assert!(page.contains("href=\"statements/"), "results link to statement pages:\n{page}");
    let none = dom(&browser, &format!("http://127.0.0.1:{port}/search.html?q=zzzznothing"));
    assert!(none.contains("0 statements found"), "{none}");
}
