//! Who speaks: the organization that is the subject of a speech-act verb in a statement's
//! opening ("ITUC-Asia Pacific condemns ...", "CUPE calls on ...", "..., Amnesty
//! International said today"). Statements name their author this way far more often than
//! in a heading or a signature. The verbs, the adverbs that may stand between name and verb,
//! and the articles a name opens with are each language's data (`data/languages/`).

use crate::languages::{self, Speech};
use crate::orgname::{self, OrgLikeness};
use crate::registry::Registry;

/// How far into a statement its author is looked for: its headline and opening.
const OPENING: usize = 1200;

/// The first organization that speaks in a statement's `headlines` and `opening`
/// paragraphs, in `language` (or any language the reader knows): the issuer a headline
/// names ("Statement of the X"), else the subject of a speech-act verb.
pub fn speaker(headlines: &[&str], opening: &[&str], language: Option<&str>, registry: &Registry) -> Option<String> {
    let speech = languages::speech(language);
    if let Some(name) = headlines.iter().find_map(|h| issuer(cut_at(h, OPENING), speech, registry)) {
        return Some(name);
    }
    let mut budget = OPENING;
    let mut spokesperson = None;
    // "The X Federation, which represents four million workers, is deeply concerned":
    // a name opening the first paragraph before a relative clause.
    if let Some(name) = opening.first().and_then(|t| relative_subject(t, speech, registry)) {
        return Some(name);
    }
    for text in headlines.iter().chain(opening) {
        let cut = cut_at(text, budget);
        budget = budget.saturating_sub(cut.len());
        if let Some(name) = in_text(cut, speech, registry, languages::sentence_case(language)) {
            return Some(name);
        }
        spokesperson = spokesperson.or_else(|| leader_of(cut, speech, registry, languages::sentence_case(language)));
        if budget == 0 {
            break;
        }
    }
    // Else the organization a quoted leader speaks for ("the general secretary of the X,
    // Ada Lovelace, said").
    spokesperson
}

/// The state that speaks in a statement's headline or opening, for a statement no
/// organization speaks in: a country that is the subject of a verb of speaking or of
/// taking a position ("South Africa calls on Russia to withdraw", "La France condamne",
/// "Sverige och EU fördömer"), not one of the `topic` countries the statement is about.
/// A state speaks through its government.
pub fn state(headlines: &[&str], opening: &[&str], language: Option<&str>, topic: &[&str]) -> Option<&'static str> {
    let speech = languages::speech(language);
    let mut budget = OPENING;
    for text in headlines.iter().chain(opening) {
        let cut = cut_at(text, budget);
        budget = budget.saturating_sub(cut.len());
        let w = words(cut);
        for (_, end) in before_verbs(&w, speech, |t| speech.is_speaking(t)) {
            if w[end - 1].ends {
                continue;
            }
            // The name words before the verb; the state is their first name, before any
            // small word ("Sverige och EU"), or all of them ("South Africa").
            let mut start = end;
            while start > 0 {
                let t = w[start - 1].text;
                let name_word = t.starts_with(char::is_uppercase) || is_small(t) || speech.is_article(t);
                if !name_word || (w[start - 1].ends && start != end) {
                    break;
                }
                start -= 1;
            }
            while start < end && (speech.is_article(w[start].text) || is_small(w[start].text)) {
                start += 1;
            }
            let first = (start..end).find(|&k| is_small(w[k].text)).unwrap_or(end);
            if start == first {
                continue;
            }
            let name = w[start..first].iter().map(|x| x.text).collect::<Vec<_>>().join(" ");
            if let Some(c) = crate::country::state(&name).filter(|c| !topic.contains(c)) {
                return Some(c);
            }
        }
        if budget == 0 {
            break;
        }
    }
    None
}

