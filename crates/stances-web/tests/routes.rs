//! Every route of the site against a real SQLite store: status, content type, key content,
//! and that hostile text stays inert wherever it is shown.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use stances_code::Codebook;
use stances_core::{Evidence, OrganizationRef, PageMeta, PartialDate, Position, Statement, Status};
use stances_search::SearchIndex;
use stances_store::{NewDocument, SqliteStore, Store};
use stances_web::{router, App, Settings, Source};
use tower::ServiceExt;

const CODEBOOK: &str = include_str!("../../../data/codebooks/ukraine-war.toml");
const HOSTILE: &str = "<script>alert('x')</script><img src=x onerror=alert(1)>";

fn statement(
    org: &str,
    country: &str,
    date: (i32, u8, u8),
    lang: &str,
    text: &str,
    codes: &[(&str, &str)],
) -> Statement {
    Statement {
        organization: OrganizationRef {
            id: stances_core::slugify(org),
            name: org.into(),
            aliases: vec![],
            known: true,
            country: Some(country.into()),
            kind: Some("union".into()),
        },
        country: Some(country.into()),
        date: PartialDate::ymd(date.0, date.1, date.2),
        title: Some(format!("{org} on the war")),
        language: Some(lang.into()),
        text: text.into(),
        positions: codes
            .iter()
            .map(|(code, sentence)| {
                let start = text.find(sentence).expect("evidence in text");
                Position::machine(
                    *code,
                    vec![Evidence { start, end: start + sentence.len(), text: sentence.to_string() }],
                )
            })
            .collect(),
        ..Default::default()
    }
}

struct Fixture {
    app: Arc<App>,
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("site.db");
    let mut store = SqliteStore::open(&db).expect("store");
    let pages: Vec<(&str, Option<&str>, Vec<Statement>, Status)> = vec![
        (
            "page one",
            Some("https://example.org/statements"),
            vec![
                statement(
                    "Harbour Workers Union",
                    "Australia",
                    (2022, 2, 25),
                    "en",
                    "We condemn the invasion of Ukraine by Russia. We call for an immediate ceasefire and negotiations.",
                    &[("condemn_invasion", "We condemn the invasion of Ukraine by Russia."), ("ceasefire", "We call for an immediate ceasefire and negotiations.")],
                ),
                statement(
                    "Collectif Paix Nord",
                    "France",
                    (2022, 3, 2),
                    "fr",
                    "Nous exigeons l'ouverture de négociations de paix.",
                    &[("negotiations", "Nous exigeons l'ouverture de négociations de paix.")],
                ),
            ],
            Status::Published,
        ),
        (
            "page two",
            Some("javascript:alert(1)"),
            vec![statement(
                "Harbour Workers Union",
                "Australia",
                (2022, 3, 10),
                "en",
                &format!("We welcome refugees {HOSTILE} and demand safe passage for all."),
                &[("refugees_welcome", "We welcome refugees")],
            )],
            Status::Published,
        ),
        (
            "page three",
            None,
            vec![statement("Hidden Pending League", "Chile", (2022, 3, 11), "en", "We call for sanctions on oligarchs.", &[])],
            Status::Pending,
        ),
    ];
    for (bytes, url, statements, status) in pages {
        let meta = PageMeta { source_url: url.map(str::to_string), ..Default::default() };
        let doc = NewDocument {
            bytes: bytes.as_bytes(),
            content_type: "text/plain",
            origin: "test",
            meta: &meta,
            given: &Default::default(),
        };
        store.ingest(&doc, &statements, status).expect("ingest");
    }
    let codebook = Codebook::parse(CODEBOOK, "ukraine-war.toml").expect("codebook");
    let settings = Settings::new("Statements tracker", "http://127.0.0.1:9");
    let app = App::open(Source::new(store, codebook), SearchIndex::in_memory().expect("index"), settings).expect("app");
    Fixture { app: Arc::new(app), _dir: dir, db }
}

struct Got {
    status: StatusCode,
    content_type: String,
    body: String,
    csp: String,
}

