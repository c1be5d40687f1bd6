//! The sales pages: the invoice list (search, status, pages), the invoice form (a draft or
//! issued at once; its totals worked out by the server as lines change — by htmx when there is
//! JavaScript, by the "Work out totals" button when there is not), an invoice's view (issue,
//! edit, delete a draft; record a payment on, or void, an issued one).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::masters::parties as party_cases;
use bahi_app::sales::invoices::{self, Invoice, InvoiceInput};
use bahi_app::{Accountant, AtLeast, Error, FieldErrors, Message, OrgCtx, Viewer};
use bahi_gst::{Paise, StateCode, amount_in_words};
use bahi_store::masters::PartyId;
use bahi_store::masters::parties::{PartyKind, PartyQuery};
use bahi_store::sales::documents::{DocumentQuery, SalesDocument};
use bahi_store::sales::{DocKind, DocStatus};
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::confirm::{Confirm, ReasonForm};
use super::format;
use super::lines::{self, LineForm, LineView};
use super::notices;
use super::respond::{render, see_other};
use crate::api::invoices::{PaymentStatus, payment_status, position};
use crate::api::values::{self, date_text};
use crate::http::extract::{Paging, Path, Query};
use crate::http::paths::InvoicePath;
use crate::http::{HttpError, Member};
use crate::i18n::Lang;
use crate::state::AppState;

/// Empty lines a new form offers.
const BLANK_LINES: usize = 3;

pub(super) fn status_words(
    lang: Lang,
    doc: &SalesDocument,
    today: time::Date,
) -> (String, &'static str) {
    let (id, class) = match (doc.status, payment_status(doc, today)) {
        (DocStatus::Draft, _) => ("invoice-status-draft", "badge"),
        (DocStatus::Void, _) => ("invoice-status-void", "badge"),
        // A note is not paid; it changes what its invoice asks.
        _ if doc.kind.is_note() => ("invoice-status-issued", "badge ok"),
        (_, Some(PaymentStatus::Paid)) => ("payment-status-paid", "badge ok"),
        (_, Some(PaymentStatus::PartiallyPaid)) => ("payment-status-partially-paid", "badge"),
        (_, Some(PaymentStatus::Overdue)) => ("payment-status-overdue", "badge warn"),
        _ => ("payment-status-unpaid", "badge"),
    };
    (crate::i18n::text(lang, id, &[]), class)
}

pub(super) fn kind_words(lang: Lang, kind: DocKind) -> String {
    crate::i18n::text(
        lang,
        &format!("doc-kind-{}", kind.as_str().replace('_', "-")),
        &[],
    )
}

pub struct InvoiceRow {
    pub href: String,
    pub number: String,
    pub date: String,
    pub customer: String,
    pub total: String,
    pub balance: String,
    pub status: String,
    pub status_class: &'static str,
}

