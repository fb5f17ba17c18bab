//! Segmentation: a page's content blocks split into one segment per statement, in page
//! order, from the page's own structure and wording — headings that name an author,
//! dated lead-ins ("March 1 - The Alliance condemns ..."), and signatures that close a
//! statement ("Released by, ... Party X", "Movement X 30 January 2022").

use std::sync::LazyLock;

use regex::Regex;
use stances_core::{Block, BlockKind, Furniture};

use crate::dates::{self, DateMention};
use crate::orgname::{self, HeadingOrg, OrgLikeness};
use crate::registry::Registry;
use crate::text::looks_like_heading;

/// One statement's share of the page, before attribution.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    /// The author as the heading, lead-in or signature names it.
    pub org: Option<String>,
    /// Other names of the author seen in this segment (signature alternatives).
    pub extra_names: Vec<String>,
    /// Co-signatories of a joint statement.
    pub cosigners: Vec<String>,
    /// The place of its dateline or signature ("Paris, le 2 mars 2022").
    pub place: Option<String>,
    /// A country written beside the author's name: "Steppe Democratic Left (Kazakhstan)".
    pub country_hint: Option<&'static str>,
    /// The title.
    pub title: Option<String>,
    /// The headlines at its start (its title first), where its author may speak.
    pub headlines: Vec<String>,
    /// True when the title is only the heading that named the author.
    pub topic_title: bool,
    /// The issue date as written, and how it was found.
    pub date: Option<(DateMention, String, stances_core::DateSource)>,
    /// Indices of the blocks that make its text.
    pub text_blocks: Vec<usize>,
    /// The first text block's text with its dateline cut off, when it had one.
    pub first_text: Option<String>,
    /// The last text block's text with its closing date line cut off, when it had one
    /// (never a first block whose dateline was cut).
    pub last_text: Option<String>,
    /// First and one-past-last block index of the whole segment (heading to signature).
    pub span: (usize, usize),
    /// Why it begins where it does.
    pub begins: Begins,
    /// Where its author's name was read, and the words it was read from.
    pub org_from: Option<(OrgFrom, String)>,
}

/// Why a statement begins where it does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Begins {
    /// The page holds one statement: it begins with the main content.
    #[default]
    PageStart,
    /// A heading names its author ("Statement of the X", "X: title").
    Heading,
    /// A paragraph whose subject is an organization introduces it ("The X condemns ...").
    LeadIn,
    /// The statement before it ended with a signature.
    AfterSignature,
}

/// Where a statement's organization was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgFrom {
    /// The heading that starts it.
    Heading,
    /// Its signature or approval line.
    Signature,
    /// The subject of its first sentence.
    FirstSentence,
    /// The subject of a speech act, the issuer or a quoted leader's title in its headline
    /// or opening paragraphs.
    Speech,
    /// The page's own headline.
    PageTitle,
    /// A state that speaks in it (its country the subject of a speech act): its government.
    State,
    /// The page's address (its publisher).
    Address,
    /// What the document arrived with (a submitter's organization).
    Given,
}

/// The first `n` characters of a text, for an explanation.
fn excerpt(text: &str) -> String {
    let t: String = text.chars().take(160).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// Openers of a signature block: the language files' `[headings] signatures`, and a line
/// "For the X,".
static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    orgname::pattern(
        &format!(
            r"(?i)^(?:{}|{}\s+\p{{L}}+,$)\b[,:]?",
            orgname::every(|l| &l.headings.signatures),
            orgname::every(|l| &l.headings.signed_for)
        ),
        "signature",
    )
});

/// "March 1 - The Alliance condemns ...": a date, a separator, then the text.
static LEAD_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-–—:|/]\s*|\(\w+\)\s*[-–—]\s*)?").expect("separator pattern"));

