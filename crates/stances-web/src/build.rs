//! The static build: the whole public site as files (pages, feeds, exports, the
//! stylesheet, and a search that runs in the browser from a prebuilt index), with relative
//! links, so a small team can host it on any web server or open it from disk.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::app::{SEARCH_JS, STYLE};
use crate::feeds::{self, FeedOf};
use crate::links::Links;
use crate::matrix::MatrixFilter;
use crate::site::Site;
use crate::views::{self, SearchParams, Settings};
use crate::{export, WebError};

/// What a build wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Built {
    /// HTML pages.
    pub pages: usize,
    /// Other files (feeds, exports, assets, the search index).
    pub files: usize,
}

/// One statement in the browser's search index.
#[derive(Serialize)]
struct IndexEntry<'a> {
    /// Its page, relative to the top.
    u: String,
    /// Its headline.
    t: String,
    /// Its author.
    o: &'a str,
    /// Its country.
    c: Option<&'a str>,
    /// Its date.
    d: String,
    /// What the words are matched against (folded by the script on load).
    k: String,
}

/// Writes the site into `out` (created if missing).
pub fn build(site: &Site, settings: &Settings, out: &Path) -> Result<Built, WebError> {
    build_reporting(site, settings, out, &|| {})
}

/// How many files a build of `site` writes about (for a progress bar).
pub fn planned_files(site: &Site) -> u64 {
    (site.entries.len() + site.orgs.len() * 2 + site.codebook.positions.len() * 2 + 16) as u64
}

/// [`build`], calling `written` after each file.
pub fn build_reporting(site: &Site, settings: &Settings, out: &Path, written: &dyn Fn()) -> Result<Built, WebError> {
    let mut built = Built::default();
    let mut write = |rel: &str, bytes: &[u8], is_page: bool| -> Result<(), WebError> {
        let path: PathBuf = out.join(rel);
        let io = |source| WebError::Write { path: path.clone(), source };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, bytes).map_err(io)?;
        written();
        if is_page {
            built.pages += 1;
        } else {
            built.files += 1;
        }
        Ok(())
    };
    let top = Links::static_at(0);
    let below = Links::static_at(1);
    let topic = site.codebook.topic.clone();
    write("index.html", views::home(site, &top, settings).as_bytes(), true)?;
    if let Some(html) = views::topic(site, &below, settings, &topic, false, 1) {
        write(&format!("topics/{topic}.html"), html.as_bytes(), true)?;
    }
    for e in &site.entries {
        if let Some(html) = views::statement(site, &below, settings, e.id, None) {
            write(&format!("statements/{}.html", e.id), html.as_bytes(), true)?;
        }
    }
    for o in &site.orgs {
        if let Some(html) = views::organization(site, &below, settings, &o.slug) {
            write(&format!("organizations/{}.html", o.slug), html.as_bytes(), true)?;
        }
        if let Some(xml) = feeds::feed(site, settings, FeedOf::Organization(&o.slug)) {
            write(&format!("organizations/{}/feed.atom", o.slug), xml.as_bytes(), false)?;
        }
    }
    for p in &site.codebook.positions {
        if let Some(html) = views::position(site, &below, settings, &p.code) {
            write(&format!("positions/{}.html", p.code), html.as_bytes(), true)?;
        }
        if let Some(xml) = feeds::feed(site, settings, FeedOf::Position(&p.code)) {
            write(&format!("positions/{}/feed.atom", p.code), xml.as_bytes(), false)?;
        }
    }
    write("matrix.html", views::matrix(site, &top, settings, &MatrixFilter::default()).as_bytes(), true)?;
    write("search.html", views::search(site, &top, settings, &SearchParams::default(), None).as_bytes(), true)?;
    write("data.html", views::data(site, &top, settings).as_bytes(), true)?;
    if let Some(xml) = feeds::feed(site, settings, FeedOf::All) {
        write("feed.atom", xml.as_bytes(), false)?;
    }
    if let Some(xml) = feeds::feed(site, settings, FeedOf::Topic(&topic)) {
        write(&format!("topics/{topic}/feed.atom"), xml.as_bytes(), false)?;
    }
    write("export/statements.csv", &export::statements_csv(site, settings)?, false)?;
    write("export/statements.jsonl", &export::statements_jsonl(site, settings)?, false)?;
    write("export/positions.csv", &export::positions_csv(site, settings)?, false)?;
    write("static/style.css", STYLE.as_bytes(), false)?;
    write("static/search.js", SEARCH_JS.as_bytes(), false)?;
    let index: Vec<IndexEntry> = site
        .entries
        .iter()
        .map(|e| IndexEntry {
            u: format!("statements/{}.html", e.id),
            t: e.headline(),
            o: e.author(),
            c: e.country(),
            d: e.date_label(),
            k: format!(
                "{} {} {} {}",
                e.headline(),
                e.author(),
                e.statement.organization.aliases.join(" "),
                e.statement.text
            )
            .to_lowercase(),
        })
        .collect();
    let json = serde_json::to_vec(&index).unwrap_or_else(|_| b"[]".to_vec());
    write("search-index.json", &json, false)?;
    Ok(built)
}