#[derive(Template)]
#[template(path = "invoices.html")]
struct ListPage {
    chrome: Chrome,
    org_id: String,
    rows: Vec<InvoiceRow>,
    can_edit: bool,
    q: String,
    status: String,
    statuses: Vec<(String, String)>,
    next: Option<String>,
    filtered: bool,
    /// Kept by the search form: the dates and kind a returns page linked with.
    scope: Vec<(&'static str, String)>,
    /// "Credit and debit notes dated 1 Oct 2026 to 31 Oct 2026", when the list is so scoped.
    scope_words: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListFilter {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    /// Dated from and to (`YYYY-MM-DD`), as the returns page links a month's documents.
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    /// `notes` lists credit and debit notes instead of invoices.
    #[serde(default)]
    kind: String,
}

pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    paging: Paging,
    Query(filter): Query<ListFilter>,
) -> Result<Response, HttpError> {
    let lang = frame.lang;
    let today = member.today();
    let status = DocStatus::parse(&filter.status);
    let before = paging
        .before_date()
        .ok()
        .flatten()
        .map(|(date, id)| bahi_store::sales::documents::Before { date, id });
    let day = |text: &str| time::Date::parse(text.trim(), &format::ISO_DATE).ok();
    let query = DocumentQuery {
        notes: filter.kind == "notes",
        status,
        from: day(&filter.from),
        to: day(&filter.to),
        q: Some(filter.q.clone()),
        before,
        limit: paging.fetch(),
        ..DocumentQuery::default()
    };
    let rows = invoices::list(&app.services, &member, &query).await?;
    let org_id = member.org_id().to_string();
    let page = paging.page(rows, position, |d| {
        let (status, status_class) = status_words(lang, &d, today);
        InvoiceRow {
            href: if d.kind.is_note() {
                format!("/orgs/{org_id}/notes/{}", d.id)
            } else {
                format!("/orgs/{org_id}/invoices/{}", d.id)
            },
            number: d
                .number
                .clone()
                .unwrap_or_else(|| crate::i18n::text(lang, "invoice-status-draft", &[])),
            date: format::date(lang, d.date),
            customer: d.buyer_name.clone(),
            total: d.total.to_inr(),
            balance: d.balance_due().to_inr(),
            status,
            status_class,
        }
    });
    let filters = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &filter.q)
        .append_pair("status", &filter.status)
        .append_pair("from", &filter.from)
        .append_pair("to", &filter.to)
        .append_pair("kind", &filter.kind)
        .finish();
    let mut statuses = vec![(String::new(), crate::i18n::text(lang, "invoices-all", &[]))];
    statuses.extend(DocStatus::ALL.iter().map(|s| {
        (
            s.as_str().to_owned(),
            crate::i18n::text(lang, &format!("invoice-status-{}", s.as_str()), &[]),
        )
    }));
    let view = ListPage {
        chrome: Chrome::for_org(&app, &frame, &member, "sales").await?,
        can_edit: member.as_role::<Accountant>().is_some(),
        next: page
            .next_cursor
            .map(|c| format!("/orgs/{org_id}/invoices?{filters}&cursor={c}")),
        rows: page.items,
        filtered: !filter.q.trim().is_empty()
            || status.is_some()
            || query.from.is_some()
            || query.to.is_some()
            || query.notes,
        scope_words: scope_words(lang, &query),
        scope: [
            ("from", filter.from),
            ("to", filter.to),
            ("kind", filter.kind),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect(),
        org_id,
        q: filter.q,
        status: status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        statuses,
    };
    Ok(render(StatusCode::OK, &view))
}

/// What a scoped list shows, in words; `None` when it shows every invoice.
fn scope_words(lang: Lang, query: &DocumentQuery) -> Option<String> {
    let what = crate::i18n::text(
        lang,
        if query.notes {
            "invoices-scope-notes"
        } else {
            "invoices-scope-invoices"
        },
        &[],
    );
    let day = |d: Option<time::Date>| d.map(|d| format::date(lang, d)).unwrap_or_default();
    match (query.from, query.to) {
        (None, None) if !query.notes => None,
        (None, None) => Some(what),
        _ => Some(crate::i18n::text(
            lang,
            "invoices-scope-dated",
            &[
                ("what", what.into()),
                ("from", day(query.from).into()),
                ("to", day(query.to).into()),
            ],
        )),
    }
}

/// The invoice form as typed. Lines are named `lines-<n>-<field>`, so any number of them post
/// as a plain form.
#[derive(Debug, Clone, Default)]
pub struct InvoiceForm {
    pub customer_id: String,
    pub date: String,
    pub due_date: String,
    pub place_of_supply: String,
    pub notes: String,
    pub lines: Vec<LineForm>,
    /// `preview`, `add_line`, `draft` or `issue`.
    pub action: String,
}

impl InvoiceForm {
    fn fresh(today: time::Date) -> Self {
        Self {
            date: date_text(today),
            lines: vec![LineForm::default(); BLANK_LINES],
            ..Self::default()
        }
    }

    fn of(invoice: &Invoice) -> Self {
        let d = &invoice.doc;
        Self {
            customer_id: d.customer_id.to_string(),
            date: date_text(d.date),
            due_date: d.due_date.map(date_text).unwrap_or_default(),
            place_of_supply: d.place_of_supply.to_string(),
            notes: d.notes.clone().unwrap_or_default(),
            lines: invoice.lines.iter().map(LineForm::of_sales_line).collect(),
            action: String::new(),
        }
    }

