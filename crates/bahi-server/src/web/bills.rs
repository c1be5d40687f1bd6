//! The purchase pages: the bills list, recording a vendor's bill (its lines, reverse charge,
//! ITC per line), a bill's view (record a payment on it, void it).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::masters::parties as party_cases;
use bahi_app::purchases::bills::{self, BillInput, BillOfEntry};
use bahi_app::{Accountant, AtLeast, Error, FieldErrors, Message, OrgCtx, Viewer};
use bahi_gst::returns::Itc;
use bahi_gst::supply::Import;
use bahi_gst::{Paise, amount_in_words};
use bahi_store::masters::PartyId;
use bahi_store::masters::parties::{PartyKind, PartyQuery};
use bahi_store::purchases::BillStatus;
use bahi_store::purchases::bills::{Bill, BillQuery};
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::confirm::{Confirm, ReasonForm};
use super::format;
use super::lines::{self, LineForm, LineView};
use super::notices;
use super::respond::{render, see_other};
use crate::api::values::{self, date_text};
use crate::http::extract::{Paging, Path, Query};
use crate::http::paths::BillPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

pub struct BillRow {
    pub href: String,
    pub number: String,
    pub date: String,
    pub vendor: String,
    pub total: String,
    pub balance: String,
    pub void: bool,
}

#[derive(Template)]
#[template(path = "bills.html")]
struct ListPage {
    chrome: Chrome,
    org_id: String,
    rows: Vec<BillRow>,
    can_edit: bool,
    next: Option<String>,
    /// "Bills dated 1 Oct 2026 to 31 Oct 2026", when the list is so scoped.
    scope_words: Option<String>,
}

/// Dated from and to (`YYYY-MM-DD`), as the returns page links a month's bills.
#[derive(Debug, Default, Deserialize)]
pub struct ListFilter {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    paging: Paging,
    Query(filter): Query<ListFilter>,
) -> Result<Response, HttpError> {
    let lang = frame.lang;
    let before = paging.before_date().ok().flatten();
    let day = |text: &str| time::Date::parse(text.trim(), &format::ISO_DATE).ok();
    let query = BillQuery {
        from: day(&filter.from),
        to: day(&filter.to),
        before,
        limit: paging.fetch(),
        ..BillQuery::default()
    };
    let rows = bills::list(&app.services, &member, &query).await?;
    let org_id = member.org_id().to_string();
    let scope_words = (query.from.is_some() || query.to.is_some()).then(|| {
        let shown = |d: Option<time::Date>| d.map(|d| format::date(lang, d)).unwrap_or_default();
        crate::i18n::text(
            lang,
            "invoices-scope-dated",
            &[
                ("what", crate::i18n::text(lang, "bills-title", &[]).into()),
                ("from", shown(query.from).into()),
                ("to", shown(query.to).into()),
            ],
        )
    });
    let page = paging.page(
        rows,
        |b| crate::http::extract::date_position(b.date, b.id),
        |b| BillRow {
            href: format!("/orgs/{org_id}/bills/{}", b.id),
            number: b.vendor_invoice_number.clone(),
            date: format::date(lang, b.date),
            vendor: b.vendor_name.clone(),
            total: b.total.to_inr(),
            balance: b.balance_due().to_inr(),
            void: b.status == BillStatus::Void,
        },
    );
    let view = ListPage {
        chrome: Chrome::for_org(&app, &frame, &member, "purchases").await?,
        can_edit: member.as_role::<Accountant>().is_some(),
        next: page.next_cursor.map(|c| {
            format!(
                "/orgs/{org_id}/bills?from={}&to={}&cursor={c}",
                filter.from, filter.to
            )
        }),
        rows: page.items,
        scope_words,
        org_id,
    };
    Ok(render(StatusCode::OK, &view))
}

/// The bill form as typed.
#[derive(Debug, Clone, Default)]
pub struct BillForm {
    pub vendor_id: String,
    pub vendor_invoice_number: String,
    pub date: String,
    pub due_date: String,
    pub reverse_charge: bool,
    /// Empty, `goods` (with a bill of entry) or `services` (from a vendor abroad).
    pub import: String,
    pub bill_of_entry_number: String,
    pub bill_of_entry_date: String,
    pub bill_of_entry_port_code: String,
    pub notes: String,
    pub lines: Vec<LineForm>,
    pub action: String,
}

impl BillForm {
    fn parse(pairs: Vec<(String, String)>) -> Self {
        let mut form = Self::default();
        for (key, value) in pairs {
            match key.as_str() {
                "vendor_id" => form.vendor_id = value,
                "vendor_invoice_number" => form.vendor_invoice_number = value,
                "date" => form.date = value,
                "due_date" => form.due_date = value,
                "reverse_charge" => form.reverse_charge = value == "yes",
                "import" => form.import = value,
                "bill_of_entry_number" => form.bill_of_entry_number = value,
                "bill_of_entry_date" => form.bill_of_entry_date = value,
                "bill_of_entry_port_code" => form.bill_of_entry_port_code = value,
                "notes" => form.notes = value,
                "action" => form.action = value,
                _ => {
                    lines::take(&mut form.lines, &key, value);
                }
            }
        }
        form
    }

