//! The day's work in real Chromium (issue 11): a shop owner adds a customer and two items,
//! raises an invoice with two lines and watches the totals update as the lines change, issues
//! it, records a partial payment, sees the balance and the customer's statement — on a desktop
//! in English and on a phone in Hindi. Every page passes `Window::check` (a screenshot, no
//! sideways scrolling, no serious axe-core violation).

mod chromium;
mod common;

use std::time::Duration;

use bahi_server::i18n::{self, Lang};
use chromium::{Chromium, Viewport, Window};
use common::{STRONG_PASSWORD, TestApp};

#[tokio::test]
async fn a_days_sales_on_a_desktop_in_english() {
    days_sales("sales-desktop-en", Viewport::DESKTOP, Lang::En).await;
}

#[tokio::test]
async fn a_days_sales_on_a_phone_in_hindi() {
    days_sales("sales-phone-hi", Viewport::PHONE, Lang::Hi).await;
}

#[tokio::test]
async fn a_customer_opens_a_shared_invoice_and_sees_it_paid_on_a_phone() {
    shared_invoice("public-phone-en", Viewport::PHONE, Lang::En).await;
}

#[tokio::test]
async fn a_customer_opens_a_shared_invoice_and_sees_it_paid_on_a_desktop_in_hindi() {
    shared_invoice("public-desktop-hi", Viewport::DESKTOP, Lang::Hi).await;
}

