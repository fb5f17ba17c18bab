//! `stances mail --imap` against a real IMAP server: Debian's Dovecot, started here on a
//! loopback port with TLS (a certificate made for the test by openssl) and a Maildir of
//! messages. Ignored (the summary counts it) when Dovecot or openssl is not installed,
//! unless `STANCES_REQUIRE_DOVECOT` is set (CI sets it after installing them): then it fails.

mod util;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use util::harness::{self, Need};
use util::{json_lines, stderr, Scratch};

const DOVECOT: &str = "/usr/sbin/dovecot";

fn main() -> ExitCode {
    harness::run(tests![Some(&SERVER) => [messages_are_fetched_over_tls_once_each]])
}

static SERVER: Need = Need {
    name: "Dovecot and openssl",
    required_by: "STANCES_REQUIRE_DOVECOT",
    check: || {
        let openssl = Command::new("openssl").arg("version").output().is_ok_and(|o| o.status.success());
        match (Path::new(DOVECOT).exists(), openssl) {
            (true, true) => Ok(()),
            _ => Err("apt-get install dovecot-imapd openssl".into()),
        }
    },
};

struct Dovecot {
    child: Child,
    port: u16,
    ca: PathBuf,
    maildir: PathBuf,
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("run");
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Starts Dovecot in `dir` for user `editor`, password `mail-secret`.
fn start(dir: &Path) -> Dovecot {
    let free = TcpListener::bind("127.0.0.1:0").expect("port");
    let port = free.local_addr().expect("addr").port();
    drop(free);
    // A private CA, and the server's certificate signed by it.
    let ca = dir.join("ca.pem");
    let ca_key = dir.join("ca.key");
    let cert = dir.join("cert.pem");
    let key = dir.join("key.pem");
    let csr = dir.join("server.csr");
    let ext = dir.join("server.ext");
    std::fs::write(&ext, "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n").expect("ext");
    run(Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=stances test CA"])
        .arg("-keyout")
        .arg(&ca_key)
        .arg("-out")
        .arg(&ca));
    run(Command::new("openssl")
        .args(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&csr));
    run(Command::new("openssl")
        .args(["x509", "-req", "-days", "1", "-set_serial", "2"])
        .arg("-in")
        .arg(&csr)
        .arg("-CA")
        .arg(&ca)
        .arg("-CAkey")
        .arg(&ca_key)
        .arg("-extfile")
        .arg(&ext)
        .arg("-out")
        .arg(&cert));
    // Mail processes run as the dovecot user when the tests run as root (Dovecot refuses
    // root), else as whoever runs them.
    let root = unsafe_free_uid() == 0;
    let (user, group) = if root { ("dovecot".to_string(), "dovecot".to_string()) } else { (whoami(), whoami()) };
    let home = dir.join("home");
    let maildir = home.join("Maildir");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).expect("maildir");
    }
    if root {
        run(Command::new("chown").args(["-R", &format!("{user}:{group}")]).arg(&home));
        run(Command::new("chmod").args(["755"]).arg(dir));
    }
    std::fs::write(dir.join("passwd"), "editor:{PLAIN}mail-secret\n").expect("passwd");
    let conf = format!(
        r#"protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
ssl = required
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
disable_plaintext_auth = yes
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {login}
first_valid_uid = 1
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={home}
}}
mail_location = maildir:{maildir}
"#,
        d = dir.display(),
        login = if root { "dovenull" } else { &user },
        home = home.display(),
        maildir = maildir.display(),
    );
    let conf_path = dir.join("dovecot.conf");
    std::fs::write(&conf_path, conf).expect("conf");
    let child = Command::new(DOVECOT)
        .arg("-F")
        .arg("-c")
        .arg(&conf_path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start dovecot");
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "dovecot did not listen: {}",
            std::fs::read_to_string(dir.join("dovecot.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Dovecot { child, port, ca, maildir }
}

fn unsafe_free_uid() -> u32 {
    let out = Command::new("id").arg("-u").output().expect("id");
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(1)
}

fn whoami() -> String {
    let out = Command::new("id").arg("-un").output().expect("id");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Delivers a message into the Maildir, owned as Dovecot expects.
fn deliver(d: &Dovecot, name: &str, text: &str) {
    let path = d.maildir.join("new").join(name);
    std::fs::write(&path, text).expect("deliver");
    if unsafe_free_uid() == 0 {
        run(Command::new("chown").arg("dovecot:dovecot").arg(&path));
    }
}

fn message(from: &str, subject: &str, body: &str) -> String {
    format!("From: {from}\r\nTo: statements@stances.example\r\nSubject: {subject}\r\nDate: Tue, 1 Mar 2022 10:00:00 +0000\r\nMessage-ID: <{subject}@example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}")
}

fn messages_are_fetched_over_tls_once_each() {
    let s = Scratch::new();
    let server_dir = tempfile::tempdir().expect("dir");
    let d = start(server_dir.path());
    deliver(
        &d,
        "1.test",
        &message(
            "press@peace-league.example",
            "Peace",
            "Peace League statement\r\n\r\nThe Peace League condemns the invasion of Ukraine.\r\n",
        ),
    );
    deliver(&d, "2.test", "this is not a message\r\n");
    s.write("imap-password", "mail-secret\n");
    let server = format!("localhost:{}", d.port);
    let ca = d.ca.display().to_string();
    let imap = |extra: &[(&str, &str)], args: &[&str]| {
        let mut all = vec!["mail", "--imap", &server, "--user", "editor", "--ca-file", &ca];
        all.extend_from_slice(args);
        s.stances_with(&all, extra, "")
    };

    // Without the test's CA the server's certificate is refused.
    let out = s.stances_with(
        &["mail", "--imap", &server, "--user", "editor"],
        &[("STANCES_IMAP_PASSWORD", "mail-secret")],
        "",
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("TLS handshake"), "{}", stderr(&out));
    // A wrong password is a clear error.
    let out = imap(&[("STANCES_IMAP_PASSWORD", "wrong")], &[]);
    assert!(stderr(&out).contains("logging in as editor"), "{}", stderr(&out));

    let out = imap(&[], &["--password-file", "imap-password"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "the unreadable message is reported: {err}");
    assert!(err.contains("1 document (1 new"), "{err}");
    assert_eq!(err.lines().filter(|l| l.starts_with("error:")).count(), 1, "{err}");
    let rows = json_lines(&s.stances(&["export", "--format", "jsonl"]));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["organization"], "Peace League");
    assert_eq!(rows[0]["status"], "pending");

    // A new message arrives; the next pass takes only it.
    deliver(
        &d,
        "3.test",
        &message(
            "info@nurses.example",
            "Nurses",
            "Nurses United statement\r\n\r\nNurses United demand humanitarian corridors in Ukraine.\r\n",
        ),
    );
    let out = imap(&[("STANCES_IMAP_PASSWORD", "mail-secret")], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 document (1 new, 0 already stored)"), "{}", stderr(&out));
    let out = imap(&[("STANCES_IMAP_PASSWORD", "mail-secret")], &[]);
    assert!(stderr(&out).contains("0 documents"), "{}", stderr(&out));
    assert_eq!(json_lines(&s.stances(&["export", "--format", "jsonl"])).len(), 2);
    // The messages are marked, not read: the editor's mail client still shows them unread.
    let marked: Vec<String> = std::fs::read_dir(d.maildir.join("cur"))
        .expect("cur")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(marked.len(), 3, "{marked:?}");
    assert!(marked.iter().all(|n| !n.ends_with(",S") && !n.contains(":2,S")), "{marked:?}");
}
