//! The test harness (DESIGN.md §9): the real application on a random port with a fresh database,
//! SQLite by default and PostgreSQL when `BAHI_TEST_DATABASE_URL` is set.

#![allow(dead_code)] // each test file uses a different part of the harness

pub mod smtp;

use std::collections::HashMap;

use bahi_server::config::Config;
use bahi_server::{AppState, serve};
use bahi_store::migrate::UpOptions;
use bahi_store::testing::TestDatabase;
use bahi_store::{Db, DbKind};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub struct TestApp {
    /// Base URL, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    pub client: reqwest::Client,
    pub db: Db,
    /// The database's URL (a second server on the same database connects to it).
    pub database_url: String,
    /// The running server's services (its signals: what its workers have done).
    pub services: bahi_app::Services,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
    _database: Option<TestDatabase>,
}

#[derive(Default)]
pub struct Options {
    /// Leave the database unmigrated (readiness must then fail).
    pub skip_migrations: bool,
    /// Connect to this URL instead of a fresh test database.
    pub database_url: Option<String>,
    pub vars: Vec<(&'static str, String)>,
}

impl TestApp {
    pub async fn start() -> Self {
        Self::start_with(Options::default()).await
    }

    pub async fn start_with(options: Options) -> Self {
        let (database, url) = match options.database_url {
            Some(url) => (None, url),
            None => {
                let database = TestDatabase::new().await;
                let url = database.url.clone();
                (Some(database), url)
            }
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let port = listener.local_addr().expect("bound address").port();
        let mut vars: HashMap<String, String> = HashMap::from([
            (
                "BAHI_PUBLIC_URL".to_owned(),
                format!("http://127.0.0.1:{port}"),
            ),
            ("DATABASE_URL".to_owned(), url.clone()),
            // An explicit empty config file path would be an error; make sure no stray
            // bahi.toml from the working directory leaks into tests.
            ("BAHI_CONFIG".to_owned(), String::new()),
        ]);
        for (k, v) in options.vars {
            vars.insert(k.to_owned(), v);
        }
        let config = Config::load(&vars).unwrap_or_else(|e| panic!("test configuration: {e}"));
        let db = Db::connect(&url, &config.pool)
            .await
            .expect("open the test database");
        let migrations = bahi_app::migrations::release();
        if !options.skip_migrations {
            migrations
                .up(&db, &UpOptions::default())
                .await
                .expect("migrate the test database");
        }
        let app = AppState::new(config, db.clone(), migrations);
        let services = app.services.clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(serve::run(listener, app, async move {
            let _ = stopped.await;
        }));
        Self {
            url: format!("http://127.0.0.1:{port}"),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("an HTTP client"),
            db,
            database_url: url,
            services,
            stop: Some(stop),
            server: Some(server),
            _database: database,
        }
    }

    /// A client with its own cookie jar: one browser.
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client")
    }

    /// The status a GET of `path` gets from `client` (a browser with its cookies, or any client).
    pub async fn status(&self, client: &reqwest::Client, path: &str) -> reqwest::StatusCode {
        client
            .get(self.at(path))
            .send()
            .await
            .expect("GET")
            .status()
    }

