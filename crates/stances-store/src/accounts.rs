//! Editor accounts and their login sessions. The store keeps password hashes (PHC strings
//! made by the caller) and session token hashes, never a password or a token.

use serde::Serialize;

use crate::StoreError;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Moderates and corrects statements.
    Editor,
    /// An editor who also merges organizations and sees every change.
    Admin,
}

impl Role {
    /// The name stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "editor" => Ok(Role::Editor),
            "admin" => Ok(Role::Admin),
            other => Err(format!("unknown role `{other}` (editor or admin)")),
        }
    }
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Its id.
    pub id: i64,
    /// Its login name.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The argon2 hash of its password (PHC string).
    pub password_hash: String,
    /// Failed logins since the last success.
    pub failed_logins: u32,
    /// Locked until this time (RFC 3339), after too many failures.
    pub locked_until: Option<String>,
}

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Whose.
    pub user: User,
    /// The token forms must carry back.
    pub csrf: String,
}

/// Accounts and sessions.
pub trait Accounts {
    /// Creates an account; an existing name is a conflict.
    fn add_user(&mut self, name: &str, role: Role, password_hash: &str) -> Result<(), StoreError>;
    /// Replaces a password hash, unlocks the account and ends its sessions; false when
    /// there is no such user.
    fn set_password(&mut self, name: &str, password_hash: &str) -> Result<bool, StoreError>;
    /// Removes an account and its sessions; false when there is no such user.
    fn remove_user(&mut self, name: &str) -> Result<bool, StoreError>;
    /// One account by name.
    fn user(&self, name: &str) -> Result<Option<User>, StoreError>;
    /// Every account, by name.
    fn users(&self) -> Result<Vec<User>, StoreError>;
    /// Counts a failed login, locking the account until `lock_until` when given; returns
    /// the failures so far.
    fn login_failed(&mut self, user_id: i64, lock_until: Option<&str>) -> Result<u32, StoreError>;
    /// Clears the failures after a successful login.
    fn login_succeeded(&mut self, user_id: i64) -> Result<(), StoreError>;
    /// Starts a session.
    fn create_session(
        &mut self,
        user_id: i64,
        token_hash: &str,
        csrf: &str,
        expires_at: &str,
    ) -> Result<(), StoreError>;
    /// The session with this token hash, unless expired at `now` (RFC 3339).
    fn session(&self, token_hash: &str, now: &str) -> Result<Option<Session>, StoreError>;
    /// Ends a session (and every expired one).
    fn end_session(&mut self, token_hash: &str, now: &str) -> Result<(), StoreError>;
}
