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
    let lower = name.to_lowercase();
    const ABOUT_OTHERS: &[&str] = &[
        "solidarity",
        "friends of",
        "hands off",
        "stop the",
        "with ",
        "for ",
        "support",
        "committee for",
        "campaign",
        "solidarité",
        "solidaridad",
        "avec ",
        "con ",
    ];
    if ABOUT_OTHERS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let found = mentions(name);
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
    for (word, country, score) in INSTITUTIONS {
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

/// Institutions that tie a statement to one country (a statement about them is nearly
/// always from there), with how strongly: "Bundesregierung" is also Austria's.
const INSTITUTIONS: &[(&str, &str, u32)] = &[
    ("Bundeswehr", "Germany", 2),
    ("Bundestag", "Germany", 2),
    ("Bundesregierung", "Germany", 1),
    ("Moncloa", "Spain", 2),
    ("Congreso de los Diputados", "Spain", 2),
    ("Élysée", "France", 1),
    ("Assemblée nationale", "France", 1),
    ("Westminster", "United Kingdom", 1),
    ("House of Commons", "United Kingdom", 2),
    ("Nationalrat", "Austria", 1),
    ("Bundesheer", "Austria", 2),
];

/// How strongly one mention ties the statement to the country, and whether the tie is in
/// the first person ("our country").
fn cue_score(text: &str, m: &Mention) -> (u32, bool) {
    let sentence_start = text[..m.start].rfind(['.', '!', '?', '\n', ';']).map_or(0, |i| i + 1);
    let before = text[sentence_start..m.start].to_lowercase();
    let before = before.trim_end();
    let after = text[m.end..].chars().take(60).collect::<String>().to_lowercase();
    let last_words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    let governs = ["government", "authorities", "state ", "parliament", "president", "prime minister", "gouvernement", "gobierno", "regierung", "governo"]
        .iter()
        .any(|g| after.trim_start().starts_with(g))
        // "el gobierno chileno", "le gouvernement français", "il governo italiano".
        || ["gobierno", "gouvernement", "governo", "regierung"].iter().any(|g| before.ends_with(g));
    let asks_before = [
        "call on",
        "calls on",
        "call upon",
        "urge",
        "urges",
        "demand",
        "ask",
        "pedimos",
        "exigimos",
        "instamos",
        "llamamos",
        "appelons",
        "exigeons",
        "demandons",
        "fordern",
        "appelliamo",
        "chiediamo",
    ]
    .iter()
    .any(|w| before.contains(w));
    if last_words
        .iter()
        .take(3)
        .any(|w| *w == "our" || *w == "notre" || *w == "nuestro" || *w == "nuestra" || *w == "unsere" || *w == "unser")
    {
        return (3, true);
    }
    if before.ends_with("here in")
        || before.ends_with("ici en")
        || before.ends_with("aquí en")
        || before.ends_with("hier in")
    {
        return (3, true);
    }
    let calls_on = [
        "call on the",
        "calls on the",
        "call upon the",
        "urge the",
        "urges the",
        "demand that the",
        "demand the",
        "appelons le",
        "exigimos al",
        "fordern die",
    ]
    .iter()
    .any(|c| before.ends_with(c));
    if m.demonym && governs && (calls_on || asks_before) {
        return (3, false);
    }
    if m.demonym && governs {
        let rest = after.split(['.', ';']).next().unwrap_or("");
        if [" should", " must", " to ", " needs to", " has to", " doit", " debe", " muss", " que ", " di "]
            .iter()
            .any(|v| rest.contains(v))
        {
            return (2, false);
        }
    }
    // "We call on France to sign", "appelons la France à signer", "chiediamo all'Italia di".
    let without_article = match before.rsplit_once(' ') {
        Some((head, art)) if ["the", "la", "le", "el", "l'", "l’", "al", "a", "all'", "die"].contains(&art) => head,
        _ => before,
    };
    let addressed = [
        "call on",
        "calls on",
        "call upon",
        "urge",
        "urges",
        "appelons",
        "appelle",
        "exhortons",
        "pedimos a",
        "pedimos",
        "instamos a",
        "exigimos a",
        "fordern",
        "chiediamo",
    ]
    .iter()
    .any(|c| without_article.ends_with(c));
    // Weak alone (a call may go to a foreign government): it needs a second cue.
    if !m.demonym && addressed {
        return (1, false);
    }
    // "the government of Spain", "el Gobierno de España", "le gouvernement de la France".
    let gov_of = [
        "government of",
        "gobierno de",
        "gouvernement de la",
        "gouvernement du",
        "gouvernement de",
        "governo de",
        "governo di",
        "regierung von",
    ]
    .iter()
    .any(|g| before.ends_with(g));
    // The same request words as above: "we call on the government of Spain".
    let asks = asks_before;
    if gov_of {
        return (if asks { 3 } else { 2 }, false);
    }
    let protect = [
        "repatriation of",
        "evacuation of",
        "evacuate",
        "safety of",
        "lives of",
        "bring home",
        "rapatriement des",
        "repatriación de",
    ];
    if m.demonym
        && protect.iter().any(|p| {
            before.ends_with(p) || before.ends_with(&format!("{p} the")) || before.ends_with(&format!("{p} all"))
        })
    {
        return (2, false);
    }
    if !m.demonym {
        // Refugees to be welcomed in the country, or the country to welcome them.
        let sentence_end = after.find(['.', '!', '?', ';']).unwrap_or(after.len());
        let sentence = format!("{before} {}", &after[..sentence_end]);
        let welcome = WELCOME.iter().any(|w| sentence.contains(w));
        let into = [" in", " to", " en", " nach", " in die", " a"].iter().any(|p| before.ends_with(p));
        let subject = ["que la", "que", "dass", "that"].iter().any(|p| before.ends_with(p));
        // Refugees who must be received "in Deutschland": a demand on one's own country.
        let refugees = REFUGEES.iter().any(|w| sentence.contains(w));
        let demand =
            [" must", " should", " müssen", " muss", " doivent", " doit", " deben", " debe", " devono", " deve"]
                .iter()
                .any(|v| sentence.contains(v));
        if (welcome || (refugees && demand)) && (into || subject) {
            return (2, false);
        }
        // "Norway must not double its defence budget": a demand on a country's government.
        if [" must", " should", " needs to", " has to", " doit", " debe", " muss", " deve"]
            .iter()
            .any(|v| after.starts_with(v))
        {
            return (2, false);
        }
    }
    (0, false)
}

/// Words of welcoming refugees, in the languages the reader knows.
const WELCOME: &[&str] = &[
    "welcome",
    "asylum",
    "take in",
    "accueil",
    "accueille",
    "asile",
    "acoger",
    "acoja",
    "acogida",
    "asilo",
    "acolher",
    "acolha",
    "acolhimento",
    "abra sus puertas",
    "abrir sus puertas",
    "open its doors",
    "ouvre ses portes",
    "aufnehmen",
    "aufgenommen",
    "aufnahme",
    "asyl",
    "accogliere",
    "accoglienza",
];

/// Words for refugees.
const REFUGEES: &[&str] = &[
    "refugee",
    "réfugié",
    "refugiad",
    "geflüchtete",
    "flüchtling",
    "rifugiat",
    "profughi",
    "displaced",
    "people fleeing",
    "those fleeing",
    "qui fuient",
    "que huyen",
    "in fuga",
];

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
    fn country_from_an_organization_name() {
        assert_eq!(from_name("Socialist Party of Malaysia"), Some("Malaysia"));
        assert_eq!(from_name("Russian Socialist Movement"), Some("Russia"));
        assert_eq!(from_name("Parti Sosialis Malaysia"), Some("Malaysia"));
        assert_eq!(from_name("Ukraine Solidarity Campaign"), None);
        assert_eq!(from_name("Socialist Alliance"), None);
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
