//! The message catalogue: every word a person reads, in Fluent files under `locales/<lang>/`,
//! compiled into the binary. Use cases hand over [`Message`]s (an id and arguments); pages and
//! API answers say them here. English is complete; a language missing an id falls back to it.

use std::sync::OnceLock;

use bahi_app::Message;
use bahi_app::message::Arg;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language bahi speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
}

impl Lang {
    pub const ALL: [Self; 1] = [Self::En];

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
        }
    }
}

/// The catalogue's files, per language.
const FILES: &[(Lang, &str, &str)] = &[(
    Lang::En,
    "errors.ftl",
    include_str!("../locales/en/errors.ftl"),
)];

struct Catalogue {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let bundles = Lang::ALL
            .into_iter()
            .map(|lang| {
                let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Isolation marks around arguments would end up in JSON and tests.
                bundle.set_use_isolating(false);
                for (_, name, text) in FILES.iter().filter(|(l, _, _)| *l == lang) {
                    match FluentResource::try_new((*text).to_owned()) {
                        Ok(resource) => {
                            if let Err(errors) = bundle.add_resource(resource) {
                                tracing::error!(file = name, ?errors, "duplicate message ids");
                            }
                        }
                        Err((_, errors)) => {
                            tracing::error!(file = name, ?errors, "catalogue file does not parse");
                        }
                    }
                }
                (lang, bundle)
            })
            .collect();
        Catalogue { bundles }
    })
}

fn bundle(lang: Lang) -> Option<&'static FluentBundle<FluentResource>> {
    catalogue()
        .bundles
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, b)| b)
}

/// `id` in `lang` with `args`, falling back to English, then to the id itself (logged: a missing
/// id is a bug the catalogue test should have caught).
#[must_use]
pub fn text(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(t) => FluentValue::from(t.clone()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    for lang in [lang, Lang::En] {
        let Some(bundle) = bundle(lang) else { continue };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        let out = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id, ?errors, "message formatted with errors");
        }
        return out.into_owned();
    }
    tracing::error!(id, "message id missing from the catalogue");
    id.to_owned()
}

/// A use case's message in `lang`.
#[must_use]
pub fn say(lang: Lang, message: &Message) -> String {
    text(lang, message.id, &message.args)
}

/// Whether the catalogue has `id` in `lang` (for the catalogue's own tests).
#[must_use]
pub fn has(lang: Lang, id: &str) -> bool {
    bundle(lang).is_some_and(|b| b.has_message(id))
}

/// Every id of `lang`'s files (for the catalogue's own tests).
#[must_use]
pub fn ids(lang: Lang) -> Vec<String> {
    FILES
        .iter()
        .filter(|(l, _, _)| *l == lang)
        .flat_map(|(_, _, text)| text.lines())
        .filter_map(|line| {
            let (id, _) = line.split_once(" =")?;
            (!id.starts_with([' ', '#', '.']) && !id.is_empty()).then(|| id.trim().to_owned())
        })
        .collect()
}
