//! Filed return periods (API.md, Returns): once a period is filed, nothing is issued, voided or
//! dated into it until an owner reopens it.

use bahi_gst::Period;
use bahi_store::identity::OrgId;
use bahi_store::periods::{self, FiledPeriod};
use bahi_store::{Executor, keys};
use time::Date;

use crate::audit::{Entity, Event, record};
use crate::{Accountant, AtLeast, Error, Message, OrgCtx, Owner, Services};

/// The returns a period can be filed for.
pub const RETURN_TYPES: [&str; 2] = ["gstr-1", "gstr-3b"];

/// Which returns a kind of document is reported in: sales in GSTR-1 and GSTR-3B, purchases in
/// GSTR-3B only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportedIn {
    Sales,
    Purchases,
}

/// A conflict when `date` falls in a period filed for a return the document is reported in.
pub async fn ensure_open(
    ex: impl Executor,
    org: OrgId,
    date: Date,
    reported: ReportedIn,
) -> Result<(), Error> {
    let returns: &[&str] = match reported {
        ReportedIn::Sales => &RETURN_TYPES,
        ReportedIn::Purchases => &["gstr-3b"],
    };
    match periods::filed_for(ex, org, date, returns).await? {
        None => Ok(()),
        Some(filed) => Err(Error::Conflict(
            Message::new("period-filed")
                .arg("period", filed.period)
                .arg("return", filed.return_type.to_uppercase()),
        )),
    }
}

fn parse(return_type: &str, period: &str) -> Result<(&'static str, Period), Error> {
    let kind = RETURN_TYPES
        .into_iter()
        .find(|t| *t == return_type)
        .ok_or(Error::NotFound)?;
    let period = Period::parse(period)
        .map_err(|_| Error::field("period", Message::new("period-invalid")))?;
    Ok((kind, period))
}

fn text(period: Period) -> String {
    format!("{:04}-{:02}", period.year(), u8::from(period.month()))
}

/// Marks a return period filed.
pub async fn file<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    return_type: &str,
    period: &str,
) -> Result<FiledPeriod, Error> {
    let (kind, period) = parse(return_type, period)?;
    let period = text(period);
    let mut tx = s.db.begin_write().await?;
    let filed = periods::file(&mut tx, org.org_id(), kind, &period, Some(org.user().id))
        .await
        .map_err(|e| {
            if e.is_duplicate(&keys::FILED_PERIODS_PKEY) {
                Error::Conflict(Message::new("period-already-filed"))
            } else {
                e.into()
            }
        })?;
    let event = Event {
        action: "period.file",
        entity: Entity("period", Some(format!("{kind}/{period}"))),
        summary: format!("{} marked {kind} for {period} filed", org.user().email),
        details: vec![("return", kind.to_uppercase()), ("period", period.clone())],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(filed)
}

/// Reopens a filed period (owners only).
pub async fn reopen<R: AtLeast<Owner>>(
    s: &Services,
    org: &OrgCtx<R>,
    return_type: &str,
    period: &str,
) -> Result<(), Error> {
    let (kind, period) = parse(return_type, period)?;
    let period = text(period);
    let mut tx = s.db.begin_write().await?;
    if !periods::reopen(&mut tx, org.org_id(), kind, &period).await? {
        return Err(Error::NotFound);
    }
    let event = Event {
        action: "period.reopen",
        entity: Entity("period", Some(format!("{kind}/{period}"))),
        summary: format!("{} reopened {kind} for {period}", org.user().email),
        details: vec![("return", kind.to_uppercase()), ("period", period.clone())],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(())
}

/// The returns filed for `period`.
pub async fn filed_in<R: crate::AtLeast<crate::Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    period: Period,
) -> Result<Vec<FiledPeriod>, Error> {
    Ok(periods::filed_in(&s.db, org.org_id(), &text(period)).await?)
}
