//! The payments pages: the list (received or made), and recording a payment — from an invoice
//! (its balance offered, allocated to it) or on its own against a party (kept as an advance).

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::masters::parties as party_cases;
use bahi_app::payments::{self, AllocationInput, PaymentInput};
use bahi_app::sales::invoices;
use bahi_app::{Accountant, AtLeast, Error, FieldErrors, Message, OrgCtx, Viewer};
use bahi_store::ledger::AccountId;
use bahi_store::masters::PartyId;
use bahi_store::masters::parties::PartyQuery;
use bahi_store::payments::{Direction, Mode, PaymentId, PaymentQuery, PaymentStatus, Target};
use bahi_store::sales::DocumentId;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::confirm::{Confirm, ReasonForm};
use super::format;
use super::items::typed_amount;
use super::notices;
use super::respond::{render, see_other};
use crate::api::values::{self, date_text};
use crate::http::extract::{Paging, Path, Query};
use crate::http::paths::PaymentPath;
use crate::http::{HttpError, Member};
use crate::i18n::Lang;
use crate::state::AppState;

pub struct PaymentRow {
    pub href: String,
    pub date: String,
    pub party: String,
    pub party_href: String,
    pub direction: String,
    pub mode: String,
    pub reference: String,
    pub amount: String,
    pub unallocated: String,
    pub void: bool,
}

#[derive(Template)]
#[template(path = "payments.html")]
struct ListPage {
    chrome: Chrome,
    org_id: String,
    rows: Vec<PaymentRow>,
    can_edit: bool,
    direction: String,
    next: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListFilter {
    #[serde(default)]
    direction: String,
}

fn words(lang: Lang, id: &str) -> String {
    crate::i18n::text(lang, id, &[])
}

pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    paging: Paging,
    Query(filter): Query<ListFilter>,
) -> Result<Response, HttpError> {
    let lang = frame.lang;
    let s = &app.services;
    let direction = Direction::parse(&filter.direction);
    let before = paging.before_date().ok().flatten();
    let query = PaymentQuery {
        direction,
        before,
        limit: paging.fetch(),
        ..PaymentQuery::default()
    };
    let rows = payments::list(s, &member, &query).await?;
    let mut names: HashMap<PartyId, String> = HashMap::new();
    for p in &rows {
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(p.party_id) {
            let name = party_cases::get(s, &member, p.party_id)
                .await
                .map(|party| party.name)
                .unwrap_or_default();
            slot.insert(name);
        }
    }
    let org_id = member.org_id().to_string();
    let page = paging.page(
        rows,
        |p| crate::http::extract::date_position(p.date, p.id),
        |p| PaymentRow {
            href: format!("/orgs/{org_id}/payments/{}", p.id),
            date: format::date(lang, p.date),
            party: names.get(&p.party_id).cloned().unwrap_or_default(),
            party_href: format!("/orgs/{org_id}/parties/{}/statement", p.party_id),
            direction: words(lang, &format!("payment-{}", p.direction.as_str())),
            mode: words(lang, &format!("mode-{}", p.mode.as_str().replace('_', "-"))),
            reference: p.reference.clone().unwrap_or_default(),
            amount: p.amount.to_inr(),
            unallocated: p.unallocated().to_inr(),
            void: p.status == PaymentStatus::Void,
        },
    );
    let view = ListPage {
        chrome: Chrome::for_org(&app, &frame, &member, "payments").await?,
        can_edit: member.as_role::<Accountant>().is_some(),
        next: page.next_cursor.map(|c| {
            format!(
                "/orgs/{org_id}/payments?direction={}&cursor={c}",
                filter.direction
            )
        }),
        rows: page.items,
        org_id,
        direction: direction.map(|d| d.as_str().to_owned()).unwrap_or_default(),
    };
    Ok(render(StatusCode::OK, &view))
}

/// The payment form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PaymentForm {
    #[serde(default)]
    invoice_id: String,
    #[serde(default)]
    bill_id: String,
    #[serde(default)]
    party_id: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    account_id: String,
    #[serde(default)]
    reference: String,
}

/// What the form is for: an invoice's or a bill's balance (the document, its number, what is
/// due, where to go back to), or a party's advance.
struct Context {
    invoice: Option<(Target, String, bahi_gst::Paise, String)>,
}

