//! Ingesting through the CLI: what is stored, what is not stored twice, and how every
//! kind of bad input is refused with one clear line while the rest of the batch goes in.

mod util;

use util::{json_lines, stderr, stdout, Scratch};

const PAGE: &str = "Peace League statement on the war\n\nMarch 3, 2022 - The Peace League condemns the invasion and calls for an immediate ceasefire and talks.\n\nWe also demand safe passage for refugees.\n";
const OTHER: &str = "Harbour Union: No to war!\n\nThe Harbour Union refuses to load weapons bound for the front and calls for negotiations now.\n";

fn export(s: &Scratch) -> Vec<serde_json::Value> {
    let out = s.stances(&["export", "--format", "jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    json_lines(&out)
}

#[test]
fn ingesting_stores_statements_with_sources_and_status() {
    let s = Scratch::new();
    s.write("in/a.txt", PAGE);
    s.write("in/b.txt", OTHER);
    let out = s.stances(&["ingest", &s.path("in").display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("2 documents (2 new, 0 already stored), 2 statements (2 new, 0 known), 0 errors"),
        "{}",
        stderr(&out)
    );
    let rows = export(&s);
    assert_eq!(rows.len(), 2);
    let peace = rows.iter().find(|r| r["organization"] == "Peace League").expect("Peace League");
    assert_eq!(peace["status"], "published");
    assert_eq!(peace["date"], "2022-03-03");
    assert_eq!(peace["date_source"], "dateline");
    let id = peace["id"].as_i64().expect("id");
    assert_eq!(peace["url"], format!("/statements/{id}"));
}

#[test]
fn the_same_document_twice_adds_nothing() {
    let s = Scratch::new();
    let a = s.write("a.txt", PAGE).display().to_string();
    assert!(s.stances(&["ingest", &a]).status.success());
    let again = s.stances(&["ingest", &a]);
    assert!(again.status.success());
    assert!(stderr(&again).contains("1 document (0 new, 1 already stored), 0 statements"), "{}", stderr(&again));
    assert_eq!(export(&s).len(), 1);
}

#[test]
fn the_same_statement_in_two_documents_is_one_statement_with_two_sources() {
    let s = Scratch::new();
    let a = s.write("a.txt", PAGE).display().to_string();
    // The same statement republished on a page with a URL line and other furniture.
    let b = s
        .write("b.txt", format!("https://mirror.example/peace\n\nShare this\n\n{PAGE}\nCopyright © Mirror Magazine\n"))
        .display()
        .to_string();
    assert!(s.stances(&["ingest", &a, &b]).status.success());
    let rows = export(&s);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let sources = rows[0]["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 2);
    assert_eq!(sources[1]["url"], "https://mirror.example/peace");
}

#[test]
fn pending_holds_statements_for_an_editor() {
    let s = Scratch::new();
    let a = s.write("a.txt", PAGE).display().to_string();
    assert!(s.stances(&["ingest", "--pending", &a]).status.success());
    assert_eq!(export(&s)[0]["status"], "pending");
}

#[test]
fn standard_input_and_overrides() {
    let s = Scratch::new();
    let mut cmd = assert_cmd::Command::cargo_bin("stances").expect("binary");
    let out = cmd
        .args(["--db", &s.db(), "analyze", "-", "--source-url", "https://example.org/x", "--published", "2022-03-10"])
        .write_stdin("The Quay Workers Union calls on all sides to stop the shelling of the port at once.\n")
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = &json_lines(&out)[0];
    assert_eq!(doc["input"], "-");
    assert_eq!(doc["source_url"], "https://example.org/x");
    assert_eq!(doc["statements"][0]["organization"], "Quay Workers Union");
    assert_eq!(doc["statements"][0]["date"], "2022-03-10", "no date in the text: the given publication date");
}

#[test]
fn csv_export_has_a_header_and_one_row_per_statement() {
    let s = Scratch::new();
    let a = s.write("a.txt", PAGE).display().to_string();
    let b = s.write("b.txt", OTHER).display().to_string();
    assert!(s.stances(&["ingest", &a, &b]).status.success());
    let out_file = s.path("out.csv");
    let out = s.stances(&["export", "--format", "csv", "--out", &out_file.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(out_file).expect("csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let (org, status) = (col("organization"), col("status"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().any(|r| &r[org] == "Harbour Union" && &r[status] == "published"));
}

#[test]
fn every_bad_input_gets_one_line_and_the_rest_goes_in() {
    let s = Scratch::new();
    s.write("batch/01-good.txt", PAGE);
    s.write("batch/02-empty.txt", "");
    s.write("batch/03-image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde");
    let big: String = "The Peace League calls for peace. ".repeat(50 * 1024 * 1024 / 34 + 1);
    s.write("batch/04-huge.txt", &big);
    s.write("batch/05-deep.html", format!("<html><body>{}<p>deep</p></body></html>", "<div>".repeat(20_000)));
    s.write("batch/06-truncated.html", "<html><head><title>Dockers</title></head><body><h2>Dockers Union statement</h2><p>The Dockers Union condemns the war and calls for a ceasefire now, and for talks to begin at once without conditions.</p><p>We will not load arms for the fr");
    std::os::unix::fs::symlink(s.path("nowhere.txt"), s.path("batch/07-unreadable.txt")).expect("symlink");
    s.write("batch/08-other.txt", OTHER);
    s.write(
        "batch/09-latin1.txt",
        b"The Caf\xe9 Workers Union calls for peace and for an end to the bombing of cities.\n",
    );
    let out = s.stances(&["ingest", &s.path("batch").display().to_string()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let error_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(error_lines.len(), 5, "{err}");
    for (file, reason) in [
        ("02-empty.txt", "empty file"),
        ("03-image.png", "binary file (a PNG image)"),
        ("04-huge.txt", "over the 20 MB limit"),
        ("05-deep.html", "nested"),
        ("07-unreadable.txt", "no such file"),
    ] {
        assert!(
            error_lines.iter().any(|l| l.contains(file) && l.contains(reason)),
            "no line for {file} ({reason}) in:\n{err}"
        );
    }
    assert!(err.contains("warning:") && err.contains("09-latin1.txt"), "invalid UTF-8 is read with a warning: {err}");
    assert!(err.contains("4 documents (4 new"), "{err}");
    let orgs: Vec<String> = export(&s).iter().map(|r| r["organization"].as_str().unwrap_or("").to_string()).collect();
    for org in ["Peace League", "Harbour Union", "Dockers Union", "Caf\u{FFFD} Workers Union"] {
        assert!(orgs.iter().any(|o| o == org), "{org} missing from {orgs:?}");
    }
}

#[test]
fn a_larger_limit_admits_a_large_file() {
    let s = Scratch::new();
    let big = format!(
        "{PAGE}\n{}",
        "We stand for peace and for the right of every people to decide its future. ".repeat(400_000)
    );
    let f = s.write("big.txt", &big).display().to_string();
    assert_eq!(s.stances(&["ingest", &f]).status.code(), Some(1));
    let out = s.stances(&["ingest", "--max-size", "64", &f]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn extract_prints_blocks_separated_by_blank_lines() {
    let s = Scratch::new();
    let f = s.write("p.html", "<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav><article><h1>Peace League statement</h1><p>We condemn the war.</p><ul><li>Ceasefire now</li><li>Talks</li></ul></article><footer>© Site</footer></body></html>");
    let out = s.stances(&["extract", &f.display().to_string()]);
    assert!(out.status.success());
    assert_eq!(stdout(&out), "Peace League statement\n\nWe condemn the war.\n\nCeasefire now\n\nTalks\n");
}

#[test]
fn usage_errors_and_unknown_databases_are_one_line() {
    let s = Scratch::new();
    let out = s.stances(&["ingest", "-", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    let out = assert_cmd::Command::cargo_bin("stances")
        .expect("binary")
        .args(["--db", "/nonexistent-dir/x.db", "export"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: cannot open database /nonexistent-dir/x.db"), "{}", stderr(&out));
}

#[test]
fn reprocess_keeps_everything_a_document_arrived_with() {
    // Every override ingest takes, and a feed whose entries carry their own link and date:
    // none of it is in the bytes, so reprocess must replay it from what was stored.
    let s = Scratch::new();
    let text = s.write("undated.txt", "The Quay Workers Union calls on all sides to stop the shelling of the port.\n");
    let out = s.stances(&[
        "ingest",
        "--format",
        "text",
        "--source-url",
        "https://quay.example/statement",
        "--published",
        "2022-03-05",
        &text.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entry =
        "&lt;p&gt;The Lantern Collective calls for an immediate ceasefire and for talks without conditions.&lt;/p&gt;";
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Statements</title><item><guid>e1</guid><title>Lantern Collective: talks now</title><link>https://lantern.example/talks</link><pubDate>Wed, 09 Mar 2022 10:00:00 GMT</pubDate><description>{entry}</description></item></channel></rss>"
    );
    let feed = s.write("feed.xml", rss);
    let out = s.stances(&["ingest", "--format", "feed", &feed.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));

    let before = export(&s);
    assert_eq!(before.len(), 2, "{before:#?}");
    assert_eq!(before[0]["sources"][0]["url"], "https://quay.example/statement");
    assert_eq!(before[0]["date"], "2022-03-05");
    assert_eq!(before[0]["date_source"], "given", "a given date is recorded as given");
    assert_eq!(before[1]["sources"][0]["url"], "https://lantern.example/talks");
    assert_eq!(before[1]["date"], "2022-03-09");

    // A second later, so a reading that changed nothing must not move `updated` either.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let out = s.stances(&["reprocess"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("reprocessed 2 documents: 2 statements updated, 0 new"), "{}", stderr(&out));
    assert_eq!(export(&s), before, "reprocess changed what the documents arrived with");
}
