//! Scores a reading against gold: are the statements split where the gold splits them,
//! attributed to the same organization, country and date, and coded with the same
//! positions? Prints per-code precision, recall and F1, and lists every miss.
//!
//! The rules are those of the scorer the product is measured with (`score.py` beside the
//! real pages): texts compared case-, accent- and punctuation-blind; a gold statement
//! aligned to the first unused read statement whose text holds its first forty
//! characters, else, when the counts match, to the one in its place; an organization right
//! when a gold name or alias (or co-signatory) equals the read name, stands whole inside
//! it, holds it (two words or more), or shares three fifths of their words; a date right
//! when equal or within a month-only gold date, and no date right only when none was read
//! (or the read one is the page address's, or a year-less date the text gives); the
//! country scored on the found statements whose gold gives one; evidence right when the quoted sentences
//! share half the words of the shorter.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;

use serde::Serialize;
use stances_core::Statement;
use unicode_normalization::UnicodeNormalization;

use crate::gold::{GoldDocument, GoldStatement};

/// Counts for one code.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct CodeScore {
    /// Coded by both.
    pub tp: usize,
    /// Coded by the machine only.
    pub fp: usize,
    /// Coded by the gold only.
    pub fn_: usize,
}

impl CodeScore {
    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (1 when nothing was expected).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1 of the two.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// One disagreement, for the list at the end.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    /// The input file.
    pub file: String,
    /// What was compared ("organization", "date", a code, "segment").
    pub what: String,
    /// The gold's value.
    pub expected: String,
    /// What was read.
    pub got: String,
}

/// The scores of a whole gold file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Documents scored.
    pub documents: usize,
    /// Documents that could not be read at all.
    pub unreadable: usize,
    /// Statements in the gold.
    pub gold_statements: usize,
    /// Statements read.
    pub read_statements: usize,
    /// Gold statements found (a read statement begins with the gold's first words).
    pub matched: usize,
    /// Documents split into exactly the gold's number of statements.
    pub documents_count_exact: usize,
    /// Matched statements with the right organization.
    pub organization_ok: usize,
    /// Matched statements with the right country, of those whose gold gives one.
    pub country_ok: usize,
    /// Found statements whose gold gives a country (the country's denominator).
    pub country_scored: usize,
    /// Matched statements with the right date.
    pub date_ok: usize,
    /// Read statements no gold statement was aligned with.
    pub extra_statements: usize,
    /// Positions found by both whose evidence quotes the gold's sentence.
    pub evidence_ok: usize,
    /// Positions found by both.
    pub evidence_scored: usize,
    /// Per-code counts.
    pub codes: BTreeMap<String, CodeScore>,
    /// Every disagreement.
    pub disagreements: Vec<Disagreement>,
}

impl Report {
    /// Micro-averaged counts over all codes.
    pub fn micro(&self) -> CodeScore {
        self.codes.values().fold(CodeScore::default(), |a, c| CodeScore {
            tp: a.tp + c.tp,
            fp: a.fp + c.fp,
            fn_: a.fn_ + c.fn_,
        })
    }

    /// Mean F1 over the codes that occur in the gold or the reading.
    pub fn macro_f1(&self) -> f64 {
        if self.codes.is_empty() {
            return 1.0;
        }
        self.codes.values().map(CodeScore::f1).sum::<f64>() / self.codes.len() as f64
    }

    /// Share of gold statements found.
    pub fn segmentation_recall(&self) -> f64 {
        ratio(self.matched, self.gold_statements)
    }

    /// Share of read statements that match a gold one.
    pub fn segmentation_precision(&self) -> f64 {
        ratio(self.matched, self.read_statements)
    }
}