#[derive(Template)]
#[template(path = "payment_form.html")]
struct FormPage {
    chrome: Chrome,
    org_id: String,
    form: PaymentForm,
    /// What the form pays: "Invoice INV/26-27/0001, ₹787.00 due".
    lead: Option<String>,
    from_invoice: bool,
    direction_fixed: &'static str,
    parties: Vec<(String, String)>,
    modes: Vec<(String, String)>,
    /// The business's cash and bank accounts, offered only when it has added its own (with the
    /// default chart's alone the mode decides and the form does not ask).
    accounts: Vec<(String, String)>,
    directions: Vec<(String, String)>,
    errors: FormErrors,
    back: String,
}

impl FormPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.full(field)
    }
}

async fn context<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    form: &mut PaymentForm,
) -> Result<Context, HttpError> {
    let org = member.org_id();
    if let Ok(id) = form.invoice_id.parse::<DocumentId>() {
        let invoice = invoices::get(&app.services, member, id).await?;
        form.party_id = invoice.doc.customer_id.to_string();
        form.direction = Direction::Received.as_str().to_owned();
        return Ok(Context {
            invoice: Some((
                Target::Invoice(id),
                invoice.doc.number.clone().unwrap_or_default(),
                invoice.doc.balance_due(),
                format!("/orgs/{org}/invoices/{id}"),
            )),
        });
    }
    if let Ok(id) = form.bill_id.parse::<bahi_store::purchases::BillId>() {
        let bill = bahi_app::purchases::bills::get(&app.services, member, id).await?;
        form.party_id = bill.bill.vendor_id.to_string();
        form.direction = Direction::Made.as_str().to_owned();
        return Ok(Context {
            invoice: Some((
                Target::Bill(id),
                bill.bill.vendor_invoice_number.clone(),
                bill.bill.balance_due(),
                format!("/orgs/{org}/bills/{id}"),
            )),
        });
    }
    Ok(Context { invoice: None })
}

async fn form_page<R: AtLeast<Viewer>>(
    app: &AppState,
    frame: &Frame,
    member: &OrgCtx<R>,
    form: PaymentForm,
    context: &Context,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let lang = frame.lang;
    let chrome = Chrome::for_org(app, frame, member, "payments").await?;
    let parties = party_cases::list(
        &app.services,
        member,
        &PartyQuery {
            limit: 500,
            ..PartyQuery::default()
        },
    )
    .await?;
    let mut party_options = vec![(String::new(), chrome.t("payment-choose-party"))];
    party_options.extend(parties.iter().map(|p| (p.id.to_string(), p.name.clone())));
    let modes = Mode::ALL
        .iter()
        .map(|m| {
            (
                m.as_str().to_owned(),
                words(lang, &format!("mode-{}", m.as_str().replace('_', "-"))),
            )
        })
        .collect();
    let money = bahi_app::ledger::accounts::money_accounts(&app.services, member).await?;
    let accounts = if money.iter().any(|a| a.system_key.is_none()) {
        let mut options = vec![(String::new(), chrome.t("payment-account-by-mode"))];
        options.extend(money.iter().map(|a| (a.id.to_string(), a.name.clone())));
        options
    } else {
        Vec::new()
    };
    let directions = Direction::ALL
        .iter()
        .map(|d| {
            (
                d.as_str().to_owned(),
                words(lang, &format!("payment-{}", d.as_str())),
            )
        })
        .collect();
    let org_id = member.org_id().to_string();
    let back = match &context.invoice {
        Some((_, _, _, back)) => back.clone(),
        None => format!("/orgs/{org_id}/payments"),
    };
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = FormPage {
        lead: context.invoice.as_ref().map(|(_, number, due, _)| {
            chrome.t2(
                if matches!(context.invoice, Some((Target::Bill(_), ..))) {
                    "payment-for-bill"
                } else {
                    "payment-for-invoice"
                },
                ("number", number.as_str()),
                ("due", due.to_inr().as_str()),
            )
        }),
        from_invoice: context.invoice.is_some(),
        direction_fixed: context.invoice.as_ref().map_or("", |(t, _, _, _)| match t {
            Target::Invoice(_) => "received",
            Target::Bill(_) => "made",
        }),
        org_id,
        form,
        parties: party_options,
        modes,
        accounts,
        directions,
        errors,
        back,
        chrome,
    };
    Ok(render(status, &page))
}

