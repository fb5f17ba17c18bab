//! Attribution: each segment becomes a statement with its organization (canonical name,
//! stable id, aliases seen), country, date, title and language. Organizations are
//! resolved against the registry first; unknown ones are grouped across the page when one
//! name abbreviates another, and flagged for an editor's review.

use stances_core::{
    slugify, Block, BlockKind, CountrySource, DateSource, OrganizationRef, PageMeta, PartialDate, Statement, BULLET,
};

use crate::dates::DateMention;
use crate::registry::{self, Registry};
use crate::segment::{OrgFrom, Segment};
use crate::{country, language, orgname};

/// Turns the segments of one page into statements.
/// `topic_countries` are the countries the topic is about, whatever the page says.
pub fn attribute(
    blocks: &[Block],
    segments: &[Segment],
    meta: &PageMeta,
    registry: &Registry,
    topic_countries: &[String],
) -> (Vec<Statement>, Vec<Why>) {
    let texts: Vec<String> = segments.iter().map(|s| statement_text(blocks, s)).collect();
    let languages: Vec<Option<String>> = texts.iter().map(|t| language::detect(t)).collect();
    let whole: String = texts.join("\n");
    let mut topic = country::topic_countries(&country::counts(&whole));
    topic.extend(topic_countries.iter().filter_map(|c| country::canonical(c)));
    let mut segments = segments.to_vec();
    // A page of one statement that names no author: its publisher, when the page's address
    // spells a name the statement gives ("cupe.ca" and "CUPE").
    if let (Some(url), [only]) = (&meta.source_url, &mut segments[..]) {
        if only.org.is_none() {
            let text = format!("{}\n{}", only.title.as_deref().unwrap_or(""), texts[0]);
            only.org = crate::publisher::from_address(url, &text, registry);
            only.org_from = only.org.as_ref().map(|_| (OrgFrom::Address, url.clone()));
        }
    }
    // Else a state that speaks in it ("South Africa calls on Russia ..."), through its
    // government: not one the topic is about (the page's most named countries are often
    // the speaker's own, so only the codebook's count here, when it names some).
    let states_of_topic: Vec<&str> = if topic_countries.is_empty() {
        topic.clone()
    } else {
        topic_countries.iter().filter_map(|c| country::canonical(c)).collect()
    };
    for ((seg, text), language) in segments.iter_mut().zip(&texts).zip(&languages) {
        if seg.org.is_some() {
            continue;
        }
        let headlines: Vec<&str> = seg.headlines.iter().map(String::as_str).collect();
        let opening: Vec<&str> = text.lines().take(5).collect();
        let speaks = |t: &&str| crate::speech::state(&[], &[t], language.as_deref(), &states_of_topic);
        if let Some((said, c)) = headlines.iter().chain(&opening).find_map(|t| Some((*t, speaks(t)?))) {
            seg.org = Some(format!("Government of {c}"));
            seg.org_from = Some((OrgFrom::State, said.chars().take(160).collect()));
        }
    }
    // Else, for a page of one statement, a one-word name that speaks in it again and again.
    if let [only] = &mut segments[..] {
        if only.org.is_none() {
            only.org = crate::speech::repeated_speaker(&texts[0], languages[0].as_deref());
            only.org_from = only.org.as_ref().map(|o| (OrgFrom::Speech, o.clone()));
        }
    }
    // Else, for a page of one statement that names no one, the address's own words.
    if let (Some(url), [only]) = (&meta.source_url, &mut segments[..]) {
        if only.org.is_none() {
            only.org = crate::publisher::from_domain(url, registry);
            only.org_from = only.org.as_ref().map(|_| (OrgFrom::Address, url.clone()));
        }
    }
    let segments = &segments[..];
    let mut orgs = resolve_organizations(segments, registry);
    for (org, seg) in orgs.iter_mut().zip(segments) {
        if let (Some(o), Some((OrgFrom::State, _))) = (org, &seg.org_from) {
            o.kind = o.kind.take().or_else(|| Some("government".to_string()));
        }
    }
    let why = segments
        .iter()
        .map(|seg| Why {
            begins: seg.begins,
            organization_from: seg.org.as_ref().and(seg.org_from.as_ref()).map(|(f, _)| *f),
            organization_text: seg.org.as_ref().and(seg.org_from.as_ref()).map(|(_, t)| t.clone()),
        })
        .collect();
    let explicit_years: Vec<Option<i32>> = segments.iter().map(|s| s.date.as_ref().and_then(|d| d.0.year)).collect();

    let statements = segments
        .iter()
        .enumerate()
        .map(|(k, seg)| {
            let text = texts[k].clone();
            let org = orgs[k].clone();
            let (country, country_source) = match seg.country_hint {
                Some(c) if org.as_ref().is_none_or(|o| o.country.is_none()) => {
                    (Some(c.to_string()), Some(CountrySource::Name))
                }
                _ => decide_country(org.as_ref(), seg.place.as_deref(), &text, &topic),
            };
            let language = languages[k].clone().or_else(|| meta.language.clone());
            // Else the page's address, where the statement's language agrees with it.
            let (country, country_source) = match (&country, &meta.source_url) {
                (None, Some(url)) => match country::from_address(url, language.as_deref()) {
                    Some(c) => (Some(c.to_string()), Some(CountrySource::Address)),
                    None => (country, country_source),
                },
                _ => (country, country_source),
            };
            let (date, date_source, date_text) = decide_date(seg, &text, k, &explicit_years, meta.published);
            Statement {
                organization: org.unwrap_or_else(unknown_author),
                co_signatories: seg.cosigners.clone(),
                country,
                country_source,
                date,
                date_source,
                date_text,
                // A page of one statement whose heading the extractor dropped: its title.
                title: seg.title.clone().or_else(|| (segments.len() == 1).then(|| meta.title.clone()).flatten()),
                language,
                text,
                blocks: seg.span,
                positions: Vec::new(),
            }
        })
        .collect();
    (statements, why)
}

