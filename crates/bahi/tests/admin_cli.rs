//! `bahi seed`, `bahi admin` and `bahi audit verify` as an operator runs them, checked against
//! the running server.

mod common;

use common::*;

use std::io::Write;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

struct Site {
    dir: tempfile::TempDir,
    port: String,
    secret: &'static str,
}

impl Site {
    fn new() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
            .to_string();
        Self {
            dir: tempfile::tempdir().unwrap(),
            port,
            secret: "a-fixed-secret-key-for-these-tests-0123456789",
        }
    }

    fn vars(&self) -> Vec<(&str, &str)> {
        vec![
            ("PORT", self.port.as_str()),
            ("BAHI_BIND", "127.0.0.1"),
            ("BAHI_SECRET_KEY", self.secret),
        ]
    }

    fn run(&self, args: &[&str]) -> Output {
        run(self.dir.path(), &self.vars(), args)
    }

    fn serve(&self) -> Server {
        let server = Server(
            bahi(self.dir.path(), &self.vars(), &["serve"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.login_status("nobody@example.com", "x").is_ok() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("server did not start");
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn login_status(
        &self,
        email: &str,
        password: &str,
    ) -> Result<(u16, serde_json::Value, Option<String>), String> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let r = reqwest::Client::new()
                .post(self.url("/api/v1/auth/login"))
                .json(&json!({"email": email, "password": password}))
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = r.status().as_u16();
            let cookie = r
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find(|c| c.starts_with("bahi_session="))
                .map(|c| c.split(';').next().unwrap_or_default().to_owned());
            let body = r.json().await.unwrap_or(serde_json::Value::Null);
            Ok((status, body, cookie))
        })
    }

    fn json_with_cookie(&self, path: &str, cookie: &str) -> serde_json::Value {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            reqwest::Client::new()
                .get(self.url(path))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap()
        })
    }

    fn get_with_cookie(&self, path: &str, cookie: &str) -> u16 {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            reqwest::Client::new()
                .get(self.url(path))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    }
}

fn password_after(output: &str, marker: &str) -> String {
    let line = output
        .lines()
        .find(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("{marker} in {output}"));
    line.rsplit(' ').next().unwrap().trim().to_owned()
}

#[test]
fn demo_seed_prints_working_credentials_and_is_refused_in_production() {
    let site = Site::new();
    assert!(site.run(&["migrate", "up"]).status.success());
    let seeded = site.run(&["seed", "--demo"]);
    assert!(seeded.status.success(), "{}", text(&seeded.stderr));
    let out = text(&seeded.stdout);
    let owner_password = password_after(&out, "owner@demo.bahi.example");
    let _server = site.serve();
    let (status, body, _) = site
        .login_status("owner@demo.bahi.example", &owner_password)
        .unwrap();
    assert_eq!(status, 200);
    assert_eq!(body["organisations"][0]["role"], "owner");
    let (_, _, cookie) = site
        .login_status("owner@demo.bahi.example", &owner_password)
        .unwrap();
    let cookie = cookie.expect("a session");
    let org = body["organisations"][0]["id"].as_str().unwrap();
    for (list, at_least) in [
        ("parties", 8),
        ("items", 8),
        ("invoices", 25),
        ("bills", 5),
        ("payments", 20),
        ("notes", 1),
    ] {
        let page = site.json_with_cookie(&format!("/api/v1/orgs/{org}/{list}"), &cookie);
        let n = page["items"].as_array().map_or(0, Vec::len);
        assert!(n >= at_least, "the demo has {n} {list}: {page}");
    }
    // Three months of documents: the oldest invoice is from about 90 days ago, some are owed.
    let invoices =
        site.json_with_cookie(&format!("/api/v1/orgs/{org}/invoices?limit=200"), &cookie);
    let items = invoices["items"].as_array().unwrap();
    let oldest = items.last().unwrap()["date"].as_str().unwrap().to_owned();
    let newest = items[0]["date"].as_str().unwrap().to_owned();
    assert!(oldest < newest, "{oldest} .. {newest}");
    assert!(items.iter().any(|i| i["status"] == "draft"), "some drafts");
    assert!(items.iter().any(|i| i["payment_status"] == "paid"));
    assert!(
        items
            .iter()
            .any(|i| i["payment_status"] == "partially_paid" || i["payment_status"] == "overdue")
    );
    let accountant_password = password_after(&out, "accountant@demo.bahi.example");
    let (status, body, _) = site
        .login_status("accountant@demo.bahi.example", &accountant_password)
        .unwrap();
    assert_eq!(
        (status, body["organisations"][0]["role"].as_str()),
        (200, Some("accountant"))
    );
    assert!(
        !site.run(&["seed", "--demo"]).status.success(),
        "seeding twice is refused"
    );

    let production = [
        ("BAHI_ENV", "production"),
        ("BAHI_SECRET_KEY", site.secret),
        ("BAHI_MIGRATIONS_APPROVED", ""),
    ];
    let refused = run(site.dir.path(), &production, &["seed", "--demo"]);
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("refused in production"));
}

