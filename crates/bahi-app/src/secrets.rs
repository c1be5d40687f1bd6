//! Random secrets and what the database keeps of them (session ids, API tokens, invitation
//! tokens): the secret goes to its owner once; the store holds only its SHA-256. Secrets the
//! server must read back (a TOTP key) are sealed instead ([`SecretBox`]).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A random URL-safe secret of `bytes` random bytes.
#[must_use]
pub fn random_secret(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// What the database stores of a secret.
#[must_use]
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Seals secrets the server has to read back (authenticator keys) with ChaCha20-Poly1305 under
/// a key derived from `BAHI_SECRET_KEY`; what earlier keys sealed still opens after a rotation.
/// A database copy alone does not give the secrets away.
///
/// It also signs what bahi hands out and must recognise later without storing it (a public
/// invoice link's token): [`SecretBox::tag`], under another key derived from the same secret.
#[derive(Clone)]
pub struct SecretBox {
    current: [u8; 32],
    previous: Vec<[u8; 32]>,
    signing: [u8; 32],
    previous_signing: Vec<[u8; 32]>,
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBox(..)")
    }
}

/// What a sealed value starts with (the scheme, for a later change of it).
const SEALED: &str = "v1.";

fn derive(secret: &[u8]) -> [u8; 32] {
    derive_for(secret, b"sealed secrets v1")
}

fn derive_signing(secret: &[u8]) -> [u8; 32] {
    derive_for(secret, b"signed tokens v1")
}

fn derive_for(secret: &[u8], purpose: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    // 32 bytes is far below HKDF's limit of 255 × 32; the expansion cannot fail.
    let _ =
        hkdf::Hkdf::<Sha256>::new(Some(b"bahi sealed secrets"), secret).expand(purpose, &mut key);
    key
}

/// How many bytes of HMAC-SHA256 a signed token carries (128 bits: unguessable).
pub const TAG_BYTES: usize = 16;

fn mac(key: &[u8; 32], purpose: &str, data: &[u8]) -> hmac::Hmac<Sha256> {
    use hmac::Mac;
    // HMAC takes a key of any length.
    let mut mac = <hmac::Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(purpose.as_bytes());
    mac.update(&[0]);
    mac.update(data);
    mac
}

impl SecretBox {
    #[must_use]
    pub fn new(current: &[u8], previous: &[&[u8]]) -> Self {
        Self {
            current: derive(current),
            previous: previous.iter().map(|p| derive(p)).collect(),
            signing: derive_signing(current),
            previous_signing: previous.iter().map(|p| derive_signing(p)).collect(),
        }
    }

    /// The signature of `data` for `purpose`, under the current key.
    #[must_use]
    pub fn tag(&self, purpose: &str, data: &[u8]) -> [u8; TAG_BYTES] {
        use hmac::Mac;
        let full = mac(&self.signing, purpose, data).finalize().into_bytes();
        let mut tag = [0u8; TAG_BYTES];
        tag.copy_from_slice(&full[..TAG_BYTES]);
        tag
    }

    /// Whether `tag` signs `data` for `purpose` under the current key or an earlier one
    /// (compared in constant time).
    #[must_use]
    pub fn verify_tag(&self, purpose: &str, data: &[u8], tag: &[u8]) -> bool {
        use hmac::Mac;
        tag.len() == TAG_BYTES
            && std::iter::once(&self.signing)
                .chain(&self.previous_signing)
                .any(|key| mac(key, purpose, data).verify_truncated_left(tag).is_ok())
    }

    /// The box of a development server without a key of its own: fixed, so what it sealed
    /// opens after a restart; public, so nothing of worth is sealed with it.
    #[must_use]
    pub fn development() -> Self {
        Self::new(b"bahi development sealing key: not a secret", &[])
    }

    #[must_use]
    pub fn seal(&self, plain: &str) -> String {
        use chacha20poly1305::aead::{Aead, KeyInit};
        let cipher = chacha20poly1305::ChaCha20Poly1305::new((&self.current).into());
        let mut nonce = [0u8; 12];
        rand::rng().fill_bytes(&mut nonce);
        // Encryption fails only for inputs of gigabytes.
        let sealed = cipher
            .encrypt((&nonce).into(), plain.as_bytes())
            .unwrap_or_default();
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{SEALED}{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Opens a sealed value with the current key or an earlier one; `None` when none opens it.
    #[must_use]
    pub fn open(&self, sealed: &str) -> Option<String> {
        use chacha20poly1305::aead::{Aead, KeyInit};
        let bytes = URL_SAFE_NO_PAD.decode(sealed.strip_prefix(SEALED)?).ok()?;
        if bytes.len() < 12 {
            return None;
        }
        let (nonce, body) = bytes.split_at(12);
        std::iter::once(&self.current)
            .chain(&self.previous)
            .find_map(|key| {
                chacha20poly1305::ChaCha20Poly1305::new(key.into())
                    .decrypt(nonce.into(), body)
                    .ok()
            })
            .and_then(|plain| String::from_utf8(plain).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::SecretBox;

    #[test]
    fn sealed_secrets_open_with_the_key_or_an_earlier_one_and_no_other() {
        let old = SecretBox::new(b"the old key of at least thirty-two bytes", &[]);
        let sealed = old.seal("JBSWY3DPEHPK3PXP");
        assert!(sealed.starts_with("v1."));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(
            sealed,
            old.seal("JBSWY3DPEHPK3PXP"),
            "a fresh nonce each time"
        );
        assert_eq!(old.open(&sealed).as_deref(), Some("JBSWY3DPEHPK3PXP"));
        let rotated = SecretBox::new(
            b"the new key of at least thirty-two bytes",
            &[b"the old key of at least thirty-two bytes"],
        );
        assert_eq!(rotated.open(&sealed).as_deref(), Some("JBSWY3DPEHPK3PXP"));
        let other = SecretBox::new(b"somebody else's key of thirty-two bytes", &[]);
        assert_eq!(other.open(&sealed), None);
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert_eq!(old.open(&tampered), None);
        assert_eq!(old.open("JBSWY3DPEHPK3PXP"), None);
    }

    #[test]
    fn tags_verify_under_the_key_or_an_earlier_one_for_their_purpose_only() {
        let old = SecretBox::new(b"the old key of at least thirty-two bytes", &[]);
        let tag = old.tag("public-link", b"0193-link");
        assert!(old.verify_tag("public-link", b"0193-link", &tag));
        assert!(!old.verify_tag("public-link", b"0193-linK", &tag));
        assert!(!old.verify_tag("other", b"0193-link", &tag));
        assert!(!old.verify_tag("public-link", b"0193-link", &tag[..8]));
        let rotated = SecretBox::new(
            b"the new key of at least thirty-two bytes",
            &[b"the old key of at least thirty-two bytes"],
        );
        assert!(rotated.verify_tag("public-link", b"0193-link", &tag));
        assert_ne!(rotated.tag("public-link", b"0193-link"), tag);
        let other = SecretBox::new(b"somebody else's key of thirty-two bytes", &[]);
        assert!(!other.verify_tag("public-link", b"0193-link", &tag));
    }
}
