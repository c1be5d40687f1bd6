//! Sales invoices over the API (API.md, Sales invoices) on the real server, on the engine the
//! run names: the worked example to the paisa, drafts and their life (issue, void, delete),
//! gapless numbers per series and financial year (also under 64 concurrent issues), supply
//! types and heads, bills of supply, refused input that changes nothing, `Idempotency-Key`,
//! filed periods, parties in use, roles and tenancy.

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

async fn send(
    app: &TestApp,
    who: &Account,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let request = app.send_as(who, method, &org_path(who, path));
    let request = match body {
        Some(b) => request.json(&b),
        None => request,
    };
    request.send().await.unwrap()
}

async fn post(app: &TestApp, who: &Account, path: &str, body: Value) -> reqwest::Response {
    send(app, who, Method::POST, path, Some(body)).await
}

async fn get(app: &TestApp, who: &Account, path: &str) -> reqwest::Response {
    send(app, who, Method::GET, path, None).await
}

/// Creates something and returns its body; it must be created.
async fn created(app: &TestApp, who: &Account, path: &str, body: Value) -> Value {
    let response = post(app, who, path, body.clone()).await;
    let status = response.status();
    let json = json_of(response).await;
    assert_eq!(status, StatusCode::CREATED, "{path} {body}: {json}");
    json
}

/// The fields a 422 names.
async fn refused_fields(response: reqwest::Response) -> Vec<String> {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json_of(response).await;
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

/// A registered buyer in Karnataka (29), the seller's own state in these tests.
async fn karnataka_buyer(app: &TestApp, who: &Account) -> String {
    let party = created(
        app,
        who,
        "/parties",
        json!({"name": "Chola Computers", "kind": "customer", "registration": "regular",
               "gstin": "29AABCS1429B1ZQ"}),
    )
    .await;
    party["id"].as_str().unwrap().to_owned()
}

async fn laptop(app: &TestApp, who: &Account) -> String {
    let item = created(
        app,
        who,
        "/items",
        json!({"name": "Laptop stand", "kind": "goods", "hsn_sac": "8473", "unit": "NOS",
               "price": "333.33", "gst_rate": "18"}),
    )
    .await;
    item["id"].as_str().unwrap().to_owned()
}

fn one_line(customer: &str, item: &str, date: &str, issue: bool) -> Value {
    json!({"customer_id": customer, "date": date, "issue": issue,
           "lines": [{"item_id": item, "quantity": "2"}]})
}

#[tokio::test]
async fn the_worked_example_is_invoiced_to_the_paisa() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let customer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;

    let invoice = created(
        &app,
        &owner,
        "/invoices",
        json!({"customer_id": customer, "date": "2026-10-05", "series": "INV",
               "place_of_supply": null, "export": null,
               "lines": [{"item_id": item, "description": null, "hsn_sac": null, "quantity": "2",
                          "unit": null, "unit_price": "333.33", "discount": "0.00",
                          "gst_rate": null, "treatment": null}],
               "notes": null, "due_date": null, "issue": true}),
    )
    .await;
    assert_eq!(invoice["status"], "issued");
    assert_eq!(invoice["kind"], "invoice");
    assert_eq!(invoice["number"], "INV/26-27/0001");
    assert_eq!(invoice["date"], "2026-10-05");
    assert_eq!(invoice["customer"]["name"], "Chola Computers");
    assert_eq!(invoice["customer"]["gstin"], "29AABCS1429B1ZQ");
    assert_eq!(invoice["place_of_supply"], "29");
    assert_eq!(invoice["supply_type"], "b2b");
    assert_eq!(invoice["reverse_charge"], false);
    let line = &invoice["lines"][0];
    assert_eq!(line["description"], "Laptop stand", "from the item");
    assert_eq!(line["hsn_sac"], "8473");
    assert_eq!(line["quantity"], "2");
    assert_eq!(line["unit"], "NOS");
    assert_eq!(line["unit_price"], "333.33");
    assert_eq!(line["taxable_value"], "666.66");
    assert_eq!(line["gst_rate"], "18");
    assert_eq!(line["treatment"], "taxable");
    assert_eq!(line["cgst"], "60.00");
    assert_eq!(line["sgst"], "60.00");
    assert_eq!(line["igst"], "0.00");
    assert_eq!(line["total"], "786.66");
    assert_eq!(
        invoice["totals"],
        json!({"taxable_value": "666.66", "cgst": "60.00", "sgst": "60.00", "igst": "0.00",
               "cess": "0.00", "round_off": "0.34", "total": "787.00"})
    );
    assert_eq!(
        invoice["amount_in_words"],
        "Rupees Seven Hundred Eighty Seven Only"
    );
    assert_eq!(invoice["amount_paid"], "0.00");
    assert_eq!(invoice["balance_due"], "787.00");
    assert_eq!(invoice["payment_status"], "unpaid");

    let id = invoice["id"].as_str().unwrap();
    let fetched = json_of(get(&app, &owner, &format!("/invoices/{id}")).await).await;
    assert_eq!(fetched, invoice, "GET shows what POST answered");

    // A JSON number is read from its text, exactly.
    let numbers = created(
        &app,
        &owner,
        "/invoices",
        json!({"customer_id": customer, "date": "2026-10-05",
               "lines": [{"item_id": item, "quantity": 2, "unit_price": 333.33}]}),
    )
    .await;
    assert_eq!(numbers["totals"]["total"], "787.00");
    assert_eq!(numbers["lines"][0]["unit_price"], "333.33");
}

