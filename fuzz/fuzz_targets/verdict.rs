//! The whole gate: a header, a record and a request from the fuzzer's bytes. No panic; the
//! status is one of SPEC's; a grant only for a live record with the right organization and scope.
#![no_main]
use libfuzzer_sys::fuzz_target;
use patgate::{
    scopes::{self, ScopeSet},
    gate::{Gate, Record, Request},
    Digest,
};

fuzz_target!(|data: &[u8]| {
    if data.len() < 40 {
        return;
    }
    let (head, rest) = data.split_at(40);
    let Ok(authorization) = std::str::from_utf8(rest) else { return };
    let num = |i: usize| i64::from_le_bytes(head[i..i + 8].try_into().unwrap());
    let (now, from, to, revoked) = (num(0), num(8), num(16), num(24));
    let scope = scopes::all().nth(head[32] as usize % 86).unwrap();
    let required = scopes::all().nth(head[33] as usize % 86).unwrap();
    let gate = Gate::default();
    let presented = match gate.authenticate(Some(authorization)) {
        Ok(p) => p,
        Err(v) => {
            assert!(matches!(v.status, 400 | 401 | 431) && v.grant.is_none());
            return;
        }
    };
    let digest = if head[34] & 1 == 0 { presented.digest } else { Digest::from([head[35]; 32]) };
    let orgs: &[&str] = if head[36] & 1 == 0 { &["fabrikam"] } else { &["contoso"] };
    let set = ScopeSet::parse(scope.name()).unwrap();
    let record = Record {
        id: "id", owner: "o", organizations: orgs, scope: set, valid_from: from, valid_to: to,
        revoked_at: (head[37] & 1 == 0).then_some(revoked), digest, previous: None, global: None,
    };
    let v = gate.decide(&presented.digest, (head[38] & 1 == 0).then_some(&record), &Request { now, organization: Some("fabrikam"), required_scope: Some(required.into()) });
    assert!(matches!(v.status, 200 | 401 | 403));
    if v.allowed() {
        assert!(from <= now && now < to && record.revoked_at.is_none_or(|r| r > now));
        assert!(digest.ct_eq(&presented.digest) && orgs == ["fabrikam"] && set.grants(required));
    }
});
