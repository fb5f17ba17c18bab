//! The editors' pages under `/editor/`: login and logout, the moderation queue, one
//! statement's reading with its corrections and audit log, organization merges (admins)
//! and the log of every change (admins). An anonymous request for a page is sent to the
//! login page; an anonymous or token-less change is refused with 403. Every form that
//! changes something carries the session's CSRF token.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Form, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use stances_core::{Evidence, Status};
use stances_store::{Accounts, AuditEntry, Decision, Editorial, Field, Role, Session, Store, StoredStatement};

use crate::app::App;
use crate::auth;
use crate::links::Links;
use crate::site::Site;
use crate::text;
use crate::views::Base;

/// Statements per page of the queue.
const QUEUE_PAGE: usize = 50;

type AppState = State<Arc<App>>;

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The logged-in editor making the request, if any.
pub fn viewer(app: &App, headers: &HeaderMap) -> Option<Session> {
    let token = auth::cookie(headers, auth::SESSION_COOKIE)?;
    app.store().session(&auth::token_hash(&token), &now()).ok().flatten()
}

fn base(app: &App, title: &str) -> Base {
    app.settings.base_for(&app.site(), &Links::server(), title)
}

fn html(status: StatusCode, body: Result<String, askama::Error>) -> Response {
    match body {
        Ok(b) => (status, [(header::CACHE_CONTROL, "no-store")], Html(b)).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("template error: {e}")).into_response(),
    }
}

fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string()), (header::CACHE_CONTROL, "no-store".into())])
        .into_response()
}

fn refused(why: &str) -> Response {
    (StatusCode::FORBIDDEN, [(header::CACHE_CONTROL, "no-store")], why.to_string()).into_response()
}

/// Why a request of an editor's is turned away.
pub enum Denied {
    /// Not logged in, asking for a page: to the login page.
    Login,
    /// A change that may not be made: 403 with the reason.
    Refused(&'static str),
}

impl IntoResponse for Denied {
    fn into_response(self) -> Response {
        match self {
            Denied::Login => see_other("/editor/login"),
            Denied::Refused(why) => refused(why),
        }
    }
}

/// The logged-in editor asking for a page; anyone else is sent to the login page.
pub struct Editor(Session);

impl FromRequestParts<Arc<App>> for Editor {
    type Rejection = Denied;
    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Self::Rejection> {
        viewer(app, &parts.headers).map(Editor).ok_or(Denied::Login)
    }
}

/// What the editors' navigation shows: who is logged in, what they may see, and the token
/// every form of the page carries.
struct Nav {
    who: String,
    admin: bool,
    csrf: String,
}

impl From<&Session> for Nav {
    fn from(s: &Session) -> Self {
        Nav { who: s.user.name.clone(), admin: s.user.role == Role::Admin, csrf: s.csrf.clone() }
    }
}

/// A change by an editor: the session when its CSRF token came back, else 403.
fn change_viewer(app: &App, headers: &HeaderMap, csrf: &str, admin: bool) -> Result<Session, Denied> {
    let session = viewer(app, headers).ok_or(Denied::Refused("Log in first."))?;
    if !auth::same_secret(&session.csrf, csrf) {
        return Err(Denied::Refused("The form's token is missing or stale: reload the page and try again."));
    }
    if admin && session.user.role != Role::Admin {
        return Err(Denied::Refused("Only an administrator can do this."));
    }
    Ok(session)
}

/// After a change: the public site reloads at once rather than within the second (off
/// the async threads: a reload of a large site takes a while).
async fn refresh(app: &Arc<App>) {
    let app = app.clone();
    match tokio::task::spawn_blocking(move || app.refresh()).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => tracing::warn!("reloading the site: {e}"),
        Err(e) => tracing::warn!("reloading the site: {e}"),
    }
}

// ---------------------------------------------------------------- login and logout

#[derive(Template)]
#[template(path = "editor_login.html")]
struct LoginPage {
    base: Base,
    csrf: String,
    problem: Option<String>,
}

