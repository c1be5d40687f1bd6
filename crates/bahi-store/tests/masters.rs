//! Parties and items on both engines: the live-GSTIN and live-name keys (archiving frees them),
//! search by name in any case or by GSTIN/HSN prefix, the kind filter, and keyset pages that
//! walk the whole list once in name order.

use bahi_gst::{Gstin, HsnSac, Paise, Rate, Registration, StateCode, SupplyKind, Treatment, Uqc};
use bahi_store::identity::{OrgId, orgs};
use bahi_store::masters::items::{self, ItemFields, ItemQuery};
use bahi_store::masters::parties::{self, PartyFields, PartyKind, PartyQuery};
use bahi_store::masters::{After, search_name};
use bahi_store::migrate::{Migrations, UpOptions};
use bahi_store::testing::TestDatabase;
use bahi_store::{Db, PoolSettings, keys};

async fn migrated(test_db: &TestDatabase) -> Db {
    let db = Db::connect(&test_db.url, &PoolSettings::default())
        .await
        .unwrap();
    Migrations::store()
        .up(&db, &UpOptions::default())
        .await
        .unwrap();
    db
}

async fn an_org(db: &Db, name: &str) -> OrgId {
    let mut tx = db.begin_write().await.unwrap();
    let org = orgs::create(
        &mut tx,
        &orgs::OrgFields::new(name, StateCode::parse("29").unwrap()),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    org.id
}

fn party(name: &str, kind: PartyKind, gstin: Option<&str>) -> PartyFields {
    let gstin = gstin.map(|g| Gstin::parse(g).unwrap());
    PartyFields {
        name: name.to_owned(),
        kind,
        registration: if gstin.is_some() {
            Registration::Regular
        } else {
            Registration::Unregistered
        },
        state_code: gstin
            .as_ref()
            .and_then(Gstin::state)
            .or(StateCode::parse("29").ok()),
        gstin,
        country: None,
        email: None,
        phone: None,
        billing_line1: None,
        billing_line2: None,
        billing_city: None,
        billing_pincode: None,
        billing_state_code: None,
    }
}

fn item(name: &str, hsn: &str) -> ItemFields {
    ItemFields {
        name: name.to_owned(),
        kind: SupplyKind::Goods,
        hsn_sac: HsnSac::parse(hsn).unwrap(),
        unit: Some(Uqc::parse("NOS").unwrap()),
        price: Paise::new(33_333),
        gst_rate: Rate::percent(18),
        treatment: Treatment::Taxable,
        cess_rate: Rate::ZERO,
    }
}

async fn parties_and_items(test_db: TestDatabase) {
    let db = migrated(&test_db).await;
    let org = an_org(&db, "Asha Traders").await;
    let other = an_org(&db, "Ravi Stores").await;
    let gstin = "27AAPFU0939F1ZV";

    let mut tx = db.begin_write().await.unwrap();
    let acme = parties::create(
        &mut tx,
        org,
        &party("Acme Traders", PartyKind::Customer, Some(gstin)),
    )
    .await
    .unwrap();
    let twice = parties::create(
        &mut tx,
        org,
        &party("Acme (again)", PartyKind::Vendor, Some(gstin)),
    )
    .await;
    assert!(
        matches!(&twice, Err(e) if e.is_duplicate(&keys::PARTIES_GSTIN)),
        "{twice:?}"
    );
    tx.rollback().await.unwrap();

    let mut tx = db.begin_write().await.unwrap();
    let acme = parties::create(&mut tx, org, &party(&acme.name, acme.kind, Some(gstin)))
        .await
        .unwrap();
    // Another business may have the same customer.
    parties::create(
        &mut tx,
        other,
        &party("Acme Traders", PartyKind::Customer, Some(gstin)),
    )
    .await
    .unwrap();
    for (name, kind) in [
        ("zeta vendors", PartyKind::Vendor),
        ("Émile & Co", PartyKind::Both),
        ("bharat 100% pure", PartyKind::Customer),
        ("Acme Retail", PartyKind::Customer),
    ] {
        parties::create(&mut tx, org, &party(name, kind, None))
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();

    let all = |q: PartyQuery| {
        let db = db.clone();
        async move { parties::list(&db, org, &q).await.unwrap() }
    };
    let names = |rows: Vec<parties::Party>| rows.into_iter().map(|p| p.name).collect::<Vec<_>>();
    let everyone = all(PartyQuery {
        limit: 50,
        ..PartyQuery::default()
    })
    .await;
    assert_eq!(
        names(everyone),
        [
            "Acme Retail",
            "Acme Traders",
            "bharat 100% pure",
            "zeta vendors",
            "Émile & Co"
        ],
        "by name in any case, this organisation only"
    );
    let customers = all(PartyQuery {
        kind: Some(PartyKind::Customer),
        limit: 50,
        ..PartyQuery::default()
    })
    .await;
    assert_eq!(
        names(customers),
        [
            "Acme Retail",
            "Acme Traders",
            "bharat 100% pure",
            "Émile & Co"
        ],
        "customers include those who are both"
    );
    for (q, expected) in [
        ("ACME", vec!["Acme Retail", "Acme Traders"]),
        ("émile", vec!["Émile & Co"]),
        ("100%", vec!["bharat 100% pure"]),
        ("%", vec!["bharat 100% pure"]),
        ("_", vec![]),
        ("27aapfu", vec!["Acme Traders"]),
    ] {
        let found = all(PartyQuery {
            q: Some(q.to_owned()),
            limit: 50,
            ..PartyQuery::default()
        })
        .await;
        assert_eq!(names(found), expected, "q = {q:?}");
    }

    // Pages of two walk the list once, in order.
    let mut walked = Vec::new();
    let mut after = None;
    loop {
        let page = all(PartyQuery {
            after: after.clone(),
            limit: 2,
            ..PartyQuery::default()
        })
        .await;
        if page.is_empty() {
            break;
        }
        after = page.last().map(|p| After {
            search_name: p.search_name.clone(),
            id: p.id,
        });
        walked.extend(page.into_iter().map(|p| p.name));
    }
    assert_eq!(walked.len(), 5);
    assert_eq!(walked[0], "Acme Retail");
    assert_eq!(walked[4], "Émile & Co");

    // Archived: out of the lists, and its GSTIN is free again.
    let mut tx = db.begin_write().await.unwrap();
    assert!(
        parties::set_archived(&mut tx, org, acme.id, true)
            .await
            .unwrap()
    );
    let successor = parties::create(
        &mut tx,
        org,
        &party("Acme Traders Pvt Ltd", PartyKind::Customer, Some(gstin)),
    )
    .await
    .unwrap();
    let restored = parties::set_archived(&mut tx, org, acme.id, false).await;
    assert!(
        matches!(&restored, Err(e) if e.is_duplicate(&keys::PARTIES_GSTIN)),
        "restoring would make two live parties with one GSTIN: {restored:?}"
    );
    tx.rollback().await.unwrap();
    let _ = successor;
    assert!(
        parties::get(&db, other, acme.id).await.unwrap().is_none(),
        "another organisation's id is not found"
    );

    // Items: one live name per organisation, in any case; search by name or HSN prefix.
    let mut tx = db.begin_write().await.unwrap();
    let laptop = items::create(&mut tx, org, &item("Laptop", "8471"))
        .await
        .unwrap();
    let again = items::create(&mut tx, org, &item("  LAPTOP ", "8471")).await;
    assert!(
        matches!(&again, Err(e) if e.is_duplicate(&keys::ITEMS_NAME)),
        "{again:?}"
    );
    tx.rollback().await.unwrap();
    let mut tx = db.begin_write().await.unwrap();
    let laptop = items::create(&mut tx, org, &item(&laptop.name, "8471"))
        .await
        .unwrap();
    items::create(&mut tx, org, &item("Rice", "1006"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let by_code = items::list(
        &db,
        org,
        &ItemQuery {
            q: Some("100".into()),
            limit: 10,
            ..ItemQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(by_code.len(), 1);
    assert_eq!(by_code[0].name, "Rice");
    let stored = items::get(&db, org, laptop.id).await.unwrap().unwrap();
    assert_eq!(stored, laptop, "every typed column reads back as written");
    assert_eq!(stored.search_name, search_name("Laptop"));
}

#[tokio::test]
async fn parties_and_items_sqlite() {
    parties_and_items(TestDatabase::sqlite()).await;
}

#[tokio::test]
async fn parties_and_items_postgres() {
    if let Some(db) = TestDatabase::postgres().await {
        parties_and_items(db).await;
    }
}
