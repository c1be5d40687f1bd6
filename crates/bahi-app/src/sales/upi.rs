//! UPI payment links: NPCI's `upi://pay` deep link for what an invoice has due. Any UPI app
//! opens it, or scans it as a QR code, with the payee, amount and invoice number filled in.

use bahi_gst::Paise;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but letters, digits and `- . _ ~ @` is percent-encoded: spaces as `%20`, never
/// `+`, which some UPI apps show as a plus sign.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

/// `upi://pay?pa=<vpa>&pn=<payee>&am=<amount>&cu=INR&tn=<note>`
#[must_use]
pub fn pay_link(vpa: &str, payee: &str, amount: Paise, note: &str) -> String {
    let enc = |v: &str| utf8_percent_encode(v, VALUE).to_string();
    format!(
        "upi://pay?pa={}&pn={}&am={amount}&cu=INR&tn={}",
        enc(vpa),
        enc(payee),
        enc(note)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_carries_payee_amount_and_number_encoded() {
        let link = pay_link(
            "asha.traders@okhdfc",
            "Asha Traders & Sons",
            Paise::new(63_700),
            "INV/26-27/0001",
        );
        assert_eq!(
            link,
            "upi://pay?pa=asha.traders@okhdfc&pn=Asha%20Traders%20%26%20Sons&am=637.00&cu=INR&tn=INV%2F26-27%2F0001"
        );
    }
}
