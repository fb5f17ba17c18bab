//! The HTML pages: each built from the site snapshot into a small view model, then
//! rendered by its askama template (which escapes everything not marked safe; the only
//! safe pieces are made here from escaped text: highlighted statements, snippets, SVG).

use askama::Template;
use stances_search::Results;

use crate::charts;
use crate::links::Links;
use crate::matrix::{Matrix, MatrixFilter};
use crate::record::{POSITION_COLUMNS, STATEMENT_COLUMNS};
use crate::site::{Entry, Site};
use crate::text;

/// What every page shows around its content.
#[derive(Debug, Clone)]
pub struct Base {
    /// The page's title.
    pub page_title: String,
    /// The site's name.
    pub site_title: String,
    /// How to link from this page.
    pub links: Links,
    /// The topic of the living page.
    pub topic_slug: String,
}

/// "1 statement", "2 statements": a count with its noun in the right number (for the
/// templates: `{{ crate::views::count(total, "statement", "statements") }}`).
pub fn count(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    let noun = if n == "1" { one } else { many };
    format!("{n} {noun}")
}

/// Site-wide settings for rendering.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The site's name.
    pub title: String,
    /// Its public address, for permalinks, citations and feeds (no trailing slash).
    pub base_url: String,
    /// Whether the first `X-Forwarded-For` hop is the client (behind a trusted proxy).
    pub trust_proxy: bool,
    /// Whether a URL sent through the form may point at a private or loopback address.
    pub fetch_private: bool,
    /// The server's limits.
    pub limits: ServerLimits,
}

/// The limits of a served site (the `[limits]` of `stances.toml`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerLimits {
    /// Megabytes of responses the page cache keeps.
    pub cache_mb: usize,
    /// The largest file the submission form takes, in megabytes.
    pub submit_file_mb: usize,
    /// Submissions one client may send at once...
    pub submit_burst: u32,
    /// ...then one more every this many seconds.
    pub submit_every_seconds: u64,
    /// Login attempts one address may make at once...
    pub login_burst: u32,
    /// ...then one more every this many seconds.
    pub login_every_seconds: u64,
    /// Failed logins in a row that lock an account...
    pub lock_after: u32,
    /// ...for this many minutes.
    pub lock_minutes: i64,
    /// How long an editor's session lasts, in hours.
    pub session_hours: i64,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            cache_mb: 64,
            submit_file_mb: 5,
            submit_burst: 5,
            submit_every_seconds: 180,
            login_burst: 25,
            login_every_seconds: 6,
            lock_after: 5,
            lock_minutes: 15,
            session_hours: 12,
        }
    }
}

impl ServerLimits {
    /// The largest file the form takes, in bytes.
    pub fn submit_file_bytes(&self) -> usize {
        self.submit_file_mb.saturating_mul(1 << 20)
    }
}

impl Settings {
    /// Settings with a name and a public address, the rest by default.
    pub fn new(title: impl Into<String>, base_url: impl Into<String>) -> Self {
        Self { title: title.into(), base_url: base_url.into(), ..Self::default() }
    }

