//! Organization names in text: how a heading names an author ("X statement on ...",
//! "Statement of X", "X: title", "X on Y"), whether a phrase is an organization's name at
//! all, how a name splits into its name and aliases ("Socialist Party of Malaysia / Parti
//! Sosialis Malaysia (PSM)"), and when a short form is an acronym of a long one
//! ("CPI (ML) Liberation" of "Communist Party of India (Marxist-Leninist) Liberation").

use std::sync::LazyLock;

use regex::Regex;

use crate::country;
use crate::languages;
use crate::registry::Registry;

/// How sure we are that a phrase names an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OrgLikeness {
    /// Not a name.
    No,
    /// Could be a name (capitalised, an acronym): needs a second cue.
    Weak,
    /// A name: the registry knows it, or it has an organization word and is capitalised.
    Strong,
}

/// Judges whether `phrase` is an organization's name.
pub fn org_likeness(phrase: &str, registry: &Registry) -> OrgLikeness {
    let p = phrase.trim();
    if p.is_empty() || p.len() > 140 || !crate::dates::find_dates(p).is_empty() {
        return OrgLikeness::No;
    }
    if registry.lookup(p).is_some() || registry.lookup(&split_name(p).0).is_some() {
        return OrgLikeness::Strong;
    }
    // A name written without spaces (Chinese, Japanese): short, no sentence's punctuation,
    // and ending with an organization word ("八王子労働組合総連合").
    if languages::is_mostly_unspaced(p) {
        let sentence =
            p.chars().any(|c| matches!(c, '。' | '、' | '，' | '！' | '？' | '：' | '「' | '」' | '“' | '”'));
        let ok = !sentence && p.chars().count() <= 30 && languages::ends_with_unspaced_organization_word(p);
        return if ok { OrgLikeness::Strong } else { OrgLikeness::No };
    }
    let lower = p.to_lowercase();
    // "President Ada Byron & Members of Congress": a person by their title, an addressee.
    let speech = languages::speech(None);
    let mut first_two = p.split_whitespace();
    if let (Some(title), Some(name)) = (first_two.next(), first_two.next()) {
        if speech.is_title(title)
            && !speech.is_title_part(title)
            && !speech.is_title(name)
            && name.starts_with(char::is_uppercase)
            && !is_particle(name)
        {
            return OrgLikeness::No;
        }
    }
    if languages::is_not_organization(&lower) || country::canonical(p).is_some() {
        return OrgLikeness::No;
    }
    // "US/NATO and Russia", "Russia and Ukraine": states and their alliances, not a name.
    if states_listed(p) {
        return OrgLikeness::No;
    }
    // "On the Anniversary of ... by the Russian Federation": a topic, not a name.
    if p.split_whitespace().next().is_some_and(languages::is_topic_word) {
        return OrgLikeness::No;
    }
    // "Solidarity statements", "Statements: ...": a page about statements, not an author.
    if lower.split(|c: char| !c.is_alphanumeric()).any(languages::is_about_statements) {
        return OrgLikeness::No;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.len() > 14 || !p.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
        return OrgLikeness::No;
    }
    // A sentence, not a name: a verb-like lower-case word run or closing punctuation, or
    // a title-case headline with a verb in it ("Government Extremely Disappointed an
    // Agreement Was Not Reached").
    if p.ends_with(['.', '!', '?']) || words.iter().skip(1).any(|w| crate::languages::is_sentence_word(w)) {
        return OrgLikeness::No;
    }
    let significant: Vec<&str> = words.iter().copied().filter(|w| !is_particle(w)).collect();
    let capitalised = significant
        .iter()
        .filter(|w| {
            w.trim_start_matches(['(', '"', '“', '\'']).starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    let title_case = !significant.is_empty() && capitalised * 10 >= significant.len() * 7;
    let has_org_word = words.iter().any(|w| is_org_word(w));
    // French, Spanish and German names are often in sentence case
    // ("Parti communiste français"): a capitalised organization word lets them pass.
    let capital_org_word = words.iter().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.starts_with(char::is_uppercase) && is_org_word(w)
    });
    if p.contains(':') || !(title_case || (capital_org_word && words.len() <= 8)) {
        return OrgLikeness::No;
    }
    let has_acronym = words.iter().any(|w| is_acronym(w.trim_matches(['(', ')', ',', ':'])));
    if has_org_word && (significant.len() >= 2 || has_acronym) {
        OrgLikeness::Strong
    } else if has_org_word || has_acronym || significant.len() >= 2 {
        OrgLikeness::Weak
    } else {
        OrgLikeness::No
    }
}

