//! The books of account over the API (API.md, Books of account) on the real server: what each
//! document and payment posts, the reports agreeing with each other and with the ledgers,
//! manual vouchers that must balance, opening balances, closed years, and the back-fill of
//! documents recorded before the books existed.

mod common;

use std::collections::BTreeMap;

use common::{Account, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn org_path(who: &Account, path: &str) -> String {
    format!("/api/v1/orgs/{}{path}", who.org_id)
}

async fn call(
    app: &TestApp,
    who: &Account,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = app.send_as(who, method, &org_path(who, path));
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn get(app: &TestApp, who: &Account, path: &str) -> Value {
    let (status, body) = call(app, who, Method::GET, path, None).await;
    assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
    body
}

async fn created(app: &TestApp, who: &Account, path: &str, body: Value) -> Value {
    let (status, json) = call(app, who, Method::POST, path, Some(body.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "{path} {body}: {json}");
    json
}

fn fields(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    bahi_store::testing::count(&app.db, &format!("SELECT count(*) FROM {table}"), []).await
}

/// Money text to paise.
fn paise(v: &Value) -> i64 {
    let text = v.as_str().unwrap_or_else(|| panic!("not money: {v}"));
    let negative = text.starts_with('-');
    let (rupees, p) = text.trim_start_matches('-').split_once('.').unwrap();
    let n = rupees.parse::<i64>().unwrap() * 100 + p.parse::<i64>().unwrap();
    if negative { -n } else { n }
}

struct Books {
    /// account code → account id
    ids: BTreeMap<String, String>,
}

impl Books {
    async fn of(app: &TestApp, who: &Account) -> Self {
        let chart = get(app, who, "/ledger/accounts").await;
        let ids = chart["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["code"].as_str().unwrap().to_owned(),
                    a["id"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        Self { ids }
    }

    fn id(&self, code: &str) -> &str {
        &self.ids[code]
    }
}

/// The journal lines a document or payment posted, as (account code, party?, signed paise).
async fn posted(app: &TestApp, who: &Account, source: &str) -> Vec<(String, String, i64)> {
    let list = get(app, who, &format!("/ledger/journals?source_id={source}")).await;
    let mut out = Vec::new();
    for j in list["items"].as_array().unwrap() {
        let mut debit = 0;
        let mut credit = 0;
        for l in j["lines"].as_array().unwrap() {
            let d = paise(&l["debit"]);
            let c = paise(&l["credit"]);
            assert!(d >= 0 && c >= 0 && (d == 0) != (c == 0), "one side: {l}");
            debit += d;
            credit += c;
            let party = l["party"]["name"].as_str().unwrap_or("").to_owned();
            out.push((
                l["account"]["code"].as_str().unwrap().to_owned(),
                party,
                d - c,
            ));
        }
        assert_eq!(debit, credit, "balanced: {j}");
        assert_eq!(paise(&j["total"]), debit);
    }
    out
}

fn net(lines: &[(String, String, i64)]) -> BTreeMap<String, i64> {
    let mut m = BTreeMap::new();
    for (code, _, amount) in lines {
        *m.entry(code.clone()).or_insert(0) += amount;
    }
    m.retain(|_, v| *v != 0);
    m
}

/// Checks the invariants every set of books keeps, and returns the trial balance.
async fn consistent(app: &TestApp, who: &Account, from: &str, to: &str) -> Value {
    let tb = get(
        app,
        who,
        &format!("/ledger/trial-balance?from={from}&to={to}"),
    )
    .await;
    assert_eq!(
        tb["totals"]["debit"], tb["totals"]["credit"],
        "TB balances: {tb}"
    );
    let rows = tb["rows"].as_array().unwrap();
    let opening: i64 = rows.iter().map(|r| paise(&r["opening"])).sum();
    let closing: i64 = rows.iter().map(|r| paise(&r["closing"])).sum();
    assert_eq!(
        (opening, closing),
        (0, 0),
        "openings and closings sum to nothing"
    );
    for r in rows {
        assert_eq!(
            paise(&r["opening"]) + paise(&r["debit"]) - paise(&r["credit"]),
            paise(&r["closing"]),
            "{r}"
        );
    }
    let bs = get(app, who, &format!("/ledger/balance-sheet?as_of={to}")).await;
    assert_eq!(
        paise(&bs["totals"]["assets"]),
        paise(&bs["totals"]["liabilities"]) + paise(&bs["totals"]["equity"]),
        "assets = liabilities + equity: {bs}"
    );
    tb
}

fn closing_of(tb: &Value, code: &str) -> i64 {
    tb["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["account"]["code"] == code)
        .map_or(0, |r| paise(&r["closing"]))
}

async fn customer(app: &TestApp, who: &Account, name: &str) -> String {
    created(
        app,
        who,
        "/parties",
        json!({"name": name, "kind": "customer", "registration": "regular",
        "gstin": "29AABCS1429B1ZQ", "phone": "98450 12345"}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn vendor(app: &TestApp, who: &Account) -> String {
    created(
        app,
        who,
        "/parties",
        json!({"name": "Garuda Transport", "kind": "vendor",
        "registration": "regular", "gstin": "27AAPFU0939F1ZV"}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn stands(customer: &str, date: &str, discount: &str) -> Value {
    json!({"customer_id": customer, "date": date, "due_date": "2026-11-04", "issue": true,
           "lines": [{"description": "Laptop stand", "hsn_sac": "8473", "quantity": "2",
                      "unit": "NOS", "unit_price": "333.33", "discount": discount, "gst_rate": "18"}]})
}

#[tokio::test]
async fn documents_and_payments_post_balanced_journals_that_the_reports_agree_with() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let books = Books::of(&app, &owner).await;
    assert_eq!(books.ids.len(), 38, "the default chart");
    let chola = customer(&app, &owner, "Chola Computers").await;
    let gta = vendor(&app, &owner).await;

    // The worked example: 2 × 333.33 at 18 %, rounded up by 0.34.
    let invoice = created(&app, &owner, "/invoices", stands(&chola, "2026-10-05", "0")).await;
    let id = invoice["id"].as_str().unwrap();
    let lines = posted(&app, &owner, id).await;
    assert_eq!(
        net(&lines),
        BTreeMap::from([
            ("1221".into(), 78_700),  // debtors
            ("2241".into(), -6_000),  // output CGST
            ("2242".into(), -6_000),  // output SGST
            ("4101".into(), -66_666), // sales
            ("4201".into(), -34),     // rounding off
        ])
    );
    assert!(
        lines
            .iter()
            .any(|l| l.0 == "1221" && l.1 == "Chola Computers"),
        "the debtor is named"
    );

    // A discounted sale: sales at the value before the discount, the discount apart.
    let second = created(
        &app,
        &owner,
        "/invoices",
        stands(&chola, "2026-10-06", "66.66"),
    )
    .await;
    let lines = posted(&app, &owner, second["id"].as_str().unwrap()).await;
    assert_eq!(net(&lines)["4101"], -66_666);
    assert_eq!(net(&lines)["4102"], 6_666, "discounts allowed");
    assert_eq!(net(&lines)["1221"], paise(&second["totals"]["total"]));

    // Paid 500 by UPI against the first invoice; 100 in cash as an advance, allocated later.
    let paid = created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": chola,
        "date": "2026-10-10", "amount": "500", "mode": "upi",
        "allocations": [{"invoice_id": id, "amount": "500"}]}),
    )
    .await;
    assert_eq!(
        net(&posted(&app, &owner, paid["id"].as_str().unwrap()).await),
        BTreeMap::from([("1221".into(), -50_000), ("1232".into(), 50_000)])
    );
    let advance = created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": chola,
        "date": "2026-10-12", "amount": "100", "mode": "cash", "allocations": []}),
    )
    .await;
    let advance_id = advance["id"].as_str().unwrap();
    assert_eq!(
        net(&posted(&app, &owner, advance_id).await),
        BTreeMap::from([("1231".into(), 10_000), ("2231".into(), -10_000)]),
        "an advance from the customer"
    );
    let (status, body) = call(
        &app,
        &owner,
        Method::POST,
        &format!("/payments/{advance_id}/allocations"),
        Some(json!({"allocations": [{"invoice_id": id, "amount": "100"}]})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        net(&posted(&app, &owner, advance_id).await),
        BTreeMap::from([("1221".into(), -10_000), ("1231".into(), 10_000)]),
        "allocated: off debtors, out of advances"
    );

    // A reverse-charge bill: the tax is owed to the government, and claimed.
    let bill = created(&app, &owner, "/bills", json!({"vendor_id": gta, "vendor_invoice_number": "GTA/778",
        "date": "2026-10-09", "place_of_supply": null, "reverse_charge": true, "import": null,
        "lines": [{"description": "Freight", "hsn_sac": "9965", "quantity": "1", "unit_price": "10000.00",
                   "discount": "0.00", "gst_rate": "5", "treatment": "taxable", "itc": "eligible"}]})).await;
    let bill_lines = posted(&app, &owner, bill["id"].as_str().unwrap()).await;
    assert_eq!(net(&bill_lines)["5201"], 1_000_000, "purchases");
    assert_eq!(
        net(&bill_lines)["2221"],
        -1_000_000,
        "the vendor is owed the value only"
    );
    assert_eq!(
        net(&bill_lines)["2245"],
        -net(&bill_lines)
            .iter()
            .filter(|(c, _)| c.starts_with("125"))
            .map(|(_, v)| v)
            .sum::<i64>(),
        "the tax both payable and claimed"
    );

    // A credit note for one stand: the sale the other way.
    let note = created(&app, &owner, "/notes", json!({"kind": "credit", "invoice_id": second["id"],
        "date": "2026-10-20", "reason": "One stand returned",
        "lines": [{"description": "Laptop stand", "hsn_sac": "8473", "quantity": "1", "unit": "NOS", "unit_price": "333.33", "gst_rate": "18"}]})).await;
    let note_lines = net(&posted(&app, &owner, note["id"].as_str().unwrap()).await);
    assert_eq!(note_lines["1221"], -paise(&note["totals"]["total"]));
    assert_eq!(note_lines["4101"], 33_333);

    // The advance was allocated today: until then it sat in advances, on the same party.
    let tb = consistent(&app, &owner, "2026-10-01", "2026-10-31").await;
    let debtors = closing_of(&tb, "1221");
    assert_eq!(
        debtors,
        78_700 + paise(&second["totals"]["total"]) - 50_000 - paise(&note["totals"]["total"])
    );
    assert_eq!(closing_of(&tb, "2231"), -10_000);
    let owed = debtors - 10_000;

    // The party's ledger is its lines on debtors and advances; its rows run to its closing.
    let ledger = get(
        &app,
        &owner,
        &format!("/ledger/parties/{chola}?from=2026-10-01&to=2026-10-31"),
    )
    .await;
    assert_eq!(paise(&ledger["opening"]), 0);
    assert_eq!(paise(&ledger["closing"]), owed);
    let rows = ledger["rows"].as_array().unwrap();
    assert_eq!(paise(&rows.last().unwrap()["balance"]), owed);
    assert_eq!(rows[0]["number"], invoice["number"]);
    assert_eq!(rows[0]["source"]["type"], "sales_document");
    assert_eq!(rows[0]["source"]["id"], invoice["id"]);

    // Paging carries the running balance across pages.
    let first = get(
        &app,
        &owner,
        &format!("/ledger/parties/{chola}?from=2026-10-01&to=2026-10-31&limit=2"),
    )
    .await;
    assert_eq!(first["rows"].as_array().unwrap().len(), 2);
    let cursor = first["next_cursor"].as_str().unwrap();
    let rest = get(
        &app,
        &owner,
        &format!("/ledger/parties/{chola}?from=2026-10-01&to=2026-10-31&limit=50&cursor={cursor}"),
    )
    .await;
    let joined: Vec<&Value> = first["rows"]
        .as_array()
        .unwrap()
        .iter()
        .chain(rest["rows"].as_array().unwrap())
        .collect();
    assert_eq!(joined.len(), rows.len());
    for (a, b) in joined.iter().zip(rows) {
        assert_eq!(a["balance"], b["balance"]);
    }

    // The general ledger of debtors says the same, and the P&L's profit is the equity's.
    let gl = get(
        &app,
        &owner,
        &format!(
            "/ledger/accounts/{}/entries?from=2026-10-01&to=2026-10-31",
            books.id("1221")
        ),
    )
    .await;
    assert_eq!(paise(&gl["closing"]), debtors);
    let pl = get(
        &app,
        &owner,
        "/ledger/profit-and-loss?from=2026-04-01&to=2026-10-31",
    )
    .await;
    let bs = get(&app, &owner, "/ledger/balance-sheet?as_of=2026-10-31").await;
    let profit_row = bs["equity"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["account"].is_null())
        .unwrap();
    assert_eq!(profit_row["amount"], pl["totals"]["net_profit"]);
    assert_eq!(
        paise(&pl["totals"]["net_profit"]),
        paise(&pl["totals"]["income"]) - paise(&pl["totals"]["expenses"])
    );

    // Voiding the UPI payment reverses it on the day it is voided; October stays as it was.
    let (status, _) = call(
        &app,
        &owner,
        Method::POST,
        &format!("/payments/{}/void", paid["id"].as_str().unwrap()),
        Some(json!({"reason": "Bounced"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        net(&posted(&app, &owner, paid["id"].as_str().unwrap()).await).is_empty(),
        "undone"
    );
    let october = consistent(&app, &owner, "2026-10-01", "2026-10-31").await;
    assert_eq!(closing_of(&october, "1221"), debtors);
    let today = consistent(&app, &owner, "2026-04-01", "2027-03-31").await;
    assert_eq!(closing_of(&today, "1221"), owed + 50_000);
    assert_eq!(closing_of(&today, "2231"), 0);

    // Voiding a bill reverses it on its own date.
    let (status, _) = call(
        &app,
        &owner,
        Method::POST,
        &format!("/bills/{}/void", bill["id"].as_str().unwrap()),
        Some(json!({"reason": "Entered twice"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let october = consistent(&app, &owner, "2026-10-01", "2026-10-31").await;
    assert_eq!(closing_of(&october, "2221"), 0);

    // Ageing by due date (4 Nov): as at 7 Dec the rest of both invoices is 33 days late.
    let ageing = get(
        &app,
        &owner,
        "/ledger/ageing?kind=receivables&as_of=2026-12-07",
    )
    .await;
    assert_eq!(ageing["rows"][0]["party"]["name"], "Chola Computers");
    assert_eq!(
        paise(&ageing["totals"]["d31_60"]),
        paise(&ageing["totals"]["total"])
    );
    assert_eq!(
        paise(&ageing["totals"]["total"]),
        closing_of(&today, "1221")
    );
    let early = get(
        &app,
        &owner,
        "/ledger/ageing?kind=receivables&as_of=2026-10-31",
    )
    .await;
    assert_eq!(
        paise(&early["totals"]["total"]),
        owed,
        "the payment was not void yet"
    );
    assert_eq!(paise(&early["totals"]["d0_30"]), owed, "not yet due");
}

#[tokio::test]
async fn manual_vouchers_must_balance_and_name_parties_on_control_accounts() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let books = Books::of(&app, &owner).await;
    let chola = customer(&app, &owner, "Chola Computers").await;
    let before = count(&app, "journals").await;

    let (status, body) = call(
        &app,
        &owner,
        Method::POST,
        "/ledger/journals",
        Some(json!({
        "date": "2026-10-31", "narration": "Rent for October",
        "lines": [{"account_id": books.id("5702"), "debit": "25000"},
                  {"account_id": books.id("1232"), "credit": "24000"}]})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), ["lines"]);
    let (status, body) = call(&app, &owner, Method::POST, "/ledger/journals", Some(json!({
        "narration": "",
        "lines": [{"account_id": books.id("1221"), "debit": "100"},
                  {"account_id": books.id("1232"), "credit": "100", "party_id": chola},
                  {"account_id": "00000000-0000-0000-0000-000000000000", "debit": "1", "credit": "1"}]}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        fields(&body),
        [
            "narration",
            "lines[0].party_id",
            "lines[1].party_id",
            "lines[2].account_id",
            "lines[2].credit"
        ]
    );
    assert_eq!(count(&app, "journals").await, before, "nothing written");

    let jv = created(
        &app,
        &owner,
        "/ledger/journals",
        json!({
        "date": "2026-10-31", "narration": "Rent for October",
        "lines": [{"account_id": books.id("5702"), "debit": "25000"},
                  {"account_id": books.id("1232"), "credit": "25000"}]}),
    )
    .await;
    assert_eq!(jv["number"], "JV/26-27/0001");
    assert_eq!(jv["kind"], "journal");
    assert_eq!(jv["total"], "25000.00");
    let again = get(
        &app,
        &owner,
        &format!("/ledger/journals/{}", jv["id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(again["lines"].as_array().unwrap().len(), 2);
    assert_eq!(again["lines"][0]["account"]["name"], "Rent");

    // A viewer reads the books but posts nothing.
    let viewer = app.join(&owner, "vik@example.com", "viewer").await;
    let (status, _) = call(
        &app,
        &viewer,
        Method::POST,
        "/ledger/journals",
        Some(json!({
        "narration": "x", "lines": []})),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let tb = get(
        &app,
        &viewer,
        "/ledger/trial-balance?from=2026-10-01&to=2026-10-31",
    )
    .await;
    assert_eq!(tb["totals"]["debit"], "25000.00");

    // Accounts: added under a group, removed while unused; system accounts stay.
    let chart = get(&app, &owner, "/ledger/accounts").await;
    let other = chart["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "Other expenses")
        .unwrap();
    let phone = created(
        &app,
        &owner,
        "/ledger/accounts",
        json!({"code": "5706", "name": "Telephone", "group_id": other["id"]}),
    )
    .await;
    assert_eq!(phone["group"], "Other expenses");
    assert_eq!(phone["nature"], "expense");
    let (status, body) = call(
        &app,
        &owner,
        Method::POST,
        "/ledger/accounts",
        Some(json!({"code": "5707", "name": "Telephone", "group_id": other["id"]})),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, _) = call(
        &app,
        &owner,
        Method::DELETE,
        &format!("/ledger/accounts/{}", books.id("1221")),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "a system account");
    let (status, _) = call(
        &app,
        &owner,
        Method::DELETE,
        &format!("/ledger/accounts/{}", books.id("5702")),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "rent has a posting");
    let (status, _) = call(
        &app,
        &owner,
        Method::DELETE,
        &format!("/ledger/accounts/{}", phone["id"].as_str().unwrap()),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let travel = created(
        &app,
        &owner,
        "/ledger/groups",
        json!({"code": "571", "name": "Travel", "parent_id": other["id"]}),
    )
    .await;
    assert_eq!(travel["nature"], "expense");
}

#[tokio::test]
async fn opening_balances_balance_and_a_closed_year_refuses_postings_until_reopened() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let books = Books::of(&app, &owner).await;
    let chola = customer(&app, &owner, "Chola Computers").await;

    let (status, body) = call(
        &app,
        &owner,
        Method::PUT,
        "/ledger/opening-balances",
        Some(json!({
        "as_of": "2025-03-31",
        "lines": [{"account_id": books.id("1232"), "debit": "50000"},
                  {"account_id": books.id("3101"), "credit": "40000"}]})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let set = |debtor: &str, capital: &str| {
        json!({
        "as_of": "2025-03-31",
        "lines": [{"account_id": books.id("1232"), "debit": "50000"},
                  {"account_id": books.id("1221"), "party_id": chola, "debit": debtor},
                  {"account_id": books.id("3101"), "credit": capital}]})
    };
    let (status, body) = call(
        &app,
        &owner,
        Method::PUT,
        "/ledger/opening-balances",
        Some(set("10000", "60000")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["as_of"], "2025-03-31");
    assert_eq!(body["total"], "60000.00");
    // Set again: replaced, not added to.
    let (status, body) = call(
        &app,
        &owner,
        Method::PUT,
        "/ledger/opening-balances",
        Some(set("12000", "62000")),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["lines"].as_array().unwrap().len(), 3);
    let tb = consistent(&app, &owner, "2025-04-01", "2026-03-31").await;
    assert_eq!(closing_of(&tb, "1221"), 1_200_000);
    assert_eq!(closing_of(&tb, "3101"), -6_200_000);
    let ledger = get(
        &app,
        &owner,
        &format!("/ledger/parties/{chola}?from=2025-04-01&to=2026-03-31"),
    )
    .await;
    assert_eq!(
        paise(&ledger["opening"]),
        1_200_000,
        "the party's opening balance"
    );

    // A sale in 2025-26, then the year is closed: its profit opens 2026-27 in retained earnings.
    created(&app, &owner, "/invoices", stands(&chola, "2026-03-15", "0")).await;
    let (status, body) = call(
        &app,
        &owner,
        Method::POST,
        "/ledger/years/2025-26/close",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["financial_year"], "2025-26");
    let (status, _) = call(
        &app,
        &owner,
        Method::POST,
        "/ledger/years/2026-27/close",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "not ended yet");
    let years = get(&app, &owner, "/ledger/years").await;
    assert_eq!(years["closed"][0]["financial_year"], "2025-26");

    let next = consistent(&app, &owner, "2026-04-01", "2026-04-30").await;
    let retained = next["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["account"]["code"] == "3201")
        .unwrap();
    assert_eq!(
        paise(&retained["opening"]),
        -66_700,
        "last year's profit (sales and rounding)"
    );
    assert!(
        next["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["account"]["code"] != "4101"),
        "income starts afresh"
    );

    let invoices = count(&app, "sales_documents").await;
    let (status, body) = call(
        &app,
        &owner,
        Method::POST,
        "/invoices",
        Some(stands(&chola, "2026-03-20", "0")),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("2025-26"),
        "{body}"
    );
    assert_eq!(
        count(&app, "sales_documents").await,
        invoices,
        "nothing recorded"
    );

    let accountant = app.join(&owner, "ravi@example.com", "accountant").await;
    let (status, _) = call(
        &app,
        &accountant,
        Method::DELETE,
        "/ledger/years/2025-26/close",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "owners reopen");
    let (status, _) = call(
        &app,
        &owner,
        Method::DELETE,
        "/ledger/years/2025-26/close",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    created(&app, &owner, "/invoices", stands(&chola, "2026-03-20", "0")).await;
    // Ageing agrees with the books: the opening balance ages from its date, an advance not
    // yet allocated is set against the oldest.
    created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": chola,
        "date": "2026-04-10", "amount": "2000", "mode": "cash", "allocations": []}),
    )
    .await;
    let ageing = get(
        &app,
        &owner,
        "/ledger/ageing?kind=receivables&as_of=2026-12-07",
    )
    .await;
    let tb = consistent(&app, &owner, "2026-04-01", "2026-12-07").await;
    let books_total = closing_of(&tb, "1221") + closing_of(&tb, "2231");
    assert_eq!(books_total, 1_200_000 + 2 * 78_700 - 200_000);
    assert_eq!(paise(&ageing["totals"]["total"]), books_total, "{ageing}");
    assert_eq!(
        paise(&ageing["rows"][0]["d90_plus"]),
        1_200_000 - 200_000,
        "the opening balance, less the advance"
    );
    assert_eq!(
        paise(&ageing["rows"][0]["d31_60"]),
        2 * 78_700,
        "the invoices, due 4 Nov"
    );

    let audit = get(&app, &owner, "/audit-events").await;
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"ledger.year_close")
            && actions.contains(&"ledger.year_reopen")
            && actions.contains(&"ledger.openings"),
        "{actions:?}"
    );
}

#[tokio::test]
async fn the_back_fill_posts_what_was_recorded_before_the_books_once() {
    use bahi_store::migrate::DataMigration;

    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let chola = customer(&app, &owner, "Chola Computers").await;
    let invoice = created(&app, &owner, "/invoices", stands(&chola, "2026-10-05", "0")).await;
    created(
        &app,
        &owner,
        "/invoices",
        stands(&chola, "2026-10-06", "10"),
    )
    .await;
    let voided = created(&app, &owner, "/invoices", stands(&chola, "2026-10-07", "0")).await;
    let (status, _) = call(
        &app,
        &owner,
        Method::POST,
        &format!("/invoices/{}/void", voided["id"].as_str().unwrap()),
        Some(json!({"reason": "Wrong customer"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": chola,
        "date": "2026-10-10", "amount": "1000", "mode": "bank_transfer",
        "allocations": [{"invoice_id": invoice["id"], "amount": "787"}]}),
    )
    .await;
    let before = get(
        &app,
        &owner,
        "/ledger/trial-balance?from=2026-04-01&to=2027-03-31",
    )
    .await;

    // As if the books had never been: the chart and every posting gone, and payments naming
    // no account (they could not).
    bahi_store::testing::exec(&app.db, "UPDATE payments SET account_id = NULL", []).await;
    for table in [
        "ledger_days",
        "journal_lines",
        "journals",
        "accounts",
        "account_groups",
    ] {
        bahi_store::testing::exec(&app.db, &format!("DELETE FROM {table}"), []).await;
    }
    let migration = bahi_app::ledger::backfill::PostExisting;
    assert!(
        migration.verify(&app.db).await.is_err(),
        "unposted documents fail the check"
    );
    assert_eq!(
        migration.plan(&app.db).await.unwrap(),
        1 + 3 + 1,
        "one business, three invoices, one payment"
    );
    assert_eq!(migration.apply(&app.db).await.unwrap(), 5);
    migration.verify(&app.db).await.unwrap();
    assert_eq!(migration.plan(&app.db).await.unwrap(), 0);
    assert_eq!(
        migration.apply(&app.db).await.unwrap(),
        0,
        "running it again changes nothing"
    );
    let after = get(
        &app,
        &owner,
        "/ledger/trial-balance?from=2026-04-01&to=2027-03-31",
    )
    .await;
    assert_eq!(after["rows"], before["rows"], "the same books");
}

#[tokio::test]
async fn a_payment_goes_into_the_bank_account_it_names() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let buyer = customer(&app, &owner, "Chola Computers").await;
    let chart = get(&app, &owner, "/ledger/accounts").await;
    let money_group = chart["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "123")
        .unwrap()["id"]
        .clone();
    let hdfc = created(
        &app,
        &owner,
        "/ledger/accounts",
        json!({"code": "1234", "name": "HDFC current account", "group_id": money_group}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let books = Books::of(&app, &owner).await;
    let invoice = created(&app, &owner, "/invoices", stands(&buyer, "2026-10-05", "0")).await;
    let invoice_id = invoice["id"].as_str().unwrap();

    // Named: the money is in HDFC, not in the default bank account.
    let paid = created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": buyer, "date": "2026-10-06",
               "amount": "500.00", "mode": "bank_transfer", "account_id": hdfc,
               "allocations": [{"invoice_id": invoice_id, "amount": "500.00"}]}),
    )
    .await;
    assert_eq!(paid["account_id"], hdfc.as_str());
    let lines = posted(&app, &owner, paid["id"].as_str().unwrap()).await;
    assert_eq!(
        net(&lines),
        BTreeMap::from([("1221".to_owned(), -50_000), ("1234".to_owned(), 50_000)]),
        "{lines:?}"
    );

    // Not named: the mode decides, and the answer says which account that was.
    let cash = created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": buyer, "date": "2026-10-07",
               "amount": "100.00", "mode": "cash"}),
    )
    .await;
    assert_eq!(cash["account_id"], books.id("1231"));

    // Not a cash or bank account, or not this business's: refused on the field, nothing kept.
    let payments_before = count(&app, "payments").await;
    let journals_before = count(&app, "journals").await;
    for wrong in [
        books.id("4101").to_owned(),
        uuid::Uuid::now_v7().to_string(),
    ] {
        let (status, body) = call(
            &app,
            &owner,
            Method::POST,
            "/payments",
            Some(
                json!({"direction": "received", "party_id": buyer, "amount": "10.00",
                        "mode": "upi", "account_id": wrong}),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), ["account_id"], "{body}");
    }
    assert_eq!(count(&app, "payments").await, payments_before);
    assert_eq!(count(&app, "journals").await, journals_before);

    // The books agree: HDFC holds ₹500, cash ₹100, the default bank nothing.
    let tb = consistent(&app, &owner, "2026-04-01", "2026-10-31").await;
    assert_eq!(closing_of(&tb, "1234"), 50_000);
    assert_eq!(closing_of(&tb, "1231"), 10_000);
    assert_eq!(closing_of(&tb, "1232"), 0);

    // The page asks which account once the business has one of its own, and keeps the answer.
    let form = owner
        .page(&app, &format!("/orgs/{}/payments/new", owner.org_id))
        .await;
    assert!(
        form.contains("name=\"account_id\"") && form.contains("HDFC current account"),
        "{form}"
    );
    let response = owner
        .form(
            &app,
            &format!("/orgs/{}/payments", owner.org_id),
            &[
                ("direction", "received"),
                ("party_id", &buyer),
                ("amount", "50"),
                ("date", "2026-10-08"),
                ("mode", "upi"),
                ("account_id", &hdfc),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let tb = consistent(&app, &owner, "2026-04-01", "2026-10-31").await;
    assert_eq!(closing_of(&tb, "1234"), 55_000);
    let shown = owner
        .page(
            &app,
            &format!(
                "/orgs/{}/payments/{}",
                owner.org_id,
                paid["id"].as_str().unwrap()
            ),
        )
        .await;
    assert!(shown.contains("HDFC current account"), "{shown}");
}

#[tokio::test]
async fn a_manual_journal_posted_in_error_is_reversed_once() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let books = Books::of(&app, &owner).await;
    let buyer = customer(&app, &owner, "Chola Computers").await;
    let jv = created(
        &app,
        &owner,
        "/ledger/journals",
        json!({"date": "2026-10-31", "narration": "Rent for October",
               "lines": [{"account_id": books.id("5702"), "debit": "25000"},
                         {"account_id": books.id("1232"), "credit": "25000"}]}),
    )
    .await;
    let jv_id = jv["id"].as_str().unwrap().to_owned();
    let reverse = format!("/ledger/journals/{jv_id}/reverse");

    // Every problem on its field, nothing written.
    let before = count(&app, "journals").await;
    let (status, body) = call(
        &app,
        &owner,
        Method::POST,
        &reverse,
        Some(json!({"date": "2026-10-30", "reason": " "})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), ["reason", "date"], "{body}");
    assert_eq!(count(&app, "journals").await, before);

    // Reversed: a new voucher in the series, every line the other way, the rent gone.
    let reversal = created(
        &app,
        &owner,
        &reverse,
        json!({"date": "2026-11-02", "reason": "Rent is paid by the landlord's agent"}),
    )
    .await;
    assert_eq!(reversal["kind"], "reversal");
    assert_eq!(reversal["number"], "JV/26-27/0002");
    assert_eq!(reversal["reverses_id"], jv_id.as_str());
    assert_eq!(reversal["date"], "2026-11-02");
    assert!(
        reversal["narration"]
            .as_str()
            .unwrap()
            .contains("JV/26-27/0001"),
        "{reversal}"
    );
    let lines: Vec<(String, String, String)> = reversal["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["account"]["code"].as_str().unwrap().to_owned(),
                l["debit"].as_str().unwrap().to_owned(),
                l["credit"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("5702".to_owned(), "0.00".to_owned(), "25000.00".to_owned()),
            ("1232".to_owned(), "25000.00".to_owned(), "0.00".to_owned())
        ]
    );
    let tb = consistent(&app, &owner, "2026-04-01", "2026-11-30").await;
    assert_eq!(closing_of(&tb, "5702"), 0);
    assert_eq!(closing_of(&tb, "1232"), 0);

    // Once only; a reversal is not reversed (post the journal again); a document's journal is
    // undone by voiding the document.
    let invoice = created(&app, &owner, "/invoices", stands(&buyer, "2026-10-05", "0")).await;
    let sale = get(
        &app,
        &owner,
        &format!(
            "/ledger/journals?source_id={}",
            invoice["id"].as_str().unwrap()
        ),
    )
    .await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for journal in [jv_id.as_str(), reversal["id"].as_str().unwrap(), &sale] {
        let (status, body) = call(
            &app,
            &owner,
            Method::POST,
            &format!("/ledger/journals/{journal}/reverse"),
            Some(json!({"reason": "again"})),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{journal}: {body}");
    }

    // A viewer cannot.
    let viewer = app.join(&owner, "vik@example.com", "viewer").await;
    let (status, _) = call(
        &app,
        &viewer,
        Method::POST,
        &reverse,
        Some(json!({"reason": "x"})),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The pages: each voucher names the other; a second journal is reversed from its page.
    let org = format!("/orgs/{}", owner.org_id);
    let page = owner
        .page(&app, &format!("{org}/books/journals/{jv_id}"))
        .await;
    assert!(page.contains("Reversed by JV/26-27/0002"), "{page}");
    assert!(!page.contains("/reverse\""), "reversed once: {page}");
    let page = owner
        .page(
            &app,
            &format!("{org}/books/journals/{}", reversal["id"].as_str().unwrap()),
        )
        .await;
    assert!(page.contains("Reverses JV/26-27/0001"), "{page}");
    let second = created(
        &app,
        &owner,
        "/ledger/journals",
        json!({"narration": "Salary advance",
               "lines": [{"account_id": books.id("5702"), "debit": "100"},
                         {"account_id": books.id("1231"), "credit": "100"}]}),
    )
    .await;
    let second_page = format!("{org}/books/journals/{}", second["id"].as_str().unwrap());
    let page = owner.page(&app, &second_page).await;
    assert!(page.contains(&format!("{second_page}/reverse")), "{page}");
    let refused = owner
        .form(&app, &format!("{second_page}/reverse"), &[("reason", "")])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("reason-error"));
    let done = owner
        .form(
            &app,
            &format!("{second_page}/reverse"),
            &[("reason", "Booked twice")],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let page = owner.page(&app, &second_page).await;
    assert!(page.contains("Reversed by JV/26-27/0004"), "{page}");
}

/// One party's ageing row as (0–30, 31–60, 61–90, 90+) in paise.
async fn aged(app: &TestApp, who: &Account, kind: &str, as_of: &str) -> Vec<[i64; 4]> {
    let body = get(
        app,
        who,
        &format!("/ledger/ageing?kind={kind}&as_of={as_of}"),
    )
    .await;
    body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| ["d0_30", "d31_60", "d61_90", "d90_plus"].map(|b| paise(&r[b])))
        .collect()
}

#[tokio::test]
async fn documents_settled_after_the_day_are_aged_as_they_stood_that_day() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let buyer = customer(&app, &owner, "Chola Computers").await;
    let seller = vendor(&app, &owner).await;
    // Due 15 August: on 31 October it is 77 days late (61–90).
    let sale = |date: &str| {
        json!({"customer_id": buyer, "date": date, "due_date": "2026-08-15", "issue": true,
               "lines": [{"description": "Laptop stand", "hsn_sac": "8473", "quantity": "2",
                          "unit": "NOS", "unit_price": "333.33", "gst_rate": "18"}]})
    };
    let paid_later = created(&app, &owner, "/invoices", sale("2026-08-01")).await;
    let credited_later = created(&app, &owner, "/invoices", sale("2026-08-02")).await;
    created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": buyer, "date": "2026-11-10",
               "amount": "787.00", "mode": "upi",
               "allocations": [{"invoice_id": paid_later["id"], "amount": "787.00"}]}),
    )
    .await;
    created(
        &app,
        &owner,
        "/notes",
        json!({"kind": "credit", "invoice_id": credited_later["id"],
        "date": "2026-11-12", "reason": "Both stands returned",
        "lines": [{"description": "Laptop stand", "hsn_sac": "8473", "quantity": "2", "unit": "NOS",
                   "unit_price": "333.33", "gst_rate": "18"}]}),
    )
    .await;
    let bill = created(&app, &owner, "/bills", json!({"vendor_id": seller, "vendor_invoice_number": "GTA/901",
        "date": "2026-08-03", "due_date": "2026-08-15", "place_of_supply": null, "reverse_charge": false, "import": null,
        "lines": [{"description": "Freight", "hsn_sac": "9965", "quantity": "1", "unit_price": "1000.00",
                   "discount": "0.00", "gst_rate": "18", "treatment": "taxable", "itc": "eligible"}]})).await;
    created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "made", "party_id": seller, "date": "2026-11-15",
               "amount": "1180.00", "mode": "bank_transfer",
               "allocations": [{"bill_id": bill["id"], "amount": "1180.00"}]}),
    )
    .await;

    // On 31 October both invoices and the bill were owed, late by their due date; by the end
    // of November nothing is.
    assert_eq!(
        aged(&app, &owner, "receivables", "2026-10-31").await,
        [[0, 0, 157_400, 0]]
    );
    assert_eq!(
        aged(&app, &owner, "payables", "2026-10-31").await,
        [[0, 0, 118_000, 0]]
    );
    assert!(
        aged(&app, &owner, "receivables", "2026-11-30")
            .await
            .is_empty()
    );
    assert!(
        aged(&app, &owner, "payables", "2026-11-30")
            .await
            .is_empty()
    );
}
