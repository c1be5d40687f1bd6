//! Server-rendered pages (DESIGN.md §10): askama templates, one stylesheet, no inline script.

mod assets;

use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

pub use assets::Assets;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home)).merge(assets::router())
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    assets: &'static Assets,
}

async fn home() -> Response {
    render(
        StatusCode::OK,
        &Home {
            assets: Assets::get(),
        },
    )
}

#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFound {
    assets: &'static Assets,
}

pub fn not_found_page() -> Response {
    render(
        StatusCode::NOT_FOUND,
        &NotFound {
            assets: Assets::get(),
        },
    )
}

fn render(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => {
            tracing::error!(%error, "template failed to render");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Html("<h1>Something went wrong</h1>".to_owned()),
            )
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    assets: &'static Assets,
    title: &'a str,
    detail: &'a str,
}

/// A page for a problem a handler reported (403, 404, 409, 422, 429, 5xx).
pub fn error_page(status: StatusCode, detail: Option<&str>) -> Response {
    let title = match status {
        StatusCode::FORBIDDEN => "Not allowed",
        StatusCode::NOT_FOUND => "Page not found",
        StatusCode::CONFLICT => "That cannot be done now",
        StatusCode::TOO_MANY_REQUESTS => "Too many attempts",
        s if s.is_server_error() => "Something went wrong",
        _ => "That did not work",
    };
    let detail = detail.unwrap_or("Go back and try again.");
    render(
        status,
        &ErrorPage {
            assets: Assets::get(),
            title,
            detail,
        },
    )
}
