//! The offline token check: no input panics, and whatever passes really has the v1 layout
//! and a matching checksum; a text holds a token exactly when the scanner finds one in it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use patgate::{token::{self, Prefix, BODY_LEN, RANDOM_LEN}, Scanner};
use std::sync::LazyLock;

const PREFIXES: [&str; 3] = ["pat", "ghp", "acme_pat"];
/// Each prefix's scanner, built once (an automaton a run).
static SCANNERS: LazyLock<Vec<Scanner>> =
    LazyLock::new(|| PREFIXES.iter().map(|p| Scanner::new(&[Prefix::new(p).unwrap()]).unwrap().without_basic()).collect());

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for (prefix, scanner) in PREFIXES.into_iter().zip(SCANNERS.iter()) {
        let p = Prefix::new(prefix).unwrap();
        if token::check(text, &p).is_ok() {
            let body = &text.as_bytes()[prefix.len() + 1..];
            assert_eq!(body.len(), BODY_LEN);
            assert!(text.starts_with(prefix) && text.as_bytes()[prefix.len()] == b'_');
            assert_eq!(&token::checksum(&body[..RANDOM_LEN])[..], &body[RANDOM_LEN..]);
            assert!(token::appears_in(text, &p));
        }
        assert_eq!(token::appears_in(text, &p), scanner.scan(data).next().is_some());
    }
    let _ = Prefix::new(text);
});
