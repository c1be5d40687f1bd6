//! The API's extractors. Like axum's, but what does not fit answers problem+json in our words,
//! naming the field, as API.md wants — never framework text or internal type names:
//! - [`Json`]: a body that does not fit is a 422 naming the field (`organisation.state_code`),
//!   malformed JSON a 400, another content type a 415;
//! - [`Path`]: an id in the path that is not one is a 400 naming the segment;
//! - [`Query`]: a query parameter that does not fit is a 422 naming it;
//! - [`Paging`]: `limit` (1 to 200, default 50) and an opaque `cursor`, 422 when out of range.

use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::de::DeserializeOwned;
use utoipa::IntoParams;

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
    let message = in_our_words(message.split(" at line ").next().unwrap_or(&message));
    let field = if path == "." { String::new() } else { path };
    AppError::field(&field, message).into_response()
}

/// serde's messages name Rust types and variants; say what the field must be instead.
fn in_our_words(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown variant `")
        && let Some((_, expected)) = rest.split_once("expected ")
    {
        let choices = expected.replace("one of ", "").replace('`', "");
        return format!("must be one of {choices}");
    }
    if message.starts_with("unknown field `") {
        return message
            .split(", expected")
            .next()
            .unwrap_or(message)
            .replace('`', "")
            .replace("unknown field ", "is not a field here: ");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((got, expected)) = rest.split_once(", expected ")
    {
        let got = match got {
            "sequence" => "a list",
            "map" => "an object",
            other => other,
        };
        return format!(
            "invalid type: {got}, expected {}",
            expected_in_words(expected)
        );
    }
    if message.starts_with("invalid length") {
        return "has the wrong number of items".to_owned();
    }
    if message.contains("invalid value: integer") || message.contains("out of range") {
        return "is out of range".to_owned();
    }
    message.to_owned()
}

/// What serde expected, without Rust's type names (`struct SignupInput with 4 elements`, `i64`).
fn expected_in_words(expected: &str) -> &'static str {
    match expected {
        e if e.starts_with("struct ") || e.contains("map") => "an object",
        e if e.contains("i64") || e.contains("u32") || e.contains("integer") => "a whole number",
        e if e.contains("bool") => "true or false",
        e if e.contains("sequence") || e.contains("tuple") => "a list",
        e if e.contains("string") || e.contains("str") || e.contains("char") => "a string",
        e if e.starts_with("enum ") || e.starts_with("variant") => "one of the listed values",
        _ => "another kind of value",
    }
}

/// Path parameters. An id that is not one answers 400 naming the segment.
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(_) => {
                let raw = RawPathParams::from_request_parts(parts, state).await.ok();
                let bad = raw.as_ref().and_then(|params| {
                    params
                        .iter()
                        .find(|(name, value)| {
                            name.ends_with("id") && uuid::Uuid::parse_str(value).is_err()
                        })
                        .map(|(name, _)| name.to_owned())
                });
                Err(AppError::BadRequest(match bad {
                    Some(name) => format!(
                        "`{name}` in the address must be an id such as 0193a2b4-7c1d-7e2f-8a9b-0c1d2e3f4a5b."
                    ),
                    None => "A part of the address is not valid here.".to_owned(),
                }))
            }
        }
    }
}

/// Query parameters. One that does not fit answers 422 naming it.
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let deserializer =
            serde_urlencoded::Deserializer::new(url::form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(Self)
            .map_err(|error| {
                let field = error.path().to_string();
                let message = error.inner().to_string();
                let message = match message.as_str() {
                    m if m.contains("invalid digit")
                        || m.contains("too large")
                        || m.contains("too small") =>
                    {
                        "must be a whole number".to_owned()
                    }
                    m if m.starts_with("missing field `") => "is required".to_owned(),
                    m => in_our_words(m),
                };
                let field = match message.as_str() {
                    "is required" => error
                        .inner()
                        .to_string()
                        .split('`')
                        .nth(1)
                        .unwrap_or_default()
                        .to_owned(),
                    _ if field == "." => String::new(),
                    _ => field,
                };
                AppError::field(&field, message)
            })
    }
}

/// `?limit=&cursor=` of every list (API.md, Conventions).
#[derive(Debug, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// How many items, 1 to 200; default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A validated page request: `limit` within 1..=200 and the decoded keyset cursor, if any.
#[derive(Debug, Clone)]
pub struct Paging {
    pub limit: i64,
    pub after: Option<String>,
}

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

impl Paging {
    /// The opaque form of a keyset position, for `next_cursor`.
    #[must_use]
    pub fn cursor(position: &str) -> String {
        URL_SAFE_NO_PAD.encode(position)
    }

    /// Takes one more than the page, to know whether another page follows; returns the page and
    /// the cursor of the next one.
    pub fn page<T>(
        &self,
        mut rows: Vec<T>,
        position: impl Fn(&T) -> String,
    ) -> (Vec<T>, Option<String>) {
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = if more {
            rows.last().map(|r| Self::cursor(&position(r)))
        } else {
            None
        };
        (rows, next)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Paging {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let mut limit = None;
        let mut cursor = None;
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "limit" => limit = Some(value.into_owned()),
                "cursor" => cursor = Some(value.into_owned()),
                _ => {}
            }
        }
        let limit = match limit.as_deref().map(str::trim) {
            None | Some("") => DEFAULT_LIMIT,
            Some(text) => text
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    AppError::field("limit", format!("must be from 1 to {MAX_LIMIT}"))
                })?,
        };
        let after = match cursor.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(
                URL_SAFE_NO_PAD
                    .decode(text)
                    .ok()
                    .and_then(|raw| String::from_utf8(raw).ok())
                    .ok_or_else(|| {
                        AppError::field("cursor", "is not a cursor from a previous page")
                    })?,
            ),
        };
        Ok(Self { limit, after })
    }
}

impl<T: serde::Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}
