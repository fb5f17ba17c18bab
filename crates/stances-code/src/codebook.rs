//! The codebook: the positions a statement can take on a topic, and the cues that signal
//! each in each language. It is data an editor can change (`data/codebooks/*.toml`); a
//! codebook with an error fails to load with the file, the line and the reason.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use crate::cue::{self, Cue};

/// A codebook that cannot be loaded.
#[derive(Debug, Error)]
#[error("{origin}, line {line}: {reason}")]
pub struct CodebookError {
    /// The file.
    pub origin: String,
    /// The line (1-based).
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    topic: String,
    title: String,
    version: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    elsewhere: Vec<String>,
    #[serde(default, rename = "family")]
    families: Vec<FamilyFile>,
    #[serde(default)]
    words: BTreeMap<String, BTreeMap<String, Spanned<String>>>,
    #[serde(rename = "position")]
    positions: Vec<PositionFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyFile {
    name: Spanned<String>,
    #[serde(default)]
    label: Option<String>,
    poles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionFile {
    code: Spanned<String>,
    label: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    family: Option<String>,
    #[serde(default)]
    cues: BTreeMap<String, Vec<Spanned<String>>>,
}

/// A family of positions that are poles of one question (for sanctions / against them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// Its name, e.g. `sanctions`.
    pub name: String,
    /// Its label.
    pub label: Option<String>,
    /// The codes of its poles, usually two.
    pub poles: Vec<String>,
}

/// One position of the codebook.
#[derive(Debug, Clone)]
pub struct PositionDef {
    /// Stable code, e.g. `russian_withdrawal`.
    pub code: String,
    /// Short label for readers.
    pub label: String,
    /// What taking it means.
    pub description: String,
    /// The family it belongs to, if any.
    pub family: Option<String>,
    /// Its cues, every language together.
    pub cues: Vec<Cue>,
}

/// A loaded, checked codebook.
#[derive(Debug, Clone)]
pub struct Codebook {
    /// Topic slug, e.g. `ukraine-war`.
    pub topic: String,
    /// Human title.
    pub title: String,
    /// Version string.
    pub version: String,
    /// Longer description.
    pub description: Option<String>,
    /// The countries the topic is about (English names): a statement that addresses their
    /// governments says nothing of where its author is.
    pub countries: Vec<String>,
    /// Words that say a text is about the topic, in any language (`*` ends a prefix):
    /// watched feeds keep only entries that name one or take a position.
    pub keywords: Vec<String>,
    /// Words that say a text is about another topic that shares this one's words (a
    /// ceasefire in Gaza, a strike's negotiations): a page that names one of them and none
    /// of `keywords` takes no position of this codebook.
    pub elsewhere: Vec<String>,
    /// The positions, in the file's order.
    pub positions: Vec<PositionDef>,
    /// The families.
    pub families: Vec<Family>,
}

impl Codebook {
    /// Parses and checks a codebook; `origin` names the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Self, CodebookError> {
        let err = |span: Option<std::ops::Range<usize>>, reason: String| CodebookError {
            origin: origin.to_string(),
            line: span.map_or(1, |s| line_of(text, s.start)),
            reason,
        };
        let file: File = toml::from_str(text).map_err(|e| err(e.span(), e.message().to_string()))?;
        let mut seen = HashSet::new();
        let mut positions = Vec::new();
        for p in file.positions {
            let code = p.code.get_ref().clone();
            if !seen.insert(code.clone()) {
                return Err(err(Some(p.code.span()), format!("position `{code}` is defined twice")));
            }
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                return Err(err(
                    Some(p.code.span()),
                    format!("code `{code}` must be lower-case letters, digits and _"),
                ));
            }
            let mut cues = Vec::new();
            for (lang, list) in p.cues {
                if lang.len() != 2 || !lang.chars().all(|c| c.is_ascii_lowercase()) {
                    return Err(err(
                        Some(p.code.span()),
                        format!("`{lang}` in the cues of `{code}` is not a two-letter language code"),
                    ));
                }
                let words = file.words.get(&lang);
                for c in list {
                    let cue = expand(c.get_ref(), words, 0)
                        .and_then(|expanded| cue::parse(&expanded, &lang))
                        .map(|mut cue| {
                            cue.source = c.get_ref().clone();
                            cue
                        })
                        .map_err(|reason| {
                            err(Some(c.span()), format!("cue {:?} of `{code}`: {reason}", c.get_ref()))
                        })?;
                    cues.push(cue);
                }
            }
            positions.push(PositionDef { code, label: p.label, description: p.description, family: p.family, cues });
        }
        let mut families = Vec::new();
        for f in file.families {
            for pole in &f.poles {
                if !seen.contains(pole) {
                    return Err(err(
                        Some(f.name.span()),
                        format!("family `{}` names an unknown position `{pole}`", f.name.get_ref()),
                    ));
                }
            }
            families.push(Family { name: f.name.into_inner(), label: f.label, poles: f.poles });
        }
        for p in &positions {
            if let Some(f) = &p.family {
                if !families.iter().any(|x| &x.name == f) {
                    return Err(err(None, format!("position `{}` names an unknown family `{f}`", p.code)));
                }
            }
        }
        Ok(Self {
            topic: file.topic,
            title: file.title,
            version: file.version,
            description: file.description,
            countries: file.countries,
            keywords: file.keywords,
            elsewhere: file.elsewhere,
            positions,
            families,
        })
    }

    /// The opposite pole of a position, when it belongs to a two-pole family.
    pub fn opposite(&self, code: &str) -> Option<&str> {
        let family = self.families.iter().find(|f| f.poles.iter().any(|p| p == code))?;
        match family.poles.as_slice() {
            [a, b] if a == code => Some(b),
            [a, b] if b == code => Some(a),
            _ => None,
        }
    }

    /// The languages that have cues.
    pub fn languages(&self) -> Vec<String> {
        let mut v: Vec<String> = self.positions.iter().flat_map(|p| p.cues.iter().map(|c| c.lang.clone())).collect();
        v.sort();
        v.dedup();
        v
    }

    /// A position by its code.
    pub fn position(&self, code: &str) -> Option<&PositionDef> {
        self.positions.iter().find(|p| p.code == code)
    }
}

