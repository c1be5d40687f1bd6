//! `bahi seed --demo`: a demo organisation with an owner and an accountant, for trying bahi out.

use std::process::ExitCode;

use bahi_app::identity::demo;

use crate::site::{OPERATOR, Site, say};

pub async fn demo(site: &Site) -> ExitCode {
    match demo::seed(&site.services, &OPERATOR).await {
        Ok(done) => {
            println!(
                "Demo organisation: {} ({})",
                done.org.legal_name,
                done.org
                    .gstin
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            );
            for account in done.accounts {
                println!(
                    "  {:<10} {}  password: {}",
                    account.role.as_str(),
                    account.email,
                    account.password
                );
            }
            println!("Sign in at {}login", site.config.public_url);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bahi seed: {}", say(&error));
            ExitCode::FAILURE
        }
    }
}
