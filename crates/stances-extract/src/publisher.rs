//! The publisher as the author: a statement on an organization's own site often never
//! says whose it is, but its address does (`cupe.ca`, `staffordshireunison.org.uk`,
//! `masspeaceaction.org`). The author is then the name in the text that the address
//! spells: the whole name, its acronym, or its words shortened ("mass" for Massachusetts).
//! A name the text itself gives comes first. When the text names no one, the address's own
//! words may: a known organization it spells ("staffordshireunison" → UNISON), or its
//! words split at organization words and numbers ("partidolivre" → "Partido Livre",
//! "cope343" → "COPE 343"); never a hosting platform's name, never a country.

use crate::orgname;
use crate::registry::Registry;

/// The labels of a URL's host that can name an organization: without `www`, the
/// top-level domain and the short labels of country domains ("org.uk").
fn labels(url: &str) -> Vec<String> {
    let host = url.split("://").nth(1).unwrap_or(url).split(['/', '?', '#', ':']).next().unwrap_or("");
    let parts: Vec<&str> = host.split('.').filter(|p| !p.is_empty()).collect();
    let keep = parts.len().saturating_sub(1);
    parts[..keep]
        .iter()
        .filter(|p| !matches!(**p, "www" | "org" | "com" | "net" | "co" | "gov" | "ac" | "edu" | "news"))
        .map(|p| p.to_lowercase().replace('-', ""))
        .filter(|p| p.len() >= 3)
        .collect()
}

/// Hosts whose sub-domains are their users' sites (`data/platforms.txt`).
static PLATFORMS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../../../data/platforms.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// The publisher named by the address's own words, for a page whose text names no one:
/// the registry's organization the site's name spells, else the name's words split at
/// the language files' organization words and at numbers.
pub fn from_domain(url: &str, registry: &Registry) -> Option<String> {
    let labels = labels(url);
    let site = labels.last()?;
    if PLATFORMS.contains(&site.as_str()) {
        return None;
    }
    if let Some(o) = registry.spelled_in(site) {
        return Some(o.name.clone());
    }
    let pieces = split_site(site);
    if pieces.len() < 2 || pieces.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let name = pieces
        .iter()
        .map(|p| {
            let org_word = crate::languages::is_organization_word(p);
            if !org_word && p.chars().all(|c| c.is_alphabetic()) && p.chars().count() <= 4 {
                p.to_uppercase()
            } else {
                let mut c = p.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
            }
        })
        .collect::<Vec<String>>()
        .join(" ");
    (crate::country::canonical(&name).is_none()).then_some(name)
}

/// A site's name in words: split between letters and digits, and around an organization
/// word at its start or end ("partidolivre" → partido, livre).
fn split_site(site: &str) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    for c in site.chars() {
        match pieces.last_mut() {
            Some(last) if last.chars().last().is_some_and(|l| l.is_ascii_digit() == c.is_ascii_digit()) => last.push(c),
            _ => pieces.push(c.to_string()),
        }
    }
    let mut out = Vec::new();
    for p in pieces {
        let chars: Vec<char> = p.chars().collect();
        // The longest organization word (of five letters or more) that opens or closes it,
        // with four letters or more beside it.
        let word = |w: &str| w.chars().count() >= 5 && crate::languages::is_organization_word(w);
        let split = (4..=chars.len().saturating_sub(4))
            .flat_map(|k| {
                let (head, tail): (String, String) = (chars[..k].iter().collect(), chars[k..].iter().collect());
                let len = if word(&head) {
                    k
                } else if word(&tail) {
                    chars.len() - k
                } else {
                    0
                };
                (len > 0).then_some((len, head, tail))
            })
            .max_by_key(|(len, _, _)| *len)
            .map(|(_, head, tail)| (head, tail));
        match split {
            Some((head, tail)) => out.extend([head, tail]),
            None => out.push(p),
        }
    }
    out
}

/// The name in `text` that the address of the page spells, if any.
pub fn from_address(url: &str, text: &str, registry: &Registry) -> Option<String> {
    let labels = labels(url);
    if labels.is_empty() {
        return None;
    }
    let mut best: Option<(usize, String)> = None;
    for name in name_runs(text) {
        let Some(score) = labels.iter().filter_map(|l| spells(l, &name)).max() else { continue };
        if crate::country::canonical(&name).is_some()
            || orgname::org_likeness(&name, registry) == orgname::OrgLikeness::No && !orgname::is_acronym(&name)
        {
            continue;
        }
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, name));
        }
    }
    best.map(|(_, n)| n)
}

