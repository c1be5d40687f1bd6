//! Credit and debit notes against an original invoice (GST.md §4): they are settled with the
//! original's place of supply and heads, and credit cannot exceed what was invoiced.

use crate::money::Paise;
use crate::quantity::Rate;
use crate::settle::{self, Line, Options, SettleError, Settlement};
use crate::supply::Levy;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Credit,
    Debit,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error(transparent)]
    Settle(#[from] SettleError),
    #[error("the original invoice has no lines at {rate}%; a note follows the original's rates")]
    RateNotOnOriginal { rate: Rate },
    #[error(
        "credit at {rate}% would reach {credited} of taxable value, more than the {invoiced} invoiced"
    )]
    CreditExceedsInvoice {
        rate: Rate,
        credited: Paise,
        invoiced: Paise,
    },
}

/// Settles a note the way its original was settled: same heads (the original's `levy`), same
/// rounding choice. Debit notes are not limited; credit notes are, per rate, by
/// [`check_credit_within`].
pub fn settle_note(
    original_levy: Levy,
    lines: &[Line],
    round_off: bool,
) -> Result<Settlement, NoteError> {
    Ok(settle::settle(
        lines,
        &Options {
            levy: original_levy,
            round_off,
            reverse_charge: false,
        },
    )?)
}

/// All credit notes on an invoice, this one included, may not credit more taxable value at any
/// rate than the invoice charged at it.
pub fn check_credit_within(
    original: &Settlement,
    earlier_credits: &[&Settlement],
    note: &Settlement,
) -> Result<(), NoteError> {
    for slab in &note.slabs {
        let invoiced = original
            .slabs
            .iter()
            .find(|s| s.rate == slab.rate)
            .map(|s| s.taxable_value)
            .ok_or(NoteError::RateNotOnOriginal { rate: slab.rate })?;
        let earlier: Paise = earlier_credits
            .iter()
            .flat_map(|c| c.slabs.iter().filter(|s| s.rate == slab.rate))
            .map(|s| s.taxable_value)
            .sum();
        let credited = Paise::new(earlier.get().saturating_add(slab.taxable_value.get()));
        if credited > invoiced {
            return Err(NoteError::CreditExceedsInvoice {
                rate: slab.rate,
                credited,
                invoiced,
            });
        }
    }
    Ok(())
}
