//! "Share on WhatsApp": the `https://wa.me/<number>?text=<message>` address WhatsApp opens
//! with the chat and the message ready (on a phone, the app; elsewhere, WhatsApp Web).

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

/// The number as `wa.me` wants it: digits with the country code, no `+`. Ten digits are an
/// Indian mobile (91 in front); a leading 0 (trunk prefix) is dropped. `None` when it does not
/// look like a phone number.
#[must_use]
pub fn number(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let international = if let Some(rest) = digits.strip_prefix("00") {
        Some(rest.to_owned())
    } else if phone.trim_start().starts_with('+') {
        Some(digits.clone())
    } else {
        None
    };
    let full = match international {
        Some(n) => n,
        None => match digits.strip_prefix('0') {
            Some(national) if national.len() == 10 => format!("91{national}"),
            _ if digits.len() == 10 => format!("91{digits}"),
            _ => digits,
        },
    };
    (11..=15).contains(&full.len()).then_some(full)
}

/// The address that opens a chat with `phone` (or lets the sender pick one, without a usable
/// number) with `text` typed in.
#[must_use]
pub fn share_url(phone: Option<&str>, text: &str) -> String {
    let text = utf8_percent_encode(text, NON_ALPHANUMERIC);
    match phone.and_then(number) {
        Some(n) => format!("https://wa.me/{n}?text={text}"),
        None => format!("https://wa.me/?text={text}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_get_their_country_code_and_lose_everything_else() {
        assert_eq!(number("98450 12345").as_deref(), Some("919845012345"));
        assert_eq!(number("+91 98450-12345").as_deref(), Some("919845012345"));
        assert_eq!(number("098450 12345").as_deref(), Some("919845012345"));
        assert_eq!(number("0091 9845012345").as_deref(), Some("919845012345"));
        assert_eq!(number("+971 50 123 4567").as_deref(), Some("971501234567"));
        assert_eq!(number("12345"), None);
        assert_eq!(number(""), None);
    }

    #[test]
    fn the_message_is_encoded_whole() {
        assert_eq!(
            share_url(Some("9845012345"), "Invoice INV/1 & ₹1,180.00"),
            "https://wa.me/919845012345?text=Invoice%20INV%2F1%20%26%20%E2%82%B91%2C180%2E00"
        );
        assert_eq!(share_url(None, "hi"), "https://wa.me/?text=hi");
        assert_eq!(share_url(Some("n/a"), "hi"), "https://wa.me/?text=hi");
    }
}
