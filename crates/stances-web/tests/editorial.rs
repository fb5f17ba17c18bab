//! The submission form and the editors' pages against a real SQLite store and the real
//! reading pipeline: the form lands in the queue (never on the site) and refuses floods;
//! every editor route refuses anonymous requests and requests without the session's CSRF
//! token; logins lock out; what editors do is audited; submitted scripts stay inert in the
//! queue, on the statement page and in the feeds; no password reaches a log.

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use axum::extract::ConnectInfo;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use stances_code::{Codebook, Coder};
use stances_core::{Document, Status};
use stances_search::SearchIndex;
use stances_store::{Accounts, Editorial, Role, SqliteStore, Store};
use stances_web::submit::{DocumentReader, Reading};
use stances_web::{auth, router, App, Settings, Source};
use tower::ServiceExt;

const CODEBOOK: &str = include_str!("../../../data/codebooks/ukraine-war.toml");
const SCRIPT: &str = "<script>alert('x')</script>";

/// The real pipeline: extraction, attribution, coding.
struct Pipeline {
    reader: stances_extract::Reader,
    coder: Coder,
}

impl DocumentReader for Pipeline {
    fn read(&self, doc: &Document) -> Result<Reading, String> {
        let mut r = self.reader.read(doc).map_err(|e| e.to_string())?;
        for s in &mut r.statements {
            let names = [s.organization.name.as_str()];
            s.positions = self.coder.code(&s.text, s.language.as_deref(), &names).positions;
        }
        Ok(Reading { format: Some(r.format), meta: r.meta, statements: r.statements })
    }
}

struct Fixture {
    app: Arc<App>,
    _dir: tempfile::TempDir,
}

const ADA: &str = "ada's long password";
const BOB: &str = "bob's long password";

fn fixture() -> Fixture {
    fixture_with(Settings::new("Statements tracker", "http://127.0.0.1:9"))
}

fn fixture_with(settings: Settings) -> Fixture {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = SqliteStore::open(&dir.path().join("t.db")).expect("store");
    store.add_user("ada", Role::Admin, &auth::hash_password(ADA).expect("hash")).expect("ada");
    store.add_user("bob", Role::Editor, &auth::hash_password(BOB).expect("hash")).expect("bob");
    let codebook = Codebook::parse(CODEBOOK, "ukraine-war.toml").expect("codebook");
    let pipeline = Pipeline {
        reader: stances_extract::Reader::new(stances_extract::Registry::empty()),
        coder: Coder::new(codebook.clone()),
    };
    let app = App::open(Source::new(store, codebook), SearchIndex::in_memory().expect("index"), settings)
        .expect("app")
        .with_reader(Arc::new(pipeline));
    Fixture { app: Arc::new(app), _dir: dir }
}

/// A browser at its own address: keeps cookies, follows nothing.
struct Browser {
    app: Arc<App>,
    cookies: HashMap<String, String>,
    addr: SocketAddr,
}

struct Got {
    status: StatusCode,
    location: String,
    set_cookies: Vec<String>,
    body: String,
}

impl Browser {
    fn new(app: &Arc<App>) -> Self {
        static NEXT: AtomicU8 = AtomicU8::new(1);
        let addr = SocketAddr::from(([10, 0, 0, NEXT.fetch_add(1, Ordering::Relaxed)], 40000));
        Self { app: app.clone(), cookies: HashMap::new(), addr }
    }

