//! E-mail: the parts of a message that can hold a statement (the body, forwarded messages,
//! text and HTML attachments) and its provenance (sender, date, subject). Parsing is
//! `mail-parser`'s; this module decides which parts are statements.

use std::sync::LazyLock;

use mail_parser::{Message, MessageParser, MimeHeaders, PartType};
use regex::Regex;
use stances_core::{Format, PageMeta, PartialDate};

use crate::{dates, decode, ExtractError};

/// A message with more MIME parts than this is refused: no real statement needs it, and
/// walking a crafted message with millions of parts would tie up a worker.
pub const MAX_PARTS: usize = 500;

/// A body shorter than this, beside attachments that hold text, is a covering note
/// ("Please find our statement attached") and is not read as a statement.
const COVERING_NOTE: usize = 400;

/// A message as the reader sees it.
#[derive(Debug, Clone, Default)]
pub struct Mail {
    /// Subject (as title), date (as publication date) and sender.
    pub meta: PageMeta,
    /// The parts to read, in message order.
    pub parts: Vec<MailPart>,
    /// Parts that were left out, and why.
    pub warnings: Vec<String>,
}

/// One part of a message to read as a document.
#[derive(Debug, Clone)]
pub struct MailPart {
    /// The text, decoded.
    pub text: String,
    /// Plain text or HTML.
    pub format: Format,
    /// Where in the message it is ("body", "attachment statement.html", "forwarded message").
    pub name: String,
    /// The date of a forwarded message, when the part is one.
    pub published: Option<PartialDate>,
}

/// Whether `bytes` start like an e-mail message: a block of header lines, with a `From:`
/// and at least one other header only mail carries, then a blank line.
pub fn looks_like_mail(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(16 * 1024)];
    let Ok(head) = std::str::from_utf8(head).or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()])) else {
        return false;
    };
    let mut lines = head.lines();
    let mut from = false;
    let mut mail_only = false;
    let mut first = true;
    for line in lines.by_ref() {
        if line.trim().is_empty() {
            return !first && from && mail_only;
        }
        // An mbox "From " separator may come first.
        if first && line.starts_with("From ") {
            first = false;
            continue;
        }
        first = false;
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else { return false };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
        let name = name.to_ascii_lowercase();
        from |= name == "from";
        mail_only |= matches!(
            name.as_str(),
            "message-id" | "mime-version" | "received" | "return-path" | "delivered-to" | "to" | "x-mailer"
        );
    }
    false
}

/// Splits an mbox file into its messages (the `From ` lines removed, `>From ` unquoted).
pub fn split_mbox(bytes: &[u8]) -> Vec<Vec<u8>> {
    mail_parser::mailbox::mbox::MessageIterator::new(std::io::Cursor::new(bytes))
        .filter_map(Result::ok)
        .map(|m| m.unwrap_contents())
        .collect()
}

/// Reads a message into the parts that can hold a statement.
pub fn parse(bytes: &[u8]) -> Result<Mail, ExtractError> {
    let message = MessageParser::default().parse(bytes).ok_or_else(|| bad("no e-mail headers found"))?;
    if message.from().is_none() && message.date().is_none() && message.subject().is_none() {
        return Err(bad("no From, Date or Subject header: not an e-mail message"));
    }
    let mut mail = Mail { meta: meta_of(&message), ..Mail::default() };
    let mut budget = MAX_PARTS;
    collect(&message, None, &mut mail, &mut budget)?;
    if mail.parts.is_empty() {
        let why =
            if mail.warnings.is_empty() { "the message has no text".to_string() } else { mail.warnings.join("; ") };
        return Err(bad(&why));
    }
    Ok(mail)
}

fn bad(why: &str) -> ExtractError {
    ExtractError::Mail(why.to_string())
}

/// Subject, date and sender of a message.
fn meta_of(message: &Message<'_>) -> PageMeta {
    let sender = message.from().and_then(|a| a.first()).and_then(|a| match (a.name(), a.address()) {
        (Some(n), Some(addr)) => Some(format!("{n} <{addr}>")),
        (None, Some(addr)) => Some(addr.to_string()),
        (Some(n), None) => Some(n.to_string()),
        (None, None) => None,
    });
    PageMeta {
        title: message.subject().map(strip_reply_prefixes).filter(|s| !s.is_empty()),
        published: message.date().and_then(|d| PartialDate::ymd(i32::from(d.year), d.month, d.day)),
        sender,
        ..PageMeta::default()
    }
}

/// "Fwd: TR: Statement" → "Statement".
fn strip_reply_prefixes(subject: &str) -> String {
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:(?:fwd?|fw|re|tr|wg|aw|rv|r|i|enc|sv|vs)\s*:\s*)+").expect("prefix pattern compiles")
    });
    PREFIX.replace(subject, "").trim().to_string()
}

