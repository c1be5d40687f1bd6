//! Sending a customer to pay: from a public invoice link, a Razorpay Payment Link or a Stripe
//! Checkout Session for the balance due, made with the business's own keys. A second click
//! while the balance is unchanged reuses what the gateway made.

use bahi_gst::Paise;
use bahi_store::gateways::Provider;
use bahi_store::gateways::checkouts::{self, Checkout};
use bahi_store::identity::now;
use time::Duration;

use super::exchange::{CallError, CheckoutRequest};
use super::integrations::open;
use super::{razorpay, stripe};
use crate::sales::public_links::Opened;
use crate::{Error, Services};

/// Why no payment page could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoCheckout {
    /// The business has not connected this gateway.
    NotConnected,
    /// Nothing is due (paid, or void).
    NothingDue,
    /// The gateway did not make one.
    Gateway(CallError),
}

/// How long what a gateway makes may be paid: Razorpay links a week; Stripe's sessions at
/// most a day.
fn validity(provider: Provider) -> Duration {
    match provider {
        Provider::Razorpay => Duration::days(7),
        Provider::Stripe => Duration::hours(23),
    }
}

/// The gateway's page for paying the invoice behind a public link.
pub async fn for_public_link(
    s: &Services,
    opened: &Opened,
    provider: Provider,
) -> Result<Result<String, NoCheckout>, Error> {
    let doc = &opened.invoice.doc;
    let due = doc.balance_due();
    if due <= Paise::ZERO {
        return Ok(Err(NoCheckout::NothingDue));
    }
    let Some(keys) = open(s, doc.org_id, provider).await? else {
        return Ok(Err(NoCheckout::NotConnected));
    };
    let at = now();
    // Reused only while it has more than an hour left to be paid in.
    let fresh_until = at + Duration::hours(1);
    if let Some(c) =
        checkouts::reusable(&s.db, doc.org_id, provider, doc.id, due, fresh_until).await?
    {
        return Ok(Ok(c.url));
    }
    let made_before = checkouts::count(&s.db, doc.org_id, provider, doc.id).await?;
    let number = doc.number.clone().unwrap_or_default();
    let reference = if made_before == 0 {
        number.clone()
    } else {
        format!("{number}-{}", made_before + 1)
    };
    let expires_at = at + validity(provider);
    let customer = opened.customer.as_ref();
    let request = CheckoutRequest {
        org_id: doc.org_id,
        invoice_id: doc.id,
        reference,
        number,
        business: opened.org.legal_name.clone(),
        amount: due,
        buyer_name: doc.buyer_name.clone(),
        buyer_email: customer.and_then(|c| c.email.clone()),
        buyer_phone: customer.and_then(|c| c.phone.clone()),
        return_url: opened.url.clone(),
        expires_at,
        idempotency_key: format!("bahi:{}:{}:{}", doc.id, due.get(), made_before),
    };
    let policy = &s.policy.gateways;
    let made = match provider {
        Provider::Razorpay => razorpay::create_link(policy, &keys.keys, &request).await,
        Provider::Stripe => stripe::create_session(policy, &keys.keys, &request).await,
    };
    let made = match made {
        Ok(made) => made,
        Err(e) => {
            tracing::warn!(provider = provider.as_str(), error = %e, "a checkout was not made");
            return Ok(Err(NoCheckout::Gateway(e)));
        }
    };
    checkouts::insert(
        &s.db,
        &Checkout {
            org_id: doc.org_id,
            provider,
            provider_ref: made.provider_ref,
            document_id: doc.id,
            amount: due,
            url: made.url.clone(),
            expires_at,
            created_at: at,
        },
    )
    .await?;
    Ok(Ok(made.url))
}
