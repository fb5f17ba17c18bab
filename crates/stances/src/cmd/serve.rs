//! `stances serve`: the public site on the database.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use stances_web::{App, Settings, Source};

use super::count;
use crate::cli::{Cli, ServeArgs, SiteArgs};
use crate::{config, pipeline};

pub fn run(cli: &Cli, args: &ServeArgs) -> Result<ExitCode> {
    serve_db(cli, Path::new(cli.db()), &args.addr, &args.site)
}

/// Serves the site of the database at `db` on `addr` until interrupted.
pub fn serve_db(cli: &Cli, db: &Path, addr: &str, site: &SiteArgs) -> Result<ExitCode> {
    let addr: SocketAddr =
        addr.parse().with_context(|| format!("`{addr}` is not an address such as 127.0.0.1:8080"))?;
    let store = config::store(&db.display().to_string())?;
    let codebook = pipeline::codebook(cli.codebook.as_deref())?;
    let index = stances_search::SearchIndex::open(&stances_web::index_folder(db))
        .with_context(|| format!("opening the search index beside {}", db.display()))?;
    let settings = settings(site, Some(addr));
    let reader = Arc::new(config::pipeline(cli, &crate::cli::InputArgs::none())?);
    let app = App::open(Source::new(store, codebook), index, settings).context("loading the site")?.with_reader(reader);
    let app = Arc::new(app);
    let runtime = tokio::runtime::Runtime::new().context("starting the server's runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("listening on {addr}"))?;
        // Said only once the address is bound, so whoever waits for it can connect.
        let bound = listener.local_addr().unwrap_or(addr);
        let n = app.site().entries.len() as u64;
        println!("Serving {} on http://{bound}/ (Ctrl-C to stop)", count(n, "statement", "statements"));
        stances_web::serve(app, listener).await.with_context(|| format!("serving on {bound}"))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The site's settings from the command line.
pub fn settings(site: &SiteArgs, addr: Option<SocketAddr>) -> Settings {
    let base_url = site
        .base_url
        .clone()
        .or_else(|| addr.map(|a| format!("http://{a}")))
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_string();
    Settings {
        trust_proxy: site.trust_proxy,
        fetch_private: site.fetch_private,
        ..Settings::new(site.title.clone(), base_url)
    }
}
