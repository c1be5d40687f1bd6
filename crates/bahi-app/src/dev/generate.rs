//! `bahi dev generate`: a busy business in bulk, for benchmarks and for trying the returns on
//! realistic volume. Every document is classified and settled by the engine as an issued one
//! is, numbered consecutively per series and financial year, and written straight to the
//! store in large transactions (a month of 100,000 invoices in seconds, where issuing them one
//! by one would take many minutes), each with the journal the use cases would post for it
//! (`ledger::postings`, written with `journals::post_many`). The generated business never
//! happened, so its documents carry no audit events; only its creation is audited. Refused in
//! production.

use bahi_gst::returns::Itc;
use bahi_gst::settle::Options;
use bahi_gst::supply::Import;
use bahi_gst::supply::{classify_sale, purchase_levy};
use bahi_gst::{
    FinancialYear, Levy, Line, NumberFormat, Paise, Period, Quantity, Registration, Settlement,
    StateCode, SupplyType, Treatment, settle,
};
use bahi_store::identity::orgs::{self, Organisation};
use bahi_store::identity::users::Language;
use bahi_store::identity::{Role, members, now, users};
use bahi_store::ledger::journals::{self as ledger_journals, Journal, JournalLine};
use bahi_store::masters::items::{self, Item};
use bahi_store::masters::parties::{self, Party, PartyKind};
use bahi_store::purchases::bills::{Bill, BillLine};
use bahi_store::purchases::{BillId, BillStatus};
use bahi_store::sales::documents::{SalesDocument, SalesLine};
use bahi_store::sales::{DocKind, DocStatus, DocumentId, counters};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use time::{Date, Duration, OffsetDateTime};

use super::catalogue;
use crate::audit::{Entity, Event, record};
use crate::identity::validate::{self, OrgInput};
use crate::identity::{passwords, tokens};
use crate::sales::invoices::{BILL_OF_SUPPLY_SERIES, INVOICE_SERIES};
use crate::sales::notes::{CREDIT_NOTE_SERIES, DEBIT_NOTE_SERIES};
use crate::secrets::random_secret;
use crate::{Actor, Error, FieldErrors, Message, Operator, Services, Via};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The last month generated; the months before it come first.
    pub last: Period,
    pub months: u32,
    /// Sales documents a month (invoices, bills of supply and about one note in ten).
    pub invoices: u32,
    /// Purchase bills a month.
    pub bills: u32,
    /// The same seed gives the same documents.
    pub seed: u64,
}

/// The generated business and how to reach it.
pub struct Generated {
    pub org: Organisation,
    pub email: String,
    pub password: String,
    /// An API token of the owner, valid for 30 days.
    pub token: String,
    pub documents: u64,
    pub lines: u64,
    pub bills: u64,
}

const CUSTOMERS: u32 = 2_000;
const VENDORS: u32 = 300;
/// Documents written per statement batch and per transaction.
const BATCH: usize = 5_000;