/// The case-, accent- and punctuation-blind form of a text: its words, lower-case,
/// without combining marks, joined by single spaces (letters of every script kept).
pub fn norm(s: &str) -> String {
    let folded: String = s.nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect();
    let lower = folded.to_lowercase().replace('ß', "ss");
    lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn tokens(s: &str) -> Vec<String> {
    norm(s).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Whether `small`'s words stand, whole and in order, inside `big`'s.
fn contains(big: &[String], small: &[String]) -> bool {
    !small.is_empty() && big.windows(small.len()).any(|w| w == small)
}

/// Whether a read organization names the gold one: its name, an alias or a co-signatory,
/// equal, contained as whole words, or nearly the same words.
pub fn org_ok(pred: Option<&str>, gold: &GoldStatement) -> bool {
    let Some(pred) = pred else { return false };
    let p = tokens(pred);
    if p.is_empty() {
        return false;
    }
    std::iter::once(&gold.organization).chain(&gold.aliases).chain(&gold.co_organizations).any(|name| {
        let n = tokens(name);
        if n.is_empty() {
            return false;
        }
        if p == n || (n.concat().chars().count() >= 2 && contains(&p, &n)) || (p.len() >= 2 && contains(&n, &p)) {
            return true;
        }
        let a: HashSet<&String> = p.iter().collect();
        let b: HashSet<&String> = n.iter().collect();
        a.intersection(&b).count() as f64 / a.union(&b).count() as f64 >= 0.6
    })
}

/// The dates a page's address states (`/2022/03/01/`, `2022-03-01`, `/2022/03/`).
fn url_dates(url: &str) -> Vec<String> {
    let b = url.as_bytes();
    let digits = |i: usize, n: usize| i + n <= b.len() && b[i..i + n].iter().all(u8::is_ascii_digit);
    let sep = |i: usize| i < b.len() && matches!(b[i], b'/' | b'-');
    let mut out = Vec::new();
    let mut i = 0;
    while i + 7 <= b.len() {
        if b[i] == b'2' && b[i + 1] == b'0' && digits(i, 4) && sep(i + 4) && digits(i + 5, 2) {
            let mut d = format!("{}-{}", &url[i..i + 4], &url[i + 5..i + 7]);
            if sep(i + 7) && digits(i + 8, 2) {
                d.push('-');
                d.push_str(&url[i + 8..i + 10]);
            }
            out.push(d);
            i += 7;
        } else {
            i += 1;
        }
    }
    out
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether a read date agrees with the gold's.
pub fn date_ok(pred: Option<&str>, gold: &GoldStatement, url: &str) -> bool {
    let pred = pred.filter(|p| !p.is_empty());
    match (&gold.date, pred) {
        (None, None) => true,
        (None, Some(p)) => {
            // A date the page's address states is not invented, nor a year-less date the
            // text gives ("March 1") with a year added.
            let from_url = url_dates(url).iter().any(|u| p.starts_with(u.as_str()) || u.starts_with(p));
            let text = norm(gold.date_text.as_deref().unwrap_or_default());
            let from_text = !text.is_empty()
                && p.len() == 10
                && p[5..7].parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1))).is_some_and(|month| {
                    let day = p[8..10].trim_start_matches('0');
                    text.contains(month)
                        && text.split(' ').any(|w| {
                            w.strip_prefix(day).is_some_and(|rest| matches!(rest, "" | "st" | "nd" | "rd" | "th"))
                        })
                });
            from_url || from_text
        }
        (Some(_), None) => false,
        (Some(g), Some(p)) => p == g || (g.len() < 10 && p.starts_with(g.as_str())),
    }
}

/// Each gold statement's read statement: the first unused one whose text holds the gold's
/// first forty characters (normalised), else, when the counts agree, the one in its place.
pub fn align(read: &[Statement], gold: &[GoldStatement]) -> Vec<Option<usize>> {
    let texts: Vec<String> = read.iter().map(|s| norm(&s.text)).collect();
    let mut used = vec![false; read.len()];
    gold.iter()
        .enumerate()
        .map(|(gi, g)| {
            let first: String = norm(&g.first_words).chars().take(40).collect();
            let mut hit =
                (!first.is_empty()).then(|| (0..read.len()).find(|&i| !used[i] && texts[i].contains(&first))).flatten();
            if hit.is_none() && read.len() == gold.len() && gi < read.len() && !used[gi] {
                hit = Some(gi);
            }
            if let Some(i) = hit {
                used[i] = true;
            }
            hit
        })
        .collect()
}

