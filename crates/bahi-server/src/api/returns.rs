//! Returns (API.md, Returns): GSTR-1, GSTR-3B and the HSN summary of a period as GSTN's JSON,
//! named for download as the portal's offline tool names them; and filed periods — marking a
//! period filed locks it against issuing, voiding and dating documents into it; an owner may
//! reopen it.

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bahi_app::returns::{filing, periods};
use bahi_app::{Accountant, Error, Message, OrgCtx, Owner, Viewer};
use bahi_gst::Period;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::dto::rfc3339;
use super::problem::Problem;
use crate::http::extract::{Json, Path, Query};
use crate::http::paths::FiledPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct FiledOut {
    /// `gstr-1`, `gstr-3b` or `iff`.
    pub return_type: String,
    /// `YYYY-MM`, or `YYYY-Qn` for a quarter.
    pub period: String,
    pub filed_at: String,
}

/// Mark a return period filed: nothing may be issued, voided or dated into it until an owner
/// reopens it.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/returns/{return_type}/{period}/filed", tag = "returns",
    params(("org_id" = Uuid, Path),
           ("return_type" = String, Path, description = "`gstr-1`, `gstr-3b` or `iff`"),
           ("period" = String, Path, description = "`YYYY-MM`, or `YYYY-Qn` for a quarterly return")),
    responses((status = 201, body = FiledOut)))]
pub async fn file(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<FiledPath>,
) -> Result<(StatusCode, Json<FiledOut>), HttpError> {
    check_period(&path.period)?;
    let filed = periods::file(&app.services, &member, &path.return_type, &path.period).await?;
    Ok((
        StatusCode::CREATED,
        Json(FiledOut {
            return_type: filed.return_type,
            period: filed.period,
            filed_at: rfc3339(filed.filed_at),
        }),
    ))
}

/// Reopen a filed period (owners only).
#[utoipa::path(delete, path = "/v1/orgs/{org_id}/returns/{return_type}/{period}/filed", tag = "returns",
    params(("org_id" = Uuid, Path),
           ("return_type" = String, Path, description = "`gstr-1`, `gstr-3b` or `iff`"),
           ("period" = String, Path, description = "`YYYY-MM`, or `YYYY-Qn` for a quarterly return")),
    responses((status = 204, description = "Reopened")))]
pub async fn reopen(
    member: Member<Owner>,
    State(app): State<AppState>,
    Path(path): Path<FiledPath>,
) -> Result<StatusCode, HttpError> {
    check_period(&path.period)?;
    periods::reopen(&app.services, &member, &path.return_type, &path.period).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A period in the path that is neither `YYYY-MM` nor `YYYY-Qn` is a malformed address (400), like an id that is
/// not one.
fn check_period(period: &str) -> Result<(), HttpError> {
    bahi_gst::Period::parse(period)
        .map(|_| ())
        .map_err(|_| HttpError::BadRequest(bahi_app::Message::new("problem-bad-period")))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReturnParams {
    /// The month, `YYYY-MM`, or for a quarterly filer the calendar quarter, `YYYY-Qn`
    /// (`2026-Q3` is July to September 2026).
    #[param(example = "2026-10")]
    pub period: String,
    /// `true`: sent as an attachment (a browser saves it) rather than shown.
    pub download: Option<bool>,
}

impl ReturnParams {
    fn period(&self) -> Result<Period, HttpError> {
        Period::parse(&self.period)
            .map_err(|_| Error::field("period", Message::new("return-period-invalid")).into())
    }
}

/// The return as JSON, named as GSTN's offline tool names its files
/// (`GSTR1_29AAFCC9980M1ZR_102026.json`).
pub(crate) fn return_response<T: Serialize, R: bahi_app::AtLeast<Viewer>>(
    body: &T,
    name: &str,
    member: &OrgCtx<R>,
    period: Period,
    download: bool,
) -> Response {
    let gstin = member
        .org()
        .gstin
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let file = format!("{name}_{gstin}_{}.json", period.gstn());
    let mut response = axum::Json(body).into_response();
    let disposition = format!(
        "{}; filename=\"{file}\"",
        if download { "attachment" } else { "inline" }
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// GSTR-1 for a month or quarter: GSTN's offline-tool JSON (GST.md §8). A quarter's leaves
/// out the B2B invoices of months whose IFF is filed. 409 while the business has no GSTIN.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/returns/gstr-1", tag = "returns",
    params(("org_id" = Uuid, Path), ReturnParams),
    responses((status = 200, body = Object, description = "GSTR-1 as GSTN's JSON"),
              (status = 409, description = "The business has no GSTIN yet", body = Problem)))]
pub async fn gstr1(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(params): Query<ReturnParams>,
) -> Result<Response, HttpError> {
    let period = params.period()?;
    let built = filing::gstr1(&app.services, &member, period).await?;
    let download = params.download.unwrap_or(false);
    Ok(return_response(&built, "GSTR1", &member, period, download))
}

/// GSTR-3B for a month or quarter: GSTN's JSON (GST.md §7). 409 while the business has no GSTIN.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/returns/gstr-3b", tag = "returns",
    params(("org_id" = Uuid, Path), ReturnParams),
    responses((status = 200, body = Object, description = "GSTR-3B as GSTN's JSON"),
              (status = 409, description = "The business has no GSTIN yet", body = Problem)))]
