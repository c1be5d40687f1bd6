//! `.env.example` documents exactly the variables the configuration reads: a variable read but
//! not listed, or listed but not read, fails this test.

use std::collections::BTreeSet;
use std::path::Path;

use bahi_server::config::{CONFIG_FILE_VAR, SETTINGS};

fn repo_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `NAME=` or `# NAME=` at the start of a line.
fn listed() -> BTreeSet<String> {
    repo_file(".env.example")
        .lines()
        .filter_map(|line| {
            let line = line.trim_start_matches('#').trim();
            let (name, _) = line.split_once('=')?;
            (!name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
            .then(|| name.to_owned())
        })
        .collect()
}

/// Every variable name the configuration code passes to its reader, found in its source.
fn read_by_config() -> BTreeSet<String> {
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/config/mod.rs"))
            .unwrap();
    let mut names = BTreeSet::new();
    for marker in ["raw.get(\"", "raw.number(\"", "raw\n            .get(\""] {
        for (i, _) in source.match_indices(marker) {
            let rest = &source[i + marker.len()..];
            names.insert(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    for (i, _) in source.match_indices(".number::<") {
        let rest = &source[i..];
        let start = rest.find("(\"").unwrap() + 2;
        names.insert(rest[start..start + rest[start..].find('"').unwrap()].to_owned());
    }
    names
}

#[test]
fn env_example_lists_exactly_what_the_config_reads() {
    let settings: BTreeSet<String> = SETTINGS
        .iter()
        .map(|s| s.var.to_owned())
        .chain([CONFIG_FILE_VAR.to_owned()])
        .collect();
    let listed = listed();
    let missing: Vec<_> = settings.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&settings).collect();
    assert!(missing.is_empty(), ".env.example lacks {missing:?}");
    assert!(
        extra.is_empty(),
        ".env.example lists variables the configuration does not read: {extra:?}"
    );

    let read = read_by_config();
    assert!(read.len() >= 20, "the scan found the reads ({read:?})");
    let undeclared: Vec<_> = read.difference(&settings).collect();
    assert!(
        undeclared.is_empty(),
        "config.rs reads {undeclared:?} without declaring it in SETTINGS"
    );
}

#[test]
fn the_configuration_docs_mention_every_variable() {
    let docs = repo_file("docs/CONFIGURATION.md");
    let missing: Vec<_> = SETTINGS
        .iter()
        .map(|s| s.var)
        .filter(|v| !docs.contains(&format!("`{v}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/CONFIGURATION.md lacks {missing:?}"
    );
}
