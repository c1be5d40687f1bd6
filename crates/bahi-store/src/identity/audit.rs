//! The audit trail: one append-only table for the whole system. Each row carries the hash of the
//! previous row of its chain (the organisation's, or the system chain for platform events) and
//! is written in the same transaction as the change it records, so a change and its record
//! commit or vanish together.
//!
//! A database writer must not be able to forge it, so:
//! - each row's hash is an HMAC under a key derived from `BAHI_SECRET_KEY` (rows name the key
//!   they were signed with, so a rotated key keeps old rows verifiable);
//! - the database refuses UPDATE and DELETE on `audit_events` and `audit_checkpoints`
//!   (triggers, migration 0003);
//! - each chain's head (count and last hash) is signed, and signed checkpoints of every head are
//!   recorded from time to time; verification compares the chain with them, so deleting the
//!   newest rows and rolling the head back, or erasing a chain with its head, is detected;
//! - an organisation without a chain is a failure, since every organisation starts one.
//!
//! Rows written before keyed hashes existed (no `key_id`) were hashed with plain SHA-256; they
//! verify as such only at the start of a chain, and the first checkpoint seals them.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::{OrgId, UserId, now, orgs};
use crate::exec::{Executor, on_conn};
use crate::row::{Table, row};
use crate::{Db, StoreError, WriteTx};

pub const SYSTEM_CHAIN: &str = "system";
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// How many rows verification reads at a time.
const PAGE: i64 = 1000;

row! {
    #[derive(Debug, Clone)]
    pub struct AuditEvent in "audit_events" {
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
        /// The key the hash was made with; `None` for rows from before keyed hashes.
        pub key_id: Option<String>,
        /// What happened, as named values (JSON): who was invited, to which role… Pages make
        /// words of them in the reader's language. `None` for rows from before details.
        pub details: Option<String>,
    }
}

impl AuditEvent {
    /// The event's named values (empty for rows from before details).
    #[must_use]
    pub fn details(&self) -> Vec<(String, String)> {
        let Some(text) = &self.details else {
            return Vec::new();
        };
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text) {
            Ok(map) => map
                .into_iter()
                .map(|(k, v)| (k, v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
                .collect(),
            Err(_) => Vec::new(),
        }
    }
}

row! {
    /// The head of a chain: appends lock and advance it, verification compares with it.
    #[derive(Debug, Clone)]
    pub struct ChainHead in "audit_chains" {
        pub chain: String,
        pub last_seq: i64,
        pub last_hash: String,
        pub key_id: Option<String>,
        pub mac: Option<String>,
    }
}

row! {
    /// A signed record that a chain had `seq` rows ending in `hash`.
    #[derive(Debug, Clone)]
    pub struct Checkpoint in "audit_checkpoints" {
        pub chain: String,
        pub seq: i64,
        pub hash: String,
        pub key_id: String,
        pub mac: String,
        pub created_at: OffsetDateTime,
    }
}

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
    /// Named values of the event (`email`, `role`, …), for words in the reader's language.
    pub details: Vec<(&'static str, String)>,
}

/// A key the trail is signed with, derived from a secret with HKDF-SHA256.
#[derive(Clone)]
pub struct AuditKey {
    id: String,
    key: [u8; 32],
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AuditKey({})", self.id)
    }
}

impl AuditKey {
    #[must_use]
    pub fn derive(secret: &[u8]) -> Self {
        let mut key = [0u8; 32];
        // 32 bytes is far below HKDF's limit of 255 × 32; the expansion cannot fail.
        let _ = hkdf::Hkdf::<Sha256>::new(Some(b"bahi audit trail"), secret)
            .expand(b"audit chain hmac v2", &mut key);
        let id = hex::encode(&mac_bytes(&key, b"bahi audit key id")[..8]);
        Self { id, key }
    }

    /// The key id: names the key in each row without revealing it.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    fn sign(&self, message: &[u8]) -> String {
        hex::encode(mac_bytes(&self.key, message))
    }

    fn verify(&self, message: &[u8], hex_mac: &str) -> bool {
        let Ok(given) = hex::decode(hex_mac) else {
            return false;
        };
        keyed(&self.key, message).verify_slice(&given).is_ok()
    }
}

fn keyed(key: &[u8], message: &[u8]) -> Hmac<Sha256> {
    // An HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(message);
    mac
}

