//! Items: goods and services, with the HSN/SAC, unit, price and rates a document line starts
//! from.

use bahi_gst::{HsnSac, Paise, Rate, SupplyKind, Treatment, Uqc};
use time::OffsetDateTime;

use super::{After, ItemId, like_escaped};
use crate::column::Column;
use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, now};
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Item in "items" {
        pub id: ItemId,
        pub org_id: OrgId,
        pub name: String,
        pub search_name: String,
        pub kind: SupplyKind,
        pub hsn_sac: HsnSac,
        /// GSTN's unit; services may have none.
        pub unit: Option<Uqc>,
        /// The usual unit price, before tax.
        pub price: Paise,
        pub gst_rate: Rate,
        pub treatment: Treatment,
        pub cess_rate: Rate,
        pub archived_at: Option<OffsetDateTime>,
        pub created_at: OffsetDateTime,
        pub updated_at: OffsetDateTime,
    }
}

/// The editable fields, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFields {
    pub name: String,
    pub kind: SupplyKind,
    pub hsn_sac: HsnSac,
    pub unit: Option<Uqc>,
    pub price: Paise,
    pub gst_rate: Rate,
    pub treatment: Treatment,
    pub cess_rate: Rate,
}

/// Adds an item. A live item of the organisation with the same name (in any case) is
/// [`StoreError::Duplicate`] on `name`.
pub async fn create(tx: &mut WriteTx, org: OrgId, f: &ItemFields) -> Result<Item, StoreError> {
    let at = now();
    let item = Item {
        id: ItemId::new(),
        org_id: org,
        name: f.name.clone(),
        search_name: super::search_name(&f.name),
        kind: f.kind,
        hsn_sac: f.hsn_sac.clone(),
        unit: f.unit,
        price: f.price,
        gst_rate: f.gst_rate,
        treatment: f.treatment,
        cess_rate: f.cess_rate,
        archived_at: None,
        created_at: at,
        updated_at: at,
    };
    item.insert(tx).await?;
    Ok(item)
}

pub async fn get(
    mut ex: impl Executor,
    org: OrgId,
    id: ItemId,
) -> Result<Option<Item>, StoreError> {
    let sql = Item::select("WHERE org_id = $1 AND id = $2");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_optional(&mut *c).await)?,
    )
}

/// Replaces the editable fields; false when there is no such item.
pub async fn update(
    tx: &mut WriteTx,
    org: OrgId,
    id: ItemId,
    f: &ItemFields,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE items SET name = $1, search_name = $2, kind = $3, hsn_sac = $4, \
                       unit = $5, price = $6, gst_rate = $7, treatment = $8, cess_rate = $9, \
                       updated_at = $10 WHERE org_id = $11 AND id = $12";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL)
        .bind(&f.name).bind(super::search_name(&f.name)).bind(f.kind.to_stored())
        .bind(f.hsn_sac.to_stored()).bind(f.unit.to_stored()).bind(f.price.to_stored())
        .bind(f.gst_rate.to_stored()).bind(f.treatment.to_stored()).bind(f.cess_rate.to_stored())
        .bind(now()).bind(org.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Archives or restores an item; false when there is no such item. Restoring one whose name a
/// live item now has is [`StoreError::Duplicate`] on `name`.
pub async fn set_archived(
    tx: &mut WriteTx,
    org: OrgId,
    id: ItemId,
    archived: bool,
) -> Result<bool, StoreError> {
    const SQL: &str =
        "UPDATE items SET archived_at = $1, updated_at = $2 WHERE org_id = $3 AND id = $4";
    let at = now();
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL)
        .bind(archived.then_some(at)).bind(at).bind(org.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Deletes an item; false when there is none.
pub async fn delete(tx: &mut WriteTx, org: OrgId, id: ItemId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM items WHERE org_id = $1 AND id = $2";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(org.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// What a list asks for.
#[derive(Debug, Clone, Default)]
pub struct ItemQuery {
    pub kind: Option<SupplyKind>,
    /// A part of the name (any case), or the start of an HSN/SAC code.
    pub q: Option<String>,
    pub include_archived: bool,
    pub after: Option<After<ItemId>>,
    pub limit: i64,
}

/// Items by name, a page at a time.
pub async fn list(
    mut ex: impl Executor,
    org: OrgId,
    query: &ItemQuery,
) -> Result<Vec<Item>, StoreError> {
    let sql = Item::select(
        "WHERE org_id = $1 \
         AND ($2 IS NULL OR kind = $2) \
         AND ($3 IS NULL OR search_name LIKE $3 ESCAPE '\\' OR hsn_sac LIKE $4 ESCAPE '\\') \
         AND ($5 OR archived_at IS NULL) \
         AND ($6 IS NULL OR search_name > $6 OR (search_name = $6 AND id > $7)) \
         ORDER BY search_name, id LIMIT $8",
    );
    let kind = query.kind.map(|k| k.as_str().to_owned());
    let q = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let name_pattern = q.map(|q| format!("%{}%", like_escaped(&super::search_name(q))));
    let code_pattern = q.map(|q| format!("{}%", like_escaped(q)));
    let (after_name, after_id) = match &query.after {
        Some(a) => (Some(a.search_name.clone()), Some(a.id.0)),
        None => (None, None),
    };
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql)
        .bind(org.0).bind(&kind).bind(&name_pattern).bind(&code_pattern)
        .bind(query.include_archived).bind(&after_name).bind(after_id).bind(query.limit)
        .fetch_all(&mut *c).await)?)
}

/// The items with these ids (those that exist), in one query: a document's lines name many.
pub async fn get_many(
    mut ex: impl Executor,
    org: OrgId,
    ids: &[ItemId],
) -> Result<Vec<Item>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (2..ids.len() + 2).map(|i| format!("${i}")).collect();
    let sql = Item::select(&format!(
        "WHERE org_id = $1 AND id IN ({})",
        placeholders.join(", ")
    ));
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => {
        let mut query = sqlx::query_as(&sql).bind(org.0);
        for id in ids {
            query = query.bind(id.0);
        }
        query.fetch_all(&mut *c).await
    })?)
}
