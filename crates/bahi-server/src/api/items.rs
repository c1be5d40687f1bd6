//! Goods and services (API.md, Items).

use axum::extract::State;
use axum::http::StatusCode;
use bahi_app::masters::items::{self, ItemInput};
use bahi_app::{Accountant, Viewer};
use bahi_gst::{SupplyKind, Treatment};
use bahi_store::masters::items::{Item, ItemQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::rfc3339;
use crate::http::extract::{Json, Page, PageParams, Paging, Path, Query, name_position};
use crate::http::paths::ItemPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

/// `goods` | `services`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Goods,
    Services,
}

impl From<ItemKind> for SupplyKind {
    fn from(k: ItemKind) -> Self {
        match k {
            ItemKind::Goods => Self::Goods,
            ItemKind::Services => Self::Services,
        }
    }
}

impl From<SupplyKind> for ItemKind {
    fn from(k: SupplyKind) -> Self {
        match k {
            SupplyKind::Goods => Self::Goods,
            SupplyKind::Services => Self::Services,
        }
    }
}

/// How a line is taxed: `taxable` (the default), `nil_rated`, `exempt`, `non_gst`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentName {
    Taxable,
    NilRated,
    Exempt,
    NonGst,
}

impl From<TreatmentName> for Treatment {
    fn from(t: TreatmentName) -> Self {
        match t {
            TreatmentName::Taxable => Self::Taxable,
            TreatmentName::NilRated => Self::NilRated,
            TreatmentName::Exempt => Self::Exempt,
            TreatmentName::NonGst => Self::NonGst,
        }
    }
}

