//! Invitations: a single-use, expiring link; one open invitation per address; revocable and
//! re-sendable; throttled per organisation and per inviter.
//!
//! Accepting never takes an existing account's password: an existing account accepts while
//! signed in as itself (after the normal sign-in, with its throttle and lockout), and the
//! anonymous path only creates new accounts — so an invitation is no password oracle.

use bahi_store::WriteTx;
use bahi_store::identity::invitations::{self, Invitation};
use bahi_store::identity::users::{self, User};
use bahi_store::identity::{InvitationId, OrgId, Role, members, orgs};
use bahi_store::keys;
use bahi_store::outbox::Kind;

use super::members::may_grant;
use super::sessions::{NewSession, start};
use super::signup::email_taken;
use super::{passwords, throttle, validate};
use crate::audit::{Entity, Event, record};
use crate::context::AuditActor;
use crate::mail::letters::{InvitationLetter, date};
use crate::mail::message::Outgoing;
use crate::mail::queue::enqueue;
use crate::secrets::{random_secret, secret_hash};
use crate::{Actor, Admin, AtLeast, Error, FieldErrors, Message, OrgCtx, Services};

const VALID_DAYS: i64 = 7;

pub struct Invited {
    pub invitation: Invitation,
    /// The link to send to the invitee (shown to the inviter too, to pass on another way).
    pub accept_url: String,
    /// Whether the link was e-mailed to the invitee (mail is configured).
    pub emailed: bool,
}

/// Queues the invitation's e-mail in its transaction, when mail is on; whether it did.
async fn mail_invitation<R: AtLeast<Admin>>(
    s: &Services,
    tx: &mut WriteTx,
    org: &OrgCtx<R>,
    invitation: &Invitation,
    token: &str,
) -> Result<bool, Error> {
    if !s.mail_on() {
        return Ok(false);
    }
    let Ok(to) = invitation.email.parse() else {
        return Ok(false);
    };
    let letter = InvitationLetter {
        business: org.org().legal_name.clone(),
        inviter: org.user().name.clone(),
        role: invitation.role.to_string(),
        link: accept_url(s, token),
        expires: date(invitation.expires_at.date()),
    }
    .compose()?;
    let outgoing = Outgoing {
        to: vec![to],
        from_name: Some(org.org().legal_name.clone()),
        reply_to: org.user().email.parse().ok(),
        letter,
        attachment: None,
    };
    let key = format!("invitation:{}:{}", invitation.id, secret_hash(token));
    enqueue(s, tx, Some(org.org_id()), Kind::Invitation, key, &outgoing).await?;
    Ok(true)
}

fn accept_url(s: &Services, token: &str) -> String {
    format!("{}invitations/{token}", s.policy.public_url)
}

fn open_elsewhere() -> Error {
    Error::duplicate("email", Message::new("invitation-open"))
}

pub async fn invite<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    email: &str,
    role: Role,
) -> Result<Invited, Error> {
    let mut errors = FieldErrors::default();
    let email = validate::email("email", email, &mut errors);
    errors.check()?;
    may_grant(org.role(), role)?;
    let org_id = org.org_id();
    if let Some(existing) = users::by_email(&s.db, &email).await?
        && orgs::membership(&s.db, org_id, existing.id)
            .await?
            .is_some()
    {
        return Err(Error::duplicate("email", Message::new("already-member")));
    }
    throttle::check_invitation(s, org_id, org.user().id).await?;
    let token = random_secret(32);
    let mut tx = s.db.begin_write().await?;
    // An expired invitation to the same address gives way to the new one; an open one is a 409.
    if let Some(open) = invitations::open_for(&mut tx, org_id, &email).await? {
        if !open.has_expired() {
            return Err(open_elsewhere());
        }
        invitations::revoke(&mut tx, org_id, open.id).await?;
    }
    let valid_for = time::Duration::days(VALID_DAYS);
    let hash = secret_hash(&token);
    let invitation = invitations::create(
        &mut tx,
        org_id,
        &email,
        role,
        &hash,
        org.user().id,
        valid_for,
    )
    .await
    .map_err(|e| {
        if e.is_duplicate(&keys::INVITATIONS_OPEN_EMAIL) {
            open_elsewhere()
        } else {
            e.into()
        }
    })?;
    let summary = format!("{} invited {email} as {role}", org.user().email);
    let entity = Entity("invitation", Some(invitation.id.to_string()));
    record(
        s,
        &mut tx,
        &org.audit_actor(),
        Some(org_id),
        Event {
            action: "member.invite",
            entity,
            summary,
            details: vec![("email", email.clone()), ("role", role.to_string())],
        },
    )
    .await?;
    let emailed = mail_invitation(s, &mut tx, org, &invitation, &token).await?;
    tx.commit().await?;
    s.outbox_wake.notify_one();
    throttle::record_invitation(s, org_id, org.user().id).await?;
    Ok(Invited {
        invitation,
        accept_url: accept_url(s, &token),
        emailed,
    })
}