/// Splits `blocks` into statement segments. Furniture is skipped; headings before the
/// first statement of a many-statement page are marked as the page's title.
pub fn segment(blocks: &mut [Block], registry: &Registry) -> Vec<Segment> {
    let content: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].is_content()).collect();
    if content.is_empty() {
        return Vec::new();
    }
    // 1. Starts: headings that name an author, and dated lead-ins naming one.
    let mut starts: Vec<(usize, HeadingOrg)> = Vec::new();
    let mut turns_first = false;
    let mut turns = false;
    for (ci, &i) in content.iter().enumerate() {
        let b = &blocks[i];
        // "LOs uttalelse om invasjonen av Ukraina:" introduces what follows like a heading.
        let introduces = b.text.trim_end().ends_with(':') && b.text.split_whitespace().count() <= 12;
        let headingish = b.kind == BlockKind::Heading
            || (b.kind == BlockKind::Paragraph
                && (looks_like_heading(&b.text) || introduces || orgname::is_of_the_line(&b.text)));
        if headingish && org_date_line(&b.text, registry).is_none() {
            let body: String =
                content[ci + 1..].iter().take(2).map(|&j| blocks[j].text.as_str()).collect::<Vec<_>>().join(" ");
            if let Some(h) = orgname::heading_org(&b.text, &body, registry) {
                // A name alone with no text after it signs the statement before it, and so
                // does one under a signer's title ("Acting General Secretary").
                let speech = crate::languages::speech(None);
                let under_title = ci > 0 && {
                    let prev = &blocks[content[ci - 1]].text;
                    prev.split_whitespace().count() <= 6 && prev.split_whitespace().any(|w| speech.is_title(w))
                };
                let named_only = h.title.is_none() && !h.explicit;
                if (h.title.is_some() || h.explicit || followed_by_body(blocks, &content[ci + 1..]))
                    && !(named_only && under_title)
                {
                    starts.push((ci, h));
                    continue;
                }
            }
        }
        if b.kind == BlockKind::Paragraph {
            if let Some(name) = lead_in_subject(&b.text, registry).or_else(|| quoting_subject(&b.text, registry)) {
                // Only a start when it does not merely open the body under a heading.
                let after_start = starts.last().is_some_and(|(s, _)| {
                    content[*s + 1..ci]
                        .iter()
                        .all(|&j| blocks[j].kind == BlockKind::Heading || dates::date_line(&blocks[j].text).is_some())
                });
                if !after_start && ci > 0 {
                    starts.push((
                        ci,
                        HeadingOrg { name, cosigners: Vec::new(), title: None, explicit: false, topic_title: false },
                    ));
                    continue;
                }
            }
            // A report that turns to another organization ("Similarly the TUC condemned
            // ...") gives it a statement of its own.
            if let Some(name) = (ci > 0).then(|| reported_subject(&b.text, registry)).flatten() {
                let from = starts.last().map_or(0, |(s, _)| *s);
                let (heads, paragraphs): (Vec<&Block>, Vec<&Block>) = content[from..ci]
                    .iter()
                    .map(|&j| &blocks[j])
                    .partition(|b| b.kind == BlockKind::Heading || looks_like_heading(&b.text));
                let heads: Vec<&str> = heads.iter().map(|b| b.text.as_str()).collect();
                let paragraphs: Vec<&str> = paragraphs.iter().take(3).map(|b| b.text.as_str()).collect();
                let previous = starts
                    .last()
                    .map(|(_, h)| h.name.clone())
                    .or_else(|| crate::speech::speaker(&heads, &paragraphs, None, registry));
                // Only a report turns: a statement in its own voice quotes others.
                let own_voice = || {
                    let all: Vec<&str> = content[from..=ci].iter().map(|&j| blocks[j].text.as_str()).collect();
                    let language = crate::language::detect(&all.join("\n"));
                    all.iter().any(|t| crate::speech::first_person_outside_quotes(t, language.as_deref()))
                };
                if previous.is_some_and(|p| !same_org(&p, &name)) && !own_voice() {
                    // What stands before is the statement of the one the report began with.
                    turns_first |= starts.is_empty();
                    turns = true;
                    starts.push((
                        ci,
                        HeadingOrg { name, cosigners: Vec::new(), title: None, explicit: false, topic_title: false },
                    ));
                    continue;
                }
            }
        }
    }
    // A weaker "Y: title" heading introduces one more statement on a page whose other
    // statements are introduced the same way, or when Y abbreviates an author already seen.
    let colon_starts =
        starts.iter().filter(|(ci, h)| h.title.is_some() && blocks[content[*ci]].text.contains(':')).count();
    let seen: Vec<String> = starts.iter().map(|(_, h)| h.name.clone()).collect();
    for (ci, &i) in content.iter().enumerate() {
        if starts.iter().any(|(s, _)| *s == ci)
            || !(blocks[i].kind == BlockKind::Heading || looks_like_heading(&blocks[i].text))
        {
            continue;
        }
        let Some(h) = orgname::weak_colon_heading(&blocks[i].text, registry) else { continue };
        let known = seen.iter().any(|n| same_org(n, &h.name));
        if (colon_starts >= 2 || known) && followed_by_body(blocks, &content[ci + 1..]) {
            starts.push((ci, h));
        }
    }
    starts.sort_by_key(|(ci, _)| *ci);
    // The author's name again under its statement's heading ("X Committee statement",
    // a slogan, "X") starts nothing new.
    let mut k = 1;
    while k < starts.len() {
        let (prev, cur) = (&starts[k - 1], &starts[k]);
        let only_headings = content[prev.0 + 1..cur.0].iter().all(|&j| blocks[j].kind == BlockKind::Heading);
        if only_headings && same_org(&prev.1.name, &cur.1.name) {
            starts.remove(k);
        } else {
            k += 1;
        }
    }
    // Lead-in starts keep their block as text; heading starts do not.
    let lead_in: Vec<bool> = content
        .iter()
        .map(|&i| {
            let t = &blocks[i].text;
            blocks[i].kind == BlockKind::Paragraph && !looks_like_heading(t) && !orgname::is_of_the_line(t)
        })
        .collect();
    let lead_in_start = |ci: usize| lead_in.get(ci).copied().unwrap_or(false);

    // 2. Ranges of content indices, one per statement. What stands before the first start
    // is the page's own: its title and an editor's introduction.
    let mut ranges: Vec<(usize, usize, Option<HeadingOrg>)> = Vec::new();
    let mut page_title: Option<String> = None;
    let mut page_date: Option<(DateMention, String)> = None;
    if starts.is_empty() {
        ranges.push((0, content.len(), None));
    } else {
        // What precedes the first start is the page's own, unless it is a statement of
        // its own: two paragraphs or more of some length whose opening names who speaks
        // ("NFF fordømmer ...", before "LOs uttalelse ...:").
        let before = &content[..starts[0].0];
        let paragraphs: Vec<&str> = before
            .iter()
            .map(|&i| &blocks[i])
            .filter(|b| b.kind != BlockKind::Heading && !looks_like_heading(&b.text))
            .map(|b| b.text.as_str())
            .collect();
        let words: usize = paragraphs.iter().map(|t| t.split_whitespace().count()).sum();
        let speaks = (turns_first && words >= 15)
            || paragraphs.len() >= 2
                && words >= 40
                && crate::speech::speaker(&[], &paragraphs[..paragraphs.len().min(3)], None, registry).is_some();
        if speaks {
            ranges.push((0, starts[0].0, None));
        }
        for &i in before.iter().filter(|_| !speaks) {
            // A date line above the only statement's heading dates it ("March 24, 2022").
            if let Some(d) = dates::date_line(&blocks[i].text) {
                page_date = Some((d, blocks[i].text[d.start..d.end].to_string()));
                blocks[i].furniture = Some(Furniture::Introduction);
                continue;
            }
            let heading = blocks[i].kind == BlockKind::Heading || looks_like_heading(&blocks[i].text);
            if heading {
                page_title = Some(blocks[i].text.clone());
            }
            blocks[i].furniture = Some(if heading { Furniture::PageTitle } else { Furniture::Introduction });
        }
        for (k, (ci, h)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(content.len(), |s| s.0);
            ranges.push((*ci, end, Some(h.clone())));
        }
    }
    // A page with one statement titles and dates it; a page of many only itself.
    let single_title = if starts.len() == 1 { page_title } else { None };
    let single_date = if starts.len() == 1 { page_date.clone() } else { None };
    // On a page of many, a date above them all is the page's own: what its address would
    // give, for a statement that gives none.
    let page_wide_date = if starts.len() > 1 { page_date } else { None };
    // 3. Split further after signatures that are followed by more statement text.
    let mut split: Vec<(usize, usize, Option<HeadingOrg>)> = Vec::new();
    for (from, to, h) in ranges {
        let mut s = from;
        let mut head = h;
        let mut k = from;
        while k < to {
            // After a list label ("Related news") comes another item of the page.
            let related =
                k > s && (content[k - 1] + 1..content[k]).any(|j| crate::furniture::is_related(&blocks[j].text));
            let long =
                |j: &usize| blocks[*j].kind == BlockKind::Paragraph && blocks[*j].text.split_whitespace().count() >= 20;
            // ... when it is a statement: an organization speaks in its opening.
            let speaks = || {
                let opening: Vec<&str> = content[k..to.min(k + 3)].iter().map(|&j| blocks[j].text.as_str()).collect();
                crate::speech::speaker(&[], &opening, None, registry).is_some()
            };
            if related && content[k..to].iter().any(long) && speaks() {
                split.push((s, k, head.take()));
                s = k;
                k += 1;
                continue;
            }
            if let Some(sig_end) = signature_end_at(blocks, &content, k, to, registry) {
                let rest_has_text = content[sig_end..to].iter().any(|&j| {
                    blocks[j].kind == BlockKind::Paragraph && blocks[j].text.split_whitespace().count() >= 20
                });
                if rest_has_text && content[s..k].iter().any(|&j| blocks[j].kind == BlockKind::Paragraph) {
                    split.push((s, sig_end, head.take()));
                    s = sig_end;
                    k = sig_end;
                    continue;
                }
            }
            k += 1;
        }
        split.push((s, to, head));
    }
    let built: Vec<Segment> = split
        .into_iter()
        .filter_map(|(from, to, h)| build(blocks, &content[from..to], h, &starts, from, registry, lead_in_start))
        .collect();
    // A report's date, on its opening line, dates the statements it turns to as well.
    let report_date = built
        .first()
        .filter(|_| turns)
        .and_then(|s| s.date.clone())
        .filter(|(_, _, src)| matches!(src, stances_core::DateSource::Dateline | stances_core::DateSource::Heading))
        .map(|(d, raw, _)| (d, raw));
    built
        .into_iter()
        .map(|mut seg| {
            if let (None, Some((d, raw))) = (&seg.date, &report_date) {
                seg.date = Some((*d, raw.clone(), stances_core::DateSource::Publication));
            }
            seg
        })
        .map(|mut seg| {
            if let (None, Some((d, raw))) = (&seg.date, &single_date) {
                seg.date = Some((*d, raw.clone(), stances_core::DateSource::Heading));
            }
            if let (None, Some((d, raw))) = (&seg.date, &page_wide_date) {
                seg.date = Some((*d, raw.clone(), stances_core::DateSource::Publication));
            }
            if let Some(t) = &single_title {
                if seg.title.is_none() || seg.topic_title {
                    seg.title = Some(t.clone());
                }
                // The page's headline may say who speaks ("X condemns the invasion").
                if seg.org.is_none() {
                    seg.org = crate::speech::speaker(&[t], &[], crate::language::detect(t).as_deref(), registry);
                    seg.org_from = seg.org.as_ref().map(|_| (OrgFrom::PageTitle, excerpt(t)));
                    list_authors(&mut seg, registry);
                }
            }
            seg
        })
        .collect()
}

