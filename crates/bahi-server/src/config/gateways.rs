//! Payment gateways: where their APIs are and how long a call may take. Each business connects
//! its own accounts (keys on its settings page), so nothing here turns a gateway on.

use std::time::Duration;

use bahi_app::gateways::policy::GatewayPolicy;

use super::errors::ConfigError;
use super::settings::{GATEWAY_TIMEOUT_SECS, RAZORPAY_API_URL, STRIPE_API_URL, Setting};
use super::sources::{Raw, err};

pub(super) fn read(raw: &Raw<'_>, errors: &mut Vec<ConfigError>) -> GatewayPolicy {
    let mut api = |setting: &'static Setting, default: &str| {
        let given = raw.get(setting);
        match &given {
            Some(text)
                if !url::Url::parse(text).is_ok_and(|u| {
                    matches!(u.scheme(), "http" | "https") && u.host().is_some()
                }) =>
            {
                errors.push(err(
                    setting,
                    format!("must be an http(s) URL, not {text:?}"),
                ));
                default.to_owned()
            }
            Some(text) => text.clone(),
            None => default.to_owned(),
        }
    };
    let razorpay = api(&RAZORPAY_API_URL, GatewayPolicy::RAZORPAY_API);
    let stripe = api(&STRIPE_API_URL, GatewayPolicy::STRIPE_API);
    let timeout = raw.number::<u64>(&GATEWAY_TIMEOUT_SECS, 15, 1, 120, errors);
    GatewayPolicy::new(&razorpay, &stripe, Duration::from_secs(timeout))
}
