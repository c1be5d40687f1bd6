//! The JSON request body extractor of the API. Like axum's `Json`, but a body that does not fit
//! answers problem+json naming the field (`organisation.state_code: invalid type…`), as API.md
//! wants, instead of a line of text.

use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::middleware::MAX_BODY_BYTES;
use crate::problem::Problem;

pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = Response;

    async fn from_request(request: Request, _: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.starts_with("application/json")
                    || (v.starts_with("application/") && v.contains("+json"))
            });
        if !is_json {
            return Err(Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE)
                .detail("Send the body as JSON with Content-Type: application/json.")
                .into_response());
        }
        let bytes = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES)
            .await
            .map_err(|_| Problem::new(StatusCode::PAYLOAD_TOO_LARGE).into_response())?;
        let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
        match serde_path_to_error::deserialize(&mut deserializer) {
            Ok(value) => Ok(Self(value)),
            Err(error) => Err(rejection(&error)),
        }
    }
}

fn rejection(error: &serde_path_to_error::Error<serde_json::Error>) -> Response {
    let inner = error.inner();
    if inner.is_syntax() || inner.is_eof() || inner.is_io() {
        return Problem::new(StatusCode::BAD_REQUEST)
            .detail(format!("The body is not valid JSON: {inner}."))
            .into_response();
    }
    let mut path = error.path().to_string();
    let mut message = inner.to_string();
    // serde reports a missing field at its parent; name the field itself.
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some(name) = rest.split('`').next()
    {
        path = if path == "." || path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        message = "is required".to_owned();
    }
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    let field = if path == "." { String::new() } else { path };
    AppError::field(&field, message).into_response()
}

impl<T: serde::Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}
