//! Blocks: the paragraphs, headings and list items a document is made of, after extraction.

use serde::Serialize;

/// Marks a list item at the start of a line of a statement's text: the coder reads
/// bullets under a demand as demands, and pages show them as a list.
pub const BULLET: &str = "• ";

/// What kind of text unit a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading: a short line that introduces what follows.
    Heading,
    /// A paragraph of running text.
    Paragraph,
    /// One item of a list (a bullet or numbered point).
    ListItem,
}

/// Page furniture: text that belongs to the page, not to any statement on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Furniture {
    /// A copyright or licence line.
    Copyright,
    /// An appeal for money or subscriptions.
    Donation,
    /// A call for submissions ("Please send statements to ...").
    SubmissionCall,
    /// A section label, breadcrumb or similar navigation text.
    Section,
    /// A metadata line (publication date, source URL, byline of the page).
    Metadata,
    /// The title of a page that gathers several statements.
    PageTitle,
    /// An editor's introduction before the statements of a page.
    Introduction,
    /// Sharing buttons, "read more", related links and the like.
    Navigation,
}

/// One unit of extracted text, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// Heading, paragraph or list item.
    pub kind: BlockKind,
    /// The text, whitespace-normalised, without bullet characters.
    pub text: String,
    /// Set when the block is page furniture rather than content.
    pub furniture: Option<Furniture>,
}

impl Block {
    /// A content block of the given kind.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Self { kind, text: text.into(), furniture: None }
    }

    /// True when the block is content (not furniture).
    pub fn is_content(&self) -> bool {
        self.furniture.is_none()
    }
}
