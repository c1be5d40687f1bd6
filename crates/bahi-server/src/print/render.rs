//! What every printed document shares on its way out: the query (`?copy=&format=&download=`),
//! a render off the async threads, at most one per core, and the PDF response.

use std::sync::LazyLock;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bahi_app::Error;
use bahi_pdf::{Copy, Paper};
use serde::Deserialize;
use tokio::sync::Semaphore;
use utoipa::{IntoParams, ToSchema};

use crate::http::HttpError;

/// Which copy (Rule 48): printed at the top right.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CopyName {
    Original,
    Duplicate,
    Triplicate,
}

/// `a4`, or `thermal` for an 80 mm counter printer.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FormatName {
    #[default]
    A4,
    Thermal,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PrintParams {
    /// Which copy of the invoice this is: `original` (for the recipient), `duplicate` (for the
    /// transporter) or `triplicate` (for the supplier).
    pub copy: Option<CopyName>,
    /// `a4` (default) or `thermal` (80 mm roll; invoices and notes).
    pub format: Option<FormatName>,
    /// `true`: sent as an attachment (a browser saves it) rather than shown.
    pub download: Option<bool>,
}

impl PrintParams {
    pub(super) fn copy(&self) -> Option<Copy> {
        self.copy.map(|c| match c {
            CopyName::Original => Copy::Original,
            CopyName::Duplicate => Copy::Duplicate,
            CopyName::Triplicate => Copy::Triplicate,
        })
    }

    pub(super) fn paper(&self) -> Paper {
        match self.format.unwrap_or_default() {
            FormatName::A4 => Paper::A4,
            FormatName::Thermal => Paper::Thermal,
        }
    }
}

/// Renders take a core each for some milliseconds; more at once than there are cores only
/// queue inside the blocking pool while holding its threads.
static RENDERS: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

pub(super) async fn rendered(
    job: impl FnOnce() -> Result<bahi_pdf::Rendered, bahi_pdf::RenderError> + Send + 'static,
) -> Result<Vec<u8>, HttpError> {
    let _permit = RENDERS
        .acquire()
        .await
        .map_err(|_| Error::Internal("the render queue is closed".into()))?;
    let out = tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| Error::Internal(format!("a render stopped: {e}")))?
        .map_err(|e| Error::Internal(e.to_string()))?;
    for warning in &out.warnings {
        tracing::warn!(%warning, "a document rendered with a warning");
    }
    Ok(out.pdf)
}

/// A document's number as a file name anyone's disk takes: `INV-26-27-0042.pdf`.
#[must_use]
pub fn file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{safe}.pdf")
}

/// The PDF with its file name.
pub(super) fn pdf_response(pdf: Vec<u8>, name: &str, download: bool) -> Response {
    let disposition = format!(
        "{}; filename=\"{}\"",
        if download { "attachment" } else { "inline" },
        file_name(name)
    );
    let mut response = (StatusCode::OK, pdf).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    // The document page previews it in a frame of its own origin; the site's policy (no
    // framing at all) would blank the preview. Set here, the layer leaves these alone.
    headers.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("frame-ancestors 'self'"),
    );
    response
}

/// The last twelve hex digits of an id: its random part.
pub(super) fn short(id: &str) -> String {
    let hex: String = id.chars().filter(char::is_ascii_hexdigit).collect();
    hex[hex.len().saturating_sub(12)..].to_ascii_uppercase()
}
