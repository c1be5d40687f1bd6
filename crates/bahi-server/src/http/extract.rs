//! The extractors. Like axum's, but what does not fit answers in our words, naming the field, as
//! API.md wants — never framework text or Rust type names:
//! - [`Json`]: a body that does not fit is a 422 naming the field (`organisation.state_code`),
//!   malformed JSON a 400, another content type a 415;
//! - [`Path`]: an id in the path that is not one is a 400 naming the segment;
//! - [`Query`]: a query parameter that does not fit is a 422 naming it;
//! - [`Paging`]: `limit` (1 to 200, default 50) and an opaque keyset `cursor`, 422 otherwise.

use axum::extract::{FromRequest, FromRequestParts, OptionalFromRequest, RawPathParams, Request};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use bahi_app::{Error, Message};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::{IntoParams, ToSchema};

use super::HttpError;
use crate::middleware::MAX_BODY_BYTES;

/// A JSON body in, or a JSON body out.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = HttpError;

    async fn from_request(request: Request, _: &S) -> Result<Self, HttpError> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.starts_with("application/json")
                    || (v.starts_with("application/") && v.contains("+json"))
            });
        if !is_json {
            return Err(HttpError::UnsupportedMediaType);
        }
        let bytes = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES)
            .await
            .map_err(|_| HttpError::PayloadTooLarge)?;
        let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(&mut deserializer)
            .map(Self)
            .map_err(|error| rejection(&error))
    }
}

/// An optional body: none at all (no `Content-Type`) is `None`; anything sent must fit.
impl<T: DeserializeOwned, S: Send + Sync> OptionalFromRequest<S> for Json<T> {
    type Rejection = HttpError;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, HttpError> {
        if request.headers().get(header::CONTENT_TYPE).is_none() {
            return Ok(None);
        }
        <Self as FromRequest<S>>::from_request(request, state)
            .await
            .map(Some)
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

fn rejection(error: &serde_path_to_error::Error<serde_json::Error>) -> HttpError {
    let inner = error.inner();
    if inner.is_syntax() || inner.is_eof() || inner.is_io() {
        let reason = inner.to_string();
        let reason = reason.split(" at line ").next().unwrap_or(&reason);
        return HttpError::BadRequest(Message::new("problem-bad-json").arg("reason", reason));
    }
    let mut path = error.path().to_string();
    let text = inner.to_string();
    let text = text.split(" at line ").next().unwrap_or(&text);
    // serde reports a missing field at its parent; name the field itself.
    let message = if let Some(rest) = text.strip_prefix("missing field `")
        && let Some(name) = rest.split('`').next()
    {
        path = if path == "." || path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        Message::new("field-required")
    } else {
        in_our_words(text)
    };
    let field = if path == "." { String::new() } else { path };
    HttpError::App(Error::field(field, message))
}

/// serde's messages name Rust types and variants; say what the field must be instead.
fn in_our_words(text: &str) -> Message {
    if let Some(rest) = text.strip_prefix("unknown variant `")
        && let Some((_, expected)) = rest.split_once("expected ")
    {
        let choices = expected.replace("one of ", "").replace('`', "");
        return Message::new("json-one-of").arg("choices", choices);
    }
    if let Some(rest) = text.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or_default();
        return Message::new("json-unknown-field").arg("name", name);
    }
    if let Some(rest) = text.strip_prefix("invalid type: ")
        && let Some((got, expected)) = rest.split_once(", expected ")
    {
        let got = match got {
            "sequence" => "a list",
            "map" => "an object",
            other => other,
        };
        return Message::new("json-invalid-type")
            .arg("got", got)
            .arg("expected", expected_in_words(expected));
    }
    if text.starts_with("invalid length") {
        return Message::new("json-wrong-count");
    }
    if text.contains("invalid digit") || text.contains("too large") || text.contains("too small") {
        return Message::new("json-whole-number");
    }
    Message::new("json-not-valid")
}

/// What serde expected, without Rust's type names (`struct SignupInput with 4 elements`, `i64`).
fn expected_in_words(expected: &str) -> &'static str {
    match expected {
        e if e.starts_with("struct ") || e.contains("map") => "an object",
        e if e.contains("i64") || e.contains("u32") || e.contains("integer") => "a whole number",
        e if e.contains("bool") => "true or false",
        e if e.contains("sequence") || e.contains("tuple") => "a list",
        e if e.contains("string") || e.contains("str") || e.contains("char") => "a string",
        _ => "another kind of value",
    }
}