pub async fn gstr3b(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(params): Query<ReturnParams>,
) -> Result<Response, HttpError> {
    let period = params.period()?;
    let built = filing::gstr3b(&app.services, &member, period).await?;
    let download = params.download.unwrap_or(false);
    Ok(return_response(&built, "GSTR3B", &member, period, download))
}

/// The HSN-wise summary of a month's outward supplies (GSTR-1 table 12): `{"data": [...]}`
/// before May 2025, `{"hsn_b2b": [...], "hsn_b2c": [...]}` from then on.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/returns/hsn-summary", tag = "returns",
    params(("org_id" = Uuid, Path), ReturnParams),
    responses((status = 200, body = Object, description = "HSN rows"),
              (status = 409, description = "The business has no GSTIN yet", body = Problem)))]
pub async fn hsn_summary(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(params): Query<ReturnParams>,
) -> Result<Response, HttpError> {
    let period = params.period()?;
    let built = filing::hsn_summary(&app.services, &member, period).await?;
    let download = params.download.unwrap_or(false);
    Ok(return_response(&built, "HSN", &member, period, download))
}

/// IFF (QRMP's Invoice Furnishing Facility) for the first or second month of a quarter: the
/// month's B2B invoices and notes to registered persons, in GSTR-1's JSON. 422 on `period` for
/// a quarter's last month or a quarter; 409 while the business has no GSTIN.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/returns/iff", tag = "returns",
    params(("org_id" = Uuid, Path), ReturnParams),
    responses((status = 200, body = Object, description = "IFF as GSTN's JSON"),
              (status = 409, description = "The business has no GSTIN yet", body = Problem),
              (status = 422, description = "Not the first or second month of a quarter", body = Problem)))]
pub async fn iff(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(params): Query<ReturnParams>,
) -> Result<Response, HttpError> {
    let period = params.period()?;
    let built = filing::iff(&app.services, &member, period).await?;
    let download = params.download.unwrap_or(false);
    Ok(return_response(&built, "IFF", &member, period, download))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CsvParams {
    /// The month, `YYYY-MM`, or quarter, `YYYY-Qn`.
    #[param(example = "2026-10")]
    pub period: String,
    /// The offline tool's section: `b2b`, `b2cl`, `b2cs`, `exp`, `cdnr`, `cdnur`, `exemp`,
    /// `hsn` (before May 2025) or `hsn_b2b` and `hsn_b2c` (from May 2025), `docs`.
    #[param(example = "b2b")]
    pub section: String,
}

/// One GSTR-1 section as the CSV the GSTN offline tool imports (its column headings; one row
/// per document and rate), always sent as a file (`GSTR1_b2b_<GSTIN>_<MMYYYY>.csv`). 422 on
/// `section` for an unknown one, or `hsn` where the period's summary is split.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/returns/gstr-1/csv", tag = "returns",
    params(("org_id" = Uuid, Path), CsvParams),
    responses((status = 200, content_type = "text/csv", body = String, description = "The section as CSV"),
              (status = 409, description = "The business has no GSTIN yet", body = Problem),
              (status = 422, description = "Unknown section or period", body = Problem)))]
pub async fn gstr1_csv(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(params): Query<CsvParams>,
) -> Result<Response, HttpError> {
    let period = Period::parse(&params.period)
        .map_err(|_| Error::field("period", Message::new("return-period-invalid")))?;
    csv_response(&app, &member, period, &params.section).await
}

/// A GSTR-1 section of `period` as a CSV file.
pub(crate) async fn csv_response<R: bahi_app::AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    period: Period,
    section: &str,
) -> Result<Response, HttpError> {
    use bahi_gst::returns::gstr1::csv::{self, CsvError, CsvSection};
    let section = CsvSection::parse(section)
        .ok_or_else(|| Error::field("section", Message::new("csv-section-unknown")))?;
    let built = filing::gstr1(&app.services, member, period).await?;
    let text = csv::write(&built, section).map_err(|e| match e {
        CsvError::HsnIsSplit => Error::field("section", Message::new("csv-hsn-split")),
        CsvError::HsnIsSingle => Error::field("section", Message::new("csv-hsn-single")),
        CsvError::Write(why) => Error::Internal(why),
    })?;
    let gstin = member
        .org()
        .gstin
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let file = format!("GSTR1_{}_{gstin}_{}.csv", section.as_str(), period.gstn());
    let mut response = text.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
