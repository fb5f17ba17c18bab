//! The reading of real and team-written statement pages, through the CLI: the samples in
//! `../shared/seeds` must read exactly as `seeds-gold.jsonl` says; the team's dev set in
//! `testdata/dev` must read as its gold file says.

mod util;

use util::{json_lines, root, shared, stdout, Scratch};

fn eval_json(s: &Scratch, gold: &str, inputs: &str, extra: &[&str]) -> serde_json::Value {
    let mut args: Vec<&str> = extra.to_vec();
    args.extend(["eval", "--gold", gold, "--inputs", inputs, "--json"]);
    let out = s.stances(&args);
    assert!(out.status.success(), "{}", util::stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("report JSON")
}

fn assert_exact(report: &serde_json::Value) {
    let n = report["gold_statements"].as_u64().expect("count");
    assert!(n > 0);
    for key in ["matched", "read_statements", "organization_ok", "country_ok", "date_ok"] {
        assert_eq!(report[key].as_u64(), Some(n), "{key} in {report:#}");
    }
}

#[test]
fn the_samples_read_exactly_as_the_gold_says() {
    let s = Scratch::new();
    let sh = shared();
    let report =
        eval_json(&s, &sh.join("seeds-gold.jsonl").display().to_string(), &sh.join("seeds").display().to_string(), &[]);
    assert_exact(&report);
}

#[test]
fn the_samples_read_the_same_without_the_registry() {
    // The rules must work from the text alone: an empty registry changes nothing.
    let s = Scratch::new();
    let empty = s.write("empty.toml", "");
    let sh = shared();
    let report = eval_json(
        &s,
        &sh.join("seeds-gold.jsonl").display().to_string(),
        &sh.join("seeds").display().to_string(),
        &["--registry", &empty.display().to_string()],
    );
    assert_exact(&report);
}

#[test]
fn analyze_prints_the_design_json_for_the_compendium() {
    let s = Scratch::new();
    let file = shared().join("seeds/004_1489273b7d214b7a.txt");
    let out = s.stances(&["analyze", &file.display().to_string()]);
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    let st = lines[0]["statements"].as_array().expect("statements");
    let orgs: Vec<&str> = st.iter().map(|x| x["organization"].as_str().unwrap_or("")).collect();
    assert_eq!(
        orgs,
        [
            "Socialist Alliance",
            "Partido Lakas ng Masa",
            "Socialist Party of Malaysia",
            "Communist Party of India (Marxist-Leninist) Liberation",
            "Communist Party of India (Marxist-Leninist) Liberation"
        ]
    );
    // One organization, one id, whatever name each statement used.
    assert_eq!(st[3]["organization_id"], st[4]["organization_id"]);
    assert_eq!(st[0]["title"], "Russia out of Ukraine! No to NATO!");
    assert_eq!(st[0]["date"], "2022-03-01");
    assert_eq!(st[0]["language"], "en");
    assert!(st[0]["text"]
        .as_str()
        .is_some_and(|t| t.starts_with("The Socialist Alliance condemns the Russian attack on Ukraine.")));
    // Page furniture is not statement text.
    let all: String = st.iter().map(|x| x["text"].as_str().unwrap_or("")).collect();
    assert!(!all.contains("Please send statements"));
    assert!(!all.contains("Released by"));
}

#[test]
fn the_magazine_sample_keeps_its_provenance_and_drops_its_furniture() {
    let s = Scratch::new();
    let file = shared().join("seeds/000_bd69d54324b8c336.txt");
    let out = s.stances(&["analyze", &file.display().to_string()]);
    let doc = &json_lines(&out)[0];
    assert_eq!(doc["source_url"], "https://www.internationalviewpoint.org/spip.php?article7501");
    assert_eq!(doc["publication"], "International Viewpoint");
    assert_eq!(doc["published"], "2022-01-31");
    let st = &doc["statements"][0];
    assert_eq!(st["date"], "2022-01-30", "the signature's date, not the publication's");
    let text = st["text"].as_str().expect("text");
    for furniture in ["Copyright", "donating", "PS:", "News from around the world", "Publication date", "http"] {
        assert!(!text.contains(furniture), "{furniture} left in the text");
    }
}

#[test]
fn the_dev_set_reads_as_its_gold_says() {
    let s = Scratch::new();
    let dev = root().join("testdata/dev");
    let report = eval_json(&s, &dev.join("gold.jsonl").display().to_string(), &dev.display().to_string(), &[]);
    let n = report["gold_statements"].as_f64().expect("count");
    let share = |k: &str| report[k].as_f64().unwrap_or(0.0) / n;
    assert!(n >= 30.0);
    assert_eq!(report["matched"], report["gold_statements"], "every statement found: {report:#}");
    assert_eq!(report["read_statements"], report["gold_statements"], "no extra statements: {report:#}");
    assert!(share("organization_ok") >= 0.97, "{report:#}");
    assert!(share("country_ok") >= 0.9, "{report:#}");
    assert!(share("date_ok") >= 0.97, "{report:#}");
}