/// Path parameters (typed ids deserialise from their UUID text). An id that is not one answers
/// 400 naming the segment.
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, HttpError> {
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
                Err(HttpError::BadRequest(match bad {
                    Some(name) => Message::new("problem-bad-id").arg("name", name),
                    None => Message::new("problem-bad-address"),
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
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, HttpError> {
        let query = parts.uri.query().unwrap_or_default();
        let deserializer =
            serde_urlencoded::Deserializer::new(url::form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(Self)
            .map_err(|error| {
                let text = error.inner().to_string();
                let (field, message) = match text.strip_prefix("missing field `") {
                    Some(rest) => (
                        rest.split('`').next().unwrap_or_default().to_owned(),
                        Message::new("field-required"),
                    ),
                    None => (error.path().to_string(), in_our_words(&text)),
                };
                let field = if field == "." { String::new() } else { field };
                HttpError::App(Error::field(field, message))
            })
    }
}

/// `?limit=&cursor=` of every list (API.md, Conventions), for the OpenAPI document.
#[derive(Debug, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// How many items, 1 to 200; default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of a list (API.md, Conventions).
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

/// A validated page request: `limit` within 1..=200 and the keyset position after which the
/// page starts (decoded from the opaque cursor).
#[derive(Debug, Clone)]
pub struct Paging {
    pub limit: i64,
    pub after: Option<String>,
}

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

impl Paging {
    /// How many rows to fetch: one more than the page, to know whether another follows.
    #[must_use]
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }

    /// Cuts the fetched rows to the page; the next cursor names the last row's position.
    pub fn page<T, U>(
        &self,
        mut rows: Vec<T>,
        position: impl Fn(&T) -> String,
        item: impl Fn(T) -> U,
    ) -> Page<U> {
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next_cursor = if more {
            rows.last().map(|r| cursor_of(&position(r)))
        } else {
            None
        };
        Page {
            items: rows.into_iter().map(item).collect(),
            next_cursor,
        }
    }

    /// The position of a name-sorted list (`<id> <search name>`, see [`name_position`]).
    pub fn after_name<Id: std::str::FromStr>(
        &self,
    ) -> Result<Option<bahi_store::masters::After<Id>>, HttpError> {
        let Some(after) = self.after.as_deref() else {
            return Ok(None);
        };
        let (id, name) = after.split_once(' ').ok_or_else(bad_cursor)?;
        let id = id.parse().map_err(|_| bad_cursor())?;
        Ok(Some(bahi_store::masters::After {
            search_name: name.to_owned(),
            id,
        }))
    }

    /// The position of a date-sorted list, newest first (see [`date_position`]).
    pub fn before_date<Id: std::str::FromStr>(
        &self,
    ) -> Result<Option<(time::Date, Id)>, HttpError> {
        let Some(after) = self.after.as_deref() else {
            return Ok(None);
        };
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let (date, id) = after.split_once(' ').ok_or_else(bad_cursor)?;
        let date = time::Date::parse(date, format).map_err(|_| bad_cursor())?;
        let id = id.parse().map_err(|_| bad_cursor())?;
        Ok(Some((date, id)))
    }

    /// The position as a number (sequence-keyed lists).
    pub fn after_number(&self) -> Result<Option<i64>, HttpError> {
        self.after
            .as_deref()
            .map(|a| a.parse::<i64>().map_err(|_| bad_cursor()))
            .transpose()
    }
}

/// Where a row of a date-sorted list stands (`<YYYY-MM-DD> <id>`), as
/// [`Paging::before_date`] reads it back.
#[must_use]
pub fn date_position(date: time::Date, id: impl std::fmt::Display) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    format!("{} {id}", date.format(format).unwrap_or_default())
}

/// Where a row of a name-sorted list stands, as [`Paging::after_name`] reads it back.
#[must_use]
pub fn name_position(id: impl std::fmt::Display, search_name: &str) -> String {
    format!("{id} {search_name}")
}

/// The opaque cursor of a position (what [`Paging`] decodes back into `after`).
#[must_use]
pub fn cursor_of(position: &str) -> String {
    URL_SAFE_NO_PAD.encode(position)
}

pub(crate) fn bad_cursor() -> HttpError {
    HttpError::App(Error::field("cursor", Message::new("cursor-invalid")))
}

impl<S: Send + Sync> FromRequestParts<S> for Paging {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, HttpError> {
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
                    HttpError::App(Error::field(
                        "limit",
                        Message::new("limit-range").arg("max", MAX_LIMIT),
                    ))
                })?,
        };
        let after = match cursor.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(
                URL_SAFE_NO_PAD
                    .decode(text)
                    .ok()
                    .and_then(|raw| String::from_utf8(raw).ok())
                    .ok_or_else(bad_cursor)?,
            ),
        };
        Ok(Self { limit, after })
    }
}
