//! Payment reminders (off by default): when a business's customers are e-mailed about an
//! unpaid invoice — so many days before its due date, and so many days after.

use axum::extract::State;
use bahi_app::sales::reminders;
use bahi_app::{Admin, Viewer};
use bahi_store::identity::orgs::Reminders;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::http::extract::Json;
use crate::http::{HttpError, Member};
use crate::state::AppState;

/// When customers are reminded of an unpaid invoice (each step once; none once it is paid).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RemindersBody {
    pub enabled: bool,
    /// Days before the due date (0–90; 0: on the day); `null`: no reminder before.
    #[schema(minimum = 0, maximum = 90)]
    pub days_before: Option<i64>,
    /// Days after the due date (1–365); `null`: no reminder after.
    #[schema(minimum = 1, maximum = 365)]
    pub days_after: Option<i64>,
}

impl From<Reminders> for RemindersBody {
    fn from(r: Reminders) -> Self {
        Self {
            enabled: r.on,
            days_before: r.days_before,
            days_after: r.days_after,
        }
    }
}

/// When the business's customers are reminded.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/reminders", tag = "organisations",
    params(("org_id" = uuid::Uuid, Path)),
    responses((status = 200, body = RemindersBody)))]
pub async fn get(
    member: Member<Viewer>,
    State(app): State<AppState>,
) -> Result<Json<RemindersBody>, HttpError> {
    Ok(Json(reminders::get(&app.services, &member).await?.into()))
}

/// Set when customers are reminded (admins and owners). Reminders go out only while mail is
/// configured.
#[utoipa::path(put, path = "/v1/orgs/{org_id}/reminders", tag = "organisations",
    params(("org_id" = uuid::Uuid, Path)), request_body = RemindersBody,
    responses((status = 200, body = RemindersBody)))]
pub async fn put(
    member: Member<Admin>,
    State(app): State<AppState>,
    Json(body): Json<RemindersBody>,
) -> Result<Json<RemindersBody>, HttpError> {
    let wanted = Reminders {
        on: body.enabled,
        days_before: body.days_before,
        days_after: body.days_after,
    };
    Ok(Json(
        reminders::configure(&app.services, &member, wanted)
            .await?
            .into(),
    ))
}
