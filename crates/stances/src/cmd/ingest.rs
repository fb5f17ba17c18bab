//! `stances ingest`: documents in, statements stored, one transaction per document.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Mutex;

use anyhow::Result;
use indicatif::ProgressBar;
use stances_code::TopicFilter;
use stances_core::Document;
use stances_core::Status;
use stances_extract::Reading;
use stances_store::{NewDocument, Store};

use super::{report_input_error, status};
use crate::cli::{Cli, FormatArg, IngestArgs, InputArgs};
use crate::pipeline::Pipeline;
use crate::{config, inputs};

/// One document of an input, read (or why not).
type Read = (String, Result<(Reading, Document)>);

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
    /// Feed entries left out as off the codebook's topic.
    pub off_topic: usize,
}

/// Whether a feed entry is about the codebook's topic: its text names one of the topic's
/// keywords, or a statement read from it takes a position.
pub(crate) fn on_topic(filter: &TopicFilter, entry_text: &str, reading: &Reading) -> bool {
    filter.accepts(entry_text) || reading.statements.iter().any(|s| !s.positions.is_empty() || filter.accepts(&s.text))
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({} new, {} already stored), {} ({} new, {} known), {}",
            super::count((self.documents_new + self.documents_known) as u64, "document", "documents"),
            self.documents_new,
            self.documents_known,
            super::count((self.statements_new + self.statements_known) as u64, "statement", "statements"),
            self.statements_new,
            self.statements_known,
            super::count(self.errors as u64, "error", "errors"),
        )?;
        if self.off_topic > 0 {
            write!(f, ", {} off the topic", super::count(self.off_topic as u64, "feed entry", "feed entries"))?;
        }
        Ok(())
    }
}

