//! Downloads for researchers: statements as CSV and JSON Lines, and the statement ×
//! position table (one row per coded position, with its evidence) as CSV, all made from
//! the one published record ([`crate::record`]), whose column lists also write the data
//! page's dictionary.

use crate::record::{PositionsCsv, StatementsCsv};
use crate::site::Site;
use crate::views::Settings;

/// `statements.csv`.
pub fn statements_csv(site: &Site, settings: &Settings) -> Result<Vec<u8>, csv::Error> {
    let mut w = StatementsCsv::new(Vec::new())?;
    for e in &site.entries {
        w.row(&site.record(settings, e))?;
    }
    w.finish()
}

/// `statements.jsonl`: one statement per line, as the API returns it.
pub fn statements_jsonl(site: &Site, settings: &Settings) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::new();
    for e in &site.entries {
        serde_json::to_writer(&mut out, &site.record(settings, e))?;
        out.push(b'\n');
    }
    Ok(out)
}

/// `positions.csv`: one row per position a statement takes (one per piece of evidence).
pub fn positions_csv(site: &Site, settings: &Settings) -> Result<Vec<u8>, csv::Error> {
    let mut w = PositionsCsv::new(Vec::new())?;
    for e in &site.entries {
        w.rows(&site.record(settings, e))?;
    }
    w.finish()
}
