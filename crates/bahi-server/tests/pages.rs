//! The web pages without JavaScript: plain form posts, redirects, errors next to fields.

mod common;

use common::{STRONG_PASSWORD, TestApp};
use reqwest::StatusCode;

fn form<'a>(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    fields: &'a [(&'a str, &'a str)],
) -> reqwest::RequestBuilder {
    client
        .post(app.at(path))
        .header("origin", &app.url)
        .form(fields)
}

/// The attribute value that follows `needle` (which ends with the opening quote).
fn after<'a>(html: &'a str, needle: &str) -> &'a str {
    let start = html
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in the page"))
        + needle.len();
    &html[start..start + html[start..].find(['"', '<']).unwrap()]
}

fn csrf_in(html: &str) -> String {
    after(html, "name=\"csrf_token\" value=\"").to_owned()
}

#[tokio::test]
async fn sign_up_sign_out_sign_in_with_forms() {
    let app = TestApp::start().await;
    let browser = app.browser();
    let page = browser
        .get(app.at("/signup"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<label for=\"email\">Email</label>"),
        "labelled inputs"
    );

    let bad = form(
        &browser,
        &app,
        "/signup",
        &[
            ("name", "Asha"),
            ("email", "asha@example.com"),
            ("password", "password1234"),
            ("legal_name", "Asha Traders"),
            ("gstin", "27AAPFU0939F1ZX"),
            ("state_code", ""),
        ],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = bad.text().await.unwrap();
    assert!(
        html.contains("id=\"password-error\">Password is too easy to guess"),
        "error next to the field"
    );
    assert!(html.contains("check character should be V"));
    assert!(
        html.contains("value=\"asha@example.com\""),
        "what was typed is kept"
    );
    assert!(!html.contains("password1234"), "but never the password");

    let ok = form(
        &browser,
        &app,
        "/signup",
        &[
            ("name", "Asha"),
            ("email", "asha@example.com"),
            ("password", STRONG_PASSWORD),
            ("legal_name", "Asha Traders"),
            ("gstin", "27AAPFU0939F1ZV"),
            ("state_code", ""),
        ],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let org_path = ok.headers()["location"].to_str().unwrap().to_owned();
    let overview = browser
        .get(app.at(&org_path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(overview.contains("<h1>Asha Traders</h1>") && overview.contains("27 Maharashtra"));

    let csrf = csrf_in(&overview);
    let out = form(&browser, &app, "/logout", &[("csrf_token", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let gated = browser.get(app.at("/dashboard")).send().await.unwrap();
    assert_eq!(gated.status(), StatusCode::SEE_OTHER);
    assert_eq!(gated.headers()["location"], "/login?next=%2Fdashboard");

    let wrong = form(
        &browser,
        &app,
        "/login",
        &[
            ("email", "asha@example.com"),
            ("password", "not-the-password"),
            ("next", "/dashboard"),
        ],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("Email or password is incorrect.")
    );
    let right = form(
        &browser,
        &app,
        "/login",
        &[
            ("email", "asha@example.com"),
            ("password", STRONG_PASSWORD),
            ("next", "/dashboard"),
        ],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(right.headers()["location"], "/dashboard");
    let offsite = form(
        &browser,
        &app,
        "/login",
        &[
            ("email", "asha@example.com"),
            ("password", STRONG_PASSWORD),
            ("next", "//evil.example/"),
        ],
    )
    .send()
    .await
    .unwrap();
    let landing = offsite.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        landing.starts_with("/orgs/"),
        "no open redirect; the only business instead: {landing}"
    );
    let dashboard = browser
        .get(app.at("/dashboard"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(dashboard.contains("Asha Traders"));
}

#[tokio::test]
async fn forms_need_the_csrf_field() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let members = format!("/orgs/{}/members", owner.org_id);
    let missing = form(
        &owner.client,
        &app,
        &members,
        &[("email", "x@example.com"), ("role", "viewer")],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(missing.status(), StatusCode::FORBIDDEN);
    assert!(
        missing.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let cross_site = owner
        .client
        .post(app.at(&members))
        .header("origin", "https://evil.example")
        .form(&[
            ("email", "x@example.com"),
            ("role", "viewer"),
            ("csrf_token", owner.csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    let ok = form(
        &owner.client,
        &app,
        &members,
        &[
            ("email", "x@example.com"),
            ("role", "viewer"),
            ("csrf_token", &owner.csrf),
        ],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    assert!(ok.text().await.unwrap().contains("id=\"invitation-link\""));
}

#[tokio::test]
async fn invitation_accepted_through_pages_and_both_see_the_audit_log() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let members = format!("/orgs/{}/members", owner.org_id);
    let html = form(
        &owner.client,
        &app,
        &members,
        &[
            ("email", "ravi@example.com"),
            ("role", "accountant"),
            ("csrf_token", &owner.csrf),
        ],
    )
    .send()
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    let link = after(&html, "id=\"invitation-link\" href=\"");
    let path = link.trim_start_matches(&app.url);

    let ravi = app.browser();
    let invitation = ravi
        .get(app.at(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(invitation.contains("invited as <strong>accountant</strong>"));
    let weak = form(
        &ravi,
        &app,
        path,
        &[("name", "Ravi"), ("password", "short")],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let joined = form(
        &ravi,
        &app,
        path,
        &[("name", "Ravi"), ("password", STRONG_PASSWORD)],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        joined.headers()["location"].to_str().unwrap(),
        format!("/orgs/{}", owner.org_id)
    );

    for browser in [&owner.client, &ravi] {
        let audit = browser
            .get(app.at(&format!("/orgs/{}/audit", owner.org_id)))
            .send()
            .await
            .unwrap();
        assert_eq!(audit.status(), StatusCode::OK);
        let audit = audit.text().await.unwrap();
        assert!(
            audit.contains("member.join")
                && audit.contains("member.invite")
                && audit.contains("user.signup")
        );
        assert!(audit.contains("chain of 3 most recent entries verifies"));
    }
    let stranger = app.signup("stranger@example.com").await;
    let hidden = stranger.client.get(app.at(&members)).send().await.unwrap();
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    assert!(hidden.text().await.unwrap().contains("Page not found"));
}

#[tokio::test]
async fn tokens_page_shows_a_new_token_once() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let created = form(
        &owner.client,
        &app,
        "/tokens",
        &[("name", "Tally sync"), ("csrf_token", &owner.csrf)],
    )
    .send()
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    let token = after(&created, "<code id=\"new-token\">");
    assert!(token.starts_with("bahi_"));
    let later = owner
        .client
        .get(app.at("/tokens"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(later.contains("Tally sync") && !later.contains(token));
}

#[tokio::test]
async fn password_change_page_ends_other_sessions() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let other = app.browser();
    form(
        &other,
        &app,
        "/login",
        &[
            ("email", "owner@example.com"),
            ("password", STRONG_PASSWORD),
        ],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(app.status(&other, "/api/v1/me").await, StatusCode::OK);

    let page = owner
        .client
        .get(app.at("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("owner@example.com"));
    let csrf = csrf_in(&page);
    let wrong = form(
        &owner.client,
        &app,
        "/account/password",
        &[
            ("csrf_token", &csrf),
            ("current_password", "nope-nope-nope"),
            ("new_password", "a-new-long-passphrase-91"),
        ],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.text().await.unwrap().contains(
            "id=\"current-password-error\">Current password is not your current password"
        )
    );
    let weak = form(
        &owner.client,
        &app,
        "/account/password",
        &[
            ("csrf_token", &csrf),
            ("current_password", STRONG_PASSWORD),
            ("new_password", "password123"),
        ],
    )
    .send()
    .await
    .unwrap();
    assert!(
        weak.text()
            .await
            .unwrap()
            .contains("id=\"new-password-error\">New password is too easy to guess")
    );
    let changed = form(
        &owner.client,
        &app,
        "/account/password",
        &[
            ("csrf_token", &csrf),
            ("current_password", STRONG_PASSWORD),
            ("new_password", "a-new-long-passphrase-91"),
        ],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert!(changed.text().await.unwrap().contains("Password changed"));
    assert_eq!(
        app.status(&other, "/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "the other session ended"
    );
    assert_eq!(
        app.status(&owner.client, "/api/v1/me").await,
        StatusCode::OK,
        "this one stays"
    );
}

#[tokio::test]
async fn an_admin_is_offered_no_change_to_an_owner() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let mut admin = app.browser();
    // A second owner, so that the first is not locked as the last one.
    for (email, name, role) in [
        ("sunil@example.com", "Sunil Rao", "owner"),
        ("priya@example.com", "Priya Shah", "admin"),
    ] {
        let invitation = app.invite(&owner, email, role).await;
        admin = app.browser();
        let accepted = admin
            .post(app.at(&format!("/api/v1/invitations/{}/accept", invitation.token)))
            .json(&serde_json::json!({"name": name, "password": STRONG_PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(accepted.status(), StatusCode::OK);
    }
    let page = admin
        .get(app.at(&format!("/orgs/{}/members", owner.org_id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Priya Shah"), "the members page: {page}");
    let owner_row = format!("/members/{}/", owner.user_id);
    assert!(
        !page.contains(&owner_row),
        "neither a role change nor a removal of the owner: both would fail"
    );
    assert!(page.contains("only another owner can change this"));
    assert!(
        page.contains("/remove\">"),
        "the admin may still manage themselves"
    );
}

#[tokio::test]
async fn viewers_see_a_party_without_a_form() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let created = app
        .send_as(
            &owner,
            reqwest::Method::POST,
            &format!("/api/v1/orgs/{}/parties", owner.org_id),
        )
        .json(
            &serde_json::json!({"name": "Acme Traders", "kind": "customer",
            "registration": "regular", "gstin": "27AAPFU0939F1ZV"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let id = created.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let invitation = app.invite(&owner, "priya@example.com", "viewer").await;
    let viewer = app.browser();
    let joined = viewer
        .post(app.at(&format!("/api/v1/invitations/{}/accept", invitation.token)))
        .json(&serde_json::json!({"name": "Priya", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), StatusCode::OK);
    let page = viewer
        .get(app.at(&format!("/orgs/{}/parties/{id}", owner.org_id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("27AAPFU0939F1ZV") && page.contains("Registered (regular)"));
    assert!(
        !page.contains("<form method=\"post\" action=\"/orgs/"),
        "no form for a viewer"
    );
    let list = viewer
        .get(app.at(&format!("/orgs/{}/parties", owner.org_id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("Acme Traders") && !list.contains("/parties/new"));
    assert_eq!(
        app.status(&viewer, &format!("/orgs/{}/parties/new", owner.org_id))
            .await,
        StatusCode::FORBIDDEN
    );
}
