//! The command line (a contract: scripts rely on it; the README lists every command).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Collects statements by organizations, attributes each to its author, country and date,
/// and keeps them as a searchable, comparable record.
#[derive(Debug, Parser)]
#[command(name = "stances", version, about, long_about = None)]
pub struct Cli {
    /// The database: a SQLite file path [default: `database` of the configuration,
    /// stances.db; `demo`: a temporary one].
    #[arg(long, global = true, env = "STANCES_DB")]
    pub db: Option<String>,

    /// The configuration file [default: ./stances.toml when there is one].
    #[arg(long, global = true, env = "STANCES_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The settings in force (defaults, the file, `STANCES__*` variables).
    #[arg(skip)]
    pub settings: crate::settings::Config,

    /// An organization registry (TOML) to use instead of the bundled one.
    #[arg(long, global = true, env = "STANCES_REGISTRY")]
    pub registry: Option<PathBuf>,

    /// A codebook (TOML) to code statements with instead of the bundled one.
    #[arg(long, global = true, env = "STANCES_CODEBOOK")]
    pub codebook: Option<PathBuf>,

    /// Log more: `-v` for what each step does, `-vv` for everything. `$STANCES_LOG` (an
    /// env-filter such as `stances_web=debug`) overrides both flags.
    #[arg(long, short, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// No progress bars and only errors in the log; results and summaries still print.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Store documents and the statements read from them (files, folders, `-` for stdin).
    ///
    /// Each document is stored in one transaction: an interrupted batch keeps every
    /// finished document and no half one; running it again completes it without
    /// duplicates. A file that cannot be read gets a one-line error and the rest of the
    /// batch goes on; the exit status is 1 if any input failed.
    Ingest(IngestArgs),
    /// Run the whole pipeline without storing anything: one JSON object per input on stdout.
    Analyze(AnalyzeArgs),
    /// The extraction stage alone: the main content as plain text, one block per
    /// paragraph, heading or list item, with a blank line between blocks.
    Extract(ExtractArgs),
    /// Write every stored statement, with its sources and status.
    Export(ExportArgs),
    /// Score the reading of documents against a gold file (segmentation, attribution, positions).
    Eval(EvalArgs),
    /// A fresh database with the bundled sample statements, then serve the site on it.
    Demo(DemoArgs),
    /// Serve the public site: pages, search, feeds, the JSON API and downloads. The site
    /// follows the database: what is ingested appears within a second.
    Serve(ServeArgs),
    /// Write the public site as static files (pages, feeds, exports, an offline search).
    Build(BuildArgs),
    /// Search published statements (words, "phrases", facets).
    Search(SearchArgs),
    /// Rebuild the search index from the database (it is also rebuilt when found stale).
    Reindex,
    /// Take in e-mailed statements: .eml files, mbox files and Maildir folders, or an IMAP
    /// mailbox over TLS (`--imap`). They wait as pending for an editor unless `--publish`.
    /// Each IMAP message is marked once stored, so none is taken twice.
    Mail(MailArgs),
    /// Poll RSS/Atom feeds and take in their new entries that are about the codebook's
    /// topic, as pending. What was seen (validators, entry ids) is remembered in the
    /// database across restarts.
    Watch(WatchArgs),
    /// Manage editor accounts (passwords are read from a prompt, standard input or
    /// `$STANCES_PASSWORD`, never from the command line).
    User(UserArgs),
    /// Measure ingestion speed and memory on generated statement pages.
    Bench(BenchArgs),
    /// Record an editor's decision on a statement's coding: confirm, reject or add a
    /// position. Decisions are kept apart from the machine's coding and survive `reprocess`.
    Code(CodeArgs),
    /// Re-run the whole pipeline (with the current registry and codebook) over every stored
    /// raw document. Editors' decisions are kept; statements found anew wait as pending.
    Reprocess,
    /// Organizations × positions: who takes which position, with the statements behind each
    /// cell; or one organization's positions over time (`--org`).
    Matrix(MatrixArgs),
    /// Print a commented `stances.toml` with every setting at its default (`--current`:
    /// the settings in force, after the file and the environment).
    Config(ConfigArgs),
}

/// `stances config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the settings in force instead of the commented example.
    #[arg(long)]
    pub current: bool,
}

/// `stances code`.
#[derive(Debug, Args)]
pub struct CodeArgs {
    /// The decision.
    #[command(subcommand)]
    pub action: CodeAction,
}

