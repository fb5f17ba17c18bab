//! A document as received: the bytes, what they are, and where they came from.

use serde::{Deserialize, Serialize};

use crate::PartialDate;

/// The input formats the pipeline reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text, paragraphs separated by blank lines.
    Text,
    /// An HTML page.
    Html,
    /// An e-mail message (RFC 5322): its body, forwarded messages and text attachments.
    Email,
}

impl Format {
    /// The MIME type stored with a raw document of this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain",
            Format::Html => "text/html",
            Format::Email => "message/rfc822",
        }
    }

    /// The format a stored MIME type was read as.
    pub fn from_content_type(content_type: &str) -> Option<Format> {
        // The charset a transport declared may follow: "text/html; charset=…".
        let media = content_type.split(';').next().unwrap_or("").trim();
        [Format::Text, Format::Html, Format::Email].into_iter().find(|f| f.content_type() == media)
    }

    /// The short name used on the command line and in the store.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Email => "email",
        }
    }
}

/// The `charset` parameter of a MIME type: "text/html; charset=Windows-1252" gives
/// "windows-1252". The reverse of [`Document::content_type`].
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches('"').to_ascii_lowercase())
    })
}

/// A raw document: the source of truth everything else is derived from.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Exactly the bytes received.
    pub bytes: Vec<u8>,
    /// Where it came from: a file path, `-` for standard input, or a URL.
    pub origin: String,
    /// The format, when the caller knows it; `None` means detect.
    pub format: Option<Format>,
    /// What whoever handed the document in said of it, beyond its bytes.
    pub given: Given,
    /// The charset the transport declared (an HTTP `Content-Type`); a byte-order mark
    /// still wins over it, and it wins over what the document declares.
    pub charset: Option<String>,
}

impl Document {
    /// The MIME type to store with these bytes read as `format`: the charset the
    /// transport declared is kept, so a later reading decodes them the same way.
    pub fn content_type(&self, format: Format) -> String {
        match &self.charset {
            Some(c) => format!("{}; charset={c}", format.content_type()),
            None => format.content_type().to_string(),
        }
    }
}

/// What a document arrived with beyond its bytes: the overrides of `ingest`, the address a
/// page was fetched from, a feed entry's date, a submitter's organization, title and
/// contact. It is stored with the document, and every later reading (`reprocess`) replays
/// it, so nothing anyone gave is lost.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Given {
    /// The document's URL, overriding what it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Its date, overriding the page's; a statement without a date of its own takes it,
    /// recorded as given (`DateSource::Given`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
    /// The organization it is from, for statements whose text names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Its title, where the page has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who sent it (a submitter's contact), where the bytes do not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
}

impl Given {
    /// True when nothing was given.
    pub fn is_empty(&self) -> bool {
        *self == Given::default()
    }
}

/// What a page says about itself, apart from the statements on it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageMeta {
    /// The page's own URL (first-line URL of a saved text, canonical link of HTML).
    pub source_url: Option<String>,
    /// The publication that carries the page (site or magazine name).
    pub publication: Option<String>,
    /// When the page was published.
    pub published: Option<PartialDate>,
    /// The page's title.
    pub title: Option<String>,
    /// The language of the page as a whole (ISO 639-1).
    pub language: Option<String>,
    /// Who sent it (an e-mail's sender, a submitter's contact): provenance for editors,
    /// never shown on public pages.
    pub sender: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_content_type_gives_back_its_format_and_charset() {
        let doc = Document { charset: Some("windows-1252".into()), ..Document::default() };
        let stored = doc.content_type(Format::Html);
        assert_eq!(stored, "text/html; charset=windows-1252");
        assert_eq!(Format::from_content_type(&stored), Some(Format::Html));
        assert_eq!(charset_of(&stored).as_deref(), Some("windows-1252"));
        assert_eq!(charset_of("message/rfc822"), None);
        assert_eq!(charset_of("text/plain; Charset=\"UTF-8\"").as_deref(), Some("utf-8"));
    }

    #[test]
    fn what_was_given_round_trips_through_its_stored_form() {
        let given = Given {
            source_url: Some("https://example.org/a".into()),
            published: PartialDate::ymd(2022, 3, 5),
            organization: Some("Harbour Workers' Union".into()),
            title: None,
            sender: Some("press@example.org".into()),
        };
        let stored = serde_json::to_string(&given).expect("json");
        assert!(!stored.contains("title"), "{stored}");
        assert_eq!(serde_json::from_str::<Given>(&stored).expect("back"), given);
        assert_eq!(serde_json::from_str::<Given>("{}").expect("empty"), Given::default());
        assert!(Given::default().is_empty());
    }
}
