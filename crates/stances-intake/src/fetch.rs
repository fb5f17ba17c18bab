//! Fetching a page over HTTP(S) politely and safely: a User-Agent that names the program,
//! timeouts for connecting and for the whole exchange (a page that never ends is cut off),
//! a size limit read as the body arrives, redirects followed by hand (at most
//! [`MAX_REDIRECTS`], each hop checked), conditional requests (ETag, Last-Modified), and
//! the charset the server declares.

use std::io::Read;
use std::net::IpAddr;
use std::time::Duration;

use ureq::config::Config;
use ureq::http::{header, StatusCode, Uri};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

use crate::IntakeError;

/// How the program introduces itself to servers.
pub const USER_AGENT: &str =
    concat!("stances/", env!("CARGO_PKG_VERSION"), " (statement collector; +https://example.invalid/stances)");

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 5;

/// How to fetch.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The largest body accepted, in bytes.
    pub max_bytes: usize,
    /// The longest a whole exchange may take (connect, headers, body).
    pub timeout: Duration,
    /// Whether loopback, private and link-local addresses may be fetched. True for an
    /// editor's own commands; false where the public can name the URL (the submission form).
    pub allow_private: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self { max_bytes: 20 << 20, timeout: Duration::from_secs(30), allow_private: true }
    }
}

/// What was fetched.
#[derive(Debug, Clone, Default)]
pub struct Fetched {
    /// The URL the body came from, after redirects.
    pub url: String,
    /// The body as received (after content decoding).
    pub bytes: Vec<u8>,
    /// The media type the server declared, without parameters ("text/html").
    pub media_type: Option<String>,
    /// The charset the server declared.
    pub charset: Option<String>,
    /// The validators to send next time.
    pub validators: Validators,
    /// True when the server answered 304 Not Modified (then `bytes` is empty).
    pub not_modified: bool,
}

/// What a server said to recognize an unchanged resource next time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` header.
    pub etag: Option<String>,
    /// The `Last-Modified` header.
    pub last_modified: Option<String>,
}

/// A reusable HTTP client.
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
}

impl Fetcher {
    /// A client with these options.
    pub fn new(options: FetchOptions) -> Self {
        let config = ureq::Agent::config_builder()
            .user_agent(USER_AGENT)
            .timeout_global(Some(options.timeout))
            .timeout_connect(Some(options.timeout.min(Duration::from_secs(10))))
            .max_redirects(0)
            .http_status_as_error(false)
            .build();
        let agent = if options.allow_private {
            config.into()
        } else {
            // The addresses are filtered where the connection is made, so a name that
            // resolves to a public address when checked and a private one when used (DNS
            // rebinding) cannot get through.
            ureq::Agent::with_parts(config, DefaultConnector::default(), PublicOnly::default())
        };
        Self { agent, options }
    }

    /// The options in force.
    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// Fetches `url`.
    pub fn fetch(&self, url: &str) -> Result<Fetched, IntakeError> {
        self.fetch_if_changed(url, &Validators::default())
    }

    /// Fetches `url` unless it is unchanged since `validators` were given (then
    /// `not_modified` is set).
    pub fn fetch_if_changed(&self, url: &str, validators: &Validators) -> Result<Fetched, IntakeError> {
        let mut current = url.to_string();
        for _ in 0..=MAX_REDIRECTS {
            self.check_target(&current)?;
            let mut req = self.agent.get(&current).header(header::ACCEPT, "text/html, application/xhtml+xml, application/atom+xml, application/rss+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5");
            if let Some(e) = &validators.etag {
                req = req.header(header::IF_NONE_MATCH, e);
            }
            if let Some(m) = &validators.last_modified {
                req = req.header(header::IF_MODIFIED_SINCE, m);
            }
            let mut res = req.call().map_err(|e| transport(&current, e, self.options.max_bytes))?;
            let status = res.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let location = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).ok_or_else(|| {
                    IntakeError::Http { url: current.clone(), reason: format!("{status} without a Location") }
                })?;
                current = resolve(&current, location)?;
                continue;
            }
            let validators = Validators {
                etag: header_text(&res, header::ETAG),
                last_modified: header_text(&res, header::LAST_MODIFIED),
            };
            if status == StatusCode::NOT_MODIFIED {
                return Ok(Fetched { url: current, validators, not_modified: true, ..Fetched::default() });
            }
            if !status.is_success() {
                return Err(IntakeError::Http { url: current, reason: format!("the server answered {status}") });
            }
            let content_type = header_text(&res, header::CONTENT_TYPE).unwrap_or_default();
            let (media_type, charset) = split_content_type(&content_type);
            let limit = self.options.max_bytes;
            let mut bytes = Vec::new();
            res.body_mut()
                .as_reader()
                .take(limit as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| body_error(&current, e, limit))?;
            if bytes.len() > limit {
                return Err(IntakeError::TooLarge { url: current, limit });
            }
            return Ok(Fetched { url: current, bytes, media_type, charset, validators, not_modified: false });
        }
        Err(IntakeError::Http { url: url.to_string(), reason: format!("more than {MAX_REDIRECTS} redirects") })
    }

    /// Refuses what is not http(s). (Private addresses are refused by [`PublicOnly`] as
    /// the connection is made.)
    fn check_target(&self, url: &str) -> Result<(), IntakeError> {
        let uri: ureq::http::Uri = url.parse().map_err(|_| IntakeError::BadUrl(url.to_string()))?;
        if !matches!(uri.scheme_str(), Some("http" | "https")) || uri.host().is_none() {
            return Err(IntakeError::BadUrl(url.to_string()));
        }
        Ok(())
    }
}

