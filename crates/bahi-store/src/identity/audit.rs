//! The audit trail: one append-only table for the whole system. Each row carries the hash of the
//! previous row of its chain (the organisation's, or the system chain for platform events) and
//! is written in the same transaction as the change it records, so a change and its record
//! commit or vanish together, and an edited, deleted or reordered row breaks the chain.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::{OrgId, UserId, now};
use crate::dual::{on_pool, on_tx};
use crate::{Db, WriteTx};

pub const SYSTEM_CHAIN: &str = "system";
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditEvent {
    pub id: uuid::Uuid,
    pub chain: String,
    pub seq: i64,
    pub org_id: Option<OrgId>,
    pub at: OffsetDateTime,
    pub actor_user_id: Option<UserId>,
    pub actor_email: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub summary: String,
    pub ip: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

const COLUMNS: &str = "id, chain, seq, org_id, at, actor_user_id, actor_email, action, entity_type, entity_id, summary, ip, prev_hash, hash";

/// What happened; the trail adds when, the chain position and the hashes.
#[derive(Debug, Clone, Default)]
pub struct NewEvent {
    pub org_id: Option<OrgId>,
    pub actor_user_id: Option<UserId>,
    pub actor_email: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub summary: String,
    pub ip: Option<String>,
}

fn chain_of(org: Option<OrgId>) -> String {
    org.map_or_else(|| SYSTEM_CHAIN.to_owned(), |o| o.to_string())
}

/// The hash of a row: SHA-256 over its fields (JSON-encoded, so no two rows can collide by
/// shifting text between fields) and the previous row's hash.
fn hash_of(e: &AuditEvent) -> String {
    let fields = serde_json::json!([
        1,
        e.id.to_string(),
        e.chain,
        e.seq,
        e.org_id.map(|o| o.to_string()),
        e.at.unix_timestamp_nanos().to_string(),
        e.actor_user_id.map(|u| u.to_string()),
        e.actor_email,
        e.action,
        e.entity_type,
        e.entity_id,
        e.summary,
        e.ip,
        e.prev_hash,
    ]);
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}

/// Appends an event to its chain inside `tx`.
pub async fn append(tx: &mut WriteTx, new: NewEvent) -> Result<AuditEvent, sqlx::Error> {
    let chain = chain_of(new.org_id);
    const START: &str = "INSERT INTO audit_chains (chain, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING";
    // The UPDATE takes the chain's row lock (PostgreSQL) until commit: appends to one chain queue.
    const ADVANCE: &str = "UPDATE audit_chains SET last_seq = last_seq + 1 WHERE chain = $1 RETURNING last_seq, last_hash";
    const SET_HEAD: &str = "UPDATE audit_chains SET last_hash = $1 WHERE chain = $2";
    let insert = format!(
        "INSERT INTO audit_events ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    );

    on_tx!(tx, conn => sqlx::query(START).bind(&chain).bind(GENESIS).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let (seq, prev_hash): (i64, String) =
        on_tx!(tx, conn => sqlx::query_as(ADVANCE).bind(&chain).fetch_one(&mut *conn).await)?;
    let mut event = AuditEvent {
        id: uuid::Uuid::now_v7(),
        chain,
        seq,
        org_id: new.org_id,
        at: now(),
        actor_user_id: new.actor_user_id,
        actor_email: new.actor_email,
        action: new.action,
        entity_type: new.entity_type,
        entity_id: new.entity_id,
        summary: new.summary,
        ip: new.ip,
        prev_hash,
        hash: String::new(),
    };
    event.hash = hash_of(&event);
    let e = &event;
    on_tx!(tx, conn => sqlx::query(&insert)
        .bind(e.id).bind(&e.chain).bind(e.seq).bind(e.org_id).bind(e.at).bind(e.actor_user_id).bind(&e.actor_email)
        .bind(&e.action).bind(&e.entity_type).bind(&e.entity_id).bind(&e.summary).bind(&e.ip).bind(&e.prev_hash).bind(&e.hash)
        .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    on_tx!(tx, conn => sqlx::query(SET_HEAD).bind(&e.hash).bind(&e.chain).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(event)
}

/// An organisation's events, newest first; `before` is the `seq` to continue below.
pub async fn list(
    db: &Db,
    org: Option<OrgId>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEvent>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_events WHERE chain = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3"
    );
    let chain = chain_of(org);
    let before = before.unwrap_or(i64::MAX);
    on_pool!(db, pool => sqlx::query_as::<_, AuditEvent>(&sql).bind(&chain).bind(before).bind(limit).fetch_all(pool).await)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Events checked.
    pub events: i64,
    /// The first event that breaks its chain, with the reason; `None` when all verify.
    pub first_bad: Option<(String, String)>,
}

/// Checks one chain (`Some(org)`), or every chain (`None`): sequence without gaps, each row's
/// link to the previous hash, each row's own hash, and the chain's recorded head.
pub async fn verify(db: &Db, org: Option<Option<OrgId>>) -> Result<Verification, sqlx::Error> {
    const CHAINS: &str = "SELECT chain, last_seq, last_hash FROM audit_chains ORDER BY chain";
    let mut heads: Vec<(String, i64, String)> =
        on_pool!(db, pool => sqlx::query_as(CHAINS).fetch_all(pool).await)?;
    if let Some(org) = org {
        let wanted = chain_of(org);
        heads.retain(|(c, _, _)| *c == wanted);
    }
    // Rows of a chain that has no head at all (its head row was deleted) are caught too.
    const ORPHANS: &str = "SELECT e.id FROM audit_events e LEFT JOIN audit_chains c ON c.chain = e.chain WHERE c.chain IS NULL LIMIT 1";
    if org.is_none() {
        let orphan: Option<uuid::Uuid> =
            on_pool!(db, pool => sqlx::query_scalar(ORPHANS).fetch_optional(pool).await)?;
        if let Some(id) = orphan {
            return Ok(Verification {
                events: 0,
                first_bad: Some((id.to_string(), "its chain has no recorded head".into())),
            });
        }
    }
    let page = format!(
        "SELECT {COLUMNS} FROM audit_events WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT 1000"
    );
    let mut checked = 0;
    for (chain, last_seq, last_hash) in heads {
        let (mut expected_seq, mut prev_hash, mut last_id) =
            (1_i64, GENESIS.to_owned(), None::<String>);
        loop {
            let after = expected_seq - 1;
            let rows: Vec<AuditEvent> = on_pool!(db, pool => sqlx::query_as::<_, AuditEvent>(&page).bind(&chain).bind(after).fetch_all(pool).await)?;
            if rows.is_empty() {
                break;
            }
            for e in rows {
                checked += 1;
                let bad = |why: &str| {
                    Ok(Verification {
                        events: checked,
                        first_bad: Some((e.id.to_string(), why.to_owned())),
                    })
                };
                if e.seq != expected_seq {
                    return bad(&format!(
                        "sequence jumps from {} to {} (rows deleted or reordered)",
                        expected_seq - 1,
                        e.seq
                    ));
                }
                if e.prev_hash != prev_hash {
                    return bad("does not link to the previous row's hash");
                }
                if hash_of(&e) != e.hash {
                    return bad("its content does not match its hash (edited)");
                }
                prev_hash = e.hash.clone();
                last_id = Some(e.id.to_string());
                expected_seq += 1;
            }
        }
        if expected_seq - 1 != last_seq || prev_hash != last_hash {
            let id = last_id.unwrap_or_else(|| chain.clone());
            return Ok(Verification {
                events: checked,
                first_bad: Some((
                    id,
                    format!(
                        "chain {chain} ends before its recorded head {last_seq} (newest rows deleted)"
                    ),
                )),
            });
        }
    }
    Ok(Verification {
        events: checked,
        first_bad: None,
    })
}
