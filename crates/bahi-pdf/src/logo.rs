//! A business's logo: a PNG or JPEG that is checked once, when it is uploaded, so that every
//! later render can rely on it.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};

/// The largest file accepted.
pub const MAX_BYTES: usize = 512 * 1024;
/// The largest side, in pixels: a logo prints a few centimetres wide.
pub const MAX_SIDE: u32 = 4000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Jpeg,
}

impl LogoFormat {
    #[must_use]
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }

    #[must_use]
    pub fn from_content_type(text: &str) -> Option<Self> {
        match text {
            "image/png" => Some(Self::Png),
            "image/jpeg" => Some(Self::Jpeg),
            _ => None,
        }
    }

    pub(crate) fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
        }
    }
}

/// A logo that decodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub format: LogoFormat,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LogoError {
    #[error("the file is larger than 512 KB")]
    TooLarge,
    #[error("the file is not a PNG or JPEG image")]
    NotAnImage,
    #[error("the image is wider or taller than 4000 pixels")]
    TooManyPixels,
    #[error("the image is damaged and cannot be read")]
    Damaged,
}

impl Logo {
    /// Accepts `bytes` when they are a PNG or JPEG (by content, not by name) that decodes in
    /// full within the size limits.
    pub fn check(bytes: Vec<u8>) -> Result<Self, LogoError> {
        if bytes.len() > MAX_BYTES {
            return Err(LogoError::TooLarge);
        }
        let format = match image::guess_format(&bytes) {
            Ok(ImageFormat::Png) => LogoFormat::Png,
            Ok(ImageFormat::Jpeg) => LogoFormat::Jpeg,
            _ => return Err(LogoError::NotAnImage),
        };
        let mut reader = ImageReader::new(Cursor::new(&bytes));
        reader.set_format(match format {
            LogoFormat::Png => ImageFormat::Png,
            LogoFormat::Jpeg => ImageFormat::Jpeg,
        });
        let (width, height) = reader.into_dimensions().map_err(|_| LogoError::Damaged)?;
        if width > MAX_SIDE || height > MAX_SIDE || width == 0 || height == 0 {
            return Err(LogoError::TooManyPixels);
        }
        // Decoding the whole image is what finds a truncated or corrupt file.
        let mut reader = ImageReader::new(Cursor::new(&bytes));
        reader.set_format(match format {
            LogoFormat::Png => ImageFormat::Png,
            LogoFormat::Jpeg => ImageFormat::Jpeg,
        });
        let mut limits = Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(128 * 1024 * 1024);
        reader.limits(limits);
        reader.decode().map_err(|_| LogoError::Damaged)?;
        Ok(Self { format, bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_png_is_accepted_and_its_format_known() {
        let logo = Logo::check(png(40, 20)).unwrap();
        assert_eq!(logo.format, LogoFormat::Png);
    }

    #[test]
    fn other_files_are_refused_by_content() {
        assert_eq!(
            Logo::check(b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec()),
            Err(LogoError::NotAnImage)
        );
        let mut cut = png(40, 20);
        cut.truncate(cut.len() / 2);
        assert_eq!(Logo::check(cut), Err(LogoError::Damaged));
        assert_eq!(
            Logo::check(vec![0; MAX_BYTES + 1]),
            Err(LogoError::TooLarge)
        );
        assert_eq!(Logo::check(png(4001, 1)), Err(LogoError::TooManyPixels));
    }
}
