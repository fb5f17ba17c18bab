//! The organization registry: known organizations with their canonical names, aliases,
//! countries and kinds, loaded from TOML (`data/organizations.toml`). Lookups ignore case,
//! punctuation and spacing, so "CPI(ML) Liberation" finds "CPI (ML) Liberation".

use std::collections::HashMap;

use serde::Deserialize;
use stances_core::{slugify, Organization};

use crate::ExtractError;

/// The registry file's shape.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    #[serde(default, rename = "organization")]
    organizations: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    id: Option<String>,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    website: Option<String>,
}

/// Known organizations, looked up by any of their names.
#[derive(Debug, Default, Clone)]
pub struct Registry {
    organizations: Vec<Organization>,
    by_key: HashMap<String, usize>,
}

impl Registry {
    /// An empty registry: every organization will be new.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Parses a registry from TOML text; `origin` names the file in errors.
    pub fn parse(toml_text: &str, origin: &str) -> Result<Self, ExtractError> {
        let file: RegistryFile = toml::from_str(toml_text).map_err(|e| ExtractError::Registry {
            origin: origin.to_string(),
            reason: e.to_string().lines().collect::<Vec<_>>().join(" "),
        })?;
        let mut reg = Self::default();
        for e in file.organizations {
            let org = Organization {
                id: e.id.unwrap_or_else(|| slugify(&e.name)),
                name: e.name,
                aliases: e.aliases,
                country: e.country,
                kind: e.kind,
                website: e.website,
            };
            if reg.organizations.iter().any(|o| o.id == org.id) {
                return Err(ExtractError::Registry {
                    origin: origin.to_string(),
                    reason: format!("organization id `{}` is defined twice", org.id),
                });
            }
            reg.insert(org);
        }
        Ok(reg)
    }

    fn insert(&mut self, org: Organization) {
        let idx = self.organizations.len();
        for name in std::iter::once(&org.name).chain(&org.aliases) {
            self.by_key.entry(key(name)).or_insert(idx);
        }
        self.organizations.push(org);
    }

    /// The known organization whose name or alias (of five letters or more, written
    /// together) the `label` of a page's address holds ("staffordshireunison" holds
    /// "unison"), the longest when several do.
    pub fn spelled_in(&self, label: &str) -> Option<&Organization> {
        self.by_key
            .iter()
            .filter(|(k, _)| k.chars().count() >= 5 && label.contains(k.as_str()))
            .max_by_key(|(k, _)| (k.len(), std::cmp::Reverse(k.as_str())))
            .map(|(_, &i)| &self.organizations[i])
    }

    /// The organization known by `name` (its name or an alias).
    pub fn lookup(&self, name: &str) -> Option<&Organization> {
        let k = key(name);
        if k.is_empty() {
            return None;
        }
        self.by_key.get(&k).map(|&i| &self.organizations[i])
    }

    /// Every known organization.
    pub fn organizations(&self) -> &[Organization] {
        &self.organizations
    }
}

/// The lookup key of a name: lower-case letters and digits only, a leading English article
/// ("the") dropped.
pub fn key(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let lower = match lower.split_once(' ') {
        Some((article, rest)) if crate::languages::speech(Some("en")).is_article(article) => rest,
        _ => &lower,
    };
    lower.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[[organization]]
name = "Peace League of Examplia"
aliases = ["PLE", "Ligue de la paix"]
country = "France"
kind = "ngo"
"#;

    #[test]
    fn finds_by_any_name_ignoring_case_and_punctuation() {
        let r = Registry::parse(SAMPLE, "test.toml").expect("parses");
        assert_eq!(r.lookup("the peace league of examplia").map(|o| o.id.as_str()), Some("peace-league-of-examplia"));
        assert_eq!(r.lookup("P.L.E.").map(|o| o.country.as_deref()), Some(Some("France")));
        assert_eq!(r.lookup("Ligue de la Paix").map(|o| o.name.as_str()), Some("Peace League of Examplia"));
        assert!(r.lookup("Other").is_none());
    }

    #[test]
    fn unknown_fields_and_duplicates_are_errors_naming_the_file() {
        let err = Registry::parse("[[organization]]\nname = \"A\"\ncolour = \"red\"\n", "orgs.toml").unwrap_err();
        assert!(err.to_string().contains("orgs.toml") && err.to_string().contains("colour"), "{err}");
        let err = Registry::parse("[[organization]]\nname = \"A\"\n[[organization]]\nname = \"A\"\n", "orgs.toml")
            .unwrap_err();
        assert!(err.to_string().contains("twice"), "{err}");
    }
}
