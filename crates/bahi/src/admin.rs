//! `bahi admin …`: platform administrators and password resets, from the server's shell.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use bahi_app::identity::{admin, sessions};
use bahi_app::secrets::random_secret;
use clap::Subcommand;

use crate::site::{OPERATOR, Site, say};

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

pub async fn run(site: &Site, command: AdminCommand) -> ExitCode {
    let result = match command {
        AdminCommand::CreatePlatformAdmin { email } => create_platform_admin(site, &email).await,
        AdminCommand::ResetPassword { email } => reset_password(site, &email).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bahi admin: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn create_platform_admin(site: &Site, email: &str) -> Result<(), String> {
    let (user, new_password) = admin::grant_platform_admin(&site.services, &OPERATOR, email)
        .await
        .map_err(|e| match e {
            bahi_app::Error::Invalid(_) => format!("{email:?} is not an email address"),
            other => say(&other),
        })?;
    println!("{} is a platform administrator.", user.email);
    if let Some(secret) = new_password {
        println!("A new account was created. Its password, shown only now:\n{secret}");
    }
    Ok(())
}

async fn reset_password(site: &Site, email: &str) -> Result<(), String> {
    let stdin = std::io::stdin();
    // A generated password: 24 random bytes, about 190 bits.
    let (new_password, generated) = if stdin.is_terminal() {
        (random_secret(24), true)
    } else {
        let mut text = String::new();
        stdin
            .lock()
            .read_to_string(&mut text)
            .map_err(|e| e.to_string())?;
        let text = text.trim_end_matches(['\r', '\n']).to_owned();
        if text.is_empty() {
            (random_secret(24), true)
        } else {
            (text, false)
        }
    };
    let (user, ended) = sessions::reset_password(&site.services, &OPERATOR, email, &new_password)
        .await
        .map_err(|e| match e {
            bahi_app::Error::NotFound => format!("no account has the email {email}"),
            other => say(&other),
        })?;
    println!(
        "Password of {} reset; {} sessions ended.",
        user.email, ended.sessions
    );
    if generated {
        println!("New password, shown only now:\n{new_password}");
    }
    Ok(())
}
