//! The JSON API. Handlers are registered through utoipa-axum, so `/api/openapi.json` is generated
//! from the handlers themselves and cannot drift from them.

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::health;
use crate::state::AppState;
use openapi::ErrorResponses;

mod admin;
mod audit;
mod auth;
pub mod dto;
pub mod extract;
mod members;
mod openapi;
mod orgs;
mod tokens;

#[derive(OpenApi)]
#[openapi(
    info(title = "bahi", description = "GST invoicing and accounting for Indian businesses."),
    tags(
        (name = "health", description = "Liveness and readiness probes"),
        (name = "auth", description = "Sign-up, sign-in, sessions"),
        (name = "tokens", description = "API tokens"),
        (name = "organisations", description = "Organisation settings"),
        (name = "members", description = "Members and invitations"),
        (name = "audit", description = "The audit trail"),
        (name = "admin", description = "Platform administration")
    ),
    modifiers(&BearerAuth),
    security(("bearer" = []), ("session" = []))
)]
struct ApiDoc;

/// Every documented route, and the OpenAPI document describing them.
pub fn router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, api) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::live))
        .routes(routes!(health::ready))
        .routes(routes!(auth::signup))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::change_password))
        .routes(routes!(tokens::create, tokens::list))
        .routes(routes!(tokens::revoke))
        .routes(routes!(orgs::get, orgs::update))
        .routes(routes!(members::list, members::invite))
        .routes(routes!(members::change_role, members::remove))
        .routes(routes!(members::invitations))
        .routes(routes!(members::resend))
        .routes(routes!(members::revoke_invitation))
        .routes(routes!(members::show_invitation))
        .routes(routes!(members::accept))
        .routes(routes!(audit::list))
        .routes(routes!(audit::verify))
        .routes(routes!(admin::list_orgs))
        .routes(routes!(admin::suspend))
        .routes(routes!(admin::unsuspend))
        .routes(routes!(admin::health))
        .split_for_parts();
    // After the routes are in: the error responses are added to every operation.
    let mut api = api;
    utoipa::Modify::modify(&ErrorResponses, &mut api);
    (router, api)
}

/// The document rendered once at start and served as is.
pub fn openapi_route(api: &utoipa::openapi::OpenApi) -> Router<AppState> {
    let json: Arc<str> = api.to_json().unwrap_or_else(|_| "{}".to_owned()).into();
    Router::new().route(
        "/api/openapi.json",
        get(move || {
            let json = Arc::clone(&json);
            async move { openapi_json(&json) }
        }),
    )
}

fn openapi_json(json: &str) -> Response {
    let mut response = json.to_owned().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Documents the two ways to authenticate: an API token, or the session cookie (+ CSRF token).
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("bahi_session"))),
        );
    }
}
