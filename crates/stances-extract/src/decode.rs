//! Bytes to text. A document that declares its encoding (a byte-order mark, an HTML meta
//! charset, an XML declaration) is decoded as declared; undeclared text is read as UTF-8,
//! and invalid bytes are replaced with a warning rather than failing the document.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Decoded text, with a warning when bytes had to be replaced.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text.
    pub text: Cow<'a, str>,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// Set when invalid bytes were replaced by U+FFFD.
    pub warning: Option<String>,
}

/// Decodes `bytes`, honouring a BOM, then a declared charset in the first kilobytes.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    decode_with(bytes, None)
}

/// Decodes `bytes`, honouring a BOM, then the charset the transport declared (`hint`,
/// as an HTTP `Content-Type` gives it), then one declared in the first kilobytes.
pub fn decode_with<'a>(bytes: &'a [u8], hint: Option<&str>) -> Decoded<'a> {
    let hinted = hint.and_then(|h| Encoding::for_label(h.trim().as_bytes()));
    let (encoding, declared) = match Encoding::for_bom(bytes) {
        Some((enc, _)) => (enc, true),
        None => match hinted.or_else(|| declared_charset(bytes)) {
            Some(enc) => (enc, true),
            None => (UTF_8, false),
        },
    };
    // `decode` strips the BOM and replaces malformed sequences.
    let (text, used, had_errors) = encoding.decode(bytes);
    let warning = had_errors.then(|| {
        if declared {
            format!("bytes invalid in the declared encoding {} were replaced", used.name())
        } else {
            "not valid UTF-8 and no encoding declared: invalid bytes were replaced".to_string()
        }
    });
    Decoded { text, encoding: used, warning }
}

/// The charset a document declares in its head: `<meta charset=...>`,
/// `<meta http-equiv="Content-Type" content="...; charset=...">` or `<?xml encoding=...?>`.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    // The declaration itself is ASCII in every encoding we could meet here.
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    for key in ["charset=", "encoding="] {
        let mut from = 0;
        while let Some(i) = head[from..].find(key) {
            let start = from + i + key.len();
            let value: String = head[start..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(enc) = Encoding::for_label(value.as_bytes()) {
                // A page that says UTF-16 in ASCII bytes is not UTF-16 (the HTML standard).
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    return Some(UTF_8);
                }
                return Some(enc);
            }
            from = start;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Réseau — “quotes”".as_bytes());
        assert_eq!(d.text, "Réseau — “quotes”");
        assert!(d.warning.is_none());
    }

    #[test]
    fn bom_decides() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Grève".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).text, "Grève");
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("Été".as_bytes());
        assert_eq!(decode(&bytes).text, "Été");
    }

    #[test]
    fn meta_charset_decides() {
        let mut bytes = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Gr".to_vec();
        bytes.push(0xE8); // è in Latin-1
        bytes.extend_from_slice(b"ve</body></html>");
        let d = decode(&bytes);
        assert!(d.text.contains("Grève"), "{}", d.text);
        assert!(d.warning.is_none());

        let bytes = b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>\x93hi\x94";
        assert!(decode(bytes).text.contains("\u{201c}hi\u{201d}"));
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let d = decode(b"caf\xE9 au lait");
        assert_eq!(d.text, "caf\u{FFFD} au lait");
        assert!(d.warning.as_deref().is_some_and(|w| w.contains("not valid UTF-8")));
    }
}
