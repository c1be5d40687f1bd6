//! Field validation shared by sign-up, invitations and organisation settings. Every error names
//! its field; the engine's parse errors become catalogue messages so they can be translated.

use bahi_gst::gstin::{GstinError, GstinPart};
use bahi_gst::state::StateCodeError;
use bahi_gst::{Gstin, GstinKind, StateCode};
use bahi_store::identity::orgs::OrgFields;

use crate::{FieldErrors, Message};

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

/// An organisation's details as a client gives them.
#[derive(Debug, Clone, Default)]
pub struct OrgInput {
    pub legal_name: String,
    pub trade_name: Option<String>,
    /// GSTIN; its first two digits give the state.
    pub gstin: Option<String>,
    /// Two-digit GST state code; required when there is no GSTIN.
    pub state_code: Option<String>,
    pub address: Option<String>,
    pub upi_vpa: Option<String>,
    pub round_off_totals: Option<bool>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// One of [`super::zones::ZONES`]; India Standard Time when left out.
    pub time_zone: Option<String>,
}

fn optional(value: Option<&String>) -> Option<String> {
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

fn state_message(error: &StateCodeError) -> Message {
    Message::new("state-invalid").arg("reason", state_reason(error))
}

/// Validates an organisation; field names are prefixed with `prefix` (e.g. `organisation.`).
/// `None` when something is invalid (the reasons are in `errors`).
pub fn org(input: &OrgInput, prefix: &str, errors: &mut FieldErrors) -> Option<OrgFields> {
    let f = |name: &str| format!("{prefix}{name}");
    let before = errors.0.len();
    let legal_name = name(&f("legal_name"), &input.legal_name, 200, errors);
    let trade_name = optional(input.trade_name.as_ref());
    if trade_name.as_ref().is_some_and(|t| t.chars().count() > 200) {
        errors.push(
            f("trade_name"),
            Message::new("field-too-long").arg("max", 200),
        );
    }
    let mut state_from_gstin = None;
    let gstin = optional(input.gstin.as_ref()).and_then(|g| match Gstin::parse(&g) {
        Ok(parsed) => {
            state_from_gstin = parsed.state();
            if !matches!(parsed.kind(), GstinKind::Normal | GstinKind::Government) {
                errors.push(
                    f("gstin"),
                    Message::new("gstin-not-own")
                        .arg("gstin", parsed.to_string())
                        .arg("kind", parsed.kind().describe()),
                );
            }
            Some(parsed)
        }
        Err(e) => {
            errors.push(f("gstin"), gstin_message(&e));
            None
        }
    });
    let state = match (optional(input.state_code.as_ref()), state_from_gstin) {
        (Some(code), from_gstin) => match StateCode::parse(&code) {
            Ok(s) if s.is_other_countries() => {
                errors.push(f("state_code"), Message::new("state-other-countries"));
                None
            }
            Ok(s) if from_gstin.is_some_and(|g| g != s) => {
                errors.push(
                    f("state_code"),
                    Message::new("state-not-gstin")
                        .arg(
                            "gstin_state",
                            from_gstin.map(|g| g.to_string()).unwrap_or_default(),
                        )
                        .arg("state", s.to_string()),
                );
                None
            }
            Ok(s) => Some(s),
            Err(e) => {
                errors.push(f("state_code"), state_message(&e));
                None
            }
        },
        (None, Some(s)) => Some(s),
        (None, None) => {
            if gstin.is_none() && !errors.has(&f("gstin")) {
                errors.push(f("state_code"), Message::new("state-required"));
            }
            None
        }
    };
    let address = optional(input.address.as_ref());
    if address.as_ref().is_some_and(|a| a.chars().count() > 500) {
        errors.push(f("address"), Message::new("field-too-long").arg("max", 500));
    }
    let upi_vpa = optional(input.upi_vpa.as_ref());
    if let Some(vpa) = &upi_vpa {
        let ok = vpa.len() <= 100
            && vpa
                .split_once('@')
                .is_some_and(|(h, p)| !h.is_empty() && !p.is_empty())
            && vpa
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'));
        if !ok {
            errors.push(f("upi_vpa"), Message::new("upi-invalid"));
        }
    }
    let phone = optional(input.phone.as_ref());
    if let Some(p) = &phone {
        let digits = p.chars().filter(char::is_ascii_digit).count();
        let allowed = p
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'));
        if !allowed || !(6..=15).contains(&digits) {
            errors.push(f("phone"), Message::new("phone-invalid"));
        }
    }
    let org_email = optional(input.email.as_ref()).map(|e| email(&f("email"), &e, errors));
    let time_zone = optional(input.time_zone.as_ref())
        .unwrap_or_else(|| bahi_store::identity::orgs::DEFAULT_TIME_ZONE.to_owned());
    if !super::zones::is_known(&time_zone) {
        errors.push(f("time_zone"), Message::new("time-zone-unknown"));
    }
    if errors.0.len() > before {
        return None;
    }
    Some(OrgFields {
        legal_name,
        trade_name,
        gstin,
        state_code: state?,
        address,
        upi_vpa,
        round_off_totals: input.round_off_totals.unwrap_or(true),
        phone,
        email: org_email,
        time_zone,
    })
}
