//! The one error type handlers return. It renders itself as problem+json (pages turn it into
//! HTML in the middleware); a 5xx says nothing internal to the client and logs the cause instead.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::problem::{FieldError, Problem};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many requests")]
    TooManyRequests { retry_after: i64 },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    /// One invalid field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            Self::NotFound => Problem::new(StatusCode::NOT_FOUND).into_response(),
            Self::Unauthorized => Problem::new(StatusCode::UNAUTHORIZED)
                .detail("Sign in first.")
                .into_response(),
            Self::Forbidden(detail) => Problem::new(StatusCode::FORBIDDEN)
                .detail(detail)
                .into_response(),
            Self::Validation(errors) => Problem {
                errors,
                ..Problem::new(StatusCode::UNPROCESSABLE_ENTITY)
                    .detail("Some fields are not valid.")
            }
            .into_response(),
            Self::Conflict(detail) => Problem::new(StatusCode::CONFLICT)
                .detail(detail)
                .into_response(),
            Self::TooManyRequests { retry_after } => {
                let mut response = Problem::new(StatusCode::TOO_MANY_REQUESTS)
                    .detail(format!(
                        "Too many attempts. Try again in {} minutes.",
                        (retry_after + 59) / 60
                    ))
                    .into_response();
                if let Ok(value) = HeaderValue::from_str(&retry_after.max(1).to_string()) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
                response
            }
            Self::Database(ref cause) => {
                tracing::error!(error = %cause, "database error");
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR).into_response()
            }
            Self::Internal(ref cause) => {
                tracing::error!(error = %cause, "internal error");
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR).into_response()
            }
        }
    }
}
