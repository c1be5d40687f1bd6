//! Purchase bills and payments over the API (API.md, Purchase bills and Payments) on the real
//! server: reverse charge, imports, ITC per line, vendor numbers unique per financial year;
//! payments split across documents, partial, advances allocated later, voids that restore
//! balances, refused input that changes nothing, and two payments racing for one balance.

mod common;

use common::{Account, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn json_of(response: reqwest::Response) -> Value {
    response.json().await.unwrap()
}

fn org_path(who: &Account, path: &str) -> String {
    format!("/api/v1/orgs/{}{path}", who.org_id)
}

async fn post(app: &TestApp, who: &Account, path: &str, body: Value) -> reqwest::Response {
    app.send_as(who, Method::POST, &org_path(who, path))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn get(app: &TestApp, who: &Account, path: &str) -> Value {
    let response = who
        .client
        .get(app.at(&org_path(who, path)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    json_of(response).await
}

async fn created(app: &TestApp, who: &Account, path: &str, body: Value) -> Value {
    let response = post(app, who, path, body.clone()).await;
    let status = response.status();
    let json = json_of(response).await;
    assert_eq!(status, StatusCode::CREATED, "{path} {body}: {json}");
    json
}

async fn refused_fields(response: reqwest::Response) -> Vec<String> {
    let status = response.status();
    let body = json_of(response).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    bahi_store::testing::count(&app.db, &format!("SELECT count(*) FROM {table}"), []).await
}

async fn party(app: &TestApp, who: &Account, body: Value) -> String {
    created(app, who, "/parties", body).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn freight(vendor: &str, number: &str, date: &str, reverse_charge: bool) -> Value {
    json!({"vendor_id": vendor, "vendor_invoice_number": number, "date": date,
           "place_of_supply": null, "reverse_charge": reverse_charge, "import": null,
           "lines": [{"description": "Freight", "hsn_sac": "9965", "quantity": "1", "unit_price": "10000.00",
                      "discount": "0.00", "gst_rate": "5", "treatment": "taxable", "itc": "eligible"}]})
}

#[tokio::test]
async fn bills_follow_reverse_charge_imports_and_vendor_numbers() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let gta = party(&app, &owner, json!({"name": "Garuda Transport", "kind": "vendor", "registration": "regular", "gstin": "29AABCS1429B1ZQ"})).await;
    let pune = party(&app, &owner, json!({"name": "Acme Traders", "kind": "both", "registration": "regular", "gstin": "27AAPFU0939F1ZV"})).await;
    let abroad = party(&app, &owner, json!({"name": "Globex LLC", "kind": "vendor", "registration": "overseas", "country": "United States"})).await;
    let small = party(&app, &owner, json!({"name": "Corner Kirana", "kind": "vendor", "registration": "unregistered", "state_code": "29"})).await;

    let rcm = created(
        &app,
        &owner,
        "/bills",
        freight(&gta, "GTA/778", "2026-10-09", true),
    )
    .await;
    assert_eq!(rcm["status"], "recorded");
    assert_eq!(rcm["vendor"]["name"], "Garuda Transport");
    assert_eq!(rcm["vendor_invoice_number"], "GTA/778");
    assert_eq!(rcm["reverse_charge"], true);
    assert_eq!(
        rcm["totals"]["cgst"], "250.00",
        "the tax the business owes itself"
    );
    assert_eq!(rcm["totals"]["sgst"], "250.00");
    assert_eq!(
        rcm["totals"]["total"], "10000.00",
        "the vendor is paid without it"
    );
    assert_eq!(rcm["balance_due"], "10000.00");
    assert_eq!(rcm["lines"][0]["itc"], "eligible");

    let mut inter = freight(&pune, "0042/a", "2026-10-10", false);
    inter["lines"][0]["itc"] = json!("ineligible");
    let inter = created(&app, &owner, "/bills", inter).await;
    assert_eq!(
        inter["vendor_invoice_number"], "0042/a",
        "kept as the vendor wrote it"
    );
    assert_eq!(inter["totals"]["igst"], "500.00");
    assert_eq!(inter["totals"]["total"], "10500.00");
    assert_eq!(inter["lines"][0]["itc"], "ineligible");

    let goods = json!({"vendor_id": abroad, "vendor_invoice_number": "GX-1", "date": "2026-10-11",
        "import": "goods", "bill_of_entry": {"number": "7654321", "date": "2026-10-12", "port_code": "INNSA1"},
        "lines": [{"description": "Servo motors", "hsn_sac": "8501", "unit": "NOS", "quantity": "10",
                   "unit_price": "2500", "gst_rate": "18"}]});
    let goods = created(&app, &owner, "/bills", goods).await;
    assert_eq!(goods["import"], "goods");
    assert_eq!(goods["totals"]["igst"], "4500.00", "IGST paid at customs");
    assert_eq!(
        goods["totals"]["total"], "25000.00",
        "the vendor is paid the value"
    );
    assert_eq!(goods["bill_of_entry"]["port_code"], "INNSA1");

    let services = json!({"vendor_id": abroad, "vendor_invoice_number": "GX-2", "date": "2026-10-11",
        "import": "services", "lines": [{"description": "Cloud hosting", "hsn_sac": "998315",
        "quantity": "1", "unit_price": "1000", "gst_rate": "18"}]});
    let services = created(&app, &owner, "/bills", services).await;
    assert_eq!(
        services["reverse_charge"], true,
        "an import of services is under reverse charge"
    );
    assert_eq!(services["totals"]["igst"], "180.00");
    assert_eq!(services["totals"]["total"], "1000.00");

    let before = count(&app, "purchase_bills").await;
    let taken = post(
        &app,
        &owner,
        "/bills",
        freight(&gta, "GTA/778", "2026-11-01", true),
    )
    .await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    assert_eq!(
        json_of(taken).await["errors"][0]["field"],
        "vendor_invoice_number"
    );
    let cases: Vec<(Value, &str)> = vec![
        (
            freight(&small, "K-1", "2026-10-09", false),
            "lines[0].gst_rate",
        ),
        (
            freight(&gta, "GTA 779", "2026-10-09", true),
            "vendor_invoice_number",
        ),
        (
            freight(&gta, "GTA/12345678901234", "2026-10-09", true),
            "vendor_invoice_number",
        ),
        (
            json!({"vendor_id": abroad, "vendor_invoice_number": "GX-3", "import": "goods",
                "lines": [{"description": "x", "hsn_sac": "8501", "unit": "NOS", "quantity": "1", "unit_price": "1", "gst_rate": "18"}]}),
            "bill_of_entry",
        ),
        (
            json!({"vendor_id": gta, "vendor_invoice_number": "GX-4", "import": "services",
                "lines": [{"description": "x", "hsn_sac": "998315", "quantity": "1", "unit_price": "1", "gst_rate": "18"}]}),
            "import",
        ),
    ];
    for (body, field) in cases {
        assert_eq!(
            refused_fields(post(&app, &owner, "/bills", body.clone()).await).await,
            [field],
            "{body}"
        );
    }
    assert_eq!(
        count(&app, "purchase_bills").await,
        before,
        "refused bills add nothing"
    );

    // The same number is fine in the next financial year, and again once the first is void.
    created(
        &app,
        &owner,
        "/bills",
        freight(&gta, "GTA/778", "2027-04-02", true),
    )
    .await;
    let id = rcm["id"].as_str().unwrap();
    let voided = post(
        &app,
        &owner,
        &format!("/bills/{id}/void"),
        json!({"reason": "Entered twice"}),
    )
    .await;
    assert_eq!(voided.status(), StatusCode::OK);
    assert_eq!(json_of(voided).await["status"], "void");
    created(
        &app,
        &owner,
        "/bills",
        freight(&gta, "GTA/778", "2026-10-09", true),
    )
    .await;

    // GSTR-3B filed locks purchases; GSTR-1 (sales only) does not.
    assert_eq!(
        post(&app, &owner, "/returns/gstr-1/2026-12/filed", json!({}))
            .await
            .status(),
        StatusCode::CREATED
    );
    created(
        &app,
        &owner,
        "/bills",
        freight(&gta, "GTA/801", "2026-12-03", true),
    )
    .await;
    assert_eq!(
        post(&app, &owner, "/returns/gstr-3b/2026-12/filed", json!({}))
            .await
            .status(),
        StatusCode::CREATED
    );
    let locked = post(
        &app,
        &owner,
        "/bills",
        freight(&gta, "GTA/802", "2026-12-04", true),
    )
    .await;
    assert_eq!(locked.status(), StatusCode::CONFLICT);

    let list = get(&app, &owner, &format!("/bills?vendor_id={gta}")).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 4);
    assert_eq!(
        get(&app, &owner, "/bills?status=void").await["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        get(&app, &owner, "/bills?q=gx").await["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

/// An owner, a customer and two issued invoices of ₹787.00 each.
async fn invoiced(app: &TestApp) -> (Account, String, Vec<String>) {
    let owner = app.signup("asha@example.com").await;
    let customer = party(app, &owner, json!({"name": "Chola Computers", "kind": "customer", "registration": "regular", "gstin": "29AABCS1429B1ZQ"})).await;
    let mut invoices = Vec::new();
    // The first is due on receipt (never overdue), the second was due on 4 November 2026.
    for (day, due) in [
        ("2026-10-05", Value::Null),
        ("2026-10-06", json!("2026-11-04")),
    ] {
        let invoice = created(app, &owner, "/invoices", json!({"customer_id": customer, "date": day, "issue": true, "due_date": due,
            "lines": [{"description": "Laptop stand", "hsn_sac": "8473", "unit": "NOS", "quantity": "2", "unit_price": "333.33", "gst_rate": "18"}]})).await;
        invoices.push(invoice["id"].as_str().unwrap().to_owned());
    }
    (owner, customer, invoices)
}

#[tokio::test]
async fn payments_split_advance_and_void() {
    let app = TestApp::start().await;
    let (owner, customer, invoices) = invoiced(&app).await;
    let (first, second) = (&invoices[0], &invoices[1]);

    let partial = created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": customer,
        "date": "2026-10-10", "amount": "500.00", "mode": "upi", "reference": "UPI/123",
        "allocations": [{"invoice_id": first, "amount": "500.00"}]}),
    )
    .await;
    assert_eq!(partial["unallocated"], "0.00");
    let invoice = get(&app, &owner, &format!("/invoices/{first}")).await;
    assert_eq!(invoice["amount_paid"], "500.00");
    assert_eq!(invoice["balance_due"], "287.00");
    assert_eq!(invoice["payment_status"], "partially_paid");

    // More than is due, more than the payment, the wrong kind of document, a stranger's: refused,
    // and nothing changes.
    let before = (
        count(&app, "payments").await,
        count(&app, "payment_allocations").await,
    );
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"allocations": [{"invoice_id": first, "amount": "287.01"}]}),
            "allocations[0].amount",
        ),
        (
            json!({"amount": "100", "allocations": [{"invoice_id": second, "amount": "200"}]}),
            "allocations",
        ),
        (
            json!({"allocations": [{"bill_id": first, "amount": "1"}]}),
            "allocations[0].bill_id",
        ),
        (
            json!({"allocations": [{"invoice_id": first, "bill_id": first, "amount": "1"}]}),
            "allocations[0]",
        ),
        (
            json!({"allocations": [{"invoice_id": first, "amount": "1"}, {"invoice_id": first, "amount": "1"}]}),
            "allocations[1].invoice_id",
        ),
        (json!({"amount": "0"}), "amount"),
        (json!({"amount": "12.345"}), "amount"),
        (json!({"mode": "barter"}), "mode"),
        (json!({"direction": "made"}), "party_id"),
    ];
    for (change, field) in cases {
        let mut body = json!({"direction": "received", "party_id": customer, "date": "2026-10-11",
            "amount": "1000.00", "mode": "cash", "allocations": []});
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        assert_eq!(
            refused_fields(post(&app, &owner, "/payments", body.clone()).await).await,
            [field],
            "{body}"
        );
    }
    assert_eq!(
        (
            count(&app, "payments").await,
            count(&app, "payment_allocations").await
        ),
        before
    );
    assert_eq!(
        get(&app, &owner, &format!("/invoices/{first}")).await["amount_paid"],
        "500.00"
    );

    // ₹1,000 received: ₹287 settles the first invoice, ₹713 waits as an advance.
    let advance = created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": customer,
        "date": "2026-10-12", "amount": 1000, "mode": "bank_transfer",
        "allocations": [{"invoice_id": first, "amount": "287"}]}),
    )
    .await;
    assert_eq!(advance["unallocated"], "713.00");
    assert_eq!(
        get(&app, &owner, &format!("/invoices/{first}")).await["payment_status"],
        "paid"
    );
    let id = advance["id"].as_str().unwrap();
    let too_much = post(
        &app,
        &owner,
        &format!("/payments/{id}/allocations"),
        json!({"allocations": [{"invoice_id": second, "amount": "714"}]}),
    )
    .await;
    assert_eq!(refused_fields(too_much).await, ["allocations"]);
    let allocated = post(
        &app,
        &owner,
        &format!("/payments/{id}/allocations"),
        json!({"allocations": [{"invoice_id": second, "amount": "713"}]}),
    )
    .await;
    assert_eq!(allocated.status(), StatusCode::OK);
    let allocated = json_of(allocated).await;
    assert_eq!(allocated["unallocated"], "0.00");
    assert_eq!(allocated["allocations"].as_array().unwrap().len(), 2);
    assert_eq!(
        get(&app, &owner, &format!("/invoices/{second}")).await["balance_due"],
        "74.00"
    );

    // An invoice with payments is not voided; voiding the payment makes it owed again.
    let refused = post(
        &app,
        &owner,
        &format!("/invoices/{second}/void"),
        json!({"reason": "wrong"}),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let voided = post(
        &app,
        &owner,
        &format!("/payments/{id}/void"),
        json!({"reason": "Bounced"}),
    )
    .await;
    assert_eq!(voided.status(), StatusCode::OK);
    assert_eq!(json_of(voided).await["status"], "void");
    assert_eq!(
        get(&app, &owner, &format!("/invoices/{first}")).await["balance_due"],
        "287.00"
    );
    assert_eq!(
        get(&app, &owner, &format!("/invoices/{second}")).await["balance_due"],
        "787.00"
    );
    let again = post(
        &app,
        &owner,
        &format!("/payments/{id}/void"),
        json!({"reason": "twice"}),
    )
    .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(
        post(
            &app,
            &owner,
            &format!("/invoices/{second}/void"),
            json!({"reason": "wrong"})
        )
        .await
        .status(),
        StatusCode::OK
    );

    let list = get(&app, &owner, "/payments?direction=received").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    let verify = get(&app, &owner, "/audit-events/verify").await;
    assert_eq!(verify["ok"], true);
}

