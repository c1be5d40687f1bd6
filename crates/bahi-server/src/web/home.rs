//! The home page (it leads a stranger to sign up) and the list of your businesses.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::chrome::{Chrome, Frame};
use super::respond::render;
use crate::http::{HttpError, Signed};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    chrome: Chrome,
}

pub async fn home(State(app): State<AppState>, frame: Frame) -> Result<Response, HttpError> {
    let chrome = Chrome::new(&app, &frame, "home").await?;
    Ok(render(StatusCode::OK, &Home { chrome }))
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Businesses {
    chrome: Chrome,
}

/// Every business of the signed-in user, and a way to add one.
pub async fn businesses(
    State(app): State<AppState>,
    _signed: Signed,
    frame: Frame,
) -> Result<Response, HttpError> {
    let chrome = Chrome::new(&app, &frame, "businesses").await?;
    Ok(render(StatusCode::OK, &Businesses { chrome }))
}
