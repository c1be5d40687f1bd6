//! A letter in its envelope: the MIME message (text and HTML alternatives, the attachment)
//! formatted once, when it is queued. Its Message-ID is the outbox id, so every retry sends the
//! same bytes and a receiving server that drops duplicates by Message-ID sees one message.

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};

use super::letters::Composed;
use super::policy::MailPolicy;
use crate::Error;

/// A file sent with a letter.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// What to send, to whom, on whose behalf.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub to: Vec<Address>,
    /// Put in front of the sender address (a business's name); bahi's own name otherwise.
    pub from_name: Option<String>,
    /// Where replies go (the business's own address).
    pub reply_to: Option<Address>,
    pub letter: Composed,
    pub attachment: Option<File>,
}

/// The envelope and the formatted message.
pub struct Formatted {
    pub sender: String,
    pub recipients: Vec<String>,
    pub bytes: Vec<u8>,
}

fn internal(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("{what}: {e}"))
}

/// Formats the message `id` of `outgoing`.
pub(crate) fn format(
    policy: &MailPolicy,
    id: impl std::fmt::Display,
    outgoing: &Outgoing,
) -> Result<Formatted, Error> {
    let sender = policy.from.email.clone();
    let from = match &outgoing.from_name {
        Some(name) => Mailbox::new(Some(name.clone()), sender.clone()),
        None => policy.from.clone(),
    };
    let mut builder = Message::builder()
        .from(from)
        .subject(outgoing.letter.subject.clone())
        .message_id(Some(format!("<{id}@{}>", sender.domain())));
    for to in &outgoing.to {
        builder = builder.to(Mailbox::new(None, to.clone()));
    }
    if let Some(reply_to) = &outgoing.reply_to {
        builder = builder.reply_to(Mailbox::new(outgoing.from_name.clone(), reply_to.clone()));
    }
    let body = MultiPart::alternative()
        .singlepart(SinglePart::plain(outgoing.letter.text.clone()))
        .singlepart(SinglePart::html(outgoing.letter.html.clone()));
    let message = match &outgoing.attachment {
        None => builder.multipart(body),
        Some(file) => {
            let content_type =
                ContentType::parse(file.content_type).map_err(|e| internal("content type", e))?;
            builder.multipart(MultiPart::mixed().multipart(body).singlepart(
                Attachment::new(file.name.clone()).body(file.bytes.clone(), content_type),
            ))
        }
    }
    .map_err(|e| internal("could not write the message", e))?;
    Ok(Formatted {
        sender: sender.to_string(),
        recipients: outgoing.to.iter().map(ToString::to_string).collect(),
        bytes: message.formatted(),
    })
}
