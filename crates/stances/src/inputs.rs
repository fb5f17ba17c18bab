//! The inputs of a command, one document at a time: files, folders walked recursively
//! (lazily, so a batch of any size is never held in memory), and standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use stances_core::{Document, Format};
use walkdir::WalkDir;

use crate::cli::{FormatArg, InputArgs};

/// One input to read: where it is, then its bytes on demand.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl Input {
    /// How errors name it.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }

    /// Reads it into a document with the options given.
    pub fn load(&self, args: &InputArgs) -> Result<Document> {
        let limit = args.max_bytes();
        let too_large = |size: u64| stances_extract::ExtractError::TooLarge { size: size as usize, limit };
        let bytes = match self {
            Input::File(p) => {
                // Refuse an oversized file before reading it.
                let meta = std::fs::metadata(p).map_err(|e| anyhow::anyhow!(describe_io(&e)))?;
                if meta.is_dir() {
                    bail!("is a directory");
                }
                if meta.len() > limit as u64 {
                    return Err(too_large(meta.len()).into());
                }
                std::fs::read(p).map_err(|e| anyhow::anyhow!(describe_io(&e)))?
            }
            Input::Stdin => {
                let mut b = Vec::new();
                std::io::stdin().lock().take(limit as u64 + 1).read_to_end(&mut b).context("reading standard input")?;
                if b.len() > limit {
                    return Err(too_large(b.len() as u64).into());
                }
                b
            }
        };
        Ok(Document {
            bytes,
            origin: self.name(),
            format: match args.format {
                FormatArg::Auto => None,
                FormatArg::Text => Some(Format::Text),
                FormatArg::Html => Some(Format::Html),
            },
            source_url: args.source_url.clone(),
            published: args.published,
        })
    }
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
            return Box::new(std::iter::once((
                a.clone(),
                Err(anyhow::anyhow!("fetching URLs is not supported yet: save the page and give its file")),
            )));
        }
        let path = Path::new(a);
        if path.is_dir() {
            Box::new(
                WalkDir::new(path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
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
