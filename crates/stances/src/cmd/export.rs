//! `stances export`: every stored statement with its sources and status.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;
use stances_store::{SourceRef, Store, StoreError, StoredStatement};

use crate::cli::{Cli, ExportArgs, ExportFormat};
use crate::config;
use crate::json::StatementJson;

#[derive(Serialize)]
struct ExportJson<'a> {
    #[serde(flatten)]
    statement: StatementJson<'a>,
    sources: &'a [SourceRef],
    status: &'a str,
}

pub fn run(cli: &Cli, args: &ExportArgs) -> Result<ExitCode> {
    let store = config::store(&cli.db)?;
    let sink: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = std::io::BufWriter::new(sink);
    match args.format {
        ExportFormat::Jsonl => store.for_each_statement(&mut |s: StoredStatement| {
            let mut j = StatementJson::new(&s.statement);
            j.id = Some(s.id);
            let line =
                serde_json::to_string(&ExportJson { statement: j, sources: &s.sources, status: s.status.as_str() })
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            writeln!(sink, "{line}").map_err(|e| StoreError::Corrupt(format!("writing: {e}")))
        })?,
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut sink);
            w.write_record([
                "id",
                "status",
                "organization",
                "organization_id",
                "country",
                "date",
                "title",
                "language",
                "source_urls",
                "positions",
                "text",
            ])?;
            store.for_each_statement(&mut |s: StoredStatement| {
                let st = &s.statement;
                let urls: Vec<&str> = s.sources.iter().filter_map(|x| x.url.as_deref()).collect();
                let codes: Vec<&str> = st.positions.iter().map(|p| p.code.as_str()).collect();
                w.write_record([
                    s.id.to_string().as_str(),
                    s.status.as_str(),
                    &st.organization.name,
                    &st.organization.id,
                    st.country.as_deref().unwrap_or(""),
                    &st.date.map(|d| d.to_string()).unwrap_or_default(),
                    st.title.as_deref().unwrap_or(""),
                    st.language.as_deref().unwrap_or(""),
                    &urls.join(" "),
                    &codes.join(";"),
                    &st.text,
                ])
                .map_err(|e| StoreError::Corrupt(format!("writing CSV: {e}")))
            })?;
            w.flush()?;
        }
    }
    sink.flush().context("writing the export")?;
    Ok(ExitCode::SUCCESS)
}
