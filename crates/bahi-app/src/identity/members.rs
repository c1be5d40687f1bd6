//! Who belongs to an organisation: the list every member sees, role changes and removal (admins
//! and up; only owners touch owners). The last owner can be neither removed nor demoted.

use bahi_store::identity::members::{self, Member};
use bahi_store::identity::{Role, UserId};

use crate::audit::{Entity, Event, record};
use crate::{Admin, AtLeast, Error, Message, OrgCtx, Services, Viewer};

/// Only owners may make or unmake owners.
pub(crate) fn may_grant(actor_role: Role, role: Role) -> Result<(), Error> {
    if role == Role::Owner && actor_role != Role::Owner {
        return Err(Error::Forbidden(Message::new("owners-only-grant-owner")));
    }
    Ok(())
}

/// Everyone in the organisation, by name.
pub async fn list<R: AtLeast<Viewer>>(s: &Services, org: &OrgCtx<R>) -> Result<Vec<Member>, Error> {
    Ok(members::list(&s.db, org.org_id()).await?)
}

pub async fn get<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    user: UserId,
) -> Result<Member, Error> {
    members::get(&s.db, org.org_id(), user)
        .await?
        .ok_or(Error::NotFound)
}

/// How many owners the organisation has (the last one is kept).
pub async fn owners<R: AtLeast<Viewer>>(s: &Services, org: &OrgCtx<R>) -> Result<i64, Error> {
    Ok(members::count_owners(&s.db, org.org_id()).await?)
}

pub async fn change_role<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    member: UserId,
    role: Role,
) -> Result<Member, Error> {
    let org_id = org.org_id();
    let mut tx = s.db.begin_write().await?;
    let before = members::get(&mut tx, org_id, member)
        .await?
        .ok_or(Error::NotFound)?;
    let current = before.role;
    may_grant(org.role(), role)?;
    may_grant(org.role(), current)?;
    if current == Role::Owner
        && role != Role::Owner
        && members::count_owners(&mut tx, org_id).await? <= 1
    {
        return Err(Error::Conflict(Message::new("last-owner-demote")));
    }
    members::set_role(&mut tx, org_id, member, role).await?;
    let summary = format!(
        "{} changed a member's role from {current} to {role}",
        org.user().email
    );
    let entity = Entity("user", Some(member.to_string()));
    record(
        s,
        &mut tx,
        &org.audit_actor(),
        Some(org_id),
        Event {
            action: "member.role_change",
            entity,
            summary,
            details: vec![
                ("email", before.email.clone()),
                ("from", current.to_string()),
                ("to", role.to_string()),
            ],
        },
    )
    .await?;
    let changed = members::get(&mut tx, org_id, member)
        .await?
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(changed)
}

/// Removes a member; returns who it was.
pub async fn remove<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    member: UserId,
) -> Result<Member, Error> {
    let org_id = org.org_id();
    let mut tx = s.db.begin_write().await?;
    let removed = members::get(&mut tx, org_id, member)
        .await?
        .ok_or(Error::NotFound)?;
    may_grant(org.role(), removed.role)?;
    if removed.role == Role::Owner && members::count_owners(&mut tx, org_id).await? <= 1 {
        return Err(Error::Conflict(Message::new("last-owner-remove")));
    }
    members::remove(&mut tx, org_id, member).await?;
    let summary = format!("{} removed a member ({})", org.user().email, removed.role);
    let entity = Entity("user", Some(member.to_string()));
    record(
        s,
        &mut tx,
        &org.audit_actor(),
        Some(org_id),
        Event {
            action: "member.remove",
            entity,
            summary,
            details: vec![
                ("email", removed.email.clone()),
                ("role", removed.role.to_string()),
            ],
        },
    )
    .await?;
    tx.commit().await?;
    Ok(removed)
}
