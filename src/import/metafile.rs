//! Windows metafiles (EMF and WMF), the vector pictures of Word documents (charts pasted
//! from Excel, diagrams, equation previews), as SVG: the drawing records are replayed on a
//! small model of a device context (pens, brushes, fonts, the window-to-viewport mapping,
//! the world transform) and written as SVG paths, text and embedded bitmaps. Records that
//! do not draw (clipping, EMF+ comments, palettes) are skipped; the picture is untrusted,
//! so every read is bounds-checked and a malformed record ends the drawing.

use std::fmt::Write as _;

use base64::Engine;

use super::Problem;

/// `EMR_HEADER`'s signature, " EMF", at byte 40.
const EMF_SIGNATURE: u32 = 0x464D_4520;
/// The key of a placeable WMF header.
const WMF_PLACEABLE: u32 = 0x9AC6_CDD7;
/// Records replayed at most: a chart has a few thousand.
const MAX_RECORDS: usize = 1_000_000;

pub fn is_emf(data: &[u8]) -> bool {
    u32_at(data, 0) == Some(1) && u32_at(data, 40) == Some(EMF_SIGNATURE)
}

pub fn is_wmf(data: &[u8]) -> bool {
    u32_at(data, 0) == Some(WMF_PLACEABLE) || (matches!(u16_at(data, 0), Some(1 | 2)) && u16_at(data, 2) == Some(9))
}

/// The metafile as an SVG document; an error says why it cannot be drawn.
pub fn to_svg(data: &[u8]) -> Result<String, Problem> {
    if is_emf(data) {
        emf(data)
    } else if is_wmf(data) {
        wmf(data)
    } else {
        Err("is not a Windows metafile".into())
    }
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}
fn i16_at(d: &[u8], at: usize) -> Option<i16> {
    u16_at(d, at).map(|v| v as i16)
}
fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}
fn i32_at(d: &[u8], at: usize) -> Option<i32> {
    u32_at(d, at).map(|v| v as i32)
}
fn f32_at(d: &[u8], at: usize) -> Option<f32> {
    u32_at(d, at).map(f32::from_bits).filter(|f| f.is_finite())
}

// ---------------------------------------------------------------------------------------
// The device context and the SVG it draws.

#[derive(Clone, Copy, PartialEq)]
enum Obj {
    /// `style`: the pen style's low four bits (0 solid, 1 dash, 2 dot, 3 dash-dot, 4
    /// dash-dot-dot, 5 none).
    Pen { style: u8, width: f64, color: u32 },
    Brush { none: bool, color: u32 },
    Font(usize),
}

#[derive(Clone)]
struct Font {
    height: f64,
    escapement: f64,
    bold: bool,
    italic: bool,
    face: String,
}

#[derive(Clone)]
struct Dc {
    win_org: (f64, f64),
    win_ext: (f64, f64),
    vp_org: (f64, f64),
    vp_ext: (f64, f64),
    /// Device pixels per logical unit for the fixed map modes; `None` for window/viewport.
    fixed: Option<(f64, f64)>,
    /// The world transform (EMF): a b c d e f.
    world: [f64; 6],
    /// Style (as `Obj::Pen`), width, colour.
    pen: (u8, f64, u32),
    /// GDI draws arcs counterclockwise unless told otherwise (EMR_SETARCDIRECTION).
    clockwise: bool,
    /// The clipping path in force: the id of its `clipPath`.
    clip: Option<usize>,
    brush: (bool, u32),
    font: usize,
    text_color: u32,
    align: u32,
    winding: bool,
    pos: (f64, f64),
}

impl Dc {
    fn new() -> Dc {
        Dc {
            win_org: (0.0, 0.0),
            win_ext: (1.0, 1.0),
            vp_org: (0.0, 0.0),
            vp_ext: (1.0, 1.0),
            fixed: Some((1.0, 1.0)),
            world: [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            pen: (0, 0.0, 0),
            clockwise: false,
            clip: None,
            brush: (false, 0xFF_FFFF),
            font: 0,
            text_color: 0,
            align: 0,
            winding: false,
            pos: (0.0, 0.0),
        }
    }

    fn scale(&self) -> (f64, f64) {
        match self.fixed {
            Some(s) => s,
            None => {
                let sx = if self.win_ext.0 == 0.0 { 1.0 } else { self.vp_ext.0 / self.win_ext.0 };
                let sy = if self.win_ext.1 == 0.0 { 1.0 } else { self.vp_ext.1 / self.win_ext.1 };
                (sx, sy)
            }
        }
    }

    /// A logical point in device units.
    fn map(&self, x: f64, y: f64) -> (f64, f64) {
        let w = &self.world;
        let (x, y) = (w[0] * x + w[2] * y + w[4], w[1] * x + w[3] * y + w[5]);
        let (sx, sy) = self.scale();
        ((x - self.win_org.0) * sx + self.vp_org.0, (y - self.win_org.1) * sy + self.vp_org.1)
    }

    /// A logical length (a pen's width, a font's height) in device units.
    fn length(&self, l: f64) -> f64 {
        let (sx, sy) = self.scale();
        let w = &self.world;
        let world = ((w[0] * w[3] - w[1] * w[2]).abs()).sqrt();
        l.abs() * world * ((sx * sy).abs()).sqrt()
    }
}

struct Canvas {
    dc: Dc,
    saved: Vec<Dc>,
    objects: Vec<Option<Obj>>,
    fonts: Vec<Font>,
    body: String,
    /// Clipping paths, referred to by the drawing.
    defs: String,
    clips: usize,
    /// The path being built between BEGINPATH and ENDPATH (EMF).
    path: Option<String>,
    drawn: usize,
}

fn color(c: u32) -> String {
    format!("#{:02x}{:02x}{:02x}", c & 0xFF, (c >> 8) & 0xFF, (c >> 16) & 0xFF)
}

fn escape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '&' => "&amp;".to_string(),
            '"' => "&quot;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

impl Canvas {
    fn new() -> Canvas {
        let default_font = Font { height: 12.0, escapement: 0.0, bold: false, italic: false, face: String::new() };
        Canvas { dc: Dc::new(), saved: Vec::new(), objects: Vec::new(), fonts: vec![default_font], body: String::new(), defs: String::new(), clips: 0, path: None, drawn: 0 }
    }

    fn select(&mut self, obj: Obj) {
        match obj {
            Obj::Pen { style, width, color } => self.dc.pen = (style, width, color),
            Obj::Brush { none, color } => self.dc.brush = (none, color),
            Obj::Font(i) => self.dc.font = i,
        }
    }

