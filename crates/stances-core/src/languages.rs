//! What the program knows about each language, as data: one TOML file per language in
//! `data/languages/` (how statements say who speaks, what organizations' names are made of,
//! how dates are labelled, and the words that tell a statement's own voice from reported
//! speech), bundled into the program and checked by a test. The reader (`stances-extract`)
//! and the coder (`stances-code`) both read them here. Adding a language is adding a file.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

/// A language file that cannot be read: the file, the line, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {reason}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
pub struct DataError {
    /// The file.
    pub file: String,
    /// The line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub reason: String,
}

/// The bundled files: (name, text).
const BUNDLED: &[(&str, &str)] = &[
    ("en.toml", include_str!("../../../data/languages/en.toml")),
    ("fr.toml", include_str!("../../../data/languages/fr.toml")),
    ("es.toml", include_str!("../../../data/languages/es.toml")),
    ("de.toml", include_str!("../../../data/languages/de.toml")),
    ("it.toml", include_str!("../../../data/languages/it.toml")),
    ("pt.toml", include_str!("../../../data/languages/pt.toml")),
    ("nl.toml", include_str!("../../../data/languages/nl.toml")),
    ("sv.toml", include_str!("../../../data/languages/sv.toml")),
    ("no.toml", include_str!("../../../data/languages/no.toml")),
    ("da.toml", include_str!("../../../data/languages/da.toml")),
    ("pl.toml", include_str!("../../../data/languages/pl.toml")),
    ("cs.toml", include_str!("../../../data/languages/cs.toml")),
    ("sk.toml", include_str!("../../../data/languages/sk.toml")),
    ("ru.toml", include_str!("../../../data/languages/ru.toml")),
    ("uk.toml", include_str!("../../../data/languages/uk.toml")),
    ("fi.toml", include_str!("../../../data/languages/fi.toml")),
    ("et.toml", include_str!("../../../data/languages/et.toml")),
    ("ja.toml", include_str!("../../../data/languages/ja.toml")),
    ("zh.toml", include_str!("../../../data/languages/zh.toml")),
];

/// One language's file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// ISO 639-1 code.
    pub language: String,
    /// The countries (ISO 3166-1 codes) where statements are written in it.
    #[serde(default)]
    pub countries: Vec<String>,
    /// How its statements say who speaks.
    pub speech: Speech,
    /// What its organizations' names are made of.
    #[serde(default)]
    pub names: Names,
    /// How its pages label their dates.
    #[serde(default)]
    pub dates: Dates,
    /// The words that tell a statement's own voice from reported speech and history.
    #[serde(default)]
    pub voice: VoiceWords,
    /// How its sentences end.
    #[serde(default)]
    pub sentences: Sentences,
    /// How its words change their endings.
    #[serde(default)]
    pub inflection: Inflection,
    /// How its headlines name a statement's author.
    #[serde(default)]
    pub headings: Headings,
    /// Where one clause of a sentence ends and the next begins.
    #[serde(default)]
    pub clauses: Clauses,
    /// How a text is told to be in it.
    #[serde(default)]
    pub detection: Detection,
    /// The cues that tie a statement to its own country.
    #[serde(default)]
    pub country: CountryCues,
}

/// `[country]`: the words around a country's name that tie a statement to it ("we call
/// on the Irish government", "our country", "refugees must be welcomed in Ireland").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CountryCues {
    /// Words for a country's government or institutions ("government", "parliament").
    pub governs: Vec<String>,
    /// Requests in the first person ("call on", "pedimos").
    pub asks: Vec<String>,
    /// "Our".
    pub ours: Vec<String>,
    /// "Here in".
    pub here: Vec<String>,
    /// A call on a government, right before the country ("call on the").
    pub calls_on: Vec<String>,
    /// Obligations ("must", "should").
    pub obliged: Vec<String>,
    /// What introduces what a government is asked to do ("to", "que").
    pub to_do: Vec<String>,
    /// Calls addressed to a country itself ("call on France").
    pub addressed: Vec<String>,
    /// Articles and prepositions that may stand before a country's name.
    pub articles: Vec<String>,
    /// "The government of".
    pub government_of: Vec<String>,
    /// Protecting one's own nationals ("evacuation of").
    pub protect: Vec<String>,
    /// "In", "to": refugees welcomed into a country.
    pub into: Vec<String>,
    /// "That": a country as the subject of what is asked.
    pub that: Vec<String>,
    /// Words of welcoming refugees.
    pub welcome: Vec<String>,
    /// Words for refugees.
    pub refugees: Vec<String>,
}

