//! Outbox and apply without a hub: events taken from one counter's outbox and delivered to
//! another's apply in any order, any number of times.

use kanak_sync::{Event, EventKind, LoggedEvent, PullPage};
use uuid::Uuid;

use super::{apply, outbox};
use crate::{Actor, Clock, CustomerEdit, CustomerInput, Kanak, SetupInput};

async fn shop() -> (Kanak, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let secrets = std::sync::Arc::new(crate::MemorySecrets::default());
    let kanak = Kanak::open_with(dir.path(), Clock::System, secrets, None)
        .await
        .unwrap();
    let setup = SetupInput {
        shop_name: "Lakshmi Jewellers".into(),
        address: String::new(),
        gstin: None,
        branch_code: "MAIN".into(),
        owner_name: "Ravi Soni".into(),
        owner_pin: "4321".into(),
    };
    kanak.setup_shop(setup).await.unwrap();
    (kanak, dir)
}

fn owner() -> Actor {
    Actor::staff("owner", kanak_domain::Role::Owner)
}

fn person(name: &str, phone: &str, family_of: Option<String>) -> CustomerInput {
    CustomerInput {
        name: name.into(),
        phone: phone.into(),
        pan: None,
        aadhaar: None,
        dob: None,
        address: None,
        pin_code: None,
        email: None,
        relation: family_of.as_ref().map(|_| "spouse".into()),
        family_of,
    }
}

async fn events_of(kanak: &Kanak, device: Uuid) -> Vec<Event> {
    let mut conn = kanak.pool().acquire().await.unwrap();
    let mut events = outbox::unsent(&mut conn, 0, 100).await.unwrap();
    for e in &mut events {
        e.device_id = device;
    }
    events
}

async fn deliver(kanak: &Kanak, events: &[Event], positions: &[u64]) {
    let page = PullPage {
        events: events
            .iter()
            .zip(positions)
            .map(|(event, &position)| LoggedEvent {
                position,
                event: event.clone(),
            })
            .collect(),
        next_after: positions.iter().copied().max().unwrap_or(0),
        more: false,
    };
    let mut tx = crate::store::begin_write(kanak.pool()).await.unwrap();
    apply::apply_page(&mut tx, kanak.clock(), Uuid::now_v7(), &page)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn names(kanak: &Kanak) -> Vec<(String, String, Option<String>)> {
    sqlx::query_as(
        "SELECT c.code, c.name, f.code FROM customers c LEFT JOIN customers f ON f.id = c.family_of ORDER BY c.code",
    )
    .fetch_all(kanak.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn an_edit_sends_only_the_fields_it_changed() {
    let (a, _dir) = shop().await;
    let code = a
        .add_customer(&owner(), person("Asha", "9876543210", None))
        .await
        .unwrap()
        .code;
    let edit = CustomerEdit {
        code: None,
        name: "Asha Verma".into(),
        phone: "9876543210".into(),
        pan: None,
        aadhaar: None,
        dob: None,
        address: None,
        pin_code: None,
        email: None,
    };
    a.edit_customer(&owner(), &code, edit).await.unwrap();
    let events = events_of(&a, Uuid::now_v7()).await;
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].kind, EventKind::CustomerUpserted);
    assert_eq!(events[0].payload["phone"], "9876543210");
    let changed: Vec<&String> = events[1].payload.as_object().unwrap().keys().collect();
    assert_eq!(changed, vec!["name", "updated_at"]);
    assert!(events[1].hlc > events[0].hlc);
    assert_eq!(events[0].entity_id, events[1].entity_id);
}

#[tokio::test]
async fn events_delivered_out_of_order_and_twice_apply_once_in_the_end() {
    let (a, _a_dir) = shop().await;
    let (b, _b_dir) = shop().await;
    let main = a
        .add_customer(&owner(), person("Asha", "9876543210", None))
        .await
        .unwrap()
        .code;
    a.add_customer(&owner(), person("Vikram", "9876543211", Some(main.clone())))
        .await
        .unwrap();
    let events = events_of(&a, Uuid::now_v7()).await;
    // The family member first: its main contact has not arrived, so it waits.
    deliver(&b, &events[1..], &[2]).await;
    assert!(names(&b).await.is_empty());
    assert_eq!(b.sync_status().await.unwrap().events_pending, 1);
    deliver(&b, &events[..1], &[1]).await;
    deliver(&b, &events, &[1, 2]).await;
    assert_eq!(names(&b).await, names(&a).await);
    assert_eq!(b.sync_status().await.unwrap().events_pending, 0);
}

#[tokio::test]
async fn an_older_edit_arriving_late_loses_to_the_newer_one() {
    let (a, _a_dir) = shop().await;
    let (b, _b_dir) = shop().await;
    let code = a
        .add_customer(&owner(), person("Asha", "9876543210", None))
        .await
        .unwrap()
        .code;
    let rename = |name: &str| CustomerEdit {
        code: None,
        name: name.into(),
        phone: "9876543210".into(),
        pan: None,
        aadhaar: None,
        dob: None,
        address: None,
        pin_code: None,
        email: None,
    };
    a.edit_customer(&owner(), &code, rename("Asha V"))
        .await
        .unwrap();
    a.edit_customer(&owner(), &code, rename("Asha Verma"))
        .await
        .unwrap();
    let events = events_of(&a, Uuid::now_v7()).await;
    deliver(&b, &[events[0].clone(), events[2].clone()], &[1, 3]).await;
    deliver(&b, &events[1..2], &[2]).await;
    assert_eq!(names(&b).await[0].1, "Asha Verma");
}
