//! The items pages: the list (search by name or HSN, goods or services, archived), a new item,
//! an item's details (edit, archive or restore, delete after a confirmation).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::masters::items::{self, ItemInput};
use bahi_app::{Accountant, AtLeast, Error, FieldErrors, Message, OrgCtx, Viewer};
use bahi_gst::uqc::UQCS;
use bahi_gst::{SupplyKind, Treatment};
use bahi_store::masters::items::{Item, ItemQuery};
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::confirm::Confirm;
use super::form::{Field, Input};
use super::notices;
use super::respond::{render, see_other};
use crate::http::extract::{Paging, Path, Query, name_position};
use crate::http::paths::ItemPath;
use crate::http::{HttpError, Member};
use crate::i18n::Lang;
use crate::state::AppState;

/// The GST rates a form offers (GST.md §5); the use case checks them against the date.
const RATES: [&str; 13] = [
    "0", "0.1", "0.25", "1", "1.5", "3", "5", "6", "7.5", "12", "18", "28", "40",
];

pub struct ItemRow {
    pub href: String,
    pub name: String,
    pub kind: String,
    pub hsn_sac: String,
    pub unit: String,
    pub price: String,
    pub gst_rate: String,
    pub archived: bool,
}

#[derive(Template)]
#[template(path = "items.html")]
struct ListPage {
    chrome: Chrome,
    org_id: String,
    rows: Vec<ItemRow>,
    can_edit: bool,
    q: String,
    kind: String,
    archived: bool,
    kinds: Vec<(String, String)>,
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

fn kind_words(lang: Lang, kind: SupplyKind) -> String {
    crate::i18n::text(lang, &format!("item-kind-{}", kind.as_str()), &[])
}

fn treatment_words(lang: Lang, t: Treatment) -> String {
    crate::i18n::text(
        lang,
        &format!("treatment-{}", t.as_str().replace('_', "-")),
        &[],
    )
}

pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    paging: Paging,
    Query(filter): Query<ListFilter>,
) -> Result<Response, HttpError> {
    let lang = frame.lang;
    let kind = SupplyKind::parse(&filter.kind);
    let archived = filter.archived == "yes";
    let query = ItemQuery {
        kind,
        q: Some(filter.q.clone()),
        include_archived: archived,
        after: paging.after_name()?,
        limit: paging.fetch(),
    };
    let rows = items::list(&app.services, &member, &query).await?;
    let org_id = member.org_id().to_string();
    let page = paging.page(
        rows,
        |i| name_position(i.id, &i.search_name),
        |i| ItemRow {
            href: format!("/orgs/{org_id}/items/{}", i.id),
            kind: kind_words(lang, i.kind),
            hsn_sac: i.hsn_sac.to_string(),
            unit: i.unit.map(|u| u.to_string()).unwrap_or_default(),
            price: i.price.to_inr(),
            gst_rate: format!("{}%", i.gst_rate),
            archived: i.archived_at.is_some(),
            name: i.name,
        },
    );
    let filters = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &filter.q)
        .append_pair("kind", &filter.kind)
        .append_pair("archived", &filter.archived)
        .finish();
    let mut kinds = vec![(String::new(), crate::i18n::text(lang, "items-all", &[]))];
    kinds.extend(
        [SupplyKind::Goods, SupplyKind::Services]
            .into_iter()
            .map(|k| (k.as_str().to_owned(), kind_words(lang, k))),
    );
    let view = ListPage {
        chrome: Chrome::for_org(&app, &frame, &member, "items").await?,
        can_edit: member.as_role::<Accountant>().is_some(),
        next: page
            .next_cursor
            .map(|c| format!("/orgs/{org_id}/items?{filters}&cursor={c}")),
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

/// The item form as typed.
#[derive(Debug, Default, Deserialize)]
pub struct ItemForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    hsn_sac: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    price: String,
    #[serde(default)]
    gst_rate: String,
    #[serde(default)]
    treatment: String,
    #[serde(default)]
    cess_rate: String,
    /// "Suggest HSN/SAC" was pressed: show suggestions, save nothing.
    #[serde(default)]
    suggest: Option<String>,
    /// A suggestion was taken (`code|rate`): fill it in, save nothing.
    #[serde(default)]
    use_suggestion: Option<String>,
}