/// Whether a phrase lists states ("US/NATO and Russia"): parts joined by "/", "&", a
/// comma or a language's "and", one of them a country, none with an organization word.
fn states_listed(phrase: &str) -> bool {
    static AND: LazyLock<Regex> =
        LazyLock::new(|| pattern(&format!(r"(?i)\s*[/&,]\s*|\s+(?:{})\s+", every(|l| &l.headings.and)), "states list"));
    let parts: Vec<&str> = AND.split(phrase).map(str::trim).filter(|p| !p.is_empty()).collect();
    fn without_article(p: &str) -> &str {
        let first = p.split_whitespace().next().unwrap_or("");
        if languages::speech(None).is_article(first) {
            p[first.len()..].trim()
        } else {
            p
        }
    }
    parts.len() >= 2
        && parts.iter().any(|p| country::canonical(without_article(p)).is_some())
        && !parts.iter().any(|p| p.split_whitespace().any(is_org_word))
}

/// A word that makes a phrase an organization ("Party", "Syndicat", "Mineworkers"): the
/// `[names]` of the language files.
fn is_org_word(w: &str) -> bool {
    crate::languages::is_organization_word(w.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Small words inside names ("of", "de", "och"; the language files' `[names] particles`),
/// and the signs that join names ("&", "/").
pub fn is_particle(w: &str) -> bool {
    matches!(w, "&" | "/" | "-" | "–") || crate::languages::is_particle(w)
}

/// An acronym: 2–10 characters, mostly capitals ("PSM", "CPI(ML)", "CGT-FO").
pub fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    (2..=10).contains(&letters.len()) && upper >= 2 && upper * 4 >= letters.len() * 3
}

/// A name split into its main form and the aliases written beside it:
/// "Partido Lakas ng Masa (PLM)" → ("Partido Lakas ng Masa", ["PLM"]);
/// "Socialist Party of Malaysia / Parti Sosialis Malaysia (PSM)" → two aliases.
pub fn split_name(raw: &str) -> (String, Vec<String>) {
    let mut name = raw.trim().trim_end_matches([',', ':', ';', '.', '–', '—', '-', '|', ' ']).trim().to_string();
    let mut aliases = Vec::new();
    // A country written after the name, "Mountain Workers' Council (Georgia)", is not
    // part of it (see `country_in_parentheses`).
    if let Some(open) = name.rfind(" (") {
        if name.ends_with(')') && crate::country::canonical(&name[open + 2..name.len() - 1]).is_some() {
            name.truncate(open);
        }
    }
    // Trailing parenthesised acronyms, possibly several.
    while name.ends_with(')') {
        let Some(open) = name.rfind('(') else { break };
        let inner = name[open + 1..name.len() - 1].trim().to_string();
        if !is_acronym(&inner) && inner.split_whitespace().count() > 6 || open == 0 {
            break;
        }
        // "(Marxist-Leninist)" inside a name is part of it; only a final acronym or
        // short translation is an alias.
        if !is_acronym(&inner) {
            break;
        }
        aliases.push(inner);
        name = name[..open].trim().to_string();
    }
    // Alternatives separated by a slash between spaces.
    if name.contains(" / ") {
        let mut parts = name.split(" / ").map(|s| s.trim().to_string());
        let first = parts.next().unwrap_or_default();
        let rest: Vec<String> = parts.collect();
        aliases.splice(0..0, rest);
        name = first;
    }
    aliases.retain(|a| !a.is_empty() && *a != name);
    (name, aliases)
}

/// The country written in parentheses after a name: "Steppe Democratic Left (Kazakhstan)".
pub fn country_in_parentheses(raw: &str) -> Option<&'static str> {
    let t = raw.trim().trim_end_matches([',', ':', ';', '.']);
    let inner = t.strip_suffix(')')?.rsplit_once('(')?.1;
    crate::country::canonical(inner)
}

/// What a heading says about the statement below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingOrg {
    /// The organization as written (aliases not yet split off).
    pub name: String,
    /// Co-signatories of a joint statement, as written.
    pub cosigners: Vec<String>,
    /// The statement's title, when the heading carries one.
    pub title: Option<String>,
    /// True when the heading itself says it is a statement ("X statement", "Statement of X").
    pub explicit: bool,
    /// True when the title is the whole heading ("X statement on Y"): a headline under
    /// it, when there is one, is the better title.
    pub topic_title: bool,
}

