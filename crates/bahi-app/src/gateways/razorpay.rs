//! Razorpay: Payment Links for an invoice's balance (`POST /v1/payment_links`, basic auth with
//! the key id and secret, amounts in paise) and the `payment_link.paid` webhook. bahi puts the
//! invoice's id and organisation in the link's `notes` and its number in `reference_id`; the
//! event carries the link back, so it finds its invoice without a table of links.

use bahi_gst::Paise;
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::exchange::{
    CallError, CheckoutRequest, Envelope, Keys, Made, Meaning, Reported, answer, id_in,
};
use super::policy::GatewayPolicy;

/// Creates a Payment Link for the balance.
pub async fn create_link(
    policy: &GatewayPolicy,
    keys: &Keys,
    request: &CheckoutRequest,
) -> Result<Made, CallError> {
    let mut customer = json!({ "name": request.buyer_name });
    if let Some(email) = &request.buyer_email {
        customer["email"] = json!(email);
    }
    if let Some(phone) = &request.buyer_phone {
        customer["contact"] = json!(phone);
    }
    let body = json!({
        "amount": request.amount.get(),
        "currency": "INR",
        "accept_partial": false,
        "description": format!("Invoice {} from {}", request.number, request.business),
        "reference_id": request.reference,
        "expire_by": request.expires_at.unix_timestamp(),
        "customer": customer,
        "notify": { "sms": false, "email": false },
        "reminder_enable": false,
        "notes": {
            "invoice_id": request.invoice_id.to_string(),
            "org_id": request.org_id.to_string(),
        },
        "callback_url": request.return_url,
        "callback_method": "get",
    });
    let response = policy
        .http
        .post(format!("{}v1/payment_links", policy.razorpay_api))
        .basic_auth(&keys.key_id, Some(&keys.key_secret))
        .json(&body)
        .send()
        .await
        .map_err(|e| CallError::transport(&e))?;
    let answer = answer(response, &["error", "description"]).await?;
    match (answer["id"].as_str(), answer["short_url"].as_str()) {
        (Some(id), Some(url)) => Ok(Made {
            provider_ref: id.to_owned(),
            url: url.to_owned(),
        }),
        _ => Err(CallError::Unreachable(
            "the payment link came back without an id or address".into(),
        )),
    }
}

/// Whether the keys work: lists one payment.
pub async fn check(policy: &GatewayPolicy, keys: &Keys) -> Result<(), CallError> {
    let response = policy
        .http
        .get(format!("{}v1/payments?count=1", policy.razorpay_api))
        .basic_auth(&keys.key_id, Some(&keys.key_secret))
        .send()
        .await
        .map_err(|e| CallError::transport(&e))?;
    answer(response, &["error", "description"])
        .await
        .map(|_| ())
}

/// The event's id (Razorpay sends it as the `X-Razorpay-Event-Id` header, not in the body)
/// and its type; `None` for a body that is not an event.
#[must_use]
pub fn envelope(body: &[u8], event_id_header: Option<&str>) -> Option<Envelope> {
    let event: Value = serde_json::from_slice(body).ok()?;
    let event_type = event["event"].as_str()?.to_owned();
    // Without the header (older deliveries), the payment's id stands in: one payment, one event
    // of a type.
    let event_id = match event_id_header.map(str::trim).filter(|h| !h.is_empty()) {
        Some(id) => id.to_owned(),
        None => format!(
            "{event_type}:{}",
            event["payload"]["payment"]["entity"]["id"].as_str()?
        ),
    };
    Some(Envelope {
        event_id,
        event_type,
    })
}

/// What a kept event means: `payment_link.paid` reports a captured payment for the invoice in
/// the link's notes; other events need nothing.
pub fn meaning(payload: &str) -> Result<Meaning, String> {
    let event: Value = serde_json::from_str(payload).map_err(|_| "the event is not JSON")?;
    let kind = event["event"].as_str().unwrap_or_default();
    if kind != "payment_link.paid" {
        return Ok(Meaning::Nothing(format!("bahi does not act on {kind}")));
    }
    let link = &event["payload"]["payment_link"]["entity"];
    let payment = &event["payload"]["payment"]["entity"];
    let notes = &link["notes"];
    let (Some(org_id), Some(invoice_id)) = (id_in(notes, "org_id"), id_in(notes, "invoice_id"))
    else {
        return Err("the payment link's notes name no invoice of bahi's".into());
    };
    if payment["currency"].as_str() != Some("INR") {
        return Err("the payment is not in rupees".into());
    }
    if payment["status"].as_str() != Some("captured") {
        return Ok(Meaning::Nothing("the payment is not captured".into()));
    }
    let (Some(amount), Some(payment_ref)) = (payment["amount"].as_i64(), payment["id"].as_str())
    else {
        return Err("the payment has no amount or id".into());
    };
    if amount <= 0 {
        return Err("the payment's amount is not positive".into());
    }
    Ok(Meaning::Paid(Reported {
        org_id,
        invoice_id,
        amount: Paise::new(amount),
        payment_ref: payment_ref.to_owned(),
        method: payment["method"].as_str().map(str::to_owned),
        paid_at: payment["created_at"]
            .as_i64()
            .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok()),
    }))
}
