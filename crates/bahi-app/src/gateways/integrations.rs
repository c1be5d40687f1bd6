//! Connecting a business's gateway accounts (admins and owners): the keys are the business's,
//! entered on its settings page or through the API, the secrets sealed at rest and never shown
//! again; what anyone may learn is which are set.

use bahi_store::gateways::Provider;
use bahi_store::gateways::integrations::{self, Integration, Mode};
use bahi_store::identity::{OrgId, now};
use time::OffsetDateTime;

use super::exchange::{CallError, Keys};
use super::{razorpay, stripe};
use crate::audit::{Entity, Event, record};
use crate::{Admin, AtLeast, Error, FieldErrors, Message, OrgCtx, Services};

/// A gateway as anyone may see it: never a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub provider: Provider,
    pub mode: Mode,
    pub key_id: String,
    pub key_secret_set: bool,
    pub webhook_secret_set: bool,
    pub updated_at: OffsetDateTime,
}

impl Connection {
    fn of(s: &Services, i: &Integration) -> Self {
        Self {
            provider: i.provider,
            mode: i.mode,
            key_id: i.key_id.clone(),
            key_secret_set: s.policy.sealing.open(&i.key_secret).is_some(),
            webhook_secret_set: s.policy.sealing.open(&i.webhook_secret).is_some(),
            updated_at: i.updated_at,
        }
    }
}

/// Keys as entered; a secret left out keeps the one stored (the form never shows it back).
#[derive(Debug, Clone, Default)]
pub struct ConnectInput {
    pub mode: Option<String>,
    pub key_id: Option<String>,
    pub key_secret: Option<String>,
    pub webhook_secret: Option<String>,
}

fn given(value: Option<&String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The prefixes a key of each mode starts with, where the gateway's keys say their mode.
fn mode_of_key(provider: Provider, key_id: &str, key_secret: Option<&str>) -> Option<Mode> {
    let by_prefix = |text: &str, test: &[&str], live: &[&str]| {
        if test.iter().any(|p| text.starts_with(p)) {
            Some(Mode::Test)
        } else if live.iter().any(|p| text.starts_with(p)) {
            Some(Mode::Live)
        } else {
            None
        }
    };
    match provider {
        Provider::Razorpay => by_prefix(key_id, &["rzp_test_"], &["rzp_live_"]),
        Provider::Stripe => key_secret
            .and_then(|s| by_prefix(s, &["sk_test_", "rk_test_"], &["sk_live_", "rk_live_"]))
            .or_else(|| by_prefix(key_id, &["pk_test_"], &["pk_live_"])),
    }
}

/// Connects a gateway or changes its keys.
pub async fn connect<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    provider: Provider,
    input: &ConnectInput,
) -> Result<Connection, Error> {
    let stored = integrations::get(&s.db, org.org_id(), provider).await?;
    let mut errors = FieldErrors::default();
    let mode = match given(input.mode.as_ref()).as_deref().map(Mode::parse) {
        Some(Some(mode)) => Some(mode),
        Some(None) => {
            errors.push("mode", Message::new("integration-mode-invalid"));
            None
        }
        None => {
            errors.push("mode", Message::new("field-required"));
            None
        }
    };
    let key_id = given(input.key_id.as_ref());
    match &key_id {
        None => errors.push("key_id", Message::new("field-required")),
        Some(k) if k.len() > 200 || k.chars().any(char::is_whitespace) => {
            errors.push("key_id", Message::new("integration-key-invalid"));
        }
        Some(_) => {}
    }
    let key_secret = given(input.key_secret.as_ref());
    let webhook_secret = given(input.webhook_secret.as_ref());
    let mode_changed = stored.as_ref().is_some_and(|i| Some(i.mode) != mode);
    for (field, value) in [
        ("key_secret", &key_secret),
        ("webhook_secret", &webhook_secret),
    ] {
        match value {
            Some(v) if v.len() > 500 || v.chars().any(char::is_whitespace) => {
                errors.push(field, Message::new("integration-key-invalid"));
            }
            // A secret must be entered the first time, and the key secret again when the mode
            // changes (test keys do not work live).
            None if stored.is_none() || (field == "key_secret" && mode_changed) => {
                errors.push(field, Message::new("field-required"));
            }
            _ => {}
        }
    }
    if let (Some(mode), Some(key_id)) = (mode, &key_id)
        && let Some(keys_mode) = mode_of_key(provider, key_id, key_secret.as_deref())
        && keys_mode != mode
    {
        let field = if provider == Provider::Razorpay {
            "key_id"
        } else {
            "key_secret"
        };
        errors.push(
            field,
            Message::new("integration-key-mode").arg("mode", keys_mode.as_str()),
        );
    }
    errors.check()?;
    let (Some(mode), Some(key_id)) = (mode, key_id) else {
        return Err(Error::Internal(
            "connection checked without its keys".into(),
        ));
    };
    let seal = |new: Option<String>, old: Option<&String>| match new {
        Some(v) => s.policy.sealing.seal(&v),
        None => old.cloned().unwrap_or_default(),
    };
    let at = now();
    let integration = Integration {
        org_id: org.org_id(),
        provider,
        mode,
        key_secret: seal(key_secret, stored.as_ref().map(|i| &i.key_secret)),
        webhook_secret: seal(webhook_secret, stored.as_ref().map(|i| &i.webhook_secret)),
        key_id,
        updated_by: Some(org.user().id),
        created_at: stored.as_ref().map_or(at, |i| i.created_at),
        updated_at: at,
    };
    let mut tx = s.db.begin_write().await?;
    integrations::put(&mut tx, &integration).await?;
    let event = Event {
        action: "integration.connect",
        entity: Entity("integration", Some(provider.as_str().to_owned())),
        summary: format!(
            "{} connected {} ({} mode, key {})",
            org.user().email,
            provider.as_str(),
            mode.as_str(),
            integration.key_id
        ),
        details: vec![
            ("provider", provider.as_str().to_owned()),
            ("mode", mode.as_str().to_owned()),
        ],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(Connection::of(s, &integration))
}

/// The gateway as connected (admins and owners); `None` when it is not.
pub async fn status<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    provider: Provider,
) -> Result<Option<Connection>, Error> {
    let stored = integrations::get(&s.db, org.org_id(), provider).await?;
    Ok(stored.as_ref().map(|i| Connection::of(s, i)))
}