/// A speaker that lists several authors ("ITUC, ETUC and TUC condemn ...") is the first
/// of them, with the others as co-signatories.
fn list_authors(seg: &mut Segment, registry: &Registry) {
    if let Some(name) = seg.org.take() {
        let (first, others) = orgname::listed_authors(&name, registry);
        seg.org = Some(first);
        seg.cosigners.extend(others);
    }
}

/// Builds one segment from its content blocks.
#[allow(clippy::too_many_arguments)]
fn build(
    blocks: &[Block],
    idx: &[usize],
    heading: Option<HeadingOrg>,
    starts: &[(usize, HeadingOrg)],
    from: usize,
    registry: &Registry,
    lead_in_start: impl Fn(usize) -> bool,
) -> Option<Segment> {
    let mut seg = Segment::default();
    let mut pos = 0;
    // The heading that starts it (unless the start is a lead-in paragraph, which is text).
    if starts.iter().any(|(ci, _)| *ci == from) && !lead_in_start(from) {
        pos = 1;
    }
    if heading.is_none() && from > 0 {
        seg.begins = Begins::AfterSignature;
    }
    if let Some(h) = &heading {
        seg.country_hint = orgname::country_in_parentheses(&h.name);
        seg.org = Some(h.name.clone());
        seg.begins = if lead_in_start(from) { Begins::LeadIn } else { Begins::Heading };
        let from_block = if lead_in_start(from) { OrgFrom::FirstSentence } else { OrgFrom::Heading };
        seg.org_from = Some((from_block, excerpt(&blocks[idx[0]].text)));
        seg.cosigners = h.cosigners.clone();
        if let Some(t) = &h.title {
            seg.title = Some(t.clone());
        }
    }
    // Headings and date lines right after the start: titles and the date.
    let mut subtitle: Option<String> = None;
    let mut headings: Vec<&str> = Vec::new();
    while pos < idx.len() {
        let b = &blocks[idx[pos]];
        if let Some(d) = dates::date_line(&b.text) {
            seg.date.get_or_insert((d, b.text[d.start..d.end].to_string(), stances_core::DateSource::Heading));
            seg.place = seg.place.take().or_else(|| dates::place_of(&b.text, &d));
            pos += 1;
        } else if let Some((d, rest)) =
            dateline(&b.text).filter(|_| b.kind == BlockKind::Heading && pos + 1 < idx.len())
        {
            // "February 25 Stop the bombings!": a dated headline.
            seg.date.get_or_insert((d, b.text[d.start..d.end].to_string(), stances_core::DateSource::Heading));
            subtitle.get_or_insert_with(|| rest.to_string());
            pos += 1;
        } else if let Some((name, d)) = dates::byline(&b.text).filter(|_| pos + 1 < idx.len()) {
            byline_at(&mut seg, &b.text, name, d, registry);
            pos += 1;
        } else if let Some(((name, _), d)) =
            org_date_line(&b.text, registry).filter(|((_, l), _)| *l == OrgLikeness::Strong && pos + 1 < idx.len())
        {
            byline_at(&mut seg, &b.text, &name, d, registry);
            pos += 1;
        } else if b.kind == BlockKind::Heading && pos + 1 < idx.len() {
            subtitle.get_or_insert_with(|| b.text.clone());
            headings.push(&b.text);
            pos += 1;
        } else {
            break;
        }
    }
    // A dateline opening the first paragraph.
    let mut first_text: Option<String> = None;
    if pos < idx.len() {
        let b = &blocks[idx[pos]];
        if let Some((d, rest)) = dateline(&b.text) {
            seg.date.get_or_insert((d, b.text[d.start..d.end].to_string(), stances_core::DateSource::Dateline));
            seg.place = seg.place.take().or_else(|| dates::place_of(&b.text, &d));
            if looks_like_heading(rest) && pos + 1 < idx.len() {
                // "February 25 Stop the bombings! ..." is a dated headline, not text.
                subtitle.get_or_insert_with(|| rest.to_string());
                pos += 1;
            } else {
                first_text = Some(rest.to_string());
            }
        }
    }
    seg.topic_title = heading.as_ref().is_some_and(|h| h.topic_title);
    if let Some(s) = subtitle {
        // A headline says more than a heading of the "X statement on Y" kind.
        if seg.title.is_none() || seg.topic_title {
            seg.title = Some(s);
            seg.topic_title = false;
        }
    }
    // A date on a line of its own among the first blocks ("Paris, le 2 mars 2022" after
    // a standfirst) dates the statement and is not part of its text.
    // So does a byline ("By the Harbour Union, May 25, 2022"), which may name the author
    // too, or a date line inside a paragraph of hard line breaks ("... A\nThursday 24
    // February 2022 | 17:45\nThrough a statement ...").
    let mut skip_date_block = None;
    if seg.date.is_none() {
        let mut paragraphs_seen = 0;
        'scan: for k in pos..idx.len().min(pos + 6) {
            let text = &blocks[idx[k]].text;
            // Past the opening paragraph, a date line with only short lines after it is
            // the signature's (see below).
            let signs = paragraphs_seen >= 1
                && idx[k + 1..].len() <= 4
                && idx[k + 1..].iter().all(|&j| blocks[j].text.split_whitespace().count() <= 12);
            if signs && dates::date_line(text).is_some() {
                break;
            }
            // "Ministry of Harbours, posted 18 March 2023", a line of its own above the text.
            if let Some(((name, _), d)) =
                org_date_line(text, registry).filter(|((_, l), _)| *l == OrgLikeness::Strong && k + 1 < idx.len())
            {
                byline_at(&mut seg, text, &name, d, registry);
                skip_date_block = Some(idx[k]);
                break;
            }
            if let Some(d) = dates::date_line(text) {
                seg.date = Some((d, text[d.start..d.end].to_string(), stances_core::DateSource::Heading));
                seg.place = dates::place_of(text, &d);
                skip_date_block = Some(idx[k]);
                break;
            }
            if let Some((name, d)) = dates::byline(text) {
                byline_at(&mut seg, text, name, d, registry);
                skip_date_block = Some(idx[k]);
                break;
            }
            paragraphs_seen += usize::from(blocks[idx[k]].kind == BlockKind::Paragraph);
            if text.contains('\n') {
                for line in text.lines().take(8) {
                    if let Some(d) = dates::date_line(line) {
                        seg.date = Some((d, line[d.start..d.end].to_string(), stances_core::DateSource::Heading));
                        break 'scan;
                    }
                }
            }
        }
    }
    // The signature at the end.
    let mut end = idx.len();
    let mut weak_signature: Option<String> = None;
    if let Some((sig_start, org, date)) = signature(blocks, idx, pos, registry) {
        end = sig_start;
        // A weaker name in the signature counts only as the heading's author again, or
        // as the subject of the first sentence (checked below).
        if let Some((o, OrgLikeness::Weak)) = &org {
            weak_signature = Some(o.clone());
        }
        let org = org
            .filter(|(o, likeness)| {
                *likeness == OrgLikeness::Strong || seg.org.as_deref().is_some_and(|cur| same_org(cur, o))
            })
            .map(|(o, _)| o);
        if let Some(o) = org {
            match &seg.org {
                None => {
                    let signed: Vec<&str> = idx[sig_start..].iter().map(|&i| blocks[i].text.as_str()).collect();
                    seg.org_from = Some((OrgFrom::Signature, excerpt(&signed.join(" / "))));
                    seg.org = Some(o)
                }
                Some(cur) if *cur != o => seg.extra_names.push(o),
                _ => {}
            }
        }
        if let Some((d, raw, place)) = date {
            // The signature date is the issue date unless a dateline already gave one.
            if seg.date.as_ref().is_none_or(|(old, _, _)| old.year.is_none() && d.year.is_some()) {
                seg.date = Some((d, raw, stances_core::DateSource::Signature));
            }
            seg.place = seg.place.take().or(place);
        }
    }
    // A date line closing the text, perhaps with the signers' names after it ("Roma, 5
    // ottobre 2022"): the statement's date, and no part of its text.
    if seg.date.is_none() && idx.len() > pos + 1 {
        let short = |i: usize| blocks[i].text.split_whitespace().count() <= 15;
        for k in (pos + 1..idx.len()).rev().take(4) {
            if let Some(d) = dates::date_line(&blocks[idx[k]].text) {
                if idx[k + 1..].iter().all(|&i| short(i)) {
                    let b = &blocks[idx[k]];
                    seg.date = Some((d, b.text[d.start..d.end].to_string(), stances_core::DateSource::Signature));
                    seg.place = seg.place.take().or_else(|| dates::place_of(&b.text, &d));
                    end = end.min(k);
                }
                break;
            }
        }
    }
    seg.text_blocks = idx[pos..end.max(pos)].iter().copied().filter(|&i| Some(i) != skip_date_block).collect();
    if seg.text_blocks.is_empty() {
        return None;
    }
    // ... or the last line of a closing paragraph, which a text's hard line breaks may
    // have joined to it ("... della pace. Roma, 5 ottobre 2022"), signers' names after it.
    if seg.date.is_none() {
        let n = seg.text_blocks.len();
        let short = |i: usize| blocks[i].text.split_whitespace().count() <= 15;
        for k in (0..n).rev().take(3) {
            if k == 0 && first_text.is_some() {
                break;
            }
            let text = &blocks[seg.text_blocks[k]].text;
            let cut = ["\n", ". ", "! ", "? "].iter().filter_map(|sep| text.rfind(sep).map(|i| i + sep.len())).max();
            let found =
                cut.map(|i| text.split_at(i)).and_then(|(body, line)| Some((body, line, dates::date_line(line)?)));
            if let Some((body, line, d)) = found {
                if seg.text_blocks[k + 1..].iter().all(|&i| short(i)) {
                    seg.date = Some((d, line[d.start..d.end].to_string(), stances_core::DateSource::Signature));
                    seg.place = seg.place.take().or_else(|| dates::place_of(line, &d));
                    seg.last_text = Some(body.trim_end().to_string());
                    seg.text_blocks.truncate(k + 1);
                }
                break;
            }
        }
    }
    if seg.org.is_none() {
        signed_by(&mut seg, blocks, idx, registry);
    }
    // A place alone opening the text, news-style: "BOSTON — The league calls ...".
    if seg.place.is_none() {
        let first = first_text.as_deref().or_else(|| seg.text_blocks.first().map(|&i| blocks[i].text.as_str()));
        if let Some((place, rest)) = first.and_then(place_dateline) {
            seg.place = Some(place.to_string());
            first_text = Some(rest.to_string());
        }
    }
    seg.first_text = first_text;
    let first = seg.first_text.clone().or_else(|| seg.text_blocks.first().map(|&i| blocks[i].text.clone()));
    let subject = first.as_deref().and_then(|t| lead_in_subject_plain(t, registry, OrgLikeness::Weak));
    match (&seg.org, subject) {
        // "The Peace League condemns ...": the subject of the first sentence; a weaker
        // name when the signature repeats it.
        (None, Some(s))
            if orgname::org_likeness(&s, registry) == OrgLikeness::Strong
                || weak_signature.as_deref().is_some_and(|w| same_org(w, &s)) =>
        {
            seg.org_from = first.as_deref().map(|f| (OrgFrom::FirstSentence, excerpt(f)));
            seg.org = Some(s)
        }
        // The heading's "der Sozialistischen Jugend" is the text's "Die Sozialistische Jugend":
        // the name as the text writes it, uninflected, comes first.
        (Some(cur), Some(s))
            if *cur != s && inflected_same(&orgname::split_name(cur).0, &orgname::split_name(&s).0) =>
        {
            let cur = cur.clone();
            seg.org = Some(s);
            seg.extra_names.push(cur);
        }
        _ => {}
    }
    if seg.org.is_none() {
        // Else the organization that speaks in the headline or the opening: "CUPE calls on
        // ...", "..., Amnesty International said today".
        if let Some(t) = seg.title.as_deref() {
            if !headings.contains(&t) {
                headings.insert(0, t);
            }
        }
        let mut opening: Vec<&str> = first.as_deref().into_iter().collect();
        opening.extend(seg.text_blocks.iter().skip(1).take(4).map(|&i| blocks[i].text.as_str()));
        let language = first.as_deref().and_then(crate::language::detect);
        seg.org = crate::speech::speaker(&headings, &opening, language.as_deref(), registry);
        seg.org_from = seg.org.as_ref().map(|name| {
            let first_word = name.split_whitespace().next().unwrap_or(name);
            let said = headings
                .iter()
                .chain(&opening)
                .find(|t| t.contains(name.as_str()))
                .or_else(|| headings.iter().chain(&opening).find(|t| t.contains(first_word)))
                .copied()
                .unwrap_or_default();
            (OrgFrom::Speech, excerpt(said))
        });
    }
    seg.headlines = seg.title.iter().cloned().chain(headings.iter().map(|h| h.to_string())).collect();
    if seg.org_from.as_ref().is_some_and(|(f, _)| *f == OrgFrom::Speech) {
        list_authors(&mut seg, registry);
    }
    seg.headlines.dedup();
    seg.span = (idx[0], idx[idx.len() - 1] + 1);
    Some(seg)
}