/// Scores documents: each gold document with what was read from it (`Err` when the
/// document could not be read).
pub fn evaluate(docs: &[(GoldDocument, Result<Vec<Statement>, String>)]) -> Report {
    let mut r = Report::default();
    for (gold, read) in docs {
        r.documents += 1;
        r.gold_statements += gold.statements.len();
        let read = match read {
            Ok(s) => s.as_slice(),
            Err(e) => {
                r.unreadable += 1;
                r.disagreements.push(Disagreement {
                    file: gold.file.clone(),
                    what: "document".into(),
                    expected: "readable".into(),
                    got: e.clone(),
                });
                &[]
            }
        };
        r.read_statements += read.len();
        if read.len() == gold.statements.len() {
            r.documents_count_exact += 1;
        } else {
            r.disagreements.push(Disagreement {
                file: gold.file.clone(),
                what: "statements".into(),
                expected: gold.statements.len().to_string(),
                got: read.len().to_string(),
            });
        }
        let url = gold.url.as_deref().or(gold.source_url.as_deref()).unwrap_or_default();
        let pairs = align(read, &gold.statements);
        for (g, hit) in gold.statements.iter().zip(&pairs) {
            let Some(i) = *hit else {
                r.disagreements.push(Disagreement {
                    file: gold.file.clone(),
                    what: "segment".into(),
                    expected: g.first_words.clone(),
                    got: "no statement holds these first words".into(),
                });
                for p in &g.positions {
                    r.codes.entry(p.code.clone()).or_default().fn_ += 1;
                }
                continue;
            };
            r.matched += 1;
            let s = &read[i];
            let mut check = |what: &str, ok: bool, expected: String, got: String| {
                if !ok {
                    r.disagreements.push(Disagreement { file: gold.file.clone(), what: what.into(), expected, got });
                }
                usize::from(ok)
            };
            let name = Some(s.organization.name.as_str()).filter(|n| !n.is_empty());
            r.organization_ok +=
                check("organization", org_ok(name, g), g.organization.clone(), s.organization.name.clone());
            if let Some(country) = &g.country {
                r.country_scored += 1;
                let ok = norm(s.country.as_deref().unwrap_or_default()) == norm(country);
                r.country_ok += check("country", ok, country.clone(), format!("{:?}", s.country));
            }
            let got_date = s.date.map(|d| d.to_string());
            let ok = date_ok(got_date.as_deref(), g, url);
            r.date_ok += check("date", ok, format!("{:?}", g.date), format!("{got_date:?}"));
            score_positions(&mut r, &gold.file, g, s);
        }
        let used: HashSet<usize> = pairs.iter().flatten().copied().collect();
        for (_, s) in read.iter().enumerate().filter(|(i, _)| !used.contains(i)) {
            r.extra_statements += 1;
            r.disagreements.push(Disagreement {
                file: gold.file.clone(),
                what: "extra statement".into(),
                expected: String::new(),
                got: format!("{} ({})", s.organization.name, s.text.chars().take(60).collect::<String>()),
            });
            for p in &s.positions {
                r.codes.entry(p.code.clone()).or_default().fp += 1;
            }
        }
    }
    r
}

