//! The whole extraction pipeline over one document, as one call.

use stances_core::{Block, Document, Format, PageMeta, Statement};

use crate::{attribute, decode, detect, furniture, html, segment, text, ExtractError, Registry};

/// Reads documents into statements, with a registry of known organizations.
#[derive(Debug, Clone)]
pub struct Reader {
    registry: Registry,
    max_bytes: usize,
    big_stack: bool,
    topic_countries: Vec<String>,
}

/// What one document holds.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The format it was read as.
    pub format: Format,
    /// What the page says about itself.
    pub meta: PageMeta,
    /// All blocks, furniture marked.
    pub blocks: Vec<Block>,
    /// The statements, in page order.
    pub statements: Vec<Statement>,
    /// Problems that did not stop the reading (e.g. replaced invalid bytes).
    pub warnings: Vec<String>,
}

impl Reading {
    /// The main content as plain text: one block per paragraph, heading or list item,
    /// a blank line between them, furniture left out.
    pub fn main_text(&self) -> String {
        self.blocks.iter().filter(|b| b.is_content()).map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n\n")
    }
}

impl Reader {
    /// A reader with the given registry and the default size limit.
    pub fn new(registry: Registry) -> Self {
        Self { registry, max_bytes: detect::DEFAULT_MAX_BYTES, big_stack: false, topic_countries: Vec::new() }
    }

    /// The countries the topic is about (from the codebook): mentions of them, such as a
    /// call on their governments, do not place a statement's author there.
    pub fn topic_countries(mut self, countries: &[String]) -> Self {
        self.topic_countries = countries.to_vec();
        self
    }

    /// Declares that this reader only runs on threads with a stack of at least
    /// [`html::EXTRACTION_STACK`] bytes, so HTML is read in place instead of on a thread of
    /// its own (saves a thread per page in batch work).
    pub fn on_big_stack(mut self) -> Self {
        self.big_stack = true;
        self
    }

    /// Sets the largest input accepted, in bytes.
    pub fn max_bytes(mut self, max: usize) -> Self {
        self.max_bytes = max;
        self
    }

    /// The registry in use.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Extraction only: blocks and page metadata, furniture marked.
    pub fn extract(&self, doc: &Document) -> Result<Reading, ExtractError> {
        detect::check(&doc.bytes, self.max_bytes)?;
        let decoded = decode::decode(&doc.bytes);
        let warnings: Vec<String> = decoded.warning.into_iter().collect();
        let text = decoded.text;
        let format = doc.format.unwrap_or_else(|| detect::sniff(&text));
        let (mut blocks, mut meta) = match format {
            Format::Html => {
                let depth = detect::html_depth(&text);
                if depth > detect::MAX_HTML_DEPTH {
                    return Err(ExtractError::TooDeep(depth));
                }
                if self.big_stack {
                    html::blocks(&text)
                } else {
                    html::blocks_guarded(&text)?
                }
            }
            Format::Text => (text::blocks(&text), PageMeta::default()),
        };
        furniture::mark(&mut blocks, &mut meta);
        if blocks.iter().all(|b| !b.is_content()) {
            return Err(ExtractError::NoContent);
        }
        if let Some(u) = &doc.source_url {
            meta.source_url = Some(u.clone());
        }
        if let Some(p) = doc.published {
            meta.published = Some(p);
        }
        Ok(Reading { format, meta, blocks, statements: Vec::new(), warnings })
    }

    /// The whole pipeline: extraction, segmentation, attribution.
    pub fn read(&self, doc: &Document) -> Result<Reading, ExtractError> {
        let mut reading = self.extract(doc)?;
        let segments = segment::segment(&mut reading.blocks, &self.registry);
        reading.statements =
            attribute::attribute(&reading.blocks, &segments, &reading.meta, &self.registry, &self.topic_countries);
        Ok(reading)
    }
}
