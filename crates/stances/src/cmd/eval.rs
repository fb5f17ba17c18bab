//! `stances eval`: scores the reading of a gold file's documents.

use std::process::ExitCode;

use anyhow::{Context, Result};
use stances_code::{evaluate, gold};
use stances_core::Document;

use crate::cli::{Cli, EvalArgs, ReportFormat};
use crate::config;

pub fn run(cli: &Cli, args: &EvalArgs) -> Result<ExitCode> {
    let text =
        std::fs::read_to_string(&args.gold).with_context(|| format!("reading gold file {}", args.gold.display()))?;
    let docs = gold::parse(&text, &args.gold.display().to_string())?;
    let dir = args.inputs.clone().unwrap_or_else(|| args.gold.parent().map(|p| p.to_path_buf()).unwrap_or_default());
    let pipeline = config::pipeline(cli, &crate::cli::InputArgs::none())?;
    let pairs: Vec<_> = docs
        .into_iter()
        .map(|g| {
            let path = dir.join(&g.file);
            let read = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display())).and_then(|bytes| {
                let doc = Document {
                    bytes,
                    origin: path.display().to_string(),
                    format: None,
                    given: Default::default(),
                    charset: None,
                };
                pipeline.read(&doc).map(|r| r.0.statements).map_err(|e| format!("{}: {e}", path.display()))
            });
            (g, read)
        })
        .collect();
    let report = evaluate(&pairs);
    if args.format == ReportFormat::Json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}
