//! The delivery worker inside `serve`: claims due messages, sends them over SMTP, marks them
//! sent, or schedules a retry with exponential back-off and jitter, or — after the last attempt,
//! or at once when the server refuses for good (a 5xx reply) — moves them to the dead letters,
//! where an admin can retry them. Delivery is at least once: a crash between sending and
//! marking sends that message again when its lease runs out, with the same Message-ID.
//!
//! Several replicas each run a worker: their claims never overlap (see `bahi_store::outbox`).
//! A message queued by this process wakes its worker at once; others are found by polling.

use std::sync::Arc;
use std::time::Duration;

use bahi_store::outbox::{self, Claimed, Failure, OutboxId, epoch_ms};
use bahi_store::{Db, StoreError};
use futures_util::StreamExt;
use lettre::address::Envelope;
use lettre::transport::smtp::PoolConfig;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use rand::Rng;
use tokio::sync::Notify;

use crate::Services;

/// How the worker delivers.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// `smtp://host:25`, `smtp://user:pass@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:pass@host:465` (TLS from the start).
    pub smtp_url: String,
    /// Attempts before a message is given up on.
    pub max_attempts: i64,
    /// The wait before the first retry; each later one waits twice as long (at most six hours),
    /// give or take a fifth, so messages that failed together do not retry together.
    pub first_retry: Duration,
    /// Messages claimed at once, and sent at once over that many pooled connections.
    pub batch: i64,
    pub connections: u32,
    /// How long a claim holds: longer than a batch can take to send.
    pub lease: Duration,
    /// How often to look for due messages queued elsewhere (other replicas, retries).
    pub poll: Duration,
    /// How long one SMTP conversation may take.
    pub timeout: Duration,
}

impl Delivery {
    #[must_use]
    pub fn new(smtp_url: String) -> Self {
        Self {
            smtp_url,
            max_attempts: 8,
            first_retry: Duration::from_secs(60),
            batch: 64,
            connections: 8,
            lease: Duration::from_secs(600),
            poll: Duration::from_secs(1),
            timeout: Duration::from_secs(30),
        }
    }

    /// The wait after the `attempt`-th failed attempt (1-based), before jitter.
    #[must_use]
    pub fn backoff(&self, attempt: i64) -> Duration {
        const CAP: Duration = Duration::from_secs(6 * 3600);
        let doublings = u32::try_from(attempt.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
        self.first_retry.saturating_mul(1 << doublings).min(CAP)
    }
}

/// What one round of the worker did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub claimed: usize,
    pub sent: usize,
    pub retrying: usize,
    pub dead: usize,
}

pub struct Worker {
    db: Db,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    delivery: Delivery,
    wake: Arc<Notify>,
}

/// Why a message did not go.
struct SendError {
    permanent: bool,
    text: String,
}

impl Worker {
    /// A worker for the deployment; `Err` names what is wrong with the SMTP URL.
    pub fn new(s: &Services, delivery: Delivery) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&delivery.smtp_url)
            .map_err(|e| format!("BAHI_SMTP_URL: {e}"))?
            .timeout(Some(delivery.timeout))
            .pool_config(PoolConfig::new().max_size(delivery.connections))
            .build();
        Ok(Self {
            db: s.db.clone(),
            transport,
            delivery,
            wake: s.outbox_wake.clone(),
        })
    }

    /// Delivers until the task is dropped.
    pub async fn run(self) {
        loop {
            match self.round().await {
                Ok(round) if round.claimed > 0 => {
                    tracing::debug!(?round, "outbox round");
                    continue;
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "the outbox could not be read"),
            }
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(self.delivery.poll) => {}
            }
        }
    }

    /// Claims one batch of due messages and delivers it.
    pub async fn round(&self) -> Result<Round, StoreError> {
        let now = epoch_ms(time::OffsetDateTime::now_utc());
        let lease = i64::try_from(self.delivery.lease.as_millis()).unwrap_or(i64::MAX);
        let claimed = outbox::claim(
            &self.db,
            now,
            now.saturating_add(lease),
            self.delivery.batch,
        )
        .await?;
        let mut round = Round {
            claimed: claimed.len(),
            ..Round::default()
        };
        if claimed.is_empty() {
            return Ok(round);
        }
        let connections = usize::try_from(self.delivery.connections.max(1)).unwrap_or(1);
        let results: Vec<(OutboxId, i64, Result<(), SendError>)> =
            futures_util::stream::iter(claimed)
                .map(|m| async move {
                    let result = self.send(&m).await;
                    (m.id, m.attempts, result)
                })
                .buffer_unordered(connections)
                .collect()
                .await;
        let mut sent = Vec::new();
        for (id, attempts, result) in results {
            match result {
                Ok(()) => sent.push((id, attempts)),
                Err(e) => {
                    let failure = if e.permanent || attempts >= self.delivery.max_attempts {
                        round.dead += 1;
                        Failure::Dead
                    } else {
                        round.retrying += 1;
                        Failure::RetryAt(now_ms().saturating_add(self.wait_after(attempts)))
                    };
                    tracing::warn!(message = %id, attempts, error = %e.text, dead = matches!(failure, Failure::Dead), "mail not delivered");
                    outbox::mark_failed(&self.db, id, attempts, &e.text, failure).await?;
                }
            }
        }
        outbox::mark_sent(&self.db, &sent).await?;
        round.sent = sent.len();
        Ok(round)
    }

    fn wait_after(&self, attempts: i64) -> i64 {
        let base = i64::try_from(self.delivery.backoff(attempts).as_millis()).unwrap_or(i64::MAX);
        let fifths = rand::rng().random_range(800..=1200);
        base.saturating_mul(fifths) / 1000
    }

    async fn send(&self, m: &Claimed) -> Result<(), SendError> {
        let refuse = |text: String| SendError {
            permanent: true,
            text,
        };
        let Some(bytes) = &m.message else {
            return Err(refuse("the message has no content".to_owned()));
        };
        let from: Address = m
            .sender
            .parse()
            .map_err(|e| refuse(format!("sender: {e}")))?;
        let to = m
            .recipients
            .split(',')
            .map(str::parse::<Address>)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| refuse(format!("recipient: {e}")))?;
        let envelope = Envelope::new(Some(from), to).map_err(|e| refuse(e.to_string()))?;
        self.transport
            .send_raw(&envelope, bytes)
            .await
            .map(|_| ())
            .map_err(|e| SendError {
                permanent: e.is_permanent(),
                text: e.to_string(),
            })
    }
}

fn now_ms() -> i64 {
    epoch_ms(time::OffsetDateTime::now_utc())
}
