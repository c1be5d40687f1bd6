//! API tokens of the signed-in user (API.md, Authentication).

use super::extract::{Json, Path};
use axum::extract::State;
use axum::http::StatusCode;
use bahi_store::identity::{TokenId, tokens};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::{Page, rfc3339};
use crate::accounts;
use crate::auth::Authenticated;
use crate::auth::client_ip::ClientIp;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewToken {
    /// What will use it, e.g. "Tally sync".
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    /// The token stops working after this many days (1 to 366); left out, it works until
    /// revoked.
    #[schema(minimum = 1, maximum = 366)]
    pub expires_in_days: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    pub id: Uuid,
    pub name: String,
    /// The secret: shown only in this response.
    pub token: String,
    pub expires_at: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOut {
    pub id: Uuid,
    pub name: String,
    /// The token's first characters, to tell tokens apart.
    pub prefix: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub expires_at: Option<String>,
}

/// Create an API token for the signed-in user.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = NewToken,
    responses((status = 201, body = CreatedToken)))]
pub async fn create(
    State(app): State<AppState>,
    auth: Authenticated,
    ip: ClientIp,
    Json(input): Json<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), AppError> {
    let (token, secret) = accounts::tokens::create(
        &app,
        &auth.user,
        &input.name,
        input.expires_in_days,
        Some(ip.to_string()),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedToken {
            id: token.id.0,
            name: token.name,
            token: secret,
            expires_at: token.expires_at.map(rfc3339),
        }),
    ))
}

/// The signed-in user's live tokens.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens", responses((status = 200, body = Page<TokenOut>)))]
pub async fn list(
    State(app): State<AppState>,
    auth: Authenticated,
) -> Result<Json<Page<TokenOut>>, AppError> {
    let items = tokens::list(&app.db, auth.user.id)
        .await?
        .into_iter()
        .map(|t| TokenOut {
            id: t.id.0,
            name: t.name,
            prefix: t.prefix,
            created_at: rfc3339(t.created_at),
            last_used_at: t.last_used_at.map(rfc3339),
            expires_at: t.expires_at.map(rfc3339),
        })
        .collect();
    Ok(Json(Page {
        items,
        next_cursor: None,
    }))
}

/// Revoke a token; it stops working at once.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens", params(("id" = Uuid, Path)),
    responses((status = 204)))]
pub async fn revoke(
    State(app): State<AppState>,
    auth: Authenticated,
    ip: ClientIp,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    accounts::tokens::revoke(&app, &auth.user, TokenId(id), Some(ip.to_string())).await?;
    Ok(StatusCode::NO_CONTENT)
}
