//! The public submission form (`/submit`): organization, contact, title, and the statement
//! as text, a URL or a file. Rate limited per client; what it receives is read by the
//! pipeline and waits in the editors' queue, never published straight away.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts, Multipart, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::Deserialize;
use stances_core::{Document, Format, Given, PageMeta, Statement, Status};
use stances_intake::{FetchOptions, Fetcher};
use stances_store::{NewDocument, Store};

use crate::app::App;
use crate::auth;
use crate::links::Links;
use crate::views::Base;

/// Reads a submitted document into coded statements: the pipeline, handed in by the
/// program (the site does not depend on the reader itself).
pub trait DocumentReader: Send + Sync {
    /// Extraction, attribution and coding of one document.
    fn read(&self, doc: &Document) -> Result<Reading, String>;
}

/// What a document was read into.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// The format it was read as.
    pub format: Option<Format>,
    /// What it says about itself.
    pub meta: PageMeta,
    /// Its statements, coded.
    pub statements: Vec<Statement>,
}

/// The largest text accepted in a field.
const MAX_TEXT: usize = 512 * 1024;

/// Per-client rate limits: the form's, and the editors' login's.
pub struct Limits {
    submit: DefaultKeyedRateLimiter<IpAddr>,
    login: DefaultKeyedRateLimiter<IpAddr>,
}

impl Limits {
    /// The limiters the settings ask for.
    pub fn new(limits: &crate::views::ServerLimits) -> Self {
        let every = |secs: u64, burst: u32| {
            let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
            Quota::with_period(std::time::Duration::from_secs(secs.max(1)))
                .map(|q| q.allow_burst(burst))
                .unwrap_or_else(|| Quota::per_hour(burst))
        };
        Self {
            submit: RateLimiter::keyed(every(limits.submit_every_seconds, limits.submit_burst)),
            login: RateLimiter::keyed(every(limits.login_every_seconds, limits.login_burst)),
        }
    }

    /// Whether `client` may submit now.
    pub fn submit(&self, client: IpAddr) -> bool {
        self.submit.check_key(&client).is_ok()
    }

    /// Whether `client` may try to log in now.
    pub fn login(&self, client: IpAddr) -> bool {
        self.login.check_key(&client).is_ok()
    }

    /// Forgets clients that have been quiet (keeps memory bounded).
    pub fn forget_quiet(&self) {
        self.submit.retain_recent();
        self.login.retain_recent();
    }
}

/// The connection's peer address, when the server recorded it.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub Option<SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Peer(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0)))
    }
}

