//! Countries: their names and demonyms in the languages the reader knows, and the cues that
//! tie a statement to one — the organization's name ("Socialist Party of Malaysia") or a
//! strong cue in its own voice ("we call on the Philippine government"). Never a guess: when
//! no cue is strong enough the country stays unknown.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// One country of the table.
#[derive(Debug)]
struct Country {
    name: &'static str,
}

/// The country table, built once from the embedded list.
struct Table {
    countries: Vec<Country>,
    /// For each pattern: (country index, is a demonym).
    patterns: Vec<(usize, bool)>,
    matcher: AhoCorasick,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut countries = Vec::new();
    let mut words: Vec<&'static str> = Vec::new();
    let mut patterns = Vec::new();
    for line in stances_core::COUNTRY_TABLE.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let name = cols.next().unwrap_or_default();
        let _code = cols.next();
        let idx = countries.len();
        countries.push(Country { name });
        words.push(name);
        patterns.push((idx, false));
        for (col, demonym) in [(cols.next(), false), (cols.next(), true)] {
            for w in col.unwrap_or_default().split('|').filter(|w| !w.is_empty()) {
                words.push(w);
                patterns.push((idx, demonym));
            }
        }
    }
    let matcher =
        AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&words).expect("country patterns build");
    Table { countries, patterns, matcher }
});

/// A country named in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the mention.
    pub start: usize,
    /// One past its end.
    pub end: usize,
    /// English name of the country.
    pub country: &'static str,
    /// True for an adjective or people ("Philippine", "Indians"), false for the name.
    pub demonym: bool,
}

/// Every country mention in `text`, whole words only.
pub fn mentions(text: &str) -> Vec<Mention> {
    let t = &*TABLE;
    t.matcher
        .find_iter(text)
        .filter(|m| whole_word(text, m.start(), m.end()))
        .map(|m| {
            let (idx, demonym) = t.patterns[m.pattern().as_usize()];
            Mention { start: m.start(), end: m.end(), country: t.countries[idx].name, demonym }
        })
        .collect()
}

/// The English name for a country name or alias, if the table knows it.
pub fn canonical(name: &str) -> Option<&'static str> {
    let t = &*TABLE;
    let m = t.matcher.find(name.trim())?;
    (m.start() == 0 && m.end() == name.trim().len()).then(|| t.countries[t.patterns[m.pattern().as_usize()].0].name)
}

/// The English name for a country's name (not its demonym: "France", not "French").
pub fn state(name: &str) -> Option<&'static str> {
    let t = &*TABLE;
    let m = t.matcher.find(name.trim())?;
    let (idx, demonym) = t.patterns[m.pattern().as_usize()];
    (m.start() == 0 && m.end() == name.trim().len() && !demonym).then(|| t.countries[idx].name)
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    // "All-Island" is no mention of Iceland, "Indo-Pacific" none of India.
    !before.is_some_and(|c| c.is_alphanumeric() || c == '-') && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
}

/// The country an organization's name states ("Socialist Party of Malaysia", "Russian
/// Socialist Movement"), unless the name is about another country (solidarity campaigns).
pub fn from_name(name: &str) -> Option<&'static str> {
    country_named_in(name).or_else(|| city_named_in(name))
}