fn score_positions(r: &mut Report, file: &str, g: &GoldStatement, s: &Statement) {
    let expected: BTreeSet<&str> = g.positions.iter().map(|p| p.code.as_str()).collect();
    let got: BTreeSet<&str> = s.positions.iter().map(|p| p.code.as_str()).collect();
    for code in expected.union(&got) {
        let e = r.codes.entry(code.to_string()).or_default();
        match (expected.contains(code), got.contains(code)) {
            (true, true) => {
                e.tp += 1;
                // The quoted evidence must be the sentence that takes the position.
                let words = |t: &str| tokens(t).into_iter().collect::<HashSet<String>>();
                let gold_ev: Vec<HashSet<String>> =
                    g.positions.iter().filter(|p| p.code == *code).map(|p| words(&p.evidence)).collect();
                let read_ev: Vec<HashSet<String>> = s
                    .positions
                    .iter()
                    .filter(|p| p.code == *code)
                    .flat_map(|p| p.evidence.iter().map(|e| words(&e.text)))
                    .collect();
                r.evidence_scored += 1;
                let quoted = gold_ev.iter().any(|a| {
                    read_ev.iter().any(|b| {
                        let shared = a.intersection(b).count();
                        shared > 0 && shared as f64 >= 0.5 * a.len().min(b.len()) as f64
                    })
                });
                r.evidence_ok += usize::from(quoted);
            }
            (true, false) => {
                e.fn_ += 1;
                let ev = g.positions.iter().find(|p| p.code == *code).map(|p| p.evidence.clone()).unwrap_or_default();
                r.disagreements.push(Disagreement {
                    file: file.into(),
                    what: format!("miss {code}"),
                    expected: ev,
                    got: String::new(),
                });
            }
            (false, true) if g.borderline.iter().any(|b| b == code) => {}
            (false, true) => {
                e.fp += 1;
                let ev = s
                    .positions
                    .iter()
                    .find(|p| p.code == *code)
                    .and_then(|p| p.evidence.first())
                    .map(|e| e.text.clone())
                    .unwrap_or_default();
                r.disagreements.push(Disagreement {
                    file: file.into(),
                    what: format!("false alarm {code}"),
                    expected: String::new(),
                    got: ev,
                });
            }
            (false, false) => {}
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "documents: {} ({} unreadable, {} split into the gold's number of statements)",
            self.documents, self.unreadable, self.documents_count_exact
        )?;
        writeln!(
            f,
            "segmentation: {}/{} gold statements found (recall {:.3}), {} read (precision {:.3})",
            self.matched,
            self.gold_statements,
            self.segmentation_recall(),
            self.read_statements,
            self.segmentation_precision()
        )?;
        let n = self.gold_statements.max(1) as f64;
        writeln!(
            f,
            "attribution (of all gold statements): organization {:.3}, date {:.3}; country {:.3} (of {} that give one)",
            self.organization_ok as f64 / n,
            self.date_ok as f64 / n,
            ratio(self.country_ok, self.country_scored),
            self.country_scored
        )?;
        if !self.codes.is_empty() {
            writeln!(f, "\n{:<28} {:>9} {:>9} {:>9} {:>8}", "code", "precision", "recall", "f1", "support")?;
            for (code, c) in &self.codes {
                writeln!(
                    f,
                    "{:<28} {:>9.3} {:>9.3} {:>9.3} {:>8}",
                    code,
                    c.precision(),
                    c.recall(),
                    c.f1(),
                    c.tp + c.fn_
                )?;
            }
        }
        if !self.disagreements.is_empty() {
            writeln!(f, "\ndisagreements:")?;
            for d in &self.disagreements {
                writeln!(f, "  {} [{}] expected: {} | got: {}", d.file, d.what, d.expected, d.got)?;
            }
        }
        let micro = self.micro();
        writeln!(
            f,
            "\npositions: micro P {:.3} R {:.3} F1 {:.3}; macro F1 {:.3}; evidence {:.3}",
            micro.precision(),
            micro.recall(),
            micro.f1(),
            self.macro_f1(),
            ratio(self.evidence_ok, self.evidence_scored)
        )?;
        // The summary line of the scorer the product is measured with, in its words.
        writeln!(
            f,
            "statements found {}/{} (+{} extra), org {:.2}, date {:.2}, country {:.2}, codes P {:.2} R {:.2} F1 {:.2}, evidence {:.2}",
            self.matched,
            self.gold_statements,
            self.extra_statements,
            self.organization_ok as f64 / n,
            self.date_ok as f64 / n,
            ratio(self.country_ok, self.country_scored),
            micro.precision(),
            micro.recall(),
            micro.f1(),
            ratio(self.evidence_ok, self.evidence_scored)
        )
    }
}

#[cfg(test)]
mod tests {
    use stances_core::{Evidence, OrganizationRef, PartialDate, Position, Statement};

    use super::*;
    use crate::gold;

