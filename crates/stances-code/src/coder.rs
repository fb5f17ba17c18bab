//! The coder: finds the positions a statement takes, each with the sentences that take
//! it as evidence. All cues of a codebook are compiled into one Aho-Corasick automaton, so
//! a text is scanned once whatever the number of cues; a cue fires in a sentence that has
//! a phrase of each of its groups, and counts only in the statement's own voice
//! ([`voice`](crate::voice)). A negated cue gives the opposite pole of its family, or nothing.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Serialize;
use stances_core::{Evidence, Position};

use crate::codebook::Codebook;
use crate::sentence::{units, Unit};
use crate::voice::{negated, voice, Voice};

/// A codebook compiled for matching.
#[derive(Debug, Clone)]
pub struct Coder {
    codebook: Codebook,
    cues: Vec<CueRef>,
    /// One scanner per language (only its cues), and one for text of unknown language.
    by_language: HashMap<String, Scanner>,
    all: Scanner,
    languages: Vec<String>,
}

/// The phrases of a set of cues in one automaton.
#[derive(Debug, Clone)]
struct Scanner {
    matcher: AhoCorasick,
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
struct Pattern {
    prefix: bool,
    /// (cue, group) pairs this phrase belongs to.
    uses: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
struct CueRef {
    position: usize,
    groups: usize,
    /// The groups that must be present, and those that must not, as bit masks.
    required: u64,
    excluded: u64,
    near: Vec<bool>,
    has_near: bool,
    source: String,
}

/// What one sentence holds of one cue.
#[derive(Debug, Clone, Default)]
struct Seen {
    /// Bit `g` set when group `g` matched.
    mask: u64,
    /// Where the first group first matched (for negation).
    first: Option<usize>,
    /// Every match, (group, start, end), kept for cues with ` ~ ` joins.
    spans: Vec<(usize, usize, usize)>,
}

/// True when every ` ~ ` join holds: a match of the later group starts after a match of
/// the earlier one, with at most `NEAR_WORDS` words between them.
/// The bit mask of the groups whose `absent` flag is `which`.
fn mask(absent: &[bool], which: bool) -> u64 {
    absent.iter().enumerate().filter(|(_, a)| **a == which).fold(0, |m, (i, _)| m | 1 << i)
}

fn joins_hold(text: &str, near: &[bool], spans: &[(usize, usize, usize)]) -> bool {
    near.iter().enumerate().filter(|(_, n)| **n).all(|(g, _)| {
        spans.iter().filter(|a| a.0 == g).any(|a| {
            spans
                .iter()
                .filter(|b| b.0 == g + 1 && b.1 >= a.2)
                .any(|b| text[a.2..b.1].split_whitespace().count() <= crate::cue::NEAR_WORDS)
        })
    })
}

/// Why a cue that fired did or did not give a position.
#[derive(Debug, Clone, Serialize)]
pub struct Fired {
    /// The position the cue is for.
    pub cue_code: String,
    /// The cue as written in the codebook.
    pub cue: String,
    /// The sentence, as byte offsets into the text.
    pub start: usize,
    /// One past its end.
    pub end: usize,
    /// Whose voice the sentence speaks in.
    pub voice: Voice,
    /// True when the cue's first phrase was negated.
    pub negated: bool,
    /// The position coded, or none.
    pub coded: Option<String>,
}

/// The coding of one statement.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Coding {
    /// The positions, in codebook order, each with its evidence.
    pub positions: Vec<Position>,
    /// Set when the statement could not be coded (its language has no cues).
    pub note: Option<String>,
    /// Every cue that fired, and what came of it (for `--explain`).
    pub fired: Vec<Fired>,
}

impl Scanner {
    /// The automaton of every phrase of the cues whose language `keep` accepts.
    fn build(codebook: &Codebook, keep: impl Fn(&str) -> bool) -> Self {
        let mut index: HashMap<(String, bool), usize> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let all_cues = codebook.positions.iter().flat_map(|p| p.cues.iter());
        for (ci, cue) in all_cues.enumerate() {
            if !keep(&cue.lang) {
                continue;
            }
            for (gi, group) in cue.groups.iter().enumerate() {
                for phrase in group {
                    // Typographic apostrophes are three bytes: match both spellings.
                    let mut variants = vec![phrase.text.clone()];
                    if phrase.text.contains('\'') {
                        variants.push(phrase.text.replace('\'', "’"));
                    }
                    for v in variants {
                        let id = *index.entry((v.clone(), phrase.prefix)).or_insert_with(|| {
                            words.push(v.clone());
                            patterns.push(Pattern { prefix: phrase.prefix, uses: Vec::new() });
                            patterns.len() - 1
                        });
                        patterns[id].uses.push((ci, gi));
                    }
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // A DFA is larger but the fastest to scan with: a codebook is compiled once.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .expect("cue phrases build an automaton");
        Self { matcher, patterns }
    }
}

impl Coder {
    /// Compiles a codebook.
    pub fn new(codebook: Codebook) -> Self {
        let cues = codebook
            .positions
            .iter()
            .enumerate()
            .flat_map(|(pi, p)| {
                p.cues.iter().map(move |c| CueRef {
                    position: pi,
                    groups: c.groups.len(),
                    required: mask(&c.absent, false),
                    excluded: mask(&c.absent, true),
                    near: c.near.clone(),
                    has_near: c.near.iter().any(|n| *n),
                    source: c.source.clone(),
                })
            })
            .collect();
        let languages = codebook.languages();
        let by_language = languages.iter().map(|l| (l.clone(), Scanner::build(&codebook, |x| x == l))).collect();
        let all = Scanner::build(&codebook, |_| true);
        Self { codebook, cues, by_language, all, languages }
    }

    /// The codebook in use.
    pub fn codebook(&self) -> &Codebook {
        &self.codebook
    }

    /// Codes a statement's text. `lang` is its language (ISO 639-1) if known; `names` are
    /// its organization's names, so that "The Alliance condemns ..." counts as its voice.
    pub fn code(&self, text: &str, lang: Option<&str>, names: &[&str]) -> Coding {
        self.run(text, lang, names, false)
    }

    /// [`Coder::code`], also listing every cue that fired and what came of it (`fired`).
    pub fn explain(&self, text: &str, lang: Option<&str>, names: &[&str]) -> Coding {
        self.run(text, lang, names, true)
    }

    fn run(&self, text: &str, lang: Option<&str>, names: &[&str], explain: bool) -> Coding {
        if let Some(l) = lang {
            if !self.languages.iter().any(|x| x == l) {
                return Coding {
                    note: Some(format!("not coded: the codebook has no cues for language `{l}`")),
                    ..Default::default()
                };
            }
        }
        let lowered = lower_same_length(text);
        let units = units(text);
        // Matches come in text order, so sentences are visited one after the other: what a
        // sentence holds of each cue is gathered, then judged when the next sentence begins.
        let mut evidence: Vec<Vec<Evidence>> = vec![Vec::new(); self.codebook.positions.len()];
        let mut fired = Vec::new();
        let mut current: Option<usize> = None;
        let mut unit_cursor = 0;
        let mut held: Vec<(usize, Seen)> = Vec::new();
        // Where each cue sits in `held` (plus one), so a match finds its entry at once.
        let mut slot: Vec<u32> = vec![0; self.cues.len()];
        let scanner = lang.and_then(|l| self.by_language.get(l)).unwrap_or(&self.all);
        for m in scanner.matcher.find_overlapping_iter(&lowered) {
            let pat = &scanner.patterns[m.pattern().as_usize()];
            let (s, e) = (m.start(), m.end());
            let before = lowered[..s].chars().next_back();
            let after = lowered[e..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || (!pat.prefix && after.is_some_and(char::is_alphanumeric)) {
                continue;
            }
            // Matches come in order of their end: the sentence cursor only moves forward,
            // except for a longer match that began before it.
            if units.get(unit_cursor).is_none_or(|x| s < x.start) {
                unit_cursor = units.partition_point(|x| x.end <= s);
            }
            while units.get(unit_cursor).is_some_and(|x| x.end <= s) {
                unit_cursor += 1;
            }
            let u = unit_cursor;
            if units.get(u).is_none_or(|x| s < x.start) {
                continue;
            }
            if e > units[u].end {
                continue;
            }
            if current != Some(u) {
                if let Some(prev) = current {
                    self.judge(
                        text,
                        &lowered,
                        lang,
                        names,
                        units[prev],
                        &mut held,
                        &mut evidence,
                        explain.then_some(&mut fired),
                    );
                }
                for (ci, _) in &held {
                    slot[*ci] = 0;
                }
                held.clear();
                current = Some(u);
            }
            for &(ci, gi) in &pat.uses {
                let k = match slot[ci] {
                    0 => {
                        held.push((ci, Seen::default()));
                        slot[ci] = held.len() as u32;
                        held.len() - 1
                    }
                    k => k as usize - 1,
                };
                let entry = &mut held[k].1;
                entry.mask |= 1 << gi;
                if gi == 0 && entry.first.is_none_or(|p| s < p) {
                    entry.first = Some(s);
                }
                if self.cues[ci].has_near {
                    entry.spans.push((gi, s, e));
                }
            }
        }
        if let Some(prev) = current {
            self.judge(
                text,
                &lowered,
                lang,
                names,
                units[prev],
                &mut held,
                &mut evidence,
                explain.then_some(&mut fired),
            );
        }
        let positions = self
            .codebook
            .positions
            .iter()
            .zip(evidence)
            .filter(|(_, ev)| !ev.is_empty())
            .map(|(p, ev)| Position::machine(p.code.clone(), ev))
            .collect();
        Coding { positions, note: None, fired }
    }
}

impl Coder {
    /// Judges one sentence: the cues it completes, in its voice, each giving a position
    /// (or its opposite when negated) with the sentence as evidence.
    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        text: &str,
        lowered: &str,
        lang: Option<&str>,
        names: &[&str],
        unit: Unit,
        held: &mut [(usize, Seen)],
        evidence: &mut [Vec<Evidence>],
        mut fired: Option<&mut Vec<Fired>>,
    ) {
        held.sort_unstable_by_key(|(ci, _)| *ci);
        let mut v: Option<Voice> = None;
        // The positions this sentence takes, each with the most groups a cue for it matched.
        let mut found: Vec<(usize, usize)> = Vec::new();
        let sentence = &text[unit.start..unit.end];
        for (ci, seen) in held.iter() {
            let cue = &self.cues[*ci];
            if seen.mask & cue.required != cue.required
                || seen.mask & cue.excluded != 0
                || !joins_hold(lowered, &cue.near, &seen.spans)
            {
                continue;
            }
            let voice = *v.get_or_insert_with(|| voice(sentence, lang, names, unit.under_demand));
            let code = &self.codebook.positions[cue.position].code;
            let neg = seen.first.is_some_and(|a| negated(sentence, a - unit.start));
            let coded = match (voice.own(), neg) {
                (false, _) => None,
                (true, false) => Some(code.clone()),
                (true, true) => self.codebook.opposite(code).map(str::to_string),
            };
            if let Some(pi) = coded.as_ref().and_then(|c| self.codebook.positions.iter().position(|p| &p.code == c)) {
                match found.iter_mut().find(|(p, _)| *p == pi) {
                    Some(f) => f.1 = f.1.max(cue.groups),
                    None => found.push((pi, cue.groups)),
                }
            }
            let Some(fired) = fired.as_deref_mut() else { continue };
            fired.push(Fired {
                cue_code: code.clone(),
                cue: cue.source.clone(),
                start: unit.start,
                end: unit.end,
                voice,
                negated: neg,
                coded,
            });
        }
        for &(pi, groups) in &found {
            // Both poles of a family in one sentence ("we oppose sending weapons to
            // Ukraine"): the more specific cue wins, and a tie takes neither.
            let code = &self.codebook.positions[pi].code;
            let rival = self
                .codebook
                .opposite(code)
                .and_then(|o| found.iter().find(|(qi, _)| self.codebook.positions[*qi].code == o).map(|(_, g)| *g));
            if rival.is_some_and(|g| g >= groups) || evidence[pi].iter().any(|ev| ev.start == unit.start) {
                continue;
            }
            evidence[pi].push(Evidence { start: unit.start, end: unit.end, text: sentence.to_string() });
        }
    }
}

/// Lower-cases `text` character by character, keeping every character's byte length so
/// that offsets into the result are offsets into `text`.
fn lower_same_length(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) if x.len_utf8() == c.len_utf8() => out.push(x),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = r#"
topic = "t"
title = "T"
version = "1"

[[family]]
name = "sanctions"
poles = ["support_sanctions", "oppose_sanctions"]

[[position]]
code = "russian_withdrawal"
label = "Russian withdrawal"
cues.en = ["withdraw*|pull out + russia|russian troops|its military|its forces"]
cues.fr = ["retrait + troupes russes"]

[[position]]
code = "support_sanctions"
label = "For sanctions"
family = "sanctions"
cues.en = ["support*|call for|calls for|impose + sanction*"]

[[position]]
code = "oppose_sanctions"
label = "Against sanctions"
family = "sanctions"
cues.en = ["lift*|withdraw|end + sanction*"]
"#;

    fn coder() -> Coder {
        Coder::new(Codebook::parse(BOOK, "t").expect("codebook"))
    }

    fn codes(c: &Coding) -> Vec<&str> {
        c.positions.iter().map(|p| p.code.as_str()).collect()
    }

    #[test]
    fn cues_fire_in_own_voice_with_evidence_offsets() {
        let text =
            "The war must end. Russia must withdraw its military from Ukraine.\nWe support sanctions on oligarchs.";
        let c = coder().code(text, Some("en"), &[]);
        assert_eq!(codes(&c), ["russian_withdrawal", "support_sanctions"]);
        let ev = &c.positions[0].evidence[0];
        assert_eq!(&text[ev.start..ev.end], "Russia must withdraw its military from Ukraine.");
        assert_eq!(ev.text, "Russia must withdraw its military from Ukraine.");
    }

    #[test]
    fn negation_gives_the_opposite_pole() {
        let c =
            coder().code("We do not support economic sanctions on Russia that hurt working people.", Some("en"), &[]);
        assert_eq!(codes(&c), ["oppose_sanctions"]);
    }

    #[test]
    fn both_poles_in_one_sentence_the_more_specific_cue_wins() {
        // "support* + sanction*" (two groups) and "end ~ sanction* + russia" (three) both fire.
        let book = BOOK.replace(
            "cues.en = [\"lift*|withdraw|end + sanction*\"]",
            "cues.en = [\"lift*|withdraw|end ~ sanction* + russia\"]",
        );
        let specific = Coder::new(Codebook::parse(&book, "t").expect("codebook"));
        let c = specific.code("We support an end to the sanctions on Russia.", Some("en"), &[]);
        assert_eq!(codes(&c), ["oppose_sanctions"]);
        // A tie takes neither pole.
        let c = coder().code("We support an end to sanctions.", Some("en"), &[]);
        assert!(c.positions.is_empty(), "{:?}", codes(&c));
    }

    #[test]
    fn an_excluded_group_keeps_a_cue_from_firing() {
        let book = BOOK.replace(
            "cues.en = [\"lift*|withdraw|end + sanction*\"]",
            "cues.en = [\"lift*|end ~ sanction* - oligarch*\"]",
        );
        let coder = Coder::new(Codebook::parse(&book, "t").expect("codebook"));
        assert_eq!(codes(&coder.code("We want to lift sanctions.", Some("en"), &[])), ["oppose_sanctions"]);
        assert!(coder.code("We will never lift sanctions on oligarchs.", Some("en"), &[]).positions.is_empty());
    }

    #[test]
    fn reported_speech_and_history_take_no_position() {
        let c = coder().explain(
            "Biden's stance triggered the war by demanding that Russia withdraw its forces.",
            Some("en"),
            &[],
        );
        assert!(c.positions.is_empty());
        assert_eq!(c.fired.len(), 1);
        assert_eq!(c.fired[0].voice, Voice::Reported);
    }

    #[test]
    fn words_match_whole_or_as_declared_prefixes() {
        // "prussian" must not match "russia"; "sanctioned" matches "sanction*".
        let c = coder().code("We call for the withdrawal of Prussian troops.", Some("en"), &[]);
        assert!(c.positions.is_empty());
        let c = coder().code("We support the sanctioned measures.", Some("en"), &[]);
        assert_eq!(codes(&c), ["support_sanctions"]);
    }

    #[test]
    fn languages_without_cues_are_said_not_coded() {
        let c = coder().code("Chiediamo il ritiro delle truppe russe.", Some("it"), &[]);
        assert!(c.positions.is_empty());
        assert!(c.note.as_deref().is_some_and(|n| n.contains("`it`")));
        let c = coder().code("Nous exigeons le retrait immédiat des troupes russes.", Some("fr"), &[]);
        assert_eq!(codes(&c), ["russian_withdrawal"], "French cues apply to French text");
        let c = coder().code("Nous exigeons la paix.", Some("fr"), &[]);
        assert!(c.positions.is_empty() && c.note.is_none(), "covered, nothing found");
    }

    #[test]
    fn near_joins_need_the_groups_close_and_in_order() {
        let book = BOOK
            .replace(r#"cues.en = ["lift*|withdraw|end + sanction*"]"#, r#"cues.en = ["oppose*|against ~ sanction*"]"#);
        let coder = Coder::new(Codebook::parse(&book, "t").expect("codebook"));
        let c = coder.code("We oppose the new economic sanctions on Russia.", Some("en"), &[]);
        assert_eq!(codes(&c), ["oppose_sanctions"]);
        let c = coder.code("We oppose the war and the men who started it, and we call for sanctions.", Some("en"), &[]);
        assert!(!codes(&c).contains(&"oppose_sanctions"), "too far apart");
        let c = coder.code("Sanctions are something we oppose.", Some("en"), &[]);
        assert!(!codes(&c).contains(&"oppose_sanctions"), "wrong order");
    }

    #[test]
    fn offsets_survive_non_ascii_text() {
        let text = "İstanbul. We support sanctions — “now”.";
        let c = coder().code(text, Some("en"), &[]);
        let ev = &c.positions[0].evidence[0];
        assert_eq!(&text[ev.start..ev.end], "We support sanctions — “now”.");
    }
}
