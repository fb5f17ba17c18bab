//! The inputs of a command, one document at a time: files, folders walked recursively
//! (lazily, so a batch of any size is never held in memory), and standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use stances_core::{Document, Format, Given};
use walkdir::WalkDir;

use stances_intake::{FetchOptions, Fetcher};

use crate::cli::{FormatArg, InputArgs};

/// One input to read: where it is, then its bytes on demand.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// A web page (or feed) to fetch.
    Url(String),
    /// A document read ahead: one message of an mbox, split before the batch's workers
    /// read them, so that a large mailbox is read on every core.
    Loaded(Box<Document>),
}

impl Input {
    /// How errors name it.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
            Input::Url(u) => u.clone(),
            Input::Loaded(d) => d.origin.clone(),
        }
    }

    /// Reads it into documents with the options given: one, or one per message of an
    /// mbox file, or one per entry of a feed (`--format feed`).
    pub fn load(self, args: &InputArgs) -> Result<Vec<Document>> {
        let limit = args.max_bytes();
        let too_large = |size: u64| stances_extract::ExtractError::TooLarge { size: size as usize, limit };
        let mut charset = None;
        let mut fetched_url = None;
        let origin = self.name();
        let bytes = match self {
            Input::Loaded(doc) => return Ok(vec![*doc]),
            Input::File(p) => {
                // Refuse an oversized file before reading it.
                let meta = std::fs::metadata(&p).map_err(|e| anyhow::anyhow!(describe_io(&e)))?;
                if meta.is_dir() {
                    bail!("is a directory");
                }
                if meta.len() > limit as u64 {
                    return Err(too_large(meta.len()).into());
                }
                std::fs::read(&p).map_err(|e| anyhow::anyhow!(describe_io(&e)))?
            }
            Input::Stdin => {
                let mut b = Vec::new();
                std::io::stdin().lock().take(limit as u64 + 1).read_to_end(&mut b).context("reading standard input")?;
                if b.len() > limit {
                    return Err(too_large(b.len() as u64).into());
                }
                b
            }
            Input::Url(u) => {
                let fetcher = Fetcher::new(FetchOptions {
                    max_bytes: limit,
                    timeout: std::time::Duration::from_secs(args.timeout),
                    allow_private: true,
                });
                let page = fetcher.fetch(&u)?;
                charset = page.charset;
                fetched_url = Some(page.url);
                page.bytes
            }
        };
        let one = |bytes: Vec<u8>, origin: String, format: Option<Format>| Document {
            bytes,
            origin,
            format,
            given: Given {
                source_url: args.source_url.clone().or_else(|| fetched_url.clone()),
                published: args.published,
                ..Given::default()
            },
            charset: charset.clone(),
        };
        let is_mbox = bytes.starts_with(b"From ") && stances_extract::mail::looks_like_mail(&bytes);
        match args.format {
            FormatArg::Mbox => Ok(mbox(&bytes, &origin, one)),
            FormatArg::Auto | FormatArg::Email if is_mbox => Ok(mbox(&bytes, &origin, one)),
            FormatArg::Feed => feed(&bytes, &origin, args),
            FormatArg::Auto => Ok(vec![one(bytes, origin, None)]),
            FormatArg::Text => Ok(vec![one(bytes, origin, Some(Format::Text))]),
            FormatArg::Html => Ok(vec![one(bytes, origin, Some(Format::Html))]),
            FormatArg::Email => Ok(vec![one(bytes, origin, Some(Format::Email))]),
        }
    }
}

/// The jobs of one input for a batch: an mbox file is split here into one job per message
/// (the first marked as the file's, for progress); any other input is one job.
pub fn split_ahead(name: String, input: Result<Input>, args: &InputArgs) -> Vec<(String, Result<Input>, bool)> {
    let might_be_mbox = |p: &Path| match args.format {
        FormatArg::Mbox => true,
        FormatArg::Auto | FormatArg::Email => {
            let mut head = [0u8; 5];
            std::fs::File::open(p).and_then(|mut f| f.read_exact(&mut head)).is_ok() && &head == b"From "
        }
        _ => false,
    };
    match input {
        Ok(Input::File(p)) if might_be_mbox(&p) => match Input::File(p).load(args) {
            Ok(docs) => docs
                .into_iter()
                .enumerate()
                .map(|(k, d)| (d.origin.clone(), Ok(Input::Loaded(Box::new(d))), k == 0))
                .collect(),
            Err(e) => vec![(name, Err(e), true)],
        },
        other => vec![(name, other, true)],
    }
}

