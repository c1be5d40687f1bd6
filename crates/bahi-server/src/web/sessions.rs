//! Sign-up, sign-in, sign-out, and the language switch.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use bahi_app::identity::validate::OrgInput;
use bahi_app::identity::{orgs, profile, sessions, signup};
use bahi_gst::StateCode;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame, LANGUAGE_COOKIE, local_path};
use super::respond::{render, see_other};
use crate::http::client_ip::ClientIp;
use crate::http::{HttpError, cookies, csrf};
use crate::i18n::Lang;
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

/// Every state a business can be registered in, `27 Maharashtra` style.
pub(super) fn states() -> Vec<(String, &'static str)> {
    StateCode::all()
        .filter(|s| !s.is_other_countries())
        .map(|s| (s.to_string(), s.name()))
        .collect()
}

pub async fn signup_form(State(app): State<AppState>, frame: Frame) -> Result<Response, HttpError> {
    let chrome = Chrome::new(&app, &frame, "signup").await?;
    let page = SignupPage {
        chrome,
        form: SignupForm::default(),
        errors: FormErrors::default(),
        states: states(),
    };
    Ok(render(axum::http::StatusCode::OK, &page))
}

/// Sets the cookies of a session just started.
pub(super) fn with_session(
    app: &AppState,
    jar: CookieJar,
    new: &sessions::NewSession,
) -> CookieJar {
    let csrf = csrf::token_for(app, &new.id_hash);
    cookies::set(app, jar, &new.token, &csrf)
}

pub async fn signup(
    State(app): State<AppState>,
    frame: Frame,
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
        language: frame.lang.stored(),
    };
    match signup::signup(&app.services, input, &ip.to_string()).await {
        Ok(done) => {
            let jar = with_session(&app, jar, &done.session);
            Ok((jar, see_other(&format!("/orgs/{}", done.org.id))).into_response())
        }
        Err(error) => {
            let errors = FormErrors::from_error(error, frame.lang)?;
            // What was typed stays, but never the password (the page says to type it again).
            let form = SignupForm {
                password: String::new(),
                ..form
            };
            let page = SignupPage {
                chrome: Chrome::new(&app, &frame, "signup").await?,
                form,
                errors,
                states: states(),
            };
            Ok(render(page.errors.status(), &page))
        }
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    email: String,
    next: String,
    /// Sent here because a session timed out.
    expired: bool,
    errors: FormErrors,
}

#[derive(Debug, Deserialize)]
pub struct Next {
    next: Option<String>,
    expired: Option<String>,
}

pub async fn login_form(
    State(app): State<AppState>,
    frame: Frame,
    Query(q): Query<Next>,
) -> Result<Response, HttpError> {
    let next = local_path(q.next.as_deref()).unwrap_or_default();
    let page = LoginPage {
        chrome: Chrome::new(&app, &frame, "login").await?,
        email: String::new(),
        next,
        expired: q.expired.is_some() || frame.session_expired,
        errors: FormErrors::default(),
    };
    Ok(render(axum::http::StatusCode::OK, &page))
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
    frame: Frame,
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
        None,
    );
    match attempt.await {
        Ok(sessions::Login::SignedIn(done)) => {
            let jar = with_session(&app, jar, &done.session);
            let destination = landing(&app, next, &done.user).await?;
            Ok((jar, see_other(&destination)).into_response())
        }
        Ok(sessions::Login::SecondFactor { challenge }) => {
            let jar = cookies::set_challenge(&app, jar, &challenge);
            let to = match next {
                Some(next) => format!(
                    "/login/two-factor?next={}",
                    url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
                ),
                None => "/login/two-factor".to_owned(),
            };
            Ok((jar, see_other(&to)).into_response())
        }
        Err(error) => {
            let error = match error {
                bahi_app::Error::Unauthenticated => HttpError::WrongCredentials,
                other => other.into(),
            };
            let errors = FormErrors::from_error(error, frame.lang)?;
            let status = errors.status();
            let page = LoginPage {
                chrome: Chrome::new(&app, &frame, "login").await?,
                email: form.email,
                next: next.unwrap_or_default(),
                expired: false,
                errors,
            };
            Ok(render(status, &page))
        }
    }
}