    async fn send(&mut self, req: axum::http::request::Builder, body: Body) -> Got {
        let cookie = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
        let req = req.extension(ConnectInfo(self.addr));
        let req = if cookie.is_empty() { req } else { req.header(header::COOKIE, cookie) };
        let res = router(self.app.clone()).oneshot(req.body(body).expect("request")).await.expect("response");
        let status = res.status();
        let location =
            res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        let set_cookies: Vec<String> = res
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect();
        for c in &set_cookies {
            if let Some((k, rest)) = c.split_once('=') {
                let v = rest.split(';').next().unwrap_or("");
                if v.is_empty() {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_string(), v.to_string());
                }
            }
        }
        let body = String::from_utf8_lossy(&res.into_body().collect().await.expect("body").to_bytes()).into_owned();
        Got { status, location, set_cookies, body }
    }

    async fn get(&mut self, uri: &str) -> Got {
        self.send(Request::get(uri), Body::empty()).await
    }

    async fn post(&mut self, uri: &str, fields: &[(&str, &str)]) -> Got {
        let body = fields.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&");
        self.send(
            Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            Body::from(body),
        )
        .await
    }

    async fn post_multipart(&mut self, uri: &str, fields: &[(&str, &str)]) -> Got {
        let mut body = Vec::new();
        for (k, v) in fields {
            // A field named `file:NAME` is sent as an uploaded file called NAME.
            match k.strip_prefix("file:") {
                Some(name) => write!(
                    body,
                    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/html\r\n\r\n{v}\r\n"
                ),
                None => write!(body, "--XyZ\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"),
            }
            .expect("write");
        }
        body.extend_from_slice(b"--XyZ--\r\n");
        self.send(
            Request::post(uri).header(header::CONTENT_TYPE, "multipart/form-data; boundary=XyZ"),
            Body::from(body),
        )
        .await
    }

    /// The CSRF token in the last page's forms.
    fn csrf(page: &str) -> String {
        let at = page.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
        page[at..at + 64].to_string()
    }

    async fn login(&mut self, name: &str, password: &str) -> Got {
        let form = self.get("/editor/login").await;
        let csrf = Self::csrf(&form.body);
        self.post("/editor/login", &[("csrf", &csrf), ("name", name), ("password", password)]).await
    }
}

fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const STATEMENT: &str = "The Peace League condemns the invasion of Ukraine and calls for an immediate ceasefire. We demand safe passage for refugees.";

async fn submit(b: &mut Browser, org: &str, title: &str, text: &str) -> Got {
    let form = b.get("/submit").await;
    let csrf = Browser::csrf(&form.body);
    b.post_multipart(
        "/submit",
        &[("csrf", &csrf), ("organization", org), ("contact", "press@peace.example"), ("title", title), ("text", text)],
    )
    .await
}

#[tokio::test]
async fn the_form_lands_in_the_queue_never_on_the_site_and_refuses_floods() {
    let f = fixture();
    let mut visitor = Browser::new(&f.app);
    let sent = submit(&mut visitor, "Peace League", "No to war", STATEMENT).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.location, "/submit?sent=1");
    assert!(visitor.get("/submit?sent=1").await.body.contains("waits for an editor"));

    let queue = f.app.store().statements_with_status(Status::Pending, 10, 0).expect("queue");
    assert_eq!(queue.len(), 1);
    let s = &queue[0];
    assert_eq!(s.statement.organization.name, "Peace League");
    assert!(s.statement.positions.iter().any(|p| p.code == "condemn_invasion"), "coded: {:?}", s.statement.positions);
    assert_eq!(s.sources[0].sender.as_deref(), Some("press@peace.example"));
    f.app.refresh().expect("refresh");
    assert!(f.app.site().entries.is_empty(), "nothing submitted is published");
    assert_eq!(visitor.get(&format!("/statements/{}", s.id)).await.status, StatusCode::NOT_FOUND);

    // A file instead of pasted text.
    let mut uploader = Browser::new(&f.app);
    let form = uploader.get("/submit").await;
    let csrf = Browser::csrf(&form.body);
    let page = "<html><body><h1>Harbour Union: No to war</h1><p>The Harbour Union refuses to load weapons bound for the front and calls for negotiations now.</p></body></html>";
    let up = uploader
        .post_multipart(
            "/submit",
            &[("csrf", &csrf), ("contact", "office@harbour.example"), ("file:statement.html", page)],
        )
        .await;
    assert_eq!(up.status, StatusCode::SEE_OTHER, "{}", up.body);
    let queue = f.app.store().statements_with_status(Status::Pending, 10, 0).expect("queue");
    assert_eq!(queue.len(), 2);
    assert_eq!(queue[0].statement.organization.name, "Harbour Union");
    assert_eq!(queue[0].sources[0].sender.as_deref(), Some("office@harbour.example"));

    // Without the form's own token (another site posting into it): refused.
    let mut other = Browser::new(&f.app);
    let forged = other.post_multipart("/submit", &[("csrf", "0123"), ("contact", "x"), ("text", STATEMENT)]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // A flood from one address: after a burst, refused.
    let mut codes = Vec::new();
    for k in 0..6 {
        codes.push(
            submit(&mut visitor, "Peace League", &format!("Flood {k}"), &format!("{STATEMENT} {k}")).await.status,
        );
    }
    assert!(codes.contains(&StatusCode::TOO_MANY_REQUESTS), "{codes:?}");
    // A URL on a private address is not fetched for the public.
    let mut third = Browser::new(&f.app);
    let form = third.get("/submit").await;
    let csrf = Browser::csrf(&form.body);
    let got = third
        .post_multipart("/submit", &[("csrf", &csrf), ("contact", "x@y.example"), ("url", "http://127.0.0.1:9/x")])
        .await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(got.body.contains("private or loopback address"), "{}", got.body);
}

