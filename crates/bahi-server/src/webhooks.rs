//! `POST /webhooks/{razorpay|stripe}/{org_id}`: where a business's gateway reports payments.
//! No session and no CSRF token — the signature over the raw body, under the business's own
//! webhook secret, is the credential. A verified event is kept (once per event id) and answered
//! 200 at once; the inbox worker applies it. A bad signature is a 400 that is audited and
//! changes nothing; a business that has not connected the gateway is a 404.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use bahi_app::Message;
use bahi_app::gateways::webhooks::{self, Delivery, Receipt};
use bahi_store::gateways::Provider;
use serde::Serialize;

use crate::api::problems::render;
use crate::http::HttpError;
use crate::http::client_ip::ClientIp;
use crate::http::extract::Path;
use crate::http::paths::WebhookPath;
use crate::state::AppState;

/// Webhook bodies are small events; anything larger is not one.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

#[derive(Serialize)]
struct Answer {
    /// `kept`, or `duplicate` for a redelivery.
    status: &'static str,
}

pub async fn razorpay(
    State(app): State<AppState>,
    Path(path): Path<WebhookPath>,
    ip: ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let delivery = Delivery {
        provider: Provider::Razorpay,
        body: &body,
        signature: header(&headers, "x-razorpay-signature"),
        event_id: header(&headers, "x-razorpay-event-id"),
        ip: Some(ip.to_string()),
    };
    receive(&app, path, &delivery).await
}

pub async fn stripe(
    State(app): State<AppState>,
    Path(path): Path<WebhookPath>,
    ip: ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let delivery = Delivery {
        provider: Provider::Stripe,
        body: &body,
        signature: header(&headers, "stripe-signature"),
        event_id: None,
        ip: Some(ip.to_string()),
    };
    receive(&app, path, &delivery).await
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn receive(app: &AppState, path: WebhookPath, delivery: &Delivery<'_>) -> Response {
    let now = time::OffsetDateTime::now_utc();
    match webhooks::receive(&app.services, path.org_id, delivery, now).await {
        Ok(Ok(receipt)) => {
            let status = match receipt {
                Receipt::Kept => "kept",
                Receipt::Duplicate => "duplicate",
            };
            (StatusCode::OK, axum::Json(Answer { status })).into_response()
        }
        Ok(Err(refusal)) => render(&HttpError::BadRequest(
            Message::new("webhook-refused").arg("reason", refusal.as_str()),
        )),
        Err(e) => render(&HttpError::App(e)),
    }
}
