//! What a generated business trades in and with whom: a catalogue of goods and services with
//! their HSN codes, units and rates as of 2026, and customers and vendors of every
//! registration spread over the states.

use bahi_gst::{Gstin, HsnSac, Paise, Rate, Registration, StateCode, SupplyKind, Treatment, Uqc};
use bahi_store::masters::items::ItemFields;
use bahi_store::masters::parties::{PartyFields, PartyKind};
use rand::Rng;
use rand::rngs::StdRng;

/// Name, HSN/SAC, unit, price in rupees, rate in hundredths of a percent, treatment.
type Product = (
    &'static str,
    &'static str,
    Option<&'static str>,
    i64,
    u32,
    Treatment,
);

const PRODUCTS: &[Product] = &[
    (
        "LED bulb 9 W",
        "85395000",
        Some("NOS"),
        120,
        1800,
        Treatment::Taxable,
    ),
    (
        "Ceiling fan 1200 mm",
        "84145100",
        Some("NOS"),
        2_600,
        1800,
        Treatment::Taxable,
    ),
    (
        "Steel almirah",
        "94032010",
        Some("NOS"),
        14_500,
        1800,
        Treatment::Taxable,
    ),
    (
        "Laptop 14 inch",
        "84713010",
        Some("NOS"),
        52_000,
        1800,
        Treatment::Taxable,
    ),
    (
        "Mobile phone",
        "85171300",
        Some("NOS"),
        18_000,
        1800,
        Treatment::Taxable,
    ),
    (
        "Cotton shirt",
        "62052000",
        Some("NOS"),
        899,
        500,
        Treatment::Taxable,
    ),
    (
        "Ceramic floor tiles",
        "69072100",
        Some("BOX"),
        950,
        500,
        Treatment::Taxable,
    ),
    (
        "Cement 50 kg",
        "25232930",
        Some("BAG"),
        380,
        1800,
        Treatment::Taxable,
    ),
    (
        "Basmati rice 25 kg",
        "10063020",
        Some("BAG"),
        2_450,
        500,
        Treatment::Taxable,
    ),
    (
        "Packaged ghee 1 l",
        "04059020",
        Some("LTR"),
        640,
        500,
        Treatment::Taxable,
    ),
    (
        "Air conditioner 1.5 t",
        "84151010",
        Some("NOS"),
        38_000,
        1800,
        Treatment::Taxable,
    ),
    (
        "Aerated drink 2 l",
        "22021010",
        Some("BTL"),
        95,
        4000,
        Treatment::Taxable,
    ),
    (
        "Gold coin 10 g",
        "71081300",
        Some("NOS"),
        78_000,
        300,
        Treatment::Taxable,
    ),
    (
        "Printer paper A4",
        "48025690",
        Some("PAC"),
        310,
        1800,
        Treatment::Taxable,
    ),
    (
        "Fresh vegetables",
        "07099990",
        Some("KGS"),
        40,
        0,
        Treatment::NilRated,
    ),
    (
        "Unbranded wheat flour",
        "11010000",
        Some("KGS"),
        38,
        0,
        Treatment::NilRated,
    ),
    (
        "Fresh milk",
        "04012000",
        Some("LTR"),
        56,
        0,
        Treatment::Exempt,
    ),
    (
        "Repair and maintenance",
        "998719",
        None,
        1_500,
        1800,
        Treatment::Taxable,
    ),
    (
        "Installation service",
        "998733",
        None,
        800,
        1800,
        Treatment::Taxable,
    ),
    (
        "Software subscription",
        "997331",
        None,
        4_999,
        1800,
        Treatment::Taxable,
    ),
    (
        "Annual maintenance contract",
        "998713",
        None,
        12_000,
        1800,
        Treatment::Taxable,
    ),
    (
        "Goods transport",
        "996511",
        None,
        6_000,
        500,
        Treatment::Taxable,
    ),
    (
        "Training course",
        "999293",
        None,
        7_500,
        0,
        Treatment::Exempt,
    ),
    ("Petrol", "27101243", Some("LTR"), 102, 0, Treatment::NonGst),
];

/// The catalogue as items to save.
pub(super) fn items() -> Vec<ItemFields> {
    PRODUCTS
        .iter()
        .filter_map(|&(name, hsn, unit, rupees, rate, treatment)| {
            let kind = if hsn.starts_with("99") {
                SupplyKind::Services
            } else {
                SupplyKind::Goods
            };
            Some(ItemFields {
                name: name.to_owned(),
                kind,
                hsn_sac: HsnSac::parse(hsn).ok()?,
                unit: unit.and_then(|u| Uqc::parse(u).ok()),
                price: Paise::new(rupees * 100),
                gst_rate: Rate::from_hundredths(rate),
                treatment,
                cess_rate: Rate::ZERO,
            })
        })
        .collect()
}

const STATES: [u8; 12] = [29, 29, 29, 29, 27, 33, 32, 36, 7, 9, 24, 19];
const FIRST: [&str; 12] = [
    "Sri", "Shree", "New", "Royal", "Ganesh", "Kaveri", "Lakshmi", "Modern", "National", "Bharat",
    "Sai", "Om",
];
const SECOND: [&str; 12] = [
    "Traders",
    "Enterprises",
    "Stores",
    "Agencies",
    "Distributors",
    "Electricals",
    "Textiles",
    "Hardware",
    "Industries",
    "Retail",
    "Supplies",
    "Solutions",
];

/// A valid GSTIN for `state` whose PAN is made from `n`.
pub(super) fn gstin(state: u8, n: u32) -> Option<Gstin> {
    let letters = |mut v: u32| {
        let mut s = String::new();
        for _ in 0..3 {
            s.push(char::from(b'A' + u8::try_from(v % 26).unwrap_or(0)));
            v /= 26;
        }
        s
    };
    let body = format!(
        "{state:02}{}C{}{:04}{}1Z",
        letters(n),
        char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)),
        n % 9999 + 1,
        char::from(b'A' + u8::try_from((n / 7) % 26).unwrap_or(0)),
    );
    let check = char::from(bahi_gst::gstin::check_character(body.as_bytes()));
    Gstin::parse(&format!("{body}{check}")).ok()
}

fn state(code: u8) -> Option<StateCode> {
    StateCode::from_number(code).ok()
}

/// A party of `registration`, numbered `n` (names and GSTINs differ by `n`).
pub(super) fn party(
    kind: PartyKind,
    registration: Registration,
    n: u32,
    rng: &mut StdRng,
) -> PartyFields {
    let code = STATES[rng.random_range(0..STATES.len())];
    let name = format!(
        "{} {} {}",
        FIRST[n as usize % FIRST.len()],
        SECOND[(n as usize / FIRST.len()) % SECOND.len()],
        n + 1
    );
    let (gstin, state_code, country) = match registration {
        Registration::Regular | Registration::Composition | Registration::Sez => {
            (gstin(code, n + 1000 * kind_offset(kind)), state(code), None)
        }
        Registration::Overseas => (None, None, Some("United Arab Emirates".to_owned())),
        Registration::Unregistered | Registration::Uin => (None, state(code), None),
    };
    PartyFields {
        name,
        kind,
        registration,
        gstin,
        state_code,
        country,
        email: None,
        phone: None,
        billing_line1: Some(format!("{} Main Road", n % 40 + 1)),
        billing_line2: None,
        billing_city: Some("City".to_owned()),
        billing_pincode: None,
        billing_state_code: state_code,
    }
}

/// Customers and vendors draw GSTINs from separate ranges, so none is both.
fn kind_offset(kind: PartyKind) -> u32 {
    if kind.is_customer() { 1 } else { 7 }
}