fn mac_bytes(key: &[u8], message: &[u8]) -> Vec<u8> {
    keyed(key, message).finalize().into_bytes().to_vec()
}

/// The key new rows are signed with, and earlier keys that still verify old rows.
#[derive(Debug, Clone)]
pub struct AuditKeys {
    current: AuditKey,
    previous: Vec<AuditKey>,
}

impl AuditKeys {
    #[must_use]
    pub fn new(current: &[u8], previous: &[&[u8]]) -> Self {
        Self {
            current: AuditKey::derive(current),
            previous: previous.iter().map(|p| AuditKey::derive(p)).collect(),
        }
    }

    /// The key a development server uses when it has no `BAHI_SECRET_KEY` of its own: fixed, so
    /// the trail verifies across restarts; public, so production never accepts it.
    #[must_use]
    pub fn development() -> Self {
        Self::new(b"bahi development audit key: not a secret", &[])
    }

    #[must_use]
    pub fn current(&self) -> &AuditKey {
        &self.current
    }

    fn by_id(&self, id: &str) -> Option<&AuditKey> {
        std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|k| k.id == id)
    }
}

fn chain_of(org: Option<OrgId>) -> String {
    org.map_or_else(|| SYSTEM_CHAIN.to_owned(), |o| o.to_string())
}

/// The version of a row's hash: 1 plain SHA-256 (no key), 2 keyed, 3 keyed with details.
fn version_of(e: &AuditEvent) -> u8 {
    match (&e.key_id, &e.details) {
        (None, _) => 1,
        (Some(_), None) => 2,
        (Some(_), Some(_)) => 3,
    }
}

/// The bytes a row's hash covers: its fields (JSON-encoded, so no two rows can collide by
/// shifting text between fields) and the previous row's hash. Version 1 rows (plain SHA-256)
/// had no key id, version 2 rows no details.
fn signed_fields(e: &AuditEvent, version: u8) -> Vec<u8> {
    let mut fields = vec![
        serde_json::json!(version),
        e.id.to_string().into(),
        e.chain.clone().into(),
        e.seq.into(),
        e.org_id.map(|o| o.to_string()).into(),
        e.at.unix_timestamp_nanos().to_string().into(),
        e.actor_user_id.map(|u| u.to_string()).into(),
        e.actor_email.clone().into(),
        e.action.clone().into(),
        e.entity_type.clone().into(),
        e.entity_id.clone().into(),
        e.summary.clone().into(),
        e.ip.clone().into(),
        e.prev_hash.clone().into(),
    ];
    if version >= 2 {
        fields.push(e.key_id.clone().into());
    }
    if version >= 3 {
        fields.push(e.details.clone().into());
    }
    serde_json::Value::Array(fields).to_string().into_bytes()
}

fn head_message(chain: &str, seq: i64, hash: &str) -> Vec<u8> {
    serde_json::json!(["head", chain, seq, hash])
        .to_string()
        .into_bytes()
}

fn checkpoint_message(chain: &str, seq: i64, hash: &str, at: OffsetDateTime) -> Vec<u8> {
    serde_json::json!([
        "checkpoint",
        chain,
        seq,
        hash,
        at.unix_timestamp_nanos().to_string()
    ])
    .to_string()
    .into_bytes()
}

/// Appends an event to its chain inside `tx`, signed with the current key.
pub async fn append(
    tx: &mut WriteTx,
    keys: &AuditKeys,
    new: NewEvent,
) -> Result<AuditEvent, StoreError> {
    let chain = chain_of(new.org_id);
    // One statement starts the chain (its first event follows the genesis hash) or advances it;
    // it takes the chain's row lock (PostgreSQL) until commit: appends to one chain queue.
    const ADVANCE: &str = "INSERT INTO audit_chains (chain, last_seq, last_hash) VALUES ($1, 1, $2) \
                           ON CONFLICT (chain) DO UPDATE SET last_seq = audit_chains.last_seq + 1 \
                           RETURNING last_seq, last_hash";
    const SET_HEAD: &str =
        "UPDATE audit_chains SET last_hash = $1, key_id = $2, mac = $3 WHERE chain = $4";

    let conn = tx.conn().await?;
    let (seq, prev_hash): (i64, String) = on_conn!(conn, c => sqlx::query_as(ADVANCE)
        .bind(&chain).bind(GENESIS).fetch_one(&mut *c).await)?;
    let key = keys.current();
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
        key_id: Some(key.id().to_owned()),
        details: Some(
            serde_json::Value::Object(
                new.details
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), serde_json::Value::String(v)))
                    .collect(),
            )
            .to_string(),
        ),
    };
    event.hash = key.sign(&signed_fields(&event, 3));
    event.insert(&mut *tx).await?;
    let head_mac = key.sign(&head_message(&event.chain, event.seq, &event.hash));
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(SET_HEAD).bind(&event.hash).bind(key.id()).bind(&head_mac).bind(&event.chain).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(event)
}