/// The name that opens `text` right before a comma and a relative pronoun, when it reads
/// as an organization's.
fn relative_subject(text: &str, speech: &Speech, registry: &Registry) -> Option<String> {
    let w = words(cut_at(text, 200));
    let comma = w.iter().take(10).position(|x| x.raw.ends_with(','))?;
    if !w.get(comma + 1).is_some_and(|r| speech.is_relative(r.text)) || w[..comma].iter().any(|x| x.ends) {
        return None;
    }
    let (start, end) = (usize::from(w.first().is_some_and(|x| speech.is_article(x.text))), comma + 1);
    let name = name_of(&w, start, end, speech)?;
    let named = languages::is_organization_word(w[start].text) && w[start].text.starts_with(char::is_uppercase);
    (named && name.split_whitespace().count() >= 2 || orgname::org_likeness(&name, registry) == OrgLikeness::Strong)
        .then_some(name)
}

/// "the General Secretary of the X", "il segretario generale della X", "présidente du X":
/// the organization a person's title names.
fn leader_of(text: &str, speech: &Speech, registry: &Registry, sentence_case: bool) -> Option<String> {
    let w = words(text);
    for t in 0..w.len().saturating_sub(2) {
        // "YS-leder Erik Kollerud", "DGB-Chefin": an acronym joined to the title.
        if let Some((org, title)) = w[t].text.split_once('-') {
            let near = || w[t.saturating_sub(12)..(t + 16).min(w.len())].iter().any(|x| speech.is_reporting(x.text));
            if orgname::is_acronym(org) && speech.is_title(title) && near() {
                return Some(org.to_string());
            }
        }
        if !speech.is_title(w[t].text) || w[t].ends {
            continue;
        }
        // Only a person quoted as speaking: a reporting verb near the title ("..., said the
        // general secretary of X"), not a leader the statement speaks of.
        let near = w[t.saturating_sub(12)..(t + 16).min(w.len())].iter().any(|x| speech.is_reporting(x.text));
        if !near {
            continue;
        }
        // The title's other words ("segretario generale") before "of".
        let mut k = t + 1;
        while k < w.len() && (speech.is_title(w[k].text) || speech.is_title_part(w[k].text)) && !w[k - 1].ends {
            k += 1;
        }
        if k >= w.len() || !speech.is_by(w[k].text) || w[k - 1].ends {
            continue;
        }
        let (start, end) = name_after(&w, k + 1, 12, speech);
        // Where names capitalise only their first word, the name runs to the comma that
        // closes the title: "présidente du Congrès du travail du Canada, a publié".
        if sentence_case && start < end {
            let close = (start..w.len().min(start + 8)).find(|&i| w[i].ends);
            if let Some(c) = close.filter(|&c| c >= end && w[c].raw.ends_with(',')) {
                let name = w[start..=c].iter().map(|x| x.text).collect::<Vec<_>>().join(" ");
                if languages::is_organization_word(w[start].text) && crate::country::canonical(&name).is_none() {
                    return Some(name);
                }
            }
        }
        // The person's name may follow the organization's without a comma: "della Cisl
        // Luigi Sbarra". Try the longest run first, then shorter ones.
        for stop in (start + 1..=end).rev() {
            if let Some(name) = name_of(&w, start, stop, speech) {
                // After a title, a short capitalised word names an organization too:
                // "Cgil", "Fiom", "Labour" (not a country: "the President of Ukraine").
                let short = !name.contains(' ')
                    && (3..=6).contains(&name.chars().count())
                    && crate::country::canonical(&name).is_none();
                if accepted(&name, registry) || short {
                    return Some(name);
                }
            }
        }
    }
    None
}

