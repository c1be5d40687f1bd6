//! Organisations: the tenants. Every other tenant table carries `org_id`.

use bahi_gst::{Gstin, StateCode};
use time::OffsetDateTime;

use super::{OrgId, Role, UserId, now};
use crate::column::Column;
use crate::exec::{Executor, on_conn};
use crate::row::{Fields, Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone)]
    pub struct Organisation in "organisations" {
        pub id: OrgId,
        pub legal_name: String,
        pub trade_name: Option<String>,
        pub gstin: Option<Gstin>,
        pub state_code: StateCode,
        pub address: Option<String>,
        pub upi_vpa: Option<String>,
        pub round_off_totals: bool,
        pub suspended_at: Option<OffsetDateTime>,
        pub created_at: OffsetDateTime,
        pub phone: Option<String>,
        pub email: Option<String>,
        /// An IANA name (`Asia/Kolkata`); pages show times in it.
        pub time_zone: String,
        /// Why a platform administrator suspended it (while suspended).
        pub suspension_reason: Option<String>,
        /// Registered under the composition scheme (CGST Act s.10): it charges no tax and
        /// issues bills of supply.
        pub composition: bool,
        pub bank_name: Option<String>,
        pub bank_account_number: Option<String>,
        /// The branch's IFSC (`HDFC0001234`).
        pub bank_ifsc: Option<String>,
        /// Printed under a document's totals.
        pub invoice_terms: Option<String>,
        /// Who signs documents for the business ("for Asha Traders, Authorised Signatory").
        pub signatory: Option<String>,
        /// Files GSTR-1 and GSTR-3B quarterly (QRMP), with IFF for the first two months.
        pub quarterly_returns: bool,
        /// Aggregate turnover above ₹5 crore last year: six-digit HSN codes, monthly returns.
        pub turnover_above_5_crore: bool,
        /// Payment reminders are e-mailed to customers (see [`Reminders`]).
        pub payment_reminders: bool,
        pub reminder_days_before: Option<i64>,
        pub reminder_days_after: Option<i64>,
        /// Members signing in with a password need a second factor to open it.
        pub require_two_factor: bool,
    }
}

/// When customers are reminded of an unpaid invoice: so many days before its due date, and so
/// many days after it (each step once, `None`: not that step).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reminders {
    pub on: bool,
    pub days_before: Option<i64>,
    pub days_after: Option<i64>,
}

impl Organisation {
    #[must_use]
    pub fn reminders(&self) -> Reminders {
        Reminders {
            on: self.payment_reminders,
            days_before: self.reminder_days_before,
            days_after: self.reminder_days_after,
        }
    }
}

/// Sets when customers are reminded.
pub async fn set_reminders(tx: &mut WriteTx, id: OrgId, r: Reminders) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE organisations SET payment_reminders = $1, reminder_days_before = $2, \
                       reminder_days_after = $3 WHERE id = $4";
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(r.on).bind(r.days_before).bind(r.days_after).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Requires (or stops requiring) a second factor of the members.
pub async fn set_require_two_factor(
    tx: &mut WriteTx,
    id: OrgId,
    on: bool,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE organisations SET require_two_factor = $1 WHERE id = $2";
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(on).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Businesses that remind their customers (and are not suspended).
pub async fn reminding(mut ex: impl Executor) -> Result<Vec<Organisation>, StoreError> {
    let sql = Organisation::select("WHERE payment_reminders AND suspended_at IS NULL ORDER BY id");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).fetch_all(&mut *c).await)?)
}

/// The editable fields, already validated.
#[derive(Debug, Clone)]
pub struct OrgFields {
    pub legal_name: String,
    pub trade_name: Option<String>,
    pub gstin: Option<Gstin>,
    pub state_code: StateCode,
    pub address: Option<String>,
    pub upi_vpa: Option<String>,
    pub round_off_totals: bool,
    pub composition: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub time_zone: String,
    pub bank_name: Option<String>,
    pub bank_account_number: Option<String>,
    pub bank_ifsc: Option<String>,
    pub invoice_terms: Option<String>,
    pub signatory: Option<String>,
    pub quarterly_returns: bool,
    pub turnover_above_5_crore: bool,
}

/// Where a business is when nobody has said otherwise (India Standard Time).
pub const DEFAULT_TIME_ZONE: &str = "Asia/Kolkata";

impl OrgFields {
    /// A business known only by its name and state.
    #[must_use]
    pub fn new(legal_name: &str, state_code: StateCode) -> Self {
        Self {
            legal_name: legal_name.to_owned(),
            trade_name: None,
            gstin: None,
            state_code,
            address: None,
            upi_vpa: None,
            round_off_totals: true,
            composition: false,
            phone: None,
            email: None,
            time_zone: DEFAULT_TIME_ZONE.to_owned(),
            bank_name: None,
            bank_account_number: None,
            bank_ifsc: None,
            invoice_terms: None,
            signatory: None,
            quarterly_returns: false,
            turnover_above_5_crore: false,
        }
    }
}

