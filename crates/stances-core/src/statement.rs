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
    /// Whose reading this is: the machine's, or an editor's confirmation or addition.
    #[serde(default, skip_serializing_if = "Decided::is_machine")]
    pub decided: Decided,
}

impl Position {
    /// A position found by the coder.
    pub fn machine(code: impl Into<String>, evidence: Vec<Evidence>) -> Self {
        Self { code: code.into(), evidence, decided: Decided::Machine }
    }
}

/// Who stands behind a coded position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case", tag = "by")]
pub enum Decided {
    /// The coder, unreviewed.
    #[default]
    Machine,
    /// An editor confirmed the coder's reading.
    Confirmed {
        /// The editor.
        editor: String,
        /// When (RFC 3339).
        at: String,
    },
    /// An editor added it.
    Added {
        /// The editor.
        editor: String,
        /// When (RFC 3339).
        at: String,
    },
}

impl Decided {
    /// True for the coder's own reading.
    pub fn is_machine(&self) -> bool {
        matches!(self, Decided::Machine)
    }

    /// For readers: "confirmed by an editor", "added by an editor", or "" for the coder's.
    pub fn describe(&self) -> &'static str {
        match self {
            Decided::Machine => "",
            Decided::Confirmed { .. } => "confirmed by an editor",
            Decided::Added { .. } => "added by an editor",
        }
    }
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
    /// Set by an editor.
    Editor,
    /// The page's address and language together: a statement in Italian on an `.it` site.
    /// Never the address alone.
    Address,
}

impl CountrySource {
    /// Its name in the published data: `registry`, `name`, `text` or `editor`.
    pub fn name(&self) -> &'static str {
        match self {
            CountrySource::Registry => "registry",
            CountrySource::Name => "name",
            CountrySource::Text(_) => "text",
            CountrySource::Editor => "editor",
            CountrySource::Address => "address",
        }
    }

    /// The words of the text it was read from, for [`CountrySource::Text`].
    pub fn cue(&self) -> Option<&str> {
        match self {
            CountrySource::Text(cue) => Some(cue),
            _ => None,
        }
    }
}

impl std::fmt::Display for CountrySource {
    /// For people: "the registry", "the organization's name", "the text: “issued in Glasgow”".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CountrySource::Registry => f.write_str("the registry of organizations"),
            CountrySource::Name => f.write_str("the organization's name"),
            CountrySource::Text(cue) => write!(f, "the text: “{cue}”"),
            CountrySource::Editor => f.write_str("an editor"),
            CountrySource::Address => f.write_str("the page's address and language"),
        }
    }
}

/// One statement, as found in a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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