/// The country a text gives its author when it describes it: a demonym and an
/// organization word just before the name's own words ("the Ukrainian political party
/// “Derzhava”", "the Italian union Fistel"). With the words it was read from.
pub fn described(text: &str, name: &str) -> Option<(&'static str, String)> {
    let own: Vec<&str> = name
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| {
            w.chars().count() >= 3 && !crate::languages::is_organization_word(w) && !crate::languages::is_particle(w)
        })
        .collect();
    let first = own.first()?;
    let mut from = 0;
    while let Some(i) = text[from..].find(first) {
        let at = from + i;
        from = at + first.len();
        if !whole_word(text, at, at + first.len()) {
            continue;
        }
        // The four words before it, in its sentence (looked for a little way back only).
        let mut lo = at.saturating_sub(160);
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        let sentence_start = text[lo..at].rfind(['.', '!', '?', '\n', ';']).map_or(lo, |k| lo + k + 1);
        let before: Vec<&str> = text[sentence_start..at].split_whitespace().rev().take(4).collect();
        let org_word = before
            .iter()
            .take(2)
            .any(|w| crate::languages::is_organization_word(w.trim_matches(|c: char| !c.is_alphanumeric())));
        let demonym = before.iter().find_map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.starts_with(char::is_uppercase).then(|| country_named_in(w)).flatten()
        });
        if let (true, Some(c)) = (org_word, demonym) {
            return Some((c, sentence_around(text, at, at + first.len()).to_string()));
        }
    }
    None
}

/// A city or region that opens or closes a name: "Montreal for a World Beyond War",
/// "Metalworkers Osnabrück".
fn city_named_in(name: &str) -> Option<&'static str> {
    let words: Vec<&str> = name.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    let (first, last) = (words.first()?, words.last()?);
    if words.len() < 2 {
        return None;
    }
    let two = |a: &str, b: &str| CITIES.get(&format!("{a} {b}").to_lowercase()).copied();
    let head = words.get(1).and_then(|second| two(first, second));
    let tail = (words.len() >= 3).then(|| two(words[words.len() - 2], last)).flatten();
    head.or(tail)
        .or_else(|| first.starts_with(char::is_uppercase).then(|| CITIES.get(&first.to_lowercase()).copied()).flatten())
        .or_else(|| last.starts_with(char::is_uppercase).then(|| CITIES.get(&last.to_lowercase()).copied()).flatten())
}

/// A country the name states, unless it is about another country than its own.
fn country_named_in(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let about_others = crate::languages::all().iter().flat_map(|l| &l.names.about_others);
    if about_others.into_iter().any(|w| has_words(&lower, w)) {
        return None;
    }
    let mut found = mentions(name);
    if found.is_empty() {
        // A name opening a sentence capitalises a demonym its language writes in lower
        // case ("Ukraińskie MSZ").
        let mut c = name.chars();
        let lowered: String = c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default();
        found = mentions(&lowered).into_iter().filter(|m| m.start == 0).collect();
    }
    let first = found.first()?;
    // Two different countries in one name ("Friendship Society of X and Y") decide nothing.
    found.iter().all(|m| m.country == first.country).then_some(first.country)
}

static CITIES: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for line in include_str!("cities.tsv").lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (cities, country) = line.split_once('\t').unwrap_or((line, ""));
        if let Some(c) = canonical(country) {
            for city in cities.split('|') {
                m.insert(city.to_lowercase(), c);
            }
        }
    }
    m
});

/// The country of a city written on a dateline or signature ("Kuala Lumpur" → Malaysia).
pub fn from_city(place: &str) -> Option<&'static str> {
    let p = place.trim().to_lowercase();
    CITIES.get(&p).copied().or_else(|| {
        // "Paris 11e", "Berlin-Kreuzberg": the first word or part.
        let first = p.split([' ', '-', '/']).next()?;
        CITIES.get(first).copied()
    })
}

/// Counts of each country's mentions in a text: the countries a whole page is about.
pub fn counts(text: &str) -> HashMap<&'static str, usize> {
    let mut c = HashMap::new();
    for m in mentions(text) {
        *c.entry(m.country).or_insert(0) += 1;
    }
    c
}

