//! The editorial workflow: the moderation queue, approving and rejecting, corrections of a
//! statement's reading, merging organizations, and the audit log of every change.

use serde::Serialize;
use stances_core::Status;

use crate::{StoreError, StoredStatement};

/// A field of a statement's reading an editor can correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The author (given by name; created if new).
    Organization,
    /// The date (YYYY-MM-DD or YYYY-MM).
    Date,
    /// The country (English name).
    Country,
    /// The title.
    Title,
}

impl Field {
    /// The name stored and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Organization => "organization",
            Field::Date => "date",
            Field::Country => "country",
            Field::Title => "title",
        }
    }

    /// Every field, in form order.
    pub const ALL: [Field; 4] = [Field::Organization, Field::Date, Field::Country, Field::Title];
}

impl std::str::FromStr for Field {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Field::ALL.into_iter().find(|f| f.as_str() == s).ok_or_else(|| format!("unknown field `{s}`"))
    }
}

/// One change in the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Its id (increasing).
    pub id: i64,
    /// The statement changed, if the change was to one.
    pub statement_id: Option<i64>,
    /// Who made it.
    pub editor: String,
    /// What was done ("approve", "edit title", "code add …", "merge organizations").
    pub action: String,
    /// The value before (JSON).
    pub before: Option<String>,
    /// The value after (JSON).
    pub after: Option<String>,
    /// When (RFC 3339).
    pub at: String,
}

/// An organization as the merge form lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganizationSummary {
    /// Its slug.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// True while it awaits an editor's review.
    pub needs_review: bool,
    /// How many statements it has.
    pub statements: u64,
}

/// What editors do to the store. Every change is one transaction with its audit entry.
pub trait Editorial {
    /// Statements with `status`, newest first, a page at a time.
    fn statements_with_status(
        &self,
        status: Status,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<StoredStatement>, StoreError>;

    /// How many statements have `status`.
    fn count_with_status(&self, status: Status) -> Result<u64, StoreError>;

    /// Publishes (`Published`), rejects or sends back to the queue (`Pending`). Approving
    /// also marks the statement's organization as reviewed.
    fn set_status(&mut self, id: i64, status: Status, editor: &str) -> Result<(), StoreError>;

    /// Corrects fields of a statement's reading (`None` clears one), in one transaction:
    /// all of them or, when one is invalid, none. Kept apart from the machine's reading, so
    /// `reprocess` never undoes them. A field given its current value is left alone.
    /// Naming the organization by a new spelling of its own name (same slug) renames it,
    /// the old spelling kept as an alias.
    fn edit(&mut self, id: i64, edits: &[(Field, Option<&str>)], editor: &str) -> Result<(), StoreError>;

    /// Merges organization `from` into `into` (slugs): statements, aliases and the name
    /// move over, and statements read later under `from` go to `into`. Returns how many
    /// statements moved.
    fn merge_organizations(&mut self, from: &str, into: &str, editor: &str) -> Result<usize, StoreError>;

    /// Every organization, by name.
    fn organizations(&self) -> Result<Vec<OrganizationSummary>, StoreError>;

    /// The audit log of one statement, oldest first.
    fn audit(&self, statement_id: i64) -> Result<Vec<AuditEntry>, StoreError>;

    /// The latest changes anywhere, newest first.
    fn recent_changes(&self, limit: usize) -> Result<Vec<AuditEntry>, StoreError>;
}
