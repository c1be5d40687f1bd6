//! Tax settlement (GST.md §4): per document, per rate, per head, exact arithmetic and one
//! half-up rounding; line amounts are allocations of the settled amounts, so lines always add
//! up to the document.

use serde::{Deserialize, Serialize};

use crate::fixed::div_round_half_up;
use crate::money::{Overflow, Paise};
use crate::quantity::{Quantity, Rate};
use crate::supply::Levy;

/// How a line is treated (API.md `treatment`). Zero-rating is not a treatment: it follows from
/// the supply type (SEZ, export).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    #[default]
    Taxable,
    NilRated,
    Exempt,
    NonGst,
}

impl Treatment {
    pub const ALL: [Self; 4] = [Self::Taxable, Self::NilRated, Self::Exempt, Self::NonGst];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Taxable => "taxable",
            Self::NilRated => "nil_rated",
            Self::Exempt => "exempt",
            Self::NonGst => "non_gst",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// A document line as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub quantity: Quantity,
    pub unit_price: Paise,
    pub discount: Paise,
    pub rate: Rate,
    pub cess_rate: Rate,
    pub treatment: Treatment,
}

impl Line {
    /// A taxable line with no discount or cess.
    #[must_use]
    pub fn taxable(quantity: Quantity, unit_price: Paise, rate: Rate) -> Self {
        Self {
            quantity,
            unit_price,
            discount: Paise::ZERO,
            rate,
            cess_rate: Rate::ZERO,
            treatment: Treatment::Taxable,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub levy: Levy,
    /// Round the document total to the whole rupee (per organisation; default on).
    pub round_off: bool,
    /// The recipient pays the tax (purchases under reverse charge): the tax is computed and
    /// shown, but the document total — what the supplier is paid — leaves it out.
    pub reverse_charge: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SettledLine {
    pub taxable_value: Paise,
    /// The rate the line is taxed at (zero for nil-rated, exempt and non-GST lines).
    pub rate: Rate,
    pub cgst: Paise,
    /// SGST, or UTGST in a union territory without a legislature.
    pub sgst: Paise,
    pub igst: Paise,
    pub cess: Paise,
    /// Taxable value plus the line's taxes (without them under reverse charge).
    pub total: Paise,
}

/// The settled tax of all taxable lines at one GST rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RateSlab {
    pub rate: Rate,
    pub taxable_value: Paise,
    pub cgst: Paise,
    pub sgst: Paise,
    pub igst: Paise,
}

/// The settled cess of all taxable lines at one cess rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CessSlab {
    pub rate: Rate,
    pub taxable_value: Paise,
    pub cess: Paise,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub taxable_value: Paise,
    pub cgst: Paise,
    pub sgst: Paise,
    pub igst: Paise,
    pub cess: Paise,
    /// From −0.49 to +0.50: half-up to the rupee means x.50 goes up.
    pub round_off: Paise,
    pub total: Paise,
}

impl Totals {
    #[must_use]
    pub fn tax(&self) -> Paise {
        Paise::new(self.cgst.get() + self.sgst.get() + self.igst.get() + self.cess.get())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settlement {
    pub lines: Vec<SettledLine>,
    pub slabs: Vec<RateSlab>,
    pub cess_slabs: Vec<CessSlab>,
    pub totals: Totals,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettleError {
    #[error("lines[{line}].discount is more than the line's value")]
    DiscountTooLarge { line: usize },
    #[error("lines[{line}].discount must not be negative")]
    NegativeDiscount { line: usize },
    #[error("lines[{line}].unit_price must not be negative")]
    NegativePrice { line: usize },
    #[error("the amounts are too large")]
    Overflow,
}

impl From<Overflow> for SettleError {
    fn from(_: Overflow) -> Self {
        Self::Overflow
    }
}

/// Line taxable value: quantity × unit price − discount, half-up to the paisa (GST.md §4).
pub fn taxable_value(line: &Line) -> Result<Paise, Overflow> {
    let gross = i128::from(line.quantity.milli()) * i128::from(line.unit_price.get());
    let gross = div_round_half_up(gross, 1000);
    Paise::from_i128(gross - i128::from(line.discount.get()))
}

/// Tax on `taxable` at `rate`, scaled by 1/`parts` (2 for CGST and SGST at half the rate),
/// rounded half-up once.
fn tax_on(taxable: i128, rate: Rate, parts: i128) -> i128 {
    div_round_half_up(taxable * i128::from(rate.hundredths()), 10_000 * parts)
}

/// Settles a document. Lines keep their order; slabs are ordered by rate.
pub fn settle(lines: &[Line], options: &Options) -> Result<Settlement, SettleError> {
    let mut settled = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if line.unit_price.is_negative() {
            return Err(SettleError::NegativePrice { line: i });
        }
        if line.discount.is_negative() {
            return Err(SettleError::NegativeDiscount { line: i });
        }
        let taxable = taxable_value(line)?;
        if taxable.is_negative() {
            return Err(SettleError::DiscountTooLarge { line: i });
        }
        let rate = if line.treatment == Treatment::Taxable {
            line.rate
        } else {
            Rate::ZERO
        };
        settled.push(SettledLine {
            taxable_value: taxable,
            rate,
            ..SettledLine::default()
        });
    }

    let taxed = |i: usize| lines[i].treatment == Treatment::Taxable;
    let mut slab_rates: Vec<Rate> = (0..lines.len())
        .filter(|&i| taxed(i))
        .map(|i| lines[i].rate)
        .collect();
    slab_rates.sort_unstable();
    slab_rates.dedup();
    let mut slabs = Vec::with_capacity(slab_rates.len());
    for rate in slab_rates {
        let members: Vec<usize> = (0..lines.len())
            .filter(|&i| taxed(i) && lines[i].rate == rate)
            .collect();
        let mut slab = RateSlab {
            rate,
            taxable_value: Paise::ZERO,
            cgst: Paise::ZERO,
            sgst: Paise::ZERO,
            igst: Paise::ZERO,
        };
        slab.taxable_value = Paise::checked_sum(members.iter().map(|&i| settled[i].taxable_value))?;
        match options.levy {
            Levy::IntraState { .. } => {
                let half = allocate(&members, &mut settled, rate, 2, |l, v| l.cgst = v)?;
                allocate(&members, &mut settled, rate, 2, |l, v| l.sgst = v)?;
                slab.cgst = half;
                slab.sgst = half;
            }
            Levy::InterState => {
                slab.igst = allocate(&members, &mut settled, rate, 1, |l, v| l.igst = v)?
            }
            Levy::ZeroRatedWithoutPayment => {}
        }
        slabs.push(slab);
    }

    let mut cess_rates: Vec<Rate> = (0..lines.len())
        .filter(|&i| taxed(i) && !lines[i].cess_rate.is_zero())
        .map(|i| lines[i].cess_rate)
        .collect();
    cess_rates.sort_unstable();
    cess_rates.dedup();
    let mut cess_slabs = Vec::new();
    if options.levy != Levy::ZeroRatedWithoutPayment {
        for rate in cess_rates {
            let members: Vec<usize> = (0..lines.len())
                .filter(|&i| taxed(i) && lines[i].cess_rate == rate)
                .collect();
            let taxable_value =
                Paise::checked_sum(members.iter().map(|&i| settled[i].taxable_value))?;
            let cess = allocate(&members, &mut settled, rate, 1, |l, v| l.cess = v)?;
            cess_slabs.push(CessSlab {
                rate,
                taxable_value,
                cess,
            });
        }
    }

    for line in &mut settled {
        let tax = Paise::checked_sum([line.cgst, line.sgst, line.igst, line.cess])?;
        line.total = if options.reverse_charge {
            line.taxable_value
        } else {
            line.taxable_value.checked_add(tax)?
        };
    }
    let sum = |f: fn(&SettledLine) -> Paise| Paise::checked_sum(settled.iter().map(f));
    let mut totals = Totals {
        taxable_value: sum(|l| l.taxable_value)?,
        cgst: sum(|l| l.cgst)?,
        sgst: sum(|l| l.sgst)?,
        igst: sum(|l| l.igst)?,
        cess: sum(|l| l.cess)?,
        round_off: Paise::ZERO,
        total: Paise::ZERO,
    };
    let exact = sum(|l| l.total)?;
    totals.round_off = if options.round_off {
        round_off(exact)?
    } else {
        Paise::ZERO
    };
    totals.total = exact.checked_add(totals.round_off)?;
    Ok(Settlement {
        lines: settled,
        slabs,
        cess_slabs,
        totals,
    })
}

/// The amount that takes `total` to the nearest whole rupee, half-up.
pub fn round_off(total: Paise) -> Result<Paise, Overflow> {
    let rounded = div_round_half_up(i128::from(total.get()), 100) * 100;
    Paise::from_i128(rounded - i128::from(total.get()))
}

/// Settles one head for one slab and spreads it over the slab's lines by progressive rounding:
/// each line gets round(tax on the running total) − what the lines before it got, so the lines
/// add up to the settled amount exactly and each is within a paisa of its exact share.
fn allocate(
    members: &[usize],
    lines: &mut [SettledLine],
    rate: Rate,
    parts: i128,
    set: impl Fn(&mut SettledLine, Paise),
) -> Result<Paise, Overflow> {
    let mut running_taxable: i128 = 0;
    let mut allocated: i128 = 0;
    for &i in members {
        running_taxable += i128::from(lines[i].taxable_value.get());
        let due = tax_on(running_taxable, rate, parts);
        set(&mut lines[i], Paise::from_i128(due - allocated)?);
        allocated = due;
    }
    Paise::from_i128(allocated)
}

/// The exact tax on a document at one rate for one head, unrounded, as a fraction of paise
/// (numerator, denominator). For tests and audits of the half-paisa bound.
#[must_use]
pub fn exact_tax(taxable: Paise, rate: Rate, parts: i128) -> (i128, i128) {
    (
        i128::from(taxable.get()) * i128::from(rate.hundredths()),
        10_000 * parts,
    )
}
