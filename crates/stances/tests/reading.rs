//! The reading of real and team-written statement pages, through the CLI: the samples in
//! `../shared/seeds` must read exactly as `seeds-gold.jsonl` says; the team's dev set in
//! `testdata/dev` must read as its gold file says.

mod util;

use std::process::ExitCode;

use util::harness::{self, REAL_DEV, SHARED};
use util::{json_lines, root, shared, stdout, Scratch};

fn main() -> ExitCode {
    harness::run(tests![
        Some(&SHARED) => [
            the_samples_read_exactly_as_the_gold_says,
            the_samples_read_the_same_without_the_registry,
            analyze_prints_the_design_json_for_the_compendium,
            the_magazine_sample_keeps_its_provenance_and_drops_its_furniture,
            the_samples_are_coded_as_the_gold_says,
            reported_speech_and_history_take_no_position_in_the_samples
        ],
        Some(&REAL_DEV) => [real_pages_keep_what_they_taught, eval_agrees_with_the_scorer_on_real_pages],
        None => [
            the_dev_set_reads_as_its_gold_says,
            the_dev_set_is_coded_as_its_gold_says,
            a_language_without_cues_is_said_not_coded,
            a_broken_codebook_is_one_line_naming_file_and_line,
            explain_shows_every_cue_that_fired_and_why,
            every_held_aside_slice_keeps_what_it_taught
        ],
    ])
}

fn eval_json(s: &Scratch, gold: &str, inputs: &str, extra: &[&str]) -> serde_json::Value {
    let mut args: Vec<&str> = extra.to_vec();
    args.extend(["eval", "--gold", gold, "--inputs", inputs, "--format", "json"]);
    let out = s.stances(&args);
    assert!(out.status.success(), "{}", util::stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("report JSON")
}

fn assert_exact(report: &serde_json::Value) {
    let n = report["gold_statements"].as_u64().expect("count");
    assert!(n > 0);
    for key in ["matched", "read_statements", "organization_ok", "date_ok"] {
        assert_eq!(report[key].as_u64(), Some(n), "{key} in {report:#}");
    }
    assert_eq!(report["country_ok"], report["country_scored"], "{report:#}");
}

fn the_samples_read_exactly_as_the_gold_says() {
    let s = Scratch::new();
    let sh = shared();
    let report =
        eval_json(&s, &sh.join("seeds-gold.jsonl").display().to_string(), &sh.join("seeds").display().to_string(), &[]);
    assert_exact(&report);
}

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
    let countries = report["country_ok"].as_f64().unwrap_or(0.0) / report["country_scored"].as_f64().unwrap_or(1.0);
    assert!(countries >= 0.9, "{report:#}");
    assert!(share("date_ok") >= 0.97, "{report:#}");
}

fn positions_f1(report: &serde_json::Value) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for c in report["codes"].as_object().expect("codes").values() {
        tp += c["tp"].as_f64().unwrap_or(0.0);
        fp += c["fp"].as_f64().unwrap_or(0.0);
        fn_ += c["fn_"].as_f64().unwrap_or(0.0);
    }
    let (p, r) = (tp / (tp + fp).max(1.0), tp / (tp + fn_).max(1.0));
    (p, r, 2.0 * p * r / (p + r).max(1e-9))
}

/// The eval report of a folder of `testdata` and its positions' (precision, recall, F1).
fn coding_of(folder: &str) -> (serde_json::Value, (f64, f64, f64)) {
    let s = Scratch::new();
    let dir = root().join("testdata").join(folder);
    let report = eval_json(&s, &dir.join("gold.jsonl").display().to_string(), &dir.display().to_string(), &[]);
    let scores = positions_f1(&report);
    (report, scores)
}

fn the_samples_are_coded_as_the_gold_says() {
    let s = Scratch::new();
    let sh = shared();
    let report =
        eval_json(&s, &sh.join("seeds-gold.jsonl").display().to_string(), &sh.join("seeds").display().to_string(), &[]);
    let (p, r, f1) = positions_f1(&report);
    assert!(f1 >= 0.95, "micro-F1 {f1:.3} (P {p:.3}, R {r:.3}): {report:#}");
}

fn reported_speech_and_history_take_no_position_in_the_samples() {
    let s = Scratch::new();
    let file = shared().join("seeds/004_1489273b7d214b7a.txt");
    let out = s.stances(&["analyze", &file.display().to_string()]);
    for doc in json_lines(&out) {
        for st in doc["statements"].as_array().expect("statements") {
            for p in st["positions"].as_array().expect("positions") {
                for ev in p["evidence"].as_array().expect("evidence") {
                    let text = ev["text"].as_str().unwrap_or("");
                    for reported in [
                        "Biden’s stance triggered",
                        "Since 1991",
                        "To supporters of the US official narrative",
                        "Putin clearly states",
                    ] {
                        assert!(
                            !text.contains(reported),
                            "{} coded from reported speech or history: {text}",
                            p["code"]
                        );
                    }
                }
            }
        }
    }
}