async fn get(app: &Arc<App>, uri: &str) -> Got {
    let res =
        router(app.clone()).oneshot(Request::get(uri).body(Body::empty()).expect("request")).await.expect("response");
    let status = res.status();
    let header = |n: &str| res.headers().get(n).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let content_type = header("content-type");
    let csp = header("content-security-policy");
    assert_eq!(header("x-content-type-options"), "nosniff", "{uri}");
    let body = String::from_utf8(res.into_body().collect().await.expect("body").to_bytes().to_vec()).expect("utf-8");
    Got { status, content_type, body, csp }
}

fn id_of(app: &App, org: &str, newest: bool) -> i64 {
    let site = app.site();
    let mut ids: Vec<i64> = site.entries.iter().filter(|e| e.author() == org).map(|e| e.id).collect();
    ids.sort();
    if newest {
        *ids.last().expect("statement")
    } else {
        ids[0]
    }
}

#[tokio::test]
async fn html_pages_answer_with_their_content() {
    let f = fixture();
    let app = &f.app;
    let first = id_of(app, "Harbour Workers Union", false);
    let cases: Vec<(String, &str)> = vec![
        ("/".into(), "Latest statements"),
        ("/topics/ukraine-war".into(), "Russia&#39;s war on Ukraine"),
        ("/topics/ukraine-war?group=country".into(), "<h2>France"),
        (format!("/statements/{first}"), "<mark data-positions=\"condemn_invasion\""),
        ("/organizations/harbour-workers-union".into(), "Statements, newest first"),
        ("/positions/ceasefire".into(), "Who takes it"),
        ("/matrix".into(), "Positions taken by each organization"),
        ("/search?q=negotiation".into(), "statement found"),
        ("/data".into(), "Data dictionary"),
    ];
    for (uri, needle) in cases {
        let g = get(app, &uri).await;
        assert_eq!(g.status, StatusCode::OK, "{uri}");
        assert!(g.content_type.starts_with("text/html"), "{uri}: {}", g.content_type);
        assert!(g.body.contains(needle), "{uri} lacks {needle:?}:\n{}", g.body);
        assert!(
            g.body.contains("<main id=\"main\">") && g.body.contains("<nav aria-label=\"Main\">"),
            "{uri}: landmarks"
        );
        assert!(g.csp.contains("default-src 'self'") && g.csp.contains("frame-ancestors 'none'"), "{uri}: {}", g.csp);
        assert_eq!(g.body.matches("<h1").count(), 1, "{uri}: one h1");
    }
}

#[tokio::test]
async fn the_statement_page_has_provenance_and_citations() {
    let f = fixture();
    let id = id_of(&f.app, "Harbour Workers Union", false);
    let g = get(&f.app, &format!("/statements/{id}")).await;
    assert!(g.body.contains("href=\"https://example.org/statements\""), "provenance link");
    assert!(g.body.contains(&format!("@misc{{stances-{id},")), "BibTeX");
    assert!(g.body.contains(&format!("Harbour Workers Union (2022-02-25). Harbour Workers Union on the war. [Statement]. http://127.0.0.1:9/statements/{id}")));
    assert!(
        g.body.contains("href=\"#ev-ceasefire-0\"") && g.body.contains("id=\"ev-ceasefire-0\""),
        "quote links to its place"
    );
}