/// Replaces every `@name` in a cue by the alternatives the codebook's `[words.LANG]` table
/// gives that name (which may name other words, up to four deep).
fn expand(cue: &str, words: Option<&BTreeMap<String, Spanned<String>>>, depth: usize) -> Result<String, String> {
    if !cue.contains('@') {
        return Ok(cue.to_string());
    }
    if depth > 4 {
        return Err("words name each other more than four deep (a loop?)".into());
    }
    let mut out = String::with_capacity(cue.len() * 4);
    let mut rest = cue;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        let name = &after[..end];
        let Some(alternatives) = words.and_then(|w| w.get(name)) else {
            return Err(format!("`@{name}` is not in this language's [words]"));
        };
        out.push_str(&expand(alternatives.get_ref(), words, depth + 1)?);
        rest = &after[end..];
    }
    out.push_str(rest);
    Ok(out)
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
topic = "t"
title = "T"
version = "1"

[[family]]
name = "sanctions"
poles = ["support_sanctions", "oppose_sanctions"]

[[position]]
code = "support_sanctions"
label = "Supports sanctions"
family = "sanctions"
cues.en = ["support*|impose + sanction*"]

[[position]]
code = "oppose_sanctions"
label = "Opposes sanctions"
family = "sanctions"
cues.en = ["@lift + sanction*"]
cues.fr = ["lever + sanction*"]

[words.en]
lift = "lift|end|@scrap"
scrap = "scrap|drop"
"#;

    #[test]
    fn loads_positions_families_and_cues() {
        let cb = Codebook::parse(OK, "t.toml").expect("loads");
        assert_eq!(cb.positions.len(), 2);
        assert_eq!(cb.opposite("support_sanctions"), Some("oppose_sanctions"));
        assert_eq!(cb.languages(), ["en", "fr"]);
    }

    #[test]
    fn words_expand_into_their_alternatives() {
        let cb = Codebook::parse(OK, "t.toml").expect("loads");
        let cue = &cb.position("oppose_sanctions").expect("code").cues[0];
        assert_eq!(cue.source, "@lift + sanction*");
        let first: Vec<&str> = cue.groups[0].iter().map(|p| p.text.as_str()).collect();
        assert_eq!(first, ["lift", "end", "scrap", "drop"]);

        let unknown = OK.replace("cues.fr = [\"lever", "cues.fr = [\"@lift|lever");
        let e = Codebook::parse(&unknown, "cb.toml").expect_err("no French words");
        assert!(e.to_string().contains("`@lift` is not in this language's [words]") && e.line == 21, "{e}");

        let looped = OK.replace("scrap = \"scrap|drop\"", "scrap = \"@lift\"");
        let e = Codebook::parse(&looped, "cb.toml").expect_err("loop");
        assert!(e.to_string().contains("four deep"), "{e}");
    }

    #[test]
    fn errors_name_the_file_line_and_reason() {
        let dup = OK.replace("code = \"oppose_sanctions\"", "code = \"support_sanctions\"");
        let e = Codebook::parse(&dup, "cb.toml").expect_err("duplicate");
        assert_eq!(e.line, 17, "{e}");
        assert!(e.to_string().starts_with("cb.toml, line 17: position `support_sanctions` is defined twice"), "{e}");

        let unknown = OK.replace("label = \"Opposes sanctions\"", "label = \"Opposes sanctions\"\ncolour = \"red\"");
        let e = Codebook::parse(&unknown, "cb.toml").expect_err("unknown field");
        assert!(e.to_string().contains("colour") && e.line == 19, "{e}");

        let bad = OK.replace("lever + sanction*", "lever + sanc(tion");
        let e = Codebook::parse(&bad, "cb.toml").expect_err("bad cue");
        assert_eq!(e.line, 21, "{e}");
        assert!(e.to_string().contains("cue \"lever + sanc(tion\""), "{e}");
    }
}
