//! The logo page of a business's settings: the logo its documents print, uploaded as a PNG or
//! JPEG (checked by decoding it, at most 512 KB), replaced or removed.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::identity::logos;
use bahi_app::{Admin, Error, Message, Viewer};
use bahi_pdf::Logo;

use super::chrome::{Chrome, FormErrors, Frame};
use super::notices;
use super::respond::{render, see_other};
use crate::http::{HttpError, Member};
use crate::print;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "logo.html")]
struct LogoPage {
    chrome: Chrome,
    org_id: String,
    has_logo: bool,
    can_edit: bool,
    errors: FormErrors,
}

async fn logo_page(
    app: &AppState,
    frame: &Frame,
    member: &Member<Viewer>,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let chrome = Chrome::for_org(app, frame, member, "settings").await?;
    let has_logo = logos::get(&app.services, member).await?.is_some();
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = LogoPage {
        org_id: member.org_id().to_string(),
        has_logo,
        can_edit: member.as_role::<Admin>().is_some(),
        errors,
        chrome,
    };
    Ok(render(status, &page))
}

pub async fn page(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    logo_page(&app, &frame, &member, FormErrors::default()).await
}

/// The logo itself, for the page's preview.
pub async fn image(
    member: Member<Viewer>,
    State(app): State<AppState>,
) -> Result<Response, HttpError> {
    let stored = logos::get(&app.services, &member)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(print::logo::logo_response(stored))
}

/// The uploaded file: the form's `logo` field.
async fn uploaded(mut form: Multipart) -> Result<Vec<u8>, Error> {
    let missing = || Error::field("logo", Message::new("logo-missing"));
    while let Some(field) = form.next_field().await.map_err(|_| missing())? {
        if field.name() == Some("logo") {
            let bytes = field.bytes().await.map_err(|_| missing())?;
            if bytes.is_empty() {
                return Err(missing());
            }
            return Ok(bytes.to_vec());
        }
    }
    Err(missing())
}

pub async fn upload(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    form: Multipart,
) -> Result<Response, HttpError> {
    let checked = uploaded(form)
        .await
        .and_then(|bytes| Logo::check(bytes).map_err(print::logo::logo_refusal));
    let saved = match checked {
        Ok(logo) => {
            logos::set(
                &app.services,
                &member,
                logo.format.content_type(),
                &logo.bytes,
            )
            .await
        }
        Err(e) => Err(e),
    };
    match saved {
        Ok(()) => {
            let jar = notices::leave(jar, &Message::new("notice-logo-saved"));
            let to = format!("/orgs/{}/settings/logo", member.org_id());
            Ok((jar, see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            let viewer = Member(member.as_role::<Viewer>().ok_or(Error::NotFound)?);
            logo_page(&app, &frame, &viewer, errors).await
        }
    }
}

pub async fn remove(
    member: Member<Admin>,
    State(app): State<AppState>,
    jar: CookieJar,
) -> Result<Response, HttpError> {
    logos::remove(&app.services, &member).await?;
    let jar = notices::leave(jar, &Message::new("notice-logo-removed"));
    let to = format!("/orgs/{}/settings/logo", member.org_id());
    Ok((jar, see_other(&to)).into_response())
}