#[tokio::test]
async fn drafts_change_until_issued_and_issued_invoices_only_void() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let customer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;

    let draft = created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-05", false),
    )
    .await;
    assert_eq!(draft["status"], "draft");
    assert!(draft["number"].is_null(), "a draft takes no number");
    assert_eq!(draft["balance_due"], "0.00", "nothing is due on a draft");
    let id = draft["id"].as_str().unwrap().to_owned();

    let changed = send(
        &app,
        &owner,
        Method::PATCH,
        &format!("/invoices/{id}"),
        Some(json!({"lines": [{"item_id": item, "quantity": "3"}], "notes": "Deliver by Friday"})),
    )
    .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let changed = json_of(changed).await;
    assert_eq!(changed["lines"][0]["taxable_value"], "999.99");
    assert_eq!(changed["notes"], "Deliver by Friday");
    assert_eq!(changed["date"], "2026-10-05", "left out, kept");
    // A due date set, then cleared with null; notes cleared the same way.
    let dated = send(
        &app,
        &owner,
        Method::PATCH,
        &format!("/invoices/{id}"),
        Some(json!({"due_date": "2026-11-04"})),
    )
    .await;
    assert_eq!(json_of(dated).await["due_date"], "2026-11-04");
    let cleared = send(
        &app,
        &owner,
        Method::PATCH,
        &format!("/invoices/{id}"),
        Some(json!({"due_date": null, "notes": null})),
    )
    .await;
    let cleared = json_of(cleared).await;
    assert!(cleared["due_date"].is_null(), "{cleared}");
    assert!(cleared["notes"].is_null());
    let changed = send(
        &app,
        &owner,
        Method::PATCH,
        &format!("/invoices/{id}"),
        Some(json!({"notes": "Deliver by Friday"})),
    )
    .await;
    assert_eq!(json_of(changed).await["notes"], "Deliver by Friday");

    let issued = post(&app, &owner, &format!("/invoices/{id}/issue"), json!({})).await;
    assert_eq!(issued.status(), StatusCode::OK);
    let issued = json_of(issued).await;
    assert_eq!(issued["number"], "INV/26-27/0001");
    assert_eq!(issued["totals"]["total"], "1180.00");

    for (method, path, body) in [
        (
            Method::PATCH,
            format!("/invoices/{id}"),
            Some(json!({"notes": "x"})),
        ),
        (Method::DELETE, format!("/invoices/{id}"), None),
        (
            Method::POST,
            format!("/invoices/{id}/issue"),
            Some(json!({})),
        ),
    ] {
        let response = send(&app, &owner, method.clone(), &path, body).await;
        assert_eq!(response.status(), StatusCode::CONFLICT, "{method} {path}");
    }
    let after = json_of(get(&app, &owner, &format!("/invoices/{id}")).await).await;
    assert_eq!(after, issued, "an issued invoice does not change");

    let no_reason = post(
        &app,
        &owner,
        &format!("/invoices/{id}/void"),
        json!({"reason": " "}),
    )
    .await;
    assert_eq!(refused_fields(no_reason).await, ["reason"]);
    let voided = post(
        &app,
        &owner,
        &format!("/invoices/{id}/void"),
        json!({"reason": "Raised twice"}),
    )
    .await;
    assert_eq!(voided.status(), StatusCode::OK);
    let voided = json_of(voided).await;
    assert_eq!(voided["status"], "void");
    assert_eq!(
        voided["number"], "INV/26-27/0001",
        "a voided invoice keeps its number"
    );
    assert_eq!(voided["void_reason"], "Raised twice");
    assert_eq!(voided["balance_due"], "0.00");
    let again = post(
        &app,
        &owner,
        &format!("/invoices/{id}/void"),
        json!({"reason": "again"}),
    )
    .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    // The next invoice follows the voided one's number; a deleted draft leaves no gap.
    let draft = created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-06", false),
    )
    .await;
    let draft_id = draft["id"].as_str().unwrap();
    let deleted = send(
        &app,
        &owner,
        Method::DELETE,
        &format!("/invoices/{draft_id}"),
        None,
    )
    .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        get(&app, &owner, &format!("/invoices/{draft_id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let next = created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-07", true),
    )
    .await;
    assert_eq!(next["number"], "INV/26-27/0002");

    // A new financial year starts the series again; another series counts on its own.
    let april = created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2027-04-01", true),
    )
    .await;
    assert_eq!(april["number"], "INV/27-28/0001");
    let mut shop = one_line(&customer, &item, "2026-10-08", true);
    shop["series"] = json!("shop");
    let shop = created(&app, &owner, "/invoices", shop).await;
    assert_eq!(shop["number"], "SHOP/26-27/0001");

    // The list: newest first, filtered, paged.
    let all = json_of(get(&app, &owner, "/invoices?limit=2").await).await;
    let numbers: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["INV/27-28/0001", "SHOP/26-27/0001"]);
    let cursor = all["next_cursor"].as_str().unwrap();
    let rest =
        json_of(get(&app, &owner, &format!("/invoices?limit=2&cursor={cursor}")).await).await;
    let numbers: Vec<&str> = rest["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["INV/26-27/0002", "INV/26-27/0001"]);
    assert!(rest["next_cursor"].is_null());
    let void = json_of(get(&app, &owner, "/invoices?status=void").await).await;
    assert_eq!(void["items"].as_array().unwrap().len(), 1);
    let october = json_of(get(&app, &owner, "/invoices?from=2026-10-07&to=2026-10-31").await).await;
    assert_eq!(october["items"].as_array().unwrap().len(), 2);
    let searched = json_of(get(&app, &owner, "/invoices?q=shop").await).await;
    assert_eq!(searched["items"][0]["number"], "SHOP/26-27/0001");
    let by_name = json_of(get(&app, &owner, "/invoices?q=chola").await).await;
    assert_eq!(by_name["items"].as_array().unwrap().len(), 4);
    let bad = get(&app, &owner, "/invoices?from=5-10-2026").await;
    assert_eq!(refused_fields(bad).await, ["from"]);
}

