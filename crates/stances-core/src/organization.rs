//! Organizations: the authors of statements, with their canonical names and aliases.

use serde::{Deserialize, Serialize};

/// An organization as the registry or the store knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    /// Stable identifier, a slug of the canonical name unless set otherwise.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Other names it is known by (acronyms, translations, short forms).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// English name of the country it belongs to, when it has one.
    #[serde(default)]
    pub country: Option<String>,
    /// Kind of organization: party, union, ngo, network, ...
    #[serde(default)]
    pub kind: Option<String>,
    /// Its website.
    #[serde(default)]
    pub website: Option<String>,
}

/// The organization a statement is attributed to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OrganizationRef {
    /// Stable identifier (slug).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// The names under which it appears in this statement or document.
    pub aliases: Vec<String>,
    /// True when the registry knows it; unknown organizations are flagged for review.
    pub known: bool,
    /// Country from the registry, when known.
    pub country: Option<String>,
    /// Kind from the registry, when known.
    pub kind: Option<String>,
}
