//! The domain of `stances`: what a document, a block, a statement, an organization and a
//! position are, and what is known of each language. Pure data and small pure helpers; nothing
//! here does I/O, so every later stage (extraction, coding, storage, publishing) agrees on one
//! vocabulary.

mod block;
mod country;
mod date;
mod document;
mod escape;
pub mod languages;
mod organization;
mod slug;
mod statement;
mod status;

pub use block::{Block, BlockKind, Furniture, BULLET};
pub use country::{country_code, country_named, COUNTRY_TABLE, INSTITUTION_TABLE};
pub use date::{DateSource, PartialDate};
pub use document::{charset_of, Document, Format, Given, PageMeta};
pub use escape::escape_html;
pub use organization::{Organization, OrganizationRef};
pub use slug::slugify;
pub use statement::{CountrySource, Decided, Evidence, Position, Statement};
pub use status::Status;