#[tokio::test]
async fn every_editor_route_refuses_anonymous_requests_and_forged_changes() {
    let f = fixture();
    let mut visitor = Browser::new(&f.app);
    assert_eq!(submit(&mut visitor, "Peace League", "No to war", STATEMENT).await.status, StatusCode::SEE_OTHER);
    let id = f.app.store().statements_with_status(Status::Pending, 1, 0).expect("queue")[0].id;
    let pages = [
        "/editor/".to_string(),
        format!("/editor/statements/{id}"),
        "/editor/organizations".into(),
        "/editor/log".into(),
    ];
    let changes: Vec<(String, Vec<(&str, &str)>)> = vec![
        (format!("/editor/statements/{id}/status"), vec![("status", "published")]),
        (format!("/editor/statements/{id}/edit"), vec![("title", "Forged")]),
        (format!("/editor/statements/{id}/code"), vec![("code", "ceasefire"), ("decision", "reject")]),
        ("/editor/organizations/merge".into(), vec![("from", "peace-league"), ("into", "peace-league-2")]),
        ("/editor/logout".into(), vec![]),
    ];
    let mut anonymous = Browser::new(&f.app);
    for p in &pages {
        let got = anonymous.get(p).await;
        assert_eq!((got.status, got.location.as_str()), (StatusCode::SEE_OTHER, "/editor/login"), "{p}");
    }
    for (p, fields) in &changes {
        assert_eq!(anonymous.post(p, fields).await.status, StatusCode::FORBIDDEN, "{p}");
    }

    let mut bob = Browser::new(&f.app);
    let login = bob.login("bob", BOB).await;
    assert_eq!((login.status, login.location.as_str()), (StatusCode::SEE_OTHER, "/editor/"));
    let session = login.set_cookies.iter().find(|c| c.starts_with("stances_session=")).expect("session cookie");
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"), "{session}");
    for (p, fields) in &changes {
        assert_eq!(bob.post(p, fields).await.status, StatusCode::FORBIDDEN, "{p} without a token");
        let mut with_wrong = fields.clone();
        with_wrong.push(("csrf", "f00d"));
        assert_eq!(bob.post(p, &with_wrong).await.status, StatusCode::FORBIDDEN, "{p} with a wrong token");
    }
    let s = f.app.store().statement(id).expect("read").expect("exists");
    assert_eq!(s.status, Status::Pending, "nothing changed");
    assert_ne!(s.statement.title.as_deref(), Some("Forged"));
    assert!(f.app.store().audit(id).expect("audit").is_empty());
    // An editor who is not an administrator cannot merge or read the whole log.
    let queue = bob.get("/editor/").await;
    let csrf = Browser::csrf(&queue.body);
    let merge = bob.post("/editor/organizations/merge", &[("csrf", &csrf), ("from", "a"), ("into", "b")]).await;
    assert_eq!(merge.status, StatusCode::FORBIDDEN);
    assert_eq!(bob.get("/editor/log").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn logins_lock_out_and_logouts_end_the_session() {
    let f = fixture();
    let mut b = Browser::new(&f.app);
    // The login form itself needs its token.
    let forged = b.post("/editor/login", &[("csrf", "x"), ("name", "bob"), ("password", BOB)]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    for _ in 0..4 {
        assert_eq!(b.login("bob", "wrong password!").await.status, StatusCode::UNAUTHORIZED);
    }
    let fifth = b.login("bob", "wrong password!").await;
    assert!(fifth.body.contains("locked"), "{}", fifth.body);
    let right = b.login("bob", BOB).await;
    assert_eq!(right.status, StatusCode::FORBIDDEN, "locked even with the right password");
    assert!(f.app.store().user("bob").expect("user").expect("bob").locked_until.is_some());
    // An unknown name says no more than a wrong password.
    assert!(b.login("nobody", "whatever it is").await.body.contains("Wrong name or password"));

    let mut ada = Browser::new(&f.app);
    assert_eq!(ada.login("ada", ADA).await.status, StatusCode::SEE_OTHER);
    let stolen = ada.cookies.clone();
    let queue = ada.get("/editor/").await;
    assert_eq!(queue.status, StatusCode::OK);
    let csrf = Browser::csrf(&queue.body);
    let out = ada.post("/editor/logout", &[("csrf", &csrf)]).await;
    assert_eq!((out.status, out.location.as_str()), (StatusCode::SEE_OTHER, "/editor/login"));
    let mut replay = Browser { app: f.app.clone(), cookies: stolen, addr: ada.addr };
    assert_eq!(replay.get("/editor/").await.status, StatusCode::SEE_OTHER, "the old session is gone");
}

#[tokio::test]
async fn editors_moderate_and_correct_with_every_change_audited_and_scripts_inert() {
    let f = fixture();
    let mut visitor = Browser::new(&f.app);
    let hostile = format!("{STATEMENT} {SCRIPT}");
    let sent = submit(&mut visitor, &format!("Peace League {SCRIPT}"), &format!("No to war {SCRIPT}"), &hostile).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let id = f.app.store().statements_with_status(Status::Pending, 1, 0).expect("queue")[0].id;

    let mut bob = Browser::new(&f.app);
    bob.login("bob", BOB).await;
    let queue = bob.get("/editor/").await;
    assert!(queue.body.contains("1 statement waits"), "{}", queue.body);
    assert!(queue.body.contains("press@peace.example"), "editors see the sender");
    assert!(
        !queue.body.contains(SCRIPT) && queue.body.contains("&#60;script&#62;"),
        "inert in the queue: {}",
        queue.body
    );
    let csrf = Browser::csrf(&queue.body);

    // Corrections, a coding decision, then approval.
    let page = bob.get(&format!("/editor/statements/{id}")).await;
    assert!(!page.body.contains(SCRIPT), "inert on the editor's page");
    let edit = bob
        .post(
            &format!("/editor/statements/{id}/edit"),
            &[("csrf", &csrf), ("title", "No to war"), ("country", "Belgium"), ("date", "2022-03-04")],
        )
        .await;
    assert_eq!(edit.status, StatusCode::SEE_OTHER);
    let bad_date = bob
        .post(&format!("/editor/statements/{id}/edit"), &[("csrf", &csrf), ("title", "Typed, kept"), ("date", "soon")])
        .await;
    assert_eq!(bad_date.status, StatusCode::BAD_REQUEST);
    // The form comes back with the reason and what was typed; nothing of it was applied.
    assert!(bad_date.body.contains("role=\"alert\"") && bad_date.body.contains("is not a date"), "{}", bad_date.body);
    assert!(bad_date.body.contains("value=\"Typed, kept\"") && bad_date.body.contains("value=\"soon\""));
    let title = f.app.store().statement(id).expect("read").expect("exists").statement.title;
    assert_eq!(title.as_deref(), Some("No to war"), "one transaction: the valid title was not applied either");
    let add = bob
        .post(
            &format!("/editor/statements/{id}/code"),
            &[
                ("csrf", &csrf),
                ("code", "refugees_welcome"),
                ("decision", "add"),
                ("evidence", "We demand safe passage for refugees."),
            ],
        )
        .await;
    assert_eq!(add.status, StatusCode::SEE_OTHER);
    let invented = bob
        .post(
            &format!("/editor/statements/{id}/code"),
            &[("csrf", &csrf), ("code", "ceasefire"), ("decision", "add"), ("evidence", "words that are not there")],
        )
        .await;
    assert_eq!(invented.status, StatusCode::BAD_REQUEST);
    assert!(
        invented.body.contains("words copied from the statement") && invented.body.contains("words that are not there")
    );
    let approve = bob
        .post(
            &format!("/editor/statements/{id}/status"),
            &[("csrf", &csrf), ("status", "published"), ("back", "queue")],
        )
        .await;
    assert_eq!((approve.status, approve.location.as_str()), (StatusCode::SEE_OTHER, "/editor/"));

    // Published at once, with the corrections, and inert on every public surface.
    let public = visitor.get(&format!("/statements/{id}")).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("No to war") && public.body.contains("Belgium"), "{}", public.body);
    assert!(!public.body.contains(SCRIPT), "inert on the statement page");
    assert!(!public.body.contains("For editors"), "the audit log is for editors only");
    assert!(!public.body.contains("press@peace.example"), "the sender is never public");
    let feed = visitor.get("/feed.atom").await;
    assert!(feed.body.contains("No to war"));
    assert!(!feed.body.contains(SCRIPT), "inert in the feed");
    let parsed = feed_rs::parser::parse(feed.body.as_bytes()).expect("the feed parses");
    assert_eq!(parsed.entries.len(), 1);
    let refugees = f.app.store().statement(id).expect("read").expect("exists");
    assert!(refugees.statement.positions.iter().any(|p| p.code == "refugees_welcome" && !p.decided.is_machine()));

    // The audit log: on the editor's page, and on the public page for a logged-in editor.
    let log = f.app.store().audit(id).expect("audit");
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["edit date", "edit country", "edit title", "code add refugees_welcome", "approve"],
        "{log:#?}"
    );
    assert!(log.iter().all(|e| e.editor == "bob"));
    let for_editor = bob.get(&format!("/statements/{id}")).await;
    assert!(for_editor.body.contains("For editors") && for_editor.body.contains("code add refugees_welcome"));

    // An administrator merges a misspelt organization into it.
    let mut again = Browser::new(&f.app);
    let second =
        submit(&mut again, "Peace Leage", "Again", "The Peace Leage calls for talks to end the war in Ukraine.").await;
    assert_eq!(second.status, StatusCode::SEE_OTHER);
    let mut ada = Browser::new(&f.app);
    ada.login("ada", ADA).await;
    let orgs = ada.get("/editor/organizations").await;
    let csrf = Browser::csrf(&orgs.body);
    let from =
        f.app.store().organizations().expect("orgs").into_iter().find(|o| o.name == "Peace Leage").expect("misspelt");
    let into = f.app.store().statement(id).expect("read").expect("exists").statement.organization.id;
    let merged =
        ada.post("/editor/organizations/merge", &[("csrf", &csrf), ("from", &from.slug), ("into", &into)]).await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER);
    assert!(f.app.store().organizations().expect("orgs").iter().all(|o| o.name != "Peace Leage"));
    let itself = ada.post("/editor/organizations/merge", &[("csrf", &csrf), ("from", &into), ("into", &into)]).await;
    assert_eq!(itself.status, StatusCode::BAD_REQUEST);
    assert!(itself.body.contains("cannot be merged into itself") && itself.body.contains("<h1>Organizations</h1>"));
    let changes = ada.get("/editor/log").await;
    assert!(changes.body.contains("merge organizations") && changes.body.contains("approve"));
}