/// The alternatives of a list of words or phrases for a pattern, longest first, each
/// space a run of spaces.
pub(crate) fn alternatives<'a>(words: impl Iterator<Item = &'a String>) -> String {
    let mut words: Vec<String> = words.map(|w| w.to_lowercase()).collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    let escaped: Vec<String> = words.iter().map(|w| regex::escape(w).replace(' ', r"\s+")).collect();
    format!("(?:{})", escaped.join("|"))
}

/// One list of every language's files together.
pub(crate) fn every(list: fn(&languages::Language) -> &Vec<String>) -> String {
    alternatives(languages::all().iter().flat_map(|l| list(l).iter()))
}

/// An article before a name, in any language ("the", "la", "l'"), with its space.
pub(crate) fn article() -> String {
    let elided: Vec<&String> =
        languages::all().iter().flat_map(|l| l.speech.articles.iter()).filter(|a| a.ends_with(['\'', '’'])).collect();
    format!(r"(?:{}\s+|{})", every(|l| &l.speech.articles), alternatives(elided.into_iter()))
}

pub(crate) fn pattern(p: &str, what: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("the language files make a bad {what} pattern: {e}"))
}

/// "Statement of the X", "Déclaration du X": a word for a statement, a word that names who
/// issued it, the rest.
static STATEMENT_OF: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        &format!(
            r"(?i)(?:^|[:–—]\s*|\s-\s+|\.\s+)(?:an?\s+|{art})?(?:{joint}\s+)?(?:{issued})\s+{by}\s+{art}?(?P<rest>.+)$",
            art = article(),
            joint = every(|l| &l.headings.joint),
            issued = every(|l| &l.speech.issued),
            by = every(|l| &l.speech.by),
        ),
        "statement-of",
    )
});

/// "of the X": the second line of a "Statement / of the X" heading, whose first line
/// stood apart or was lost.
static OF_THE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(r"^(?:{by})\s+{art}?(?P<rest>.+)$", art = article(), by = every(|l| &l.speech.by)), "of-the")
});

/// Whether a short line is the "of the X" half of a statement's heading.
pub fn is_of_the_line(text: &str) -> bool {
    let t = text.trim();
    crate::languages::word_count(t) <= 16 && !t.ends_with(['.', ',', ';', ':']) && OF_THE.is_match(t)
}

/// "X statement [on Y]".
static X_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        &format!(
            r"(?i)^(?:{art})?(?P<name>.+?)(?:'s|’s)?\s+(?:{joint}\s+)?{titled}(?:\s+{topic}\s+.+|\s*[:–—-]\s*.+)?$",
            art = article(),
            joint = every(|l| &l.headings.joint),
            titled = every(|l| &l.headings.titled),
            topic = every(|l| &l.headings.topic),
        ),
        "x-statement",
    )
});

static X_COLON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.+?)\s*(?::|\s[–—-]\s|\s\|\s)\s*(.+)$").expect("x-colon pattern"));

/// Where a name ends and the topic of its statement begins.
static TOPIC_CUT: LazyLock<Regex> =
    LazyLock::new(|| pattern(&format!(r"(?i)\s+{}\s+|\s*[:–—|]\s*|\s+-\s+", every(|l| &l.headings.topic)), "topic"));

