//! `stances reprocess`: every stored raw document read again with the current registry
//! and codebook, with what it arrived with (`Given`) replayed. Editors' decisions are
//! kept; statements found anew wait as pending. Documents are read on every core, a batch
//! at a time, and stored in order by this thread (the store has one writer).

use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::Result;
use stances_core::{Document, Format, Status};
use stances_extract::{Reader, Reading};
use stances_store::Store;

use super::{count, progress, report_input_error, status};
use crate::cli::{Cli, InputArgs};
use crate::config;
use crate::pipeline::Pipeline;

pub fn run(cli: &Cli) -> Result<ExitCode> {
    let pipeline = config::pipeline(cli, &InputArgs::none())?;
    let mut store = config::store(cli.db())?;
    let ids = store.document_ids()?;
    let bar = progress(cli, ids.len() as u64, "documents");
    let workers = cli.settings.intake.workers();
    let reader = pipeline.reader.clone().on_big_stack();
    let (mut documents, mut known, mut new, mut failed) = (0u64, 0usize, 0usize, 0usize);
    for batch in ids.chunks(workers * 16) {
        let mut docs = Vec::with_capacity(batch.len());
        for &id in batch {
            let Some(stored) = store.document(id)? else { continue };
            let format = Format::from_content_type(&stored.content_type).unwrap_or(Format::Text);
            let doc = Document {
                charset: stances_core::charset_of(&stored.content_type),
                bytes: stored.bytes,
                origin: stored.origin,
                format: Some(format),
                given: stored.given,
            };
            docs.push((id, doc));
        }
        let readings = read_all(&pipeline, &reader, &docs, workers)?;
        for ((id, doc), reading) in docs.iter().zip(readings) {
            match reading {
                Ok(reading) => {
                    let out = store.reprocess(*id, &reading.meta, &reading.statements, Status::Pending)?;
                    documents += 1;
                    known += out.statements_known;
                    new += out.statements_new;
                }
                Err(e) => {
                    failed += 1;
                    let line = || report_input_error(&doc.origin, &e);
                    match &bar {
                        Some(b) => b.suspend(line),
                        None => line(),
                    }
                }
            }
        }
        if let Some(b) = &bar {
            b.inc(batch.len() as u64);
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    eprintln!(
        "reprocessed {}: {} updated, {new} new (pending), {}",
        count(documents, "document", "documents"),
        count(known as u64, "statement", "statements"),
        count(failed as u64, "error", "errors")
    );
    Ok(status(failed))
}

/// Reads the documents on `workers` threads (with the stack HTML extraction needs); the
/// readings come back in the documents' order.
fn read_all(
    pipeline: &Pipeline,
    reader: &Reader,
    docs: &[(i64, Document)],
    workers: usize,
) -> Result<Vec<Result<Reading>>> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<Reading>>>> = docs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..workers.min(docs.len()) {
            let (next, slots) = (&next, &slots);
            let work = move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((_, doc)) = docs.get(i) else { break };
                let reading = pipeline.read_with(reader, doc).map(|r| r.0);
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(reading);
                }
            };
            std::thread::Builder::new()
                .name("reader".into())
                .stack_size(stances_extract::html::EXTRACTION_STACK)
                .spawn_scoped(scope, work)?;
        }
        Ok(())
    })?;
    Ok(slots
        .into_iter()
        .map(|s| s.into_inner().ok().flatten().unwrap_or_else(|| Err(anyhow::anyhow!("the reading thread stopped"))))
        .collect())
}
