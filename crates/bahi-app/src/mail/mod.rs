//! Mail: what bahi sends (letters from templates), how a message is written into the outbox in
//! the transaction of the change that causes it, and the worker inside `serve` that delivers it
//! over SMTP. Mail is off until `BAHI_SMTP_URL` is set: nothing is queued, and what would send
//! mail says so instead.

pub mod admin;
pub mod letters;
pub mod message;
pub mod queue;
pub mod worker;

pub use lettre::Address;
pub use lettre::message::Mailbox;
pub use message::Outgoing;
pub use queue::enqueue;

/// Mail as the deployment configured it.
#[derive(Debug, Clone)]
pub struct MailPolicy {
    /// The sender mailbox (`BAHI_MAIL_FROM`): its address sends every message; a business's
    /// mail puts the business's name in front of it.
    pub from: lettre::message::Mailbox,
}