    fn parse(pairs: Vec<(String, String)>) -> Self {
        let mut form = Self::default();
        for (key, value) in pairs {
            match key.as_str() {
                "customer_id" => form.customer_id = value,
                "date" => form.date = value,
                "due_date" => form.due_date = value,
                "place_of_supply" => form.place_of_supply = value,
                "notes" => form.notes = value,
                "action" => form.action = value,
                _ => {
                    lines::take(&mut form.lines, &key, value);
                }
            }
        }
        form
    }

    /// The use case's input: blank lines are left out, so a form may offer spare rows.
    fn input(&self) -> Result<InvoiceInput, Error> {
        let mut errors = FieldErrors::default();
        let customer_id = match self.customer_id.parse::<PartyId>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push("customer_id", Message::new("field-required"));
                None
            }
        };
        let mut dated = Vec::new();
        let date = optional(&self.date).and_then(|d| values::date("date", &d, &mut dated));
        let due_date =
            optional(&self.due_date).and_then(|d| values::date("due_date", &d, &mut dated));
        for e in dated {
            errors.0.push(e);
        }
        let lines = lines::inputs(&self.lines, &mut errors);
        errors.check()?;
        let customer_id = customer_id.ok_or(Error::Internal("checked".into()))?;
        Ok(InvoiceInput {
            customer_id,
            date,
            due_date,
            series: None,
            place_of_supply: optional(&self.place_of_supply),
            export: None,
            deemed_export: false,
            lines,
            notes: optional(&self.notes),
        })
    }
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

pub struct TotalsView {
    pub rows: Vec<(String, String)>,
    pub total: String,
    pub words: String,
}

#[derive(Template)]
#[template(path = "invoice_form.html")]
struct FormPage {
    chrome: Chrome,
    org_id: String,
    /// Set when editing a draft.
    draft_id: Option<String>,
    form: InvoiceForm,
    lines: Vec<LineView>,
    customers: Vec<(String, String)>,
    items: Vec<(String, String)>,
    states: Vec<(String, String)>,
    rates: Vec<(String, String)>,
    totals: Option<TotalsView>,
    errors: FormErrors,
    /// The worked-out totals could not be had: what the form still lacks.
    totals_hint: String,
    /// Lines ask for ITC eligibility on bills, not on invoices.
    show_itc: bool,
    /// Lines carry an "include" box (a note's lines, copied from its invoice).
    show_include: bool,
}

impl FormPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.full(field)
    }
}

pub(super) fn totals_view(lang: Lang, doc: &SalesDocument) -> TotalsView {
    let mut rows = vec![(
        crate::i18n::text(lang, "invoice-taxable-value", &[]),
        doc.taxable_value.to_inr(),
    )];
    for (id, amount) in [
        ("invoice-cgst", doc.cgst),
        ("invoice-sgst", doc.sgst),
        ("invoice-igst", doc.igst),
        ("invoice-cess", doc.cess),
        ("invoice-round-off", doc.round_off),
    ] {
        if !amount.is_zero() {
            rows.push((crate::i18n::text(lang, id, &[]), amount.to_inr()));
        }
    }
    TotalsView {
        rows,
        total: doc.total.to_inr(),
        words: amount_in_words(doc.total),
    }
}

#[allow(clippy::too_many_arguments)]
async fn form_page<R: AtLeast<Viewer>>(
    app: &AppState,
    frame: &Frame,
    member: &OrgCtx<R>,
    draft_id: Option<String>,
    form: InvoiceForm,
    preview: Option<&Invoice>,
    errors: FormErrors,
    totals_hint: String,
) -> Result<Response, HttpError> {
    let lang = frame.lang;
    let s = &app.services;
    let chrome = Chrome::for_org(app, frame, member, "sales").await?;
    let customers = party_cases::list(
        s,
        member,
        &PartyQuery {
            kind: Some(PartyKind::Customer),
            limit: lines::PICKER_LIMIT,
            ..PartyQuery::default()
        },
    )
    .await?;
    let mut customer_options = vec![(String::new(), chrome.t("invoice-choose-customer"))];
    customer_options.extend(customers.iter().map(|p| {
        let label = match &p.gstin {
            Some(g) => format!("{} — {g}", p.name),
            None => p.name.clone(),
        };
        (p.id.to_string(), label)
    }));
    let mut states = vec![(String::new(), chrome.t("invoice-pos-from-customer"))];
    states.extend(StateCode::all().map(|st| (st.to_string(), format!("{st} — {}", st.name()))));
    let worked = preview.map(|p| {
        p.lines
            .iter()
            .map(|w| lines::Worked {
                taxable: w.taxable_value,
                tax: Paise::new(w.cgst.get() + w.sgst.get() + w.igst.get() + w.cess.get()),
                total: w.total,
            })
            .collect()
    });
    let lines = lines::views(&form.lines, worked, &errors);
    let (items, rates) = lines::pickers(s, member, &chrome).await?;
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = FormPage {
        org_id: member.org_id().to_string(),
        draft_id,
        form,
        lines,
        customers: customer_options,
        items,
        states,
        rates,
        totals: preview.map(|p| totals_view(lang, &p.doc)),
        errors,
        totals_hint,
        show_itc: false,
        show_include: false,
        chrome,
    };
    Ok(render(status, &page))
}

