//! Real Chromium, driven over WebDriver (chromedriver + fantoccini), through the flow a new user
//! takes: sign up → dashboard → sign out → sign in → invite a colleague → the colleague accepts
//! in another browser → both see the audit log. `tests/shell.rs` walks every page at both
//! widths; this is the identity flow end to end.

mod chromium;
mod common;

use chromium::{Chromium, Viewport};
use common::{STRONG_PASSWORD, TestApp};

#[tokio::test]
async fn new_user_signs_up_invites_a_colleague_and_both_see_the_audit_log() {
    let Some(chromium) = Chromium::start() else {
        return;
    };
    let app = TestApp::start().await;
    let test = "identity-flow";
    let owner = chromium
        .window(test, "owner", Viewport::DESKTOP, "en")
        .await;

    owner.goto(&app.at("/")).await;
    owner.follow("main a.button[href='/signup']").await;
    owner.fill("name", "Asha Rao").await;
    owner.fill("email", "asha@example.com").await;
    owner.fill("password", STRONG_PASSWORD).await;
    owner.fill("legal_name", "Asha Traders").await;
    owner.fill("gstin", "27aapfu0939f1zv").await;
    owner
        .follow("form[action='/signup'] button[type=submit]")
        .await;
    let org_path = owner.path().await;
    assert!(
        org_path.starts_with("/orgs/"),
        "lands on the organisation: {org_path}"
    );
    let page = owner.main_text().await;
    assert!(
        page.contains("Asha Traders") && page.contains("27AAPFU0939F1ZV"),
        "{page}"
    );

    owner.follow("form[action='/logout'] button").await;
    owner.goto(&app.at("/dashboard")).await;
    assert_eq!(
        owner.path().await,
        "/login",
        "signed out: the dashboard asks to sign in"
    );
    owner.fill("email", "asha@example.com").await;
    owner.fill("password", STRONG_PASSWORD).await;
    owner.follow("form[action='/login'] button").await;
    assert_eq!(
        owner.path().await,
        "/dashboard",
        "back where the sign-in started"
    );

    owner.goto(&app.at(&format!("{org_path}/members"))).await;
    owner.fill("invite-email", "ravi@example.com").await;
    owner.choose("invite-role", "accountant").await;
    owner
        .follow("form[action$='/members'] button[type=submit]")
        .await;
    let link = owner.attr("#invitation-link", "href").await;
    assert!(link.contains("/invitations/"), "an invitation link: {link}");

    let colleague = chromium
        .window(test, "colleague", Viewport::DESKTOP, "en")
        .await;
    colleague.goto(&link).await;
    assert!(colleague.main_text().await.contains("accountant"));
    colleague.fill("name", "Ravi Kumar").await;
    colleague
        .fill("password", "another-long-secret-phrase-77")
        .await;
    colleague.follow("main form button[type=submit]").await;
    assert_eq!(colleague.path().await, org_path, "the colleague is in");

    for (browser, who) in [(&colleague, "colleague"), (&owner, "owner")] {
        browser.goto(&app.at(&format!("{org_path}/audit"))).await;
        let log = browser.main_text().await;
        for action in ["user.signup", "member.invite", "member.join"] {
            assert!(log.contains(action), "{who} sees {action}: {log}");
        }
        assert!(log.contains("verifies"), "{log}");
    }
    colleague.client.clone().close().await.unwrap();
    owner.client.clone().close().await.unwrap();
}

/// Two-factor sign-in in a real browser: turn it on from the account page (the QR code, a
/// confirming code, the recovery codes), sign out, sign in with the password and a code.
#[tokio::test]
async fn a_user_turns_on_two_factor_and_signs_in_with_a_code() {
    let Some(chromium) = Chromium::start() else {
        return;
    };
    let app = TestApp::start().await;
    let account = app.signup("asha@example.com").await;
    let test = "two-factor";
    let browser = chromium
        .window(test, "owner", Viewport::DESKTOP, "en")
        .await;
    let unix = || u64::try_from(time::OffsetDateTime::now_utc().unix_timestamp()).unwrap();

    browser.goto(&app.at("/login")).await;
    browser.fill("email", "asha@example.com").await;
    browser.fill("password", STRONG_PASSWORD).await;
    browser.follow("form[action='/login'] button").await;
    browser.goto(&app.at("/account")).await;
    browser.follow("a[href='/account/two-factor']").await;
    browser.check("two-factor-off").await;
    browser
        .follow("form[action='/account/two-factor/start'] button")
        .await;
    assert!(
        browser.exists("main svg[role=img]").await,
        "a QR code to scan"
    );
    browser.check("two-factor-scan").await;
    let key = browser.text("#secret").await;
    let code = bahi_app::identity::two_factor::code_at(&key, unix()).unwrap();
    browser.fill("code", &code).await;
    browser
        .follow("form[action='/account/two-factor/confirm'] button")
        .await;
    assert_eq!(browser.count(".recovery-codes li").await, 10);
    browser.check("two-factor-recovery-codes").await;

    browser.follow("form[action='/logout'] button").await;
    browser.goto(&app.at("/login")).await;
    browser.fill("email", "asha@example.com").await;
    browser.fill("password", STRONG_PASSWORD).await;
    browser.follow("form[action='/login'] button").await;
    assert_eq!(
        browser.path().await,
        "/login/two-factor",
        "asks for the code"
    );
    browser.check("two-factor-code").await;
    // The enrolment's code was used; the next time step's is accepted.
    browser.fill("code", "000000").await;
    browser
        .follow("form[action='/login/two-factor'] button")
        .await;
    assert!(
        browser.main_text().await.contains("is not the code"),
        "a wrong code is named"
    );
    let next = bahi_app::identity::two_factor::code_at(&key, unix() + 30).unwrap();
    browser.fill("code", &next).await;
    browser
        .follow("form[action='/login/two-factor'] button")
        .await;
    assert_eq!(
        browser.path().await,
        format!("/orgs/{}", account.org_id),
        "signed in, at the business"
    );
    browser.client.clone().close().await.unwrap();
}
