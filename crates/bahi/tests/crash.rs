//! SIGKILL during a burst of invoice creation (issue 11): the real `bahi serve` on the engine the
//! run names is killed while 16 clients issue invoices. After a restart on the same database,
//! every invoice that was acknowledged (201) is there, issued, with the number it was given;
//! nothing is half-written (no draft, no document without its lines); the numbers are gapless;
//! the audit trail verifies.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bahi_store::testing::TestDatabase;
use common::{free_port, serve};
use serde_json::{Value, json};

const SECRET: &str = "k3Jd93hf2Lq0Zx8Vb7Nm4Pw6Rt1Ys5Ua9Ce2Gi4Ok6Mq8Sv";

fn vars(url: &str, port: &str) -> Vec<(&'static str, String)> {
    vec![
        ("DATABASE_URL", url.to_owned()),
        ("PORT", port.to_owned()),
        ("BAHI_BIND", "127.0.0.1".to_owned()),
        ("BAHI_PUBLIC_URL", format!("http://127.0.0.1:{port}")),
        ("BAHI_SECRET_KEY", SECRET.to_owned()),
        ("BAHI_DB_MAX_CONNECTIONS", "20".to_owned()),
    ]
}

async fn until_ready(base: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(r) = reqwest::get(format!("{base}/health/ready")).await
            && r.status() == 200
        {
            return;
        }
        assert!(Instant::now() < deadline, "the server did not become ready");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_during_a_burst_loses_no_acknowledged_invoice() {
    let database = TestDatabase::new().await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port().to_string();
    let env = vars(&database.url, &port);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let migrated = common::run(dir.path(), &env, &["migrate", "up"]);
    assert!(
        migrated.status.success(),
        "{}",
        common::text(&migrated.stderr)
    );
    let mut server = serve(dir.path(), &env);
    let base = format!("http://127.0.0.1:{port}");
    until_ready(&base).await;

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let signup: Value = client
        .post(format!("{base}/api/v1/auth/signup"))
        .json(&json!({"name": "Asha Rao", "email": "asha@example.com",
            "password": "correct-horse-battery-staple-42",
            "organisation": {"legal_name": "Asha Traders", "gstin": "29AAFCC9980M1ZR"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let org = signup["organisation"]["id"].as_str().unwrap().to_owned();
    let csrf = signup["csrf_token"].as_str().unwrap();
    let token: Value = client
        .post(format!("{base}/api/v1/tokens"))
        .header("x-csrf-token", csrf)
        .json(&json!({"name": "burst"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = token["token"].as_str().unwrap().to_owned();
    let api = reqwest::Client::new();
    let customer: Value = api
        .post(format!("{base}/api/v1/orgs/{org}/parties"))
        .bearer_auth(&token)
        .json(&json!({"name": "Chola Computers", "kind": "customer", "registration": "regular", "gstin": "29AABCS1429B1ZQ"}))
        .send().await.unwrap().json().await.unwrap();
    let body = json!({"customer_id": customer["id"], "date": "2026-10-05", "issue": true,
        "lines": [
            {"description": "Laptop stand", "hsn_sac": "8473", "unit": "NOS", "quantity": "2", "unit_price": "333.33", "gst_rate": "18"},
            {"description": "USB cable", "hsn_sac": "8544", "unit": "NOS", "quantity": "1", "unit_price": "99", "gst_rate": "18"},
            {"description": "Keyboard", "hsn_sac": "8471", "unit": "NOS", "quantity": "3", "unit_price": "1249.50", "gst_rate": "18"}]});

    // 16 clients issue invoices until the server dies under them. A refusal (say a 503 while
    // the machine is loaded) is noted and retried; only a dead connection ends a client.
    let acknowledged: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let refused: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut clients = Vec::new();
    for _ in 0..16 {
        let (api, url, token, body, acknowledged, refused) = (
            api.clone(),
            format!("{base}/api/v1/orgs/{org}/invoices"),
            token.clone(),
            body.clone(),
            acknowledged.clone(),
            refused.clone(),
        );
        clients.push(tokio::spawn(async move {
            loop {
                let Ok(response) = api.post(&url).bearer_auth(&token).json(&body).send().await
                else {
                    return;
                };
                let status = response.status();
                let Ok(text) = response.text().await else {
                    return;
                };
                if status != 201 {
                    refused.lock().unwrap().push(format!("{status}: {text}"));
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
                let Ok(invoice) = serde_json::from_str::<Value>(&text) else {
                    return;
                };
                let id = invoice["id"].as_str().unwrap_or_default().to_owned();
                let number = invoice["number"].as_str().unwrap_or_default().to_owned();
                acknowledged.lock().unwrap().push((id, number));
            }
        }));
    }
    // Kill mid-burst: once a good number have been acknowledged (the burst is running).
    let deadline = Instant::now() + Duration::from_secs(120);
    while acknowledged.lock().unwrap().len() < 100 {
        assert!(
            Instant::now() < deadline,
            "the burst never got going: {} acknowledged; refused: {:?}",
            acknowledged.lock().unwrap().len(),
            refused.lock().unwrap().iter().take(5).collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.0.kill().unwrap(); // SIGKILL
    server.0.wait().unwrap();
    for c in clients {
        c.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();

    let mut server = serve(dir.path(), &env);
    until_ready(&base).await;
    for (id, number) in &acknowledged {
        let invoice: Value = api
            .get(format!("{base}/api/v1/orgs/{org}/invoices/{id}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(invoice["status"], "issued", "{id}");
        assert_eq!(&invoice["number"], number.as_str());
        assert_eq!(invoice["lines"].as_array().map(Vec::len), Some(3));
        assert_eq!(invoice["totals"]["total"], "5327.00");
    }

    let db = bahi_store::Db::connect(&database.url, &bahi_store::PoolSettings::default())
        .await
        .unwrap();
    let count = |sql: &'static str| {
        let db = db.clone();
        async move { bahi_store::testing::count(&db, sql, []).await }
    };
    let documents = count("SELECT count(*) FROM sales_documents").await;
    assert!(documents >= i64::try_from(acknowledged.len()).unwrap());
    assert_eq!(
        count("SELECT count(*) FROM sales_documents WHERE status <> 'issued'").await,
        0,
        "nothing half-written"
    );
    assert_eq!(
        count("SELECT count(*) FROM sales_documents d WHERE (SELECT count(*) FROM sales_lines l WHERE l.document_id = d.id) <> 3").await,
        0,
        "every document has its lines"
    );
    assert_eq!(
        count("SELECT max(last_number) FROM document_counters").await,
        documents,
        "the counter stands at the last number issued: no gap, no reuse"
    );
    assert_eq!(
        count("SELECT count(DISTINCT number) FROM sales_documents").await,
        documents
    );
    let verify: Value = client
        .get(format!("{base}/api/v1/orgs/{org}/audit-events/verify"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(verify["ok"], true, "{verify}");
    eprintln!(
        "{} acknowledged before SIGKILL, {documents} in the database after restart",
        acknowledged.len()
    );
    db.close().await;
    let _ = server.0.kill();
}
