//! The confirmation step of every destructive or irreversible action (remove a member, revoke
//! a token or an invitation, suspend a business): a page that says what will happen, with the
//! button that does it and a way back. It works without JavaScript: the action's link opens this
//! page, its form posts the action.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors};
use super::respond::render;

/// What the confirmation page's form posts: the reason, when it asks for one.
#[derive(Debug, Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    pub reason: String,
}

#[derive(Template)]
#[template(path = "confirm.html")]
pub struct Confirm {
    pub chrome: Chrome,
    pub title: String,
    pub explanation: String,
    /// Where the form posts.
    pub action: String,
    /// The button's words ("Remove Sunil").
    pub confirm: String,
    /// Where "Cancel" goes.
    pub cancel: String,
    /// Whether a reason must be given (and is recorded).
    pub ask_reason: bool,
    pub reason: String,
    pub errors: FormErrors,
}

impl Confirm {
    /// "Void this?": asks for the reason (recorded with the void) and posts to `{back}/void`.
    /// `what` names the messages: `confirm-void-{what}-title`, `-why` and the button.
    pub fn void(
        chrome: Chrome,
        back: String,
        what: &str,
        number: &str,
        reason: String,
        errors: FormErrors,
    ) -> Self {
        Self {
            title: chrome.t1(&format!("confirm-void-{what}-title"), "number", number),
            explanation: chrome.t(&format!("confirm-void-{what}-why")),
            action: format!("{back}/void"),
            confirm: chrome.t1(&format!("confirm-void-{what}"), "number", number),
            cancel: back,
            ask_reason: true,
            reason,
            errors,
            chrome,
        }
    }

    pub fn respond(self) -> Response {
        let status = self.errors.status.unwrap_or(StatusCode::OK);
        render(status, &self)
    }
}