    /// Whether the site is served over HTTPS (cookies are then `Secure`).
    pub fn secure(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// What every page shows around its content.
    pub fn base_for(&self, site: &Site, links: &Links, page_title: impl Into<String>) -> Base {
        self.base(site, links, page_title)
    }

    fn base(&self, site: &Site, links: &Links, page_title: impl Into<String>) -> Base {
        Base {
            page_title: page_title.into(),
            site_title: self.title.clone(),
            links: links.clone(),
            topic_slug: site.codebook.topic.clone(),
        }
    }

    /// The public address of a statement.
    pub fn permalink(&self, id: i64) -> String {
        format!("{}/statements/{id}", self.base_url)
    }
}

/// A statement in a list.
#[derive(Debug, Clone)]
pub struct Card {
    url: String,
    headline: String,
    author: String,
    author_url: Option<String>,
    country: Option<String>,
    date: String,
    datetime: Option<String>,
    source_url: Option<String>,
    snippet: Option<String>,
    positions: Vec<(String, String)>,
}

fn card(site: &Site, links: &Links, e: &Entry) -> Card {
    Card {
        url: links.statement(e.id),
        headline: e.headline(),
        author: e.author().to_string(),
        author_url: (!e.org.is_empty()).then(|| links.org(&e.org)),
        country: e.country().map(str::to_string),
        date: e.date_label(),
        datetime: e.statement.date.map(|d| d.to_string()),
        source_url: e.sources.iter().find_map(|s| s.url.clone()).filter(|u| safe_url(u)),
        snippet: None,
        positions: e
            .statement
            .positions
            .iter()
            .map(|p| (site.label(&p.code).to_string(), links.position(&p.code)))
            .collect(),
    }
}

/// Only web addresses become links: a `javascript:` or `data:` "source" stays text.
pub fn safe_url(u: &str) -> bool {
    let l = u.trim_start().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    base: Base,
    topics: Vec<TopicCard>,
    latest: Vec<Card>,
}

struct TopicCard {
    url: String,
    title: String,
    description: Option<String>,
    count: usize,
    organizations: usize,
}

/// The home page: the topics and the latest statements.
pub fn home(site: &Site, links: &Links, settings: &Settings) -> String {
    let page = HomePage {
        base: settings.base(site, links, "Home"),
        topics: vec![TopicCard {
            url: links.topic(&site.codebook.topic),
            title: site.codebook.title.clone(),
            description: site.codebook.description.clone(),
            count: site.entries.len(),
            organizations: site.orgs.len(),
        }],
        latest: site.entries.iter().take(20).map(|e| card(site, links, e)).collect(),
    };
    render(&page)
}

#[derive(Template)]
#[template(path = "topic.html")]
struct TopicPage {
    base: Base,
    title: String,
    description: Option<String>,
    total: usize,
    organizations: usize,
    feed: String,
    static_build: bool,
    by_country: bool,
    newest_url: String,
    country_url: String,
    groups: Vec<Group>,
    page: usize,
    pages: usize,
    prev: Option<String>,
    next: Option<String>,
}

struct Group {
    heading: Option<String>,
    cards: Vec<Card>,
}

/// How many statements a page of the living page shows.
pub const PER_PAGE: usize = 100;

/// A topic's living page: every published statement, newest first or by country, a
/// hundred to a page. `None` when the topic is unknown.
pub fn topic(
    site: &Site,
    links: &Links,
    settings: &Settings,
    slug: &str,
    by_country: bool,
    page: usize,
) -> Option<String> {
    if slug != site.codebook.topic {
        return None;
    }
    let here = links.topic(slug);
    let static_build = links.is_static();
    let per_page = if static_build { usize::MAX } else { PER_PAGE };
    let pages = site.entries.len().div_ceil(per_page.min(site.entries.len().max(1))).max(1);
    let page = page.clamp(1, pages);
    let groups = if by_country {
        let mut countries: Vec<(String, Vec<&Entry>)> = Vec::new();
        for e in &site.entries {
            let c = e.country().unwrap_or("Country not known").to_string();
            match countries.iter_mut().find(|g| g.0 == c) {
                Some(g) => g.1.push(e),
                None => countries.push((c, vec![e])),
            }
        }
        countries.sort_by(|a, b| (a.0 == "Country not known").cmp(&(b.0 == "Country not known")).then(a.0.cmp(&b.0)));
        countries
            .into_iter()
            .map(|(c, es)| Group { heading: Some(c), cards: es.into_iter().map(|e| card(site, links, e)).collect() })
            .collect()
    } else {
        let start = (page - 1).saturating_mul(per_page);
        let cards: Vec<Card> = site.entries.iter().skip(start).take(per_page).map(|e| card(site, links, e)).collect();
        if cards.is_empty() {
            vec![]
        } else {
            vec![Group { heading: None, cards }]
        }
    };
    let page_url = |p: usize| if p == 1 { here.clone() } else { format!("{here}?page={p}") };
    let view = TopicPage {
        base: settings.base(site, links, site.codebook.title.clone()),
        title: site.codebook.title.clone(),
        description: site.codebook.description.clone(),
        total: site.entries.len(),
        organizations: site.orgs.len(),
        feed: links.file(&format!("topics/{slug}/feed.atom")),
        static_build,
        by_country,
        newest_url: here.clone(),
        country_url: format!("{here}?group=country"),
        groups,
        page,
        pages: if by_country { 1 } else { pages },
        prev: (!by_country && page > 1).then(|| page_url(page - 1)),
        next: (!by_country && page < pages).then(|| page_url(page + 1)),
    };
    Some(render(&view))
}

#[derive(Template)]
#[template(path = "statement.html")]
struct StatementPage {
    base: Base,
    card: Card,
    language: Option<String>,
    co_signatories: Vec<String>,
    positions: Vec<PositionView>,
    text_html: String,
    sources: Vec<SourceView>,
    permalink: String,
    citation: String,
    bibtex: String,
    csl_json: String,
    editor_note: Option<String>,
    /// Whether the statement has a title of its own and a named author (the microdata
    /// that lets a re-read of this page give the statement back).
    titled: bool,
    named: bool,
}

struct PositionView {
    url: String,
    label: String,
    /// "confirmed by an editor", "added by an editor", or empty for the coder's reading.
    by_editor: &'static str,
    quotes: Vec<(String, String)>,
}

struct SourceView {
    url: Option<String>,
    origin: String,
    publication: Option<String>,
    published: Option<String>,
}

/// One statement: its text with the evidence marked, its positions, provenance and a
/// citation. `None` when no published statement has this id.
/// `editor_note` is the editors' box (audit log, link to correct), for a logged-in editor.
pub fn statement(
    site: &Site,
    links: &Links,
    settings: &Settings,
    id: i64,
    editor_note: Option<String>,
) -> Option<String> {
    let e = site.entry(id)?;
    let s = &e.statement;
    let permalink = settings.permalink(id);
    let view = StatementPage {
        base: settings.base(site, links, e.headline()),
        card: card(site, links, e),
        language: s.language.clone(),
        co_signatories: s.co_signatories.clone(),
        positions: s
            .positions
            .iter()
            .map(|p| PositionView {
                url: links.position(&p.code),
                label: site.label(&p.code).to_string(),
                by_editor: p.decided.describe(),
                quotes: p
                    .evidence
                    .iter()
                    .enumerate()
                    .map(|(k, ev)| (text::evidence_anchor(&p.code, k), text::quote(&text::shorten(&ev.text, 200))))
                    .collect(),
            })
            .collect(),
        text_html: text::highlighted(s, &|c| site.label(c).to_string()),
        sources: e
            .sources
            .iter()
            .map(|x| SourceView {
                url: x.url.clone().filter(|u| safe_url(u)),
                origin: x.url.clone().unwrap_or_else(|| x.origin.clone()),
                publication: x.publication.clone(),
                published: x.published.clone(),
            })
            .collect(),
        citation: text::citation(s, &permalink),
        bibtex: text::bibtex(id, s, &permalink),
        csl_json: text::csl_json(id, s, &permalink),
        titled: s.title.as_deref().is_some_and(|t| !t.trim().is_empty()),
        named: !s.organization.name.is_empty(),
        editor_note,
        permalink,
    };
    Some(render(&view))
}

#[derive(Template)]
#[template(path = "organization.html")]
struct OrgPage {
    base: Base,
    name: String,
    aliases: Vec<String>,
    country: Option<String>,
    kind: Option<String>,
    feed: String,
    timeline: String,
    positions: Vec<OrgPosition>,
    cards: Vec<Card>,
}

struct OrgPosition {
    url: String,
    label: String,
    count: usize,
    first: String,
    last: String,
}

/// An organization: its statements over time and the positions it takes.
pub fn organization(site: &Site, links: &Links, settings: &Settings, slug: &str) -> Option<String> {
    let o = site.org(slug)?;
    let dates: Vec<_> = o.statements.iter().map(|&i| site.entries[i].statement.date).collect();
    let mut positions: Vec<OrgPosition> = site
        .codebook
        .positions
        .iter()
        .filter_map(|p| {
            let list = o.positions.get(&p.code)?;
            Some(OrgPosition {
                url: links.position(&p.code),
                label: p.label.clone(),
                count: list.len(),
                first: list.first().map(|&i| site.entries[i].date_label()).unwrap_or_default(),
                last: list.last().map(|&i| site.entries[i].date_label()).unwrap_or_default(),
            })
        })
        .collect();
    positions.sort_by_key(|p| std::cmp::Reverse(p.count));
    let view = OrgPage {
        base: settings.base(site, links, o.name.clone()),
        name: o.name.clone(),
        aliases: o.aliases.clone(),
        country: o.country.clone(),
        kind: o.kind.clone(),
        feed: links.file(&format!("organizations/{slug}/feed.atom")),
        timeline: charts::timeline(&dates, &format!("Statements by {} per month", o.name)),
        positions,
        cards: o.statements.iter().rev().map(|&i| card(site, links, &site.entries[i])).collect(),
    };
    Some(render(&view))
}

#[derive(Template)]
#[template(path = "position.html")]
struct PositionPage {
    base: Base,
    label: String,
    description: String,
    opposite: Option<(String, String)>,
    feed: String,
    statements: usize,
    timeline: String,
    takers: Vec<Taker>,
}

struct Taker {
    name: String,
    url: String,
    country: Option<String>,
    quotes: Vec<Quote>,
}

struct Quote {
    text: String,
    url: String,
    date: String,
}

/// A position: who takes it, with the quotes, and when.
pub fn position(site: &Site, links: &Links, settings: &Settings, code: &str) -> Option<String> {
    let def = site.codebook.position(code)?;
    let entries: Vec<&Entry> = site.taking(code).collect();
    let mut takers: Vec<Taker> = Vec::new();
    for e in entries.iter().rev() {
        if takers.len() >= MATRIX_ROWS && !takers.iter().any(|t| t.name == e.author()) {
            continue;
        }
        let quotes = e.statement.positions.iter().filter(|p| p.code == code).flat_map(|p| {
            p.evidence.iter().enumerate().map(move |(k, ev)| Quote {
                text: text::quote(&text::shorten(&ev.text, 300)),
                url: format!("{}#{}", links.statement(e.id), text::evidence_anchor(code, k)),
                date: e.date_label(),
            })
        });
        match takers.iter_mut().find(|t| t.name == e.author()) {
            Some(t) => t.quotes.extend(quotes),
            None => takers.push(Taker {
                name: e.author().to_string(),
                url: if e.org.is_empty() { links.statement(e.id) } else { links.org(&e.org) },
                country: e.country().map(str::to_string),
                quotes: quotes.collect(),
            }),
        }
    }
    let view = PositionPage {
        base: settings.base(site, links, def.label.clone()),
        label: def.label.clone(),
        description: def.description.clone(),
        opposite: site.codebook.opposite(code).map(|o| (site.label(o).to_string(), links.position(o))),
        feed: links.file(&format!("positions/{code}/feed.atom")),
        statements: entries.len(),
        timeline: charts::timeline(
            &entries.iter().map(|e| e.statement.date).collect::<Vec<_>>(),
            &format!("Statements taking “{}” per month", def.label),
        ),
        takers,
    };
    Some(render(&view))
}

#[derive(Template)]
#[template(path = "matrix.html")]
struct MatrixPage {
    base: Base,
    static_build: bool,
    self_url: String,
    countries: Vec<(String, bool)>,
    kinds: Vec<(String, bool)>,
    from: String,
    to: String,
    sorts: Vec<(&'static str, &'static str, bool)>,
    columns: Vec<(String, String, String)>,
    rows: Vec<MatrixRowView>,
    total_rows: usize,
    prev: Option<String>,
    next: Option<String>,
    shares: String,
}

/// How many organizations a page of the matrix shows.
pub const MATRIX_ROWS: usize = 200;

struct MatrixRowView {
    name: String,
    url: String,
    country: Option<String>,
    cells: Vec<Option<MatrixCellView>>,
}

struct MatrixCellView {
    url: String,
    count: usize,
    quote: String,
    label: String,
}

/// The matrix page, filtered and sorted as asked.
pub fn matrix(site: &Site, links: &Links, settings: &Settings, filter: &MatrixFilter) -> String {
    let m = Matrix::build(site, filter);
    let selected = |v: &Option<String>, x: &str| v.as_deref().is_some_and(|v| v.eq_ignore_ascii_case(x));
    let per_page = if links.is_static() { usize::MAX } else { MATRIX_ROWS };
    let pages = m.organizations.len().div_ceil(per_page.min(m.organizations.len().max(1))).max(1);
    let page = filter.page.unwrap_or(1).clamp(1, pages);
    let page_url = |p: usize| {
        let mut parts: Vec<String> = [
            ("country", &filter.country),
            ("kind", &filter.kind),
            ("from", &filter.from),
            ("to", &filter.to),
            ("sort", &filter.sort),
        ]
        .iter()
        .filter_map(|(k, v)| v.as_ref().filter(|v| !v.is_empty()).map(|v| format!("{k}={}", encode(v))))
        .collect();
        parts.push(format!("page={p}"));
        format!("{}?{}", links.matrix(), parts.join("&"))
    };
    let rows = m
        .organizations
        .iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .map(|r| MatrixRowView {
            name: r.name.clone(),
            url: links.org(&r.organization_id),
            country: r.country.clone(),
            cells: m
                .positions
                .iter()
                .map(|col| {
                    r.cells.get(&col.code).and_then(|cites| cites.first().map(|c| (c, cites.len()))).map(|(c, n)| {
                        MatrixCellView {
                            url: format!("{}#{}", links.statement(c.statement_id), text::evidence_anchor(&col.code, 0)),
                            count: n,
                            quote: text::shorten(c.evidence.first().map_or("", String::as_str), 160),
                            label: col.label.clone(),
                        }
                    })
                })
                .collect(),
        })
        .collect();
    let takers = m.takers();
    let sort = filter.sort.as_deref().unwrap_or("name");
    let view = MatrixPage {
        base: settings.base(site, links, "Matrix"),
        static_build: links.is_static(),
        self_url: links.matrix(),
        countries: site.countries().into_iter().map(|(c, _)| (c.clone(), selected(&filter.country, &c))).collect(),
        kinds: site.kinds().into_iter().map(|k| (k.clone(), selected(&filter.kind, &k))).collect(),
        from: filter.from.clone().unwrap_or_default(),
        to: filter.to.clone().unwrap_or_default(),
        sorts: [
            ("name", "By name"),
            ("statements", "Most statements"),
            ("positions", "Most positions"),
            ("country", "By country"),
        ]
        .into_iter()
        .map(|(v, l)| (v, l, v == sort))
        .collect(),
        columns: m.positions.iter().map(|c| (c.code.clone(), c.label.clone(), links.position(&c.code))).collect(),
        shares: charts::shares(&takers, m.organizations.len(), "Share of organizations taking each position"),
        rows,
        total_rows: m.organizations.len(),
        prev: (page > 1).then(|| page_url(page - 1)),
        next: (page < pages).then(|| page_url(page + 1)),
    };
    render(&view)
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    base: Base,
    static_build: bool,
    self_url: String,
    q: String,
    hidden: Vec<(&'static str, String)>,
    active: Vec<(String, String)>,
    facets: Vec<FacetGroup>,
    total: usize,
    cards: Vec<Card>,
    prev: Option<String>,
    next: Option<String>,
}

struct FacetGroup {
    name: &'static str,
    items: Vec<FacetItem>,
}

struct FacetItem {
    label: String,
    count: u64,
    url: String,
}

/// The parameters of the search page.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct SearchParams {
    /// The words.
    #[serde(default)]
    pub q: String,
    /// Facet filters.
    pub country: Option<String>,
    /// Organization slug.
    pub organization: Option<String>,
    /// Position code.
    pub position: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Year.
    pub year: Option<String>,
    /// Page number, from 1.
    pub page: Option<usize>,
}

impl crate::params::Check for SearchParams {
    fn check(&self) -> Result<(), String> {
        crate::params::page_number(self.page)?;
        match self.year.as_deref().filter(|y| !y.is_empty()) {
            Some(y) if y.parse::<u16>().is_err() => Err(format!("`year` must be a year, not `{y}`")),
            _ => Ok(()),
        }
    }
}

impl SearchParams {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut v = Vec::new();
        for (k, x) in [
            ("country", &self.country),
            ("organization", &self.organization),
            ("position", &self.position),
            ("language", &self.language),
            ("year", &self.year),
        ] {
            if let Some(x) = x.as_ref().filter(|x| !x.is_empty()) {
                v.push((k, x.clone()));
            }
        }
        v
    }

