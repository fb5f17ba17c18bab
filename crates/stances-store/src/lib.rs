//! Storage: raw documents as received, the statements read from them, organizations and
//! provenance. One [`Store`] trait; SQLite ([`SqliteStore`]) is the embedded default.
//! Each document is ingested in one transaction, so a crash never leaves half a document.

mod error;
mod fingerprint;
mod migrate;
mod sqlite;
mod types;

pub use error::StoreError;
pub use fingerprint::{document_hash, statement_fingerprint};
pub use sqlite::SqliteStore;
pub use types::{Counts, IngestOutcome, NewDocument, SourceRef, StoredStatement};

use stances_core::{Statement, Status};

/// What every storage back end offers.
pub trait Store {
    /// Stores a document and the statements read from it, in one transaction. A document
    /// already stored (same bytes) adds nothing; a statement already stored (same text)
    /// gains this document as one more source.
    fn ingest(
        &mut self,
        doc: &NewDocument<'_>,
        statements: &[Statement],
        status: Status,
    ) -> Result<IngestOutcome, StoreError>;

    /// Calls `f` with every statement, oldest first, with its sources and status.
    fn for_each_statement(
        &self,
        f: &mut dyn FnMut(StoredStatement) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// How much the store holds.
    fn counts(&self) -> Result<Counts, StoreError>;
}