    /// EMF stock objects (an index with the high bit set).
    fn stock(&mut self, index: u32) {
        let obj = match index & 0x7FFF_FFFF {
            0 => Obj::Brush { none: false, color: 0xFF_FFFF },
            1 => Obj::Brush { none: false, color: 0xC0_C0C0 },
            2 => Obj::Brush { none: false, color: 0x80_8080 },
            3 => Obj::Brush { none: false, color: 0x40_4040 },
            4 => Obj::Brush { none: false, color: 0 },
            5 => Obj::Brush { none: true, color: 0 },
            6 => Obj::Pen { style: 0, width: 0.0, color: 0xFF_FFFF },
            7 => Obj::Pen { style: 0, width: 0.0, color: 0 },
            8 => Obj::Pen { style: 5, width: 0.0, color: 0 },
            10..=17 => Obj::Font(0),
            _ => return,
        };
        self.select(obj);
    }

    fn stroke_attrs(&self) -> String {
        let (style, width, c) = self.dc.pen;
        if style == 5 {
            return " stroke=\"none\"".into();
        }
        // A width of 0 is one device pixel, whatever the mapping.
        let cosmetic = width <= 0.0;
        let w = if cosmetic { 1.0 } else { self.dc.length(width).max(0.5) };
        // GDI's dashes: in pixels for a thin pen, in pen widths for a wide one.
        let (pattern, unit): (&[f64], f64) = match (style, cosmetic || w <= 1.0) {
            (1, true) => (&[18.0, 6.0], 1.0),
            (2, true) => (&[3.0, 3.0], 1.0),
            (3, true) => (&[9.0, 6.0, 3.0, 6.0], 1.0),
            (4, true) => (&[9.0, 3.0, 3.0, 3.0, 3.0, 3.0], 1.0),
            (1, false) => (&[3.0, 1.0], w),
            (2, false) => (&[1.0, 1.0], w),
            (3, false) => (&[3.0, 1.0, 1.0, 1.0], w),
            (4, false) => (&[3.0, 1.0, 1.0, 1.0, 1.0, 1.0], w),
            _ => (&[], 1.0),
        };
        let dashes = if pattern.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = pattern.iter().map(|d| format!("{:.2}", d * unit)).collect();
            format!(" stroke-dasharray=\"{}\"", list.join(" "))
        };
        format!(" stroke=\"{}\" stroke-width=\"{w:.2}\" stroke-linejoin=\"round\"{dashes}", color(c))
    }

    fn fill_attrs(&self) -> String {
        let (none, c) = self.dc.brush;
        let rule = if self.dc.winding { "" } else { " fill-rule=\"evenodd\"" };
        if none { " fill=\"none\"".into() } else { format!(" fill=\"{}\"{rule}", color(c)) }
    }

    fn shape(&mut self, d: &str, fill: bool, stroke: bool) {
        if d.is_empty() {
            return;
        }
        let fill = if fill { self.fill_attrs() } else { " fill=\"none\"".into() };
        let stroke = if stroke { self.stroke_attrs() } else { " stroke=\"none\"".into() };
        if fill.contains("none") && stroke.contains("none") {
            return;
        }
        let clip = self.clip_attr();
        let _ = writeln!(self.body, "<path d=\"{d}\"{fill}{stroke}{clip}/>");
        self.drawn += 1;
    }

    /// Logical points as path data, closed or not.
    fn poly_d(&self, points: &[(f64, f64)], close: bool) -> String {
        let mut d = String::new();
        for (i, &(x, y)) in points.iter().enumerate() {
            let (x, y) = self.dc.map(x, y);
            let _ = write!(d, "{}{x:.2} {y:.2} ", if i == 0 { "M" } else { "L" });
        }
        if close && !d.is_empty() {
            d.push('Z');
        }
        d
    }

    /// A polygon or polyline: into the open path, or drawn.
    fn poly(&mut self, points: &[(f64, f64)], close: bool) {
        if points.len() < 2 {
            return;
        }
        let d = self.poly_d(points, close);
        match &mut self.path {
            Some(path) => path.push_str(&d),
            None => self.shape(&d, close, true),
        }
        if let Some(&last) = points.last() {
            self.dc.pos = last;
        }
    }

    /// Continues from the current position (LINETO, POLYLINETO, POLYBEZIERTO).
    fn line_to(&mut self, points: &[(f64, f64)], bezier: bool) {
        let (px, py) = self.dc.pos;
        let (sx, sy) = self.dc.map(px, py);
        let mut d = match &self.path {
            Some(p) if !p.is_empty() => String::new(),
            _ => format!("M{sx:.2} {sy:.2} "),
        };
        for (i, &(x, y)) in points.iter().enumerate() {
            let (x, y) = self.dc.map(x, y);
            let op = if !bezier { "L" } else if i % 3 == 0 { "C" } else { "" };
            let _ = write!(d, "{op}{x:.2} {y:.2} ");
        }
        if bezier && points.len() % 3 != 0 {
            return;
        }
        match &mut self.path {
            Some(path) => path.push_str(&d),
            None => self.shape(&d, false, true),
        }
        if let Some(&last) = points.last() {
            self.dc.pos = last;
        }
    }

    fn move_to(&mut self, x: f64, y: f64) {
        self.dc.pos = (x, y);
        if let Some(path) = &mut self.path {
            let (x, y) = self.dc.map(x, y);
            let _ = write!(path, "M{x:.2} {y:.2} ");
        }
    }

    fn bezier(&mut self, points: &[(f64, f64)]) {
        if points.len() < 4 || (points.len() - 1) % 3 != 0 {
            return;
        }
        self.dc.pos = points[0];
        self.move_to(points[0].0, points[0].1);
        let start = self.dc.map(points[0].0, points[0].1);
        let was_path = self.path.is_some();
        if !was_path {
            self.path = Some(format!("M{:.2} {:.2} ", start.0, start.1));
        }
        self.line_to(&points[1..], true);
        if !was_path {
            let d = self.path.take().unwrap_or_default();
            self.shape(&d, false, true);
        }
    }

    fn rect(&mut self, l: f64, t: f64, r: f64, b: f64) {
        self.poly(&[(l, t), (r, t), (r, b), (l, b)], true);
    }