/// Adds the statement parts of `message` to `mail`: attachments first (text, HTML,
/// forwarded messages), then the body unless it only covers for them.
fn collect(
    message: &Message<'_>,
    forwarded: Option<PartialDate>,
    mail: &mut Mail,
    budget: &mut usize,
) -> Result<(), ExtractError> {
    let parts = message.parts.len();
    if parts > *budget {
        return Err(bad(&format!("the message has more than {MAX_PARTS} MIME parts (a MIME bomb?)")));
    }
    *budget -= parts;
    let before = mail.parts.len();
    for part in message.attachments() {
        let name = part.attachment_name().unwrap_or("unnamed").to_string();
        match &part.body {
            PartType::Message(inner) => {
                let date = meta_of(inner).published;
                collect(inner, date, mail, budget)?;
            }
            PartType::Text(t) => push(mail, t, Format::Text, format!("attachment {name}"), forwarded),
            PartType::Html(t) => push(mail, t, Format::Html, format!("attachment {name}"), forwarded),
            PartType::Binary(b) | PartType::InlineBinary(b) => {
                let ctype = part
                    .content_type()
                    .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")))
                    .unwrap_or_else(|| "application/octet-stream".into());
                let lower = name.to_ascii_lowercase();
                let format = if lower.ends_with(".html") || lower.ends_with(".htm") {
                    Some(Format::Html)
                } else if lower.ends_with(".txt") || lower.ends_with(".md") {
                    Some(Format::Text)
                } else {
                    None
                };
                match format {
                    Some(f) => push(mail, &decode::decode(b).text, f, format!("attachment {name}"), forwarded),
                    None if ctype.starts_with("image/") => {}
                    None => mail
                        .warnings
                        .push(format!("attachment {name} ({ctype}) not read: only text and HTML attachments are")),
                }
            }
            PartType::Multipart(_) => {}
        }
    }
    let body = message
        .text_bodies()
        .find_map(|p| match &p.body {
            PartType::Text(t) => Some((t.as_ref(), Format::Text)),
            _ => None,
        })
        .or_else(|| {
            message.html_bodies().find_map(|p| match &p.body {
                PartType::Html(t) => Some((t.as_ref(), Format::Html)),
                _ => None,
            })
        });
    if let Some((text, format)) = body {
        let (text, inner_date) = match format {
            Format::Text => unwrap_forward(text),
            _ => (text.to_string(), None),
        };
        let attachments_read = mail.parts.len() > before;
        if !(attachments_read && text.trim().chars().count() < COVERING_NOTE) {
            let name = if inner_date.is_some() || forwarded.is_some() { "forwarded message" } else { "body" };
            push(mail, &text, format, name.to_string(), inner_date.or(forwarded));
        }
    }
    Ok(())
}

fn push(mail: &mut Mail, text: &str, format: Format, name: String, published: Option<PartialDate>) {
    if !text.trim().is_empty() {
        mail.parts.push(MailPart { text: text.to_string(), format, name, published });
    }
}

/// The line that opens a forwarded message inside a body, in the mail clients' languages.
static FORWARD_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?im)^[ \t]*(?:-{2,}[ \t]*(?:forwarded message|original message|message transféré|message d'origine|mensaje reenviado|mensaje original|weitergeleitete nachricht|ursprüngliche nachricht|messaggio inoltrato|messaggio originale|mensagem encaminhada|mensagem original)[ \t]*-{2,}|begin forwarded message:|début du message réexpédié\s*:)[ \t]*\r?$",
    )
    .expect("forward pattern compiles")
});

/// A header line of a forwarded message, in the mail clients' languages.
static FORWARD_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ \t>]*(from|de|von|da|date|datum|fecha|data|sent|envoyé|enviado|gesendet|inviato|subject|objet|asunto|betreff|oggetto|assunto|to|à|para|an|a|cc)[ \t]*:(.*)$")
        .expect("header pattern compiles")
});

/// A body that forwards a message: the forwarded text without its header block, and its
/// date. A forwarder's short note above it is dropped; a body without a forward, and
/// quoted ("> ") text, come back as they were (the quote marks removed).
pub fn unwrap_forward(body: &str) -> (String, Option<PartialDate>) {
    let Some(mark) = FORWARD_MARK.find(body) else { return (unquote(body), None) };
    let note = body[..mark.start()].trim();
    let rest = &body[mark.end()..];
    let mut date = None;
    let mut consumed = 0;
    let mut seen_header = false;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim();
        if bare.is_empty() || bare == ">" {
            consumed += line.len();
            if seen_header {
                break;
            }
            continue;
        }
        match FORWARD_HEADER.captures(line.trim_end()) {
            Some(c) => {
                seen_header = true;
                let key = c[1].to_lowercase();
                if matches!(
                    key.as_str(),
                    "date" | "datum" | "fecha" | "data" | "sent" | "envoyé" | "enviado" | "gesendet" | "inviato"
                ) {
                    date = dates::find_dates(&c[2]).first().and_then(|d| PartialDate::ymd(d.year?, d.month, d.day?));
                }
                consumed += line.len();
            }
            None => break,
        }
    }
    let inner = unquote(&rest[consumed..]);
    if note.chars().count() >= COVERING_NOTE {
        return (format!("{note}\n\n{inner}"), date);
    }
    (inner, date)
}

