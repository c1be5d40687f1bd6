//! The one error type handlers return. It renders itself as problem+json (pages turn it into
//! HTML in the middleware); a 5xx says nothing internal to the client and logs the cause instead.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bahi_store::StoreError;

use crate::problem::{FieldError, Problem};

/// How long a client should wait before retrying when the database cannot answer.
const UNAVAILABLE_RETRY_SECS: i64 = 5;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// A path or query parameter that does not parse (a body that does not is a 422 or 400 of
    /// the JSON extractor).
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("conflict: {0}")]
    Conflict(String),
    /// A value that must be unique is taken (409 naming the field).
    #[error("duplicate {}", .0.field)]
    Duplicate(FieldError),
    #[error("too many requests")]
    TooManyRequests { retry_after: i64 },
    /// The database cannot answer now, or the schema is not this release's yet.
    #[error("unavailable: {detail}")]
    Unavailable { retry_after: i64, detail: String },
    #[error("database error: {0}")]
    Database(StoreError),
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

    /// A duplicate of a unique value, on the field that holds it.
    pub fn duplicate(field: &str, message: impl Into<String>) -> Self {
        Self::Duplicate(FieldError {
            field: field.to_owned(),
            message: message.into(),
        })
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Duplicate(key) if key.field.is_empty() => {
                Self::Conflict("That record already exists.".into())
            }
            StoreError::Duplicate(key) => Self::duplicate(key.field, "is already in use"),
            StoreError::MissingReference { field } => {
                Self::field(&field, "refers to a record that does not exist")
            }
            StoreError::InUse { by } => Self::Conflict(format!(
                "This record is still used ({by}) and cannot be removed."
            )),
            StoreError::Reference => Self::Conflict(
                "A related record is missing or still in use; reload and try again.".into(),
            ),
            StoreError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "database unavailable");
                Self::Unavailable {
                    retry_after: UNAVAILABLE_RETRY_SECS,
                    detail: "The database is busy or unreachable. Try again in a few seconds."
                        .into(),
                }
            }
            other => Self::Database(other),
        }
    }
}

fn with_retry_after(mut response: Response, seconds: i64) -> Response {
    if let Ok(value) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
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
            Self::BadRequest(detail) => Problem::new(StatusCode::BAD_REQUEST)
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
            Self::Duplicate(error) => Problem {
                errors: vec![error],
                ..Problem::new(StatusCode::CONFLICT).detail("A value that must be unique is taken.")
            }
            .into_response(),
            Self::TooManyRequests { retry_after } => with_retry_after(
                Problem::new(StatusCode::TOO_MANY_REQUESTS)
                    .detail(format!(
                        "Too many attempts. Try again in {} minutes.",
                        (retry_after + 59) / 60
                    ))
                    .into_response(),
                retry_after,
            ),
            Self::Unavailable {
                retry_after,
                detail,
            } => with_retry_after(
                Problem::new(StatusCode::SERVICE_UNAVAILABLE)
                    .detail(detail)
                    .into_response(),
                retry_after,
            ),
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
