//! The offline token check: no input panics, and whatever passes really has the v1 layout
//! and a matching checksum.
#![no_main]
use libfuzzer_sys::fuzz_target;
use patgate::token::{self, Prefix, BODY_LEN, RANDOM_LEN};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for prefix in ["pat", "ghp", "acme_pat"] {
        let p = Prefix::new(prefix).unwrap();
        if token::check(text, &p).is_ok() {
            let body = &text.as_bytes()[prefix.len() + 1..];
            assert_eq!(body.len(), BODY_LEN);
            assert!(text.starts_with(prefix) && text.as_bytes()[prefix.len()] == b'_');
            assert_eq!(&token::checksum(&body[..RANDOM_LEN])[..], &body[RANDOM_LEN..]);
        }
    }
    let _ = Prefix::new(text);
});