    fn ellipse(&mut self, l: f64, t: f64, r: f64, b: f64) {
        let (x0, y0) = self.dc.map(l, t);
        let (x1, y1) = self.dc.map(r, b);
        let (cx, cy, rx, ry) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0, ((x1 - x0) / 2.0).abs(), ((y1 - y0) / 2.0).abs());
        let d = format!("M{:.2} {cy:.2} A{rx:.2} {ry:.2} 0 1 0 {:.2} {cy:.2} A{rx:.2} {ry:.2} 0 1 0 {:.2} {cy:.2} Z", cx - rx, cx + rx, cx - rx);
        match &mut self.path {
            Some(path) => path.push_str(&d),
            None => self.shape(&d, true, true),
        }
    }

    fn text(&mut self, x: f64, y: f64, text: &str) {
        let text = text.trim_end_matches('\0');
        if text.trim().is_empty() {
            return;
        }
        let (x, y) = if self.dc.align & 1 != 0 { self.dc.pos } else { (x, y) };
        let (x, y) = self.dc.map(x, y);
        let font = self.fonts.get(self.dc.font).cloned().unwrap_or_else(|| self.fonts[0].clone());
        // A negative height is the em size; a positive one the cell (about 1.2 em).
        let em = if font.height < 0.0 { self.dc.length(font.height) } else { self.dc.length(font.height) / 1.2 };
        let em = if em < 0.5 { 12.0 } else { em };
        let anchor = match self.dc.align & 6 {
            6 => "middle",
            2 => "end",
            _ => "start",
        };
        // Baseline (24), bottom (8) or top (0): moved onto the baseline.
        let dy = match self.dc.align & 24 {
            24 => 0.0,
            8 => -0.22 * em,
            _ => 0.88 * em,
        };
        let (r, angle) = (dy, -font.escapement / 10.0);
        let (sin, cos) = angle.to_radians().sin_cos();
        let (bx, by) = (x - r * sin, y + r * cos);
        let rotate = if angle.abs() > 0.01 { format!(" transform=\"rotate({angle:.1} {bx:.2} {by:.2})\"") } else { String::new() };
        let family = if font.face.is_empty() { "sans-serif".to_string() } else { format!("{}, sans-serif", escape(&font.face)) };
        let weight = if font.bold { " font-weight=\"bold\"" } else { "" };
        let style = if font.italic { " font-style=\"italic\"" } else { "" };
        let _ = writeln!(
            self.body,
            "<text x=\"{bx:.2}\" y=\"{by:.2}\" font-family=\"{family}\" font-size=\"{em:.2}\"{weight}{style} text-anchor=\"{anchor}\" fill=\"{}\" xml:space=\"preserve\"{rotate}{}>{}</text>",
            color(self.dc.text_color),
            self.clip_attr(),
            escape(text)
        );
        self.drawn += 1;
    }

    /// A device-independent bitmap (header and bits) drawn into a logical rectangle.
    fn dib(&mut self, bmi: &[u8], bits: &[u8], x: f64, y: f64, w: f64, h: f64) {
        let Some(png) = dib_png(bmi, bits) else { return };
        let (x0, y0) = self.dc.map(x, y);
        let (x1, y1) = self.dc.map(x + w, y + h);
        let (x, y, w, h) = (x0.min(x1), y0.min(y1), (x1 - x0).abs(), (y1 - y0).abs());
        let data = base64::engine::general_purpose::STANDARD.encode(png);
        let clip = self.clip_attr();
        let _ = writeln!(self.body, "<image x=\"{x:.2}\" y=\"{y:.2}\" width=\"{w:.2}\" height=\"{h:.2}\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,{data}\"{clip}/>");
        self.drawn += 1;
    }

    /// An arc of the ellipse in a logical box, from the radial through `start` to the one
    /// through `end` (ARC, ARCTO, CHORD, PIE): `close` 0 open, 1 a chord, 2 a pie slice.
    /// The same two points draw the whole ellipse, as in GDI. ARCTO draws a line to the
    /// arc `from` the current position first.
    fn arc(&mut self, bx: (f64, f64, f64, f64), start: (f64, f64), end: (f64, f64), close: u8, from: Option<(f64, f64)>) {
        let (x0, y0) = self.dc.map(bx.0, bx.1);
        let (x1, y1) = self.dc.map(bx.2, bx.3);
        let (cx, cy, rx, ry) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0, ((x1 - x0) / 2.0).abs(), ((y1 - y0) / 2.0).abs());
        if rx < 1e-9 || ry < 1e-9 {
            return;
        }
        let angle = |p: (f64, f64)| {
            let (px, py) = self.dc.map(p.0, p.1);
            ((py - cy) / ry).atan2((px - cx) / rx)
        };
        let (t0, t1) = (angle(start), angle(end));
        let point = |t: f64| (cx + rx * t.cos(), cy + ry * t.sin());
        // Counterclockwise on the page (angles decreasing, y down) unless clockwise, and
        // the other way when the mapping mirrors the picture.
        let w = &self.dc.world;
        let (sx, sy) = self.dc.scale();
        let mirrored = (w[0] * w[3] - w[1] * w[2]) * sx * sy < 0.0;
        let positive = self.dc.clockwise != mirrored;
        let tau = std::f64::consts::TAU;
        let mut span = if positive { (t1 - t0).rem_euclid(tau) } else { (t0 - t1).rem_euclid(tau) };
        if span < 1e-9 {
            span = tau;
        }
        let sweep = u8::from(positive);
        let (px, py) = point(t0);
        let mut d = match from {
            Some(_) if self.path.as_ref().is_some_and(|p| !p.is_empty()) => format!("L{px:.2} {py:.2} "),
            Some((fx, fy)) => {
                let (fx, fy) = self.dc.map(fx, fy);
                format!("M{fx:.2} {fy:.2} L{px:.2} {py:.2} ")
            }
            None => format!("M{px:.2} {py:.2} "),
        };
        // A whole turn in two halves: SVG draws no arc between one point and itself.
        let halves = if span > tau - 1e-6 { 2 } else { 1 };
        for i in 1..=halves {
            let t = if positive { t0 + span * i as f64 / halves as f64 } else { t0 - span * i as f64 / halves as f64 };
            let (ex, ey) = point(t);
            let large = u8::from(span / halves as f64 > std::f64::consts::PI);
            let _ = write!(d, "A{rx:.2} {ry:.2} 0 {large} {sweep} {ex:.2} {ey:.2} ");
        }
        match close {
            1 => d.push('Z'),
            2 => {
                let _ = write!(d, "L{cx:.2} {cy:.2} Z");
            }
            _ => {}
        }
        match &mut self.path {
            Some(path) => path.push_str(&d),
            None => self.shape(&d, close > 0, true),
        }
    }

    /// Clips what follows to a path (device units), within the clip already in force when
    /// `intersect`; `None` lifts the clip.
    fn clip(&mut self, d: Option<&str>, intersect: bool) {
        let Some(d) = d.filter(|d| !d.is_empty()) else {
            self.dc.clip = None;
            return;
        };
        let id = self.clips;
        self.clips += 1;
        let within = match (intersect, self.dc.clip) {
            (true, Some(outer)) => format!(" clip-path=\"url(#c{outer})\""),
            _ => String::new(),
        };
        let _ = writeln!(self.defs, "<clipPath id=\"c{id}\"{within}><path d=\"{d}\"/></clipPath>");
        self.dc.clip = Some(id);
    }

    fn clip_attr(&self) -> String {
        self.dc.clip.map(|c| format!(" clip-path=\"url(#c{c})\"")).unwrap_or_default()
    }

    fn add_object(&mut self, index: usize, obj: Obj) {
        if index > 65_535 {
            return;
        }
        if self.objects.len() <= index {
            self.objects.resize(index + 1, None);
        }
        self.objects[index] = Some(obj);
    }

    fn finish(self, view: (f64, f64, f64, f64), size_mm: (f64, f64)) -> Result<String, Problem> {
        if self.drawn == 0 {
            return Err("draws nothing folio can convert (it may hold EMF+ records only)".into());
        }
        let (x, y, w, h) = view;
        Ok(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.2}mm\" height=\"{:.2}mm\" viewBox=\"{x:.2} {y:.2} {w:.2} {h:.2}\">\n{}{}</svg>\n",
            size_mm.0,
            size_mm.1,
            if self.defs.is_empty() { String::new() } else { format!("<defs>\n{}</defs>\n", self.defs) },
            self.body
        ))
    }
}

