//! Getting paid: a business connects its own Razorpay and Stripe accounts (keys sealed,
//! write-only), shares an invoice by a public link (no session; expiring; withdrawable), its
//! customer presses "Pay" (the gateways are wiremock servers answering as their documentation
//! shows), and the gateway's webhook — signed here exactly as the gateway signs — records the
//! payment once. Replays, duplicates, tampered, stale and unsigned events change nothing, and
//! a payment for a void invoice is kept as an advance and flagged.

mod common;

use std::time::{Duration, Instant};

use bahi_app::gateways::signatures::sign_hex;
use common::{Account, Options, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use wiremock::matchers::{
    body_partial_json, body_string_contains, header, method, path, query_param,
};
use wiremock::{Mock, MockServer, ResponseTemplate};

const RAZORPAY_SECRET: &str = "rzp-webhook-secret-of-asha";
const STRIPE_SECRET: &str = "whsec_test_asha_traders";

async fn app_with(gateway: &MockServer) -> TestApp {
    TestApp::start_with(Options {
        vars: vec![
            ("BAHI_RAZORPAY_API_URL", gateway.uri()),
            ("BAHI_STRIPE_API_URL", gateway.uri()),
        ],
        ..Options::default()
    })
    .await
}

fn org_path(who: &Account, path: &str) -> String {
    format!("/api/v1/orgs/{}{path}", who.org_id)
}

async fn call(
    app: &TestApp,
    who: &Account,
    method: Method,
    path: &str,
    body: Value,
) -> (StatusCode, Value) {
    let response = app
        .send_as(who, method, &org_path(who, path))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let json = response.json().await.unwrap_or(Value::Null);
    (status, json)
}

struct Invoice {
    id: String,
    number: String,
    total: String,
    paise: i64,
}

/// An issued invoice to a customer with a phone number (₹787.00 with round-off).
async fn issued_invoice(app: &TestApp, who: &Account) -> Invoice {
    let (status, _) = call(
        app,
        who,
        Method::PATCH,
        "",
        json!({"upi_vpa": "asha.traders@okhdfc"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, party) = call(
        app,
        who,
        Method::POST,
        "/parties",
        json!({"name": "Chola Computers", "kind": "customer", "registration": "regular",
               "gstin": "29AABCS1429B1ZQ", "phone": "98450 12345", "email": "payables@chola.example"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{party}");
    let (status, invoice) = call(
        app,
        who,
        Method::POST,
        "/invoices",
        json!({"customer_id": party["id"], "date": "2026-10-05", "due_date": "2026-11-04", "issue": true,
               "lines": [{"description": "Laptop stand", "hsn_sac": "8473", "quantity": "2",
                          "unit": "NOS", "unit_price": "333.33", "gst_rate": "18"}]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{invoice}");
    let total = invoice["totals"]["total"].as_str().unwrap().to_owned();
    let paise = (total.parse::<f64>().unwrap() * 100.0).round() as i64;
    Invoice {
        id: invoice["id"].as_str().unwrap().to_owned(),
        number: invoice["number"].as_str().unwrap().to_owned(),
        total,
        paise,
    }
}

async fn connect(app: &TestApp, who: &Account, provider: &str, keys: Value) {
    let (status, body) = call(
        app,
        who,
        Method::PUT,
        &format!("/integrations/{provider}"),
        keys,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn connect_razorpay(app: &TestApp, who: &Account) {
    connect(
        app,
        who,
        "razorpay",
        json!({"mode": "test", "key_id": "rzp_test_1DP5mmOlF5G5ag", "key_secret": "thisisasecret",
               "webhook_secret": RAZORPAY_SECRET}),
    )
    .await;
}

async fn connect_stripe(app: &TestApp, who: &Account) {
    connect(
        app,
        who,
        "stripe",
        json!({"mode": "test", "key_id": "pk_test_51Asha", "key_secret": "sk_test_51AshaSecret",
               "webhook_secret": STRIPE_SECRET}),
    )
    .await;
}

async fn public_link(app: &TestApp, who: &Account, invoice: &Invoice) -> Value {
    let (status, link) = call(
        app,
        who,
        Method::POST,
        &format!("/invoices/{}/public-links", invoice.id),
        json!({"expires_in_days": 30}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{link}");
    link
}

/// The path of a public link (`/p/…`).
fn local(url: &Value) -> String {
    let url = url.as_str().unwrap();
    url[url.find("/p/").unwrap()..].to_owned()
}

async fn invoice_json(app: &TestApp, who: &Account, id: &str) -> Value {
    let (status, invoice) = call(
        app,
        who,
        Method::GET,
        &format!("/invoices/{id}"),
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    invoice
}

/// Waits for the inbox worker to settle the invoice's balance at `due`.
async fn until_balance(app: &TestApp, who: &Account, id: &str, due: &str) -> Value {
    app.until_inbox(&format!("a balance of {due}"), || async {
        invoice_json(app, who, id).await["balance_due"] == due
    })
    .await;
    invoice_json(app, who, id).await
}

async fn pending_events(db: &bahi_store::Db) -> i64 {
    const SQL: &str = "SELECT count(*) FROM gateway_events WHERE state = 'pending'";
    match db {
        bahi_store::Db::Sqlite(p) => sqlx::query_scalar(SQL).fetch_one(p).await.unwrap(),
        bahi_store::Db::Postgres(p) => sqlx::query_scalar(SQL).fetch_one(p).await.unwrap(),
    }
}

/// Waits for every kept event to be settled (none pending).
async fn until_inbox_settled(app: &TestApp) {
    app.until_inbox("no event pending", || async {
        pending_events(&app.db).await == 0
    })
    .await;
}

async fn payments(app: &TestApp, who: &Account) -> Vec<Value> {
    let (status, page) = call(app, who, Method::GET, "/payments", Value::Null).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().clone()
}

async fn audit_actions(app: &TestApp, who: &Account) -> Vec<String> {
    let (status, page) = call(
        app,
        who,
        Method::GET,
        "/audit-events?limit=100",
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

/// Razorpay's `payment_link.paid` event as its documentation shows it.
fn razorpay_paid(who: &Account, invoice: &Invoice, payment_id: &str, amount: i64) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "entity": "event",
        "account_id": "acc_BFQ7uQEaa7j2z7",
        "event": "payment_link.paid",
        "contains": ["payment_link", "order", "payment"],
        "payload": {
            "payment_link": {"entity": {
                "id": "plink_ERgihyaAAC0VNW", "entity": "payment_link", "status": "paid",
                "amount": amount, "amount_paid": amount, "currency": "INR",
                "reference_id": invoice.number, "short_url": "https://rzp.io/i/alaBxs0i",
                "notes": {"invoice_id": invoice.id, "org_id": who.org_id}
            }},
            "order": {"entity": {"id": "order_ERgiim0eHvjoeo", "entity": "order", "amount": amount,
                                 "amount_paid": amount, "amount_due": 0, "status": "paid"}},
            "payment": {"entity": {
                "id": payment_id, "entity": "payment", "amount": amount, "currency": "INR",
                "status": "captured", "order_id": "order_ERgiim0eHvjoeo", "method": "upi",
                "vpa": "gaurav.kumar@exampleupi", "captured": true, "created_at": 1_789_000_000
            }}
        },
        "created_at": 1_789_000_001
    }))
    .unwrap()
}

async fn razorpay_webhook(
    app: &TestApp,
    org: &str,
    body: &[u8],
    signature: Option<&str>,
    event_id: &str,
) -> (StatusCode, Value) {
    let mut request = app
        .client
        .post(app.at(&format!("/webhooks/razorpay/{org}")))
        .header("content-type", "application/json")
        .header("x-razorpay-event-id", event_id)
        .body(body.to_vec());
    if let Some(sig) = signature {
        request = request.header("x-razorpay-signature", sig);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_razorpay_payment_link_is_paid_once_by_its_webhook_and_forgeries_change_nothing() {
    let gateway = MockServer::start().await;
    let app = app_with(&gateway).await;
    let owner = app.signup("owner@asha.example").await;
    let invoice = issued_invoice(&app, &owner).await;
    connect_razorpay(&app, &owner).await;
    let link = public_link(&app, &owner, &invoice).await;

    // The customer presses "Pay": bahi asks Razorpay for a Payment Link for the balance, with
    // the invoice's ids in its notes, and sends the customer there. A second press reuses it.
    Mock::given(method("POST"))
        .and(path("/v1/payment_links"))
        .and(header(
            "authorization",
            "Basic cnpwX3Rlc3RfMURQNW1tT2xGNUc1YWc6dGhpc2lzYXNlY3JldA==",
        ))
        .and(body_partial_json(json!({
            "amount": invoice.paise, "currency": "INR", "accept_partial": false,
            "reference_id": invoice.number,
            "notes": {"invoice_id": invoice.id, "org_id": owner.org_id}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "plink_ERgihyaAAC0VNW", "entity": "payment_link", "status": "created",
            "amount": invoice.paise, "currency": "INR", "short_url": "https://rzp.io/i/alaBxs0i"
        })))
        .expect(1)
        .mount(&gateway)
        .await;
    let page = local(&link["url"]);
    for _ in 0..2 {
        let response = app
            .client
            .post(app.at(&format!("{page}/pay/razorpay")))
            .header("origin", &app.url)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()["location"], "https://rzp.io/i/alaBxs0i");
    }

    // The webhook, signed with the business's secret: kept, then applied by the inbox.
    let body = razorpay_paid(&owner, &invoice, "pay_29QQoUBi66xm2f", invoice.paise);
    let signature = sign_hex(RAZORPAY_SECRET, &[&body]);
    let (status, answer) =
        razorpay_webhook(&app, &owner.org_id, &body, Some(&signature), "evt_1").await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["status"], "kept");
    let paid = until_balance(&app, &owner, &invoice.id, "0.00").await;
    assert_eq!(paid["amount_paid"], invoice.total.as_str());
    let recorded = payments(&app, &owner).await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0]["mode"], "gateway");
    assert_eq!(recorded[0]["reference"], "pay_29QQoUBi66xm2f");
    assert_eq!(recorded[0]["amount"], invoice.total.as_str());
    let id = recorded[0]["id"].as_str().unwrap();
    let (_, payment) = call(
        &app,
        &owner,
        Method::GET,
        &format!("/payments/{id}"),
        Value::Null,
    )
    .await;
    assert_eq!(payment["allocations"][0]["invoice_id"], invoice.id.as_str());
    assert_eq!(payment["allocations"][0]["amount"], invoice.total.as_str());

    // Delivered again (same event id): a duplicate, nothing changes.
    let (status, answer) =
        razorpay_webhook(&app, &owner.org_id, &body, Some(&signature), "evt_1").await;
    assert_eq!(
        (status, answer["status"].clone()),
        (StatusCode::OK, json!("duplicate"))
    );
    // The same payment under another event id: kept, but recorded nowhere twice.
    let (status, _) = razorpay_webhook(&app, &owner.org_id, &body, Some(&signature), "evt_2").await;
    assert_eq!(status, StatusCode::OK);
    until_inbox_settled(&app).await;
    assert_eq!(payments(&app, &owner).await.len(), 1);

    // Tampered (a larger amount under the old signature), signed with another secret, or not
    // signed at all: 400, audited, nothing recorded.
    let tampered = razorpay_paid(&owner, &invoice, "pay_FORGED000001", invoice.paise * 10);
    let (status, problem) =
        razorpay_webhook(&app, &owner.org_id, &tampered, Some(&signature), "evt_3").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("forged"),
        "{problem}"
    );
    let other_secret = sign_hex("not the business's secret", &[&tampered]);
    let (status, _) =
        razorpay_webhook(&app, &owner.org_id, &tampered, Some(&other_secret), "evt_4").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = razorpay_webhook(&app, &owner.org_id, &tampered, None, "evt_5").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    until_inbox_settled(&app).await;
    assert_eq!(payments(&app, &owner).await.len(), 1);
    let actions = audit_actions(&app, &owner).await;
    assert_eq!(
        actions.iter().filter(|a| *a == "webhook.refused").count(),
        3
    );
    assert_eq!(actions.iter().filter(|a| *a == "payment.create").count(), 1);

    // A business that has not connected Razorpay has no webhook.
    let stranger = app.signup("owner@chola.example").await;
    let (status, _) =
        razorpay_webhook(&app, &stranger.org_id, &body, Some(&signature), "evt_6").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The public page now says it is paid, and offers no pay button.
    let page_html = app
        .client
        .get(app.at(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page_html.contains("/pay/razorpay"), "{page_html}");
    gateway.verify().await;
}

/// A Stripe event and its `Stripe-Signature` header, signed at `t`.
fn stripe_signed(body: &[u8], t: i64, extra_v1: Option<&str>) -> String {
    let stamp = t.to_string();
    let v1 = sign_hex(STRIPE_SECRET, &[stamp.as_bytes(), b".", body]);
    match extra_v1 {
        Some(other) => format!(
            "t={t},v1={other},v1={v1},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39"
        ),
        None => format!("t={t},v1={v1}"),
    }
}

fn stripe_completed(who: &Account, invoice: &Invoice, event_id: &str, amount: i64) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "id": event_id,
        "object": "event",
        "api_version": "2024-06-20",
        "created": 1_789_000_000,
        "livemode": false,
        "type": "checkout.session.completed",
        "data": {"object": {
            "id": "cs_test_a1b2c3", "object": "checkout.session", "mode": "payment",
            "amount_total": amount, "currency": "inr", "payment_status": "paid", "status": "complete",
            "client_reference_id": invoice.id,
            "metadata": {"invoice_id": invoice.id, "org_id": who.org_id},
            "payment_intent": "pi_3MtwBwLkdIwHu7ix28a3tqPa"
        }}
    }))
    .unwrap()
}

async fn stripe_webhook(app: &TestApp, org: &str, body: &[u8], signature: &str) -> StatusCode {
    app.client
        .post(app.at(&format!("/webhooks/stripe/{org}")))
        .header("content-type", "application/json")
        .header("stripe-signature", signature)
        .body(body.to_vec())
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_stripe_checkout_session_is_paid_by_its_webhook_and_stale_or_tampered_events_are_refused()
{
    let gateway = MockServer::start().await;
    let app = app_with(&gateway).await;
    let owner = app.signup("owner@asha.example").await;
    let invoice = issued_invoice(&app, &owner).await;
    connect_stripe(&app, &owner).await;
    let link = public_link(&app, &owner, &invoice).await;

    Mock::given(method("POST"))
        .and(path("/v1/checkout/sessions"))
        .and(header("authorization", "Bearer sk_test_51AshaSecret"))
        .and(body_string_contains(format!(
            "client_reference_id={}",
            invoice.id
        )))
        .and(body_string_contains(format!(
            "metadata%5Borg_id%5D={}",
            owner.org_id
        )))
        .and(body_string_contains(format!(
            "line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D={}",
            invoice.paise
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "cs_test_a1b2c3", "object": "checkout.session",
            "url": "https://checkout.stripe.com/c/pay/cs_test_a1b2c3"
        })))
        .expect(1)
        .mount(&gateway)
        .await;
    let response = app
        .client
        .post(app.at(&format!("{}/pay/stripe", local(&link["url"]))))
        .header("origin", &app.url)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        "https://checkout.stripe.com/c/pay/cs_test_a1b2c3"
    );

    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let body = stripe_completed(
        &owner,
        &invoice,
        "evt_1NG8Du2eZvKYlo2CUI79vXWy",
        invoice.paise,
    );
    // Signed ten minutes ago: a replay, refused.
    let stale = stripe_signed(&body, now - 600, None);
    assert_eq!(
        stripe_webhook(&app, &owner.org_id, &body, &stale).await,
        StatusCode::BAD_REQUEST
    );
    // Tampered after signing.
    let signed = stripe_signed(&body, now, None);
    let tampered = stripe_completed(&owner, &invoice, "evt_1NG8Du2eZvKYlo2CUI79vXWy", 1);
    assert_eq!(
        stripe_webhook(&app, &owner.org_id, &tampered, &signed).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(payments(&app, &owner).await.len(), 0);
    // Signed now, among several v1 values (a secret being rolled): applied.
    let rolled = stripe_signed(&body, now, Some(&"0".repeat(64)));
    assert_eq!(
        stripe_webhook(&app, &owner.org_id, &body, &rolled).await,
        StatusCode::OK
    );
    until_balance(&app, &owner, &invoice.id, "0.00").await;
    // Stripe delivers it again: nothing changes.
    assert_eq!(
        stripe_webhook(&app, &owner.org_id, &body, &signed).await,
        StatusCode::OK
    );
    until_inbox_settled(&app).await;
    let recorded = payments(&app, &owner).await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0]["reference"], "pi_3MtwBwLkdIwHu7ix28a3tqPa");
    let actions = audit_actions(&app, &owner).await;
    assert_eq!(
        actions.iter().filter(|a| *a == "webhook.refused").count(),
        2
    );
    gateway.verify().await;
}

#[tokio::test]
async fn a_payment_for_a_void_invoice_is_kept_as_an_advance_and_flagged() {
    const METRICS_TOKEN: &str = "scraper-token-of-asha-traders";
    let app = TestApp::start_with(Options {
        vars: vec![("BAHI_METRICS_TOKEN", METRICS_TOKEN.to_owned())],
        ..Options::default()
    })
    .await;
    let owner = app.signup("owner@asha.example").await;
    let invoice = issued_invoice(&app, &owner).await;
    connect_razorpay(&app, &owner).await;
    let (status, _) = call(
        &app,
        &owner,
        Method::POST,
        &format!("/invoices/{}/void", invoice.id),
        json!({"reason": "Raised twice"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let body = razorpay_paid(&owner, &invoice, "pay_AfterVoid0001", invoice.paise);
    let signature = sign_hex(RAZORPAY_SECRET, &[&body]);
    let (status, _) = razorpay_webhook(&app, &owner.org_id, &body, Some(&signature), "evt_9").await;
    assert_eq!(status, StatusCode::OK);
    until_inbox_settled(&app).await;
    let recorded = payments(&app, &owner).await;
    assert_eq!(recorded.len(), 1, "the money is never lost");
    assert_eq!(recorded[0]["unallocated"], invoice.total.as_str());
    assert!(
        recorded[0]["notes"].as_str().unwrap().contains("is void"),
        "the payment says why it is an advance"
    );
    let id = recorded[0]["id"].as_str().unwrap();
    let (_, payment) = call(
        &app,
        &owner,
        Method::GET,
        &format!("/payments/{id}"),
        Value::Null,
    )
    .await;
    assert!(
        payment["allocations"].as_array().unwrap().is_empty(),
        "{payment}"
    );
    let event = bahi_store::gateways::events::find(
        &app.db,
        owner.org_id.parse().unwrap(),
        bahi_store::gateways::Provider::Razorpay,
        "evt_9",
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(event.state, bahi_store::gateways::events::State::Flagged);
    assert!(event.outcome.unwrap().contains("void"));
    // The settings page lists it for a person to look at.
    let html = owner
        .page(
            &app,
            &format!("/orgs/{}/settings/integrations", owner.org_id),
        )
        .await;
    assert!(html.contains("Needs a look"), "{html}");
    // An operator's scraper sees it too.
    let metrics = app
        .client
        .get(app.at("/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains(r#"bahi_gateway_events{state="flagged"} 1"#),
        "{metrics}"
    );
    assert!(
        metrics.contains(r#"bahi_gateway_events{state="pending"} 0"#),
        "{metrics}"
    );
}

#[tokio::test]
async fn gateway_keys_are_sealed_write_only_checked_and_tested() {
    let gateway = MockServer::start().await;
    let app = app_with(&gateway).await;
    let owner = app.signup("owner@asha.example").await;

    // Everything is needed the first time; a test key does not go live.
    let (status, problem) = call(
        &app,
        &owner,
        Method::PUT,
        "/integrations/razorpay",
        json!({"mode": "live", "key_id": "rzp_test_1DP5mmOlF5G5ag"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["key_secret", "webhook_secret", "key_id"],
        "{problem}"
    );

    connect_razorpay(&app, &owner).await;
    let (status, shown) = call(
        &app,
        &owner,
        Method::GET,
        "/integrations/razorpay",
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shown["connected"], true);
    assert_eq!(shown["key_secret_set"], true);
    assert_eq!(shown["webhook_secret_set"], true);
    assert_eq!(
        shown["webhook_url"],
        format!("{}/webhooks/razorpay/{}", app.url, owner.org_id)
    );
    let text = shown.to_string();
    assert!(!text.contains("thisisasecret") && !text.contains(RAZORPAY_SECRET));
    // At rest: sealed, not the secret.
    let stored = bahi_store::gateways::integrations::get(
        &app.db,
        owner.org_id.parse().unwrap(),
        bahi_store::gateways::Provider::Razorpay,
    )
    .await
    .unwrap()
    .unwrap();
    assert!(stored.key_secret.starts_with("v1.") && !stored.key_secret.contains("thisisasecret"));
    assert!(!stored.webhook_secret.contains(RAZORPAY_SECRET));
    // Changing the key id alone keeps the secrets.
    connect(
        &app,
        &owner,
        "razorpay",
        json!({"mode": "test", "key_id": "rzp_test_OtherKey"}),
    )
    .await;
    let (_, shown) = call(
        &app,
        &owner,
        Method::GET,
        "/integrations/razorpay",
        Value::Null,
    )
    .await;
    assert_eq!(shown["key_id"], "rzp_test_OtherKey");
    assert_eq!(shown["key_secret_set"], true);

    // Admins and owners only.
    let accountant = app.join(&owner, "books@asha.example", "accountant").await;
    let (status, _) = call(
        &app,
        &accountant,
        Method::GET,
        "/integrations/razorpay",
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // "Test connection" calls Razorpay with the stored keys.
    Mock::given(method("GET"))
        .and(path("/v1/payments"))
        .and(query_param("count", "1"))
        .and(header(
            "authorization",
            "Basic cnpwX3Rlc3RfT3RoZXJLZXk6dGhpc2lzYXNlY3JldA==",
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"entity": "collection", "count": 0, "items": []})),
        )
        .expect(1)
        .mount(&gateway)
        .await;
    let (status, result) = call(
        &app,
        &owner,
        Method::POST,
        "/integrations/razorpay/test",
        Value::Null,
    )
    .await;
    assert_eq!(
        (status, result["ok"].clone()),
        (StatusCode::OK, json!(true)),
        "{result}"
    );
    gateway.reset().await;
    Mock::given(method("GET"))
        .and(path("/v1/payments"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": {
            "code": "BAD_REQUEST_ERROR", "description": "The api key provided is invalid"}})))
        .mount(&gateway)
        .await;
    let (_, result) = call(
        &app,
        &owner,
        Method::POST,
        "/integrations/razorpay/test",
        Value::Null,
    )
    .await;
    assert_eq!(result["ok"], false);
    assert_eq!(result["status"], 401);
    assert_eq!(result["detail"], "The api key provided is invalid");

    // Disconnected: its webhooks are refused as unknown.
    let (status, _) = call(
        &app,
        &owner,
        Method::DELETE,
        "/integrations/razorpay",
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, shown) = call(
        &app,
        &owner,
        Method::GET,
        "/integrations/razorpay",
        Value::Null,
    )
    .await;
    assert_eq!(shown["connected"], false);
    let (status, _) = razorpay_webhook(&app, &owner.org_id, b"{}", Some("00"), "evt_1").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let actions = audit_actions(&app, &owner).await;
    assert!(actions.contains(&"integration.connect".to_owned()));
    assert!(actions.contains(&"integration.disconnect".to_owned()));
}

#[tokio::test]
async fn a_public_link_shows_one_invoice_without_a_session_until_it_expires_or_is_withdrawn() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@asha.example").await;
    let invoice = issued_invoice(&app, &owner).await;
    let link = public_link(&app, &owner, &invoice).await;
    let page = local(&link["url"]);

    // No session, no gateway: the invoice, what is due and the UPI QR code; no pay button.
    let anonymous = app.browser();
    let response = anonymous.get(app.at(&page)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let html = response.text().await.unwrap();
    assert!(html.contains(&invoice.number));
    assert!(html.contains("₹787.00"), "{html}");
    assert!(html.contains("<svg role=\"img\""), "the UPI QR code");
    assert!(html.contains("upi://pay?pa=asha.traders@okhdfc"));
    assert!(!html.contains("/pay/"), "no gateway, no pay button");
    assert!(
        !html.contains("/orgs/"),
        "nothing else of the business is reachable"
    );
    let pdf = anonymous
        .get(app.at(&format!("{page}/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");

    // WhatsApp: to the customer's number, with the amount due and the link.
    let whatsapp = link["whatsapp_url"].as_str().unwrap();
    assert!(
        whatsapp.starts_with("https://wa.me/919845012345?text="),
        "{whatsapp}"
    );
    let text = percent_decode(&whatsapp[whatsapp.find("text=").unwrap() + 5..]);
    assert!(
        text.contains(&invoice.number) && text.contains("₹787.00"),
        "{text}"
    );
    assert!(text.contains(link["url"].as_str().unwrap()), "{text}");
    let reminder = percent_decode(link["whatsapp_reminder_url"].as_str().unwrap());
    assert!(reminder.contains("was due on 4 Nov 2026"), "{reminder}");

    // A token changed by one character, or of another link, opens nothing.
    let mut forged = page.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    assert_eq!(app.status(&anonymous, &forged).await, StatusCode::NOT_FOUND);
    assert_eq!(
        app.status(&anonymous, "/p/not-a-token").await,
        StatusCode::NOT_FOUND
    );

    // Withdrawn: gone at once.
    let (status, _) = call(
        &app,
        &owner,
        Method::DELETE,
        &format!(
            "/invoices/{}/public-links/{}",
            invoice.id,
            link["id"].as_str().unwrap()
        ),
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(app.status(&anonymous, &page).await, StatusCode::NOT_FOUND);
    assert_eq!(
        app.status(&anonymous, &format!("{page}/pdf")).await,
        StatusCode::NOT_FOUND
    );

    // Expired: gone too.
    let second = public_link(&app, &owner, &invoice).await;
    let second_page = local(&second["url"]);
    assert_eq!(app.status(&anonymous, &second_page).await, StatusCode::OK);
    let past = time::OffsetDateTime::now_utc() - time::Duration::minutes(1);
    let id: uuid::Uuid = second["id"].as_str().unwrap().parse().unwrap();
    match &app.db {
        bahi_store::Db::Sqlite(p) => {
            sqlx::query("UPDATE public_links SET expires_at = $1 WHERE id = $2")
                .bind(past)
                .bind(id)
                .execute(p)
                .await
                .map(|_| ())
                .unwrap()
        }
        bahi_store::Db::Postgres(p) => {
            sqlx::query("UPDATE public_links SET expires_at = $1 WHERE id = $2")
                .bind(past)
                .bind(id)
                .execute(p)
                .await
                .map(|_| ())
                .unwrap()
        }
    }
    assert_eq!(
        app.status(&anonymous, &second_page).await,
        StatusCode::NOT_FOUND
    );
    let (_, live) = call(
        &app,
        &owner,
        Method::GET,
        &format!("/invoices/{}/public-links", invoice.id),
        Value::Null,
    )
    .await;
    assert_eq!(live.as_array().unwrap().len(), 0);

    // Drafts are not shared.
    let (status, draft) = call(
        &app,
        &owner,
        Method::POST,
        "/invoices",
        json!({"customer_id": invoice_json(&app, &owner, &invoice.id).await["customer"]["id"], "date": "2026-10-06",
               "lines": [{"description": "Cable", "hsn_sac": "8544", "quantity": "1", "unit": "NOS", "unit_price": "100", "gst_rate": "18"}]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    let (status, _) = call(
        &app,
        &owner,
        Method::POST,
        &format!("/invoices/{}/public-links", draft["id"].as_str().unwrap()),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

async fn suggestions(app: &TestApp, who: &Account, query: &str) -> Value {
    let (status, body) = call(
        app,
        who,
        Method::GET,
        &format!("/hsn-suggestions?{query}"),
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

#[tokio::test]
async fn hsn_help_answers_from_the_offline_list_without_a_model() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@asha.example").await;
    let found = suggestions(&app, &owner, "q=Dell%20laptop%2014%20inch").await;
    assert_eq!(found["source"], "offline");
    assert_eq!(found["model_failed"], false);
    assert_eq!(found["suggestions"][0]["code"], "8471");
    assert_eq!(found["suggestions"][0]["gst_rate"], "18");
    assert_eq!(found["suggestions"][0]["kind"], "goods");
    let services = suggestions(&app, &owner, "q=website%20development&kind=services").await;
    assert_eq!(services["suggestions"][0]["code"], "998314");
    let (status, problem) = call(
        &app,
        &owner,
        Method::GET,
        "/hsn-suggestions?q=a",
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "q");

    // On the item form: suggestions to take, nothing saved until Save.
    let new_item = format!("/orgs/{}/items", owner.org_id);
    let fields = [
        ("name", "Aashirvaad atta 10 kg"),
        ("kind", "goods"),
        ("hsn_sac", ""),
        ("unit", "BAG"),
        ("price", "450"),
        ("gst_rate", "18"),
        ("treatment", "taxable"),
    ];
    let mut asking = fields.to_vec();
    asking.push(("suggest", "1"));
    let page = owner.form(&app, &new_item, &asking).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("value=\"1101|0\""), "{html}");
    assert!(html.contains("Use 1101 at 0%"));
    let mut taking = fields.to_vec();
    taking.push(("use_suggestion", "1101|0"));
    let html = owner
        .form(&app, &new_item, &taking)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("value=\"1101\""), "{html}");
    assert!(html.contains("1101 and 0% are filled in"));
    let (_, items) = call(&app, &owner, Method::GET, "/items", Value::Null).await;
    assert_eq!(items["items"].as_array().unwrap().len(), 0, "nothing saved");
}

#[tokio::test]
async fn hsn_help_asks_the_model_checks_its_answer_and_falls_back_when_it_fails() {
    let model = MockServer::start().await;
    let app = TestApp::start_with(Options {
        vars: vec![
            ("BAHI_LLM_BASE_URL", format!("{}/v1", model.uri())),
            ("BAHI_LLM_API_KEY", "sk-local-test".to_owned()),
            ("BAHI_LLM_MODEL", "hsn-small".to_owned()),
            ("BAHI_LLM_TIMEOUT_SECS", "1".to_owned()),
        ],
        ..Options::default()
    })
    .await;
    let owner = app.signup("owner@asha.example").await;
    // An OpenAI-style chat completion whose content is the JSON asked for: one good code, one
    // of five digits, one at a rate that is not a GST rate.
    let content = json!({"suggestions": [
        {"code": "847130", "description": "Portable computers (laptops)", "gst_rate": "18"},
        {"code": "84713", "description": "Five digits", "gst_rate": "18"},
        {"code": "8473", "description": "Parts", "gst_rate": "17"}
    ]})
    .to_string();
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(header("authorization", "Bearer sk-local-test"))
        .and(body_partial_json(json!({
            "model": "hsn-small",
            "response_format": {"type": "json_schema", "json_schema": {"name": "hsn_suggestions", "strict": true}}
        })))
        .and(body_string_contains("Dell laptop"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "chatcmpl-1", "object": "chat.completion", "model": "hsn-small",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}]
        })))
        .expect(1)
        .mount(&model)
        .await;
    let found = suggestions(&app, &owner, "q=Dell%20laptop&kind=goods").await;
    assert_eq!(found["source"], "model");
    let codes: Vec<&str> = found["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["847130"], "only what passes the checks");

    // A model that is down, or too slow: the offline list answers, and says so.
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(body_string_contains("atta"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&model)
        .await;
    let started = Instant::now();
    let found = suggestions(&app, &owner, "q=atta").await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the timeout holds"
    );
    assert_eq!(found["source"], "offline");
    assert_eq!(found["model_failed"], true);
    assert_eq!(found["suggestions"][0]["code"], "1101");
    model.verify().await;
}

#[tokio::test]
async fn two_replicas_apply_each_of_many_doubled_webhooks_once() {
    const EVENTS: usize = 300;
    let first = TestApp::start().await;
    let second = TestApp::start_with(Options {
        database_url: Some(first.database_url.clone()),
        skip_migrations: true,
        ..Options::default()
    })
    .await;
    let owner = first.signup("owner@asha.example").await;
    let invoice = issued_invoice(&first, &owner).await;
    connect_razorpay(&first, &owner).await;
    // Each event pays ₹1 of the invoice; each is delivered twice, once to each replica, from
    // sixteen senders at once.
    let deliveries: Vec<(String, Vec<u8>, String)> = (0..EVENTS)
        .flat_map(|i| {
            let body = razorpay_paid(&owner, &invoice, &format!("pay_Stress{i:05}"), 100);
            let signature = sign_hex(RAZORPAY_SECRET, &[&body]);
            let event = format!("evt_Stress{i:05}");
            [
                (first.url.clone(), body.clone(), event.clone()),
                (second.url.clone(), body, event),
            ]
            .into_iter()
            .map(move |(url, body, event)| (url, body, format!("{signature} {event}")))
        })
        .collect();
    let started = Instant::now();
    let mut senders = tokio::task::JoinSet::new();
    let org = owner.org_id.clone();
    for chunk in deliveries.chunks(deliveries.len().div_ceil(16)) {
        let chunk = chunk.to_vec();
        let org = org.clone();
        senders.spawn(async move {
            let client = reqwest::Client::new();
            for (url, body, signed) in chunk {
                let (signature, event) = signed.split_once(' ').unwrap();
                let response = client
                    .post(format!("{url}/webhooks/razorpay/{org}"))
                    .header("x-razorpay-signature", signature)
                    .header("x-razorpay-event-id", event)
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), StatusCode::OK);
            }
        });
    }
    while let Some(sent) = senders.join_next().await {
        sent.unwrap();
    }
    let paid = format!("{}.00", invoice.paise / 100 - EVENTS as i64);
    common::until_inboxes(&[&first, &second], "every event settled", || async {
        pending_events(&first.db).await == 0
            && invoice_json(&first, &owner, &invoice.id).await["balance_due"] == paid.as_str()
    })
    .await;
    let elapsed = started.elapsed();
    let payments: i64 = match &first.db {
        bahi_store::Db::Sqlite(p) => sqlx::query_scalar("SELECT count(*) FROM payments")
            .fetch_one(p)
            .await
            .unwrap(),
        bahi_store::Db::Postgres(p) => sqlx::query_scalar("SELECT count(*) FROM payments")
            .fetch_one(p)
            .await
            .unwrap(),
    };
    assert_eq!(payments, EVENTS as i64, "each payment recorded once");
    let invoice = invoice_json(&first, &owner, &invoice.id).await;
    assert_eq!(invoice["amount_paid"], format!("{EVENTS}.00"));
    // The settings page lists them a page at a time, newest first.
    let overview = format!("/orgs/{}/settings/integrations", owner.org_id);
    let html = owner.page(&first, &overview).await;
    assert_eq!(html.matches("payment_link.paid").count(), 50);
    let next = html
        .split("href=\"")
        .filter_map(|h| h.split('"').next())
        .find(|h| h.contains("/settings/integrations?before="))
        .expect("a link to older events")
        .replace("&amp;", "&");
    let older = owner.page(&first, &next).await;
    assert_eq!(older.matches("payment_link.paid").count(), 50);
    assert_ne!(html, older);
    eprintln!(
        "two replicas received {} webhooks and applied {EVENTS} payments in {:.2} s ({:.0} events/s) on {}",
        2 * EVENTS,
        elapsed.as_secs_f64(),
        EVENTS as f64 / elapsed.as_secs_f64(),
        first.kind().name()
    );
}

#[tokio::test]
async fn forged_webhooks_are_all_refused_and_audited_at_most_twenty_an_hour() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@asha.example").await;
    let invoice = issued_invoice(&app, &owner).await;
    connect_razorpay(&app, &owner).await;
    let body = razorpay_paid(&owner, &invoice, "pay_Forged", invoice.paise);
    let forged = sign_hex("a guessed secret", &[&body]);
    for i in 0..25 {
        let (status, _) = razorpay_webhook(
            &app,
            &owner.org_id,
            &body,
            Some(&forged),
            &format!("evt_F{i}"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    let actions = audit_actions(&app, &owner).await;
    assert_eq!(
        actions.iter().filter(|a| *a == "webhook.refused").count(),
        20
    );
    assert_eq!(payments(&app, &owner).await.len(), 0);
}
