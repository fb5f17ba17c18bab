//! `stances code`: an editor confirms, rejects or adds a position of a statement.

use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use stances_core::Evidence;
use stances_store::{Decision as StoreDecision, Store};

use crate::cli::{Cli, CodeAction, CodeArgs};
use crate::{config, pipeline};

pub fn run(cli: &Cli, args: &CodeArgs) -> Result<ExitCode> {
    let codebook = pipeline::codebook(cli.codebook.as_deref())?;
    let mut store = config::store(cli.db())?;
    let (d, decision, quote) = match &args.action {
        CodeAction::Confirm(d) => (d, StoreDecision::Confirm, None),
        CodeAction::Reject(d) => (d, StoreDecision::Reject, None),
        CodeAction::Add { decision, evidence } => (decision, StoreDecision::Add, Some(evidence.as_str())),
    };
    if codebook.position(&d.code).is_none() {
        bail!("`{}` is not a position of the codebook `{}`", d.code, codebook.topic);
    }
    let stored = store.statement(d.statement)?.with_context(|| format!("no statement {}", d.statement))?;
    let text = &stored.statement.text;
    let evidence = match quote {
        None => Vec::new(),
        Some(q) => {
            let start = text
                .find(q)
                .with_context(|| format!("the evidence is not in the text of statement {}", d.statement))?;
            vec![Evidence { start, end: start + q.len(), text: q.to_string() }]
        }
    };
    if decision != StoreDecision::Add && !stored.statement.positions.iter().any(|p| p.code == d.code) {
        bail!("statement {} is not coded `{}`: use `stances code add` with its evidence", d.statement, d.code);
    }
    store.decide(d.statement, &d.code, decision, &evidence, &d.by)?;
    eprintln!("statement {}: {} `{}` ({})", d.statement, decision.as_str(), d.code, d.by);
    Ok(ExitCode::SUCCESS)
}
