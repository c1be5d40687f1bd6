//! The one error type handlers, extractors and layers return. It does not render itself: its
//! response carries it, and the surface the request went to renders it once — the API as
//! problem+json (`api::problems`), the pages as a page with the signed-in frame
//! (`web::errors`). So an extractor shared by both needs no idea which one it serves.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bahi_app::{Error, Message};

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// What a use case (or the authorisation in front of it) said.
    #[error(transparent)]
    App(#[from] Error),
    /// The request is malformed: JSON that does not parse, an id in the path that is not one.
    #[error("bad request: {}", .0.id)]
    BadRequest(Message),
    /// A body that is not JSON where JSON is wanted.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("payload too large")]
    PayloadTooLarge,
    /// A wrong email or password (one answer for both).
    #[error("wrong credentials")]
    WrongCredentials,
    /// The password was right; the account signs in with a second factor too (`code`).
    #[error("second factor needed")]
    SecondFactorNeeded,
    /// The database lacks this release's migrations: 503 until an operator applies them.
    #[error("upgrading")]
    Upgrading,
}

impl From<bahi_store::StoreError> for HttpError {
    fn from(error: bahi_store::StoreError) -> Self {
        Self::App(error.into())
    }
}

impl HttpError {
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            Self::App(e) => match e {
                Error::NotFound => StatusCode::NOT_FOUND,
                Error::Unauthenticated => StatusCode::UNAUTHORIZED,
                Error::Forbidden(_) => StatusCode::FORBIDDEN,
                Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                Error::Duplicate(_) | Error::Conflict(_) => StatusCode::CONFLICT,
                Error::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
                Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
                Error::Store(_) | Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::WrongCredentials | Self::SecondFactorNeeded => StatusCode::UNAUTHORIZED,
            Self::Upgrading => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// Seconds to wait before trying again, for statuses that say so.
    #[must_use]
    pub fn retry_after(&self) -> Option<i64> {
        match self {
            Self::App(Error::RateLimited { retry_after_secs }) => Some((*retry_after_secs).max(1)),
            Self::App(Error::Unavailable(_)) => Some(5),
            Self::Upgrading => Some(30),
            _ => None,
        }
    }

    /// Logs what the client is not told: the cause of a 5xx.
    pub fn log(&self) {
        match self {
            Self::App(Error::Store(cause)) => tracing::error!(error = %cause, "database error"),
            Self::App(Error::Internal(cause)) => tracing::error!(error = %cause, "internal error"),
            Self::App(Error::Unavailable(cause)) => {
                tracing::warn!(error = %cause, "database unavailable");
            }
            _ => {}
        }
    }
}

/// The error a response carries to its surface's renderer.
#[derive(Clone)]
pub struct CarriedError(pub Arc<HttpError>);

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response
            .extensions_mut()
            .insert(CarriedError(Arc::new(self)));
        response
    }
}
