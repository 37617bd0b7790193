//! Photographs for e-readers: at most 1600 px on the long edge, re-encoded without metadata
//! so the same file always gives the same bytes.

use std::io::Cursor;
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::imageops::FilterType as ResizeFilter;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};

use crate::diag::{Diagnostic, Location};
use crate::model::{MAX_IMAGE_SIDE, check_image_header};

/// Long edge of an image in the EPUB: sharp on a tablet, small enough for the package.
const MAX_EDGE: u32 = 1600;

pub struct Image {
    pub bytes: Vec<u8>,
    pub extension: &'static str,
    pub media_type: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Downscales and re-encodes the image `bytes`, the file `rel`.
pub fn prepare(bytes: &[u8], rel: &Path) -> Result<Image, Diagnostic> {
    let fail = |message: String| Diagnostic::error(message).at(Location::file(rel));
    // The loader's header check again: the file may have been replaced since (watch), and a
    // bomb must be refused before anything is decoded.
    let (width, height) = check_image_header(bytes)
        .map_err(|why| fail(format!("image `{}` {why}", rel.display())))?;
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| fail(format!("cannot read image `{}`: {e}", rel.display())))?;
    // An SVG (a drawing, a converted Word metafile) is shown by readers and browsers as it is.
    if reader.format().is_none() {
        return Ok(Image { bytes: bytes.to_vec(), extension: "svg", media_type: "image/svg+xml", width, height });
    }
    let format = reader.format();
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| fail(format!("cannot decode image `{}`: {e}", rel.display())))?;
    let image = if width.max(height) > MAX_EDGE { image.resize(MAX_EDGE, MAX_EDGE, ResizeFilter::Lanczos3) } else { image };
    encode(&image, format == Some(ImageFormat::Jpeg))
        .map_err(|e| fail(format!("cannot re-encode image `{}`: {e}", rel.display())))
}

/// Photographs stay JPEG; everything else (drawings, placeholders, transparency) is PNG.
fn encode(image: &DynamicImage, jpeg: bool) -> image::ImageResult<Image> {
    let mut bytes = Vec::new();
    let (width, height) = (image.width(), image.height());
    if jpeg {
        image.to_rgb8().write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, 85))?;
        return Ok(Image { bytes, extension: "jpg", media_type: "image/jpeg", width, height });
    }
    let encoder = PngEncoder::new_with_quality(Cursor::new(&mut bytes), CompressionType::Default, FilterType::Adaptive);
    if image.color().has_alpha() {
        image.to_rgba8().write_with_encoder(encoder)?;
    } else {
        image.to_rgb8().write_with_encoder(encoder)?;
    }
    Ok(Image { bytes, extension: "png", media_type: "image/png", width, height })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 100, 50]));
        image.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).unwrap();
        bytes
    }

    #[test]
    fn downscales_to_the_long_edge_and_is_deterministic() {
        let wide = png(2400, 1200);
        let a = prepare(&wide, Path::new("report/images/wide.png")).unwrap();
        let b = prepare(&wide, Path::new("report/images/wide.png")).unwrap();
        assert_eq!((a.width, a.height, a.media_type), (1600, 800, "image/png"));
        assert_eq!(a.bytes, b.bytes);
    }

    #[test]
    fn refuses_huge_images_by_their_header() {
        // A PNG header claiming 30000 × 30000 px, with no pixel data behind it.
        let mut header = Vec::new();
        header.extend_from_slice(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR");
        header.extend_from_slice(&30_000u32.to_be_bytes());
        header.extend_from_slice(&30_000u32.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        let crc = crc32(&header[12..]);
        header.extend_from_slice(&crc.to_be_bytes());
        // An empty IDAT chunk: the decoder reads the header up to the first image data.
        header.extend_from_slice(b"\0\0\0\0IDAT");
        header.extend_from_slice(&crc32(b"IDAT").to_be_bytes());
        let err = prepare(&header, Path::new("report/images/huge.png")).err().unwrap();
        assert!(err.message.contains("`report/images/huge.png` is 30000 × 30000 px"), "{}", err.message);
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
}