fn login_page(app: &App, csrf: &str, problem: Option<&str>, status: StatusCode) -> Response {
    let page =
        LoginPage { base: base(app, "Editors' login"), csrf: csrf.to_string(), problem: problem.map(str::to_string) };
    let mut res = html(status, page.render());
    if let Ok(v) = auth::set_cookie(auth::FORM_COOKIE, csrf, 86_400, app.settings.secure()).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// `GET /editor/login`.
pub async fn login_form(State(app): AppState, headers: HeaderMap) -> Response {
    if viewer(&app, &headers).is_some() {
        return see_other("/editor/");
    }
    login_page(&app, &auth::form_token(&headers), None, StatusCode::OK)
}

/// The login form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

/// What a login attempt came to.
enum Login {
    Ok(String),
    Wrong,
    Locked,
}

/// `POST /editor/login`: argon2 verification off the async threads; five failures in a
/// row lock the account for fifteen minutes; an address that tries too often is slowed.
pub async fn login(
    State(app): AppState,
    headers: HeaderMap,
    peer: crate::submit::Peer,
    Form(form): Form<LoginForm>,
) -> Response {
    let token = auth::form_token(&headers);
    let expected = auth::cookie(&headers, auth::FORM_COOKIE);
    if !expected.is_some_and(|c| auth::same_secret(&c, &form.csrf)) {
        return login_page(&app, &token, Some("The form had expired: please log in again."), StatusCode::FORBIDDEN);
    }
    let client = crate::submit::client(&headers, peer, app.settings.trust_proxy);
    if !app.limits().login(client) {
        return login_page(&app, &token, Some("Too many attempts: wait a minute."), StatusCode::TOO_MANY_REQUESTS);
    }
    let worker = app.clone();
    let attempt = tokio::task::spawn_blocking(move || try_login(&worker, &form.name, &form.password)).await;
    match attempt {
        Ok(Ok(Login::Ok(session))) => {
            let max_age = app.settings.limits.session_hours * 3600;
            let cookie = auth::set_cookie(auth::SESSION_COOKIE, &session, max_age, app.settings.secure());
            let mut res = see_other("/editor/");
            if let Ok(v) = cookie.parse() {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            res
        }
        Ok(Ok(Login::Wrong)) => login_page(&app, &token, Some("Wrong name or password."), StatusCode::UNAUTHORIZED),
        Ok(Ok(Login::Locked)) => login_page(
            &app,
            &token,
            Some("This account is locked after too many failed logins: try again later, or ask an administrator."),
            StatusCode::FORBIDDEN,
        ),
        Ok(Err(e)) => login_page(&app, &token, Some(&format!("Login failed: {e}")), StatusCode::INTERNAL_SERVER_ERROR),
        Err(e) => login_page(&app, &token, Some(&format!("Login failed: {e}")), StatusCode::INTERNAL_SERVER_ERROR),
    }
}

/// A hash of nothing in particular, made once: an unknown name costs the same time as a
/// known one, so the login does not tell which names exist.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| auth::hash_password("no such user, no such password").unwrap_or_default())
}

fn try_login(app: &App, name: &str, password: &str) -> Result<Login, stances_store::StoreError> {
    let user = app.store().user(name)?;
    let Some(user) = user else {
        let _ = auth::verify_password(password, dummy_hash());
        return Ok(Login::Wrong);
    };
    let now = chrono::Utc::now();
    let stamp = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    if user.locked_until.as_deref().is_some_and(|until| until > stamp(now).as_str()) {
        return Ok(Login::Locked);
    }
    if !auth::verify_password(password, &user.password_hash) {
        let limits = &app.settings.limits;
        let lock = (user.failed_logins + 1 >= limits.lock_after)
            .then(|| stamp(now + chrono::Duration::minutes(limits.lock_minutes)));
        let failures = app.store().login_failed(user.id, lock.as_deref())?;
        tracing::warn!("failed login for {name} ({failures} in a row)");
        return Ok(if lock.is_some() { Login::Locked } else { Login::Wrong });
    }
    let token = auth::token().map_err(|e| stances_store::StoreError::Invalid(e.to_string()))?;
    let csrf = auth::token().map_err(|e| stances_store::StoreError::Invalid(e.to_string()))?;
    let expires = stamp(now + chrono::Duration::hours(app.settings.limits.session_hours));
    let mut store = app.store();
    store.login_succeeded(user.id)?;
    store.create_session(user.id, &auth::token_hash(&token), &csrf, &expires)?;
    tracing::info!("{name} logged in");
    Ok(Login::Ok(token))
}

/// A form that only carries its token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /editor/logout`.
pub async fn logout(State(app): AppState, headers: HeaderMap, Form(form): Form<CsrfForm>) -> Response {
    if let Err(r) = change_viewer(&app, &headers, &form.csrf, false) {
        return r.into_response();
    }
    if let Some(token) = auth::cookie(&headers, auth::SESSION_COOKIE) {
        if let Err(e) = app.store().end_session(&auth::token_hash(&token), &now()) {
            tracing::warn!("ending a session: {e}");
        }
    }
    let mut res = see_other("/editor/login");
    if let Ok(v) = auth::set_cookie(auth::SESSION_COOKIE, "", 0, app.settings.secure()).parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

// ---------------------------------------------------------------- the queue

/// One statement as an editor sees it.
struct Item {
    id: i64,
    status: String,
    author: String,
    organization_new: bool,
    country: String,
    date: String,
    title: String,
    excerpt: String,
    senders: Vec<String>,
    origins: Vec<String>,
    positions: Vec<(String, String)>,
}

fn item(site: &Site, s: &StoredStatement) -> Item {
    let st = &s.statement;
    Item {
        id: s.id,
        status: s.status.as_str().to_string(),
        author: if st.organization.name.is_empty() {
            "(no organization found)".into()
        } else {
            st.organization.name.clone()
        },
        organization_new: s.organization_needs_review,
        country: st.country.clone().unwrap_or_else(|| "–".into()),
        date: st.date.map(|d| d.to_string()).unwrap_or_else(|| "–".into()),
        title: st.title.clone().unwrap_or_default(),
        excerpt: text::shorten(&st.text, 400),
        senders: s.sources.iter().filter_map(|x| x.sender.clone()).collect(),
        origins: s.sources.iter().map(|x| x.url.clone().unwrap_or_else(|| x.origin.clone())).collect(),
        positions: st
            .positions
            .iter()
            .map(|p| {
                let label = site.label(&p.code).to_string();
                (label, p.evidence.first().map(|e| text::quote(&text::shorten(&e.text, 200))).unwrap_or_default())
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "editor_queue.html")]
struct QueuePage {
    base: Base,
    nav: Nav,
    items: Vec<Item>,
    pending: u64,
    page: usize,
    pages: usize,
}

/// `?page=N`.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    page: Option<usize>,
}

/// `GET /editor/`: the pending statements, newest first.
pub async fn queue(State(app): AppState, Editor(session): Editor, Query(q): Query<PageQuery>) -> Response {
    let page = q.page.unwrap_or(1).max(1);
    let (list, pending) = {
        let store = app.store();
        let list = store.statements_with_status(Status::Pending, QUEUE_PAGE, (page - 1) * QUEUE_PAGE);
        (list, store.count_with_status(Status::Pending))
    };
    let (Ok(list), Ok(pending)) = (list, pending) else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "the queue could not be read").into_response();
    };
    let view = QueuePage {
        base: base(&app, "Moderation queue"),
        nav: Nav::from(&session),
        items: {
            let site = app.site();
            list.iter().map(|s| item(&site, s)).collect()
        },
        pending,
        page,
        pages: (pending as usize).div_ceil(QUEUE_PAGE).max(1),
    };
    html(StatusCode::OK, view.render())
}

// ---------------------------------------------------------------- one statement

/// One audit entry for display.
pub struct LogRow {
    at: String,
    editor: String,
    action: String,
    before: String,
    after: String,
    statement: Option<i64>,
}

/// A value of the audit log (JSON) for people: a text as itself, a record as
/// "field: value" pairs, nothing as "–".
fn readable(json: Option<&str>) -> String {
    fn plain(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::Null => "–".into(),
            serde_json::Value::String(s) if s.is_empty() => "–".into(),
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
            serde_json::Value::Object(fields) => fields
                .iter()
                .map(|(k, v)| format!("{}: {}", k.replace('_', " "), plain(v)))
                .collect::<Vec<_>>()
                .join("; "),
            other => other.to_string(),
        }
    }
    match json {
        None => "–".into(),
        Some(text) => serde_json::from_str::<serde_json::Value>(text).map_or_else(|_| text.to_string(), |v| plain(&v)),
    }
}