impl CountryCues {
    fn extend(&mut self, other: &CountryCues) {
        self.governs.extend(other.governs.iter().cloned());
        self.asks.extend(other.asks.iter().cloned());
        self.ours.extend(other.ours.iter().cloned());
        self.here.extend(other.here.iter().cloned());
        self.calls_on.extend(other.calls_on.iter().cloned());
        self.obliged.extend(other.obliged.iter().cloned());
        self.to_do.extend(other.to_do.iter().cloned());
        self.addressed.extend(other.addressed.iter().cloned());
        self.articles.extend(other.articles.iter().cloned());
        self.government_of.extend(other.government_of.iter().cloned());
        self.protect.extend(other.protect.iter().cloned());
        self.into.extend(other.into.iter().cloned());
        self.that.extend(other.that.iter().cloned());
        self.welcome.extend(other.welcome.iter().cloned());
        self.refugees.extend(other.refugees.iter().cloned());
    }
}

/// The country cues of every language together (a statement's country is read whatever
/// language its cues are in).
pub fn country_cues() -> &'static CountryCues {
    static ALL: LazyLock<CountryCues> = LazyLock::new(|| {
        let mut all = CountryCues::default();
        for l in PARSED.iter() {
            all.extend(&l.country);
        }
        all
    });
    &ALL
}

/// `[detection]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Detection {
    /// Its most frequent short words: a text's share of them tells its language quickly
    /// and reliably (languages without them are left to the trigram detector).
    #[serde(default)]
    pub function_words: Vec<String>,
}

/// `[clauses]`: a sentence holds a new clause where one of `joins` is followed by one of
/// `heads` ("... and an end to sanctions"): a cue's groups must stand in one clause.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clauses {
    /// Words that join two clauses ("and", "as well as").
    #[serde(default)]
    pub joins: Vec<String>,
    /// Words that open a clause binding its own object ("an end", "the lifting").
    #[serde(default)]
    pub heads: Vec<String>,
}

/// `[headings]`: how a headline names who issued its statement ("X statement on Y",
/// "Statement of the X": the words for a statement and for who issued it are `[speech]`'s
/// `issued` and `by`). Phrases are matched case-insensitively.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headings {
    /// Words for a statement that a headline puts after its author ("X Statement on Y").
    #[serde(default)]
    pub titled: Vec<String>,
    /// Words that begin the topic after a name ("on", "about", "sur", "gegen").
    #[serde(default)]
    pub topic: Vec<String>,
    /// Labels in front of a heading ("Statement:", "Comunicado:").
    #[serde(default)]
    pub labels: Vec<String>,
    /// Words that say a statement is joint ("joint", "commune").
    #[serde(default)]
    pub joint: Vec<String>,
    /// Words between co-authors' names ("and", "&").
    #[serde(default)]
    pub and: Vec<String>,
    /// Words before an author's name in a heading ("From", "By").
    #[serde(default)]
    pub from: Vec<String>,
    /// The bodies that issue statements for an organization ("Central Committee", "Bundesvorstand").
    #[serde(default)]
    pub organs: Vec<String>,
    /// Words that open a signature ("Signed by", "On behalf of").
    #[serde(default)]
    pub signatures: Vec<String>,
    /// Words of a line "For the X," that opens a signature.
    #[serde(default)]
    pub signed_for: Vec<String>,
    /// Labels of a list of other articles ("Related news").
    #[serde(default)]
    pub related: Vec<String>,
    /// Words a letter's greeting opens with ("Dear", "Chers"): a greeting line stands
    /// between an author's heading and its text.
    #[serde(default)]
    pub salutations: Vec<String>,
}

