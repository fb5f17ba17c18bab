//! Atom feeds: the whole site, a topic, an organization, a position. Entries are the
//! newest published statements, each with its positions as categories.

use atom_syndication::{Category, Content, Entry as AtomEntry, Feed, FixedDateTime, Link, Person, Text};

use crate::site::{Entry, Site};
use crate::views::{safe_url, Settings};

/// How many statements a feed carries.
pub const FEED_SIZE: usize = 50;

/// Which statements a feed follows.
#[derive(Debug, Clone)]
pub enum FeedOf<'a> {
    /// Every published statement.
    All,
    /// One topic's.
    Topic(&'a str),
    /// One organization's.
    Organization(&'a str),
    /// Those taking one position.
    Position(&'a str),
}

/// The feed as Atom XML, or `None` when its topic, organization or position is unknown.
pub fn feed(site: &Site, settings: &Settings, of: FeedOf<'_>) -> Option<String> {
    let base = &settings.base_url;
    let (title, path, entries): (String, String, Vec<&Entry>) = match of {
        FeedOf::All => (settings.title.clone(), "feed.atom".into(), site.entries.iter().take(FEED_SIZE).collect()),
        FeedOf::Topic(slug) => {
            if slug != site.codebook.topic {
                return None;
            }
            (
                site.codebook.title.clone(),
                format!("topics/{slug}/feed.atom"),
                site.entries.iter().take(FEED_SIZE).collect(),
            )
        }
        FeedOf::Organization(slug) => {
            let o = site.org(slug)?;
            (
                format!("{}: statements", o.name),
                format!("organizations/{slug}/feed.atom"),
                o.statements.iter().rev().take(FEED_SIZE).map(|&i| &site.entries[i]).collect(),
            )
        }
        FeedOf::Position(code) => {
            let p = site.codebook.position(code)?;
            let mut list: Vec<&Entry> = site.taking(code).collect();
            list.reverse();
            list.truncate(FEED_SIZE);
            (format!("{}: {}", settings.title, p.label), format!("positions/{code}/feed.atom"), list)
        }
    };
    let entries: Vec<AtomEntry> = entries.iter().map(|e| entry(site, settings, e)).collect();
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or_else(epoch);
    let feed = Feed {
        title: Text::plain(title),
        id: format!("{base}/{path}"),
        updated,
        links: vec![
            Link {
                href: format!("{base}/{path}"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link {
                href: format!("{base}/"),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        generator: Some(atom_syndication::Generator { value: "stances".into(), ..Default::default() }),
        entries,
        ..Default::default()
    };
    Some(feed.to_string())
}

fn entry(site: &Site, settings: &Settings, e: &Entry) -> AtomEntry {
    let url = settings.permalink(e.id);
    let updated = parse_time(&e.updated_at).unwrap_or_else(epoch);
    let published = e
        .statement
        .date
        .and_then(|d| {
            chrono::NaiveDate::from_ymd_opt(d.year, u32::from(d.month.unwrap_or(1)), u32::from(d.day.unwrap_or(1)))
        })
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().fixed_offset());
    let mut links = vec![Link {
        href: url.clone(),
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Default::default()
    }];
    for s in &e.sources {
        if let Some(u) = s.url.as_ref().filter(|u| safe_url(u)) {
            links.push(Link { href: u.clone(), rel: "via".into(), ..Default::default() });
        }
    }
    let positions: Vec<String> = e.statement.positions.iter().map(|p| site.label(&p.code).to_string()).collect();
    let summary = if positions.is_empty() {
        format!("{} ({})", e.author(), e.date_label())
    } else {
        format!("{} ({}): {}", e.author(), e.date_label(), positions.join("; "))
    };
    AtomEntry {
        title: Text::plain(format!("{}: {}", e.author(), e.headline())),
        id: url,
        updated,
        published,
        authors: vec![Person { name: e.author().to_string(), ..Default::default() }],
        links,
        categories: e
            .statement
            .positions
            .iter()
            .map(|p| Category {
                term: p.code.clone(),
                label: Some(site.label(&p.code).to_string()),
                ..Default::default()
            })
            .collect(),
        summary: Some(Text::plain(summary)),
        content: Some(Content {
            value: Some(e.statement.text.clone()),
            content_type: Some("text".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn parse_time(s: &str) -> Option<FixedDateTime> {
    chrono::DateTime::parse_from_rfc3339(s).ok()
}

fn epoch() -> FixedDateTime {
    chrono::DateTime::from_timestamp(0, 0).unwrap_or_default().fixed_offset()
}