/// The countries a document is about (its most mentioned, when mentioned often): a
/// statement's own country is rarely one of them, so their cues count only in the first person.
pub fn topic_countries(counts: &HashMap<&'static str, usize>) -> Vec<&'static str> {
    let mut v: Vec<(&'static str, usize)> = counts.iter().map(|(k, v)| (*k, *v)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.into_iter().take(2).filter(|(_, n)| *n >= 3).map(|(c, _)| c).collect()
}

/// The country that strong cues in a statement's own voice point to, with the cue.
pub fn from_text(text: &str, topic: &[&str]) -> Option<(&'static str, String)> {
    let mut scores: HashMap<&'static str, (u32, String)> = HashMap::new();
    for m in mentions(text) {
        let (score, first_person) = cue_score(text, &m);
        if score == 0 || (topic.contains(&m.country) && !first_person) {
            continue;
        }
        let e = scores.entry(m.country).or_insert((0, String::new()));
        if e.0 == 0 {
            e.1 = sentence_around(text, m.start, m.end).to_string();
        }
        e.0 += score;
    }
    // A country's own institutions, named the way its own people name them.
    for &(word, country, score) in INSTITUTIONS.iter() {
        if let Some(i) = text.find(word).filter(|&i| whole_word(text, i, i + word.len())) {
            let e = scores.entry(country).or_insert((0, String::new()));
            if e.0 == 0 {
                e.1 = sentence_around(text, i, i + word.len()).to_string();
            }
            e.0 += score;
        }
    }
    let mut ranked: Vec<_> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    match ranked.as_slice() {
        [(c, (s, cue)), rest @ ..] if *s >= 2 && rest.first().is_none_or(|r| r.1 .0 < *s) => Some((c, cue.clone())),
        _ => None,
    }
}

/// Institutions that tie a statement to one country, from `institutions.tsv`.
static INSTITUTIONS: LazyLock<Vec<(&'static str, &'static str, u32)>> = LazyLock::new(|| {
    stances_core::INSTITUTION_TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (name, country, score) = (f.next()?, f.next()?, f.next()?.trim().parse().ok()?);
            // The country table's own spelling, so that scores meet mentions.
            Some((name, canonical(country)?, score))
        })
        .collect()
});

/// How strongly one mention ties the statement to the country, and whether the tie is in
/// the first person ("our country"). The words are the language files' `[country]`.
fn cue_score(text: &str, m: &Mention) -> (u32, bool) {
    let cue = crate::languages::country_cues();
    let sentence_start = text[..m.start].rfind(['.', '!', '?', '\n', ';']).map_or(0, |i| i + 1);
    let before = text[sentence_start..m.start].to_lowercase();
    let before = before.trim_end();
    let after = text[m.end..].chars().take(60).collect::<String>().to_lowercase();
    let last_words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    let any_ends = |list: &[String], t: &str| list.iter().any(|w| ends_with_words(t, w));
    let governs = cue.governs.iter().any(|g| starts_with_words(after.trim_start(), g))
        // "el gobierno chileno", "le gouvernement français", "il governo italiano".
        || any_ends(&cue.governs, before);
    let asks_before = cue.asks.iter().any(|w| before.contains(w.as_str()));
    // "our Ireland", "our beloved Ireland" (not "our policies for Ukraine").
    if last_words.iter().take(2).any(|w| cue.ours.iter().any(|o| o == w)) {
        return (3, true);
    }
    if any_ends(&cue.here, before) {
        return (3, true);
    }
    let calls_on = any_ends(&cue.calls_on, before);
    if m.demonym && governs && (calls_on || asks_before) {
        return (3, false);
    }
    if m.demonym && governs {
        let rest = after.split(['.', ';']).next().unwrap_or("");
        if cue.obliged.iter().chain(&cue.to_do).any(|v| has_words(rest, v)) {
            return (2, false);
        }
    }
    // "We call on France to sign", "appelons la France à signer", "chiediamo all'Italia di".
    let without_article = match before.rsplit_once(' ') {
        Some((head, art)) if cue.articles.iter().any(|a| a == art) => head,
        _ => before,
    };
    let addressed = any_ends(&cue.addressed, without_article);
    // Weak alone (a call may go to a foreign government): it needs a second cue.
    if !m.demonym && addressed {
        return (1, false);
    }
    // "the government of Spain", "el Gobierno de España", "le gouvernement de la France".
    let gov_of = any_ends(&cue.government_of, before);
    // The same request words as above: "we call on the government of Spain".
    if gov_of {
        return (if asks_before { 3 } else { 2 }, false);
    }
    let protect = cue.protect.iter().any(|p| {
        any_ends(std::slice::from_ref(p), before)
            || cue
                .articles
                .iter()
                .chain(["all".to_string()].iter())
                .any(|a| ends_with_words(before, &format!("{p} {a}")))
    });
    if m.demonym && protect {
        return (2, false);
    }
    if !m.demonym {
        // Refugees to be welcomed in the country, or the country to welcome them.
        let sentence_end = after.find(['.', '!', '?', ';']).unwrap_or(after.len());
        let sentence = format!("{before} {}", &after[..sentence_end]);
        let welcome = cue.welcome.iter().any(|w| sentence.contains(w.as_str()));
        let into = any_ends(&cue.into, before);
        let subject = any_ends(&cue.that, before);
        // Refugees who must be received "in Deutschland": a demand on one's own country.
        let refugees = cue.refugees.iter().any(|w| sentence.contains(w.as_str()));
        let demand = cue.obliged.iter().any(|v| has_words(&sentence, v));
        if (welcome || (refugees && demand)) && (into || subject) {
            return (2, false);
        }
        // "Norway must not double its defence budget": a demand on a country's government.
        if cue.obliged.iter().any(|v| starts_with_words(after.trim_start(), v) && after.starts_with(' ')) {
            return (2, false);
        }
    }
    (0, false)
}

