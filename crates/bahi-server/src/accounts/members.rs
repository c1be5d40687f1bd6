//! Members of an organisation: invitations (a single-use, expiring link), accepting them, role
//! changes and removal. The last owner can be neither removed nor demoted.

use bahi_store::identity::invitations::{self, Invitation};
use bahi_store::identity::users::{self, User};
use bahi_store::identity::{OrgId, Role, UserId, members, now, orgs};

use super::{Actor, record, validate};
use crate::auth::{password, random_secret, secret_hash, session};
use crate::error::AppError;
use crate::state::AppState;

const INVITATION_DAYS: i64 = 7;

pub struct Invited {
    pub invitation: Invitation,
    /// The link to send to the invitee (shown to the inviter until email delivery exists).
    pub accept_url: String,
}

fn parse_role(field: &str, text: &str) -> Result<Role, AppError> {
    Role::parse(text.trim())
        .ok_or_else(|| AppError::field(field, "must be owner, admin, accountant or viewer"))
}

/// Only owners may make or unmake owners.
fn may_grant(actor_role: Role, role: Role) -> Result<(), AppError> {
    if role == Role::Owner && actor_role != Role::Owner {
        return Err(AppError::Forbidden(
            "Only an owner can make someone an owner.".into(),
        ));
    }
    Ok(())
}

