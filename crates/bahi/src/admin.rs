//! `bahi admin …`: platform administrators and password resets, from the server's shell.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use bahi_app::identity::{admin, sessions};
use bahi_app::mail;
use bahi_app::secrets::random_secret;
use bahi_store::outbox::{OutboxId, State};
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
    /// The outbox: mail waiting, sent, or given up on (dead letters), and another try for them.
    Outbox {
        #[command(subcommand)]
        command: OutboxCommand,
    },
}

#[derive(Subcommand)]
pub enum OutboxCommand {
    /// Messages, newest first: how many wait and are dead, then one line each.
    List {
        /// Only `pending`, `sent` or `dead` messages.
        #[arg(long)]
        state: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Send a dead letter again, from its first attempt (`--all-dead`: every one).
    Retry {
        id: Option<String>,
        #[arg(long)]
        all_dead: bool,
    },
}

pub async fn run(site: &Site, command: AdminCommand) -> ExitCode {
    let result = match command {
        AdminCommand::CreatePlatformAdmin { email } => create_platform_admin(site, &email).await,
        AdminCommand::ResetPassword { email } => reset_password(site, &email).await,
        AdminCommand::Outbox { command } => outbox(site, command).await,
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

async fn outbox(site: &Site, command: OutboxCommand) -> Result<(), String> {
    let s = &site.services;
    match command {
        OutboxCommand::List { state, limit } => {
            let state = match state.as_deref() {
                None => None,
                Some(text) => Some(State::parse(text).ok_or_else(|| {
                    format!("--state must be pending, sent or dead, not {text:?}")
                })?),
            };
            let depth = mail::admin::depth(s, &OPERATOR)
                .await
                .map_err(|e| say(&e))?;
            println!("{} pending, {} dead", depth.pending, depth.dead);
            let entries = mail::admin::list(s, &OPERATOR, state, None, limit)
                .await
                .map_err(|e| say(&e))?;
            for e in entries {
                println!(
                    "{}  {:<7}  {:<14}  attempts {}  {}  \"{}\"{}",
                    e.id,
                    e.state.as_str(),
                    e.kind.as_str(),
                    e.attempts,
                    e.recipients,
                    e.subject,
                    e.last_error
                        .map(|err| format!("  last error: {err}"))
                        .unwrap_or_default()
                );
            }
            Ok(())
        }
        OutboxCommand::Retry {
            id: Some(id),
            all_dead: false,
        } => {
            let id: OutboxId = id
                .parse()
                .map_err(|_| format!("{id:?} is not a message id"))?;
            let entry = mail::admin::retry(s, &OPERATOR, id)
                .await
                .map_err(|e| match e {
                    bahi_app::Error::NotFound => format!("no message has the id {id}"),
                    other => say(&other),
                })?;
            println!("{} will be sent again to {}.", entry.id, entry.recipients);
            Ok(())
        }
        OutboxCommand::Retry {
            id: None,
            all_dead: true,
        } => {
            // Page through what is dead now (older than the last seen), so a message that dies
            // again while this runs is not retried twice.
            let (mut retried, mut before) = (0, None);
            loop {
                let dead = mail::admin::list(s, &OPERATOR, Some(State::Dead), before, 500)
                    .await
                    .map_err(|e| say(&e))?;
                let Some(last) = dead.last() else { break };
                before = Some(last.id);
                for e in dead {
                    mail::admin::retry(s, &OPERATOR, e.id)
                        .await
                        .map_err(|e| say(&e))?;
                    retried += 1;
                }
            }
            println!("{retried} dead letters will be sent again.");
            Ok(())
        }
        OutboxCommand::Retry { .. } => Err("give a message id or --all-dead (not both)".to_owned()),
    }
}
