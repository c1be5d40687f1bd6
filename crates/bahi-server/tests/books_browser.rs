//! The books in real Chromium (issue 16): the owner raises an invoice, records its payment,
//! opens the trial balance, follows debtors to the customer's ledger and the ledger's line to
//! the invoice; then the profit and loss, the balance sheet, the receivables, the day book,
//! a journal refused for not balancing and posted once it does — on a desktop in English and
//! on a phone in Hindi. Every page passes `Window::check` (a screenshot, no sideways
//! scrolling, no serious axe-core violation).

mod chromium;
mod common;

use chromium::{Chromium, Viewport};
use common::{STRONG_PASSWORD, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn from_an_invoice_to_the_trial_balance_and_back_on_a_desktop() {
    books("books-desktop", Viewport::DESKTOP, "en-IN,en").await;
}

#[tokio::test]
async fn from_an_invoice_to_the_trial_balance_and_back_on_a_phone_in_hindi() {
    books("books-phone", Viewport::PHONE, "hi-IN,hi").await;
}

async fn books(test: &str, viewport: Viewport, languages: &str) {
    let Some(chromium) = Chromium::start() else {
        return;
    };
    let hindi = languages.starts_with("hi");
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let api = |path: &str| format!("/api/v1/orgs/{}{path}", owner.org_id);
    let json_of = |r: reqwest::Response| async move { r.json::<Value>().await.unwrap() };
    let customer = json_of(
        app.send_as(&owner, Method::POST, &api("/parties"))
            .json(&json!({"name": "Chola Computers", "kind": "customer", "registration": "regular", "gstin": "29AABCS1429B1ZQ"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let customer_id = customer["id"].as_str().unwrap().to_owned();
    let item = json_of(
        app.send_as(&owner, Method::POST, &api("/items"))
            .json(
                &json!({"name": "Laptop stand", "kind": "goods", "hsn_sac": "8473", "unit": "NOS",
                          "price": "333.33", "gst_rate": "18"}),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    let item_id = item["id"].as_str().unwrap().to_owned();
    let chart = json_of(
        app.send_as(&owner, Method::GET, &api("/ledger/accounts"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let account = |code: &str| {
        chart["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["code"] == code)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    // A second bank account of the business's own, which the payment form then asks about.
    let money_group = chart["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"] == "123")
        .unwrap()["id"]
        .clone();
    let hdfc = json_of(
        app.send_as(&owner, Method::POST, &api("/ledger/accounts"))
            .json(&json!({"code": "1234", "name": "HDFC current account", "group_id": money_group}))
            .send()
            .await
            .unwrap(),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let window = chromium.window(test, "owner", viewport, languages).await;
    let w = &window;
    w.goto(&app.at("/login")).await;
    w.fill("email", "asha@example.com").await;
    w.fill("password", STRONG_PASSWORD).await;
    w.follow("form[action='/login'] button[type=submit]").await;
    let org = format!("/orgs/{}", owner.org_id);
    if hindi {
        w.choose("language", "hi").await;
        w.follow("footer form[action='/language'] button").await;
        assert_eq!(w.lang().await, "hi");
    }

    // The invoice, raised on its form: 2 × ₹333.33 at 18 % is ₹787.00.
    w.goto(&app.at(&format!("{org}/invoices/new"))).await;
    w.choose("customer_id", &customer_id).await;
    w.choose("lines-0-item_id", &item_id).await;
    w.fill("lines-0-quantity", "2").await;
    // Leaving the field asks htmx for the totals; issuing waits until they are in, so the click
    // does not race the swap that moves the button.
    w.click("#notes").await;
    w.until_text("#worked", "₹787.00").await;
    w.follow("button[value=issue]").await;
    let invoice = w.path().await;
    assert!(
        invoice.starts_with(&format!("{org}/invoices/")),
        "{invoice}"
    );
    assert!(w.main_text().await.contains("₹787.00"));

    // Its payment, part of it: ₹500 by UPI into the HDFC account.
    w.follow("main a[href*='/payments/new']").await;
    w.fill("amount", "500").await;
    w.choose("account_id", &hdfc).await;
    w.fill("reference", "UPI/4411").await;
    w.check("payment-form").await;
    w.follow("main form button[type=submit]").await;
    assert_eq!(w.path().await, invoice);

    // The trial balance: debtors owe ₹287.00, HDFC holds ₹500.00, it balances.
    w.goto(&app.at(&org)).await;
    if w.viewport.width < 600 {
        w.click("label.menu-button").await;
    }
    w.follow("nav.primary-nav a[href$='/books']").await;
    let text = w.main_text().await;
    let dr = if hindi { "नामे" } else { "Dr" };
    assert!(text.contains(&format!("₹287.00 {dr}")), "debtors: {text}");
    assert!(text.contains(&format!("₹500.00 {dr}")), "bank: {text}");
    assert!(text.contains("HDFC current account"), "{text}");
    assert!(text.contains("₹1,287.00"), "the totals: {text}");
    w.check("trial-balance").await;

    // Debtors, by party, to the customer's ledger.
    w.follow(&format!(
        "main a[href*='/books/accounts/{}']",
        account("1221")
    ))
    .await;
    let text = w.main_text().await;
    assert!(text.contains("Chola Computers"), "{text}");
    w.check("debtors").await;
    w.follow(&format!("main a[href*='/books/parties/{customer_id}']"))
        .await;
    let text = w.main_text().await;
    assert!(
        text.contains("₹787.00") && text.contains("₹500.00"),
        "{text}"
    );
    assert!(
        text.contains(&format!("₹287.00 {dr}")),
        "the running balance: {text}"
    );
    w.check("party-ledger").await;

    // The sale's line leads to its voucher and to the invoice.
    w.follow("main td a[href*='/books/journals/']").await;
    assert!(w.main_text().await.contains("₹787.00"));
    w.check("voucher").await;
    w.follow(&format!("main a[href='{invoice}']")).await;
    assert_eq!(w.path().await, invoice);
    // And the invoice leads back to its entries.
    w.follow("main a[href*='/books/entries/']").await;
    assert!(w.path().await.contains("/books/journals/"));
    assert!(w.main_text().await.contains("₹787.00"));

    // The other reports.
    w.goto(&app.at(&format!("{org}/books/profit-and-loss")))
        .await;
    assert!(w.main_text().await.contains("₹666.66"), "sales");
    w.check("profit-and-loss").await;
    w.goto(&app.at(&format!("{org}/books/balance-sheet"))).await;
    let text = w.main_text().await;
    assert!(text.contains("₹787.00"), "assets: bank and debtors: {text}");
    w.check("balance-sheet").await;
    w.goto(&app.at(&format!("{org}/books/ageing?kind=receivables")))
        .await;
    assert!(w.main_text().await.contains("₹287.00"));
    w.check("receivables").await;
    w.goto(&app.at(&format!("{org}/books/day-book"))).await;
    w.check("day-book").await;
    // Two bank accounts: the bank book asks which, each with its balance.
    w.goto(&app.at(&format!("{org}/books/bank-book"))).await;
    let text = w.main_text().await;
    assert!(
        text.contains("HDFC current account") && text.contains(&format!("₹500.00 {dr}")),
        "{text}"
    );
    w.check("bank-book").await;
    w.follow(&format!("main a[href$='/books/accounts/{hdfc}']"))
        .await;
    assert!(w.main_text().await.contains("UPI/4411"));
    w.check("bank-ledger").await;
    // The payment's page names the account it went into.
    w.follow("main a[href*='/payments/']").await;
    let text = w.main_text().await;
    assert!(
        text.contains("HDFC current account") && text.contains("₹500.00"),
        "{text}"
    );
    w.check("payment").await;
    w.goto(&app.at(&format!("{org}/books/accounts"))).await;
    w.check("chart").await;
    w.goto(&app.at(&format!("{org}/books/years"))).await;
    w.check("years").await;

    // A journal that does not balance comes back with the message next to the lines.
    w.goto(&app.at(&format!("{org}/books/journals/new"))).await;
    w.fill("narration", "Rent for October").await;
    w.choose("lines-0-account_id", &account("5702")).await;
    w.fill("lines-0-debit", "25000").await;
    w.choose("lines-1-account_id", &account("1232")).await;
    w.fill("lines-1-credit", "24000").await;
    w.follow("main form button[type=submit]").await;
    assert!(w.exists("#error-summary").await);
    assert_eq!(w.value_of("lines-0-debit").await, "25000", "kept as typed");
    w.check("journal-unbalanced").await;
    w.fill("lines-1-credit", "25000").await;
    w.follow("main form button[type=submit]").await;
    assert!(w.path().await.contains("/books/journals/"));
    assert!(w.main_text().await.contains("JV/"));
    w.check("journal-posted").await;

    // Posted in error: reversed from its page, with the reason asked for.
    w.follow("main a[href$='/reverse']").await;
    w.check("journal-reverse").await;
    w.fill("reason", "Rent is paid by the agent").await;
    w.follow("main form button[type=submit]").await;
    let text = w.main_text().await;
    assert!(text.contains("Rent is paid by the agent"), "{text}");
    w.check("journal-reversal").await;

    let response = app
        .send_as(
            &owner,
            Method::GET,
            &format!("{org}/books/trial-balance.csv"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let csv = response.text().await.unwrap();
    assert!(
        csv.starts_with("code,account,group,opening,debit,credit,closing\n"),
        "{csv}"
    );
    assert!(
        csv.contains("1221,Sundry debtors,Trade receivables,0.00,787.00,500.00,287.00"),
        "{csv}"
    );
    assert!(
        csv.contains("1234,HDFC current account,Cash and cash equivalents,0.00,500.00,0.00,500.00"),
        "the payment went where the form said: {csv}"
    );
}
