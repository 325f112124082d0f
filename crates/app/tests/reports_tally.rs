//! The Tally export: vouchers parsed back and balanced, the ledger names as settings, on one
//! seeded shop (tests/common/report_seed.rs).

mod common;

use common::report_seed::seed;
use common::report_table::*;
use kanak_app::{ReportFormat, ReportName};

/// (type, number, [(ledger, deemed positive, amount in paise)]) for each voucher.
fn vouchers(xml: &str) -> Vec<(String, String, String, Vec<(String, String, i64)>)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "ENVELOPE");
    let text = |n: roxmltree::Node, tag: &str| {
        n.children()
            .find(|c| c.has_tag_name(tag))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    let header = root.children().find(|c| c.has_tag_name("HEADER")).unwrap();
    assert_eq!(text(header, "TALLYREQUEST"), "Import Data");
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("REPORTNAME") && n.text() == Some("Vouchers"))
    );
    doc.descendants()
        .filter(|n| n.has_tag_name("VOUCHER"))
        .map(|v| {
            let entries = v
                .children()
                .filter(|c| c.has_tag_name("ALLLEDGERENTRIES.LIST"))
                .map(|e| {
                    let amount = text(e, "AMOUNT").replace('.', "").parse::<i64>().unwrap();
                    (text(e, "LEDGERNAME"), text(e, "ISDEEMEDPOSITIVE"), amount)
                })
                .collect();
            (
                text(v, "DATE"),
                text(v, "VOUCHERTYPENAME"),
                text(v, "VOUCHERNUMBER"),
                entries,
            )
        })
        .collect()
}

#[tokio::test]
async fn the_tally_xml_parses_and_every_voucher_balances_to_zero() {
    let s = seed().await;
    let (bytes, done) = export(&s, ReportName::Tally, april(), ReportFormat::Xml).await;
    let xml = String::from_utf8(bytes).unwrap();
    let v = vouchers(&xml);
    assert_eq!(done.rows, 5);
    let kinds: Vec<(&str, &str)> = v.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    // E4's bank receipt, E7's cash receipt and its refund, E2's redemption, E8's cash payout.
    assert_eq!(
        kinds,
        [
            ("20260401", "Receipt"),
            ("20260403", "Receipt"),
            ("20260410", "Payment"),
            ("20260415", "Journal"),
            ("20260416", "Payment")
        ]
    );
    for (_, _, number, entries) in &v {
        assert_eq!(
            entries.iter().map(|e| e.2).sum::<i64>(),
            0,
            "voucher {number} balances"
        );
        for (ledger, deemed, amount) in entries {
            assert_eq!(
                deemed == "Yes",
                *amount < 0,
                "{number} {ledger}: a debit is deemed positive and negative"
            );
        }
    }
    // Receipt: Dr Bank 2,000, Cr Gold scheme advances 2,000.
    assert_eq!(
        v[0].3,
        [
            ("Bank".to_string(), "Yes".to_string(), -200000),
            ("Gold scheme advances".to_string(), "No".to_string(), 200000)
        ]
    );
    // Redemption: Dr advances 3,000 and bonus 1,000, Cr sales 4,000.
    let journal: Vec<(&str, i64)> = v[3].3.iter().map(|e| (e.0.as_str(), e.2)).collect();
    assert_eq!(
        journal,
        [
            ("Gold scheme advances", -300000),
            ("Scheme bonus", -100000),
            ("Sales", 400000)
        ]
    );
}

#[tokio::test]
async fn tally_ledger_names_are_settings_changed_by_the_owner_audited_and_escaped() {
    let s = seed().await;
    let kanak = s.today();
    let defaults = kanak.tally_ledgers().await.unwrap();
    assert_eq!(
        (
            defaults.advances.as_str(),
            defaults.cash.as_str(),
            defaults.bank.as_str(),
            defaults.bonus.as_str(),
            defaults.sales.as_str()
        ),
        (
            "Gold scheme advances",
            "Cash",
            "Bank",
            "Scheme bonus",
            "Sales"
        )
    );
    let renamed = kanak_app::TallyLedgers {
        advances: "Scheme A/c <Gold & Silver>".into(),
        bank: "HDFC Bank".into(),
        ..defaults.clone()
    };
    let cashier = kanak.login("ravi", &"2468".into()).await.unwrap();
    assert_eq!(
        kanak
            .set_tally_ledgers(&cashier, renamed.clone())
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let blank = kanak_app::TallyLedgers {
        cash: " ".into(),
        ..defaults.clone()
    };
    assert_eq!(
        kanak
            .set_tally_ledgers(&s.shop.actor, blank)
            .await
            .unwrap_err()
            .field(),
        Some("cash")
    );
    kanak
        .set_tally_ledgers(&s.shop.actor, renamed)
        .await
        .unwrap();
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.tally'")
            .fetch_one(kanak.pool())
            .await
            .unwrap();
    assert_eq!(audited, 1);
    let (bytes, _) = export(&s, ReportName::Tally, april(), ReportFormat::Xml).await;
    let xml = String::from_utf8(bytes).unwrap();
    assert!(xml.contains("<LEDGERNAME>Scheme A/c &lt;Gold &amp; Silver&gt;</LEDGERNAME>"));
    assert_eq!(vouchers(&xml)[0].3[0].0, "HDFC Bank");
}
