//! The documents a return period holds (GST.md §7–§8), streamed a document at a time so that
//! a month of 100,000 invoices is never held in memory: sales documents issued in the period
//! (voided ones too, which table 13 counts; drafts never), each with its lines and, for a note,
//! the particulars of the invoice it corrects; and purchase bills the same way. Only the
//! columns the returns read are fetched, and a document's own columns are decoded once, not
//! with each of its lines (`bulk.rs`). On SQLite the rows are read in place (`sqlite.rs`:
//! sqlx's per-row hand-over would cost ten times the query).

mod bulk;
pub mod checks;
mod sqlite;

use bahi_gst::returns::Itc;
use bahi_gst::supply::Import;
use bahi_gst::{
    Gstin, HsnSac, Paise, Quantity, Rate, Registration, StateCode, SupplyType, Treatment,
};
use futures_util::TryStreamExt;
use time::Date;

use crate::StoreError;
use crate::exec::{Conn, Executor};
use crate::identity::OrgId;
use crate::purchases::{BillId, BillStatus};
use crate::sales::{DocKind, DocStatus, DocumentId};
use bulk::{Bulk, bulk_row};

bulk_row! {
    /// A sales document as the returns read it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct SaleHead {
        pub document_id: DocumentId,
        pub kind: DocKind,
        pub status: DocStatus,
        pub series: String,
        pub number: Option<String>,
        pub date: Date,
        pub buyer_registration: Registration,
        pub buyer_gstin: Option<Gstin>,
        pub place_of_supply: StateCode,
        pub supply_type: SupplyType,
        pub inter_state: bool,
        pub with_payment: bool,
        pub deemed_export: bool,
        pub reverse_charge: bool,
        pub shipping_bill_no: Option<String>,
        pub shipping_bill_date: Option<Date>,
        pub port_code: Option<String>,
        pub document_total: Paise,
        /// A note's invoice: its number, date and value.
        pub original_number: Option<String>,
        pub original_date: Option<Date>,
        pub original_total: Option<Paise>,
    }
}

bulk_row! {
    /// A sales document's line as the returns read it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct SaleLine {
        pub hsn_sac: HsnSac,
        pub description: String,
        pub quantity: Quantity,
        pub unit: Option<String>,
        /// For a note's line without a unit (a change of value only): the unit its invoice
        /// gave the same HSN, so the HSN summary nets the two in one row.
        pub invoiced_unit: Option<String>,
        pub treatment: Treatment,
        pub gst_rate: Rate,
        pub taxable_value: Paise,
        pub igst: Paise,
        pub cgst: Paise,
        pub sgst: Paise,
        pub cess: Paise,
    }
}

bulk_row! {
    /// A purchase bill as GSTR-3B reads it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct PurchaseHead {
        pub bill_id: BillId,
        pub status: BillStatus,
        pub date: Date,
        pub vendor_registration: Registration,
        pub reverse_charge: bool,
        pub import_kind: Option<Import>,
        pub inter_state: bool,
    }
}

bulk_row! {
    /// A purchase bill's line as GSTR-3B reads it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct PurchaseLine {
        pub treatment: Treatment,
        pub gst_rate: Rate,
        pub itc: Itc,
        pub taxable_value: Paise,
        pub igst: Paise,
        pub cgst: Paise,
        pub sgst: Paise,
        pub cess: Paise,
    }
}

/// Each sales document dated `from` to `to` (inclusive) that was issued (and perhaps voided
/// since), with its lines. Documents come by date and id, the order of the `(org_id, date, id)`
/// index, so a month's rows are read without touching the other months'. Lines are not sorted
/// within their document: the builders do not depend on their order, and sorting them doubled
/// SQLite's time for the query (0.76 s against 0.39 s for 273,000 lines).
pub async fn each_sale(
    mut ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
    each: impl FnMut(SaleHead, Vec<SaleLine>),
) -> Result<(), StoreError> {
    const QUERY: PeriodQuery = PeriodQuery {
        head: "d.id AS document_id, d.kind, d.status, d.series, d.number, d.date, \
            d.buyer_registration, d.buyer_gstin, d.place_of_supply, d.supply_type, \
            d.inter_state, d.with_payment, d.deemed_export, d.reverse_charge, \
            d.shipping_bill_no, d.shipping_bill_date, d.port_code, d.total AS document_total, \
            CASE WHEN d.original_id IS NOT NULL THEN \
                (SELECT o.number FROM sales_documents o WHERE o.id = d.original_id) \
            END AS original_number, \
            CASE WHEN d.original_id IS NOT NULL THEN \
                (SELECT o.date FROM sales_documents o WHERE o.id = d.original_id) \
            END AS original_date, \
            CASE WHEN d.original_id IS NOT NULL THEN \
                (SELECT o.total FROM sales_documents o WHERE o.id = d.original_id) \
            END AS original_total",
        line: &[
            ("l.hsn_sac", "hsn_sac"),
            ("l.description", "description"),
            ("l.quantity", "quantity"),
            ("l.unit", "unit"),
            (
                "CASE WHEN l.unit IS NULL AND d.original_id IS NOT NULL THEN \
                    (SELECT ol.unit FROM sales_lines ol WHERE ol.document_id = d.original_id \
                     AND ol.hsn_sac = l.hsn_sac AND ol.unit IS NOT NULL \
                     ORDER BY ol.position LIMIT 1) \
                 END",
                "invoiced_unit",
            ),
            ("l.treatment", "treatment"),
            ("l.gst_rate", "gst_rate"),
            ("l.taxable_value", "taxable_value"),
            ("l.igst", "igst"),
            ("l.cgst", "cgst"),
            ("l.sgst", "sgst"),
            ("l.cess", "cess"),
        ],
        documents: "sales_documents",
        lines: "sales_lines",
        link: "document_id",
        filter: "d.status <> 'draft'",
    };
    each_row(&QUERY, ex.conn().await?, org, (from, to), each).await
}