/// `[inflection]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inflection {
    /// The endings a `*` on an earlier word of a cue's phrase stands for ("humanitarn*
    /// pomoc*": "humanitarna pomoc", "humanitarnej pomocy"): the adjectives' and nouns'
    /// endings of a language that declines them.
    #[serde(default)]
    pub endings: Vec<String>,
}

/// `[voice]`: what makes a sentence the statement's own (first person, the organization as
/// subject, an obligation, a slogan, an evaluation), someone else's (reported speech) or
/// the past (history), and what negates a word. Words are matched lower-case; "whole" lists
/// match whole words, a final `*` in `demands` matches any ending.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceWords {
    /// First-person words ("we", "our"), whole.
    #[serde(default)]
    pub first_person: Vec<String>,
    /// Endings of first-person plural verbs ("exigimos": "imos"), in words over five bytes.
    #[serde(default)]
    pub first_person_endings: Vec<String>,
    /// Verbs of asking ("call for", "urge*"): a sentence in the author's voice holding one
    /// asks for something.
    #[serde(default)]
    pub demands: Vec<String>,
    /// Parts of words of a line that introduces demands ("We call for:"), so that the
    /// bullets under it are demands.
    #[serde(default)]
    pub demand_leads: Vec<String>,
    /// Obligations ("must", "it is time"), whole.
    #[serde(default)]
    pub obligation: Vec<String>,
    /// Words that open a slogan or an order ("stop", "no to"), whole.
    #[serde(default)]
    pub slogans: Vec<String>,
    /// Parts of words that make a sentence an evaluation in the author's words
    /// ("unacceptable", "condemn", "only way").
    #[serde(default)]
    pub evaluation: Vec<String>,
    /// Words of reported speech ("claims", "according to"), whole.
    #[serde(default)]
    pub reported: Vec<String>,
    /// Openings of a sentence about the past ("since ").
    #[serde(default)]
    pub history: Vec<String>,
    /// Openings that name a part of the organization, not the organization ("some members").
    #[serde(default)]
    pub part_of_us: Vec<String>,
    /// Words for the organization itself after an article ("The party calls ...").
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Articles that open a sentence before its subject ("l'", "die"): the subject is what follows.
    #[serde(default)]
    pub articles: Vec<String>,
    /// Pronouns for the organization named before ("Elle exige ..."), before a verb of asking.
    #[serde(default)]
    pub pronouns: Vec<String>,
    /// Negators among the three words before a word ("not", "never").
    #[serde(default)]
    pub negators: Vec<String>,
    /// Negators that must stand right before the word ("non", "não").
    #[serde(default)]
    pub negators_adjacent: Vec<String>,
    /// Negators in the two words after it ("pas", "nicht").
    #[serde(default)]
    pub negators_after: Vec<String>,
    /// Negators right before a first-person verb ("no apoyamos").
    #[serde(default)]
    pub negators_before_verb: Vec<String>,
    /// Words that, right after a negator, make it no negation ("not only", "nicht nur").
    #[serde(default)]
    pub not_only: Vec<String>,
    /// Verbs that open a clause of a motion or resolution, capitalised, its subject the
    /// body that adopts it ("Calls for ...", "Condemns ...").
    #[serde(default)]
    pub operative: Vec<String>,
}

/// `[sentences]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sentences {
    /// Abbreviations a period does not end a sentence after ("mr", "z.b"), without their period.
    #[serde(default)]
    pub abbreviations: Vec<String>,
}

