//! How page handlers answer: a rendered template, or a redirect after a form.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

pub fn render(status: StatusCode, page: &impl Template) -> Response {
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

/// After a successful form: go somewhere with GET (303), so a reload does not post again.
pub fn see_other(location: &str) -> Response {
    axum::response::Redirect::to(location).into_response()
}
