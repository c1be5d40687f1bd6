//! API tokens: `bahi_` followed by 32 random bytes, shown once, stored as a hash.

pub const PREFIX: &str = "bahi_";

/// A new token and the short prefix shown in lists to tell tokens apart.
#[must_use]
pub fn generate() -> (String, String) {
    let token = format!("{PREFIX}{}", super::random_secret(32));
    let shown = token.chars().take(PREFIX.len() + 6).collect();
    (token, shown)
}
