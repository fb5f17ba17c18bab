//! An IMAP mailbox over TLS: the messages not yet processed, fetched without marking them
//! read, then marked with a keyword of ours so that no message is ingested twice, whatever
//! else happens to the mailbox. The password comes from the caller (the environment or a
//! file), never from the command line.

use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

use crate::IntakeError;

/// The keyword set on a message once it is stored.
pub const PROCESSED: &str = "$StancesIngested";
/// The keyword set on a message that could not be read (kept out of later passes).
pub const REFUSED: &str = "$StancesRefused";

/// Where the mailbox is and how to log in.
#[derive(Clone)]
pub struct ImapAccount {
    /// Server host name (checked against its certificate).
    pub host: String,
    /// Port of implicit TLS (993 by default).
    pub port: u16,
    /// User name.
    pub user: String,
    /// Password.
    pub password: String,
    /// Mailbox to read ("INBOX").
    pub mailbox: String,
    /// Extra trusted certificate authorities (PEM), for a server with a private CA.
    pub ca_file: Option<PathBuf>,
    /// Network timeout for each read and write.
    pub timeout: Duration,
}

impl std::fmt::Debug for ImapAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImapAccount")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("password", &"…")
            .field("mailbox", &self.mailbox)
            .finish()
    }
}

type Tls = StreamOwned<ClientConnection, TcpStream>;

/// A logged-in session on one mailbox.
pub struct Mailbox {
    session: imap::Session<Tls>,
}

impl Mailbox {
    /// Connects over TLS, logs in and selects the mailbox.
    pub fn open(account: &ImapAccount) -> Result<Self, IntakeError> {
        let fail = |what: &str, e: &dyn std::fmt::Display| IntakeError::Imap(format!("{what}: {e}"));
        let config = tls_config(account.ca_file.as_deref())?;
        let name =
            ServerName::try_from(account.host.clone()).map_err(|e| fail(&format!("host {}", account.host), &e))?;
        let tcp = TcpStream::connect((account.host.as_str(), account.port))
            .map_err(|e| fail(&format!("connecting to {}:{}", account.host, account.port), &e))?;
        tcp.set_read_timeout(Some(account.timeout)).map_err(|e| fail("socket", &e))?;
        tcp.set_write_timeout(Some(account.timeout)).map_err(|e| fail("socket", &e))?;
        let conn = ClientConnection::new(Arc::new(config), name).map_err(|e| fail("TLS", &e))?;
        let mut stream = StreamOwned::new(conn, tcp);
        // Complete the handshake here, so that a certificate problem is named as one.
        while stream.conn.is_handshaking() {
            stream.conn.complete_io(&mut stream.sock).map_err(|e| fail("TLS handshake", &e))?;
        }
        let mut client = imap::Client::new(stream);
        client.read_greeting().map_err(|e| fail("greeting", &e))?;
        let mut session = client
            .login(&account.user, &account.password)
            .map_err(|(e, _)| fail(&format!("logging in as {}", account.user), &e))?;
        session.select(&account.mailbox).map_err(|e| fail(&format!("selecting {}", account.mailbox), &e))?;
        Ok(Self { session })
    }

    /// The UIDs of messages not yet processed (nor refused), oldest first.
    pub fn unprocessed(&mut self) -> Result<Vec<u32>, IntakeError> {
        let mut uids: Vec<u32> = self
            .session
            .uid_search(format!("UNKEYWORD {PROCESSED} UNKEYWORD {REFUSED}"))
            .map_err(|e| IntakeError::Imap(format!("searching: {e}")))?
            .into_iter()
            .collect();
        uids.sort_unstable();
        Ok(uids)
    }

    /// One message's bytes, left unread; refused when over `max_bytes`.
    pub fn fetch(&mut self, uid: u32, max_bytes: usize) -> Result<Vec<u8>, IntakeError> {
        let sizes = self
            .session
            .uid_fetch(uid.to_string(), "RFC822.SIZE")
            .map_err(|e| IntakeError::Imap(format!("message {uid}: {e}")))?;
        let size = sizes.iter().find_map(|f| f.size).unwrap_or(0) as usize;
        if size > max_bytes {
            return Err(IntakeError::TooLarge { url: format!("message {uid}"), limit: max_bytes });
        }
        let fetched = self
            .session
            .uid_fetch(uid.to_string(), "BODY.PEEK[]")
            .map_err(|e| IntakeError::Imap(format!("message {uid}: {e}")))?;
        fetched
            .iter()
            .find_map(|f| f.body().map(<[u8]>::to_vec))
            .ok_or_else(|| IntakeError::Imap(format!("message {uid}: the server sent no body")))
    }

    /// Marks a message as processed (stored) or refused (unreadable).
    pub fn mark(&mut self, uid: u32, stored: bool) -> Result<(), IntakeError> {
        let keyword = if stored { PROCESSED } else { REFUSED };
        self.session
            .uid_store(uid.to_string(), format!("+FLAGS ({keyword})"))
            .map_err(|e| IntakeError::Imap(format!("marking message {uid}: {e}")))?;
        Ok(())
    }

    /// Logs out.
    pub fn close(mut self) -> Result<(), IntakeError> {
        self.session.logout().map_err(|e| IntakeError::Imap(format!("logging out: {e}")))
    }
}

/// TLS with the web's root authorities, plus any given in `ca_file`.
fn tls_config(ca_file: Option<&std::path::Path>) -> Result<ClientConfig, IntakeError> {
    let mut roots = RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    if let Some(path) = ca_file {
        let certs = CertificateDer::pem_file_iter(path)
            .map_err(|e| IntakeError::Imap(format!("CA file {}: {e}", path.display())))?;
        for cert in certs {
            let cert = cert.map_err(|e| IntakeError::Imap(format!("CA file {}: {e}", path.display())))?;
            roots.add(cert).map_err(|e| IntakeError::Imap(format!("CA file {}: {e}", path.display())))?;
        }
    }
    ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| IntakeError::Imap(format!("TLS: {e}")))
        .map(|b| b.with_root_certificates(roots).with_no_client_auth())
}
