//! Buying: purchase bills as vendors issued them, with their lines and the tax on them.

pub mod bills;

use crate::column::Column;
use crate::ids::typed_id;

typed_id!(
    /// A purchase bill of one organisation.
    BillId
);

/// Whether a bill stands or was voided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BillStatus {
    Recorded,
    Void,
}

impl BillStatus {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Recorded => "recorded",
            Self::Void => "void",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Recorded, Self::Void]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

impl Column for BillStatus {
    type Stored = String;
    fn to_stored(&self) -> String {
        self.as_str().to_owned()
    }
    fn from_stored(stored: String) -> Result<Self, sqlx::error::BoxDynError> {
        Self::parse(&stored).ok_or_else(|| format!("{stored:?} is not a bill status").into())
    }
}