pub async fn create(tx: &mut WriteTx, fields: &OrgFields) -> Result<Organisation, StoreError> {
    let org = Organisation {
        id: OrgId::new(),
        legal_name: fields.legal_name.clone(),
        trade_name: fields.trade_name.clone(),
        gstin: fields.gstin.clone(),
        state_code: fields.state_code,
        address: fields.address.clone(),
        upi_vpa: fields.upi_vpa.clone(),
        round_off_totals: fields.round_off_totals,
        suspended_at: None,
        created_at: now(),
        phone: fields.phone.clone(),
        email: fields.email.clone(),
        time_zone: fields.time_zone.clone(),
        suspension_reason: None,
        composition: fields.composition,
        bank_name: fields.bank_name.clone(),
        bank_account_number: fields.bank_account_number.clone(),
        bank_ifsc: fields.bank_ifsc.clone(),
        invoice_terms: fields.invoice_terms.clone(),
        signatory: fields.signatory.clone(),
        quarterly_returns: fields.quarterly_returns,
        turnover_above_5_crore: fields.turnover_above_5_crore,
        payment_reminders: false,
        reminder_days_before: None,
        reminder_days_after: None,
        require_two_factor: false,
    };
    org.insert(tx).await?;
    Ok(org)
}

pub async fn get(mut ex: impl Executor, id: OrgId) -> Result<Option<Organisation>, StoreError> {
    let sql = Organisation::select("WHERE id = $1");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(id.0).fetch_optional(&mut *c).await)?)
}

pub async fn update(tx: &mut WriteTx, id: OrgId, f: &OrgFields) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE organisations SET legal_name = $1, trade_name = $2, gstin = $3, state_code = $4, \
                       address = $5, upi_vpa = $6, round_off_totals = $7, phone = $8, email = $9, \
                       time_zone = $10, composition = $11, bank_name = $12, bank_account_number = $13, \
                       bank_ifsc = $14, invoice_terms = $15, signatory = $16, quarterly_returns = $17, \
                       turnover_above_5_crore = $18 WHERE id = $19";
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL)
        .bind(&f.legal_name).bind(&f.trade_name).bind(f.gstin.to_stored()).bind(f.state_code.to_stored())
        .bind(&f.address).bind(&f.upi_vpa).bind(f.round_off_totals).bind(&f.phone).bind(&f.email)
        .bind(&f.time_zone).bind(f.composition).bind(&f.bank_name).bind(&f.bank_account_number)
        .bind(&f.bank_ifsc).bind(&f.invoice_terms).bind(&f.signatory)
        .bind(f.quarterly_returns).bind(f.turnover_above_5_crore).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Suspends (with the reason) or reinstates (`None`) an organisation; returns false when there is
/// no such one.
pub async fn set_suspended(
    tx: &mut WriteTx,
    id: OrgId,
    reason: Option<&str>,
) -> Result<bool, StoreError> {
    let at = reason.is_some().then(now);
    const SQL: &str =
        "UPDATE organisations SET suspended_at = $1, suspension_reason = $2 WHERE id = $3";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(at).bind(reason).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Every organisation, for platform administrators, newest first.
pub async fn list_all(mut ex: impl Executor, limit: i64) -> Result<Vec<Organisation>, StoreError> {
    let sql = Organisation::select("ORDER BY created_at DESC, id LIMIT $1");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(limit).fetch_all(&mut *c).await)?)
}

/// Every organisation's id (for checks that each has its audit chain).
pub async fn all_ids(mut ex: impl Executor) -> Result<Vec<OrgId>, StoreError> {
    const SQL: &str = "SELECT id FROM organisations ORDER BY id";
    let conn = ex.conn().await?;
    let ids: Vec<uuid::Uuid> =
        on_conn!(conn, c => sqlx::query_scalar(SQL).fetch_all(&mut *c).await)?;
    Ok(ids.into_iter().map(OrgId).collect())
}

row! {
    /// An organisation with the user's role in it.
    #[derive(Debug, Clone)]
    pub struct Membership {
        pub id: OrgId,
        pub legal_name: String,
        pub gstin: Option<Gstin>,
        pub state_code: StateCode,
        pub role: Role,
        pub suspended_at: Option<OffsetDateTime>,
        /// Where the business is: its dates ("today") are in this zone.
        pub time_zone: String,
        /// Whether its documents' totals are rounded to the rupee.
        pub round_off_totals: bool,
        /// A composition dealer: bills of supply only.
        pub composition: bool,
        /// What its documents print beside the legal name and GSTIN (copied at issue).
        pub trade_name: Option<String>,
        pub address: Option<String>,
        /// Files returns quarterly (QRMP).
        pub quarterly_returns: bool,
        /// Turnover above ₹5 crore: six-digit HSN codes.
        pub turnover_above_5_crore: bool,
        /// Members signing in with a password need a second factor to open it.
        pub require_two_factor: bool,
    }
}

fn membership_sql(rest: &str) -> String {
    let org = Organisation::FIELDS
        .iter()
        .filter(|f| Membership::FIELDS.contains(f))
        .map(|f| format!("o.{f}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "SELECT {org}, m.role FROM memberships m JOIN organisations o ON o.id = m.org_id {rest}"
    )
}

pub async fn of_user(mut ex: impl Executor, user: UserId) -> Result<Vec<Membership>, StoreError> {
    let sql = membership_sql("WHERE m.user_id = $1 ORDER BY o.legal_name, o.id");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(user.0).fetch_all(&mut *c).await)?)
}

pub async fn membership(
    mut ex: impl Executor,
    org: OrgId,
    user: UserId,
) -> Result<Option<Membership>, StoreError> {
    let sql = membership_sql("WHERE m.org_id = $1 AND m.user_id = $2");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(user.0).fetch_optional(&mut *c).await)?,
    )
}