/// An organisation's events, newest first; `before` is the `seq` to continue below.
pub async fn list(
    mut ex: impl Executor,
    org: Option<OrgId>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEvent>, StoreError> {
    let sql = AuditEvent::select("WHERE chain = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3");
    let chain = chain_of(org);
    let before = before.unwrap_or(i64::MAX);
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(&chain).bind(before).bind(limit).fetch_all(&mut *c).await)?,
    )
}

/// Which chains to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every chain, and that every organisation has one.
    All,
    /// One organisation's chain.
    Org(OrgId),
}

/// How much of each chain to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Every row, comparing with every checkpoint on the way.
    Full,
    /// From the newest checkpoint on: that checkpoint's row must still carry its hash, and the
    /// rows after it must verify. What health checks and `doctor` use, so their cost does not
    /// grow with the trail.
    SinceCheckpoint,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Rows checked.
    pub events: i64,
    /// The first row (or chain) that fails, with the reason; `None` when all verify.
    pub first_bad: Option<(String, String)>,
}

struct Bad(String, String);

fn bad(at: impl Into<String>, why: impl Into<String>) -> Bad {
    Bad(at.into(), why.into())
}

/// Checks the trail: each row's own keyed hash, its link to the previous row, the sequence
/// without gaps, every checkpoint's signature and hash, the chain's signed head, and (for
/// [`Scope::All`]) that no organisation's chain and no checkpointed chain has vanished.
pub async fn verify(
    db: &Db,
    keys: &AuditKeys,
    scope: Scope,
    depth: Depth,
) -> Result<Verification, StoreError> {
    let mut checked = 0;
    let outcome = verify_inner(db, keys, scope, depth, &mut checked).await?;
    Ok(Verification {
        events: checked,
        first_bad: outcome.err().map(|Bad(at, why)| (at, why)),
    })
}

async fn verify_inner(
    db: &Db,
    keys: &AuditKeys,
    scope: Scope,
    depth: Depth,
    checked: &mut i64,
) -> Result<Result<(), Bad>, StoreError> {
    let mut heads = heads(db).await?;
    let checkpoints = all_checkpoints(db).await?;
    if scope == Scope::All {
        if let Some(orphan) = orphan_event(db).await? {
            return Ok(Err(bad(
                orphan.to_string(),
                "its chain has no recorded head (the head was deleted)",
            )));
        }
        for org in orgs::all_ids(db).await? {
            let chain = org.to_string();
            if !heads.iter().any(|h| h.chain == chain) {
                return Ok(Err(bad(
                    chain,
                    "this organisation has no audit chain (it was erased)",
                )));
            }
        }
        if let Some(lost) = checkpoints
            .iter()
            .find(|c| !heads.iter().any(|h| h.chain == c.chain))
        {
            return Ok(Err(bad(
                lost.chain.clone(),
                format!(
                    "a checkpoint recorded {} rows in this chain, but the chain is gone",
                    lost.seq
                ),
            )));
        }
    }
    if let Scope::Org(org) = scope {
        let chain = org.to_string();
        heads.retain(|h| h.chain == chain);
        if heads.is_empty() {
            return Ok(Err(bad(
                chain,
                "this organisation has no audit chain (it was erased)",
            )));
        }
    }
    for head in &heads {
        let marks: Vec<&Checkpoint> = checkpoints
            .iter()
            .filter(|c| c.chain == head.chain)
            .collect();
        if let Err(b) = verify_chain(db, keys, head, &marks, depth, checked).await? {
            return Ok(Err(b));
        }
    }
    Ok(Ok(()))
}