/// An editor's decision.
#[derive(Debug, Subcommand)]
pub enum CodeAction {
    /// The statement does take the position the machine found.
    Confirm(Decision),
    /// The statement does not take this position.
    Reject(Decision),
    /// The statement takes this position; `--evidence` quotes the sentence that takes it.
    Add {
        /// The statement and code.
        #[command(flatten)]
        decision: Decision,
        /// The words of the statement that take the position (found in its text).
        #[arg(long)]
        evidence: String,
    },
}

/// Which statement and position a decision is about, and who decides.
#[derive(Debug, Args)]
pub struct Decision {
    /// The statement's id (as `export` shows it).
    pub statement: i64,
    /// The position's code in the codebook.
    pub code: String,
    /// The editor's name.
    #[arg(long, env = "STANCES_EDITOR", default_value = "editor")]
    pub by: String,
}

/// `stances matrix`.
#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = MatrixFormat::Table)]
    pub format: MatrixFormat,
    /// Only organizations of this country.
    #[arg(long)]
    pub country: Option<String>,
    /// Only statements issued on or after this date.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<stances_core::PartialDate>,
    /// Only statements issued on or before this date.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<stances_core::PartialDate>,
    /// Only organizations of this kind (party, union, ngo, ...).
    #[arg(long)]
    pub kind: Option<String>,
    /// One organization (id or name): its statements over time, each with its positions.
    #[arg(long)]
    pub org: Option<String>,
    /// Include pending and rejected statements (the public matrix shows published ones).
    #[arg(long)]
    pub all: bool,
}

/// `--format` of `matrix`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatrixFormat {
    /// A table for the terminal.
    Table,
    /// One row per organization, one column per position (statement counts).
    Csv,
    /// Every cell with its statements and evidence.
    Json,
}

/// Input options shared by the commands that read documents.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<String>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,
    /// The source URL of the input, overriding what it says.
    #[arg(long, value_name = "URL")]
    pub source_url: Option<String>,
    /// The publication date of the input (YYYY-MM-DD), overriding what it says.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub published: Option<stances_core::PartialDate>,
    /// Refuse inputs larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 20)]
    pub max_size: usize,
    /// Give up on a URL after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Tell HTML from plain text by the content.
    Auto,
    /// Plain text.
    Text,
    /// HTML.
    Html,
    /// One e-mail message (.eml): its body, forwarded messages and text attachments.
    Email,
    /// An mbox file: every message in it (also recognized by its first line).
    Mbox,
    /// An RSS or Atom feed: every entry that carries its text.
    Feed,
}

impl Cli {
    /// The database named by `--db` or `$STANCES_DB`, else the configuration's.
    pub fn db(&self) -> &str {
        self.db.as_deref().unwrap_or(&self.settings.database)
    }
}

impl InputArgs {
    /// No inputs, default options (for commands that read their own documents).
    pub fn none() -> Self {
        Self {
            inputs: Vec::new(),
            format: FormatArg::Auto,
            source_url: None,
            published: None,
            max_size: 20,
            timeout: 30,
        }
    }

    /// `--max-size` in bytes.
    pub fn max_bytes(&self) -> usize {
        self.max_size.saturating_mul(1024 * 1024)
    }
}

fn parse_date(s: &str) -> Result<stances_core::PartialDate, String> {
    stances_core::PartialDate::parse_iso(s).ok_or_else(|| format!("`{s}` is not a date (YYYY-MM-DD or YYYY-MM)"))
}

/// `stances ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// What to read.
    #[command(flatten)]
    pub input: InputArgs,
    /// Hold the statements for an editor instead of publishing them at once.
    #[arg(long)]
    pub pending: bool,
}

/// `stances analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// What to read.
    #[command(flatten)]
    pub input: InputArgs,
    /// Show, for each statement, every cue that fired, in which sentence, and why it did
    /// or did not give a position.
    #[arg(long)]
    pub explain: bool,
}

/// `stances extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// What to read.
    #[command(flatten)]
    pub input: InputArgs,
}

/// `stances export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The site's public address, for each statement's permalink (`url`).
    #[arg(long, value_name = "URL", default_value = "")]
    pub base_url: String,
}

/// `--format` of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per statement per line.
    Jsonl,
    /// One row per statement.
    Csv,
}

/// `stances eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The gold file (JSON Lines, one document per line).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// The folder holding the gold's input files (default: the gold file's folder).
    #[arg(long, value_name = "DIR")]
    pub inputs: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

/// `--format` of commands that print a report or a list: for people, or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Aligned text for a terminal.
    Table,
    /// JSON (one object, or one per line for lists).
    Json,
}

