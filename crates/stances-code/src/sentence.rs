//! The units a statement is coded in: sentences, and bullet points that inherit the
//! demand of the line that introduces them ("We call for: • Russia to withdraw ..."). The
//! words that introduce demands and the abbreviations are data, in `data/languages/`.

use std::collections::HashSet;
use std::sync::LazyLock;

use stances_core::{languages, BULLET};

/// One clause of a sentence or bullet of a statement's text: the span its cues must
/// stand in. Most sentences are one clause; "We demand the withdrawal of NATO troops and an
/// end to sanctions" is two, so that who withdraws and what ends stay with their own verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// Byte offset of its first character in the statement text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The sentence it belongs to: what its voice is judged on and what evidence quotes.
    pub sentence: (usize, usize),
    /// A bullet point under a line that calls for something: a demand in the author's voice.
    pub under_demand: bool,
}

/// Parts of words of a line that introduces demands ("We call for:", "Hence, we demand:"),
/// and abbreviations a period does not end a sentence after, in every language: a lead-in
/// and its bullets may be in another language than the statement.
struct Known {
    demand_leads: Vec<String>,
    abbreviations: HashSet<String>,
}

/// Where one clause ends and the next begins, per language (and all languages together
/// under `*`): a join ("and", "as well as") followed by a head that binds its own object
/// ("an end to", "the lifting of", "the withdrawal of").
struct Clauses {
    /// Every join with a space after it, in one automaton.
    joins: Option<aho_corasick::AhoCorasick>,
    heads: Vec<String>,
}

impl Clauses {
    fn new(joins: Vec<String>, heads: Vec<String>) -> Self {
        let patterns: Vec<String> = joins.iter().map(|j| format!("{j} ")).collect();
        let joins = (!patterns.is_empty()).then(|| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::Standard)
                .build(&patterns)
                .expect("clause joins build an automaton")
        });
        Clauses { joins, heads }
    }
}

static CLAUSES: LazyLock<std::collections::HashMap<String, Clauses>> = LazyLock::new(|| {
    let lower = |list: &[String]| list.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
    let mut map = std::collections::HashMap::new();
    let (mut joins, mut heads) = (Vec::new(), Vec::new());
    for l in languages::all() {
        joins.extend(lower(&l.clauses.joins));
        heads.extend(lower(&l.clauses.heads));
        map.insert(l.language.clone(), Clauses::new(lower(&l.clauses.joins), lower(&l.clauses.heads)));
    }
    map.insert("*".to_string(), Clauses::new(joins, heads));
    map
});

static KNOWN: LazyLock<Known> = LazyLock::new(|| {
    let all = languages::all();
    Known {
        demand_leads: all.iter().flat_map(|l| l.voice.demand_leads.iter().map(|w| w.to_lowercase())).collect(),
        abbreviations: all.iter().flat_map(|l| l.sentences.abbreviations.iter().map(|w| w.to_lowercase())).collect(),
    }
});

/// Splits a statement's text into sentences and bullets, and those into clauses, in order.
/// `lang` chooses the words that join clauses (all languages' when unknown).
pub fn units(text: &str, lang: Option<&str>) -> Vec<Unit> {
    units_lowered(text, &text.to_lowercase(), lang)
}

/// [`units`], given the text lower-cased with every character's byte length kept (as the
/// coder has it), so that clauses are found without lower-casing each sentence again.
pub fn units_lowered(text: &str, lowered: &str, lang: Option<&str>) -> Vec<Unit> {
    let sentences = sentence_units(text);
    let clauses = lang.and_then(|l| CLAUSES.get(l)).or_else(|| CLAUSES.get("*"));
    let same = lowered.len() == text.len();
    let mut out = Vec::with_capacity(sentences.len());
    for u in sentences {
        let mut from = 0;
        if same {
            for cut in clause_cuts(&lowered[u.start..u.end], clauses) {
                push_clause(&mut out, text, u, u.start + from, u.start + cut);
                from = cut;
            }
        }
        push_clause(&mut out, text, u, u.start + from, u.end);
    }
    out
}

fn push_clause(out: &mut Vec<Unit>, text: &str, u: Unit, s: usize, e: usize) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Unit { start: s + lead, end: e - trail, ..u });
    }
}

