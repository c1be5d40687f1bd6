//! Two-factor sign-in with TOTP (RFC 6238: six digits, 30-second steps, a step either side
//! for clock drift). Enrolment shows a QR code of the secret and is confirmed with a code;
//! confirming gives ten single-use recovery codes, shown once and kept as hashes. A code is
//! accepted once (its time step is remembered), and wrong codes are throttled per account.
//! API tokens are not affected: they are credentials of their own.

use bahi_store::identity::two_factor::{self as store, TwoFactor};
use bahi_store::identity::users::User;
use bahi_store::identity::{UserId, now};
use rand::RngCore;
use totp_rs::{Builder, Secret, Totp};

use super::throttle;
use crate::audit::{Entity, Event, record};
use crate::context::AuditActor;
use crate::secrets::secret_hash;
use crate::{Actor, Error, Message, Services};

/// Recovery codes given at enrolment.
pub const RECOVERY_CODES: usize = 10;
const ISSUER: &str = "bahi";

/// The authenticator key a stored (sealed) one stands for.
fn unsealed(s: &Services, stored: &TwoFactor) -> Result<String, Error> {
    s.policy.sealing.open(&stored.secret).ok_or_else(|| {
        Error::Internal("a stored authenticator key does not open with the secret keys".into())
    })
}

fn totp(secret: &str, account: &str) -> Result<Totp, Error> {
    let secret = Secret::try_from_base32(secret)
        .map_err(|e| Error::Internal(format!("a stored TOTP secret does not parse: {e}")))?;
    Builder::new()
        .with_secret(secret)
        .with_skew(1)
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|e| Error::Internal(format!("a TOTP could not be built: {e}")))
}

fn unix_now() -> u64 {
    u64::try_from(now().unix_timestamp()).unwrap_or(0)
}

/// What a user has set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    pub enabled: bool,
    /// Enrolment started and not yet confirmed.
    pub enrolling: bool,
    pub recovery_codes_left: i64,
}

pub async fn status(s: &Services, user: UserId) -> Result<Status, Error> {
    let stored = store::get(&s.db, user).await?;
    let enabled = stored.as_ref().is_some_and(|r| r.enabled_at.is_some());
    Ok(Status {
        enabled,
        enrolling: stored.is_some() && !enabled,
        recovery_codes_left: if enabled {
            store::recovery_codes_left(&s.db, user).await?
        } else {
            0
        },
    })
}

/// Whether sign-in asks this user for a second factor.
pub async fn is_enabled(s: &Services, user: UserId) -> Result<bool, Error> {
    Ok(store::get(&s.db, user)
        .await?
        .is_some_and(|r| r.enabled_at.is_some()))
}

/// What an authenticator app needs: the secret, as text and as an `otpauth://` URL (the QR).
#[derive(Debug, Clone)]
pub struct Enrolment {
    pub secret: String,
    pub url: String,
}

/// Starts enrolment with a new secret (again, if it was started and not confirmed).
pub async fn enrol(s: &Services, actor: &Actor) -> Result<Enrolment, Error> {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    let secret = Secret::from(bytes.to_vec()).to_base32();
    let mut tx = s.db.begin_write().await?;
    if !store::begin(&mut tx, actor.user.id, &s.policy.sealing.seal(&secret)).await? {
        return Err(Error::Conflict(Message::new("two-factor-already-on")));
    }
    tx.commit().await?;
    let url = totp(&secret, &actor.user.email)?
        .to_url()
        .map_err(|e| Error::Internal(format!("an otpauth URL could not be written: {e}")))?;
    Ok(Enrolment { secret, url })
}

/// The enrolment in progress, to show its QR code again.
pub async fn pending(s: &Services, actor: &Actor) -> Result<Option<Enrolment>, Error> {
    let Some(enrolling) = store::get(&s.db, actor.user.id)
        .await?
        .filter(|r| r.enabled_at.is_none())
    else {
        return Ok(None);
    };
    let secret = unsealed(s, &enrolling)?;
    let url = totp(&secret, &actor.user.email)?
        .to_url()
        .map_err(|e| Error::Internal(format!("an otpauth URL could not be written: {e}")))?;
    Ok(Some(Enrolment { secret, url }))
}

