//! Property tests (native): generate→check, format→parse, and no input panics.
#![cfg(not(target_arch = "wasm32"))]

use patgate::{
    header::{self, DEFAULT_MAX_HEADER_BYTES as MAX},
    scopes::ScopeSet,
    token::{self, Prefix},
    gate::{Gate, Previous, Record, Request},
    Digest, Status,
};
use proptest::prelude::*;

#[path = "support/seed.rs"]
mod seed;

fn prefix() -> impl Strategy<Value = Prefix> {
    "[a-z0-9]([a-z0-9_]{0,14}[a-z0-9])?".prop_map(|p| Prefix::new(&p).unwrap())
}

proptest! {
    #![proptest_config(seed::config(256))]

    #[test]
    fn generated_tokens_check(p in prefix()) {
        let g = token::generate(&p).unwrap();
        prop_assert_eq!(token::check(g.token.expose(), &p), Ok(()));
        prop_assert!(g.digest.ct_eq(&Digest::of(g.token.expose())));
    }

    #[test]
    fn any_random_part_with_its_checksum_checks(random in "[0-9A-Za-z]{30}", p in prefix()) {
        let sum = token::checksum(random.as_bytes());
        let t = format!("{}_{random}{}", p.as_str(), std::str::from_utf8(&sum).unwrap());
        prop_assert_eq!(token::check(&t, &p), Ok(()));
    }

    #[test]
    fn basic_round_trips(user in "[^:\\x00-\\x1f\\x7f]{0,20}", secret in "[^\\x00-\\x1f\\x7f]{0,60}") {
        let h = header::format_basic(&secret, &user).unwrap();
        let c = header::parse(Some(&h), MAX).unwrap();
        prop_assert_eq!(c.username.as_deref(), Some(user.as_str()));
        prop_assert_eq!(c.token.expose(), secret.as_str());
    }

    #[test]
    fn bearer_round_trips(t in "[A-Za-z0-9._~+/-]{1,80}={0,2}") {
        let c = header::parse(Some(&header::format_bearer(&t)), MAX).unwrap();
        prop_assert_eq!(c.token.expose(), t.as_str());
    }

    #[test]
    fn digest_text_round_trips(bytes in proptest::array::uniform32(any::<u8>())) {
        let d = Digest::from(bytes);
        prop_assert!(Digest::from_base64url(&d.to_base64url()).unwrap().ct_eq(&d));
    }

    #[test]
    fn no_header_panics_and_every_refusal_has_a_table_status(value in any::<String>()) {
        let gate = Gate::default();
        match gate.authenticate(Some(&value)) {
            Ok(p) => {
                let v = gate.decide(&p.digest, None, &Request { now: 0, organization: Some("o"), required_scope: None });
                prop_assert_eq!(v.status, 401);
            }
            Err(v) => prop_assert!([400, 401, 431].contains(&v.status)),
        }
    }

    #[test]
    fn no_ascii_header_panics(value in "[ -~\\t\\r\\n]{0,120}") {
        let _ = header::parse(Some(&value), MAX);
        let _ = header::parse(Some(&format!("Basic {value}")), MAX);
        let _ = header::parse(Some(&format!("Bearer {value}")), MAX);
    }

    #[test]
    fn no_token_or_scope_text_panics(text in any::<String>()) {
        let _ = token::check(&text, &Prefix::default());
        let _ = Digest::from_base64url(&text);
        let _ = ScopeSet::parse(&text);
        let _ = ScopeSet::parse_stored(&text);
        let _ = Prefix::new(&text);
    }

    #[test]
    fn decide_never_panics(now in any::<i64>(), from in any::<i64>(), to in any::<i64>(), revoked in any::<Option<i64>>()) {
        let g = token::generate(&Prefix::default()).unwrap();
        let gate = Gate::default();
        let p = gate.authenticate(Some(&header::format_bearer(g.token.expose()))).unwrap();
        let record = Record {
            id: "i", owner: "o", organizations: &["o"], scope: ScopeSet::FULL,
            valid_from: from, valid_to: to, revoked_at: revoked, digest: g.digest, previous: None, global: None,
        };
        let v = gate.decide(&p.digest, Some(&record), &Request { now, organization: Some("o"), required_scope: None });
        let live = from <= now && now < to && revoked.is_none_or(|r| r > now);
        prop_assert_eq!(v.allowed(), live);
    }

    #[test]
    fn a_replaced_secret_works_exactly_until_its_grace_end(now in 0i64..40, from in 0i64..40, to in 0i64..40, revoked in proptest::option::of(0i64..40), until in 0i64..40) {
        // Instants from a small range, so that every boundary (equal instants) comes up often.
        let replaced = token::generate(&Prefix::default()).unwrap();
        let current = token::generate(&Prefix::default()).unwrap();
        let gate = Gate::default();
        let p = gate.authenticate(Some(&header::format_bearer(replaced.token.expose()))).unwrap();
        let record = Record {
            id: "i", owner: "o", organizations: &["o"], scope: ScopeSet::FULL,
            valid_from: from, valid_to: to, revoked_at: revoked, digest: current.digest,
            previous: Some(Previous { digest: replaced.digest, until }), global: None,
        };
        let v = gate.decide(&p.digest, Some(&record), &Request { now, organization: Some("o"), required_scope: None });
        let live = from <= now && now < to && revoked.is_none_or(|r| r > now) && now < until;
        prop_assert_eq!(v.allowed(), live);
        prop_assert_eq!(Status::grace_until(from, to, revoked, Some(until), now), live.then_some(until));
    }
}