#[tokio::test]
async fn payments_made_settle_bills() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let vendor = party(&app, &owner, json!({"name": "Garuda Transport", "kind": "vendor", "registration": "regular", "gstin": "29AABCS1429B1ZQ"})).await;
    let bill = created(
        &app,
        &owner,
        "/bills",
        freight(&vendor, "GTA/778", "2026-10-09", false),
    )
    .await;
    let bill_id = bill["id"].as_str().unwrap();
    assert_eq!(bill["totals"]["total"], "10500.00");
    created(&app, &owner, "/payments", json!({"direction": "made", "party_id": vendor, "amount": "10500",
        "mode": "cheque", "reference": "000123", "allocations": [{"bill_id": bill_id, "amount": "10500"}]})).await;
    let paid = get(&app, &owner, &format!("/bills/{bill_id}")).await;
    assert_eq!(paid["balance_due"], "0.00");
    let void = post(
        &app,
        &owner,
        &format!("/bills/{bill_id}/void"),
        json!({"reason": "x"}),
    )
    .await;
    assert_eq!(
        void.status(),
        StatusCode::CONFLICT,
        "a paid bill is not voided"
    );
}

#[tokio::test]
async fn two_payments_racing_for_one_balance_do_not_both_win() {
    let app = TestApp::start().await;
    let (owner, customer, invoices) = invoiced(&app).await;
    let token = app.token(&owner).await;
    let url = app.at(&org_path(&owner, "/payments"));
    let client = reqwest::Client::new();
    let body = json!({"direction": "received", "party_id": customer, "amount": "787.00", "mode": "cash",
        "allocations": [{"invoice_id": invoices[0], "amount": "787.00"}]});
    let mut tasks = Vec::new();
    for _ in 0..8 {
        tasks.push(tokio::spawn(
            client.post(&url).bearer_auth(&token).json(&body).send(),
        ));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap().unwrap().status());
    }
    let won = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(won, 1, "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::UNPROCESSABLE_ENTITY),
        "{statuses:?}"
    );
    let invoice = get(&app, &owner, &format!("/invoices/{}", invoices[0])).await;
    assert_eq!(invoice["amount_paid"], "787.00");
    assert_eq!(count(&app, "payments").await, 1);
}

