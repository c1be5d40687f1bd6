//! What bahi and a gateway exchange, whichever the gateway: the keys a call is made with, what
//! bahi asks for when a customer pays, what it gets back, and what an event means.

use bahi_gst::Paise;
use bahi_store::identity::OrgId;
use bahi_store::sales::DocumentId;
use time::OffsetDateTime;

/// A business's keys, opened for one call (never logged: `Debug` hides the secrets).
#[derive(Clone)]
pub struct Keys {
    pub key_id: String,
    pub key_secret: String,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

/// A customer about to pay an invoice's balance.
#[derive(Debug, Clone)]
pub struct CheckoutRequest {
    pub org_id: OrgId,
    pub invoice_id: DocumentId,
    /// The invoice's number; Razorpay's `reference_id` (suffixed from the second link on,
    /// which Razorpay requires to be unique).
    pub reference: String,
    pub number: String,
    pub business: String,
    pub amount: Paise,
    pub buyer_name: String,
    pub buyer_email: Option<String>,
    pub buyer_phone: Option<String>,
    /// Where the customer comes back to (the public invoice page).
    pub return_url: String,
    /// Until when the gateway's page may be paid.
    pub expires_at: OffsetDateTime,
    /// Sent as the gateway's idempotency key where it takes one.
    pub idempotency_key: String,
}

/// What the gateway made: its id and the page to send the customer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub provider_ref: String,
    pub url: String,
}

/// A gateway call that did not succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// The gateway answered and said no (wrong keys: 401).
    #[error("the gateway refused ({status}): {detail}")]
    Refused { status: u16, detail: String },
    /// No usable answer: unreachable, timed out, or not what its documentation says.
    #[error("the gateway could not be reached: {0}")]
    Unreachable(String),
}

impl CallError {
    /// From a reqwest error, without the URL (which may carry nothing secret, but is noise).
    #[must_use]
    pub fn transport(e: &reqwest::Error) -> Self {
        let what = if e.is_timeout() {
            "timed out"
        } else if e.is_connect() {
            "could not connect"
        } else if e.is_decode() {
            "answered something unexpected"
        } else {
            "failed"
        };
        Self::Unreachable(what.to_owned())
    }
}

/// A payment an event reports, and the invoice it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    pub org_id: OrgId,
    pub invoice_id: DocumentId,
    pub amount: Paise,
    /// The gateway's id of the payment (`pay_…`, `pi_…`).
    pub payment_ref: String,
    /// How the customer paid, as the gateway says (`upi`, `card`).
    pub method: Option<String>,
    pub paid_at: Option<OffsetDateTime>,
}

/// What an event means to bahi.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    Paid(Reported),
    /// Nothing to do, and why (an event type bahi does not act on, a session not yet paid).
    Nothing(String),
}

/// The id and type every event carries, read before it is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub event_id: String,
    pub event_type: String,
}

/// The JSON of a gateway's 2xx answer; for any other, the gateway's reason, read at `reason`
/// (`["error", "description"]` for Razorpay, `["error", "message"]` for Stripe).
pub(crate) async fn answer(
    response: reqwest::Response,
    reason: &[&str],
) -> Result<serde_json::Value, CallError> {
    let status = response.status();
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    if status.is_success() {
        return Ok(body);
    }
    let detail = reason
        .iter()
        .fold(&body, |v, key| &v[*key])
        .as_str()
        .unwrap_or("no reason given")
        .chars()
        .take(300)
        .collect();
    Err(CallError::Refused {
        status: status.as_u16(),
        detail,
    })
}

/// Reads an id bahi put into what it sent (`notes.invoice_id`, `metadata.org_id`).
pub(crate) fn id_in<T: std::str::FromStr>(object: &serde_json::Value, key: &str) -> Option<T> {
    object.get(key)?.as_str()?.parse().ok()
}
