//! Matcher throughput in bytes per second on a realistic sample, with the built-in
//! packs and with thousands of extra rules, for both search strategies; and start-up
//! (loading the packs and building the matcher).

use std::sync::Arc;

use ally_core::{Document, Engine, EngineOptions, Format, RuleMask, RuleSet, Workload};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// Prose and code shaped like real documentation: mostly innocent words, a few terms.
fn sample() -> String {
    let prose = "The replication guide explains how the primary streams its log to each replica. \
        Configure the allowlist before you start the service, and keep the denylist short. \
        The master node is elected at start-up; a quick sanity check runs on every replica. \
        See https://example.org/blob/master/docs/setup.md for the details of the protocol.\n";
    let code = "fn is_allowed(host: &str, whitelist: &HashSet<String>) -> bool {\n    \
        whitelist.contains(host) && !BLACKLIST.contains(&host)\n}\n";
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(prose);
        text.push_str(code);
    }
    text
}

/// A pack of `count` synthetic rules, like the perf acceptance check's.
fn synthetic_pack(count: usize) -> String {
    let mut pack = String::from("[pack]\nid = \"big\"\nname = \"Many\"\n\n[[source]]\nid = \"s\"\ntitle = \"S\"\nurl = \"https://example.org\"\n\n");
    let mut seed = 7u64;
    let letters = b"bcdfghjklmnpqrstvwxz";
    for i in 0..count {
        let mut word = String::new();
        for _ in 0..4 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            word.push(letters[(seed >> 33) as usize % letters.len()] as char);
            word.push(b"aeiou"[(seed >> 40) as usize % 5] as char);
        }
        pack.push_str(&format!("[[rule]]\nid = \"w{i}\"\nterms = [\"{word}{i}\"]\nalternatives = [\"x\"]\nexplanation = \"e\"\nsources = [\"s\"]\n\n"));
    }
    pack
}

fn engine(extra: usize, workload: Workload) -> Engine {
    let mut rules = ally_packs::rule_set();
    if extra > 0 {
        rules
            .add_pack("big.toml", &synthetic_pack(extra), None)
            .unwrap();
    }
    let options = EngineOptions {
        workload,
        ..EngineOptions::default()
    };
    let engine = Engine::new(&rules, &[], options).unwrap();
    let _ = engine.build_automaton();
    engine
}

fn throughput(c: &mut Criterion) {
    let text = sample();
    let path: Arc<str> = Arc::from("sample.txt");
    let mut group = c.benchmark_group("scan");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    for (name, workload) in [("automaton", Workload::Bulk), ("sorted", Workload::Small)] {
        for extra in [0, 10_000] {
            let engine = engine(extra, workload);
            let nothing_off = RuleMask::new();
            group.bench_with_input(
                BenchmarkId::new(name, format!("+{extra} rules")),
                &text,
                |b, text| {
                    b.iter(|| {
                        engine
                            .check(&Document {
                                path: &path,
                                text,
                                format: Format::Text,
                                language: None,
                                disabled: &nothing_off,
                            })
                            .findings
                            .len()
                    })
                },
            );
        }
    }
    group.finish();
}

fn start_up(c: &mut Criterion) {
    let mut group = c.benchmark_group("start-up");
    group.sample_size(20);
    group.bench_function("load packs", |b| {
        b.iter(|| ally_packs::rule_set().rules.len())
    });
    let rules: RuleSet = ally_packs::rule_set();
    for (name, workload) in [("automaton", Workload::Bulk), ("sorted", Workload::Small)] {
        group.bench_function(format!("build {name}"), |b| {
            b.iter(|| {
                let options = EngineOptions {
                    workload,
                    ..EngineOptions::default()
                };
                let engine = Engine::new(&rules, &[], options).unwrap();
                let _ = engine.build_automaton();
                engine.rules().len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, throughput, start_up);
criterion_main!(benches);