/// Open invitations, newest first (expired ones included, to re-send).
pub async fn open<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
) -> Result<Vec<Invitation>, Error> {
    Ok(invitations::pending(&s.db, org.org_id()).await?)
}

/// A new link (and seven more days) for an open invitation; the old link stops working.
pub async fn resend<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: InvitationId,
) -> Result<Invited, Error> {
    let org_id = org.org_id();
    throttle::check_invitation(s, org_id, org.user().id).await?;
    let token = random_secret(32);
    let mut tx = s.db.begin_write().await?;
    let valid_for = time::Duration::days(VALID_DAYS);
    let invitation = invitations::renew(&mut tx, org_id, id, &secret_hash(&token), valid_for)
        .await?
        .ok_or(Error::NotFound)?;
    let summary = format!(
        "{} re-sent the invitation of {}",
        org.user().email,
        invitation.email
    );
    let entity = Entity("invitation", Some(id.to_string()));
    record(
        s,
        &mut tx,
        &org.audit_actor(),
        Some(org_id),
        Event {
            action: "member.invite_resend",
            entity,
            summary,
            details: vec![("email", invitation.email.clone())],
        },
    )
    .await?;
    let emailed = mail_invitation(s, &mut tx, org, &invitation, &token).await?;
    tx.commit().await?;
    s.outbox_wake.notify_one();
    throttle::record_invitation(s, org_id, org.user().id).await?;
    Ok(Invited {
        invitation,
        accept_url: accept_url(s, &token),
        emailed,
    })
}

pub async fn revoke<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: InvitationId,
) -> Result<Invitation, Error> {
    let org_id = org.org_id();
    let mut tx = s.db.begin_write().await?;
    let invitation = invitations::get(&mut tx, org_id, id)
        .await?
        .filter(Invitation::is_open)
        .ok_or(Error::NotFound)?;
    invitations::revoke(&mut tx, org_id, id).await?;
    let summary = format!(
        "{} revoked the invitation of {}",
        org.user().email,
        invitation.email
    );
    let entity = Entity("invitation", Some(id.to_string()));
    record(
        s,
        &mut tx,
        &org.audit_actor(),
        Some(org_id),
        Event {
            action: "member.invite_revoke",
            entity,
            summary,
            details: vec![("email", invitation.email.clone())],
        },
    )
    .await?;
    tx.commit().await?;
    Ok(invitation)
}

/// What an open invitation is for, as anyone holding its link sees it.
pub struct Offer {
    pub invitation: Invitation,
    pub organisation: String,
}

/// An invitation that can still be accepted, found by its token (the token is the credential).
pub async fn offer(s: &Services, token: &str) -> Result<Offer, Error> {
    let invitation = usable(s, token).await?;
    let organisation = orgs::get(&s.db, invitation.org_id)
        .await?
        .ok_or(Error::NotFound)?
        .legal_name;
    Ok(Offer {
        invitation,
        organisation,
    })
}

