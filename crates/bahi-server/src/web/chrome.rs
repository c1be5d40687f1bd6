//! What every page's frame needs, and the words it speaks. [`Frame`] is what a page handler takes
//! from its request — who is calling, in which language, the notice the last redirect left;
//! [`Chrome`] is what its template gets — the header (the business switcher, the navigation by
//! the work, the account menu), the translator (`chrome.t("id")`), and the CSRF token for forms.

use std::fmt::Display;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use bahi_app::identity::orgs;
use bahi_app::message::Arg;
use bahi_app::{Actor, MinimumRole, OrgCtx};
use bahi_store::identity::Role;

use super::Assets;
use super::notices;
use crate::http::caller::{Caller, caller};
use crate::http::{HttpError, csrf, language};
use crate::i18n::{self, Lang};
use crate::state::AppState;

/// The cookie an anonymous visitor's language choice is kept in.
pub const LANGUAGE_COOKIE: &str = "bahi_lang";

/// What a page handler takes from its request.
pub struct Frame {
    pub actor: Option<Actor>,
    pub lang: Lang,
    /// The browser held a session that timed out (the sign-in page says so).
    pub session_expired: bool,
    /// What the last redirect said happened ("Sunil was removed"), in the reader's words.
    pub notice: Option<String>,
    /// The path and query of this page (the language switch comes back to it).
    pub path: String,
}

impl FromRequestParts<AppState> for Frame {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, HttpError> {
        let who = caller(parts, app).await?;
        let jar = CookieJar::from_headers(&parts.headers);
        let (actor, session_expired) = match who {
            Caller::Signed(actor) => (Some(actor), false),
            Caller::Anonymous { session_expired } => (None, session_expired),
        };
        let lang = language(actor.as_ref(), &jar, parts);
        let notice = notices::read(&jar).map(|(id, args)| i18n::text(lang, &id, &args));
        let path = parts
            .uri
            .path_and_query()
            .map_or_else(|| parts.uri.path().to_owned(), ToString::to_string);
        Ok(Self {
            actor,
            lang,
            session_expired,
            notice,
            path,
        })
    }
}

impl Frame {
    /// The frame of a request whose caller could not be resolved (the database is down or not
    /// migrated): nobody signed in, the language from the cookie or the browser.
    #[must_use]
    pub fn anonymous(parts: &Parts) -> Self {
        let jar = CookieJar::from_headers(&parts.headers);
        Self {
            actor: None,
            lang: language(None, &jar, parts),
            session_expired: false,
            notice: None,
            path: parts.uri.path().to_owned(),
        }
    }
}

