//! Statements: one organization's text, attributed, with the positions it takes.

use serde::{Deserialize, Serialize};

use crate::{DateSource, OrganizationRef, PartialDate};

/// A span of a statement's text that supports a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Byte offset of the first byte in the statement text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The quoted text.
    pub text: String,
}

/// A position of the codebook that a statement takes, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The codebook code, e.g. `russian_withdrawal`.
    pub code: String,
    /// The sentences that take it.
    pub evidence: Vec<Evidence>,
}

/// How a statement's country was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountrySource {
    /// The organization registry.
    Registry,
    /// The organization's name ("Socialist Party of Malaysia").
    Name,
    /// A cue in the text, quoted.
    Text(String),
}

/// One statement, as found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    /// The author.
    pub organization: OrganizationRef,
    /// The other authors of a joint statement, as written.
    pub co_signatories: Vec<String>,
    /// English name of the country, or none when nothing says it.
    pub country: Option<String>,
    /// Why that country.
    pub country_source: Option<CountrySource>,
    /// When it was issued.
    pub date: Option<PartialDate>,
    /// Where the date was read.
    pub date_source: Option<DateSource>,
    /// The date as written ("March 1"), for the record.
    pub date_text: Option<String>,
    /// Its title, when it has one.
    pub title: Option<String>,
    /// ISO 639-1 code of its language, when it can be told.
    pub language: Option<String>,
    /// The statement's text: its paragraphs and list items, one per line.
    pub text: String,
    /// Index of its first block and one past its last in the document's blocks.
    pub blocks: (usize, usize),
    /// The positions it takes (filled by the coder).
    pub positions: Vec<Position>,
}