/// A DIB (BITMAPINFO and bits) as PNG, through the BMP decoder: a file header is put in
/// front of it.
fn dib_png(bmi: &[u8], bits: &[u8]) -> Option<Vec<u8>> {
    if bmi.len() < 12 || bits.is_empty() {
        return None;
    }
    let mut bmp = Vec::with_capacity(14 + bmi.len() + bits.len());
    bmp.extend_from_slice(b"BM");
    bmp.extend_from_slice(&((14 + bmi.len() + bits.len()) as u32).to_le_bytes());
    bmp.extend_from_slice(&[0; 4]);
    bmp.extend_from_slice(&((14 + bmi.len()) as u32).to_le_bytes());
    bmp.extend_from_slice(bmi);
    bmp.extend_from_slice(bits);
    let image = image::load_from_memory_with_format(&bmp, image::ImageFormat::Bmp).ok()?;
    if image.width() as u64 * image.height() as u64 > 40_000_000 {
        return None;
    }
    let mut png = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).ok()?;
    Some(png)
}

// ---------------------------------------------------------------------------------------
// EMF.

fn rect_at(d: &[u8], at: usize) -> Option<(f64, f64, f64, f64)> {
    Some((i32_at(d, at)? as f64, i32_at(d, at + 4)? as f64, i32_at(d, at + 8)? as f64, i32_at(d, at + 12)? as f64))
}

/// `n` points of 16-bit (or 32-bit) coordinates from `at`.
fn points(d: &[u8], at: usize, n: usize, wide: bool) -> Option<Vec<(f64, f64)>> {
    let size = if wide { 8 } else { 4 };
    if n > d.len() / size {
        return None;
    }
    (0..n)
        .map(|i| {
            let p = at + i * size;
            if wide { Some((i32_at(d, p)? as f64, i32_at(d, p + 4)? as f64)) } else { Some((i16_at(d, p)? as f64, i16_at(d, p + 2)? as f64)) }
        })
        .collect()
}

fn utf16_at(d: &[u8], at: usize, chars: usize) -> Option<String> {
    let bytes = d.get(at..at.checked_add(chars.checked_mul(2)?)?)?;
    let units: Vec<u16> = bytes.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
    Some(String::from_utf16_lossy(&units))
}

fn emf(data: &[u8]) -> Result<String, Problem> {
    let bad = || "is a damaged EMF picture".to_string();
    let bounds = rect_at(data, 8).ok_or_else(bad)?;
    let frame = rect_at(data, 24).ok_or_else(bad)?;
    let dev = (i32_at(data, 72).unwrap_or(0) as f64, i32_at(data, 76).unwrap_or(0) as f64);
    let mm = (i32_at(data, 80).unwrap_or(0) as f64, i32_at(data, 84).unwrap_or(0) as f64);
    // Device pixels per millimetre, from the reference device.
    let ppmm = if dev.0 > 0.0 && mm.0 > 0.0 && dev.1 > 0.0 && mm.1 > 0.0 { (dev.0 / mm.0, dev.1 / mm.1) } else { (96.0 / 25.4, 96.0 / 25.4) };
    let mut c = Canvas::new();
    let mut at = 0usize;
    for _ in 0..MAX_RECORDS {
        let (Some(kind), Some(size)) = (u32_at(data, at), u32_at(data, at + 4)) else { break };
        let size = size as usize;
        if size < 8 || at + size > data.len() {
            break;
        }
        let r = &data[at..at + size];
        let _ = emf_record(&mut c, kind, r, ppmm);
        if kind == 14 {
            break;
        }
        at += size;
    }
    // The picture's area: its frame (0.01 mm) in device units, else its bounds.
    let (fw, fh) = ((frame.2 - frame.0) / 100.0, (frame.3 - frame.1) / 100.0);
    let (view, size) = if fw > 0.0 && fh > 0.0 {
        ((frame.0 / 100.0 * ppmm.0, frame.1 / 100.0 * ppmm.1, fw * ppmm.0, fh * ppmm.1), (fw, fh))
    } else {
        let (w, h) = ((bounds.2 - bounds.0 + 1.0).max(1.0), (bounds.3 - bounds.1 + 1.0).max(1.0));
        ((bounds.0, bounds.1, w, h), (w / ppmm.0, h / ppmm.1))
    };
    c.finish(view, size)
}

