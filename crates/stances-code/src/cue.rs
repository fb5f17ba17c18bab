//! Cues: how a codebook says what signals a position. A cue is one or more groups joined
//! by ` + ` (anywhere in the sentence, in any order) or ` ~ ` (the next group follows within
//! five words) or ` - ` (the group must *not* occur in the sentence), each group one or more
//! phrases joined by `|`; a sentence matches the cue when it holds a phrase of every group,
//! as the joins require, and none of an excluded group. A word ending in `*` matches
//! any word it begins ("withdraw*" matches "withdrawal"); matching ignores case.
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
            phrases.push(phrase(alt)?);
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

fn phrase(alt: &str) -> Result<Phrase, String> {
    let words: Vec<&str> = alt.split_whitespace().collect();
    if words.is_empty() {
        return Err("an empty alternative (check `|` and ` + `)".into());
    }
    for (i, w) in words.iter().enumerate() {
        if let Some(bad) = w.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.' | '*' | '%')))
        {
            return Err(format!(
                "`{bad}` is not allowed: write words, `*` at a word's end, `|` between alternatives, ` + ` or ` ~ ` between groups"
            ));
        }
        let stars = w.matches('*').count();
        if stars > 1 || (stars == 1 && (!w.ends_with('*') || i + 1 != words.len())) || *w == "*" {
            return Err(format!("`*` may only end the last word of a phrase (in `{alt}`)"));
        }
    }
    let prefix = alt.trim_end().ends_with('*');
    let text = words.join(" ").trim_end_matches('*').to_lowercase().replace('’', "'");
    Ok(Phrase { text, prefix })
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
        assert!(parse("pull* out", "en").expect_err("star").contains("`*` may only end"));
    }
}
