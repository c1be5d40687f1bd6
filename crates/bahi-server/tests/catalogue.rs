//! The message catalogue has every message the code says: each `Message::new("id")` in the use
//! cases and the server is in the English files, and the files parse without duplicates.

use std::path::Path;

use bahi_server::i18n::{self, Lang};

fn sources(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(&path).unwrap());
        }
    }
}

fn ids_in_code() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    sources(&root.join("src"), &mut texts);
    sources(&root.join("../bahi-app/src"), &mut texts);
    let mut ids = Vec::new();
    for text in texts {
        for (i, _) in text.match_indices("Message::new(\"") {
            let rest = &text[i + "Message::new(\"".len()..];
            ids.push(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn every_message_the_code_says_is_in_the_catalogue() {
    let ids = ids_in_code();
    assert!(ids.len() > 40, "the scan finds the messages: {ids:?}");
    let missing: Vec<_> = ids.iter().filter(|id| !i18n::has(Lang::En, id)).collect();
    assert!(missing.is_empty(), "not in locales/en: {missing:?}");
}

#[test]
fn the_catalogue_files_have_each_id_once() {
    for lang in Lang::ALL {
        let mut ids = i18n::ids(lang);
        let all = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all, "{} has an id twice", lang.code());
    }
}

#[test]
fn arguments_are_said_without_isolation_marks() {
    let text = i18n::text(
        Lang::En,
        "field-too-long",
        &[("max", bahi_app::message::Arg::Number(200))],
    );
    assert_eq!(text, "must be at most 200 characters");
}