/// "Statement of the X ...", "... from the Executive Committee of the X": the body a
/// headline says issued it, without the organ ("Executive Committee of").
fn issuer(text: &str, speech: &Speech, registry: &Registry) -> Option<String> {
    let w = words(text);
    for k in 0..w.len().saturating_sub(1) {
        let by = speech.is_by(w[k].text) && !w[k].ends;
        let statement_by = k > 0 && speech.is_issued(w[k - 1].text) && !w[k - 1].ends;
        // A bare "from" names an issuer too ("A Solution for Peace from the X").
        let from = languages::all().iter().any(|l| l.headings.from.iter().any(|f| f.eq_ignore_ascii_case(w[k].text)));
        if !(by && (statement_by || from)) {
            continue;
        }
        let (start, mut end) = name_after(&w, k + 1, 24, speech);
        while end > start && is_small(w[end - 1].text) {
            end -= 1;
        }
        if start == end {
            continue;
        }
        let raw = w[start..end].iter().map(|x| x.text).collect::<Vec<_>>().join(" ");
        // "Note by the President and the Secretary General of X": the leaders' titles
        // name X, whatever its words.
        let untitled = orgname::strip_titles(&raw);
        let titled = untitled.len() < raw.len();
        if speech.is_title(w[start].text) && !titled {
            continue;
        }
        let name = orgname::strip_organ(untitled).trim_start_matches(|c: char| !c.is_alphanumeric());
        // A name in quotation marks after "Statement of" is a name, whatever its words:
        // "Statement of ‘Sotsialnyi Ruh’".
        let quote = ['"', '“', '„', '‘', '\'', '«', '»', '’', '”'];
        let quoted = w[start].raw.starts_with(quote)
            && w[end - 1].raw.trim_end_matches([',', ':', ';', '.']).ends_with(quote)
            && statement_by
            && name.starts_with(char::is_uppercase);
        let led = titled && !name.is_empty() && crate::country::canonical(name).is_none();
        if quoted || led || accepted(name, registry) {
            return Some(name.to_string());
        }
    }
    None
}

/// The run of name words (capitalised words, acronyms, the small words inside names) that
/// starts at `from`, after its articles, up to `max` words and the end of its clause:
/// its first and one-past-last word.
fn name_after(w: &[Word<'_>], from: usize, max: usize, speech: &Speech) -> (usize, usize) {
    let mut start = from;
    while start < w.len() && speech.is_article(w[start].text) {
        start += 1;
    }
    let mut end = start;
    while end < w.len() && end - start < max {
        let t = w[end].text.trim_start_matches('(');
        let capital = t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        if t.is_empty() || !(capital || is_small(t)) {
            break;
        }
        end += 1;
        if w[end - 1].ends {
            break;
        }
    }
    (start, end)
}

/// The first `n` bytes of `text`, on a character boundary.
fn cut_at(text: &str, n: usize) -> &str {
    if text.len() <= n {
        return text;
    }
    let mut k = n;
    while !text.is_char_boundary(k) {
        k -= 1;
    }
    &text[..k]
}

/// One word of the text: what it says, and whether a sentence or clause ends after it.
struct Word<'a> {
    text: &'a str,
    ends: bool,
    /// As written, with its punctuation and quotation marks.
    raw: &'a str,
}

fn words(text: &str) -> Vec<Word<'_>> {
    text.split_whitespace()
        .map(|raw| {
            // A dotted abbreviation ("U.S.") does not end its sentence.
            let abbreviation = raw.len() <= 6 && raw.matches('.').count() >= 2;
            let ends = raw.ends_with(['.', ',', ';', ':', '!', '?', '"', '”']) && !abbreviation;
            let text = raw.trim_matches(|c: char| !(c.is_alphanumeric() || c == '(' || c == ')' || c == '&'));
            Word { text: without_elision(text), ends, raw }
        })
        .collect()
}

/// A name without the article elided onto it: "l'ISP" is "ISP" (the
/// articles of the language files that end in an apostrophe).
fn without_elision(word: &str) -> &str {
    let Some(k) = word.find(['\'', '’']) else { return word };
    let (article, rest) = word.split_at(k);
    let apostrophe = rest.chars().next().map_or(0, char::len_utf8);
    let name = &rest[apostrophe..];
    let elided = languages::speech(None)
        .articles
        .iter()
        .any(|a| a.strip_suffix(['\'', '’']).is_some_and(|stem| stem.eq_ignore_ascii_case(article)));
    if elided && name.starts_with(char::is_uppercase) {
        name
    } else {
        word
    }
}