pub async fn invite(
    app: &AppState,
    org: OrgId,
    inviter: &User,
    inviter_role: Role,
    email: &str,
    role: &str,
    ip: Option<String>,
) -> Result<Invited, AppError> {
    let mut errors = Vec::new();
    let email = validate::email("email", email, &mut errors);
    let role = match parse_role("role", role) {
        Ok(r) => Some(r),
        Err(AppError::Validation(mut e)) => {
            errors.append(&mut e);
            None
        }
        Err(other) => return Err(other),
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let role = role.unwrap_or(Role::Viewer);
    may_grant(inviter_role, role)?;
    if let Some(existing) = users::by_email(&app.db, &email).await?
        && orgs::membership(&app.db, org, existing.id).await?.is_some()
    {
        return Err(AppError::Validation(vec![validate::err(
            "email",
            "is already a member",
        )]));
    }
    let token = random_secret(32);
    let mut tx = app.db.begin_write().await?;
    let invitation = invitations::create(
        &mut tx,
        org,
        &email,
        role.as_str(),
        &secret_hash(&token),
        inviter.id,
        time::Duration::days(INVITATION_DAYS),
    )
    .await?;
    record(
        &mut tx,
        &Actor::user(inviter.id, &inviter.email, ip),
        Some(org),
        "member.invite",
        ("invitation", Some(invitation.id.to_string())),
        format!("{} invited {email} as {role}", inviter.email),
    )
    .await?;
    tx.commit().await?;
    let accept_url = format!("{}invitations/{token}", app.config.public_url);
    tracing::info!(%email, org = %org, "invitation created; until email delivery exists, the inviter passes the link on");
    Ok(Invited {
        invitation,
        accept_url,
    })
}

/// An invitation that can still be accepted.
pub async fn open_invitation(app: &AppState, token: &str) -> Result<Invitation, AppError> {
    let invitation = invitations::by_token(&app.db, &secret_hash(token))
        .await?
        .ok_or(AppError::NotFound)?;
    if invitation.accepted_at.is_some() {
        return Err(AppError::Conflict(
            "This invitation has already been used.".into(),
        ));
    }
    if invitation.expires_at <= now() {
        return Err(AppError::Conflict(
            "This invitation has expired; ask for a new one.".into(),
        ));
    }
    Ok(invitation)
}

/// Accepts an invitation: a new account sets its name and password; an existing account proves
/// it with its password. Either way the invitee is signed in.
/// A signed-in new member.
pub struct Joined {
    pub user: User,
    pub session: session::NewSession,
    pub org_id: OrgId,
}

pub async fn accept(
    app: &AppState,
    token: &str,
    name: Option<&str>,
    password_text: &str,
    ip: Option<String>,
) -> Result<Joined, AppError> {
    let invitation = open_invitation(app, token).await?;
    let role = Role::parse(&invitation.role).unwrap_or(Role::Viewer);
    let existing = users::by_email(&app.db, &invitation.email).await?;
    let new_hash = match &existing {
        Some(user) => {
            if !password::verify(password_text.to_owned(), user.password_hash.clone()).await {
                return Err(AppError::field(
                    "password",
                    "is not the password of this account",
                ));
            }
            None
        }
        None => {
            let mut errors = Vec::new();
            let name = validate::name("name", name.unwrap_or_default(), 100, &mut errors);
            if let Err(why) = password::check_strength(password_text, &[&name, &invitation.email]) {
                errors.push(validate::err("password", why));
            }
            if !errors.is_empty() {
                return Err(AppError::Validation(errors));
            }
            Some((
                name,
                password::hash(password_text.to_owned())
                    .await
                    .map_err(AppError::Internal)?,
            ))
        }
    };
    let mut tx = app.db.begin_write().await?;
    if !invitations::accept(&mut tx, invitation.id).await? {
        return Err(AppError::Conflict(
            "This invitation has already been used.".into(),
        ));
    }
    let user = match (existing, new_hash) {
        (Some(user), _) => user,
        (None, Some((name, hash))) => {
            users::create(&mut tx, &invitation.email, &name, &hash).await?
        }
        (None, None) => {
            return Err(AppError::Internal(
                "invitation without account or password".into(),
            ));
        }
    };
    if members::role_tx(&mut tx, invitation.org_id, user.id)
        .await?
        .is_none()
    {
        members::add(&mut tx, invitation.org_id, user.id, role).await?;
    }
    let actor = Actor::user(user.id, &user.email, ip);
    record(
        &mut tx,
        &actor,
        Some(invitation.org_id),
        "member.join",
        ("user", Some(user.id.to_string())),
        format!(
            "{} accepted the invitation and joined as {role}",
            user.email
        ),
    )
    .await?;
    let session = session::start(app, &mut tx, user.id).await?;
    tx.commit().await?;
    Ok(Joined {
        user,
        session,
        org_id: invitation.org_id,
    })
}

pub async fn change_role(
    app: &AppState,
    org: OrgId,
    actor_user: &User,
    actor_role: Role,
    member: UserId,
    role: &str,
    ip: Option<String>,
) -> Result<Role, AppError> {
    let role = parse_role("role", role)?;
    let mut tx = app.db.begin_write().await?;
    let current = members::role_tx(&mut tx, org, member)
        .await?
        .ok_or(AppError::NotFound)?;
    may_grant(actor_role, role)?;
    may_grant(actor_role, current)?;
    if current == Role::Owner
        && role != Role::Owner
        && members::count_owners_tx(&mut tx, org).await? <= 1
    {
        return Err(AppError::Conflict(
            "The last owner cannot be demoted; make someone else an owner first.".into(),
        ));
    }
    members::set_role(&mut tx, org, member, role).await?;
    record(
        &mut tx,
        &Actor::user(actor_user.id, &actor_user.email, ip),
        Some(org),
        "member.role_change",
        ("user", Some(member.to_string())),
        format!(
            "{} changed a member's role from {current} to {role}",
            actor_user.email
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(role)
}

pub async fn remove(
    app: &AppState,
    org: OrgId,
    actor_user: &User,
    actor_role: Role,
    member: UserId,
    ip: Option<String>,
) -> Result<(), AppError> {
    let mut tx = app.db.begin_write().await?;
    let current = members::role_tx(&mut tx, org, member)
        .await?
        .ok_or(AppError::NotFound)?;
    may_grant(actor_role, current)?;
    if current == Role::Owner && members::count_owners_tx(&mut tx, org).await? <= 1 {
        return Err(AppError::Conflict(
            "The last owner cannot be removed.".into(),
        ));
    }
    members::remove(&mut tx, org, member).await?;
    record(
        &mut tx,
        &Actor::user(actor_user.id, &actor_user.email, ip),
        Some(org),
        "member.remove",
        ("user", Some(member.to_string())),
        format!("{} removed a member ({current})", actor_user.email),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
