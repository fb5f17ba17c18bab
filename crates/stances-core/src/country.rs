//! The table of countries every stage shares: English names (the names statements are
//! published under), ISO 3166-1 codes, names in other languages and demonyms. The table is
//! data (`countries.tsv`); the reader matches its names, the exports give the codes.

/// The table, one country a line: English name, ISO 3166-1 alpha-2 code, other names
/// (`|`-separated), demonyms and adjectives (`|`-separated); `#` starts a comment line.
pub const COUNTRY_TABLE: &str = include_str!("countries.tsv");

/// Institutions that tie a statement to one country: name, country, strength (1–2),
/// tab-separated; `#` starts a comment.
pub const INSTITUTION_TABLE: &str = include_str!("institutions.tsv");

/// The ISO 3166-1 alpha-2 code of a country by its English name ("Germany" → "DE").
pub fn country_code(name: &str) -> Option<&'static str> {
    COUNTRY_TABLE.lines().filter(|l| !l.starts_with('#')).find_map(|line| {
        let mut cols = line.split('\t');
        let english = cols.next()?;
        english.eq_ignore_ascii_case(name.trim()).then(|| cols.next()).flatten().filter(|c| c.len() == 2)
    })
}

/// The English name of a country by its ISO 3166-1 alpha-2 code ("DE" → "Germany").
pub fn country_named(code: &str) -> Option<&'static str> {
    COUNTRY_TABLE.lines().filter(|l| !l.starts_with('#')).find_map(|line| {
        let mut cols = line.split('\t');
        let english = cols.next()?;
        cols.next().is_some_and(|c| c.eq_ignore_ascii_case(code.trim())).then_some(english)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_has_a_two_letter_code_of_its_own() {
        let mut seen = std::collections::HashSet::new();
        for line in COUNTRY_TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let name = line.split('\t').next().unwrap_or_default();
            let code = country_code(name).unwrap_or_else(|| panic!("{name} has no code"));
            assert!(code.chars().all(|c| c.is_ascii_uppercase()), "{name}: {code}");
            assert!(seen.insert(code), "{code} twice");
        }
        assert_eq!(country_code("United Kingdom"), Some("GB"));
        assert_eq!(country_code("germany"), Some("DE"));
        assert_eq!(country_code("Atlantis"), None);
        assert_eq!(country_named("de"), Some("Germany"));
        assert_eq!(country_named("GB"), Some("United Kingdom"));
    }
}