pub async fn new_form(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    Query(mut form): Query<PaymentForm>,
) -> Result<Response, HttpError> {
    let context = context(&app, &member, &mut form).await?;
    if let Some((_, _, due, _)) = &context.invoice {
        form.amount = due.to_string();
    }
    if form.date.is_empty() {
        form.date = date_text(member.today());
    }
    if form.mode.is_empty() {
        form.mode = Mode::Upi.as_str().to_owned();
    }
    if form.direction.is_empty() {
        form.direction = Direction::Received.as_str().to_owned();
    }
    form_page(&app, &frame, &member, form, &context, FormErrors::default()).await
}

fn input(form: &PaymentForm, context: &Context) -> Result<PaymentInput, Error> {
    let mut errors = FieldErrors::default();
    let party_id = form.party_id.parse::<PartyId>().ok();
    if party_id.is_none() {
        errors.push("party_id", Message::new("field-required"));
    }
    let mut dated = Vec::new();
    let date = Some(form.date.trim())
        .filter(|d| !d.is_empty())
        .and_then(|d| values::date("date", d, &mut dated));
    errors.0.extend(dated);
    let direction = Direction::parse(&form.direction).unwrap_or(Direction::Received);
    let mode = Mode::parse(&form.mode);
    if mode.is_none() {
        errors.push("mode", Message::new("field-required"));
    }
    let account_id = Some(form.account_id.trim())
        .filter(|a| !a.is_empty())
        .map(|a| a.parse::<AccountId>());
    if matches!(account_id, Some(Err(_))) {
        errors.push("account_id", Message::new("payment-account-not-money"));
    }
    let amount = typed_amount(&form.amount);
    // From an invoice: as much of the payment as the invoice has due is allocated to it; any
    // more is kept as an advance.
    let allocations = match (&context.invoice, bahi_gst::Paise::parse(&amount)) {
        (Some((target, _, due, _)), Ok(paid)) if paid.get() > 0 => vec![AllocationInput {
            target: *target,
            amount: std::cmp::min(paid, *due).to_string(),
        }],
        _ => Vec::new(),
    };
    errors.check()?;
    Ok(PaymentInput {
        direction,
        party_id: party_id.ok_or(Error::Internal("checked".into()))?,
        date,
        amount,
        mode: mode.ok_or(Error::Internal("checked".into()))?,
        account_id: account_id.and_then(Result::ok),
        reference: Some(form.reference.clone()),
        notes: None,
        allocations,
    })
}

pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Form(mut form): Form<PaymentForm>,
) -> Result<Response, HttpError> {
    let context = context(&app, &member, &mut form).await?;
    let attempt = async {
        let input = input(&form, &context)?;
        payments::create(&app.services, &member, &input).await
    };
    match attempt.await {
        Ok(payment) => {
            let notice = Message::new("notice-payment-recorded")
                .arg("amount", payment.payment.amount.to_inr());
            let to = match &context.invoice {
                Some((_, _, _, back)) => back.clone(),
                None => format!("/orgs/{}/payments", member.org_id()),
            };
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            form_page(&app, &frame, &member, form, &context, errors).await
        }
    }
}

/// A document a payment is allocated to, or could be.
pub struct DocumentRef {
    pub href: String,
    pub number: String,
    pub amount: String,
}

#[derive(Template)]
#[template(path = "payment.html")]
struct ViewPage {
    chrome: Chrome,
    org_id: String,
    id: String,
    title: String,
    facts: Vec<(String, String)>,
    allocations: Vec<DocumentRef>,
    /// Open documents of the party the advance could go to: (target, "INV/…/0001 · ₹637.00 due").
    open: Vec<(String, String)>,
    advance: String,
    has_advance: bool,
    is_void: bool,
    /// Money received (a receipt) rather than paid (a voucher).
    received: bool,
    can_edit: bool,
    form: AllocateForm,
    errors: FormErrors,
}

impl ViewPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.full(field)
    }
}

