//! The hostile Authorization table (tests/hostile/headers.json) against the Rust core: each
//! row's final status and error code after the gate's two steps, with a one-token store.
#![cfg(not(target_arch = "wasm32"))]

use patgate::{
    scopes::{Scope, ScopeSet},
    gate::{Gate, Record, Request},
    Digest,
};
use serde_json::Value;

#[test]
fn every_hostile_header_gets_its_verdict() {
    let table: Value = serde_json::from_str(include_str!("hostile/headers.json")).unwrap();
    let token = table["token"].as_str().unwrap();
    let gate = Gate::default();
    let record = Record {
        id: "t1",
        owner: "alice",
        organizations: &["fabrikam"],
        scope: ScopeSet::parse("vso.project").unwrap(),
        valid_from: 0,
        valid_to: i64::MAX,
        revoked_at: None,
        digest: Digest::of(token), previous: None, global: None,
    };
    let request = Request { now: 1_800_000_000_000, organization: Some("fabrikam"), required_scope: Some(Scope::named("vso.project").unwrap().into()) };
    let rows = table["rows"].as_array().unwrap();
    assert!(rows.len() >= 50);
    for row in rows {
        let header = match (&row["header"], &row["repeat"]) {
            (Value::String(h), _) => Some(h.clone()),
            (_, Value::Object(r)) => Some(format!("{}{}", r["prefix"].as_str().unwrap(), r["repeat"].as_str().unwrap().repeat(r["count"].as_u64().unwrap() as usize))),
            _ => None,
        };
        let verdict = match gate.authenticate(header.as_deref()) {
            Err(v) => v,
            Ok(p) => gate.decide(&p.digest, p.digest.ct_eq(&record.digest).then_some(&record), &request),
        };
        let want = (row["expect"]["status"].as_u64().unwrap() as u16, row["expect"]["error"].as_str());
        assert_eq!((verdict.status, verdict.error.map(|e| e.as_str())), want, "{}", row["name"]);
        assert!(verdict.challenges.iter().all(|c| !c.contains(token)), "{}", row["name"]);
    }
}
