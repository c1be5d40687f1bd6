//! Closing a financial year: once its books are final, a closed year takes no postings (every
//! document, payment or voucher dated in it is refused with 409) until an owner reopens it.
//! Nothing is rewritten: the new year's opening balances are the old year's closing, with
//! income and expenses carried into retained earnings (see `reports`).

use bahi_gst::{FinancialYear, Paise};
use bahi_store::identity::now;
use bahi_store::ledger::years::{self, ClosedYear};

use super::reports::{profit_and_loss, trial_balance};
use crate::audit::{Entity, Event, record};
use crate::{Accountant, AtLeast, Error, Message, OrgCtx, Owner, Services, Viewer};

pub async fn closed<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
) -> Result<Vec<ClosedYear>, Error> {
    Ok(years::list(&s.db, org.org_id()).await?)
}

/// A financial year as people write it: `2025-26` (or its first year, `2025`).
#[must_use]
pub fn parse(text: &str) -> Option<FinancialYear> {
    let start = text.split('-').next()?.parse::<i32>().ok()?;
    let year = FinancialYear::starting(start);
    let whole = !text.contains('-') || text == year.to_string();
    ((2000..=2100).contains(&start) && whole).then_some(year)
}

fn bounds(year: FinancialYear) -> Result<(time::Date, time::Date), Error> {
    match (year.first_day(), year.last_day()) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(Error::field("year", Message::new("year-invalid"))),
    }
}

/// Closes a year that has ended; its profit is in the audit event.
pub async fn close<R: AtLeast<Accountant> + AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    year: FinancialYear,
) -> Result<ClosedYear, Error> {
    let (first, last) = bounds(year)?;
    if last >= org.today() {
        return Err(Error::Conflict(
            Message::new("year-not-ended").arg("year", year.to_string()),
        ));
    }
    let tb = trial_balance(s, org, first, last).await?;
    if tb.debit != tb.credit {
        return Err(Error::Internal("the trial balance does not balance".into()));
    }
    let profit = profit_and_loss(s, org, first, last).await?.net_profit;
    let closed = ClosedYear {
        org_id: org.org_id(),
        financial_year: i64::from(year.start_year()),
        closed_by: Some(org.user().id),
        closed_at: now(),
    };
    let mut tx = s.db.begin_write().await?;
    years::close(&mut tx, &closed).await.map_err(|e| {
        if e.is_duplicate(&bahi_store::keys::CLOSED_YEARS_PKEY) {
            Error::Conflict(Message::new("year-closed").arg("year", year.to_string()))
        } else {
            e.into()
        }
    })?;
    let event = Event {
        action: "ledger.year_close",
        entity: Entity("financial_year", Some(year.to_string())),
        summary: format!(
            "{} closed the financial year {year} with a {} of {}",
            org.user().email,
            if profit.get() >= 0 { "profit" } else { "loss" },
            Paise::new(profit.get().abs())
        ),
        details: vec![
            ("year", year.to_string()),
            ("net_profit", profit.to_string()),
        ],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(closed)
}

/// Reopens a closed year (owners only).
pub async fn reopen<R: AtLeast<Owner>>(
    s: &Services,
    org: &OrgCtx<R>,
    year: FinancialYear,
) -> Result<(), Error> {
    bounds(year)?;
    let mut tx = s.db.begin_write().await?;
    if !years::reopen(&mut tx, org.org_id(), year).await? {
        return Err(Error::NotFound);
    }
    let event = Event {
        action: "ledger.year_reopen",
        entity: Entity("financial_year", Some(year.to_string())),
        summary: format!("{} reopened the financial year {year}", org.user().email),
        details: vec![("year", year.to_string())],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(())
}
