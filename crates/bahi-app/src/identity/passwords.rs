//! Passwords: Argon2id with the crate's defaults (the OWASP minimum: 19 MiB, 2 passes, 1 lane),
//! hashed off the async runtime; strength judged by zxcvbn.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};

use crate::{Error, Message};

pub const MIN_LEN: usize = 10;
pub const MAX_LEN: usize = 256;

/// Why a password is refused, for the person choosing it. `user_inputs` (their name, email,
/// business) make a password that contains them weaker.
pub fn check_strength(password: &str, user_inputs: &[&str]) -> Result<(), Message> {
    let chars = password.chars().count();
    if chars < MIN_LEN {
        return Err(Message::new("password-too-short").arg("min", MIN_LEN));
    }
    if chars > MAX_LEN {
        return Err(Message::new("password-too-long").arg("max", MAX_LEN));
    }
    let estimate = zxcvbn::zxcvbn(password, user_inputs);
    if u8::from(estimate.score()) >= 3 {
        return Ok(());
    }
    // zxcvbn's advice is English; it is passed on as the reason.
    let hint = estimate
        .feedback()
        .and_then(|f| {
            f.warning()
                .map(|w| w.to_string())
                .or_else(|| f.suggestions().first().map(ToString::to_string))
        })
        .unwrap_or_else(|| "it is too easy to guess".to_owned());
    Err(Message::new("password-guessable").arg("hint", hint.trim_end_matches('.').to_lowercase()))
}

pub async fn hash(password: String) -> Result<String, Error> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))?
}

/// True when `password` matches `hash`. A malformed hash simply does not match.
pub(crate) async fn verify(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so a wrong email takes as long as
/// a wrong password.
pub(crate) fn dummy_hash() -> String {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY
        .get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(crate::secrets::random_secret(24).as_bytes(), &salt)
                .map(|h| h.to_string())
                .unwrap_or_default()
        })
        .clone()
}
