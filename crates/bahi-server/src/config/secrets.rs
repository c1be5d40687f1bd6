//! The secret key: what signs cookies and CSRF tokens and keys the audit trail, the keys it
//! replaced, and the checks that keep a guessable key out of production.

use std::fmt;

use bahi_app::secrets::SecretBox;
use bahi_store::identity::audit::AuditKeys;

use super::environment::Environment;
use super::errors::ConfigError;
use super::settings::{SECRET_KEY, SECRET_KEY_PREVIOUS};
use super::sources::{Raw, err};

const MIN_SECRET_BYTES: usize = 32;

/// Key material for signing; never printed.
#[derive(Clone)]
pub struct SecretKey(Vec<u8>);

impl SecretKey {
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

pub(super) struct Secrets {
    pub key: SecretKey,
    pub previous: Vec<SecretKey>,
    /// Made up for this run (development without a key).
    pub generated: bool,
    pub audit_keys: AuditKeys,
    /// Seals what the server reads back (authenticator keys); the development box without a key.
    pub sealing: SecretBox,
}

/// Placeholders people paste from examples; a key containing one is not a secret.
const EXAMPLE_KEYS: &[&str] = &[
    "change-me",
    "changeme",
    "secret",
    "example",
    "password",
    "your-secret",
    "xxxxxxxx",
];

/// Why a secret key cannot be random (`None` when it may be): fewer than 16 different bytes, as
/// in 48 × `a`. Production refuses such a key at start.
fn low_variety(key: &[u8]) -> Option<&'static str> {
    let mut distinct = key.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    (distinct.len() < 16)
        .then_some("has too little variety to be random (fewer than 16 different characters)")
}

/// Why `bahi doctor` doubts a secret key (`None` when it will do): too little variety, or an
/// example placeholder pasted from documentation.
pub(crate) fn weak_secret(key: &[u8]) -> Option<&'static str> {
    if let Some(why) = low_variety(key) {
        return Some(why);
    }
    let text = String::from_utf8_lossy(key).to_lowercase();
    EXAMPLE_KEYS
        .iter()
        .any(|e| text.contains(e))
        .then_some("looks like an example value, not a secret")
}

fn random_key() -> Vec<u8> {
    use rand::RngCore;
    let mut key = vec![0u8; 48];
    rand::rng().fill_bytes(&mut key);
    key
}

pub(super) fn read(raw: &Raw<'_>, env: Environment, errors: &mut Vec<ConfigError>) -> Secrets {
    let refused = || (SecretKey(Vec::new()), false);
    let (key, generated) = match raw.get(&SECRET_KEY) {
        Some(key) if key.len() < MIN_SECRET_BYTES => {
            errors.push(err(
                &SECRET_KEY,
                format!(
                    "must be at least {MIN_SECRET_BYTES} bytes long, got {}",
                    key.len()
                ),
            ));
            refused()
        }
        Some(key) if env == Environment::Production && low_variety(key.as_bytes()).is_some() => {
            let why = low_variety(key.as_bytes()).unwrap_or_default();
            errors.push(err(
                &SECRET_KEY,
                format!("{why}; use at least {MIN_SECRET_BYTES} random bytes, e.g. `openssl rand -base64 48`"),
            ));
            refused()
        }
        Some(key) => (SecretKey(key.into_bytes()), false),
        None if env == Environment::Development => (SecretKey(random_key()), true),
        None => {
            errors.push(err(&SECRET_KEY, format!("is required in {} (at least {MIN_SECRET_BYTES} random bytes, e.g. `openssl rand -base64 48`)", env.as_str())));
            refused()
        }
    };
    let previous: Vec<SecretKey> = raw
        .get(&SECRET_KEY_PREVIOUS)
        .map(|list| {
            list.split([',', ' '])
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .filter_map(|k| {
                    if k.len() < MIN_SECRET_BYTES {
                        errors.push(err(
                            &SECRET_KEY_PREVIOUS,
                            format!("each key must be at least {MIN_SECRET_BYTES} bytes long"),
                        ));
                        return None;
                    }
                    Some(SecretKey(k.as_bytes().to_vec()))
                })
                .collect()
        })
        .unwrap_or_default();
    // A development server without a key signs the trail with the fixed development key, so it
    // verifies across restarts; production never accepts rows signed with it.
    let (audit_keys, sealing) = if generated {
        (AuditKeys::development(), SecretBox::development())
    } else {
        let earlier: Vec<&[u8]> = previous.iter().map(SecretKey::as_bytes).collect();
        (
            AuditKeys::new(key.as_bytes(), &earlier),
            SecretBox::new(key.as_bytes(), &earlier),
        )
    };
    Secrets {
        key,
        previous,
        generated,
        audit_keys,
        sealing,
    }
}
