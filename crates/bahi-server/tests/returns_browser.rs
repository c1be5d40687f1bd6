//! A month's returns in real Chromium (issue 13): an accountant opens GSTR-3B for last month,
//! follows 3.1(a) to the invoices behind it, follows GSTR-1's B2B section to an invoice,
//! downloads the GSTR-1 JSON and a section's CSV, then turns quarterly filer and files a
//! quarter's first IFF — on a desktop and on a phone. Every page passes `Window::check`
//! (a screenshot, no sideways scrolling, no serious axe-core violation).

mod chromium;
mod common;

use chromium::{Chromium, Viewport};
use common::{STRONG_PASSWORD, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn a_month_of_returns_on_a_desktop() {
    month_of_returns("returns-desktop", Viewport::DESKTOP).await;
}

#[tokio::test]
async fn a_month_of_returns_on_a_phone() {
    month_of_returns("returns-phone", Viewport::PHONE).await;
}

async fn month_of_returns(test: &str, viewport: Viewport) {
    let Some(chromium) = Chromium::start() else {
        return;
    };
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let api = |path: &str| format!("/api/v1/orgs/{}{path}", owner.org_id);
    let response = app
        .send_as(&owner, Method::PATCH, &api(""))
        .json(&json!({"legal_name": "Asha Traders", "gstin": "29AAFCC9980M1ZR"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let customer: Value = app
        .send_as(&owner, Method::POST, &api("/parties"))
        .json(&json!({"name": "Chola Computers", "kind": "customer", "registration": "regular", "gstin": "29AABCS1429B1ZQ"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let invoice: Value = app
        .send_as(&owner, Method::POST, &api("/invoices"))
        .json(&json!({"customer_id": customer["id"], "date": "2026-10-05", "issue": true,
            "lines": [{"description": "Laptop stand", "hsn_sac": "8473", "unit": "NOS", "quantity": "2", "unit_price": "333.33", "gst_rate": "18"}]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let number = invoice["number"].as_str().unwrap().to_owned();

    let window = chromium.window(test, "owner", viewport, "en-IN,en").await;
    let w = &window;
    w.goto(&app.at("/login")).await;
    w.fill("email", "asha@example.com").await;
    w.fill("password", STRONG_PASSWORD).await;
    w.follow("form[action='/login'] button[type=submit]").await;
    let org = format!("/orgs/{}", owner.org_id);

    // GSTR-3B for October as the portal lays it out, the checks clear.
    w.goto(&app.at(&format!("{org}/returns?period=2026-10")))
        .await;
    let text = w.main_text().await;
    assert!(text.contains("GST returns · Oct 2026"), "{text}");
    assert!(text.contains("₹666.66"), "3.1(a) taxable value: {text}");
    assert!(text.contains("No problems found"), "{text}");
    w.check("returns-month").await;

    // 3.1(a) leads to the month's invoices.
    w.follow("main a[href*='/invoices?from=2026-10-01&to=2026-10-31']")
        .await;
    assert!(w.main_text().await.contains(&number));
    w.check("returns-31a-invoices").await;

    // GSTR-1's B2B section lists the invoice and leads to it.
    w.goto(&app.at(&format!("{org}/returns?period=2026-10")))
        .await;
    w.follow("main a[href$='/sections/b2b']").await;
    let text = w.main_text().await;
    assert!(
        text.contains("29AABCS1429B1ZQ") && text.contains(&number),
        "{text}"
    );
    w.check("returns-b2b").await;
    w.follow("main table a[href*='invoices?q=']").await;
    assert!(w.main_text().await.contains(&number));

    // The GSTR-1 JSON, downloaded from the page as the accountant uploads it.
    w.goto(&app.at(&format!("{org}/returns?period=2026-10")))
        .await;
    w.click("main a[href$='/gstr-1/2026-10/download']").await;
    let file = w.downloaded("GSTR1_29AAFCC9980M1ZR_102026.json").await;
    let gstr1: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(gstr1["b2b"][0]["inv"][0]["inum"], number.as_str());

    // A section's CSV for the offline tool, from the same page.
    w.click("main a[href$='/gstr-1/2026-10/csv/b2b']").await;
    let file = w.downloaded("GSTR1_b2b_29AAFCC9980M1ZR_102026.csv").await;
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(csv.contains(&format!(",{number},05-Oct-2026,")), "{csv}");

    // Turned quarterly filer in the settings: the quarter, with IFF for its first two months.
    w.goto(&app.at(&format!("{org}/settings"))).await;
    w.click("#quarterly_returns").await;
    w.follow("main form[action$='/settings'] button[type=submit]")
        .await;
    w.goto(&app.at(&format!("{org}/returns?period=2026-Q4")))
        .await;
    let text = w.main_text().await;
    assert!(text.contains("Oct–Dec 2026"), "{text}");
    assert!(
        text.contains("IFF · Oct 2026") && text.contains("IFF · Nov 2026"),
        "{text}"
    );
    w.check("returns-quarter").await;
    w.follow("main form[action$='/returns/iff/2026-10/filed'] button")
        .await;
    assert!(
        w.exists("main form[action$='/returns/iff/2026-10/reopen']")
            .await,
        "October's IFF is filed and the owner may reopen it"
    );
}