#[test]
fn platform_admin_and_password_reset_from_the_command_line() {
    let site = Site::new();
    assert!(site.run(&["migrate", "up"]).status.success());
    let created = site.run(&[
        "admin",
        "create-platform-admin",
        "--email",
        "Root@Example.com",
    ]);
    assert!(created.status.success(), "{}", text(&created.stderr));
    let out = text(&created.stdout);
    let generated = out.lines().last().unwrap().trim().to_owned();
    assert!(generated.len() >= 24, "{out}");
    let _server = site.serve();
    let (status, _, cookie) = site.login_status("root@example.com", &generated).unwrap();
    assert_eq!(status, 200);
    let cookie = cookie.unwrap();
    assert_eq!(
        site.get_with_cookie("/api/v1/admin/orgs", &cookie),
        200,
        "a platform administrator"
    );

    // Reset from stdin: the old password and every session stop working.
    let mut child = bahi(
        site.dir.path(),
        &site.vars(),
        &["admin", "reset-password", "--email", "root@example.com"],
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a-brand-new-passphrase-for-root\n")
        .unwrap();
    let reset = child.wait_with_output().unwrap();
    assert!(reset.status.success(), "{}", text(&reset.stderr));
    assert!(
        text(&reset.stdout).contains("1 sessions ended"),
        "{}",
        text(&reset.stdout)
    );
    assert_eq!(site.get_with_cookie("/api/v1/me", &cookie), 401);
    assert_eq!(
        site.login_status("root@example.com", &generated).unwrap().0,
        401
    );
    assert_eq!(
        site.login_status("root@example.com", "a-brand-new-passphrase-for-root")
            .unwrap()
            .0,
        200
    );

    let weak = bahi(
        site.dir.path(),
        &site.vars(),
        &["admin", "reset-password", "--email", "root@example.com"],
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .and_then(|mut c| {
        c.stdin.take().unwrap().write_all(b"password\n")?;
        c.wait_with_output()
    })
    .unwrap();
    assert!(!weak.status.success(), "a weak password is refused");

    let verified = site.run(&["audit", "verify"]);
    assert!(verified.status.success());
    assert!(text(&verified.stdout).starts_with("ok:"));
}

#[test]
fn audit_verify_detects_an_edited_row() {
    let site = Site::new();
    assert!(site.run(&["migrate", "up"]).status.success());
    assert!(site.run(&["seed", "--demo"]).status.success());
    assert!(site.run(&["audit", "verify"]).status.success());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let url = format!(
            "sqlite://{}",
            site.dir.path().join("data/bahi.db").display()
        );
        let db = bahi_store::Db::connect(&url, &Default::default())
            .await
            .unwrap();
        // Someone who owns the file removes the append-only guards first.
        bahi_store::testing::drop_audit_guards(&db).await;
        bahi_store::testing::exec(
            &db,
            "UPDATE audit_events SET summary = 'nothing to see'",
            [],
        )
        .await;
        db.close().await;
    });
    let tampered = site.run(&["audit", "verify"]);
    assert_eq!(tampered.status.code(), Some(1));
    assert!(text(&tampered.stdout).contains("edited"));
}

