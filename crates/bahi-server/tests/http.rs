//! The HTTP surface of the walking skeleton, over real HTTP on a random port.

mod common;

use common::{Options, TestApp};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn live_answers_without_the_database() {
    let app = TestApp::start_with(Options {
        database_url: Some("postgres://nobody@127.0.0.1:1/none".to_owned()),
        skip_migrations: true,
        ..Options::default()
    })
    .await;
    let response = app.get("/health/live").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "application/health+json"
    );
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        serde_json::json!({"status": "pass"})
    );

    // The same server is not ready: its database cannot be reached.
    let response = app.get("/health/ready").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        serde_json::json!({"status": "fail"})
    );
}

#[tokio::test]
async fn ready_once_migrated() {
    let app = TestApp::start().await;
    let response = app.get("/health/ready").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        serde_json::json!({"status": "pass"})
    );
}

#[tokio::test]
async fn not_ready_while_migrations_are_pending() {
    let app = TestApp::start_with(Options {
        skip_migrations: true,
        ..Options::default()
    })
    .await;
    assert_eq!(
        app.get("/health/ready").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    // Once an operator migrates, the same server becomes ready without a restart.
    bahi_app::migrations::release()
        .up(&app.db, &bahi_store::migrate::UpOptions::default())
        .await
        .unwrap();
    assert_eq!(app.get("/health/ready").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn request_id_is_generated_or_echoed() {
    let app = TestApp::start().await;
    let generated = app.get("/health/live").await;
    let id = generated.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        uuid::Uuid::parse_str(&id).is_ok(),
        "generated ids are UUIDs: {id}"
    );
    let other = app.get("/health/live").await;
    assert_ne!(
        other.headers()["x-request-id"].to_str().unwrap(),
        id,
        "each request gets its own"
    );

    let echoed = app
        .client
        .get(app.at("/api/nope"))
        .header("x-request-id", "client-chosen-42")
        .send()
        .await
        .unwrap();
    assert_eq!(echoed.headers()["x-request-id"], "client-chosen-42");
}

async fn assert_problem(response: reqwest::Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status.as_u16());
    assert!(body["title"].is_string());
    assert!(body["type"].is_string());
    body
}

#[tokio::test]
async fn unknown_api_paths_are_problem_json_and_pages_are_html() {
    let app = TestApp::start().await;
    let body = assert_problem(app.get("/api/v1/nothing-here").await, StatusCode::NOT_FOUND).await;
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("/api/v1/nothing-here")
    );

    let page = app.get("/no-such-page").await;
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(page.text().await.unwrap().contains("Page not found"));
}