    /// Signs up a new owner with a fresh organisation.
    pub async fn signup(&self, email: &str) -> Account {
        let client = self.browser();
        let response = client
            .post(self.at("/api/v1/auth/signup"))
            .json(&serde_json::json!({
                "name": "Asha Rao",
                "email": email,
                "password": STRONG_PASSWORD,
                "organisation": {"legal_name": format!("{email} Traders"), "state_code": "29"}
            }))
            .send()
            .await
            .expect("POST signup");
        assert_eq!(
            response.status(),
            201,
            "signup of {email}: {}",
            response.text().await.unwrap_or_default()
        );
        let body: serde_json::Value = response.json().await.expect("signup JSON");
        Account {
            client,
            email: email.to_owned(),
            user_id: body["user"]["id"].as_str().unwrap_or_default().to_owned(),
            org_id: body["organisation"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            csrf: body["csrf_token"].as_str().unwrap_or_default().to_owned(),
        }
    }

    /// An unsafe request made in the account's browser: its cookies and its CSRF token.
    pub fn send_as(
        &self,
        account: &Account,
        method: reqwest::Method,
        path: &str,
    ) -> reqwest::RequestBuilder {
        account
            .client
            .request(method, self.at(path))
            .header("x-csrf-token", &account.csrf)
    }

    /// An API token for the account.
    pub async fn token(&self, account: &Account) -> String {
        let response = self
            .send_as(account, reqwest::Method::POST, "/api/v1/tokens")
            .json(&serde_json::json!({"name": "tests"}))
            .send()
            .await
            .expect("POST token");
        assert_eq!(response.status(), 201);
        let body: serde_json::Value = response.json().await.expect("token JSON");
        body["token"].as_str().unwrap_or_default().to_owned()
    }

    /// Invites `email` as `role` to the account's organisation; the invitation must be created.
    pub async fn invite(&self, owner: &Account, email: &str, role: &str) -> Invitation {
        let response = self
            .send_as(
                owner,
                reqwest::Method::POST,
                &format!("/api/v1/orgs/{}/members", owner.org_id),
            )
            .json(&serde_json::json!({"email": email, "role": role}))
            .send()
            .await
            .expect("POST members");
        assert_eq!(response.status(), 201, "invite {email}");
        let body: serde_json::Value = response.json().await.expect("invitation JSON");
        let accept_url = body["accept_url"].as_str().unwrap_or_default().to_owned();
        Invitation {
            token: accept_url.rsplit('/').next().unwrap_or_default().to_owned(),
            id: body["invitation"]["id"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            accept_url,
        }
    }

    /// A new member of the owner's organisation with `role`, signed in in a browser of their
    /// own (the invitation accepted with a new account).
    pub async fn join(&self, owner: &Account, email: &str, role: &str) -> Account {
        let invitation = self.invite(owner, email, role).await;
        let client = self.browser();
        let response = client
            .post(self.at(&format!("/api/v1/invitations/{}/accept", invitation.token)))
            .json(&serde_json::json!({"name": "A Member", "password": STRONG_PASSWORD}))
            .send()
            .await
            .expect("POST accept");
        assert_eq!(response.status(), 200, "accept the invitation of {email}");
        let body: serde_json::Value = response.json().await.expect("accepted JSON");
        Account {
            client,
            email: email.to_owned(),
            user_id: body["user"]["id"].as_str().unwrap_or_default().to_owned(),
            org_id: owner.org_id.clone(),
            csrf: body["csrf_token"].as_str().unwrap_or_default().to_owned(),
        }
    }

    /// Waits (at most 10 s) until `done` holds, looking again each time this server's gateway
    /// inbox settles an event — a signal, not a timer.
    pub async fn until_inbox<F, Fut>(&self, what: &str, done: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        until_inboxes(&[self], what, done).await;
    }

    /// Moves a timestamp of every session (to make them idle or old without waiting).
    pub async fn set_sessions(&self, column: &str, at: time::OffsetDateTime) {
        let sql = format!("UPDATE sessions SET {column} = $1");
        bahi_store::testing::exec(&self.db, &sql, [at.into()]).await;
    }

    /// Waits (a readiness signal, not a guess) until a `/__test/slow` request is being served.
    pub async fn until_a_slow_request_is_in_flight(&self) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let count = self
                .get("/__test/in-flight")
                .await
                .text()
                .await
                .unwrap_or_default();
            if count != "0" {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the slow request never started"
            );
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }

    pub fn kind(&self) -> DbKind {
        self.db.kind()
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.at(path)).send().await.expect("GET")
    }

    /// Signals shutdown and waits for the server to finish its in-flight requests.
    pub async fn shut_down(mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.server.take() {
            Some(server) => server.await.expect("server task"),
            None => Ok(()),
        }
    }
}

/// Long enough and unguessable enough for zxcvbn.
pub const STRONG_PASSWORD: &str = "correct-horse-battery-staple-42";

/// A signed-up user in their own browser, with the organisation they own.
pub struct Account {
    pub client: reqwest::Client,
    pub email: String,
    pub user_id: String,
    pub org_id: String,
    pub csrf: String,
}

impl Account {
    /// A page as this member sees it (its HTML).
    pub async fn page(&self, app: &TestApp, path: &str) -> String {
        self.client
            .get(app.at(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Posts a form as this member, with its CSRF token, from the site's own origin (as a
    /// browser would). Redirects are not followed: the answer is the 303 itself.
    pub async fn form(
        &self,
        app: &TestApp,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut fields = fields.to_vec();
        fields.push(("csrf_token", &self.csrf));
        self.client
            .post(app.at(path))
            .header("origin", &app.url)
            .form(&fields)
            .send()
            .await
            .unwrap()
    }
}

/// Waits (at most 10 s) until `done` holds, looking again each time one of `servers`' gateway
/// inboxes settles an event (servers on one database share the work).
pub async fn until_inboxes<F, Fut>(servers: &[&TestApp], what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    // One channel rung by every server's signal.
    let (ring, mut rung) = tokio::sync::mpsc::unbounded_channel();
    for server in servers {
        let mut settled = server.services.inbox_settled.subscribe();
        let ring = ring.clone();
        tokio::spawn(
            async move { while settled.changed().await.is_ok() && ring.send(()).is_ok() {} },
        );
    }
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while !done().await {
        let changed = tokio::time::timeout_at(deadline, rung.recv()).await;
        assert!(matches!(changed, Ok(Some(()))), "never: {what}");
    }
}

/// An invitation just sent.
pub struct Invitation {
    pub id: String,
    /// The token at the end of the link (the credential).
    pub token: String,
    pub accept_url: String,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}