pub async fn new_form(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    Query(prefill): Query<Prefill>,
) -> Result<Response, HttpError> {
    let mut form = InvoiceForm::fresh(member.today());
    form.customer_id = prefill.customer_id.unwrap_or_default();
    let hint = frame_hint(frame.lang);
    form_page(
        &app,
        &frame,
        &member,
        None,
        form,
        None,
        FormErrors::default(),
        hint,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct Prefill {
    customer_id: Option<String>,
}

fn frame_hint(lang: Lang) -> String {
    crate::i18n::text(lang, "invoice-totals-hint", &[])
}

/// What the form's buttons do, for a new invoice (`draft_id` none) or a draft.
async fn submitted(
    app: &AppState,
    frame: &Frame,
    member: &OrgCtx<Accountant>,
    jar: CookieJar,
    draft_id: Option<bahi_store::sales::DocumentId>,
    mut form: InvoiceForm,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let lang = frame.lang;
    let draft_text = draft_id.map(|d| d.to_string());
    match form.action.as_str() {
        "add_line" => {
            form.lines.push(LineForm::default());
            let hint = frame_hint(lang);
            form_page(
                app,
                frame,
                member,
                draft_text,
                form,
                None,
                FormErrors::default(),
                hint,
            )
            .await
        }
        "draft" | "issue" => {
            let issue = form.action == "issue";
            let attempt = async {
                let input = form.input()?;
                match draft_id {
                    None => invoices::create(s, member, &input, issue).await,
                    Some(id) => {
                        let saved = invoices::update(s, member, id, &input).await?;
                        if issue {
                            invoices::issue(s, member, id).await
                        } else {
                            Ok(saved)
                        }
                    }
                }
            };
            match attempt.await {
                Ok(invoice) => {
                    let notice = match &invoice.doc.number {
                        Some(n) => Message::new("notice-invoice-issued").arg("number", n.as_str()),
                        None => Message::new("notice-invoice-drafted")
                            .arg("name", invoice.doc.buyer_name.as_str()),
                    };
                    let to = format!("/orgs/{}/invoices/{}", member.org_id(), invoice.doc.id);
                    Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
                }
                Err(e) => {
                    let errors = FormErrors::from_error(e, lang)?;
                    let hint = frame_hint(lang);
                    form_page(app, frame, member, draft_text, form, None, errors, hint).await
                }
            }
        }
        // "Work out totals", and htmx as lines change: never an error status, so htmx swaps it.
        _ => {
            let preview = match form.input() {
                Ok(input) => invoices::preview(s, member, &input).await,
                Err(e) => Err(e),
            };
            match preview {
                Ok(p) => {
                    form_page(
                        app,
                        frame,
                        member,
                        draft_text,
                        form,
                        Some(&p),
                        FormErrors::default(),
                        String::new(),
                    )
                    .await
                }
                Err(e) => {
                    let mut errors = FormErrors::from_error(e, lang)?;
                    errors.status = None;
                    let hint = crate::i18n::text(lang, "invoice-totals-incomplete", &[]);
                    form_page(app, frame, member, draft_text, form, None, errors, hint).await
                }
            }
        }
    }
}

pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    let form = InvoiceForm::parse(pairs);
    submitted(&app, &frame, &member, jar, None, form).await
}

pub async fn edit_form(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<InvoicePath>,
) -> Result<Response, HttpError> {
    let invoice = invoices::get(&app.services, &member, path.id).await?;
    if invoice.doc.status != DocStatus::Draft {
        return Err(Error::Conflict(Message::new("document-not-draft")).into());
    }
    let mut form = InvoiceForm::of(&invoice);
    form.lines.push(LineForm::default());
    let hint = frame_hint(frame.lang);
    let draft = Some(path.id.to_string());
    form_page(
        &app,
        &frame,
        &member,
        draft,
        form,
        Some(&invoice),
        FormErrors::default(),
        hint,
    )
    .await
}

pub async fn save(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<InvoicePath>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    let form = InvoiceForm::parse(pairs);
    submitted(&app, &frame, &member, jar, Some(path.id), form).await
}

pub struct DocLine {
    pub description: String,
    pub hsn_sac: String,
    pub quantity: String,
    pub unit_price: String,
    pub taxable: String,
    pub rate: String,
    pub tax: String,
    pub total: String,
}

/// A note raised against the invoice a page shows.
pub struct NoteRow {
    pub href: String,
    pub number: String,
    pub kind: String,
    pub date: String,
    pub total: String,
}

#[derive(Template)]
#[template(path = "invoice.html")]
struct ViewPage {
    chrome: Chrome,
    org_id: String,
    id: String,
    title: String,
    kind: String,
    status: String,
    status_class: &'static str,
    /// Where the crumb leads back to, and its words.
    back: (String, String),
    facts: Vec<(String, String)>,
    lines: Vec<DocLine>,
    totals: TotalsView,
    paid: String,
    balance: String,
    has_balance: bool,
    is_draft: bool,
    is_issued: bool,
    is_note: bool,
    can_edit: bool,
    customer_id: String,
    notes: Vec<NoteRow>,
    /// What is due, payable by UPI: the QR code (inline SVG) and the link it encodes.
    upi: Option<UpiView>,
    /// Public links and WhatsApp (an issued invoice).
    share: Option<super::sharing::ShareView>,
    /// Where its PDF is.
    pdf_href: String,
    /// Whether mail is set up (else the e-mail button is disabled, with the reason).
    mail_on: bool,
}

pub struct UpiView {
    pub svg: String,
    pub link: String,
    pub lead: String,
}

/// The UPI QR code for what an issued invoice has due, when the business has a UPI id.
async fn upi_view<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    chrome: &Chrome,
    d: &SalesDocument,
) -> Result<Option<UpiView>, HttpError> {
    if d.kind.is_note() || d.balance_due().get() <= 0 {
        return Ok(None);
    }
    let org = bahi_app::identity::orgs::get(&app.services, member).await?;
    Ok(upi_of(&org, chrome, d, "invoice-upi-lead"))
}

