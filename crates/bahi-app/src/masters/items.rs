//! Items: the HSN/SAC fits the kind, the unit is GSTN's, the rates are GST's (GST.md §5).

use bahi_gst::hsn::HsnError;
use bahi_gst::rates::{RateError, check_cess, check_gst_rate};
use bahi_gst::uqc::UqcError;
use bahi_gst::{HsnSac, Paise, Rate, SupplyKind, Treatment, Uqc};
use bahi_store::keys;
use bahi_store::masters::ItemId;
use bahi_store::masters::items::{self, Item, ItemFields, ItemQuery};

use crate::audit::{Entity, Event, record};
use crate::fields::{self, optional};
use crate::{Accountant, AtLeast, Error, FieldErrors, Message, OrgCtx, Services, Viewer};

/// An item as a client gives it. Money and rates are text (`"333.33"`, `"18"`), as API.md
/// writes them.
#[derive(Debug, Clone)]
pub struct ItemInput {
    pub name: String,
    pub kind: SupplyKind,
    pub hsn_sac: String,
    pub unit: Option<String>,
    pub price: String,
    pub gst_rate: String,
    pub treatment: Option<Treatment>,
    pub cess_rate: Option<String>,
}

pub(crate) fn hsn_message(error: &HsnError) -> Message {
    match error {
        HsnError::Digits(code) => Message::new("hsn-digits").arg("code", code.as_str()),
        HsnError::Length(code, n) => Message::new("hsn-length")
            .arg("code", code.as_str())
            .arg("count", *n),
        HsnError::ServiceCodeForGoods(code) => {
            Message::new("hsn-service-for-goods").arg("code", code.as_str())
        }
        HsnError::GoodsCodeForService(code) => {
            Message::new("hsn-goods-for-service").arg("code", code.as_str())
        }
    }
}

pub(crate) fn rate_message(error: &RateError) -> Message {
    match error {
        RateError::NotAGstRate { rate, date } => Message::new("rate-not-gst")
            .arg("rate", rate.to_string())
            .arg("date", date.to_string()),
        RateError::CessEnded => Message::new("cess-ended"),
        RateError::CessOnlyForTobacco => Message::new("cess-only-tobacco"),
    }
}

fn uqc_message(error: &UqcError) -> Message {
    Message::new("unit-not-uqc").arg("unit", error.0.as_str())
}

/// Checks an item against the rates in force `today`; every problem at once.
pub fn validate(input: &ItemInput, today: time::Date) -> Result<ItemFields, Error> {
    let mut errors = FieldErrors::default();
    let name = fields::name("name", &input.name, 200, &mut errors);
    let hsn_sac = match HsnSac::parse_for(input.kind, &input.hsn_sac) {
        Ok(code) => Some(code),
        Err(e) => {
            let message = if input.hsn_sac.trim().is_empty() {
                Message::new("field-required")
            } else {
                hsn_message(&e)
            };
            errors.push("hsn_sac", message);
            None
        }
    };
    let unit = match optional(input.unit.as_ref()) {
        Some(text) => match Uqc::parse(&text) {
            Ok(u) => Some(u),
            Err(e) => {
                errors.push("unit", uqc_message(&e));
                None
            }
        },
        None => {
            if input.kind == SupplyKind::Goods {
                errors.push("unit", Message::new("unit-required-for-goods"));
            }
            None
        }
    };
    let price = match Paise::parse(&input.price) {
        Ok(p) if p.get() < 0 => {
            errors.push("price", Message::new("money-negative"));
            None
        }
        Ok(p) => Some(p),
        Err(_) => {
            errors.push("price", Message::new("money-invalid"));
            None
        }
    };
    let treatment = input.treatment.unwrap_or_default();
    let gst_rate = match Rate::parse(&input.gst_rate) {
        Ok(rate) if treatment != Treatment::Taxable && !rate.is_zero() => {
            errors.push(
                "gst_rate",
                Message::new("rate-not-taxable").arg("treatment", treatment.as_str()),
            );
            None
        }
        Ok(rate) => match check_gst_rate(today, rate) {
            Ok(_) => Some(rate),
            Err(e) => {
                errors.push("gst_rate", rate_message(&e));
                None
            }
        },
        Err(_) => {
            errors.push("gst_rate", Message::new("rate-invalid"));
            None
        }
    };
    let cess_rate = match optional(input.cess_rate.as_ref()) {
        None => Some(Rate::ZERO),
        Some(text) => match Rate::parse(&text) {
            Ok(rate) => match check_cess(today, rate, hsn_sac.as_ref()) {
                Ok(()) => Some(rate),
                Err(e) => {
                    errors.push("cess_rate", rate_message(&e));
                    None
                }
            },
            Err(_) => {
                errors.push("cess_rate", Message::new("rate-invalid"));
                None
            }
        },
    };
    errors.check()?;
    match (hsn_sac, price, gst_rate, cess_rate) {
        (Some(hsn_sac), Some(price), Some(gst_rate), Some(cess_rate)) => Ok(ItemFields {
            name,
            kind: input.kind,
            hsn_sac,
            unit,
            price,
            gst_rate,
            treatment,
            cess_rate,
        }),
        _ => Err(Error::Internal(
            "an item checked as valid lacks a value".into(),
        )),
    }
}