/// Why a statement was read as it was: where it begins, and where its organization's
/// name came from (its country and date say so themselves: `country_source`, `date_source`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Why {
    /// Why it begins where it does.
    pub begins: crate::segment::Begins,
    /// Where its organization was read (none when it names none).
    pub organization_from: Option<crate::segment::OrgFrom>,
    /// The words (or the address) it was read from.
    pub organization_text: Option<String>,
}

/// The author of a statement that names none.
fn unknown_author() -> OrganizationRef {
    OrganizationRef {
        id: String::new(),
        name: String::new(),
        aliases: Vec::new(),
        known: false,
        country: None,
        kind: None,
    }
}

/// A statement's text: its blocks, one per line, list items marked with [`BULLET`], the
/// dateline cut from the first.
fn statement_text(blocks: &[Block], seg: &Segment) -> String {
    let mut out = String::new();
    for (k, &i) in seg.text_blocks.iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if blocks[i].kind == BlockKind::ListItem {
            out.push_str(BULLET);
        }
        let last = k + 1 == seg.text_blocks.len();
        match (k, seg.first_text.as_deref(), seg.last_text.as_deref()) {
            (0, Some(t), _) => out.push_str(t),
            (_, _, Some(t)) if last => out.push_str(t),
            _ => out.push_str(&blocks[i].text),
        }
    }
    out
}

/// One organization per segment: registry entries where known, otherwise the page's own
/// names grouped when one abbreviates or aliases another.
fn resolve_organizations(segments: &[Segment], registry: &Registry) -> Vec<Option<OrganizationRef>> {
    // Every name each segment gives its author, main name first.
    let names: Vec<Vec<String>> = segments
        .iter()
        .map(|s| {
            let mut v = Vec::new();
            for raw in s.org.iter().chain(&s.extra_names) {
                let (main, aliases) = orgname::split_name(raw);
                v.push(main);
                v.extend(aliases);
            }
            let mut seen = std::collections::HashSet::new();
            v.retain(|n| seen.insert(registry::key(n)));
            v
        })
        .collect();
    // Group segments whose names meet.
    let n = segments.len();
    let mut group: Vec<usize> = (0..n).collect();
    fn find(g: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while g[r] != r {
            r = g[r];
        }
        g[i] = r;
        r
    }
    let same = |a: &str, b: &str| {
        registry::key(a) == registry::key(b) || orgname::abbreviates(a, b) || orgname::abbreviates(b, a)
    };
    for i in 0..n {
        for j in i + 1..n {
            let meets = names[i].iter().any(|a| names[j].iter().any(|b| same(a, b)));
            let known_i = names[i].iter().find_map(|x| registry.lookup(x)).map(|o| &o.id);
            let known_j = names[j].iter().find_map(|x| registry.lookup(x)).map(|o| &o.id);
            if meets || (known_i.is_some() && known_i == known_j) {
                let (ri, rj) = (find(&mut group, i), find(&mut group, j));
                group[rj] = ri;
            }
        }
    }
    (0..n)
        .map(|i| {
            let root = find(&mut group, i);
            let members: Vec<usize> = (0..n).filter(|&j| find(&mut group.clone(), j) == root).collect();
            let all: Vec<&String> = members.iter().flat_map(|&j| &names[j]).collect();
            if all.is_empty() {
                return None;
            }
            if let Some(known) = all.iter().find_map(|x| registry.lookup(x)) {
                let mut aliases: Vec<String> = Vec::new();
                for a in names[i].iter().chain(known.aliases.iter()) {
                    if registry::key(a) != registry::key(&known.name)
                        && !aliases.iter().any(|x| registry::key(x) == registry::key(a))
                    {
                        aliases.push(a.clone());
                    }
                }
                return Some(OrganizationRef {
                    id: known.id.clone(),
                    name: known.name.clone(),
                    aliases,
                    known: true,
                    country: known.country.clone(),
                    kind: known.kind.clone(),
                });
            }
            // The canonical name of an unknown organization: its longest written-out name.
            // The first of the longest written-out names (an acronym only when there is
            // nothing else): "Die Sozialistische Jugend" as the text writes it, not the
            // heading's inflected "der Sozialistischen Jugend".
            let words = |x: &str| x.split_whitespace().count();
            let spelled: Vec<&&String> = all.iter().filter(|x| !orgname::is_acronym(x)).collect();
            let most = spelled.iter().map(|x| words(x)).max().unwrap_or(0);
            let canonical = spelled
                .iter()
                .find(|x| words(x) == most)
                .map(|s| s.to_string())
                .or_else(|| all.first().map(|s| s.to_string()))
                .unwrap_or_default();
            let mut aliases: Vec<String> = Vec::new();
            for a in all {
                if registry::key(a) != registry::key(&canonical)
                    && !aliases.iter().any(|x| registry::key(x) == registry::key(a))
                {
                    aliases.push(a.clone());
                }
            }
            Some(OrganizationRef {
                id: slugify(&canonical),
                name: canonical,
                aliases,
                known: false,
                country: None,
                kind: None,
            })
        })
        .collect()
}

