//! Members of an organisation: invitations (a single-use, expiring link; one open invitation per
//! address; revocable and re-sendable; throttled per organisation and per inviter), accepting
//! them, role changes and removal. The last owner can be neither removed nor demoted.
//!
//! Accepting never takes an existing account's password: an existing account accepts while
//! signed in as itself (after the normal sign-in, with its throttle and lockout), and the
//! anonymous path only creates new accounts — so the invitation is no password oracle.

use bahi_store::identity::invitations::{self, Invitation};
use bahi_store::identity::users::{self, User};
use bahi_store::identity::{InvitationId, OrgId, Role, UserId, members, orgs};
use bahi_store::keys;

use super::{Actor, record, validate};
use crate::auth::{limits, password, random_secret, secret_hash, session};
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

fn accept_url(app: &AppState, token: &str) -> String {
    format!("{}invitations/{token}", app.config.public_url)
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
        return Err(AppError::duplicate("email", "is already a member"));
    }
    limits::check_invitation(app, org, inviter.id).await?;
    let token = random_secret(32);
    let mut tx = app.db.begin_write().await?;
    // An expired invitation to the same address gives way to the new one; an open one is a 409.
    if let Some(open) = invitations::open_for(&mut tx, org, &email).await? {
        if !open.has_expired() {
            return Err(AppError::duplicate(
                "email",
                "already has an open invitation; re-send or revoke it",
            ));
        }
        invitations::revoke(&mut tx, org, open.id).await?;
    }
    let invitation = invitations::create(
        &mut tx,
        org,
        &email,
        role,
        &secret_hash(&token),
        inviter.id,
        time::Duration::days(INVITATION_DAYS),
    )
    .await
    .map_err(|e| {
        if e.is_duplicate(&keys::INVITATIONS_OPEN_EMAIL) {
            AppError::duplicate(
                "email",
                "already has an open invitation; re-send or revoke it",
            )
        } else {
            e.into()
        }
    })?;
    record(
        app,
        &mut tx,
        &Actor::user(inviter.id, &inviter.email, ip),
        Some(org),
        "member.invite",
        ("invitation", Some(invitation.id.to_string())),
        format!("{} invited {email} as {role}", inviter.email),
    )
    .await?;
    tx.commit().await?;
    limits::record_invitation(app, org, inviter.id).await?;
    tracing::info!(org = %org, "invitation created; until email delivery exists, the inviter passes the link on");
    Ok(Invited {
        invitation,
        accept_url: accept_url(app, &token),
    })
}