pub fn run(cli: &Cli, args: &IngestArgs) -> Result<ExitCode> {
    inputs::check(&args.input.inputs)?;
    let pipeline = config::pipeline(cli, &args.input)?;
    let mut store = config::store(cli.db())?;
    let progress = super::progress(cli, inputs::count(&args.input.inputs), "documents");
    let st = if args.pending { Status::Pending } else { Status::Published };
    let summary = ingest_all(&pipeline, &mut store, &args.input, st, progress.as_ref(), cli.settings.intake.workers())?;
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
    pipeline: &Pipeline,
    store: &mut dyn Store,
    args: &InputArgs,
    st: Status,
    progress: Option<&ProgressBar>,
    workers: usize,
) -> Result<Summary> {
    let workers = workers.max(1);
    // A feed's entries are taken only when they are about the topic, as `watch` does.
    let topic = (args.format == FormatArg::Feed).then(|| TopicFilter::new(pipeline.coder.codebook()));
    let mut summary = Summary::default();
    let stop = AtomicBool::new(false);
    let (job_tx, job_rx) = sync_channel::<(usize, String, Result<inputs::Input>, bool)>(workers * 4);
    let job_rx = Mutex::new(job_rx);
    let big_stack_reader = pipeline.reader.clone().on_big_stack();
    let reader = &big_stack_reader;
    std::thread::scope(|scope| -> Result<()> {
        let (done_tx, done_rx) = sync_channel::<(usize, String, Result<Vec<Read>>, bool)>(workers * 4);
        let stop = &stop;
        scope.spawn(move || {
            let jobs = inputs::expand(&args.inputs).flat_map(|(name, input)| inputs::split_ahead(name, input, args));
            for (seq, (name, input, counts)) in jobs.enumerate() {
                if stop.load(Ordering::Relaxed) || job_tx.send((seq, name, input, counts)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..workers {
            let (job_rx, done_tx) = (&job_rx, done_tx.clone());
            let worker = move || loop {
                let job = job_rx.lock().map_err(|_| ()).and_then(|rx| rx.recv().map_err(|_| ()));
                let Ok((seq, name, input, counts)) = job else { break };
                let result = input.and_then(|i| i.load(args)).map(|docs| {
                    docs.into_iter()
                        .map(|doc| {
                            let name = doc.origin.clone();
                            (name, pipeline.read_with(reader, &doc).map(|r| (r.0, doc)))
                        })
                        .collect()
                });
                if done_tx.send((seq, name, result, counts)).is_err() {
                    break;
                }
            };
            // Readers get the stack HTML extraction needs, so no page needs a thread of its own.
            std::thread::Builder::new()
                .name("reader".into())
                .stack_size(stances_extract::html::EXTRACTION_STACK)
                .spawn_scoped(scope, worker)?;
        }
        drop(done_tx);
        // Store in input order: results that arrive early wait for their turn.
        let mut stored = || -> Result<()> {
            let mut waiting = BTreeMap::new();
            let mut next = 0;
            for (seq, name, result, counts) in done_rx.iter() {
                waiting.insert(seq, (name, result, counts));
                while let Some((name, result, counts)) = waiting.remove(&next) {
                    next += 1;
                    if let (Some(p), true) = (progress, counts) {
                        p.inc(1);
                    }
                    match result {
                        Ok(docs) => {
                            for (name, read) in docs {
                                if let (Some(filter), Ok((reading, _))) = (&topic, &read) {
                                    if !on_topic(filter, &reading.main_text(), reading) {
                                        summary.off_topic += 1;
                                        continue;
                                    }
                                }
                                store_one(store, &name, read, st, progress, &mut summary)?;
                            }
                        }
                        Err(e) => store_one(store, &name, Err(e), st, progress, &mut summary)?,
                    }
                }
            }
            Ok(())
        };
        let outcome = stored();
        if outcome.is_err() {
            // The store failed: stop the walk, and let the threads run dry before leaving.
            stop.store(true, Ordering::Relaxed);
            while job_rx.lock().map_err(|_| ()).and_then(|rx| rx.recv().map_err(|_| ())).is_ok() {}
        }
        outcome
    })?;
    Ok(summary)
}

/// Stores one read document, or reports why it could not be read.
pub(crate) fn store_one(
    store: &mut dyn Store,
    name: &str,
    result: Result<(Reading, Document)>,
    st: Status,
    progress: Option<&ProgressBar>,
    summary: &mut Summary,
) -> Result<()> {
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
    let content_type = doc.content_type(reading.format);
    let new_doc = NewDocument {
        bytes: &doc.bytes,
        content_type: &content_type,
        origin: &doc.origin,
        meta: &reading.meta,
        given: &doc.given,
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

#[cfg(test)]
mod tests {
    use stances_core::{Evidence, PageMeta, Statement};
    use stances_extract::Registry;
    use stances_store::{Counts, Decision, IngestOutcome, NewDocument, StoreError, StoredDocument, StoredStatement};

    use super::*;
    use crate::cli::FormatArg;

    /// A store that records what it is given and fails on its `fail_at`-th document.
    struct Recorder {
        origins: Vec<String>,
        fail_at: Option<usize>,
    }

    impl Store for Recorder {
        fn ingest(
            &mut self,
            doc: &NewDocument<'_>,
            statements: &[Statement],
            _: Status,
        ) -> Result<IngestOutcome, StoreError> {
            if Some(self.origins.len()) == self.fail_at {
                return Err(StoreError::Corrupt("disk full".into()));
            }
            self.origins.push(doc.origin.to_string());
            Ok(IngestOutcome { new_document: true, statements_new: statements.len(), statements_known: 0 })
        }
        fn for_each_statement(
            &self,
            _: &mut dyn FnMut(StoredStatement) -> Result<(), StoreError>,
        ) -> Result<(), StoreError> {
            Ok(())
        }
        fn counts(&self) -> Result<Counts, StoreError> {
            Ok(Counts::default())
        }
        fn decide(&mut self, _: i64, _: &str, _: Decision, _: &[Evidence], _: &str) -> Result<(), StoreError> {
            Ok(())
        }
        fn statement(&self, _: i64) -> Result<Option<StoredStatement>, StoreError> {
            Ok(None)
        }
        fn document_ids(&self) -> Result<Vec<i64>, StoreError> {
            Ok(Vec::new())
        }
        fn document(&self, _: i64) -> Result<Option<StoredDocument>, StoreError> {
            Ok(None)
        }
        fn change_counter(&self) -> Result<i64, StoreError> {
            Ok(0)
        }
        fn reprocess(&mut self, _: i64, _: &PageMeta, _: &[Statement], _: Status) -> Result<IngestOutcome, StoreError> {
            Ok(IngestOutcome::default())
        }
    }

    fn test_pipeline() -> Pipeline {
        Pipeline::new(
            stances_extract::Reader::new(Registry::empty()),
            stances_code::Coder::new(crate::pipeline::codebook(None).expect("codebook")),
        )
    }

    fn batch(n: usize) -> (tempfile::TempDir, InputArgs) {
        let dir = tempfile::tempdir().expect("tempdir");
        for i in 0..n {
            let text = format!("Peace League No. {i} statement\n\nThe Peace League No. {i} calls for an end to the war and for talks now.\n");
            std::fs::write(dir.path().join(format!("{i:04}.txt")), text).expect("write");
        }
        let args = InputArgs {
            inputs: vec![dir.path().display().to_string()],
            format: FormatArg::Auto,
            source_url: None,
            published: None,
            max_size: 20,
            timeout: 30,
        };
        (dir, args)
    }

    #[test]
    fn documents_are_stored_in_input_order() {
        let (_dir, args) = batch(200);
        let mut store = Recorder { origins: Vec::new(), fail_at: None };
        let summary = ingest_all(&test_pipeline(), &mut store, &args, Status::Published, None, 2).expect("ingest");
        assert_eq!(summary.documents_new, 200);
        let mut sorted = store.origins.clone();
        sorted.sort();
        assert_eq!(store.origins, sorted);
    }

    #[test]
    fn a_failing_store_stops_the_batch_without_hanging() {
        let (_dir, args) = batch(500);
        let mut store = Recorder { origins: Vec::new(), fail_at: Some(3) };
        let err = ingest_all(&test_pipeline(), &mut store, &args, Status::Published, None, 2).expect_err("fails");
        assert!(err.to_string().contains("disk full"));
        assert_eq!(store.origins.len(), 3);
    }
}
