//! The home page (for everyone) and the dashboard (your organisations).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::chrome::Chrome;
use super::respond::render;
use crate::http::{HttpError, Signed};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    chrome: Chrome,
}

pub async fn home(
    State(app): State<AppState>,
    signed: Option<Signed>,
) -> Result<Response, HttpError> {
    let chrome = Chrome::maybe(&app, signed.as_deref()).await?;
    Ok(render(StatusCode::OK, &Home { chrome }))
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    chrome: Chrome,
}

pub async fn dashboard(
    State(app): State<AppState>,
    Signed(actor): Signed,
) -> Result<Response, HttpError> {
    let chrome = Chrome::for_user(&app, &actor, None).await?;
    Ok(render(StatusCode::OK, &Dashboard { chrome }))
}
