//! Tools for developers and benchmarks, refused in production.

mod catalogue;
pub mod generate;