fn log_rows(entries: Vec<AuditEntry>) -> Vec<LogRow> {
    entries
        .into_iter()
        .map(|e| LogRow {
            at: e.at,
            editor: e.editor,
            action: e.action,
            before: readable(e.before.as_deref()),
            after: readable(e.after.as_deref()),
            statement: e.statement_id,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "editor_statement.html")]
struct StatementPage {
    base: Base,
    nav: Nav,
    item: Item,
    organization: String,
    date: String,
    country: String,
    title: String,
    date_source: String,
    country_source: String,
    language: String,
    text_html: String,
    coded: Vec<(String, String, String, &'static str)>,
    codes: Vec<(String, String)>,
    log: Vec<LogRow>,
    public_url: Option<String>,
    /// The status changes offered: every status but the one it has.
    moves: Vec<(&'static str, &'static str)>,
    /// Why the last form was refused (empty when it was not).
    problem: String,
    /// The position and evidence typed into a refused "add a position".
    code: String,
    evidence: String,
}

/// `GET /editor/statements/{id}`.
pub async fn statement(State(app): AppState, Editor(session): Editor, Path(id): Path<i64>) -> Response {
    statement_page(&app, &session, id, Refused::default())
}

/// What an editor typed into a form that was refused, and why: the page shows both again,
/// so nothing typed is lost.
#[derive(Debug, Default)]
struct Refused {
    message: String,
    organization: Option<String>,
    date: Option<String>,
    country: Option<String>,
    title: Option<String>,
    code: Option<String>,
    evidence: Option<String>,
}

/// A store's refusal in words for an editor: its own message when it is about what was
/// typed, else a plain one (the details go to the log, never to the page).
fn for_editor(e: &stances_store::StoreError) -> String {
    use stances_store::StoreError;
    match e {
        StoreError::Invalid(m) | StoreError::Conflict(m) => m.clone(),
        StoreError::NotFound(what) => format!("{what} was not found."),
        other => {
            tracing::error!("an editor's change failed: {other}");
            "The change could not be saved (the server's log says why); please try again.".into()
        }
    }
}

/// The editor's page of a statement, with a refused form shown again (400) or not (200).
fn statement_page(app: &App, session: &Session, id: i64, refused: Refused) -> Response {
    let (found, log) = {
        let store = app.store();
        (store.statement(id), store.audit(id))
    };
    let (Ok(Some(s)), Ok(log)) = (found, log) else {
        return (StatusCode::NOT_FOUND, "no such statement").into_response();
    };
    let st = &s.statement;
    let site = app.site();
    let label = |c: &str| site.label(c).to_string();
    let status = if refused.message.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let view = StatementPage {
        base: base(app, &format!("Statement {id}")),
        nav: Nav::from(session),
        item: item(&site, &s),
        organization: refused.organization.unwrap_or_else(|| st.organization.name.clone()),
        date: refused.date.unwrap_or_else(|| st.date.map(|d| d.to_string()).unwrap_or_default()),
        country: refused.country.unwrap_or_else(|| st.country.clone().unwrap_or_default()),
        title: refused.title.unwrap_or_else(|| st.title.clone().unwrap_or_default()),
        problem: refused.message,
        code: refused.code.unwrap_or_default(),
        evidence: refused.evidence.unwrap_or_default(),
        date_source: st.date_source.map_or_else(|| "nowhere".to_string(), |d| d.name().to_string()),
        country_source: st.country_source.as_ref().map_or_else(|| "nowhere".to_string(), |c| c.to_string()),
        language: st.language.clone().unwrap_or_default(),
        text_html: text::highlighted(st, &|c| label(c)),
        coded: st
            .positions
            .iter()
            .map(|p| {
                let quote = p.evidence.first().map(|e| text::quote(&e.text)).unwrap_or_default();
                (p.code.clone(), label(&p.code), quote, p.decided.describe())
            })
            .collect(),
        codes: app.codebook().positions.iter().map(|p| (p.code.clone(), p.label.clone())).collect(),
        log: log_rows(log),
        public_url: (s.status == Status::Published).then(|| format!("/statements/{id}")),
        moves: [(Status::Published, "Approve"), (Status::Rejected, "Reject"), (Status::Pending, "Back to the queue")]
            .into_iter()
            .filter(|(to, _)| *to != s.status)
            .map(|(to, label)| (to.as_str(), label))
            .collect(),
    };
    html(status, view.render())
}

/// Approve, reject or return to the queue.
#[derive(Debug, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    back: Option<String>,
}

/// `POST /editor/statements/{id}/status`.
pub async fn set_status(
    State(app): AppState,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<StatusForm>,
) -> Response {
    let session = match change_viewer(&app, &headers, &form.csrf, false) {
        Ok(s) => s,
        Err(r) => return r.into_response(),
    };
    let Ok(status) = form.status.parse::<Status>() else {
        let refused = Refused { message: format!("`{}` is not a status.", form.status), ..Refused::default() };
        return statement_page(&app, &session, id, refused);
    };
    let done = app.store().set_status(id, status, &session.user.name);
    if let Err(e) = done {
        return statement_page(&app, &session, id, Refused { message: for_editor(&e), ..Refused::default() });
    }
    refresh(&app).await;
    // Only a path of ours: never an address given by the form.
    let back = form.back.filter(|b| b == "queue").map_or(format!("/editor/statements/{id}"), |_| "/editor/".into());
    see_other(&back)
}

/// Corrections of the reading.
#[derive(Debug, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    csrf: String,
    organization: Option<String>,
    date: Option<String>,
    country: Option<String>,
    title: Option<String>,
}