/// Removes "> " quote marks when every non-empty line carries one.
fn unquote(text: &str) -> String {
    let quoted = text.lines().filter(|l| !l.trim().is_empty()).all(|l| l.trim_start().starts_with('>'));
    if !quoted || text.trim().is_empty() {
        return text.to_string();
    }
    text.lines()
        .map(|l| {
            let l = l.trim_start();
            let l = l.strip_prefix('>').unwrap_or(l);
            l.strip_prefix(' ').unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: &str = "From: Jana Novak <press@peace-league.example>\r\nTo: statements@stances.example\r\nSubject: Fwd: Statement on the war\r\nDate: Tue, 1 Mar 2022 10:00:00 +0100\r\nMessage-ID: <1@example>\r\n\r\nThe Peace League calls for an immediate ceasefire.\r\n";

    #[test]
    fn a_plain_message_gives_its_body_subject_date_and_sender() {
        let mail = parse(PLAIN.as_bytes()).expect("parses");
        assert_eq!(mail.meta.title.as_deref(), Some("Statement on the war"));
        assert_eq!(mail.meta.published, PartialDate::ymd(2022, 3, 1));
        assert_eq!(mail.meta.sender.as_deref(), Some("Jana Novak <press@peace-league.example>"));
        assert_eq!(mail.parts.len(), 1);
        assert_eq!(mail.parts[0].name, "body");
        assert!(mail.parts[0].text.contains("immediate ceasefire"));
    }

    #[test]
    fn mail_is_told_from_a_statement_that_starts_with_a_label() {
        assert!(looks_like_mail(PLAIN.as_bytes()));
        assert!(looks_like_mail(format!("From someone Tue Mar  1 10:00:00 2022\n{PLAIN}").as_bytes()));
        assert!(!looks_like_mail(b"From: the Peace League\nDate: 1 March 2022\n\nWe call for peace."));
        assert!(!looks_like_mail(b"Peace League statement\n\nFrom: our members\n"));
    }

    #[test]
    fn an_inline_forward_loses_its_header_block_and_gives_its_date() {
        let body = "FYI\n\n---------- Forwarded message ---------\nFrom: Peace League <a@b.example>\nDate: Wed, 2 Mar 2022 at 09:12\nSubject: Our statement\nTo: <x@y.example>\n\nThe Peace League condemns the invasion.\n";
        let (text, date) = unwrap_forward(body);
        assert_eq!(text.trim(), "The Peace League condemns the invasion.");
        assert_eq!(date, PartialDate::ymd(2022, 3, 2));
    }

    #[test]
    fn quoted_text_is_unquoted() {
        let (text, _) = unwrap_forward("> We call for talks.\n>\n> Peace League");
        assert_eq!(text, "We call for talks.\n\nPeace League");
    }

    #[test]
    fn a_covering_note_beside_an_attachment_is_not_a_statement() {
        let msg = "From: a@b.example\r\nSubject: statement\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nPlease find our statement attached.\r\n--XX\r\nContent-Type: text/html; name=statement.html\r\nContent-Disposition: attachment; filename=statement.html\r\n\r\n<h1>Peace League</h1><p>We call for a ceasefire.</p>\r\n--XX\r\nContent-Type: application/pdf; name=flyer.pdf\r\nContent-Disposition: attachment; filename=flyer.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--XX--\r\n";
        let mail = parse(msg.as_bytes()).expect("parses");
        assert_eq!(mail.parts.len(), 1, "{:?}", mail.parts);
        assert_eq!(mail.parts[0].format, Format::Html);
        assert_eq!(mail.parts[0].name, "attachment statement.html");
        assert!(mail.warnings[0].contains("flyer.pdf (application/pdf) not read"), "{:?}", mail.warnings);
    }

    #[test]
    fn garbage_is_refused_with_a_reason() {
        let err = parse(b"\x01\x02 just some bytes").expect_err("refused");
        assert!(err.to_string().contains("e-mail"), "{err}");
    }

    #[test]
    fn a_mime_bomb_is_refused() {
        let mut msg = String::from("From: a@b.example\r\nSubject: bomb\r\nMIME-Version: 1.0\r\n");
        for i in 0..2000 {
            msg.push_str(&format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n"));
        }
        msg.push_str("Content-Type: text/plain\r\n\r\nWe call for peace.\r\n");
        let err = parse(msg.as_bytes()).expect_err("refused");
        assert!(err.to_string().contains("MIME parts"), "{err}");
    }

    #[test]
    fn an_mbox_splits_into_messages() {
        let mbox = format!("From a@b Tue Mar  1 10:00:00 2022\n{PLAIN}\nFrom c@d Wed Mar  2 10:00:00 2022\n{PLAIN}");
        assert_eq!(split_mbox(mbox.as_bytes()).len(), 2);
    }
}