/// Signers' lines closing the segment ("Ada Byron, President of the Harbour Union"), after
/// its text or as its last short blocks: the first signer's organization is the author,
/// the others co-sign, and the lines leave the text.
fn signed_by(seg: &mut Segment, blocks: &[Block], idx: &[usize], registry: &Registry) {
    let Some(&last) = seg.text_blocks.last() else { return };
    let short = |i: usize| blocks[i].text.split_whitespace().count() <= 16;
    let after: Vec<usize> = idx.iter().copied().filter(|&i| i > last).collect();
    let n = seg.text_blocks.len();
    let tail = seg.text_blocks[1..].iter().rev().take_while(|&&i| short(i)).take(5).count().max(1);
    let candidates = seg.text_blocks[n - tail..].iter().copied().chain(after);
    let mut names: Vec<(usize, String)> = Vec::new();
    for i in candidates {
        for o in crate::signers::in_block(&blocks[i].text, registry) {
            if !names.iter().any(|(_, n)| same_org(n, &o)) {
                names.push((i, o));
            }
        }
    }
    let Some((first_block, org)) = names.first().cloned() else { return };
    let signed: Vec<&str> = names.iter().map(|(_, n)| n.as_str()).collect();
    seg.org_from = Some((OrgFrom::Signature, excerpt(&signed.join(" / "))));
    seg.org = Some(org);
    seg.cosigners.extend(names.into_iter().skip(1).map(|(_, n)| n));
    // The signers' lines, and a name alone on the line above the first, leave the text;
    // in a block of hard line breaks, only its lines from the first signer's on.
    let is_last = seg.text_blocks.last() == Some(&first_block);
    let text = seg.last_text.clone().filter(|_| is_last).unwrap_or_else(|| blocks[first_block].text.clone());
    let own_line = text.lines().position(|l| !crate::signers::in_block(l, registry).is_empty());
    if let Some(cut) = own_line.filter(|&l| l > 0) {
        if is_last {
            let kept: Vec<&str> = text.lines().take(cut).collect();
            seg.last_text = Some(kept.join("\n"));
        }
        return;
    }
    if let Some(k) = seg.text_blocks.iter().position(|&i| i == first_block) {
        let name_above = k > 1 && {
            let t = &blocks[seg.text_blocks[k - 1]].text;
            t.split_whitespace().count() <= 4 && !t.ends_with(['.', '!', '?', ':'])
        };
        seg.text_blocks.truncate(if name_above { k - 1 } else { k });
    }
}

