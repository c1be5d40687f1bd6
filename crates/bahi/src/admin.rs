//! `bahi admin …`: platform administrators and password resets, from the server's shell.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use bahi_server::AppState;
use bahi_server::accounts::{self, Actor};
use bahi_server::auth::{password, random_secret};
use bahi_store::identity::{audit, users};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Make a user a platform administrator, creating the account (with a generated password,
    /// printed once) if there is none.
    CreatePlatformAdmin {
        #[arg(long)]
        email: String,
    },
    /// Set a user's password: read from standard input when it is piped, otherwise generated and
    /// printed once. Every session of the user ends.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
}

fn cli_actor() -> Actor {
    Actor {
        user_id: None,
        email: Some("bahi admin (command line)".into()),
        ip: None,
    }
}

pub async fn run(app: &AppState, command: AdminCommand) -> ExitCode {
    let result = match command {
        AdminCommand::CreatePlatformAdmin { email } => create_platform_admin(app, &email).await,
        AdminCommand::ResetPassword { email } => reset_password(app, &email).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bahi admin: {message}");
            ExitCode::FAILURE
        }
    }
}

/// A generated password: 24 random bytes, about 190 bits.
fn generated() -> String {
    random_secret(24)
}

async fn create_platform_admin(app: &AppState, email: &str) -> Result<(), String> {
    let existing = users::by_email(&app.db, email)
        .await
        .map_err(|e| e.to_string())?;
    let mut tx = app.db.begin_write().await.map_err(|e| e.to_string())?;
    let (user, new_password) = match existing {
        Some(user) => (user, None),
        None => {
            let mut errors = Vec::new();
            let email = bahi_server::accounts::validate_email(email, &mut errors);
            if !errors.is_empty() {
                return Err(format!("{email:?} is not an email address"));
            }
            let secret = generated();
            let hash = password::hash(secret.clone()).await?;
            let name = email
                .split('@')
                .next()
                .unwrap_or("Administrator")
                .to_owned();
            (
                users::create(&mut tx, &email, &name, &hash)
                    .await
                    .map_err(|e| e.to_string())?,
                Some(secret),
            )
        }
    };
    users::set_platform_admin(&mut tx, user.id, true)
        .await
        .map_err(|e| e.to_string())?;
    let event = audit::NewEvent {
        actor_email: cli_actor().email,
        action: "platform.admin_grant".into(),
        entity_type: "user".into(),
        entity_id: Some(user.id.to_string()),
        summary: format!("{} made a platform administrator", user.email),
        ..audit::NewEvent::default()
    };
    audit::append(&mut tx, &app.config.audit_keys, event)
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    println!("{} is a platform administrator.", user.email);
    if let Some(secret) = new_password {
        println!("A new account was created. Its password, shown only now:\n{secret}");
    }
    Ok(())
}

async fn reset_password(app: &AppState, email: &str) -> Result<(), String> {
    let user = users::by_email(&app.db, email)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no account has the email {email}"))?;
    let stdin = std::io::stdin();
    let (new_password, generated_one) = if stdin.is_terminal() {
        (generated(), true)
    } else {
        let mut text = String::new();
        stdin
            .lock()
            .read_to_string(&mut text)
            .map_err(|e| e.to_string())?;
        let text = text.trim_end_matches(['\r', '\n']).to_owned();
        if text.is_empty() {
            (generated(), true)
        } else {
            (text, false)
        }
    };
    let actor = cli_actor();
    let ended = accounts::sessions::set_password(
        app,
        user.id,
        &new_password,
        accounts::sessions::PasswordChange {
            keep: None,
            revoke_tokens: false,
            actor: &actor,
            action: "user.password_reset",
        },
    )
    .await
    .map_err(|e| match e {
        bahi_server::error::AppError::Validation(errors) => errors
            .into_iter()
            .map(|e| format!("{} {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    })?;
    println!(
        "Password of {} reset; {} sessions ended.",
        user.email, ended.sessions
    );
    if generated_one {
        println!("New password, shown only now:\n{new_password}");
    }
    Ok(())
}