/// `POST /editor/statements/{id}/edit`: each field that differs from the reading is
/// recorded as a correction.
pub async fn edit(
    State(app): AppState,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<EditForm>,
) -> Response {
    let session = match change_viewer(&app, &headers, &form.csrf, false) {
        Ok(s) => s,
        Err(r) => return r.into_response(),
    };
    let fields = [
        (Field::Organization, form.organization),
        (Field::Date, form.date),
        (Field::Country, form.country),
        (Field::Title, form.title),
    ];
    let edits: Vec<(Field, Option<&str>)> =
        fields.iter().filter_map(|(f, v)| v.as_deref().map(|v| (*f, Some(v)))).collect();
    let done = app.store().edit(id, &edits, &session.user.name);
    if let Err(e) = done {
        let [organization, date, country, title] = fields.map(|(_, v)| v);
        let refused = Refused { message: for_editor(&e), organization, date, country, title, ..Refused::default() };
        return statement_page(&app, &session, id, refused);
    }
    refresh(&app).await;
    see_other(&format!("/editor/statements/{id}"))
}

/// A coding correction.
#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    evidence: String,
}

/// `POST /editor/statements/{id}/code`: confirm or reject a position, or add one with
/// the words of the statement that take it.
pub async fn code(
    State(app): AppState,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<CodeForm>,
) -> Response {
    let session = match change_viewer(&app, &headers, &form.csrf, false) {
        Ok(s) => s,
        Err(r) => return r.into_response(),
    };
    if app.codebook().position(&form.code).is_none() {
        return (StatusCode::BAD_REQUEST, format!("the codebook has no position `{}`", form.code)).into_response();
    }
    let decision = match form.decision.as_str() {
        "confirm" => Decision::Confirm,
        "reject" => Decision::Reject,
        "add" => Decision::Add,
        _ => {
            let refused = Refused { message: format!("`{}` is not a decision.", form.decision), ..Refused::default() };
            return statement_page(&app, &session, id, refused);
        }
    };
    if let Err(message) = decide(&app, id, &form, decision, &session.user.name) {
        let refused = Refused {
            message,
            code: Some(form.code.clone()),
            evidence: Some(form.evidence.clone()),
            ..Refused::default()
        };
        return statement_page(&app, &session, id, refused);
    }
    refresh(&app).await;
    see_other(&format!("/editor/statements/{id}"))
}

