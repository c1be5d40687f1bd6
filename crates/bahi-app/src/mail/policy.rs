//! Mail as the deployment configured it.

pub use lettre::Address;
pub use lettre::message::Mailbox;

/// Mail is on: who it is sent from.
#[derive(Debug, Clone)]
pub struct MailPolicy {
    /// The sender mailbox (`BAHI_MAIL_FROM`): its address sends every message; a business's
    /// mail puts the business's name in front of it.
    pub from: Mailbox,
}
