//! Mail through the outbox to a real SMTP server on this machine: an invoice arrives with its
//! PDF; without SMTP the send is refused with the reason; a refusing server means retries, then
//! a dead letter an admin retries; a server killed with 1,000 messages queued loses none; two
//! workers on one database send each message once.

mod common;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use bahi_store::outbox::{self, Kind, OutboxMessage};
use common::smtp::SmtpServer;
use common::{Account, Options, TestApp};
use mail_parser::MimeHeaders;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const FROM: &str = "books@bahi.example";

fn mail_vars(smtp: &SmtpServer, extra: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut vars = vec![
        ("BAHI_SMTP_URL", smtp.url()),
        ("BAHI_MAIL_FROM", format!("bahi <{FROM}>")),
    ];
    vars.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
    vars
}

async fn mail_app(smtp: &SmtpServer, extra: &[(&'static str, &str)]) -> TestApp {
    TestApp::start_with(Options {
        vars: mail_vars(smtp, extra),
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

/// An issued invoice to a customer with an e-mail address; its id and number.
async fn issued_invoice(app: &TestApp, who: &Account) -> (String, String) {
    let (status, business) = call(
        app,
        who,
        Method::PATCH,
        "",
        json!({"email": "accounts@asha.example"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{business}");
    let (status, party) = call(
        app,
        who,
        Method::POST,
        "/parties",
        json!({"name": "Chola Computers", "kind": "customer", "registration": "regular",
               "gstin": "29AABCS1429B1ZQ", "email": "payables@chola.example"}),
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
    (
        invoice["id"].as_str().unwrap().to_owned(),
        invoice["number"].as_str().unwrap().to_owned(),
    )
}

async fn make_platform_admin(app: &TestApp, who: &Account) {
    let mut tx = app.db.begin_write().await.unwrap();
    bahi_store::identity::users::set_platform_admin(&mut tx, who.user_id.parse().unwrap(), true)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn outbox_entries(app: &TestApp, admin: &Account, state: &str) -> Vec<Value> {
    let response = admin
        .client
        .get(app.at(&format!("/api/v1/admin/outbox?state={state}&limit=200")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    body["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn an_invoice_mailed_with_its_pdf_arrives_at_the_smtp_server() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp, &[]).await;
    let owner = app.signup("asha@example.com").await;
    let (id, number) = issued_invoice(&app, &owner).await;

    let (status, queued) = call(
        &app,
        &owner,
        Method::POST,
        &format!("/invoices/{id}/email"),
        json!({"message": "Thank you for your order."}),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{queued}");
    assert_eq!(queued["to"], json!(["payables@chola.example"]));
    assert_eq!(queued["state"], "pending");

    let received = smtp.wait_for(1, Duration::from_secs(20)).await;
    let mail = &received[0];
    assert_eq!(mail.from, FROM);
    assert_eq!(mail.to, vec!["payables@chola.example".to_owned()]);
    let parsed = mail.parsed();
    let subject = parsed.subject().unwrap();
    assert!(subject.contains(&number), "{subject}");
    assert!(subject.contains("asha@example.com Traders"), "{subject}");
    // The business's name in front of bahi's address; replies go to the business.
    let from = parsed.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some("asha@example.com Traders"));
    assert_eq!(from.address(), Some(FROM));
    let reply_to = parsed.reply_to().unwrap().first().unwrap();
    assert_eq!(reply_to.address(), Some("accounts@asha.example"));
    assert_eq!(
        parsed.message_id(),
        Some(format!("{}@bahi.example", queued["id"].as_str().unwrap()).as_str())
    );
    let text = parsed.body_text(0).unwrap();
    assert!(text.contains("Thank you for your order."), "{text}");
    assert!(
        text.contains("₹786.66") || text.contains("₹787.00"),
        "{text}"
    );
    let html = parsed.body_html(0).unwrap();
    assert!(html.contains(&number), "{html}");

    // The attachment is the invoice's PDF, as the print route answers it.
    let attachments: Vec<_> = parsed.attachments().collect();
    assert_eq!(attachments.len(), 1);
    let attachment = attachments[0];
    assert_eq!(
        attachment.attachment_name(),
        Some(format!("{}.pdf", number.replace('/', "-")).as_str())
    );
    let pdf = attachment.contents();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let printed = owner
        .client
        .get(app.at(&org_path(
            &owner,
            &format!("/invoices/{id}/pdf?copy=original"),
        )))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(
        pdf.len(),
        printed.len(),
        "the attachment is the printed invoice"
    );

    // Another address instead of the party's, and the audit trail says who sent what where.
    let (status, queued) = call(
        &app,
        &owner,
        Method::POST,
        &format!("/invoices/{id}/email"),
        json!({"to": ["Ravi@Chola.example", "ravi@chola.example", "books@chola.example"]}),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{queued}");
    assert_eq!(
        queued["to"],
        json!(["ravi@chola.example", "books@chola.example"])
    );
    let received = smtp.wait_for(2, Duration::from_secs(20)).await;
    assert_eq!(
        received[1].to,
        vec!["ravi@chola.example", "books@chola.example"]
    );
    let (_, events) = call(&app, &owner, Method::GET, "/audit-events", Value::Null).await;
    let emailed: Vec<&Value> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "invoice.email")
        .collect();
    assert_eq!(emailed.len(), 2);

    // Bad addresses are named; a draft is not sent.
    let (status, problem) = call(
        &app,
        &owner,
        Method::POST,
        &format!("/invoices/{id}/email"),
        json!({"to": ["not an address"]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "to[0]");
    assert_eq!(smtp.count(), 2);
}

#[tokio::test]
async fn without_smtp_nothing_is_sent_and_the_reason_is_given() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let (id, _) = issued_invoice(&app, &owner).await;
    let (status, problem) = call(
        &app,
        &owner,
        Method::POST,
        &format!("/invoices/{id}/email"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("BAHI_SMTP_URL"),
        "{problem}"
    );
    let queued = outbox::depth(&app.db).await.unwrap();
    assert_eq!(queued.pending + queued.dead, 0);
}

#[tokio::test]
async fn a_refusing_server_means_retries_then_a_dead_letter_that_an_admin_retries() {
    let smtp = SmtpServer::start().await;
    smtp.refuse(true);
    let app = mail_app(
        &smtp,
        &[
            ("BAHI_MAIL_MAX_ATTEMPTS", "3"),
            ("BAHI_MAIL_RETRY_SECS", "0"),
        ],
    )
    .await;
    let owner = app.signup("asha@example.com").await;
    make_platform_admin(&app, &owner).await;
    let (id, _) = issued_invoice(&app, &owner).await;
    let (status, queued) = call(
        &app,
        &owner,
        Method::POST,
        &format!("/invoices/{id}/email"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{queued}");

    let deadline = Instant::now() + Duration::from_secs(20);
    let dead = loop {
        let dead = outbox_entries(&app, &owner, "dead").await;
        if !dead.is_empty() {
            break dead;
        }
        assert!(
            Instant::now() < deadline,
            "the message never went to the dead letters"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(dead[0]["id"], queued["id"]);
    assert_eq!(dead[0]["attempts"], 3);
    assert!(
        dead[0]["last_error"]
            .as_str()
            .unwrap()
            .contains("try again later"),
        "{}",
        dead[0]
    );
    assert_eq!(smtp.count(), 0);

    // A pending message cannot be "retried"; the dead one can, once the server is back.
    smtp.refuse(false);
    let retry = |id: String| {
        let client = owner.client.clone();
        let url = app.at(&format!("/api/v1/admin/outbox/{id}/retry"));
        let csrf = owner.csrf.clone();
        async move {
            client
                .post(url)
                .header("x-csrf-token", csrf)
                .send()
                .await
                .unwrap()
        }
    };
    let response = retry(dead[0]["id"].as_str().unwrap().to_owned()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let received = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(received.len(), 1);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let sent = outbox_entries(&app, &owner, "sent").await;
        if sent.len() == 1 {
            assert_eq!(sent[0]["id"], queued["id"]);
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the message was never marked sent"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let again = retry(dead[0]["id"].as_str().unwrap().to_owned()).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    // Not for members who are not platform administrators.
    let other = app.signup("ravi@example.com").await;
    let refused = other
        .client
        .get(app.at("/api/v1/admin/outbox"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

/// A small message to `r{i}@example.com`, its subject `{subject} {i}`.
fn small_message(subject: &str, i: usize) -> OutboxMessage {
    let id = bahi_store::outbox::OutboxId::new();
    let bytes = format!(
        "From: {FROM}\r\nTo: r{i}@example.com\r\nMessage-ID: <{id}@bahi.example>\r\nSubject: {subject} {i}\r\n\r\nbody {i}\r\n"
    );
    let mut message = OutboxMessage::pending(
        None,
        Kind::Reminder,
        format!("{subject}:{i}"),
        (FROM.to_owned(), vec![format!("r{i}@example.com")]),
        format!("{subject} {i}"),
        bytes.into_bytes(),
    );
    message.id = id;
    message
}

/// Queues `n` small messages straight into the outbox (as any use case would, in a
/// transaction), numbered in their subjects.
async fn queue_many(db: &bahi_store::Db, n: usize) {
    let mut tx = db.begin_write().await.unwrap();
    for i in 0..n {
        assert!(
            outbox::enqueue(&mut tx, &small_message("message", i))
                .await
                .unwrap()
        );
    }
    tx.commit().await.unwrap();
}

fn message_ids(received: &[common::smtp::Received]) -> HashMap<String, usize> {
    let mut ids = HashMap::new();
    for mail in received {
        let id = mail.parsed().message_id().unwrap_or_default().to_owned();
        *ids.entry(id).or_insert(0) += 1;
    }
    ids
}

#[tokio::test]
async fn killing_the_smtp_server_with_1000_messages_queued_loses_none() {
    let mut smtp = SmtpServer::start().await;
    smtp.kill();
    let app = mail_app(&smtp, &[("BAHI_MAIL_RETRY_SECS", "1")]).await;
    queue_many(&app.db, 1000).await;
    // Down at first: every claimed message fails and waits for its retry.
    tokio::time::sleep(Duration::from_millis(300)).await;
    smtp.restart().await;
    // Killed again part-way through the drain, then back.
    smtp.wait_for(200, Duration::from_secs(60)).await;
    smtp.kill();
    tokio::time::sleep(Duration::from_millis(500)).await;
    smtp.restart().await;

    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let depth = outbox::depth(&app.db).await.unwrap();
        if depth.pending == 0 {
            assert_eq!(depth.dead, 0, "a message was given up on");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{} messages still pending",
            depth.pending
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let ids = message_ids(&smtp.received());
    assert_eq!(ids.len(), 1000, "every message arrived");
    let doubles = ids.values().filter(|n| **n > 1).count();
    eprintln!(
        "1000 messages delivered across two outages; {doubles} sent twice (cut off mid-send)"
    );
}

#[tokio::test]
async fn two_workers_on_one_database_send_each_message_once() {
    let smtp = SmtpServer::start().await;
    let first = mail_app(&smtp, &[]).await;
    let second = TestApp::start_with(Options {
        vars: mail_vars(&smtp, &[]),
        database_url: Some(first.database_url.clone()),
        skip_migrations: true,
    })
    .await;
    let started = Instant::now();
    queue_many(&first.db, 1000).await;
    let received = smtp.wait_for(1000, Duration::from_secs(120)).await;
    let elapsed = started.elapsed();
    let ids = message_ids(&received);
    assert_eq!(ids.len(), 1000);
    assert!(ids.values().all(|n| *n == 1), "a message was sent twice");
    // The last batch is marked sent just after the server took it.
    let deadline = Instant::now() + Duration::from_secs(10);
    while outbox::depth(&second.db).await.unwrap().pending > 0 {
        assert!(
            Instant::now() < deadline,
            "delivered messages were never marked sent"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    eprintln!(
        "two workers drained 1000 messages in {:.2} s ({:.0} messages/s) on {}",
        elapsed.as_secs_f64(),
        1000.0 / elapsed.as_secs_f64(),
        first.kind().name()
    );
}

#[tokio::test]
async fn the_document_page_sends_by_e_mail_or_says_why_it_cannot() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp, &[]).await;
    let owner = app.signup("asha@example.com").await;
    let (id, number) = issued_invoice(&app, &owner).await;
    let document = format!("/orgs/{}/invoices/{id}", owner.org_id);
    let page = owner.page(&app, &document).await;
    assert!(
        page.contains(&format!("{document}/email")),
        "no e-mail button"
    );

    // The form starts from the party's address.
    let form = owner.page(&app, &format!("{document}/email")).await;
    assert!(form.contains("value=\"payables@chola.example\""), "{form}");
    // A bad address is named next to the field, and nothing is sent.
    let bad = owner
        .form(
            &app,
            &format!("{document}/email"),
            &[("to", "ravi@chola.example, nonsense"), ("message", "")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = bad.text().await.unwrap();
    assert!(
        html.contains("Address 2 must be an email address"),
        "{html}"
    );
    assert!(html.contains("nonsense"), "what was typed is kept");
    // Sent: back to the document, which says so.
    let sent = owner
        .form(
            &app,
            &format!("{document}/email"),
            &[
                ("to", "ravi@chola.example; books@chola.example"),
                ("message", "Due next week."),
            ],
        )
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    assert_eq!(sent.headers()["location"], document.as_str());
    let after = owner.page(&app, &document).await;
    assert!(
        after.contains("Sending to ravi@chola.example, books@chola.example"),
        "{after}"
    );
    let received = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(received.len(), 1);
    assert!(received[0].parsed().subject().unwrap().contains(&number));

    // Without SMTP: the button is there, disabled, with the reason.
    let plain = TestApp::start().await;
    let owner = plain.signup("asha@example.com").await;
    let (id, _) = issued_invoice(&plain, &owner).await;
    let page = owner
        .page(&plain, &format!("/orgs/{}/invoices/{id}", owner.org_id))
        .await;
    assert!(
        page.contains("disabled aria-describedby=\"email-off\""),
        "{page}"
    );
    assert!(
        page.contains("E-mail is not set up on this server"),
        "{page}"
    );
    let refused = owner
        .form(
            &plain,
            &format!("/orgs/{}/invoices/{id}/email", owner.org_id),
            &[("to", "a@b.example")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
}

/// The link a letter carries to `path` (`/password-reset/…`, `/invitations/…`).
fn link_in(mail: &common::smtp::Received, path: &str) -> String {
    let parsed = mail.parsed();
    let text = parsed.body_text(0).unwrap().into_owned();
    let start = text
        .find(path)
        .unwrap_or_else(|| panic!("no {path} link in {text}"));
    let end = text[start..]
        .find(char::is_whitespace)
        .map_or(text.len(), |n| start + n);
    text[start..end].to_owned()
}

#[tokio::test]
async fn a_password_reset_link_is_e_mailed_works_once_and_ends_every_session() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp, &[]).await;
    let owner = app.signup("asha@example.com").await;
    let ask = |email: &'static str| {
        let client = app.client.clone();
        let url = app.at("/api/v1/auth/password-reset");
        async move {
            client
                .post(url)
                .json(&json!({"email": email}))
                .send()
                .await
                .unwrap()
        }
    };
    // The same answer for an address with an account and one without.
    let known = ask("asha@example.com").await;
    assert_eq!(known.status(), StatusCode::ACCEPTED);
    let known: Value = known.json().await.unwrap();
    let unknown = ask("nobody@example.com").await;
    assert_eq!(unknown.status(), StatusCode::ACCEPTED);
    assert_eq!(unknown.json::<Value>().await.unwrap(), known);

    let received = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(received[0].to, vec!["asha@example.com"]);
    let link = link_in(&received[0], "/password-reset/");
    let token = link.rsplit('/').next().unwrap().to_owned();
    // Kept only as its hash.
    let conn = app.db.clone();
    let stored: Vec<String> = match &conn {
        bahi_store::Db::Sqlite(pool) => {
            sqlx::query_scalar("SELECT token_hash FROM password_resets")
                .fetch_all(pool)
                .await
                .unwrap()
        }
        bahi_store::Db::Postgres(pool) => {
            sqlx::query_scalar("SELECT token_hash FROM password_resets")
                .fetch_all(pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);

    // The page the link opens; a weak password is refused next to the field.
    let page = app.browser();
    let form = page.get(app.at(&link)).send().await.unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let weak = page
        .post(app.at(&link))
        .header("origin", &app.url)
        .form(&[("password", "password")])
        .send()
        .await
        .unwrap();
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let done = page
        .post(app.at(&link))
        .header("origin", &app.url)
        .form(&[("password", "a-new-and-long-passphrase-77")])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(done.headers()["location"], "/login");

    // The session from before the reset is over; the new password signs in, the old does not.
    assert_eq!(
        app.status(&owner.client, "/api/v1/me").await,
        StatusCode::UNAUTHORIZED
    );
    let login = |password: &'static str| {
        let client = app.browser();
        let url = app.at("/api/v1/auth/login");
        async move {
            client
                .post(url)
                .json(&json!({"email": "asha@example.com", "password": password}))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        login(common::STRONG_PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(login("a-new-and-long-passphrase-77").await, StatusCode::OK);

    // Once only.
    assert_eq!(app.status(&page, &link).await, StatusCode::GONE);
    let again = app
        .client
        .post(app.at("/api/v1/auth/password-reset/complete"))
        .json(&json!({"token": token, "password": "yet-another-long-passphrase-88"}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);

    // A few asks an hour per address, then 429 — for addresses with and without accounts.
    assert_eq!(ask("asha@example.com").await.status(), StatusCode::ACCEPTED);
    assert_eq!(ask("asha@example.com").await.status(), StatusCode::ACCEPTED);
    assert_eq!(
        ask("asha@example.com").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn an_expired_reset_link_is_refused() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp, &[]).await;
    app.signup("asha@example.com").await;
    let response = app
        .client
        .post(app.at("/api/v1/auth/password-reset"))
        .json(&json!({"email": "asha@example.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let received = smtp.wait_for(1, Duration::from_secs(20)).await;
    let link = link_in(&received[0], "/password-reset/");
    let past = time::OffsetDateTime::now_utc() - time::Duration::minutes(1);
    match &app.db {
        bahi_store::Db::Sqlite(pool) => {
            sqlx::query("UPDATE password_resets SET expires_at = $1")
                .bind(past)
                .execute(pool)
                .await
                .unwrap();
        }
        bahi_store::Db::Postgres(pool) => {
            sqlx::query("UPDATE password_resets SET expires_at = $1")
                .bind(past)
                .execute(pool)
                .await
                .unwrap();
        }
    }
    let page = app.browser();
    assert_eq!(app.status(&page, &link).await, StatusCode::GONE);
    let refused = page
        .post(app.at(&link))
        .header("origin", &app.url)
        .form(&[("password", "a-new-and-long-passphrase-77")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn invitations_are_e_mailed_when_mail_is_on() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp, &[]).await;
    let owner = app.signup("asha@example.com").await;
    let response = app
        .send_as(&owner, Method::POST, &org_path(&owner, "/members"))
        .json(&json!({"email": "ravi@example.com", "role": "accountant"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["emailed"], true);
    let received = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(received[0].to, vec!["ravi@example.com"]);
    let link = link_in(&received[0], "/invitations/");
    assert!(
        body["accept_url"].as_str().unwrap().ends_with(&link),
        "{link}"
    );
    let parsed = received[0].parsed();
    assert!(
        parsed
            .subject()
            .unwrap()
            .contains("asha@example.com Traders")
    );
    assert_eq!(
        parsed.reply_to().unwrap().first().unwrap().address(),
        Some("asha@example.com")
    );
}

#[tokio::test]
async fn the_outbox_page_shows_dead_letters_and_sends_them_again() {
    let smtp = SmtpServer::start().await;
    smtp.refuse(true);
    let app = mail_app(&smtp, &[("BAHI_MAIL_MAX_ATTEMPTS", "1")]).await;
    let admin = app.signup("asha@example.com").await;
    make_platform_admin(&app, &admin).await;
    queue_many(&app.db, 1).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while outbox::depth(&app.db).await.unwrap().dead == 0 {
        assert!(Instant::now() < deadline, "never given up on");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let overview = admin.page(&app, "/admin").await;
    assert!(
        overview.contains("Outbox: 0 waiting, 1 given up on"),
        "{overview}"
    );
    let page = admin.page(&app, "/admin/outbox?state=dead").await;
    assert!(page.contains("message 0"), "{page}");
    assert!(page.contains("try again later"), "{page}");
    let id = page
        .split("/admin/outbox/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_owned();
    smtp.refuse(false);
    let retried = admin
        .form(&app, &format!("/admin/outbox/{id}/retry"), &[])
        .await;
    assert_eq!(retried.status(), StatusCode::SEE_OTHER);
    smtp.wait_for(1, Duration::from_secs(20)).await;
    // Not for anyone else.
    let other = app.signup("ravi@example.com").await;
    assert_eq!(
        app.status(&other.client, "/admin/outbox").await,
        StatusCode::FORBIDDEN
    );
}

/// Today in India (the businesses' default time zone), shifted by `days`, as `YYYY-MM-DD`.
fn india_day(days: i64) -> String {
    let now = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+5:30));
    (now.date() + time::Duration::days(days)).to_string()
}

async fn invoice_due(app: &TestApp, who: &Account, party: &Value, date: i64, due: i64) -> Value {
    let (status, invoice) = call(
        app,
        who,
        Method::POST,
        "/invoices",
        json!({"customer_id": party["id"], "date": india_day(date), "due_date": india_day(due), "issue": true,
               "lines": [{"description": "Tea", "hsn_sac": "0902", "quantity": "1", "unit": "KGS",
                          "unit_price": "100", "gst_rate": "5"}]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{invoice}");
    invoice
}

#[tokio::test]
async fn payment_reminders_go_once_per_step_and_not_for_paid_invoices() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp, &[("BAHI_REMINDERS_INTERVAL_SECS", "1")]).await;
    let owner = app.signup("asha@example.com").await;
    // Off by default; a step is needed to turn them on; days are bounded.
    let (status, current) = call(&app, &owner, Method::GET, "/reminders", Value::Null).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        current,
        json!({"enabled": false, "days_before": null, "days_after": null})
    );
    let (status, problem) = call(
        &app,
        &owner,
        Method::PUT,
        "/reminders",
        json!({"enabled": true, "days_before": null, "days_after": 0}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "days_after");

    let (status, party) = call(
        &app,
        &owner,
        Method::POST,
        "/parties",
        json!({"name": "Chola Computers", "kind": "customer", "registration": "unregistered",
               "state_code": "29", "email": "payables@chola.example"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{party}");
    let soon = invoice_due(&app, &owner, &party, 0, 3).await;
    let late = invoice_due(&app, &owner, &party, -37, -7).await;
    let paid = invoice_due(&app, &owner, &party, -37, -7).await;
    invoice_due(&app, &owner, &party, 0, 20).await; // not yet
    invoice_due(&app, &owner, &party, -130, -100).await; // long past its step
    let (status, payment) = call(
        &app,
        &owner,
        Method::POST,
        "/payments",
        json!({"direction": "received", "party_id": party["id"], "date": india_day(0),
               "amount": paid["totals"]["total"], "mode": "cash",
               "allocations": [{"invoice_id": paid["id"], "amount": paid["totals"]["total"]}]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{payment}");

    let (status, saved) = call(
        &app,
        &owner,
        Method::PUT,
        "/reminders",
        json!({"enabled": true, "days_before": 3, "days_after": 7}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{saved}");

    let received = smtp.wait_for(2, Duration::from_secs(20)).await;
    // Several more runs of the scheduler: nothing is sent twice.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let received_later = smtp.received();
    assert_eq!(received_later.len(), 2, "reminders were sent again");
    let subjects: Vec<String> = received
        .iter()
        .map(|m| m.parsed().subject().unwrap().to_owned())
        .collect();
    let soon_number = soon["number"].as_str().unwrap();
    let late_number = late["number"].as_str().unwrap();
    assert!(
        subjects
            .iter()
            .any(|s| s.starts_with("Payment due on") && s.contains(soon_number)),
        "{subjects:?}"
    );
    assert!(
        subjects
            .iter()
            .any(|s| s.starts_with("Payment overdue") && s.contains(late_number)),
        "{subjects:?}"
    );
    let overdue = received
        .iter()
        .find(|m| m.parsed().subject().unwrap().contains(late_number))
        .unwrap();
    let text = overdue.parsed().body_text(0).unwrap().into_owned();
    assert!(text.contains("7 days ago"), "{text}");
    assert_eq!(overdue.to, vec!["payables@chola.example"]);
    let (_, events) = call(&app, &owner, Method::GET, "/audit-events", Value::Null).await;
    let reminded = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "invoice.reminder")
        .count();
    assert_eq!(reminded, 2);
}

/// A worker that died mid-send (a replica killed, say) leaves its messages claimed; once the
/// claim's lease runs out another worker delivers them, once.
#[tokio::test]
async fn messages_a_dead_worker_claimed_are_delivered_when_its_lease_runs_out() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp, &[]).await;
    let lease_ends = time::OffsetDateTime::now_utc() + time::Duration::milliseconds(3000);
    let mut tx = app.db.begin_write().await.unwrap();
    for i in 0..20 {
        // As a worker leaves them when it dies between claiming and marking.
        let mut message = small_message("claimed", i);
        message.attempts = 1;
        message.next_attempt_at = outbox::epoch_ms(lease_ends);
        assert!(outbox::enqueue(&mut tx, &message).await.unwrap());
    }
    tx.commit().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(smtp.count(), 0, "nothing is taken while the lease holds");
    let received = smtp.wait_for(20, Duration::from_secs(20)).await;
    assert!(time::OffsetDateTime::now_utc() >= lease_ends);
    let ids = message_ids(&received);
    assert_eq!(ids.len(), 20);
    assert!(ids.values().all(|n| *n == 1));
}
