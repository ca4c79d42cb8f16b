//! Tokens come from the platform CSPRNG: distinct, and uniform over base62.
//! Runs natively (OS RNG), in Node and in headless Chrome (`crypto.getRandomValues`).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use patgate::token::{self, Prefix, ALPHABET, RANDOM_LEN};
use std::collections::HashSet;

const TOKENS: usize = 20_000;

/// χ² over the 62 characters of the random parts of 20,000 tokens (600,000 draws, 61 degrees
/// of freedom). The critical value for p = 10⁻⁵ is about 118; a modulo-biased generator
/// (`byte % 62` without rejection: 8 characters 25 % too common) scores in the thousands, a
/// constant one in the millions.
#[test]
fn tokens_are_distinct_and_uniform_over_base62() {
    let prefix = Prefix::default();
    let mut counts = [0u64; 62];
    let mut first = [0u64; 62];
    let mut seen = HashSet::with_capacity(TOKENS);
    for _ in 0..TOKENS {
        let g = token::generate(&prefix).unwrap();
        let random = &g.token.expose().as_bytes()[4..4 + RANDOM_LEN];
        for (i, c) in random.iter().enumerate() {
            let k = ALPHABET.iter().position(|a| a == c).unwrap();
            counts[k] += 1;
            if i == 0 {
                first[k] += 1;
            }
        }
        assert!(seen.insert(random.to_vec()), "a repeated token");
    }
    let all = chi_square(&counts);
    assert!(all < 118.0, "χ² = {all:.1} over all positions: the generator is biased");
    // One position alone (20,000 draws) must be uniform too: catches a per-position pattern.
    let one = chi_square(&first);
    assert!(one < 118.0, "χ² = {one:.1} at the first position");
}

#[test]
fn the_chi_square_test_would_catch_modulo_bias() {
    // The same statistic over a biased distribution: 256 byte values folded mod 62.
    let mut counts = [0u64; 62];
    for i in 0..600_000u64 {
        counts[((i * 2_654_435_761) % 256 % 62) as usize] += 1;
    }
    assert!(chi_square(&counts) > 1_000.0);
}

fn chi_square(counts: &[u64; 62]) -> f64 {
    let total: u64 = counts.iter().sum();
    let expected = total as f64 / 62.0;
    counts.iter().map(|&c| (c as f64 - expected).powi(2) / expected).sum()
}

/// On wasm the bytes come from `globalThis.crypto.getRandomValues`, called for each token:
/// replacing it with a constant source makes the token constant, and a throwing one makes
/// generation fail cleanly instead of falling back to anything weaker.
#[cfg(target_arch = "wasm32")]
#[test]
fn tokens_come_from_crypto_get_random_values() {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::JsValue;

    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).unwrap();
    let key = JsValue::from_str("getRandomValues");
    let stub = |body: &str| {
        Reflect::set(&crypto, &key, &Function::new_with_args("buf", body)).unwrap();
    };

    stub("buf.fill(65); return buf;"); // 65 % 62 = 3
    let constant = token::generate(&Prefix::default()).map(|g| g.token.into_exposed());
    // A pool draws its block from the same source: constant too, and all of it comes from one call.
    let mut pool = token::RandomPool::new();
    let pooled: Vec<_> = (0..3).map(|_| token::generate_from(&mut pool, &Prefix::default()).map(|g| g.token.into_exposed())).collect();
    stub("throw new Error('no entropy')");
    let failed = token::generate(&Prefix::default()).is_err();
    let pool_failed = token::generate_from(&mut token::RandomPool::new(), &Prefix::default()).is_err();
    Reflect::delete_property(&crypto.clone().into(), &key).unwrap();

    let random = "3".repeat(RANDOM_LEN);
    let expected = format!("pat_{random}{}", std::str::from_utf8(&token::checksum(random.as_bytes())).unwrap());
    assert_eq!(constant.unwrap(), expected);
    for t in pooled {
        assert_eq!(t.unwrap(), expected);
    }
    assert!(failed, "a failing getRandomValues must fail generation");
    assert!(pool_failed, "a failing getRandomValues must fail a pool's draw");
    // Restored: real randomness again.
    assert_ne!(token::generate(&Prefix::default()).unwrap().token.expose(), expected);
}
