//! The whole extraction pipeline over one document, as one call.

use stances_core::{slugify, Block, DateSource, Document, Format, Given, OrganizationRef, PageMeta, Statement};

use crate::{attribute, dates, decode, detect, furniture, html, mail, segment, text, ExtractError, Registry};

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
    /// For each statement, why it was read as it was (`analyze --explain`).
    pub why: Vec<crate::attribute::Why>,
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

    /// Extraction only: blocks and page metadata, furniture marked. An e-mail's parts
    /// follow one another.
    pub fn extract(&self, doc: &Document) -> Result<Reading, ExtractError> {
        Ok(merge(self.extract_parts(doc)?))
    }

    /// The whole pipeline: extraction, segmentation, attribution. Each part of an e-mail
    /// is segmented and attributed on its own.
    pub fn read(&self, doc: &Document) -> Result<Reading, ExtractError> {
        let mut parts = self.extract_parts(doc)?;
        for reading in &mut parts {
            let segments = segment::segment(&mut reading.blocks, &self.registry);
            let (statements, why) =
                attribute::attribute(&reading.blocks, &segments, &reading.meta, &self.registry, &self.topic_countries);
            reading.statements = statements;
            reading.why = why;
            let unnamed: Vec<bool> = reading.statements.iter().map(|s| s.organization.name.is_empty()).collect();
            apply_given(&mut reading.statements, &doc.given, &self.registry);
            for ((why, was_unnamed), s) in reading.why.iter_mut().zip(unnamed).zip(&reading.statements) {
                if was_unnamed && !s.organization.name.is_empty() {
                    why.organization_from = Some(crate::segment::OrgFrom::Given);
                    why.organization_text = None;
                }
            }
            if reading.meta.title.is_none() {
                reading.meta.title = doc.given.title.clone();
            }
            if reading.meta.sender.is_none() {
                reading.meta.sender = doc.given.sender.clone();
            }
        }
        Ok(merge(parts))
    }

    /// One reading per part: one for a page or a text, one per statement part of an e-mail.
    fn extract_parts(&self, doc: &Document) -> Result<Vec<Reading>, ExtractError> {
        detect::check(&doc.bytes, self.max_bytes)?;
        let is_mail = match doc.format {
            Some(f) => f == Format::Email,
            None => mail::looks_like_mail(&doc.bytes),
        };
        if !is_mail {
            return Ok(vec![self.extract_one(doc)?]);
        }
        let message = mail::parse(&doc.bytes)?;
        let mut readings = Vec::with_capacity(message.parts.len());
        let mut failures = Vec::new();
        for part in message.parts {
            let one = Document {
                bytes: part.text.into_bytes(),
                origin: doc.origin.clone(),
                format: Some(part.format),
                given: Given {
                    published: doc.given.published.or(part.published).or(message.meta.published),
                    ..doc.given.clone()
                },
                charset: None,
            };
            match self.extract_one(&one) {
                Ok(mut r) => {
                    r.format = Format::Email;
                    r.meta.title = r.meta.title.or_else(|| message.meta.title.clone());
                    r.meta.sender = message.meta.sender.clone().or_else(|| doc.given.sender.clone());
                    readings.push(r);
                }
                Err(e) => failures.push(format!("{}: {e}", part.name)),
            }
        }
        let Some(first) = readings.first_mut() else {
            return Err(ExtractError::Mail(failures.join("; ")));
        };
        first.warnings.extend(message.warnings);
        first.warnings.extend(failures.into_iter().map(|f| format!("part not read: {f}")));
        Ok(readings)
    }

    /// A page or a text.
    fn extract_one(&self, doc: &Document) -> Result<Reading, ExtractError> {
        let decoded = decode::decode_with(&doc.bytes, doc.charset.as_deref());
        let warnings: Vec<String> = decoded.warning.into_iter().collect();
        let text = decoded.text;
        let format = doc.format.filter(|f| *f != Format::Email).unwrap_or_else(|| detect::sniff(&text));
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
            Format::Text | Format::Email => (text::blocks(&text), PageMeta::default()),
        };
        furniture::mark(&mut blocks, &mut meta);
        if blocks.iter().all(|b| !b.is_content()) {
            return Err(ExtractError::NoContent);
        }
        let given = &doc.given;
        if let Some(u) = &given.source_url {
            meta.source_url = Some(u.clone());
        }
        // A page that states no date of its own may carry it in its address.
        if meta.published.is_none() {
            meta.published = meta.source_url.as_deref().and_then(dates::in_address);
        }
        if let Some(p) = given.published {
            meta.published = Some(p);
        }
        // The title and sender given apply once the reading is done (see `apply_given`):
        // a given title is no heading of the text.
        Ok(Reading { format, meta, blocks, statements: Vec::new(), why: Vec::new(), warnings })
    }
}

