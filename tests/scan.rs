//! The leak scanner (native): exact positions in many contexts, decoys that must not match,
//! `Basic` credentials, and properties over random text.
#![cfg(not(target_arch = "wasm32"))]

use base64::{engine::general_purpose::STANDARD, Engine};
use patgate::{
    scan::{Encoding, ScanError, Scanner, GITHUB_PREFIXES},
    token::{self, Prefix},
    Digest,
};
use proptest::prelude::*;

#[path = "support/seed.rs"]
mod seed;

/// GitHub's published example of a classic token (CRC-32 checksum in base62).
const GITHUB_CLASSIC: &str = "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";

fn token(prefix: &str) -> String {
    token::generate(&Prefix::new(prefix).unwrap()).unwrap().token.into_exposed()
}

/// (offset, line, column, prefix index, encoding, hint) of every token found.
fn found(scanner: &Scanner, text: &str) -> Vec<(usize, usize, usize, usize, Encoding, String)> {
    scanner.scan(text.as_bytes()).map(|f| (f.offset, f.line, f.column, f.prefix, f.encoding, f.hint().to_owned())).collect()
}

fn hint(t: &str) -> String {
    t[t.len() - 4..].to_owned()
}

#[test]
fn tokens_in_many_contexts_at_exact_positions() {
    let s = Scanner::default();
    let t = token("pat");
    let cases: Vec<(String, usize, usize)> = vec![
        (t.clone(), 1, 1),
        (format!("PATGATE_TOKEN={t}\n"), 1, 15),
        (format!("{{\"token\": \"{t}\"}}"), 1, 12),
        (format!("auth:\n  token: '{t}'\n"), 2, 11),
        (format!("git clone https://me:{t}@git.example.com/a/b\n"), 1, 22),
        (format!("curl -H 'Authorization: Bearer {t}'"), 1, 32),
        (format!("a\r\nb\r\n{t}\r\n"), 3, 1),
        (format!("var a=\"x\",b=\"{t}\";"), 1, 14),
        (format!("é ü — {t}"), 1, 11), // columns count bytes: é and ü are 2, the dash 3
        (format!("({t})"), 1, 2),
        (format!("{t}."), 1, 1),
        (format!("x-{t}-y"), 1, 3),
    ];
    for (text, line, column) in cases {
        let offset = text.find(&t).unwrap();
        assert_eq!(found(&s, &text), vec![(offset, line, column, 0, Encoding::Plain, hint(&t))], "{text:?}");
    }
}

#[test]
fn decoys_are_not_tokens() {
    let s = Scanner::default();
    let t = token("pat");
    let mut wrong_sum = t.clone().into_bytes();
    let last = wrong_sum.len() - 1;
    wrong_sum[last] = if wrong_sum[last] == b'0' { b'1' } else { b'0' };
    let wrong_sum = String::from_utf8(wrong_sum).unwrap();
    let decoys = [
        wrong_sum.clone(),
        t[..t.len() - 1].to_owned(),               // 35 characters
        format!("{t}0"),                           // 37: glued to a longer word
        format!("x{t}"),                           // glued before
        format!("my_{t}"),                         // another prefix ending in _pat
        format!("{t}_x"),                          // `_` continues the word
        t.replacen("pat_", "pet_", 1),             // another prefix
        t.replacen("pat_", "PAT_", 1),             // prefixes are lower case
        t.replacen("pat_", "pat-", 1),
        GITHUB_CLASSIC.to_owned(),                 // not asked for
        format!("pat_{}", "A".repeat(36)),         // right shape, no checksum
    ];
    for text in decoys {
        assert_eq!(found(&s, &text), vec![], "{text:?}");
    }
}

#[test]
fn several_prefixes_in_order_of_position() {
    let github: Vec<Prefix> = Scanner::github_prefixes().collect();
    let mut prefixes = vec![Prefix::default(), Prefix::new("acme_pat").unwrap()];
    prefixes.extend(github);
    let s = Scanner::new(&prefixes).unwrap();
    let (a, b) = (token("pat"), token("acme_pat"));
    let text = format!("{b} {GITHUB_CLASSIC}\n{a}");
    assert_eq!(found(&s, &text), vec![
        (0, 1, 1, 1, Encoding::Plain, hint(&b)),
        (b.len() + 1, 1, b.len() + 2, 2, Encoding::Plain, "IfSC".to_owned()),
        (b.len() + 42, 2, 1, 0, Encoding::Plain, hint(&a)),
    ]);
    assert_eq!(GITHUB_PREFIXES.len(), 5);
}

