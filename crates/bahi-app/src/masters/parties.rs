//! Customers and vendors: validated against their registration (GST.md §1 and §3), each change
//! in one transaction with its audit event.

use bahi_gst::supply::SupplyError;
use bahi_gst::{Gstin, Registration, StateCode};
use bahi_store::keys;
use bahi_store::masters::PartyId;
use bahi_store::masters::parties::{self, Party, PartyFields, PartyKind, PartyQuery};

use crate::audit::{Entity, Event, record};
use crate::fields::{self, gstin_message, optional, optional_text, state_message};
use crate::{Accountant, AtLeast, Error, FieldErrors, Message, OrgCtx, Services, Viewer};

/// A billing address as given.
#[derive(Debug, Clone, Default)]
pub struct AddressInput {
    pub line1: Option<String>,
    pub line2: Option<String>,
    pub city: Option<String>,
    pub pincode: Option<String>,
    pub state_code: Option<String>,
}

/// A party as a client gives it.
#[derive(Debug, Clone)]
pub struct PartyInput {
    pub name: String,
    pub kind: PartyKind,
    pub registration: Registration,
    pub gstin: Option<String>,
    /// Needed for unregistered parties (or the billing address's state); derived from the
    /// GSTIN otherwise; none for overseas parties.
    pub state_code: Option<String>,
    /// Needed for overseas parties.
    pub country: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub billing: AddressInput,
}

fn state(field: &str, text: Option<&String>, errors: &mut FieldErrors) -> Option<StateCode> {
    let text = optional(text)?;
    match StateCode::parse(&text) {
        Ok(s) if s.is_other_countries() => {
            errors.push(field, Message::new("party-state-other-countries"));
            None
        }
        Ok(s) => Some(s),
        Err(e) => {
            errors.push(field, state_message(&e));
            None
        }
    }
}

/// Checks a party; every problem at once, each on its field.
pub fn validate(input: &PartyInput) -> Result<PartyFields, Error> {
    let mut errors = FieldErrors::default();
    let name = fields::name("name", &input.name, 200, &mut errors);
    let registration = input.registration;
    let gstin = match optional(input.gstin.as_ref()) {
        None => {
            if let Err(e) = registration.check_gstin(None) {
                errors.push("gstin", supply_message(&e, registration));
            }
            None
        }
        Some(text) => match Gstin::parse(&text) {
            Ok(g) => match registration.check_gstin(Some(&g)) {
                Ok(()) => Some(g),
                Err(e) => {
                    errors.push("gstin", supply_message(&e, registration));
                    None
                }
            },
            Err(e) => {
                errors.push("gstin", gstin_message(&e));
                None
            }
        },
    };
    let billing_state = state(
        "billing_address.state_code",
        input.billing.state_code.as_ref(),
        &mut errors,
    );
    let given_state = state("state_code", input.state_code.as_ref(), &mut errors);
    let state_code = match registration {
        Registration::Overseas => {
            if given_state.is_some() {
                errors.push("state_code", Message::new("party-overseas-no-state"));
            }
            None
        }
        _ => match (gstin.as_ref().and_then(Gstin::state), given_state) {
            (Some(from_gstin), Some(given)) if from_gstin != given => {
                errors.push(
                    "state_code",
                    Message::new("state-not-gstin")
                        .arg("gstin_state", from_gstin.to_string())
                        .arg("state", given.to_string()),
                );
                None
            }
            (Some(from_gstin), _) => Some(from_gstin),
            (None, Some(given)) => Some(given),
            (None, None) => {
                if billing_state.is_none()
                    && !errors.has("gstin")
                    && !errors.has("state_code")
                    && !errors.has("billing_address.state_code")
                {
                    errors.push("state_code", Message::new("party-state-required"));
                }
                billing_state
            }
        },
    };
    let country = optional_text("country", input.country.as_ref(), 100, &mut errors);
    if registration == Registration::Overseas && country.is_none() {
        errors.push("country", Message::new("party-country-required"));
    }
    let email = optional(input.email.as_ref()).map(|e| fields::email("email", &e, &mut errors));
    let phone = optional(input.phone.as_ref());
    if let Some(p) = &phone {
        fields::phone("phone", p, &mut errors);
    }
    let b = &input.billing;
    let billing_line1 = optional_text("billing_address.line1", b.line1.as_ref(), 200, &mut errors);
    let billing_line2 = optional_text("billing_address.line2", b.line2.as_ref(), 200, &mut errors);
    let billing_city = optional_text("billing_address.city", b.city.as_ref(), 100, &mut errors);
    let billing_pincode = optional(b.pincode.as_ref());
    if let Some(pin) = &billing_pincode
        && registration != Registration::Overseas
    {
        fields::pincode("billing_address.pincode", pin, &mut errors);
    }
    errors.check()?;
    Ok(PartyFields {
        name,
        kind: input.kind,
        registration,
        gstin,
        state_code,
        country,
        email,
        phone,
        billing_line1,
        billing_line2,
        billing_city,
        billing_pincode,
        billing_state_code: billing_state,
    })
}

