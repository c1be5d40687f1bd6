//! GSTR-1 a section at a time, as the CSV files the GSTN offline tool imports (Import Files →
//! CSV, one file per section, its column headings): for an accountant who checks a return in
//! a spreadsheet, or fills the tool section by section. Rows come from the built return, so a
//! CSV says exactly what the JSON says: an invoice of two rates is two rows, its particulars
//! repeated; dates are `05-Oct-2026`; places of supply `29-Karnataka`.

use super::Section;
use super::schema::{Gstr1, Hsn, HsnRow, Item};
use crate::returns::json::Amount;
use crate::state::StateCode;

/// The sections a CSV can be made of (the offline tool's file names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvSection {
    /// B2B, B2CL, B2CS, exports and notes.
    Listed(Section),
    /// Table 8: nil-rated, exempt and non-GST supplies.
    Exemp,
    /// Table 12 before May 2025.
    Hsn,
    /// Table 12 from May 2025, B2B and B2C apart.
    HsnB2b,
    HsnB2c,
    /// Table 13: documents issued.
    Docs,
}

/// Why a section cannot be written for this return.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("from May 2025 the HSN summary is split: ask for hsn_b2b or hsn_b2c")]
    HsnIsSplit,
    #[error("before May 2025 the HSN summary is one list: ask for hsn")]
    HsnIsSingle,
    #[error("the CSV could not be written: {0}")]
    Write(String),
}

impl CsvSection {
    const TABLES: [Self; 5] = [
        Self::Exemp,
        Self::Hsn,
        Self::HsnB2b,
        Self::HsnB2c,
        Self::Docs,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Listed(section) => section.as_str(),
            Self::Exemp => "exemp",
            Self::Hsn => "hsn",
            Self::HsnB2b => "hsn_b2b",
            Self::HsnB2c => "hsn_b2c",
            Self::Docs => "docs",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Section::parse(text)
            .map(Self::Listed)
            .or_else(|| Self::TABLES.into_iter().find(|s| s.as_str() == text))
    }
}

/// A CSV document being written (RFC 4180 quoting; CRLF line ends, as spreadsheets expect).
struct Sheet(csv::Writer<Vec<u8>>);

impl Sheet {
    fn new() -> Self {
        Self(
            csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new()),
        )
    }

    fn row<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) -> Result<(), CsvError> {
        self.0
            .write_record(fields.into_iter().map(|f| f.as_ref().to_owned()))
            .map_err(|e| CsvError::Write(e.to_string()))
    }

    fn finish(self) -> Result<String, CsvError> {
        let bytes = self
            .0
            .into_inner()
            .map_err(|e| CsvError::Write(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| CsvError::Write(e.to_string()))
    }
}

/// `05-10-2026` (GSTN's JSON) → `05-Oct-2026` (the offline tool's CSV).
fn tool_date(gstn: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = gstn.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(d), Some(m), Some(y)) => match m.parse::<usize>() {
            Ok(m @ 1..=12) => format!("{d}-{}-{y}", MONTHS[m - 1]),
            _ => gstn.to_owned(),
        },
        _ => gstn.to_owned(),
    }
}

/// `29` → `29-Karnataka`.
fn place(pos: &str) -> String {
    StateCode::parse(pos).map_or_else(|_| pos.to_owned(), |s| format!("{pos}-{}", s.name()))
}

fn invoice_type(code: &str) -> &'static str {
    match code {
        "SEWP" => "SEZ supplies with payment",
        "SEWOP" => "SEZ supplies without payment",
        "DE" => "Deemed Exp",
        _ => "Regular B2B",
    }
}

fn money(a: Amount) -> String {
    a.0.to_string()
}

/// Rate, taxable value and cess of an item.
fn item_fields(item: &Item) -> [String; 3] {
    let d = &item.itm_det;
    [d.rt.0.clone(), money(d.txval), money(d.csamt)]
}

