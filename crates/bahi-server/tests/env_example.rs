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

    // The configuration reads only declared settings: its reader takes a `&Setting`, so an
    // undeclared variable cannot be read at all.
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

/// The docs' settings table is the one generated from the declarations, so a new setting
/// documents itself (paste the table this prints when it fails).
#[test]
fn the_configuration_docs_table_is_generated_from_the_settings() {
    let docs = repo_file("docs/CONFIGURATION.md");
    let (start, end) = (
        "<!-- settings table: generated -->\n",
        "<!-- end of settings table -->",
    );
    let table = docs
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map(|(table, _)| table)
        .unwrap_or_default();
    let expected = bahi_server::config::settings::docs_table();
    assert!(
        table == expected,
        "docs/CONFIGURATION.md's settings table is out of date; between the markers it should read:\n{expected}"
    );
}
