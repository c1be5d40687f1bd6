//! The organisation's details, as sign-up, settings and "add a business" take them. The
//! field-level checks every domain shares are in [`crate::fields`].

use bahi_gst::{Gstin, GstinKind, StateCode};
use bahi_store::identity::orgs::OrgFields;

pub use crate::fields::email;
pub(crate) use crate::fields::name;
use crate::fields::{self, gstin_message, optional, state_message};
use crate::{FieldErrors, Message};

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
    /// Registered under the composition scheme; false when left out.
    pub composition: Option<bool>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// One of [`super::zones::ZONES`]; India Standard Time when left out.
    pub time_zone: Option<String>,
    pub bank_name: Option<String>,
    /// 9 to 18 digits.
    pub bank_account_number: Option<String>,
    /// `HDFC0001234`: four letters, a zero, six letters or digits.
    pub bank_ifsc: Option<String>,
    pub invoice_terms: Option<String>,
    pub signatory: Option<String>,
    /// Files GSTR-1 and GSTR-3B quarterly (QRMP); false when left out.
    pub quarterly_returns: Option<bool>,
    /// Aggregate turnover above ₹5 crore last year; false when left out.
    pub turnover_above_5_crore: Option<bool>,
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
        fields::phone(&f("phone"), p, errors);
    }
    let org_email = optional(input.email.as_ref()).map(|e| email(&f("email"), &e, errors));
    let time_zone = optional(input.time_zone.as_ref())
        .unwrap_or_else(|| bahi_store::identity::orgs::DEFAULT_TIME_ZONE.to_owned());
    if !super::zones::is_known(&time_zone) {
        errors.push(f("time_zone"), Message::new("time-zone-unknown"));
    }
    let bank_name = fields::optional_text(&f("bank_name"), input.bank_name.as_ref(), 100, errors);
    let bank_account_number =
        optional(input.bank_account_number.as_ref()).map(|n| n.replace([' ', '-'], ""));
    if bank_account_number
        .as_ref()
        .is_some_and(|n| !(9..=18).contains(&n.len()) || !n.bytes().all(|b| b.is_ascii_digit()))
    {
        errors.push(
            f("bank_account_number"),
            Message::new("bank-account-invalid"),
        );
    }
    let bank_ifsc = optional(input.bank_ifsc.as_ref()).map(|i| i.to_ascii_uppercase());
    if bank_ifsc.as_ref().is_some_and(|i| !ifsc_shaped(i)) {
        errors.push(f("bank_ifsc"), Message::new("ifsc-invalid"));
    }
    // Terms run to several lines: line breaks are allowed, other control characters are not.
    let invoice_terms = optional(input.invoice_terms.as_ref()).map(|t| t.replace("\r\n", "\n"));
    if let Some(t) = &invoice_terms {
        if t.chars().count() > 2000 {
            errors.push(
                f("invoice_terms"),
                Message::new("field-too-long").arg("max", 2000),
            );
        } else if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            errors.push(f("invoice_terms"), Message::new("field-control-characters"));
        }
    }
    let signatory = fields::optional_text(&f("signatory"), input.signatory.as_ref(), 100, errors);
    let quarterly_returns = input.quarterly_returns.unwrap_or(false);
    let turnover_above_5_crore = input.turnover_above_5_crore.unwrap_or(false);
    // QRMP (CGST Rules r.61A) is open only to turnovers up to ₹5 crore.
    if quarterly_returns && turnover_above_5_crore {
        errors.push(
            f("quarterly_returns"),
            Message::new("quarterly-over-5-crore"),
        );
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
        composition: input.composition.unwrap_or(false),
        phone,
        email: org_email,
        time_zone,
        bank_name,
        bank_account_number,
        bank_ifsc,
        invoice_terms,
        signatory,
        quarterly_returns,
        turnover_above_5_crore,
    })
}

/// An IFSC: four letters (the bank), a zero, six letters or digits (the branch).
fn ifsc_shaped(ifsc: &str) -> bool {
    let b = ifsc.as_bytes();
    b.len() == 11
        && b[..4].iter().all(u8::is_ascii_uppercase)
        && b[4] == b'0'
        && b[5..].iter().all(u8::is_ascii_alphanumeric)
}
