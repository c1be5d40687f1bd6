//! How long a PDF takes: `cargo bench -p bahi-pdf`. Issue 12 aims for a 50-line A4 invoice
//! under 50 ms in a release build on a 2-core machine.

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/common/mod.rs"]
mod common;

fn render(c: &mut Criterion) {
    for lines in [1, 50] {
        let doc = common::invoice(lines);
        c.bench_function(&format!("a4 invoice, {lines} lines"), |b| {
            b.iter(|| bahi_pdf::document(&doc, bahi_pdf::Paper::A4).map(|r| r.pdf.len()))
        });
    }
    let doc = common::invoice(5);
    c.bench_function("thermal receipt, 5 lines", |b| {
        b.iter(|| bahi_pdf::document(&doc, bahi_pdf::Paper::Thermal).map(|r| r.pdf.len()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = render
}
criterion_main!(benches);
