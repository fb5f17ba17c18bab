//! Editor authentication: argon2 password hashes, random session and CSRF tokens, and the
//! lock-out policy. Only hashes are stored: a password or a session token never reaches
//! the database or a log.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 10;

/// Why a password or a hash could not be used.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Too short.
    #[error("a password needs at least {MIN_PASSWORD} characters")]
    TooShort,
    /// The hashing failed (no randomness, or a broken stored hash).
    #[error("password hashing failed: {0}")]
    Hash(String),
}

/// The argon2id hash of a password, as a PHC string with its own random salt.
pub fn hash_password(password: &str) -> Result<String, AuthError> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(AuthError::TooShort);
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AuthError::Hash(e.to_string()))
}

/// Whether `password` matches a stored hash (in constant time, by argon2).
pub fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default().verify_password(password.as_bytes(), hash).is_ok()
}

/// A fresh random token (256 bits, hex).
pub fn token() -> Result<String, AuthError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AuthError::Hash(e.to_string()))?;
    Ok(hex(&bytes))
}

/// The SHA-256 of a session token, as stored.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Compares two secrets without leaking where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The cookie that carries an editor's session token.
pub const SESSION_COOKIE: &str = "stances_session";
/// The cookie that carries the token of an anonymous form (login, submission): the form
/// must send the same value back (double submit), which another site cannot read.
pub const FORM_COOKIE: &str = "stances_form";

/// The value of cookie `name` in a request's headers.
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The token of an anonymous form: the one the browser already holds, or a new one.
pub fn form_token(headers: &axum::http::HeaderMap) -> String {
    cookie(headers, FORM_COOKIE).or_else(|| token().ok()).unwrap_or_default()
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, the whole site, `Secure` when the site
/// is served over HTTPS; `max_age` of zero removes it.
pub fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only_and_holds_no_clear_text() {
        let h = hash_password("correct horse battery").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(!h.contains("correct horse"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse battery!", &h));
        assert!(!verify_password("x", "not a hash"));
        assert_ne!(h, hash_password("correct horse battery").expect("hash"), "salted");
        assert!(matches!(hash_password("short"), Err(AuthError::TooShort)));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (token().expect("token"), token().expect("token"));
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
    }
}
