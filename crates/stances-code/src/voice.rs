//! Whose voice a sentence speaks in. A statement takes a position only in its own voice:
//! "we demand", "the Alliance condemns", "NATO must stop", "Stop the bombings!", a bullet
//! under "We call for:". Reported speech ("Biden's stance triggered ...", "Putin claims
//! ...") and history ("Since 1991, 14 nations have joined NATO") take none. Negation
//! ("we do not support sanctions") turns a position to its opposite pole. The words of each
//! language are data: the `[voice]` of its file in `data/languages/`.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use stances_core::languages::{self, VoiceWords};

/// Why a sentence counts as the statement's own voice, or why it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// "we", "our", "nous", "wir", "-mos" ...
    FirstPerson,
    /// The organization names itself as the subject.
    OrganizationSubject,
    /// A clause of a motion or resolution, whose subject is the body adopting it:
    /// "Calls on the government to ...", "Condemns the invasion".
    Operative,
    /// An obligation: "must", "should", "doit", "debe", "muss" ...
    Obligation,
    /// A slogan or an order: "Stop the bombings!", "No to war".
    Slogan,
    /// A bullet under a line that calls for something.
    UnderDemand,
    /// An evaluation in the author's words: "unacceptable", "war crime".
    Evaluation,
    /// Someone else's words: "claims", "said", "according to".
    Reported,
    /// Past events: a year, "since 1991".
    History,
    /// None of the above: a description.
    Description,
}

impl Voice {
    /// True when the sentence can take a position.
    pub fn own(self) -> bool {
        !matches!(self, Voice::Reported | Voice::History | Voice::Description)
    }
}

/// Whether a sentence in this voice asks for something: an obligation, a slogan, a bullet
/// under a demand, or its author calling, urging, demanding, supporting ("We call on the
/// government to give every Ukrainian the right to stay"). Cues marked `!` count only there.
pub fn demands(sentence: &str, lang: Option<&str>, voice: Voice) -> bool {
    match voice {
        Voice::Obligation | Voice::Slogan | Voice::UnderDemand => true,
        Voice::FirstPerson | Voice::OrganizationSubject | Voice::Operative => {
            let w = words(lang);
            let lower = sentence.to_lowercase();
            // "Russia must go back to the table, says the union's leader": an obligation
            // in the author's own words asks for it too.
            if voice == Voice::OrganizationSubject && flags(w, &lower).obligation {
                return true;
            }
            w.demands.find_iter(&lower).any(|m| {
                let prefix = w.demand_prefix[m.pattern().as_usize()];
                let before = lower[..m.start()].chars().next_back();
                let after = lower[m.end()..].chars().next();
                !before.is_some_and(stances_core::languages::is_word_char)
                    && (prefix || !after.is_some_and(stances_core::languages::is_word_char))
            })
        }
        _ => false,
    }
}

/// One language's voice words (from its file's `[voice]`), ready to match.
struct Words {
    /// First person, reported speech, obligation and evaluation in one automaton:
    /// (list, whole words only) per pattern.
    lexicon: AhoCorasick,
    kinds: Vec<(Kind, bool)>,
    demands: AhoCorasick,
    demand_prefix: Vec<bool>,
    /// The first word of each verb of asking, for "Elle exige ...".
    demand_heads: Vec<String>,
    v: VoiceWords,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    FirstPerson,
    Reported,
    Obligation,
    Evaluation,
}

impl Words {
    fn new(v: VoiceWords) -> Self {
        let mut patterns: Vec<&str> = Vec::new();
        let mut kinds = Vec::new();
        for (kind, list, whole) in [
            (Kind::FirstPerson, &v.first_person, true),
            (Kind::Reported, &v.reported, true),
            (Kind::Obligation, &v.obligation, true),
            (Kind::Evaluation, &v.evaluation, false),
        ] {
            for w in list {
                patterns.push(w);
                kinds.push((kind, whole));
            }
        }
        let lexicon = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("voice word lists build an automaton");
        let stems: Vec<&str> = v.demands.iter().map(|w| w.trim_end_matches('*')).collect();
        let demands = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&stems)
            .expect("verbs of asking build an automaton");
        let demand_prefix = v.demands.iter().map(|w| w.ends_with('*')).collect();
        let demand_heads = stems.iter().filter_map(|d| d.split_whitespace().next()).map(str::to_string).collect();
        Words { lexicon, kinds, demands, demand_prefix, demand_heads, v }
    }
}