#[tokio::test]
async fn supply_types_choose_the_heads() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let item = laptop(&app, &owner).await;
    let party = |body: Value| {
        let app = &app;
        let owner = &owner;
        async move {
            created(app, owner, "/parties", body).await["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let maharashtra = party(json!({"name": "Acme Traders", "kind": "customer", "registration": "regular", "gstin": "27AAPFU0939F1ZV"})).await;
    let walk_in = party(json!({"name": "Walk-in", "kind": "customer", "registration": "unregistered", "state_code": "29"})).await;
    let abroad = party(json!({"name": "Globex LLC", "kind": "customer", "registration": "overseas", "country": "United States"})).await;
    let sez = party(json!({"name": "Tidel SEZ Unit", "kind": "customer", "registration": "sez", "gstin": "33AACCT1234K1ZL"})).await;
    let vendor = party(json!({"name": "Only Sells", "kind": "vendor", "registration": "unregistered", "state_code": "29"})).await;

    let inter = created(
        &app,
        &owner,
        "/invoices",
        one_line(&maharashtra, &item, "2026-10-05", true),
    )
    .await;
    assert_eq!(inter["place_of_supply"], "27");
    assert_eq!(inter["totals"]["igst"], "120.00");
    assert_eq!(inter["totals"]["cgst"], "0.00");

    let b2c = created(
        &app,
        &owner,
        "/invoices",
        one_line(&walk_in, &item, "2026-10-05", true),
    )
    .await;
    assert_eq!(b2c["supply_type"], "b2c");
    assert_eq!(b2c["totals"]["sgst"], "60.00");

    let mut lut = one_line(&abroad, &item, "2026-10-05", true);
    lut["export"] = json!({"with_payment": false, "shipping_bill_no": "1234567", "shipping_bill_date": "2026-10-06", "port_code": "INBOM4"});
    let lut = created(&app, &owner, "/invoices", lut).await;
    assert_eq!(lut["supply_type"], "export");
    assert_eq!(lut["place_of_supply"], "96");
    assert_eq!(lut["totals"]["igst"], "0.00", "zero-rated under LUT");
    assert_eq!(lut["totals"]["total"], "667.00");
    assert_eq!(lut["export"]["port_code"], "INBOM4");

    let mut paid = one_line(&sez, &item, "2026-10-05", true);
    paid["export"] = json!({"with_payment": true});
    let paid = created(&app, &owner, "/invoices", paid).await;
    assert_eq!(paid["supply_type"], "sez");
    assert_eq!(paid["totals"]["igst"], "120.00", "SEZ with payment is IGST");

    let mut exempt = json!({"customer_id": walk_in, "date": "2026-10-05", "issue": true,
        "lines": [{"description": "Fresh vegetables", "hsn_sac": "0706", "unit": "KGS", "quantity": "5",
                   "unit_price": "40", "gst_rate": "0", "treatment": "exempt"}]});
    let bos = created(&app, &owner, "/invoices", exempt.clone()).await;
    assert_eq!(bos["kind"], "bill_of_supply");
    assert_eq!(
        bos["number"], "BOS/26-27/0001",
        "a bill of supply has its own series"
    );
    assert_eq!(bos["totals"]["total"], "200.00");
    exempt["lines"][0]["gst_rate"] = json!("5");
    assert_eq!(
        refused_fields(post(&app, &owner, "/invoices", exempt).await).await,
        ["lines[0].gst_rate"]
    );

    let mut export_to_local = one_line(&walk_in, &item, "2026-10-05", true);
    export_to_local["export"] = json!({"with_payment": false});
    assert_eq!(
        refused_fields(post(&app, &owner, "/invoices", export_to_local).await).await,
        ["export"]
    );
    let to_vendor = post(
        &app,
        &owner,
        "/invoices",
        one_line(&vendor, &item, "2026-10-05", true),
    )
    .await;
    assert_eq!(refused_fields(to_vendor).await, ["customer_id"]);
    let mut abroad_pos = one_line(&maharashtra, &item, "2026-10-05", true);
    abroad_pos["place_of_supply"] = json!("96");
    assert_eq!(
        refused_fields(post(&app, &owner, "/invoices", abroad_pos).await).await,
        ["place_of_supply"]
    );
}

#[tokio::test]
async fn refused_invoices_name_each_field_and_change_nothing() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let customer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;
    created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-05", true),
    )
    .await;
    let tables = [
        "sales_documents",
        "sales_lines",
        "document_counters",
        "audit_events",
    ];
    let mut before = Vec::new();
    for t in tables {
        before.push(count(&app, t).await);
    }

    let cases: Vec<(Value, Vec<&str>)> = vec![
        (json!({"lines": []}), vec!["lines"]),
        (
            json!({"customer_id": "0190f5b2-0000-7000-8000-000000000000"}),
            vec!["customer_id"],
        ),
        (json!({"date": "2026-13-01"}), vec!["date"]),
        (json!({"due_date": "2026-10-01"}), vec!["due_date"]),
        (json!({"series": "0INV"}), vec!["series"]),
        (json!({"series": "VERYLONGSERIES"}), vec!["series"]),
        (json!({"place_of_supply": "99"}), vec!["place_of_supply"]),
        (
            json!({"lines": [{"item_id": item, "quantity": "0"}]}),
            vec!["lines[0].quantity"],
        ),
        (
            json!({"lines": [{"item_id": item, "quantity": "1.2345"}]}),
            vec!["lines[0].quantity"],
        ),
        (
            json!({"lines": [{"item_id": item, "quantity": "-1"}]}),
            vec!["lines[0].quantity"],
        ),
        (
            json!({"lines": [{"item_id": item, "quantity": "1", "unit_price": "-5"}]}),
            vec!["lines[0].unit_price"],
        ),
        (
            json!({"lines": [{"item_id": item, "quantity": "1", "unit_price": "1.001"}]}),
            vec!["lines[0].unit_price"],
        ),
        (
            json!({"lines": [{"item_id": item, "quantity": "1", "discount": "400"}]}),
            vec!["lines[0].discount"],
        ),
        (
            json!({"lines": [{"item_id": item, "quantity": "1", "gst_rate": "17"}]}),
            vec!["lines[0].gst_rate"],
        ),
        (
            json!({"lines": [{"item_id": item, "quantity": "1", "unit": "BAGS"}]}),
            vec!["lines[0].unit"],
        ),
        (
            json!({"lines": [{"quantity": "1", "unit_price": "10", "gst_rate": "18"}]}),
            vec!["lines[0].description", "lines[0].hsn_sac"],
        ),
        (
            json!({"lines": [{"item_id": "0190f5b2-0000-7000-8000-000000000000", "quantity": "1"}]}),
            vec!["lines[0].item_id"],
        ),
        (
            json!({"lines": [{"item_id": item, "quantity": "1"}, {"item_id": item, "quantity": "x"}]}),
            vec!["lines[1].quantity"],
        ),
        (
            json!({"lines": [{"item_id": item, "quantity": "1", "unit_price": "99999999999999"}]}),
            vec!["lines[0].unit_price"],
        ),
    ];
    for (change, fields) in cases {
        let mut body = one_line(&customer, &item, "2026-10-05", true);
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let response = post(&app, &owner, "/invoices", body.clone()).await;
        assert_eq!(refused_fields(response).await, fields, "{body}");
    }
    // Bodies that do not fit the shape: the field is named too.
    let wrong_type = post(
        &app,
        &owner,
        "/invoices",
        json!({"customer_id": customer, "lines": "two"}),
    )
    .await;
    assert_eq!(refused_fields(wrong_type).await, ["lines"]);
    let missing = post(&app, &owner, "/invoices", json!({"lines": []})).await;
    assert_eq!(refused_fields(missing).await, ["customer_id"]);

    for (t, n) in tables.iter().zip(before) {
        assert_eq!(
            count(&app, t).await,
            n,
            "{t}: refused requests change nothing"
        );
    }
    let next = created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-05", true),
    )
    .await;
    assert_eq!(next["number"], "INV/26-27/0002", "no number was used up");
}

