//! The whole reading of a document: extraction and attribution, then coding.

use anyhow::{Context, Result};
use stances_code::{Codebook, Coder, TopicFilter};
use stances_core::Document;
use stances_extract::{Reader, Reading};

/// The codebook bundled with the program.
pub const BUNDLED_CODEBOOK: &str = include_str!("../../../data/codebooks/ukraine-war.toml");

/// A reader and a coder, ready to turn documents into coded statements.
pub struct Pipeline {
    /// Extraction, segmentation, attribution.
    pub reader: Reader,
    /// Coding against the codebook.
    pub coder: Coder,
    /// The codebook's topic words: a page that names none (nor do its address and title)
    /// but names another topic's (`elsewhere`) is about that, and takes no position.
    topic: TopicFilter,
    /// Words of other topics that share this one's words (`elsewhere`).
    elsewhere: Option<TopicFilter>,
}

/// Why a statement about another topic was not coded.
pub const OFF_TOPIC: &str =
    "not coded: its page is about another topic (it names words of one, and none of the codebook's)";

impl Pipeline {
    /// A pipeline of this reader and coder.
    pub fn new(reader: Reader, coder: Coder) -> Self {
        let topic = TopicFilter::new(coder.codebook());
        let elsewhere = (!coder.codebook().elsewhere.is_empty()).then(|| TopicFilter::elsewhere(coder.codebook()));
        Self { reader, coder, topic, elsewhere }
    }

    /// Reads and codes one document. Coding notes (a language without cues) are kept per
    /// statement in `notes`, in statement order.
    pub fn read(&self, doc: &Document) -> Result<(Reading, Vec<Option<String>>)> {
        self.read_with(&self.reader, doc)
    }

    /// [`Pipeline::read`] with another reader (one set up for the calling thread).
    pub fn read_with(&self, reader: &Reader, doc: &Document) -> Result<(Reading, Vec<Option<String>>)> {
        let mut reading = reader.read(doc)?;
        let mut notes = Vec::with_capacity(reading.statements.len());
        // A page of many statements is about one topic: one that names it is enough. A
        // page that names none, and names another topic, is about that one.
        let page = [reading.meta.source_url.as_deref(), reading.meta.title.as_deref()];
        let named =
            page.iter().flatten().any(|t| self.topic.accepts(t)) || reading.statements.iter().any(|s| self.on_topic(s));
        // Only then the whole page's text, once, for both lists.
        let on_topic = named
            || self.elsewhere.as_ref().is_none_or(|e| {
                let main = reading.main_text();
                self.topic.accepts(&main) || !(e.accepts(&main) || page.iter().flatten().any(|t| e.accepts(t)))
            });
        for s in &mut reading.statements {
            if !on_topic {
                s.positions.clear();
                notes.push(Some(OFF_TOPIC.to_string()));
                continue;
            }
            let coding = self.code(s);
            s.positions = coding.positions;
            notes.push(coding.note);
        }
        Ok((reading, notes))
    }

    /// Whether a statement's text or title names the codebook's topic.
    fn on_topic(&self, s: &stances_core::Statement) -> bool {
        self.topic.accepts(&s.text) || s.title.as_deref().is_some_and(|t| self.topic.accepts(t))
    }

    /// The coding of one statement.
    pub fn code(&self, s: &stances_core::Statement) -> stances_code::Coding {
        let names = names(s);
        self.coder.code(&s.text, s.language.as_deref(), &names)
    }

    /// The coding of one statement, with every cue that fired (`analyze --explain`).
    pub fn explain(&self, s: &stances_core::Statement) -> stances_code::Coding {
        let names = names(s);
        self.coder.explain(&s.text, s.language.as_deref(), &names)
    }
}

/// The site's submission form reads what it receives with the whole pipeline.
impl stances_web::submit::DocumentReader for Pipeline {
    fn read(&self, doc: &Document) -> std::result::Result<stances_web::submit::Reading, String> {
        let (r, _) = Pipeline::read(self, doc).map_err(|e| e.to_string())?;
        Ok(stances_web::submit::Reading { format: Some(r.format), meta: r.meta, statements: r.statements })
    }
}

/// The organization's names, for telling its own voice ("The Alliance condemns ...").
fn names(s: &stances_core::Statement) -> Vec<&str> {
    std::iter::once(s.organization.name.as_str()).chain(s.organization.aliases.iter().map(String::as_str)).collect()
}

/// The codebook: the file given, or the bundled one.
pub fn codebook(path: Option<&std::path::Path>) -> Result<Codebook> {
    match path {
        Some(p) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading codebook {}", p.display()))?;
            Ok(Codebook::parse(&text, &p.display().to_string())?)
        }
        None => Ok(Codebook::parse(BUNDLED_CODEBOOK, "bundled data/codebooks/ukraine-war.toml")?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_codebook_loads_with_every_code_of_the_specification() {
        let cb = codebook(None).expect("bundled codebook");
        assert_eq!(cb.positions.len(), 20);
        for code in ["condemn_invasion", "russian_withdrawal", "oppose_no_fly_zone", "humanitarian_aid"] {
            assert!(cb.position(code).is_some(), "{code}");
        }
        assert!(cb
            .positions
            .iter()
            .all(|p| ["en", "fr", "es", "de"].iter().all(|l| p.cues.iter().any(|c| c.lang == *l))));
    }

    fn positions_of(page: &str) -> Vec<Vec<String>> {
        let pipeline = Pipeline::new(
            Reader::new(stances_extract::Registry::empty()),
            Coder::new(codebook(None).expect("bundled codebook")),
        );
        let doc = Document {
            bytes: page.as_bytes().to_vec(),
            origin: "t".into(),
            format: Some(stances_core::Format::Text),
            given: Default::default(),
            charset: None,
        };
        let (reading, _) = pipeline.read(&doc).expect("reads");
        reading.statements.iter().map(|s| s.positions.iter().map(|p| p.code.clone()).collect()).collect()
    }

    #[test]
    fn a_page_about_another_topic_takes_no_position() {
        let gaza = "The Harbour Workers Union calls for an immediate ceasefire in Gaza and for talks without delay.\n";
        assert_eq!(positions_of(gaza), vec![Vec::<String>::new()]);
        let the_war = "The Harbour Workers Union calls for an immediate ceasefire and for talks to end the war.\n";
        assert!(positions_of(the_war)[0].contains(&"ceasefire".to_string()), "the war it does not name");
        let both = "The Harbour Workers Union calls for an immediate ceasefire in Gaza and in Ukraine.\n";
        assert!(positions_of(both)[0].contains(&"ceasefire".to_string()), "a page on both topics");
    }
}