/// For each verb of `w` that `is_verb` accepts, its index and where the words before it
/// end once the adverbs between are skipped (never at the text's start). A verb is written
/// in lower case, except in a title-case headline ("X Condemns The Invasion"): "the United
/// States" and "the IUC Appeal" are names.
fn before_verbs<'w>(
    w: &'w [Word<'_>],
    speech: &'w Speech,
    is_verb: impl Fn(&str) -> bool + 'w,
) -> impl Iterator<Item = (usize, usize)> + 'w {
    (1..w.len()).filter(move |&v| is_verb(w[v].text)).filter_map(move |v| {
        let capital = w[v].text.starts_with(char::is_uppercase);
        let title_case = w.get(v + 1).is_some_and(|n| n.text.starts_with(char::is_uppercase));
        if capital && !title_case {
            return None;
        }
        let mut end = v;
        while end > 0 && speech.is_adverb(w[end - 1].text) && !w[end - 1].ends {
            end -= 1;
        }
        (end > 0).then_some((v, end))
    })
}

/// A one-word name that speaks again and again through a report ("Vox ha decidido ...,
/// por eso Vox no dará ..., los de Vox han asegurado"): the subject of a verb at least
/// twice, never part of a longer name elsewhere (a surname follows a first name: "Vladimir
/// Putin"), never written in lower case, and no country, city or word of a sentence; in
/// a language the reader knows that does not capitalise its nouns. Too weak for the opening alone;
/// for a statement that names no one else.
pub fn repeated_speaker(text: &str, language: Option<&str>) -> Option<String> {
    if languages::capitalised_nouns(language) {
        return None;
    }
    let speech = languages::speech(language);
    let w = words(text);
    let capital = |t: &str| t.starts_with(char::is_uppercase);
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (_, end) in before_verbs(&w, speech, |t| speech.is_verb(t)) {
        let k = end - 1;
        let t = w[k].text;
        let alone = k == 0 || w[k - 1].ends || !capital(w[k - 1].text);
        if w[k].ends || !capital(t) || t.chars().count() < 3 || !alone || !t.chars().all(char::is_alphabetic) {
            continue;
        }
        *counts.entry(t).or_insert(0) += 1;
    }
    if counts.values().all(|&c| c < 2) {
        return None;
    }
    // In one pass: the words written in lower case, and those beside another capital
    // (part of a longer name).
    let mut lower: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut in_longer: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for i in 0..w.len() {
        let t = w[i].text;
        if t.starts_with(char::is_lowercase) {
            lower.insert(t);
        } else if i > 0 && !w[i - 1].ends && capital(w[i - 1].text)
            || i + 1 < w.len() && !w[i].ends && capital(w[i + 1].text) && !speech.is_verb(w[i + 1].text)
        {
            in_longer.insert(t);
        }
    }
    counts
        .into_iter()
        .filter(|(t, c)| {
            *c >= 2
                && crate::country::canonical(t).is_none()
                && crate::country::from_name(t).is_none()
                && crate::country::from_city(t).is_none()
                && !languages::is_sentence_word(t)
                && !speech.is_article(t)
                && !languages::is_pronoun(t)
                && !in_longer.contains(t)
                // A common word ("She", "Wir") is written in lower case too.
                && !lower.contains(t.to_lowercase().as_str())
        })
        .max_by_key(|(t, c)| (*c, std::cmp::Reverse(*t)))
        .map(|(t, _)| t.to_string())
}

