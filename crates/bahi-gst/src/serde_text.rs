//! Reading decimals from JSON exactly: a string, or a number taken from its literal text.

use serde::Deserializer;
use serde::de::{self, Visitor};
use std::fmt;

/// The decimal's text, from a string (`"12.50"`) or an integer (`12`). A JSON number with a
/// fraction is refused here rather than read through binary floating point; the API layer reads
/// such numbers from their raw text.
pub(crate) fn decimal_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct Text;
    impl Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a decimal number or a string holding one")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    deserializer.deserialize_any(Text)
}