/// `[dates]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// Words that may stand beside a date on a line of its own, or before a dateline
    /// ("Posted", "Press statement", "date").
    #[serde(default)]
    pub labels: Vec<String>,
    /// The months, January to December: each the ways it is written ("march", "mar").
    #[serde(default)]
    pub months: Vec<Vec<String>>,
    /// The days of the week.
    #[serde(default)]
    pub weekdays: Vec<String>,
    /// Words that open a byline ("By the X, May 25, 2022").
    #[serde(default)]
    pub bylines: Vec<String>,
    /// Month names that are also common words ("may", "mar").
    #[serde(default)]
    pub ambiguous_months: Vec<String>,
}

/// `[names]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// Words that make a phrase an organization's name.
    #[serde(default)]
    pub words: Vec<String>,
    /// Endings of compound words that name an organization.
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// Words a name never holds after its first word: verbs of a headline.
    #[serde(default)]
    pub not_in_names: Vec<String>,
    /// The small words inside names ("of", "de", "och").
    #[serde(default)]
    pub particles: Vec<String>,
    /// Words of a name about another country than its own ("solidarity", "friends of").
    #[serde(default)]
    pub about_others: Vec<String>,
    /// Phrases that are never an organization by themselves ("background").
    #[serde(default)]
    pub not_organizations: Vec<String>,
    /// Words that make a phrase about statements, not an author ("reactions").
    #[serde(default)]
    pub about_statements: Vec<String>,
    /// True when every noun is capitalised ("Die Regierung hat ..."): a capital says
    /// nothing of a name.
    #[serde(default)]
    pub capitalised_nouns: bool,
    /// Pronouns, which stand where a name would ("She said", "Det er"): never a name.
    #[serde(default)]
    pub pronouns: Vec<String>,
    /// True when names capitalise only their first word ("Česká asociace ukrajinistů",
    /// "Parti communiste français").
    #[serde(default)]
    pub sentence_case: bool,
}

/// `[speech]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speech {
    /// Verbs that follow a speaking organization's name; a final `*` matches any ending.
    pub verbs: Vec<String>,
    /// Words that may stand between the name and its verb.
    #[serde(default)]
    pub adverbs: Vec<String>,
    /// The verbs above that make a name only the grammatical subject ("is", "has"): enough
    /// after an organization's name, not after a country's.
    #[serde(default)]
    pub auxiliaries: Vec<String>,
    /// Relative pronouns after a name that opens a sentence ("The X, which represents ...").
    #[serde(default)]
    pub relatives: Vec<String>,
    /// Endings of adverbs ("-ly", "-ment"), in words of more than four letters.
    #[serde(default)]
    pub adverb_endings: Vec<String>,
    /// Articles a name may open with, left out of the name.
    #[serde(default)]
    pub articles: Vec<String>,
    /// Titles of people who speak for an organization ("General Secretary").
    #[serde(default)]
    pub titles: Vec<String>,
    /// Words that continue a title after its head ("segretario generale"), and are no
    /// title by themselves (an organization's name may hold them).
    #[serde(default)]
    pub title_parts: Vec<String>,
    /// Words for a statement ("statement", "declaration").
    #[serde(default)]
    pub issued: Vec<String>,
    /// The words that name who issued one ("of", "by", "from").
    #[serde(default)]
    pub by: Vec<String>,
    /// Verbs that report what a quoted person said.
    #[serde(default)]
    pub reporting: Vec<String>,
}

impl Speech {
    /// Whether `word` (any case) is one of the verbs.
    pub fn is_verb(&self, word: &str) -> bool {
        matches_any(&self.verbs, word)
    }

    /// Whether `word` is a verb that says something is said or a position taken, not only
    /// an auxiliary ("calls", not "is").
    pub fn is_speaking(&self, word: &str) -> bool {
        self.is_verb(word) && !matches_any(&self.auxiliaries, word)
    }

    /// Whether `word` is a relative pronoun.
    pub fn is_relative(&self, word: &str) -> bool {
        matches_any(&self.relatives, word)
    }

