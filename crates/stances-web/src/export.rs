//! Downloads for researchers: statements as CSV and JSON Lines, and the statement ×
//! position table (one row per coded position, with its evidence) as CSV. The columns
//! are described on the data page ([`crate::views::STATEMENT_COLUMNS`]).

use crate::api::{decided, StatementOut};
use crate::site::{Entry, Site};
use crate::views::{Settings, POSITION_COLUMNS, STATEMENT_COLUMNS};

/// `statements.csv`.
pub fn statements_csv(site: &Site, settings: &Settings) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(STATEMENT_COLUMNS.iter().map(|c| c.0))?;
    for e in &site.entries {
        let s = &e.statement;
        let codes: Vec<&str> = s.positions.iter().map(|p| p.code.as_str()).collect();
        let urls: Vec<&str> = e.sources.iter().filter_map(|x| x.url.as_deref()).collect();
        w.write_record(who(e).into_iter().chain([
            s.title.clone().unwrap_or_default(),
            s.language.clone().unwrap_or_default(),
            codes.join(";"),
            urls.join(" "),
            settings.permalink(e.id),
            s.text.clone(),
        ]))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// `statements.jsonl`: one statement per line, as the API returns it.
pub fn statements_jsonl(site: &Site, settings: &Settings) -> Vec<u8> {
    let mut out = Vec::new();
    for e in &site.entries {
        if serde_json::to_writer(&mut out, &StatementOut::new(site, settings, e)).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

/// `positions.csv`: one row per position a statement takes (one per piece of evidence).
pub fn positions_csv(site: &Site) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(POSITION_COLUMNS.iter().map(|c| c.0))?;
    for e in &site.entries {
        let s = &e.statement;
        for p in &s.positions {
            let evidence: Vec<(String, String, String)> = if p.evidence.is_empty() {
                vec![(String::new(), String::new(), String::new())]
            } else {
                p.evidence.iter().map(|x| (x.start.to_string(), x.end.to_string(), x.text.clone())).collect()
            };
            for (a, b, t) in evidence {
                w.write_record(who(e).into_iter().chain([
                    p.code.clone(),
                    site.label(&p.code).to_string(),
                    decided(p),
                    a,
                    b,
                    t,
                ]))?;
            }
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The columns both CSV tables start with: id, organization, organization_id, country, date.
fn who(e: &Entry) -> [String; 5] {
    [
        e.id.to_string(),
        e.statement.organization.name.clone(),
        e.org.clone(),
        e.country().unwrap_or_default().to_string(),
        e.statement.date.map(|d| d.to_string()).unwrap_or_default(),
    ]
}
