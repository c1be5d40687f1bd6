//! Small validators for settings whose shape is more than a number or a name.

pub(super) fn parse_origin(origin: &str) -> Result<String, &'static str> {
    if origin == "*" {
        return Err("is not allowed: credentials are never shared with every origin");
    }
    let url =
        url::Url::parse(origin).map_err(|_| "is not an origin such as https://app.example.com")?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err("must be an http:// or https:// origin");
    }
    if url.path() != "/" || url.query().is_some() || origin.ends_with('/') {
        return Err("must be an origin without a path, such as https://app.example.com");
    }
    Ok(url.origin().ascii_serialization())
}

pub(super) fn looks_like_mailbox(text: &str) -> bool {
    let address = match (text.find('<'), text.rfind('>')) {
        (Some(open), Some(close)) if open < close => &text[open + 1..close],
        _ => text,
    };
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !address.contains(char::is_whitespace)
}

pub(super) fn random_key() -> Vec<u8> {
    use rand::RngCore;
    let mut key = vec![0u8; 48];
    rand::rng().fill_bytes(&mut key);
    key
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
pub(crate) fn low_variety(key: &[u8]) -> Option<&'static str> {
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