/// Every language's words, by code, and all of them together (`*`) for a sentence whose
/// language has no file. The union leaves out verb endings, which belong to one language.
static WORDS: LazyLock<HashMap<String, Words>> = LazyLock::new(|| {
    let mut all = VoiceWords::default();
    let mut map = HashMap::new();
    for lang in languages::all() {
        let v = &lang.voice;
        for (to, from) in [
            (&mut all.first_person, &v.first_person),
            (&mut all.demands, &v.demands),
            (&mut all.obligation, &v.obligation),
            (&mut all.slogans, &v.slogans),
            (&mut all.evaluation, &v.evaluation),
            (&mut all.reported, &v.reported),
            (&mut all.history, &v.history),
            (&mut all.part_of_us, &v.part_of_us),
            (&mut all.subjects, &v.subjects),
            (&mut all.articles, &v.articles),
            (&mut all.pronouns, &v.pronouns),
            (&mut all.negators, &v.negators),
            (&mut all.negators_adjacent, &v.negators_adjacent),
            (&mut all.negators_after, &v.negators_after),
            (&mut all.not_only, &v.not_only),
            (&mut all.operative, &v.operative),
        ] {
            to.extend(from.iter().cloned());
        }
        map.insert(lang.language.clone(), Words::new(v.clone()));
    }
    map.insert("*".to_string(), Words::new(all));
    map
});

fn words(lang: Option<&str>) -> &'static Words {
    lang.and_then(|l| WORDS.get(l)).or_else(|| WORDS.get("*")).expect("the union of every language is built")
}

/// Which word lists a sentence touches, found in one pass over it.
#[derive(Debug, Default, Clone, Copy)]
struct Flags {
    first_person: bool,
    reported: bool,
    obligation: bool,
    evaluation: bool,
}

fn flags(w: &Words, lower: &str) -> Flags {
    let mut f = Flags::default();
    for m in w.lexicon.find_overlapping_iter(lower) {
        let (kind, whole) = w.kinds[m.pattern().as_usize()];
        if whole && !whole_word(lower, m.start(), m.end()) {
            continue;
        }
        match kind {
            Kind::FirstPerson => f.first_person = true,
            Kind::Reported => f.reported = true,
            Kind::Obligation => f.obligation = true,
            Kind::Evaluation => f.evaluation = true,
        }
    }
    f
}

/// Whether `lower[s..e]` stands as a word of its own.
fn whole_word(lower: &str, s: usize, e: usize) -> bool {
    let before = lower[..s].chars().next_back();
    let after = lower[e..].chars().next();
    !before.is_some_and(stances_core::languages::is_word_char)
        && !after.is_some_and(stances_core::languages::is_word_char)
}

fn has_word(lower: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(i) = lower[from..].find(word) {
        let s = from + i;
        let e = s + word.len();
        if whole_word(lower, s, e) {
            return true;
        }
        from = e;
    }
    false
}

/// Whether `text` opens with `word` as a whole word (or an elided article: "l'").
fn opens_with<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let rest = text.strip_prefix(word)?;
    if word.ends_with(['\'', '’']) {
        return Some(rest);
    }
    rest.starts_with(|c: char| !stances_core::languages::is_word_char(c)).then(|| rest.trim_start())
}

/// A first-person plural verb ("exigimos", "condenamos"), in a language that marks one.
fn first_person_verb(w: &Words, lower: &str) -> bool {
    !w.v.first_person_endings.is_empty()
        && lower
            .split(|c: char| !c.is_alphabetic())
            .any(|word| word.len() > 5 && w.v.first_person_endings.iter().any(|e| word.ends_with(e.as_str())))
}

/// The sentence after a dateline's dash: "boston — the league calls ..." → "the league
/// calls ...".
fn after_dateline(opening: &str) -> Option<&str> {
    let head = opening.char_indices().nth(48).map_or(opening, |(i, _)| &opening[..i]);
    [" — ", " – ", " -- "].iter().find_map(|d| head.find(d).map(|i| opening[i + d.len()..].trim_start()))
}

