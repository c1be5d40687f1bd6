//! Browser sessions and passwords: signing in and out, resuming a session from its cookie token
//! (idle and absolute timeouts), changing a password.
//!
//! The cookie holds a random token; the store holds only its hash. Minting cookies and CSRF
//! tokens is the server's part.

use bahi_store::WriteTx;
use bahi_store::identity::sessions::{self, Session};
use bahi_store::identity::users::{self, User};
use bahi_store::identity::{UserId, now, tokens};

use super::{throttle, two_factor};
use crate::audit::{Entity, Event, record};
use crate::context::AuditActor;
use crate::secrets::{random_secret, secret_hash};
use crate::{Actor, Error, FieldErrors, Message, Operator, Services, Via};
use bahi_store::identity::two_factor as two_factor_store;

/// A session just started: the token for the cookie, and the hash the store keeps.
pub struct NewSession {
    pub token: String,
    pub id_hash: String,
}

pub struct SignedIn {
    pub user: User,
    pub session: NewSession,
}

/// Starts a session for `user` inside `tx` (so it commits with what signed them in).
pub(crate) async fn start(
    s: &Services,
    tx: &mut WriteTx,
    user: UserId,
) -> Result<NewSession, Error> {
    let token = random_secret(32);
    let id_hash = secret_hash(&token);
    let absolute =
        time::Duration::try_from(s.policy.session_absolute).unwrap_or(time::Duration::hours(12));
    sessions::create(tx, &id_hash, user, absolute).await?;
    Ok(NewSession { token, id_hash })
}

/// Checks the password; one answer (unauthenticated) for a wrong password and an unknown email
/// alike, taking about as long either way. Throttled per account and per client address, with
/// the lockout every password check shares. `previous` is the hash of the session the browser
/// held before, if any: signing in again ends it.
/// What a right password leads to: a session, or — for a user with two-factor sign-in and no
/// code given — a challenge to answer with one ([`answer_challenge`]).
pub enum Login {
    SignedIn(SignedIn),
    SecondFactor { challenge: String },
}

/// How long a sign-in waits for its second factor.
const CHALLENGE_VALID_FOR: time::Duration = time::Duration::minutes(5);

pub async fn login(
    s: &Services,
    email: &str,
    password: &str,
    ip: &str,
    previous: Option<&str>,
    code: Option<&str>,
) -> Result<Login, Error> {
    let email = users::normalise_email(email);
    let user = users::by_email(&s.db, &email).await?;
    let hash = user.as_ref().map(|u| &u.password_hash);
    let matches = throttle::verify_password(s, &email, ip, password, hash).await?;
    let who = AuditActor {
        user_id: user.as_ref().map(|u| u.id),
        email: Some(email.clone()),
        ip: Some(ip.to_owned()),
    };
    let (Some(user), true) = (user, matches) else {
        let mut tx = s.db.begin_write().await?;
        let entity = Entity("user", who.user_id.map(|u| u.to_string()));
        let summary = format!("failed sign-in for {email}");
        record(
            s,
            &mut tx,
            &who,
            None,
            Event {
                action: "user.login_failed",
                entity,
                summary,
                details: vec![("email", email.clone())],
            },
        )
        .await?;
        tx.commit().await?;
        return Err(Error::Unauthenticated);
    };
    if two_factor::is_enabled(s, user.id).await? {
        let Some(code) = code.filter(|c| !c.trim().is_empty()) else {
            let challenge = random_secret(32);
            let mut tx = s.db.begin_write().await?;
            two_factor_store::challenge(
                &mut tx,
                user.id,
                &secret_hash(&challenge),
                CHALLENGE_VALID_FOR,
            )
            .await?;
            tx.commit().await?;
            return Ok(Login::SecondFactor { challenge });
        };
        if !two_factor::check_sign_in(s, &user, code).await? {
            return Err(Error::field("code", Message::new("two-factor-code-wrong")));
        }
    }
    Ok(Login::SignedIn(signed_in(s, user, &who, previous).await?))
}

/// Finishes a sign-in waiting for its second factor: `challenge` from [`login`], `code` from
/// the authenticator (or a recovery code). Each challenge is answered once.
pub async fn answer_challenge(
    s: &Services,
    challenge: &str,
    code: &str,
    ip: &str,
    previous: Option<&str>,
) -> Result<SignedIn, Error> {
    let hash = secret_hash(challenge);
    let expired = || Error::Conflict(Message::new("sign-in-challenge-expired"));
    let user_id = two_factor_store::challenged(&s.db, &hash)
        .await?
        .ok_or_else(expired)?;
    let user = users::get(&s.db, user_id).await?.ok_or_else(expired)?;
    if !two_factor::check_sign_in(s, &user, code).await? {
        return Err(Error::field("code", Message::new("two-factor-code-wrong")));
    }
    {
        let mut tx = s.db.begin_write().await?;
        if !two_factor_store::settle(&mut tx, &hash).await? {
            return Err(expired());
        }
        tx.commit().await?;
    }
    let who = AuditActor {
        user_id: Some(user.id),
        email: Some(user.email.clone()),
        ip: Some(ip.to_owned()),
    };
    signed_in(s, user, &who, previous).await
}

/// Starts the session of a user who proved who they are, ending the one the browser held.
async fn signed_in(
    s: &Services,
    user: User,
    who: &AuditActor,
    previous: Option<&str>,
) -> Result<SignedIn, Error> {
    let email = user.email.clone();
    let mut tx = s.db.begin_write().await?;
    if let Some(previous) = previous {
        sessions::delete(&mut tx, previous).await?;
    }
    let session = start(s, &mut tx, user.id).await?;
    let entity = Entity("user", Some(user.id.to_string()));
    record(
        s,
        &mut tx,
        who,
        None,
        Event {
            action: "user.login",
            entity,
            summary: format!("{email} signed in"),
            details: vec![("email", email.clone())],
        },
    )
    .await?;
    tx.commit().await?;
    Ok(SignedIn { user, session })
}

