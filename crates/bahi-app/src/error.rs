//! The use cases' errors: what went wrong in domain terms. The server maps each to a status
//! (problem+json for the API, a page for people); messages are ids in the catalogue.

use bahi_store::StoreError;

use crate::message::Message;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    /// Nobody is signed in, or the credentials are wrong (one answer for both).
    #[error("not authenticated")]
    Unauthenticated,
    #[error("forbidden: {}", .0.id)]
    Forbidden(Message),
    /// Fields that are not valid, each named.
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldError>),
    /// A value that must be unique is taken.
    #[error("duplicate {}", .0.field)]
    Duplicate(FieldError),
    /// The record is in the wrong state for this.
    #[error("conflict: {}", .0.id)]
    Conflict(Message),
    #[error("rate limited for {retry_after_secs} s")]
    RateLimited { retry_after_secs: i64 },
    /// The database cannot answer now; the same request may succeed shortly.
    #[error("unavailable: {0}")]
    Unavailable(StoreError),
    #[error("store: {0}")]
    Store(StoreError),
    #[error("{0}")]
    Internal(String),
}

/// A field that failed validation: its path in the request (`lines[0].quantity`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: Message,
}

impl FieldError {
    #[must_use]
    pub fn new(field: impl Into<String>, message: Message) -> Self {
        Self {
            field: field.into(),
            message,
        }
    }
}

impl Error {
    /// One invalid field.
    #[must_use]
    pub fn field(field: impl Into<String>, message: Message) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }

    /// A taken unique value, on the field that holds it.
    #[must_use]
    pub fn duplicate(field: impl Into<String>, message: Message) -> Self {
        Self::Duplicate(FieldError::new(field, message))
    }
}

/// Collects field errors, so a form reports every problem at once.
#[derive(Debug, Default)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: impl Into<String>, message: Message) {
        self.0.push(FieldError::new(field, message));
    }

    #[must_use]
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Err(Invalid)` when any field failed.
    pub fn check(self) -> Result<(), Error> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.0))
        }
    }
}

impl From<StoreError> for Error {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Duplicate(key) if key.field.is_empty() => {
                Self::Conflict(Message::new("conflict-exists"))
            }
            StoreError::Duplicate(key) => Self::duplicate(key.field, Message::new("field-taken")),
            StoreError::MissingReference { field } => {
                Self::field(field, Message::new("field-refers-to-nothing"))
            }
            StoreError::InUse { by } => {
                Self::Conflict(Message::new("conflict-in-use").arg("by", by))
            }
            StoreError::Reference => Self::Conflict(Message::new("conflict-reference")),
            e @ StoreError::Unavailable(_) => Self::Unavailable(e),
            StoreError::YearClosed { financial_year } => Self::Conflict(
                Message::new("year-closed").arg(
                    "year",
                    i32::try_from(financial_year)
                        .map(|y| bahi_gst::FinancialYear::starting(y).to_string())
                        .unwrap_or_default(),
                ),
            ),
            other => Self::Store(other),
        }
    }
}