/// `bahi dev generate` writes a month that files cleanly: both returns agree, numbering goes
/// on after the generated documents, table 13 has no gaps, and production refuses it.
#[test]
fn dev_generate_writes_a_month_whose_returns_agree() {
    let site = Site::new();
    assert!(site.run(&["migrate", "up"]).status.success());
    let generated = site.run(&[
        "dev",
        "generate",
        "--last",
        "2026-10",
        "--months",
        "2",
        "--invoices",
        "400",
        "--bills",
        "60",
        "--seed",
        "7",
    ]);
    assert!(generated.status.success(), "{}", text(&generated.stderr));
    let out = text(&generated.stdout);
    let token = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("API token "))
        .unwrap_or_else(|| panic!("a token in {out}"))
        .trim()
        .to_owned();
    let org = out
        .split("orgs/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("an organisation in {out}"))
        .to_owned();
    let _server = site.serve();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = reqwest::Client::new();
        let get = |path: String| {
            let request = client
                .get(site.url(&format!("/api/v1/orgs/{org}{path}")))
                .bearer_auth(&token);
            async move {
                let response = request.send().await.unwrap();
                assert_eq!(response.status(), 200, "{path}");
                response.json::<serde_json::Value>().await.unwrap()
            }
        };
        let cents = |v: &serde_json::Value| -> i64 {
            let t = v.to_string();
            let (whole, frac) = t.split_once('.').unwrap_or((&t, "00"));
            let sign = if whole.starts_with('-') { -1 } else { 1 };
            sign * (whole.trim_start_matches('-').parse::<i64>().unwrap() * 100
                + format!("{frac:0<2}")[..2].parse::<i64>().unwrap())
        };
        for period in ["2026-09", "2026-10"] {
            let g1 = get(format!("/returns/gstr-1?period={period}")).await;
            let g3 = get(format!("/returns/gstr-3b?period={period}")).await;
            // Every section has something in it, as a busy month would.
            for section in ["b2b", "b2cl", "b2cs", "exp", "cdnr"] {
                assert!(
                    !g1[section].as_array().unwrap().is_empty(),
                    "{period} {section}"
                );
            }
            // GSTR-1's outward taxable value equals GSTR-3B 3.1(a) + (b).
            let mut taxable = 0;
            let mut items = |list: &serde_json::Value, sign: i64| {
                for it in list.as_array().unwrap() {
                    let d = it.get("itm_det").unwrap_or(it);
                    taxable += sign * cents(&d["txval"]);
                }
            };
            for p in g1["b2b"].as_array().unwrap() {
                for inv in p["inv"].as_array().unwrap() {
                    items(&inv["itms"], 1);
                }
            }
            for p in g1["b2cl"].as_array().unwrap() {
                for inv in p["inv"].as_array().unwrap() {
                    items(&inv["itms"], 1);
                }
            }
            items(&g1["b2cs"], 1);
            for grp in g1["exp"].as_array().unwrap() {
                for inv in grp["inv"].as_array().unwrap() {
                    items(&inv["itms"], 1);
                }
            }
            for p in g1["cdnr"].as_array().unwrap() {
                for n in p["nt"].as_array().unwrap() {
                    items(&n["itms"], if n["ntty"] == "C" { -1 } else { 1 });
                }
            }
            for n in g1["cdnur"].as_array().unwrap() {
                items(&n["itms"], if n["ntty"] == "C" { -1 } else { 1 });
            }
            let sup = &g3["sup_details"];
            assert_eq!(
                taxable,
                cents(&sup["osup_det"]["txval"]) + cents(&sup["osup_zero"]["txval"]),
                "{period}: GSTR-1 and GSTR-3B 3.1"
            );
            assert!(
                cents(&g3["itc_elg"]["itc_avl"][0]["iamt"]) > 0,
                "imports of goods"
            );
            // Table 13: each series runs without a gap.
            for kind in g1["doc_issue"]["doc_det"].as_array().unwrap() {
                for range in kind["docs"].as_array().unwrap() {
                    let n = |key: &str| -> u64 {
                        range[key]
                            .as_str()
                            .unwrap()
                            .rsplit('/')
                            .next()
                            .unwrap()
                            .parse()
                            .unwrap()
                    };
                    assert_eq!(
                        n("to") - n("from") + 1,
                        range["totnum"].as_u64().unwrap(),
                        "{period}: {range}"
                    );
                }
            }
        }
    });

    let production = [
        ("BAHI_ENV", "production"),
        ("BAHI_SECRET_KEY", site.secret),
        ("BAHI_MIGRATIONS_APPROVED", ""),
    ];
    let refused = run(
        site.dir.path(),
        &production,
        &["dev", "generate", "--invoices", "1"],
    );
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("refused in production"));
}

