//! From what a client sends to a settled document: the customer and their registration decide
//! the supply type and heads (GST.md §1), lines start from their items, the engine settles the
//! tax (GST.md §4). Every problem is reported at once, each on its field (`lines[1].quantity`).

use bahi_gst::rates::check_gst_rate;
use bahi_gst::settle::{Options, SettleError, Settlement, settle};
use bahi_gst::supply::{SupplyError, check_deemed_export, classify_sale};
use bahi_gst::{
    HsnSac, Levy, Line, Paise, Quantity, Rate, Registration, StateCode, SupplyType, Treatment, Uqc,
};
use bahi_store::Db;
use bahi_store::identity::OrgId;
use bahi_store::masters::parties::{self, Party};
use bahi_store::masters::{ItemId, PartyId, items};
use bahi_store::sales::DocKind;
use bahi_store::sales::documents::SalesLine;
use time::Date;

use crate::fields::{optional, optional_text, state_message};
use crate::masters::items::{hsn_message, rate_message};
use crate::{Error, FieldErrors, Message};

/// The most lines one document may have.
pub const MAX_LINES: usize = 500;

/// A document line as a client gives it; fields left out come from the item.
#[derive(Debug, Clone, Default)]
pub struct LineInput {
    pub item_id: Option<ItemId>,
    pub description: Option<String>,
    pub hsn_sac: Option<String>,
    pub quantity: Option<String>,
    pub unit: Option<String>,
    pub unit_price: Option<String>,
    pub discount: Option<String>,
    pub gst_rate: Option<String>,
    pub treatment: Option<Treatment>,
    pub cess_rate: Option<String>,
}

/// An export's or SEZ supply's particulars.
#[derive(Debug, Clone, Default)]
pub struct ExportInput {
    /// IGST is charged (and refunded later) rather than supplying under bond or LUT.
    pub with_payment: bool,
    pub shipping_bill_no: Option<String>,
    pub shipping_bill_date: Option<Date>,
    pub port_code: Option<String>,
}

/// Who the document is to and where the supply is made, as the client gives it.
#[derive(Debug, Clone)]
pub struct SaleInput<'a> {
    /// The seller is a composition dealer: no tax is charged, no supply leaves the state.
    pub composition: bool,
    pub customer_id: PartyId,
    pub date: Date,
    pub place_of_supply: Option<&'a str>,
    pub export: Option<&'a ExportInput>,
    pub deemed_export: bool,
    pub lines: &'a [LineInput],
}

/// A line checked and filled in from its item.
#[derive(Debug, Clone)]
pub struct ComposedLine {
    /// A note's line that changes a value (a price revision, a discount) and no quantity: it
    /// is settled as one unit of its value and stored with quantity 0.
    pub value_only: bool,
    pub item_id: Option<ItemId>,
    pub description: String,
    pub hsn_sac: HsnSac,
    pub unit: Option<Uqc>,
    pub line: Line,
}

/// A document ready to store: buyer, classification, lines and settlement.
#[derive(Debug, Clone)]
pub struct Composed {
    pub customer: Party,
    pub place_of_supply: StateCode,
    pub supply_type: SupplyType,
    pub levy: Levy,
    pub with_payment: bool,
    pub export: Option<ExportInput>,
    pub deemed_export: bool,
    /// Sold by a composition dealer.
    pub composition: bool,
    pub lines: Vec<ComposedLine>,
    pub settlement: Settlement,
}

impl Composed {
    /// A tax invoice, or a bill of supply when the seller is a composition dealer or no line is
    /// taxable (CGST Rule 49).
    #[must_use]
    pub fn kind(&self) -> DocKind {
        if self.composition
            || self
                .lines
                .iter()
                .all(|l| l.line.treatment != Treatment::Taxable)
        {
            DocKind::BillOfSupply
        } else {
            DocKind::Invoice
        }
    }

    /// The stored lines of document `id`.
    #[must_use]
    pub fn stored_lines(&self, org: OrgId, id: bahi_store::sales::DocumentId) -> Vec<SalesLine> {
        self.lines
            .iter()
            .zip(&self.settlement.lines)
            .enumerate()
            .map(|(i, (l, s))| SalesLine {
                document_id: id,
                position: i64::try_from(i).unwrap_or(i64::MAX),
                org_id: org,
                item_id: l.item_id,
                description: l.description.clone(),
                hsn_sac: l.hsn_sac.clone(),
                quantity: if l.value_only {
                    Quantity::from_milli(0)
                } else {
                    l.line.quantity
                },
                unit: l.unit.map(|u| u.as_str().to_owned()),
                unit_price: l.line.unit_price,
                discount: l.line.discount,
                gst_rate: l.line.rate,
                cess_rate: l.line.cess_rate,
                treatment: l.line.treatment,
                taxable_value: s.taxable_value,
                cgst: s.cgst,
                sgst: s.sgst,
                igst: s.igst,
                cess: s.cess,
                total: s.total,
            })
            .collect()
    }
}

