//! User-facing words, by reference. A use case says *what* happened as a [`Message`] — an id in
//! the server's catalogue (`crates/bahi-server/locales/<lang>/*.ftl`) and its arguments — and the
//! server says it in the reader's language. Keeping wording out of Rust keeps it in one place and
//! makes a translation a file, not a code change.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl Message {
    #[must_use]
    pub const fn new(id: &'static str) -> Self {
        Self {
            id,
            args: Vec::new(),
        }
    }

    /// Adds a named argument (`{ $name }` in the catalogue).
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(t) => f.write_str(t),
            Self::Number(n) => n.fmt(f),
        }
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Self::Text(v)
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Self::Text(v.to_owned())
    }
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Self::Number(v)
    }
}

impl From<i32> for Arg {
    fn from(v: i32) -> Self {
        Self::Number(i64::from(v))
    }
}

impl From<usize> for Arg {
    fn from(v: usize) -> Self {
        Self::Number(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(v: u64) -> Self {
        Self::Number(i64::try_from(v).unwrap_or(i64::MAX))
    }
}