async fn usable(s: &Services, token: &str) -> Result<Invitation, Error> {
    let invitation = invitations::by_token(&s.db, &secret_hash(token))
        .await?
        .ok_or(Error::NotFound)?;
    if invitation.revoked_at.is_some() {
        return Err(Error::NotFound);
    }
    if invitation.accepted_at.is_some() {
        return Err(Error::Conflict(Message::new("invitation-used")));
    }
    if invitation.has_expired() {
        return Err(Error::Conflict(Message::new("invitation-expired")));
    }
    Ok(invitation)
}

/// The outcome of accepting: the member and the organisation they joined; a new session only
/// when the invitation created the account.
pub struct Joined {
    pub user: User,
    pub session: Option<NewSession>,
    pub org_id: OrgId,
}

/// A signed-in user accepts an invitation sent to their own address.
pub async fn accept_signed_in(s: &Services, token: &str, actor: &Actor) -> Result<Joined, Error> {
    let invitation = usable(s, token).await?;
    if users::normalise_email(&invitation.email) != actor.user.email {
        return Err(Error::Forbidden(Message::new("invitation-other-address")));
    }
    let mut tx = s.db.begin_write().await?;
    join(s, &mut tx, &invitation, &actor.user, actor.into()).await?;
    tx.commit().await?;
    Ok(Joined {
        user: actor.user.clone(),
        session: None,
        org_id: invitation.org_id,
    })
}

/// Someone without an account accepts: the account is created (name and password) and signed
/// in. When the address already has an account, the answer is the one sign-up gives (409 on
/// `email`), counted against the same per-address limit, and no password is ever checked here.
pub async fn accept_new_account(
    s: &Services,
    token: &str,
    name: &str,
    password: &str,
    ip: &str,
    language: bahi_store::identity::users::Language,
) -> Result<Joined, Error> {
    let invitation = usable(s, token).await?;
    throttle::check_signup(s, ip).await?;
    let mut errors = FieldErrors::default();
    let name = validate::name("name", name, 100, &mut errors);
    if let Err(why) = passwords::check_strength(password, &[&name, &invitation.email]) {
        errors.push("password", why);
    }
    errors.check()?;
    let hash = passwords::hash(password.to_owned()).await?;
    let mut tx = s.db.begin_write().await?;
    let user = users::create(&mut tx, &invitation.email, &name, &hash, language)
        .await
        .map_err(email_taken)?;
    let who = AuditActor {
        user_id: Some(user.id),
        email: Some(user.email.clone()),
        ip: Some(ip.to_owned()),
    };
    join(s, &mut tx, &invitation, &user, who).await?;
    let session = start(s, &mut tx, user.id).await?;
    tx.commit().await?;
    Ok(Joined {
        user,
        session: Some(session),
        org_id: invitation.org_id,
    })
}

/// Uses the invitation and adds the member, in the caller's transaction.
async fn join(
    s: &Services,
    tx: &mut WriteTx,
    invitation: &Invitation,
    user: &User,
    who: AuditActor,
) -> Result<(), Error> {
    if !invitations::accept(tx, invitation.id).await? {
        return Err(Error::Conflict(Message::new("invitation-used")));
    }
    if members::role(&mut *tx, invitation.org_id, user.id)
        .await?
        .is_none()
    {
        members::add(tx, invitation.org_id, user.id, invitation.role).await?;
    }
    let summary = format!(
        "{} accepted the invitation and joined as {}",
        user.email, invitation.role
    );
    let entity = Entity("user", Some(user.id.to_string()));
    record(
        s,
        tx,
        &who,
        Some(invitation.org_id),
        Event {
            action: "member.join",
            entity,
            summary,
            details: vec![
                ("email", user.email.clone()),
                ("role", invitation.role.to_string()),
            ],
        },
    )
    .await?;
    Ok(())
}