#[tokio::test]
async fn unknown_and_unpublished_things_are_not_found() {
    let f = fixture();
    let pending = f.app.site().entries.iter().all(|e| e.author() != "Hidden Pending League");
    assert!(pending, "a pending statement is not on the site");
    for uri in [
        "/statements/999",
        "/statements/abc",
        "/organizations/hidden-pending-league",
        "/positions/no_such_code",
        "/topics/other",
        "/nowhere",
        "/organizations/nobody/feed.atom",
    ] {
        let g = get(&f.app, uri).await;
        assert_eq!(g.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(g.content_type.starts_with("text/html"), "{uri}");
    }
    let g = get(&f.app, "/api/v1/statements/999").await;
    assert_eq!(g.status, StatusCode::NOT_FOUND);
    assert!(g.body.contains("\"error\""));
    let search = get(&f.app, "/search?q=oligarchs").await;
    assert!(search.body.contains("0 statements found"), "pending statements are not searchable");
}

#[tokio::test]
async fn hostile_text_is_inert_everywhere() {
    let f = fixture();
    let id = id_of(&f.app, "Harbour Workers Union", true);
    for uri in [
        format!("/statements/{id}"),
        "/".to_string(),
        "/topics/ukraine-war".to_string(),
        "/organizations/harbour-workers-union".to_string(),
        "/positions/refugees_welcome".to_string(),
        "/search?q=refugees".to_string(),
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
        "/matrix?country=%3Cscript%3E".to_string(),
    ] {
        let g = get(&f.app, &uri).await;
        assert!(!g.body.contains("<script>alert"), "{uri}: a script got through");
        assert!(!g.body.contains("<img src=x"), "{uri}: an element got through");
        assert!(!g.body.contains("href=\"javascript:"), "{uri}: a javascript: link");
    }
    let page = get(&f.app, &format!("/statements/{id}")).await;
    assert!(page.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "shown as text");
    let feed = get(&f.app, "/feed.atom").await;
    assert!(!feed.body.contains("<script>") && feed.body.contains("&lt;script&gt;"), "escaped in the feed");
}

#[tokio::test]
async fn feeds_are_valid_atom() {
    let f = fixture();
    for (uri, entries) in [
        ("/feed.atom", 3),
        ("/topics/ukraine-war/feed.atom", 3),
        ("/organizations/harbour-workers-union/feed.atom", 2),
        ("/positions/ceasefire/feed.atom", 1),
    ] {
        let g = get(&f.app, uri).await;
        assert_eq!(g.status, StatusCode::OK, "{uri}");
        assert!(g.content_type.starts_with("application/atom+xml"), "{uri}");
        let feed =
            feed_rs::parser::parse(g.body.as_bytes()).unwrap_or_else(|e| panic!("{uri} is not a valid feed: {e}"));
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom, "{uri}");
        assert_eq!(feed.entries.len(), entries, "{uri}");
        assert!(feed.entries.iter().all(|e| e.links.iter().any(|l| l.href.contains("/statements/"))), "{uri}");
    }
    let pos = get(&f.app, "/positions/ceasefire/feed.atom").await;
    let feed = feed_rs::parser::parse(pos.body.as_bytes()).expect("feed");
    assert_eq!(
        feed.entries[0].categories.iter().map(|c| c.term.as_str()).collect::<Vec<_>>(),
        ["condemn_invasion", "ceasefire"]
    );
}

#[tokio::test]
async fn the_api_filters_paginates_and_describes_itself() {
    let f = fixture();
    let all: serde_json::Value = serde_json::from_str(&get(&f.app, "/api/v1/statements").await.body).expect("json");
    assert_eq!(all["total"], 3);
    assert_eq!(all["statements"][0]["date"], "2022-03-10", "newest first");
    let fr: serde_json::Value =
        serde_json::from_str(&get(&f.app, "/api/v1/statements?country=France").await.body).expect("json");
    assert_eq!(fr["total"], 1);
    assert_eq!(fr["statements"][0]["positions"][0]["code"], "negotiations");
    let paged: serde_json::Value =
        serde_json::from_str(&get(&f.app, "/api/v1/statements?per_page=2&page=2").await.body).expect("json");
    assert_eq!(paged["statements"].as_array().map(Vec::len), Some(1));
    let ranged: serde_json::Value = serde_json::from_str(
        &get(&f.app, "/api/v1/statements?from=2022-03&to=2022-03-05&position=negotiations").await.body,
    )
    .expect("json");
    assert_eq!(ranged["total"], 1);
    let id = all["statements"][0]["id"].as_i64().expect("id");
    let one: serde_json::Value =
        serde_json::from_str(&get(&f.app, &format!("/api/v1/statements/{id}")).await.body).expect("json");
    let ev = &one["positions"][0]["evidence"][0];
    let text = one["text"].as_str().expect("text");
    let (a, b) = (ev["start"].as_u64().expect("start") as usize, ev["end"].as_u64().expect("end") as usize);
    assert_eq!(&text[a..b], ev["text"].as_str().expect("evidence"), "offsets point into the text");
    let orgs: serde_json::Value = serde_json::from_str(&get(&f.app, "/api/v1/organizations").await.body).expect("json");
    assert_eq!(orgs.as_array().map(Vec::len), Some(2));
    let positions: serde_json::Value =
        serde_json::from_str(&get(&f.app, "/api/v1/positions").await.body).expect("json");
    assert_eq!(positions.as_array().map(Vec::len), Some(20));
    let matrix: serde_json::Value =
        serde_json::from_str(&get(&f.app, "/api/v1/matrix?country=Australia").await.body).expect("json");
    assert_eq!(matrix["organizations"].as_array().map(Vec::len), Some(1));
    assert!(matrix["organizations"][0]["cells"]["ceasefire"][0]["statement_id"].is_i64());
    let doc = get(&f.app, "/api/v1/openapi.json").await;
    assert!(doc.content_type.starts_with("application/json"));
    let doc: serde_json::Value = serde_json::from_str(&doc.body).expect("json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    for path in [
        "/api/v1/statements",
        "/api/v1/statements/{id}",
        "/api/v1/organizations",
        "/api/v1/positions",
        "/api/v1/matrix",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} is described");
    }
    assert!(doc["components"]["schemas"]["StatementRecord"]["properties"]["positions"].is_object());
}

