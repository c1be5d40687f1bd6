//! Customers and vendors.

use std::collections::{HashMap, HashSet};

use bahi_gst::{Gstin, Registration, StateCode};
use time::OffsetDateTime;

use super::{After, PartyId, like_escaped};
use crate::column::Column;
use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, now};
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

/// Whether a party buys from the organisation, sells to it, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartyKind {
    Customer,
    Vendor,
    Both,
}

impl PartyKind {
    pub const ALL: [Self; 3] = [Self::Customer, Self::Vendor, Self::Both];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Vendor => "vendor",
            Self::Both => "both",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    #[must_use]
    pub fn is_customer(self) -> bool {
        matches!(self, Self::Customer | Self::Both)
    }

    #[must_use]
    pub fn is_vendor(self) -> bool {
        matches!(self, Self::Vendor | Self::Both)
    }
}

impl Column for PartyKind {
    type Stored = String;
    fn to_stored(&self) -> String {
        self.as_str().to_owned()
    }
    fn from_stored(stored: String) -> Result<Self, sqlx::error::BoxDynError> {
        Self::parse(&stored).ok_or_else(|| format!("{stored:?} is not a party kind").into())
    }
}

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Party in "parties" {
        pub id: PartyId,
        pub org_id: OrgId,
        pub name: String,
        pub search_name: String,
        pub kind: PartyKind,
        pub registration: Registration,
        pub gstin: Option<Gstin>,
        /// The GSTIN's state, or the state an unregistered party is in; `None` overseas.
        pub state_code: Option<StateCode>,
        /// For overseas parties.
        pub country: Option<String>,
        pub email: Option<String>,
        pub phone: Option<String>,
        pub billing_line1: Option<String>,
        pub billing_line2: Option<String>,
        pub billing_city: Option<String>,
        pub billing_pincode: Option<String>,
        pub billing_state_code: Option<StateCode>,
        pub archived_at: Option<OffsetDateTime>,
        pub created_at: OffsetDateTime,
        pub updated_at: OffsetDateTime,
    }
}

impl Party {
    /// The billing address's parts that are filled in, in order (line 1, line 2, city, PIN).
    #[must_use]
    pub fn billing_lines(&self) -> Vec<&str> {
        [
            self.billing_line1.as_deref(),
            self.billing_line2.as_deref(),
            self.billing_city.as_deref(),
            self.billing_pincode.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect()
    }
}

/// The editable fields, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyFields {
    pub name: String,
    pub kind: PartyKind,
    pub registration: Registration,
    pub gstin: Option<Gstin>,
    pub state_code: Option<StateCode>,
    pub country: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub billing_line1: Option<String>,
    pub billing_line2: Option<String>,
    pub billing_city: Option<String>,
    pub billing_pincode: Option<String>,
    pub billing_state_code: Option<StateCode>,
}

/// Adds a party. A live party of the organisation with the same GSTIN is
/// [`StoreError::Duplicate`] on `gstin`.
pub async fn create(tx: &mut WriteTx, org: OrgId, f: &PartyFields) -> Result<Party, StoreError> {
    let at = now();
    let party = Party {
        id: PartyId::new(),
        org_id: org,
        name: f.name.clone(),
        search_name: super::search_name(&f.name),
        kind: f.kind,
        registration: f.registration,
        gstin: f.gstin.clone(),
        state_code: f.state_code,
        country: f.country.clone(),
        email: f.email.clone(),
        phone: f.phone.clone(),
        billing_line1: f.billing_line1.clone(),
        billing_line2: f.billing_line2.clone(),
        billing_city: f.billing_city.clone(),
        billing_pincode: f.billing_pincode.clone(),
        billing_state_code: f.billing_state_code,
        archived_at: None,
        created_at: at,
        updated_at: at,
    };
    party.insert(tx).await?;
    Ok(party)
}

pub async fn get(
    mut ex: impl Executor,
    org: OrgId,
    id: PartyId,
) -> Result<Option<Party>, StoreError> {
    let sql = Party::select("WHERE org_id = $1 AND id = $2");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_optional(&mut *c).await)?,
    )
}

