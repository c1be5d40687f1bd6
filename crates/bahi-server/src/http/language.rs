//! The language a request asks for in `Accept-Language`, for accounts created without saying
//! which language they want.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use bahi_store::identity::users::Language;

use crate::i18n::Lang;

/// The best language of `Accept-Language` that bahi speaks; English otherwise.
pub struct AskedLanguage(pub Language);

impl<S: Send + Sync> FromRequestParts<S> for AskedLanguage {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Self(asked(parts).unwrap_or_default().stored()))
    }
}

/// The language `Accept-Language` asks for, when bahi speaks one it names.
#[must_use]
pub fn asked(parts: &Parts) -> Option<Lang> {
    parts
        .headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
}