#[tokio::test]
async fn exports_and_assets() {
    let f = fixture();
    let csv = get(&f.app, "/export/statements.csv").await;
    assert!(csv.content_type.starts_with("text/csv"));
    let mut r = csv::Reader::from_reader(csv.body.as_bytes());
    let header: Vec<String> = r.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(header[0], "id");
    assert_eq!(r.records().count(), 3);
    let jsonl = get(&f.app, "/export/statements.jsonl").await;
    assert_eq!(jsonl.body.lines().count(), 3);
    assert!(jsonl.body.lines().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));
    let pos = get(&f.app, "/export/positions.csv").await;
    let mut r = csv::Reader::from_reader(pos.body.as_bytes());
    let header = r.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let (code, evidence) = (col("code"), col("evidence"));
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 4, "one row per coded position");
    assert!(rows.iter().any(|x| &x[code] == "ceasefire" && x[evidence].starts_with("We call for")));
    let css = get(&f.app, "/static/style.css").await;
    assert!(css.content_type.starts_with("text/css") && css.body.contains("@media"));
    let js = get(&f.app, "/static/search.js").await;
    assert!(js.content_type.starts_with("text/javascript") && js.body.contains("search-index.json"));
}

#[tokio::test]
async fn matrix_filters_and_sorts() {
    let f = fixture();
    let fr = get(&f.app, "/matrix?country=France").await;
    assert!(fr.body.contains("Collectif Paix Nord") && !fr.body.contains(">Harbour Workers Union<"));
    let later = get(&f.app, "/matrix?from=2022-03-05").await;
    assert!(later.body.contains(">Harbour Workers Union<") && !later.body.contains("Collectif Paix Nord</a></th>"));
    let sorted = get(&f.app, "/matrix?sort=statements").await;
    let a = sorted.body.find(">Harbour Workers Union<").expect("harbour");
    let b = sorted.body.find(">Collectif Paix Nord<").expect("collectif");
    assert!(a < b, "most statements first");
    assert!(sorted.body.contains("Share of organizations taking each position"), "share chart");
}

#[tokio::test]
async fn search_has_facets_snippets_and_phrases() {
    let f = fixture();
    let g = get(&f.app, "/search?q=ceasefire").await;
    assert!(g.body.contains("<b>ceasefire</b>"), "highlighted snippet");
    assert!(g.body.contains("position=ceasefire") && g.body.contains("country=Australia"), "facet links");
    let phrase = get(&f.app, "/search?q=%22immediate+ceasefire%22").await;
    assert!(phrase.body.contains("1 statement found"), "{}", phrase.body);
    let filtered = get(&f.app, "/search?q=&country=France").await;
    assert!(filtered.body.contains("1 statement found") && filtered.body.contains("Remove filter France"));
}

