//! `bahi seed --demo`: a demo organisation with an owner and an accountant, customers and
//! vendors of every registration, and goods and services, for trying bahi out.
//! Refused in production (the demo accounts' passwords are printed).

use bahi_store::identity::orgs::{self, Organisation};
use bahi_store::identity::users::Language;
use bahi_store::identity::{Role, members, users};

use bahi_gst::{Registration, SupplyKind};
use bahi_store::masters::parties::PartyKind;

use super::passwords;
use super::validate::{self, OrgInput};
use crate::audit::{Entity, Event, record};
use crate::masters::items::ItemInput;
use crate::masters::parties::{AddressInput, PartyInput};
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
    crate::ledger::chart::open_books(&mut tx, org.id).await?;
    for ((email, name, role), hash) in PEOPLE.into_iter().zip(&hashes) {
        let user = users::create(&mut tx, email, name, hash, Language::default()).await?;
        members::add(&mut tx, org.id, user.id, role).await?;
    }
    for input in demo_parties() {
        let fields = crate::masters::parties::validate(&input)?;
        bahi_store::masters::parties::create(&mut tx, org.id, &fields).await?;
    }
    let today = time::OffsetDateTime::now_utc().date();
    for input in demo_items() {
        let fields = crate::masters::items::validate(&input, today)?;
        bahi_store::masters::items::create(&mut tx, org.id, &fields).await?;
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
    let owner = users::by_email(&s.db, PEOPLE[0].0)
        .await?
        .ok_or(Error::NotFound)?;
    let actor = crate::Actor {
        user: owner,
        ip: None,
        via: crate::Via::CommandLine,
    };
    let ctx = crate::OrgCtx::<crate::Owner>::authorise(s, actor, org.id).await?;
    super::demo_documents::seed(s, &ctx, today).await?;
    Ok(Demo { org, accounts })
}

fn gstin(body: &str) -> Option<String> {
    let check = char::from(bahi_gst::gstin::check_character(body.as_bytes()));
    Some(format!("{body}{check}"))
}

/// Customers and vendors of every registration GST.md §1 knows.
fn demo_parties() -> Vec<PartyInput> {
    let party = |name: &str, kind, registration, gstin: Option<String>, city: &str, state: &str| {
        PartyInput {
            name: name.to_owned(),
            kind,
            registration,
            gstin,
            state_code: None,
            country: None,
            email: None,
            phone: None,
            billing: AddressInput {
                city: Some(city.to_owned()),
                state_code: Some(state.to_owned()),
                ..AddressInput::default()
            },
        }
    };
    let mut overseas = party(
        "Globex Trading LLC",
        PartyKind::Customer,
        Registration::Overseas,
        None,
        "Dubai",
        "",
    );
    overseas.billing.state_code = None;
    overseas.country = Some("United Arab Emirates".to_owned());
    vec![
        party(
            "Acme Traders",
            PartyKind::Customer,
            Registration::Regular,
            gstin("27AAPFU0939F1Z"),
            "Pune",
            "27",
        ),
        party(
            "Sharma Electronics",
            PartyKind::Customer,
            Registration::Regular,
            gstin("29AABCS1429B1Z"),
            "Bengaluru",
            "29",
        ),
        party(
            "Walk-in customer",
            PartyKind::Customer,
            Registration::Unregistered,
            None,
            "Bengaluru",
            "29",
        ),
        party(
            "Infotech SEZ Unit",
            PartyKind::Customer,
            Registration::Sez,
            gstin("29AAACI1195H1Z"),
            "Bengaluru",
            "29",
        ),
        overseas,
        party(
            "Kaveri Wholesale",
            PartyKind::Vendor,
            Registration::Regular,
            gstin("29AADCK2213M1Z"),
            "Mysuru",
            "29",
        ),
        party(
            "Nandi Roadways",
            PartyKind::Vendor,
            Registration::Regular,
            gstin("29AAFFN7788K1Z"),
            "Bengaluru",
            "29",
        ),
        party(
            "Lakshmi Stores",
            PartyKind::Both,
            Registration::Composition,
            gstin("29ABIPL4455Q1Z"),
            "Tumakuru",
            "29",
        ),
    ]
}

fn demo_items() -> Vec<ItemInput> {
    let item =
        |name: &str, kind, hsn: &str, unit: Option<&str>, price: &str, rate: &str| ItemInput {
            name: name.to_owned(),
            kind,
            hsn_sac: hsn.to_owned(),
            unit: unit.map(str::to_owned),
            price: price.to_owned(),
            gst_rate: rate.to_owned(),
            treatment: None,
            cess_rate: None,
        };
    let mut rice = item(
        "Basmati rice (loose)",
        SupplyKind::Goods,
        "1006",
        Some("KGS"),
        "95.00",
        "0",
    );
    rice.treatment = Some(bahi_gst::Treatment::NilRated);
    vec![
        item(
            "Laptop 14-inch",
            SupplyKind::Goods,
            "8471",
            Some("NOS"),
            "42000.00",
            "18",
        ),
        item(
            "Wireless mouse",
            SupplyKind::Goods,
            "847160",
            Some("NOS"),
            "649.00",
            "18",
        ),
        item(
            "Printer paper A4 (500 sheets)",
            SupplyKind::Goods,
            "4802",
            Some("PAC"),
            "310.00",
            "18",
        ),
        item(
            "Packaged tea 250 g",
            SupplyKind::Goods,
            "0902",
            Some("PAC"),
            "140.00",
            "5",
        ),
        rice,
        item(
            "Installation and set-up",
            SupplyKind::Services,
            "998713",
            None,
            "1500.00",
            "18",
        ),
        item(
            "Annual maintenance contract",
            SupplyKind::Services,
            "998719",
            None,
            "12000.00",
            "18",
        ),
        item(
            "Freight (GTA)",
            SupplyKind::Services,
            "996511",
            None,
            "2500.00",
            "5",
        ),
    ]
}
