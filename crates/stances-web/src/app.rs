//! The server: the routes the README lists, the site snapshot and search index kept in step
//! with the store, and the security headers every response carries.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use stances_code::Codebook;
use stances_search::SearchIndex;
use stances_store::{SqliteStore, Store};

use crate::feeds::{self, FeedOf};
use crate::links::Links;
use crate::matrix::MatrixFilter;
use crate::params::{one_of, page_number, Check, PageQuery};
use crate::site::Site;
use crate::submit::{self, DocumentReader, Limits};
use crate::views::{self, SearchParams, Settings};
use crate::{api, editor, export, WebError};

/// The stylesheet.
pub const STYLE: &str = include_str!("../static/style.css");
/// The static build's in-browser search.
pub const SEARCH_JS: &str = include_str!("../static/search.js");

/// Where the site's data comes from, to reload it when the store changes.
pub struct Source {
    store: Mutex<SqliteStore>,
    codebook: Codebook,
}

impl Source {
    /// A store and the codebook its statements were coded with.
    pub fn new(store: SqliteStore, codebook: Codebook) -> Self {
        Self { store: Mutex::new(store), codebook }
    }
}

/// The running site.
pub struct App {
    /// Site name and public address.
    pub settings: Settings,
    site: RwLock<Arc<Site>>,
    search: SearchIndex,
    source: Source,
    /// Responses that are costly to make on a large site (the matrix, searches, exports),
    /// by request, until the site changes.
    cache: Mutex<HashMap<String, (&'static str, axum::body::Bytes)>>,
    /// Reads what the submission form receives (none: submissions are closed).
    reader: Option<Arc<dyn DocumentReader>>,
    /// Per-client rate limits of the form and of logins.
    limits: Limits,
}

/// The largest response the cache keeps.
const CACHE_ONE: usize = 4 << 20;

impl App {
    /// Loads the site from the store and brings the search index up to date with it.
    pub fn open(source: Source, search: SearchIndex, settings: Settings) -> Result<Self, WebError> {
        let limits = settings.limits.clone();
        let site = {
            let store = source.store.lock().unwrap_or_else(|e| e.into_inner());
            Site::load(&*store, source.codebook.clone())?
        };
        sync_index(&site, &search, false)?;
        Ok(Self {
            settings,
            site: RwLock::new(Arc::new(site)),
            search,
            source,
            cache: Mutex::new(HashMap::new()),
            reader: None,
            limits: Limits::new(&limits),
        })
    }

    /// Opens the submission form, reading what it receives with `reader`.
    pub fn with_reader(mut self, reader: Arc<dyn DocumentReader>) -> Self {
        self.reader = Some(reader);
        self
    }

    /// The reader of submissions, if the form is open.
    pub fn reader(&self) -> Option<Arc<dyn DocumentReader>> {
        self.reader.clone()
    }

    /// The rate limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The store, for editors' work and submissions (held briefly: the site's reload
    /// waits for it).
    pub fn store(&self) -> std::sync::MutexGuard<'_, SqliteStore> {
        self.source.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The codebook statements are coded with.
    pub fn codebook(&self) -> &Codebook {
        &self.source.codebook
    }

    /// The current snapshot of the site.
    pub fn site(&self) -> Arc<Site> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The search index.
    pub fn search(&self) -> &SearchIndex {
        &self.search
    }

    /// Reloads the site and rebuilds the search index if the store changed since; true
    /// when it did.
    pub fn refresh(&self) -> Result<bool, WebError> {
        let store = self.source.store.lock().unwrap_or_else(|e| e.into_inner());
        if store.change_counter()? == self.site().counter {
            return Ok(false);
        }
        let site = Site::load(&*store, self.source.codebook.clone())?;
        drop(store);
        sync_index(&site, &self.search, false)?;
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(site);
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).clear();
        Ok(true)
    }

