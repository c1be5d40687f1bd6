//! The figures a business's dashboard shows at a glance: what customers owe (and how much of
//! it is overdue), what is owed to vendors, and this month's tax on sales and on purchases.

use bahi_gst::{Paise, Period};
use bahi_store::purchases::bills;
use bahi_store::sales::documents::{self, Receivables};

use crate::{AtLeast, Error, OrgCtx, Services, Viewer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    pub receivables: Receivables,
    pub payables: Paise,
    pub output_tax: Paise,
    pub input_tax: Paise,
    pub period: Period,
    /// Whether any invoice has been issued (the first-run checklist's last step).
    pub invoiced: bool,
}

pub async fn figures<R: AtLeast<Viewer>>(s: &Services, org: &OrgCtx<R>) -> Result<Figures, Error> {
    let today = org.today();
    let id = org.org_id();
    let period = Period::of(today);
    let from = period.first_day();
    let last = time::util::days_in_month(from.month(), from.year());
    let to = from.replace_day(last).unwrap_or(today);
    Ok(Figures {
        receivables: documents::receivables(&s.db, id, today).await?,
        payables: bills::payables(&s.db, id).await?,
        output_tax: documents::output_tax(&s.db, id, from, to).await?,
        input_tax: bills::input_tax(&s.db, id, from, to).await?,
        period,
        invoiced: documents::any_issued(&s.db, id).await?,
    })
}
