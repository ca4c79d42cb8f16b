//! A dudect-style check that comparing digests takes the same time wherever two digests
//! differ. Two classes of inputs, interleaved at random: digests differing in the first byte,
//! and digests differing in the last byte. Welch's t-test on the timings; |t| > 4.5 means a
//! leak (dudect's threshold). The same measurement of a naive early-exit `==` shows the test
//! can see a leak of this size.
use patgate::Digest;
use std::hint::black_box;
use std::time::Instant;

const SAMPLES: usize = 200_000;
const BATCH: usize = 32;

fn measure(compare: impl Fn(&[u8; 32], &[u8; 32]) -> bool) -> f64 {
    let stored = [0x5au8; 32];
    let mut first = stored;
    first[0] ^= 1;
    let mut last = stored;
    last[31] ^= 1;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let (mut a, mut b) = (Vec::with_capacity(SAMPLES), Vec::with_capacity(SAMPLES));
    for _ in 0..SAMPLES {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let class_first = seed & 1 == 0;
        let other = if class_first { &first } else { &last };
        let t = Instant::now();
        for _ in 0..BATCH {
            black_box(compare(black_box(&stored), black_box(other)));
        }
        let ns = t.elapsed().as_nanos() as f64;
        if class_first { a.push(ns) } else { b.push(ns) }
    }
    welch_t(crop(a), crop(b))
}

/// Drops the slowest 5 % (interrupts, migrations), as dudect does with its percentile crops.
fn crop(mut xs: Vec<f64>) -> Vec<f64> {
    xs.sort_by(f64::total_cmp);
    xs.truncate(xs.len() * 95 / 100);
    xs
}

fn welch_t(a: Vec<f64>, b: Vec<f64>) -> f64 {
    let stats = |xs: &[f64]| {
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        (mean, xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0), n)
    };
    let ((ma, va, na), (mb, vb, nb)) = (stats(&a), stats(&b));
    (ma - mb) / (va / na + vb / nb).sqrt()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for a list; nothing to list
    }
    let ct = measure(|x, y| Digest::from(*x).ct_eq(&Digest::from(*y)));
    let naive = measure(|x, y| x.iter().zip(y).all(|(p, q)| p == q));
    let verdict = if ct.abs() < 4.5 { "no leak detected" } else { "LEAK" };
    println!("constant-time digest comparison: |t| = {:.2} ({verdict}); naive early-exit ==: |t| = {:.2}", ct.abs(), naive.abs());
    println!("{{\"constantTime\":{{\"ctEqT\":{:.3},\"naiveT\":{:.3},\"samples\":{SAMPLES},\"batch\":{BATCH},\"threshold\":4.5}}}}", ct.abs(), naive.abs());
    // A leak fails the run; so does a positive control too weak to show one (the measurement
    // would then prove nothing).
    if ct.abs() >= 4.5 {
        eprintln!("constant_time: the digest comparison's timing depends on where digests differ");
        std::process::exit(1);
    }
    if naive.abs() < 4.5 {
        eprintln!("constant_time: the naive comparison showed no leak either: this run cannot see one");
        std::process::exit(1);
    }
}
