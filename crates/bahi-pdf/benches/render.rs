//! How long a PDF takes: `cargo bench -p bahi-pdf`. Issue 12 aims for a 50-line A4 invoice
//! under 50 ms in a release build on a 2-core machine.
//!
//! typst memoises its work: rendering the very same document again is mostly cache hits. Each
//! iteration here prints another number, as a server does, so the layout is done afresh; what
//! stays cached is what is the same for every document (the template, the fonts).

use std::cell::Cell;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/common/mod.rs"]
mod common;

fn render(c: &mut Criterion) {
    let serial = Cell::new(0_u64);
    let next = |doc: &mut bahi_pdf::Document| {
        serial.set(serial.get() + 1);
        doc.number = Some(format!("INV/26-27/{:06}", serial.get()));
    };
    for lines in [1, 50] {
        let mut doc = common::invoice(lines);
        c.bench_function(&format!("a4 invoice, {lines} lines"), |b| {
            b.iter(|| {
                next(&mut doc);
                bahi_pdf::document(&doc, bahi_pdf::Paper::A4).map(|r| r.pdf.len())
            })
        });
    }
    // The worst case: no line's text was set before.
    let mut doc = common::invoice(50);
    c.bench_function("a4 invoice, 50 lines never seen before", |b| {
        b.iter(|| {
            next(&mut doc);
            let n = serial.get();
            for (i, line) in doc.lines.iter_mut().enumerate() {
                line.description = format!("Steel almirah, batch {n}-{i}");
            }
            bahi_pdf::document(&doc, bahi_pdf::Paper::A4).map(|r| r.pdf.len())
        })
    });
    let mut doc = common::invoice(5);
    c.bench_function("thermal receipt, 5 lines", |b| {
        b.iter(|| {
            next(&mut doc);
            bahi_pdf::document(&doc, bahi_pdf::Paper::Thermal).map(|r| r.pdf.len())
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = render
}
criterion_main!(benches);
