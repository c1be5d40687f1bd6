//! Sign-up: the user, their organisation and the owner membership, in one transaction.

use bahi_store::identity::orgs::{self, Organisation};
use bahi_store::identity::users::{self, User};
use bahi_store::identity::{Role, members};
use bahi_store::keys;
use serde::Deserialize;
use utoipa::ToSchema;

use super::members::already_registered;
use super::validate::{self, OrgInput, validate_org};
use super::{Actor, record};
use crate::auth::{password, session};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct SignupInput {
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    #[schema(max_length = 254, format = "email")]
    pub email: String,
    /// At least 10 characters, at most 256; no composition rules.
    #[schema(min_length = 10, max_length = 256)]
    pub password: String,
    pub organisation: OrgInput,
}

pub struct SignedUp {
    pub user: User,
    pub org: Organisation,
    pub session: session::NewSession,
}

pub async fn signup(
    app: &AppState,
    input: SignupInput,
    ip: Option<String>,
) -> Result<SignedUp, AppError> {
    let mut errors = Vec::new();
    let name = validate::name("name", &input.name, 100, &mut errors);
    let email = validate::email("email", &input.email, &mut errors);
    if let Err(why) = password::check_strength(
        &input.password,
        &[&name, &email, &input.organisation.legal_name],
    ) {
        errors.push(validate::err("password", why));
    }
    let org_fields = validate_org(&input.organisation, "organisation.", &mut errors);
    let (Some(org_fields), true) = (org_fields, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let hash = password::hash(input.password)
        .await
        .map_err(AppError::Internal)?;

    let mut tx = app.db.begin_write().await?;
    if users::by_email(&mut tx, &email).await?.is_some() {
        return Err(already_registered());
    }
    // Two sign-ups racing on PostgreSQL both pass the check above; the unique key decides.
    let user = users::create(&mut tx, &email, &name, &hash)
        .await
        .map_err(|e| {
            if e.is_duplicate(&keys::USERS_EMAIL) {
                already_registered()
            } else {
                e.into()
            }
        })?;
    let org = orgs::create(&mut tx, &org_fields).await?;
    members::add(&mut tx, org.id, user.id, Role::Owner).await?;
    let actor = Actor::user(user.id, &user.email, ip);
    record(
        app,
        &mut tx,
        &actor,
        Some(org.id),
        "user.signup",
        ("organisation", Some(org.id.to_string())),
        format!("{} signed up and created {}", user.email, org.legal_name),
    )
    .await?;
    let session = session::start(app, &mut tx, user.id).await?;
    tx.commit().await?;
    Ok(SignedUp { user, org, session })
}