/// `bahi admin outbox list` shows the dead letters and `retry` gives them another round.
#[test]
fn dead_letters_are_listed_and_retried_from_the_command_line() {
    let site = Site::new();
    assert!(site.run(&["migrate", "up"]).status.success());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let url = format!(
        "sqlite://{}",
        site.dir.path().join("data/bahi.db").display()
    );
    let ids: Vec<String> = rt.block_on(async {
        let db = bahi_store::Db::connect(&url, &Default::default())
            .await
            .unwrap();
        let mut tx = db.begin_write().await.unwrap();
        let mut ids = Vec::new();
        for i in 0..3 {
            let message = bahi_store::outbox::OutboxMessage::pending(
                None,
                bahi_store::outbox::Kind::Reminder,
                format!("cli-test:{i}"),
                (
                    "books@bahi.example".to_owned(),
                    vec![format!("r{i}@example.com")],
                ),
                format!("message {i}"),
                b"Subject: x\r\n\r\nx\r\n".to_vec(),
            );
            bahi_store::outbox::enqueue(&mut tx, &message)
                .await
                .unwrap();
            ids.push(message.id.to_string());
        }
        tx.commit().await.unwrap();
        for _ in 0..2 {
            let claimed = bahi_store::outbox::claim(&db, i64::MAX - 1, i64::MAX, 1)
                .await
                .unwrap();
            assert_eq!(claimed.len(), 1);
            bahi_store::outbox::mark_failed(
                &db,
                claimed[0].id,
                claimed[0].attempts,
                "550 mailbox unavailable",
                bahi_store::outbox::Failure::Dead,
            )
            .await
            .unwrap();
        }
        db.close().await;
        ids
    });
    let listed = site.run(&["admin", "outbox", "list", "--state", "dead"]);
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    let out = text(&listed.stdout);
    assert!(out.starts_with("1 pending, 2 dead"), "{out}");
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("550 mailbox unavailable"))
            .count(),
        2,
        "{out}"
    );

    let one = site.run(&["admin", "outbox", "retry", &ids[0]]);
    assert!(one.status.success(), "{}", text(&one.stderr));
    let again = site.run(&["admin", "outbox", "retry", &ids[0]]);
    assert_eq!(again.status.code(), Some(1));
    let all = site.run(&["admin", "outbox", "retry", "--all-dead"]);
    assert!(all.status.success(), "{}", text(&all.stderr));
    assert!(
        text(&all.stdout).contains("1 dead letters will be sent again"),
        "{}",
        text(&all.stdout)
    );
    let after = site.run(&["admin", "outbox", "list"]);
    assert!(
        text(&after.stdout).starts_with("3 pending, 0 dead"),
        "{}",
        text(&after.stdout)
    );
    let bad = site.run(&["admin", "outbox", "retry", "not-an-id"]);
    assert_eq!(bad.status.code(), Some(1));
}
