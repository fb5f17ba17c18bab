//! Why a document could not be read.

use thiserror::Error;

/// A document that cannot be read, or a registry that cannot be loaded.
#[derive(Debug, Error)]
pub enum ExtractError {
    /// Nothing but whitespace.
    #[error("empty file")]
    Empty,
    /// Over the size limit.
    #[error("file is {} MB, over the {} MB limit (raise it with --max-size)", .size / 1_048_576, .limit / 1_048_576)]
    TooLarge {
        /// Size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// Not text.
    #[error("binary file ({0}), not a text or HTML document")]
    Binary(&'static str),
    /// Pathologically nested HTML.
    #[error("HTML nested {0} levels deep, over the limit of {limit}", limit = crate::detect::MAX_HTML_DEPTH)]
    TooDeep(usize),
    /// The HTML could not be processed.
    #[error("the HTML could not be processed")]
    Malformed,
    /// An e-mail that cannot be read.
    #[error("e-mail: {0}")]
    Mail(String),
    /// Read, but no text in it.
    #[error("no text content found")]
    NoContent,
    /// The organization registry file is invalid.
    #[error("organization registry {origin}: {reason}")]
    Registry {
        /// The file.
        origin: String,
        /// What is wrong.
        reason: String,
    },
}
