//! Mail: the SMTP relay, the sender, and how hard the outbox tries. Mail is on when
//! `BAHI_SMTP_URL` is set, and then needs `BAHI_MAIL_FROM`.

use std::time::Duration;

use bahi_app::mail::policy::MailPolicy;
use bahi_app::mail::worker::Delivery;

use super::errors::ConfigError;
use super::settings::{
    MAIL_FROM, MAIL_MAX_ATTEMPTS, MAIL_RETRY_SECS, REMINDERS_INTERVAL_SECS, SMTP_URL,
};
use super::sources::{Raw, err};

pub(super) struct Mail {
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    /// Both set and valid: mail is on.
    pub on: Option<(MailPolicy, Delivery)>,
    /// How often the reminder scheduler runs.
    pub reminders_every: Duration,
}

pub(super) fn read(raw: &Raw<'_>, errors: &mut Vec<ConfigError>) -> Mail {
    let smtp_url = raw.get(&SMTP_URL);
    let smtp_ok = match &smtp_url {
        None => false,
        Some(smtp) => {
            let ok = url::Url::parse(smtp)
                .is_ok_and(|u| matches!(u.scheme(), "smtp" | "smtps") && u.host().is_some());
            if !ok {
                errors.push(err(
                    &SMTP_URL,
                    "must be an smtp:// or smtps:// URL with a host".to_owned(),
                ));
            }
            ok
        }
    };
    let mail_from = raw.get(&MAIL_FROM);
    let from = match &mail_from {
        Some(text) => match text.parse::<bahi_app::mail::policy::Mailbox>() {
            Ok(mailbox) => Some(mailbox),
            Err(_) => {
                errors.push(err(&MAIL_FROM, format!("must be an email address such as bahi@example.com or \"Bahi <bahi@example.com>\", not {text:?}")));
                None
            }
        },
        None if smtp_ok => {
            errors.push(err(
                &MAIL_FROM,
                "must be set when BAHI_SMTP_URL is (the address mail is sent from)".to_owned(),
            ));
            None
        }
        None => None,
    };
    let max_attempts = raw.number::<i64>(&MAIL_MAX_ATTEMPTS, 8, 1, 100, errors);
    let retry_secs = raw.number::<u64>(&MAIL_RETRY_SECS, 60, 0, 86_400, errors);
    let reminders_every =
        Duration::from_secs(raw.number::<u64>(&REMINDERS_INTERVAL_SECS, 3600, 1, 86_400, errors));
    let on = match (&smtp_url, from) {
        (Some(url), Some(from)) if smtp_ok => {
            let mut delivery = Delivery::new(url.clone());
            delivery.max_attempts = max_attempts;
            delivery.first_retry = Duration::from_secs(retry_secs);
            Some((MailPolicy { from }, delivery))
        }
        _ => None,
    };
    Mail {
        smtp_url,
        mail_from,
        on,
        reminders_every,
    }
}
