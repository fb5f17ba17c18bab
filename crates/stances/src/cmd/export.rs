//! `stances export`: every stored statement, whatever its status, in the one published
//! shape (`stances_web::record`): the same JSON the API returns, the same CSV columns as the
//! site's `statements.csv`, with `status` telling published from pending and rejected.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use stances_store::{Store, StoreError, StoredStatement};
use stances_web::record::{RecordParts, StatementRecord, StatementsCsv};

use crate::cli::{Cli, ExportArgs, ExportFormat};
use crate::{config, pipeline};

pub fn run(cli: &Cli, args: &ExportArgs) -> Result<ExitCode> {
    let store = config::store(cli.db())?;
    let codebook = pipeline::codebook(cli.codebook.as_deref())?;
    let label = |code: &str| codebook.position(code).map_or_else(|| code.to_string(), |p| p.label.clone());
    let base = args.base_url.trim_end_matches('/');
    let record = |s: &StoredStatement| {
        let parts = RecordParts {
            id: s.id,
            statement: &s.statement,
            status: s.status,
            sources: &s.sources,
            created_at: &s.created_at,
            updated_at: &s.updated_at,
            organization_needs_review: s.organization_needs_review,
        };
        StatementRecord::new(parts, &label, format!("{base}/statements/{}", s.id))
    };
    let sink: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = std::io::BufWriter::new(sink);
    match args.format {
        ExportFormat::Jsonl => store.for_each_statement(&mut |s: StoredStatement| {
            serde_json::to_writer(&mut sink, &record(&s)).map_err(|e| StoreError::Output(e.into()))?;
            sink.write_all(b"\n").map_err(StoreError::Output)
        })?,
        ExportFormat::Csv => {
            let mut table = StatementsCsv::new(&mut sink).map_err(csv_io)?;
            store.for_each_statement(&mut |s: StoredStatement| {
                table.row(&record(&s)).map_err(|e| StoreError::Output(csv_io(e)))
            })?;
            table.finish().map_err(csv_io)?;
        }
    }
    sink.flush().context("writing the export")?;
    Ok(ExitCode::SUCCESS)
}

/// A CSV writer's error as the output error it is (a closed pipe stays a closed pipe).
fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}
