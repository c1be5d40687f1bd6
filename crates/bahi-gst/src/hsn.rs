//! HSN (goods) and SAC (services) codes: 4, 6 or 8 digits; services start with 99.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HsnSac(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplyKind {
    Goods,
    Services,
}

impl SupplyKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Goods => "goods",
            Self::Services => "services",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Goods, Self::Services]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HsnError {
    #[error("HSN/SAC {0:?} must be digits only")]
    Digits(String),
    #[error("HSN/SAC {0} must have 4, 6 or 8 digits, not {1}")]
    Length(String, usize),
    #[error("{0} is a SAC (services start with 99), not an HSN for goods")]
    ServiceCodeForGoods(String),
    #[error("{0} is an HSN for goods; service codes (SAC) start with 99")]
    GoodsCodeForService(String),
}

impl HsnSac {
    pub fn parse(text: &str) -> Result<Self, HsnError> {
        let code = text.trim();
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(HsnError::Digits(code.to_owned()));
        }
        if !matches!(code.len(), 4 | 6 | 8) {
            return Err(HsnError::Length(code.to_owned(), code.len()));
        }
        Ok(Self(code.to_owned()))
    }

    /// Parses and checks the code fits what is supplied.
    pub fn parse_for(kind: SupplyKind, text: &str) -> Result<Self, HsnError> {
        let code = Self::parse(text)?;
        match (kind, code.is_service()) {
            (SupplyKind::Goods, true) => Err(HsnError::ServiceCodeForGoods(code.0)),
            (SupplyKind::Services, false) => Err(HsnError::GoodsCodeForService(code.0)),
            _ => Ok(code),
        }
    }

    #[must_use]
    pub fn is_service(&self) -> bool {
        self.0.starts_with("99")
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The chapter (first two digits), e.g. "24" for tobacco.
    #[must_use]
    pub fn chapter(&self) -> &str {
        &self.0[..2]
    }
}

impl fmt::Display for HsnSac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for HsnSac {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for HsnSac {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}