    /// Whether `word` is one of the adverbs, or ends as one.
    pub fn is_adverb(&self, word: &str) -> bool {
        matches_any(&self.adverbs, word) || {
            let w = word.to_lowercase();
            w.chars().count() > 4
                && w.chars().all(char::is_alphabetic)
                && self.adverb_endings.iter().any(|e| w.ends_with(e.as_str()))
        }
    }

    /// Whether `word` is one of the articles.
    pub fn is_article(&self, word: &str) -> bool {
        matches_any(&self.articles, word)
    }

    /// Whether `word` is a person's title.
    pub fn is_title(&self, word: &str) -> bool {
        matches_any(&self.titles, word)
    }

    /// Whether `word` continues a person's title.
    pub fn is_title_part(&self, word: &str) -> bool {
        matches_any(&self.title_parts, word)
    }

    /// Whether `word` is a word for a statement.
    pub fn is_issued(&self, word: &str) -> bool {
        matches_any(&self.issued, word)
    }

    /// Whether `word` reports what someone said.
    pub fn is_reporting(&self, word: &str) -> bool {
        matches_any(&self.reporting, word)
    }

    /// Whether `word` names who issued a statement.
    pub fn is_by(&self, word: &str) -> bool {
        matches_any(&self.by, word)
    }
}

fn matches_any(list: &[String], word: &str) -> bool {
    let w = word.to_lowercase();
    list.iter().any(|p| match p.strip_suffix('*') {
        Some(stem) => w.starts_with(stem),
        None => w == *p,
    })
}

/// Parses one language file; errors name the file and the line.
pub fn parse(text: &str, origin: &str) -> Result<Language, DataError> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| text[..s.start.min(text.len())].lines().count().max(1));
        DataError { file: origin.to_string(), line, reason: e.message().to_string() }
    })
}

/// The bundled files, parsed (a test checks that each parses; one that does not is left out).
static PARSED: LazyLock<Vec<Language>> =
    LazyLock::new(|| BUNDLED.iter().filter_map(|(name, text)| parse(text, name).ok()).collect());

/// Organization words of every language, for names whose language is not known (a name
/// in a heading is often in another language than its page).
static NAME_WORDS: LazyLock<(HashSet<String>, HashSet<String>)> =
    LazyLock::new(|| (every_language(|l| &l.names.words), every_language(|l| &l.names.suffixes)));

/// One list of every language's files together, lower-cased.
fn every_language(list: fn(&Language) -> &Vec<String>) -> HashSet<String> {
    PARSED.iter().flat_map(|l| list(l).iter().map(|w| w.to_lowercase())).collect()
}

/// Whether a word (any case) makes a phrase an organization's name, in any language.
pub fn is_organization_word(word: &str) -> bool {
    let w = word.to_lowercase();
    let (words, suffixes) = &*NAME_WORDS;
    words.contains(&w) || (w.chars().count() > 7 && suffixes.iter().any(|s| w.ends_with(s.as_str())))
}

/// Whether `c` is a letter of a script written without spaces (Chinese, Japanese).
pub fn is_unspaced_char(c: char) -> bool {
    c.is_alphanumeric() && !is_word_char(c)
}

/// Whether most of a text's letters are of a script written without spaces.
pub fn is_mostly_unspaced(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    text.chars().filter(|c| is_unspaced_char(*c)).count() * 2 > letters
}

/// How many words a text has: its space-separated words, and in a script written
/// without spaces (Chinese, Japanese) one for every two characters.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| {
            let unspaced = w.chars().filter(|c| is_unspaced_char(*c)).count();
            (unspaced / 2).max(1)
        })
        .sum()
}

/// Whether a phrase in a script written without spaces (Chinese, Japanese) ends with one
/// of the languages' organization words ("日本労働組合総連合会" ends with 連合会).
pub fn ends_with_unspaced_organization_word(phrase: &str) -> bool {
    let (words, _) = &*NAME_WORDS;
    words.iter().any(|w| w.chars().any(is_unspaced_char) && phrase.ends_with(w.as_str()))
}

