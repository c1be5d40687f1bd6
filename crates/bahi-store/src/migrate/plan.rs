//! What a migration run would do, as the operator reviews it, and the fingerprint they approve.

use std::fmt;

use sha2::{Digest, Sha256};
use sqlx::migrate::Migration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaStep {
    pub version: i64,
    pub description: String,
    /// sqlx's checksum of the SQL text, in hex.
    pub checksum: String,
}

impl SchemaStep {
    pub(crate) fn of(m: &Migration) -> Self {
        Self {
            version: m.version,
            description: m.description.to_string(),
            checksum: hex::encode(&*m.checksum),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataStep {
    pub id: String,
    pub description: String,
    /// Rows `apply` would change, when a dry run was possible.
    pub rows: Option<u64>,
}

#[derive(Debug, Clone, Default)]
pub struct Status {
    pub applied_schema: Vec<i64>,
    pub pending_schema: Vec<SchemaStep>,
    /// Versions applied by a newer release. Harmless while that release's changes are
    /// expand-only (DESIGN.md §6), so they do not make the database "not current".
    pub ahead: Vec<i64>,
    pub applied_data: Vec<String>,
    pub pending_data: Vec<DataStep>,
    /// Reasons the history is unsafe to build on (edited, failed or out-of-order migrations).
    pub problems: Vec<String>,
}

impl Status {
    /// True when nothing is pending and nothing is wrong: the server may serve traffic.
    #[must_use]
    pub fn is_current(&self) -> bool {
        self.pending_schema.is_empty() && self.pending_data.is_empty() && self.problems.is_empty()
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let applied: Vec<String> = self
            .applied_schema
            .iter()
            .map(|v| format!("{v:04}"))
            .collect();
        writeln!(
            f,
            "schema: {} applied{}",
            applied.len(),
            if applied.is_empty() {
                String::new()
            } else {
                format!(" ({})", applied.join(", "))
            }
        )?;
        for s in &self.pending_schema {
            writeln!(f, "  pending schema {:04} {}", s.version, s.description)?;
        }
        for v in &self.ahead {
            writeln!(f, "  applied by a newer release: {v:04}")?;
        }
        writeln!(f, "data: {} applied", self.applied_data.len())?;
        for d in &self.pending_data {
            writeln!(f, "  pending data {} {}", d.id, d.description)?;
        }
        for p in &self.problems {
            writeln!(f, "problem: {p}")?;
        }
        if self.is_current() {
            writeln!(f, "up to date")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct Plan {
    /// The database the plan is for (no credentials).
    pub database: String,
    pub status: Status,
    /// Hash of the database identity and the pending steps: approving it approves exactly this.
    pub fingerprint: String,
}

impl Plan {
    pub(crate) fn new(database: String, status: Status) -> Self {
        let fingerprint = fingerprint(&database, &status);
        Self {
            database,
            status,
            fingerprint,
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.status.pending_schema.is_empty() && self.status.pending_data.is_empty()
    }
}

/// Dry-run counts are left out on purpose: rows written by the live application between plan
/// and `up` must not invalidate an approval, while any change to the steps themselves must.
fn fingerprint(database: &str, status: &Status) -> String {
    let mut hash = Sha256::new();
    hash.update(b"bahi-migration-plan-v1\n");
    hash.update(database.as_bytes());
    for s in &status.pending_schema {
        hash.update(format!("\nschema {} {}", s.version, s.checksum).as_bytes());
    }
    for d in &status.pending_data {
        hash.update(format!("\ndata {}", d.id).as_bytes());
    }
    hex::encode(&hash.finalize()[..12])
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Migration plan for {}", self.database)?;
        if self.is_empty() {
            writeln!(f, "  nothing to apply")?;
        }
        for s in &self.status.pending_schema {
            writeln!(
                f,
                "  schema {:04} {} (checksum {})",
                s.version,
                s.description,
                &s.checksum[..16.min(s.checksum.len())]
            )?;
        }
        for d in &self.status.pending_data {
            match d.rows {
                Some(n) => writeln!(f, "  data   {} {}: {n} rows to change", d.id, d.description)?,
                None => writeln!(
                    f,
                    "  data   {} {}: counted after the schema steps",
                    d.id, d.description
                )?,
            }
        }
        for p in &self.status.problems {
            writeln!(f, "  problem: {p}")?;
        }
        write!(f, "Fingerprint: {}", self.fingerprint)
    }
}
