//! A test harness (libtest-mimic) for tests that need something a fresh clone may not
//! have: `../shared` beside the checkout, or a service such as Chromium or Dovecot. Without
//! it such a test is *ignored* at run time, so the summary says it did not run, and the rest
//! of the suite still runs; with `$STANCES_REQUIRE_<NAME>` set (CI sets them all) a missing
//! requirement fails the test instead.

use std::process::ExitCode;

use libtest_mimic::{Arguments, Failed, Trial};

/// Something a test needs from the machine.
pub struct Need {
    /// Shown in the summary when it is missing.
    pub name: &'static str,
    /// The variable that makes it required (`STANCES_REQUIRE_SHARED`, ...).
    pub required_by: &'static str,
    /// `Ok` when present, else what is missing and how to get it.
    pub check: fn() -> Result<(), String>,
}

impl Need {
    fn missing(&self) -> Option<String> {
        (self.check)().err()
    }
}

/// One test: its name, what it needs (if anything), and its body (which panics to fail).
pub struct Test {
    pub name: &'static str,
    pub needs: Option<&'static Need>,
    pub body: fn(),
}

/// `Test { name, needs: None, body }` for a test that needs nothing.
#[macro_export]
macro_rules! tests {
    ($($need:expr => [$($f:ident),* $(,)?]),* $(,)?) => {
        vec![$($($crate::util::harness::Test { name: stringify!($f), needs: $need, body: $f }),*),*]
    };
}

/// Runs the tests as `cargo test` runs a test binary (filters, `--ignored`, threads).
pub fn run(tests: Vec<Test>) -> ExitCode {
    let args = Arguments::from_args();
    let mut said = Vec::new();
    let trials = tests
        .into_iter()
        .map(|t| {
            let body = t.body;
            let missing = t.needs.and_then(|n| n.missing().map(|why| (n, why)));
            match missing {
                None => Trial::test(t.name, move || run_body(body)),
                Some((need, why)) if std::env::var_os(need.required_by).is_some() => {
                    let message = format!("{} is required (${}) but missing: {why}", need.name, need.required_by);
                    Trial::test(t.name, move || Err(Failed::from(message.clone())))
                }
                Some((need, why)) => {
                    if !said.contains(&need.name) {
                        eprintln!("skipped: the tests that need {} ({why})", need.name);
                        said.push(need.name);
                    }
                    Trial::test(t.name, move || run_body(body)).with_ignored_flag(true)
                }
            }
        })
        .collect();
    libtest_mimic::run(&args, trials).exit_code()
}

fn run_body(body: fn()) -> Result<(), Failed> {
    // libtest-mimic reports a panic as the failure it is; the body's assertions say why.
    body();
    Ok(())
}

/// `../shared` beside the checkout, with the seeds and their gold reading.
pub static SHARED: Need = Need {
    name: "../shared",
    required_by: "STANCES_REQUIRE_SHARED",
    check: || {
        let p = super::root().join("../shared/seeds-gold.jsonl");
        if p.exists() {
            Ok(())
        } else {
            Err(format!("{} is absent", p.display()))
        }
    },
};

/// `../shared/real-dev` (real pages and their expected reading) and python3 to run its
/// scorer.
pub static REAL_DEV: Need = Need {
    name: "../shared/real-dev and python3",
    required_by: "STANCES_REQUIRE_SHARED",
    check: || {
        let p = super::root().join("../shared/real-dev/score.py");
        let python = std::process::Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
        match (p.exists(), python) {
            (true, true) => Ok(()),
            (false, _) => Err(format!("{} is absent", p.display())),
            (true, false) => Err("python3 is not installed".into()),
        }
    },
};
