//! The inbox: webhook events kept once each (by the gateway's event id) before they are acted
//! on, then applied by a worker that claims them the way the outbox's worker claims mail (see
//! `crate::outbox`: a lease on `next_attempt_at`, `attempts` as the claim's token).

use time::OffsetDateTime;

use super::Provider;
use crate::column::as_name;
use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, now};
use crate::ids::typed_id;
use crate::outbox::epoch_ms;
use crate::payments::PaymentId;
use crate::row::{Fields, Table, row};
use crate::{Db, StoreError, WriteTx};

typed_id!(
    /// A webhook event as bahi received it.
    EventId
);

/// What became of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Kept, not yet acted on.
    Pending,
    /// Recorded a payment against its invoice.
    Applied,
    /// Recorded a payment as an advance that needs a look (the invoice was void, or paid).
    Flagged,
    /// Needs nothing (an event bahi does not act on).
    Ignored,
    /// Could not be applied; `outcome` says why.
    Failed,
}

impl State {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Applied => "applied",
            Self::Flagged => "flagged",
            Self::Ignored => "ignored",
            Self::Failed => "failed",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Applied,
            Self::Flagged,
            Self::Ignored,
            Self::Failed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

as_name!(State);

row! {
    #[derive(Debug, Clone)]
    pub struct GatewayEvent in "gateway_events" {
        pub id: EventId,
        pub org_id: OrgId,
        pub provider: Provider,
        /// The gateway's id of the event (Razorpay's `X-Razorpay-Event-Id`, Stripe's `evt_…`).
        pub event_id: String,
        pub event_type: String,
        /// The body as it was signed.
        pub payload: String,
        pub state: State,
        pub attempts: i64,
        /// Epoch milliseconds.
        pub next_attempt_at: i64,
        pub payment_id: Option<PaymentId>,
        pub outcome: Option<String>,
        pub received_at: OffsetDateTime,
        pub settled_at: Option<OffsetDateTime>,
    }
}

impl GatewayEvent {
    /// A verified event, due to be applied now.
    #[must_use]
    pub fn received(
        org_id: OrgId,
        provider: Provider,
        event_id: String,
        event_type: String,
        payload: String,
    ) -> Self {
        let at = now();
        Self {
            id: EventId::new(),
            org_id,
            provider,
            event_id,
            event_type,
            payload,
            state: State::Pending,
            attempts: 0,
            next_attempt_at: epoch_ms(at),
            payment_id: None,
            outcome: None,
            received_at: at,
            settled_at: None,
        }
    }
}

/// Keeps an event; false (and nothing written) when the gateway's event id was kept before.
pub async fn receive(db: &Db, event: &GatewayEvent) -> Result<bool, StoreError> {
    const SQL: &str = "INSERT INTO gateway_events (id, org_id, provider, event_id, event_type, \
                       payload, state, attempts, next_attempt_at, received_at) \
                       VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $8) \
                       ON CONFLICT (org_id, provider, event_id) DO NOTHING";
    let e = event;
    let mut tx = db.begin_write().await?;
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL)
        .bind(e.id.0).bind(e.org_id.0).bind(e.provider.as_str()).bind(&e.event_id)
        .bind(&e.event_type).bind(&e.payload).bind(e.next_attempt_at).bind(e.received_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(done == 1)
}

/// Claims up to `limit` due events until `lease_until_ms`, oldest first.
pub async fn claim(
    db: &Db,
    now_ms: i64,
    lease_until_ms: i64,
    limit: i64,
) -> Result<Vec<GatewayEvent>, StoreError> {
    let lock = match db {
        Db::Sqlite(_) => "",
        Db::Postgres(_) => "FOR UPDATE SKIP LOCKED",
    };
    let sql = format!(
        "UPDATE gateway_events SET attempts = attempts + 1, next_attempt_at = $1 \
         WHERE id IN (SELECT id FROM gateway_events WHERE state = 'pending' \
                      AND next_attempt_at <= $2 ORDER BY next_attempt_at LIMIT $3 {lock}) \
         RETURNING {}",
        GatewayEvent::columns()
    );
    let mut tx = db.begin_write().await?;
    let conn = tx.conn().await?;
    let claimed: Vec<GatewayEvent> = on_conn!(conn, c => sqlx::query_as(&sql).bind(lease_until_ms).bind(now_ms).bind(limit).fetch_all(&mut *c).await)?;
    tx.commit().await?;
    Ok(claimed)
}

/// Settles a claimed event in the transaction that acted on it; false when the claim is no
/// longer this worker's (the transaction must then roll back).
pub async fn settle(
    tx: &mut WriteTx,
    id: EventId,
    attempts: i64,
    state: State,
    payment: Option<PaymentId>,
    outcome: Option<&str>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE gateway_events SET state = $1, payment_id = $2, outcome = $3, \
                       settled_at = $4 WHERE id = $5 AND attempts = $6 AND state = 'pending'";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL)
        .bind(state.as_str()).bind(payment.map(|p| p.0)).bind(outcome).bind(now())
        .bind(id.0).bind(attempts)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Puts a claimed event back for another attempt at `at_ms` (a passing failure).
pub async fn retry_at(
    db: &Db,
    id: EventId,
    attempts: i64,
    at_ms: i64,
    outcome: &str,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE gateway_events SET next_attempt_at = $1, outcome = $2 \
                       WHERE id = $3 AND attempts = $4 AND state = 'pending'";
    let mut tx = db.begin_write().await?;
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(at_ms).bind(outcome).bind(id.0).bind(attempts)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(done == 1)
}

/// The business's events, newest first (ids are time-ordered), `limit` after the cursor.
pub async fn list(
    mut ex: impl Executor,
    org: OrgId,
    before: Option<EventId>,
    limit: i64,
) -> Result<Vec<GatewayEvent>, StoreError> {
    let sql = GatewayEvent::select(
        "WHERE org_id = $1 AND ($2 IS NULL OR id < $2) ORDER BY id DESC LIMIT $3",
    );
    let before = before.map(|b| b.0);
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(before).bind(limit).fetch_all(&mut *c).await)?,
    )
}

/// One event of the business by the gateway's id.
pub async fn find(
    mut ex: impl Executor,
    org: OrgId,
    provider: Provider,
    event_id: &str,
) -> Result<Option<GatewayEvent>, StoreError> {
    let sql = GatewayEvent::select("WHERE org_id = $1 AND provider = $2 AND event_id = $3");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(provider.as_str()).bind(event_id).fetch_optional(&mut *c).await)?,
    )
}

/// Events by the states an operator watches: waiting to be applied, flagged for a look, failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Depth {
    pub pending: i64,
    pub flagged: i64,
    pub failed: i64,
}

pub async fn depth(mut ex: impl Executor) -> Result<Depth, StoreError> {
    const SQL: &str = "SELECT state, count(*) FROM gateway_events \
                       WHERE state IN ('pending', 'flagged', 'failed') GROUP BY state";
    let conn = ex.conn().await?;
    let rows: Vec<(String, i64)> =
        on_conn!(conn, c => sqlx::query_as(SQL).fetch_all(&mut *c).await)?;
    let mut depth = Depth::default();
    for (state, count) in rows {
        match state.as_str() {
            "pending" => depth.pending = count,
            "flagged" => depth.flagged = count,
            "failed" => depth.failed = count,
            _ => {}
        }
    }
    Ok(depth)
}
