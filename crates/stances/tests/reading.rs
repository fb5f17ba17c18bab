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

#[test]
fn the_samples_are_coded_as_the_gold_says() {
    let s = Scratch::new();
    let sh = shared();
    let report =
        eval_json(&s, &sh.join("seeds-gold.jsonl").display().to_string(), &sh.join("seeds").display().to_string(), &[]);
    let (p, r, f1) = positions_f1(&report);
    assert!(f1 >= 0.95, "micro-F1 {f1:.3} (P {p:.3}, R {r:.3}): {report:#}");
}

#[test]
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

#[test]
fn the_dev_set_is_coded_as_its_gold_says() {
    let (_, (p, r, f1)) = coding_of("dev");
    assert!(f1 >= 0.95 && p >= 0.97, "micro-F1 {f1:.3} (P {p:.3}, R {r:.3})");
}

#[test]
fn the_held_aside_slice_reads_as_its_gold_says() {
    // Written after the rules and scored once: micro-F1 0.750, precision 1.000 (the
    // generalisation figure reported for it). Its misses were then fixed with general
    // vocabulary, so it is now part of the tuned material; a new slice is needed to measure
    // generalisation again.
    let (_, (p, _, f1)) = coding_of("heldout");
    assert!(f1 >= 0.95 && p >= 0.97, "held-aside micro-F1 {f1:.3}, precision {p:.3}");
}

#[test]
fn a_language_without_cues_is_said_not_coded() {
    let s = Scratch::new();
    let f = s.write("de.txt", "Friedensrat Nord: Erklärung\n\nDer Friedensrat Nord verurteilt den Krieg und fordert einen sofortigen Waffenstillstand und Verhandlungen.\n");
    let only_en = s.write("cb.toml", "topic = \"t\"\ntitle = \"T\"\nversion = \"1\"\n[[position]]\ncode = \"ceasefire\"\nlabel = \"Ceasefire\"\ncues.en = [\"ceasefire\"]\n");
    let out = s.stances(&["--codebook", &only_en.display().to_string(), "analyze", &f.display().to_string()]);
    let st = &json_lines(&out)[0]["statements"][0];
    assert_eq!(st["positions"].as_array().map(Vec::len), Some(0));
    assert!(st["coding_note"].as_str().is_some_and(|n| n.contains("`de`")), "{st:#}");
}

#[test]
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

#[test]
fn explain_shows_every_cue_that_fired_and_why() {
    let s = Scratch::new();
    let f = s.write("p.txt", "Peace League statement\n\nThe Peace League calls for an immediate ceasefire. Putin claims that the troops must withdraw from Ukraine only after victory.\n");
    let out = s.stances(&["analyze", "--explain", &f.display().to_string()]);
    let st = &json_lines(&out)[0]["statements"][0];
    let fired = st["explain"].as_array().expect("explain");
    assert!(fired.iter().any(|x| x["cue_code"] == "ceasefire" && x["coded"] == "ceasefire"));
    assert!(fired.iter().any(|x| x["voice"] == "reported" && x["coded"].is_null()), "{fired:#?}");
}

#[test]
fn the_second_slice_reads_as_its_gold_says() {
    // Scored once untuned at micro-F1 0.571 (precision 1.000, recall 0.400); the cue
    // vocabulary was broadened after it had been read, so it is tuned material now.
    let (_, (p, _, f1)) = coding_of("heldout2");
    assert!(p >= 0.97 && f1 >= 0.9, "second slice precision {p:.3}, F1 {f1:.3}");
}

#[test]
fn the_third_slice_reads_as_its_gold_says() {
    // Scored once untuned at micro-F1 0.774 (precision 1.000, recall 0.632); codebook words
    // (`@name`) and exclusions came after it, so it is tuned material now.
    let (report, (p, r, _)) = coding_of("heldout3");
    assert!(p >= 0.97 && r >= 0.9, "third slice precision {p:.3}, recall {r:.3}");
    assert_eq!(report["matched"], report["gold_statements"]);
}

