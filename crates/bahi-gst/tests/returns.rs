//! GSTR-1 and GSTR-3B for a worked month, checked key by key against GST.md §7–§8.

mod common;

use bahi_gst::returns::{DocumentKind, DocumentStatus, Itc, gstr1, gstr3b};
use bahi_gst::supply::Import;
use bahi_gst::*;
use common::*;
use serde_json::{Value, json};
use time::macros::date;

fn october() -> Vec<returns::SalesDocument> {
    let d = date!(2026 - 10 - 05);
    let b2b_buyer = gstin("29AABCT1332L1Z");
    let inv1 = Sale::invoice(
        "INV/26-27/0001",
        d,
        Registration::Regular,
        Some(b2b_buyer.clone()),
        state(29),
    )
    .line(line("2", "333.33", "18"), "8471")
    .build();
    let inv3 = Sale::invoice(
        "INV/26-27/0003",
        d,
        Registration::Unregistered,
        None,
        state(29),
    )
    .line(line("1", "1000", "5"), "1006")
    .build();
    let mut void = Sale::invoice(
        "INV/26-27/0005",
        d,
        Registration::Unregistered,
        None,
        state(29),
    )
    .line(line("1", "10", "5"), "1006");
    void.status = DocumentStatus::Void;
    vec![
        inv1.clone(),
        Sale::invoice(
            "INV/26-27/0002",
            d,
            Registration::Unregistered,
            None,
            state(27),
        )
        .line(line("1", "150000", "18"), "8471")
        .build(),
        inv3.clone(),
        Sale::invoice(
            "INV/26-27/0004",
            d,
            Registration::Overseas,
            None,
            StateCode::OTHER_COUNTRIES,
        )
        .line(line("1", "50000", "18"), "998314")
        .build(),
        void.build(),
        Sale::invoice(
            "INV/26-27/0006",
            d,
            Registration::Unregistered,
            None,
            state(29),
        )
        .line(treated(line("1", "500", "0"), Treatment::Exempt), "0401")
        .build(),
        Sale::invoice(
            "X",
            d,
            Registration::Regular,
            Some(b2b_buyer.clone()),
            state(29),
        )
        .note(
            DocumentKind::CreditNote,
            "CN/26-27/0001",
            date!(2026 - 10 - 20),
            &inv1,
        )
        .line(line("1", "333.33", "18"), "8471")
        .build(),
        Sale::invoice("X", d, Registration::Unregistered, None, state(29))
            .note(
                DocumentKind::CreditNote,
                "CN/26-27/0002",
                date!(2026 - 10 - 21),
                &inv3,
            )
            .line(line("1", "200", "5"), "1006")
            .build(),
        // Another month: ignored.
        Sale::invoice(
            "INV/26-27/0099",
            date!(2026 - 11 - 01),
            Registration::Unregistered,
            None,
            state(29),
        )
        .line(line("1", "999", "18"), "8471")
        .build(),
    ]
}

fn period() -> Period {
    Period::parse("2026-10").unwrap()
}

