//! `bahi seed --demo`: a demo organisation with an owner and an accountant, for trying bahi out.
//! Refused in production (the demo accounts' passwords are printed).

use bahi_store::identity::orgs::{self, Organisation};
use bahi_store::identity::users::Language;
use bahi_store::identity::{Role, members, users};

use super::passwords;
use super::validate::{self, OrgInput};
use crate::audit::{Entity, Event, record};
use crate::secrets::random_secret;
use crate::{Error, FieldErrors, Message, Operator, Services};

/// A demo account: its role, email and (generated) password.
pub struct DemoAccount {
    pub role: Role,
    pub email: &'static str,
    pub password: String,
}

pub struct Demo {
    pub org: Organisation,
    pub accounts: Vec<DemoAccount>,
}

const PEOPLE: [(&str, &str, Role); 2] = [
    ("owner@demo.bahi.example", "Meera Iyer", Role::Owner),
    (
        "accountant@demo.bahi.example",
        "Karan Shah",
        Role::Accountant,
    ),
];

pub async fn seed(s: &Services, operator: &Operator) -> Result<Demo, Error> {
    if s.policy.production {
        return Err(Error::Forbidden(Message::new("demo-refused-in-production")));
    }
    for (email, _, _) in PEOPLE {
        if users::by_email(&s.db, email).await?.is_some() {
            return Err(Error::Conflict(
                Message::new("demo-already-seeded").arg("email", email),
            ));
        }
    }
    let body = "29AABCD1234E1Z";
    let check = char::from(bahi_gst::gstin::check_character(body.as_bytes()));
    let mut errors = FieldErrors::default();
    let fields = validate::org(
        &OrgInput {
            legal_name: "Demo Traders Private Limited".into(),
            trade_name: Some("Demo Traders".into()),
            gstin: Some(format!("{body}{check}")),
            address: Some("12 MG Road, Bengaluru 560001".into()),
            ..OrgInput::default()
        },
        "",
        &mut errors,
    )
    .ok_or_else(|| Error::Internal(format!("the demo organisation is invalid: {errors:?}")))?;
    let mut accounts = Vec::new();
    let mut hashes = Vec::new();
    for (email, _, role) in PEOPLE {
        let password = random_secret(12);
        hashes.push(passwords::hash(password.clone()).await?);
        accounts.push(DemoAccount {
            role,
            email,
            password,
        });
    }
    let mut tx = s.db.begin_write().await?;
    let org = orgs::create(&mut tx, &fields).await?;
    for ((email, name, role), hash) in PEOPLE.into_iter().zip(&hashes) {
        let user = users::create(&mut tx, email, name, hash, Language::default()).await?;
        members::add(&mut tx, org.id, user.id, role).await?;
    }
    let entity = Entity("organisation", Some(org.id.to_string()));
    let summary = "demo organisation seeded".to_owned();
    record(
        s,
        &mut tx,
        &operator.into(),
        Some(org.id),
        Event {
            action: "organisation.seed",
            entity,
            summary,
            details: Vec::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Demo { org, accounts })
}
