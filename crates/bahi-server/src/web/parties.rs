//! The parties pages: the list (search, customers or vendors, archived, a page at a time), a
//! new party, a party's details (edit, archive or restore, delete after a confirmation).
//! Viewers see the details without the form.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::masters::parties::{self, AddressInput, PartyInput};
use bahi_app::{Accountant, AtLeast, Error, FieldErrors, Message, OrgCtx, Viewer};
use bahi_gst::Registration;
use bahi_store::masters::parties::{Party, PartyKind, PartyQuery};
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::confirm::Confirm;
use super::form::{Field, Input};
use super::notices;
use super::respond::{render, see_other};
use crate::http::extract::{Paging, Path, Query, name_position};
use crate::http::paths::PartyPath;
use crate::http::{HttpError, Member};
use crate::i18n::Lang;
use crate::state::AppState;

pub struct PartyRow {
    pub href: String,
    pub name: String,
    pub kind: String,
    pub gstin: String,
    pub state: String,
    pub phone: String,
    pub archived: bool,
}

#[derive(Template)]
#[template(path = "parties.html")]
struct ListPage {
    chrome: Chrome,
    org_id: String,
    rows: Vec<PartyRow>,
    can_edit: bool,
    q: String,
    kind: String,
    archived: bool,
    kinds: Vec<(String, String)>,
    /// The next page's address, filters kept.
    next: Option<String>,
    filtered: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListFilter {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    archived: String,
}

pub(super) fn kind_words(lang: Lang, kind: PartyKind) -> String {
    crate::i18n::text(lang, &format!("party-kind-{}", kind.as_str()), &[])
}

fn registration_words(lang: Lang, r: Registration) -> String {
    crate::i18n::text(lang, &format!("registration-{}", r.as_str()), &[])
}

fn state_words(code: Option<bahi_gst::StateCode>) -> String {
    code.map(|s| format!("{s} {}", s.name()))
        .unwrap_or_default()
}

pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    paging: Paging,
    Query(filter): Query<ListFilter>,
) -> Result<Response, HttpError> {
    let lang = frame.lang;
    let kind = PartyKind::parse(&filter.kind);
    let archived = filter.archived == "yes";
    let query = PartyQuery {
        kind,
        q: Some(filter.q.clone()),
        include_archived: archived,
        after: paging.after_name()?,
        limit: paging.fetch(),
    };
    let rows = parties::list(&app.services, &member, &query).await?;
    let org_id = member.org_id().to_string();
    let page = paging.page(
        rows,
        |p| name_position(p.id, &p.search_name),
        |p| PartyRow {
            href: format!("/orgs/{org_id}/parties/{}", p.id),
            kind: kind_words(lang, p.kind),
            gstin: p
                .gstin
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            state: state_words(p.state_code),
            phone: p.phone.clone().unwrap_or_default(),
            archived: p.archived_at.is_some(),
            name: p.name,
        },
    );
    let filters = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &filter.q)
        .append_pair("kind", &filter.kind)
        .append_pair("archived", &filter.archived)
        .finish();
    let mut kinds = vec![(String::new(), crate::i18n::text(lang, "parties-all", &[]))];
    kinds.extend(
        [PartyKind::Customer, PartyKind::Vendor]
            .into_iter()
            .map(|k| (k.as_str().to_owned(), kind_words(lang, k))),
    );
    let view = ListPage {
        chrome: Chrome::for_org(&app, &frame, &member, "parties").await?,
        can_edit: member.as_role::<Accountant>().is_some(),
        next: page
            .next_cursor
            .map(|c| format!("/orgs/{org_id}/parties?{filters}&cursor={c}")),
        rows: page.items,
        filtered: !filter.q.trim().is_empty() || kind.is_some() || archived,
        org_id,
        q: filter.q,
        kind: kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
        archived,
        kinds,
    };
    Ok(render(StatusCode::OK, &view))
}

/// The party form as typed.
#[derive(Debug, Default, Deserialize)]
pub struct PartyForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    registration: String,
    #[serde(default)]
    gstin: String,
    #[serde(default)]
    state_code: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    billing_line1: String,
    #[serde(default)]
    billing_line2: String,
    #[serde(default)]
    billing_city: String,
    #[serde(default)]
    billing_pincode: String,
    #[serde(default)]
    billing_state_code: String,
}

impl PartyForm {
    fn fresh() -> Self {
        Self {
            kind: PartyKind::Customer.as_str().to_owned(),
            registration: Registration::Regular.as_str().to_owned(),
            ..Self::default()
        }
    }

