//! Where bahi listens and how it is reached: port and address, the public URL, the browser
//! origins allowed to call the API, trusted proxies, request and shutdown timeouts.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use super::environment::Environment;
use super::errors::ConfigError;
use super::settings::{
    ALLOWED_ORIGINS, BIND, PORT, PUBLIC_URL, REQUEST_TIMEOUT_SECS, SHUTDOWN_TIMEOUT_SECS,
    TRUSTED_PROXIES,
};
use super::sources::{Raw, err};

pub(super) struct Network {
    pub bind: IpAddr,
    pub port: u16,
    pub public_url: url::Url,
    pub allowed_origins: Vec<String>,
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub request_timeout: Duration,
    pub shutdown_timeout: Duration,
}

fn parse_origin(origin: &str) -> Result<String, &'static str> {
    if origin == "*" {
        return Err("is not allowed: credentials are never shared with every origin");
    }
    let url =
        url::Url::parse(origin).map_err(|_| "is not an origin such as https://app.example.com")?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err("must be an http:// or https:// origin");
    }
    if url.path() != "/" || url.query().is_some() || origin.ends_with('/') {
        return Err("must be an origin without a path, such as https://app.example.com");
    }
    Ok(url.origin().ascii_serialization())
}

pub(super) fn read(raw: &Raw<'_>, env: Environment, errors: &mut Vec<ConfigError>) -> Network {
    let port = raw.number::<u16>(&PORT, 8080, 1, u16::MAX, errors);
    let bind = match raw.get(&BIND) {
        Some(text) => text.parse::<IpAddr>().unwrap_or_else(|_| {
            errors.push(err(
                &BIND,
                format!("must be an IP address such as 127.0.0.1 or 0.0.0.0, not {text:?}"),
            ));
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        }),
        // A platform that sets PORT routes traffic from outside the container.
        None if raw.get(&PORT).is_some() => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        None => IpAddr::V4(Ipv4Addr::LOCALHOST),
    };
    let fallback = || {
        url::Url::parse(&format!("http://127.0.0.1:{port}"))
            .unwrap_or_else(|_| unreachable!("a literal URL with a number parses"))
    };
    let public_url = match raw.get(&PUBLIC_URL) {
        Some(text) => match url::Url::parse(&text) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => u,
            _ => {
                errors.push(err(
                    &PUBLIC_URL,
                    format!("must be an http:// or https:// URL, not {text:?}"),
                ));
                fallback()
            }
        },
        None => fallback(),
    };
    if env == Environment::Production && public_url.scheme() != "https" {
        tracing::warn!("BAHI_PUBLIC_URL is not https in production (`bahi doctor` fails it)");
    }
    let allowed_origins = match raw.get(&ALLOWED_ORIGINS) {
        Some(list) => list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .filter_map(|origin| match parse_origin(origin) {
                Ok(o) => Some(o),
                Err(why) => {
                    errors.push(err(&ALLOWED_ORIGINS, format!("{origin:?} {why}")));
                    None
                }
            })
            .collect(),
        None => vec![public_url.origin().ascii_serialization()],
    };
    let trusted_proxies = raw
        .get(&TRUSTED_PROXIES)
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .filter_map(|entry| {
                    entry
                        .parse::<ipnet::IpNet>()
                        .or_else(|_| entry.parse::<IpAddr>().map(ipnet::IpNet::from))
                        .map_err(|_| {
                            errors.push(err(
                                &TRUSTED_PROXIES,
                                format!("{entry:?} is not an address or CIDR range"),
                            ));
                        })
                        .ok()
                })
                .collect()
        })
        .unwrap_or_default();
    Network {
        bind,
        port,
        public_url,
        allowed_origins,
        trusted_proxies,
        request_timeout: Duration::from_secs(raw.number(
            &REQUEST_TIMEOUT_SECS,
            30,
            1,
            3600,
            errors,
        )),
        shutdown_timeout: Duration::from_secs(raw.number(
            &SHUTDOWN_TIMEOUT_SECS,
            25,
            0,
            3600,
            errors,
        )),
    }
}
