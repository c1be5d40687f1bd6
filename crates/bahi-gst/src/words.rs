//! Amounts in words, Indian numbering (thousand, lakh, crore), as Rule 46 invoices print them
//! (GST.md §4 examples).

use crate::money::Paise;

const ONES: [&str; 20] = [
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
];
const TENS: [&str; 10] = [
    "", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety",
];

/// `Rupees One Lakh Eighteen Thousand Only`, `Rupees Five Hundred Eighty Nine and Fifty Paise Only`.
#[must_use]
pub fn amount_in_words(amount: Paise) -> String {
    let value = amount.get();
    let magnitude = value.unsigned_abs();
    let (rupees, paise) = (magnitude / 100, magnitude % 100);
    let sign = if value < 0 { "Minus " } else { "" };
    // One paisa, many paise.
    let unit = if paise == 1 { "Paisa" } else { "Paise" };
    match (rupees, paise) {
        (0, 0) => "Rupees Zero Only".to_owned(),
        (0, p) => format!("{sign}{} {unit} Only", below_hundred(p)),
        (r, 0) => format!("{sign}Rupees {} Only", indian(r)),
        (r, p) => format!(
            "{sign}Rupees {} and {} {unit} Only",
            indian(r),
            below_hundred(p)
        ),
    }
}

/// A whole number in Indian words; crores may themselves run into lakhs and crores.
fn indian(n: u64) -> String {
    let mut parts = Vec::new();
    let crores = n / 10_000_000;
    let rest = n % 10_000_000;
    if crores > 0 {
        parts.push(format!("{} Crore", indian(crores)));
    }
    let lakhs = rest / 100_000;
    let thousands = rest % 100_000 / 1000;
    let hundreds = rest % 1000 / 100;
    let below = rest % 100;
    if lakhs > 0 {
        parts.push(format!("{} Lakh", below_hundred(lakhs)));
    }
    if thousands > 0 {
        parts.push(format!("{} Thousand", below_hundred(thousands)));
    }
    if hundreds > 0 {
        parts.push(format!("{} Hundred", ONES[hundreds as usize]));
    }
    if below > 0 {
        parts.push(below_hundred(below));
    }
    if parts.is_empty() {
        return ONES[0].to_owned();
    }
    parts.join(" ")
}

fn below_hundred(n: u64) -> String {
    let n = n as usize;
    match n {
        0..=19 => ONES[n].to_owned(),
        _ if n.is_multiple_of(10) => TENS[n / 10].to_owned(),
        _ => format!("{} {}", TENS[n / 10], ONES[n % 10]),
    }
}