fn stored(error: bahi_store::StoreError) -> Error {
    if error.is_duplicate(&keys::ITEMS_NAME) {
        Error::duplicate("name", Message::new("item-name-taken"))
    } else {
        error.into()
    }
}

fn details(i: &Item) -> Vec<(&'static str, String)> {
    vec![("name", i.name.clone())]
}

pub async fn create<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    input: &ItemInput,
) -> Result<Item, Error> {
    let fields = validate(input, org.today())?;
    let mut tx = s.db.begin_write().await?;
    let item = items::create(&mut tx, org.org_id(), &fields)
        .await
        .map_err(stored)?;
    let event = Event {
        action: "item.create",
        entity: Entity("item", Some(item.id.to_string())),
        summary: format!("{} added the item {}", org.user().email, item.name),
        details: details(&item),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(item)
}

pub async fn get<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: ItemId,
) -> Result<Item, Error> {
    items::get(&s.db, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)
}

pub async fn list<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    query: &ItemQuery,
) -> Result<Vec<Item>, Error> {
    Ok(items::list(&s.db, org.org_id(), query).await?)
}

pub async fn update<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: ItemId,
    input: &ItemInput,
) -> Result<Item, Error> {
    let fields = validate(input, org.today())?;
    let mut tx = s.db.begin_write().await?;
    if !items::update(&mut tx, org.org_id(), id, &fields)
        .await
        .map_err(stored)?
    {
        return Err(Error::NotFound);
    }
    let item = items::get(&mut tx, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let event = Event {
        action: "item.update",
        entity: Entity("item", Some(id.to_string())),
        summary: format!("{} changed the item {}", org.user().email, item.name),
        details: details(&item),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(item)
}

pub async fn set_archived<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: ItemId,
    archived: bool,
) -> Result<Item, Error> {
    let mut tx = s.db.begin_write().await?;
    if !items::set_archived(&mut tx, org.org_id(), id, archived)
        .await
        .map_err(stored)?
    {
        return Err(Error::NotFound);
    }
    let item = items::get(&mut tx, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let (action, verb) = if archived {
        ("item.archive", "archived")
    } else {
        ("item.restore", "restored")
    };
    let event = Event {
        action,
        entity: Entity("item", Some(id.to_string())),
        summary: format!("{} {verb} the item {}", org.user().email, item.name),
        details: details(&item),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(item)
}

/// Deletes an item that no document names; one that a document names is a conflict (archive
/// it instead).
pub async fn delete<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: ItemId,
) -> Result<(), Error> {
    let mut tx = s.db.begin_write().await?;
    let item = items::get(&mut tx, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    match items::delete(&mut tx, org.org_id(), id).await {
        Ok(true) => {}
        Ok(false) => return Err(Error::NotFound),
        Err(bahi_store::StoreError::InUse { .. } | bahi_store::StoreError::Reference) => {
            return Err(Error::Conflict(Message::new("item-in-use")));
        }
        Err(e) => return Err(e.into()),
    }
    let event = Event {
        action: "item.delete",
        entity: Entity("item", Some(id.to_string())),
        summary: format!("{} deleted the item {}", org.user().email, item.name),
        details: details(&item),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(())
}