/// Between the names of a joint statement's authors.
static JOINT_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        &format!(r"(?i),\s+(?:{and}\s+|{art})*|\s+{and}\s+{art}?", and = every(|l| &l.headings.and), art = article()),
        "joint",
    )
});

/// "From the", "By" before an author's name in a heading.
static FROM: LazyLock<Regex> =
    LazyLock::new(|| pattern(&format!(r"(?i)^{}\s+{}?", every(|l| &l.headings.from), article()), "from"));

/// A label in front of a heading: "Statement: ...", "Comunicado: ...".
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| pattern(&format!(r"(?i)^{}\s*:\s*", every(|l| &l.headings.labels)), "label"));

/// The body that issued a statement for its organization ("Central Committee of ...").
static ORGAN: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        &format!(
            r"(?i)^{art}?{organs}\s+{by}\s+{art}?",
            art = article(),
            organs = every(|l| &l.headings.organs),
            by = every(|l| &l.speech.by)
        ),
        "organ",
    )
});

/// Whether a heading says its statement is joint ("Joint statement", "Déclaration commune").
fn says_joint(heading: &str) -> bool {
    static JOINT: LazyLock<Regex> =
        LazyLock::new(|| pattern(&format!(r"(?i)\b{}\b", every(|l| &l.headings.joint)), "joint word"));
    JOINT.is_match(heading)
}

/// An acronym's genitive without an apostrophe ("LOs uttalelse", "DGBs Erklärung"), or
/// with one ("the TUC's statement"): the acronym.
pub fn strip_genitive(name: &str) -> &str {
    let stem = name.strip_suffix("'s").or_else(|| name.strip_suffix("’s")).or_else(|| name.strip_suffix('s'));
    match stem {
        Some(a) if is_acronym(a.rsplit(' ').next().unwrap_or(a)) => a,
        _ => name,
    }
}

/// Removes the issuing bodies from a name: "Central Committee of the Party X" → "Party X",
/// "Presidium of the Central Committee of the Party X" → "Party X".
pub fn strip_organ(mut name: &str) -> &str {
    while let Some(m) = ORGAN.find(name).filter(|m| m.end() < name.len()) {
        name = &name[m.end()..];
    }
    // "DGB-Bundesvorstandes": an acronym joined to its organ.
    static ORGANS: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
        crate::languages::all().iter().flat_map(|l| l.headings.organs.iter().map(|o| o.to_lowercase())).collect()
    });
    match name.rsplit_once('-') {
        Some((org, organ)) if !org.contains(' ') && is_acronym(org) && ORGANS.contains(&organ.to_lowercase()) => org,
        _ => name,
    }
}

/// Removes the leaders' titles a name opens with: "President and the Secretary General of
/// X" → "X" (none when nothing follows them).
pub fn strip_titles(name: &str) -> &str {
    let speech = crate::languages::speech(None);
    let mut rest = name;
    let mut after_by = None;
    let mut titled = false;
    for (k, (i, word)) in name.split_whitespace().map(|w| (w.as_ptr() as usize - name.as_ptr() as usize, w)).enumerate()
    {
        let t = word.trim_matches(|c: char| !c.is_alphanumeric());
        let title = speech.is_title(t) || titled && speech.is_title_part(t);
        // "The Chairperson of the X": an article before the title.
        if k == 0 && speech.is_article(t) {
            continue;
        }
        if !(title || titled && (is_particle(t) || speech.is_article(t))) {
            break;
        }
        titled = true;
        if speech.is_by(t) {
            after_by = Some(i + word.len());
        }
    }
    if let Some(k) = after_by {
        rest = name[k..].trim_start();
        let first = rest.split_whitespace().next().unwrap_or("");
        if speech.is_article(first) {
            rest = rest[first.len()..].trim_start();
        }
    }
    if rest.is_empty() {
        name
    } else {
        rest
    }
}

