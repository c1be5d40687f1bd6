//! API tokens: `bahi_` and 32 random bytes, shown once, stored as a hash, revocable, optionally
//! expiring. A program sends one as `Authorization: Bearer …` and acts as its user.

use bahi_store::identity::tokens::{self, ApiToken};
use bahi_store::identity::users::User;
use bahi_store::identity::{TokenId, now};

use super::validate;
use crate::audit::{Entity, Event, record};
use crate::secrets::{random_secret, secret_hash};
use crate::{Actor, Error, FieldErrors, Message, Services};

pub const PREFIX: &str = "bahi_";
/// The longest a token may be given; without an expiry a token lives until revoked.
pub const MAX_DAYS: i64 = 366;

/// A new token and the short prefix shown in lists to tell tokens apart.
fn generate() -> (String, String) {
    let token = format!("{PREFIX}{}", random_secret(32));
    let shown = token.chars().take(PREFIX.len() + 6).collect();
    (token, shown)
}

/// Creates a token for the actor, optionally expiring after `expires_in_days`; the secret is
/// returned here and never again.
pub async fn create(
    s: &Services,
    actor: &Actor,
    name: &str,
    expires_in_days: Option<i64>,
) -> Result<(ApiToken, String), Error> {
    let mut errors = FieldErrors::default();
    let name = validate::name("name", name, 100, &mut errors);
    if expires_in_days.is_some_and(|d| !(1..=MAX_DAYS).contains(&d)) {
        errors.push(
            "expires_in_days",
            Message::new("token-expiry-range").arg("max", MAX_DAYS),
        );
    }
    errors.check()?;
    let expires_at = expires_in_days.map(|d| now() + time::Duration::days(d));
    let (secret, prefix) = generate();
    let user = &actor.user;
    let mut tx = s.db.begin_write().await?;
    let hash = secret_hash(&secret);
    let token = tokens::create(&mut tx, user.id, &name, &hash, &prefix, expires_at).await?;
    let summary = format!("{} created API token \"{name}\" ({prefix}…)", user.email);
    let entity = Entity("api_token", Some(token.id.to_string()));
    record(
        s,
        &mut tx,
        &actor.into(),
        None,
        Event {
            action: "token.create",
            entity,
            summary,
            details: vec![("name", name.clone()), ("prefix", prefix.clone())],
        },
    )
    .await?;
    tx.commit().await?;
    Ok((token, secret))
}

/// The actor's tokens that still work, newest first.
pub async fn list(s: &Services, actor: &Actor) -> Result<Vec<ApiToken>, Error> {
    Ok(tokens::list(&s.db, actor.user.id).await?)
}

pub async fn revoke(s: &Services, actor: &Actor, id: TokenId) -> Result<(), Error> {
    let mut tx = s.db.begin_write().await?;
    if !tokens::revoke(&mut tx, actor.user.id, id).await? {
        return Err(Error::NotFound);
    }
    let summary = format!("{} revoked an API token", actor.user.email);
    let entity = Entity("api_token", Some(id.to_string()));
    record(
        s,
        &mut tx,
        &actor.into(),
        None,
        Event {
            action: "token.revoke",
            entity,
            summary,
            details: Vec::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The user a bearer token acts for, and the token; `None` for anything that is not a live
/// token (unknown, revoked, expired, or not even shaped like one).
pub async fn authenticate(s: &Services, bearer: &str) -> Result<Option<(TokenId, User)>, Error> {
    if !bearer.starts_with(PREFIX) {
        return Ok(None);
    }
    let Some((id, last_used_at, user)) = tokens::holder(&s.db, &secret_hash(bearer)).await? else {
        return Ok(None);
    };
    // Recorded to the minute: a write per API call would queue every reader behind SQLite's writer.
    if last_used_at.is_none_or(|t| now() - t >= time::Duration::minutes(1)) {
        // Through a write transaction: on SQLite it takes its turn with the other writers.
        let mut tx = s.db.begin_write().await?;
        tokens::mark_used(&mut tx, id).await?;
        tx.commit().await?;
    }
    Ok(Some((id, user)))
}
