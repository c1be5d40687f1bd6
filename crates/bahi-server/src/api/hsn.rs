//! HSN/SAC help: codes and a GST rate suggested for an item's name, for a person to accept —
//! from the configured model (checked against the rate table) or the offline list.

use axum::extract::State;
use bahi_app::Viewer;
use bahi_app::masters::hsn_help;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::items::ItemKind;
use crate::http::extract::{Json, Query};
use crate::http::{HttpError, Member};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct SuggestParams {
    /// The item's name or description (2–200 characters).
    pub q: String,
    /// Only codes of this kind (SAC codes start with 99).
    pub kind: Option<ItemKind>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionOut {
    #[schema(example = "8471")]
    pub code: String,
    pub kind: ItemKind,
    pub description: String,
    #[schema(example = "18")]
    pub gst_rate: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionsOut {
    /// `model` or `offline`.
    #[schema(example = "offline")]
    pub source: String,
    /// A model is configured but failed or suggested nothing usable; the offline list answered.
    pub model_failed: bool,
    pub suggestions: Vec<SuggestionOut>,
}

/// Suggest HSN/SAC codes and a GST rate for an item (never applied by themselves).
#[utoipa::path(get, path = "/v1/orgs/{org_id}/hsn-suggestions", tag = "items",
    params(("org_id" = uuid::Uuid, Path), SuggestParams),
    responses((status = 200, body = SuggestionsOut)))]
pub async fn suggest(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(params): Query<SuggestParams>,
) -> Result<Json<SuggestionsOut>, HttpError> {
    let found = hsn_help::suggest(
        &app.services,
        &member,
        &params.q,
        params.kind.map(Into::into),
    )
    .await?;
    Ok(Json(SuggestionsOut {
        source: found.source.as_str().to_owned(),
        model_failed: found.model_failed,
        suggestions: found
            .items
            .into_iter()
            .map(|s| SuggestionOut {
                code: s.code.to_string(),
                kind: s.kind.into(),
                description: s.description,
                gst_rate: s.gst_rate.to_string(),
            })
            .collect(),
    }))
}