#[tokio::test]
async fn wrong_method_under_api_is_problem_json() {
    let app = TestApp::start().await;
    let response = app
        .client
        .delete(app.at("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    let allow = response.headers().get("allow").cloned();
    assert_problem(response, StatusCode::METHOD_NOT_ALLOWED).await;
    assert!(allow.is_some(), "the Allow header survives the rewrite");
}

#[tokio::test]
async fn bodies_over_ten_mebibytes_are_refused() {
    let app = TestApp::start().await;
    let big = vec![b'x'; 10 * 1024 * 1024 + 1];
    let response = app
        .client
        .post(app.at("/api/v1/anything"))
        .body(big)
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::PAYLOAD_TOO_LARGE).await;

    let small = app
        .client
        .post(app.at("/api/v1/anything"))
        .body(vec![b'x'; 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(
        small.status(),
        StatusCode::NOT_FOUND,
        "a small body reaches the router"
    );
}

#[tokio::test]
async fn slow_requests_time_out() {
    let app = TestApp::start_with(Options {
        vars: vec![("BAHI_REQUEST_TIMEOUT_SECS", "1".to_owned())],
        ..Options::default()
    })
    .await;
    let response = app.get("/__test/slow?ms=3000").await;
    assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
    let quick = app.get("/__test/slow?ms=10").await;
    assert_eq!(quick.status(), StatusCode::OK);
}

#[tokio::test]
async fn openapi_document_is_generated_from_the_handlers() {
    let app = TestApp::start().await;
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    let doc: Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(doc["paths"]["/health/ready"]["get"]["responses"]["503"].is_object());
    assert!(doc["paths"]["/health/live"].is_object());
}

#[tokio::test]
async fn home_page_links_a_fingerprinted_stylesheet_cached_for_a_year() {
    let app = TestApp::start().await;
    let page = app.get("/").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("GST") && html.contains("href=\"/login\""),
        "says what bahi is and where to sign in"
    );
    let start = html.find("/static/app.").expect("stylesheet link");
    let end = start + html[start..].find('"').unwrap();
    let href = &html[start..end];
    assert_ne!(href, "/static/app.css", "the link carries a content hash");

    let css = app.get(href).await;
    assert_eq!(css.status(), StatusCode::OK);
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    assert_eq!(
        css.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let plain = app.get("/static/app.css").await;
    assert_eq!(
        plain.headers()["cache-control"],
        "public, max-age=300, must-revalidate"
    );
    assert_eq!(
        app.get("/static/app.0000.css").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn shutdown_lets_in_flight_requests_finish() {
    let app = TestApp::start().await;
    let client = app.client.clone();
    let url = app.at("/__test/slow?ms=1500");
    let in_flight = tokio::spawn(async move { client.get(url).send().await });
    app.until_a_slow_request_is_in_flight().await;
    let base = app.url.clone();
    app.shut_down().await.expect("clean shutdown");
    let response = in_flight
        .await
        .unwrap()
        .expect("the in-flight request completes");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), "slept 1500 ms");
    assert!(
        reqwest::get(format!("{base}/health/live")).await.is_err(),
        "no longer listening"
    );
}

/// Every operation with the statuses it documents (insta): a route, a status or a security
/// change to the contract shows up as a diff to review.
#[tokio::test]
async fn the_api_contract_at_a_glance() {
    let app = TestApp::start().await;
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let mut operations = std::collections::BTreeMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let statuses: Vec<&String> = op["responses"].as_object().unwrap().keys().collect();
            let public = op["security"] == serde_json::json!([{}]);
            operations.insert(
                format!("{} {path}", method.to_uppercase()),
                serde_json::json!({"statuses": statuses, "public": public}),
            );
        }
    }
    insta::assert_json_snapshot!("api_operations", operations);
}

const METRICS_TOKEN: &str = "scraper-0123456789abcdef";

async fn scrape(app: &TestApp, token: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.at("/metrics"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn metrics_need_the_token_and_count_requests_by_route() {
    let app = TestApp::start_with(Options {
        vars: vec![("BAHI_METRICS_TOKEN", METRICS_TOKEN.to_owned())],
        ..Options::default()
    })
    .await;
    assert_eq!(scrape(&app, None).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        scrape(&app, Some("scraper-0123456789abcdeX"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );

    // Two requests to one route with different ids are one series.
    let owner = app.signup("asha@example.com").await;
    for _ in 0..3 {
        assert_eq!(app.get("/health/live").await.status(), StatusCode::OK);
    }
    for id in [&owner.org_id, "01900000-0000-7000-8000-000000000000"] {
        owner
            .client
            .get(app.at(&format!("/api/v1/orgs/{id}/parties")))
            .send()
            .await
            .unwrap();
    }
    let invoice = app
        .send_as(&owner, reqwest::Method::POST, &format!("/api/v1/orgs/{}/parties", owner.org_id))
        .json(&serde_json::json!({"name": "Chola Computers", "kind": "customer", "registration": "unregistered", "state_code": "29"}))
        .send()
        .await
        .unwrap();
    assert_eq!(invoice.status(), StatusCode::CREATED);
    let party: Value = invoice.json().await.unwrap();
    let issued = app
        .send_as(
            &owner,
            reqwest::Method::POST,
            &format!("/api/v1/orgs/{}/invoices", owner.org_id),
        )
        .json(
            &serde_json::json!({"customer_id": party["id"], "date": "2026-10-05", "issue": true,
            "lines": [{"description": "Tea", "hsn_sac": "0902", "quantity": "1", "unit": "KGS",
                       "unit_price": "100", "gst_rate": "5"}]}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(issued.status(), StatusCode::CREATED);

    let response = scrape(&app, Some(METRICS_TOKEN)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text"),
    );
    let body = response.text().await.unwrap();
    let has = |line: &str| {
        assert!(
            body.lines().any(|l| l == line),
            "no line {line:?} in\n{body}"
        );
    };
    has(r#"bahi_http_requests_total{method="GET",route="/health/live",status="200"} 3"#);
    has(
        r#"bahi_http_requests_total{method="GET",route="/api/v1/orgs/{org_id}/parties",status="200"} 1"#,
    );
    has(
        r#"bahi_http_requests_total{method="GET",route="/api/v1/orgs/{org_id}/parties",status="404"} 1"#,
    );
    has(
        r#"bahi_http_request_duration_seconds_count{method="GET",route="/health/live",status="200"} 3"#,
    );
    has("bahi_invoices_issued_total 1");
    has(r#"bahi_outbox_messages{state="pending"} 0"#);
    has(r#"bahi_outbox_messages{state="dead"} 0"#);
    has(r#"bahi_gateway_events{state="failed"} 0"#);
    assert!(body.contains("bahi_db_pool_max 10"), "{body}");
    assert!(body.contains("bahi_build_info{version=\""), "{body}");
    assert!(body.trim_end().ends_with("# EOF"));
    // No series per organisation id.
    assert!(!body.contains(&owner.org_id));
}

#[tokio::test]
async fn metrics_are_not_served_without_a_token_configured() {
    let app = TestApp::start().await;
    assert_eq!(
        scrape(&app, Some(METRICS_TOKEN)).await.status(),
        StatusCode::NOT_FOUND
    );
}