/// The UPI QR code of the business `org` for what `d` has due.
/// `lead` says it to whom is reading: the business (`invoice-upi-lead`) or its customer.
pub(super) fn upi_of(
    org: &bahi_store::identity::orgs::Organisation,
    chrome: &Chrome,
    d: &SalesDocument,
    lead: &str,
) -> Option<UpiView> {
    let due = d.balance_due();
    if d.kind.is_note() || due.get() <= 0 {
        return None;
    }
    let vpa = org.upi_vpa.as_deref()?;
    let payee = org.trade_name.as_deref().unwrap_or(&org.legal_name);
    let number = d.number.as_deref().unwrap_or_default();
    let link = bahi_app::sales::upi::pay_link(vpa, payee, due, number);
    let svg = super::qr::svg(&link, &chrome.t("invoice-upi-qr"))?;
    Some(UpiView {
        svg,
        lead: chrome.t2(lead, ("amount", due.to_inr().as_str()), ("vpa", vpa)),
        link,
    })
}

pub async fn show(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<InvoicePath>,
) -> Result<Response, HttpError> {
    let invoice = invoices::get(&app.services, &member, path.id).await?;
    let notes = if invoice.doc.status == DocStatus::Issued {
        bahi_app::sales::notes::of_invoice(&app.services, &member, path.id).await?
    } else {
        Vec::new()
    };
    document_page(&app, &frame, &member, &invoice, &notes, None).await
}