/// One document per message of an mbox file, named `FILE#N` (from 1).
fn mbox(bytes: &[u8], origin: &str, one: impl Fn(Vec<u8>, String, Option<Format>) -> Document) -> Vec<Document> {
    stances_extract::mail::split_mbox(bytes)
        .into_iter()
        .enumerate()
        .map(|(i, m)| one(m, format!("{origin}#{}", i + 1), Some(Format::Email)))
        .collect()
}

/// One document per entry of a feed that carries the entry's text (title and content or
/// summary, as HTML), with the entry's link and date.
fn feed(bytes: &[u8], origin: &str, args: &InputArgs) -> Result<Vec<Document>> {
    let entries = stances_intake::feed::parse(bytes, origin)?;
    Ok(entries.into_iter().filter_map(|e| entry_document(&e, origin, args.published)).collect())
}

/// A feed entry's own text as an HTML document, if it carries any.
pub fn entry_document(
    e: &stances_intake::FeedEntry,
    feed: &str,
    published: Option<stances_core::PartialDate>,
) -> Option<Document> {
    let body = e.content.as_ref().or(e.summary.as_ref())?;
    let title = e.title.as_deref().map(stances_core::escape_html).unwrap_or_default();
    // The entry's title is the page's title, not a heading of its text: a headline
    // ("Our summer picnic") is no author.
    let html = format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body><article>{body}</article></body></html>"
    );
    Some(Document {
        bytes: html.into_bytes(),
        origin: format!("{feed}#{}", e.id),
        format: Some(Format::Html),
        given: Given { source_url: e.link.clone(), published: published.or(e.published), ..Given::default() },
        charset: None,
    })
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// Every input named on the command line, folders expanded in name order. An argument
/// that cannot be expanded yields an error item naming it, and the walk goes on.
pub fn expand(args: &[String]) -> impl Iterator<Item = (String, Result<Input>)> + '_ {
    args.iter().flat_map(|a| -> Box<dyn Iterator<Item = (String, Result<Input>)>> {
        if a == "-" {
            return Box::new(std::iter::once((a.clone(), Ok(Input::Stdin))));
        }
        if a.starts_with("http://") || a.starts_with("https://") {
            return Box::new(std::iter::once((a.clone(), Ok(Input::Url(a.clone())))));
        }
        let path = Path::new(a);
        if path.is_dir() {
            Box::new(
                WalkDir::new(path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| {
                        e.depth() == 0
                            || (!e.file_name().to_string_lossy().starts_with('.') && !maildir_extra(e.path()))
                    })
                    .filter_map(move |e| match e {
                        Ok(e) if e.file_type().is_file() => {
                            Some((e.path().display().to_string(), Ok(Input::File(e.into_path()))))
                        }
                        Ok(_) => None,
                        Err(err) => {
                            let name = err.path().map_or_else(|| a.clone(), |p| p.display().to_string());
                            Some((
                                name,
                                Err(anyhow::anyhow!(err.io_error().map_or_else(|| err.to_string(), describe_io))),
                            ))
                        }
                    }),
            )
        } else {
            Box::new(std::iter::once((a.clone(), Ok(Input::File(path.to_path_buf())))))
        }
    })
}

/// Whether `path` sits in a Maildir folder (one with `cur/` and `new/`) without being
/// one of its messages' folders: `tmp/` (deliveries in progress) and the mail server's
/// own files are not statements.
fn maildir_extra(path: &Path) -> bool {
    let Some(parent) = path.parent() else { return false };
    let is_maildir = parent.join("cur").is_dir() && parent.join("new").is_dir();
    is_maildir && !matches!(path.file_name().and_then(|n| n.to_str()), Some("cur" | "new"))
}

/// Every document of the inputs, one at a time: an mbox file or a feed gives several, named
/// by their origin; an input that cannot be loaded gives one error item.
pub fn documents(args: &InputArgs) -> impl Iterator<Item = (String, Result<Document>)> + '_ {
    expand(&args.inputs).flat_map(move |(name, input)| -> Box<dyn Iterator<Item = (String, Result<Document>)>> {
        match input.and_then(|i| i.load(args)) {
            Ok(docs) => Box::new(docs.into_iter().map(|d| (d.origin.clone(), Ok(d)))),
            Err(e) => Box::new(std::iter::once((name, Err(e)))),
        }
    })
}

/// The number of files the inputs expand to (for a progress bar); walks folders once.
pub fn count(args: &[String]) -> u64 {
    expand(args).count() as u64
}

/// Refuses `-` given twice (standard input can be read once).
pub fn check(args: &[String]) -> Result<()> {
    if args.iter().filter(|a| *a == "-").count() > 1 {
        bail!("`-` (standard input) can be given only once");
    }
    Ok(())
}
