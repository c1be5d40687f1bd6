//! Mail: what bahi sends (letters from templates), how a message is written into the outbox in
//! the transaction of the change that causes it, and the worker inside `serve` that delivers it
//! over SMTP. Mail is off until `BAHI_SMTP_URL` is set: nothing is queued, and what would send
//! mail says so instead.

pub mod admin;
pub mod letters;
pub mod message;
pub mod policy;
pub mod queue;
pub mod worker;
