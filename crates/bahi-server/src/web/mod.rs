//! Server-rendered pages (DESIGN.md §10): askama templates in the frame of `base.html`, one
//! stylesheet, a script that only adds comfort; every form works without JavaScript and shows
//! errors next to the field that caused them, summarised at the top. Errors a handler does not
//! show in its own form are rendered once, by this router's layer ([`errors`]), as a page in the
//! signed-in frame. Every word comes from the catalogue (`locales/`), in the reader's language.
//!
//! One file per resource (`members.rs`: the members page and its forms), its templates under
//! `templates/`.

mod account;
mod admin;
mod assets;
mod audit;
mod bills;
mod books;
mod chrome;
mod confirm;
mod errors;
mod exports;
mod form;
pub mod format;
mod home;
mod integrations;
mod invitations;
mod invoices;
mod items;
mod lines;
mod logo;
mod mail;
mod members;
mod notes;
mod notices;
mod orgs;
mod outbox;
mod parties;
mod payments;
mod pdf;
mod public;
mod qr;
mod reminders;
mod resets;
mod respond;
mod returns;
mod series;
mod sessions;
mod sharing;
mod statements;
mod tokens;
mod two_factor;

use axum::Router;
use axum::routing::{get, post};

pub use assets::Assets;

use crate::http::csrf;
use crate::middleware;
use crate::state::AppState;

