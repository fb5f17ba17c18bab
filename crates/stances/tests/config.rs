//! `stances.toml` and its layers: defaults, the file, `STANCES__*` variables, flags.

mod util;

use util::{json_lines, stderr, stdout, Scratch};

const PAGE: &str = "Harbour Union: No to war!\n\nThe Harbour Union refuses to load weapons bound for the front and calls for negotiations now.\n";

fn status_after_ingest(s: &Scratch, extra: &[&str], env: &[(&str, &str)]) -> String {
    let _ = std::fs::remove_file(s.db());
    let page = s.write("page.txt", PAGE).display().to_string();
    let mut args = vec!["ingest"];
    args.extend_from_slice(extra);
    args.push(&page);
    let out = s.stances_with(&args, env, "");
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = json_lines(&s.stances(&["export"]));
    rows[0]["status"].as_str().unwrap_or_default().to_string()
}

#[test]
fn the_file_then_the_environment_then_the_flags() {
    let s = Scratch::new();
    assert_eq!(status_after_ingest(&s, &[], &[]), "published", "the default");
    s.write("stances.toml", "[review]\ningest = true\n");
    assert_eq!(status_after_ingest(&s, &[], &[]), "pending", "the file");
    assert_eq!(status_after_ingest(&s, &[], &[("STANCES__REVIEW__INGEST", "false")]), "published", "the environment");
    s.write("stances.toml", "[review]\ningest = false\n");
    assert_eq!(status_after_ingest(&s, &["--pending"], &[]), "pending", "a flag");
    // `--config` names another file.
    let other = s.write("elsewhere.toml", "[review]\ningest = true\n").display().to_string();
    assert_eq!(status_after_ingest(&s, &["--config", &other], &[]), "pending");
}

#[test]
fn a_wrong_setting_is_one_clear_line() {
    let s = Scratch::new();
    s.write("stances.toml", "[site]\ntitel = \"Typo\"\n");
    let out = s.stances(&["export"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("titel"), "{err}");
    let missing = s.stances(&["--config", "nowhere.toml", "export"]);
    assert!(stderr(&missing).contains("nowhere.toml") && stderr(&missing).contains("does not exist"));
}

#[test]
fn config_prints_an_example_and_the_settings_in_force() {
    let s = Scratch::new();
    let example = s.stances(&["config"]);
    assert!(example.status.success());
    let text = stdout(&example);
    assert!(text.contains("# ") && text.contains("[limits]") && text.contains("submit_burst = 5"), "{text}");
    // The example is a working file: used as it is, it changes nothing.
    s.write("stances.toml", &text);
    assert_eq!(status_after_ingest(&s, &[], &[]), "published");
    s.write("stances.toml", "[site]\ntitle = \"Harbour Watch\"\n[limits]\ncache_mb = 8\n");
    let current = stdout(&s.stances(&["config", "--current"]));
    assert!(current.contains("title = \"Harbour Watch\"") && current.contains("cache_mb = 8"), "{current}");
}