/// Everything logged in this test binary.
fn log_buffer() -> Arc<Mutex<Vec<u8>>> {
    static BUF: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    BUF.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let sink = buf.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || Sink(sink.clone()))
            .finish();
        let _ = tracing::subscriber::set_global_default(subscriber);
        buf
    })
    .clone()
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_password_reaches_a_log_or_the_database() {
    let buf = log_buffer();
    let f = fixture();
    let mut b = Browser::new(&f.app);
    b.login("bob", "a wrong guess at it").await;
    b.login("bob", BOB).await;
    let logged = String::from_utf8_lossy(&buf.lock().expect("log")).into_owned();
    assert!(logged.contains("failed login for bob"), "the failure is logged: {logged}");
    for secret in [BOB, "a wrong guess at it"] {
        assert!(!logged.contains(secret), "a password in the log");
    }
    let hash = f.app.store().user("bob").expect("user").expect("bob").password_hash;
    assert!(hash.starts_with("$argon2id$") && !hash.contains(BOB));
}

#[tokio::test]
async fn the_limits_come_from_the_settings() {
    let limits = stances_web::ServerLimits { submit_burst: 1, lock_after: 2, ..Default::default() };
    let f = fixture_with(Settings { limits, ..Settings::new("Statements tracker", "http://127.0.0.1:9") });
    let mut visitor = Browser::new(&f.app);
    assert_eq!(submit(&mut visitor, "Peace League", "One", STATEMENT).await.status, StatusCode::SEE_OTHER);
    let second = submit(&mut visitor, "Peace League", "Two", &format!("{STATEMENT} Again.")).await;
    assert_eq!(second.status, StatusCode::TOO_MANY_REQUESTS, "a burst of one");
    let mut b = Browser::new(&f.app);
    assert_eq!(b.login("bob", "wrong password!").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(b.login("bob", "wrong password!").await.status, StatusCode::FORBIDDEN, "the second locks");
    assert_eq!(b.login("bob", BOB).await.status, StatusCode::FORBIDDEN, "locked after two");
}
