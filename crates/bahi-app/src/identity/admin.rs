//! Platform administration from the server's shell (`bahi admin`): an operator makes someone a
//! platform administrator, creating the account when there is none.

use bahi_store::identity::users::{self, Language, User};

use super::{passwords, validate};
use crate::audit::{Entity, Event, record};
use crate::secrets::random_secret;
use crate::{Error, FieldErrors, Operator, Services};

/// Makes `email` a platform administrator. A new account gets a generated password, returned
/// (once) beside the user.
pub async fn grant_platform_admin(
    s: &Services,
    operator: &Operator,
    email: &str,
) -> Result<(User, Option<String>), Error> {
    let mut errors = FieldErrors::default();
    let email = validate::email("email", email, &mut errors);
    errors.check()?;
    let existing = users::by_email(&s.db, &email).await?;
    let new_password = existing.is_none().then(|| random_secret(24));
    let hash = match &new_password {
        Some(p) => Some(passwords::hash(p.clone()).await?),
        None => None,
    };
    let mut tx = s.db.begin_write().await?;
    let user = match (existing, hash) {
        (Some(user), _) => user,
        (None, Some(hash)) => {
            let name = email.split('@').next().unwrap_or("Administrator");
            users::create(&mut tx, &email, name, &hash, Language::default()).await?
        }
        (None, None) => return Err(Error::Internal("no password for the new account".into())),
    };
    users::set_platform_admin(&mut tx, user.id, true).await?;
    let summary = format!("{} made a platform administrator", user.email);
    let entity = Entity("user", Some(user.id.to_string()));
    record(
        s,
        &mut tx,
        &operator.into(),
        None,
        Event {
            action: "platform.admin_grant",
            entity,
            summary,
            details: vec![("email", user.email.clone())],
        },
    )
    .await?;
    tx.commit().await?;
    Ok((user, new_password))
}
