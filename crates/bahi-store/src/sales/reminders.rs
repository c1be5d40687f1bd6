//! What the payment-reminder scheduler reads: issued invoices (and bills of supply) with
//! something still to pay, due within a window of dates, whose customer has an e-mail address.

use time::Date;

use super::DocumentId;
use crate::StoreError;
use crate::exec::{Executor, on_conn};
use crate::identity::OrgId;
use crate::row::row;

row! {
    /// An invoice a reminder may be about.
    #[derive(Debug, Clone)]
    pub struct Unpaid {
        pub id: DocumentId,
        pub number: Option<String>,
        pub date: Date,
        pub due_date: Option<Date>,
        pub buyer_name: String,
        pub total: bahi_gst::Paise,
        pub amount_paid: bahi_gst::Paise,
        pub amount_credited: bahi_gst::Paise,
        /// The customer's address.
        pub email: Option<String>,
    }
}

impl Unpaid {
    #[must_use]
    pub fn balance(&self) -> bahi_gst::Paise {
        bahi_gst::Paise::new(self.total.get() - self.amount_paid.get() - self.amount_credited.get())
    }
}

/// Unpaid invoices of `org` due from `from` to `to` (both included) whose customer has an
/// e-mail address, by due date.
pub async fn unpaid_due(
    mut ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
) -> Result<Vec<Unpaid>, StoreError> {
    const SQL: &str = "SELECT d.id, d.number, d.date, d.due_date, d.buyer_name, d.total, \
                       d.amount_paid, d.amount_credited, p.email \
                       FROM sales_documents d JOIN parties p ON p.id = d.customer_id \
                       WHERE d.org_id = $1 AND d.status = 'issued' \
                       AND d.kind IN ('invoice', 'bill_of_supply') \
                       AND d.due_date >= $2 AND d.due_date <= $3 \
                       AND d.total - d.amount_paid - d.amount_credited > 0 \
                       AND p.email IS NOT NULL AND p.email <> '' \
                       ORDER BY d.due_date, d.id";
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(SQL).bind(org.0).bind(from).bind(to).fetch_all(&mut *c).await)?,
    )
}