/// One section of `g` as CSV text.
pub fn write(g: &Gstr1, section: CsvSection) -> Result<String, CsvError> {
    let mut sheet = Sheet::new();
    match section {
        CsvSection::Listed(Section::B2b) => {
            sheet.row([
                "GSTIN/UIN of Recipient",
                "Receiver Name",
                "Invoice Number",
                "Invoice date",
                "Invoice Value",
                "Place Of Supply",
                "Reverse Charge",
                "Applicable % of Tax Rate",
                "Invoice Type",
                "E-Commerce GSTIN",
                "Rate",
                "Taxable Value",
                "Cess Amount",
            ])?;
            for party in &g.b2b {
                for inv in &party.inv {
                    for item in &inv.itms {
                        let [rate, txval, cess] = item_fields(item);
                        sheet.row([
                            party.ctin.clone(),
                            String::new(),
                            inv.inum.clone(),
                            tool_date(&inv.idt),
                            money(inv.val),
                            place(&inv.pos),
                            inv.rchrg.to_owned(),
                            String::new(),
                            invoice_type(inv.inv_typ).to_owned(),
                            String::new(),
                            rate,
                            txval,
                            cess,
                        ])?;
                    }
                }
            }
        }
        CsvSection::Listed(Section::B2cl) => {
            sheet.row([
                "Invoice Number",
                "Invoice date",
                "Invoice Value",
                "Place Of Supply",
                "Applicable % of Tax Rate",
                "Rate",
                "Taxable Value",
                "Cess Amount",
                "E-Commerce GSTIN",
            ])?;
            for group in &g.b2cl {
                for inv in &group.inv {
                    for item in &inv.itms {
                        let [rate, txval, cess] = item_fields(item);
                        sheet.row([
                            inv.inum.clone(),
                            tool_date(&inv.idt),
                            money(inv.val),
                            place(&group.pos),
                            String::new(),
                            rate,
                            txval,
                            cess,
                            String::new(),
                        ])?;
                    }
                }
            }
        }
        CsvSection::Listed(Section::B2cs) => {
            sheet.row([
                "Type",
                "Place Of Supply",
                "Applicable % of Tax Rate",
                "Rate",
                "Taxable Value",
                "Cess Amount",
                "E-Commerce GSTIN",
            ])?;
            for r in &g.b2cs {
                sheet.row([
                    r.typ.to_owned(),
                    place(&r.pos),
                    String::new(),
                    r.rt.0.clone(),
                    money(r.txval),
                    money(r.csamt),
                    String::new(),
                ])?;
            }
        }
        CsvSection::Listed(Section::Exp) => {
            sheet.row([
                "Export Type",
                "Invoice Number",
                "Invoice date",
                "Invoice Value",
                "Port Code",
                "Shipping Bill Number",
                "Shipping Bill Date",
                "Rate",
                "Taxable Value",
                "Cess Amount",
            ])?;
            for group in &g.exp {
                for inv in &group.inv {
                    for item in &inv.itms {
                        sheet.row([
                            group.exp_typ.to_owned(),
                            inv.inum.clone(),
                            tool_date(&inv.idt),
                            money(inv.val),
                            inv.sbpcode.clone().unwrap_or_default(),
                            inv.sbnum.clone().unwrap_or_default(),
                            inv.sbdt.as_deref().map(tool_date).unwrap_or_default(),
                            item.rt.0.clone(),
                            money(item.txval),
                            money(item.csamt),
                        ])?;
                    }
                }
            }
        }
        CsvSection::Listed(Section::Cdnr) => {
            sheet.row([
                "GSTIN/UIN of Recipient",
                "Receiver Name",
                "Note Number",
                "Note Date",
                "Note Type",
                "Place Of Supply",
                "Reverse Charge",
                "Note Supply Type",
                "Note Value",
                "Applicable % of Tax Rate",
                "Rate",
                "Taxable Value",
                "Cess Amount",
            ])?;
            for party in &g.cdnr {
                for nt in &party.nt {
                    for item in &nt.itms {
                        let [rate, txval, cess] = item_fields(item);
                        sheet.row([
                            party.ctin.clone(),
                            String::new(),
                            nt.nt_num.clone(),
                            tool_date(&nt.nt_dt),
                            nt.ntty.to_owned(),
                            place(&nt.pos),
                            nt.rchrg.to_owned(),
                            invoice_type(nt.inv_typ).to_owned(),
                            money(nt.val),
                            String::new(),
                            rate,
                            txval,
                            cess,
                        ])?;
                    }
                }
            }
        }
        CsvSection::Listed(Section::Cdnur) => {
            sheet.row([
                "UR Type",
                "Note Number",
                "Note Date",
                "Note Type",
                "Place Of Supply",
                "Note Value",
                "Applicable % of Tax Rate",
                "Rate",
                "Taxable Value",
                "Cess Amount",
            ])?;
            for nt in &g.cdnur {
                for item in &nt.itms {
                    let [rate, txval, cess] = item_fields(item);
                    sheet.row([
                        nt.typ.to_owned(),
                        nt.nt_num.clone(),
                        tool_date(&nt.nt_dt),
                        nt.ntty.to_owned(),
                        nt.pos.as_deref().map(place).unwrap_or_default(),
                        money(nt.val),
                        String::new(),
                        rate,
                        txval,
                        cess,
                    ])?;
                }
            }
        }
        CsvSection::Exemp => {
            sheet.row([
                "Description",
                "Nil Rated Supplies",
                "Exempted(other than nil rated/non GST supply)",
                "Non-GST Supplies",
            ])?;
            for r in &g.nil.inv {
                let description = match r.sply_ty {
                    "INTRB2B" => "Inter-State supplies to registered persons",
                    "INTRAB2B" => "Intra-State supplies to registered persons",
                    "INTRB2C" => "Inter-State supplies to unregistered persons",
                    _ => "Intra-State supplies to unregistered persons",
                };
                sheet.row([
                    description.to_owned(),
                    money(r.nil_amt),
                    money(r.expt_amt),
                    money(r.ngsup_amt),
                ])?;
            }
        }
        CsvSection::Hsn | CsvSection::HsnB2b | CsvSection::HsnB2c => {
            let rows = match (&g.hsn, section) {
                (Hsn::Single { data }, CsvSection::Hsn) => data,
                (Hsn::Split { hsn_b2b, .. }, CsvSection::HsnB2b) => hsn_b2b,
                (Hsn::Split { hsn_b2c, .. }, CsvSection::HsnB2c) => hsn_b2c,
                (Hsn::Single { .. }, _) => return Err(CsvError::HsnIsSingle),
                (Hsn::Split { .. }, _) => return Err(CsvError::HsnIsSplit),
            };
            hsn(&mut sheet, rows)?;
        }
        CsvSection::Docs => {
            sheet.row([
                "Nature of Document",
                "Sr. No. From",
                "Sr. No. To",
                "Total Number",
                "Cancelled",
            ])?;
            for kind in &g.doc_issue.doc_det {
                for r in &kind.docs {
                    sheet.row([
                        kind.doc_typ.to_owned(),
                        r.from.clone(),
                        r.to.clone(),
                        r.totnum.to_string(),
                        r.cancel.to_string(),
                    ])?;
                }
            }
        }
    }
    sheet.finish()
}

