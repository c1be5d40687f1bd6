//! API tokens of the signed-in user (API.md, Authentication).

use axum::extract::State;
use axum::http::StatusCode;
use bahi_app::identity::tokens;
use bahi_store::identity::tokens::ApiToken;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::rfc3339;
use crate::http::extract::{Json, Page, Path};
use crate::http::paths::TokenPath;
use crate::http::{HttpError, Signed};
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

impl From<ApiToken> for TokenOut {
    fn from(t: ApiToken) -> Self {
        Self {
            id: t.id.0,
            name: t.name,
            prefix: t.prefix,
            created_at: rfc3339(t.created_at),
            last_used_at: t.last_used_at.map(rfc3339),
            expires_at: t.expires_at.map(rfc3339),
        }
    }
}

/// Create an API token for the signed-in user.
#[utoipa::path(post, path = "/v1/tokens", tag = "tokens", request_body = NewToken,
    responses((status = 201, body = CreatedToken)))]
pub async fn create(
    State(app): State<AppState>,
    Signed(actor): Signed,
    Json(input): Json<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), HttpError> {
    let (token, secret) =
        tokens::create(&app.services, &actor, &input.name, input.expires_in_days).await?;
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
#[utoipa::path(get, path = "/v1/tokens", tag = "tokens", responses((status = 200, body = Page<TokenOut>)))]
pub async fn list(
    State(app): State<AppState>,
    Signed(actor): Signed,
) -> Result<Json<Page<TokenOut>>, HttpError> {
    let items = tokens::list(&app.services, &actor)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(Page {
        items,
        next_cursor: None,
    }))
}

/// Revoke a token; it stops working at once.
#[utoipa::path(delete, path = "/v1/tokens/{id}", tag = "tokens", params(("id" = Uuid, Path)),
    responses((status = 204)))]
pub async fn revoke(
    State(app): State<AppState>,
    Signed(actor): Signed,
    Path(path): Path<TokenPath>,
) -> Result<StatusCode, HttpError> {
    tokens::revoke(&app.services, &actor, path.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