/// Allocating (part of) an advance to one document.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AllocateForm {
    /// `invoice:<id>` or `bill:<id>`.
    #[serde(default)]
    target: String,
    #[serde(default)]
    amount: String,
}

fn target_text(target: Target) -> String {
    match target {
        Target::Invoice(id) => format!("invoice:{id}"),
        Target::Bill(id) => format!("bill:{id}"),
    }
}

fn parse_target(text: &str) -> Option<Target> {
    let (kind, id) = text.split_once(':')?;
    match kind {
        "invoice" => id.parse().ok().map(Target::Invoice),
        "bill" => id.parse().ok().map(Target::Bill),
        _ => None,
    }
}

async fn payment_page<R: AtLeast<Viewer>>(
    app: &AppState,
    frame: &Frame,
    member: &OrgCtx<R>,
    id: PaymentId,
    form: Option<AllocateForm>,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let lang = frame.lang;
    let s = &app.services;
    let org_id = member.org_id().to_string();
    let recorded = payments::get(s, member, id).await?;
    let p = &recorded.payment;
    let chrome = Chrome::for_org(app, frame, member, "payments").await?;
    let party = party_cases::get(s, member, p.party_id).await?;
    let mut facts = vec![
        (chrome.label("party_id"), party.name.clone()),
        (
            chrome.t("payments-direction"),
            words(lang, &format!("payment-{}", p.direction.as_str())),
        ),
        (chrome.label("date"), format::date(lang, p.date)),
        (
            chrome.label("mode"),
            words(lang, &format!("mode-{}", p.mode.as_str().replace('_', "-"))),
        ),
    ];
    let account = bahi_app::ledger::postings::money_account(p);
    let money = bahi_app::ledger::accounts::money_accounts(s, member).await?;
    if let Some(a) = money.iter().find(|a| a.id == account) {
        facts.push((chrome.t("payment-account"), a.name.clone()));
    }
    if let Some(r) = &p.reference {
        facts.push((chrome.label("reference"), r.clone()));
    }
    facts.push((chrome.label("amount"), p.amount.to_inr()));
    if let Some(r) = &p.void_reason {
        facts.push((chrome.t("invoice-void-reason"), r.clone()));
    }
    let mut allocations = Vec::new();
    for a in &recorded.allocations {
        let (href, number) = match (a.invoice_id, a.bill_id) {
            (Some(doc), _) => (
                format!("/orgs/{org_id}/invoices/{doc}"),
                invoices::get(s, member, doc)
                    .await?
                    .doc
                    .number
                    .unwrap_or_default(),
            ),
            (_, Some(bill)) => (
                format!("/orgs/{org_id}/bills/{bill}"),
                bahi_app::purchases::bills::get(s, member, bill)
                    .await?
                    .bill
                    .vendor_invoice_number,
            ),
            _ => continue,
        };
        allocations.push(DocumentRef {
            href,
            number,
            amount: a.amount.to_inr(),
        });
    }
    let advance = p.unallocated();
    let mut open = Vec::new();
    if advance.get() > 0 {
        open = open_documents(app, member, p.direction, p.party_id, &chrome).await?;
    }
    let form = form.unwrap_or_else(|| AllocateForm {
        target: open.first().map(|o| o.0.clone()).unwrap_or_default(),
        amount: advance.to_string(),
    });
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = ViewPage {
        org_id,
        id: p.id.to_string(),
        title: chrome.t2(
            "payment-title",
            ("amount", p.amount.to_inr().as_str()),
            ("party", party.name.as_str()),
        ),
        facts,
        allocations,
        open,
        advance: advance.to_inr(),
        has_advance: advance.get() > 0,
        is_void: p.status == PaymentStatus::Void,
        received: p.direction == Direction::Received,
        can_edit: member.as_role::<Accountant>().is_some(),
        form,
        errors,
        chrome,
    };
    Ok(render(status, &page))
}