/// The country: the registry's, else the one the organization's name states, else the
/// city of its dateline or signature, else a strong cue in its own words.
fn decide_country(
    org: Option<&OrganizationRef>,
    place: Option<&str>,
    text: &str,
    topic: &[&str],
) -> (Option<String>, Option<CountrySource>) {
    if let Some(o) = org {
        if let Some(c) = &o.country {
            return (Some(c.clone()), Some(CountrySource::Registry));
        }
        if let Some(c) = std::iter::once(&o.name).chain(&o.aliases).find_map(|n| country::from_name(n)) {
            return (Some(c.to_string()), Some(CountrySource::Name));
        }
    }
    // "the Ukrainian political party “Derzhava”": how the text describes its author.
    if let Some((c, cue)) = org.and_then(|o| country::described(text, &o.name)) {
        return (Some(c.to_string()), Some(CountrySource::Text(cue)));
    }
    if let Some((p, c)) = place.and_then(|p| country::from_city(p).map(|c| (p, c))) {
        return (Some(c.to_string()), Some(CountrySource::Text(format!("issued in {p}"))));
    }
    match country::from_text(text, topic) {
        Some((c, cue)) => (Some(c.to_string()), Some(CountrySource::Text(cue))),
        None => (None, None),
    }
}

/// The statement's date: its own (dateline, heading, signature), a year-less one
/// completed from the page's date or the nearest dated neighbour, else the page's date.
fn decide_date(
    seg: &Segment,
    text: &str,
    k: usize,
    explicit_years: &[Option<i32>],
    published: Option<PartialDate>,
) -> (Option<PartialDate>, Option<DateSource>, Option<String>) {
    let Some((mention, raw, source)) = &seg.date else {
        // When the page gives no date of its own: a report's sentence that tells when it was said.
        if published.is_none() {
            if let Some(d) = crate::dates::reported_on(text, seg.org.as_deref()) {
                return (d.date(), Some(DateSource::Report), None);
            }
        }
        return (published, published.map(|_| DateSource::Publication), None);
    };
    let anchor =
        published.or_else(|| nearest_year(k, explicit_years).map(|y| PartialDate { year: y, month: None, day: None }));
    let date = resolve(mention, anchor);
    (date, date.map(|_| *source), Some(raw.clone()))
}

fn resolve(mention: &DateMention, anchor: Option<PartialDate>) -> Option<PartialDate> {
    mention.resolve(anchor)
}

/// The explicit year of the nearest dated statement on the page.
fn nearest_year(k: usize, years: &[Option<i32>]) -> Option<i32> {
    (1..years.len()).find_map(|d| {
        let before = k.checked_sub(d).and_then(|i| years.get(i)).copied().flatten();
        let after = years.get(k + d).copied().flatten();
        before.or(after)
    })
}

#[cfg(test)]
mod tests {
    use stances_core::{DateSource, Document, Format, PartialDate};

    use crate::{Reader, Registry};