/// A recovery code as people type it: `abcde-fghij`, read without case, spaces or dashes.
fn normalise_recovery(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let chars: String = (0..10)
                .map(|_| {
                    let i = usize::try_from(rng.next_u32()).unwrap_or(0) % ALPHABET.len();
                    char::from(ALPHABET[i])
                })
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

/// Checks `code` (six digits, or a recovery code) for a user with a secret, throttled; a TOTP
/// code's step is taken so it works once, a recovery code is used up.
async fn verify(s: &Services, user: &User, stored: &TwoFactor, code: &str) -> Result<bool, Error> {
    throttle::check_second_factor(s, user.id).await?;
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let accepted = if digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit()) {
        match totp(&unsealed(s, stored)?, &user.email)?.check(&digits, unix_now()) {
            Some(step) => {
                let mut tx = s.db.begin_write().await?;
                let fresh =
                    store::accept_step(&mut tx, user.id, i64::try_from(step).unwrap_or(i64::MAX))
                        .await?;
                tx.commit().await?;
                fresh
            }
            None => false,
        }
    } else if stored.enabled_at.is_some() {
        let hash = secret_hash(&normalise_recovery(code));
        let mut tx = s.db.begin_write().await?;
        let used = store::use_recovery_code(&mut tx, user.id, &hash).await?;
        tx.commit().await?;
        used
    } else {
        false
    };
    if !accepted {
        throttle::second_factor_failed(s, user.id).await?;
    }
    Ok(accepted)
}

/// Checks a sign-in's second factor for a user who has it on.
pub(crate) async fn check_sign_in(s: &Services, user: &User, code: &str) -> Result<bool, Error> {
    let Some(on) = store::get(&s.db, user.id)
        .await?
        .filter(|r| r.enabled_at.is_some())
    else {
        return Ok(false);
    };
    verify(s, user, &on, code).await
}

fn wrong_code() -> Error {
    Error::field("code", Message::new("two-factor-code-wrong"))
}

/// Confirms enrolment with a code from the app: two-factor sign-in is on from now, and the
/// recovery codes are returned (the only time they are shown).
pub async fn confirm(s: &Services, actor: &Actor, code: &str) -> Result<Vec<String>, Error> {
    let enrolling = store::get(&s.db, actor.user.id)
        .await?
        .filter(|r| r.enabled_at.is_none())
        .ok_or_else(|| Error::Conflict(Message::new("two-factor-not-enrolling")))?;
    if !verify(s, &actor.user, &enrolling, code).await? {
        return Err(wrong_code());
    }
    let codes = new_recovery_codes();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| secret_hash(&normalise_recovery(c)))
        .collect();
    let mut tx = s.db.begin_write().await?;
    store::enable(&mut tx, actor.user.id, &hashes).await?;
    let event = Event {
        action: "user.two_factor_on",
        entity: Entity("user", Some(actor.user.id.to_string())),
        summary: format!("{} turned on two-factor sign-in", actor.user.email),
        details: vec![("email", actor.user.email.clone())],
    };
    record(s, &mut tx, &AuditActor::from(actor), None, event).await?;
    tx.commit().await?;
    Ok(codes)
}

/// Turns two-factor sign-in off, with a current code (or a recovery code).
pub async fn disable(s: &Services, actor: &Actor, code: &str) -> Result<(), Error> {
    let on = store::get(&s.db, actor.user.id)
        .await?
        .filter(|r| r.enabled_at.is_some())
        .ok_or_else(|| Error::Conflict(Message::new("two-factor-not-on")))?;
    if !verify(s, &actor.user, &on, code).await? {
        return Err(wrong_code());
    }
    let mut tx = s.db.begin_write().await?;
    store::disable(&mut tx, actor.user.id).await?;
    let event = Event {
        action: "user.two_factor_off",
        entity: Entity("user", Some(actor.user.id.to_string())),
        summary: format!("{} turned off two-factor sign-in", actor.user.email),
        details: vec![("email", actor.user.email.clone())],
    };
    record(s, &mut tx, &AuditActor::from(actor), None, event).await?;
    tx.commit().await?;
    Ok(())
}

/// Requires (or stops requiring) a second factor of every member who signs in with a password
/// (owners only). An owner without it turned on cannot require it: they would lock themselves
/// out.
pub async fn require_for_members<R: crate::AtLeast<crate::Owner>>(
    s: &Services,
    org: &crate::OrgCtx<R>,
    on: bool,
) -> Result<(), Error> {
    if on && !is_enabled(s, org.user().id).await? {
        return Err(Error::field(
            "require_two_factor",
            Message::new("two-factor-owner-first"),
        ));
    }
    let mut tx = s.db.begin_write().await?;
    bahi_store::identity::orgs::set_require_two_factor(&mut tx, org.org_id(), on).await?;
    let event = Event {
        action: "organisation.two_factor",
        entity: Entity("organisation", Some(org.org_id().to_string())),
        summary: format!(
            "{} {} a second factor of every member",
            org.user().email,
            if on { "required" } else { "stopped requiring" }
        ),
        details: vec![("on", on.to_string())],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(())
}

/// The code an authenticator shows for `secret` at `unix` seconds (tests; a support tool).
pub fn code_at(secret: &str, unix: u64) -> Result<String, Error> {
    Ok(totp(secret, "code")?.generate(unix).to_string())
}
