//! Whose voice a sentence speaks in. A statement takes a position only in its own voice:
//! "we demand", "the Alliance condemns", "NATO must stop", "Stop the bombings!", a bullet
//! under "We call for:". Reported speech ("Biden's stance triggered ...", "Putin claims
//! ...") and history ("Since 1991, 14 nations have joined NATO") take none. Negation
//! ("we do not support sanctions") turns a position to its opposite pole.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Why a sentence counts as the statement's own voice, or why it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// "we", "our", "nous", "wir", "-mos" ...
    FirstPerson,
    /// The organization names itself as the subject.
    OrganizationSubject,
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
pub fn demands(sentence: &str, voice: Voice) -> bool {
    match voice {
        Voice::Obligation | Voice::Slogan | Voice::UnderDemand => true,
        Voice::FirstPerson | Voice::OrganizationSubject => {
            let lower = sentence.to_lowercase();
            DEMAND_WORDS.matcher.find_iter(&lower).any(|m| {
                let prefix = DEMAND_WORDS.prefix[m.pattern().as_usize()];
                let before = lower[..m.start()].chars().next_back();
                let after = lower[m.end()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && (prefix || !after.is_some_and(char::is_alphanumeric))
            })
        }
        _ => false,
    }
}

/// Verbs of asking, in the languages with cues; `*` marks a prefix.
const DEMANDS: &[&str] = &[
    "call for",
    "calls for",
    "call on",
    "calls on",
    "call upon",
    "calling for",
    "calling on",
    "urge*",
    "demand*",
    "ask",
    "asks",
    "asking",
    "appeal*",
    "want",
    "wants",
    "insist*",
    "need",
    "needs",
    "support",
    "supports",
    "back",
    "backs",
    "welcome",
    "welcomes",
    "press",
    "presses",
    "plead*",
    "request*",
    "propose*",
    "expect",
    "invite*",
    "encourage*",
    "appel*",
    "demand*",
    "exig*",
    "réclam*",
    "souhait*",
    "voulons",
    "invit*",
    "exhort*",
    "soutenons",
    "plaidons",
    "pedimos",
    "exigimos",
    "reclamamos",
    "llamamos",
    "instamos",
    "solicitamos",
    "queremos",
    "apoyamos",
    "urgimos",
    "defendemos",
    "défendons",
    "uphold",
    "defend",
    "proponemos",
    "abogamos",
    "exhortamos",
    "fordern",
    "fordert",
    "verlangen",
    "verlangt",
    "appellieren",
    "appelliert",
    "rufen",
    "ruft",
    "bitten",
    "bittet",
    "wollen",
    "unterstützen",
    "setzen uns",
    "setzt sich",
    "brauchen",
    "chiediamo",
    "esigiamo",
    "sosteniamo",
    "apelamos",
];

struct DemandWords {
    matcher: AhoCorasick,
    prefix: Vec<bool>,
}

static DEMAND_WORDS: LazyLock<DemandWords> = LazyLock::new(|| {
    let words: Vec<&str> = DEMANDS.iter().map(|w| w.trim_end_matches('*')).collect();
    DemandWords {
        matcher: AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .expect("demand words build an automaton"),
        prefix: DEMANDS.iter().map(|w| w.ends_with('*')).collect(),
    }
});

const FIRST_PERSON: &[&str] = &[
    "we",
    "our",
    "us",
    "ourselves",
    "i",
    "nous",
    "notre",
    "nos",
    "nosotros",
    "nosotras",
    "nuestro",
    "nuestra",
    "nuestros",
    "nuestras",
    "wir",
    "unser",
    "unsere",
    "unserer",
    "unseren",
    "uns",
    "noi",
    "nostro",
    "nostra",
    "nostri",
    "nós",
    "nosso",
    "nossa",
    "nossos",
    "nossas",
];

const OBLIGATION: &[&str] = &[
    "must",
    "should",
    "shall",
    "ought",
    "need to",
    "need",
    "needs",
    "needs to",
    "have to",
    "has to",
    "it is time",
    "is needed",
    "are needed",
    "is necessary",
    "is essential",
    "is imperative",
    "must be",
    "doit",
    "doivent",
    "devrait",
    "devraient",
    "il faut",
    "faut",
    "debe",
    "deben",
    "debería",
    "deberían",
    "hay que",
    "es necesario",
    "muss",
    "müssen",
    "darf nicht",
    "darf kein",
    "darf keine",
    "dürfen nicht",
    "dürfen kein",
    "dürfen keine",
    "soll",
    "sollen",
    "sollte",
    "sollten",
    "braucht es",
    "brauchen wir",
    "deve",
    "devono",
    "dovrebbe",
    "bisogna",
    "devem",
    "deveria",
    "é preciso",
];

const SLOGAN_START: &[&str] = &[
    "stop",
    "end",
    "halt",
    "no to",
    "hands off",
    "free",
    "release",
    "open",
    "cease",
    "withdraw",
    "out of",
    "dissolve",
    "disband",
    "scrap",
    "respect",
    "abolish",
    "non à",
    "halte",
    "arrêt",
    "fin de",
    "alto",
    "basta",
    "no a la",
    "nein zu",
    "schluss mit",
    "stoppt",
    "fuori",
];

const EVALUATION: &[&str] = &[
    "condemn",
    "dénonc",
    "denunci",
    "unacceptable",
    "deplorable",
    "illegal",
    "criminal",
    "war crime",
    "a crime",
    "unprovoked",
    "unjustified",
    "unjustifiable",
    "nothing can justify",
    "nothing justifies",
    "cannot be justified",
    "no justification",
    "rien ne justifie",
    "rien ne peut justifier",
    "aucune justification",
    "nada justifica",
    "ninguna razón justifica",
    "ninguna justificación",
    "durch nichts zu rechtfertigen",
    "keine rechtfertigung",
    "outrageous",
    "barbaric",
    "reckless",
    "brutal",
    "aggression",
    "violation of international law",
    "condamn",
    "inacceptable",
    "injustifiable",
    "condena",
    "inaceptable",
    "injustificable",
    "verurteil",
    "völkerrechtswidrig",
    "inakzeptabel",
    "condanna",
    "inaccettabile",
    "condena",
    // Rights affirmed and solutions proposed are the author's own claims.
    "have a right",
    "hat das recht",
    "haben das recht",
    "a le droit",
    "ont le droit",
    "tiene derecho",
    "tienen derecho",
    "tiene el derecho",
    "ha il diritto",
    "tem o direito",
    "has a right",
    "have the right",
    "has the right",
    "right to",
    "the solution",
    "only a",
    "seule une",
    "seul un",
    "solo una",
    "sólo una",
    "nur eine",
    "nur ein",
    "only solution",
    "can only be",
    "solo puede ser",
    "sólo puede ser",
    "ne peut être que",
    "kann nur",
    "only way",
    "way forward",
    "lies in",
    "lie in",
    "droit à",
    "droit de",
    "derecho a",
    "recht auf",
];

const REPORTING: &[&str] = &[
    "said",
    "says",
    "claim",
    "claims",
    "claimed",
    "argue",
    "argues",
    "argued",
    "alleged",
    "allegedly",
    "according to",
    "stated",
    "declared that",
    "announced",
    "told",
    "narrative",
    "propaganda",
    "pretext",
    "so-called",
    "triggered",
    "affirme",
    "prétend",
    "selon",
    "según",
    "afirma",
    "dijo",
    "behauptet",
    "laut",
    "sagte",
    "secondo",
];

/// A part of the organization speaking, not the organization.
const PART_OF_US: &[&str] = &[
    "some members",
    "some of our members",
    "some of us",
    "some delegates",
    "a minority",
    "certains membres",
    "certains de nos",
    "une minorité",
    "algunos miembros",
    "algunas afiliadas",
    "una minoría",
    "einige mitglieder",
    "manche mitglieder",
    "eine minderheit",
    "alcuni membri",
    "alguns membros",
];

const PLURAL_SUBJECTS: &[&str] = &[
    "the party",
    "the union",
    "the alliance",
    "the federation",
    "the league",
    "the council",
    "the movement",
    "the network",
    "the committee",
    "the organisation",
    "the organization",
    "the coalition",
    "the association",
    "the collective",
    "the front",
    "the congress",
    "le parti",
    "le syndicat",
    "le mouvement",
    "le collectif",
    "el partido",
    "el sindicato",
    "el movimiento",
    "die partei",
    "die gewerkschaft",
    "il partito",
];

/// Which word lists a sentence touches, found in one pass over it.
#[derive(Debug, Default, Clone, Copy)]
struct Flags {
    first_person: bool,
    reported: bool,
    obligation: bool,
    evaluation: bool,
}

/// All the word lists in one automaton: (list, whole words only) per pattern.
struct Lexicon {
    matcher: AhoCorasick,
    kinds: Vec<(u8, bool)>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut words = Vec::new();
    let mut kinds = Vec::new();
    for (kind, list, whole) in
        [(0u8, FIRST_PERSON, true), (1, REPORTING, true), (2, OBLIGATION, true), (3, EVALUATION, false)]
    {
        for w in list {
            words.push(*w);
            kinds.push((kind, whole));
        }
    }
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&words)
        .expect("voice word lists build");
    Lexicon { matcher, kinds }
});

