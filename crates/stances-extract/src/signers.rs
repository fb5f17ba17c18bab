//! Signers' lines that close a statement: "Ada Byron, President of the Harbour Union",
//! "Jo Park – General Secretary, Harbour Union", "Ada Byron\nPresident of the Harbour
//! Union". The organization a signer holds a title in wrote the statement; the titles and
//! the words for "of" are the language files' `[speech] titles`, `title_parts` and `by`.

use std::sync::LazyLock;

use regex::Regex;

use crate::languages;
use crate::orgname::{self, OrgLikeness};
use crate::registry::Registry;

/// The organization a signer's line names: a person's name, a comma or dash, a title and
/// the organization ("Name, Title of Org", "Name, Title, Org"); or a title line alone
/// ("President of the Org") under the name.
pub fn organization(line: &str, registry: &Registry) -> Option<String> {
    let line = line.trim();
    if line.split_whitespace().count() > 16 || line.ends_with(['.', '!', '?', ':']) {
        return None;
    }
    let role = match split_person(line) {
        Some((person, role)) if is_person(person, registry) => role,
        _ => line,
    };
    let org = after_title(role)?;
    let org = org.trim().trim_end_matches([',', ';']).trim();
    let org = org.replace(", (", " (");
    let name = orgname::strip_organ(&org);
    let likeness = orgname::org_likeness(name, registry);
    // After a title and "of", a name-like phrase is an organization unless it is a place
    // ("Mayor of Boston", "President of Ukraine").
    let place = crate::country::canonical(name).is_some() || crate::country::from_city(name).is_some();
    (likeness >= OrgLikeness::Weak && !place).then(|| name.to_string())
}

/// A person's first and last name and a comma: where a signer's line starts.
static PERSON_COMMA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Lu}[\p{L}'’.-]+ \p{Lu}[\p{L}'’.-]+, ").expect("person pattern"));

/// The organizations of the signers' lines in `text`: its lines, and within a line the
/// lines a copy joined ("Ada Byron, President of X Jo Park, Secretary of Y").
pub fn in_block(text: &str, registry: &Registry) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let starts: Vec<usize> = PERSON_COMMA.find_iter(line).map(|m| m.start()).collect();
        if starts.len() < 2 || starts[0] != 0 {
            out.extend(organization(line, registry));
            continue;
        }
        let ends = starts[1..].iter().copied().chain(std::iter::once(line.len()));
        out.extend(starts.iter().zip(ends).filter_map(|(&a, b)| organization(&line[a..b], registry)));
    }
    out
}

/// The person's name and the rest of a signer's line, at its first comma or dash.
fn split_person(line: &str) -> Option<(&str, &str)> {
    let at = [", ", " – ", " — ", " - "].iter().filter_map(|sep| line.find(sep).map(|i| (i, sep.len()))).min()?;
    Some((&line[..at.0], &line[at.0 + at.1..]))
}

/// Two to four capitalised words with no organization word among them: a person's name.
fn is_person(name: &str, registry: &Registry) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase) && !orgname::is_acronym(w))
        && !words.iter().any(|w| languages::is_organization_word(w))
        && registry.lookup(name).is_none()
}

/// What follows the title that opens `role`: "President of the X" → "X", "General
/// Secretary, X" → "X". None when `role` does not open with a title.
fn after_title(role: &str) -> Option<&str> {
    let speech = languages::speech(None);
    let mut titled = false;
    let mut rest = role;
    for (i, word) in role.split_whitespace().map(|w| (w.as_ptr() as usize - role.as_ptr() as usize, w)) {
        let t = word.trim_matches(|c: char| !c.is_alphanumeric());
        let after = &role[i + word.len()..];
        if speech.is_title(t) || titled && speech.is_title_part(t) {
            titled = true;
            if word.ends_with(',') {
                return Some(after);
            }
            rest = after;
            continue;
        }
        if titled && speech.is_by(t) {
            let after = after.trim_start();
            let first = after.split_whitespace().next().unwrap_or("");
            return Some(if speech.is_article(first) { after[first.len()..].trim_start() } else { after });
        }
        break;
    }
    (titled && !rest.trim().is_empty() && rest.trim_start().starts_with(char::is_uppercase)).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(line: &str) -> Option<String> {
        organization(line, &Registry::empty())
    }

    #[test]
    fn a_signers_title_names_the_organization() {
        assert_eq!(org("Ada Byron, President of the Harbour Workers Union").as_deref(), Some("Harbour Workers Union"));
        assert_eq!(org("Jo Park – General Secretary, Harbour Workers Union").as_deref(), Some("Harbour Workers Union"));
        assert_eq!(org("Lia Costa, Presidente da Central Sindical Unida").as_deref(), Some("Central Sindical Unida"));
        assert_eq!(org("Secrétaire générale de la Fédération des Dockers").as_deref(), Some("Fédération des Dockers"));
    }

    #[test]
    fn a_person_or_a_sentence_is_no_signer() {
        assert_eq!(org("Ada Byron"), None, "a name alone");
        assert_eq!(org("Ada Byron, President of Ukraine"), None, "a country's president");
        assert_eq!(org("The President of the Harbour Workers Union spoke today."), None, "a sentence");
        assert_eq!(org("Harbour Workers Union, 3 March"), None, "no title");
    }

    #[test]
    fn signers_lines_joined_in_one_block_are_read_apart() {
        let block = "Ada Byron, President of the Harbour Workers Union Jo Park, Secretary of the Dock Federation (DF)";
        assert_eq!(in_block(block, &Registry::empty()), ["Harbour Workers Union", "Dock Federation (DF)"]);
    }
}