async fn verify_chain(
    db: &Db,
    keys: &AuditKeys,
    head: &ChainHead,
    marks: &[&Checkpoint],
    depth: Depth,
    checked: &mut i64,
) -> Result<Result<(), Bad>, StoreError> {
    let chain = &head.chain;
    match (&head.key_id, &head.mac) {
        (Some(id), Some(mac)) => match keys.by_id(id) {
            Some(key) if key.verify(&head_message(chain, head.last_seq, &head.last_hash), mac) => {}
            Some(_) => {
                return Ok(Err(bad(
                    chain.clone(),
                    "the chain's head does not match its signature (rolled back or edited)",
                )));
            }
            None => {
                return Ok(Err(bad(
                    chain.clone(),
                    format!("the chain's head is signed with an unknown key {id}"),
                )));
            }
        },
        _ if !marks.is_empty() => {
            return Ok(Err(bad(
                chain.clone(),
                "the chain's head has lost its signature",
            )));
        }
        // A chain from before signed heads; allowed while it holds only unkeyed rows (below).
        _ => {}
    }
    for mark in marks {
        let signed = keys.by_id(&mark.key_id).is_some_and(|k| {
            k.verify(
                &checkpoint_message(&mark.chain, mark.seq, &mark.hash, mark.created_at),
                &mark.mac,
            )
        });
        if !signed {
            return Ok(Err(bad(
                chain.clone(),
                format!("the checkpoint at row {} is not validly signed", mark.seq),
            )));
        }
        if mark.seq > head.last_seq {
            return Ok(Err(bad(
                chain.clone(),
                format!(
                    "a checkpoint recorded {} rows but the head says {} (newest rows deleted)",
                    mark.seq, head.last_seq
                ),
            )));
        }
    }
    let newest_mark = marks.iter().max_by_key(|m| m.seq);
    let (mut after, mut prev_hash) = match (depth, newest_mark) {
        (Depth::SinceCheckpoint, Some(mark)) => {
            let Some(row) = event_at(db, chain, mark.seq).await? else {
                return Ok(Err(bad(
                    chain.clone(),
                    format!("row {} of a checkpoint is gone", mark.seq),
                )));
            };
            *checked += 1;
            if row.hash != mark.hash {
                return Ok(Err(bad(
                    row.id.to_string(),
                    "the row no longer matches its checkpoint (edited or replaced)",
                )));
            }
            if let Err(why) = own_hash_ok(keys, &row) {
                return Ok(Err(bad(row.id.to_string(), why)));
            }
            (mark.seq, mark.hash.clone())
        }
        _ => (0, GENESIS.to_owned()),
    };
    let mut keyed_seen = false;
    let mut last_id = None::<String>;
    loop {
        let rows = events_after(db, chain, after).await?;
        if rows.is_empty() {
            break;
        }
        for e in rows {
            *checked += 1;
            let id = e.id.to_string();
            if e.seq != after + 1 {
                return Ok(Err(bad(
                    id,
                    format!(
                        "sequence jumps from {after} to {} (rows deleted or reordered)",
                        e.seq
                    ),
                )));
            }
            if e.prev_hash != prev_hash {
                return Ok(Err(bad(id, "does not link to the previous row's hash")));
            }
            if let Err(why) = own_hash_ok(keys, &e) {
                return Ok(Err(bad(id, why)));
            }
            match (&e.key_id, keyed_seen) {
                (Some(_), _) => keyed_seen = true,
                (None, true) => {
                    return Ok(Err(bad(
                        id,
                        "an unkeyed row follows keyed ones (forged with a plain hash)",
                    )));
                }
                (None, false) => {}
            }
            if let Some(mark) = marks.iter().find(|m| m.seq == e.seq)
                && mark.hash != e.hash
            {
                return Ok(Err(bad(
                    id,
                    "the row does not match the checkpoint recorded for it",
                )));
            }
            after = e.seq;
            prev_hash = e.hash;
            last_id = Some(id);
        }
    }
    if head.mac.is_none() && keyed_seen {
        return Ok(Err(bad(
            chain.clone(),
            "the chain's head has lost its signature",
        )));
    }
    if after != head.last_seq || prev_hash != head.last_hash {
        return Ok(Err(bad(
            last_id.unwrap_or_else(|| chain.clone()),
            format!(
                "chain {chain} ends at row {after}, before its recorded head {} (newest rows deleted)",
                head.last_seq
            ),
        )));
    }
    Ok(Ok(()))
}

