//! The whole reading of a document: extraction and attribution, then coding.

use anyhow::{Context, Result};
use stances_code::{Codebook, Coder};
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
}

impl Pipeline {
    /// Reads and codes one document. Coding notes (a language without cues) are kept per
    /// statement in `notes`, in statement order.
    pub fn read(&self, doc: &Document) -> Result<(Reading, Vec<Option<String>>)> {
        self.read_with(&self.reader, doc)
    }

    /// [`Pipeline::read`] with another reader (one set up for the calling thread).
    pub fn read_with(&self, reader: &Reader, doc: &Document) -> Result<(Reading, Vec<Option<String>>)> {
        let mut reading = reader.read(doc)?;
        let mut notes = Vec::with_capacity(reading.statements.len());
        for s in &mut reading.statements {
            let coding = self.code(s);
            s.positions = coding.positions;
            notes.push(coding.note);
        }
        Ok((reading, notes))
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
}
