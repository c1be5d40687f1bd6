//! Field checks every domain shares: names, e-mail addresses, phone numbers, PIN codes, GSTINs
//! and state codes. Each error names its field; the engine's parse errors become catalogue
//! messages so that they can be translated.

use bahi_gst::gstin::{GstinError, GstinPart};
use bahi_gst::state::StateCodeError;

use crate::{FieldErrors, Message};

/// A required single-line text of at most `max` characters, trimmed.
pub(crate) fn name(field: &str, value: &str, max: usize, errors: &mut FieldErrors) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.push(field, Message::new("field-required"));
    } else if v.chars().count() > max {
        errors.push(field, Message::new("field-too-long").arg("max", max));
    } else if v.chars().any(char::is_control) {
        errors.push(field, Message::new("field-control-characters"));
    }
    v.to_owned()
}

/// Validates and normalises (trims, lower-cases) an email address.
pub fn email(field: &str, value: &str, errors: &mut FieldErrors) -> String {
    let v = bahi_store::identity::users::normalise_email(value);
    let valid = v.len() <= 254
        && v.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
        && !v
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    if !valid {
        errors.push(field, Message::new("email-invalid"));
    }
    v
}

/// Trimmed, and `None` when empty.
pub(crate) fn optional(value: Option<&String>) -> Option<String> {
    value.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Says what is wrong with a GSTIN, part by part (GST.md §3).
#[must_use]
pub fn gstin_message(error: &GstinError) -> Message {
    match error {
        GstinError::Empty => Message::new("gstin-empty"),
        GstinError::Length(g, n) => Message::new("gstin-length")
            .arg("gstin", g.as_str())
            .arg("count", *n),
        GstinError::Characters(g) => Message::new("gstin-characters").arg("gstin", g.as_str()),
        GstinError::Shape(g) => Message::new("gstin-shape").arg("gstin", g.as_str()),
        GstinError::State { gstin, reason } => Message::new("gstin-state")
            .arg("gstin", gstin.as_str())
            .arg("reason", state_reason(reason)),
        GstinError::OtherCountries { gstin } => {
            Message::new("gstin-other-countries").arg("gstin", gstin.as_str())
        }
        GstinError::CheckCharacter { gstin, expected } => Message::new("gstin-check-character")
            .arg("gstin", gstin.as_str())
            .arg("expected", expected.to_string()),
        GstinError::Part { gstin, part } => {
            let message = match part {
                GstinPart::StateDigits => Message::new("gstin-state-digits"),
                GstinPart::PanShape => Message::new("gstin-pan-shape"),
                GstinPart::PanHolder(c) => {
                    Message::new("gstin-pan-holder").arg("letter", c.to_string())
                }
                GstinPart::PanSerial => Message::new("gstin-pan-serial"),
                GstinPart::EntityNumber => Message::new("gstin-entity-number"),
                GstinPart::Fourteenth(c) => {
                    Message::new("gstin-fourteenth").arg("letter", c.to_string())
                }
            };
            message.arg("gstin", gstin.as_str())
        }
    }
}

fn state_reason(error: &StateCodeError) -> String {
    // The engine's wording names the codes precisely; it is passed on as the reason.
    error.to_string()
}

pub(crate) fn state_message(error: &StateCodeError) -> Message {
    Message::new("state-invalid").arg("reason", state_reason(error))
}

/// A phone number as people write it: digits with `+`, spaces, `-` and brackets; 6 to 15 digits.
pub(crate) fn phone(field: &str, value: &str, errors: &mut FieldErrors) {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'));
    if !allowed || !(6..=15).contains(&digits) {
        errors.push(field, Message::new("phone-invalid"));
    }
}

/// An Indian PIN code: six digits, the first not 0.
pub(crate) fn pincode(field: &str, value: &str, errors: &mut FieldErrors) {
    let b = value.as_bytes();
    if !(b.len() == 6 && b.iter().all(u8::is_ascii_digit) && b[0] != b'0') {
        errors.push(field, Message::new("pincode-invalid"));
    }
}

/// An optional text of at most `max` characters (`None` when empty).
pub(crate) fn optional_text(
    field: &str,
    value: Option<&String>,
    max: usize,
    errors: &mut FieldErrors,
) -> Option<String> {
    let v = optional(value)?;
    if v.chars().count() > max {
        errors.push(field, Message::new("field-too-long").arg("max", max));
    } else if v.chars().any(char::is_control) {
        errors.push(field, Message::new("field-control-characters"));
    }
    Some(v)
}
