//! The message catalogue has every message the code says: each `Message::new("id")` in the use
//! cases and the server, and each id a page says (`t("id")`, `label("field")`), is in the English
//! files; Hindi has every English message, with the same arguments, in Devanagari; the files
//! parse without duplicates.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use bahi_server::i18n::{self, Lang};

fn sources(dir: &Path, out: &mut Vec<String>) {
    files(dir, "rs", out);
}

fn files(dir: &Path, extension: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
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

/// The ids after each of `calls` (`t("`, …) in `texts`.
fn quoted_after(texts: &[String], calls: &[&str]) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for text in texts {
        for call in calls {
            for (i, _) in text.match_indices(call) {
                let rest = &text[i + call.len()..];
                if let Some(end) = rest.find('"') {
                    ids.insert(rest[..end].to_owned());
                }
            }
        }
    }
    ids
}

#[test]
fn every_id_a_page_says_is_in_the_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    files(&root.join("templates"), "html", &mut texts);
    files(&root.join("src/web"), "rs", &mut texts);
    let said = quoted_after(
        &texts,
        &[".t(\"", ".t1(\"", ".t2(\"", "i18n::text(lang, \""],
    );
    // Message ids have a hyphen (`nav-dashboard`); that leaves out doc comments' examples.
    let said: BTreeSet<_> = said.into_iter().filter(|id| id.contains('-')).collect();
    assert!(said.len() > 100, "the scan finds the page texts: {said:?}");
    let missing: Vec<_> = said.iter().filter(|id| !i18n::has(Lang::En, id)).collect();
    assert!(
        missing.is_empty(),
        "pages say ids not in locales/en: {missing:?}"
    );
    let labels = quoted_after(&texts, &[".label(\""]);
    let unlabelled: Vec<_> = labels
        .iter()
        .map(|field| format!("label-{}", field.replace('.', "-")))
        .filter(|id| !i18n::has(Lang::En, id))
        .collect();
    assert!(
        unlabelled.is_empty(),
        "fields without a label: {unlabelled:?}"
    );
}

/// id → (text, arguments) of one language's files, read as a translator reads them.
fn messages(lang: Lang) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang.code());
    let mut out = BTreeMap::new();
    for name in ["errors.ftl", "pages.ftl"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let mut current: Option<String> = None;
        for line in text.lines() {
            if let Some((id, value)) = line.split_once(" = ")
                && !line.starts_with([' ', '#'])
            {
                out.insert(id.trim().to_owned(), (value.to_owned(), BTreeSet::new()));
                current = Some(id.trim().to_owned());
            } else if line.starts_with(' ')
                && let Some(id) = &current
                && let Some((text, _)) = out.get_mut(id)
            {
                text.push('\n');
                text.push_str(line.trim());
            } else {
                current = None;
            }
        }
    }
    for (text, arguments) in out.values_mut() {
        for (i, _) in text.match_indices('$') {
            let name: String = text[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            arguments.insert(name);
        }
    }
    out
}

#[test]
fn hindi_says_every_english_message_with_the_same_arguments() {
    let english = messages(Lang::En);
    let hindi = messages(Lang::Hi);
    assert!(english.len() > 300, "the files are read: {}", english.len());
    let missing: Vec<_> = english
        .keys()
        .filter(|id| !hindi.contains_key(*id))
        .collect();
    assert!(missing.is_empty(), "not in locales/hi: {missing:?}");
    let extra: Vec<_> = hindi
        .keys()
        .filter(|id| !english.contains_key(*id))
        .collect();
    assert!(
        extra.is_empty(),
        "in locales/hi but not in English: {extra:?}"
    );
    for (id, (en, en_args)) in &english {
        let (hi, hi_args) = &hindi[id];
        assert_eq!(
            en_args, hi_args,
            "{id}: the arguments differ ({en:?} / {hi:?})"
        );
        // A message is translated unless it is only names and codes (GSTIN, UPI, English).
        let has_words = outside_placeables(en)
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() > 2 && w.chars().any(|c| c.is_ascii_lowercase()));
        let devanagari = hi.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c));
        assert!(!has_words || devanagari, "{id} is not in Hindi: {hi:?}");
    }
}

/// The text without its `{ … }` placeables (arguments, selectors).
fn outside_placeables(text: &str) -> String {
    let mut depth = 0_u32;
    text.chars()
        .filter(|c| {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ => return depth == 0,
            }
            false
        })
        .collect()
}
