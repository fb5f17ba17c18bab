//! Storage: raw documents as received, the statements read from them, organizations and
//! provenance. One [`Store`] trait; SQLite ([`SqliteStore`]) is the embedded default.
//! Each document is ingested in one transaction, so a crash never leaves half a document.

mod accounts;
mod editorial;
mod error;
mod fingerprint;
mod migrate;
mod sqlite;
mod types;
mod watch;

pub use accounts::{Accounts, Role, Session, User};
pub use editorial::{AuditEntry, Editorial, Field, OrganizationSummary};
pub use error::StoreError;
pub use fingerprint::{document_hash, statement_fingerprint};
pub use sqlite::SqliteStore;
pub use types::{Counts, Decision, IngestOutcome, NewDocument, SourceRef, StoredDocument, StoredStatement};
pub use watch::FeedMemory;

use stances_core::{Evidence, PageMeta, Statement, Status};

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

    /// A number that grows with every change to the store, so that what is derived from it
    /// (the search index, the site) knows when to catch up.
    fn change_counter(&self) -> Result<i64, StoreError>;

    /// Records an editor's decision on a statement's position. The machine's coding is
    /// left as it is; the statement's view merges both, the latest decision winning.
    fn decide(
        &mut self,
        statement_id: i64,
        code: &str,
        decision: Decision,
        evidence: &[Evidence],
        editor: &str,
    ) -> Result<(), StoreError>;

    /// One statement by id, with merged positions.
    fn statement(&self, id: i64) -> Result<Option<StoredStatement>, StoreError>;

    /// The ids of every stored document, oldest first.
    fn document_ids(&self) -> Result<Vec<i64>, StoreError>;

    /// One stored document.
    fn document(&self, id: i64) -> Result<Option<StoredDocument>, StoreError>;

    /// Replaces what was derived from a document with a new reading of it, in one
    /// transaction: statements already known are updated (machine coding included), new
    /// ones are added as `status`, and the document stops being a source of statements it no
    /// longer yields. Editors' decisions are never touched.
    fn reprocess(
        &mut self,
        document_id: i64,
        meta: &PageMeta,
        statements: &[Statement],
        status: Status,
    ) -> Result<IngestOutcome, StoreError>;
}
