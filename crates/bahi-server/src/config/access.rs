//! Sessions and throttling: how long a sign-in lasts, and how many attempts of each kind are
//! allowed (API.md, Authentication).

use std::time::Duration;

use bahi_app::Limits;

use super::errors::ConfigError;
use super::settings::{
    INVITATIONS_PER_INVITER_PER_HOUR, INVITATIONS_PER_ORG_PER_DAY, LOGIN_FAILURES_PER_ACCOUNT,
    LOGIN_FAILURES_PER_ADDRESS, SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES,
    SIGNUP_LIMIT_PER_HOUR,
};
use super::sources::{Raw, err};

pub(super) struct Access {
    pub session_idle: Duration,
    pub session_absolute: Duration,
    pub limits: Limits,
}

pub(super) fn read(raw: &Raw<'_>, errors: &mut Vec<ConfigError>) -> Access {
    let session_idle = Duration::from_secs(
        60 * raw.number::<u64>(&SESSION_IDLE_MINUTES, 120, 1, 60 * 24 * 30, errors),
    );
    let session_absolute = Duration::from_secs(
        3600 * raw.number::<u64>(&SESSION_ABSOLUTE_HOURS, 12, 1, 24 * 90, errors),
    );
    if session_idle > session_absolute {
        errors.push(err(
            &SESSION_IDLE_MINUTES,
            "must not be longer than BAHI_SESSION_ABSOLUTE_HOURS".to_owned(),
        ));
    }
    let mut limit = |setting, default| raw.number(setting, default, 1, 1_000_000, errors);
    let limits = Limits {
        signups_per_hour: limit(&SIGNUP_LIMIT_PER_HOUR, 20),
        login_failures_per_account: limit(&LOGIN_FAILURES_PER_ACCOUNT, 10),
        login_failures_per_address: limit(&LOGIN_FAILURES_PER_ADDRESS, 100),
        invitations_per_org_per_day: limit(&INVITATIONS_PER_ORG_PER_DAY, 50),
        invitations_per_inviter_per_hour: limit(&INVITATIONS_PER_INVITER_PER_HOUR, 20),
    };
    Access {
        session_idle,
        session_absolute,
        limits,
    }
}
