//! What just happened, said on the next page ("Sunil was removed"): a handler that redirects
//! after a form leaves a notice in a short-lived cookie; the next page shows it in the reader's
//! language, and the web router's layer clears it once a page has shown it.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use bahi_app::Message;
use bahi_app::message::Arg;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

const COOKIE: &str = "bahi_notice";

/// Leaves `message` (a `notice-…` id) for the next page.
pub fn leave(jar: CookieJar, message: &Message) -> CookieJar {
    let args: Vec<(String, String)> = message
        .args
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.to_string()))
        .collect();
    let value = serde_json::json!({"id": message.id, "args": args}).to_string();
    let mut cookie = Cookie::new(COOKIE, URL_SAFE_NO_PAD.encode(value));
    cookie.set_path("/");
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Lax);
    cookie.set_max_age(time::Duration::minutes(2));
    jar.add(cookie)
}

/// The notice the request carries: its id (only `notice-…` ids are shown) and arguments.
pub fn read(jar: &CookieJar) -> Option<(String, Vec<(&'static str, Arg)>)> {
    let raw = URL_SAFE_NO_PAD.decode(jar.get(COOKIE)?.value()).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&raw).ok()?;
    let id = value["id"].as_str()?.to_owned();
    if !id.starts_with("notice-") {
        return None;
    }
    let args = value["args"]
        .as_array()?
        .iter()
        .filter_map(|pair| {
            let name = pair.get(0)?.as_str()?;
            let text = pair.get(1)?.as_str()?.to_owned();
            // Argument names are the catalogue's; only these are used by notices.
            let name: &'static str = ["name", "email", "count", "role", "number", "amount"]
                .into_iter()
                .find(|n| *n == name)?;
            Some((name, Arg::Text(text)))
        })
        .collect();
    Some((id, args))
}

/// Clears a notice once a page (not a redirect) has answered the request that carried it.
pub async fn layer(request: Request, next: Next) -> Response {
    let carried = CookieJar::from_headers(request.headers())
        .get(COOKIE)
        .is_some();
    let mut response = next.run(request).await;
    let sets_one = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|c| c.starts_with(COOKIE)));
    if carried && !sets_one && !response.status().is_redirection() {
        let expired = format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        if let Ok(value) = HeaderValue::from_str(&expired) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