/// Ends the actor's session on the server (an API-token caller has none to end).
pub async fn logout(s: &Services, actor: &Actor) -> Result<(), Error> {
    let Via::Session { id_hash } = &actor.via else {
        return Ok(());
    };
    let mut tx = s.db.begin_write().await?;
    sessions::delete(&mut tx, id_hash).await?;
    let entity = Entity("user", Some(actor.user.id.to_string()));
    let summary = format!("{} signed out", actor.user.email);
    record(
        s,
        &mut tx,
        &actor.into(),
        None,
        Event {
            action: "user.logout",
            entity,
            summary,
            details: vec![("email", actor.user.email.clone())],
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a session cookie leads to.
pub enum Resumed {
    Live(Box<(Session, User)>),
    /// It was a session, but it timed out (idle or absolute): the user should hear so.
    Expired,
    /// No such session.
    Unknown,
}

/// The session for a cookie token, if it is still live.
pub async fn resume(s: &Services, token: &str) -> Result<Resumed, Error> {
    let id_hash = secret_hash(token);
    // Now and then, clear out sessions nobody can use any more (outside any write transaction:
    // on SQLite a second writer would wait for the first).
    if rand::random::<u8>() == 0 {
        let mut tx = s.db.begin_write().await?;
        sessions::delete_expired(&mut tx).await?;
        tx.commit().await?;
    }
    let Some(session) = sessions::get(&s.db, &id_hash).await? else {
        return Ok(Resumed::Unknown);
    };
    let at = now();
    let idle = time::Duration::try_from(s.policy.session_idle).unwrap_or(time::Duration::hours(2));
    if at >= session.expires_at || at - session.last_seen_at >= idle {
        // Kept (the sweep above removes it a day later; signing in again ends it at once), so
        // that every request this browser sends meanwhile hears "timed out", not "stranger".
        return Ok(Resumed::Expired);
    }
    // Writing on every request would serialise SQLite readers behind one writer for nothing.
    if at - session.last_seen_at >= time::Duration::minutes(1) {
        let mut tx = s.db.begin_write().await?;
        sessions::touch(&mut tx, &id_hash).await?;
        tx.commit().await?;
    }
    let Some(user) = users::get(&s.db, session.user_id).await? else {
        return Ok(Resumed::Unknown);
    };
    Ok(Resumed::Live(Box::new((session, user))))
}

/// What a password change ended.
#[derive(Debug, Clone, Copy)]
pub struct Ended {
    pub sessions: u64,
    pub tokens: u64,
}

/// Sets a new password; every session but `keep` ends, and with `revoke_tokens` every API token.
async fn set_password(
    s: &Services,
    user: &User,
    new_password: &str,
    keep: Option<&str>,
    revoke_tokens: bool,
    who: &AuditActor,
    action: &str,
) -> Result<Ended, Error> {
    super::passwords::check_strength(new_password, &[&user.email, &user.name])
        .map_err(|why| Error::field("password", why))?;
    let hash = super::passwords::hash(new_password.to_owned()).await?;
    let mut tx = s.db.begin_write().await?;
    users::set_password(&mut tx, user.id, &hash).await?;
    let sessions = sessions::delete_for_user(&mut tx, user.id, keep).await?;
    let tokens = if revoke_tokens {
        tokens::revoke_all(&mut tx, user.id).await?
    } else {
        0
    };
    let summary = format!(
        "password of {} changed; {sessions} other sessions ended, {tokens} API tokens revoked",
        user.email
    );
    let entity = Entity("user", Some(user.id.to_string()));
    record(
        s,
        &mut tx,
        who,
        None,
        Event {
            action,
            entity,
            summary,
            details: vec![
                ("email", user.email.clone()),
                ("sessions", sessions.to_string()),
                ("tokens", tokens.to_string()),
            ],
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Ended { sessions, tokens })
}

/// A signed-in user changing their own password: the current one must match (checked under the
/// same throttle and lockout as sign-in); every other session of theirs ends, this one stays;
/// with `revoke_tokens` their API tokens are revoked too.
pub async fn change_own_password(
    s: &Services,
    actor: &Actor,
    current: &str,
    new_password: &str,
    revoke_tokens: bool,
) -> Result<Ended, Error> {
    let user = &actor.user;
    let ip = actor.ip.as_deref().unwrap_or_default();
    let hash = Some(&user.password_hash);
    if !throttle::verify_password(s, &user.email, ip, current, hash).await? {
        return Err(Error::field(
            "current_password",
            Message::new("password-not-current"),
        ));
    }
    let who = actor.into();
    set_password(
        s,
        user,
        new_password,
        actor.session(),
        revoke_tokens,
        &who,
        "user.password_change",
    )
    .await
}

/// An operator sets a user's password from the command line; every session of the user ends.
pub async fn reset_password(
    s: &Services,
    operator: &Operator,
    email: &str,
    new_password: &str,
) -> Result<(User, Ended), Error> {
    let mut errors = FieldErrors::default();
    let email = super::validate::email("email", email, &mut errors);
    errors.check()?;
    let user = users::by_email(&s.db, &email)
        .await?
        .ok_or(Error::NotFound)?;
    let ended = set_password(
        s,
        &user,
        new_password,
        None,
        false,
        &operator.into(),
        "user.password_reset",
    )
    .await?;
    Ok((user, ended))
}
