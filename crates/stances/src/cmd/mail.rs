//! `stances mail`: e-mailed statements in, from files (.eml, mbox, Maildir) or an IMAP
//! mailbox. They wait as pending unless `--publish`.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use stances_core::{Document, Format, Status};
use stances_intake::imap::{ImapAccount, Mailbox};

use super::ingest::{ingest_all, store_one, Summary};
use super::status;
use crate::cli::{Cli, FormatArg, InputArgs, MailArgs};
use crate::config;

pub fn run(cli: &Cli, args: &MailArgs) -> Result<ExitCode> {
    if args.inputs.is_empty() && args.imap.is_none() {
        bail!("give .eml/mbox files or Maildir folders, or --imap HOST");
    }
    let input = InputArgs {
        inputs: args.inputs.clone(),
        format: FormatArg::Email,
        source_url: None,
        published: None,
        max_size: args.max_size,
        timeout: 30,
    };
    let pipeline = config::pipeline(cli, &input)?;
    let mut store = config::store(cli.db())?;
    let st = if args.publish { Status::Published } else { Status::Pending };
    let mut summary = Summary::default();
    if !args.inputs.is_empty() {
        let bar = super::progress(cli, crate::inputs::count(&input.inputs), "inputs");
        summary = ingest_all(&pipeline, &mut store, &input, st, bar.as_ref(), cli.settings.intake.workers())?;
        if let Some(b) = bar {
            b.finish_and_clear();
        }
    }
    if let Some(server) = &args.imap {
        let account = account(server, args)?;
        let mut mailbox = Mailbox::open(&account)?;
        let uids = mailbox.unprocessed()?;
        let bar = super::progress(cli, uids.len() as u64, "messages");
        for uid in uids {
            let name = format!("imap://{}@{}/{};UID={uid}", account.user, account.host, account.mailbox);
            let doc = mailbox.fetch(uid, input.max_bytes()).map(|bytes| Document {
                bytes,
                origin: name.clone(),
                format: Some(Format::Email),
                ..Document::default()
            });
            let read = doc.map_err(anyhow::Error::from).and_then(|d| Ok((pipeline.read(&d)?.0, d)));
            let readable = read.is_ok();
            // Only a failing store stops the pass; the message is then left unmarked.
            store_one(&mut store, &name, read, st, bar.as_ref(), &mut summary)?;
            mailbox.mark(uid, readable)?;
            if let Some(b) = &bar {
                b.inc(1);
            }
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        mailbox.close()?;
    }
    eprintln!("mail: {summary}");
    Ok(status(summary.errors))
}

/// The IMAP account from the options and the environment.
fn account(server: &str, args: &MailArgs) -> Result<ImapAccount> {
    let (host, port) = match server.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') || h.ends_with(']') => {
            (h.trim_matches(['[', ']']).to_string(), p.parse().with_context(|| format!("port in `{server}`"))?)
        }
        _ => (server.to_string(), 993),
    };
    let user = args.user.clone().context("--imap needs --user (or $STANCES_IMAP_USER)")?;
    let password = match &args.password_file {
        Some(p) => std::fs::read_to_string(p)
            .with_context(|| format!("reading password file {}", p.display()))?
            .trim_end_matches(['\r', '\n'])
            .to_string(),
        None => std::env::var("STANCES_IMAP_PASSWORD")
            .context("--imap needs a password: --password-file FILE or $STANCES_IMAP_PASSWORD")?,
    };
    Ok(ImapAccount {
        host,
        port,
        user,
        password,
        mailbox: args.mailbox.clone(),
        ca_file: args.ca_file.clone(),
        timeout: Duration::from_secs(60),
    })
}
