//! Three months of the demo business's work for `bahi seed --demo`: invoices to customers of
//! every registration (most paid, some in part, some overdue), two drafts, a credit note,
//! vendors' bills (one under reverse charge) and their payments — all through the same use
//! cases as the pages, so every document is numbered, settled and audited as a real one.

use bahi_gst::{Paise, Registration, SupplyKind};
use bahi_store::masters::items::ItemQuery;
use bahi_store::masters::parties::PartyQuery;
use bahi_store::payments::{Direction, Mode, Target};
use bahi_store::sales::DocKind;
use time::{Date, Duration};

use crate::payments::{self, AllocationInput, PaymentInput};
use crate::purchases::bills::{self, BillInput};
use crate::sales::LineInput;
use crate::sales::invoices::{self, InvoiceInput};
use crate::sales::notes::{self, NoteInput};
use crate::{Error, OrgCtx, Owner, Services};

fn line(item: bahi_store::masters::ItemId, quantity: u32) -> LineInput {
    LineInput {
        item_id: Some(item),
        quantity: Some(quantity.to_string()),
        ..LineInput::default()
    }
}

pub(super) async fn seed(s: &Services, org: &OrgCtx<Owner>, today: Date) -> Result<(), Error> {
    let parties = crate::masters::parties::list(
        s,
        org,
        &PartyQuery {
            limit: 200,
            ..PartyQuery::default()
        },
    )
    .await?;
    let customers: Vec<_> = parties.iter().filter(|p| p.kind.is_customer()).collect();
    let vendors: Vec<_> = parties
        .iter()
        .filter(|p| p.kind.is_vendor() && p.registration == Registration::Regular)
        .collect();
    let items = crate::masters::items::list(
        s,
        org,
        &ItemQuery {
            limit: 200,
            ..ItemQuery::default()
        },
    )
    .await?;
    let goods: Vec<_> = items
        .iter()
        .filter(|i| i.kind == SupplyKind::Goods)
        .collect();
    let services: Vec<_> = items
        .iter()
        .filter(|i| i.kind == SupplyKind::Services)
        .collect();
    if customers.is_empty() || goods.is_empty() || services.is_empty() {
        return Err(Error::Internal("the demo has no customers or items".into()));
    }

    // An invoice every third day for three months, the oldest first.
    let mut issued = Vec::new();
    for (n, days_ago) in (0..90).rev().step_by(3).enumerate() {
        let date = today - Duration::days(days_ago);
        let customer = customers[n % customers.len()];
        let mut lines = vec![line(goods[n % goods.len()].id, 1 + (n % 4) as u32)];
        if n % 2 == 0 {
            lines.push(line(services[n % services.len()].id, 1));
        }
        let input = InvoiceInput {
            customer_id: customer.id,
            date: Some(date),
            due_date: Some(date + Duration::days(30)),
            series: None,
            place_of_supply: None,
            export: None,
            deemed_export: false,
            lines,
            notes: None,
        };
        let invoice = invoices::create(s, org, &input, n % 15 != 14).await?;
        if invoice.doc.number.is_some() {
            issued.push(invoice);
        }
    }

    // Most are paid in full a week later, every fifth in part; the newest are still open.
    for (n, invoice) in issued.iter().enumerate() {
        let d = &invoice.doc;
        let paid_on = d.date + Duration::days(7);
        if paid_on > today || d.kind == DocKind::BillOfSupply && n % 2 == 0 {
            continue;
        }
        let amount = if n % 5 == 4 {
            Paise::new(d.total.get() / 2)
        } else {
            d.total
        };
        if amount.get() <= 0 || n % 7 == 6 {
            continue;
        }
        payments::create(
            s,
            org,
            &PaymentInput {
                direction: Direction::Received,
                party_id: d.customer_id,
                date: Some(paid_on),
                amount: amount.to_string(),
                mode: [Mode::Upi, Mode::BankTransfer, Mode::Cheque, Mode::Cash][n % 4],
                account_id: None,
                reference: Some(format!("DEMO/{:04}", n + 1)),
                notes: None,
                allocations: vec![AllocationInput {
                    target: Target::Invoice(d.id),
                    amount: amount.to_string(),
                }],
            },
        )
        .await?;
    }

    // One returned good, credited.
    if let Some(open) = issued
        .iter()
        .rev()
        .find(|i| i.doc.balance_due().get() > 0 && i.doc.kind == DocKind::Invoice)
        && let Some(first) = open.lines.first()
        && first.quantity.milli() >= 1000
    {
        notes::create(
            s,
            org,
            &NoteInput {
                kind: DocKind::CreditNote,
                invoice_id: open.doc.id,
                date: Some(today.max(open.doc.date)),
                reason: "One piece returned damaged".into(),
                lines: vec![LineInput {
                    item_id: first.item_id,
                    description: Some(first.description.clone()),
                    hsn_sac: Some(first.hsn_sac.as_str().to_owned()),
                    quantity: Some("1".into()),
                    unit_price: Some(first.unit_price.to_string()),
                    gst_rate: Some(first.gst_rate.to_string()),
                    ..LineInput::default()
                }],
            },
        )
        .await?;
    }

    // A vendor's bill every fortnight; freight under reverse charge; paid after ten days.
    let freight = services.iter().find(|i| i.name.starts_with("Freight"));
    for (n, days_ago) in (0..90).rev().step_by(14).enumerate() {
        let Some(vendor) = vendors.get(n % vendors.len().max(1)) else {
            break;
        };
        let date = today - Duration::days(days_ago);
        let reverse_charge = n % 3 == 2 && freight.is_some();
        let item = if reverse_charge {
            freight.map_or(goods[0].id, |f| f.id)
        } else {
            goods[n % goods.len()].id
        };
        let bill = bills::create(
            s,
            org,
            &BillInput {
                vendor_id: vendor.id,
                vendor_invoice_number: format!("V{}/{:03}", 26 + n / 10, n + 101),
                date: Some(date),
                due_date: Some(date + Duration::days(15)),
                place_of_supply: None,
                reverse_charge,
                import: None,
                bill_of_entry: None,
                lines: vec![line(item, 2 + (n % 3) as u32)],
                itc: vec![None],
                notes: None,
            },
        )
        .await?;
        let paid_on = date + Duration::days(10);
        if paid_on <= today {
            let amount = bill.bill.total.to_string();
            payments::create(
                s,
                org,
                &PaymentInput {
                    direction: Direction::Made,
                    party_id: vendor.id,
                    date: Some(paid_on),
                    amount: amount.clone(),
                    mode: Mode::BankTransfer,
                    account_id: None,
                    reference: Some(format!("NEFT/{:06}", 300_100 + n)),
                    notes: None,
                    allocations: vec![AllocationInput {
                        target: Target::Bill(bill.bill.id),
                        amount,
                    }],
                },
            )
            .await?;
        }
    }
    Ok(())
}
