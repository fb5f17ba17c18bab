//! RSS and Atom (and JSON Feed) documents, read by `feed-rs` into the entries a watch follows.

use chrono::Datelike;
use stances_core::PartialDate;

use crate::IntakeError;

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// Its identity: the feed's id for it, else its link.
    pub id: String,
    /// The page it points to.
    pub link: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// When it was published (or last updated).
    pub published: Option<PartialDate>,
    /// Its full content, as HTML, when the feed carries it.
    pub content: Option<String>,
    /// Its summary, as HTML.
    pub summary: Option<String>,
}

impl FeedEntry {
    /// Title, summary and content together, for the topic filter.
    pub fn text(&self) -> String {
        [&self.title, &self.summary, &self.content].into_iter().flatten().cloned().collect::<Vec<_>>().join("\n")
    }
}

/// The entries of a feed document, in feed order.
pub fn parse(bytes: &[u8], url: &str) -> Result<Vec<FeedEntry>, IntakeError> {
    let feed =
        feed_rs::parser::parse(bytes).map_err(|e| IntakeError::Feed { url: url.to_string(), reason: e.to_string() })?;
    Ok(feed
        .entries
        .into_iter()
        .map(|e| {
            let link = e.links.first().map(|l| crate::fetch::resolve(url, &l.href).unwrap_or_else(|_| l.href.clone()));
            let when = e.published.or(e.updated);
            FeedEntry {
                id: if e.id.trim().is_empty() { link.clone().unwrap_or_default() } else { e.id },
                link,
                title: e.title.map(|t| t.content),
                published: when.and_then(|d| PartialDate::ymd(d.year(), d.month() as u8, d.day() as u8)),
                content: e.content.and_then(|c| c.body),
                summary: e.summary.map(|s| s.content),
            }
        })
        .filter(|e| !e.id.is_empty())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atom_and_rss_entries_are_read() {
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>f</id><updated>2022-03-01T00:00:00Z</updated>
<entry><id>tag:a,2022:1</id><title>Peace League statement</title><link href="http://a.example/1"/><updated>2022-03-02T10:00:00Z</updated><content type="html">&lt;p&gt;We call for peace.&lt;/p&gt;</content></entry></feed>"#;
        let e = parse(atom.as_bytes(), "http://a.example/feed").expect("atom");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].id, "tag:a,2022:1");
        assert_eq!(e[0].link.as_deref(), Some("http://a.example/1"));
        assert_eq!(e[0].published, PartialDate::ymd(2022, 3, 2));
        assert!(e[0].content.as_deref().unwrap_or("").contains("We call for peace"));
        let rss = r#"<rss version="2.0"><channel><title>t</title><item><title>Two</title><link>http://a.example/2</link><guid>g2</guid><pubDate>Thu, 03 Mar 2022 09:00:00 GMT</pubDate><description>Short</description></item></channel></rss>"#;
        let e = parse(rss.as_bytes(), "u").expect("rss");
        assert_eq!(e[0].id, "g2");
        assert_eq!(e[0].summary.as_deref(), Some("Short"));
        assert_eq!(e[0].published, PartialDate::ymd(2022, 3, 3));
    }

    #[test]
    fn a_page_that_is_not_a_feed_is_a_clear_error() {
        let err = parse(b"<html><body>not a feed</body></html>", "http://a.example/x").expect_err("refused");
        assert!(err.to_string().contains("http://a.example/x"), "{err}");
        let err = parse(b"\x00\x01garbage", "u").expect_err("refused");
        assert!(err.to_string().contains("not a feed"), "{err}");
    }
}