/// Where a sign-in lands: where it was going, else the one business, else the list of them.
async fn landing(
    app: &AppState,
    next: Option<String>,
    user: &bahi_store::identity::users::User,
) -> Result<String, HttpError> {
    Ok(match next {
        Some(next) => next,
        None => match orgs::of_user(&app.services, user.id).await?.as_slice() {
            [only] => format!("/orgs/{}", only.id),
            _ => "/dashboard".to_owned(),
        },
    })
}

#[derive(Template)]
#[template(path = "login_two_factor.html")]
struct SecondFactorPage {
    chrome: Chrome,
    next: String,
    /// The challenge is gone (used, or more than five minutes old): sign in again.
    expired: bool,
    errors: FormErrors,
}

pub async fn second_factor_form(
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Query(q): Query<Next>,
) -> Result<Response, HttpError> {
    let page = SecondFactorPage {
        chrome: Chrome::new(&app, &frame, "login").await?,
        next: local_path(q.next.as_deref()).unwrap_or_default(),
        expired: cookies::challenge(&jar).is_none(),
        errors: FormErrors::default(),
    };
    Ok(render(axum::http::StatusCode::OK, &page))
}

#[derive(Debug, Deserialize)]
pub struct SecondFactorForm {
    #[serde(default)]
    code: String,
    next: Option<String>,
}

pub async fn second_factor(
    State(app): State<AppState>,
    frame: Frame,
    ip: ClientIp,
    jar: CookieJar,
    Form(form): Form<SecondFactorForm>,
) -> Result<Response, HttpError> {
    let next = local_path(form.next.as_deref());
    let previous = cookies::session_hash(&app, &jar);
    let answered = match cookies::challenge(&jar) {
        Some(challenge) => {
            sessions::answer_challenge(
                &app.services,
                &challenge,
                &form.code,
                &ip.to_string(),
                previous.as_deref(),
            )
            .await
        }
        None => Err(bahi_app::Error::Conflict(bahi_app::Message::new(
            "sign-in-challenge-expired",
        ))),
    };
    match answered {
        Ok(done) => {
            let jar = cookies::clear_challenge(&app, jar);
            let jar = with_session(&app, jar, &done.session);
            let destination = landing(&app, next, &done.user).await?;
            Ok((jar, see_other(&destination)).into_response())
        }
        Err(error) => {
            let expired = matches!(&error, bahi_app::Error::Conflict(_));
            let errors = FormErrors::from_error(error, frame.lang)?;
            let status = errors.status();
            let page = SecondFactorPage {
                chrome: Chrome::new(&app, &frame, "login").await?,
                next: next.unwrap_or_default(),
                expired,
                errors,
            };
            Ok(render(status, &page))
        }
    }
}

pub async fn logout(
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
) -> Result<Response, HttpError> {
    if let Some(actor) = &frame.actor {
        sessions::logout(&app.services, actor).await?;
    }
    Ok((cookies::clear(&app, jar), see_other("/")).into_response())
}

#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    lang: String,
    back: Option<String>,
}

/// Switches the pages' language: for a signed-in user their preference, for anyone the cookie.
pub async fn language(
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Form(form): Form<LanguageForm>,
) -> Result<Response, HttpError> {
    let lang = Lang::parse(&form.lang).unwrap_or_default();
    if let Some(actor) = &frame.actor {
        profile::set_language(&app.services, actor, lang.stored()).await?;
    }
    let mut cookie = Cookie::new(LANGUAGE_COOKIE, lang.code());
    cookie.set_path("/");
    cookie.set_same_site(SameSite::Lax);
    cookie.set_max_age(time::Duration::days(365));
    let back = local_path(form.back.as_deref()).unwrap_or_else(|| "/".to_owned());
    Ok((jar.add(cookie), see_other(&back)).into_response())
}