/// A row's hash is its own: the keyed HMAC of its fields, or (for rows from before keys) their
/// plain SHA-256.
fn own_hash_ok(keys: &AuditKeys, e: &AuditEvent) -> Result<(), String> {
    match &e.key_id {
        Some(id) => match keys.by_id(id) {
            Some(key) if key.verify(&signed_fields(e, version_of(e)), &e.hash) => Ok(()),
            Some(_) => Err("its content does not match its hash (edited)".into()),
            None => Err(format!(
                "it is signed with an unknown key {id} (is BAHI_SECRET_KEY_PREVIOUS missing?)"
            )),
        },
        None => {
            if hex::encode(Sha256::digest(signed_fields(e, 1))) == e.hash {
                Ok(())
            } else {
                Err("its content does not match its hash (edited)".into())
            }
        }
    }
}

/// Records a signed checkpoint of every chain that grew since its last one (and signs heads
/// from before signed heads). Call after a verification passed; returns how many were written.
pub async fn checkpoint(db: &Db, keys: &AuditKeys) -> Result<usize, StoreError> {
    let heads = heads(db).await?;
    let marks = all_checkpoints(db).await?;
    let key = keys.current();
    let mut tx = db.begin_write().await?;
    let mut written = 0;
    for head in heads {
        let newest = marks
            .iter()
            .filter(|m| m.chain == head.chain)
            .map(|m| m.seq)
            .max()
            .unwrap_or(0);
        if head.mac.is_none() {
            const SIGN: &str =
                "UPDATE audit_chains SET key_id = $1, mac = $2 WHERE chain = $3 AND last_seq = $4";
            let mac = key.sign(&head_message(&head.chain, head.last_seq, &head.last_hash));
            let conn = tx.conn().await?;
            on_conn!(conn, c => sqlx::query(SIGN).bind(key.id()).bind(&mac).bind(&head.chain).bind(head.last_seq).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        }
        if head.last_seq <= newest {
            continue;
        }
        let created_at = now();
        let mark = Checkpoint {
            mac: key.sign(&checkpoint_message(
                &head.chain,
                head.last_seq,
                &head.last_hash,
                created_at,
            )),
            chain: head.chain,
            seq: head.last_seq,
            hash: head.last_hash,
            key_id: key.id().to_owned(),
            created_at,
        };
        match mark.insert(&mut tx).await {
            Ok(()) => written += 1,
            // Another replica recorded the same checkpoint first.
            Err(e) if e.is_duplicate(&crate::keys::AUDIT_CHECKPOINTS_PKEY) => {
                tx.rollback().await?;
                return Ok(written);
            }
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    Ok(written)
}

/// Verifies (see [`verify`]) and, when everything passes, records checkpoints, so the next
/// [`Depth::SinceCheckpoint`] verification starts from here.
pub async fn verify_and_checkpoint(
    db: &Db,
    keys: &AuditKeys,
    scope: Scope,
    depth: Depth,
) -> Result<Verification, StoreError> {
    let verification = verify(db, keys, scope, depth).await?;
    if verification.first_bad.is_none() {
        checkpoint(db, keys).await?;
    }
    Ok(verification)
}

async fn heads(db: &Db) -> Result<Vec<ChainHead>, StoreError> {
    let sql = ChainHead::select("ORDER BY chain");
    let mut ex = db;
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).fetch_all(&mut *c).await)?)
}

async fn all_checkpoints(db: &Db) -> Result<Vec<Checkpoint>, StoreError> {
    let sql = Checkpoint::select("ORDER BY chain, seq");
    let mut ex = db;
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).fetch_all(&mut *c).await)?)
}

async fn orphan_event(db: &Db) -> Result<Option<uuid::Uuid>, StoreError> {
    const SQL: &str = "SELECT e.id FROM audit_events e LEFT JOIN audit_chains c ON c.chain = e.chain WHERE c.chain IS NULL LIMIT 1";
    let mut ex = db;
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_scalar(SQL).fetch_optional(&mut *c).await)?)
}

async fn event_at(db: &Db, chain: &str, seq: i64) -> Result<Option<AuditEvent>, StoreError> {
    let sql = AuditEvent::select("WHERE chain = $1 AND seq = $2");
    let mut ex = db;
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(chain).bind(seq).fetch_optional(&mut *c).await)?,
    )
}

async fn events_after(db: &Db, chain: &str, after: i64) -> Result<Vec<AuditEvent>, StoreError> {
    let sql = AuditEvent::select("WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3");
    let mut ex = db;
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(chain).bind(after).bind(PAGE).fetch_all(&mut *c).await)?,
    )
}
