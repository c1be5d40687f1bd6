//! The HTTP kit every feature uses, for the API and the pages alike: who is calling
//! ([`caller`]: the session cookie or an API token, then the organisation and role a handler
//! demands), the client's address, cookies, CSRF, the extractors ([`extract`]: JSON bodies, path
//! ids, query parameters, paging), and the one error type handlers return ([`HttpError`]),
//! rendered by the API as problem+json and by the pages as a page.

pub mod caller;
pub mod client_ip;
pub mod cookies;
pub mod csrf;
mod error;
pub mod extract;
pub mod idempotency;
pub mod language;
pub mod paths;

pub use caller::{Member, PlatformAdminCaller, Signed};
pub use error::{CarriedError, HttpError};
pub use language::AskedLanguage;
