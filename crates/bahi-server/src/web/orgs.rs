//! A business's pages: its dashboard (with the first-run checklist), its settings, and adding a
//! business (CA firms keep many clients under one login).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::identity::validate::OrgInput;
use bahi_app::identity::{invitations, members, orgs, zones};
use bahi_app::{Admin, Message, Viewer};
use bahi_store::identity::orgs::Organisation;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame, role_words};
use super::notices;
use super::respond::{render, see_other};
use super::sessions::states;
use crate::http::{HttpError, Member, Signed};
use crate::state::AppState;

pub struct Step {
    pub title: String,
    pub why: String,
    pub href: String,
    pub done: bool,
}

#[derive(Template)]
#[template(path = "org.html")]
struct Overview {
    chrome: Chrome,
    org: Organisation,
    state: String,
    role_words: String,
    steps: Vec<Step>,
    all_done: bool,
    /// What is owed either way and this month's tax, once the business invoices.
    figures: Vec<Figure>,
    can_invoice: bool,
}

/// One figure of the dashboard.
pub struct Figure {
    pub label: String,
    pub amount: String,
    pub note: String,
    pub href: String,
}

/// The business's dashboard. Until it has issued its first invoice it shows the next steps,
/// each linked, each ticked when done; then what is owed either way and this month's tax.
pub async fn overview(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let org = orgs::get(s, &member).await?;
    let state = format!("{} {}", org.state_code, org.state_code.name());
    let chrome = Chrome::for_org(&app, &frame, &member, "dashboard").await?;
    let details_done = org.address.is_some() && (org.phone.is_some() || org.email.is_some());
    let team = members::list(s, &member).await?.len();
    let invited = match member.as_role::<Admin>() {
        Some(admin) => !invitations::open(s, &admin).await?.is_empty(),
        None => false,
    };
    let several = chrome.orgs.len() > 1;
    let figures = bahi_app::sales::dashboard::figures(s, &member).await?;
    let id = member.org_id();
    let steps = vec![
        Step {
            title: chrome.t("checklist-details"),
            why: chrome.t("checklist-details-why"),
            href: format!("/orgs/{id}/settings"),
            done: details_done,
        },
        Step {
            title: chrome.t("checklist-team"),
            why: chrome.t("checklist-team-why"),
            href: format!("/orgs/{id}/members"),
            done: team > 1 || invited,
        },
        Step {
            title: chrome.t("checklist-another"),
            why: chrome.t("checklist-another-why"),
            href: "/orgs/new".to_owned(),
            done: several,
        },
        Step {
            title: chrome.t("checklist-invoice"),
            why: chrome.t("checklist-invoice-why"),
            href: format!("/orgs/{id}/invoices/new"),
            done: figures.invoiced,
        },
    ];
    // The checklist is for a business's first days: it gives way once an invoice is issued.
    let all_done = figures.invoiced || steps.iter().all(|s| s.done);
    let lang = frame.lang;
    let month = super::format::month(lang, figures.period.first_day());
    let cards = vec![
        Figure {
            label: chrome.t("figure-receivables"),
            amount: figures.receivables.due.to_inr(),
            note: String::new(),
            href: format!("/orgs/{id}/invoices?status=issued"),
        },
        Figure {
            label: chrome.t("figure-overdue"),
            amount: figures.receivables.overdue.to_inr(),
            note: chrome.t1(
                "figure-overdue-count",
                "count",
                figures.receivables.overdue_count,
            ),
            href: format!("/orgs/{id}/invoices?status=issued"),
        },
        Figure {
            label: chrome.t("figure-payables"),
            amount: figures.payables.to_inr(),
            note: String::new(),
            href: format!("/orgs/{id}/payments"),
        },
        Figure {
            label: chrome.t1("figure-output-tax", "month", &month),
            amount: figures.output_tax.to_inr(),
            note: String::new(),
            href: format!("/orgs/{id}/invoices"),
        },
        Figure {
            label: chrome.t1("figure-input-tax", "month", &month),
            amount: figures.input_tax.to_inr(),
            note: String::new(),
            href: format!("/orgs/{id}/payments"),
        },
    ];
    let page = Overview {
        role_words: role_words(frame.lang, member.role()),
        chrome,
        org,
        state,
        steps,
        all_done,
        figures: if figures.invoiced { cards } else { Vec::new() },
        can_invoice: member.as_role::<bahi_app::Accountant>().is_some(),
    };
    Ok(render(StatusCode::OK, &page))
}

