//! The public site: server-rendered pages (home, a topic's living page, statements,
//! organizations, positions, the matrix, search, data), Atom feeds, a JSON API with its
//! OpenAPI document, CSV/JSONL exports, and a static build of all of it. Pages render from
//! an in-memory snapshot of the published statements ([`site::Site`]), rebuilt when the
//! store changes; everything ingested is escaped.

pub mod api;
pub mod app;
pub mod auth;
pub mod build;
pub mod charts;
pub mod editor;
pub mod export;
pub mod feeds;
pub mod links;
pub mod matrix;
pub mod params;
pub mod record;
pub mod site;
pub mod submit;
pub mod text;
pub mod views;

pub use app::{index_folder, router, serve, site_and_index, App, Source};
pub use site::Site;
pub use views::{ServerLimits, Settings};

/// Why the site could not be served or built.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] stances_store::StoreError),
    /// The search index failed.
    #[error(transparent)]
    Search(#[from] stances_search::SearchError),
    /// A file of the static build could not be written.
    #[error("writing {path}: {source}")]
    Write {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An export could not be made.
    #[error("export: {0}")]
    Export(#[from] csv::Error),
    /// A JSON export could not be made.
    #[error("export: {0}")]
    Json(#[from] serde_json::Error),
}