fn flags(lower: &str) -> Flags {
    let mut f = Flags::default();
    for m in LEXICON.matcher.find_overlapping_iter(lower) {
        let (kind, whole) = LEXICON.kinds[m.pattern().as_usize()];
        if whole {
            let before = lower[..m.start()].chars().next_back();
            let after = lower[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                continue;
            }
        }
        match kind {
            0 => f.first_person = true,
            1 => f.reported = true,
            2 => f.obligation = true,
            _ => f.evaluation = true,
        }
    }
    f
}

fn has_word(lower: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(i) = lower[from..].find(word) {
        let s = from + i;
        let e = s + word.len();
        let before = lower[..s].chars().next_back();
        let after = lower[e..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = e;
    }
    false
}

/// Spanish and Portuguese verbs in the first person plural ("exigimos", "condenamos").
fn first_person_verb(lower: &str, lang: Option<&str>) -> bool {
    matches!(lang, Some("es" | "pt" | "it"))
        && lower.split(|c: char| !c.is_alphabetic()).any(|w| {
            w.len() > 5 && (w.ends_with("amos") || w.ends_with("emos") || w.ends_with("imos") || w.ends_with("iamo"))
        })
}

/// Whose voice `sentence` speaks in. `names` are the organization's names (for "The
/// Alliance condemns ..."); `under_demand` marks a bullet under a demand.
pub fn voice(sentence: &str, lang: Option<&str>, names: &[&str], under_demand: bool) -> Voice {
    let lower = sentence.to_lowercase();
    let found = flags(&lower);
    let first_person = found.first_person || first_person_verb(&lower, lang);
    let head: String = lower.chars().take(120).collect();
    let trimmed = head.trim_start_matches(['"', '“', '\'', '(', '¡']);
    // "L'Union ...", "Das Forum ...": the article does not hide the subject.
    let trimmed =
        ["l'", "l’", "le ", "la ", "les ", "el ", "los ", "las ", "die ", "der ", "das ", "il ", "lo ", "o ", "a "]
            .iter()
            .find_map(|a| trimmed.strip_prefix(a))
            .unwrap_or(trimmed);
    // "Elle exige ...", "It calls for ...": the organization named just before.
    let pronoun_asks = ["elle ", "il ", "it ", "sie ", "ella ", "él ", "essa ", "esso "]
        .iter()
        .find_map(|p| trimmed.strip_prefix(p))
        .is_some_and(|rest| {
            let first = rest.split_whitespace().next().unwrap_or("");
            DEMANDS.iter().any(|d| {
                let d = d.trim_end_matches('*');
                first.starts_with(d.split_whitespace().next().unwrap_or(d))
            })
        });
    if pronoun_asks && !found.reported {
        return Voice::OrganizationSubject;
    }
    // Some of its members are not the organization: "Some members of our federation want ...".
    if PART_OF_US.iter().any(|p| trimmed.starts_with(p)) {
        return Voice::Reported;
    }
    // The organization as subject: its name, or its last word ("The Fellowship asks ...").
    let last_words: Vec<String> = names
        .iter()
        .filter_map(|n| n.split_whitespace().last())
        .filter(|w| w.len() > 3)
        .map(|w| format!("the {}", w.to_lowercase()))
        .collect();
    let subject = last_words.iter().any(|w| trimmed.starts_with(w.as_str()))
        || names.iter().filter(|n| n.len() > 2).any(|n| {
            let n = n.to_lowercase();
            trimmed.starts_with(&n)
                || trimmed.strip_prefix("the ").is_some_and(|t| t.starts_with(&n))
                || trimmed.split_once(' ').is_some_and(|(_, t)| t.starts_with(&n))
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
        })
        || PLURAL_SUBJECTS.iter().any(|p| trimmed.starts_with(p));
    // The organization speaking of itself ("The Fraternity says that ...") is its own voice,
    // whatever the verb; someone else's words are not, unless we adopt them.
    if subject && !found.reported {
        return Voice::OrganizationSubject;
    }
    if found.reported && !first_person && !subject {
        return Voice::Reported;
    }
    if first_person {
        return Voice::FirstPerson;
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
    let slogan_at = |t: &str| SLOGAN_START.iter().any(|w| t.starts_with(w) && has_word(t, w));
    if slogan_at(trimmed) || after_colon.is_some_and(slogan_at) || sentence.trim_end().ends_with('!') {
        return Voice::Slogan;
    }
    if history(&lower) {
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

/// Past events: a year or "since ..." without a demand.
fn history(lower: &str) -> bool {
    let year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")));
    year || lower.starts_with("since ") || lower.starts_with("in the past") || lower.starts_with("over the years")
}

/// Negators, and whether each needs to stand right before the word it negates. English
/// "no" is left out: "no arms deliveries" demands, it does not deny.
const NEGATORS: &[(&str, bool)] = &[
    ("not", false),
    ("never", false),
    ("don't", false),
    ("doesn't", false),
    ("won't", false),
    ("cannot", false),
    ("can't", false),
    ("nor", false),
    ("neither", false),
    ("ne", false),
    ("n'", false),
    ("pas", false),
    ("jamais", false),
    ("nunca", false),
    ("nicht", false),
    ("kein", false),
    ("keine", false),
    ("keinen", false),
    ("keiner", false),
    ("niemals", false),
    ("non", true),
    ("mai", false),
    ("não", true),
];

/// True when the word at `at` (a byte offset into `sentence`) is negated: a negator among
/// the three words before it, or "pas"/"nicht"/"keine" right after it.
pub fn negated(sentence: &str, at: usize) -> bool {
    let lower = sentence.to_lowercase();
    let at = at.min(lower.len());
    let before: Vec<&str> = lower[..at]
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .collect();
    let neg_before =
        before.iter().enumerate().any(|(k, w)| NEGATORS.iter().any(|(n, adjacent)| w == n && (!adjacent || k == 0)));
    // Spanish, Italian, Portuguese "no/non/não" before a first-person verb: "No apoyamos ...".
    let verb = lower[at..].split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let romance_no = before.first().is_some_and(|w| matches!(*w, "no" | "non" | "não"))
        && (verb.ends_with("mos") || verb.ends_with("iamo"));
    let neg_before = neg_before || romance_no;
    let after: Vec<&str> = lower[at..]
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .skip(1)
        .take(2)
        .collect();
    // English "X, not Y" contrasts rather than negates: only French and German negate after the verb.
    neg_before || after.iter().any(|w| matches!(*w, "pas" | "nicht" | "keine"))
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
        assert!(demands("We call on the government to give them visas.", Voice::FirstPerson));
        assert!(!demands("We have seen refugees arrive at our station.", Voice::FirstPerson));
        assert!(demands("Nous exigeons des visas.", Voice::FirstPerson));
        assert!(!demands("They call for visas.", Voice::Reported));
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
    }

    #[test]
    fn negation() {
        let s = "We do not support economic sanctions on Russia.";
        assert!(negated(s, s.find("support").expect("word")));
        let s = "We support economic sanctions on the oligarchs.";
        assert!(!negated(s, s.find("support").expect("word")));
        let s = "Nous ne soutenons pas les sanctions.";
        assert!(negated(s, s.find("soutenons").expect("word")));
        let s = "Wir unterstützen die Sanktionen nicht.";
        assert!(!negated(s, s.find("unterstützen").expect("word")), "too far to tell: no guess");
        let s = "No arms deliveries to the war zone!";
        assert!(!negated(s, s.find("arms").expect("word")));
    }
}
