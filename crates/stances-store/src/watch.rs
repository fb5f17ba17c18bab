//! What `stances watch` remembers across restarts: each feed's validators (ETag,
//! Last-Modified) and the entries already taken.

use crate::StoreError;

/// A watched feed's memory.
pub trait FeedMemory {
    /// The validators of the feed's last answer: (ETag, Last-Modified).
    fn feed_validators(&self, url: &str) -> Result<(Option<String>, Option<String>), StoreError>;
    /// Records the validators of the feed's latest answer.
    fn set_feed_validators(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<(), StoreError>;
    /// Whether an entry of the feed was taken before.
    fn entry_seen(&self, url: &str, entry_id: &str) -> Result<bool, StoreError>;
    /// Records that an entry was taken (or judged off-topic: either way, not again).
    fn mark_entry_seen(&mut self, url: &str, entry_id: &str) -> Result<(), StoreError>;
}
