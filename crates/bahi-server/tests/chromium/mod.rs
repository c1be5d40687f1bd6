//! Real Chromium for the browser tests, driven over WebDriver (chromedriver + fantoccini), and
//! the checks every page must pass: no sideways scrolling at its width, and no serious or
//! critical axe-core violation (axe-core comes from npm: `npm ci` in `tests/axe`, which `.ci/run`
//! does). Without Chromium or axe-core a test says so and skips, except under CI, where either
//! missing is a failure. Screenshots of every checked page land in
//! `target/tmp/screenshots/<test>/` (CI keeps them as artifacts).

#![allow(dead_code)] // each browser test uses a different part

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// A browser window's inner size, in CSS pixels.
#[derive(Debug, Clone, Copy)]
pub struct Viewport {
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
}

impl Viewport {
    pub const DESKTOP: Self = Self {
        name: "desktop",
        width: 1366,
        height: 900,
    };
    pub const PHONE: Self = Self {
        name: "phone",
        width: 390,
        height: 844,
    };
}

/// chromedriver, running for the length of a test.
pub struct Chromium {
    process: Child,
    url: String,
    profiles: PathBuf,
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
        let _ = std::fs::remove_dir_all(&self.profiles);
    }
}

fn in_ci() -> bool {
    std::env::var_os("CI").is_some()
}

impl Chromium {
    /// Starts chromedriver; `None` (the test skips) only outside CI when it is not installed.
    pub fn start() -> Option<Self> {
        let binary = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| Path::new(p).exists());
        let Some(binary) = binary else {
            assert!(
                !in_ci(),
                "chromedriver must be installed in CI (.ci/run installs chromium-driver)"
            );
            eprintln!("chromedriver is not installed: skipping the browser test");
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let process = Command::new(binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let profiles =
            std::env::temp_dir().join(format!("bahi-browser-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&profiles).ok()?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(Self {
                    process,
                    url: format!("http://127.0.0.1:{port}"),
                    profiles,
                });
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("chromedriver did not start");
    }

    /// A new browser (its own profile: its own cookies) with a window of `viewport`'s size,
    /// asking for `languages` (`Accept-Language`, e.g. `hi,en`). Screenshots go to
    /// `screenshots/<test>/`.
    pub async fn window(
        &self,
        test: &str,
        who: &str,
        viewport: Viewport,
        languages: &str,
    ) -> Window {
        // Two TLS back-ends are linked in the test binary; pick one (WebDriver runs over plain
        // HTTP).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let profile = self.profiles.join(who);
        let downloads = profile.join("downloads");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                         format!("--window-size={},{}", viewport.width, viewport.height),
                         format!("--user-data-dir={}", profile.display())],
                "prefs": {
                    "intl.accept_languages": languages,
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                    "plugins.always_open_pdf_externally": true
                }
            }),
        );
        let client = ClientBuilder::rustls()
            .expect("TLS setup")
            .capabilities(caps)
            .connect(&self.url)
            .await
            .expect("a Chromium session");
        let window = Window {
            client,
            viewport,
            shots: Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join("screenshots")
                .join(test),
            who: who.to_owned(),
            downloads,
        };
        window.fit_viewport().await;
        window
    }
}

/// One browser window.
pub struct Window {
    pub client: Client,
    pub viewport: Viewport,
    shots: PathBuf,
    who: String,
    /// Where the browser saves what it downloads.
    pub downloads: PathBuf,
}

impl Window {
    /// Sizes the window so that the page itself (not the window frame) is the viewport's size.
    async fn fit_viewport(&self) {
        self.client.goto("about:blank").await.unwrap();
        for _ in 0..3 {
            let inner = self
                .script("return [window.innerWidth, window.innerHeight]")
                .await;
            let (w, h) = (
                inner[0].as_u64().unwrap_or(0),
                inner[1].as_u64().unwrap_or(0),
            );
            if w == u64::from(self.viewport.width) && h == u64::from(self.viewport.height) {
                return;
            }
            let (_, _, outer_w, outer_h) = self.client.get_window_rect().await.unwrap();
            let width = u64::from(self.viewport.width) + outer_w.saturating_sub(w);
            let height = u64::from(self.viewport.height) + outer_h.saturating_sub(h);
            self.client
                .set_window_size(width.try_into().unwrap(), height.try_into().unwrap())
                .await
                .unwrap();
        }
        let inner = self.script("return window.innerWidth").await;
        assert_eq!(
            inner.as_u64(),
            Some(u64::from(self.viewport.width)),
            "the window must be {} px wide inside",
            self.viewport.width
        );
    }

