//! One module per subcommand; `run` dispatches.

mod analyze;
mod bench;
mod build;
mod code;
mod demo;
mod eval;
mod export;
mod extract;
pub mod ingest;
mod mail;
mod matrix;
mod reprocess;
mod search;
mod serve;
mod user;
mod watch;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Runs the command; `Ok` carries the exit status (1 when some input failed).
pub fn run(cli: Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Ingest(a) => ingest::run(&cli, a),
        Command::Analyze(a) => analyze::run(&cli, a),
        Command::Extract(a) => extract::run(&cli, a),
        Command::Export(a) => export::run(&cli, a),
        Command::Eval(a) => eval::run(&cli, a),
        Command::Demo(a) => demo::run(&cli, a),
        Command::Bench(a) => bench::run(&cli, a),
        Command::Code(a) => code::run(&cli, a),
        Command::Reprocess => reprocess::run(&cli),
        Command::Matrix(a) => matrix::run(&cli, a),
        Command::Serve(a) => serve::run(&cli, a),
        Command::Build(a) => build::run(&cli, a),
        Command::Search(a) => search::run(&cli, a),
        Command::Reindex => search::reindex(&cli),
        Command::Mail(a) => mail::run(&cli, a),
        Command::Watch(a) => watch::run(&cli, a),
        Command::User(a) => user::run(&cli, a),
        Command::Config(a) => {
            if a.current {
                let text = toml::to_string_pretty(&cli.settings).map_err(anyhow::Error::msg)?;
                print!("{text}");
            } else {
                print!("{}", crate::settings::EXAMPLE);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Exit status from whether any input failed.
pub fn status(failed: usize) -> ExitCode {
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A progress bar of `len` steps counting `unit`, on a terminal unless `--quiet`.
pub fn progress(cli: &Cli, len: u64, unit: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    (!cli.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(len);
        let template = format!("{{bar:40}} {{pos}}/{{len}} {unit}, {{per_sec}}, eta {{eta}}");
        bar.set_style(
            indicatif::ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    })
}

/// "1 statement", "2 statements": a count with its noun in the right number.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Prints one input's error as one line on standard error.
pub fn report_input_error(name: &str, err: &dyn std::fmt::Display) {
    eprintln!("error: {name}: {err}");
}
