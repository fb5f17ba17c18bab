//! From a raw document to attributed statements. The stages, each a module with a pure
//! function at its heart:
//!
//! 1. [`detect`]: refuse what is not a statement (empty, binary, too large), tell HTML
//!    from text; [`decode`]: bytes to text by the declared encoding.
//! 2. [`html`] / [`text`]: the main content as blocks (headings, paragraphs, list items);
//!    [`mail`]: an e-mail's body, forwarded messages and attachments, each read as one.
//! 3. [`furniture`]: page furniture set aside; page metadata read from it.
//! 4. [`segment`]: blocks split into one segment per statement.
//! 5. [`attribute`]: organization ([`registry`], [`orgname`]), country ([`country`]),
//!    date ([`dates`]), title, language ([`language`]).

pub mod attribute;
pub mod country;
pub mod dates;
pub mod decode;
pub mod detect;
mod error;
pub mod furniture;
pub mod html;
pub mod language;
pub mod mail;
pub mod orgname;
pub mod own;
pub mod publisher;
mod reader;
pub mod registry;
pub mod segment;
pub mod signers;
pub mod speech;
pub mod text;

pub use error::ExtractError;
pub use reader::{Reader, Reading};
pub use registry::Registry;
pub(crate) use stances_core::languages;