/// The client's address: the connection's, or the first `X-Forwarded-For` hop when the
/// site runs behind a proxy it trusts.
pub fn client(headers: &HeaderMap, peer: Peer, trust_proxy: bool) -> IpAddr {
    let forwarded = trust_proxy
        .then(|| headers.get("x-forwarded-for")?.to_str().ok()?.split(',').next()?.trim().parse().ok())
        .flatten();
    forwarded.or(peer.0.map(|p| p.ip())).unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

#[derive(Template)]
#[template(path = "submit.html")]
struct SubmitPage {
    base: Base,
    csrf: String,
    sent: bool,
    problem: Option<String>,
    fields: Fields,
    open: bool,
}

/// What the form sent.
#[derive(Debug, Clone, Default)]
struct Fields {
    csrf: String,
    organization: String,
    contact: String,
    title: String,
    text: String,
    url: String,
    file: Option<(String, Vec<u8>)>,
}

/// `?sent=1` after a submission.
#[derive(Debug, Deserialize)]
pub struct SubmitQuery {
    sent: Option<u8>,
}

fn render(app: &App, csrf: &str, sent: bool, problem: Option<String>, fields: Fields, status: StatusCode) -> Response {
    let site = app.site();
    let page = SubmitPage {
        base: app.settings.base_for(&site, &Links::server(), "Send a statement"),
        csrf: csrf.to_string(),
        sent,
        problem,
        fields,
        open: app.reader().is_some(),
    };
    let html = page.render().unwrap_or_else(|e| format!("template error: {e}"));
    let cookie = auth::set_cookie(auth::FORM_COOKIE, csrf, 86_400, app.settings.secure());
    (status, [(header::SET_COOKIE, cookie), (header::CACHE_CONTROL, "no-store".into())], Html(html)).into_response()
}

/// `GET /submit`.
pub async fn form(State(app): State<Arc<App>>, headers: HeaderMap, Query(q): Query<SubmitQuery>) -> Response {
    render(&app, &auth::form_token(&headers), q.sent == Some(1), None, Fields::default(), StatusCode::OK)
}

/// `POST /submit`.
pub async fn post(State(app): State<Arc<App>>, headers: HeaderMap, peer: Peer, multipart: Multipart) -> Response {
    let token = auth::form_token(&headers);
    let client = client(&headers, peer, app.settings.trust_proxy);
    if !app.limits().submit(client) {
        let problem = "Too many statements from your address in a short time: please try again in a few minutes.";
        return render(&app, &token, false, Some(problem.into()), Fields::default(), StatusCode::TOO_MANY_REQUESTS);
    }
    let fields = match read_fields(multipart, &app.settings.limits).await {
        Ok(f) => f,
        Err(why) => return render(&app, &token, false, Some(why), Fields::default(), StatusCode::BAD_REQUEST),
    };
    let expected = auth::cookie(&headers, auth::FORM_COOKIE);
    if !expected.is_some_and(|c| auth::same_secret(&c, &fields.csrf)) {
        let problem = "The form had expired: please send it again.";
        return render(&app, &token, false, Some(problem.into()), fields, StatusCode::FORBIDDEN);
    }
    let Some(reader) = app.reader() else {
        return render(
            &app,
            &token,
            false,
            Some("Submissions are closed.".into()),
            fields,
            StatusCode::SERVICE_UNAVAILABLE,
        );
    };
    let worker = app.clone();
    let kept = fields.clone();
    let outcome = tokio::task::spawn_blocking(move || receive(&worker, reader.as_ref(), kept)).await;
    match outcome {
        Ok(Ok(())) => (StatusCode::SEE_OTHER, [(header::LOCATION, "/submit?sent=1")]).into_response(),
        Ok(Err(why)) => render(&app, &token, false, Some(why), fields, StatusCode::UNPROCESSABLE_ENTITY),
        Err(e) => {
            render(&app, &token, false, Some(format!("internal error: {e}")), fields, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

async fn read_fields(mut multipart: Multipart, limits: &crate::views::ServerLimits) -> Result<Fields, String> {
    let mut f = Fields::default();
    while let Some(field) = multipart.next_field().await.map_err(|e| format!("the form could not be read: {e}"))? {
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(|e| format!("the form could not be read: {e}"))?;
        if name == "file" {
            if bytes.len() > limits.submit_file_bytes() {
                return Err(format!("The file is over {} MB.", limits.submit_file_mb));
            }
            if !bytes.is_empty() {
                f.file = Some((file_name.unwrap_or_else(|| "upload".into()), bytes.to_vec()));
            }
            continue;
        }
        if bytes.len() > MAX_TEXT {
            return Err(format!("The field {name} is too long."));
        }
        let text = String::from_utf8_lossy(&bytes).trim().to_string();
        match name.as_str() {
            "csrf" => f.csrf = text,
            "organization" => f.organization = text,
            "contact" => f.contact = text,
            "title" => f.title = text,
            "text" => f.text = text,
            "url" => f.url = text,
            _ => {}
        }
    }
    Ok(f)
}

/// Reads and stores a submission as pending.
fn receive(app: &App, reader: &dyn DocumentReader, f: Fields) -> Result<(), String> {
    if f.contact.is_empty() {
        return Err("Please give a contact (an e-mail address or a telephone number) so an editor can check the statement with you.".into());
    }
    let (bytes, format, source_url, charset) = if let Some((_, bytes)) = &f.file {
        (bytes.clone(), None, None, None)
    } else if !f.text.is_empty() {
        // The organization and title head the text as a statement's heading does, so the
        // text is read as its author wrote it would be.
        let heading = match (f.organization.is_empty(), f.title.is_empty()) {
            (false, false) => format!("{}: {}\n\n", f.organization, f.title),
            (false, true) => format!("{}\n\n", f.organization),
            (true, false) => format!("{}\n\n", f.title),
            (true, true) => String::new(),
        };
        (format!("{heading}{}\n", f.text).into_bytes(), Some(Format::Text), None, None)
    } else if !f.url.is_empty() {
        let fetcher = Fetcher::new(FetchOptions {
            max_bytes: app.settings.limits.submit_file_bytes(),
            timeout: std::time::Duration::from_secs(20),
            allow_private: app.settings.fetch_private,
        });
        let page = fetcher.fetch(&f.url).map_err(|e| format!("The page could not be fetched: {e}"))?;
        (page.bytes, None, Some(page.url), page.charset)
    } else {
        return Err("Please paste the statement's text, give its address, or attach it as a file.".into());
    };
    // What the submitter said of it is kept with the document, so every later reading
    // (reprocess) gives the statements the same organization, title and sender.
    let non_empty = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let given = Given {
        source_url,
        published: None,
        organization: non_empty(&f.organization),
        title: non_empty(&f.title),
        sender: non_empty(&f.contact),
    };
    let doc = Document { bytes, origin: "submission form".into(), format, given, charset };
    let reading = reader.read(&doc).map_err(|e| format!("The statement could not be read: {e}"))?;
    if reading.statements.is_empty() {
        return Err("No statement was found in what you sent.".into());
    }
    let content_type = doc.content_type(reading.format.unwrap_or(Format::Text));
    let new = NewDocument {
        bytes: &doc.bytes,
        content_type: &content_type,
        origin: &doc.origin,
        meta: &reading.meta,
        given: &doc.given,
    };
    let mut store = app.store();
    store
        .ingest(&new, &reading.statements, Status::Pending)
        .map_err(|e| format!("The statement could not be stored: {e}"))?;
    Ok(())
}
