//! A period as the returns page shows it before filing: both returns, the checks a reviewer
//! would make (each naming the documents to look at), and which returns are marked filed.

use bahi_gst::Period;
use bahi_gst::returns::gstr1::Gstr1;
use bahi_gst::returns::gstr3b::Gstr3b;
use bahi_store::periods::FiledPeriod;
use bahi_store::returns::checks::{self, Flagged};

use super::{filing, periods};
use crate::{AtLeast, Error, Message, OrgCtx, Services, Viewer};

/// Something to look at before filing, and the documents it is about.
#[derive(Debug, Clone)]
pub struct Check {
    pub message: Message,
    pub documents: Vec<Flagged>,
}

pub struct Review {
    pub gstr1: Gstr1,
    pub gstr3b: Gstr3b,
    pub checks: Vec<Check>,
    pub filed: Vec<FiledPeriod>,
}

/// Both returns of `period`, the checks and the filing state.
pub async fn review<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    period: Period,
) -> Result<Review, Error> {
    let filing::Both {
        gstr1,
        gstr3b,
        outward,
    } = filing::both(s, org, period).await?;
    let (from, to) = (period.first_day(), period.last_day());
    let id = org.org_id();
    let above_5_crore = org.org().turnover_above_5_crore;
    let hsn_digits = if above_5_crore { 6 } else { 4 };
    let mut found = Vec::new();
    let named = [
        (
            "check-b2b-without-gstin",
            checks::b2b_without_gstin(&s.db, id, from, to).await?,
        ),
        (
            "check-future-dated",
            checks::future_dated(&s.db, id, from, to, org.today()).await?,
        ),
        (
            "check-over-credited",
            checks::over_credited(&s.db, id, from, to).await?,
        ),
        (
            if above_5_crore {
                "check-hsn-six-digits"
            } else {
                "check-hsn-four-digits"
            },
            checks::short_hsn(&s.db, id, (from, to), hsn_digits, !above_5_crore).await?,
        ),
    ];
    for (message, documents) in named {
        if !documents.is_empty() {
            found.push(Check {
                message: Message::new(message).arg("count", documents.len()),
                documents,
            });
        }
    }
    found.extend(series_gaps(&gstr1));
    found.extend(disagreement(&outward, &gstr3b));
    let filed = periods::filed_in(s, org, period).await?;
    Ok(Review {
        gstr1,
        gstr3b,
        checks: found,
        filed,
    })
}

/// The counter at the end of a document number (`INV/26-27/0042` → 42).
fn counter(number: &str) -> Option<u64> {
    let digits: String = number
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

/// Table 13 ranges with fewer documents than numbers: a number of the series was never issued
/// in the period (issued in another month, or missing).
fn series_gaps(gstr1: &Gstr1) -> Vec<Check> {
    let mut gaps = Vec::new();
    for kind in &gstr1.doc_issue.doc_det {
        for range in &kind.docs {
            let (Some(first), Some(last)) = (counter(&range.from), counter(&range.to)) else {
                continue;
            };
            let span = last.saturating_sub(first).saturating_add(1);
            let missing = span.saturating_sub(u64::from(range.totnum));
            if missing > 0 {
                gaps.push(Check {
                    message: Message::new("check-series-gap")
                        .arg("from", range.from.clone())
                        .arg("to", range.to.clone())
                        .arg("count", i64::try_from(missing).unwrap_or(i64::MAX)),
                    documents: Vec::new(),
                });
            }
        }
    }
    gaps
}

/// GSTR-1's outward taxable value and tax (B2B, B2CL, B2CS and exports, notes netted; with
/// what IFF furnished) against GSTR-3B 3.1(a) and (b): they come from the same documents and
/// must agree to the paisa.
fn disagreement(g1: &super::summary::Sums, gstr3b: &Gstr3b) -> Option<Check> {
    let sup = &gstr3b.sup_details;
    let taxable = sup.osup_det.txval.0.get() + sup.osup_zero.txval.0.get();
    let tax = sup.osup_det.iamt.0.get()
        + sup.osup_det.camt.0.get()
        + sup.osup_det.samt.0.get()
        + sup.osup_det.csamt.0.get()
        + sup.osup_zero.iamt.0.get()
        + sup.osup_zero.csamt.0.get();
    (g1.taxable.get() != taxable || g1.tax().get() != tax).then(|| Check {
        message: Message::new("check-returns-disagree")
            .arg("gstr1", g1.taxable.to_inr())
            .arg("gstr3b", bahi_gst::Paise::new(taxable).to_inr()),
        documents: Vec::new(),
    })
}