fn emf_record(c: &mut Canvas, kind: u32, r: &[u8], ppmm: (f64, f64)) -> Option<()> {
    let p = |at: usize| -> Option<(f64, f64)> { Some((i32_at(r, at)? as f64, i32_at(r, at + 4)? as f64)) };
    match kind {
        // POLYBEZIER, POLYGON, POLYLINE, POLYBEZIERTO, POLYLINETO (and their 16-bit forms).
        2..=6 | 85..=89 => {
            let wide = kind < 80;
            let n = u32_at(r, 24)? as usize;
            let pts = points(r, 28, n, wide)?;
            match if wide { kind } else { kind - 83 } {
                2 => c.bezier(&pts),
                3 => c.poly(&pts, true),
                4 => c.poly(&pts, false),
                5 => c.line_to(&pts, true),
                _ => c.line_to(&pts, false),
            }
        }
        // POLYPOLYLINE, POLYPOLYGON (and 16-bit).
        7 | 8 | 90 | 91 => {
            let wide = kind < 80;
            let close = kind == 8 || kind == 91;
            let polys = u32_at(r, 24)? as usize;
            if polys > r.len() / 4 {
                return None;
            }
            let total = u32_at(r, 28)? as usize;
            let counts: Vec<usize> = (0..polys).map(|i| u32_at(r, 32 + 4 * i).map(|n| n as usize)).collect::<Option<_>>()?;
            let pts = points(r, 32 + 4 * polys, total, wide)?;
            let mut d = String::new();
            let mut start = 0;
            for n in counts {
                let part = pts.get(start..start + n)?;
                d.push_str(&c.poly_d(part, close));
                start += n;
            }
            match &mut c.path {
                Some(path) => path.push_str(&d),
                None => c.shape(&d, close, true),
            }
        }
        9 => c.dc.win_ext = p(8)?,
        10 => c.dc.win_org = p(8)?,
        11 => c.dc.vp_ext = p(8)?,
        12 => c.dc.vp_org = p(8)?,
        17 => {
            // Fixed modes: logical units in millimetres, y growing upwards.
            let unit = match u32_at(r, 8)? {
                2 => Some(0.1),
                3 => Some(0.01),
                4 => Some(0.254),
                5 => Some(0.0254),
                6 => Some(25.4 / 1440.0),
                1 => None,
                _ => {
                    c.dc.fixed = None;
                    return Some(());
                }
            };
            c.dc.fixed = Some(match unit {
                Some(u) => (u * ppmm.0, -u * ppmm.1),
                None => (1.0, 1.0),
            });
        }
        19 => c.dc.winding = u32_at(r, 8)? == 2,
        22 => c.dc.align = u32_at(r, 8)?,
        24 => c.dc.text_color = u32_at(r, 8)?,
        27 => {
            let (x, y) = p(8)?;
            c.move_to(x, y);
        }
        54 => {
            let pt = p(8)?;
            c.line_to(&[pt], false);
        }
        33 => c.saved.push(c.dc.clone()),
        34 => {
            let n = i32_at(r, 8)?;
            let keep = if n < 0 { c.saved.len().saturating_sub(n.unsigned_abs() as usize) } else { (n as usize).saturating_sub(1) };
            if keep < c.saved.len() {
                c.dc = c.saved[keep].clone();
                c.saved.truncate(keep);
            }
        }
        35 => c.dc.world = xform(r, 8)?,
        36 => {
            let m = xform(r, 8)?;
            match u32_at(r, 32)? {
                1 => c.dc.world = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
                2 => c.dc.world = multiply(&m, &c.dc.world),
                3 => c.dc.world = multiply(&c.dc.world, &m),
                4 => c.dc.world = m,
                _ => {}
            }
        }
        37 => {
            let index = u32_at(r, 8)?;
            if index & 0x8000_0000 != 0 {
                c.stock(index);
            } else if let Some(Some(obj)) = c.objects.get(index as usize).copied() {
                c.select(obj);
            }
        }
        38 => {
            let style = u32_at(r, 12)?;
            c.add_object(u32_at(r, 8)? as usize, Obj::Pen { style: (style & 0xF) as u8, width: i32_at(r, 16)? as f64, color: u32_at(r, 24)? });
        }
        95 => {
            let style = u32_at(r, 28)?;
            c.add_object(u32_at(r, 8)? as usize, Obj::Pen { style: (style & 0xF) as u8, width: u32_at(r, 32)? as f64, color: u32_at(r, 40)? });
        }
        39 => {
            let style = u32_at(r, 12)?;
            c.add_object(u32_at(r, 8)? as usize, Obj::Brush { none: style == 1, color: u32_at(r, 16)? });
        }
        82 => {
            let face = utf16_at(r, 40, 32)?;
            let face = face.split('\0').next().unwrap_or_default().to_string();
            let font = Font {
                height: i32_at(r, 12)? as f64,
                escapement: i32_at(r, 20)? as f64,
                bold: i32_at(r, 28)? >= 600,
                italic: r.get(32).is_some_and(|b| *b != 0),
                face,
            };
            c.fonts.push(font);
            let index = c.fonts.len() - 1;
            c.add_object(u32_at(r, 8)? as usize, Obj::Font(index));
        }
        42 => {
            let (l, t, rr, b) = rect_at(r, 8)?;
            c.ellipse(l, t, rr, b);
        }
        43 | 44 => {
            let (l, t, rr, b) = rect_at(r, 8)?;
            c.rect(l, t, rr, b);
        }
        // ARC, CHORD, PIE, ARCTO: a box, the start and end points.
        45..=47 | 55 => {
            let bx = rect_at(r, 8)?;
            let (start, end) = (p(24)?, p(32)?);
            let close = match kind {
                46 => 1,
                47 => 2,
                _ => 0,
            };
            let from = (kind == 55).then_some(c.dc.pos);
            c.arc(bx, start, end, close, from);
            if kind == 55 {
                c.dc.pos = end;
            }
        }
        57 => c.dc.clockwise = u32_at(r, 8)? == 2,
        // INTERSECTCLIPRECT: a logical rectangle.
        30 => {
            let (l, t, rr, b) = rect_at(r, 8)?;
            let d = c.poly_d(&[(l, t), (rr, t), (rr, b), (l, b)], true);
            c.clip(Some(&d), true);
        }
        // SELECTCLIPPATH: the path just built clips (RGN_COPY 5 replaces, else intersects).
        67 => {
            let d = c.path.take();
            c.clip(d.as_deref(), u32_at(r, 8)? != 5);
        }
        // EXTSELECTCLIPRGN: rectangles in device units; RGN_COPY without a region lifts the clip.
        75 => {
            let (size, mode) = (u32_at(r, 8)? as usize, u32_at(r, 12)?);
            let count = u32_at(r, 24).unwrap_or(0) as usize;
            if size == 0 || count == 0 {
                if mode == 5 {
                    c.clip(None, false);
                }
                return Some(());
            }
            if count > r.len() / 16 {
                return None;
            }
            let mut d = String::new();
            for i in 0..count {
                let (l, t, rr, b) = rect_at(r, 48 + 16 * i)?;
                let _ = write!(d, "M{l} {t} L{rr} {t} L{rr} {b} L{l} {b} Z ");
            }
            c.clip(Some(&d), mode == 1);
        }
        59 => c.path = Some(String::new()),
        60 => {}
        61 => {
            if let Some(path) = &mut c.path {
                path.push('Z');
            }
        }
        62..=64 => {
            let d = c.path.take().unwrap_or_default();
            c.shape(&d, kind != 64, kind != 62);
        }
        68 => c.path = None,
        // EXTTEXTOUTW (and A, rare): the reference point, the string.
        83 | 84 => {
            let (x, y) = p(36)?;
            let n = u32_at(r, 44)? as usize;
            let off = u32_at(r, 48)? as usize;
            let text = if kind == 84 { utf16_at(r, off, n)? } else { r.get(off..off.checked_add(n)?)?.iter().map(|&b| b as char).collect() };
            c.text(x, y, &text);
        }
        // BITBLT, STRETCHBLT, ALPHABLEND: a bitmap, or a fill with the brush.
        76 | 77 | 114 => {
            let (x, y, w, h) = (i32_at(r, 24)? as f64, i32_at(r, 28)? as f64, i32_at(r, 32)? as f64, i32_at(r, 36)? as f64);
            let (obmi, cbmi, obits, cbits) = (u32_at(r, 84)? as usize, u32_at(r, 88)? as usize, u32_at(r, 92)? as usize, u32_at(r, 96)? as usize);
            if cbmi == 0 {
                if c.path.is_none() {
                    let d = c.poly_d(&[(x, y), (x + w, y), (x + w, y + h), (x, y + h)], true);
                    c.shape(&d, true, false);
                }
            } else {
                let bmi = r.get(obmi..obmi.checked_add(cbmi)?)?;
                let bits = r.get(obits..obits.checked_add(cbits)?)?;
                c.dib(bmi, bits, x, y, w, h);
            }
        }
        // STRETCHDIBITS, SETDIBITSTODEVICE.
        80 | 81 => {
            let (x, y) = (i32_at(r, 24)? as f64, i32_at(r, 28)? as f64);
            let (obmi, cbmi, obits, cbits) = (u32_at(r, 48)? as usize, u32_at(r, 52)? as usize, u32_at(r, 56)? as usize, u32_at(r, 60)? as usize);
            let (w, h) = if kind == 81 { (i32_at(r, 72)? as f64, i32_at(r, 76)? as f64) } else { (i32_at(r, 40)? as f64, i32_at(r, 44)? as f64) };
            let bmi = r.get(obmi..obmi.checked_add(cbmi)?)?;
            let bits = r.get(obits..obits.checked_add(cbits)?)?;
            c.dib(bmi, bits, x, y, w, h);
        }
        _ => {}
    }
    Some(())
}

