//! The JSON API under `/api/v1/`: statements (filtered, paginated), one statement,
//! organizations, positions and the matrix. Its OpenAPI document is generated from these
//! handlers and types (`/api/v1/openapi.json`), never written by hand.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::app::App;
use crate::matrix::{after, before, parse_bound, Cite, Column, Matrix, MatrixFilter, Row};
use crate::params::{date_bound, page_number, ApiQuery, Check};
use crate::record::{EvidenceOut, PositionOut, SourceOut, StatementRecord};
use crate::site::{Entry, Site};

/// Filters and pages of the statement list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatementFilter {
    /// Only this country (English name).
    pub country: Option<String>,
    /// Only this organization (its id).
    pub organization: Option<String>,
    /// Only statements taking this position (its code).
    pub position: Option<String>,
    /// Only this language (ISO 639-1).
    pub language: Option<String>,
    /// From this date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    pub from: Option<String>,
    /// Up to this date.
    pub to: Option<String>,
    /// Page number, from 1.
    pub page: Option<usize>,
    /// Statements per page (1–500, default 50).
    pub per_page: Option<usize>,
}

impl Check for StatementFilter {
    fn check(&self) -> Result<(), String> {
        date_bound("from", &self.from)?;
        date_bound("to", &self.to)?;
        page_number(self.page)?;
        match self.per_page {
            Some(n) if !(1..=500).contains(&n) => Err(format!("`per_page` must be 1 to 500, not {n}")),
            _ => Ok(()),
        }
    }
}

/// One page of statements.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatementPage {
    /// How many statements pass the filters.
    pub total: usize,
    /// This page's number.
    pub page: usize,
    /// Statements per page.
    pub per_page: usize,
    /// The statements, newest first.
    pub statements: Vec<StatementRecord>,
}

/// An organization with published statements.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganizationOut {
    /// Its stable id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Other names seen.
    pub aliases: Vec<String>,
    /// Its country.
    pub country: Option<String>,
    /// Its kind.
    pub kind: Option<String>,
    /// How many published statements.
    pub statements: usize,
    /// Position code → how many of its statements take it.
    pub positions: BTreeMap<String, usize>,
    /// Its page on the site.
    pub url: String,
}

/// A position of the codebook.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PositionDefOut {
    /// Its code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// What taking it means.
    pub description: String,
    /// Its family (poles of one question), if any.
    pub family: Option<String>,
    /// How many organizations take it.
    pub organizations: usize,
    /// How many statements take it.
    pub statements: usize,
}

/// An error.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiError {
    /// What went wrong.
    pub error: String,
}

fn not_found(what: String) -> Response {
    (StatusCode::NOT_FOUND, Json(ApiError { error: what })).into_response()
}

/// The statements that pass a filter, newest first.
pub fn filtered<'a>(site: &'a Site, f: &StatementFilter) -> Vec<&'a Entry> {
    let from = f.from.as_deref().and_then(parse_bound);
    let to = f.to.as_deref().and_then(parse_bound);
    let same = |a: Option<&str>, b: &Option<String>| {
        b.as_deref().filter(|x| !x.is_empty()).is_none_or(|b| a.is_some_and(|a| a.eq_ignore_ascii_case(b)))
    };
    site.entries
        .iter()
        .filter(|e| {
            let d = e.statement.date;
            same(e.country(), &f.country)
                && same(Some(e.org.as_str()), &f.organization)
                && same(e.statement.language.as_deref(), &f.language)
                && f.position.as_deref().is_none_or(|c| e.statement.positions.iter().any(|p| p.code == c))
                && from.is_none_or(|x| d.is_some_and(|d| after(d, x)))
                && to.is_none_or(|x| d.is_some_and(|d| before(d, x)))
        })
        .collect()
}

/// Published statements, filtered and paginated, newest first.
#[utoipa::path(get, path = "/api/v1/statements", params(StatementFilter),
    responses((status = 200, description = "A page of statements", body = StatementPage),
        (status = 400, description = "A parameter that cannot be read or means nothing", body = ApiError)))]
