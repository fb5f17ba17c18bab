//! `stances build`: the public site as static files.

use std::process::ExitCode;

use anyhow::{Context, Result};
use stances_web::Site;

use crate::cli::{BuildArgs, Cli};
use crate::{config, pipeline};

pub fn run(cli: &Cli, args: &BuildArgs) -> Result<ExitCode> {
    let store = config::store(cli.db())?;
    let codebook = pipeline::codebook(cli.codebook.as_deref())?;
    let site = Site::load(&store, codebook).context("reading the published statements")?;
    let settings = super::serve::settings(&args.site, None);
    let bar = super::progress(cli, stances_web::build::planned_files(&site), "files");
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let built = stances_web::build::build_reporting(&site, &settings, &args.out, &tick)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    println!(
        "Wrote {} and {} for {} into {}",
        super::count(built.pages as u64, "page", "pages"),
        super::count(built.files as u64, "other file", "other files"),
        super::count(site.entries.len() as u64, "statement", "statements"),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