fn xform(r: &[u8], at: usize) -> Option<[f64; 6]> {
    let mut m = [0.0; 6];
    for (i, v) in m.iter_mut().enumerate() {
        *v = f32_at(r, at + 4 * i)? as f64;
    }
    Some(m)
}

/// `a` then `b`, both as [m11 m12 m21 m22 dx dy] acting on row vectors.
fn multiply(a: &[f64; 6], b: &[f64; 6]) -> [f64; 6] {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

// ---------------------------------------------------------------------------------------
// WMF: drawn in its logical units; the placeable header gives the picture's area and size.

fn wmf(data: &[u8]) -> Result<String, Problem> {
    let bad = || "is a damaged WMF picture".to_string();
    let (placeable, start) = if u32_at(data, 0) == Some(WMF_PLACEABLE) {
        let b = (i16_at(data, 6).ok_or_else(bad)? as f64, i16_at(data, 8).ok_or_else(bad)? as f64, i16_at(data, 10).ok_or_else(bad)? as f64, i16_at(data, 12).ok_or_else(bad)? as f64);
        let inch = u16_at(data, 14).ok_or_else(bad)?.max(1) as f64;
        (Some((b, inch)), 22)
    } else {
        (None, 0)
    };
    let header_words = u16_at(data, start + 2).ok_or_else(bad)? as usize;
    let mut c = Canvas::new();
    let mut window: Option<((f64, f64), (f64, f64))> = None;
    let mut at = start + header_words * 2;
    for _ in 0..MAX_RECORDS {
        let (Some(words), Some(func)) = (u32_at(data, at), u16_at(data, at + 4)) else { break };
        let size = (words as usize).saturating_mul(2);
        if size < 6 || at + size > data.len() || func == 0 {
            break;
        }
        let r = &data[at..at + size];
        // A malformed record draws nothing; the next one is read.
        let _ = wmf_record(&mut c, func, r);
        if matches!(func, 0x020B | 0x020C) {
            window = Some((c.dc.win_org, c.dc.win_ext));
        }
        at += size;
    }
    // The picture's area in logical units, then where the drawing put it: the records are
    // drawn relative to the window's origin.
    let ((l, t, r, b), size) = match (placeable, window) {
        (Some(((l, t, r, b), inch)), _) => ((l, t, r, b), ((r - l).abs().max(1.0) / inch * 25.4, (b - t).abs().max(1.0) / inch * 25.4)),
        (None, Some(((ox, oy), (ex, ey)))) => ((ox, oy, ox + ex, oy + ey), (ex.abs().max(1.0) * 25.4 / 96.0, ey.abs().max(1.0) * 25.4 / 96.0)),
        (None, None) => return Err("is a WMF picture without its size".into()),
    };
    let ((x0, y0), (x1, y1)) = (c.dc.map(l, t), c.dc.map(r, b));
    let view = (x0.min(x1), y0.min(y1), (x1 - x0).abs().max(1.0), (y1 - y0).abs().max(1.0));
    c.finish(view, size)
}

fn wmf_record(c: &mut Canvas, func: u16, r: &[u8]) -> Option<()> {
    let a = |i: usize| -> Option<f64> { Some(i16_at(r, 6 + 2 * i)? as f64) };
    // WMF stores a point as (y, x); the window's origin and extent too.
    match func {
        0x020B => c.dc.win_org = (a(1)?, a(0)?),
        0x020C => c.dc.win_ext = (a(1)?, a(0)?),
        0x0214 => c.move_to(a(1)?, a(0)?),
        0x0213 => {
            let pt = (a(1)?, a(0)?);
            c.line_to(&[pt], false);
        }
        0x0324 | 0x0325 => {
            let n = u16_at(r, 6)? as usize;
            let pts = points(r, 8, n, false)?;
            c.poly(&pts, func == 0x0324);
        }
        0x0538 => {
            let polys = u16_at(r, 6)? as usize;
            let counts: Vec<usize> = (0..polys).map(|i| u16_at(r, 8 + 2 * i).map(|n| n as usize)).collect::<Option<_>>()?;
            let total: usize = counts.iter().sum();
            let pts = points(r, 8 + 2 * polys, total, false)?;
            let mut d = String::new();
            let mut start = 0;
            for n in counts {
                d.push_str(&c.poly_d(pts.get(start..start + n)?, true));
                start += n;
            }
            c.shape(&d, true, true);
        }
        0x041B | 0x061C => {
            let o = if func == 0x061C { 2 } else { 0 };
            let (b, rr, t, l) = (a(o)?, a(o + 1)?, a(o + 2)?, a(o + 3)?);
            c.rect(l, t, rr, b);
        }
        0x0418 => {
            let (b, rr, t, l) = (a(0)?, a(1)?, a(2)?, a(3)?);
            c.ellipse(l, t, rr, b);
        }
        // ARC, PIE, CHORD: the end and start points, then the box, each (y, x) backwards.
        0x0817 | 0x081A | 0x0830 => {
            let (end, start) = ((a(1)?, a(0)?), (a(3)?, a(2)?));
            let (b, rr, t, l) = (a(4)?, a(5)?, a(6)?, a(7)?);
            let close = match func {
                0x0830 => 1,
                0x081A => 2,
                _ => 0,
            };
            c.arc((l, t, rr, b), start, end, close, None);
        }
        0x0416 => {
            let (b, rr, t, l) = (a(0)?, a(1)?, a(2)?, a(3)?);
            let d = c.poly_d(&[(l, t), (rr, t), (rr, b), (l, b)], true);
            c.clip(Some(&d), true);
        }
        0x02FA => {
            let style = u16_at(r, 6)?;
            let obj = Obj::Pen { style: (style & 0xF) as u8, width: a(1)?, color: u32_at(r, 12)? };
            wmf_object(c, obj);
        }
        0x02FC => {
            let style = u16_at(r, 6)?;
            let obj = Obj::Brush { none: style == 1, color: u32_at(r, 8)? };
            wmf_object(c, obj);
        }
        0x02FB => {
            let face: String = r.get(24..r.len().min(56))?.iter().take_while(|b| **b != 0).map(|&b| b as char).collect();
            let font = Font { height: a(0)?, escapement: a(2)?, bold: a(4)? >= 600.0, italic: r.get(16).is_some_and(|b| *b != 0), face };
            c.fonts.push(font);
            let index = c.fonts.len() - 1;
            wmf_object(c, Obj::Font(index));
        }
        // Objects are not created in a slot of their own: the lowest free one is taken.
        0x012D => {
            if let Some(Some(obj)) = c.objects.get(u16_at(r, 6)? as usize).copied() {
                c.select(obj);
            }
        }
        0x01F0 => {
            let i = u16_at(r, 6)? as usize;
            if let Some(slot) = c.objects.get_mut(i) {
                *slot = None;
            }
        }
        0x0209 => c.dc.text_color = u32_at(r, 6)?,
        0x0106 => c.dc.winding = u16_at(r, 6)? == 2,
        0x012E => c.dc.align = u16_at(r, 6)? as u32,
        0x001E => c.saved.push(c.dc.clone()),
        0x0127 => {
            if let Some(dc) = c.saved.pop() {
                c.dc = dc;
            }
        }
        0x0521 => {
            let n = u16_at(r, 6)? as usize;
            let text: String = r.get(8..8 + n)?.iter().map(|&b| windows_1252(b)).collect();
            let o = 8 + n.div_ceil(2) * 2;
            let (y, x) = (i16_at(r, o)? as f64, i16_at(r, o + 2)? as f64);
            c.text(x, y, &text);
        }
        0x0A32 => {
            let (y, x) = (a(0)?, a(1)?);
            let n = u16_at(r, 10)? as usize;
            let options = u16_at(r, 12)?;
            let o = if options & 6 != 0 { 22 } else { 14 };
            let text: String = r.get(o..o + n)?.iter().map(|&b| windows_1252(b)).collect();
            c.text(x, y, &text);
        }
        // STRETCHDIB, DIBSTRETCHBLT, DIBBITBLT: a bitmap in a rectangle.
        0x0F43 | 0x0B41 | 0x0940 => {
            // The destination's (height, width, y, x) as argument indices, and where the DIB starts.
            let ([h, w, y, x], words) = match func {
                0x0F43 => ([7, 8, 9, 10], 11),
                0x0B41 => ([6, 7, 8, 9], 10),
                _ => ([4, 5, 6, 7], 8),
            };
            let (h, w, y, x) = (a(h)?, a(w)?, a(y)?, a(x)?);
            let dib = r.get(6 + 2 * words..)?;
            let header = u32_at(dib, 0)? as usize;
            let bits = u16_at(dib, 14)?;
            let used = u32_at(dib, 32).unwrap_or(0) as usize;
            let colors = if bits <= 8 { if used > 0 { used } else { 1 << bits } } else { 0 };
            let bmi_len = (header + colors * 4).min(dib.len());
            c.dib(&dib[..bmi_len], &dib[bmi_len..], x, y, w, h);
        }
        _ => {}
    }
    Some(())
}

fn wmf_object(c: &mut Canvas, obj: Obj) {
    let free = c.objects.iter().position(Option::is_none).unwrap_or(c.objects.len());
    c.add_object(free, obj);
}

/// A byte of the ANSI code page Word's Western metafiles use.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›',
        'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        b => b as char,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An EMF record of `kind` with `params` (32-bit words).
    fn record(kind: u32, params: &[u32]) -> Vec<u8> {
        let mut r = Vec::new();
        r.extend_from_slice(&kind.to_le_bytes());
        r.extend_from_slice(&((8 + 4 * params.len()) as u32).to_le_bytes());
        for p in params {
            r.extend_from_slice(&p.to_le_bytes());
        }
        r
    }

    /// A small EMF: a 40 × 30 mm frame on a 96 dpi device, a red filled rectangle with a
    /// black pen, a blue polygon, the text "Q1" at (10, 20).
    pub(crate) fn sample_emf() -> Vec<u8> {
        let mut header = vec![0u32; 22];
        header[0..4].copy_from_slice(&[0, 0, 151, 113]);
        header[4..8].copy_from_slice(&[0, 0, 4000, 3000]);
        header[8] = EMF_SIGNATURE;
        header[16] = 1920;
        header[17] = 1080;
        header[18] = 508;
        header[19] = 286;
        let mut out = record(1, &header);
        out.extend(record(39, &[1, 0, 0x0000FF, 0]));
        out.extend(record(37, &[1]));
        out.extend(record(37, &[0x8000_0007]));
        out.extend(record(43, &[10, 10, 60, 50]));
        out.extend(record(39, &[2, 0, 0xFF0000, 0]));
        out.extend(record(37, &[2]));
        // POLYGON16: bounds, 3 points.
        let mut poly = record(86, &[0, 0, 0, 0, 3]);
        for (x, y) in [(70i16, 10i16), (120, 10), (95, 60)] {
            poly.extend_from_slice(&x.to_le_bytes());
            poly.extend_from_slice(&y.to_le_bytes());
        }
        let len = poly.len() as u32;
        poly[4..8].copy_from_slice(&len.to_le_bytes());
        out.extend(poly);
        // EXTTEXTOUTW: bounds, mode, scales, then EMRTEXT at 36 with the string at 76.
        let mut text = record(84, &[0, 0, 0, 0, 1, 0, 0, 10, 20, 2, 76, 0, 0, 0, 0, 0, 0]);
        text.extend_from_slice(&[b'Q', 0, b'1', 0]);
        let len = text.len() as u32;
        text[4..8].copy_from_slice(&len.to_le_bytes());
        out.extend(text);
        out.extend(record(14, &[0, 0, 0]));
        let len = out.len() as u32;
        out[48..52].copy_from_slice(&len.to_le_bytes());
        out
    }

    #[test]
    fn emf_shapes_and_text_become_svg() {
        let svg = to_svg(&sample_emf()).expect("an SVG");
        assert!(svg.contains("width=\"40.00mm\" height=\"30.00mm\""), "{svg}");
        assert!(svg.contains("fill=\"#ff0000\""), "the red brush: {svg}");
        assert!(svg.contains("fill=\"#0000ff\""), "the blue brush: {svg}");
        assert!(svg.contains("stroke=\"#000000\""), "the black stock pen: {svg}");
        assert!(svg.contains(">Q1</text>"), "{svg}");
        let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
        assert!((tree.size().width() - 151.18).abs() < 0.5, "{:?}", tree.size());
    }

    /// An EMF of a 60 × 40 mm frame with `records` between its header and its end.
    pub(crate) fn emf_with(records: &[Vec<u8>]) -> Vec<u8> {
        let mut header = vec![0u32; 22];
        header[0..4].copy_from_slice(&[0, 0, 226, 151]);
        header[4..8].copy_from_slice(&[0, 0, 6000, 4000]);
        header[8] = EMF_SIGNATURE;
        header[16..20].copy_from_slice(&[1920, 1080, 508, 286]);
        let mut out = record(1, &header);
        records.iter().for_each(|r| out.extend_from_slice(r));
        out.extend(record(14, &[0, 0, 0]));
        let len = out.len() as u32;
        out[48..52].copy_from_slice(&len.to_le_bytes());
        out
    }

    /// A pie chart's slices and a dashed gridline as Excel's EMF draws them: PIE, CHORD,
    /// ARC and ARCTO, a dashed pen, a clipping rectangle.
    pub(crate) fn pie_emf() -> Vec<u8> {
        emf_with(&[
            // Brushes and a 2-pixel white solid pen for the slices.
            record(39, &[1, 0, 0xC0_7020, 0]),
            record(39, &[2, 0, 0x20_60E0, 0]),
            record(38, &[3, 0, 2, 0, 0xFF_FFFF]),
            record(37, &[3]),
            record(37, &[1]),
            // PIE: box (20,20)-(120,120), from 3 o'clock to 12 o'clock.
            record(47, &[20, 20, 120, 120, 120, 70, 70, 20]),
            record(37, &[2]),
            // The rest of the circle, counterclockwise from 12 to 3 o'clock.
            record(47, &[20, 20, 120, 120, 70, 20, 120, 70]),
            // A chord and an open arc beside it, and an ARCTO continuing a line.
            record(46, &[140, 20, 200, 80, 200, 50, 140, 50]),
            record(45, &[140, 90, 200, 150, 200, 120, 140, 120]),
            record(27, &[150, 10]),
            record(55, &[160, 0, 200, 40, 200, 20, 160, 20]),
            // A dashed (PS_DASH) black gridline, clipped to the left half.
            record(38, &[4, 1, 1, 0, 0]),
            record(37, &[4]),
            record(30, &[0, 0, 110, 151]),
            record(27, &[0, 140]),
            record(54, &[226, 140]),
        ])
    }

    #[test]
    fn arcs_pies_chords_dashes_and_clipping() {
        let svg = to_svg(&pie_emf()).expect("an SVG");
        // The first slice: from 3 o'clock counterclockwise (decreasing angles) to 12.
        assert!(svg.contains("M120.00 70.00 A50.00 50.00 0 0 0 70.00 20.00 L70.00 70.00 Z"), "{svg}");
        assert!(svg.contains("A50.00 50.00 0 1 0 120.00 70.00 L70.00 70.00 Z"), "the larger slice: {svg}");
        assert!(svg.contains("fill=\"#2070c0\"") && svg.contains("fill=\"#e06020\""), "{svg}");
        assert!(svg.contains("M200.00 50.00 A30.00 30.00 0 0 0 140.00 50.00 Z"), "the chord over its upper half: {svg}");
        assert!(svg.contains("M150.00 10.00 L200.00 20.00 A"), "ARCTO draws its line first: {svg}");
        assert!(svg.contains("stroke-dasharray=\"18.00 6.00\""), "a thin dashed pen: {svg}");
        assert!(svg.contains("<clipPath id=\"c0\"><path d=\"M0.00 0.00 L110.00 0.00 L110.00 151.00 L0.00 151.00 Z\"/></clipPath>"), "{svg}");
        assert!(svg.contains("M0.00 140.00 L226.00 140.00 \" fill=\"none\"") && svg.contains("clip-path=\"url(#c0)\"/>"), "the gridline clipped: {svg}");
        assert_eq!(svg.matches("clip-path=\"url(#c0)\"").count(), 1, "only what follows the clip: {svg}");
        let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
        let size = tree.size().to_int_size();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
        resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
        // The upper right quarter of the pie is the first slice's colour, the rest the second's.
        let at = |x: u32, y: u32| pixmap.pixel(x * size.width() / 226, y * size.height() / 151).map(|p| (p.red(), p.green(), p.blue()));
        assert_eq!(at(90, 50), Some((0x20, 0x70, 0xC0)));
        assert_eq!(at(50, 90), Some((0xE0, 0x60, 0x20)));
        if let Ok(out) = std::env::var("FOLIO_METAFILE_PNG") {
            pixmap.save_png(out).unwrap();
        }
    }

    #[test]
    fn wmf_with_a_placeable_header() {
        let mut w = Vec::new();
        w.extend_from_slice(&WMF_PLACEABLE.to_le_bytes());
        for v in [0u16, 0, 0, 1440, 720, 1440, 0, 0, 0] {
            w.extend_from_slice(&v.to_le_bytes());
        }
        for v in [1u16, 9, 0x300, 0, 0, 0, 0, 0, 0] {
            w.extend_from_slice(&v.to_le_bytes());
        }
        let rec = |func: u16, args: &[i16]| {
            let mut r = Vec::new();
            r.extend_from_slice(&((3 + args.len()) as u32).to_le_bytes());
            r.extend_from_slice(&func.to_le_bytes());
            for a in args {
                r.extend_from_slice(&a.to_le_bytes());
            }
            r
        };
        w.extend(rec(0x02FC, &[0, 0x00FF, 0, 0]));
        w.extend(rec(0x012D, &[0]));
        w.extend(rec(0x041B, &[700, 1400, 20, 40]));
        w.extend(rec(0x0521, &[2, i16::from_le_bytes([b'H', b'i']), 100, 200]));
        w.extend(rec(0, &[]));
        let svg = to_svg(&w).expect("an SVG");
        assert!(svg.contains("width=\"25.40mm\" height=\"12.70mm\""), "{svg}");
        assert!(svg.contains("fill=\"#ff0000\""), "{svg}");
        assert!(svg.contains(">Hi</text>"), "{svg}");

        // A picture whose logical area does not start at 0 (clip art does): the window's
        // origin is its corner, and the view follows it (the drawing once fell outside).
        let mut w = Vec::new();
        w.extend_from_slice(&WMF_PLACEABLE.to_le_bytes());
        for v in [0i16, -1000, -500, 440, 220, 1440, 0, 0, 0] {
            w.extend_from_slice(&v.to_le_bytes());
        }
        for v in [1u16, 9, 0x300, 0, 0, 0, 0, 0, 0] {
            w.extend_from_slice(&v.to_le_bytes());
        }
        w.extend(rec(0x020B, &[-500, -1000]));
        w.extend(rec(0x020C, &[720, 1440]));
        w.extend(rec(0x02FC, &[0, 0x00FF, 0, 0]));
        w.extend(rec(0x012D, &[0]));
        w.extend(rec(0x041B, &[-400, -900, -480, -980]));
        w.extend(rec(0, &[]));
        let svg = to_svg(&w).expect("an SVG");
        assert!(svg.contains("viewBox=\"0.00 0.00 1440.00 720.00\""), "{svg}");
        assert!(svg.contains("M20.00 20.00 L100.00 20.00 L100.00 100.00 L20.00 100.00 Z"), "{svg}");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(to_svg(b"not a metafile").is_err());
        let mut emf = sample_emf();
        emf.truncate(120);
        assert!(to_svg(&emf).is_err());
        for cut in (0..sample_emf().len()).step_by(7) {
            let _ = to_svg(&sample_emf()[..cut]);
        }
    }
}
