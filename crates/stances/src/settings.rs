//! `stances.toml`: the settings of one tracker, layered as defaults → the file →
//! `STANCES__SECTION__KEY` environment variables → command-line flags (figment does the
//! first three; a flag given on the command line, or by its own variable such as
//! `$STANCES_DB`, wins over all of them). `stances config` prints a commented example.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::parser::ValueSource;
use clap::ArgMatches;
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use stances_web::ServerLimits;

use crate::cli::{Cli, Command};

/// Everything `stances.toml` can set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The database (a SQLite file).
    pub database: String,
    /// How the site presents itself and where it listens.
    pub site: SiteConfig,
    /// The server's limits.
    pub limits: ServerLimits,
    /// Where statements come from, and the limits of reading them.
    pub intake: IntakeConfig,
    /// Which sources wait for an editor before anything is published.
    pub review: ReviewConfig,
}

/// `[site]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name.
    pub title: String,
    /// Its public address (empty: the address it listens on).
    pub base_url: String,
    /// Where `serve` and `demo` listen.
    pub address: String,
    /// Behind a reverse proxy: the client is the first `X-Forwarded-For` hop.
    pub trust_proxy: bool,
    /// Let the form fetch URLs on private and loopback addresses.
    pub fetch_private: bool,
}

/// `[intake]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IntakeConfig {
    /// Inputs larger than this many megabytes are refused.
    pub max_size_mb: usize,
    /// A URL is given up after this many seconds.
    pub fetch_timeout_seconds: u64,
    /// Documents read at once (0: one per core, at most 8).
    pub workers: usize,
    /// The feeds `stances watch` polls when none is named.
    pub feeds: Vec<String>,
    /// How often `watch` polls them, in seconds.
    pub watch_every_seconds: u64,
    /// The mailbox `stances mail` reads when no file is named.
    pub imap: Option<ImapConfig>,
}

/// `[intake.imap]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImapConfig {
    /// `HOST` or `HOST:PORT` (implicit TLS, 993 by default).
    pub host: String,
    /// The account (its password comes from `$STANCES_IMAP_PASSWORD`, never from a file).
    pub user: String,
    /// The mailbox.
    #[serde(default = "inbox")]
    pub mailbox: String,
}

fn inbox() -> String {
    "INBOX".into()
}

/// `[review]`: true means the source's statements wait for an editor. The submission
/// form's always do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewConfig {
    /// `stances ingest` (an editor's own files and URLs).
    pub ingest: bool,
    /// `stances mail`.
    pub mail: bool,
    /// `stances watch`.
    pub watch: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database: "stances.db".into(),
            site: SiteConfig::default(),
            limits: ServerLimits::default(),
            intake: IntakeConfig::default(),
            review: ReviewConfig::default(),
        }
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            title: "Stances".into(),
            base_url: String::new(),
            address: "127.0.0.1:8080".into(),
            trust_proxy: false,
            fetch_private: false,
        }
    }
}

impl Default for IntakeConfig {
    fn default() -> Self {
        Self {
            max_size_mb: 20,
            fetch_timeout_seconds: 30,
            workers: 0,
            feeds: Vec::new(),
            watch_every_seconds: 900,
            imap: None,
        }
    }
}

impl Default for ReviewConfig {
    fn default() -> Self {
        Self { ingest: false, mail: true, watch: true }
    }
}

impl IntakeConfig {
    /// How many documents are read at once.
    pub fn workers(&self) -> usize {
        match self.workers {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8),
            n => n,
        }
    }
}

/// The commented example `stances config` prints: every setting at its default.
pub const EXAMPLE: &str = include_str!("../../../data/stances.example.toml");

/// The file to read: `--config`, else `./stances.toml` when there is one.
fn file(cli_file: Option<&Path>) -> Option<PathBuf> {
    match cli_file {
        Some(p) => Some(p.to_path_buf()),
        None => Some(PathBuf::from("stances.toml")).filter(|p| p.is_file()),
    }
}