    fn input(&self) -> Result<BillInput, Error> {
        let mut errors = FieldErrors::default();
        let vendor_id = self.vendor_id.parse::<PartyId>().ok();
        if vendor_id.is_none() {
            errors.push("vendor_id", Message::new("field-required"));
        }
        let mut dated = Vec::new();
        let text = |t: &str| Some(t.trim().to_owned()).filter(|t| !t.is_empty());
        let date = text(&self.date).and_then(|d| values::date("date", &d, &mut dated));
        let due_date = text(&self.due_date).and_then(|d| values::date("due_date", &d, &mut dated));
        let import = match self.import.as_str() {
            "goods" => Some(Import::Goods),
            "services" => Some(Import::Services),
            _ => None,
        };
        let bill_of_entry = (import == Some(Import::Goods)).then(|| BillOfEntry {
            number: text(&self.bill_of_entry_number),
            date: text(&self.bill_of_entry_date)
                .and_then(|d| values::date("bill_of_entry.date", &d, &mut dated)),
            port_code: text(&self.bill_of_entry_port_code),
        });
        errors.0.extend(dated);
        let lines_in = lines::inputs(&self.lines, &mut errors);
        let itc = self
            .lines
            .iter()
            .filter(|l| !l.is_blank())
            .map(|l| {
                Some(if l.itc == "ineligible" {
                    Itc::Ineligible
                } else {
                    Itc::Eligible
                })
            })
            .collect();
        errors.check()?;
        Ok(BillInput {
            vendor_id: vendor_id.ok_or(Error::Internal("checked".into()))?,
            vendor_invoice_number: self.vendor_invoice_number.clone(),
            date,
            due_date,
            place_of_supply: None,
            reverse_charge: self.reverse_charge,
            import,
            bill_of_entry,
            lines: lines_in,
            itc,
            notes: text(&self.notes),
        })
    }
}

#[derive(Template)]
#[template(path = "bill_form.html")]
struct FormPage {
    chrome: Chrome,
    org_id: String,
    form: BillForm,
    lines: Vec<LineView>,
    vendors: Vec<(String, String)>,
    items: Vec<(String, String)>,
    rates: Vec<(String, String)>,
    errors: FormErrors,
    show_itc: bool,
    /// Lines carry an "include" box (a note's lines, copied from its invoice).
    show_include: bool,
}

impl FormPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.full(field)
    }
}

async fn form_page<R: AtLeast<Viewer>>(
    app: &AppState,
    frame: &Frame,
    member: &OrgCtx<R>,
    form: BillForm,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let chrome = Chrome::for_org(app, frame, member, "purchases").await?;
    let vendors = party_cases::list(
        s,
        member,
        &PartyQuery {
            kind: Some(PartyKind::Vendor),
            limit: lines::PICKER_LIMIT,
            ..PartyQuery::default()
        },
    )
    .await?;
    let mut vendor_options = vec![(String::new(), chrome.t("bill-choose-vendor"))];
    vendor_options.extend(vendors.iter().map(|p| (p.id.to_string(), p.name.clone())));
    let (items, rates) = lines::pickers(s, member, &chrome).await?;
    let lines = lines::views(&form.lines, None, &errors);
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = FormPage {
        org_id: member.org_id().to_string(),
        form,
        lines,
        vendors: vendor_options,
        items,
        rates,
        errors,
        show_itc: true,
        show_include: false,
        chrome,
    };
    Ok(render(status, &page))
}

pub async fn new_form(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    let form = BillForm {
        date: date_text(member.today()),
        lines: vec![LineForm::default(); 2],
        ..BillForm::default()
    };
    form_page(&app, &frame, &member, form, FormErrors::default()).await
}

pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    let mut form = BillForm::parse(pairs);
    if form.action == "add_line" {
        form.lines.push(LineForm::default());
        return form_page(&app, &frame, &member, form, FormErrors::default()).await;
    }
    let attempt = async {
        let input = form.input()?;
        bills::create(&app.services, &member, &input).await
    };
    match attempt.await {
        Ok(bill) => {
            let notice = Message::new("notice-bill-recorded")
                .arg("number", bill.bill.vendor_invoice_number.as_str());
            let to = format!("/orgs/{}/bills/{}", member.org_id(), bill.bill.id);
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            form_page(&app, &frame, &member, form, errors).await
        }
    }
}

pub struct BillLineRow {
    pub description: String,
    pub quantity: String,
    pub taxable: String,
    pub rate: String,
    pub tax: String,
    pub itc: String,
}

