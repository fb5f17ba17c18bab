//! `stances extract`: the main content of each input as plain text.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{report_input_error, status};
use crate::cli::{Cli, ExtractArgs};
use crate::{config, inputs};

pub fn run(cli: &Cli, args: &ExtractArgs) -> Result<ExitCode> {
    inputs::check(&args.input.inputs)?;
    let reader = stances_extract::Reader::new(config::registry(cli)?).max_bytes(args.input.max_bytes());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    let mut first = true;
    for (name, doc) in inputs::documents(&args.input) {
        match doc.and_then(|doc| Ok(reader.extract(&doc)?)) {
            Ok(r) => {
                let sep = if first { "" } else { "\n" };
                first = false;
                if writeln!(out, "{sep}{}", r.main_text()).is_err() {
                    return Ok(status(failed));
                }
            }
            Err(e) => {
                failed += 1;
                report_input_error(&name, &e);
            }
        }
    }
    Ok(status(failed))
}