/// Which gateways a business has connected: what its pay buttons offer.
pub async fn connected(s: &Services, org: OrgId) -> Result<Vec<Provider>, Error> {
    Ok(integrations::list(&s.db, org)
        .await?
        .into_iter()
        .map(|i| i.provider)
        .collect())
}

/// Disconnects a gateway: its keys are deleted; webhooks for it are refused from now on.
pub async fn disconnect<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    provider: Provider,
) -> Result<(), Error> {
    let mut tx = s.db.begin_write().await?;
    if !integrations::delete(&mut tx, org.org_id(), provider).await? {
        return Err(Error::NotFound);
    }
    let event = Event {
        action: "integration.disconnect",
        entity: Entity("integration", Some(provider.as_str().to_owned())),
        summary: format!("{} disconnected {}", org.user().email, provider.as_str()),
        details: vec![("provider", provider.as_str().to_owned())],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(())
}

/// Calls the gateway with the stored keys: `Ok(())` when they work.
pub async fn test<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    provider: Provider,
) -> Result<Result<(), CallError>, Error> {
    let Some(opened) = open(s, org.org_id(), provider).await? else {
        return Err(Error::NotFound);
    };
    let policy = &s.policy.gateways;
    Ok(match provider {
        Provider::Razorpay => razorpay::check(policy, &opened.keys).await,
        Provider::Stripe => stripe::check(policy, &opened.keys).await,
    })
}

/// A connection with its secrets opened, for a call or a signature check.
pub(crate) struct Opened {
    pub keys: Keys,
    pub webhook_secret: String,
}

/// The business's keys for a gateway, opened; `None` when it is not connected (or its secrets
/// were sealed under a key this deployment no longer has).
pub(crate) async fn open(
    s: &Services,
    org: OrgId,
    provider: Provider,
) -> Result<Option<Opened>, Error> {
    let Some(i) = integrations::get(&s.db, org, provider).await? else {
        return Ok(None);
    };
    let sealing = &s.policy.sealing;
    let (Some(key_secret), Some(webhook_secret)) =
        (sealing.open(&i.key_secret), sealing.open(&i.webhook_secret))
    else {
        tracing::warn!(
            provider = provider.as_str(),
            "a gateway's secrets do not open with the configured keys"
        );
        return Ok(None);
    };
    Ok(Some(Opened {
        keys: Keys {
            key_id: i.key_id,
            key_secret,
        },
        webhook_secret,
    }))
}

/// The business's webhook events, newest first, `limit` older than `before`: what was applied,
/// flagged or failed.
pub async fn events<R: AtLeast<Admin>>(
    s: &Services,
    org: &OrgCtx<R>,
    before: Option<bahi_store::gateways::events::EventId>,
    limit: i64,
) -> Result<Vec<bahi_store::gateways::events::GatewayEvent>, Error> {
    Ok(bahi_store::gateways::events::list(&s.db, org.org_id(), before, limit).await?)
}