#[test]
fn scanner_arguments_are_checked() {
    assert_eq!(Scanner::new(&[]).err(), Some(ScanError::PrefixCount));
    let nine: Vec<Prefix> = (0..9).map(|i| Prefix::new(&format!("p{i}")).unwrap()).collect();
    assert_eq!(Scanner::new(&nine).err(), Some(ScanError::PrefixCount));
    assert!(Scanner::new(&nine[..8]).is_ok());
    assert_eq!(Scanner::new(&[Prefix::default(), Prefix::default()]).err(), Some(ScanError::DuplicatePrefix));
    let codes = [ScanError::PrefixCount, ScanError::DuplicatePrefix].map(|e| (e.code(), e.message()));
    assert_eq!(codes, [("prefix_count", "a scan needs 1 to 8 token prefixes"), ("duplicate_prefix", "a scan's token prefixes must differ")]);
}

#[test]
fn basic_credentials_are_looked_into_up_to_416_base64_characters() {
    // The bound: base64 of a 256-byte user name, ':' and a token with a 16-character prefix
    // (310 bytes: 416 characters, so user names up to 258 bytes fit the same length).
    let prefix = Prefix::new("abcdefghijklmnop").unwrap();
    let s = Scanner::new(std::slice::from_ref(&prefix)).unwrap();
    let t = token::generate(&prefix).unwrap().token.into_exposed();
    assert_eq!(t.len(), 16 + 1 + 36);
    for (user, found) in [(256, true), (258, true), (259, false), (262, false)] {
        let b64 = STANDARD.encode(format!("{}:{t}", "u".repeat(user)));
        let hits: Vec<_> = s.scan(format!("Basic {b64}").as_bytes()).map(|f| f.reveal().expose().to_owned()).collect();
        assert_eq!(hits, if found { vec![t.clone()] } else { vec![] }, "a {user}-byte user name ({} base64 characters)", b64.len());
    }
}

#[test]
fn tokens_inside_basic_credentials() {
    let s = Scanner::default();
    let t = token("pat");
    let b64 = STANDARD.encode(format!("anything:{t}"));
    for (text, at) in [
        (format!("Authorization: Basic {b64}\r\n"), 21),
        (format!("authorization: basic\t{b64}"), 21),
        (format!("-H \"AUTHORIZATION: BASIC  {b64}\""), 26),
        (format!("Basic {}", STANDARD.encode(format!(":{t}"))), 6),
        (format!("Basic {}", STANDARD.encode(format!(":{t}")).trim_end_matches('=')), 6),
    ] {
        let got: Vec<_> = s.scan(text.as_bytes()).collect();
        assert_eq!(got.len(), 1, "{text:?}");
        assert_eq!((got[0].offset, got[0].column, got[0].encoding, got[0].hint()), (at, at + 1, Encoding::Basic, hint(&t).as_str()), "{text:?}");
        assert!(got[0].digest().ct_eq(&Digest::of(&t)));
    }
    // Base64 with '+' and '/' in it (user names of '>' and '?' bytes) is one credential.
    for name in [">>>", "???", "?>?>?>"] {
        let b64 = STANDARD.encode(format!("{name}:{t}"));
        assert!(b64.contains('+') || b64.contains('/'), "{b64}");
        assert_eq!(s.scan(format!("Basic {b64}").as_bytes()).map(|f| f.hint().to_owned()).collect::<Vec<_>>(), vec![hint(&t)], "{name}");
    }
    // Two tokens in one credential, both reported at the credential.
    let u = token("pat");
    let both = format!("Basic {}", STANDARD.encode(format!("{u}:{t}")));
    let hints: Vec<_> = s.scan(both.as_bytes()).map(|f| (f.offset, f.hint().to_owned())).collect();
    assert_eq!(hints, vec![(6, hint(&u)), (6, hint(&t))]);
    // Not a Basic credential: no blank, glued to a word, or a run longer than any credential.
    for text in [
        format!("Basic{b64}"),
        format!("xbasic {b64}"),
        format!("Basic {b64}A"),
        format!("Basic {}{b64}", "A".repeat(400)),
        // Longer than any credential, with the token in its first 416 characters.
        format!("Basic {}", STANDARD.encode(format!("{t}:{}", "u".repeat(300)))),
        format!("Basic {}", STANDARD.encode(format!("{t}x"))),
    ] {
        assert_eq!(found(&s, &text), vec![], "{text:?}");
    }
}

