//! Query parameters, checked: a parameter that cannot be read (`?page=abc`) or means
//! nothing (`?from=garbage`, `?sort=colour`) is refused with 400 and says which and why,
//! as JSON on the API (the `ApiError` of the OpenAPI document) and as the site's error
//! page elsewhere, instead of being ignored.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;

use crate::api::ApiError;
use crate::app::App;
use crate::links::Links;
use crate::matrix::parse_bound;
use crate::views;

/// Parameters that can say what is wrong with them once read.
pub trait Check {
    /// `Err` names the parameter and what it should be.
    fn check(&self) -> Result<(), String>;
}

/// A date bound (`from`, `to`), if given, must be a date.
pub fn date_bound(name: &str, value: &Option<String>) -> Result<(), String> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) if parse_bound(v).is_none() => {
            Err(format!("`{name}` must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not `{v}`"))
        }
        _ => Ok(()),
    }
}

/// A page number, if given, starts at 1.
pub fn page_number(value: Option<usize>) -> Result<(), String> {
    match value {
        Some(0) => Err("`page` starts at 1".into()),
        _ => Ok(()),
    }
}

/// One of a few words, if given.
pub fn one_of(name: &str, value: &Option<String>, allowed: &[&str]) -> Result<(), String> {
    match value.as_deref().filter(|v| !v.is_empty()) {
        Some(v) if !allowed.contains(&v) => Err(format!("`{name}` must be one of {}, not `{v}`", allowed.join(", "))),
        _ => Ok(()),
    }
}

fn read<T: DeserializeOwned + Check>(parts: &Parts) -> Result<T, String> {
    let Query(value) = Query::<T>::try_from_uri(&parts.uri).map_err(|e| e.body_text())?;
    value.check()?;
    Ok(value)
}

/// The query of an API call; refused as a JSON [`ApiError`] with 400.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Check> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        read(parts).map(Self).map_err(|error| (StatusCode::BAD_REQUEST, Json(ApiError { error })).into_response())
    }
}

/// The query of a page; refused with the site's error page and 400.
pub struct PageQuery<T>(pub T);

impl<T: DeserializeOwned + Check> FromRequestParts<Arc<App>> for PageQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Response> {
        read(parts).map(Self).map_err(|why| {
            let html = views::error(&app.site(), &Links::server(), &app.settings, "Bad request", &why);
            (StatusCode::BAD_REQUEST, Html(html)).into_response()
        })
    }
}
