//! A document by e-mail: the same PDF the print route answers (A4, the recipient's original),
//! attached to the letter the use case queues. The API and the pages both send through here.

use bahi_app::mail::message::File;
use bahi_app::sales::email::{self, Queued, Request};
use bahi_app::{Accountant, AtLeast, OrgCtx, Viewer};
use bahi_store::sales::DocumentId;

use super::render::{CopyName, PrintParams, file_name};
use super::sales::{invoice_file, note_file};
use crate::http::HttpError;
use crate::state::AppState;

/// Which kind of document the address named.
#[derive(Debug, Clone, Copy)]
pub enum Sent {
    Invoice,
    Note,
}

/// Queues the document `id` with its PDF.
pub async fn email_document<R: AtLeast<Accountant> + AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    sent: Sent,
    id: DocumentId,
    request: &Request,
) -> Result<Queued, HttpError> {
    if !app.services.mail_on() {
        // Before rendering: there is nothing to attach it to.
        return Err(bahi_app::Error::Conflict(bahi_app::Message::new("mail-off")).into());
    }
    let params = PrintParams {
        copy: Some(CopyName::Original),
        ..PrintParams::default()
    };
    let (pdf, name) = match sent {
        Sent::Invoice => invoice_file(app, member, id, &params).await?,
        Sent::Note => note_file(app, member, id, &params).await?,
    };
    let file = File {
        name: file_name(&name),
        content_type: "application/pdf",
        bytes: pdf,
    };
    Ok(email::send(&app.services, member, id, request, file).await?)
}
