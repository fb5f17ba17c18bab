//! Crash safety: `stances ingest` killed with SIGKILL in the middle of a large batch
//! leaves a database that passes SQLite's integrity check and holds only whole
//! documents; running the batch again completes it without duplicates.

mod util;

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};
use util::{json_lines, Scratch};

const PAGES: usize = 3000;

fn documents_in(db: &str) -> i64 {
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)))
        .unwrap_or(0)
}

#[test]
fn a_killed_ingest_leaves_only_whole_documents_and_resumes_without_duplicates() {
    let s = Scratch::new();
    let pages = s.path("pages");
    let gen = s.stances(&["bench", "generate", &pages.display().to_string(), "--pages", &PAGES.to_string()]);
    assert!(gen.status.success());

    // How many statements each page holds, read without storing.
    let analyzed = s.stances(&["analyze", &pages.display().to_string()]);
    let expected: HashMap<String, i64> = json_lines(&analyzed)
        .iter()
        .map(|d| {
            (d["input"].as_str().unwrap_or("").to_string(), d["statements"].as_array().map_or(0, |a| a.len() as i64))
        })
        .collect();
    assert_eq!(expected.len(), PAGES);
    assert!(expected.values().all(|&n| n >= 1));

    let db = s.db();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("stances"))
        .args(["--db", &db, "ingest", "--quiet", &pages.display().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start ingest");
    let start = Instant::now();
    while documents_in(&db) < 300 {
        assert!(start.elapsed() < Duration::from_secs(120), "ingest made no progress");
        assert!(child.try_wait().expect("poll").is_none(), "ingest finished before it could be killed");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");

    let conn = Connection::open(&db).expect("open after crash");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity check");
    assert_eq!(check, "ok");
    let stored: i64 = conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).expect("count");
    assert!(stored >= 300 && (stored as usize) < PAGES, "killed mid-batch: {stored} documents stored");
    // Every stored document has all its statements' sources: no half document.
    let mut q = conn.prepare("SELECT d.origin, count(x.statement_id) FROM documents d LEFT JOIN sources x ON x.document_id = d.id GROUP BY d.id").expect("query");
    let rows: Vec<(String, i64)> =
        q.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows").map(|r| r.expect("row")).collect();
    for (origin, n) in &rows {
        assert_eq!(Some(n), expected.get(origin), "document {origin} is incomplete");
    }
    drop(q);
    drop(conn);

    // Running the batch again completes it, adding each document exactly once.
    let again = s.stances(&["ingest", &pages.display().to_string()]);
    assert!(again.status.success(), "{}", util::stderr(&again));
    let conn = Connection::open(&db).expect("open");
    let documents: i64 = conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).expect("count");
    let sources: i64 = conn.query_row("SELECT count(*) FROM sources", [], |r| r.get(0)).expect("count");
    let statements: i64 = conn.query_row("SELECT count(*) FROM statements", [], |r| r.get(0)).expect("count");
    assert_eq!(documents as usize, PAGES);
    assert_eq!(sources, expected.values().sum::<i64>());
    assert_eq!(statements, sources, "every generated statement is distinct, so none is stored twice");
}