fn hsn(sheet: &mut Sheet, rows: &[HsnRow]) -> Result<(), CsvError> {
    sheet.row([
        "HSN",
        "Description",
        "UQC",
        "Total Quantity",
        "Total Value",
        "Rate",
        "Taxable Value",
        "Integrated Tax Amount",
        "Central Tax Amount",
        "State/UT Tax Amount",
        "Cess Amount",
    ])?;
    for r in rows {
        let total = [r.txval, r.iamt, r.camt, r.samt, r.csamt]
            .iter()
            .fold(0_i64, |sum, a| sum.saturating_add(a.0.get()));
        sheet.row([
            r.hsn_sc.clone(),
            r.desc.clone(),
            r.uqc.clone(),
            r.qty.0.clone(),
            crate::money::Paise::new(total).to_string(),
            r.rt.0.clone(),
            money(r.txval),
            money(r.iamt),
            money(r.camt),
            money(r.samt),
            money(r.csamt),
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_or_quotes_are_quoted_and_dates_read_as_the_tool_writes_them() {
        let mut sheet = Sheet::new();
        sheet.row(["plain", "a, b", "say \"hi\""]).unwrap();
        assert_eq!(
            sheet.finish().unwrap(),
            "plain,\"a, b\",\"say \"\"hi\"\"\"\r\n"
        );
        assert_eq!(tool_date("05-10-2026"), "05-Oct-2026");
        assert_eq!(tool_date("31-12-2026"), "31-Dec-2026");
        assert_eq!(place("29"), "29-Karnataka");
        for s in Section::ALL
            .map(CsvSection::Listed)
            .into_iter()
            .chain(CsvSection::TABLES)
        {
            assert_eq!(CsvSection::parse(s.as_str()), Some(s));
        }
        assert_eq!(CsvSection::parse("b2z"), None);
    }
}