#[tokio::test]
async fn the_site_follows_the_store() {
    let f = fixture();
    assert!(!f.app.refresh().expect("refresh"), "nothing changed");
    let mut store = SqliteStore::open(&f.db).expect("store");
    let meta = PageMeta::default();
    let doc = NewDocument {
        bytes: b"page four",
        content_type: "text/plain",
        origin: "test",
        meta: &meta,
        given: &Default::default(),
    };
    let st =
        statement("Lakeside Greens", "Ireland", (2022, 4, 1), "en", "We call for humanitarian aid to Ukraine.", &[]);
    store.ingest(&doc, &[st], Status::Published).expect("ingest");
    assert!(f.app.refresh().expect("refresh"), "the store changed");
    assert_eq!(get(&f.app, "/organizations/lakeside-greens").await.status, StatusCode::OK);
    assert!(get(&f.app, "/search?q=humanitarian").await.body.contains("1 statement found"));
}

#[tokio::test]
async fn a_large_matrix_comes_in_pages() {
    let f = fixture();
    let mut store = SqliteStore::open(&f.db).expect("store");
    let many: Vec<Statement> = (0..205)
        .map(|i| {
            statement(
                &format!("Branch {i:03} of the Union"),
                "Chile",
                (2022, 4, 1),
                "en",
                &format!("Branch {i} calls for a ceasefire."),
                &[("ceasefire", "calls for a ceasefire.")],
            )
        })
        .collect();
    let meta = PageMeta::default();
    let doc = NewDocument {
        bytes: b"many branches",
        content_type: "text/plain",
        origin: "test",
        meta: &meta,
        given: &Default::default(),
    };
    store.ingest(&doc, &many, Status::Published).expect("ingest");
    assert!(f.app.refresh().expect("refresh"));
    let first = get(&f.app, "/matrix").await;
    assert!(
        first.body.contains("207 organizations, 200 on this page"),
        "{}",
        &first.body[..2000.min(first.body.len())]
    );
    assert!(first.body.contains("href=\"/matrix?page=2\""));
    let second = get(&f.app, "/matrix?page=2").await;
    assert!(second.body.contains("7 on this page") && second.body.contains("rel=\"prev\""));
    let api: serde_json::Value = serde_json::from_str(&get(&f.app, "/api/v1/matrix").await.body).expect("json");
    assert_eq!(api["organizations"].as_array().map(Vec::len), Some(207), "the API returns every row");
}

#[tokio::test]
async fn parameters_that_mean_nothing_are_refused_and_say_why() {
    let f = fixture();
    for (uri, names) in [
        ("/api/v1/statements?from=garbage", "from"),
        ("/api/v1/statements?to=2022-13-45", "to"),
        ("/api/v1/statements?page=abc", "page"),
        ("/api/v1/statements?page=0", "page"),
        ("/api/v1/statements?per_page=100000", "per_page"),
        ("/api/v1/matrix?sort=colour", "sort"),
        ("/api/v1/statements/abc", "id"),
    ] {
        let got = get(&f.app, uri).await;
        assert_eq!(got.status, StatusCode::BAD_REQUEST, "{uri}: {}", got.body);
        assert!(got.content_type.starts_with("application/json"), "{uri}: {}", got.content_type);
        let body: serde_json::Value = serde_json::from_str(&got.body).expect("a JSON error");
        let error = body["error"].as_str().expect("error");
        assert!(error.contains(names), "{uri}: {error}");
        assert!(!error.contains("statements."), "{uri}: no internals in {error}");
    }
    // The site's own pages answer with its error page.
    for uri in ["/matrix?from=garbage", "/search?q=x&page=abc", "/topics/ukraine-war?group=colour"] {
        let got = get(&f.app, uri).await;
        assert_eq!(got.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(got.content_type.starts_with("text/html") && got.body.contains("<main"), "{uri}: {}", got.body);
    }
    // The OpenAPI document says so.
    let doc: serde_json::Value = serde_json::from_str(&get(&f.app, "/api/v1/openapi.json").await.body).expect("json");
    for path in ["/api/v1/statements", "/api/v1/statements/{id}", "/api/v1/matrix"] {
        let bad = &doc["paths"][path]["get"]["responses"]["400"]["content"]["application/json"]["schema"]["$ref"];
        assert_eq!(bad, "#/components/schemas/ApiError", "{path}");
    }
    // Well-formed filters still work.
    assert_eq!(get(&f.app, "/api/v1/statements?from=2022&to=2022-03-05").await.status, StatusCode::OK);
}
