//! Documents as PDF over real HTTP (issue 12), on the engine the run names: each worked
//! document's PDF is read back with `pdftotext` and must carry every Rule 46 particular and the
//! exact figures the API gives; the UPI QR code, rasterised with `pdftoppm`, decodes to the
//! `upi://pay` link for the balance; copies, the thermal roll, drafts, notes, self-invoices,
//! receipts and the logo.

mod common;

use std::process::Command;

use common::{Account, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn org_path(who: &Account, path: &str) -> String {
    format!("/api/v1/orgs/{}{path}", who.org_id)
}

async fn created(app: &TestApp, who: &Account, path: &str, body: Value) -> Value {
    let response = app
        .send_as(who, Method::POST, &org_path(who, path))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let json: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{path} {body}: {json}");
    json
}

/// The business as its documents name it: address, GSTIN, bank, UPI id, terms, signatory.
async fn letterhead(app: &TestApp, who: &Account) {
    let response = app
        .send_as(who, Method::PATCH, &org_path(who, ""))
        .json(&json!({
            "legal_name": "Asha Traders Private Limited",
            "trade_name": "Asha Traders",
            "gstin": "29AAFCC9980M1ZR",
            "address": "12 MG Road\nBengaluru 560001",
            "phone": "+91 80 4000 1234",
            "upi_vpa": "asha@okhdfc",
            "bank_name": "HDFC Bank, MG Road",
            "bank_account_number": "50100012345678",
            "bank_ifsc": "HDFC0001234",
            "invoice_terms": "Goods once sold are not taken back.",
            "signatory": "Asha Rao",
        }))
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert_eq!(status, StatusCode::OK, "{}", response.text().await.unwrap());
}

/// A GET of the API as `who`.
async fn fetch(app: &TestApp, who: &Account, path: &str) -> reqwest::Response {
    who.client
        .get(app.at(&org_path(who, path)))
        .send()
        .await
        .unwrap()
}

/// The settings page's logo form, sent as a browser sends it.
async fn upload(app: &TestApp, who: &Account, form: reqwest::multipart::Form) -> reqwest::Response {
    who.client
        .post(app.at(&format!("/orgs/{}/settings/logo", who.org_id)))
        .header("origin", &app.url)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// A freight bill of one line.
fn freight(vendor: &str, number: &str, amount: &str) -> Value {
    json!({"vendor_id": vendor, "vendor_invoice_number": number, "date": "2026-10-09",
           "reverse_charge": true,
           "lines": [{"description": "Freight", "hsn_sac": "9965", "quantity": "1",
                      "unit_price": amount, "gst_rate": "5"}]})
}

/// A PDF from the API, with its file name.
async fn pdf(app: &TestApp, who: &Account, path: &str) -> (Vec<u8>, String) {
    let response = fetch(app, who, path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(response.headers()["content-type"], "application/pdf");
    // Framed by the document's own page (the preview), by no other site.
    assert_eq!(response.headers()["x-frame-options"], "SAMEORIGIN");
    assert_eq!(
        response.headers()["content-security-policy"],
        "frame-ancestors 'self'"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    let bytes = response.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with(b"%PDF-"));
    (bytes, disposition)
}

/// Whether poppler-utils is installed; outside CI a test without it says so and skips, as the
/// browser tests do without Chromium (`.ci/run` installs it, and under CI it must be there).
fn poppler_installed() -> bool {
    let found = Command::new("pdftotext").arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext (Debian's poppler-utils) must be installed in CI"
        );
        eprintln!("skipped: pdftotext (Debian's poppler-utils) is not installed");
    }
    found
}

fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new(tool)
        .args(args)
        .arg(&file)
        .args(if tool == "pdftoppm" {
            vec![dir.path().join("page").to_string_lossy().into_owned()]
        } else if tool == "pdftotext" {
            vec!["-".to_owned()]
        } else {
            vec![]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (Debian's poppler-utils) must be installed: {e}"));
    assert!(out.status.success(), "{tool} failed");
    (dir, String::from_utf8(out.stdout).unwrap())
}

/// The PDF's text, runs of white space made one space.
fn text(pdf: &[u8]) -> String {
    let (_dir, out) = poppler("pdftotext", pdf, &["-layout"]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One page's text.
fn page_text(pdf: &[u8], page: usize) -> String {
    let page = page.to_string();
    let (_dir, out) = poppler("pdftotext", pdf, &["-layout", "-f", &page, "-l", &page]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn has(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "{w:?} is not in:\n{text}");
    }
}

/// Every QR code on the first page, decoded.
fn qr_codes(pdf: &[u8]) -> Vec<String> {
    let (dir, _) = poppler(
        "pdftoppm",
        pdf,
        &["-png", "-r", "300", "-f", "1", "-l", "1"],
    );
    let page = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "png"))
        .unwrap();
    let image = image::open(page).unwrap().to_luma8();
    let (w, h) = image.dimensions();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
            image.get_pixel(x as u32, y as u32).0[0]
        });
    prepared
        .detect_grids()
        .iter()
        .filter_map(|g| g.decode().ok().map(|(_, content)| content))
        .collect()
}

async fn party(app: &TestApp, who: &Account, body: Value) -> String {
    created(app, who, "/parties", body).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn stand(app: &TestApp, who: &Account) -> String {
    created(
        app,
        who,
        "/items",
        json!({"name": "Laptop stand", "kind": "goods", "hsn_sac": "8473", "unit": "NOS",
               "price": "333.33", "gst_rate": "18"}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn an_intra_state_invoice_prints_every_particular_and_its_qr_pays_the_balance() {
    if !poppler_installed() {
        return;
    }
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    letterhead(&app, &owner).await;
    let customer = party(
        &app,
        &owner,
        json!({"name": "Chola Computers", "kind": "customer", "registration": "regular",
               "gstin": "29AABCS1429B1ZQ", "billing_address": {"line1": "4 Market Street", "city": "Mysuru"}}),
    )
    .await;
    let item = stand(&app, &owner).await;
    let invoice = created(
        &app,
        &owner,
        "/invoices",
        json!({"customer_id": customer, "date": "2026-10-05", "due_date": "2026-11-04",
               "issue": true, "lines": [{"item_id": item, "quantity": "2"}]}),
    )
    .await;
    assert_eq!(invoice["totals"]["total"], "787.00");
    let id = invoice["id"].as_str().unwrap();
    // Part-paid: the QR asks for what is left.
    created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": customer, "date": "2026-10-10",
               "amount": "87.00", "mode": "cash",
               "allocations": [{"invoice_id": id, "amount": "87.00"}]}),
    )
    .await;

    let (bytes, disposition) = pdf(&app, &owner, &format!("/invoices/{id}/pdf")).await;
    assert_eq!(disposition, "inline; filename=\"INV-26-27-0001.pdf\"");
    let t = text(&bytes);
    has(
        &t,
        &[
            // The supplier.
            "Asha Traders Private Limited",
            "12 MG Road",
            "GSTIN: 29AAFCC9980M1ZR",
            "State: Karnataka (29)",
            // What it is, its number and date.
            "TAX INVOICE",
            "INV/26-27/0001",
            "Date 5 Oct 2026",
            "Due date 4 Nov 2026",
            // The recipient.
            "Chola Computers",
            "GSTIN: 29AABCS1429B1ZQ",
            "Place of supply Karnataka (29)",
            "Reverse charge No",
            // The line: HSN, description, quantity with UQC, rate, taxable value, each head.
            "Laptop stand 8473 2 NOS 333.33 666.66 60.00 60.00 786.66",
            "@ 9%",
            // Totals in figures and words, round-off, paid and due.
            "Taxable value 666.66",
            "CGST 60.00",
            "SGST 60.00",
            "Round off 0.34",
            "Total ₹787.00",
            "Rupees Seven Hundred Eighty Seven Only",
            "Paid ₹87.00",
            "Balance due ₹700.00",
            // The HSN summary, bank, UPI, terms and signature.
            "TAX SUMMARY BY HSN/SAC",
            "8473 18% 666.66 60.00 60.00 120.00",
            "Account: 50100012345678 · IFSC: HDFC0001234",
            "Scan to pay ₹700.00",
            "Goods once sold are not taken back.",
            "For Asha Traders Private Limited",
            "Asha Rao",
            "Authorised Signatory",
            "Page 1 of 1",
        ],
    );
    assert_eq!(
        qr_codes(&bytes),
        ["upi://pay?pa=asha@okhdfc&pn=Asha%20Traders&am=700.00&cu=INR&tn=INV%2F26-27%2F0001"],
    );

    // Issued is issued: a new address in the settings does not rewrite it.
    let response = app
        .send_as(&owner, Method::PATCH, &org_path(&owner, ""))
        .json(&json!({"address": "99 New Road, Hubballi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (again, _) = pdf(&app, &owner, &format!("/invoices/{id}/pdf")).await;
    let t = text(&again);
    assert!(
        t.contains("12 MG Road") && !t.contains("99 New Road"),
        "{t}"
    );

    // Rule 48's copies, the counter's roll, and a download.
    for (copy, words) in [
        ("original", "ORIGINAL FOR RECIPIENT"),
        ("duplicate", "DUPLICATE FOR TRANSPORTER"),
        ("triplicate", "TRIPLICATE FOR SUPPLIER"),
    ] {
        let (bytes, _) = pdf(&app, &owner, &format!("/invoices/{id}/pdf?copy={copy}")).await;
        has(&text(&bytes), &[words]);
    }
    let (thermal, disposition) = pdf(
        &app,
        &owner,
        &format!("/invoices/{id}/pdf?format=thermal&download=true"),
    )
    .await;
    assert_eq!(disposition, "attachment; filename=\"INV-26-27-0001.pdf\"");
    let (_dir, info) = poppler("pdfinfo", &thermal, &[]);
    assert!(
        info.contains("Page size:       226.772 x"),
        "80 mm wide: {info}"
    );
    has(&text(&thermal), &["TOTAL ₹787.00", "Balance due ₹700.00"]);

    // A copy that is not one is refused, naming the parameter.
    let response = fetch(&app, &owner, &format!("/invoices/{id}/pdf?copy=fourth")).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "copy", "{problem}");
    // Another business's invoice is not there at all.
    let other = app.signup("ravi@example.com").await;
    let response = fetch(&app, &other, &format!("/invoices/{id}/pdf")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn inter_state_export_and_bill_of_supply_print_their_own_particulars() {
    if !poppler_installed() {
        return;
    }
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    letterhead(&app, &owner).await;
    let item = stand(&app, &owner).await;
    let pune = party(&app, &owner, json!({"name": "Acme Traders", "kind": "customer", "registration": "regular", "gstin": "27AAPFU0939F1ZV"})).await;
    let abroad = party(&app, &owner, json!({"name": "Globex LLC", "kind": "customer", "registration": "overseas", "country": "United States"})).await;
    let walk_in = party(&app, &owner, json!({"name": "Walk-in", "kind": "customer", "registration": "unregistered", "state_code": "29"})).await;

    let inter = created(
        &app,
        &owner,
        "/invoices",
        json!({"customer_id": pune, "date": "2026-10-05", "issue": true,
               "lines": [{"item_id": item, "quantity": "2"}]}),
    )
    .await;
    let (bytes, _) = pdf(
        &app,
        &owner,
        &format!("/invoices/{}/pdf", inter["id"].as_str().unwrap()),
    )
    .await;
    let t = text(&bytes);
    has(
        &t,
        &[
            "GSTIN: 27AAPFU0939F1ZV",
            "Place of supply Maharashtra (27)",
            "IGST",
            "@ 18%",
            "IGST 120.00",
            "Total ₹787.00",
        ],
    );
    assert!(!t.contains("CGST"), "no CGST across states");

    let export = created(
        &app,
        &owner,
        "/invoices",
        json!({"customer_id": abroad, "date": "2026-10-05", "issue": true,
               "export": {"with_payment": false, "shipping_bill_no": "1234567",
                          "shipping_bill_date": "2026-10-06", "port_code": "INBOM4"},
               "lines": [{"item_id": item, "quantity": "2"}]}),
    )
    .await;
    let (bytes, _) = pdf(
        &app,
        &owner,
        &format!("/invoices/{}/pdf", export["id"].as_str().unwrap()),
    )
    .await;
    has(
        &text(&bytes),
        &[
            "SUPPLY MEANT FOR EXPORT UNDER BOND OR LETTER OF UNDERTAKING WITHOUT PAYMENT OF INTEGRATED TAX",
            "Globex LLC",
            "United States",
            "Place of supply Other Countries (96)",
            "Shipping bill 1234567 dated 6 Oct 2026",
            "Port code INBOM4",
            "Total ₹667.00",
        ],
    );

    let bos = created(
        &app,
        &owner,
        "/invoices",
        json!({"customer_id": walk_in, "date": "2026-10-05", "issue": true,
               "lines": [{"description": "Fresh vegetables", "hsn_sac": "0706", "unit": "KGS",
                          "quantity": "5", "unit_price": "40", "gst_rate": "0", "treatment": "exempt"}]}),
    )
    .await;
    let (bytes, disposition) = pdf(
        &app,
        &owner,
        &format!("/invoices/{}/pdf", bos["id"].as_str().unwrap()),
    )
    .await;
    assert!(disposition.contains("BOS-26-27-0001.pdf"), "{disposition}");
    let t = text(&bytes);
    has(
        &t,
        &[
            "BILL OF SUPPLY",
            "BOS/26-27/0001",
            "GSTIN: Unregistered",
            "Fresh vegetables 0706 5 KGS 40.00 200.00",
            "Total ₹200.00",
            "Rupees Two Hundred Only",
        ],
    );
    assert!(!t.contains("CGST") && !t.contains("TAX SUMMARY"));
}

#[tokio::test]
async fn a_120_line_invoice_runs_over_pages_and_a_draft_prints_as_one() {
    if !poppler_installed() {
        return;
    }
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    letterhead(&app, &owner).await;
    let customer = party(&app, &owner, json!({"name": "Chola Computers", "kind": "customer", "registration": "regular", "gstin": "29AABCS1429B1ZQ"})).await;
    let lines: Vec<Value> = (1..=120)
        .map(|n| {
            json!({"description": format!("Spare part {n:03}"), "hsn_sac": "8473", "unit": "NOS",
                   "quantity": "1", "unit_price": "100.00", "gst_rate": "18"})
        })
        .collect();
    let draft = created(
        &app,
        &owner,
        "/invoices",
        json!({"customer_id": customer, "date": "2026-10-05", "lines": lines}),
    )
    .await;
    let id = draft["id"].as_str().unwrap();
    let (bytes, disposition) = pdf(&app, &owner, &format!("/invoices/{id}/pdf")).await;
    assert!(disposition.contains("filename=\"draft-"), "{disposition}");
    let t = text(&bytes);
    has(&t, &["DRAFT — NOT ISSUED", "Not issued yet"]);

    let response = app
        .send_as(
            &owner,
            Method::POST,
            &org_path(&owner, &format!("/invoices/{id}/issue")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (bytes, _) = pdf(&app, &owner, &format!("/invoices/{id}/pdf")).await;
    let (_dir, info) = poppler("pdfinfo", &bytes, &[]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 3, "{pages} pages");
    let t = text(&bytes);
    assert!(!t.contains("DRAFT"));
    // 120 × ₹100.00 at 18 %: ₹12,000.00 + ₹1,080.00 + ₹1,080.00.
    has(
        &t,
        &[
            "Spare part 001",
            "Spare part 120",
            "Taxable value 12,000.00",
            "CGST 1,080.00",
            "Total ₹14,160.00",
            "Rupees Fourteen Thousand One Hundred Sixty Only",
            &format!("Page {pages} of {pages}"),
        ],
    );
    let mut with_lines = 0;
    for page in 1..=pages {
        let t = page_text(&bytes, page);
        has(&t, &[&format!("Page {page} of {pages}")]);
        if t.contains("Spare part") {
            with_lines += 1;
            has(&t, &["# Description HSN/SAC Qty Rate (₹)"]);
        }
    }
    assert!(
        with_lines >= 3,
        "the lines run over {with_lines} pages, each with the header"
    );
}

#[tokio::test]
async fn notes_self_invoices_and_receipts_print() {
    if !poppler_installed() {
        return;
    }
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    letterhead(&app, &owner).await;
    let item = stand(&app, &owner).await;
    let customer = party(&app, &owner, json!({"name": "Chola Computers", "kind": "customer", "registration": "regular", "gstin": "29AABCS1429B1ZQ"})).await;
    let invoice = created(
        &app,
        &owner,
        "/invoices",
        json!({"customer_id": customer, "date": "2026-10-05", "issue": true,
               "lines": [{"item_id": item, "quantity": "2"}]}),
    )
    .await;
    let invoice_id = invoice["id"].as_str().unwrap();
    let note = created(
        &app,
        &owner,
        "/notes",
        json!({"kind": "credit", "invoice_id": invoice_id, "date": "2026-10-08",
               "reason": "Damaged in transit",
               "lines": [{"description": "Laptop stand, damaged", "hsn_sac": "8473",
                          "unit_price": "100.00", "gst_rate": "18"}]}),
    )
    .await;
    let (bytes, disposition) = pdf(
        &app,
        &owner,
        &format!("/notes/{}/pdf", note["id"].as_str().unwrap()),
    )
    .await;
    assert!(disposition.contains("CN-26-27-0001.pdf"), "{disposition}");
    has(
        &text(&bytes),
        &[
            "CREDIT NOTE",
            "CN/26-27/0001",
            "Against invoice INV/26-27/0001 dated 5 Oct 2026",
            "Reason Damaged in transit",
            "CGST 9.00",
            "Total ₹118.00",
        ],
    );

    // A reverse-charge purchase from an unregistered supplier: a self-invoice of its own series.
    let carrier = party(&app, &owner, json!({"name": "Ramesh Transport", "kind": "vendor", "registration": "unregistered", "state_code": "29"})).await;
    let bill = created(
        &app,
        &owner,
        "/bills",
        freight(&carrier, "R-17", "10000.00"),
    )
    .await;
    assert_eq!(bill["self_invoice_number"], "SI/26-27/0001");
    let (bytes, disposition) = pdf(
        &app,
        &owner,
        &format!("/bills/{}/pdf", bill["id"].as_str().unwrap()),
    )
    .await;
    assert!(disposition.contains("SI-26-27-0001.pdf"), "{disposition}");
    has(
        &text(&bytes),
        &[
            "SELF INVOICE",
            "Self invoice no. SI/26-27/0001",
            "SUPPLIER (UNREGISTERED)",
            "Ramesh Transport",
            "Reverse charge Yes",
            "The recipient pays the tax on this supply under reverse charge.",
            "Supplier's invoice R-17 dated 9 Oct 2026",
            "CGST 250.00",
            "SGST 250.00",
            "Total ₹10,500.00",
        ],
    );
    // A bill from a registered vendor is the vendor's own invoice: there is no self-invoice.
    let gta = party(&app, &owner, json!({"name": "Garuda Transport", "kind": "vendor", "registration": "regular", "gstin": "27AAPFU0939F1ZV"})).await;
    let registered = created(&app, &owner, "/bills", freight(&gta, "G-1", "100.00")).await;
    assert_eq!(registered["self_invoice_number"], Value::Null);
    let path = format!("/bills/{}/pdf", registered["id"].as_str().unwrap());
    let response = fetch(&app, &owner, &path).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // A receipt for money received, part of it kept as an advance.
    let payment = created(
        &app,
        &owner,
        "/payments",
        json!({"direction": "received", "party_id": customer, "date": "2026-10-20",
               "amount": "1000.00", "mode": "upi", "reference": "UTR 612345678901",
               "allocations": [{"invoice_id": invoice_id, "amount": "669.00"}]}),
    )
    .await;
    let (bytes, _) = pdf(
        &app,
        &owner,
        &format!("/payments/{}/pdf", payment["id"].as_str().unwrap()),
    )
    .await;
    has(
        &text(&bytes),
        &[
            "PAYMENT RECEIPT",
            "RECEIVED FROM",
            "Chola Computers",
            "Amount ₹1,000.00",
            "Rupees One Thousand Only",
            "Mode UPI",
            "UTR 612345678901",
            "INV/26-27/0001 5 Oct 2026 669.00",
            "Kept as an advance, not yet set against a document: ₹331.00",
        ],
    );
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(width, height, image::Rgb([20, 80, 160]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[tokio::test]
async fn a_logo_is_checked_kept_and_printed() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let put = |body: Vec<u8>, content_type: &'static str| {
        app.send_as(&owner, Method::PUT, &org_path(&owner, "/logo"))
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    // Not an image, an image too large, a cut-off file: refused on `logo`, nothing kept.
    for (body, content_type) in [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
            "image/png",
        ),
        (vec![0_u8; 600 * 1024], "image/png"),
        (png(40, 20)[..30].to_vec(), "image/png"),
    ] {
        let response = put(body, content_type).await.unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "logo", "{problem}");
    }
    let response = put(png(40, 20), "text/plain").await.unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let response = fetch(&app, &owner, "/logo").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let logo = png(240, 80);
    let response = put(logo.clone(), "image/png").await.unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = fetch(&app, &owner, "/logo").await;
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(response.bytes().await.unwrap().to_vec(), logo);

    let customer = party(&app, &owner, json!({"name": "Walk-in", "kind": "customer", "registration": "unregistered", "state_code": "29"})).await;
    let item = stand(&app, &owner).await;
    let invoice = created(
        &app,
        &owner,
        "/invoices",
        json!({"customer_id": customer, "date": "2026-10-05", "issue": true,
               "lines": [{"item_id": item, "quantity": "1"}]}),
    )
    .await;
    let (bytes, _) = pdf(
        &app,
        &owner,
        &format!("/invoices/{}/pdf", invoice["id"].as_str().unwrap()),
    )
    .await;
    if poppler_installed() {
        let (_dir, images) = poppler("pdfimages", &bytes, &["-list"]);
        assert!(
            images.lines().any(|l| l.contains(" 240    80 ")),
            "the logo is printed:\n{images}"
        );
    }

    // The settings page uploads one as a form would, with its CSRF token in the form.
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", owner.csrf.clone())
        .part(
            "logo",
            reqwest::multipart::Part::bytes(b"not an image".to_vec()).file_name("logo.png"),
        );
    let response = upload(&app, &owner, form).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("is not a PNG or JPEG image"), "{page}");
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", owner.csrf.clone())
        .part(
            "logo",
            reqwest::multipart::Part::bytes(png(30, 30)).file_name("logo.png"),
        );
    assert_eq!(
        upload(&app, &owner, form).await.status(),
        StatusCode::SEE_OTHER
    );
    let image = owner
        .client
        .get(app.at(&format!("/orgs/{}/settings/logo.img", owner.org_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(image.bytes().await.unwrap().to_vec(), png(30, 30));
    // Without the token the upload is refused.
    let form = reqwest::multipart::Form::new().part(
        "logo",
        reqwest::multipart::Part::bytes(png(30, 30)).file_name("logo.png"),
    );
    assert_eq!(
        upload(&app, &owner, form).await.status(),
        StatusCode::FORBIDDEN
    );

    let response = app
        .send_as(&owner, Method::DELETE, &org_path(&owner, "/logo"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = fetch(&app, &owner, "/logo").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
