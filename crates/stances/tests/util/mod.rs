//! Helpers for driving the real `stances` binary from a temporary directory.

#![allow(dead_code, missing_docs)]

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;

pub mod harness;
pub mod http;

/// A scratch directory with a database path, removed on drop.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Default for Scratch {
    fn default() -> Self {
        Self::new()
    }
}

impl Scratch {
    pub fn new() -> Self {
        Self { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> String {
        self.path("test.db").display().to_string()
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, bytes).expect("write");
        p
    }

    /// `stances --db <scratch db> ARGS...`
    pub fn stances(&self, args: &[&str]) -> Output {
        self.stances_with(args, &[], "")
    }

    /// `stances --db <scratch db> ARGS...` with extra environment and standard input.
    pub fn stances_with(&self, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
        let mut cmd = Command::cargo_bin("stances").expect("binary");
        cmd.env_remove("STANCES_DB")
            .env_remove("STANCES_REGISTRY")
            .env_remove("STANCES_PASSWORD")
            .env_remove("STANCES_IMAP_PASSWORD")
            .envs(env.iter().copied())
            .arg("--db")
            .arg(self.db())
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .current_dir(self.dir.path());
        cmd.output().expect("run stances")
    }
}

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared folder beside the checkout (samples and benchmarks), which tests may read.
pub fn shared() -> PathBuf {
    let p = root().join("../shared");
    assert!(
        p.join("seeds-gold.jsonl").exists(),
        "../shared (with seeds-gold.jsonl) must be beside the checkout: {}",
        p.display()
    );
    p
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Parses JSON Lines output.
pub fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}