/// Reads the customer, classifies the sale and settles the lines.
pub async fn sale(
    db: &Db,
    org: OrgId,
    seller_state: StateCode,
    round_off: bool,
    input: &SaleInput<'_>,
) -> Result<Composed, Error> {
    let mut errors = FieldErrors::default();
    let customer = parties::get(db, org, input.customer_id).await?;
    let customer = match customer {
        None => {
            errors.push("customer_id", Message::new("customer-not-found"));
            None
        }
        Some(p) if p.archived_at.is_some() => {
            errors.push("customer_id", Message::new("customer-archived"));
            None
        }
        Some(p) if !p.kind.is_customer() => {
            errors.push("customer_id", Message::new("customer-is-vendor"));
            None
        }
        Some(p) => Some(p),
    };

    let place_of_supply = match optional(input.place_of_supply.map(str::to_owned).as_ref()) {
        Some(text) => match StateCode::parse(&text) {
            Ok(s) => Some(s),
            Err(e) => {
                errors.push("place_of_supply", state_message(&e));
                None
            }
        },
        None => customer.as_ref().and_then(|c| {
            let pos = c
                .registration
                .default_place_of_supply(c.gstin.as_ref(), c.state_code.or(c.billing_state_code));
            if pos.is_none() {
                errors.push("place_of_supply", Message::new("place-of-supply-required"));
            }
            pos
        }),
    };

    let registration = customer.as_ref().map(|c| c.registration);
    let zero_rated_buyer = matches!(
        registration,
        Some(Registration::Overseas | Registration::Sez)
    );
    if input.export.is_some() && registration.is_some() && !zero_rated_buyer {
        errors.push("export", Message::new("export-not-allowed"));
    }
    if input.composition && (input.export.is_some() || input.deemed_export) {
        let field = if input.export.is_some() {
            "export"
        } else {
            "deemed_export"
        };
        errors.push(field, Message::new("composition-no-export"));
    }
    let export = input.export.cloned().filter(|_| zero_rated_buyer);
    if let Some(e) = &export {
        optional_text(
            "export.shipping_bill_no",
            e.shipping_bill_no.as_ref(),
            20,
            &mut errors,
        );
        if let Some(port) = optional(e.port_code.as_ref())
            && !(port.len() == 6 && port.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            errors.push("export.port_code", Message::new("port-code-invalid"));
        }
        if let Some(d) = e.shipping_bill_date
            && d < input.date
        {
            errors.push(
                "export.shipping_bill_date",
                Message::new("shipping-bill-before-invoice"),
            );
        }
    }
    let with_payment = export.as_ref().is_some_and(|e| e.with_payment);
    if input.deemed_export
        && let Some(r) = registration
        && check_deemed_export(r).is_err()
    {
        errors.push(
            "deemed_export",
            Message::new("deemed-export-buyer").arg("registration", r.as_str()),
        );
    }

    let class = match (registration, place_of_supply) {
        (Some(r), Some(pos)) => match classify_sale(seller_state, r, pos, with_payment) {
            Ok(class) => Some(class),
            Err(e) => {
                errors.push("place_of_supply", supply_message(&e));
                None
            }
        },
        _ => None,
    };
    if let (Some(c), Some(class)) = (&customer, class)
        && class.supply_type == SupplyType::B2b
        && c.gstin.is_none()
    {
        errors.push("customer_id", Message::new("b2b-needs-gstin"));
    }
    // CGST Act s.10(2)(c)/(2A): a composition dealer makes no inter-state supply.
    if input.composition
        && let Some(class) = class
        && class.levy.is_inter_state()
        && !errors.has("export")
    {
        errors.push("place_of_supply", Message::new("composition-inter-state"));
    }

    let lines = lines(db, org, input.date, input.lines, false, &mut errors).await?;
    errors.check()?;
    let (Some(customer), Some(place_of_supply), Some(class)) = (customer, place_of_supply, class)
    else {
        return Err(Error::Internal(
            "a sale checked as valid lacks a value".into(),
        ));
    };
    let mut lines = lines;
    if input.composition {
        // The dealer pays tax on turnover itself and collects none: the lines carry no rate.
        for l in &mut lines {
            l.line.rate = Rate::ZERO;
            l.line.cess_rate = Rate::ZERO;
        }
    }
    let engine_lines: Vec<Line> = lines.iter().map(|l| l.line.clone()).collect();
    let settlement = settle(
        &engine_lines,
        &Options {
            levy: class.levy,
            round_off,
            reverse_charge: false,
        },
    )
    .map_err(|e| settle_error(&e))?;
    Ok(Composed {
        customer,
        place_of_supply,
        supply_type: class.supply_type,
        levy: class.levy,
        with_payment,
        export,
        deemed_export: input.deemed_export,
        composition: input.composition,
        lines,
        settlement,
    })
}