#[test]
fn gstr1_for_a_worked_month() {
    let g = serde_json::to_value(gstr1::build(&seller(), period(), &october())).unwrap();
    assert_eq!(g["gstin"], seller().to_string());
    assert_eq!(g["fp"], "102026");

    let b2b = &g["b2b"][0];
    assert_eq!(b2b["ctin"], gstin("29AABCT1332L1Z").to_string());
    assert_eq!(
        b2b["inv"][0],
        json!({
            "inum": "INV/26-27/0001", "idt": "05-10-2026", "val": 787.00, "pos": "29", "rchrg": "N", "inv_typ": "R",
            "itms": [{"num": 1801, "itm_det": {"txval": 666.66, "rt": 18, "camt": 60.00, "samt": 60.00, "csamt": 0.00}}]
        })
    );
    assert_eq!(g["b2cl"][0]["pos"], "27");
    assert_eq!(g["b2cl"][0]["inv"][0]["val"], json!(177000.00));
    assert_eq!(
        g["b2cl"][0]["inv"][0]["itms"][0]["itm_det"]["iamt"],
        json!(27000.00)
    );
    // B2CS: the small intra-state invoice net of its credit note.
    assert_eq!(
        g["b2cs"],
        json!([{"sply_ty": "INTRA", "pos": "29", "typ": "OE", "rt": 5, "txval": 800.00, "camt": 20.00, "samt": 20.00, "csamt": 0.00}])
    );
    assert_eq!(g["exp"][0]["exp_typ"], "WOPAY");
    assert_eq!(
        g["exp"][0]["inv"][0]["itms"][0],
        json!({"txval": 50000.00, "rt": 18, "iamt": 0.00, "csamt": 0.00})
    );
    assert_eq!(g["exp"][0]["inv"][0]["sbpcode"], "INBLR4");
    let note = &g["cdnr"][0]["nt"][0];
    assert_eq!(
        (
            note["ntty"].as_str(),
            note["nt_num"].as_str(),
            note["val"].clone()
        ),
        (Some("C"), Some("CN/26-27/0001"), json!(393.00))
    );
    assert_eq!(
        note["itms"][0]["itm_det"]["camt"],
        json!(30.00),
        "amounts are unsigned"
    );
    assert_eq!(
        g["cdnur"],
        json!([]),
        "every table is present even when empty"
    );
    assert_eq!(
        g["nil"]["inv"][3],
        json!({"sply_ty": "INTRAB2C", "nil_amt": 0.00, "expt_amt": 500.00, "ngsup_amt": 0.00})
    );
    assert_eq!(g["nil"]["inv"].as_array().unwrap().len(), 4);

    // Table 12, split from May 2025: the B2B item net of its credit note.
    let hsn_b2b = g["hsn"]["hsn_b2b"].as_array().unwrap();
    assert_eq!(hsn_b2b.len(), 1);
    assert_eq!(
        (
            hsn_b2b[0]["hsn_sc"].as_str(),
            hsn_b2b[0]["qty"].clone(),
            hsn_b2b[0]["txval"].clone()
        ),
        (Some("8471"), json!(1), json!(333.33))
    );
    let hsn_b2c: Vec<&str> = g["hsn"]["hsn_b2c"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["hsn_sc"].as_str().unwrap())
        .collect();
    assert_eq!(hsn_b2c, vec!["0401", "1006", "8471", "998314"]);

    // Table 13: five invoices numbered, one cancelled; two credit notes.
    let docs = &g["doc_issue"]["doc_det"];
    assert_eq!(docs[0]["doc_num"], 1);
    assert_eq!(
        docs[0]["docs"][0],
        json!({"num": 1, "from": "INV/26-27/0001", "to": "INV/26-27/0006", "totnum": 6, "cancel": 1, "net_issue": 5})
    );
    assert_eq!(docs[1]["doc_num"], 5);
    assert_eq!(docs[1]["docs"][0]["totnum"], 2);
}

#[test]
fn gstr1_before_may_2025_has_one_hsn_list() {
    let d = date!(2025 - 04 - 10);
    let doc = Sale::invoice(
        "INV/25-26/0001",
        d,
        Registration::Unregistered,
        None,
        state(29),
    )
    .line(line("1", "100", "18"), "8471")
    .build();
    let g = serde_json::to_value(gstr1::build(
        &seller(),
        Period::parse("2025-04").unwrap(),
        &[doc],
    ))
    .unwrap();
    assert!(g["hsn"]["data"].is_array() && g["hsn"].get("hsn_b2b").is_none());
}

fn purchases() -> Vec<returns::PurchaseDocument> {
    let d = date!(2026 - 10 - 09);
    let ka = Some(state(29));
    vec![
        bill(
            d,
            Registration::Regular,
            ka,
            false,
            None,
            &[(line("1", "10000", "18"), Itc::Eligible)],
        ),
        bill(
            d,
            Registration::Unregistered,
            ka,
            true,
            None,
            &[(line("1", "10000", "5"), Itc::Eligible)],
        ),
        bill(
            d,
            Registration::Overseas,
            None,
            false,
            Some(Import::Goods),
            &[(line("1", "100000", "18"), Itc::Eligible)],
        ),
        bill(
            d,
            Registration::Overseas,
            None,
            true,
            Some(Import::Services),
            &[(line("1", "5000", "18"), Itc::Eligible)],
        ),
        bill(
            d,
            Registration::Regular,
            ka,
            false,
            None,
            &[(line("1", "1000", "18"), Itc::Ineligible)],
        ),
        bill(
            d,
            Registration::Composition,
            ka,
            false,
            None,
            &[(line("1", "2000", "0"), Itc::Eligible)],
        ),
        bill(
            d,
            Registration::Regular,
            Some(state(27)),
            false,
            None,
            &[(
                treated(line("1", "3000", "0"), Treatment::Exempt),
                Itc::Eligible,
            )],
        ),
    ]
}

