//! The published contract as snapshots (insta): `statements.csv`, `positions.csv`, one
//! statement's JSON, the OpenAPI document, an Atom feed and a statement page. A change to
//! what outside scripts and readers rely on shows here as a reviewed diff of
//! `tests/snapshots/`. Times of storage are the only thing that varies; they are redacted.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use stances_code::Codebook;
use stances_core::{
    CountrySource, DateSource, Evidence, Given, OrganizationRef, PageMeta, PartialDate, Position, Statement, Status,
};
use stances_search::SearchIndex;
use stances_store::{NewDocument, SqliteStore, Store};
use stances_web::{router, App, Settings, Source};
use tower::ServiceExt;

const CODEBOOK: &str = include_str!("../../../data/codebooks/ukraine-war.toml");

fn evidence(text: &str, sentence: &str) -> Vec<Evidence> {
    let start = text.find(sentence).expect("evidence in text");
    vec![Evidence { start, end: start + sentence.len(), text: sentence.to_string() }]
}

/// Two statements of fictional organizations: one known to the registry, dated by its
/// dateline, with two positions; one unknown, its country read from the text and its date
/// given with the document.
fn app() -> (Arc<App>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = SqliteStore::open(&dir.path().join("contract.db")).expect("store");
    let first = "The Harbour Workers Union condemns the invasion of Ukraine. We call for an immediate ceasefire.";
    let second = "• Open the ports to refugees!\nThe Lantern Collective, issued in Glasgow, welcomes every refugee.";
    let statements = [
        Statement {
            organization: OrganizationRef {
                id: "harbour-workers-union".into(),
                name: "Harbour Workers Union".into(),
                aliases: vec!["HWU".into()],
                known: true,
                country: Some("Australia".into()),
                kind: Some("union".into()),
            },
            country: Some("Australia".into()),
            country_source: Some(CountrySource::Registry),
            date: PartialDate::ymd(2022, 2, 25),
            date_source: Some(DateSource::Dateline),
            date_text: Some("25 February 2022".into()),
            title: Some("No to war!".into()),
            language: Some("en".into()),
            text: first.into(),
            positions: vec![
                Position::machine(
                    "condemn_invasion",
                    evidence(first, "The Harbour Workers Union condemns the invasion of Ukraine."),
                ),
                Position::machine("ceasefire", evidence(first, "We call for an immediate ceasefire.")),
            ],
            ..Default::default()
        },
        Statement {
            organization: OrganizationRef {
                id: "lantern-collective".into(),
                name: "Lantern Collective".into(),
                ..Default::default()
            },
            co_signatories: vec!["Quay Tenants".into()],
            country: Some("United Kingdom".into()),
            country_source: Some(CountrySource::Text("issued in Glasgow".into())),
            date: PartialDate::ym(2022, 3),
            date_source: Some(DateSource::Given),
            language: Some("en".into()),
            text: second.into(),
            positions: vec![Position::machine("refugees_welcome", evidence(second, "• Open the ports to refugees!"))],
            ..Default::default()
        },
    ];
    let meta = PageMeta {
        source_url: Some("https://harbour.example/statements".into()),
        publication: Some("Harbour News".into()),
        published: PartialDate::ymd(2022, 3, 1),
        ..Default::default()
    };
    let given = Given::default();
    let doc =
        NewDocument { bytes: b"contract page", content_type: "text/plain", origin: "test", meta: &meta, given: &given };
    store.ingest(&doc, &statements, Status::Published).expect("ingest");
    let codebook = Codebook::parse(CODEBOOK, "ukraine-war.toml").expect("codebook");
    let settings = Settings::new("Statements tracker", "https://statements.example");
    let app = App::open(Source::new(store, codebook), SearchIndex::in_memory().expect("index"), settings).expect("app");
    (Arc::new(app), dir)
}

async fn get(app: &Arc<App>, uri: &str) -> String {
    let res =
        router(app.clone()).oneshot(Request::get(uri).body(Body::empty()).expect("request")).await.expect("response");
    assert_eq!(res.status(), StatusCode::OK, "{uri}");
    String::from_utf8(res.into_body().collect().await.expect("body").to_bytes().to_vec()).expect("utf-8")
}

fn pretty(json: &str) -> String {
    serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(json).expect("JSON")).expect("pretty")
}

/// Snapshots with the storage times redacted.
macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        let value = $value;
        insta::with_settings!({filters => vec![
            (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", "[time]"),
        ]}, {
            insta::assert_snapshot!($name, value);
        });
    };
}

#[tokio::test]
async fn the_published_contract() {
    let (app, _dir) = app();
    snapshot!("statements.csv", get(&app, "/export/statements.csv").await);
    snapshot!("positions.csv", get(&app, "/export/positions.csv").await);
    let one = get(&app, "/api/v1/statements/2").await;
    snapshot!("statement.json", pretty(&one));
    // The JSON Lines download holds the very records the API returns.
    let lines = get(&app, "/export/statements.jsonl").await;
    assert_eq!(lines.lines().count(), 2);
    assert!(lines.lines().map(pretty).any(|l| l == pretty(&one)), "{lines}");
    snapshot!("openapi.json", pretty(&get(&app, "/api/v1/openapi.json").await));
    snapshot!("feed.atom", get(&app, "/feed.atom").await);
    snapshot!("statement.html", get(&app, "/statements/1").await);
}