/// HSN help on the item form: suggestions to take, or what was just filled in.
pub struct HsnHelpView {
    pub note: String,
    pub items: Vec<HelpRow>,
    /// Say so when there are none (not after one was taken).
    pub asked: bool,
}

pub struct HelpRow {
    /// What its button sends: `code|rate`.
    pub value: String,
    pub button: String,
    pub description: String,
}

impl ItemForm {
    fn fresh() -> Self {
        Self {
            kind: SupplyKind::Goods.as_str().to_owned(),
            unit: "NOS".to_owned(),
            gst_rate: "18".to_owned(),
            treatment: Treatment::Taxable.as_str().to_owned(),
            ..Self::default()
        }
    }

    fn of(i: &Item) -> Self {
        Self {
            name: i.name.clone(),
            kind: i.kind.as_str().to_owned(),
            hsn_sac: i.hsn_sac.to_string(),
            unit: i.unit.map(|u| u.to_string()).unwrap_or_default(),
            price: i.price.to_string(),
            gst_rate: i.gst_rate.to_string(),
            treatment: i.treatment.as_str().to_owned(),
            cess_rate: if i.cess_rate.is_zero() {
                String::new()
            } else {
                i.cess_rate.to_string()
            },
            suggest: None,
            use_suggestion: None,
        }
    }

    fn input(&self) -> Result<ItemInput, Error> {
        let mut errors = FieldErrors::default();
        let kind = SupplyKind::parse(&self.kind);
        if kind.is_none() {
            errors.push(
                "kind",
                Message::new("json-one-of").arg("choices", "goods, services"),
            );
        }
        let treatment = Treatment::parse(&self.treatment);
        if treatment.is_none() {
            errors.push(
                "treatment",
                Message::new("json-one-of").arg("choices", "taxable, nil_rated, exempt, non_gst"),
            );
        }
        errors.check()?;
        Ok(ItemInput {
            name: self.name.clone(),
            kind: kind.unwrap_or(SupplyKind::Goods),
            hsn_sac: self.hsn_sac.clone(),
            unit: Some(self.unit.clone()),
            price: typed_amount(&self.price),
            gst_rate: self.gst_rate.clone(),
            treatment,
            cess_rate: Some(self.cess_rate.clone()),
        })
    }
}

pub struct ItemView {
    pub id: String,
    pub name: String,
    pub archived: bool,
    pub facts: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "item.html")]
struct ItemPage {
    chrome: Chrome,
    org_id: String,
    item: Option<ItemView>,
    can_edit: bool,
    fields: Vec<Field>,
    errors: FormErrors,
    help: Option<HsnHelpView>,
}

async fn item_page<R: AtLeast<Viewer>>(
    app: &AppState,
    frame: &Frame,
    member: &OrgCtx<R>,
    item: Option<&Item>,
    form: &ItemForm,
    errors: FormErrors,
    help: Option<HsnHelpView>,
) -> Result<Response, HttpError> {
    let chrome = Chrome::for_org(app, frame, member, "items").await?;
    let lang = frame.lang;
    let f = |field: &str, value: &str, input| {
        Field::new(&chrome, &errors, field, field_name(field), value, input)
    };
    let kinds = [SupplyKind::Goods, SupplyKind::Services]
        .into_iter()
        .map(|k| (k.as_str().to_owned(), kind_words(lang, k)))
        .collect();
    let mut units = vec![(String::new(), chrome.t("item-no-unit"))];
    units.extend(
        UQCS.iter()
            .map(|(code, name)| ((*code).to_owned(), format!("{code} — {name}"))),
    );
    let rates = RATES
        .iter()
        .map(|r| ((*r).to_owned(), format!("{r}%")))
        .collect();
    let treatments = Treatment::ALL
        .into_iter()
        .map(|t| (t.as_str().to_owned(), treatment_words(lang, t)))
        .collect();
    let fields = vec![
        f("name", &form.name, Input::Text("text")).required(),
        f("kind", &form.kind, Input::Select(kinds)).required(),
        f("hsn_sac", &form.hsn_sac, Input::Text("text"))
            .required()
            .hint(chrome.t("item-hsn-hint")),
        f("unit", &form.unit, Input::Select(units)).hint(chrome.t("item-unit-hint")),
        f("price", &form.price, Input::Decimal)
            .required()
            .hint(chrome.t("item-price-hint")),
        f("gst_rate", &form.gst_rate, Input::Select(rates)).required(),
        f("treatment", &form.treatment, Input::Select(treatments)).required(),
        f("cess_rate", &form.cess_rate, Input::Decimal).hint(chrome.t("item-cess-hint")),
    ];
    let view = item.map(|i| ItemView {
        id: i.id.to_string(),
        name: i.name.clone(),
        archived: i.archived_at.is_some(),
        facts: fields
            .iter()
            .map(|field| (field.label.clone(), super::parties::shown(field)))
            .filter(|(_, v)| !v.is_empty())
            .collect(),
    });
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = ItemPage {
        chrome,
        org_id: member.org_id().to_string(),
        item: view,
        can_edit: member.as_role::<Accountant>().is_some(),
        fields,
        errors,
        help,
    };
    Ok(render(status, &page))
}