pub async fn statements(State(app): State<Arc<App>>, ApiQuery(f): ApiQuery<StatementFilter>) -> Json<StatementPage> {
    let site = app.site();
    let all = filtered(&site, &f);
    let per_page = f.per_page.unwrap_or(50);
    let page = f.page.unwrap_or(1).max(1);
    let statements = all
        .iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .map(|e| site.record(&app.settings, e))
        .collect();
    Json(StatementPage { total: all.len(), page, per_page, statements })
}

/// One published statement.
#[utoipa::path(get, path = "/api/v1/statements/{id}", params(("id" = i64, Path, description = "The statement's id")),
    responses((status = 200, body = StatementRecord), (status = 400, description = "An id that is not a number", body = ApiError),
        (status = 404, body = ApiError)))]
pub async fn statement(State(app): State<Arc<App>>, id: Result<Path<i64>, PathRejection>) -> Response {
    let Ok(Path(id)) = id else {
        return (StatusCode::BAD_REQUEST, Json(ApiError { error: "a statement's id is a number".into() }))
            .into_response();
    };
    let site = app.site();
    match site.entry(id) {
        Some(e) => Json(site.record(&app.settings, e)).into_response(),
        None => not_found(format!("no published statement {id}")),
    }
}

/// Organizations with published statements, by name.
#[utoipa::path(get, path = "/api/v1/organizations", responses((status = 200, body = Vec<OrganizationOut>)))]
pub async fn organizations(State(app): State<Arc<App>>) -> Json<Vec<OrganizationOut>> {
    let site = app.site();
    Json(
        site.orgs
            .iter()
            .map(|o| OrganizationOut {
                id: o.slug.clone(),
                name: o.name.clone(),
                aliases: o.aliases.clone(),
                country: o.country.clone(),
                kind: o.kind.clone(),
                statements: o.statements.len(),
                positions: o.positions.iter().map(|(c, l)| (c.clone(), l.len())).collect(),
                url: format!("{}/organizations/{}", app.settings.base_url, o.slug),
            })
            .collect(),
    )
}

/// The codebook's positions, with how many organizations and statements take each.
#[utoipa::path(get, path = "/api/v1/positions", responses((status = 200, body = Vec<PositionDefOut>)))]
pub async fn positions(State(app): State<Arc<App>>) -> Json<Vec<PositionDefOut>> {
    let site = app.site();
    Json(
        site.codebook
            .positions
            .iter()
            .map(|p| PositionDefOut {
                code: p.code.clone(),
                label: p.label.clone(),
                description: p.description.clone(),
                family: p.family.clone(),
                organizations: site.orgs.iter().filter(|o| o.positions.contains_key(&p.code)).count(),
                statements: site.taking(&p.code).count(),
            })
            .collect(),
    )
}

/// Organizations × positions, each cell the statements and evidence behind it.
#[utoipa::path(get, path = "/api/v1/matrix", params(MatrixFilter), responses((status = 200, body = Matrix),
    (status = 400, description = "A parameter that cannot be read or means nothing", body = ApiError)))]
pub async fn matrix(State(app): State<Arc<App>>, ApiQuery(f): ApiQuery<MatrixFilter>) -> Json<Matrix> {
    Json(Matrix::build(&app.site(), &f))
}

/// The OpenAPI document of this API.
#[derive(OpenApi)]
#[openapi(
    info(title = "stances API", description = "Published statements, their positions and evidence."),
    paths(statements, statement, organizations, positions, matrix),
    components(schemas(
        StatementPage,
        StatementRecord,
        PositionOut,
        EvidenceOut,
        SourceOut,
        OrganizationOut,
        PositionDefOut,
        Matrix,
        Column,
        Row,
        Cite,
        ApiError
    ))
)]
pub struct ApiDoc;

/// `/api/v1/openapi.json`.
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