/// Whether a word (any case) is a small word inside names in some language ("of", "de",
/// "och").
pub fn is_particle(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| every_language(|l| &l.names.particles));
    WORDS.contains(&word.to_lowercase())
}

/// Whether a phrase (any case) is never an organization by itself, in some language.
pub fn is_not_organization(phrase: &str) -> bool {
    static WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| every_language(|l| &l.names.not_organizations));
    WORDS.contains(&phrase.to_lowercase())
}

/// Whether a word (any case) begins the topic after a name (`[headings] topic`: "on",
/// "über", "contre"): a phrase that opens with one is about something, not a name.
pub fn is_topic_word(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| every_language(|l| &l.headings.topic));
    WORDS.contains(&word.to_lowercase())
}

/// Whether a word (any case) is a pronoun of some language (`[names] pronouns`).
pub fn is_pronoun(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| every_language(|l| &l.names.pronouns));
    WORDS.contains(&word.to_lowercase())
}

/// Whether a word (any case) makes a phrase about statements rather than an author.
pub fn is_about_statements(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| every_language(|l| &l.names.about_statements));
    WORDS.contains(&word.to_lowercase())
}

/// Whether names in `language` capitalise only their first word.
pub fn sentence_case(language: Option<&str>) -> bool {
    language.and_then(get).is_some_and(|l| l.names.sentence_case)
}

/// Whether `language` capitalises every noun (German): a capital word is no name there.
/// An unknown language counts as one that might.
pub fn capitalised_nouns(language: Option<&str>) -> bool {
    language.and_then(get).is_none_or(|l| l.names.capitalised_nouns)
}

/// Whether statements in `language` are written in the country of ISO code `code`.
pub fn spoken_in(language: &str, code: &str) -> bool {
    PARSED.iter().any(|l| l.language == language && l.countries.iter().any(|c| c.eq_ignore_ascii_case(code)))
}

/// Whether a word (any case) labels a date in some language ("posted", "bulletin").
pub fn is_date_label(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| every_language(|l| &l.dates.labels));
    WORDS.contains(&word.to_lowercase())
}

/// Whether `c` belongs to a word for the purpose of word boundaries: letters and digits,
/// except those of scripts written without spaces between words (Chinese, Japanese), where
/// a word may begin or end at any character.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        && !matches!(c as u32,
            0x3040..=0x30FF      // Hiragana, Katakana
            | 0x3400..=0x4DBF    // CJK extension A
            | 0x4E00..=0x9FFF    // CJK unified ideographs
            | 0xF900..=0xFAFF    // CJK compatibility ideographs
            | 0xFF66..=0xFF9F) // half-width Katakana
}

/// Whether a word (any case) is a day of the week in some language.
pub fn is_weekday(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| every_language(|l| &l.dates.weekdays));
    WORDS.contains(&word.to_lowercase())
}

/// Whether a month name (any case) is also a common word in some language ("may").
pub fn is_ambiguous_month(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| every_language(|l| &l.dates.ambiguous_months));
    WORDS.contains(&word.to_lowercase())
}

/// Whether a line opens with a letter's greeting in some language ("Dear friends,").
pub fn is_salutation(line: &str) -> bool {
    static WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut w: Vec<String> = every_language(|l| &l.headings.salutations).into_iter().collect();
        w.sort_by_key(|s| std::cmp::Reverse(s.len()));
        w
    });
    let lower = line.trim_start().to_lowercase();
    WORDS.iter().any(|w| lower.strip_prefix(w.as_str()).is_some_and(|rest| rest.starts_with(' ')))
}

/// Whether a word (any case) opens a byline in some language ("By").
pub fn is_byline_word(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| every_language(|l| &l.dates.bylines));
    WORDS.contains(&word.to_lowercase())
}

/// Whether a word (any case) only a sentence has, never a name: a finite verb of some
/// language's `[names] not_in_names`.
pub fn is_sentence_word(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| every_language(|l| &l.names.not_in_names));
    let w: String = word.chars().filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '’').collect();
    WORDS.contains(&w.to_lowercase())
}

