//! Coder throughput: MB of statement text coded per second on one core.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use stances_code::{Codebook, Coder};

fn corpus() -> String {
    // The team's dev-set statements, repeated to a few megabytes.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/dev");
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).expect("dev set").flatten() {
        if entry.path().extension().is_some_and(|e| e == "txt") {
            text.push_str(&String::from_utf8_lossy(&std::fs::read(entry.path()).expect("read")));
            text.push('\n');
        }
    }
    text.repeat((4_000_000 / text.len().max(1)) + 1)
}

fn bench(c: &mut Criterion) {
    let book = include_str!("../../../data/codebooks/ukraine-war.toml");
    let coder = Coder::new(Codebook::parse(book, "ukraine-war.toml").expect("codebook"));
    let text = corpus();
    let statements: Vec<&str> = text.split("\n\n\n").collect();
    let mut g = c.benchmark_group("coder");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("code_dev_set_text", |b| {
        b.iter(|| statements.iter().map(|s| coder.code(s, Some("en"), &[]).positions.len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