/// Byte offsets in `lower` (a lower-cased sentence) where a new clause begins: after a
/// semicolon, and at a head that follows a join ("... Eastern Europe and an end to sanctions").
fn clause_cuts(lower: &str, clauses: Option<&Clauses>) -> Vec<usize> {
    let mut cuts: Vec<usize> = memchr::memmem::find_iter(lower.as_bytes(), "; ").map(|i| i + 2).collect();
    if let Some(ac) = clauses.and_then(|c| c.joins.as_ref().map(|j| (c, j))) {
        let (c, joins) = ac;
        for m in joins.find_overlapping_iter(lower) {
            let before = lower[..m.start()].chars().next_back();
            if !matches!(before, Some(' ' | ',')) {
                continue;
            }
            let rest = &lower[m.end()..];
            let head = c
                .heads
                .iter()
                .any(|h| rest.starts_with(h.as_str()) && !rest[h.len()..].starts_with(|ch: char| ch.is_alphanumeric()));
            if head {
                cuts.push(m.end());
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// Splits a statement's text into sentences and bullets, in order.
fn sentence_units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut demand_lead = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let body = line.trim_end_matches('\n');
        let bullet = body.starts_with(BULLET);
        let content_start = line_start + if bullet { BULLET.len() } else { 0 };
        let content = &text[content_start..line_start + body.len()];
        if !bullet {
            demand_lead = false;
        }
        let first = out.len();
        sentences(content, content_start, &mut out);
        for u in &mut out[first..] {
            u.under_demand = bullet && demand_lead;
        }
        if !bullet {
            demand_lead = content.trim_end().ends_with(':') && {
                let lower = content.to_lowercase();
                KNOWN.demand_leads.iter().any(|w| lower.contains(w.as_str()))
            };
        }
    }
    out
}

/// Sentence spans of one line: a break after `.`, `!` or `?` followed by a space and a
/// capital, digit, quote or bracket, except after abbreviations ("U.S.", "e.g.", "No."),
/// and after the full stops of scripts written without spaces (`。`, `！`, `？`).
fn sentences(line: &str, offset: usize, out: &mut Vec<Unit>) {
    // Their lead bytes (E3 for `。`, EF for `！` and `？`) are rare in other text.
    if memchr::memchr2(0xE3, 0xEF, line.as_bytes()).is_none() {
        return spaced_sentences(line, offset, out);
    }
    let mut from = 0;
    for (i, c) in line.char_indices().filter(|(_, c)| matches!(c, '。' | '！' | '？')) {
        let end = i + c.len_utf8();
        spaced_sentences(&line[from..end], offset + from, out);
        from = end;
    }
    spaced_sentences(&line[from..], offset + from, out);
}

/// Sentence spans of text whose sentences end with a stop and a space.
fn spaced_sentences(line: &str, offset: usize, out: &mut Vec<Unit>) {
    let bytes = line.as_bytes();
    let mut start = 0;
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let b = bytes[i];
        if i + 2 < bytes.len() && bytes[i + 1] == b' ' {
            let next = line[i + 2..].chars().next().unwrap_or(' ');
            let opens = next.is_uppercase()
                || next.is_ascii_digit()
                || matches!(next, '"' | '“' | '\'' | '‘' | '(' | '«' | '¿' | '¡');
            if opens && !(b == b'.' && abbreviation(&line[start..i])) {
                push(out, line, offset, start, i + 1);
                start = i + 2;
            }
        }
    }
    push(out, line, offset, start, line.len());
}

fn push(out: &mut Vec<Unit>, line: &str, offset: usize, s: usize, e: usize) {
    let piece = &line[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        let (start, end) = (offset + s + lead, offset + e - trail);
        out.push(Unit { start, end, sentence: (start, end), under_demand: false });
    }
}

/// True when the text before a period ends with an abbreviation.
fn abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    word.chars().count() == 1 || word.contains('.') || KNOWN.abbreviations.contains(&word.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, bool)> {
        units(text, Some("en")).into_iter().map(|u| (&text[u.start..u.end], u.under_demand)).collect()
    }

    #[test]
    fn sentences_of_scripts_without_spaces() {
        let t = "港湾労組は侵攻を非難する。即時撤退を求める！";
        let got: Vec<&str> = units(t, Some("ja")).into_iter().map(|u| &t[u.start..u.end]).collect();
        assert_eq!(got, vec!["港湾労組は侵攻を非難する。", "即時撤退を求める！"]);
    }

    #[test]
    fn sentences_and_abbreviations() {
        let got = texts("The U.S. and the U.K. must act. NATO should be scrapped! Why? No. 5 is fine.");
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            ["The U.S. and the U.K. must act.", "NATO should be scrapped!", "Why?", "No. 5 is fine."]
        );
    }

    #[test]
    fn bullets_inherit_a_demand_lead_in() {
        let text = "The people have a right to resist. We support calls for:\n• Russia to withdraw.\n• Talks. Now.\nThe role of NATO\n• Not a demand here.";
        let got = texts(text);
        assert_eq!(got[0], ("The people have a right to resist.", false));
        assert_eq!(got[2], ("Russia to withdraw.", true));
        assert_eq!(got[3], ("Talks.", true));
        assert_eq!(got[4], ("Now.", true));
        assert_eq!(got[6], ("Not a demand here.", false));
    }

    #[test]
    fn a_head_after_a_join_begins_a_clause() {
        let text = "We demand the withdrawal of US and NATO troops from the region and an end to sanctions; peace now.";
        let got: Vec<&str> = texts(text).into_iter().map(|g| g.0).collect();
        assert_eq!(
            got,
            [
                "We demand the withdrawal of US and NATO troops from the region and",
                "an end to sanctions;",
                "peace now."
            ]
        );
        let u = units(text, Some("en"));
        assert!(u.iter().all(|x| x.sentence == (0, text.len())), "one sentence");
        let got = texts("We call for respect for the sovereignty and the territorial integrity of Ukraine.");
        assert_eq!(got.len(), 1, "no head after the join");
    }

    #[test]
    fn description_lead_ins_pass_nothing_on() {
        let got = texts("Putin's actions make it harder to build peace:\n• The invasion will boost NATO.");
        assert_eq!(got[1], ("The invasion will boost NATO.", false));
    }
}
