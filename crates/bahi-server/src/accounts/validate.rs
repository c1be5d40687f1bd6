//! Field validation shared by sign-up, invitations and organisation settings. Every error names
//! its field.

use bahi_gst::{Gstin, StateCode};
use bahi_store::identity::orgs::OrgFields;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::problem::FieldError;

pub(crate) fn err(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.into(),
    }
}

pub(crate) fn name(field: &str, value: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.push(err(field, "is required"));
    } else if v.chars().count() > max {
        errors.push(err(field, format!("must be at most {max} characters")));
    } else if v.chars().any(char::is_control) {
        errors.push(err(field, "must not contain control characters"));
    }
    v.to_owned()
}

pub(crate) fn email(field: &str, value: &str, errors: &mut Vec<FieldError>) -> String {
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
        errors.push(err(
            field,
            "must be an email address such as name@example.com",
        ));
    }
    v
}

/// An organisation's details as a client sends them.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct OrgInput {
    #[schema(min_length = 1, max_length = 200)]
    pub legal_name: String,
    #[schema(max_length = 200)]
    pub trade_name: Option<String>,
    /// GSTIN; its first two digits give the state.
    #[schema(max_length = 15, pattern = r"^[0-9A-Za-z]*$")]
    pub gstin: Option<String>,
    /// Two-digit GST state code; required when there is no GSTIN.
    #[schema(max_length = 2, pattern = r"^[0-9]*$")]
    pub state_code: Option<String>,
    #[schema(max_length = 500)]
    pub address: Option<String>,
    /// A UPI id such as shop@okbank.
    #[schema(max_length = 100)]
    pub upi_vpa: Option<String>,
    pub round_off_totals: Option<bool>,
}

fn optional(value: Option<&String>) -> Option<String> {
    value.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Validates an organisation; field names are prefixed with `prefix` (e.g. `organisation.`).
/// `None` when something is invalid (the reasons are in `errors`).
pub fn validate_org(
    input: &OrgInput,
    prefix: &str,
    errors: &mut Vec<FieldError>,
) -> Option<OrgFields> {
    let f = |name: &str| format!("{prefix}{name}");
    let legal_name = name(&f("legal_name"), &input.legal_name, 200, errors);
    let trade_name = optional(input.trade_name.as_ref());
    if trade_name.as_ref().is_some_and(|t| t.chars().count() > 200) {
        errors.push(err(&f("trade_name"), "must be at most 200 characters"));
    }
    let mut state_from_gstin = None;
    let gstin = optional(input.gstin.as_ref()).and_then(|g| match Gstin::parse(&g) {
        Ok(parsed) => {
            state_from_gstin = parsed.state();
            if !matches!(
                parsed.kind(),
                bahi_gst::GstinKind::Normal | bahi_gst::GstinKind::Government
            ) {
                errors.push(err(
                    &f("gstin"),
                    format!(
                        "{parsed} is {}, not a business's own GSTIN",
                        parsed.kind().describe()
                    ),
                ));
            }
            Some(parsed)
        }
        Err(e) => {
            errors.push(err(&f("gstin"), e.to_string()));
            None
        }
    });
    let state = match (optional(input.state_code.as_ref()), state_from_gstin) {
        (Some(code), from_gstin) => match StateCode::parse(&code) {
            Ok(s) if s.is_other_countries() => {
                errors.push(err(
                    &f("state_code"),
                    "96 (Other Countries) is not a state a business is registered in",
                ));
                None
            }
            Ok(s) if from_gstin.is_some_and(|g| g != s) => {
                errors.push(err(
                    &f("state_code"),
                    format!(
                        "the GSTIN is registered in {}, not {s}",
                        from_gstin.map(|g| g.to_string()).unwrap_or_default()
                    ),
                ));
                None
            }
            Ok(s) => Some(s),
            Err(e) => {
                errors.push(err(&f("state_code"), e.to_string()));
                None
            }
        },
        (None, Some(s)) => Some(s),
        (None, None) => {
            if gstin.is_none() && !errors.iter().any(|e| e.field == f("gstin")) {
                errors.push(err(&f("state_code"), "is required when there is no GSTIN"));
            }
            None
        }
    };
    let address = optional(input.address.as_ref());
    if address.as_ref().is_some_and(|a| a.chars().count() > 500) {
        errors.push(err(&f("address"), "must be at most 500 characters"));
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
            errors.push(err(&f("upi_vpa"), "must be a UPI ID such as shop@okbank"));
        }
    }
    Some(OrgFields {
        legal_name,
        trade_name,
        gstin,
        state_code: state?,
        address,
        upi_vpa,
        round_off_totals: input.round_off_totals.unwrap_or(true),
    })
    .filter(|_| errors.is_empty())
}
