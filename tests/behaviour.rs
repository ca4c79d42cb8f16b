//! patgate's behaviour suite. The same file runs natively (`cargo test`), in Node
//! (`wasm-pack test --node`) and in headless Chrome (`wasm-pack test --headless --chrome`).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use hex_literal::hex;
use patgate::{
    header::{self, HeaderError, Scheme, DEFAULT_MAX_HEADER_BYTES as MAX},
    lifespan::{self, LifespanError, LifespanPolicy, DAY_MS},
    catalog::Catalog,
    scopes::{self, Requirement, Scope, ScopeError, ScopeSet},
    token::{self, Prefix, TokenError},
    gate::{in_organization, ErrorCode, Gate, Previous, Reason, Record, Request},
    Digest, Pepper, Status,
};

/// A GitHub-format classic token built from a published checksum vector
/// (random part `fIkRGaBu5PeKsznMzXQOg3kETH1Sgx`, checksum `2oIfSC`).
const GITHUB_CLASSIC: &str = "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";

fn pat() -> Prefix {
    Prefix::default()
}

fn new_token() -> String {
    token::generate(&pat()).unwrap().token.into_exposed()
}

// ---- tokens ----------------------------------------------------------------------------

#[test]
fn generated_token_has_the_v1_layout_and_passes_the_check() {
    let g = token::generate(&pat()).unwrap();
    let t = g.token.expose();
    assert_eq!(t.len(), "pat_".len() + 36);
    assert!(t.starts_with("pat_"));
    assert!(t[4..].bytes().all(|c| c.is_ascii_alphanumeric()));
    assert_eq!(token::check(t, &pat()), Ok(()));
    assert_eq!(g.hint, &t[t.len() - 4..]);
    assert!(token::is_hint(&g.hint));
    assert!(g.digest.ct_eq(&Digest::of(t)));
}

#[test]
fn a_hint_is_exactly_four_base62_characters() {
    for good in ["0000", "zzzz", "Lq17", "AZaz"] {
        assert!(token::is_hint(good), "{good}");
    }
    for bad in ["", "Lq1", "Lq170", "Lq_7", "Lq-7", "Lq 7", "Lq1\u{e9}", "\u{17f}q17", "Lq1\0"] {
        assert!(!token::is_hint(bad), "{bad:?}");
    }
}

#[test]
fn checksum_is_crc32_in_base62_as_github_publishes() {
    assert_eq!(&token::checksum(b"fIkRGaBu5PeKsznMzXQOg3kETH1Sgx"), b"2oIfSC");
    assert_eq!(token::check(GITHUB_CLASSIC, &Prefix::new("ghp").unwrap()), Ok(()));
    // CRC-32 of nothing is 0, written as six zeros.
    assert_eq!(&token::checksum(b""), b"000000");
    // CRC-32("123456789") = 0xCBF43926 = 3421780262, the standard check value.
    let mut n: u64 = 0;
    for c in token::checksum(b"123456789") {
        n = n * 62 + token::ALPHABET.iter().position(|&a| a == c).unwrap() as u64;
    }
    assert_eq!(n, 0xCBF4_3926);
}

#[test]
fn prefixes_with_underscores_round_trip() {
    let p = Prefix::new("acme_pat").unwrap();
    let t = token::generate(&p).unwrap().token.into_exposed();
    assert!(t.starts_with("acme_pat_"));
    assert_eq!(token::check(&t, &p), Ok(()));
    assert_eq!(token::check(&t, &pat()), Err(TokenError::Prefix));
}

#[test]
fn a_token_in_a_text_is_found_as_a_word_of_its_own() {
    // GitHub's published vector: checksum 2oIfSC for this random part.
    let ghp = Prefix::new("ghp").unwrap();
    let t = GITHUB_CLASSIC;
    for found in [t.to_string(), format!("/a/{t}"), format!("/a/{t}/b"), format!("?x=1&token={t}"), format!("{t}\n"), format!("-{t}-")] {
        assert!(token::appears_in(&found, &ghp), "{found}");
    }
    let broken = t.replace("2oIfSC", "2oIfSD");
    let short = &t[..t.len() - 1];
    for not in [String::new(), "ghp_".into(), broken, short.into(), format!("x{t}"), format!("_{t}"), format!("{t}x"), format!("{t}_"), format!("9{t}"), format!("ghp_{t}")] {
        assert!(!token::appears_in(&not, &ghp), "{not}");
    }
    assert!(!token::appears_in(t, &pat())); // another deployment's prefix
    // A prefix that overlaps itself, and the token after a false start of it.
    let a_a = Prefix::new("a_a").unwrap();
    let random = "fIkRGaBu5PeKsznMzXQOg3kETH1Sgx";
    assert!(!token::appears_in(&format!("a_a_a_{random}2oIfSC"), &a_a)); // the second `a_a_` is glued to `_`
    assert!(token::appears_in(&format!("a_a_ a_a_{random}2oIfSC"), &a_a));
    // Linear: a megabyte of near-misses is read once.
    assert!(!token::appears_in(&"ghp_".repeat(262_144), &ghp));
}