/// Whether `text` ends with the words `words` (after a space or at its start).
fn ends_with_words(text: &str, words: &str) -> bool {
    text.strip_suffix(words).is_some_and(|head| head.is_empty() || head.ends_with(' '))
}

/// Whether `text` starts with the words `words` (before a space, punctuation or its end).
fn starts_with_words(text: &str, words: &str) -> bool {
    text.strip_prefix(words).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// Whether `text` holds the words `words` as whole words.
fn has_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    let s = text[..start].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let e = text[end..].find(['.', '!', '?', '\n']).map_or(text.len(), |i| end + i + 1);
    text[s..e].trim()
}

/// The country of a page's address when its language agrees: a statement in Italian on an
/// `.it` site is from Italy; an address alone never places a statement.
pub fn from_address(url: &str, language: Option<&str>) -> Option<&'static str> {
    let host = url.split("://").nth(1)?.split(['/', '?', '#', ':']).next()?;
    let tld = host.rsplit('.').next()?.to_ascii_uppercase();
    let code = if tld == "UK" { "GB".to_string() } else { tld };
    if code.len() != 2 || !crate::languages::spoken_in(language?, &code) {
        return None;
    }
    stances_core::country_named(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_places_a_statement_only_with_its_language() {
        assert_eq!(from_address("https://cgil.example.it/news", Some("it")), Some("Italy"));
        assert_eq!(from_address("https://union.example.org.uk/a", Some("en")), Some("United Kingdom"));
        assert_eq!(from_address("https://cgil.example.it/news", Some("en")), None, "English on an .it site");
        assert_eq!(from_address("https://cgil.example.it/news", None), None);
        assert_eq!(from_address("https://peace.example.org/a", Some("en")), None);
    }

    #[test]
    fn names_and_demonyms_are_found_as_words() {
        let found: Vec<_> = mentions("The Philippine government and Indians in Ukraine; Usage of USA")
            .iter()
            .map(|m| m.country)
            .collect();
        assert_eq!(found, vec!["Philippines", "India", "Ukraine", "United States"]);
    }

    #[test]
    fn every_institution_names_a_known_country() {
        let rows = stances_core::INSTITUTION_TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        assert_eq!(INSTITUTIONS.len(), rows.count());
    }

    #[test]
    fn country_from_an_organization_name() {
        assert_eq!(from_name("Socialist Party of Malaysia"), Some("Malaysia"));
        assert_eq!(from_name("Russian Socialist Movement"), Some("Russia"));
        assert_eq!(from_name("Parti Sosialis Malaysia"), Some("Malaysia"));
        assert_eq!(from_name("Ukraine Solidarity Campaign"), None);
        assert_eq!(from_name("Socialist Alliance"), None);
        assert_eq!(from_name("Ukraińskie MSZ"), Some("Ukraine"), "a demonym capitalised to open a sentence");
        assert_eq!(from_name("Montreal for a World at Peace"), Some("Canada"), "a city opens it");
        assert_eq!(from_name("Dockers Union Osnabrück"), Some("Germany"), "a city closes it");
        assert_eq!(from_name("Massachusetts Harbour Action"), Some("United States"), "a state");
        assert_eq!(from_name("Union of Paris Dockers"), None, "a city inside is not enough");
    }

    #[test]
    fn a_text_that_describes_its_author() {
        let text = "The Ukrainian political party “Kvayda”, banned by the government, considers it necessary to speak.";
        assert_eq!(described(text, "Kvayda Party").map(|(c, _)| c), Some("Ukraine"));
        let text = "Kvayda Party welcomes the Ukrainian refugees.";
        assert_eq!(described(text, "Kvayda Party"), None, "a demonym alone describes no one");
    }

    #[test]
    fn national_institutions() {
        let t = "Die Bundesregierung spricht von 100 Milliarden Euro für die Bundeswehr. Wir halten das für falsch.";
        assert_eq!(from_text(t, &[]).map(|c| c.0), Some("Germany"));
        assert_eq!(
            from_text("Die Bundesregierung muss handeln.", &[]).map(|c| c.0),
            None,
            "one weak cue decides nothing"
        );
    }

    #[test]
    fn strong_cues_in_the_text() {
        let text =
            "Russia must withdraw. We call on the Philippine government to secure the lives of OFWs in the region.";
        let topic = ["Russia", "Ukraine"];
        assert_eq!(from_text(text, &topic).map(|c| c.0), Some("Philippines"));
        let text = "Refugees from this war should be made welcome in Australia.";
        assert_eq!(from_text(text, &topic).map(|c| c.0), Some("Australia"));
        let text = "Nous exigeons que la France accueille dignement toutes les personnes qui fuient la guerre.";
        assert_eq!(from_text(text, &topic).map(|c| c.0), Some("France"));
        let text = "Pedimos al Gobierno de España que acoja a todas las personas refugiadas.";
        assert_eq!(from_text(text, &topic).map(|c| c.0), Some("Spain"));
        let text = "Geflüchtete müssen in Deutschland ohne Hürden aufgenommen werden.";
        assert_eq!(from_text(text, &topic).map(|c| c.0), Some("Germany"));
    }

    #[test]
    fn topic_countries_and_weak_cues_decide_nothing() {
        let topic = ["Russia", "Ukraine"];
        assert_eq!(from_text("Russia must immediately call a halt to the war.", &topic), None);
        assert_eq!(from_text("The approach is applied to China too.", &topic), None);
        assert_eq!(from_text("We in our country, Ukraine, will resist.", &topic).map(|c| c.0), Some("Ukraine"));
    }

    #[test]
    fn cities_on_datelines() {
        assert_eq!(from_city("Kuala Lumpur"), Some("Malaysia"));
        assert_eq!(from_city("Buenos Aires"), Some("Argentina"));
        assert_eq!(from_city("Berlin-Kreuzberg"), Some("Germany"));
        assert_eq!(from_city("Eastport"), None);
    }

    #[test]
    fn canonical_names() {
        assert_eq!(canonical("Deutschland"), Some("Germany"));
        assert_eq!(canonical("Filipinas"), Some("Philippines"));
        assert_eq!(canonical("Atlantis"), None);
    }
}
