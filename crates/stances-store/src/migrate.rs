//! Schema migrations, numbered and embedded; the schema version is SQLite's `user_version`.

use rusqlite::Connection;

use crate::StoreError;

/// The migrations in order; the version after applying `MIGRATIONS[i]` is `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_editor_codes.sql"),
    include_str!("../migrations/0003_intake_and_editors.sql"),
    include_str!("../migrations/0004_given.sql"),
];

/// Brings the schema up to date, each migration in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(StoreError::TooNew { found: version, known });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
