//! Filed return periods (API.md, Returns): marking a period filed locks it against issuing,
//! voiding and dating documents into it; an owner may reopen it. The returns themselves arrive
//! with their own issue.

use axum::extract::State;
use axum::http::StatusCode;
use bahi_app::returns::periods;
use bahi_app::{Accountant, Owner};
use serde::Serialize;
use utoipa::ToSchema;

use super::dto::rfc3339;
use crate::http::extract::{Json, Path};
use crate::http::paths::FiledPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct FiledOut {
    /// `gstr-1` or `gstr-3b`.
    pub return_type: String,
    /// `YYYY-MM`
    pub period: String,
    pub filed_at: String,
}

/// Mark a return period filed: nothing may be issued, voided or dated into it until an owner
/// reopens it.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/returns/{return_type}/{period}/filed", tag = "returns",
    params(("org_id" = Uuid, Path),
           ("return_type" = String, Path, description = "`gstr-1` or `gstr-3b`"),
           ("period" = String, Path, description = "`YYYY-MM`")),
    responses((status = 201, body = FiledOut)))]
pub async fn file(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<FiledPath>,
) -> Result<(StatusCode, Json<FiledOut>), HttpError> {
    check_period(&path.period)?;
    let filed = periods::file(&app.services, &member, &path.return_type, &path.period).await?;
    Ok((
        StatusCode::CREATED,
        Json(FiledOut {
            return_type: filed.return_type,
            period: filed.period,
            filed_at: rfc3339(filed.filed_at),
        }),
    ))
}

/// Reopen a filed period (owners only).
#[utoipa::path(delete, path = "/v1/orgs/{org_id}/returns/{return_type}/{period}/filed", tag = "returns",
    params(("org_id" = Uuid, Path),
           ("return_type" = String, Path, description = "`gstr-1` or `gstr-3b`"),
           ("period" = String, Path, description = "`YYYY-MM`")),
    responses((status = 204, description = "Reopened")))]
pub async fn reopen(
    member: Member<Owner>,
    State(app): State<AppState>,
    Path(path): Path<FiledPath>,
) -> Result<StatusCode, HttpError> {
    check_period(&path.period)?;
    periods::reopen(&app.services, &member, &path.return_type, &path.period).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A period in the path that is not `YYYY-MM` is a malformed address (400), like an id that is
/// not one.
fn check_period(period: &str) -> Result<(), HttpError> {
    bahi_gst::Period::parse(period)
        .map(|_| ())
        .map_err(|_| HttpError::BadRequest(bahi_app::Message::new("problem-bad-period")))
}
