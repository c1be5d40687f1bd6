//! The PDFs behind the pages' "Download PDF" buttons and previews: the same files as the API's
//! `GET …/pdf`, reached with the session cookie (`?download=true` saves rather than shows).

use axum::extract::State;
use axum::response::Response;
use bahi_app::Viewer;

use crate::http::extract::{Path, Query};
use crate::http::paths::{BillPath, InvoicePath, PaymentPath};
use crate::http::{HttpError, Member};
use crate::print::render::PrintParams;
use crate::print::{purchases, receipts, sales};
use crate::state::AppState;

pub async fn invoice(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
    Query(params): Query<PrintParams>,
) -> Result<Response, HttpError> {
    sales::invoice(&app, &member, path.id, &params).await
}

pub async fn note(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
    Query(params): Query<PrintParams>,
) -> Result<Response, HttpError> {
    sales::note(&app, &member, path.id, &params).await
}

pub async fn bill(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<BillPath>,
    Query(params): Query<PrintParams>,
) -> Result<Response, HttpError> {
    purchases::bill(&app, &member, path.id, &params).await
}

pub async fn payment(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<PaymentPath>,
    Query(params): Query<PrintParams>,
) -> Result<Response, HttpError> {
    receipts::payment(&app, &member, path.id, &params).await
}
