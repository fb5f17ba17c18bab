//! Editor accounts and sessions on SQLite.

use rusqlite::{params, OptionalExtension, Row};

use super::{now, SqliteStore};
use crate::{Accounts, Role, Session, StoreError, User};

const USER_COLUMNS: &str = "u.id, u.name, u.role, u.password_hash, u.failed_logins, u.locked_until";

fn user_of(r: &Row<'_>) -> rusqlite::Result<(i64, String, String, String, i64, Option<String>)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
}

fn user(row: (i64, String, String, String, i64, Option<String>)) -> Result<User, StoreError> {
    let (id, name, role, password_hash, failed, locked_until) = row;
    Ok(User {
        id,
        name,
        role: role.parse().map_err(StoreError::Corrupt)?,
        password_hash,
        failed_logins: failed.max(0) as u32,
        locked_until,
    })
}

impl Accounts for SqliteStore {
    fn add_user(&mut self, name: &str, role: Role, password_hash: &str) -> Result<(), StoreError> {
        let done = self.conn.execute(
            "INSERT OR IGNORE INTO users (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![name, role.as_str(), password_hash, now()],
        )?;
        if done == 0 {
            return Err(StoreError::Conflict(format!("user {name} exists already")));
        }
        Ok(())
    }

    fn set_password(&mut self, name: &str, password_hash: &str) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let done = tx.execute(
            "UPDATE users SET password_hash = ?2, failed_logins = 0, locked_until = NULL WHERE name = ?1",
            params![name, password_hash],
        )?;
        tx.execute("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?1)", [name])?;
        tx.commit()?;
        Ok(done > 0)
    }

    fn remove_user(&mut self, name: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute("DELETE FROM users WHERE name = ?1", [name])? > 0)
    }

    fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        self.conn
            .query_row(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.name = ?1"), [name], user_of)
            .optional()?
            .map(user)
            .transpose()
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        let mut q = self.conn.prepare(&format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.name"))?;
        let rows = q.query_map([], user_of)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(user).collect()
    }

    fn login_failed(&mut self, user_id: i64, lock_until: Option<&str>) -> Result<u32, StoreError> {
        self.conn.execute(
            "UPDATE users SET failed_logins = failed_logins + 1, locked_until = coalesce(?2, locked_until) WHERE id = ?1",
            params![user_id, lock_until],
        )?;
        let n: i64 = self.conn.query_row("SELECT failed_logins FROM users WHERE id = ?1", [user_id], |r| r.get(0))?;
        Ok(n.max(0) as u32)
    }

    fn login_succeeded(&mut self, user_id: i64) -> Result<(), StoreError> {
        self.conn.execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?1", [user_id])?;
        Ok(())
    }

    fn create_session(
        &mut self,
        user_id: i64,
        token_hash: &str,
        csrf: &str,
        expires_at: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![token_hash, user_id, csrf, now(), expires_at],
        )?;
        Ok(())
    }

    fn session(&self, token_hash: &str, now: &str) -> Result<Option<Session>, StoreError> {
        let row = self
            .conn
            .query_row(
                &format!(
                    "SELECT {USER_COLUMNS}, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id
                     WHERE s.token_hash = ?1 AND s.expires_at > ?2"
                ),
                params![token_hash, now],
                |r| Ok((user_of(r)?, r.get::<_, String>(6)?)),
            )
            .optional()?;
        row.map(|(u, csrf)| Ok(Session { user: user(u)?, csrf })).transpose()
    }

    fn end_session(&mut self, token_hash: &str, now: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM sessions WHERE token_hash = ?1 OR expires_at <= ?2", params![token_hash, now])?;
        Ok(())
    }
}
