//! The worked examples of GST.md and API.md, and one test per rule that would fail if the rule
//! were broken.

use bahi_gst::gstin::{GstinError, check_character};
use bahi_gst::irn::{IrnDocType, irn};
use bahi_gst::notes::{NoteError, check_credit_within, settle_note};
use bahi_gst::numbering::NumberError;
use bahi_gst::rates::{RateError, b2cl_threshold, check_cess, check_gst_rate, hsn_split};
use bahi_gst::settle::{Options, SettleError};
use bahi_gst::supply::{Import, SupplyError, classify_sale, purchase_levy};
use bahi_gst::*;
use time::macros::date;

fn paise(s: &str) -> Paise {
    Paise::parse(s).unwrap()
}
fn qty(s: &str) -> Quantity {
    Quantity::parse(s).unwrap()
}
fn rate(s: &str) -> Rate {
    Rate::parse(s).unwrap()
}
fn state(s: &str) -> StateCode {
    StateCode::parse(s).unwrap()
}
const INTRA: Options = Options {
    levy: Levy::IntraState { utgst: false },
    round_off: true,
    reverse_charge: false,
};
const INTER: Options = Options {
    levy: Levy::InterState,
    round_off: true,
    reverse_charge: false,
};

#[test]
fn api_example_invoice_settles_to_the_paisa() {
    // API.md: 2 × 333.33 at 18 %, intra-state: 666.66 + 60.00 + 60.00 = 786.66 → 787.00.
    let s = settle(
        &[Line::taxable(qty("2"), paise("333.33"), rate("18"))],
        &INTRA,
    )
    .unwrap();
    let t = s.totals;
    assert_eq!(
        (
            t.taxable_value,
            t.cgst,
            t.sgst,
            t.igst,
            t.round_off,
            t.total
        ),
        (
            paise("666.66"),
            paise("60.00"),
            paise("60.00"),
            Paise::ZERO,
            paise("0.34"),
            paise("787.00")
        )
    );
    assert_eq!(s.lines[0].total, paise("786.66"));
    assert_eq!(
        amount_in_words(t.total),
        "Rupees Seven Hundred Eighty Seven Only"
    );
}

#[test]
fn tax_is_settled_per_rate_not_per_line() {
    // Three ₹0.05 lines at 18 %: per-line CGST would be 0.0045 → 0.00 each, nothing at all.
    // Settled once: 0.15 × 9 % = 0.0135 → 0.01, allocated progressively.
    let lines = vec![Line::taxable(Quantity::ONE, paise("0.05"), rate("18")); 3];
    let s = settle(&lines, &INTRA).unwrap();
    assert_eq!(
        (s.totals.cgst, s.totals.sgst),
        (paise("0.01"), paise("0.01"))
    );
    let per_line: Vec<_> = s.lines.iter().map(|l| l.cgst).collect();
    assert_eq!(per_line, vec![Paise::ZERO, paise("0.01"), Paise::ZERO]);
    assert_eq!(s.slabs.len(), 1);
}

#[test]
fn rounding_is_half_up_never_bankers() {
    // 0.10 at 5 % IGST = 0.005 exactly: half-up gives 0.01 (banker's would give 0.00).
    let s = settle(
        &[Line::taxable(Quantity::ONE, paise("0.10"), rate("5"))],
        &INTER,
    )
    .unwrap();
    assert_eq!(s.totals.igst, paise("0.01"));
    // 0.30 at 5 %: 0.015 → 0.02 (banker's would also say 0.02; 0.025 below tells them apart).
    let s = settle(
        &[Line::taxable(Quantity::ONE, paise("0.50"), rate("5"))],
        &INTER,
    )
    .unwrap();
    assert_eq!(s.totals.igst, paise("0.03"), "0.025 → 0.03");
    // Quantity × price is rounded half-up too: 1.5 × 0.01 = 0.015 → 0.02.
    let s = settle(
        &[Line::taxable(qty("1.5"), paise("0.01"), Rate::ZERO)],
        &INTER,
    )
    .unwrap();
    assert_eq!(s.lines[0].taxable_value, paise("0.02"));
}