#[test]
fn gstr3b_for_a_worked_month() {
    let g =
        serde_json::to_value(gstr3b::build(&seller(), period(), &october(), &purchases())).unwrap();
    assert_eq!(g["ret_period"], "102026");
    let sup = &g["sup_details"];
    assert_eq!(
        sup["osup_det"],
        json!({"txval": 151133.33, "iamt": 27000.00, "camt": 50.00, "samt": 50.00, "csamt": 0.00})
    );
    assert_eq!(
        sup["osup_zero"],
        json!({"txval": 50000.00, "iamt": 0.00, "csamt": 0.00})
    );
    assert_eq!(sup["osup_nil_exmp"], json!({"txval": 500.00}));
    assert_eq!(sup["osup_nongst"], json!({"txval": 0.00}));
    assert_eq!(
        sup["isup_rev"],
        json!({"txval": 15000.00, "iamt": 900.00, "camt": 250.00, "samt": 250.00, "csamt": 0.00})
    );
    assert_eq!(
        g["inter_sup"]["unreg_details"],
        json!([{"pos": "27", "txval": 150000.00, "iamt": 27000.00}])
    );
    assert_eq!(g["inter_sup"]["comp_details"], json!([]));

    let itc = &g["itc_elg"];
    let avl = |ty: &str| {
        itc["itc_avl"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ty"] == ty)
            .unwrap()
            .clone()
    };
    assert_eq!(
        avl("IMPG"),
        json!({"ty": "IMPG", "iamt": 18000.00, "camt": 0.00, "samt": 0.00, "csamt": 0.00})
    );
    assert_eq!(avl("IMPS")["iamt"], json!(900.00));
    assert_eq!(avl("ISRC")["camt"], json!(250.00));
    assert_eq!(avl("ISD")["iamt"], json!(0.00));
    assert_eq!(
        avl("OTH")["camt"],
        json!(990.00),
        "ineligible tax is shown as available, then reversed"
    );
    assert_eq!(
        itc["itc_rev"][0],
        json!({"ty": "RUL", "iamt": 0.00, "camt": 90.00, "samt": 90.00, "csamt": 0.00})
    );
    assert_eq!(
        itc["itc_net"],
        json!({"iamt": 18900.00, "camt": 1150.00, "samt": 1150.00, "csamt": 0.00})
    );
    assert_eq!(itc["itc_inelg"].as_array().unwrap().len(), 2);
    assert_eq!(
        g["inward_sup"]["isup_details"],
        json!([
            {"ty": "GST", "inter": 3000.00, "intra": 2000.00},
            {"ty": "NONGST", "inter": 0.00, "intra": 0.00}
        ])
    );
    assert!(g["intr_ltfee"]["intr_details"].is_object());
}

#[test]
fn amounts_are_json_numbers_with_two_decimals() {
    let text = serde_json::to_string(&gstr3b::build(
        &seller(),
        period(),
        &october(),
        &purchases(),
    ))
    .unwrap();
    assert!(text.contains("\"txval\":151133.33"), "{text}");
    assert!(text.contains("\"csamt\":0.00"));
    let _: Value = serde_json::from_str(&text).unwrap();
}

#[test]
fn notes_zero_rated_and_table_3_2_sections() {
    let d = date!(2026 - 10 - 12);
    let sez_buyer = gstin("29AABCT1332L3Z");
    let mut sez = Sale::invoice(
        "INV/26-27/0010",
        d,
        Registration::Sez,
        Some(sez_buyer),
        state(29),
    )
    .line(line("1", "1000", "18"), "8471");
    sez.with_payment = true;
    let sez = sez.build();
    let mut export = Sale::invoice(
        "INV/26-27/0011",
        d,
        Registration::Overseas,
        None,
        StateCode::OTHER_COUNTRIES,
    )
    .line(line("1", "2000", "18"), "8471");
    export.with_payment = true;
    let export_doc = export.clone().build();
    let big_b2c = Sale::invoice(
        "INV/26-27/0012",
        d,
        Registration::Unregistered,
        None,
        state(33),
    )
    .line(line("1", "200000", "18"), "8471");
    let big_b2c_doc = big_b2c.clone().build();
    let comp = Sale::invoice(
        "INV/26-27/0013",
        d,
        Registration::Composition,
        Some(gstin("27AABCT1332L2Z")),
        state(27),
    )
    .line(line("1", "100", "18"), "8471")
    .build();
    let uin = Sale::invoice(
        "INV/26-27/0014",
        d,
        Registration::Uin,
        Some(gstin("0717UNO00157UN")),
        state(7),
    )
    .line(line("1", "300", "12"), "8471")
    .build();
    let docs = vec![
        sez.clone(),
        export_doc.clone(),
        big_b2c_doc.clone(),
        comp,
        uin,
        export
            .note(DocumentKind::CreditNote, "CN/26-27/0010", d, &export_doc)
            .line(line("1", "500", "18"), "8471")
            .build(),
        big_b2c
            .note(DocumentKind::DebitNote, "DN/26-27/0001", d, &big_b2c_doc)
            .line(line("1", "1000", "18"), "8471")
            .build(),
    ];
    let g1 = serde_json::to_value(gstr1::build(&seller(), period(), &docs)).unwrap();
    let sez_inv = g1["b2b"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["inv"].as_array().unwrap())
        .find(|i| i["inum"] == "INV/26-27/0010")
        .unwrap();
    assert_eq!(sez_inv["inv_typ"], "SEWP");
    assert_eq!(
        sez_inv["itms"][0]["itm_det"]["iamt"],
        json!(180.00),
        "SEZ with payment is IGST even in the seller's state"
    );
    assert_eq!(g1["exp"][0]["exp_typ"], "WPAY");
    assert_eq!(g1["exp"][0]["inv"][0]["itms"][0]["iamt"], json!(360.00));
    let cdnur = g1["cdnur"].as_array().unwrap();
    assert_eq!(cdnur.len(), 2);
    assert_eq!(
        (cdnur[0]["typ"].as_str(), cdnur[0]["ntty"].as_str()),
        (Some("EXPWP"), Some("C"))
    );
    assert!(
        cdnur[0].get("pos").is_none(),
        "export notes carry no place of supply"
    );
    assert_eq!(
        (
            cdnur[1]["typ"].as_str(),
            cdnur[1]["ntty"].as_str(),
            cdnur[1]["pos"].as_str()
        ),
        (Some("B2CL"), Some("D"), Some("33"))
    );
    assert_eq!(g1["b2cl"][0]["pos"], "33");
    let doc_kinds: Vec<i64> = g1["doc_issue"]["doc_det"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["doc_num"].as_i64().unwrap())
        .collect();
    assert_eq!(doc_kinds, vec![1, 5, 4]);

    let g3 = serde_json::to_value(gstr3b::build(&seller(), period(), &docs, &[])).unwrap();
    let inter = &g3["inter_sup"];
    assert_eq!(
        inter["comp_details"],
        json!([{"pos": "27", "txval": 100.00, "iamt": 18.00}])
    );
    assert_eq!(
        inter["uin_details"],
        json!([{"pos": "07", "txval": 300.00, "iamt": 36.00}])
    );
    assert_eq!(
        inter["unreg_details"],
        json!([{"pos": "33", "txval": 201000.00, "iamt": 36180.00}]),
        "debit note added"
    );
    // 3.1(b): SEZ 1000 + export 2000 − export credit 500, IGST 180 + 360 − 90.
    assert_eq!(
        g3["sup_details"]["osup_zero"],
        json!({"txval": 2500.00, "iamt": 450.00, "csamt": 0.00})
    );
}

/// The whole documents, reviewed once and kept (insta): any change to what a return holds shows
/// up as a diff to approve, not as a silent drift past the key-by-key checks above.
#[test]
fn the_worked_month_returns_as_a_whole() {
    // The exact text filed (amounts as written, `787.00`), not a re-parsed value.
    let g1 = serde_json::to_string_pretty(&gstr1::build(&seller(), period(), &october())).unwrap();
    insta::assert_snapshot!("gstr1_october_2026", g1);
    let g3 = serde_json::to_string_pretty(&gstr3b::build(
        &seller(),
        period(),
        &october(),
        &purchases(),
    ))
    .unwrap();
    insta::assert_snapshot!("gstr3b_october_2026", g3);
}

#[test]
fn deemed_exports_are_b2b_taxed_normally_and_reported_as_de() {
    let d = date!(2026 - 10 - 14);
    let eou = gstin("27AABCT1332L1Z");
    let mut sale = Sale::invoice(
        "INV/26-27/0020",
        d,
        Registration::Regular,
        Some(eou.clone()),
        state(27),
    )
    .line(line("1", "10000", "18"), "8471");
    sale.deemed_export = true;
    let invoice = sale.clone().build();
    let mut note = sale
        .note(DocumentKind::CreditNote, "CN/26-27/0003", d, &invoice)
        .line(line("1", "1000", "18"), "8471");
    note.deemed_export = true;
    let note = note.build();
    assert_eq!(invoice.supply_type, SupplyType::B2b);
    assert!(
        invoice.inter_state,
        "taxed like any supply: IGST from 29 to 27"
    );
    assert_eq!(invoice.lines[0].igst, Paise::new(180_000));

    let json = serde_json::to_value(gstr1::build(&seller(), period(), &[invoice, note])).unwrap();
    let b2b = &json["b2b"][0];
    assert_eq!(b2b["ctin"], eou.as_str());
    assert_eq!(b2b["inv"][0]["inv_typ"], "DE");
    assert_eq!(b2b["inv"][0]["itms"][0]["itm_det"]["iamt"], json!(1800.0));
    assert_eq!(json["cdnr"][0]["nt"][0]["inv_typ"], "DE");
    assert!(
        json["exp"].is_null() || json["exp"] == json!([]),
        "not an export: {json}"
    );

    assert!(bahi_gst::supply::check_deemed_export(Registration::Regular).is_ok());
    for other in [
        Registration::Composition,
        Registration::Sez,
        Registration::Unregistered,
        Registration::Overseas,
        Registration::Uin,
    ] {
        assert!(
            bahi_gst::supply::check_deemed_export(other).is_err(),
            "{other:?}"
        );
    }
}

/// QRMP: a quarterly filer furnishes the first two months' B2B invoices through IFF; the
/// quarter's GSTR-1 then leaves them out of B2B and CDNR but reports the quarter whole
/// elsewhere, and GSTR-3B sums the quarter.
#[test]
fn quarterly_returns_and_the_invoice_furnishing_facility() {
    let docs = october();
    let october = period();
    let quarter = Period::parse("2026-Q4").unwrap();

    let iff = serde_json::to_value(gstr1::build(&seller(), october, &docs).into_iff()).unwrap();
    assert_eq!(iff["fp"], "102026");
    assert_eq!(iff["b2b"][0]["inv"][0]["inum"], "INV/26-27/0001");
    assert_eq!(iff["cdnr"][0]["nt"][0]["nt_num"], "CN/26-27/0001");
    assert!(
        iff.get("b2cs").is_none() && iff.get("hsn").is_none(),
        "IFF holds B2B alone: {iff}"
    );

    let whole = serde_json::to_value(gstr1::build(&seller(), quarter, &docs)).unwrap();
    assert_eq!(
        whole["fp"], "122026",
        "a quarter is named by its last month"
    );
    assert_eq!(whole["b2b"][0]["inv"][0]["inum"], "INV/26-27/0001");
    let b2cs_value = |g: &Value| -> f64 {
        g["b2cs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["txval"].as_f64().unwrap())
            .sum()
    };
    let monthly = serde_json::to_value(gstr1::build(&seller(), october, &docs)).unwrap();
    assert_eq!(
        b2cs_value(&whole),
        b2cs_value(&monthly) + 999.0,
        "November's walk-in sale is in the quarter"
    );

    let mut builder = gstr1::Builder::new(&seller(), quarter).furnished([october]);
    for d in &docs {
        builder.add(d);
    }
    let after_iff = serde_json::to_value(builder.finish()).unwrap();
    assert_eq!(after_iff["b2b"], json!([]), "furnished through IFF already");
    assert_eq!(after_iff["cdnr"], json!([]));
    assert_eq!(
        after_iff["hsn"], whole["hsn"],
        "table 12 reports the quarter whole"
    );
    assert_eq!(after_iff["doc_issue"], whole["doc_issue"]);
    assert_eq!(after_iff["b2cs"], whole["b2cs"]);

    let g3 = serde_json::to_value(gstr3b::build(&seller(), quarter, &docs, &purchases())).unwrap();
    let g3_month =
        serde_json::to_value(gstr3b::build(&seller(), october, &docs, &purchases())).unwrap();
    assert_eq!(g3["ret_period"], "122026");
    assert_eq!(
        g3["sup_details"]["osup_det"]["txval"].as_f64().unwrap(),
        g3_month["sup_details"]["osup_det"]["txval"]
            .as_f64()
            .unwrap()
            + 999.0
    );
}
