//! What every page's frame shows: who is signed in, their organisations (the switcher), the
//! sign-out form with its CSRF token, and form errors next to their fields.

use bahi_store::identity::orgs;

use super::Assets;
use crate::auth::{Authenticated, csrf};
use crate::error::AppError;
use crate::problem::FieldError;
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
        auth: &Authenticated,
        current_org: Option<&str>,
    ) -> Result<Self, AppError> {
        let memberships = orgs::of_user(&app.db, auth.user.id).await?;
        let csrf = auth
            .session
            .as_ref()
            .map(|s| csrf::token_for(app.config.secret_key.as_bytes(), &s.id_hash.0))
            .unwrap_or_default();
        Ok(Self {
            assets: Assets::get(),
            user_name: Some(auth.user.name.clone()),
            is_admin: auth.user.is_platform_admin,
            csrf,
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

    pub async fn maybe(app: &AppState, auth: Option<&Authenticated>) -> Result<Self, AppError> {
        match auth {
            Some(a) => Self::for_user(app, a, None).await,
            None => Ok(Self::anonymous()),
        }
    }
}

/// Field errors for a form, looked up by field name in templates.
#[derive(Default)]
pub struct FormErrors {
    pub fields: Vec<FieldError>,
    /// An error about the whole form.
    pub form: Option<String>,
    /// The status the page with these errors answers with.
    pub status: Option<axum::http::StatusCode>,
}

impl FormErrors {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// Splits a handler's error into what the form shows; other errors go on as they are.
    pub fn from_error(error: AppError) -> Result<Self, AppError> {
        use axum::http::StatusCode;
        let form = |message: String, status: StatusCode| Self {
            fields: Vec::new(),
            form: Some(message),
            status: Some(status),
        };
        match error {
            AppError::Validation(fields) => Ok(Self {
                fields,
                form: None,
                status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            }),
            AppError::Duplicate(field) => Ok(Self {
                fields: vec![field],
                form: None,
                status: Some(StatusCode::CONFLICT),
            }),
            AppError::Conflict(message) => Ok(form(message, StatusCode::CONFLICT)),
            AppError::Forbidden(message) => Ok(form(message, StatusCode::FORBIDDEN)),
            AppError::TooManyRequests { retry_after } => Ok(form(
                format!(
                    "Too many attempts. Try again in {} minutes.",
                    (retry_after + 59) / 60
                ),
                StatusCode::TOO_MANY_REQUESTS,
            )),
            other => Err(other),
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