#[test]
fn document_round_off_goes_to_the_nearest_rupee_half_up() {
    let total = |price: &str| {
        settle(
            &[Line::taxable(Quantity::ONE, paise(price), Rate::ZERO)],
            &INTRA,
        )
        .unwrap()
        .totals
    };
    assert_eq!(
        (total("786.50").round_off, total("786.50").total),
        (paise("0.50"), paise("787.00"))
    );
    assert_eq!(
        (total("786.49").round_off, total("786.49").total),
        (paise("-0.49"), paise("786.00"))
    );
    let off = settle(
        &[Line::taxable(Quantity::ONE, paise("786.49"), Rate::ZERO)],
        &Options {
            round_off: false,
            ..INTRA
        },
    )
    .unwrap();
    assert_eq!(
        (off.totals.round_off, off.totals.total),
        (Paise::ZERO, paise("786.49"))
    );
}

#[test]
fn discounts_and_line_treatments() {
    let mut discounted = Line::taxable(qty("3"), paise("100.00"), rate("12"));
    discounted.discount = paise("30.00");
    let mut exempt = Line::taxable(Quantity::ONE, paise("50.00"), rate("18"));
    exempt.treatment = Treatment::Exempt;
    let s = settle(&[discounted.clone(), exempt], &INTER).unwrap();
    assert_eq!(s.lines[0].taxable_value, paise("270.00"));
    assert_eq!(s.lines[0].igst, paise("32.40"));
    assert_eq!(
        (s.lines[1].igst, s.lines[1].rate),
        (Paise::ZERO, Rate::ZERO),
        "exempt lines carry no tax"
    );
    assert_eq!(s.totals.taxable_value, paise("320.00"));
    assert_eq!(s.totals.total, paise("352.00"));

    discounted.discount = paise("300.01");
    assert_eq!(
        settle(&[discounted], &INTER),
        Err(SettleError::DiscountTooLarge { line: 0 })
    );
}

#[test]
fn cess_is_settled_per_cess_rate() {
    let mut line = Line::taxable(Quantity::ONE, paise("1000.00"), rate("28"));
    line.cess_rate = rate("12");
    let s = settle(&[line.clone(), line], &INTER).unwrap();
    assert_eq!(s.totals.cess, paise("240.00"));
    assert_eq!(s.cess_slabs.len(), 1);
    assert_eq!(s.totals.igst, paise("560.00"));
}

#[test]
fn zero_rated_without_payment_charges_nothing() {
    let opts = Options {
        levy: Levy::ZeroRatedWithoutPayment,
        ..INTER
    };
    let mut line = Line::taxable(Quantity::ONE, paise("1000.00"), rate("18"));
    line.cess_rate = rate("5");
    let s = settle(&[line], &opts).unwrap();
    assert_eq!(s.totals.tax(), Paise::ZERO);
    assert_eq!(s.slabs[0].rate, rate("18"), "the rate is still reported");
}

#[test]
fn reverse_charge_bill_shows_tax_the_vendor_is_not_paid() {
    // API.md: freight 10,000 at 5 % from a vendor in the organisation's own state.
    let opts = Options {
        levy: purchase_levy(Some(state("29")), state("29"), None),
        round_off: true,
        reverse_charge: true,
    };
    let s = settle(
        &[Line::taxable(Quantity::ONE, paise("10000.00"), rate("5"))],
        &opts,
    )
    .unwrap();
    assert_eq!(
        (s.totals.cgst, s.totals.sgst),
        (paise("250.00"), paise("250.00"))
    );
    assert_eq!(
        s.totals.total,
        paise("10000.00"),
        "the vendor is paid without the tax"
    );
}

