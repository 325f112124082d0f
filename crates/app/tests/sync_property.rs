//! Property: whatever N counters do offline and however the network fails between them and
//! the hub (lost acknowledgements, pushes cut halfway), after a final sync every counter has
//! the same customers, enrollments, payments (none doubled, none missing) and balances, and
//! they are the hub's.

mod common;

use common::sync_net::{Counter, Fault, Net, ledger, sync_all};
use common::{cash, customer_input, plan_input};
use kanak_app::{Clock, CounterEnrollInput};
use kanak_domain::{PaymentMode, PlanKind};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

#[derive(Debug, Clone)]
enum Op {
    /// A new customer enrolls at counter `at` and pays.
    WalkIn { at: usize },
    /// Counter `at` takes a payment on one of the enrollments it knows (`pick` chooses which).
    Pay { at: usize, pick: usize, rupees: u32 },
    /// Counter `at` syncs through a network that does `fault` to its pushes.
    Sync { at: usize, fault: u8 },
}

fn op(counters: usize) -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..counters).prop_map(|at| Op::WalkIn { at }),
        (0..counters, 0usize..8, 500u32..5000).prop_map(|(at, pick, rupees)| Op::Pay {
            at,
            pick,
            rupees
        }),
        (0..counters, 0u8..3).prop_map(|(at, fault)| Op::Sync { at, fault }),
    ]
}

fn case() -> impl Strategy<Value = (usize, Vec<Op>)> {
    (2usize..=3).prop_flat_map(|n| (Just(n), proptest::collection::vec(op(n), 1..14)))
}

async fn run(net: &Net, n: usize, ops: &[Op], case_no: u32) {
    let mut counters: Vec<Counter> = Vec::new();
    for i in 0..n {
        counters.push(net.counter(&format!("P{case_no}-{i}"), Clock::System).await);
    }
    let mut plan = plan_input(&format!("F{case_no}"), PlanKind::Flexible, None, 24);
    (plan.min_amount, plan.max_amount) = (Some("500".into()), Some("50000".into()));
    let plan_code = counters[0]
        .kanak
        .create_plan(&counters[0].actor, plan)
        .await
        .unwrap()
        .code;
    let all: Vec<&Counter> = counters.iter().collect();
    sync_all(&all).await;
    let mut phone = 9_700_000_000u64 + u64::from(case_no) * 1000;
    for op in ops {
        match *op {
            Op::WalkIn { at } => {
                phone += 1;
                let c = &counters[at];
                let input = CounterEnrollInput {
                    customer: customer_input("Walk In", &phone.to_string()),
                    plan_code: plan_code.clone(),
                    installments: None,
                    payment_id: common::uuid7(),
                    amount: "1000".into(),
                    mode: PaymentMode::Cash,
                    reference: None,
                };
                c.kanak.counter_enroll(&c.actor, input).await.unwrap();
            }
            Op::Pay { at, pick, rupees } => {
                let c = &counters[at];
                let known = ledger(&c.kanak).await.enrollments;
                if known.is_empty() {
                    continue;
                }
                let mut input = cash(&known[pick % known.len()].0, &rupees.to_string());
                input.confirm_duplicate = true;
                c.kanak.record_payment(&c.actor, input).await.unwrap();
            }
            Op::Sync { at, fault } => {
                net.fault(match fault {
                    1 => Fault::LoseAck,
                    2 => Fault::CutRequest,
                    _ => Fault::None,
                });
                // Under a fault the sync fails; it must lose and double nothing.
                let _ = counters[at].kanak.sync_now().await;
                net.fault(Fault::None);
            }
        }
    }
    sync_all(&all).await;
    let first = ledger(&counters[0].kanak).await;
    for c in &counters[1..] {
        assert_eq!(
            ledger(&c.kanak).await,
            first,
            "{} differs from {}",
            c.name,
            counters[0].name
        );
    }
    // One hub serves every case, and a new counter pulls the whole log: the ledgers hold
    // earlier cases' records too, so they are compared with the hub's whole log.
    let mut payments: Vec<String> = first.payments.iter().map(|p| p.0.clone()).collect();
    payments.sort();
    assert_eq!(payments, net.hub_entities("payment.recorded").await);
    let receipts: std::collections::BTreeSet<_> = first.payments.iter().map(|p| &p.1).collect();
    assert_eq!(
        receipts.len(),
        first.payments.len(),
        "no receipt number handed out twice"
    );
    let enrollments = net.hub_entities("enrollment.opened").await;
    assert_eq!(enrollments.len(), first.enrollments.len());
    let customers = net.hub_entities("customer.upserted").await;
    assert_eq!(customers.len(), first.customers.len());
}

#[test]
fn every_counter_ends_with_the_hubs_ledger_whatever_the_network_did() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let net = rt.block_on(Net::start());
    let cases: u32 = std::env::var("KANAK_SYNC_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(4);
    let mut runner = TestRunner::new(Config {
        cases,
        max_shrink_iters: 0,
        ..Config::default()
    });
    let counter = std::sync::atomic::AtomicU32::new(0);
    runner
        .run(&case(), |(n, ops)| {
            let case_no = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            rt.block_on(run(&net, n, &ops, case_no));
            Ok(())
        })
        .unwrap();
}