#[test]
fn found_tokens_never_show_in_debug_and_reveal_on_request() {
    let t = token("pat");
    let text = format!("x {t}");
    let f = Scanner::default().scan(text.as_bytes()).next().unwrap();
    let debug = format!("{f:?}");
    assert!(!debug.contains(&t[4..]), "{debug}");
    assert!(debug.contains(&hint(&t)));
    assert_eq!(f.reveal().expose(), t);
    assert_eq!(f.length, t.len());
}

#[test]
fn non_utf8_and_empty_text() {
    let s = Scanner::default();
    let t = token("pat");
    let mut bytes = vec![0xff, 0xfe, b'\n', 0x00];
    bytes.extend_from_slice(t.as_bytes());
    bytes.push(0x80);
    let got: Vec<_> = s.scan(&bytes).map(|f| (f.offset, f.line, f.column)).collect();
    assert_eq!(got, vec![(4, 2, 2)]);
    assert_eq!(s.scan(b"").count(), 0);
}

proptest! {
    #![proptest_config(seed::config(300))]

    #[test]
    fn a_token_inserted_anywhere_is_found_exactly_once(
        before in "[ -~\n\t\u{e9}\u{4e2d}]{0,200}",
        after in "[ -~\n\t\u{e9}\u{4e2d}]{0,200}",
        sep1 in "[ \n\t\"'=:(,]",
        sep2 in "[ \n\t\"',;)]",
    ) {
        let t = token("pat");
        // Random text can hold no valid token by chance; the separators keep the boundaries.
        let text = format!("{before}{sep1}{t}{sep2}{after}");
        let offset = before.len() + sep1.len();
        let got: Vec<_> = Scanner::default().scan(text.as_bytes()).map(|f| (f.offset, f.line, f.hint().to_owned())).collect();
        let line = 1 + text[..offset].matches('\n').count();
        prop_assert_eq!(got, vec![(offset, line, hint(&t))]);
    }

    #[test]
    fn any_bytes_scan_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let s = Scanner::new(&[Prefix::default(), Prefix::new("ghp").unwrap()]).unwrap();
        for f in s.scan(&bytes) {
            prop_assert!(f.offset + f.length <= bytes.len());
        }
        let mut basic = b"Basic ".to_vec();
        basic.extend_from_slice(&bytes);
        prop_assert!(s.scan(&basic).count() <= basic.len());
    }
}

/// The corpus's expected matches come from `tests/scan/oracle.py` (Python's re, zlib, hashlib,
/// base64); the JavaScript suite checks that these files are what the oracle prints today.
#[test]
fn the_corpus_matches_the_python_oracle() {
    let corpus = std::fs::read("tests/scan/corpus.txt").unwrap();
    for (file, prefixes) in [("expected.jsonl", vec!["pat"]), ("expected-all.jsonl", vec!["pat", "acme_pat", "ghp", "gho", "ghu", "ghs", "ghr"])] {
        let prefixes: Vec<Prefix> = prefixes.iter().map(|p| Prefix::new(p).unwrap()).collect();
        let s = Scanner::new(&prefixes).unwrap();
        let got: Vec<serde_json::Value> = s
            .scan(&corpus)
            .map(|f| {
                serde_json::json!({
                    "offset": f.offset, "length": f.length, "line": f.line, "column": f.column,
                    "prefix": s.prefixes()[f.prefix].as_str(), "encoding": f.encoding.as_str(),
                    "hint": f.hint(), "digest": f.digest().to_base64url(),
                })
            })
            .collect();
        let expected: Vec<serde_json::Value> = std::fs::read_to_string(format!("tests/scan/{file}")).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(got, expected, "{file}");
    }
}

#[test]
fn without_basic_only_plain_tokens_are_found() {
    let t = token("pat");
    let text = format!("{t}\nAuthorization: Basic {}\n", STANDARD.encode(format!(":{t}")));
    assert_eq!(found(&Scanner::default(), &text).len(), 2);
    let plain = found(&Scanner::default().without_basic(), &text);
    assert_eq!(plain, vec![(0, 1, 1, 0, Encoding::Plain, hint(&t))]);
}