#[test]
fn place_of_supply_decides_the_heads() {
    let ka = state("29");
    let b2b_intra = classify_sale(ka, Registration::Regular, ka, false).unwrap();
    assert_eq!(
        (b2b_intra.supply_type, b2b_intra.levy),
        (SupplyType::B2b, Levy::IntraState { utgst: false })
    );
    let b2c_inter = classify_sale(ka, Registration::Unregistered, state("27"), false).unwrap();
    assert_eq!(
        (b2c_inter.supply_type, b2c_inter.levy),
        (SupplyType::B2c, Levy::InterState)
    );
    // Chandigarh has no legislature: UTGST in place of SGST.
    let ch = state("04");
    assert_eq!(
        classify_sale(ch, Registration::Regular, ch, false)
            .unwrap()
            .levy,
        Levy::IntraState { utgst: true }
    );
    // Delhi has one: SGST.
    let dl = state("07");
    assert_eq!(
        classify_sale(dl, Registration::Regular, dl, false)
            .unwrap()
            .levy,
        Levy::IntraState { utgst: false }
    );
    // SEZ is always inter-state, even in the seller's own state.
    let sez = classify_sale(ka, Registration::Sez, ka, true).unwrap();
    assert_eq!(
        (sez.supply_type, sez.levy),
        (SupplyType::Sez, Levy::InterState)
    );
    assert_eq!(
        classify_sale(ka, Registration::Sez, ka, false)
            .unwrap()
            .levy,
        Levy::ZeroRatedWithoutPayment
    );
    let export = classify_sale(
        ka,
        Registration::Overseas,
        StateCode::OTHER_COUNTRIES,
        false,
    )
    .unwrap();
    assert_eq!(
        (export.supply_type, export.levy),
        (SupplyType::Export, Levy::ZeroRatedWithoutPayment)
    );
    assert_eq!(
        classify_sale(ka, Registration::Overseas, ka, false),
        Err(SupplyError::ExportPlaceOfSupply(ka))
    );
    assert_eq!(
        classify_sale(ka, Registration::Regular, StateCode::OTHER_COUNTRIES, false),
        Err(SupplyError::OtherCountriesNotExport)
    );
    // Purchases: imports are IGST; otherwise the vendor's state against the place of supply.
    assert_eq!(
        purchase_levy(Some(ka), ka, Some(Import::Goods)),
        Levy::InterState
    );
    assert_eq!(purchase_levy(Some(state("27")), ka, None), Levy::InterState);
    assert_eq!(
        purchase_levy(Some(ka), ka, None),
        Levy::IntraState { utgst: false }
    );
}

#[test]
fn gstin_check_character_worked_example() {
    assert_eq!(check_character(b"27AAPFU0939F1Z"), b'V');
    let g = Gstin::parse(" 27aapfu0939f1zv ").unwrap();
    assert_eq!(g.as_str(), "27AAPFU0939F1ZV");
    assert_eq!(g.state(), Some(state("27")));
    assert_eq!(g.pan().unwrap().as_str(), "AAPFU0939F");
    assert_eq!(g.kind(), GstinKind::Normal);
    let wrong = Gstin::parse("27AAPFU0939F1ZX").unwrap_err();
    assert_eq!(
        wrong,
        GstinError::CheckCharacter {
            gstin: "27AAPFU0939F1ZX".into(),
            expected: 'V'
        }
    );
    assert_eq!(
        wrong.to_string(),
        "GSTIN 27AAPFU0939F1ZX: check character should be V"
    );
}

fn with_check(body: &str) -> String {
    format!("{body}{}", char::from(check_character(body.as_bytes())))
}

