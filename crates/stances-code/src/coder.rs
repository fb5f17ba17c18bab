//! The coder: finds the positions a statement takes, each with the sentences that take
//! it as evidence. All cues of a codebook are compiled into one Aho-Corasick automaton, so
//! a text is scanned once whatever the number of cues; a cue fires in a sentence that has
//! a phrase of each of its groups, and counts only in the statement's own voice
//! ([`voice`](crate::voice)). A negated cue gives the opposite pole of its family, or nothing.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Serialize;
use stances_core::{Evidence, Position};

use crate::codebook::Codebook;
use crate::sentence::{units_lowered, Unit};
use crate::voice::{demands, negated, voice, Voice};

/// A codebook compiled for matching.
#[derive(Debug, Clone)]
pub struct Coder {
    codebook: Codebook,
    cues: Vec<CueRef>,
    /// For each group: true when a ` ~ ` join uses it, so its matches' spans are kept.
    near_group: Vec<bool>,
    /// One scanner per language (only its cues), and one for text of unknown language,
    /// each built the first time a text needs it: a run that reads English builds no
    /// automaton for the sixteen other languages.
    by_language: HashMap<String, OnceLock<Scanner>>,
    all: OnceLock<Scanner>,
    group_count: usize,
    languages: Vec<String>,
}

/// The phrases of a set of cues in one automaton.
#[derive(Debug, Clone)]
struct Scanner {
    matcher: AhoCorasick,
    patterns: Vec<Pattern>,
    /// For each group, the scanner's cues that begin with it: a cue is tried in a sentence
    /// only when its first group matched there.
    starts: Vec<Vec<u32>>,
}

#[derive(Debug, Clone)]
struct Pattern {
    prefix: bool,
    /// The groups this phrase belongs to. Cues share groups (`@russia` is one group in
    /// many cues), so a match costs one step per distinct group, not per cue.
    groups: Vec<u32>,
}

#[derive(Debug, Clone)]
struct CueRef {
    position: usize,
    /// Its groups, as ids shared between cues with the same phrases.
    groups: Vec<u32>,
    /// For each group: true when it must be absent (` - `).
    absent: Vec<bool>,
    near: Vec<bool>,
    demand_only: bool,
    source: String,
}

/// The groups one sentence holds so far, each found at once through a slot per group.
/// Its buffers are reused from sentence to sentence.
struct Held {
    /// Each group matched, with where it first matched (for negation).
    entries: Vec<(u32, usize)>,
    /// Where each group sits in `entries` (plus one), zero when absent.
    slot: Vec<u32>,
    /// Every match of a group in a ` ~ ` join: (group, start, end).
    spans: Vec<(u32, usize, usize)>,
    /// The cues to try, gathered when the sentence is judged.
    candidates: Vec<u32>,
}

impl Held {
    /// Where `group` first matched in the sentence, if it did.
    fn first(&self, group: u32) -> Option<usize> {
        match self.slot[group as usize] {
            0 => None,
            k => Some(self.entries[k as usize - 1].1),
        }
    }

    fn spans(&self, group: u32) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.spans.iter().filter(move |s| s.0 == group).map(|s| (s.1, s.2))
    }

    fn clear(&mut self) {
        for (g, _) in &self.entries {
            self.slot[*g as usize] = 0;
        }
        self.entries.clear();
        self.spans.clear();
    }
}

