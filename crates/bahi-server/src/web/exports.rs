//! CSV downloads of the lists (parties, items, invoices, bills, payments), streamed a page at a
//! time so that a list of any length never sits in memory whole.

use std::future::Future;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use bahi_app::masters::{items, parties};
use bahi_app::payments;
use bahi_app::purchases::bills;
use bahi_app::sales::invoices;
use bahi_app::{OrgCtx, Services, Viewer};
use bahi_store::masters::After;
use bahi_store::masters::items::ItemQuery;
use bahi_store::masters::parties::PartyQuery;
use bahi_store::payments::PaymentQuery;
use bahi_store::purchases::bills::BillQuery;
use bahi_store::sales::documents::{Before, DocumentQuery};
use futures_util::stream;

use super::statements::csv_field;
use crate::api::values::date_text;
use crate::http::Member;
use crate::state::AppState;

/// Rows fetched per query.
const PAGE: i64 = 500;

/// A page of CSV lines and where the next page starts (none after the last).
type Chunk<C> = (String, Option<C>);

/// Streams `header` and then pages from `fetch` until it says there are no more.
fn stream_csv<C, F, Fut>(name: &str, header: &'static str, fetch: F) -> Response
where
    C: Send + 'static,
    F: Fn(Option<C>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Chunk<C>, bahi_app::Error>> + Send,
{
    // The state: None before the first page, Some(None) after the last.
    let body = stream::unfold(
        (Some(None::<C>), fetch, true),
        move |(cursor, fetch, first)| async move {
            let cursor = cursor?;
            let (mut text, next) = match fetch(cursor).await {
                Ok(page) => page,
                Err(e) => {
                    tracing::error!(error = %e, "CSV export stopped");
                    return Some((
                        Err(std::io::Error::other("export failed")),
                        (None, fetch, false),
                    ));
                }
            };
            if first {
                text.insert_str(0, header);
            }
            let state = next.map(Some);
            Some((Ok::<_, std::io::Error>(text), (state, fetch, false)))
        },
    );
    let mut response = Body::from_stream(body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}.csv\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

fn money(p: bahi_gst::Paise) -> String {
    p.to_string()
}

/// `limit + 1` rows were asked for: the extra one says another page follows.
fn cut<T>(mut rows: Vec<T>) -> (Vec<T>, bool) {
    let limit = usize::try_from(PAGE).unwrap_or(usize::MAX);
    let more = rows.len() > limit;
    rows.truncate(limit);
    (rows, more)
}

pub async fn invoices(member: Member<Viewer>, State(app): State<AppState>) -> Response {
    let s: Services = app.services.clone();
    let org: std::sync::Arc<OrgCtx<Viewer>> = std::sync::Arc::new(member.0);
    stream_csv(
        "invoices",
        "number,date,status,kind,customer,customer_gstin,place_of_supply,supply_type,taxable_value,cgst,sgst,igst,cess,round_off,total,amount_paid,balance_due\n",
        move |before: Option<Before>| {
            let s = s.clone();
            let org = org.clone();
            async move {
                let query = DocumentQuery {
                    before,
                    limit: PAGE + 1,
                    ..DocumentQuery::default()
                };
                let (rows, more) = cut(invoices::list(&s, &org, &query).await?);
                let mut text = String::new();
                for d in &rows {
                    text.push_str(&format!(
                        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                        csv_field(d.number.as_deref().unwrap_or_default()),
                        date_text(d.date),
                        d.status.as_str(),
                        d.kind.as_str(),
                        csv_field(&d.buyer_name),
                        d.buyer_gstin
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                        d.place_of_supply,
                        d.supply_type.as_str(),
                        money(d.taxable_value),
                        money(d.cgst),
                        money(d.sgst),
                        money(d.igst),
                        money(d.cess),
                        money(d.round_off),
                        money(d.total),
                        money(d.amount_paid),
                        money(d.balance_due()),
                    ));
                }
                let next = rows.last().filter(|_| more).map(|d| Before {
                    date: d.date,
                    id: d.id,
                });
                Ok((text, next))
            }
        },
    )
}

pub async fn bills(member: Member<Viewer>, State(app): State<AppState>) -> Response {
    let s: Services = app.services.clone();
    let org = std::sync::Arc::new(member.0);
    stream_csv(
        "bills",
        "vendor_invoice_number,date,status,vendor,vendor_gstin,reverse_charge,import,taxable_value,cgst,sgst,igst,cess,total,amount_paid,balance_due\n",
        move |before| {
            let s = s.clone();
            let org = org.clone();
            async move {
                let query = BillQuery {
                    before,
                    limit: PAGE + 1,
                    ..BillQuery::default()
                };
                let (rows, more) = cut(bills::list(&s, &org, &query).await?);
                let mut text = String::new();
                for b in &rows {
                    text.push_str(&format!(
                        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                        csv_field(&b.vendor_invoice_number),
                        date_text(b.date),
                        b.status.as_str(),
                        csv_field(&b.vendor_name),
                        b.vendor_gstin
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                        b.reverse_charge,
                        match b.import_kind {
                            Some(bahi_gst::supply::Import::Goods) => "goods",
                            Some(bahi_gst::supply::Import::Services) => "services",
                            None => "",
                        },
                        money(b.taxable_value),
                        money(b.cgst),
                        money(b.sgst),
                        money(b.igst),
                        money(b.cess),
                        money(b.total),
                        money(b.amount_paid),
                        money(b.balance_due()),
                    ));
                }
                let next = rows.last().filter(|_| more).map(|b| (b.date, b.id));
                Ok((text, next))
            }
        },
    )
}

pub async fn payments(member: Member<Viewer>, State(app): State<AppState>) -> Response {
    let s: Services = app.services.clone();
    let org = std::sync::Arc::new(member.0);
    stream_csv(
        "payments",
        "date,direction,status,party_id,mode,reference,amount,unallocated\n",
        move |before| {
            let s = s.clone();
            let org = org.clone();
            async move {
                let query = PaymentQuery {
                    before,
                    limit: PAGE + 1,
                    ..PaymentQuery::default()
                };
                let (rows, more) = cut(payments::list(&s, &org, &query).await?);
                let mut text = String::new();
                for p in &rows {
                    text.push_str(&format!(
                        "{},{},{},{},{},{},{},{}\n",
                        date_text(p.date),
                        p.direction.as_str(),
                        p.status.as_str(),
                        p.party_id,
                        p.mode.as_str(),
                        csv_field(p.reference.as_deref().unwrap_or_default()),
                        money(p.amount),
                        money(p.unallocated()),
                    ));
                }
                let next = rows.last().filter(|_| more).map(|p| (p.date, p.id));
                Ok((text, next))
            }
        },
    )
}

pub async fn parties(member: Member<Viewer>, State(app): State<AppState>) -> Response {
    let s: Services = app.services.clone();
    let org = std::sync::Arc::new(member.0);
    stream_csv(
        "parties",
        "name,kind,registration,gstin,state_code,country,email,phone,billing_line1,billing_line2,billing_city,billing_pincode,archived\n",
        move |after| {
            let s = s.clone();
            let org = org.clone();
            async move {
                let query = PartyQuery {
                    after,
                    include_archived: true,
                    limit: PAGE + 1,
                    ..PartyQuery::default()
                };
                let (rows, more) = cut(parties::list(&s, &org, &query).await?);
                let mut text = String::new();
                for p in &rows {
                    let opt = |v: &Option<String>| csv_field(v.as_deref().unwrap_or_default());
                    text.push_str(&format!(
                        "{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                        csv_field(&p.name),
                        p.kind.as_str(),
                        p.registration.as_str(),
                        p.gstin
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                        p.state_code.map(|s| s.to_string()).unwrap_or_default(),
                        opt(&p.country),
                        opt(&p.email),
                        opt(&p.phone),
                        opt(&p.billing_line1),
                        opt(&p.billing_line2),
                        opt(&p.billing_city),
                        opt(&p.billing_pincode),
                        p.archived_at.is_some(),
                    ));
                }
                let next = rows.last().filter(|_| more).map(|p| After {
                    search_name: p.search_name.clone(),
                    id: p.id,
                });
                Ok((text, next))
            }
        },
    )
}

pub async fn items(member: Member<Viewer>, State(app): State<AppState>) -> Response {
    let s: Services = app.services.clone();
    let org = std::sync::Arc::new(member.0);
    stream_csv(
        "items",
        "name,kind,hsn_sac,unit,price,gst_rate,treatment,cess_rate,archived\n",
        move |after| {
            let s = s.clone();
            let org = org.clone();
            async move {
                let query = ItemQuery {
                    after,
                    include_archived: true,
                    limit: PAGE + 1,
                    ..ItemQuery::default()
                };
                let (rows, more) = cut(items::list(&s, &org, &query).await?);
                let mut text = String::new();
                for i in &rows {
                    text.push_str(&format!(
                        "{},{},{},{},{},{},{},{},{}\n",
                        csv_field(&i.name),
                        i.kind.as_str(),
                        i.hsn_sac,
                        i.unit.map(|u| u.as_str().to_owned()).unwrap_or_default(),
                        money(i.price),
                        i.gst_rate,
                        i.treatment.as_str(),
                        i.cess_rate,
                        i.archived_at.is_some(),
                    ));
                }
                let next = rows.last().filter(|_| more).map(|i| After {
                    search_name: i.search_name.clone(),
                    id: i.id,
                });
                Ok((text, next))
            }
        },
    )
}