/// An invoice's, bill of supply's or note's page: its particulars, lines and totals, what is
/// paid and due, the notes raised against it (an invoice) or the invoice it corrects (a note).
pub(super) async fn document_page(
    app: &AppState,
    frame: &Frame,
    member: &Member<Viewer>,
    invoice: &Invoice,
    notes: &[SalesDocument],
    original: Option<&SalesDocument>,
) -> Result<Response, HttpError> {
    let lang = frame.lang;
    let d = &invoice.doc;
    let org_id = member.org_id();
    let today = member.today();
    let chrome = Chrome::for_org(app, frame, member, "sales").await?;
    let (status, status_class) = status_words(lang, d, today);
    let mut facts = vec![
        (chrome.t("invoice-customer"), d.buyer_name.clone()),
        (chrome.label("date"), format::date(lang, d.date)),
    ];
    if let Some(o) = original {
        facts.push((
            chrome.t("note-against"),
            format!(
                "{} ({})",
                o.number.clone().unwrap_or_default(),
                format::date(lang, o.date)
            ),
        ));
    }
    if let Some(r) = &d.reason {
        facts.push((chrome.label("reason"), r.clone()));
    }
    if let Some(g) = &d.buyer_gstin {
        facts.push((chrome.label("gstin"), g.to_string()));
    }
    if let Some(due) = d.due_date {
        facts.push((chrome.label("due_date"), format::date(lang, due)));
    }
    facts.push((
        chrome.label("place_of_supply"),
        format!("{} — {}", d.place_of_supply, d.place_of_supply.name()),
    ));
    facts.push((
        chrome.t("invoice-supply-type"),
        chrome.t(&format!("supply-type-{}", d.supply_type.as_str())),
    ));
    if let Some(n) = &d.notes {
        facts.push((chrome.label("notes"), n.clone()));
    }
    if let Some(r) = &d.void_reason {
        facts.push((chrome.t("invoice-void-reason"), r.clone()));
    }
    let lines = invoice
        .lines
        .iter()
        .map(|l| DocLine {
            description: l.description.clone(),
            hsn_sac: l.hsn_sac.to_string(),
            quantity: match (&l.unit, l.quantity.milli()) {
                // A note's line that changes a value only carries no quantity.
                (_, 0) => chrome.t("note-value-only"),
                (Some(u), _) => format!("{} {u}", l.quantity),
                (None, _) => l.quantity.to_string(),
            },
            unit_price: l.unit_price.to_inr(),
            taxable: l.taxable_value.to_inr(),
            rate: format!("{}%", l.gst_rate),
            tax: Paise::new(l.cgst.get() + l.sgst.get() + l.igst.get() + l.cess.get()).to_inr(),
            total: l.total.to_inr(),
        })
        .collect();
    let title = match &d.number {
        Some(n) => n.clone(),
        None => chrome.t1("invoice-draft-title", "name", &d.buyer_name),
    };
    let back = match original {
        Some(o) => (
            format!("/orgs/{org_id}/invoices/{}", o.id),
            o.number.clone().unwrap_or_default(),
        ),
        None => (
            format!("/orgs/{org_id}/invoices"),
            chrome.t("invoices-heading"),
        ),
    };
    let notes = notes
        .iter()
        .map(|n| NoteRow {
            href: format!("/orgs/{org_id}/notes/{}", n.id),
            number: n.number.clone().unwrap_or_default(),
            kind: kind_words(lang, n.kind),
            date: format::date(lang, n.date),
            total: n.total.to_inr(),
        })
        .collect();
    let page = ViewPage {
        org_id: org_id.to_string(),
        id: d.id.to_string(),
        title,
        kind: if d.seller_composition {
            // Rule 46A: a composition dealer's bill of supply says so on its face.
            format!(
                "{} · {}",
                kind_words(lang, d.kind),
                crate::i18n::text(lang, "doc-composition-declaration", &[])
            )
        } else {
            kind_words(lang, d.kind)
        },
        status,
        status_class,
        back,
        facts,
        lines,
        totals: totals_view(lang, d),
        paid: d.amount_paid.to_inr(),
        balance: d.balance_due().to_inr(),
        has_balance: d.balance_due().get() > 0,
        is_draft: d.status == DocStatus::Draft,
        is_issued: d.status == DocStatus::Issued,
        is_note: d.kind.is_note(),
        can_edit: member.as_role::<Accountant>().is_some(),
        customer_id: d.customer_id.to_string(),
        notes,
        pdf_href: format!(
            "/orgs/{org_id}/{}/{}/pdf",
            if d.kind.is_note() {
                "notes"
            } else {
                "invoices"
            },
            d.id
        ),
        mail_on: app.services.mail_on(),
        upi: if d.status == DocStatus::Issued {
            upi_view(app, member, &chrome, d).await?
        } else {
            None
        },
        share: if d.status == DocStatus::Issued && !d.kind.is_note() {
            Some(super::sharing::view(app, member, &chrome, d.id).await?)
        } else {
            None
        },
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn issue(
    member: Member<Accountant>,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<InvoicePath>,
) -> Result<Response, HttpError> {
    let invoice = invoices::issue(&app.services, &member, path.id).await?;
    let number = invoice.doc.number.clone().unwrap_or_default();
    let notice = Message::new("notice-invoice-issued").arg("number", number);
    let to = format!("/orgs/{}/invoices/{}", member.org_id(), path.id);
    Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
}

fn void_confirmation(
    chrome: Chrome,
    org: &str,
    d: &SalesDocument,
    reason: String,
    errors: FormErrors,
) -> Confirm {
    let back = format!("/orgs/{org}/invoices/{}", d.id);
    let number = d.number.clone().unwrap_or_default();
    Confirm::void(chrome, back, "invoice", &number, reason, errors)
}

pub async fn confirm_void(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<InvoicePath>,
) -> Result<Response, HttpError> {
    let invoice = invoices::get(&app.services, &member, path.id).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "sales").await?;
    let org = member.org_id().to_string();
    Ok(void_confirmation(
        chrome,
        &org,
        &invoice.doc,
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
    Path(path): Path<InvoicePath>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let current = invoices::get(s, &member, path.id).await?;
    match invoices::void(s, &member, path.id, &form.reason).await {
        Ok(invoice) => {
            let number = invoice.doc.number.clone().unwrap_or_default();
            let notice = Message::new("notice-invoice-voided").arg("number", number);
            let to = format!("/orgs/{}/invoices/{}", member.org_id(), path.id);
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            let chrome = Chrome::for_org(&app, &frame, &member, "sales").await?;
            let org = member.org_id().to_string();
            Ok(void_confirmation(chrome, &org, &current.doc, form.reason, errors).respond())
        }
    }
}

fn delete_confirmation(
    chrome: Chrome,
    org: &str,
    d: &SalesDocument,
    errors: FormErrors,
) -> Confirm {
    let back = format!("/orgs/{org}/invoices/{}", d.id);
    Confirm {
        title: chrome.t1("confirm-delete-draft-title", "name", &d.buyer_name),
        explanation: chrome.t("confirm-delete-draft-why"),
        action: format!("{back}/delete"),
        confirm: chrome.t("confirm-delete-draft"),
        cancel: back,
        ask_reason: false,
        reason: String::new(),
        errors,
        chrome,
    }
}

pub async fn confirm_delete(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<InvoicePath>,
) -> Result<Response, HttpError> {
    let invoice = invoices::get(&app.services, &member, path.id).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "sales").await?;
    let org = member.org_id().to_string();
    Ok(delete_confirmation(chrome, &org, &invoice.doc, FormErrors::default()).respond())
}

pub async fn delete(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<InvoicePath>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let current = invoices::get(s, &member, path.id).await?;
    match invoices::delete(s, &member, path.id).await {
        Ok(()) => {
            let notice =
                Message::new("notice-draft-deleted").arg("name", current.doc.buyer_name.as_str());
            let to = format!("/orgs/{}/invoices", member.org_id());
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            let chrome = Chrome::for_org(&app, &frame, &member, "sales").await?;
            let org = member.org_id().to_string();
            Ok(delete_confirmation(chrome, &org, &current.doc, errors).respond())
        }
    }
}