/// The customer's side of a shared invoice, in a browser that has never signed in: the amount
/// due, the UPI QR code and the pay button; then Razorpay's webhook (signed as Razorpay signs)
/// pays it, and the page says so.
async fn shared_invoice(test: &str, viewport: Viewport, lang: Lang) {
    use bahi_app::gateways::signatures::sign_hex;
    use serde_json::{Value, json};

    let Some(chromium) = Chromium::start() else {
        return;
    };
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let api = |method: reqwest::Method, path: &str, body: Value| {
        app.send_as(
            &owner,
            method,
            &format!("/api/v1/orgs/{}{path}", owner.org_id),
        )
        .json(&body)
        .send()
    };
    let ok = |r: reqwest::Response| async move {
        assert!(r.status().is_success(), "{}", r.status());
        r.json::<Value>().await.unwrap()
    };
    ok(api(
        reqwest::Method::PATCH,
        "",
        json!({"upi_vpa": "asha.traders@okhdfc"}),
    )
    .await
    .unwrap())
    .await;
    let party = ok(api(
        reqwest::Method::POST,
        "/parties",
        json!({"name": "Chola Computers", "kind": "customer", "registration": "unregistered",
               "state_code": "29", "phone": "9845012345"}),
    )
    .await
    .unwrap())
    .await;
    let invoice = ok(api(
        reqwest::Method::POST,
        "/invoices",
        json!({"customer_id": party["id"], "issue": true,
               "lines": [{"description": "Laptop stand", "hsn_sac": "8473", "quantity": "2",
                          "unit": "NOS", "unit_price": "333.33", "gst_rate": "18"}]}),
    )
    .await
    .unwrap())
    .await;
    ok(api(
        reqwest::Method::PUT,
        "/integrations/razorpay",
        json!({"mode": "test", "key_id": "rzp_test_1DP5mmOlF5G5ag", "key_secret": "thisisasecret",
               "webhook_secret": "whsec-of-asha"}),
    )
    .await
    .unwrap())
    .await;
    let link = ok(api(
        reqwest::Method::POST,
        &format!("/invoices/{}/public-links", invoice["id"].as_str().unwrap()),
        json!({}),
    )
    .await
    .unwrap())
    .await;
    let url = link["url"].as_str().unwrap().to_owned();

    let accept = if lang == Lang::Hi {
        "hi,en"
    } else {
        "en-IN,en"
    };
    let window = chromium.window(test, "customer", viewport, accept).await;
    let w = &window;
    w.goto(&url).await;
    let page = w.main_text().await;
    assert!(page.contains("₹787.00"), "the amount due: {page}");
    assert!(page.contains(invoice["number"].as_str().unwrap()));
    assert!(w.exists("main .upi-qr svg").await, "the UPI QR code");
    assert!(w.exists("main form[action$='/pay/razorpay'] button").await);
    assert!(!w.exists("nav").await, "nothing else of the business");
    w.check("public-invoice").await;

    // Razorpay reports the payment.
    let body = serde_json::to_vec(&json!({
        "entity": "event", "event": "payment_link.paid", "contains": ["payment_link", "payment"],
        "payload": {
            "payment_link": {"entity": {"id": "plink_Kx1", "status": "paid",
                "notes": {"invoice_id": invoice["id"], "org_id": owner.org_id}}},
            "payment": {"entity": {"id": "pay_Kx1", "amount": 78700, "currency": "INR",
                "status": "captured", "method": "upi", "created_at": 1_789_000_000}}
        },
        "created_at": 1_789_000_001
    }))
    .unwrap();
    let mut settled = app.services.inbox_settled.subscribe();
    let answer = app
        .client
        .post(app.at(&format!("/webhooks/razorpay/{}", owner.org_id)))
        .header("x-razorpay-signature", sign_hex("whsec-of-asha", &[&body]))
        .header("x-razorpay-event-id", "evt_Kx1")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), reqwest::StatusCode::OK);
    // The inbox settles the event (a signal from the server, not a timer); then the page.
    tokio::time::timeout(Duration::from_secs(10), settled.changed())
        .await
        .expect("the event was settled in time")
        .expect("the server is running");
    w.goto(&url).await;
    let paid = say(lang, "payment-status-paid");
    assert!(
        w.text("main h1 span").await.contains(&paid),
        "the page says {paid:?}"
    );
    assert!(
        !w.exists("main form[action$='/pay/razorpay']").await,
        "nothing to pay"
    );
    assert!(!w.exists("main .upi-qr").await);
    w.check("public-invoice-paid").await;

    // A link that is withdrawn, or never was, says so.
    w.goto(&app.at("/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
        .await;
    assert!(
        w.main_text()
            .await
            .contains(&say(lang, "public-gone-title"))
    );
    w.check("public-gone").await;
}

/// On a phone the navigation is behind the menu button.
async fn open_menu(w: &Window) {
    if w.viewport.width < 600 {
        w.click("label.menu-button").await;
    }
}

fn say(lang: Lang, id: &str) -> String {
    i18n::text(lang, id, &[])
}

async fn days_sales(test: &str, viewport: Viewport, lang: Lang) {
    let Some(chromium) = Chromium::start() else {
        return;
    };
    let app = TestApp::start().await;
    let accept = if lang == Lang::Hi {
        "hi,en"
    } else {
        "en-IN,en"
    };
    let window = chromium.window(test, "owner", viewport, accept).await;
    let w = &window;

    w.goto(&app.at("/signup")).await;
    w.fill("name", "Asha Rao").await;
    w.fill("email", "asha@example.com").await;
    w.fill("password", STRONG_PASSWORD).await;
    w.fill("legal_name", "Asha Traders").await;
    w.fill("gstin", "29AAFCC9980M1ZR").await;
    w.follow("form[action='/signup'] button[type=submit]").await;
    let org = w.path().await;
    assert!(org.starts_with("/orgs/"), "{org}");

    // The shop's UPI id, for the QR code on its invoices.
    w.goto(&app.at(&format!("{org}/settings"))).await;
    w.fill("upi_vpa", "asha@okhdfc").await;
    w.follow("form[action$='/settings'] button[type=submit]")
        .await;
    assert_eq!(w.path().await, org);

    // A customer and two items.
    w.goto(&app.at(&format!("{org}/parties/new"))).await;
    w.fill("name", "Chola Computers").await;
    w.fill("gstin", "29AABCS1429B1ZQ").await;
    w.follow("form[action$='/parties'] button[type=submit]")
        .await;
    for (name, hsn, price) in [
        ("Laptop stand", "8473", "333.33"),
        ("USB cable", "8544", "99"),
    ] {
        w.goto(&app.at(&format!("{org}/items/new"))).await;
        w.fill("name", name).await;
        w.fill("hsn_sac", hsn).await;
        w.fill("price", price).await;
        w.follow("form[action$='/items'] button[type=submit]").await;
        assert_eq!(w.path().await, format!("{org}/items"));
    }

    // The invoice: the list says there is none yet and leads to the form.
    open_menu(w).await;
    w.follow("nav.primary-nav a[href$='/invoices']").await;
    assert!(w.main_text().await.contains(&say(lang, "invoices-none")));
    w.check("invoices-empty").await;
    w.follow(&format!("main a.button[href='{org}/invoices/new']"))
        .await;
    w.check("invoice-new").await;
    let customer = w.attr("#customer_id option:nth-child(2)", "value").await;
    w.choose("customer_id", &customer).await;
    let stand = w
        .attr("#lines-0-item_id option:nth-child(2)", "value")
        .await;
    let cable = w
        .attr("#lines-0-item_id option:nth-child(3)", "value")
        .await;
    w.choose("lines-0-item_id", &stand).await;
    w.fill("lines-0-quantity", "2").await;
    w.choose("lines-1-item_id", &cable).await;
    w.fill("lines-1-quantity", "1").await;
    // Leaving the field is a change: htmx asks the server for the totals.
    w.click("#notes").await;
    w.until_text("#worked", "₹903.00").await;
    w.fill("lines-1-quantity", "3").await;
    w.click("#notes").await;
    w.until_text("#worked", "₹1,137.00").await;
    assert!(w.shown("#worked").await.contains("₹86.73"), "CGST at 9 %");
    w.check("invoice-worked-out").await;

    w.follow("button[value=issue]").await;
    let invoice = w.path().await;
    assert!(
        invoice.starts_with(&format!("{org}/invoices/")),
        "{invoice}"
    );
    let page = w.main_text().await;
    assert!(page.contains("INV/"), "numbered at issue: {page}");
    assert!(page.contains("₹1,137.00"), "{page}");
    assert!(page.contains(&say(lang, "payment-status-unpaid")));
    w.check("invoice-issued").await;

    // A part payment.
    w.follow("main a[href*='/payments/new']").await;
    assert_eq!(
        w.value_of("amount").await,
        "1137.00",
        "the balance is offered"
    );
    w.check("payment-new").await;
    w.fill("amount", "₹500").await;
    w.fill("reference", "UPI/4411").await;
    w.follow("main form button[type=submit]").await;
    assert_eq!(w.path().await, invoice);
    let page = w.main_text().await;
    assert!(page.contains("₹637.00"), "the balance: {page}");
    assert!(page.contains(&say(lang, "payment-status-partially-paid")));
    assert!(
        w.attr("main .upi a", "href").await.contains("am=637.00"),
        "the QR code asks for the balance"
    );
    w.check("invoice-part-paid").await;

    // Shared: a public link, with WhatsApp messages for the customer.
    w.follow("main form[action$='/share'] button[type=submit]")
        .await;
    assert_eq!(w.path().await, invoice);
    let link = w.value_of("share-url-1").await;
    assert!(link.contains("/p/"), "{link}");
    assert!(
        w.attr("main a[href^='https://wa.me/']", "href")
            .await
            .contains("%E2%82%B9637%2E00"),
        "the message says what is due"
    );
    w.check("invoice-shared").await;

    // The PDF, downloaded from the page as a shop owner would: the file the buyer gets.
    w.click("main .print a[href$='/pdf?download=true']").await;
    let number = page
        .split_whitespace()
        .find(|word| word.starts_with("INV/"))
        .unwrap_or_default()
        .to_owned();
    let file = w
        .downloaded(&format!("{}.pdf", number.replace('/', "-")))
        .await;
    let pdf = std::fs::read(&file).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "{}", file.display());
    // Read back with poppler's pdftotext: outside CI only when it is installed.
    match std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(out) => {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains(&number), "{text}");
            assert!(
                text.contains("₹1,137.00") && text.contains("₹637.00"),
                "{text}"
            );
        }
        Err(e) => assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext (poppler-utils) must be installed in CI: {e}"
        ),
    }

    w.follow("main a[href$='/statement']").await;
    let page = w.main_text().await;
    assert!(
        page.contains(&i18n::text(
            lang,
            "statement-owes-you",
            &[("amount", "₹637.00".into())]
        )),
        "{page}"
    );
    assert!(page.contains("UPI/4411"));
    w.check("statement").await;

    open_menu(w).await;
    w.follow("nav.primary-nav a[href$='/payments']").await;
    assert!(w.main_text().await.contains("₹500.00"));
    w.check("payments").await;
    w.follow("main table a[href*='/payments/']").await;
    assert!(
        w.main_text().await.contains("UPI/4411"),
        "the payment's page"
    );
    w.check("payment").await;
    open_menu(w).await;
    w.follow("nav.primary-nav a[href$='/invoices']").await;
    assert!(w.main_text().await.contains("₹637.00"));
    w.check("invoices").await;

    // The dashboard: the checklist has given way to what is owed and this month's tax.
    w.goto(&app.at(&org)).await;
    let page = w.main_text().await;
    assert!(
        !w.exists("ol.checklist").await,
        "no checklist once invoicing"
    );
    assert!(page.contains(&say(lang, "figure-receivables")), "{page}");
    assert!(page.contains("₹637.00"), "{page}");
    assert!(
        page.contains("₹173.46"),
        "this month's GST on sales: {page}"
    );
    w.check("dashboard").await;

    // A vendor's bill under reverse charge, then paid.
    w.goto(&app.at(&format!("{org}/parties/new"))).await;
    w.fill("name", "Garuda Transport").await;
    w.choose("kind", "vendor").await;
    w.fill("gstin", "27AAPFU0939F1ZV").await;
    w.follow("form[action$='/parties'] button[type=submit]")
        .await;
    open_menu(w).await;
    w.follow("nav.primary-nav a[href$='/bills']").await;
    assert!(w.main_text().await.contains(&say(lang, "bills-none")));
    w.check("bills-empty").await;
    w.follow(&format!("main a.button[href='{org}/bills/new']"))
        .await;
    let vendor = w.attr("#vendor_id option:nth-child(2)", "value").await;
    w.choose("vendor_id", &vendor).await;
    w.fill("vendor_invoice_number", "GTA/778").await;
    w.fill("lines-0-description", "Freight").await;
    w.fill("lines-0-hsn_sac", "9965").await;
    w.fill("lines-0-quantity", "1").await;
    w.fill("lines-0-unit_price", "10,000").await;
    w.choose("lines-0-gst_rate", "5").await;
    w.click("input[name=reverse_charge]").await;
    w.check("bill-new").await;
    w.follow("button[value=record]").await;
    let page = w.main_text().await;
    assert!(page.contains("GTA/778"), "{page}");
    assert!(
        page.contains("₹500.00"),
        "IGST the business pays itself: {page}"
    );
    assert!(
        page.contains("₹10,000.00"),
        "what the vendor is paid: {page}"
    );
    w.check("bill").await;
    w.follow("main a[href*='/payments/new?bill_id=']").await;
    assert_eq!(w.value_of("amount").await, "10000.00");
    w.follow("main form button[type=submit]").await;
    assert!(w.path().await.contains("/bills/"));
    assert!(
        !w.exists("main a[href*='/payments/new?bill_id=']").await,
        "nothing left to pay"
    );
    w.check("bill-paid").await;

    // One cable comes back: a credit note from the invoice's page, the stand left out.
    w.goto(&app.at(&invoice)).await;
    w.follow("main a[href$='/notes/new?kind=credit_note']")
        .await;
    assert_eq!(
        w.value_of("lines-1-quantity").await,
        "3",
        "the invoice's lines"
    );
    w.check("credit-note-new").await;
    w.click("#lines-0-include").await;
    w.fill("lines-1-quantity", "1").await;
    w.fill("reason", "One cable returned").await;
    w.follow("main form button[type=submit]").await;
    assert!(w.path().await.contains("/notes/"), "on the note's page");
    let page = w.main_text().await;
    assert!(page.contains("CN/"), "{page}");
    assert!(
        page.contains("₹117.00"),
        "one cable and its GST, rounded: {page}"
    );
    w.check("credit-note").await;
    w.follow("p.crumbs a").await;
    assert_eq!(w.path().await, invoice);
    assert!(w.main_text().await.contains(&say(lang, "note-list-title")));
}
