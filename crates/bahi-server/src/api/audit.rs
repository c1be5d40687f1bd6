//! The organisation's audit trail (API.md, Audit).

use axum::Json;
use axum::extract::State;
use bahi_store::identity::audit::{self, Depth, Scope};
use serde::Serialize;
use utoipa::ToSchema;

use super::dto::{AuditEventOut, Page};
use super::extract::{PageParams, Paging};
use crate::auth::{Accountant, OrgMember};
use crate::error::AppError;
use crate::state::AppState;

/// The organisation's events, newest first (accountants and up).
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/audit-events", tag = "audit", params(("org_id" = uuid::Uuid, Path), PageParams),
    responses((status = 200, body = Page<AuditEventOut>)))]
pub async fn list(
    member: OrgMember<Accountant>,
    State(app): State<AppState>,
    paging: Paging,
) -> Result<Json<Page<AuditEventOut>>, AppError> {
    let before = match paging.after.as_deref() {
        None => None,
        Some(c) => Some(
            c.parse::<i64>()
                .map_err(|_| AppError::field("cursor", "is not a cursor from a previous page"))?,
        ),
    };
    let events = audit::list(&app.db, Some(member.org_id), before, paging.limit + 1).await?;
    let (page, next_cursor) = paging.page(events, |e| e.seq.to_string());
    Ok(Json(Page {
        items: page.iter().map(Into::into).collect(),
        next_cursor,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Verification {
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_bad_event: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Recomputes the organisation's whole hash chain, and compares it with its signed head and
/// checkpoints.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/audit-events/verify", tag = "audit", params(("org_id" = uuid::Uuid, Path)),
    responses((status = 200, body = Verification)))]
pub async fn verify(
    member: OrgMember<Accountant>,
    State(app): State<AppState>,
) -> Result<Json<Verification>, AppError> {
    let v = audit::verify_and_checkpoint(
        &app.db,
        &app.config.audit_keys,
        Scope::Org(member.org_id),
        Depth::Full,
    )
    .await?;
    Ok(Json(match v.first_bad {
        None => Verification {
            ok: true,
            events: Some(v.events),
            first_bad_event: None,
            reason: None,
        },
        Some((id, why)) => Verification {
            ok: false,
            events: None,
            first_bad_event: Some(id),
            reason: Some(why),
        },
    }))
}
