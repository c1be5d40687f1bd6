//! Payment reminders: a business may have its customers reminded of an unpaid invoice so many
//! days before its due date and so many days after (off by default). The scheduler inside
//! `serve` calls [`send_due`]; each step of each invoice is queued at most once — the outbox's
//! idempotency key is the invoice and the step — so several replicas running it at once, or
//! a run repeated, send nothing twice. A paid invoice is not reminded of.

use bahi_store::identity::orgs::{self, Organisation, Reminders};
use bahi_store::keys::OUTBOX_IDEMPOTENCY_KEY;
use bahi_store::outbox::Kind;
use bahi_store::sales::reminders::{Unpaid, unpaid_due};
use time::{Date, Duration, OffsetDateTime};

use crate::audit::{Entity, Event, record};
use crate::context::AuditActor;
use crate::mail::letters::{ReminderLetter, date, money};
use crate::mail::message::Outgoing;
use crate::mail::queue::enqueue;
use crate::{Admin, AtLeast, Error, FieldErrors, Message, OrgCtx, Services, Viewer};

/// How long after its step an invoice is still reminded of: turning reminders on does not
/// write to every customer about invoices long overdue.
pub const GRACE_DAYS: i64 = 30;

/// When customers are reminded.
pub async fn get<R: AtLeast<Viewer>>(s: &Services, org: &OrgCtx<R>) -> Result<Reminders, Error> {
    let org = orgs::get(&s.db, org.org_id())
        .await?
        .ok_or(Error::NotFound)?;
    Ok(org.reminders())
}

/// Sets when customers are reminded (admins and owners).
pub async fn configure<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    wanted: Reminders,
) -> Result<Reminders, Error> {
    let mut errors = FieldErrors::default();
    if let Some(d) = wanted.days_before
        && !(0..=90).contains(&d)
    {
        errors.push("days_before", Message::new("reminder-days-before-range"));
    }
    if let Some(d) = wanted.days_after
        && !(1..=365).contains(&d)
    {
        errors.push("days_after", Message::new("reminder-days-after-range"));
    }
    if wanted.on && wanted.days_before.is_none() && wanted.days_after.is_none() {
        errors.push("days_before", Message::new("reminder-step-needed"));
    }
    errors.check()?;
    let mut tx = s.db.begin_write().await?;
    orgs::set_reminders(&mut tx, org.org_id(), wanted).await?;
    let steps = |d: Option<i64>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
    let event = Event {
        action: "organisation.reminders",
        entity: Entity("organisation", Some(org.org_id().to_string())),
        summary: format!(
            "{} set payment reminders {} (days before {}, after {})",
            org.user().email,
            if wanted.on { "on" } else { "off" },
            steps(wanted.days_before),
            steps(wanted.days_after)
        ),
        details: vec![
            ("on", wanted.on.to_string()),
            ("before", steps(wanted.days_before)),
            ("after", steps(wanted.days_after)),
        ],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(wanted)
}

/// The business's date at `now`.
fn today_of(org: &Organisation, now: OffsetDateTime) -> Date {
    let (minutes, _) = crate::identity::zones::offset_of(&org.time_zone);
    let offset = time::UtcOffset::from_whole_seconds(minutes * 60).unwrap_or(time::UtcOffset::UTC);
    now.to_offset(offset).date()
}

/// A reminder step: which, and the due dates it covers on `today`.
struct Step {
    name: &'static str,
    from: Date,
    to: Date,
}

fn steps(r: Reminders, today: Date) -> Vec<Step> {
    let mut steps = Vec::new();
    if let Some(before) = r.days_before {
        // Due within `before` days (and not yet due): reminded once, however late the run.
        steps.push(Step {
            name: "before",
            from: today + Duration::days(if before == 0 { 0 } else { 1 }),
            to: today + Duration::days(before),
        });
    }
    if let Some(after) = r.days_after {
        let last = today - Duration::days(after);
        steps.push(Step {
            name: "after",
            from: last - Duration::days(GRACE_DAYS),
            to: last,
        });
    }
    steps
}

/// Queues every reminder due at `now`; how many were queued. Mail off: none.
pub async fn send_due(s: &Services, now: OffsetDateTime) -> Result<usize, Error> {
    if !s.mail_on() {
        return Ok(0);
    }
    let mut queued = 0;
    for org in orgs::reminding(&s.db).await? {
        let today = today_of(&org, now);
        for step in steps(org.reminders(), today) {
            for invoice in unpaid_due(&s.db, org.id, step.from, step.to).await? {
                if remind(s, &org, &invoice, step.name, today).await? {
                    queued += 1;
                }
            }
        }
    }
    if queued > 0 {
        s.outbox_wake.notify_one();
    }
    Ok(queued)
}

/// Queues one reminder with its audit event; false when this step was queued before (here or
/// by another replica just now).
async fn remind(
    s: &Services,
    org: &Organisation,
    invoice: &Unpaid,
    step: &str,
    today: Date,
) -> Result<bool, Error> {
    let key = format!("reminder:{}:{step}", invoice.id);
    let (Some(email), Some(due)) = (&invoice.email, invoice.due_date) else {
        return Ok(false);
    };
    let Ok(to) = email.parse() else {
        tracing::warn!(invoice = %invoice.id, "a customer's address does not parse; no reminder");
        return Ok(false);
    };
    let number = invoice.number.clone().unwrap_or_default();
    let letter = ReminderLetter {
        business: org.legal_name.clone(),
        buyer: invoice.buyer_name.clone(),
        number: number.clone(),
        date: date(invoice.date),
        balance: money(invoice.balance()),
        due: date(due),
        days_late: (today - due).whole_days(),
    }
    .compose()?;
    let outgoing = Outgoing {
        to: vec![to],
        from_name: Some(org.legal_name.clone()),
        reply_to: org.email.as_deref().and_then(|e| e.parse().ok()),
        letter,
        attachment: None,
    };
    let mut tx = s.db.begin_write().await?;
    match enqueue(s, &mut tx, Some(org.id), Kind::Reminder, key, &outgoing).await {
        Ok(Some(_)) => {}
        Ok(None) => return Ok(false),
        // Another replica queued the same step between the check and this insert.
        Err(Error::Duplicate(f)) if f.field == OUTBOX_IDEMPOTENCY_KEY.field => return Ok(false),
        Err(e) => return Err(e),
    }
    let event = Event {
        action: "invoice.reminder",
        entity: Entity("invoice", Some(invoice.id.to_string())),
        summary: format!(
            "a payment reminder ({step} the due date) for {number} was e-mailed to {email}"
        ),
        details: vec![
            ("number", number.clone()),
            ("to", email.clone()),
            ("step", step.to_owned()),
        ],
    };
    let system = AuditActor {
        user_id: None,
        email: None,
        ip: None,
    };
    record(s, &mut tx, &system, Some(org.id), event).await?;
    tx.commit().await?;
    Ok(true)
}