    fn url(&self, base: &str, q: &str, pairs: &[(&str, String)], page: Option<usize>) -> String {
        let mut parts = vec![format!("q={}", encode(q))];
        parts.extend(pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))));
        if let Some(p) = page.filter(|p| *p > 1) {
            parts.push(format!("page={p}"));
        }
        format!("{base}?{}", parts.join("&"))
    }

    /// The search query these parameters ask for.
    pub fn query(&self, per_page: usize) -> stances_search::Query {
        stances_search::Query {
            text: self.q.clone(),
            country: self.country.clone().filter(|x| !x.is_empty()),
            organization: self.organization.clone().filter(|x| !x.is_empty()),
            position: self.position.clone().filter(|x| !x.is_empty()),
            language: self.language.clone().filter(|x| !x.is_empty()),
            year: self.year.as_deref().and_then(|y| y.parse().ok()),
            from_key: None,
            to_key: None,
            limit: per_page,
            offset: (self.page.unwrap_or(1).max(1) - 1) * per_page,
        }
    }
}

/// Percent-encodes a query-string value.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The search page with its results (`None` in a static build, where the browser searches).
pub fn search(
    site: &Site,
    links: &Links,
    settings: &Settings,
    params: &SearchParams,
    results: Option<&Results>,
) -> String {
    let here = links.search();
    let pairs = params.pairs();
    let per_page = 20;
    let page = params.page.unwrap_or(1).max(1);
    let mut cards = Vec::new();
    let mut facets = Vec::new();
    let mut total = 0;
    if let Some(r) = results {
        total = r.total;
        for h in &r.hits {
            if let Some(e) = site.entry(h.id) {
                let mut c = card(site, links, e);
                c.snippet = Some(h.snippet.clone());
                cards.push(c);
            }
        }
        let group = |name: &'static str,
                     key: &'static str,
                     items: &[stances_search::FacetCount],
                     label: &dyn Fn(&str) -> String| {
            FacetGroup {
                name,
                items: items
                    .iter()
                    .take(15)
                    .map(|f| {
                        let mut p: Vec<(&str, String)> = pairs.iter().filter(|x| x.0 != key).cloned().collect();
                        p.push((key, f.value.clone()));
                        FacetItem {
                            label: label(&f.value),
                            count: f.count,
                            url: params.url(&here, &params.q, &p, None),
                        }
                    })
                    .collect(),
            }
        };
        let org_name = |slug: &str| site.org(slug).map_or(slug.to_string(), |o| o.name.clone());
        facets = vec![
            group("Country", "country", &r.facets.country, &|v| v.to_string()),
            group("Organization", "organization", &r.facets.organization, &org_name),
            group("Position", "position", &r.facets.position, &|v| site.label(v).to_string()),
            group("Language", "language", &r.facets.language, &|v| v.to_string()),
            group("Year", "year", &r.facets.year, &|v| v.to_string()),
        ];
        facets.retain(|g| !g.items.is_empty());
    }
    let active = pairs
        .iter()
        .map(|(k, v)| {
            let rest: Vec<(&str, String)> = pairs.iter().filter(|x| x.0 != *k).cloned().collect();
            let label = match *k {
                "position" => site.label(v).to_string(),
                "organization" => site.org(v).map_or(v.clone(), |o| o.name.clone()),
                _ => v.clone(),
            };
            (label, params.url(&here, &params.q, &rest, None))
        })
        .collect();
    let view = SearchPage {
        base: settings.base(
            site,
            links,
            if params.q.is_empty() { "Search".to_string() } else { format!("Search: {}", params.q) },
        ),
        static_build: links.is_static(),
        self_url: here.clone(),
        q: params.q.clone(),
        hidden: pairs.clone(),
        active,
        facets,
        total,
        cards,
        prev: (page > 1).then(|| params.url(&here, &params.q, &pairs, Some(page - 1))),
        next: (page * per_page < total).then(|| params.url(&here, &params.q, &pairs, Some(page + 1))),
    };
    render(&view)
}

