//! The data migration that opens the books of every business that existed before them and
//! posts every document and payment already recorded (DESIGN.md §6: plan, apply, verify).
//!
//! Idempotent: a document or payment is posted only while it has no journal, and its journals
//! (a void's reversal with them) are written in one transaction, so running it again — or
//! after a crash half-way — posts only what is missing. A void payment is reversed on the day
//! it was voided, a void document on its own date, as the live postings do. A payment's later
//! allocations are posted with it (the advance never shows): the balances are the same.

use bahi_store::identity::{OrgId, orgs};
use bahi_store::ledger::Source;
use bahi_store::ledger::backfill::{self, Unposted};
use bahi_store::masters::parties;
use bahi_store::migrate::{BoxFuture, DataMigration, DataResult};
use bahi_store::payments::{self, PaymentId, PaymentStatus};
use bahi_store::purchases::bills;
use bahi_store::purchases::{BillId, BillStatus};
use bahi_store::sales::documents;
use bahi_store::sales::{DocStatus, DocumentId};
use bahi_store::{Db, WriteTx};

use super::{book, chart, postings};
use crate::Error;

/// How many documents one transaction posts.
const BATCH: i64 = 200;

pub struct PostExisting;

impl DataMigration for PostExisting {
    fn id(&self) -> &'static str {
        "2026-12-books-post-existing"
    }

    fn description(&self) -> &'static str {
        "open the books of every business and post its existing documents and payments"
    }

    fn plan<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, DataResult<u64>> {
        Box::pin(async move {
            let mut n = u64::try_from(backfill::orgs_without_books(db).await?.len())?;
            for what in [Unposted::Sales, Unposted::Bills, Unposted::Payments] {
                n += backfill::count(db, what).await?;
            }
            Ok(n)
        })
    }

    fn apply<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, DataResult<u64>> {
        Box::pin(async move { Ok(apply(db).await?) })
    }

    fn verify<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, DataResult<()>> {
        Box::pin(async move {
            let left = self.plan(db).await?;
            if left > 0 {
                return Err(format!(
                    "{left} documents, payments or businesses are not in the books"
                )
                .into());
            }
            let unbalanced = backfill::unbalanced_journals(db).await?;
            if unbalanced > 0 {
                return Err(format!("{unbalanced} journals do not balance").into());
            }
            let books = backfill::unbalanced_books(db).await?;
            if books > 0 {
                return Err(format!("{books} businesses' trial balances do not balance").into());
            }
            let days = backfill::days_out_of_step(db).await?;
            if days > 0 {
                return Err(format!("{days} account-days differ from their lines").into());
            }
            Ok(())
        })
    }
}

async fn apply(db: &Db) -> Result<u64, Error> {
    let mut done = 0u64;
    for org in backfill::orgs_without_books(db).await? {
        let mut tx = db.begin_write().await?;
        chart::open_books(&mut tx, OrgId(org)).await?;
        tx.commit().await?;
        done += 1;
    }
    for what in [Unposted::Sales, Unposted::Bills, Unposted::Payments] {
        let mut last = None;
        loop {
            let batch = backfill::next(db, what, BATCH).await?;
            if batch.is_empty() {
                break;
            }
            // What was posted leaves the list; the same head twice means it posted nothing.
            if last == batch.first().copied() {
                return Err(Error::Internal(format!(
                    "{what:?}: {:?} did not post",
                    last
                )));
            }
            last = batch.first().copied();
            let mut tx = db.begin_write().await?;
            for &(org, id) in &batch {
                let org = OrgId(org);
                match what {
                    Unposted::Sales => sale(&mut tx, org, DocumentId(id)).await?,
                    Unposted::Bills => bill(&mut tx, org, BillId(id)).await?,
                    Unposted::Payments => payment(&mut tx, org, PaymentId(id)).await?,
                }
            }
            tx.commit().await?;
            done += u64::try_from(batch.len()).unwrap_or(0);
        }
    }
    Ok(done)
}

async fn sale(tx: &mut WriteTx, org: OrgId, id: DocumentId) -> Result<(), Error> {
    let doc = documents::get(&mut *tx, org, id)
        .await?
        .ok_or(Error::NotFound)?;
    let lines = documents::lines(&mut *tx, org, id).await?;
    book::post(tx, org, &postings::sale(&doc, &lines), doc.created_by).await?;
    if doc.status == DocStatus::Void {
        let why = doc.void_reason.clone().unwrap_or_default();
        let source = (Source::SalesDocument, id.0);
        book::reverse(
            tx,
            org,
            source,
            doc.date,
            doc.number.clone(),
            format!("Void: {why}"),
            None,
        )
        .await?;
    }
    Ok(())
}

async fn bill(tx: &mut WriteTx, org: OrgId, id: BillId) -> Result<(), Error> {
    let bill = bills::get(&mut *tx, org, id)
        .await?
        .ok_or(Error::NotFound)?;
    let lines = bills::lines(&mut *tx, org, id).await?;
    book::post(tx, org, &postings::purchase(&bill, &lines), bill.created_by).await?;
    if bill.status == BillStatus::Void {
        let why = bill.void_reason.clone().unwrap_or_default();
        let number = Some(bill.vendor_invoice_number.clone());
        let source = (Source::PurchaseBill, id.0);
        book::reverse(
            tx,
            org,
            source,
            bill.date,
            number,
            format!("Void: {why}"),
            None,
        )
        .await?;
    }
    Ok(())
}

async fn payment(tx: &mut WriteTx, org: OrgId, id: PaymentId) -> Result<(), Error> {
    let p = payments::get(&mut *tx, org, id)
        .await?
        .ok_or(Error::NotFound)?;
    let name = parties::get(&mut *tx, org, p.party_id)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    book::post(tx, org, &postings::payment(&p, &name), p.created_by).await?;
    if p.status == PaymentStatus::Void {
        let zone = orgs::get(&mut *tx, org)
            .await?
            .map(|o| o.time_zone)
            .unwrap_or_default();
        let day = p
            .voided_at
            .map_or(p.date, |at| crate::identity::zones::date_at(&zone, at));
        let why = p.void_reason.clone().unwrap_or_default();
        let source = (Source::Payment, id.0);
        book::reverse(
            tx,
            org,
            source,
            day,
            p.reference.clone(),
            format!("Void: {why}"),
            None,
        )
        .await?;
    }
    Ok(())
}
