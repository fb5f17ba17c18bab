//! A watched feed's memory on SQLite.

use rusqlite::{params, OptionalExtension};

use super::{now, SqliteStore};
use crate::{FeedMemory, StoreError};

impl FeedMemory for SqliteStore {
    fn feed_validators(&self, url: &str) -> Result<(Option<String>, Option<String>), StoreError> {
        Ok(self
            .conn
            .query_row("SELECT etag, last_modified FROM feeds WHERE url = ?1", [url], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or((None, None)))
    }

    fn set_feed_validators(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO feeds (url, etag, last_modified, checked_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (url) DO UPDATE SET etag = ?2, last_modified = ?3, checked_at = ?4",
            params![url, etag, last_modified, now()],
        )?;
        Ok(())
    }

    fn entry_seen(&self, url: &str, entry_id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM feed_entries WHERE feed_url = ?1 AND entry_id = ?2", [url, entry_id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn mark_entry_seen(&mut self, url: &str, entry_id: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR IGNORE INTO feed_entries (feed_url, entry_id, seen_at) VALUES (?1, ?2, ?3)",
            params![url, entry_id, now()],
        )?;
        Ok(())
    }
}
