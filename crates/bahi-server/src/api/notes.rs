//! Credit and debit notes (API.md, Credit and debit notes): issued at once against an issued
//! invoice, in the invoice's shape plus `kind` and `invoice_id`.

use crate::print::render::PrintParams;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::sales::notes::{self, NoteInput};
use bahi_app::{Accountant, Viewer};
use bahi_store::sales::{DocKind, DocumentId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::invoices::{InvoiceFilter, InvoiceOut, InvoiceSummary, LineIn, position};
use super::values;
use crate::http::extract::{Json, Page, PageParams, Paging, Path, Query};
use crate::http::paths::InvoicePath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

/// `credit` | `debit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Credit,
    Debit,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewNote {
    pub kind: NoteKind,
    /// The issued invoice the note corrects.
    pub invoice_id: Uuid,
    /// `YYYY-MM-DD`; today when left out.
    pub date: Option<String>,
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
    /// Lines as on an invoice; a line without `quantity` changes a value only.
    pub lines: Vec<LineIn>,
}

/// Issue a credit or debit note against an issued invoice.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/notes", tag = "notes",
    params(("org_id" = Uuid, Path),
           ("Idempotency-Key" = Option<String>, Header, description = "Send the same key again to get the first answer instead of a second note")),
    request_body = NewNote,
    responses((status = 201, body = InvoiceOut)))]
pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Json(body): Json<NewNote>,
) -> Result<(StatusCode, Json<InvoiceOut>), HttpError> {
    let mut errors = Vec::new();
    let date = body
        .date
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .and_then(|d| values::date("date", d, &mut errors));
    values::check(errors)?;
    let input = NoteInput {
        kind: match body.kind {
            NoteKind::Credit => DocKind::CreditNote,
            NoteKind::Debit => DocKind::DebitNote,
        },
        invoice_id: DocumentId(body.invoice_id),
        date,
        reason: body.reason,
        lines: body.lines.into_iter().map(Into::into).collect(),
    };
    let note = notes::create(&app.services, &member, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(InvoiceOut::of(&note.doc, &note.lines, member.today())),
    ))
}

/// Credit and debit notes, newest first.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/notes", tag = "notes",
    params(("org_id" = Uuid, Path), InvoiceFilter, PageParams),
    responses((status = 200, body = Page<InvoiceSummary>)))]
pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    paging: Paging,
    Query(filter): Query<InvoiceFilter>,
) -> Result<Json<Page<InvoiceSummary>>, HttpError> {
    let query = filter.query(&paging, true)?;
    let rows = notes::list(&app.services, &member, &query).await?;
    let today = member.today();
    Ok(Json(
        paging.page(rows, position, |d| InvoiceSummary::of(&d, today)),
    ))
}

#[utoipa::path(get, path = "/v1/orgs/{org_id}/notes/{id}", tag = "notes",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = InvoiceOut)))]
pub async fn get(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
) -> Result<Json<InvoiceOut>, HttpError> {
    let note = notes::get(&app.services, &member, path.id).await?;
    Ok(Json(InvoiceOut::of(&note.doc, &note.lines, member.today())))
}

/// The credit or debit note as a PDF, with the invoice it corrects.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/notes/{id}/pdf", tag = "notes",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path), PrintParams),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>,
               description = "The PDF, named by the note's number.")))]
pub async fn pdf(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
    Query(params): Query<PrintParams>,
) -> Result<Response, HttpError> {
    crate::print::sales::note(&app, &member, path.id, &params).await
}
