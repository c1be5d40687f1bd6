//! The letters bahi writes, each a text and an HTML part from the templates in
//! `templates/mail/`. Values arrive formatted (money as `₹1,23,456.00`, dates as `5 Oct 2026`);
//! the templates only place them. HTML parts are escaped by askama; text parts are plain.

use askama::Template;
use bahi_gst::Paise;

use crate::Error;

/// A letter ready to be put in an envelope.
#[derive(Debug, Clone)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn render(template: &impl Template) -> Result<String, Error> {
    template
        .render()
        .map_err(|e| Error::Internal(format!("a mail template failed: {e}")))
}

/// `5 Oct 2026`
#[must_use]
pub fn date(day: time::Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS[usize::from(u8::from(day.month())) - 1];
    format!("{} {month} {}", day.day(), day.year())
}

/// A document (invoice, bill of supply, note) sent with its PDF.
#[derive(Debug, Clone, Template)]
#[template(path = "mail/document.txt")]
pub struct DocumentLetter {
    pub business: String,
    pub buyer: String,
    /// `Tax invoice`, `Credit note`, …
    pub what: String,
    pub number: String,
    pub date: String,
    pub total: String,
    /// What is left to pay, when something is (not for notes).
    pub balance: Option<String>,
    pub due: Option<String>,
    /// What the sender wrote, if anything.
    pub message: Option<String>,
    pub file_name: String,
}

#[derive(Template)]
#[template(path = "mail/document.html")]
struct DocumentHtml<'a> {
    l: &'a DocumentLetter,
}

impl DocumentLetter {
    pub fn compose(&self) -> Result<Composed, Error> {
        Ok(Composed {
            subject: format!("{} {} from {}", self.what, self.number, self.business),
            text: render(self)?,
            html: render(&DocumentHtml { l: self })?,
        })
    }
}

/// An invitation to join a business.
#[derive(Debug, Clone, Template)]
#[template(path = "mail/invitation.txt")]
pub struct InvitationLetter {
    pub business: String,
    pub inviter: String,
    pub role: String,
    pub link: String,
    pub expires: String,
}

#[derive(Template)]
#[template(path = "mail/invitation.html")]
struct InvitationHtml<'a> {
    l: &'a InvitationLetter,
}

impl InvitationLetter {
    pub fn compose(&self) -> Result<Composed, Error> {
        Ok(Composed {
            subject: format!("{} invited you to {} on bahi", self.inviter, self.business),
            text: render(self)?,
            html: render(&InvitationHtml { l: self })?,
        })
    }
}

/// A link to choose a new password.
#[derive(Debug, Clone, Template)]
#[template(path = "mail/password_reset.txt")]
pub struct ResetLetter {
    pub name: String,
    pub link: String,
    pub minutes: i64,
}

#[derive(Template)]
#[template(path = "mail/password_reset.html")]
struct ResetHtml<'a> {
    l: &'a ResetLetter,
}

impl ResetLetter {
    pub fn compose(&self) -> Result<Composed, Error> {
        Ok(Composed {
            subject: "Reset your bahi password".to_owned(),
            text: render(self)?,
            html: render(&ResetHtml { l: self })?,
        })
    }
}

/// A payment reminder: before the due date, or after it.
#[derive(Debug, Clone, Template)]
#[template(path = "mail/reminder.txt")]
pub struct ReminderLetter {
    pub business: String,
    pub buyer: String,
    pub number: String,
    pub date: String,
    pub balance: String,
    pub due: String,
    /// Days past the due date (0 or less: not yet due).
    pub days_late: i64,
}

#[derive(Template)]
#[template(path = "mail/reminder.html")]
struct ReminderHtml<'a> {
    l: &'a ReminderLetter,
}

impl ReminderLetter {
    pub fn compose(&self) -> Result<Composed, Error> {
        let subject = if self.days_late > 0 {
            format!(
                "Payment overdue: invoice {} from {}",
                self.number, self.business
            )
        } else {
            format!(
                "Payment due on {}: invoice {} from {}",
                self.due, self.number, self.business
            )
        };
        Ok(Composed {
            subject,
            text: render(self)?,
            html: render(&ReminderHtml { l: self })?,
        })
    }
}

/// Money as a letter writes it.
#[must_use]
pub fn money(amount: Paise) -> String {
    amount.to_inr()
}
