//! Webhook signatures as the gateways document them, checked in constant time over the body
//! exactly as it arrived (parsing first and re-serialising would change the bytes signed).

use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::OffsetDateTime;

fn hmac(secret: &str, parts: &[&[u8]]) -> Hmac<Sha256> {
    // HMAC takes a key of any length.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    for part in parts {
        mac.update(part);
    }
    mac
}

/// Razorpay: `X-Razorpay-Signature` is the hex HMAC-SHA256 of the raw body under the
/// webhook secret.
#[must_use]
pub fn razorpay(secret: &str, body: &[u8], signature: &str) -> bool {
    let Ok(given) = hex::decode(signature.trim()) else {
        return false;
    };
    hmac(secret, &[body]).verify_slice(&given).is_ok()
}

/// Why a Stripe signature was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StripeRefusal {
    /// No `t=` or no `v1=` in the header.
    Malformed,
    /// Signed longer ago (or further ahead) than the tolerance: a replay.
    Stale,
    /// No `v1` matches.
    Mismatch,
}

/// How far a Stripe signature's time may be from ours (Stripe's libraries use five minutes).
pub const STRIPE_TOLERANCE: time::Duration = time::Duration::minutes(5);

/// Stripe: `Stripe-Signature: t=<unix time>,v1=<hex>[,v1=<hex>…][,v0=…]`, each `v1` the
/// HMAC-SHA256 of `"<t>.<body>"` under the endpoint's secret; any one matching will do (several
/// appear while a secret is rolled). Schemes other than `v1` are ignored.
pub fn stripe(
    secret: &str,
    body: &[u8],
    header: &str,
    now: OffsetDateTime,
) -> Result<(), StripeRefusal> {
    let mut at = None;
    let mut candidates = Vec::new();
    for item in header.split(',') {
        match item.trim().split_once('=') {
            Some(("t", t)) => at = t.parse::<i64>().ok(),
            Some(("v1", v)) => candidates.extend(hex::decode(v).ok()),
            _ => {}
        }
    }
    let Some(at) = at else {
        return Err(StripeRefusal::Malformed);
    };
    if candidates.is_empty() {
        return Err(StripeRefusal::Malformed);
    }
    if (now.unix_timestamp() - at).abs() > STRIPE_TOLERANCE.whole_seconds() {
        return Err(StripeRefusal::Stale);
    }
    let stamp = at.to_string();
    let expected = hmac(secret, &[stamp.as_bytes(), b".", body]);
    if candidates
        .iter()
        .any(|c| expected.clone().verify_slice(c).is_ok())
    {
        Ok(())
    } else {
        Err(StripeRefusal::Mismatch)
    }
}

/// What a gateway would send: the hex HMAC-SHA256 of the parts (for tests and the
/// documentation's examples).
#[must_use]
pub fn sign_hex(secret: &str, parts: &[&[u8]]) -> String {
    hex::encode(hmac(secret, parts).finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test_secret";

    #[test]
    fn razorpay_signatures_cover_the_exact_body() {
        let body = br#"{"event":"payment_link.paid"}"#;
        let signature = sign_hex(SECRET, &[body]);
        assert!(razorpay(SECRET, body, &signature));
        assert!(razorpay(SECRET, body, &signature.to_uppercase()));
        assert!(!razorpay(
            SECRET,
            br#"{"event":"payment_link.paid" }"#,
            &signature
        ));
        assert!(!razorpay("another secret", body, &signature));
        assert!(!razorpay(SECRET, body, "not hex"));
        assert!(!razorpay(SECRET, body, ""));
    }

    #[test]
    fn stripe_signatures_are_timed_and_may_come_several() {
        let body = br#"{"id":"evt_1"}"#;
        let now = OffsetDateTime::from_unix_timestamp(1_767_225_600)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        let t = now.unix_timestamp().to_string();
        let good = sign_hex(SECRET, &[t.as_bytes(), b".", body]);
        let old = sign_hex("the secret before the roll", &[t.as_bytes(), b".", body]);
        assert_eq!(
            stripe(SECRET, body, &format!("t={t},v1={good}"), now),
            Ok(())
        );
        assert_eq!(
            stripe(
                SECRET,
                body,
                &format!("t={t},v1={old},v1={good},v0=abc"),
                now
            ),
            Ok(())
        );
        assert_eq!(
            stripe(SECRET, body, &format!("t={t},v1={old}"), now),
            Err(StripeRefusal::Mismatch)
        );
        assert_eq!(
            stripe(
                SECRET,
                br#"{"id":"evt_2"}"#,
                &format!("t={t},v1={good}"),
                now
            ),
            Err(StripeRefusal::Mismatch)
        );
        let later = now + time::Duration::minutes(6);
        assert_eq!(
            stripe(SECRET, body, &format!("t={t},v1={good}"), later),
            Err(StripeRefusal::Stale)
        );
        let within = now + time::Duration::minutes(4);
        assert_eq!(
            stripe(SECRET, body, &format!("t={t},v1={good}"), within),
            Ok(())
        );
        assert_eq!(
            stripe(SECRET, body, &format!("v1={good}"), now),
            Err(StripeRefusal::Malformed)
        );
        assert_eq!(
            stripe(SECRET, body, &format!("t={t}"), now),
            Err(StripeRefusal::Malformed)
        );
        // The timestamp is part of what is signed: moving it breaks the signature.
        let moved = (now.unix_timestamp() + 1).to_string();
        assert_eq!(
            stripe(SECRET, body, &format!("t={moved},v1={good}"), now),
            Err(StripeRefusal::Mismatch)
        );
    }
}