    /// The cached response to `key`, if any.
    fn cache_hit(&self, key: &str) -> Option<Response> {
        let cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.get(key).map(|(ct, body)| ([(header::CONTENT_TYPE, *ct)], body.clone()).into_response())
    }

    /// The cached response to `key`, made by `make` (content type, body) when missing.
    fn cached(&self, key: String, make: impl FnOnce() -> (&'static str, Vec<u8>)) -> Response {
        if let Some(r) = self.cache_hit(&key) {
            return r;
        }
        let (ct, body) = make();
        let body = axum::body::Bytes::from(body);
        if body.len() <= CACHE_ONE {
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            let held: usize = cache.values().map(|(_, b)| b.len()).sum();
            if held + body.len() > self.settings.limits.cache_mb.saturating_mul(1 << 20) {
                cache.clear();
            }
            cache.insert(key, (ct, body.clone()));
        }
        ([(header::CONTENT_TYPE, ct)], body).into_response()
    }
}

/// The whole site as an axum router.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/topics/{slug}", get(topic))
        .route("/topics/{slug}/feed.atom", get(topic_feed))
        .route("/statements/{id}", get(statement))
        .route("/organizations/{slug}", get(organization))
        .route("/organizations/{slug}/feed.atom", get(organization_feed))
        .route("/positions/{code}", get(position))
        .route("/positions/{code}/feed.atom", get(position_feed))
        .route("/matrix", get(matrix))
        .route("/search", get(search))
        .route("/data", get(data))
        .route("/feed.atom", get(site_feed))
        .route("/export/statements.csv", get(statements_csv))
        .route("/export/statements.jsonl", get(statements_jsonl))
        .route("/export/positions.csv", get(positions_csv))
        .route("/api/v1/statements", get(api::statements))
        .route("/api/v1/statements/{id}", get(api::statement))
        .route("/api/v1/organizations", get(api::organizations))
        .route("/api/v1/positions", get(api::positions))
        .route("/api/v1/matrix", get(api::matrix))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route(
            "/submit",
            get(submit::form)
                .post(submit::post)
                .layer(DefaultBodyLimit::max(app.settings.limits.submit_file_bytes() + (1 << 20))),
        )
        .route("/editor", get(|| async { axum::response::Redirect::permanent("/editor/") }))
        .route("/editor/", get(editor::queue))
        .route("/editor/login", get(editor::login_form).post(editor::login))
        .route("/editor/logout", post(editor::logout))
        .route("/editor/statements/{id}", get(editor::statement))
        .route("/editor/statements/{id}/status", post(editor::set_status))
        .route("/editor/statements/{id}/edit", post(editor::edit))
        .route("/editor/statements/{id}/code", post(editor::code))
        .route("/editor/organizations", get(editor::organizations))
        .route("/editor/organizations/merge", post(editor::merge))
        .route("/editor/log", get(editor::log))
        .route("/static/style.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE) }))
        .route(
            "/static/search.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SEARCH_JS) }),
        )
        .fallback(not_found)
        .layer(middleware::from_fn(security_headers))
        .layer(request_log())
        .with_state(app)
}

/// The request log's layer: HTTP's classifier, a span per route pattern, nothing logged
/// when a request starts, a line when it is answered.
type RequestLog = tower_http::trace::TraceLayer<
    tower_http::classify::SharedClassifier<tower_http::classify::ServerErrorsAsFailures>,
    fn(&Request) -> tracing::Span,
    (),
    tower_http::trace::DefaultOnResponse,
>;

/// One line per request at `info` (method, route pattern, status, time), in a span named
/// by the route pattern (`/statements/{id}`, not every id), so logs group by page kind and
/// carry no reader's query.
fn request_log() -> RequestLog {
    fn span(req: &Request) -> tracing::Span {
        let route = req.extensions().get::<axum::extract::MatchedPath>().map_or("(no route)", |p| p.as_str());
        tracing::info_span!("request", method = %req.method(), route = %route)
    }
    tower_http::trace::TraceLayer::new_for_http()
        .make_span_with(span as fn(&Request) -> tracing::Span)
        .on_request(())
        .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO))
}

