//! Taking a document's number at issue (GST.md §6): `{SERIES}/{YY-YY}/{NNNN}`, consecutive per
//! organisation, series and financial year, in the issuing transaction.

use bahi_gst::numbering::NumberError;
use bahi_gst::{FinancialYear, NumberFormat};
use bahi_store::identity::OrgId;
use bahi_store::identity::now;
use bahi_store::sales::documents::{self, Issue, SalesDocument};
use bahi_store::sales::series::{self, NumberSeries};
use bahi_store::sales::{DocStatus, counters};
use bahi_store::{Db, WriteTx};
use time::Date;

use crate::{Error, Message};

/// Counter digits in a number (`0001`).
pub(crate) const WIDTH: u8 = NumberFormat::DEFAULT_WIDTH;

/// How `series` is numbered in this organisation: as it was set up, or the default way.
/// A series without a format of its own whose name another series prints as its prefix is
/// refused: the two would print the same numbers.
pub(crate) async fn format(db: &Db, org: OrgId, series: &str) -> Result<NumberFormat, Error> {
    let name = series.trim().to_ascii_uppercase();
    let rows = series::for_series(db, org, &name).await?;
    if let Some(own) = rows.iter().find(|r| r.series == name) {
        return format_of(own).map_err(|e| Error::field("series", series_message(&e)));
    }
    if let Some(other) = rows.first() {
        return Err(Error::field(
            "series",
            Message::new("series-prefix-taken")
                .arg("prefix", name)
                .arg("series", other.series.clone()),
        ));
    }
    NumberFormat::new(&name, WIDTH).map_err(|e| Error::field("series", series_message(&e)))
}

/// A stored series' format.
pub(crate) fn format_of(row: &NumberSeries) -> Result<NumberFormat, NumberError> {
    NumberFormat::custom(
        &row.series,
        &row.prefix,
        row.year_style,
        u8::try_from(row.width).unwrap_or(WIDTH),
    )
}

pub(crate) fn series_message(error: &NumberError) -> Message {
    Message::new("series-invalid").arg("reason", error.to_string())
}

/// A number taken for a document.
pub(crate) struct Taken {
    pub number: String,
    pub financial_year: FinancialYear,
}

/// Takes the next number of `format`'s series for the financial year of `date`.
pub(crate) async fn take(
    tx: &mut WriteTx,
    org: OrgId,
    format: &NumberFormat,
    date: Date,
) -> Result<Taken, Error> {
    let year = FinancialYear::of(date);
    let counter = counters::take_next(tx, org, format.series(), year.start_year()).await?;
    let number = format
        .format(year, u64::try_from(counter).unwrap_or(u64::MAX))
        .map_err(|e| Error::Conflict(series_message(&e)))?;
    Ok(Taken {
        number: number.as_str().to_owned(),
        financial_year: year,
    })
}

/// Takes the number for a document not yet stored and marks it issued, in memory: the caller
/// inserts it as it is. The counter row stays locked to the commit, so callers do this late.
pub(crate) async fn number(
    tx: &mut WriteTx,
    org: OrgId,
    doc: &mut SalesDocument,
    format: &NumberFormat,
) -> Result<(), Error> {
    let Taken {
        number,
        financial_year,
    } = take(tx, org, format, doc.date).await?;
    let at = now();
    doc.status = DocStatus::Issued;
    doc.series = format.series().to_owned();
    doc.number = Some(number);
    doc.financial_year = Some(i64::from(financial_year.start_year()));
    doc.issued_at = Some(at);
    doc.updated_at = at;
    Ok(())
}

/// Takes the number for a stored draft and marks it issued: the serialised part of issuing,
/// so callers do it last, just before their audit event and the commit.
pub(crate) async fn mark_issued(
    tx: &mut WriteTx,
    org: OrgId,
    doc: &mut SalesDocument,
    format: &NumberFormat,
) -> Result<(), Error> {
    number(tx, org, doc, format).await?;
    let issued = documents::issue(
        tx,
        org,
        doc.id,
        &Issue {
            at: doc.updated_at,
            kind: doc.kind,
            series: format.series(),
            number: doc.number.as_deref().unwrap_or_default(),
            financial_year: doc
                .financial_year
                .and_then(|y| i32::try_from(y).ok())
                .unwrap_or_default(),
        },
    )
    .await?;
    if !issued {
        return Err(Error::Conflict(Message::new("document-not-draft")));
    }
    Ok(())
}
