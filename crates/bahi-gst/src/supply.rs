//! Who the parties are and where the supply is made decide the supply type and the tax heads
//! (GST.md §1).

use serde::{Deserialize, Serialize};

use crate::gstin::{Gstin, GstinKind};
use crate::state::StateCode;

/// A party's GST registration, as API.md names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Registration {
    Regular,
    Composition,
    Uin,
    Sez,
    Unregistered,
    Overseas,
}

/// How a sale is reported (API.md `supply_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplyType {
    B2b,
    B2c,
    Sez,
    Export,
}

impl SupplyType {
    pub const ALL: [Self; 4] = [Self::B2b, Self::B2c, Self::Sez, Self::Export];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::B2b => "b2b",
            Self::B2c => "b2c",
            Self::Sez => "sez",
            Self::Export => "export",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    #[must_use]
    pub fn is_zero_rated(self) -> bool {
        matches!(self, Self::Sez | Self::Export)
    }
}

/// Which tax heads a document carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Levy {
    /// CGST + SGST; `utgst` when the place of supply is a UT without a legislature (the second
    /// head is then UTGST, reported in the same `samt` column).
    IntraState { utgst: bool },
    /// IGST: inter-state supplies, and zero-rated supplies made with payment of tax.
    InterState,
    /// Zero-rated under a bond or LUT: no tax is charged.
    ZeroRatedWithoutPayment,
}

impl Levy {
    #[must_use]
    pub fn is_inter_state(self) -> bool {
        !matches!(self, Self::IntraState { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SupplyError {
    #[error("a {0} party needs a GSTIN")]
    GstinRequired(&'static str),
    #[error("an unregistered or overseas party has no GSTIN; choose its registration again")]
    GstinNotExpected,
    #[error("GSTIN {gstin} is {described}, which does not fit a {registration} party")]
    GstinShape {
        gstin: String,
        described: &'static str,
        registration: &'static str,
    },
    #[error("place of supply 96 (Other Countries) is for exports to overseas buyers only")]
    OtherCountriesNotExport,
    #[error("an export's place of supply is 96 (Other Countries), not {0}")]
    ExportPlaceOfSupply(StateCode),
    #[error("a deemed export is a supply to a regular registered buyer, not to a {0} party")]
    DeemedExportBuyer(&'static str),
}

impl Registration {
    pub const ALL: [Self; 6] = [
        Self::Regular,
        Self::Composition,
        Self::Uin,
        Self::Sez,
        Self::Unregistered,
        Self::Overseas,
    ];

    /// `"regular"` → [`Registration::Regular`], as [`as_str`](Self::as_str) writes it.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Regular => "regular",
            Self::Composition => "composition",
            Self::Uin => "uin",
            Self::Sez => "sez",
            Self::Unregistered => "unregistered",
            Self::Overseas => "overseas",
        }
    }

    /// Whether a GSTIN (or its absence) fits this registration (GST.md §3: a TCS GSTIN is not a
    /// regular customer).
    pub fn check_gstin(self, gstin: Option<&Gstin>) -> Result<(), SupplyError> {
        let Some(gstin) = gstin else {
            return match self {
                Self::Unregistered | Self::Overseas => Ok(()),
                _ => Err(SupplyError::GstinRequired(self.as_str())),
            };
        };
        let kind = gstin.kind();
        let fits = match self {
            Self::Regular => matches!(
                kind,
                GstinKind::Normal | GstinKind::Government | GstinKind::NonResident
            ),
            Self::Composition | Self::Sez => kind == GstinKind::Normal,
            Self::Uin => kind == GstinKind::Uin,
            Self::Unregistered | Self::Overseas => return Err(SupplyError::GstinNotExpected),
        };
        if fits {
            Ok(())
        } else {
            Err(SupplyError::GstinShape {
                gstin: gstin.to_string(),
                described: kind.describe(),
                registration: self.as_str(),
            })
        }
    }

    /// The place of supply when the user gives none: the GSTIN's state for registered buyers,
    /// the billing state for unregistered ones, 96 for overseas buyers.
    #[must_use]
    pub fn default_place_of_supply(
        self,
        gstin: Option<&Gstin>,
        billing_state: Option<StateCode>,
    ) -> Option<StateCode> {
        match self {
            Self::Overseas => Some(StateCode::OTHER_COUNTRIES),
            Self::Unregistered => billing_state,
            _ => gstin.and_then(Gstin::state).or(billing_state),
        }
    }
}

/// How a sale is classified: what to report it as and which heads to charge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SaleClass {
    pub supply_type: SupplyType,
    pub levy: Levy,
}

/// Classifies a sale. `with_payment` matters only for SEZ and export sales: IGST is charged
/// (and refunded later) instead of supplying under LUT.
pub fn classify_sale(
    seller_state: StateCode,
    buyer: Registration,
    place_of_supply: StateCode,
    with_payment: bool,
) -> Result<SaleClass, SupplyError> {
    let zero_rated = if with_payment {
        Levy::InterState
    } else {
        Levy::ZeroRatedWithoutPayment
    };
    match buyer {
        Registration::Overseas if !place_of_supply.is_other_countries() => {
            Err(SupplyError::ExportPlaceOfSupply(place_of_supply))
        }
        Registration::Overseas => Ok(SaleClass {
            supply_type: SupplyType::Export,
            levy: zero_rated,
        }),
        _ if place_of_supply.is_other_countries() => Err(SupplyError::OtherCountriesNotExport),
        // SEZ supplies are inter-state whatever the states (IGST Act s. 7(5)(b)).
        Registration::Sez => Ok(SaleClass {
            supply_type: SupplyType::Sez,
            levy: zero_rated,
        }),
        Registration::Unregistered => Ok(SaleClass {
            supply_type: SupplyType::B2c,
            levy: by_states(seller_state, place_of_supply),
        }),
        Registration::Regular | Registration::Composition | Registration::Uin => Ok(SaleClass {
            supply_type: SupplyType::B2b,
            levy: by_states(seller_state, place_of_supply),
        }),
    }
}

/// Whether a sale to `buyer` may be a deemed export (CGST Act s. 147): the recipient is a regular
/// registered person (an EOU, an advance-authorisation holder, …); the supply is taxed as any B2B
/// supply and only reported differently.
pub fn check_deemed_export(buyer: Registration) -> Result<(), SupplyError> {
    match buyer {
        Registration::Regular => Ok(()),
        other => Err(SupplyError::DeemedExportBuyer(other.as_str())),
    }
}

/// An import on a purchase bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Import {
    Goods,
    Services,
}

/// The heads of a purchase: imports are always IGST; otherwise the vendor's state against the
/// place of supply (by default the organisation's own state).
#[must_use]
pub fn purchase_levy(
    vendor_state: Option<StateCode>,
    place_of_supply: StateCode,
    import: Option<Import>,
) -> Levy {
    match (import, vendor_state) {
        (Some(_), _) | (None, None) => Levy::InterState,
        (None, Some(vendor)) => by_states(vendor, place_of_supply),
    }
}

fn by_states(from: StateCode, place_of_supply: StateCode) -> Levy {
    if from == place_of_supply {
        Levy::IntraState {
            utgst: place_of_supply.levies_utgst(),
        }
    } else {
        Levy::InterState
    }
}
