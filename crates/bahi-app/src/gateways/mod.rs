//! Getting paid through a business's own gateway accounts: connecting them
//! ([`integrations`]), sending a customer to pay ([`checkout`]), and webhooks — verified
//! ([`signatures`]), kept once in the inbox ([`webhooks`]) and applied as payments ([`inbox`]).
//! What each gateway's API and events look like lives in [`razorpay`] and [`stripe`].

pub mod checkout;
pub mod exchange;
pub mod inbox;
pub mod integrations;
pub mod policy;
pub mod razorpay;
pub mod signatures;
pub mod stripe;
pub mod webhooks;