#[tokio::test]
async fn sixty_four_invoices_issued_at_once_take_gapless_numbers() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let customer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;
    let token = app.token(&owner).await;

    let body = one_line(&customer, &item, "2026-10-05", true);
    let url = app.at(&org_path(&owner, "/invoices"));
    let client = reqwest::Client::new();
    let mut tasks = Vec::new();
    for _ in 0..64 {
        let request = client.post(&url).bearer_auth(&token).json(&body).send();
        tasks.push(tokio::spawn(request));
    }
    let mut numbers = Vec::new();
    for task in tasks {
        let response = task.await.unwrap().unwrap();
        let status = response.status();
        let json = json_of(response).await;
        assert_eq!(status, StatusCode::CREATED, "{json}");
        numbers.push(json["number"].as_str().unwrap().to_owned());
    }
    numbers.sort();
    let expected: Vec<String> = (1..=64).map(|n| format!("INV/26-27/{n:04}")).collect();
    assert_eq!(numbers, expected, "unique and gapless");
    assert_eq!(count(&app, "sales_documents").await, 64);
    let verify = json_of(get(&app, &owner, "/audit-events/verify").await).await;
    assert_eq!(verify["ok"], true, "{verify}");
}

#[tokio::test]
async fn an_idempotency_key_answers_a_retry_with_the_first_invoice() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let customer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;
    let token = app.token(&owner).await;
    let url = app.at(&org_path(&owner, "/invoices"));
    let body = one_line(&customer, &item, "2026-10-05", true);
    let client = reqwest::Client::new();
    let send = |key: &'static str, body: Value| {
        client
            .post(&url)
            .bearer_auth(&token)
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
    };

    let first = send("order-1001", body.clone()).await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first = json_of(first).await;
    let again = send("order-1001", body.clone()).await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(json_of(again).await, first, "the first answer, again");
    assert_eq!(count(&app, "sales_documents").await, 1, "one invoice");

    let mut other = body.clone();
    other["lines"][0]["quantity"] = json!("5");
    let reused = send("order-1001", other.clone()).await.unwrap();
    assert_eq!(reused.status(), StatusCode::CONFLICT);

    // A refused request does not keep its key: corrected, it goes through.
    let mut bad = body.clone();
    bad["lines"] = json!([]);
    assert_eq!(
        send("order-1002", bad).await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let fixed = send("order-1002", other).await.unwrap();
    assert_eq!(fixed.status(), StatusCode::CREATED);
    assert_eq!(json_of(fixed).await["number"], "INV/26-27/0002");

    let blank = send(" ", body).await.unwrap();
    assert_eq!(refused_fields(blank).await, ["Idempotency-Key"]);
    assert_eq!(count(&app, "sales_documents").await, 2);
}

