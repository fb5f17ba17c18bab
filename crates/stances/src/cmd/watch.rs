//! `stances watch`: polls RSS/Atom feeds and takes in their new entries that are about
//! the codebook's topic. Conditional requests spare unchanged feeds; the entries taken
//! (or judged off-topic) are remembered in the database, so a restart takes none twice.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use stances_code::TopicFilter;
use stances_core::{Document, Given, Status};
use stances_intake::{feed, FeedEntry, FetchOptions, Fetcher, Validators};
use stances_store::{FeedMemory, SqliteStore};

use super::ingest::{store_one, Summary};
use super::report_input_error;
use crate::cli::{Cli, InputArgs, WatchArgs};
use crate::pipeline::Pipeline;
use crate::{config, inputs};

/// An entry whose own content is shorter than this is followed to its page.
const FULL_CONTENT: usize = 500;

/// What one pass did.
#[derive(Debug, Default)]
struct Pass {
    stored: Summary,
    off_topic: usize,
    unchanged: usize,
    failed_feeds: usize,
}

pub fn run(cli: &Cli, args: &WatchArgs) -> Result<ExitCode> {
    if args.feeds.is_empty() {
        anyhow::bail!("name the feeds to watch, or list them as `feeds` under [intake] in stances.toml");
    }
    let input = InputArgs { max_size: args.max_size, ..InputArgs::none() };
    let pipeline = config::pipeline(cli, &input)?;
    let filter = TopicFilter::new(pipeline.coder.codebook());
    let mut store = config::store(cli.db())?;
    let fetcher = Fetcher::new(FetchOptions {
        max_bytes: input.max_bytes(),
        timeout: Duration::from_secs(args.timeout),
        allow_private: true,
    });
    let st = if args.publish { Status::Published } else { Status::Pending };
    loop {
        let mut pass = Pass::default();
        for url in &args.feeds {
            if let Err(e) = watch_one(url, &fetcher, &pipeline, &filter, &mut store, st, &mut pass) {
                // A store failure ends the watch; anything else is this feed's problem.
                if e.downcast_ref::<stances_store::StoreError>().is_some() {
                    return Err(e);
                }
                pass.failed_feeds += 1;
                report_input_error(url, &e);
            }
        }
        eprintln!(
            "watch: {} ({} off the topic, {} feeds unchanged, {} feeds failed)",
            pass.stored, pass.off_topic, pass.unchanged, pass.failed_feeds
        );
        if args.once {
            let failed = pass.failed_feeds + pass.stored.errors;
            return Ok(super::status(failed));
        }
        std::thread::sleep(Duration::from_secs(args.every.max(1)));
    }
}

/// One poll of one feed.
fn watch_one(
    url: &str,
    fetcher: &Fetcher,
    pipeline: &Pipeline,
    filter: &TopicFilter,
    store: &mut SqliteStore,
    st: Status,
    pass: &mut Pass,
) -> Result<()> {
    let (etag, last_modified) = store.feed_validators(url)?;
    let answer = fetcher.fetch_if_changed(url, &Validators { etag, last_modified })?;
    if answer.not_modified {
        pass.unchanged += 1;
        return Ok(());
    }
    for entry in feed::parse(&answer.bytes, &answer.url)? {
        if store.entry_seen(url, &entry.id)? {
            continue;
        }
        let doc = match document(&entry, url, fetcher) {
            Ok(Some(doc)) => doc,
            Ok(None) => {
                store.mark_entry_seen(url, &entry.id)?;
                continue;
            }
            Err(e) => {
                // Not marked: the page is tried again on the next pass.
                pass.stored.errors += 1;
                report_input_error(&format!("{url} entry {}", entry.id), &e);
                continue;
            }
        };
        let read = pipeline.read(&doc).map(|r| r.0);
        let on_topic = match &read {
            Ok(r) => super::ingest::on_topic(filter, &entry.text(), r),
            Err(_) => true,
        };
        if on_topic {
            let name = doc.origin.clone();
            store_one(store, &name, read.map(|r| (r, doc)), st, None, &mut pass.stored)?;
        } else {
            pass.off_topic += 1;
        }
        store.mark_entry_seen(url, &entry.id)?;
    }
    store.set_feed_validators(url, answer.validators.etag.as_deref(), answer.validators.last_modified.as_deref())?;
    Ok(())
}

/// The document an entry stands for: its own content when it carries the whole text,
/// else the page it links to.
fn document(entry: &FeedEntry, feed_url: &str, fetcher: &Fetcher) -> Result<Option<Document>> {
    let own = entry.content.as_deref().or(entry.summary.as_deref()).unwrap_or("");
    if own.len() >= FULL_CONTENT || entry.link.is_none() {
        return Ok(inputs::entry_document(entry, feed_url, None));
    }
    let link = entry.link.as_deref().unwrap_or_default();
    let page = match fetcher.fetch(link) {
        Ok(page) => page,
        // The page cannot be had: the entry's own text is better than nothing, if it has one.
        Err(e) if !own.trim().is_empty() => {
            tracing::warn!("{link}: {e}; reading the feed entry's own text instead");
            return Ok(inputs::entry_document(entry, feed_url, None));
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Some(Document {
        bytes: page.bytes,
        origin: link.to_string(),
        format: None,
        given: Given { source_url: Some(page.url), published: entry.published, ..Given::default() },
        charset: page.charset,
    }))
}
