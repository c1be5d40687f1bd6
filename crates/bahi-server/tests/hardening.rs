//! The holes an outside probe found, each shown closed over real HTTP: one lockout for every
//! password check, invitations that are no password oracle and say nothing about accounts,
//! duplicates and races as 409, expiring tokens, and 503 while the schema is not migrated.

mod common;

use bahi_store::testing::{Arg, exec};
use common::{Options, STRONG_PASSWORD, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn json_of(response: reqwest::Response) -> Value {
    response.json().await.expect("JSON body")
}

async fn login(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) -> StatusCode {
    client
        .post(app.at("/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
}

/// Ends every lockout window, as waiting a quarter of an hour would.
async fn let_time_pass(app: &TestApp) {
    exec(&app.db, "UPDATE auth_attempts SET at = at - 7200", []).await;
}

#[tokio::test]
async fn every_password_check_shares_one_lockout() {
    let app = TestApp::start_with(Options {
        vars: vec![("BAHI_LOGIN_FAILURES_PER_ACCOUNT", "3".into())],
        ..Options::default()
    })
    .await;
    let owner = app.signup("owner@example.com").await;
    let anyone = app.browser();
    assert_eq!(
        login(&app, &anyone, "owner@example.com", "wrong-guess-1").await,
        StatusCode::UNAUTHORIZED
    );
    // A wrong current password on the password-change endpoint counts the same as a failed
    // sign-in: it is a password check too.
    let change = app
        .send_as(&owner, Method::POST, "/api/v1/me/password")
        .json(&json!({"current_password": "wrong-guess-2", "new_password": "another-long-passphrase-77"}))
        .send()
        .await
        .unwrap();
    assert_eq!(change.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = anyone
        .post(app.at("/login"))
        .form(&[
            ("email", "owner@example.com"),
            ("password", "wrong-guess-3"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::UNAUTHORIZED);

    // Locked: the right password is refused everywhere, with Retry-After.
    let api = anyone
        .post(app.at("/api/v1/auth/login"))
        .json(&json!({"email": "owner@example.com", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(api.headers().contains_key("retry-after"));
    let page = anyone
        .post(app.at("/login"))
        .form(&[
            ("email", "owner@example.com"),
            ("password", STRONG_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
    let change = app
        .send_as(&owner, Method::POST, "/api/v1/me/password")
        .json(&json!({"current_password": STRONG_PASSWORD, "new_password": "another-long-passphrase-77"}))
        .send()
        .await
        .unwrap();
    assert_eq!(change.status(), StatusCode::TOO_MANY_REQUESTS);

    let_time_pass(&app).await;
    assert_eq!(
        login(&app, &anyone, "owner@example.com", STRONG_PASSWORD).await,
        StatusCode::OK,
        "the lockout ends"
    );
}

#[tokio::test]
async fn an_invitation_is_no_password_oracle() {
    let app = TestApp::start().await;
    let victim = app.signup("victim@example.com").await;
    let attacker = app.signup("attacker@example.com").await;
    let token = app
        .invite(&attacker, "victim@example.com", "viewer")
        .await
        .token;

    let view = json_of(app.get(&format!("/api/v1/invitations/{token}")).await).await;
    assert!(view.get("account_exists").is_none(), "{view}");

    // Posting the victim's (right) password to the invitation gets no session.
    let stranger = app.browser();
    let guess = stranger
        .post(app.at(&format!("/api/v1/invitations/{token}/accept")))
        .json(&json!({"name": "Victim", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(guess.status(), StatusCode::CONFLICT);
    assert!(
        guess.headers().get("set-cookie").is_none(),
        "no session is started"
    );
    assert_eq!(json_of(guess).await["errors"][0]["field"], "email");
    assert_eq!(
        stranger
            .get(app.at("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );

    // Signed in as someone else: refused.
    let wrong = app
        .send_as(
            &attacker,
            Method::POST,
            &format!("/api/v1/invitations/{token}/accept"),
        )
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);

    // Signed in as the invited address: joins, and keeps its own organisation.
    let accepted = app
        .send_as(
            &victim,
            Method::POST,
            &format!("/api/v1/invitations/{token}/accept"),
        )
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), StatusCode::OK);
    let body = json_of(accepted).await;
    assert_eq!(body["organisations"].as_array().unwrap().len(), 2);
    assert!(body["csrf_token"].as_str().is_some());
}

#[tokio::test]
async fn invitations_are_limited_unique_revocable_and_resendable() {
    let app = TestApp::start_with(Options {
        vars: vec![("BAHI_INVITATIONS_PER_INVITER_PER_HOUR", "4".into())],
        ..Options::default()
    })
    .await;
    let owner = app.signup("owner@example.com").await;
    let members = format!("/api/v1/orgs/{}/members", owner.org_id);
    let first = app.invite(&owner, "a@example.com", "viewer").await.token;
    let again = app
        .send_as(&owner, Method::POST, &members)
        .json(&json!({"email": "A@example.com", "role": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT, "one open invitation");
    assert_eq!(json_of(again).await["errors"][0]["field"], "email");

    let open = json_of(
        app.send_as(
            &owner,
            Method::GET,
            &format!("/api/v1/orgs/{}/invitations", owner.org_id),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    let id = open["items"][0]["id"].as_str().unwrap().to_owned();
    let resent = app
        .send_as(
            &owner,
            Method::POST,
            &format!("/api/v1/orgs/{}/invitations/{id}/resend", owner.org_id),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resent.status(), StatusCode::OK);
    let new_link = json_of(resent).await["accept_url"]
        .as_str()
        .unwrap()
        .to_owned();
    let new_token = new_link.rsplit('/').next().unwrap();
    assert_eq!(
        app.status(&app.client, &format!("/api/v1/invitations/{first}"))
            .await,
        StatusCode::NOT_FOUND,
        "the old link stops working"
    );
    assert_eq!(
        app.status(&app.client, &format!("/api/v1/invitations/{new_token}"))
            .await,
        StatusCode::OK
    );
    let revoked = app
        .send_as(
            &owner,
            Method::DELETE,
            &format!("/api/v1/orgs/{}/invitations/{id}", owner.org_id),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.status(&app.client, &format!("/api/v1/invitations/{new_token}"))
            .await,
        StatusCode::NOT_FOUND
    );

    // Two used (one invitation, one re-send); two more fit in the hour, then 429.
    app.invite(&owner, "a@example.com", "viewer").await;
    app.invite(&owner, "b@example.com", "viewer").await;
    let over = app
        .send_as(&owner, Method::POST, &members)
        .json(&json!({"email": "c@example.com", "role": "viewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(over.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(over.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn racing_signups_with_one_email_get_one_201_and_409s() {
    let app = TestApp::start().await;
    let url = app.at("/api/v1/auth/signup");
    // All in flight together, each on its own task: on PostgreSQL they pass the "is it taken"
    // check together and the unique key decides.
    let racers: Vec<_> = (0..6)
        .map(|i| {
            let (client, url) = (app.client.clone(), url.clone());
            tokio::spawn(async move {
                client
                    .post(url)
                    .json(&json!({"name": format!("Racer {i}"), "email": "race@example.com",
                                  "password": STRONG_PASSWORD,
                                  "organisation": {"legal_name": format!("Race {i}"), "state_code": "29"}}))
                    .send()
                    .await
            })
        })
        .collect();
    let mut created = 0;
    for racer in racers {
        let response = racer.await.unwrap().unwrap();
        match response.status() {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {
                assert_eq!(json_of(response).await["errors"][0]["field"], "email");
            }
            other => panic!("{other}: {}", response.text().await.unwrap_or_default()),
        }
    }
    assert_eq!(created, 1);
}

#[tokio::test]
async fn api_tokens_expire_and_a_password_change_can_revoke_them() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let create = |days: Value| {
        app.send_as(&owner, Method::POST, "/api/v1/tokens")
            .json(&json!({"name": "sync", "expires_in_days": days}))
            .send()
    };
    let out_of_range = create(json!(0)).await.unwrap();
    assert_eq!(out_of_range.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        json_of(out_of_range).await["errors"][0]["field"],
        "expires_in_days"
    );
    let made = json_of(create(json!(30)).await.unwrap()).await;
    assert!(made["expires_at"].as_str().is_some());
    let token = made["token"].as_str().unwrap().to_owned();
    let me = |token: String| {
        app.client
            .get(app.at("/api/v1/me"))
            .bearer_auth(token)
            .send()
    };
    assert_eq!(me(token.clone()).await.unwrap().status(), StatusCode::OK);
    exec(
        &app.db,
        "UPDATE api_tokens SET expires_at = $1",
        [Arg::Time(
            time::OffsetDateTime::now_utc() - time::Duration::minutes(1),
        )],
    )
    .await;
    assert_eq!(
        me(token).await.unwrap().status(),
        StatusCode::UNAUTHORIZED,
        "expired"
    );

    let lasting = app.token(&owner).await;
    let changed = app
        .send_as(&owner, Method::POST, "/api/v1/me/password")
        .json(&json!({"current_password": STRONG_PASSWORD,
                      "new_password": "another-long-passphrase-77", "revoke_tokens": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        me(lasting).await.unwrap().status(),
        StatusCode::UNAUTHORIZED,
        "revoked with the password change"
    );
}

#[tokio::test]
async fn signing_in_again_ends_the_browsers_previous_session() {
    let app = TestApp::start().await;
    app.signup("owner@example.com").await;
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let first = browser
        .post(app.at("/api/v1/auth/login"))
        .json(&json!({"email": "owner@example.com", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = first
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("bahi_session="))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let second = browser
        .post(app.at("/api/v1/auth/login"))
        .header("cookie", &cookie)
        .json(&json!({"email": "owner@example.com", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), StatusCode::OK);
    let old = browser
        .get(app.at("/api/v1/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn pending_migrations_answer_503_not_500() {
    let app = TestApp::start_with(Options {
        skip_migrations: true,
        ..Options::default()
    })
    .await;
    let api = app.get("/api/v1/me").await;
    assert_eq!(api.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
    assert!(api.headers().contains_key("retry-after"));
    let page = app.get("/login").await;
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(
        app.get("/health/live").await.status(),
        StatusCode::OK,
        "the probes still answer"
    );
}

#[tokio::test]
async fn bad_path_and_query_parameters_answer_in_our_words() {
    let app = TestApp::start().await;
    let owner = app.signup("owner@example.com").await;
    let token = app.token(&owner).await;
    let get = |path: String| app.client.get(app.at(&path)).bearer_auth(&token).send();
    let bad_token = app
        .client
        .delete(app.at("/api/v1/tokens/not-an-id"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(bad_token.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        bad_token.headers()["content-type"],
        "application/problem+json"
    );
    let detail = json_of(bad_token).await["detail"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(detail.contains("`id` in the address"), "{detail}");
    assert!(!detail.contains("Cannot parse"), "{detail}");

    for limit in ["0", "-5", "99999999999999999999", "many"] {
        let response = get(format!(
            "/api/v1/orgs/{}/audit-events?limit={limit}",
            owner.org_id
        ))
        .await
        .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "limit={limit}"
        );
        assert_eq!(json_of(response).await["errors"][0]["field"], "limit");
    }
    let cursor = get(format!(
        "/api/v1/orgs/{}/audit-events?cursor=%%%",
        owner.org_id
    ))
    .await
    .unwrap();
    assert_eq!(cursor.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let array = app
        .client
        .post(app.at("/api/v1/auth/signup"))
        .json(&json!(["not", "an", "object"]))
        .send()
        .await
        .unwrap();
    assert_eq!(array.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let message = json_of(array).await["errors"][0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        !message.contains("struct") && !message.contains("SignupInput"),
        "{message}"
    );
}

#[tokio::test]
async fn the_openapi_document_describes_errors_and_public_routes() {
    let app = TestApp::start().await;
    let doc = json_of(app.get("/api/openapi.json").await).await;
    let paths = doc["paths"].as_object().unwrap();
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            for (status, response) in responses {
                // The probes answer application/health+json either way (API.md).
                if !path.starts_with("/health/")
                    && (status.starts_with('4') || status.starts_with('5'))
                {
                    assert!(
                        response["content"]
                            .get("application/problem+json")
                            .is_some(),
                        "{method} {path} {status} is not problem+json"
                    );
                }
            }
            if op.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(
                        responses.contains_key(status),
                        "{method} {path} lacks {status}"
                    );
                }
            }
        }
    }
    for probe in ["/health/live", "/health/ready"] {
        assert_eq!(
            paths[probe]["get"]["security"],
            json!([{}]),
            "{probe} needs no credentials"
        );
    }
    let roles = &doc["components"]["schemas"]["RoleName"]["enum"];
    assert_eq!(roles, &json!(["owner", "admin", "accountant", "viewer"]));
    let password = &doc["components"]["schemas"]["SignupInput"]["properties"]["password"];
    assert_eq!(
        (
            password["minLength"].as_i64(),
            password["maxLength"].as_i64()
        ),
        (Some(10), Some(256))
    );
}