/// What a press of the HSN help's buttons does to the form: `Some` (the page to show again,
/// nothing saved) when one was pressed.
async fn hsn_help<R: AtLeast<Viewer>>(
    app: &AppState,
    frame: &Frame,
    member: &OrgCtx<R>,
    item: Option<&Item>,
    form: &mut ItemForm,
) -> Result<Option<Response>, HttpError> {
    let lang = frame.lang;
    if let Some(choice) = form.use_suggestion.take() {
        let Some((code, rate)) = choice.split_once('|') else {
            return Ok(None);
        };
        form.hsn_sac = code.to_owned();
        form.gst_rate = rate.to_owned();
        if let Ok(code) = bahi_gst::HsnSac::parse(code) {
            form.kind = if code.is_service() {
                SupplyKind::Services
            } else {
                SupplyKind::Goods
            }
            .as_str()
            .to_owned();
        }
        let note = crate::i18n::say(
            lang,
            &Message::new("hsn-help-filled")
                .arg("code", code.to_owned())
                .arg("rate", rate.to_owned()),
        );
        let help = HsnHelpView {
            note,
            items: Vec::new(),
            asked: false,
        };
        let page = item_page(
            app,
            frame,
            member,
            item,
            form,
            FormErrors::default(),
            Some(help),
        );
        return Ok(Some(page.await?));
    }
    if form.suggest.take().is_none() {
        return Ok(None);
    }
    // Both kinds: the form starts as goods, and taking a SAC code makes it a service.
    let found = bahi_app::masters::hsn_help::suggest(&app.services, member, &form.name, None).await;
    let found = match found {
        Ok(found) => found,
        Err(Error::Invalid(_)) => {
            let e = Error::field("name", Message::new("hsn-help-short"));
            let errors = FormErrors::from_error(e, lang)?;
            return Ok(Some(
                item_page(app, frame, member, item, form, errors, None).await?,
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let note = match (found.source, found.model_failed) {
        (bahi_app::masters::hsn_help::Source::Model, _) => "hsn-help-from-model",
        (_, true) => "hsn-help-model-failed",
        _ => "hsn-help-from-list",
    };
    let items = found
        .items
        .iter()
        .map(|s| HelpRow {
            value: format!("{}|{}", s.code, s.gst_rate),
            button: crate::i18n::say(
                lang,
                &Message::new("hsn-help-use")
                    .arg("code", s.code.to_string())
                    .arg("rate", s.gst_rate.to_string()),
            ),
            description: s.description.clone(),
        })
        .collect();
    let help = HsnHelpView {
        note: crate::i18n::text(lang, note, &[]),
        items,
        asked: true,
    };
    let page = item_page(
        app,
        frame,
        member,
        item,
        form,
        FormErrors::default(),
        Some(help),
    );
    Ok(Some(page.await?))
}

/// An amount as people type it on a page (`₹1,23,456.50`): the rupee sign, Indian grouping
/// commas and spaces are dropped before the amount is read.
pub(super) fn typed_amount(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ',' | '₹' | ' ' | '\u{a0}'))
        .collect()
}

/// The form's field names are the use case's.
fn field_name(field: &str) -> &'static str {
    match field {
        "name" => "name",
        "kind" => "kind",
        "hsn_sac" => "hsn_sac",
        "unit" => "unit",
        "price" => "price",
        "gst_rate" => "gst_rate",
        "treatment" => "treatment",
        _ => "cess_rate",
    }
}

pub async fn new_form(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    item_page(
        &app,
        &frame,
        &member,
        None,
        &ItemForm::fresh(),
        FormErrors::default(),
        None,
    )
    .await
}

pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Form(mut form): Form<ItemForm>,
) -> Result<Response, HttpError> {
    if let Some(page) = hsn_help(&app, &frame, &member, None, &mut form).await? {
        return Ok(page);
    }
    let attempt = async {
        let input = form.input()?;
        items::create(&app.services, &member, &input).await
    };
    match attempt.await {
        Ok(item) => {
            let notice = Message::new("notice-item-added").arg("name", item.name.as_str());
            let to = format!("/orgs/{}/items", member.org_id());
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            item_page(&app, &frame, &member, None, &form, errors, None).await
        }
    }
}