#[tokio::test]
async fn a_filed_period_takes_no_new_or_voided_invoices_until_reopened() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let customer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;
    let issued = created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-05", true),
    )
    .await;
    let id = issued["id"].as_str().unwrap();
    let draft = created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-06", false),
    )
    .await;
    let draft_id = draft["id"].as_str().unwrap();

    let filed = post(&app, &owner, "/returns/gstr-1/2026-10/filed", json!({})).await;
    assert_eq!(filed.status(), StatusCode::CREATED);
    assert_eq!(json_of(filed).await["period"], "2026-10");
    let twice = post(&app, &owner, "/returns/gstr-1/2026-10/filed", json!({})).await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);
    assert_eq!(
        post(&app, &owner, "/returns/gstr-2/2026-10/filed", json!({}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let bad_period = post(&app, &owner, "/returns/gstr-1/2026-13/filed", json!({})).await;
    assert_eq!(
        bad_period.status(),
        StatusCode::BAD_REQUEST,
        "a malformed address"
    );

    let into = post(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-31", true),
    )
    .await;
    assert_eq!(into.status(), StatusCode::CONFLICT);
    let problem = json_of(into).await;
    assert!(
        problem["detail"].as_str().unwrap().contains("2026-10"),
        "{problem}"
    );
    assert_eq!(
        post(
            &app,
            &owner,
            &format!("/invoices/{draft_id}/issue"),
            json!({})
        )
        .await
        .status(),
        StatusCode::CONFLICT
    );
    assert_eq!(
        post(
            &app,
            &owner,
            &format!("/invoices/{id}/void"),
            json!({"reason": "late"})
        )
        .await
        .status(),
        StatusCode::CONFLICT
    );
    let november = created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-11-02", true),
    )
    .await;
    assert_eq!(november["number"], "INV/26-27/0002");

    let accountant = app.signup("ravi@example.com").await;
    let invitation = app.invite(&owner, "ravi@example.com", "accountant").await;
    let accepted = app
        .send_as(
            &accountant,
            Method::POST,
            &format!("/api/v1/invitations/{}/accept", invitation.token),
        )
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(accepted.status().is_success(), "{}", accepted.status());
    let reopen_path = format!("/api/v1/orgs/{}/returns/gstr-1/2026-10/filed", owner.org_id);
    let by_accountant = app
        .send_as(&accountant, Method::DELETE, &reopen_path)
        .send()
        .await
        .unwrap();
    assert_eq!(
        by_accountant.status(),
        StatusCode::FORBIDDEN,
        "owners reopen"
    );
    let reopened = send(
        &app,
        &owner,
        Method::DELETE,
        "/returns/gstr-1/2026-10/filed",
        None,
    )
    .await;
    assert_eq!(reopened.status(), StatusCode::NO_CONTENT);
    let voided = post(
        &app,
        &owner,
        &format!("/invoices/{id}/void"),
        json!({"reason": "late"}),
    )
    .await;
    assert_eq!(voided.status(), StatusCode::OK);
}

#[tokio::test]
async fn parties_and_items_on_invoices_are_archived_not_deleted() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let customer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;
    created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-05", false),
    )
    .await;
    let party = send(
        &app,
        &owner,
        Method::DELETE,
        &format!("/parties/{customer}"),
        None,
    )
    .await;
    assert_eq!(party.status(), StatusCode::CONFLICT);
    let item_deleted = send(
        &app,
        &owner,
        Method::DELETE,
        &format!("/items/{item}"),
        None,
    )
    .await;
    assert_eq!(item_deleted.status(), StatusCode::CONFLICT);
    let archived = send(
        &app,
        &owner,
        Method::PATCH,
        &format!("/parties/{customer}"),
        Some(json!({"archived": true})),
    )
    .await;
    assert_eq!(archived.status(), StatusCode::OK);
    let to_archived = post(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-05", true),
    )
    .await;
    assert_eq!(refused_fields(to_archived).await, ["customer_id"]);
}