pub async fn generate(s: &Services, operator: &Operator, plan: &Plan) -> Result<Generated, Error> {
    if s.policy.production {
        return Err(Error::Forbidden(Message::new("demo-refused-in-production")));
    }
    let mut errors = FieldErrors::default();
    if !(1..=24).contains(&plan.months) {
        errors.push(
            "months",
            Message::new("field-range").arg("min", 1).arg("max", 24),
        );
    }
    if plan.invoices > 500_000 {
        errors.push(
            "invoices",
            Message::new("field-range")
                .arg("min", 0)
                .arg("max", 500_000),
        );
    }
    if plan.bills > 100_000 {
        errors.push(
            "bills",
            Message::new("field-range")
                .arg("min", 0)
                .arg("max", 100_000),
        );
    }
    errors.check()?;
    let mut errors = FieldErrors::default();
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let tag = random_secret(4).to_ascii_lowercase();
    let email = format!("owner-{tag}@generated.bahi.example");
    let password = random_secret(12);
    let hash = passwords::hash(password.clone()).await?;

    let org_gstin = catalogue::gstin(29, rng.random_range(1..17_000))
        .ok_or_else(|| Error::Internal("the generated GSTIN is invalid".into()))?;
    let fields = validate::org(
        &OrgInput {
            legal_name: format!("Generated Retail {tag} Private Limited"),
            trade_name: Some(format!("Generated Retail {tag}")),
            gstin: Some(org_gstin.to_string()),
            address: Some("1 Brigade Road, Bengaluru 560001".into()),
            ..OrgInput::default()
        },
        "",
        &mut errors,
    )
    .ok_or_else(|| Error::Internal(format!("the generated organisation is invalid: {errors:?}")))?;

    let mut tx = s.db.begin_write().await?;
    let org = orgs::create(&mut tx, &fields).await?;
    crate::ledger::chart::open_books(&mut tx, org.id).await?;
    let user = users::create(
        &mut tx,
        &email,
        "Generated Owner",
        &hash,
        Language::default(),
    )
    .await?;
    members::add(&mut tx, org.id, user.id, Role::Owner).await?;
    let mut customers = Vec::new();
    for n in 0..CUSTOMERS {
        let registration = match n % 100 {
            0..=54 => Registration::Regular,
            55..=94 => Registration::Unregistered,
            95..=97 => Registration::Sez,
            _ => Registration::Overseas,
        };
        let f = catalogue::party(PartyKind::Customer, registration, n, &mut rng);
        customers.push(parties::create(&mut tx, org.id, &f).await?);
    }
    let mut vendors = Vec::new();
    for n in 0..VENDORS {
        let registration = match n % 20 {
            0..=14 => Registration::Regular,
            15 | 16 => Registration::Unregistered,
            17 => Registration::Composition,
            _ => Registration::Overseas,
        };
        let f = catalogue::party(PartyKind::Vendor, registration, n, &mut rng);
        vendors.push(parties::create(&mut tx, org.id, &f).await?);
    }
    let mut products = Vec::new();
    for f in catalogue::items() {
        products.push(items::create(&mut tx, org.id, &f).await?);
    }
    record(
        s,
        &mut tx,
        &operator.into(),
        Some(org.id),
        Event {
            action: "organisation.generate",
            entity: Entity("organisation", Some(org.id.to_string())),
            summary: format!(
                "generated {} months of {} invoices and {} bills",
                plan.months, plan.invoices, plan.bills
            ),
            details: Vec::new(),
        },
    )
    .await?;
    tx.commit().await?;

    let actor = Actor {
        user,
        ip: None,
        via: Via::CommandLine,
    };
    let (_, token) = tokens::create(s, &actor, "bahi dev generate", Some(30)).await?;

    let business = Business {
        org: &org,
        at: now(),
        customers: &customers,
        vendors: &vendors,
        products: &products,
    };
    let mut done = Generated {
        org: org.clone(),
        email,
        password,
        token,
        documents: 0,
        lines: 0,
        bills: 0,
    };
    let mut period = plan.last;
    for _ in 1..plan.months {
        period = period.previous();
    }
    for _ in 0..plan.months {
        let (documents, lines) = business
            .write_sales(s, period, plan.invoices, &mut rng)
            .await?;
        done.documents += documents;
        done.lines += lines;
        done.bills += business
            .write_bills(s, period, plan.bills, &mut rng)
            .await?;
        period = period.next();
    }
    Ok(done)
}

/// The generated organisation and its masters.
struct Business<'a> {
    org: &'a Organisation,
    /// When the documents are written (their issue and creation time).
    at: OffsetDateTime,
    customers: &'a [Party],
    vendors: &'a [Party],
    products: &'a [Item],
}

/// One series' numbering within a month's documents.
struct Counter {
    series: &'static str,
    format: NumberFormat,
    year: FinancialYear,
    next: i64,
}

