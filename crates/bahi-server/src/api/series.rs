//! Series settings (added to API.md's Organisations): how document numbers look per series.

use axum::extract::State;
use bahi_app::sales::series::{self, Series, SeriesInput};
use bahi_app::{Admin, Viewer};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::problem::Problem;
use crate::http::extract::{Json, Path};
use crate::http::paths::SeriesPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesOut {
    /// The name documents are numbered under (`INV`, `BOS`, `CN`, `DN` or one of the
    /// organisation's own).
    pub series: String,
    /// What each number starts with.
    pub prefix: String,
    /// `YY-YY` (26-27), `YYYY-YY` (2026-27) or `YYYY` (2026).
    pub year_style: String,
    /// Digits of the counter (zero-padded).
    pub width: u8,
    /// Set up by the organisation; otherwise numbered the default way.
    pub custom: bool,
    /// The number the next document of this series takes this financial year.
    pub next_number: String,
}

impl From<&Series> for SeriesOut {
    fn from(s: &Series) -> Self {
        Self {
            series: s.format.series().to_owned(),
            prefix: s.format.prefix().to_owned(),
            year_style: s.format.year_style().as_str().to_owned(),
            width: s.format.width(),
            custom: s.custom,
            next_number: s.next_number.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesList {
    pub items: Vec<SeriesOut>,
    /// Always null: an organisation has a handful of series, all on one page.
    pub next_cursor: Option<String>,
}

/// A series' format; fields left out keep their value.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesBody {
    /// `A-Z 0-9 / -`, not starting with `0`, `/` or `-`.
    #[schema(min_length = 1, max_length = 14)]
    pub prefix: Option<String>,
    /// `YY-YY`, `YYYY-YY` or `YYYY`.
    pub year_style: Option<String>,
    #[schema(minimum = 1, maximum = 8)]
    pub width: Option<i64>,
}

/// The organisation's series: the standard four, those used and those set up.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/series", tag = "organisations",
    params(("org_id" = uuid::Uuid, Path)),
    responses((status = 200, body = SeriesList)))]
pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
) -> Result<Json<SeriesList>, HttpError> {
    let items = series::list(&app.services, &member).await?;
    Ok(Json(SeriesList {
        items: items.iter().map(SeriesOut::from).collect(),
        next_cursor: None,
    }))
}

/// One series.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/series/{series}", tag = "organisations",
    params(("org_id" = uuid::Uuid, Path), ("series" = String, Path)),
    responses((status = 200, body = SeriesOut), (status = 422, description = "Not a usable series name", body = Problem)))]
pub async fn get(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<SeriesPath>,
) -> Result<Json<SeriesOut>, HttpError> {
    let found = series::get(&app.services, &member, &path.series).await?;
    Ok(Json((&found).into()))
}

/// Set how a series is numbered from now on (admins and owners). The count goes on.
#[utoipa::path(put, path = "/v1/orgs/{org_id}/series/{series}", tag = "organisations",
    params(("org_id" = uuid::Uuid, Path), ("series" = String, Path)), request_body = SeriesBody,
    responses((status = 200, body = SeriesOut), (status = 409, description = "Another series prints this prefix", body = Problem),
              (status = 422, description = "A format whose numbers could pass 16 characters", body = Problem)))]
pub async fn save(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<SeriesPath>,
    Json(body): Json<SeriesBody>,
) -> Result<Json<SeriesOut>, HttpError> {
    let input = SeriesInput {
        prefix: body.prefix,
        year_style: body.year_style,
        width: body.width,
    };
    let saved = series::save(&app.services, &member, &path.series, &input).await?;
    Ok(Json((&saved).into()))
}
