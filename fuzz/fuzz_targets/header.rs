//! The Authorization parser: no input panics; every refusal maps to a status of SPEC's table;
//! whatever parses formats back to an equivalent header.
#![no_main]
use libfuzzer_sys::fuzz_target;
use patgate::header::{self, Scheme, DEFAULT_MAX_HEADER_BYTES};

fuzz_target!(|data: &[u8]| {
    let Ok(value) = std::str::from_utf8(data) else { return };
    match header::parse(Some(value), DEFAULT_MAX_HEADER_BYTES) {
        Err(e) => assert!(matches!(e.status(), 400 | 401 | 431)),
        Ok(c) => {
            let again = match c.scheme {
                Scheme::Basic => header::format_basic(c.token.expose(), c.username.as_deref().unwrap_or("")).unwrap(),
                Scheme::Bearer => header::format_bearer(c.token.expose()),
            };
            let back = header::parse(Some(&again), usize::MAX).unwrap();
            assert_eq!(back.token.expose(), c.token.expose());
            assert_eq!(back.username, c.username);
        }
    }
});
