//! Signing in and out, and changing passwords.

use bahi_store::identity::users::{self, User};
use bahi_store::identity::{UserId, sessions};

use super::{Actor, record, validate};
use crate::auth::{limits, password, session};
use crate::error::AppError;
use crate::state::AppState;

pub struct SignedIn {
    pub user: User,
    pub session: session::NewSession,
}

/// Checks the password; one generic 401 for a wrong password and an unknown email alike, taking
/// about as long either way. Throttled per account and per client address.
pub async fn login(
    app: &AppState,
    email: &str,
    password_text: &str,
    ip: &str,
) -> Result<SignedIn, AppError> {
    let email = users::normalise_email(email);
    limits::check_login(app, &email, ip).await?;
    let user = users::by_email(&app.db, &email).await?;
    let hash = user
        .as_ref()
        .map_or_else(password::dummy_hash, |u| u.password_hash.clone());
    let matches = password::verify(password_text.to_owned(), hash).await;
    let actor = Actor {
        user_id: user.as_ref().map(|u| u.id),
        email: Some(email.clone()),
        ip: Some(ip.to_owned()),
    };
    let (Some(user), true) = (user, matches) else {
        limits::record_failed_login(app, &email, ip).await?;
        let mut tx = app.db.begin_write().await?;
        record(
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
    limits::clear_account(app, &email).await?;
    let mut tx = app.db.begin_write().await?;
    let session = session::start(app, &mut tx, user.id).await?;
    record(
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
    sessions::delete_tx(&mut tx, session_id_hash).await?;
    record(
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
/// made the change (none when an administrator resets it).
pub async fn set_password(
    app: &AppState,
    user_id: UserId,
    new_password: &str,
    keep: Option<&str>,
    actor: &Actor,
    action: &str,
) -> Result<u64, AppError> {
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
    let ended = sessions::delete_for_user(&mut tx, user.id, keep).await?;
    record(
        &mut tx,
        actor,
        None,
        action,
        ("user", Some(user.id.to_string())),
        format!(
            "password of {} changed; {ended} other sessions ended",
            user.email
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(ended)
}

/// A signed-in user changing their own password: the current one must match; every other
/// session of theirs ends, `this_session` stays.
pub async fn change_own_password(
    app: &AppState,
    user: &User,
    this_session: Option<&str>,
    current: &str,
    new_password: &str,
    ip: Option<String>,
) -> Result<u64, AppError> {
    if !password::verify(current.to_owned(), user.password_hash.clone()).await {
        return Err(AppError::field(
            "current_password",
            "is not your current password",
        ));
    }
    let actor = Actor::user(user.id, &user.email, ip);
    set_password(
        app,
        user.id,
        new_password,
        this_session,
        &actor,
        "user.password_change",
    )
    .await
}
