//! `stances`: collects organizations' statements, attributes them, and publishes who
//! demands what. This file only dispatches; each subcommand lives in `cmd/`.

mod cli;
mod cmd;
mod config;
mod inputs;
mod json;
mod pipeline;
mod settings;
mod synth;

use std::process::ExitCode;

fn main() -> ExitCode {
    let matches = <cli::Cli as clap::CommandFactory>::command().get_matches();
    let mut cli = match <cli::Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    logging(&cli);
    match settings::load(cli.config.as_deref()) {
        Ok(config) => {
            settings::apply(&mut cli, &matches, &config);
            cli.settings = config;
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::from(2);
        }
    }
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

/// Logs go to standard error, apart from what the user asked for (results on standard
/// output, summaries and input errors as plain lines): warnings by default, requests and
/// logins too when serving, more with `-v`, only errors with `-q`, or what `$STANCES_LOG`
/// says.
fn logging(cli: &cli::Cli) {
    use tracing_subscriber::EnvFilter;
    let serving = matches!(cli.command, cli::Command::Serve(_) | cli::Command::Demo(_));
    let level = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (false, 0) if serving => "info",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        _ => "trace",
    };
    // Our own crates (and the request log) at that level; libraries only say what is wrong.
    let ours = [
        "stances",
        "stances_web",
        "stances_store",
        "stances_search",
        "stances_extract",
        "stances_code",
        "stances_intake",
        "tower_http",
    ];
    let rest = if level == "trace" { "trace" } else { "warn" };
    let directives: Vec<String> =
        std::iter::once(rest.to_string()).chain(ours.iter().map(|c| format!("{c}={level}"))).collect();
    let filter = EnvFilter::try_from_env("STANCES_LOG").unwrap_or_else(|_| EnvFilter::new(directives.join(",")));
    use std::io::IsTerminal;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .try_init();
}
