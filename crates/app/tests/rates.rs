//! Gold rates: where each came from, karats derived from 24K, CSV sheets and the shop's feed.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread::JoinHandle;
use std::time::Duration;

use common::*;
use kanak_app::{GoldRateInput, GoldRateView, RateSource};

const TODAY: &str = "2026-11-23";

fn rate(date: &str, purity: &str, per_gram: &str) -> GoldRateInput {
    GoldRateInput {
        date: date.into(),
        purity: purity.into(),
        per_gram: per_gram.into(),
    }
}

/// (purity, per_gram, source) of the rates in force on a day.
async fn in_force(shop: &TestShop, date: &str) -> Vec<(String, String, RateSource)> {
    let rates: Vec<GoldRateView> = shop.kanak.gold_rates(Some(date)).await.unwrap();
    rates
        .into_iter()
        .map(|r| (r.purity, r.per_gram, r.source))
        .collect()
}

fn row(purity: &str, per_gram: &str, source: RateSource) -> (String, String, RateSource) {
    (purity.to_string(), per_gram.to_string(), source)
}

async fn deriving_shop() -> TestShop {
    let shop = TestShop::on(TODAY).await;
    shop.change_settings(|s| s.derive_rates = true).await;
    shop
}

#[tokio::test]
async fn a_rate_keyed_in_is_listed_as_manual_with_who_entered_it() {
    let shop = TestShop::on(TODAY).await;
    let view = shop
        .kanak
        .set_gold_rate(&shop.actor, rate(TODAY, "24K", "7800"))
        .await
        .unwrap();
    assert_eq!(
        (view.source, view.entered_by.as_str()),
        (RateSource::Manual, "owner")
    );
    assert_eq!(
        in_force(&shop, TODAY).await,
        vec![row("24K", "7800.00", RateSource::Manual)]
    );
}

#[tokio::test]
async fn without_derive_rates_a_24k_rate_stores_only_itself() {
    let shop = TestShop::on(TODAY).await;
    assert!(
        !shop
            .kanak
            .app_status()
            .await
            .unwrap()
            .shop
            .unwrap()
            .derive_rates,
        "off by default"
    );
    shop.kanak
        .set_gold_rate(&shop.actor, rate(TODAY, "24K", "7800"))
        .await
        .unwrap();
    assert_eq!(in_force(&shop, TODAY).await.len(), 1);
}

#[tokio::test]
async fn with_derive_rates_a_24k_rate_also_stores_22k_and_18k_rounded_to_the_paisa() {
    let shop = deriving_shop().await;
    shop.kanak
        .set_gold_rate(&shop.actor, rate(TODAY, "24K", "7800"))
        .await
        .unwrap();
    // 7800 × 916/999 = 7151.951… ; 7800 × 750/999 = 5855.855…
    assert_eq!(
        in_force(&shop, TODAY).await,
        vec![
            row("18K", "5855.86", RateSource::Derived),
            row("22K", "7151.95", RateSource::Derived),
            row("24K", "7800.00", RateSource::Manual)
        ]
    );
}

#[tokio::test]
async fn a_later_24k_rate_never_overrides_a_22k_rate_keyed_in_that_day() {
    let shop = deriving_shop().await;
    shop.kanak
        .set_gold_rate(&shop.actor, rate(TODAY, "22K", "7100"))
        .await
        .unwrap();
    shop.kanak
        .set_gold_rate(&shop.actor, rate(TODAY, "24K", "7800"))
        .await
        .unwrap();
    let rates = in_force(&shop, TODAY).await;
    assert!(
        rates.contains(&row("22K", "7100.00", RateSource::Manual)),
        "{rates:?}"
    );
    assert!(
        rates.contains(&row("18K", "5855.86", RateSource::Derived)),
        "{rates:?}"
    );
    // The next day has no manual 22K, so the derived one applies there.
    let tomorrow = shop.on_day("2026-11-24");
    tomorrow
        .set_gold_rate(&shop.actor, rate("2026-11-24", "24K", "7800"))
        .await
        .unwrap();
    assert!(in_force(&shop, "2026-11-24").await.contains(&row(
        "22K",
        "7151.95",
        RateSource::Derived
    )));
}