/// A resolver that keeps public addresses only.
#[derive(Debug, Default)]
struct PublicOnly(DefaultResolver);

/// What [`PublicOnly`] says when a name has no public address.
#[derive(Debug)]
struct PrivateOnly;

impl std::fmt::Display for PrivateOnly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("refers to a private or loopback address")
    }
}

impl std::error::Error for PrivateOnly {}

impl Resolver for PublicOnly {
    fn resolve(&self, uri: &Uri, config: &Config, timeout: NextTimeout) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let all = self.0.resolve(uri, config, timeout)?;
        let mut kept = self.empty();
        for a in all.iter().filter(|a| is_public(a.ip())) {
            kept.push(*a);
        }
        if kept.is_empty() {
            return Err(ureq::Error::Other(Box::new(PrivateOnly)));
        }
        Ok(kept)
    }
}

/// Whether an address is on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.octets()[0] == 100 && (64..128).contains(&v4.octets()[1]))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let seg = v6.segments()[0];
            !(v6.is_loopback() || v6.is_unspecified() || (seg & 0xfe00) == 0xfc00 || (seg & 0xffc0) == 0xfe80)
        }
    }
}

fn header_text(res: &ureq::http::Response<ureq::Body>, name: header::HeaderName) -> Option<String> {
    res.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

/// "text/html; charset=Windows-1252" → ("text/html", "windows-1252").
pub fn split_content_type(value: &str) -> (Option<String>, Option<String>) {
    let media = value.split(';').next().map(|m| m.trim().to_ascii_lowercase()).filter(|m| !m.is_empty());
    (media, stances_core::charset_of(value))
}

/// A link (a Location header, a feed entry's link) resolved against the URL it came from.
pub fn resolve(base: &str, location: &str) -> Result<String, IntakeError> {
    if location.starts_with("http://") || location.starts_with("https://") {
        return Ok(location.to_string());
    }
    let uri: ureq::http::Uri = base.parse().map_err(|_| IntakeError::BadUrl(base.to_string()))?;
    let (scheme, authority) = match (uri.scheme_str(), uri.authority()) {
        (Some(s), Some(a)) => (s, a.as_str()),
        _ => return Err(IntakeError::BadUrl(base.to_string())),
    };
    if let Some(rest) = location.strip_prefix("//") {
        return Ok(format!("{scheme}://{rest}"));
    }
    if location.starts_with('/') {
        return Ok(format!("{scheme}://{authority}{location}"));
    }
    let path = uri.path();
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    Ok(format!("{scheme}://{authority}{dir}{location}"))
}

fn transport(url: &str, e: ureq::Error, limit: usize) -> IntakeError {
    match e {
        ureq::Error::Timeout(_) => IntakeError::Timeout { url: url.to_string() },
        ureq::Error::BodyExceedsLimit(_) => IntakeError::TooLarge { url: url.to_string(), limit },
        ureq::Error::HostNotFound => IntakeError::Http { url: url.to_string(), reason: "host not found".into() },
        ureq::Error::ConnectionFailed => IntakeError::Http { url: url.to_string(), reason: "connection failed".into() },
        ureq::Error::Io(io) => IntakeError::Http { url: url.to_string(), reason: io.to_string() },
        ureq::Error::Other(e) if e.is::<PrivateOnly>() => IntakeError::Private { url: url.to_string() },
        other => IntakeError::Http { url: url.to_string(), reason: other.to_string() },
    }
}

fn body_error(url: &str, e: std::io::Error, limit: usize) -> IntakeError {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<ureq::Error>()) {
        Some(ureq::Error::Timeout(_)) => IntakeError::Timeout { url: url.to_string() },
        Some(ureq::Error::BodyExceedsLimit(_)) => IntakeError::TooLarge { url: url.to_string(), limit },
        _ if e.kind() == std::io::ErrorKind::TimedOut => IntakeError::Timeout { url: url.to_string() },
        _ => IntakeError::Http { url: url.to_string(), reason: format!("reading the body: {e}") },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_split_into_media_type_and_charset() {
        assert_eq!(
            split_content_type("text/html; charset=\"Windows-1252\""),
            (Some("text/html".into()), Some("windows-1252".into()))
        );
        assert_eq!(split_content_type(""), (None, None));
    }

    #[test]
    fn redirect_targets_resolve_against_the_page() {
        assert_eq!(resolve("http://a.example/x/y", "/z").ok().as_deref(), Some("http://a.example/z"));
        assert_eq!(resolve("http://a.example/x/y", "z").ok().as_deref(), Some("http://a.example/x/z"));
        assert_eq!(resolve("https://a.example/", "//b.example/q").ok().as_deref(), Some("https://b.example/q"));
    }

    #[test]
    fn private_addresses_are_told_apart() {
        for ip in ["127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fd00::1", "::ffff:127.0.0.1"] {
            assert!(!is_public(ip.parse().expect("ip")), "{ip}");
        }
        assert!(is_public("93.184.216.34".parse().expect("ip")));
    }

    #[test]
    fn the_form_refuses_loopback_and_other_schemes() {
        let f = Fetcher::new(FetchOptions { allow_private: false, ..FetchOptions::default() });
        assert!(matches!(f.fetch("http://127.0.0.1:9/"), Err(IntakeError::Private { .. })));
        // A name is checked by what it resolves to, where the connection is made.
        assert!(matches!(f.fetch("http://localhost:9/"), Err(IntakeError::Private { .. })));
        assert!(matches!(f.fetch("http://[::1]:9/"), Err(IntakeError::Private { .. })));
        assert!(matches!(f.fetch("file:///etc/passwd"), Err(IntakeError::BadUrl(_))));
    }
}