pub async fn show(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<ItemPath>,
) -> Result<Response, HttpError> {
    let item = items::get(&app.services, &member, path.id).await?;
    item_page(
        &app,
        &frame,
        &member,
        Some(&item),
        &ItemForm::of(&item),
        FormErrors::default(),
        None,
    )
    .await
}

pub async fn save(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<ItemPath>,
    Form(mut form): Form<ItemForm>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let current = items::get(s, &member, path.id).await?;
    if let Some(page) = hsn_help(&app, &frame, &member, Some(&current), &mut form).await? {
        return Ok(page);
    }
    let attempt = async {
        let input = form.input()?;
        items::update(s, &member, path.id, &input).await
    };
    match attempt.await {
        Ok(item) => {
            let notice = Message::new("notice-item-saved").arg("name", item.name.as_str());
            let to = format!("/orgs/{}/items", member.org_id());
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            item_page(&app, &frame, &member, Some(&current), &form, errors, None).await
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ArchiveForm {
    #[serde(default)]
    archived: String,
}

pub async fn archive(
    member: Member<Accountant>,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<ItemPath>,
    Form(form): Form<ArchiveForm>,
) -> Result<Response, HttpError> {
    let archived = form.archived == "yes";
    let item = items::set_archived(&app.services, &member, path.id, archived).await?;
    let id = if archived {
        "notice-item-archived"
    } else {
        "notice-item-restored"
    };
    let notice = Message::new(id).arg("name", item.name.as_str());
    let to = format!("/orgs/{}/items/{}", member.org_id(), item.id);
    Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
}

fn delete_confirmation(chrome: Chrome, org: &str, item: &Item, errors: FormErrors) -> Confirm {
    let back = format!("/orgs/{org}/items/{}", item.id);
    Confirm {
        title: chrome.t1("confirm-delete-item-title", "name", &item.name),
        explanation: chrome.t("confirm-delete-item-why"),
        action: format!("{back}/delete"),
        confirm: chrome.t1("confirm-delete-item", "name", &item.name),
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
    Path(path): Path<ItemPath>,
) -> Result<Response, HttpError> {
    let item = items::get(&app.services, &member, path.id).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "items").await?;
    let org = member.org_id().to_string();
    Ok(delete_confirmation(chrome, &org, &item, FormErrors::default()).respond())
}

pub async fn delete(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<ItemPath>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let item = items::get(s, &member, path.id).await?;
    match items::delete(s, &member, path.id).await {
        Ok(()) => {
            let notice = Message::new("notice-item-deleted").arg("name", item.name.as_str());
            let to = format!("/orgs/{}/items", member.org_id());
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            let chrome = Chrome::for_org(&app, &frame, &member, "items").await?;
            let org = member.org_id().to_string();
            Ok(delete_confirmation(chrome, &org, &item, errors).respond())
        }
    }
}