#[tokio::test]
async fn an_advance_is_allocated_and_a_payment_voided_from_its_page() {
    let app = TestApp::start().await;
    let (owner, customer, invoices) = invoiced(&app).await;
    let advance = created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": customer,
        "date": "2026-10-10", "amount": "1000.00", "mode": "cash"}),
    )
    .await;
    let page = format!(
        "/orgs/{}/payments/{}",
        owner.org_id,
        advance["id"].as_str().unwrap()
    );
    let html = owner.page(&app, &page).await;
    assert!(html.contains("₹1,000.00 is still an advance"), "{html}");
    let first = format!("invoice:{}", invoices[0]);
    assert!(
        html.contains(&format!("value=\"{first}\"")),
        "the open invoices are offered"
    );

    // More than the invoice has due: the page again, the message on the amount, nothing changed.
    let before = count(&app, "payment_allocations").await;
    let allocate = format!("{page}/allocate");
    let refused = owner
        .form(&app, &allocate, &[("target", &first), ("amount", "787.01")])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("id=\"amount-error\""), "{html}");
    assert!(html.contains("value=\"787.01\""), "kept as typed");
    assert_eq!(count(&app, "payment_allocations").await, before);

    let done = owner
        .form(&app, &allocate, &[("target", &first), ("amount", "₹787")])
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let invoice = get(&app, &owner, &format!("/invoices/{}", invoices[0])).await;
    assert_eq!(invoice["balance_due"], "0.00");
    let payment = get(
        &app,
        &owner,
        &format!("/payments/{}", advance["id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(payment["unallocated"], "213.00");

    // Voiding asks for a reason, then puts the invoice's balance back.
    let confirm = owner
        .client
        .get(app.at(&format!("{page}/void")))
        .send()
        .await
        .unwrap();
    assert_eq!(confirm.status(), StatusCode::OK);
    let void = format!("{page}/void");
    let no_reason = owner.form(&app, &void, &[("reason", "")]).await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let voided = owner
        .form(&app, &void, &[("reason", "Counted twice")])
        .await;
    assert_eq!(voided.status(), StatusCode::SEE_OTHER);
    let invoice = get(&app, &owner, &format!("/invoices/{}", invoices[0])).await;
    assert_eq!(invoice["balance_due"], "787.00");
    let html = owner.page(&app, &page).await;
    assert!(html.contains("Counted twice") && !html.contains("/allocate\""));
}

#[tokio::test]
async fn an_import_of_goods_is_recorded_from_the_bill_page() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let abroad = party(&app, &owner, json!({"name": "Shenzhen Motors", "kind": "vendor", "registration": "overseas", "country": "China"})).await;
    let motor = created(
        &app,
        &owner,
        "/items",
        json!({"name": "Servo motor", "kind": "goods", "hsn_sac": "8501", "unit": "NOS",
               "price": "2500", "gst_rate": "18"}),
    )
    .await;
    let motor = motor["id"].as_str().unwrap();
    let bills = format!("/orgs/{}/bills", owner.org_id);
    let form = owner.page(&app, &format!("{bills}/new")).await;
    assert!(
        form.contains("name=\"bill_of_entry_number\""),
        "the import fields are offered"
    );
    let fields = |entry_date: &'static str| {
        vec![
            ("vendor_id", abroad.as_str()),
            ("vendor_invoice_number", "GX-1"),
            ("date", "2026-10-11"),
            ("import", "goods"),
            ("bill_of_entry_number", "7654321"),
            ("bill_of_entry_date", entry_date),
            ("bill_of_entry_port_code", "INNSA1"),
            ("lines-0-item_id", motor),
            ("lines-0-quantity", "10"),
            ("action", "record"),
        ]
    };
    let before = count(&app, "purchase_bills").await;
    let refused = owner.form(&app, &bills, &fields("12/10/2026")).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("id=\"bill_of_entry_date-error\""), "{html}");
    assert!(html.contains("value=\"7654321\""), "kept as typed");
    assert_eq!(count(&app, "purchase_bills").await, before);

    let recorded = owner.form(&app, &bills, &fields("2026-10-12")).await;
    assert_eq!(recorded.status(), StatusCode::SEE_OTHER);
    let listed = get(&app, &owner, "/bills").await;
    let id = listed["items"][0]["id"].as_str().unwrap().to_owned();
    let bill = get(&app, &owner, &format!("/bills/{id}")).await;
    assert_eq!(bill["import"], "goods", "{bill}");
    assert_eq!(bill["totals"]["igst"], "4500.00", "IGST paid at customs");
    assert_eq!(bill["bill_of_entry"]["number"], "7654321");
    let shown = owner.page(&app, &format!("{bills}/{id}")).await;
    assert!(
        shown.contains("Bill of entry number") && shown.contains("INNSA1"),
        "{shown}"
    );
}
