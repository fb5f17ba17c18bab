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
        // A closed pipe (`stances matrix | head`) ends the output quietly.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
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
