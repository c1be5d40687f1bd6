//! The organisation's audit trail (API.md, Audit).

use axum::Json;
use axum::extract::{Query, State};
use bahi_store::identity::audit;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::dto::{AuditEventOut, Page};
use crate::auth::{Accountant, OrgMember};
use crate::error::AppError;
use crate::problem::Problem;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// 1 to 200; default 50.
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The organisation's events, newest first (accountants and up).
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/audit-events", tag = "audit", params(("org_id" = uuid::Uuid, Path), ListQuery),
    responses((status = 200, body = Page<AuditEventOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list(
    member: OrgMember<Accountant>,
    State(app): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Page<AuditEventOut>>, AppError> {
    let limit = q.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(AppError::field("limit", "must be from 1 to 200"));
    }
    let before = match q.cursor.as_deref() {
        None | Some("") => None,
        Some(c) => Some(
            c.parse::<i64>()
                .map_err(|_| AppError::field("cursor", "is not a cursor from a previous page"))?,
        ),
    };
    let events = audit::list(&app.db, Some(member.org_id), before, limit + 1).await?;
    let more = events.len() > usize::try_from(limit).unwrap_or(usize::MAX);
    let page: Vec<_> = events
        .iter()
        .take(usize::try_from(limit).unwrap_or(0))
        .collect();
    let next_cursor = if more {
        page.last().map(|e| e.seq.to_string())
    } else {
        None
    };
    Ok(Json(Page {
        items: page.into_iter().map(Into::into).collect(),
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

/// Recomputes the organisation's hash chain.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/audit-events/verify", tag = "audit", params(("org_id" = uuid::Uuid, Path)),
    responses((status = 200, body = Verification), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn verify(
    member: OrgMember<Accountant>,
    State(app): State<AppState>,
) -> Result<Json<Verification>, AppError> {
    let v = audit::verify(&app.db, Some(Some(member.org_id))).await?;
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
