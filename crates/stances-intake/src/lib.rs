//! Where statements arrive from, before they are read: pages over HTTP(S) ([`fetch`]),
//! watched RSS/Atom feeds ([`feed`]) and IMAP mailboxes ([`imap`]). Each hands over bytes
//! with their provenance; reading them is `stances-extract`'s work.

pub mod feed;
pub mod fetch;
pub mod imap;

pub use feed::FeedEntry;
pub use fetch::{FetchOptions, Fetched, Fetcher, Validators};

use thiserror::Error;

/// Why something could not be fetched.
#[derive(Debug, Error)]
pub enum IntakeError {
    /// Not an http(s) URL.
    #[error("{0}: not an http(s) URL")]
    BadUrl(String),
    /// A private or loopback address where only public ones are allowed.
    #[error("{url}: refers to a private or loopback address")]
    Private {
        /// The URL.
        url: String,
    },
    /// The exchange took too long (a page that never ends is cut off here).
    #[error("{url}: timed out")]
    Timeout {
        /// The URL.
        url: String,
    },
    /// The body was over the size limit.
    #[error("{url}: larger than the {} MB limit", .limit / 1_048_576)]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// The server answered with an error, or the connection failed.
    #[error("{url}: {reason}")]
    Http {
        /// The URL.
        url: String,
        /// What happened.
        reason: String,
    },
    /// The document is not a feed.
    #[error("{url}: not a feed ({reason})")]
    Feed {
        /// The URL.
        url: String,
        /// The parser's reason.
        reason: String,
    },
    /// The IMAP exchange failed.
    #[error("IMAP: {0}")]
    Imap(String),
}
