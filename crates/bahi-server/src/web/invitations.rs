//! The page an invitation link opens: signed in with the invited address, one button joins;
//! signed in as someone else, a way to sign out; not signed in, sign in (existing accounts) or
//! create the account.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::Actor;
use bahi_app::identity::invitations;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::respond::{render, see_other};
use crate::http::client_ip::ClientIp;
use crate::http::extract::Path;
use crate::http::paths::InvitationToken;
use crate::http::{HttpError, cookies, csrf};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationPage {
    chrome: Chrome,
    token: String,
    org_name: String,
    email: String,
    /// The role as the sentence says it ("accountant").
    role_name: String,
    /// The address of whoever is signed in, if anyone is.
    signed_in_as: Option<String>,
    /// Signed in with the invited address: one button accepts.
    is_invitee: bool,
    name: String,
    errors: FormErrors,
}

async fn render_page(
    app: &AppState,
    frame: &Frame,
    token: &str,
    name: String,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let offer = invitations::offer(&app.services, token).await?;
    let signed_in_as = frame.actor.as_ref().map(|a| a.user.email.clone());
    let status = errors.status.unwrap_or(StatusCode::OK);
    let role_id = format!("role-{}-in-sentence", offer.invitation.role.as_str());
    let page = InvitationPage {
        chrome: Chrome::new(app, frame, "invitation").await?,
        token: token.to_owned(),
        org_name: offer.organisation,
        is_invitee: signed_in_as.as_deref() == Some(offer.invitation.email.as_str()),
        email: offer.invitation.email,
        role_name: crate::i18n::text(frame.lang, &role_id, &[]),
        signed_in_as,
        name,
        errors,
    };
    Ok(render(status, &page))
}

/// A session cookie that no longer opens a session is cleared, so the anonymous form (which
/// carries no CSRF token) is not refused for it.
fn forget_stale_session(app: &AppState, actor: Option<&Actor>, jar: CookieJar) -> CookieJar {
    let holds_cookie = jar
        .get(cookies::session_name(app))
        .is_some_and(|c| !c.value().is_empty());
    if actor.is_none() && holds_cookie {
        cookies::clear(app, jar)
    } else {
        jar
    }
}

pub async fn page(
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<InvitationToken>,
) -> Result<Response, HttpError> {
    let page = render_page(
        &app,
        &frame,
        &path.token,
        String::new(),
        FormErrors::default(),
    )
    .await?;
    Ok((forget_stale_session(&app, frame.actor.as_ref(), jar), page).into_response())
}

#[derive(Debug, Deserialize)]
pub struct AcceptForm {
    name: Option<String>,
    #[serde(default)]
    password: String,
}

/// Signed in with the invited address: joins. Otherwise: creates the account from the form.
pub async fn accept(
    State(app): State<AppState>,
    frame: Frame,
    ip: ClientIp,
    jar: CookieJar,
    Path(path): Path<InvitationToken>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let attempt = match frame.actor.as_ref() {
        Some(actor) => invitations::accept_signed_in(s, &path.token, actor).await,
        None => {
            let name = form.name.as_deref().unwrap_or_default();
            let ip = ip.to_string();
            let lang = frame.lang.stored();
            invitations::accept_new_account(s, &path.token, name, &form.password, &ip, lang).await
        }
    };
    match attempt {
        Ok(joined) => {
            let jar = match &joined.session {
                Some(new) => {
                    let csrf = csrf::token_for(&app, &new.id_hash);
                    cookies::set(&app, jar, &new.token, &csrf)
                }
                None => jar,
            };
            Ok((jar, see_other(&format!("/orgs/{}", joined.org_id))).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            let name = form.name.unwrap_or_default();
            render_page(&app, &frame, &path.token, name, errors).await
        }
    }
}