/// The organization a heading names as the author of what follows, if any.
/// `body_start` is the text after the heading, used to confirm weak names.
pub fn heading_org(heading: &str, body_start: &str, registry: &Registry) -> Option<HeadingOrg> {
    let full = heading.trim();
    let h = LABEL.find(full).map_or(full, |m| &full[m.end()..]);
    let confirmed = |name: &str| mentioned_in(body_start, name);
    let org = |name: &str, title: Option<String>, explicit: bool, topic_title: bool| -> HeadingOrg {
        let joint = says_joint(full);
        let (name, cosigners) = split_joint(strip_organ(strip_titles(name)), joint, registry);
        HeadingOrg { name, cosigners, title, explicit, topic_title }
    };
    if let Some(c) = STATEMENT_OF.captures(h) {
        if let Some(name) = best_name(&c["rest"], registry, |n| confirmed(n), true) {
            return Some(org(&name, Some(full.to_string()), true, true));
        }
    }
    if let Some(c) = OF_THE.captures(h) {
        if let Some(name) = best_name(&c["rest"], registry, |n| confirmed(n), false) {
            return Some(org(&name, Some(full.to_string()), true, true));
        }
    }
    if let Some(c) = X_STATEMENT.captures(h) {
        let name = strip_organ(strip_genitive(c["name"].trim()));
        if acceptable(name, registry, true, &confirmed) {
            return Some(org(name, Some(full.to_string()), true, true));
        }
    }
    if let Some(name) = unspaced_statement(h).filter(|n| org_likeness(n, registry) == OrgLikeness::Strong) {
        return Some(org(name, Some(full.to_string()), true, true));
    }
    if let Some(c) = X_COLON.captures(h) {
        // "From the Mountain Workers' Council: ...", "By the Peace League: ...".
        let name = FROM.find(c[1].trim()).map_or(c[1].trim(), |m| c[1].trim()[m.end()..].trim());
        if acceptable(name, registry, false, &confirmed) {
            return Some(org(name, Some(c[2].trim().to_string()), false, false));
        }
    }
    // A heading the text below repeats whole is a name, even with "for"/"pour" in it
    // ("Collectif Enseignants pour la Paix").
    if org_likeness(h, registry) != OrgLikeness::No && confirmed(h) {
        return Some(org(h, None, false, false));
    }
    // "X on Y": the shortest prefix that is a name.
    if let Some(name) = best_name(h, registry, |n| confirmed(n), false).filter(|n| n.len() < h.len()) {
        return Some(org(&name, Some(full.to_string()), false, true));
    }
    // A heading that is only a name.
    if acceptable(h, registry, false, &confirmed) {
        return Some(org(h, None, false, false));
    }
    None
}

/// "八王子労働組合総連合 幹事会声明": in a script written without spaces, a heading that
/// ends with a word for a statement (`[speech] issued`) names its author before it, the
/// organ after the name (`[headings] organs`) left out.
fn unspaced_statement(heading: &str) -> Option<&str> {
    let unspaced = |w: &str| w.chars().all(|c| !c.is_alphanumeric() || languages::is_unspaced_char(c));
    let speech = languages::speech(None);
    let issued = speech.issued.iter().filter(|w| unspaced(w)).find(|w| heading.ends_with(w.as_str()))?;
    let mut name = heading[..heading.len() - issued.len()].trim_end();
    static ORGANS: LazyLock<Vec<String>> = LazyLock::new(|| {
        let all_unspaced = |w: &str| w.chars().all(|c| !c.is_alphanumeric() || languages::is_unspaced_char(c));
        languages::all().iter().flat_map(|l| l.headings.organs.iter().filter(|o| all_unspaced(o)).cloned()).collect()
    });
    while let Some(o) = ORGANS.iter().find(|o| name.len() > o.len() && name.ends_with(o.as_str())) {
        name = name[..name.len() - o.len()].trim_end();
    }
    (!name.is_empty() && unspaced(name)).then_some(name)
}