/// A place written before a dash at the start of a paragraph, when it is a city or region
/// the reader knows ("Boston — ...", "OTTAWA – ..."): the place and the text after it.
fn place_dateline(text: &str) -> Option<(&str, &str)> {
    let (place, rest) = [" — ", " – ", " -- "].iter().find_map(|d| text.split_once(d))?;
    let place = place.trim().trim_end_matches(',');
    let words = place.split_whitespace().count();
    ((1..=3).contains(&words) && crate::country::from_city(place).is_some() && !rest.trim().is_empty())
        .then(|| (place, rest.trim_start()))
}

/// A byline's date, and its name as the author when nothing named one before.
fn byline_at(seg: &mut Segment, text: &str, name: &str, d: DateMention, registry: &Registry) {
    seg.date.get_or_insert((d, text[d.start..d.end].to_string(), stances_core::DateSource::Heading));
    let name = match name.split_once(' ') {
        Some((article, rest)) if crate::languages::speech(None).is_article(article) => rest,
        _ => name,
    };
    // A heading's weak name ("Statement of Support for Peace in Ukraine") gives way to the
    // byline's, when that is no person's ("By Montreal for a World BEYOND War").
    let weak_heading = matches!(seg.org_from, Some((OrgFrom::Heading, _)))
        && seg.org.as_deref().is_some_and(|o| orgname::org_likeness(o, registry) == OrgLikeness::Weak);
    let not_a_person = || {
        let words: Vec<&str> = name.split_whitespace().collect();
        words.len() >= 3 && words.iter().any(|w| orgname::is_particle(w) || orgname::is_acronym(w))
            || orgname::org_likeness(name, registry) == OrgLikeness::Strong
    };
    if (seg.org.is_none() || weak_heading && not_a_person())
        && orgname::org_likeness(name, registry) >= OrgLikeness::Weak
    {
        seg.org_from = Some((OrgFrom::Signature, excerpt(text)));
        seg.org = Some(name.to_string());
    }
}

/// Two names of one organization (same words, or one abbreviating the other).
fn same_org(a: &str, b: &str) -> bool {
    let (a, b) = (orgname::split_name(a).0, orgname::split_name(b).0);
    crate::registry::key(&a) == crate::registry::key(&b)
        || orgname::abbreviates(&a, &b)
        || orgname::abbreviates(&b, &a)
        || inflected_same(&a, &b)
}

/// The same words up to their endings ("Sozialistischen Jugend" / "Sozialistische Jugend").
fn inflected_same(a: &str, b: &str) -> bool {
    let wa: Vec<String> = a.split_whitespace().map(str::to_lowercase).collect();
    let wb: Vec<String> = b.split_whitespace().map(str::to_lowercase).collect();
    wa.len() == wb.len()
        && wa.iter().zip(&wb).all(|(x, y)| {
            let common = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
            let shorter = x.chars().count().min(y.chars().count());
            common >= 3 && common + 2 >= shorter
        })
}

/// True when running text follows (after any date lines): a heading that opens a statement.
fn followed_by_body(blocks: &[Block], rest: &[usize]) -> bool {
    let speech = crate::languages::speech(None);
    // A signer's title and name under the author ("事務局長 清水 秀行") stand before the text.
    let signer = |t: &str| {
        t.split_whitespace().count() <= 4
            && !t.ends_with(['.', '!', '?', '。'])
            && t.split_whitespace().next().is_some_and(|w| speech.is_title(w))
    };
    // So do a letter's greeting ("Dear friends,") and the first section's numbered
    // heading ("1. ...").
    let numbered = |b: &Block| {
        let rest = b.text.trim_start_matches(|c: char| c.is_ascii_digit());
        b.kind == BlockKind::Heading && rest.len() < b.text.len() && rest.starts_with(['.', ')', '．'])
    };
    rest.iter()
        .map(|&j| &blocks[j])
        .filter(|b| {
            dates::date_line(&b.text).is_none()
                && !signer(&b.text)
                && !(crate::languages::is_salutation(&b.text) && b.text.split_whitespace().count() <= 6)
        })
        .take(2)
        .enumerate()
        .find(|(k, b)| *k > 0 || !numbered(b))
        .map(|(_, b)| b)
        .is_some_and(|b| b.kind != BlockKind::Heading && crate::languages::word_count(&b.text) >= 8)
}

/// A paragraph that opens with a date and a separator: the date and the text after it.
pub fn dateline(text: &str) -> Option<(DateMention, &str)> {
    // A dateline opens its paragraph: only the first few words can hold it.
    let mut head = text.len().min(64);
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let d = *dates::find_dates(&text[..head]).first()?;
    // The date must open the paragraph, after at most a place name ("Paris, "); it may
    // stand in parentheses ("Karlsruhe, (24.02.2022). Mit ...").
    let bracketed = text[..d.start].trim_end().ends_with('(') && text[d.end..].starts_with(')');
    let before = if bracketed { text[..d.start].trim_end().trim_end_matches('(') } else { &text[..d.start] };
    let place_ok = before.is_empty()
        || (before.trim_end().ends_with(',') && before.split_whitespace().count() <= 4)
        // "Paris, le 2 mars": a place and a label of the language files.
        || before.trim().rsplit_once(' ').is_some_and(|(place, w)| {
            crate::languages::is_date_label(w) && place.split_whitespace().count() <= 4
        })
        // "date 2022-03-06 ...", "Posted on March 6 - ...": a label of the language files.
        || before
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| crate::languages::is_date_label(w) || w.eq_ignore_ascii_case("on"));
    if !place_ok {
        return None;
    }
    let after = if bracketed { &text[d.end + 1..] } else { &text[d.end..] };
    let sep = LEAD_SEPARATOR.find(after).map_or(0, |m| m.end());
    // A date on the paragraph's first line, its text on the next ("21.02.2022\nSource: ...").
    let own_line = after.trim_start_matches([',', '.', ' ']).starts_with('\n');
    let rest = after[sep..].trim_start_matches([',', '.', ' ']).trim();
    // Some separator or a capital letter must follow: "March 1 2022 was ..." is prose.
    if rest.is_empty()
        || !(own_line || rest.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“' || c == '\''))
    {
        return None;
    }
    // A month alone ("date 2022-02") and then the day's dateline ("OTTAWA, 24 Feb 2022
    // -- ..."): the day's.
    if d.day.is_none() {
        let offset = rest.as_ptr() as usize - text.as_ptr() as usize;
        let mut head = rest.len().min(48);
        while !rest.is_char_boundary(head) {
            head -= 1;
        }
        let day = dates::find_dates(&rest[..head]).into_iter().next();
        if let Some(day) = day.filter(|x| x.month == d.month && x.day.is_some()) {
            if rest[..day.start].split_whitespace().count() <= 4 {
                return Some((DateMention { start: day.start + offset, end: day.end + offset, ..day }, rest));
            }
        }
    }
    Some((d, rest))
}