#[test]
fn prefix_rules() {
    for ok in ["pat", "a", "acme_pat", "ghp", "x1_2_3", "abcdefghijklmnop"] {
        assert!(Prefix::new(ok).is_ok(), "{ok}");
    }
    for bad in ["", "_pat", "pat_", "PAT", "pa-t", "abcdefghijklmnopq", "pät", "pa t"] {
        assert!(Prefix::new(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn each_check_failure_has_its_own_reason() {
    let t = new_token();
    let body = &t[4..];
    let cases = [
        (body.to_owned(), TokenError::Prefix),                       // no separator
        (format!("ghp_{body}"), TokenError::Prefix),                // another prefix
        (format!("xpat_{body}"), TokenError::Prefix),
        (t[..t.len() - 1].to_owned(), TokenError::Length),          // truncated
        (format!("{t}0"), TokenError::Length),                      // one too many
        (format!("pat_{}-{}", &body[..10], &body[11..]), TokenError::Alphabet),
        (format!("pat_{}é{}", &body[..10], &body[12..]), TokenError::Alphabet),
        (t.to_uppercase(), TokenError::Prefix),                     // case-folded prefix
        (format!("pat_{}", body.to_lowercase()), TokenError::Checksum),   // case-folded secret
        (String::new(), TokenError::Prefix),
    ];
    for (candidate, expected) in cases {
        if candidate == t {
            continue; // lower-casing changed nothing (vanishingly rare)
        }
        assert_eq!(token::check(&candidate, &pat()), Err(expected), "{expected:?}");
    }
    // Any single substitution in the random part is caught by the CRC.
    let mut bytes = t.clone().into_bytes();
    bytes[10] = if bytes[10] == b'a' { b'b' } else { b'a' };
    assert_eq!(token::check(std::str::from_utf8(&bytes).unwrap(), &pat()), Err(TokenError::Checksum));
}

#[test]
fn secrets_never_print() {
    let g = token::generate(&pat()).unwrap();
    let shown = format!("{g:?}");
    assert!(!shown.contains(g.token.expose()), "{shown}");
    assert!(!shown.contains(&g.digest.to_base64url()));
    let cred = header::parse(Some(&header::format_bearer(g.token.expose())), MAX).unwrap();
    assert!(!format!("{cred:?}").contains(g.token.expose()));
    let pepper = Pepper::new(&[7; 32]).unwrap();
    assert_eq!(format!("{pepper:?}"), "Pepper(<redacted>)");
}

// ---- digests -----------------------------------------------------------------------------

/// The peppered digest's known answer, from Python's `hmac`: HMAC-SHA-256 keyed by the pepper over
/// the digest's 32 raw bytes (the answer over its base64 text would be `E25CqvCW…`).
#[test]
fn peppered_digest_is_the_hmac_of_the_raw_digest_bytes() {
    let pepper = Pepper::new(&[7; 32]).unwrap();
    let stored = Digest::of("abc").peppered(&pepper);
    assert_eq!(stored.to_base64url(), "otGZPhfwdxKdFK8qw8mGLscvg7zlZYFLVvBnVisGQIs");
    assert_ne!(stored.to_base64url(), "E25CqvCWE7KMvASnEotBa5tHY8p4oovfFT-9kM8aiHU");
}

#[test]
fn a_pepper_given_as_text_is_base64url_of_at_least_32_bytes_decoded() {
    // [7; 32] in base64url (Python: base64.urlsafe_b64encode(bytes([7] * 32)).rstrip(b"=")).
    let text = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc";
    let pepper = Pepper::from_base64url(text).unwrap();
    // The same key as the bytes: the known answer above.
    assert_eq!(Digest::of("abc").peppered(&pepper).to_base64url(), "otGZPhfwdxKdFK8qw8mGLscvg7zlZYFLVvBnVisGQIs");
    // 31 bytes (Python: bytes([7] * 31)) is refused; 32 is the minimum, inclusive.
    assert!(Pepper::from_base64url("BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw").is_err());
    for bad in [
        "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=",  // padding
        "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwd",   // non-canonical trailing bits
        "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHB+c",   // the standard alphabet's '+'
        "a-30-character-secret-string..",                // a passphrase
        "",
    ] {
        let e = Pepper::from_base64url(bad).map(|_| ()).unwrap_err();
        assert!(e.message().contains("base64url (no padding) of at least 32 bytes"), "{bad}");
    }
}

/// The allocation-free encoding the hot path uses writes exactly the 43 characters of `to_base64url`.
#[test]
fn writing_a_digest_into_a_buffer_matches_its_text() {
    let d = Digest::of("abc");
    let mut out = [b'!'; 50];
    assert_eq!(d.write_base64url(&mut out), Some(43));
    assert_eq!(&out[..43], b"ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    assert_eq!(&out[43..], &[b'!'; 7], "nothing past the digest is touched");
    assert_eq!(d.write_base64url(&mut [0; 42]), None, "a buffer too small is refused, not overrun");
}

/// Header names and messages are part of the contract (clients and logs see them); a
/// credential's `Debug` shows its scheme and user-id, never its token.
#[test]
fn header_names_messages_and_debug_are_exact() {
    assert_eq!((header::Scheme::Basic.name(), header::Scheme::Bearer.name()), ("basic", "bearer"));
    assert_eq!(HeaderError::Missing.to_string(), "authentication is required");
    assert_eq!(HeaderError::TooLarge.to_string(), "the Authorization header is too large");
    assert_eq!(HeaderError::BadBearer.to_string(), "a Bearer token holds characters outside RFC 6750's b64token");
    let cred = header::parse(Some(&header::format_basic("pat_secretsecret", "me").unwrap()), MAX).unwrap();
    assert_eq!(format!("{cred:?}"), r#"Credential { scheme: Basic, username: Some("me"), token: Secret(<redacted>) }"#);
    assert_eq!(header::format_basic("t", "a:b").unwrap_err().to_string(), "a Basic user-id may not contain ':' or control characters");
}

/// Digests never reach a log through `Debug`; a short pepper is refused with a message saying why.
#[test]
fn digests_debug_redacted_and_peppers_refused_with_a_reason() {
    assert_eq!(format!("{:?}", Digest::of("abc")), "Digest(<redacted>)");
    let e = Pepper::new(&[7; 15]).map(|_| ()).unwrap_err();
    assert_eq!(e.to_string(), "a pepper must be at least 16 bytes (32 random bytes recommended)");
    assert!(Pepper::new(&[7; 16]).is_ok(), "16 bytes is the minimum, inclusive");
    let bad = Digest::from_base64url("not a digest").map(|_| ()).unwrap_err();
    assert_eq!(bad.to_string(), "a digest must be 43 characters of unpadded base64url (a SHA-256 value)");
}

/// `to_hex` against Python's `hashlib.sha256(b"abc").hexdigest()`.
#[test]
fn a_digest_in_hex_is_githubs_token_hash() {
    assert_eq!(Digest::of("abc").to_hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

#[test]
fn sha256_matches_nist_known_answers() {
    // FIPS 180-2 / NIST CSRC examples.
    assert_eq!(Digest::of("abc").as_bytes(), &hex!("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    assert_eq!(Digest::of("").as_bytes(), &hex!("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    assert_eq!(
        Digest::of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").as_bytes(),
        &hex!("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    );
}

#[test]
fn digest_text_is_unpadded_base64url() {
    let d = Digest::of("abc");
    assert_eq!(d.to_base64url(), "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    assert!(Digest::from_base64url("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0").unwrap().ct_eq(&d));
    for bad in [
        "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0",  // standard alphabet
        "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0=", // padded
        "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa1",  // non-canonical trailing bits
        "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa",   // short
        "",
    ] {
        assert!(Digest::from_base64url(bad).is_err(), "{bad}");
    }
}

#[test]
fn verify_compares_against_the_stored_digest() {
    let t = new_token();
    let stored = Digest::of(&t);
    assert!(patgate::verify(&t, &stored, None));
    assert!(!patgate::verify(&new_token(), &stored, None));
    let pepper = Pepper::new(b"0123456789abcdef0123456789abcdef").unwrap();
    let peppered = stored.peppered(&pepper);
    assert!(!peppered.ct_eq(&stored));
    assert!(patgate::verify(&t, &peppered, Some(&pepper)));
    assert!(!patgate::verify(&t, &peppered, None));
    assert!(!patgate::verify(&t, &stored, Some(&pepper)));
    assert!(Pepper::new(&[1; 15]).is_err());
}

// ---- headers ----------------------------------------------------------------------------

#[test]
fn rfc7617_examples() {
    // §2: user-id "Aladdin", password "open sesame".
    let h = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    assert_eq!(header::format_basic("open sesame", "Aladdin").unwrap(), h);
    let c = header::parse(Some(h), MAX).unwrap();
    assert_eq!((c.scheme, c.username.as_deref(), c.token.expose()), (Scheme::Basic, Some("Aladdin"), "open sesame"));
    // §2.1: UTF-8 user-id "test", password "123£".
    let c = header::parse(Some("Basic dGVzdDoxMjPCow=="), MAX).unwrap();
    assert_eq!((c.username.as_deref(), c.token.expose()), (Some("test"), "123£"));
    assert_eq!(header::format_basic("123£", "test").unwrap(), "Basic dGVzdDoxMjPCow==");
}

#[test]
fn rfc4648_vectors_decode_strictly() {
    // §10 vectors decode (they hold no colon, so the parse stops at NoColon, past base64).
    for b64 in ["Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"] {
        assert_eq!(header::parse(Some(&format!("Basic {b64}")), MAX).unwrap_err(), HeaderError::NoColon, "{b64}");
    }
    // Unpadded, over-padded, url-safe or with non-zero trailing bits: refused.
    for b64 in ["Zg", "Zm8", "Zg=", "Zm9vYg=", "Zm9vYmE==", "Zh==", "Zm9=", "Pz8-", "Pz8_", "Zm9v\u{0}"] {
        let got = header::parse(Some(&format!("Basic {b64}")), MAX).unwrap_err();
        assert!(matches!(got, HeaderError::BadBase64 | HeaderError::ControlCharacter), "{b64}: {got:?}");
    }
    assert_eq!(header::parse(Some("Basic Pz8/"), MAX).unwrap_err(), HeaderError::NoColon);
}

#[test]
fn azure_devops_and_git_forms_parse() {
    let t = new_token();
    for user in ["", "anything", "alice@example.com", "名前"] {
        let h = header::format_basic(&t, user).unwrap();
        let c = header::parse(Some(&h), MAX).unwrap();
        assert_eq!((c.username.as_deref(), c.token.expose()), (Some(user), t.as_str()));
    }
    // Split at the first colon: the rest, colons included, is the token.
    let c = header::parse(Some(&format!("Basic {}", b64(":a:b"))), MAX).unwrap();
    assert_eq!((c.username.as_deref(), c.token.expose()), (Some(""), "a:b"));
    let c = header::parse(Some(&format!("bEaReR   {t}")), MAX).unwrap();
    assert_eq!((c.scheme, c.username, c.token.expose()), (Scheme::Bearer, None, t.as_str()));
    assert!(header::format_basic(&t, "a:b").is_err());
    assert!(header::format_basic(&t, "a\nb").is_err());
}

fn b64(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[test]
fn header_errors_follow_the_verdict_table() {
    let t = new_token();
    let basic = header::format_basic(&t, "").unwrap();
    let big = format!("Bearer {}", "a".repeat(MAX));
    let cases: Vec<(Option<String>, HeaderError)> = vec![
        (None, HeaderError::Missing),
        (Some("Digest username=x".into()), HeaderError::UnknownScheme),
        (Some("Negotiate abc".into()), HeaderError::UnknownScheme),
        (Some("Basicc abc".into()), HeaderError::UnknownScheme),
        (Some("B\u{0430}sic abc".into()), HeaderError::UnknownScheme), // Cyrillic a
        (Some("\u{212A}ey abc".into()), HeaderError::UnknownScheme),
        (Some(big), HeaderError::TooLarge),
        (Some(String::new()), HeaderError::Empty),
        (Some(format!(" {basic}")), HeaderError::Empty),
        (Some("Basic".into()), HeaderError::NoCredentials),
        (Some("Bearer    ".into()), HeaderError::NoCredentials),
        (Some(format!("{basic} ")), HeaderError::MultipleCredentials),
        (Some(format!("{basic}, Bearer {t}")), HeaderError::MultipleCredentials),
        (Some(format!("Bearer {t} {t}")), HeaderError::MultipleCredentials),
        (Some(format!("Basic\t{}", &basic[6..])), HeaderError::ControlCharacter),
        (Some(format!("{basic}\r\nX-Evil: 1")), HeaderError::ControlCharacter),
        (Some(format!("Bearer {t}\u{0}")), HeaderError::ControlCharacter),
        (Some(format!("Basic {}", b64(":tok\u{7f}en"))), HeaderError::ControlCharacter),
        (Some(format!("Basic {}", b64("a\u{1}:token"))), HeaderError::ControlCharacter),
        (Some("Basic //79".into()), HeaderError::NotUtf8),
        (Some(format!("Basic {}", b64("x:yz").replace('=', ""))), HeaderError::BadBase64),
        (Some("Basic dXNlcg==".into()), HeaderError::NoColon),
        (Some(format!("Bearer {t}!")), HeaderError::BadBearer),
        (Some("Bearer ===".into()), HeaderError::BadBearer),
        (Some("Bearer a=b".into()), HeaderError::BadBearer),
    ];
    for (value, expected) in cases {
        let got = header::parse(value.as_deref(), MAX).err();
        assert_eq!(got, Some(expected), "{:?}", value.map(|v| v.chars().take(40).collect::<String>()));
    }
    assert_eq!(HeaderError::Missing.status(), 401);
    assert_eq!(HeaderError::UnknownScheme.status(), 401);
    assert_eq!(HeaderError::TooLarge.status(), 431);
    assert_eq!(HeaderError::BadBase64.status(), 400);
    // Exactly at the cap is fine.
    let at_cap = format!("Bearer {}", "a".repeat(MAX - 7));
    assert!(header::parse(Some(&at_cap), MAX).is_ok());
}

#[test]
fn secrets_are_never_trimmed_or_case_folded() {
    let c = header::parse(Some(&format!("Basic {}", b64(": tok "))), MAX).unwrap();
    assert_eq!(c.token.expose(), " tok ");
    let c = header::parse(Some("bearer AbC="), MAX).unwrap();
    assert_eq!(c.token.expose(), "AbC=");
}

// ---- scopes -----------------------------------------------------------------------------

#[test]
fn scopes_inherit_transitively() {
    let full = ScopeSet::parse("vso.code_full").unwrap();
    for s in ["vso.code_full", "vso.code_manage", "vso.code_write", "vso.code", "vso.hooks_write", "vso.hooks", "vso.profile"] {
        assert!(full.grants(Scope::named(s).unwrap()), "{s}");
    }
    let read = ScopeSet::parse("vso.code").unwrap();
    assert!(!read.grants(Scope::named("vso.code_write").unwrap()));
    assert!(!read.grants(Scope::named("vso.build").unwrap()));
    assert!(ScopeSet::parse("vso.environment_manage").unwrap().grants(Scope::named("vso.agentpools").unwrap()));
    let all = ScopeSet::parse("app_token").unwrap();
    assert!(all.is_full_access() && all.high_privilege());
    assert!(scopes::all().all(|s| all.grants(s)));
}

#[test]
fn a_revocation_rule_matches_a_token_that_grants_any_of_its_scopes() {
    let set = |list: &str| ScopeSet::parse(list).unwrap();
    // (token's scopes, rule's scopes, matches), from Azure DevOps' catalog by hand.
    let table = [
        ("vso.code_write", "vso.code", true),       // write grants read
        ("vso.code", "vso.code_write", false),      // read grants no write
        ("vso.build vso.code", "vso.code_full vso.build", true),
        ("vso.packaging", "vso.code vso.build", false),
        ("app_token", "vso.code", true),            // full access grants every scope
        ("app_token", "app_token", true),           // the full-access rule: full-access tokens
        ("vso.code_full", "app_token", false),      // and no other, however wide
        ("vso.code_full vso.build_execute", "app_token vso.packaging", false),
        ("vso.packaging_write", "app_token vso.packaging", true),
    ];
    for (token, rule, matches) in table {
        assert_eq!(set(token).grants_any(set(rule)), matches, "{token} against the rule {rule}");
    }
}

#[test]
fn a_set_is_within_another_when_the_other_grants_all_it_grants() {
    let set = |list: &str| ScopeSet::parse(list).unwrap();
    assert!(set("vso.code").within(set("vso.code_write")), "inherited");
    assert!(set("vso.code vso.profile").within(set("vso.code_full")), "inherited transitively");
    assert!(set("vso.code_write").within(set("vso.code_write")));
    assert!(!set("vso.code_write").within(set("vso.code")), "wider");
    assert!(!set("vso.code vso.build").within(set("vso.code_write")), "one scope more");
    assert!(set("vso.build vso.code_manage").within(set("app_token")), "full access grants everything");
    assert!(!set("app_token").within(set("vso.code_full vso.build_execute")), "full access is within full access only");
    assert!(set("app_token").within(set("app_token")));
    // Every catalog scope against full access and against itself, and nothing else within it.
    for s in scopes::all() {
        let one = set(s.name());
        assert!(one.within(set("app_token")) && one.within(one), "{}", s.name());
        assert!(!set("app_token").within(one), "{}", s.name());
    }
}

#[test]
fn scope_lists_are_validated_and_canonical() {
    let set = ScopeSet::parse("vso.build  vso.code_write vso.build").unwrap();
    assert_eq!(set.to_string(), "vso.build vso.code_write");
    assert!(set.high_privilege());
    assert!(!ScopeSet::parse("vso.code vso.build").unwrap().high_privilege());
    assert_eq!(ScopeSet::parse("vso.code vso.nope"), Err((ScopeError::Unknown, "vso.nope")));
    assert_eq!(ScopeSet::parse("VSO.CODE"), Err((ScopeError::Unknown, "VSO.CODE")));
    assert_eq!(ScopeSet::parse("  "), Err((ScopeError::Empty, "")));
    assert_eq!(ScopeSet::parse_stored("vso.code vso.retired"), ScopeSet::parse("vso.code").unwrap());
    let implied: Vec<_> = Scope::named("vso.code_write").unwrap().implies().scopes().map(Scope::name).collect();
    assert_eq!(implied, ["vso.code", "vso.code_write", "vso.hooks", "vso.hooks_write", "vso.profile"]);
}

#[test]
fn catalog_lists_every_scope_once_by_category() {
    let mut seen = Vec::new();
    let mut categories = 0;
    for (name, list) in scopes::categories() {
        categories += 1;
        for s in list {
            assert_eq!(s.category(), name);
            seen.push(s.name());
        }
    }
    assert_eq!(categories, 34);
    assert_eq!(seen.len(), 86);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 86);
    let code = Scope::named("vso.code_write").unwrap();
    // Titles are a portal's: a build without the feature (the edge module's) has none.
    let title = if cfg!(feature = "portal") { "Code (read and write)" } else { "" };
    assert_eq!((code.title(), code.category(), code.high_privilege()), (title, "Code", true));
}

// ---- lifespan ---------------------------------------------------------------------------

#[test]
fn lifespan_policy() {
    let now = 1_790_000_000_000;
    let p = LifespanPolicy::default();
    assert_eq!(p.presets().collect::<Vec<_>>(), [30, 60, 90]);
    for days in [30, 60, 90, 365] {
        assert_eq!(p.check(now, lifespan::valid_to_after(now, days)), Ok(()));
    }
    assert_eq!(p.check(now, now + 365 * DAY_MS + 1), Err(LifespanError::TooLong));
    assert_eq!(p.check(now, now), Err(LifespanError::NotInFuture));
    assert_eq!(p.check(now, now - 1), Err(LifespanError::NotInFuture));
    let short = LifespanPolicy::new(45).unwrap();
    assert_eq!(short.presets().collect::<Vec<_>>(), [30]);
    assert_eq!(short.check(now, lifespan::valid_to_after(now, 60)), Err(LifespanError::TooLong));
    assert!(LifespanPolicy::new(0).is_err() && LifespanPolicy::new(366).is_err());
    assert_eq!(p.check(i64::MAX - 1, i64::MAX), Ok(()));
}

// ---- verdicts ---------------------------------------------------------------------------

const NOW: i64 = 1_790_000_000_000;

struct Fixture {
    token: String,
    digest: Digest,
}

fn fixture() -> Fixture {
    let g = token::generate(&pat()).unwrap();
    Fixture { digest: g.digest, token: g.token.into_exposed() }
}

fn record<'a>(f: &Fixture, orgs: &'a [&'a str], scopes: &str) -> Record<'a> {
    Record {
        id: "3f2a",
        owner: "alice",
        organizations: orgs,
        scope: ScopeSet::parse(scopes).unwrap(),
        valid_from: NOW - DAY_MS,
        valid_to: NOW + 30 * DAY_MS,
        revoked_at: None,
        digest: f.digest, previous: None, global: None,
    }
}

fn request(scope: Option<&str>) -> Request<'static> {
    Request { now: NOW, organization: Some("fabrikam"), required_scope: scope.map(|s| Scope::named(s).unwrap().into()) }
}

#[test]
fn verdict_success_carries_the_grant() {
    let gate = Gate::default();
    let f = fixture();
    let p = gate.authenticate(Some(&header::format_basic(&f.token, "anything").unwrap())).unwrap();
    assert!(p.digest.ct_eq(&f.digest));
    assert_eq!(p.username.as_deref(), Some("anything"));
    let v = gate.decide(&p.digest, Some(&record(&f, &["fabrikam"], "vso.code_write")), &request(Some("vso.code")));
    assert_eq!((v.status, v.error, v.reason), (200, None, Reason::Granted));
    let g = v.grant.unwrap();
    assert_eq!((g.id.as_str(), g.owner.as_str(), g.organization.as_deref()), ("3f2a", "alice", Some("fabrikam")));
    assert_eq!(g.scope.to_text(), "vso.code_write");
}

#[test]
fn verdict_table() {
    let gate = Gate::default();
    let f = fixture();
    let basic = header::format_basic(&f.token, "").unwrap();
    let plain = r#"Basic realm="patgate", charset="UTF-8""#;

    // No header / unknown scheme: 401, challenges, no error code.
    for h in [None, Some("Digest x=y")] {
        let v = gate.authenticate(h).unwrap_err();
        assert_eq!((v.status, v.error), (401, None));
        assert_eq!(v.challenges, [plain, r#"Bearer realm="patgate""#]);
    }
    // Malformed: 400 invalid_request.
    let v = gate.authenticate(Some("Basic a b")).unwrap_err();
    assert_eq!((v.status, v.error), (400, Some(ErrorCode::InvalidRequest)));
    assert!(v.challenges[0].starts_with(r#"Bearer realm="patgate", error="invalid_request", error_description=""#));
    // Too large: 431, no challenge.
    let v = gate.authenticate(Some(&format!("Bearer {}", "x".repeat(9000)))).unwrap_err();
    assert_eq!((v.status, v.error, v.challenges.len()), (431, None, 0));
    // Bad prefix / length / checksum: 401 invalid_token before lookup.
    for bad in [f.token.replacen("pat_", "ghp_", 1), f.token[..39].to_owned(), flip(&f.token)] {
        let v = gate.authenticate(Some(&header::format_bearer(&bad))).unwrap_err();
        assert_eq!((v.status, v.error), (401, Some(ErrorCode::InvalidToken)));
        assert!(matches!(v.reason, Reason::Token(_)));
        assert_eq!(v.challenges[0], plain);
        assert!(v.challenges[1].contains(r#"error="invalid_token""#));
    }

    // After lookup: unknown, revoked, expired and not-yet-valid look the same from outside.
    let p = gate.authenticate(Some(&basic)).unwrap();
    let orgs = ["fabrikam"];
    let base = || record(&f, &orgs, "vso.code");
    let revoked = Record { revoked_at: Some(NOW - 1), ..base() };
    let grace = Record { revoked_at: Some(NOW + 1), ..base() };
    let expired = Record { valid_to: NOW, ..base() };
    let future = Record { valid_from: NOW + 1, ..base() };
    let other = fixture();
    let mismatched = Record { digest: other.digest, ..base() };
    let outcomes = [
        (None, Reason::Unknown),
        (Some(&revoked), Reason::Revoked),
        (Some(&expired), Reason::Expired),
        (Some(&future), Reason::NotYetValid),
        (Some(&mismatched), Reason::Unknown),
    ];
    let mut seen = Vec::new();
    for (r, reason) in outcomes {
        let v = gate.decide(&p.digest, r, &request(Some("vso.code")));
        assert_eq!((v.status, v.error, v.reason), (401, Some(ErrorCode::InvalidToken), reason));
        assert!(v.grant.is_none());
        seen.push((v.challenges, v.reason.message()));
    }
    seen.dedup();
    assert_eq!(seen.len(), 1, "the four store outcomes must be indistinguishable");
    assert!(gate.decide(&p.digest, Some(&grace), &request(None)).allowed(), "within a grace period");

    // A secret a regeneration replaced works until its grace end (exclusive), as the current
    // secret would: never past the token's revocation or end, and the record's current secret
    // is not the presented one.
    let current = fixture();
    let replaced = |until, revoked_at, valid_to| Record {
        digest: current.digest,
        previous: Some(Previous { digest: f.digest, until }),
        revoked_at,
        valid_to,
        ..base()
    };
    let later = NOW + 30 * DAY_MS;
    let judged = |r: &Record| gate.judge(&p.digest, Some(r), &request(None));
    assert_eq!(judged(&replaced(NOW + 1, None, later)), Reason::Granted);
    assert_eq!(judged(&replaced(NOW, None, later)), Reason::Revoked, "the grace end is exclusive");
    assert_eq!(judged(&replaced(NOW + 1, Some(NOW), later)), Reason::Revoked, "a revocation ends the grace");
    assert_eq!(judged(&replaced(NOW + 1, None, NOW)), Reason::Expired, "the token's end ends the grace");
    assert_eq!(judged(&Record { previous: None, ..replaced(NOW + 1, None, later) }), Reason::Unknown);
    let stranger = fixture();
    assert_eq!(judged(&Record { previous: Some(Previous { digest: stranger.digest, until: NOW + 1 }), ..base() }), Reason::Granted, "the current secret");
    assert_eq!(
        gate.judge(&stranger.digest, Some(&Record { previous: Some(Previous { digest: f.digest, until: NOW + 1 }), ..base() }), &request(None)),
        Reason::Unknown,
        "a digest that is neither secret"
    );
    // The grace end shown beside a token: while the replaced secret works, and not after.
    assert_eq!(Status::grace_until(NOW - DAY_MS, later, None, Some(NOW + 1), NOW), Some(NOW + 1));
    assert_eq!(Status::grace_until(NOW - DAY_MS, later, None, Some(NOW), NOW), None);
    assert_eq!(Status::grace_until(NOW - DAY_MS, later, Some(NOW), Some(NOW + 1), NOW), None);
    assert_eq!(Status::grace_until(NOW - DAY_MS, NOW, None, Some(NOW + 1), NOW), None);
    assert_eq!(Status::grace_until(NOW - DAY_MS, later, None, None, NOW), None);

    // Wrong organization or missing scope: 403 insufficient_scope with the scope.
    let contoso = ["contoso"];
    let v = gate.decide(&p.digest, Some(&record(&f, &contoso, "vso.code")), &request(Some("vso.code")));
    assert_eq!((v.status, v.error, v.reason), (403, Some(ErrorCode::InsufficientScope), Reason::WrongOrganization));
    assert!(v.challenges[0].ends_with(r#"scope="vso.code""#));
    let v = gate.decide(&p.digest, Some(&base()), &request(Some("vso.build")));
    assert_eq!((v.status, v.error, v.reason), (403, Some(ErrorCode::InsufficientScope), Reason::MissingScope));
    assert_eq!(
        v.challenges,
        [r#"Bearer realm="patgate", error="insufficient_scope", error_description="the token lacks the scope this resource requires", scope="vso.build""#]
    );
    // All-organizations token: the caller lists the owner's organizations.
    let both = ["contoso", "fabrikam"];
    assert!(gate.decide(&p.digest, Some(&record(&f, &both, "app_token")), &request(Some("vso.build"))).allowed());
}

#[test]
fn gate_options() {
    assert!(Gate::default().with_realm("a \"b\"").is_err());
    assert!(Gate::default().with_realm("").is_err());
    let gate = Gate::new(Prefix::new("ghp").unwrap()).with_realm("Acme DevOps").unwrap().with_max_header_bytes(64);
    let v = gate.authenticate(None).unwrap_err();
    assert_eq!(v.challenges[0], r#"Basic realm="Acme DevOps", charset="UTF-8""#);
    assert!(gate.authenticate(Some(&header::format_bearer(GITHUB_CLASSIC))).is_ok());
    assert_eq!(gate.authenticate(Some(&format!("Bearer {}", "a".repeat(60)))).unwrap_err().status, 431);
    // With a pepper the lookup digest is HMAC(pepper, SHA-256(token)).
    let pepper = Pepper::new(&[9; 32]).unwrap();
    let gate = Gate::default().with_pepper(pepper.clone());
    let f = fixture();
    let p = gate.authenticate(Some(&header::format_bearer(&f.token))).unwrap();
    assert!(p.digest.ct_eq(&f.digest.peppered(&pepper)));
}

#[test]
fn scope_sets_compare_print_and_travel_as_bits() {
    let code = Scope::named("vso.code").unwrap();
    let build = Scope::named("vso.build").unwrap();
    assert!(code != build && code == Scope::named("vso.code").unwrap());
    assert_eq!(format!("{code:?}"), "vso.code");
    let set = ScopeSet::parse("vso.build vso.code").unwrap();
    assert_eq!(format!("{set:?}"), "ScopeSet(vso.build vso.code)");
    assert_eq!(set.bits(), 1 << code.index() | 1 << build.index());
    assert_eq!(ScopeSet::from_bits(set.bits()), set);
    assert_eq!(ScopeSet::from_bits(0), ScopeSet::default());
    assert!(ScopeSet::from_bits(ScopeSet::FULL.bits()).is_full_access());
    // A name listed twice is still chosen once.
    assert!(ScopeSet::parse_stored("vso.code vso.code").grants(code));
    assert_eq!(ScopeSet::parse_stored("vso.code vso.code"), ScopeSet::parse_stored("vso.code"));
    assert_eq!([ScopeError::Empty, ScopeError::Unknown].map(ScopeError::message), ["at least one scope is required", "the scope is not in the Azure DevOps catalog"]);
}

#[test]
fn expanded_sets_follow_the_catalogs_inherits_transitively() {
    // The oracle is Microsoft's table itself (data/ado-scopes.json), walked here.
    let table: serde_json::Value = serde_json::from_str(include_str!("../data/ado-scopes.json")).unwrap();
    let inherits = |name: &str| -> Vec<String> {
        let row = table["scopes"].as_array().unwrap().iter().find(|s| s["scope"] == name).unwrap();
        row["inherits"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
    };
    for chosen in ["vso.code_full", "vso.build_execute", "vso.packaging", "vso.code vso.build"] {
        let mut want: Vec<String> = chosen.split(' ').map(str::to_owned).collect();
        let mut i = 0;
        while i < want.len() {
            for parent in inherits(&want[i]) {
                if !want.contains(&parent) {
                    want.push(parent);
                }
            }
            i += 1;
        }
        want.sort();
        let mut got: Vec<&str> = ScopeSet::parse(chosen).unwrap().expanded().scopes().map(Scope::name).collect();
        got.sort();
        assert_eq!(got, want, "{chosen}");
    }
}

#[test]
fn policy_refusals_say_what_to_do() {
    use patgate::policy::PolicyError;
    let all = [PolicyError::FullAccessRestricted, PolicyError::NotInFuture, PolicyError::TooLong, PolicyError::Revoked, PolicyError::Expired, PolicyError::BadGrace];
    assert_eq!(
        all.map(PolicyError::message),
        [
            "full-access tokens are restricted by policy; choose scopes",
            "validTo must be in the future",
            "validTo is later than the maximum lifespan allows",
            "a revoked token cannot be changed",
            "an expired token cannot be edited; regenerate it or create a new one",
            "graceMinutes must be a whole number from 0 to 1440 (24 hours)",
        ]
    );
    assert!(all.iter().all(|e| e.to_string() == e.message()));
}

#[test]
fn lifespan_policy_maximum_and_messages() {
    assert_eq!(LifespanPolicy::default().max_days(), 365);
    assert_eq!(LifespanPolicy::new(90).unwrap().max_days(), 90);
    assert_eq!(LifespanPolicy::new(1).unwrap().max_days(), 1);
    let messages = [LifespanError::BadPolicy, LifespanError::NotInFuture, LifespanError::TooLong].map(LifespanError::message);
    assert_eq!(messages, ["the maximum lifespan must be a whole number of days from 1 to 365", "validTo must be in the future", "validTo is later than the maximum lifespan allows"]);
    assert_eq!(LifespanPolicy::new(0).unwrap_err().to_string(), messages[0]);
}

#[test]
fn gate_accessors_and_its_realm_message() {
    let gate = Gate::new(Prefix::new("ghp").unwrap());
    assert_eq!(gate.prefix().as_str(), "ghp");
    assert_eq!(Gate::default().prefix().as_str(), "pat");
    assert!(gate.pepper().is_none());
    let peppered = gate.with_pepper(Pepper::new(&[9; 32]).unwrap());
    let f = Digest::of("x");
    assert!(peppered.pepper().map(|p| f.peppered(p)).unwrap().ct_eq(&f.peppered(&Pepper::new(&[9; 32]).unwrap())));
    let e = Gate::default().with_realm("").unwrap_err();
    assert_eq!(e.message(), "a realm must be 1-128 printable ASCII characters without '\"' or '\\'");
    assert_eq!(e.to_string(), e.message());
}

#[test]
fn every_reason_has_the_status_the_verdict_table_gives() {
    // SPEC.md's verdict table, written out here: the code's own mapping is not the oracle (the
    // last, a global token while they are retired, is a 401 as an unusable token's).
    let expected: [u16; 23] = [200, 401, 401, 431, 400, 400, 400, 400, 400, 400, 400, 400, 401, 401, 401, 401, 401, 401, 401, 401, 403, 403, 401];
    let statuses: Vec<u16> = Reason::ALL.iter().map(|r| r.status()).collect();
    assert_eq!(statuses, expected);
    // A refusal's verdict carries the same status.
    let gate = Gate::default();
    for reason in Reason::ALL.into_iter().skip(1) {
        assert_eq!(gate.verdict_for(reason, None).status, reason.status(), "{reason:?}");
    }
}

#[test]
fn granted_has_no_refusal_of_its_own() {
    // A caller asking for the refusal of `Granted` gets the unknown token's: never a grant.
    let gate = Gate::default();
    let v = gate.verdict_for(Reason::Granted, None);
    assert_eq!((v.status, v.error, v.reason), (401, Some(ErrorCode::InvalidToken), Reason::Unknown));
    assert_eq!(v.challenges, gate.refuse(Reason::Unknown).challenges);
}

#[test]
fn headers_longer_than_the_stack_buffer_are_decoded_on_the_heap() {
    // A deployment may allow headers beyond 8 KiB: a 20 KiB Basic credential (a long user-id)
    // decodes to more than the stack buffer holds, and is read whole.
    let f = fixture();
    let gate = Gate::default().with_max_header_bytes(64 * 1024);
    let name = "u".repeat(15_000);
    let header = header::format_basic(&f.token, &name).unwrap();
    let p = gate.authenticate(Some(&header)).unwrap();
    assert_eq!(p.username.as_deref(), Some(name.as_str()));
    assert!(p.digest.ct_eq(&f.digest));
    assert_eq!(gate.verify(Some(&header), &f.digest), 200);
}

#[test]
fn verify_is_the_whole_hot_path_in_one_call() {
    let f = fixture();
    let gate = Gate::default();
    assert_eq!(gate.verify(Some(&header::format_basic(&f.token, "x").unwrap()), &f.digest), 200);
    assert_eq!(gate.verify(Some(&header::format_bearer(&f.token)), &f.digest), 200);
    assert_eq!(gate.verify(Some(&header::format_bearer(&f.token)), &fixture().digest), 401);
    assert_eq!(gate.verify(Some(&header::format_bearer(&flip(&f.token))), &f.digest), 401);
    assert_eq!(gate.verify(Some("Basic !"), &f.digest), 400);
    assert_eq!(gate.verify(None, &f.digest), 401);
    assert_eq!(gate.verify(Some(&"x".repeat(9000)), &f.digest), 431);
}

fn flip(t: &str) -> String {
    let mut b = t.as_bytes().to_vec();
    b[5] = if b[5] == b'Q' { b'R' } else { b'Q' };
    String::from_utf8(b).unwrap()
}

// ---- codes and pools for the wasm boundary ----------------------------------------------

#[test]
fn every_reason_has_one_code_and_back() {
    for (i, &reason) in Reason::ALL.iter().enumerate() {
        assert_eq!(usize::from(reason.index()), i, "{reason:?}");
        assert_eq!(Reason::from_index(i as u8), Some(reason));
    }
    assert_eq!(Reason::from_index(Reason::ALL.len() as u8), None);
    assert_eq!(Reason::Granted.index(), 0);
    assert_eq!(Reason::Unknown.index(), 16, "js/gate.js names this code");
    let codes: std::collections::HashSet<_> = Reason::ALL.iter().map(|r| r.code()).collect();
    assert_eq!(codes.len(), Reason::ALL.len(), "each reason has its own name");
}

#[test]
fn judge_and_decide_agree_and_refusals_never_grant() {
    let gate = Gate::default();
    let token = new_token();
    let digest = Digest::of(&token);
    let now = 1_790_000_000_000;
    let record = |revoked_at, valid_to, orgs: &'static [&'static str]| Record {
        id: "t1",
        owner: "alice",
        organizations: orgs,
        scope: ScopeSet::parse("vso.code").unwrap(),
        valid_from: now,
        valid_to,
        revoked_at,
        digest: Digest::of(&token), previous: None, global: None,
    };
    let code = Scope::named("vso.code").ok().map(Requirement::from);
    let build = Scope::named("vso.build").ok().map(Requirement::from);
    let cases = [
        (record(None, now + 1, &["fabrikam"]), code, Reason::Granted),
        (record(Some(now), now + 1, &["fabrikam"]), code, Reason::Revoked),
        (record(None, now, &["fabrikam"]), code, Reason::Expired),
        (record(None, now + 1, &["contoso"]), code, Reason::WrongOrganization),
        (record(None, now + 1, &["fabrikam"]), build, Reason::MissingScope),
    ];
    for (r, required_scope, expected) in cases {
        let request = Request { now, organization: Some("fabrikam"), required_scope };
        assert_eq!(gate.judge(&digest, Some(&r), &request), expected);
        assert_eq!(gate.decide(&digest, Some(&r), &request).reason, expected);
        assert_eq!(gate.verdict_for(expected, required_scope).grant, None);
    }
    let other = Digest::of(&new_token());
    let r = record(None, now + 1, &["fabrikam"]);
    let request = Request { now, organization: Some("fabrikam"), required_scope: code };
    assert_eq!(gate.judge(&other, Some(&r), &request), Reason::Unknown, "the stored digest must match the presented one");
    assert_eq!(gate.verdict_for(Reason::Granted, None).status, 401, "a code mix-up never grants");
}

#[test]
fn scopes_have_stable_catalog_indexes() {
    for (i, s) in scopes::all().enumerate() {
        assert_eq!(s.index(), i);
        assert_eq!(Scope::at(i), Some(s));
    }
    assert_eq!(Scope::at(scopes::all().count()), None);
}

#[test]
fn a_pool_hands_out_each_random_byte_once() {
    let mut pool = token::RandomPool::new();
    let tokens: Vec<String> = (0..200).map(|_| token::generate_from(&mut pool, &pat()).unwrap().token.into_exposed()).collect();
    let distinct: std::collections::HashSet<_> = tokens.iter().collect();
    assert_eq!(distinct.len(), tokens.len());
    for t in &tokens {
        assert_eq!(token::check(t, &pat()), Ok(()));
    }
    assert_eq!(format!("{pool:?}"), "RandomPool(<redacted>)");
    assert_eq!(pool.block_len(), 1024);
    // Block sizes are 1 to 1024 bytes; anything else is the default.
    for (asked, got) in [(0, 1024), (1, 1), (37, 37), (1024, 1024), (1025, 1024), (usize::MAX, 1024)] {
        assert_eq!(token::RandomPool::with_block(asked).block_len(), got, "with_block({asked})");
    }
    assert_eq!(token::RandomnessError.to_string(), "the platform's secure random generator is unavailable");
    // Messages are part of the contract: clients and logs see them, and none repeats a token.
    assert_eq!(Prefix::new("Bad").unwrap_err().to_string(), "a token prefix must be 1-16 characters of a-z, 0-9 and '_', not starting or ending with '_'");
    for (e, message) in [
        (token::TokenError::Prefix, "the token does not start with this deployment's prefix"),
        (token::TokenError::Length, "the token does not have 36 characters after its prefix"),
        (token::TokenError::Alphabet, "the token holds characters outside 0-9, A-Z and a-z"),
        (token::TokenError::Checksum, "the token's checksum does not match; it was mistyped or truncated"),
    ] {
        assert_eq!(e.to_string(), message);
    }
    let secret = patgate::Secret::new("pat_not_to_be_printed".to_owned());
    assert_eq!(format!("{secret:?}"), "Secret(<redacted>)", "a Secret's Debug names what it hides, and only that");
}

#[test]
fn every_code_the_core_produces_is_in_the_typescript_types() {
    let types = include_str!("../js/types.d.ts");
    let named = |code: &str| types.contains(&format!("\"{code}\""));
    for reason in Reason::ALL {
        assert!(named(reason.code()), "reason {:?} ({}) is missing from js/types.d.ts", reason, reason.code());
    }
    for e in [ErrorCode::InvalidRequest, ErrorCode::InvalidToken, ErrorCode::InsufficientScope] {
        assert!(named(e.as_str()), "{e:?}");
    }
    use patgate::policy::{PolicyError, Status};
    for e in [PolicyError::FullAccessRestricted, PolicyError::NotInFuture, PolicyError::TooLong, PolicyError::Revoked, PolicyError::Expired, PolicyError::BadGrace] {
        assert!(named(e.code()) && named(e.field()), "{e:?}");
    }
    assert!(named("invalidScope"), "scope refusals");
    for s in [Status::Active, Status::Revoked, Status::Expired, Status::NotYetValid] {
        assert!(named(s.as_str()), "{s:?}");
    }
    for t in [TokenError::Prefix, TokenError::Length, TokenError::Alphabet, TokenError::Checksum] {
        assert!(named(t.code()));
    }
}

#[test]
fn organizations_compare_as_azure_devops_compares_them_and_are_optional() {
    assert!(in_organization(&["Fabrikam"], Some("fabrikam")));
    assert!(in_organization(&["fabrikam", "contoso"], Some("CONTOSO")));
    assert!(!in_organization(&["fabrikam"], Some("fabrikam2")));
    assert!(!in_organization(&["fabrikam"], Some("fabrikaM ")), "nothing but case is ignored");
    // Only ASCII letters fold: a Kelvin sign is not a K.
    assert!(!in_organization(&["kontoso"], Some("\u{212a}ontoso")));
    assert!(!in_organization(&[], Some("fabrikam")), "a token with no organization acts in none");
    assert!(in_organization(&[], None), "a resource in no organization asks for none");
    assert!(in_organization(&["fabrikam"], None));
}

#[test]
fn a_gate_with_its_own_catalog_decides_by_it() {
    let catalog = Catalog::new(&[("read:packages", &[]), ("write:packages", &["read:packages"]), ("admin", &["write:packages"])]).unwrap();
    assert_eq!(Gate::default().scopes(), &patgate::catalog::Scopes::AzureDevOps);
    let gate = Gate::default().with_catalog(catalog.clone());
    assert_eq!(gate.scopes(), &patgate::catalog::Scopes::Own(catalog));
    let token = new_token();
    let digest = Digest::of(&token);
    let now = 1_800_000_000_000;
    let record = |list: &str| Record { id: "t", owner: "u", organizations: &[], scope: gate.stored_scopes(list), valid_from: now - 1, valid_to: now + 1, revoked_at: None, digest, previous: None, global: None };
    let needs = |name: &str| Request { now, organization: None, required_scope: Some(gate.requirement(name).unwrap()) };
    assert_eq!(gate.judge(&digest, Some(&record("write:packages")), &needs("read:packages")), Reason::Granted);
    assert_eq!(gate.judge(&digest, Some(&record("admin")), &needs("read:packages")), Reason::Granted);
    assert_eq!(gate.judge(&digest, Some(&record("read:packages")), &needs("write:packages")), Reason::MissingScope);
    assert_eq!(gate.judge(&digest, Some(&record("app_token")), &needs("read:packages")), Reason::MissingScope, "Azure DevOps' full access means nothing here");
    assert_eq!(gate.judge(&digest, Some(&record("vso.packaging")), &needs("read:packages")), Reason::MissingScope);
    let refused = gate.decide(&digest, Some(&record("read:packages")), &needs("admin"));
    assert_eq!(refused.status, 403);
    assert_eq!(refused.challenges, ["Bearer realm=\"patgate\", error=\"insufficient_scope\", error_description=\"the token lacks the scope this resource requires\", scope=\"admin\""]);
    assert_eq!(gate.requirement("vso.code"), Err(ScopeError::NotListed));
    assert_eq!(gate.scope_index("admin"), Ok(2));
    assert_eq!(gate.requirement_at(1).map(Requirement::name), Some("write:packages"));
    // A record without organizations, a request without one: granted; with one: refused.
    let in_org = Request { organization: Some("fabrikam"), ..needs("read:packages") };
    assert_eq!(gate.judge(&digest, Some(&record("admin")), &in_org), Reason::WrongOrganization);
}

#[test]
fn a_global_token_is_refused_at_the_gate_only_while_global_tokens_are_retired_for_its_owner() {
    use patgate::policy::GlobalTokens;
    let gate = Gate::default();
    let token = new_token();
    let digest = Digest::of(&token);
    let now = 1_800_000_000_000;
    let request = Request { now, organization: Some("fabrikam"), required_scope: Scope::named("vso.code").ok().map(Requirement::from) };
    for (global, expected) in [(None, Reason::Granted), (Some(GlobalTokens::Allowed), Reason::Granted), (Some(GlobalTokens::Restricted), Reason::Granted), (Some(GlobalTokens::Retired), Reason::GlobalRetired)] {
        let record = Record { id: "t", owner: "u", organizations: &["fabrikam"], scope: ScopeSet::parse("vso.code").unwrap(), valid_from: now - 1, valid_to: now + 1, revoked_at: None, digest, previous: None, global };
        assert_eq!(gate.judge(&digest, Some(&record), &request), expected, "{global:?}");
    }
    // Revoked and expired come first; a retired token's refusal is a 401 that names the policy.
    let revoked = Record { id: "t", owner: "u", organizations: &["fabrikam"], scope: ScopeSet::parse("vso.code").unwrap(), valid_from: now - 1, valid_to: now + 1, revoked_at: Some(now), digest, previous: None, global: Some(GlobalTokens::Retired) };
    assert_eq!(gate.judge(&digest, Some(&revoked), &request), Reason::Revoked);
    let v = gate.verdict_for(Reason::GlobalRetired, None);
    assert_eq!((v.status, v.error, Reason::GlobalRetired.code()), (401, Some(ErrorCode::InvalidToken), "global_retired"));
    assert!(v.challenges[1].contains("retired by this deployment's policy (global tokens)"));
    assert_eq!(Reason::from_index(22), Some(Reason::GlobalRetired));
}