#[test]
fn gstin_formats_and_their_rejections() {
    let tcs = Gstin::parse(&with_check("27AAPFU0939F1C")).unwrap();
    assert_eq!(tcs.kind(), GstinKind::TaxCollector);
    assert!(
        Registration::Regular
            .check_gstin(Some(&tcs))
            .unwrap_err()
            .to_string()
            .contains("TCS")
    );
    let uin = Gstin::parse(&with_check("0717UNO00157UN")).unwrap();
    assert_eq!(uin.kind(), GstinKind::Uin);
    assert!(Registration::Uin.check_gstin(Some(&uin)).is_ok());
    assert!(Registration::Regular.check_gstin(Some(&uin)).is_err());
    assert_eq!(
        Gstin::parse(&with_check("9917USA00001OS")).unwrap().kind(),
        GstinKind::Oidar
    );
    assert_eq!(
        Gstin::parse(&with_check("07DELD01234A1Z")).unwrap().kind(),
        GstinKind::Government
    );
    assert_eq!(
        Gstin::parse(&with_check("07DELD01234A1D")).unwrap().kind(),
        GstinKind::TaxDeductor
    );
    assert_eq!(
        Gstin::parse(&with_check("2726USA00001NR")).unwrap().kind(),
        GstinKind::NonResident
    );

    assert!(matches!(
        Gstin::parse("27AAPFU0939F1Z"),
        Err(GstinError::Length(_, 14))
    ));
    assert!(matches!(
        Gstin::parse("27AAPFU0939F1Z-"),
        Err(GstinError::Characters(_))
    ));
    assert!(matches!(
        Gstin::parse(&with_check("39AAPFU0939F1Z")),
        Err(GstinError::State { .. })
    ));
    assert!(matches!(
        Gstin::parse(&with_check("96AAPFU0939F1Z")),
        Err(GstinError::OtherCountries { .. })
    ));
    // A refusal names the part that is wrong.
    let part = |body: &str| match Gstin::parse(&with_check(body)) {
        Err(GstinError::Part { part, .. }) => Some(part),
        _ => None,
    };
    assert_eq!(
        part("27AAPFU0939F0Z"),
        Some(GstinPart::EntityNumber),
        "entity number 0"
    );
    assert_eq!(
        part("27AAPXU0939F1Z"),
        Some(GstinPart::PanHolder('X')),
        "X is no PAN holder"
    );
    assert_eq!(
        part("27AAPFU0000F1Z"),
        Some(GstinPart::PanSerial),
        "PAN serials run 0001–9999"
    );
    assert_eq!(part("27AAPFUX939F1Z"), Some(GstinPart::PanShape));
    assert_eq!(part("2AAAPFU093F1ZQ"), Some(GstinPart::StateDigits));
    assert_eq!(part("27AAPFU0939F1Q"), Some(GstinPart::Fourteenth('Q')));
    assert_eq!(
        Gstin::parse(&with_check("27AAPXU0939F1Z"))
            .unwrap_err()
            .to_string(),
        format!(
            "GSTIN {}: the PAN's fourth letter X names no kind of holder (P, C, H, F, A, T, B, L, J or G)",
            with_check("27AAPXU0939F1Z")
        )
    );
    assert_eq!(Gstin::parse("  "), Err(GstinError::Empty));
    assert!(Registration::Unregistered.check_gstin(None).is_ok());
    assert!(Registration::Regular.check_gstin(None).is_err());
    assert!(Pan::parse("AAPFU0939F").is_ok());
    assert!(Pan::parse("AAPXU0939F").is_err());
    assert!(matches!(
        Pan::parse("AAPFU0000F"),
        Err(bahi_gst::gstin::PanError::Serial(_))
    ));
    assert!(Pan::parse("AAPFU0001F").is_ok());
}

#[test]
fn amounts_in_words_in_indian_numbering() {
    assert_eq!(
        amount_in_words(paise("118000")),
        "Rupees One Lakh Eighteen Thousand Only"
    );
    assert_eq!(
        amount_in_words(paise("589.50")),
        "Rupees Five Hundred Eighty Nine and Fifty Paise Only"
    );
    assert_eq!(
        amount_in_words(paise("12345678")),
        "Rupees One Crore Twenty Three Lakh Forty Five Thousand Six Hundred Seventy Eight Only"
    );
    assert_eq!(amount_in_words(Paise::ZERO), "Rupees Zero Only");
    assert_eq!(amount_in_words(paise("0.07")), "Seven Paise Only");
    assert_eq!(amount_in_words(paise("0.01")), "One Paisa Only");
    assert_eq!(
        amount_in_words(paise("5.01")),
        "Rupees Five and One Paisa Only"
    );
    assert_eq!(
        amount_in_words(paise("1500000000")),
        "Rupees One Hundred Fifty Crore Only"
    );
    assert_eq!(
        amount_in_words(paise("-0.34")),
        "Minus Thirty Four Paise Only"
    );
}