/// How well `label` spells `name` (the letters of the label it accounts for), or `None`:
/// the name written together, its acronym, or each of its words by at least its first
/// three letters, in order, covering at least half the label.
fn spells(label: &str, name: &str) -> Option<usize> {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let significant: Vec<&String> = words.iter().filter(|w| !is_small(w)).collect();
    let together: String = words.concat();
    if together.chars().count() >= 3 && label.contains(&together) {
        return Some(together.len());
    }
    let initials: String = significant.iter().filter_map(|w| w.chars().next()).collect();
    if significant.len() >= 3 && label.starts_with(&initials) {
        return Some(initials.len());
    }
    if significant.len() < 2 {
        return None;
    }
    let mut at = 0;
    let mut matched = 0;
    for w in &significant {
        let chars: Vec<char> = w.chars().collect();
        let n = chars.len().min(3);
        let prefix: String = chars[..n.min(chars.len())].iter().collect();
        let found = label[at..].find(&prefix)?;
        // The longest part of the word written there.
        let mut len = prefix.len();
        let rest = &label[at + found..];
        for (k, c) in w.char_indices().skip(n) {
            if rest[k..].starts_with(c) {
                len = k + c.len_utf8();
            } else {
                break;
            }
        }
        at += found + len;
        matched += len;
    }
    (matched * 2 >= label.len()).then_some(matched)
}

fn is_small(w: &str) -> bool {
    orgname::is_particle(w)
}

/// Every run of name-like words in the text: capitalised words, acronyms and the small
/// words inside names, up to eight words, without small words at the edges.
fn name_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, runs: &mut Vec<String>| {
        while current.last().is_some_and(|w| is_small(&w.to_lowercase())) {
            current.pop();
        }
        while current.first().is_some_and(|w| is_small(&w.to_lowercase())) {
            current.remove(0);
        }
        // Every tail of the run too: "Today ITUC" holds "ITUC".
        for k in 0..current.len() {
            if !is_small(&current[k].to_lowercase()) {
                runs.push(current[k..].join(" "));
            }
        }
        current.clear();
    };
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        let capital = word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        if word.is_empty() || !(capital || is_small(&word.to_lowercase())) || current.len() >= 8 {
            flush(&mut current, &mut runs);
            if !capital || word.is_empty() {
                continue;
            }
        }
        current.push(word);
        if raw.ends_with(['.', ',', ';', ':', '!', '?', ')', '"', '”']) {
            flush(&mut current, &mut runs);
        }
    }
    flush(&mut current, &mut runs);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_words_name_a_publisher_the_text_does_not() {
        let r = Registry::empty();
        assert_eq!(from_domain("http://programa.partidoharbour.pt/x", &r).as_deref(), Some("Partido Harbour"));
        assert_eq!(from_domain("https://quay343.org/", &r).as_deref(), Some("QUAY 343"));
        assert_eq!(from_domain("https://harbourworkers.blogspot.com/", &r), None, "a platform");
        assert_eq!(from_domain("https://lanternpeace.org/", &r), None, "no word to split at");
    }

    fn by(url: &str, text: &str) -> Option<String> {
        from_address(url, text, &Registry::empty())
    }

    #[test]
    fn the_address_spells_a_name_the_text_gives() {
        assert_eq!(
            by("https://hwfu.example/statement", "We stand with Ukraine. HWFU members will march.").as_deref(),
            Some("HWFU")
        );
        assert_eq!(
            by("https://www.quaytenantsunion.org.uk/news", "The Quay Tenants Union meeting agreed: we oppose the war.")
                .as_deref(),
            Some("Quay Tenants Union")
        );
        assert_eq!(
            by("https://lakpeaceaction.org/x", "Members of Lakeshire Peace Action call for talks.").as_deref(),
            Some("Lakeshire Peace Action")
        );
        assert_eq!(by("https://ukraine-news.example/a", "Ukraine was attacked today."), None, "never a country");
        assert_eq!(by("https://newsdaily.example/a", "The Quay Tenants Union condemns the war."), None);
    }
}