/// Every bundled language file, parsed.
pub fn all() -> &'static [Language] {
    &PARSED
}

/// The file of a language by its ISO 639-1 code.
pub fn get(code: &str) -> Option<&'static Language> {
    PARSED.iter().find(|l| l.language == code)
}

/// Every bundled language, by code, plus the union of all of them (`*`) for a text whose
/// language has no file.
pub static LANGUAGES: LazyLock<HashMap<String, Speech>> = LazyLock::new(|| {
    let mut all = Speech::default();
    let mut map = HashMap::new();
    for lang in PARSED.iter().cloned() {
        all.verbs.extend(lang.speech.verbs.iter().cloned());
        all.adverbs.extend(lang.speech.adverbs.iter().cloned());
        all.auxiliaries.extend(lang.speech.auxiliaries.iter().cloned());
        all.relatives.extend(lang.speech.relatives.iter().cloned());
        all.adverb_endings.extend(lang.speech.adverb_endings.iter().cloned());
        all.articles.extend(lang.speech.articles.iter().cloned());
        all.titles.extend(lang.speech.titles.iter().cloned());
        all.title_parts.extend(lang.speech.title_parts.iter().cloned());
        all.issued.extend(lang.speech.issued.iter().cloned());
        all.by.extend(lang.speech.by.iter().cloned());
        all.reporting.extend(lang.speech.reporting.iter().cloned());
        map.insert(lang.language.clone(), lang.speech);
    }
    map.insert("*".into(), all);
    map
});

/// The speech-act wording of a language, or of all languages together.
pub fn speech(language: Option<&str>) -> &'static Speech {
    language.and_then(|l| LANGUAGES.get(l)).or_else(|| LANGUAGES.get("*")).unwrap_or_else(|| {
        static NONE: LazyLock<Speech> = LazyLock::new(Speech::default);
        &NONE
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_in_scripts_without_spaces_too() {
        assert_eq!(word_count("The union calls for talks"), 5);
        assert_eq!(word_count("港湾労働組合連合会"), 4);
        assert!(ends_with_unspaced_organization_word("港湾労働組合連合会"));
        assert!(!ends_with_unspaced_organization_word("ロシアの軍事侵攻に対する談話"));
    }

    #[test]
    fn greetings_are_known_by_their_opening_word() {
        assert!(is_salutation("Dear Sisters and Brothers!"));
        assert!(is_salutation("Chers camarades,"));
        assert!(!is_salutation("Dearborn workers strike"));
    }

    #[test]
    fn every_bundled_language_file_parses_and_names_its_language() {
        for (name, text) in BUNDLED {
            let lang = parse(text, name).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(format!("{}.toml", lang.language), *name);
            assert!(!lang.speech.verbs.is_empty(), "{name}");
            assert!(matches!(lang.dates.months.len(), 0 | 12), "{name}: twelve months or none");
        }
    }

    #[test]
    fn a_month_name_means_one_month_in_every_language() {
        let mut seen = HashMap::new();
        for l in all() {
            for (k, names) in l.dates.months.iter().enumerate() {
                for n in names {
                    let before = seen.insert(n.to_lowercase(), k);
                    assert!(before.is_none_or(|b| b == k), "{n} ({}) is two months", l.language);
                }
            }
        }
        assert_eq!(seen.get("února"), Some(&1));
    }

    #[test]
    fn a_broken_file_names_its_line() {
        let err = parse("language = \"xx\"\n[speech]\nverbs = [\"a\",\n  oops]\n", "xx.toml").expect_err("broken");
        let text = err.to_string();
        assert!(text.contains("xx.toml") && text.contains("line 4"), "{text}");
    }

    #[test]
    fn stems_and_words() {
        let en = speech(Some("en"));
        assert!(en.is_verb("Condemns") && en.is_verb("condemned") && en.is_verb("said"));
        assert!(!en.is_verb("sad") && en.is_adverb("today") && en.is_article("The"));
    }
}
