//! Gold files: one JSON object per line, each the expected reading of one document.

use serde::Deserialize;
use thiserror::Error;

/// The expected reading of one document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDocument {
    /// The input file's name, relative to the inputs folder.
    pub file: String,
    /// Its statements, in page order.
    pub statements: Vec<GoldStatement>,
    /// The page's URL.
    #[serde(default)]
    pub source_url: Option<String>,
    /// The page's address, as the real pages' gold names it.
    #[serde(default)]
    pub url: Option<String>,
    /// The page's publication.
    #[serde(default)]
    pub publication: Option<String>,
    /// The page's publication date.
    #[serde(default)]
    pub published: Option<String>,
    /// "statement" or "compendium".
    #[serde(default)]
    pub kind: Option<String>,
    /// The page's language.
    #[serde(default)]
    pub language: Option<String>,
}

/// One expected statement.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldStatement {
    /// The organization.
    pub organization: String,
    /// Other names it goes by.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Its country, or null.
    #[serde(default)]
    pub country: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or null.
    #[serde(default)]
    pub date: Option<String>,
    /// How its text begins.
    pub first_words: String,
    /// The positions it takes.
    #[serde(default)]
    pub positions: Vec<GoldPosition>,
    /// Codes that are arguable either way: neither a miss nor a false alarm.
    #[serde(default)]
    pub borderline: Vec<String>,
    /// Its language, when it differs from the page's.
    #[serde(default)]
    pub language: Option<String>,
    /// The co-signatories of a joint statement: naming one is naming the statement's author.
    #[serde(default)]
    pub co_organizations: Vec<String>,
    /// A partial date the text gives ("March 1"), when the gold date is null.
    #[serde(default)]
    pub date_text: Option<String>,
}

/// One expected position.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldPosition {
    /// The code.
    pub code: String,
    /// The sentence that takes it.
    #[serde(default)]
    pub evidence: String,
}

/// A gold file that cannot be read.
#[derive(Debug, Error)]
#[error("{origin}, line {line}: {reason}")]
pub struct GoldError {
    /// The file.
    pub origin: String,
    /// The line (1-based).
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// Parses a gold file's text.
pub fn parse(text: &str, origin: &str) -> Result<Vec<GoldDocument>, GoldError> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| GoldError {
                origin: origin.to_string(),
                line: i + 1,
                reason: e.to_string(),
            })
        })
        .collect()
}