/// Serves the site on a bound listener until interrupted, reloading it within a second of
/// any change to the store.
pub async fn serve(app: Arc<App>, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let watcher = app.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            watcher.limits.forget_quiet();
            let app = watcher.clone();
            match tokio::task::spawn_blocking(move || app.refresh()).await {
                Ok(Err(e)) => tracing::warn!("reloading the site: {e}"),
                Err(e) => tracing::warn!("reloading the site: {e}"),
                Ok(Ok(_)) => {}
            }
        }
    });
    axum::serve(listener, router(app).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// The headers that keep ingested text inert and the pages unframed.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    res
}

type AppState = State<Arc<App>>;

fn page(html: String) -> Response {
    Html(html).into_response()
}

fn missing(app: &App, what: &str) -> Response {
    let html = views::error(&app.site(), &Links::server(), &app.settings, "Not found", what);
    (StatusCode::NOT_FOUND, Html(html)).into_response()
}

async fn not_found(State(app): AppState) -> Response {
    missing(&app, "There is no page at this address.")
}

async fn home(State(app): AppState) -> Response {
    app.cached("/".into(), || {
        ("text/html; charset=utf-8", views::home(&app.site(), &Links::server(), &app.settings).into_bytes())
    })
}

#[derive(Debug, Deserialize)]
struct TopicParams {
    group: Option<String>,
    page: Option<usize>,
}

impl Check for TopicParams {
    fn check(&self) -> Result<(), String> {
        page_number(self.page)?;
        one_of("group", &self.group, &["country"])
    }
}

async fn topic(
    State(app): AppState,
    Path(slug): Path<String>,
    PageQuery(p): PageQuery<TopicParams>,
    uri: axum::http::Uri,
) -> Response {
    if let Some(r) = app.cache_hit(&uri.to_string()) {
        return r;
    }
    let by_country = p.group.as_deref() == Some("country");
    match views::topic(&app.site(), &Links::server(), &app.settings, &slug, by_country, p.page.unwrap_or(1)) {
        Some(html) => app.cached(uri.to_string(), || ("text/html; charset=utf-8", html.into_bytes())),
        None => missing(&app, "There is no such topic."),
    }
}

async fn statement(State(app): AppState, Path(id): Path<String>, headers: axum::http::HeaderMap) -> Response {
    let shown = id.parse().ok().and_then(|id| {
        let note = editor::public_note(&app, &headers, id);
        let editing = note.is_some();
        views::statement(&app.site(), &Links::server(), &app.settings, id, note).map(|html| (html, editing))
    });
    match shown {
        // An editor's view is private: no cache may keep it.
        Some((html, true)) => ([(header::CACHE_CONTROL, "private, no-store")], Html(html)).into_response(),
        Some((html, false)) => page(html),
        None => missing(&app, "There is no published statement with this number."),
    }
}

async fn organization(State(app): AppState, Path(slug): Path<String>) -> Response {
    match views::organization(&app.site(), &Links::server(), &app.settings, &slug) {
        Some(html) => page(html),
        None => missing(&app, "There is no organization with published statements at this address."),
    }
}

async fn position(State(app): AppState, Path(code): Path<String>, uri: axum::http::Uri) -> Response {
    if let Some(r) = app.cache_hit(&uri.to_string()) {
        return r;
    }
    match views::position(&app.site(), &Links::server(), &app.settings, &code) {
        Some(html) => app.cached(uri.to_string(), || ("text/html; charset=utf-8", html.into_bytes())),
        None => missing(&app, "The codebook has no such position."),
    }
}

async fn matrix(State(app): AppState, PageQuery(f): PageQuery<MatrixFilter>, uri: axum::http::Uri) -> Response {
    app.cached(uri.to_string(), || {
        ("text/html; charset=utf-8", views::matrix(&app.site(), &Links::server(), &app.settings, &f).into_bytes())
    })
}

