//! Compiles the Azure DevOps scope catalog (`data/ado-scopes.json`) into a static table:
//! names (and, for a portal, titles) as string slices, categories as indexes, and for each
//! scope the bit set of every scope it grants (itself plus its transitive `inherits`) and of
//! every scope that grants it, so a grant check is one AND.

use std::{collections::BTreeMap, env, fs, path::Path};

/// A 128-bit set as the table keeps it: its bytes (a `u128` field would align each entry to 16).
fn bits_literal(bits: u128) -> String {
    format!("Bits({bits:#x}u128.to_le_bytes())")
}

fn main() {
    let source = "data/ado-scopes.json";
    println!("cargo:rerun-if-changed={source}");
    // And when this script changes what it writes (a listed file replaces Cargo's default).
    println!("cargo:rerun-if-changed=build.rs");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(source).expect("read scope catalog")).expect("parse scope catalog");
    let scopes = json["scopes"].as_array().expect("`scopes` array");
    assert!(scopes.len() <= 127, "the grant set is a u128 with one bit kept for full access");

    let text = |v: &serde_json::Value, key: &str| v[key].as_str().unwrap_or_else(|| panic!("`{key}` string")).to_owned();
    let index: BTreeMap<String, usize> = scopes.iter().enumerate().map(|(i, s)| (text(s, "scope"), i)).collect();
    assert_eq!(index.len(), scopes.len(), "duplicate scope names");

    let mut categories: Vec<String> = Vec::new();
    let mut rows = String::new();
    // Every name in one text, each entry its offset and length: 8 bytes a scope less than a `&str`.
    let mut names = String::new();
    let closures: Vec<u128> = (0..scopes.len()).map(|i| closure(i, scopes, &index)).collect();
    // Titles are shown only by a portal: the edge build (without the `portal` feature) leaves them empty.
    let portal = env::var_os("CARGO_FEATURE_PORTAL").is_some();
    for (i, s) in scopes.iter().enumerate() {
        let category = text(s, "category");
        let category_index = categories.iter().position(|c| *c == category).unwrap_or_else(|| {
            categories.push(category.clone());
            categories.len() - 1
        });
        // Every scope whose closure holds this one: a grant check is then one AND (and what a
        // scope grants is the column of its bit, so the table keeps one mask a scope).
        let granted_by = closures.iter().enumerate().filter(|(_, c)| *c & (1 << i) != 0).fold(0u128, |acc, (j, _)| acc | 1 << j);
        let name = text(s, "scope");
        assert!(names.len() + name.len() <= usize::from(u16::MAX) && name.len() <= 255, "names fit their offsets");
        rows += &format!(
            "    Entry {{ granted_by: {}, name_at: {}, name_len: {}, {}index: {i}, category: {category_index}, high_privilege: {} }},\n",
            bits_literal(granted_by),
            names.len(),
            name.len(),
            if portal { format!("title: {:?}, ", text(s, "name")) } else { String::new() },
            s["highPrivilege"].as_bool().expect("`highPrivilege` bool"),
        );
        names += &name;
    }
    let out = format!(
        "/// Scope catalog generated from `{source}` by build.rs.\n\
         pub(crate) static ENTRIES: [Entry; {}] = [\n{rows}];\n\
         /// The scopes' names, one after another (each entry's `name_at`, `name_len`).\n\
         pub(crate) static NAMES: &str = {names:?};\n\
         /// Catalog indexes by name length, then name, for a binary search that compares\n\
         /// lengths first (names share their `vso.` start; a `match` on the names compiles\n\
         /// to several KB of wasm; this is one byte a scope).\n\
         pub(crate) static BY_NAME: [u8; {}] = [{}];\n\
         /// Category names, in catalog order.\n\
         pub(crate) static CATEGORIES: [&str; {}] = {:?};\n",
        scopes.len(),
        scopes.len(),
        by_length_then_name(&index).iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", "),
        categories.len(),
        categories
    );
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("scope_catalog.rs"), out).unwrap();
}

/// The catalog indexes ordered by their name's length, then the name (`Scope::named`'s order).
fn by_length_then_name(index: &BTreeMap<String, usize>) -> Vec<usize> {
    let mut names: Vec<(&String, &usize)> = index.iter().collect();
    names.sort_by_key(|(name, _)| (name.len(), name.as_str()));
    names.into_iter().map(|(_, i)| *i).collect()
}

/// Bit set of the scope at `start` and everything it inherits, transitively (cycles tolerated).
fn closure(start: usize, scopes: &[serde_json::Value], index: &BTreeMap<String, usize>) -> u128 {
    let mut set = 0u128;
    let mut todo = vec![start];
    while let Some(i) = todo.pop() {
        if set & (1 << i) != 0 {
            continue;
        }
        set |= 1 << i;
        for parent in scopes[i]["inherits"].as_array().expect("`inherits` array") {
            let name = parent.as_str().expect("inherited scope name");
            todo.push(*index.get(name).unwrap_or_else(|| panic!("unknown inherited scope {name}")));
        }
    }
    set
}
