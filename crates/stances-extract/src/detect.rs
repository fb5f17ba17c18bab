//! What an input is: refuses what is not a statement at all (empty, binary, too large, too
//! deeply nested) with a reason, and tells HTML from plain text.

use stances_core::Format;

use crate::ExtractError;

/// Inputs larger than this are refused unless the caller raises the limit.
pub const DEFAULT_MAX_BYTES: usize = 20 * 1024 * 1024;

/// HTML nested deeper than this is refused: no real page comes near it, and tree walks
/// over such a page would risk the stack.
pub const MAX_HTML_DEPTH: usize = 10_000;

/// Checks that `bytes` can be a document at all.
pub fn check(bytes: &[u8], max_bytes: usize) -> Result<(), ExtractError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ExtractError::Empty);
    }
    if bytes.len() > max_bytes {
        return Err(ExtractError::TooLarge { size: bytes.len(), limit: max_bytes });
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(ExtractError::Binary(kind));
    }
    Ok(())
}

/// Names a binary format by its magic bytes, or says "binary data" for NUL-laden input.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT)"),
        (b"\x1F\x8B", "gzip-compressed data"),
        (b"\x7FELF", "an executable"),
        (b"RIFF", "a RIFF media file"),
        (b"SQLite format 3\0", "an SQLite database"),
    ];
    if let Some((_, name)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(name);
    }
    let head = &bytes[..bytes.len().min(8192)];
    // UTF-16 text has NULs too, but announces itself with a BOM.
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    let controls = head.iter().filter(|&&b| b == 0 || (b < 0x09) || (0x0E..0x1A).contains(&b)).count();
    (!utf16 && (head.contains(&0) || controls * 20 > head.len())).then_some("binary data")
}

/// HTML or plain text, from the decoded text's first characters.
pub fn sniff(text: &str) -> Format {
    let head: String = text.trim_start().chars().take(1024).collect::<String>().to_ascii_lowercase();
    let starts_html =
        ["<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta", "<div", "<p>", "<article"]
            .iter()
            .any(|p| head.starts_with(p));
    if starts_html || (head.starts_with('<') && (head.contains("<p") || head.contains("<div"))) {
        Format::Html
    } else {
        Format::Text
    }
}

/// The deepest element nesting in an HTML text, counted from its tags (a quick scan,
/// not a parse: void elements and self-closing tags do not nest).
pub fn html_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p",
        "li", "option", "td", "tr", "th", "dt", "dd",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_end =
            bytes[name_start..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |p| name_start + p);
        if name_end == name_start {
            continue;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        if VOID.contains(&name.as_str()) {
            continue;
        }
        let tag_end = bytes[name_end..].iter().position(|&b| b == b'>').map(|p| name_end + p);
        let self_closing = tag_end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_binary_and_huge() {
        assert!(matches!(check(b"  \n\t", 100), Err(ExtractError::Empty)));
        assert!(matches!(check(b"\x89PNG\r\n\x1a\nrest", 100), Err(ExtractError::Binary("a PNG image"))));
        assert!(matches!(check(b"a\0b\0c", 100), Err(ExtractError::Binary(_))));
        assert!(matches!(check(&[b'a'; 101], 100), Err(ExtractError::TooLarge { size: 101, limit: 100 })));
        assert!(check("Une déclaration.".as_bytes(), 100).is_ok());
    }

    #[test]
    fn tells_html_from_text() {
        assert_eq!(sniff("  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff("<div><p>Hi</p></div>"), Format::Html);
        assert_eq!(sniff("https://example.org/x\n\nStatement"), Format::Text);
        assert_eq!(sniff("<3 to all comrades"), Format::Text);
    }

    #[test]
    fn measures_nesting() {
        assert_eq!(html_depth("<html><body><div><p>a<br>b</p></div></body></html>"), 3);
        let deep = "<div>".repeat(2000);
        assert_eq!(html_depth(&deep), 2000);
    }
}
