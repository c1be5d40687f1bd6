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
