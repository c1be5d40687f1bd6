//! bahi's use cases: what people do, validated, written in one transaction together with its
//! audit event, answered with a domain [`Error`]. The JSON API, the pages and the command line
//! all call these; none of them changes a table itself. Nothing here knows HTTP: the server
//! turns [`Error`] into statuses and [`Message`]s into the reader's language.
//!
//! Modules are named by the domain (`identity`, `masters`; later `sales`, `purchases`,
//! `payments`, `returns`, `ledger`). A use case takes the [`Services`] and who acts — an [`OrgCtx`] whose
//! role parameter is part of its signature, so the API handler and the page handler for the same
//! action cannot ask for different roles.

pub mod audit;
pub mod context;
pub mod dev;
mod error;
pub(crate) mod fields;
pub mod gateways;
pub mod identity;
pub mod ledger;
pub mod mail;
pub mod masters;
pub mod message;
pub mod migrations;
pub mod payments;
pub mod purchases;
pub mod returns;
pub mod sales;
pub mod secrets;
mod services;
pub mod statements;

pub use context::{
    Accountant, Actor, Admin, AtLeast, MinimumRole, Operator, OrgCtx, Owner, PlatformAdmin, Via,
    Viewer,
};
pub use error::{Error, FieldError, FieldErrors};
pub use message::Message;
pub use services::{Limits, Policy, Services};
