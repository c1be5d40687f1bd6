//! Password reset by e-mail, for people who are not operators: a single-use link valid for 30
//! minutes, kept as its hash. Asking answers the same whether or not the address has an
//! account; using the link sets the new password and ends every session of the account.

use bahi_store::identity::users::{self, User};
use bahi_store::identity::{password_resets, sessions};
use bahi_store::outbox::Kind;
use time::Duration;

use super::{passwords, throttle};
use crate::audit::{Entity, Event, record};
use crate::context::AuditActor;
use crate::mail::letters::ResetLetter;
use crate::mail::message::Outgoing;
use crate::mail::queue::enqueue;
use crate::secrets::{random_secret, secret_hash};
use crate::{Error, FieldErrors, Message, Services};

/// How long a reset link works.
pub const VALID_FOR: Duration = Duration::minutes(30);

/// The page a reset link opens.
#[must_use]
pub fn link(s: &Services, token: &str) -> String {
    format!("{}password-reset/{token}", s.policy.public_url)
}

/// Sends a reset link to `email` if it has an account. The answer is the same either way
/// (`Ok`); too many asks for one address or from one client are refused (429) either way.
/// Mail off: a conflict saying so (the pages ask [`Services::mail_on`] first).
pub async fn request(s: &Services, email: &str, ip: &str) -> Result<(), Error> {
    if !s.mail_on() {
        return Err(Error::Conflict(Message::new("mail-off")));
    }
    let mut errors = FieldErrors::default();
    let email = crate::fields::email("email", email, &mut errors);
    errors.check()?;
    throttle::check_reset(s, &email, ip).await?;
    let Some(user) = users::by_email(&s.db, &email).await? else {
        tracing::info!("a password reset was asked for an address without an account");
        return Ok(());
    };
    let token = random_secret(32);
    let letter = ResetLetter {
        name: user.name.clone(),
        link: link(s, &token),
        minutes: VALID_FOR.whole_minutes(),
    }
    .compose()?;
    let outgoing = Outgoing {
        to: vec![
            user.email
                .parse()
                .map_err(|_| Error::Internal("a stored address does not parse".into()))?,
        ],
        from_name: None,
        reply_to: None,
        letter,
        attachment: None,
    };
    let mut tx = s.db.begin_write().await?;
    password_resets::create(&mut tx, user.id, &secret_hash(&token), VALID_FOR).await?;
    let key = format!("password_reset:{}", secret_hash(&token));
    enqueue(s, &mut tx, None, Kind::PasswordReset, key, &outgoing).await?;
    let who = AuditActor {
        user_id: None,
        email: None,
        ip: Some(ip.to_owned()),
    };
    let event = Event {
        action: "user.password_reset_request",
        entity: Entity("user", Some(user.id.to_string())),
        summary: format!("a password reset link was e-mailed to {}", user.email),
        details: vec![("email", user.email.clone())],
    };
    record(s, &mut tx, &who, None, event).await?;
    tx.commit().await?;
    s.outbox_wake.notify_one();
    Ok(())
}

/// Whether a reset link still works (its page shows the form, or says it has expired).
pub async fn is_usable(s: &Services, token: &str) -> Result<bool, Error> {
    Ok(password_resets::user_of(&s.db, &secret_hash(token))
        .await?
        .is_some())
}

/// Sets a new password through a reset link: once, within its 30 minutes. Every session of
/// the account ends (API tokens stay: they are separate credentials, revoked on their own).
pub async fn complete(
    s: &Services,
    token: &str,
    new_password: &str,
    ip: &str,
) -> Result<User, Error> {
    let hash = secret_hash(token);
    let unusable = || Error::Conflict(Message::new("reset-link-unusable"));
    // Checked before the slow password hash; taken for good in the transaction below.
    let user_id = password_resets::user_of(&s.db, &hash)
        .await?
        .ok_or_else(unusable)?;
    let user = users::get(&s.db, user_id).await?.ok_or_else(unusable)?;
    passwords::check_strength(new_password, &[&user.email, &user.name])
        .map_err(|why| Error::field("password", why))?;
    let password_hash = passwords::hash(new_password.to_owned()).await?;
    let mut tx = s.db.begin_write().await?;
    if password_resets::redeem(&mut tx, &hash).await? != Some(user.id) {
        return Err(unusable());
    }
    users::set_password(&mut tx, user.id, &password_hash).await?;
    let ended = sessions::delete_for_user(&mut tx, user.id, None).await?;
    let who = AuditActor {
        user_id: Some(user.id),
        email: Some(user.email.clone()),
        ip: Some(ip.to_owned()),
    };
    let event = Event {
        action: "user.password_reset_email",
        entity: Entity("user", Some(user.id.to_string())),
        summary: format!(
            "{} chose a new password through an e-mailed link; {ended} sessions ended",
            user.email
        ),
        details: vec![
            ("email", user.email.clone()),
            ("sessions", ended.to_string()),
        ],
    };
    record(s, &mut tx, &who, None, event).await?;
    tx.commit().await?;
    Ok(user)
}
