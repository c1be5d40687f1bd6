//! Static files embedded in the binary. Each is also served under a name carrying a hash of its
//! content (`/static/app.3f2a9c1d.css`), cached for a year as immutable: a new release changes
//! the name, so browsers never keep a stale copy.

use std::sync::OnceLock;

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};

use crate::state::AppState;

struct File {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const FILES: &[File] = &[
    File {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../static/app.css"),
    },
    File {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/app.js"),
    },
    // htmx 2.0.11 (npm `htmx.org`), Zero-Clause BSD: `static/htmx.LICENSE.txt`.
    File {
        name: "htmx.min.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/htmx.min.js"),
    },
    File {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../../static/favicon.svg"),
    },
];

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "public, max-age=300, must-revalidate";

/// The fingerprinted URLs templates link to.
pub struct Assets {
    pub stylesheet: String,
    pub script: String,
    pub htmx: String,
    pub favicon: String,
    pub version: &'static str,
    fingerprinted: Vec<(String, &'static File)>,
}

impl Assets {
    pub fn get() -> &'static Self {
        static ASSETS: OnceLock<Assets> = OnceLock::new();
        ASSETS.get_or_init(|| {
            let fingerprinted: Vec<_> = FILES.iter().map(|f| (fingerprinted_name(f), f)).collect();
            let url = |name: &str| {
                fingerprinted
                    .iter()
                    .find(|(_, f)| f.name == name)
                    .map(|(n, _)| format!("/static/{n}"))
                    .unwrap_or_default()
            };
            Self {
                stylesheet: url("app.css"),
                script: url("app.js"),
                htmx: url("htmx.min.js"),
                favicon: url("favicon.svg"),
                version: env!("CARGO_PKG_VERSION"),
                fingerprinted,
            }
        })
    }
}

fn fingerprinted_name(file: &File) -> String {
    let hash = hex::encode(&Sha256::digest(file.bytes)[..6]);
    match file.name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{}.{hash}", file.name),
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/static/{name}", get(serve))
        // Browsers ask for it whatever the page links; the SVG serves (Chromium and Firefox
        // take an SVG favicon from any address).
        .route(
            "/favicon.ico",
            get(|| async { serve(Path("favicon.svg".to_owned())).await }),
        )
}

async fn serve(Path(name): Path<String>) -> Response {
    let assets = Assets::get();
    let (file, cache) = if let Some((_, f)) = assets.fingerprinted.iter().find(|(n, _)| *n == name)
    {
        (*f, IMMUTABLE)
    } else if let Some(f) = FILES.iter().find(|f| f.name == name) {
        (f, REVALIDATE)
    } else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let mut response = (StatusCode::OK, file.bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.content_type),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}
