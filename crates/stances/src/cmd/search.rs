//! `stances search` and `stances reindex`: the search index on the command line.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use stances_search::Query;
use stances_web::matrix::{date_key, parse_bound};

use crate::cli::{Cli, ReportFormat, SearchArgs};

/// One hit of `--format json`: the published record, with the snippet and score.
#[derive(serde::Serialize)]
struct Hit<'a> {
    #[serde(flatten)]
    record: stances_web::record::StatementRecord,
    snippet: &'a str,
    score: f32,
}
use crate::{config, pipeline};

pub fn run(cli: &Cli, args: &SearchArgs) -> Result<ExitCode> {
    let store = config::store(cli.db())?;
    let codebook = pipeline::codebook(cli.codebook.as_deref())?;
    let (site, index, _) =
        stances_web::site_and_index(&store, codebook, &stances_web::index_folder(Path::new(cli.db())), false)
            .context("opening the search index")?;
    let key = |s: &Option<String>, end: bool| -> Result<Option<u64>> {
        let Some(s) = s else { return Ok(None) };
        let d = parse_bound(s).with_context(|| format!("`{s}` is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))?;
        Ok(Some(date_key(d, end)))
    };
    let query = Query {
        text: args.query.clone(),
        country: args.country.clone(),
        organization: args.org.clone(),
        position: args.position.clone(),
        language: args.language.clone(),
        year: None,
        from_key: key(&args.from, false)?,
        to_key: key(&args.to, true)?,
        limit: args.limit.max(1),
        offset: 0,
    };
    let results = index.search(&query)?;
    let settings = stances_web::Settings::new(String::new(), String::new());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for hit in &results.hits {
        let Some(e) = site.entry(hit.id) else { continue };
        let snippet = plain(&hit.snippet);
        if args.format == ReportFormat::Json {
            let line = Hit { record: site.record(&settings, e), snippet: &snippet, score: hit.score };
            serde_json::to_writer(&mut out, &line)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{:>6}  {:<10} {:<32} {}", e.id, e.date_label(), cut(e.author(), 32), e.headline())?;
            writeln!(out, "        {}", cut(&snippet, 150))?;
        }
    }
    if args.format == ReportFormat::Table {
        writeln!(out, "{} of {}", results.hits.len(), super::count(results.total as u64, "statement", "statements"))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn reindex(cli: &Cli) -> Result<ExitCode> {
    let store = config::store(cli.db())?;
    let codebook = pipeline::codebook(cli.codebook.as_deref())?;
    let folder = stances_web::index_folder(Path::new(cli.db()));
    let site = stances_web::Site::load(&store, codebook).context("reading the published statements")?;
    let index = stances_search::SearchIndex::open(&folder).context("opening the search index")?;
    let n = site.entries.len() as u64;
    let bar = super::progress(cli, n, "statements");
    let docs = site.entries.iter().map(|e| e.search_doc()).inspect(|_| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    index.rebuild(docs, site.counter).context("rebuilding the search index")?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    println!("Indexed {} in {}", super::count(n, "published statement", "published statements"), folder.display());
    Ok(ExitCode::SUCCESS)
}

/// A snippet's HTML as plain text: hits between `*`, entities decoded.
fn plain(html: &str) -> String {
    html.replace("<b>", "*")
        .replace("</b>", "*")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
