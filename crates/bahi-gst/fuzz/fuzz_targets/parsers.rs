//! Every parser of outside input must return a value or an error, never panic.
#![no_main]

use bahi_gst::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Gstin::parse(text);
    let _ = Pan::parse(text);
    let _ = HsnSac::parse(text);
    let _ = StateCode::parse(text);
    let _ = Period::parse(text);
    let _ = Period::parse_gstn(text);
    let _ = DocumentNumber::parse(text);
    let _ = NumberFormat::new(text, 4);
    if let Ok(p) = Paise::parse(text) {
        assert_eq!(Paise::parse(&p.to_string()), Ok(p));
    }
    if let Ok(q) = Quantity::parse(text) {
        assert_eq!(Quantity::parse(&q.to_string()), Ok(q));
    }
    if let Ok(r) = Rate::parse(text) {
        assert_eq!(Rate::parse(&r.to_string()), Ok(r));
    }
});