    fn read(org: &str, aliases: &[&str], text: &str, date: Option<PartialDate>, codes: &[&str]) -> Statement {
        Statement {
            organization: OrganizationRef {
                id: stances_core::slugify(org),
                name: org.into(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                known: false,
                country: None,
                kind: None,
            },
            co_signatories: vec![],
            country: Some("India".into()),
            country_source: None,
            date,
            date_source: None,
            date_text: None,
            title: None,
            language: None,
            text: text.into(),
            blocks: (0, 1),
            positions: codes
                .iter()
                .map(|c| Position::machine(*c, vec![Evidence { start: 0, end: 4, text: "We d".into() }]))
                .collect(),
        }
    }

    const GOLD: &str = r#"{"file": "a.txt", "statements": [
        {"organization": "CPI (ML) Liberation", "aliases": ["Communist Party of India (Marxist-Leninist) Liberation"], "country": "India", "date": "2022-03-02",
         "first_words": "We demand that", "positions": [{"code": "ceasefire", "evidence": "x"}, {"code": "negotiations", "evidence": "y"}], "borderline": ["nato_disband"]},
        {"organization": "Peace League", "country": null, "date": null, "first_words": "The League", "positions": [{"code": "ceasefire"}]}]}"#;

    fn gold_docs() -> Vec<GoldDocument> {
        gold::parse(&GOLD.replace('\n', " "), "gold.jsonl").expect("gold parses")
    }

    #[test]
    fn organizations_match_by_any_name_and_codes_are_counted() {
        let statements = vec![read(
            "Communist Party of India (Marxist-Leninist) Liberation",
            &["CPIML"],
            "We  demand, that Russia stop.",
            PartialDate::ymd(2022, 3, 2),
            &["ceasefire", "nato_disband", "oppose_sanctions"],
        )];
        let r = evaluate(&[(gold_docs().remove(0), Ok(statements))]);
        assert_eq!((r.gold_statements, r.read_statements, r.matched), (2, 1, 1));
        assert_eq!((r.organization_ok, r.country_ok, r.date_ok), (1, 1, 1));
        // ceasefire found; negotiations missed; nato_disband borderline (ignored); oppose_sanctions a false alarm;
        // the unmatched gold statement's ceasefire is a miss too.
        assert_eq!((r.codes["ceasefire"].tp, r.codes["ceasefire"].fn_), (1, 1));
        assert_eq!(r.codes["negotiations"].fn_, 1);
        assert_eq!(r.codes["oppose_sanctions"].fp, 1);
        assert_eq!(r.codes.get("nato_disband").map_or(0, |c| c.fp), 0);
        assert!(r.to_string().contains("false alarm oppose_sanctions"));
        let micro = r.micro();
        assert_eq!((micro.tp, micro.fp, micro.fn_), (1, 1, 2));
    }

    #[test]
    fn names_dates_and_alignment_follow_the_scorer() {
        let g = &gold_docs()[0].statements[0];
        assert_eq!(norm("Fédération  des Quais—Nord"), "federation des quais nord");
        assert!(org_ok(Some("The CPI (ML) Liberation of India"), g), "the gold name inside the read one");
        assert!(org_ok(Some("Communist Party of India (Marxist-Leninist) Liberation"), g), "an alias");
        assert!(!org_ok(Some("Liberation"), g), "one word inside a gold name is no attribution");
        assert!(!org_ok(None, g));
        let peace = &gold_docs()[0].statements[1];
        assert!(date_ok(None, peace, ""));
        assert!(date_ok(Some("2022-03-04"), peace, "https://peace.example/2022/03/04/statement"), "the address's date");
        assert!(!date_ok(Some("2022-03-04"), peace, "https://peace.example/statement"));
        assert!(date_ok(Some("2022-03-02"), g, "") && !date_ok(Some("2022-03"), g, ""));
        // By first words anywhere in the text, else by place when the counts agree.
        let a = read("X", &[], "Intro. We demand that Russia stop.", None, &[]);
        let b = read("Y", &[], "Something else entirely.", None, &[]);
        assert_eq!(align(&[a.clone(), b.clone()], &gold_docs()[0].statements), [Some(0), Some(1)]);
        assert_eq!(align(&[b.clone(), a], &gold_docs()[0].statements), [Some(1), None], "its place is taken");
        assert_eq!(align(&[b], &gold_docs()[0].statements), [None, None]);
    }

    #[test]
    fn unreadable_documents_count_as_misses() {
        let r = evaluate(&[(gold_docs().remove(0), Err("a.txt: empty file".into()))]);
        assert_eq!((r.unreadable, r.matched), (1, 0));
        assert_eq!(r.segmentation_recall(), 0.0);
    }

    #[test]
    fn gold_errors_name_the_line() {
        let err = gold::parse("{\"file\": \"a\", \"statements\": []}\n{broken", "g.jsonl").expect_err("broken line");
        assert!(err.to_string().starts_with("g.jsonl, line 2:"), "{err}");
    }
}