pub fn router(app: &AppState) -> Router<AppState> {
    // Sign-in and sign-up start a session: the origin check alone (see `http::csrf`).
    let session_start = Router::new()
        .route("/signup", get(sessions::signup_form).post(sessions::signup))
        .route("/login", get(sessions::login_form).post(sessions::login))
        .route(
            "/login/two-factor",
            get(sessions::second_factor_form).post(sessions::second_factor),
        )
        .route(
            "/password-reset",
            get(resets::request_form).post(resets::request),
        )
        .route(
            "/password-reset/{token}",
            get(resets::choose_form).post(resets::choose),
        )
        // A customer's view of a shared invoice: no session; the origin check guards its
        // pay buttons.
        .route("/p/{token}", get(public::show))
        .route("/p/{token}/pdf", get(public::pdf))
        .route("/p/{token}/pay/{provider}", post(public::pay))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            csrf::session_start,
        ));
    let guarded = Router::new()
        .route("/", get(home::home))
        .route("/logout", post(sessions::logout))
        .route("/language", post(sessions::language))
        .route("/dashboard", get(home::businesses))
        .route(
            "/orgs/new",
            get(orgs::new_business).post(orgs::create_business),
        )
        .route("/orgs/{org_id}", get(orgs::overview))
        .route(
            "/orgs/{org_id}/settings",
            get(orgs::settings).post(orgs::save_settings),
        )
        .route("/orgs/{org_id}/settings/series", get(series::page))
        .route(
            "/orgs/{org_id}/settings/integrations",
            get(integrations::overview),
        )
        .route(
            "/orgs/{org_id}/settings/integrations/{provider}",
            get(integrations::show).post(integrations::save),
        )
        .route(
            "/orgs/{org_id}/settings/integrations/{provider}/test",
            post(integrations::test),
        )
        .route(
            "/orgs/{org_id}/settings/integrations/{provider}/disconnect",
            get(integrations::confirm_disconnect).post(integrations::disconnect),
        )
        .route(
            "/orgs/{org_id}/settings/reminders",
            get(reminders::show).post(reminders::save),
        )
        .route(
            "/orgs/{org_id}/settings/logo",
            get(logo::page).post(logo::upload),
        )
        .route("/orgs/{org_id}/settings/logo.img", get(logo::image))
        .route("/orgs/{org_id}/settings/logo/remove", post(logo::remove))
        .route(
            "/orgs/{org_id}/settings/series/{series}",
            post(series::save),
        )
        .route(
            "/orgs/{org_id}/members",
            get(members::page).post(members::invite),
        )
        .route(
            "/orgs/{org_id}/members/{user_id}/role",
            post(members::change_role),
        )
        .route(
            "/orgs/{org_id}/members/{user_id}/remove",
            get(members::confirm_remove).post(members::remove),
        )
        .route(
            "/orgs/{org_id}/members/two-factor",
            post(members::require_two_factor),
        )
        .route(
            "/orgs/{org_id}/invitations/{id}/resend",
            post(members::resend_invitation),
        )
        .route(
            "/orgs/{org_id}/invitations/{id}/revoke",
            get(members::confirm_revoke_invitation).post(members::revoke_invitation),
        )
        .route(
            "/orgs/{org_id}/parties",
            get(parties::list).post(parties::create),
        )
        .route("/orgs/{org_id}/parties/new", get(parties::new_form))
        .route(
            "/orgs/{org_id}/parties/{id}",
            get(parties::show).post(parties::save),
        )
        .route(
            "/orgs/{org_id}/parties/{id}/archive",
            post(parties::archive),
        )
        .route(
            "/orgs/{org_id}/parties/{id}/delete",
            get(parties::confirm_delete).post(parties::delete),
        )
        .route("/orgs/{org_id}/items", get(items::list).post(items::create))
        .route("/orgs/{org_id}/items/new", get(items::new_form))
        .route(
            "/orgs/{org_id}/items/{id}",
            get(items::show).post(items::save),
        )
        .route("/orgs/{org_id}/items/{id}/archive", post(items::archive))
        .route(
            "/orgs/{org_id}/items/{id}/delete",
            get(items::confirm_delete).post(items::delete),
        )
        .route("/orgs/{org_id}/returns", get(returns::page))
        .route(
            "/orgs/{org_id}/returns/gstr-1/{period}/sections/{section}",
            get(returns::section),
        )
        .route(
            "/orgs/{org_id}/returns/gstr-1/{period}/csv/{section}",
            get(returns::csv),
        )
        .route(
            "/orgs/{org_id}/returns/{return_type}/{period}/download",
            get(returns::download),
        )
        .route(
            "/orgs/{org_id}/returns/{return_type}/{period}/filed",
            post(returns::file),
        )
        .route(
            "/orgs/{org_id}/returns/{return_type}/{period}/reopen",
            post(returns::reopen),
        )
        .route("/orgs/{org_id}/parties.csv", get(exports::parties))
        .route("/orgs/{org_id}/items.csv", get(exports::items))
        .route("/orgs/{org_id}/invoices.csv", get(exports::invoices))
        .route("/orgs/{org_id}/bills.csv", get(exports::bills))
        .route("/orgs/{org_id}/payments.csv", get(exports::payments))
        .route(
            "/orgs/{org_id}/parties/{id}/statement",
            get(statements::page),
        )
        .route(
            "/orgs/{org_id}/parties/{id}/statement.csv",
            get(statements::csv),
        )
        .route(
            "/orgs/{org_id}/invoices",
            get(invoices::list).post(invoices::create),
        )
        .route("/orgs/{org_id}/invoices/new", get(invoices::new_form))
        .route("/orgs/{org_id}/invoices/{id}", get(invoices::show))
        .route("/orgs/{org_id}/invoices/{id}/pdf", get(pdf::invoice))
        .route(
            "/orgs/{org_id}/invoices/{id}/edit",
            get(invoices::edit_form).post(invoices::save),
        )
        .route("/orgs/{org_id}/invoices/{id}/issue", post(invoices::issue))
        .route("/orgs/{org_id}/invoices/{id}/share", post(sharing::share))
        .route(
            "/orgs/{org_id}/invoices/{id}/share/{link_id}/revoke",
            post(sharing::unshare),
        )
        .route(
            "/orgs/{org_id}/invoices/{id}/notes/new",
            get(notes::new_form),
        )
        .route("/orgs/{org_id}/invoices/{id}/notes", post(notes::create))
        .route("/orgs/{org_id}/notes/{id}", get(notes::show))
        .route("/orgs/{org_id}/notes/{id}/pdf", get(pdf::note))
        .route(
            "/orgs/{org_id}/invoices/{id}/email",
            get(mail::invoice_form).post(mail::send_invoice),
        )
        .route(
            "/orgs/{org_id}/notes/{id}/email",
            get(mail::note_form).post(mail::send_note),
        )
        .route(
            "/orgs/{org_id}/invoices/{id}/void",
            get(invoices::confirm_void).post(invoices::void),
        )
        .route(
            "/orgs/{org_id}/invoices/{id}/delete",
            get(invoices::confirm_delete).post(invoices::delete),
        )
        .route("/orgs/{org_id}/bills", get(bills::list).post(bills::create))
        .route("/orgs/{org_id}/bills/new", get(bills::new_form))
        .route("/orgs/{org_id}/bills/{id}", get(bills::show))
        .route("/orgs/{org_id}/bills/{id}/pdf", get(pdf::bill))
        .route(
            "/orgs/{org_id}/bills/{id}/void",
            get(bills::confirm_void).post(bills::void),
        )
        .route(
            "/orgs/{org_id}/payments",
            get(payments::list).post(payments::create),
        )
        .route("/orgs/{org_id}/payments/new", get(payments::new_form))
        .route("/orgs/{org_id}/payments/{id}", get(payments::show))
        .route("/orgs/{org_id}/payments/{id}/pdf", get(pdf::payment))
        .route(
            "/orgs/{org_id}/payments/{id}/allocate",
            post(payments::allocate),
        )
        .route(
            "/orgs/{org_id}/payments/{id}/void",
            get(payments::confirm_void).post(payments::void),
        )
        .route("/orgs/{org_id}/audit", get(audit::page))
        .route("/orgs/{org_id}/books", get(books::reports::trial_balance))
        .route(
            "/orgs/{org_id}/books/trial-balance.csv",
            get(books::reports::trial_balance_csv),
        )
        .route(
            "/orgs/{org_id}/books/profit-and-loss",
            get(books::reports::profit_and_loss),
        )
        .route(
            "/orgs/{org_id}/books/profit-and-loss.csv",
            get(books::reports::profit_and_loss_csv),
        )
        .route(
            "/orgs/{org_id}/books/balance-sheet",
            get(books::reports::balance_sheet),
        )
        .route(
            "/orgs/{org_id}/books/balance-sheet.csv",
            get(books::reports::balance_sheet_csv),
        )
        .route(
            "/orgs/{org_id}/books/ageing",
            get(books::reports::ageing_page),
        )
        .route(
            "/orgs/{org_id}/books/ageing.csv",
            get(books::reports::ageing_csv),
        )
        .route(
            "/orgs/{org_id}/books/day-book",
            get(books::ledgers::day_book),
        )
        .route(
            "/orgs/{org_id}/books/cash-book",
            get(books::ledgers::cash_book),
        )
        .route(
            "/orgs/{org_id}/books/bank-book",
            get(books::ledgers::bank_book),
        )
        .route(
            "/orgs/{org_id}/books/accounts",
            get(books::forms::chart).post(books::forms::add_account),
        )
        .route(
            "/orgs/{org_id}/books/accounts/{id}",
            get(books::ledgers::account),
        )
        .route(
            "/orgs/{org_id}/books/accounts/{id}/entries.csv",
            get(books::ledgers::account_csv),
        )
        .route(
            "/orgs/{org_id}/books/parties/{party_id}",
            get(books::ledgers::party),
        )
        .route(
            "/orgs/{org_id}/books/parties/{party_id}/entries.csv",
            get(books::ledgers::party_csv),
        )
        .route(
            "/orgs/{org_id}/books/journals",
            post(books::forms::journal_create),
        )
        .route(
            "/orgs/{org_id}/books/journals/new",
            get(books::forms::journal_form),
        )
        .route(
            "/orgs/{org_id}/books/journals/{id}",
            get(books::ledgers::voucher),
        )
        .route(
            "/orgs/{org_id}/books/journals/{id}/reverse",
            get(books::forms::reverse_form).post(books::forms::reverse),
        )
        .route(
            "/orgs/{org_id}/books/entries/{id}",
            get(books::ledgers::entries_of),
        )
        .route(
            "/orgs/{org_id}/books/opening-balances",
            get(books::forms::openings_form).post(books::forms::openings_save),
        )
        .route("/orgs/{org_id}/books/years", get(books::forms::years_page))
        .route(
            "/orgs/{org_id}/books/years/{year}/close",
            post(books::forms::close_year),
        )
        .route(
            "/orgs/{org_id}/books/years/{year}/reopen",
            post(books::forms::reopen_year),
        )
        .route(
            "/invitations/{token}",
            get(invitations::page).post(invitations::accept),
        )
        .route("/account", get(account::page))
        .route("/account/password", post(account::change_password))
        .route("/account/two-factor", get(two_factor::show))
        .route("/account/two-factor/start", post(two_factor::start))
        .route("/account/two-factor/confirm", post(two_factor::confirm))
        .route("/account/two-factor/disable", post(two_factor::disable))
        .route("/tokens", get(tokens::page).post(tokens::create))
        .route(
            "/tokens/{id}/revoke",
            get(tokens::confirm_revoke).post(tokens::revoke),
        )
        .route("/admin", get(admin::page))
        .route(
            "/admin/orgs/{id}/suspend",
            get(admin::confirm_suspend).post(admin::suspend),
        )
        .route("/admin/orgs/{id}/unsuspend", post(admin::unsuspend))
        .route("/admin/outbox", get(outbox::page))
        .route("/admin/outbox/{id}/retry", post(outbox::retry))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            csrf::full,
        ));
    Router::new()
        .merge(session_start)
        .merge(guarded)
        .fallback(errors::not_found)
        // Innermost first. Every error these produce is rendered by `errors::layer`.
        .layer(axum::extract::DefaultBodyLimit::max(
            middleware::MAX_BODY_BYTES,
        ))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            middleware::MAX_BODY_BYTES,
        ))
        .layer(middleware::catch_panic())
        .layer(middleware::timeout(app))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            middleware::schema_gate,
        ))
        .layer(axum::middleware::from_fn(notices::layer))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            errors::layer,
        ))
        // Static files need neither the database nor the frame.
        .merge(assets::router())
}