fn the_dev_set_is_coded_as_its_gold_says() {
    let (_, (p, r, f1)) = coding_of("dev");
    assert!(f1 >= 0.95 && p >= 0.97, "micro-F1 {f1:.3} (P {p:.3}, R {r:.3})");
}

fn a_language_without_cues_is_said_not_coded() {
    let s = Scratch::new();
    let f = s.write("de.txt", "Friedensrat Nord: Erklärung\n\nDer Friedensrat Nord verurteilt den Krieg und fordert einen sofortigen Waffenstillstand und Verhandlungen.\n");
    let only_en = s.write("cb.toml", "topic = \"t\"\ntitle = \"T\"\nversion = \"1\"\n[[position]]\ncode = \"ceasefire\"\nlabel = \"Ceasefire\"\ncues.en = [\"ceasefire\"]\n");
    let out = s.stances(&["--codebook", &only_en.display().to_string(), "analyze", &f.display().to_string()]);
    let st = &json_lines(&out)[0]["statements"][0];
    assert_eq!(st["positions"].as_array().map(Vec::len), Some(0));
    assert!(st["coding_note"].as_str().is_some_and(|n| n.contains("`de`")), "{st:#}");
}

fn a_broken_codebook_is_one_line_naming_file_and_line() {
    let s = Scratch::new();
    let f = s.write("p.txt", "We call for a ceasefire now and for talks between all sides.\n");
    let bad = s.write("bad.toml", "topic = \"t\"\ntitle = \"T\"\nversion = \"1\"\n[[position]]\ncode = \"ceasefire\"\nlabel = \"C\"\ncues.en = [\"cease(fire\"]\n");
    let out = s.stances(&["--codebook", &bad.display().to_string(), "analyze", &f.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = util::stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad.toml, line 7") && err.contains("`(` is not allowed"), "{err}");
}

fn explain_shows_every_cue_that_fired_and_why() {
    let s = Scratch::new();
    let f = s.write("p.txt", "Peace League statement\n\nThe Peace League calls for an immediate ceasefire. Putin claims that the troops must withdraw from Ukraine only after victory.\n");
    let out = s.stances(&["analyze", "--explain", &f.display().to_string()]);
    let st = &json_lines(&out)[0]["statements"][0];
    let fired = st["explain"].as_array().expect("explain");
    assert!(fired.iter().any(|x| x["cue_code"] == "ceasefire" && x["coded"] == "ceasefire"));
    assert!(fired.iter().any(|x| x["voice"] == "reported" && x["coded"].is_null()), "{fired:#?}");
    // Where the statement begins and whose it is, with the words it was read from.
    assert_eq!(st["attribution"]["begins"], "heading", "{st:#}");
    assert_eq!(st["attribution"]["organization_from"], "heading");
    assert_eq!(st["attribution"]["organization_text"], "Peace League statement");
    // Two statements on one page, the second after the first one's signature: one author
    // the subject of the first sentence, the other of a speech act.
    let page = "The Harbour Union calls for talks now and a ceasefire, as every member of ours has said for years and years.\n\nIssued by the Harbour Union, 2 March 2022\n\nWe are the Quay Workers Federation, and the Quay Workers Federation condemns the invasion of Ukraine by Russia, which is illegal and unprovoked, and we say so today.\n";
    let f = s.write("two.txt", page);
    let out = s.stances(&["analyze", "--explain", &f.display().to_string()]);
    let sts = json_lines(&out)[0]["statements"].as_array().expect("statements").clone();
    assert_eq!(sts.len(), 2, "{sts:#?}");
    assert_eq!(sts[0]["attribution"]["begins"], "page_start");
    assert_eq!(sts[0]["attribution"]["organization_from"], "first_sentence");
    assert_eq!(sts[1]["attribution"]["begins"], "after_signature", "{:#}", sts[1]);
    assert_eq!(sts[1]["attribution"]["organization_from"], "speech");
    assert!(sts[1]["attribution"]["organization_text"].as_str().is_some_and(|t| t.contains("condemns")));
    // An author named only by the page's address.
    let g = s.write("pub.txt", "We condemn the invasion of Ukraine. Donations go to the HWU solidarity fund.\n");
    let url = "https://www.hwu.example.org/statement";
    let out = s.stances(&["analyze", "--explain", "--source-url", url, &g.display().to_string()]);
    let st = &json_lines(&out)[0]["statements"][0];
    assert_eq!(st["organization"], "HWU");
    assert_eq!(st["attribution"]["organization_from"], "address");
    assert_eq!(st["attribution"]["organization_text"], url);
    // Without --explain the record stays as it was.
    let out = s.stances(&["analyze", &f.display().to_string()]);
    assert!(json_lines(&out)[0]["statements"][0].get("attribution").is_none());
}

/// The held-aside slices, in the order they were written, each with its first reading
/// (micro P, R, F1), taken once before anything was tuned on it. Every slice was then used
/// for general fixes, so each is tuned material now and guards against losing what it
/// taught; generalisation is measured only by the next slice's first reading.
const SLICES: &[(&str, (f64, f64, f64), &str)] = &[
    ("heldout", (1.000, 0.600, 0.750), "first rules"),
    ("heldout2", (1.000, 0.400, 0.571), "before paraphrase vocabulary"),
    ("heldout3", (1.000, 0.632, 0.774), "after paraphrase vocabulary and ` ~ ` joins"),
    ("heldout4", (1.000, 0.556, 0.714), "after common statement phrasings"),
    (
        "heldout5",
        (0.900, 0.333, 0.486),
        "after codebook words (`@name`) and exclusions; written in paraphrase on purpose",
    ),
    ("heldout6", (1.000, 0.600, 0.750), "after German verb-final demands and zu-infinitives"),
    ("heldout7", (1.000, 0.462, 0.632), "after slogans after a colon, acronym subjects"),
    ("heldout8", (1.000, 0.478, 0.647), "after demonstratives and 'we cannot accept'; one country wrong"),
    ("heldout9", (0.933, 0.778, 0.848), "after demand-only cues (`! `); plainer wording, six languages"),
    ("heldout10", (1.000, 0.913, 0.955), "after pronoun subjects and negated budget increases"),
    ("heldout11", (1.000, 0.862, 0.926), "after the tenth slice's fixes; six languages incl. Portuguese"),
];

fn every_held_aside_slice_keeps_what_it_taught() {
    for (slice, first, _) in SLICES {
        let (report, (p, r, f1)) = coding_of(slice);
        assert!(
            p >= 0.97 && r >= 0.9,
            "{slice}: precision {p:.3}, recall {r:.3}, F1 {f1:.3} (first reading {first:?})"
        );
        assert_eq!(report["matched"], report["gold_statements"], "{slice}: a statement was not found");
    }
}

/// The real pages of `../shared/real-dev`, scored by their own scorer: each figure is held
/// a little below what the reader reached, so that nothing learned from them is lost.
fn real_pages_keep_what_they_taught() {
    let r = scorer_json();
    let at_least = [
        ("org_acc", 0.70),
        ("date_acc", 0.89),
        ("country_acc", 0.78),
        ("codes_precision", 0.92),
        ("codes_recall", 0.79),
        ("codes_f1", 0.85),
        ("evidence_ok", 0.92),
    ];
    for (key, floor) in at_least {
        let got = r[key].as_f64().unwrap_or(0.0);
        assert!(got >= floor, "{key} {got:.3} fell below {floor}: {r:#}");
    }
    assert!(r["found"].as_u64().unwrap_or(0) >= 116, "{r:#}");
    assert!(r["extra_statements"].as_u64().unwrap_or(99) <= 3, "{r:#}");
    assert_eq!(r["crashed_or_no_json"], 0, "{r:#}");
}

/// What `../shared/real-dev/score.py` says of the reader on the real pages.
fn scorer_json() -> serde_json::Value {
    let dir = shared().join("real-dev");
    let out = std::process::Command::new("python3")
        .arg(dir.join("score.py"))
        .arg(dir.join("gold.jsonl"))
        .arg(&dir)
        .arg(assert_cmd::cargo::cargo_bin("stances"))
        .arg("--json")
        .output()
        .expect("run score.py");
    assert!(out.status.success(), "{}", util::stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("the scorer's JSON")
}

/// `stances eval` aligns, matches and counts as the scorer does: the figures we read are
/// the ones the product is measured by.
fn eval_agrees_with_the_scorer_on_real_pages() {
    let scorer = scorer_json();
    let s = Scratch::new();
    let dir = shared().join("real-dev");
    let ours = eval_json(&s, &dir.join("gold.jsonl").display().to_string(), &dir.display().to_string(), &[]);
    let n = |k: &str| ours[k].as_f64().unwrap_or(f64::NAN);
    let (p, r, f1) = positions_f1(&ours);
    let pairs = [
        ("found", n("matched")),
        ("extra_statements", n("extra_statements")),
        ("org_acc", n("organization_ok") / n("gold_statements")),
        ("date_acc", n("date_ok") / n("gold_statements")),
        ("country_acc", n("country_ok") / n("country_scored")),
        ("codes_precision", p),
        ("codes_recall", r),
        ("codes_f1", f1),
        ("evidence_ok", n("evidence_ok") / n("evidence_scored")),
    ];
    for (key, got) in pairs {
        let want = scorer[key].as_f64().unwrap_or(f64::NAN);
        assert!((got - want).abs() < 1e-9, "{key}: stances eval {got:.4}, score.py {want:.4}");
    }
    for (code, counts) in scorer["per_code"].as_object().expect("per-code counts") {
        for (ours_key, theirs_key) in [("tp", "tp"), ("fp", "fp"), ("fn_", "fn")] {
            assert_eq!(
                ours["codes"][code][ours_key].as_u64().unwrap_or(0),
                counts[theirs_key].as_u64().unwrap_or(0),
                "{code} {theirs_key}"
            );
        }
    }
}