/// "... und Zusammenarbeit, sagt HU-Chef Jo Park", "..., said Harbour Union general
/// secretary Jo Park": the quote closes with a verb of reporting (`[speech] reporting`)
/// and the organization's own name or acronym after its last comma.
fn own_leader_speaks(lower: &str, lang: Option<&str>, names: &[&str]) -> bool {
    let Some((_, tail)) = lower.trim_end_matches(['.', '!', '"', '”']).rsplit_once([',', '”', '"']) else {
        return false;
    };
    let words: Vec<&str> = tail.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let speech = languages::speech(lang);
    let reports = words.iter().any(|w| speech.is_reporting(w.trim_matches(|c: char| !c.is_alphanumeric())));
    let named = names.iter().filter(|n| n.chars().count() >= 2).any(|n| {
        let n = n.to_lowercase();
        words.iter().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            w == n || w.strip_prefix(n.as_str()).is_some_and(|rest| rest.starts_with('-'))
        }) || tail.contains(&format!(" {n} "))
    });
    reports && named
}

/// Whose voice `sentence` speaks in. `names` are the organization's names (for "The
/// Alliance condemns ..."); `under_demand` marks a bullet under a demand.
pub fn voice(sentence: &str, lang: Option<&str>, names: &[&str], under_demand: bool) -> Voice {
    let w = words(lang);
    let lower = sentence.to_lowercase();
    let found = flags(w, &lower);
    let first_person = found.first_person || first_person_verb(w, &lower);
    let head: String = lower.chars().take(120).collect();
    let opening = head.trim_start_matches(['"', '“', '\'', '(', '¡']);
    // "L'Union ...", "Das Forum ...": the article does not hide the subject.
    let after_article = w.v.articles.iter().find_map(|a| opens_with(opening, a));
    let trimmed = after_article.unwrap_or(opening);
    // "Elle exige ...", "It calls for ...": the organization named just before.
    let pronoun_asks = w.v.pronouns.iter().find_map(|p| opens_with(trimmed, p)).is_some_and(|rest| {
        let first = rest.split_whitespace().next().unwrap_or("");
        w.demand_heads.iter().any(|d| first.starts_with(d.as_str()))
    });
    if pronoun_asks && !found.reported {
        return Voice::OrganizationSubject;
    }
    // Some of its members are not the organization: "Some members of our federation want ...".
    if w.v.part_of_us.iter().any(|p| opening.starts_with(p.as_str())) {
        return Voice::Reported;
    }
    // The organization as subject: its name, or its last word after an article ("The
    // Fellowship asks ..."), or a word for it ("The party calls ...").
    let subject = after_article.is_some_and(|rest| {
        names
            .iter()
            .filter_map(|n| n.split_whitespace().last())
            .filter(|last| last.len() > 3)
            .chain(w.v.subjects.iter().map(String::as_str))
            .any(|word| opens_with(rest, &word.to_lowercase()).is_some())
    }) || names.iter().filter(|n| n.len() > 2).any(|n| {
        let n = n.to_lowercase();
        opening.starts_with(&n)
            || trimmed.starts_with(&n)
            || opening.split_once(' ').is_some_and(|(_, t)| t.starts_with(&n))
            || after_dateline(opening).is_some_and(|t| t.starts_with(&n))
    })
        // Its first and last words opening the sentence: "Pax Christi Ostwestfalen ist ..."
        // for "Pax Christi Gruppe Ostwestfalen".
        || names.iter().any(|n| {
            let words: Vec<String> = n.split_whitespace().map(str::to_lowercase).collect();
            let head: Vec<&str> = trimmed.split_whitespace().take(words.len() + 1).collect();
            words.len() >= 2
                && head.first().copied() == words.first().map(String::as_str)
                && words.last().is_some_and(|last| last.len() > 3 && head.iter().skip(1).any(|h| h == last))
        })
        // Its acronym: "La CGT demande" for "Union départementale CGT du Finistère".
        || names.iter().flat_map(|n| n.split_whitespace()).filter(|w| is_acronym(w)).any(|a| {
            trimmed.strip_prefix(a.to_lowercase().as_str()).is_some_and(|t| t.starts_with(' '))
        });
    // The organization speaking of itself ("The Fraternity says that ...") is its own voice,
    // whatever the verb; someone else's words are not, unless we adopt them, or they are
    // its own leader's ("..., says HU leader Jo Park").
    if (subject && !found.reported) || found.reported && own_leader_speaks(&lower, lang, names) {
        return Voice::OrganizationSubject;
    }
    if found.reported && !first_person && !subject {
        return Voice::Reported;
    }
    if first_person {
        return Voice::FirstPerson;
    }
    // A motion's clause opens with its verb, capitalised: "Calls for Ireland to ...".
    let capital = opening.chars().next().is_some_and(char::is_alphabetic)
        && sentence.trim_start_matches(['"', '“', '\'', '(', '¡', ' ']).starts_with(char::is_uppercase);
    if capital && !found.reported && w.v.operative.iter().any(|o| opens_with(opening, o).is_some()) {
        return Voice::Operative;
    }
    if subject {
        return Voice::OrganizationSubject;
    }
    if under_demand {
        return Voice::UnderDemand;
    }
    if found.obligation {
        return Voice::Obligation;
    }
    // A slogan opens the sentence or follows its colon ("No people wins a war: enough of ...").
    let after_colon = trimmed.split_once(": ").map(|(_, rest)| rest.trim_start());
    let slogan_at = |t: &str| w.v.slogans.iter().any(|s| t.starts_with(s.as_str()) && has_word(t, s));
    if slogan_at(trimmed) || after_colon.is_some_and(slogan_at) || sentence.trim_end().ends_with('!') {
        return Voice::Slogan;
    }
    if history(w, &lower) {
        return Voice::History;
    }
    if found.evaluation {
        return Voice::Evaluation;
    }
    Voice::Description
}

