//! What a business sends its customer about an invoice on WhatsApp: the message (in the
//! sender's language) with the amount due and the public link, as a `wa.me` address. The same
//! for a reminder, which says when it was due.

use bahi_app::Message;
use bahi_app::sales::whatsapp;
use bahi_store::sales::documents::SalesDocument;
use time::Date;

use crate::i18n::{Lang, say};
use crate::web::format::{date, inr};

/// Sharing the invoice itself.
#[must_use]
pub fn invoice_message(lang: Lang, business: &str, doc: &SalesDocument, url: &str) -> String {
    let message = Message::new("share-whatsapp-invoice")
        .arg("buyer", doc.buyer_name.clone())
        .arg("business", business.to_owned())
        .arg("number", doc.number.clone().unwrap_or_default())
        .arg("total", inr(doc.total))
        .arg("due", inr(doc.balance_due()))
        .arg("url", url.to_owned());
    say(lang, &message)
}

/// A reminder of what is due: before the due date, on it, or how late.
#[must_use]
pub fn reminder_message(
    lang: Lang,
    business: &str,
    doc: &SalesDocument,
    url: &str,
    today: Date,
) -> String {
    let due_date = doc.due_date.unwrap_or(doc.date);
    let id = if due_date < today {
        "share-whatsapp-overdue"
    } else {
        "share-whatsapp-reminder"
    };
    let message = Message::new(id)
        .arg("buyer", doc.buyer_name.clone())
        .arg("business", business.to_owned())
        .arg("number", doc.number.clone().unwrap_or_default())
        .arg("due", inr(doc.balance_due()))
        .arg("date", date(lang, due_date))
        .arg("url", url.to_owned());
    say(lang, &message)
}

/// The `wa.me` address that opens a chat with the customer (when their phone is known) with
/// `text` typed in.
#[must_use]
pub fn whatsapp_url(phone: Option<&str>, text: &str) -> String {
    whatsapp::share_url(phone, text)
}
