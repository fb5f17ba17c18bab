//! Editors' decisions, reprocessing and the comparison matrix, through the CLI.

mod util;

use util::{json_lines, stderr, stdout, Scratch};

const PAGE: &str = "Statements on the war\n\nPeace League: No to war!\n\nMarch 3, 2022 - The Peace League condemns the invasion of Ukraine and calls for an immediate ceasefire.\n\nDock Union: Talks now\n\nMarch 4, 2022 - The Dock Union calls for negotiations and for NATO to be dissolved.\n";
const LATER: &str = "Peace League statement on the war\n\nMarch 20, 2022 - The Peace League demands the withdrawal of Russian troops from Ukraine.\n";

fn positions(s: &Scratch, org: &str) -> Vec<(String, String)> {
    let out = s.stances(&["export"]);
    json_lines(&out)
        .iter()
        .filter(|r| r["organization"] == org)
        .flat_map(|r| r["positions"].as_array().cloned().unwrap_or_default())
        .map(|p| (p["code"].as_str().unwrap_or("").to_string(), p["decided"].as_str().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn editors_decisions_are_kept_apart_and_survive_reprocessing() {
    let s = Scratch::new();
    let f = s.write("p.txt", PAGE).display().to_string();
    assert!(s.stances(&["ingest", &f]).status.success());
    let rows = json_lines(&s.stances(&["export"]));
    let dock = rows.iter().find(|r| r["organization"] == "Dock Union").expect("dock");
    let id = dock["id"].as_i64().expect("id").to_string();
    assert!(positions(&s, "Dock Union").contains(&("nato_disband".into(), "machine".into())));

    assert!(s.stances(&["code", "reject", &id, "nato_disband", "--by", "ana"]).status.success());
    assert!(s.stances(&["code", "confirm", &id, "negotiations", "--by", "ana"]).status.success());
    let add = s.stances(&[
        "code",
        "add",
        &id,
        "oppose_militarisation",
        "--evidence",
        "calls for negotiations",
        "--by",
        "ana",
    ]);
    assert!(add.status.success(), "{}", stderr(&add));
    let want = vec![
        ("negotiations".to_string(), "confirmed".to_string()),
        ("oppose_militarisation".to_string(), "added".to_string()),
    ];
    assert_eq!(positions(&s, "Dock Union"), want);

    // Reprocessing with another codebook re-codes, but never overrides the editor.
    let book = s.write("cb.toml", "topic = \"t\"\ntitle = \"T\"\nversion = \"2\"\n[[position]]\ncode = \"nato_disband\"\nlabel = \"D\"\ncues.en = [\"dissolved + nato\"]\n[[position]]\ncode = \"negotiations\"\nlabel = \"N\"\n[[position]]\ncode = \"oppose_militarisation\"\nlabel = \"M\"\n[[position]]\ncode = \"ceasefire\"\nlabel = \"C\"\n");
    let re = s.stances(&["--codebook", &book.display().to_string(), "reprocess"]);
    assert!(re.status.success(), "{}", stderr(&re));
    assert!(stderr(&re).contains("2 statements updated"), "{}", stderr(&re));
    assert_eq!(positions(&s, "Dock Union"), want);
    assert!(positions(&s, "Peace League").is_empty(), "the new codebook has no cues for these");
}

#[test]
fn decisions_on_unknown_statements_codes_or_evidence_are_refused() {
    let s = Scratch::new();
    let f = s.write("p.txt", PAGE).display().to_string();
    assert!(s.stances(&["ingest", &f]).status.success());
    for (args, msg) in [
        (vec!["code", "confirm", "99", "ceasefire"], "no statement 99"),
        (vec!["code", "confirm", "1", "world_peace"], "not a position of the codebook"),
        (vec!["code", "add", "1", "ceasefire", "--evidence", "words that are not there"], "not in the text"),
        (vec!["code", "confirm", "1", "nato_disband"], "is not coded"),
    ] {
        let out = s.stances(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(msg), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn the_matrix_compares_organizations_and_follows_one_over_time() {
    let s = Scratch::new();
    let a = s.write("a.txt", PAGE).display().to_string();
    let b = s.write("b.txt", LATER).display().to_string();
    assert!(s.stances(&["ingest", &a, &b]).status.success());

    let out = s.stances(&["matrix", "--format", "json"]);
    let m: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let orgs = m["organizations"].as_array().expect("organizations");
    let peace = orgs.iter().find(|o| o["name"] == "Peace League").expect("Peace League");
    assert_eq!(peace["statements"], 2);
    assert_eq!(peace["cells"]["ceasefire"][0]["date"], "2022-03-03");
    assert!(peace["cells"]["ceasefire"][0]["evidence"][0].as_str().is_some_and(|e| e.contains("immediate ceasefire")));
    assert_eq!(peace["cells"]["russian_withdrawal"][0]["date"], "2022-03-20");

    let out = s.stances(&["matrix", "--format", "csv"]);
    let text = stdout(&out);
    assert!(text
        .lines()
        .next()
        .is_some_and(|h| h.starts_with("organization,organization_id,country,kind,statements,condemn_invasion")));
    assert_eq!(text.lines().count(), 3);

    let out = s.stances(&["matrix", "--from", "2022-03-10"]);
    assert!(!stdout(&out).contains("Dock Union"));

    // One organization over time: both statements, dated, in order.
    let out = s.stances(&["matrix", "--org", "Peace League"]);
    let t = stdout(&out);
    let first = t.find("2022-03-03").expect("first statement");
    let second = t.find("2022-03-20").expect("second statement");
    assert!(first < second, "{t}");
    assert!(t.contains("russian_withdrawal"));

    // Pending statements stay out of the public matrix unless asked for.
    let c = s
        .write("c.txt", "Quay Union: Peace now\n\nThe Quay Union calls for an immediate ceasefire and for talks.\n")
        .display()
        .to_string();
    assert!(s.stances(&["ingest", "--pending", &c]).status.success());
    assert!(!stdout(&s.stances(&["matrix"])).contains("Quay Union"));
    assert!(stdout(&s.stances(&["matrix", "--all"])).contains("Quay Union"));
}
