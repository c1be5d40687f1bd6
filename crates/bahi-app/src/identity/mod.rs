//! Identity and tenancy: accounts, sign-in, sessions, API tokens, organisations, members and
//! invitations, and the platform administration around them.

pub mod admin;
pub mod demo;
mod demo_documents;
pub mod invitations;
pub mod logos;
pub mod members;
pub mod orgs;
pub mod passwords;
pub mod profile;
pub mod resets;
pub mod sessions;
pub mod signup;
pub mod throttle;
pub mod tokens;
pub mod two_factor;
pub mod validate;
pub mod zones;
