//! Server-rendered pages (DESIGN.md §10): askama templates, one stylesheet, no script; every
//! form works without JavaScript and shows errors next to the field that caused them.

mod account_pages;
mod admin_pages;
mod assets;
mod chrome;
mod org_pages;
mod session_pages;
mod token_pages;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

pub use assets::Assets;
use chrome::Chrome;

use crate::auth::Authenticated;
use crate::error::AppError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route(
            "/signup",
            get(session_pages::signup_form).post(session_pages::signup),
        )
        .route(
            "/login",
            get(session_pages::login_form).post(session_pages::login),
        )
        .route("/logout", post(session_pages::logout))
        .route("/dashboard", get(org_pages::dashboard))
        .route("/orgs/{org_id}", get(org_pages::overview))
        .route(
            "/orgs/{org_id}/members",
            get(org_pages::members).post(org_pages::invite),
        )
        .route(
            "/orgs/{org_id}/members/{user_id}/role",
            post(org_pages::change_role),
        )
        .route(
            "/orgs/{org_id}/members/{user_id}/remove",
            post(org_pages::remove),
        )
        .route(
            "/orgs/{org_id}/invitations/{id}/resend",
            post(org_pages::resend_invitation),
        )
        .route(
            "/orgs/{org_id}/invitations/{id}/revoke",
            post(org_pages::revoke_invitation),
        )
        .route("/orgs/{org_id}/audit", get(org_pages::audit))
        .route(
            "/invitations/{token}",
            get(org_pages::invitation).post(org_pages::accept),
        )
        .route("/account", get(account_pages::show))
        .route("/account/password", post(account_pages::change_password))
        .route("/tokens", get(token_pages::list).post(token_pages::create))
        .route("/tokens/{id}/revoke", post(token_pages::revoke))
        .route("/admin", get(admin_pages::overview))
        .route(
            "/admin/orgs/{id}/{action}",
            post(admin_pages::set_suspended),
        )
        .merge(assets::router())
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    chrome: Chrome,
}

async fn home(
    State(app): State<AppState>,
    auth: Option<Authenticated>,
) -> Result<Response, AppError> {
    Ok(render(
        StatusCode::OK,
        &Home {
            chrome: Chrome::maybe(&app, auth.as_ref()).await?,
        },
    ))
}

/// The page for an address that leads nowhere.
pub fn not_found_page() -> Response {
    error_page(
        StatusCode::NOT_FOUND,
        Some("There is no page at this address. It may have moved, or the link may be mistyped."),
    )
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: Chrome,
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
            chrome: Chrome::anonymous(),
            title,
            detail,
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

/// After a successful form: go somewhere with GET (303), so a reload does not post again.
fn see_other(location: &str) -> Response {
    axum::response::Redirect::to(location).into_response()
}