    /// Waits (up to 20 s) for a finished download whose name ends with `suffix`; its path.
    pub async fn downloaded(&self, suffix: &str) -> PathBuf {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            if let Ok(entries) = std::fs::read_dir(&self.downloads) {
                for e in entries.flatten() {
                    let path = e.path();
                    if path.to_string_lossy().ends_with(suffix) {
                        return path;
                    }
                }
            }
            assert!(
                std::time::Instant::now() < deadline,
                "nothing ending {suffix:?} was downloaded to {}",
                self.downloads.display()
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    pub async fn script(&self, js: &str) -> Value {
        self.client
            .execute(js, vec![])
            .await
            .unwrap_or_else(|e| panic!("script {js:?}: {e}"))
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
        self.until_loaded().await;
    }

    pub async fn path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }

    pub async fn url(&self) -> url::Url {
        self.client.current_url().await.unwrap()
    }

    pub async fn fill(&self, id: &str, value: &str) {
        let field = self
            .client
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|e| panic!("#{id}: {e}"));
        field.clear().await.unwrap();
        if !value.is_empty() {
            field.send_keys(value).await.unwrap();
        }
    }

    /// Chooses the file at `path` in the file input `id`.
    pub async fn attach(&self, id: &str, path: &Path) {
        let field = self
            .client
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|e| panic!("#{id}: {e}"));
        field.send_keys(&path.display().to_string()).await.unwrap();
    }

    /// Picks the option with `value` of the select `id`.
    pub async fn choose(&self, id: &str, value: &str) {
        self.click(&format!("#{id} option[value='{value}']")).await;
    }

    pub async fn value_of(&self, id: &str) -> String {
        self.client
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|e| panic!("#{id}: {e}"))
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    pub async fn click(&self, css: &str) {
        let path = self.path_or_blank().await;
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} on {path}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    async fn path_or_blank(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.path().to_owned())
            .unwrap_or_default()
    }

    /// Clicks `css`, which submits a form or follows a link, and waits for the next page.
    pub async fn follow(&self, css: &str) {
        let before = self.page_id().await;
        self.click(css).await;
        self.until_new_page(&before, css).await;
    }

    pub async fn exists(&self, css: &str) -> bool {
        !self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap()
            .is_empty()
    }

    pub async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.unwrap().len()
    }

    pub async fn attr(&self, css: &str, name: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .attr(name)
            .await
            .unwrap()
            .unwrap_or_default()
    }

    pub async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .text()
            .await
            .unwrap()
    }

    /// What `css` shows now, read in one script call: htmx may replace the element at any
    /// moment, so a reference held across two WebDriver calls could go stale.
    pub async fn shown(&self, css: &str) -> String {
        let js = format!("var e = document.querySelector({css:?}); return e ? e.innerText : '';");
        self.script(&js)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits until `css` says `text`: after a change htmx swaps part of the page, and a click
    /// racing the swap can land on whatever moved under the pointer. The page tells us — a
    /// MutationObserver answers when the text appears — so nothing polls or sleeps; WebDriver's
    /// script timeout (30 s) bounds the wait.
    pub async fn until_text(&self, css: &str, text: &str) {
        const JS: &str = "const [css, text, done] = arguments; \
            const shows = () => { const e = document.querySelector(css); \
                return !!e && e.innerText.includes(text); }; \
            if (shows()) { done(true); return; } \
            const seen = new MutationObserver(() => { \
                if (shows()) { seen.disconnect(); done(true); } }); \
            seen.observe(document.body, { subtree: true, childList: true, characterData: true });";
        if let Err(e) = self
            .client
            .execute_async(JS, vec![json!(css), json!(text)])
            .await
        {
            panic!("{css} never said {text:?} ({e}): {}", self.shown(css).await);
        }
    }

    /// The main content's text as a reader sees it.
    pub async fn main_text(&self) -> String {
        self.text("main").await
    }

    /// A marker of the document now shown, to tell when a navigation has replaced it.
    async fn page_id(&self) -> String {
        let id = uuid::Uuid::now_v7().simple().to_string();
        self.client
            .execute(
                "window.__bahi_page = arguments[0]; return true",
                vec![json!(id)],
            )
            .await
            .unwrap();
        id
    }

    async fn until_new_page(&self, before: &str, after: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let now = self
                .client
                .execute(
                    "return document.readyState === 'complete' ? (window.__bahi_page || 'new') : null",
                    vec![],
                )
                .await
                .ok();
            if let Some(Value::String(id)) = now
                && id != before
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no new page after clicking {after} on {}",
                self.path_or_blank().await
            );
            tokio::time::sleep(Duration::from_millis(40)).await;
        }
    }

    async fn until_loaded(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.script("return document.readyState").await != "complete" {
            assert!(Instant::now() < deadline, "the page did not load");
            tokio::time::sleep(Duration::from_millis(40)).await;
        }
    }

    /// The language the page says it is in (`<html lang>`).
    pub async fn lang(&self) -> String {
        self.script("return document.documentElement.lang")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The id of the element that has keyboard focus.
    pub async fn focused_id(&self) -> String {
        self.script("return document.activeElement ? document.activeElement.id : ''")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The checks every page passes: a screenshot (the whole page), no sideways scrolling, no
    /// serious or critical axe-core violation.
    pub async fn check(&self, name: &str) {
        let path = self.path().await;
        self.screenshot(name).await;
        let overflow = self.script(SIDEWAYS).await;
        assert!(
            overflow.is_null(),
            "{name} ({path}) scrolls sideways at {} px: {overflow}",
            self.viewport.width
        );
        if let Some(violations) = self.axe().await {
            assert!(
                violations.as_array().is_some_and(Vec::is_empty),
                "{name} ({path}) at {} px has serious or critical accessibility problems: {violations:#}",
                self.viewport.width
            );
        }
    }

    async fn screenshot(&self, name: &str) {
        let height = self
            .script("return document.documentElement.scrollHeight")
            .await
            .as_u64()
            .unwrap_or(0);
        let (_, _, outer_w, outer_h) = self.client.get_window_rect().await.unwrap();
        let tall = height.clamp(u64::from(self.viewport.height), 6000);
        let grown = outer_h + tall - u64::from(self.viewport.height);
        let (ow, oh) = (
            u32::try_from(outer_w).unwrap(),
            u32::try_from(outer_h).unwrap(),
        );
        let _ = self
            .client
            .set_window_size(ow, u32::try_from(grown).unwrap())
            .await;
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::create_dir_all(&self.shots);
            let file = format!("{}-{}-{name}.png", self.viewport.name, self.who);
            let _ = std::fs::write(self.shots.join(file), png);
        }
        let _ = self.client.set_window_size(ow, oh).await;
    }

    /// axe-core's serious and critical violations, or `None` when axe-core is not installed
    /// (outside CI only).
    async fn axe(&self) -> Option<Value> {
        let source = axe_source()?;
        self.client
            .execute(&format!("{source}\n;return true;"), vec![])
            .await
            .unwrap();
        let result = self
            .client
            .execute_async(AXE_RUN, vec![])
            .await
            .unwrap_or_else(|e| panic!("axe-core did not run: {e}"));
        Some(result)
    }
}

/// `null` when the page fits its width; else the widths and the elements that stick out.
const SIDEWAYS: &str = r"
const root = document.documentElement;
if (root.scrollWidth <= root.clientWidth) return null;
const wide = [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
  .slice(0, 8)
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
            (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : ''));
return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
";

const AXE_RUN: &str = r"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then(r => done(r.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary) }))))
  .catch(e => done([{ id: 'axe-error', help: String(e) }]));
";

fn axe_source() -> Option<&'static str> {
    static SOURCE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/axe/node_modules/axe-core/axe.min.js");
            match std::fs::read_to_string(&path) {
                Ok(source) => Some(source),
                Err(e) => {
                    assert!(
                        !in_ci(),
                        "axe-core must be installed in CI (.ci/run runs npm ci in tests/axe): {}: {e}",
                        path.display()
                    );
                    eprintln!(
                        "axe-core is not installed (npm ci in crates/bahi-server/tests/axe): \
                         skipping the accessibility checks"
                    );
                    None
                }
            }
        })
        .as_deref()
}