/// The engine's reason a GSTIN (or its absence) does not fit the registration, in words.
fn supply_message(error: &SupplyError, registration: Registration) -> Message {
    match error {
        SupplyError::GstinRequired(_) => {
            Message::new("party-gstin-required").arg("registration", registration.as_str())
        }
        SupplyError::GstinNotExpected => Message::new("party-gstin-not-expected"),
        SupplyError::GstinShape {
            gstin, described, ..
        } => Message::new("party-gstin-wrong-registration")
            .arg("gstin", gstin.as_str())
            .arg("kind", *described)
            .arg("registration", registration.as_str()),
        other => Message::new("json-not-valid").arg("reason", other.to_string()),
    }
}

/// A taken GSTIN says so in words; anything else as the store classifies it.
fn stored(error: bahi_store::StoreError) -> Error {
    if error.is_duplicate(&keys::PARTIES_GSTIN) {
        Error::duplicate("gstin", Message::new("party-gstin-taken"))
    } else {
        error.into()
    }
}

fn details(p: &Party) -> Vec<(&'static str, String)> {
    vec![("name", p.name.clone())]
}

pub async fn create<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    input: &PartyInput,
) -> Result<Party, Error> {
    let fields = validate(input)?;
    let mut tx = s.db.begin_write().await?;
    let party = parties::create(&mut tx, org.org_id(), &fields)
        .await
        .map_err(stored)?;
    let event = Event {
        action: "party.create",
        entity: Entity("party", Some(party.id.to_string())),
        summary: format!("{} added the party {}", org.user().email, party.name),
        details: details(&party),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(party)
}

pub async fn get<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: PartyId,
) -> Result<Party, Error> {
    parties::get(&s.db, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)
}

/// The names of several parties at once (those that exist).
pub async fn names<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    ids: &[PartyId],
) -> Result<std::collections::HashMap<PartyId, String>, Error> {
    Ok(parties::names(&s.db, org.org_id(), ids).await?)
}

pub async fn list<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    query: &PartyQuery,
) -> Result<Vec<Party>, Error> {
    Ok(parties::list(&s.db, org.org_id(), query).await?)
}

/// Replaces a party's details (documents already issued keep the details they were issued
/// with).
pub async fn update<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: PartyId,
    input: &PartyInput,
) -> Result<Party, Error> {
    let fields = validate(input)?;
    let mut tx = s.db.begin_write().await?;
    if !parties::update(&mut tx, org.org_id(), id, &fields)
        .await
        .map_err(stored)?
    {
        return Err(Error::NotFound);
    }
    let party = parties::get(&mut tx, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let event = Event {
        action: "party.update",
        entity: Entity("party", Some(id.to_string())),
        summary: format!("{} changed the party {}", org.user().email, party.name),
        details: details(&party),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(party)
}

/// Archives a party (kept for the documents that name it, gone from lists and pickers) or
/// restores it.
pub async fn set_archived<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: PartyId,
    archived: bool,
) -> Result<Party, Error> {
    let mut tx = s.db.begin_write().await?;
    if !parties::set_archived(&mut tx, org.org_id(), id, archived)
        .await
        .map_err(stored)?
    {
        return Err(Error::NotFound);
    }
    let party = parties::get(&mut tx, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let (action, verb) = if archived {
        ("party.archive", "archived")
    } else {
        ("party.restore", "restored")
    };
    let event = Event {
        action,
        entity: Entity("party", Some(id.to_string())),
        summary: format!("{} {verb} the party {}", org.user().email, party.name),
        details: details(&party),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(party)
}

/// Deletes a party that no document names; one that a document names is a conflict (archive
/// it instead).
pub async fn delete<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: PartyId,
) -> Result<(), Error> {
    let mut tx = s.db.begin_write().await?;
    let party = parties::get(&mut tx, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    match parties::delete(&mut tx, org.org_id(), id).await {
        Ok(true) => {}
        Ok(false) => return Err(Error::NotFound),
        Err(bahi_store::StoreError::InUse { .. } | bahi_store::StoreError::Reference) => {
            return Err(Error::Conflict(Message::new("party-in-use")));
        }
        Err(e) => return Err(e.into()),
    }
    let event = Event {
        action: "party.delete",
        entity: Entity("party", Some(id.to_string())),
        summary: format!("{} deleted the party {}", org.user().email, party.name),
        details: details(&party),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(())
}
