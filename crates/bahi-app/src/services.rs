//! What every use case is given: the database and the deployment's rules.

use std::sync::Arc;
use std::time::Duration;

use bahi_store::Db;
use bahi_store::identity::audit::AuditKeys;

/// What every use case needs: the database and the rules the deployment runs by.
#[derive(Clone)]
pub struct Services {
    pub db: Db,
    pub policy: Arc<Policy>,
    /// Each organisation's turn to take a document number (see [`NumberTurns`]).
    pub(crate) number_turns: Arc<NumberTurns>,
    /// Rung after a commit that queued mail, so this process's worker sends it at once.
    pub outbox_wake: Arc<tokio::sync::Notify>,
    /// Rung when a webhook event was kept, so this process's inbox worker applies it at once.
    pub inbox_wake: Arc<tokio::sync::Notify>,
    /// Counts the webhook events this process's inbox worker settled (for whoever waits on
    /// one: tests, without polling on a timer).
    pub inbox_settled: Arc<tokio::sync::watch::Sender<u64>>,
    /// What this process has done, for its metrics.
    pub counters: Arc<Counters>,
}

/// Counts of what this process did since it started (Prometheus counters: per process,
/// read with `rate()`).
#[derive(Debug, Default)]
pub struct Counters {
    invoices_issued: std::sync::atomic::AtomicU64,
}

impl Counters {
    pub(crate) fn invoice_issued(&self) {
        self.invoices_issued
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Invoices and bills of supply issued.
    #[must_use]
    pub fn invoices_issued(&self) -> u64 {
        self.invoices_issued
            .load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Issues within one organisation wait for its counter row (and then its audit chain) in the
/// database, one at a time. PostgreSQL does not promise that waiters get a released row lock in
/// the order they asked, so under a burst some requests would wait far longer than others;
/// issues of this process take turns here instead, first come first served, and meet the row
/// lock free. (Across replicas, the row lock alone keeps numbers right.)
#[derive(Debug, Default)]
pub struct NumberTurns {
    turns: std::sync::Mutex<
        std::collections::HashMap<bahi_store::identity::OrgId, Arc<tokio::sync::Mutex<()>>>,
    >,
}

impl NumberTurns {
    /// Waits for the organisation's turn; the turn lasts as long as the guard.
    pub(crate) async fn wait(
        &self,
        org: bahi_store::identity::OrgId,
    ) -> tokio::sync::OwnedMutexGuard<()> {
        let turn = {
            let mut turns = self
                .turns
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            turns.entry(org).or_default().clone()
        };
        turn.lock_owned().await
    }
}

impl Services {
    #[must_use]
    pub fn new(db: Db, policy: Policy) -> Self {
        Self {
            db,
            policy: Arc::new(policy),
            number_turns: Arc::default(),
            outbox_wake: Arc::default(),
            inbox_wake: Arc::default(),
            inbox_settled: Arc::new(tokio::sync::watch::Sender::new(0)),
            counters: Arc::default(),
        }
    }

    /// Whether mail is configured (`BAHI_SMTP_URL`); when it is not, nothing is queued.
    #[must_use]
    pub fn mail_on(&self) -> bool {
        self.policy.mail.is_some()
    }
}

/// The deployment's rules, from its configuration.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Signs the audit trail (and verifies what earlier keys signed).
    pub audit_keys: AuditKeys,
    pub limits: Limits,
    /// A session unused this long ends.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, however busy.
    pub session_absolute: Duration,
    /// The address people reach bahi at, ending in `/` (for links such as invitations).
    pub public_url: String,
    /// Demo data (`bahi seed --demo`) is refused where real data lives.
    pub production: bool,
    /// Mail, when it is configured.
    pub mail: Option<crate::mail::policy::MailPolicy>,
    /// Seals the secrets the server reads back (authenticator keys).
    pub sealing: crate::secrets::SecretBox,
    /// Where the payment gateways' APIs are.
    pub gateways: crate::gateways::policy::GatewayPolicy,
    /// The language model HSN help asks, when one is configured.
    pub llm: Option<crate::masters::hsn_model::LlmPolicy>,
}

/// Throttling: sign-ups, password checks, invitations (API.md, Authentication).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub signups_per_hour: i64,
    pub login_failures_per_account: i64,
    pub login_failures_per_address: i64,
    pub invitations_per_org_per_day: i64,
    pub invitations_per_inviter_per_hour: i64,
}