/// One text field of the settings form.
pub struct TextField {
    pub name: &'static str,
    pub value: String,
    pub kind: &'static str,
    pub autocomplete: &'static str,
    pub required: bool,
}

#[derive(Template)]
#[template(path = "org_settings.html")]
struct SettingsPage {
    chrome: Chrome,
    org_id: String,
    org_name: String,
    can_edit: bool,
    text_fields: Vec<TextField>,
    /// Bank account, signatory and terms: what documents print under the totals.
    printed_fields: Vec<TextField>,
    state_code: String,
    time_zone: String,
    states: Vec<(String, &'static str)>,
    zones: Vec<(&'static str, String)>,
    round_off_totals: bool,
    composition: bool,
    quarterly_returns: bool,
    turnover_above_5_crore: bool,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct SettingsForm {
    /// A checkbox: present when ticked.
    #[serde(default)]
    round_off_totals: Option<String>,
    #[serde(default)]
    composition: Option<String>,
    #[serde(default)]
    quarterly_returns: Option<String>,
    #[serde(default)]
    turnover_above_5_crore: Option<String>,
    #[serde(default)]
    legal_name: String,
    #[serde(default)]
    trade_name: String,
    #[serde(default)]
    gstin: String,
    #[serde(default)]
    state_code: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    upi_vpa: String,
    #[serde(default)]
    bank_name: String,
    #[serde(default)]
    bank_account_number: String,
    #[serde(default)]
    bank_ifsc: String,
    #[serde(default)]
    invoice_terms: String,
    #[serde(default)]
    signatory: String,
}

impl SettingsForm {
    fn of(org: &Organisation) -> Self {
        Self {
            legal_name: org.legal_name.clone(),
            trade_name: org.trade_name.clone().unwrap_or_default(),
            gstin: org
                .gstin
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            state_code: org.state_code.to_string(),
            address: org.address.clone().unwrap_or_default(),
            phone: org.phone.clone().unwrap_or_default(),
            email: org.email.clone().unwrap_or_default(),
            time_zone: org.time_zone.clone(),
            upi_vpa: org.upi_vpa.clone().unwrap_or_default(),
            bank_name: org.bank_name.clone().unwrap_or_default(),
            bank_account_number: org.bank_account_number.clone().unwrap_or_default(),
            bank_ifsc: org.bank_ifsc.clone().unwrap_or_default(),
            invoice_terms: org.invoice_terms.clone().unwrap_or_default(),
            signatory: org.signatory.clone().unwrap_or_default(),
            round_off_totals: org.round_off_totals.then(|| "on".to_owned()),
            composition: org.composition.then(|| "on".to_owned()),
            quarterly_returns: org.quarterly_returns.then(|| "on".to_owned()),
            turnover_above_5_crore: org.turnover_above_5_crore.then(|| "on".to_owned()),
        }
    }

    /// Every setting is on the form, so the form is the whole input.
    fn input(&self) -> OrgInput {
        let some = |s: &str| Some(s.to_owned());
        OrgInput {
            legal_name: self.legal_name.clone(),
            trade_name: some(&self.trade_name),
            gstin: some(&self.gstin),
            state_code: some(&self.state_code),
            address: some(&self.address),
            upi_vpa: some(&self.upi_vpa),
            round_off_totals: Some(self.round_off_totals.is_some()),
            composition: Some(self.composition.is_some()),
            phone: some(&self.phone),
            email: some(&self.email),
            time_zone: some(&self.time_zone),
            bank_name: some(&self.bank_name),
            bank_account_number: some(&self.bank_account_number),
            bank_ifsc: some(&self.bank_ifsc),
            invoice_terms: some(&self.invoice_terms),
            signatory: some(&self.signatory),
            quarterly_returns: Some(self.quarterly_returns.is_some()),
            turnover_above_5_crore: Some(self.turnover_above_5_crore.is_some()),
        }
    }
}

async fn settings_page(
    app: &AppState,
    frame: &Frame,
    member: &Member<Viewer>,
    form: SettingsForm,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let chrome = Chrome::for_org(app, frame, member, "settings").await?;
    let field = |name, value: &str, kind, autocomplete, required| TextField {
        name,
        value: value.to_owned(),
        kind,
        autocomplete,
        required,
    };
    let text_fields = vec![
        field("legal_name", &form.legal_name, "text", "organization", true),
        field("trade_name", &form.trade_name, "text", "off", false),
        field("gstin", &form.gstin, "text", "off", false),
        field("address", &form.address, "text", "street-address", false),
        field("phone", &form.phone, "tel", "tel", false),
        field("email", &form.email, "email", "email", false),
    ];
    let printed_fields = vec![
        field("upi_vpa", &form.upi_vpa, "text", "off", false),
        field("bank_name", &form.bank_name, "text", "off", false),
        field(
            "bank_account_number",
            &form.bank_account_number,
            "text",
            "off",
            false,
        ),
        field("bank_ifsc", &form.bank_ifsc, "text", "off", false),
        field("signatory", &form.signatory, "text", "name", false),
        field("invoice_terms", &form.invoice_terms, "text", "off", false),
    ];
    let zones = zones::ZONES
        .iter()
        .map(|(name, _, short)| (*name, format!("{short} — {name}")))
        .collect();
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = SettingsPage {
        org_id: member.org_id().to_string(),
        org_name: member.org().legal_name.clone(),
        can_edit: member.as_role::<Admin>().is_some(),
        chrome,
        text_fields,
        printed_fields,
        state_code: form.state_code,
        time_zone: form.time_zone,
        states: states(),
        zones,
        round_off_totals: form.round_off_totals.is_some(),
        composition: form.composition.is_some(),
        quarterly_returns: form.quarterly_returns.is_some(),
        turnover_above_5_crore: form.turnover_above_5_crore.is_some(),
        errors,
    };
    Ok(render(status, &page))
}

pub async fn settings(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    let org = orgs::get(&app.services, &member).await?;
    settings_page(
        &app,
        &frame,
        &member,
        SettingsForm::of(&org),
        FormErrors::default(),
    )
    .await
}

pub async fn save_settings(
    member: Member<Admin>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Form(form): Form<SettingsForm>,
) -> Result<Response, HttpError> {
    match orgs::update(&app.services, &member, &form.input()).await {
        Ok(org) => {
            let notice = Message::new("notice-settings-saved").arg("name", org.legal_name.as_str());
            let jar = notices::leave(jar, &notice);
            Ok((jar, see_other(&format!("/orgs/{}", org.id))).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            let viewer = Member(
                member
                    .as_role::<Viewer>()
                    .ok_or(bahi_app::Error::NotFound)?,
            );
            settings_page(&app, &frame, &viewer, form, errors).await
        }
    }
}

#[derive(Template)]
#[template(path = "org_new.html")]
struct NewBusiness {
    chrome: Chrome,
    form: NewBusinessForm,
    errors: FormErrors,
    states: Vec<(String, &'static str)>,
}

#[derive(Debug, Default, Deserialize)]
pub struct NewBusinessForm {
    #[serde(default)]
    legal_name: String,
    #[serde(default)]
    gstin: String,
    #[serde(default)]
    state_code: String,
}

pub async fn new_business(
    State(app): State<AppState>,
    _signed: Signed,
    frame: Frame,
) -> Result<Response, HttpError> {
    let page = NewBusiness {
        chrome: Chrome::new(&app, &frame, "businesses").await?,
        form: NewBusinessForm::default(),
        errors: FormErrors::default(),
        states: states(),
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn create_business(
    State(app): State<AppState>,
    Signed(actor): Signed,
    frame: Frame,
    jar: CookieJar,
    Form(form): Form<NewBusinessForm>,
) -> Result<Response, HttpError> {
    let input = OrgInput {
        legal_name: form.legal_name.clone(),
        gstin: Some(form.gstin.clone()),
        state_code: Some(form.state_code.clone()),
        ..OrgInput::default()
    };
    match orgs::create(&app.services, &actor, &input).await {
        Ok(org) => {
            let notice = Message::new("notice-business-added").arg("name", org.legal_name.as_str());
            let jar = notices::leave(jar, &notice);
            Ok((jar, see_other(&format!("/orgs/{}", org.id))).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            let page = NewBusiness {
                chrome: Chrome::new(&app, &frame, "businesses").await?,
                form,
                errors,
                states: states(),
            };
            Ok(render(page.errors.status(), &page))
        }
    }
}
