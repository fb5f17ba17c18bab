//! `stances ingest`: documents in, statements stored, one transaction per document.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use stances_core::Document;
use stances_core::Status;
use stances_extract::{Reader, Reading};
use stances_store::{NewDocument, Store};

use super::{report_input_error, status};
use crate::cli::{Cli, IngestArgs, InputArgs};
use crate::{config, inputs};

/// What a batch did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    /// Documents stored for the first time.
    pub documents_new: usize,
    /// Documents that were already stored.
    pub documents_known: usize,
    /// Statements stored for the first time.
    pub statements_new: usize,
    /// Statements already stored (now with one more source).
    pub statements_known: usize,
    /// Inputs that failed.
    pub errors: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} documents ({} new, {} already stored), {} statements ({} new, {} known), {} errors",
            self.documents_new + self.documents_known,
            self.documents_new,
            self.documents_known,
            self.statements_new + self.statements_known,
            self.statements_new,
            self.statements_known,
            self.errors
        )
    }
}

pub fn run(cli: &Cli, args: &IngestArgs) -> Result<ExitCode> {
    inputs::check(&args.input.inputs)?;
    let reader = config::reader(cli, &args.input)?;
    let mut store = config::store(&cli.db)?;
    let progress = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(inputs::count(&args.input.inputs));
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {per_sec}, eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let st = if args.pending { Status::Pending } else { Status::Published };
    let summary = ingest_all(&reader, &mut store, &args.input, st, progress.as_ref())?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    eprintln!("ingested {summary}");
    Ok(status(summary.errors))
}

/// Reads and stores every input; a failing input is reported and skipped. Only a
/// failure of the store itself stops the batch.
///
/// Reading (decoding, extraction, attribution) runs on one worker per core; one writer,
/// this thread, stores the documents in input order, each in its own transaction. The
/// channels are bounded, so a batch of any size streams through in constant memory.
pub fn ingest_all(
    reader: &Reader,
    store: &mut dyn Store,
    args: &InputArgs,
    st: Status,
    progress: Option<&ProgressBar>,
) -> Result<Summary> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let mut summary = Summary::default();
    let (job_tx, job_rx) = std::sync::mpsc::sync_channel::<(usize, String, Result<inputs::Input>)>(workers * 4);
    let job_rx = std::sync::Mutex::new(job_rx);
    std::thread::scope(|scope| -> Result<()> {
        let (done_tx, done_rx) =
            std::sync::mpsc::sync_channel::<(usize, String, Result<(Reading, Document)>)>(workers * 4);
        scope.spawn(move || {
            for (seq, (name, input)) in inputs::expand(&args.inputs).enumerate() {
                if job_tx.send((seq, name, input)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..workers {
            let (job_rx, done_tx) = (&job_rx, done_tx.clone());
            scope.spawn(move || loop {
                let job = job_rx.lock().map_err(|_| ()).and_then(|rx| rx.recv().map_err(|_| ()));
                let Ok((seq, name, input)) = job else { break };
                let result = input.and_then(|i| i.load(args)).and_then(|doc| Ok((reader.read(&doc)?, doc)));
                if done_tx.send((seq, name, result)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        // Store in input order: results that arrive early wait for their turn.
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        for (seq, name, result) in done_rx.iter() {
            waiting.insert(seq, (name, result));
            while let Some((name, result)) = waiting.remove(&next) {
                next += 1;
                store_one(store, &name, result, st, progress, &mut summary)?;
            }
        }
        Ok(())
    })?;
    Ok(summary)
}

/// Stores one read document, or reports why it could not be read.
fn store_one(
    store: &mut dyn Store,
    name: &str,
    result: Result<(Reading, Document)>,
    st: Status,
    progress: Option<&ProgressBar>,
    summary: &mut Summary,
) -> Result<()> {
    if let Some(p) = progress {
        p.inc(1);
    }
    let say = |line: &dyn Fn()| match progress {
        Some(p) => p.suspend(line),
        None => line(),
    };
    let (reading, doc) = match result {
        Ok(x) => x,
        Err(e) => {
            summary.errors += 1;
            say(&|| report_input_error(name, &e));
            return Ok(());
        }
    };
    for w in &reading.warnings {
        say(&|| eprintln!("warning: {name}: {w}"));
    }
    let new_doc = NewDocument {
        bytes: &doc.bytes,
        content_type: reading.format.content_type(),
        origin: &doc.origin,
        meta: &reading.meta,
    };
    let out = store.ingest(&new_doc, &reading.statements, st)?;
    if out.new_document {
        summary.documents_new += 1;
    } else {
        summary.documents_known += 1;
    }
    summary.statements_new += out.statements_new;
    summary.statements_known += out.statements_known;
    Ok(())
}
