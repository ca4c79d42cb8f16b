//! The property tests' seed: fixed unless `PATGATE_PROPTEST_SEED` names another (a number, or
//! `random`), and printed, so that a failure's log says how to draw the same inputs again.
use proptest::test_runner::{Config, RngSeed};

/// The seed every property runs with when `PATGATE_PROPTEST_SEED` is unset.
pub const SEED: u64 = 20_261_207;

/// A config of `cases` cases on the seed.
pub fn config(cases: u32) -> Config {
    let seed = match std::env::var("PATGATE_PROPTEST_SEED").as_deref() {
        Err(_) => SEED,
        Ok("random") => std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64),
        Ok(n) => n.parse().expect("PATGATE_PROPTEST_SEED must be a number or \"random\""),
    };
    eprintln!("proptest: PATGATE_PROPTEST_SEED={seed}, {cases} cases");
    // Failures are reported with their seed, not written to a regressions file beside the test.
    Config { cases, rng_seed: RngSeed::Fixed(seed), failure_persistence: None, ..Config::default() }
}
