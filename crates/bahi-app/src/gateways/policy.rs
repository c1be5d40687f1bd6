//! Where the gateways' APIs are, and the HTTP client that calls them.

use std::time::Duration;

/// The gateways' API addresses (the real ones unless a deployment or a test says otherwise)
/// and one client, with a timeout, for calling them.
#[derive(Debug, Clone)]
pub struct GatewayPolicy {
    /// `https://api.razorpay.com/`, ending in `/`.
    pub razorpay_api: String,
    /// `https://api.stripe.com/`, ending in `/`.
    pub stripe_api: String,
    pub http: reqwest::Client,
}

impl GatewayPolicy {
    pub const RAZORPAY_API: &'static str = "https://api.razorpay.com/";
    pub const STRIPE_API: &'static str = "https://api.stripe.com/";

    /// The gateways at these addresses, each call given at most `timeout`.
    #[must_use]
    pub fn new(razorpay_api: &str, stripe_api: &str, timeout: Duration) -> Self {
        let slash = |u: &str| {
            if u.ends_with('/') {
                u.to_owned()
            } else {
                format!("{u}/")
            }
        };
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(concat!("bahi/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_default();
        Self {
            razorpay_api: slash(razorpay_api),
            stripe_api: slash(stripe_api),
            http,
        }
    }
}

impl Default for GatewayPolicy {
    fn default() -> Self {
        Self::new(
            Self::RAZORPAY_API,
            Self::STRIPE_API,
            Duration::from_secs(15),
        )
    }
}