/// Whether `text` speaks in the first person outside what it quotes: "we condemn" is a
/// statement's own voice; "“We send our solidarity,” the X said" is a report's. A quotation
/// left open runs to the end of its paragraph (a quote of several paragraphs opens each).
pub fn first_person_outside_quotes(text: &str, language: Option<&str>) -> bool {
    let Some(voice) = language.and_then(languages::get).map(|l| &l.voice) else { return false };
    let mut outside = String::with_capacity(text.len());
    let mut open: Option<char> = None;
    for c in text.chars() {
        match (open, c) {
            (None, '“' | '«' | '„' | '"') => open = Some(c),
            (Some('„'), '“' | '”') | (Some('“'), '”') | (Some('«'), '»') | (Some('"'), '"') => open = None,
            (None, '\n') => outside.push(c),
            (Some(_), '\n') => {
                open = None;
                outside.push(c);
            }
            (None, _) => outside.push(c),
            (Some(_), _) => {}
        }
    }
    outside.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).any(|w| {
        let w = w.to_lowercase();
        voice.first_person.contains(&w)
            || w.len() > 5 && voice.first_person_endings.iter().any(|e| w.ends_with(e.as_str()))
    })
}

/// The name right before the first speech-act verb of `text` whose name reads as an
/// organization.
fn in_text(text: &str, speech: &Speech, registry: &Registry, sentence_case: bool) -> Option<String> {
    let w = words(text);
    for (v, end) in before_verbs(&w, speech, |t| speech.is_verb(t)) {
        if w[end - 1].ends && end != v {
            continue;
        }
        if let Some(name) = names_before(&w, end, speech).into_iter().find(|n| accepted(n, registry)) {
            // "the Press Office of the CC of the X stresses": the organization, not its organ.
            let body = orgname::strip_organ(&name);
            return Some(if body.len() < name.len() && accepted(body, registry) { body } else { &name }.to_string());
        }
        if let Some(name) = sentence_case.then(|| sentence_case_name(&w, end, speech)).flatten() {
            return Some(name);
        }
    }
    None
}

