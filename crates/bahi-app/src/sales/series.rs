//! Series settings: how an organisation's document numbers look (GST.md §6). Each series is
//! `{prefix}/{year}/{counter}`; admins choose the prefix, how the financial year is written and
//! the counter's width. A format that could pass 16 characters is refused, and so is a prefix
//! another series prints, since the two would print the same numbers. A changed format applies
//! to numbers taken from then on; the count goes on where it was.

use bahi_gst::numbering::NumberError;
use bahi_gst::{FinancialYear, NumberFormat, YearStyle};
use bahi_store::identity::now;
use bahi_store::sales::counters;
use bahi_store::sales::series::{self, NumberSeries};

use super::invoices::{BILL_OF_SUPPLY_SERIES, INVOICE_SERIES};
use super::notes::{CREDIT_NOTE_SERIES, DEBIT_NOTE_SERIES};
use super::numbering::{self, WIDTH, format_of, series_message};
use crate::audit::{Entity, Event, record};
use crate::fields::optional;
use crate::{Admin, AtLeast, Error, FieldErrors, Message, OrgCtx, Services, Viewer};

/// The series every organisation has, whether or not it has used them.
pub const STANDARD: [&str; 4] = [
    INVOICE_SERIES,
    BILL_OF_SUPPLY_SERIES,
    CREDIT_NOTE_SERIES,
    DEBIT_NOTE_SERIES,
];

/// A series as settings show it.
#[derive(Debug, Clone)]
pub struct Series {
    pub format: NumberFormat,
    /// Set up by the organisation (otherwise numbered the default way).
    pub custom: bool,
    /// The number the next document of the series takes this financial year.
    pub next_number: String,
}

/// A series' format as a client gives it; what is left out stays as it is.
#[derive(Debug, Clone, Default)]
pub struct SeriesInput {
    pub prefix: Option<String>,
    /// `YY-YY`, `YYYY-YY` or `YYYY`.
    pub year_style: Option<String>,
    pub width: Option<i64>,
}

/// The standard series, those used so far and those set up, by name.
pub async fn list<R: AtLeast<Viewer>>(s: &Services, org: &OrgCtx<R>) -> Result<Vec<Series>, Error> {
    let rows = series::list(&s.db, org.org_id()).await?;
    let mut names: Vec<String> = STANDARD.iter().map(|s| (*s).to_owned()).collect();
    names.extend(series::used(&s.db, org.org_id()).await?);
    names.extend(rows.iter().map(|r| r.series.clone()));
    // The standard four first, in their order; the organisation's own after, by name.
    let rank = |n: &String| {
        STANDARD
            .iter()
            .position(|s| s == n)
            .unwrap_or(STANDARD.len())
    };
    names.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    names.dedup();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let row = rows.iter().find(|r| r.series == name);
        let format = match row {
            Some(r) => format_of(r),
            None => NumberFormat::new(&name, WIDTH),
        };
        // A name stored by an older rule that no longer makes a format is left out, not fatal.
        if let Ok(format) = format {
            out.push(view(s, org, format, row.is_some()).await?);
        }
    }
    Ok(out)
}

async fn view<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    format: NumberFormat,
    custom: bool,
) -> Result<Series, Error> {
    let year = FinancialYear::of(org.today());
    let last = counters::last(&s.db, org.org_id(), format.series(), year.start_year()).await?;
    let next = u64::try_from(last).unwrap_or(0) + 1;
    let next_number = format
        .format(year, next)
        .map(|n| n.as_str().to_owned())
        .unwrap_or_default();
    Ok(Series {
        format,
        custom,
        next_number,
    })
}

fn format_message(error: &NumberError) -> Message {
    Message::new("number-format-invalid").arg("reason", error.to_string())
}

/// One series as settings show it.
pub async fn get<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    name: &str,
) -> Result<Series, Error> {
    let format = numbering::format(&s.db, org.org_id(), name).await?;
    let custom = series::for_series(&s.db, org.org_id(), format.series())
        .await?
        .iter()
        .any(|r| r.series == format.series());
    view(s, org, format, custom).await
}

/// Sets how series `name` is numbered from now on.
pub async fn save<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    name: &str,
    input: &SeriesInput,
) -> Result<Series, Error> {
    let name = NumberFormat::custom(name, "X", YearStyle::Short, 1)
        .map_err(|e| Error::field("series", series_message(&e)))?
        .series()
        .to_owned();
    let rows = series::list(&s.db, org.org_id()).await?;
    let current = rows.iter().find(|r| r.series == name);

    let mut errors = FieldErrors::default();
    let prefix = optional(input.prefix.as_ref())
        .or_else(|| current.map(|r| r.prefix.clone()))
        .unwrap_or_else(|| name.clone());
    let year_style = match optional(input.year_style.as_ref()) {
        None => Some(current.map(|r| r.year_style).unwrap_or_default()),
        Some(text) => {
            let style = YearStyle::parse(&text);
            if style.is_none() {
                errors.push("year_style", Message::new("year-style-invalid"));
            }
            style
        }
    };
    let width = match input.width {
        None => Some(
            current
                .and_then(|r| u8::try_from(r.width).ok())
                .unwrap_or(WIDTH),
        ),
        Some(w) => match u8::try_from(w).ok().filter(|w| (1..=8).contains(w)) {
            Some(w) => Some(w),
            None => {
                errors.push("width", Message::new("width-invalid"));
                None
            }
        },
    };
    errors.check()?;
    let (Some(year_style), Some(width)) = (year_style, width) else {
        return Err(Error::Internal("a checked series lacks a value".into()));
    };
    let format = NumberFormat::custom(&name, &prefix, year_style, width).map_err(|e| {
        let field = match e {
            NumberError::Width(_) => "width",
            _ => "prefix",
        };
        Error::field(field, format_message(&e))
    })?;

    // A series numbered the default way prints its name: that name is taken as a prefix. (One
    // set up with this prefix is caught by the unique index, on the same field.)
    let prefix = format.prefix().to_owned();
    let prints_its_name = |n: &str| !rows.iter().any(|r| r.series == n);
    if prefix != name
        && prints_its_name(&prefix)
        && (STANDARD.contains(&prefix.as_str())
            || series::used(&s.db, org.org_id()).await?.contains(&prefix))
    {
        return Err(Error::duplicate(
            "prefix",
            Message::new("series-prefix-taken")
                .arg("prefix", prefix.clone())
                .arg("series", prefix),
        ));
    }
    // The next number must still fit.
    let year = FinancialYear::of(org.today());
    let last = counters::last(&s.db, org.org_id(), &name, year.start_year()).await?;
    if let Err(e) = format.format(year, u64::try_from(last).unwrap_or(0) + 1) {
        return Err(Error::field("width", format_message(&e)));
    }

    let row = NumberSeries {
        org_id: org.org_id(),
        series: name.clone(),
        prefix,
        year_style,
        width: i64::from(width),
        updated_at: now(),
    };
    let mut tx = s.db.begin_write().await?;
    series::save(&mut tx, &row).await?;
    let example = format
        .format(year, u64::try_from(last).unwrap_or(0) + 1)
        .map(|n| n.as_str().to_owned())
        .unwrap_or_default();
    let event = Event {
        action: "series.update",
        entity: Entity("series", Some(name.clone())),
        summary: format!(
            "{} set series {name} to number like {example}",
            org.user().email
        ),
        details: vec![
            ("prefix", row.prefix.clone()),
            ("year_style", year_style.as_str().to_owned()),
            ("width", width.to_string()),
        ],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(Series {
        format,
        custom: true,
        next_number: example,
    })
}
