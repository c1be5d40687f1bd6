//! GST returns over the API (API.md, Returns; GST.md §7–§8) on the engine the run names: a
//! worked month of sales and purchases, raised through the API, comes back as GSTR-1, GSTR-3B
//! and the HSN summary; the whole JSON is kept in insta snapshots shared by both engines (the
//! same month must give the same returns on SQLite and PostgreSQL), and the outward totals of
//! the two returns agree.

mod common;

use common::{Account, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn org_path(who: &Account, path: &str) -> String {
    format!("/api/v1/orgs/{}{path}", who.org_id)
}

async fn post(app: &TestApp, who: &Account, path: &str, body: &Value) -> reqwest::Response {
    app.send_as(who, Method::POST, &org_path(who, path))
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn created(app: &TestApp, who: &Account, path: &str, body: Value) -> Value {
    let response = post(app, who, path, &body).await;
    let status = response.status();
    let json: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{path} {body}: {json}");
    json
}

async fn fetch(app: &TestApp, who: &Account, path: &str) -> reqwest::Response {
    who.client
        .get(app.at(&org_path(who, path)))
        .send()
        .await
        .unwrap()
}

async fn party(app: &TestApp, who: &Account, body: Value) -> String {
    created(app, who, "/parties", body).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn line(description: &str, hsn: &str, quantity: &str, price: &str, rate: &str) -> Value {
    json!({"description": description, "hsn_sac": hsn, "unit": if hsn.starts_with("99") { Value::Null } else { json!("NOS") },
           "quantity": quantity, "unit_price": price, "gst_rate": rate})
}

/// October 2026 of a Karnataka business: every section of both returns has something in it.
async fn worked_month(app: &TestApp, who: &Account) {
    let response = app
        .send_as(who, Method::PATCH, &org_path(who, ""))
        .json(&json!({"legal_name": "Asha Traders", "gstin": "29AAFCC9980M1ZR"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let chola = party(app, who, json!({"name": "Chola Computers", "kind": "customer", "registration": "regular", "gstin": "29AABCS1429B1ZQ"})).await;
    let acme = party(app, who, json!({"name": "Acme Traders", "kind": "both", "registration": "regular", "gstin": "27AAPFU0939F1ZV"})).await;
    let walk_in = party(app, who, json!({"name": "Walk-in", "kind": "customer", "registration": "unregistered", "state_code": "29"})).await;
    let kerala = party(app, who, json!({"name": "Kochi Home", "kind": "customer", "registration": "unregistered", "state_code": "32"})).await;
    let abroad = party(app, who, json!({"name": "Globex LLC", "kind": "customer", "registration": "overseas", "country": "United States"})).await;
    let carrier = party(app, who, json!({"name": "Ramesh Transport", "kind": "vendor", "registration": "unregistered", "state_code": "29"})).await;
    let globex = party(app, who, json!({"name": "Globex Supplies", "kind": "vendor", "registration": "overseas", "country": "United States"})).await;

    let invoice = |customer: &str, date: &str, lines: Value| json!({"customer_id": customer, "date": date, "issue": true, "lines": lines});
    // B2B within the state, and a credit note on it.
    let b2b = created(
        app,
        who,
        "/invoices",
        invoice(
            &chola,
            "2026-10-05",
            json!([
                line("Laptop stand", "8473", "2", "333.33", "18"),
                line("Installation", "998713", "1", "500", "18")
            ]),
        ),
    )
    .await;
    created(app, who, "/notes", json!({"kind": "credit", "invoice_id": b2b["id"], "date": "2026-10-20",
        "reason": "Returned one stand", "lines": [{"description": "Laptop stand", "hsn_sac": "8473", "unit_price": "333.33", "gst_rate": "18"}]})).await;
    // B2B across states.
    created(
        app,
        who,
        "/invoices",
        invoice(
            &acme,
            "2026-10-06",
            json!([line("Monitor", "8528", "3", "12000", "18")]),
        ),
    )
    .await;
    // B2C small within the state, B2C large across states.
    created(
        app,
        who,
        "/invoices",
        invoice(
            &walk_in,
            "2026-10-07",
            json!([line("Keyboard", "8471", "1", "1500", "18")]),
        ),
    )
    .await;
    created(
        app,
        who,
        "/invoices",
        invoice(
            &kerala,
            "2026-10-08",
            json!([line("Server", "8471", "1", "150000", "18")]),
        ),
    )
    .await;
    // An export under LUT.
    let mut export = invoice(
        &abroad,
        "2026-10-09",
        json!([line("Router", "8517", "10", "4000", "18")]),
    );
    export["export"] = json!({"with_payment": false, "shipping_bill_no": "1234567", "shipping_bill_date": "2026-10-10", "port_code": "INBLR4"});
    created(app, who, "/invoices", export).await;
    // A bill of supply for exempt goods.
    created(app, who, "/invoices", json!({"customer_id": walk_in, "date": "2026-10-11", "issue": true,
        "lines": [{"description": "Fresh vegetables", "hsn_sac": "0706", "unit": "KGS", "quantity": "5",
                   "unit_price": "40", "gst_rate": "0", "treatment": "exempt"}]})).await;
    // Voided after issue: table 13 counts it, nothing else does. A draft counts nowhere.
    let void = created(
        app,
        who,
        "/invoices",
        invoice(
            &chola,
            "2026-10-12",
            json!([line("Mouse", "8471", "1", "700", "18")]),
        ),
    )
    .await;
    let response = app
        .send_as(
            who,
            Method::POST,
            &org_path(
                who,
                &format!("/invoices/{}/void", void["id"].as_str().unwrap()),
            ),
        )
        .json(&json!({"reason": "Raised twice"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut draft = invoice(
        &chola,
        "2026-10-13",
        json!([line("Webcam", "8525", "1", "2500", "18")]),
    );
    draft["issue"] = json!(false);
    created(app, who, "/invoices", draft).await;
    // Another month's invoice stays out.
    created(
        app,
        who,
        "/invoices",
        invoice(
            &chola,
            "2026-11-02",
            json!([line("Cable", "8544", "4", "99", "18")]),
        ),
    )
    .await;

    // Purchases: freight on reverse charge, goods from another state, an import of goods.
    created(
        app,
        who,
        "/bills",
        json!({"vendor_id": carrier, "vendor_invoice_number": "R-17", "date": "2026-10-09",
        "reverse_charge": true, "lines": [line("Freight", "9965", "1", "10000", "5")]}),
    )
    .await;
    created(
        app,
        who,
        "/bills",
        json!({"vendor_id": acme, "vendor_invoice_number": "AC/991", "date": "2026-10-14",
        "lines": [line("Monitor stock", "8528", "5", "9000", "18")]}),
    )
    .await;
    created(app, who, "/bills", json!({"vendor_id": globex, "vendor_invoice_number": "GX-5", "date": "2026-10-15",
        "import": "goods", "bill_of_entry": {"number": "7654321", "date": "2026-10-15", "port_code": "INBLR4"},
        "lines": [line("Network switch", "8517", "2", "25000", "18")]})).await;
}

fn money(v: &Value) -> i64 {
    // GSTN's JSON writes amounts as numbers with two decimals; compare them in paise.
    let text = v.to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, "0"));
    let fraction = format!("{fraction:0<2}");
    let paise = whole.trim_start_matches('-').parse::<i64>().unwrap() * 100
        + fraction[..2].parse::<i64>().unwrap();
    if text.starts_with('-') { -paise } else { paise }
}

#[tokio::test]
async fn a_worked_month_gives_both_returns_and_they_agree() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    worked_month(&app, &owner).await;

    let response = fetch(&app, &owner, "/returns/gstr-1?period=2026-10&download=true").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"GSTR1_29AAFCC9980M1ZR_102026.json\""
    );
    let gstr1: Value = response.json().await.unwrap();
    let response = fetch(&app, &owner, "/returns/gstr-3b?period=2026-10").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-disposition"],
        "inline; filename=\"GSTR3B_29AAFCC9980M1ZR_102026.json\""
    );
    let gstr3b: Value = response.json().await.unwrap();
    let hsn: Value = fetch(&app, &owner, "/returns/hsn-summary?period=2026-10")
        .await
        .json()
        .await
        .unwrap();

    assert_eq!(gstr1["gstin"], "29AAFCC9980M1ZR");
    assert_eq!(gstr1["fp"], "102026");
    assert_eq!(hsn, gstr1["hsn"], "the HSN summary is GSTR-1's table 12");
    assert_eq!(gstr1["b2b"].as_array().unwrap().len(), 2, "Chola and Acme");
    assert_eq!(gstr1["b2cl"][0]["pos"], "32");
    assert_eq!(gstr1["exp"][0]["exp_typ"], "WOPAY");
    assert_eq!(gstr1["cdnr"][0]["ctin"], "29AABCS1429B1ZQ");

    // GSTR-1's outward taxable supplies add up to GSTR-3B's 3.1(a) and 3.1(b), head by head.
    let mut taxable = [0_i64; 2];
    let mut heads = [0_i64; 4];
    let mut add = |items: &Value, sign: i64, zero_rated: bool| {
        for item in items.as_array().unwrap() {
            let d = if item.get("itm_det").is_some() {
                &item["itm_det"]
            } else {
                item
            };
            taxable[usize::from(zero_rated)] += sign * money(&d["txval"]);
            for (i, head) in ["iamt", "camt", "samt", "csamt"].iter().enumerate() {
                if let Some(v) = d.get(*head) {
                    heads[i] += sign * money(v);
                }
            }
        }
    };
    for party in gstr1["b2b"].as_array().unwrap() {
        for inv in party["inv"].as_array().unwrap() {
            add(&inv["itms"], 1, false);
        }
    }
    for place in gstr1["b2cl"].as_array().unwrap() {
        for inv in place["inv"].as_array().unwrap() {
            add(&inv["itms"], 1, false);
        }
    }
    add(&gstr1["b2cs"], 1, false);
    for group in gstr1["exp"].as_array().unwrap() {
        for inv in group["inv"].as_array().unwrap() {
            add(&inv["itms"], 1, true);
        }
    }
    for party in gstr1["cdnr"].as_array().unwrap() {
        for note in party["nt"].as_array().unwrap() {
            let sign = if note["ntty"] == "C" { -1 } else { 1 };
            add(&note["itms"], sign, false);
        }
    }
    let osup = &gstr3b["sup_details"]["osup_det"];
    let zero = &gstr3b["sup_details"]["osup_zero"];
    assert_eq!(taxable[0], money(&osup["txval"]), "3.1(a) taxable value");
    assert_eq!(taxable[1], money(&zero["txval"]), "3.1(b) taxable value");
    assert_eq!(
        heads[0],
        money(&osup["iamt"]) + money(&zero["iamt"]),
        "IGST"
    );
    assert_eq!(heads[1], money(&osup["camt"]), "CGST");
    assert_eq!(heads[2], money(&osup["samt"]), "SGST");
    assert_eq!(money(&osup["camt"]), money(&osup["samt"]), "CGST = SGST");

    // Table 13: the voided invoice is cancelled, the draft is nowhere.
    let docs = gstr1["doc_issue"]["doc_det"].to_string();
    assert!(docs.contains("\"cancel\":1"), "{docs}");

    insta::assert_json_snapshot!("gstr1_worked_month", gstr1);
    insta::assert_json_snapshot!("gstr3b_worked_month", gstr3b);
}

#[tokio::test]
async fn a_return_needs_a_month_and_a_gstin() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let response = fetch(&app, &owner, "/returns/gstr-1?period=2026-10").await;
    assert_eq!(response.status(), StatusCode::CONFLICT, "no GSTIN yet");
    let problem: Value = response.json().await.unwrap();
    assert!(
        problem["detail"].as_str().unwrap().contains("GSTIN"),
        "{problem}"
    );
    let response = app
        .send_as(&owner, Method::PATCH, &org_path(&owner, ""))
        .json(&json!({"gstin": "29AAFCC9980M1ZR"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    for bad in ["2026-13", "October", ""] {
        let response = fetch(&app, &owner, &format!("/returns/gstr-3b?period={bad}")).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "period", "{problem}");
    }
    // An empty month is a return of nothing, not an error.
    let empty: Value = fetch(&app, &owner, "/returns/gstr-3b?period=2026-10")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(money(&empty["sup_details"]["osup_det"]["txval"]), 0);
    // Another business's returns are its own.
    let other = app.signup("ravi@example.com").await;
    let response = other
        .client
        .get(app.at(&format!(
            "/api/v1/orgs/{}/returns/gstr-1?period=2026-10",
            owner.org_id
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// The returns page of the worked month: GSTR-3B's tables with the figures checked by hand, the
/// GSTR-1 sections leading to their documents, the JSON downloads, and marking the month filed
/// (which stops issuing into it) and reopening it.
#[tokio::test]
async fn the_returns_page_shows_a_month_and_files_it() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    worked_month(&app, &owner).await;
    let base = format!("/orgs/{}/returns", owner.org_id);

    let page = owner.page(&app, &format!("{base}?period=2026-10")).await;
    assert!(page.contains("GST returns · Oct 2026"), "{page}");
    // 3.1(a) and 3.2, as worked by hand for the API test's note.
    assert!(page.contains("₹1,88,333.33"), "3.1(a) taxable value");
    assert!(page.contains("₹33,480.00"), "3.1(a) IGST");
    assert!(page.contains("32 – Kerala"), "3.2 names the place");
    assert!(page.contains("No problems found"), "{page}");
    assert!(page.contains(&format!("{base}/gstr-1/2026-10/sections/b2b")));
    assert!(page.contains("Not filed yet"));

    let section = owner
        .page(&app, &format!("{base}/gstr-1/2026-10/sections/b2b"))
        .await;
    assert!(section.contains("29AABCS1429B1ZQ"), "Chola's GSTIN");
    assert!(section.contains("27AAPFU0939F1ZV"), "Acme's GSTIN");
    assert!(section.contains("invoices?q=INV%2F26-27%2F"), "{section}");
    assert!(
        section.contains("5 Oct 2026"),
        "dates the Indian way: {section}"
    );
    let month = owner
        .page(
            &app,
            &format!(
                "/orgs/{}/invoices?from=2026-10-01&to=2026-10-31",
                owner.org_id
            ),
        )
        .await;
    assert!(
        month.contains("Invoices dated 1 Oct 2026 to 31 Oct 2026")
            && month.contains("name=\"from\" value=\"2026-10-01\""),
        "the list says, and its search keeps, the month: {month}"
    );
    let bills = owner
        .page(
            &app,
            &format!("/orgs/{}/bills?from=2026-10-01&to=2026-10-31", owner.org_id),
        )
        .await;
    assert!(
        bills.contains("Bills dated 1 Oct 2026 to 31 Oct 2026"),
        "the bill list says its month too: {bills}"
    );
    let notes = owner
        .page(&app, &format!("{base}/gstr-1/2026-10/sections/cdnr"))
        .await;
    assert!(
        notes.contains("kind=notes") && notes.contains("Credit note"),
        "{notes}"
    );
    let unknown = owner
        .client
        .get(app.at(&format!("{base}/gstr-1/2026-10/sections/b2z")))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

    let download = owner
        .client
        .get(app.at(&format!("{base}/gstr-1/2026-10/download")))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(
        download.headers()["content-disposition"],
        "attachment; filename=\"GSTR1_29AAFCC9980M1ZR_102026.json\""
    );
    let from_page: Value = download.json().await.unwrap();
    let from_api: Value = fetch(&app, &owner, "/returns/gstr-1?period=2026-10")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(from_page, from_api);

    let filed = owner
        .form(&app, &format!("{base}/gstr-1/2026-10/filed"), &[])
        .await;
    assert_eq!(filed.status(), StatusCode::SEE_OTHER);
    let page = owner.page(&app, &format!("{base}?period=2026-10")).await;
    assert!(page.contains("Filed "), "{page}");
    assert!(page.contains("Reopen"));
    let walk_in = party(&app, &owner, json!({"name": "Late walk-in", "kind": "customer", "registration": "unregistered", "state_code": "29"})).await;
    let late = app
        .send_as(&owner, Method::POST, &org_path(&owner, "/invoices"))
        .json(
            &json!({"customer_id": walk_in, "date": "2026-10-30", "issue": true,
                      "lines": [line("Cable", "8544", "1", "100", "18")]}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        late.status(),
        StatusCode::CONFLICT,
        "October's GSTR-1 is filed"
    );

    let reopened = owner
        .form(&app, &format!("{base}/gstr-1/2026-10/reopen"), &[])
        .await;
    assert_eq!(reopened.status(), StatusCode::SEE_OTHER);
    let page = owner.page(&app, &format!("{base}?period=2026-10")).await;
    assert!(!page.contains("Reopen"), "reopened");
}

/// A document dated after today is named in the checks, with a link to it.
#[tokio::test]
async fn the_checks_name_a_document_dated_after_today() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    worked_month(&app, &owner).await;
    let later = time::OffsetDateTime::now_utc().date() + time::Duration::days(3);
    let walk_in = party(&app, &owner, json!({"name": "Early bird", "kind": "customer", "registration": "unregistered", "state_code": "29"})).await;
    let ahead = created(
        &app,
        &owner,
        "/invoices",
        json!({"customer_id": walk_in, "date": later.to_string(), "issue": true,
        "lines": [line("Cable", "8544", "1", "100", "18")]}),
    )
    .await;
    let period = format!("{:04}-{:02}", later.year(), u8::from(later.month()));
    let page = owner
        .page(
            &app,
            &format!("/orgs/{}/returns?period={period}", owner.org_id),
        )
        .await;
    assert!(page.contains("dated after today"), "{page}");
    assert!(
        page.contains(&format!("/invoices/{}", ahead["id"].as_str().unwrap())),
        "{page}"
    );
    assert!(!page.contains("No problems found"));
}

/// A quarterly filer (QRMP): the setting, IFF for the quarter's first two months, the
/// quarter's GSTR-1 without what an IFF marked filed furnished, the quarter's GSTR-3B, and
/// filing locks that follow the quarter.
#[tokio::test]
async fn a_quarterly_filer_furnishes_iff_and_files_the_quarter() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let patch = |body: Value| {
        app.send_as(&owner, Method::PATCH, &org_path(&owner, ""))
            .json(&body)
            .send()
    };
    let refused = patch(json!({"gstin": "29AAFCC9980M1ZR", "quarterly_returns": true, "turnover_above_5_crore": true})).await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = refused.json().await.unwrap();
    assert_eq!(
        problem["errors"][0]["field"], "quarterly_returns",
        "{problem}"
    );
    let settings: Value = patch(json!({"gstin": "29AAFCC9980M1ZR", "quarterly_returns": true}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(settings["quarterly_returns"], true, "{settings}");
    assert_eq!(settings["turnover_above_5_crore"], false);

    let chola = party(&app, &owner, json!({"name": "Chola Computers", "kind": "customer", "registration": "regular", "gstin": "29AABCS1429B1ZQ"})).await;
    let walk_in = party(&app, &owner, json!({"name": "Walk-in", "kind": "customer", "registration": "unregistered", "state_code": "29"})).await;
    for (customer, date, price) in [
        (&chola, "2026-07-10", "1000"),
        (&chola, "2026-08-10", "2000"),
        (&chola, "2026-09-10", "3000"),
        (&walk_in, "2026-08-11", "500"),
    ] {
        created(
            &app,
            &owner,
            "/invoices",
            json!({"customer_id": customer, "date": date, "issue": true,
            "lines": [line("Monitor", "8528", "1", price, "18")]}),
        )
        .await;
    }

    let iff = fetch(&app, &owner, "/returns/iff?period=2026-07&download=true").await;
    assert_eq!(iff.status(), StatusCode::OK);
    assert_eq!(
        iff.headers()["content-disposition"],
        "attachment; filename=\"IFF_29AAFCC9980M1ZR_072026.json\""
    );
    let iff: Value = iff.json().await.unwrap();
    assert_eq!(iff["fp"], "072026");
    let july = &iff["b2b"][0]["inv"];
    assert_eq!(july.as_array().unwrap().len(), 1, "{iff}");
    assert_eq!(money(&july[0]["itms"][0]["itm_det"]["txval"]), 100_000);
    assert!(iff.get("b2cs").is_none(), "IFF is B2B alone: {iff}");
    for bad in ["2026-09", "2026-Q3"] {
        let response = fetch(&app, &owner, &format!("/returns/iff?period={bad}")).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "period", "{problem}");
    }

    let b2b_count = |g: &Value| {
        g["b2b"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["inv"].as_array().unwrap().len())
            .sum::<usize>()
    };
    let quarter: Value = fetch(&app, &owner, "/returns/gstr-1?period=2026-Q3")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        quarter["fp"], "092026",
        "a quarter is named by its last month"
    );
    assert_eq!(b2b_count(&quarter), 3, "no IFF filed yet: {quarter}");
    let gstr3b: Value = fetch(&app, &owner, "/returns/gstr-3b?period=2026-Q3")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(gstr3b["ret_period"], "092026");
    assert_eq!(money(&gstr3b["sup_details"]["osup_det"]["txval"]), 650_000);

    let filed = post(&app, &owner, "/returns/iff/2026-07/filed", &json!({})).await;
    assert_eq!(filed.status(), StatusCode::CREATED);
    let wrong = post(&app, &owner, "/returns/iff/2026-09/filed", &json!({})).await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let quarter: Value = fetch(&app, &owner, "/returns/gstr-1?period=2026-Q3")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(b2b_count(&quarter), 2, "July's went in its IFF: {quarter}");
    assert_eq!(quarter["b2cs"][0]["txval"], json!(500.0));
    // Issuing into a month whose IFF is filed is refused; the quarter's later months are open.
    let late = post(
        &app,
        &owner,
        "/invoices",
        &json!({"customer_id": chola, "date": "2026-07-20", "issue": true,
            "lines": [line("Monitor", "8528", "1", "10", "18")]}),
    )
    .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);

    // Filing the quarter's GSTR-3B locks its every month.
    let filed = post(&app, &owner, "/returns/gstr-3b/2026-Q3/filed", &json!({})).await;
    assert_eq!(filed.status(), StatusCode::CREATED);
    let body: Value = filed.json().await.unwrap();
    assert_eq!(body["period"], "2026-Q3");
    let late = post(
        &app,
        &owner,
        "/invoices",
        &json!({"customer_id": walk_in, "date": "2026-09-25", "issue": true,
            "lines": [line("Monitor", "8528", "1", "10", "18")]}),
    )
    .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);

    // The returns page shows the quarter with its IFFs, and agrees with itself.
    let page = owner
        .page(&app, &format!("/orgs/{}/returns", owner.org_id))
        .await;
    assert!(page.contains("IFF · "), "a quarterly filer sees IFF rows");
    let page = owner
        .page(
            &app,
            &format!("/orgs/{}/returns?period=2026-Q3", owner.org_id),
        )
        .await;
    assert!(
        page.contains("/returns/iff/2026-08/download"),
        "August's IFF"
    );
    assert!(
        !page.contains("/returns/iff/2026-09/"),
        "no IFF for a quarter's last month"
    );
    assert!(
        !page.contains("GSTR-1 reports"),
        "GSTR-1 with its IFF agrees with GSTR-3B"
    );
}

/// Each GSTR-1 section as the offline tool's CSV.
#[tokio::test]
async fn gstr1_sections_come_as_the_offline_tools_csv() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    worked_month(&app, &owner).await;

    let response = fetch(
        &app,
        &owner,
        "/returns/gstr-1/csv?period=2026-10&section=b2b",
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"GSTR1_b2b_29AAFCC9980M1ZR_102026.csv\""
    );
    let text = response.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "GSTIN/UIN of Recipient,Receiver Name,Invoice Number,Invoice date,Invoice Value,\
         Place Of Supply,Reverse Charge,Applicable % of Tax Rate,Invoice Type,E-Commerce GSTIN,\
         Rate,Taxable Value,Cess Amount"
    );
    let chola: Vec<&str> = lines
        .iter()
        .find(|l| l.starts_with("29AABCS1429B1ZQ"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(chola[3], "05-Oct-2026");
    assert_eq!(chola[5], "29-Karnataka");
    assert_eq!(chola[8], "Regular B2B");
    assert_eq!(chola[10], "18");
    assert_eq!(
        chola[11], "1166.66",
        "two stands and the installation at 18%"
    );

    let hsn = fetch(
        &app,
        &owner,
        "/returns/gstr-1/csv?period=2026-10&section=hsn_b2c",
    )
    .await;
    assert_eq!(hsn.status(), StatusCode::OK);
    assert!(
        hsn.text().await.unwrap().contains("\r\n0706,"),
        "the vegetables"
    );
    for (section, why) in [("hsn", "split from May 2025"), ("b2z", "one of")] {
        let response = fetch(
            &app,
            &owner,
            &format!("/returns/gstr-1/csv?period=2026-10&section={section}"),
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "section", "{problem}");
        assert!(problem.to_string().contains(why), "{problem}");
    }
    // The page's link is the same file.
    let page = owner
        .page(
            &app,
            &format!("/orgs/{}/returns?period=2026-10", owner.org_id),
        )
        .await;
    let href = format!("/orgs/{}/returns/gstr-1/2026-10/csv/docs", owner.org_id);
    assert!(page.contains(&href), "a CSV link per section");
    let docs = owner.client.get(app.at(&href)).send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    assert!(
        docs.text()
            .await
            .unwrap()
            .starts_with("Nature of Document,Sr. No. From,Sr. No. To,Total Number,Cancelled\r\n")
    );
}