    fn read(page: &str, published: Option<PartialDate>, registry: Registry) -> Vec<stances_core::Statement> {
        let doc = Document {
            bytes: page.as_bytes().to_vec(),
            origin: "t".into(),
            format: Some(Format::Text),
            given: stances_core::Given { published, ..Default::default() },
            charset: None,
        };
        Reader::new(registry).read(&doc).expect("reads").statements
    }

    #[test]
    fn abbreviated_names_on_one_page_are_one_organization() {
        let page = "Communist League of Examplia (Marxist) Renewal (CLEMR) on the war\n\nFebruary 24 - We demand that the invading army withdraw at once from the whole territory.\n\nCLE (M) Renewal: Stop the war!\n\nMarch 2, 2022\n\nThe war has triggered protests across the whole region and beyond it in every city.\n";
        let st = read(page, None, Registry::empty());
        assert_eq!(st.len(), 2);
        assert_eq!(st[0].organization.id, st[1].organization.id);
        assert_eq!(st[1].organization.name, "Communist League of Examplia (Marxist) Renewal");
        assert!(st[1].organization.aliases.iter().any(|a| a == "CLE (M) Renewal"));
        assert!(!st[0].organization.known, "unknown organizations are flagged for review");
    }

    #[test]
    fn registry_names_are_canonical_and_give_the_country() {
        let reg = Registry::parse(
            "[[organization]]\nname = \"Peace League of Examplia\"\naliases = [\"PLE\"]\ncountry = \"France\"\n",
            "t",
        )
        .expect("registry");
        let st =
            read("PLE: No to war!\n\nThe PLE condemns the war and calls for talks between all sides now.\n", None, reg);
        assert_eq!(st[0].organization.name, "Peace League of Examplia");
        assert!(st[0].organization.known);
        assert_eq!(st[0].country.as_deref(), Some("France"));
    }

    #[test]
    fn yearless_dates_are_never_after_the_page() {
        let page = "Winter statements\n\nDock Union: Another winter\n\nDecember 28 - The Dock Union calls for a ceasefire before the new year begins.\n\nRail Union: Talks now\n\nJanuary 5 - The Rail Union calls for talks to begin at once between all sides.\n";
        let st = read(page, PartialDate::ymd(2023, 1, 10), Registry::empty());
        let dates: Vec<String> = st.iter().map(|s| s.date.map(|d| d.to_string()).unwrap_or_default()).collect();
        assert_eq!(dates, ["2022-12-28", "2023-01-05"]);
    }

    #[test]
    fn dates_on_lines_of_their_own_with_times_or_at_the_end() {
        let st = read(
            "25.02.2022 - 10:30\n\nThe Quay Party condemns the invasion of Ukraine by Russia today.\n",
            None,
            Registry::empty(),
        );
        assert_eq!(st[0].date, PartialDate::ymd(2022, 2, 25));
        assert!(!st[0].text.contains("10:30"));
        // A closing place and date, joined to the last paragraph by a hard line break,
        // signers' names after it: the date, and out of the text.
        let page = "The Quay Party condemns the invasion of Ukraine by Russia today.\n\nWe call for talks and for peace in the whole region.\nPortville, 5 ottobre 2022\n\nAda Byron, President\n";
        let st = read(page, None, Registry::empty());
        assert_eq!(st[0].date, PartialDate::ymd(2022, 10, 5));
        assert_eq!(st[0].date_source, Some(stances_core::DateSource::Signature));
        assert!(st[0].text.ends_with("in the whole region."), "{}", st[0].text);
    }

    #[test]
    fn without_a_date_the_publication_date_is_used_and_marked() {
        let st = read(
            "The Quay Workers Union calls on all sides to stop the shelling of the port.\n",
            PartialDate::ymd(2022, 4, 12),
            Registry::empty(),
        );
        assert_eq!(st[0].date.map(|d| d.to_string()).as_deref(), Some("2022-04-12"));
        // A text carries no publication date of its own: this one was given with it.
        assert_eq!(st[0].date_source, Some(DateSource::Given));
        let st = read(
            "The Quay Workers Union calls on all sides to stop the shelling of the port.\n",
            None,
            Registry::empty(),
        );
        assert_eq!(st[0].date, None, "no date is ever guessed");
    }

    #[test]
    fn no_country_without_a_cue() {
        let st = read("Lakes Party: No to war\n\nThe Lakes Party condemns the invasion of Ukraine by Russia and calls on Russia to withdraw.\n", None, Registry::empty());
        assert_eq!(st[0].country, None);
    }

    #[test]
    fn an_unnamed_author_has_no_organization() {
        let st = read(
            "No to war\n\nWe, the undersigned residents, ask for peace and for lower heating bills this winter.\n",
            None,
            Registry::empty(),
        );
        assert_eq!(st.len(), 1);
        assert!(st[0].organization.name.is_empty());
    }
}