/// Each purchase bill dated `from` to `to`, recorded or voided, with its lines.
pub async fn each_purchase(
    mut ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
    each: impl FnMut(PurchaseHead, Vec<PurchaseLine>),
) -> Result<(), StoreError> {
    const QUERY: PeriodQuery = PeriodQuery {
        head: "d.id AS bill_id, d.status, d.date, d.vendor_registration, d.reverse_charge, \
            d.import_kind, d.inter_state",
        line: &[
            ("l.treatment", "treatment"),
            ("l.gst_rate", "gst_rate"),
            ("l.itc", "itc"),
            ("l.taxable_value", "taxable_value"),
            ("l.igst", "igst"),
            ("l.cgst", "cgst"),
            ("l.sgst", "sgst"),
            ("l.cess", "cess"),
        ],
        documents: "purchase_bills",
        lines: "purchase_lines",
        link: "bill_id",
        filter: "TRUE",
    };
    each_row(&QUERY, ex.conn().await?, org, (from, to), each).await
}

/// A period query: documents `d` of an organisation dated in a period (`$1` the organisation,
/// `$2` and `$3` the first and last days) with their lines `l`, in the order of the documents'
/// `(org_id, date, id)` index.
struct PeriodQuery {
    /// The head's columns.
    head: &'static str,
    /// The line's columns: each an expression and its name.
    line: &'static [(&'static str, &'static str)],
    documents: &'static str,
    lines: &'static str,
    /// The lines' column naming their document, the first of their primary key.
    link: &'static str,
    /// Which of the period's documents count.
    filter: &'static str,
}

impl PeriodQuery {
    /// The query's text for an engine. SQLite joins each document to its lines, a row a line:
    /// it walks the documents' index and looks each one's lines up by their primary key, a
    /// month's rows without touching the others'. PostgreSQL, given that join, hashed every
    /// line of every month and sorted the result (GSTR-1 took 1.1–1.4 s for a month beside
    /// eleven others, 0.8 s alone); and a row a line sends the head again with every line
    /// (55 MB for a month). So on PostgreSQL a LATERAL subquery aggregates each document's
    /// lines into arrays: the same index walk, a row a document, already in order, 37 MB.
    fn sql(&self, postgres: bool) -> String {
        let Self {
            head,
            line,
            documents,
            lines,
            link,
            filter,
        } = self;
        let columns = |wrap: fn(&str) -> String| -> String {
            line.iter()
                .map(|(expression, name)| format!("{} AS {name}", wrap(expression)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (select, joined) = if postgres {
            let aggregated = columns(|e| format!("array_agg({e})"));
            (
                format!("{head}, l.*"),
                format!(
                    "CROSS JOIN LATERAL (SELECT {aggregated} FROM {lines} l \
                     WHERE l.{link} = d.id HAVING count(*) > 0) l"
                ),
            )
        } else {
            (
                format!("{head}, {}", columns(str::to_owned)),
                format!("JOIN {lines} l ON l.{link} = d.id"),
            )
        };
        format!(
            "SELECT {select} FROM {documents} d {joined} \
             WHERE d.org_id = $1 AND d.date >= $2 AND d.date <= $3 AND {filter} \
             ORDER BY d.date, d.id"
        )
    }
}

/// Runs a period query whose columns are a head's and then a line's, and hands each document
/// to `each` with its lines: streaming on PostgreSQL, in place on SQLite.
async fn each_row<H: Bulk, L: Bulk>(
    query: &PeriodQuery,
    conn: Conn<'_>,
    org: OrgId,
    (from, to): (Date, Date),
    mut each: impl FnMut(H, Vec<L>),
) -> Result<(), StoreError> {
    let sql = query.sql(matches!(conn, Conn::Postgres(_)));
    let sql = sql.as_str();
    match conn {
        Conn::Sqlite(mut held) => sqlite::each(&mut held, sql, (org.0, from, to), each).await,
        Conn::Postgres(mut held) => {
            let mut rows = sqlx::query(sql)
                .bind(org.0)
                .bind(from)
                .bind(to)
                .fetch(&mut *held);
            let mut checked = false;
            while let Some(row) = rows.try_next().await? {
                if !checked {
                    check_columns::<H, L>(&row)?;
                    checked = true;
                }
                each(
                    H::from_pg(&row, 0)?,
                    L::from_pg_arrays(&row, H::FIELDS.len())?,
                );
            }
            Ok(())
        }
    }
}

/// Rows are read by position: a query whose columns are not the rows' fields, in order, is a
/// mistake in this module, caught on its first row.
fn check_columns<H: Bulk, L: Bulk>(row: &sqlx::postgres::PgRow) -> Result<(), StoreError> {
    use sqlx::Column as _;
    let names: Vec<&str> = sqlx::Row::columns(row).iter().map(|c| c.name()).collect();
    let expected = bulk::columns::<H, L>();
    if names == expected {
        Ok(())
    } else {
        Err(StoreError::Db(sqlx::Error::Protocol(format!(
            "the query's columns {names:?} are not the rows' fields {expected:?}"
        ))))
    }
}
