//! The native core's verify, timed on request, for the JavaScript benchmarks to interleave with
//! the wasm one in the same run (benches/js/node.mjs; build it with `--cfg sha2_backend="soft"`,
//! as scripts/bench.sh does). Each line read on stdin is a time slice in milliseconds; the answer
//! is one line: nanoseconds per verify over that slice.
use patgate::{gate::Gate, header, token, Prefix};
use std::{
    hint::black_box,
    io::{self, BufRead, Write},
    time::{Duration, Instant},
};

fn main() {
    let g = token::generate(&Prefix::default()).expect("a token");
    let authorization = header::format_basic(g.token.expose(), "anything").expect("a header");
    let gate = Gate::default();
    assert_eq!(gate.verify(Some(&authorization), &g.digest), 200);
    let mut out = io::stdout().lock();
    for line in io::stdin().lock().lines() {
        let slice = Duration::from_millis(line.expect("a line").trim().parse().expect("milliseconds"));
        let (start, mut ops) = (Instant::now(), 0u64);
        while start.elapsed() < slice {
            for _ in 0..200 {
                black_box(gate.verify(black_box(Some(&authorization)), black_box(&g.digest)));
            }
            ops += 200;
        }
        writeln!(out, "{}", start.elapsed().as_nanos() as f64 / ops as f64).expect("stdout");
        out.flush().expect("stdout");
    }
}