#[test]
fn the_fourth_slice_reads_as_its_gold_says() {
    // Scored once untuned at micro-F1 0.714 (precision 1.000, recall 0.556); its misses
    // then led to more general vocabulary, so it is tuned material now.
    let (report, (p, r, _)) = coding_of("heldout4");
    assert!(p >= 0.97 && r >= 0.9, "fourth slice precision {p:.3}, recall {r:.3}");
    assert_eq!(report["matched"], report["gold_statements"]);
}

#[test]
fn the_fifth_slice_reads_as_its_gold_says() {
    // Written after codebook words and exclusions were added, scored once untuned: micro-F1
    // 0.486 (precision 0.900, recall 0.333): paraphrase beyond the vocabulary. Its misses
    // led to general vocabulary (reversed "the bombing must stop", German "zu" infinitives,
    // "nothing can justify", "schools not missiles"), so it is tuned material now.
    let (report, (p, r, _)) = coding_of("heldout5");
    assert!(p >= 0.97 && r >= 0.9, "fifth slice precision {p:.3}, recall {r:.3}");
    assert_eq!(report["matched"], report["gold_statements"]);
}

#[test]
fn the_sixth_slice_reads_as_its_gold_says() {
    // Written after the fifth slice's vocabulary, scored once untuned: micro-F1 0.750
    // (precision 1.000, recall 0.600). Its misses led to general fixes (German verb-final
    // demands, a slogan after a colon, an acronym as the subject, "some members of our ..."
    // as someone else's voice), so it is tuned material now.
    let (report, (p, r, _)) = coding_of("heldout6");
    assert!(p >= 0.97 && r >= 0.9, "sixth slice precision {p:.3}, recall {r:.3}");
    assert_eq!(report["matched"], report["gold_statements"]);
}

#[test]
fn the_seventh_slice_reads_as_its_gold_says() {
    // Written after the sixth slice's fixes, scored once untuned: micro-F1 0.632 (precision
    // 1.000, recall 0.462). Its misses led to general fixes ("this aggression" standing for
    // the war, "we cannot accept", rights in German/French/Spanish as the author's claim,
    // dockers refusing to load arms), so it is tuned material now.
    let (report, (p, r, _)) = coding_of("heldout7");
    assert!(p >= 0.97 && r >= 0.9, "seventh slice precision {p:.3}, recall {r:.3}");
    assert_eq!(report["matched"], report["gold_statements"]);
}

#[test]
fn the_eighth_slice_reads_as_its_gold_says() {
    // Written after the seventh slice's fixes, scored once untuned: micro-F1 0.647 (precision
    // 1.000, recall 0.478), and one country wrong (a call on the Russian government read as
    // the author's country). Its misses led to general fixes (the topic's own countries,
    // embargoes, nationals still in the war zone, passive "weapons be dismantled", German
    // zu-infinitives, an organization named by its first and last words), so it is tuned now.
    let (report, (p, r, _)) = coding_of("heldout8");
    assert!(p >= 0.97 && r >= 0.9, "eighth slice precision {p:.3}, recall {r:.3}");
    assert_eq!(report["matched"], report["gold_statements"]);
}

#[test]
fn the_ninth_slice_reads_as_its_gold_says() {
    // Written after the demand-only cues, in plainer wording and six languages, scored once
    // untuned: micro-F1 0.848 (precision 0.933, recall 0.778). Its misses led to general
    // fixes (a pronoun subject that demands, "not increase the budget", talks on arsenals
    // are not peace talks, Italian participles), so it is tuned material now.
    let (report, (p, r, _)) = coding_of("heldout9");
    assert!(p >= 0.97 && r >= 0.9, "ninth slice precision {p:.3}, recall {r:.3}");
    assert_eq!(report["matched"], report["gold_statements"]);
}
