//! The core natively: the floor for the wasm module's verify and generate.
//! `bash scripts/bench.sh` runs it twice: with sha2's default backend (SHA-NI where the CPU
//! has it) and with `--cfg sha2_backend="soft"`, the fair comparison for wasm, which has no
//! SHA instructions.
use criterion::{criterion_group, criterion_main, Criterion};
use patgate::{header, token, gate::Gate, Prefix};
use std::hint::black_box;

fn verify(c: &mut Criterion) {
    let g = token::generate(&Prefix::default()).unwrap();
    let authorization = header::format_basic(g.token.expose(), "anything").unwrap();
    let gate = Gate::default();
    assert_eq!(gate.verify(Some(&authorization), &g.digest), 200);
    c.bench_function("verify", |b| b.iter(|| gate.verify(black_box(Some(&authorization)), black_box(&g.digest))));
    let prefix = Prefix::default();
    c.bench_function("generate", |b| b.iter(|| token::generate(black_box(&prefix)).unwrap()));
}

criterion_group!(benches, verify);
criterion_main!(benches);
