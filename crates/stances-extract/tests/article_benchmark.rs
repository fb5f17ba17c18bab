//! The public article-extraction benchmark (`../shared/bench/article-extraction`): 181 real
//! pages and their expected main text, scored by the published method (shared 4-word
//! shingles; per-page precision and recall averaged, F1 from the means). Ignored by
//! default: run with `cargo test --release -p stances-extract --test article_benchmark
//! -- --ignored --nocapture`.

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;

use stances_core::{Document, Format};
use stances_extract::{Reader, Registry};

fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/article-extraction")
}

/// Lower-case `\w+` words, then every run of four with its count.
fn shingles(text: &str) -> HashMap<String, usize> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out = HashMap::new();
    if words.len() < 4 {
        if !words.is_empty() {
            *out.entry(words.join(" ")).or_insert(0) += 1;
        }
        return out;
    }
    for w in words.windows(4) {
        *out.entry(w.join(" ")).or_insert(0) += 1;
    }
    out
}

#[test]
#[ignore = "reads the shared benchmark; run on demand"]
fn main_content_f1_on_the_public_benchmark() {
    let dir = bench_dir();
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json")).expect("ground truth"))
            .expect("json");
    let reader = Reader::new(Registry::empty());
    let (mut p_sum, mut r_sum, mut n) = (0.0, 0.0, 0.0);
    let mut worst: Vec<(f64, String)> = Vec::new();
    let start = std::time::Instant::now();
    for (id, page) in truth.as_object().expect("object") {
        let mut bytes = Vec::new();
        let file = std::fs::File::open(dir.join("html").join(format!("{id}.html.gz"))).expect("page");
        flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).expect("gunzip");
        let doc = Document { bytes, origin: id.clone(), format: Some(Format::Html), ..Document::default() };
        let got = reader.extract(&doc).map(|r| r.main_text()).unwrap_or_default();
        let expected = shingles(page["articleBody"].as_str().unwrap_or_default());
        let got = shingles(&got);
        let tp: usize = got.iter().map(|(k, c)| (*c).min(*expected.get(k).unwrap_or(&0))).sum();
        let fp = got.values().sum::<usize>() - tp;
        let fn_ = expected.values().sum::<usize>() - tp;
        let total = (tp + fp + fn_) as f64;
        let (tp, fp, fn_) =
            if total == 0.0 { (1.0, 0.0, 0.0) } else { (tp as f64 / total, fp as f64 / total, fn_ as f64 / total) };
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
        worst.push((2.0 * p * r / (p + r).max(1e-9), id.clone()));
        p_sum += p;
        r_sum += r;
        n += 1.0;
    }
    let (p, r) = (p_sum / n, r_sum / n);
    let f1 = 2.0 * p * r / (p + r);
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!(
        "article benchmark: {n} pages, precision {p:.3}, recall {r:.3}, F1 {f1:.3} in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    for (f, id) in worst.iter().take(8) {
        println!("  worst: {f:.3} {id}");
    }
    assert!(f1 >= 0.95, "F1 {f1:.3} is below the 0.95 aim");
}