    fn of(p: &Party) -> Self {
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        Self {
            name: p.name.clone(),
            kind: p.kind.as_str().to_owned(),
            registration: p.registration.as_str().to_owned(),
            gstin: p
                .gstin
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            state_code: p.state_code.map(|s| s.to_string()).unwrap_or_default(),
            country: text(&p.country),
            email: text(&p.email),
            phone: text(&p.phone),
            billing_line1: text(&p.billing_line1),
            billing_line2: text(&p.billing_line2),
            billing_city: text(&p.billing_city),
            billing_pincode: text(&p.billing_pincode),
            billing_state_code: p
                .billing_state_code
                .map(|s| s.to_string())
                .unwrap_or_default(),
        }
    }

    /// The use case's input; a kind or registration that is not one is an error on its field.
    fn input(&self) -> Result<PartyInput, Error> {
        let mut errors = FieldErrors::default();
        let kind = PartyKind::parse(&self.kind);
        if kind.is_none() {
            errors.push(
                "kind",
                Message::new("json-one-of").arg("choices", "customer, vendor, both"),
            );
        }
        let registration = Registration::parse(&self.registration);
        if registration.is_none() {
            errors.push(
                "registration",
                Message::new("json-one-of").arg(
                    "choices",
                    "regular, composition, uin, sez, unregistered, overseas",
                ),
            );
        }
        errors.check()?;
        let some = |s: &str| Some(s.to_owned());
        Ok(PartyInput {
            name: self.name.clone(),
            kind: kind.unwrap_or(PartyKind::Customer),
            registration: registration.unwrap_or(Registration::Regular),
            gstin: some(&self.gstin),
            state_code: some(&self.state_code),
            country: some(&self.country),
            email: some(&self.email),
            phone: some(&self.phone),
            billing: AddressInput {
                line1: some(&self.billing_line1),
                line2: some(&self.billing_line2),
                city: some(&self.billing_city),
                pincode: some(&self.billing_pincode),
                state_code: some(&self.billing_state_code),
            },
        })
    }
}

#[derive(Template)]
#[template(path = "party.html")]
struct PartyPage {
    chrome: Chrome,
    org_id: String,
    /// `None` for a new party.
    party: Option<PartyView>,
    can_edit: bool,
    who: Vec<Field>,
    tax: Vec<Field>,
    contact: Vec<Field>,
    address: Vec<Field>,
    errors: FormErrors,
}

pub struct PartyView {
    pub id: String,
    pub name: String,
    pub archived: bool,
    /// Read-only facts for viewers: (label, value).
    pub facts: Vec<(String, String)>,
}

fn states_with_blank(chrome: &Chrome, blank: &str) -> Vec<(String, String)> {
    let mut states = vec![(String::new(), chrome.t(blank))];
    states.extend(
        super::sessions::states()
            .into_iter()
            .map(|(code, name)| (code.clone(), format!("{code} {name}"))),
    );
    states
}

#[allow(clippy::too_many_arguments)]
async fn party_page<R: AtLeast<Viewer>>(
    app: &AppState,
    frame: &Frame,
    member: &OrgCtx<R>,
    party: Option<&Party>,
    form: &PartyForm,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let chrome = Chrome::for_org(app, frame, member, "parties").await?;
    let lang = frame.lang;
    let f = |field: &str, name, value: &str, input| {
        Field::new(&chrome, &errors, field, name, value, input)
    };
    let kinds = PartyKind::ALL
        .into_iter()
        .map(|k| (k.as_str().to_owned(), kind_words(lang, k)))
        .collect();
    let registrations = Registration::ALL
        .into_iter()
        .map(|r| (r.as_str().to_owned(), registration_words(lang, r)))
        .collect();
    let who = vec![
        f("name", "name", &form.name, Input::Text("text"))
            .required()
            .autocomplete("organization"),
        f("kind", "kind", &form.kind, Input::Select(kinds)).required(),
    ];
    let tax = vec![
        f(
            "registration",
            "registration",
            &form.registration,
            Input::Select(registrations),
        )
        .required(),
        f("gstin", "gstin", &form.gstin, Input::Text("text")).hint(chrome.t("party-gstin-hint")),
        f(
            "state_code",
            "state_code",
            &form.state_code,
            Input::Select(states_with_blank(&chrome, "signup-state-from-gstin")),
        )
        .hint(chrome.t("party-state-hint")),
        f("country", "country", &form.country, Input::Text("text"))
            .hint(chrome.t("party-country-hint"))
            .autocomplete("country-name"),
    ];
    let contact = vec![
        f("email", "email", &form.email, Input::Text("email")).autocomplete("email"),
        f("phone", "phone", &form.phone, Input::Text("tel")).autocomplete("tel"),
    ];
    let address = vec![
        f(
            "billing_address.line1",
            "billing_line1",
            &form.billing_line1,
            Input::Text("text"),
        )
        .autocomplete("address-line1"),
        f(
            "billing_address.line2",
            "billing_line2",
            &form.billing_line2,
            Input::Text("text"),
        )
        .autocomplete("address-line2"),
        f(
            "billing_address.city",
            "billing_city",
            &form.billing_city,
            Input::Text("text"),
        )
        .autocomplete("address-level2"),
        f(
            "billing_address.pincode",
            "billing_pincode",
            &form.billing_pincode,
            Input::Text("text"),
        )
        .autocomplete("postal-code"),
        f(
            "billing_address.state_code",
            "billing_state_code",
            &form.billing_state_code,
            Input::Select(states_with_blank(&chrome, "form-choose")),
        ),
    ];
    let view = party.map(|p| PartyView {
        id: p.id.to_string(),
        name: p.name.clone(),
        archived: p.archived_at.is_some(),
        facts: [&who, &tax, &contact, &address]
            .into_iter()
            .flatten()
            .map(|field| (field.label.clone(), shown(field)))
            .filter(|(_, v)| !v.is_empty())
            .collect(),
    });
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = PartyPage {
        chrome,
        org_id: member.org_id().to_string(),
        party: view,
        can_edit: member.as_role::<Accountant>().is_some(),
        who,
        tax,
        contact,
        address,
        errors,
    };
    Ok(render(status, &page))
}

