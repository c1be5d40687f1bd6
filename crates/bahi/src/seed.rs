//! `bahi seed --demo`: a demo organisation with an owner and an accountant, for trying bahi out.

use std::process::ExitCode;

use bahi_server::AppState;
use bahi_server::accounts::{Actor, OrgInput, validate_org};
use bahi_server::auth::{password, random_secret};
use bahi_server::config::Environment;
use bahi_store::identity::{Role, audit, members, orgs, users};

pub async fn demo(app: &AppState) -> ExitCode {
    if app.config.env == Environment::Production {
        eprintln!("bahi seed: refused in production (demo accounts have printed passwords)");
        return ExitCode::FAILURE;
    }
    match seed(app).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bahi seed: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn seed(app: &AppState) -> Result<(), String> {
    let people = [
        ("owner@demo.bahi.example", "Meera Iyer", Role::Owner),
        (
            "accountant@demo.bahi.example",
            "Karan Shah",
            Role::Accountant,
        ),
    ];
    for (email, _, _) in &people {
        if users::by_email(&app.db, email)
            .await
            .map_err(|e| e.to_string())?
            .is_some()
        {
            return Err(format!(
                "{email} already exists: the demo is already seeded"
            ));
        }
    }
    let mut errors = Vec::new();
    let fields = validate_org(
        &OrgInput {
            legal_name: "Demo Traders Private Limited".into(),
            trade_name: Some("Demo Traders".into()),
            gstin: Some("29AABCD1234E1Z".to_owned() + &check("29AABCD1234E1Z")),
            address: Some("12 MG Road, Bengaluru 560001".into()),
            ..OrgInput::default()
        },
        "",
        &mut errors,
    );
    let Some(fields) = fields else {
        return Err(format!("demo organisation invalid: {errors:?}"));
    };
    let mut tx = app.db.begin_write().await.map_err(|e| e.to_string())?;
    let org = orgs::create(&mut tx, &fields)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Demo organisation: {} ({})",
        org.legal_name,
        org.gstin
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    );
    for (email, name, role) in people {
        let secret = random_secret(12);
        let hash = password::hash(secret.clone()).await?;
        let user = users::create(&mut tx, email, name, &hash)
            .await
            .map_err(|e| e.to_string())?;
        members::add(&mut tx, org.id, user.id, role)
            .await
            .map_err(|e| e.to_string())?;
        println!("  {:<10} {email}  password: {secret}", role.as_str());
    }
    let actor = Actor {
        email: Some("bahi seed (command line)".into()),
        ..Actor::default()
    };
    audit::append(
        &mut tx,
        &app.config.audit_keys,
        audit::NewEvent {
            org_id: Some(org.id),
            actor_email: actor.email,
            action: "organisation.seed".into(),
            entity_type: "organisation".into(),
            entity_id: Some(org.id.to_string()),
            summary: "demo organisation seeded".into(),
            ..audit::NewEvent::default()
        },
    )
    .await
    .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    println!("Sign in at {}login", app.config.public_url);
    Ok(())
}

fn check(body: &str) -> String {
    char::from(bahi_gst::gstin::check_character(body.as_bytes())).to_string()
}