#[derive(Template)]
#[template(path = "data.html")]
struct DataPage {
    base: Base,
    static_build: bool,
    tables: Vec<(&'static str, Vec<(&'static str, &'static str)>)>,
    positions: Vec<(String, String, String)>,
}

/// The data page: downloads and the data dictionary.
pub fn data(site: &Site, links: &Links, settings: &Settings) -> String {
    let view = DataPage {
        base: settings.base(site, links, "Data"),
        static_build: links.is_static(),
        tables: vec![
            ("statements.csv", STATEMENT_COLUMNS.iter().map(|c| (c.name, c.description)).collect()),
            ("positions.csv", POSITION_COLUMNS.iter().map(|c| (c.name, c.description)).collect()),
        ],
        positions: site
            .codebook
            .positions
            .iter()
            .map(|p| (p.code.clone(), p.label.clone(), p.description.clone()))
            .collect(),
    };
    render(&view)
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    base: Base,
    message: String,
}

/// A page saying what went wrong.
pub fn error(site: &Site, links: &Links, settings: &Settings, title: &str, message: &str) -> String {
    render(&ErrorPage { base: settings.base(site, links, title), message: message.to_string() })
}

fn render(t: &impl Template) -> String {
    t.render().unwrap_or_else(|e| {
        format!(
            "<!doctype html><title>Error</title><p>The page could not be rendered: {}</p>",
            text::escape(&e.to_string())
        )
    })
}
