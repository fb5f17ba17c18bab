//! `stances`: collects organizations' statements, attributes them, and publishes who
//! demands what. This file only dispatches; each subcommand lives in `cmd/`.

mod cli;
mod cmd;
mod config;
mod inputs;
mod json;
mod pipeline;
mod synth;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        // A closed pipe (`stances matrix | head`) ends the output quietly, as ripgrep does.
        Err(e) if closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // One clear line: the headline, then each cause.
            let mut msg = format!("error: {e}");
            for cause in e.chain().skip(1) {
                msg.push_str(&format!(": {cause}"));
            }
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

/// True when the error is the reader of our output having gone away, whichever writer
/// (plain, JSON, CSV) met it.
fn closed_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>().is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
            || c.downcast_ref::<csv::Error>()
                .is_some_and(|x| matches!(x.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe))
    })
}
