//! Parties and items over the API (API.md, Parties and Items) on the real server: the engine's
//! checks each on its field, refused requests that change nothing, search, filters, keyset
//! pages, archive instead of delete, roles, tenancy and the audit trail.

mod common;

use common::{Account, STRONG_PASSWORD, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn json_of(response: reqwest::Response) -> Value {
    response.json().await.unwrap()
}

async fn post(app: &TestApp, who: &Account, path: &str, body: Value) -> reqwest::Response {
    let path = format!("/api/v1/orgs/{}{path}", who.org_id);
    app.send_as(who, Method::POST, &path)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn patch(app: &TestApp, who: &Account, path: &str, body: Value) -> reqwest::Response {
    let path = format!("/api/v1/orgs/{}{path}", who.org_id);
    app.send_as(who, Method::PATCH, &path)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn get(app: &TestApp, who: &Account, path: &str) -> reqwest::Response {
    who.client
        .get(app.at(&format!("/api/v1/orgs/{}{path}", who.org_id)))
        .send()
        .await
        .unwrap()
}

/// The one field a 422 names, and its message.
async fn refused(response: reqwest::Response) -> (String, String) {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json_of(response).await;
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "one problem: {body}");
    (
        errors[0]["field"].as_str().unwrap().to_owned(),
        errors[0]["message"].as_str().unwrap().to_owned(),
    )
}

async fn count(app: &TestApp, table: &str) -> i64 {
    bahi_store::testing::count(&app.db, &format!("SELECT count(*) FROM {table}"), []).await
}

fn acme() -> Value {
    json!({"name": "Acme Traders", "kind": "customer", "registration": "regular",
           "gstin": "27AAPFU0939F1ZV", "state_code": null, "country": null,
           "email": "accounts@acme.example", "phone": null,
           "billing_address": {"line1": "14 Laxmi Road", "city": "Pune", "pincode": "411001", "state_code": "27"}})
}

#[tokio::test]
async fn parties_are_checked_against_their_registration() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;

    let created = post(&app, &owner, "/parties", acme()).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let acme = json_of(created).await;
    assert_eq!(acme["state_code"], "27", "from the GSTIN");
    assert_eq!(acme["gstin"], "27AAPFU0939F1ZV");
    assert_eq!(acme["billing_address"]["city"], "Pune");
    assert_eq!(acme["archived"], false);

    let before = count(&app, "parties").await;
    let cases = [
        (
            json!({"gstin": "27AAPXU0939F1ZV"}),
            "gstin",
            "fourth letter X names no kind of holder",
        ),
        (
            json!({"gstin": "27AAPFU0939F1ZX"}),
            "gstin",
            "check character should be V",
        ),
        (
            json!({"gstin": "0717UNO00157UNO"}),
            "gstin",
            "does not fit a regular party",
        ),
        (json!({"gstin": null}), "gstin", "needs a GSTIN"),
        (
            json!({"state_code": "29"}),
            "state_code",
            "registered in 27, not 29",
        ),
        (
            json!({"registration": "unregistered", "gstin": null, "billing_address": null}),
            "state_code",
            "is needed for a party without a GSTIN",
        ),
        (
            json!({"registration": "unregistered"}),
            "gstin",
            "has no GSTIN",
        ),
        (
            json!({"registration": "overseas", "gstin": null, "billing_address": null}),
            "country",
            "is needed for an overseas party",
        ),
        (
            json!({"billing_address": {"pincode": "011001"}}),
            "billing_address.pincode",
            "six digits",
        ),
        (json!({"email": "not-an-email"}), "email", ""),
        (json!({"name": "  "}), "name", ""),
        (json!({"kind": "friend"}), "kind", "customer, vendor, both"),
    ];
    for (change, field, says) in cases {
        let mut body = crate::acme();
        body["name"] = json!("Another Acme");
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (named, message) = refused(post(&app, &owner, "/parties", body.clone()).await).await;
        assert_eq!(named, field, "{body}: {message}");
        assert!(
            message.contains(says),
            "{field}: {message:?} should say {says:?}"
        );
    }
    assert_eq!(
        count(&app, "parties").await,
        before,
        "refused requests add nothing"
    );

    let taken = post(&app, &owner, "/parties", crate::acme()).await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    assert_eq!(json_of(taken).await["errors"][0]["field"], "gstin");

    let walk_in = post(
        &app,
        &owner,
        "/parties",
        json!({"name": "Walk-in customer", "kind": "customer", "registration": "unregistered",
               "billing_address": {"state_code": "29"}}),
    )
    .await;
    assert_eq!(walk_in.status(), StatusCode::CREATED);
    assert_eq!(
        json_of(walk_in).await["state_code"],
        "29",
        "from the billing address"
    );
    let abroad = post(
        &app,
        &owner,
        "/parties",
        json!({"name": "Globex LLC", "kind": "customer", "registration": "overseas",
               "country": "United States"}),
    )
    .await;
    assert_eq!(abroad.status(), StatusCode::CREATED);
    assert!(json_of(abroad).await["state_code"].is_null());

    // Another business cannot see it.
    let other = app.signup("ravi@example.com").await;
    let id = acme["id"].as_str().unwrap();
    let theirs = other
        .client
        .get(app.at(&format!("/api/v1/orgs/{}/parties/{id}", other.org_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn parties_are_searched_filtered_paged_archived_and_deleted() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let names = [
        ("Zenith Supplies", "vendor"),
        ("acme retail", "customer"),
        ("Bharat Stores", "both"),
        ("Chandra & Sons", "customer"),
        ("Deccan Freight", "vendor"),
    ];
    for (name, kind) in names {
        let made = post(
            &app,
            &owner,
            "/parties",
            json!({"name": name, "kind": kind, "registration": "unregistered", "state_code": "29"}),
        )
        .await;
        assert_eq!(made.status(), StatusCode::CREATED);
    }
    let list = |query: &'static str| {
        let app = &app;
        let owner = &owner;
        async move { json_of(get(app, owner, &format!("/parties{query}")).await).await }
    };
    let names_of = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let customers = list("?kind=customer").await;
    assert_eq!(
        names_of(&customers),
        ["acme retail", "Bharat Stores", "Chandra & Sons"]
    );
    assert_eq!(names_of(&list("?q=FREIGHT").await), ["Deccan Freight"]);

    let mut seen = Vec::new();
    let mut query = "?limit=2".to_owned();
    loop {
        let page = json_of(get(&app, &owner, &format!("/parties{query}")).await).await;
        seen.extend(names_of(&page));
        match page["next_cursor"].as_str() {
            Some(cursor) => query = format!("?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(
        seen,
        [
            "acme retail",
            "Bharat Stores",
            "Chandra & Sons",
            "Deccan Freight",
            "Zenith Supplies"
        ],
        "every party once, by name"
    );
    let bad = get(&app, &owner, "/parties?limit=0").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let bad = get(&app, &owner, "/parties?cursor=bm9wZQ").await;
    assert_eq!(json_of(bad).await["errors"][0]["field"], "cursor");

    let zenith = list("?q=zenith").await["items"][0].clone();
    let id = zenith["id"].as_str().unwrap();
    let changed = patch(
        &app,
        &owner,
        &format!("/parties/{id}"),
        json!({"phone": "+91 98220 12345"}),
    )
    .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let changed = json_of(changed).await;
    assert_eq!(changed["phone"], "+91 98220 12345");
    assert_eq!(changed["state_code"], "29", "untouched fields stay");

    let archived = patch(
        &app,
        &owner,
        &format!("/parties/{id}"),
        json!({"archived": true}),
    )
    .await;
    assert_eq!(json_of(archived).await["archived"], true);
    assert!(names_of(&list("").await).len() == 4, "gone from the list");
    assert_eq!(
        names_of(&list("?archived=true&q=zen").await),
        ["Zenith Supplies"]
    );

    let deleted = app
        .send_as(
            &owner,
            Method::DELETE,
            &format!("/api/v1/orgs/{}/parties/{id}", owner.org_id),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        get(&app, &owner, &format!("/parties/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );

    let log = json_of(
        owner
            .client
            .get(app.at(&format!("/api/v1/orgs/{}/audit-events", owner.org_id)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in [
        "party.create",
        "party.update",
        "party.archive",
        "party.delete",
    ] {
        assert!(actions.contains(&action), "{action}: {actions:?}");
    }
}

#[tokio::test]
async fn viewers_read_parties_and_items_but_change_nothing() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    assert_eq!(
        post(&app, &owner, "/parties", acme()).await.status(),
        StatusCode::CREATED
    );
    let invitation = app.invite(&owner, "priya@example.com", "viewer").await;
    let viewer = app.browser();
    let joined = viewer
        .post(app.at(&format!("/api/v1/invitations/{}/accept", invitation.token)))
        .json(&json!({"name": "Priya", "password": STRONG_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), StatusCode::OK);
    let csrf = json_of(joined).await["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/orgs/{}/parties", owner.org_id);
    let listed = viewer.get(app.at(&path)).send().await.unwrap();
    assert_eq!(json_of(listed).await["items"].as_array().unwrap().len(), 1);
    let refused = viewer
        .post(app.at(&path))
        .header("x-csrf-token", csrf)
        .json(&json!({"name": "X", "kind": "customer", "registration": "unregistered", "state_code": "29"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "parties").await, 1);
}

#[tokio::test]
async fn items_follow_the_engines_rules() {
    let app = TestApp::start().await;
    let owner = app.signup("asha@example.com").await;
    let laptop = json!({"name": "Laptop", "kind": "goods", "hsn_sac": "8471", "unit": "nos",
                        "price": "33333.33", "gst_rate": "18"});
    let created = post(&app, &owner, "/items", laptop.clone()).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let item = json_of(created).await;
    assert_eq!(item["unit"], "NOS");
    assert_eq!(item["price"], "33333.33");
    assert_eq!(item["gst_rate"], "18");
    assert_eq!(item["treatment"], "taxable");
    assert_eq!(item["cess_rate"], "0");

    let before = count(&app, "items").await;
    let cases = [
        (json!({"unit": null}), "unit", "is needed for goods"),
        (json!({"unit": "KG"}), "unit", "KG is not one"),
        (json!({"hsn_sac": "9983"}), "hsn_sac", "goods need an HSN"),
        (
            json!({"hsn_sac": "847"}),
            "hsn_sac",
            "4, 6 or 8 digits, not 3",
        ),
        (json!({"gst_rate": "13"}), "gst_rate", "13% is not one"),
        (
            json!({"treatment": "exempt"}),
            "gst_rate",
            "must be 0 for an item that is exempt",
        ),
        (json!({"price": "-1.00"}), "price", "cannot be negative"),
        (json!({"price": "12.345"}), "price", "at most two decimals"),
        (json!({"price": 12.5}), "price", ""),
        (
            json!({"cess_rate": "12"}),
            "cess_rate",
            "compensation cess ended",
        ),
        (json!({"name": "LAPTOP "}), "name", "already the name"),
    ];
    for (change, field, says) in cases {
        let mut body = laptop.clone();
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let response = post(&app, &owner, "/items", body.clone()).await;
        let status = response.status();
        let problem = json_of(response).await;
        assert!(
            status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::CONFLICT,
            "{body}: {status} {problem}"
        );
        assert_eq!(problem["errors"][0]["field"], field, "{body}: {problem}");
        let message = problem["errors"][0]["message"].as_str().unwrap();
        assert!(
            message.contains(says),
            "{field}: {message:?} should say {says:?}"
        );
    }
    assert_eq!(count(&app, "items").await, before);

    let service = post(
        &app,
        &owner,
        "/items",
        json!({"name": "Installation", "kind": "services", "hsn_sac": "998713",
               "price": "1500", "gst_rate": "18"}),
    )
    .await;
    assert_eq!(service.status(), StatusCode::CREATED);
    assert!(
        json_of(service).await["unit"].is_null(),
        "services need no unit"
    );
    let luxury = post(
        &app,
        &owner,
        "/items",
        json!({"name": "Sports car", "kind": "goods", "hsn_sac": "87032390", "unit": "NOS",
               "price": "2500000", "gst_rate": "40"}),
    )
    .await;
    assert_eq!(luxury.status(), StatusCode::CREATED, "40% is a rate now");

    let by_code = json_of(get(&app, &owner, "/items?q=99").await).await;
    assert_eq!(by_code["items"][0]["name"], "Installation");
    let goods = json_of(get(&app, &owner, "/items?kind=goods").await).await;
    assert_eq!(goods["items"].as_array().unwrap().len(), 2);

    let id = item["id"].as_str().unwrap();
    let repriced = patch(
        &app,
        &owner,
        &format!("/items/{id}"),
        json!({"price": "31999.00"}),
    )
    .await;
    assert_eq!(repriced.status(), StatusCode::OK);
    let repriced = json_of(repriced).await;
    assert_eq!(repriced["price"], "31999.00");
    assert_eq!(repriced["hsn_sac"], "8471");
    let wrong = patch(
        &app,
        &owner,
        &format!("/items/{id}"),
        json!({"gst_rate": "19"}),
    )
    .await;
    assert_eq!(refused(wrong).await.0, "gst_rate");
    let kept = json_of(get(&app, &owner, &format!("/items/{id}")).await).await;
    assert_eq!(kept["gst_rate"], "18", "a refused change changes nothing");
}
