//! The returns pages: a month's or quarter's GSTR-3B laid out like the portal's tables, GSTR-1
//! by section with counts and sums, the HSN summary, the checks to look at before filing,
//! downloads of the JSON files (and of a quarter's IFFs), and marking a return filed (or
//! reopening it, owners only); a GSTR-1 section's entries one by one, each linked to its
//! document.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::returns::review::{self, Review};
use bahi_app::returns::summary::{self, Section, Sums};
use bahi_app::returns::{filing, periods};
use bahi_app::{Accountant, Message, Owner, Viewer};
use bahi_gst::returns::gstr1::Hsn;
use bahi_gst::returns::gstr3b::{AllHeads, Tax};
use bahi_gst::{Paise, Period};
use serde::Deserialize;

use super::chrome::{Chrome, Frame};
use super::notices;
use super::respond::{render, see_other};
use crate::api::returns::return_response;
use crate::http::extract::{Path, Query};
use crate::http::paths::{FiledPath, SectionPath};
use crate::http::{HttpError, Member};
use crate::state::AppState;

const GSTN_DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[day]-[month]-[year]");

/// Entries a section page shows at once.
const PAGE: usize = 100;

#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    period: String,
    #[serde(default)]
    page: Option<usize>,
}

/// The period asked for, else the last one (the one being filed): last quarter for a
/// quarterly filer, last month otherwise.
fn period_or_last(text: &str, today: time::Date, quarterly: bool) -> Result<Period, HttpError> {
    if text.trim().is_empty() {
        return Ok(if quarterly {
            Period::quarter_of(today).previous()
        } else {
            Period::of(today).previous()
        });
    }
    Period::parse(text).map_err(|_| {
        HttpError::from(bahi_app::Error::field(
            "period",
            Message::new("period-invalid"),
        ))
    })
}

/// A row of figures: a label, where its documents are, and the heads.
pub struct FigureRow {
    pub label: String,
    pub href: Option<String>,
    pub taxable: String,
    pub igst: String,
    pub cgst: String,
    pub sgst: String,
    pub cess: String,
}

fn money(p: Paise) -> String {
    p.to_inr()
}

fn heads_row(label: String, href: Option<String>, h: &AllHeads) -> FigureRow {
    FigureRow {
        label,
        href,
        taxable: money(h.txval.0),
        igst: money(h.iamt.0),
        cgst: money(h.camt.0),
        sgst: money(h.samt.0),
        cess: money(h.csamt.0),
    }
}

fn tax_row(label: String, href: Option<String>, t: &Tax) -> FigureRow {
    FigureRow {
        label,
        href,
        taxable: String::new(),
        igst: money(t.iamt.0),
        cgst: money(t.camt.0),
        sgst: money(t.samt.0),
        cess: money(t.csamt.0),
    }
}

fn sums_row(label: String, href: Option<String>, s: &Sums) -> FigureRow {
    FigureRow {
        label,
        href,
        taxable: money(s.taxable),
        igst: money(s.igst),
        cgst: money(s.cgst),
        sgst: money(s.sgst),
        cess: money(s.cess),
    }
}

pub struct SectionRow {
    pub name: String,
    pub href: String,
    pub count: u64,
    pub figures: FigureRow,
}

pub struct HsnRow {
    pub hsn: String,
    pub description: String,
    pub uqc: String,
    pub quantity: String,
    pub rate: String,
    pub figures: FigureRow,
}

pub struct CheckView {
    pub text: String,
    pub documents: Vec<(String, String)>,
}

pub struct FiledView {
    pub name: String,
    pub slug: &'static str,
    /// The period it is filed for: the page's, or for IFF one of the quarter's months.
    pub period: String,
    pub filed_at: Option<String>,
    pub download: String,
}

#[derive(Template)]
#[template(path = "returns.html")]
struct ReturnsPage {
    chrome: Chrome,
    org_id: String,
    period: String,
    period_name: String,
    /// A quarterly filer picks quarters (`2026-Q3`) in a text field; others a month.
    quarterly: bool,
    previous: String,
    previous_name: String,
    next: String,
    next_name: String,
    returns: Vec<FiledView>,
    can_file: bool,
    can_reopen: bool,
    checks: Vec<CheckView>,
    outward: Vec<FigureRow>,
    inter_state: Vec<(String, String, String)>,
    itc: Vec<FigureRow>,
    itc_net: FigureRow,
    inward: Vec<(String, String, String)>,
    sections: Vec<SectionRow>,
    /// B2B and B2C, each with its title (one table before May 2025).
    hsn_tables: Vec<(String, Vec<HsnRow>)>,
    /// Each GSTR-1 section's CSV: its name and address.
    csv_links: Vec<(String, String)>,
}

