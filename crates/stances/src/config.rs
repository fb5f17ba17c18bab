//! Turning global options into ready components: the registry and the store.

use std::path::Path;

use anyhow::{Context, Result};
use stances_code::Coder;
use stances_extract::{Reader, Registry};
use stances_store::SqliteStore;

use crate::cli::{Cli, InputArgs};
use crate::pipeline::Pipeline;

/// The registry bundled with the program.
const BUNDLED_REGISTRY: &str = include_str!("../../../data/organizations.toml");

/// The organization registry: the file given, or the bundled one.
pub fn registry(cli: &Cli) -> Result<Registry> {
    match &cli.registry {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading registry {}", path.display()))?;
            Ok(Registry::parse(&text, &path.display().to_string())?)
        }
        None => Ok(Registry::parse(BUNDLED_REGISTRY, "bundled data/organizations.toml")?),
    }
}

/// The whole pipeline configured from the command line.
pub fn pipeline(cli: &Cli, input: &InputArgs) -> Result<Pipeline> {
    let codebook = crate::pipeline::codebook(cli.codebook.as_deref())?;
    let reader = Reader::new(registry(cli)?).max_bytes(input.max_bytes()).topic_countries(&codebook.countries);
    let coder = Coder::new(codebook);
    Ok(Pipeline::new(reader, coder))
}

/// The store named by `--db`.
pub fn store(db: &str) -> Result<SqliteStore> {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        anyhow::bail!("PostgreSQL is not supported yet; use a SQLite file path for --db");
    }
    Ok(SqliteStore::open(Path::new(db))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_registry_loads() {
        let r = Registry::parse(BUNDLED_REGISTRY, "bundled").expect("bundled registry parses");
        assert!(!r.organizations().is_empty());
    }
}
