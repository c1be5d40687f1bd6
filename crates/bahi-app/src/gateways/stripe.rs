//! Stripe: Checkout Sessions for an invoice's balance (`POST /v1/checkout/sessions`,
//! form-encoded, the secret key as bearer, amounts in paise) and the
//! `checkout.session.completed` webhook (and `…async_payment_succeeded` for payments that
//! settle later). bahi puts the invoice's id in `client_reference_id` and both ids in
//! `metadata`, and finds the invoice by them when the event comes back.

use bahi_gst::Paise;
use serde_json::Value;
use time::OffsetDateTime;

use super::exchange::{
    CallError, CheckoutRequest, Envelope, Keys, Made, Meaning, Reported, answer, id_in,
};
use super::policy::GatewayPolicy;

/// Creates a Checkout Session for the balance.
pub async fn create_session(
    policy: &GatewayPolicy,
    keys: &Keys,
    request: &CheckoutRequest,
) -> Result<Made, CallError> {
    let invoice = request.invoice_id.to_string();
    let org = request.org_id.to_string();
    let mut form = vec![
        ("mode", "payment".to_owned()),
        ("success_url", request.return_url.clone()),
        ("cancel_url", request.return_url.clone()),
        ("client_reference_id", invoice.clone()),
        ("metadata[invoice_id]", invoice.clone()),
        ("metadata[org_id]", org.clone()),
        ("payment_intent_data[metadata][invoice_id]", invoice),
        ("payment_intent_data[metadata][org_id]", org),
        ("line_items[0][quantity]", "1".to_owned()),
        ("line_items[0][price_data][currency]", "inr".to_owned()),
        (
            "line_items[0][price_data][unit_amount]",
            request.amount.get().to_string(),
        ),
        (
            "line_items[0][price_data][product_data][name]",
            format!("Invoice {} from {}", request.number, request.business),
        ),
        (
            "expires_at",
            request.expires_at.unix_timestamp().to_string(),
        ),
    ];
    if let Some(email) = &request.buyer_email {
        form.push(("customer_email", email.clone()));
    }
    let response = policy
        .http
        .post(format!("{}v1/checkout/sessions", policy.stripe_api))
        .bearer_auth(&keys.key_secret)
        .header("Idempotency-Key", &request.idempotency_key)
        .form(&form)
        .send()
        .await
        .map_err(|e| CallError::transport(&e))?;
    let answer = answer(response, &["error", "message"]).await?;
    match (answer["id"].as_str(), answer["url"].as_str()) {
        (Some(id), Some(url)) => Ok(Made {
            provider_ref: id.to_owned(),
            url: url.to_owned(),
        }),
        _ => Err(CallError::Unreachable(
            "the checkout session came back without an id or address".into(),
        )),
    }
}

/// Whether the secret key works: reads the account's balance.
pub async fn check(policy: &GatewayPolicy, keys: &Keys) -> Result<(), CallError> {
    let response = policy
        .http
        .get(format!("{}v1/balance", policy.stripe_api))
        .bearer_auth(&keys.key_secret)
        .send()
        .await
        .map_err(|e| CallError::transport(&e))?;
    answer(response, &["error", "message"]).await.map(|_| ())
}

/// The event's id (`evt_…`) and type; `None` for a body that is not an event.
#[must_use]
pub fn envelope(body: &[u8]) -> Option<Envelope> {
    let event: Value = serde_json::from_slice(body).ok()?;
    Some(Envelope {
        event_id: event["id"].as_str()?.to_owned(),
        event_type: event["type"].as_str()?.to_owned(),
    })
}

/// What a kept event means: a completed, paid Checkout Session reports a payment for the
/// invoice in its metadata; other events need nothing.
pub fn meaning(payload: &str) -> Result<Meaning, String> {
    let event: Value = serde_json::from_str(payload).map_err(|_| "the event is not JSON")?;
    let kind = event["type"].as_str().unwrap_or_default();
    if !matches!(
        kind,
        "checkout.session.completed" | "checkout.session.async_payment_succeeded"
    ) {
        return Ok(Meaning::Nothing(format!("bahi does not act on {kind}")));
    }
    let session = &event["data"]["object"];
    if session["payment_status"].as_str() != Some("paid") {
        return Ok(Meaning::Nothing("the session is not paid yet".into()));
    }
    let metadata = &session["metadata"];
    let org_id = id_in(metadata, "org_id");
    let invoice_id =
        id_in(metadata, "invoice_id").or_else(|| id_in(session, "client_reference_id"));
    let (Some(org_id), Some(invoice_id)) = (org_id, invoice_id) else {
        return Err("the session names no invoice of bahi's".into());
    };
    if session["currency"].as_str() != Some("inr") {
        return Err("the session is not in rupees".into());
    }
    let Some(amount) = session["amount_total"].as_i64().filter(|a| *a > 0) else {
        return Err("the session has no amount".into());
    };
    let Some(payment_ref) = session["payment_intent"]
        .as_str()
        .or_else(|| session["id"].as_str())
    else {
        return Err("the session has no id".into());
    };
    Ok(Meaning::Paid(Reported {
        org_id,
        invoice_id,
        amount: Paise::new(amount),
        payment_ref: payment_ref.to_owned(),
        method: None,
        paid_at: event["created"]
            .as_i64()
            .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok()),
    }))
}
