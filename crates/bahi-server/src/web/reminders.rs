//! The payment-reminders page (`/orgs/{id}/settings/reminders`): whether customers are e-mailed
//! about unpaid invoices, and when. Admins change it; others read it. Without mail the page
//! says reminders cannot go out.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::sales::reminders;
use bahi_app::{Admin, Error, FieldErrors, Message, Viewer};
use bahi_store::identity::orgs::Reminders;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::notices;
use super::respond::{render, see_other};
use crate::http::{HttpError, Member};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "reminders.html")]
struct RemindersPage {
    chrome: Chrome,
    org_id: String,
    can_edit: bool,
    mail_on: bool,
    form: RemindersForm,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct RemindersForm {
    /// A checkbox: present when ticked.
    #[serde(default)]
    enabled: Option<String>,
    #[serde(default)]
    days_before: String,
    #[serde(default)]
    days_after: String,
}

impl RemindersForm {
    fn of(r: Reminders) -> Self {
        let text = |d: Option<i64>| d.map(|d| d.to_string()).unwrap_or_default();
        Self {
            enabled: r.on.then(|| "on".to_owned()),
            days_before: text(r.days_before),
            days_after: text(r.days_after),
        }
    }

    /// The settings typed; a number that is not one is named.
    fn reminders(&self) -> Result<Reminders, Error> {
        let mut errors = FieldErrors::default();
        let mut days = |field: &str, text: &str| {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            text.parse::<i64>().map_or_else(
                |_| {
                    errors.push(field, Message::new("json-whole-number"));
                    None
                },
                Some,
            )
        };
        let days_before = days("days_before", &self.days_before);
        let days_after = days("days_after", &self.days_after);
        errors.check()?;
        Ok(Reminders {
            on: self.enabled.is_some(),
            days_before,
            days_after,
        })
    }
}

async fn page(
    app: &AppState,
    frame: &Frame,
    member: &Member<Viewer>,
    form: RemindersForm,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let status = errors.status.unwrap_or(StatusCode::OK);
    let view = RemindersPage {
        chrome: Chrome::for_org(app, frame, member, "settings").await?,
        org_id: member.org_id().to_string(),
        can_edit: member.as_role::<Admin>().is_some(),
        mail_on: app.services.mail_on(),
        form,
        errors,
    };
    Ok(render(status, &view))
}

pub async fn show(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    let current = reminders::get(&app.services, &member).await?;
    page(
        &app,
        &frame,
        &member,
        RemindersForm::of(current),
        FormErrors::default(),
    )
    .await
}

pub async fn save(
    member: Member<Admin>,
    viewer: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Form(form): Form<RemindersForm>,
) -> Result<Response, HttpError> {
    let saved = match form.reminders() {
        Ok(wanted) => reminders::configure(&app.services, &member, wanted).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => {
            let notice = Message::new("notice-reminders-saved");
            let to = format!("/orgs/{}/settings/reminders", member.org_id());
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            page(&app, &frame, &viewer, form, errors).await
        }
    }
}
