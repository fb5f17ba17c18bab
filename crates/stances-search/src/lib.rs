//! Search: a tantivy index of published statements (title, text, organization and its
//! aliases), with facets (country, organization, position, language, year), snippets with
//! the hits highlighted, phrase queries and stemming in each language the codebook covers.
//! The index records the store's change counter it was built at, so callers know when to
//! rebuild it (`stances reindex` does it by hand).

mod index;
mod query;

pub use index::{SearchDoc, SearchError, SearchIndex};
pub use query::{FacetCount, Facets, Hit, Query, Results};
