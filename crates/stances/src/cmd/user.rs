//! `stances user`: editor accounts. Passwords come from `$STANCES_PASSWORD`, a prompt on a
//! terminal, or the first line of standard input; only their argon2 hashes are stored.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use stances_store::{Accounts, Role};
use stances_web::auth;

use crate::cli::{Cli, UserAction, UserArgs};
use crate::config;

pub fn run(cli: &Cli, args: &UserArgs) -> Result<ExitCode> {
    let mut store = config::store(cli.db())?;
    match &args.action {
        UserAction::Add { name, role } => {
            let role: Role = role.parse().map_err(anyhow::Error::msg)?;
            if name.trim().is_empty() || name.chars().any(char::is_whitespace) {
                bail!("a user name is one word");
            }
            let hash = auth::hash_password(&password(name)?)?;
            store.add_user(name, role, &hash)?;
            eprintln!("user {name} added ({})", role.as_str());
        }
        UserAction::Passwd { name } => {
            if store.user(name)?.is_none() {
                bail!("no user {name}");
            }
            let hash = auth::hash_password(&password(name)?)?;
            store.set_password(name, &hash)?;
            eprintln!("password of {name} changed; its sessions are ended");
        }
        UserAction::Remove { name } => {
            if !store.remove_user(name)? {
                bail!("no user {name}");
            }
            eprintln!("user {name} removed");
        }
        UserAction::List => {
            for u in store.users()? {
                let locked = u.locked_until.map(|t| format!(" (locked until {t})")).unwrap_or_default();
                println!("{}\t{}{locked}", u.name, u.role.as_str());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The new password, from the environment, a prompt (asked twice) or standard input.
fn password(name: &str) -> Result<String> {
    if let Ok(p) = std::env::var("STANCES_PASSWORD") {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("password for {name}: ")).context("reading the password")?;
        let again = rpassword::prompt_password("again: ").context("reading the password")?;
        if first != again {
            bail!("the two passwords differ");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
