//! `stances matrix`: organizations × positions, each cell the statements and evidence
//! behind it; or, with `--org`, one organization's statements over time.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;
use stances_core::Status;
use stances_store::{Store, StoredStatement};

use crate::cli::{Cli, MatrixArgs, MatrixFormat};
use crate::{config, pipeline};

/// One statement behind a cell.
#[derive(Debug, Serialize)]
struct Cite {
    statement_id: i64,
    date: Option<String>,
    title: Option<String>,
    evidence: Vec<String>,
}

/// One row: an organization and what it takes.
#[derive(Debug, Serialize)]
struct Row {
    id: String,
    name: String,
    country: Option<String>,
    kind: Option<String>,
    statements: usize,
    cells: BTreeMap<String, Vec<Cite>>,
}

pub fn run(cli: &Cli, args: &MatrixArgs) -> Result<ExitCode> {
    let codebook = pipeline::codebook(cli.codebook.as_deref())?;
    let store = config::store(&cli.db)?;
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut timeline: Vec<StoredStatement> = Vec::new();
    store.for_each_statement(&mut |s| {
        if !keep(&s, args) {
            return Ok(());
        }
        let st = &s.statement;
        if let Some(o) = &args.org {
            let o = o.to_lowercase();
            if st.organization.id == o
                || st.organization.name.to_lowercase() == o
                || st.organization.aliases.iter().any(|a| a.to_lowercase() == o)
            {
                timeline.push(s);
            }
            return Ok(());
        }
        let row = rows.entry(st.organization.id.clone()).or_insert_with(|| Row {
            id: st.organization.id.clone(),
            name: st.organization.name.clone(),
            country: st.organization.country.clone().or_else(|| st.country.clone()),
            kind: st.organization.kind.clone(),
            statements: 0,
            cells: BTreeMap::new(),
        });
        row.statements += 1;
        for p in &st.positions {
            row.cells.entry(p.code.clone()).or_default().push(Cite {
                statement_id: s.id,
                date: st.date.map(|d| d.to_string()),
                title: st.title.clone(),
                evidence: p.evidence.iter().map(|e| e.text.clone()).collect(),
            });
        }
        Ok(())
    })?;
    let codes: Vec<&str> = codebook.positions.iter().map(|p| p.code.as_str()).collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.org.is_some() {
        timeline.sort_by(|a, b| a.statement.date.cmp(&b.statement.date).then(a.id.cmp(&b.id)));
        return print_timeline(&mut out, &timeline, args.format).map(|_| ExitCode::SUCCESS);
    }
    let mut rows: Vec<Row> = rows.into_values().filter(|r| !r.id.is_empty()).collect();
    rows.sort_by_key(|a| a.name.to_lowercase());
    match args.format {
        MatrixFormat::Json => {
            let positions: Vec<_> =
                codebook.positions.iter().map(|p| serde_json::json!({"code": p.code, "label": p.label})).collect();
            serde_json::to_writer(
                &mut out,
                &serde_json::json!({"topic": codebook.topic, "positions": positions, "organizations": rows}),
            )?;
            writeln!(out)?;
        }
        MatrixFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            let mut header = vec!["organization", "organization_id", "country", "kind", "statements"];
            header.extend(&codes);
            w.write_record(&header)?;
            for r in &rows {
                let mut rec = vec![
                    r.name.clone(),
                    r.id.clone(),
                    r.country.clone().unwrap_or_default(),
                    r.kind.clone().unwrap_or_default(),
                    r.statements.to_string(),
                ];
                rec.extend(codes.iter().map(|c| r.cells.get(*c).map_or(0, Vec::len).to_string()));
                w.write_record(&rec)?;
            }
            w.flush()?;
        }
        MatrixFormat::Table => {
            let name_w = rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(12).clamp(12, 40);
            write!(out, "{:<name_w$} {:<14}", "ORGANIZATION", "COUNTRY")?;
            for k in 1..=codes.len() {
                write!(out, "{k:>3}")?;
            }
            writeln!(out)?;
            for r in &rows {
                let name: String = r.name.chars().take(name_w).collect();
                write!(
                    out,
                    "{name:<name_w$} {:<14}",
                    r.country.as_deref().unwrap_or("-").chars().take(14).collect::<String>()
                )?;
                for c in &codes {
                    match r.cells.get(*c).map_or(0, Vec::len) {
                        0 => write!(out, "{:>3}", "·")?,
                        n => write!(out, "{n:>3}")?,
                    }
                }
                writeln!(out)?;
            }
            writeln!(out)?;
            for (k, p) in codebook.positions.iter().enumerate() {
                writeln!(out, "{:>3}  {:<28} {}", k + 1, p.code, p.label)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Published statements only (unless `--all`), within the filters.
fn keep(s: &StoredStatement, args: &MatrixArgs) -> bool {
    let st = &s.statement;
    let country = st.organization.country.as_deref().or(st.country.as_deref());
    (args.all || s.status == Status::Published)
        && args.country.as_deref().is_none_or(|c| country.is_some_and(|x| x.eq_ignore_ascii_case(c)))
        && args
            .kind
            .as_deref()
            .is_none_or(|k| st.organization.kind.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(k)))
        && args.from.is_none_or(|f| st.date.is_some_and(|d| d >= f))
        && args.to.is_none_or(|t| st.date.is_some_and(|d| d <= t))
}

fn print_timeline(out: &mut impl Write, statements: &[StoredStatement], format: MatrixFormat) -> Result<()> {
    match format {
        MatrixFormat::Json => {
            let items: Vec<_> = statements
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "statement_id": s.id,
                        "date": s.statement.date.map(|d| d.to_string()),
                        "title": s.statement.title,
                        "positions": s.statement.positions,
                    })
                })
                .collect();
            serde_json::to_writer(&mut *out, &items)?;
            writeln!(out)?;
        }
        MatrixFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["statement_id", "date", "title", "positions"])?;
            for s in statements {
                let codes: Vec<&str> = s.statement.positions.iter().map(|p| p.code.as_str()).collect();
                w.write_record([
                    s.id.to_string(),
                    s.statement.date.map(|d| d.to_string()).unwrap_or_default(),
                    s.statement.title.clone().unwrap_or_default(),
                    codes.join(";"),
                ])?;
            }
            w.flush()?;
        }
        MatrixFormat::Table => {
            for s in statements {
                let codes: Vec<&str> = s.statement.positions.iter().map(|p| p.code.as_str()).collect();
                writeln!(
                    out,
                    "{:<10} #{:<5} {}",
                    s.statement.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                    s.id,
                    s.statement.title.as_deref().unwrap_or("-")
                )?;
                writeln!(out, "{:<17} {}", "", codes.join(", "))?;
            }
        }
    }
    Ok(())
}
