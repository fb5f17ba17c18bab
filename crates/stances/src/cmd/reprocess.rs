//! `stances reprocess`: every stored raw document read again with the current registry
//! and codebook. Editors' decisions are kept; statements found anew wait as pending.

use std::process::ExitCode;

use anyhow::Result;
use stances_core::{Document, Format, Status};
use stances_store::Store;

use super::{count, report_input_error, status};
use crate::cli::{Cli, InputArgs};
use crate::config;

pub fn run(cli: &Cli) -> Result<ExitCode> {
    let pipeline = config::pipeline(cli, &InputArgs::none())?;
    let mut store = config::store(cli.db())?;
    let (mut documents, mut known, mut new, mut failed) = (0u64, 0usize, 0usize, 0usize);
    for id in store.document_ids()? {
        let Some(stored) = store.document(id)? else { continue };
        let format = Format::from_content_type(&stored.content_type).unwrap_or(Format::Text);
        let charset = stances_core::charset_of(&stored.content_type);
        let doc = Document {
            bytes: stored.bytes,
            origin: stored.origin.clone(),
            format: Some(format),
            given: stored.given,
            charset,
        };
        match pipeline.read(&doc) {
            Ok((reading, _)) => {
                let out = store.reprocess(id, &reading.meta, &reading.statements, Status::Pending)?;
                documents += 1;
                known += out.statements_known;
                new += out.statements_new;
            }
            Err(e) => {
                failed += 1;
                report_input_error(&stored.origin, &e);
            }
        }
    }
    eprintln!(
        "reprocessed {}: {} updated, {new} new (pending), {}",
        count(documents, "document", "documents"),
        count(known as u64, "statement", "statements"),
        count(failed as u64, "error", "errors")
    );
    Ok(status(failed))
}
