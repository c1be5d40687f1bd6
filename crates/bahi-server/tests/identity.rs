//! Sign-up to audit trail over real HTTP: sessions, CSRF, tokens, throttling, members, tenancy.

mod common;

use common::{Options, STRONG_PASSWORD, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn json_of(response: reqwest::Response) -> Value {
    response.json().await.expect("JSON body")
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("bahi_session=") && !c.starts_with("bahi_session=;"))
        .map(str::to_owned)
}

#[tokio::test]
async fn signup_sets_a_safe_session_cookie_and_returns_the_contract() {
    let app = TestApp::start().await;
    let client = app.browser();
    let response = client
        .post(app.at("/api/v1/auth/signup"))
        .json(
            &json!({"name": "Asha", "email": "Asha@Example.com", "password": STRONG_PASSWORD,
                      "organisation": {"legal_name": "Asha Traders", "gstin": "27AAPFU0939F1ZV"}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let cookie = session_cookie(&response).expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    let body = json_of(response).await;
    assert_eq!(
        body["user"]["email"], "asha@example.com",
        "emails are stored lower-case"
    );
    assert_eq!(body["organisation"]["gstin"], "27AAPFU0939F1ZV");
    assert_eq!(
        body["organisation"]["state_code"], "27",
        "derived from the GSTIN"
    );
    assert!(body["csrf_token"].as_str().is_some_and(|t| t.len() > 20));

    let me = json_of(client.get(app.at("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(me["organisations"][0]["role"], "owner");
    assert_eq!(me["user"]["name"], "Asha");
}

#[tokio::test]
async fn signup_names_each_bad_field_and_changes_nothing() {
    let app = TestApp::start().await;
    let response = app
        .client
        .post(app.at("/api/v1/auth/signup"))
        .json(
            &json!({"name": "", "email": "not-an-email", "password": "password123",
                      "organisation": {"legal_name": "X", "gstin": "27AAPFU0939F1ZX"}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body = json_of(response).await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        vec!["name", "email", "password", "organisation.gstin"]
    );
    let gstin_error = body["errors"][3]["message"].as_str().unwrap();
    assert!(
        gstin_error.contains("check character should be V"),
        "{gstin_error}"
    );

    let no_state = app
        .client
        .post(app.at("/api/v1/auth/signup"))
        .json(&json!({"name": "A", "email": "a@example.com", "password": STRONG_PASSWORD, "organisation": {"legal_name": "X"}}))
        .send()
        .await
        .unwrap();
    let body = json_of(no_state).await;
    assert_eq!(body["errors"][0]["field"], "organisation.state_code");

    let login = app
        .client
        .post(app.at("/api/v1/auth/login"))
        .json(&json!({"email": "a@example.com", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        login.status(),
        StatusCode::UNAUTHORIZED,
        "nothing was created"
    );

    app.signup("taken@example.com").await;
    let again = app
        .client
        .post(app.at("/api/v1/auth/signup"))
        .json(&json!({"name": "B", "email": "TAKEN@example.com", "password": STRONG_PASSWORD, "organisation": {"legal_name": "Y", "state_code": "07"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.status(),
        StatusCode::CONFLICT,
        "a duplicate is a 409 (API.md)"
    );
    assert_eq!(json_of(again).await["errors"][0]["field"], "email");
}

#[tokio::test]
async fn login_is_one_generic_401_and_renews_the_session() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let wrong_password = app
        .client
        .post(app.at("/api/v1/auth/login"))
        .json(&json!({"email": "owner@example.com", "password": "nope-nope-nope"}))
        .send()
        .await
        .unwrap();
    let unknown_email = app
        .client
        .post(app.at("/api/v1/auth/login"))
        .json(&json!({"email": "ghost@example.com", "password": "nope-nope-nope"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_email.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        json_of(wrong_password).await,
        json_of(unknown_email).await,
        "nothing tells the two apart"
    );

    let first = app
        .client
        .post(app.at("/api/v1/auth/login"))
        .json(&json!({"email": "OWNER@example.com", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let first_cookie = session_cookie(&first).unwrap();
    let body = json_of(first).await;
    assert_eq!(body["organisations"][0]["id"], owner.org_id.as_str());
    assert_eq!(body["organisations"][0]["role"], "owner");
    let second = app
        .client
        .post(app.at("/api/v1/auth/login"))
        .json(&json!({"email": "owner@example.com", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_ne!(
        session_cookie(&second).unwrap(),
        first_cookie,
        "every sign-in gets a new session id"
    );
}

#[tokio::test]
async fn logout_destroys_the_session_on_the_server() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let login = app
        .client
        .post(app.at("/api/v1/auth/login"))
        .json(&json!({"email": "owner@example.com", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = session_cookie(&login).unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let csrf = json_of(login).await["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me = |c: String| {
        app.client
            .get(app.at("/api/v1/me"))
            .header("cookie", c)
            .send()
    };
    assert_eq!(me(cookie.clone()).await.unwrap().status(), StatusCode::OK);
    let out = app
        .client
        .post(app.at("/api/v1/auth/logout"))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        me(cookie).await.unwrap().status(),
        StatusCode::UNAUTHORIZED,
        "a replayed cookie is dead"
    );
    // The owner's own browser session is untouched.
    assert_eq!(
        app.status(&owner.client, "/api/v1/me").await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn csrf_is_required_for_cookie_requests_and_not_for_bearer_tokens() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let other = app.signup("other@example.com").await;
    let post = |csrf: Option<&str>, origin: Option<&str>, site: Option<&str>| {
        let mut request = owner
            .client
            .post(app.at("/api/v1/tokens"))
            .json(&json!({"name": "ci"}));
        if let Some(t) = csrf {
            request = request.header("x-csrf-token", t);
        }
        if let Some(o) = origin {
            request = request.header("origin", o);
        }
        if let Some(s) = site {
            request = request.header("sec-fetch-site", s);
        }
        request.send()
    };
    let missing = post(None, None, None).await.unwrap();
    assert_eq!(missing.status(), StatusCode::FORBIDDEN);
    assert!(
        json_of(missing).await["detail"]
            .as_str()
            .unwrap()
            .contains("missing")
    );
    assert_eq!(
        post(Some("Zm9yZ2Vk"), None, None).await.unwrap().status(),
        StatusCode::FORBIDDEN,
        "forged"
    );
    assert_eq!(
        post(Some(&other.csrf), None, None).await.unwrap().status(),
        StatusCode::FORBIDDEN,
        "another session's token"
    );
    assert_eq!(
        post(Some(&owner.csrf), Some("https://evil.example"), None)
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN,
        "cross-site origin"
    );
    assert_eq!(
        post(Some(&owner.csrf), None, Some("cross-site"))
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN,
        "Sec-Fetch-Site"
    );
    assert_eq!(
        post(Some(&owner.csrf), Some(&app.url), Some("same-origin"))
            .await
            .unwrap()
            .status(),
        StatusCode::CREATED
    );

    let token = app.token(&owner).await;
    let bearer = app
        .client
        .post(app.at("/api/v1/tokens"))
        .bearer_auth(&token)
        .json(&json!({"name": "no csrf"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        bearer.status(),
        StatusCode::CREATED,
        "bearer requests need no CSRF token"
    );
}

#[tokio::test]
async fn tokens_are_shown_once_and_stop_working_when_revoked() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let token = app.token(&owner).await;
    assert!(token.starts_with("bahi_"));
    let me = app
        .client
        .get(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    let list = json_of(
        owner
            .client
            .get(app.at("/api/v1/tokens"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let listed = &list["items"][0];
    assert!(token.starts_with(listed["prefix"].as_str().unwrap()));
    assert!(
        !list.to_string().contains(&token),
        "the secret is never listed"
    );
    assert!(listed["last_used_at"].is_string(), "last use is recorded");
    let id = listed["id"].as_str().unwrap();
    let revoked = app
        .send_as(
            &owner,
            reqwest::Method::DELETE,
            &format!("/api/v1/tokens/{id}"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.client
            .get(app.at("/api/v1/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.client
            .get(app.at("/api/v1/me"))
            .bearer_auth("bahi_madeup")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn failed_logins_lock_the_account_with_retry_after() {
    let app = TestApp::start_with(Options {
        vars: vec![("BAHI_LOGIN_FAILURES_PER_ACCOUNT", "3".into())],
        ..Options::default()
    })
    .await;
    app.signup("owner@example.com").await;
    let attempt = |password: &'static str| {
        app.client
            .post(app.at("/api/v1/auth/login"))
            .json(&json!({"email": "owner@example.com", "password": password}))
            .send()
    };
    for _ in 0..3 {
        assert_eq!(
            attempt("wrong-wrong-wrong").await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let locked = attempt(STRONG_PASSWORD).await.unwrap();
    assert_eq!(
        locked.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let retry: i64 = locked.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 800 && retry <= 900, "{retry}");
    // Another account from the same address is not locked.
    app.signup("second@example.com").await;
    let other = app
        .client
        .post(app.at("/api/v1/auth/login"))
        .json(&json!({"email": "second@example.com", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::OK);
}

#[tokio::test]
async fn signups_are_limited_per_address() {
    let app = TestApp::start_with(Options {
        vars: vec![("BAHI_SIGNUP_LIMIT_PER_HOUR", "2".into())],
        ..Options::default()
    })
    .await;
    app.signup("a@example.com").await;
    app.signup("b@example.com").await;
    let third = app
        .client
        .post(app.at("/api/v1/auth/signup"))
        .json(&json!({"name": "C", "email": "c@example.com", "password": STRONG_PASSWORD, "organisation": {"legal_name": "C", "state_code": "29"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(third.headers().contains_key("retry-after"));
}

/// Every route under /api/v1/orgs/{org_id}, read from the generated OpenAPI document: an
/// anonymous caller gets 401 and a member of another organisation 404. A new route is covered
/// the day it is added.
#[tokio::test]
async fn every_org_route_hides_other_tenants() {
    let app = TestApp::start().await;
    let victim = app.signup("victim@example.com").await;
    let intruder = app.signup("intruder@example.com").await;
    let intruder_token = app.token(&intruder).await;
    let doc = json_of(app.get("/api/openapi.json").await).await;
    let mut walked = 0;
    for (path, methods) in doc["paths"].as_object().unwrap() {
        if !path.starts_with("/api/v1/orgs/{org_id}") {
            continue;
        }
        let concrete = path
            .replace("{org_id}", &victim.org_id)
            .split('/')
            .map(|seg| {
                if seg.starts_with('{') {
                    uuid::Uuid::now_v7().to_string()
                } else {
                    seg.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        for method in methods.as_object().unwrap().keys() {
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let anonymous = app
                .client
                .request(method.clone(), app.at(&concrete))
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            assert_eq!(
                anonymous.status(),
                StatusCode::UNAUTHORIZED,
                "{method} {path} anonymous"
            );
            let other = app
                .client
                .request(method.clone(), app.at(&concrete))
                .bearer_auth(&intruder_token)
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            assert_eq!(
                other.status(),
                StatusCode::NOT_FOUND,
                "{method} {path} as a member of another organisation"
            );
            walked += 1;
        }
    }
    assert!(walked >= 7, "the walk found the org routes ({walked})");
    // The victim still reaches them.
    assert_eq!(
        app.status(&victim.client, &format!("/api/v1/orgs/{}", victim.org_id))
            .await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn invitation_to_membership_with_roles_and_the_last_owner_rule() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let org = &owner.org_id;
    let invite = app
        .send_as(
            &owner,
            reqwest::Method::POST,
            &format!("/api/v1/orgs/{org}/members"),
        )
        .json(&json!({"email": "Colleague@Example.com", "role": "accountant"}))
        .send()
        .await
        .unwrap();
    assert_eq!(invite.status(), StatusCode::CREATED);
    let body = json_of(invite).await;
    let url = body["accept_url"].as_str().unwrap();
    let token = url.rsplit('/').next().unwrap();
    assert_eq!(body["invitation"]["email"], "colleague@example.com");

    let view = json_of(app.get(&format!("/api/v1/invitations/{token}")).await).await;
    assert_eq!(view["role"].as_str(), Some("accountant"));
    assert!(
        view.get("account_exists").is_none(),
        "nobody but the account learns whether it exists: {view}"
    );
    let colleague = app.browser();
    let weak = colleague
        .post(app.at(&format!("/api/v1/invitations/{token}/accept")))
        .json(&json!({"name": "Ravi", "password": "password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let accepted = colleague
        .post(app.at(&format!("/api/v1/invitations/{token}/accept")))
        .json(&json!({"name": "Ravi", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), StatusCode::OK);
    let accepted = json_of(accepted).await;
    assert_eq!(accepted["organisations"][0]["role"], "accountant");
    let ravi_id = accepted["user"]["id"].as_str().unwrap().to_owned();
    let ravi_csrf = accepted["csrf_token"].as_str().unwrap().to_owned();
    let reused = app
        .client
        .post(app.at(&format!("/api/v1/invitations/{token}/accept")))
        .json(&json!({"name": "X", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(reused.status(), StatusCode::CONFLICT, "single use");

    let members = json_of(
        colleague
            .get(app.at(&format!("/api/v1/orgs/{org}/members")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(members["items"].as_array().unwrap().len(), 2);
    let forbidden = colleague
        .post(app.at(&format!("/api/v1/orgs/{org}/members")))
        .header("x-csrf-token", &ravi_csrf)
        .json(&json!({"email": "z@example.com", "role": "viewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        forbidden.status(),
        StatusCode::FORBIDDEN,
        "accountants cannot invite"
    );

    let demote_last = app
        .send_as(
            &owner,
            reqwest::Method::PATCH,
            &format!("/api/v1/orgs/{org}/members/{}", owner.user_id),
        )
        .json(&json!({"role": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(demote_last.status(), StatusCode::CONFLICT);
    let remove_last = app
        .send_as(
            &owner,
            reqwest::Method::DELETE,
            &format!("/api/v1/orgs/{org}/members/{}", owner.user_id),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(remove_last.status(), StatusCode::CONFLICT);
    let promote = app
        .send_as(
            &owner,
            reqwest::Method::PATCH,
            &format!("/api/v1/orgs/{org}/members/{ravi_id}"),
        )
        .json(&json!({"role": "owner"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(promote).await["role"], "owner");
    let demote = app
        .send_as(
            &owner,
            reqwest::Method::PATCH,
            &format!("/api/v1/orgs/{org}/members/{}", owner.user_id),
        )
        .json(&json!({"role": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(demote.status(), StatusCode::OK, "no longer the last owner");
    let remove = colleague
        .delete(app.at(&format!("/api/v1/orgs/{org}/members/{}", owner.user_id)))
        .header("x-csrf-token", &ravi_csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(remove.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.status(&owner.client, &format!("/api/v1/orgs/{org}"))
            .await,
        StatusCode::NOT_FOUND,
        "removed means gone"
    );

    // Both the signup and the membership changes are on the organisation's trail, and it verifies.
    let events = json_of(
        colleague
            .get(app.at(&format!("/api/v1/orgs/{org}/audit-events?limit=50")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let actions: Vec<&str> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        vec![
            "member.remove",
            "member.role_change",
            "member.role_change",
            "member.join",
            "member.invite",
            "user.signup"
        ]
    );
    assert_eq!(events["items"][5]["actor"]["email"], "owner@example.com");
    let verified = json_of(
        colleague
            .get(app.at(&format!("/api/v1/orgs/{org}/audit-events/verify")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(verified, json!({"ok": true, "events": 6}));
    let page = json_of(
        colleague
            .get(app.at(&format!("/api/v1/orgs/{org}/audit-events?limit=4")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let cursor = page["next_cursor"].as_str().unwrap();
    let rest = json_of(
        colleague
            .get(app.at(&format!(
                "/api/v1/orgs/{org}/audit-events?limit=4&cursor={cursor}"
            )))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(rest["items"].as_array().unwrap().len(), 2);
    assert!(rest["next_cursor"].is_null());
}

#[tokio::test]
async fn suspended_organisations_are_closed_to_their_members() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let admin = app.signup("admin@example.com").await;
    let mut tx = app.db.begin_write().await.unwrap();
    bahi_store::identity::users::set_platform_admin(&mut tx, admin.user_id.parse().unwrap(), true)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let not_admin = owner
        .client
        .get(app.at("/api/v1/admin/orgs"))
        .send()
        .await
        .unwrap();
    assert_eq!(not_admin.status(), StatusCode::FORBIDDEN);
    let orgs = json_of(
        admin
            .client
            .get(app.at("/api/v1/admin/orgs"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(orgs["items"].as_array().unwrap().len(), 2);
    let suspend = app
        .send_as(
            &admin,
            reqwest::Method::POST,
            &format!("/api/v1/admin/orgs/{}/suspend", owner.org_id),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(suspend).await["suspended"], true);
    assert_eq!(
        app.status(&owner.client, &format!("/api/v1/orgs/{}", owner.org_id))
            .await,
        StatusCode::FORBIDDEN
    );
    app.send_as(
        &admin,
        reqwest::Method::POST,
        &format!("/api/v1/admin/orgs/{}/unsuspend", owner.org_id),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(
        app.status(&owner.client, &format!("/api/v1/orgs/{}", owner.org_id))
            .await,
        StatusCode::OK
    );
    let health = json_of(
        admin
            .client
            .get(app.at("/api/v1/admin/health"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(health["status"], "pass", "{health}");
}

#[tokio::test]
async fn sessions_end_when_idle_or_old_and_at_password_change() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let second = app.browser();
    second
        .post(app.at("/api/v1/auth/login"))
        .json(&json!({"email": "owner@example.com", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(app.status(&second, "/api/v1/me").await, StatusCode::OK);
    let change = app.send_as(&owner, reqwest::Method::POST, "/api/v1/me/password")
        .json(&json!({"current_password": STRONG_PASSWORD, "new_password": "another-long-secret-phrase-77"}))
        .send()
        .await
        .unwrap();
    assert_eq!(change.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.status(&second, "/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "other sessions end"
    );
    assert_eq!(
        app.status(&owner.client, "/api/v1/me").await,
        StatusCode::OK,
        "this one stays"
    );

    // Idle for three hours (the default idle timeout is two).
    let three_hours_ago = time::OffsetDateTime::now_utc() - time::Duration::hours(3);
    app.set_sessions("last_seen_at", three_hours_ago).await;
    assert_eq!(
        app.status(&owner.client, "/api/v1/me").await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn client_address_comes_from_forwarded_headers_only_behind_trusted_proxies() {
    for (trusted, expected) in [(None, "127.0.0.1"), (Some("127.0.0.1/32"), "203.0.113.9")] {
        let vars = trusted
            .map(|t| vec![("BAHI_TRUSTED_PROXIES", t.to_owned())])
            .unwrap_or_default();
        let app = TestApp::start_with(Options {
            vars,
            ..Options::default()
        })
        .await;
        let owner = app.signup("owner@example.com").await;
        app.send_as(
            &owner,
            reqwest::Method::POST,
            &format!("/api/v1/orgs/{}/members", owner.org_id),
        )
        .header("x-forwarded-for", "203.0.113.9")
        .json(&json!({"email": "x@example.com", "role": "viewer"}))
        .send()
        .await
        .unwrap();
        let events = json_of(
            owner
                .client
                .get(app.at(&format!("/api/v1/orgs/{}/audit-events", owner.org_id)))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(events["items"][0]["action"], "member.invite");
        assert_eq!(
            events["items"][0]["ip"], expected,
            "trusted proxies: {trusted:?}"
        );
    }
}

#[tokio::test]
async fn security_headers_and_cors() {
    let app = TestApp::start_with(Options {
        vars: vec![("BAHI_ALLOWED_ORIGINS", "https://app.example.com".into())],
        ..Options::default()
    })
    .await;
    let page = app.get("/").await;
    let csp = page.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'")
            && csp.contains("frame-ancestors 'none'")
            && !csp.contains("unsafe-inline")
    );
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert!(page.headers().contains_key("referrer-policy"));
    assert!(
        !page.headers().contains_key("strict-transport-security"),
        "HSTS only in production"
    );

    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.at("/api/v1/me"))
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .send()
    };
    let allowed = preflight("https://app.example.com").await.unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://app.example.com"
    );
    assert_eq!(
        allowed.headers()["access-control-allow-credentials"],
        "true"
    );
    let refused = preflight("https://evil.example").await.unwrap();
    assert!(
        !refused
            .headers()
            .contains_key("access-control-allow-origin")
    );
}

#[tokio::test]
async fn https_sites_use_host_prefixed_secure_cookies() {
    let app = TestApp::start_with(Options {
        vars: vec![("BAHI_PUBLIC_URL", "https://books.example.com".into())],
        ..Options::default()
    })
    .await;
    let response = app
        .client
        .post(app.at("/api/v1/auth/signup"))
        .header("origin", "https://books.example.com")
        .json(&json!({"name": "A", "email": "a@example.com", "password": STRONG_PASSWORD, "organisation": {"legal_name": "A", "state_code": "29"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let cookies: Vec<&str> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("__Host-bahi_session="))
        .expect("a __Host- session cookie");
    assert!(
        session.contains("Secure")
            && session.contains("HttpOnly")
            && session.contains("Path=/")
            && !session.contains("Domain")
    );
    let csrf = cookies
        .iter()
        .find(|c| c.starts_with("__Host-bahi_csrf="))
        .expect("the CSRF cookie");
    assert!(
        !csrf.contains("HttpOnly"),
        "scripts may read the CSRF cookie to double-submit it"
    );
}

#[tokio::test]
async fn sessions_end_at_the_absolute_timeout_however_busy() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    assert_eq!(
        app.status(&owner.client, "/api/v1/me").await,
        StatusCode::OK
    );
    let past = time::OffsetDateTime::now_utc() - time::Duration::minutes(1);
    app.set_sessions("expires_at", past).await;
    assert_eq!(
        app.status(&owner.client, "/api/v1/me").await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn organisation_settings_change_field_by_field() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let url = app.at(&format!("/api/v1/orgs/{}", owner.org_id));
    let patch = |body: Value| {
        owner
            .client
            .patch(&url)
            .header("x-csrf-token", &owner.csrf)
            .json(&body)
            .send()
    };
    let changed = json_of(patch(json!({"trade_name": "Asha Stores", "upi_vpa": "asha@okbank", "round_off_totals": false})).await.unwrap()).await;
    assert_eq!(changed["trade_name"], "Asha Stores");
    assert_eq!(
        changed["legal_name"], "owner@example.com Traders",
        "untouched fields keep their value"
    );
    assert_eq!(changed["round_off_totals"], false);
    let gstin = json_of(patch(json!({"gstin": "27AAPFU0939F1ZV"})).await.unwrap()).await;
    assert_eq!(
        (gstin["gstin"].as_str(), gstin["state_code"].as_str()),
        (Some("27AAPFU0939F1ZV"), Some("27")),
        "the state follows a new GSTIN"
    );
    let bad = patch(json!({"gstin": "27AAPFU0939F1ZX", "upi_vpa": "not a vpa"}))
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = json_of(bad).await["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, vec!["gstin", "upi_vpa"]);
    let cleared = json_of(patch(json!({"trade_name": null})).await.unwrap()).await;
    assert!(cleared["trade_name"].is_null());
    assert_eq!(
        cleared["gstin"], "27AAPFU0939F1ZV",
        "a failed change changed nothing"
    );

    // What documents print: the bank account, the signatory, terms over several lines.
    let printed = json_of(
        patch(json!({"bank_name": "HDFC Bank, Laxmi Road", "bank_account_number": "5010 0123 4567 89",
                     "bank_ifsc": "hdfc0001234", "signatory": "Asha Rao",
                     "invoice_terms": "Goods once sold are not taken back.\nSubject to Pune jurisdiction."}))
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(printed["bank_account_number"], "50100123456789");
    assert_eq!(printed["bank_ifsc"], "HDFC0001234");
    assert!(printed["invoice_terms"].as_str().unwrap().contains('\n'));
    let bad = patch(json!({"bank_account_number": "12AB", "bank_ifsc": "HDFC1001234"}))
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = json_of(bad).await["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, vec!["bank_account_number", "bank_ifsc"]);
    let kept = json_of(patch(json!({"signatory": null})).await.unwrap()).await;
    assert!(kept["signatory"].is_null());
    assert_eq!(
        kept["bank_ifsc"], "HDFC0001234",
        "a refused change changed nothing"
    );
}

#[tokio::test]
async fn malformed_bodies_name_the_field() {
    let app = TestApp::start().await;
    let send = |body: &'static str| {
        app.client
            .post(app.at("/api/v1/auth/signup"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let missing = send(r#"{"name": "A", "password": "x", "organisation": {"legal_name": "A"}}"#)
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        missing.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        json_of(missing).await["errors"][0],
        json!({"field": "email", "message": "is required"})
    );

    let wrong_type = send(r#"{"name": "A", "email": "a@example.com", "password": "x", "organisation": {"legal_name": 42}}"#).await.unwrap();
    let body = json_of(wrong_type).await;
    assert_eq!(body["errors"][0]["field"], "organisation.legal_name");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("invalid type")
    );

    let nested_missing =
        send(r#"{"name": "A", "email": "a@example.com", "password": "x", "organisation": {}}"#)
            .await
            .unwrap();
    assert_eq!(
        json_of(nested_missing).await["errors"][0]["field"],
        "organisation.legal_name"
    );

    let broken = send(r#"{"name": "#).await.unwrap();
    assert_eq!(broken.status(), StatusCode::BAD_REQUEST);
    assert!(
        json_of(broken).await["detail"]
            .as_str()
            .unwrap()
            .starts_with("The body is not valid JSON")
    );

    let not_json = app
        .client
        .post(app.at("/api/v1/auth/login"))
        .body("email=a")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        not_json.headers()["content-type"],
        "application/problem+json"
    );
}

#[tokio::test]
async fn a_user_adds_a_second_business_through_the_api() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let bad = app
        .send_as(&owner, reqwest::Method::POST, "/api/v1/orgs")
        .json(&json!({"legal_name": "Ravi Stores", "gstin": "27AAPFU0939F1ZX"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json_of(bad).await["errors"][0]["field"], "gstin");
    let created = app
        .send_as(&owner, reqwest::Method::POST, "/api/v1/orgs")
        .json(
            &json!({"legal_name": "Ravi Stores", "state_code": "29", "time_zone": "Asia/Kolkata"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let created = json_of(created).await;
    assert_eq!(created["state_code"], "29");
    assert_eq!(created["time_zone"], "Asia/Kolkata");
    let me = json_of(owner.client.get(app.at("/api/v1/me")).send().await.unwrap()).await;
    let organisations = me["organisations"].as_array().unwrap();
    assert_eq!(organisations.len(), 2, "{me}");
    assert!(
        organisations
            .iter()
            .any(|o| o["id"] == created["id"] && o["role"] == "owner")
    );
    let log = json_of(
        owner
            .client
            .get(app.at(&format!(
                "/api/v1/orgs/{}/audit-events",
                created["id"].as_str().unwrap()
            )))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(log["items"][0]["action"], "organisation.create");
}

#[tokio::test]
async fn a_user_chooses_the_language_of_their_pages() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let me = json_of(owner.client.get(app.at("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(me["user"]["language"], "en");
    let wrong = app
        .send_as(&owner, reqwest::Method::PATCH, "/api/v1/me")
        .json(&json!({"language": "fr"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json_of(wrong).await["errors"][0]["field"], "language");
    let changed = app
        .send_as(&owner, reqwest::Method::PATCH, "/api/v1/me")
        .json(&json!({"language": "hi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(json_of(changed).await["language"], "hi");
    let page = owner
        .client
        .get(app.at("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<html lang=\"hi\">"), "the pages follow");
}

/// The authenticator's key on the enrolment page.
fn key_on(page: &str) -> String {
    page.split("<code id=\"secret\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_else(|| panic!("no key on the page: {page}"))
        .to_owned()
}

fn unix_now() -> u64 {
    u64::try_from(time::OffsetDateTime::now_utc().unix_timestamp()).unwrap()
}

/// Turns on two-factor sign-in through the account pages; the key, the recovery codes and
/// the moment whose code confirmed it.
async fn enrol(app: &TestApp, who: &common::Account) -> (String, Vec<String>, u64) {
    let started = who.form(app, "/account/two-factor/start", &[]).await;
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    let key = key_on(&who.page(app, "/account/two-factor").await);
    let wrong = who
        .form(app, "/account/two-factor/confirm", &[("code", "000000")])
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let confirmed_at = unix_now();
    let code = bahi_app::identity::two_factor::code_at(&key, confirmed_at).unwrap();
    let confirmed = who
        .form(app, "/account/two-factor/confirm", &[("code", &code)])
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let page = confirmed.text().await.unwrap();
    let codes: Vec<String> = page
        .split("<li><code>")
        .skip(1)
        .filter_map(|rest| rest.split('<').next())
        .map(str::to_owned)
        .collect();
    (key, codes, confirmed_at)
}

async fn login_with(app: &TestApp, email: &str, code: Option<&str>) -> reqwest::Response {
    let mut body = json!({"email": email, "password": STRONG_PASSWORD});
    if let Some(code) = code {
        body["code"] = json!(code);
    }
    app.browser()
        .post(app.at("/api/v1/auth/login"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn two_factor_sign_in_takes_a_fresh_code_or_a_recovery_code_once() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let (key, codes, confirmed_at) = enrol(&app, &owner).await;
    assert_eq!(codes.len(), 10);
    assert!(
        codes
            .iter()
            .all(|c| c.len() == 11 && c.as_bytes()[5] == b'-'),
        "{codes:?}"
    );
    // The authenticator key is sealed at rest.
    const STORED: &str = "SELECT secret FROM two_factor";
    let stored: String = match &app.db {
        bahi_store::Db::Sqlite(pool) => sqlx::query_scalar(STORED).fetch_one(pool).await.unwrap(),
        bahi_store::Db::Postgres(pool) => sqlx::query_scalar(STORED).fetch_one(pool).await.unwrap(),
    };
    assert!(
        stored.starts_with("v1.") && !stored.contains(&key),
        "{stored}"
    );

    // The password alone is not enough now.
    let bare = login_with(&app, "asha@example.com", None).await;
    assert_eq!(bare.status(), StatusCode::UNAUTHORIZED);
    let problem: Value = bare.json().await.unwrap();
    assert!(
        problem["detail"].as_str().unwrap().contains("`code`"),
        "{problem}"
    );
    // The code that confirmed enrolment has been used; the next step's code works, once.
    let used = bahi_app::identity::two_factor::code_at(&key, confirmed_at).unwrap();
    let next = bahi_app::identity::two_factor::code_at(&key, confirmed_at + 30).unwrap();
    if used != next {
        assert_eq!(
            login_with(&app, "asha@example.com", Some(&used))
                .await
                .status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        login_with(&app, "asha@example.com", Some(&next))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        login_with(&app, "asha@example.com", Some(&next))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a code is accepted once"
    );
    // A recovery code, typed loosely, works once.
    let loose = codes[0].to_uppercase().replace('-', " ");
    assert_eq!(
        login_with(&app, "asha@example.com", Some(&loose))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        login_with(&app, "asha@example.com", Some(&codes[0]))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let status = owner.page(&app, "/account/two-factor").await;
    assert!(status.contains("Recovery codes left: 9"), "{status}");
    // Guessing is throttled: a few wrong codes, then 429 even for a right one.
    let mut refused = false;
    for _ in 0..6 {
        let r = login_with(&app, "asha@example.com", Some("123456")).await;
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            refused = true;
            break;
        }
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert!(refused, "wrong codes are throttled");
    assert_eq!(
        login_with(&app, "asha@example.com", Some(&codes[1]))
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // API tokens are unaffected.
    let token = app.token(&owner).await;
    let me = app
        .client
        .get(app.at("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_business_can_require_two_factor_of_its_members() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let require = |on: bool| {
        app.send_as(
            &owner,
            reqwest::Method::PUT,
            &format!("/api/v1/orgs/{}/two-factor", owner.org_id),
        )
        .json(&json!({"required": on}))
        .send()
    };
    // Not before the owner has it: they would lock themselves out.
    let early = require(true).await.unwrap();
    assert_eq!(early.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let invitation = app.invite(&owner, "ravi@example.com", "accountant").await;
    let ravi = app.browser();
    let accepted = ravi
        .post(app.at(&format!("/api/v1/invitations/{}/accept", invitation.token)))
        .json(&json!({"name": "Ravi", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), StatusCode::OK);
    let ravi_csrf = json_of(accepted).await["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let ravi_token = {
        let r = ravi
            .post(app.at("/api/v1/tokens"))
            .header("x-csrf-token", &ravi_csrf)
            .json(&json!({"name": "scripts"}))
            .send()
            .await
            .unwrap();
        json_of(r).await["token"].as_str().unwrap().to_owned()
    };
    enrol(&app, &owner).await;
    assert_eq!(
        require(true).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );

    let parties = format!("/api/v1/orgs/{}/parties", owner.org_id);
    let refused = ravi.get(app.at(&parties)).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let problem: Value = refused.json().await.unwrap();
    assert!(
        problem["detail"].as_str().unwrap().contains("two-factor"),
        "{problem}"
    );
    let page = ravi
        .get(app.at(&format!("/orgs/{}", owner.org_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    // A token is its own credential.
    let scripted = app
        .client
        .get(app.at(&parties))
        .bearer_auth(&ravi_token)
        .send()
        .await
        .unwrap();
    assert_eq!(scripted.status(), StatusCode::OK);
    // The owner, with it on, gets in.
    assert_eq!(app.status(&owner.client, &parties).await, StatusCode::OK);
    assert_eq!(
        require(false).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.status(&ravi, &parties).await, StatusCode::OK);
}

#[tokio::test]
async fn owners_require_two_factor_from_the_members_page() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let members = format!("/orgs/{}/members", owner.org_id);
    let page = owner.page(&app, &members).await;
    assert!(page.contains("Members choose for themselves"), "{page}");
    let early = owner
        .form(
            &app,
            &format!("{members}/two-factor"),
            &[("required", "on")],
        )
        .await;
    assert_eq!(early.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        early
            .text()
            .await
            .unwrap()
            .contains("Turn on two-factor sign-in for your own account first")
    );
    enrol(&app, &owner).await;
    let done = owner
        .form(
            &app,
            &format!("{members}/two-factor"),
            &[("required", "on")],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let page = owner.page(&app, &members).await;
    assert!(
        page.contains("Every member must use two-factor sign-in"),
        "{page}"
    );
}