/// `stances demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where the site listens.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Only load the samples and print what was read; do not serve.
    #[arg(long)]
    pub no_serve: bool,
}

/// How the public site presents itself.
#[derive(Debug, Args, Clone)]
pub struct SiteArgs {
    /// The site's name.
    #[arg(long, default_value = "Stances")]
    pub title: String,
    /// The site's public address, for permalinks, citations and feeds (default: the
    /// address it listens on, or a relative one in a static build).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Behind a reverse proxy: take the client's address (for rate limits) from the
    /// first `X-Forwarded-For` hop.
    #[arg(long)]
    pub trust_proxy: bool,
    /// Let the submission form fetch URLs on private and loopback addresses (refused by
    /// default: the public names those URLs).
    #[arg(long)]
    pub fetch_private: bool,
}

/// `stances serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Name and address.
    #[command(flatten)]
    pub site: SiteArgs,
}

/// `stances mail`.
#[derive(Debug, Args)]
pub struct MailArgs {
    /// .eml files, mbox files, Maildir folders.
    pub inputs: Vec<String>,
    /// Read an IMAP mailbox over TLS: HOST or HOST:PORT (port 993 by default).
    #[arg(long, value_name = "HOST[:PORT]")]
    pub imap: Option<String>,
    /// IMAP user name.
    #[arg(long, env = "STANCES_IMAP_USER")]
    pub user: Option<String>,
    /// A file holding the IMAP password (else `$STANCES_IMAP_PASSWORD`).
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// The IMAP mailbox to read.
    #[arg(long, default_value = "INBOX")]
    pub mailbox: String,
    /// Trust this certificate authority (PEM) besides the public ones.
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Publish at once instead of waiting for an editor.
    #[arg(long)]
    pub publish: bool,
    /// Refuse messages larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 20)]
    pub max_size: usize,
}

/// `stances watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The feeds' URLs [default: `feeds` of `[intake]` in the configuration].
    pub feeds: Vec<String>,
    /// One pass, then stop.
    #[arg(long)]
    pub once: bool,
    /// Seconds between passes.
    #[arg(long, value_name = "SECONDS", default_value_t = 900)]
    pub every: u64,
    /// Publish at once instead of waiting for an editor.
    #[arg(long)]
    pub publish: bool,
    /// Refuse pages larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 20)]
    pub max_size: usize,
    /// Give up on a page or feed after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
}

/// `stances user`.
#[derive(Debug, Args)]
pub struct UserArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: UserAction,
}

/// `stances user` actions.
#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create an account.
    Add {
        /// Login name.
        name: String,
        /// What it may do.
        #[arg(long, default_value = "editor", value_parser = ["editor", "admin"])]
        role: String,
    },
    /// Set an account's password (unlocks it and ends its sessions).
    Passwd {
        /// Login name.
        name: String,
    },
    /// Remove an account.
    Remove {
        /// Login name.
        name: String,
    },
    /// List the accounts.
    List,
}

/// `stances build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The folder to write the site into (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Name and address.
    #[command(flatten)]
    pub site: SiteArgs,
}

/// `stances search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words, "a phrase", OR, -excluded; empty for every statement, newest first.
    #[arg(default_value = "")]
    pub query: String,
    /// Only this organization (its id, e.g. `socialist-alliance`).
    #[arg(long)]
    pub org: Option<String>,
    /// Only this country (English name).
    #[arg(long)]
    pub country: Option<String>,
    /// Only statements taking this position (its code).
    #[arg(long)]
    pub position: Option<String>,
    /// Only this language (ISO 639-1).
    #[arg(long)]
    pub language: Option<String>,
    /// From this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Up to this date.
    #[arg(long)]
    pub to: Option<String>,
    /// How many hits.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Output format (`json`: one object per hit, the published record with its snippet
    /// and score).
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

/// `stances bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// What to measure.
    #[command(subcommand)]
    pub what: BenchWhat,
}

/// The benchmarks.
#[derive(Debug, Subcommand)]
pub enum BenchWhat {
    /// Generate statement pages and ingest them into a fresh SQLite database, end to end.
    Ingest {
        /// How many pages.
        #[arg(long, default_value_t = 10_000)]
        pages: usize,
        /// Keep the generated pages and database in this folder (default: a temporary one).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Only write the generated pages into a folder (for other tools and tests).
    Generate {
        /// The folder to write into.
        out: PathBuf,
        /// How many pages.
        #[arg(long, default_value_t = 10_000)]
        pages: usize,
    },
}
