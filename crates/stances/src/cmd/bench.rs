//! `stances bench`: ingestion speed and memory, end to end, on generated pages.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use stances_core::Status;
use stances_store::Store;

use super::ingest::ingest_all;
use crate::cli::{BenchArgs, BenchWhat, Cli, FormatArg, InputArgs};
use crate::{config, synth};

pub fn run(cli: &Cli, args: &BenchArgs) -> Result<ExitCode> {
    match &args.what {
        BenchWhat::Generate { out, pages } => {
            synth::generate(out, *pages)?;
            eprintln!("wrote {pages} pages into {}", out.display());
        }
        BenchWhat::Ingest { pages, dir } => {
            let tmp = tempfile::tempdir().context("creating a temporary folder")?;
            let root = dir.clone().unwrap_or_else(|| tmp.path().to_path_buf());
            let pages_dir = root.join("pages");
            let t = Instant::now();
            synth::generate(&pages_dir, *pages)?;
            eprintln!("generated {pages} pages in {:.1} s", t.elapsed().as_secs_f64());
            let db = root.join("bench.db");
            let _ = std::fs::remove_file(&db);
            let mut store = config::store(&db.display().to_string())?;
            let pipeline = config::pipeline(cli, &input_args(vec![]))?;
            // Ingest folder by folder (1,000 pages each) to show the rate as the store grows.
            let mut folders: Vec<_> = std::fs::read_dir(&pages_dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
            folders.sort();
            let start = Instant::now();
            let (mut statements, mut errors) = (0usize, 0usize);
            println!("{:>8} {:>11} {:>14} {:>12}", "pages", "statements", "statements/s", "store size");
            for (k, f) in folders.iter().enumerate() {
                let t = Instant::now();
                let s = ingest_all(
                    &pipeline,
                    &mut store,
                    &input_args(vec![f.display().to_string()]),
                    Status::Published,
                    None,
                    cli.settings.intake.workers(),
                )?;
                let n = s.statements_new + s.statements_known;
                statements += n;
                errors += s.errors;
                let every = (folders.len() / 10).max(1);
                if k % every == 0 || k + 1 == folders.len() {
                    println!(
                        "{:>8} {:>11} {:>14.0} {:>12}",
                        (k + 1) * 1000,
                        n,
                        n as f64 / t.elapsed().as_secs_f64(),
                        store.counts()?.statements
                    );
                }
            }
            let secs = start.elapsed().as_secs_f64();
            println!(
                "ingested {pages} pages, {statements} statements in {secs:.1} s: {:.0} pages/s, {:.0} statements/s; {errors} errors; peak RSS {} MB",
                *pages as f64 / secs,
                statements as f64 / secs,
                peak_rss_mb().map_or_else(|| "unknown".into(), |m| m.to_string())
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn input_args(inputs: Vec<String>) -> InputArgs {
    InputArgs { inputs, format: FormatArg::Auto, source_url: None, published: None, max_size: 20, timeout: 30 }
}

/// The process's peak resident memory (Linux), in MB.
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
