//! What goes into the store and what comes out.

use serde::Serialize;
use stances_core::{Given, PageMeta, Statement, Status};

/// A document to store, as received.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    /// The bytes exactly as received.
    pub bytes: &'a [u8],
    /// MIME type of the format it was read as.
    pub content_type: &'a str,
    /// Where it came from (path, `-`, URL).
    pub origin: &'a str,
    /// What the page says about itself.
    pub meta: &'a PageMeta,
    /// What it arrived with beyond its bytes, replayed by every later reading.
    pub given: &'a Given,
}

/// What one ingest did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IngestOutcome {
    /// False when the same bytes were stored before (then nothing was added).
    pub new_document: bool,
    /// Statements stored for the first time.
    pub statements_new: usize,
    /// Statements already stored, now with one more source.
    pub statements_known: usize,
}

/// One place a statement appeared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    /// The stored document.
    pub document_id: i64,
    /// Where the document came from.
    pub origin: String,
    /// The page's URL.
    pub url: Option<String>,
    /// The publication that carried it.
    pub publication: Option<String>,
    /// The page's publication date.
    pub published: Option<String>,
    /// The statement's rank on the page (0 = first).
    pub position: i64,
    /// Who sent the document (e-mail sender, submitter's contact): for editors only,
    /// never serialized.
    #[serde(skip)]
    pub sender: Option<String>,
}

/// A statement as stored.
#[derive(Debug, Clone)]
pub struct StoredStatement {
    /// Its id in the store.
    pub id: i64,
    /// The statement.
    pub statement: Statement,
    /// Its editorial status.
    pub status: Status,
    /// True when its organization awaits an editor's review.
    pub organization_needs_review: bool,
    /// Every place it appeared.
    pub sources: Vec<SourceRef>,
    /// When it was first stored (RFC 3339).
    pub created_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
}

/// An editor's decision on one position of one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The machine's reading is right.
    Confirm,
    /// The machine's reading is wrong: the statement does not take this position.
    Reject,
    /// The statement takes this position, with the evidence given.
    Add,
}

impl Decision {
    /// The name stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Confirm => "confirm",
            Decision::Reject => "reject",
            Decision::Add => "add",
        }
    }
}

/// A stored raw document, as received.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    /// Its id.
    pub id: i64,
    /// The bytes as received.
    pub bytes: Vec<u8>,
    /// The MIME type it was read as.
    pub content_type: String,
    /// Where it came from.
    pub origin: String,
    /// What it arrived with beyond its bytes.
    pub given: Given,
}

/// Sizes of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Raw documents.
    pub documents: u64,
    /// Statements.
    pub statements: u64,
    /// Organizations.
    pub organizations: u64,
    /// Statement sources.
    pub sources: u64,
}
