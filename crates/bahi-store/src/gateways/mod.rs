//! Payment gateways a business connects (Razorpay, Stripe): its keys (sealed by the use cases,
//! stored here as text), what a gateway made for an invoice, and the inbox of webhook events.

pub mod checkouts;
pub mod events;
pub mod integrations;

use crate::column::as_name;

/// A payment gateway bahi talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    Razorpay,
    Stripe,
}

impl Provider {
    pub const ALL: &'static [Self] = &[Self::Razorpay, Self::Stripe];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Razorpay => "razorpay",
            Self::Stripe => "stripe",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|p| p.as_str() == text)
    }
}

as_name!(Provider);
