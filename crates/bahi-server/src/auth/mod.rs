//! Who is calling and what they may do (DESIGN.md §7): passwords, sessions, CSRF, API tokens,
//! client addresses, throttling, and the extractors handlers use to demand a user, a member of
//! an organisation with at least some role, or a platform administrator.

pub mod api_token;
pub mod client_ip;
pub mod csrf;
pub mod extract;
pub mod limits;
pub mod password;
pub mod session;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub use extract::{Accountant, Admin, Authenticated, OrgMember, Owner, PlatformAdmin, Viewer};

/// A random URL-safe secret of `bytes` random bytes.
#[must_use]
pub fn random_secret(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// What the database stores of a secret (session ids, API tokens, invitation tokens).
#[must_use]
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}
