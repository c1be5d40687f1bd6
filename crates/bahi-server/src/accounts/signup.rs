//! Sign-up: the user, their organisation and the owner membership, in one transaction.

use bahi_store::identity::orgs::{self, Organisation};
use bahi_store::identity::users::{self, User};
use bahi_store::identity::{Role, members};
use serde::Deserialize;
use utoipa::ToSchema;

use super::validate::{self, OrgInput, validate_org};
use super::{Actor, record};
use crate::auth::{password, session};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct SignupInput {
    pub name: String,
    pub email: String,
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
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let hash = password::hash(input.password)
        .await
        .map_err(AppError::Internal)?;

    let mut tx = app.db.begin_write().await?;
    if users::by_email_tx(&mut tx, &email).await?.is_some() {
        return Err(AppError::Validation(vec![validate::err(
            "email",
            "is already registered; sign in instead",
        )]));
    }
    let user = users::create(&mut tx, &email, &name, &hash).await?;
    let org = orgs::create(&mut tx, &org_fields).await?;
    members::add(&mut tx, org.id, user.id, Role::Owner).await?;
    let actor = Actor::user(user.id, &user.email, ip);
    record(
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