/// A word of two to six capitals ("CGT", "UGT"), perhaps with digits.
fn is_acronym(w: &str) -> bool {
    (2..=6).contains(&w.chars().count())
        && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && w.chars().any(char::is_uppercase)
}

/// Past events: a year, or an opening such as "since ...", without a demand.
fn history(w: &Words, lower: &str) -> bool {
    let year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|y| y.len() == 4 && (y.starts_with("19") || y.starts_with("20")));
    year || w.v.history.iter().any(|h| opens_with(lower, h).is_some())
}

/// True when the word at `at` (a byte offset into `sentence`) is negated: a negator among
/// the three words before it (or right before it, for those that must be adjacent), one
/// right before a first-person verb ("No apoyamos ..."), or one of the language's negators
/// that follow ("pas", "nicht") in the two words after it. English "no" is no negator:
/// "no arms deliveries" demands, it does not deny; "X, not Y" contrasts.
pub fn negated(sentence: &str, at: usize, lang: Option<&str>) -> bool {
    let w = words(lang);
    let lower = sentence.to_lowercase();
    let at = at.min(lower.len());
    let before: Vec<&str> = lower[..at]
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .collect();
    let is = |list: &[String], word: &str| list.iter().any(|n| n == word);
    // "not only a breach of international law": the negator is followed by "only".
    let cancelled = |k: usize| k > 0 && is(&w.v.not_only, before[k - 1]);
    let neg_before = before
        .iter()
        .enumerate()
        .any(|(k, b)| (is(&w.v.negators, b) || (k == 0 && is(&w.v.negators_adjacent, b))) && !cancelled(k));
    let verb = lower[at..].split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let before_verb = before.first().is_some_and(|b| is(&w.v.negators_before_verb, b))
        && w.v.first_person_endings.iter().any(|e| verb.ends_with(e.as_str()));
    let after = lower[at..]
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .skip(1)
        .take(2)
        .any(|a| is(&w.v.negators_after, a));
    neg_before || before_verb || after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_voice() {
        assert_eq!(voice("We do not support economic sanctions.", Some("en"), &[], false), Voice::FirstPerson);
        assert_eq!(
            voice(
                "The Socialist Alliance condemns the Russian attack on Ukraine.",
                Some("en"),
                &["Socialist Alliance"],
                false
            ),
            Voice::OrganizationSubject
        );
        assert_eq!(voice("NATO must stop its eastward expansion.", Some("en"), &[], false), Voice::Obligation);
        assert_eq!(voice("Stop the bombings!", Some("en"), &[], false), Voice::Slogan);
        assert!(demands("We call on the government to give them visas.", Some("en"), Voice::FirstPerson));
        assert!(!demands("We have seen refugees arrive at our station.", Some("en"), Voice::FirstPerson));
        assert!(demands("Nous exigeons des visas.", Some("fr"), Voice::FirstPerson));
        assert!(!demands("They call for visas.", Some("en"), Voice::Reported));
        let leader = "Russland må gå tilbake til dialog, sier Havneforbundets leder.";
        assert!(demands(leader, Some("no"), Voice::OrganizationSubject), "an obligation in the author's words");
        assert!(!demands("Russland må gå tilbake til dialog.", Some("no"), Voice::Description));
        assert_eq!(voice("Elle exige le retrait des troupes.", Some("fr"), &[], false), Voice::OrganizationSubject);
        assert_eq!(voice("Elle a été fondée en 1990.", Some("fr"), &[], false), Voice::History);
        assert_eq!(voice("Nadie gana con la guerra: basta de gasto militar.", Some("es"), &[], false), Voice::Slogan);
        assert_eq!(voice("Die Regierung darf keine Waffen liefern.", Some("de"), &[], false), Voice::Obligation);
        let names = ["Union départementale CGT du Finistère"];
        assert_eq!(voice("La CGT demande des vivres.", Some("fr"), &names, false), Voice::OrganizationSubject);
        assert_eq!(voice("La CFDT demande des vivres.", Some("fr"), &names, false), Voice::Description);
        let names = ["Pax Christi Gruppe Ostwestfalen"];
        assert_eq!(
            voice("Pax Christi Ostwestfalen ist erschrocken.", Some("de"), &names, false),
            Voice::OrganizationSubject
        );
        assert_eq!(
            voice("Some members of our union want the alliance abolished.", Some("en"), &[], false),
            Voice::Reported
        );
        assert_eq!(voice("Russia to immediately halt the invasion.", Some("en"), &[], true), Voice::UnderDemand);
        assert_eq!(voice("Exigimos un alto el fuego inmediato.", Some("es"), &[], false), Voice::FirstPerson);
        assert_eq!(voice("The invasion is unacceptable and deplorable.", Some("en"), &[], false), Voice::Evaluation);
        assert_eq!(voice("Nothing can justify this assault.", Some("en"), &[], false), Voice::Evaluation);
        assert_eq!(voice("Calls on the government to open the border.", Some("en"), &[], false), Voice::Operative);
        assert!(demands("Calls on the government to open the border.", Some("en"), Voice::Operative));
        assert_eq!(voice("calls on the government were ignored.", Some("en"), &[], false), Voice::Description);
    }

    #[test]
    fn not_own_voice() {
        assert_eq!(
            voice(
                "Biden’s stance triggered Putin’s direct intervention by demanding Russia’s removal of troops.",
                Some("en"),
                &[],
                false
            ),
            Voice::Reported
        );
        assert_eq!(
            voice("Since 1991, 14 Eastern European nations have become part of NATO.", Some("en"), &[], false),
            Voice::History
        );
        assert_eq!(
            voice(
                "The invasion of Ukraine will boost the appeal of NATO in neighbouring countries.",
                Some("en"),
                &[],
                false
            ),
            Voice::Description
        );
        assert_eq!(voice("Putin claims that Ukraine must be demilitarised.", Some("en"), &[], false), Voice::Reported);
        let names = ["Harbour Union", "HU"];
        let own = "Russia must withdraw and return to dialogue, says HU-leader Jo Park.";
        assert_eq!(voice(own, Some("en"), &names, false), Voice::OrganizationSubject, "its own leader");
        let own = "Russia must withdraw and return to dialogue, said Harbour Union secretary Jo Park.";
        assert_eq!(voice(own, Some("en"), &names, false), Voice::OrganizationSubject, "its own leader");
        let other = "Russia must withdraw and return to dialogue, said Dock Guild secretary Jo Park.";
        assert_eq!(voice(other, Some("en"), &names, false), Voice::Reported, "another's leader");
    }

    #[test]
    fn negation() {
        let s = "We do not support economic sanctions on Russia.";
        assert!(negated(s, s.find("support").expect("word"), Some("en")));
        let s = "We support economic sanctions on the oligarchs.";
        assert!(!negated(s, s.find("support").expect("word"), Some("en")));
        let s = "Nous ne soutenons pas les sanctions.";
        assert!(negated(s, s.find("soutenons").expect("word"), Some("fr")));
        let s = "Wir unterstützen die Sanktionen nicht.";
        assert!(!negated(s, s.find("unterstützen").expect("word"), Some("de")), "too far to tell: no guess");
        let s = "No arms deliveries to the war zone!";
        assert!(!negated(s, s.find("arms").expect("word"), Some("en")));
        let s = "No apoyamos las sanciones.";
        assert!(negated(s, s.find("apoyamos").expect("word"), Some("es")));
        let s = "Nous ne soutenons pas les sanctions.";
        assert!(negated(s, s.find("soutenons").expect("word"), None), "a language without a file: every negator");
        let s = "This is not only a breach of international law.";
        assert!(!negated(s, s.find("breach").expect("word"), Some("en")));
    }
}