/// Whether a candidate name is good enough: a strong name, or a weaker one that the
/// heading declares a statement's author or the text below repeats.
fn acceptable(name: &str, registry: &Registry, explicit: bool, confirmed: &dyn Fn(&str) -> bool) -> bool {
    match org_likeness(name, registry) {
        OrgLikeness::Strong => true,
        OrgLikeness::Weak => explicit || confirmed(name),
        OrgLikeness::No => false,
    }
}

/// The name at the start of `text`, cut where its topic begins: the shortest prefix that
/// is a strong name, else the shortest acceptable one, else (explicit) the whole text.
fn best_name(text: &str, registry: &Registry, confirmed: impl Fn(&str) -> bool, explicit: bool) -> Option<String> {
    let text = text.trim();
    let mut cuts: Vec<usize> = TOPIC_CUT.find_iter(text).map(|m| m.start()).filter(|&i| i > 0).collect();
    cuts.push(text.len());
    let candidates: Vec<&str> = cuts.iter().map(|&i| text[..i].trim()).collect();
    if let Some(c) = candidates.iter().find(|c| org_likeness(strip_organ(c), registry) == OrgLikeness::Strong) {
        return Some(c.to_string());
    }
    let weak_ok = |c: &&&str| {
        let n = strip_organ(c);
        org_likeness(n, registry) == OrgLikeness::Weak
            && (has_acronym_part(n) || confirmed(n) || (explicit && c.len() == text.len()))
    };
    candidates.iter().find(weak_ok).map(|c| c.to_string())
}

/// A joint statement's first-named author and its co-signatories: "X and Y" is split
/// when each part is a name of its own.
fn split_joint(name: &str, joint: bool, registry: &Registry) -> (String, Vec<String>) {
    let parts: Vec<&str> = JOINT_SEPARATOR.split(name).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return (name.to_string(), Vec::new());
    }
    // Names often contain "and" ("Federation of Dock and Rail Workers"): split only a
    // statement that says it is joint, or names the registry knows each.
    let known = parts.iter().all(|p| registry.lookup(p).is_some());
    let each_weak =
        parts.iter().all(|p| p.split_whitespace().count() >= 2 && org_likeness(p, registry) >= OrgLikeness::Weak);
    if known || (joint && each_weak) {
        (parts[0].to_string(), parts[1..].iter().map(|p| p.to_string()).collect())
    } else {
        (name.to_string(), Vec::new())
    }
}

/// The authors a speaker's name lists ("ITUC, ETUC and TUC"): the first, and the others
/// as co-signatories, when each is an acronym or a name the registry knows; else the
/// name whole ("Federation of Dock and Rail Workers").
pub fn listed_authors(name: &str, registry: &Registry) -> (String, Vec<String>) {
    let parts: Vec<&str> = JOINT_SEPARATOR.split(name).map(str::trim).filter(|p| !p.is_empty()).collect();
    let each = parts.iter().all(|p| registry.lookup(p).is_some() || (!p.contains(' ') && is_acronym(p)));
    if parts.len() >= 2 && each {
        (parts[0].to_string(), parts[1..].iter().map(|p| p.to_string()).collect())
    } else {
        (name.to_string(), Vec::new())
    }
}

/// A "X: title" heading whose X could be a name but needs support: on a page whose other
/// statements are introduced the same way.
pub fn weak_colon_heading(heading: &str, registry: &Registry) -> Option<HeadingOrg> {
    let c = X_COLON.captures(heading.trim())?;
    let name = c[1].trim();
    (org_likeness(name, registry) == OrgLikeness::Weak).then(|| HeadingOrg {
        name: name.to_string(),
        cosigners: Vec::new(),
        title: Some(c[2].trim().to_string()),
        explicit: false,
        topic_title: false,
    })
}

fn has_acronym_part(name: &str) -> bool {
    !split_name(name).1.is_empty()
}

/// True when `text` names the organization (its main name or one of its aliases).
pub fn mentioned_in(text: &str, name: &str) -> bool {
    let (main, aliases) = split_name(name);
    let hay = text.to_lowercase();
    std::iter::once(main).chain(aliases).any(|n| {
        let n = n.to_lowercase();
        !n.is_empty() && n.len() >= 2 && hay.contains(&n)
    })
}

