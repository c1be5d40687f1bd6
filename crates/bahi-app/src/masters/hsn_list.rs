//! The offline HSN/SAC list shipped with bahi (`data/hsn_sac.tsv`): common codes with the rate
//! they usually carry, searched by the words of an item's name (and Hindi words people use:
//! atta, dal, haldi), best matches first. It needs no network and no model.

use std::sync::OnceLock;

use bahi_gst::{HsnSac, Rate, SupplyKind};

/// One entry of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub code: HsnSac,
    pub rate: Rate,
    pub description: String,
    words: Vec<String>,
}

const LIST: &str = include_str!("../../data/hsn_sac.tsv");

/// Words too common to tell entries apart.
const STOP: &[&str] = &[
    "and", "for", "the", "with", "other", "than", "not", "from", "into", "its", "up", "to", "of",
    "or", "in", "on", "by", "rs", "per", "all",
];

/// The words of a text as the search compares them: lower case, letters and digits, without
/// plurals' final `s` (laptops → laptop; "gas" and "glass" keep theirs).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() > 1 && !STOP.contains(&w.as_str()))
        .map(|w| {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_owned()
            } else {
                w
            }
        })
        .collect()
}

/// The list, read once. Lines that do not read are a bug the tests catch; they are skipped.
pub fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        LIST.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|line| {
                let mut parts = line.split('\t');
                let code = HsnSac::parse(parts.next()?).ok()?;
                let rate = Rate::parse(parts.next()?).ok()?;
                let description = parts.next()?.to_owned();
                let more = parts.next().unwrap_or_default();
                let mut all = words(&description);
                all.extend(words(more));
                Some(Entry {
                    code,
                    rate,
                    description,
                    words: all,
                })
            })
            .collect()
    })
}

fn kind_of(code: &HsnSac) -> SupplyKind {
    if code.is_service() {
        SupplyKind::Services
    } else {
        SupplyKind::Goods
    }
}

/// How well an entry matches the query's words: a whole word counts most, a word's beginning
/// (three letters or more) less; digits match the start of the code.
fn score(entry: &Entry, query: &[String]) -> u32 {
    query
        .iter()
        .map(|q| {
            // Four digits or more are a code typed in; fewer are a size or a quantity.
            if q.chars().all(|c| c.is_ascii_digit()) {
                return if q.len() >= 4 && entry.code.as_str().starts_with(q.as_str()) {
                    5
                } else {
                    0
                };
            }
            if entry.words.iter().any(|w| w == q) {
                3
            } else if q.len() >= 3 && entry.words.iter().any(|w| w.starts_with(q.as_str())) {
                2
            } else if entry
                .words
                .iter()
                .any(|w| w.len() >= 4 && q.starts_with(w.as_str()))
            {
                1
            } else {
                0
            }
        })
        .sum()
}

/// The best matches for `query` (at most `limit`), of one kind when it is given.
#[must_use]
pub fn search(query: &str, kind: Option<SupplyKind>, limit: usize) -> Vec<&'static Entry> {
    let query = words(query);
    if query.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u32, &Entry)> = entries()
        .iter()
        .filter(|e| kind.is_none_or(|k| kind_of(&e.code) == k))
        .map(|e| (score(e, &query), e))
        .filter(|(s, _)| *s > 0)
        .collect();
    // Best score first; among equals, the more general code (four digits) first.
    found.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.code.as_str().len().cmp(&b.1.code.as_str().len()))
            .then(a.1.code.cmp(&b.1.code))
    });
    found.into_iter().take(limit).map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_list_reads_with_a_rate_in_force() {
        let lines = LIST
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(
            entries().len(),
            lines,
            "a line of data/hsn_sac.tsv does not read"
        );
        assert!(lines >= 140);
        let today = time::macros::date!(2026 - 12 - 01);
        for e in entries() {
            assert!(
                matches!(bahi_gst::rates::check_gst_rate(today, e.rate), Ok(None)),
                "{}: {}% is not a rate in force without a warning",
                e.code,
                e.rate
            );
        }
        let mut codes: Vec<&str> = entries().iter().map(|e| e.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), entries().len(), "a code is listed twice");
    }

    #[test]
    fn searches_find_what_a_shop_owner_types() {
        let first = |q: &str, kind| {
            search(q, kind, 5)
                .first()
                .map(|e| e.code.as_str().to_owned())
        };
        assert_eq!(first("Dell laptop 14 inch", None).as_deref(), Some("8471"));
        assert_eq!(
            first("Aashirvaad atta 10 kg", None).as_deref(),
            Some("1101")
        );
        assert_eq!(first("toor dal", None).as_deref(), Some("0713"));
        assert_eq!(
            first("Website development", Some(SupplyKind::Services)).as_deref(),
            Some("998314")
        );
        assert_eq!(
            first("monthly bookkeeping", None).as_deref(),
            Some("998221")
        );
        assert_eq!(
            first("Truck freight Bengaluru to Chennai", None).as_deref(),
            Some("9965")
        );
        assert_eq!(first("8471", None).as_deref(), Some("8471"));
        // Kind filters: no goods for a service search.
        assert!(search("cable", Some(SupplyKind::Services), 5).is_empty());
        assert!(search("  ", None, 5).is_empty());
        assert!(search("zzzz qqqq", None, 5).is_empty());
    }
}