/// The party's issued invoices (money received) or recorded bills (money paid out) that still
/// have something due, oldest first.
async fn open_documents<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    direction: Direction,
    party: PartyId,
    chrome: &Chrome,
) -> Result<Vec<(String, String)>, HttpError> {
    let s = &app.services;
    let due = |number: &str, due: bahi_gst::Paise| {
        chrome.t2(
            "payment-open-document",
            ("number", number),
            ("due", due.to_inr().as_str()),
        )
    };
    let mut out = Vec::new();
    match direction {
        Direction::Received => {
            let query = bahi_store::sales::documents::DocumentQuery {
                customer: Some(party),
                status: Some(bahi_store::sales::DocStatus::Issued),
                limit: 200,
                ..Default::default()
            };
            for d in invoices::list(s, member, &query).await?.iter().rev() {
                if d.balance_due().get() > 0 {
                    out.push((
                        target_text(Target::Invoice(d.id)),
                        due(d.number.as_deref().unwrap_or_default(), d.balance_due()),
                    ));
                }
            }
        }
        Direction::Made => {
            let query = bahi_store::purchases::bills::BillQuery {
                vendor: Some(party),
                status: Some(bahi_store::purchases::BillStatus::Recorded),
                limit: 200,
                ..Default::default()
            };
            for b in bahi_app::purchases::bills::list(s, member, &query)
                .await?
                .iter()
                .rev()
            {
                if b.balance_due().get() > 0 {
                    out.push((
                        target_text(Target::Bill(b.id)),
                        due(&b.vendor_invoice_number, b.balance_due()),
                    ));
                }
            }
        }
    }
    Ok(out)
}

pub async fn show(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<PaymentPath>,
) -> Result<Response, HttpError> {
    payment_page(&app, &frame, &member, path.id, None, FormErrors::default()).await
}

/// Allocates (part of) the advance to one document; a refused one comes back on the page.
pub async fn allocate(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<PaymentPath>,
    Form(form): Form<AllocateForm>,
) -> Result<Response, HttpError> {
    let attempt = async {
        let Some(target) = parse_target(&form.target) else {
            return Err(Error::field("target", Message::new("field-required")));
        };
        let input = [AllocationInput {
            target,
            amount: typed_amount(&form.amount),
        }];
        payments::allocate(&app.services, &member, path.id, &input).await
    };
    match attempt.await {
        Ok(_) => {
            let notice = Message::new("notice-payment-allocated").arg("amount", form.amount);
            let to = format!("/orgs/{}/payments/{}", member.org_id(), path.id);
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            // The use case names the allocation's fields (`allocations[0].amount`); the form
            // has one of each.
            let e = match e {
                Error::Invalid(fields) => Error::Invalid(
                    fields
                        .into_iter()
                        .map(|mut f| {
                            f.field = match f.field.as_str() {
                                "allocations[0].amount" | "allocations" => "amount",
                                other if other.starts_with("allocations") => "target",
                                other => other,
                            }
                            .to_owned();
                            f
                        })
                        .collect(),
                ),
                other => other,
            };
            let errors = FormErrors::from_error(e, frame.lang)?;
            payment_page(&app, &frame, &member, path.id, Some(form), errors).await
        }
    }
}

fn void_confirmation(
    chrome: Chrome,
    org: &str,
    id: PaymentId,
    amount: &str,
    reason: String,
    errors: FormErrors,
) -> Confirm {
    let back = format!("/orgs/{org}/payments/{id}");
    Confirm::void(chrome, back, "payment", amount, reason, errors)
}

pub async fn confirm_void(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<PaymentPath>,
) -> Result<Response, HttpError> {
    let payment = payments::get(&app.services, &member, path.id).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "payments").await?;
    let org = member.org_id().to_string();
    let amount = payment.payment.amount.to_inr();
    Ok(void_confirmation(
        chrome,
        &org,
        path.id,
        &amount,
        String::new(),
        FormErrors::default(),
    )
    .respond())
}

pub async fn void(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<PaymentPath>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let current = payments::get(s, &member, path.id).await?;
    let amount = current.payment.amount.to_inr();
    match payments::void(s, &member, path.id, &form.reason).await {
        Ok(_) => {
            let notice = Message::new("notice-payment-voided").arg("amount", amount);
            let to = format!("/orgs/{}/payments/{}", member.org_id(), path.id);
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            let chrome = Chrome::for_org(&app, &frame, &member, "payments").await?;
            let org = member.org_id().to_string();
            Ok(void_confirmation(chrome, &org, path.id, &amount, form.reason, errors).respond())
        }
    }
}