/// The organization whose statement a paragraph quotes: "The TUC statement read: “...”",
/// "Unite said: “...”" (a news page quoting several organizations gives each its statement).
fn quoting_subject(text: &str, registry: &Registry) -> Option<String> {
    let colon = text.char_indices().take(100).find(|(_, c)| *c == ':')?.0;
    let quoted = text[colon + 1..].trim_start().starts_with(['“', '"', '«', '„', '‘']);
    if !quoted {
        return None;
    }
    let speech = crate::languages::speech(None);
    let mut words: Vec<&str> = text[..colon].split_whitespace().collect();
    if words.len() < 2 || words.len() > 10 || !speech.is_reporting(words.last()?) {
        return None;
    }
    words.pop();
    if words.last().is_some_and(|w| speech.is_issued(w)) {
        words.pop();
    }
    while words.first().is_some_and(|w| speech.is_article(w)) {
        words.remove(0);
    }
    let name = orgname::strip_genitive(&words.join(" ")).to_string();
    let likeness = orgname::org_likeness(&name, registry);
    let acronym = name.split_whitespace().any(orgname::is_acronym);
    (likeness == OrgLikeness::Strong || (acronym && likeness >= OrgLikeness::Weak)).then_some(name)
}

/// The organization a paragraph of a report turns to: the name that opens its first
/// sentence, before a verb of speaking, after at most two words ("Similarly the TUC
/// condemned ...", "Ukraińskie MSZ poinformowało ...").
fn reported_subject(text: &str, registry: &Registry) -> Option<String> {
    if text.split_whitespace().count() < 12 {
        return None;
    }
    let mut cap = text.len().min(300);
    while !text.is_char_boundary(cap) {
        cap -= 1;
    }
    let end = text.match_indices(". ").map(|(k, _)| k + 1).find(|&k| k > 20).unwrap_or(text.len()).min(cap);
    let first = &text[..end];
    let name = crate::speech::speaker(&[], &[first], None, registry)?;
    let at = first.find(&name)?;
    (first[..at].split_whitespace().count() <= 2).then_some(name)
}

/// The organization that opens a dated lead-in paragraph ("March 1 - The X condemns ...").
fn lead_in_subject(text: &str, registry: &Registry) -> Option<String> {
    let (_, rest) = dateline(text)?;
    lead_in_subject_plain(rest, registry, OrgLikeness::Weak)
}

/// A name opening a sentence before its verb of speaking: "The Harbour Union strongly
/// condemns ...", "La Fédération des Quais condamne ..." (the articles, adverbs and verbs
/// of the language files; "is" and "has" too).
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    let speech = crate::languages::speech(None);
    let verbs: Vec<&String> = speech.verbs.iter().filter(|v| speech.is_speaking(v)).collect();
    orgname::pattern(
        &format!(
            r"^(?i:{art})?(.{{3,110}}?)\s+(?:\([A-Z][A-Za-z-]{{1,12}}\)\s+)?(?:{adv}\s+)?(?:{verbs}|is|has)\b",
            art = orgname::article(),
            adv = orgname::every(|l| &l.speech.adverbs),
            verbs = orgname::alternatives(verbs.into_iter()),
        ),
        "subject",
    )
});

/// A name written as a run of capitalised words (with the small words names contain)
/// opening a sentence, before its verb: "The Marsh Valley Nurses Guild today offered ...".
static CAPITAL_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    let word = format!(r"(?:[\p{{Lu}}\d][\p{{L}}\d'’.&-]*|{})", orgname::every(|l| &l.names.particles));
    orgname::pattern(
        &format!(
            r"^(?i:{art})?\s*({word}(?:\s+{word}){{0,11}}?)(?:\s+\([\p{{Lu}}][\p{{L}}-]{{1,12}}\))?,?\s+\p{{Ll}}",
            art = orgname::every(|l| &l.speech.articles)
        ),
        "capital subject",
    )
});

/// The organization that is the subject of a paragraph's first sentence, if it is at
/// least as name-like as `min`.
fn lead_in_subject_plain(text: &str, registry: &Registry, min: OrgLikeness) -> Option<String> {
    let candidates = [SUBJECT.captures(text), CAPITAL_SUBJECT.captures(text)];
    candidates.into_iter().flatten().find_map(|c| {
        let m = c.get(1)?;
        let name = orgname::strip_organ(m.as_str().trim().trim_end_matches(','));
        // Keep an acronym written right after the name, "Socialist Youth Network (SYN)",
        // or the word that is part of it, "Communist Party of India (Marxist)".
        let after = text[m.end()..].trim_start();
        let with_acronym = match after.strip_prefix('(').and_then(|a| a.split_once(')')) {
            Some((inner, _)) if !inner.contains(' ') && inner.starts_with(char::is_uppercase) => {
                format!("{name} ({inner})")
            }
            _ => name.to_string(),
        };
        (orgname::org_likeness(name, registry) >= min && name.split_whitespace().count() >= 2).then_some(with_acronym)
    })
}

/// If a signature starts at content index `k` (within `..to`), the content index just past it.
fn signature_end_at(blocks: &[Block], content: &[usize], k: usize, to: usize, registry: &Registry) -> Option<usize> {
    let b = &blocks[content[k]];
    if SIGNED.is_match(&b.text) && b.text.split_whitespace().count() <= 12 {
        // Up to four short lines: the names, roles and organization.
        let mut e = k + 1;
        while e < to
            && e - k <= 4
            && blocks[content[e]].text.split_whitespace().count() <= 12
            && blocks[content[e]].kind != BlockKind::ListItem
        {
            e += 1;
        }
        return Some(e);
    }
    org_date_line(&b.text, registry).map(|_| k + 1)
}

/// "Russian Socialist Movement 30 January 2022", "— Peace League, 3/15/2022" or
/// "30 January 2022, Peace League": the organization (with how name-like it is) and the
/// date of a one-line signature.
fn org_date_line(text: &str, registry: &Registry) -> Option<((String, OrgLikeness), DateMention)> {
    if text.split_whitespace().count() > 16 {
        return None;
    }
    let d = *dates::find_dates(text).last()?;
    let trim = |s: &str| s.trim().trim_matches(|c: char| matches!(c, ',' | '-' | '–' | '—' | ' ')).to_string();
    let (before, after) =
        (trim(dates::strip_date_filler(&text[..d.start])), trim(&dates::without_time(&text[d.end..])));
    let name = match (before.is_empty(), after.is_empty()) {
        (false, true) => before,
        (true, false) => after,
        _ => return None,
    };
    let name = orgname::strip_organ(&name).to_string();
    let likeness = orgname::org_likeness(&name, registry);
    // A place before the date ("Kuala Lumpur, 27 February 2022") is not an organization.
    (likeness >= OrgLikeness::Weak && crate::country::from_city(&name).is_none()).then_some(((name, likeness), d))
}

/// A signature's parts: where it starts (index into the segment's blocks), the
/// organization it names (with how name-like), and its date with the place beside it.
type Signature = (usize, Option<(String, OrgLikeness)>, Option<(DateMention, String, Option<String>)>);

