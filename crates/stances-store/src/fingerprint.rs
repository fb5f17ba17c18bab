//! Identities: a document is its bytes; a statement is its words.

use sha2::{Digest, Sha256};

/// The SHA-256 of a document's bytes, in hex.
pub fn document_hash(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The identity of a statement's text: the SHA-256 of its words, lower-cased, with
/// punctuation and spacing ignored, so one statement copied onto two pages (with other
/// quotes or line breaks) is one statement.
pub fn statement_fingerprint(text: &str) -> String {
    let mut h = Sha256::new();
    let mut first = true;
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !first {
            h.update(b" ");
        }
        first = false;
        h.update(word.to_lowercase().as_bytes());
    }
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_punctuation_case_and_spacing() {
        assert_eq!(
            statement_fingerprint("We  condemn the war.\n“Peace!”"),
            statement_fingerprint("we condemn the war peace")
        );
        assert_ne!(statement_fingerprint("We condemn the war."), statement_fingerprint("We support the war."));
    }

    #[test]
    fn document_hash_is_sha256() {
        assert_eq!(document_hash(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
