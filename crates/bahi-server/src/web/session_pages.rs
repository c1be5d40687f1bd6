//! Sign-up, sign-in and sign-out pages.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_gst::StateCode;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, local_path};
use super::{render, see_other};
use crate::accounts::{self, OrgInput, signup::SignupInput};
use crate::auth::client_ip::ClientIp;
use crate::auth::{Authenticated, limits, session};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    legal_name: String,
    #[serde(default)]
    gstin: String,
    #[serde(default)]
    state_code: String,
}

#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage {
    chrome: Chrome,
    form: SignupForm,
    errors: FormErrors,
    states: Vec<(String, &'static str)>,
}

fn states() -> Vec<(String, &'static str)> {
    StateCode::all()
        .filter(|s| !s.is_other_countries())
        .map(|s| (s.to_string(), s.name()))
        .collect()
}

pub async fn signup_form() -> Response {
    render(
        StatusCode::OK,
        &SignupPage {
            chrome: Chrome::anonymous(),
            form: SignupForm::default(),
            errors: FormErrors::default(),
            states: states(),
        },
    )
}

pub async fn signup(
    State(app): State<AppState>,
    ip: ClientIp,
    jar: CookieJar,
    Form(form): Form<SignupForm>,
) -> Result<Response, AppError> {
    let attempt = async {
        limits::check_signup(&app, &ip.to_string()).await?;
        let input = SignupInput {
            name: form.name.clone(),
            email: form.email.clone(),
            password: form.password.clone(),
            organisation: OrgInput {
                legal_name: form.legal_name.clone(),
                gstin: Some(form.gstin.clone()),
                state_code: Some(form.state_code.clone()),
                ..OrgInput::default()
            },
        };
        accounts::signup::signup(&app, input, Some(ip.to_string())).await
    };
    match attempt.await {
        Ok(done) => {
            let jar = session::set_cookies(&app, jar, &done.session);
            Ok((jar, see_other(&format!("/orgs/{}", done.org.id))).into_response())
        }
        Err(error) => {
            let errors = FormErrors::from_error(error)?;
            let form = SignupForm {
                password: String::new(),
                ..form
            };
            Ok(render(
                errors.status(),
                &SignupPage {
                    chrome: Chrome::anonymous(),
                    form,
                    errors,
                    states: states(),
                },
            ))
        }
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    email: String,
    next: String,
    errors: FormErrors,
}

#[derive(Debug, Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn login_form(Query(q): Query<Next>) -> Response {
    let next = local_path(q.next.as_deref()).unwrap_or_default();
    render(
        StatusCode::OK,
        &LoginPage {
            chrome: Chrome::anonymous(),
            email: String::new(),
            next,
            errors: FormErrors::default(),
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn login(
    State(app): State<AppState>,
    ip: ClientIp,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = local_path(form.next.as_deref());
    let previous = session::hash_from_jar(&app, &jar);
    let ip = ip.to_string();
    let attempt =
        accounts::sessions::login(&app, &form.email, &form.password, &ip, previous.as_deref());
    match attempt.await {
        Ok(done) => {
            let jar = session::set_cookies(&app, jar, &done.session);
            Ok((jar, see_other(next.as_deref().unwrap_or("/dashboard"))).into_response())
        }
        Err(error) => {
            let errors = match error {
                AppError::Unauthorized => FormErrors {
                    fields: Vec::new(),
                    form: Some("Email or password is incorrect.".into()),
                    status: Some(StatusCode::UNAUTHORIZED),
                },
                other => FormErrors::from_error(other)?,
            };
            let status = errors.status();
            let page = LoginPage {
                chrome: Chrome::anonymous(),
                email: form.email,
                next: next.unwrap_or_default(),
                errors,
            };
            Ok(render(status, &page))
        }
    }
}

pub async fn logout(
    State(app): State<AppState>,
    auth: Option<Authenticated>,
    ip: ClientIp,
    jar: CookieJar,
) -> Result<Response, AppError> {
    if let Some(auth) = auth
        && let Some(s) = &auth.session
    {
        accounts::sessions::logout(&app, &auth.user, &s.id_hash.0, Some(ip.to_string())).await?;
    }
    Ok((session::clear_cookies(&app, jar), see_other("/")).into_response())
}