pub(crate) fn supply_message(error: &SupplyError) -> Message {
    match error {
        SupplyError::OtherCountriesNotExport => Message::new("place-of-supply-other-countries"),
        SupplyError::ExportPlaceOfSupply(_) => Message::new("place-of-supply-export"),
        other => Message::new("supply-invalid").arg("reason", other.to_string()),
    }
}

pub(crate) fn settle_error(error: &SettleError) -> Error {
    match error {
        SettleError::DiscountTooLarge { line } => Error::field(
            format!("lines[{line}].discount"),
            Message::new("discount-too-large"),
        ),
        SettleError::NegativeDiscount { line } => Error::field(
            format!("lines[{line}].discount"),
            Message::new("money-negative"),
        ),
        SettleError::NegativePrice { line } => Error::field(
            format!("lines[{line}].unit_price"),
            Message::new("money-negative"),
        ),
        SettleError::Overflow => Error::field("lines", Message::new("amounts-too-large")),
    }
}

/// Amounts on one line may not pass ₹1,000 crore (10^11 rupees): far above any real invoice,
/// far below where sums could overflow.
const MAX_AMOUNT: i64 = 10_000_000_000_000;
/// At most 10 crore units on a line.
const MAX_QUANTITY: i64 = 1_000_000_000_000;

pub(crate) fn money(field: &str, text: Option<&String>, errors: &mut FieldErrors) -> Option<Paise> {
    let text = optional(text)?;
    match Paise::parse(&text) {
        Ok(p) if p.is_negative() => {
            errors.push(field, Message::new("money-negative"));
            None
        }
        Ok(p) if p.get() > MAX_AMOUNT => {
            errors.push(field, Message::new("amounts-too-large"));
            None
        }
        Ok(p) => Some(p),
        Err(_) => {
            errors.push(field, Message::new("money-invalid"));
            None
        }
    }
}

fn rate(field: &str, text: Option<&String>, errors: &mut FieldErrors) -> Option<Rate> {
    let text = optional(text)?;
    match Rate::parse(&text) {
        Ok(r) => Some(r),
        Err(_) => {
            errors.push(field, Message::new("rate-invalid"));
            None
        }
    }
}

