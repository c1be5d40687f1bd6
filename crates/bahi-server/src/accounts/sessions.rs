//! Signing in and out, and changing passwords.

use bahi_store::identity::users::{self, User};
use bahi_store::identity::{UserId, sessions, tokens};

use super::{Actor, record, validate};
use crate::auth::{limits, password, session};
use crate::error::AppError;
use crate::state::AppState;

pub struct SignedIn {
    pub user: User,
    pub session: session::NewSession,
}

/// Checks the password; one generic 401 for a wrong password and an unknown email alike, taking
/// about as long either way. Throttled per account and per client address, with the same
/// lockout as every other password check. `previous` is the session the browser held before
/// (if any): signing in again ends it.
pub async fn login(
    app: &AppState,
    email: &str,
    password_text: &str,
    ip: &str,
    previous: Option<&str>,
) -> Result<SignedIn, AppError> {
    let email = users::normalise_email(email);
    let user = users::by_email(&app.db, &email).await?;
    let matches = limits::verify_password(
        app,
        &email,
        ip,
        password_text,
        user.as_ref().map(|u| &u.password_hash),
    )
    .await?;
    let actor = Actor {
        user_id: user.as_ref().map(|u| u.id),
        email: Some(email.clone()),
        ip: Some(ip.to_owned()),
    };
    let (Some(user), true) = (user, matches) else {
        let mut tx = app.db.begin_write().await?;
        record(
            app,
            &mut tx,
            &actor,
            None,
            "user.login_failed",
            ("user", actor.user_id.map(|u| u.to_string())),
            format!("failed sign-in for {email}"),
        )
        .await?;
        tx.commit().await?;
        return Err(AppError::Unauthorized);
    };
    let mut tx = app.db.begin_write().await?;
    if let Some(previous) = previous {
        sessions::delete(&mut tx, previous).await?;
    }
    let session = session::start(app, &mut tx, user.id).await?;
    record(
        app,
        &mut tx,
        &actor,
        None,
        "user.login",
        ("user", Some(user.id.to_string())),
        format!("{email} signed in"),
    )
    .await?;
    tx.commit().await?;
    Ok(SignedIn { user, session })
}

/// Ends the session server-side.
pub async fn logout(
    app: &AppState,
    user: &User,
    session_id_hash: &str,
    ip: Option<String>,
) -> Result<(), AppError> {
    let mut tx = app.db.begin_write().await?;
    sessions::delete(&mut tx, session_id_hash).await?;
    record(
        app,
        &mut tx,
        &Actor::user(user.id, &user.email, ip),
        None,
        "user.logout",
        ("user", Some(user.id.to_string())),
        format!("{} signed out", user.email),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets a new password and ends every other session of the user. `keep` is the session that
/// made the change (none when an administrator resets it); with `revoke_tokens` the user's API
/// tokens stop working too.
pub struct PasswordChange<'a> {
    pub keep: Option<&'a str>,
    pub revoke_tokens: bool,
    pub actor: &'a Actor,
    pub action: &'a str,
}

/// What a password change ended.
pub struct Ended {
    pub sessions: u64,
    pub tokens: u64,
}

pub async fn set_password(
    app: &AppState,
    user_id: UserId,
    new_password: &str,
    change: PasswordChange<'_>,
) -> Result<Ended, AppError> {
    let user = users::get(&app.db, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    password::check_strength(new_password, &[&user.email, &user.name])
        .map_err(|why| AppError::Validation(vec![validate::err("password", why)]))?;
    let hash = password::hash(new_password.to_owned())
        .await
        .map_err(AppError::Internal)?;
    let mut tx = app.db.begin_write().await?;
    users::set_password(&mut tx, user.id, &hash).await?;
    let sessions = sessions::delete_for_user(&mut tx, user.id, change.keep).await?;
    let tokens = if change.revoke_tokens {
        tokens::revoke_all(&mut tx, user.id).await?
    } else {
        0
    };
    record(
        app,
        &mut tx,
        change.actor,
        None,
        change.action,
        ("user", Some(user.id.to_string())),
        format!(
            "password of {} changed; {sessions} other sessions ended, {tokens} API tokens revoked",
            user.email
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Ended { sessions, tokens })
}

/// A signed-in user changing their own password: the current one must match (checked under the
/// same throttle and lockout as sign-in); every other session of theirs ends, `this_session`
/// stays; with `revoke_tokens` their API tokens are revoked.
pub async fn change_own_password(
    app: &AppState,
    user: &User,
    this_session: Option<&str>,
    current: &str,
    new_password: &str,
    revoke_tokens: bool,
    ip: &str,
) -> Result<Ended, AppError> {
    let matches =
        limits::verify_password(app, &user.email, ip, current, Some(&user.password_hash)).await?;
    if !matches {
        return Err(AppError::field(
            "current_password",
            "is not your current password",
        ));
    }
    let actor = Actor::user(user.id, &user.email, Some(ip.to_owned()));
    set_password(
        app,
        user.id,
        new_password,
        PasswordChange {
            keep: this_session,
            revoke_tokens,
            actor: &actor,
            action: "user.password_change",
        },
    )
    .await
}
