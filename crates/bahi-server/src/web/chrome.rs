//! What every page's frame shows: who is signed in, their organisations (the switcher), the
//! sign-out form with its CSRF token; and how a form shows its errors next to their fields.

use axum::http::StatusCode;
use bahi_app::identity::orgs;
use bahi_app::{Actor, Error, Message};

use super::Assets;
use crate::http::{HttpError, csrf};
use crate::i18n::{Lang, say};
use crate::state::AppState;

pub struct NavOrg {
    pub id: String,
    pub name: String,
    pub current: bool,
}

pub struct Chrome {
    pub assets: &'static Assets,
    pub user_name: Option<String>,
    pub is_admin: bool,
    /// For forms: every unsafe request made with the session cookie carries it.
    pub csrf: String,
    pub orgs: Vec<NavOrg>,
}

impl Chrome {
    pub fn anonymous() -> Self {
        Self {
            assets: Assets::get(),
            user_name: None,
            is_admin: false,
            csrf: String::new(),
            orgs: Vec::new(),
        }
    }

    pub async fn for_user(
        app: &AppState,
        actor: &Actor,
        current_org: Option<&str>,
    ) -> Result<Self, HttpError> {
        let memberships = orgs::of_user(&app.services, actor.user.id).await?;
        Ok(Self {
            assets: Assets::get(),
            user_name: Some(actor.user.name.clone()),
            is_admin: actor.user.is_platform_admin,
            csrf: actor
                .session()
                .map(|s| csrf::token_for(app, s))
                .unwrap_or_default(),
            orgs: memberships
                .into_iter()
                .map(|m| {
                    let id = m.id.to_string();
                    NavOrg {
                        current: current_org == Some(id.as_str()),
                        id,
                        name: m.legal_name,
                    }
                })
                .collect(),
        })
    }

    pub async fn maybe(app: &AppState, actor: Option<&Actor>) -> Result<Self, HttpError> {
        match actor {
            Some(a) => Self::for_user(app, a, None).await,
            None => Ok(Self::anonymous()),
        }
    }
}

/// A form's errors, looked up by field name in templates, in the reader's words.
#[derive(Default)]
pub struct FormErrors {
    pub fields: Vec<(String, String)>,
    /// An error about the whole form.
    pub form: Option<String>,
    /// The status the page with these errors answers with.
    pub status: Option<StatusCode>,
}

impl FormErrors {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    fn whole_form(message: &Message, status: StatusCode) -> Self {
        Self {
            fields: Vec::new(),
            form: Some(say(Lang::En, message)),
            status: Some(status),
        }
    }

    /// Splits a use case's error into what the form shows; other errors go on to the error page.
    pub fn from_error(error: impl Into<HttpError>) -> Result<Self, HttpError> {
        let error = error.into();
        let status = error.status();
        let fields = |errors: &[bahi_app::FieldError]| {
            errors
                .iter()
                .map(|e| (e.field.clone(), say(Lang::En, &e.message)))
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
                Ok(Self::whole_form(m, status))
            }
            HttpError::App(Error::RateLimited { retry_after_secs }) => Ok(Self::whole_form(
                &Message::new("problem-too-many").arg("minutes", (retry_after_secs + 59) / 60),
                status,
            )),
            HttpError::WrongCredentials => Ok(Self::whole_form(
                &Message::new("problem-wrong-credentials"),
                status,
            )),
            _ => Err(error),
        }
    }

    /// The status of the page that shows these errors.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status.unwrap_or(StatusCode::UNPROCESSABLE_ENTITY)
    }
}

/// A `next` target that stays on this site.
pub fn local_path(next: Option<&str>) -> Option<String> {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .map(str::to_owned)
}
