//! The JSON shape of a statement as `analyze` prints it (the README shows one).

use serde::Serialize;
use stances_core::{PageMeta, Position, Statement};

/// One statement as JSON.
#[derive(Debug, Serialize)]
pub struct StatementJson<'a> {
    /// Its id in the store (`export` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Canonical organization name, or null when the author is not named.
    pub organization: Option<&'a str>,
    /// Stable organization id (slug).
    pub organization_id: Option<&'a str>,
    /// English country name or null.
    pub country: Option<&'a str>,
    /// `YYYY-MM-DD`, `YYYY-MM` or null.
    pub date: Option<String>,
    /// Title or null.
    pub title: Option<&'a str>,
    /// ISO 639-1 code or null.
    pub language: Option<&'a str>,
    /// The statement's text.
    pub text: &'a str,
    /// Positions with evidence (byte offsets into `text`).
    pub positions: &'a [Position],
    /// Other names of the organization seen.
    pub aliases: &'a [String],
    /// Co-signatories of a joint statement.
    pub co_signatories: &'a [String],
    /// True when the organization is not in the registry (an editor should review it).
    pub organization_new: bool,
    /// How the country was decided: `registry`, `name`, `text` or `editor` (as in the
    /// published record).
    pub country_source: Option<&'static str>,
    /// The words of the text the country was read from.
    pub country_evidence: Option<&'a str>,
    /// How the date was found.
    pub date_source: Option<&'static str>,
    /// The date as written.
    pub date_text: Option<&'a str>,
    /// Where it stood in its document: first block and one past the last.
    pub blocks: (usize, usize),
    /// Why the statement was not coded, when it was not (a language without cues).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coding_note: Option<&'a str>,
    /// Every cue that fired (`analyze --explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<&'a [stances_code::Fired]>,
    /// Why it begins where it does and where its organization was read (`analyze --explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<&'a stances_extract::attribute::Why>,
}

impl<'a> StatementJson<'a> {
    /// The JSON view of a statement.
    pub fn new(s: &'a Statement) -> Self {
        let named = !s.organization.name.is_empty();
        Self {
            id: None,
            organization: named.then_some(s.organization.name.as_str()),
            organization_id: named.then_some(s.organization.id.as_str()),
            country: s.country.as_deref(),
            date: s.date.map(|d| d.to_string()),
            title: s.title.as_deref(),
            language: s.language.as_deref(),
            text: &s.text,
            positions: &s.positions,
            aliases: &s.organization.aliases,
            co_signatories: &s.co_signatories,
            organization_new: named && !s.organization.known,
            country_source: s.country_source.as_ref().map(|c| c.name()),
            country_evidence: s.country_source.as_ref().and_then(|c| c.cue()),
            date_source: s.date_source.map(|d| d.name()),
            date_text: s.date_text.as_deref(),
            blocks: s.blocks,
            coding_note: None,
            explain: None,
            attribution: None,
        }
    }
}

/// One line of `analyze`: an input and what was read from it.
#[derive(Debug, Serialize)]
pub struct AnalyzeJson<'a> {
    /// The input as named.
    pub input: &'a str,
    /// Its statements.
    pub statements: Vec<StatementJson<'a>>,
    /// Source URL of the page.
    pub source_url: Option<&'a str>,
    /// The publication carrying it.
    pub publication: Option<&'a str>,
    /// Its publication date.
    pub published: Option<String>,
    /// Format read as.
    pub format: &'a str,
    /// Problems that did not stop the reading.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub warnings: &'a [String],
}

impl<'a> AnalyzeJson<'a> {
    /// The JSON of one read document.
    pub fn new(
        input: &'a str,
        meta: &'a PageMeta,
        statements: &'a [Statement],
        format: &'a str,
        warnings: &'a [String],
    ) -> Self {
        Self {
            input,
            statements: statements.iter().map(StatementJson::new).collect(),
            source_url: meta.source_url.as_deref(),
            publication: meta.publication.as_deref(),
            published: meta.published.map(|d| d.to_string()),
            format,
            warnings,
        }
    }
}
