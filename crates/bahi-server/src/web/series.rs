//! The document-numbers page: each series' format and next number; admins change a format
//! (prefix, financial year style, counter digits) one series at a time.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::sales::series::{self, SeriesInput};
use bahi_app::{Admin, Message, Viewer};
use bahi_gst::YearStyle;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::notices;
use super::respond::{render, see_other};
use crate::http::extract::Path;
use crate::http::paths::SeriesPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

pub struct SeriesRow {
    pub series: String,
    /// What the series is for, in the page's language.
    pub name: String,
    pub prefix: String,
    pub year_style: String,
    pub width: String,
    pub next_number: String,
    /// The row whose form came back with errors.
    pub editing: bool,
}

#[derive(Template)]
#[template(path = "series.html")]
struct SeriesPage {
    chrome: Chrome,
    org_id: String,
    can_edit: bool,
    rows: Vec<SeriesRow>,
    year_styles: Vec<(&'static str, String)>,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct SeriesForm {
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    year_style: String,
    #[serde(default)]
    width: String,
}

async fn series_page(
    app: &AppState,
    frame: &Frame,
    member: &Member<Viewer>,
    edited: Option<(&str, &SeriesForm)>,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let chrome = Chrome::for_org(app, frame, member, "settings").await?;
    let rows = series::list(&app.services, member)
        .await?
        .into_iter()
        .map(|s| {
            let code = s.format.series().to_owned();
            let key = match code.as_str() {
                "INV" | "BOS" | "CN" | "DN" => format!("series-name-{code}"),
                _ => "series-name-own".to_owned(),
            };
            let mut row = SeriesRow {
                name: chrome.t(&key),
                prefix: s.format.prefix().to_owned(),
                year_style: s.format.year_style().as_str().to_owned(),
                width: s.format.width().to_string(),
                next_number: s.next_number,
                editing: false,
                series: code,
            };
            if let Some((name, form)) = edited
                && name.eq_ignore_ascii_case(&row.series)
            {
                row.prefix.clone_from(&form.prefix);
                row.year_style.clone_from(&form.year_style);
                row.width.clone_from(&form.width);
                row.editing = true;
            }
            row
        })
        .collect();
    let example = bahi_gst::FinancialYear::of(member.today());
    let year_styles = YearStyle::ALL
        .into_iter()
        .map(|y| {
            (
                y.as_str(),
                format!("{} ({})", y.as_str(), y.render(example)),
            )
        })
        .collect();
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = SeriesPage {
        org_id: member.org_id().to_string(),
        can_edit: member.as_role::<Admin>().is_some(),
        chrome,
        rows,
        year_styles,
        errors,
    };
    Ok(render(status, &page))
}

pub async fn page(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    series_page(&app, &frame, &member, None, FormErrors::default()).await
}

pub async fn save(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<SeriesPath>,
    Form(form): Form<SeriesForm>,
) -> Result<Response, HttpError> {
    // Digits that are not a number are out of range: the use case says so on the field.
    let width = match form.width.trim() {
        "" => None,
        text => Some(text.parse::<i64>().unwrap_or(0)),
    };
    let input = SeriesInput {
        prefix: Some(form.prefix.clone()),
        year_style: Some(form.year_style.clone()),
        width,
    };
    match series::save(&app.services, &member, &path.series, &input).await {
        Ok(saved) => {
            let notice = Message::new("notice-series-saved")
                .arg("series", saved.format.series())
                .arg("example", saved.next_number.as_str());
            let jar = notices::leave(jar, &notice);
            let to = format!("/orgs/{}/settings/series", member.org_id());
            Ok((jar, see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            let viewer = Member(
                member
                    .as_role::<Viewer>()
                    .ok_or(bahi_app::Error::NotFound)?,
            );
            series_page(&app, &frame, &viewer, Some((&path.series, &form)), errors).await
        }
    }
}
