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

#[derive(OpenApi)]
#[openapi(
    info(title = "bahi", description = "GST invoicing and accounting for Indian businesses."),
    tags((name = "health", description = "Liveness and readiness probes"))
)]
struct ApiDoc;

/// Every documented route, and the OpenAPI document describing them.
pub fn router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, api) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::live))
        .routes(routes!(health::ready))
        .split_for_parts();
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