/// The user's own choice; else the visitor's cookie; else what the browser asks for; else
/// English.
fn language(actor: Option<&Actor>, jar: &CookieJar, parts: &Parts) -> Lang {
    if let Some(actor) = actor {
        return Lang::of_stored(actor.user.language);
    }
    jar.get(LANGUAGE_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .or_else(|| language::asked(parts))
        .unwrap_or_default()
}

pub struct NavOrg {
    pub id: String,
    pub name: String,
    /// The role in words ("Accountant").
    pub role: String,
    pub current: bool,
    can_see_audit: bool,
}

/// The business a page belongs to.
pub struct CurrentOrg {
    pub id: String,
    pub name: String,
    pub can_see_audit: bool,
}

pub struct Chrome {
    pub assets: &'static Assets,
    pub lang: Lang,
    pub user_name: Option<String>,
    pub is_admin: bool,
    /// For forms: every unsafe request made with the session cookie carries it.
    pub csrf: String,
    pub orgs: Vec<NavOrg>,
    pub current: Option<CurrentOrg>,
    /// Which navigation item this page is (`dashboard`, `members`, …).
    pub section: &'static str,
    pub notice: Option<String>,
    pub path: String,
}

impl Chrome {
    /// The frame for a page outside any business (or for nobody signed in).
    pub async fn new(
        app: &AppState,
        frame: &Frame,
        section: &'static str,
    ) -> Result<Self, HttpError> {
        let mut chrome = Self {
            assets: Assets::get(),
            lang: frame.lang,
            user_name: None,
            is_admin: false,
            csrf: String::new(),
            orgs: Vec::new(),
            current: None,
            section,
            notice: frame.notice.clone(),
            path: frame.path.clone(),
        };
        if let Some(actor) = &frame.actor {
            chrome.user_name = Some(actor.user.name.clone());
            chrome.is_admin = actor.user.is_platform_admin;
            chrome.csrf = actor
                .session()
                .map(|s| csrf::token_for(app, s))
                .unwrap_or_default();
            chrome.orgs = orgs::of_user(&app.services, actor.user.id)
                .await?
                .into_iter()
                .map(|m| NavOrg {
                    id: m.id.to_string(),
                    name: m.legal_name,
                    role: role_name(frame.lang, m.role),
                    current: false,
                    can_see_audit: m.role.at_least(Role::Accountant),
                })
                .collect();
        }
        Ok(chrome)
    }

    /// The frame for a page of a business the member belongs to.
    pub async fn for_org<R: MinimumRole>(
        app: &AppState,
        frame: &Frame,
        org: &OrgCtx<R>,
        section: &'static str,
    ) -> Result<Self, HttpError> {
        let mut chrome = Self::new(app, frame, section).await?;
        let id = org.org_id().to_string();
        for nav in &mut chrome.orgs {
            nav.current = nav.id == id;
        }
        chrome.current = Some(CurrentOrg {
            id,
            name: org.org().legal_name.clone(),
            can_see_audit: org.role().at_least(Role::Accountant),
        });
        Ok(chrome)
    }

    /// Shows the business `id` as the current one, when the reader is one of its members: for
    /// pages (errors) at one of its addresses that are not served through its [`OrgCtx`].
    #[must_use]
    pub fn within(mut self, id: &str) -> Self {
        for nav in &mut self.orgs {
            nav.current = nav.id == id;
            if nav.current {
                self.current = Some(CurrentOrg {
                    id: nav.id.clone(),
                    name: nav.name.clone(),
                    can_see_audit: nav.can_see_audit,
                });
            }
        }
        self
    }

    /// A message of the catalogue in the page's language.
    #[must_use]
    pub fn t(&self, id: &str) -> String {
        i18n::text(self.lang, id, &[])
    }

    /// A message with one argument.
    #[must_use]
    pub fn t1(&self, id: &str, name: &str, value: impl Display) -> String {
        i18n::text(self.lang, id, &[(name, Arg::Text(value.to_string()))])
    }

    /// A message with two arguments.
    #[must_use]
    pub fn t2(&self, id: &str, a: (&str, &str), b: (&str, &str)) -> String {
        i18n::text(
            self.lang,
            id,
            &[
                (a.0, Arg::Text(a.1.to_owned())),
                (b.0, Arg::Text(b.1.to_owned())),
            ],
        )
    }

    /// The label of a form field (`label-<field>`, dots as dashes), as errors name it too.
    #[must_use]
    pub fn label(&self, field: &str) -> String {
        field_label(self.lang, field)
    }

    /// The languages the switch offers: code, own name, whether it is this page's.
    #[must_use]
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL
            .into_iter()
            .map(|l| (l.code(), l.own_name(), l == self.lang))
            .collect()
    }
}

/// A role's name ("Accountant").
#[must_use]
pub fn role_name(lang: Lang, role: Role) -> String {
    i18n::text(lang, &format!("role-{}", role.as_str()), &[])
}

/// A role's name with what it may do ("Accountant — can create and issue documents").
#[must_use]
pub fn role_words(lang: Lang, role: Role) -> String {
    i18n::text(lang, &format!("role-{}-means", role.as_str()), &[])
}

/// A form's errors, looked up by field name in templates, in the reader's words.
#[derive(Default)]
pub struct FormErrors {
    pub fields: Vec<FieldMessage>,
    /// An error about the whole form.
    pub form: Option<String>,
    /// The status the page with these errors answers with.
    pub status: Option<axum::http::StatusCode>,
}

pub struct FieldMessage {
    pub field: String,
    pub message: String,
    /// What the page says: the field's name and the message ("PIN code must be six digits"),
    /// or the message alone when it is a sentence that names the field itself (GSTIN reasons).
    pub full: String,
}

impl FieldMessage {
    /// The id of the field's input, for the summary's links.
    #[must_use]
    pub fn anchor(&self) -> String {
        FormErrors::anchor_of(&self.field)
    }
}

/// Messages that are whole sentences naming their field (a GSTIN's reasons).
fn is_sentence(id: &str) -> bool {
    id.starts_with("gstin-") || id.starts_with("party-gstin-")
}