#[test]
fn irn_worked_example() {
    let gstin = Gstin::parse("29AAFCC9980M1ZR").unwrap();
    assert_eq!(
        irn(
            &gstin,
            FinancialYear::starting(2019),
            IrnDocType::Invoice,
            "2019-20/KA/1"
        ),
        "23f498ee41441ecad30f72ba5b9907506c3df70a17b0e0dff46b76a786400662"
    );
}

#[test]
fn financial_years_and_periods() {
    assert_eq!(
        FinancialYear::of(date!(2026 - 10 - 05)).to_string(),
        "2026-27"
    );
    assert_eq!(
        FinancialYear::of(date!(2027 - 03 - 31)).to_string(),
        "2026-27"
    );
    assert_eq!(
        FinancialYear::of(date!(2027 - 04 - 01)).to_string(),
        "2027-28"
    );
    assert_eq!(FinancialYear::of(date!(2099 - 06 - 01)).short(), "99-00");
    let p = Period::parse("2026-10").unwrap();
    assert_eq!(
        (p.gstn(), p.to_string()),
        ("102026".to_owned(), "2026-10".to_owned())
    );
    assert_eq!(Period::parse_gstn("102026").unwrap(), p);
    assert!(p.contains(date!(2026 - 10 - 31)) && !p.contains(date!(2026 - 11 - 01)));
    assert_eq!(p.financial_year(), FinancialYear::starting(2026));
    assert!(Period::parse("2026-13").is_err());
    assert!(Period::parse("2026/10").is_err());
    assert!(Period::parse("2016-12").is_err(), "before GST");
    assert_eq!(p.last_day(), date!(2026 - 10 - 31));
    assert_eq!(
        Period::parse("2028-02").unwrap().last_day(),
        date!(2028 - 02 - 29)
    );
    assert_eq!(p.next().to_string(), "2026-11");
    assert_eq!(
        Period::parse("2026-12").unwrap().next().to_string(),
        "2027-01"
    );
    assert_eq!(
        Period::parse("2027-01").unwrap().previous().to_string(),
        "2026-12"
    );
    assert_eq!(p.previous().next(), p);
}