/// A new link (and seven more days) for an open invitation; the old link stops working.
pub async fn resend(
    app: &AppState,
    org: OrgId,
    actor_user: &User,
    id: InvitationId,
    ip: Option<String>,
) -> Result<Invited, AppError> {
    limits::check_invitation(app, org, actor_user.id).await?;
    let token = random_secret(32);
    let mut tx = app.db.begin_write().await?;
    let invitation = invitations::renew(
        &mut tx,
        org,
        id,
        &secret_hash(&token),
        time::Duration::days(INVITATION_DAYS),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    record(
        app,
        &mut tx,
        &Actor::user(actor_user.id, &actor_user.email, ip),
        Some(org),
        "member.invite_resend",
        ("invitation", Some(id.to_string())),
        format!(
            "{} re-sent the invitation of {}",
            actor_user.email, invitation.email
        ),
    )
    .await?;
    tx.commit().await?;
    limits::record_invitation(app, org, actor_user.id).await?;
    Ok(Invited {
        invitation,
        accept_url: accept_url(app, &token),
    })
}

pub async fn revoke(
    app: &AppState,
    org: OrgId,
    actor_user: &User,
    id: InvitationId,
    ip: Option<String>,
) -> Result<Invitation, AppError> {
    let mut tx = app.db.begin_write().await?;
    let invitation = invitations::get(&mut tx, org, id)
        .await?
        .filter(Invitation::is_open)
        .ok_or(AppError::NotFound)?;
    invitations::revoke(&mut tx, org, id).await?;
    record(
        app,
        &mut tx,
        &Actor::user(actor_user.id, &actor_user.email, ip),
        Some(org),
        "member.invite_revoke",
        ("invitation", Some(id.to_string())),
        format!(
            "{} revoked the invitation of {}",
            actor_user.email, invitation.email
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(invitation)
}

/// An invitation that can still be accepted.
pub async fn open_invitation(app: &AppState, token: &str) -> Result<Invitation, AppError> {
    let invitation = invitations::by_token(&app.db, &secret_hash(token))
        .await?
        .ok_or(AppError::NotFound)?;
    if invitation.revoked_at.is_some() {
        return Err(AppError::NotFound);
    }
    if invitation.accepted_at.is_some() {
        return Err(AppError::Conflict(
            "This invitation has already been used.".into(),
        ));
    }
    if invitation.has_expired() {
        return Err(AppError::Conflict(
            "This invitation has expired; ask for a new one.".into(),
        ));
    }
    Ok(invitation)
}

/// The outcome of accepting: the member and the organisation they joined; a new session only
/// when the invitation created the account.
pub struct Joined {
    pub user: User,
    pub session: Option<session::NewSession>,
    pub org_id: OrgId,
}

/// A signed-in user accepts an invitation sent to their own address.
pub async fn accept_signed_in(
    app: &AppState,
    token: &str,
    user: &User,
    ip: Option<String>,
) -> Result<Joined, AppError> {
    let invitation = open_invitation(app, token).await?;
    if users::normalise_email(&invitation.email) != user.email {
        return Err(AppError::Forbidden(
            "This invitation is for another email address. Sign out, then sign in with the invited address to accept it."
                .into(),
        ));
    }
    let mut tx = app.db.begin_write().await?;
    join(app, &mut tx, &invitation, user, ip).await?;
    tx.commit().await?;
    Ok(Joined {
        user: user.clone(),
        session: None,
        org_id: invitation.org_id,
    })
}

/// Someone without an account accepts: the account is created (name and password) and signed
/// in. When the address already has an account, the answer is the one sign-up gives (409 on
/// `email`), counted against the same per-address limit, and no password is ever checked here.
pub async fn accept_new_account(
    app: &AppState,
    token: &str,
    name: &str,
    password_text: &str,
    ip: &str,
) -> Result<Joined, AppError> {
    let invitation = open_invitation(app, token).await?;
    limits::check_signup(app, ip).await?;
    let mut errors = Vec::new();
    let name = validate::name("name", name, 100, &mut errors);
    if let Err(why) = password::check_strength(password_text, &[&name, &invitation.email]) {
        errors.push(validate::err("password", why));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let hash = password::hash(password_text.to_owned())
        .await
        .map_err(AppError::Internal)?;
    let mut tx = app.db.begin_write().await?;
    let user = users::create(&mut tx, &invitation.email, &name, &hash)
        .await
        .map_err(|e| {
            if e.is_duplicate(&keys::USERS_EMAIL) {
                already_registered()
            } else {
                e.into()
            }
        })?;
    join(app, &mut tx, &invitation, &user, Some(ip.to_owned())).await?;
    let session = session::start(app, &mut tx, user.id).await?;
    tx.commit().await?;
    Ok(Joined {
        user,
        session: Some(session),
        org_id: invitation.org_id,
    })
}

/// What sign-up and the invitation say about an address that already has an account.
pub(crate) fn already_registered() -> AppError {
    AppError::duplicate(
        "email",
        "already has a bahi account; sign in with it instead",
    )
}

/// Uses the invitation and adds the member, in the caller's transaction.
async fn join(
    app: &AppState,
    tx: &mut bahi_store::WriteTx,
    invitation: &Invitation,
    user: &User,
    ip: Option<String>,
) -> Result<(), AppError> {
    if !invitations::accept(tx, invitation.id).await? {
        return Err(AppError::Conflict(
            "This invitation has already been used.".into(),
        ));
    }
    if members::role(&mut *tx, invitation.org_id, user.id)
        .await?
        .is_none()
    {
        members::add(tx, invitation.org_id, user.id, invitation.role).await?;
    }
    record(
        app,
        tx,
        &Actor::user(user.id, &user.email, ip),
        Some(invitation.org_id),
        "member.join",
        ("user", Some(user.id.to_string())),
        format!(
            "{} accepted the invitation and joined as {}",
            user.email, invitation.role
        ),
    )
    .await?;
    Ok(())
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
    let current = members::role(&mut tx, org, member)
        .await?
        .ok_or(AppError::NotFound)?;
    may_grant(actor_role, role)?;
    may_grant(actor_role, current)?;
    if current == Role::Owner
        && role != Role::Owner
        && members::count_owners(&mut tx, org).await? <= 1
    {
        return Err(AppError::Conflict(
            "The last owner cannot be demoted; make someone else an owner first.".into(),
        ));
    }
    members::set_role(&mut tx, org, member, role).await?;
    record(
        app,
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
    let current = members::role(&mut tx, org, member)
        .await?
        .ok_or(AppError::NotFound)?;
    may_grant(actor_role, current)?;
    if current == Role::Owner && members::count_owners(&mut tx, org).await? <= 1 {
        return Err(AppError::Conflict(
            "The last owner cannot be removed.".into(),
        ));
    }
    members::remove(&mut tx, org, member).await?;
    record(
        app,
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