impl Counter {
    async fn open(
        s: &Services,
        org: &Organisation,
        series: &'static str,
        year: FinancialYear,
    ) -> Result<Self, Error> {
        let format = NumberFormat::new(series, crate::sales::numbering::WIDTH)
            .map_err(|e| Error::Internal(e.to_string()))?;
        let last = counters::last(&s.db, org.id, series, year.start_year()).await?;
        Ok(Self {
            series,
            format,
            year,
            next: last + 1,
        })
    }

    fn take(&mut self) -> Result<String, Error> {
        let n = self
            .format
            .format(self.year, u64::try_from(self.next).unwrap_or(u64::MAX));
        self.next += 1;
        n.map(|n| n.as_str().to_owned()).map_err(|e| {
            Error::Conflict(Message::new("series-invalid").arg("reason", e.to_string()))
        })
    }
}

fn day_of(period: Period, n: usize, count: usize) -> Date {
    let first = period.first_day();
    let days = i64::from(time::util::days_in_month(first.month(), first.year()));
    let offset = i64::try_from(n).unwrap_or(0) * days / i64::try_from(count.max(1)).unwrap_or(1);
    first + Duration::days(offset.min(days - 1))
}

fn levy_of(doc: &SalesDocument) -> Levy {
    if doc.supply_type.is_zero_rated() && !doc.with_payment {
        Levy::ZeroRatedWithoutPayment
    } else if doc.inter_state {
        Levy::InterState
    } else {
        Levy::IntraState {
            utgst: doc.place_of_supply.levies_utgst(),
        }
    }
}

fn engine_line(item: &Item, quantity: i64) -> Line {
    Line {
        quantity: Quantity::from_milli(quantity * 1000),
        unit_price: item.price,
        discount: Paise::ZERO,
        rate: if item.treatment == Treatment::Taxable {
            item.gst_rate
        } else {
            bahi_gst::Rate::ZERO
        },
        cess_rate: bahi_gst::Rate::ZERO,
        treatment: item.treatment,
    }
}

fn settled(lines: &[Line], levy: Levy, reverse_charge: bool) -> Result<Settlement, Error> {
    settle(
        lines,
        &Options {
            levy,
            round_off: true,
            reverse_charge,
        },
    )
    .map_err(|e| Error::Internal(e.to_string()))
}

