//! What a gateway made for an invoice (a Razorpay Payment Link, a Stripe Checkout Session), so a
//! customer who clicks "Pay" twice is sent to the same page while it asks for the balance due.

use bahi_gst::Paise;
use time::OffsetDateTime;

use super::Provider;
use crate::StoreError;
use crate::exec::{Executor, on_conn};
use crate::identity::OrgId;
use crate::row::{Table, row};
use crate::sales::DocumentId;

row! {
    #[derive(Debug, Clone)]
    pub struct Checkout in "checkout_links" {
        pub org_id: OrgId,
        pub provider: Provider,
        /// The gateway's id of it (`plink_…`, `cs_…`).
        pub provider_ref: String,
        pub document_id: DocumentId,
        pub amount: Paise,
        pub url: String,
        pub expires_at: OffsetDateTime,
        pub created_at: OffsetDateTime,
    }
}

pub async fn insert(ex: impl Executor, checkout: &Checkout) -> Result<(), StoreError> {
    checkout.insert(ex).await
}

/// The newest checkout of the invoice on this gateway for exactly `amount` that is still open
/// at `now`.
pub async fn reusable(
    mut ex: impl Executor,
    org: OrgId,
    provider: Provider,
    document: DocumentId,
    amount: Paise,
    now: OffsetDateTime,
) -> Result<Option<Checkout>, StoreError> {
    let sql = Checkout::select(
        "WHERE org_id = $1 AND provider = $2 AND document_id = $3 AND amount = $4 \
         AND expires_at > $5 ORDER BY created_at DESC LIMIT 1",
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(provider.as_str()).bind(document.0)
        .bind(amount.get()).bind(now).fetch_optional(&mut *c).await)?,
    )
}

/// How many checkouts the invoice has had on this gateway (a new one's reference counts on).
pub async fn count(
    mut ex: impl Executor,
    org: OrgId,
    provider: Provider,
    document: DocumentId,
) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT count(*) FROM checkout_links \
                       WHERE org_id = $1 AND provider = $2 AND document_id = $3";
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_scalar(SQL).bind(org.0).bind(provider.as_str()).bind(document.0).fetch_one(&mut *c).await)?,
    )
}
