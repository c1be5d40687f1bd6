//! QR codes drawn inline in a page (SVG), described for screen readers.

/// The QR code of `text` as an inline `<svg>` labelled `label`; `None` for text too long to
/// encode.
#[must_use]
pub fn svg(text: &str, label: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(192, 192)
        .build();
    // Inline in the page: without the XML declaration.
    let svg = svg.split_once("?>").map_or(svg.as_str(), |(_, rest)| rest);
    let label = label
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    Some(svg.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{label}\" "),
        1,
    ))
}
