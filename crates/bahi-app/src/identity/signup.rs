//! Sign-up: the user, their organisation and the owner membership, in one transaction.

use bahi_store::identity::orgs::{self, Organisation};
use bahi_store::identity::users::{self, User};
use bahi_store::identity::{Role, members};
use bahi_store::keys;

use super::sessions::{NewSession, start};
use super::validate::{self, OrgInput};
use super::{passwords, throttle};
use crate::audit::{Entity, Event, record};
use crate::context::AuditActor;
use crate::{Error, FieldErrors, Message, Services};

pub struct SignupInput {
    pub name: String,
    pub email: String,
    pub password: String,
    pub organisation: OrgInput,
    /// The language the pages were in when they signed up.
    pub language: bahi_store::identity::users::Language,
}

pub struct SignedUp {
    pub user: User,
    pub org: Organisation,
    pub session: NewSession,
}

/// What sign-up and an invitation say about an address that already has an account.
pub(crate) fn already_registered() -> Error {
    Error::duplicate("email", Message::new("email-registered"))
}

/// Maps the users' email key to [`already_registered`] (the loser of a race gets it too).
pub(crate) fn email_taken(e: bahi_store::StoreError) -> Error {
    if e.is_duplicate(&keys::USERS_EMAIL) {
        already_registered()
    } else {
        e.into()
    }
}

/// Signs up from `ip` (limited per address), and signs the new owner in.
pub async fn signup(s: &Services, input: SignupInput, ip: &str) -> Result<SignedUp, Error> {
    throttle::check_signup(s, ip).await?;
    let mut errors = FieldErrors::default();
    let name = validate::name("name", &input.name, 100, &mut errors);
    let email = validate::email("email", &input.email, &mut errors);
    let inputs = [
        name.as_str(),
        email.as_str(),
        input.organisation.legal_name.as_str(),
    ];
    if let Err(why) = passwords::check_strength(&input.password, &inputs) {
        errors.push("password", why);
    }
    let org_fields = validate::org(&input.organisation, "organisation.", &mut errors);
    let (Some(org_fields), true) = (org_fields, errors.is_empty()) else {
        return Err(Error::Invalid(errors.0));
    };
    let hash = passwords::hash(input.password.clone()).await?;

    let mut tx = s.db.begin_write().await?;
    if users::by_email(&mut tx, &email).await?.is_some() {
        return Err(already_registered());
    }
    // Two sign-ups racing on PostgreSQL both pass the check above; the unique key decides.
    let user = users::create(&mut tx, &email, &name, &hash, input.language)
        .await
        .map_err(email_taken)?;
    let org = orgs::create(&mut tx, &org_fields).await?;
    crate::ledger::chart::open_books(&mut tx, org.id).await?;
    members::add(&mut tx, org.id, user.id, Role::Owner).await?;
    let who = AuditActor {
        user_id: Some(user.id),
        email: Some(user.email.clone()),
        ip: Some(ip.to_owned()),
    };
    let summary = format!("{} signed up and created {}", user.email, org.legal_name);
    let entity = Entity("organisation", Some(org.id.to_string()));
    record(
        s,
        &mut tx,
        &who,
        Some(org.id),
        Event {
            action: "user.signup",
            entity,
            summary,
            details: vec![
                ("email", user.email.clone()),
                ("org", org.legal_name.clone()),
            ],
        },
    )
    .await?;
    let session = start(s, &mut tx, user.id).await?;
    tx.commit().await?;
    Ok(SignedUp { user, org, session })
}
