//! A business's logo as the API and the settings page answer with it, and why a file is
//! refused as one.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bahi_app::{Error, Message};

/// The stored bytes with their checked content type; never cached by shared caches.
pub fn logo_response(stored: bahi_store::identity::logos::StoredLogo) -> Response {
    let format = bahi_pdf::LogoFormat::from_content_type(&stored.content_type)
        .unwrap_or(bahi_pdf::LogoFormat::Png);
    let mut response = (StatusCode::OK, stored.data).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    response
}

/// Why a file cannot be a logo, on the `logo` field.
pub fn logo_refusal(error: bahi_pdf::LogoError) -> Error {
    let id = match error {
        bahi_pdf::LogoError::TooLarge => "logo-too-large",
        bahi_pdf::LogoError::NotAnImage => "logo-not-an-image",
        bahi_pdf::LogoError::TooManyPixels => "logo-too-many-pixels",
        bahi_pdf::LogoError::Damaged => "logo-damaged",
    };
    Error::field("logo", Message::new(id))
}
