//! The leak scanner: no input panics, matches come in order of position inside the text, and
//! every plain match is a token the offline check accepts, with word boundaries around it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use patgate::{
    scan::{Encoding, Scanner},
    token::{self, Prefix},
};

fuzz_target!(|data: &[u8]| {
    let prefixes = [Prefix::new("pat").unwrap(), Prefix::new("acme_pat").unwrap(), Prefix::new("ghp").unwrap()];
    let scanner = Scanner::new(&prefixes).unwrap();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut last = 0;
    for f in scanner.scan(data) {
        assert!(f.offset >= last && f.offset + f.length <= data.len());
        last = f.offset;
        if f.encoding == Encoding::Plain {
            let text = std::str::from_utf8(&data[f.offset..f.offset + f.length]).unwrap();
            assert_eq!(token::check(text, &prefixes[f.prefix]), Ok(()));
            assert!(f.offset == 0 || !word(data[f.offset - 1]));
            assert!(data.get(f.offset + f.length).map_or(true, |&b| !word(b)));
        }
    }
});
