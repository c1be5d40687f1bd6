//! Credit and debit notes on pages: raised from an issued invoice's page with the invoice's
//! lines to start from (each with an "include" box; a line whose quantity is cleared changes a
//! value only), and a note's own page, which leads back to its invoice.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::sales::invoices::{self, Invoice};
use bahi_app::sales::notes::{self, NoteInput};
use bahi_app::{Accountant, AtLeast, Error, FieldErrors, Message, OrgCtx, Viewer};
use bahi_store::sales::DocKind;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::invoices::{document_page, kind_words};
use super::lines::{self, LineForm, LineView};
use super::notices;
use super::respond::{render, see_other};
use crate::api::values::{self, date_text};
use crate::http::extract::{Path, Query};
use crate::http::paths::InvoicePath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct KindQuery {
    #[serde(default)]
    kind: String,
}

fn note_kind(text: &str) -> DocKind {
    if text == DocKind::DebitNote.as_str() {
        DocKind::DebitNote
    } else {
        DocKind::CreditNote
    }
}

/// The note form as typed.
#[derive(Debug, Clone, Default)]
pub struct NoteForm {
    pub kind: String,
    pub date: String,
    pub reason: String,
    pub lines: Vec<LineForm>,
}

impl NoteForm {
    fn parse(pairs: Vec<(String, String)>) -> Self {
        let mut form = Self::default();
        for (key, value) in pairs {
            match key.as_str() {
                "kind" => form.kind = value,
                "date" => form.date = value,
                "reason" => form.reason = value,
                _ => {
                    lines::take(&mut form.lines, &key, value);
                }
            }
        }
        form
    }

    /// The lines in the note: those left out count as blank, so errors keep their positions.
    fn included(&self) -> Vec<LineForm> {
        self.lines
            .iter()
            .map(|l| {
                if l.include == "on" {
                    l.clone()
                } else {
                    LineForm::default()
                }
            })
            .collect()
    }

    fn input(&self, invoice: &Invoice) -> Result<NoteInput, Error> {
        let mut errors = FieldErrors::default();
        let mut dated = Vec::new();
        let text = self.date.trim();
        let date = (!text.is_empty())
            .then(|| values::date("date", text, &mut dated))
            .flatten();
        errors.0.append(&mut dated);
        let lines = lines::inputs(&self.included(), &mut errors);
        if lines.is_empty() && !errors.has("lines") {
            errors.push("lines", Message::new("note-no-line"));
        }
        errors.check()?;
        Ok(NoteInput {
            kind: note_kind(&self.kind),
            invoice_id: invoice.doc.id,
            date,
            reason: self.reason.clone(),
            lines,
        })
    }
}

#[derive(Template)]
#[template(path = "note_form.html")]
struct FormPage {
    chrome: Chrome,
    org_id: String,
    invoice_id: String,
    invoice_number: String,
    title: String,
    submit: String,
    form: NoteForm,
    lines: Vec<LineView>,
    items: Vec<(String, String)>,
    rates: Vec<(String, String)>,
    errors: FormErrors,
    show_itc: bool,
    show_include: bool,
}

impl FormPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.full(field)
    }
}

async fn form_page<R: AtLeast<Viewer>>(
    app: &AppState,
    frame: &Frame,
    member: &OrgCtx<R>,
    invoice: &Invoice,
    form: NoteForm,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let chrome = Chrome::for_org(app, frame, member, "sales").await?;
    let kind = note_kind(&form.kind);
    let number = invoice.doc.number.clone().unwrap_or_default();
    let title = chrome.t1(
        &format!("note-new-title-{}", kind.as_str().replace('_', "-")),
        "number",
        &number,
    );
    let lines = lines::views(&form.lines, None, &errors);
    let (items, rates) = lines::pickers(&app.services, member, &chrome).await?;
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = FormPage {
        org_id: member.org_id().to_string(),
        invoice_id: invoice.doc.id.to_string(),
        invoice_number: number,
        submit: chrome.t1("note-issue", "kind", kind_words(frame.lang, kind)),
        title,
        form,
        lines,
        items,
        rates,
        errors,
        show_itc: false,
        show_include: true,
        chrome,
    };
    Ok(render(status, &page))
}

/// The form for a note against an issued invoice, its lines copied from the invoice.
pub async fn new_form(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<InvoicePath>,
    Query(query): Query<KindQuery>,
) -> Result<Response, HttpError> {
    let invoice = invoices::get(&app.services, &member, path.id).await?;
    let form = NoteForm {
        kind: note_kind(&query.kind).as_str().to_owned(),
        date: date_text(member.today()),
        reason: String::new(),
        lines: invoice
            .lines
            .iter()
            .map(|l| LineForm {
                include: "on".to_owned(),
                ..LineForm::of_sales_line(l)
            })
            .collect(),
    };
    form_page(&app, &frame, &member, &invoice, form, FormErrors::default()).await
}

/// Issues the note; a refused one comes back with each message next to its field.
pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<InvoicePath>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    let invoice = invoices::get(&app.services, &member, path.id).await?;
    let form = NoteForm::parse(pairs);
    let created = match form.input(&invoice) {
        Ok(input) => notes::create(&app.services, &member, &input).await,
        Err(e) => Err(e),
    };
    match created {
        Ok(note) => {
            let number = note.doc.number.clone().unwrap_or_default();
            let notice = Message::new("notice-note-issued").arg("number", number);
            let to = format!("/orgs/{}/notes/{}", member.org_id(), note.doc.id);
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            form_page(&app, &frame, &member, &invoice, form, errors).await
        }
    }
}

/// A note's page.
pub async fn show(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<InvoicePath>,
) -> Result<Response, HttpError> {
    let note = notes::get(&app.services, &member, path.id).await?;
    let original = match note.doc.original_id {
        Some(id) => Some(invoices::get(&app.services, &member, id).await?.doc),
        None => None,
    };
    document_page(&app, &frame, &member, &note, &[], original.as_ref()).await
}
