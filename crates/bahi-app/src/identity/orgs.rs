//! Organisations: a member's view, settings (admins and up), the organisations a user belongs
//! to, and platform suspension.

use bahi_store::identity::orgs::{self, Membership, Organisation};
use bahi_store::identity::{OrgId, Role, UserId, members};

use super::validate::{self, OrgInput};
use crate::audit::{Entity, Event, record};
use crate::context::AuditActor;
use crate::{Actor, Admin, AtLeast, Error, FieldErrors, OrgCtx, PlatformAdmin, Services, Viewer};

/// A signed-in user adds a business (a CA firm keeps many clients under one login); they are
/// its owner.
pub async fn create(s: &Services, actor: &Actor, input: &OrgInput) -> Result<Organisation, Error> {
    let mut errors = FieldErrors::default();
    let Some(fields) = validate::org(input, "", &mut errors) else {
        return Err(Error::Invalid(errors.0));
    };
    let mut tx = s.db.begin_write().await?;
    let org = orgs::create(&mut tx, &fields).await?;
    crate::ledger::chart::open_books(&mut tx, org.id).await?;
    members::add(&mut tx, org.id, actor.user.id, Role::Owner).await?;
    let summary = format!("{} created {}", actor.user.email, org.legal_name);
    let entity = Entity("organisation", Some(org.id.to_string()));
    let event = Event {
        action: "organisation.create",
        entity,
        summary,
        details: vec![("name", org.legal_name.clone())],
    };
    record(s, &mut tx, &actor.into(), Some(org.id), event).await?;
    tx.commit().await?;
    Ok(org)
}

pub async fn get<R: AtLeast<Viewer>>(s: &Services, org: &OrgCtx<R>) -> Result<Organisation, Error> {
    orgs::get(&s.db, org.org_id()).await?.ok_or(Error::NotFound)
}

/// Changes the settings; every field is given (the API's partial PATCH fills in the rest).
pub async fn update<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    input: &OrgInput,
) -> Result<Organisation, Error> {
    let mut errors = FieldErrors::default();
    let Some(fields) = validate::org(input, "", &mut errors) else {
        return Err(Error::Invalid(errors.0));
    };
    let mut tx = s.db.begin_write().await?;
    orgs::update(&mut tx, org.org_id(), &fields).await?;
    let summary = format!("settings of {} changed", fields.legal_name);
    let entity = Entity("organisation", Some(org.org_id().to_string()));
    record(
        s,
        &mut tx,
        &org.audit_actor(),
        Some(org.org_id()),
        Event {
            action: "organisation.update",
            entity,
            summary,
            details: vec![("name", fields.legal_name.clone())],
        },
    )
    .await?;
    tx.commit().await?;
    orgs::get(&s.db, org.org_id()).await?.ok_or(Error::NotFound)
}

/// The organisations a user belongs to, with their role in each.
pub async fn of_user(s: &Services, user: UserId) -> Result<Vec<Membership>, Error> {
    Ok(orgs::of_user(&s.db, user).await?)
}

/// Every organisation, newest first (platform administrators).
pub async fn all(
    s: &Services,
    _admin: &PlatformAdmin,
    limit: i64,
) -> Result<Vec<Organisation>, Error> {
    Ok(orgs::list_all(&s.db, limit).await?)
}

/// Suspends (with the reason, which is required and recorded) or reinstates (`None`) an
/// organisation; recorded in its own chain and the system chain.
pub async fn set_suspended(
    s: &Services,
    admin: &PlatformAdmin,
    org: OrgId,
    reason: Option<&str>,
) -> Result<Organisation, Error> {
    let reason = reason.map(str::trim);
    if let Some(why) = reason {
        let mut errors = FieldErrors::default();
        validate::name("reason", why, 500, &mut errors);
        errors.check()?;
    }
    let mut tx = s.db.begin_write().await?;
    if !orgs::set_suspended(&mut tx, org, reason).await? {
        return Err(Error::NotFound);
    }
    let action = match reason {
        Some(_) => "organisation.suspend",
        None => "organisation.unsuspend",
    };
    let summary = match reason {
        Some(why) => format!("organisation suspended by a platform administrator: {why}"),
        None => "organisation reinstated by a platform administrator".to_owned(),
    };
    let details: Vec<(&'static str, String)> = reason
        .map(|why| vec![("reason", why.to_owned())])
        .unwrap_or_default();
    let who = AuditActor::from(admin.actor());
    for chain in [Some(org), None] {
        let event = Event {
            action,
            entity: Entity("organisation", Some(org.to_string())),
            summary: summary.clone(),
            details: details.clone(),
        };
        record(s, &mut tx, &who, chain, event).await?;
    }
    tx.commit().await?;
    orgs::get(&s.db, org).await?.ok_or(Error::NotFound)
}
