//! A business's payment gateways (admins and owners): connect with its own keys, see which are
//! set (never their values), test them, disconnect.

use axum::extract::State;
use axum::http::StatusCode;
use bahi_app::Admin;
use bahi_app::gateways::exchange::CallError;
use bahi_app::gateways::integrations::{self, ConnectInput, Connection};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::dto::rfc3339;
use crate::http::extract::{Json, Path};
use crate::http::paths::{GatewayName, IntegrationPath};
use crate::http::{HttpError, Member};
use crate::state::AppState;

/// Keys as the gateway's dashboard shows them. Secrets are write-only: left out on a change,
/// the stored ones are kept (the key secret must be given again when the mode changes).
#[derive(Debug, Deserialize, ToSchema)]
pub struct IntegrationIn {
    /// `test` or `live`; must agree with the keys (`rzp_test_…`, `sk_live_…`).
    #[schema(example = "test")]
    pub mode: Option<String>,
    /// Razorpay's key id (`rzp_test_…`); Stripe's publishable key (`pk_test_…`).
    #[schema(max_length = 200)]
    pub key_id: Option<String>,
    /// Razorpay's key secret; Stripe's secret key (`sk_test_…`).
    #[schema(max_length = 500, write_only)]
    pub key_secret: Option<String>,
    /// The secret the gateway signs webhooks with.
    #[schema(max_length = 500, write_only)]
    pub webhook_secret: Option<String>,
}

/// A gateway as connected: which keys are set, never their values.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntegrationOut {
    pub provider: GatewayName,
    pub connected: bool,
    /// `test` or `live`.
    pub mode: Option<String>,
    pub key_id: Option<String>,
    pub key_secret_set: bool,
    pub webhook_secret_set: bool,
    /// Where the gateway sends webhooks: enter it in its dashboard.
    pub webhook_url: String,
    pub updated_at: Option<String>,
}

fn out(app: &AppState, path: &IntegrationPath, c: Option<Connection>) -> IntegrationOut {
    let provider = bahi_store::gateways::Provider::from(path.provider);
    let webhook_url = format!(
        "{}webhooks/{}/{}",
        app.services.policy.public_url,
        provider.as_str(),
        path.org_id
    );
    match c {
        Some(c) => IntegrationOut {
            provider: path.provider,
            connected: true,
            mode: Some(c.mode.as_str().to_owned()),
            key_id: Some(c.key_id),
            key_secret_set: c.key_secret_set,
            webhook_secret_set: c.webhook_secret_set,
            webhook_url,
            updated_at: Some(rfc3339(c.updated_at)),
        },
        None => IntegrationOut {
            provider: path.provider,
            connected: false,
            mode: None,
            key_id: None,
            key_secret_set: false,
            webhook_secret_set: false,
            webhook_url,
            updated_at: None,
        },
    }
}

/// Connect a gateway, or change its keys.
#[utoipa::path(put, path = "/v1/orgs/{org_id}/integrations/{provider}", tag = "integrations",
    params(("org_id" = uuid::Uuid, Path), ("provider" = GatewayName, Path)),
    request_body = IntegrationIn,
    responses((status = 200, body = IntegrationOut)))]
pub async fn put(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<IntegrationPath>,
    Json(body): Json<IntegrationIn>,
) -> Result<Json<IntegrationOut>, HttpError> {
    let input = ConnectInput {
        mode: body.mode,
        key_id: body.key_id,
        key_secret: body.key_secret,
        webhook_secret: body.webhook_secret,
    };
    let c = integrations::connect(&app.services, &member, path.provider.into(), &input).await?;
    Ok(Json(out(&app, &path, Some(c))))
}

/// Which of the gateway's keys are set (never their values).
#[utoipa::path(get, path = "/v1/orgs/{org_id}/integrations/{provider}", tag = "integrations",
    params(("org_id" = uuid::Uuid, Path), ("provider" = GatewayName, Path)),
    responses((status = 200, body = IntegrationOut)))]
pub async fn get(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<IntegrationPath>,
) -> Result<Json<IntegrationOut>, HttpError> {
    let c = integrations::status(&app.services, &member, path.provider.into()).await?;
    Ok(Json(out(&app, &path, c)))
}

/// Disconnect the gateway: its keys are deleted and its webhooks refused (404 when it was not
/// connected).
#[utoipa::path(delete, path = "/v1/orgs/{org_id}/integrations/{provider}", tag = "integrations",
    params(("org_id" = uuid::Uuid, Path), ("provider" = GatewayName, Path)),
    responses((status = 204)))]
pub async fn delete(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<IntegrationPath>,
) -> Result<StatusCode, HttpError> {
    integrations::disconnect(&app.services, &member, path.provider.into()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What a test of the keys found.
#[derive(Debug, Serialize, ToSchema)]
pub struct TestOut {
    pub ok: bool,
    /// The gateway's status when it refused (401: wrong keys).
    pub status: Option<u16>,
    pub detail: Option<String>,
}

/// Test the stored keys with a harmless call to the gateway (404 when not connected).
#[utoipa::path(post, path = "/v1/orgs/{org_id}/integrations/{provider}/test", tag = "integrations",
    params(("org_id" = uuid::Uuid, Path), ("provider" = GatewayName, Path)),
    responses((status = 200, body = TestOut)))]
pub async fn test(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<IntegrationPath>,
) -> Result<Json<TestOut>, HttpError> {
    let result = integrations::test(&app.services, &member, path.provider.into()).await?;
    Ok(Json(match result {
        Ok(()) => TestOut {
            ok: true,
            status: None,
            detail: None,
        },
        Err(CallError::Refused { status, detail }) => TestOut {
            ok: false,
            status: Some(status),
            detail: Some(detail),
        },
        Err(CallError::Unreachable(detail)) => TestOut {
            ok: false,
            status: None,
            detail: Some(detail),
        },
    }))
}
