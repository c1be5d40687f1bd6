//! Filed return periods (API.md, Returns): once a period is filed, nothing is issued, voided or
//! dated into it until an owner reopens it.

use bahi_gst::Period;
use bahi_store::identity::OrgId;
use bahi_store::periods::{self, FiledPeriod};
use bahi_store::{Executor, keys};
use time::Date;

use crate::audit::{Entity, Event, record};
use crate::{Accountant, AtLeast, Error, Message, OrgCtx, Owner, Services};

/// The returns a period can be filed for: GSTR-1 and GSTR-3B for a month or a quarter, IFF
/// for one of a quarter's first two months.
pub const RETURN_TYPES: [&str; 3] = ["gstr-1", "gstr-3b", "iff"];

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
    if kind == "iff" {
        iff_month(period)?;
    }
    Ok((kind, period))
}

/// IFF is furnished for the first or second month of a quarter, never for a quarter's last
/// month (the quarter's GSTR-1 holds its invoices) nor for a quarter.
pub fn iff_month(period: Period) -> Result<Period, Error> {
    if period.is_quarter() || u8::from(period.month()) % 3 == 0 {
        return Err(Error::field("period", Message::new("iff-period-invalid")));
    }
    Ok(period)
}

fn text(period: Period) -> String {
    period.to_string()
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

/// The returns filed for `period` and, for a quarter, the IFFs of its months.
pub async fn filed_in<R: crate::AtLeast<crate::Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    period: Period,
) -> Result<Vec<FiledPeriod>, Error> {
    let mut texts = vec![text(period)];
    if period.is_quarter() {
        texts.extend(period.months().map(text));
    }
    let filed = periods::filed_in(&s.db, org.org_id(), &texts).await?;
    Ok(filed
        .into_iter()
        .filter(|f| f.period == texts[0] || f.return_type == "iff")
        .collect())
}

/// The months of quarter `period` whose IFF is marked filed: their B2B invoices are not
/// reported again in the quarter's GSTR-1.
pub async fn furnished_in(
    s: &Services,
    org: bahi_store::identity::OrgId,
    period: Period,
) -> Result<Vec<Period>, Error> {
    if !period.is_quarter() {
        return Ok(Vec::new());
    }
    let months: Vec<Period> = period.months().collect();
    let texts: Vec<String> = months.iter().copied().map(text).collect();
    let filed = periods::filed_in(&s.db, org, &texts).await?;
    Ok(months
        .into_iter()
        .filter(|m| {
            filed
                .iter()
                .any(|f| f.return_type == "iff" && f.period == text(*m))
        })
        .collect())
}