impl Business<'_> {
    /// A party of `want` registration; `in_state` asks for one in (or out of) the business's
    /// own state. The catalogue has every registration in and out of the state.
    fn pick<'p>(
        &self,
        rng: &mut StdRng,
        from: &'p [Party],
        want: Registration,
        in_state: Option<bool>,
    ) -> &'p Party {
        loop {
            let p = &from[rng.random_range(0..from.len())];
            let here = p.state_code == Some(self.org.state_code);
            if p.registration == want && in_state.is_none_or(|wanted| wanted == here) {
                return p;
            }
        }
    }

    /// The lines of a sale: one to five goods and services (bills of supply: only untaxed
    /// ones; a large B2C sale: one costly good in quantity).
    fn sale_lines(&self, rng: &mut StdRng, kind: Kind) -> Vec<(&Item, i64)> {
        let untaxed: Vec<&Item> = self
            .products
            .iter()
            .filter(|i| i.treatment != Treatment::Taxable)
            .collect();
        let taxed: Vec<&Item> = self
            .products
            .iter()
            .filter(|i| i.treatment == Treatment::Taxable)
            .collect();
        match kind {
            Kind::BillOfSupply => (0..rng.random_range(1..=3))
                .map(|_| {
                    (
                        untaxed[rng.random_range(0..untaxed.len())],
                        rng.random_range(1..=20),
                    )
                })
                .collect(),
            Kind::LargeB2c => {
                let costly: Vec<&Item> = taxed
                    .iter()
                    .copied()
                    .filter(|i| i.price.get() >= 1_800_000)
                    .collect();
                vec![(
                    costly[rng.random_range(0..costly.len())],
                    rng.random_range(4..=8),
                )]
            }
            _ => {
                let count = [1, 2, 2, 3, 3, 3, 4, 4, 5][rng.random_range(0..9)];
                (0..count)
                    .map(|_| {
                        let pool = if rng.random_bool(0.08) {
                            &untaxed
                        } else {
                            &taxed
                        };
                        (
                            pool[rng.random_range(0..pool.len())],
                            rng.random_range(1..=12),
                        )
                    })
                    .collect()
            }
        }
    }

    fn document(
        &self,
        customer: &Party,
        class_of: (SupplyType, Levy, StateCode),
        kind: DocKind,
        (series, number): (&str, String),
        date: Date,
        lines: &[(&Item, i64)],
    ) -> Result<(SalesDocument, Vec<SalesLine>), Error> {
        let at = self.at;
        let (supply_type, levy, place_of_supply) = class_of;
        let engine: Vec<Line> = lines.iter().map(|(i, q)| engine_line(i, *q)).collect();
        let settlement = settled(&engine, levy, false)?;
        let id = DocumentId::new();
        let t = &settlement.totals;
        let zero_rated = supply_type.is_zero_rated();
        let doc = SalesDocument {
            id,
            org_id: self.org.id,
            kind,
            status: DocStatus::Issued,
            series: series.to_owned(),
            number: Some(number),
            financial_year: Some(i64::from(FinancialYear::of(date).start_year())),
            date,
            due_date: Some(date + Duration::days(30)),
            customer_id: customer.id,
            buyer_name: customer.name.clone(),
            buyer_registration: customer.registration,
            buyer_gstin: customer.gstin.clone(),
            buyer_state_code: customer.state_code,
            buyer_address: customer.billing_line1.clone(),
            buyer_country: customer.country.clone(),
            place_of_supply,
            supply_type,
            inter_state: levy.is_inter_state(),
            with_payment: zero_rated && levy == Levy::InterState,
            deemed_export: false,
            reverse_charge: false,
            shipping_bill_no: (supply_type == SupplyType::Export)
                .then(|| format!("{}", 4_000_000 + u32::from(date.ordinal()))),
            shipping_bill_date: (supply_type == SupplyType::Export).then_some(date),
            port_code: (supply_type == SupplyType::Export).then(|| "INBLR4".to_owned()),
            original_id: None,
            reason: None,
            notes: None,
            taxable_value: t.taxable_value,
            cgst: t.cgst,
            sgst: t.sgst,
            igst: t.igst,
            cess: t.cess,
            round_off: t.round_off,
            total: t.total,
            amount_paid: Paise::ZERO,
            amount_credited: Paise::ZERO,
            void_reason: None,
            created_by: None,
            issued_at: Some(at),
            voided_at: None,
            created_at: at,
            updated_at: at,
            seller_composition: false,
            seller_name: Some(self.org.legal_name.clone()),
            seller_trade_name: self.org.trade_name.clone(),
            seller_gstin: self.org.gstin.clone(),
            seller_address: self.org.address.clone(),
            seller_state_code: Some(self.org.state_code),
        };
        let stored = lines
            .iter()
            .zip(&engine)
            .zip(&settlement.lines)
            .enumerate()
            .map(|(p, (((item, _), l), st))| SalesLine {
                document_id: id,
                position: i64::try_from(p).unwrap_or(0),
                org_id: self.org.id,
                item_id: Some(item.id),
                description: item.name.clone(),
                hsn_sac: item.hsn_sac.clone(),
                quantity: l.quantity,
                unit: item.unit.map(|u| u.as_str().to_owned()),
                unit_price: l.unit_price,
                discount: l.discount,
                gst_rate: l.rate,
                cess_rate: l.cess_rate,
                treatment: l.treatment,
                taxable_value: st.taxable_value,
                cgst: st.cgst,
                sgst: st.sgst,
                igst: st.igst,
                cess: st.cess,
                total: st.total,
            })
            .collect();
        Ok((doc, stored))
    }

    /// A month of sales: invoices to every kind of buyer, bills of supply, credit and debit
    /// notes against the month's invoices, a few voided invoices.
    async fn write_sales(
        &self,
        s: &Services,
        period: Period,
        count: u32,
        rng: &mut StdRng,
    ) -> Result<(u64, u64), Error> {
        let year = FinancialYear::of(period.first_day());
        let mut invoices = Counter::open(s, self.org, INVOICE_SERIES, year).await?;
        let mut supplies = Counter::open(s, self.org, BILL_OF_SUPPLY_SERIES, year).await?;
        let mut credits = Counter::open(s, self.org, CREDIT_NOTE_SERIES, year).await?;
        let mut debits = Counter::open(s, self.org, DEBIT_NOTE_SERIES, year).await?;
        let count = usize::try_from(count).unwrap_or(0);
        let mut docs: Vec<SalesDocument> = Vec::with_capacity(count);
        let mut lines: Vec<SalesLine> = Vec::with_capacity(count * 3);
        // Where each invoice's lines start in `lines`, for notes.
        let mut invoice_at: Vec<(usize, usize)> = Vec::new();
        for n in 0..count {
            let date = day_of(period, n, count);
            let kind = Kind::draw(rng);
            if matches!(kind, Kind::CreditNote | Kind::DebitNote) && !invoice_at.is_empty() {
                let (d, first_line) = invoice_at[rng.random_range(0..invoice_at.len())];
                let original = docs[d].clone();
                let line = lines[first_line].clone();
                let item = self.products.iter().find(|i| Some(i.id) == line.item_id);
                let Some(item) = item else { continue };
                let customer = self.customers.iter().find(|c| c.id == original.customer_id);
                let Some(customer) = customer else { continue };
                let (note_kind, counter) = if kind == Kind::CreditNote {
                    (DocKind::CreditNote, &mut credits)
                } else {
                    (DocKind::DebitNote, &mut debits)
                };
                let class = (
                    original.supply_type,
                    levy_of(&original),
                    original.place_of_supply,
                );
                let (mut note, note_lines) = self.document(
                    customer,
                    class,
                    note_kind,
                    (counter.series, String::new()),
                    date,
                    &[(item, 1)],
                )?;
                let remaining = original.total.get() - original.amount_credited.get();
                if note_kind == DocKind::CreditNote && note.total.get() > remaining {
                    continue;
                }
                // Numbered only once kept, so the series has no gaps.
                note.number = Some(counter.take()?);
                note.original_id = Some(original.id);
                note.with_payment = original.with_payment;
                note.inter_state = original.inter_state;
                note.reason = Some(if note_kind == DocKind::CreditNote {
                    "Goods returned".to_owned()
                } else {
                    "Price revised upwards".to_owned()
                });
                if note_kind == DocKind::CreditNote {
                    docs[d].amount_credited =
                        Paise::new(docs[d].amount_credited.get() + note.total.get());
                }
                docs.push(note);
                lines.extend(note_lines);
                continue;
            }
            // Walk-in sales are mostly made at the counter, in the business's own state.
            let (want, in_state) = match kind {
                Kind::B2b | Kind::BillOfSupply | Kind::CreditNote | Kind::DebitNote => {
                    (Registration::Regular, None)
                }
                Kind::B2c => (
                    Registration::Unregistered,
                    rng.random_bool(0.9).then_some(true),
                ),
                Kind::LargeB2c => (Registration::Unregistered, Some(false)),
                Kind::Sez => (Registration::Sez, None),
                Kind::Export => (Registration::Overseas, None),
            };
            let customer = self.pick(rng, self.customers, want, in_state);
            let pos = customer
                .registration
                .default_place_of_supply(customer.gstin.as_ref(), customer.state_code)
                .unwrap_or(self.org.state_code);
            let with_payment = kind.zero_rated() && rng.random_bool(0.5);
            let class = classify_sale(
                self.org.state_code,
                customer.registration,
                pos,
                with_payment,
            )
            .map_err(|e| Error::Internal(e.to_string()))?;
            let sale = self.sale_lines(rng, kind);
            let all_untaxed = sale.iter().all(|(i, _)| i.treatment != Treatment::Taxable);
            let (doc_kind, counter) = if all_untaxed {
                (DocKind::BillOfSupply, &mut supplies)
            } else {
                (DocKind::Invoice, &mut invoices)
            };
            let number = counter.take()?;
            let (mut doc, doc_lines) = self.document(
                customer,
                (class.supply_type, class.levy, pos),
                doc_kind,
                (counter.series, number),
                date,
                &sale,
            )?;
            // One in two hundred is cancelled after issue; a few B2B sales are deemed exports.
            if rng.random_ratio(1, 200) {
                doc.status = DocStatus::Void;
                doc.void_reason = Some("Cancelled at the customer's request".into());
                doc.voided_at = Some(self.at);
            } else if doc.supply_type == SupplyType::B2b && doc_kind == DocKind::Invoice {
                doc.deemed_export = rng.random_ratio(1, 100);
                invoice_at.push((docs.len(), lines.len()));
            } else if doc_kind == DocKind::Invoice {
                invoice_at.push((docs.len(), lines.len()));
            }
            docs.push(doc);
            lines.extend(doc_lines);
        }
        let line_count = lines.len();
        let doc_count = docs.len();
        self.insert_sales(s, docs, lines).await?;
        for c in [&invoices, &supplies, &credits, &debits] {
            let mut tx = s.db.begin_write().await?;
            counters::raise_to(
                &mut tx,
                self.org.id,
                c.series,
                c.year.start_year(),
                c.next - 1,
            )
            .await?;
            tx.commit().await?;
        }
        Ok((doc_count as u64, line_count as u64))
    }

    async fn insert_sales(
        &self,
        s: &Services,
        docs: Vec<SalesDocument>,
        lines: Vec<SalesLine>,
    ) -> Result<(), Error> {
        let mut lines = lines.into_iter().peekable();
        for chunk in docs.chunks(BATCH) {
            let mut batch = Vec::new();
            // Lines follow their documents in order; take this chunk's.
            let ids: std::collections::HashSet<DocumentId> = chunk.iter().map(|d| d.id).collect();
            while let Some(l) = lines.next_if(|l| ids.contains(&l.document_id)) {
                batch.push(l);
            }
            let (journals, journal_lines) = postings_of(self.org.id, chunk, &batch, |d, l| {
                crate::ledger::postings::sale(d, l)
            })?;
            let mut tx = s.db.begin_write().await?;
            SalesDocument::insert_all(chunk, &mut tx).await?;
            SalesLine::insert_all(&batch, &mut tx).await?;
            ledger_journals::post_many(&mut tx, &journals, &journal_lines).await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// A month of purchase bills: from regular vendors in and out of the state (a few with
    /// blocked credit), freight under reverse charge, unregistered and composition vendors,
    /// imports of goods and services.
    async fn write_bills(
        &self,
        s: &Services,
        period: Period,
        count: u32,
        rng: &mut StdRng,
    ) -> Result<u64, Error> {
        let at = now();
        let count = usize::try_from(count).unwrap_or(0);
        let mut bills = Vec::with_capacity(count);
        let mut bill_lines = Vec::with_capacity(count * 2);
        let goods: Vec<&Item> = self
            .products
            .iter()
            .filter(|i| !i.hsn_sac.is_service())
            .collect();
        let freight = self
            .products
            .iter()
            .find(|i| i.hsn_sac.as_str() == "996511");
        let software = self
            .products
            .iter()
            .find(|i| i.hsn_sac.as_str() == "997331");
        for n in 0..count {
            let date = day_of(period, n, count);
            let vendor = &self.vendors[rng.random_range(0..self.vendors.len())];
            let (import, reverse_charge, lines): (Option<Import>, bool, Vec<(&Item, i64)>) =
                match vendor.registration {
                    Registration::Overseas if rng.random_bool(0.5) => (
                        Some(Import::Services),
                        true,
                        software.map(|i| vec![(i, 3)]).unwrap_or_default(),
                    ),
                    Registration::Overseas => (
                        Some(Import::Goods),
                        false,
                        vec![(
                            goods[rng.random_range(0..goods.len())],
                            rng.random_range(10..=50),
                        )],
                    ),
                    Registration::Unregistered => (
                        None,
                        true,
                        freight.map(|i| vec![(i, 1)]).unwrap_or_default(),
                    ),
                    _ if rng.random_ratio(1, 20) => (
                        None,
                        true,
                        freight.map(|i| vec![(i, 2)]).unwrap_or_default(),
                    ),
                    _ => (
                        None,
                        false,
                        (0..rng.random_range(1..=3))
                            .map(|_| {
                                (
                                    goods[rng.random_range(0..goods.len())],
                                    rng.random_range(5..=40),
                                )
                            })
                            .collect(),
                    ),
                };
            if lines.is_empty() {
                continue;
            }
            let untaxed_vendor = matches!(
                vendor.registration,
                Registration::Composition | Registration::Unregistered
            ) && !reverse_charge;
            let mut engine: Vec<Line> = lines.iter().map(|(i, q)| engine_line(i, *q)).collect();
            if untaxed_vendor {
                for l in &mut engine {
                    l.rate = bahi_gst::Rate::ZERO;
                }
            }
            let vendor_state = vendor.state_code;
            let levy = purchase_levy(vendor_state, self.org.state_code, import);
            let settlement = settled(&engine, levy, reverse_charge || import.is_some())?;
            let id = BillId::new();
            let t = &settlement.totals;
            let blocked = rng.random_ratio(1, 25);
            let void = rng.random_ratio(1, 200);
            bills.push(Bill {
                id,
                org_id: self.org.id,
                status: if void {
                    BillStatus::Void
                } else {
                    BillStatus::Recorded
                },
                vendor_id: vendor.id,
                vendor_name: vendor.name.clone(),
                vendor_registration: vendor.registration,
                vendor_gstin: vendor.gstin.clone(),
                vendor_state_code: vendor_state,
                vendor_invoice_number: format!("V{}/{}", period.gstn(), n + 1),
                financial_year: i64::from(FinancialYear::of(date).start_year()),
                date,
                due_date: Some(date + Duration::days(15)),
                place_of_supply: self.org.state_code,
                inter_state: levy.is_inter_state(),
                reverse_charge,
                import_kind: import,
                bill_of_entry_number: (import == Some(Import::Goods))
                    .then(|| format!("{}", 7_000_000 + n)),
                bill_of_entry_date: (import == Some(Import::Goods)).then_some(date),
                bill_of_entry_port: (import == Some(Import::Goods)).then(|| "INMAA1".to_owned()),
                notes: None,
                taxable_value: t.taxable_value,
                cgst: t.cgst,
                sgst: t.sgst,
                igst: t.igst,
                cess: t.cess,
                round_off: t.round_off,
                total: t.total,
                amount_paid: Paise::ZERO,
                void_reason: void.then(|| "Entered twice".to_owned()),
                created_by: None,
                voided_at: void.then_some(at),
                created_at: at,
                updated_at: at,
                self_invoice_number: None,
            });
            for (p, (((item, _), l), st)) in
                lines.iter().zip(&engine).zip(&settlement.lines).enumerate()
            {
                bill_lines.push(BillLine {
                    bill_id: id,
                    position: i64::try_from(p).unwrap_or(0),
                    org_id: self.org.id,
                    item_id: Some(item.id),
                    description: item.name.clone(),
                    hsn_sac: Some(item.hsn_sac.as_str().to_owned()),
                    quantity: l.quantity,
                    unit: item.unit.map(|u| u.as_str().to_owned()),
                    unit_price: l.unit_price,
                    discount: l.discount,
                    gst_rate: l.rate,
                    cess_rate: l.cess_rate,
                    treatment: l.treatment,
                    itc: if blocked {
                        Itc::Ineligible
                    } else {
                        Itc::Eligible
                    },
                    taxable_value: st.taxable_value,
                    cgst: st.cgst,
                    sgst: st.sgst,
                    igst: st.igst,
                    cess: st.cess,
                    total: st.total,
                });
            }
        }
        let written = bills.len() as u64;
        let mut lines = bill_lines.into_iter().peekable();
        for chunk in bills.chunks(BATCH) {
            let ids: std::collections::HashSet<BillId> = chunk.iter().map(|b| b.id).collect();
            let mut batch = Vec::new();
            while let Some(l) = lines.next_if(|l| ids.contains(&l.bill_id)) {
                batch.push(l);
            }
            let (journals, journal_lines) = postings_of(self.org.id, chunk, &batch, |b, l| {
                crate::ledger::postings::purchase(b, l)
            })?;
            let mut tx = s.db.begin_write().await?;
            Bill::insert_all(chunk, &mut tx).await?;
            BillLine::insert_all(&batch, &mut tx).await?;
            ledger_journals::post_many(&mut tx, &journals, &journal_lines).await?;
            tx.commit().await?;
        }
        Ok(written)
    }
}

/// Something with lines that posts a journal (a sales document, a bill).
trait Posted {
    type Line;
    fn id(&self) -> uuid::Uuid;
    fn line_of(line: &Self::Line) -> uuid::Uuid;
}

impl Posted for SalesDocument {
    type Line = SalesLine;
    fn id(&self) -> uuid::Uuid {
        self.id.0
    }
    fn line_of(line: &SalesLine) -> uuid::Uuid {
        line.document_id.0
    }
}

impl Posted for Bill {
    type Line = BillLine;
    fn id(&self) -> uuid::Uuid {
        self.id.0
    }
    fn line_of(line: &BillLine) -> uuid::Uuid {
        line.bill_id.0
    }
}

/// The journals of a batch of documents, posted as the use cases post them.
fn postings_of<D: Posted>(
    org: bahi_store::identity::OrgId,
    docs: &[D],
    lines: &[D::Line],
    posting: impl Fn(&D, &[D::Line]) -> crate::ledger::postings::Posting,
) -> Result<(Vec<Journal>, Vec<JournalLine>), Error>
where
    D::Line: Clone,
{
    let mut by_doc: std::collections::HashMap<uuid::Uuid, Vec<D::Line>> = Default::default();
    for l in lines {
        by_doc.entry(D::line_of(l)).or_default().push(l.clone());
    }
    let mut journals = Vec::with_capacity(docs.len());
    let mut journal_lines = Vec::with_capacity(docs.len() * 5);
    for d in docs {
        let own = by_doc.remove(&d.id()).unwrap_or_default();
        if let Some((j, l)) = crate::ledger::book::journal_of(org, &posting(d, &own), None)? {
            journals.push(j);
            journal_lines.extend(l);
        }
    }
    Ok((journals, journal_lines))
}

/// What a generated sales document is, drawn with a business's usual mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    B2b,
    B2c,
    LargeB2c,
    Export,
    Sez,
    BillOfSupply,
    CreditNote,
    DebitNote,
}

impl Kind {
    fn draw(rng: &mut StdRng) -> Self {
        match rng.random_range(0..1000) {
            0..=419 => Self::B2b,
            420..=799 => Self::B2c,
            800..=829 => Self::LargeB2c,
            830..=859 => Self::Export,
            860..=879 => Self::Sez,
            880..=909 => Self::BillOfSupply,
            910..=979 => Self::CreditNote,
            _ => Self::DebitNote,
        }
    }

    fn zero_rated(self) -> bool {
        matches!(self, Self::Export | Self::Sez)
    }
}