/// The names of those of `ids` that are parties of the organisation, in one query per 500.
pub async fn names(
    mut ex: impl Executor,
    org: OrgId,
    ids: &[PartyId],
) -> Result<HashMap<PartyId, String>, StoreError> {
    let unique: Vec<PartyId> = ids
        .iter()
        .copied()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut out = HashMap::with_capacity(unique.len());
    for chunk in unique.chunks(500) {
        let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT id, name FROM parties WHERE org_id = $1 AND id IN ({})",
            marks.join(", ")
        );
        let conn = ex.conn().await?;
        let rows: Vec<(uuid::Uuid, String)> = on_conn!(conn, c => {
            let mut q = sqlx::query_as(&sql).bind(org.0);
            for id in chunk {
                q = q.bind(id.0);
            }
            q.fetch_all(&mut *c).await
        })?;
        out.extend(rows.into_iter().map(|(id, name)| (PartyId(id), name)));
    }
    Ok(out)
}

/// Replaces the editable fields; false when there is no such party.
pub async fn update(
    tx: &mut WriteTx,
    org: OrgId,
    id: PartyId,
    f: &PartyFields,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE parties SET name = $1, search_name = $2, kind = $3, registration = $4, \
                       gstin = $5, state_code = $6, country = $7, email = $8, phone = $9, \
                       billing_line1 = $10, billing_line2 = $11, billing_city = $12, \
                       billing_pincode = $13, billing_state_code = $14, updated_at = $15 \
                       WHERE org_id = $16 AND id = $17";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL)
        .bind(&f.name).bind(super::search_name(&f.name)).bind(f.kind.to_stored())
        .bind(f.registration.to_stored()).bind(f.gstin.to_stored()).bind(f.state_code.to_stored())
        .bind(&f.country).bind(&f.email).bind(&f.phone).bind(&f.billing_line1)
        .bind(&f.billing_line2).bind(&f.billing_city).bind(&f.billing_pincode)
        .bind(f.billing_state_code.to_stored()).bind(now()).bind(org.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Archives (hides from pickers, keeps for the documents that name it) or restores a party;
/// false when there is no such party. Restoring one whose GSTIN a live party now has is
/// [`StoreError::Duplicate`] on `gstin`.
pub async fn set_archived(
    tx: &mut WriteTx,
    org: OrgId,
    id: PartyId,
    archived: bool,
) -> Result<bool, StoreError> {
    const SQL: &str =
        "UPDATE parties SET archived_at = $1, updated_at = $2 WHERE org_id = $3 AND id = $4";
    let at = now();
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL)
        .bind(archived.then_some(at)).bind(at).bind(org.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Deletes a party; false when there is none. One that a document names is
/// [`StoreError::InUse`] (or [`StoreError::Reference`] on SQLite).
pub async fn delete(tx: &mut WriteTx, org: OrgId, id: PartyId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM parties WHERE org_id = $1 AND id = $2";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(org.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// What a list asks for.
#[derive(Debug, Clone, Default)]
pub struct PartyQuery {
    /// Customers (and those that are both), or vendors (and both).
    pub kind: Option<PartyKind>,
    /// A part of the name (any case), or the start of a GSTIN.
    pub q: Option<String>,
    pub include_archived: bool,
    pub after: Option<After<PartyId>>,
    pub limit: i64,
}

/// Parties by name, a page at a time.
pub async fn list(
    mut ex: impl Executor,
    org: OrgId,
    query: &PartyQuery,
) -> Result<Vec<Party>, StoreError> {
    let sql = Party::select(
        "WHERE org_id = $1 \
         AND ($2 IS NULL OR kind = $2 OR kind = 'both') \
         AND ($3 IS NULL OR search_name LIKE $3 ESCAPE '\\' OR gstin LIKE $4 ESCAPE '\\') \
         AND ($5 OR archived_at IS NULL) \
         AND ($6 IS NULL OR search_name > $6 OR (search_name = $6 AND id > $7)) \
         ORDER BY search_name, id LIMIT $8",
    );
    // `both` matches either filter; a filter for `both` itself means "both only".
    let kind = query.kind.map(|k| k.as_str().to_owned());
    let q = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let name_pattern = q.map(|q| format!("%{}%", like_escaped(&super::search_name(q))));
    let gstin_pattern = q.map(|q| format!("{}%", like_escaped(&q.to_ascii_uppercase())));
    let (after_name, after_id) = match &query.after {
        Some(a) => (Some(a.search_name.clone()), Some(a.id.0)),
        None => (None, None),
    };
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql)
        .bind(org.0).bind(&kind).bind(&name_pattern).bind(&gstin_pattern)
        .bind(query.include_archived).bind(&after_name).bind(after_id).bind(query.limit)
        .fetch_all(&mut *c).await)?)
}