impl From<Treatment> for TreatmentName {
    fn from(t: Treatment) -> Self {
        match t {
            Treatment::Taxable => Self::Taxable,
            Treatment::NilRated => Self::NilRated,
            Treatment::Exempt => Self::Exempt,
            Treatment::NonGst => Self::NonGst,
        }
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewItem {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    pub kind: ItemKind,
    /// HSN for goods, SAC (starting with 99) for services: 4, 6 or 8 digits.
    #[schema(max_length = 8, pattern = r"^[0-9]*$")]
    pub hsn_sac: String,
    /// A GST unit (UQC) such as `NOS`, `KGS`; services may omit it.
    #[schema(max_length = 3)]
    pub unit: Option<String>,
    /// The usual unit price before tax, in rupees: `"333.33"`.
    #[schema(max_length = 20, example = "333.33")]
    pub price: String,
    /// Percent: `"18"`, `"0.25"`.
    #[schema(max_length = 6, example = "18")]
    pub gst_rate: String,
    pub treatment: Option<TreatmentName>,
    /// Compensation cess, percent.
    #[schema(max_length = 6)]
    pub cess_rate: Option<String>,
}

impl From<NewItem> for ItemInput {
    fn from(i: NewItem) -> Self {
        Self {
            name: i.name,
            kind: i.kind.into(),
            hsn_sac: i.hsn_sac,
            unit: i.unit,
            price: i.price,
            gst_rate: i.gst_rate,
            treatment: i.treatment.map(Into::into),
            cess_rate: i.cess_rate,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemOut {
    pub id: Uuid,
    pub name: String,
    pub kind: ItemKind,
    pub hsn_sac: String,
    pub unit: Option<String>,
    #[schema(example = "333.33")]
    pub price: String,
    #[schema(example = "18")]
    pub gst_rate: String,
    pub treatment: TreatmentName,
    #[schema(example = "0")]
    pub cess_rate: String,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl From<&Item> for ItemOut {
    fn from(i: &Item) -> Self {
        Self {
            id: i.id.0,
            name: i.name.clone(),
            kind: i.kind.into(),
            hsn_sac: i.hsn_sac.as_str().to_owned(),
            unit: i.unit.map(|u| u.as_str().to_owned()),
            price: i.price.to_string(),
            gst_rate: i.gst_rate.to_string(),
            treatment: i.treatment.into(),
            cess_rate: i.cess_rate.to_string(),
            archived: i.archived_at.is_some(),
            created_at: rfc3339(i.created_at),
            updated_at: rfc3339(i.updated_at),
        }
    }
}

/// A partial change: fields left out keep their value; `archived` archives or restores.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ItemPatch {
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    pub kind: Option<ItemKind>,
    #[schema(max_length = 8)]
    pub hsn_sac: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(max_length = 3)]
    pub unit: Option<Option<String>>,
    #[schema(max_length = 20)]
    pub price: Option<String>,
    #[schema(max_length = 6)]
    pub gst_rate: Option<String>,
    pub treatment: Option<TreatmentName>,
    #[schema(max_length = 6)]
    pub cess_rate: Option<String>,
    pub archived: Option<bool>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    serde::Deserialize::deserialize(d).map(Some)
}

impl ItemPatch {
    fn changes_details(&self) -> bool {
        self.name.is_some()
            || self.kind.is_some()
            || self.hsn_sac.is_some()
            || self.unit.is_some()
            || self.price.is_some()
            || self.gst_rate.is_some()
            || self.treatment.is_some()
            || self.cess_rate.is_some()
    }

    fn over(self, i: &Item) -> ItemInput {
        ItemInput {
            name: self.name.unwrap_or_else(|| i.name.clone()),
            kind: self.kind.map_or(i.kind, Into::into),
            hsn_sac: self
                .hsn_sac
                .unwrap_or_else(|| i.hsn_sac.as_str().to_owned()),
            unit: self
                .unit
                .unwrap_or_else(|| i.unit.map(|u| u.as_str().to_owned())),
            price: self.price.unwrap_or_else(|| i.price.to_string()),
            gst_rate: self.gst_rate.unwrap_or_else(|| i.gst_rate.to_string()),
            treatment: Some(self.treatment.map_or(i.treatment, Into::into)),
            cess_rate: Some(self.cess_rate.unwrap_or_else(|| i.cess_rate.to_string())),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemFilter {
    pub kind: Option<ItemKind>,
    /// A part of the name (any case) or the start of an HSN/SAC code.
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Include archived items (default false).
    pub archived: Option<bool>,
}

/// Add an item.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/items", tag = "items", params(("org_id" = Uuid, Path)), request_body = NewItem,
    responses((status = 201, body = ItemOut)))]
pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Json(input): Json<NewItem>,
) -> Result<(StatusCode, Json<ItemOut>), HttpError> {
    let item = items::create(&app.services, &member, &input.into()).await?;
    Ok((StatusCode::CREATED, Json((&item).into())))
}

/// Items by name, a page at a time.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/items", tag = "items", params(("org_id" = Uuid, Path), ItemFilter, PageParams),
    responses((status = 200, body = Page<ItemOut>)))]
pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    paging: Paging,
    Query(filter): Query<ItemFilter>,
) -> Result<Json<Page<ItemOut>>, HttpError> {
    let query = ItemQuery {
        kind: filter.kind.map(Into::into),
        q: filter.q,
        include_archived: filter.archived.unwrap_or(false),
        after: paging.after_name()?,
        limit: paging.fetch(),
    };
    let rows = items::list(&app.services, &member, &query).await?;
    Ok(Json(paging.page(
        rows,
        |i| name_position(i.id, &i.search_name),
        |i| (&i).into(),
    )))
}

#[utoipa::path(get, path = "/v1/orgs/{org_id}/items/{id}", tag = "items", params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = ItemOut)))]
pub async fn get(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<ItemPath>,
) -> Result<Json<ItemOut>, HttpError> {
    let item = items::get(&app.services, &member, path.id).await?;
    Ok(Json((&item).into()))
}

/// Change an item, or archive or restore it (`archived`).
#[utoipa::path(patch, path = "/v1/orgs/{org_id}/items/{id}", tag = "items", params(("org_id" = Uuid, Path), ("id" = Uuid, Path)), request_body = ItemPatch,
    responses((status = 200, body = ItemOut)))]
pub async fn update(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<ItemPath>,
    Json(patch): Json<ItemPatch>,
) -> Result<Json<ItemOut>, HttpError> {
    let s = &app.services;
    let mut item = items::get(s, &member, path.id).await?;
    let archived = patch.archived;
    if patch.changes_details() {
        item = items::update(s, &member, path.id, &patch.over(&item)).await?;
    }
    if let Some(archived) = archived
        && archived != item.archived_at.is_some()
    {
        item = items::set_archived(s, &member, path.id, archived).await?;
    }
    Ok(Json((&item).into()))
}

/// Delete an item no document names (409 otherwise: archive it instead).
#[utoipa::path(delete, path = "/v1/orgs/{org_id}/items/{id}", tag = "items", params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted")))]
pub async fn delete(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<ItemPath>,
) -> Result<StatusCode, HttpError> {
    items::delete(&app.services, &member, path.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
