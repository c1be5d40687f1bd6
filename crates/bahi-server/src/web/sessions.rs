//! Sign-up, sign-in and sign-out pages.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_gst::StateCode;
use serde::Deserialize;

use bahi_app::identity::validate::OrgInput;
use bahi_app::identity::{sessions, signup};

use super::chrome::{Chrome, FormErrors, local_path};
use super::respond::{render, see_other};
use crate::http::client_ip::ClientIp;
use crate::http::{HttpError, Signed, cookies, csrf};
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

/// Sets the cookies of a session just started.
fn with_session(app: &AppState, jar: CookieJar, new: &sessions::NewSession) -> CookieJar {
    let csrf = csrf::token_for(app, &new.id_hash);
    cookies::set(app, jar, &new.token, &csrf)
}

pub async fn signup(
    State(app): State<AppState>,
    ip: ClientIp,
    jar: CookieJar,
    Form(form): Form<SignupForm>,
) -> Result<Response, HttpError> {
    let input = signup::SignupInput {
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
    match signup::signup(&app.services, input, &ip.to_string()).await {
        Ok(done) => {
            let jar = with_session(&app, jar, &done.session);
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
) -> Result<Response, HttpError> {
    let next = local_path(form.next.as_deref());
    let previous = cookies::session_hash(&app, &jar);
    let ip = ip.to_string();
    let attempt = sessions::login(
        &app.services,
        &form.email,
        &form.password,
        &ip,
        previous.as_deref(),
    );
    match attempt.await {
        Ok(done) => {
            let jar = with_session(&app, jar, &done.session);
            Ok((jar, see_other(next.as_deref().unwrap_or("/dashboard"))).into_response())
        }
        Err(error) => {
            let error = match error {
                bahi_app::Error::Unauthenticated => HttpError::WrongCredentials,
                other => other.into(),
            };
            let errors = FormErrors::from_error(error)?;
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
    signed: Option<Signed>,
    jar: CookieJar,
) -> Result<Response, HttpError> {
    if let Some(Signed(actor)) = &signed {
        sessions::logout(&app.services, actor).await?;
    }
    Ok((cookies::clear(&app, jar), see_other("/")).into_response())
}
