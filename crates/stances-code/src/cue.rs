//! Cues: how a codebook says what signals a position. A cue is one or more groups joined
//! by ` + ` (anywhere in the sentence, in any order) or ` ~ ` (the next group follows within
//! five words) or ` - ` (the group must *not* occur in the sentence), each group one or more
//! phrases joined by `|`; a sentence matches the cue when it holds a phrase of every group,
//! as the joins require, and none of an excluded group. A word ending in `*` matches
//! any word it begins ("withdraw*" matches "withdrawal"); matching ignores case. A `*` on
//! an earlier word of a phrase stands for one of the endings its language's file lists
//! (`[inflection] endings` in `data/languages/`), so `humanitarn* pomoc*` covers
//! "pomoc humanitarna" and "humanitarnej pomocy" in Polish.
//!
//! `withdraw*|pull out + russian troops|russian forces|its military`,
//! `oppose*|against|lift* ~ sanction*`,
//! `must|should ~ send ~ weapons + ukrain* - oppose*|against|stop`. A cue that begins
//! with `! ` counts only in a sentence that asks for something: `! refugee*|asylum`.

/// One phrase: lower-case words, the last one possibly a prefix.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// The words joined by single spaces, lower-case, without the `*`.
    pub text: String,
    /// True when the last word is a prefix (`*`).
    pub prefix: bool,
}

/// A parsed cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The language it is for (ISO 639-1).
    pub lang: String,
    /// The cue as written in the codebook.
    pub source: String,
    /// The groups; each must be matched by one of its phrases.
    pub groups: Vec<Vec<Phrase>>,
    /// For each join between group `i` and `i + 1`: true for ` ~ ` (follows within
    /// [`NEAR_WORDS`] words), false for ` + ` and ` - `.
    pub near: Vec<bool>,
    /// For each group: true when it must be absent (it follows ` - `).
    pub absent: Vec<bool>,
    /// True for a cue written `! ...`: it counts only in a sentence that asks for
    /// something ("we call for", "must", a slogan), not in any sentence of the author's.
    pub demand_only: bool,
}

/// How many words may stand between two groups joined by ` ~ `.
pub const NEAR_WORDS: usize = 5;

/// Parses a cue; the error says what is wrong with it.
pub fn parse(source: &str, lang: &str) -> Result<Cue, String> {
    let mut groups = Vec::new();
    let mut near = Vec::new();
    let mut absent = vec![false];
    let demand_only = source.starts_with("! ");
    let mut rest = source.strip_prefix("! ").unwrap_or(source);
    loop {
        let next = [" + ", " ~ ", " - "].iter().filter_map(|sep| rest.find(sep).map(|i| (i, *sep))).min();
        let (group, after) = match next {
            Some((i, sep)) => {
                near.push(sep == " ~ ");
                absent.push(sep == " - ");
                (&rest[..i], Some(&rest[i + 3..]))
            }
            None => (rest, None),
        };
        let mut phrases = Vec::new();
        for alt in group.split('|') {
            phrases.extend(phrase(alt, lang)?);
        }
        groups.push(phrases);
        match after {
            Some(a) => rest = a,
            None => break,
        }
    }
    if groups.len() > 8 {
        return Err("more than 8 groups".into());
    }
    if near.iter().enumerate().any(|(i, n)| *n && (absent[i] || absent[i + 1])) {
        return Err("` ~ ` cannot join a group excluded with ` - `".into());
    }
    Ok(Cue { lang: lang.to_string(), source: source.to_string(), groups, near, absent, demand_only })
}

