//! The public site from the command line: `serve` on a loopback port, `build` into a
//! folder, `search` and `reindex`.

mod util;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use util::{stdout, Scratch};

const PAGE: &str = "Harbour Peace League statement on the war\n\n2 March 2022\n\nThe Harbour Peace League condemns the Russian invasion of Ukraine and calls for an immediate ceasefire and negotiations. We demand that the government welcome refugees <script>alert(1)</script>.\n";
const PAGE_FR: &str = "Déclaration du Collectif Paix Nord\n\nParis, le 3 mars 2022\n\nLe Collectif Paix Nord condamne l'invasion russe et exige l'ouverture de négociations.\n";

fn ingested() -> Scratch {
    let s = Scratch::new();
    let a = s.write("a.txt", PAGE);
    let b = s.write("b.txt", PAGE_FR);
    let out = s.stances(&["ingest", &a.display().to_string(), &b.display().to_string()]);
    assert!(out.status.success(), "{}", util::stderr(&out));
    s
}

/// A plain HTTP/1.1 GET on loopback: (status line, body).
fn http_get(port: u16, path: &str) -> Option<(String, String)> {
    let mut conn = TcpStream::connect(("127.0.0.1", port)).ok()?;
    conn.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(conn, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut raw = String::new();
    conn.read_to_string(&mut raw).ok()?;
    let (head, body) = raw.split_once("\r\n\r\n")?;
    Some((head.lines().next()?.to_string(), body.to_string()))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// `stances serve` on a free loopback port, once it answers (its log to `stderr`).
fn serve(s: &Scratch, stderr: std::process::Stdio) -> (std::process::Child, u16) {
    let port = free_port();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stances"))
        .args(["--db", &s.db(), "serve", "--addr", &format!("127.0.0.1:{port}")])
        .env_remove("STANCES_LOG")
        .stdout(std::process::Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    while http_get(port, "/").is_none() {
        assert!(start.elapsed() < Duration::from_secs(30), "the server did not answer");
        std::thread::sleep(Duration::from_millis(100));
    }
    (child, port)
}

#[test]
fn serve_answers_on_loopback_and_follows_new_statements() {
    let s = ingested();
    let (mut child, port) = serve(&s, std::process::Stdio::null());
    let home = http_get(port, "/").expect("home");
    assert!(home.0.contains("200"), "{home:?}");
    assert!(home.1.contains("Harbour Peace League"));
    let (status, body) = http_get(port, "/search?q=negociation").expect("search");
    assert!(status.contains("200") && body.contains("1 statement found"), "{body}");
    // A statement ingested while the site runs appears within a few seconds.
    let c = s.write(
        "c.txt",
        "Lakeside Greens statement\n\n5 March 2022\n\nThe Lakeside Greens call for humanitarian corridors.\n",
    );
    assert!(s.stances(&["ingest", &c.display().to_string()]).status.success());
    let start = Instant::now();
    loop {
        let (status, _) = http_get(port, "/organizations/lakeside-greens").expect("page");
        if status.contains("200") {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "the new statement never appeared");
        std::thread::sleep(Duration::from_millis(200));
    }
    // The served site reads submissions (the form is open) and keeps its editor pages shut.
    let (status, body) = http_get(port, "/submit").expect("form");
    assert!(status.contains("200") && body.contains("multipart/form-data"), "{body}");
    let (status, _) = http_get(port, "/editor/").expect("editor");
    assert!(status.contains("303"), "{status}");
    child.kill().expect("kill");
    let _ = child.wait();
}

#[test]
fn build_writes_a_site_with_relative_links() {
    let s = ingested();
    let out = s.path("public");
    let o = s.stances(&["build", "--out", &out.display().to_string(), "--base-url", "https://statements.example.org/"]);
    assert!(o.status.success(), "{}", util::stderr(&o));
    assert!(stdout(&o).contains("for 2 statements"), "{}", stdout(&o));
    for f in [
        "index.html",
        "topics/ukraine-war.html",
        "statements/1.html",
        "organizations/harbour-peace-league.html",
        "positions/ceasefire.html",
        "matrix.html",
        "search.html",
        "data.html",
        "feed.atom",
        "topics/ukraine-war/feed.atom",
        "positions/ceasefire/feed.atom",
        "export/statements.csv",
        "export/statements.jsonl",
        "export/positions.csv",
        "static/style.css",
        "static/search.js",
        "search-index.json",
    ] {
        assert!(out.join(f).is_file(), "{f} is missing");
    }
    let statement = std::fs::read_to_string(out.join("statements/1.html")).expect("page");
    assert!(
        statement.contains("href=\"../static/style.css\"")
            && statement.contains("href=\"../organizations/harbour-peace-league.html\"")
    );
    assert!(!statement.contains("href=\"/"), "no absolute link in a static page");
    assert!(statement.contains("https://statements.example.org/statements/1"), "permalinks use the base URL");
    assert!(!statement.contains("<script>alert"), "escaped");
    let search = std::fs::read_to_string(out.join("search.html")).expect("search page");
    assert!(search.contains("src=\"static/search.js\""));
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("search-index.json")).expect("index")).expect("json");
    assert_eq!(index.as_array().map(Vec::len), Some(2));
    assert!(index[0]["u"].as_str().is_some_and(|u| u.starts_with("statements/")));
}

#[test]
fn search_and_reindex_on_the_command_line() {
    let s = ingested();
    let o = s.stances(&["search", "condemn", "--format", "json"]);
    assert!(o.status.success(), "{}", util::stderr(&o));
    let hits = util::json_lines(&o);
    assert_eq!(hits.len(), 1, "\"condemn\" finds \"condemns\", not the French \"condamne\": {hits:?}");
    assert_eq!(hits[0]["organization"], "Harbour Peace League");
    assert!(hits[0]["snippet"].as_str().is_some_and(|x| x.contains("*condemns*")));
    let both = s.stances(&["search", "invasion", "--format", "json"]);
    assert_eq!(util::json_lines(&both).len(), 2);
    let fr = s.stances(&["search", "négociations", "--country", "France", "--format", "json"]);
    assert_eq!(util::json_lines(&fr).len(), 1, "{}", stdout(&fr));
    let dated = s.stances(&["search", "", "--from", "2022-03-03", "--format", "json"]);
    assert_eq!(util::json_lines(&dated).len(), 1);
    let pos = s.stances(&["search", "--position", "ceasefire", "--format", "json"]);
    assert_eq!(util::json_lines(&pos)[0]["organization"], "Harbour Peace League");
    let bad = s.stances(&["search", "x", "--from", "March"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(util::stderr(&bad).contains("is not a date"));
    let r = s.stances(&["reindex"]);
    assert!(r.status.success() && stdout(&r).contains("Indexed 2 published statements"), "{}", stdout(&r));
    assert!(s.path("test.db.index").is_dir());
    let table = s.stances(&["search", "ceasefire"]);
    assert!(stdout(&table).contains("1 of 1 statement\n"), "{}", stdout(&table));
}

/// One raw HTTP/1.1 exchange on loopback: (head, body).
fn exchange(port: u16, request: &str) -> (String, String) {
    let mut conn = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    conn.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    conn.write_all(request.as_bytes()).expect("send");
    let mut raw = String::new();
    conn.read_to_string(&mut raw).expect("read");
    let (head, body) = raw.split_once("\r\n\r\n").expect("an HTTP answer");
    (head.to_string(), body.to_string())
}

/// The value of a cookie the answer sets.
fn set_cookie(head: &str, name: &str) -> String {
    head.lines()
        .filter_map(|l| l.strip_prefix("set-cookie: ").or_else(|| l.strip_prefix("Set-Cookie: ")))
        .find_map(|c| c.strip_prefix(&format!("{name}=")))
        .and_then(|c| c.split(';').next())
        .unwrap_or_else(|| panic!("no cookie {name} in {head}"))
        .to_string()
}

#[test]
fn the_demo_keeps_its_database_and_gives_an_editor_who_can_log_in() {
    use std::io::BufRead;
    let s = Scratch::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stances"))
        .args(["--db", &s.db(), "demo", "--addr", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let mut lines = std::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
    let (mut password, mut port) = (None, None);
    for line in lines.by_ref() {
        let line = line.expect("line");
        if let Some(rest) = line.strip_prefix("Editors: log in at /editor/ as `demo` with the password ") {
            password = Some(rest.trim().to_string());
        }
        // "Serving" comes once the address is bound: it can be connected to at once.
        if let Some(rest) = line.strip_prefix("Serving ") {
            let addr = rest.split("http://").nth(1).and_then(|a| a.split('/').next()).expect("address");
            port = addr.rsplit(':').next().and_then(|p| p.parse::<u16>().ok());
            break;
        }
    }
    let (password, port) = (password.expect("a password"), port.expect("a port"));
    let (head, _) = exchange(port, "GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");

    let (head, body) = exchange(port, "GET /editor/login HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    let form_cookie = set_cookie(&head, "stances_form");
    let csrf = body.split("name=\"csrf\" value=\"").nth(1).and_then(|v| v.split('"').next()).expect("csrf");
    let form = format!("csrf={csrf}&name=demo&password={password}");
    let (head, _) = exchange(
        port,
        &format!(
            "POST /editor/login HTTP/1.1\r\nHost: t\r\nConnection: close\r\nCookie: stances_form={form_cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        ),
    );
    assert!(head.starts_with("HTTP/1.1 303"), "the printed password logs in: {head}");
    let session = set_cookie(&head, "stances_session");
    let (head, body) = exchange(
        port,
        &format!("GET /editor/ HTTP/1.1\r\nHost: t\r\nConnection: close\r\nCookie: stances_session={session}\r\n\r\n"),
    );
    assert!(head.starts_with("HTTP/1.1 200") && body.contains("demo"), "{head}\n{body}");
    let _ = child.kill();
    let _ = child.wait();
    // The database was kept: a second demo on it adds nothing, and its editor stays.
    let again = s.stances(&["demo", "--no-serve"]);
    assert!(again.status.success(), "{}", util::stderr(&again));
    assert!(stdout(&s.stances(&["user", "list"])).contains("demo\tadmin"));
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let s = ingested();
    for args in [&["export"][..], &["export", "--format", "csv"], &["matrix", "--format", "json"]] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stances"))
            .args(["--db", &s.db()])
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        // The reader goes away before reading anything (as `| head -0` would).
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{args:?}: {:?} {}", out.status, util::stderr(&out));
        assert!(out.stderr.is_empty(), "{args:?}: {}", util::stderr(&out));
    }
}

#[test]
fn serve_logs_one_line_per_request_named_by_its_route() {
    let s = ingested();
    let (mut child, port) = serve(&s, std::process::Stdio::piped());
    http_get(port, "/statements/1").expect("answer");
    http_get(port, "/statements/2?secret=reader-query").expect("answer");
    std::thread::sleep(Duration::from_millis(200));
    let _ = child.kill();
    let out = child.wait_with_output().expect("wait");
    let log = util::stderr(&out);
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("route=/statements/{id}")).collect();
    assert!(lines.len() >= 2, "{log}");
    assert!(lines.iter().all(|l| l.contains("INFO") && l.contains("status=200")), "{log}");
    assert!(!log.contains("reader-query"), "no reader's query in the log: {log}");
}

#[test]
fn re_ingesting_a_statement_page_of_the_site_adds_a_source_not_a_copy() {
    let s = ingested();
    let out = s.path("public");
    let built = s.stances(&["build", "--out", &out.display().to_string(), "--base-url", "https://s.example"]);
    assert!(built.status.success(), "{}", util::stderr(&built));
    let before = util::json_lines(&s.stances(&["export"]));
    for e in &before {
        let id = e["id"].as_i64().expect("id");
        let page = out.join(format!("statements/{id}.html"));
        let again = s.stances(&["ingest", &page.display().to_string()]);
        assert!(again.status.success(), "{}", util::stderr(&again));
        assert!(util::stderr(&again).contains("1 statement (0 new, 1 known)"), "{}", util::stderr(&again));
    }
    let after = util::json_lines(&s.stances(&["export"]));
    assert_eq!(after.len(), before.len(), "no copies");
    for e in &after {
        let urls: Vec<&str> =
            e["sources"].as_array().expect("sources").iter().filter_map(|x| x["url"].as_str()).collect();
        let permalink = format!("https://s.example/statements/{}", e["id"]);
        assert!(urls.contains(&permalink.as_str()), "{urls:?}");
        assert_eq!(e["organization"], before.iter().find(|b| b["id"] == e["id"]).expect("same")["organization"]);
    }
    // Another tracker reading the page gets the statement as published: author, text, date.
    let other = Scratch::new();
    let first = &before[0];
    let page = out.join(format!("statements/{}.html", first["id"]));
    assert!(other.stances(&["ingest", &page.display().to_string()]).status.success());
    let read = &util::json_lines(&other.stances(&["export"]))[0];
    for key in ["organization", "text", "date", "title"] {
        assert_eq!(read[key], first[key], "{key}");
    }
}