#[tokio::test]
async fn a_22k_rate_keyed_in_after_a_derived_one_wins() {
    let shop = deriving_shop().await;
    shop.kanak
        .set_gold_rate(&shop.actor, rate(TODAY, "24K", "7800"))
        .await
        .unwrap();
    shop.kanak
        .set_gold_rate(&shop.actor, rate(TODAY, "22K", "7100"))
        .await
        .unwrap();
    shop.kanak
        .set_gold_rate(&shop.actor, rate(TODAY, "24K", "7900"))
        .await
        .unwrap();
    let rates = in_force(&shop, TODAY).await;
    assert!(
        rates.contains(&row("22K", "7100.00", RateSource::Manual)),
        "{rates:?}"
    );
    assert!(
        rates.contains(&row("18K", "5930.93", RateSource::Derived)),
        "re-derived from the new 24K: {rates:?}"
    );
}

#[tokio::test]
async fn a_weight_plan_buys_at_the_derived_22k_rate() {
    let shop = deriving_shop().await;
    let plan = shop.weight_plan("GOLD11", "5000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, &plan).await;
    shop.kanak
        .set_gold_rate(&shop.actor, rate(TODAY, "24K", "7800"))
        .await
        .unwrap();
    let payment = shop
        .kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap()
        .payment;
    assert_eq!(payment.rate_per_gram.as_deref(), Some("7151.95"));
}

const SHEET: &str =
    "date,purity,per_gram\n22-11-2026,24K,7750\n2026-11-23,24K,\"7,800.00\"\n23-11-2026,22K,7100\n";

#[tokio::test]
async fn a_csv_sheet_is_imported_whole_with_source_csv_and_derived_karats() {
    let shop = deriving_shop().await;
    let import = shop
        .kanak
        .import_gold_rates(&shop.actor, SHEET)
        .await
        .unwrap();
    assert_eq!(
        (import.source, import.imported, import.derived),
        (RateSource::Csv, 3, 3)
    );
    assert_eq!(
        in_force(&shop, TODAY).await,
        vec![
            row("18K", "5855.86", RateSource::Derived),
            row("22K", "7100.00", RateSource::Csv),
            row("24K", "7800.00", RateSource::Csv)
        ]
    );
    assert!(in_force(&shop, "2026-11-22").await.contains(&row(
        "22K",
        "7106.11",
        RateSource::Derived
    )));
}

#[tokio::test]
async fn one_bad_line_refuses_the_whole_sheet_naming_the_line_and_field() {
    let shop = deriving_shop().await;
    let before = shop.row_counts().await;
    let sheet = "date,purity,per_gram\n23-11-2026,24K,7800\n23-11-2026,22K,71OO\n";
    let error = shop
        .kanak
        .import_gold_rates(&shop.actor, sheet)
        .await
        .unwrap_err();
    assert_eq!(
        (error.code(), error.field()),
        ("invalid_input", Some("per_gram"))
    );
    assert_eq!(
        error.to_string(),
        "line 3: per_gram: must be an amount like 5000 or 5000.50"
    );
    let future = shop
        .kanak
        .import_gold_rates(&shop.actor, "date,purity,per_gram\n24-11-2026,24K,7800\n")
        .await
        .unwrap_err();
    assert_eq!(future.to_string(), "line 2: date: cannot be in the future");
    assert_eq!(shop.row_counts().await, before);
}

/// Serves one HTTP request on 127.0.0.1 with `status` and `body`; hands back the request line.
fn serve_once(status: &'static str, body: &'static str) -> (String, JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/rates/today.csv", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut request_line = String::new();
        reader.read_line(&mut request_line).unwrap();
        let mut header = String::new();
        while reader.read_line(&mut header).unwrap() > 2 {
            header.clear();
        }
        let response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: text/csv\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(response.as_bytes()).unwrap();
        request_line.trim_end().to_string()
    });
    (url, server)
}

async fn feed_shop(url: &str) -> TestShop {
    let shop = deriving_shop().await;
    let url = url.to_string();
    shop.change_settings(move |s| s.rate_feed_url = Some(url))
        .await;
    shop
}

