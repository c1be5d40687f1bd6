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