#[tokio::test]
async fn viewers_read_and_other_businesses_see_nothing() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let customer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;
    let invoice = created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-05", true),
    )
    .await;
    let id = invoice["id"].as_str().unwrap();

    let viewer = app.signup("meena@example.com").await;
    let invitation = app.invite(&owner, "meena@example.com", "viewer").await;
    let accepted = app
        .send_as(
            &viewer,
            Method::POST,
            &format!("/api/v1/invitations/{}/accept", invitation.token),
        )
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(accepted.status().is_success());
    let path = format!("/api/v1/orgs/{}/invoices", owner.org_id);
    let read = viewer
        .client
        .get(app.at(&format!("{path}/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
    let write = app
        .send_as(&viewer, Method::POST, &path)
        .json(&one_line(&customer, &item, "2026-10-05", true))
        .send()
        .await
        .unwrap();
    assert_eq!(write.status(), StatusCode::FORBIDDEN);

    let stranger = app.signup("ravi@example.com").await;
    let theirs = stranger
        .client
        .get(app.at(&format!("{path}/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    let own_path = format!("/api/v1/orgs/{}/invoices/{id}", stranger.org_id);
    assert_eq!(
        stranger
            .client
            .get(app.at(&own_path))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    // An invoice to another business's customer is refused.
    let to_theirs = app
        .send_as(
            &stranger,
            Method::POST,
            &format!("/api/v1/orgs/{}/invoices", stranger.org_id),
        )
        .json(&one_line(&customer, &item, "2026-10-05", true))
        .send()
        .await
        .unwrap();
    assert_eq!(
        refused_fields(to_theirs).await,
        ["customer_id", "lines[0].item_id"]
    );
}

#[tokio::test]
async fn credit_and_debit_notes_follow_their_invoice() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let customer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;
    let invoice = created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-05", true),
    )
    .await;
    let invoice_id = invoice["id"].as_str().unwrap();
    let draft = created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-05", false),
    )
    .await;

    let returned = created(
        &app,
        &owner,
        "/notes",
        json!({"kind": "credit", "invoice_id": invoice_id,
        "date": "2026-10-20", "reason": "One stand returned",
        "lines": [{"item_id": item, "quantity": "1"}]}),
    )
    .await;
    assert_eq!(returned["kind"], "credit_note");
    assert_eq!(returned["invoice_id"], invoice_id);
    assert_eq!(returned["number"], "CN/26-27/0001");
    assert_eq!(returned["supply_type"], "b2b");
    assert_eq!(returned["reason"], "One stand returned");
    assert_eq!(
        returned["totals"],
        json!({"taxable_value": "333.33", "cgst": "30.00", "sgst": "30.00", "igst": "0.00",
               "cess": "0.00", "round_off": "-0.33", "total": "393.00"})
    );
    let after = json_of(get(&app, &owner, &format!("/invoices/{invoice_id}")).await).await;
    assert_eq!(
        after["balance_due"], "394.00",
        "the credit comes off what is owed"
    );

    // A discount after the sale: a value, no quantity.
    let discount = created(&app, &owner, "/notes", json!({"kind": "credit", "invoice_id": invoice_id,
        "reason": "Loyalty discount", "date": "2026-10-21",
        "lines": [{"description": "Discount", "hsn_sac": "8473", "unit_price": "100", "gst_rate": "18"}]})).await;
    assert_eq!(discount["lines"][0]["quantity"], "0");
    assert_eq!(discount["lines"][0]["taxable_value"], "100.00");
    assert_eq!(discount["totals"]["total"], "118.00");

    // 666.66 invoiced, 433.33 credited: 233.33 is left at 18 %.
    let before = count(&app, "sales_documents").await;
    let value = |v: &str| {
        json!({"kind": "credit", "invoice_id": invoice_id, "reason": "r", "date": "2026-10-22",
        "lines": [{"description": "Price revision", "hsn_sac": "8473", "unit_price": v, "gst_rate": "18"}]})
    };
    assert_eq!(
        refused_fields(post(&app, &owner, "/notes", value("233.34")).await).await,
        ["lines[0]"]
    );
    let mut five = value("10");
    five["lines"][0]["gst_rate"] = json!("5");
    assert_eq!(
        refused_fields(post(&app, &owner, "/notes", five).await).await,
        ["lines[0]"]
    );
    let on_draft = json!({"kind": "credit", "invoice_id": draft["id"], "reason": "r", "lines": [{"item_id": item, "quantity": "1"}]});
    assert_eq!(
        refused_fields(post(&app, &owner, "/notes", on_draft).await).await,
        ["invoice_id"]
    );
    let mut early = value("1");
    early["date"] = json!("2026-10-01");
    assert_eq!(
        refused_fields(post(&app, &owner, "/notes", early).await).await,
        ["date"]
    );
    assert_eq!(
        count(&app, "sales_documents").await,
        before,
        "refused notes add nothing"
    );
    let rest = created(&app, &owner, "/notes", value("233.33")).await;
    assert_eq!(rest["number"], "CN/26-27/0003");

    // A debit note on an inter-state invoice is IGST, like its invoice.
    let pune = created(
        &app,
        &owner,
        "/parties",
        json!({"name": "Acme Traders", "kind": "customer",
        "registration": "regular", "gstin": "27AAPFU0939F1ZV"}),
    )
    .await;
    let inter = created(
        &app,
        &owner,
        "/invoices",
        one_line(pune["id"].as_str().unwrap(), &item, "2026-10-05", true),
    )
    .await;
    let debit = created(&app, &owner, "/notes", json!({"kind": "debit", "invoice_id": inter["id"], "reason": "Freight charged later",
        "date": "2026-10-25", "lines": [{"description": "Freight", "hsn_sac": "8473", "unit_price": "50", "gst_rate": "18"}]})).await;
    assert_eq!(debit["number"], "DN/26-27/0001");
    assert_eq!(debit["totals"]["igst"], "9.00");
    assert_eq!(
        debit["balance_due"], "59.00",
        "a debit note is owed like an invoice"
    );

    let notes = json_of(get(&app, &owner, "/notes").await).await;
    assert_eq!(notes["items"].as_array().unwrap().len(), 4);
    let invoices = json_of(get(&app, &owner, "/invoices").await).await;
    assert!(
        invoices["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["kind"] != "credit_note" && i["kind"] != "debit_note")
    );
    let note_id = returned["id"].as_str().unwrap();
    assert_eq!(
        get(&app, &owner, &format!("/invoices/{note_id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        json_of(get(&app, &owner, &format!("/notes/{note_id}")).await).await,
        returned
    );
    let void = post(
        &app,
        &owner,
        &format!("/invoices/{invoice_id}/void"),
        json!({"reason": "x"}),
    )
    .await;
    assert_eq!(
        void.status(),
        StatusCode::CONFLICT,
        "an invoice with notes is not voided"
    );
}

#[tokio::test]
async fn lists_and_statements_download_as_csv() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let customer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;
    for day in ["2026-10-05", "2026-10-06", "2026-10-07"] {
        created(
            &app,
            &owner,
            "/invoices",
            one_line(&customer, &item, day, true),
        )
        .await;
    }
    let invoice = created(
        &app,
        &owner,
        "/invoices",
        one_line(&customer, &item, "2026-10-08", true),
    )
    .await;
    let payment = post(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": customer,
        "date": "2026-10-09", "amount": "500", "mode": "cash", "reference": "=cmd|' /C calc'!A0",
        "allocations": [{"invoice_id": invoice["id"], "amount": "500"}]}),
    )
    .await;
    assert_eq!(payment.status(), StatusCode::CREATED);

    let csv = |path: String| {
        let client = owner.client.clone();
        let url = app.at(&path);
        async move {
            let response = client.get(url).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            assert!(
                response.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("text/csv")
            );
            response.text().await.unwrap()
        }
    };
    let invoices = csv(format!("/orgs/{}/invoices.csv", owner.org_id)).await;
    let lines: Vec<&str> = invoices.lines().collect();
    assert!(lines[0].starts_with("number,date,status"), "{invoices}");
    assert_eq!(lines.len(), 5, "a header and four invoices: {invoices}");
    assert!(lines[1].starts_with("INV/26-27/0004,2026-10-08,issued,invoice,Chola Computers,29AABCS1429B1ZQ,29,b2b,666.66,60.00,60.00,0.00,0.00,0.34,787.00,500.00,287.00"), "{}", lines[1]);
    for list in ["parties", "items", "bills", "payments"] {
        let text = csv(format!("/orgs/{}/{list}.csv", owner.org_id)).await;
        assert!(text.lines().count() >= 1, "{list}: {text}");
    }
    let payments = csv(format!("/orgs/{}/payments.csv", owner.org_id)).await;
    assert!(
        payments.contains("'=cmd"),
        "a formula is not left for a spreadsheet to run: {payments}"
    );

    let statement = csv(format!(
        "/orgs/{}/parties/{customer}/statement.csv",
        owner.org_id
    ))
    .await;
    let rows: Vec<&str> = statement.lines().collect();
    assert_eq!(rows[0], "date,entry,reference,debit,credit,balance");
    assert_eq!(rows[1], ",opening,,,,0.00");
    assert_eq!(
        rows.last().copied(),
        Some("2026-10-09,payment_received,'=cmd|' /C calc'!A0,0.00,500.00,2648.00")
    );
    assert_eq!(rows.len(), 7, "{statement}");
}

async fn put(app: &TestApp, who: &Account, path: &str, body: Value) -> reqwest::Response {
    send(app, who, Method::PUT, path, Some(body)).await
}

#[tokio::test]
async fn series_are_numbered_as_the_organisation_sets_them_up() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let buyer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;
    created(
        &app,
        &owner,
        "/invoices",
        one_line(&buyer, &item, "2026-10-05", true),
    )
    .await;

    let list = json_of(get(&app, &owner, "/series").await).await;
    let names: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["series"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["INV", "BOS", "CN", "DN"]);
    let inv = json_of(get(&app, &owner, "/series/INV").await).await;
    assert_eq!(inv["prefix"], "INV");
    assert_eq!(inv["year_style"], "YY-YY");
    assert_eq!(inv["custom"], false);

    // Too long for 16 characters: refused on the prefix, nothing saved.
    let events = count(&app, "audit_events").await;
    let long = put(
        &app,
        &owner,
        "/series/INV",
        json!({"prefix": "SHOPNO12", "year_style": "YYYY-YY"}),
    )
    .await;
    assert_eq!(refused_fields(long).await, ["prefix"]);
    let bad = put(
        &app,
        &owner,
        "/series/INV",
        json!({"year_style": "YY", "width": 9}),
    )
    .await;
    assert_eq!(refused_fields(bad).await, ["year_style", "width"]);
    // Another series prints BOS: the two would print the same numbers.
    let clash = put(&app, &owner, "/series/INV", json!({"prefix": "bos"})).await;
    assert_eq!(clash.status(), StatusCode::CONFLICT);
    assert_eq!(json_of(clash).await["errors"][0]["field"], "prefix");
    assert_eq!(count(&app, "number_series").await, 0);
    assert_eq!(count(&app, "audit_events").await, events);

    let saved = put(
        &app,
        &owner,
        "/series/INV",
        json!({"prefix": "shop", "year_style": "YYYY-YY", "width": 3}),
    )
    .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved = json_of(saved).await;
    assert_eq!(saved["prefix"], "SHOP");
    assert_eq!(saved["custom"], true);
    // The count goes on where it was (one invoice this year so far, if "today" is in it; the
    // next number printed is the format's).
    assert!(
        saved["next_number"]
            .as_str()
            .unwrap()
            .starts_with("SHOP/20"),
        "{saved}"
    );
    let second = created(
        &app,
        &owner,
        "/invoices",
        one_line(&buyer, &item, "2026-10-06", true),
    )
    .await;
    assert_eq!(second["number"], "SHOP/2026-27/002", "the count goes on");
    assert_eq!(second["series"], "INV");

    // A second series may not take the same prefix (the unique index), nor an invoice name a
    // series whose name another series prints.
    let taken = put(&app, &owner, "/series/SHOP2", json!({"prefix": "SHOP"})).await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    let mut named = one_line(&buyer, &item, "2026-10-06", true);
    named["series"] = json!("SHOP");
    assert_eq!(
        refused_fields(post(&app, &owner, "/invoices", named).await).await,
        ["series"]
    );
    let own = put(
        &app,
        &owner,
        "/series/SHOP",
        json!({"prefix": "S", "year_style": "YYYY", "width": 6}),
    )
    .await;
    assert_eq!(own.status(), StatusCode::OK);
    let mut named = one_line(&buyer, &item, "2026-10-06", true);
    named["series"] = json!("shop");
    let counter = created(&app, &owner, "/invoices", named).await;
    assert_eq!(counter["number"], "S/2026/000001");

    // Viewers read, only admins change.
    let ravi = app.signup("ravi@example.com").await;
    let invitation = app.invite(&owner, "ravi@example.com", "viewer").await;
    let accepted = app
        .send_as(
            &ravi,
            Method::POST,
            &format!("/api/v1/invitations/{}/accept", invitation.token),
        )
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(accepted.status().is_success());
    let series = format!("/api/v1/orgs/{}/series", owner.org_id);
    let read = app
        .send_as(&ravi, Method::GET, &series)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
    let change = app
        .send_as(&ravi, Method::PUT, &format!("{series}/INV"))
        .json(&json!({"width": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(change.status(), StatusCode::FORBIDDEN);

    // The page shows each series' next number; a bad form comes back with the message on it.
    let page = owner
        .page(&app, &format!("/orgs/{}/settings/series", owner.org_id))
        .await;
    assert!(page.contains("<code>SHOP/20"), "{page}");
    let refused = owner
        .form(
            &app,
            &format!("/orgs/{}/settings/series/INV", owner.org_id),
            &[
                ("prefix", "TOOLONGPREFIX"),
                ("year_style", "YYYY-YY"),
                ("width", "4"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("id=\"INV-prefix-error\""), "{html}");
    assert!(
        html.contains("value=\"TOOLONGPREFIX\""),
        "what was typed stays"
    );
}

#[tokio::test]
async fn a_composition_dealer_issues_untaxed_bills_of_supply_within_its_state() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let buyer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;
    let patched = send(
        &app,
        &owner,
        Method::PATCH,
        "",
        Some(json!({"composition": true})),
    )
    .await;
    assert_eq!(patched.status(), StatusCode::OK);
    assert_eq!(json_of(patched).await["composition"], true);

    let bos = created(
        &app,
        &owner,
        "/invoices",
        one_line(&buyer, &item, "2026-10-05", true),
    )
    .await;
    assert_eq!(bos["kind"], "bill_of_supply");
    assert_eq!(bos["number"], "BOS/26-27/0001");
    assert_eq!(bos["seller_composition"], true);
    assert_eq!(bos["totals"]["cgst"], "0.00");
    assert_eq!(bos["totals"]["sgst"], "0.00");
    assert_eq!(bos["totals"]["taxable_value"], "666.66");
    assert_eq!(bos["totals"]["total"], "667.00");
    assert_eq!(bos["lines"][0]["gst_rate"], "0");

    // No supply outside the state, no export.
    let maharashtra = created(
        &app,
        &owner,
        "/parties",
        json!({"name": "Acme Traders", "kind": "customer", "registration": "regular",
               "gstin": "27AAPFU0939F1ZV"}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = count(&app, "sales_documents").await;
    assert_eq!(
        refused_fields(
            post(
                &app,
                &owner,
                "/invoices",
                one_line(&maharashtra, &item, "2026-10-05", true)
            )
            .await
        )
        .await,
        ["place_of_supply"]
    );
    assert_eq!(count(&app, "sales_documents").await, before);

    // The invoice page says so.
    let page = owner
        .page(
            &app,
            &format!(
                "/orgs/{}/invoices/{}",
                owner.org_id,
                bos["id"].as_str().unwrap()
            ),
        )
        .await;
    assert!(page.contains("Composition taxable person, not eligible to collect tax on supplies"));

    // Back to a regular dealer: tax invoices again.
    send(
        &app,
        &owner,
        Method::PATCH,
        "",
        Some(json!({"composition": false})),
    )
    .await;
    let inv = created(
        &app,
        &owner,
        "/invoices",
        one_line(&buyer, &item, "2026-10-05", true),
    )
    .await;
    assert_eq!(inv["kind"], "invoice");
    assert_eq!(inv["seller_composition"], false);
}

#[tokio::test]
async fn a_credit_note_is_raised_from_the_invoice_page_without_javascript() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let buyer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;
    let invoice = created(
        &app,
        &owner,
        "/invoices",
        one_line(&buyer, &item, "2026-10-05", true),
    )
    .await;
    let id = invoice["id"].as_str().unwrap();
    let invoice_page = format!("/orgs/{}/invoices/{id}", owner.org_id);
    let shown = owner.page(&app, &invoice_page).await;
    assert!(
        shown.contains("/notes/new?kind=credit_note"),
        "offered on an issued invoice"
    );
    let form = owner
        .page(&app, &format!("{invoice_page}/notes/new?kind=credit_note"))
        .await;
    assert!(
        form.contains("name=\"lines-0-include\" value=\"on\" checked"),
        "{form}"
    );
    assert!(
        form.contains("name=\"lines-0-quantity\" value=\"2\""),
        "the invoice's line"
    );

    let notes = format!("{invoice_page}/notes");
    let post = |quantity: &'static str, include: bool| {
        let (app, owner, notes, item) = (&app, &owner, &notes, &item);
        async move {
            let mut fields = vec![
                ("kind", "credit_note"),
                ("date", "2026-10-10"),
                ("reason", "One stand returned"),
                ("lines-0-item_id", item.as_str()),
                ("lines-0-description", "Laptop stand"),
                ("lines-0-hsn_sac", "8473"),
                ("lines-0-quantity", quantity),
                ("lines-0-unit_price", "333.33"),
                ("lines-0-gst_rate", "18"),
            ];
            if include {
                fields.push(("lines-0-include", "on"));
            }
            owner.form(app, notes, &fields).await
        }
    };
    let notes_before = count(&app, "sales_documents").await;
    // More than was invoiced: the form again, the message on the line, nothing written.
    let refused = post("3", true).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("name=\"lines-0-quantity\" value=\"3\""),
        "kept as typed"
    );
    assert!(html.contains("class=\"error\""), "{html}");
    let none = post("1", false).await;
    assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, "sales_documents").await, notes_before);

    let done = post("1", true).await;
    assert_eq!(
        done.status(),
        StatusCode::SEE_OTHER,
        "on to the note's page"
    );
    let to = done.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.contains("/notes/"), "{to}");
    let note = owner.page(&app, &to).await;
    assert!(note.contains("CN/26-27/0001"), "{note}");
    assert!(note.contains("Against invoice"));
    assert!(note.contains("INV/26-27/0001"));
    let shown = owner.page(&app, &invoice_page).await;
    assert!(shown.contains("Notes against this invoice") && shown.contains("CN/26-27/0001"));
    // The balance went down by the note: 787.00 − 393.33 (333.33 + 18 % = 393.33, rounded).
    let after = json_of(get(&app, &owner, &format!("/invoices/{id}")).await).await;
    assert_eq!(after["amount_paid"], "0.00");
    assert_ne!(after["balance_due"], invoice["balance_due"]);
}

#[tokio::test]
async fn an_invoice_with_a_balance_shows_a_upi_qr_code_for_it() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let buyer = karnataka_buyer(&app, &owner).await;
    let item = laptop(&app, &owner).await;
    let invoice = created(
        &app,
        &owner,
        "/invoices",
        one_line(&buyer, &item, "2026-10-05", true),
    )
    .await;
    let page = format!(
        "/orgs/{}/invoices/{}",
        owner.org_id,
        invoice["id"].as_str().unwrap()
    );
    assert!(
        !owner.page(&app, &page).await.contains("upi://"),
        "no UPI id, no QR code"
    );
    let set = send(
        &app,
        &owner,
        Method::PATCH,
        "",
        Some(json!({"upi_vpa": "asha@okhdfc", "trade_name": "Asha & Co"})),
    )
    .await;
    assert_eq!(set.status(), StatusCode::OK);
    let html = owner.page(&app, &page).await;
    assert!(
        html.contains("upi://pay?pa=asha@okhdfc&#38;pn=Asha%20%26%20Co&#38;am=787.00&#38;cu=INR&#38;tn=INV%2F26-27%2F0001"),
        "{html}"
    );
    assert!(html.contains("<svg role=\"img\""), "the QR code, inline");
    assert!(html.contains("₹787.00 to asha@okhdfc"));
}
