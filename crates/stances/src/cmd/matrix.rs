//! `stances matrix`: organizations × positions, each cell the statements and evidence
//! behind it; or, with `--org`, one organization's statements over time.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use stances_web::matrix::{Matrix, MatrixFilter};
use stances_web::site::Entry;
use stances_web::Site;

use crate::cli::{Cli, MatrixArgs, MatrixFormat};
use crate::{config, pipeline};

pub fn run(cli: &Cli, args: &MatrixArgs) -> Result<ExitCode> {
    let codebook = pipeline::codebook(cli.codebook.as_deref())?;
    let store = config::store(cli.db())?;
    // The same matrix as the site's, over published statements or, with `--all`, every one.
    let site = Site::load_with(&store, codebook, !args.all)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Some(o) = &args.org {
        let timeline: Vec<&Entry> = site
            .orgs
            .iter()
            .filter(|org| {
                org.slug.eq_ignore_ascii_case(o)
                    || org.name.eq_ignore_ascii_case(o)
                    || org.aliases.iter().any(|a| a.eq_ignore_ascii_case(o))
            })
            .flat_map(|org| org.statements.iter().map(|&i| &site.entries[i]))
            .collect();
        return print_timeline(&mut out, &site, &timeline, args.format).map(|_| ExitCode::SUCCESS);
    }
    let filter = MatrixFilter {
        country: args.country.clone(),
        from: args.from.map(|d| d.to_string()),
        to: args.to.map(|d| d.to_string()),
        kind: args.kind.clone(),
        sort: None,
        page: None,
    };
    let m = Matrix::build(&site, &filter);
    match args.format {
        MatrixFormat::Json => {
            serde_json::to_writer(&mut out, &m)?;
            writeln!(out)?;
        }
        MatrixFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            let mut header = vec!["organization", "organization_id", "country", "kind", "statements"];
            header.extend(m.positions.iter().map(|c| c.code.as_str()));
            w.write_record(&header)?;
            for r in &m.organizations {
                let mut rec = vec![
                    r.name.clone(),
                    r.organization_id.clone(),
                    r.country.clone().unwrap_or_default(),
                    r.kind.clone().unwrap_or_default(),
                    r.statements.to_string(),
                ];
                rec.extend(m.positions.iter().map(|c| r.cells.get(&c.code).map_or(0, Vec::len).to_string()));
                w.write_record(&rec)?;
            }
            w.flush()?;
        }
        MatrixFormat::Table => {
            let rows = &m.organizations;
            let name_w = rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(12).clamp(12, 40);
            write!(out, "{:<name_w$} {:<14}", "ORGANIZATION", "COUNTRY")?;
            for k in 1..=m.positions.len() {
                write!(out, "{k:>3}")?;
            }
            writeln!(out)?;
            for r in rows {
                let name: String = r.name.chars().take(name_w).collect();
                write!(
                    out,
                    "{name:<name_w$} {:<14}",
                    r.country.as_deref().unwrap_or("-").chars().take(14).collect::<String>()
                )?;
                for c in &m.positions {
                    match r.cells.get(&c.code).map_or(0, Vec::len) {
                        0 => write!(out, "{:>3}", "·")?,
                        n => write!(out, "{n:>3}")?,
                    }
                }
                writeln!(out)?;
            }
            writeln!(out)?;
            for (k, c) in m.positions.iter().enumerate() {
                writeln!(out, "{:>3}  {:<28} {}", k + 1, c.code, c.label)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_timeline(out: &mut impl Write, site: &Site, statements: &[&Entry], format: MatrixFormat) -> Result<()> {
    match format {
        MatrixFormat::Json => {
            // The published record of each statement, as the API and the exports give it.
            let settings = stances_web::Settings::new(String::new(), String::new());
            let items: Vec<_> = statements.iter().map(|s| site.record(&settings, s)).collect();
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