async fn search(State(app): AppState, PageQuery(p): PageQuery<SearchParams>, uri: axum::http::Uri) -> Response {
    if let Some(r) = app.cache_hit(&uri.to_string()) {
        return r;
    }
    match app.search.search(&p.query(20)) {
        Ok(r) => app.cached(uri.to_string(), || {
            (
                "text/html; charset=utf-8",
                views::search(&app.site(), &Links::server(), &app.settings, &p, Some(&r)).into_bytes(),
            )
        }),
        Err(e) => {
            tracing::warn!("search: {e}");
            let html = views::error(
                &app.site(),
                &Links::server(),
                &app.settings,
                "Search failed",
                "The search could not be run.",
            );
            (StatusCode::INTERNAL_SERVER_ERROR, Html(html)).into_response()
        }
    }
}

async fn data(State(app): AppState) -> Response {
    page(views::data(&app.site(), &Links::server(), &app.settings))
}

fn atom(app: &App, of: FeedOf<'_>) -> Response {
    match feeds::feed(&app.site(), &app.settings, of) {
        Some(xml) => ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response(),
        None => missing(app, "There is no such feed."),
    }
}

async fn site_feed(State(app): AppState) -> Response {
    atom(&app, FeedOf::All)
}

async fn topic_feed(State(app): AppState, Path(slug): Path<String>) -> Response {
    atom(&app, FeedOf::Topic(&slug))
}

async fn organization_feed(State(app): AppState, Path(slug): Path<String>) -> Response {
    atom(&app, FeedOf::Organization(&slug))
}

async fn position_feed(State(app): AppState, Path(code): Path<String>) -> Response {
    atom(&app, FeedOf::Position(&code))
}

fn download<E: std::fmt::Display>(
    body: Result<Vec<u8>, E>,
    content_type: &'static str,
    name: &'static str,
) -> Response {
    match body {
        Ok(b) => ([(header::CONTENT_TYPE, content_type), (header::CONTENT_DISPOSITION, name)], b).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("export failed: {e}")).into_response(),
    }
}

async fn statements_csv(State(app): AppState) -> Response {
    download(
        export::statements_csv(&app.site(), &app.settings),
        "text/csv; charset=utf-8",
        "attachment; filename=\"statements.csv\"",
    )
}

async fn statements_jsonl(State(app): AppState) -> Response {
    download(
        export::statements_jsonl(&app.site(), &app.settings),
        "application/x-ndjson",
        "attachment; filename=\"statements.jsonl\"",
    )
}

async fn positions_csv(State(app): AppState) -> Response {
    download(
        export::positions_csv(&app.site(), &app.settings),
        "text/csv; charset=utf-8",
        "attachment; filename=\"positions.csv\"",
    )
}

/// The published site and its search index on disk, rebuilt first if the store changed
/// since the index was built (or `rebuild` asks for it).
pub fn site_and_index(
    store: &dyn Store,
    codebook: Codebook,
    folder: &std::path::Path,
    rebuild: bool,
) -> Result<(Site, SearchIndex, bool), WebError> {
    let site = Site::load(store, codebook)?;
    let index = SearchIndex::open(folder)?;
    let rebuilt = sync_index(&site, &index, rebuild)?;
    Ok((site, index, rebuilt))
}

/// Rebuilds the search index from the site when it was built at another change of the
/// store (or when `force`d); true when it was rebuilt.
fn sync_index(site: &Site, index: &SearchIndex, force: bool) -> Result<bool, WebError> {
    if !force && index.counter() == Some(site.counter) {
        return Ok(false);
    }
    index.rebuild(site.entries.iter().map(|e| e.search_doc()), site.counter)?;
    Ok(true)
}

/// Where the search index of a database lives: beside it.
pub fn index_folder(db: &std::path::Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".index");
    db.with_file_name(name)
}
