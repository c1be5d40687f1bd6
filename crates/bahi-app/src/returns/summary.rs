//! GSTR-1 read the way a person checks it: each section's count and sums, the outward total
//! the portal compares with GSTR-3B, and a section's entries one by one.

use bahi_gst::Paise;
use bahi_gst::returns::gstr1::{Gstr1, Item};

pub use bahi_gst::returns::gstr1::Section;

/// Counts and sums; credit notes count negative in [`outward`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sums {
    pub count: u64,
    pub taxable: Paise,
    pub igst: Paise,
    pub cgst: Paise,
    pub sgst: Paise,
    pub cess: Paise,
}

impl Sums {
    #[must_use]
    pub fn tax(&self) -> Paise {
        Paise::new(self.igst.get() + self.cgst.get() + self.sgst.get() + self.cess.get())
    }

    fn add(&mut self, sign: i64, taxable: Paise, heads: [Option<Paise>; 4]) {
        let step = |total: &mut Paise, p: Option<Paise>| {
            *total = Paise::new(total.get() + sign * p.map_or(0, Paise::get));
        };
        step(&mut self.taxable, Some(taxable));
        let [i, c, s, cess] = heads;
        step(&mut self.igst, i);
        step(&mut self.cgst, c);
        step(&mut self.sgst, s);
        step(&mut self.cess, cess);
    }

    fn add_items(&mut self, sign: i64, items: &[Item]) {
        for it in items {
            let d = &it.itm_det;
            self.add(
                sign,
                d.txval.0,
                [
                    d.iamt.map(|a| a.0),
                    d.camt.map(|a| a.0),
                    d.samt.map(|a| a.0),
                    Some(d.csamt.0),
                ],
            );
        }
    }

    fn plus(mut self, sign: i64, other: &Sums) -> Sums {
        self.count += other.count;
        self.add(
            sign,
            other.taxable,
            [
                Some(other.igst),
                Some(other.cgst),
                Some(other.sgst),
                Some(other.cess),
            ],
        );
        self
    }
}

fn note_sign(ntty: &str) -> i64 {
    if ntty == "C" { -1 } else { 1 }
}

/// One entry of a section: a document, or for B2CS a row of supplies by place and rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The document number; empty for B2CS rows.
    pub number: String,
    /// As GSTN writes it (`05-10-2026`); empty for B2CS rows.
    pub date: String,
    /// The recipient's GSTIN, the place of supply, or the export's port.
    pub party: String,
    /// `C` or `D` for notes.
    pub note: Option<&'static str>,
    /// Invoice value (as billed); zero for B2CS rows.
    pub value: Paise,
    pub sums: Sums,
}

fn document(number: &str, date: &str, party: &str, value: Paise, sums: Sums) -> Entry {
    Entry {
        number: number.to_owned(),
        date: date.to_owned(),
        party: party.to_owned(),
        note: None,
        value,
        sums,
    }
}

/// A section's entries, in the return's order.
#[must_use]
pub fn entries(g: &Gstr1, section: Section) -> Vec<Entry> {
    let items = |items: &[Item]| {
        let mut s = Sums {
            count: 1,
            ..Sums::default()
        };
        s.add_items(1, items);
        s
    };
    match section {
        Section::B2b => g
            .b2b
            .iter()
            .flat_map(|p| {
                p.inv
                    .iter()
                    .map(|i| document(&i.inum, &i.idt, &p.ctin, i.val.0, items(&i.itms)))
            })
            .collect(),
        Section::B2cl => g
            .b2cl
            .iter()
            .flat_map(|p| {
                p.inv
                    .iter()
                    .map(|i| document(&i.inum, &i.idt, &p.pos, i.val.0, items(&i.itms)))
            })
            .collect(),
        Section::B2cs => g
            .b2cs
            .iter()
            .map(|r| {
                // Counted by row: B2CS sums supplies by place and rate, not by document.
                let mut s = Sums {
                    count: 1,
                    ..Sums::default()
                };
                s.add(
                    1,
                    r.txval.0,
                    [
                        r.iamt.map(|a| a.0),
                        r.camt.map(|a| a.0),
                        r.samt.map(|a| a.0),
                        Some(r.csamt.0),
                    ],
                );
                let place = format!("{} · {}%", r.pos, r.rt.0);
                document("", "", &place, Paise::ZERO, s)
            })
            .collect(),
        Section::Exp => g
            .exp
            .iter()
            .flat_map(|grp| {
                grp.inv.iter().map(|i| {
                    let mut s = Sums {
                        count: 1,
                        ..Sums::default()
                    };
                    for it in &i.itms {
                        s.add(
                            1,
                            it.txval.0,
                            [Some(it.iamt.0), None, None, Some(it.csamt.0)],
                        );
                    }
                    let port = i.sbpcode.clone().unwrap_or_default();
                    document(&i.inum, &i.idt, &port, i.val.0, s)
                })
            })
            .collect(),
        Section::Cdnr => g
            .cdnr
            .iter()
            .flat_map(|p| {
                p.nt.iter().map(|n| Entry {
                    note: Some(n.ntty),
                    ..document(&n.nt_num, &n.nt_dt, &p.ctin, n.val.0, items(&n.itms))
                })
            })
            .collect(),
        Section::Cdnur => g
            .cdnur
            .iter()
            .map(|n| Entry {
                note: Some(n.ntty),
                ..document(
                    &n.nt_num,
                    &n.nt_dt,
                    n.pos.as_deref().unwrap_or(n.typ),
                    n.val.0,
                    items(&n.itms),
                )
            })
            .collect(),
    }
}

/// Each section's count and sums (notes as issued, not netted).
#[must_use]
pub fn sections(g: &Gstr1) -> Vec<(Section, Sums)> {
    Section::ALL
        .into_iter()
        .map(|section| {
            let total = entries(g, section)
                .iter()
                .fold(Sums::default(), |acc, e| acc.plus(1, &e.sums));
            (section, total)
        })
        .collect()
}

/// The outward supplies GSTR-1 reports, credit notes subtracted: what GSTR-3B 3.1(a) and (b)
/// must show.
#[must_use]
pub fn outward(g: &Gstr1) -> Sums {
    let mut total = Sums::default();
    for section in Section::ALL {
        for e in entries(g, section) {
            let sign = e.note.map_or(1, note_sign);
            total = total.plus(sign, &e.sums);
        }
    }
    total
}
