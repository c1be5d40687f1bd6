//! Printed documents: tax invoices, bills of supply, export invoices, credit and debit notes,
//! self-invoices and payment receipts, as PDF on A4 or an 80 mm thermal roll.
//!
//! typst lays them out in-process (no browser, no files, no network): a template in
//! `templates/` reads the document as JSON (`sheet.rs` puts every figure in its printed form),
//! set in the embedded Noto fonts. A warning from typst (a missing font, an unknown argument)
//! comes back with the PDF, so tests can insist there are none.

mod fonts;
pub mod logo;
pub mod model;
mod sheet;
mod world;

use std::sync::LazyLock;

use typst::diag::{Severity, SourceDiagnostic};
use typst::ecow::EcoVec;
use typst::foundations::Bytes;
use typst::syntax::Source;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

pub use logo::{Logo, LogoError, LogoFormat};
pub use model::{
    Bank, Copy, Document, Export, Kind, Line, Paper, Party, Receipt, Reference, Settled, Totals,
    Upi,
};

use world::{Sheet, file_id};

/// The templates, parsed once: the same sources every time also let typst reuse its work.
struct Templates {
    common: Source,
    a4: Source,
    thermal: Source,
    receipt: Source,
}

static TEMPLATES: LazyLock<Option<Templates>> = LazyLock::new(|| {
    let source = |path: &str, text: &str| Some(Source::new(file_id(path)?, text.to_owned()));
    Some(Templates {
        common: source("/common.typ", include_str!("../templates/common.typ"))?,
        a4: source("/invoice.typ", include_str!("../templates/invoice.typ"))?,
        thermal: source("/thermal.typ", include_str!("../templates/thermal.typ"))?,
        receipt: source("/receipt.typ", include_str!("../templates/receipt.typ"))?,
    })
});

/// A rendered PDF and what typst warned about while laying it out.
#[derive(Debug)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub warnings: Vec<String>,
    pub pages: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the document could not be laid out: {0}")]
    Layout(String),
    #[error("the PDF could not be written: {0}")]
    Export(String),
}

/// Lays out `doc` on `paper`.
pub fn document(doc: &Document, paper: Paper) -> Result<Rendered, RenderError> {
    let qr = doc.upi.as_ref().and_then(|u| qr_svg(&u.link));
    let data = sheet::document(doc, qr.as_deref());
    render(
        |t| match paper {
            Paper::A4 => &t.a4,
            Paper::Thermal => &t.thermal,
        },
        &data,
        doc.logo.as_ref(),
    )
}

/// Lays out a payment's receipt (or voucher) on A4.
pub fn receipt(r: &Receipt) -> Result<Rendered, RenderError> {
    render(|t| &t.receipt, &sheet::receipt(r), r.logo.as_ref())
}

/// The QR code of a `upi://pay` link, as SVG.
fn qr_svg(link: &str) -> Option<String> {
    let code = qrcode::QrCode::new(link.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .quiet_zone(true)
            .build(),
    )
}

fn render(
    template: impl Fn(&Templates) -> &Source,
    data: &serde_json::Value,
    logo: Option<&Logo>,
) -> Result<Rendered, RenderError> {
    let unknown = || RenderError::Layout("a template path is invalid".into());
    let templates = TEMPLATES.as_ref().ok_or_else(unknown)?;
    let json = serde_json::to_vec(data).map_err(|e| RenderError::Layout(e.to_string()))?;
    let mut files = vec![(file_id("/doc.json").ok_or_else(unknown)?, Bytes::new(json))];
    if let Some(logo) = logo {
        let path = format!("/logo.{}", logo.format.extension());
        files.push((
            file_id(&path).ok_or_else(unknown)?,
            Bytes::new(logo.bytes.clone()),
        ));
    }
    let sheet = Sheet::new(
        template(templates).clone(),
        std::slice::from_ref(&templates.common),
        files,
    );
    let warned = typst::compile::<PagedDocument>(&sheet);
    // The memo cache grows with every render otherwise; what the last few renders share (the
    // template, the fonts' shaping) stays.
    typst::comemo::evict(8);
    let warnings = messages(&warned.warnings);
    let document = warned
        .output
        .map_err(|errors| RenderError::Layout(messages(&errors).join("; ")))?;
    let options = PdfOptions {
        // A tagged PDF is about four times the size; invoices are printed and filed.
        tagged: false,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options)
        .map_err(|errors| RenderError::Export(messages(&errors).join("; ")))?;
    Ok(Rendered {
        pdf,
        warnings,
        pages: document.pages().len(),
    })
}

fn messages(diagnostics: &EcoVec<SourceDiagnostic>) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!("{level}: {}", d.message)
        })
        .collect()
}
