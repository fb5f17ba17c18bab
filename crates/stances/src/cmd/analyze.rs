//! `stances analyze`: the whole pipeline, nothing stored, JSON Lines on stdout.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{report_input_error, status};
use crate::cli::{AnalyzeArgs, Cli};
use crate::json::AnalyzeJson;
use crate::{config, inputs};

pub fn run(cli: &Cli, args: &AnalyzeArgs) -> Result<ExitCode> {
    inputs::check(&args.input.inputs)?;
    let pipeline = config::pipeline(cli, &args.input)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    for (name, doc) in inputs::documents(&args.input) {
        let reading = doc.and_then(|doc| pipeline.read(&doc));
        let line = match reading {
            Ok((r, notes)) => {
                let mut json = AnalyzeJson::new(&name, &r.meta, &r.statements, r.format.name(), &r.warnings);
                let fired: Vec<Vec<stances_code::Fired>> = if args.explain {
                    r.statements.iter().map(|s| pipeline.explain(s).fired).collect()
                } else {
                    Vec::new()
                };
                for (k, st) in json.statements.iter_mut().enumerate() {
                    st.coding_note = notes.get(k).and_then(|n| n.as_deref());
                    st.explain = fired.get(k).map(Vec::as_slice);
                    if args.explain {
                        st.attribution = r.why.get(k);
                    }
                }
                serde_json::to_string(&json)?
            }
            Err(e) => {
                failed += 1;
                report_input_error(&name, &e);
                serde_json::to_string(&serde_json::json!({"input": name, "error": e.to_string(), "statements": []}))?
            }
        };
        if writeln!(out, "{line}").is_err() {
            // A closed pipe (`| head`) ends the output quietly.
            return Ok(status(failed));
        }
    }
    Ok(status(failed))
}