#[tokio::test]
async fn the_feed_is_one_get_to_the_shops_url_imported_with_source_feed() {
    let (url, server) = serve_once("200 OK", SHEET);
    let shop = feed_shop(&url).await;
    let import = shop.kanak.fetch_gold_rates(&shop.actor).await.unwrap();
    assert_eq!(server.join().unwrap(), "GET /rates/today.csv HTTP/1.1");
    assert_eq!(
        (import.source, import.imported, import.derived),
        (RateSource::Feed, 3, 3)
    );
    assert!(
        in_force(&shop, TODAY)
            .await
            .contains(&row("24K", "7800.00", RateSource::Feed))
    );
}

#[tokio::test]
async fn a_feed_answering_500_imports_nothing_and_says_so() {
    let (url, server) = serve_once("500 Internal Server Error", "oops");
    let shop = feed_shop(&url).await;
    let before = shop.row_counts().await;
    let error = shop.kanak.fetch_gold_rates(&shop.actor).await.unwrap_err();
    server.join().unwrap();
    assert_eq!(
        (error.code(), error.field()),
        ("feed_unavailable", Some("rate_feed_url"))
    );
    assert_eq!(
        error.to_string(),
        format!(
            "the rate feed {url} answered HTTP 500 Internal Server Error; nothing was imported"
        )
    );
    assert_eq!(shop.row_counts().await, before);
}

#[tokio::test]
async fn a_feed_sending_a_bad_sheet_imports_nothing() {
    let (url, server) = serve_once("200 OK", "<html>rates</html>");
    let shop = feed_shop(&url).await;
    let before = shop.row_counts().await;
    let error = shop.kanak.fetch_gold_rates(&shop.actor).await.unwrap_err();
    server.join().unwrap();
    assert_eq!(error.code(), "feed_unavailable");
    assert!(
        error
            .to_string()
            .contains("line 1: header: must be date,purity,per_gram"),
        "{error}"
    );
    assert_eq!(shop.row_counts().await, before);
}

#[tokio::test]
async fn an_unreachable_feed_imports_nothing_and_says_so() {
    // A port that was free a moment ago: nothing listens there now.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/today.csv");
    let shop = feed_shop(&url).await;
    let before = shop.row_counts().await;
    let error = shop.kanak.fetch_gold_rates(&shop.actor).await.unwrap_err();
    assert_eq!(error.code(), "feed_unavailable");
    assert!(
        error
            .to_string()
            .starts_with(&format!("the rate feed {url} could not be reached")),
        "{error}"
    );
    assert_eq!(shop.row_counts().await, before);
}

#[tokio::test]
async fn fetching_without_a_feed_url_names_the_setting() {
    let shop = TestShop::on(TODAY).await;
    let error = shop.kanak.fetch_gold_rates(&shop.actor).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "rate_feed_url: is not set; add the shop's rate feed address in settings"
    );
}

#[tokio::test]
async fn the_feed_url_must_be_an_http_address() {
    let shop = TestShop::on(TODAY).await;
    let mut settings = shop
        .kanak
        .app_status()
        .await
        .unwrap()
        .shop
        .unwrap()
        .settings();
    settings.rate_feed_url = Some("ftp://rates.example.in/today.csv".into());
    let error = shop
        .kanak
        .update_settings(&shop.actor, settings.clone())
        .await
        .unwrap_err();
    assert_eq!(error.field(), Some("rate_feed_url"));
    settings.rate_feed_url = Some("https://rates.example.in/today.csv".into());
    let view = shop
        .kanak
        .update_settings(&shop.actor, settings.clone())
        .await
        .unwrap();
    assert_eq!(
        view.rate_feed_url.as_deref(),
        Some("https://rates.example.in/today.csv")
    );
    settings.rate_feed_url = Some(" ".into());
    assert_eq!(
        shop.kanak
            .update_settings(&shop.actor, settings)
            .await
            .unwrap()
            .rate_feed_url,
        None,
        "blank clears the feed"
    );
}

#[tokio::test]
async fn an_https_feed_that_does_not_speak_tls_is_reported_not_imported() {
    let (url, server) = serve_once("200 OK", SHEET);
    let url = url.replacen("http://", "https://", 1);
    let shop = feed_shop(&url).await;
    let before = shop.row_counts().await;
    let error = shop.kanak.fetch_gold_rates(&shop.actor).await.unwrap_err();
    let _ = server.join();
    assert_eq!(error.code(), "feed_unavailable", "{error}");
    assert_eq!(shop.row_counts().await, before);
}
