//! Pages that stances itself published: a statement page of this site or of another
//! tracker running stances. Such a page says so (`<meta name="generator" content="stances">`)
//! and marks its statement with schema.org microdata: the author (`itemprop="author"`), the
//! date (`itemprop="dateCreated"`), the title (`itemprop="name"`) and the text exactly as
//! stored (`itemprop="text"`, one line per paragraph or "• " list item). Reading that
//! instead of the page around it gives back the same statement, so re-ingesting a
//! permalink adds a source to the statement instead of a copy of the page.

use scraper::{Html, Selector};
use stances_core::{Block, BlockKind, PageMeta, PartialDate, BULLET};

use crate::text::normalize;

/// The blocks and metadata of a stances statement page, or `None` for any other page.
pub fn statement_page(doc: &Html) -> Option<(Vec<Block>, PageMeta)> {
    let select = |css: &str| Selector::parse(css).ok();
    let generator = select("meta[name='generator']")?;
    let ours = doc
        .select(&generator)
        .any(|m| m.value().attr("content").is_some_and(|c| c.trim().to_ascii_lowercase().starts_with("stances")));
    if !ours {
        return None;
    }
    let scope = select("[itemscope]")?;
    let mut statements =
        doc.select(&scope).filter(|s| s.value().attr("itemtype").is_some_and(|t| t.ends_with("/CreativeWork")));
    let statement = statements.next()?;
    if statements.next().is_some() {
        return None;
    }
    let prop = |name: &str| {
        let css = select(&format!("[itemprop='{name}']"))?;
        statement.select(&css).next()
    };
    let text: String = prop("text")?.text().collect();
    let author = prop("author").map(|a| normalize(&a.text().collect::<String>())).filter(|a| !a.is_empty());
    let mut blocks = Vec::new();
    if let Some(a) = &author {
        blocks.push(Block::new(BlockKind::Heading, a.clone()));
    }
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.strip_prefix(BULLET) {
            Some(item) => blocks.push(Block::new(BlockKind::ListItem, normalize(item))),
            None => blocks.push(Block::new(BlockKind::Paragraph, normalize(line))),
        }
    }
    let canonical = select("link[rel='canonical']")?;
    let meta = PageMeta {
        source_url: doc.select(&canonical).next().and_then(|l| l.value().attr("href")).map(str::to_string),
        title: prop("name").map(|t| normalize(&t.text().collect::<String>())).filter(|t| !t.is_empty()),
        published: prop("dateCreated").and_then(|t| t.value().attr("datetime").and_then(PartialDate::parse_iso)),
        ..PageMeta::default()
    };
    (blocks.len() > usize::from(author.is_some())).then_some((blocks, meta))
}
