//! E-mailing a document from its page: a form with the addresses (the party's by default) and
//! a few words; sending queues the message with the PDF and goes back to the document with a
//! notice. Without SMTP the document page shows the button disabled, with the reason.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::sales::email::{self, Request};
use bahi_app::sales::invoices::Invoice;
use bahi_app::{Accountant, Message};
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::invoices::kind_words;
use super::notices;
use super::respond::{render, see_other};
use crate::http::extract::Path;
use crate::http::paths::InvoicePath;
use crate::http::{HttpError, Member};
use crate::print::mail::{Sent, email_document};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "email_form.html")]
struct EmailPage {
    chrome: Chrome,
    title: String,
    action: String,
    back: String,
    to: String,
    message: String,
    errors: FormErrors,
}

#[derive(Debug, Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    message: String,
}

fn path_of(sent: Sent) -> &'static str {
    match sent {
        Sent::Invoice => "invoices",
        Sent::Note => "notes",
    }
}

async fn document(
    app: &AppState,
    member: &Member<Accountant>,
    sent: Sent,
    path: &InvoicePath,
) -> Result<Invoice, HttpError> {
    Ok(match sent {
        Sent::Invoice => bahi_app::sales::invoices::get(&app.services, member, path.id).await?,
        Sent::Note => bahi_app::sales::notes::get(&app.services, member, path.id).await?,
    })
}

async fn page(
    app: &AppState,
    frame: &Frame,
    member: &Member<Accountant>,
    sent: Sent,
    doc: &Invoice,
    form: EmailForm,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let chrome = Chrome::for_org(app, frame, member, "sales").await?;
    let number = doc.doc.number.clone().unwrap_or_default();
    let back = format!("/orgs/{}/{}/{}", member.org_id(), path_of(sent), doc.doc.id);
    let status = errors.status.unwrap_or(axum::http::StatusCode::OK);
    let view = EmailPage {
        title: chrome.t2(
            "email-title",
            ("what", kind_words(frame.lang, doc.doc.kind).as_str()),
            ("number", number.as_str()),
        ),
        action: format!("{back}/email"),
        back,
        to: form.to,
        message: form.message,
        errors,
        chrome,
    };
    Ok(render(status, &view))
}

async fn form_for(
    app: AppState,
    frame: Frame,
    member: Member<Accountant>,
    sent: Sent,
    path: InvoicePath,
) -> Result<Response, HttpError> {
    let doc = document(&app, &member, sent, &path).await?;
    let to = email::party_address(&app.services, &member, doc.doc.customer_id)
        .await?
        .unwrap_or_default();
    let form = EmailForm {
        to,
        message: String::new(),
    };
    page(
        &app,
        &frame,
        &member,
        sent,
        &doc,
        form,
        FormErrors::default(),
    )
    .await
}

/// The addresses as typed: separated by commas, semicolons or spaces.
fn addresses(text: &str) -> Vec<String> {
    text.split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn send(
    app: AppState,
    frame: Frame,
    member: Member<Accountant>,
    jar: CookieJar,
    sent: Sent,
    path: InvoicePath,
    form: EmailForm,
) -> Result<Response, HttpError> {
    let request = Request {
        to: addresses(&form.to),
        message: Some(form.message.clone()),
    };
    match email_document(&app, &member, sent, path.id, &request).await {
        Ok(queued) => {
            let notice = Message::new("notice-email-queued").arg("email", queued.to.join(", "));
            let to = format!("/orgs/{}/{}/{}", member.org_id(), path_of(sent), path.id);
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let mut errors = FormErrors::from_error(e, frame.lang)?;
            // One input holds every address: an address's error is shown at it.
            for field in &mut errors.fields {
                if field.field.starts_with("to[") {
                    field.field = "to".to_owned();
                }
            }
            let doc = document(&app, &member, sent, &path).await?;
            page(&app, &frame, &member, sent, &doc, form, errors).await
        }
    }
}

pub async fn invoice_form(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<InvoicePath>,
) -> Result<Response, HttpError> {
    form_for(app, frame, member, Sent::Invoice, path).await
}

pub async fn note_form(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<InvoicePath>,
) -> Result<Response, HttpError> {
    form_for(app, frame, member, Sent::Note, path).await
}

pub async fn send_invoice(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<InvoicePath>,
    Form(form): Form<EmailForm>,
) -> Result<Response, HttpError> {
    send(app, frame, member, jar, Sent::Invoice, path, form).await
}

pub async fn send_note(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<InvoicePath>,
    Form(form): Form<EmailForm>,
) -> Result<Response, HttpError> {
    send(app, frame, member, jar, Sent::Note, path, form).await
}