/// The signature closing a segment's blocks `idx[pos..]`.
fn signature(blocks: &[Block], idx: &[usize], pos: usize, registry: &Registry) -> Option<Signature> {
    let n = idx.len();
    if n <= pos + 1 {
        return None;
    }
    let lo = n.saturating_sub(6).max(pos + 1);
    let dated = |text: &str, d: DateMention| (d, text[d.start..d.end].to_string(), dates::place_of(text, &d));
    // "Released by, ..." with the lines after it.
    for k in lo..n {
        let b = &blocks[idx[k]];
        if SIGNED.is_match(&b.text)
            && b.text.split_whitespace().count() <= 12
            && idx[k..].iter().all(|&j| blocks[j].text.split_whitespace().count() <= 16)
        {
            let lines: Vec<String> = std::iter::once(SIGNED.replace(&b.text, "").trim().to_string())
                .chain(idx[k + 1..].iter().map(|&j| blocks[j].text.clone()))
                .filter(|s| !s.is_empty())
                .collect();
            let org = lines
                .iter()
                .rev()
                .map(|l| orgname::strip_organ(l.trim_end_matches(',')).to_string())
                .find(|l| orgname::org_likeness(l, registry) == OrgLikeness::Strong)
                .map(|l| (l, OrgLikeness::Strong));
            let date = lines.iter().find_map(|l| dates::find_dates(l).first().map(|d| dated(l, *d)));
            return Some((k, org, date));
        }
    }
    // "Organization, date" or a date alone on the last line(s).
    let last = &blocks[idx[n - 1]];
    if let Some((org, d)) = org_date_line(&last.text, registry) {
        return Some((n - 1, Some(org), Some(dated(&last.text, d))));
    }
    if let Some(d) = dates::date_line(&last.text) {
        // An organization's name alone on the line before the date belongs to it.
        if n >= pos + 3 {
            let prev = &blocks[idx[n - 2]];
            let name = orgname::strip_organ(&prev.text).to_string();
            let likeness = orgname::org_likeness(&name, registry);
            if prev.text.split_whitespace().count() <= 12
                && likeness >= OrgLikeness::Weak
                && !prev.text.ends_with(['.', '!', '?'])
            {
                return Some((n - 2, Some((name, likeness)), Some(dated(&last.text, d))));
            }
        }
        return Some((n - 1, None, Some(dated(&last.text, d))));
    }
    let name = orgname::strip_organ(&last.text).to_string();
    if last.text.split_whitespace().count() <= 12
        && !last.text.ends_with(['.', '!', '?'])
        && orgname::org_likeness(&name, registry) == OrgLikeness::Strong
    {
        return Some((n - 1, Some((name, OrgLikeness::Strong)), None));
    }
    None
}

#[cfg(test)]
mod tests {
    use stances_core::{Document, Format, PartialDate};

    use crate::{Reader, Registry};

    fn reading(page: &str) -> crate::Reading {
        let doc = Document {
            bytes: page.as_bytes().to_vec(),
            origin: "t".into(),
            format: Some(Format::Text),
            given: Default::default(),
            charset: None,
        };
        Reader::new(Registry::empty()).read(&doc).expect("reads")
    }

    /// (organization, first words of text, date) of each statement of a text page.
    fn read(page: &str) -> Vec<(String, String, Option<String>)> {
        let reading = reading(page);
        reading
            .statements
            .iter()
            .map(|s| {
                (
                    s.organization.name.clone(),
                    s.text.split_whitespace().take(5).collect::<Vec<_>>().join(" "),
                    s.date.map(|d| d.to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn a_news_page_quoting_several_organizations_gives_each_its_statement() {
        let page = "Harbour unions stand with Ukraine\n\nUnions in the harbour have spoken out this week, and their members have been giving to the relief funds in great numbers.\n\nThe HWU statement read: “The HWU condemns the invasion of Ukraine and calls for an immediate ceasefire, for talks and for aid to every family.”\n\n“We stand with the workers of Ukraine, and we will keep standing with them for as long as this war goes on.”\n\nThe QWF statement read: “The QWF demands the withdrawal of all Russian troops from Ukraine now, and help for all who flee the war.”\n";
        let r = reading(page);
        let orgs: Vec<&str> = r.statements.iter().map(|s| s.organization.name.as_str()).collect();
        assert_eq!(orgs, ["HWU", "QWF"], "{:#?}", r.statements);
        assert!(r.statements[0].text.contains("We stand with the workers"));
    }

    #[test]
    fn a_report_that_turns_to_another_organization_gives_it_a_statement() {
        let page = "HWU, QWF and LTF condemn the invasion\n\n date 2022-03 The HWU and QWF harbour unions have spoken out jointly to condemn the invasion of Ukraine and demand that all Russian forces withdraw.\n\nAda Byron, HWU general secretary, stated: “We cannot allow the war to go on, and we call for talks.”\n\nSimilarly the Lantern Teachers Federation condemned “the illegal invasion of a sovereign nation” and said: “We send our solidarity to the teachers of Ukraine.”\n";
        let r = reading(page);
        let orgs: Vec<&str> = r.statements.iter().map(|s| s.organization.name.as_str()).collect();
        assert_eq!(orgs, ["HWU", "Lantern Teachers Federation"], "{:#?}", r.statements);
        assert_eq!(r.statements[0].co_signatories, ["QWF", "LTF"], "the headline's list");
        assert_eq!(r.statements[1].date.map(|d| d.to_string()).as_deref(), Some("2022-03"), "the report's date");
        // A statement in its own voice that cites another organization stays one.
        let own = "The Harbour Workers Union condemns the invasion of Ukraine, and we call on every member to give to the relief fund.\n\nWe stand with the dockers of Ukraine and will keep standing with them until the war ends.\n\nSimilarly the Lantern Teachers Federation condemned the invasion and called for talks, and we welcome their words.\n";
        assert_eq!(reading(own).statements.len(), 1);
    }

    #[test]
    fn a_statement_before_the_first_heading_is_kept_and_a_signers_organization_starts_nothing() {
        let page = "HFB fordømmer invasjonen av Ukraina. Et brudd på folkeretten som vi tar sterkt avstand fra, og som rammer sivile hardt.\n\nHFB krever umiddelbar stans i krigshandlingene, og vi oppfordrer alle våre medlemmer til å vise solidaritet med folket i Ukraina.\n\nKFFs uttalelse om invasjonen:\n\nKFF fordømmer invasjonen av Ukraina på det sterkeste, og krever at troppene trekkes tilbake straks fra hele landet.\n";
        let r = reading(page);
        let orgs: Vec<&str> = r.statements.iter().map(|s| s.organization.name.as_str()).collect();
        assert_eq!(orgs, ["HFB", "KFF"], "{:#?}", r.statements);
        let page = "The Harbour Council condemns the invasion of Ukraine and calls on every member to give to the relief fund now.\n\nAda Byron\n\nActing General Secretary\n\nHarbour Council\n\nHarbour Council gravely concerned for the people of the region amid escalating tensions (statement of 22 February)\n";
        let r = reading(page);
        assert_eq!(r.statements.len(), 1, "{:#?}", r.statements);
    }

    #[test]
    fn colon_headings_split_a_compendium_in_page_order() {
        let page = "Statements on the war\n\nPlease send statements to x@example.org so we can continue to update this page\n\nDock Workers Union: No to war!\n\nMarch 3 - The Dock Workers Union condemns the invasion and calls for peace talks.\n\nTeachers Federation: Schools are not targets\n\nMarch 4, 2022 - The Teachers Federation demands that schools be protected.\n";
        let got = read(page);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "Dock Workers Union");
        assert_eq!(got[0].1, "The Dock Workers Union condemns");
        assert_eq!(got[0].2.as_deref(), Some("2022-03-03"), "the year of the dated neighbour");
        assert_eq!(got[1].0, "Teachers Federation");
    }

    #[test]
    fn dated_lead_ins_start_statements_without_headings() {
        let page = "Reactions\n\nMarch 2 - The Harbour Socialist Party condemns the attack and calls for a ceasefire today.\n\nWe will march on Saturday.\n\nMarch 3, 2022 - The River Greens Alliance demands talks and the withdrawal of all troops now.\n";
        let got = read(page);
        assert_eq!(
            got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
            ["Harbour Socialist Party", "River Greens Alliance"]
        );
        assert_eq!(got[0].1, "The Harbour Socialist Party condemns");
    }

    #[test]
    fn a_name_and_date_at_the_end_sign_rather_than_start() {
        let page = "Green Valley Party statement on the war\n\nThe Green Valley Party rejects the logic of escalation and calls for talks at once.\n\nGreen Valley Party\n5 March 2022\n";
        let got = read(page);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].2.as_deref(), Some("2022-03-05"));
    }

    #[test]
    fn released_by_signatures_close_a_statement_and_name_aliases() {
        let page = "Peace Party of Examplia (PPE): No war!\n\nThe Peace Party of Examplia strongly condemns the invasion of its neighbour by the army.\n\nReleased by,\nJane Roe\nSecretary General\nPeace Party of Examplia / Parti de la Paix (PPE)\n";
        let reading = reading(page);
        let s = &reading.statements[0];
        assert!(!s.text.contains("Released"), "{}", s.text);
        assert!(s.organization.aliases.iter().any(|a| a == "Parti de la Paix"), "{:?}", s.organization.aliases);
        assert!(s.organization.aliases.iter().any(|a| a == "PPE"), "{:?}", s.organization.aliases);
    }

    #[test]
    fn signers_titles_name_the_author_and_the_co_signers() {
        // The signers' lines joined to the last paragraph by hard line breaks.
        let page = "We are alarmed by the new war in Europe and call for a negotiated way out of it.\nNothing justifies the suffering it causes.\nPorto, 25 February 2022\nLia Costa, Presidente da Central Sindical Unida\nRui Mota, Presidente da UTR (União dos Trabalhadores Reunidos)\n";
        let reading = reading(page);
        let s = &reading.statements[0];
        assert_eq!(s.organization.name, "Central Sindical Unida");
        assert!(s.co_signatories.iter().any(|c| c.starts_with("UTR")), "{:?}", s.co_signatories);
        assert!(!s.text.contains("Lia Costa"), "{}", s.text);
        assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2022-02-25"));
    }

    #[test]
    fn a_japanese_author_line_under_the_title_names_the_author() {
        // Title, date, the author alone on its line, the signer's title and name, a numbered section.
        let page = "ロシアの軍事侵攻に対する談話\n2022年02月24日\n港湾労働組合連合会\n事務局長 山田 花子\n\n1.国際法に反する行為を非難する\n連合会はこの軍事侵攻を厳しく非難し、即時の撤退を強く求める。国際社会の迅速な対話を求める。\n";
        let got = read(page);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "港湾労働組合連合会");
        assert_eq!(got[0].2.as_deref(), Some("2022-02-24"));
    }

    #[test]
    fn the_authors_name_again_under_its_heading_starts_nothing_new() {
        let page = "港湾労働組合連合会 幹事会声明\n\nウクライナに平和を!\n\n港湾労働組合連合会\n\nロシア軍はウクライナの民間施設や学校をも標的に攻撃している。私たちはこの侵略を糾弾し、即時撤退を求める。\n\n対話による平和的解決が最善の道である。\n";
        let got = read(page);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "港湾労働組合連合会");
        assert!(got[0].1.starts_with("ロシア軍は"), "{got:?}");
    }