/// True when every ` ~ ` join of a cue holds: a match of the later group starts after a
/// match of the earlier one, with at most `NEAR_WORDS` words between them.
fn joins_hold(text: &str, cue: &CueRef, held: &Held) -> bool {
    cue.near.iter().enumerate().filter(|(_, n)| **n).all(|(i, _)| {
        held.spans(cue.groups[i]).any(|(_, a_end)| {
            held.spans(cue.groups[i + 1])
                .filter(|&(b_start, _)| b_start >= a_end)
                .any(|(b_start, _)| text[a_end..b_start].split_whitespace().count() <= crate::cue::NEAR_WORDS)
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
#[derive(Debug, Clone, Default)]
pub struct Coding {
    /// The positions taken, each with its evidence.
    pub positions: Vec<Position>,
    /// Why the statement was not coded, when it was not (no cues for its language).
    pub note: Option<String>,
    /// Every cue that fired, and what came of it (for `--explain`).
    pub fired: Vec<Fired>,
}

impl Scanner {
    /// The automaton of every phrase of the cues whose language `keep` accepts.
    fn build(codebook: &Codebook, cues: &[CueRef], group_count: usize, keep: impl Fn(&str) -> bool) -> Self {
        let mut index: HashMap<(String, bool), usize> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut starts: Vec<Vec<u32>> = vec![Vec::new(); group_count];
        let all_cues = codebook.positions.iter().flat_map(|p| p.cues.iter());
        for (ci, cue) in all_cues.enumerate() {
            if !keep(&cue.lang) {
                continue;
            }
            starts[cues[ci].groups[0] as usize].push(ci as u32);
            for (gi, group) in cue.groups.iter().enumerate() {
                let gid = cues[ci].groups[gi];
                for phrase in group {
                    // Typographic apostrophes are three bytes: match both spellings.
                    let mut variants = vec![phrase.text.clone()];
                    if phrase.text.contains('\'') {
                        variants.push(phrase.text.replace('\'', "’"));
                    }
                    for v in variants {
                        let id = *index.entry((v.clone(), phrase.prefix)).or_insert_with(|| {
                            words.push(v.clone());
                            patterns.push(Pattern { prefix: phrase.prefix, groups: Vec::new() });
                            patterns.len() - 1
                        });
                        if !patterns[id].groups.contains(&gid) {
                            patterns[id].groups.push(gid);
                        }
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
        Self { matcher, patterns, starts }
    }
}

impl Coder {
    /// Compiles a codebook.
    pub fn new(codebook: Codebook) -> Self {
        // Groups with the same phrases are one group, whichever cues they are in.
        let mut group_ids: HashMap<Vec<(String, bool)>, u32> = HashMap::new();
        let mut cues = Vec::new();
        for (pi, p) in codebook.positions.iter().enumerate() {
            for c in &p.cues {
                let groups = c
                    .groups
                    .iter()
                    .map(|g| {
                        let mut key: Vec<(String, bool)> = g.iter().map(|ph| (ph.text.clone(), ph.prefix)).collect();
                        key.sort();
                        key.dedup();
                        let next = group_ids.len() as u32;
                        *group_ids.entry(key).or_insert(next)
                    })
                    .collect();
                cues.push(CueRef {
                    position: pi,
                    groups,
                    absent: c.absent.clone(),
                    near: c.near.clone(),
                    demand_only: c.demand_only,
                    source: c.source.clone(),
                });
            }
        }
        let group_count = group_ids.len();
        let mut near_group = vec![false; group_count];
        for c in &cues {
            for (i, n) in c.near.iter().enumerate() {
                if *n {
                    near_group[c.groups[i] as usize] = true;
                    near_group[c.groups[i + 1] as usize] = true;
                }
            }
        }
        let languages = codebook.languages();
        let by_language = languages.iter().map(|l| (l.clone(), OnceLock::new())).collect();
        Self { codebook, cues, near_group, by_language, all: OnceLock::new(), group_count, languages }
    }

    /// The scanner for text in `lang`, or for text of unknown language.
    fn scanner(&self, lang: Option<&str>) -> &Scanner {
        match lang.and_then(|l| self.by_language.get_key_value(l)) {
            Some((l, cell)) => {
                cell.get_or_init(|| Scanner::build(&self.codebook, &self.cues, self.group_count, |x| x == l))
            }
            None => self.all.get_or_init(|| Scanner::build(&self.codebook, &self.cues, self.group_count, |_| true)),
        }
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
        let units = units_lowered(text, &lowered, lang);
        // Matches come in text order, so sentences are visited one after the other: the
        // groups a sentence holds are gathered, then judged when the next sentence begins.
        let mut evidence: Vec<Vec<Evidence>> = vec![Vec::new(); self.codebook.positions.len()];
        let mut fired = Vec::new();
        let mut current: Option<usize> = None;
        let mut unit_cursor = 0;
        let mut held = Held {
            entries: Vec::new(),
            slot: vec![0; self.near_group.len()],
            spans: Vec::new(),
            candidates: Vec::new(),
        };
        let scanner = self.scanner(lang);
        let mut judge = |u: usize, held: &mut Held, fired: &mut Vec<Fired>| {
            let ctx = Sentence { text, lowered: &lowered, lang, names, unit: units[u] };
            self.judge(scanner, &ctx, held, &mut evidence, explain.then_some(fired));
        };
        for m in scanner.matcher.find_overlapping_iter(&lowered) {
            let pat = &scanner.patterns[m.pattern().as_usize()];
            let (s, e) = (m.start(), m.end());
            let before = lowered[..s].chars().next_back();
            let after = lowered[e..].chars().next();
            let word = stances_core::languages::is_word_char;
            if before.is_some_and(word) || (!pat.prefix && after.is_some_and(word)) {
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
                    judge(prev, &mut held, &mut fired);
                }
                held.clear();
                current = Some(u);
            }
            for &g in &pat.groups {
                match held.slot[g as usize] {
                    0 => {
                        held.entries.push((g, s));
                        held.slot[g as usize] = held.entries.len() as u32;
                    }
                    k => {
                        let first = &mut held.entries[k as usize - 1].1;
                        *first = (*first).min(s);
                    }
                }
                if self.near_group[g as usize] {
                    held.spans.push((g, s, e));
                }
            }
        }
        if let Some(prev) = current {
            judge(prev, &mut held, &mut fired);
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

/// One sentence being judged, with what it needs to be judged.
struct Sentence<'a> {
    text: &'a str,
    lowered: &'a str,
    lang: Option<&'a str>,
    names: &'a [&'a str],
    unit: Unit,
}

impl Coder {
    /// Judges one sentence: the cues it completes, in its voice, each giving a position
    /// (or its opposite when negated) with the sentence as evidence.
    fn judge(
        &self,
        scanner: &Scanner,
        ctx: &Sentence,
        held: &mut Held,
        evidence: &mut [Vec<Evidence>],
        mut fired: Option<&mut Vec<Fired>>,
    ) {
        let unit = ctx.unit;
        let mut candidates = std::mem::take(&mut held.candidates);
        candidates.clear();
        candidates.extend(held.entries.iter().flat_map(|(g, _)| scanner.starts[*g as usize].iter().copied()));
        candidates.sort_unstable();
        let mut v: Option<Voice> = None;
        // Voice and evidence are the sentence's; cues and negation the clause's.
        let (sent_start, sent_end) = unit.sentence;
        let sentence = &ctx.text[sent_start..sent_end];
        let clause = &ctx.text[unit.start..unit.end];
        let fired_from = fired.as_deref().map_or(0, Vec::len);
        // The positions this sentence takes, each with the most groups a cue for it matched.
        let mut found: Vec<(usize, usize)> = Vec::new();
        for &ci in &candidates {
            let cue = &self.cues[ci as usize];
            let complete = cue.groups.iter().zip(&cue.absent).all(|(g, absent)| held.first(*g).is_some() != *absent);
            if !complete || !joins_hold(ctx.lowered, cue, held) {
                continue;
            }
            let voice = *v.get_or_insert_with(|| voice(sentence, ctx.lang, ctx.names, unit.under_demand));
            let code = &self.codebook.positions[cue.position].code;
            let first = held.first(cue.groups[0]).unwrap_or(unit.start);
            let neg = negated(clause, first - unit.start, ctx.lang);
            let coded = match (voice.own(), neg) {
                (false, _) => None,
                (true, _) if cue.demand_only && !demands(sentence, ctx.lang, voice) => None,
                (true, false) => Some(code.clone()),
                (true, true) => self.codebook.opposite(code).map(str::to_string),
            };
            if let Some(pi) = coded.as_ref().and_then(|c| self.codebook.positions.iter().position(|p| &p.code == c)) {
                match found.iter_mut().find(|(p, _)| *p == pi) {
                    Some(f) => f.1 = f.1.max(cue.groups.len()),
                    None => found.push((pi, cue.groups.len())),
                }
            }
            let Some(fired) = fired.as_deref_mut() else { continue };
            fired.push(Fired {
                cue_code: code.clone(),
                cue: cue.source.clone(),
                start: sent_start,
                end: sent_end,
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
            if rival.is_some_and(|g| g >= groups) {
                if let Some(fired) = fired.as_deref_mut() {
                    for f in fired.iter_mut().skip(fired_from).filter(|f| f.coded.as_deref() == Some(code)) {
                        f.coded = None;
                    }
                }
                continue;
            }
            if evidence[pi].iter().any(|ev| ev.start == sent_start) {
                continue;
            }
            evidence[pi].push(Evidence { start: sent_start, end: sent_end, text: sentence.to_string() });
        }
        held.candidates = candidates;
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
