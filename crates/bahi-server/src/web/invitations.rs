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
use bahi_store::identity::Role;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors};
use super::respond::{render, see_other};
use crate::http::client_ip::ClientIp;
use crate::http::extract::Path;
use crate::http::paths::InvitationToken;
use crate::http::{HttpError, Signed, cookies, csrf};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationPage {
    chrome: Chrome,
    token: String,
    org_name: String,
    email: String,
    role: Role,
    /// The address of whoever is signed in, if anyone is.
    signed_in_as: Option<String>,
    /// Signed in with the invited address: one button accepts.
    is_invitee: bool,
    name: String,
    errors: FormErrors,
}

async fn render_page(
    app: &AppState,
    actor: Option<&Actor>,
    token: &str,
    name: String,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let offer = invitations::offer(&app.services, token).await?;
    let signed_in_as = actor.map(|a| a.user.email.clone());
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = InvitationPage {
        chrome: Chrome::maybe(app, actor).await?,
        token: token.to_owned(),
        org_name: offer.organisation,
        is_invitee: signed_in_as.as_deref() == Some(offer.invitation.email.as_str()),
        email: offer.invitation.email,
        role: offer.invitation.role,
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
    signed: Option<Signed>,
    jar: CookieJar,
    Path(path): Path<InvitationToken>,
) -> Result<Response, HttpError> {
    let actor = signed.as_deref();
    let page = render_page(
        &app,
        actor,
        &path.token,
        String::new(),
        FormErrors::default(),
    )
    .await?;
    Ok((forget_stale_session(&app, actor, jar), page).into_response())
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
    signed: Option<Signed>,
    ip: ClientIp,
    jar: CookieJar,
    Path(path): Path<InvitationToken>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let attempt = match signed.as_deref() {
        Some(actor) => invitations::accept_signed_in(s, &path.token, actor).await,
        None => {
            let name = form.name.as_deref().unwrap_or_default();
            let ip = ip.to_string();
            invitations::accept_new_account(s, &path.token, name, &form.password, &ip).await
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
            let errors = FormErrors::from_error(e)?;
            let name = form.name.unwrap_or_default();
            render_page(&app, signed.as_deref(), &path.token, name, errors).await
        }
    }
}
