//! The pictures of an imported document in the formats the model holds (PNG, JPEG, SVG):
//! GIF, BMP, TIFF and WebP re-encoded as PNG, Windows metafiles (EMF, WMF, and EMZ, WMZ:
//! the same gzip-compressed) drawn as SVG
//! (metafile.rs); a picture that cannot be converted is replaced by a placeholder of its
//! size, its original kept for the author to convert by hand.

use image::{ImageFormat, ImageReader, Limits};

use crate::model::MAX_IMAGE_SIDE;

use super::{Problem, metafile};

/// A picture the model can hold, and what it was when it had to be converted.
pub struct Converted {
    pub bytes: Vec<u8>,
    /// `Some("GIF")`, `Some("EMF")` … when the bytes are not the original's.
    pub from: Option<&'static str>,
}

/// A compressed metafile (EMZ, WMZ) inflates to this at most.
const MAX_INFLATED: u64 = 64 * 1024 * 1024;

/// Converts a picture's bytes into PNG, JPEG or SVG; an error says why it cannot be.
pub fn convert(bytes: &[u8]) -> Result<Converted, Problem> {
    // EMZ and WMZ: a metafile in a gzip stream, as Office saves them.
    if bytes.starts_with(&[0x1F, 0x8B]) {
        let mut inflated = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(flate2::read::GzDecoder::new(bytes), MAX_INFLATED + 1), &mut inflated)
            .map_err(|e| Problem(format!("is a damaged gzip-compressed file ({e})")))?;
        if inflated.len() as u64 > MAX_INFLATED {
            return Err(Problem(format!("is a gzip-compressed file inflating to more than {} MB", MAX_INFLATED / 1024 / 1024)));
        }
        let from = if metafile::is_emf(&inflated) {
            "EMZ"
        } else if metafile::is_wmf(&inflated) {
            "WMZ"
        } else {
            return Err("is a gzip-compressed file that holds no Windows metafile".into());
        };
        let svg = metafile::to_svg(&inflated)?;
        return Ok(Converted { bytes: svg.into_bytes(), from: Some(from) });
    }
    if metafile::is_emf(bytes) || metafile::is_wmf(bytes) {
        let from = if metafile::is_emf(bytes) { "EMF" } else { "WMF" };
        let svg = metafile::to_svg(bytes)?;
        return Ok(Converted { bytes: svg.into_bytes(), from: Some(from) });
    }
    let format = match image::guess_format(bytes) {
        Ok(ImageFormat::Png | ImageFormat::Jpeg) => return Ok(Converted { bytes: bytes.to_vec(), from: None }),
        Ok(format @ (ImageFormat::Gif | ImageFormat::Bmp | ImageFormat::Tiff | ImageFormat::WebP)) => format,
        Ok(other) => {
            let name = other.extensions_str().first().map_or("unknown", |e| e).to_uppercase();
            return Err(Problem(format!("is a {name} image, a format folio does not convert")));
        }
        Err(_) if is_svg(bytes) => return Ok(Converted { bytes: bytes.to_vec(), from: None }),
        Err(_) => return Err("is in no picture format folio knows".into()),
    };
    let name = match format {
        ImageFormat::Gif => "GIF",
        ImageFormat::Bmp => "BMP",
        ImageFormat::Tiff => "TIFF",
        _ => "WebP",
    };
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes));
    reader.set_format(format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| format!("is a damaged {name} image ({e})"))?;
    let mut png = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png).map_err(|e| format!("cannot be re-encoded as PNG: {e}"))?;
    Ok(Converted { bytes: png, from: Some(name) })
}

fn is_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<svg") || (head.starts_with("<?xml") && head.contains("<svg"))
}

/// The file extension of bytes [`convert`] made.
pub fn extension(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        "jpg"
    } else if is_svg(bytes) {
        "svg"
    } else {
        "png"
    }
}

/// A placeholder of `size` (millimetres) naming the original file to convert.
pub fn placeholder(size: (f64, f64), original: &str) -> Vec<u8> {
    let (w, h) = (size.0.clamp(20.0, 400.0), size.1.clamp(15.0, 400.0));
    let name: String = original.chars().filter(|c| !matches!(c, '<' | '>' | '&' | '"')).collect();
    let font = (w / 16.0).clamp(2.5, 5.0);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.1}mm\" height=\"{h:.1}mm\" viewBox=\"0 0 {w:.1} {h:.1}\">\n\
<rect x=\"0.5\" y=\"0.5\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#f2f2f2\" stroke=\"#999999\" stroke-width=\"0.5\" stroke-dasharray=\"2 1\"/>\n\
<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{font:.1}\" text-anchor=\"middle\" fill=\"#555555\">{name}</text>\n</svg>\n",
        w - 1.0,
        h - 1.0,
        w / 2.0,
        h / 2.0
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(format: ImageFormat) -> Vec<u8> {
        let image = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(6, 4, image::Rgb([10, 200, 30])));
        let mut bytes = Vec::new();
        image.write_to(&mut std::io::Cursor::new(&mut bytes), format).expect("encoded");
        bytes
    }

    #[test]
    fn raster_formats_become_png() {
        for (format, name) in [(ImageFormat::Gif, "GIF"), (ImageFormat::Bmp, "BMP"), (ImageFormat::Tiff, "TIFF"), (ImageFormat::WebP, "WebP")] {
            let converted = convert(&encoded(format)).expect(name);
            assert_eq!(converted.from, Some(name));
            let back = image::load_from_memory_with_format(&converted.bytes, ImageFormat::Png).expect("a PNG");
            assert_eq!((back.width(), back.height()), (6, 4), "{name}");
            assert_eq!(extension(&converted.bytes), "png");
        }
        let png = encoded(ImageFormat::Png);
        let kept = convert(&png).expect("a PNG");
        assert!(kept.from.is_none() && kept.bytes == png);
    }

    #[test]
    fn metafiles_become_svg_and_the_rest_is_refused() {
        let converted = convert(&metafile::tests::sample_emf()).expect("an EMF");
        assert_eq!((converted.from, extension(&converted.bytes)), (Some("EMF"), "svg"));
        // The same metafile gzip-compressed (EMZ) draws the same picture.
        let mut emz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut emz, &metafile::tests::sample_emf()).unwrap();
        let emz = convert(&emz.finish().unwrap()).expect("an EMZ");
        assert_eq!((emz.from, &emz.bytes), (Some("EMZ"), &converted.bytes));
        let mut not_metafile = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut not_metafile, b"plain text").unwrap();
        assert_eq!(convert(&not_metafile.finish().unwrap()).err(), Some(Problem::from("is a gzip-compressed file that holds no Windows metafile")));
        assert!(convert(&[0x1F, 0x8B, 8, 0, 0, 0]).is_err_and(|e| e.0.starts_with("is a damaged gzip-compressed file")));
        assert!(convert(b"GIF89a\x01\x00\x01\x00").is_err_and(|e| e.0.starts_with("is a damaged GIF image")));
        assert_eq!(convert(b"plain text").err(), Some(Problem::from("is in no picture format folio knows")));
        let placeholder = placeholder((80.0, 40.0), "images/original/image1.emf");
        let tree = resvg::usvg::Tree::from_data(&placeholder, &resvg::usvg::Options::default()).expect("an SVG");
        assert!((tree.size().width() - 302.36).abs() < 0.5, "{:?}", tree.size());
    }
}
