//! The message catalogue: every word a person reads, in Fluent files under `locales/<lang>/`,
//! compiled into the binary. Use cases hand over [`Message`]s (an id and arguments); pages and
//! API answers say them here. English is complete; a language missing an id falls back to it.

use std::sync::OnceLock;

use bahi_app::Message;
use bahi_app::message::Arg;
use bahi_store::identity::users::Language;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language bahi speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Hi,
}

impl Lang {
    pub const ALL: [Self; 2] = [Self::En, Self::Hi];

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Hi => "hi",
        }
    }

    /// The language's name in itself, for the switch (a Hindi reader looks for "हिन्दी").
    #[must_use]
    pub fn own_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Hi => "हिन्दी",
        }
    }

    #[must_use]
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code.trim())
    }

    #[must_use]
    pub fn of_stored(language: Language) -> Self {
        match language {
            Language::English => Self::En,
            Language::Hindi => Self::Hi,
        }
    }

    #[must_use]
    pub fn stored(self) -> Language {
        match self {
            Self::En => Language::English,
            Self::Hi => Language::Hindi,
        }
    }

    /// The first language of an `Accept-Language` header that bahi speaks, honouring the
    /// order the browser gives (weights of zero mean "not this one").
    #[must_use]
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut offered: Vec<(u16, Self)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let primary = tag.split('-').next()?.to_ascii_lowercase();
                let weight = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1000), parse_weight)?;
                let lang = Self::parse(&primary)?;
                (weight > 0).then_some((weight, lang))
            })
            .collect();
        // Stable: equal weights keep the header's order.
        offered.sort_by_key(|(weight, _)| std::cmp::Reverse(*weight));
        offered.first().map(|(_, l)| *l)
    }
}

/// An HTTP quality value ("0.8") in thousandths, without floating point.
fn parse_weight(q: &str) -> Option<u16> {
    let q = q.trim();
    let (whole, fraction) = q.split_once('.').unwrap_or((q, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u16 = whole.parse().ok()?;
    let fraction: u16 = format!("{fraction:0<3}").parse().ok()?;
    let weight = whole.checked_mul(1000)?.checked_add(fraction)?;
    (weight <= 1000).then_some(weight)
}

/// The catalogue's files, per language.
const FILES: &[(Lang, &str, &str)] = &[
    (
        Lang::En,
        "errors.ftl",
        include_str!("../locales/en/errors.ftl"),
    ),
    (
        Lang::En,
        "pages.ftl",
        include_str!("../locales/en/pages.ftl"),
    ),
    (
        Lang::Hi,
        "errors.ftl",
        include_str!("../locales/hi/errors.ftl"),
    ),
    (
        Lang::Hi,
        "pages.ftl",
        include_str!("../locales/hi/pages.ftl"),
    ),
];

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_language_bahi_speaks() {
        assert_eq!(
            Lang::from_accept_language("hi-IN,hi;q=0.9,en;q=0.8"),
            Some(Lang::Hi)
        );
        assert_eq!(Lang::from_accept_language("en-GB,hi;q=0.5"), Some(Lang::En));
        assert_eq!(
            Lang::from_accept_language("fr, hi;q=0.4, en;q=0.7"),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_accept_language("hi;q=0, en;q=0.1"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("fr,de"), None);
        assert_eq!(Lang::from_accept_language("hi;q=banana"), None);
    }
}