/// The phrases one alternative stands for: itself, or one per combination of endings
/// when an earlier word ends in `*`.
fn phrase(alt: &str, lang: &str) -> Result<Vec<Phrase>, String> {
    let words: Vec<&str> = alt.split_whitespace().collect();
    if words.is_empty() {
        return Err("an empty alternative (check `|` and ` + `)".into());
    }
    for w in &words {
        if let Some(bad) = w.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.' | '*' | '%')))
        {
            return Err(format!(
                "`{bad}` is not allowed: write words, `*` at a word's end, `|` between alternatives, ` + ` or ` ~ ` between groups"
            ));
        }
        if w.matches('*').count() > 1 || (w.contains('*') && !w.ends_with('*')) || *w == "*" {
            return Err(format!("`*` may only end a word (in `{alt}`)"));
        }
    }
    let last = words.len() - 1;
    let inner = words[..last].iter().any(|w| w.ends_with('*'));
    let endings: &[String] = match stances_core::languages::get(lang) {
        Some(l) if !l.inflection.endings.is_empty() => &l.inflection.endings,
        _ if inner => {
            return Err(format!(
                "`*` inside `{alt}` stands for the endings of the language, and `{lang}` lists none (its file's `[inflection] endings`)"
            ))
        }
        _ => &[],
    };
    // Every combination of endings on the earlier words marked `*`.
    let mut texts = vec![String::new()];
    for (i, w) in words.iter().enumerate() {
        let w = w.to_lowercase().replace('’', "'");
        let forms: Vec<String> = match w.strip_suffix('*') {
            Some(stem) if i < last => {
                std::iter::once(String::new()).chain(endings.iter().cloned()).map(|e| format!("{stem}{e}")).collect()
            }
            Some(stem) => vec![stem.to_string()],
            None => vec![w],
        };
        texts = texts
            .iter()
            .flat_map(|t| forms.iter().map(move |f| if t.is_empty() { f.clone() } else { format!("{t} {f}") }))
            .collect();
        if texts.len() > 4096 {
            return Err(format!("`{alt}` stands for more than 4096 phrases"));
        }
    }
    let prefix = words[last].ends_with('*');
    texts.sort();
    texts.dedup();
    Ok(texts.into_iter().map(|text| Phrase { text, prefix }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_alternatives() {
        let c = parse("withdraw*|pull out + Russian troops|its military", "en").expect("parses");
        assert_eq!(c.groups.len(), 2);
        assert_eq!(c.groups[0][0], Phrase { text: "withdraw".into(), prefix: true });
        assert_eq!(c.groups[0][1], Phrase { text: "pull out".into(), prefix: false });
        assert_eq!(c.groups[1][0].text, "russian troops");
        assert_eq!(parse("2% target", "en").expect("percent").groups[0][0].text, "2% target");
    }

    #[test]
    fn near_joins() {
        let c = parse("oppose*|against ~ sanction* + russia", "en").expect("parses");
        assert_eq!(c.groups.len(), 3);
        assert_eq!(c.near, [true, false]);
    }

    #[test]
    fn excluded_groups() {
        let c = parse("send ~ weapons - oppose*|against + ukraine", "en").expect("parses");
        assert_eq!(c.absent, [false, false, true, false]);
        assert_eq!(c.near, [true, false, false]);
        assert!(parse("send - oppose ~ weapons", "en").expect_err("near an excluded group").contains("cannot join"));
        let c = parse("! refugee*", "en").expect("parses");
        assert!(c.demand_only && c.groups[0][0].text == "refugee");
    }

    #[test]
    fn bad_cues_say_why() {
        assert!(parse("with(draw", "en").expect_err("paren").contains("`(` is not allowed"));
        assert!(parse("a|", "en").expect_err("empty").contains("empty alternative"));
        assert!(parse("with*draw", "en").expect_err("star").contains("`*` may only end"));
        assert!(parse("pull* out", "en").expect_err("star").contains("lists none"));
    }

    #[test]
    fn a_star_inside_a_phrase_stands_for_the_languages_endings() {
        let c = parse("humanitarn* pomoc*", "pl").expect("parses");
        let texts: Vec<&str> = c.groups[0].iter().map(|p| p.text.as_str()).collect();
        assert!(texts.contains(&"humanitarnej pomoc") && texts.contains(&"humanitarna pomoc"), "{texts:?}");
        assert!(texts.contains(&"humanitarn pomoc") && c.groups[0].iter().all(|p| p.prefix));
        assert!(!texts.contains(&"humanitarnxyz pomoc"));
    }
}