#[test]
fn quarterly_periods_are_calendar_quarters_named_by_their_last_month_for_gstn() {
    let q = Period::parse("2026-Q3").unwrap();
    assert!(q.is_quarter());
    assert_eq!(
        (q.to_string(), q.gstn()),
        ("2026-Q3".into(), "092026".into())
    );
    assert_eq!(
        (q.first_day(), q.last_day()),
        (date!(2026 - 07 - 01), date!(2026 - 09 - 30))
    );
    assert!(q.contains(date!(2026 - 07 - 01)) && q.contains(date!(2026 - 09 - 30)));
    assert!(!q.contains(date!(2026 - 06 - 30)) && !q.contains(date!(2026 - 10 - 01)));
    let months: Vec<String> = q.months().map(|m| m.to_string()).collect();
    assert_eq!(months, ["2026-07", "2026-08", "2026-09"]);
    assert_eq!(Period::quarter_of(date!(2026 - 08 - 15)), q);
    assert_eq!(
        Period::quarter_of(date!(2026 - 12 - 31)).to_string(),
        "2026-Q4"
    );
    assert_eq!(q.next().next().to_string(), "2027-Q1");
    assert_eq!(q.previous().to_string(), "2026-Q2");
    assert_eq!(
        Period::parse("2026-q1").unwrap().last_day(),
        date!(2026 - 03 - 31)
    );
    assert_eq!(q.financial_year(), FinancialYear::starting(2026));
    for bad in ["2026-Q0", "2026-Q5", "2026-Q", "2026-Q10", "26-Q3"] {
        assert!(Period::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(
        Period::parse("2017-01").unwrap().previous().to_string(),
        "2017-01",
        "nothing before GST"
    );
    assert_eq!(
        Period::parse("9999-Q4").unwrap().next().to_string(),
        "9999-Q4"
    );
}

#[test]
fn document_numbers_follow_the_sixteen_character_rule() {
    let fy = FinancialYear::starting(2026);
    let inv = NumberFormat::new("inv", 4).unwrap();
    assert_eq!(inv.format(fy, 1).unwrap().as_str(), "INV/26-27/0001");
    assert_eq!(
        NumberFormat::new("CN", 4)
            .unwrap()
            .format(fy, 12)
            .unwrap()
            .as_str(),
        "CN/26-27/0012"
    );
    assert_eq!(
        inv.format(fy, 123_456).unwrap().as_str(),
        "INV/26-27/123456"
    );
    assert!(matches!(
        inv.format(fy, 1_234_567),
        Err(NumberError::Exhausted { .. })
    ));
    let long = NumberFormat::new("INVOICE", 4).unwrap_err();
    assert!(long.to_string().contains("at most 5 characters"), "{long}");
    assert!(matches!(
        NumberFormat::new("0INV", 4),
        Err(NumberError::SeriesStart(_))
    ));
    assert!(matches!(
        NumberFormat::new("IN V", 4),
        Err(NumberError::SeriesCharacters(_))
    ));
    let shop = NumberFormat::custom("INV", "shop", YearStyle::Long, 3).unwrap();
    assert_eq!(shop.format(fy, 7).unwrap().as_str(), "SHOP/2026-27/007");
    assert_eq!(shop.series(), "INV");
    let start = NumberFormat::custom("BOS", "B", YearStyle::Start, 6).unwrap();
    assert_eq!(start.format(fy, 42).unwrap().as_str(), "B/2026/000042");
    let too_long = NumberFormat::custom("INV", "SHOP12", YearStyle::Long, 4).unwrap_err();
    assert!(
        too_long.to_string().contains("SHOP12/2026-27/0001")
            && too_long.to_string().contains("at most 3"),
        "{too_long}"
    );
    assert_eq!(YearStyle::parse("yyyy-yy"), Some(YearStyle::Long));
    assert_eq!(YearStyle::parse("YY"), None);
    assert!(DocumentNumber::parse("INV/26-27/0001").is_ok());
    assert!(matches!(
        DocumentNumber::parse("/INV1"),
        Err(NumberError::Start(_))
    ));
    assert!(matches!(
        DocumentNumber::parse("INV/2026-2027/0001"),
        Err(NumberError::TooLong(_, 18))
    ));
    assert!(matches!(
        DocumentNumber::parse("inv/1"),
        Err(NumberError::Characters(_))
    ));
    // Numbers bahi records (vendors' bills, imports) follow Rule 46 only: lower case and a
    // leading 0 are fine, kept as written; the length and the characters still hold.
    assert_eq!(
        DocumentNumber::recorded(" 0042/ab-7 ").unwrap().as_str(),
        "0042/ab-7"
    );
    assert!(DocumentNumber::recorded("gta/778").is_ok());
    assert!(matches!(
        DocumentNumber::recorded("INV 778"),
        Err(NumberError::RecordedCharacters(_))
    ));
    assert!(matches!(
        DocumentNumber::recorded("0123456789ABCDEFG"),
        Err(NumberError::TooLong(_, 17))
    ));
    assert!(matches!(
        DocumentNumber::recorded(""),
        Err(NumberError::Empty)
    ));
}

#[test]
fn hsn_and_sac_codes() {
    assert!(HsnSac::parse("8471").is_ok() && HsnSac::parse("84713010").is_ok());
    assert!(
        HsnSac::parse("847").is_err()
            && HsnSac::parse("8471301").is_err()
            && HsnSac::parse("84a1").is_err()
    );
    assert!(HsnSac::parse("998314").unwrap().is_service());
    assert!(HsnSac::parse_for(SupplyKind::Goods, "998314").is_err());
    assert!(HsnSac::parse_for(SupplyKind::Services, "8471").is_err());
}

#[test]
fn rates_are_effective_dated() {
    let before = date!(2025 - 09 - 21);
    let after = date!(2025 - 09 - 22);
    assert!(matches!(
        check_gst_rate(before, rate("40")),
        Err(RateError::NotAGstRate { .. })
    ));
    assert_eq!(check_gst_rate(after, rate("40")), Ok(None));
    assert_eq!(check_gst_rate(before, rate("12")), Ok(None));
    assert!(
        check_gst_rate(after, rate("12")).unwrap().is_some(),
        "12 % warns after rationalisation"
    );
    assert!(check_gst_rate(after, rate("28")).unwrap().is_some());
    assert!(check_gst_rate(after, rate("17")).is_err());
    for r in ["0", "0.1", "0.25", "1", "1.5", "3", "5", "6", "7.5", "18"] {
        assert_eq!(check_gst_rate(after, rate(r)), Ok(None), "{r}");
    }
    let tobacco = HsnSac::parse("2402").unwrap();
    let car = HsnSac::parse("8703").unwrap();
    assert_eq!(check_cess(before, rate("15"), Some(&car)), Ok(()));
    assert_eq!(
        check_cess(after, rate("15"), Some(&car)),
        Err(RateError::CessOnlyForTobacco)
    );
    assert_eq!(check_cess(after, rate("15"), Some(&tobacco)), Ok(()));
    assert_eq!(
        check_cess(date!(2026 - 02 - 01), rate("15"), Some(&tobacco)),
        Err(RateError::CessEnded)
    );
    assert_eq!(check_cess(date!(2026 - 02 - 01), Rate::ZERO, None), Ok(()));

    assert_eq!(b2cl_threshold(date!(2024 - 07 - 31)), paise("250000"));
    assert_eq!(b2cl_threshold(date!(2024 - 08 - 01)), paise("100000"));
    assert!(!hsn_split(Period::parse("2025-04").unwrap()));
    assert!(hsn_split(Period::parse("2025-05").unwrap()));
}

#[test]
fn credit_notes_follow_the_original_and_cannot_exceed_it() {
    let original = settle(
        &[Line::taxable(qty("10"), paise("100.00"), rate("18"))],
        &INTRA,
    )
    .unwrap();
    let levy = Levy::IntraState { utgst: false };
    let first = settle_note(
        levy,
        &[Line::taxable(qty("6"), paise("100.00"), rate("18"))],
        true,
    )
    .unwrap();
    assert_eq!(
        (first.totals.cgst, first.totals.igst),
        (paise("54.00"), Paise::ZERO),
        "same heads as the original"
    );
    assert!(check_credit_within(&original, &[], &first).is_ok());
    let second = settle_note(
        levy,
        &[Line::taxable(qty("5"), paise("100.00"), rate("18"))],
        true,
    )
    .unwrap();
    assert!(matches!(
        check_credit_within(&original, &[&first], &second),
        Err(NoteError::CreditExceedsInvoice { .. })
    ));
    let other_rate = settle_note(
        levy,
        &[Line::taxable(qty("1"), paise("100.00"), rate("5"))],
        true,
    )
    .unwrap();
    assert!(matches!(
        check_credit_within(&original, &[], &other_rate),
        Err(NoteError::RateNotOnOriginal { .. })
    ));
}

#[test]
fn money_and_decimals_are_exact() {
    assert_eq!(paise("0.1").get() + paise("0.2").get(), paise("0.3").get());
    assert_eq!(Paise::new(123_456_750).to_inr(), "₹12,34,567.50");
    let json: Paise = serde_json::from_str("\"1180.00\"").unwrap();
    assert_eq!(json, paise("1180"));
    let int: Paise = serde_json::from_str("1180").unwrap();
    assert_eq!(int, paise("1180"));
    assert!(
        serde_json::from_str::<Paise>("11.805").is_err(),
        "no binary floating point on the way in"
    );
    assert_eq!(serde_json::to_string(&paise("5")).unwrap(), "\"5.00\"");
}