/// True when `short` is an abbreviation of `long`: each capital of an acronym stands for
/// one word's initial and each other word matches a word of `long`, in order.
/// "CPI (ML) Liberation" ~ "Communist Party of India (Marxist-Leninist) Liberation".
pub fn abbreviates(short: &str, long: &str) -> bool {
    let long_words: Vec<String> = long
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !is_particle(w))
        .map(str::to_lowercase)
        .collect();
    let mut units: Vec<(bool, String)> = Vec::new();
    for w in short.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        // "CPI", "ML", and a lone capital as in "CLE (M)" stand for initials.
        if is_acronym(w) || (w.chars().count() == 1 && w.chars().all(char::is_uppercase)) {
            units.extend(w.chars().filter(|c| c.is_alphabetic()).map(|c| (true, c.to_lowercase().to_string())));
        } else if !is_particle(w) {
            units.push((false, w.to_lowercase()));
        }
    }
    if units.iter().all(|u| !u.0) || units.len() != long_words.len() {
        return false;
    }
    units.iter().zip(&long_words).all(|((initial, u), w)| if *initial { w.starts_with(u.as_str()) } else { u == w })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg() -> Registry {
        Registry::empty()
    }

    #[test]
    fn org_likeness_of_phrases() {
        let r = reg();
        assert_eq!(org_likeness("Socialist Alliance", &r), OrgLikeness::Strong);
        assert_eq!(org_likeness("Partido Lakas ng Masa (PLM)", &r), OrgLikeness::Strong);
        assert_eq!(org_likeness("Confédération générale du travail", &r), OrgLikeness::Strong);
        assert_eq!(org_likeness("the people of Donbas", &r), OrgLikeness::No);
        assert_eq!(org_likeness("Ukraine", &r), OrgLikeness::No);
        assert_eq!(org_likeness("Statements", &r), OrgLikeness::No);
        assert_eq!(org_likeness("The role of NATO and the US", &r), OrgLikeness::No);
        assert_eq!(org_likeness("Putin’s Russia", &r), OrgLikeness::Weak);
        assert_eq!(org_likeness("President Ada Byron & Members of Congress", &r), OrgLikeness::No, "a person");
        assert_eq!(org_likeness("港湾労働組合連合会", &r), OrgLikeness::Strong, "ends with an organization word");
        assert_eq!(org_likeness("ロシアの軍事侵攻に対する談話", &r), OrgLikeness::No, "a title");
        assert_eq!(org_likeness("連合会はこの軍事侵攻を非難し、撤退を求める", &r), OrgLikeness::No, "a sentence");
        assert_eq!(org_likeness("General Federation of Dock Unions", &r), OrgLikeness::Strong);
        assert_eq!(org_likeness("US/NATO and Russia", &r), OrgLikeness::No, "states listed");
        assert_eq!(org_likeness("Dock Union of Russia and Ukraine", &r), OrgLikeness::Strong);
        assert_eq!(
            org_likeness("On the Anniversary of the Treaty by the Harbour Federation", &r),
            OrgLikeness::No,
            "a topic that names an organization is no name"
        );
    }

    #[test]
    fn organs_and_titles_are_stripped() {
        assert_eq!(strip_organ("Central Committee of the Quay Party"), "Quay Party");
        assert_eq!(strip_organ("Presidium of the Central Committee of the Quay Party"), "Quay Party");
        assert_eq!(strip_organ("HGB-Bundesvorstandes"), "HGB");
        assert_eq!(strip_organ("Hafen-Bund"), "Hafen-Bund");
        assert_eq!(strip_titles("President and the Secretary General of Lanterns"), "Lanterns");
        assert_eq!(strip_titles("Lantern Party"), "Lantern Party");
        assert_eq!(strip_titles("The Chairperson of the Lantern Party"), "Lantern Party");
        assert_eq!(strip_titles("The Lantern Party"), "The Lantern Party");
    }

    #[test]
    fn names_split_into_aliases() {
        assert_eq!(split_name("Partido Lakas ng Masa (PLM)"), ("Partido Lakas ng Masa".into(), vec!["PLM".into()]));
        assert_eq!(
            split_name("Socialist Party of Malaysia / Parti Sosialis Malaysia (PSM)"),
            ("Socialist Party of Malaysia".into(), vec!["Parti Sosialis Malaysia".into(), "PSM".into()])
        );
        assert_eq!(
            split_name("Communist Party of India (Marxist-Leninist) Liberation (CPIML)"),
            ("Communist Party of India (Marxist-Leninist) Liberation".into(), vec!["CPIML".into()])
        );
    }

    #[test]
    fn headings_that_name_authors() {
        let r = reg();
        let h = |s: &str, body: &str| heading_org(s, body, &r).map(|h| (h.name, h.title.filter(|_| !h.topic_title)));
        assert_eq!(
            h("Socialist Alliance: Russia out of Ukraine! No to NATO!", ""),
            Some(("Socialist Alliance".into(), Some("Russia out of Ukraine! No to NATO!".into())))
        );
        assert_eq!(
            h("Partido Lakas ng Masa (PLM) statement on Ukraine", ""),
            Some(("Partido Lakas ng Masa (PLM)".into(), None))
        );
        assert_eq!(h("Statement of the Workers League on the war", ""), Some(("Workers League".into(), None)));
        assert_eq!(h("Official position of the Kvayda Party on the war", "").map(|x| x.0), Some("Kvayda Party".into()));
        assert_eq!(
            h("港湾労働組合連合会 幹事会声明", "").map(|x| x.0),
            Some("港湾労働組合連合会".into()),
            "organ left out"
        );
        assert_eq!(h("Déclaration du Collectif Paix et Justice", ""), Some(("Collectif Paix et Justice".into(), None)));
        let body = "Le Collectif Enseignants pour la Paix exprime";
        assert_eq!(
            h("Collectif Enseignants pour la Paix", body),
            Some(("Collectif Enseignants pour la Paix".into(), None))
        );
        assert_eq!(
            h("Communist Party of India (Marxist-Leninist) Liberation (CPIML) on Russian Military Intervention in Ukraine", "").map(|x| x.0),
            Some("Communist Party of India (Marxist-Leninist) Liberation (CPIML)".into())
        );
        assert_eq!(
            h("of the Council of Harbour Churches", "Dear friends,").map(|x| x.0),
            Some("Council of Harbour Churches".into()),
            "the second line of a 'Statement / of the X' heading"
        );
        assert_eq!(h("Ukraine: for peace and de-escalation", ""), None);
        assert_eq!(h("Statements: Asian socialists condemn Russia's war on Ukraine, NATO expansionism", ""), None);
        assert_eq!(h("The role of NATO and the US", ""), None);
        assert_eq!(h("Putin’s Russia", "Putin does not represent the people."), None);
        // The words come from the language files: a motion's amendment, a German organ.
        assert_eq!(
            h("Harbour Workers Union Amendment To Council Motion On Ukraine", "").map(|x| x.0),
            Some("Harbour Workers Union".into())
        );
        assert_eq!(
            h("Erklärung des Bundesvorstands der Friedensgewerkschaft Nord", "").map(|x| x.0),
            Some("Friedensgewerkschaft Nord".into())
        );
    }

    #[test]
    fn weak_names_need_the_body_to_confirm() {
        let r = reg();
        assert!(heading_org("Akbayan Norte: No to war", "Akbayan Norte condemns the war.", &r).is_some());
        assert!(heading_org("Akbayan Norte: No to war", "We condemn the war.", &r).is_none());
    }

    #[test]
    fn abbreviations() {
        assert!(abbreviates("CPI (ML) Liberation", "Communist Party of India (Marxist-Leninist) Liberation"));
        assert!(abbreviates("CPIML", "Communist Party of India Marxist Leninist"));
        assert!(abbreviates("PSM", "Parti Sosialis Malaysia"));
        assert!(!abbreviates("PSM", "Socialist Party of Malaysia"));
        assert!(!abbreviates("Socialist Alliance", "Socialist Alliance"));
    }
}