fn hsn_rows(rows: &[bahi_gst::returns::gstr1::HsnRow]) -> Vec<HsnRow> {
    rows.iter()
        .map(|r| HsnRow {
            hsn: r.hsn_sc.clone(),
            description: r.desc.clone(),
            uqc: r.uqc.clone(),
            quantity: r.qty.0.clone(),
            rate: format!("{}%", r.rt.0),
            figures: FigureRow {
                label: String::new(),
                href: None,
                taxable: money(r.txval.0),
                igst: money(r.iamt.0),
                cgst: money(r.camt.0),
                sgst: money(r.samt.0),
                cess: money(r.csamt.0),
            },
        })
        .collect()
}

pub async fn page(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, HttpError> {
    let period = period_or_last(
        &query.period,
        member.today(),
        member.org().quarterly_returns,
    )?;
    let Review {
        gstr1,
        gstr3b,
        checks,
        filed,
    } = review::review(&app.services, &member, period).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "returns").await?;
    let org_id = member.org_id().to_string();
    let lang = frame.lang;
    let zone = member.org().time_zone.clone();
    let first = period.first_day();
    let (from, to) = (first.to_string(), period.last_day().to_string());
    let invoices = format!("/orgs/{org_id}/invoices?from={from}&to={to}");
    let bills = format!("/orgs/{org_id}/bills?from={from}&to={to}");
    let section_href = |s: Section| {
        format!(
            "/orgs/{org_id}/returns/gstr-1/{period}/sections/{}",
            s.as_str()
        )
    };

    let filed_view = |name: String, slug: &'static str, at: Period| FiledView {
        name,
        slug,
        period: at.to_string(),
        filed_at: filed
            .iter()
            .find(|f| f.return_type == slug && f.period == at.to_string())
            .map(|f| super::format::moment(lang, f.filed_at, &zone)),
        download: format!("/orgs/{org_id}/returns/{slug}/{at}/download"),
    };
    let mut returns = Vec::new();
    // A quarter's first two months may have their B2B invoices furnished through IFF.
    if period.is_quarter() {
        for month in period.months().take(2) {
            let name = format!("IFF · {}", super::format::month(lang, month.first_day()));
            returns.push(filed_view(name, "iff", month));
        }
    }
    returns.push(filed_view("GSTR-1".to_owned(), "gstr-1", period));
    returns.push(filed_view("GSTR-3B".to_owned(), "gstr-3b", period));

    let sup = &gstr3b.sup_details;
    let value_only = |label: &str, p: Paise, href: &str| FigureRow {
        label: chrome.t(label),
        href: Some(href.to_owned()),
        taxable: money(p),
        igst: String::new(),
        cgst: String::new(),
        sgst: String::new(),
        cess: String::new(),
    };
    let zero = &sup.osup_zero;
    let outward = vec![
        heads_row(
            chrome.t("gstr3b-31a"),
            Some(invoices.clone()),
            &sup.osup_det,
        ),
        FigureRow {
            label: chrome.t("gstr3b-31b"),
            href: Some(section_href(Section::Exp)),
            taxable: money(zero.txval.0),
            igst: money(zero.iamt.0),
            cgst: String::new(),
            sgst: String::new(),
            cess: money(zero.csamt.0),
        },
        value_only("gstr3b-31c", sup.osup_nil_exmp.txval.0, &invoices),
        heads_row(chrome.t("gstr3b-31d"), Some(bills.clone()), &sup.isup_rev),
        value_only("gstr3b-31e", sup.osup_nongst.txval.0, &invoices),
    ];
    let inter = &gstr3b.inter_sup;
    let mut inter_state = Vec::new();
    for (id, rows) in [
        ("gstr3b-32-unregistered", &inter.unreg_details),
        ("gstr3b-32-composition", &inter.comp_details),
        ("gstr3b-32-uin", &inter.uin_details),
    ] {
        for r in rows {
            let place = bahi_gst::StateCode::parse(&r.pos)
                .map(|s| format!("{} – {}", r.pos, s.name()))
                .unwrap_or_else(|_| r.pos.clone());
            inter_state.push((
                format!("{} · {place}", chrome.t(id)),
                money(r.txval.0),
                money(r.iamt.0),
            ));
        }
    }
    let itc_elg = &gstr3b.itc_elg;
    let mut itc: Vec<FigureRow> = itc_elg
        .itc_avl
        .iter()
        .map(|t| {
            tax_row(
                chrome.t(&format!("gstr3b-4a-{}", t.ty.to_ascii_lowercase())),
                Some(bills.clone()),
                &t.tax,
            )
        })
        .collect();
    itc.extend(itc_elg.itc_rev.iter().map(|t| {
        tax_row(
            chrome.t(&format!("gstr3b-4b-{}", t.ty.to_ascii_lowercase())),
            Some(bills.clone()),
            &t.tax,
        )
    }));
    let itc_net = tax_row(chrome.t("gstr3b-4c"), None, &itc_elg.itc_net);
    let inward = gstr3b
        .inward_sup
        .isup_details
        .iter()
        .map(|r| {
            (
                chrome.t(&format!("gstr3b-5-{}", r.ty.to_ascii_lowercase())),
                money(r.inter.0),
                money(r.intra.0),
            )
        })
        .collect();

    let sections = summary::sections(&gstr1)
        .into_iter()
        .map(|(s, sums)| SectionRow {
            name: chrome.t(&format!("gstr1-{}", s.as_str())),
            href: section_href(s),
            count: sums.count,
            figures: sums_row(String::new(), None, &sums),
        })
        .collect();
    let csv_href = |name: &str| format!("/orgs/{org_id}/returns/gstr-1/{period}/csv/{name}");
    let mut csv_links: Vec<(String, String)> = Section::ALL
        .into_iter()
        .map(|s| {
            (
                chrome.t(&format!("gstr1-{}", s.as_str())),
                csv_href(s.as_str()),
            )
        })
        .collect();
    csv_links.push((chrome.t("gstr1-exemp"), csv_href("exemp")));
    match &gstr1.hsn {
        Hsn::Split { .. } => {
            csv_links.push((chrome.t("returns-hsn-b2b"), csv_href("hsn_b2b")));
            csv_links.push((chrome.t("returns-hsn-b2c"), csv_href("hsn_b2c")));
        }
        Hsn::Single { .. } => csv_links.push((chrome.t("returns-hsn"), csv_href("hsn"))),
    }
    csv_links.push((chrome.t("gstr1-docs"), csv_href("docs")));
    let hsn_tables = match &gstr1.hsn {
        Hsn::Split { hsn_b2b, hsn_b2c } => vec![
            (chrome.t("returns-hsn-b2b"), hsn_rows(hsn_b2b)),
            (chrome.t("returns-hsn-b2c"), hsn_rows(hsn_b2c)),
        ],
        Hsn::Single { data } => vec![(chrome.t("returns-hsn"), hsn_rows(data))],
    };
    let checks = checks
        .iter()
        .map(|c| CheckView {
            text: crate::i18n::say(lang, &c.message),
            documents: c
                .documents
                .iter()
                .map(|d| {
                    (
                        d.number.clone().unwrap_or_default(),
                        format!("/orgs/{org_id}/invoices/{}", d.id),
                    )
                })
                .collect(),
        })
        .collect();
    let page = ReturnsPage {
        period: period.to_string(),
        period_name: super::format::period(lang, period),
        quarterly: period.is_quarter() || member.org().quarterly_returns,
        previous: period.previous().to_string(),
        previous_name: super::format::period(lang, period.previous()),
        next: period.next().to_string(),
        next_name: super::format::period(lang, period.next()),
        returns,
        can_file: member.as_role::<Accountant>().is_some(),
        can_reopen: member.as_role::<Owner>().is_some(),
        checks,
        outward,
        inter_state,
        itc,
        itc_net,
        inward,
        sections,
        hsn_tables,
        csv_links,
        org_id,
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

pub struct EntryView {
    pub number: String,
    pub href: Option<String>,
    pub date: String,
    pub party: String,
    pub note: String,
    pub value: String,
    pub figures: FigureRow,
}

#[derive(Template)]
#[template(path = "returns_section.html")]
struct SectionPage {
    chrome: Chrome,
    org_id: String,
    period: String,
    title: String,
    rows: Vec<EntryView>,
    /// "Showing 101–200 of 5,230".
    showing: String,
    previous: Option<String>,
    next: Option<String>,
    /// The section as the offline tool's CSV.
    csv: String,
}

/// A GSTR-1 section's entries, a page at a time, each linked to its document.
pub async fn section(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<SectionPath>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, HttpError> {
    let period = period_or_last(&path.period, member.today(), member.org().quarterly_returns)?;
    let section = Section::parse(&path.section).ok_or(bahi_app::Error::NotFound)?;
    let gstr1 = filing::gstr1(&app.services, &member, period).await?;
    let entries = summary::entries(&gstr1, section);
    let chrome = Chrome::for_org(&app, &frame, &member, "returns").await?;
    let org_id = member.org_id().to_string();
    let page = query.page.unwrap_or(1).max(1);
    let start = (page - 1) * PAGE;
    let link = |p: usize| {
        format!(
            "/orgs/{org_id}/returns/gstr-1/{period}/sections/{}?page={p}",
            section.as_str()
        )
    };
    let rows = entries
        .iter()
        .skip(start)
        .take(PAGE)
        .map(|e| EntryView {
            href: (!e.number.is_empty()).then(|| {
                let q = url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("q", &e.number)
                    .finish();
                let kind = if e.note.is_some() { "&kind=notes" } else { "" };
                format!("/orgs/{org_id}/invoices?{q}{kind}")
            }),
            number: e.number.clone(),
            // GSTN writes 05-10-2026; pages say 5 Oct 2026.
            date: time::Date::parse(&e.date, GSTN_DATE)
                .map(|d| super::format::date(frame.lang, d))
                .unwrap_or_default(),
            party: e.party.clone(),
            note: match e.note {
                Some("C") => chrome.t("doc-kind-credit-note"),
                Some(_) => chrome.t("doc-kind-debit-note"),
                None => String::new(),
            },
            value: if e.value.is_zero() {
                String::new()
            } else {
                money(e.value)
            },
            figures: sums_row(String::new(), None, &e.sums),
        })
        .collect();
    let total = entries.len();
    let page_view = SectionPage {
        period: period.to_string(),
        title: format!(
            "{} · {}",
            chrome.t(&format!("gstr1-{}", section.as_str())),
            super::format::period(frame.lang, period)
        ),
        rows,
        showing: chrome.t2(
            "returns-showing",
            (
                "range",
                &format!("{}–{}", start + 1, (start + PAGE).min(total)),
            ),
            ("total", &total.to_string()),
        ),
        previous: (page > 1).then(|| link(page - 1)),
        next: (start + PAGE < total).then(|| link(page + 1)),
        csv: format!(
            "/orgs/{org_id}/returns/gstr-1/{period}/csv/{}",
            section.as_str()
        ),
        org_id: org_id.clone(),
        chrome,
    };
    Ok(render(StatusCode::OK, &page_view))
}

/// A GSTR-1 section as the offline tool's CSV.
pub async fn csv(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<SectionPath>,
) -> Result<Response, HttpError> {
    let period = period_or_last(&path.period, member.today(), member.org().quarterly_returns)?;
    crate::api::returns::csv_response(&app, &member, period, &path.section).await
}

/// A return's JSON as a file, named as the portal's offline tool names it.
pub async fn download(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<FiledPath>,
) -> Result<Response, HttpError> {
    let period = period_or_last(&path.period, member.today(), member.org().quarterly_returns)?;
    match path.return_type.as_str() {
        "gstr-1" => {
            let built = filing::gstr1(&app.services, &member, period).await?;
            Ok(return_response(&built, "GSTR1", &member, period, true))
        }
        "gstr-3b" => {
            let built = filing::gstr3b(&app.services, &member, period).await?;
            Ok(return_response(&built, "GSTR3B", &member, period, true))
        }
        "iff" => {
            let built = filing::iff(&app.services, &member, period).await?;
            Ok(return_response(&built, "IFF", &member, period, true))
        }
        _ => Err(bahi_app::Error::NotFound.into()),
    }
}

/// The returns page a filing form came from: the period's own, or for an IFF month its
/// quarter's.
fn back(member_org: impl std::fmt::Display, return_type: &str, period: &str) -> String {
    let shown = match Period::parse(period) {
        Ok(month) if return_type == "iff" => Period::quarter_of(month.first_day()).to_string(),
        _ => period.to_owned(),
    };
    format!("/orgs/{member_org}/returns?period={shown}")
}

pub async fn file(
    member: Member<Accountant>,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<FiledPath>,
) -> Result<Response, HttpError> {
    periods::file(&app.services, &member, &path.return_type, &path.period).await?;
    let notice = Message::new("notice-return-filed")
        .arg("return", path.return_type.to_uppercase())
        .arg("period", path.period.clone());
    let to = back(member.org_id(), &path.return_type, &path.period);
    Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
}

pub async fn reopen(
    member: Member<Owner>,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<FiledPath>,
) -> Result<Response, HttpError> {
    periods::reopen(&app.services, &member, &path.return_type, &path.period).await?;
    let notice = Message::new("notice-return-reopened")
        .arg("return", path.return_type.to_uppercase())
        .arg("period", path.period.clone());
    let to = back(member.org_id(), &path.return_type, &path.period);
    Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
}