/// Records a coding decision; an added position must quote the statement.
fn decide(app: &App, id: i64, form: &CodeForm, decision: Decision, editor: &str) -> Result<(), String> {
    let mut store = app.store();
    let evidence = match decision {
        Decision::Add => {
            let quote = form.evidence.trim();
            let Ok(Some(s)) = store.statement(id) else {
                return Err(format!("Statement {id} was not found."));
            };
            match (!quote.is_empty()).then(|| s.statement.text.find(quote)).flatten() {
                Some(start) => vec![Evidence { start, end: start + quote.len(), text: quote.to_string() }],
                None => return Err("The evidence must be words copied from the statement's text.".into()),
            }
        }
        _ => Vec::new(),
    };
    store.decide(id, &form.code, decision, &evidence, editor).map_err(|e| for_editor(&e))
}

// ---------------------------------------------------------------- organizations and the log

#[derive(Template)]
#[template(path = "editor_organizations.html")]
struct OrganizationsPage {
    base: Base,
    nav: Nav,
    organizations: Vec<stances_store::OrganizationSummary>,
    /// Why the last merge was refused (empty when it was not).
    problem: String,
}

/// `GET /editor/organizations`.
pub async fn organizations(State(app): AppState, Editor(session): Editor) -> Response {
    organizations_page(&app, &session, "")
}