/// What was given with the document, applied to its statements: a given date is recorded
/// as given, not as the page's; a given organization authors the statements whose text
/// names none (the registry's entry when it knows the name).
fn apply_given(statements: &mut [Statement], given: &Given, registry: &Registry) {
    if given.published.is_some() {
        for s in statements.iter_mut().filter(|s| s.date_source == Some(DateSource::Publication)) {
            s.date_source = Some(DateSource::Given);
        }
    }
    let Some(name) = given.organization.as_deref().map(str::trim).filter(|n| !n.is_empty()) else { return };
    let author = match registry.lookup(name) {
        Some(known) => OrganizationRef {
            id: known.id.clone(),
            name: known.name.clone(),
            aliases: Vec::new(),
            known: true,
            country: known.country.clone(),
            kind: known.kind.clone(),
        },
        None => OrganizationRef { id: slugify(name), name: name.to_string(), ..OrganizationRef::default() },
    };
    for s in statements.iter_mut().filter(|s| s.organization.name.is_empty()) {
        s.organization = author.clone();
    }
}

/// One reading of a document's parts, in order: the first part's metadata, every block,
/// statement and warning.
fn merge(parts: Vec<Reading>) -> Reading {
    let mut parts = parts.into_iter();
    let Some(mut all) = parts.next() else {
        return Reading {
            format: Format::Text,
            meta: PageMeta::default(),
            blocks: Vec::new(),
            statements: Vec::new(),
            why: Vec::new(),
            warnings: Vec::new(),
        };
    };
    for r in parts {
        let offset = all.blocks.len();
        all.blocks.extend(r.blocks);
        all.statements.extend(r.statements.into_iter().map(|mut s| {
            s.blocks = (s.blocks.0 + offset, s.blocks.1 + offset);
            s
        }));
        all.why.extend(r.why);
        all.warnings.extend(r.warnings);
    }
    all
}

#[cfg(test)]
mod tests {
    use stances_core::{DateSource, Document, Format, Given, PartialDate};

    use crate::{Reader, Registry};

    #[test]
    fn what_was_given_authors_dates_and_titles_what_the_text_does_not() {
        let doc = Document {
            bytes: b"We call on every port to refuse arms shipments bound for the war.\n".to_vec(),
            origin: "form".into(),
            format: Some(Format::Text),
            given: Given {
                source_url: Some("https://harbour.example/s".into()),
                published: PartialDate::ymd(2022, 3, 5),
                organization: Some("Harbour Workers Union".into()),
                title: Some("No arms through our ports".into()),
                sender: Some("press@harbour.example".into()),
            },
            charset: None,
        };
        let r = Reader::new(Registry::empty()).read(&doc).expect("reads");
        let s = &r.statements[0];
        assert_eq!(
            (s.organization.name.as_str(), s.organization.id.as_str()),
            ("Harbour Workers Union", "harbour-workers-union")
        );
        assert_eq!(s.date, PartialDate::ymd(2022, 3, 5));
        assert_eq!(s.date_source, Some(DateSource::Given));
        assert_eq!(r.meta.source_url.as_deref(), Some("https://harbour.example/s"));
        assert_eq!(r.meta.title.as_deref(), Some("No arms through our ports"));
        assert_eq!(r.meta.sender.as_deref(), Some("press@harbour.example"));
        // A text that names its author keeps it.
        let text = "Quay Workers Union: Stop the shelling\n\nWe call on all sides to stop the shelling of the port.\n";
        let named = Document { bytes: text.as_bytes().to_vec(), ..doc };
        let r = Reader::new(Registry::empty()).read(&named).expect("reads");
        assert_eq!(r.statements[0].organization.name, "Quay Workers Union");
    }
}
