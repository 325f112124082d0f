//! The one log: positions are dense and in order, whatever pushes run at the same time.

mod common;

use common::TestHub;
use std::collections::HashSet;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pull_pages_stay_in_order_across_concurrent_pushes() {
    let hub = TestHub::start().await;
    let mut counters = Vec::new();
    for n in 1..=3 {
        counters.push(hub.counter(&format!("Counter {n}")).await);
    }
    let reader = hub.counter("Reader").await;
    const BATCHES: usize = 10;
    const PER_BATCH: usize = 20;
    let mut pushes = Vec::new();
    for mut counter in counters {
        pushes.push(tokio::spawn(async move {
            let (enrollment, opened) = counter.opening();
            counter.push_ok(&[opened]).await;
            for _ in 0..BATCHES {
                let batch: Vec<_> = (0..PER_BATCH)
                    .map(|_| counter.payment(enrollment))
                    .collect();
                counter.push_ok(&batch).await;
            }
        }));
    }
    // Pull small pages while the pushes run: every page continues exactly where the last ended.
    let total = 3 * (1 + BATCHES * PER_BATCH);
    let mut after = 0;
    let mut seen = HashSet::new();
    let mut pages = 0;
    while seen.len() < total {
        let page = reader.pull_page(after, 7).await;
        for (i, logged) in page.events.iter().enumerate() {
            assert_eq!(
                logged.position,
                after + 1 + i as u64,
                "no gap, no reordering"
            );
            assert!(seen.insert(logged.event.event_id), "each event once");
        }
        after = page.next_after;
        pages += 1;
        assert!(pages < 10_000, "the pull makes progress");
    }
    for push in pushes {
        push.await.unwrap();
    }
    assert!(!reader.pull_page(after, 7).await.more);
    let health = hub.health().await;
    assert_eq!(health["events"], total as u64);
    let reader_lag = health["lag"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "Reader")
        .unwrap()["lag"]
        .clone();
    assert_eq!(reader_lag, 0, "the reader's last pull was after the head");
}