/// The organizations page, with why the last merge was refused (400) or not (200).
fn organizations_page(app: &App, session: &Session, problem: &str) -> Response {
    let Ok(organizations) = app.store().organizations() else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "the organizations could not be read").into_response();
    };
    let status = if problem.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let view = OrganizationsPage {
        base: base(app, "Organizations"),
        nav: Nav::from(session),
        organizations,
        problem: problem.to_string(),
    };
    html(status, view.render())
}

/// Merge one organization into another.
#[derive(Debug, Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    into: String,
}

/// `POST /editor/organizations/merge` (administrators).
pub async fn merge(State(app): AppState, headers: HeaderMap, Form(form): Form<MergeForm>) -> Response {
    let session = match change_viewer(&app, &headers, &form.csrf, true) {
        Ok(s) => s,
        Err(r) => return r.into_response(),
    };
    let done = app.store().merge_organizations(&form.from, &form.into, &session.user.name);
    if let Err(e) = done {
        return organizations_page(&app, &session, &for_editor(&e));
    }
    refresh(&app).await;
    see_other("/editor/organizations")
}

#[derive(Template)]
#[template(path = "editor_log.html")]
struct LogPage {
    base: Base,
    nav: Nav,
    log: Vec<LogRow>,
}

/// `GET /editor/log`: the latest changes (administrators).
pub async fn log(State(app): AppState, Editor(session): Editor) -> Response {
    if session.user.role != Role::Admin {
        return refused("Only an administrator can see the whole log.");
    }
    let Ok(entries) = app.store().recent_changes(500) else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "the log could not be read").into_response();
    };
    let view = LogPage { base: base(&app, "Changes"), nav: Nav::from(&session), log: log_rows(entries) };
    html(StatusCode::OK, view.render())
}

#[derive(Template)]
#[template(path = "editor_note.html")]
struct Note {
    id: i64,
    log: Vec<LogRow>,
}

/// For an editor viewing a public statement page: its audit log and a link to edit it.
pub fn public_note(app: &App, headers: &HeaderMap, id: i64) -> Option<String> {
    // Only requests that carry a session cookie touch the database.
    auth::cookie(headers, auth::SESSION_COOKIE)?;
    viewer(app, headers)?;
    let log = app.store().audit(id).ok()?;
    Note { id, log: log_rows(log) }.render().ok()
}