/// Checks each line and fills it in from its item. With `value_only_allowed` (notes), a line
/// without a quantity changes a value only.
pub(crate) async fn lines(
    db: &Db,
    org: OrgId,
    date: Date,
    input: &[LineInput],
    value_only_allowed: bool,
    errors: &mut FieldErrors,
) -> Result<Vec<ComposedLine>, Error> {
    if input.is_empty() {
        errors.push("lines", Message::new("lines-required"));
        return Ok(Vec::new());
    }
    if input.len() > MAX_LINES {
        errors.push(
            "lines",
            Message::new("lines-too-many").arg("max", MAX_LINES),
        );
        return Ok(Vec::new());
    }
    let mut ids: Vec<ItemId> = input.iter().filter_map(|l| l.item_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let known = items::get_many(db, org, &ids).await?;
    let mut out = Vec::with_capacity(input.len());
    for (i, l) in input.iter().enumerate() {
        let at = |f: &str| format!("lines[{i}].{f}");
        let item = match l.item_id {
            Some(id) => match known.iter().find(|it| it.id == id) {
                Some(item) => Some(item.clone()),
                None => {
                    errors.push(at("item_id"), Message::new("item-not-found"));
                    continue;
                }
            },
            None => None,
        };
        let description = optional_text(&at("description"), l.description.as_ref(), 500, errors)
            .or_else(|| item.as_ref().map(|it| it.name.clone()));
        if description.is_none() && !errors.has(&at("description")) {
            errors.push(at("description"), Message::new("line-description-required"));
        }
        let hsn_sac = match (optional(l.hsn_sac.as_ref()), &item) {
            (Some(text), it) => {
                let parsed = match it {
                    Some(it) => HsnSac::parse_for(it.kind, &text),
                    None => HsnSac::parse(&text),
                };
                match parsed {
                    Ok(code) => Some(code),
                    Err(e) => {
                        errors.push(at("hsn_sac"), hsn_message(&e));
                        None
                    }
                }
            }
            (None, Some(it)) => Some(it.hsn_sac.clone()),
            (None, None) => {
                errors.push(at("hsn_sac"), Message::new("field-required"));
                None
            }
        };
        let value_only = value_only_allowed && optional(l.quantity.as_ref()).is_none();
        let quantity = match optional(l.quantity.as_ref()) {
            None if value_only => Some(Quantity::ONE),
            None => {
                errors.push(at("quantity"), Message::new("field-required"));
                None
            }
            Some(text) => match Quantity::parse(&text) {
                Ok(q) if q.milli() == 0 => {
                    errors.push(at("quantity"), Message::new("quantity-zero"));
                    None
                }
                Ok(q) if q.milli() > MAX_QUANTITY => {
                    errors.push(at("quantity"), Message::new("amounts-too-large"));
                    None
                }
                Ok(q) => Some(q),
                Err(_) => {
                    errors.push(at("quantity"), Message::new("quantity-invalid"));
                    None
                }
            },
        };
        let unit = match optional(l.unit.as_ref()) {
            Some(text) => match Uqc::parse(&text) {
                Ok(u) => Some(u),
                Err(e) => {
                    errors.push(
                        at("unit"),
                        Message::new("unit-not-uqc").arg("unit", e.0.as_str()),
                    );
                    None
                }
            },
            None => item.as_ref().and_then(|it| it.unit),
        };
        let unit_price = money(&at("unit_price"), l.unit_price.as_ref(), errors)
            .or_else(|| item.as_ref().map(|it| it.price));
        if unit_price.is_none() && !errors.has(&at("unit_price")) {
            errors.push(at("unit_price"), Message::new("field-required"));
        }
        let discount = money(&at("discount"), l.discount.as_ref(), errors).unwrap_or(Paise::ZERO);
        let treatment = l
            .treatment
            .or_else(|| item.as_ref().map(|it| it.treatment))
            .unwrap_or_default();
        let gst_rate = rate(&at("gst_rate"), l.gst_rate.as_ref(), errors)
            .or_else(|| item.as_ref().map(|it| it.gst_rate));
        let gst_rate = match gst_rate {
            None if treatment == Treatment::Taxable => {
                if !errors.has(&at("gst_rate")) {
                    errors.push(at("gst_rate"), Message::new("field-required"));
                }
                None
            }
            None => Some(Rate::ZERO),
            Some(r) if treatment != Treatment::Taxable && !r.is_zero() => {
                errors.push(
                    at("gst_rate"),
                    Message::new("rate-not-taxable").arg("treatment", treatment.as_str()),
                );
                None
            }
            Some(r) if treatment == Treatment::Taxable => match check_gst_rate(date, r) {
                Ok(_) => Some(r),
                Err(e) => {
                    errors.push(at("gst_rate"), rate_message(&e));
                    None
                }
            },
            Some(r) => Some(r),
        };
        let cess_rate = rate(&at("cess_rate"), l.cess_rate.as_ref(), errors)
            .or_else(|| item.as_ref().map(|it| it.cess_rate))
            .unwrap_or(Rate::ZERO);
        if let Err(e) = bahi_gst::rates::check_cess(date, cess_rate, hsn_sac.as_ref()) {
            errors.push(at("cess_rate"), rate_message(&e));
        }
        if let (Some(description), Some(hsn_sac), Some(quantity), Some(unit_price), Some(rate)) =
            (description, hsn_sac, quantity, unit_price, gst_rate)
        {
            if unit.is_none() && !value_only && !hsn_sac.is_service() && !errors.has(&at("unit")) {
                errors.push(at("unit"), Message::new("unit-required-for-goods"));
            }
            out.push(ComposedLine {
                value_only,
                item_id: item.as_ref().map(|it| it.id),
                description,
                hsn_sac,
                unit,
                line: Line {
                    quantity,
                    unit_price,
                    discount,
                    rate,
                    cess_rate,
                    treatment,
                },
            });
        }
    }
    Ok(out)
}
