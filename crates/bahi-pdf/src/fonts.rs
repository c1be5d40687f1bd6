//! The fonts every document is set in, compiled into the binary: Noto Sans (with the ₹ glyph in
//! regular and bold) and Noto Sans Devanagari for names written in Hindi. Their licence, the
//! SIL Open Font License 1.1, is `fonts/OFL.txt`.

use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

const FILES: [&[u8]; 4] = [
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../fonts/NotoSansDevanagari-Regular.ttf"),
    include_bytes!("../fonts/NotoSansDevanagari-Bold.ttf"),
];

pub(crate) static FONTS: LazyLock<Vec<Font>> = LazyLock::new(|| {
    FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect()
});

pub(crate) static BOOK: LazyLock<LazyHash<FontBook>> =
    LazyLock::new(|| LazyHash::new(FontBook::from_fonts(FONTS.iter())));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_a_font_and_the_rupee_sign_is_in_both_weights() {
        assert_eq!(FONTS.len(), FILES.len());
        let with_rupee = FONTS
            .iter()
            .filter(|f| f.info().family == "Noto Sans" && f.info().coverage.contains('₹' as u32))
            .count();
        assert_eq!(with_rupee, 2);
    }
}