/// In a language whose names capitalise only their first word, the sentence's opening
/// words before the verb, when they hold an organization word and name no country:
/// "Česká asociace ukrajinistů odsuzuje ...", "Le Parti communiste français condamne ...".
fn sentence_case_name(w: &[Word<'_>], end: usize, speech: &Speech) -> Option<String> {
    let mut start = end;
    while start > 0 && end - start < 6 && !(w[start - 1].ends && start != end) {
        start -= 1;
        if start == 0 || w[start - 1].ends {
            break;
        }
    }
    if !(start == 0 || w[start - 1].ends) {
        return None;
    }
    while start < end && speech.is_article(w[start].text) {
        start += 1;
    }
    let run = &w[start..end];
    let first_capital = run.first().is_some_and(|x| x.text.starts_with(char::is_uppercase));
    let country =
        |t: &str| crate::country::canonical(t).or_else(|| crate::country::canonical(&t.to_lowercase())).is_some();
    let plain = run.iter().skip(1).all(|x| !languages::is_sentence_word(x.text) && !speech.is_verb(x.text));
    let named = run.iter().any(|x| languages::is_organization_word(x.text));
    // "Ruská vláda", "Den russiske regjering": a country and its government, not an author.
    let a_state = run.len() == 2 && (country(run[0].text) || country(run[1].text));
    (run.len() >= 2 && first_capital && plain && named && !a_state)
        .then(|| run.iter().map(|x| x.text).collect::<Vec<_>>().join(" "))
}

/// The run of name words that ends at `end` (exclusive): capitalised words, acronyms,
/// numbers, and the small words inside names; not across the end of a sentence or clause.
/// An article inside the run starts the name ("Similarly the TUC"); a person's title ends
/// it ("GMB General Secretary Gary Smith" is GMB's).
fn names_before(w: &[Word<'_>], end: usize, speech: &Speech) -> Vec<String> {
    let mut start = end;
    while start > 0 {
        let word = &w[start - 1];
        let t = word.text.trim_start_matches('(');
        let capital = t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        if t.is_empty() || !(capital || is_small(t)) || (word.ends && start != end) {
            break;
        }
        start -= 1;
    }
    // "ITUC, ETUC and TUC condemn": acronyms listed before a run joined by "and" belong to it.
    let joined = (start..end).any(|k| is_and(w[k].text));
    while joined && start > 0 && w[start - 1].raw.ends_with(',') && orgname::is_acronym(w[start - 1].text) {
        start -= 1;
    }
    // An article after the run's first word, not inside a name's "of the", opens the name.
    for k in (start + 1..end).rev() {
        if speech.is_article(w[k].text) && !is_small_particle(w[k - 1].text) {
            start = k + 1;
            break;
        }
    }
    // A person's title: the organization's name is what stands before it.
    // With a title in it the run names a person: only what stands before the title counts.
    match (start + 1..end).find(|&k| speech.is_title(w[k].text)) {
        Some(t) => name_of(w, start, t, speech).into_iter().collect(),
        None => name_of(w, start, end, speech).into_iter().collect(),
    }
}

/// The words `start..end` as a name, without small words or articles at its edges.
fn name_of(w: &[Word<'_>], mut start: usize, mut end: usize, speech: &Speech) -> Option<String> {
    while start < end && (is_small(w[start].text) || speech.is_article(w[start].text)) {
        start += 1;
    }
    while end > start && is_small(w[end - 1].text) {
        end -= 1;
    }
    // The commas of a list of names stay ("ITUC, ETUC and TUC").
    (start < end).then(|| {
        let mut name = String::new();
        for x in &w[start..end] {
            if !name.is_empty() {
                name.push(' ');
            }
            name.push_str(x.text);
            if x.raw.ends_with(',') && !std::ptr::eq(x, &w[end - 1]) {
                name.push(',');
            }
        }
        name
    })
}

/// "of", "de": the particles that join a name's words before an article ("of the"); not
/// an article itself, nor a conjunction ("NATO and the United States" are two).
fn is_small_particle(w: &str) -> bool {
    let any = languages::speech(None);
    is_small(w) && !is_and(w) && (any.is_by(w) || !any.is_article(w))
}

/// A word that joins co-authors' names ("and", "et", "&").
fn is_and(w: &str) -> bool {
    languages::all().iter().any(|l| l.headings.and.iter().any(|a| a.eq_ignore_ascii_case(w)))
}

/// The small words names contain ("of", "de", "and"), as the name reader knows them.
fn is_small(w: &str) -> bool {
    orgname::is_particle(w)
}

/// Whether a name found before a verb is an organization's: as name-like as a heading's
/// author would need to be, or an acronym ("CUPE"), or known to the registry; never a
/// person's name alone (two capitalised words without an organization word).
fn accepted(name: &str, registry: &Registry) -> bool {
    if registry.lookup(name).is_some() {
        return true;
    }
    let single = !name.contains(' ');
    if single {
        return orgname::is_acronym(name) && name.chars().filter(|c| c.is_alphabetic()).count() >= 3
            || name.contains('-') && name.split('-').any(orgname::is_acronym);
    }
    // An acronym alone or inside a word ("ITUC-Asia").
    let acronym = name.split_whitespace().any(|w| {
        let w = w.trim_matches(['(', ')']);
        orgname::is_acronym(w) || w.split('-').any(orgname::is_acronym)
    });
    let likeness = orgname::org_likeness(name, registry);
    likeness == OrgLikeness::Strong || acronym && likeness >= OrgLikeness::Weak
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(text: &str) -> Option<String> {
        speaker(&[], &[text], None, &Registry::empty()).or_else(|| speaker(&[text], &[], None, &Registry::empty()))
    }

    #[test]
    fn the_subject_of_a_speech_act_is_the_author() {
        assert_eq!(
            who("Harbour Workers Union condemns the invasion of Ukraine").as_deref(),
            Some("Harbour Workers Union")
        );
        assert_eq!(who("Today the war began. HWFU calls on the government to act.").as_deref(), Some("HWFU"));
        assert_eq!(
            who("Refugees must be welcomed everywhere, the Lantern Peace Federation said today.").as_deref(),
            Some("Lantern Peace Federation")
        );
        assert_eq!(who("The Quay Party strongly condemns the shelling.").as_deref(), Some("Quay Party"));
        assert_eq!(who("La Fédération des Quais condamne l'invasion.").as_deref(), Some("Fédération des Quais"));
        assert_eq!(who("Der Hafenbund verurteilt den Angriff.").as_deref(), None, "one word, no acronym");
        assert_eq!(who("Der HFB verurteilt den Angriff.").as_deref(), Some("HFB"));
        assert_eq!(who("La FSQ et l'ISQ condamnent l'attaque.").as_deref(), Some("FSQ et ISQ"), "an elided article");
    }

    #[test]
    fn first_person_outside_quotations_is_a_statements_own_voice() {
        let en = |t: &str| first_person_outside_quotes(t, Some("en"));
        assert!(en("We condemn the invasion."));
        assert!(!en("The HWU said: “We condemn the invasion.”"));
        assert!(!en("Ada Byron stated: “Our members stand with Ukraine"), "a quotation left open");
        assert!(en("„Wir“ is German; we are not."));
        assert!(!first_person_outside_quotes("We condemn the invasion.", None), "no language, no judgement");
    }

    #[test]
    fn a_list_of_acronyms_speaks_together() {
        assert_eq!(who("HWU, QWF and LTF condemn the invasion").as_deref(), Some("HWU, QWF and LTF"));
        assert_eq!(orgname::listed_authors("HWU, QWF and LTF", &Registry::empty()).1, ["QWF", "LTF"]);
        let whole = orgname::listed_authors("Federation of Dock and Rail Workers", &Registry::empty());
        assert_eq!(whole.0, "Federation of Dock and Rail Workers");
    }

    #[test]
    fn a_one_word_name_that_speaks_again_and_again() {
        let es = |t: &str| repeated_speaker(t, Some("es"));
        let report = "Quayva ha decidido que no firmará la declaración. Por eso Quayva exige la paz, y los de Quayva han pedido negociaciones.";
        assert_eq!(es(report).as_deref(), Some("Quayva"));
        assert_eq!(es("Quayva ha decidido que no firmará la declaración.").as_deref(), None, "once is not enough");
        let person = "Ada Quayva ha dicho que no. Quayva exige la paz. Quayva ha pedido negociaciones.";
        assert_eq!(es(person).as_deref(), None, "a surname");
        let pronoun = "Ella ha dicho que no. Ella exige la paz.";
        assert_eq!(es(pronoun).as_deref(), None, "a pronoun");
        let de = "Die Regierung hat entschieden. Die Regierung fordert Frieden.";
        assert_eq!(repeated_speaker(de, Some("de")), None, "German capitalises its nouns");
    }

    #[test]
    fn names_in_sentence_case_and_leaders_joined_to_their_organization() {
        let r = Registry::empty();
        let cs = |t: &str| speaker(&[], &[t], Some("cs"), &r);
        assert_eq!(
            cs("Přístavní odborový svaz naprosto jednoznačně odsuzuje útok.").as_deref(),
            Some("Přístavní odborový svaz")
        );
        assert_eq!(cs("Ruská vláda odsuzuje sankce."), None, "a country's government is named by its country");
        assert_eq!(cs("Naše děti odsuzují válku."), None, "no organization word");
        let fr = |t: &str| speaker(&[], &[t], Some("fr"), &r);
        assert_eq!(fr("Le Parti ouvrier des quais condamne l'invasion.").as_deref(), Some("Parti ouvrier des quais"));
        assert_eq!(fr("Le gouvernement russe condamne les sanctions."), None);
        assert_eq!(fr("Le Parti ouvrier français condamne l'invasion.").as_deref(), Some("Parti ouvrier français"));
        assert_eq!(
            fr("Ada Martin, présidente du Congrès du travail des quais, a publié la déclaration suivante.").as_deref(),
            Some("Congrès du travail des quais")
        );
        let no = |t: &str| speaker(&[], &[t], Some("no"), &r);
        assert_eq!(no("– Krigen må stoppe, sier HF-leder Kari Nordmann.").as_deref(), Some("HF"));
    }

    #[test]
    fn issuers_titles_and_openers() {
        assert_eq!(
            who("Statement of the Executive Committee of the Quay Workers Union. One year on").as_deref(),
            Some("Quay Workers Union")
        );
        assert_eq!(
            who("Peace now from the National Committee of the Lantern Party, March 6").as_deref(),
            Some("Lantern Party")
        );
        assert_eq!(who("HWFU General Secretary Ada Lovelace said the war must end.").as_deref(), Some("HWFU"));
        assert_eq!(who("Statement of ‘Hromada Pratsi’: no to the war").as_deref(), Some("Hromada Pratsi"), "quoted");
        assert_eq!(who("Statement of Ada Lovelace: no to the war"), None, "a person");
        assert_eq!(who("Note by the President and the Secretary General of Lanterns").as_deref(), Some("Lanterns"));
        assert_eq!(who("Statement by the President of Ukraine"), None, "a country's leader");
        assert_eq!(
            who("Statement of the Presidium of the Central Committee of the Quay Party of the Northern Federation")
                .as_deref(),
            Some("Quay Party of the Northern Federation")
        );
        assert_eq!(who("Similarly the HWFU called for talks.").as_deref(), Some("HWFU"));
        assert_eq!(
            who("In a statement, the Press Office of the CC of the HWFU stresses the following:").as_deref(),
            Some("HWFU"),
            "an organ stripped"
        );
        assert_eq!(who("NATO and the United States must stop."), None);
        assert_eq!(who("Members donated to the HWFU appeal for Ukraine."), None);
    }

    #[test]
    fn a_leaders_title_names_the_organization() {
        assert_eq!(
            who("“Stop the war now,” said the general secretary of the Quay Workers Union, Ada Byron.").as_deref(),
            Some("Quay Workers Union")
        );
        assert_eq!(
            who("Lo ha detto il segretario generale della Fiom Luigi Verdi.").as_deref(),
            Some("Fiom"),
            "an acronym-like name"
        );
    }

    #[test]
    fn a_name_before_a_relative_clause() {
        let r = Registry::empty();
        let uk = |t: &str| speaker(&[], &[t], Some("uk"), &r);
        assert_eq!(
            uk("Федерація портових робітників, яка представляє інтереси тисяч працівників, стурбована.").as_deref(),
            Some("Федерація портових робітників")
        );
        assert_eq!(
            who("The Harbour Workers Federation, which represents dockers, is deeply concerned.").as_deref(),
            Some("Harbour Workers Federation")
        );
        assert_eq!(who("The war, which began in February, goes on."), None);
    }

    #[test]
    fn a_state_speaks_through_its_verb() {
        let topic = ["Russia", "Ukraine"];
        let state = |t: &str, l: &str| state(&[], &[t], Some(l), &topic);
        assert_eq!(state("Freedonia calls on Russia to withdraw its troops.", "en"), None, "no such country");
        assert_eq!(state("South Africa calls on Russia to withdraw its troops.", "en"), Some("South Africa"));
        assert_eq!(state("The war goes on, India told the Security Council.", "en"), Some("India"));
        assert_eq!(state("The Philippines also reiterated its call for talks.", "en"), Some("Philippines"));
        assert_eq!(state("La France condamne l'annexion.", "fr"), Some("France"));
        assert_eq!(state("Sverige och EU fördömer invasionen.", "sv"), Some("Sweden"));
        assert_eq!(state("Russia condemns the sanctions.", "en"), None, "a country the topic is about");
        assert_eq!(state("Germany has sent weapons.", "en"), None, "an auxiliary is no speech act");
        assert_eq!(state("French unions condemn the war.", "en"), None, "a demonym is no state");
        assert_eq!(state("The Socialist Party of Sweden condemns the war.", "en"), None);
    }

    #[test]
    fn people_countries_and_prose_are_no_author() {
        assert_eq!(who("Vladimir Putin said the operation would go on."), None);
        assert_eq!(who("Russia condemns the sanctions."), None);
        assert_eq!(who("The war has displaced millions."), None);
        assert_eq!(who("Yesterday many people said no to war."), None);
    }
}