    #[test]
    fn a_greeting_between_the_authors_heading_and_its_text() {
        let page = "The Chairperson of the Harbour Workers Union\n\nDear friends!\n\nThis morning the army attacked the port cities of our country and started an invasion. We call on all unions to stand with us.\n";
        let got = read(page);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Harbour Workers Union");
    }

    #[test]
    fn a_date_above_a_page_of_many_dates_those_that_give_none() {
        let page = "Friday, February 25, 2022\n\nHarbour Workers Union: Statement on the war\n\nThe Harbour Workers Union condemns the invasion and calls for an immediate ceasefire and talks.\n\nDock Guild: Declaración sobre la guerra\n\nThe Dock Guild condemns the invasion and calls for the withdrawal of all troops now.\n";
        let got = read(page);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|g| g.2.as_deref() == Some("2022-02-25")), "{got:?}");
    }

    #[test]
    fn a_signature_followed_by_more_text_ends_a_statement() {
        let page = "The Quay Workers Union calls for an end to the shelling of the port and for talks now.\n\nQuay Workers Union, 3 March 2022\n\nThe Harbour Pilots Association demands safe passage for every ship carrying food and medicine out of the war zone, and calls on all governments to guarantee it.\n\nHarbour Pilots Association, 4 March 2022\n";
        let got = read(page);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].0, "Harbour Pilots Association");
        assert_eq!(got[1].2.as_deref(), Some("2022-03-04"));
    }

    #[test]
    fn a_dated_headline_gives_the_date_and_the_title() {
        let page = "Lakes Party (LP) statement on the war\n\nFebruary 25 Stop the bombings! Troops out!\n\nThe Lakes Party views with alarm the escalating conflict and calls for talks.\n\nFebruary 27, 2022 - Another line.\n";
        let reading = reading(page);
        let s = &reading.statements[0];
        assert_eq!(s.title.as_deref(), Some("Stop the bombings! Troops out!"));
        assert!(s.text.starts_with("The Lakes Party views"));
        assert_eq!(s.date_text.as_deref(), Some("February 25"));
    }

    #[test]
    fn datelines_bylines_and_date_lines_among_the_first_lines() {
        let (d, rest) = super::dateline("Nordstadt/Südstadt, (24.02.2022). Mit Entsetzen sehen wir").expect("dateline");
        assert_eq!((d.date(), rest), (PartialDate::ymd(2022, 2, 24), "Mit Entsetzen sehen wir"));
        let page = "Peace now\n\nBy the Harbour Union, May 25, 2022\n\nThe war must end.\n";
        let s = &reading(page).statements[0];
        assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2022-05-25"));
        assert_eq!(s.organization.name, "Harbour Union");
        assert_eq!(s.text, "The war must end.");
        let page = "Statement of Support for Peace in Ukraine\n\nBy Friends of a Quiet Harbour, May 25, 2022\n\nThe war must end.\n";
        let s = &reading(page).statements[0];
        assert_eq!(s.organization.name, "Friends of a Quiet Harbour", "a byline's name over a heading's weak one");
        let page = "Statement of Support for Peace in Ukraine\n\nBy Ada Byron, May 25, 2022\n\nThe war must end.\n";
        assert_ne!(reading(page).statements[0].organization.name, "Ada Byron", "a person's byline names no author");
        let page = "  • Comment of the Ministry of Harbours on the anniversary of the blockade of the port\n    Ministry of Harbours, posted 18 March 2023 16:56\n\nNine years ago the port was closed by an occupying army, and we recall it today with every sailor.\n";
        let s = &reading(page).statements;
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].organization.name, "Ministry of Harbours", "an author and date line above the text");
        assert_eq!(s[0].date.map(|d| d.to_string()).as_deref(), Some("2023-03-18"));
        let page = "El Partido de los Muelles condena la guerra y pide la paz en toda la región afectada.\nJueves 24 de febrero de 2022 | 17:45\nA través de una declaración, el partido pidió la paz inmediata en la región.\n";
        let s = &reading(page).statements[0];
        assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2022-02-24"));
        let page = "Peace now\n\nBoston — The Harbour League calls for talks and an end to the war.\n";
        let s = &reading(page).statements[0];
        assert_eq!(s.country.as_deref(), Some("United States"), "a place before a dash");
        assert!(s.text.starts_with("The Harbour League"), "{}", s.text);
    }

    #[test]
    fn a_related_news_label_ends_an_item() {
        let page = "The Harbour League condemns the invasion and calls for talks between the parties without delay, for the sake of every worker in the port towns.\n\nRelated news All news »\n\nOn 3 March, marking the day of the dockers, the Harbour League called once more for an end to the war and for refugees to be welcomed in every port of the region.\n";
        let r = reading(page);
        assert_eq!(r.statements.len(), 2, "{:#?}", r.statements.iter().map(|s| &s.text).collect::<Vec<_>>());
        assert!(r.statements[1].text.starts_with("On 3 March"));
    }
}