/// Defaults, then the file, then `STANCES__*` variables.
pub fn load(cli_file: Option<&Path>) -> Result<Config> {
    let mut figment = Figment::from(Serialized::defaults(Config::default()));
    if let Some(path) = file(cli_file) {
        if !path.is_file() {
            anyhow::bail!("the configuration file {} does not exist", path.display());
        }
        figment = figment.merge(Toml::file(&path));
    }
    figment = figment.merge(Env::prefixed("STANCES__").split("__"));
    figment.extract().map_err(|e| anyhow::anyhow!("{e}")).context("reading the configuration")
}

/// Whether the user set an argument (on the command line or through its variable), as
/// opposed to leaving it at clap's default.
fn given(m: &ArgMatches, id: &str) -> bool {
    matches!(m.value_source(id), Some(ValueSource::CommandLine | ValueSource::EnvVariable))
}

/// Fills every argument the user did not set from the configuration.
pub fn apply(cli: &mut Cli, matches: &ArgMatches, config: &Config) {
    let sub = matches.subcommand().map(|(_, m)| m);
    let unset = |id: &str| sub.is_none_or(|m| !given(m, id));
    let intake = &config.intake;
    match &mut cli.command {
        Command::Serve(a) => {
            if unset("addr") {
                a.addr.clone_from(&config.site.address);
            }
            site(&mut a.site, config, &unset);
        }
        Command::Build(a) => site(&mut a.site, config, &unset),
        Command::Demo(a) if unset("addr") => a.addr.clone_from(&config.site.address),
        Command::Ingest(a) => {
            input(&mut a.input, intake, &unset);
            if unset("pending") {
                a.pending = config.review.ingest;
            }
        }
        Command::Analyze(a) => input(&mut a.input, intake, &unset),
        Command::Extract(a) => input(&mut a.input, intake, &unset),
        Command::Mail(a) => {
            if unset("max_size") {
                a.max_size = intake.max_size_mb;
            }
            if unset("publish") {
                a.publish = !config.review.mail;
            }
            if let (true, true, Some(imap)) = (a.inputs.is_empty(), a.imap.is_none(), &intake.imap) {
                a.imap = Some(imap.host.clone());
                if a.user.is_none() {
                    a.user = Some(imap.user.clone());
                }
                if unset("mailbox") {
                    a.mailbox.clone_from(&imap.mailbox);
                }
            }
        }
        Command::Watch(a) => {
            if a.feeds.is_empty() {
                a.feeds.clone_from(&intake.feeds);
            }
            if unset("every") {
                a.every = intake.watch_every_seconds;
            }
            if unset("publish") {
                a.publish = !config.review.watch;
            }
            if unset("max_size") {
                a.max_size = intake.max_size_mb;
            }
            if unset("timeout") {
                a.timeout = intake.fetch_timeout_seconds;
            }
        }
        _ => {}
    }
}

fn site(s: &mut crate::cli::SiteArgs, config: &Config, unset: &dyn Fn(&str) -> bool) {
    if unset("title") {
        s.title.clone_from(&config.site.title);
    }
    if s.base_url.is_none() && !config.site.base_url.is_empty() {
        s.base_url = Some(config.site.base_url.clone());
    }
    s.trust_proxy |= config.site.trust_proxy;
    s.fetch_private |= config.site.fetch_private;
}

fn input(i: &mut crate::cli::InputArgs, intake: &IntakeConfig, unset: &dyn Fn(&str) -> bool) {
    if unset("max_size") {
        i.max_size = intake.max_size_mb;
    }
    if unset("timeout") {
        i.timeout = intake.fetch_timeout_seconds;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_example_is_every_default() {
        let example: Config = toml::from_str(EXAMPLE).expect("the example parses");
        assert_eq!(example, Config::default());
    }
}