#[derive(Template)]
#[template(path = "bill.html")]
struct ViewPage {
    chrome: Chrome,
    org_id: String,
    id: String,
    title: String,
    void: bool,
    facts: Vec<(String, String)>,
    lines: Vec<BillLineRow>,
    rows: Vec<(String, String)>,
    total: String,
    words: String,
    paid: String,
    balance: String,
    has_balance: bool,
    can_edit: bool,
    /// The number of the self-invoice it has (reverse charge, unregistered vendor).
    self_invoice: Option<String>,
}

pub async fn show(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<BillPath>,
) -> Result<Response, HttpError> {
    let lang = frame.lang;
    let bill = bills::get(&app.services, &member, path.id).await?;
    let b = &bill.bill;
    let chrome = Chrome::for_org(&app, &frame, &member, "purchases").await?;
    let mut facts = vec![
        (chrome.label("vendor_id"), b.vendor_name.clone()),
        (chrome.label("date"), format::date(lang, b.date)),
    ];
    if let Some(g) = &b.vendor_gstin {
        facts.push((chrome.label("gstin"), g.to_string()));
    }
    if b.reverse_charge {
        facts.push((
            chrome.t("bill-reverse-charge"),
            chrome.t("bill-reverse-charge-yes"),
        ));
    }
    if let Some(import) = b.import_kind {
        let words = match import {
            Import::Goods => "bill-import-goods",
            Import::Services => "bill-import-services",
        };
        facts.push((chrome.label("import"), chrome.t(words)));
    }
    let entry = [
        ("bill_of_entry.number", b.bill_of_entry_number.clone()),
        (
            "bill_of_entry.date",
            b.bill_of_entry_date.map(|d| format::date(lang, d)),
        ),
        ("bill_of_entry.port_code", b.bill_of_entry_port.clone()),
    ];
    for (field, value) in entry {
        if let Some(v) = value {
            facts.push((chrome.label(field), v));
        }
    }
    if let Some(r) = &b.void_reason {
        facts.push((chrome.t("invoice-void-reason"), r.clone()));
    }
    let lines = bill
        .lines
        .iter()
        .map(|l| BillLineRow {
            description: l.description.clone(),
            quantity: l.quantity.to_string(),
            taxable: l.taxable_value.to_inr(),
            rate: format!("{}%", l.gst_rate),
            tax: Paise::new(l.cgst.get() + l.sgst.get() + l.igst.get() + l.cess.get()).to_inr(),
            itc: chrome.t(match l.itc {
                Itc::Eligible => "itc-eligible",
                Itc::Ineligible => "itc-ineligible",
            }),
        })
        .collect();
    let mut rows = vec![(chrome.t("invoice-taxable-value"), b.taxable_value.to_inr())];
    for (id, amount) in [
        ("invoice-cgst", b.cgst),
        ("invoice-sgst", b.sgst),
        ("invoice-igst", b.igst),
        ("invoice-cess", b.cess),
        ("invoice-round-off", b.round_off),
    ] {
        if !amount.is_zero() {
            rows.push((chrome.t(id), amount.to_inr()));
        }
    }
    let page = ViewPage {
        org_id: member.org_id().to_string(),
        id: b.id.to_string(),
        title: chrome.t1("bill-title", "number", &b.vendor_invoice_number),
        self_invoice: b.self_invoice_number.clone(),
        void: b.status == BillStatus::Void,
        facts,
        lines,
        rows,
        total: b.total.to_inr(),
        words: amount_in_words(b.total),
        paid: b.amount_paid.to_inr(),
        balance: b.balance_due().to_inr(),
        has_balance: b.balance_due().get() > 0,
        can_edit: member.as_role::<Accountant>().is_some(),
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

fn void_confirmation(
    chrome: Chrome,
    org: &str,
    b: &Bill,
    reason: String,
    errors: FormErrors,
) -> Confirm {
    let back = format!("/orgs/{org}/bills/{}", b.id);
    Confirm::void(
        chrome,
        back,
        "bill",
        &b.vendor_invoice_number,
        reason,
        errors,
    )
}

pub async fn confirm_void(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<BillPath>,
) -> Result<Response, HttpError> {
    let bill = bills::get(&app.services, &member, path.id).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "purchases").await?;
    let org = member.org_id().to_string();
    Ok(void_confirmation(
        chrome,
        &org,
        &bill.bill,
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
    Path(path): Path<BillPath>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let current = bills::get(s, &member, path.id).await?;
    match bills::void(s, &member, path.id, &form.reason).await {
        Ok(bill) => {
            let notice = Message::new("notice-bill-voided")
                .arg("number", bill.bill.vendor_invoice_number.as_str());
            let to = format!("/orgs/{}/bills/{}", member.org_id(), path.id);
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            let chrome = Chrome::for_org(&app, &frame, &member, "purchases").await?;
            let org = member.org_id().to_string();
            Ok(void_confirmation(chrome, &org, &current.bill, form.reason, errors).respond())
        }
    }
}
