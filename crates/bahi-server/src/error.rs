//! The one error type handlers return. It renders itself as problem+json; a 5xx says nothing
//! internal to the client and logs the cause instead.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::problem::{FieldError, Problem};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Internal(String),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            Self::NotFound => Problem::new(StatusCode::NOT_FOUND).into_response(),
            Self::Validation(errors) => Problem {
                errors,
                ..Problem::new(StatusCode::UNPROCESSABLE_ENTITY)
                    .detail("Some fields are not valid.")
            }
            .into_response(),
            Self::Conflict(detail) => Problem::new(StatusCode::CONFLICT)
                .detail(detail)
                .into_response(),
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