/// A field's name in `lang` (`label-<field>` in the catalogue, dots as dashes), or the field
/// itself when the catalogue has none.
#[must_use]
pub fn field_label(lang: Lang, field: &str) -> String {
    // A line's or an allocation's field: "Line 2: Quantity" for `lines[1].quantity`.
    for (list, id) in [
        ("lines[", "label-line-field"),
        ("allocations[", "label-allocation-field"),
        ("to[", "label-recipient-field"),
    ] {
        if let Some(rest) = field.strip_prefix(list)
            && let Some((n, inner)) = rest.split_once(']')
            && let Ok(n) = n.parse::<usize>()
        {
            let inner = inner.strip_prefix('.').unwrap_or(inner);
            let name = if inner.is_empty() {
                String::new()
            } else {
                field_label(lang, inner)
            };
            return i18n::text(
                lang,
                id,
                &[
                    ("n", Arg::Text((n + 1).to_string())),
                    ("field", Arg::Text(name)),
                ],
            )
            .trim_end_matches([':', ' '])
            .to_owned();
        }
    }
    let id = format!("label-{}", field.replace('.', "-"));
    if i18n::has(lang, &id) || i18n::has(Lang::En, &id) {
        i18n::text(lang, &id, &[])
    } else {
        field.to_owned()
    }
}

impl FormErrors {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// What the page says about `field`: its name and the message (see [`FieldMessage::full`]).
    pub fn full(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.full.as_str())
    }

    /// The id of a field's input: sign-up's `organisation.` prefix dropped, other dots as
    /// underscores (`billing_address.pincode` → `billing_address_pincode`), list positions as
    /// dashes (`lines[1].quantity` → `lines-1-quantity`, the form field's own name).
    #[must_use]
    pub fn anchor_of(field: &str) -> String {
        field
            .strip_prefix("organisation.")
            .unwrap_or(field)
            .replace("].", "-")
            .replace('[', "-")
            .replace(']', "")
            .replace('.', "_")
    }

    #[must_use]
    pub fn any(&self) -> bool {
        self.form.is_some() || !self.fields.is_empty()
    }

    fn whole_form(message: String, status: axum::http::StatusCode) -> Self {
        Self {
            fields: Vec::new(),
            form: Some(message),
            status: Some(status),
        }
    }

    /// Splits a use case's error into what the form shows, in `lang`; other errors go on to the
    /// error page.
    pub fn from_error(error: impl Into<HttpError>, lang: Lang) -> Result<Self, HttpError> {
        use bahi_app::{Error, Message};
        let error = error.into();
        let status = error.status();
        let fields = |errors: &[bahi_app::FieldError]| {
            errors
                .iter()
                .map(|e| {
                    let message = i18n::say(lang, &e.message);
                    let full = if is_sentence(e.message.id) {
                        message.clone()
                    } else {
                        format!("{} {message}", field_label(lang, &e.field))
                    };
                    FieldMessage {
                        field: e.field.clone(),
                        message,
                        full,
                    }
                })
                .collect()
        };
        match &error {
            HttpError::App(Error::Invalid(errors)) => Ok(Self {
                fields: fields(errors),
                form: None,
                status: Some(status),
            }),
            HttpError::App(Error::Duplicate(field)) => Ok(Self {
                fields: fields(std::slice::from_ref(field)),
                form: None,
                status: Some(status),
            }),
            HttpError::App(Error::Conflict(m) | Error::Forbidden(m)) => {
                Ok(Self::whole_form(i18n::say(lang, m), status))
            }
            HttpError::App(Error::RateLimited { retry_after_secs }) => Ok(Self::whole_form(
                i18n::say(
                    lang,
                    &Message::new("problem-too-many").arg("minutes", (retry_after_secs + 59) / 60),
                ),
                status,
            )),
            HttpError::WrongCredentials => Ok(Self::whole_form(
                i18n::say(lang, &Message::new("problem-wrong-credentials")),
                status,
            )),
            _ => Err(error),
        }
    }

    /// The status of the page that shows these errors.
    #[must_use]
    pub fn status(&self) -> axum::http::StatusCode {
        self.status
            .unwrap_or(axum::http::StatusCode::UNPROCESSABLE_ENTITY)
    }
}

/// A `next` target that stays on this site.
pub fn local_path(next: Option<&str>) -> Option<String> {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .map(str::to_owned)
}
