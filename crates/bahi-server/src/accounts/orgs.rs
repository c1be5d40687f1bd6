//! Organisation settings and platform suspension.

use bahi_store::identity::OrgId;
use bahi_store::identity::orgs::{self, Organisation};

use super::{Actor, OrgInput, record, validate_org};
use crate::error::AppError;
use crate::state::AppState;

pub async fn update(
    app: &AppState,
    org: OrgId,
    input: &OrgInput,
    actor: &Actor,
) -> Result<Organisation, AppError> {
    let mut errors = Vec::new();
    let Some(fields) = validate_org(input, "", &mut errors) else {
        return Err(AppError::Validation(errors));
    };
    let mut tx = app.db.begin_write().await?;
    orgs::update(&mut tx, org, &fields).await?;
    record(
        app,
        &mut tx,
        actor,
        Some(org),
        "organisation.update",
        ("organisation", Some(org.to_string())),
        format!("settings of {} changed", fields.legal_name),
    )
    .await?;
    tx.commit().await?;
    orgs::get(&app.db, org).await?.ok_or(AppError::NotFound)
}

/// Suspends or reinstates an organisation; recorded in its own chain and the system chain.
pub async fn set_suspended(
    app: &AppState,
    org: OrgId,
    suspended: bool,
    actor: &Actor,
) -> Result<Organisation, AppError> {
    let mut tx = app.db.begin_write().await?;
    if !orgs::set_suspended(&mut tx, org, suspended).await? {
        return Err(AppError::NotFound);
    }
    let action = if suspended {
        "organisation.suspend"
    } else {
        "organisation.unsuspend"
    };
    let summary = format!(
        "organisation {} by a platform administrator",
        if suspended { "suspended" } else { "reinstated" }
    );
    record(
        app,
        &mut tx,
        actor,
        Some(org),
        action,
        ("organisation", Some(org.to_string())),
        summary.clone(),
    )
    .await?;
    record(
        app,
        &mut tx,
        actor,
        None,
        action,
        ("organisation", Some(org.to_string())),
        summary,
    )
    .await?;
    tx.commit().await?;
    orgs::get(&app.db, org).await?.ok_or(AppError::NotFound)
}
