//! `stances demo`: the bundled samples in a database (a temporary one unless `--db` names
//! one), what was read from them, an editor account to try the editor's pages with, then
//! the site served on it.

use std::process::ExitCode;

use anyhow::{Context, Result};
use stances_core::{Document, Status};
use stances_store::{Accounts, NewDocument, Role, Store};

use super::count;
use crate::cli::{Cli, DemoArgs};
use crate::config;

/// The sample statements shipped with the program: written by the stances team, about
/// fictional organizations, in the shapes real statement pages take.
const SAMPLES: &[(&str, &[u8])] = &[
    ("compendium-en.txt", include_bytes!("../../../../data/samples/compendium-en.txt")),
    ("magazine-en.html", include_bytes!("../../../../data/samples/magazine-en.html")),
    ("declaration-fr.txt", include_bytes!("../../../../data/samples/declaration-fr.txt")),
    ("comunicado-es.html", include_bytes!("../../../../data/samples/comunicado-es.html")),
    ("erklaerung-de.txt", include_bytes!("../../../../data/samples/erklaerung-de.txt")),
    ("mail-en.eml", include_bytes!("../../../../data/samples/mail-en.eml")),
];

pub fn run(cli: &Cli, args: &DemoArgs) -> Result<ExitCode> {
    // A database the user named is kept (and can be served again, or given editors with
    // `stances user add`); otherwise the demo's lives as long as the demo.
    let dir = tempfile::tempdir().context("creating a temporary folder for the demo database")?;
    let db = cli.db.as_ref().map_or_else(|| dir.path().join("demo.db"), std::path::PathBuf::from);
    let mut store = config::store(&db.display().to_string())?;
    let pipeline = config::pipeline(cli, &crate::cli::InputArgs::none())?;
    for (name, bytes) in SAMPLES {
        let doc = Document {
            bytes: bytes.to_vec(),
            origin: format!("sample:{name}"),
            format: None,
            given: Default::default(),
            charset: None,
        };
        let (reading, _) = pipeline.read(&doc).with_context(|| format!("reading bundled sample {name}"))?;
        let nd = NewDocument {
            bytes: &doc.bytes,
            content_type: reading.format.content_type(),
            origin: &doc.origin,
            meta: &reading.meta,
            given: &doc.given,
        };
        store.ingest(&nd, &reading.statements, Status::Published)?;
    }
    println!("{:<44} {:<14} {:<10} TITLE", "ORGANIZATION", "COUNTRY", "DATE");
    store.for_each_statement(&mut |s| {
        let st = &s.statement;
        println!(
            "{:<44} {:<14} {:<10} {}",
            truncate(&st.organization.name, 44),
            st.country.as_deref().unwrap_or("-"),
            st.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            st.title.as_deref().unwrap_or("-")
        );
        let codes: Vec<&str> = st.positions.iter().map(|p| p.code.as_str()).collect();
        println!("{:<44} {}", "", if codes.is_empty() { "(no position found)".to_string() } else { codes.join(", ") });
        Ok(())
    })?;
    let c = store.counts()?;
    println!(
        "\n{} by {} from {}.",
        count(c.statements, "statement", "statements"),
        count(c.organizations, "organization", "organizations"),
        count(c.documents, "sample document", "sample documents")
    );
    if args.no_serve {
        return Ok(ExitCode::SUCCESS);
    }
    let password = demo_editor(&mut store)?;
    println!("Editors: log in at /editor/ as `{DEMO_EDITOR}` with the password {password}");
    drop(store);
    let site =
        crate::cli::SiteArgs { title: "Stances demo".into(), base_url: None, trust_proxy: false, fetch_private: false };
    super::serve::serve_db(cli, &db, &args.addr, &site)
}

/// The demo's editor account.
const DEMO_EDITOR: &str = "demo";

/// Gives the demo's editor (an administrator) a new random password, and returns it.
fn demo_editor(store: &mut stances_store::SqliteStore) -> Result<String> {
    let password = stances_web::auth::token().context("making the demo editor's password")?;
    let password: String = password.chars().filter(char::is_ascii_alphanumeric).take(16).collect();
    let hash = stances_web::auth::hash_password(&password)?;
    if store.user(DEMO_EDITOR)?.is_some() {
        store.set_password(DEMO_EDITOR, &hash)?;
    } else {
        store.add_user(DEMO_EDITOR, Role::Admin, &hash)?;
    }
    Ok(password)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