/// A field's value as a reader sees it (a select's words, not its code).
pub(super) fn shown(field: &Field) -> String {
    match &field.input {
        Input::Select(options) => options
            .iter()
            .find(|(v, _)| *v == field.value && !v.is_empty())
            .map(|(_, words)| words.clone())
            .unwrap_or_default(),
        _ => field.value.clone(),
    }
}

pub async fn new_form(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    party_page(
        &app,
        &frame,
        &member,
        None,
        &PartyForm::fresh(),
        FormErrors::default(),
    )
    .await
}

pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Form(form): Form<PartyForm>,
) -> Result<Response, HttpError> {
    let attempt = async {
        let input = form.input()?;
        parties::create(&app.services, &member, &input).await
    };
    match attempt.await {
        Ok(party) => {
            let notice = Message::new("notice-party-added").arg("name", party.name.as_str());
            let to = format!("/orgs/{}/parties", member.org_id());
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            party_page(&app, &frame, &member, None, &form, errors).await
        }
    }
}

pub async fn show(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<PartyPath>,
) -> Result<Response, HttpError> {
    let party = parties::get(&app.services, &member, path.id).await?;
    party_page(
        &app,
        &frame,
        &member,
        Some(&party),
        &PartyForm::of(&party),
        FormErrors::default(),
    )
    .await
}

pub async fn save(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<PartyPath>,
    Form(form): Form<PartyForm>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let current = parties::get(s, &member, path.id).await?;
    let attempt = async {
        let input = form.input()?;
        parties::update(s, &member, path.id, &input).await
    };
    match attempt.await {
        Ok(party) => {
            let notice = Message::new("notice-party-saved").arg("name", party.name.as_str());
            let to = format!("/orgs/{}/parties", member.org_id());
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            party_page(&app, &frame, &member, Some(&current), &form, errors).await
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ArchiveForm {
    #[serde(default)]
    archived: String,
}

/// Archive or restore: reversible, so no confirmation.
pub async fn archive(
    member: Member<Accountant>,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<PartyPath>,
    Form(form): Form<ArchiveForm>,
) -> Result<Response, HttpError> {
    let archived = form.archived == "yes";
    let party = parties::set_archived(&app.services, &member, path.id, archived).await?;
    let id = if archived {
        "notice-party-archived"
    } else {
        "notice-party-restored"
    };
    let notice = Message::new(id).arg("name", party.name.as_str());
    let to = format!("/orgs/{}/parties/{}", member.org_id(), party.id);
    Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
}

fn delete_confirmation(chrome: Chrome, org: &str, party: &Party, errors: FormErrors) -> Confirm {
    let back = format!("/orgs/{org}/parties/{}", party.id);
    Confirm {
        title: chrome.t1("confirm-delete-party-title", "name", &party.name),
        explanation: chrome.t("confirm-delete-party-why"),
        action: format!("{back}/delete"),
        confirm: chrome.t1("confirm-delete-party", "name", &party.name),
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
    Path(path): Path<PartyPath>,
) -> Result<Response, HttpError> {
    let party = parties::get(&app.services, &member, path.id).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "parties").await?;
    let org = member.org_id().to_string();
    Ok(delete_confirmation(chrome, &org, &party, FormErrors::default()).respond())
}

pub async fn delete(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<PartyPath>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let party = parties::get(s, &member, path.id).await?;
    match parties::delete(s, &member, path.id).await {
        Ok(()) => {
            let notice = Message::new("notice-party-deleted").arg("name", party.name.as_str());
            let to = format!("/orgs/{}/parties", member.org_id());
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            // In use: the confirmation page says why, and offers the way back.
            let errors = FormErrors::from_error(e, frame.lang)?;
            let chrome = Chrome::for_org(&app, &frame, &member, "parties").await?;
            let org = member.org_id().to_string();
            Ok(delete_confirmation(chrome, &org, &party, errors).respond())
        }
    }
}
