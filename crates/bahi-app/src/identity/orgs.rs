//! Organisations: a member's view, settings (admins and up), the organisations a user belongs
//! to, and platform suspension.

use bahi_store::identity::orgs::{self, Membership, Organisation};
use bahi_store::identity::{OrgId, UserId};

use super::validate::{self, OrgInput};
use crate::audit::{Entity, record};
use crate::context::AuditActor;
use crate::{Admin, AtLeast, Error, FieldErrors, OrgCtx, PlatformAdmin, Services, Viewer};

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
        "organisation.update",
        entity,
        summary,
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

/// Suspends or reinstates an organisation; recorded in its own chain and the system chain.
pub async fn set_suspended(
    s: &Services,
    admin: &PlatformAdmin,
    org: OrgId,
    suspended: bool,
) -> Result<Organisation, Error> {
    let mut tx = s.db.begin_write().await?;
    if !orgs::set_suspended(&mut tx, org, suspended).await? {
        return Err(Error::NotFound);
    }
    let action = if suspended {
        "organisation.suspend"
    } else {
        "organisation.unsuspend"
    };
    let summary = format!(
        "organisation {} by a platform administrator",
        if suspended { "suspended" } else { "reinstated" }
    );
    let who = AuditActor::from(admin.actor());
    for chain in [Some(org), None] {
        let entity = Entity("organisation", Some(org.to_string()));
        record(s, &mut tx, &who, chain, action, entity, summary.clone()).await?;
    }
    tx.commit().await?;
    orgs::get(&s.db, org).await?.ok_or(Error::NotFound)
}
