//! Every arrival path through the CLI: e-mail files (.eml, mbox, Maildir), URLs fetched
//! from a loopback HTTP server, watched feeds that change between polls, and editor
//! accounts. Bad input (a malformed message, a MIME bomb, a feed that is not XML, a page
//! that never ends) is one clear error line, and nothing else is lost.

mod util;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use util::http::{Reply, Server};
use util::{json_lines, stderr, Scratch};

fn export(s: &Scratch) -> Vec<serde_json::Value> {
    let out = s.stances(&["export", "--format", "jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    json_lines(&out)
}

fn orgs(rows: &[serde_json::Value]) -> Vec<String> {
    let mut v: Vec<String> = rows.iter().map(|r| r["organization"].as_str().unwrap_or("").to_string()).collect();
    v.sort();
    v
}

fn message(from: &str, subject: &str, date: &str, body: &str) -> String {
    format!("From: {from}\r\nTo: statements@stances.example\r\nSubject: {subject}\r\nDate: {date}\r\nMessage-ID: <{subject}@example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}")
}

const PEACE: &str = "Peace League statement\r\n\r\nThe Peace League condemns the invasion of Ukraine and calls for an immediate ceasefire.\r\n";

#[test]
fn mail_files_wait_for_an_editor_with_their_sender_and_none_is_taken_twice() {
    let s = Scratch::new();
    s.write(
        "mail/plain.eml",
        message(
            "Jana Novak <press@peace-league.example>",
            "Statement on the war",
            "Tue, 1 Mar 2022 10:00:00 +0100",
            PEACE,
        ),
    );
    let attached = "From: office@harbour.example\r\nSubject: Our statement\r\nDate: Thu, 3 Mar 2022 09:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nPlease find our statement attached.\r\n--XX\r\nContent-Type: text/html; charset=utf-8\r\nContent-Disposition: attachment; filename=statement.html\r\n\r\n<html><body><h1>Harbour Union: No to war</h1><p>The Harbour Union refuses to load weapons bound for the front and calls for negotiations now.</p></body></html>\r\n--XX\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=flyer.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--XX--\r\n";
    s.write("mail/attached.eml", attached);
    let forwarded = message(
        "someone@relay.example",
        "Fwd: Teachers",
        "Mon, 7 Mar 2022 08:00:00 +0000",
        "See below.\r\n\r\n---------- Forwarded message ---------\r\nFrom: Teachers for Peace <tfp@example.org>\r\nDate: Wed, 2 Mar 2022 at 10:12\r\nSubject: Teachers for Peace statement\r\nTo: <list@example.org>\r\n\r\nTeachers for Peace\r\n\r\nTeachers for Peace call for the withdrawal of all Russian troops from Ukraine.\r\n",
    );
    s.write("mail/forwarded.eml", &forwarded);
    let mbox = format!(
        "From a@b Fri Mar  4 10:00:00 2022\n{}\nFrom c@d Sat Mar  5 10:00:00 2022\n{}",
        message(
            "info@nurses.example",
            "Nurses",
            "Fri, 4 Mar 2022 10:00:00 +0000",
            "Nurses United statement\n\nNurses United demand humanitarian corridors for civilians in Ukraine.\n"
        ),
        message(
            "info@bakers.example",
            "Bakers",
            "Sat, 5 Mar 2022 10:00:00 +0000",
            "Bakers Guild statement\n\nThe Bakers Guild calls for talks to end the war in Ukraine.\n"
        ),
    );
    s.write("mail/archive.mbox", mbox);
    // A Maildir: messages in cur/ and new/; tmp/ and the server's own files are not read.
    s.write(
        "mail/Maildir/cur/1.host:2,S",
        message(
            "x@rail.example",
            "Rail",
            "Sun, 6 Mar 2022 10:00:00 +0000",
            "Rail Workers statement\n\nRail Workers condemn the invasion of Ukraine.\n",
        ),
    );
    s.write(
        "mail/Maildir/new/2.host",
        message(
            "y@dock.example",
            "Dock",
            "Sun, 6 Mar 2022 11:00:00 +0000",
            "Dockers Union statement\n\nThe Dockers Union calls for a ceasefire in Ukraine.\n",
        ),
    );
    s.write("mail/Maildir/tmp/3.host", "half a deliv");
    s.write("mail/Maildir/dovecot-uidlist", "3 V1 N4\n1 2 3\n");
    // Bad input: not a message at all, and a MIME bomb.
    s.write("bad/garbage.eml", "this is not an e-mail message at all\n");
    let mut bomb = String::from("From: a@b.example\r\nSubject: bomb\r\nMIME-Version: 1.0\r\n");
    for i in 0..3000 {
        bomb.push_str(&format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n"));
    }
    s.write("bad/bomb.eml", bomb);
    // A huge attachment: the message is over the size limit and refused before parsing.
    let huge = format!(
        "From: a@b.example\r\nSubject: huge\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=H\r\n\r\n--H\r\nContent-Type: text/plain\r\n\r\nWe call for peace.\r\n--H\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--H--\r\n",
        "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n".repeat(20_000)
    );
    s.write("bad/huge.eml", huge);

    let out = s.stances(&["mail", "--max-size", "1", "mail", "bad"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("bad/garbage.eml: e-mail:"), "{err}");
    assert!(err.contains("bad/bomb.eml: e-mail: the message has more than 500 MIME parts"), "{err}");
    assert!(err.contains("bad/huge.eml: file is 1 MB, over the 1 MB limit"), "{err}");
    assert_eq!(err.lines().filter(|l| l.starts_with("error:")).count(), 3, "{err}");

    let rows = export(&s);
    assert_eq!(
        orgs(&rows),
        [
            "Bakers Guild",
            "Dockers Union",
            "Harbour Union",
            "Nurses United",
            "Peace League",
            "Rail Workers",
            "Teachers for Peace"
        ],
        "{rows:#?}"
    );
    assert!(rows.iter().all(|r| r["status"] == "pending"), "mail waits for an editor");
    let teachers = rows.iter().find(|r| r["organization"] == "Teachers for Peace").expect("teachers");
    assert_eq!(teachers["date"], "2022-03-02", "the forwarded message's date");
    assert!(!teachers["text"].as_str().unwrap_or("").contains("Forwarded"), "{teachers}");
    let harbour = rows.iter().find(|r| r["organization"] == "Harbour Union").expect("harbour");
    assert!(!harbour["text"].as_str().unwrap_or("").contains("Please find"), "the covering note is left out");
    // Nobody's address reaches the public export; editors find it with the document.
    assert!(rows.iter().all(|r| !r.to_string().contains("peace-league.example")));
    let db = rusqlite::Connection::open(s.db()).expect("db");
    let (sender, ctype): (String, String) = db
        .query_row("SELECT sender, content_type FROM documents WHERE origin LIKE '%plain.eml'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("document");
    assert_eq!(sender, "Jana Novak <press@peace-league.example>");
    assert_eq!(ctype, "message/rfc822");
    let origins: Vec<String> = db
        .prepare("SELECT origin FROM documents ORDER BY origin")
        .expect("q")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("origins");
    assert!(origins.iter().any(|o| o.ends_with("archive.mbox#2")), "{origins:?}");
    assert!(origins.iter().all(|o| !o.contains("tmp") && !o.contains("dovecot")), "{origins:?}");

    // Again: nothing new.
    let out = s.stances(&["mail", "mail"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 new, 7 already stored"), "{}", stderr(&out));
    // Reprocessing reads the stored messages the same way.
    let out = s.stances(&["reprocess"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(orgs(&export(&s)).len(), 7);
}

#[test]
fn urls_are_fetched_politely_with_limits_redirects_and_the_declared_charset() {
    let server = Server::start(|req| {
        match req.path.as_str() {
        // The charset is declared only in the HTTP header.
        "/statement" => Reply::ok(
            "text/html; charset=windows-1252",
            b"<html><body><h1>F\xe9d\xe9ration de la Paix</h1><p>La F\xe9d\xe9ration de la Paix condamne l'invasion de l'Ukraine et appelle \xe0 un cessez-le-feu imm\xe9diat.</p></body></html>".to_vec(),
        ),
        "/old" => Reply::Full(301, vec![("Location".into(), "/statement".into())], Vec::new()),
        "/loop" => Reply::Full(302, vec![("Location".into(), "/loop".into())], Vec::new()),
        "/endless" => Reply::Endless,
        "/stall" => Reply::Stall,
        _ => Reply::Full(404, Vec::new(), b"no".to_vec()),
    }
    });
    let s = Scratch::new();
    let urls: Vec<String> =
        ["/statement", "/old", "/loop", "/endless", "/stall", "/missing"].iter().map(|p| server.url(p)).collect();
    let mut args = vec!["ingest", "--max-size", "1", "--timeout", "3"];
    args.extend(urls.iter().map(String::as_str));
    let out = s.stances(&args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("2 documents (1 new, 1 already stored)"), "{err}");
    assert!(err.contains(&format!("{}: more than 5 redirects", urls[2])), "{err}");
    assert!(err.contains(&format!("{}: larger than the 1 MB limit", urls[3])), "{err}");
    assert!(err.contains(&format!("{}: timed out", urls[4])), "{err}");
    assert!(err.contains("the server answered 404"), "{err}");
    let rows = export(&s);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["organization"], "Fédération de la Paix");
    assert!(rows[0]["text"].as_str().unwrap_or("").contains("à un cessez-le-feu immédiat"));
    assert_eq!(rows[0]["sources"][0]["url"], urls[0], "the URL after redirects");
    let ua = server.requests("/statement")[0].header("user-agent").unwrap_or("").to_string();
    assert!(ua.starts_with("stances/"), "{ua}");
}

fn feed(entries: &[(&str, &str, &str, &str)]) -> String {
    let items: String = entries
        .iter()
        .map(|(id, title, link, summary)| {
            format!("<item><guid>{id}</guid><title>{title}</title><link>{link}</link><pubDate>Tue, 01 Mar 2022 10:00:00 GMT</pubDate><description>{summary}</description></item>")
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Statements</title>{items}</channel></rss>")
}

fn long(text: &str) -> String {
    // A full statement, escaped as RSS carries HTML.
    let para = format!("&lt;p&gt;{text}&lt;/p&gt;");
    format!("{para}{}", "&lt;p&gt;We will keep organizing meetings, collections and vigils in every town until this is achieved, together with our members and friends.&lt;/p&gt;".repeat(4))
}

#[test]
fn watched_feeds_take_new_on_topic_entries_once_across_restarts() {
    let version = Arc::new(AtomicUsize::new(1));
    let v = version.clone();
    let server = Server::start(move |req| {
        let n = v.load(Ordering::SeqCst);
        let etag = format!("\"v{n}\"");
        match req.path.as_str() {
            "/feed.xml" if req.header("if-none-match") == Some(etag.as_str()) => {
                Reply::Full(304, vec![("ETag".into(), etag)], Vec::new())
            }
            "/feed.xml" if n >= 3 && req.header("if-modified-since") == Some("Wed, 02 Mar 2022 10:00:00 GMT") => {
                Reply::Full(304, Vec::new(), Vec::new())
            }
            "/feed.xml" => {
                let mut entries = vec![
                    ("a", "Peace League", "http://x.invalid/a", long("The Peace League condemns the invasion of Ukraine and calls for a ceasefire.")),
                    ("b", "Pension reform", "http://x.invalid/b", long("The Retirees Club asks the council to keep the pension office open on Fridays.")),
                ];
                if n >= 2 {
                    entries.push(("c", "Nurses", "/c.html", "Nurses United on the war".to_string()));
                }
                let e: Vec<(&str, &str, &str, &str)> =
                    entries.iter().map(|(a, b, c, d)| (*a, *b, *c, d.as_str())).collect();
                let mut headers = vec![("Content-Type".into(), "application/rss+xml".into())];
                // Version 3 forgets its ETag and names its date instead.
                if n < 3 {
                    headers.push(("ETag".into(), etag));
                } else {
                    headers.push(("Last-Modified".into(), "Wed, 02 Mar 2022 10:00:00 GMT".into()));
                }
                Reply::Full(200, headers, feed(&e).into_bytes())
            }
            "/c.html" => Reply::ok(
                "text/html; charset=utf-8",
                "<html><body><h1>Nurses United statement</h1><p>Nurses United demand humanitarian corridors for civilians in Ukraine.</p></body></html>",
            ),
            "/not-a-feed" => Reply::ok("text/html", "<html><body>Sorry, moved.</body></html>"),
            _ => Reply::Full(404, Vec::new(), Vec::new()),
        }
    });
    let s = Scratch::new();
    let feed_url = server.url("/feed.xml");
    let bad = server.url("/not-a-feed");

    let out = s.stances(&["watch", "--once", &feed_url, &bad]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{bad}: not a feed")), "{err}");
    assert!(err.contains("1 off the topic"), "{err}");
    let rows = export(&s);
    assert_eq!(orgs(&rows), ["Peace League"], "{rows:#?}");
    assert_eq!(rows[0]["status"], "pending");
    assert_eq!(rows[0]["sources"][0]["url"], "http://x.invalid/a");

    // A restart, same feed: a conditional request, answered 304.
    let out = s.stances(&["watch", "--once", &feed_url]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 feeds unchanged"), "{}", stderr(&out));
    let second = server.requests("/feed.xml");
    assert_eq!(second.last().and_then(|r| r.header("if-none-match")), Some("\"v1\""));

    // The feed changes: only the new entry is taken, its page fetched for the full text.
    version.store(2, Ordering::SeqCst);
    let out = s.stances(&["watch", "--once", &feed_url]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(orgs(&export(&s)), ["Nurses United", "Peace League"]);
    assert_eq!(server.requests("/c.html").len(), 1);
    // And again, after the server forgets its ETag: nothing is taken twice.
    version.store(3, Ordering::SeqCst);
    let out = s.stances(&["watch", "--once", &feed_url]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(export(&s).len(), 2);
    assert_eq!(server.requests("/c.html").len(), 1);
    // Its Last-Modified is remembered: the next poll is conditional on it, and answered 304.
    let out = s.stances(&["watch", "--once", &feed_url]);
    assert!(stderr(&out).contains("1 feeds unchanged"), "{}", stderr(&out));
    let last = server.requests("/feed.xml").pop().expect("polled");
    assert_eq!(last.header("if-modified-since"), Some("Wed, 02 Mar 2022 10:00:00 GMT"));
}

#[test]
fn editor_accounts_keep_only_argon2_hashes() {
    let s = Scratch::new();
    let secret = "a long enough secret";
    let out = s.stances_with(&["user", "add", "ada", "--role", "admin"], &[], &format!("{secret}\n"));
    assert!(out.status.success(), "{}", stderr(&out));
    let out = s.stances_with(&["user", "add", "bob"], &[("STANCES_PASSWORD", "another long secret")], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = s.stances_with(&["user", "add", "ada"], &[("STANCES_PASSWORD", "another long secret")], "");
    assert!(stderr(&out).contains("user ada exists already"), "{}", stderr(&out));
    let out = s.stances_with(&["user", "add", "cy"], &[("STANCES_PASSWORD", "short")], "");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("at least 10 characters"), "{}", stderr(&out));

    let out = s.stances(&["user", "list"]);
    assert_eq!(util::stdout(&out), "ada\tadmin\nbob\teditor\n");
    let db = rusqlite::Connection::open(s.db()).expect("db");
    let hash: String =
        db.query_row("SELECT password_hash FROM users WHERE name = 'ada'", [], |r| r.get(0)).expect("ada");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    drop(db);
    let bytes = std::fs::read(s.db()).expect("db bytes");
    let wal = std::fs::read(format!("{}-wal", s.db())).unwrap_or_default();
    for b in [&bytes, &wal] {
        assert!(!b.windows(secret.len()).any(|w| w == secret.as_bytes()), "a clear password in the database");
    }

    let out = s.stances_with(&["user", "passwd", "ada"], &[("STANCES_PASSWORD", "a brand new secret")], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let db = rusqlite::Connection::open(s.db()).expect("db");
    let new: String =
        db.query_row("SELECT password_hash FROM users WHERE name = 'ada'", [], |r| r.get(0)).expect("ada");
    assert_ne!(new, hash);
    let out = s.stances(&["user", "remove", "bob"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(util::stdout(&s.stances(&["user", "list"])), "ada\tadmin\n");
}

#[test]
fn the_demo_reads_its_e_mail_sample_like_any_other() {
    let s = Scratch::new();
    let out = s.stances(&["demo", "--no-serve"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = util::stdout(&out);
    let line = table.lines().find(|l| l.starts_with("Lakeside Teachers Association")).expect("the e-mail's author");
    assert!(line.contains("Ireland") && line.contains("2022-03-03"), "{line}");
    assert!(table.contains("from 6 sample documents"), "{table}");
}

#[test]
fn a_feed_file_takes_only_entries_on_the_topic_and_no_headline_as_author() {
    let s = Scratch::new();
    let rss = feed(&[
        (
            "p",
            "Our summer picnic",
            "http://x.invalid/p",
            &long("Join us by the lake on Saturday for games, food and music with all the families of the club."),
        ),
        (
            "w",
            "Our summer statement",
            "http://x.invalid/w",
            &long("The Lantern Collective condemns the invasion of Ukraine and calls for a ceasefire."),
        ),
        (
            "n",
            "Peace Now Ukraine",
            "http://x.invalid/n",
            &long("We condemn the invasion of Ukraine and call for a ceasefire."),
        ),
    ]);
    let f = s.write("feed.xml", rss);
    let out = s.stances(&["ingest", "--format", "feed", &f.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 feed entry off the topic"), "{}", stderr(&out));
    let rows = json_lines(&s.stances(&["export"]));
    assert_eq!(rows.len(), 2, "{rows:#?}");
    let named = rows.iter().find(|r| r["title"] == "Our summer statement").expect("named");
    assert_eq!(named["organization"], "Lantern Collective", "the text's author");
    let unnamed = rows.iter().find(|r| r["title"] == "Peace Now Ukraine").expect("unnamed");
    assert!(unnamed["organization"].is_null(), "a headline is no author: {unnamed:#}");
}

#[test]
fn watch_reads_an_entrys_own_text_when_its_page_cannot_be_fetched() {
    let server = Server::start(|req| match req.path.as_str() {
        "/feed.xml" => Reply::ok(
            "application/rss+xml",
            feed(&[(
                "g",
                "Harbour Union",
                "/gone.html",
                "The Harbour Union calls for an immediate ceasefire in Ukraine.",
            )]),
        ),
        _ => Reply::Full(404, Vec::new(), Vec::new()),
    });
    let s = Scratch::new();
    let out = s.stances(&["watch", "--once", &server.url("/feed.xml")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(server.requests("/gone.html").len(), 1, "the page was tried first");
    let rows = json_lines(&s.stances(&["export"]));
    assert_eq!(rows.len(), 1, "the entry's own text was taken: {}", stderr(&out));
    assert!(rows[0]["text"].as_str().is_some_and(|t| t.contains("immediate ceasefire")));
    assert_eq!(rows[0]["status"], "pending");
}
