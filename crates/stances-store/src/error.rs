//! Storage errors.

use thiserror::Error;

/// Why a storage operation failed.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database could not be opened or created.
    #[error("cannot open database {path}: {source}")]
    Open {
        /// Its path.
        path: String,
        /// The cause.
        source: rusqlite::Error,
    },
    /// The database is newer than this program.
    #[error("database schema version {found} is newer than this program's {known}: upgrade stances")]
    TooNew {
        /// Found in the file.
        found: i64,
        /// The newest this program knows.
        known: i64,
    },
    /// A query failed.
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    /// No such statement or document.
    #[error("{0} not found")]
    NotFound(String),
    /// The change conflicts with what is stored (a user that exists, a merge into itself).
    #[error("{0}")]
    Conflict(String),
    /// A value given is not valid for its field.
    #[error("{0}")]
    Invalid(String),
    /// A stored value could not be decoded.
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    /// What the caller did with a statement read (writing it out) failed; the store is fine.
    #[error("writing the output")]
    Output(#[source] std::io::Error),
}
